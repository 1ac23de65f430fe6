/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_l2tp_codec.c - the L2TPv2 wire format: headers with every flag
 * combination, round trips of every message type, rejection of each
 * missing mandatory AVP, unknown / vendor / reserved-bit AVPs, bad
 * lengths, Result Code lengths, hidden AVPs against an independent
 * computation of RFC 2661 §4.3 (including the ciphertext chaining that
 * l2tpns gets wrong), and the tunnel authentication response.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <nettle/md5.h>

#include "l2tp_codec.h"

static const struct l2tp_secret SECRET = {(const uint8_t *)"l2tptunnel", 10};

/* A deterministic "random" source: 0x11, 0x12, ... */
static uint8_t rng_next;
static void rng_fill(void *ctx, void *buf, size_t len)
{
	uint8_t *b = buf;

	(void)ctx;
	for (size_t i = 0; i < len; i++)
		b[i] = rng_next++;
}
static const struct l2tp_rng RNG = {.fill = rng_fill};

static size_t build(uint8_t *buf, size_t cap, const struct l2tp_msg *m,
		    const struct l2tp_secret *secret, unsigned pad)
{
	struct wr w = wr_init(buf, cap);
	struct l2tp_hdr h = {.control = true,
			     .has_length = true,
			     .has_seq = true,
			     .tunnel_id = 7,
			     .session_id = 9,
			     .ns = 1,
			     .nr = 2};

	l2tp_hdr_write(&w, &h);
	assert_true(l2tp_msg_write(&w, m, secret, &RNG, pad));
	l2tp_hdr_patch_length(&w);
	assert_true(wr_ok(&w));
	return w.len;
}

static enum l2tp_parse_rc parse(const uint8_t *buf, size_t len,
				const struct l2tp_secret *secret,
				struct l2tp_msg *m, char *err)
{
	static uint8_t scratch[L2TP_CTRL_MAX];
	struct l2tp_hdr h;
	struct rd body;
	const char *herr;

	assert_int_equal(l2tp_hdr_parse(buf, len, &h, &body, &herr), 0);
	assert_true(h.control);
	return l2tp_msg_parse(body, secret, scratch, sizeof(scratch), m, err,
			      96);
}

static void span(struct l2tp_span *s, const char *str)
{
	s->p = (const uint8_t *)str;
	s->len = (uint16_t)strlen(str);
}

