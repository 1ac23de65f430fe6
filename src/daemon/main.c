/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - the nasd daemon: command line, start-up, signals, shutdown.
 *
 *   nasd -f CONFIG [--vty PATH] [--pcap FILE] [--tun NAME]
 *   nasd -f CONFIG --check
 *
 * nasd runs in the foreground and logs to stderr (and syslog with `logging
 * syslog`).  SIGHUP reloads CONFIG (a config with errors is refused and the
 * running one kept); SIGTERM and SIGINT shut down cleanly: every PPP link
 * gets an LCP Terminate-Request first, and nasd exits when all links are
 * down or after Max-Terminate restart periods at most.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "callback.h"
#include "cmd.h"
#include "isdn.h"
#include "ddr_glue.h"
#include "nasd.h"
#include "pcap.h"
#include "vpdn.h"
#include "pool.h"
#include "vty.h"

#define NASD_VTY_DEFAULT "/run/nasd/nasd.vty"
#define NASD_TUN_DEFAULT "nas0"
#define SHUTDOWN_POLL_MS 50
#define SHUTDOWN_MAX_MS 6000

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nasd -f CONFIG [--vty PATH] [--pcap FILE] "
		"[--l2tp-pcap FILE] [--tun NAME] [-d WORDS]...\n"
		"       nasd -f CONFIG --check\n"
		"\n"
		"  -f, --config CONFIG  IOS configuration file\n"
		"      --check          parse CONFIG, print the resulting\n"
		"                       running-config and exit (2 on errors)\n"
		"      --vty PATH       CLI socket for `nas` (default %s)\n"
		"      --pcap FILE      capture every PPP frame (linktype\n"
		"                       PPP_WITH_DIR) into FILE\n"
		"      --l2tp-pcap FILE capture every L2TP datagram (raw\n"
		"                       IPv4/UDP, port 1701) into FILE\n"
		"      --tun NAME       TUN device of the IP data plane\n"
		"                       (default %s)\n"
		"  -d, --debug WORDS    turn a debug switch on from the start,\n"
		"                       e.g. -d \"ppp negotiation\" (repeatable)\n"
		"  -h, --help           this text\n"
		"  -V, --version        print the version\n",
		NASD_VTY_DEFAULT, NASD_TUN_DEFAULT);
}

static void shutdown_poll(void *arg)
{
	struct nasd *nasd = arg;
	bool all_down = true;

	for (struct line *l = nasd->lines; l; l = l->next)
		all_down &= line_is_quiet(l);
	if (all_down || loop_now_ms(nasd->loop) - nasd->shutdown_start_ms >=
				SHUTDOWN_MAX_MS) {
		loop_stop(nasd->loop);
		return;
	}
	timer_arm(&nasd->shutdown_timer, SHUTDOWN_POLL_MS);
}

static void on_term(int signo, void *arg)
{
	struct nasd *nasd = arg;

	if (nasd->shutting_down) {
		loop_stop(nasd->loop); /* a second signal: do not wait */
		return;
	}
	nasd->shutting_down = true;
	nasd->shutdown_start_ms = loop_now_ms(nasd->loop);
	log_notice(&nasd->log, "%%SYS-5-SHUTDOWN: signal %d: closing links",
		   signo);
	for (struct line *l = nasd->lines; l; l = l->next)
		line_shutdown(l);
	timer_arm(&nasd->shutdown_timer, 0);
}

static void on_hup(int signo, void *arg)
{
	struct nasd *nasd = arg;
	struct strbuf errs = STRBUF_INIT;
	struct config *cfg;

	(void)signo;
	log_notice(&nasd->log, "%%SYS-5-RELOAD: reloading %s",
		   nasd->config_path);
	cfg = config_load_file(nasd->cmds, nasd->config_path, &nasd->log,
			       &errs);
	if (!cfg) {
		log_err(&nasd->log,
			"%%SYS-3-CONFIG: %s has errors, keeping the running "
			"configuration:\n%s",
			nasd->config_path, sb_str(&errs));
	} else if (nasd_apply(nasd, cfg, &errs) < 0) {
		log_err(&nasd->log, "%%SYS-3-CONFIG: cannot apply: %s",
			sb_str(&errs));
	}
	config_unref(cfg);
	sb_free(&errs);
}

