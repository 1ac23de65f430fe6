/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * addrmap.c - IPv4 address → index map (addrmap.h): linear probing, a
 * Fibonacci hash (pool addresses are consecutive and must not cluster),
 * backward-shift deletion.
 */
#include "addrmap.h"

#include <errno.h>
#include <stdlib.h>

static size_t home(const struct addrmap *m, uint32_t key)
{
	return (size_t)((key * 2654435769u) >> 7) & (m->cap - 1);
}

/* The slot of key, or the empty slot where it would go (cap > 0). */
static size_t slot(const struct addrmap *m, uint32_t key)
{
	size_t i = home(m, key);

	while (m->vals[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

void addrmap_fini(struct addrmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = m->vals = NULL;
	m->cap = m->n = 0;
}

static int grow(struct addrmap *m, size_t ncap)
{
	struct addrmap nm = {0};

	nm.keys = calloc(ncap, sizeof(*nm.keys));
	nm.vals = calloc(ncap, sizeof(*nm.vals));
	if (!nm.keys || !nm.vals) {
		free(nm.keys);
		free(nm.vals);
		return -ENOMEM;
	}
	nm.cap = ncap;
	for (size_t i = 0; i < m->cap; i++) {
		if (m->vals[i]) {
			size_t s = slot(&nm, m->keys[i]);

			nm.keys[s] = m->keys[i];
			nm.vals[s] = m->vals[i];
		}
	}
	nm.n = m->n;
	addrmap_fini(m);
	*m = nm;
	return 0;
}

int addrmap_put(struct addrmap *m, uint32_t key, uint32_t val)
{
	size_t s;

	if (val == UINT32_MAX)
		return -EINVAL;
	if (2 * (m->n + 1) > m->cap) {
		int rc = grow(m, m->cap ? 2 * m->cap : 64);

		if (rc)
			return rc;
	}
	s = slot(m, key);
	if (!m->vals[s])
		m->n++;
	m->keys[s] = key;
	m->vals[s] = val + 1;
	return 0;
}

bool addrmap_get(const struct addrmap *m, uint32_t key, uint32_t *val)
{
	size_t s;

	if (!m->cap)
		return false;
	s = slot(m, key);
	if (!m->vals[s])
		return false;
	*val = m->vals[s] - 1;
	return true;
}

bool addrmap_del(struct addrmap *m, uint32_t key)
{
	size_t mask, j, k;

	if (!m->cap)
		return false;
	mask = m->cap - 1;
	j = slot(m, key);
	if (!m->vals[j])
		return false;
	m->vals[j] = 0;
	m->n--;
	/* Backward shift: pull later entries of the probe chain into the
	 * hole unless their home lies cyclically in (j, k]. */
	for (k = (j + 1) & mask; m->vals[k]; k = (k + 1) & mask) {
		size_t h = home(m, m->keys[k]);
		bool stays = j < k ? (h > j && h <= k) : (h > j || h <= k);

		if (stays)
			continue;
		m->keys[j] = m->keys[k];
		m->vals[j] = m->vals[k];
		m->vals[k] = 0;
		j = k;
	}
	return true;
}
