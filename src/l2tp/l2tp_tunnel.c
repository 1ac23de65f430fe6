/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_tunnel.c - the control connection FSM (RFC 2661 §5.1, §7.2), both
 * roles: initiator (SCCRQ → wait-ctl-reply → SCCRP → SCCCN →
 * established) and responder (SCCRQ → SCCRP, wait-ctl-conn → SCCCN →
 * established); tunnel authentication both ways (§4.4.3 / §5.1.1, StopCCN
 * Result 4 on a missing or wrong response); the Tie Breaker (§4.4.3:
 * lower wins, equal → both discard); StopCCN both ways with the 31 s hold
 * (§5.7); the dispatch of every in-sequence control message, including
 * the unknown-mandatory-AVP rule (§4.1: Result 2 / Error 8, tunnel or
 * session by message kind).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_int.h"

#define CHALLENGE_LEN 16

static void hold_cb(void *arg);

struct l2tp_secret l2tp_tunnel_secret(const struct l2tp_tunnel *tunnel)
{
	struct l2tp_secret s = {.p = tunnel->cfg.secret,
				.len = tunnel->cfg.secret_len};

	return s;
}

static void cfg_normalize(struct l2tp_tunnel_cfg *cfg)
{
	if (!cfg->local_name[0])
		snprintf(cfg->local_name, sizeof(cfg->local_name), "nasd");
	cfg->local_name[sizeof(cfg->local_name) - 1] = '\0';
	cfg->vendor_name[sizeof(cfg->vendor_name) - 1] = '\0';
	if (cfg->secret_len > sizeof(cfg->secret))
		cfg->secret_len = sizeof(cfg->secret);
	if (!cfg->rx_window)
		cfg->rx_window = L2TP_DEF_RX_WINDOW;
	if (!cfg->framing_caps)
		cfg->framing_caps = L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC;
	if (!cfg->hello_s)
		cfg->hello_s = L2TP_DEF_HELLO_S;
	if (!cfg->rtx_min_ms)
		cfg->rtx_min_ms = L2TP_DEF_RTX_MIN_MS;
	if (!cfg->rtx_max_ms)
		cfg->rtx_max_ms = L2TP_DEF_RTX_MAX_MS;
	/* §5.8: a cap on the backoff must not be under 8 s. */
	if (cfg->rtx_max_ms < 8000)
		cfg->rtx_max_ms = 8000;
	if (cfg->rtx_max_ms < cfg->rtx_min_ms)
		cfg->rtx_max_ms = cfg->rtx_min_ms;
	if (!cfg->retries)
		cfg->retries = L2TP_DEF_RETRIES;
	if (!cfg->zlb_delay_ms)
		cfg->zlb_delay_ms = L2TP_DEF_ZLB_DELAY_MS;
	if (cfg->hide_pad_max > 16)
		cfg->hide_pad_max = 16;
}

static struct l2tp_tunnel *tunnel_new(struct l2tp *l2tp,
				      const struct l2tp_peer *peer,
				      const struct l2tp_tunnel_cfg *cfg,
				      bool initiator)
{
	struct l2tp_tunnel *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	if (!l2tp_htab_init(&t->sessions, 16)) {
		free(t);
		return NULL;
	}
	t->node.id = l2tp_alloc_id(l2tp, &l2tp->tunnels);
	if (!t->node.id) {
		l2tp_htab_fini(&t->sessions);
		free(t);
		return NULL;
	}
	t->l2tp = l2tp;
	t->cfg = *cfg;
	cfg_normalize(&t->cfg);
	t->peer = *peer;
	t->initiator = initiator;
	t->state = L2TP_TUNNEL_IDLE;
	t->last_change_ms = timers_now(l2tp->timers);
	l2tp_rel_init(t);
	timer_init(&t->t_hold, l2tp->timers, hold_cb, t);
	l2tp_htab_add(&l2tp->tunnels, &t->node);
	t->next = l2tp->tunnel_list;
	if (t->next)
		t->next->prev = t;
	l2tp->tunnel_list = t;
	l2tp->ntunnels++;
	return t;
}

void l2tp_tunnel_set_state(struct l2tp_tunnel *tunnel,
			   enum l2tp_tunnel_state state)
{
	if (tunnel->state == state)
		return;
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
		  "Tunnel state change from %s to %s",
		  l2tp_tunnel_state_name(tunnel->state),
		  l2tp_tunnel_state_name(state));
	tunnel->state = state;
	tunnel->last_change_ms = timers_now(tunnel->l2tp->timers);
}

