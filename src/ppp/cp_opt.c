/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cp_opt.c - Configuration Option helpers (see cp_opt.h). */
#include "cp_opt.h"

#include <string.h>

#include "cp_fsm.h"

bool cp_opt_next(struct rd *opts, uint8_t *type, struct rd *whole,
		 struct rd *body)
{
	uint8_t t, len;
	struct rd peek = *opts;

	if (!rd_u8(&peek, &t) || !rd_u8(&peek, &len) || len < 2)
		return false;
	if (!rd_sub(opts, len, whole))
		return false;
	*body = *whole;
	rd_skip(body, 2);
	*type = t;
	return true;
}

bool cp_opt_same_as_request(void (*build)(void *ctx, struct wr *w),
			    void *ctx, const struct rd *opts)
{
	uint8_t buf[CP_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));

	build(ctx, &w);
	return wr_ok(&w) && w.len == rd_left(opts) &&
	       memcmp(buf, opts->p, w.len) == 0;
}
