/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the RFC 1144 compressor and decompressor (ppp/vj.c,
 * ppp/vj_decomp.c): exact encodings written out by hand from the RFC's
 * format description, round trips of realistic flows (echoed terminal
 * traffic, bulk transfer with window changes, urgent data, PSH, IP ID
 * jumps, retransmissions, more connections than slots), what must go as
 * plain IP or uncompressed, the toss rule, and every malformed input.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vj.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define BUF 2048

enum {
	FIN = 0x01,
	SYN = 0x02,
	RST = 0x04,
	PSH = 0x08,
	ACK = 0x10,
	URG = 0x20,
	ECE = 0x40
};

/* A TCP/IPv4 packet to build. */
struct pk {
	uint32_t src, dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t win, urp, id, frag;
	uint8_t ttl, tos, proto;
	const uint8_t *ipopt, *tcpopt; /* multiples of 4 octets */
	size_t ipoptlen, tcpoptlen;
	size_t datalen;
	uint16_t tcpsum;
};

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

static size_t build(const struct pk *k, uint8_t *b)
{
	size_t ihl = 20 + k->ipoptlen, thl = 20 + k->tcpoptlen;
	size_t tot = ihl + thl + k->datalen;
	uint8_t *t = b + ihl;

	memset(b, 0, tot);
	b[0] = (uint8_t)(0x40 | ihl / 4);
	b[1] = k->tos;
	put16(b + 2, (uint16_t)tot);
	put16(b + 4, k->id);
	put16(b + 6, k->frag);
	b[8] = k->ttl ? k->ttl : 64;
	b[9] = k->proto ? k->proto : 6;
	put32(b + 12, k->src);
	put32(b + 16, k->dst);
	if (k->ipoptlen)
		memcpy(b + 20, k->ipopt, k->ipoptlen);
	put16(b + 10, vj_ip_checksum(b, ihl));
	put16(t, k->sport);
	put16(t + 2, k->dport);
	put32(t + 4, k->seq);
	put32(t + 8, k->ack);
	t[12] = (uint8_t)(thl / 4 << 4);
	t[13] = k->flags;
	put16(t + 14, k->win);
	put16(t + 16, k->tcpsum);
	put16(t + 18, k->urp);
	if (k->tcpoptlen)
		memcpy(t + 20, k->tcpopt, k->tcpoptlen);
	for (size_t i = 0; i < k->datalen; i++)
		t[thl + i] = (uint8_t)(k->seq + i);
	return tot;
}

/* A connection from 10.0.0.2:1025 to 10.0.0.1:23. */
static struct pk conn(void)
{
	struct pk k = {
		.src = IP(10, 0, 0, 2),
		.dst = IP(10, 0, 0, 1),
		.sport = 1025,
		.dport = 23,
		.seq = 1000,
		.ack = 5000,
		.flags = ACK,
		.win = 8760,
		.id = 100,
		.tcpsum = 0xBEEF,
	};
	return k;
}

struct pair {
	struct vj_comp *c;
	struct vj_decomp *d;
	uint8_t pkt[BUF], wire[BUF], back[BUF];
	size_t len, wlen, blen;
};

static struct pair *pair_new(uint8_t max_slot, bool comp_slot)
{
	struct pair *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	p->c = vj_comp_new(max_slot, comp_slot);
	p->d = vj_decomp_new(max_slot);
	assert_non_null(p->c);
	assert_non_null(p->d);
	return p;
}

static void pair_free(struct pair *p)
{
	vj_comp_free(p->c);
	vj_decomp_free(p->d);
	free(p);
}

/* Compress k; returns the type, the frame in p->wire. */
static enum vj_type comp(struct pair *p, const struct pk *k)
{
	p->len = build(k, p->pkt);
	return vj_compress(p->c, p->pkt, p->len, p->wire, sizeof(p->wire),
			   &p->wlen);
}

/* Compress, decompress, and check the packet came back octet for octet. */
static enum vj_type rt(struct pair *p, const struct pk *k)
{
	enum vj_type t = comp(p, k);
	const char *why = NULL;

