/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for cp_fsm: whole negotiations between two automata wired back
 * to back (A's send is B's input, through a queue), on a fake clock, and
 * the exact `debug ppp negotiation` text of a short exchange.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cp_fsm.h"
#include "fake_log.h"
#include "fake_proto.h"
#include "ppp_defs.h"
#include "timer.h"

#define RESTART_MS 2000
#define MAX_CONFIGURE 4
#define MAX_TERMINATE 2
#define MAX_FAILURE 3

struct pair {
	struct timers ts;
	struct fake_log log;
	struct cp_fsm_cfg cfg;
	struct fake_proto a, b;
	struct fake_net net;
};

static void pair_init(struct pair *p, const char *name,
		      const struct fake_policy *pa,
		      const struct fake_policy *pb, bool b_silent)
{
	struct cp_fsm_cfg cfg_b;

	memset(p, 0, sizeof(*p));
	timers_init(&p->ts, 0);
	fake_log_init(&p->log);
	cp_fsm_cfg_default(&p->cfg);
	p->cfg.restart_ms = RESTART_MS;
	p->cfg.max_configure = MAX_CONFIGURE;
	p->cfg.max_terminate = MAX_TERMINATE;
	p->cfg.max_failure = MAX_FAILURE;
	cfg_b = p->cfg;
	cfg_b.silent = b_silent;
	fake_proto_init(&p->a, "As4", name, pa, &p->ts, &p->log.lg, &p->cfg);
	fake_proto_init(&p->b, "As5", name, pb, &p->ts, &p->log.lg, &cfg_b);
	fake_net_wire(&p->net, &p->a, &p->b);
}

static void pair_fini(struct pair *p)
{
	fake_proto_fini(&p->a);
	fake_proto_fini(&p->b);
	timers_fini(&p->ts);
	fake_log_fini(&p->log);
}

/* Let the clock run to `ms` and deliver whatever that sends. */
static void run_until(struct pair *p, uint64_t ms)
{
	timers_advance(&p->ts, ms);
	fake_net_pump(&p->net);
}

static void both_open(struct pair *p)
{
	cp_fsm_up(&p->a.fsm);
	cp_fsm_up(&p->b.fsm);
	cp_fsm_open(&p->a.fsm);
	cp_fsm_open(&p->b.fsm);
	fake_net_pump(&p->net);
}

/* The codes a side sent, "CONFREQ,CONFACK,...". */
static const char *sent_codes(const struct fake_proto *fp)
{
	static char buf[1024];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < fp->nsent && o < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
				      i ? "," : "",
				      cp_code_name(fp->sent[i].b[0]));
	return buf;
}

static uint32_t value_of(const struct fake_pkt *pkt)
{
	/* Value option first in the list: 1, 6, four octets. */
	assert_true(pkt->len >= CP_HDR_LEN + 6);
	assert_int_equal(pkt->b[CP_HDR_LEN], FAKE_OPT_VALUE);
	return (uint32_t)pkt->b[CP_HDR_LEN + 2] << 24 |
	       (uint32_t)pkt->b[CP_HDR_LEN + 3] << 16 |
	       (uint32_t)pkt->b[CP_HDR_LEN + 4] << 8 | pkt->b[CP_HDR_LEN + 5];
}

static void test_both_reach_opened(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	assert_int_equal(p.a.nup, 1);
	assert_int_equal(p.b.nup, 1);
	assert_string_equal(sent_codes(&p.a), "CONFREQ,CONFACK");
	assert_string_equal(sent_codes(&p.b), "CONFREQ,CONFACK");
	assert_false(timer_armed(&p.a.fsm.restart));
	assert_false(timer_armed(&p.b.fsm.restart));
	assert_int_equal(p.a.fsm.stats.rx_packets, 2);
	assert_int_equal(p.a.fsm.stats.tx_packets, 2);
	assert_int_equal(p.a.fsm.stats.rx_bad, 0);
	/* Nothing more happens while both stay open. */
	run_until(&p, 60000);
	assert_int_equal(p.a.nsent, 2);
	assert_int_equal(p.a.fsm.stats.timeouts, 0);
	pair_fini(&p);
}

