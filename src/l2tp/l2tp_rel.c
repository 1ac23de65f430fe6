/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_rel.c - reliable delivery of control messages, one per tunnel
 * (RFC 2661 §5.8 and Appendix B): Ns/Nr with serial-number comparison
 * across the 16-bit wrap, the peer's Receive Window Size (absent → 4) with
 * a send queue beyond it, retransmission of the queue head with a
 * refreshed Nr after rtx_min_ms doubling to rtx_max_ms, the tunnel cleared
 * after `retries` retransmissions, duplicates acknowledged again (by ZLB)
 * and never delivered twice, future messages kept (bounded) until the gap
 * fills, a ZLB after a short delay unless a message carried the ack, and
 * Hello after hello_s of silence from the peer.  On a timeout every
 * unacknowledged message in the window is sent again (go-back-N), the
 * head's retry count deciding when the tunnel is given up.
 *
 * A ZLB carries the next Ns but does not consume it (§5.8); its Nr
 * acknowledges, it changes nothing else.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_int.h"

/* Serial-number order (§5.8): true when a comes before b, i.e. a lies in
 * the 32767 values before b. */
static bool seq_before(uint16_t a, uint16_t b)
{
	return (int16_t)(uint16_t)(a - b) < 0;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void rtx_cb(void *arg);
static void zlb_cb(void *arg);
static void hello_cb(void *arg);

void l2tp_rel_init(struct l2tp_tunnel *tunnel)
{
	struct l2tp_rel *rel = &tunnel->rel;
	struct l2tp *l2tp = tunnel->l2tp;

	memset(rel, 0, sizeof(*rel));
	if (l2tp->test_ns_set)
		rel->ns_next = rel->nr = l2tp->test_ns_start;
	rel->peer_window = L2TP_DEF_PEER_WINDOW;
	rel->rtx_ms = tunnel->cfg.rtx_min_ms;
	rel->last_rx_ms = timers_now(l2tp->timers);
	timer_init(&rel->t_rtx, l2tp->timers, rtx_cb, tunnel);
	timer_init(&rel->t_zlb, l2tp->timers, zlb_cb, tunnel);
	timer_init(&rel->t_hello, l2tp->timers, hello_cb, tunnel);
}

void l2tp_rel_stop(struct l2tp_tunnel *tunnel)
{
	struct l2tp_rel *rel = &tunnel->rel;

	timer_cancel(&rel->t_rtx);
	timer_cancel(&rel->t_zlb);
	timer_cancel(&rel->t_hello);
	while (rel->txq) {
		struct l2tp_txmsg *m = rel->txq;

		rel->txq = m->next;
		free(m);
	}
	rel->txq_tail = rel->unsent = NULL;
	rel->txq_n = rel->inflight = 0;
	while (rel->ooo) {
		struct l2tp_rxmsg *m = rel->ooo;

		rel->ooo = m->next;
		free(m);
	}
	rel->ooo_n = 0;
	rel->ack_pending = false;
	rel->unacked_rx = 0;
}

void l2tp_rel_fini(struct l2tp_tunnel *tunnel)
{
	l2tp_rel_stop(tunnel);
}

uint64_t l2tp_rel_cycle_ms(const struct l2tp_tunnel *tunnel)
{
	uint64_t total = 0, t = tunnel->cfg.rtx_min_ms;

	for (unsigned i = 0; i <= tunnel->cfg.retries; i++) {
		total += t;
		t = t * 2 > tunnel->cfg.rtx_max_ms ? tunnel->cfg.rtx_max_ms
						   : t * 2;
	}
	return total;
}

static void transmit(struct l2tp_tunnel *tunnel, struct l2tp_txmsg *m)
{
	struct l2tp_rel *rel = &tunnel->rel;
	struct l2tp *l2tp = tunnel->l2tp;

	/* §5.8: every transmission, retransmissions included, carries the
	 * current Nr, so it acknowledges everything received so far. */
	put16(m->buf + 10, rel->nr);
	m->sent = true;
	rel->ack_pending = false;
	rel->unacked_rx = 0;
	timer_cancel(&rel->t_zlb);
	tunnel->ctrl_out++;
	l2tp->ops->send(l2tp->ctx, &tunnel->peer, m->buf, m->len, NULL, 0);
}

static void fill_window(struct l2tp_tunnel *tunnel)
{
	struct l2tp_rel *rel = &tunnel->rel;
	struct l2tp_txmsg *m;

	/* O(1) per message however large the peer's window (IOS offers
	 * 800): the first unsent message is kept, not searched for. */
	m = rel->unsent;
	while (m && rel->inflight < rel->peer_window) {
		transmit(tunnel, m);
		rel->inflight++;
		m = m->next;
	}
	rel->unsent = m;
	if (rel->inflight && !timer_armed(&rel->t_rtx))
		timer_arm(&rel->t_rtx, rel->rtx_ms);
}

int l2tp_rel_send(struct l2tp_tunnel *tunnel, uint16_t type, const uint8_t *buf,
		  size_t len)
{
	struct l2tp_rel *rel = &tunnel->rel;
	struct l2tp_txmsg *m;

	if (len < L2TP_CTRL_HDR_LEN)
		return -EINVAL;
	m = malloc(sizeof(*m) + len);
	if (!m)
		return -ENOMEM;
	m->next = NULL;
	m->ns = rel->ns_next++;
	m->type = type;
	m->sent = false;
	m->len = len;
	memcpy(m->buf, buf, len);
	put16(m->buf + 8, m->ns);
	if (rel->txq_tail)
		rel->txq_tail->next = m;
	else
		rel->txq = m;
	rel->txq_tail = m;
	rel->txq_n++;
	if (!rel->unsent)
		rel->unsent = m;
	fill_window(tunnel);
	return 0;
}

/* Nr from the peer: drop every message it acknowledges. */
static void ack(struct l2tp_tunnel *tunnel, uint16_t nr)
{
	struct l2tp_rel *rel = &tunnel->rel;
	bool progress = false;

	if (seq_before(rel->ns_next, nr)) {
		/* Acknowledges something never sent: ignore it (a stale or
		 * forged header), but keep the message itself. */
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "Nr %u acknowledges beyond Ns %u, ignored", nr,
			  rel->ns_next);
		return;
	}
	while (rel->txq && rel->txq->sent && seq_before(rel->txq->ns, nr)) {
		struct l2tp_txmsg *m = rel->txq;

		rel->txq = m->next;
		if (!rel->txq)
			rel->txq_tail = NULL;
		rel->txq_n--;
		rel->inflight--;
		free(m);
		progress = true;
	}
	if (!progress)
		return;
	rel->retries = 0;
	rel->rtx_ms = tunnel->cfg.rtx_min_ms;
	timer_cancel(&rel->t_rtx);
	fill_window(tunnel);
	if (rel->inflight)
		timer_arm(&rel->t_rtx, rel->rtx_ms);
}