	if (t == VJ_TYPE_IP)
		return t;
	assert_int_equal(vj_decompress(p->d, t, p->wire, p->wlen, p->back,
				       sizeof(p->back), &p->blen, &why),
			 0);
	assert_int_equal(p->blen, p->len);
	assert_memory_equal(p->back, p->pkt, p->len);
	return t;
}

/* ---- names --------------------------------------------------------------- */

static void test_type_names(void **state)
{
	(void)state;
	assert_string_equal(vj_type_name(VJ_TYPE_IP), "IP");
	assert_string_equal(vj_type_name(VJ_TYPE_COMPRESSED_TCP),
			    "COMPRESSED_TCP");
	assert_string_equal(vj_type_name(VJ_TYPE_UNCOMPRESSED_TCP),
			    "UNCOMPRESSED_TCP");
	assert_string_equal(vj_type_name(VJ_TYPE__COUNT), "?");
	assert_int_equal(vj_type_proto(VJ_TYPE_IP), 0x0021);
	assert_int_equal(vj_type_proto(VJ_TYPE_UNCOMPRESSED_TCP), 0x002f);
	assert_int_equal(vj_type_proto(VJ_TYPE_COMPRESSED_TCP), 0x002d);
	assert_int_equal(vj_type_proto(VJ_TYPE__COUNT), 0);
}

static void test_ip_checksum(void **state)
{
	/* RFC 1071-style example header: 45 00 00 73 00 00 40 00 40 11
	 * [b8 61] c0 a8 00 01 c0 a8 00 c7. */
	static const uint8_t h[20] = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40,
				      0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8,
				      0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7};

	(void)state;
	assert_int_equal(vj_ip_checksum(h, sizeof(h)), 0xb861);
}

/* ---- exact encodings ----------------------------------------------------- */

static void test_first_packet_uncompressed(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	assert_int_equal(comp(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* The whole packet, protocol octet replaced by slot 0. */
	assert_int_equal(p->wlen, p->len);
	assert_int_equal(p->wire[9], 0);
	assert_memory_equal(p->wire, p->pkt, 9);
	assert_memory_equal(p->wire + 10, p->pkt + 10, p->len - 10);
	/* A second connection takes slot 1. */
	k.sport = 1026;
	assert_int_equal(comp(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	assert_int_equal(p->wire[9], 1);
	assert_int_equal(vj_comp_stats(p->c)->misses, 2);
	assert_int_equal(vj_comp_slots(p->c), 16);
	pair_free(p);
}

static void test_special_d_bulk_data(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	k.datalen = 100;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Next segment: seq moved by the previous data length, IP ID +1:
	 * SPECIAL_D (S+A+W+U = 0x0F) with C, slot, checksum; no deltas. */
	k.seq += 100;
	k.id++;
	k.tcpsum = 0x1234;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wlen, 4 + 100);
	assert_memory_equal(p->wire, ((uint8_t[]){0x4F, 0x00, 0x12, 0x34}), 4);
	assert_memory_equal(p->wire + 4, p->pkt + 40, 100);
	assert_int_equal(vj_comp_stats(p->c)->bytes_saved, 40 - 4);
	pair_free(p);
}

static void test_special_i_echo_with_slot_compression(void **state)
{
	struct pair *p = pair_new(15, true);
	struct pk k = conn();

	(void)state;
	k.datalen = 1;
	k.flags = ACK | PSH;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Echo traffic: seq and ack both moved by the previous data
	 * length: SPECIAL_I (S+W+U = 0x0B), P set, and the slot left out
	 * since the peer allows it and it is the slot of the last packet. */
	k.seq += 1;
	k.ack += 1;
	k.id++;
	k.tcpsum = 0xA0B0;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wlen, 3 + 1);
	assert_memory_equal(p->wire, ((uint8_t[]){0x1B, 0xA0, 0xB0}), 3);
	pair_free(p);
}

static void test_window_and_ack_deltas(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Ack +536 (two-octet form 00 02 18), window -100 (16-bit
	 * difference 0xFF9C), IP ID +1: mask C+A+W = 0x46. */
	k.ack += 536;
	k.win -= 100;
	k.id++;
	k.tcpsum = 0x0102;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wlen, 10);
	assert_memory_equal(p->wire,
			    ((uint8_t[]){0x46, 0x00, 0x01, 0x02, 0x00, 0xFF,
					 0x9C, 0x00, 0x02, 0x18}),
			    10);
	pair_free(p);
}

static void test_seq_ack_id_urgent_deltas(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	k.datalen = 10;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* seq +1000 (not the previous data length), ack +10, ID +5,
	 * urgent pointer 3 with URG: C+I+S+A+U = 0x6D; fields in the order
	 * U, W, A, S, I. */
	k.seq += 1000;
	k.ack += 10;
	k.id += 5;
	k.flags = ACK | URG;
	k.urp = 3;
	k.tcpsum = 0xFFFF;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wlen, 4 + 1 + 1 + 3 + 1 + 10);
	assert_memory_equal(p->wire,
			    ((uint8_t[]){0x6D, 0x00, 0xFF, 0xFF, 0x03, 0x0A,
					 0x00, 0x03, 0xE8, 0x05}),
			    10);
	/* URG gone, pointer unchanged: U clear, URG cleared on rebuild;
	 * an IP ID delta of 0 is sent as 00 00 00. */
	k.flags = ACK;
	k.seq += 10;
	k.tcpsum = 0x0001;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_memory_equal(
		p->wire,
		((uint8_t[]){0x68, 0x00, 0x00, 0x01, 0x0A, 0x00, 0x00, 0x00}),
		8);
	pair_free(p);
}

