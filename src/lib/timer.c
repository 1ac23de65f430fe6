/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * timer.c - binary min-heap of embedded timers (see timer.h).  Ties on the
 * deadline are broken by arm order so equal-deadline timers fire FIFO, which
 * keeps fake-clock tests deterministic.
 */
#include "timer.h"

#include <assert.h>
#include <stdlib.h>

static bool before(const struct timer *a, const struct timer *b)
{
	if (a->deadline_ms != b->deadline_ms)
		return a->deadline_ms < b->deadline_ms;
	return a->seq < b->seq;
}

static void place(struct timers *ts, size_t i, struct timer *t)
{
	ts->heap[i] = t;
	t->idx = i + 1;
}

static void sift_up(struct timers *ts, size_t i)
{
	struct timer *t = ts->heap[i];

	while (i > 0) {
		size_t parent = (i - 1) / 2;
		if (!before(t, ts->heap[parent]))
			break;
		place(ts, i, ts->heap[parent]);
		i = parent;
	}
	place(ts, i, t);
}

static void sift_down(struct timers *ts, size_t i)
{
	struct timer *t = ts->heap[i];

	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		const struct timer *best = t;

		if (l < ts->n && before(ts->heap[l], best)) {
			m = l;
			best = ts->heap[l];
		}
		if (r < ts->n && before(ts->heap[r], best))
			m = r;
		if (m == i)
			break;
		place(ts, i, ts->heap[m]);
		i = m;
	}
	place(ts, i, t);
}

static void heap_remove(struct timers *ts, size_t i)
{
	struct timer *last;

	assert(i < ts->n);
	ts->heap[i]->idx = 0;
	ts->n--;
	if (i == ts->n)
		return;
	last = ts->heap[ts->n];
	place(ts, i, last);
	if (i > 0 && before(last, ts->heap[(i - 1) / 2]))
		sift_up(ts, i);
	else
		sift_down(ts, i);
}

void timers_init(struct timers *ts, uint64_t now_ms)
{
	ts->heap = NULL;
	ts->n = 0;
	ts->cap = 0;
	ts->now_ms = now_ms;
	ts->seq = 0;
}

void timers_fini(struct timers *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		ts->heap[i]->idx = 0;
	free(ts->heap);
	ts->heap = NULL;
	ts->n = ts->cap = 0;
}

void timers_set_now(struct timers *ts, uint64_t now_ms)
{
	if (now_ms > ts->now_ms)
		ts->now_ms = now_ms;
}

size_t timers_advance(struct timers *ts, uint64_t now_ms)
{
	size_t ran = 0;

	if (now_ms > ts->now_ms)
		ts->now_ms = now_ms;
	while (ts->n > 0 && ts->heap[0]->deadline_ms <= ts->now_ms) {
		struct timer *t = ts->heap[0];
		heap_remove(ts, 0);
		t->cb(t->arg);
		ran++;
	}
	return ran;
}

int64_t timers_next_ms(const struct timers *ts)
{
	if (ts->n == 0)
		return -1;
	if (ts->heap[0]->deadline_ms <= ts->now_ms)
		return 0;
	return (int64_t)(ts->heap[0]->deadline_ms - ts->now_ms);
}

void timer_init(struct timer *t, struct timers *ts, void (*cb)(void *arg),
		void *arg)
{
	t->ts = ts;
	t->cb = cb;
	t->arg = arg;
	t->deadline_ms = 0;
	t->seq = 0;
	t->idx = 0;
}

bool timer_arm(struct timer *t, uint64_t delay_ms)
{
	struct timers *ts = t->ts;

	assert(ts != NULL && t->cb != NULL);
	timer_cancel(t);
	if (ts->n == ts->cap) {
		size_t ncap = ts->cap ? ts->cap * 2 : 16;
		struct timer **nh = realloc(ts->heap, ncap * sizeof(*nh));
		if (!nh)
			return false;
		ts->heap = nh;
		ts->cap = ncap;
	}
	t->deadline_ms = ts->now_ms + delay_ms;
	t->seq = ts->seq++;
	ts->heap[ts->n] = t;
	t->idx = ++ts->n;
	sift_up(ts, ts->n - 1);
	return true;
}

void timer_cancel(struct timer *t)
{
	if (t->idx == 0 || t->ts == NULL)
		return;
	heap_remove(t->ts, t->idx - 1);
}

int64_t timer_remaining_ms(const struct timer *t)
{
	if (t->idx == 0)
		return -1;
	if (t->deadline_ms <= t->ts->now_ms)
		return 0;
	return (int64_t)(t->deadline_ms - t->ts->now_ms);
}
