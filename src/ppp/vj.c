/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vj.c - the Van Jacobson TCP/IP header compressor (RFC 1144 §3.2 and
 * appendix A.2, written from the description, not from the sample code),
 * plus the header validation and field helpers the decompressor
 * (vj_decomp.c) shares.  See vj.h for the contract.
 *
 * Connections are kept in an LRU list (RFC 1144 §3.2.2): the one used last
 * is looked up first, and a new connection takes the least recently used
 * slot.  Slots are handed out in order 0, 1, 2, ... while there are free
 * ones, which keeps traces and tests readable.
 */
#include "vj.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "rd.h"
#include "vj_int.h"
#include "wr.h"

static const char *const type_names[VJ_TYPE__COUNT] = {
#define VJ_TYPE_NAME(e, s, p) [e] = s,
	VJ_TYPES(VJ_TYPE_NAME)
#undef VJ_TYPE_NAME
};

static const uint16_t type_protos[VJ_TYPE__COUNT] = {
#define VJ_TYPE_PROTO(e, s, p) [e] = p,
	VJ_TYPES(VJ_TYPE_PROTO)
#undef VJ_TYPE_PROTO
};

_Static_assert(sizeof(type_names) / sizeof(type_names[0]) == VJ_TYPE__COUNT,
	       "one name per VJ packet type");
_Static_assert(VJ_HDR_MAX <= UINT8_MAX, "slot header length fits uint8_t");

const char *vj_type_name(enum vj_type t)
{
	return (unsigned)t < VJ_TYPE__COUNT ? type_names[t] : "?";
}

uint16_t vj_type_proto(enum vj_type t)
{
	return (unsigned)t < VJ_TYPE__COUNT ? type_protos[t] : 0;
}

/* ---- shared helpers ------------------------------------------------------ */

uint16_t vj_get16(const uint8_t *p, size_t at)
{
	struct rd r = rd_init(p + at, 2);
	uint16_t v = 0;

	rd_u16(&r, &v);
	return v;
}

uint32_t vj_get32(const uint8_t *p, size_t at)
{
	struct rd r = rd_init(p + at, 4);
	uint32_t v = 0;

	rd_u32(&r, &v);
	return v;
}

bool vj_rd_delta(struct rd *r, uint16_t *v)
{
	uint8_t b;

	if (!rd_u8(r, &b))
		return false;
	if (b != 0) {
		*v = b;
		return true;
	}
	return rd_u16(r, v);
}

