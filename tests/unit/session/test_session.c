/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the PPP session (session/ppp_session.c): two sessions
 * wired back to back through a frame queue on one fake clock, a server
 * (authenticator, address pool, AAA with local users) and a client
 * (`ip address negotiated`, CHAP/PAP peer).  Covers the phases, CHAP and
 * PAP, `ppp max-bad-auth`, pools, IP traffic, Protocol-Reject and the
 * discard rules of RFC 1661 §3, and ops->authenticated with
 * ppp_session_set_network (the network layer of a bound dialer profile).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"

static void test_chap_up_and_ip(void **state)
{
	struct ppp_session_cfg a, b;
	struct ppp_session_status st;
	static const uint8_t pkt[] = {0x45, 0, 0, 20, 1, 2, 3, 4, 64, 1,
				      0, 0, 10, 0, 0, 1, 10, 0, 0, 100};

	(void)state;
	h_server_cfg(&a, LCP_AUTH_CHAP_MD5);
	h_client_cfg(&b, "cisco");
	h_start_both(&a, &b);
	h_run_ms(5000);
	ppp_session_status(E[0].s, &st);
	assert_int_equal(st.phase, PPP_PHASE_NETWORK);
	assert_true(st.lcp_open && st.ipcp_open);
	assert_string_equal(st.peer_name, "bob");
	assert_int_equal(st.auth_by_us, LCP_AUTH_CHAP_MD5);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[1].ip_ups, 1);
	assert_int_equal(E[0].local, IP(10, 0, 0, 1));
	assert_int_equal(E[0].peer, IP(10, 0, 0, 100));
	assert_int_equal(E[1].local, IP(10, 0, 0, 100));
	assert_int_equal(E[1].peer, IP(10, 0, 0, 1));
	assert_int_equal(E[1].s->ipcp.neg.dns[0], IP(10, 0, 0, 53));
	assert_int_equal(E[0].mtu, 1500);
	assert_int_equal(E[0].params_on, 1);
	assert_true(E[0].lcp_frames_default_accm);
	assert_true(fake_log_has(&fl, "As1 PPP: Phase is AUTHENTICATING, by "
				      "this end"));
	assert_true(fake_log_has(&fl, "As1 PPP: Phase is AUTHENTICATING, by "
				      "the peer"));
	assert_true(fake_log_has(&fl, "As1 PPP: Phase is UP"));
	assert_true(fake_log_has(&fl, "As1 IPCP: Pool returned 10.0.0.100"));
	assert_true(fake_log_has(&fl, "%LINEPROTO-5-UPDOWN: Line protocol on "
				      "Interface Async1, changed state to "
				      "up"));
	/* IP both ways. */
	assert_int_equal(ppp_session_send_ip(E[0].s, pkt, sizeof(pkt)), 0);
	h_pump();
	assert_int_equal(E[1].last_ip_len, sizeof(pkt));
	assert_memory_equal(E[1].last_ip, pkt, sizeof(pkt));
	assert_int_equal(ppp_session_send_ip(E[1].s, pkt, sizeof(pkt)), 0);
	h_pump();
	assert_int_equal(E[0].last_ip_len, sizeof(pkt));
	/* Too big for the peer's MRU. */
	{
		static uint8_t big[1600];
		assert_int_equal(ppp_session_send_ip(E[0].s, big, 1501),
				 -EMSGSIZE);
	}
	/* Administrative close: both ends go down and the pool address
	 * comes back (checked in h_teardown). */
	ppp_session_close(E[0].s, "Admin");
	h_run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[0].ip_downs, 1);
	assert_int_equal(E[1].ip_downs, 1);
	assert_true(fake_log_has(&fl, "As1 IPCP: Remove route to 10.0.0.100"));
}

static void test_pap_up(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	h_server_cfg(&a, LCP_AUTH_PAP);
	h_client_cfg(&b, "cisco");
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[0].s->phase, PPP_PHASE_NETWORK);
	assert_string_equal(E[0].s->peer_name, "bob");
}

static void test_wrong_password_refused(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	h_server_cfg(&a, LCP_AUTH_CHAP_MD5);
	h_client_cfg(&b, "wrong");
	h_start_both(&a, &b);
	h_run_ms(15000);
	assert_int_equal(E[0].ip_ups, 0);
	assert_int_equal(E[0].link_downs, 1);
	assert_string_equal(E[0].down_reason, "Authentication failed");
	assert_int_equal(E[0].s->stats.auth_failures, 1);
	assert_true(fake_log_has(&fl, "Async1: PPP authentication of peer "
				      "\"bob\" failed"));
}