static void sm_state(const struct l2tp_tunnel *tunnel)
{
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "SM State %s",
		  l2tp_tunnel_state_name(tunnel->state));
}

int l2tp_ctl_send(struct l2tp_tunnel *tunnel, uint16_t session_id,
		  struct l2tp_msg *m)
{
	struct l2tp *l2tp = tunnel->l2tp;
	uint8_t b[L2TP_CTRL_MAX];
	struct wr w = wr_init(b, sizeof(b));
	struct l2tp_hdr h = {
		.control = true,
		.has_length = true,
		.has_seq = true,
		.tunnel_id = m->type == L2TP_MSG_SCCRQ ? 0 : tunnel->remote_id,
		.session_id = session_id,
		.ns = tunnel->rel.ns_next,
		.nr = tunnel->rel.nr,
	};
	struct l2tp_secret secret = l2tp_tunnel_secret(tunnel);
	struct l2tp_rng rng = {.fill = l2tp->ops->random, .ctx = l2tp->ctx};

	if (tunnel->cfg.hide_avps)
		m->hidden |= (uint64_t)1 << L2TP_AVP_PROXY_AUTH_NAME |
			     (uint64_t)1 << L2TP_AVP_PROXY_AUTH_RESPONSE;
	l2tp_hdr_write(&w, &h);
	if (!l2tp_msg_write(&w, m, &secret, &rng, tunnel->cfg.hide_pad_max)) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "%s does not fit in a message, not sent",
			  l2tp_msg_name(m->type));
		return -EMSGSIZE;
	}
	l2tp_hdr_patch_length(&w);
	h.length = (uint16_t)w.len;
	l2tp_print_msg(tunnel, true, &h, m);
	return l2tp_rel_send(tunnel, m->type, b, w.len);
}

static void result_init(struct l2tp_result *r, uint16_t result, uint16_t error,
			bool by_peer, const char *reason)
{
	memset(r, 0, sizeof(*r));
	r->result = result;
	r->error = error;
	r->by_peer = by_peer;
	r->reason = reason;
}

/* Enter shutting-down: sessions go, the glue hears, the hold starts. */
static void go_down(struct l2tp_tunnel *tunnel, const struct l2tp_result *why)
{
	struct l2tp *l2tp = tunnel->l2tp;

	if (tunnel->state == L2TP_TUNNEL_SHUTTING_DOWN || tunnel->dead)
		return;
	l2tp_sessions_tunnel_down(tunnel, true, "tunnel down");
	l2tp_tunnel_set_state(tunnel, L2TP_TUNNEL_SHUTTING_DOWN);
	timer_cancel(&tunnel->rel.t_hello);
	log_dbg(l2tp->log, DBG_VPDN_EVENTS,
		"L2TP: Tunnel %u to %s down: result %u error %u%s%s",
		tunnel->node.id, tunnel->remote_name, why->result, why->error,
		why->reason ? ", " : "", why->reason ? why->reason : "");
	if (tunnel->glue_knows && !tunnel->closed_by_glue &&
	    l2tp->ops->tunnel_down)
		l2tp->ops->tunnel_down(l2tp->ctx, tunnel, why);
	/* §5.7: keep the state one full retransmission cycle so a lost
	 * acknowledgement of the StopCCN can still be repeated. */
	timer_arm(&tunnel->t_hold, l2tp_rel_cycle_ms(tunnel));
}

static void hold_cb(void *arg)
{
	l2tp_reap_tunnel(arg);
}

static void send_stopccn(struct l2tp_tunnel *tunnel, uint16_t result,
			 uint16_t error, const char *reason)
{
	struct l2tp_msg m;
	struct l2tp_result why;

	if (tunnel->state == L2TP_TUNNEL_SHUTTING_DOWN || tunnel->dead)
		return;
	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_STOPCCN;
	l2tp_msg_set(&m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m.assigned_tunnel_id = tunnel->node.id;
	l2tp_msg_set(&m, L2TP_AVP_RESULT_CODE);
	m.result.result = result;
	m.result.has_error = error != 0;
	m.result.error = error;
	if (reason) {
		m.result.message.p = (const uint8_t *)reason;
		m.result.message.len = (uint16_t)strlen(reason);
	}
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "O StopCCN to %s tnlid %u",
		  tunnel->remote_name, tunnel->remote_id);
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "Result code(%u): %s", result,
		  l2tp_stopccn_result_name(result));
	if (error)
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "Error code(%u): %s",
			  error, l2tp_error_name(error));
	l2tp_ctl_send(tunnel, 0, &m);
	result_init(&why, result, error, false, reason);
	go_down(tunnel, &why);
}

