/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_fsm.c - nasdial's call logic (see dial_fsm.h): dial or answer, PPP,
 * and the caller's side of callback ([MS-CBCP] 1.4, 3.1; RFC 1570 §2.3;
 * callback.md §2.8 "Caller").
 *
 * Every connection ends in one place, conn_ended(), which decides among:
 * answer the return call (a callback was agreed, or --expect-callback saw
 * the server end the link after authentication), try again (--persist),
 * or exit with the code the connection's events left in pending_exit.
 */
#include "dial_fsm.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name, *help;
} exit_names[DIAL_EXIT__COUNT] = {
#define DIAL_EXIT_NAME(e, code, name, help) [e] = {name, help},
	DIAL_EXITS(DIAL_EXIT_NAME)
#undef DIAL_EXIT_NAME
};

static const char *const state_names[DIAL_ST__COUNT] = {
#define DIAL_STATE_NAME(e, s) [e] = s,
	DIAL_STATES(DIAL_STATE_NAME)
#undef DIAL_STATE_NAME
};
_Static_assert(sizeof(state_names) / sizeof(state_names[0]) == DIAL_ST__COUNT,
	       "one name per dial state");

const char *dial_exit_name(enum dial_exit code)
{
	if ((unsigned)code >= DIAL_EXIT__COUNT || !exit_names[code].name)
		return "?";
	return exit_names[code].name;
}

const char *dial_exit_help(enum dial_exit code)
{
	if ((unsigned)code >= DIAL_EXIT__COUNT || !exit_names[code].help)
		return "?";
	return exit_names[code].help;
}

const char *dial_state_name(enum dial_state st)
{
	return (unsigned)st < DIAL_ST__COUNT ? state_names[st] : "?";
}

void dial_fsm_cfg_default(struct dial_fsm_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->callback_timeout_ms = 120000;
	cfg->holdoff_ms = 5000;
	cfg->hangup_ms = 1000;
	/* Max-Terminate (2) Terminate-Requests 2 s apart, plus slack. */
	cfg->close_guard_ms = 6000;
}

static void set_state(struct dial_fsm *fsm, enum dial_state st)
{
	if (fsm->state == DIAL_ST_UP && st != DIAL_ST_UP) {
		fsm->up_total_ms += timers_now(fsm->ts) - fsm->up_since_ms;
		timer_cancel(&fsm->up_timer);
	}
	fsm->state = st;
	fsm->ops->changed(fsm->ctx);
}

static void finish(struct dial_fsm *fsm, enum dial_exit code, const char *msg)
{
	timer_cancel(&fsm->timer);
	timer_cancel(&fsm->cb_timer);
	timer_cancel(&fsm->up_timer);
	fsm->exit_code = code;
	snprintf(fsm->exit_msg, sizeof(fsm->exit_msg), "%s", msg);
	set_state(fsm, DIAL_ST_DONE);
	fsm->ops->exit(fsm->ctx, code, fsm->exit_msg);
}

/* Remember why the current connection is ending; the first reason wins
 * (the Terminate-Request that follows a CHAP Failure is not the story). */
static void note_exit(struct dial_fsm *fsm, enum dial_exit code,
		      const char *msg)
{
	if (fsm->pending_exit != DIAL_EXIT_OK)
		return;
	fsm->pending_exit = code;
	snprintf(fsm->pending_msg, sizeof(fsm->pending_msg), "%s", msg);
}

static void new_connection(struct dial_fsm *fsm)
{
	fsm->return_call = false;
	fsm->authenticated = false;
	fsm->auth_failed = false;
	fsm->pending_exit = DIAL_EXIT_OK;
	fsm->pending_msg[0] = '\0';
}

static void start_dial(struct dial_fsm *fsm)
{
	new_connection(fsm);
	fsm->counts.dials++;
	log_notice(fsm->log, "nasdial: dialing %s", fsm->cfg.number);
	set_state(fsm, DIAL_ST_DIALING);
	fsm->ops->chat(fsm->ctx, DIAL_SCRIPT_DIAL, fsm->cfg.number);
}

