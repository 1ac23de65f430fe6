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

#endif /* NASD_IO_RAND_H */
