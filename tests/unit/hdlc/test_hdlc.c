/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for hdlc/: FCS-16/32 (RFC 1662 appendix C) and the async
 * HDLC-like framing receiver and encoder (RFC 1662 §3, §4, §7.1).
 *
 * Expected wire octets below were computed bit by bit (shift-and-xor CRC,
 * escaping by hand) independently of fcs.c and hdlc.c, so these tests can
 * catch a wrong table or a wrong octet order, not only asymmetric bugs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fcs.h"
#include "hdlc.h"
#include "wr.h"

/* The Windows client's LCP Configure-Request from seed 001 (id 3, len 23:
 * ACCM 0x000A0000, Magic-Number 0x004A4A09, PFC, ACFC, Callback 6). */
static const uint8_t seed_confreq[] = {
	0xFF, 0x03, 0xC0, 0x21, 0x01, 0x03, 0x00, 0x17, 0x02,
	0x06, 0x00, 0x0A, 0x00, 0x00, 0x05, 0x06, 0x00, 0x4A,
	0x4A, 0x09, 0x07, 0x02, 0x08, 0x02, 0x0D, 0x03, 0x06,
};

/* ---- helpers ---------------------------------------------------------- */

static uint32_t rng_next(uint32_t *s)
{
	/* xorshift32: deterministic "random" cases that replay exactly. */
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static uint16_t bitwise_fcs16(uint16_t fcs, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fcs ^= p[i];
		for (int b = 0; b < 8; b++)
			fcs = (fcs & 1) ? (uint16_t)((fcs >> 1) ^ 0x8408)
					: (uint16_t)(fcs >> 1);
	}
	return fcs;
}

static uint32_t bitwise_fcs32(uint32_t fcs, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fcs ^= p[i];
		for (int b = 0; b < 8; b++)
			fcs = (fcs & 1) ? (fcs >> 1) ^ 0xedb88320u : fcs >> 1;
	}
	return fcs;
}

#define MAX_FRAMES 64

/* Frames delivered by the receiver, copied out of its buffer. */
struct coll {
	size_t n;
	uint8_t *frame[MAX_FRAMES];
	size_t len[MAX_FRAMES];
	/* When set, the callback switches the receiver to this config. */
	struct hdlc_rx *rx;
	const struct hdlc_rx_cfg *switch_to;
};

static void coll_cb(void *ctx, const uint8_t *frame, size_t len)
{
	struct coll *c = ctx;

	assert_true(c->n < MAX_FRAMES);
	assert_true(len >= 2);
	c->frame[c->n] = malloc(len);
	assert_non_null(c->frame[c->n]);
	memcpy(c->frame[c->n], frame, len);
	c->len[c->n] = len;
	c->n++;
	if (c->switch_to) {
		hdlc_rx_set_cfg(c->rx, c->switch_to);
		c->switch_to = NULL;
	}
}

static void coll_free(struct coll *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->frame[i]);
	c->n = 0;
}

static void assert_frame(const struct coll *c, size_t i, const uint8_t *exp,
			 size_t len)
{
	assert_true(i < c->n);
	assert_int_equal(c->len[i], len);
	assert_memory_equal(c->frame[i], exp, len);
}

/* Encode into a malloc'd buffer of exactly hdlc_encoded_max() octets. */
static uint8_t *encode(const struct hdlc_tx_cfg *tx, const uint8_t *frame,
		       size_t len, size_t *out_len)
{
	size_t cap = hdlc_encoded_max(len);
	uint8_t *out = malloc(cap);

	assert_non_null(out);
	*out_len = hdlc_encode(tx, frame, len, out, cap);
	assert_true(*out_len > 0);
	return out;
}

static void assert_stats(const struct hdlc_rx *rx, uint64_t frames,
			 uint64_t fcs_errors, uint64_t aborts, uint64_t runts,
			 uint64_t giants, uint64_t discarded_ctl)
{
	assert_int_equal(rx->stats.frames, frames);
	assert_int_equal(rx->stats.fcs_errors, fcs_errors);
	assert_int_equal(rx->stats.aborts, aborts);
	assert_int_equal(rx->stats.runts, runts);
	assert_int_equal(rx->stats.giants, giants);
	assert_int_equal(rx->stats.discarded_ctl, discarded_ctl);
}

/* ---- FCS -------------------------------------------------------------- */

static void test_fcs_constants(void **state)
{
	(void)state;
	/* RFC 1662 §C.2 and §C.3. */
	assert_int_equal(FCS16_INIT, 0xffff);
	assert_int_equal(FCS16_GOOD, 0xf0b8);
	assert_int_equal(FCS32_INIT, 0xffffffffu);
	assert_int_equal(FCS32_GOOD, 0xdebb20e3u);
	assert_int_equal(FCS16_LEN, 2);
	assert_int_equal(FCS32_LEN, 4);
}