static void test_data_after_ack_and_retransmission(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Nothing changed but this one carries data after a bare ack:
	 * compressed with an empty mask (only C). */
	k.datalen = 5;
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wire[0], 0x40);
	assert_int_equal(p->wlen, 4 + 5);
	/* The same segment again: a retransmission goes uncompressed so a
	 * peer that missed the compressed one resynchronises. */
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	pair_free(p);
}

static void test_changes_that_look_special_go_uncompressed(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	k.datalen = 10;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Real S+W+U: would read as SPECIAL_I. */
	k.seq += 3;
	k.win += 1;
	k.flags = ACK | URG;
	k.urp = 1;
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Real S+W+A+U: would read as SPECIAL_D. */
	k.seq += 3;
	k.ack += 3;
	k.win += 1;
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Echo-like deltas while the slot has URG set: no special
	 * encoding (the decompressor would keep URG), plain S+A. */
	k.flags = ACK;
	k.seq += 10;
	k.ack += 10;
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wire[0], 0x4C);
	pair_free(p);
}

static void test_big_or_backward_deltas_uncompressed(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	k.seq += 70000;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	k.ack -= 1;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* Urgent pointer moved without URG: cannot be expressed. */
	k.urp = 7;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* The largest two-octet deltas still compress. */
	k.seq += 0xffff;
	k.ack += 0xffff;
	k.win = (uint16_t)(k.win + 0x8000);
	k.id += 0x100;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wlen, 4 + 3 * 4);
	pair_free(p);
}

static void test_constant_fields_changed_uncompressed(void **state)
{
	static const uint8_t ipopt[4] = {0x01, 0x01, 0x01, 0x00};
	static const uint8_t ts1[12] = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};
	static const uint8_t ts2[12] = {1, 1, 8, 10, 0, 0, 0, 2, 0, 0, 0, 2};
	struct pair *p = pair_new(15, false);
	struct pk k = conn(), base;

	(void)state;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	base = k;
