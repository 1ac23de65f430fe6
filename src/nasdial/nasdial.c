/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nasdial.c - the dial-up client's process: command line (dial_opts.c),
 * logging to stderr with nasd's timestamps and debug switches, signals,
 * the --status file, the chat scripts that dial and answer on the modem,
 * the "ask me" callback prompt, and the wiring of the call machine
 * (dial_fsm.c) to the modem (dial_modem.c) and the PPP side (dial_link.c).
 * Documented in doc/nasdial.md.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nasdial.h"

#define STATUS_POLL_MS 500
#define HANGUP_LOW_MS 500

/* ---- logging ------------------------------------------------------------- */

static void log_sink(void *ctx, enum log_level lvl, const char *line)
{
	struct nasdial *nd = ctx;
	uint64_t ms = nd->loop ? loop_wall_ms(nd->loop) : 0;
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char date[32];

	(void)lvl;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%b %e %H:%M:%S", &tm);
	fprintf(stderr, "*%s.%03u: %s\n", date, (unsigned)(ms % 1000), line);
	fflush(stderr);
}

/* ---- status ------------------------------------------------------------- */

static const char *cb_mode_name(enum dial_cb_mode m)
{
	switch (m) {
	case DIAL_CB_NO:
		return "no";
	case DIAL_CB_ASK:
		return "ask";
	case DIAL_CB_PRESET:
		return "preset";
	default:
		return NULL;
	}
}

static void snapshot(const struct nasdial *nd, struct dial_status *st)
{
	memset(st, 0, sizeof(*st));
	st->fsm = &nd->fsm;
	st->device = nd->o.device;
	st->number = nd->o.number;
	st->ifname = nd->ifname;
	st->connect_bps = nd->connect_bps;
	st->pid = (int)getpid();
	st->cb_request = nd->o.rfc1570			 ? "rfc1570"
			 : nd->o.cb_mode != DIAL_CB_NONE ? "cbcp"
							 : "none";
	st->cb_mode = cb_mode_name(nd->o.cb_mode);
	dial_link_status(nd, st);
}

void nasdial_status_update(struct nasdial *nd)
{
	struct dial_status st;
	struct strbuf sb = STRBUF_INIT;
	char tmp[DIAL_PATH_MAX + 8];
	FILE *f;

	if (!nd->o.status[0])
		return;
	snapshot(nd, &st);
	dial_status_json(&st, &sb);
	sb_puts(&sb, "\n");
	if (sb.oom ||
	    (nd->last_status && strcmp(nd->last_status, sb_str(&sb)) == 0)) {
		sb_free(&sb);
		return;
	}
	/* Write a new file and rename it, so a reader never sees half. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", nd->o.status);
	f = fopen(tmp, "w");
	if (!f || fputs(sb_str(&sb), f) < 0 || fclose(f) != 0 ||
	    rename(tmp, nd->o.status) != 0) {
		log_warn(&nd->log, "nasdial: --status %s: %s", nd->o.status,
			 strerror(errno));
		sb_free(&sb);
		return;
	}
	free(nd->last_status);
	nd->last_status = sb_steal(&sb);
}

static void status_cb(void *arg)
{
	struct nasdial *nd = arg;

	nasdial_status_update(nd);
	timer_arm(&nd->status_timer, STATUS_POLL_MS);
}

/* ---- chat on the modem -------------------------------------------------- */

static void run_reap_cb(void *arg)
{
	struct nasdial *nd = arg;

	chat_free(nd->old_run);
	nd->old_run = NULL;
}

/* Retire the current run: it is freed from a deferred callback, never
 * from inside its own callbacks (chat.h). */
static void retire_run(struct nasdial *nd)
{
	if (!nd->run)
		return;
	chat_cancel(nd->run);
	if (nd->old_run)
		chat_free(nd->old_run); /* only reachable outside callbacks */
	nd->old_run = nd->run;
	nd->run = NULL;
	loop_defer(nd->loop, &nd->run_reap, run_reap_cb, nd);
}

static void chat_write(void *ctx, const uint8_t *data, size_t len)
{
	struct nasdial *nd = ctx;

	dial_modem_write(&nd->modem, data, len);
}

static void chat_done(void *ctx, enum chat_status status, const char *why)
{
	struct nasdial *nd = ctx;

	if (status == CHAT_SUCCESS) {
		nd->online = true;
		dial_rc_scan_init(&nd->scan);
	}
	dial_fsm_chat_done(&nd->fsm, status, why);
}

static const struct chat_ops chat_ops = {
	.write = chat_write,
	.send_break = NULL,
	.done = chat_done,
};

/* Remember the CONNECT speed from the modem's output during a script. */
static void watch_connect(struct nasdial *nd, const uint8_t *data, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = (char)data[i];
		unsigned bps;
		if (c != '\r' && c != '\n') {
			if (nd->rc_len + 1 < sizeof(nd->rc_line))
				nd->rc_line[nd->rc_len++] = c;
			continue;
		}
		bps = dial_status_connect_speed(nd->rc_line, nd->rc_len);
		if (bps)
			nd->connect_bps = bps;
		nd->rc_len = 0;
	}
}

