/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_session.c - PPP phases and protocol demultiplexing (RFC 1661 §3,
 * §5.7), binding LCP, PAP/CHAP, AAA and IPCP (see ppp_session.h).
 */
#include "ppp_session_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cp_print.h"
#include "ppp_hdr.h"
#include "ppp_vj.h"

/* Largest frame we build: header + the biggest MRU we ever allow. */
#define FRAME_MAX (4 + PPP_MRU_MAX)

static const char *const phase_names[PPP_PHASE__COUNT] = {
#define PPP_PHASE_NAME(e, s) [e] = s,
	PPP_PHASES(PPP_PHASE_NAME)
#undef PPP_PHASE_NAME
};

const char *ppp_phase_name(enum ppp_phase p)
{
	return (unsigned)p < PPP_PHASE__COUNT ? phase_names[p] : "?";
}

void ppp_session_set_phase(struct ppp_session *s, enum ppp_phase p,
			   const char *detail, bool quiet)
{
	s->phase = p;
	if (quiet)
		return;
	if (detail)
		log_dbg(s->log, DBG_PPP_NEGOTIATION, "%s PPP: Phase is %s, %s",
			s->cfg.ifshort, ppp_phase_name(p), detail);
	else
		log_dbg(s->log, DBG_PPP_NEGOTIATION, "%s PPP: Phase is %s",
			s->cfg.ifshort, ppp_phase_name(p));
}

static void set_phase(struct ppp_session *s, enum ppp_phase p,
		      const char *detail)
{
	ppp_session_set_phase(s, p, detail, false);
}

void ppp_session_lineproto(struct ppp_session *s, bool up)
{
	if (s->lineproto_up == up)
		return;
	s->lineproto_up = up;
	log_notice(s->log,
		   "%%LINEPROTO-5-UPDOWN: Line protocol on Interface %s, "
		   "changed state to %s",
		   s->cfg.ifname, up ? "up" : "down");
}

void ppp_session_send_proto(struct ppp_session *s, uint16_t proto,
			    const uint8_t *data, size_t len)
{
	uint8_t frame[FRAME_MAX];
	struct wr w = wr_init(frame, sizeof(frame));
	bool lcp = proto == PPP_PROTO_LCP;
	bool open = lcp_is_open(&s->lcp);

	/* RFC 1661 §6.5/§6.6: LCP packets are never compressed. */
	ppp_hdr_write(&w, proto, !lcp && open && s->lcp.neg.tx_acfc,
		      !lcp && open && s->lcp.neg.tx_pfc);
	wr_bytes(&w, data, len);
	if (!wr_ok(&w)) {
		s->stats.tx_discards++;
		return;
	}
	s->stats.tx_frames++;
	s->stats.tx_octets += w.len;
	log_dbg(s->log, DBG_PPP_PACKET,
		"%s PPP: O pkt type 0x%04X, datagramsize %zu", s->cfg.ifshort,
		proto, w.len);
	s->ops->send_frame(s->ctx, frame, w.len, lcp);
}

/* ---- PAP and CHAP state, allocated on first use ----------------------------- */

static bool uses_pap(const struct lcp_neg *n)
{
	return n->auth_by_us == LCP_AUTH_PAP || n->auth_by_peer == LCP_AUTH_PAP;
}

static bool uses_chap(const struct lcp_neg *n)
{
	return n->auth_by_us == LCP_AUTH_CHAP_MD5 ||
	       n->auth_by_peer == LCP_AUTH_CHAP_MD5;
}

static uint32_t restart_ms(const struct ppp_session *s)
{
	return s->cfg.fsm.restart_ms ? s->cfg.fsm.restart_ms : 2000;
}

static void auth_oom(struct ppp_session *s, const char *what)
{
	log_err(s->log, "%s: out of memory for %s", s->cfg.ifname, what);
	ppp_session_close_later(s, "out of memory");
}

/* Closing LCP from inside an IPCP callback would re-enter IPCP (LCP down
 * takes the NCPs down), so it is done from a timer. */
static void close_cb(void *arg)
{
	struct ppp_session *s = arg;

	lcp_close(&s->lcp, s->down_reason);
}

void ppp_session_close_later(struct ppp_session *s, const char *reason)
{
	if (!s->down_reason)
		s->down_reason = reason;
	timer_arm(&s->close_timer, 0);
}

