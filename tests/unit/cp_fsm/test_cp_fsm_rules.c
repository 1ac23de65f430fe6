/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for cp_fsm, one automaton at a time: the packet rules of
 * RFC 1661 §5 (header validation and padding, Identifier matching,
 * Code-Reject), the silent open, the Restart and Nak counters (§4.6), the
 * packets sent for the protocol, the debug switches and the re-entrancy
 * guard.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cp_fsm.h"
#include "fake_log.h"
#include "fake_proto.h"
#include "fixture.h"
#include "ppp_defs.h"
#include "timer.h"

/* ---- silent (passive) open ---------------------------------------------- */

static void test_silent_up_in_starting(void **state)
{
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, true);
	fsm = fsm_of(&fx);
	cp_fsm_open(fsm);
	assert_int_equal(fsm->state, CP_STARTING);
	fake_proto_clear(&fx.fp);
	fake_log_clear(&fx.log);
	cp_fsm_up(fsm);
	assert_int_equal(fsm->state, CP_STOPPED);
	assert_true(fsm->listen);
	assert_int_equal(fx.fp.nsent, 0);
	assert_false(timer_armed(&fsm->restart));
	assert_int_equal(fx.log.n, 1);
	assert_string_equal(fx.log.lines[0], "As1 FAKE: State is Listen");

	/* Nothing happens until the peer speaks. */
	timers_advance(&fx.ts, 60000);
	assert_int_equal(fx.fp.nsent, 0);

	/* Then the Stopped row: irc, scr, sca -> Ack-Sent. */
	fake_log_clear(&fx.log);
	feed_confreq(&fx, CP_CONFACK);
	assert_int_equal(fsm->state, CP_ACKSENT);
	assert_false(fsm->listen);
	assert_int_equal(fx.fp.nsent, 2);
	assert_int_equal(fx.fp.sent[0].b[0], CP_CONFREQ);
	assert_int_equal(fx.fp.sent[1].b[0], CP_CONFACK);
	assert_true(fake_log_has(&fx.log, "I CONFREQ [Listen] id 80 len 10"));
	assert_true(fake_log_has(&fx.log, "O CONFREQ [Listen] id 1 len 10"));
	assert_true(fake_log_has(&fx.log, "O CONFACK [Listen] id 80 len 10"));
	fx_fini(&fx);
}

static void test_silent_open_in_closed(void **state)
{
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, true);
	fsm = fsm_of(&fx);
	cp_fsm_up(fsm);
	assert_int_equal(fsm->state, CP_CLOSED);
	cp_fsm_open(fsm);
	assert_int_equal(fsm->state, CP_STOPPED);
	assert_true(fsm->listen);
	assert_int_equal(fx.fp.nsent, 0);
	assert_int_equal(fx.fp.nstarted, 0);
	/* A Nak'able request: irc, scr, scn -> Req-Sent. */
	feed_confreq(&fx, CP_CONFNAK);
	assert_int_equal(fsm->state, CP_REQSENT);
	assert_int_equal(fx.fp.nsent, 2);
	assert_int_equal(fx.fp.sent[1].b[0], CP_CONFNAK);
	/* Down from a Listen Stopped: tls -> Starting, and Listen is gone. */
	cp_fsm_down(fsm);
	assert_int_equal(fsm->state, CP_STARTING);
	assert_false(fsm->listen);
	fx_fini(&fx);
}

/* ---- header validation (RFC 1661 §5) ----------------------------------- */

