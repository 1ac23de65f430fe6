/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for nasdial's call machine (src/nasdial/dial_fsm.c): every op
 * it calls is recorded as a line of text, time is a fake clock, and each
 * test walks one story to the exact exit code: dial and failures, PPP up
 * and down, --up-for, --persist, signals, and the caller's side of
 * callback (agreement, hang-up, answer, return call; --expect-callback;
 * refusals; no return call).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dial_fsm.h"
#include "fake_log.h"
#include "strbuf.h"
#include "timer.h"

struct rec {
	struct strbuf ops; /* "chat dial 5551;hangup;ppp_start 0;..." */
	unsigned changed;
	bool exited;
	enum dial_exit code;
	char msg[DIAL_REASON_MAX];
};

static void op_chat(void *ctx, enum dial_script which, const char *number)
{
	struct rec *r = ctx;

	sb_printf(&r->ops, "chat %s %s;",
		  which == DIAL_SCRIPT_DIAL ? "dial" : "answer", number);
}

static void op_hangup(void *ctx)
{
	struct rec *r = ctx;

	sb_puts(&r->ops, "hangup;");
}

static void op_ppp_start(void *ctx, bool return_call)
{
	struct rec *r = ctx;

	sb_printf(&r->ops, "ppp_start %d;", return_call);
}

static void op_ppp_close(void *ctx, const char *reason)
{
	struct rec *r = ctx;

	sb_printf(&r->ops, "ppp_close %s;", reason);
}

static void op_ppp_lower_down(void *ctx)
{
	struct rec *r = ctx;

	sb_puts(&r->ops, "lower_down;");
}

static void op_changed(void *ctx)
{
	struct rec *r = ctx;

	r->changed++;
}

static void op_exit(void *ctx, enum dial_exit code, const char *msg)
{
	struct rec *r = ctx;

	r->exited = true;
	r->code = code;
	snprintf(r->msg, sizeof(r->msg), "%s", msg);
	sb_printf(&r->ops, "exit %d;", code);
}

static const struct dial_fsm_ops ops = {
	.chat = op_chat,
	.hangup = op_hangup,
	.ppp_start = op_ppp_start,
	.ppp_close = op_ppp_close,
	.ppp_lower_down = op_ppp_lower_down,
	.changed = op_changed,
	.exit = op_exit,
};

struct env {
	struct timers ts;
	struct fake_log fl;
	struct rec rec;
	struct dial_fsm fsm;
	struct dial_fsm_cfg cfg;
};

static int setup(void **state)
{
	static struct env e;

	memset(&e, 0, sizeof(e));
	timers_init(&e.ts, 1000);
	fake_log_init(&e.fl);
	dial_fsm_cfg_default(&e.cfg);
	snprintf(e.cfg.number, sizeof(e.cfg.number), "4084327528");
	*state = &e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	dial_fsm_fini(&e->fsm);
	sb_free(&e->rec.ops);
	fake_log_fini(&e->fl);
	timers_fini(&e->ts);
	return 0;
}

static void start(struct env *e)
{
	dial_fsm_init(&e->fsm, &e->cfg, &ops, &e->rec, &e->ts, &e->fl.lg);
	dial_fsm_start(&e->fsm);
}

static void advance(struct env *e, uint64_t ms)
{
	timers_advance(&e->ts, timers_now(&e->ts) + ms);
}

static const char *ops_text(struct env *e)
{
	return sb_str(&e->rec.ops);
}

static void clear_ops(struct env *e)
{
	sb_reset(&e->rec.ops);
}

/* Dial, CONNECT, CHAP accepted, IPCP up. */
static void bring_up(struct env *e)
{
	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_auth(&e->fsm, true);
	dial_fsm_ppp_up(&e->fsm);
	assert_int_equal(e->fsm.state, DIAL_ST_UP);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(dial_exit_name(DIAL_EXIT_OK), "ok");
	assert_string_equal(dial_exit_name(DIAL_EXIT_BUSY), "busy");
	assert_string_equal(dial_exit_name(DIAL_EXIT_NO_CALLBACK),
			    "no-return-call");
	assert_string_equal(dial_exit_name((enum dial_exit)99), "?");
	assert_int_equal(DIAL_EXIT_SIGNAL, 15);
	assert_string_equal(dial_state_name(DIAL_ST_PPP), "negotiating");
	assert_string_equal(dial_state_name(DIAL_ST__COUNT), "?");
	/* Every code below the count has a name and a help text. */
	for (int c = 0; c < DIAL_EXIT__COUNT; c++) {
		assert_string_not_equal(dial_exit_name((enum dial_exit)c), "?");
		assert_string_not_equal(dial_exit_help((enum dial_exit)c), "?");
	}
}

