/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sess.c - one PPP client per call: nasd's ppp_session (src/session) as
 * a dial-in caller, its frames carried by the call's L2TP session.  It
 * opens LCP actively (RFC 1661 §3.4), demands no authentication, answers
 * the LNS's CHAP (RFC 1994) or PAP (RFC 1334) with --user/--password and
 * asks IPCP for 0.0.0.0 so that the LNS assigns the address (RFC 1332
 * §3.3).  LCP Echo-Requests are sent every --keepalive seconds and the
 * LNS's Echo-Replies counted (RFC 1661 §5.8): --hold uses them to tell a
 * live call from one that only looks up.
 *
 * With --proxy the call plays what a LAC reports after it has run LCP
 * and authentication with a real caller (RFC 2661 §4.4.5): the ICCN
 * carries the LAC's and the caller's Configure-Requests (proxy LCP) and
 * the caller's CHAP Response or PAP request (proxy authentication), and
 * the PPP client starts with that LCP already Opened
 * (ppp_session_start_proxy() with the two sides swapped: its "sent"
 * request is the caller's, its "received" one the LAC's), so an LNS that
 * adopts the proxy LCP sees no Configure-Request, and one that
 * renegotiates (l2tpns) gets answered as a caller would.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chap_md5.h"
#include "l2tp_codec.h"
#include "l2tpgen.h"
#include "rand.h"
#include "wr.h"

#define PPP_LCP 0xc021
#define LCP_ECHO_REQUEST 9
#define LCP_ECHO_REPLY 10
#define LCP_OPT_AUTH 3
#define LCP_OPT_MAGIC 5
#define CHAP_CHALLENGE_LEN 16
#define PPP_CHAP 0xc223
#define CHAP_CODE_CHALLENGE 1
#define CHAP_CODE_RESPONSE 2
#define CHAP_CODE_SUCCESS 3
#define CHAP_CODE_FAILURE 4
/* Our Response is repeated this often while no Success or Failure comes,
 * at most CHAP_RESPONSE_TRIES times. */
#define CHAP_RESPONSE_MS 3000
#define CHAP_RESPONSE_TRIES 10

/* ---- totals ---- */

void gen_sess_over(struct gen_sess *s, enum gen_sess_state st, const char *why)
{
	struct gen *gen = s->gen;
	enum gen_sess_state was = s->state;

	if (was == GEN_S_FAILED || was == GEN_S_DROPPED)
		return;
	if (gen->tearing) {
		s->state = GEN_S_DROPPED;
		return;
	}
	if (was == GEN_S_UP)
		gen->st.up--;
	else if (gen->pending)
		gen->pending--;
	/* Up once (IPCP may be renegotiating now): dropped, not failed. */
	if (s->up_ms) {
		st = GEN_S_DROPPED;
		gen->st.dropped++;
	} else {
		st = GEN_S_FAILED;
		gen->st.failed++;
	}
	s->state = st;
	s->why = why;
	if (!gen->st.first_failure)
		gen->st.first_failure = why;
	if (!gen->o.quiet && gen->st.failed + gen->st.dropped <= 10)
		fprintf(stderr, "l2tpgen: call %u %s: %s\n", s->idx + 1,
			st == GEN_S_DROPPED ? "dropped" : "failed", why);
	gen_check_setup(gen);
}

/* ---- the session's ops ---- */

static void op_send_frame(void *ctx, const uint8_t *frame, size_t len, bool lcp)
{
	struct gen_sess *s = ctx;

	(void)lcp; /* a sync link: no ACCM */
	if (s->ls)
		l2tp_session_send(s->ls, frame, len);
}

static void op_link_params(void *ctx, const struct lcp_neg *neg)
{
	(void)ctx;
	(void)neg;
}

static void op_ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct gen_sess *s = ctx;
	struct gen *gen = s->gen;

	(void)mtu;
	s->ip_local = local;
	s->ip_peer = peer;
	if (s->state != GEN_S_PPP && s->state != GEN_S_L2TP)
		return;
	s->state = GEN_S_UP;
	s->up_ms = timers_now(gen->ts);
	gen->st.up++;
	if (gen->pending)
		gen->pending--;
	gen_check_setup(gen);
}