static bool callback_pending(const struct dial_fsm *fsm)
{
	return fsm->cb_waiting;
}

static void start_answer(struct dial_fsm *fsm)
{
	bool cb = callback_pending(fsm);

	new_connection(fsm);
	fsm->return_call = cb;
	fsm->counts.answers++;
	if (cb)
		log_notice(fsm->log, "nasdial: waiting for the return call%s%s",
			   fsm->cb.number[0] ? " to " : "", fsm->cb.number);
	else
		log_notice(fsm->log, "nasdial: waiting for a call");
	set_state(fsm, DIAL_ST_ANSWERING);
	fsm->ops->chat(fsm->ctx, DIAL_SCRIPT_ANSWER, "");
}

static void begin(struct dial_fsm *fsm)
{
	if (fsm->cfg.answer || callback_pending(fsm))
		start_answer(fsm);
	else
		start_dial(fsm);
}

static void timer_cb(void *arg)
{
	struct dial_fsm *fsm = arg;

	switch (fsm->state) {
	case DIAL_ST_HANGUP:
	case DIAL_ST_HOLDOFF:
		begin(fsm);
		break;
	case DIAL_ST_TERMINATING:
		/* The peer never answered our Terminate-Request and LCP
		 * never finished: drop the link ourselves. */
		log_notice(fsm->log,
			   "nasdial: link did not close, dropping it");
		fsm->ops->ppp_lower_down(fsm->ctx);
		break;
	default:
		break;
	}
}

static void cb_timer_cb(void *arg)
{
	struct dial_fsm *fsm = arg;
	char msg[DIAL_REASON_MAX];

	if (!callback_pending(fsm) || fsm->state == DIAL_ST_DONE)
		return;
	snprintf(msg, sizeof(msg),
		 "no return call within %u s (--callback-timeout)",
		 (unsigned)(fsm->cfg.callback_timeout_ms / 1000));
	log_notice(fsm->log, "nasdial: %s", msg);
	fsm->ops->hangup(fsm->ctx);
	if (fsm->state == DIAL_ST_PPP || fsm->state == DIAL_ST_TERMINATING)
		fsm->ops->ppp_lower_down(fsm->ctx);
	finish(fsm, DIAL_EXIT_NO_CALLBACK, msg);
}

static void up_timer_cb(void *arg)
{
	struct dial_fsm *fsm = arg;

	if (fsm->state != DIAL_ST_UP)
		return;
	log_notice(fsm->log, "nasdial: --up-for %u s reached, closing",
		   (unsigned)(fsm->cfg.up_for_ms / 1000));
	fsm->up_for_done = true;
	timer_arm(&fsm->timer, fsm->cfg.close_guard_ms);
	set_state(fsm, DIAL_ST_TERMINATING);
	fsm->ops->ppp_close(fsm->ctx, "User request");
}

void dial_fsm_init(struct dial_fsm *fsm, const struct dial_fsm_cfg *cfg,
		   const struct dial_fsm_ops *ops, void *ctx, struct timers *ts,
		   const struct logger *log)
{
	memset(fsm, 0, sizeof(*fsm));
	fsm->cfg = *cfg;
	fsm->ops = ops;
	fsm->ctx = ctx;
	fsm->ts = ts;
	fsm->log = log;
	fsm->state = DIAL_ST_IDLE;
	timer_init(&fsm->timer, ts, timer_cb, fsm);
	timer_init(&fsm->cb_timer, ts, cb_timer_cb, fsm);
	timer_init(&fsm->up_timer, ts, up_timer_cb, fsm);
}

void dial_fsm_fini(struct dial_fsm *fsm)
{
	timer_cancel(&fsm->timer);
	timer_cancel(&fsm->cb_timer);
	timer_cancel(&fsm->up_timer);
}

void dial_fsm_start(struct dial_fsm *fsm)
{
	if (fsm->state != DIAL_ST_IDLE)
		return;
	begin(fsm);
}

