/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_session.c - the call FSMs of RFC 2661 §5.2-5.4 and §7.4-7.5, the
 * four call types:
 *   LAC incoming   wait-for-tunnel → ICRQ → wait-reply → ICRP → ICCN →
 *                  established
 *   LNS incoming   ICRQ → ICRP, wait-connect → ICCN → established
 *   LNS outgoing   wait-for-tunnel → OCRQ → wait-reply → OCRP →
 *                  wait-connect → OCCN → established
 *   LAC outgoing   OCRQ → OCRP, wait-cs-answer → (dial) → OCCN →
 *                  established, or CDN with a Q.931 cause
 * CDN both ways, WEN and SLI (§6.14, §6.15).  The data channel is in
 * l2tp_data.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_int.h"

static struct l2tp_session *session_new(struct l2tp_tunnel *tunnel,
					enum l2tp_call_type type, void *user)
{
	struct l2tp *l2tp = tunnel->l2tp;
	struct l2tp_session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->node.id = l2tp_alloc_id(l2tp, &tunnel->sessions);
	if (!s->node.id) {
		free(s);
		return NULL;
	}
	s->tunnel = tunnel;
	s->type = type;
	s->user = user;
	s->state = L2TP_SESSION_IDLE;
	s->last_change_ms = timers_now(l2tp->timers);
	l2tp_htab_add(&tunnel->sessions, &s->node);
	s->prev = tunnel->s_tail;
	if (tunnel->s_tail)
		tunnel->s_tail->next = s;
	else
		tunnel->s_head = s;
	tunnel->s_tail = s;
	tunnel->nsessions++;
	l2tp->nsessions++;
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "Session FS enabled");
	return s;
}

void l2tp_session_free(struct l2tp_session *session)
{
	free(session->conn_blob);
	free(session);
}

static void set_state(struct l2tp_session *s, enum l2tp_session_state st)
{
	if (s->state == st)
		return;
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "Session state change from %s to %s",
		  l2tp_session_state_name(s->state),
		  l2tp_session_state_name(st));
	s->state = st;
	s->last_change_ms = timers_now(s->tunnel->l2tp->timers);
}

/* Copy the spans of *c into one blob owned by the session. */
static int keep_conn(struct l2tp_session *s, const struct l2tp_connect_info *c)
{
	const struct l2tp_bytes *src[] = {
		&c->lcp_initial_rx,	  &c->lcp_last_tx,
		&c->lcp_last_rx,	  &c->proxy_auth_name,
		&c->proxy_auth_challenge, &c->proxy_auth_response,
		&c->private_group_id,
	};
	struct l2tp_bytes *dst[] = {
		&s->conn.lcp_initial_rx,       &s->conn.lcp_last_tx,
		&s->conn.lcp_last_rx,	       &s->conn.proxy_auth_name,
		&s->conn.proxy_auth_challenge, &s->conn.proxy_auth_response,
		&s->conn.private_group_id,
	};
	size_t total = 0, off = 0;
	uint8_t *blob;

	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		if (src[i]->len > L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN)
			return -EINVAL;
		total += src[i]->len;
	}
	blob = malloc(total ? total : 1);
	if (!blob)
		return -ENOMEM;
	free(s->conn_blob);
	s->conn_blob = blob;
	s->conn = *c;
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		if (src[i]->len)
			memcpy(blob + off, src[i]->p, src[i]->len);
		dst[i]->p = blob + off;
		dst[i]->len = src[i]->len;
		off += src[i]->len;
	}
	s->have_conn = true;
	return 0;
}

static void forget_conn(struct l2tp_session *s)
{
	/* The proxy authentication response is a password or CHAP
	 * response: do not keep it longer than needed. */
	if (s->conn_blob && s->conn.proxy_auth_response.len)
		memset(s->conn_blob, 0,
		       (size_t)(s->conn.proxy_auth_response.p - s->conn_blob) +
			       s->conn.proxy_auth_response.len);
	free(s->conn_blob);
	s->conn_blob = NULL;
	s->have_conn = false;
}

static void set_str(struct l2tp_span *sp, const char *str)
{
	sp->p = (const uint8_t *)str;
	sp->len = (uint16_t)strnlen(str, L2TP_NUMBER_MAX - 1);
}

static void set_bytes(struct l2tp_msg *m, unsigned type, struct l2tp_span *sp,
		      const struct l2tp_bytes *b)
{
	if (!b->len)
		return;
	l2tp_msg_set(m, type);
	sp->p = b->p;
	sp->len = (uint16_t)b->len;
}

