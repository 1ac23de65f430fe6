/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * addrmap.h - an index from IPv4 addresses to small integers (array
 * positions), for O(1) per-packet lookups with thousands of sessions: the
 * data plane finds the session that owns a destination address with it.
 * Open addressing with linear probing and backward-shift deletion (no
 * tombstones, so lookups never slow down after many sessions came and
 * went); the table doubles when it is half full.  No RFC.
 */
#ifndef NASD_LIB_ADDRMAP_H
#define NASD_LIB_ADDRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct addrmap {
	uint32_t *keys;
	uint32_t *vals; /* value + 1; 0 = empty slot */
	size_t cap;     /* power of two, or 0 before the first insert */
	size_t n;
};

/* A zeroed struct addrmap is an empty map. */

/* Free the table (the map is empty and usable again). */
void addrmap_fini(struct addrmap *m);

/* Set key → val (val < UINT32_MAX), replacing a previous value.  Returns
 * 0 or -ENOMEM (the map is unchanged). */
int addrmap_put(struct addrmap *m, uint32_t key, uint32_t val);

/* The value of key in *val: true, or false when absent. */
bool addrmap_get(const struct addrmap *m, uint32_t key, uint32_t *val);

/* Remove key; false when it was absent. */
bool addrmap_del(struct addrmap *m, uint32_t key);

#endif /* NASD_LIB_ADDRMAP_H */