/* ---- LCP ---------------------------------------------------------------- */

static void lcp_send_cb(void *ctx, const uint8_t *pkt, size_t len)
{
	ppp_session_send_proto(ctx, PPP_PROTO_LCP, pkt, len);
}

void ppp_session_start_network(struct ppp_session *s)
{
	set_phase(s, PPP_PHASE_NETWORK, NULL);
	ppp_session_lineproto(s, true);
	if (s->cfg.ip) {
		ipcp_lower_up(&s->ipcp);
		ipcp_open(&s->ipcp);
	}
}

int ppp_session_set_network(struct ppp_session *s,
			    const struct ppp_session_cfg *cfg)
{
	if (s->phase == PPP_PHASE_NETWORK || s->ip_up || s->pool_addr)
		return -EBUSY;
	s->cfg.ip = cfg->ip;
	s->cfg.ipcp = cfg->ipcp;
	s->cfg.peer_addr = cfg->peer_addr;
	memcpy(s->cfg.peer_pool, cfg->peer_pool, sizeof(s->cfg.peer_pool));
	s->cfg.peer_pool[sizeof(s->cfg.peer_pool) - 1] = '\0';
	s->cfg.vj_passive = cfg->vj_passive;
	ipcp_set_cfg(&s->ipcp, &s->cfg.ipcp);
	return 0;
}

static void maybe_network(struct ppp_session *s)
{
	if (s->auth_by_us_pending || s->auth_by_peer_pending)
		return;
	timer_cancel(&s->auth_phase_timer);
	/* Before the Callback phase: a callback decision is the bound
	 * interface's (a dialer profile's maps), not the physical one's. */
	if (!s->auth_told) {
		s->auth_told = true;
		if (s->ops->authenticated)
			s->ops->authenticated(s->ctx, s->peer_name);
	}
	/* The Callback phase (RFC 1570, CBCP, ppp callback initiate). */
	if (ppp_cb_after_auth(s))
		return;
	ppp_session_start_network(s);
}

static void lcp_up_cb(void *ctx)
{
	struct ppp_session *s = ctx;
	const struct lcp_neg *n = &s->lcp.neg;
	const char *by;

	s->ops->link_params(s->ctx, n);
	s->auth_by_us_pending = n->auth_by_us != LCP_AUTH_NONE;
	s->auth_by_peer_pending = n->auth_by_peer != LCP_AUTH_NONE;
	if (!s->auth_by_us_pending && !s->auth_by_peer_pending) {
		maybe_network(s);
		return;
	}
	by = s->auth_by_us_pending && s->auth_by_peer_pending ? "by both"
	     : s->auth_by_us_pending			       ? "by this end"
							       : "by the peer";
	set_phase(s, PPP_PHASE_AUTHENTICATE, by);
	if (s->cfg.auth_phase_ms)
		timer_arm(&s->auth_phase_timer, s->cfg.auth_phase_ms);
	if ((uses_chap(n) && !ppp_session_chap(s)) ||
	    (uses_pap(n) && !ppp_session_pap(s)))
		return; /* out of memory: LCP closes from a timer */
	/* An LNS first tries the LAC's proxy authentication. */
	if (!ppp_l2tp_proxy_authenticate(s)) {
		if (n->auth_by_us == LCP_AUTH_CHAP_MD5)
			chap_start_authenticator(s->chap, s->cfg.chap_name);
		else if (n->auth_by_us == LCP_AUTH_PAP)
			pap_start_authenticator(s->pap);
	}
	if (n->auth_by_peer == LCP_AUTH_CHAP_MD5)
		chap_start_peer(s->chap);
	else if (n->auth_by_peer == LCP_AUTH_PAP)
		pap_start_peer(s->pap, s->cfg.pap_user,
			       (const uint8_t *)s->cfg.pap_password,
			       strlen(s->cfg.pap_password));
}

static void release_address(struct ppp_session *s)
{
	if (s->pool_addr) {
		s->ops->pool_release(s->ctx, s->cfg.peer_pool, s->pool_addr);
		s->pool_addr = 0;
	}
}