/* Build and queue a CDN: header session id = the peer's (0 if unknown),
 * Assigned Session ID = ours (§6.13). */
static void send_cdn(struct l2tp_tunnel *tunnel, uint16_t peer_sid,
		     uint16_t our_sid, uint16_t result, uint16_t error,
		     uint16_t q931_cause, uint8_t q931_msg)
{
	struct l2tp_msg m;

	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_CDN;
	l2tp_msg_set(&m, L2TP_AVP_RESULT_CODE);
	m.result.result = result;
	m.result.has_error = error != 0;
	m.result.error = error;
	l2tp_msg_set(&m, L2TP_AVP_ASSIGNED_SESSION_ID);
	m.assigned_session_id = our_sid;
	if (q931_cause) {
		l2tp_msg_set(&m, L2TP_AVP_Q931_CAUSE);
		m.q931.cause = q931_cause;
		m.q931.msg_type = q931_msg;
	}
	l2tp_ctl_send(tunnel, peer_sid, &m);
}

static void session_cdn(struct l2tp_session *s, uint16_t result, uint16_t error,
			uint16_t q931_cause, uint8_t q931_msg)
{
	struct l2tp_tunnel *t = s->tunnel;

	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "O CDN to %s %u/%u", t->remote_name,
		  t->remote_id, s->remote_id);
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "Result code(%u): %s", result,
		  l2tp_cdn_result_name(result));
	send_cdn(t, s->remote_id, s->node.id, result, error, q931_cause,
		 q931_msg);
}

/* Gone: off the tables first, then the glue hears (it may call back). */
static void session_down(struct l2tp_session *s, struct l2tp_result *why,
			 bool notify)
{
	struct l2tp *l2tp = s->tunnel->l2tp;

	set_state(s, L2TP_SESSION_IDLE);
	forget_conn(s);
	l2tp_reap_session(s);
	log_dbg(l2tp->log, DBG_VPDN_EVENTS,
		"L2TP: Session %u/%u down: result %u error %u",
		s->tunnel->node.id, s->node.id, why->result, why->error);
	if (notify && l2tp->ops->session_down)
		l2tp->ops->session_down(l2tp->ctx, s, why);
}

/* ---- LAC incoming ------------------------------------------------------ */

static void send_icrq(struct l2tp_session *s)
{
	struct l2tp_tunnel *t = s->tunnel;
	struct l2tp_msg m;

	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_ICRQ;
	l2tp_msg_set(&m, L2TP_AVP_ASSIGNED_SESSION_ID);
	m.assigned_session_id = s->node.id;
	l2tp_msg_set(&m, L2TP_AVP_CALL_SERIAL);
	m.call_serial = s->call_serial;
	if (s->call.bearer_type) {
		l2tp_msg_set(&m, L2TP_AVP_BEARER_TYPE);
		m.bearer_type = s->call.bearer_type;
	}
	if (s->call.has_phys_channel) {
		l2tp_msg_set(&m, L2TP_AVP_PHYS_CHANNEL);
		m.phys_channel = s->call.phys_channel;
	}
	if (s->call.called[0]) {
		l2tp_msg_set(&m, L2TP_AVP_CALLED_NUMBER);
		set_str(&m.called_number, s->call.called);
	}
	if (s->call.calling[0]) {
		l2tp_msg_set(&m, L2TP_AVP_CALLING_NUMBER);
		set_str(&m.calling_number, s->call.calling);
	}
	if (s->call.sub_address[0]) {
		l2tp_msg_set(&m, L2TP_AVP_SUB_ADDRESS);
		set_str(&m.sub_address, s->call.sub_address);
	}
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "O ICRQ to %s %u/%u", t->remote_name,
		  t->remote_id, s->remote_id);
	l2tp_ctl_send(t, 0, &m);
	set_state(s, L2TP_SESSION_WAIT_REPLY);
}

