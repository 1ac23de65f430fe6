/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * callback.h - the return calls of server-side callback (callback.c):
 * scheduled when a PPP session on a line decides on a callback, placed on
 * a free line with its chat scripts.  Daemon-internal.
 */
#ifndef NASD_DAEMON_CALLBACK_H
#define NASD_DAEMON_CALLBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "ppp_session.h"
#include "timer.h"

struct nasd;
struct line;

enum cb_job_state {
	CBJ_WAITING, /* the delay / forced wait runs */
	CBJ_DIALING, /* a line is placing the return call */
};

/* One pending return call (nasd->callbacks). */
struct cb_job {
	struct cb_job *next;
	struct nasd *nasd;
	struct ppp_callback cb;  /* user, number, kind, AAA attributes */
	unsigned origin_line;    /* the line the first call came in on */
	unsigned origin_rotary;  /* its rotary group, 0 none */
	enum cb_job_state state;
	unsigned line;           /* CBJ_DIALING: the line used */
	unsigned attempts;
	unsigned retries_left;   /* `callback retries` */
	uint32_t retry_ms;
	unsigned waits;          /* re-checks while a line hangs up */
	uint64_t created_ms, due_ms;
	char last_error[96];
	struct timer timer;
};

/*
 * The PPP session on line l ended a call for a callback (cb->state
 * PPP_CBST_NEEDED): log it, hang the line up if the client already ended
 * the call, and schedule the return call (file comment of callback.c).
 * Never called from inside the session's own input processing.
 */
void callback_from_line(struct line *l, const struct ppp_callback *cb);
/* Drop every pending return call (shutdown). */
void callback_fini(struct nasd *nasd);
/* "waiting", "dialing". */
const char *callback_job_state_name(enum cb_job_state st);

#endif