static void lcp_down_cb(void *ctx)
{
	struct ppp_session *s = ctx;

	timer_cancel(&s->retry_timer);
	timer_cancel(&s->auth_phase_timer);
	s->auth_told = false; /* a new LCP, a new authentication */
	if (s->aaa_req) {
		aaa_cancel(s->aaa_req);
		s->aaa_req = NULL;
	}
	if (s->pap)
		pap_stop(s->pap);
	if (s->chap)
		chap_stop(s->chap);
	ipcp_lower_down(&s->ipcp);
	ppp_session_lineproto(s, false);
	ppp_cb_lcp_down(s, true);
	if (s->phase != PPP_PHASE_DEAD)
		set_phase(s, PPP_PHASE_TERMINATE, NULL);
	ppp_cb_lcp_down(s, false);
	s->ops->link_params(s->ctx, NULL);
}

static void lcp_started_cb(void *ctx)
{
	(void)ctx; /* the lower layer is already up when we start LCP */
}

static void lcp_finished_cb(void *ctx)
{
	struct ppp_session *s = ctx;

	set_phase(s, PPP_PHASE_DEAD, NULL);
	release_address(s);
	s->ops->link_down(s->ctx, s->down_reason ? s->down_reason
						 : "LCP closed");
}

static enum lcp_cb_verdict lcp_callback_cb(void *ctx,
					   const struct lcp_callback *cb,
					   uint8_t *nak_op)
{
	return ppp_cb_lcp_option(ctx, cb, nak_op);
}

static void lcp_protrej_cb(void *ctx, uint16_t proto)
{
	struct ppp_session *s = ctx;

	if (proto == PPP_PROTO_IPCP || proto == PPP_PROTO_IP)
		cp_fsm_event(&s->ipcp.fsm, CP_EV_RXJ_MINUS);
}

static void lcp_failed_cb(void *ctx, const char *reason)
{
	struct ppp_session *s = ctx;

	s->down_reason = reason;
}

static void random_cb(void *ctx, void *buf, size_t n)
{
	struct ppp_session *s = ctx;

	s->ops->random(s->ctx, buf, n);
}

static const struct lcp_ops session_lcp_ops = {
	.send = lcp_send_cb,
	.up = lcp_up_cb,
	.down = lcp_down_cb,
	.started = lcp_started_cb,
	.finished = lcp_finished_cb,
	.callback_policy = lcp_callback_cb,
	.protocol_rejected = lcp_protrej_cb,
	.link_failed = lcp_failed_cb,
	.random = random_cb,
};

/* ---- authentication ------------------------------------------------------ */

static void auth_failed(struct ppp_session *s, bool by_us)
{
	if (!by_us)
		return; /* the authenticator decides whether we may retry */
	s->stats.auth_failures++;
	/* A LAC whose tunnel failed ends the call whatever `ppp
	 * max-bad-auth` allows (ppp_session_forward_fail). */
	if (s->fwd_failed || s->stats.auth_failures > s->cfg.max_bad_auth) {
		if (!s->fwd_failed)
			s->down_reason = "Authentication failed";
		lcp_close(&s->lcp, s->down_reason);
		return;
	}
	/* `ppp max-bad-auth`: let the peer try again. */
	log_dbg(s->log, DBG_PPP_AUTHENTICATION,
		"%s PPP: Authentication failure %u of %u allowed, retrying",
		s->cfg.ifshort, s->stats.auth_failures, s->cfg.max_bad_auth);
	if (s->lcp.neg.auth_by_us == LCP_AUTH_CHAP_MD5)
		timer_arm(&s->retry_timer, 0);
	else if (s->pap)
		pap_start_authenticator(s->pap);
}

static void auth_done_cb(void *ctx, bool as_authenticator, bool ok,
			 const char *name)
{
	struct ppp_session *s = ctx;

	if (as_authenticator) {
		if (!ok) {
			log_notice(s->log,
				   "%s: PPP authentication of peer \"%s\" "
				   "failed",
				   s->cfg.ifname, name);
			auth_failed(s, true);
			return;
		}
		strncpy(s->peer_name, name, sizeof(s->peer_name) - 1);
		s->auth_by_us_pending = false;
	} else {
		if (!ok) {
			log_notice(s->log,
				   "%s: PPP authentication by the peer as "
				   "\"%s\" failed",
				   s->cfg.ifname, name);
			return;
		}
		s->auth_by_peer_pending = false;
	}
	if (s->phase == PPP_PHASE_AUTHENTICATE)
		maybe_network(s);
}

