/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the CBCP caller ([MS-CBCP] 3.1): preset numbers, "no
 * callback", Windows' "Ask me" dialog, pppd's no-retransmit mode, Acks with
 * an unexpected Identifier or a malformed option, and seed 001 end to end
 * against a real answerer through a fake link (callback.md §2.6, §2.8, §8).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cbcp_harness.h"

/* A Request offering "no callback" and "callback to your number". */
static const uint8_t req_none_user[] = {0x01, 0x14, 0x00, 0x0B, 0x01, 0x02,
					0x02, 0x05, 0x00, 0x01, 0x00};

static struct cbh_end *start_client(const struct cbcp_client_cfg *cfg)
{
	cbh_init_client(cfg);
	assert_int_equal(cbh_cli.c.state, CBCP_ST_IDLE);
	cbcp_start(&cbh_cli.c);
	assert_int_equal(cbh_cli.c.state, CBCP_ST_WAIT_REQUEST);
	assert_false(timer_armed(&cbh_cli.c.timer));
	return &cbh_cli;
}

static void test_preset_answers_seed_request(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c = start_client(&cfg);
	static const char *const want[] = {
		"Async1 PPP: I MCB Request(1) id 20 len 9",
		"Async1 MCB: I 1 14 0 9 2 5 0 1 0",
		"As1 MCB: I Request Id 20 Callback Type Client-Num delay 0",
		"Async1 PPP: O MCB Response(2) id 20 len 17",
		"Async1 MCB: O 2 14 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
		"As1 MCB: O Response Id 20 Callback Type Client-Num delay 15, "
		"addr 1-527-9651",
	};

	(void)state;
	/* Nothing to say until the answerer asks. */
	cbh_at(30000);
	assert_int_equal(c->nsent, 0);
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	assert_int_equal(c->nsent, 1);
	cbh_expect_sent(c, 0, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	assert_int_equal(timer_remaining_ms(&c->c.timer), 2000);
	assert_int_equal(c->done_calls, 0);
	cbh_expect_lines("As1", "Async1", want, CBH_ARRAY_LEN(want));
}

static void test_ack_with_other_id_accepted(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c = start_client(&cfg);

	(void)state;
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	/* A newer Request while waiting for the Ack: answered at once with
	 * its own Identifier, and the retransmission timer restarts. */
	cbh_at(1500);
	CBH_FEED(c, 0x01, 0x19, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, 0x00);
	assert_int_equal(c->nsent, 2);
	cbh_expect_sent(c, 1, cbh_seed_resp25, sizeof(cbh_seed_resp25));
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	assert_int_equal(timer_remaining_ms(&c->c.timer), 2000);
	/* IOS acknowledges Response 25 with Ack 26 (seed 001). */
	cbh_feed(c, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_false(timer_armed(&c->c.timer));
	assert_int_equal(c->done_calls, 1);
	assert_true(c->res.ok);
	assert_int_equal(c->res.type, CBCP_TYPE_USER);
	assert_int_equal(c->res.delay_s, 15);
	assert_string_equal(c->res.number, "527-9651");
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: I Ack Id 26 Callback Type "
					  "Client-Num delay 15"));
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Ack Id 26 does not match "
					  "Response Id 25, accepted"));
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Negotiated MCB with "
					  "peer"));
	/* Done: a repeated Ack or Request changes nothing. */
	cbh_feed(c, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbh_at(60000);
	assert_int_equal(c->nsent, 2);
	assert_int_equal(c->done_calls, 1);
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Request ignored in state "
					  "DONE"));
}

