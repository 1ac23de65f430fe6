/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pwd7.c - Cisco type 7 decode/encode (pwd7.h), from the publicly
 * documented scheme: clear[i] = byte[i] XOR key[(salt + i) mod 53].
 */
#include "pwd7.h"

#include <crypt.h>
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

int pwd5_hash(const char *clear, char *out, size_t out_size)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd;
	const char *h;
	int rc = 0;

	if (!crypt_gensalt_rn("$1$", 0, NULL, 0, salt, sizeof(salt)))
		return -EIO;
	cd = calloc(1, sizeof(*cd));
	if (!cd)
		return -ENOMEM;
	h = crypt_r(clear, salt, cd);
	if (!h || h[0] != '$')
		rc = -EIO;
	else if ((size_t)snprintf(out, out_size, "%s", h) >= out_size)
		rc = -ENOSPC;
	free(cd);
	return rc;
}

bool pwd5_verify(const char *clear, const char *hash)
{
	struct crypt_data *cd;
	const char *h;
	bool ok;

	if (!hash || hash[0] != '$')
		return false;
	cd = calloc(1, sizeof(*cd));
	if (!cd)
		return false;
	h = crypt_r(clear, hash, cd);
	ok = h && h[0] == '$' && strcmp(h, hash) == 0;
	free(cd);
	return ok;
}