static void send_zlb(struct l2tp_tunnel *tunnel)
{
	struct l2tp_rel *rel = &tunnel->rel;
	struct l2tp *l2tp = tunnel->l2tp;
	uint8_t b[L2TP_CTRL_HDR_LEN];
	struct wr w = wr_init(b, sizeof(b));
	struct l2tp_hdr h = {
		.control = true,
		.has_length = true,
		.has_seq = true,
		.length = L2TP_CTRL_HDR_LEN,
		.tunnel_id = tunnel->remote_id,
		.ns = rel->ns_next,
		.nr = rel->nr,
	};

	l2tp_hdr_write(&w, &h);
	rel->ack_pending = false;
	rel->unacked_rx = 0;
	timer_cancel(&rel->t_zlb);
	tunnel->ctrl_out++;
	log_dbg(l2tp->log, DBG_VPDN_L2X_PACKETS,
		"Tnl %u L2TP: O ZLB ctrl ack, "
		"to tnl %u, Ns %u, Nr %u",
		tunnel->node.id, tunnel->remote_id, h.ns, h.nr);
	l2tp->ops->send(l2tp->ctx, &tunnel->peer, b, w.len, NULL, 0);
}

static void schedule_ack(struct l2tp_tunnel *tunnel)
{
	struct l2tp_rel *rel = &tunnel->rel;

	if (tunnel->dead || !rel->ack_pending)
		return;
	if (tunnel->cfg.zlb_delay_ms == L2TP_ZLB_IMMEDIATE) {
		send_zlb(tunnel);
		return;
	}
	/* Half our window received and unacknowledged: ack now.  The peer
	 * may not send beyond the window, so waiting for the timer would
	 * stall a burst (a LAC bringing up calls: an ICCN has no reply to
	 * piggyback on) at one window per ZLB delay. */
	if (rel->unacked_rx >= (tunnel->cfg.rx_window + 1u) / 2) {
		timer_cancel(&rel->t_zlb);
		send_zlb(tunnel);
		return;
	}
	/* Not re-armed while pending: a stream of messages must not push
	 * the acknowledgement back for ever. */
	if (!timer_armed(&rel->t_zlb))
		timer_arm(&rel->t_zlb, tunnel->cfg.zlb_delay_ms);
}

