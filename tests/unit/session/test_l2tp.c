/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the L2TP side of the PPP session (session/ppp_l2tp.c,
 * ppp/lcp_proxy.c, chap_start_proxy): seed 004's LAC (Serial0:17, which
 * forwards remote1@cisco.com after its CHAP Response) and LNS
 * (Virtual-Access2, which adopts the LAC's proxy LCP and verifies the
 * proxy CHAP Response), played against scripted peers with the seed's
 * LCP options (client MagicNumber 0xEB818699, the LAC's AuthProto CHAP +
 * MagicNumber 0x6BDE50CC).  The session under test is E[0] in capture
 * mode: every frame it sends is checked byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chap_md5.h"
#include "harness.h"

#define H(...)                                                                 \
	((const uint8_t[]){__VA_ARGS__}), sizeof((uint8_t[]){__VA_ARGS__})

#define SECRET "l2tp-s3cret"
#define USER "remote1@cisco.com"

/* The seed's option lists (no LCP header). */
static const uint8_t client_opts[] = {0x05, 0x06, 0xEB, 0x81, 0x86, 0x99};
static const uint8_t lac_opts[] = {0x03, 0x05, 0xC2, 0x23, 0x05, 0x05,
				   0x06, 0x6B, 0xDE, 0x50, 0xCC};
/* The LAC's challenge value (ours in the LAC tests). */
static const uint8_t lac_challenge[16] = {0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5,
					  0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB,
					  0xAC, 0xAD, 0xAE, 0xAF};

static uint32_t next_magic; /* what the random op gives for 4 octets */
static uint8_t next_id;	    /* ... for 1 octet (a CHAP Identifier) */

/* Scripted randomness: Magic-Numbers, CHAP Identifiers and challenge
 * values are the seed's. */
static void script_rnd(void *ctx, void *buf, size_t n)
{
	uint8_t *b = buf;

	(void)ctx;
	if (n == 4) {
		memcpy(buf, &next_magic, 4);
		return;
	}
	if (n == 1) {
		b[0] = next_id;
		return;
	}
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(i < sizeof(lac_challenge) ? lac_challenge[i]
							   : 0x55);
}

/* What ops->auth_forward and ops->forward_input saw. */
static struct ppp_proxy_auth fwd_pa;
static int fwd_calls;
static enum ppp_fwd_decision fwd_answer;
static uint8_t fwd_frame[256];
static size_t fwd_frame_len;
static int fwd_frames;
static struct ppp_proxy_lcp fwd_lcp;
static bool fwd_lcp_ok;

static enum ppp_fwd_decision auth_forward(void *ctx,
					  const struct ppp_proxy_auth *pa)
{
	struct end *e = ctx;

	fwd_calls++;
	fwd_pa = *pa;
	/* The owner builds its ICCN from here. */
	fwd_lcp_ok = ppp_session_proxy_lcp(e->s, &fwd_lcp);
	return fwd_answer;
}

static void forward_input(void *ctx, const uint8_t *frame, size_t len)
{
	(void)ctx;
	assert_true(len <= sizeof(fwd_frame));
	memcpy(fwd_frame, frame, len);
	fwd_frame_len = len;
	fwd_frames++;
}

static struct ppp_session_ops l2tp_ops;

static int setup(void **state)
{
	h_setup(state);
	h_add_user(USER, SECRET);
	h_capture = true;
	h_seen = 0;
	next_magic = 0x6BDE50CC;
	next_id = 7;
	memset(&fwd_pa, 0, sizeof(fwd_pa));
	fwd_calls = fwd_frames = 0;
	fwd_frame_len = 0;
	fwd_answer = PPP_FWD_FORWARD;
	memset(&fwd_lcp, 0, sizeof(fwd_lcp));
	fwd_lcp_ok = false;
	l2tp_ops = h_ops;
	l2tp_ops.random = script_rnd;
	l2tp_ops.auth_forward = auth_forward;
	l2tp_ops.forward_input = forward_input;
	return 0;
}

static int teardown(void **state)
{
	/* Secrets never reach the log; the user name's "cisco" may. */
	assert_false(fake_log_has(&fl, SECRET));
	fake_log_clear(&fl);
	return h_teardown(state);
}

/* ---- frame helpers ------------------------------------------------------- */

static void mem_eq(const uint8_t *got, const uint8_t *want, size_t n)
{
	assert_memory_equal(got, want, n);
}

static void feed(uint16_t proto, const uint8_t *pkt, size_t n)
{
	h_feed(proto, pkt, n);
	h_pump();
}

/* A Configure-* packet (code, id) around option list opts. */
static void feed_conf(uint8_t code, uint8_t id, const uint8_t *opts, size_t n)
{
	uint8_t pkt[300];

	pkt[0] = code;
	pkt[1] = id;
	pkt[2] = (uint8_t)((n + 4) >> 8);
	pkt[3] = (uint8_t)(n + 4);
	memcpy(pkt + 4, opts, n);
	feed(0xC021, pkt, n + 4);
}