static void aaa_done_cb(void *arg, const struct aaa_result *r)
{
	struct ppp_session *s = arg;
	enum lcp_auth proto = s->aaa_proto;

	s->aaa_req = NULL;
	if (r->ok && r->authz)
		s->authz = *r->authz;
	if (!r->ok)
		log_dbg(s->log, DBG_PPP_AUTHENTICATION,
			"%s PPP: Authentication refused: %s", s->cfg.ifshort,
			r->reason && r->reason[0] ? r->reason : "failed");
	if (proto == LCP_AUTH_CHAP_MD5 && s->chap)
		chap_auth_result(s->chap, r->ok, NULL);
	else if (proto == LCP_AUTH_PAP && s->pap)
		pap_auth_result(s->pap, r->ok, NULL);
}

static void submit_aaa(struct ppp_session *s, const struct aaa_auth_req *req,
		       enum lcp_auth proto)
{
	if (s->aaa_req)
		aaa_cancel(s->aaa_req);
	s->aaa_proto = proto;
	s->aaa_req = aaa_authenticate(s->aaa, req, aaa_done_cb, s);
	if (!s->aaa_req) {
		/* Out of memory: refuse rather than hang. */
		if (proto == LCP_AUTH_CHAP_MD5 && s->chap)
			chap_auth_result(s->chap, false, NULL);
		else if (proto == LCP_AUTH_PAP && s->pap)
			pap_auth_result(s->pap, false, NULL);
	}
}

static void pap_send_cb(void *ctx, const uint8_t *pkt, size_t len)
{
	ppp_session_send_proto(ctx, PPP_PROTO_PAP, pkt, len);
}

static void pap_verify_cb(void *ctx, const char *user, const uint8_t *passwd,
			  size_t passwd_len)
{
	struct ppp_session *s = ctx;
	struct aaa_auth_req req = {
		.type = AAA_AUTH_PAP,
		.user = user,
		.list = s->cfg.auth_list[0] ? s->cfg.auth_list : NULL,
		.port = s->cfg.ifname,
		.port_short = s->cfg.ifshort,
		.password = passwd,
		.password_len = passwd_len,
	};

	if (ppp_l2tp_pap_forward(s, user, passwd, passwd_len))
		return;
	submit_aaa(s, &req, LCP_AUTH_PAP);
}

static const struct pap_ops session_pap_ops = {
	.send = pap_send_cb,
	.verify = pap_verify_cb,
	.done = auth_done_cb,
};

static void chap_send_cb(void *ctx, const uint8_t *pkt, size_t len)
{
	ppp_session_send_proto(ctx, PPP_PROTO_CHAP, pkt, len);
}

static void chap_verify_cb(void *ctx, const struct chap_response *r)
{
	struct ppp_session *s = ctx;
	struct aaa_auth_req req = {
		.type = AAA_AUTH_CHAP_MD5,
		.user = r->name,
		.list = s->cfg.auth_list[0] ? s->cfg.auth_list : NULL,
		.port = s->cfg.ifname,
		.port_short = s->cfg.ifshort,
		.chap_id = r->id,
		.challenge = r->challenge,
		.challenge_len = r->challenge_len,
		.response = r->response,
		.response_len = r->response_len,
	};

	if (ppp_l2tp_chap_forward(s, r))
		return;
	submit_aaa(s, &req, LCP_AUTH_CHAP_MD5);
}

static bool chap_secret_cb(void *ctx, const char *challenger, char *name,
			   size_t name_size, uint8_t *secret,
			   size_t *secret_len)
{
	struct ppp_session *s = ctx;
	size_t n;

	strncpy(name, s->cfg.chap_name, name_size - 1);
	name[name_size - 1] = '\0';
	/* IOS: `ppp chap password` first, else `username <challenger>`. */
	n = strlen(s->cfg.chap_secret);
	if (n > 0 && n <= CHAP_SECRET_MAX) {
		memcpy(secret, s->cfg.chap_secret, n);
		*secret_len = n;
		return true;
	}
	return aaa_local_secret(s->aaa, challenger, secret, CHAP_SECRET_MAX,
				secret_len);
}

