/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the PPP session (session/ppp_session.c): two sessions
 * wired back to back through a frame queue on one fake clock, a server
 * (authenticator, address pool, AAA with local users) and a client
 * (`ip address negotiated`, CHAP/PAP peer).  Covers the phases, CHAP and
 * PAP, `ppp max-bad-auth`, pools, IP traffic, Protocol-Reject and the
 * discard rules of RFC 1661 §3.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "aaa.h"
#include "fake_log.h"
#include "pool.h"
#include "ppp_session.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define QMAX 256

struct frame {
	int to; /* 0 = A, 1 = B */
	size_t len;
	uint8_t data[1600];
};

struct end {
	struct ppp_session *s;
	int idx;
	int ip_ups, ip_downs, link_downs, params_on, params_off;
	uint32_t local, peer;
	uint16_t mtu;
	uint8_t last_ip[64];
	size_t last_ip_len;
	const char *down_reason;
	bool lcp_frames_default_accm;
	int frames_sent;
};

static struct timers ts;
static struct fake_log fl;
static struct frame queue[QMAX];
static size_t qhead, qtail;
static struct end E[2];
static struct aaa *aaa;
static struct pool *pool;
static uint32_t rnd_state = 1;
static bool drop_all;

static void q_push(int to, const uint8_t *data, size_t len)
{
	assert_true(qtail - qhead < QMAX);
	struct frame *f = &queue[qtail++ % QMAX];
	f->to = to;
	f->len = len;
	memcpy(f->data, data, len);
}

static void pump(void)
{
	for (int guard = 0; guard < 10000 && qhead != qtail; guard++) {
		struct frame *f = &queue[qhead++ % QMAX];
		if (E[f->to].s)
			ppp_session_input(E[f->to].s, f->data, f->len);
		timers_advance(&ts, ts.now_ms);
	}
}

/* Run the clock forward in steps, delivering frames between steps. */
static void run_ms(uint64_t ms)
{
	uint64_t end = ts.now_ms + ms;

	pump();
	while (ts.now_ms < end) {
		int64_t next = timers_next_ms(&ts);
		uint64_t t = next < 0 ? end : ts.now_ms + (uint64_t)next;
		if (t > end)
			t = end;
		if (t == ts.now_ms)
			t++;
		timers_advance(&ts, t);
		pump();
	}
}

static void send_frame(void *ctx, const uint8_t *frame, size_t len,
		       bool lcp)
{
	struct end *e = ctx;

	e->frames_sent++;
	if (lcp)
		e->lcp_frames_default_accm = true;
	if (!drop_all)
		q_push(1 - e->idx, frame, len);
}

static void link_params(void *ctx, const struct lcp_neg *neg)
{
	struct end *e = ctx;

	if (neg)
		e->params_on++;
	else
		e->params_off++;
}

static void ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct end *e = ctx;

	e->ip_ups++;
	e->local = local;
	e->peer = peer;
	e->mtu = mtu;
}

static void ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	(void)local;
	(void)peer;
	((struct end *)ctx)->ip_downs++;
}

static void ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	struct end *e = ctx;

	assert_true(len <= sizeof(e->last_ip));
	memcpy(e->last_ip, pkt, len);
	e->last_ip_len = len;
}

static void link_down(void *ctx, const char *reason)
{
	struct end *e = ctx;

	e->link_downs++;
	e->down_reason = reason;
}

static void rnd(void *ctx, void *buf, size_t n)
{
	uint8_t *b = buf;

	(void)ctx;
	for (size_t i = 0; i < n; i++) {
		rnd_state = rnd_state * 1103515245u + 12345u;
		b[i] = (uint8_t)(rnd_state >> 16);
	}
}

static bool p_alloc(void *ctx, const char *name, uint32_t *addr)
{
	(void)ctx;
	return strcmp(name, pool->name) == 0 && pool_alloc(pool, addr);
}

static void p_release(void *ctx, const char *name, uint32_t addr)
{
	(void)ctx;
	(void)name;
	pool_release(pool, addr);
}