static void expect_conf(uint8_t code, uint8_t id, const uint8_t *opts, size_t n)
{
	uint8_t pkt[300];

	pkt[0] = code;
	pkt[1] = id;
	pkt[2] = (uint8_t)((n + 4) >> 8);
	pkt[3] = (uint8_t)(n + 4);
	memcpy(pkt + 4, opts, n);
	h_expect_sent(0xC021, pkt, n + 4);
}

/* A CHAP Response (id, value, name) as the caller sends it. */
static size_t chap_response(uint8_t *pkt, uint8_t id, const uint8_t *value,
			    const char *name)
{
	size_t nlen = strlen(name);

	pkt[0] = 2;
	pkt[1] = id;
	pkt[2] = 0;
	pkt[3] = (uint8_t)(4 + 1 + 16 + nlen);
	pkt[4] = 16;
	memcpy(pkt + 5, value, 16);
	memcpy(pkt + 21, name, nlen);
	return 4 + 1 + 16 + nlen;
}

/* The exact lines, in this order (other lines may come between). */
static void expect_lines(const char *const *want, size_t n)
{
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		size_t k = from;

		while (k < fl.n && strcmp(fl.lines[k], want[i]) != 0)
			k++;
		if (k == fl.n) {
			fake_log_dump(&fl);
			fail_msg("missing or out of order: \"%s\"", want[i]);
		}
		from = k + 1;
	}
}

/* ---- LAC ----------------------------------------------------------------- */

/* Serial0:17 of seed 004: an ISDN B-channel (sync), passive open, `ppp
 * authentication chap`, `ppp chap hostname LAC`. */
static void lac_cfg(struct ppp_session_cfg *c, enum lcp_auth a)
{
	h_base_cfg(c, "Serial0:17", "Se0:17");
	lcp_cfg_default(&c->lcp, false);
	c->lcp.auth_require[0] = a;
	c->dir = PPP_DIR_CALLIN;
	c->passive = true;
	c->ipcp.local_addr = IP(18, 18, 18, 1);
	strcpy(c->chap_name, "LAC");
}

static void lac_start(enum lcp_auth a)
{
	struct ppp_session_cfg c;

	lac_cfg(&c, a);
	E[0].s = ppp_session_new(&c, &l2tp_ops, &E[0], aaa, &ts, &fl.lg);
	assert_non_null(E[0].s);
	ppp_session_start(E[0].s);
}

/* The seed's LCP exchange: the client's CONFREQ id 125, ours (id 1 here,
 * 7 in the seed) Acked. */
static void lac_lcp_up(void)
{
	feed_conf(1, 125, client_opts, sizeof(client_opts));
	expect_conf(1, 1, lac_opts, sizeof(lac_opts));
	expect_conf(2, 125, client_opts, sizeof(client_opts));
	feed_conf(2, 1, lac_opts, sizeof(lac_opts));
	assert_true(lcp_is_open(&E[0].s->lcp));
}

/* "CHAP: O CHALLENGE id 7 len 24 from "LAC"". */
static void lac_expect_challenge(void)
{
	size_t len;
	const uint8_t *p = h_next_sent(0xC223, &len);

	assert_int_equal(len, 24);
	mem_eq(p, H(1, 7, 0, 24, 16));
	assert_memory_equal(p + 5, lac_challenge, 16);
	assert_memory_equal(p + 21, "LAC", 3);
}