static void zlb_cb(void *arg)
{
	struct l2tp_tunnel *tunnel = arg;

	if (tunnel->rel.ack_pending && !tunnel->dead)
		send_zlb(tunnel);
}

static void rtx_cb(void *arg)
{
	struct l2tp_tunnel *tunnel = arg;
	struct l2tp_rel *rel = &tunnel->rel;
	struct l2tp_txmsg *m = rel->txq;

	if (!m || !m->sent)
		return;
	if (rel->retries >= tunnel->cfg.retries) {
		l2tp_tunnel_fail(tunnel, "retransmit timeout");
		return;
	}
	rel->retries++;
	l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
		  "Retransmit %u of %s, Ns %u, after %u ms", rel->retries,
		  l2tp_msg_name(m->type), m->ns, rel->rtx_ms);
	/* Every unacknowledged message goes again, not only the head: with
	 * a large window several may be lost at once, and resending one
	 * per timeout would take a second per hole.  The peer re-acks the
	 * ones it already has. */
	for (unsigned i = 0; m && i < rel->inflight; i++, m = m->next) {
		rel->retransmits++;
		transmit(tunnel, m);
	}
	rel->rtx_ms = rel->rtx_ms * 2 > tunnel->cfg.rtx_max_ms
			      ? tunnel->cfg.rtx_max_ms
			      : rel->rtx_ms * 2;
	timer_arm(&rel->t_rtx, rel->rtx_ms);
}

static void hello_cb(void *arg)
{
	struct l2tp_tunnel *tunnel = arg;
	struct l2tp_rel *rel = &tunnel->rel;
	uint64_t now = timers_now(tunnel->l2tp->timers);
	uint64_t hello_ms = (uint64_t)tunnel->cfg.hello_s * 1000;
	uint64_t quiet = now - rel->last_rx_ms;

	if (tunnel->state != L2TP_TUNNEL_ESTABLISHED || tunnel->dead)
		return;
	/* The data path only stores last_rx_ms; the timer catches up here
	 * instead of being re-armed per packet. */
	if (quiet < hello_ms) {
		timer_arm(&rel->t_hello, hello_ms - quiet);
		return;
	}
	if (!rel->txq) {
		struct l2tp_msg m;

		memset(&m, 0, sizeof(m));
		m.type = L2TP_MSG_HELLO;
		l2tp_tlog(tunnel, DBG_VPDN_L2X_EVENTS, "O Hello to %s tnlid %u",
			  tunnel->remote_name, tunnel->remote_id);
		l2tp_ctl_send(tunnel, 0, &m);
	}
	/* Count the silence from now, so one Hello goes out per period. */
	rel->last_rx_ms = now;
	timer_arm(&rel->t_hello, hello_ms);
}

void l2tp_rel_start_hello(struct l2tp_tunnel *tunnel)
{
	if (tunnel->cfg.hello_s)
		timer_arm(&tunnel->rel.t_hello,
			  (uint64_t)tunnel->cfg.hello_s * 1000);
}

