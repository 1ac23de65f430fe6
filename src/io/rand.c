/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rand.c - random octets from getrandom(2) (rand.h) for CHAP challenges
 * (RFC 1994 §2.3) and Magic-Numbers (RFC 1661 §6.4).
 */
#include "rand.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

int rand_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		/* Requests over 256 octets may be cut short; keep going. */
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

int rand_pool_bytes(struct rand_pool *pool, void *buf, size_t n)
{
	unsigned char *from;

	if (n > sizeof(pool->block) / 2)
		return rand_bytes(buf, n);
	if (pool->left < n) {
		int rc = rand_bytes(pool->block, sizeof(pool->block));

		if (rc != 0) {
			pool->left = 0;
			return rc;
		}
		pool->left = sizeof(pool->block);
	}
	from = pool->block + sizeof(pool->block) - pool->left;
	memcpy(buf, from, n);
	memset(from, 0, n);
	pool->left -= n;
	return 0;
}