static int mkdir_for(const char *path)
{
	char dir[512];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int vty_commit(void *app, struct config *cand, struct strbuf *err)
{
	return nasd_apply(app, cand, err);
}

static struct config *vty_running(void *app)
{
	struct nasd *nasd = app;

	return config_ref(nasd->running);
}

static void nasd_fini(struct nasd *nasd)
{
	vtysrv_close(nasd);
	callback_fini(nasd);
	/* ISDN first: its voice calls hold digital-modem lines. */
	isdn_fini(nasd);
	while (nasd->lines) {
		struct line *l = nasd->lines;
		nasd->lines = l->next;
		line_free(l);
	}
	/* Tunnels first: their calls' ends go to the dialers. */
	vpdn_fini(nasd);
	/* After the calls: their ends were reported to the dialers. */
	dialer_fini(nasd);
	dataplane_close(nasd);
	/* Free deferred work (reaped sessions) before the loop goes. */
	loop_run_once(nasd->loop, 0);
	for (size_t i = 0; i < nasd->npools; i++)
		pool_free(nasd->pools[i]);
	free(nasd->pools);
	aaa_free(nasd->aaa);
	config_unref(nasd->running);
	cmd_table_free(nasd->cmds);
	if (nasd->pcap)
		pcap_close(nasd->pcap);
	timer_cancel(&nasd->shutdown_timer);
	nasd_log_fini(nasd);
	loop_free(nasd->loop);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"config", required_argument, NULL, 'f'},
		{"check", no_argument, NULL, 'c'},
		{"vty", required_argument, NULL, 'v'},
		{"pcap", required_argument, NULL, 'p'},
		{"l2tp-pcap", required_argument, NULL, 'L'},
		{"tun", required_argument, NULL, 't'},
		{"debug", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct nasd nasd;
	struct strbuf errs = STRBUF_INIT;
	struct config *cfg;
	bool check = false;
	int c;

	memset(&nasd, 0, sizeof(nasd));
	snprintf(nasd.tun_name, sizeof(nasd.tun_name), "%s",
		 NASD_TUN_DEFAULT);
	nasd.vty_path = NASD_VTY_DEFAULT;
	while ((c = getopt_long(argc, argv, "f:d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			nasd.config_path = optarg;
			break;
		case 'c':
			check = true;
			break;
		case 'v':
			nasd.vty_path = optarg;
			break;
		case 'p':
			nasd.pcap_path = optarg;
			break;
		case 'L':
			nasd.l2tp_pcap_path = optarg;
			break;
		case 't':
			if (strlen(optarg) >= sizeof(nasd.tun_name)) {
				fprintf(stderr, "nasd: --tun %s: name too long\n",
					optarg);
				return 2;
			}
			snprintf(nasd.tun_name, sizeof(nasd.tun_name), "%s",
				 optarg);
			break;
		case 'd': {
			int f = dbg_lookup(optarg);
			if (f < 0) {
				fprintf(stderr,
					"nasd: --debug %s: unknown debug "
					"switch\n",
					optarg);
				return 2;
			}
			log_debug_set(&nasd.log, (enum dbg_flag)f, true);
			break;
		}
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("nasd %s\n", NASD_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!nasd.config_path || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (check)
		return config_check_main(nasd.config_path, stdout, stderr);

	nasd.loop = loop_new(LOOP_CLOCK_MONOTONIC);
	if (!nasd.loop) {
		fprintf(stderr, "nasd: event loop: %s\n", strerror(errno));
		return 1;
	}
	nasd.ts = loop_timers(nasd.loop);
	nasd.start_ms = loop_now_ms(nasd.loop);
	timer_init(&nasd.shutdown_timer, nasd.ts, shutdown_poll, &nasd);
	nasd_log_init(&nasd);
	nasd.aaa = aaa_new(nasd.ts, &nasd.log);
	nasd.cmds = cmd_table_new();
	if (!nasd.aaa || !nasd.cmds ||
	    config_install_commands(nasd.cmds) < 0 ||
	    cli_install(nasd.cmds) < 0 ||
	    nasd_install_commands(&nasd, nasd.cmds) < 0 ||
	    line_exec_install(&nasd, nasd.cmds) < 0 ||
	    line_dial_install(&nasd, nasd.cmds) < 0 ||
	    line_status_install(&nasd, nasd.cmds) < 0) {
		fprintf(stderr, "nasd: out of memory\n");
		return 1;
	}
	/* CLI sessions (the socket, and EXECs on lines) share one env. */
	nasd.vty_env.app = &nasd;
	nasd.vty_env.running = vty_running;
	nasd.vty_env.commit = vty_commit;
	nasd.vty_env.log = &nasd.log;
	nasd.vty_env.startup_path = nasd.config_path;
	cfg = config_load_file(nasd.cmds, nasd.config_path, &nasd.log, &errs);
	if (!cfg) {
		fputs(sb_str(&errs), stderr);
		sb_free(&errs);
		nasd_fini(&nasd);
		return 2;
	}
	if (nasd.pcap_path) {
		char err[256];
		nasd.pcap = pcap_create(nasd.pcap_path,
					PCAP_LINKTYPE_PPP_WITH_DIR,
					PCAP_SNAPLEN_DEFAULT, err, sizeof(err));
		if (!nasd.pcap) {
			fprintf(stderr, "nasd: --pcap: %s\n", err);
			config_unref(cfg);
			nasd_fini(&nasd);
			return 1;
		}
	}
	/* Timestamps follow `service timestamps` from the first line on. */
	nasd.running = config_ref(cfg);
	log_notice(&nasd.log, "%%SYS-5-RESTART: nasd %s starting, config %s",
		   NASD_VERSION, nasd.config_path);
	dataplane_open(&nasd, nasd.tun_name);
	if (nasd_apply(&nasd, cfg, &errs) < 0) {
		fprintf(stderr, "nasd: %s", sb_str(&errs));
		config_unref(cfg);
		sb_free(&errs);
		nasd_fini(&nasd);
		return 2;
	}
	config_unref(cfg);
	sb_free(&errs);

	if (mkdir_for(nasd.vty_path) < 0 ||
	    vtysrv_open(&nasd, nasd.vty_path, &nasd.vty_env) < 0)
		log_err(&nasd.log, "%%SYS-3-VTY: no CLI socket at %s",
			nasd.vty_path);

	signal(SIGPIPE, SIG_IGN);
	loop_signal(nasd.loop, SIGTERM, on_term, &nasd);
	loop_signal(nasd.loop, SIGINT, on_term, &nasd);
	loop_signal(nasd.loop, SIGHUP, on_hup, &nasd);
	loop_run(nasd.loop);
	log_notice(&nasd.log, "%%SYS-5-EXIT: nasd stopped");
	nasd_fini(&nasd);
	return 0;
}
