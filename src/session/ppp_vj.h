/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_vj.h - the session's use of VJ TCP/IP header compression (RFC 1144
 * on PPP, RFC 1332 §3.2/§4), private to src/session: the hooks
 * ppp_session.c calls when IPCP comes up or goes down, when a VJ frame
 * arrives and when an IP packet leaves.  The public side (input errors,
 * status) is in ppp_session.h.
 */
#ifndef NASD_SESSION_PPP_VJ_H
#define NASD_SESSION_PPP_VJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ppp_session;

/* IPCP Opened: create the compressor (sized by the peer's Max-Slot-Id,
 * slot ids left out only if it said Comp-Slot-Id 1) and the decompressor
 * (sized by ours) for the directions s->ipcp.neg agreed.  Out of memory
 * is logged and that direction runs without VJ. */
void ppp_vj_start(struct ppp_session *s);

/* IPCP left Opened, or the session ends: free both.  Idempotent. */
void ppp_vj_stop(struct ppp_session *s);

/*
 * A frame of protocol 0x002D (Compressed-TCP) or 0x002F
 * (Uncompressed-TCP), PPP header removed.  Rebuilds the IP packet and
 * hands it to ops->ip_input(); undecodable frames are counted, logged
 * under `debug ppp error` and dropped.  Returns false when VJ was not
 * agreed from the peer and the caller must Protocol-Reject the frame
 * (RFC 1661 §5.7); frames arriving while IPCP is not Opened on a link
 * that would negotiate VJ are silently discarded instead.
 */
bool ppp_vj_input(struct ppp_session *s, uint16_t proto, const uint8_t *p,
		  size_t len);

/*
 * An IP packet leaves: with VJ agreed towards the peer (and, with
 * `passive`, once the peer has sent VJ), compress it into buf[0..size).
 * Returns the PPP protocol to send with and, when compressed, points *pkt
 * and *len at buf.  Plain IP otherwise: *pkt and *len untouched.
 */
uint16_t ppp_vj_compress(struct ppp_session *s, const uint8_t **pkt,
			 size_t *len, uint8_t *buf, size_t size);

/* A plain IP packet from the peer: counted for the "Rcvd: total" of
 * `show ip tcp header-compression` when it is TCP. */
void ppp_vj_count_ip(struct ppp_session *s, const uint8_t *pkt, size_t len);

#endif /* NASD_SESSION_PPP_VJ_H */