static const struct chap_ops session_chap_ops = {
	.send = chap_send_cb,
	.random = random_cb,
	.verify = chap_verify_cb,
	.get_secret = chap_secret_cb,
	.done = auth_done_cb,
};

struct pap *ppp_session_pap(struct ppp_session *s)
{
	if (s->pap)
		return s->pap;
	s->pap = malloc(sizeof(*s->pap));
	if (!s->pap) {
		auth_oom(s, "PAP");
		return NULL;
	}
	pap_init(s->pap, s->cfg.ifshort, &session_pap_ops, s, s->ts, s->log,
		 restart_ms(s), s->cfg.auth_timeout_ms,
		 s->cfg.fsm.max_configure);
	return s->pap;
}

struct chap *ppp_session_chap(struct ppp_session *s)
{
	if (s->chap)
		return s->chap;
	s->chap = malloc(sizeof(*s->chap));
	if (!s->chap) {
		auth_oom(s, "CHAP");
		return NULL;
	}
	chap_init(s->chap, s->cfg.ifshort, &session_chap_ops, s, s->ts,
		  s->log, restart_ms(s), s->cfg.fsm.max_configure);
	return s->chap;
}

static void retry_cb(void *arg)
{
	struct ppp_session *s = arg;

	if (s->phase == PPP_PHASE_AUTHENTICATE && lcp_is_open(&s->lcp) &&
	    s->chap)
		chap_start_authenticator(s->chap, s->cfg.chap_name);
}

static void auth_phase_cb(void *arg)
{
	struct ppp_session *s = arg;

	if (s->phase != PPP_PHASE_AUTHENTICATE)
		return;
	s->down_reason = "Authentication timeout";
	lcp_close(&s->lcp, "Authentication timeout");
}

/* ---- IPCP ----------------------------------------------------------------- */

static void ipcp_send_cb(void *ctx, const uint8_t *pkt, size_t len)
{
	ppp_session_send_proto(ctx, PPP_PROTO_IPCP, pkt, len);
}

static void ipcp_up_cb(void *ctx)
{
	struct ppp_session *s = ctx;
	char ip[16];

	if (s->ipcp.neg.peer_addr == 0) {
		/* Nothing to route to: IPCP agreed without an address for
		 * the peer (the pool ran dry and the peer sent none). */
		log_warn(s->log, "%s: IPCP up without a peer address: closing",
			 s->cfg.ifname);
		ppp_session_close_later(s, "No IP address for the peer");
		return;
	}
	s->ip_local = s->ipcp.neg.local_addr;
	s->ip_peer = s->ipcp.neg.peer_addr;
	s->ip_up = true;
	s->ipcp_was_open = true;
	ppp_vj_start(s);
	log_dbg(s->log, DBG_PPP_NEGOTIATION, "%s IPCP: Install route to %s",
		s->cfg.ifshort, cp_print_ipv4(ip, sizeof(ip), s->ip_peer));
	s->ops->ip_up(s->ctx, s->ip_local, s->ip_peer, s->lcp.neg.tx_mru);
}

static void ipcp_down_cb(void *ctx)
{
	struct ppp_session *s = ctx;
	char ip[16];

	ppp_vj_stop(s);
	if (!s->ip_up)
		return;
	s->ip_up = false;
	log_dbg(s->log, DBG_PPP_NEGOTIATION, "%s IPCP: Remove route to %s",
		s->cfg.ifshort, cp_print_ipv4(ip, sizeof(ip), s->ip_peer));
	s->ops->ip_down(s->ctx, s->ip_local, s->ip_peer);
}

static void ipcp_finished_cb(void *ctx)
{
	struct ppp_session *s = ctx;

	/* IPCP gave up while the link is up: with no network protocol
	 * left the link is useless (RFC 1661 §3.7). */
	if (s->phase == PPP_PHASE_NETWORK && lcp_is_open(&s->lcp)) {
		ppp_session_close_later(s, "No network protocols running");
	}
}

