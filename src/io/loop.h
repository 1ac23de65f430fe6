/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loop.h - nasd's single-threaded event loop: epoll (level-triggered) for
 * file descriptors, one timerfd armed at the earliest deadline of the loop's
 * `struct timers` heap (lib/timer.h), a signalfd for signals and a queue of
 * deferred work.  It implements no RFC; it is the adapter that turns the
 * operating system's events into calls on the sans-I/O protocol cores
 * (shared/reference/style.md §6.3).
 *
 * Two clocks:
 *  - LOOP_CLOCK_MONOTONIC: the heap's time is CLOCK_MONOTONIC in ms.
 *  - LOOP_CLOCK_SIMULATED: time only moves when the loop has nothing ready.
 *    Every iteration polls the fds with timeout 0; if nothing is ready and
 *    no deferred work or due timer is pending, the clock jumps straight to
 *    the next timer deadline (a 60 s callback delay costs no wall time).  If
 *    no timer is armed the loop blocks on the fds as usual and the clock
 *    stands still.  The phone-network simulator runs its modems on this.
 *
 * Order of work in one iteration (loop_run_once()):
 *  1. choose the wait: 0 if deferred work is queued or a timer is already
 *     due; otherwise max_wait_ms (real clock: the timerfd, armed with
 *     TFD_TIMER_ABSTIME at the earliest deadline, wakes the wait early);
 *     simulated clock: 0, and only if nothing at all is ready does the
 *     clock jump to the next deadline (at most max_wait_ms ahead) or, with
 *     no timer armed, the loop block for up to max_wait_ms;
 *  2. epoll_wait() for one batch of at most LOOP_BATCH events;
 *  3. read the clock once and set the heap's time, so that everything below
 *     sees the same `now` and a timer armed from an fd callback is measured
 *     from the moment the loop woke up, not from before it slept;
 *  4. dispatch the batch: fd callbacks, signal callbacks (via the signalfd);
 *     input that arrived before a deadline is handled before the timer
 *     fires, so a Configure-Ack that raced the restart timer wins;
 *  5. timers: timers_advance() runs every timer due at `now`, in deadline
 *     order;
 *  6. deferred work queued before this step, in FIFO order; work queued by
 *     a deferred callback runs in the next iteration (which then does not
 *     wait), so a callback that re-queues itself cannot starve the fds.
 *
 * Lifetime rules: nothing is freed inside its own callback.  An owner that
 * dies calls loop_fd_del() on its handles, cancels its timers and frees
 * itself from a loop_defer() callback.  loop_fd_del() also scrubs the handle
 * from the batch being dispatched, so even a handle deleted by another
 * callback in the same batch gets no stale event.
 *
 * The loop is not thread-safe and not re-entrant: loop_run_once() must not
 * be called from inside a callback.
 */
#ifndef NASD_IO_LOOP_H
#define NASD_IO_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#include "timer.h"

struct loop;

enum loop_clock {
	LOOP_CLOCK_MONOTONIC, /* real time, CLOCK_MONOTONIC */
	LOOP_CLOCK_SIMULATED, /* jumps to the next deadline when idle */
};

/* Events at most dispatched per iteration. */
#define LOOP_BATCH 64

/* Event bits for loop_fd_add()/loop_fd_mod() and the callback's revents. */
#define LOOP_IN 0x1  /* readable (EPOLLIN) */
#define LOOP_OUT 0x2 /* writable (EPOLLOUT) */
/* EPOLLERR or EPOLLHUP: always reported, never asked for.  The loop is
 * level-triggered, so a handle that keeps reporting LOOP_ERR must be
 * deleted or it spins. */
#define LOOP_ERR 0x4

/*
 * A registered file descriptor.  Embedded in its owner; must be
 * zero-initialised (or deleted) before loop_fd_add().  The fields are the
 * loop's; only `arg` is for the owner.
 */
struct loop_fd {
	struct loop *loop; /* NULL when not registered */
	int fd;		   /* -1 when not registered */
	uint32_t events;   /* LOOP_IN | LOOP_OUT as last set */
	void (*cb)(struct loop_fd *h, uint32_t revents);
	struct loop_fd *next, *prev; /* the loop's list of registered fds */
	void *arg; /* owner's context, given to loop_fd_add() */
};

/*
 * A deferred work item.  Embedded in its owner; must be zero-initialised
 * before its first loop_defer().
 */
struct loop_defer {
	struct loop *loop; /* set by loop_defer() */
	void (*cb)(void *arg);
	void *arg;
	struct loop_defer *next, *prev;
	uint64_t gen; /* iteration that queued it (see order step 6) */
	bool queued;
};

/*
 * Create a loop with its own timer heap, epoll, timerfd and signalfd (all
 * O_NONBLOCK | O_CLOEXEC).  The simulated clock starts at the current
 * CLOCK_MONOTONIC reading, so both clocks look alike to their users.
 * Returns NULL with errno set on failure.
 */
struct loop *loop_new(enum loop_clock clock);

