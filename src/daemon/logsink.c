/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsink.c - where nasd's log and debug lines go: stderr (nasd runs in the
 * foreground), syslog with `logging syslog`, the `show logging` buffer with
 * `logging buffered`, and every vty with `terminal monitor`.
 *
 * Each line gets the IOS timestamp chosen by `service timestamps debug|log`:
 *   datetime msec   "*Mar  1 01:25:16.611: "  (UTC unless `localtime`)
 *   uptime          "00:01:23: " / "1d02h: " / "2w3d: "   (IOS default)
 *   none            ""
 * The leading '*' is IOS's mark for a clock that is not known to be
 * authoritative; nasd cannot know whether the host's clock is synchronised,
 * so it always prints it, as an IOS box without NTP does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "nasd.h"

#define LOGBUF_DEFAULT_LINES 200

static const struct config_timestamps *stamp_cfg(const struct nasd *nasd,
						 enum log_level lvl)
{
	if (!nasd->running)
		return NULL;
	return lvl == LOG_LVL_DEBUG ? &nasd->running->ts_debug
				    : &nasd->running->ts_log;
}

void nasd_log_stamp(const struct nasd *nasd, enum log_level lvl, char *buf,
		    size_t size)
{
	const struct config_timestamps *tc = stamp_cfg(nasd, lvl);
	enum config_ts_kind kind = tc ? tc->kind : CONFIG_TS_UPTIME;

	buf[0] = '\0';
	if (kind == CONFIG_TS_NONE)
		return;
	if (kind == CONFIG_TS_UPTIME) {
		uint64_t s = (loop_now_ms(nasd->loop) - nasd->start_ms) / 1000;
		uint64_t d = s / 86400, w = d / 7;
		if (d == 0)
			snprintf(buf, size, "%02u:%02u:%02u: ",
				 (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
				 (unsigned)(s % 60));
		else if (w == 0)
			snprintf(buf, size, "%ud%02uh: ", (unsigned)d,
				 (unsigned)(s / 3600 % 24));
		else
			snprintf(buf, size, "%uw%ud: ", (unsigned)w,
				 (unsigned)(d % 7));
		return;
	}
	{
		uint64_t ms = loop_wall_ms(nasd->loop);
		time_t t = (time_t)(ms / 1000);
		struct tm tm;
		char date[64], msec[8] = "", zone[16] = "";

		if (tc->localtime)
			localtime_r(&t, &tm);
		else
			gmtime_r(&t, &tm);
		strftime(date, sizeof(date),
			 tc->year ? "%b %e %Y %H:%M:%S" : "%b %e %H:%M:%S",
			 &tm);
		if (tc->msec)
			snprintf(msec, sizeof(msec), ".%03u",
				 (unsigned)(ms % 1000));
		if (tc->show_timezone)
			strftime(zone, sizeof(zone), " %Z", &tm);
		snprintf(buf, size, "*%s%s%s: ", date, msec, zone);
	}
}

static void logbuf_add(struct logbuf *lb, const char *line)
{
	char *copy;

	if (lb->cap == 0)
		return;
	copy = strdup(line);
	if (!copy)
		return;
	if (lb->n == lb->cap) {
		free(lb->lines[lb->head]);
		lb->lines[lb->head] = copy;
		lb->head = (lb->head + 1) % lb->cap;
		return;
	}
	lb->lines[(lb->head + lb->n) % lb->cap] = copy;
	lb->n++;
}

static void logbuf_clear(struct logbuf *lb)
{
	for (size_t i = 0; i < lb->n; i++)
		free(lb->lines[(lb->head + i) % lb->cap]);
	free(lb->lines);
	memset(lb, 0, sizeof(*lb));
}

static int syslog_prio(enum log_level lvl)
{
	switch (lvl) {
	case LOG_LVL_ERR:
		return LOG_ERR;
	case LOG_LVL_WARN:
		return LOG_WARNING;
	case LOG_LVL_NOTICE:
		return LOG_NOTICE;
	case LOG_LVL_INFO:
		return LOG_INFO;
	case LOG_LVL_DEBUG:
		break;
	}
	return LOG_DEBUG;
}

static void flush_stderr(void *arg)
{
	(void)arg;
	fflush(stderr);
}

static void sink(void *ctx, enum log_level lvl, const char *msg)
{
	struct nasd *nasd = ctx;
	char stamp[64], line[1200];

	nasd_log_stamp(nasd, lvl, stamp, sizeof(stamp));
	snprintf(line, sizeof(line), "%s%s", stamp, msg);
	if (nasd->log_stderr) {
		fputs(line, stderr);
		fputc('\n', stderr);
		/* Before the loop next waits: a burst of lines (thousands of
		 * sessions coming up) costs one write, and nothing logged
		 * is held back while nasd is idle. */
		if (!nasd->loop)
			fflush(stderr);
		else
			loop_defer(nasd->loop, &nasd->log_flush, flush_stderr,
				   nasd);
	}
	if (nasd->syslog_open)
		syslog(syslog_prio(lvl), "%s", msg);
	logbuf_add(&nasd->logbuf, line);
	vtysrv_monitor(nasd, line);
}

void nasd_log_init(struct nasd *nasd)
{
	nasd->log.sink = sink;
	nasd->log.ctx = nasd;
	nasd->log.level = LOG_LVL_INFO;
	nasd->log_stderr = true;
	setvbuf(stderr, NULL, _IOFBF, 1 << 16);
}

void nasd_log_apply(struct nasd *nasd)
{
	const struct config *cfg = nasd->running;
	size_t want;

	if (cfg && cfg->logging_syslog && !nasd->syslog_open) {
		openlog("nasd", LOG_PID, LOG_DAEMON);
		nasd->syslog_open = true;
	} else if (cfg && !cfg->logging_syslog && nasd->syslog_open) {
		closelog();
		nasd->syslog_open = false;
	}
	/* `logging buffered SIZE` is in octets on IOS; nasd keeps lines, one
	 * per 80 octets of the configured size. */
	want = 0;
	if (cfg && cfg->logging_buffered)
		want = cfg->logging_buffered_bytes
			       ? cfg->logging_buffered_bytes / 80 + 1
			       : LOGBUF_DEFAULT_LINES;
	if (want != nasd->logbuf.cap) {
		logbuf_clear(&nasd->logbuf);
		if (want) {
			nasd->logbuf.lines = calloc(want, sizeof(char *));
			if (nasd->logbuf.lines)
				nasd->logbuf.cap = want;
		}
	}
}

void nasd_log_fini(struct nasd *nasd)
{
	loop_defer_cancel(&nasd->log_flush);
	fflush(stderr);
	logbuf_clear(&nasd->logbuf);
	if (nasd->syslog_open)
		closelog();
	nasd->syslog_open = false;
}
