/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_data.c - the data channel of a session (RFC 2661 §3.1 data header:
 * no L, S only when sequencing is on, no offset on send; L, S, O and P
 * honoured on receive; §5.4 sequencing, which the LNS may switch on by
 * sending numbered data) and the session accessors.  The hot path: no
 * allocation, O(1) lookups, the header built on the stack and handed to
 * the glue beside the frame (no copy of the frame).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "l2tp_int.h"

static bool seq_before(uint16_t a, uint16_t b)
{
	return (int16_t)(uint16_t)(a - b) < 0;
}

/* ---- data -------------------------------------------------------------- */

int l2tp_session_send(struct l2tp_session *session, const uint8_t *frame,
		      size_t len)
{
	struct l2tp_tunnel *t = session->tunnel;
	struct l2tp *l2tp = t->l2tp;
	uint8_t hb[10];
	struct wr w = wr_init(hb, sizeof(hb));
	struct l2tp_hdr h = {
		.has_seq = session->seq,
		.tunnel_id = t->remote_id,
		.session_id = session->remote_id,
		.ns = session->data_ns,
		.nr = session->data_nr,
	};

	if (session->dead || session->state != L2TP_SESSION_ESTABLISHED)
		return -ENOTCONN;
	if (session->seq)
		session->data_ns++;
	l2tp_hdr_write(&w, &h);
	session->pkts_out++;
	session->bytes_out += len;
	t->data_out++;
	t->bytes_out += len;
	l2tp->ops->send(l2tp->ctx, &t->peer, hb, w.len, frame, len);
	return 0;
}

void l2tp_session_data_input(struct l2tp_tunnel *tunnel,
			     const struct l2tp_hdr *hdr, struct rd payload)
{
	struct l2tp *l2tp = tunnel->l2tp;
	struct l2tp_session *s = l2tp_session_find(tunnel, hdr->session_id);

	if (!s || s->state != L2TP_SESSION_ESTABLISHED) {
		l2tp->stats.rx_no_session++;
		l2tp_tlog(tunnel, DBG_VPDN_L2X_ERRORS,
			  "Data for %s session %u, dropped",
			  s ? "unestablished" : "unknown", hdr->session_id);
		return;
	}
	if (hdr->has_seq) {
		/* §5.4: the LNS may switch sequencing on by sending
		 * numbered data; answer in kind from then on. */
		s->seq = true;
		if (seq_before(hdr->ns, s->data_nr)) {
			l2tp_slog(s, DBG_VPDN_L2X_ERRORS,
				  "Data Ns %u before %u, dropped", hdr->ns,
				  s->data_nr);
			return;
		}
		s->data_nr = (uint16_t)(hdr->ns + 1);
	}
	s->pkts_in++;
	s->bytes_in += rd_left(&payload);
	tunnel->data_in++;
	tunnel->bytes_in += rd_left(&payload);
	if (l2tp->ops->session_data)
		l2tp->ops->session_data(l2tp->ctx, s, payload.p,
					rd_left(&payload));
}

/* ---- accessors --------------------------------------------------------- */

struct l2tp_session *l2tp_session_find(struct l2tp_tunnel *tunnel, uint16_t id)
{
	struct l2tp_hnode *n = l2tp_htab_find(&tunnel->sessions, id);

	return n ? l2tp_container_of(n, struct l2tp_session, node) : NULL;
}

struct l2tp_tunnel *l2tp_session_tunnel(const struct l2tp_session *session)
{
	return session->tunnel;
}

enum l2tp_session_state l2tp_session_state(const struct l2tp_session *session)
{
	return session->state;
}

enum l2tp_call_type l2tp_session_call_type(const struct l2tp_session *session)
{
	return session->type;
}

uint16_t l2tp_session_local_id(const struct l2tp_session *session)
{
	return session->node.id;
}

uint16_t l2tp_session_remote_id(const struct l2tp_session *session)
{
	return session->remote_id;
}

void *l2tp_session_user(const struct l2tp_session *session)
{
	return session->user;
}

void l2tp_session_set_user(struct l2tp_session *session, void *user)
{
	session->user = user;
}

void l2tp_session_set_ifname(struct l2tp_session *session, const char *ifname)
{
	snprintf(session->ifname, sizeof(session->ifname), "%s",
		 ifname ? ifname : "");
}

void l2tp_session_set_username(struct l2tp_session *session,
			       const char *username)
{
	snprintf(session->username, sizeof(session->username), "%s",
		 username ? username : "");
}