#define EXPECT_UNCOMP(field_change)                                            \
	do {                                                                   \
		k = base;                                                      \
		k.id++;                                                        \
		field_change;                                                  \
		assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);         \
		base = k;                                                      \
		k.id++;                                                        \
		k.ack++;                                                       \
		assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);           \
		base = k;                                                      \
	} while (0)
	EXPECT_UNCOMP(k.ttl = 63);
	EXPECT_UNCOMP(k.tos = 0x10);
	EXPECT_UNCOMP(k.frag = 0x4000); /* DF */
	EXPECT_UNCOMP(k.flags = ACK | ECE);
	EXPECT_UNCOMP((k.ipopt = ipopt, k.ipoptlen = 4));
	EXPECT_UNCOMP((k.tcpopt = ts1, k.tcpoptlen = 12));
	EXPECT_UNCOMP(k.tcpopt = ts2); /* a timestamp tick */
#undef EXPECT_UNCOMP
	pair_free(p);
}

static void test_not_compressible_goes_as_ip(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k;
	static const uint8_t flagsets[] = {SYN, SYN | ACK, FIN | ACK, RST | ACK,
					   RST, 0,	   PSH};

	(void)state;
	for (size_t i = 0; i < sizeof(flagsets); i++) {
		k = conn();
		k.flags = flagsets[i];
		assert_int_equal(comp(p, &k), VJ_TYPE_IP);
		assert_int_equal(p->wlen, 0);
	}
	k = conn();
	k.proto = 17; /* UDP */
	assert_int_equal(comp(p, &k), VJ_TYPE_IP);
	k = conn();
	k.frag = 0x2000; /* More Fragments */
	assert_int_equal(comp(p, &k), VJ_TYPE_IP);
	k.frag = 0x0010; /* an offset */
	assert_int_equal(comp(p, &k), VJ_TYPE_IP);
	/* Truncated, not IPv4, bad lengths. */
	k = conn();
	p->len = build(&k, p->pkt);
	assert_int_equal(vj_compress(p->c, p->pkt, 19, p->wire, sizeof(p->wire),
				     &p->wlen),
			 VJ_TYPE_IP);
	assert_int_equal(vj_compress(p->c, p->pkt, p->len - 1, p->wire,
				     sizeof(p->wire), &p->wlen),
			 VJ_TYPE_IP);
	assert_int_equal(vj_compress(p->c, p->pkt, p->len, p->wire, p->len - 1,
				     &p->wlen),
			 VJ_TYPE_IP);
	p->pkt[0] = 0x65;
	assert_int_equal(vj_compress(p->c, p->pkt, p->len, p->wire,
				     sizeof(p->wire), &p->wlen),
			 VJ_TYPE_IP);
	p->pkt[0] = 0x44;
	assert_int_equal(vj_compress(p->c, p->pkt, p->len, p->wire,
				     sizeof(p->wire), &p->wlen),
			 VJ_TYPE_IP);
	p->pkt[0] = 0x45;
	p->pkt[32] = 0x40; /* TCP data offset 4 */
	assert_int_equal(vj_compress(p->c, p->pkt, p->len, p->wire,
				     sizeof(p->wire), &p->wlen),
			 VJ_TYPE_IP);
	p->pkt[32] = 0xF0; /* TCP header beyond the packet */
	assert_int_equal(vj_compress(p->c, p->pkt, p->len, p->wire,
				     sizeof(p->wire), &p->wlen),
			 VJ_TYPE_IP);
	/* Nothing of this loaded a slot. */
	assert_int_equal(vj_comp_stats(p->c)->searches, 0);
	assert_false(vj_is_tcp(p->pkt, p->len));
	k = conn();
	p->len = build(&k, p->pkt);
	assert_true(vj_is_tcp(p->pkt, p->len));
	pair_free(p);
}

/* ---- round trips --------------------------------------------------------- */