void l2tp_tunnel_close(struct l2tp_tunnel *tunnel, uint16_t result,
		       uint16_t error)
{
	if (tunnel->state == L2TP_TUNNEL_SHUTTING_DOWN || tunnel->dead)
		return;
	tunnel->closed_by_glue = true;
	send_stopccn(tunnel, result ? result : L2TP_STOP_CLEAR, error, NULL);
}

void l2tp_tunnel_fail(struct l2tp_tunnel *tunnel, const char *reason)
{
	struct l2tp *l2tp = tunnel->l2tp;
	struct l2tp_result why;

	if (tunnel->dead)
		return;
	l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS, "Tunnel cleared: %s", reason);
	if (tunnel->state != L2TP_TUNNEL_SHUTTING_DOWN) {
		l2tp_sessions_tunnel_down(tunnel, true, reason);
		l2tp_tunnel_set_state(tunnel, L2TP_TUNNEL_SHUTTING_DOWN);
		result_init(&why, L2TP_STOP_ERROR, L2TP_ERR_NONE, false,
			    reason);
		if (tunnel->glue_knows && !tunnel->closed_by_glue &&
		    l2tp->ops->tunnel_down)
			l2tp->ops->tunnel_down(l2tp->ctx, tunnel, &why);
	}
	/* The peer is unreachable: no hold, nothing left to acknowledge. */
	l2tp_reap_tunnel(tunnel);
}

/* ---- SCCRQ / SCCRP / SCCCN --------------------------------------------- */

static void build_sccrx(struct l2tp_tunnel *tunnel, struct l2tp_msg *m,
			uint16_t type)
{
	const struct l2tp_tunnel_cfg *cfg = &tunnel->cfg;
	struct l2tp *l2tp = tunnel->l2tp;

	memset(m, 0, sizeof(*m));
	m->type = type;
	l2tp_msg_set(m, L2TP_AVP_PROTOCOL_VERSION);
	m->protocol_version = L2TP_PROTOCOL_VERSION;
	l2tp_msg_set(m, L2TP_AVP_HOST_NAME);
	m->host_name.p = (const uint8_t *)cfg->local_name;
	m->host_name.len = (uint16_t)strlen(cfg->local_name);
	l2tp_msg_set(m, L2TP_AVP_FRAMING_CAP);
	m->framing_cap = cfg->framing_caps;
	if (cfg->bearer_caps) {
		l2tp_msg_set(m, L2TP_AVP_BEARER_CAP);
		m->bearer_cap = cfg->bearer_caps;
	}
	l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m->assigned_tunnel_id = tunnel->node.id;
	l2tp_msg_set(m, L2TP_AVP_RX_WINDOW);
	m->rx_window = cfg->rx_window;
	if (cfg->firmware_rev) {
		l2tp_msg_set(m, L2TP_AVP_FIRMWARE_REV);
		m->firmware_rev = cfg->firmware_rev;
	}
	if (cfg->vendor_name[0]) {
		l2tp_msg_set(m, L2TP_AVP_VENDOR_NAME);
		m->vendor_name.p = (const uint8_t *)cfg->vendor_name;
		m->vendor_name.len = (uint16_t)strlen(cfg->vendor_name);
	}
	if (cfg->authenticate && cfg->secret_len) {
		l2tp->ops->random(l2tp->ctx, tunnel->challenge, CHALLENGE_LEN);
		tunnel->sent_challenge = true;
		l2tp_msg_set(m, L2TP_AVP_CHALLENGE);
		m->challenge.p = tunnel->challenge;
		m->challenge.len = CHALLENGE_LEN;
	}
}

