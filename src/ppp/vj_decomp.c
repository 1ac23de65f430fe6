/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vj_decomp.c - the Van Jacobson TCP/IP header decompressor (RFC 1144
 * §3.3 and §4.1, appendix A.3, written from the description): reloads a
 * slot from an UNCOMPRESSED_TCP packet, rebuilds the IP and TCP header of
 * a COMPRESSED_TCP one from its slot and the deltas, and after any error
 * tosses compressed packets until the peer re-synchronises.  See vj.h.
 *
 * Everything arriving is checked before a slot changes: slot numbers
 * against the negotiated count, every delta against the frame length,
 * the rebuilt length against 65535 and the caller's buffer.
 */
#include "vj.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rd.h"
#include "vj_int.h"
#include "wr.h"

struct vj_decomp {
	unsigned nslots;
	int last_recv; /* slot of the last VJ packet received, -1 none */
	bool toss;     /* discard COMPRESSED_TCP without a slot number */
	struct vj_decomp_stats stats;
	struct vj_slot slots[];
};

struct vj_decomp *vj_decomp_new(uint8_t max_slot_id)
{
	unsigned n = (unsigned)max_slot_id + 1;
	struct vj_decomp *d = calloc(1, sizeof(*d) + n * sizeof(d->slots[0]));

	if (!d)
		return NULL;
	d->nslots = n;
	d->last_recv = -1;
	return d;
}

void vj_decomp_free(struct vj_decomp *decomp)
{
	free(decomp);
}

unsigned vj_decomp_slots(const struct vj_decomp *decomp)
{
	return decomp->nslots;
}

const struct vj_decomp_stats *vj_decomp_stats(const struct vj_decomp *decomp)
{
	return &decomp->stats;
}

void vj_decomp_toss(struct vj_decomp *decomp)
{
	if (!decomp->toss)
		decomp->stats.tosses++;
	decomp->toss = true;
}

bool vj_decomp_tossing(const struct vj_decomp *decomp)
{
	return decomp->toss;
}

static int fail(struct vj_decomp *d, int err, const char *why,
		const char **reason)
{
	if (err == -ENOBUFS)
		d->stats.buffer_failures++;
	else
		d->stats.errors++;
	vj_decomp_toss(d);
	if (reason)
		*reason = why;
	return err;
}

/* UNCOMPRESSED_TCP: a whole packet whose IP Protocol octet is the slot
 * number (RFC 1144 §3.3.1). */
static int uncompressed(struct vj_decomp *d, const uint8_t *in, size_t len,
			uint8_t *out, size_t out_size, size_t *out_len,
			const char **reason)
{
	struct vj_hdrs h;
	const char *why;
	struct vj_slot *s;
	struct wr w;
	uint8_t slot;

	/* Validate as TCP: the protocol octet holds the slot number. */
	if (len < VJ_IP_MIN)
		return fail(d, -EPROTO, "truncated IP header", reason);
	slot = in[VJ_IP_PROTO];
	if (slot >= d->nslots)
		return fail(d, -EPROTO, "slot number out of range", reason);
	w = wr_init(out, out_size);
	if (out_size < len)
		return fail(d, -ENOBUFS, "packet larger than the buffer",
			    reason);
	wr_bytes(&w, in, len);
	wr_patch_u8(&w, VJ_IP_PROTO, VJ_IP_PROTO_TCP);
	why = vj_parse_hdrs(out, len, &h);
	if (!why && (h.frag & VJ_IP_FRAG_MASK))
		why = "IP fragment";
	if (!why && h.hlen > VJ_HDR_MAX)
		why = "header too long";
	if (why)
		return fail(d, -EPROTO, why, reason);
	s = &d->slots[slot];
	memcpy(s->hdr, out, h.hlen);
	s->hlen = (uint8_t)h.hlen;
	s->ihl = (uint8_t)h.ihl;
	d->last_recv = slot;
	d->toss = false;
	d->stats.uncompressed++;
	/* Anything past the IP Total Length is not part of the packet. */
	*out_len = h.tot_len;
	return 0;
}

static void put32(struct wr *w, size_t at, uint32_t v)
{
	wr_patch_u16(w, at, (uint16_t)(v >> 16));
	wr_patch_u16(w, at + 2, (uint16_t)v);
}