static void test_fcs_tables_match_bitwise(void **state)
{
	uint32_t s = 0x1234567;
	uint8_t buf[97];

	(void)state;
	/* From a zero register one octet selects exactly one table entry. */
	for (unsigned b = 0; b < 256; b++) {
		uint8_t o = (uint8_t)b;

		assert_int_equal(fcs16_update(0, &o, 1),
				 bitwise_fcs16(0, &o, 1));
		assert_int_equal(fcs32_update(0, &o, 1),
				 bitwise_fcs32(0, &o, 1));
	}
	for (int round = 0; round < 50; round++) {
		uint32_t init = rng_next(&s);
		size_t n = rng_next(&s) % sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)rng_next(&s);
		assert_int_equal(fcs16_update((uint16_t)init, buf, n),
				 bitwise_fcs16((uint16_t)init, buf, n));
		assert_int_equal(fcs32_update(init, buf, n),
				 bitwise_fcs32(init, buf, n));
	}
}

static void test_fcs_check_values(void **state)
{
	const uint8_t *check = (const uint8_t *)"123456789";

	(void)state;
	/* The running value, and its complement: CRC-16/X-25 and the usual
	 * reflected CRC-32, which is what RFC 1662 transmits. */
	assert_int_equal(fcs16_update(FCS16_INIT, check, 9), 0x6f91);
	assert_int_equal(fcs16_update(FCS16_INIT, check, 9) ^ 0xffff, 0x906e);
	assert_int_equal(fcs32_update(FCS32_INIT, check, 9), 0x340bc6d9u);
	assert_int_equal(fcs32_update(FCS32_INIT, check, 9) ^ 0xffffffffu,
			 0xcbf43926u);
	/* Nothing in, nothing changed; pieces equal the whole. */
	assert_int_equal(fcs16_update(0xabcd, NULL, 0), 0xabcd);
	assert_int_equal(fcs32_update(0x89abcdefu, NULL, 0), 0x89abcdefu);
	assert_int_equal(
		fcs16_update(fcs16_update(FCS16_INIT, check, 4), check + 4, 5),
		0x6f91);
	assert_int_equal(
		fcs32_update(fcs32_update(FCS32_INIT, check, 1), check + 1, 8),
		0x340bc6d9u);
}

static void test_fcs_good_residue(void **state)
{
	uint8_t f[sizeof(seed_confreq) + 4];
	size_t n = sizeof(seed_confreq);
	uint16_t v16;
	uint32_t v32;

	(void)state;
	memcpy(f, seed_confreq, n);

	/* RFC 1662 §C.2: complement, least significant octet first. */
	v16 = fcs16_update(FCS16_INIT, f, n) ^ 0xffff;
	f[n] = (uint8_t)v16;
	f[n + 1] = (uint8_t)(v16 >> 8);
	assert_int_equal(f[n], 0xa1); /* computed by hand, see file header */
	assert_int_equal(f[n + 1], 0x0a);
	assert_int_equal(fcs16_update(FCS16_INIT, f, n + 2), FCS16_GOOD);
	f[5] ^= 0x01;
	assert_int_not_equal(fcs16_update(FCS16_INIT, f, n + 2), FCS16_GOOD);
	f[5] ^= 0x01;

	v32 = fcs32_update(FCS32_INIT, f, n) ^ 0xffffffffu;
	for (int i = 0; i < 4; i++)
		f[n + i] = (uint8_t)(v32 >> (8 * i));
	assert_int_equal(fcs32_update(FCS32_INIT, f, n + 4), FCS32_GOOD);
	/* Wrong octet order must not check. */
	uint8_t t = f[n];
	f[n] = f[n + 3];
	f[n + 3] = t;
	assert_int_not_equal(fcs32_update(FCS32_INIT, f, n + 4), FCS32_GOOD);
}

/* ---- encoder ---------------------------------------------------------- */

/* LCP Terminate-Request id 0x7e: has a flag value, 0x00-0x1f octets. */
static const uint8_t short_frame[] = {0xFF, 0x03, 0xC0, 0x21,
				      0x05, 0x7E, 0x00, 0x04};
/* LCP Echo-Request id 0x11 with 0x13 in the magic: the XON/XOFF octets. */
static const uint8_t xon_frame[] = {0xFF, 0x03, 0xC0, 0x21, 0x09, 0x11,
				    0x00, 0x08, 0x13, 0x00, 0x00, 0x00};

static void check_encode(uint32_t accm, bool fcs32, const uint8_t *frame,
			 size_t len, const uint8_t *exp, size_t exp_len)
{
	struct hdlc_tx_cfg tx = {.accm = accm, .fcs32 = fcs32};
	uint8_t out[64];

	memset(out, 0xaa, sizeof(out));
	assert_int_equal(hdlc_encode(&tx, frame, len, out, sizeof(out)),
			 exp_len);
	assert_memory_equal(out, exp, exp_len);
	assert_int_equal(out[exp_len], 0xaa);
}