/* A message of `type` with every mandatory AVP of §6 and then some. */
static void full_msg(struct l2tp_msg *m, uint16_t type)
{
	memset(m, 0, sizeof(*m));
	m->type = type;
	switch (type) {
	case L2TP_MSG_SCCRQ:
	case L2TP_MSG_SCCRP:
		l2tp_msg_set(m, L2TP_AVP_PROTOCOL_VERSION);
		m->protocol_version = L2TP_PROTOCOL_VERSION;
		l2tp_msg_set(m, L2TP_AVP_HOST_NAME);
		span(&m->host_name, "LAC");
		l2tp_msg_set(m, L2TP_AVP_FRAMING_CAP);
		m->framing_cap = 3;
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
		m->assigned_tunnel_id = 45029;
		l2tp_msg_set(m, L2TP_AVP_BEARER_CAP);
		m->bearer_cap = 1;
		l2tp_msg_set(m, L2TP_AVP_RX_WINDOW);
		m->rx_window = 8;
		l2tp_msg_set(m, L2TP_AVP_CHALLENGE);
		span(&m->challenge, "0123456789abcdef");
		l2tp_msg_set(m, L2TP_AVP_TIE_BREAKER);
		memcpy(m->tie_breaker, "\1\2\3\4\5\6\7\10", 8);
		l2tp_msg_set(m, L2TP_AVP_FIRMWARE_REV);
		m->firmware_rev = 0x1120;
		l2tp_msg_set(m, L2TP_AVP_VENDOR_NAME);
		span(&m->vendor_name, "nasd");
		break;
	case L2TP_MSG_SCCCN:
		l2tp_msg_set(m, L2TP_AVP_CHALLENGE_RESPONSE);
		memset(m->challenge_response, 0xAB, 16);
		break;
	case L2TP_MSG_STOPCCN:
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
		m->assigned_tunnel_id = 11407;
		l2tp_msg_set(m, L2TP_AVP_RESULT_CODE);
		m->result.result = 2;
		m->result.has_error = true;
		m->result.error = 8;
		span(&m->result.message, "unknown AVP");
		break;
	case L2TP_MSG_HELLO:
		break;
	case L2TP_MSG_OCRQ:
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
		m->assigned_session_id = 304;
		l2tp_msg_set(m, L2TP_AVP_CALL_SERIAL);
		m->call_serial = 77;
		l2tp_msg_set(m, L2TP_AVP_MIN_BPS);
		m->min_bps = 9600;
		l2tp_msg_set(m, L2TP_AVP_MAX_BPS);
		m->max_bps = 64000;
		l2tp_msg_set(m, L2TP_AVP_BEARER_TYPE);
		m->bearer_type = 1;
		l2tp_msg_set(m, L2TP_AVP_FRAMING_TYPE);
		m->framing_type = 1;
		l2tp_msg_set(m, L2TP_AVP_CALLED_NUMBER);
		span(&m->called_number, "6121");
		l2tp_msg_set(m, L2TP_AVP_SUB_ADDRESS);
		span(&m->sub_address, "1");
		break;
	case L2TP_MSG_OCRP:
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
		m->assigned_session_id = 292;
		l2tp_msg_set(m, L2TP_AVP_PHYS_CHANNEL);
		m->phys_channel = 30;
		break;
	case L2TP_MSG_OCCN:
	case L2TP_MSG_ICCN:
		l2tp_msg_set(m, L2TP_AVP_TX_SPEED);
		m->tx_speed_bps = 64000;
		l2tp_msg_set(m, L2TP_AVP_FRAMING_TYPE);
		m->framing_type = 1;
		l2tp_msg_set(m, L2TP_AVP_RX_SPEED);
		m->rx_speed_bps = 56000;
		l2tp_msg_set(m, L2TP_AVP_SEQUENCING_REQUIRED);
		if (type == L2TP_MSG_OCCN)
			break;
		l2tp_msg_set(m, L2TP_AVP_LCP_INITIAL_RX);
		span(&m->lcp_initial_rx, "\x03\x05\xC2\x23\x05");
		l2tp_msg_set(m, L2TP_AVP_LCP_LAST_TX);
		span(&m->lcp_last_tx, "\x05\x06\x6B\xDE\x50\xCC");
		l2tp_msg_set(m, L2TP_AVP_LCP_LAST_RX);
		span(&m->lcp_last_rx, "\x05\x06\x05\x99\x35\xDB");
		l2tp_msg_set(m, L2TP_AVP_PROXY_AUTH_TYPE);
		m->proxy_auth_type = 2;
		l2tp_msg_set(m, L2TP_AVP_PROXY_AUTH_NAME);
		span(&m->proxy_auth_name, "remote1@cisco.com");
		l2tp_msg_set(m, L2TP_AVP_PROXY_AUTH_CHALLENGE);
		span(&m->proxy_auth_challenge, "challenge-octets");
		l2tp_msg_set(m, L2TP_AVP_PROXY_AUTH_ID);
		m->proxy_auth_id = 7;
		l2tp_msg_set(m, L2TP_AVP_PROXY_AUTH_RESPONSE);
		span(&m->proxy_auth_response, "0123456789ABCDEF");
		l2tp_msg_set(m, L2TP_AVP_PRIVATE_GROUP_ID);
		span(&m->private_group_id, "grp");
		break;
	case L2TP_MSG_ICRQ:
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
		m->assigned_session_id = 291;
		l2tp_msg_set(m, L2TP_AVP_CALL_SERIAL);
		m->call_serial = 1;
		l2tp_msg_set(m, L2TP_AVP_BEARER_TYPE);
		m->bearer_type = 1;
		l2tp_msg_set(m, L2TP_AVP_PHYS_CHANNEL);
		m->phys_channel = 17;
		l2tp_msg_set(m, L2TP_AVP_CALLING_NUMBER);
		span(&m->calling_number, "6122");
		l2tp_msg_set(m, L2TP_AVP_CALLED_NUMBER);
		span(&m->called_number, "211");
		break;
	case L2TP_MSG_ICRP:
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
		m->assigned_session_id = 303;
		break;
	case L2TP_MSG_CDN:
		l2tp_msg_set(m, L2TP_AVP_RESULT_CODE);
		m->result.result = 3;
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
		m->assigned_session_id = 291;
		l2tp_msg_set(m, L2TP_AVP_Q931_CAUSE);
		m->q931.cause = 17;
		m->q931.msg_type = 0x5A;
		span(&m->q931.advisory, "busy");
		break;
	case L2TP_MSG_WEN:
		l2tp_msg_set(m, L2TP_AVP_CALL_ERRORS);
		m->call_errors.crc = 1;
		m->call_errors.framing = 2;
		m->call_errors.hw_overrun = 3;
		m->call_errors.buf_overrun = 4;
		m->call_errors.timeout = 5;
		m->call_errors.alignment = 6;
		break;
	case L2TP_MSG_SLI:
		l2tp_msg_set(m, L2TP_AVP_ACCM);
		m->accm_send = 0x000A0000;
		m->accm_recv = 0xFFFFFFFF;
		break;
	}
}

static const uint16_t ALL_TYPES[] = {
	L2TP_MSG_SCCRQ, L2TP_MSG_SCCRP, L2TP_MSG_SCCCN, L2TP_MSG_STOPCCN,
	L2TP_MSG_HELLO, L2TP_MSG_OCRQ,	L2TP_MSG_OCRP,	L2TP_MSG_OCCN,
	L2TP_MSG_ICRQ,	L2TP_MSG_ICRP,	L2TP_MSG_ICCN,	L2TP_MSG_CDN,
	L2TP_MSG_WEN,	L2TP_MSG_SLI,
};

static void assert_span(struct l2tp_span a, struct l2tp_span b)
{
	assert_int_equal(a.len, b.len);
	if (a.len)
		assert_memory_equal(a.p, b.p, a.len);
}

