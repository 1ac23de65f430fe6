/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - l2tpgen, an L2TP LAC load generator for benchmarking and
 * stress-testing an LNS (RFC 2661) with full PPP per call: the phases
 * (setup, hold, data, teardown), the event loop (src/io loop.h), the
 * logger for nasd's debug switches, and the exit status.  See l2tpgen.h
 * for what each phase does and doc/bench.md for how it is used.
 *
 * Exit status: 0 when every call came up (and, with --hold, stayed up),
 * 1 otherwise, 2 on a usage error.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aaa.h"
#include "l2tpgen.h"

#define PROGRESS_MS 1000
#define TEARDOWN_MS 300

static void log_sink(void *ctx, enum log_level lvl, const char *line)
{
	struct gen *gen = ctx;
	uint64_t ms = gen->loop ? loop_now_ms(gen->loop) - gen->st.t0_ms : 0;

	(void)lvl;
	fprintf(stderr, "%llu.%03llu: %s\n", (unsigned long long)(ms / 1000),
		(unsigned long long)(ms % 1000), line);
}

void gen_phase_end(struct gen *gen)
{
	gen->phase_done = true;
	loop_stop(gen->loop);
}

void gen_check_setup(struct gen *gen)
{
	if (gen->in_setup && gen->started == gen->o.sessions &&
	    gen->pending == 0)
		gen_phase_end(gen);
}

static void phase_timeout_cb(void *arg)
{
	gen_phase_end(arg);
}

static void progress_cb(void *arg)
{
	struct gen *gen = arg;

	fprintf(stderr, "l2tpgen: %u/%u calls up, %u failed, %u dropped\n",
		gen->st.up, gen->o.sessions, gen->st.failed, gen->st.dropped);
	timer_arm(&gen->progress, PROGRESS_MS);
}

static void on_signal(int signo, void *arg)
{
	struct gen *gen = arg;

	(void)signo;
	gen->interrupted = true;
	gen_phase_end(gen);
}

/* Run the loop until the phase ends or `limit_ms` passes (0: no limit). */
static int run_phase(struct gen *gen, uint64_t limit_ms)
{
	int rc;

	if (gen->interrupted)
		return 0;
	gen->phase_done = false;
	timer_init(&gen->phase_timer, gen->ts, phase_timeout_cb, gen);
	if (limit_ms)
		timer_arm(&gen->phase_timer, limit_ms);
	if (!gen->o.quiet)
		timer_arm(&gen->progress, PROGRESS_MS);
	rc = 0;
	while (!gen->phase_done && rc == 0)
		rc = loop_run(gen->loop);
	timer_cancel(&gen->phase_timer);
	timer_cancel(&gen->progress);
	if (rc < 0)
		fprintf(stderr, "l2tpgen: event loop: %s\n", strerror(-rc));
	return rc;
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f)
		fclose(f);
	else
		fprintf(stderr, "l2tpgen: cannot create %s\n", path);
}

static void setup_phase(struct gen *gen)
{
	gen->in_setup = true;
	gen_ctl_start(gen);
	if (!gen->phase_done)
		run_phase(gen, gen->o.timeout_s * 1000ull);
	gen->in_setup = false;
	gen->st.setup_end_ms = timers_now(gen->ts);
	/* Calls still being set up at the timeout have failed. */
	for (unsigned i = 0; i < gen->o.sessions; i++) {
		struct gen_sess *s = &gen->sess[i];

		if (s->state == GEN_S_IDLE || s->state == GEN_S_L2TP ||
		    s->state == GEN_S_PPP)
			gen_sess_over(s, GEN_S_FAILED, "setup timeout");
	}
	gen->st.setup_up = gen->st.up;
	if (!gen->o.quiet)
		gen_report_line(gen, stderr);
}

static void hold_phase(struct gen *gen)
{
	for (unsigned i = 0; i < gen->o.sessions; i++)
		gen->sess[i].echo_replies = 0;
	run_phase(gen, gen->o.hold_s * 1000ull);
	gen->hold_done = true;
	/* A call whose IPCP is renegotiating at this moment (a duplicated
	 * Configure-Request restarts it, RFC 1661 §4) is still up: it was
	 * never cleared.  IPCP Opened is counted apart. */
	gen->st.hold_ipcp_open = gen->st.up;
	for (unsigned i = 0; i < gen->o.sessions; i++) {
		const struct gen_sess *s = &gen->sess[i];

		if (s->state != GEN_S_UP && s->state != GEN_S_PPP)
			continue;
		gen->st.hold_up_end++;
		if (s->echo_replies > 0)
			gen->st.hold_echo_ok++;
	}
}