static void test_max_bad_auth_chap(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	h_server_cfg(&a, LCP_AUTH_CHAP_MD5);
	a.max_bad_auth = 2;
	h_client_cfg(&b, "wrong");
	h_start_both(&a, &b);
	h_run_ms(20000);
	/* Two retries allowed, the third failure ends the link. */
	assert_int_equal(E[0].s->stats.auth_failures, 3);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[0].ip_ups, 0);
}

static void test_max_bad_auth_pap(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	h_server_cfg(&a, LCP_AUTH_PAP);
	a.max_bad_auth = 1;
	h_client_cfg(&b, "wrong");
	h_start_both(&a, &b);
	h_run_ms(30000);
	assert_int_equal(E[0].s->stats.auth_failures, 2);
	assert_int_equal(E[0].link_downs, 1);
}

static void test_no_auth_needed(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	h_server_cfg(&a, LCP_AUTH_NONE);
	a.peer_pool[0] = '\0';
	a.peer_addr = IP(10, 0, 0, 7);
	h_client_cfg(&b, "cisco");
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_int_equal(E[1].local, IP(10, 0, 0, 7));
	assert_false(fake_log_has(&fl, "AUTHENTICATING"));
}

static void test_unknown_protocol_rejected_and_early_ncp_dropped(void **state)
{
	struct ppp_session_cfg a, b;
	static const uint8_t ccp[] = {0xFF, 0x03, 0x80, 0xFD,
				      0x01, 0x01, 0x00, 0x04};
	static const uint8_t ipcp_early[] = {0xFF, 0x03, 0x80, 0x21,
					     0x01, 0x01, 0x00, 0x04};
	static const uint8_t bad_hdr[] = {0xFF, 0x05, 0xC0, 0x21};

	(void)state;
	h_server_cfg(&a, LCP_AUTH_NONE);
	h_client_cfg(&b, "cisco");
	E[0].s = ppp_session_new(&a, &h_ops, &E[0], aaa, &ts, &fl.lg);
	/* Before LCP is up, anything but LCP is silently discarded. */
	ppp_session_start(E[0].s);
	ppp_session_input(E[0].s, ipcp_early, sizeof(ipcp_early));
	ppp_session_input(E[0].s, bad_hdr, sizeof(bad_hdr));
	assert_int_equal(E[0].s->stats.rx_discards, 2);
	E[1].s = ppp_session_new(&b, &h_ops, &E[1], aaa, &ts, &fl.lg);
	ppp_session_start(E[1].s);
	h_run_ms(3000);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_input(E[0].s, ccp, sizeof(ccp));
	assert_int_equal(E[0].s->stats.rx_protrej, 1);
	assert_true(fake_log_has(&fl, "As1 LCP: O PROTREJ [Open]"));
	h_pump();
	/* The peer saw the Protocol-Reject and stays up. */
	assert_int_equal(E[1].link_downs, 0);
}

static void test_lower_down(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	h_server_cfg(&a, LCP_AUTH_CHAP_MD5);
	h_client_cfg(&b, "cisco");
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_lower_down(E[0].s);
	assert_int_equal(E[0].ip_downs, 1);
	assert_int_equal(E[0].link_downs, 1);
	assert_string_equal(E[0].down_reason, "Lower layer down");
	assert_int_equal(E[0].s->phase, PPP_PHASE_DEAD);
	assert_true(fake_log_has(&fl, "changed state to down"));
}