static void test_telnet_echo_flow(void **state)
{
	struct pair *cs = pair_new(15, true), *sc = pair_new(15, true);
	struct pk c = conn(), s = conn();
	unsigned n_comp = 0;

	(void)state;
	/* Client types a character, the server echoes it (data + ack),
	 * the client acks the echo; 40 keystrokes. */
	s.src = c.dst;
	s.dst = c.src;
	s.sport = c.dport;
	s.dport = c.sport;
	s.seq = c.ack;
	s.ack = c.seq;
	for (int i = 0; i < 40; i++) {
		c.datalen = 1;
		c.flags = ACK | PSH;
		c.id++;
		c.tcpsum = (uint16_t)(0x1000 + i);
		n_comp += rt(cs, &c) == VJ_TYPE_COMPRESSED_TCP;
		c.seq += 1;
		s.ack = c.seq;
		s.datalen = 1;
		s.flags = ACK | PSH;
		s.id += 3;
		n_comp += rt(sc, &s) == VJ_TYPE_COMPRESSED_TCP;
		s.seq += 1;
		c.ack = s.seq;
		c.datalen = 0;
		c.flags = ACK;
		c.id++;
		n_comp += rt(cs, &c) == VJ_TYPE_COMPRESSED_TCP;
	}
	assert_true(n_comp >= 110);
	assert_int_equal(vj_decomp_stats(cs->d)->errors, 0);
	pair_free(cs);
	pair_free(sc);
}

static void test_bulk_transfer_with_window_changes(void **state)
{
	struct pair *p = pair_new(15, false), *a = pair_new(15, false);
	struct pk d = conn(), k = conn();
	unsigned n_comp = 0;

	(void)state;
	d.datalen = 536;
	k.src = d.dst;
	k.dst = d.src;
	k.sport = d.dport;
	k.dport = d.sport;
	for (int i = 0; i < 60; i++) {
		d.id++;
		d.flags = i % 4 == 3 ? ACK | PSH : ACK;
		d.tcpsum = (uint16_t)(i * 7919);
		n_comp += rt(p, &d) == VJ_TYPE_COMPRESSED_TCP;
		d.seq += 536;
		if (i % 2) {
			/* The receiver acks every other segment with a
			 * window that breathes. */
			k.ack = d.seq;
			k.win = (uint16_t)(8760 - (i % 6) * 536);
			k.id++;
			n_comp += rt(a, &k) == VJ_TYPE_COMPRESSED_TCP;
		}
	}
	assert_true(n_comp >= 85);
	assert_true(vj_comp_stats(p->c)->bytes_saved > 59 * 30);
	pair_free(p);
	pair_free(a);
}