static void test_padding_ignored(void **state)
{
	struct fx fx;
	uint8_t pkt[32];
	size_t n;

	(void)state;
	fx_init(&fx, false);
	goto_state(&fx, CP_REQSENT, false);
	fake_proto_clear(&fx.fp);
	n = fake_pkt_build(pkt, CP_CONFREQ, 7, peer_opts, sizeof(peer_opts));
	memset(pkt + n, 0xee, 6); /* e.g. HDLC padding */
	fx.fp.pol.verdict = CP_CONFACK;
	cp_fsm_input(fsm_of(&fx), pkt, n + 6);
	assert_int_equal(fsm_of(&fx)->state, CP_ACKSENT);
	assert_int_equal(fx.fp.nsent, 1);
	assert_int_equal(fx.fp.sent[0].len, n);
	assert_memory_equal(
		fx.fp.sent[0].b,
		((uint8_t[]){CP_CONFACK, 7, 0, 10, 1, 6, 0, 0, 0, 9}), 10);
	assert_int_equal(fsm_of(&fx)->stats.rx_packets, 1);
	assert_int_equal(fsm_of(&fx)->stats.rx_bad, 0);
	assert_true(fake_log_has(&fx.log, "I CONFREQ [REQsent] id 7 len 10"));
	fx_fini(&fx);
}

static void test_bad_length_dropped(void **state)
{
	static const uint8_t short3[] = {CP_CONFREQ, 1, 0};
	static const uint8_t len3[] = {CP_CONFREQ, 1, 0, 3, 0, 0};
	static const uint8_t len_over[] = {CP_CONFREQ, 1, 0, 12, 1, 6, 0, 0};
	static const uint8_t termreq_over[] = {CP_TERMREQ, 1, 0, 5};
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_OPENED, false);
	fake_proto_clear(&fx.fp);
	fake_log_clear(&fx.log);
	cp_fsm_input(fsm, short3, sizeof(short3));
	cp_fsm_input(fsm, len3, sizeof(len3));
	cp_fsm_input(fsm, len_over, sizeof(len_over));
	cp_fsm_input(fsm, termreq_over, sizeof(termreq_over));
	cp_fsm_input(fsm, NULL, 0);
	assert_int_equal(fsm->stats.rx_bad, 5);
	assert_int_equal(fsm->state, CP_OPENED);
	assert_int_equal(fx.fp.nsent, 0);
	assert_int_equal(fx.fp.ntrace, 0);
	assert_int_equal(fx.log.n, 5);
	assert_string_equal(fx.log.lines[0], "As1 FAKE: packet too short (3 "
					     "octets), discarding");
	assert_string_equal(fx.log.lines[2],
			    "As1 FAKE: bad length 12 (8 octets received), "
			    "discarding packet");
	fx_fini(&fx);
}

/* ---- Identifier matching (RFC 1661 §5.2-§5.4) --------------------------- */

static void test_wrong_id_discarded(void **state)
{
	struct fx fx;
	struct cp_fsm *fsm;
	uint8_t id;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_REQSENT, false);
	id = fsm->reqid;
	fake_log_clear(&fx.log);
	fake_proto_clear(&fx.fp);
	feed(&fx, CP_CONFACK, (uint8_t)(id - 1), our_opts, sizeof(our_opts));
	feed(&fx, CP_CONFNAK, (uint8_t)(id + 1), our_opts, sizeof(our_opts));
	assert_int_equal(fsm->state, CP_REQSENT);
	assert_int_equal(fsm->stats.rx_bad, 2);
	assert_int_equal(fx.fp.ntrace, 0); /* recv_ack/nak never called */
	assert_int_equal(fx.log.n, 6);
	assert_string_equal(fx.log.lines[0],
			    "As1 FAKE: I CONFACK [REQsent] id 0 len 10");
	assert_string_equal(fx.log.lines[1],
			    "As1 FAKE:    Value 5 (0x010600000005)");
	assert_string_equal(fx.log.lines[2],
			    "As1 FAKE: ID 0 didn't match 1, discarding packet");
	assert_string_equal(fx.log.lines[5],
			    "As1 FAKE: ID 2 didn't match 1, discarding packet");

	/* The right one is taken; a duplicate of it is not. */
	feed_reply(&fx, CP_CONFACK);
	assert_int_equal(fsm->state, CP_ACKRCVD);
	feed(&fx, CP_CONFACK, id, our_opts, sizeof(our_opts));
	assert_int_equal(fsm->state, CP_ACKRCVD);
	assert_int_equal(fsm->stats.rx_bad, 3);
	assert_int_equal(fsm->stats.rx_packets, 1);
	fx_fini(&fx);
}