/* ICCN or OCCN from the connect info (LAC side). */
static void send_xccn(struct l2tp_session *s, uint16_t type,
		      const struct l2tp_connect_info *c)
{
	struct l2tp_tunnel *t = s->tunnel;
	struct l2tp_msg m;

	memset(&m, 0, sizeof(m));
	m.type = type;
	l2tp_msg_set(&m, L2TP_AVP_TX_SPEED);
	m.tx_speed_bps = c->tx_speed_bps;
	l2tp_msg_set(&m, L2TP_AVP_FRAMING_TYPE);
	m.framing_type = c->framing_type ? c->framing_type : L2TP_FRAMING_SYNC;
	if (c->rx_speed_bps) {
		l2tp_msg_set(&m, L2TP_AVP_RX_SPEED);
		m.rx_speed_bps = c->rx_speed_bps;
	}
	if (t->cfg.data_sequencing || c->sequencing_required)
		l2tp_msg_set(&m, L2TP_AVP_SEQUENCING_REQUIRED);
	if (type == L2TP_MSG_ICCN) {
		set_bytes(&m, L2TP_AVP_LCP_INITIAL_RX, &m.lcp_initial_rx,
			  &c->lcp_initial_rx);
		set_bytes(&m, L2TP_AVP_LCP_LAST_TX, &m.lcp_last_tx,
			  &c->lcp_last_tx);
		set_bytes(&m, L2TP_AVP_LCP_LAST_RX, &m.lcp_last_rx,
			  &c->lcp_last_rx);
		if (c->proxy_auth_type) {
			l2tp_msg_set(&m, L2TP_AVP_PROXY_AUTH_TYPE);
			m.proxy_auth_type = c->proxy_auth_type;
			set_bytes(&m, L2TP_AVP_PROXY_AUTH_NAME,
				  &m.proxy_auth_name, &c->proxy_auth_name);
			set_bytes(&m, L2TP_AVP_PROXY_AUTH_CHALLENGE,
				  &m.proxy_auth_challenge,
				  &c->proxy_auth_challenge);
			if (c->proxy_auth_type == L2TP_PROXY_AUTH_CHAP ||
			    c->proxy_auth_type == L2TP_PROXY_AUTH_PAP ||
			    c->proxy_auth_type == L2TP_PROXY_AUTH_MSCHAPV1) {
				l2tp_msg_set(&m, L2TP_AVP_PROXY_AUTH_ID);
				m.proxy_auth_id = c->proxy_auth_id;
			}
			set_bytes(&m, L2TP_AVP_PROXY_AUTH_RESPONSE,
				  &m.proxy_auth_response,
				  &c->proxy_auth_response);
		}
		set_bytes(&m, L2TP_AVP_PRIVATE_GROUP_ID, &m.private_group_id,
			  &c->private_group_id);
	}
	s->seq = l2tp_msg_has(&m, L2TP_AVP_SEQUENCING_REQUIRED);
	l2tp_ctl_send(t, s->remote_id, &m);
}

static void lac_send_iccn(struct l2tp_session *s)
{
	struct l2tp_tunnel *t = s->tunnel;
	struct l2tp *l2tp = t->l2tp;

	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "O ICCN to %s %u/%u", t->remote_name,
		  t->remote_id, s->remote_id);
	send_xccn(s, L2TP_MSG_ICCN, &s->conn);
	set_state(s, L2TP_SESSION_ESTABLISHED);
	if (l2tp->ops->session_connected)
		l2tp->ops->session_connected(l2tp->ctx, s, &s->conn);
	if (!s->dead)
		forget_conn(s);
}

struct l2tp_session *l2tp_session_incoming(struct l2tp_tunnel *tunnel,
					   const struct l2tp_call_info *call,
					   const struct l2tp_connect_info *conn,
					   void *user)
{
	struct l2tp_session *s;

	if (tunnel->dead || tunnel->state == L2TP_TUNNEL_SHUTTING_DOWN)
		return NULL;
	s = session_new(tunnel, L2TP_CALL_LAC_IC, user);
	if (!s)
		return NULL;
	if (call) {
		s->call = *call;
		s->call.called[L2TP_NUMBER_MAX - 1] = '\0';
		s->call.calling[L2TP_NUMBER_MAX - 1] = '\0';
		s->call.sub_address[L2TP_NUMBER_MAX - 1] = '\0';
		s->call.ifname[L2TP_IFNAME_MAX - 1] = '\0';
	}
	s->call_serial = s->call.call_serial ? s->call.call_serial
					     : ++tunnel->l2tp->call_serial;
	if (conn && keep_conn(s, conn) < 0) {
		l2tp_reap_session(s);
		return NULL;
	}
	set_state(s, L2TP_SESSION_WAIT_TUNNEL);
	l2tp_session_set_ifname(s, s->call.ifname);
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "Create session");
	if (tunnel->state == L2TP_TUNNEL_ESTABLISHED) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "SM State %s",
			  l2tp_tunnel_state_name(tunnel->state));
		send_icrq(s);
	}
	return s;
}