/* ---- the call machine's ops --------------------------------------------- */

static void op_chat(void *ctx, enum dial_script which, const char *number)
{
	struct nasdial *nd = ctx;
	bool dial = which == DIAL_SCRIPT_DIAL;

	retire_run(nd);
	nd->online = false;
	nd->rc_len = 0;
	if (dial)
		nd->connect_bps = 0;
	nd->run = chat_start(dial ? nd->dial_script : nd->answer_script,
			     dial ? "dial" : "answer", number, "CHAT",
			     &chat_ops, nd, nd->ts, &nd->log);
	if (!nd->run)
		dial_fsm_chat_done(&nd->fsm, CHAT_ERROR, "out of memory");
}

static void op_hangup(void *ctx)
{
	struct nasdial *nd = ctx;

	retire_run(nd);
	nd->online = false;
	if (nd->modem_open)
		dial_modem_hangup(&nd->modem, HANGUP_LOW_MS);
}

static void op_ppp_start(void *ctx, bool return_call)
{
	dial_link_start(ctx, return_call);
}

static void op_ppp_close(void *ctx, const char *reason)
{
	dial_link_close(ctx, reason);
}

static void op_ppp_lower_down(void *ctx)
{
	dial_link_lower_down(ctx);
}

static void op_changed(void *ctx)
{
	nasdial_status_update(ctx);
}

static void op_exit(void *ctx, enum dial_exit code, const char *msg)
{
	struct nasdial *nd = ctx;

	nd->exiting = true;
	nd->exit_code = code;
	if (code == DIAL_EXIT_OK)
		log_notice(&nd->log, "nasdial: exiting");
	else
		log_err(&nd->log, "nasdial: %s", msg);
	loop_stop(nd->loop);
}

static const struct dial_fsm_ops fsm_ops = {
	.chat = op_chat,
	.hangup = op_hangup,
	.ppp_start = op_ppp_start,
	.ppp_close = op_ppp_close,
	.ppp_lower_down = op_ppp_lower_down,
	.changed = op_changed,
	.exit = op_exit,
};

/* ---- the modem's ops ---------------------------------------------------- */

static void modem_ready(void *ctx)
{
	struct nasdial *nd = ctx;

	dial_fsm_start(&nd->fsm);
}

static void modem_input(void *ctx, const uint8_t *data, size_t n)
{
	struct nasdial *nd = ctx;

	if (nd->online) {
		/* On a line without modem-control signals carrier loss is
		 * the modem's NO CARRIER in the data stream. */
		bool lost = !nd->modem.has_mctl &&
			    dial_rc_scan_feed(&nd->scan, data, n);
		dial_link_input(nd, data, n);
		if (lost)
			dial_fsm_carrier_lost(&nd->fsm);
		return;
	}
	if (nd->run && !chat_finished(nd->run)) {
		watch_connect(nd, data, n);
		chat_input(nd->run, data, n);
	}
}

static void modem_carrier(void *ctx, bool up)
{
	struct nasdial *nd = ctx;

	if (!up && nd->online)
		dial_fsm_carrier_lost(&nd->fsm);
}

static void modem_gone(void *ctx, const char *why)
{
	struct nasdial *nd = ctx;

	log_err(&nd->log, "nasdial: %s: %s", nd->o.device, why);
	if (nd->online)
		dial_fsm_carrier_lost(&nd->fsm);
	nd->modem_open = false;
	dial_modem_close(&nd->modem);
	dial_fsm_abort(&nd->fsm, DIAL_EXIT_SETUP, why);
}

static const struct dial_modem_ops modem_ops = {
	.ready = modem_ready,
	.input = modem_input,
	.carrier = modem_carrier,
	.gone = modem_gone,
};

/* ---- the "ask me" dialog ------------------------------------------------ */

static void ask_answer(struct nasdial *nd, const char *number)
{
	if (!nd->asking)
		return;
	nd->asking = false;
	timer_cancel(&nd->ask_timer);
	loop_fd_del(&nd->stdin_lfd);
	if (number && number[0])
		log_notice(&nd->log, "nasdial: call me back at %s", number);
	else
		log_notice(&nd->log, "nasdial: no callback, thanks");
	if (nd->sess)
		ppp_session_cbcp_answer(nd->sess, number);
}

static void ask_timer_cb(void *arg)
{
	struct nasdial *nd = arg;

	ask_answer(nd, nd->o.ask_answer);
}

