/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_main.c - main() of `build/pstn`, the built-in phone network: read
 * the configuration, build the switch with one line per subscriber, open
 * the endpoints, the attach socket and the CLI socket, and run the event
 * loop until SIGTERM or SIGINT.  Logs (and `debug` output) go to stderr
 * with a millisecond timestamp, and to `terminal monitor` CLI sessions.
 */
#include "pstn.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fputs("usage: pstn -f CONFIG [--check] [-d]\n"
	      "  -f, --config FILE   the configuration (doc/pstn.md)\n"
	      "  -c, --check         check the configuration and exit\n"
	      "  -d, --debug         debug at, calls and signals from the "
	      "start\n"
	      "  -h, --help          this text\n",
	      f);
}

static void sink(void *ctx, enum log_level lvl, const char *line)
{
	struct pstn *pstn = ctx;
	uint64_t ms = pstn->loop ? loop_wall_ms(pstn->loop) : 0;
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char ts[32] = "";

	(void)lvl;
	if (localtime_r(&t, &tm))
		strftime(ts, sizeof(ts), "%b %e %H:%M:%S", &tm);
	fprintf(stderr, "*%s.%03u: %s\n", ts, (unsigned)(ms % 1000), line);
	if (pstn->loop)
		pstn_vty_monitor(pstn, line);
}

static void on_signal(int signo, void *arg)
{
	struct pstn *pstn = arg;

	log_notice(&pstn->log, "%%PSTN-5-EXIT: signal %d, shutting down",
		   signo);
	loop_stop(pstn->loop);
}

/* mkdir -p of the directory that holds `path`. */
static void make_parent(const char *path)
{
	char dir[PSTN_PATH_MAX + 160];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0755);
		*p = '/';
	}
	mkdir(dir, 0755);
}

static int build_lines(struct pstn *pstn)
{
	struct pstn_ep **tail = &pstn->eps;

	for (size_t i = 0; i < pstn->cfg.nsubs; i++) {
		const struct pstn_sub_cfg *sc = &pstn->cfg.subs[i];
		struct pstn_sub *sub;
		struct pstn_ep *ep;
		int err;

		sub = pstn_switch_add_sub(&pstn->sw, sc->number, &err);
		if (!sub) {
			log_err(&pstn->log, "%%PSTN-3-CONFIG: subscriber %s: %s",
				sc->number, strerror(-err));
			return -1;
		}
		sub->shutdown = sc->shutdown;
		if (sc->isdn) {
			struct pstn_isdn *isdn = pstn_isdn_new(
				&pstn->sw, sub, sc->isdn,
				loop_timers(pstn->loop), &pstn->log,
				&pstn->debug);

			if (!isdn)
				return -1;
			isdn->next = pstn->isdns;
			pstn->isdns = isdn;
			continue;
		}
		ep = calloc(1, sizeof(*ep));
		if (!ep)
			return -1;
		ep->pstn = pstn;
		ep->cfg = sc;
		ep->master = ep->lsock = ep->conn = -1;
		ep->line = pstn_line_new(&pstn->sw, sub, &sc->line,
					 loop_timers(pstn->loop), &pstn->log,
					 &pstn->debug);
		if (!ep->line) {
			free(ep);
			return -1;
		}
		*tail = ep;
		tail = &ep->next;
		if (sc->ep == PSTN_EP_PTY)
			make_parent(sc->pty_path);
		if (pstn_ep_open(ep) < 0)
			return -1;
	}
	return 0;
}

static void teardown(struct pstn *pstn)
{
	pstn_vty_close(pstn);
	pstn_attach_close(pstn);
	for (struct pstn_ep *ep = pstn->eps; ep; ep = ep->next)
		pstn_ep_close(ep);
	while (pstn->eps) {
		struct pstn_ep *ep = pstn->eps;

		pstn->eps = ep->next;
		pstn_line_free(ep->line);
		free(ep);
	}
	while (pstn->isdns) {
		struct pstn_isdn *isdn = pstn->isdns;

		pstn->isdns = isdn->next;
		pstn_isdn_free(isdn);
	}
	pstn_switch_fini(&pstn->sw);
}

static int load(struct pstn *pstn, const char *path)
{
	struct cmd_table *t = cmd_table_new();
	struct strbuf errs = STRBUF_INIT;
	int rc = -1;

	if (t && pstn_cfg_install(t) == 0)
		rc = pstn_cfg_load_file(&pstn->cfg, t, path, &errs);
	else
		sb_puts(&errs, "pstn: cannot build the command table\n");
	fputs(sb_str(&errs), stderr);
	sb_free(&errs);
	cmd_table_free(t);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'f'},
		{"check", no_argument, NULL, 'c'},
		{"debug", no_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct pstn pstn;
	const char *path = NULL;
	bool check = false, debug = false;
	int opt, rc = 1;

	memset(&pstn, 0, sizeof(pstn));
	pstn.attach_fd = pstn.vty_fd = -1;
	pstn.log.sink = sink;
	pstn.log.ctx = &pstn;
	pstn.log.level = LOG_LVL_INFO;
	while ((opt = getopt_long(argc, argv, "f:cdh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			path = optarg;
			break;
		case 'c':
			check = true;
			break;
		case 'd':
			debug = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!path || optind != argc) {
		usage(stderr);
		return 2;
	}
	pstn_cfg_init(&pstn.cfg);
	if (load(&pstn, path) < 0) {
		pstn_cfg_free(&pstn.cfg);
		return 1;
	}
	if (check) {
		printf("%s: %zu subscriber(s), configuration OK\n", path,
		       pstn.cfg.nsubs);
		pstn_cfg_free(&pstn.cfg);
		return 0;
	}
	pstn.debug = pstn.cfg.debug |
		     (debug ? PSTN_DBG_AT | PSTN_DBG_CALLS | PSTN_DBG_SIGNALS
			    : 0);
	signal(SIGPIPE, SIG_IGN);
	pstn.loop = loop_new(LOOP_CLOCK_MONOTONIC);
	pstn.cmds = cmd_table_new();
	if (!pstn.loop || !pstn.cmds || pstn_cli_install(pstn.cmds) != 0) {
		fprintf(stderr, "pstn: cannot start: %s\n", strerror(errno));
		goto out;
	}
	pstn.start_ms = loop_now_ms(pstn.loop);
	pstn_switch_init(&pstn.sw, loop_timers(pstn.loop), &pstn.log,
			 &pstn.debug, pstn.cfg.connect_delay_ms);
	make_parent(pstn.cfg.attach_path);
	make_parent(pstn.cfg.vty_path);
	if (loop_signal(pstn.loop, SIGTERM, on_signal, &pstn) < 0 ||
	    loop_signal(pstn.loop, SIGINT, on_signal, &pstn) < 0 ||
	    build_lines(&pstn) < 0 || pstn_attach_open(&pstn) < 0 ||
	    pstn_vty_open(&pstn) < 0)
		goto out_teardown;
	log_notice(&pstn.log,
		   "%%PSTN-5-START: %zu subscriber(s); attach socket %s, CLI "
		   "socket %s",
		   pstn.cfg.nsubs, pstn.cfg.attach_path, pstn.cfg.vty_path);
	rc = loop_run(pstn.loop) < 0 ? 1 : 0;
out_teardown:
	teardown(&pstn);
out:
	cmd_table_free(pstn.cmds);
	loop_free(pstn.loop);
	pstn.loop = NULL;
	pstn_cfg_free(&pstn.cfg);
	return rc;
}
