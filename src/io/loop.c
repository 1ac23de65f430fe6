/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loop.c - the event loop (loop.h): epoll, one timerfd for the timer heap,
 * a signalfd, a deferred-work queue, and the real or simulated clock.  The
 * order of work in one iteration is documented in loop.h and implemented by
 * loop_run_once().  No protocol knowledge lives here.
 */
#include "loop.h"

#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define NO_DEADLINE UINT64_MAX

struct loop_sig {
	void (*cb)(int signo, void *arg);
	void *arg;
};

struct loop {
	enum loop_clock clock;
	int epfd;
	int tfd;		  /* timerfd, CLOCK_MONOTONIC */
	int sfd;		  /* signalfd for sig_mask */
	struct timers timers;	  /* the loop's heap and clock */
	uint64_t tfd_deadline_ms; /* what tfd is armed at, or NO_DEADLINE */
	uint64_t start_mono_ms;	  /* clock reading at loop_new() */
	uint64_t start_wall_ms;	  /* CLOCK_REALTIME at loop_new() */
	struct loop_fd timer_h;	  /* internal handles for tfd and sfd */
	struct loop_fd signal_h;
	struct loop_fd *fds; /* registered handles (internal ones too) */
	struct loop_defer *dhead, *dtail;
	uint64_t defer_gen; /* bumped at the start of each drain */
	struct epoll_event batch[LOOP_BATCH];
	int batch_n; /* valid entries while dispatching, else 0 */
	int ran;     /* callbacks run in this iteration */
	bool in_run; /* inside loop_run_once() */
	bool stop;
	sigset_t sig_mask;	    /* signals routed through sfd */
	sigset_t sig_blocked_by_us; /* to unblock again in loop_free() */
	struct loop_sig sig[_NSIG];
};