int l2tp_session_connect(struct l2tp_session *session,
			 const struct l2tp_connect_info *conn)
{
	int rc;

	if (session->dead || session->type != L2TP_CALL_LAC_IC ||
	    (session->state != L2TP_SESSION_WAIT_TUNNEL &&
	     session->state != L2TP_SESSION_WAIT_REPLY))
		return -EINVAL;
	rc = keep_conn(session, conn);
	if (rc < 0)
		return rc;
	/* Before the ICRP the ICCN waits; after it, it goes now. */
	if (session->state == L2TP_SESSION_WAIT_REPLY && session->remote_id)
		lac_send_iccn(session);
	return 0;
}

static void lac_icrp(struct l2tp_session *s, const struct l2tp_msg *m)
{
	struct l2tp *l2tp = s->tunnel->l2tp;

	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "I ICRP from %s tnl %u, cl %u",
		  s->tunnel->remote_name, s->tunnel->remote_id, s->remote_id);
	s->remote_id = m->assigned_session_id;
	if (l2tp->ops->session_reply)
		l2tp->ops->session_reply(l2tp->ctx, s);
	if (!s->dead && s->have_conn && s->state == L2TP_SESSION_WAIT_REPLY)
		lac_send_iccn(s);
}

/* ---- LNS incoming ------------------------------------------------------ */

static void call_info_from(struct l2tp_call_info *ci, const struct l2tp_msg *m)
{
	memset(ci, 0, sizeof(*ci));
	ci->call_serial = m->call_serial;
	ci->bearer_type = m->bearer_type;
	ci->has_phys_channel = l2tp_msg_has(m, L2TP_AVP_PHYS_CHANNEL);
	ci->phys_channel = m->phys_channel;
	l2tp_span_str(ci->called, sizeof(ci->called), m->called_number.p,
		      m->called_number.len);
	l2tp_span_str(ci->calling, sizeof(ci->calling), m->calling_number.p,
		      m->calling_number.len);
	l2tp_span_str(ci->sub_address, sizeof(ci->sub_address),
		      m->sub_address.p, m->sub_address.len);
}

static void lns_icrq(struct l2tp_tunnel *t, const struct l2tp_msg *m)
{
	struct l2tp *l2tp = t->l2tp;
	struct l2tp_session *s;
	struct l2tp_msg r;
	int rc = L2TP_CDN_PERM_FACILITIES;

	l2tp_tlog(t, DBG_VPDN_L2X_EVENTS, "I ICRQ from %s tnl %u",
		  t->remote_name, t->remote_id);
	s = session_new(t, L2TP_CALL_LNS_IC, NULL);
	if (!s) {
		send_cdn(t, m->assigned_session_id, 0, L2TP_CDN_TEMP_FACILITIES,
			 L2TP_ERR_RESOURCES, 0, 0);
		return;
	}
	s->remote_id = m->assigned_session_id;
	s->call_serial = m->call_serial;
	call_info_from(&s->call, m);
	set_state(s, L2TP_SESSION_WAIT_CONNECT);
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "New session created");
	if (l2tp->ops->session_incoming)
		rc = l2tp->ops->session_incoming(l2tp->ctx, s, &s->call);
	if (s->dead)
		return; /* the glue closed it */
	if (rc) {
		struct l2tp_result why = {.result = (uint16_t)rc};

		session_cdn(s, (uint16_t)rc, 0, 0, 0);
		session_down(s, &why, false);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.type = L2TP_MSG_ICRP;
	l2tp_msg_set(&r, L2TP_AVP_ASSIGNED_SESSION_ID);
	r.assigned_session_id = s->node.id;
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "O ICRP to %s %u/%u", t->remote_name,
		  t->remote_id, s->remote_id);
	l2tp_ctl_send(t, s->remote_id, &r);
}

static void conn_from(struct l2tp_connect_info *c, const struct l2tp_msg *m)
{
	memset(c, 0, sizeof(*c));
	c->tx_speed_bps = m->tx_speed_bps;
	c->rx_speed_bps = m->rx_speed_bps;
	c->framing_type = m->framing_type;
	c->sequencing_required = l2tp_msg_has(m, L2TP_AVP_SEQUENCING_REQUIRED);
#define CONN_SPAN(f, src)                                                      \
	do {                                                                   \
		c->f.p = m->src.p;                                             \
		c->f.len = m->src.len;                                         \
	} while (0)
	CONN_SPAN(lcp_initial_rx, lcp_initial_rx);
	CONN_SPAN(lcp_last_tx, lcp_last_tx);
	CONN_SPAN(lcp_last_rx, lcp_last_rx);
	CONN_SPAN(proxy_auth_name, proxy_auth_name);
	CONN_SPAN(proxy_auth_challenge, proxy_auth_challenge);
	CONN_SPAN(proxy_auth_response, proxy_auth_response);
	CONN_SPAN(private_group_id, private_group_id);
#undef CONN_SPAN
	c->proxy_auth_type = m->proxy_auth_type;
	c->proxy_auth_id = m->proxy_auth_id;
}