static void test_id_mismatch_only_under_debug_cbcp(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c = start_client(&cfg);

	(void)state;
	cbh_fl.lg.debug = (uint64_t)1 << DBG_PPP_NEGOTIATION;
	CBH_FEED(c, 0x01, 0x19, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, 0x00);
	cbh_feed(c, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Negotiated MCB"));
	assert_false(fake_log_has(&cbh_fl, "does not match"));
}

static void test_retransmits_then_gives_up(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	(void)state;
	cfg.max_tries = 3;
	c = start_client(&cfg);
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbh_at(1999);
	assert_int_equal(c->nsent, 1);
	cbh_at(2000);
	assert_int_equal(c->nsent, 2);
	cbh_expect_sent(c, 1, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	cbh_at(4000);
	assert_int_equal(c->nsent, 3);
	cbh_at(5999);
	assert_int_equal(c->done_calls, 0);
	cbh_at(6000);
	assert_int_equal(c->nsent, 3);
	assert_int_equal(c->c.state, CBCP_ST_FAILED);
	assert_false(timer_armed(&c->c.timer));
	assert_int_equal(c->done_calls, 1);
	assert_false(c->res.ok);
	assert_string_equal(c->res.reason, "no Ack from the server");
	assert_int_equal(cbh_count("As1 MCB: Timeout in state WAIT_ACK"), 3);
	/* A late Ack or Request is ignored. */
	cbh_feed(c, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	assert_int_equal(c->nsent, 3);
	assert_int_equal(c->done_calls, 1);
	assert_int_equal(c->c.state, CBCP_ST_FAILED);
}

static void test_default_tries(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	(void)state;
	cfg.max_tries = 0;
	cfg.retry_ms = 0;
	c = start_client(&cfg);
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbh_at(18000);
	assert_int_equal(c->nsent, 10);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	cbh_at(20000);
	assert_int_equal(c->c.state, CBCP_ST_FAILED);
}

static void test_pppd_mode_never_retransmits(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	(void)state;
	cfg.retransmit = false;
	cfg.delay_s = 5; /* pppd's fixed delay */
	c = start_client(&cfg);
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	CBH_EXPECT_SENT(c, 0, 0x02, 0x14, 0x00, 0x11, 0x02, 0x0D, 0x05, 0x01,
			0x35, 0x32, 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31, 0x00);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	assert_false(timer_armed(&c->c.timer));
	cbh_at(100000);
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->done_calls, 0);
	/* The answerer's retransmitted Request is what gets answered. */
	CBH_FEED(c, 0x01, 0x15, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01, 0x00);
	assert_int_equal(c->nsent, 2);
	assert_int_equal(c->sent[1][1], 0x15);
	assert_false(timer_armed(&c->c.timer));
	CBH_FEED(c, 0x03, 0x15, 0x00, 0x11, 0x02, 0x0D, 0x05, 0x01, 0x35, 0x32,
		 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31, 0x00);
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_int_equal(c->res.delay_s, 5);
	/* Same Identifier: no mismatch line. */
	assert_false(fake_log_has(&cbh_fl, "does not match"));
}

static void test_no_mode(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	(void)state;
	cfg.mode = CBCP_CLIENT_NO;
	c = start_client(&cfg);
	/* Type 2 only: the server insists on calling back. */
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->c.state, CBCP_ST_FAILED);
	assert_int_equal(c->done_calls, 1);
	assert_false(c->res.ok);
	assert_string_equal(c->res.reason, "the server requires callback");
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Callback negotiation "
					  "failed: the server requires "
					  "callback"));

	/* Callback optional: "no callback" (Length 2), then the NCPs. */
	cbcp_stop(&c->c);
	memset(c, 0, sizeof(*c));
	c = start_client(&cfg);
	cbh_feed(c, req_none_user, sizeof(req_none_user));
	CBH_EXPECT_SENT(c, 0, 0x02, 0x14, 0x00, 0x06, 0x01, 0x02);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	CBH_FEED(c, 0x03, 0x15, 0x00, 0x06, 0x01, 0x02);
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_int_equal(c->done_calls, 1);
	assert_true(c->res.ok);
	assert_int_equal(c->res.type, CBCP_TYPE_NONE);
	assert_int_equal(c->res.delay_s, 0);
	assert_string_equal(c->res.number, "");
}

struct pref_case {
	const char *name;
	const char *number;
	bool accept_admin;
	uint8_t req[16];
	size_t req_len;
	uint8_t resp[24]; /* {0} = nothing sent, CBCP fails */
	size_t resp_len;
};