static void test_silent_peer_gives_up(void **state)
{
	struct ppp_session_cfg a;

	(void)state;
	h_server_cfg(&a, LCP_AUTH_CHAP_MD5);
	drop_all = true;
	E[0].s = ppp_session_new(&a, &h_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	h_run_ms(60000);
	/* Max-Configure (10) requests, then LCP finishes. */
	assert_int_equal(E[0].frames_sent, 10);
	assert_int_equal(E[0].link_downs, 1);
}

static void test_pool_exhausted(void **state)
{
	struct ppp_session_cfg a, b;
	uint32_t x, y;

	(void)state;
	assert_true(pool_alloc(pool, &x));
	assert_true(pool_alloc(pool, &y));
	h_server_cfg(&a, LCP_AUTH_NONE);
	h_client_cfg(&b, "cisco");
	h_start_both(&a, &b);
	h_run_ms(30000);
	assert_int_equal(E[0].ip_ups, 0);
	assert_true(fake_log_has(&fl, "pool 'default' exhausted"));
	pool_release(pool, x);
	pool_release(pool, y);
}

/* ---- ops->authenticated and ppp_session_set_network (dialer profiles:
 * the call takes the bound profile's IP parameters) ---- */

static struct {
	int calls;
	char name[64];
	int set_rc;
} authd;

static void authenticated(void *ctx, const char *peer_name)
{
	struct end *e = ctx;
	struct ppp_session_cfg prof;

	authd.calls++;
	snprintf(authd.name, sizeof(authd.name), "%s", peer_name);
	/* The profile's parameters: its own address, the peer's fixed. */
	h_base_cfg(&prof, "Dialer2", "Di2");
	prof.ip = true;
	prof.ipcp.local_addr = IP(10, 2, 2, 1);
	prof.peer_addr = IP(10, 2, 2, 2);
	authd.set_rc = ppp_session_set_network(e->s, &prof);
}

static void test_network_parameters_after_authentication(void **state)
{
	static struct ppp_session_ops ops;
	struct ppp_session_cfg a, b, late;
	struct ppp_session_status st;

	(void)state;
	memset(&authd, 0, sizeof(authd));
	/* A physical interface without an IP address: alone, it would
	 * Protocol-Reject IPCP. */
	h_server_cfg(&a, LCP_AUTH_CHAP_MD5);
	a.ip = false;
	a.ipcp.local_addr = 0;
	a.peer_pool[0] = '\0';
	h_client_cfg(&b, "cisco");
	ops = h_ops;
	ops.authenticated = authenticated;
	E[0].s = ppp_session_new(&a, &ops, &E[0], aaa, &ts, &fl.lg);
	E[1].s = ppp_session_new(&b, &h_ops, &E[1], aaa, &ts, &fl.lg);
	assert_non_null(E[0].s);
	assert_non_null(E[1].s);
	ppp_session_start(E[0].s);
	ppp_session_start(E[1].s);
	h_run_ms(5000);
	assert_int_equal(authd.calls, 1);
	assert_string_equal(authd.name, "bob");
	assert_int_equal(authd.set_rc, 0);
	ppp_session_status(E[0].s, &st);
	assert_true(st.ipcp_open);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[0].local, IP(10, 2, 2, 1));
	assert_int_equal(E[0].peer, IP(10, 2, 2, 2));
	assert_int_equal(E[1].local, IP(10, 2, 2, 2));
	assert_int_equal(E[1].peer, IP(10, 2, 2, 1));
	assert_int_equal(E[0].s->stats.rx_protrej, 0);
	assert_false(fake_log_has(&fl, "As1 LCP: O PROTREJ"));
	/* Too late once the Network phase runs: nothing changes. */
	h_base_cfg(&late, "Dialer1", "Di1");
	late.ip = false;
	assert_int_equal(ppp_session_set_network(E[0].s, &late), -EBUSY);
	assert_true(E[0].s->cfg.ip);
	assert_int_equal(E[0].s->cfg.ipcp.local_addr, IP(10, 2, 2, 1));
	/* Not called again while the call lasts. */
	h_run_ms(5000);
	assert_int_equal(authd.calls, 1);
}

static void test_authenticated_without_authentication(void **state)
{
	static struct ppp_session_ops ops;
	struct ppp_session_cfg a, b;

	(void)state;
	memset(&authd, 0, sizeof(authd));
	h_server_cfg(&a, LCP_AUTH_NONE);
	h_client_cfg(&b, "cisco");
	ops = h_ops;
	ops.authenticated = authenticated;
	E[0].s = ppp_session_new(&a, &ops, &E[0], aaa, &ts, &fl.lg);
	E[1].s = ppp_session_new(&b, &h_ops, &E[1], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	ppp_session_start(E[1].s);
	h_run_ms(5000);
	/* No name to bind by, still told once before the Network phase. */
	assert_int_equal(authd.calls, 1);
	assert_string_equal(authd.name, "");
	assert_int_equal(E[0].local, IP(10, 2, 2, 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chap_up_and_ip, h_setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(test_pap_up, h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_wrong_password_refused,
						h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_max_bad_auth_chap, h_setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(test_max_bad_auth_pap, h_setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(test_no_auth_needed, h_setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(
			test_unknown_protocol_rejected_and_early_ncp_dropped,
			h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(test_lower_down, h_setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(test_silent_peer_gives_up,
						h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(
			test_network_parameters_after_authentication, h_setup,
			h_teardown),
		cmocka_unit_test_setup_teardown(
			test_authenticated_without_authentication, h_setup,
			h_teardown),
		cmocka_unit_test_setup_teardown(test_pool_exhausted, h_setup,
						h_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