static enum ipcp_addr_verdict ipcp_addr_cb(void *ctx, uint32_t proposed,
					   uint32_t *assign)
{
	struct ppp_session *s = ctx;
	uint32_t want = s->cfg.peer_addr;
	char ip[16];

	if (!want && s->cfg.peer_pool[0]) {
		if (!s->pool_addr) {
			log_dbg(s->log, DBG_PPP_NEGOTIATION,
				"%s IPCP: Using pool '%s'", s->cfg.ifshort,
				s->cfg.peer_pool);
			if (!s->ops->pool_alloc(s->ctx, s->cfg.peer_pool,
						&s->pool_addr)) {
				log_warn(s->log,
					 "%s: IP address pool '%s' exhausted "
					 "or not defined",
					 s->cfg.ifname, s->cfg.peer_pool);
				s->pool_addr = 0;
				return IPCP_ADDR_REJECT;
			}
			log_dbg(s->log, DBG_PPP_NEGOTIATION,
				"%s IPCP: Pool returned %s", s->cfg.ifshort,
				cp_print_ipv4(ip, sizeof(ip), s->pool_addr));
		}
		want = s->pool_addr;
	}
	if (want) {
		if (proposed == want)
			return IPCP_ADDR_ACK;
		*assign = want;
		return IPCP_ADDR_NAK;
	}
	return proposed ? IPCP_ADDR_ACK : IPCP_ADDR_REJECT;
}

static const struct ipcp_ops session_ipcp_ops = {
	.send = ipcp_send_cb,
	.up = ipcp_up_cb,
	.down = ipcp_down_cb,
	.finished = ipcp_finished_cb,
	.peer_address = ipcp_addr_cb,
};

/* ---- public ---------------------------------------------------------------- */

struct ppp_session *ppp_session_new(const struct ppp_session_cfg *cfg,
				    const struct ppp_session_ops *ops,
				    void *ctx, struct aaa *aaa,
				    struct timers *ts,
				    const struct logger *log)
{
	struct ppp_session *s = calloc(1, sizeof(*s));
	struct cp_fsm_cfg fsm = cfg->fsm;

	if (!s)
		return NULL;
	s->cfg = *cfg;
	s->ops = ops;
	s->ctx = ctx;
	s->aaa = aaa;
	s->log = log;
	s->ts = ts;
	s->phase = PPP_PHASE_DEAD;
	/* The peer may not ask us to authenticate with a protocol we have
	 * no credentials for (IOS refuses PAP without sent-username). */
	if (!s->cfg.pap_user[0])
		s->cfg.lcp.allow_auth_pap = false;
	/* A call that may be forwarded (a LAC) reports proxy LCP. */
	s->cfg.lcp.record_proxy = ops->auth_forward != NULL;
	/* Callback as a client: RFC 1570 op 0 or Microsoft's op 6. */
	if (cfg->cb_request != PPP_CBREQ_NONE) {
		s->cfg.lcp.want_callback = true;
		s->cfg.lcp.callback_op = cfg->cb_request == PPP_CBREQ_CBCP
						 ? LCP_CB_CBCP
						 : LCP_CB_AUTH;
		if (cfg->cb_request == PPP_CBREQ_RFC1570 &&
		    cfg->cb_number[0]) {
			s->cfg.lcp.callback_op = LCP_CB_DIALSTR;
			memcpy(s->cfg.lcp.callback_msg, cfg->cb_number,
			       sizeof(s->cfg.lcp.callback_msg));
		}
	}
	/* `ppp authentication ... callin` on a call we placed: the peer is
	 * not asked to authenticate (seed 004, Vi1). */
	if (cfg->auth_callin && cfg->dir == PPP_DIR_CALLOUT &&
	    cfg->lcp.auth_require[0] != LCP_AUTH_NONE) {
		memset(s->cfg.lcp.auth_require, 0,
		       sizeof(s->cfg.lcp.auth_require));
		s->no_remote_auth = true;
	}
	fsm.silent = cfg->passive;
	lcp_init(&s->lcp, s->cfg.ifshort, &s->cfg.lcp, &fsm, &session_lcp_ops,
		 s, ts, log);
	fsm.silent = false;
	ipcp_init(&s->ipcp, s->cfg.ifshort, &s->cfg.ipcp, &fsm,
		  &session_ipcp_ops, s, ts, log);
	timer_init(&s->retry_timer, ts, retry_cb, s);
	timer_init(&s->auth_phase_timer, ts, auth_phase_cb, s);
	timer_init(&s->close_timer, ts, close_cb, s);
	ppp_cb_init(s);
	return s;
}