static void test_preset_preferences(void **state)
{
	/* clang-format off: one case per three lines reads better */
	static const struct pref_case cases[] = {
		{"2 over 1 and 3",
		 "42",
		 true,
		 {1, 9, 0, 14, 1, 2, 2, 5, 0, 1, 0, 3, 3, 0},
		 14,
		 {2, 9, 0, 11, 2, 7, 15, 1, '4', '2', 0},
		 11},
		{"3 when accepted",
		 "42",
		 true,
		 {1, 9, 0, 9, 1, 2, 3, 3, 0},
		 9,
		 {2, 9, 0, 7, 3, 3, 15},
		 7},
		{"1 when 3 is not accepted",
		 "42",
		 false,
		 {1, 9, 0, 9, 1, 2, 3, 3, 0},
		 9,
		 {2, 9, 0, 6, 1, 2},
		 6},
		{"3 without a number of our own",
		 "",
		 true,
		 {1, 9, 0, 12, 2, 5, 0, 1, 0, 3, 3, 0},
		 12,
		 {2, 9, 0, 7, 3, 3, 15},
		 7},
		{"only 3, not accepted",
		 "42",
		 false,
		 {1, 9, 0, 7, 3, 3, 0},
		 7,
		 {0},
		 0},
		{"only 4 (a list)",
		 "42",
		 true,
		 {1, 9, 0, 10, 4, 6, 0, 1, '5', 0},
		 10,
		 {0},
		 0},
		{"only an unknown type",
		 "42",
		 true,
		 {1, 9, 0, 6, 9, 2},
		 6,
		 {0},
		 0},
	};
	/* clang-format on */

	(void)state;
	for (size_t i = 0; i < CBH_ARRAY_LEN(cases); i++) {
		const struct pref_case *pc = &cases[i];
		struct cbcp_client_cfg cfg = cbh_seed_ccfg();
		struct cbh_end *c;

		strcpy(cfg.number, pc->number);
		cfg.accept_admin = pc->accept_admin;
		memset(&cbh_cli, 0, sizeof(cbh_cli));
		c = start_client(&cfg);
		cbh_feed(c, pc->req, pc->req_len);
		if (pc->resp_len == 0) {
			if (c->nsent != 0 || c->c.state != CBCP_ST_FAILED ||
			    strcmp(c->res.reason, "no acceptable callback "
						  "type offered") != 0)
				fail_msg("%s: did not fail", pc->name);
		} else if (c->nsent != 1 || c->sent_len[0] != pc->resp_len ||
			   memcmp(c->sent[0], pc->resp, pc->resp_len) != 0) {
			fail_msg("%s: wrong Response", pc->name);
		}
		cbcp_stop(&c->c);
	}
}

static void test_type3_result_has_no_number(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	(void)state;
	cfg.accept_admin = true;
	c = start_client(&cfg);
	CBH_FEED(c, 1, 30, 0, 7, 3, 3, 0);
	CBH_EXPECT_SENT(c, 0, 2, 30, 0, 7, 3, 3, 15);
	CBH_FEED(c, 3, 31, 0, 7, 3, 3, 15);
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_int_equal(c->res.type, CBCP_TYPE_ADMIN);
	assert_int_equal(c->res.delay_s, 15);
	assert_string_equal(c->res.number, "");
}

/* Answer Request 20, then feed an Ack; expect DONE with what we sent. */
static void expect_ack_fallback(const uint8_t *ack, size_t len, int bad)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	fake_log_clear(&cbh_fl);
	memset(&cbh_cli, 0, sizeof(cbh_cli));
	c = start_client(&cfg);
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbh_feed(c, ack, len);
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_int_equal(c->done_calls, 1);
	assert_true(c->res.ok);
	assert_int_equal(c->res.type, CBCP_TYPE_USER);
	assert_int_equal(c->res.delay_s, 15);
	assert_string_equal(c->res.number, "527-9651");
	assert_int_equal(cbh_count("As1 MCB: bad packet:"), bad);
	cbcp_stop(&c->c);
}

static void test_malformed_ack_option_uses_what_we_sent(void **state)
{
	static const uint8_t no_nul[] = {3, 21, 0, 9, 2, 5, 15, 1, '5'};
	static const uint8_t no_opt[] = {3, 21, 0, 4};
	static const uint8_t empty_num[] = {3, 21, 0, 9, 2, 5, 15, 1, 0};
	static const uint8_t odd_type[] = {3, 21, 0, 7, 9, 3, 15};

	(void)state;
	expect_ack_fallback(no_nul, sizeof(no_nul), 1);
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: bad packet: option 1: "
					  "number not NUL-terminated"));
	expect_ack_fallback(no_opt, sizeof(no_opt), 0);
	expect_ack_fallback(empty_num, sizeof(empty_num), 0);
	expect_ack_fallback(odd_type, sizeof(odd_type), 0);
}