static void test_lru_more_connections_than_slots(void **state)
{
	struct pair *p = pair_new(2, false); /* 3 slots */
	struct pk k[5];
	const struct vj_comp_stats *st = vj_comp_stats(p->c);

	(void)state;
	for (int i = 0; i < 5; i++) {
		k[i] = conn();
		k[i].sport = (uint16_t)(2000 + i);
	}
	/* Three connections fill slots 0, 1, 2. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rt(p, &k[i]), VJ_TYPE_UNCOMPRESSED_TCP);
		assert_int_equal(p->wire[9], i);
	}
	/* Connection 0 again: found, but not the most recent. */
	k[0].ack++;
	k[0].id++;
	assert_int_equal(rt(p, &k[0]), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(st->long_searches, 1);
	/* Connection 3 recycles the least recently used: slot 1. */
	assert_int_equal(rt(p, &k[3]), VJ_TYPE_UNCOMPRESSED_TCP);
	assert_int_equal(p->wire[9], 1);
	/* Connection 4 then takes slot 2 (connection 2's). */
	assert_int_equal(rt(p, &k[4]), VJ_TYPE_UNCOMPRESSED_TCP);
	assert_int_equal(p->wire[9], 2);
	/* Connection 1 lost its slot: uncompressed again, takes slot 0. */
	k[1].ack++;
	k[1].id++;
	assert_int_equal(rt(p, &k[1]), VJ_TYPE_UNCOMPRESSED_TCP);
	assert_int_equal(p->wire[9], 0);
	/* Round robin over all five for a while: always correct, and LRU
	 * thrashes: only the second (connection 1, just loaded) hits. */
	for (int r = 0; r < 30; r++) {
		struct pk *c = &k[r % 5];
		c->ack += 1;
		c->id++;
		rt(p, c);
	}
	assert_int_equal(st->misses, 5 + 1 + 29);
	assert_int_equal(st->searches, 3 + 1 + 2 + 1 + 30);
	pair_free(p);
}

static void test_single_slot_and_256_slots(void **state)
{
	struct pair *one = pair_new(0, true), *big = pair_new(255, true);
	struct pk k = conn();

	(void)state;
	for (int i = 0; i < 300; i++) {
		k.sport = (uint16_t)(3000 + i % 260);
		k.id++;
		k.ack++;
		rt(one, &k);
		rt(big, &k);
	}
	assert_int_equal(vj_decomp_slots(big->d), 256);
	assert_int_equal(vj_comp_slots(one->c), 1);
	/* 260 connections in 256 slots, round robin: every one misses. */
	assert_int_equal(vj_comp_stats(big->c)->misses, 300);
	pair_free(one);
	pair_free(big);
}

/* ---- decompressor: errors and toss --------------------------------------- */

static int dec(struct pair *p, enum vj_type t, const uint8_t *in, size_t len,
	       const char **why)
{
	return vj_decompress(p->d, t, in, len, p->back, sizeof(p->back),
			     &p->blen, why);
}

static void test_toss_after_line_error(void **state)
{
	struct pair *p = pair_new(15, true);
	struct pk k = conn();
	const char *why = NULL;
	const struct vj_decomp_stats *st = vj_decomp_stats(p->d);

	(void)state;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	k.ack++;
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	/* A frame is lost with a bad FCS; the next one (no slot number)
	 * would be rebuilt on the wrong header: tossed. */
	vj_decomp_toss(p->d);
	assert_true(vj_decomp_tossing(p->d));
	k.ack++;
	k.id++;
	assert_int_equal(comp(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(p->wire[0] & 0x40, 0);
	assert_int_equal(dec(p, VJ_TYPE_COMPRESSED_TCP, p->wire, p->wlen, &why),
			 -EAGAIN);
	assert_string_equal(why, "tossed after an error");
	assert_int_equal(st->dropped, 1);
	assert_int_equal(st->tosses, 1);
	/* The sender retransmits: uncompressed, which resynchronises. */
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	assert_false(vj_decomp_tossing(p->d));
	k.ack++;
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	pair_free(p);
}

static void test_explicit_slot_clears_toss(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();

	(void)state;
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	vj_decomp_toss(p->d);
	k.ack++;
	k.id++;
	/* Without slot-id compression every packet carries C. */
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_false(vj_decomp_tossing(p->d));
	pair_free(p);
}

static void test_uncompressed_errors(void **state)
{
	struct pair *p = pair_new(3, false);
	struct pk k = conn();
	uint8_t bad[BUF];
	const char *why = NULL;
	size_t n;

	(void)state;
	n = build(&k, p->pkt);
	memcpy(bad, p->pkt, n);
	bad[9] = 4; /* slot 4 of 4 */
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "slot number out of range");
	assert_true(vj_decomp_tossing(p->d));
	bad[9] = 0;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, 19, &why),
			 -EPROTO);
	assert_string_equal(why, "truncated IP header");
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n - 1, &why),
			 -EPROTO);
	assert_string_equal(why, "IP total length beyond the frame");
	bad[0] = 0x65;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "not IPv4");
	bad[0] = 0x44;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "IP header length below 20");
	bad[0] = 0x45;
	bad[32] = 0x30;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "TCP data offset below 5");
	bad[32] = 0x60;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "TCP header beyond the IP total length");
	bad[32] = 0x50;
	bad[6] = 0x20;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "IP fragment");
	bad[6] = 0;
	bad[2] = 0;
	bad[3] = 30;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "truncated TCP header");
	bad[3] = 10;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n, &why),
			 -EPROTO);
	assert_string_equal(why, "IP total length below the header length");
	memcpy(bad, p->pkt, n);
	bad[9] = 0;
	assert_int_equal(vj_decompress(p->d, VJ_TYPE_UNCOMPRESSED_TCP, bad, n,
				       p->back, n - 1, &p->blen, &why),
			 -ENOBUFS);
	assert_int_equal(vj_decomp_stats(p->d)->buffer_failures, 1);
	assert_int_equal(vj_decomp_stats(p->d)->errors, 10);
	/* A good one is still accepted; trailing octets past the IP total
	 * length are not part of the packet. */
	memcpy(bad, p->pkt, n);
	bad[9] = 3;
	bad[n] = 0xAA;
	assert_int_equal(dec(p, VJ_TYPE_UNCOMPRESSED_TCP, bad, n + 1, &why), 0);
	assert_int_equal(p->blen, n);
	assert_memory_equal(p->back, p->pkt, n);
	assert_int_equal(dec(p, VJ_TYPE_IP, bad, n, &why), -EINVAL);
	pair_free(p);
}

