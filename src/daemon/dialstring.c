/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dialstring.c - the check of a caller-supplied callback number
 * (dialstring.h).  IOS documents no grammar for it; the accepted set is
 * what a Hayes dial command takes as a number plus the usual separators,
 * and nothing that would end or extend the ATD command.
 */
#include "dialstring.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool dial_char(char c)
{
	return (c >= '0' && c <= '9') || strchr("*#+-().,", c) != NULL;
}

int dialstring_check(const char *typed, char *out, size_t size, char *why,
		     size_t why_size)
{
	size_t n = 0;
	bool digit = false;

	if (size)
		out[0] = '\0';
	for (const char *p = typed; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == ' ' || c == '\t')
			continue;
		if (!dial_char((char)c)) {
			if (c >= 0x20 && c < 0x7f)
				snprintf(why, why_size,
					 "'%c' is not a dial character", c);
			else
				snprintf(why, why_size,
					 "octet 0x%02X is not a dial character",
					 c);
			if (size)
				out[0] = '\0';
			return -EINVAL;
		}
		if (n + 1 >= size) {
			snprintf(why, why_size, "longer than %zu characters",
				 size ? size - 1 : 0);
			if (size)
				out[0] = '\0';
			return -ENOSPC;
		}
		digit = digit || (c >= '0' && c <= '9');
		out[n++] = (char)c;
	}
	if (size)
		out[n] = '\0';
	if (n == 0 || !digit) {
		snprintf(why, why_size, "%s", n == 0 ? "empty" : "no digit");
		if (size)
			out[0] = '\0';
		return -EINVAL;
	}
	return 0;
}