static void test_up_then_signal(void **state)
{
	struct env *e = *state;

	bring_up(e);
	assert_string_equal(ops_text(e), "chat dial 4084327528;ppp_start 0;");
	assert_true(fake_log_has(&e->fl, "nasdial: dialing 4084327528"));
	advance(e, 2500);
	assert_int_equal(dial_fsm_up_ms(&e->fsm), 2500);
	clear_ops(e);
	dial_fsm_stop(&e->fsm);
	assert_int_equal(e->fsm.state, DIAL_ST_TERMINATING);
	assert_string_equal(ops_text(e), "ppp_close User request;");
	dial_fsm_ppp_down(&e->fsm, "User request");
	assert_string_equal(ops_text(e),
			    "ppp_close User request;hangup;exit 0;");
	assert_int_equal(e->rec.code, DIAL_EXIT_OK);
	assert_int_equal(e->fsm.state, DIAL_ST_DONE);
	assert_int_equal(dial_fsm_up_ms(&e->fsm), 2500);
	assert_int_equal(e->fsm.counts.ups, 1);
	assert_int_equal(e->fsm.counts.dials, 1);
}

static void check_dial_failure(struct env *e, enum chat_status st,
			       const char *why, enum dial_exit code,
			       const char *msg)
{
	start(e);
	dial_fsm_chat_done(&e->fsm, st, why);
	assert_true(e->rec.exited);
	assert_int_equal(e->rec.code, code);
	assert_string_equal(e->rec.msg, msg);
	{
		char want[64];
		snprintf(want, sizeof(want),
			 "chat dial 4084327528;hangup;exit %d;", code);
		assert_string_equal(ops_text(e), want);
	}
}

static void test_busy(void **state)
{
	check_dial_failure(*state, CHAT_ABORTED, "BUSY", DIAL_EXIT_BUSY,
			   "BUSY");
}

static void test_no_carrier(void **state)
{
	check_dial_failure(*state, CHAT_ABORTED, "NO CARRIER",
			   DIAL_EXIT_NO_CARRIER, "NO CARRIER");
}

static void test_no_answer(void **state)
{
	check_dial_failure(*state, CHAT_ABORTED, "NO ANSWER",
			   DIAL_EXIT_NO_ANSWER, "NO ANSWER");
}

static void test_connect_timeout_is_no_answer(void **state)
{
	check_dial_failure(*state, CHAT_TIMEOUT, "CONNECT", DIAL_EXIT_NO_ANSWER,
			   "no answer (timed out expecting CONNECT)");
}

static void test_ok_timeout_is_modem(void **state)
{
	check_dial_failure(*state, CHAT_TIMEOUT, "OK", DIAL_EXIT_MODEM,
			   "modem not responding (timed out expecting OK)");
}

static void test_no_dialtone(void **state)
{
	check_dial_failure(*state, CHAT_ABORTED, "NO DIALTONE",
			   DIAL_EXIT_NO_DIALTONE, "NO DIALTONE");
}

static void test_modem_error(void **state)
{
	check_dial_failure(*state, CHAT_ABORTED, "ERROR", DIAL_EXIT_MODEM,
			   "ERROR");
}

static void test_chat_error(void **state)
{
	check_dial_failure(*state, CHAT_ERROR, "bad number", DIAL_EXIT_MODEM,
			   "chat script error: bad number");
}

static void test_auth_failed(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_auth(&e->fsm, false);
	assert_false(e->rec.exited);
	/* The server's Terminate-Request follows: the story is the auth. */
	dial_fsm_ppp_down(&e->fsm, "Terminated by peer");
	assert_int_equal(e->rec.code, DIAL_EXIT_AUTH);
	assert_string_equal(e->rec.msg,
			    "authentication failed: the server refused our "
			    "name or password");
}