/* Hang up, then either go on (return call, --persist) or exit. */
static void conn_ended(struct dial_fsm *fsm)
{
	enum dial_exit code = fsm->pending_exit;

	fsm->ops->hangup(fsm->ctx);
	if (fsm->stopping || fsm->up_for_done) {
		finish(fsm, fsm->ever_up ? DIAL_EXIT_OK : DIAL_EXIT_SIGNAL,
		       fsm->ever_up ? ""
				    : "interrupted before the link "
				      "came up");
		return;
	}
	if (callback_pending(fsm)) {
		/* Give the modem hangup_ms on hook; the server waits its
		 * callback delay (15 s from Windows in seed 001) anyway. */
		set_state(fsm, DIAL_ST_HANGUP);
		timer_arm(&fsm->timer, fsm->cfg.hangup_ms);
		return;
	}
	if (fsm->cfg.persist && code != DIAL_EXIT_AUTH &&
	    code != DIAL_EXIT_SETUP && code != DIAL_EXIT_CB_REFUSED) {
		log_notice(fsm->log, "nasdial: %s; next attempt in %u s",
			   fsm->pending_msg[0] ? fsm->pending_msg
					       : "connection ended",
			   (unsigned)(fsm->cfg.holdoff_ms / 1000));
		set_state(fsm, DIAL_ST_HOLDOFF);
		timer_arm(&fsm->timer, fsm->cfg.holdoff_ms > fsm->cfg.hangup_ms
					       ? fsm->cfg.holdoff_ms
					       : fsm->cfg.hangup_ms);
		return;
	}
	finish(fsm, code, fsm->pending_msg);
}

static enum dial_exit abort_code(const char *why)
{
	if (strcmp(why, "BUSY") == 0)
		return DIAL_EXIT_BUSY;
	if (strcmp(why, "NO CARRIER") == 0)
		return DIAL_EXIT_NO_CARRIER;
	if (strcmp(why, "NO ANSWER") == 0)
		return DIAL_EXIT_NO_ANSWER;
	if (strcmp(why, "NO DIALTONE") == 0)
		return DIAL_EXIT_NO_DIALTONE;
	return DIAL_EXIT_MODEM;
}

static void carrier_up(struct dial_fsm *fsm)
{
	fsm->counts.connects++;
	fsm->counts.sessions++;
	if (fsm->return_call) {
		fsm->cb.return_call = true;
		fsm->cb_waiting = false;
		log_notice(fsm->log, "nasdial: return call answered");
	} else {
		log_notice(fsm->log, "nasdial: connected");
	}
	set_state(fsm, DIAL_ST_PPP);
	fsm->ops->ppp_start(fsm->ctx, fsm->return_call);
}

void dial_fsm_chat_done(struct dial_fsm *fsm, enum chat_status status,
			const char *why)
{
	char msg[DIAL_REASON_MAX];
	bool dialing = fsm->state == DIAL_ST_DIALING;

	if (!dialing && fsm->state != DIAL_ST_ANSWERING)
		return;
	if (status == CHAT_SUCCESS) {
		carrier_up(fsm);
		return;
	}
	if (status == CHAT_ABORTED) {
		snprintf(msg, sizeof(msg), "%s%s", why,
			 dialing ? "" : " while waiting for a call");
		note_exit(fsm, abort_code(why), msg);
	} else if (!dialing && status == CHAT_TIMEOUT) {
		if (fsm->return_call) {
			snprintf(msg, sizeof(msg),
				 "no return call (answer script timed out "
				 "expecting %s)",
				 why);
			note_exit(fsm, DIAL_EXIT_NO_CALLBACK, msg);
		} else {
			snprintf(msg, sizeof(msg),
				 "no incoming call (answer script timed out "
				 "expecting %s)",
				 why);
			note_exit(fsm, DIAL_EXIT_NO_CALL, msg);
		}
	} else if (status == CHAT_TIMEOUT && strncmp(why, "CONNECT", 7) == 0) {
		snprintf(msg, sizeof(msg), "no answer (timed out expecting %s)",
			 why);
		note_exit(fsm, DIAL_EXIT_NO_ANSWER, msg);
	} else if (status == CHAT_TIMEOUT) {
		snprintf(msg, sizeof(msg),
			 "modem not responding (timed out expecting %s)", why);
		note_exit(fsm, DIAL_EXIT_MODEM, msg);
	} else {
		snprintf(msg, sizeof(msg), "chat script error: %s", why);
		note_exit(fsm, DIAL_EXIT_MODEM, msg);
	}
	log_notice(fsm->log, "nasdial: %s failed: %s",
		   dialing ? "call" : "answer", fsm->pending_msg);
	/* The server calls back once (Cisco: no retry): a failed answer is
	 * the end of the wait. */
	fsm->cb_waiting = false;
	conn_ended(fsm);
}

