/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_session_proxy - the L2TP side of a PPP session (RFC 2661 §4.4.5)
 * with fuzzed input.  LNS role: ppp_session_start_proxy() with fuzzed
 * proxy LCP spans (Last Sent / Last Received CONFREQ, lengths up to one
 * past the buffer), fuzzed proxy authentication (type, id, name,
 * challenge, response) and `lcp renegotiation` flags, then arbitrary
 * frames and clock steps.  LAC role: an authenticator whose owner
 * forwards or authenticates locally (ops->auth_forward), relays frames in
 * the Forward phase and may fail the forwarding.  Checks that nothing
 * crashes, leaks or leaves a pool address behind, that a forwarded
 * session answers nothing, and that proxy LCP read back from a LAC is
 * within its bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aaa.h"
#include "fuzz_session_common.h"

static struct ppp_session *g_sess;
static uint8_t g_decision;   /* LAC: bit 0 forward */
static bool g_forwarded;     /* entered the Forward phase */
static size_t g_sent_frozen; /* frames sent while forwarding */

static void send_frame(void *ctx, const uint8_t *f, size_t n, bool lcp)
{
	(void)ctx;
	(void)f;
	(void)n;
	(void)lcp;
	if (g_sess && g_sess->phase == PPP_PHASE_FORWARD)
		g_sent_frozen++;
}

static void down(void *ctx, const char *r)
{
	(void)ctx;
	if (!r)
		abort(); /* link_down always has a reason */
}

static enum ppp_fwd_decision auth_forward(void *ctx,
					  const struct ppp_proxy_auth *pa)
{
	struct ppp_proxy_lcp pl;

	(void)ctx;
	if (pa->name_len > PPP_PROXY_VALUE_MAX ||
	    pa->challenge_len > PPP_PROXY_VALUE_MAX ||
	    pa->response_len > PPP_PROXY_VALUE_MAX ||
	    strlen(pa->name) != pa->name_len ||
	    (pa->type != PPP_PROXY_AUTH_CHAP && pa->type != PPP_PROXY_AUTH_PAP))
		abort();
	ppp_session_proxy_lcp(g_sess, &pl);
	if (pl.initial_rcvd.len > LCP_PROXY_OPTS_MAX ||
	    pl.last_sent.len > LCP_PROXY_OPTS_MAX ||
	    pl.last_rcvd.len > LCP_PROXY_OPTS_MAX)
		abort();
	if (g_decision & 1) {
		g_forwarded = true;
		return PPP_FWD_FORWARD;
	}
	return PPP_FWD_LOCAL;
}

static void forward_input(void *ctx, const uint8_t *f, size_t n)
{
	(void)ctx;
	(void)f;
	(void)n;
}

static const struct ppp_session_ops ops = {
	.send_frame = send_frame,
	.link_params = params,
	.ip_up = ipup,
	.ip_down = ipdown,
	.ip_input = ipin,
	.link_down = down,
	.random = rnd,
	.pool_alloc = palloc,
	.pool_release = prelease,
	.auth_forward = auth_forward,
	.forward_input = forward_input,
};

/* A span: one length octet (up to one past the buffer: 255 + 2 with the
 * extra bit) then that many octets, short input giving fewer. */
static void take_span(struct rd *r, struct lcp_proxy_span *sp)
{
	uint8_t n = 0, flags = 0;

	rd_u8(r, &flags);
	rd_u8(r, &n);
	sp->present = !(flags & 1);
	if (n > rd_left(r))
		n = (uint8_t)rd_left(r);
	rd_bytes(r, sp->opts, n);
	sp->len = n;
	if (flags & 2)
		sp->len = LCP_PROXY_OPTS_MAX + 1; /* a bad length field */
}

