/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_l2tp_pair.c - a LAC and an LNS instance back to back through the
 * fake network: tunnel authentication both ways, a wrong secret (StopCCN
 * Result 4 on the wire), 200 incoming calls, outgoing calls that succeed
 * and fail (CDN with a Q.931 cause), data both ways with and without
 * sequencing, CDN and StopCCN teardown, the tie breaker, and everything
 * again over a lossy, duplicating, reordering network.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "l2tp_harness.h"

#define LAC 0
#define LNS 1

static void up_tunnel(struct h_pair *p, const char *lac_secret,
		      const char *lns_secret, struct l2tp_tunnel **t)
{
	struct l2tp_tunnel_cfg cfg;

	h_cfg(&cfg, "LAC", lac_secret);
	h_cfg(&p->n[LNS].accept_cfg, "LNS", lns_secret);
	*t = h_open(p, LAC, &cfg);
	assert_non_null(*t);
	{
		struct l2tp_tunnel_status st;

		l2tp_tunnel_get_status(*t, &st);
		assert_false(st.was_established);
	}
	h_run(p, 500);
}

static void test_tunnel_auth_both_ways(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_tunnel_status st;

	(void)state;
	h_init(&p, 1);
	up_tunnel(&p, "l2tptunnel", "l2tptunnel", &t);
	assert_int_equal(p.n[LAC].n_tunnel_up, 1);
	assert_int_equal(p.n[LNS].n_tunnel_up, 1);
	assert_int_equal(l2tp_tunnel_state(t), L2TP_TUNNEL_ESTABLISHED);
	assert_string_equal(l2tp_tunnel_remote_name(t), "LNS");
	assert_string_equal(l2tp_tunnel_remote_name(p.n[LNS].last_tunnel),
			    "LAC");
	assert_int_equal(l2tp_tunnel_remote_id(t),
			 l2tp_tunnel_local_id(p.n[LNS].last_tunnel));
	assert_true(fake_log_has(&p.n[LAC].fl, "Got a challenge from remote "
					       "peer, LNS"));
	assert_true(fake_log_has(&p.n[LAC].fl, "Got a response from remote "
					       "peer, LNS"));
	assert_true(fake_log_has(&p.n[LNS].fl, "Got a Challenge Response in "
					       "SCCCN from LAC"));
	assert_true(fake_log_has(&p.n[LNS].fl, "Tunnel Authentication "
					       "success"));
	/* The secret never reaches a log line. */
	assert_false(fake_log_has(&p.n[LAC].fl, "l2tptunnel"));
	assert_false(fake_log_has(&p.n[LNS].fl, "l2tptunnel"));
	l2tp_tunnel_get_status(t, &st);
	assert_string_equal(st.state_short, "est");
	assert_int_equal(st.peer.ip, H_IP_LNS);
	assert_true(st.initiator);
	assert_true(st.was_established);
	assert_int_equal(st.tx_queued, 0);
	/* Nothing retransmitted, and the SCCCN was acked by a ZLB. */
	assert_int_equal(st.retransmits, 0);
	assert_int_equal(h_wire_count(&p, LNS, 0, NULL), 1);
	h_fini(&p);
}

static void test_wrong_secret(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	uint16_t result = 0;

	(void)state;
	h_init(&p, 2);
	up_tunnel(&p, "l2tptunnel", "wrongsecret", &t);
	/* The LAC checks the LNS's response in SCCRP and refuses. */
	assert_int_equal(h_wire_count(&p, LAC, L2TP_MSG_STOPCCN, &result), 1);
	assert_int_equal(result, L2TP_STOP_NOT_AUTHORIZED);
	assert_int_equal(p.n[LAC].n_tunnel_up, 0);
	assert_int_equal(p.n[LAC].n_tunnel_down, 1);
	assert_int_equal(p.n[LAC].last_tdown.result, 4);
	assert_false(p.n[LAC].last_tdown.by_peer);
	assert_int_equal(p.n[LNS].n_tunnel_up, 0);
	assert_true(fake_log_has(&p.n[LAC].fl, "Tunnel Authentication "
					       "failure"));
	/* Both hold the state for the retransmission cycle, then forget. */
	h_run(&p, 32000);
	{
		unsigned nt, ns;

		l2tp_count(p.n[LAC].l2tp, &nt, &ns);
		assert_int_equal(nt, 0);
		l2tp_count(p.n[LNS].l2tp, &nt, &ns);
		assert_int_equal(nt, 0);
	}
	h_fini(&p);
}

