/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for io/loop: fd readiness on pipes, deleting handles inside a
 * batch, deferred-work order, timers on the real clock (order only), the
 * simulated clock's jumps, signals through signalfd, loop_stop().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "loop.h"

/* A record of what ran, in order: short tags like "A", "d1", "t10". */
struct trace {
	char ev[32][8];
	int n;
};

static void trace_add(struct trace *t, const char *tag)
{
	assert_true(t->n < 32);
	snprintf(t->ev[t->n++], sizeof(t->ev[0]), "%s", tag);
}

static void pipe_nb(int p[2])
{
	assert_int_equal(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
}

static uint64_t wall_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- fds ---- */

struct pipe_ctx {
	struct loop_fd h;
	int calls;
	uint32_t revents;
};

static void on_pipe(struct loop_fd *h, uint32_t revents)
{
	struct pipe_ctx *c = h->arg;

	c->calls++;
	c->revents = revents;
}

static void test_pipe_readable_writable(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct pipe_ctx rd = {0}, wr = {0};
	int p[2];
	char b;

	(void)state;
	assert_non_null(loop);
	pipe_nb(p);
	assert_int_equal(loop_fd_add(loop, &rd.h, p[0], LOOP_IN, on_pipe, &rd),
			 0);
	assert_int_equal(loop_fd_fd(&rd.h), p[0]);
	/* Nothing to read yet: a bounded wait ends with nothing done. */
	assert_int_equal(loop_run_once(loop, 10), 0);
	assert_int_equal(rd.calls, 0);

	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(loop_run_once(loop, 1000), 1);
	assert_int_equal(rd.calls, 1);
	assert_int_equal(rd.revents, LOOP_IN);
	/* Level-triggered: still readable, reported again. */
	assert_int_equal(loop_run_once(loop, 1000), 1);
	assert_int_equal(rd.calls, 2);
	assert_int_equal(read(p[0], &b, 1), 1);
	assert_int_equal(loop_run_once(loop, 0), 0);
	assert_int_equal(rd.calls, 2);

	/* The write end is writable at once. */
	assert_int_equal(loop_fd_add(loop, &wr.h, p[1], LOOP_OUT, on_pipe, &wr),
			 0);
	assert_int_equal(loop_run_once(loop, 1000), 1);
	assert_int_equal(wr.revents, LOOP_OUT);

	/* Switching the write end to LOOP_IN silences it. */
	assert_int_equal(loop_fd_mod(&wr.h, LOOP_IN), 0);
	assert_int_equal(loop_run_once(loop, 0), 0);
	assert_int_equal(wr.calls, 1);

	/* Closing the writer: the reader sees a hang-up as LOOP_ERR. */
	loop_fd_del(&wr.h);
	assert_int_equal(loop_fd_fd(&wr.h), -1);
	close(p[1]);
	assert_int_equal(loop_run_once(loop, 1000), 1);
	assert_true(rd.revents & LOOP_ERR);

	loop_fd_del(&rd.h);
	loop_fd_del(&rd.h); /* idempotent */
	assert_int_equal(loop_fd_mod(&rd.h, LOOP_IN), -ENOENT);
	close(p[0]);
	loop_free(loop);
}

static void test_fd_add_errors(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct pipe_ctx a = {0}, b = {0};
	int p[2];
	FILE *f = tmpfile();

	(void)state;
	pipe_nb(p);
	assert_int_equal(loop_fd_add(loop, &a.h, -1, LOOP_IN, on_pipe, &a),
			 -EINVAL);
	assert_int_equal(loop_fd_add(loop, &a.h, p[0], 0x80, on_pipe, &a),
			 -EINVAL);
	assert_int_equal(loop_fd_add(loop, &a.h, p[0], LOOP_IN, NULL, &a),
			 -EINVAL);
	assert_int_equal(loop_fd_add(loop, &a.h, p[0], LOOP_IN, on_pipe, &a),
			 0);
	assert_int_equal(loop_fd_add(loop, &a.h, p[1], LOOP_IN, on_pipe, &a),
			 -EBUSY);
	/* The same fd through a second handle. */
	assert_int_equal(loop_fd_add(loop, &b.h, p[0], LOOP_IN, on_pipe, &b),
			 -EEXIST);
	/* epoll cannot watch regular files. */
	assert_non_null(f);
	assert_int_equal(
		loop_fd_add(loop, &b.h, fileno(f), LOOP_IN, on_pipe, &b),
		-EPERM);
	assert_int_equal(loop_fd_fd(&b.h), -1);
	assert_int_equal(loop_fd_mod(&a.h, 0x80), -EINVAL);
	fclose(f);
	/* Freeing the loop detaches the handle left registered. */
	loop_free(loop);
	assert_int_equal(loop_fd_fd(&a.h), -1);
	loop_fd_del(&a.h);
	close(p[0]);
	close(p[1]);
}

/* Two handles readable in the same batch; each callback deletes both. */
struct pair {
	struct loop_fd h[2];
	int calls[2];
};

static void on_pair(struct loop_fd *h, uint32_t revents)
{
	struct pair *pr = h->arg;
	int me = h == &pr->h[0] ? 0 : 1;

	(void)revents;
	pr->calls[me]++;
	loop_fd_del(&pr->h[1 - me]); /* another's */
	loop_fd_del(h);		     /* own */
}

static void test_delete_in_batch(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct pair pr;
	int a[2], b[2];

	(void)state;
	memset(&pr, 0, sizeof(pr));
	pipe_nb(a);
	pipe_nb(b);
	assert_int_equal(write(a[1], "a", 1), 1);
	assert_int_equal(write(b[1], "b", 1), 1);
	assert_int_equal(
		loop_fd_add(loop, &pr.h[0], a[0], LOOP_IN, on_pair, &pr), 0);
	assert_int_equal(
		loop_fd_add(loop, &pr.h[1], b[0], LOOP_IN, on_pair, &pr), 0);
	/* Both are ready, so both are in the one batch; whichever runs first
	 * deletes the other, which must then not be called. */
	assert_int_equal(loop_run_once(loop, 1000), 1);
	assert_int_equal(pr.calls[0] + pr.calls[1], 1);
	assert_int_equal(loop_fd_fd(&pr.h[0]), -1);
	assert_int_equal(loop_fd_fd(&pr.h[1]), -1);
	/* And nothing later either, though both pipes are still readable. */
	assert_int_equal(loop_run_once(loop, 0), 0);
	assert_int_equal(pr.calls[0] + pr.calls[1], 1);
	loop_free(loop);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
}

/* The first callback deletes the other handle and re-adds it on a quiet
 * fd: the stale event for the old registration must not reach it. */
struct readd {
	struct loop *loop;
	struct loop_fd h[2];
	int calls[2];
	int quiet_fd;
	bool done;
};

static void on_readd(struct loop_fd *h, uint32_t revents)
{
	struct readd *r = h->arg;
	int me = h == &r->h[0] ? 0 : 1;

	(void)revents;
	r->calls[me]++;
	if (r->done)
		return;
	r->done = true;
	loop_fd_del(&r->h[1 - me]);
	assert_int_equal(loop_fd_add(r->loop, &r->h[1 - me], r->quiet_fd,
				     LOOP_IN, on_readd, r),
			 0);
	loop_fd_del(h);
}

static void test_readd_in_batch_gets_no_stale_event(void **state)
{
	struct readd r;
	int a[2], b[2], q[2];

	(void)state;
	memset(&r, 0, sizeof(r));
	r.loop = loop_new(LOOP_CLOCK_MONOTONIC);
	pipe_nb(a);
	pipe_nb(b);
	pipe_nb(q);
	r.quiet_fd = q[0];
	assert_int_equal(write(a[1], "a", 1), 1);
	assert_int_equal(write(b[1], "b", 1), 1);
	assert_int_equal(
		loop_fd_add(r.loop, &r.h[0], a[0], LOOP_IN, on_readd, &r), 0);
	assert_int_equal(
		loop_fd_add(r.loop, &r.h[1], b[0], LOOP_IN, on_readd, &r), 0);
	assert_int_equal(loop_run_once(r.loop, 1000), 1);
	assert_int_equal(r.calls[0] + r.calls[1], 1);
	assert_int_equal(loop_run_once(r.loop, 0), 0);
	assert_int_equal(r.calls[0] + r.calls[1], 1);
	loop_free(r.loop);
	for (int i = 0; i < 2; i++) {
		close(a[i]);
		close(b[i]);
		close(q[i]);
	}
}

/* ---- deferred work ---- */

struct dctx {
	struct loop *loop;
	struct trace *t;
	const char *tag;
	struct loop_defer d;
	struct dctx *requeue; /* queue this one from the callback */
	struct dctx *cancel;  /* cancel this one from the callback */
};

static void on_defer(void *arg)
{
	struct dctx *c = arg;

	trace_add(c->t, c->tag);
	if (c->cancel)
		loop_defer_cancel(&c->cancel->d);
	if (c->requeue) {
		loop_defer(c->loop, &c->requeue->d, on_defer, c->requeue);
		c->requeue = NULL;
	}
}

struct fd_defer {
	struct loop_fd h;
	struct dctx *d;
	struct trace *t;
};

static void on_fd_defer(struct loop_fd *h, uint32_t revents)
{
	struct fd_defer *f = h->arg;

	(void)revents;
	trace_add(f->t, "fd");
	loop_defer(f->d->loop, &f->d->d, on_defer, f->d);
	loop_fd_del(h);
}

static void test_defer_order(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct trace t = {0};
	struct dctx d[5];
	struct fd_defer fa = {0}, fb = {0};
	const char *tags[5] = {"d0", "d1", "d2", "d3", "d4"};
	int a[2], b[2];

	(void)state;
	memset(d, 0, sizeof(d));
	for (int i = 0; i < 5; i++) {
		d[i].loop = loop;
		d[i].t = &t;
		d[i].tag = tags[i];
	}
	/* FIFO; queuing a queued item again is a no-op; a cancelled one does
	 * not run; d0 queues d3, which runs in the next iteration. */
	d[0].requeue = &d[3];
	d[1].cancel = &d[2];
	loop_defer(loop, &d[0].d, on_defer, &d[0]);
	loop_defer(loop, &d[1].d, on_defer, &d[1]);
	loop_defer(loop, &d[0].d, on_defer, &d[0]);
	loop_defer(loop, &d[2].d, on_defer, &d[2]);
	loop_defer(loop, &d[4].d, on_defer, &d[4]);
	loop_defer_cancel(&d[4].d);
	loop_defer_cancel(&d[4].d); /* idempotent */
	assert_false(loop_defer_queued(&d[4].d));
	assert_true(loop_defer_queued(&d[0].d));
	assert_int_equal(loop_run_once(loop, 1000), 2);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.ev[0], "d0");
	assert_string_equal(t.ev[1], "d1");
	assert_true(loop_defer_queued(&d[3].d));
	/* Deferred work pending: this iteration does not wait. */
	assert_int_equal(loop_run_once(loop, -1), 1);
	assert_string_equal(t.ev[2], "d3");
	assert_int_equal(loop_run_once(loop, 0), 0);

	/* Deferred work runs after every fd callback of the batch. */
	t.n = 0;
	pipe_nb(a);
	pipe_nb(b);
	assert_int_equal(write(a[1], "a", 1), 1);
	assert_int_equal(write(b[1], "b", 1), 1);
	fa.d = &d[0];
	fa.t = &t;
	fb.d = &d[1];
	fb.t = &t;
	d[1].cancel = NULL;
	assert_int_equal(
		loop_fd_add(loop, &fa.h, a[0], LOOP_IN, on_fd_defer, &fa), 0);
	assert_int_equal(
		loop_fd_add(loop, &fb.h, b[0], LOOP_IN, on_fd_defer, &fb), 0);
	assert_int_equal(loop_run_once(loop, 1000), 4);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.ev[0], "fd");
	assert_string_equal(t.ev[1], "fd");
	/* d0 and d1 in the order the fd callbacks queued them. */
	assert_true(
		(strcmp(t.ev[2], "d0") == 0 && strcmp(t.ev[3], "d1") == 0) ||
		(strcmp(t.ev[2], "d1") == 0 && strcmp(t.ev[3], "d0") == 0));
	loop_free(loop);
	for (int i = 0; i < 2; i++) {
		close(a[i]);
		close(b[i]);
	}
}

