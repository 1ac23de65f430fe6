/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_callback.c - the Callback phase of a PPP session (between
 * Authenticate and Network), both roles.  Facts: shared/reference/
 * callback.md §1-§4 and §12.
 *
 * Server (nasd, `ppp callback accept` / `ppp callback initiate`):
 *   - LCP: the Callback option is Acked for RFC 1570 operations 0, 1, 3
 *     and Microsoft's 6 where `ppp callback accept` is configured
 *     (IOS's set, callback.md §3.3), Naked with operation 0 for the others
 *     (2, 4, unknown), Rejected where callback is not accepted.  Nothing is
 *     dialled before authentication has succeeded (§12.9).
 *   - After authentication, the network authorisation of the user (AAA
 *     `callback-dialstring`, `callback-rotary`, `callback-line`) decides:
 *     no dialstring → no callback, the call simply goes on; "" → the client
 *     names the number (CBCP type 2, or the RFC 1570 op 1/3 Message); a
 *     number → that number and no other (toll-fraud guard, seed 003).
 *   - CBCP (op 6): Request / Response / Ack (cbcp.c), then wait for the
 *     client's Terminate-Request ("MCB: Peer terminating the link", "MCB:
 *     Link terminated by peer, Callback Needed", seed 001).  A client that
 *     does not terminate within cbcp_term_wait_ms is terminated by us and
 *     still called back.
 *   - RFC 1570 (op 0, 1, 3) and `ppp callback initiate`: we terminate LCP
 *     ourselves right after authentication ("both routers drop the
 *     connection", Cisco) and call back.  A user not authorised for
 *     callback who asks with RFC 1570 is not called back and stays
 *     connected, as IOS does without `dialer callback-secure` (seed 002).
 *   - Never on a return call (cfg.return_call): CBCP then offers "no
 *     callback" only, RFC 1570 requests are declined.
 *   - On a dialer (DDR, seed 002) the owner decides instead of AAA
 *     (ops->callback_decide): after authentication, on every call that
 *     is not a return call, it answers continue, call back (at the
 *     number of its `dialer map`) or disconnect (`dialer
 *     callback-secure`); CBCP is not offered there.
 *   The owner learns that the call must end for a callback through
 *   ops->callback_needed and places the return call; the session never
 *   dials.
 *
 * Client (nasdial, DDR's `ppp callback request`): asks with op 6 or op 0;
 * CBCP as the caller; after a CBCP Ack with a number it sends
 * Terminate-Request ("Call me back"); with op 0 (or callback_expect) the
 * server ending the link after authentication, before IPCP opened, means
 * the return call is coming.  Either way ops->callback_agreed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ppp_session_int.h"

#define TERM_WAIT_MS_DEFAULT 10000

static const char *const kind_names[PPP_CB_KIND__COUNT] = {
#define PPP_CB_KIND_NAME(e, s) [e] = s,
	PPP_CB_KINDS(PPP_CB_KIND_NAME)
#undef PPP_CB_KIND_NAME
};

static const char *const state_names[PPP_CBST__COUNT] = {
#define PPP_CB_STATE_NAME(e, s) [e] = s,
	PPP_CB_STATES(PPP_CB_STATE_NAME)
#undef PPP_CB_STATE_NAME
};

const char *ppp_cb_kind_name(enum ppp_cb_kind k)
{
	return (unsigned)k < PPP_CB_KIND__COUNT ? kind_names[k] : "?";
}

const char *ppp_cb_state_name(enum ppp_cb_state st)
{
	return (unsigned)st < PPP_CBST__COUNT ? state_names[st] : "?";
}

static bool cb_debug(const struct ppp_session *s)
{
	return log_debug_on(s->log, DBG_PPP_CBCP) ||
	       log_debug_on(s->log, DBG_PPP_NEGOTIATION) ||
	       log_debug_on(s->log, DBG_CALLBACK);
}

#define CB_LOG(s, ...)                                                         \
	do {                                                                   \
		if (cb_debug(s))                                               \
			log_printf((s)->log, LOG_LVL_DEBUG, __VA_ARGS__);      \
	} while (0)

static bool is_client(const struct ppp_session *s)
{
	return s->cfg.cb_request != PPP_CBREQ_NONE;
}

/* ---- timers ----------------------------------------------------------------- */

static void report_needed(struct ppp_session *s)
{
	if (s->cb_reported)
		return;
	s->cb_reported = true;
	if (s->ops->callback_needed)
		s->ops->callback_needed(s->ctx, &s->cb);
}

static void cb_timer_cb(void *arg)
{
	struct ppp_session *s = arg;

	switch (s->cb.state) {
	case PPP_CBST_AGREED:
		/* CBCP agreed but the client never sent Terminate-Request:
		 * end the call ourselves; the callback still happens. */
		CB_LOG(s, "%s MCB: No Terminate-Request from the peer, "
			  "terminating the link",
		       s->cfg.ifshort);
		ppp_session_close_later(s, "Callback");
		break;
	case PPP_CBST_NEEDED:
		report_needed(s);
		break;
	default:
		break;
	}
}

void ppp_cb_init(struct ppp_session *s)
{
	timer_init(&s->cb_timer, s->ts, cb_timer_cb, s);
	s->cb.authz.rotary = -1;
	s->cb.authz.line_first = s->cb.authz.line_last = -1;
}

void ppp_cb_fini(struct ppp_session *s)
{
	timer_cancel(&s->cb_timer);
	if (s->cbcp_running) {
		cbcp_stop(s->cbcp);
		s->cbcp_running = false;
	}
	free(s->cbcp);
	s->cbcp = NULL;
}

/* The session's CBCP state, allocated by the first run (most calls never
 * negotiate CBCP) and kept for `show` until the session is freed. */
static bool cbcp_alloc(struct ppp_session *s)
{
	if (!s->cbcp)
		s->cbcp = calloc(1, sizeof(*s->cbcp));
	if (s->cbcp)
		return true;
	log_err(s->log, "%s: out of memory for CBCP, no callback",
		s->cfg.ifname);
	return false;
}

/* ---- LCP option --------------------------------------------------------------- */

enum lcp_cb_verdict ppp_cb_lcp_option(struct ppp_session *s,
				      const struct lcp_callback *cb,
				      uint8_t *nak_op)
{
	/* Without an owner that can place the return call (ops->
	 * callback_needed) there is nothing to accept. */
	if (!s->cfg.callback_accept || is_client(s) ||
	    (!s->ops->callback_needed && !s->ops->callback_decide)) {
		log_dbg(s->log, DBG_PPP_NEGOTIATION,
			"%s LCP: Callback %u refused: callback not enabled",
			s->cfg.ifshort, cb->op);
		return LCP_CB_REJECT;
	}
	/* IOS as a server: RFC 1570 operations 0, 1, 3 and Microsoft's 6.
	 * 2 (location identifier) and 4 (X.500 name) have no meaning for a
	 * dial-up server. */
	switch (cb->op) {
	case LCP_CB_AUTH:
	case LCP_CB_DIALSTR:
	case LCP_CB_E164:
		return LCP_CB_ACK;
	case LCP_CB_CBCP:
		/* A dialer decides by its maps (callback_decide), which
		 * know no CBCP: suggest operation 0 like for the others. */
		if (!s->ops->callback_decide)
			return LCP_CB_ACK;
		break;
	default:
		break;
	}
	/* A location identifier (2), an X.500 name (4) or anything newer
	 * means nothing to us: suggest the number from the user's
	 * authentication profile instead (RFC 1570 §2.3 op 0), as FreeBSD's
	 * ppp does; a peer that cannot do op 0 drops the option after the
	 * Nak (or gets it Rejected once Max-Failure is reached). */
	log_dbg(s->log, DBG_PPP_NEGOTIATION,
		"%s LCP: Callback %u not supported, suggesting 0 "
		"(location by authentication)",
		s->cfg.ifshort, cb->op);
	*nak_op = LCP_CB_AUTH;
	return LCP_CB_NAK;
}

/* ---- CBCP glue -------------------------------------------------------------------- */

static void cbcp_send_cb(void *ctx, const uint8_t *pkt, size_t len)
{
	ppp_session_send_proto(ctx, PPP_PROTO_CBCP, pkt, len);
}

static void cbcp_done_cb(void *ctx, const struct cbcp_result *r)
{
	struct ppp_session *s = ctx;

	if (!r->ok) {
		s->cb.state = PPP_CBST_FAILED;
		log_notice(s->log, "%s: callback negotiation with %s failed: %s",
			   s->cfg.ifname,
			   s->peer_name[0] ? s->peer_name : "the peer",
			   r->reason ? r->reason : "?");
		ppp_session_close_later(s, "Callback negotiation failed");
		return;
	}
	if (r->type == CBCP_TYPE_NONE) {
		s->cb.state = PPP_CBST_DECLINED;
		ppp_session_start_network(s);
		return;
	}
	s->cb.state = PPP_CBST_AGREED;
	s->cb.delay_s = r->delay_s;
	snprintf(s->cb.number, sizeof(s->cb.number), "%s", r->number);
	if (is_client(s)) {
		CB_LOG(s, "%s MCB: Callback agreed%s%s, delay %u: terminating "
			  "the link",
		       s->cfg.ifshort, r->number[0] ? " at " : "", r->number,
		       r->delay_s);
		if (s->ops->callback_agreed)
			s->ops->callback_agreed(s->ctx, r->number, r->delay_s);
		s->cb_reported = true;
		ppp_session_close_later(s, "Call me back");
		return;
	}
	/* [MS-CBCP] 1.4: the caller ends the call; we wait for it. */
	timer_arm(&s->cb_timer, s->cfg.cbcp_term_wait_ms
					? s->cfg.cbcp_term_wait_ms
					: TERM_WAIT_MS_DEFAULT);
}

static void cbcp_ask_cb(void *ctx, unsigned offer)
{
	struct ppp_session *s = ctx;

	if (s->ops->cbcp_ask)
		s->ops->cbcp_ask(s->ctx, offer);
	else
		cbcp_client_answer(s->cbcp, NULL);
}

static const struct cbcp_ops session_cbcp_ops = {
	.send = cbcp_send_cb,
	.done = cbcp_done_cb,
	.ask = cbcp_ask_cb,
};

static void start_cbcp_server(struct ppp_session *s)
{
	struct cbcp_server_cfg sc;
	const struct aaa_authz *z = &s->authz;

	memset(&sc, 0, sizeof(sc));
	if (s->cfg.return_call || !z->done || !z->callback) {
		/* Not authorised (or already the return call): the Request
		 * offers "no callback" and the call goes on. */
		sc.offer_none = true;
	} else if (!z->dialstring[0]) {
		sc.offer_user = true; /* seed 001: "Client ANY" */
	} else {
		sc.offer_admin = true; /* the server's number wins */
		snprintf(sc.admin_number, sizeof(sc.admin_number), "%s",
			 z->dialstring);
	}
	snprintf(sc.user, sizeof(sc.user), "%s", s->peer_name);
	sc.first_id = s->cfg.cbcp_first_id;
	sc.max_requests = s->cfg.cbcp_max_requests;
	sc.ack_id = s->cfg.cbcp_ack_id;
	cbcp_init(s->cbcp, CBCP_ROLE_SERVER, s->cfg.ifname, s->cfg.ifshort,
		  &sc, NULL, &session_cbcp_ops, s, s->ts, s->log);
	s->cbcp_running = true;
	s->cb.kind = PPP_CB_CBCP;
	s->cb.state = PPP_CBST_NEGOTIATING;
	ppp_session_set_phase(s, PPP_PHASE_CALLBACK, NULL, true);
	cbcp_start(s->cbcp);
	/* IOS 11.3 declares the line protocol up once the first Request is
	 * out (seed 001). */
	ppp_session_lineproto(s, true);
}

static void start_cbcp_client(struct ppp_session *s)
{
	cbcp_init(s->cbcp, CBCP_ROLE_CLIENT, s->cfg.ifname, s->cfg.ifshort,
		  NULL, &s->cfg.cbcp_client, &session_cbcp_ops, s, s->ts,
		  s->log);
	s->cbcp_running = true;
	s->cb.state = PPP_CBST_NEGOTIATING;
	ppp_session_set_phase(s, PPP_PHASE_CALLBACK, NULL, false);
	cbcp_start(s->cbcp);
}

void ppp_cb_input(struct ppp_session *s, const uint8_t *pkt, size_t len)
{
	if (s->cbcp_running)
		cbcp_input(s->cbcp, pkt, len);
}

void ppp_session_cbcp_answer(struct ppp_session *s, const char *number)
{
	if (s->cbcp_running && is_client(s))
		cbcp_client_answer(s->cbcp, number);
}

/* ---- RFC 1570 and `ppp callback initiate` ------------------------------------------ */

/* Terminate now and call back at `number`. */
static void callback_now(struct ppp_session *s, enum ppp_cb_kind kind,
			 const char *number)
{
	s->cb.kind = kind;
	s->cb.state = PPP_CBST_NEEDED;
	snprintf(s->cb.number, sizeof(s->cb.number), "%s", number);
	CB_LOG(s, "%s PPP: %s for %s at %s: terminating the link",
	       s->cfg.ifshort, ppp_cb_kind_name(kind), s->peer_name, number);
	/* Tell the owner from a timer (we are inside the authentication
	 * answer); LCP is closed from another one. */
	timer_arm(&s->cb_timer, 0);
	ppp_session_close_later(s, "Callback");
}

static bool rfc1570_server(struct ppp_session *s)
{
	const struct lcp_callback *o = &s->lcp.neg.callback;
	const struct aaa_authz *z = &s->authz;
	const char *number;

	s->cb.kind = PPP_CB_RFC1570;
	if (s->cfg.return_call) {
		CB_LOG(s, "%s PPP: Callback requested on a return call: "
			  "ignored",
		       s->cfg.ifshort);
		s->cb.state = PPP_CBST_DECLINED;
		return false;
	}
	if (!z->done || !z->callback) {
		/* IOS without `dialer callback-secure`: an unauthorised
		 * caller is not called back and stays connected. */
		log_info(s->log,
			 "%s: user %s asked for callback (RFC 1570 operation "
			 "%u) but is not authorized for it: continuing "
			 "without callback",
			 s->cfg.ifname, s->peer_name, o->op);
		s->cb.state = PPP_CBST_DECLINED;
		return false;
	}
	/* A configured number wins over anything the client asked for; an
	 * empty one lets the client's op 1/3 Message name the number. */
	number = z->dialstring;
	if (!number[0] &&
	    (o->op == LCP_CB_DIALSTR || o->op == LCP_CB_E164))
		number = o->msg;
	if (!number[0]) {
		log_info(s->log,
			 "%s: user %s asked for callback but no number is "
			 "known (empty callback-dialstring, operation %u): "
			 "continuing without callback",
			 s->cfg.ifname, s->peer_name, o->op);
		s->cb.state = PPP_CBST_DECLINED;
		return false;
	}
	callback_now(s, PPP_CB_RFC1570, number);
	return true;
}

static bool initiate_server(struct ppp_session *s)
{
	const struct aaa_authz *z = &s->authz;

	if (s->cfg.return_call || !z->done || !z->callback ||
	    !z->dialstring[0])
		return false; /* not a callback user: the call goes on */
	callback_now(s, PPP_CB_INITIATE, z->dialstring);
	return true;
}

/* The owner decides (DDR, ops->callback_decide).  True when the call is
 * ending for it. */
static bool owner_decides(struct ppp_session *s)
{
	const struct lcp_callback *o = &s->lcp.neg.callback;
	bool requested = s->lcp.neg.peer_callback && s->cfg.callback_accept;
	const char *offered = "";
	char number[sizeof(s->cb.number)] = "";

	if (requested && (o->op == LCP_CB_DIALSTR || o->op == LCP_CB_E164))
		offered = o->msg;
	s->cb.kind = PPP_CB_RFC1570;
	switch (s->ops->callback_decide(s->ctx, s->peer_name, requested,
					offered, number, sizeof(number))) {
	case PPP_CBDEC_CALLBACK:
		callback_now(s, PPP_CB_RFC1570, number);
		return true;
	case PPP_CBDEC_DISCONNECT:
		s->cb.state = PPP_CBST_DECLINED;
		CB_LOG(s, "%s PPP: Callback security: %s is not called back, "
			  "terminating the link",
		       s->cfg.ifshort,
		       s->peer_name[0] ? s->peer_name : "the peer");
		ppp_session_close_later(s, "Callback security");
		return true;
	case PPP_CBDEC_CONTINUE:
		break;
	}
	if (requested)
		s->cb.state = PPP_CBST_DECLINED;
	else
		s->cb.kind = PPP_CB_NONE;
	return false;
}

bool ppp_cb_after_auth(struct ppp_session *s)
{
	const struct lcp_neg *n = &s->lcp.neg;

	snprintf(s->cb.user, sizeof(s->cb.user), "%s", s->peer_name);
	s->cb.authz = s->authz;
	if (!is_client(s) && s->ops->callback_decide && !s->cfg.return_call)
		return owner_decides(s);
	if (is_client(s)) {
		if (s->cfg.cb_request == PPP_CBREQ_CBCP && n->our_callback &&
		    n->our_callback_op == LCP_CB_CBCP && cbcp_alloc(s)) {
			start_cbcp_client(s);
			return true;
		}
		return false; /* op 0: the server decides (ppp_cb_lcp_down) */
	}
	if (n->peer_callback) {
		if (n->callback.op == LCP_CB_CBCP) {
			if (!cbcp_alloc(s))
				return false;
			start_cbcp_server(s);
			return true;
		}
		return rfc1570_server(s);
	}
	if (s->cfg.callback_initiate && s->ops->callback_needed)
		return initiate_server(s);
	return false;
}

/* ---- the end of the call ------------------------------------------------------------ */

/* Client: the server ended the call after our authentication and before
 * IPCP: the return call is coming (RFC 1570 op 0, or a server with `ppp
 * callback initiate`).  Runs before the phase changes. */
static void client_down(struct ppp_session *s)
{
	bool asked = s->cfg.cb_request == PPP_CBREQ_RFC1570 &&
		     s->lcp.neg.our_callback;

	if (!s->peer_term || s->cb_reported || s->ipcp_was_open ||
	    (s->phase != PPP_PHASE_NETWORK &&
	     s->phase != PPP_PHASE_CALLBACK) ||
	    !(asked || s->cfg.callback_expect))
		return;
	s->cb.kind = asked ? PPP_CB_RFC1570 : PPP_CB_INITIATE;
	s->cb.state = PPP_CBST_AGREED;
	s->cb_reported = true;
	CB_LOG(s, "%s PPP: The server ended the call after authentication: "
		  "waiting for the callback",
	       s->cfg.ifshort);
	if (s->ops->callback_agreed)
		s->ops->callback_agreed(s->ctx, "", 0);
}

void ppp_cb_lcp_down(struct ppp_session *s, bool before)
{
	bool server_cbcp = s->cb.kind == PPP_CB_CBCP && !is_client(s);

	if (before) {
		if (server_cbcp && s->cb.state == PPP_CBST_AGREED &&
		    s->peer_term)
			CB_LOG(s, "%s MCB: Peer terminating the link",
			       s->cfg.ifshort);
		client_down(s);
		return;
	}
	if (s->cbcp_running) {
		cbcp_stop(s->cbcp);
		s->cbcp_running = false;
	}
	if (server_cbcp && s->cb.state == PPP_CBST_AGREED) {
		timer_cancel(&s->cb_timer);
		s->cb.state = PPP_CBST_NEEDED;
		s->cb.peer_terminated = s->peer_term;
		if (s->peer_term)
			CB_LOG(s, "%s MCB: Link terminated by peer, Callback "
				  "Needed",
			       s->cfg.ifshort);
		/* Not from inside the LCP automaton: the owner hangs up. */
		timer_arm(&s->cb_timer, 0);
	}
}

const struct ppp_callback *ppp_session_callback(const struct ppp_session *s)
{
	return &s->cb;
}
