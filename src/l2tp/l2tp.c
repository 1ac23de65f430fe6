/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp.c - the L2TP instance: tunnel and session id hashes (O(1) lookups
 * on the data path), random id allocation (RFC 2661 §4.4.3 Assigned
 * Tunnel ID, §4.4.4 Assigned Session ID: non-zero, unique), the single
 * datagram entry point that splits control from data (§3.1) and checks
 * the sender, deferred freeing, and the status snapshots for `show vpdn`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_int.h"

/* ---- id hash ----------------------------------------------------------- */

static size_t h_slot(const struct l2tp_htab *h, uint16_t id)
{
	/* Ids are random, but the test hooks and some peers number
	 * sequentially: mix the octets so both spread. */
	uint32_t x = (uint32_t)id * 0x9E3779B1u;

	return (x >> 16) & (h->nb - 1);
}

bool l2tp_htab_init(struct l2tp_htab *h, size_t nb)
{
	h->b = calloc(nb, sizeof(*h->b));
	h->nb = h->b ? nb : 0;
	h->n = 0;
	return h->b != NULL;
}

void l2tp_htab_fini(struct l2tp_htab *h)
{
	free(h->b);
	h->b = NULL;
	h->nb = h->n = 0;
}

struct l2tp_hnode *l2tp_htab_find(const struct l2tp_htab *h, uint16_t id)
{
	if (!h->nb)
		return NULL;
	for (struct l2tp_hnode *n = h->b[h_slot(h, id)]; n; n = n->next)
		if (n->id == id)
			return n;
	return NULL;
}

static void h_grow(struct l2tp_htab *h)
{
	struct l2tp_htab g;

	/* Growth failing only makes chains longer: keep going. */
	if (h->nb >= 65536 || !l2tp_htab_init(&g, h->nb * 2))
		return;
	for (size_t i = 0; i < h->nb; i++) {
		struct l2tp_hnode *n = h->b[i], *next;

		for (; n; n = next) {
			size_t s = h_slot(&g, n->id);

			next = n->next;
			n->next = g.b[s];
			g.b[s] = n;
		}
	}
	g.n = h->n;
	free(h->b);
	*h = g;
}

bool l2tp_htab_add(struct l2tp_htab *h, struct l2tp_hnode *n)
{
	size_t s;

	if (!h->nb)
		return false;
	/* At most one node per bucket on average: every link followed is
	 * a cache miss into another session. */
	if (h->n >= h->nb)
		h_grow(h);
	s = h_slot(h, n->id);
	n->next = h->b[s];
	h->b[s] = n;
	h->n++;
	return true;
}

void l2tp_htab_del(struct l2tp_htab *h, struct l2tp_hnode *n)
{
	struct l2tp_hnode **pp;

	if (!h->nb)
		return;
	for (pp = &h->b[h_slot(h, n->id)]; *pp; pp = &(*pp)->next) {
		if (*pp == n) {
			*pp = n->next;
			n->next = NULL;
			h->n--;
			return;
		}
	}
}

uint16_t l2tp_alloc_id(struct l2tp *l2tp, const struct l2tp_htab *h)
{
	uint16_t id;

	if (l2tp->test_nids) {
		id = l2tp->test_ids[0];
		memmove(l2tp->test_ids, l2tp->test_ids + 1,
			--l2tp->test_nids * sizeof(l2tp->test_ids[0]));
		if (id && !l2tp_htab_find(h, id))
			return id;
	}
	/* Random ids make blind injection into a tunnel harder; after a few
	 * collisions (a nearly full space) walk to the next free one. */
	for (int i = 0; i < 32; i++) {
		l2tp->ops->random(l2tp->ctx, &id, sizeof(id));
		if (id && !l2tp_htab_find(h, id))
			return id;
	}
	for (uint32_t i = 0; i < 65536; i++) {
		id = (uint16_t)(id + 1);
		if (id && !l2tp_htab_find(h, id))
			return id;
	}
	return 0;
}