static void op_ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	struct gen_sess *s = ctx;

	(void)local;
	(void)peer;
	/* IPCP renegotiating (RFC 1661 §4: a Configure-Request in Opened,
	 * e.g. the LNS's retransmission after our Ack was lost) is not the
	 * end of the call: it counts as down until IPCP opens again. */
	if (s->state == GEN_S_UP) {
		s->state = GEN_S_PPP;
		s->gen->st.up--;
		s->gen->st.ip_flaps++;
		s->gen->pending++;
	}
}

static void op_ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	gen_data_input(ctx, pkt, len);
}

static void op_link_down(void *ctx, const char *reason)
{
	struct gen_sess *s = ctx;

	gen_sess_over(s, GEN_S_FAILED, reason ? reason : "LCP down");
	/* PPP is over: so is the call. */
	if (s->ls) {
		struct l2tp_session *ls = s->ls;

		s->ls = NULL;
		l2tp_session_set_user(ls, NULL);
		l2tp_session_close(ls, L2TP_CDN_ADMIN, 0, 0);
	}
}

static void op_random(void *ctx, void *buf, size_t n)
{
	struct gen_sess *s = ctx;

	gen_random(s->gen, buf, n);
}

static bool op_pool_alloc(void *ctx, const char *pool, uint32_t *addr)
{
	(void)ctx;
	(void)pool;
	(void)addr;
	return false; /* a caller assigns no addresses */
}

static void op_pool_release(void *ctx, const char *pool, uint32_t addr)
{
	(void)ctx;
	(void)pool;
	(void)addr;
}

static const struct ppp_session_ops gen_ppp_ops = {
	.send_frame = op_send_frame,
	.link_params = op_link_params,
	.ip_up = op_ip_up,
	.ip_down = op_ip_down,
	.ip_input = op_ip_input,
	.link_down = op_link_down,
	.random = op_random,
	.pool_alloc = op_pool_alloc,
	.pool_release = op_pool_release,
};

/* ---- life ---- */

int gen_sess_create(struct gen_sess *s)
{
	const struct gen_opts *o = &s->gen->o;
	struct ppp_session_cfg c;
	char user[PPP_NAME_MAX];

	if (!gen_user_name(o, s->idx + 1, user, sizeof(user)))
		snprintf(user, sizeof(user), "user%u", s->idx + 1);
	memset(&c, 0, sizeof(c));
	snprintf(c.ifname, sizeof(c.ifname), "Call%u", s->idx + 1);
	snprintf(c.ifshort, sizeof(c.ifshort), "%s", s->ifshort);
	c.dir = PPP_DIR_CALLOUT;
	lcp_cfg_default(&c.lcp, false);
	c.lcp.allow_auth_chap = o->auth == GEN_AUTH_CHAP;
	c.lcp.allow_auth_pap = o->auth == GEN_AUTH_PAP;
	c.lcp.echo_interval_ms = o->keepalive_s * 1000u;
	c.lcp.echo_fails_max = (uint8_t)o->echo_fails;
	cp_fsm_cfg_default(&c.fsm);
	c.ip = true;
	c.ipcp.local_negotiated = true;
	snprintf(c.chap_name, sizeof(c.chap_name), "%s", user);
	snprintf(c.chap_secret, sizeof(c.chap_secret), "%s", o->password);
	snprintf(c.pap_user, sizeof(c.pap_user), "%s", user);
	snprintf(c.pap_password, sizeof(c.pap_password), "%s", o->password);
	s->ps = ppp_session_new(&c, &gen_ppp_ops, s, s->gen->aaa, s->gen->ts,
				&s->gen->log);
	memset(c.chap_secret, 0, sizeof(c.chap_secret));
	memset(c.pap_password, 0, sizeof(c.pap_password));
	if (!s->ps)
		return -ENOMEM;
	gen_random(s->gen, &s->lac_magic, sizeof(s->lac_magic));
	gen_random(s->gen, &s->our_magic, sizeof(s->our_magic));
	s->lac_magic |= 1; /* zero means "no Magic-Number" */
	s->our_magic |= 1;
	if (s->lac_magic == s->our_magic)
		s->lac_magic ^= 2;
	return 0;
}