/* ICCN (LNS incoming) or OCCN (LNS outgoing): the call is up. */
static void lns_connected(struct l2tp_session *s, const struct l2tp_msg *m)
{
	struct l2tp *l2tp = s->tunnel->l2tp;
	struct l2tp_connect_info c;

	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "I %s from %s tnl %u, cl %u",
		  l2tp_msg_name(m->type), s->tunnel->remote_name,
		  s->tunnel->remote_id, s->remote_id);
	conn_from(&c, m);
	s->seq = c.sequencing_required || s->tunnel->cfg.data_sequencing;
	if (c.proxy_auth_name.len && !s->username[0])
		l2tp_span_str(s->username, sizeof(s->username),
			      c.proxy_auth_name.p, c.proxy_auth_name.len);
	set_state(s, L2TP_SESSION_ESTABLISHED);
	if (l2tp->ops->session_connected)
		l2tp->ops->session_connected(l2tp->ctx, s, &c);
}

/* ---- LNS outgoing ------------------------------------------------------ */

static void send_ocrq(struct l2tp_session *s)
{
	struct l2tp_tunnel *t = s->tunnel;
	struct l2tp *l2tp = t->l2tp;
	struct l2tp_msg m;

	if (!t->peer_has_bearer) {
		/* §6.7 / Cisco: no OCRQ to a LAC that offered no bearer. */
		struct l2tp_result why = {
			.result = L2TP_CDN_PERM_FACILITIES,
			.reason = "peer advertised no Bearer Capabilities",
		};

		l2tp_slog(s, DBG_VPDN_L2X_ERRORS,
			  "Peer %s cannot dial out (no Bearer Capabilities)",
			  t->remote_name);
		session_down(s, &why, true);
		return;
	}
	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_OCRQ;
	l2tp_msg_set(&m, L2TP_AVP_ASSIGNED_SESSION_ID);
	m.assigned_session_id = s->node.id;
	l2tp_msg_set(&m, L2TP_AVP_CALL_SERIAL);
	m.call_serial = s->call_serial;
	l2tp_msg_set(&m, L2TP_AVP_MIN_BPS);
	m.min_bps = s->ocrq.min_bps;
	l2tp_msg_set(&m, L2TP_AVP_MAX_BPS);
	m.max_bps = s->ocrq.max_bps;
	l2tp_msg_set(&m, L2TP_AVP_BEARER_TYPE);
	m.bearer_type = s->ocrq.bearer_type
				? s->ocrq.bearer_type
				: L2TP_BEARER_DIGITAL | L2TP_BEARER_ANALOG;
	l2tp_msg_set(&m, L2TP_AVP_FRAMING_TYPE);
	m.framing_type = s->ocrq.framing_type
				 ? s->ocrq.framing_type
				 : L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC;
	l2tp_msg_set(&m, L2TP_AVP_CALLED_NUMBER);
	set_str(&m.called_number, s->ocrq.called);
	if (s->ocrq.sub_address[0]) {
		l2tp_msg_set(&m, L2TP_AVP_SUB_ADDRESS);
		set_str(&m.sub_address, s->ocrq.sub_address);
	}
	/* IOS prints this one without a prefix (seed 004). */
	log_dbg(l2tp->log, DBG_VPDN_L2X_EVENTS, "L2TP: O OCRQ");
	l2tp_ctl_send(t, 0, &m);
	set_state(s, L2TP_SESSION_WAIT_REPLY);
}