struct l2tp_tunnel *l2tp_tunnel_open(struct l2tp *l2tp,
				     const struct l2tp_peer *peer,
				     const struct l2tp_tunnel_cfg *cfg)
{
	struct l2tp_tunnel *t = tunnel_new(l2tp, peer, cfg, true);
	struct l2tp_msg m;

	if (!t)
		return NULL;
	t->glue_knows = true;
	sm_state(t);
	build_sccrx(t, &m, L2TP_MSG_SCCRQ);
	/* Always offer a Tie Breaker: two LACs/LNSes configured toward each
	 * other then end up with one tunnel (§4.4.3). */
	l2tp->ops->random(l2tp->ctx, t->tie_breaker, sizeof(t->tie_breaker));
	t->sent_tie_breaker = true;
	l2tp_msg_set(&m, L2TP_AVP_TIE_BREAKER);
	memcpy(m.tie_breaker, t->tie_breaker, sizeof(m.tie_breaker));
	l2tp_tlog(t, DBG_VPDN_L2X_EVENTS, "O SCCRQ");
	if (l2tp_ctl_send(t, 0, &m) < 0) {
		l2tp_reap_tunnel(t);
		return NULL;
	}
	l2tp_tunnel_set_state(t, L2TP_TUNNEL_WAIT_CTL_REPLY);
	sm_state(t);
	return t;
}

static void take_peer_info(struct l2tp_tunnel *tunnel, const struct l2tp_msg *m)
{
	tunnel->remote_id = m->assigned_tunnel_id;
	l2tp_span_str(tunnel->remote_name, sizeof(tunnel->remote_name),
		      m->host_name.p, m->host_name.len);
	tunnel->peer_framing_caps = m->framing_cap;
	tunnel->peer_has_bearer = l2tp_msg_has(m, L2TP_AVP_BEARER_CAP);
	tunnel->peer_bearer_caps = m->bearer_cap;
	if (l2tp_msg_has(m, L2TP_AVP_RX_WINDOW))
		tunnel->rel.peer_window = m->rx_window;
}

static bool response_ok(const struct l2tp_tunnel *tunnel,
			const struct l2tp_msg *m, uint8_t carrier_type)
{
	struct l2tp_secret s = l2tp_tunnel_secret(tunnel);
	uint8_t want[L2TP_CHAL_RESP_LEN];
	uint8_t diff = 0;

	if (!l2tp_msg_has(m, L2TP_AVP_CHALLENGE_RESPONSE))
		return false;
	l2tp_challenge_response(carrier_type, &s, tunnel->challenge,
				CHALLENGE_LEN, want);
	for (size_t i = 0; i < sizeof(want); i++)
		diff |= (uint8_t)(want[i] ^ m->challenge_response[i]);
	return diff == 0;
}

static void answer_challenge(struct l2tp_tunnel *tunnel,
			     const struct l2tp_msg *peer_msg,
			     struct l2tp_msg *reply)
{
	struct l2tp_secret s = l2tp_tunnel_secret(tunnel);

	l2tp_msg_set(reply, L2TP_AVP_CHALLENGE_RESPONSE);
	l2tp_challenge_response((uint8_t)reply->type, &s, peer_msg->challenge.p,
				peer_msg->challenge.len,
				reply->challenge_response);
}

static void auth_failed(struct l2tp_tunnel *tunnel, const char *why)
{
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
		  "Tunnel Authentication failure: %s", why);
	/* The reason also travels in the Result Code's message (§4.4.2),
	 * and tells the glue's log line why the tunnel went. */
	send_stopccn(tunnel, L2TP_STOP_NOT_AUTHORIZED, L2TP_ERR_NONE, why);
}

static void established(struct l2tp_tunnel *tunnel)
{
	struct l2tp *l2tp = tunnel->l2tp;

	sm_state(tunnel);
	l2tp_rel_start_hello(tunnel);
	tunnel->glue_knows = true;
	tunnel->was_established = true;
	log_dbg(l2tp->log, DBG_VPDN_EVENTS, "L2TP: Tunnel %u to %s up",
		tunnel->node.id, tunnel->remote_name);
	if (l2tp->ops->tunnel_up)
		l2tp->ops->tunnel_up(l2tp->ctx, tunnel);
	if (!tunnel->dead && tunnel->state == L2TP_TUNNEL_ESTABLISHED)
		l2tp_sessions_tunnel_up(tunnel);
}

