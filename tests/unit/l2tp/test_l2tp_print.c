/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_l2tp_print.c - the debug text of a LAC↔LNS exchange, line for line
 * as IOS 12.0 prints it in seed 004 (dial-in with tunnel authentication
 * both ways, then a dial-out), the per-AVP lines of `debug vpdn
 * l2x-packets` with secrets as lengths only, and the show snapshots.
 */
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

/* Each expected line must appear, exactly, after the previous one. */
static void expect_lines(const struct fake_log *fl, const char *const *want,
			 size_t n)
{
	size_t at = 0;

	for (size_t i = 0; i < n; i++) {
		bool found = false;

		for (; at < fl->n; at++) {
			if (strcmp(fl->lines[at], want[i]) == 0) {
				found = true;
				at++;
				break;
			}
		}
		if (!found) {
			fake_log_dump(fl);
			fail_msg("missing (in order): \"%s\"", want[i]);
		}
	}
}

static const char *const lac_lines[] = {
	"Tnl 45029 L2TP: SM State idle",
	"Tnl 45029 L2TP: O SCCRQ",
	"Tnl 45029 L2TP: Tunnel state change from idle to wait-ctl-reply",
	"Tnl 45029 L2TP: SM State wait-ctl-reply",
	"Tnl 45029 L2TP: I SCCRP from LNS",
	"Tnl 45029 L2TP: Got a challenge from remote peer, LNS",
	"Tnl 45029 L2TP: Got a response from remote peer, LNS",
	"Tnl 45029 L2TP: Tunnel Authentication success",
	"Tnl 45029 L2TP: Tunnel state change from wait-ctl-reply to "
	"established",
	"Tnl 45029 L2TP: O SCCCN to LNS tnlid 11407",
	"Tnl 45029 L2TP: SM State established",
	"Tnl/Cl 45029/291 L2TP: Session FS enabled",
	"Tnl/Cl 45029/291 L2TP: Session state change from idle to "
	"wait-for-tunnel",
	"Se0:17 Tnl/Cl 45029/291 L2TP: Create session",
	"Tnl 45029 L2TP: SM State established",
	"Se0:17 Tnl/Cl 45029/291 L2TP: O ICRQ to LNS 11407/0",
	"Se0:17 Tnl/Cl 45029/291 L2TP: Session state change from "
	"wait-for-tunnel to wait-reply",
	"Se0:17 Tnl/Cl 45029/291 L2TP: O ICCN to LNS 11407/303",
	"Se0:17 Tnl/Cl 45029/291 L2TP: Session state change from wait-reply "
	"to established",
	"Tnl 45029 L2TP: I OCRQ from LNS tnl 11407",
	"Tnl/Cl 45029/292 L2TP: Session FS enabled",
	"Tnl/Cl 45029/292 L2TP: New session created",
	"L2TP: Send OCRP",
	"Tnl/Cl 45029/292 L2TP: Session state change from idle to "
	"wait-cs-answer",
	"Se0:30 Tnl/Cl 45029/292 L2TP: Session state change from "
	"wait-cs-answer to established",
	"L2TP: Send OCCN",
};

static const char *const lns_lines[] = {
	"L2TP: I SCCRQ from LAC tnl 45029",
	"Tnl 11407 L2TP: Got a challenge in SCCRQ, LAC",
	"Tnl 11407 L2TP: New tunnel created for remote LAC, address "
	"18.18.18.1",
	"Tnl 11407 L2TP: O SCCRP to LAC tnlid 45029",
	"Tnl 11407 L2TP: Tunnel state change from idle to wait-ctl-reply",
	"Tnl 11407 L2TP: I SCCCN from LAC tnl 45029",
	"Tnl 11407 L2TP: Got a Challenge Response in SCCCN from LAC",
	"Tnl 11407 L2TP: Tunnel Authentication success",
	"Tnl 11407 L2TP: Tunnel state change from wait-ctl-reply to "
	"established",
	"Tnl 11407 L2TP: SM State established",
	"Tnl 11407 L2TP: I ICRQ from LAC tnl 45029",
	"Tnl/Cl 11407/303 L2TP: Session FS enabled",
	"Tnl/Cl 11407/303 L2TP: Session state change from idle to "
	"wait-connect",
	"Tnl/Cl 11407/303 L2TP: New session created",
	"Tnl/Cl 11407/303 L2TP: O ICRP to LAC 45029/291",
	"Tnl/Cl 11407/303 L2TP: I ICCN from LAC tnl 45029, cl 291",
	"Tnl/Cl 11407/303 L2TP: Session state change from wait-connect to "
	"established",
	"Tnl/Cl 11407/304 L2TP: Session FS enabled",
	"Tnl/Cl 11407/304 L2TP: Session state change from idle to "
	"wait-for-tunnel",
	"Tnl/Cl 11407/304 L2TP: Create dialout session",
	"Tnl 11407 L2TP: SM State established",
	"L2TP: O OCRQ",
	"Vi1 Tnl/Cl 11407/304 L2TP: Session state change from "
	"wait-for-tunnel to wait-reply",
	"Vi1 Tnl/Cl 11407/304 L2TP: I OCRP from LAC tnl 45029, cl 0",
	"Vi1 Tnl/Cl 11407/304 L2TP: Session state change from wait-reply to "
	"wait-connect",
	"Vi1 Tnl/Cl 11407/304 L2TP: I OCCN from LAC tnl 45029, cl 292",
	"Vi1 Tnl/Cl 11407/304 L2TP: Session state change from wait-connect "
	"to established",
};