uint16_t vj_ip_checksum(const uint8_t *hdr, size_t len)
{
	struct rd r = rd_init(hdr, len);
	uint32_t sum = 0;
	uint16_t w;
	size_t at = 0;

	while (rd_u16(&r, &w)) {
		if (at != VJ_IP_SUM)
			sum += w;
		at += 2;
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

const char *vj_parse_hdrs(const uint8_t *pkt, size_t len, struct vj_hdrs *h)
{
	struct rd r = rd_init(pkt, len);
	uint8_t vhl, tos, ttl, off;
	uint16_t tot, id;

	memset(h, 0, sizeof(*h));
	if (!rd_u8(&r, &vhl) || !rd_u8(&r, &tos) || !rd_u16(&r, &tot) ||
	    !rd_u16(&r, &id) || !rd_u16(&r, &h->frag) || !rd_u8(&r, &ttl) ||
	    !rd_u8(&r, &h->proto))
		return "truncated IP header";
	if (vhl >> 4 != 4)
		return "not IPv4";
	h->ihl = (size_t)(vhl & 0x0f) * 4;
	h->tot_len = tot;
	if (h->ihl < VJ_IP_MIN)
		return "IP header length below 20";
	if (h->tot_len < h->ihl)
		return "IP total length below the header length";
	if (h->tot_len > len)
		return "IP total length beyond the frame";
	h->hlen = h->ihl;
	if (h->proto != VJ_IP_PROTO_TCP)
		return NULL;
	r = rd_init(pkt + h->ihl, h->tot_len - h->ihl);
	if (!rd_skip(&r, VJ_TCP_OFF) || !rd_u8(&r, &off))
		return "truncated TCP header";
	if ((off >> 4) < 5)
		return "TCP data offset below 5";
	h->hlen = h->ihl + (size_t)(off >> 4) * 4;
	if (h->hlen > h->tot_len)
		return "TCP header beyond the IP total length";
	return NULL;
}

bool vj_is_tcp(const uint8_t *pkt, size_t len)
{
	struct vj_hdrs h;

	return vj_parse_hdrs(pkt, len, &h) == NULL &&
	       h.proto == VJ_IP_PROTO_TCP;
}

/* ---- compressor ---------------------------------------------------------- */

struct vj_comp {
	unsigned nslots;
	bool comp_slot; /* the peer accepts packets without the slot id */
	int last_sent;	/* slot of the last VJ packet sent, -1 none */
	struct vj_comp_stats stats;
	uint8_t lru[VJ_SLOTS_MAX]; /* slot numbers, most recent first */
	struct vj_slot slots[];
};

struct vj_comp *vj_comp_new(uint8_t max_slot_id, bool comp_slot)
{
	unsigned n = (unsigned)max_slot_id + 1;
	struct vj_comp *comp =
		calloc(1, sizeof(*comp) + n * sizeof(comp->slots[0]));

	if (!comp)
		return NULL;
	comp->nslots = n;
	comp->comp_slot = comp_slot;
	comp->last_sent = -1;
	/* Least recent last: the first new connection takes slot 0. */
	for (unsigned i = 0; i < n; i++)
		comp->lru[i] = (uint8_t)(n - 1 - i);
	return comp;
}

void vj_comp_free(struct vj_comp *comp)
{
	free(comp);
}

unsigned vj_comp_slots(const struct vj_comp *comp)
{
	return comp->nslots;
}

const struct vj_comp_stats *vj_comp_stats(const struct vj_comp *comp)
{
	return &comp->stats;
}

/* Move lru[pos] to the front. */
static void lru_touch(struct vj_comp *comp, unsigned pos)
{
	uint8_t id = comp->lru[pos];

	memmove(&comp->lru[1], &comp->lru[0], pos);
	comp->lru[0] = id;
}

/* The slot of pkt's connection (its two addresses and two ports), or a
 * recycled one with *found false. */
static struct vj_slot *lookup(struct vj_comp *comp, const uint8_t *pkt,
			      size_t ihl, bool *found)
{
	unsigned pos;

	comp->stats.searches++;
	for (pos = 0; pos < comp->nslots; pos++) {
		const struct vj_slot *s = &comp->slots[comp->lru[pos]];

		if (s->hlen && s->ihl == ihl &&
		    memcmp(s->hdr + VJ_IP_SRC, pkt + VJ_IP_SRC, 8) == 0 &&
		    memcmp(s->hdr + s->ihl, pkt + ihl, 4) == 0)
			break;
	}
	*found = pos < comp->nslots;
	if (*found) {
		if (pos > 0)
			comp->stats.long_searches++;
	} else {
		comp->stats.misses++;
		pos = comp->nslots - 1;
	}
	lru_touch(comp, pos);
	return &comp->slots[comp->lru[0]];
}

/*
 * The fields RFC 1144 §3.2.3 expects to stay the same for the life of a
 * connection: IP version, header length, TOS, fragment field, TTL,
 * protocol and options; TCP data offset (and the reserved/NS bits beside
 * it), the flags other than PSH and URG, and the options.  The
 * decompressor copies them from the slot, so any change must reload it.
 */
static bool constant_fields_same(const struct vj_slot *s, const uint8_t *pkt,
				 const struct vj_hdrs *h)
{
	const uint8_t *ot = s->hdr + s->ihl, *nt = pkt + h->ihl;
	const uint8_t keep = (uint8_t) ~(VJ_TH_PSH | VJ_TH_URG);

	if (s->ihl != h->ihl || s->hlen != h->hlen)
		return false;
	if (memcmp(s->hdr, pkt, 2) != 0 ||
	    memcmp(s->hdr + VJ_IP_FRAG, pkt + VJ_IP_FRAG, 4) != 0 ||
	    memcmp(s->hdr + VJ_IP_MIN, pkt + VJ_IP_MIN, h->ihl - VJ_IP_MIN))
		return false;
	if (ot[VJ_TCP_OFF] != nt[VJ_TCP_OFF] ||
	    (ot[VJ_TCP_FLAGS] & keep) != (nt[VJ_TCP_FLAGS] & keep))
		return false;
	return memcmp(ot + VJ_TCP_MIN, nt + VJ_TCP_MIN,
		      h->hlen - h->ihl - VJ_TCP_MIN) == 0;
}

/* One delta: 1..255 in one octet, anything else (0 included, for the
 * urgent pointer and IP ID) as 0 and two octets (RFC 1144 §3.2.2). */
static void put_delta(struct wr *w, uint16_t v)
{
	if (v >= 1 && v <= 255) {
		wr_u8(w, (uint8_t)v);
	} else {
		wr_u8(w, 0);
		wr_u16(w, v);
	}
}

/* What changed against the slot; false when it cannot be expressed and
 * the packet must go uncompressed. */
struct vj_delta {
	uint8_t mask;
	uint16_t urp, win, ack, seq, id;
};

static bool compute_delta(const struct vj_slot *s, const uint8_t *pkt,
			  const struct vj_hdrs *h, struct vj_delta *d)
{
	const uint8_t *ot = s->hdr + s->ihl, *nt = pkt + h->ihl;
	uint32_t dseq, dack;
	size_t prev_data = vj_get16(s->hdr, VJ_IP_LEN) - s->hlen;

	memset(d, 0, sizeof(*d));
	if (nt[VJ_TCP_FLAGS] & VJ_TH_URG) {
		d->urp = vj_get16(nt, VJ_TCP_URP);
		d->mask |= VJ_MASK_U;
	} else if (vj_get16(nt, VJ_TCP_URP) != vj_get16(ot, VJ_TCP_URP)) {
		/* Without URG the decompressor keeps the old pointer. */
		return false;
	}
	d->win =
		(uint16_t)(vj_get16(nt, VJ_TCP_WIN) - vj_get16(ot, VJ_TCP_WIN));
	if (d->win)
		d->mask |= VJ_MASK_W;
	dack = vj_get32(nt, VJ_TCP_ACK) - vj_get32(ot, VJ_TCP_ACK);
	if (dack > 0xffff)
		return false; /* backwards or too far: no 16-bit delta */
	d->ack = (uint16_t)dack;
	if (d->ack)
		d->mask |= VJ_MASK_A;
	dseq = vj_get32(nt, VJ_TCP_SEQ) - vj_get32(ot, VJ_TCP_SEQ);
	if (dseq > 0xffff)
		return false;
	d->seq = (uint16_t)dseq;
	if (d->seq)
		d->mask |= VJ_MASK_S;

	switch (d->mask) {
	case 0:
		/* Nothing moved.  A packet with data after one without is
		 * the usual data-after-ack of an interactive connection;
		 * anything else is probably a retransmission, sent whole in
		 * case the peer missed the compressed original. */
		if (h->tot_len != vj_get16(s->hdr, VJ_IP_LEN) && prev_data == 0)
			break;
		return false;
	case VJ_SPECIAL_I:
	case VJ_SPECIAL_D:
		/* The real changes look like a special encoding. */
		return false;
	case VJ_MASK_S | VJ_MASK_A:
		/* The decompressor leaves URG alone in the special cases,
		 * so they only fit when the slot has it clear. */
		if (d->seq == d->ack && d->seq == prev_data &&
		    !(ot[VJ_TCP_FLAGS] & VJ_TH_URG))
			d->mask = VJ_SPECIAL_I;
		break;
	case VJ_MASK_S:
		if (d->seq == prev_data && !(ot[VJ_TCP_FLAGS] & VJ_TH_URG))
			d->mask = VJ_SPECIAL_D;
		break;
	default:
		break;
	}
	d->id = (uint16_t)(vj_get16(pkt, VJ_IP_ID) -
			   vj_get16(s->hdr, VJ_IP_ID));
	if (d->id != 1)
		d->mask |= VJ_MASK_I;
	if (nt[VJ_TCP_FLAGS] & VJ_TH_PSH)
		d->mask |= VJ_MASK_P;
	return true;
}

static void slot_save(struct vj_slot *s, const uint8_t *pkt,
		      const struct vj_hdrs *h)
{
	memcpy(s->hdr, pkt, h->hlen);
	s->hlen = (uint8_t)h->hlen;
	s->ihl = (uint8_t)h->ihl;
}

enum vj_type vj_compress(struct vj_comp *comp, const uint8_t *pkt, size_t len,
			 uint8_t *out, size_t out_size, size_t *out_len)
{
	struct vj_hdrs h;
	struct vj_slot *s;
	struct vj_delta d;
	struct wr w;
	bool found;
	uint8_t flags;
	unsigned id;

	*out_len = 0;
	if (vj_parse_hdrs(pkt, len, &h) || h.proto != VJ_IP_PROTO_TCP)
		return VJ_TYPE_IP;
	comp->stats.packets++;
	flags = pkt[h.ihl + VJ_TCP_FLAGS];
	/* Fragments, connection set-up and tear-down, and segments without
	 * ACK are rare and must reach the far end untouched (RFC 1144
	 * §3.2.3); so is anything we cannot copy into out. */
	if ((h.frag & VJ_IP_FRAG_MASK) || h.tot_len != len ||
	    (flags & (VJ_TH_SYN | VJ_TH_FIN | VJ_TH_RST | VJ_TH_ACK)) !=
		    VJ_TH_ACK ||
	    out_size < len) {
		comp->stats.bytes_sent += len;
		return VJ_TYPE_IP;
	}
	s = lookup(comp, pkt, h.ihl, &found);
	id = (unsigned)(s - comp->slots);
	if (!found || !constant_fields_same(s, pkt, &h) ||
	    !compute_delta(s, pkt, &h, &d))
		goto uncompressed;

	w = wr_init(out, out_size);
	if (!comp->comp_slot || comp->last_sent != (int)id) {
		wr_u8(&w, d.mask | VJ_MASK_C);
		wr_u8(&w, (uint8_t)id);
	} else {
		wr_u8(&w, d.mask);
	}
	/* The TCP checksum always goes through: it is the end-to-end check
	 * that the rebuilt header is the original (RFC 1144 §3.2.2). */
	wr_bytes(&w, pkt + h.ihl + VJ_TCP_SUM, 2);
	if ((d.mask & VJ_SPECIAL_MASK) != VJ_SPECIAL_I &&
	    (d.mask & VJ_SPECIAL_MASK) != VJ_SPECIAL_D) {
		if (d.mask & VJ_MASK_U)
			put_delta(&w, d.urp);
		if (d.mask & VJ_MASK_W)
			put_delta(&w, d.win);
		if (d.mask & VJ_MASK_A)
			put_delta(&w, d.ack);
		if (d.mask & VJ_MASK_S)
			put_delta(&w, d.seq);
	}
	if (d.mask & VJ_MASK_I)
		put_delta(&w, d.id);
	comp->stats.bytes_saved += h.hlen - w.len;
	wr_bytes(&w, pkt + h.hlen, len - h.hlen);
	/* At most 19 header octets replace at least 40: out_size >= len
	 * was checked above. */
	assert(wr_ok(&w));
	slot_save(s, pkt, &h);
	comp->last_sent = (int)id;
	comp->stats.compressed++;
	comp->stats.bytes_sent += w.len;
	*out_len = w.len;
	return VJ_TYPE_COMPRESSED_TCP;

uncompressed:
	/* The whole packet with the IP Protocol field replaced by the slot
	 * number (RFC 1144 §3.2.1); the far end restores it. */
	w = wr_init(out, out_size);
	wr_bytes(&w, pkt, len);
	wr_patch_u8(&w, VJ_IP_PROTO, (uint8_t)id);
	assert(wr_ok(&w));
	slot_save(s, pkt, &h);
	comp->last_sent = (int)id;
	comp->stats.uncompressed++;
	comp->stats.bytes_sent += w.len;
	*out_len = w.len;
	return VJ_TYPE_UNCOMPRESSED_TCP;
}