static void assert_same(const struct l2tp_msg *a, const struct l2tp_msg *b)
{
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->present | 1, b->present | 1);
	assert_int_equal(a->result.result, b->result.result);
	assert_int_equal(a->result.error, b->result.error);
	assert_span(a->result.message, b->result.message);
	assert_int_equal(a->protocol_version, b->protocol_version);
	assert_int_equal(a->framing_cap, b->framing_cap);
	assert_int_equal(a->bearer_cap, b->bearer_cap);
	assert_memory_equal(a->tie_breaker, b->tie_breaker, 8);
	assert_int_equal(a->firmware_rev, b->firmware_rev);
	assert_span(a->host_name, b->host_name);
	assert_span(a->vendor_name, b->vendor_name);
	assert_int_equal(a->assigned_tunnel_id, b->assigned_tunnel_id);
	assert_int_equal(a->rx_window, b->rx_window);
	assert_span(a->challenge, b->challenge);
	assert_int_equal(a->q931.cause, b->q931.cause);
	assert_int_equal(a->q931.msg_type, b->q931.msg_type);
	assert_span(a->q931.advisory, b->q931.advisory);
	assert_memory_equal(a->challenge_response, b->challenge_response, 16);
	assert_int_equal(a->assigned_session_id, b->assigned_session_id);
	assert_int_equal(a->call_serial, b->call_serial);
	assert_int_equal(a->min_bps, b->min_bps);
	assert_int_equal(a->max_bps, b->max_bps);
	assert_int_equal(a->bearer_type, b->bearer_type);
	assert_int_equal(a->framing_type, b->framing_type);
	assert_span(a->called_number, b->called_number);
	assert_span(a->calling_number, b->calling_number);
	assert_span(a->sub_address, b->sub_address);
	assert_int_equal(a->tx_speed_bps, b->tx_speed_bps);
	assert_int_equal(a->rx_speed_bps, b->rx_speed_bps);
	assert_int_equal(a->phys_channel, b->phys_channel);
	assert_span(a->lcp_initial_rx, b->lcp_initial_rx);
	assert_span(a->lcp_last_tx, b->lcp_last_tx);
	assert_span(a->lcp_last_rx, b->lcp_last_rx);
	assert_int_equal(a->proxy_auth_type, b->proxy_auth_type);
	assert_span(a->proxy_auth_name, b->proxy_auth_name);
	assert_span(a->proxy_auth_challenge, b->proxy_auth_challenge);
	assert_int_equal(a->proxy_auth_id, b->proxy_auth_id);
	assert_span(a->proxy_auth_response, b->proxy_auth_response);
	assert_memory_equal(&a->call_errors, &b->call_errors,
			    sizeof(a->call_errors));
	assert_int_equal(a->accm_send, b->accm_send);
	assert_int_equal(a->accm_recv, b->accm_recv);
	assert_span(a->private_group_id, b->private_group_id);
}

static void test_round_trip_every_type(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ALL_TYPES) / sizeof(ALL_TYPES[0]); i++) {
		struct l2tp_msg in, out;
		uint8_t buf[L2TP_CTRL_MAX];
		char err[96];
		size_t n;

		full_msg(&in, ALL_TYPES[i]);
		n = build(buf, sizeof(buf), &in, NULL, 0);
		assert_int_equal(buf[0], 0xC8);
		assert_int_equal(buf[1], 0x02);
		assert_int_equal(buf[2] << 8 | buf[3], n);
		assert_int_equal(parse(buf, n, NULL, &out, err), L2TP_PARSE_OK);
		assert_same(&in, &out);
		assert_int_equal(out.hidden, 0);
	}
}

