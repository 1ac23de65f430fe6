/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pwd5.c - MD5-crypt secrets (see pwd5.h).  crypt_rn() rather than
 * crypt_r(): it reports failure with NULL instead of a "*" string, and the
 * sanitizers' crypt_r interceptor crashes when libcrypt is linked the way
 * Debian links it.
 */
#include "pwd5.h"

#include <crypt.h>
#include <errno.h>
#include <nettle/memops.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	h = crypt_rn(clear, salt, cd, sizeof(*cd));
	if (!h || h[0] != '$')
		rc = -EIO;
	else if ((size_t)snprintf(out, out_size, "%s", h) >= out_size)
		rc = -ENOSPC;
	memset(cd, 0, sizeof(*cd));
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
	h = crypt_rn(clear, hash, cd, sizeof(*cd));
	ok = h && h[0] == '$' && strlen(h) == strlen(hash) &&
	     memeql_sec(h, hash, strlen(hash));
	memset(cd, 0, sizeof(*cd));
	free(cd);
	return ok;
}