static void test_client_ignores_what_it_must(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	(void)state;
	cbh_init_client(&cfg);
	/* Before start: nothing, not even a log line. */
	cbh_feed(&cbh_cli, cbh_seed_req20, sizeof(cbh_seed_req20));
	assert_int_equal(cbh_cli.nsent, 0);
	assert_int_equal(cbh_fl.n, 0);
	c = start_client(&cfg);
	/* An Ack before any Response, a Response, an unknown code. */
	cbh_feed(c, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	cbh_feed(c, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	CBH_FEED(c, 8, 1, 0, 4);
	/* A malformed Request, one without options, a broken Ack header. */
	CBH_FEED(c, 1, 20, 0, 9, 2, 5, 0, 1);
	CBH_FEED(c, 1, 20, 0, 4);
	CBH_FEED(c, 3, 20, 0, 40, 2, 5);
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_REQUEST);
	assert_int_equal(c->done_calls, 0);
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Ack ignored in state "
					  "WAIT_REQUEST"));
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Response ignored: the peer "
					  "must ask, not answer"));
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: Unknown code 8 ignored"));
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: bad packet: request "
					  "carries no option"));
	assert_int_equal(cbh_count("bad packet"), 3);
	/* A broken Ack header while waiting for the Ack: still waiting. */
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	CBH_FEED(c, 3, 20, 0, 40, 2, 5);
	CBH_FEED(c, 3);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	assert_int_equal(c->done_calls, 0);
	/* Stopped: silence, even from the timer. */
	cbcp_stop(&c->c);
	assert_int_equal(c->c.state, CBCP_ST_IDLE);
	cbh_feed(c, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	cbh_at(60000);
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->done_calls, 0);
}

static void test_later_request_without_acceptable_type(void **state)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c = start_client(&cfg);

	(void)state;
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	CBH_FEED(c, 1, 21, 0, 7, 3, 3, 0);
	assert_int_equal(c->c.state, CBCP_ST_FAILED);
	assert_false(timer_armed(&c->c.timer));
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->done_calls, 1);
}

static struct cbh_end *start_asking(bool in_ask, const char *answer)
{
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();

	cfg.mode = CBCP_CLIENT_ASK;
	cfg.number[0] = '\0';
	cbh_cli.answer_in_ask = in_ask;
	cbh_cli.answer = answer;
	return start_client(&cfg);
}

static void test_ask_answered_inside_callback(void **state)
{
	struct cbh_end *c = start_asking(true, "527-9651");

	(void)state;
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	assert_int_equal(c->ask_calls, 1);
	assert_int_equal(c->ask_offer, 1u << CBCP_TYPE_USER);
	assert_int_equal(c->nsent, 1);
	cbh_expect_sent(c, 0, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	assert_false(c->c.asking);
}

static void test_ask_no_callback_answers(void **state)
{
	struct cbh_end *c = start_asking(false, NULL);

	(void)state;
	cbh_feed(c, req_none_user, sizeof(req_none_user));
	assert_int_equal(c->ask_offer,
			 1u << CBCP_TYPE_NONE | 1u << CBCP_TYPE_USER);
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_REQUEST);
	assert_false(timer_armed(&c->c.timer));
	cbcp_client_answer(&c->c, NULL);
	CBH_EXPECT_SENT(c, 0, 0x02, 0x14, 0x00, 0x06, 0x01, 0x02);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);

	/* "No callback" against a server that insists. */
	cbcp_stop(&c->c);
	memset(&cbh_cli, 0, sizeof(cbh_cli));
	c = start_asking(false, NULL);
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbcp_client_answer(&c->c, "");
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->c.state, CBCP_ST_FAILED);
	assert_string_equal(c->res.reason, "the server requires callback");
}

