/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp_opt.h - Configuration Option helpers shared by LCP and the NCPs
 * (RFC 1661 §6: Type, Length, Data).
 */
#ifndef NASD_PPP_CP_OPT_H
#define NASD_PPP_CP_OPT_H

#include <stdbool.h>
#include <stdint.h>

#include "rd.h"
#include "wr.h"

/*
 * Split the next option off `opts`: its Type, the whole option (for
 * echoing it in a Nak or Reject) and its Data.  Returns false at the end
 * of the list or when the Length is below 2 or runs past the list; `opts`
 * is then left where it was.
 */
bool cp_opt_next(struct rd *opts, uint8_t *type, struct rd *whole,
		 struct rd *body);

/*
 * RFC 1661 §5.2: a Configure-Ack must list exactly the options of our
 * Configure-Request.  Rebuild the request with build(ctx, w) and compare.
 */
bool cp_opt_same_as_request(void (*build)(void *ctx, struct wr *w),
			    void *ctx, const struct rd *opts);

#endif
