/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Replay of seed 001 (Cisco tech note 9554, the AS5200 "isdn2-2" calling a
 * Windows client back): the Windows client's exact bytes from the trace are
 * fed to a server PPP session configured like seed 001's Group-Async1, and
 * every answer is checked packet by packet against the answers the AS5200
 * printed (codes, identifiers, options, lengths; magic numbers and CHAP
 * challenges excepted, and the CHAP Response computed, since the trace
 * does not show its value).  The clock follows the trace: the client's
 * stale CBCP Response for id 20 arrives 9.5 s after the first Request.
 *
 * IOS 11.3 printed every IPCP answer as "CONFREQ"; the codes below are the
 * real ones (Configure-Reject for the four RFC 1877 options, which
 * isdn2-2 had not configured; Configure-Nak with the pool address).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chap_md5.h"
#include "harness.h"

#define H(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((uint8_t[]){__VA_ARGS__})


static void mem_eq(const uint8_t *got, const uint8_t *want, size_t n)
{
	assert_memory_equal(got, want, n);
}


static void server_cfg(struct ppp_session_cfg *c)
{
	h_base_cfg(c, "Async4", "As4");
	c->lcp.auth_require[0] = LCP_AUTH_CHAP_MD5;
	c->ipcp.local_addr = IP(172, 16, 25, 52); /* ip unnumbered Ethernet0 */
	strcpy(c->peer_pool, "default");
	strcpy(c->chap_name, "isdn2-2");
	c->callback_accept = true;
	c->cbcp_first_id = 20; /* the AS5200's counter in the trace */
	c->ipcp.vj = true;     /* ip tcp header-compression passive */
	c->ipcp.vj_max_slot_id = 15;
	c->ipcp.vj_comp_slot_id = false;
	c->vj_passive = true;
}

/* LCP up to Opened: our Configure-Request is checked (as "O CONFREQ
 * [Closed] id 3 len 25"), the client's request is fed and must be Acked
 * byte for byte, then our request is Acked by "the client". */
static void lcp_up(const uint8_t *confreq, size_t n)
{
	size_t len;
	const uint8_t *p = h_next_sent(0xC021, &len);
	uint8_t ack[64];

	/* ACCM 0x000A0000, AuthProto CHAP, MagicNumber, PFC, ACFC */
	assert_int_equal(len, 25);
	assert_int_equal(p[0], 1);
	mem_eq(p + 4, H(0x02, 0x06, 0x00, 0x0A, 0x00, 0x00));
	mem_eq(p + 10, H(0x03, 0x05, 0xC2, 0x23, 0x05));
	assert_int_equal(p[15], 0x05);
	assert_int_equal(p[16], 0x06);
	mem_eq(p + 21, H(0x07, 0x02, 0x08, 0x02));
	memcpy(ack, p, len);
	ack[0] = 2; /* "I CONFACK [REQsent] id 3 len 25" */
	h_feed(0xC021, confreq, n);
	{
		uint8_t want[64];
		memcpy(want, confreq, n);
		want[0] = 2; /* "O CONFACK [ACKrcvd] id 3 len 23" */
		h_expect_sent(0xC021, want, n);
	}
	h_feed(0xC021, ack, len);
	assert_true(lcp_is_open(&E[0].s->lcp));
}

/* CHAP: "O CHALLENGE id 4 len 28 from "isdn2-2"", the client's Response
 * (computed: the trace shows only its length), "O SUCCESS id 4 len 4". */
static void chap_ok(void)
{
	size_t len;
	const uint8_t *p = h_next_sent(0xC223, &len);
	uint8_t resp[64];
	uint8_t id;

	assert_int_equal(len, 28);
	assert_int_equal(p[0], 1);
	assert_int_equal(p[4], 16);
	assert_memory_equal(p + 21, "isdn2-2", 7);
	id = p[1];
	resp[0] = 2;
	resp[1] = id;
	resp[2] = 0;
	resp[3] = 4 + 1 + 16 + 10;
	resp[4] = 16;
	chap_md5_digest(id, (const uint8_t *)"cisco", 5, p + 5, 16, resp + 5);
	memcpy(resp + 21, "callmeback", 10);
	h_feed(0xC223, resp, resp[3]);
	h_run_ms(1); /* the AAA answer */
	{
		uint8_t ok[4] = {3, id, 0, 4};
		h_expect_sent(0xC223, ok, sizeof(ok));
	}
}

