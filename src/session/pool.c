/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pool.c - IPv4 address pools (see pool.h). */
#include "pool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct pool *pool_new(const char *name)
{
	struct pool *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	strncpy(p->name, name, sizeof(p->name) - 1);
	return p;
}

void pool_free(struct pool *p)
{
	if (!p)
		return;
	free(p->ranges);
	free(p->used);
	free(p);
}

/* Index of addr in the concatenated ranges, or -1. */
static long pool_index(const struct pool *p, uint32_t addr)
{
	size_t base = 0;

	for (size_t i = 0; i < p->n_ranges; i++) {
		const struct pool_range *r = &p->ranges[i];
		if (addr >= r->first && addr <= r->last)
			return (long)(base + (addr - r->first));
		base += (size_t)(r->last - r->first) + 1;
	}
	return -1;
}

uint32_t pool_addr_at(const struct pool *p, size_t idx)
{
	for (size_t i = 0; i < p->n_ranges; i++) {
		size_t n = (size_t)(p->ranges[i].last - p->ranges[i].first) + 1;
		if (idx < n)
			return p->ranges[i].first + (uint32_t)idx;
		idx -= n;
	}
	return 0;
}

int pool_add_range(struct pool *p, uint32_t first, uint32_t last)
{
	size_t n;
	struct pool_range *nr;
	uint8_t *nu;

	if (first > last)
		return -EINVAL;
	n = (size_t)(last - first) + 1;
	if (n > POOL_RANGE_MAX || p->size + n > POOL_RANGE_MAX)
		return -E2BIG;
	for (size_t i = 0; i < p->n_ranges; i++)
		if (first <= p->ranges[i].last && last >= p->ranges[i].first)
			return -EEXIST;
	nr = realloc(p->ranges, (p->n_ranges + 1) * sizeof(*nr));
	if (!nr)
		return -ENOMEM;
	p->ranges = nr;
	nu = realloc(p->used, p->size + n);
	if (!nu)
		return -ENOMEM;
	memset(nu + p->size, 0, n);
	p->used = nu;
	p->ranges[p->n_ranges].first = first;
	p->ranges[p->n_ranges].last = last;
	p->n_ranges++;
	p->size += n;
	return 0;
}

bool pool_alloc(struct pool *p, uint32_t *addr)
{
	for (size_t k = 0; k < p->size; k++) {
		size_t i = (p->cursor + k) % p->size;
		if (!p->used[i]) {
			p->used[i] = 1;
			p->in_use++;
			p->cursor = (i + 1) % p->size;
			*addr = pool_addr_at(p, i);
			return true;
		}
	}
	return false;
}

bool pool_take(struct pool *p, uint32_t addr)
{
	long i = pool_index(p, addr);

	if (i < 0 || p->used[i])
		return false;
	p->used[i] = 1;
	p->in_use++;
	return true;
}

void pool_release(struct pool *p, uint32_t addr)
{
	long i = pool_index(p, addr);

	if (i < 0 || !p->used[i])
		return;
	p->used[i] = 0;
	p->in_use--;
}

bool pool_contains(const struct pool *p, uint32_t addr)
{
	return pool_index(p, addr) >= 0;
}