/* recv_ack refusing the options (they differ from what we sent) discards
 * the packet (RFC 1661 §5.2). */
static void test_ack_content_mismatch_discarded(void **state)
{
	static const uint8_t other[] = {FAKE_OPT_VALUE, 6, 0, 0, 0, 6};
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_REQSENT, false);
	fake_log_clear(&fx.log);
	feed(&fx, CP_CONFACK, fsm->reqid, other, sizeof(other));
	assert_int_equal(fsm->state, CP_REQSENT);
	assert_true(fsm->reqid_valid);
	assert_int_equal(fsm->stats.rx_bad, 1);
	assert_true(fake_log_has(&fx.log,
				 "As1 FAKE: bad CONFACK id 1, discarding"));
	/* A malformed Nak likewise. */
	feed(&fx, CP_CONFNAK, fsm->reqid, (const uint8_t[]){1, 9, 0}, 3);
	assert_int_equal(fsm->state, CP_REQSENT);
	assert_int_equal(fsm->stats.rx_bad, 2);
	fx_fini(&fx);
}

/* ---- Code-Reject --------------------------------------------------------- */

static void test_coderej_for_unknown_code(void **state)
{
	static const uint8_t pkt[] = {
		0x2a, 0x77, 0,	  7,   0xde,
		0xad, 0xbe, 0xff, 0xff}; /* one octet of padding */
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_OPENED, false);
	fake_proto_clear(&fx.fp);
	fake_log_clear(&fx.log);
	cp_fsm_input(fsm, pkt, sizeof(pkt));
	assert_int_equal(fsm->state, CP_OPENED);
	assert_int_equal(fx.fp.ntrace, 2);
	assert_string_equal(fx.fp.trace[0], "ext");
	assert_int_equal(fx.fp.nsent, 1);
	assert_int_equal(fx.fp.sent[0].len, 11);
	assert_memory_equal(fx.fp.sent[0].b,
			    ((uint8_t[]){CP_CODEREJ, fsm->id, 0, 11, 0x2a, 0x77,
					 0, 7, 0xde, 0xad, 0xbe}),
			    11);
	assert_int_equal(fx.log.n, 2);
	assert_string_equal(fx.log.lines[0],
			    "As1 FAKE: I UNKNOWN(42) [Open] id 119 len 7");
	assert_string_equal(fx.log.lines[1], "As1 FAKE: O CODEREJ [Open] id 2 "
					     "len 11");

	/* A code the protocol handles is not rejected, nor logged here. */
	fake_proto_clear(&fx.fp);
	fake_log_clear(&fx.log);
	fx.fp.pol.ext_handled = true;
	cp_fsm_input(fsm, pkt, sizeof(pkt));
	assert_int_equal(fx.fp.nsent, 0);
	assert_int_equal(fx.log.n, 0);
	fx_fini(&fx);
}

static void test_coderej_truncated(void **state)
{
	static uint8_t big[1600];
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_REQSENT, false);
	fake_proto_clear(&fx.fp);
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	big[0] = 0x40;
	big[2] = sizeof(big) >> 8;
	big[3] = sizeof(big) & 0xff;
	cp_fsm_input(fsm, big, sizeof(big));
	assert_int_equal(fx.fp.nsent, 1);
	assert_int_equal(fx.fp.sent[0].len, CP_PKT_MAX);
	assert_int_equal(fx.fp.sent[0].b[2] << 8 | fx.fp.sent[0].b[3],
			 CP_PKT_MAX);
	assert_memory_equal(fx.fp.sent[0].b + CP_HDR_LEN, big,
			    CP_PKT_MAX - CP_HDR_LEN);
	fx_fini(&fx);
}