static void handle_sccrp(struct l2tp_tunnel *tunnel, const struct l2tp_msg *m)
{
	bool authed = false;
	struct l2tp_msg reply;

	take_peer_info(tunnel, m);
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "I SCCRP from %s",
		  tunnel->remote_name);
	if (m->protocol_version != L2TP_PROTOCOL_VERSION) {
		send_stopccn(tunnel, L2TP_STOP_BAD_VERSION, 0, NULL);
		return;
	}
	memset(&reply, 0, sizeof(reply));
	reply.type = L2TP_MSG_SCCCN;
	if (l2tp_msg_has(m, L2TP_AVP_CHALLENGE)) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
			  "Got a challenge from remote peer, %s",
			  tunnel->remote_name);
		if (!tunnel->cfg.secret_len) {
			auth_failed(tunnel, "no tunnel password to answer");
			return;
		}
		answer_challenge(tunnel, m, &reply);
		authed = true;
	}
	if (tunnel->sent_challenge) {
		if (!l2tp_msg_has(m, L2TP_AVP_CHALLENGE_RESPONSE)) {
			auth_failed(tunnel, "no response from remote peer");
			return;
		}
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
			  "Got a response from remote peer, %s",
			  tunnel->remote_name);
		if (!response_ok(tunnel, m, L2TP_MSG_SCCRP)) {
			auth_failed(tunnel, "response mismatch");
			return;
		}
		authed = true;
	}
	if (authed)
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
			  "Tunnel Authentication success");
	l2tp_tunnel_set_state(tunnel, L2TP_TUNNEL_ESTABLISHED);
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "O SCCCN to %s tnlid %u",
		  tunnel->remote_name, tunnel->remote_id);
	l2tp_ctl_send(tunnel, 0, &reply);
	established(tunnel);
}

static void handle_scccn(struct l2tp_tunnel *tunnel, const struct l2tp_msg *m)
{
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "I SCCCN from %s tnl %u",
		  tunnel->remote_name, tunnel->remote_id);
	if (tunnel->sent_challenge) {
		if (!l2tp_msg_has(m, L2TP_AVP_CHALLENGE_RESPONSE)) {
			auth_failed(tunnel, "no Challenge Response in SCCCN");
			return;
		}
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
			  "Got a Challenge Response in SCCCN from %s",
			  tunnel->remote_name);
		if (!response_ok(tunnel, m, L2TP_MSG_SCCCN)) {
			auth_failed(tunnel, "response mismatch");
			return;
		}
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
			  "Tunnel Authentication success");
	}
	l2tp_tunnel_set_state(tunnel, L2TP_TUNNEL_ESTABLISHED);
	established(tunnel);
}

static void handle_stopccn(struct l2tp_tunnel *tunnel, const struct l2tp_msg *m)
{
	struct l2tp_result why;

	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "I StopCCN from %s tnl %u",
		  tunnel->remote_name, tunnel->remote_id);
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "Result code(%u): %s",
		  m->result.result, l2tp_stopccn_result_name(m->result.result));
	if (m->result.has_error)
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "Error code(%u): %s",
			  m->result.error, l2tp_error_name(m->result.error));
	result_init(&why, m->result.result, m->result.error, true, NULL);
	go_down(tunnel, &why);
}

/* Responder side of an SCCRQ, on the tunnel just created for it. */
static void handle_sccrq(struct l2tp_tunnel *tunnel, const struct l2tp_msg *m)
{
	char ip[16];
	struct l2tp_msg reply;
	bool challenged = l2tp_msg_has(m, L2TP_AVP_CHALLENGE);

	take_peer_info(tunnel, m);
	if (challenged)
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
			  "Got a challenge in SCCRQ, %s", tunnel->remote_name);
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS,
		  "New tunnel created for remote %s, address %s",
		  tunnel->remote_name, l2tp_ip_str(tunnel->peer.ip, ip));
	if (m->protocol_version != L2TP_PROTOCOL_VERSION) {
		send_stopccn(tunnel, L2TP_STOP_BAD_VERSION, 0, NULL);
		return;
	}
	if (challenged && !tunnel->cfg.secret_len) {
		auth_failed(tunnel, "no tunnel password to answer");
		return;
	}
	build_sccrx(tunnel, &reply, L2TP_MSG_SCCRP);
	if (challenged)
		answer_challenge(tunnel, m, &reply);
	l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "O SCCRP to %s tnlid %u",
		  tunnel->remote_name, tunnel->remote_id);
	l2tp_ctl_send(tunnel, 0, &reply);
	l2tp_tunnel_set_state(tunnel, L2TP_TUNNEL_WAIT_CTL_CONN);
}

/* Move the sessions waiting on `from` (a tunnel that lost the tie
 * breaker) to `to`, with fresh ids: none was ever sent. */