static void test_sccrq_bytes(void **state)
{
	/* The exact octets of a small SCCRQ, checked by hand against
	 * RFC 2661 §3.1 / §4.1 (Protocol Version 0x0100, 32-bit masks). */
	static const uint8_t want[] = {
		0xC8, 0x02, 0x00, 0x3F, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, /* header: T L S, len 63, tnl 0 cl 0 ns 0 nr 0
				   */
		0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, /* SCCRQ */
		0x80, 0x08, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, /* ver */
		0x80, 0x0A, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00,
		0x03, /* framing caps */
		0x80, 0x09, 0x00, 0x00, 0x00, 0x07, 'L',  'A',	'C', /* host */
		0x80, 0x08, 0x00, 0x00, 0x00, 0x09, 0xAF, 0xE5, /* tnl 45029 */
		0x80, 0x08, 0x00, 0x00, 0x00, 0x0A, 0x00, 0x04, /* window 4 */
	};
	struct l2tp_msg m;
	uint8_t buf[128];
	struct wr w = wr_init(buf, sizeof(buf));
	struct l2tp_hdr h = {
		.control = true, .has_length = true, .has_seq = true};

	(void)state;
	memset(&m, 0, sizeof(m));
	m.type = L2TP_MSG_SCCRQ;
	l2tp_msg_set(&m, L2TP_AVP_PROTOCOL_VERSION);
	m.protocol_version = L2TP_PROTOCOL_VERSION;
	l2tp_msg_set(&m, L2TP_AVP_FRAMING_CAP);
	m.framing_cap = 3;
	l2tp_msg_set(&m, L2TP_AVP_HOST_NAME);
	span(&m.host_name, "LAC");
	l2tp_msg_set(&m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m.assigned_tunnel_id = 45029;
	l2tp_msg_set(&m, L2TP_AVP_RX_WINDOW);
	m.rx_window = 4;
	l2tp_hdr_write(&w, &h);
	assert_true(l2tp_msg_write(&w, &m, NULL, NULL, 0));
	l2tp_hdr_patch_length(&w);
	assert_int_equal(w.len, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
}

static void test_missing_mandatory(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ALL_TYPES) / sizeof(ALL_TYPES[0]); i++) {
		struct l2tp_msg in, out;
		uint64_t bits;

		full_msg(&in, ALL_TYPES[i]);
		bits = in.present;
		for (unsigned t = 1; t < 64; t++) {
			uint8_t buf[L2TP_CTRL_MAX];
			char err[96], want[96];
			enum l2tp_parse_rc rc;
			bool mandatory;
			size_t n;

			if (!(bits >> t & 1))
				continue;
			in.present = bits & ~((uint64_t)1 << t);
			n = build(buf, sizeof(buf), &in, NULL, 0);
			rc = parse(buf, n, NULL, &out, err);
			in.present = bits;
			mandatory = rc != L2TP_PARSE_OK;
			/* Which AVPs §6 makes mandatory (StopCCN and CDN:
			 * Result Code only, see l2tp_avp.c). */
			switch (ALL_TYPES[i]) {
			case L2TP_MSG_SCCRQ:
			case L2TP_MSG_SCCRP:
				assert_int_equal(mandatory, t == 2 || t == 3 ||
								    t == 7 ||
								    t == 9);
				break;
			case L2TP_MSG_STOPCCN:
			case L2TP_MSG_CDN:
				assert_int_equal(mandatory, t == 1);
				break;
			case L2TP_MSG_OCRQ:
				assert_int_equal(mandatory,
						 (t >= 14 && t <= 19) ||
							 t == 21);
				break;
			case L2TP_MSG_ICRQ:
				assert_int_equal(mandatory, t == 14 || t == 15);
				break;
			case L2TP_MSG_ICRP:
			case L2TP_MSG_OCRP:
				assert_int_equal(mandatory, t == 14);
				break;
			case L2TP_MSG_ICCN:
			case L2TP_MSG_OCCN:
				assert_int_equal(mandatory, t == 24 || t == 19);
				break;
			case L2TP_MSG_WEN:
				assert_int_equal(mandatory, t == 34);
				break;
			case L2TP_MSG_SLI:
				assert_int_equal(mandatory, t == 35);
				break;
			default:
				assert_false(mandatory);
			}
			if (!mandatory)
				continue;
			assert_int_equal(rc, L2TP_PARSE_INVALID);
			snprintf(want, sizeof(want), "%s without %s",
				 l2tp_msg_name(ALL_TYPES[i]),
				 l2tp_avp_name((uint16_t)t));
			assert_string_equal(err, want);
		}
	}
}

/* Append one raw AVP to a message body under construction. */
static void raw_avp(struct wr *w, uint16_t bits, uint16_t vendor, uint16_t type,
		    const void *val, size_t len)
{
	wr_u16(w, (uint16_t)(bits | (6 + len)));
	wr_u16(w, vendor);
	wr_u16(w, type);
	wr_bytes(w, val, len);
}

static enum l2tp_parse_rc parse_body(const uint8_t *b, size_t n,
				     struct l2tp_msg *m, char *err)
{
	static uint8_t scratch[L2TP_CTRL_MAX];

	return l2tp_msg_parse(rd_init(b, n), &SECRET, scratch, sizeof(scratch),
			      m, err, 96);
}

static void hello_body(struct wr *w)
{
	raw_avp(w, L2TP_AVP_M, 0, 0, "\x00\x06", 2);
}