static void test_encode_exact_bytes(void **state)
{
	/* Default ACCM: every octet below 0x20 escaped, and 0x7e. */
	static const uint8_t all[] = {
		0x7E, 0xFF, 0x7D, 0x23, 0xC0, 0x21, 0x7D, 0x25, 0x7D,
		0x5E, 0x7D, 0x20, 0x7D, 0x24, 0x22, 0x7D, 0x2D, 0x7E,
	};
	/* ACCM 0: only flag and escape are escaped. */
	static const uint8_t none[] = {
		0x7E, 0xFF, 0x03, 0xC0, 0x21, 0x05, 0x7D,
		0x5E, 0x00, 0x04, 0x22, 0x0D, 0x7E,
	};
	/* The ACCM of seed 001 (XON/XOFF only), FCS-16 and FCS-32. */
	static const uint8_t xon16[] = {
		0x7E, 0xFF, 0x03, 0xC0, 0x21, 0x09, 0x7D, 0x31, 0x00,
		0x08, 0x7D, 0x33, 0x00, 0x00, 0x00, 0xCB, 0xA2, 0x7E,
	};
	static const uint8_t xon32[] = {
		0x7E, 0xFF, 0x03, 0xC0, 0x21, 0x09, 0x7D, 0x31, 0x00, 0x08,
		0x7D, 0x33, 0x00, 0x00, 0x00, 0xAB, 0x76, 0x21, 0x95, 0x7E,
	};
	static const uint8_t short32[] = {
		0x7E, 0xFF, 0x03, 0xC0, 0x21, 0x05, 0x7D, 0x5E,
		0x00, 0x04, 0x63, 0xAA, 0x14, 0xF1, 0x7E,
	};

	(void)state;
	check_encode(HDLC_ACCM_DEFAULT, false, short_frame, sizeof(short_frame),
		     all, sizeof(all));
	check_encode(0, false, short_frame, sizeof(short_frame), none,
		     sizeof(none));
	check_encode(0x000A0000, false, xon_frame, sizeof(xon_frame), xon16,
		     sizeof(xon16));
	check_encode(0x000A0000, true, xon_frame, sizeof(xon_frame), xon32,
		     sizeof(xon32));
	check_encode(0x000A0000, true, short_frame, sizeof(short_frame),
		     short32, sizeof(short32));
}

static void test_encode_seed_confreq(void **state)
{
	static const uint8_t exp[] = {
		0x7E, 0xFF, 0x7D, 0x23, 0xC0, 0x21, 0x7D, 0x21, 0x7D,
		0x23, 0x7D, 0x20, 0x7D, 0x37, 0x7D, 0x22, 0x7D, 0x26,
		0x7D, 0x20, 0x7D, 0x2A, 0x7D, 0x20, 0x7D, 0x20, 0x7D,
		0x25, 0x7D, 0x26, 0x7D, 0x20, 0x4A, 0x4A, 0x7D, 0x29,
		0x7D, 0x27, 0x7D, 0x22, 0x7D, 0x28, 0x7D, 0x22, 0x7D,
		0x2D, 0x7D, 0x23, 0x7D, 0x26, 0xA1, 0x7D, 0x2A, 0x7E,
	};
	struct hdlc_tx_cfg tx = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = false};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t out[128];
	size_t n;

	(void)state;
	check_encode(HDLC_ACCM_DEFAULT, false, seed_confreq,
		     sizeof(seed_confreq), exp, sizeof(exp));

	n = hdlc_encode(&tx, seed_confreq, sizeof(seed_confreq), out,
			sizeof(out));
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(hdlc_rx_feed(&rx, out, n, coll_cb, &c), 1);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_stats(&rx, 1, 0, 0, 0, 0, 0);
	assert_int_equal(rx.stats.octets, sizeof(seed_confreq));
	coll_free(&c);
}

static void test_encode_capacity(void **state)
{
	struct hdlc_tx_cfg tx = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = true};
	uint8_t frame[40];
	uint8_t out[128];
	size_t need;

	(void)state;
	/* Worst case: every octet escaped, FCS-32 included. */
	memset(frame, 0x7e, sizeof(frame));
	assert_int_equal(hdlc_encoded_max(sizeof(frame)), 2 + 2 * (40 + 4));
	assert_int_equal(hdlc_encoded_max(SIZE_MAX), SIZE_MAX);
	assert_int_equal(hdlc_encoded_max(SIZE_MAX / 2), SIZE_MAX);
	need = hdlc_encode(&tx, frame, sizeof(frame), out, sizeof(out));
	assert_true(need > 0 && need <= hdlc_encoded_max(sizeof(frame)));

	/* Exactly enough fits; one less writes nothing past the end. */
	memset(out, 0xaa, sizeof(out));
	assert_int_equal(hdlc_encode(&tx, frame, sizeof(frame), out, need),
			 need);
	memset(out, 0xaa, sizeof(out));
	assert_int_equal(hdlc_encode(&tx, frame, sizeof(frame), out, need - 1),
			 0);
	for (size_t i = need - 1; i < sizeof(out); i++)
		assert_int_equal(out[i], 0xaa);
	memset(out, 0xaa, sizeof(out));
	assert_int_equal(hdlc_encode(&tx, frame, sizeof(frame), out, 0), 0);
	assert_int_equal(out[0], 0xaa);
}

