/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * callback.h - the return calls of server-side callback (callback.c):
 * scheduled when a PPP session on a line decides on a callback, or when a
 * user of an EXEC login is to be called back (`service exec-callback`),
 * and placed on a free line with its chat scripts.  Daemon-internal.
 */
#ifndef NASD_DAEMON_CALLBACK_H
#define NASD_DAEMON_CALLBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "ppp_session.h"
#include "timer.h"

struct nasd;
struct line;

/* What the return call carries. */
enum cb_job_kind {
	CB_JOB_PPP,  /* PPP callback: the client speaks first (autoselect) */
	CB_JOB_EXEC, /* EXEC callback: a login (or, with nocallback-verify,
		      * the EXEC) on the return call */
};

enum cb_job_state {
	CBJ_WAITING, /* the delay / forced wait runs */
	CBJ_DIALING, /* a line is placing the return call */
};

/* One pending return call (nasd->callbacks). */
struct cb_job {
	struct cb_job *next;
	struct nasd *nasd;
	enum cb_job_kind kind;
	struct ppp_callback cb;  /* user, number, kind, AAA attributes (EXEC:
				  * kind PPP_CB_NONE) */
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
/*
 * EXEC callback (seed 003, `service exec-callback`): user `user` logged in
 * on line l and is to be called back at `number` (the user's
 * callback-dialstring, or what the user typed), with the user's callback
 * attributes z (callback-line, callback-rotary, nocallback-verify; copied).
 * Logs %CALLBACK-6-SCHEDULED and schedules the return call after the
 * line's `callback forced-wait` (at least 2 s); the line is chosen as for
 * PPP (file comment of callback.c).  The caller hangs the line up.  On
 * the return call the line runs the EXEC login again, unless
 * z->nocallback_verify: then the user is logged straight in.  Returns 0,
 * or -ENOMEM (logged; no callback then).
 */
int callback_exec_from_line(struct line *l, const char *user,
			    const char *number, const struct aaa_authz *z);
/* "EXEC callback", or the PPP kind's name (ppp_cb_kind_name()). */
const char *callback_job_kind_name(const struct cb_job *job);
/* Drop every pending return call (shutdown). */
void callback_fini(struct nasd *nasd);
/* "waiting", "dialing". */
const char *callback_job_state_name(enum cb_job_state st);

#endif