static void set_ids(struct l2tp *l2tp, uint16_t a, uint16_t b, uint16_t c)
{
	l2tp->test_ids[0] = a;
	l2tp->test_ids[1] = b;
	l2tp->test_ids[2] = c;
	l2tp->test_nids = 3;
}

struct seed_run {
	struct h_pair p;
	struct l2tp_tunnel *t;
	struct l2tp_session *dial_in, *dial_out;
};

static void seed004(struct seed_run *r)
{
	struct h_pair *p = &r->p;
	struct l2tp_tunnel_cfg cfg;
	struct l2tp_call_info call;
	struct l2tp_connect_info conn;
	struct l2tp_ocrq_info o;
	static const uint8_t lcp[] = {0x03, 0x05, 0xC2, 0x23, 0x05, 0x05,
				      0x06, 0x6B, 0xDE, 0x50, 0xCC};

	h_init(p, 4);
	set_ids(p->n[LAC].l2tp, 45029, 291, 292);
	set_ids(p->n[LNS].l2tp, 11407, 303, 304);
	/* vpdn-group 1 on each side of seed 004. */
	h_cfg(&cfg, "LAC", "l2tptunnel");
	cfg.bearer_caps = L2TP_BEARER_DIGITAL; /* accept-dialout, dialer 1 */
	cfg.zlb_delay_ms = L2TP_ZLB_IMMEDIATE;
	h_cfg(&p->n[LNS].accept_cfg, "LNS", "l2tptunnel");
	r->t = h_open(p, LAC, &cfg);
	h_run(p, 200);
	memset(&call, 0, sizeof(call));
	snprintf(call.called, sizeof(call.called), "211");
	snprintf(call.ifname, sizeof(call.ifname), "Se0:17");
	memset(&conn, 0, sizeof(conn));
	conn.tx_speed_bps = 64000;
	conn.lcp_last_tx.p = lcp;
	conn.lcp_last_tx.len = sizeof(lcp);
	conn.proxy_auth_type = L2TP_PROXY_AUTH_CHAP;
	conn.proxy_auth_name.p = (const uint8_t *)"remote1@cisco.com";
	conn.proxy_auth_name.len = 17;
	conn.proxy_auth_id = 7;
	conn.proxy_auth_response.p = (const uint8_t *)"PROXYRESPONSE123";
	conn.proxy_auth_response.len = 16;
	r->dial_in = l2tp_session_incoming(r->t, &call, &conn, NULL);
	l2tp_session_set_username(r->dial_in, "remote1@cisco.com");
	h_run(p, 200);
	/* Dial-out: the LNS's Dialer2 toward remote2 via the LAC. */
	memset(&o, 0, sizeof(o));
	snprintf(o.called, sizeof(o.called), "6121");
	snprintf(o.ifname, sizeof(o.ifname), "Vi1");
	o.max_bps = 64000;
	l2tp_session_outgoing(p->n[LNS].last_tunnel, &o, NULL);
	h_run(p, 200);
	r->dial_out = p->n[LAC].last_session;
	l2tp_session_set_ifname(r->dial_out, "Se0:30");
	l2tp_session_dialout_result(r->dial_out, true, NULL, 0, 0, 0, 0);
	h_run(p, 200);
}

static void test_seed004_lines(void **state)
{
	struct seed_run r;

	(void)state;
	seed004(&r);
	expect_lines(&r.p.n[LAC].fl, lac_lines,
		     sizeof(lac_lines) / sizeof(lac_lines[0]));
	expect_lines(&r.p.n[LNS].fl, lns_lines,
		     sizeof(lns_lines) / sizeof(lns_lines[0]));
	h_fini(&r.p);
}

static void test_packets_hide_secrets(void **state)
{
	struct seed_run r;
	const struct fake_log *lns;

	(void)state;
	seed004(&r);
	lns = &r.p.n[LNS].fl;
	assert_true(fake_log_find(lns,
				  "Tnl 11407 L2TP: I SCCRQ, flg TLS, ver "
				  "2, len ",
				  0) >= 0);
	assert_true(fake_log_has(lns, "Tnl 11407 L2TP:     Host Name LAC"));
	assert_true(fake_log_has(lns, "Tnl 11407 L2TP:     Protocol Version "
				      "0x0100"));
	assert_true(fake_log_has(lns, "Tnl 11407 L2TP:     Challenge "
				      "Response (hidden), 16 octets"));
	assert_true(fake_log_has(lns, "Tnl 11407 L2TP:     Proxy Authen "
				      "Response (hidden), 16 octets"));
	assert_true(fake_log_has(lns, "Tnl 11407 L2TP:     Proxy Authen Name "
				      "remote1@cisco.com"));
	for (int i = 0; i < 2; i++) {
		assert_false(fake_log_has(&r.p.n[i].fl, "PROXYRESPONSE"));
		assert_false(fake_log_has(&r.p.n[i].fl, "l2tptunnel"));
	}
	h_fini(&r.p);
}