/* B wants Value 7: it Naks A's 5 with 7; A asks again with 7 under a new
 * Identifier, and B Acks that. */
static void test_nak_new_request_new_id(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9, .accept = 7};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	assert_string_equal(sent_codes(&p.b), "CONFREQ,CONFNAK,CONFACK");
	assert_int_equal(p.b.sent[1].b[1], 1);
	assert_int_equal(value_of(&p.b.sent[1]), 7);
	/* A: the first request, its Ack of B, the second request. */
	assert_string_equal(sent_codes(&p.a), "CONFREQ,CONFACK,CONFREQ");
	assert_int_equal(p.a.sent[0].b[1], 1);
	assert_int_equal(value_of(&p.a.sent[0]), 5);
	assert_int_equal(p.a.sent[2].b[1], 2);
	assert_int_equal(value_of(&p.a.sent[2]), 7);
	assert_int_equal(p.b.sent[2].b[1], 2);
	pair_fini(&p);
}

/* B refuses the Flag option: A drops it from its next request. */
static void test_reject(void **state)
{
	struct fake_policy pa = {.value = 5, .flag = true}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	assert_string_equal(sent_codes(&p.b), "CONFREQ,CONFREJ,CONFACK");
	assert_int_equal(p.b.sent[1].len, CP_HDR_LEN + 2);
	assert_memory_equal(p.b.sent[1].b + CP_HDR_LEN,
			    ((uint8_t[]){FAKE_OPT_FLAG, 2}), 2);
	assert_int_equal(p.a.sent[0].len, CP_HDR_LEN + 8);
	assert_int_equal(p.a.sent[2].len, CP_HDR_LEN + 6);
	assert_false(p.a.cur_flag);
	pair_fini(&p);
}

/* A insists on Value 5, B wants 7: B Naks Max-Failure times, then is told
 * to reject instead; A gives the option up and B Acks the empty request. */
static void test_max_failure_turns_naks_into_reject(void **state)
{
	struct fake_policy pa = {.value = 5, .insist = true};
	struct fake_policy pb = {.value = 9, .accept = 7};
	struct pair p;
	size_t naks = 0, rejs = 0;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	for (size_t i = 0; i < p.b.nsent; i++) {
		naks += p.b.sent[i].b[0] == CP_CONFNAK;
		rejs += p.b.sent[i].b[0] == CP_CONFREJ;
	}
	assert_int_equal(naks, MAX_FAILURE);
	assert_int_equal(rejs, 1);
	assert_string_equal(sent_codes(&p.b), "CONFREQ,CONFNAK,CONFNAK,"
					      "CONFNAK,CONFREJ,CONFACK");
	assert_true(p.b.last_reject_if_disagree);
	assert_int_equal(p.a.cur_value, 0);
	/* Five requests from A, each under a new Identifier. */
	assert_string_equal(sent_codes(&p.a), "CONFREQ,CONFACK,CONFREQ,"
					      "CONFREQ,CONFREQ,CONFREQ");
	for (size_t i = 2, id = 2; i < p.a.nsent; i++, id++)
		assert_int_equal(p.a.sent[i].b[1], id);
	assert_int_equal(p.a.sent[p.a.nsent - 1].len, CP_HDR_LEN);
	pair_fini(&p);
}

/* B's layer is up but not opened (Closed): it answers every request with a
 * Terminate-Ack, which A ignores; A gives up after Max-Configure requests
 * (TO-, tlf, Stopped). */