static bool in_session(const struct dial_fsm *fsm)
{
	return fsm->state == DIAL_ST_PPP || fsm->state == DIAL_ST_UP ||
	       fsm->state == DIAL_ST_TERMINATING;
}

void dial_fsm_carrier_lost(struct dial_fsm *fsm)
{
	if (!in_session(fsm))
		return; /* chat sees NO CARRIER itself while dialing */
	note_exit(fsm,
		  fsm->state == DIAL_ST_UP ? DIAL_EXIT_LINK_DOWN
					   : DIAL_EXIT_NO_CARRIER,
		  "carrier lost");
	fsm->ops->ppp_lower_down(fsm->ctx);
}

void dial_fsm_auth(struct dial_fsm *fsm, bool ok)
{
	if (!in_session(fsm))
		return;
	if (ok) {
		fsm->authenticated = true;
	} else {
		fsm->auth_failed = true;
		note_exit(fsm, DIAL_EXIT_AUTH,
			  "authentication failed: the server refused our "
			  "name or password");
	}
	fsm->ops->changed(fsm->ctx);
}

void dial_fsm_ppp_up(struct dial_fsm *fsm)
{
	if (fsm->state != DIAL_ST_PPP)
		return;
	fsm->ever_up = true;
	fsm->counts.ups++;
	fsm->up_since_ms = timers_now(fsm->ts);
	/* A server that let IPCP open did not end the link for callback. */
	fsm->authenticated = true;
	if (fsm->cfg.up_for_ms)
		timer_arm(&fsm->up_timer, fsm->cfg.up_for_ms);
	set_state(fsm, DIAL_ST_UP);
}

void dial_fsm_callback_rejected(struct dial_fsm *fsm, const char *why)
{
	if (!in_session(fsm))
		return;
	fsm->cb.refused = true;
	snprintf(fsm->cb.note, sizeof(fsm->cb.note), "%s", why);
	if (!fsm->cfg.callback_strict) {
		log_notice(fsm->log, "nasdial: %s; going on without callback",
			   why);
		fsm->ops->changed(fsm->ctx);
		return;
	}
	log_notice(fsm->log, "nasdial: %s", why);
	note_exit(fsm, DIAL_EXIT_CB_REFUSED, why);
	timer_arm(&fsm->timer, fsm->cfg.close_guard_ms);
	set_state(fsm, DIAL_ST_TERMINATING);
	fsm->ops->ppp_close(fsm->ctx, "Callback refused");
}

void dial_fsm_callback_declined(struct dial_fsm *fsm, const char *why)
{
	fsm->cb.refused = true;
	snprintf(fsm->cb.note, sizeof(fsm->cb.note), "%s", why);
	log_notice(fsm->log, "nasdial: %s; going on without callback", why);
	fsm->ops->changed(fsm->ctx);
}

void dial_fsm_callback_offered(struct dial_fsm *fsm, unsigned offer)
{
	fsm->cb.offered = offer;
	fsm->ops->changed(fsm->ctx);
}

void dial_fsm_callback_failed(struct dial_fsm *fsm, const char *why)
{
	if (!in_session(fsm))
		return;
	fsm->cb.refused = true;
	snprintf(fsm->cb.note, sizeof(fsm->cb.note), "%s", why);
	log_notice(fsm->log, "nasdial: callback refused: %s", why);
	note_exit(fsm, DIAL_EXIT_CB_REFUSED, why);
	fsm->ops->changed(fsm->ctx);
}

