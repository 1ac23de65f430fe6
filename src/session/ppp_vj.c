/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_vj.c - VJ TCP/IP header compression in a PPP session (RFC 1332
 * §3.2 and §4: protocols 0x002D and 0x002F; RFC 1144 §4.1: resync after
 * lost frames): starts and stops the compressor and decompressor with
 * IPCP, decompresses incoming frames, compresses outgoing IP, and keeps
 * IOS's `passive` rule.  The codec itself is ppp/vj.c.
 */
#include "ppp_vj.h"

#include <string.h>

#include "ppp_defs.h"
#include "ppp_session.h"
#include "vj.h"

void ppp_vj_stop(struct ppp_session *s)
{
	vj_comp_free(s->vj_tx);
	vj_decomp_free(s->vj_rx);
	s->vj_tx = NULL;
	s->vj_rx = NULL;
	s->vj_peer_sent = false;
	s->vj_rx_plain_tcp = 0;
}

void ppp_vj_start(struct ppp_session *s)
{
	const struct ipcp_neg *n = &s->ipcp.neg;

	ppp_vj_stop(s);
	if (n->vj_tx.on) {
		s->vj_tx = vj_comp_new(n->vj_tx.max_slot_id,
				       n->vj_tx.comp_slot_id);
		if (!s->vj_tx)
			log_err(s->log,
				"%s: out of memory for TCP header "
				"compression: sending uncompressed",
				s->cfg.ifname);
	}
	if (n->vj_rx.on) {
		s->vj_rx = vj_decomp_new(n->vj_rx.max_slot_id);
		if (!s->vj_rx)
			log_err(s->log,
				"%s: out of memory for TCP header "
				"decompression: VJ frames will be "
				"rejected",
				s->cfg.ifname);
	}
}

bool ppp_vj_input(struct ppp_session *s, uint16_t proto, const uint8_t *p,
		  size_t len)
{
	/* The rebuilt header may be up to VJ_HDR_MAX octets longer than
	 * the frame; frames are at most PPP_MRU_MAX. */
	uint8_t buf[PPP_MRU_MAX + VJ_HDR_MAX];
	enum vj_type type = proto == PPP_PROTO_VJ_COMP
				    ? VJ_TYPE_COMPRESSED_TCP
				    : VJ_TYPE_UNCOMPRESSED_TCP;
	const char *why = "";
	size_t n = 0;
	int rc;

	if (!s->vj_rx) {
		/* A peer that starts compressing before IPCP is Opened (or
		 * while it renegotiates) on a link that would agree VJ
		 * is early, not wrong: drop quietly, as for IP. */
		if (s->cfg.ip && s->cfg.ipcp.vj && !s->ip_up) {
			s->stats.rx_discards++;
			return true;
		}
		return false;
	}
	s->vj_peer_sent = true;
	rc = vj_decompress(s->vj_rx, type, p, len, buf, sizeof(buf), &n, &why);
	if (rc < 0) {
		s->stats.rx_discards++;
		log_dbg(s->log, DBG_PPP_ERROR, "%s PPP: %s dropped: %s",
			s->cfg.ifshort, vj_type_name(type), why);
		return true;
	}
	s->stats.rx_ip_packets++;
	s->ops->ip_input(s->ctx, buf, n);
	return true;
}

uint16_t ppp_vj_compress(struct ppp_session *s, const uint8_t **pkt,
			 size_t *len, uint8_t *buf, size_t size)
{
	enum vj_type type;
	size_t n = 0;

	if (!s->vj_tx || (s->cfg.vj_passive && !s->vj_peer_sent))
		return PPP_PROTO_IP;
	type = vj_compress(s->vj_tx, *pkt, *len, buf, size, &n);
	if (type == VJ_TYPE_IP)
		return PPP_PROTO_IP;
	*pkt = buf;
	*len = n;
	return vj_type_proto(type);
}

void ppp_vj_count_ip(struct ppp_session *s, const uint8_t *pkt, size_t len)
{
	if (s->vj_rx && vj_is_tcp(pkt, len))
		s->vj_rx_plain_tcp++;
}

void ppp_session_input_error(struct ppp_session *s)
{
	if (s->vj_rx)
		vj_decomp_toss(s->vj_rx);
}

bool ppp_session_vj_status(const struct ppp_session *s,
			   struct ppp_vj_status *st)
{
	memset(st, 0, sizeof(*st));
	if (!s->vj_tx && !s->vj_rx)
		return false;
	st->passive = s->cfg.vj_passive;
	st->rx_plain_tcp = s->vj_rx_plain_tcp;
	if (s->vj_tx) {
		st->tx_on = true;
		st->tx_slots = vj_comp_slots(s->vj_tx);
		st->tx = *vj_comp_stats(s->vj_tx);
		st->compressing = !s->cfg.vj_passive || s->vj_peer_sent;
	}
	if (s->vj_rx) {
		st->rx_on = true;
		st->rx_slots = vj_decomp_slots(s->vj_rx);
		st->rx = *vj_decomp_stats(s->vj_rx);
	}
	return true;
}