static void test_compressed_errors(void **state)
{
	struct pair *p = pair_new(3, false);
	struct pk k = conn();
	const char *why = NULL;
	const struct vj_decomp_stats *st = vj_decomp_stats(p->d);
	static const uint8_t trunc[][8] = {
		{0x41, 0, 1, 2},	  /* U, nothing */
		{0x42, 0, 1, 2, 0x00, 1}, /* W, half of the long form */
		{0x44, 0, 1, 2},	  /* A */
		{0x48, 0, 1, 2},	  /* S */
		{0x60, 0, 1, 2, 0x00},	  /* I, half of the long form */
	};
	static const size_t tlen[] = {4, 6, 4, 4, 5};

	(void)state;
	/* Nothing loaded yet. */
	assert_int_equal(dec(p, VJ_TYPE_COMPRESSED_TCP, (uint8_t[]){0x00, 1, 2},
			     3, &why),
			 -EPROTO);
	assert_string_equal(why, "no slot number and no previous packet");
	assert_int_equal(dec(p, VJ_TYPE_COMPRESSED_TCP,
			     (uint8_t[]){0x40, 0x01, 0, 0}, 4, &why),
			 -EPROTO);
	assert_string_equal(why, "slot never loaded");
	assert_int_equal(dec(p, VJ_TYPE_COMPRESSED_TCP, NULL, 0, &why),
			 -EPROTO);
	assert_string_equal(why, "empty packet");
	assert_int_equal(
		dec(p, VJ_TYPE_COMPRESSED_TCP, (uint8_t[]){0x40}, 1, &why),
		-EPROTO);
	assert_string_equal(why, "truncated slot number");
	assert_int_equal(dec(p, VJ_TYPE_COMPRESSED_TCP,
			     (uint8_t[]){0x40, 0x04, 0, 0}, 4, &why),
			 -EPROTO);
	assert_string_equal(why, "slot number out of range");
	assert_int_equal(dec(p, VJ_TYPE_COMPRESSED_TCP,
			     (uint8_t[]){0xC0, 0x00, 0, 0}, 4, &why),
			 -EPROTO);
	assert_string_equal(why, "reserved change-mask bit set");

	/* Load slot 0, then truncate every field. */
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	assert_int_equal(dec(p, VJ_TYPE_COMPRESSED_TCP,
			     (uint8_t[]){0x40, 0x00, 0x12}, 3, &why),
			 -EPROTO);
	assert_string_equal(why, "truncated TCP checksum");
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(
			dec(p, VJ_TYPE_COMPRESSED_TCP, trunc[i], tlen[i], &why),
			-EPROTO);
		assert_string_equal(why, "truncated delta");
	}
	assert_int_equal(st->errors, 12);
	/* The slot is untouched by all of that: a good packet still
	 * rebuilds exactly. */
	k.ack++;
	k.id++;
	assert_int_equal(rt(p, &k), VJ_TYPE_COMPRESSED_TCP);
	/* Too small a buffer. */
	k.ack++;
	k.id++;
	assert_int_equal(comp(p, &k), VJ_TYPE_COMPRESSED_TCP);
	assert_int_equal(vj_decompress(p->d, VJ_TYPE_COMPRESSED_TCP, p->wire,
				       p->wlen, p->back, 39, &p->blen, &why),
			 -ENOBUFS);
	assert_int_equal(st->buffer_failures, 1);
	assert_true(vj_decomp_tossing(p->d));
	pair_free(p);
}