/* An owner that frees itself from its deferred callback (ASan checks). */
struct owner {
	struct loop_fd h;
	struct loop_defer d;
	struct loop *loop;
	int *freed;
};

static void owner_free(void *arg)
{
	struct owner *o = arg;

	(*o->freed)++;
	free(o);
}

static void owner_on_fd(struct loop_fd *h, uint32_t revents)
{
	struct owner *o = h->arg;

	(void)revents;
	loop_fd_del(h);
	loop_defer(o->loop, &o->d, owner_free, o);
}

static void test_owner_frees_in_defer(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct owner *o = calloc(1, sizeof(*o));
	int p[2], freed = 0;

	(void)state;
	pipe_nb(p);
	o->loop = loop;
	o->freed = &freed;
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(
		loop_fd_add(loop, &o->h, p[0], LOOP_IN, owner_on_fd, o), 0);
	assert_int_equal(loop_run_once(loop, 1000), 2);
	assert_int_equal(freed, 1);
	loop_free(loop);
	close(p[0]);
	close(p[1]);
}

/* ---- timers ---- */

struct tctx {
	struct timer t;
	struct loop *loop;
	struct trace *tr;
	const char *tag;
	uint64_t fired_at;
	bool stop;
};

static void on_timer(void *arg)
{
	struct tctx *c = arg;

	trace_add(c->tr, c->tag);
	c->fired_at = loop_now_ms(c->loop);
	if (c->stop)
		loop_stop(c->loop);
}