static void test_lcp_failure_is_ppp(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_ppp_down(&e->fsm, "Max-Configure reached");
	assert_int_equal(e->rec.code, DIAL_EXIT_PPP);
	assert_string_equal(e->rec.msg,
			    "PPP negotiation failed: Max-Configure reached");
}

static void test_carrier_lost_when_up(void **state)
{
	struct env *e = *state;

	bring_up(e);
	clear_ops(e);
	dial_fsm_carrier_lost(&e->fsm);
	assert_string_equal(ops_text(e), "lower_down;");
	dial_fsm_ppp_down(&e->fsm, "Lower layer down");
	assert_int_equal(e->rec.code, DIAL_EXIT_LINK_DOWN);
	assert_string_equal(e->rec.msg, "carrier lost");
}

static void test_peer_ends_link(void **state)
{
	struct env *e = *state;

	bring_up(e);
	dial_fsm_ppp_down(&e->fsm, "Terminated by peer");
	assert_int_equal(e->rec.code, DIAL_EXIT_LINK_DOWN);
	assert_string_equal(e->rec.msg, "link down: Terminated by peer");
}

static void test_carrier_lost_while_dialing_ignored(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_carrier_lost(&e->fsm);
	assert_string_equal(ops_text(e), "chat dial 4084327528;");
	assert_int_equal(e->fsm.state, DIAL_ST_DIALING);
}

static void test_up_for(void **state)
{
	struct env *e = *state;

	e->cfg.up_for_ms = 5000;
	bring_up(e);
	clear_ops(e);
	advance(e, 4999);
	assert_string_equal(ops_text(e), "");
	advance(e, 1);
	assert_string_equal(ops_text(e), "ppp_close User request;");
	dial_fsm_ppp_down(&e->fsm, "User request");
	assert_int_equal(e->rec.code, DIAL_EXIT_OK);
	assert_int_equal(dial_fsm_up_ms(&e->fsm), 5000);
}

static void test_close_guard_drops_link(void **state)
{
	struct env *e = *state;

	bring_up(e);
	dial_fsm_stop(&e->fsm);
	clear_ops(e);
	advance(e, 5999);
	assert_string_equal(ops_text(e), "");
	advance(e, 1);
	assert_string_equal(ops_text(e), "lower_down;");
	dial_fsm_ppp_down(&e->fsm, "Lower layer down");
	assert_int_equal(e->rec.code, DIAL_EXIT_OK);
}

static void test_signal_while_dialing(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_stop(&e->fsm);
	assert_string_equal(ops_text(e),
			    "chat dial 4084327528;hangup;exit 15;");
	assert_int_equal(e->rec.code, DIAL_EXIT_SIGNAL);
	/* A late chat result changes nothing. */
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	assert_int_equal(e->fsm.state, DIAL_ST_DONE);
}

static void test_second_signal_exits_at_once(void **state)
{
	struct env *e = *state;

	bring_up(e);
	dial_fsm_stop(&e->fsm);
	clear_ops(e);
	dial_fsm_stop(&e->fsm);
	assert_string_equal(ops_text(e), "hangup;lower_down;exit 0;");
}

static void test_persist_redials(void **state)
{
	struct env *e = *state;

	e->cfg.persist = true;
	bring_up(e);
	clear_ops(e);
	dial_fsm_ppp_down(&e->fsm, "Terminated by peer");
	assert_int_equal(e->fsm.state, DIAL_ST_HOLDOFF);
	assert_string_equal(ops_text(e), "hangup;");
	advance(e, 5000);
	assert_string_equal(ops_text(e), "hangup;chat dial 4084327528;");
	/* BUSY next time: persist goes on. */
	dial_fsm_chat_done(&e->fsm, CHAT_ABORTED, "BUSY");
	assert_int_equal(e->fsm.state, DIAL_ST_HOLDOFF);
	assert_int_equal(e->fsm.counts.dials, 2);
	/* A refused password ends it even with --persist. */
	advance(e, 5000);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_auth(&e->fsm, false);
	dial_fsm_ppp_down(&e->fsm, "Terminated by peer");
	assert_int_equal(e->rec.code, DIAL_EXIT_AUTH);
}