static void test_hidden_avps_on_the_wire(void **state)
{
	struct h_pair p;
	struct l2tp_tunnel_cfg cfg;
	struct l2tp_tunnel *t;
	struct l2tp_connect_info conn;
	bool saw_hidden = false;

	(void)state;
	h_init(&p, 21);
	h_cfg(&cfg, "LAC", "l2tptunnel");
	cfg.hide_avps = true;
	cfg.hide_pad_max = 16;
	h_cfg(&p.n[LNS].accept_cfg, "LNS", "l2tptunnel");
	t = h_open(&p, LAC, &cfg);
	memset(&conn, 0, sizeof(conn));
	conn.tx_speed_bps = 64000;
	conn.proxy_auth_type = L2TP_PROXY_AUTH_PAP;
	conn.proxy_auth_name.p =
		(const uint8_t *)"a-rather-long-user@example.com";
	conn.proxy_auth_name.len = 30;
	conn.proxy_auth_response.p = (const uint8_t *)"PASSWORDPASSWORD123";
	conn.proxy_auth_response.len = 19;
	l2tp_session_incoming(t, NULL, &conn, NULL);
	h_run(&p, 500);
	assert_string_equal(p.n[LNS].last_user,
			    "a-rather-long-user@example.com");
	/* The password is on the wire only encrypted. */
	for (size_t i = 0; i < p.nwire; i++) {
		const struct h_pkt *w = &p.wire[i];

		if (memmem(w->b, w->len, "PASSWORD", 8))
			fail_msg("cleartext password on the wire");
		if (w->len > 20 && w->b[19] == L2TP_MSG_ICCN)
			saw_hidden = true;
	}
	assert_true(saw_hidden);
	assert_true(fake_log_has(&p.n[LNS].fl,
				 "Proxy Authen Name (H) "
				 "a-rather-long-user@example.com"));
	h_fini(&p);
}

static bool count_tunnel(void *arg, struct l2tp_tunnel *t)
{
	struct l2tp_tunnel_status *st = arg;

	l2tp_tunnel_get_status(t, st);
	return true;
}

static bool grab_session(void *arg, struct l2tp_session *s)
{
	struct l2tp_session_status *st = arg;

	if (l2tp_session_local_id(s) == 291)
		l2tp_session_get_status(s, st);
	return true;
}

static void test_show_snapshot(void **state)
{
	struct seed_run r;
	struct l2tp_tunnel_status ts;
	struct l2tp_session_status ss;
	unsigned nt, ns;

	(void)state;
	seed004(&r);
	/* LAC#show vpdn: 45029 11407 LNS est 18.18.18.2 1701 2 */
	l2tp_count(r.p.n[LAC].l2tp, &nt, &ns);
	assert_int_equal(nt, 1);
	assert_int_equal(ns, 2);
	l2tp_foreach_tunnel(r.p.n[LAC].l2tp, count_tunnel, &ts);
	assert_int_equal(ts.local_id, 45029);
	assert_int_equal(ts.remote_id, 11407);
	assert_string_equal(ts.remote_name, "LNS");
	assert_string_equal(ts.state_short, "est");
	assert_string_equal(ts.state_name, "established");
	assert_int_equal(ts.peer.ip, H_IP_LNS);
	assert_int_equal(ts.peer.port, 1701);
	assert_int_equal(ts.sessions, 2);
	/* 291 303 45029 Se0:17 remote1@cisco.com est */
	memset(&ss, 0, sizeof(ss));
	l2tp_tunnel_foreach_session(r.t, grab_session, &ss);
	assert_int_equal(ss.local_id, 291);
	assert_int_equal(ss.remote_id, 303);
	assert_int_equal(ss.tunnel_local_id, 45029);
	assert_string_equal(ss.ifname, "Se0:17");
	assert_string_equal(ss.username, "remote1@cisco.com");
	assert_string_equal(ss.state_short, "est");
	assert_string_equal(ss.call_type_name, "LAC incoming");
	/* clear vpdn tunnel: StopCCN, the peer's sessions go. */
	l2tp_tunnel_close(r.t, L2TP_STOP_CLEAR, 0);
	h_run(&r.p, 200);
	assert_int_equal(r.p.n[LNS].n_down, 2);
	assert_int_equal(r.p.n[LNS].n_tunnel_down, 1);
	assert_true(fake_log_has(&r.p.n[LNS].fl,
				 "Tnl 11407 L2TP: I StopCCN from LAC tnl "
				 "45029"));
	assert_true(fake_log_has(&r.p.n[LNS].fl,
				 "Tnl 11407 L2TP: Result code(1): General "
				 "request to clear control connection"));
	h_fini(&r.p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed004_lines),
		cmocka_unit_test(test_packets_hide_secrets),
		cmocka_unit_test(test_hidden_avps_on_the_wire),
		cmocka_unit_test(test_show_snapshot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