void ppp_session_free(struct ppp_session *s)
{
	if (!s)
		return;
	if (s->aaa_req)
		aaa_cancel(s->aaa_req);
	timer_cancel(&s->retry_timer);
	timer_cancel(&s->auth_phase_timer);
	timer_cancel(&s->close_timer);
	ppp_cb_fini(s);
	if (s->pap) {
		pap_stop(s->pap); /* wipes the password */
		free(s->pap);
	}
	if (s->chap) {
		chap_stop(s->chap);
		free(s->chap);
	}
	ipcp_fini(&s->ipcp);
	lcp_fini(&s->lcp);
	ppp_vj_stop(s);
	release_address(s);
	memset(s->cfg.chap_secret, 0, sizeof(s->cfg.chap_secret));
	memset(s->cfg.pap_password, 0, sizeof(s->cfg.pap_password));
	free(s);
}

void ppp_session_begin(struct ppp_session *s, bool passive)
{
	static const char *const dir_text[] = {
		[PPP_DIR_DEDICATED] = "a dedicated line",
		[PPP_DIR_CALLIN] = "a callin",
		[PPP_DIR_CALLOUT] = "a callout",
	};

	s->down_reason = NULL;
	log_dbg(s->log, DBG_PPP_NEGOTIATION,
		"%s PPP: Treating connection as %s", s->cfg.ifshort,
		dir_text[s->cfg.dir]);
	set_phase(s, PPP_PHASE_ESTABLISH,
		  passive ? "Passive Open" : "Active Open");
	if (s->no_remote_auth)
		log_dbg(s->log, DBG_PPP_NEGOTIATION,
			"%s PPP: No remote authentication for call-out",
			s->cfg.ifshort);
}

void ppp_session_start(struct ppp_session *s)
{
	ppp_session_begin(s, s->cfg.passive);
	/* Up first, then Open: the first Configure-Request goes out from
	 * Closed, as IOS shows it ("O CONFREQ [Closed] id 3 len 25"). */
	lcp_lower_up(&s->lcp);
	lcp_open(&s->lcp);
}

void ppp_session_lower_down(struct ppp_session *s)
{
	if (!s->down_reason)
		s->down_reason = "Lower layer down";
	lcp_lower_down(&s->lcp);
	if (s->phase != PPP_PHASE_DEAD) {
		set_phase(s, PPP_PHASE_DEAD, NULL);
		release_address(s);
		s->ops->link_down(s->ctx, s->down_reason);
	}
}

void ppp_session_close(struct ppp_session *s, const char *reason)
{
	if (!s->down_reason)
		s->down_reason = reason;
	lcp_close(&s->lcp, reason);
}

static void protocol_reject(struct ppp_session *s, uint16_t proto,
			    struct rd *info)
{
	s->stats.rx_protrej++;
	lcp_send_protocol_reject(&s->lcp, proto, info->p, rd_left(info));
}