static void test_lac_chap_forward(void **state)
{
	static const uint8_t value[16] = {1, 2,	 3,  4,	 5,  6,	 7,  8,
					  9, 10, 11, 12, 13, 14, 15, 16};
	static const uint8_t ipcp[] = {0xff, 0x03, 0x80, 0x21, 0x01,
				       0x6E, 0x00, 0x0A, 0x03, 0x06,
				       0x11, 0x11, 0x11, 0x01};
	static const char *const lines[] = {
		"Se0:17 PPP: Phase is AUTHENTICATING, by this end",
		"Se0:17 CHAP: O CHALLENGE id 7 len 24 from \"LAC\"",
		"Se0:17 CHAP: I RESPONSE id 7 len 38 from \"" USER "\"",
		"Se0:17 PPP: Phase is FORWARDING",
	};
	struct ppp_session_status st;
	uint8_t pkt[64];
	size_t n;

	(void)state;
	lac_start(LCP_AUTH_CHAP_MD5);
	lac_lcp_up();
	lac_expect_challenge();
	n = chap_response(pkt, 7, value, USER);
	assert_int_equal(n, 38);
	feed(0xC223, pkt, n);

	/* The owner saw the caller's exact answer and our challenge. */
	assert_int_equal(fwd_calls, 1);
	assert_int_equal(fwd_pa.type, PPP_PROXY_AUTH_CHAP);
	assert_int_equal(fwd_pa.id, 7);
	assert_int_equal(fwd_pa.name_len, strlen(USER));
	assert_string_equal(fwd_pa.name, USER);
	assert_int_equal(fwd_pa.challenge_len, 16);
	assert_memory_equal(fwd_pa.challenge, lac_challenge, 16);
	assert_int_equal(fwd_pa.response_len, 16);
	assert_memory_equal(fwd_pa.response, value, 16);
	/* Proxy LCP, as the ICCN carries it: option octets, no header. */
	assert_true(fwd_lcp_ok);
	assert_true(fwd_lcp.initial_rcvd.present);
	assert_int_equal(fwd_lcp.initial_rcvd.len, sizeof(client_opts));
	assert_memory_equal(fwd_lcp.initial_rcvd.opts, client_opts,
			    sizeof(client_opts));
	assert_int_equal(fwd_lcp.last_sent.len, sizeof(lac_opts));
	assert_memory_equal(fwd_lcp.last_sent.opts, lac_opts, sizeof(lac_opts));
	assert_int_equal(fwd_lcp.last_rcvd.len, sizeof(client_opts));
	assert_memory_equal(fwd_lcp.last_rcvd.opts, client_opts,
			    sizeof(client_opts));
	expect_lines(lines, sizeof(lines) / sizeof(lines[0]));

	/* Frozen for show: FORWARDING, LCP Open, the caller's name. */
	ppp_session_status(E[0].s, &st);
	assert_int_equal(st.phase, PPP_PHASE_FORWARD);
	assert_string_equal(ppp_phase_name(st.phase), "FORWARDING");
	assert_true(st.lcp_open);
	assert_string_equal(st.peer_name, USER);
	h_expect_nothing();

	/* Later frames go to the owner untouched, nothing is answered. */
	ppp_session_input(E[0].s, ipcp, sizeof(ipcp));
	assert_int_equal(fwd_frames, 1);
	assert_int_equal(fwd_frame_len, sizeof(ipcp));
	assert_memory_equal(fwd_frame, ipcp, sizeof(ipcp));
	feed_conf(1, 126, client_opts, sizeof(client_opts));
	assert_int_equal(fwd_frames, 2);
	/* No timer fires: no keepalive, no retransmission, no timeout. */
	h_run_ms(3600 * 1000);
	h_expect_nothing();
	assert_int_equal(E[0].link_downs, 0);
	assert_true(lcp_is_open(&E[0].s->lcp));
	/* An owner that keeps the session frozen can still end it. */
	ppp_session_lower_down(E[0].s);
	assert_int_equal(E[0].link_downs, 1);
}

static void test_lac_forward_fail(void **state)
{
	static const uint8_t value[16] = {0};
	uint8_t pkt[64];
	size_t n;

	(void)state;
	lac_start(LCP_AUTH_CHAP_MD5);
	E[0].s->cfg.max_bad_auth = 3; /* does not apply to a failed tunnel */
	lac_lcp_up();
	lac_expect_challenge();
	n = chap_response(pkt, 7, value, USER);
	feed(0xC223, pkt, n);
	assert_int_equal(E[0].s->phase, PPP_PHASE_FORWARD);
	h_run_ms(60000);
	h_expect_nothing();
	ppp_session_forward_fail(E[0].s, "VPDN tunnel failed");
	/* "CHAP: O FAILURE id 7", then LCP Terminate-Request. */
	h_expect_sent(0xC223, H(4, 7, 0, 25, 'A', 'u', 't', 'h', 'e', 'n', 't',
			      'i', 'c', 'a', 't', 'i', 'o', 'n', ' ', 'f', 'a',
			      'i', 'l', 'e', 'd'));
	h_expect_sent(0xC021, H(5, 2, 0, 4));
	assert_true(fake_log_has(&fl, "Se0:17 PPP: Phase is TERMINATING"));
	feed(0xC021, H(6, 2, 0, 4));
	assert_int_equal(E[0].link_downs, 1);
	assert_string_equal(E[0].down_reason, "VPDN tunnel failed");
	/* Outside the Forward phase it does nothing. */
	ppp_session_forward_fail(E[0].s, "again");
	h_expect_nothing();
}

static void test_lac_local(void **state)
{
	uint8_t value[16], pkt[64];
	size_t n;

	(void)state;
	fwd_answer = PPP_FWD_LOCAL; /* the domain matches no vpdn-group */
	lac_start(LCP_AUTH_CHAP_MD5);
	lac_lcp_up();
	lac_expect_challenge();
	chap_md5_digest(7, (const uint8_t *)SECRET, strlen(SECRET),
			lac_challenge, 16, value);
	n = chap_response(pkt, 7, value, USER);
	feed(0xC223, pkt, n);
	assert_int_equal(fwd_calls, 1);
	h_run_ms(1); /* the AAA answer */
	h_expect_sent(0xC223, H(3, 7, 0, 4));
	assert_int_equal(E[0].s->phase, PPP_PHASE_NETWORK);
	assert_string_equal(E[0].s->peer_name, USER);
	assert_false(fake_log_has(&fl, "FORWARDING"));
	/* IPCP starts as usual. */
	{
		size_t len;
		const uint8_t *p = h_next_sent(0x8021, &len);
		assert_int_equal(p[0], 1);
	}
}