static void test_timers_real_clock_order(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct trace tr = {0};
	struct tctx c[3];
	const unsigned delay[3] = {30, 10, 20};
	const char *tags[3] = {"t30", "t10", "t20"};
	uint64_t start = wall_mono_ms();

	(void)state;
	memset(c, 0, sizeof(c));
	for (int i = 0; i < 3; i++) {
		c[i].loop = loop;
		c[i].tr = &tr;
		c[i].tag = tags[i];
		timer_init(&c[i].t, loop_timers(loop), on_timer, &c[i]);
		assert_true(timer_arm(&c[i].t, delay[i]));
	}
	c[0].stop = true; /* the last one stops the loop */
	assert_int_equal(loop_run(loop), 0);
	assert_int_equal(tr.n, 3);
	assert_string_equal(tr.ev[0], "t10");
	assert_string_equal(tr.ev[1], "t20");
	assert_string_equal(tr.ev[2], "t30");
	/* Never early; generous upper bound only against a hang. */
	assert_true(c[0].fired_at >= c[1].fired_at);
	assert_true(wall_mono_ms() - start >= 30);
	assert_true(wall_mono_ms() - start < 10000);
	loop_free(loop);
}

static void test_simulated_clock_jumps(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_SIMULATED);
	struct trace tr = {0};
	struct tctx c[2];
	uint64_t start, wall0, real0 = wall_mono_ms();

	(void)state;
	assert_non_null(loop);
	memset(c, 0, sizeof(c));
	start = loop_now_ms(loop);
	wall0 = loop_wall_ms(loop);
	c[0].tag = "t60000";
	c[1].tag = "t1000";
	for (int i = 0; i < 2; i++) {
		c[i].loop = loop;
		c[i].tr = &tr;
		timer_init(&c[i].t, loop_timers(loop), on_timer, &c[i]);
	}
	timer_arm(&c[0].t, 60000);
	timer_arm(&c[1].t, 1000);
	c[0].stop = true;
	assert_int_equal(loop_run(loop), 0);
	assert_int_equal(tr.n, 2);
	assert_string_equal(tr.ev[0], "t1000");
	assert_string_equal(tr.ev[1], "t60000");
	/* Exactly the deadlines, not a millisecond more. */
	assert_int_equal(c[1].fired_at - start, 1000);
	assert_int_equal(c[0].fired_at - start, 60000);
	assert_int_equal(loop_now_ms(loop) - start, 60000);
	assert_int_equal(loop_wall_ms(loop) - wall0, 60000);
	/* ... and no minute of real time went by. */
	assert_true(wall_mono_ms() - real0 < 10000);
	loop_free(loop);
}

