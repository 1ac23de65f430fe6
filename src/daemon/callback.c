/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * callback.c - placing the return call of a server-side callback
 * (callback.md §2.5, §4, §12.4).  The PPP session decides that a call must
 * end for a callback (ppp_callback.c); this file hangs the line up, waits,
 * chooses a line and dials with the line's chat scripts, the way seed 001
 * shows it:
 *
 *   As4 MCB: Initiate Callback for callmeback at 527-9651 using Async
 *   As4 MCB: Async-callback in progress
 *   ... (the first call is cleared, DTR dropped) ...
 *   CHAT4: Matched chat script offhook to string offhook
 *   CHAT4: Asserting DTR
 *   ...
 *   CHAT4: Chat script callback finished, status = Success
 *
 *   - When: after max(the CBCP delay the client asked for, the line's
 *     `callback forced-wait`, 2) seconds, and not before the first call
 *     has been cleared on our side (a client still on it would be busy).
 *     (How IOS derives its wait from the CBCP delay is not public: seed
 *     001 waited about 10 s for a delay of 15; we honour the client's
 *     delay.)
 *   - Where: the first free line of the user's `callback-line` range, else
 *     of its `callback-rotary`, else the line the call came in on, else
 *     that line's rotary group.  A line still hanging up the first call is
 *     waited for.
 *   - How: the line's `script modem-off-hook` then `script callback`, \T =
 *     the number; on CONNECT a PPP return call is activated like an
 *     incoming call (autoselect, `login`...): the client speaks first, as
 *     in seed 001's return call ("TTY4: Autoselect(2) sample 7E").  The
 *     PPP session on it is marked as a return call, so it never calls back
 *     again, and it authenticates the user again.  An EXEC return call
 *     starts the EXEC login at once (seed 003: "Reauthentication is
 *     required upon reconnection"), or with the user's
 *     `nocallback-verify` the EXEC itself, logged in as the user; a login
 *     on a return call is never called back again.
 *   - Failure (busy, no answer, no free line, no script) is logged and the
 *     line is left free; no retry (IOS), unless `callback retries N` (a
 *     nasd extension) is set on the line the call came in on.
 */
#include "callback.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nasd.h"

#define MIN_WAIT_S 2        /* the client's modem goes back on hook */
#define RETRY_WAIT_MS 500   /* a chosen line is still hanging up */
#define RETRY_WAIT_MAX 40   /* ... for at most 20 s */
#define RETRY_MS_DEFAULT 5000 /* `callback retries`: between attempts */

static bool cb_debug(const struct nasd *nasd)
{
	return log_debug_on(&nasd->log, DBG_CALLBACK) ||
	       log_debug_on(&nasd->log, DBG_PPP_CBCP) ||
	       log_debug_on(&nasd->log, DBG_PPP_NEGOTIATION);
}

#define CB_DBG(nasd, ...)                                                      \
	do {                                                                   \
		if (cb_debug(nasd))                                            \
			log_printf(&(nasd)->log, LOG_LVL_DEBUG, __VA_ARGS__);  \
	} while (0)

static void job_fire(void *arg);

static void job_free(struct cb_job *job)
{
	struct cb_job **pp = &job->nasd->callbacks;

	while (*pp && *pp != job)
		pp = &(*pp)->next;
	if (*pp)
		*pp = job->next;
	timer_cancel(&job->timer);
	free(job);
}

static struct line *first_free_in_range(struct nasd *nasd, int first,
					int last, bool *hanging)
{
	for (int n = first; n <= last; n++) {
		struct line *l = line_find(nasd, (unsigned)n);

		if (!l)
			continue;
		if (line_can_dial(l))
			return l;
		if (l->state == LINE_HANGUP)
			*hanging = true;
	}
	return NULL;
}

static struct line *rotary_free(struct nasd *nasd, unsigned rotary,
				bool *hanging)
{
	struct line *l = line_rotary_free(nasd, rotary);

	if (l)
		return l;
	for (l = nasd->lines; l; l = l->next)
		if (l->s.rotary == rotary && l->state == LINE_HANGUP)
			*hanging = true;
	return NULL;
}

/* The line for the return call (file comment), or NULL.  *hanging: a
 * candidate is still hanging up (worth waiting for). */
static struct line *choose_line(struct cb_job *job, bool *hanging)
{
	struct nasd *nasd = job->nasd;
	const struct aaa_authz *z = &job->cb.authz;
	struct line *origin = line_find(nasd, job->origin_line);

	*hanging = false;
	if (z->line_first >= 0)
		return first_free_in_range(nasd, z->line_first,
					   z->line_last >= z->line_first
						   ? z->line_last
						   : z->line_first,
					   hanging);
	if (z->rotary > 0)
		return rotary_free(nasd, (unsigned)z->rotary, hanging);
	if (origin && line_can_dial(origin))
		return origin;
	if (origin && origin->state == LINE_HANGUP)
		*hanging = true;
	if (job->origin_rotary)
		return rotary_free(nasd, job->origin_rotary, hanging);
	return NULL;
}

static void job_failed(struct cb_job *job, const char *why)
{
	struct nasd *nasd = job->nasd;

	snprintf(job->last_error, sizeof(job->last_error), "%s", why);
	log_notice(&nasd->log,
		   "%%CALLBACK-5-FAILED: Callback for %s at %s failed: %s",
		   job->cb.user, job->cb.number, why);
	if (job->retries_left > 0) {
		job->retries_left--;
		job->state = CBJ_WAITING;
		job->due_ms = loop_now_ms(nasd->loop) + job->retry_ms;
		log_info(&nasd->log,
			 "Callback for %s at %s: retrying in %u s (%u "
			 "retries left)",
			 job->cb.user, job->cb.number, job->retry_ms / 1000,
			 job->retries_left);
		timer_arm(&job->timer, job->retry_ms);
		return;
	}
	job_free(job);
}

static void dial_done(void *arg, struct line *l, bool ok, const char *why)
{
	struct cb_job *job = arg;
	struct nasd *nasd = job->nasd;

	if (ok) {
		log_info(&nasd->log,
			 "%%CALLBACK-6-CONNECTED: Callback for %s at %s "
			 "connected on %s",
			 job->cb.user, job->cb.number, l->tty);
		CB_DBG(nasd, "%s Callback: return call connected, waiting "
			     "for %s",
		       l->tty, job->cb.user);
		job_free(job);
		return;
	}
	l->return_call = false;
	l->return_exec = l->return_noverify = false;
	job_failed(job, why ? why : "the call failed");
}

static void job_fire(void *arg)
{
	struct cb_job *job = arg;
	struct nasd *nasd = job->nasd;
	bool hanging;
	struct line *l;
	struct line *origin = line_find(nasd, job->origin_line);
	const char *script;
	int rc;

	/* The first call must be cleared before the return call goes out:
	 * a client still on it would be busy.  (An EXEC callback's line
	 * says its last words before it hangs up.) */
	if (job->attempts == 0 && origin &&
	    (origin->state == LINE_PPP || origin->state == LINE_HANGUP ||
	     (origin->state == LINE_EXEC && job->kind == CB_JOB_EXEC)) &&
	    job->waits++ < RETRY_WAIT_MAX) {
		timer_arm(&job->timer, RETRY_WAIT_MS);
		return;
	}
	l = choose_line(job, &hanging);
	if (!l) {
		if (hanging && job->waits++ < RETRY_WAIT_MAX) {
			timer_arm(&job->timer, RETRY_WAIT_MS);
			return;
		}
		job_failed(job, "no free line");
		return;
	}
	script = l->s.script[CONFIG_SCRIPT_CALLBACK];
	if (!script[0]) {
		char why[96];

		snprintf(why, sizeof(why), "line %u has no `script callback`",
			 l->num);
		job_failed(job, why);
		return;
	}
	job->state = CBJ_DIALING;
	job->line = l->num;
	job->attempts++;
	CB_DBG(nasd, "%s Callback: dialing %s for %s (attempt %u)", l->tty,
	       job->cb.number, job->cb.user, job->attempts);
	l->return_call = true;
	l->return_exec = job->kind == CB_JOB_EXEC;
	l->return_noverify = l->return_exec && job->cb.authz.nocallback_verify;
	snprintf(l->return_user, sizeof(l->return_user), "%s", job->cb.user);
	snprintf(l->return_number, sizeof(l->return_number), "%s",
		 job->cb.number);
	rc = line_dial(l, job->cb.number, script,
		       l->return_exec ? LINE_THEN_EXEC : LINE_THEN_INCOMING,
		       dial_done, job);
	if (rc < 0) {
		char why[96];

		l->return_call = false;
		l->return_exec = l->return_noverify = false;
		snprintf(why, sizeof(why), "line %u: %s", l->num,
			 rc == -EINVAL ? "no chat script matches"
				       : strerror(-rc));
		job_failed(job, why);
	}
}

/* A new job for a return call from line l after wait_s seconds (at least
 * the line's forced wait and MIN_WAIT_S), queued and armed; NULL when out
 * of memory (logged).  *wait_s is updated to the wait used. */
static struct cb_job *job_new(struct line *l, enum cb_job_kind kind,
			      const struct ppp_callback *cb, unsigned *wait_s)
{
	struct nasd *nasd = l->nasd;
	struct cb_job *job = calloc(1, sizeof(*job));

	if (!job) {
		log_err(&nasd->log, "%s: callback for %s: out of memory",
			l->tty, cb->user);
		return NULL;
	}
	if (l->s.has_forced_wait && l->s.callback_forced_wait_s > *wait_s)
		*wait_s = l->s.callback_forced_wait_s;
	if (*wait_s < MIN_WAIT_S)
		*wait_s = MIN_WAIT_S;
	job->nasd = nasd;
	job->kind = kind;
	job->cb = *cb;
	job->origin_line = l->num;
	job->origin_rotary = l->s.rotary;
	job->retries_left = l->s.callback_retries;
	job->retry_ms = *wait_s ? *wait_s * 1000u : RETRY_MS_DEFAULT;
	job->created_ms = loop_now_ms(nasd->loop);
	job->due_ms = job->created_ms + *wait_s * 1000ull;
	job->state = CBJ_WAITING;
	timer_init(&job->timer, nasd->ts, job_fire, job);
	job->next = nasd->callbacks;
	nasd->callbacks = job;
	timer_arm(&job->timer, *wait_s * 1000ull);
	return job;
}

static void log_scheduled(const struct cb_job *job, const struct line *l,
			  unsigned wait_s)
{
	log_info(&job->nasd->log,
		 "%%CALLBACK-6-SCHEDULED: Callback for %s at %s in %u s (%s, "
		 "call on %s)",
		 job->cb.user, job->cb.number, wait_s,
		 callback_job_kind_name(job), l->tty);
}

void callback_from_line(struct line *l, const struct ppp_callback *cb)
{
	struct nasd *nasd = l->nasd;
	unsigned wait_s = cb->delay_s;
	struct cb_job *job = job_new(l, CB_JOB_PPP, cb, &wait_s);

	if (!job)
		return;
	if (cb->kind == PPP_CB_CBCP) {
		CB_DBG(nasd, "%s MCB: Initiate Callback for %s at %s using "
			     "Async",
		       l->ifshort, cb->user, cb->number);
		CB_DBG(nasd, "%s MCB: Async-callback in progress", l->ifshort);
	} else {
		CB_DBG(nasd, "%s PPP: Initiate Callback for %s at %s using "
			     "Async",
		       l->ifshort, cb->user, cb->number);
	}
	log_scheduled(job, l, wait_s);
	/* CBCP: the client ended the call; drop the line now (seed 001
	 * hangs up within a second).  RFC 1570: LCP is terminating; the
	 * line hangs up when the session ends. */
	if (cb->peer_terminated && l->state == LINE_PPP)
		line_hangup(l, "Callback");
}

int callback_exec_from_line(struct line *l, const char *user,
			    const char *number, const struct aaa_authz *z)
{
	struct nasd *nasd = l->nasd;
	struct ppp_callback cb;
	unsigned wait_s = 0;
	struct cb_job *job;

	memset(&cb, 0, sizeof(cb));
	cb.kind = PPP_CB_NONE;
	cb.state = PPP_CBST_NEEDED;
	snprintf(cb.user, sizeof(cb.user), "%s", user);
	snprintf(cb.number, sizeof(cb.number), "%s", number);
	cb.authz = *z;
	job = job_new(l, CB_JOB_EXEC, &cb, &wait_s);
	if (!job)
		return -ENOMEM;
	/* The wording of IOS's `debug callback` (Debug Command Reference,
	 * EXEC callback example). */
	if (log_debug_on(&nasd->log, DBG_CALLBACK)) {
		log_printf(&nasd->log, LOG_LVL_DEBUG,
			   "%s Callback process initiated, user: %s "
			   "dialstring %s",
			   l->tty, job->cb.user, job->cb.number);
		log_printf(&nasd->log, LOG_LVL_DEBUG,
			   "%s Callback forced wait = %u seconds", l->tty,
			   wait_s);
	}
	log_scheduled(job, l, wait_s);
	return 0;
}

const char *callback_job_kind_name(const struct cb_job *job)
{
	if (job->kind == CB_JOB_EXEC)
		return "EXEC callback";
	return ppp_cb_kind_name(job->cb.kind);
}

void callback_fini(struct nasd *nasd)
{
	while (nasd->callbacks)
		job_free(nasd->callbacks);
}

const char *callback_job_state_name(enum cb_job_state st)
{
	switch (st) {
	case CBJ_WAITING:
		return "waiting";
	case CBJ_DIALING:
		return "dialing";
	}
	return "?";
}