static void test_lac_pap_forward(void **state)
{
	static const uint8_t req[] = {1,   3,	0,   6 + 17 + 11, 17,  'r', 'e',
				      'm', 'o', 't', 'e',	  '1', '@', 'c',
				      'i', 's', 'c', 'o',	  '.', 'c', 'o',
				      'm', 11,	'l', '2',	  't', 'p', '-',
				      's', '3', 'c', 'r',	  'e', 't'};
	static const uint8_t pap_opts[] = {0x03, 0x04, 0xC0, 0x23, 0x05,
					   0x06, 0x6B, 0xDE, 0x50, 0xCC};

	(void)state;
	lac_start(LCP_AUTH_PAP);
	feed_conf(1, 125, client_opts, sizeof(client_opts));
	expect_conf(1, 1, pap_opts, sizeof(pap_opts));
	expect_conf(2, 125, client_opts, sizeof(client_opts));
	feed_conf(2, 1, pap_opts, sizeof(pap_opts));
	feed(0xC023, req, sizeof(req));
	assert_int_equal(fwd_calls, 1);
	assert_int_equal(fwd_pa.type, PPP_PROXY_AUTH_PAP);
	assert_int_equal(fwd_pa.id, 3);
	assert_string_equal(fwd_pa.name, USER);
	assert_int_equal(fwd_pa.response_len, strlen(SECRET));
	assert_memory_equal(fwd_pa.response, SECRET, strlen(SECRET));
	assert_int_equal(fwd_pa.challenge_len, 0);
	assert_int_equal(E[0].s->phase, PPP_PHASE_FORWARD);
	assert_true(fake_log_has(&fl, "Se0:17 PPP: Phase is FORWARDING"));
	h_run_ms(600000);
	h_expect_nothing();
	ppp_session_forward_fail(E[0].s, NULL);
	/* "PAP: O AUTH-NAK id 3", then LCP Terminate-Request. */
	h_expect_sent(0xC023, H(3, 3, 0, 26, 21, 'A', 'u', 't', 'h', 'e', 'n',
			      't', 'i', 'c', 'a', 't', 'i', 'o', 'n', ' ', 'f',
			      'a', 'i', 'l', 'e', 'd'));
	h_expect_sent(0xC021, H(5, 2, 0, 4));
	h_run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_string_equal(E[0].down_reason, "VPDN forwarding failed");
}

/* The Initial Received request differs from the Last Received one when
 * the LAC rejected something (the seed's Vi1 caller offers MRRU). */
static void test_lac_initial_differs(void **state)
{
	static const uint8_t first[] = {0x05, 0x06, 0xEB, 0x81, 0x86,
					0x99, 0x11, 0x04, 0x05, 0xF4};
	struct ppp_proxy_lcp pl;

	(void)state;
	lac_start(LCP_AUTH_CHAP_MD5);
	assert_false(ppp_session_proxy_lcp(E[0].s, &pl));
	assert_false(pl.initial_rcvd.present);
	feed_conf(1, 124, first, sizeof(first));
	expect_conf(1, 1, lac_opts, sizeof(lac_opts));
	expect_conf(4, 124, H(0x11, 0x04, 0x05, 0xF4));
	feed_conf(1, 125, client_opts, sizeof(client_opts));
	expect_conf(2, 125, client_opts, sizeof(client_opts));
	assert_false(ppp_session_proxy_lcp(E[0].s, &pl)); /* not Acked yet */
	feed_conf(2, 1, lac_opts, sizeof(lac_opts));
	assert_true(ppp_session_proxy_lcp(E[0].s, &pl));
	assert_int_equal(pl.initial_rcvd.len, sizeof(first));
	assert_memory_equal(pl.initial_rcvd.opts, first, sizeof(first));
	assert_int_equal(pl.last_rcvd.len, sizeof(client_opts));
	assert_memory_equal(pl.last_rcvd.opts, client_opts,
			    sizeof(client_opts));
	assert_int_equal(pl.last_sent.len, sizeof(lac_opts));
}

/* ---- LNS ----------------------------------------------------------------- */

/* Virtual-Access2 cloned from Virtual-Template1: `ip unnumbered
 * Loopback0`, `ppp chap hostname LNS`, `ppp authentication chap`. */
static void lns_cfg(struct ppp_session_cfg *c, enum lcp_auth a)
{
	h_base_cfg(c, "Virtual-Access2", "Vi2");
	lcp_cfg_default(&c->lcp, false);
	c->lcp.auth_require[0] = a;
	c->dir = PPP_DIR_CALLIN;
	c->passive = true;
	c->ipcp.local_addr = IP(18, 18, 18, 2);
	strcpy(c->chap_name, "LNS");
}

static void seed_proxy_lcp(struct ppp_proxy_lcp *pl, const uint8_t *sent,
			   size_t sent_len)
{
	memset(pl, 0, sizeof(*pl));
	pl->initial_rcvd.present = true;
	pl->initial_rcvd.len = sizeof(client_opts);
	memcpy(pl->initial_rcvd.opts, client_opts, sizeof(client_opts));
	pl->last_sent.present = true;
	pl->last_sent.len = (uint16_t)sent_len;
	memcpy(pl->last_sent.opts, sent, sent_len);
	pl->last_rcvd = pl->initial_rcvd;
}