static void stdin_cb(struct loop_fd *h, uint32_t revents)
{
	struct nasdial *nd = h->arg;
	char c;
	ssize_t n;

	(void)revents;
	for (;;) {
		n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			ask_answer(nd, NULL); /* end of input: decline */
			return;
		}
		if (c != '\n' && c != '\r') {
			if (nd->ask_len + 1 < sizeof(nd->ask_buf))
				nd->ask_buf[nd->ask_len++] = c;
			continue;
		}
		nd->ask_buf[nd->ask_len] = '\0';
		nd->ask_len = 0;
		if (nd->ask_buf[0] && !dial_opts_number_ok(nd->ask_buf)) {
			fprintf(stderr,
				"nasdial: \"%s\" is not a phone "
				"number; call me back at: ",
				nd->ask_buf);
			continue;
		}
		ask_answer(nd, nd->ask_buf);
		return;
	}
}

void nasdial_ask(struct nasdial *nd, unsigned offer)
{
	char types[128] = "";

	for (unsigned t = 1; t < 8; t++)
		if (offer & (1u << t))
			snprintf(types + strlen(types),
				 sizeof(types) - strlen(types), "%s%s",
				 types[0] ? ", " : "", cbcp_type_name(t));
	nd->asking = true;
	nd->ask_len = 0;
	if (nd->o.have_ask_answer) {
		/* The scripted user: seed 001's Windows took about 9.5 s. */
		log_notice(
			&nd->log,
			"nasdial: the server offers callback (%s): answering "
			"\"%s\" in %u ms (--ask-answer)",
			types, nd->o.ask_answer, nd->o.ask_delay_ms);
		timer_arm(&nd->ask_timer, nd->o.ask_delay_ms);
		return;
	}
	log_notice(&nd->log, "nasdial: the server offers callback (%s)", types);
	if (loop_fd_add(nd->loop, &nd->stdin_lfd, STDIN_FILENO, LOOP_IN,
			stdin_cb, nd) < 0) {
		log_notice(&nd->log,
			   "nasdial: cannot ask on stdin (not a terminal or "
			   "pipe): declining callback");
		ask_answer(nd, NULL);
		return;
	}
	fprintf(stderr, "Callback: the server offers to call you back. "
			"Call me back at (empty: no callback): ");
	fflush(stderr);
}

void nasdial_ask_cancel(struct nasdial *nd)
{
	nd->asking = false;
	timer_cancel(&nd->ask_timer);
	loop_fd_del(&nd->stdin_lfd);
}

/* ---- signals ------------------------------------------------------------ */

static void on_term(int signo, void *arg)
{
	struct nasdial *nd = arg;

	log_notice(&nd->log, "nasdial: signal %d", signo);
	dial_fsm_stop(&nd->fsm);
}

/* ---- start-up ----------------------------------------------------------- */

static int read_password(struct nasdial *nd)
{
	FILE *f;
	char line[DIAL_SECRET_MAX + 2];
	size_t n;

	if (!nd->o.password_file[0])
		return 0;
	f = fopen(nd->o.password_file, "r");
	if (!f) {
		fprintf(stderr, "nasdial: --password-file %s: %s\n",
			nd->o.password_file, strerror(errno));
		return -1;
	}
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	n = strcspn(line, "\r\n");
	if (n >= DIAL_SECRET_MAX) {
		fprintf(stderr,
			"nasdial: --password-file %s: password longer than "
			"%d characters\n",
			nd->o.password_file, DIAL_SECRET_MAX - 1);
		memset(line, 0, sizeof(line));
		return -1;
	}
	memcpy(nd->o.password, line, n);
	nd->o.password[n] = '\0';
	nd->o.have_password = true;
	memset(line, 0, sizeof(line));
	return 0;
}

static int compile_scripts(struct nasdial *nd)
{
	char err[256];

	/* dial_opts_parse() compiled them once already: this cannot fail
	 * but for lack of memory. */
	if (chat_compile(nd->o.dial_script, &nd->dial_script, err,
			 sizeof(err)) < 0 ||
	    chat_compile(nd->o.answer_script, &nd->answer_script, err,
			 sizeof(err)) < 0) {
		fprintf(stderr, "nasdial: %s\n", err);
		return -1;
	}
	return 0;
}

static struct dial_fsm_cfg fsm_cfg(const struct dial_opts *o)
{
	struct dial_fsm_cfg c;

	dial_fsm_cfg_default(&c);
	snprintf(c.number, sizeof(c.number), "%s", o->number);
	c.answer = o->answer;
	c.expect_callback = o->expect_callback;
	c.callback_strict = o->rfc1570 || o->cb_mode == DIAL_CB_PRESET;
	c.persist = o->persist;
	c.callback_timeout_ms = o->callback_timeout_s * 1000u;
	c.up_for_ms = o->up_for_s * 1000u;
	c.holdoff_ms = o->holdoff_s * 1000u;
	return c;
}