/*
 * Encode, check the wire image obeys the ACCM (no unescaped flag inside,
 * no unescaped flagged control character), decode, and compare.
 */
static void round_trip(uint32_t accm, bool fcs32, const uint8_t *frame,
		       size_t len)
{
	struct hdlc_tx_cfg tx = {.accm = accm, .fcs32 = fcs32};
	struct hdlc_rx_cfg rc = {.accm = accm,
				 .fcs32 = fcs32,
				 .max_info_bytes = HDLC_INFO_MAX_BYTES};
	struct hdlc_rx *rx = malloc(sizeof(*rx));
	struct coll c = {0};
	size_t n;
	uint8_t *out = encode(&tx, frame, len, &n);

	assert_non_null(rx);
	assert_int_equal(out[0], HDLC_FLAG);
	assert_int_equal(out[n - 1], HDLC_FLAG);
	for (size_t i = 1; i + 1 < n; i++) {
		assert_int_not_equal(out[i], HDLC_FLAG);
		if (out[i] < 0x20)
			assert_false((accm >> out[i]) & 1u);
	}
	hdlc_rx_init(rx, &rc);
	assert_int_equal(hdlc_rx_feed(rx, out, n, coll_cb, &c), 1);
	assert_frame(&c, 0, frame, len);
	assert_stats(rx, 1, 0, 0, 0, 0, 0);
	coll_free(&c);
	free(out);
	free(rx);
}

static void test_round_trip_accm_classes(void **state)
{
	uint32_t s = 0xC0FFEE;
	uint32_t accms[12] = {0, 0xffffffffu, 0x000A0000};
	uint8_t every[4 + 256];
	uint8_t specials[64];

	(void)state;
	for (size_t i = 3; i < 12; i++)
		accms[i] = rng_next(&s);
	every[0] = 0xff;
	every[1] = 0x03;
	every[2] = 0x00;
	every[3] = 0x21;
	for (unsigned v = 0; v < 256; v++)
		every[4 + v] = (uint8_t)v;
	/* Runs of the octets that need escaping, back to back. */
	for (size_t i = 0; i < sizeof(specials); i++)
		specials[i] = (uint8_t[]){0x7e, 0x7d, 0x11, 0x13,
					  0x00, 0x20, 0x5e, 0x5d}[i % 8];

	for (size_t a = 0; a < 12; a++) {
		for (int f = 0; f < 2; f++) {
			round_trip(accms[a], f, every, sizeof(every));
			round_trip(accms[a], f, specials, sizeof(specials));
			round_trip(accms[a], f, seed_confreq,
				   sizeof(seed_confreq));
			round_trip(accms[a], f, short_frame, 2);
		}
	}
}

static void test_round_trip_random(void **state)
{
	uint32_t s = 77;
	uint8_t frame[600];

	(void)state;
	for (int round = 0; round < 200; round++) {
		size_t len = 2 + rng_next(&s) % (sizeof(frame) - 2);

		for (size_t i = 0; i < len; i++)
			frame[i] = (uint8_t)rng_next(&s);
		round_trip(rng_next(&s), rng_next(&s) & 1, frame, len);
	}
}

/* ---- receiver --------------------------------------------------------- */

static void test_rx_init_defaults(void **state)
{
	struct hdlc_rx rx;

	(void)state;
	memset(&rx, 0x5a, sizeof(rx));
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(rx.cfg.accm, HDLC_ACCM_DEFAULT);
	assert_false(rx.cfg.fcs32);
	assert_int_equal(rx.cfg.max_info_bytes, HDLC_INFO_DEFAULT_BYTES);
	assert_int_equal(rx.cfg.max_info_bytes, 1500);
	assert_int_equal(rx.state, HDLC_RX_HUNT);
	assert_stats(&rx, 0, 0, 0, 0, 0, 0);
	assert_int_equal(rx.stats.octets, 0);
	assert_int_equal(hdlc_rx_feed(&rx, NULL, 0, coll_cb, NULL), 0);
	assert_string_equal(hdlc_rx_state_name(HDLC_RX_HUNT), "hunt");
	assert_string_equal(hdlc_rx_state_name(HDLC_RX_DATA), "data");
	assert_string_equal(hdlc_rx_state_name(HDLC_RX_ESCAPE), "escape");
	assert_string_equal(hdlc_rx_state_name(HDLC_RX_STATE_COUNT), "?");
	assert_int_equal(sizeof(rx.buf), 16384 + 8);
}