/* The caller's CHAP answer to the LAC's challenge id 7, with `secret`. */
static void seed_proxy_chap(struct ppp_proxy_auth *pa, const char *secret)
{
	memset(pa, 0, sizeof(*pa));
	pa->type = PPP_PROXY_AUTH_CHAP;
	pa->id = 7;
	strcpy(pa->name, USER);
	pa->name_len = (uint16_t)strlen(USER);
	memcpy(pa->challenge, lac_challenge, 16);
	pa->challenge_len = 16;
	chap_md5_digest(7, (const uint8_t *)secret, strlen(secret),
			lac_challenge, 16, pa->response);
	pa->response_len = 16;
}

static void lns_start(const struct ppp_session_cfg *c,
		      const struct ppp_proxy_lcp *pl,
		      const struct ppp_proxy_auth *pa, unsigned flags)
{
	E[0].s = ppp_session_new(c, &l2tp_ops, &E[0], aaa, &ts, &fl.lg);
	assert_non_null(E[0].s);
	next_magic = 0x12345678; /* what LCP would pick itself */
	ppp_session_start_proxy(E[0].s, pl, pa, flags);
}

static void test_lns_proxy_accepted(void **state)
{
	static const char *const lines[] = {
		"Vi2 PPP: Using set call direction",
		"Vi2 PPP: Treating connection as a callin",
		"Vi2 PPP: Phase is ESTABLISHING, Passive Open",
		"Vi2 LCP: State is Listen",
		"Vi2 LCP: I FORCED CONFREQ len 11",
		"Vi2 LCP:    AuthProto CHAP (0x0305C22305)",
		"Vi2 LCP:    MagicNumber 0x6BDE50CC (0x05066BDE50CC)",
		"Vi2 VPDN: PPP LCP accepted rcv CONFACK",
		"Vi2 VPDN: PPP LCP accepted sent CONFACK",
		"Vi2 PPP: Phase is AUTHENTICATING, by this end",
		"Vi2 CHAP: O CHALLENGE id 8 len 24 from \"LNS\"",
		"Vi2 CHAP: I RESPONSE id 7 len 38 from \"" USER "\"",
		"Vi2 CHAP: O SUCCESS id 7 len 4",
		"Vi2 PPP: Phase is UP",
	};
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;
	struct ppp_proxy_auth pa;
	struct ppp_session_status st;
	uint8_t value[16], pkt[64];
	size_t len, n;
	const uint8_t *p;

	(void)state;
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	seed_proxy_lcp(&pl, lac_opts, sizeof(lac_opts));
	seed_proxy_chap(&pa, SECRET);
	lns_start(&c, &pl, &pa, 0);

	/* LCP Opened without any LCP packet: the first frame is our own
	 * CHAP Challenge, id = the proxy's + 1. */
	assert_true(lcp_is_open(&E[0].s->lcp));
	assert_false(fake_log_has(&fl, "LCP: O CONFREQ"));
	p = h_next_sent(0xC223, &len);
	assert_int_equal(len, 24);
	mem_eq(p, H(1, 8, 0, 24, 16));
	assert_memory_equal(p + 21, "LNS", 3);
	/* Our side is the LAC's, the peer's side the caller's. */
	assert_int_equal(E[0].s->lcp.neg.our_magic, 0x6BDE50CC);
	assert_int_equal(E[0].s->lcp.neg.peer_magic, 0xEB818699);
	assert_int_equal(E[0].s->lcp.neg.auth_by_us, LCP_AUTH_CHAP_MD5);
	assert_int_equal(E[0].s->lcp.neg.auth_by_peer, LCP_AUTH_NONE);
	assert_int_equal(E[0].s->lcp.neg.tx_mru, 1500);
	assert_int_equal(E[0].params_on, 1);

	/* The proxy Response is verified against the local user. */
	h_run_ms(1);
	h_expect_sent(0xC223, H(3, 7, 0, 4));
	ppp_session_status(E[0].s, &st);
	assert_int_equal(st.phase, PPP_PHASE_NETWORK);
	assert_string_equal(st.peer_name, USER);
	expect_lines(lines, sizeof(lines) / sizeof(lines[0]));
	/* IPCP starts: "IPCP: O CONFREQ id 1 len 10", Address 18.18.18.2. */
	h_expect_sent(0x8021, H(1, 1, 0, 10, 3, 6, 18, 18, 18, 2));

	/* A caller that also answers our Challenge gets Success for it
	 * (RFC 1994 §4.2) and the session stays up. */
	chap_md5_digest(8, (const uint8_t *)SECRET, strlen(SECRET),
			lac_challenge, 16, value);
	n = chap_response(pkt, 8, value, USER);
	feed(0xC223, pkt, n);
	h_expect_sent(0xC223, H(3, 8, 0, 4));
	/* The peer's IPCP proceeds as usual. */
	feed(0x8021, H(1, 110, 0, 10, 3, 6, 17, 17, 17, 1));
	h_expect_sent(0x8021, H(2, 110, 0, 10, 3, 6, 17, 17, 17, 1));
	feed(0x8021, H(2, 1, 0, 10, 3, 6, 18, 18, 18, 2));
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[0].peer, IP(17, 17, 17, 1));
	/* Echo keepalives carry the adopted Magic-Number. */
	h_run_ms(10000);
	p = h_next_sent(0xC021, &len);
	assert_int_equal(p[0], 9);
	mem_eq(p + 4, H(0x6B, 0xDE, 0x50, 0xCC));
	assert_int_equal(E[0].link_downs, 0);
	ppp_session_close(E[0].s, "test");
	h_run_ms(10000);
}