static void test_coderej_received(void **state)
{
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_OPENED, false);
	/* Empty Rejected-Packet: malformed, dropped. */
	feed(&fx, CP_CODEREJ, 1, NULL, 0);
	assert_int_equal(fsm->stats.rx_bad, 1);
	/* Rejecting code 12 (Identification): RXJ+, carry on. */
	feed(&fx, CP_CODEREJ, 2, (const uint8_t[]){CP_IDENT, 1, 0, 4}, 4);
	assert_int_equal(fsm->state, CP_OPENED);
	/* Rejecting Terminate-Request: RXJ-, tld, irc, str -> Stopping. */
	fake_proto_clear(&fx.fp);
	feed(&fx, CP_CODEREJ, 3, (const uint8_t[]){CP_TERMREQ}, 1);
	assert_int_equal(fsm->state, CP_STOPPING);
	assert_int_equal(fx.fp.ndown, 1);
	assert_int_equal(fx.fp.sent[0].b[0], CP_TERMREQ);
	fx_fini(&fx);
}

/* ---- counters ------------------------------------------------------------ */

/* Max-Failure: the judgment is asked to reject once that many Naks were
 * sent this negotiation; an Ack starts the count again. */
static void test_max_failure_flag(void **state)
{
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_REQSENT, false);
	for (int i = 0; i < MAX_FAILURE; i++) {
		feed_confreq(&fx, CP_CONFNAK);
		assert_false(fx.fp.last_reject_if_disagree);
		assert_int_equal(fsm->naks_sent, i + 1);
	}
	feed_confreq(&fx, CP_CONFREJ);
	assert_true(fx.fp.last_reject_if_disagree);
	assert_int_equal(fsm->naks_sent, MAX_FAILURE); /* Rejects not counted */
	feed_confreq(&fx, CP_CONFACK);
	assert_true(fx.fp.last_reject_if_disagree);
	assert_int_equal(fsm->naks_sent, 0);
	assert_int_equal(fsm->state, CP_ACKSENT);
	feed_confreq(&fx, CP_CONFNAK);
	assert_false(fx.fp.last_reject_if_disagree);
	fx_fini(&fx);
}

/* The Restart timer: Max-Configure requests restart_ms apart, a fresh
 * Identifier for each, then TO- (tlf, Stopped). */
static void test_max_configure(void **state)
{
	struct fx fx;
	struct cp_fsm *fsm;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	cp_fsm_up(fsm);
	cp_fsm_open(fsm);
	for (int i = 1; i < MAX_CONFIGURE; i++) {
		timers_advance(&fx.ts, (uint64_t)i * RESTART_MS - 1);
		assert_int_equal(fx.fp.nsent, (size_t)i);
		timers_advance(&fx.ts, (uint64_t)i * RESTART_MS);
		assert_int_equal(fx.fp.nsent, (size_t)i + 1);
	}
	for (size_t i = 0; i < fx.fp.nsent; i++) {
		assert_int_equal(fx.fp.sent[i].b[0], CP_CONFREQ);
		assert_int_equal(fx.fp.sent[i].b[1], i + 1);
	}
	assert_int_equal(fx.fp.nfinished, 0);
	timers_advance(&fx.ts, (uint64_t)MAX_CONFIGURE * RESTART_MS);
	assert_int_equal(fx.fp.nsent, MAX_CONFIGURE);
	assert_int_equal(fx.fp.nfinished, 1);
	assert_int_equal(fsm->state, CP_STOPPED);
	assert_int_equal(fsm->stats.timeouts, MAX_CONFIGURE);
	assert_int_equal(fsm->stats.tx_packets, MAX_CONFIGURE);
	/* reset ran once, for the first request of the negotiation only */
	assert_int_equal(fake_proto_find(&fx.fp, "reset"), 0);
	assert_false(timer_armed(&fsm->restart));
	assert_true(fake_log_has(&fx.log, "As1 FAKE: TIMEout: State REQsent"));
	assert_true(fake_log_has(&fx.log, "As1 FAKE: State is Stopped"));
	fx_fini(&fx);
}

