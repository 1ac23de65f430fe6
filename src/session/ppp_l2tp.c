/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_l2tp.c - the PPP session's side of L2TP (RFC 2661 §4.4.5 proxy LCP
 * and proxy authentication; facts in shared/reference/l2tp.md §1.9, the
 * IOS behaviour from seed 004).  See ppp_session.h for the contracts.
 *
 * LAC: LCP records the Configure-Requests as it runs (lcp.c); when the
 * peer's CHAP Response or PAP Authenticate-Request arrives, the owner is
 * asked (ops->auth_forward) whether the call is authenticated here or
 * forwarded.  Forwarded, the session enters IOS's FORWARDING phase: every
 * timer stops, LCP stays Opened for `show`, nothing more is answered and
 * frames go to ops->forward_input.  If the tunnel cannot be made, the
 * caller gets an authentication failure and LCP is terminated.
 *
 * LNS: a Virtual-Access session starts from the LAC's proxy LCP, adopted
 * (LCP Opened without a packet) unless `lcp renegotiation` or the proxy
 * itself says otherwise, and verifies the proxy authentication through
 * AAA as if the caller's Response had just arrived.
 */
#include <string.h>

#include "ppp_session_int.h"

/* ---- LAC ----------------------------------------------------------------- */

static void copy_name(struct ppp_proxy_auth *pa, const char *name)
{
	size_t n = strnlen(name, PPP_PROXY_VALUE_MAX);

	memcpy(pa->name, name, n);
	pa->name[n] = '\0';
	pa->name_len = (uint16_t)n;
}

static void copy_value(uint8_t *dst, uint16_t *dst_len, const uint8_t *src,
		       size_t n)
{
	if (n > PPP_PROXY_VALUE_MAX)
		n = PPP_PROXY_VALUE_MAX;
	memcpy(dst, src, n);
	*dst_len = (uint16_t)n;
}

/* Freeze for forwarding: the owner relays from now on. */
static void enter_forward(struct ppp_session *s, const char *shown_name)
{
	strncpy(s->peer_name, shown_name, sizeof(s->peer_name) - 1);
	s->peer_name[sizeof(s->peer_name) - 1] = '\0';
	timer_cancel(&s->retry_timer);
	timer_cancel(&s->auth_phase_timer);
	timer_cancel(&s->close_timer);
	timer_cancel(&s->cb_timer);
	if (s->chap)
		timer_cancel(&s->chap->auth_timer);
	if (s->pap) {
		timer_cancel(&s->pap->auth_timer);
		timer_cancel(&s->pap->peer_timer);
	}
	lcp_suspend(&s->lcp);
	ppp_session_set_phase(s, PPP_PHASE_FORWARD, NULL, false);
}

static bool ask_owner(struct ppp_session *s, struct ppp_proxy_auth *pa)
{
	enum ppp_fwd_decision d = s->ops->auth_forward(s->ctx, pa);

	memset(pa, 0, sizeof(*pa)); /* the response or password */
	return d == PPP_FWD_FORWARD;
}

static bool may_forward(const struct ppp_session *s)
{
	/* An LNS session never forwards what it got from a LAC. */
	return s->ops->auth_forward && !s->lns_proxy;
}

bool ppp_l2tp_chap_forward(struct ppp_session *s, const struct chap_response *r)
{
	struct ppp_proxy_auth pa;

	if (!may_forward(s))
		return false;
	memset(&pa, 0, sizeof(pa));
	pa.type = PPP_PROXY_AUTH_CHAP;
	pa.id = r->id;
	copy_name(&pa, r->name);
	copy_value(pa.challenge, &pa.challenge_len, r->challenge,
		   r->challenge_len);
	copy_value(pa.response, &pa.response_len, r->response, r->response_len);
	if (!ask_owner(s, &pa))
		return false;
	enter_forward(s, s->chap->peer_name);
	return true;
}

bool ppp_l2tp_pap_forward(struct ppp_session *s, const char *user,
			  const uint8_t *passwd, size_t passwd_len)
{
	struct ppp_proxy_auth pa;

	if (!may_forward(s))
		return false;
	memset(&pa, 0, sizeof(pa));
	pa.type = PPP_PROXY_AUTH_PAP;
	pa.id = s->pap->auth_id;
	copy_name(&pa, user);
	copy_value(pa.response, &pa.response_len, passwd, passwd_len);
	if (!ask_owner(s, &pa))
		return false;
	enter_forward(s, s->pap->peer_name);
	return true;
}

void ppp_l2tp_forward_input(struct ppp_session *s, const uint8_t *frame,
			    size_t len)
{
	if (s->ops->forward_input)
		s->ops->forward_input(s->ctx, frame, len);
	else
		s->stats.rx_discards++;
}

bool ppp_session_proxy_lcp(const struct ppp_session *s,
			   struct ppp_proxy_lcp *out)
{
	if (!s->lcp.rec) {
		memset(out, 0, sizeof(*out));
		return false;
	}
	out->initial_rcvd = s->lcp.rec->initial_rcvd;
	out->last_sent = s->lcp.rec->last_sent;
	out->last_rcvd = s->lcp.rec->last_rcvd;
	return out->last_sent.present && out->last_rcvd.present;
}