/* Seed 001: CBCP Ack, "Call me back", the modem hangs up, answers. */
static void test_cbcp_callback_story(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_auth(&e->fsm, true);
	dial_fsm_callback_offered(&e->fsm, 1u << 2);
	dial_fsm_callback_agreed(&e->fsm, "527-9651", 15);
	assert_int_equal(e->fsm.state, DIAL_ST_TERMINATING);
	assert_true(fake_log_has(&e->fl,
				 "callback agreed: the server calls back at "
				 "527-9651 in 15 s; hanging up"));
	/* A repeated agreement (the Ack again) changes nothing. */
	dial_fsm_callback_agreed(&e->fsm, "999", 1);
	assert_string_equal(e->fsm.cb.number, "527-9651");
	clear_ops(e);
	dial_fsm_ppp_down(&e->fsm, "Callback");
	assert_string_equal(ops_text(e), "hangup;");
	assert_int_equal(e->fsm.state, DIAL_ST_HANGUP);
	advance(e, 999);
	assert_string_equal(ops_text(e), "hangup;");
	advance(e, 1);
	assert_string_equal(ops_text(e), "hangup;chat answer ;");
	assert_int_equal(e->fsm.state, DIAL_ST_ANSWERING);
	assert_true(e->fsm.return_call);
	advance(e, 20000); /* the server's delay and dial */
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	assert_string_equal(ops_text(e), "hangup;chat answer ;ppp_start 1;");
	assert_true(e->fsm.cb.return_call);
	dial_fsm_auth(&e->fsm, true);
	dial_fsm_ppp_up(&e->fsm);
	assert_int_equal(e->fsm.state, DIAL_ST_UP);
	/* The callback timeout no longer matters. */
	advance(e, 200000);
	assert_false(e->rec.exited);
	assert_int_equal(e->fsm.counts.callbacks, 1);
	assert_int_equal(e->fsm.counts.answers, 1);
	assert_int_equal(e->fsm.counts.dials, 1);
	assert_int_equal(e->fsm.cb.offered, 4);
	dial_fsm_stop(&e->fsm);
	dial_fsm_ppp_down(&e->fsm, "User request");
	assert_int_equal(e->rec.code, DIAL_EXIT_OK);
}

static void test_no_return_call(void **state)
{
	struct env *e = *state;

	e->cfg.callback_timeout_ms = 30000;
	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_callback_agreed(&e->fsm, "", 0);
	dial_fsm_ppp_down(&e->fsm, "Callback");
	advance(e, 1000);
	clear_ops(e);
	advance(e, 28999);
	assert_false(e->rec.exited);
	advance(e, 1);
	assert_string_equal(ops_text(e), "hangup;exit 12;");
	assert_string_equal(e->rec.msg,
			    "no return call within 30 s (--callback-timeout)");
}

static void test_answer_timeout_while_awaiting_callback(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_callback_agreed(&e->fsm, "5279651", 15);
	dial_fsm_ppp_down(&e->fsm, "Callback");
	advance(e, 1000);
	dial_fsm_chat_done(&e->fsm, CHAT_TIMEOUT, "RING");
	assert_int_equal(e->rec.code, DIAL_EXIT_NO_CALLBACK);
	assert_string_equal(e->rec.msg, "no return call (answer script timed "
					"out expecting RING)");
}

static void test_expect_callback(void **state)
{
	struct env *e = *state;

	e->cfg.expect_callback = true;
	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_auth(&e->fsm, true);
	clear_ops(e);
	dial_fsm_ppp_down(&e->fsm, "Terminated by peer");
	assert_true(e->fsm.cb.agreed);
	assert_string_equal(e->fsm.cb.note,
			    "the server ended the link after authentication");
	assert_string_equal(ops_text(e), "hangup;");
	advance(e, 1000);
	assert_string_equal(ops_text(e), "hangup;chat answer ;");
}

static void test_expect_callback_needs_authentication(void **state)
{
	struct env *e = *state;

	e->cfg.expect_callback = true;
	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_ppp_down(&e->fsm, "Terminated by peer");
	assert_int_equal(e->rec.code, DIAL_EXIT_PPP);
}