static void test_lns_requires_auth(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	uint16_t result = 0;

	(void)state;
	h_init(&p, 3);
	/* The LNS challenges, the LAC has no secret: it cannot answer and
	 * clears with Result 4 itself. */
	up_tunnel(&p, NULL, "l2tptunnel", &t);
	assert_int_equal(h_wire_count(&p, LAC, L2TP_MSG_STOPCCN, &result), 1);
	assert_int_equal(result, L2TP_STOP_NOT_AUTHORIZED);
	assert_int_equal(p.n[LNS].n_tunnel_up, 0);
	h_fini(&p);
}

static void test_refused_sccrq(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	uint16_t result = 0;
	struct l2tp_stats st;

	(void)state;
	h_init(&p, 4);
	p.n[LNS].accept = false;
	up_tunnel(&p, NULL, NULL, &t);
	assert_int_equal(h_wire_count(&p, LNS, L2TP_MSG_STOPCCN, &result), 1);
	assert_int_equal(result, L2TP_STOP_NOT_AUTHORIZED);
	assert_int_equal(p.n[LAC].n_tunnel_down, 1);
	assert_true(p.n[LAC].last_tdown.by_peer);
	l2tp_get_stats(p.n[LNS].l2tp, &st);
	assert_int_equal(st.tunnels_refused, 1);
	h_fini(&p);
}

static void make_conn(struct l2tp_connect_info *c)
{
	static const uint8_t lcp[] = {0x03, 0x05, 0xC2, 0x23, 0x05, 0x05,
				      0x06, 0x6B, 0xDE, 0x50, 0xCC};

	memset(c, 0, sizeof(*c));
	c->tx_speed_bps = 64000;
	c->framing_type = L2TP_FRAMING_SYNC;
	c->lcp_initial_rx.p = lcp;
	c->lcp_initial_rx.len = sizeof(lcp);
	c->lcp_last_tx.p = lcp;
	c->lcp_last_tx.len = sizeof(lcp);
	c->lcp_last_rx.p = lcp;
	c->lcp_last_rx.len = sizeof(lcp);
	c->proxy_auth_type = L2TP_PROXY_AUTH_CHAP;
	c->proxy_auth_name.p = (const uint8_t *)"remote1@cisco.com";
	c->proxy_auth_name.len = 17;
	c->proxy_auth_challenge.p = (const uint8_t *)"0123456789abcdef";
	c->proxy_auth_challenge.len = 16;
	c->proxy_auth_id = 7;
	c->proxy_auth_response.p = (const uint8_t *)"SECRETRESPONSE!!";
	c->proxy_auth_response.len = 16;
}

static void test_200_incoming(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_connect_info c;
	struct l2tp_call_info call;
	unsigned nt, ns;

	(void)state;
	h_init(&p, 5);
	up_tunnel(&p, "l2tptunnel", "l2tptunnel", &t);
	make_conn(&c);
	memset(&call, 0, sizeof(call));
	snprintf(call.called, sizeof(call.called), "211");
	snprintf(call.calling, sizeof(call.calling), "6122");
	call.bearer_type = L2TP_BEARER_DIGITAL;
	for (int i = 0; i < 200; i++)
		assert_non_null(l2tp_session_incoming(t, &call, &c, NULL));
	h_run(&p, 3000);
	assert_int_equal(p.n[LNS].n_incoming, 200);
	assert_int_equal(p.n[LNS].n_connected, 200);
	assert_int_equal(p.n[LAC].n_reply, 200);
	assert_int_equal(p.n[LAC].n_connected, 200);
	assert_string_equal(p.n[LNS].last_called, "211");
	assert_string_equal(p.n[LNS].last_user, "remote1@cisco.com");
	assert_int_equal(p.n[LNS].last_proxy_type, L2TP_PROXY_AUTH_CHAP);
	assert_int_equal(p.n[LNS].last_lcp_len, 11);
	l2tp_count(p.n[LNS].l2tp, &nt, &ns);
	assert_int_equal(nt, 1);
	assert_int_equal(ns, 200);
	/* Distinct non-zero ids on both ends. */
	for (unsigned i = 0; i < 200; i++) {
		struct l2tp_session *s = p.n[LNS].connected[i];
		struct l2tp_session_status st;

		assert_non_null(s);
		assert_int_not_equal(l2tp_session_local_id(s), 0);
		assert_ptr_equal(l2tp_session_find(p.n[LNS].last_tunnel,
						   l2tp_session_local_id(s)),
				 s);
		l2tp_session_get_status(s, &st);
		assert_string_equal(st.state_short, "est");
		assert_string_equal(st.username, "remote1@cisco.com");
		assert_int_equal(st.call_type, L2TP_CALL_LNS_IC);
	}
	/* The proxy response never reaches the log. */
	assert_false(fake_log_has(&p.n[LAC].fl, "SECRETRESPONSE"));
	assert_false(fake_log_has(&p.n[LNS].fl, "SECRETRESPONSE"));
	h_fini(&p);
}