static const struct ppp_session_ops ops = {
	.send_frame = send_frame,
	.link_params = link_params,
	.ip_up = ip_up,
	.ip_down = ip_down,
	.ip_input = ip_input,
	.link_down = link_down,
	.random = rnd,
	.pool_alloc = p_alloc,
	.pool_release = p_release,
};

static void base_cfg(struct ppp_session_cfg *c, const char *ifn,
		     const char *shortn)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->ifname, ifn);
	strcpy(c->ifshort, shortn);
	lcp_cfg_default(&c->lcp, true);
	cp_fsm_cfg_default(&c->fsm);
	c->ip = true;
	c->auth_timeout_ms = 10000;
	c->auth_phase_ms = 60000;
}

static void server_cfg(struct ppp_session_cfg *c, enum lcp_auth a)
{
	base_cfg(c, "Async1", "As1");
	c->lcp.auth_require[0] = a;
	c->ipcp.local_addr = IP(10, 0, 0, 1);
	c->ipcp.dns[0] = IP(10, 0, 0, 53);
	strcpy(c->peer_pool, "default");
	strcpy(c->chap_name, "nas");
}

static void client_cfg(struct ppp_session_cfg *c, const char *secret)
{
	base_cfg(c, "Async1", "As1");
	c->ipcp.local_negotiated = true;
	c->ipcp.want_dns = true;
	strcpy(c->chap_name, "bob");
	strcpy(c->chap_secret, secret);
	strcpy(c->pap_user, "bob");
	strcpy(c->pap_password, secret);
}

static void add_user(struct aaa_db *db, const char *name, const char *pw)
{
	struct aaa_user *u = &db->users[db->n_users++];

	memset(u, 0, sizeof(*u));
	strcpy(u->name, name);
	strcpy(u->password, pw);
	u->has_password = true;
	u->callback_rotary = -1;
	u->callback_line_first = u->callback_line_last = -1;
}

static int setup(void **state)
{
	struct aaa_db *db = calloc(1, sizeof(*db));

	(void)state;
	timers_init(&ts, 0);
	fake_log_init(&fl);
	qhead = qtail = 0;
	drop_all = false;
	memset(E, 0, sizeof(E));
	E[0].idx = 0;
	E[1].idx = 1;
	aaa = aaa_new(&ts, &fl.lg);
	db->users = calloc(4, sizeof(*db->users));
	add_user(db, "bob", "cisco");
	aaa_set_db(aaa, db);
	pool = pool_new("default");
	pool_add_range(pool, IP(10, 0, 0, 100), IP(10, 0, 0, 101));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++)
		ppp_session_free(E[i].s);
	aaa_free(aaa);
	assert_int_equal(pool->in_use, 0); /* addresses given back */
	pool_free(pool);
	timers_fini(&ts);
	assert_false(fake_log_has(&fl, "cisco"));
	fake_log_fini(&fl);
	return 0;
}

static void start_both(const struct ppp_session_cfg *a,
		       const struct ppp_session_cfg *b)
{
	E[0].s = ppp_session_new(a, &ops, &E[0], aaa, &ts, &fl.lg);
	E[1].s = ppp_session_new(b, &ops, &E[1], aaa, &ts, &fl.lg);
	assert_non_null(E[0].s);
	assert_non_null(E[1].s);
	ppp_session_start(E[0].s);
	ppp_session_start(E[1].s);
}

static void test_chap_up_and_ip(void **state)
{
	struct ppp_session_cfg a, b;
	struct ppp_session_status st;
	static const uint8_t pkt[] = {0x45, 0, 0, 20, 1, 2, 3, 4, 64, 1,
				      0, 0, 10, 0, 0, 1, 10, 0, 0, 100};

	(void)state;
	server_cfg(&a, LCP_AUTH_CHAP_MD5);
	client_cfg(&b, "cisco");
	start_both(&a, &b);
	run_ms(5000);
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
	pump();
	assert_int_equal(E[1].last_ip_len, sizeof(pkt));
	assert_memory_equal(E[1].last_ip, pkt, sizeof(pkt));
	assert_int_equal(ppp_session_send_ip(E[1].s, pkt, sizeof(pkt)), 0);
	pump();
	assert_int_equal(E[0].last_ip_len, sizeof(pkt));
	/* Too big for the peer's MRU. */
	{
		static uint8_t big[1600];
		assert_int_equal(ppp_session_send_ip(E[0].s, big, 1501),
				 -EMSGSIZE);
	}
	/* Administrative close: both ends go down and the pool address
	 * comes back (checked in teardown). */
	ppp_session_close(E[0].s, "Admin");
	run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[0].ip_downs, 1);
	assert_int_equal(E[1].ip_downs, 1);
	assert_true(fake_log_has(&fl, "As1 IPCP: Remove route to 10.0.0.100"));
}