/* ---- deferred free ----------------------------------------------------- */

static void tunnel_free(struct l2tp_tunnel *tunnel)
{
	l2tp_rel_fini(tunnel);
	timer_cancel(&tunnel->t_hold);
	l2tp_htab_fini(&tunnel->sessions);
	free(tunnel);
}

static void reap_cb(void *arg)
{
	struct l2tp *l2tp = arg;

	while (l2tp->reap_sessions) {
		struct l2tp_session *s = l2tp->reap_sessions;

		l2tp->reap_sessions = s->reap_next;
		l2tp_session_free(s);
	}
	while (l2tp->reap_tunnels) {
		struct l2tp_tunnel *t = l2tp->reap_tunnels;

		l2tp->reap_tunnels = t->reap_next;
		tunnel_free(t);
	}
}

void l2tp_reap_session(struct l2tp_session *session)
{
	struct l2tp_tunnel *t = session->tunnel;
	struct l2tp *l2tp = t->l2tp;

	if (session->dead)
		return;
	session->dead = true;
	l2tp_htab_del(&t->sessions, &session->node);
	if (session->prev)
		session->prev->next = session->next;
	else
		t->s_head = session->next;
	if (session->next)
		session->next->prev = session->prev;
	else
		t->s_tail = session->prev;
	session->prev = session->next = NULL;
	t->nsessions--;
	l2tp->nsessions--;
	session->reap_next = l2tp->reap_sessions;
	l2tp->reap_sessions = session;
	timer_arm(&l2tp->t_reap, 0);
}

void l2tp_reap_tunnel(struct l2tp_tunnel *tunnel)
{
	struct l2tp *l2tp = tunnel->l2tp;

	if (tunnel->dead)
		return;
	/* Sessions go first: they point at the tunnel. */
	l2tp_sessions_tunnel_down(tunnel, false, NULL);
	tunnel->dead = true;
	l2tp_rel_stop(tunnel);
	timer_cancel(&tunnel->t_hold);
	l2tp_htab_del(&l2tp->tunnels, &tunnel->node);
	if (tunnel->prev)
		tunnel->prev->next = tunnel->next;
	else
		l2tp->tunnel_list = tunnel->next;
	if (tunnel->next)
		tunnel->next->prev = tunnel->prev;
	tunnel->prev = tunnel->next = NULL;
	l2tp->ntunnels--;
	tunnel->reap_next = l2tp->reap_tunnels;
	l2tp->reap_tunnels = tunnel;
	timer_arm(&l2tp->t_reap, 0);
}

/* ---- instance ---------------------------------------------------------- */

struct l2tp *l2tp_new(const struct l2tp_ops *ops, void *ctx,
		      struct timers *timers, const struct logger *log)
{
	struct l2tp *l2tp;

	if (!ops || !ops->send || !ops->random || !timers)
		return NULL;
	l2tp = calloc(1, sizeof(*l2tp));
	if (!l2tp)
		return NULL;
	l2tp->ops = ops;
	l2tp->ctx = ctx;
	l2tp->timers = timers;
	l2tp->log = log;
	if (!l2tp_htab_init(&l2tp->tunnels, 64)) {
		free(l2tp);
		return NULL;
	}
	timer_init(&l2tp->t_reap, timers, reap_cb, l2tp);
	return l2tp;
}

void l2tp_free(struct l2tp *l2tp)
{
	if (!l2tp)
		return;
	while (l2tp->tunnel_list) {
		struct l2tp_tunnel *t = l2tp->tunnel_list;

		t->closed_by_glue = true;
		l2tp_reap_tunnel(t);
	}
	reap_cb(l2tp);
	timer_cancel(&l2tp->t_reap);
	l2tp_htab_fini(&l2tp->tunnels);
	free(l2tp);
}

void l2tp_get_stats(const struct l2tp *l2tp, struct l2tp_stats *out)
{
	*out = l2tp->stats;
}

