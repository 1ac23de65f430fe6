/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lns_select.c - choosing the LNS address for a new call (lns_select.h).
 */
#include "lns_select.h"

/* Is candidate a better choice than the current best b (both of the same
 * busy-ness and untried)? */
static bool better(const struct lns_cand *a, const struct lns_cand *b)
{
	if (a->priority != b->priority)
		return a->priority < b->priority;
	if (a->sessions != b->sessions)
		return a->sessions < b->sessions;
	/* Equal load: reuse a tunnel rather than open another; then the
	 * configured order (the caller iterates in it). */
	return a->active && !b->active;
}

static int best(const struct lns_cand *c, size_t n, bool busy)
{
	int k = -1;

	for (size_t i = 0; i < n; i++) {
		if (c[i].tried || c[i].busy != busy)
			continue;
		if (k < 0 || better(&c[i], &c[k]))
			k = (int)i;
	}
	return k;
}

struct lns_choice lns_select(const struct lns_cand *c, size_t n)
{
	struct lns_choice r = {-1, false};

	r.index = best(c, n, false);
	if (r.index < 0) {
		r.index = best(c, n, true);
		r.all_busy = r.index >= 0;
	}
	return r;
}