static void test_simulated_clock_fds_first(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_SIMULATED);
	struct pipe_ctx rd = {0};
	struct trace tr = {0};
	struct tctx c;
	uint64_t start = loop_now_ms(loop);
	int p[2];
	char b;

	(void)state;
	memset(&c, 0, sizeof(c));
	pipe_nb(p);
	c.loop = loop;
	c.tr = &tr;
	c.tag = "t500";
	timer_init(&c.t, loop_timers(loop), on_timer, &c);
	timer_arm(&c.t, 500);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(loop_fd_add(loop, &rd.h, p[0], LOOP_IN, on_pipe, &rd),
			 0);
	/* A ready fd is served without moving the clock. */
	assert_int_equal(loop_run_once(loop, -1), 1);
	assert_int_equal(rd.calls, 1);
	assert_int_equal(loop_now_ms(loop), start);
	assert_int_equal(tr.n, 0);
	assert_int_equal(read(p[0], &b, 1), 1);
	/* max_wait_ms bounds the jump. */
	assert_int_equal(loop_run_once(loop, 200), 0);
	assert_int_equal(loop_now_ms(loop) - start, 200);
	/* Idle: the clock jumps to the deadline. */
	assert_int_equal(loop_run_once(loop, -1), 1);
	assert_int_equal(tr.n, 1);
	assert_int_equal(loop_now_ms(loop) - start, 500);
	/* No timer armed: it waits on the fds and the clock stands still. */
	assert_int_equal(loop_run_once(loop, 20), 0);
	assert_int_equal(loop_now_ms(loop) - start, 500);
	assert_int_equal(write(p[1], "y", 1), 1);
	assert_int_equal(loop_run_once(loop, -1), 1);
	assert_int_equal(rd.calls, 2);
	assert_int_equal(loop_now_ms(loop) - start, 500);
	loop_fd_del(&rd.h);
	loop_free(loop);
	close(p[0]);
	close(p[1]);
}