void l2tp_span_str(char *dst, size_t dst_size, const uint8_t *p, size_t len)
{
	size_t n = 0;

	if (!dst_size)
		return;
	for (; n < len && n + 1 < dst_size; n++)
		dst[n] = (p[n] >= 0x20 && p[n] < 0x7F) ? (char)p[n] : '.';
	dst[n] = '\0';
}

static void drop(struct l2tp *l2tp, const struct l2tp_peer *peer,
		 const char *why)
{
	char ip[16];

	log_dbg(l2tp->log, DBG_VPDN_L2X_ERRORS,
		"L2TP: Dropped datagram from %s:%u: %s",
		l2tp_ip_str(peer->ip, ip), peer->port, why);
}

void l2tp_input(struct l2tp *l2tp, const struct l2tp_peer *peer,
		const uint8_t *buf, size_t len)
{
	struct l2tp_hdr hdr;
	struct rd body;
	const char *err = NULL;
	struct l2tp_tunnel *t;
	struct l2tp_hnode *n;

	l2tp->stats.rx_datagrams++;
	if (l2tp_hdr_parse(buf, len, &hdr, &body, &err) < 0) {
		l2tp->stats.rx_malformed++;
		drop(l2tp, peer, err);
		return;
	}
	if (hdr.control && hdr.tunnel_id == 0) {
		if (rd_left(&body) == 0)
			return; /* a ZLB acking our refusal StopCCN */
		l2tp_tunnel_sccrq(l2tp, peer, &hdr, buf, len, body);
		return;
	}
	n = l2tp_htab_find(&l2tp->tunnels, hdr.tunnel_id);
	if (!n) {
		l2tp->stats.rx_no_tunnel++;
		drop(l2tp, peer,
		     hdr.control ? "control for unknown tunnel"
				 : "data for unknown tunnel");
		return;
	}
	t = l2tp_container_of(n, struct l2tp_tunnel, node);
	if (t->peer.ip != peer->ip) {
		l2tp->stats.rx_wrong_peer++;
		drop(l2tp, peer, "not from the tunnel's peer address");
		return;
	}
	l2tp_rel_heard(t, timers_now(l2tp->timers));
	if (!hdr.control) {
		l2tp_session_data_input(t, &hdr, body);
		return;
	}
	if (t->peer.port != peer->port) {
		/* §8.1: the responder may answer from another port and
		 * the initiator must use it from then on. */
		l2tp_tlog(t, DBG_VPDN_L2X_EVENTS,
			  "Peer port changed from %u to %u", t->peer.port,
			  peer->port);
		t->peer.port = peer->port;
	}
	t->ctrl_in++;
	l2tp_rel_input(t, &hdr, buf, len, body);
}

/* ---- accessors and status ---------------------------------------------- */

struct l2tp_tunnel *l2tp_tunnel_find(struct l2tp *l2tp, uint16_t id)
{
	struct l2tp_hnode *n = l2tp_htab_find(&l2tp->tunnels, id);

	return n ? l2tp_container_of(n, struct l2tp_tunnel, node) : NULL;
}

struct l2tp_tunnel *l2tp_tunnel_lookup(struct l2tp *l2tp,
				       const struct l2tp_peer *peer,
				       const void *user)
{
	struct l2tp_tunnel *best = NULL;

	for (struct l2tp_tunnel *t = l2tp->tunnel_list; t; t = t->next) {
		/* Only tunnels the glue has seen: a responder tunnel that
		 * never came up could vanish without a tunnel_down(). */
		if (t->peer.ip != peer->ip || t->cfg.user != user ||
		    !t->glue_knows || t->state == L2TP_TUNNEL_SHUTTING_DOWN)
			continue;
		if (t->state == L2TP_TUNNEL_ESTABLISHED)
			return t;
		if (!best)
			best = t;
	}
	return best;
}

enum l2tp_tunnel_state l2tp_tunnel_state(const struct l2tp_tunnel *tunnel)
{
	return tunnel->state;
}

uint16_t l2tp_tunnel_local_id(const struct l2tp_tunnel *tunnel)
{
	return tunnel->node.id;
}