static void test_incoming_two_step_and_refusal(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_session *s;
	struct l2tp_call_info call;

	(void)state;
	h_init(&p, 6);
	up_tunnel(&p, NULL, NULL, &t);
	memset(&call, 0, sizeof(call));
	/* Without connect info: the glue connects from session_reply. */
	p.n[LAC].reply_connects = true;
	s = l2tp_session_incoming(t, &call, NULL, NULL);
	h_run(&p, 500);
	assert_int_equal(p.n[LAC].n_reply, 1);
	assert_int_equal(l2tp_session_state(s), L2TP_SESSION_ESTABLISHED);
	assert_int_equal(p.n[LNS].n_connected, 1);
	/* The LNS refuses the next one: CDN result 4, no ICRP. */
	p.n[LNS].incoming_rc = L2TP_CDN_TEMP_FACILITIES;
	l2tp_session_incoming(t, &call, NULL, NULL);
	h_run(&p, 500);
	assert_int_equal(p.n[LAC].n_down, 1);
	assert_int_equal(p.n[LAC].last_sdown.result, 4);
	assert_true(p.n[LAC].last_sdown.by_peer);
	h_fini(&p);
}

static void test_data_both_ways(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_session *lac, *lns;
	struct l2tp_connect_info c;
	static const uint8_t f1[] = {0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01};
	static const uint8_t f2[] = {0x00, 0x21, 0x45, 0x00};
	struct l2tp_session_status st;

	(void)state;
	h_init(&p, 7);
	up_tunnel(&p, NULL, NULL, &t);
	make_conn(&c);
	lac = l2tp_session_incoming(t, NULL, &c, NULL);
	assert_int_equal(l2tp_session_send(lac, f1, sizeof(f1)), -ENOTCONN);
	h_run(&p, 500);
	lns = p.n[LNS].last_session;
	assert_int_equal(l2tp_session_send(lac, f1, sizeof(f1)), 0);
	assert_int_equal(l2tp_session_send(lns, f2, sizeof(f2)), 0);
	h_run(&p, 50);
	assert_int_equal(p.n[LNS].n_data, 1);
	assert_int_equal(p.n[LNS].last_data_len, sizeof(f1));
	assert_memory_equal(p.n[LNS].last_data, f1, sizeof(f1));
	assert_int_equal(p.n[LAC].n_data, 1);
	assert_memory_equal(p.n[LAC].last_data, f2, sizeof(f2));
	l2tp_session_get_status(lns, &st);
	assert_int_equal(st.pkts_in, 1);
	assert_int_equal(st.bytes_in, sizeof(f1));
	assert_int_equal(st.pkts_out, 1);
	assert_false(st.sequencing);
	h_fini(&p);
}