/* ---- signals and stop ---- */

struct sig_ctx {
	int signo;
	int calls;
	struct loop *loop;
};

static void on_signal(int signo, void *arg)
{
	struct sig_ctx *s = arg;

	s->signo = signo;
	s->calls++;
	loop_stop(s->loop);
}

static void test_signal_via_signalfd(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct sig_ctx s = {0, 0, loop};
	sigset_t cur;

	(void)state;
	assert_int_equal(loop_signal(loop, SIGKILL, on_signal, &s), -EINVAL);
	assert_int_equal(loop_signal(loop, 0, on_signal, &s), -EINVAL);
	assert_int_equal(loop_signal(loop, SIGUSR1, NULL, &s), -EINVAL);
	assert_int_equal(loop_signal(loop, SIGUSR1, on_signal, &s), 0);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	assert_true(sigismember(&cur, SIGUSR1));
	/* Blocked, so raise() leaves it pending for the signalfd. */
	assert_int_equal(raise(SIGUSR1), 0);
	assert_int_equal(loop_run(loop), 0);
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.signo, SIGUSR1);
	loop_free(loop);
	/* loop_free() unblocks what it blocked. */
	sigprocmask(SIG_BLOCK, NULL, &cur);
	assert_false(sigismember(&cur, SIGUSR1));
}

static void on_defer_stop(void *arg)
{
	loop_stop(arg);
}

static void test_stop(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct loop_defer d = {0};

	(void)state;
	/* A stop before run returns at once, and is then cleared. */
	loop_stop(loop);
	assert_int_equal(loop_run(loop), 0);
	loop_defer(loop, &d, on_defer_stop, loop);
	assert_int_equal(loop_run(loop), 0);
	assert_false(loop_defer_queued(&d));
	loop_free(loop);
}

static void test_new_bad_clock_and_wall_time(void **state)
{
	struct loop *loop = loop_new(LOOP_CLOCK_MONOTONIC);
	struct timespec ts;
	uint64_t real_ms;

	(void)state;
	/* The real clock's wall time is CLOCK_REALTIME. */
	clock_gettime(CLOCK_REALTIME, &ts);
	real_ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
	assert_true(loop_wall_ms(loop) >= real_ms);
	assert_true(loop_wall_ms(loop) - real_ms < 5000);
	assert_int_equal(loop_timers(loop)->now_ms, loop_now_ms(loop));
	loop_free(loop);

	errno = 0;
	assert_null(loop_new((enum loop_clock)7));
	assert_int_equal(errno, EINVAL);
	loop_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe_readable_writable),
		cmocka_unit_test(test_fd_add_errors),
		cmocka_unit_test(test_delete_in_batch),
		cmocka_unit_test(test_readd_in_batch_gets_no_stale_event),
		cmocka_unit_test(test_defer_order),
		cmocka_unit_test(test_owner_frees_in_defer),
		cmocka_unit_test(test_timers_real_clock_order),
		cmocka_unit_test(test_simulated_clock_jumps),
		cmocka_unit_test(test_simulated_clock_fds_first),
		cmocka_unit_test(test_signal_via_signalfd),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_new_bad_clock_and_wall_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