static uint64_t clock_ms(clockid_t id)
{
	struct timespec ts;

	/* Cannot fail for these clock ids with a valid pointer. */
	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/*
 * Set the heap's clock without running timers: fd input is dispatched
 * before due timers (order step 4 before 5) while already seeing the new
 * time, so timers armed from an fd callback count from the wake-up.
 */
static void clock_set(struct loop *loop, uint64_t now_ms)
{
	timers_set_now(&loop->timers, now_ms);
}

static uint32_t to_epoll(uint32_t events)
{
	uint32_t ev = 0;

	if (events & LOOP_IN)
		ev |= EPOLLIN;
	if (events & LOOP_OUT)
		ev |= EPOLLOUT;
	return ev;
}

static uint32_t from_epoll(uint32_t ev)
{
	uint32_t r = 0;

	if (ev & EPOLLIN)
		r |= LOOP_IN;
	if (ev & EPOLLOUT)
		r |= LOOP_OUT;
	if (ev & (EPOLLERR | EPOLLHUP))
		r |= LOOP_ERR;
	return r;
}

static bool events_valid(uint32_t events)
{
	return (events & ~(uint32_t)(LOOP_IN | LOOP_OUT | LOOP_ERR)) == 0;
}

static void on_timerfd(struct loop_fd *h, uint32_t revents)
{
	struct loop *loop = h->arg;
	uint64_t expirations;

	(void)revents;
	/* Drain it so level-triggered epoll stops reporting it, and forget the
	 * armed deadline so the next iteration re-arms whatever is earliest
	 * (a deadline in the past fires at once). */
	while (read(loop->tfd, &expirations, sizeof(expirations)) > 0)
		;
	loop->tfd_deadline_ms = NO_DEADLINE;
}

static void on_signalfd(struct loop_fd *h, uint32_t revents)
{
	struct loop *loop = h->arg;
	struct signalfd_siginfo si;

	(void)revents;
	while (read(loop->sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		int signo = (int)si.ssi_signo;

		if (signo <= 0 || signo >= _NSIG || !loop->sig[signo].cb)
			continue;
		loop->ran++;
		loop->sig[signo].cb(signo, loop->sig[signo].arg);
	}
}

struct loop *loop_new(enum loop_clock clock)
{
	struct loop *loop;
	int saved;

	if (clock != LOOP_CLOCK_MONOTONIC && clock != LOOP_CLOCK_SIMULATED) {
		errno = EINVAL;
		return NULL;
	}
	loop = calloc(1, sizeof(*loop));
	if (!loop)
		return NULL;
	loop->clock = clock;
	loop->epfd = loop->tfd = loop->sfd = -1;
	loop->tfd_deadline_ms = NO_DEADLINE;
	loop->start_mono_ms = clock_ms(CLOCK_MONOTONIC);
	loop->start_wall_ms = clock_ms(CLOCK_REALTIME);
	timers_init(&loop->timers, loop->start_mono_ms);
	sigemptyset(&loop->sig_mask);
	sigemptyset(&loop->sig_blocked_by_us);

	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epfd < 0)
		goto fail;
	loop->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (loop->tfd < 0)
		goto fail;
	loop->sfd = signalfd(-1, &loop->sig_mask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (loop->sfd < 0)
		goto fail;
	errno = 0;
	if (loop_fd_add(loop, &loop->timer_h, loop->tfd, LOOP_IN, on_timerfd,
			loop) < 0 ||
	    loop_fd_add(loop, &loop->signal_h, loop->sfd, LOOP_IN, on_signalfd,
			loop) < 0)
		goto fail;
	return loop;

fail:
	saved = errno ? errno : ENOMEM;
	loop_free(loop);
	errno = saved;
	return NULL;
}

void loop_free(struct loop *loop)
{
	if (!loop)
		return;
	assert(!loop->in_run);
	/* Detach whatever owners left behind so their later del/cancel calls
	 * do not touch freed memory. */
	while (loop->fds) {
		struct loop_fd *h = loop->fds;

		loop->fds = h->next;
		h->loop = NULL;
		h->fd = -1;
		h->next = h->prev = NULL;
	}
	while (loop->dhead) {
		struct loop_defer *d = loop->dhead;

		loop->dhead = d->next;
		d->queued = false;
		d->loop = NULL;
		d->next = d->prev = NULL;
	}
	timers_fini(&loop->timers);
	if (loop->epfd >= 0)
		close(loop->epfd);
	if (loop->tfd >= 0)
		close(loop->tfd);
	if (loop->sfd >= 0)
		close(loop->sfd);
	sigprocmask(SIG_UNBLOCK, &loop->sig_blocked_by_us, NULL);
	free(loop);
}

struct timers *loop_timers(struct loop *loop)
{
	return &loop->timers;
}

uint64_t loop_now_ms(const struct loop *loop)
{
	return loop->timers.now_ms;
}

uint64_t loop_wall_ms(const struct loop *loop)
{
	if (loop->clock == LOOP_CLOCK_SIMULATED)
		return loop->start_wall_ms +
		       (loop->timers.now_ms - loop->start_mono_ms);
	return clock_ms(CLOCK_REALTIME);
}

/* ---- file descriptors ---- */

int loop_fd_add(struct loop *loop, struct loop_fd *h, int fd, uint32_t events,
		void (*cb)(struct loop_fd *h, uint32_t revents), void *arg)
{
	struct epoll_event ev;

	if (!loop || !h || fd < 0 || !cb || !events_valid(events))
		return -EINVAL;
	if (h->loop)
		return -EBUSY;
	memset(&ev, 0, sizeof(ev));
	ev.events = to_epoll(events);
	ev.data.ptr = h;
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -errno;
	h->loop = loop;
	h->fd = fd;
	h->events = events & (LOOP_IN | LOOP_OUT);
	h->cb = cb;
	h->arg = arg;
	h->prev = NULL;
	h->next = loop->fds;
	if (loop->fds)
		loop->fds->prev = h;
	loop->fds = h;
	return 0;
}

int loop_fd_mod(struct loop_fd *h, uint32_t events)
{
	struct epoll_event ev;

	if (!h || !h->loop)
		return -ENOENT;
	if (!events_valid(events))
		return -EINVAL;
	memset(&ev, 0, sizeof(ev));
	ev.events = to_epoll(events);
	ev.data.ptr = h;
	if (epoll_ctl(h->loop->epfd, EPOLL_CTL_MOD, h->fd, &ev) < 0)
		return -errno;
	h->events = events & (LOOP_IN | LOOP_OUT);
	return 0;
}

void loop_fd_del(struct loop_fd *h)
{
	struct loop *loop;

	if (!h || !h->loop)
		return;
	loop = h->loop;
	/* EBADF/ENOENT here means the owner closed the fd first; the kernel
	 * then already dropped it (or will, with its last duplicate), and
	 * there is nothing better to do than to forget the handle. */
	epoll_ctl(loop->epfd, EPOLL_CTL_DEL, h->fd, NULL);
	/* The batch being dispatched may still hold events for h: scrub them
	 * so h gets no callback after this, even if it is re-added at once or
	 * its memory is reused. */
	for (int i = 0; i < loop->batch_n; i++)
		if (loop->batch[i].data.ptr == h)
			loop->batch[i].data.ptr = NULL;
	if (h->prev)
		h->prev->next = h->next;
	else
		loop->fds = h->next;
	if (h->next)
		h->next->prev = h->prev;
	h->next = h->prev = NULL;
	h->loop = NULL;
	h->fd = -1;
}

int loop_fd_fd(const struct loop_fd *h)
{
	return h && h->loop ? h->fd : -1;
}

/* ---- deferred work ---- */

static void defer_unlink(struct loop *loop, struct loop_defer *d)
{
	if (d->prev)
		d->prev->next = d->next;
	else
		loop->dhead = d->next;
	if (d->next)
		d->next->prev = d->prev;
	else
		loop->dtail = d->prev;
	d->next = d->prev = NULL;
	d->queued = false;
}

void loop_defer(struct loop *loop, struct loop_defer *d, void (*cb)(void *arg),
		void *arg)
{
	assert(loop && d && cb);
	if (d->queued)
		return;
	d->loop = loop;
	d->cb = cb;
	d->arg = arg;
	d->gen = loop->defer_gen;
	d->next = NULL;
	d->prev = loop->dtail;
	if (loop->dtail)
		loop->dtail->next = d;
	else
		loop->dhead = d;
	loop->dtail = d;
	d->queued = true;
}

void loop_defer_cancel(struct loop_defer *d)
{
	if (!d || !d->queued || !d->loop)
		return;
	defer_unlink(d->loop, d);
}

bool loop_defer_queued(const struct loop_defer *d)
{
	return d && d->queued;
}

/* Order step 6: run the items queued before this drain started. */
static void defer_drain(struct loop *loop)
{
	uint64_t gen = loop->defer_gen++;

	while (loop->dhead && loop->dhead->gen == gen) {
		struct loop_defer *d = loop->dhead;
		void (*cb)(void *arg) = d->cb;
		void *arg = d->arg;

		defer_unlink(loop, d);
		loop->ran++;
		/* d may be freed by cb: it is not touched afterwards. */
		cb(arg);
	}
}

/* ---- signals ---- */

int loop_signal(struct loop *loop, int signo, void (*cb)(int signo, void *arg),
		void *arg)
{
	sigset_t one, old, mask;

	if (!loop || !cb || signo <= 0 || signo >= _NSIG || signo == SIGKILL ||
	    signo == SIGSTOP)
		return -EINVAL;
	if (!sigismember(&loop->sig_mask, signo)) {
		/* Block first: a signal arriving between the two calls stays
		 * pending and is then read from the signalfd. */
		sigemptyset(&one);
		sigaddset(&one, signo);
		if (sigprocmask(SIG_BLOCK, &one, &old) < 0)
			return -errno;
		mask = loop->sig_mask;
		sigaddset(&mask, signo);
		if (signalfd(loop->sfd, &mask, 0) < 0) {
			int e = errno;

			if (!sigismember(&old, signo))
				sigprocmask(SIG_UNBLOCK, &one, NULL);
			return -e;
		}
		loop->sig_mask = mask;
		if (!sigismember(&old, signo))
			sigaddset(&loop->sig_blocked_by_us, signo);
	}
	loop->sig[signo].cb = cb;
	loop->sig[signo].arg = arg;
	return 0;
}

/* ---- running ---- */

/* Real clock: point the timerfd at the earliest deadline (or disarm it). */
static int timerfd_sync(struct loop *loop)
{
	int64_t next = timers_next_ms(&loop->timers);
	uint64_t deadline =
		next < 0 ? NO_DEADLINE : loop->timers.now_ms + (uint64_t)next;
	struct itimerspec its;

	if (deadline == loop->tfd_deadline_ms)
		return 0;
	memset(&its, 0, sizeof(its));
	if (deadline != NO_DEADLINE) {
		its.it_value.tv_sec = (time_t)(deadline / 1000u);
		its.it_value.tv_nsec = (long)(deadline % 1000u) * 1000000L;
		/* An all-zero it_value would disarm instead. */
		if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
			its.it_value.tv_nsec = 1;
	}
	if (timerfd_settime(loop->tfd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		return -errno;
	loop->tfd_deadline_ms = deadline;
	return 0;
}

static int wait_batch(struct loop *loop, int timeout_ms)
{
	int n = epoll_wait(loop->epfd, loop->batch, LOOP_BATCH, timeout_ms);

	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	return n;
}

/* Order step 4. */
static void dispatch(struct loop *loop, int n)
{
	loop->batch_n = n;
	for (int i = 0; i < n; i++) {
		struct loop_fd *h = loop->batch[i].data.ptr;
		uint32_t revents;

		if (!h)
			continue; /* deleted earlier in this batch */
		/* An earlier callback may have narrowed h's events. */
		revents = from_epoll(loop->batch[i].events) &
			  (h->events | LOOP_ERR);
		if (!revents)
			continue;
		if (h != &loop->timer_h && h != &loop->signal_h)
			loop->ran++;
		h->cb(h, revents);
	}
	loop->batch_n = 0;
}

int loop_run_once(struct loop *loop, int max_wait_ms)
{
	bool busy;
	int n;
	uint64_t now;

	assert(!loop->in_run); /* not re-entrant */
	loop->in_run = true;
	loop->ran = 0;
	busy = loop->dhead != NULL || timers_next_ms(&loop->timers) == 0;

	if (loop->clock == LOOP_CLOCK_MONOTONIC) {
		n = timerfd_sync(loop);
		if (n == 0)
			n = wait_batch(loop, busy ? 0 : max_wait_ms);
		if (n < 0)
			goto out;
		now = clock_ms(CLOCK_MONOTONIC);
	} else {
		n = wait_batch(loop, 0);
		if (n < 0)
			goto out;
		now = loop->timers.now_ms;
		if (n == 0 && !busy) {
			int64_t next = timers_next_ms(&loop->timers);

			if (next > 0) {
				uint64_t jump = (uint64_t)next;

				if (max_wait_ms >= 0 &&
				    (uint64_t)max_wait_ms < jump)
					jump = (uint64_t)max_wait_ms;
				now += jump;
			} else {
				/* No timer: block on the fds, time stands. */
				n = wait_batch(loop, max_wait_ms);
				if (n < 0)
					goto out;
			}
		}
	}
	clock_set(loop, now);
	dispatch(loop, n);
	loop->ran += (int)timers_advance(&loop->timers, now);
	defer_drain(loop);
	n = loop->ran;
out:
	loop->in_run = false;
	return n;
}

int loop_run(struct loop *loop)
{
	while (!loop->stop) {
		int n = loop_run_once(loop, -1);

		if (n < 0) {
			loop->stop = false;
			return n;
		}
	}
	loop->stop = false;
	return 0;
}

void loop_stop(struct loop *loop)
{
	loop->stop = true;
}