static void test_rx_bad_fcs(void **state)
{
	struct hdlc_tx_cfg tx = {.accm = HDLC_ACCM_DEFAULT};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t out[256];
	size_t n, m;

	(void)state;
	n = hdlc_encode(&tx, seed_confreq, sizeof(seed_confreq), out,
			sizeof(out));
	/* 0x4a is an unescaped data octet (Magic-Number): corrupt it. */
	assert_int_equal(out[32], 0x4a);
	out[32] ^= 0x01;
	m = hdlc_encode(&tx, seed_confreq, sizeof(seed_confreq), out + n,
			sizeof(out) - n);
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(hdlc_rx_feed(&rx, out, n + m, coll_cb, &c), 1);
	assert_int_equal(c.n, 1);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_stats(&rx, 1, 1, 0, 0, 0, 0);
	coll_free(&c);

	/* The right frame under the wrong FCS size fails the check too. */
	struct hdlc_rx_cfg r32 = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = true};
	hdlc_rx_init(&rx, &r32);
	assert_int_equal(hdlc_rx_feed(&rx, out + n, m, coll_cb, &c), 0);
	assert_stats(&rx, 0, 1, 0, 0, 0, 0);
}

static void test_rx_abort(void **state)
{
	struct hdlc_tx_cfg tx = {.accm = HDLC_ACCM_DEFAULT};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t out[256];
	size_t n;

	(void)state;
	/* A frame cut short by Control Escape + Flag; that flag also opens
	 * the next frame, which arrives without an opening flag of its own. */
	n = hdlc_encode(&tx, seed_confreq, sizeof(seed_confreq), out,
			sizeof(out));
	size_t cut = 20;
	uint8_t wire[300];
	memcpy(wire, out, cut);
	wire[cut] = HDLC_ESC;
	wire[cut + 1] = HDLC_FLAG;
	memcpy(wire + cut + 2, out + 1, n - 1);
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(hdlc_rx_feed(&rx, wire, cut + 2 + n - 1, coll_cb, &c),
			 1);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_stats(&rx, 1, 0, 1, 0, 0, 0);
	coll_free(&c);

	/* An abort of an empty frame still counts; nothing is delivered. */
	static const uint8_t empty_abort[] = {0x7e, 0x7d, 0x7e, 0x7e};
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(hdlc_rx_feed(&rx, empty_abort, sizeof(empty_abort),
				      coll_cb, &c),
			 0);
	assert_stats(&rx, 0, 0, 1, 0, 0, 0);
}

static void test_rx_runts(void **state)
{
	/* FF 03 C0 (3 octets) and FF 03 C0 21 01 (5 octets), escaped. */
	static const uint8_t runt16[] = {0x7e, 0xff, 0x7d, 0x23, 0xc0, 0x7e};
	static const uint8_t runt32[] = {0x7e, 0xff, 0x7d, 0x23, 0xc0,
					 0x21, 0x7d, 0x21, 0x7e};
	struct hdlc_rx_cfg r32 = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = true};
	struct hdlc_rx_cfg r0 = {.accm = 0};
	struct hdlc_tx_cfg tx = {.accm = 0};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t out[32];
	size_t n;

	(void)state;
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(hdlc_rx_feed(&rx, runt16, sizeof(runt16), coll_cb, &c),
			 0);
	assert_stats(&rx, 0, 0, 0, 1, 0, 0);
	hdlc_rx_init(&rx, &r32);
	assert_int_equal(hdlc_rx_feed(&rx, runt32, sizeof(runt32), coll_cb, &c),
			 0);
	assert_stats(&rx, 0, 0, 0, 1, 0, 0);

	/* The shortest frame that is not a runt: two octets plus FCS. */
	static const uint8_t two[] = {0xc0, 0x21};
	n = hdlc_encode(&tx, two, 2, out, sizeof(out));
	hdlc_rx_init(&rx, &r0);
	assert_int_equal(hdlc_rx_feed(&rx, out, n, coll_cb, &c), 1);
	assert_frame(&c, 0, two, 2);
	coll_free(&c);
	/* One octet plus FCS is a runt even with a correct FCS. */
	n = hdlc_encode(&tx, two, 1, out, sizeof(out));
	hdlc_rx_init(&rx, &r0);
	assert_int_equal(hdlc_rx_feed(&rx, out, n, coll_cb, &c), 0);
	assert_stats(&rx, 0, 0, 0, 1, 0, 0);
}

/* Feed one frame of 4 header + info octets (every control character
 * escaped, so any receive ACCM works); returns the frames delivered. */
static size_t feed_sized(struct hdlc_rx *rx, bool fcs32, size_t info,
			 struct coll *c)
{
	struct hdlc_tx_cfg tx = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = fcs32};
	size_t len = 4 + info;
	uint8_t *frame = malloc(len);
	size_t n, got;
	uint8_t *out;

	assert_non_null(frame);
	frame[0] = 0xff;
	frame[1] = 0x03;
	frame[2] = 0x00;
	frame[3] = 0x21;
	for (size_t i = 4; i < len; i++)
		frame[i] = (uint8_t)(i * 7);
	out = encode(&tx, frame, len, &n);
	got = hdlc_rx_feed(rx, out, n, coll_cb, c);
	if (got)
		assert_frame(c, c->n - 1, frame, len);
	free(out);
	free(frame);
	return got;
}