/* ---- proxy LCP and authentication (RFC 2661 §4.4.5) ---- */

/* The LAC's Configure-Request to the caller: the authentication it
 * demanded and its Magic-Number. */
static void lac_confreq(const struct gen_sess *s, struct lcp_proxy_span *sp)
{
	struct wr w = wr_init(sp->opts, sizeof(sp->opts));

	if (s->gen->o.auth == GEN_AUTH_CHAP) {
		wr_u8(&w, LCP_OPT_AUTH);
		wr_u8(&w, 5);
		wr_u16(&w, 0xc223);
		wr_u8(&w, 5); /* MD5 */
	} else {
		wr_u8(&w, LCP_OPT_AUTH);
		wr_u8(&w, 4);
		wr_u16(&w, 0xc023);
	}
	wr_u8(&w, LCP_OPT_MAGIC);
	wr_u8(&w, 6);
	wr_u32(&w, s->lac_magic);
	sp->present = wr_ok(&w);
	sp->len = (uint16_t)w.len;
}

/* The caller's Configure-Request: its Magic-Number only. */
static void caller_confreq(const struct gen_sess *s, struct lcp_proxy_span *sp)
{
	struct wr w = wr_init(sp->opts, sizeof(sp->opts));

	wr_u8(&w, LCP_OPT_MAGIC);
	wr_u8(&w, 6);
	wr_u32(&w, s->our_magic);
	sp->present = wr_ok(&w);
	sp->len = (uint16_t)w.len;
}

/* Storage for the spans of the ICCN being built: the core copies them
 * before l2tp_session_connect() returns. */
struct proxy_buf {
	struct lcp_proxy_span lac, caller;
	char user[PPP_NAME_MAX];
	uint8_t challenge[CHAP_CHALLENGE_LEN];
	uint8_t response[CHAP_MD5_LEN > GEN_SECRET_MAX ? CHAP_MD5_LEN
						       : GEN_SECRET_MAX];
};

void gen_sess_connect_info(struct gen_sess *s, struct l2tp_connect_info *info)
{
	static struct proxy_buf pb;
	const struct gen_opts *o = &s->gen->o;
	uint8_t id;

	memset(info, 0, sizeof(*info));
	info->tx_speed_bps = 64000;
	info->framing_type = L2TP_FRAMING_SYNC;
	if (!o->proxy)
		return;
	memset(&pb, 0, sizeof(pb));
	lac_confreq(s, &pb.lac);
	caller_confreq(s, &pb.caller);
	info->lcp_initial_rx =
		(struct l2tp_bytes){pb.caller.opts, pb.caller.len};
	info->lcp_last_rx = info->lcp_initial_rx;
	info->lcp_last_tx = (struct l2tp_bytes){pb.lac.opts, pb.lac.len};
	if (!gen_user_name(o, s->idx + 1, pb.user, sizeof(pb.user)))
		snprintf(pb.user, sizeof(pb.user), "user%u", s->idx + 1);
	info->proxy_auth_name =
		(struct l2tp_bytes){(const uint8_t *)pb.user, strlen(pb.user)};
	gen_random(s->gen, &id, 1);
	info->proxy_auth_id = id;
	s->proxy_auth_id = id;
	if (o->auth == GEN_AUTH_CHAP) {
		gen_random(s->gen, pb.challenge, sizeof(pb.challenge));
		chap_md5_digest(id, (const uint8_t *)o->password,
				strlen(o->password), pb.challenge,
				sizeof(pb.challenge), pb.response);
		info->proxy_auth_type = PPP_PROXY_AUTH_CHAP;
		info->proxy_auth_challenge =
			(struct l2tp_bytes){pb.challenge, sizeof(pb.challenge)};
		info->proxy_auth_response =
			(struct l2tp_bytes){pb.response, CHAP_MD5_LEN};
	} else {
		size_t n = strlen(o->password);

		memcpy(pb.response, o->password, n);
		info->proxy_auth_type = PPP_PROXY_AUTH_PAP;
		info->proxy_auth_response = (struct l2tp_bytes){pb.response, n};
	}
}

