/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rand.h - cryptographically strong random octets from the kernel, for
 * CHAP challenges (RFC 1994 §2.3: each challenge value SHOULD be unique
 * and unpredictable) and LCP Magic-Numbers (RFC 1661 §6.4).
 */
#ifndef NASD_IO_RAND_H
#define NASD_IO_RAND_H

#include <stddef.h>

/* Fill buf[0..n) from getrandom(2), retrying on EINTR and short reads.
 * Blocks only until the kernel's pool is initialised (early boot).
 * Returns 0 or -errno (-ENOSYS on a kernel without getrandom). */
int rand_bytes(void *buf, size_t n);

/* Octets fetched from getrandom(2) in blocks and handed out in order, so
 * that a burst of sessions (an LNS bringing up thousands of calls: a
 * Magic-Number, a CHAP challenge and an L2TP Session ID each) costs one
 * system call per block instead of one per value.  Zero-initialise it;
 * octets handed out are erased from the block. */
struct rand_pool {
	unsigned char block[512];
	size_t left; /* unused octets at the end of block */
};

/* As rand_bytes(), from the pool: requests over half a block go straight
 * to the kernel.  Returns 0 or -errno (nothing is taken then). */
int rand_pool_bytes(struct rand_pool *pool, void *buf, size_t n);

#endif /* NASD_IO_RAND_H */
