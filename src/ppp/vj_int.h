/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vj_int.h - what the VJ compressor (vj.c) and decompressor (vj_decomp.c)
 * share: the saved-header slot, the offsets of the IPv4 (RFC 791 §3.1) and
 * TCP (RFC 793 §3.1) header fields RFC 1144 tracks, the change-mask bits
 * of RFC 1144 §3.2 (figure 3), and the header validator.  Private to
 * src/ppp.
 */
#ifndef NASD_PPP_VJ_INT_H
#define NASD_PPP_VJ_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vj.h"

/* Change mask, first octet of a COMPRESSED_TCP packet.  0x80 is unused
 * and must be zero. */
#define VJ_MASK_C 0x40 /* connection (slot) number follows */
#define VJ_MASK_I 0x20 /* IP Identification delta other than 1 */
#define VJ_MASK_P 0x10 /* TCP PSH flag */
#define VJ_MASK_S 0x08 /* sequence number delta */
#define VJ_MASK_A 0x04 /* acknowledgment delta */
#define VJ_MASK_W 0x02 /* window delta */
#define VJ_MASK_U 0x01 /* urgent pointer (with URG) */
#define VJ_MASK_RESERVED 0x80
/* The combinations S+W+U and S+A+W+U never occur in real traffic (urgent
 * data with a window change, where the urgent pointer would be sent
 * anyway) so RFC 1144 §3.2 uses them for the two commonest patterns,
 * whose deltas are implied:
 *   SPECIAL_I = S+W+U (0x0B): seq and ack both moved by the previous
 *              packet's data length (echoed interactive traffic);
 *   SPECIAL_D = S+A+W+U (0x0F): seq moved by the previous packet's data
 *              length (one-way data transfer).
 * (The assignment is RFC 1144's; Wireshark decodes it the same way.) */
#define VJ_SPECIAL_MASK (VJ_MASK_S | VJ_MASK_A | VJ_MASK_W | VJ_MASK_U)
#define VJ_SPECIAL_I (VJ_MASK_S | VJ_MASK_W | VJ_MASK_U)
#define VJ_SPECIAL_D (VJ_MASK_S | VJ_MASK_A | VJ_MASK_W | VJ_MASK_U)

/* IPv4 header offsets. */
#define VJ_IP_VHL 0
#define VJ_IP_TOS 1
#define VJ_IP_LEN 2
#define VJ_IP_ID 4
#define VJ_IP_FRAG 6
#define VJ_IP_TTL 8
#define VJ_IP_PROTO 9
#define VJ_IP_SUM 10
#define VJ_IP_SRC 12
#define VJ_IP_DST 16
#define VJ_IP_MIN 20
#define VJ_IP_PROTO_TCP 6
#define VJ_IP_FRAG_MASK 0x3fff /* More-Fragments and the offset */

/* TCP header offsets, from the start of the TCP header. */
#define VJ_TCP_SPORT 0
#define VJ_TCP_DPORT 2
#define VJ_TCP_SEQ 4
#define VJ_TCP_ACK 8
#define VJ_TCP_OFF 12
#define VJ_TCP_FLAGS 13
#define VJ_TCP_WIN 14
#define VJ_TCP_SUM 16
#define VJ_TCP_URP 18
#define VJ_TCP_MIN 20

#define VJ_TH_FIN 0x01
#define VJ_TH_SYN 0x02
#define VJ_TH_RST 0x04
#define VJ_TH_PSH 0x08
#define VJ_TH_ACK 0x10
#define VJ_TH_URG 0x20

/* The last header seen on one connection. */
struct vj_slot {
	uint8_t hdr[VJ_HDR_MAX];
	uint8_t hlen; /* IP + TCP header octets; 0 = never loaded */
	uint8_t ihl;  /* IP header octets (offset of the TCP header) */
};

/* Where the headers of a TCP/IPv4 packet are. */
struct vj_hdrs {
	size_t ihl;	/* IP header octets */
	size_t hlen;	/* IP + TCP header octets */
	size_t tot_len; /* IP Total Length */
	uint16_t frag;	/* flags + fragment offset */
	uint8_t proto;
};

/*
 * Validate the IPv4 header at pkt[0..len) and, when it carries TCP, the
 * TCP header: version 4, IHL >= 5, Total Length within len, header lengths
 * within Total Length.  Fills *h.  Returns NULL when valid, else a short
 * reason.  A non-TCP packet is valid with h->hlen = h->ihl.
 */
const char *vj_parse_hdrs(const uint8_t *pkt, size_t len, struct vj_hdrs *h);

/* Field readers over a header already validated (bounds hold). */
uint16_t vj_get16(const uint8_t *p, size_t at);
uint32_t vj_get32(const uint8_t *p, size_t at);

/* Decode one RFC 1144 delta: a non-zero octet, or 0 followed by two
 * octets.  False when truncated. */
struct rd;
bool vj_rd_delta(struct rd *r, uint16_t *v);

#endif /* NASD_PPP_VJ_INT_H */