struct l2tp_session *l2tp_session_outgoing(struct l2tp_tunnel *tunnel,
					   const struct l2tp_ocrq_info *ocrq,
					   void *user)
{
	struct l2tp_session *s;

	if (tunnel->dead || tunnel->state == L2TP_TUNNEL_SHUTTING_DOWN)
		return NULL;
	if (tunnel->state == L2TP_TUNNEL_ESTABLISHED &&
	    !tunnel->peer_has_bearer) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "Peer %s cannot dial out (no Bearer Capabilities)",
			  tunnel->remote_name);
		return NULL;
	}
	s = session_new(tunnel, L2TP_CALL_LNS_OG, user);
	if (!s)
		return NULL;
	s->ocrq = *ocrq;
	s->ocrq.called[L2TP_NUMBER_MAX - 1] = '\0';
	s->ocrq.sub_address[L2TP_NUMBER_MAX - 1] = '\0';
	snprintf(s->call.called, sizeof(s->call.called), "%s", s->ocrq.called);
	s->call_serial = ocrq->call_serial ? ocrq->call_serial
					   : ++tunnel->l2tp->call_serial;
	set_state(s, L2TP_SESSION_WAIT_TUNNEL);
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "Create dialout session");
	s->ocrq.ifname[L2TP_IFNAME_MAX - 1] = '\0';
	l2tp_session_set_ifname(s, s->ocrq.ifname);
	if (tunnel->state == L2TP_TUNNEL_ESTABLISHED) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "SM State %s",
			  l2tp_tunnel_state_name(tunnel->state));
		send_ocrq(s);
	}
	return s;
}

static void lns_ocrp(struct l2tp_session *s, const struct l2tp_msg *m)
{
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "I OCRP from %s tnl %u, cl %u",
		  s->tunnel->remote_name, s->tunnel->remote_id, s->remote_id);
	s->remote_id = m->assigned_session_id;
	set_state(s, L2TP_SESSION_WAIT_CONNECT);
}

/* ---- LAC outgoing ------------------------------------------------------ */

static void lac_ocrq(struct l2tp_tunnel *t, const struct l2tp_msg *m)
{
	struct l2tp *l2tp = t->l2tp;
	struct l2tp_ocrq_info info;
	struct l2tp_session *s;
	struct l2tp_msg r;
	int rc = L2TP_CDN_PERM_FACILITIES;

	l2tp_tlog(t, DBG_VPDN_L2X_EVENTS, "I OCRQ from %s tnl %u",
		  t->remote_name, t->remote_id);
	if (!t->cfg.bearer_caps || !l2tp->ops->session_ocrq) {
		/* No dial-out resource (`accept-dialout`): refuse, as the
		 * Cisco dial-out guide describes. */
		l2tp_tlog(t, DBG_VPDN_L2X_ERRORS,
			  "OCRQ refused: no dial-out resource");
		send_cdn(t, m->assigned_session_id, 0, L2TP_CDN_PERM_FACILITIES,
			 0, 0, 0);
		return;
	}
	s = session_new(t, L2TP_CALL_LAC_OG, NULL);
	if (!s) {
		send_cdn(t, m->assigned_session_id, 0, L2TP_CDN_TEMP_FACILITIES,
			 L2TP_ERR_RESOURCES, 0, 0);
		return;
	}
	s->remote_id = m->assigned_session_id;
	s->call_serial = m->call_serial;
	memset(&info, 0, sizeof(info));
	info.call_serial = m->call_serial;
	info.min_bps = m->min_bps;
	info.max_bps = m->max_bps;
	info.bearer_type = m->bearer_type;
	info.framing_type = m->framing_type;
	l2tp_span_str(info.called, sizeof(info.called), m->called_number.p,
		      m->called_number.len);
	l2tp_span_str(info.sub_address, sizeof(info.sub_address),
		      m->sub_address.p, m->sub_address.len);
	s->ocrq = info;
	snprintf(s->call.called, sizeof(s->call.called), "%s", info.called);
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "New session created");
	rc = l2tp->ops->session_ocrq(l2tp->ctx, s, &info);
	if (s->dead)
		return;
	if (rc) {
		struct l2tp_result why = {.result = (uint16_t)rc};

		session_cdn(s, (uint16_t)rc, 0, 0, 0);
		session_down(s, &why, false);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.type = L2TP_MSG_OCRP;
	l2tp_msg_set(&r, L2TP_AVP_ASSIGNED_SESSION_ID);
	r.assigned_session_id = s->node.id;
	log_dbg(l2tp->log, DBG_VPDN_L2X_EVENTS, "L2TP: Send OCRP");
	l2tp_ctl_send(t, s->remote_id, &r);
	set_state(s, L2TP_SESSION_WAIT_CS_ANSWER);
}