static void test_unknown_avps(void **state)
{
	uint8_t b[256];
	struct wr w;
	struct l2tp_msg m;
	char err[96];

	(void)state;
	/* Unknown type, M=0: ignored. */
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, 0, 0, 200, "xyz", 3);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_OK);
	assert_int_equal(m.type, L2TP_MSG_HELLO);
	/* Unknown type, M=1: Result 2 / Error 8 material. */
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, L2TP_AVP_M, 0, 200, "xyz", 3);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_UNKNOWN_M);
	assert_true(m.unknown_m);
	assert_int_equal(m.unknown_m_type, 200);
	assert_int_equal(m.type, L2TP_MSG_HELLO);
	assert_string_equal(err,
			    "unknown mandatory AVP vendor 0 type 200 in Hello");
	/* Vendor AVP whose type is a known one (2): never read as Protocol
	 * Version (xl2tpd #163); M=0 → ignored. */
	full_msg(&m, L2TP_MSG_SCCRQ);
	{
		uint8_t full[L2TP_CTRL_MAX];
		struct wr fw = wr_init(full, sizeof(full));

		assert_true(l2tp_msg_write(&fw, &m, NULL, NULL, 0));
		raw_avp(&fw, 0, 3561, 2, "\x09\x09", 2);
		assert_int_equal(parse_body(full, fw.len, &m, err),
				 L2TP_PARSE_OK);
		assert_int_equal(m.protocol_version, 0x0100);
		raw_avp(&fw, L2TP_AVP_M, 3561, 7, "zz", 2);
		assert_int_equal(parse_body(full, fw.len, &m, err),
				 L2TP_PARSE_UNKNOWN_M);
		assert_int_equal(m.unknown_m_vendor, 3561);
		assert_int_equal(m.unknown_m_type, 7);
		assert_string_equal(m.host_name.p == NULL ? "" : "LAC", "LAC");
	}
	/* Reserved bits: a known AVP becomes unrecognised. */
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, 0x0400, 0, 10, "\x00\x04", 2);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_OK);
	assert_false(l2tp_msg_has(&m, 10));
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, L2TP_AVP_M | 0x0800, 0, 10, "\x00\x04", 2);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_UNKNOWN_M);
	/* Unknown message type: M=0 ignored, M=1 an error. */
	w = wr_init(b, sizeof(b));
	raw_avp(&w, 0, 0, 0, "\x00\x63", 2);
	assert_int_equal(parse_body(b, w.len, &m, err),
			 L2TP_PARSE_UNKNOWN_TYPE);
	w = wr_init(b, sizeof(b));
	raw_avp(&w, L2TP_AVP_M, 0, 0, "\x00\x63", 2);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_UNKNOWN_M);
}

static void test_message_type_first(void **state)
{
	uint8_t b[64];
	struct wr w = wr_init(b, sizeof(b));
	struct l2tp_msg m;
	char err[96];

	(void)state;
	raw_avp(&w, L2TP_AVP_M, 0, 10, "\x00\x04", 2);
	hello_body(&w);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_MALFORMED);
	assert_string_equal(err, "first AVP is not a Message Type");
	/* A hidden Message Type is not a Message Type. */
	w = wr_init(b, sizeof(b));
	raw_avp(&w, L2TP_AVP_M | L2TP_AVP_H, 0, 0, "\x00\x06", 2);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_MALFORMED);
}

static void test_bad_lengths(void **state)
{
	uint8_t b[64];
	struct wr w;
	struct l2tp_msg m;
	char err[96];

	(void)state;
	/* Length 0 and 5: must end, not loop. */
	for (uint16_t l = 0; l < 6; l++) {
		w = wr_init(b, sizeof(b));
		hello_body(&w);
		wr_u16(&w, l);
		wr_u16(&w, 0);
		wr_u16(&w, 200);
		assert_int_equal(parse_body(b, w.len, &m, err),
				 L2TP_PARSE_MALFORMED);
	}
	assert_string_equal(err, "AVP length 5 under 6");
	/* Longer than the buffer. */
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	wr_u16(&w, 40);
	wr_u16(&w, 0);
	wr_u16(&w, 200);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_MALFORMED);
	assert_string_equal(err, "AVP length 40 beyond the message (6 left)");
	/* A truncated AVP header (3 octets left). */
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	wr_bytes(&w, "\x00\x08\x00", 3);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_MALFORMED);
	/* Known AVP with a wrong value length. */
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, L2TP_AVP_M, 0, L2TP_AVP_RX_WINDOW, "\x00\x04\x00", 3);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_INVALID);
	assert_string_equal(err,
			    "Receive Window Size with a value of 3 octets, "
			    "not 2");
	/* Empty body. */
	assert_int_equal(parse_body(b, 0, &m, err), L2TP_PARSE_MALFORMED);
}

static void test_result_code_lengths(void **state)
{
	uint8_t b[64];
	struct wr w;
	struct l2tp_msg m;
	char err[96];

	(void)state;
	/* AVP length 8: result only (xl2tpd #90). */
	w = wr_init(b, sizeof(b));
	raw_avp(&w, L2TP_AVP_M, 0, 0, "\x00\x04", 2);
	raw_avp(&w, L2TP_AVP_M, 0, 1, "\x00\x01", 2);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_OK);
	assert_int_equal(m.result.result, 1);
	assert_false(m.result.has_error);
	/* Length 9 (3 octets): invalid. */
	w = wr_init(b, sizeof(b));
	raw_avp(&w, L2TP_AVP_M, 0, 0, "\x00\x04", 2);
	raw_avp(&w, L2TP_AVP_M, 0, 1, "\x00\x01\x00", 3);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_INVALID);
	/* 4 + message. */
	w = wr_init(b, sizeof(b));
	raw_avp(&w, L2TP_AVP_M, 0, 0, "\x00\x04", 2);
	raw_avp(&w, L2TP_AVP_M, 0, 1, "\x00\x02\x00\x06oops", 8);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_OK);
	assert_int_equal(m.result.error, 6);
	assert_int_equal(m.result.message.len, 4);
	assert_memory_equal(m.result.message.p, "oops", 4);
	/* Written back with a result only: AVP length 8. */
	{
		uint8_t o[64];
		struct wr ow = wr_init(o, sizeof(o));
		struct l2tp_msg s;

		memset(&s, 0, sizeof(s));
		s.type = L2TP_MSG_CDN;
		l2tp_msg_set(&s, L2TP_AVP_RESULT_CODE);
		s.result.result = 3;
		assert_true(l2tp_msg_write(&ow, &s, NULL, NULL, 0));
		assert_int_equal(ow.len, 16);
		assert_int_equal(o[9], 8);
	}
}

