/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_hdr.h - the PPP header in front of every packet: the HDLC Address and
 * Control fields (RFC 1662 §3.1) and the Protocol field (RFC 1661 §2), with
 * Address-and-Control-Field-Compression (ACFC, RFC 1661 §6.6) and
 * Protocol-Field-Compression (PFC, RFC 1661 §6.5).
 *
 * Used on async lines (after hdlc_rx has removed framing and FCS) and on
 * links that deliver whole frames (ISDN B-channels, L2TP sessions), which is
 * why it lives apart from the octet-stuffing code.
 */
#ifndef NASD_HDLC_PPP_HDR_H
#define NASD_HDLC_PPP_HDR_H

#include <stdbool.h>
#include <stdint.h>

#include "rd.h"
#include "wr.h"

#define PPP_HDR_ADDRESS 0xff /* All-Stations address (RFC 1662 §3.1) */
#define PPP_HDR_CONTROL 0x03 /* Unnumbered Information (RFC 1662 §3.1) */
#define PPP_HDR_MAX_LEN 4    /* FF 03 + two-octet Protocol */
/* The one Protocol below 0x100 that is never sent compressed. */
#define PPP_HDR_PROTO_NO_PFC 0x00ff

/*
 * Read the header at the start of *frame.  Accepted forms:
 *   [FF 03] P1 P2   P1 even, P2 odd: two-octet Protocol P1P2
 *   [FF 03] P       P odd: compressed one-octet Protocol 0x00P (PFC)
 * The Address/Control pair is optional because the peer may use ACFC.  A
 * first octet of 0xFF is always the Address (no Protocol has an odd most
 * significant octet), so it must be followed by 0x03.
 *
 * A most significant octet that is odd cannot be told apart from a
 * compressed Protocol, so such a frame reads as one (RFC 1661 §6.5).
 *
 * Returns true with *protocol set and the reader left at the first octet of
 * the Information field.  Returns false, leaving *frame and *protocol
 * untouched, when the frame is too short, has an Address/Control other than
 * FF 03, or has a Protocol whose least significant octet is even (RFC 1661
 * §2: every Protocol value is odd).  Whether the
 * peer was *allowed* to compress (ACFC/PFC negotiated, never on LCP) is for
 * the caller to judge; RFC 1661 §6.5/§6.6 let a receiver accept both forms.
 */
bool ppp_hdr_parse(struct rd *frame, uint16_t *protocol);

/*
 * Append the header for `protocol` to w.  acfc: leave out FF 03; pfc: send a
 * one-octet Protocol when protocol < 0x100 (the only values PFC can carry),
 * except 0x00ff, whose lone 0xff would read as the Address field.
 * Pass acfc and pfc only when the peer negotiated them, and never for LCP
 * packets: RFC 1661 §6.5 and §6.6 forbid compressing either field on LCP,
 * so the peer can decode LCP whatever state its options are in.  Overflow
 * latches in w as usual.
 */
void ppp_hdr_write(struct wr *w, uint16_t protocol, bool acfc, bool pfc);

#endif /* NASD_HDLC_PPP_HDR_H */