static void test_max_configure_exhaustion(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	cp_fsm_up(&p.a.fsm);
	cp_fsm_up(&p.b.fsm);
	cp_fsm_open(&p.a.fsm);
	fake_net_pump(&p.net);
	for (uint64_t t = 1; t < MAX_CONFIGURE; t++) {
		run_until(&p, t * RESTART_MS);
		assert_int_equal(p.a.fsm.state, CP_REQSENT);
	}
	assert_int_equal(p.a.nfinished, 0);
	run_until(&p, MAX_CONFIGURE * RESTART_MS);
	assert_int_equal(p.a.fsm.state, CP_STOPPED);
	assert_int_equal(p.a.nfinished, 1);
	assert_int_equal(p.a.nsent, MAX_CONFIGURE);
	assert_string_equal(sent_codes(&p.b), "TERMACK,TERMACK,TERMACK,"
					      "TERMACK");
	assert_int_equal(p.b.fsm.state, CP_CLOSED);
	assert_true(fake_log_has(&p.log, "As4 FAKE: State is Stopped"));
	run_until(&p, 100000);
	assert_int_equal(p.a.nsent, MAX_CONFIGURE);
	pair_fini(&p);
}

/* A closes: B answers in Opened with tld, zrc, sta and waits one Restart
 * period in Stopping before finishing (RFC 1661 §4.6); A finishes on the
 * Terminate-Ack. */
static void test_terminate_and_zrc_wait(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	fake_proto_clear(&p.a);
	fake_proto_clear(&p.b);
	timers_advance(&p.ts, 10000);
	cp_fsm_close(&p.a.fsm, "Admin down");
	assert_true(fake_log_has(&p.log, "As4 FAKE: Close: Admin down"));
	fake_net_pump(&p.net);
	assert_string_equal(sent_codes(&p.a), "TERMREQ");
	assert_string_equal(sent_codes(&p.b), "TERMACK");
	assert_int_equal(p.b.sent[0].b[1], p.a.sent[0].b[1]);
	assert_int_equal(p.a.fsm.state, CP_CLOSED);
	assert_int_equal(p.a.ndown, 1);
	assert_int_equal(p.a.nfinished, 1);
	assert_int_equal(p.b.fsm.state, CP_STOPPING);
	assert_int_equal(p.b.ndown, 1);
	assert_int_equal(p.b.fsm.restart_count, 0);
	run_until(&p, 10000 + RESTART_MS - 1);
	assert_int_equal(p.b.nfinished, 0);
	run_until(&p, 10000 + RESTART_MS);
	assert_int_equal(p.b.nfinished, 1);
	assert_int_equal(p.b.fsm.state, CP_STOPPED);
	assert_int_equal(p.b.nsent, 1); /* zrc: no Terminate-Request */
	pair_fini(&p);
}

/* Nobody answers A's Terminate-Request: Max-Terminate of them, each with a
 * new Identifier, then TO- finishes the layer in Closed. */
static void test_max_terminate(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	fake_proto_clear(&p.a);
	p.net.drop_to_b = true;
	cp_fsm_close(&p.a.fsm, NULL);
	assert_int_equal(p.a.fsm.state, CP_CLOSING);
	for (uint64_t t = 1; t < MAX_TERMINATE; t++)
		run_until(&p, t * RESTART_MS);
	assert_int_equal(p.a.nfinished, 0);
	assert_int_equal(p.a.fsm.state, CP_CLOSING);
	run_until(&p, MAX_TERMINATE * RESTART_MS);
	assert_int_equal(p.a.fsm.state, CP_CLOSED);
	assert_int_equal(p.a.nfinished, 1);
	assert_string_equal(sent_codes(&p.a), "TERMREQ,TERMREQ");
	assert_int_not_equal(p.a.sent[0].b[1], p.a.sent[1].b[1]);
	assert_false(timer_armed(&p.a.fsm.restart));
	pair_fini(&p);
}

/* B opens passively: it listens without sending until A's request comes. */
static void test_silent_open(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, true);
	cp_fsm_up(&p.b.fsm);
	cp_fsm_open(&p.b.fsm);
	assert_int_equal(p.b.fsm.state, CP_STOPPED);
	assert_string_equal(cp_fsm_state_name(&p.b.fsm), "Listen");
	run_until(&p, 30000);
	assert_int_equal(p.b.nsent, 0);
	cp_fsm_up(&p.a.fsm);
	cp_fsm_open(&p.a.fsm);
	fake_net_pump(&p.net);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	assert_string_equal(sent_codes(&p.b), "CONFREQ,CONFACK");
	assert_int_equal(p.b.nstarted, 0);
	pair_fini(&p);
}