void ppp_session_forward_fail(struct ppp_session *s, const char *reason)
{
	if (s->phase != PPP_PHASE_FORWARD)
		return;
	s->down_reason = reason ? reason : "VPDN forwarding failed";
	s->fwd_failed = true;
	/* Back where the Response left us, silently: IOS shows the failure
	 * and then "Phase is TERMINATING". */
	ppp_session_set_phase(s, PPP_PHASE_AUTHENTICATE, NULL, true);
	if (s->lcp.neg.auth_by_us == LCP_AUTH_CHAP_MD5 && s->chap)
		chap_auth_result(s->chap, false, NULL);
	else if (s->lcp.neg.auth_by_us == LCP_AUTH_PAP && s->pap)
		pap_auth_result(s->pap, false, NULL);
	/* The failure closed LCP through auth_failed(); should the
	 * authenticator not have been waiting, close it here. */
	if (lcp_is_open(&s->lcp))
		lcp_close(&s->lcp, s->down_reason);
}

/* ---- LNS ----------------------------------------------------------------- */

static bool span_ok(const struct lcp_proxy_span *sp)
{
	return sp->present && sp->len <= sizeof(sp->opts);
}

/*
 * Adopt the proxy LCP or renegotiate?  True with *p filled to adopt;
 * false with *why.  The `on-mismatch` test compares the LAC's side with
 * what our own Configure-Request would say: the first `ppp
 * authentication` protocol (or none) and the MRU.
 */
static bool proxy_decide(const struct ppp_session *s,
			 const struct ppp_proxy_lcp *pl, unsigned flags,
			 struct lcp_proxy *p, const char **why)
{
	const struct lcp_cfg *c = &s->cfg.lcp;
	uint16_t our_mru, their_mru;

	if (flags & PPP_PROXY_RENEG_ALWAYS) {
		*why = "lcp renegotiation always";
		return false;
	}
	if (!pl || !pl->last_sent.present || !pl->last_rcvd.present) {
		*why = "no proxy LCP";
		return false;
	}
	if (!span_ok(&pl->last_sent) || !span_ok(&pl->last_rcvd)) {
		*why = "proxy LCP too long";
		return false;
	}
	if (!lcp_proxy_check(&s->lcp, pl->last_sent.opts, pl->last_sent.len,
			     pl->last_rcvd.opts, pl->last_rcvd.len, p, why))
		return false;
	if (!(flags & PPP_PROXY_RENEG_ON_MISMATCH))
		return true;
	if (p->auth != c->auth_require[0]) {
		*why = "authentication protocol mismatch";
		return false;
	}
	our_mru = c->mru ? c->mru : PPP_MRU_DEFAULT;
	their_mru = p->want.mru ? p->want.mru_val : PPP_MRU_DEFAULT;
	if (our_mru != their_mru) {
		*why = "MRU mismatch";
		return false;
	}
	return true;
}

static void proxy_authenticate_now(struct ppp_session *s);

/* Up and Open with the automaton's passive flag forced to `silent`,
 * then restored to the configured one. */
static void lcp_start(struct ppp_session *s, bool silent, bool keep)
{
	struct cp_fsm_cfg fc = s->lcp.fsm.cfg;
	bool configured = fc.silent;

	fc.silent = silent;
	cp_fsm_set_cfg(&s->lcp.fsm, &fc);
	lcp_lower_up(&s->lcp);
	lcp_open(&s->lcp);
	if (!keep) {
		fc.silent = configured;
		cp_fsm_set_cfg(&s->lcp.fsm, &fc);
	}
}

void ppp_session_start_proxy(struct ppp_session *s,
			     const struct ppp_proxy_lcp *lcp,
			     const struct ppp_proxy_auth *auth, unsigned flags)
{
	struct lcp_proxy p;
	struct ppp_proxy_auth pa_copy;
	const char *why = "no proxy LCP";
	bool adopt = proxy_decide(s, lcp, flags, &p, &why);

	s->lns_proxy = true;
	log_dbg(s->log, DBG_PPP_NEGOTIATION, "%s PPP: Using set call direction",
		s->cfg.ifshort);
	if (!adopt) {
		/* The caller's LCP is Opened with the LAC and will not send
		 * a Configure-Request: ours has to start it over. */
		ppp_session_begin(s, false);
		log_dbg(s->log, DBG_VPDN_EVENTS,
			"%s VPDN: PPP LCP renegotiation: %s", s->cfg.ifshort,
			why);
		lcp_start(s, false, true);
		return;
	}
	/* Seed 004: a passive open ("State is Listen"), then the LAC's
	 * request as if it had been received and Acked both ways. */
	ppp_session_begin(s, true);
	lcp_start(s, true, false);
	log_dbg(s->log, DBG_PPP_NEGOTIATION, "%s LCP: I FORCED CONFREQ len %u",
		s->cfg.ifshort, lcp->last_sent.len);
	{
		struct rd opts =
			rd_init(lcp->last_sent.opts, lcp->last_sent.len);
		lcp_print_opts(s->log, s->cfg.ifshort, &opts);
	}
	log_dbg(s->log, DBG_VPDN_EVENTS,
		"%s VPDN: PPP LCP accepted rcv CONFACK", s->cfg.ifshort);
	log_dbg(s->log, DBG_VPDN_EVENTS,
		"%s VPDN: PPP LCP accepted sent CONFACK", s->cfg.ifshort);
	if (auth) {
		pa_copy = *auth;
		s->proxy_auth = &pa_copy;
	}
	/* Opened: lcp_up_cb() starts authentication, with the proxy. */
	if (!lcp_proxy_open(&s->lcp, &p))
		log_err(s->log,
			"%s: proxy LCP could not be adopted in LCP "
			"state %s",
			s->cfg.ifname, cp_fsm_state_name(&s->lcp.fsm));
	proxy_authenticate_now(s);
	s->proxy_auth = NULL;
	memset(&pa_copy, 0, sizeof(pa_copy));
}