uint16_t l2tp_tunnel_remote_id(const struct l2tp_tunnel *tunnel)
{
	return tunnel->remote_id;
}

const char *l2tp_tunnel_remote_name(const struct l2tp_tunnel *tunnel)
{
	return tunnel->remote_name;
}

const struct l2tp_peer *l2tp_tunnel_peer(const struct l2tp_tunnel *tunnel)
{
	return &tunnel->peer;
}

void *l2tp_tunnel_user(const struct l2tp_tunnel *tunnel)
{
	return tunnel->cfg.user;
}

bool l2tp_tunnel_peer_can_dialout(const struct l2tp_tunnel *tunnel)
{
	return tunnel->peer_has_bearer;
}

void l2tp_tunnel_get_status(const struct l2tp_tunnel *tunnel,
			    struct l2tp_tunnel_status *out)
{
	const struct l2tp_rel *rel = &tunnel->rel;

	memset(out, 0, sizeof(*out));
	out->local_id = tunnel->node.id;
	out->remote_id = tunnel->remote_id;
	memcpy(out->remote_name, tunnel->remote_name, sizeof(out->remote_name));
	out->state = tunnel->state;
	out->state_name = l2tp_tunnel_state_name(tunnel->state);
	out->state_short = l2tp_tunnel_state_short(tunnel->state);
	out->peer = tunnel->peer;
	out->initiator = tunnel->initiator;
	out->was_established = tunnel->was_established;
	out->sessions = tunnel->nsessions;
	out->ctrl_pkts_in = tunnel->ctrl_in;
	out->ctrl_pkts_out = tunnel->ctrl_out;
	out->data_pkts_in = tunnel->data_in;
	out->data_pkts_out = tunnel->data_out;
	out->data_bytes_in = tunnel->bytes_in;
	out->data_bytes_out = tunnel->bytes_out;
	out->retransmits = rel->retransmits;
	out->last_change_ms = tunnel->last_change_ms;
	out->ns = rel->ns_next;
	out->nr = rel->nr;
	out->peer_window = rel->peer_window;
	out->tx_queued = rel->txq_n;
}

void l2tp_session_get_status(const struct l2tp_session *session,
			     struct l2tp_session_status *out)
{
	memset(out, 0, sizeof(*out));
	out->local_id = session->node.id;
	out->remote_id = session->remote_id;
	out->tunnel_local_id = session->tunnel->node.id;
	out->tunnel_remote_id = session->tunnel->remote_id;
	out->state = session->state;
	out->state_name = l2tp_session_state_name(session->state);
	out->state_short = l2tp_session_state_short(session->state);
	out->call_type = session->type;
	out->call_type_name = l2tp_call_type_name(session->type);
	memcpy(out->ifname, session->ifname, sizeof(out->ifname));
	memcpy(out->username, session->username, sizeof(out->username));
	out->last_change_ms = session->last_change_ms;
	out->pkts_in = session->pkts_in;
	out->pkts_out = session->pkts_out;
	out->bytes_in = session->bytes_in;
	out->bytes_out = session->bytes_out;
	out->sequencing = session->seq;
}

void l2tp_foreach_tunnel(struct l2tp *l2tp,
			 bool (*fn)(void *arg, struct l2tp_tunnel *tunnel),
			 void *arg)
{
	for (struct l2tp_tunnel *t = l2tp->tunnel_list; t; t = t->next)
		if (!fn(arg, t))
			return;
}

void l2tp_tunnel_foreach_session(struct l2tp_tunnel *tunnel,
				 bool (*fn)(void *arg,
					    struct l2tp_session *session),
				 void *arg)
{
	for (struct l2tp_session *s = tunnel->s_head; s; s = s->next)
		if (!fn(arg, s))
			return;
}

void l2tp_count(const struct l2tp *l2tp, unsigned *tunnels, unsigned *sessions)
{
	*tunnels = l2tp->ntunnels;
	*sessions = l2tp->nsessions;
}
