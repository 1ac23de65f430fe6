/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * timer.h - timers embedded in the objects that own them, on an injected
 * millisecond clock.
 *
 * A `struct timers` is a min-heap of armed timers plus the current time.  It
 * does no I/O: the event loop (io/loop.h) tells it the time with
 * timers_advance() and sleeps until timers_next_ms(); a unit test does the same
 * with a fake clock and so drives every restart timer, keepalive and callback
 * delay without waiting.
 *
 * Rules (shared/reference/style.md §6.3):
 *  - a `struct timer` lives inside its owner; nothing is allocated per arm;
 *  - timer_arm() on an armed timer re-arms it (never a silent no-op);
 *  - timer_cancel() is idempotent;
 *  - a callback may arm, cancel or re-arm any timer, including its own, but
 *    must not free the heap; it may defer freeing its owner.
 * Time is a monotonic uint64_t in milliseconds.
 */
#ifndef NASD_LIB_TIMER_H
#define NASD_LIB_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct timers;

struct timer {
	struct timers *ts;       /* the heap this timer belongs to */
	void (*cb)(void *arg);   /* called once when the deadline passes */
	void *arg;               /* passed to cb */
	uint64_t deadline_ms;    /* absolute, valid while armed */
	uint64_t seq;            /* arm order: FIFO among equal deadlines */
	size_t idx;              /* heap slot + 1; 0 = not armed */
};

struct timers {
	struct timer **heap; /* heap[0] has the earliest deadline */
	size_t n;            /* armed timers */
	size_t cap;          /* allocated slots */
	uint64_t now_ms;     /* current time, set by timers_advance() */
	uint64_t seq;        /* next arm sequence number */
};

/* Initialise an empty heap whose clock reads now_ms. */
void timers_init(struct timers *ts, uint64_t now_ms);

/* Release the heap storage.  Armed timers are forgotten (their idx is reset
 * so a later timer_cancel() is harmless). */
void timers_fini(struct timers *ts);

/* The current time in milliseconds (as last set by timers_advance()). */
static inline uint64_t timers_now(const struct timers *ts)
{
	return ts->now_ms;
}

/* Move the clock to now_ms without running anything (never moves
 * backwards).  The event loop does this before dispatching fd callbacks so
 * they see the current time; timers then run in timers_advance(). */
void timers_set_now(struct timers *ts, uint64_t now_ms);

/* Set the clock to now_ms (never moves backwards) and run, in deadline order,
 * every timer whose deadline is <= now_ms, including ones armed by callbacks
 * for a deadline that is already due.  Returns the number of callbacks run. */
size_t timers_advance(struct timers *ts, uint64_t now_ms);

/* Milliseconds from now until the earliest deadline (0 if already due), or
 * -1 when nothing is armed. */
int64_t timers_next_ms(const struct timers *ts);

/* Bind a timer to a heap and a callback.  Must be called before first use;
 * the timer starts disarmed. */
void timer_init(struct timer *t, struct timers *ts, void (*cb)(void *arg),
		void *arg);

/* (Re-)arm to fire delay_ms after the current time.  Returns false only if
 * the heap could not grow (out of memory); the timer is then disarmed. */
bool timer_arm(struct timer *t, uint64_t delay_ms);

/* Disarm; harmless on a disarmed or never-initialised-with-heap timer. */
void timer_cancel(struct timer *t);

static inline bool timer_armed(const struct timer *t)
{
	return t->idx != 0;
}

/* Milliseconds until t fires, or -1 when disarmed. */
int64_t timer_remaining_ms(const struct timer *t);

#endif /* NASD_LIB_TIMER_H */
