/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pwd7.c - Cisco type 7 decode/encode (pwd7.h), from the publicly
 * documented scheme: clear[i] = byte[i] XOR key[(salt + i) mod 53].
 */
#include "pwd7.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char pwd7_key[] =
	"dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
#define PWD7_KEYLEN 53
_Static_assert(sizeof(pwd7_key) - 1 == PWD7_KEYLEN, "type 7 key length");

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int pwd7_decode(const char *enc, char *out, size_t out_size, const char **why)
{
	size_t len = strlen(enc), n;
	const char *dummy;
	unsigned salt;

	if (!why)
		why = &dummy;
	if (len < 2 || len % 2) {
		*why = "odd length";
		return -EINVAL;
	}
	if (!isdigit((unsigned char)enc[0]) || !isdigit((unsigned char)enc[1])) {
		*why = "bad salt";
		return -EINVAL;
	}
	salt = (unsigned)(enc[0] - '0') * 10 + (unsigned)(enc[1] - '0');
	if (salt >= PWD7_KEYLEN) {
		*why = "salt out of range";
		return -EINVAL;
	}
	n = (len - 2) / 2;
	if (n + 1 > out_size) {
		*why = "too long";
		return -ENOSPC;
	}
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(enc[2 + 2 * i]), lo = hexval(enc[3 + 2 * i]);
		char c;

		if (hi < 0 || lo < 0) {
			*why = "bad hex digit";
			return -EINVAL;
		}
		c = (char)((hi << 4 | lo) ^ pwd7_key[(salt + i) % PWD7_KEYLEN]);
		if (c == '\0') {
			*why = "NUL in password";
			return -EINVAL;
		}
		out[i] = c;
	}
	out[n] = '\0';
	return 0;
}

void pwd7_encode(const char *clear, struct strbuf *sb)
{
	unsigned sum = 0, salt;
	size_t n = strlen(clear);

	for (size_t i = 0; i < n; i++)
		sum += (unsigned char)clear[i];
	salt = sum % 16;
	sb_printf(sb, "%02u", salt);
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, "%02X",
			  (unsigned)((unsigned char)clear[i] ^
				     (unsigned char)
					     pwd7_key[(salt + i) % PWD7_KEYLEN]));
}

