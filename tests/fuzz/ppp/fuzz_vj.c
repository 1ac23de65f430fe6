/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_vj - the RFC 1144 decompressor and compressor (ppp/vj.c,
 * ppp/vj_decomp.c) on arbitrary input.
 *
 * The first octet picks the mode and the slot count:
 *   bit 0 clear: decompressor.  The rest is records [sel][len][len octets]:
 *     sel bit 0 picks COMPRESSED_TCP or UNCOMPRESSED_TCP, bit 1 a line
 *     error (toss) before the frame.  Nothing may crash or read out of
 *     bounds, and every success must be a sane IPv4 packet.
 *   bit 0 set: round trip.  A few TCP connections evolve record by record
 *     ([conn+what][values...]: seq/ack/window/ID deltas, flags, urgent
 *     pointer, data length, TTL/TOS/option changes); every packet is
 *     compressed and, unless it went as plain IP, decompressed, and must
 *     come back octet for octet.  Raw input packets are also compressed
 *     (after fixing their IP checksum) and checked the same way.
 *   bit 1: the peer allows slot-id compression.
 *   bits 2-7: Max-Slot-Id (0..63).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rd.h"
#include "vj.h"

#define OUT_MAX 70000

static uint8_t out[OUT_MAX], wire[OUT_MAX], pkt[OUT_MAX];

static void check(int cond)
{
	if (!cond)
		__builtin_trap();
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static void fuzz_decomp(uint8_t max_slot, struct rd *r)
{
	struct vj_decomp *d = vj_decomp_new(max_slot);
	uint8_t sel, len;

	if (!d)
		return;
	while (rd_u8(r, &sel) && rd_u8(r, &len)) {
		struct rd frame;
		size_t n = 0;
		const char *why = NULL;
		int rc;

		if (!rd_sub(r, len, &frame)) {
			/* A short last record: whatever is left. */
			frame = *r;
			rd_skip(r, rd_left(r));
		}
		if (sel & 2)
			vj_decomp_toss(d);
		rc = vj_decompress(d,
				   sel & 1 ? VJ_TYPE_COMPRESSED_TCP
					   : VJ_TYPE_UNCOMPRESSED_TCP,
				   frame.p, rd_left(&frame), out,
				   (sel & 4) ? 64 : sizeof(out), &n, &why);
		if (rc == 0) {
			check(n >= 40 && n <= 0xffff);
			check(out[0] >> 4 == 4 && out[9] == 6);
			check(get16(out + 2) == n);
		} else {
			check(why != NULL && n == 0);
		}
	}
	vj_decomp_free(d);
}

struct conn {
	uint8_t h[120 + 64]; /* header and up to 64 octets of data */
	size_t ihl, thl, data;
};

static void conn_init(struct conn *c, unsigned i)
{
	memset(c, 0, sizeof(*c));
	c->ihl = 20;
	c->thl = 20;
	c->h[0] = 0x45;
	c->h[8] = 64;
	c->h[9] = 6;
	put32(c->h + 12, 0x0a000002);
	put32(c->h + 16, 0x0a000001 + (i & 1));
	put16(c->h + 20, (uint16_t)(1024 + i));
	put16(c->h + 22, 23);
	put32(c->h + 24, 1000 * i);
	put32(c->h + 28, 5000);
	c->h[32] = 0x50;
	c->h[33] = 0x10;
	put16(c->h + 34, 8760);
}

/* Compress pkt[0..len) and, unless it went as IP, decompress and compare. */
static void round_trip(struct vj_comp *cp, struct vj_decomp *d, size_t len)
{
	size_t wlen = 0, n = 0;
	const char *why = NULL;
	enum vj_type t = vj_compress(cp, pkt, len, wire, sizeof(wire), &wlen);

	if (t == VJ_TYPE_IP)
		return;
	check(wlen <= len);
	check(vj_decompress(d, t, wire, wlen, out, sizeof(out), &n, &why) == 0);
	check(n == len);
	check(memcmp(out, pkt, len) == 0);
}

static void set_csum(uint8_t *p, size_t ihl)
{
	put16(p + 10, vj_ip_checksum(p, ihl));
}

static void fuzz_round_trip(uint8_t max_slot, bool cid, struct rd *r)
{
	struct vj_comp *cp = vj_comp_new(max_slot, cid);
	struct vj_decomp *d = vj_decomp_new(max_slot);
	struct conn conns[6];
	uint8_t what;

	if (!cp || !d)
		goto out;
	for (unsigned i = 0; i < 6; i++)
		conn_init(&conns[i], i);
	while (rd_u8(r, &what)) {
		struct conn *c = &conns[what % 6];
		uint8_t *t = c->h + c->ihl, v8 = 0;
		uint16_t v = 0;
		size_t len;

		if (what == 0xff) {
			/* A raw packet: [len][octets]. */
			uint8_t n8;
			struct rd raw;
			if (!rd_u8(r, &n8) || !rd_sub(r, n8, &raw))
				break;
			memcpy(pkt, raw.p, n8);
			if (n8 >= 20 && (pkt[0] & 0x0f) * 4 <= n8)
				set_csum(pkt, (size_t)(pkt[0] & 0x0f) * 4);
			round_trip(cp, d, n8);
			continue;
		}
		switch (what / 6 % 8) {
		case 0: /* a data segment: seq moves by the last data */
			put32(t + 4, get32(t + 4) + (uint32_t)c->data);
			if (rd_u8(r, &v8))
				c->data = v8 % 65;
			break;
		case 1:
			if (rd_u16(r, &v))
				put32(t + 8, get32(t + 8) + v);
			break;
		case 2:
			if (rd_u16(r, &v))
				put16(t + 14, (uint16_t)(get16(t + 14) + v));
			break;
		case 3:
			if (rd_u8(r, &v8))
				t[13] = v8;
			break;
		case 4:
			if (rd_u16(r, &v))
				put16(t + 18, v);
			break;
		case 5:
			if (rd_u16(r, &v))
				put32(t + 4, get32(t + 4) + v);
			break;
		case 6:
			if (rd_u8(r, &v8))
				c->h[v8 & 1 ? 1 : 8] = (uint8_t)(v8 >> 1);
			break;
		case 7:
			/* TCP options: none, or 4..8 octets of NOPs/values */
			if (rd_u8(r, &v8)) {
				size_t thl = 20 + (size_t)(v8 % 3) * 4;
				memmove(t + thl, t + c->thl, c->data);
				memset(t + 20, v8, thl - 20);
				c->thl = thl;
				t[12] = (uint8_t)(thl / 4 << 4);
			}
			break;
		}
		/* The IP ID mostly counts up by one, sometimes jumps. */
		put16(c->h + 4, (uint16_t)(get16(c->h + 4) + 1 +
					   (what >= 0xf0 ? what : 0)));
		len = c->ihl + c->thl + c->data;
		put16(c->h + 2, (uint16_t)len);
		set_csum(c->h, c->ihl);
		memcpy(pkt, c->h, len);
		round_trip(cp, d, len);
	}
out:
	vj_comp_free(cp);
	vj_decomp_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd r = rd_init(data, size);
	uint8_t mode;

	if (!rd_u8(&r, &mode))
		return 0;
	if (mode & 1)
		fuzz_round_trip((uint8_t)(mode >> 2), (mode & 2) != 0, &r);
	else
		fuzz_decomp((uint8_t)(mode >> 2), &r);
	return 0;
}