static void test_callback_rejected_strict(void **state)
{
	struct env *e = *state;

	e->cfg.callback_strict = true;
	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	clear_ops(e);
	dial_fsm_callback_rejected(&e->fsm, "the server rejected the LCP "
					    "Callback option");
	assert_string_equal(ops_text(e), "ppp_close Callback refused;");
	dial_fsm_ppp_down(&e->fsm, "Callback refused");
	assert_int_equal(e->rec.code, DIAL_EXIT_CB_REFUSED);
	assert_string_equal(e->rec.msg,
			    "the server rejected the LCP Callback option");
	assert_true(e->fsm.cb.refused);
}

static void test_callback_rejected_lenient(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	clear_ops(e);
	dial_fsm_callback_rejected(&e->fsm, "rejected");
	assert_string_equal(ops_text(e), "");
	dial_fsm_ppp_up(&e->fsm);
	assert_int_equal(e->fsm.state, DIAL_ST_UP);
	assert_true(e->fsm.cb.refused);
}

static void test_cbcp_failed(void **state)
{
	struct env *e = *state;

	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	dial_fsm_auth(&e->fsm, true);
	dial_fsm_callback_failed(&e->fsm, "CBCP: no Ack after 10 Responses");
	dial_fsm_ppp_down(&e->fsm, "Callback failed");
	assert_int_equal(e->rec.code, DIAL_EXIT_CB_REFUSED);
	assert_string_equal(e->rec.msg, "CBCP: no Ack after 10 Responses");
}

static void test_answer_mode(void **state)
{
	struct env *e = *state;

	e->cfg.answer = true;
	e->cfg.number[0] = '\0';
	start(e);
	assert_string_equal(ops_text(e), "chat answer ;");
	assert_true(fake_log_has(&e->fl, "nasdial: waiting for a call"));
	dial_fsm_chat_done(&e->fsm, CHAT_SUCCESS, "");
	assert_string_equal(ops_text(e), "chat answer ;ppp_start 0;");
	dial_fsm_ppp_up(&e->fsm);
	assert_int_equal(e->fsm.state, DIAL_ST_UP);
	assert_false(e->fsm.cb.return_call);
}

static void test_answer_mode_no_call(void **state)
{
	struct env *e = *state;

	e->cfg.answer = true;
	start(e);
	dial_fsm_chat_done(&e->fsm, CHAT_TIMEOUT, "RING");
	assert_int_equal(e->rec.code, DIAL_EXIT_NO_CALL);
	assert_string_equal(e->rec.msg, "no incoming call (answer script "
					"timed out expecting RING)");
}

static void test_abort(void **state)
{
	struct env *e = *state;

	bring_up(e);
	clear_ops(e);
	dial_fsm_abort(&e->fsm, DIAL_EXIT_SETUP, "the tty went away");
	assert_string_equal(ops_text(e), "hangup;lower_down;exit 3;");
	dial_fsm_abort(&e->fsm, DIAL_EXIT_FATAL, "again");
	assert_int_equal(e->rec.code, DIAL_EXIT_SETUP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_up_then_signal),
		T(test_busy),
		T(test_no_carrier),
		T(test_no_answer),
		T(test_connect_timeout_is_no_answer),
		T(test_ok_timeout_is_modem),
		T(test_no_dialtone),
		T(test_modem_error),
		T(test_chat_error),
		T(test_auth_failed),
		T(test_lcp_failure_is_ppp),
		T(test_carrier_lost_when_up),
		T(test_peer_ends_link),
		T(test_carrier_lost_while_dialing_ignored),
		T(test_up_for),
		T(test_close_guard_drops_link),
		T(test_signal_while_dialing),
		T(test_second_signal_exits_at_once),
		T(test_persist_redials),
		T(test_cbcp_callback_story),
		T(test_no_return_call),
		T(test_answer_timeout_while_awaiting_callback),
		T(test_expect_callback),
		T(test_expect_callback_needs_authentication),
		T(test_callback_rejected_strict),
		T(test_callback_rejected_lenient),
		T(test_cbcp_failed),
		T(test_answer_mode),
		T(test_answer_mode_no_call),
		T(test_abort),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