static void test_header_flags(void **state)
{
	struct l2tp_hdr h;
	struct rd p;
	const char *err;

	(void)state;
	/* Plain data: 0x0002, 6 octets, then the payload. */
	{
		static const uint8_t d[] = {0x00, 0x02, 0x12, 0x34,
					    0x56, 0x78, 0xFF, 0x03};

		assert_int_equal(l2tp_hdr_parse(d, sizeof(d), &h, &p, &err), 0);
		assert_false(h.control);
		assert_int_equal(h.tunnel_id, 0x1234);
		assert_int_equal(h.session_id, 0x5678);
		assert_int_equal(rd_left(&p), 2);
		assert_int_equal(p.p[0], 0xFF);
	}
	/* Data with L: offsets move; bytes past Length are padding. */
	{
		static const uint8_t d[] = {0x40, 0x02, 0x00, 0x09, 0x00, 0x01,
					    0x00, 0x02, 0xAA, 0xEE, 0xEE};

		assert_int_equal(l2tp_hdr_parse(d, sizeof(d), &h, &p, &err), 0);
		assert_int_equal(h.tunnel_id, 1);
		assert_int_equal(h.session_id, 2);
		assert_int_equal(rd_left(&p), 1);
		assert_int_equal(p.p[0], 0xAA);
	}
	/* Data with S and O (offset 3 pad) and P. */
	{
		static const uint8_t d[] = {0x0B, 0x02, 0x00, 0x01, 0x00, 0x02,
					    0x00, 0x05, 0x00, 0x00, 0x00, 0x03,
					    0xEE, 0xEE, 0xEE, 0xC0, 0x21};

		assert_int_equal(l2tp_hdr_parse(d, sizeof(d), &h, &p, &err), 0);
		assert_true(h.has_seq);
		assert_true(h.has_offset);
		assert_true(h.priority);
		assert_int_equal(h.ns, 5);
		assert_int_equal(h.offset_size, 3);
		assert_int_equal(rd_left(&p), 2);
		assert_int_equal(p.p[0], 0xC0);
	}
	/* Offset pad past the end. */
	{
		static const uint8_t d[] = {0x02, 0x02, 0x00, 0x01, 0x00,
					    0x02, 0x00, 0x09, 0xEE};

		assert_int_equal(l2tp_hdr_parse(d, sizeof(d), &h, &p, &err),
				 -1);
		assert_string_equal(err, "offset pad beyond the message");
	}
	/* Under 6 octets, wrong version, control without L or S, Length
	 * beyond the datagram and under the header. */
	{
		static const uint8_t d5[] = {0x00, 0x02, 0, 0, 0};
		static const uint8_t v1[] = {0xC8, 0x01, 0, 12, 0, 0,
					     0,	   0,	 0, 0,	0, 0};
		static const uint8_t nol[] = {0x88, 0x02, 0, 0, 0,
					      0,    0,	  0, 0, 0};
		static const uint8_t big[] = {0xC8, 0x02, 0, 40, 0, 0,
					      0,    0,	  0, 0,	 0, 0};
		static const uint8_t small[] = {0xC8, 0x02, 0, 0, 0, 0,
						0,    0,    0, 0, 0, 0};
		static const uint8_t trunc[] = {0xC8, 0x02, 0, 8, 0, 0,
						0,    0,    0, 0, 0, 0};

		assert_int_equal(l2tp_hdr_parse(d5, 5, &h, &p, &err), -1);
		assert_string_equal(err, "shorter than 6 octets");
		assert_int_equal(l2tp_hdr_parse(v1, 12, &h, &p, &err), -1);
		assert_string_equal(err, "version is not 2");
		assert_int_equal(l2tp_hdr_parse(nol, 10, &h, &p, &err), -1);
		assert_string_equal(err, "control message without L or S bit");
		assert_int_equal(l2tp_hdr_parse(big, 12, &h, &p, &err), -1);
		assert_string_equal(err, "Length field beyond the datagram");
		assert_int_equal(l2tp_hdr_parse(small, 12, &h, &p, &err), -1);
		assert_string_equal(err,
				    "Length field shorter than the header");
		assert_int_equal(l2tp_hdr_parse(trunc, 12, &h, &p, &err), -1);
		assert_string_equal(err,
				    "Length field shorter than the header");
	}
	/* Round trip of the writer with O and pad. */
	{
		uint8_t b[32];
		struct wr w = wr_init(b, sizeof(b));
		struct l2tp_hdr in = {.has_offset = true,
				      .offset_size = 2,
				      .tunnel_id = 9,
				      .session_id = 8};

		l2tp_hdr_write(&w, &in);
		wr_u8(&w, 0x7E);
		assert_int_equal(w.len, 11);
		assert_int_equal(l2tp_hdr_parse(b, w.len, &h, &p, &err), 0);
		assert_int_equal(rd_left(&p), 1);
		assert_int_equal(p.p[0], 0x7E);
	}
}