static void test_data_sequencing(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_tunnel_cfg cfg;
	struct l2tp_session *lac, *lns;
	static const uint8_t f[] = {0xFF, 0x03, 0x00, 0x21};
	struct l2tp_session_status st;

	(void)state;
	h_init(&p, 8);
	h_cfg(&cfg, "LAC", NULL);
	cfg.data_sequencing = true;
	t = h_open(&p, LAC, &cfg);
	h_run(&p, 300);
	{
		struct l2tp_connect_info c = {.tx_speed_bps = 64000};

		lac = l2tp_session_incoming(t, NULL, &c, NULL);
	}
	h_run(&p, 300);
	lns = p.n[LNS].last_session;
	l2tp_session_get_status(lns, &st);
	assert_true(st.sequencing); /* Sequencing Required in the ICCN */
	for (int i = 0; i < 3; i++)
		l2tp_session_send(lac, f, sizeof(f));
	/* An old Ns is dropped: replay the first data datagram by hand. */
	h_run(&p, 50);
	assert_int_equal(p.n[LNS].n_data, 3);
	{
		uint8_t d[] = {0x08, 0x02, 0, 0, 0,    0,
			       0x00, 0x00, 0, 0, 0xFF, 0x03};
		uint16_t tid = l2tp_tunnel_local_id(p.n[LNS].last_tunnel);
		uint16_t sid = l2tp_session_local_id(lns);

		d[2] = (uint8_t)(tid >> 8);
		d[3] = (uint8_t)tid;
		d[4] = (uint8_t)(sid >> 8);
		d[5] = (uint8_t)sid;
		l2tp_input(p.n[LNS].l2tp, &p.n[LAC].addr, d, sizeof(d));
		assert_int_equal(p.n[LNS].n_data, 3);
		d[7] = 3; /* Ns 3: next in order */
		l2tp_input(p.n[LNS].l2tp, &p.n[LAC].addr, d, sizeof(d));
		assert_int_equal(p.n[LNS].n_data, 4);
		/* From another address: dropped. */
		d[7] = 4;
		{
			struct l2tp_peer bad = {.ip = 0x01020304, .port = 1701};

			l2tp_input(p.n[LNS].l2tp, &bad, d, sizeof(d));
		}
		assert_int_equal(p.n[LNS].n_data, 4);
	}
	h_fini(&p);
}

static void test_outgoing_success_and_failure(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel_cfg cfg;
	struct l2tp_tunnel *t, *lns_t;
	struct l2tp_session *s, *lac_s;
	struct l2tp_ocrq_info o;

	(void)state;
	h_init(&p, 9);
	h_cfg(&cfg, "LAC", "l2tptunnel");
	cfg.bearer_caps = L2TP_BEARER_DIGITAL; /* accept-dialout + dialer */
	h_cfg(&p.n[LNS].accept_cfg, "LNS", "l2tptunnel");
	t = h_open(&p, LAC, &cfg);
	h_run(&p, 300);
	lns_t = p.n[LNS].last_tunnel;
	assert_true(l2tp_tunnel_peer_can_dialout(lns_t));
	assert_false(l2tp_tunnel_peer_can_dialout(t));
	memset(&o, 0, sizeof(o));
	o.min_bps = 9600;
	o.max_bps = 64000;
	snprintf(o.called, sizeof(o.called), "6121");
	s = l2tp_session_outgoing(lns_t, &o, NULL);
	assert_non_null(s);
	h_run(&p, 300);
	assert_int_equal(p.n[LAC].n_ocrq, 1);
	assert_string_equal(p.n[LAC].last_called, "6121");
	lac_s = p.n[LAC].last_session;
	assert_int_equal(l2tp_session_state(lac_s),
			 L2TP_SESSION_WAIT_CS_ANSWER);
	assert_int_equal(l2tp_session_state(s), L2TP_SESSION_WAIT_CONNECT);
	l2tp_session_dialout_result(lac_s, true, NULL, 0, 0, 0, 0);
	h_run(&p, 300);
	assert_int_equal(l2tp_session_state(s), L2TP_SESSION_ESTABLISHED);
	assert_int_equal(p.n[LNS].n_connected, 1);
	assert_int_equal(p.n[LAC].n_connected, 1);
	/* A failing dial: CDN result 8 (busy) with a Q.931 cause. */
	s = l2tp_session_outgoing(lns_t, &o, NULL);
	h_run(&p, 300);
	lac_s = p.n[LAC].last_session;
	l2tp_session_dialout_result(lac_s, false, NULL, L2TP_CDN_BUSY, 0, 17,
				    0x5A);
	h_run(&p, 300);
	assert_int_equal(p.n[LNS].n_down, 1);
	assert_ptr_equal(p.n[LNS].last_session, s);
	assert_int_equal(p.n[LNS].last_sdown.result, L2TP_CDN_BUSY);
	assert_true(p.n[LNS].last_sdown.has_q931);
	assert_int_equal(p.n[LNS].last_sdown.q931_cause, 17);
	assert_int_equal(p.n[LNS].last_sdown.q931_msg, 0x5A);
	/* The LAC refuses when its glue says so. */
	p.n[LAC].ocrq_rc = L2TP_CDN_PERM_FACILITIES;
	l2tp_session_outgoing(lns_t, &o, NULL);
	h_run(&p, 300);
	assert_int_equal(p.n[LNS].n_down, 2);
	assert_int_equal(p.n[LNS].last_sdown.result, 5);
	/* No OCRQ toward a LAC without Bearer Capabilities. */
	assert_null(l2tp_session_outgoing(t, &o, NULL));
	h_fini(&p);
}