/*
 * Free the loop and close its own descriptors.  Handles still registered
 * and deferred items still queued are detached (a later loop_fd_del() or
 * loop_defer_cancel() on them is harmless); their fds are not closed.
 * Armed timers are forgotten (timers_fini()).  Signals blocked by
 * loop_signal() that were not blocked before are unblocked again, so a
 * signal still pending then is delivered with its default action.
 * NULL is harmless.  Must not be called from a callback of this loop.
 */
void loop_free(struct loop *loop);

/* The loop's timer heap, for timer_init().  Owned by the loop. */
struct timers *loop_timers(struct loop *loop);

/*
 * The loop's monotonic clock in ms: the time read when the current
 * iteration woke up (simulated: the simulated time).  Same value as
 * timers_now(loop_timers(loop)).
 */
uint64_t loop_now_ms(const struct loop *loop);

/*
 * Wall-clock time in ms since the Unix epoch, for log timestamps and pcap
 * records.  Real clock: CLOCK_REALTIME now.  Simulated clock: the real
 * time when the loop was created plus the simulated time elapsed since.
 */
uint64_t loop_wall_ms(const struct loop *loop);

/*
 * Register fd for `events` (LOOP_IN and/or LOOP_OUT; 0 = only LOOP_ERR).
 * cb(h, revents) is called from the loop while the condition holds
 * (level-triggered) with revents a subset of LOOP_IN | LOOP_OUT | LOOP_ERR.
 * The fd stays the caller's: the loop never closes it.  h must not be
 * registered already.
 * Returns 0, -EBUSY (h already registered), -EINVAL (bad fd, events or
 * NULL cb), or the -errno of epoll_ctl() (-EPERM for a regular file, which
 * epoll cannot watch; -EEXIST when fd is registered through another handle).
 */
int loop_fd_add(struct loop *loop, struct loop_fd *h, int fd, uint32_t events,
		void (*cb)(struct loop_fd *h, uint32_t revents), void *arg);

/* Change the events of a registered handle.  Returns 0, -ENOENT when h is
 * not registered, -EINVAL for bad bits, or the -errno of epoll_ctl(). */
int loop_fd_mod(struct loop_fd *h, uint32_t events);

/*
 * Unregister h.  Idempotent (harmless on a zeroed or deleted handle) and
 * safe inside any callback, including h's own: a deleted handle gets no
 * further callbacks even if its event is in the batch being dispatched.
 * Call it before close(fd): epoll forgets a closed fd only when every
 * duplicate of it is closed.  Does not close the fd.
 */
void loop_fd_del(struct loop_fd *h);

/* The registered fd, or -1 when h is not registered. */
int loop_fd_fd(const struct loop_fd *h);

/*
 * Queue cb(arg) to run once after the current batch of callbacks (order
 * step 6), FIFO.  Queuing an item that is already queued is a no-op (the
 * first cb/arg and position stay).  A callback may re-queue its own item;
 * it then runs in the next iteration.  This is where owners free
 * themselves: the item may be embedded in the memory cb frees.
 */
void loop_defer(struct loop *loop, struct loop_defer *d, void (*cb)(void *arg),
		void *arg);

/* Unqueue d if queued; harmless otherwise (also on a zeroed item). */
void loop_defer_cancel(struct loop_defer *d);

/* True while d is queued. */
bool loop_defer_queued(const struct loop_defer *d);

/*
 * Deliver signal signo through the loop: it is blocked with
 * sigprocmask() and read from the signalfd, and cb(signo, arg) then runs in
 * order step 4 like any fd callback, so it may do anything a callback may.
 * Registering again replaces cb/arg.  Blocked signals stay blocked in
 * children created with fork() (exec'd programs inherit the mask too).
 * Returns 0, -EINVAL (signo out of range, SIGKILL, SIGSTOP, NULL cb) or
 * -errno from sigprocmask()/signalfd().
 */
int loop_signal(struct loop *loop, int signo, void (*cb)(int signo, void *arg),
		void *arg);

/*
 * Run iterations until loop_stop() is called (by a callback), then clear the
 * stop request and return 0.  If loop_stop() was called before, returns 0
 * at once.  Returns -errno if epoll_wait() fails (EINTR is retried).
 */
int loop_run(struct loop *loop);

/* Ask loop_run() to return after the current iteration. */
void loop_stop(struct loop *loop);

/*
 * Run one iteration (see the order above).  max_wait_ms bounds how much
 * loop time the iteration may let pass while nothing is ready: real clock,
 * the epoll timeout (-1 = until the next timer or fd); simulated clock, both
 * the jump of the clock and the blocking wait when no timer is armed
 * (-1 = jump to the next deadline, or block until an fd is ready).
 * Returns the number of callbacks run (fd, signal, timer and deferred),
 * 0 when the wait ended with nothing to do, or -errno from epoll_wait().
 * Meant for tests and for the simulator's single-stepping.
 */
int loop_run_once(struct loop *loop, int max_wait_ms);

#endif /* NASD_IO_LOOP_H */