static void test_pap_up(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server_cfg(&a, LCP_AUTH_PAP);
	client_cfg(&b, "cisco");
	start_both(&a, &b);
	run_ms(5000);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[0].s->phase, PPP_PHASE_NETWORK);
	assert_string_equal(E[0].s->peer_name, "bob");
}

static void test_wrong_password_refused(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server_cfg(&a, LCP_AUTH_CHAP_MD5);
	client_cfg(&b, "wrong");
	start_both(&a, &b);
	run_ms(15000);
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
	server_cfg(&a, LCP_AUTH_CHAP_MD5);
	a.max_bad_auth = 2;
	client_cfg(&b, "wrong");
	start_both(&a, &b);
	run_ms(20000);
	/* Two retries allowed, the third failure ends the link. */
	assert_int_equal(E[0].s->stats.auth_failures, 3);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[0].ip_ups, 0);
}

static void test_max_bad_auth_pap(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server_cfg(&a, LCP_AUTH_PAP);
	a.max_bad_auth = 1;
	client_cfg(&b, "wrong");
	start_both(&a, &b);
	run_ms(30000);
	assert_int_equal(E[0].s->stats.auth_failures, 2);
	assert_int_equal(E[0].link_downs, 1);
}

static void test_no_auth_needed(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server_cfg(&a, LCP_AUTH_NONE);
	a.peer_pool[0] = '\0';
	a.peer_addr = IP(10, 0, 0, 7);
	client_cfg(&b, "cisco");
	start_both(&a, &b);
	run_ms(5000);
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
	server_cfg(&a, LCP_AUTH_NONE);
	client_cfg(&b, "cisco");
	E[0].s = ppp_session_new(&a, &ops, &E[0], aaa, &ts, &fl.lg);
	/* Before LCP is up, anything but LCP is silently discarded. */
	ppp_session_start(E[0].s);
	ppp_session_input(E[0].s, ipcp_early, sizeof(ipcp_early));
	ppp_session_input(E[0].s, bad_hdr, sizeof(bad_hdr));
	assert_int_equal(E[0].s->stats.rx_discards, 2);
	E[1].s = ppp_session_new(&b, &ops, &E[1], aaa, &ts, &fl.lg);
	ppp_session_start(E[1].s);
	run_ms(3000);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_input(E[0].s, ccp, sizeof(ccp));
	assert_int_equal(E[0].s->stats.rx_protrej, 1);
	assert_true(fake_log_has(&fl, "As1 LCP: O PROTREJ [Open]"));
	pump();
	/* The peer saw the Protocol-Reject and stays up. */
	assert_int_equal(E[1].link_downs, 0);
}

static void test_lower_down(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server_cfg(&a, LCP_AUTH_CHAP_MD5);
	client_cfg(&b, "cisco");
	start_both(&a, &b);
	run_ms(5000);
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
	server_cfg(&a, LCP_AUTH_CHAP_MD5);
	drop_all = true;
	E[0].s = ppp_session_new(&a, &ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	run_ms(60000);
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
	server_cfg(&a, LCP_AUTH_NONE);
	client_cfg(&b, "cisco");
	start_both(&a, &b);
	run_ms(30000);
	assert_int_equal(E[0].ip_ups, 0);
	assert_true(fake_log_has(&fl, "pool 'default' exhausted"));
	pool_release(pool, x);
	pool_release(pool, y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chap_up_and_ip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_pap_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_password_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_max_bad_auth_chap, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_max_bad_auth_pap, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_no_auth_needed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_unknown_protocol_rejected_and_early_ncp_dropped,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_lower_down, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_silent_peer_gives_up,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pool_exhausted, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