void ppp_session_input(struct ppp_session *s, const uint8_t *frame,
		       size_t len)
{
	struct rd r = rd_init(frame, len);
	uint16_t proto;
	bool lcp_open = lcp_is_open(&s->lcp);

	s->stats.rx_frames++;
	s->stats.rx_octets += len;
	if (s->phase == PPP_PHASE_FORWARD) {
		/* A LAC relays the call: nothing is answered here. */
		ppp_l2tp_forward_input(s, frame, len);
		return;
	}
	if (!ppp_hdr_parse(&r, &proto)) {
		s->stats.rx_discards++;
		log_dbg(s->log, DBG_PPP_ERROR,
			"%s PPP: bad frame header, dropped", s->cfg.ifshort);
		return;
	}
	log_dbg(s->log, DBG_PPP_PACKET,
		"%s PPP: I pkt type 0x%04X, datagramsize %zu", s->cfg.ifshort,
		proto, len);
	if (proto == PPP_PROTO_LCP) {
		/* Remember who ended the call: a client's Terminate-Request
		 * after a CBCP Ack means "call me back" (callback.md §2.5). */
		if (lcp_open && rd_left(&r) >= 1 && r.p[0] == CP_TERMREQ)
			s->peer_term = true;
		lcp_input(&s->lcp, r.p, rd_left(&r));
		return;
	}
	/* RFC 1661 §3.4: until LCP is Opened only LCP is accepted. */
	if (!lcp_open) {
		s->stats.rx_discards++;
		return;
	}
	switch (proto) {
	case PPP_PROTO_PAP:
		if (!uses_pap(&s->lcp.neg))
			protocol_reject(s, proto, &r);
		else if (s->pap)
			pap_input(s->pap, r.p, rd_left(&r));
		else
			s->stats.rx_discards++;
		return;
	case PPP_PROTO_CHAP:
		if (!uses_chap(&s->lcp.neg))
			protocol_reject(s, proto, &r);
		else if (s->chap)
			chap_input(s->chap, r.p, rd_left(&r));
		else
			s->stats.rx_discards++;
		return;
	case PPP_PROTO_CBCP:
		/* Only where LCP agreed option 13 operation 6 (either
		 * way); elsewhere CBCP is an unknown protocol. */
		if ((s->lcp.neg.peer_callback &&
		     s->lcp.neg.callback.op == LCP_CB_CBCP) ||
		    (s->lcp.neg.our_callback &&
		     s->lcp.neg.our_callback_op == LCP_CB_CBCP))
			ppp_cb_input(s, r.p, rd_left(&r));
		else
			protocol_reject(s, proto, &r);
		return;
	case PPP_PROTO_IPCP:
		if (!s->cfg.ip) {
			protocol_reject(s, proto, &r);
			return;
		}
		/* RFC 1661 §3.5: NCP packets before the Network phase are
		 * silently discarded. */
		if (s->phase != PPP_PHASE_NETWORK) {
			s->stats.rx_discards++;
			return;
		}
		ipcp_input(&s->ipcp, r.p, rd_left(&r));
		return;
	case PPP_PROTO_IP:
		if (!s->ip_up) {
			s->stats.rx_discards++;
			return;
		}
		s->stats.rx_ip_packets++;
		ppp_vj_count_ip(s, r.p, rd_left(&r));
		s->ops->ip_input(s->ctx, r.p, rd_left(&r));
		return;
	case PPP_PROTO_VJ_COMP:
	case PPP_PROTO_VJ_UNCOMP:
		if (!ppp_vj_input(s, proto, r.p, rd_left(&r)))
			protocol_reject(s, proto, &r);
		return;
	default:
		protocol_reject(s, proto, &r);
		return;
	}
}

int ppp_session_send_ip(struct ppp_session *s, const uint8_t *pkt,
			size_t len)
{
	uint8_t vjbuf[PPP_MRU_MAX];
	uint16_t proto = PPP_PROTO_IP;

	if (!s->ip_up) {
		s->stats.tx_discards++;
		return -ENETDOWN;
	}
	if (len > s->lcp.neg.tx_mru) {
		s->stats.tx_discards++;
		return -EMSGSIZE;
	}
	s->stats.tx_ip_packets++;
	proto = ppp_vj_compress(s, &pkt, &len, vjbuf, sizeof(vjbuf));
	ppp_session_send_proto(s, proto, pkt, len);
	return 0;
}

void ppp_session_status(const struct ppp_session *s,
			struct ppp_session_status *st)
{
	memset(st, 0, sizeof(*st));
	st->phase = s->phase;
	st->lcp_state = cp_fsm_state_name(&s->lcp.fsm);
	st->ipcp_state = cp_fsm_state_name(&s->ipcp.fsm);
	st->lcp_open = lcp_is_open(&s->lcp);
	st->ipcp_open = ipcp_is_open(&s->ipcp);
	memcpy(st->peer_name, s->peer_name, sizeof(st->peer_name));
	if (st->lcp_open) {
		st->lcp = s->lcp.neg;
		st->auth_by_us = s->lcp.neg.auth_by_us;
		st->auth_by_peer = s->lcp.neg.auth_by_peer;
	}
	if (s->ip_up) {
		st->local_addr = s->ip_local;
		st->peer_addr = s->ip_peer;
	}
	st->stats = s->stats;
	st->cb = s->cb;
	st->cbcp_state = s->cbcp_running ? cbcp_state_name(s->cbcp->state)
					 : NULL;
}