/* B's lower layer bounces; its new request reaches A in Opened, which must
 * take its layer down before judging the request, then renegotiate. */
static void test_renegotiation_from_opened(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;
	long tld, judge, reset;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	p.a.cur_value = 77; /* state left over from the first negotiation */
	fake_proto_clear(&p.a);
	cp_fsm_down(&p.b.fsm);
	cp_fsm_up(&p.b.fsm);
	fake_net_pump(&p.net);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	assert_int_equal(p.a.ndown, 1);
	assert_int_equal(p.a.nup, 1);
	tld = fake_proto_find(&p.a, "tld");
	reset = fake_proto_find(&p.a, "reset");
	judge = fake_proto_find(&p.a, "judge");
	assert_true(tld >= 0 && reset > tld && judge > tld);
	assert_string_equal(p.a.trace[0], "tld");
	/* Opened + RCR+: tld, scr, sca; then RCA: tlu. */
	assert_string_equal(sent_codes(&p.a), "CONFREQ,CONFACK");
	assert_int_equal(value_of(&p.a.sent[0]), 5); /* reset restored it */
	pair_fini(&p);
}

/* HDLC-style padding after every packet is ignored; a packet whose Length
 * says more than arrived is dropped and counted, and the retransmission
 * recovers. */
static void test_padding_and_bad_length_on_the_wire(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	p.net.pad_octets = 3;
	p.net.length_delta = 4; /* A's first request: Length past the padding */
	both_open(&p);
	assert_int_equal(p.b.fsm.stats.rx_bad, 1);
	assert_true(fake_log_has(&p.log, "As5 FAKE: bad length 14 (13 octets "
					 "received), discarding packet"));
	assert_false(cp_fsm_is_open(&p.a.fsm));
	run_until(&p, RESTART_MS);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	assert_int_equal(p.a.fsm.stats.rx_bad, 0);
	assert_int_equal(p.b.fsm.stats.rx_bad, 1);
	/* Every Configure-Ack echoed the options, not the padding. */
	for (size_t i = 0; i < p.b.nsent; i++)
		if (p.b.sent[i].b[0] == CP_CONFACK)
			assert_int_equal(p.b.sent[i].len, CP_HDR_LEN + 6);
	pair_fini(&p);
}

/* A retransmits before B's answer arrives: B Acks both copies, and the Ack
 * of the first (stale Identifier) is discarded by A. */
static void test_stale_ack_discarded(void **state)
{
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, true);
	cp_fsm_up(&p.b.fsm);
	cp_fsm_open(&p.b.fsm);
	cp_fsm_up(&p.a.fsm);
	cp_fsm_open(&p.a.fsm);
	timers_advance(&p.ts, RESTART_MS); /* A's id 2 follows id 1 */
	fake_net_pump(&p.net);
	assert_true(fake_log_has(&p.log, "As4 FAKE: ID 1 didn't match 2, "
					 "discarding packet"));
	assert_int_equal(p.a.fsm.stats.rx_bad, 1);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	pair_fini(&p);
}

/* A sends a code B does not know: B Code-Rejects it with the packet
 * inside; for A that is RXJ+ (not one of codes 1-7), and the link stays
 * up. */
static void test_unknown_code_rejected(void **state)
{
	static const uint8_t data[] = {0xca, 0xfe};
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;

	(void)state;
	pair_init(&p, "FAKE", &pa, &pb, false);
	both_open(&p);
	fake_proto_clear(&p.a);
	fake_proto_clear(&p.b);
	cp_fsm_send(&p.a.fsm, 0x20, cp_fsm_next_id(&p.a.fsm), data,
		    sizeof(data));
	fake_net_pump(&p.net);
	assert_int_equal(p.b.nsent, 1);
	assert_int_equal(p.b.sent[0].len, CP_HDR_LEN + 6);
	assert_memory_equal(p.b.sent[0].b,
			    ((uint8_t[]){CP_CODEREJ, p.b.fsm.id, 0, 10, 0x20,
					 p.a.fsm.id, 0, 6, 0xca, 0xfe}),
			    10);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	assert_int_equal(p.a.ndown, 0);
	assert_true(fake_log_has(&p.log, "As4 FAKE: I CODEREJ [Open] id"));
	pair_fini(&p);
}