static void test_seed001_replay(void **state)
{
	struct ppp_session_cfg c;
	struct aaa_user *u;
	uint32_t first;
	/* the Windows client's LCP Configure-Request, first call */
	static const uint8_t win_lcp1[] = {
		0x01, 0x03, 0x00, 0x17, 0x02, 0x06, 0x00, 0x0A, 0x00,
		0x00, 0x05, 0x06, 0x00, 0x4A, 0x4A, 0x09, 0x07, 0x02,
		0x08, 0x02, 0x0D, 0x03, 0x06};
	/* "I 2 14 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0" */
	static const uint8_t resp20[] = {0x02, 0x14, 0x00, 0x11, 0x02, 0x0D,
					 0x0F, 0x01, 0x35, 0x32, 0x37, 0x2D,
					 0x39, 0x36, 0x35, 0x31, 0x00};
	uint8_t resp25[sizeof(resp20)];
	/* return call: no option 13 */
	static const uint8_t win_lcp2[] = {
		0x01, 0x03, 0x00, 0x14, 0x02, 0x06, 0x00, 0x0A, 0x00, 0x00,
		0x05, 0x06, 0x00, 0x4B, 0x3E, 0xF5, 0x07, 0x02, 0x08, 0x02};
	static const uint8_t win_ipcp1[] = {
		0x01, 0x01, 0x00, 0x28, 0x02, 0x06, 0x00, 0x2D, 0x0F, 0x01,
		0x03, 0x06, 0x00, 0x00, 0x00, 0x00, 0x81, 0x06, 0x00, 0x00,
		0x00, 0x00, 0x82, 0x06, 0x00, 0x00, 0x00, 0x00, 0x83, 0x06,
		0x00, 0x00, 0x00, 0x00, 0x84, 0x06, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t win_ipcp_ack[] = {
		0x02, 0x01, 0x00, 0x10, 0x02, 0x06, 0x00, 0x2D,
		0x0F, 0x00, 0x03, 0x06, 0xAC, 0x10, 0x19, 0x34};
	static const uint8_t win_ipcp2[] = {
		0x01, 0x02, 0x00, 0x10, 0x02, 0x06, 0x00, 0x2D,
		0x0F, 0x01, 0x03, 0x06, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t win_ipcp3[] = {
		0x01, 0x03, 0x00, 0x10, 0x02, 0x06, 0x00, 0x2D,
		0x0F, 0x01, 0x03, 0x06, 0xAC, 0x10, 0x19, 0x3C};

	(void)state;
	/* username callmeback callback-dialstring "" password cisco */
	u = h_add_user("callmeback", "cisco");
	u->has_callback_dialstring = true;
	/* ip local pool default 172.16.25.59 172.16.25.62, .59 in use */
	pool_free(pool);
	pool = pool_new("default");
	pool_add_range(pool, IP(172, 16, 25, 59), IP(172, 16, 25, 62));
	assert_true(pool_alloc(pool, &first));
	assert_int_equal(first, IP(172, 16, 25, 59));

	server_cfg(&c);
	h_capture = true;
	h_seen = h_nsent = 0;
	h_skip_echo = true; /* keepalives are not in the seed's trace */
	E[0].s = ppp_session_new(&c, &h_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	lcp_up(win_lcp1, sizeof(win_lcp1));
	assert_true(E[0].s->lcp.neg.peer_callback);
	chap_ok();

	/* "O MCB Request(1) id 20 len 9", "O 1 14 0 9 2 5 0 1 0" */
	h_expect_sent(0xC029, H(0x01, 0x14, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01,
			      0x00));
	assert_true(fake_log_has(&fl, "As4 MCB: User callmeback Callback "
				      "Number - Client ANY"));
	/* a new id every 2 s while the user types: 21, 22, 23, 24 */
	for (uint8_t id = 0x15; id <= 0x18; id++) {
		h_run_ms(1999);
		h_expect_nothing();
		h_run_ms(1);
		h_expect_sent(0xC029, H(0x01, id, 0x00, 0x09, 0x02, 0x05, 0x00,
				      0x01, 0x00));
	}
	/* 29.763: the answer to the Request the dialog showed (id 20) */
	h_run_ms(1520);
	h_feed(0xC029, resp20, sizeof(resp20));
	h_expect_nothing();
	assert_true(fake_log_has(&fl, "As4 MCB: Resp ignored. ID Expected 24, "
				      "got id 20"));
	h_run_ms(480);
	h_expect_sent(0xC029, H(0x01, 0x19, 0x00, 0x09, 0x02, 0x05, 0x00, 0x01,
			      0x00));
	/* 30.715: answered from the client's cache with id 25 */
	memcpy(resp25, resp20, sizeof(resp20));
	resp25[1] = 0x19;
	h_run_ms(88);
	h_feed(0xC029, resp25, sizeof(resp25));
	/* "O MCB Ack(3) id 26 len 17": the option echoed, a fresh id */
	h_expect_sent(0xC029, H(0x03, 0x1A, 0x00, 0x11, 0x02, 0x0D, 0x0F, 0x01,
			      0x35, 0x32, 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31,
			      0x00));
	assert_true(fake_log_has(&fl, "As4 MCB: Response CBK-Client-Num 2 13 "
				      "15, addr 1-527-9651"));
	assert_true(fake_log_has(&fl, "As4 MCB: Negotiated MCB with peer"));
	/* "I TERMREQ [Open] id 5 len 4" → "O TERMACK [Open] id 5 len 4" */
	h_run_ms(88);
	h_feed(0xC021, H(0x05, 0x05, 0x00, 0x04));
	h_expect_sent(0xC021, H(0x06, 0x05, 0x00, 0x04));
	h_run_ms(1);
	assert_int_equal(E[0].cb_needed, 1);
	assert_int_equal(E[0].cb.kind, PPP_CB_CBCP);
	assert_string_equal(E[0].cb.user, "callmeback");
	assert_string_equal(E[0].cb.number, "527-9651");
	assert_int_equal(E[0].cb.delay_s, 15);
	assert_true(E[0].cb.peer_terminated);
	assert_int_equal(E[0].s->cbcp->next_id, 0x1B);
	ppp_session_lower_down(E[0].s);
	ppp_session_free(E[0].s);
	E[0].s = NULL;
	h_expect_nothing();

	/* ---- the return call (01:26:18): LCP, CHAP, no CBCP, IPCP ---- */
	h_run_ms(40000);
	c.return_call = true;
	c.cbcp_first_id = 0x1B;
	E[0].s = ppp_session_new(&c, &h_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	lcp_up(win_lcp2, sizeof(win_lcp2));
	assert_false(E[0].s->lcp.neg.peer_callback);
	chap_ok();
	/* "O CONFREQ [Closed] id 1 len 16": VJ 15 slots, Address */
	h_expect_sent(0x8021, H(0x01, 0x01, 0x00, 0x10, 0x02, 0x06, 0x00, 0x2D,
			      0x0F, 0x00, 0x03, 0x06, 0xAC, 0x10, 0x19, 0x34));
	/* the four RFC 1877 options Rejected ("len 28") */
	h_feed(0x8021, win_ipcp1, sizeof(win_ipcp1));
	h_expect_sent(0x8021,
		    H(0x04, 0x01, 0x00, 0x1C, 0x81, 0x06, 0x00, 0x00, 0x00,
		      0x00, 0x82, 0x06, 0x00, 0x00, 0x00, 0x00, 0x83, 0x06,
		      0x00, 0x00, 0x00, 0x00, 0x84, 0x06, 0x00, 0x00, 0x00,
		      0x00));
	h_feed(0x8021, win_ipcp_ack, sizeof(win_ipcp_ack));
	/* "O CONFREQ [ACKrcvd] id 2 len 10 Address 172.16.25.60" (a Nak) */
	h_feed(0x8021, win_ipcp2, sizeof(win_ipcp2));
	h_expect_sent(0x8021, H(0x03, 0x02, 0x00, 0x0A, 0x03, 0x06, 0xAC, 0x10,
			      0x19, 0x3C));
	assert_true(fake_log_has(&fl, "As4 IPCP: Pool returned "
				      "172.16.25.60"));
	/* "O CONFACK [ACKrcvd] id 3 len 16" */
	h_feed(0x8021, win_ipcp3, sizeof(win_ipcp3));
	{
		uint8_t ack[sizeof(win_ipcp3)];
		memcpy(ack, win_ipcp3, sizeof(ack));
		ack[0] = 2;
		h_expect_sent(0x8021, ack, sizeof(ack));
	}
	h_run_ms(5);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[0].peer, IP(172, 16, 25, 60));
	assert_int_equal(E[0].cb_needed, 1); /* none on the return call */
	assert_true(fake_log_has(&fl, "As4 IPCP: Install route to "
				      "172.16.25.60"));
	ppp_session_lower_down(E[0].s);
	pool_release(pool, first);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seed001_replay, h_setup,
						h_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
