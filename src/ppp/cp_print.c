/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp_print.c - IOS-style option lines for the control-protocol debug output
 * (see cp_print.h).  The layout follows the seed traces: four spaces after
 * "LCP:", the decoded value, then the raw option in hex in parentheses.
 */
#include "cp_print.h"

#include <stdio.h>

#define HEX_CHUNK 16

void cp_print_opt(const struct logger *log, const char *ifname,
		  const char *proto, const char *desc, const uint8_t *raw,
		  size_t raw_len)
{
	char hex[2 * HEX_CHUNK + 1];

	if (!log_debug_on(log, DBG_PPP_NEGOTIATION))
		return;
	if (raw_len <= HEX_CHUNK) {
		log_printf(log, LOG_LVL_DEBUG, "%s %s:    %s (0x%s)", ifname,
			   proto, desc, hex_upper(hex, sizeof(hex), raw,
						  raw_len));
		return;
	}
	log_printf(log, LOG_LVL_DEBUG, "%s %s:    %s", ifname, proto, desc);
	for (size_t off = 0; off < raw_len; off += HEX_CHUNK) {
		size_t n = raw_len - off < HEX_CHUNK ? raw_len - off
						     : HEX_CHUNK;
		log_printf(log, LOG_LVL_DEBUG, "%s %s:    (0x%s)", ifname,
			   proto, hex_upper(hex, sizeof(hex), raw + off, n));
	}
}

char *cp_print_ipv4(char *buf, size_t size, uint32_t addr)
{
	snprintf(buf, size, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 255,
		 (addr >> 8) & 255, addr & 255);
	return buf;
}

char *cp_print_name(char *out, size_t out_size, const uint8_t *name,
		    size_t len)
{
	size_t o = 0;

	if (out_size == 0)
		return out;
	for (size_t i = 0; i < len && o + 1 < out_size; i++)
		out[o++] = (name[i] >= 0x20 && name[i] < 0x7f) ? (char)name[i]
							       : '.';
	out[o] = '\0';
	return out;
}