static void test_outgoing_before_tunnel_up(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel_cfg cfg;
	struct l2tp_tunnel *t;
	struct l2tp_session *s;
	struct l2tp_ocrq_info o;

	(void)state;
	h_init(&p, 10);
	/* The LNS opens toward a LAC with no bearer capability: the call
	 * waits for the tunnel, then fails with result 5. */
	h_cfg(&cfg, "LNS", NULL);
	memset(&o, 0, sizeof(o));
	snprintf(o.called, sizeof(o.called), "6121");
	t = h_open(&p, LNS, &cfg);
	s = l2tp_session_outgoing(t, &o, NULL);
	assert_non_null(s);
	assert_int_equal(l2tp_session_state(s), L2TP_SESSION_WAIT_TUNNEL);
	h_run(&p, 300);
	assert_int_equal(p.n[LNS].n_down, 1);
	assert_int_equal(p.n[LNS].last_sdown.result, 5);
	assert_int_equal(h_wire_count(&p, LNS, L2TP_MSG_OCRQ, NULL), 0);
	h_fini(&p);
}

static void test_teardown(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_session *a, *b;
	struct l2tp_connect_info c = {.tx_speed_bps = 64000};
	uint16_t result = 0, tid;

	(void)state;
	h_init(&p, 11);
	up_tunnel(&p, NULL, NULL, &t);
	a = l2tp_session_incoming(t, NULL, &c, NULL);
	b = l2tp_session_incoming(t, NULL, &c, NULL);
	h_run(&p, 300);
	/* CDN from the LAC: the LNS hears session_down, result 3. */
	l2tp_session_close(a, L2TP_CDN_ADMIN, 0, 0);
	h_run(&p, 300);
	assert_int_equal(h_wire_count(&p, LAC, L2TP_MSG_CDN, &result), 1);
	assert_int_equal(result, 3);
	assert_int_equal(p.n[LNS].n_down, 1);
	assert_int_equal(p.n[LNS].last_sdown.result, 3);
	assert_true(p.n[LNS].last_sdown.by_peer);
	assert_int_equal(p.n[LAC].n_down, 0); /* closed by its own glue */
	/* StopCCN from the LNS: the LAC loses b and the tunnel. */
	l2tp_tunnel_close(p.n[LNS].last_tunnel, L2TP_STOP_SHUTDOWN, 0);
	h_run(&p, 300);
	assert_int_equal(h_wire_count(&p, LNS, L2TP_MSG_STOPCCN, &result), 1);
	assert_int_equal(result, 6);
	assert_int_equal(p.n[LAC].n_down, 1);
	assert_ptr_equal(p.n[LAC].last_session, b);
	assert_int_equal(p.n[LAC].n_tunnel_down, 1);
	assert_int_equal(p.n[LAC].last_tdown.result, 6);
	assert_true(p.n[LAC].last_tdown.by_peer);
	assert_int_equal(p.n[LNS].n_tunnel_down, 0); /* its own close */
	assert_int_equal(p.n[LNS].n_down, 2);	     /* its session too */
	assert_int_equal(l2tp_tunnel_state(t), L2TP_TUNNEL_SHUTTING_DOWN);
	tid = l2tp_tunnel_local_id(t); /* t is gone after the hold */
	h_run(&p, 32000);
	assert_null(l2tp_tunnel_find(p.n[LAC].l2tp, tid));
	h_fini(&p);
}

static void test_tie_breaker(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel_cfg a, b;
	struct l2tp_tunnel *ta, *tb;
	struct l2tp_call_info call;
	struct l2tp_connect_info c = {.tx_speed_bps = 64000};
	unsigned n0, n1, s0, s1;

	(void)state;
	h_init(&p, 12);
	h_cfg(&a, "LAC", "pw");
	h_cfg(&b, "LNS", "pw");
	h_cfg(&p.n[LAC].accept_cfg, "LAC", "pw");
	h_cfg(&p.n[LNS].accept_cfg, "LNS", "pw");
	memset(&call, 0, sizeof(call));
	ta = h_open(&p, LAC, &a);
	tb = h_open(&p, LNS, &b);
	assert_non_null(l2tp_session_incoming(ta, &call, &c, NULL));
	h_run(&p, 1000);
	l2tp_count(p.n[LAC].l2tp, &n0, &s0);
	l2tp_count(p.n[LNS].l2tp, &n1, &s1);
	assert_int_equal(n0, 1);
	assert_int_equal(n1, 1);
	/* Exactly one side lost and was told; the session survived on the
	 * surviving tunnel and connected. */
	assert_int_equal(p.n[LAC].n_tunnel_down + p.n[LNS].n_tunnel_down, 1);
	assert_int_equal(p.n[LAC].n_tunnel_up, 1);
	assert_int_equal(p.n[LNS].n_tunnel_up, 1);
	assert_int_equal(p.n[LNS].n_connected, 1);
	assert_int_equal(s0, 1);
	(void)tb;
	h_fini(&p);
}