/* Proxy values a verification can use: a name, and for CHAP a challenge
 * and an MD5-sized response (RFC 1994 §4.1); a PAP password may be
 * empty. */
static bool proxy_auth_usable(const struct ppp_proxy_auth *pa, enum lcp_auth a)
{
	if (pa->name_len == 0 || pa->name_len > PPP_PROXY_VALUE_MAX ||
	    memchr(pa->name, '\0', pa->name_len))
		return false;
	if (a == LCP_AUTH_CHAP_MD5)
		return pa->type == PPP_PROXY_AUTH_CHAP &&
		       pa->challenge_len >= 1 &&
		       pa->challenge_len <= PPP_PROXY_VALUE_MAX &&
		       pa->response_len == CHAP_MD5_LEN;
	if (a == LCP_AUTH_PAP)
		return pa->type == PPP_PROXY_AUTH_PAP &&
		       pa->response_len <= PPP_PROXY_VALUE_MAX;
	return false;
}

/* Feed the proxy PAP request to the authenticator as the packet the
 * caller sent the LAC (RFC 1334 §2.2.1), so that it is logged, judged and
 * answered exactly as a received one. */
static void proxy_pap(struct ppp_session *s, struct ppp_proxy_auth *pa)
{
	uint8_t pkt[CP_HDR_LEN + 2 + 2 * PPP_PROXY_VALUE_MAX];
	struct wr w = wr_init(pkt, sizeof(pkt));

	wr_u8(&w, PAP_AUTH_REQ);
	wr_u8(&w, pa->id);
	wr_u16(&w,
	       (uint16_t)(CP_HDR_LEN + 2 + pa->name_len + pa->response_len));
	wr_u8(&w, (uint8_t)pa->name_len);
	wr_bytes(&w, pa->name, pa->name_len);
	wr_u8(&w, (uint8_t)pa->response_len);
	wr_bytes(&w, pa->response, pa->response_len);
	pap_start_authenticator(s->pap);
	if (wr_ok(&w))
		pap_input(s->pap, pkt, w.len);
	memset(pkt, 0, sizeof(pkt));
}

bool ppp_l2tp_proxy_authenticate(struct ppp_session *s)
{
	enum lcp_auth a = s->lcp.neg.auth_by_us;

	if (!s->proxy_auth)
		return false;
	if (proxy_auth_usable(s->proxy_auth, a)) {
		s->proxy_auth_go = true;
		return true;
	}
	if (a != LCP_AUTH_NONE)
		log_dbg(s->log, DBG_VPDN_EVENTS,
			"%s VPDN: proxy authentication not usable, "
			"authenticating the peer",
			s->cfg.ifshort);
	memset(s->proxy_auth, 0, sizeof(*s->proxy_auth));
	s->proxy_auth = NULL;
	return false;
}

/* Run the proxy authentication lcp_up_cb() accepted.  Not from inside LCP
 * (This-Layer-Up): a verdict that comes at once (AAA out of memory)
 * closes LCP, which must not happen inside its own automaton. */
static void proxy_authenticate_now(struct ppp_session *s)
{
	struct ppp_proxy_auth *pa = s->proxy_auth;

	if (!s->proxy_auth_go || !pa)
		return;
	s->proxy_auth_go = false;
	/* lcp_up_cb() allocated the authenticator before accepting. */
	if (s->lcp.neg.auth_by_us == LCP_AUTH_CHAP_MD5 && s->chap) {
		struct chap_response r = {
			.name = pa->name,
			.id = pa->id,
			.challenge = pa->challenge,
			.challenge_len = pa->challenge_len,
			.response = pa->response,
			.response_len = pa->response_len,
		};
		pa->name[pa->name_len] = '\0';
		chap_start_proxy(s->chap, s->cfg.chap_name, &r);
	} else if (s->lcp.neg.auth_by_us == LCP_AUTH_PAP && s->pap) {
		proxy_pap(s, pa);
	}
	memset(pa, 0, sizeof(*pa));
}