/* ---- hidden AVPs: an independent computation of §4.3 ------------------ */

static void ref_hide(uint16_t type, const uint8_t *rv, size_t rv_len,
		     const uint8_t *plain, size_t n, bool chain_plain,
		     uint8_t *out)
{
	uint8_t b[16], prev[16];
	struct md5_ctx c;

	for (size_t i = 0; i < n; i += 16) {
		md5_init(&c);
		if (i == 0) {
			uint8_t t[2] = {(uint8_t)(type >> 8), (uint8_t)type};

			md5_update(&c, 2, t);
			md5_update(&c, SECRET.len, SECRET.p);
			md5_update(&c, rv_len, rv);
		} else {
			md5_update(&c, SECRET.len, SECRET.p);
			md5_update(&c, 16, prev);
		}
		md5_digest(&c, 16, b);
		for (size_t k = 0; k < 16 && i + k < n; k++) {
			out[i + k] = plain[i + k] ^ b[k];
			/* RFC: chain on ciphertext; l2tpns: on plaintext. */
			prev[k] = chain_plain ? plain[i + k] : out[i + k];
		}
	}
}

static void test_hidden_against_rfc(void **state)
{
	static const size_t sizes[] = {1, 14, 15, 16, 17, 39, 100};
	static const uint8_t rv[16] = {0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6,
				       0x07, 0x18, 0x29, 0x3A, 0x4B, 0x5C,
				       0x6D, 0x7E, 0x8F, 0x90};

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (size_t pad = 0; pad <= 5; pad += 5) {
			uint8_t value[128], padb[8], plain[160], want[160],
				bug[160], got[160], back[160];
			size_t n = sizes[i], total = 2 + n + pad;
			int inner;

			for (size_t k = 0; k < n; k++)
				value[k] = (uint8_t)('a' + k % 26);
			memset(padb, 0x5A, sizeof(padb));
			plain[0] = (uint8_t)(n >> 8);
			plain[1] = (uint8_t)n;
			memcpy(plain + 2, value, n);
			memcpy(plain + 2 + n, padb, pad);
			ref_hide(L2TP_AVP_CALLED_NUMBER, rv, 16, plain, total,
				 false, want);
			ref_hide(L2TP_AVP_CALLED_NUMBER, rv, 16, plain, total,
				 true, bug);
			assert_int_equal(l2tp_avp_hide(L2TP_AVP_CALLED_NUMBER,
						       &SECRET, rv, 16, value,
						       n, padb, pad, got),
					 total);
			assert_memory_equal(got, want, total);
			/* Beyond one block the two chainings differ: the
			 * plaintext-chaining of l2tpns would fail here. */
			if (total > 16)
				assert_memory_not_equal(got, bug, total);
			inner = l2tp_avp_unhide(L2TP_AVP_CALLED_NUMBER, &SECRET,
						rv, 16, got, total, back);
			assert_int_equal(inner, n);
			assert_memory_equal(back + 2, value, n);
		}
	}
}

static void test_hidden_in_messages(void **state)
{
	struct l2tp_msg in, out;
	uint8_t buf[L2TP_CTRL_MAX];
	char called[40], err[96];
	size_t n;
	const uint8_t *p;
	bool saw_rv = false, saw_hidden = false;

	(void)state;
	memset(called, 0, sizeof(called));
	for (int i = 0; i < 39; i++)
		called[i] = (char)('0' + i % 10);
	full_msg(&in, L2TP_MSG_ICRQ);
	span(&in.called_number, called);
	in.hidden = (uint64_t)1 << L2TP_AVP_CALLED_NUMBER |
		    (uint64_t)1 << L2TP_AVP_CALLING_NUMBER |
		    (uint64_t)1 << L2TP_AVP_MSG_TYPE;
	rng_next = 0x11;
	n = build(buf, sizeof(buf), &in, &SECRET, 16);
	/* Walk the AVPs: Random Vector before the first hidden one, and
	 * the Message Type never hidden. */
	p = buf + 12;
	assert_int_equal(p[0] & 0x40, 0);
	while (p < buf + n) {
		size_t len = (size_t)(p[0] & 3) << 8 | p[1];
		uint16_t type = (uint16_t)(p[4] << 8 | p[5]);

		if (type == L2TP_AVP_RANDOM_VECTOR) {
			assert_false(saw_hidden);
			saw_rv = true;
		}
		if (p[0] & 0x40) {
			assert_true(saw_rv);
			saw_hidden = true;
		}
		p += len;
	}
	assert_true(saw_hidden);
	assert_int_equal(parse(buf, n, &SECRET, &out, err), L2TP_PARSE_OK);
	assert_int_equal(out.called_number.len, 39);
	assert_memory_equal(out.called_number.p, called, 39);
	assert_int_equal(out.calling_number.len, 4);
	assert_memory_equal(out.calling_number.p, "6122", 4);
	assert_true(out.hidden >> L2TP_AVP_CALLED_NUMBER & 1);
	/* Wrong secret: the inner length check catches it (almost always;
	 * with this vector it does). */
	{
		struct l2tp_secret bad = {(const uint8_t *)"wrong", 5};

		assert_int_equal(parse(buf, n, &bad, &out, err),
				 L2TP_PARSE_INVALID);
		assert_int_equal(parse(buf, n, NULL, &out, err),
				 L2TP_PARSE_INVALID);
		assert_string_equal(err, "hidden Called Number but no tunnel "
					 "secret");
	}
	/* Never hidden in SCCRQ, nor Result Code. */
	full_msg(&in, L2TP_MSG_SCCRQ);
	in.hidden = ~(uint64_t)0;
	n = build(buf, sizeof(buf), &in, &SECRET, 4);
	assert_int_equal(parse(buf, n, NULL, &out, err), L2TP_PARSE_OK);
	assert_int_equal(out.hidden, 0);
	full_msg(&in, L2TP_MSG_STOPCCN);
	in.hidden = ~(uint64_t)0;
	n = build(buf, sizeof(buf), &in, &SECRET, 4);
	assert_int_equal(parse(buf, n, &SECRET, &out, err), L2TP_PARSE_OK);
	assert_int_equal(out.hidden & (uint64_t)1 << L2TP_AVP_RESULT_CODE, 0);
	assert_true(out.hidden >> L2TP_AVP_ASSIGNED_TUNNEL_ID & 1);
	assert_int_equal(out.assigned_tunnel_id, 11407);
}