/* Our Challenge answered before the verdict: answered with it. */
static void test_lns_own_challenge_answered_early(void **state)
{
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;
	struct ppp_proxy_auth pa;
	uint8_t value[16], pkt[64];
	size_t len, n;

	(void)state;
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	seed_proxy_lcp(&pl, lac_opts, sizeof(lac_opts));
	seed_proxy_chap(&pa, SECRET);
	lns_start(&c, &pl, &pa, 0);
	h_next_sent(0xC223, &len);
	chap_md5_digest(8, (const uint8_t *)SECRET, strlen(SECRET),
			lac_challenge, 16, value);
	n = chap_response(pkt, 8, value, USER);
	feed(0xC223, pkt, n);
	h_expect_nothing(); /* the AAA answer is not in yet */
	h_run_ms(1);
	h_expect_sent(0xC223, H(3, 7, 0, 4));
	h_expect_sent(0xC223, H(3, 8, 0, 4));
	assert_int_equal(E[0].s->phase, PPP_PHASE_NETWORK);
}

static void test_lns_proxy_wrong_response(void **state)
{
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;
	struct ppp_proxy_auth pa;
	size_t len;

	(void)state;
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	seed_proxy_lcp(&pl, lac_opts, sizeof(lac_opts));
	seed_proxy_chap(&pa, "wrong");
	lns_start(&c, &pl, &pa, 0);
	h_next_sent(0xC223, &len); /* our Challenge */
	h_run_ms(1);
	h_expect_sent(0xC223, H(4, 7, 0, 25, 'A', 'u', 't', 'h', 'e', 'n', 't',
			      'i', 'c', 'a', 't', 'i', 'o', 'n', ' ', 'f', 'a',
			      'i', 'l', 'e', 'd'));
	h_expect_sent(0xC021, H(5, 1, 0, 4));
	h_run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_string_equal(E[0].down_reason, "Authentication failed");
	assert_int_equal(E[0].ip_ups, 0);
	assert_true(fake_log_has(&fl, "Virtual-Access2: PPP authentication "
				      "of peer \"" USER "\" failed"));
}

/* The renegotiation cases: a Configure-Request with our own options goes
 * out first, and the reason is logged. */
static void expect_renegotiation(const char *why)
{
	char line[160];
	size_t len;
	const uint8_t *p;

	snprintf(line, sizeof(line), "Vi2 VPDN: PPP LCP renegotiation: %s",
		 why);
	if (!fake_log_has(&fl, line)) {
		fake_log_dump(&fl);
		fail_msg("no \"%s\"", line);
	}
	assert_true(fake_log_has(&fl, "Vi2 PPP: Phase is ESTABLISHING, Active "
				      "Open"));
	assert_false(fake_log_has(&fl, "PPP LCP accepted"));
	p = h_next_sent(0xC021, &len);
	assert_int_equal(p[0], 1);
	assert_false(lcp_is_open(&E[0].s->lcp));
	assert_true(fake_log_has(&fl, "Vi2 LCP: O CONFREQ [Closed] id 1"));
}

static void test_lns_renegotiate_always(void **state)
{
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;
	struct ppp_proxy_auth pa;
	static const uint8_t ours[] = {0x03, 0x05, 0xC2, 0x23, 0x05, 0x05,
				       0x06, 0x12, 0x34, 0x56, 0x78};

	(void)state;
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	seed_proxy_lcp(&pl, lac_opts, sizeof(lac_opts));
	seed_proxy_chap(&pa, SECRET);
	lns_start(&c, &pl, &pa, PPP_PROXY_RENEG_ALWAYS);
	expect_renegotiation("lcp renegotiation always");
	/* Our own request, our own Magic-Number. */
	assert_memory_equal(h_sent[0].data + 8, ours, sizeof(ours));
	/* The caller renegotiates; the proxy answer is not used, CHAP
	 * challenges afresh. */
	feed_conf(2, 1, ours, sizeof(ours));
	feed_conf(1, 9, client_opts, sizeof(client_opts));
	expect_conf(2, 9, client_opts, sizeof(client_opts));
	assert_true(lcp_is_open(&E[0].s->lcp));
	{
		size_t len;
		const uint8_t *p = h_next_sent(0xC223, &len);
		assert_int_equal(p[0], 1);
		assert_int_equal(p[1], 7); /* chap_start_authenticator's */
	}
	assert_false(fake_log_has(&fl, "I RESPONSE"));
	h_run_ms(1);
	h_expect_nothing();
}