static void test_rx_giant_then_resync(void **state)
{
	struct hdlc_rx_cfg small = {.accm = 0, .max_info_bytes = 10};
	struct hdlc_rx_cfg huge = {
		.accm = 0, .fcs32 = true, .max_info_bytes = 1000000};
	struct hdlc_rx *rx = malloc(sizeof(*rx));
	struct coll c = {0};

	(void)state;
	assert_non_null(rx);
	hdlc_rx_init(rx, &small);
	assert_int_equal(feed_sized(rx, false, 10, &c), 1);
	assert_int_equal(feed_sized(rx, false, 11, &c), 0);
	assert_stats(rx, 1, 0, 0, 0, 1, 0);
	/* Resynchronised: the next frame is received normally. */
	assert_int_equal(feed_sized(rx, false, 10, &c), 1);
	assert_stats(rx, 2, 0, 0, 0, 1, 0);
	coll_free(&c);

	/* The default limit is 1500 octets of Information. */
	hdlc_rx_init(rx, NULL);
	assert_int_equal(feed_sized(rx, false, 1500, &c), 1);
	assert_int_equal(feed_sized(rx, false, 1501, &c), 0);
	assert_int_equal(feed_sized(rx, false, 1500, &c), 1);
	assert_stats(rx, 2, 0, 0, 0, 1, 0);
	coll_free(&c);

	/* Limits above the buffer are clamped to HDLC_INFO_MAX_BYTES. */
	hdlc_rx_init(rx, &huge);
	assert_int_equal(rx->cfg.max_info_bytes, HDLC_INFO_MAX_BYTES);
	assert_int_equal(feed_sized(rx, true, HDLC_INFO_MAX_BYTES, &c), 1);
	assert_int_equal(feed_sized(rx, true, HDLC_INFO_MAX_BYTES + 1, &c), 0);
	assert_int_equal(feed_sized(rx, true, 1, &c), 1);
	assert_stats(rx, 2, 0, 0, 0, 1, 0);
	coll_free(&c);

	/* A giant's tail may hold anything, escapes included: still one
	 * giant, and the frame sharing its closing flag is received. */
	static const uint8_t tail[] = {0x7d, 0x7d, 0x7d, 0x7e};
	uint8_t junk[40];
	struct hdlc_tx_cfg tx = {.accm = 0};
	uint8_t out[64];
	size_t n = hdlc_encode(&tx, short_frame, sizeof(short_frame), out,
			       sizeof(out));
	memset(junk, 0x55, sizeof(junk));
	junk[0] = HDLC_FLAG;
	hdlc_rx_init(rx, &small);
	assert_int_equal(hdlc_rx_feed(rx, junk, sizeof(junk), coll_cb, &c), 0);
	assert_int_equal(hdlc_rx_feed(rx, tail, sizeof(tail), coll_cb, &c), 0);
	assert_int_equal(hdlc_rx_feed(rx, out + 1, n - 1, coll_cb, &c), 1);
	assert_frame(&c, 0, short_frame, sizeof(short_frame));
	assert_stats(rx, 1, 0, 0, 0, 1, 0);
	coll_free(&c);
	free(rx);
}

/* Build a wire image with raw octet `ins` slipped in after every
 * `every`-th octet of the encoded frame (never before the opening flag). */
static size_t insert_every(const uint8_t *in, size_t n, size_t every,
			   uint8_t ins, uint8_t *out, size_t *inserted)
{
	size_t o = 0;

	*inserted = 0;
	for (size_t i = 0; i < n; i++) {
		out[o++] = in[i];
		if (i + 1 < n && (i + 1) % every == 0) {
			out[o++] = ins;
			(*inserted)++;
		}
	}
	return o;
}