static void test_ask_answer_too_long_and_stray_answers(void **state)
{
	char longnum[CBCP_NUMBER_MAX + 2];
	struct cbcp_client_cfg cfg = cbh_seed_ccfg();
	struct cbh_end *c;

	(void)state;
	/* Not asking (PRESET): ignored. */
	c = start_client(&cfg);
	cbcp_client_answer(&c->c, "999");
	assert_int_equal(c->nsent, 0);
	cbcp_stop(&c->c);
	/* ASK mode, but no Request yet: ignored. */
	memset(&cbh_cli, 0, sizeof(cbh_cli));
	c = start_asking(false, NULL);
	cbcp_client_answer(&c->c, "999");
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_REQUEST);
	/* Too long a number: CBCP fails rather than dial a truncation. */
	memset(longnum, '5', sizeof(longnum) - 1);
	longnum[sizeof(longnum) - 1] = '\0';
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbcp_client_answer(&c->c, longnum);
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->c.state, CBCP_ST_FAILED);
	assert_string_equal(c->res.reason, "callback number too long");
	/* A second answer after that: ignored. */
	cbcp_client_answer(&c->c, "999");
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->done_calls, 1);
	/* A server object ignores answers. */
	struct cbcp_server_cfg scfg = cbh_seed_scfg();
	cbh_init_server(&scfg);
	cbcp_start(&cbh_srv.c);
	cbcp_client_answer(&cbh_srv.c, "999");
	assert_int_equal(cbh_srv.nsent, 1);
	/* Exactly 64 digits is fine. */
	memset(&cbh_cli, 0, sizeof(cbh_cli));
	c = start_asking(false, NULL);
	cbh_feed(c, cbh_seed_req20, sizeof(cbh_seed_req20));
	longnum[CBCP_NUMBER_MAX] = '\0';
	cbcp_client_answer(&c->c, longnum);
	assert_int_equal(c->nsent, 1);
	assert_int_equal(c->sent_len[0], 4 + 4 + CBCP_NUMBER_MAX + 1);
}

/* Seed 001 end to end: the Windows user types the number for 9.5 s while
 * the answerer keeps asking; the late Response to Request 20 is ignored,
 * Request 25 is answered from the cache, Ack 26 ends both sides. */