static void run_lossy(uint32_t seed)
{
	struct h_pair p;
	struct l2tp_tunnel_cfg cfg;
	struct l2tp_tunnel *t;
	struct l2tp_connect_info c;

	h_init(&p, seed);
	p.loss_pct = 10;
	p.dup_pct = 10;
	p.reorder_pct = 15;
	h_cfg(&cfg, "LAC", "l2tptunnel");
	cfg.hide_avps = true;
	cfg.hide_pad_max = 8;
	h_cfg(&p.n[LNS].accept_cfg, "LNS", "l2tptunnel");
	t = h_open(&p, LAC, &cfg);
	make_conn(&c);
	for (int i = 0; i < 30; i++)
		assert_non_null(l2tp_session_incoming(t, NULL, &c, NULL));
	/* Long enough for a message lost four times in a row (1+2+4+8 s). */
	h_run(&p, 40000);
	assert_int_equal(p.n[LAC].n_tunnel_up, 1);
	assert_int_equal(p.n[LNS].n_tunnel_up, 1);
	assert_int_equal(p.n[LNS].n_incoming, 30);
	assert_int_equal(p.n[LNS].n_connected, 30);
	assert_int_equal(p.n[LAC].n_connected, 30);
	assert_string_equal(p.n[LNS].last_user, "remote1@cisco.com");
	/* Close everything over the same network. */
	l2tp_tunnel_close(t, L2TP_STOP_CLEAR, 0);
	h_run(&p, 40000);
	assert_int_equal(p.n[LNS].n_tunnel_down, 1);
	assert_int_equal(p.n[LNS].n_down, 30);
	{
		unsigned nt, ns;

		l2tp_count(p.n[LAC].l2tp, &nt, &ns);
		assert_int_equal(nt + ns, 0);
		l2tp_count(p.n[LNS].l2tp, &nt, &ns);
		assert_int_equal(nt + ns, 0);
	}
	h_fini(&p);
}

static void test_lossy_network(void **state)
{
	(void)state;
	for (uint32_t seed = 100; seed < 110; seed++)
		run_lossy(seed);
}

static void test_sli_wen(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_session *lac;
	struct l2tp_connect_info c = {.tx_speed_bps = 64000};
	struct l2tp_wen_info w = {.crc = 3};

	(void)state;
	h_init(&p, 13);
	up_tunnel(&p, NULL, NULL, &t);
	lac = l2tp_session_incoming(t, NULL, &c, NULL);
	h_run(&p, 300);
	assert_int_equal(l2tp_session_send_sli(p.n[LNS].last_session,
					       0x000A0000, 0xFFFFFFFF),
			 0);
	assert_int_equal(l2tp_session_send_wen(lac, &w), 0);
	h_run(&p, 300);
	assert_int_equal(p.n[LAC].n_sli, 1);
	assert_int_equal(p.n[LAC].sli_send, 0x000A0000);
	assert_int_equal(p.n[LAC].sli_recv, 0xFFFFFFFF);
	assert_int_equal(p.n[LNS].n_wen, 1);
	h_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tunnel_auth_both_ways),
		cmocka_unit_test(test_wrong_secret),
		cmocka_unit_test(test_lns_requires_auth),
		cmocka_unit_test(test_refused_sccrq),
		cmocka_unit_test(test_200_incoming),
		cmocka_unit_test(test_incoming_two_step_and_refusal),
		cmocka_unit_test(test_data_both_ways),
		cmocka_unit_test(test_data_sequencing),
		cmocka_unit_test(test_outgoing_success_and_failure),
		cmocka_unit_test(test_outgoing_before_tunnel_up),
		cmocka_unit_test(test_teardown),
		cmocka_unit_test(test_tie_breaker),
		cmocka_unit_test(test_lossy_network),
		cmocka_unit_test(test_sli_wen),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