void l2tp_session_dialout_result(struct l2tp_session *session, bool ok,
				 const struct l2tp_connect_info *conn,
				 uint16_t result, uint16_t error,
				 uint16_t q931_cause, uint8_t q931_msg)
{
	struct l2tp *l2tp = session->tunnel->l2tp;
	struct l2tp_connect_info def = {.tx_speed_bps = 64000,
					.framing_type = L2TP_FRAMING_SYNC};

	if (session->dead || session->type != L2TP_CALL_LAC_OG ||
	    session->state != L2TP_SESSION_WAIT_CS_ANSWER)
		return;
	if (!ok) {
		struct l2tp_result why = {.result = result, .error = error};

		session_cdn(session, result ? result : L2TP_CDN_NO_CARRIER,
			    error, q931_cause, q931_msg);
		session_down(session, &why, false);
		return;
	}
	if (!conn)
		conn = &def;
	set_state(session, L2TP_SESSION_ESTABLISHED);
	log_dbg(l2tp->log, DBG_VPDN_L2X_EVENTS, "L2TP: Send OCCN");
	send_xccn(session, L2TP_MSG_OCCN, conn);
	if (l2tp->ops->session_connected)
		l2tp->ops->session_connected(l2tp->ctx, session, conn);
}

/* ---- both -------------------------------------------------------------- */

void l2tp_session_close(struct l2tp_session *session, uint16_t result,
			uint16_t error, uint16_t q931_cause)
{
	struct l2tp_result why = {.result = result, .error = error};

	if (session->dead)
		return;
	/* Nothing was sent for a call still waiting for its tunnel. */
	if (session->state != L2TP_SESSION_WAIT_TUNNEL &&
	    session->tunnel->state == L2TP_TUNNEL_ESTABLISHED)
		session_cdn(session, result ? result : L2TP_CDN_ADMIN, error,
			    q931_cause, 0);
	session_down(session, &why, false);
}

static void recv_cdn(struct l2tp_session *s, const struct l2tp_msg *m)
{
	struct l2tp_result why = {
		.result = m->result.result,
		.error = m->result.error,
		.has_q931 = l2tp_msg_has(m, L2TP_AVP_Q931_CAUSE),
		.q931_cause = m->q931.cause,
		.q931_msg = m->q931.msg_type,
		.by_peer = true,
	};

	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "I CDN from %s tnl %u, cl %u",
		  s->tunnel->remote_name, s->tunnel->remote_id,
		  m->assigned_session_id);
	l2tp_slog(s, DBG_VPDN_L2X_EVENTS, "Result code(%u): %s",
		  m->result.result, l2tp_cdn_result_name(m->result.result));
	if (why.has_q931)
		l2tp_slog(s, DBG_VPDN_L2X_EVENTS,
			  "Q.931 cause %u, message 0x%02X", why.q931_cause,
			  why.q931_msg);
	session_down(s, &why, true);
}

void l2tp_sessions_tunnel_down(struct l2tp_tunnel *tunnel, bool notify,
			       const char *reason)
{
	while (tunnel->s_head) {
		struct l2tp_result why = {
			.result = L2TP_CDN_ERROR,
			.error = L2TP_ERR_NO_TUNNEL,
			.reason = reason,
		};

		session_down(tunnel->s_head, &why, notify);
	}
}

void l2tp_sessions_tunnel_up(struct l2tp_tunnel *tunnel)
{
	struct l2tp_session *s, *next;

	for (s = tunnel->s_head; s; s = next) {
		next = s->next;
		if (s->state != L2TP_SESSION_WAIT_TUNNEL)
			continue;
		if (s->type == L2TP_CALL_LAC_IC)
			send_icrq(s);
		else if (s->type == L2TP_CALL_LNS_OG)
			send_ocrq(s);
		if (tunnel->dead || tunnel->state != L2TP_TUNNEL_ESTABLISHED)
			return;
	}
}

static struct l2tp_session *find_by_remote(struct l2tp_tunnel *t,
					   uint16_t remote_id)
{
	/* Only a CDN sent before the peer learnt our id needs this. */
	for (struct l2tp_session *s = t->s_head; s; s = s->next)
		if (s->remote_id == remote_id)
			return s;
	return NULL;
}