static void test_seed_001_end_to_end(void **state)
{
	struct cbcp_server_cfg scfg = cbh_seed_scfg();
	struct cbh_end *c = start_asking(false, NULL);
	struct cbh_end *s = &cbh_srv;
	static const char *const want[] = {
		"Async1 PPP: I MCB Request(1) id 20 len 9",
		"Async1 MCB: I 1 14 0 9 2 5 0 1 0",
		"As1 MCB: I Request Id 20 Callback Type Client-Num delay 0",
		"As1 MCB: Asking the user for a callback number",
/* clang-format off */
#define WAITING(h, n)                                                          \
	"Async1 PPP: I MCB Request(1) id " #n " len 9",                        \
		"Async1 MCB: I 1 " h " 0 9 2 5 0 1 0",                         \
		"As1 MCB: I Request Id " #n                                    \
		" Callback Type Client-Num delay 0",                           \
		"As1 MCB: Request Id " #n " not answered: waiting for the user"
		WAITING("15", 21),
		WAITING("16", 22),
		WAITING("17", 23),
		WAITING("18", 24),
#undef WAITING
		/* clang-format on */
		"As1 MCB: User answered: callback",
		"Async1 PPP: O MCB Response(2) id 20 len 17",
		"Async1 MCB: O 2 14 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
		"As1 MCB: O Response Id 20 Callback Type Client-Num delay 15, "
		"addr 1-527-9651",
		"Async1 PPP: I MCB Request(1) id 25 len 9",
		"Async1 MCB: I 1 19 0 9 2 5 0 1 0",
		"As1 MCB: I Request Id 25 Callback Type Client-Num delay 0",
		"Async1 PPP: O MCB Response(2) id 25 len 17",
		"Async1 MCB: O 2 19 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
		"As1 MCB: O Response Id 25 Callback Type Client-Num delay 15, "
		"addr 1-527-9651",
		"Async1 PPP: I MCB Ack(3) id 26 len 17",
		"Async1 MCB: I 3 1A 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
		"As1 MCB: I Ack Id 26 Callback Type Client-Num delay 15",
		"As1 MCB: Ack Id 26 does not match Response Id 25, accepted",
		"As1 MCB: Negotiated MCB with peer",
	};

	(void)state;
	cbh_init_server(&scfg);
	cbh_link(false);
	cbcp_start(&s->c);
	cbh_pump();
	assert_int_equal(c->ask_calls, 1);
	assert_int_equal(c->c.ask_id, 20);
	cbh_at(8000);
	assert_int_equal(s->nsent, 5);
	assert_int_equal(c->nsent, 0);
	assert_int_equal(c->ask_calls, 1);
	/* 29.763: the user has typed the number. */
	cbh_at(9520);
	cbcp_client_answer(&c->c, "527-9651");
	cbh_pump();
	assert_int_equal(s->c.state, CBCP_ST_WAIT_RESPONSE);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	/* 30.627: Request 25, answered at once, Ack 26. */
	cbh_at(10000);
	assert_int_equal(s->c.state, CBCP_ST_DONE);
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_int_equal(s->done_calls, 1);
	assert_int_equal(c->done_calls, 1);
	assert_string_equal(s->res.number, "527-9651");
	assert_int_equal(s->res.delay_s, 15);
	assert_string_equal(c->res.number, "527-9651");
	assert_int_equal(c->res.type, CBCP_TYPE_USER);
	/* The octets on the wire are the seed's. */
	assert_int_equal(c->nsent, 2);
	cbh_expect_sent(c, 0, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	cbh_expect_sent(c, 1, cbh_seed_resp25, sizeof(cbh_seed_resp25));
	assert_int_equal(s->nsent, 7);
	cbh_expect_sent(s, 0, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbh_expect_sent(s, 6, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	cbh_expect_lines("As4", "Async4", cbh_seed_server_lines,
			 CBH_SEED_SERVER_NLINES);
	cbh_expect_lines("As1", "Async1", want, CBH_ARRAY_LEN(want));
	/* Quiet afterwards: no timers left on either side. */
	assert_false(timer_armed(&s->c.timer));
	assert_false(timer_armed(&c->c.timer));
}

/* The Ack is lost: the caller's retransmitted Response gets it again. */
static void test_lost_ack_end_to_end(void **state)
{
	struct cbcp_server_cfg scfg = cbh_seed_scfg();
	struct cbcp_client_cfg ccfg = cbh_seed_ccfg();
	struct cbh_end *c = start_client(&ccfg);
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cbh_init_server(&scfg);
	cbh_link(false);
	cbcp_start(&s->c);
	/* Request 20 is on the wire: the answerer's next packet, the Ack to
	 * Response 20, is lost. */
	s->drop_next = true;
	cbh_pump();
	assert_int_equal(s->nsent, 2);
	assert_int_equal(s->sent[1][0], CBCP_ACK);
	assert_int_equal(s->c.state, CBCP_ST_DONE);
	assert_int_equal(c->c.state, CBCP_ST_WAIT_ACK);
	cbh_at(2000);
	assert_int_equal(c->nsent, 2);
	assert_int_equal(s->nsent, 3);
	cbh_expect_sent(s, 2, s->sent[1], s->sent_len[1]);
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_int_equal(s->done_calls, 1);
	assert_int_equal(c->done_calls, 1);
}

/* ops->send delivering inside the call: everything nests, and both sides
 * must have settled their state before each packet left. */
static void test_synchronous_link(void **state)
{
	struct cbcp_server_cfg scfg = cbh_seed_scfg();
	struct cbcp_client_cfg ccfg = cbh_seed_ccfg();
	struct cbh_end *c = start_client(&ccfg);
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cbh_init_server(&scfg);
	cbh_link(true);
	cbcp_start(&s->c);
	assert_int_equal(s->c.state, CBCP_ST_DONE);
	assert_int_equal(c->c.state, CBCP_ST_DONE);
	assert_false(timer_armed(&s->c.timer));
	assert_false(timer_armed(&c->c.timer));
	assert_int_equal(s->nsent, 2);
	assert_int_equal(c->nsent, 1);
	CBH_EXPECT_SENT(s, 1, 0x03, 0x15, 0x00, 0x11, 0x02, 0x0D, 0x0F, 0x01,
			0x35, 0x32, 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31, 0x00);
	assert_int_equal(s->done_calls, 1);
	assert_int_equal(c->done_calls, 1);
	cbh_at(60000);
	assert_int_equal(s->nsent, 2);
	assert_int_equal(c->nsent, 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, cbh_setup, cbh_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_preset_answers_seed_request),
		T(test_ack_with_other_id_accepted),
		T(test_id_mismatch_only_under_debug_cbcp),
		T(test_retransmits_then_gives_up),
		T(test_default_tries),
		T(test_pppd_mode_never_retransmits),
		T(test_no_mode),
		T(test_preset_preferences),
		T(test_type3_result_has_no_number),
		T(test_malformed_ack_option_uses_what_we_sent),
		T(test_client_ignores_what_it_must),
		T(test_later_request_without_acceptable_type),
		T(test_ask_answered_inside_callback),
		T(test_ask_no_callback_answers),
		T(test_ask_answer_too_long_and_stray_answers),
		T(test_seed_001_end_to_end),
		T(test_lost_ack_end_to_end),
		T(test_synchronous_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
