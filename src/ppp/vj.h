/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vj.h - Van Jacobson TCP/IP header compression (RFC 1144) for PPP
 * (RFC 1332 §3.2, §4): a compressor for the direction towards the peer and
 * a decompressor for the direction from it, each sized by the Max-Slot-Id
 * negotiated in IPCP.
 *
 * The compressor keeps the last header sent on each TCP connection in a
 * slot and, for the next packet of that connection, sends only what
 * changed (RFC 1144 §3.2): a change mask, the slot number (omitted when
 * the peer allows it and the slot is the last one sent), the TCP checksum
 * and small deltas of the fields that moved.  The decompressor keeps the
 * same slots and rebuilds the whole IP and TCP header, IP checksum
 * included.  After an error it discards compressed packets until one
 * re-synchronises the slot (RFC 1144 §4.1, "toss").
 *
 * Three PPP protocols carry the result (RFC 1332 §4):
 *   0x0021 IP               the packet unchanged (VJ_TYPE_IP);
 *   0x002F Uncompressed-TCP  the packet with the IP Protocol field
 *                            replaced by the slot number; it (re)loads
 *                            the slot at the far end;
 *   0x002D Compressed-TCP    the compressed header and the TCP data.
 *
 * Sans I/O: no allocation besides vj_*_new(), no clock, no logging; the
 * caller owns the buffers.  Every input is validated and every output is
 * bounded; bad input gives an error with a reason, never a crash.
 */
#ifndef NASD_PPP_VJ_H
#define NASD_PPP_VJ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Max-Slot-Id is one octet (RFC 1332 §3.2): at most 256 slots. */
#define VJ_SLOTS_MAX 256
/* Largest IP + TCP header a slot keeps: 60 octets of IPv4 header and 60
 * of TCP header, each with the most options their length field allows. */
#define VJ_HDR_MAX 120
/* Largest compressed header: mask, slot, checksum and five deltas of at
 * most three octets (RFC 1144 §3.2, figure 3). */
#define VJ_COMP_HDR_MAX (1 + 1 + 2 + 5 * 3)

#define VJ_TYPES(X)                                                            \
	X(VJ_TYPE_IP, "IP", 0x0021)                                            \
	X(VJ_TYPE_UNCOMPRESSED_TCP, "UNCOMPRESSED_TCP", 0x002f)                \
	X(VJ_TYPE_COMPRESSED_TCP, "COMPRESSED_TCP", 0x002d)

enum vj_type {
#define VJ_TYPE_ENUM(e, s, p) e,
	VJ_TYPES(VJ_TYPE_ENUM)
#undef VJ_TYPE_ENUM
	VJ_TYPE__COUNT
};

/* RFC 1144 name of a packet type ("COMPRESSED_TCP"), "?" if out of range. */
const char *vj_type_name(enum vj_type t);

/* The PPP Protocol field value that carries packet type t (RFC 1332 §4),
 * 0 if out of range. */
uint16_t vj_type_proto(enum vj_type t);

/* ---- compressor ---------------------------------------------------------- */

/* Counters for IOS `show ip tcp header-compression`, "Sent:" and
 * "Connect:" lines.  They only grow. */
struct vj_comp_stats {
	uint64_t packets;	/* TCP packets offered ("total") */
	uint64_t compressed;	/* sent as COMPRESSED_TCP */
	uint64_t uncompressed;	/* sent as UNCOMPRESSED_TCP */
	uint64_t bytes_saved;	/* header octets not sent */
	uint64_t bytes_sent;	/* octets of the TCP packets as sent */
	uint64_t searches;	/* connection look-ups */
	uint64_t long_searches; /* look-ups that were not the last
				 * connection used */
	uint64_t misses;	/* look-ups that found no slot: a new
				 * connection took the least recently used */
};

struct vj_comp;

/*
 * A compressor for `max_slot_id` + 1 slots (the Max-Slot-Id the peer sent
 * in its IP-Compression-Protocol option, 0..255).  comp_slot: the peer's
 * Comp-Slot-Id was 1, so the slot number may be left out of a compressed
 * packet for the connection of the previous one (RFC 1332 §3.2).
 * Returns NULL when out of memory.  Free with vj_comp_free().
 */
struct vj_comp *vj_comp_new(uint8_t max_slot_id, bool comp_slot);
void vj_comp_free(struct vj_comp *comp);