static void test_rx_dce_inserted_ctl(void **state)
{
	struct hdlc_tx_cfg tx_all = {.accm = HDLC_ACCM_DEFAULT};
	struct hdlc_tx_cfg tx_none = {.accm = 0};
	struct hdlc_rx_cfg rx_xon = {.accm = 0x000A0000};
	struct hdlc_rx_cfg rx_none = {.accm = 0};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t enc[128], wire[256];
	size_t n, w, ins;

	(void)state;
	/* XON after every octet (so also between 0x7d and the octet it
	 * escapes) and XOFF after every third: all discarded, counted. */
	n = hdlc_encode(&tx_all, seed_confreq, sizeof(seed_confreq), enc,
			sizeof(enc));
	w = insert_every(enc, n, 1, 0x11, wire, &ins);
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(hdlc_rx_feed(&rx, wire, w, coll_cb, &c), 1);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_stats(&rx, 1, 0, 0, 0, 0, ins);
	coll_free(&c);
	w = insert_every(enc, n, 3, 0x13, wire, &ins);
	hdlc_rx_init(&rx, &rx_xon);
	assert_int_equal(hdlc_rx_feed(&rx, wire, w, coll_cb, &c), 1);
	assert_stats(&rx, 1, 0, 0, 0, 0, ins);
	coll_free(&c);

	/* Not in the receive ACCM: the octet is data, so the FCS fails. */
	n = hdlc_encode(&tx_none, short_frame, sizeof(short_frame), enc,
			sizeof(enc));
	w = insert_every(enc, n, 4, 0x11, wire, &ins);
	hdlc_rx_init(&rx, &rx_none);
	assert_int_equal(hdlc_rx_feed(&rx, wire, w, coll_cb, &c), 0);
	assert_stats(&rx, 0, 1, 0, 0, 0, 0);

	/* A frame carrying raw XON/XOFF under ACCM 0 keeps them; the same
	 * frame sent raw to a receiver whose ACCM flags them loses them. */
	n = hdlc_encode(&tx_none, xon_frame, sizeof(xon_frame), enc,
			sizeof(enc));
	assert_int_equal(enc[6], 0x11); /* really sent unescaped */
	hdlc_rx_init(&rx, &rx_none);
	assert_int_equal(hdlc_rx_feed(&rx, enc, n, coll_cb, &c), 1);
	assert_frame(&c, 0, xon_frame, sizeof(xon_frame));
	assert_stats(&rx, 1, 0, 0, 0, 0, 0);
	coll_free(&c);
	hdlc_rx_init(&rx, &rx_xon);
	assert_int_equal(hdlc_rx_feed(&rx, enc, n, coll_cb, &c), 0);
	assert_stats(&rx, 0, 1, 0, 0, 0, 2);

	/* ACCM 0x000A0000 flags only 0x11 and 0x13: 0x01 is data. */
	hdlc_rx_init(&rx, &rx_xon);
	n = hdlc_encode(&tx_none, short_frame, sizeof(short_frame), enc,
			sizeof(enc));
	w = insert_every(enc, n, 4, 0x01, wire, &ins);
	assert_int_equal(hdlc_rx_feed(&rx, wire, w, coll_cb, &c), 0);
	assert_stats(&rx, 0, 1, 0, 0, 0, 0);
}

static void test_rx_one_octet_at_a_time(void **state)
{
	struct hdlc_tx_cfg tx = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = true};
	struct hdlc_rx_cfg rc = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = true};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t wire[512];
	struct wr w = wr_init(wire, sizeof(wire));
	size_t total = 0;

	(void)state;
	assert_true(hdlc_encode_append(&tx, seed_confreq, sizeof(seed_confreq),
				       true, &w));
	assert_true(hdlc_encode_append(&tx, short_frame, sizeof(short_frame),
				       true, &w));
	assert_true(hdlc_encode_append(&tx, xon_frame, sizeof(xon_frame), true,
				       &w));
	hdlc_rx_init(&rx, &rc);
	for (size_t i = 0; i < w.len; i++)
		total += hdlc_rx_feed(&rx, &wire[i], 1, coll_cb, &c);
	assert_int_equal(total, 3);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_frame(&c, 1, short_frame, sizeof(short_frame));
	assert_frame(&c, 2, xon_frame, sizeof(xon_frame));
	assert_stats(&rx, 3, 0, 0, 0, 0, 0);
	assert_int_equal(rx.stats.octets, sizeof(seed_confreq) +
						  sizeof(short_frame) +
						  sizeof(xon_frame));
	coll_free(&c);
}

static void test_rx_shared_and_repeated_flags(void **state)
{
	struct hdlc_tx_cfg tx = {.accm = 0x000A0000};
	struct hdlc_rx_cfg rc = {.accm = 0x000A0000};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t wire[512];
	struct wr w = wr_init(wire, sizeof(wire));
	size_t flags = 0;

	(void)state;
	/* Back to back: the closing flag of one opens the next. */
	assert_true(hdlc_encode_append(&tx, seed_confreq, sizeof(seed_confreq),
				       true, &w));
	assert_true(hdlc_encode_append(&tx, short_frame, sizeof(short_frame),
				       false, &w));
	assert_true(hdlc_encode_append(&tx, xon_frame, sizeof(xon_frame), false,
				       &w));
	for (size_t i = 0; i < w.len; i++)
		flags += wire[i] == HDLC_FLAG;
	assert_int_equal(flags, 4);
	/* Time fill: more flags, i.e. empty frames, are not errors. */
	wr_u8(&w, HDLC_FLAG);
	wr_u8(&w, HDLC_FLAG);
	assert_true(hdlc_encode_append(&tx, short_frame, sizeof(short_frame),
				       true, &w));
	hdlc_rx_init(&rx, &rc);
	assert_int_equal(hdlc_rx_feed(&rx, wire, w.len, coll_cb, &c), 4);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_frame(&c, 1, short_frame, sizeof(short_frame));
	assert_frame(&c, 2, xon_frame, sizeof(xon_frame));
	assert_frame(&c, 3, short_frame, sizeof(short_frame));
	assert_stats(&rx, 4, 0, 0, 0, 0, 0);
	coll_free(&c);

	/* An append that does not fit reports it and latches. */
	uint8_t tiny[8];
	struct wr t = wr_init(tiny, sizeof(tiny));
	assert_false(hdlc_encode_append(&tx, short_frame, sizeof(short_frame),
					true, &t));
	assert_false(wr_ok(&t));
}