/* The debug text, line for line, of a short exchange: A's first request is
 * lost, B listens; then A closes. */
static void test_debug_text(void **state)
{
	static const char *const want[] = {
		"As5 LCP: State is Listen",
		"As4 LCP: O CONFREQ [Closed] id 1 len 10",
		"As4 LCP:    Value 5 (0x010600000005)",
		"As4 LCP: TIMEout: State REQsent",
		"As4 LCP: O CONFREQ [REQsent] id 2 len 10",
		"As4 LCP:    Value 5 (0x010600000005)",
		"As5 LCP: I CONFREQ [Listen] id 2 len 10",
		"As5 LCP:    Value 5 (0x010600000005)",
		"As5 LCP: O CONFREQ [Listen] id 1 len 10",
		"As5 LCP:    Value 9 (0x010600000009)",
		"As5 LCP: O CONFACK [Listen] id 2 len 10",
		"As5 LCP:    Value 5 (0x010600000005)",
		"As4 LCP: I CONFREQ [REQsent] id 1 len 10",
		"As4 LCP:    Value 9 (0x010600000009)",
		"As4 LCP: O CONFACK [REQsent] id 1 len 10",
		"As4 LCP:    Value 9 (0x010600000009)",
		"As4 LCP: I CONFACK [ACKsent] id 2 len 10",
		"As4 LCP:    Value 5 (0x010600000005)",
		"As4 LCP: State is Open",
		"As5 LCP: I CONFACK [ACKsent] id 1 len 10",
		"As5 LCP:    Value 9 (0x010600000009)",
		"As5 LCP: State is Open",
		"As4 LCP: O TERMREQ [Open] id 3 len 4",
		"As5 LCP: I TERMREQ [Open] id 3 len 4",
		"As5 LCP: O TERMACK [Open] id 3 len 4",
		"As4 LCP: I TERMACK [Closing] id 3 len 4",
		"As4 LCP: State is Closed",
		"As5 LCP: TIMEout: State Stopping",
		"As5 LCP: State is Stopped",
	};
	struct fake_policy pa = {.value = 5}, pb = {.value = 9};
	struct pair p;
	size_t n = sizeof(want) / sizeof(want[0]);

	(void)state;
	pair_init(&p, "LCP", &pa, &pb, true);
	cp_fsm_up(&p.b.fsm);
	cp_fsm_open(&p.b.fsm);
	p.net.drop_to_b = true;
	cp_fsm_up(&p.a.fsm);
	cp_fsm_open(&p.a.fsm);
	p.net.drop_to_b = false;
	run_until(&p, RESTART_MS);
	assert_true(cp_fsm_is_open(&p.a.fsm));
	assert_true(cp_fsm_is_open(&p.b.fsm));
	cp_fsm_close(&p.a.fsm, NULL);
	fake_net_pump(&p.net);
	run_until(&p, 10 * RESTART_MS);
	if (p.log.n != n)
		fake_log_dump(&p.log);
	assert_int_equal(p.log.n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(p.log.lines[i], want[i]);
	pair_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_reach_opened),
		cmocka_unit_test(test_nak_new_request_new_id),
		cmocka_unit_test(test_reject),
		cmocka_unit_test(test_max_failure_turns_naks_into_reject),
		cmocka_unit_test(test_max_configure_exhaustion),
		cmocka_unit_test(test_terminate_and_zrc_wait),
		cmocka_unit_test(test_max_terminate),
		cmocka_unit_test(test_silent_open),
		cmocka_unit_test(test_renegotiation_from_opened),
		cmocka_unit_test(test_padding_and_bad_length_on_the_wire),
		cmocka_unit_test(test_stale_ack_discarded),
		cmocka_unit_test(test_unknown_code_rejected),
		cmocka_unit_test(test_debug_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
