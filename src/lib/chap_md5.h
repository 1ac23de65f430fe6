/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chap_md5.h - the CHAP MD5 response value (RFC 1994 §4.1), shared by the
 * CHAP peer (computes it) and AAA (checks it against the local secret).
 */
#ifndef NASD_LIB_CHAP_MD5_H
#define NASD_LIB_CHAP_MD5_H

#include <stddef.h>
#include <stdint.h>

#define CHAP_MD5_DIGEST_LEN 16

/* out = MD5(id || secret || challenge).  Uses nettle; cannot fail. */
void chap_md5_digest(uint8_t id, const uint8_t *secret, size_t secret_len,
		     const uint8_t *challenge, size_t challenge_len,
		     uint8_t out[CHAP_MD5_DIGEST_LEN]);

#endif