static void test_rx_garbage_before_first_flag(void **state)
{
	/* Modem result codes, stray escapes and control characters before
	 * PPP starts: none of it is a frame or an error. */
	static const uint8_t garbage[] =
		"\r\nCONNECT 33600/ARQ\r\n\x7d\x11\x13";
	struct hdlc_tx_cfg tx = {.accm = HDLC_ACCM_DEFAULT};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t wire[256];
	size_t n;

	(void)state;
	memcpy(wire, garbage, sizeof(garbage) - 1);
	n = hdlc_encode(&tx, seed_confreq, sizeof(seed_confreq),
			wire + sizeof(garbage) - 1,
			sizeof(wire) - sizeof(garbage) + 1);
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(
		hdlc_rx_feed(&rx, wire, sizeof(garbage) - 1 + n, coll_cb, &c),
		1);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_stats(&rx, 1, 0, 0, 0, 0, 0);
	coll_free(&c);
}

static void test_rx_set_cfg_takes_effect_next_frame(void **state)
{
	struct hdlc_tx_cfg tx16 = {.accm = HDLC_ACCM_DEFAULT, .fcs32 = false};
	struct hdlc_tx_cfg tx32 = {.accm = 0x000A0000, .fcs32 = true};
	struct hdlc_rx_cfg r32 = {.accm = 0x000A0000, .fcs32 = true};
	struct hdlc_rx rx;
	struct coll c = {0};
	uint8_t a[128], b[128];
	size_t na, nb;

	(void)state;
	na = hdlc_encode(&tx16, seed_confreq, sizeof(seed_confreq), a,
			 sizeof(a));
	nb = hdlc_encode(&tx32, xon_frame, sizeof(xon_frame), b, sizeof(b));

	/* Mid-frame: the frame finishes under FCS-16, the next is FCS-32. */
	hdlc_rx_init(&rx, NULL);
	assert_int_equal(hdlc_rx_feed(&rx, a, 10, coll_cb, &c), 0);
	hdlc_rx_set_cfg(&rx, &r32);
	assert_false(rx.cfg.fcs32);
	assert_int_equal(hdlc_rx_feed(&rx, a + 10, na - 10, coll_cb, &c), 1);
	assert_true(rx.cfg.fcs32);
	assert_int_equal(hdlc_rx_feed(&rx, b, nb, coll_cb, &c), 1);
	assert_frame(&c, 0, seed_confreq, sizeof(seed_confreq));
	assert_frame(&c, 1, xon_frame, sizeof(xon_frame));
	assert_stats(&rx, 2, 0, 0, 0, 0, 0);
	coll_free(&c);

	/* Between frames it applies at once. */
	hdlc_rx_init(&rx, NULL);
	hdlc_rx_set_cfg(&rx, &r32);
	assert_true(rx.cfg.fcs32);
	assert_int_equal(rx.cfg.accm, 0x000A0000);
	hdlc_rx_set_cfg(&rx, NULL);
	assert_false(rx.cfg.fcs32);
	assert_int_equal(rx.cfg.accm, HDLC_ACCM_DEFAULT);

	/* From inside the callback, as LCP does when it opens: the frame
	 * right behind (sharing the flag) already uses the new settings. */
	uint8_t both[256];
	memcpy(both, a, na);
	memcpy(both + na, b + 1, nb - 1);
	hdlc_rx_init(&rx, NULL);
	c.rx = &rx;
	c.switch_to = &r32;
	assert_int_equal(hdlc_rx_feed(&rx, both, na + nb - 1, coll_cb, &c), 2);
	assert_frame(&c, 1, xon_frame, sizeof(xon_frame));
	assert_stats(&rx, 2, 0, 0, 0, 0, 0);
	coll_free(&c);

	hdlc_rx_clear_stats(&rx);
	assert_stats(&rx, 0, 0, 0, 0, 0, 0);
	assert_int_equal(rx.stats.octets, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fcs_constants),
		cmocka_unit_test(test_fcs_tables_match_bitwise),
		cmocka_unit_test(test_fcs_check_values),
		cmocka_unit_test(test_fcs_good_residue),
		cmocka_unit_test(test_encode_exact_bytes),
		cmocka_unit_test(test_encode_seed_confreq),
		cmocka_unit_test(test_encode_capacity),
		cmocka_unit_test(test_round_trip_accm_classes),
		cmocka_unit_test(test_round_trip_random),
		cmocka_unit_test(test_rx_init_defaults),
		cmocka_unit_test(test_rx_bad_fcs),
		cmocka_unit_test(test_rx_abort),
		cmocka_unit_test(test_rx_runts),
		cmocka_unit_test(test_rx_giant_then_resync),
		cmocka_unit_test(test_rx_dce_inserted_ctl),
		cmocka_unit_test(test_rx_one_octet_at_a_time),
		cmocka_unit_test(test_rx_shared_and_repeated_flags),
		cmocka_unit_test(test_rx_garbage_before_first_flag),
		cmocka_unit_test(test_rx_set_cfg_takes_effect_next_frame),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
