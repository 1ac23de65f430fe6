/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp_print.h - shared helpers for the IOS-style debug lines of control
 * protocols (`debug ppp negotiation`, `debug ppp authentication`).
 */
#ifndef NASD_PPP_CP_PRINT_H
#define NASD_PPP_CP_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "log.h"

/*
 * Log one option as IOS does under `debug ppp negotiation`:
 *   "As4 LCP:    ACCM 0x000A0000 (0x0206000A0000)"
 * `raw` is the whole option (Type, Length, data).  Options longer than 16
 * octets are printed as the description alone followed by hex lines of 16
 * octets each, as IOS does for an Endpoint Discriminator:
 *   "Vi1 LCP:    EndpointDisc 1 Local"
 *   "Vi1 LCP:    (0x13140172656D6F74653240636973636F)"
 *   "Vi1 LCP:    (0x2E636F6D)"
 * Logged at DBG_PPP_NEGOTIATION.
 */
void cp_print_opt(const struct logger *log, const char *ifname,
		  const char *proto, const char *desc, const uint8_t *raw,
		  size_t raw_len);

/* Format a host-order IPv4 address as dotted quad into buf (>= 16). */
char *cp_print_ipv4(char *buf, size_t size, uint32_t addr);

/*
 * Copy a peer-supplied name into out (NUL-terminated, truncated to
 * out_size - 1), replacing non-printable octets with '.', so that debug
 * lines stay one line and terminal-safe.
 */
char *cp_print_name(char *out, size_t out_size, const uint8_t *name,
		    size_t len);

#endif