static void test_lns_on_mismatch(void **state)
{
	static const uint8_t pap_sent[] = {0x03, 0x04, 0xC0, 0x23, 0x05,
					   0x06, 0x6B, 0xDE, 0x50, 0xCC};
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;

	(void)state;
	/* `ppp authentication chap pap`: the LAC asked for PAP. */
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	c.lcp.auth_require[1] = LCP_AUTH_PAP;
	seed_proxy_lcp(&pl, pap_sent, sizeof(pap_sent));
	lns_start(&c, &pl, NULL, PPP_PROXY_RENEG_ON_MISMATCH);
	expect_renegotiation("authentication protocol mismatch");
}

/* Without `lcp renegotiation`, a PAP proxy the configuration allows is
 * adopted and the proxy PAP request verified ("PAP: O AUTH-ACK id 3"). */
static void test_lns_pap_proxy_accepted(void **state)
{
	static const uint8_t pap_sent[] = {0x03, 0x04, 0xC0, 0x23, 0x05,
					   0x06, 0x6B, 0xDE, 0x50, 0xCC};
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;
	struct ppp_proxy_auth pa;

	(void)state;
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	c.lcp.auth_require[1] = LCP_AUTH_PAP;
	seed_proxy_lcp(&pl, pap_sent, sizeof(pap_sent));
	memset(&pa, 0, sizeof(pa));
	pa.type = PPP_PROXY_AUTH_PAP;
	pa.id = 3;
	strcpy(pa.name, USER);
	pa.name_len = (uint16_t)strlen(USER);
	memcpy(pa.response, SECRET, strlen(SECRET));
	pa.response_len = (uint16_t)strlen(SECRET);
	lns_start(&c, &pl, &pa, 0);
	assert_true(lcp_is_open(&E[0].s->lcp));
	assert_true(fake_log_has(&fl, "Vi2 PAP: I AUTH-REQ id 3 len 34 from "
				      "\"" USER "\""));
	h_run_ms(1);
	h_expect_sent(0xC023, H(2, 3, 0, 5, 0));
	assert_int_equal(E[0].s->phase, PPP_PHASE_NETWORK);
	assert_string_equal(E[0].s->peer_name, USER);
}

/* We demand CHAP only: a PAP proxy is unacceptable whatever the flags. */
static void test_lns_pap_proxy_chap_demanded(void **state)
{
	static const uint8_t pap_sent[] = {0x03, 0x04, 0xC0, 0x23};
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;

	(void)state;
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	seed_proxy_lcp(&pl, pap_sent, sizeof(pap_sent));
	lns_start(&c, &pl, NULL, 0);
	expect_renegotiation("authentication protocol mismatch");
}