static void take_value(struct rd *r, uint8_t *dst, uint16_t *len)
{
	uint8_t n = 0;

	rd_u8(r, &n);
	if (n > rd_left(r))
		n = (uint8_t)rd_left(r);
	rd_bytes(r, dst, n);
	*len = n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timers ts;
	struct logger log = {
		.sink = sink, .debug = ~(uint64_t)0, .level = LOG_LVL_DEBUG};
	struct aaa *aaa;
	struct aaa_db *db = calloc(1, sizeof(*db));
	struct ppp_session_cfg cfg;
	struct ppp_proxy_lcp pl;
	struct ppp_proxy_auth pa;
	struct rd r = rd_init(data, size);
	uint64_t now = 0;
	uint8_t mode = 0;

	/* mode: bit 0 LAC (else LNS), 1 PAP required (else CHAP), 2 both
	 * CHAP and PAP allowed, 3 no authentication required, 4/5 the
	 * `lcp renegotiation` flags, 6 no proxy LCP, 7 no proxy
	 * authentication.  LAC: bit 4 forwards, bit 5 fails the forwarding
	 * on the first clock step. */
	rd_u8(&r, &mode);
	g_decision = mode & 0x10 ? 1 : 0;
	g_forwarded = false;
	g_sent_frozen = 0;
	timers_init(&ts, 0);
	aaa = aaa_new(&ts, &log);
	db->users = calloc(1, sizeof(*db->users));
	db->n_users = 1;
	strcpy(db->users[0].name, "remote1@cisco.com");
	strcpy(db->users[0].password, "pw");
	db->users[0].has_password = true;
	db->users[0].callback_rotary = -1;
	db->users[0].callback_line_first = db->users[0].callback_line_last = -1;
	aaa_set_db(aaa, db);
	g_pool = pool_new("p");
	pool_add_range(g_pool, 0x0a000002, 0x0a000003);
	memset(&cfg, 0, sizeof(cfg));
	strcpy(cfg.ifname, "Virtual-Access2");
	strcpy(cfg.ifshort, "Vi2");
	lcp_cfg_default(&cfg.lcp, mode & 1);
	cfg.lcp.auth_require[0] = mode & 2 ? LCP_AUTH_PAP : LCP_AUTH_CHAP_MD5;
	if (mode & 4)
		cfg.lcp.auth_require[1] =
			mode & 2 ? LCP_AUTH_CHAP_MD5 : LCP_AUTH_PAP;
	if (mode & 8)
		cfg.lcp.auth_require[0] = LCP_AUTH_NONE;
	cp_fsm_cfg_default(&cfg.fsm);
	cfg.dir = PPP_DIR_CALLIN;
	cfg.passive = true;
	cfg.ip = true;
	cfg.ipcp.local_addr = 0x0a000001;
	strcpy(cfg.peer_pool, "p");
	strcpy(cfg.chap_name, "LNS");
	strcpy(cfg.pap_user, "LNS");
	strcpy(cfg.pap_password, "pw");
	cfg.max_bad_auth = 1;
	cfg.auth_timeout_ms = 5000;
	cfg.auth_phase_ms = 20000;
	g_sess = ppp_session_new(&cfg, &ops, NULL, aaa, &ts, &log);

	if (mode & 1) {
		ppp_session_start(g_sess);
	} else {
		unsigned flags = 0;
		uint8_t type = 0, id = 0;

		memset(&pl, 0, sizeof(pl));
		take_span(&r, &pl.last_sent);
		take_span(&r, &pl.last_rcvd);
		pl.initial_rcvd = pl.last_rcvd;
		memset(&pa, 0, sizeof(pa));
		rd_u8(&r, &type);
		rd_u8(&r, &id);
		pa.type = type & 7;
		pa.id = id;
		take_value(&r, (uint8_t *)pa.name, &pa.name_len);
		take_value(&r, pa.challenge, &pa.challenge_len);
		take_value(&r, pa.response, &pa.response_len);
		if (mode & 0x10)
			flags |= PPP_PROXY_RENEG_ALWAYS;
		if (mode & 0x20)
			flags |= PPP_PROXY_RENEG_ON_MISMATCH;
		ppp_session_start_proxy(g_sess, mode & 0x40 ? NULL : &pl,
					mode & 0x80 ? NULL : &pa, flags);
	}
	while (rd_left(&r) >= 2) {
		uint8_t sel, len;
		struct rd f;

		rd_u8(&r, &sel);
		rd_u8(&r, &len);
		if (!rd_sub(&r, len < rd_left(&r) ? len : rd_left(&r), &f))
			break;
		switch (sel & 3) {
		case 0:
		case 1:
			ppp_session_input(g_sess, f.p, rd_left(&f));
			break;
		case 2:
			now += (uint64_t)(sel >> 2) * 250;
			timers_advance(&ts, now);
			if ((mode & 0x21) == 0x21 &&
			    g_sess->phase == PPP_PHASE_FORWARD)
				ppp_session_forward_fail(g_sess, "fuzz");
			break;
		case 3:
			if (sel & 4)
				ppp_session_send_ip(g_sess, f.p, rd_left(&f));
			else if (sel & 8)
				ppp_session_close(g_sess, "fuzz");
			else if (sel & 16)
				ppp_session_lower_down(g_sess);
			break;
		}
		if (g_sent_frozen)
			abort(); /* a forwarded session answered something */
	}
	ppp_session_free(g_sess);
	g_sess = NULL;
	if (g_pool->in_use != 0)
		abort(); /* an address leaked */
	pool_free(g_pool);
	aaa_free(aaa);
	timers_fini(&ts);
	return 0;
}
