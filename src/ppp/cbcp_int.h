/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cbcp_int.h - what cbcp.c (codec and state machines) and cbcp_print.c (the
 * IOS debug lines) share and nobody else may use.
 */
#ifndef NASD_PPP_CBCP_INT_H
#define NASD_PPP_CBCP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "cbcp.h"

/* CBCP debug lines are on with `debug ppp cbcp` or `debug ppp negotiation`
 * (seed 001 shows them with only negotiation on). */
bool cbcp_debug_on(const struct logger *log);

/*
 * The answerer's line for an accepted-for-checking Response, in IOS 11.3's
 * wording (seed 001): "As4 MCB: Response CBK-Client-Num 2 13 15, addr
 * 1-527-9651" (type name, type, option Length, Delay, then every address as
 * addr-type-number).  opt_len is the option's Length octet.  Logged only when
 * cbcp_debug_on().
 */
void cbcp_print_response(const struct logger *log, const char *ifshort,
			 const struct cbcp_opt *opt, uint8_t opt_len);

#endif /* NASD_PPP_CBCP_INT_H */