static void test_rebuilt_too_long(void **state)
{
	struct pair *p = pair_new(0, false);
	struct pk k = conn();
	size_t big = 65536;
	uint8_t *in = calloc(1, big), *out = calloc(1, big + 100);
	const char *why = NULL;
	size_t olen;

	(void)state;
	assert_non_null(in);
	assert_non_null(out);
	assert_int_equal(rt(p, &k), VJ_TYPE_UNCOMPRESSED_TCP);
	/* 40 header octets + 65500 of data > 65535. */
	in[0] = 0x40;
	in[1] = 0;
	assert_int_equal(vj_decompress(p->d, VJ_TYPE_COMPRESSED_TCP, in,
				       4 + 65500, out, big + 100, &olen, &why),
			 -EPROTO);
	assert_string_equal(why, "rebuilt packet longer than 65535");
	free(in);
	free(out);
	pair_free(p);
}

static void test_stats_counted(void **state)
{
	struct pair *p = pair_new(15, false);
	struct pk k = conn();
	const struct vj_comp_stats *cs = vj_comp_stats(p->c);
	const struct vj_decomp_stats *ds = vj_decomp_stats(p->d);

	(void)state;
	k.datalen = 10;
	rt(p, &k); /* 50 octets uncompressed */
	k.seq += 10;
	k.id++;
	rt(p, &k); /* SPECIAL_D: 4 + 10 */
	k.flags = SYN;
	comp(p, &k); /* 50 as IP */
	assert_int_equal(cs->packets, 3);
	assert_int_equal(cs->compressed, 1);
	assert_int_equal(cs->uncompressed, 1);
	assert_int_equal(cs->bytes_sent, 50 + 14 + 50);
	assert_int_equal(cs->bytes_saved, 36);
	assert_int_equal(ds->packets, 2);
	assert_int_equal(ds->compressed, 1);
	assert_int_equal(ds->uncompressed, 1);
	assert_int_equal(ds->buffer_copies, 1);
	/* UDP is not counted at all. */
	k = conn();
	k.proto = 17;
	comp(p, &k);
	assert_int_equal(cs->packets, 3);
	pair_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_ip_checksum),
		cmocka_unit_test(test_first_packet_uncompressed),
		cmocka_unit_test(test_special_d_bulk_data),
		cmocka_unit_test(test_special_i_echo_with_slot_compression),
		cmocka_unit_test(test_window_and_ack_deltas),
		cmocka_unit_test(test_seq_ack_id_urgent_deltas),
		cmocka_unit_test(test_data_after_ack_and_retransmission),
		cmocka_unit_test(
			test_changes_that_look_special_go_uncompressed),
		cmocka_unit_test(test_big_or_backward_deltas_uncompressed),
		cmocka_unit_test(test_constant_fields_changed_uncompressed),
		cmocka_unit_test(test_not_compressible_goes_as_ip),
		cmocka_unit_test(test_telnet_echo_flow),
		cmocka_unit_test(test_bulk_transfer_with_window_changes),
		cmocka_unit_test(test_lru_more_connections_than_slots),
		cmocka_unit_test(test_single_slot_and_256_slots),
		cmocka_unit_test(test_toss_after_line_error),
		cmocka_unit_test(test_explicit_slot_clears_toss),
		cmocka_unit_test(test_uncompressed_errors),
		cmocka_unit_test(test_compressed_errors),
		cmocka_unit_test(test_rebuilt_too_long),
		cmocka_unit_test(test_stats_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