static void test_hidden_before_rv_and_bad_inner(void **state)
{
	uint8_t b[128], enc[64];
	struct wr w;
	struct l2tp_msg m;
	char err[96];
	static const uint8_t rv[4] = {1, 2, 3, 4};
	size_t n;

	(void)state;
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, L2TP_AVP_H, 0, L2TP_AVP_CALLED_NUMBER, "abcd", 4);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_INVALID);
	assert_string_equal(err, "hidden Called Number before any Random "
				 "Vector");
	/* Inner length larger than the value. */
	n = l2tp_avp_hide(L2TP_AVP_CALLED_NUMBER, &SECRET, rv, 4,
			  (const uint8_t *)"12345", 5, NULL, 0, enc);
	enc[0] ^= 0x01; /* inner length 256 + 5 */
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, L2TP_AVP_M, 0, L2TP_AVP_RANDOM_VECTOR, rv, 4);
	raw_avp(&w, L2TP_AVP_H, 0, L2TP_AVP_CALLED_NUMBER, enc, n);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_INVALID);
	enc[0] ^= 0x01;
	w = wr_init(b, sizeof(b));
	hello_body(&w);
	raw_avp(&w, L2TP_AVP_M, 0, L2TP_AVP_RANDOM_VECTOR, rv, 4);
	raw_avp(&w, L2TP_AVP_H, 0, L2TP_AVP_CALLED_NUMBER, enc, n);
	assert_int_equal(parse_body(b, w.len, &m, err), L2TP_PARSE_OK);
	assert_memory_equal(m.called_number.p, "12345", 5);
}

static void test_challenge_response(void **state)
{
	static const uint8_t chal[] = {0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02};
	uint8_t got[16], want[16];
	struct md5_ctx c;
	uint8_t id = L2TP_MSG_SCCRP;

	(void)state;
	md5_init(&c);
	md5_update(&c, 1, &id);
	md5_update(&c, SECRET.len, SECRET.p);
	md5_update(&c, sizeof(chal), chal);
	md5_digest(&c, 16, want);
	l2tp_challenge_response(L2TP_MSG_SCCRP, &SECRET, chal, sizeof(chal),
				got);
	assert_memory_equal(got, want, 16);
	/* The carrying message type matters: SCCCN (3) gives another. */
	l2tp_challenge_response(L2TP_MSG_SCCCN, &SECRET, chal, sizeof(chal),
				got);
	assert_memory_not_equal(got, want, 16);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(l2tp_msg_name(1), "SCCRQ");
	assert_string_equal(l2tp_msg_name(0), "ZLB");
	assert_string_equal(l2tp_msg_name(5), "Unknown");
	assert_string_equal(l2tp_avp_name(20), "Unknown");
	assert_string_equal(l2tp_avp_name(39), "Sequencing Required");
	assert_string_equal(l2tp_stopccn_result_name(4),
			    "Requester is not authorized to establish a "
			    "control channel");
	assert_string_equal(l2tp_cdn_result_name(8),
			    "Call failed due to detection of a busy signal");
	assert_string_equal(l2tp_error_name(8),
			    "Unknown mandatory AVP received");
	assert_string_equal(l2tp_error_name(9), "Unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_every_type),
		cmocka_unit_test(test_sccrq_bytes),
		cmocka_unit_test(test_missing_mandatory),
		cmocka_unit_test(test_unknown_avps),
		cmocka_unit_test(test_message_type_first),
		cmocka_unit_test(test_bad_lengths),
		cmocka_unit_test(test_result_code_lengths),
		cmocka_unit_test(test_header_flags),
		cmocka_unit_test(test_hidden_against_rfc),
		cmocka_unit_test(test_hidden_in_messages),
		cmocka_unit_test(test_hidden_before_rv_and_bad_inner),
		cmocka_unit_test(test_challenge_response),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