static void move_sessions(struct l2tp_tunnel *from, struct l2tp_tunnel *to)
{
	struct l2tp *l2tp = from->l2tp;

	while (from->s_head) {
		struct l2tp_session *s = from->s_head;

		from->s_head = s->next;
		l2tp_htab_del(&from->sessions, &s->node);
		from->nsessions--;
		s->node.id = l2tp_alloc_id(l2tp, &to->sessions);
		s->tunnel = to;
		s->next = NULL;
		s->prev = to->s_tail;
		if (to->s_tail)
			to->s_tail->next = s;
		else
			to->s_head = s;
		to->s_tail = s;
		l2tp_htab_add(&to->sessions, &s->node);
		to->nsessions++;
	}
	from->s_tail = NULL;
}

void l2tp_tunnel_sccrq(struct l2tp *l2tp, const struct l2tp_peer *peer,
		       const struct l2tp_hdr *hdr, const uint8_t *buf,
		       size_t len, struct rd body)
{
	struct l2tp_msg *m = &l2tp->msg;
	char err[96], name[L2TP_NAME_MAX], ip[16];
	struct l2tp_tunnel_cfg cfg;
	struct l2tp_tunnel *t, *loser = NULL;
	enum l2tp_parse_rc rc;

	/* No secret is known before the peer is identified: a hidden AVP
	 * in SCCRQ makes it invalid (§4.3 allows none we need). */
	rc = l2tp_msg_parse(body, NULL, l2tp->unhide, sizeof(l2tp->unhide), m,
			    err, sizeof(err));
	if (rc != L2TP_PARSE_OK || m->type != L2TP_MSG_SCCRQ) {
		l2tp->stats.rx_malformed++;
		log_dbg(l2tp->log, DBG_VPDN_L2X_ERRORS,
			"L2TP: Dropped %s to tunnel 0 from %s: %s",
			l2tp_msg_name(m->type), l2tp_ip_str(peer->ip, ip),
			rc == L2TP_PARSE_OK ? "not an SCCRQ" : err);
		return;
	}
	/* A retransmitted SCCRQ (our SCCRP was lost) belongs to the tunnel
	 * it created: its reliable delivery re-acknowledges it. */
	for (t = l2tp->tunnel_list; t; t = t->next) {
		if (!t->initiator && t->peer.ip == peer->ip &&
		    t->peer.port == peer->port &&
		    t->remote_id == m->assigned_tunnel_id) {
			t->ctrl_in++;
			l2tp_rel_heard(t, timers_now(l2tp->timers));
			l2tp_rel_input(t, hdr, buf, len, body);
			return;
		}
	}
	l2tp_span_str(name, sizeof(name), m->host_name.p, m->host_name.len);
	log_dbg(l2tp->log, DBG_VPDN_L2X_EVENTS, "L2TP: I SCCRQ from %s tnl %u",
		name, m->assigned_tunnel_id);
	/* Tie Breaker (§4.4.3): both ends opened at once. */
	for (t = l2tp->tunnel_list; t && l2tp_msg_has(m, L2TP_AVP_TIE_BREAKER);
	     t = t->next) {
		int c;

		if (!t->initiator || !t->sent_tie_breaker ||
		    t->peer.ip != peer->ip ||
		    t->state != L2TP_TUNNEL_WAIT_CTL_REPLY)
			continue;
		c = memcmp(t->tie_breaker, m->tie_breaker, 8);
		if (c < 0) {
			l2tp_tlog(t, DBG_VPDN_L2X_EVENTS,
				  "Tie breaker won against %s, SCCRQ dropped",
				  name);
			return;
		}
		if (c == 0) {
			l2tp_tlog(t, DBG_VPDN_L2X_EVENTS,
				  "Tie breaker equal with %s, both dropped",
				  name);
			l2tp_tunnel_fail(t, "tie breaker equal");
			return;
		}
		l2tp_tlog(t, DBG_VPDN_L2X_EVENTS, "Tie breaker lost against %s",
			  name);
		loser = t;
		break;
	}
	memset(&cfg, 0, sizeof(cfg));
	if (loser) {
		/* The surviving tunnel carries on with the loser's
		 * parameters and sessions. */
		cfg = loser->cfg;
	} else if (!l2tp->ops->tunnel_accept ||
		   !l2tp->ops->tunnel_accept(l2tp->ctx, peer, name, &cfg)) {
		l2tp->stats.tunnels_refused++;
		log_dbg(l2tp->log, DBG_VPDN_L2X_ERRORS,
			"L2TP: SCCRQ from %s (%s) refused: no matching "
			"vpdn-group",
			name, l2tp_ip_str(peer->ip, ip));
		l2tp_rel_send_refusal(l2tp, peer, m->assigned_tunnel_id,
				      hdr->ns);
		return;
	}
	t = tunnel_new(l2tp, peer, &cfg, false);
	if (!t)
		return;
	if (loser) {
		move_sessions(loser, t);
		l2tp_tunnel_fail(loser, "tie breaker lost");
	}
	/* The SCCRQ is the peer's first message: accept its Ns. */
	t->rel.nr = (uint16_t)(hdr->ns + 1);
	t->rel.ack_pending = true;
	t->ctrl_in++;
	l2tp_print_msg(t, false, hdr, m);
	handle_sccrq(t, m);
}