/* COMPRESSED_TCP (RFC 1144 §3.3.2). */
static int compressed(struct vj_decomp *d, const uint8_t *in, size_t len,
		      uint8_t *out, size_t out_size, size_t *out_len,
		      const char **reason)
{
	struct rd r = rd_init(in, len);
	const struct vj_slot *s;
	uint8_t mask, slot, flags, hdr[VJ_HDR_MAX];
	uint16_t csum, urp, win, id, v;
	uint32_t seq, ack;
	size_t th, prev_data, tot;
	struct wr w;

	if (!rd_u8(&r, &mask))
		return fail(d, -EPROTO, "empty packet", reason);
	if (mask & VJ_MASK_RESERVED)
		return fail(d, -EPROTO, "reserved change-mask bit set", reason);
	if (mask & VJ_MASK_C) {
		if (!rd_u8(&r, &slot))
			return fail(d, -EPROTO, "truncated slot number",
				    reason);
		if (slot >= d->nslots)
			return fail(d, -EPROTO, "slot number out of range",
				    reason);
		/* An explicit slot number re-synchronises (§4.1). */
		d->toss = false;
	} else {
		if (d->toss) {
			d->stats.dropped++;
			if (reason)
				*reason = "tossed after an error";
			return -EAGAIN;
		}
		if (d->last_recv < 0)
			return fail(d, -EPROTO,
				    "no slot number and no "
				    "previous packet",
				    reason);
		slot = (uint8_t)d->last_recv;
	}
	s = &d->slots[slot];
	if (!s->hlen)
		return fail(d, -EPROTO, "slot never loaded", reason);
	d->last_recv = slot;
	if (!rd_u16(&r, &csum))
		return fail(d, -EPROTO, "truncated TCP checksum", reason);

	th = s->ihl;
	seq = vj_get32(s->hdr, th + VJ_TCP_SEQ);
	ack = vj_get32(s->hdr, th + VJ_TCP_ACK);
	win = vj_get16(s->hdr, th + VJ_TCP_WIN);
	urp = vj_get16(s->hdr, th + VJ_TCP_URP);
	id = vj_get16(s->hdr, VJ_IP_ID);
	flags = s->hdr[th + VJ_TCP_FLAGS];
	prev_data = vj_get16(s->hdr, VJ_IP_LEN) - s->hlen;
	if (mask & VJ_MASK_P)
		flags |= VJ_TH_PSH;
	else
		flags &= (uint8_t)~VJ_TH_PSH;

	switch (mask & VJ_SPECIAL_MASK) {
	case VJ_SPECIAL_I:
		seq += (uint32_t)prev_data;
		ack += (uint32_t)prev_data;
		break;
	case VJ_SPECIAL_D:
		seq += (uint32_t)prev_data;
		break;
	default:
		if (mask & VJ_MASK_U) {
			if (!vj_rd_delta(&r, &urp))
				goto truncated;
			flags |= VJ_TH_URG;
		} else {
			flags &= (uint8_t)~VJ_TH_URG;
		}
		if (mask & VJ_MASK_W) {
			if (!vj_rd_delta(&r, &v))
				goto truncated;
			win = (uint16_t)(win + v);
		}
		if (mask & VJ_MASK_A) {
			if (!vj_rd_delta(&r, &v))
				goto truncated;
			ack += v;
		}
		if (mask & VJ_MASK_S) {
			if (!vj_rd_delta(&r, &v))
				goto truncated;
			seq += v;
		}
		break;
	}
	if (mask & VJ_MASK_I) {
		if (!vj_rd_delta(&r, &v))
			goto truncated;
		id = (uint16_t)(id + v);
	} else {
		id = (uint16_t)(id + 1);
	}

	tot = s->hlen + rd_left(&r);
	if (tot > 0xffff)
		return fail(d, -EPROTO, "rebuilt packet longer than 65535",
			    reason);
	if (tot > out_size)
		return fail(d, -ENOBUFS,
			    "rebuilt packet larger than the "
			    "buffer",
			    reason);

	/* Rebuild the header in a scratch copy, then commit it to the slot
	 * and the output together. */
	w = wr_init(hdr, sizeof(hdr));
	wr_bytes(&w, s->hdr, s->hlen);
	wr_patch_u16(&w, VJ_IP_LEN, (uint16_t)tot);
	wr_patch_u16(&w, VJ_IP_ID, id);
	put32(&w, th + VJ_TCP_SEQ, seq);
	put32(&w, th + VJ_TCP_ACK, ack);
	wr_patch_u8(&w, th + VJ_TCP_FLAGS, flags);
	wr_patch_u16(&w, th + VJ_TCP_WIN, win);
	wr_patch_u16(&w, th + VJ_TCP_SUM, csum);
	wr_patch_u16(&w, th + VJ_TCP_URP, urp);
	wr_patch_u16(&w, VJ_IP_SUM, vj_ip_checksum(hdr, th));
	/* The scratch copy holds a header that already fitted a slot, and
	 * out_size >= tot was checked: neither writer can overflow. */
	assert(wr_ok(&w));
	w = wr_init(out, out_size);
	wr_bytes(&w, hdr, s->hlen);
	wr_bytes(&w, r.p, rd_left(&r));
	assert(wr_ok(&w));
	memcpy(d->slots[slot].hdr, hdr, s->hlen);
	d->stats.compressed++;
	d->stats.buffer_copies++;
	*out_len = w.len;
	return 0;

truncated:
	return fail(d, -EPROTO, "truncated delta", reason);
}

int vj_decompress(struct vj_decomp *decomp, enum vj_type type,
		  const uint8_t *in, size_t len, uint8_t *out, size_t out_size,
		  size_t *out_len, const char **reason)
{
	*out_len = 0;
	switch (type) {
	case VJ_TYPE_UNCOMPRESSED_TCP:
		decomp->stats.packets++;
		return uncompressed(decomp, in, len, out, out_size, out_len,
				    reason);
	case VJ_TYPE_COMPRESSED_TCP:
		decomp->stats.packets++;
		return compressed(decomp, in, len, out, out_size, out_len,
				  reason);
	case VJ_TYPE_IP:
	case VJ_TYPE__COUNT:
	default:
		break;
	}
	if (reason)
		*reason = "not a VJ packet type";
	return -EINVAL;
}
