/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pool.h - IPv4 address pools (IOS `ip local pool NAME FIRST [LAST]`).
 *
 * A pool is one or more inclusive ranges.  Allocation hands out the next
 * free address after the one handed out last (wrapping), so an address
 * just released is not reused at once: a client that redials quickly does
 * not collide with stale routes or ARP entries of its previous session.
 * Addresses are uint32_t in host byte order.
 */
#ifndef NASD_SESSION_POOL_H
#define NASD_SESSION_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define POOL_NAME_MAX 32
#define POOL_RANGE_MAX 65536 /* addresses per pool, all ranges together */

struct pool_range {
	uint32_t first, last;
};

struct pool {
	char name[POOL_NAME_MAX];
	struct pool_range *ranges;
	size_t n_ranges;
	uint8_t *used;   /* one octet per address, ranges concatenated */
	size_t size;     /* addresses in all ranges */
	size_t in_use;
	size_t cursor;   /* index after the last allocation */
};

/* Create an empty pool.  NULL on allocation failure. */
struct pool *pool_new(const char *name);
void pool_free(struct pool *p);

/* Add an inclusive range.  Returns 0, -EINVAL if first > last, -E2BIG if
 * the pool would exceed POOL_RANGE_MAX, -EEXIST on overlap, -ENOMEM. */
int pool_add_range(struct pool *p, uint32_t first, uint32_t last);

/* Allocate an address: true and *addr, or false when exhausted. */
bool pool_alloc(struct pool *p, uint32_t *addr);
/* Take a specific address (a peer asking for one it had): true if it is
 * in the pool and was free. */
bool pool_take(struct pool *p, uint32_t addr);
/* Release; addresses not in the pool or not in use are ignored. */
void pool_release(struct pool *p, uint32_t addr);
bool pool_contains(const struct pool *p, uint32_t addr);
/* The address at index idx (0 .. size-1) of the concatenated ranges; 0 when
 * out of range.  With p->used[idx], lets a caller walk the addresses. */
uint32_t pool_addr_at(const struct pool *p, size_t idx);

#endif