/* ---- sending for the protocol ---------------------------------------------
 */

static void test_send_and_next_id(void **state)
{
	static uint8_t big[CP_PKT_MAX];
	struct fx fx;
	struct cp_fsm *fsm;
	uint8_t id;

	(void)state;
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, CP_OPENED, false);
	fake_proto_clear(&fx.fp);
	fake_log_clear(&fx.log);
	id = cp_fsm_next_id(fsm);
	assert_int_equal(id, 2);
	cp_fsm_send(fsm, CP_ECHOREP, 9, (const uint8_t[]){1, 2, 3, 4}, 4);
	assert_int_equal(fx.fp.nsent, 1);
	assert_memory_equal(fx.fp.sent[0].b,
			    ((uint8_t[]){CP_ECHOREP, 9, 0, 8, 1, 2, 3, 4}), 8);
	assert_string_equal(fx.log.lines[0],
			    "As1 FAKE: O ECHOREP [Open] id 9 len 8");
	cp_fsm_send(fsm, CP_DISCREQ, 10, big, sizeof(big));
	assert_int_equal(fx.fp.sent[1].len, CP_PKT_MAX);
	assert_int_equal(fsm->stats.tx_packets, 2 + 2);
	fsm->id = 255;
	assert_int_equal(cp_fsm_next_id(fsm), 0);
	fx_fini(&fx);
}

/* ---- logging switch --------------------------------------------------------
 */

static void test_debug_off_is_silent(void **state)
{
	struct fx fx;

	(void)state;
	fx_init(&fx, false);
	fx.log.lg.debug = 0;
	goto_state(&fx, CP_OPENED, false);
	cp_fsm_input(fsm_of(&fx), (const uint8_t[]){0x2a, 1, 0, 4}, 4);
	feed(&fx, CP_CONFACK, 99, our_opts, sizeof(our_opts));
	cp_fsm_event(fsm_of(&fx), CP_EV_TO_PLUS);
	cp_fsm_close(fsm_of(&fx), "test");
	tick_until(&fx, CP_CLOSED);
	/* Not even print_opts ran: it would have logged unconditionally. */
	assert_int_equal(fx.log.n, 0);

	/* `debug ppp negotiation` alone: no `ppp error` lines. */
	log_debug_set(&fx.log.lg, DBG_PPP_NEGOTIATION, true);
	feed(&fx, CP_CONFACK, 99, our_opts, sizeof(our_opts));
	assert_int_equal(fx.log.n, 2);
	assert_false(fake_log_has(&fx.log, "didn't match"));
	fx_fini(&fx);
}

/* ---- re-entrancy ------------------------------------------------------------
 */

static void reenter(struct fake_proto *fp)
{
	cp_fsm_close(&fp->fsm, "from the up callback");
}

/* A callback feeding its own automaton is a programming error, caught by
 * an assertion (in a child process, so the test survives it). */
static void test_reentry_asserts(void **state)
{
	struct fx fx;
	pid_t pid;
	int status;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Keep the expected abort quiet. */
		if (!freopen("/dev/null", "w", stderr))
			_exit(2);
		fx_init(&fx, false);
		fx.fp.on_up = reenter;
		goto_state(&fx, CP_OPENED, false);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_silent_up_in_starting),
		cmocka_unit_test(test_silent_open_in_closed),
		cmocka_unit_test(test_padding_ignored),
		cmocka_unit_test(test_bad_length_dropped),
		cmocka_unit_test(test_wrong_id_discarded),
		cmocka_unit_test(test_ack_content_mismatch_discarded),
		cmocka_unit_test(test_coderej_for_unknown_code),
		cmocka_unit_test(test_coderej_truncated),
		cmocka_unit_test(test_coderej_received),
		cmocka_unit_test(test_max_failure_flag),
		cmocka_unit_test(test_max_configure),
		cmocka_unit_test(test_send_and_next_id),
		cmocka_unit_test(test_debug_off_is_silent),
		cmocka_unit_test(test_reentry_asserts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