static int gen_init(struct gen *gen)
{
	gen->fd = -1;
	gen->log.sink = log_sink;
	gen->log.ctx = gen;
	gen->log.level = gen->o.quiet ? LOG_LVL_ERR : LOG_LVL_WARN;
	gen->log.debug = gen->o.debug;
	gen->loop = loop_new(LOOP_CLOCK_MONOTONIC);
	if (!gen->loop) {
		fprintf(stderr, "l2tpgen: event loop: %s\n", strerror(errno));
		return -1;
	}
	gen->ts = loop_timers(gen->loop);
	gen->st.t0_ms = timers_now(gen->ts);
	timer_init(&gen->progress, gen->ts, progress_cb, gen);
	gen->aaa = aaa_new(gen->ts, &gen->log);
	gen->tuns = calloc(gen->o.tunnels, sizeof(*gen->tuns));
	gen->sess = calloc(gen->o.sessions, sizeof(*gen->sess));
	if (!gen->aaa || !gen->tuns || !gen->sess) {
		fprintf(stderr, "l2tpgen: out of memory\n");
		return -1;
	}
	for (unsigned i = 0; i < gen->o.tunnels; i++) {
		gen->tuns[i].gen = gen;
		gen->tuns[i].idx = i;
	}
	for (unsigned i = 0; i < gen->o.sessions; i++) {
		gen->sess[i].gen = gen;
		gen->sess[i].idx = i;
		snprintf(gen->sess[i].ifshort, sizeof(gen->sess[i].ifshort),
			 "c%u", i + 1);
	}
	gen->pending = gen->o.sessions;
	if (loop_signal(gen->loop, SIGINT, on_signal, gen) ||
	    loop_signal(gen->loop, SIGTERM, on_signal, gen))
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return gen_ctl_open(gen);
}

static void gen_fini(struct gen *gen)
{
	if (gen->sess)
		for (unsigned i = 0; i < gen->o.sessions; i++) {
			if (gen->sess[i].start_timer.ts)
				timer_cancel(&gen->sess[i].start_timer);
			if (gen->sess[i].chap_timer.ts)
				timer_cancel(&gen->sess[i].chap_timer);
			ppp_session_free(gen->sess[i].ps);
		}
	if (gen->loop)
		gen_ctl_close(gen);
	aaa_free(gen->aaa);
	free(gen->sess);
	free(gen->tuns);
	loop_free(gen->loop);
}

int main(int argc, char **argv)
{
	static struct gen gen;
	int rc = gen_opts_parse(&gen.o, argc, argv, stderr);
	bool ok;

	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (gen_init(&gen) != 0) {
		gen_fini(&gen);
		return 2;
	}
	setup_phase(&gen);
	if (gen.o.ready_path)
		touch(gen.o.ready_path);
	if (gen.o.hold_s && !gen.interrupted)
		hold_phase(&gen);
	if (gen.o.duration_s && gen.st.up && !gen.interrupted) {
		gen_data_start(&gen);
		run_phase(&gen, 0);
		timer_cancel(&gen.data_tick);
	}
	gen.st.retransmits = gen_ctl_retransmits(&gen);
	ok = gen.st.setup_up == gen.o.sessions && !gen.st.failed &&
	     !gen.st.dropped && !gen.interrupted &&
	     (!gen.o.hold_s || gen.st.hold_up_end == gen.o.sessions);
	/* Clear the tunnels; a short wait lets the StopCCNs be acked. */
	gen.tearing = true;
	gen_ctl_teardown(&gen);
	gen.interrupted = false;
	run_phase(&gen, TEARDOWN_MS);
	gen_report_line(&gen, stdout);
	fflush(stdout);
	if (gen.o.json_path && gen_report_json(&gen, gen.o.json_path) != 0)
		ok = false;
	gen_fini(&gen);
	return ok ? 0 : 1;
}