static void test_lns_malformed_spans(void **state)
{
	const struct {
		const uint8_t *sent;
		size_t sent_len;
		const uint8_t *rcvd;
		size_t rcvd_len;
		const char *why;
	} cases[] = {
		{(const uint8_t[]){0x03, 0x05, 0xC2}, 3, client_opts,
		 sizeof(client_opts), "malformed Last Sent CONFREQ"},
		{(const uint8_t[]){0x03, 0x05, 0xC2, 0x23, 0x80}, 5,
		 client_opts, sizeof(client_opts),
		 "unsupported authentication protocol"},
		{lac_opts, sizeof(lac_opts),
		 (const uint8_t[]){0x05, 0x06, 0xEB, 0x81, 0x86, 0x99, 0x11,
				   0x04, 0x05, 0xF4},
		 10, "unsupported option in Last Received CONFREQ"},
		{lac_opts, sizeof(lac_opts), (const uint8_t[]){0x05, 0x00}, 2,
		 "malformed Last Received CONFREQ"},
		{lac_opts, sizeof(lac_opts), lac_opts + 5, 6,
		 "equal Magic-Numbers"},
		{(const uint8_t[]){0x05, 0x06, 0x6B, 0xDE, 0x50, 0xCC}, 6,
		 client_opts, sizeof(client_opts),
		 "no authentication in proxy LCP"},
		{(const uint8_t[]){0x01, 0x04, 0x00, 0x20, 0x03, 0x05, 0xC2,
				   0x23, 0x05},
		 9, client_opts, sizeof(client_opts),
		 "MRU out of range in Last Sent CONFREQ"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ppp_session_cfg c;
		struct ppp_proxy_lcp pl;
		struct ppp_proxy_auth pa;

		lns_cfg(&c, LCP_AUTH_CHAP_MD5);
		seed_proxy_lcp(&pl, cases[i].sent, cases[i].sent_len);
		pl.last_rcvd.len = (uint16_t)cases[i].rcvd_len;
		memcpy(pl.last_rcvd.opts, cases[i].rcvd, cases[i].rcvd_len);
		seed_proxy_chap(&pa, SECRET);
		h_seen = h_nsent = 0;
		fake_log_clear(&fl);
		lns_start(&c, &pl, &pa, 0);
		expect_renegotiation(cases[i].why);
		ppp_session_free(E[0].s);
		E[0].s = NULL;
	}
	/* Absent spans, a length past the buffer, no proxy at all. */
	{
		struct ppp_session_cfg c;
		struct ppp_proxy_lcp pl;

		lns_cfg(&c, LCP_AUTH_CHAP_MD5);
		seed_proxy_lcp(&pl, lac_opts, sizeof(lac_opts));
		pl.last_rcvd.len = LCP_PROXY_OPTS_MAX + 1;
		h_seen = h_nsent = 0;
		fake_log_clear(&fl);
		lns_start(&c, &pl, NULL, 0);
		expect_renegotiation("proxy LCP too long");
		ppp_session_free(E[0].s);

		pl.last_rcvd.len = sizeof(client_opts);
		pl.last_sent.present = false;
		h_seen = h_nsent = 0;
		fake_log_clear(&fl);
		lns_start(&c, &pl, NULL, 0);
		expect_renegotiation("no proxy LCP");
		ppp_session_free(E[0].s);

		h_seen = h_nsent = 0;
		fake_log_clear(&fl);
		lns_start(&c, NULL, NULL, 0);
		expect_renegotiation("no proxy LCP");
	}
}

/* Proxy LCP adopted, no proxy authentication: a normal challenge. */
static void test_lns_no_proxy_auth(void **state)
{
	struct ppp_session_cfg c;
	struct ppp_proxy_lcp pl;
	struct ppp_proxy_auth pa;
	size_t len;
	const uint8_t *p;

	(void)state;
	lns_cfg(&c, LCP_AUTH_CHAP_MD5);
	seed_proxy_lcp(&pl, lac_opts, sizeof(lac_opts));
	lns_start(&c, &pl, NULL, 0);
	assert_true(lcp_is_open(&E[0].s->lcp));
	p = h_next_sent(0xC223, &len);
	assert_int_equal(p[0], 1);
	assert_int_equal(p[1], 7); /* chap_start_authenticator's random id */
	h_run_ms(1);
	assert_false(fake_log_has(&fl, "I RESPONSE"));
	assert_int_equal(E[0].s->phase, PPP_PHASE_AUTHENTICATE);

	/* Type 4 (none) while we demand CHAP: the same. */
	ppp_session_free(E[0].s);
	h_seen = h_nsent = 0;
	memset(&pa, 0, sizeof(pa));
	pa.type = PPP_PROXY_AUTH_NONE;
	lns_start(&c, &pl, &pa, 0);
	p = h_next_sent(0xC223, &len);
	assert_int_equal(p[0], 1);
	assert_true(fake_log_has(&fl, "Vi2 VPDN: proxy authentication not "
				      "usable, authenticating the peer"));
}

/* `ppp authentication chap callin` on a dial-out (seed 004, Vi1). */
static void test_callout_no_remote_auth(void **state)
{
	static const char *const lines[] = {
		"Vi1 PPP: Treating connection as a callout",
		"Vi1 PPP: Phase is ESTABLISHING, Active Open",
		"Vi1 PPP: No remote authentication for call-out",
		"Vi1 LCP: O CONFREQ [Closed] id 1 len 10",
		"Vi1 LCP:    MagicNumber 0x6F87121F (0x05066F87121F)",
	};
	struct ppp_session_cfg c;

	(void)state;
	h_base_cfg(&c, "Virtual-Access1", "Vi1");
	lcp_cfg_default(&c.lcp, false);
	c.lcp.auth_require[0] = LCP_AUTH_CHAP_MD5;
	c.auth_callin = true;
	c.dir = PPP_DIR_CALLOUT;
	next_magic = 0x6F87121F;
	E[0].s = ppp_session_new(&c, &l2tp_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	expect_lines(lines, sizeof(lines) / sizeof(lines[0]));
	expect_conf(1, 1, H(0x05, 0x06, 0x6F, 0x87, 0x12, 0x1F));
	ppp_session_free(E[0].s);

	/* The same interface answering a call demands CHAP. */
	h_seen = h_nsent = 0;
	fake_log_clear(&fl);
	c.dir = PPP_DIR_CALLIN;
	E[0].s = ppp_session_new(&c, &l2tp_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	assert_false(fake_log_has(&fl, "No remote authentication"));
	expect_conf(1, 1,
		    H(0x03, 0x05, 0xC2, 0x23, 0x05, 0x05, 0x06, 0x6F, 0x87,
		      0x12, 0x1F));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_lac_chap_forward),
		T(test_lac_forward_fail),
		T(test_lac_local),
		T(test_lac_pap_forward),
		T(test_lac_initial_differs),
		T(test_lns_proxy_accepted),
		T(test_lns_own_challenge_answered_early),
		T(test_lns_proxy_wrong_response),
		T(test_lns_renegotiate_always),
		T(test_lns_on_mismatch),
		T(test_lns_pap_proxy_accepted),
		T(test_lns_pap_proxy_chap_demanded),
		T(test_lns_malformed_spans),
		T(test_lns_no_proxy_auth),
		T(test_callout_no_remote_auth),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