/* ---- dispatch ---------------------------------------------------------- */

static void protocol_error(struct l2tp_tunnel *tunnel,
			   const struct l2tp_hdr *hdr, const struct l2tp_msg *m,
			   uint16_t error)
{
	if (l2tp_msg_is_session(m->type) &&
	    tunnel->state == L2TP_TUNNEL_ESTABLISHED) {
		l2tp_session_ctl_error(tunnel, hdr, m, error);
		return;
	}
	send_stopccn(tunnel, L2TP_STOP_ERROR, error, NULL);
}

void l2tp_tunnel_deliver(struct l2tp_tunnel *tunnel, const struct l2tp_hdr *hdr,
			 struct rd body)
{
	struct l2tp *l2tp = tunnel->l2tp;
	struct l2tp_msg *m = &l2tp->msg;
	struct l2tp_secret s = l2tp_tunnel_secret(tunnel);
	char err[96];
	enum l2tp_parse_rc rc;

	rc = l2tp_msg_parse(body, &s, l2tp->unhide, sizeof(l2tp->unhide), m,
			    err, sizeof(err));
	if (rc != L2TP_PARSE_OK)
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS, "Bad %s: %s",
			  l2tp_msg_name(m->type), err);
	switch (rc) {
	case L2TP_PARSE_OK:
		break;
	case L2TP_PARSE_UNKNOWN_TYPE:
		return;
	case L2TP_PARSE_UNKNOWN_M:
		protocol_error(tunnel, hdr, m, L2TP_ERR_UNKNOWN_M);
		return;
	case L2TP_PARSE_MALFORMED:
		/* StopCCN and CDN are honoured even when we cannot read
		 * them fully: the peer is leaving either way. */
		protocol_error(tunnel, hdr, m, L2TP_ERR_LENGTH);
		return;
	case L2TP_PARSE_INVALID:
		protocol_error(tunnel, hdr, m, L2TP_ERR_RANGE);
		return;
	}
	l2tp_print_msg(tunnel, false, hdr, m);
	if (tunnel->state == L2TP_TUNNEL_SHUTTING_DOWN) {
		/* Only acknowledgements matter now (rel did them). */
		return;
	}
	switch (m->type) {
	case L2TP_MSG_SCCRP:
		if (tunnel->state == L2TP_TUNNEL_WAIT_CTL_REPLY)
			handle_sccrp(tunnel, m);
		else
			send_stopccn(tunnel, L2TP_STOP_FSM, 0, NULL);
		return;
	case L2TP_MSG_SCCCN:
		if (tunnel->state == L2TP_TUNNEL_WAIT_CTL_CONN)
			handle_scccn(tunnel, m);
		else
			send_stopccn(tunnel, L2TP_STOP_FSM, 0, NULL);
		return;
	case L2TP_MSG_STOPCCN:
		handle_stopccn(tunnel, m);
		return;
	case L2TP_MSG_HELLO:
		return; /* acknowledged by the reliable layer, nothing else */
	case L2TP_MSG_SCCRQ:
		/* An SCCRQ inside an existing tunnel is an FSM error. */
		send_stopccn(tunnel, L2TP_STOP_FSM, 0, NULL);
		return;
	default:
		break;
	}
	if (tunnel->state != L2TP_TUNNEL_ESTABLISHED) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "%s before the tunnel is established, dropped",
			  l2tp_msg_name(m->type));
		return;
	}
	l2tp_session_ctl(tunnel, hdr, m);
}