/*
 * Compress one IPv4 packet pkt[0..len) for the peer (RFC 1144 §3.2,
 * appendix A).  The result is written to out[0..out_size) and its length
 * to *out_len, except for VJ_TYPE_IP, where nothing is written and the
 * caller sends pkt itself with protocol 0x0021.
 *
 * VJ_TYPE_IP is returned for anything that must not be compressed:
 * not IPv4 TCP, a fragment, a bad or truncated header, TCP SYN, FIN or RST
 * or a segment without ACK, and when out_size < len.  A TCP packet whose
 * unchanging fields (IP or TCP options, TTL, TOS, flags, ...) moved, which
 * is new, or whose deltas do not fit, goes as VJ_TYPE_UNCOMPRESSED_TCP
 * (and loads its slot).  Updates the slots and comp->stats.  pkt and out
 * must not overlap.
 */
enum vj_type vj_compress(struct vj_comp *comp, const uint8_t *pkt, size_t len,
			 uint8_t *out, size_t out_size, size_t *out_len);

/* Number of slots (Max-Slot-Id + 1). */
unsigned vj_comp_slots(const struct vj_comp *comp);
const struct vj_comp_stats *vj_comp_stats(const struct vj_comp *comp);

/* ---- decompressor -------------------------------------------------------- */

/* Counters for the "Rcvd:" line of `show ip tcp header-compression`. */
struct vj_decomp_stats {
	uint64_t packets;	  /* VJ packets received ("total") */
	uint64_t compressed;	  /* COMPRESSED_TCP rebuilt */
	uint64_t uncompressed;	  /* UNCOMPRESSED_TCP accepted */
	uint64_t errors;	  /* undecodable: bad slot, truncated, ... */
	uint64_t dropped;	  /* COMPRESSED_TCP discarded while tossing */
	uint64_t buffer_copies;	  /* headers rebuilt into the caller's buffer */
	uint64_t buffer_failures; /* rebuilt packet larger than that buffer */
	uint64_t tosses;	  /* times the toss state was entered */
};

struct vj_decomp;

/*
 * A decompressor for `max_slot_id` + 1 slots (the Max-Slot-Id we sent in
 * our IP-Compression-Protocol option).  Compressed packets with or without
 * the slot number are both accepted.  Returns NULL when out of memory.
 */
struct vj_decomp *vj_decomp_new(uint8_t max_slot_id);
void vj_decomp_free(struct vj_decomp *decomp);

/*
 * Rebuild the IP packet carried by one VJ frame (type
 * VJ_TYPE_UNCOMPRESSED_TCP or VJ_TYPE_COMPRESSED_TCP; the PPP header
 * already removed) into out[0..out_size), its length in *out_len.
 *
 * Returns 0 on success.  On failure *reason (if reason is not NULL) names
 * the problem in a few words and:
 *   -EPROTO   the frame is malformed (bad slot number, unknown slot,
 *             truncated delta, bad IP/TCP header, reserved bit, packet too
 *             long); the decompressor now tosses (RFC 1144 §4.1);
 *   -EAGAIN   a COMPRESSED_TCP without the slot number arrived while
 *             tossing and was discarded;
 *   -ENOBUFS  the rebuilt packet does not fit out_size; tossing;
 *   -EINVAL   type is VJ_TYPE_IP or out of range.
 * The slots change only on success.  in and out must not overlap.
 */
int vj_decompress(struct vj_decomp *decomp, enum vj_type type,
		  const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
		  size_t *out_len, const char **reason);

/*
 * A frame was lost below us (bad FCS, aborted frame: RFC 1144 §4.1): the
 * next COMPRESSED_TCP may refer to a header we never saw, so discard them
 * until one carries a slot number or an UNCOMPRESSED_TCP arrives.
 */
void vj_decomp_toss(struct vj_decomp *decomp);

/* True while compressed packets without a slot number are discarded. */
bool vj_decomp_tossing(const struct vj_decomp *decomp);

unsigned vj_decomp_slots(const struct vj_decomp *decomp);
const struct vj_decomp_stats *vj_decomp_stats(const struct vj_decomp *decomp);

/* ---- helpers ------------------------------------------------------------- */

/* True when pkt[0..len) is an IPv4 packet whose protocol is TCP (for
 * counting received TCP that arrived as plain IP). */
bool vj_is_tcp(const uint8_t *pkt, size_t len);

/* The IPv4 header checksum (RFC 791 §3.1) of hdr[0..len) with the checksum
 * field taken as zero; len is the header length, a multiple of 2. */
uint16_t vj_ip_checksum(const uint8_t *hdr, size_t len);

#endif /* NASD_PPP_VJ_H */