void dial_fsm_callback_agreed(struct dial_fsm *fsm, const char *number,
			      unsigned delay_s)
{
	if (fsm->state != DIAL_ST_PPP && fsm->state != DIAL_ST_TERMINATING)
		return;
	if (callback_pending(fsm))
		return;
	fsm->cb.agreed = true;
	fsm->cb_waiting = true;
	fsm->cb.return_call = false;
	fsm->cb.refused = false;
	snprintf(fsm->cb.number, sizeof(fsm->cb.number), "%s",
		 number ? number : "");
	fsm->cb.delay_s = delay_s;
	fsm->counts.callbacks++;
	log_notice(fsm->log,
		   "nasdial: callback agreed: the server calls back%s%s "
		   "in %u s; hanging up",
		   fsm->cb.number[0] ? " at " : "", fsm->cb.number, delay_s);
	if (fsm->cfg.callback_timeout_ms)
		timer_arm(&fsm->cb_timer, fsm->cfg.callback_timeout_ms);
	timer_arm(&fsm->timer, fsm->cfg.close_guard_ms);
	set_state(fsm, DIAL_ST_TERMINATING);
}

void dial_fsm_ppp_down(struct dial_fsm *fsm, const char *reason)
{
	char msg[DIAL_REASON_MAX];
	bool was_up = fsm->state == DIAL_ST_UP;

	if (!in_session(fsm))
		return;
	timer_cancel(&fsm->timer);
	if (!callback_pending(fsm) && !was_up && fsm->cfg.expect_callback &&
	    fsm->authenticated && !fsm->auth_failed && !fsm->stopping &&
	    fsm->pending_exit == DIAL_EXIT_OK && !fsm->return_call) {
		/* `ppp callback initiate`: the server hangs up after
		 * authentication and calls back a client in answer mode. */
		set_state(fsm, DIAL_ST_TERMINATING);
		dial_fsm_callback_agreed(fsm, "", 0);
		snprintf(fsm->cb.note, sizeof(fsm->cb.note),
			 "the server ended the link after authentication");
	}
	if (was_up) {
		snprintf(msg, sizeof(msg), "link down: %s", reason);
		note_exit(fsm, DIAL_EXIT_LINK_DOWN, msg);
	} else {
		snprintf(msg, sizeof(msg), "PPP negotiation failed: %s",
			 reason);
		note_exit(fsm, DIAL_EXIT_PPP, msg);
	}
	log_notice(fsm->log, "nasdial: PPP session ended: %s", reason);
	conn_ended(fsm);
}

void dial_fsm_stop(struct dial_fsm *fsm)
{
	if (fsm->state == DIAL_ST_DONE)
		return;
	if (fsm->stopping || !in_session(fsm)) {
		fsm->stopping = true;
		fsm->ops->hangup(fsm->ctx);
		if (in_session(fsm))
			fsm->ops->ppp_lower_down(fsm->ctx);
		finish(fsm, fsm->ever_up ? DIAL_EXIT_OK : DIAL_EXIT_SIGNAL,
		       fsm->ever_up ? ""
				    : "interrupted before the link "
				      "came up");
		return;
	}
	fsm->stopping = true;
	log_notice(fsm->log, "nasdial: terminating the link");
	timer_arm(&fsm->timer, fsm->cfg.close_guard_ms);
	set_state(fsm, DIAL_ST_TERMINATING);
	fsm->ops->ppp_close(fsm->ctx, "User request");
}

void dial_fsm_abort(struct dial_fsm *fsm, enum dial_exit code, const char *msg)
{
	if (fsm->state == DIAL_ST_DONE)
		return;
	fsm->ops->hangup(fsm->ctx);
	if (in_session(fsm))
		fsm->ops->ppp_lower_down(fsm->ctx);
	finish(fsm, code, msg);
}

uint64_t dial_fsm_up_ms(const struct dial_fsm *fsm)
{
	uint64_t t = fsm->up_total_ms;

	if (fsm->state == DIAL_ST_UP)
		t += timers_now(fsm->ts) - fsm->up_since_ms;
	return t;
}