static int setup(struct nasdial *nd)
{
	char err[300];
	struct dial_fsm_cfg c = fsm_cfg(&nd->o);

	nd->tun_fd = -1;
	nd->loop = loop_new(LOOP_CLOCK_MONOTONIC);
	if (!nd->loop) {
		fprintf(stderr, "nasdial: event loop: %s\n", strerror(errno));
		return DIAL_EXIT_FATAL;
	}
	nd->ts = loop_timers(nd->loop);
	nd->aaa = aaa_new(nd->ts, &nd->log);
	if (!nd->aaa)
		return DIAL_EXIT_FATAL;
	snprintf(nd->ifname, sizeof(nd->ifname), "Async%u", nd->o.line);
	snprintf(nd->ifshort, sizeof(nd->ifshort), "As%u", nd->o.line);
	dial_fsm_init(&nd->fsm, &c, &fsm_ops, nd, nd->ts, &nd->log);
	timer_init(&nd->status_timer, nd->ts, status_cb, nd);
	timer_init(&nd->ask_timer, nd->ts, ask_timer_cb, nd);
	if (compile_scripts(nd) < 0)
		return DIAL_EXIT_FATAL;
	if (nd->o.pcap[0]) {
		nd->pcap = pcap_create(nd->o.pcap, PCAP_LINKTYPE_PPP_WITH_DIR,
				       0, err, sizeof(err));
		if (!nd->pcap) {
			log_err(&nd->log, "nasdial: --pcap: %s", err);
			return DIAL_EXIT_SETUP;
		}
	}
	if (dial_link_tun_open(nd) < 0)
		return DIAL_EXIT_SETUP;
	if (loop_signal(nd->loop, SIGTERM, on_term, nd) < 0 ||
	    loop_signal(nd->loop, SIGINT, on_term, nd) < 0)
		return DIAL_EXIT_FATAL;
	signal(SIGPIPE, SIG_IGN);
	if (dial_modem_open(&nd->modem, nd->o.device, nd->o.speed_bps, nd->loop,
			    &nd->log, &modem_ops, nd, err, sizeof(err)) < 0) {
		log_err(&nd->log, "nasdial: %s", err);
		return DIAL_EXIT_SETUP;
	}
	nd->modem_open = true;
	return DIAL_EXIT_OK;
}

static void teardown(struct nasdial *nd)
{
	struct dial_status st;
	struct strbuf sb = STRBUF_INIT;

	if (nd->loop) {
		snapshot(nd, &st);
		dial_status_summary(&st, &sb);
		fputs(sb_str(&sb), stdout);
		fflush(stdout);
		sb_free(&sb);
		nasdial_status_update(nd);
	}
	timer_cancel(&nd->status_timer);
	timer_cancel(&nd->ask_timer);
	loop_fd_del(&nd->stdin_lfd);
	dial_fsm_fini(&nd->fsm);
	chat_free(nd->run);
	chat_free(nd->old_run);
	loop_defer_cancel(&nd->run_reap);
	dial_link_free(nd);
	if (nd->modem_open)
		dial_modem_close(&nd->modem);
	dial_link_tun_close(nd);
	pcap_close(nd->pcap);
	chat_script_free(nd->dial_script);
	chat_script_free(nd->answer_script);
	aaa_free(nd->aaa);
	loop_free(nd->loop);
	free(nd->last_status);
	memset(nd->o.password, 0, sizeof(nd->o.password));
}

int main(int argc, char **argv)
{
	static struct nasdial nd;
	struct strbuf sb = STRBUF_INIT;
	char err[300];
	int rc;

	rc = dial_opts_parse(argc, argv, &nd.o, err, sizeof(err));
	if (rc == DIAL_OPTS_HELP) {
		dial_opts_help(&sb);
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		return 0;
	}
	if (rc == DIAL_OPTS_VERSION) {
		printf("nasdial %s\n", NASD_VERSION);
		return 0;
	}
	if (rc < 0) {
		fprintf(stderr, "nasdial: %s\n", err);
		return DIAL_EXIT_USAGE;
	}
	if (read_password(&nd) < 0)
		return DIAL_EXIT_SETUP;
	nd.log.sink = log_sink;
	nd.log.ctx = &nd;
	nd.log.debug = nd.o.debug;
	nd.log.level = LOG_LVL_INFO;
	rc = setup(&nd);
	if (rc == DIAL_EXIT_OK) {
		timer_arm(&nd.status_timer, 0);
		loop_run(nd.loop);
		rc = nd.exit_code;
	} else if (nd.fsm.ops) {
		dial_fsm_abort(&nd.fsm, (enum dial_exit)rc, "start-up failed");
	}
	teardown(&nd);
	return rc;
}