void l2tp_session_ctl(struct l2tp_tunnel *tunnel, const struct l2tp_hdr *hdr,
		      const struct l2tp_msg *m)
{
	struct l2tp *l2tp = tunnel->l2tp;
	struct l2tp_session *s;

	if (m->type == L2TP_MSG_ICRQ) {
		lns_icrq(tunnel, m);
		return;
	}
	if (m->type == L2TP_MSG_OCRQ) {
		lac_ocrq(tunnel, m);
		return;
	}
	s = l2tp_session_find(tunnel, hdr->session_id);
	if (!s && m->type == L2TP_MSG_CDN && hdr->session_id == 0)
		s = find_by_remote(tunnel, m->assigned_session_id);
	if (!s) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "%s for unknown session %u, dropped",
			  l2tp_msg_name(m->type), hdr->session_id);
		return;
	}
	switch (m->type) {
	case L2TP_MSG_CDN:
		recv_cdn(s, m);
		return;
	case L2TP_MSG_ICRP:
		if (s->type == L2TP_CALL_LAC_IC &&
		    s->state == L2TP_SESSION_WAIT_REPLY && !s->remote_id) {
			lac_icrp(s, m);
			return;
		}
		break;
	case L2TP_MSG_ICCN:
		if (s->type == L2TP_CALL_LNS_IC &&
		    s->state == L2TP_SESSION_WAIT_CONNECT) {
			lns_connected(s, m);
			return;
		}
		break;
	case L2TP_MSG_OCRP:
		if (s->type == L2TP_CALL_LNS_OG &&
		    s->state == L2TP_SESSION_WAIT_REPLY) {
			lns_ocrp(s, m);
			return;
		}
		break;
	case L2TP_MSG_OCCN:
		if (s->type == L2TP_CALL_LNS_OG &&
		    s->state == L2TP_SESSION_WAIT_CONNECT) {
			lns_connected(s, m);
			return;
		}
		break;
	case L2TP_MSG_SLI:
		l2tp_slog(s, DBG_VPDN_L2X_EVENTS,
			  "I SLI, send ACCM 0x%08X, recv ACCM 0x%08X",
			  m->accm_send, m->accm_recv);
		if (l2tp->ops->session_sli)
			l2tp->ops->session_sli(l2tp->ctx, s, m->accm_send,
					       m->accm_recv);
		return;
	case L2TP_MSG_WEN:
		if (l2tp->ops->session_wen) {
			struct l2tp_wen_info w = {
				.crc = m->call_errors.crc,
				.framing = m->call_errors.framing,
				.hw_overrun = m->call_errors.hw_overrun,
				.buf_overrun = m->call_errors.buf_overrun,
				.timeout = m->call_errors.timeout,
				.alignment = m->call_errors.alignment,
			};

			l2tp->ops->session_wen(l2tp->ctx, s, &w);
		}
		return;
	default:
		break;
	}
	l2tp_slog(s, DBG_VPDN_L2X_ERRORS, "%s unexpected in state %s, ignored",
		  l2tp_msg_name(m->type), l2tp_session_state_name(s->state));
}

void l2tp_session_ctl_error(struct l2tp_tunnel *tunnel,
			    const struct l2tp_hdr *hdr,
			    const struct l2tp_msg *m, uint16_t error)
{
	struct l2tp_session *s =
		hdr->session_id ? l2tp_session_find(tunnel, hdr->session_id)
				: NULL;

	if (s) {
		struct l2tp_result why = {.result = L2TP_CDN_ERROR,
					  .error = error,
					  .reason = "protocol error"};

		session_cdn(s, L2TP_CDN_ERROR, error, 0, 0);
		session_down(s, &why, true);
		return;
	}
	/* A bad ICRQ/OCRQ: no session yet; refuse the call it asked for. */
	if ((m->type == L2TP_MSG_ICRQ || m->type == L2TP_MSG_OCRQ) &&
	    m->assigned_session_id)
		send_cdn(tunnel, m->assigned_session_id, 0, L2TP_CDN_ERROR,
			 error, 0, 0);
}

int l2tp_session_send_sli(struct l2tp_session *session, uint32_t send_accm,
			  uint32_t recv_accm)
{
	struct l2tp_msg m;

	if (session->dead || session->state != L2TP_SESSION_ESTABLISHED)
		return -ENOTCONN;
	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_SLI;
	l2tp_msg_set(&m, L2TP_AVP_ACCM);
	m.accm_send = send_accm;
	m.accm_recv = recv_accm;
	return l2tp_ctl_send(session->tunnel, session->remote_id, &m);
}

int l2tp_session_send_wen(struct l2tp_session *session,
			  const struct l2tp_wen_info *errors)
{
	struct l2tp_msg m;

	if (session->dead || session->state != L2TP_SESSION_ESTABLISHED)
		return -ENOTCONN;
	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_WEN;
	l2tp_msg_set(&m, L2TP_AVP_CALL_ERRORS);
	m.call_errors.crc = errors->crc;
	m.call_errors.framing = errors->framing;
	m.call_errors.hw_overrun = errors->hw_overrun;
	m.call_errors.buf_overrun = errors->buf_overrun;
	m.call_errors.timeout = errors->timeout;
	m.call_errors.alignment = errors->alignment;
	return l2tp_ctl_send(session->tunnel, session->remote_id, &m);
}
