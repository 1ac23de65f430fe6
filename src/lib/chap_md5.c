/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "chap_md5.h"

#include <nettle/md5.h>

void chap_md5_digest(uint8_t id, const uint8_t *secret, size_t secret_len,
		     const uint8_t *challenge, size_t challenge_len,
		     uint8_t out[CHAP_MD5_DIGEST_LEN])
{
	struct md5_ctx md5;

	md5_init(&md5);
	md5_update(&md5, 1, &id);
	md5_update(&md5, secret_len, secret);
	md5_update(&md5, challenge_len, challenge);
	md5_digest(&md5, CHAP_MD5_DIGEST_LEN, out);
}