/*
 * The caller already answered the LAC's Challenge, or sent its PAP
 * request, with the Identifier the ICCN carries: an LNS that accepts the
 * proxy authentication answers with that Identifier (CHAP Success, maybe
 * after a Challenge of its own as in seed 004; PAP Authenticate-Ack), so
 * our client must be waiting for it as the real caller would be.  The
 * session has no call for this; its CHAP and PAP state is public.
 */
static void proxy_auth_sent(struct gen_sess *s)
{
	struct ppp_session *ps = s->ps;

	if (s->gen->o.auth == GEN_AUTH_CHAP && ps->chap &&
	    ps->chap->peer_state == CHAP_PEER_WAIT) {
		ps->chap->peer_state = CHAP_PEER_RESPONDED;
		ps->chap->peer_id = s->proxy_auth_id;
	} else if (s->gen->o.auth == GEN_AUTH_PAP && ps->pap &&
		   ps->pap->peer_state == PAP_SENT_REQ) {
		ps->pap->peer_id = s->proxy_auth_id;
	}
}

/* Start PPP: actively, or from the proxy LCP. */
static void ppp_go(struct gen_sess *s)
{
	struct ppp_proxy_lcp pl;

	if (s->ppp_started || !s->ps)
		return;
	s->ppp_started = true;
	timer_cancel(&s->start_timer);
	if (!s->gen->o.proxy) {
		ppp_session_start(s->ps);
		return;
	}
	/* Our side of the adopted LCP is the caller's request, the peer's
	 * the LAC's (see the file comment). */
	memset(&pl, 0, sizeof(pl));
	lac_confreq(s, &pl.initial_rcvd);
	lac_confreq(s, &pl.last_rcvd);
	caller_confreq(s, &pl.last_sent);
	ppp_session_start_proxy(s->ps, &pl, NULL, 0);
	proxy_auth_sent(s);
}

/*
 * The core reports the call connected when its ICCN is queued, which may
 * be long before it arrives: the peer's receive window may be full while
 * many calls are set up at once, or the ICCN lost and waiting for its
 * retransmission.  A Configure-Request sent before would be dropped by
 * the LNS (no session yet), and LCP would give up after Max-Configure.
 * So PPP starts on the LNS's first frame on the call, which proves the
 * ICCN arrived (nasd and l2tpns both speak first: a Configure-Request
 * when they renegotiate LCP, a Challenge or an Authenticate-Ack after
 * proxy LCP), or, for an LNS that waits for the caller, once the tunnel
 * has nothing unacknowledged left (the ICCN was delivered), checked every
 * PPP_START_POLL_MS.
 */
#define PPP_START_POLL_MS 500

static void start_timer_cb(void *arg)
{
	struct gen_sess *s = arg;
	struct l2tp_tunnel_status st;

	if (!s->ls || !s->tun || !s->tun->t)
		return;
	l2tp_tunnel_get_status(s->tun->t, &st);
	if (st.tx_queued == 0)
		ppp_go(s);
	else
		timer_arm(&s->start_timer, PPP_START_POLL_MS);
}

void gen_sess_connected(struct gen_sess *s)
{
	if (!s->ps || s->state != GEN_S_L2TP)
		return;
	s->state = GEN_S_PPP;
	timer_init(&s->start_timer, s->gen->ts, start_timer_cb, s);
	timer_arm(&s->start_timer, PPP_START_POLL_MS);
}

/* ---- frames ---- */

static bool o_auth_chap(const struct gen_sess *s)
{
	return s->gen->o.auth == GEN_AUTH_CHAP;
}

/*
 * A lost CHAP Success (RFC 1994 §4.2) leaves the caller waiting for ever:
 * the authenticator has moved on to the Network phase and sends nothing
 * more until its IPCP gives up, and nasd's CHAP peer does not repeat its
 * Response.  RFC 1994 §4.2 has the authenticator accept repeated
 * Responses after its Success for exactly this, so the caller repeats
 * it: the LNS answers with Success again.
 */