static void ooo_keep(struct l2tp_tunnel *tunnel, uint16_t ns,
		     const uint8_t *buf, size_t len)
{
	struct l2tp_rel *rel = &tunnel->rel;
	struct l2tp_rxmsg **pp = &rel->ooo, *m;

	for (; *pp && seq_before((*pp)->ns, ns); pp = &(*pp)->next)
		;
	if (*pp && (*pp)->ns == ns)
		return; /* already kept */
	if (rel->ooo_n >= L2TP_OOO_MAX ||
	    (uint16_t)(ns - rel->nr) > L2TP_OOO_MAX * 4) {
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "Out of order Ns %u, expected %u, dropped", ns,
			  rel->nr);
		return;
	}
	m = malloc(sizeof(*m) + len);
	if (!m)
		return;
	m->ns = ns;
	m->len = len;
	memcpy(m->buf, buf, len);
	m->next = *pp;
	*pp = m;
	rel->ooo_n++;
	l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
		  "Out of order Ns %u, expected %u, queued", ns, rel->nr);
}

void l2tp_rel_input(struct l2tp_tunnel *tunnel, const struct l2tp_hdr *hdr,
		    const uint8_t *buf, size_t len, struct rd body)
{
	struct l2tp_rel *rel = &tunnel->rel;

	ack(tunnel, hdr->nr);
	if (tunnel->dead)
		return;
	if (rd_left(&body) == 0) {
		log_dbg(tunnel->l2tp->log, DBG_VPDN_L2X_PACKETS,
			"Tnl %u L2TP: I ZLB ctrl ack, Ns %u, Nr %u",
			tunnel->node.id, hdr->ns, hdr->nr);
		return;
	}
	if (seq_before(hdr->ns, rel->nr)) {
		/* A duplicate: our ack was lost.  Acknowledge again, never
		 * deliver twice (xl2tpd #136: no re-ack = endless loop). */
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "Duplicate Ns %u, expected %u, re-acked", hdr->ns,
			  rel->nr);
		rel->ack_pending = true;
		schedule_ack(tunnel);
		return;
	}
	if (hdr->ns != rel->nr) {
		ooo_keep(tunnel, hdr->ns, buf, len);
		return;
	}
	rel->nr++;
	rel->ack_pending = true;
	rel->unacked_rx++;
	l2tp_tunnel_deliver(tunnel, hdr, body);
	while (!tunnel->dead && rel->ooo && rel->ooo->ns == rel->nr) {
		struct l2tp_rxmsg *m = rel->ooo;
		struct l2tp_hdr h;
		struct rd b;
		const char *err;

		rel->ooo = m->next;
		rel->ooo_n--;
		rel->nr++;
		rel->ack_pending = true;
		rel->unacked_rx++;
		if (l2tp_hdr_parse(m->buf, m->len, &h, &b, &err) == 0)
			l2tp_tunnel_deliver(tunnel, &h, b);
		free(m);
	}
	schedule_ack(tunnel);
}

void l2tp_rel_send_refusal(struct l2tp *l2tp, const struct l2tp_peer *peer,
			   uint16_t peer_tunnel_id, uint16_t peer_ns)
{
	uint8_t b[64];
	struct wr w = wr_init(b, sizeof(b));
	struct l2tp_hdr h = {
		.control = true,
		.has_length = true,
		.has_seq = true,
		.tunnel_id = peer_tunnel_id,
		.ns = 0,
		.nr = (uint16_t)(peer_ns + 1),
	};
	struct l2tp_msg m;

	/* No tunnel is kept for a refused peer, so this StopCCN is sent
	 * once, unsequenced: it acknowledges the SCCRQ and says why. */
	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_STOPCCN;
	l2tp_msg_set(&m, L2TP_AVP_RESULT_CODE);
	m.result.result = L2TP_STOP_NOT_AUTHORIZED;
	l2tp_hdr_write(&w, &h);
	l2tp_msg_write(&w, &m, NULL, NULL, 0);
	l2tp_hdr_patch_length(&w);
	if (wr_ok(&w))
		l2tp->ops->send(l2tp->ctx, peer, b, w.len, NULL, 0);
}