static void chap_resend_cb(void *arg)
{
	struct gen_sess *s = arg;
	const struct gen_opts *o = &s->gen->o;
	uint8_t f[4 + 4 + 1 + CHAP_MD5_LEN + PPP_NAME_MAX];
	struct wr w = wr_init(f, sizeof(f));
	uint8_t digest[CHAP_MD5_LEN];
	char user[PPP_NAME_MAX];
	size_t ulen;

	if (!s->ps || !s->ls || s->ps->phase != PPP_PHASE_AUTHENTICATE ||
	    !s->ps->chap || s->ps->chap->peer_state != CHAP_PEER_RESPONDED ||
	    s->ps->chap->peer_id != s->chal_id ||
	    ++s->chal_tries > CHAP_RESPONSE_TRIES)
		return;
	if (!gen_user_name(o, s->idx + 1, user, sizeof(user)))
		snprintf(user, sizeof(user), "user%u", s->idx + 1);
	ulen = strlen(user);
	chap_md5_digest(s->chal_id, (const uint8_t *)o->password,
			strlen(o->password), s->chal, s->chal_len, digest);
	wr_u8(&w, 0xff);
	wr_u8(&w, 0x03);
	wr_u16(&w, PPP_CHAP);
	wr_u8(&w, CHAP_CODE_RESPONSE);
	wr_u8(&w, s->chal_id);
	wr_u16(&w, (uint16_t)(4 + 1 + CHAP_MD5_LEN + ulen));
	wr_u8(&w, CHAP_MD5_LEN);
	wr_bytes(&w, digest, CHAP_MD5_LEN);
	wr_bytes(&w, user, ulen);
	if (wr_ok(&w))
		l2tp_session_send(s->ls, f, w.len);
	memset(digest, 0, sizeof(digest));
	timer_arm(&s->chap_timer, CHAP_RESPONSE_MS);
}

/* Note CHAP traffic from the LNS: keep a Challenge, stop repeating our
 * Response once it is answered. */
static void chap_peek(struct gen_sess *s, struct rd *r)
{
	uint8_t code, id, vlen;
	uint16_t len;

	if (!rd_u8(r, &code) || !rd_u8(r, &id) || !rd_u16(r, &len))
		return;
	if (code == CHAP_CODE_SUCCESS || code == CHAP_CODE_FAILURE) {
		timer_cancel(&s->chap_timer);
		return;
	}
	if (code != CHAP_CODE_CHALLENGE || !rd_u8(r, &vlen) || vlen == 0 ||
	    vlen > sizeof(s->chal) || !rd_bytes(r, s->chal, vlen))
		return;
	s->chal_id = id;
	s->chal_len = vlen;
	s->chal_tries = 0;
	if (!s->chap_timer.ts)
		timer_init(&s->chap_timer, s->gen->ts, chap_resend_cb, s);
	timer_arm(&s->chap_timer, CHAP_RESPONSE_MS);
}

void gen_sess_input(struct gen_sess *s, const uint8_t *frame, size_t len)
{
	struct rd r = rd_init(frame, len);
	uint16_t proto = 0;
	uint8_t code;

	if (!s->ps)
		return;
	/* Count LCP echoes before the session answers them: Address and
	 * Control may be present (FF 03), the Protocol is not compressed
	 * for LCP and CHAP (RFC 1661 §6.5). */
	if (len >= 2 && frame[0] == 0xff && frame[1] == 0x03)
		rd_skip(&r, 2);
	if (rd_u16(&r, &proto) && proto == PPP_LCP && rd_u8(&r, &code)) {
		if (code == LCP_ECHO_REPLY)
			s->echo_replies++;
		else if (code == LCP_ECHO_REQUEST)
			s->echo_requests++;
	} else if (proto == PPP_CHAP && o_auth_chap(s)) {
		chap_peek(s, &r);
	}
	ppp_go(s);
	ppp_session_input(s->ps, frame, len);
}

void gen_sess_l2tp_down(struct gen_sess *s, const char *why)
{
	gen_sess_over(s, GEN_S_FAILED, why);
	timer_cancel(&s->start_timer);
	if (s->chap_timer.ts)
		timer_cancel(&s->chap_timer);
	if (s->ps && s->ppp_started)
		ppp_session_lower_down(s->ps);
}
