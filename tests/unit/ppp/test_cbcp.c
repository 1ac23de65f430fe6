/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for CBCP ([MS-CBCP]): the codec (seed 001's octets, every
 * malformed shape), the IOS debug printer, and the answerer's state
 * machine replaying seed 001 on a fake clock (callback.md §2.6).  The
 * caller's tests are in test_cbcp_client.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cbcp_harness.h"

/* ---- codec --------------------------------------------------------------- */

static void test_parse_seed_packets(void **state)
{
	struct cbcp_pkt p;
	char err[96] = "";

	(void)state;
	assert_int_equal(cbcp_parse(cbh_seed_req20, sizeof(cbh_seed_req20), &p,
				    err, sizeof(err)),
			 0);
	assert_int_equal(p.code, CBCP_REQUEST);
	assert_int_equal(p.id, 20);
	assert_int_equal(p.nopts, 1);
	assert_int_equal(p.opts[0].type, CBCP_TYPE_USER);
	assert_true(p.opts[0].has_delay);
	assert_int_equal(p.opts[0].delay_s, 0);
	assert_int_equal(p.opts[0].naddrs, 1);
	assert_int_equal(p.opts[0].addrs[0].type, CBCP_ADDR_PSTN);
	assert_string_equal(p.opts[0].addrs[0].number, "");

	assert_int_equal(cbcp_parse(cbh_seed_resp20, sizeof(cbh_seed_resp20),
				    &p, err, sizeof(err)),
			 0);
	assert_int_equal(p.code, CBCP_RESPONSE);
	assert_int_equal(p.id, 20);
	assert_int_equal(p.nopts, 1);
	assert_int_equal(p.opts[0].type, CBCP_TYPE_USER);
	assert_int_equal(p.opts[0].delay_s, 15);
	assert_int_equal(p.opts[0].naddrs, 1);
	assert_int_equal(p.opts[0].addrs[0].type, CBCP_ADDR_PSTN);
	assert_string_equal(p.opts[0].addrs[0].number, "527-9651");

	assert_int_equal(cbcp_parse(cbh_seed_ack26, sizeof(cbh_seed_ack26), &p,
				    err, sizeof(err)),
			 0);
	assert_int_equal(p.code, CBCP_ACK);
	assert_int_equal(p.id, 26);
	assert_int_equal(p.opts[0].delay_s, 15);
	assert_string_equal(p.opts[0].addrs[0].number, "527-9651");
	assert_string_equal(err, "");
}

static struct cbcp_pkt seed_pkt(uint8_t code, uint8_t id, const char *num,
				uint8_t delay_s)
{
	struct cbcp_pkt p = {.code = code, .id = id, .nopts = 1};

	p.opts[0].type = CBCP_TYPE_USER;
	p.opts[0].has_delay = true;
	p.opts[0].delay_s = delay_s;
	p.opts[0].naddrs = 1;
	p.opts[0].addrs[0].type = CBCP_ADDR_PSTN;
	strcpy(p.opts[0].addrs[0].number, num);
	return p;
}

static void test_write_seed_packets(void **state)
{
	uint8_t buf[CBCP_ONE_OPT_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));
	/* The Request's number is ignored: it is always the empty template. */
	struct cbcp_pkt p = seed_pkt(CBCP_REQUEST, 20, "ignored", 0);

	(void)state;
	assert_true(cbcp_write(&w, &p));
	assert_int_equal(w.len, sizeof(cbh_seed_req20));
	assert_memory_equal(buf, cbh_seed_req20, sizeof(cbh_seed_req20));

	w = wr_init(buf, sizeof(buf));
	p = seed_pkt(CBCP_RESPONSE, 20, "527-9651", 15);
	assert_true(cbcp_write(&w, &p));
	assert_int_equal(w.len, sizeof(cbh_seed_resp20));
	assert_memory_equal(buf, cbh_seed_resp20, sizeof(cbh_seed_resp20));

	w = wr_init(buf, sizeof(buf));
	p = seed_pkt(CBCP_ACK, 26, "527-9651", 15);
	assert_true(cbcp_write(&w, &p));
	assert_int_equal(w.len, sizeof(cbh_seed_ack26));
	assert_memory_equal(buf, cbh_seed_ack26, sizeof(cbh_seed_ack26));
}

static void test_write_types_1_3_and_offer_list(void **state)
{
	static const uint8_t want[] = {0x01, 0x07, 0x00, 0x0E, 0x01,
				       0x02, 0x02, 0x05, 0x00, 0x01,
				       0x00, 0x03, 0x03, 0x00};
	uint8_t buf[64];
	struct wr w = wr_init(buf, sizeof(buf));
	struct cbcp_pkt p = {.code = CBCP_REQUEST, .id = 7, .nopts = 3};

	(void)state;
	/* Type 1 never gets a Delay, type 3 never an address, whatever the
	 * struct says. */
	p.opts[0].type = CBCP_TYPE_NONE;
	p.opts[0].has_delay = true;
	p.opts[0].delay_s = 9;
	p.opts[1].type = CBCP_TYPE_USER;
	p.opts[2].type = CBCP_TYPE_ADMIN;
	p.opts[2].naddrs = 1;
	strcpy(p.opts[2].addrs[0].number, "123");
	assert_true(cbcp_write(&w, &p));
	assert_int_equal(w.len, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
}

static void test_write_refuses_what_cannot_be_encoded(void **state)
{
	uint8_t buf[512];
	struct wr w = wr_init(buf, 10);
	struct cbcp_pkt p = seed_pkt(CBCP_RESPONSE, 1, "527-9651", 15);

	(void)state;
	/* Too small a buffer. */
	assert_false(cbcp_write(&w, &p));
	assert_false(wr_ok(&w));
	/* Four 64-digit numbers: 267 octets, more than Length can say. */
	w = wr_init(buf, sizeof(buf));
	p.opts[0].type = CBCP_TYPE_LIST;
	p.opts[0].naddrs = 4;
	for (int i = 0; i < 4; i++) {
		memset(p.opts[0].addrs[i].number, '7', CBCP_NUMBER_MAX);
		p.opts[0].addrs[i].number[CBCP_NUMBER_MAX] = '\0';
	}
	assert_false(cbcp_write(&w, &p));
	assert_false(wr_ok(&w));
	/* Three of them fit (201 octets). */
	w = wr_init(buf, sizeof(buf));
	p.opts[0].naddrs = 3;
	assert_true(cbcp_write(&w, &p));
	assert_int_equal(w.len, 4 + 3 + 3 * 66);
	/* An unterminated number, too many addresses, too many options. */
	w = wr_init(buf, sizeof(buf));
	memset(p.opts[0].addrs[0].number, '7', CBCP_NUMBER_MAX + 1);
	assert_false(cbcp_write(&w, &p));
	w = wr_init(buf, sizeof(buf));
	p.opts[0].addrs[0].number[0] = '\0';
	p.opts[0].naddrs = CBCP_ADDRS_MAX + 1;
	assert_false(cbcp_write(&w, &p));
	w = wr_init(buf, sizeof(buf));
	p.nopts = CBCP_OPTS_MAX + 1;
	assert_false(cbcp_write(&w, &p));
	assert_false(wr_ok(&w));
}

struct bad_case {
	const char *name;
	uint8_t b[80];
	size_t n;
	const char *reason;
};

static void test_parse_rejects_malformed(void **state)
{
	/* clang-format off */
	static const struct bad_case cases[] = {
		{"one octet", {1}, 1, "truncated header (1 octets)"},
		{"three octets", {1, 20, 0}, 3, "truncated header (3 octets)"},
		{"empty", {0}, 0, "truncated header (0 octets)"},
		{"length 3", {1, 20, 0, 3}, 4,
		 "length 3 shorter than the header"},
		{"length past buffer", {1, 20, 0, 10, 2, 5, 0, 1, 0}, 9,
		 "length 10 exceeds the 9 octets received"},
		{"option length 0", {1, 20, 0, 6, 2, 0}, 6,
		 "option 1 length 0 too short"},
		{"option length 1", {1, 20, 0, 6, 2, 1}, 6,
		 "option 1 length 1 too short"},
		{"type without length", {1, 20, 0, 5, 2}, 5,
		 "option 1 truncated after its type"},
		{"option past the end", {1, 20, 0, 7, 2, 5, 0}, 7,
		 "option 1 length 5 runs past the packet"},
		{"second option past the end",
		 {1, 20, 0, 9, 1, 2, 3, 4, 0},
		 9,
		 "option 2 length 4 runs past the packet"},
		{"number without NUL",
		 {2, 20, 0, 9, 2, 5, 15, 1, 0x35},
		 9,
		 "option 1: number not NUL-terminated"},
		{"address type without number", {2, 20, 0, 8, 2, 4, 15, 1}, 8,
		 "option 1: number not NUL-terminated"},
	};
	/* clang-format on */
	struct cbcp_pkt p;
	char err[96];

	(void)state;
	for (size_t i = 0; i < CBH_ARRAY_LEN(cases); i++) {
		err[0] = '\0';
		if (cbcp_parse(cases[i].b, cases[i].n, &p, err, sizeof(err)) !=
			    -1 ||
		    strcmp(err, cases[i].reason) != 0)
			fail_msg("%s: got \"%s\"", cases[i].name, err);
		/* No error buffer: same verdict, no crash. */
		assert_int_equal(
			cbcp_parse(cases[i].b, cases[i].n, &p, NULL, 0), -1);
	}
}

/* A type-2 Response whose number has n digits; returns the length. */
static size_t resp_with_number(uint8_t *b, size_t n)
{
	size_t len = 4 + 4 + n + 1;

	b[0] = CBCP_RESPONSE;
	b[1] = 1;
	b[2] = (uint8_t)(len >> 8);
	b[3] = (uint8_t)len;
	b[4] = CBCP_TYPE_USER;
	b[5] = (uint8_t)(4 + n + 1);
	b[6] = 15;
	b[7] = CBCP_ADDR_PSTN;
	memset(b + 8, '9', n);
	b[8 + n] = 0;
	return len;
}

static void test_parse_limits(void **state)
{
	uint8_t b[300];
	struct cbcp_pkt p;
	char err[96];
	size_t n;

	(void)state;
	n = resp_with_number(b, CBCP_NUMBER_MAX);
	assert_int_equal(cbcp_parse(b, n, &p, err, sizeof(err)), 0);
	assert_int_equal(strlen(p.opts[0].addrs[0].number), CBCP_NUMBER_MAX);
	n = resp_with_number(b, CBCP_NUMBER_MAX + 1);
	assert_int_equal(cbcp_parse(b, n, &p, err, sizeof(err)), -1);
	assert_string_equal(err, "option 1: number longer than 64 octets");

	/* Eight options parse, nine do not. */
	b[0] = CBCP_REQUEST;
	b[1] = 3;
	b[2] = 0;
	for (int i = 0; i < 9; i++) {
		b[4 + 2 * i] = CBCP_TYPE_NONE;
		b[5 + 2 * i] = 2;
	}
	b[3] = 4 + 16;
	assert_int_equal(cbcp_parse(b, 20, &p, err, sizeof(err)), 0);
	assert_int_equal(p.nopts, CBCP_OPTS_MAX);
	b[3] = 4 + 18;
	assert_int_equal(cbcp_parse(b, 22, &p, err, sizeof(err)), -1);
	assert_string_equal(err, "more than 8 options");

	/* Type 4 with four addresses parses, five do not. */
	b[0] = CBCP_RESPONSE;
	b[4] = CBCP_TYPE_LIST;
	b[6] = 0;
	for (int i = 0; i < 5; i++) {
		b[7 + 3 * i] = CBCP_ADDR_PSTN;
		b[8 + 3 * i] = '1' + i;
		b[9 + 3 * i] = 0;
	}
	b[5] = 3 + 12;
	b[3] = 4 + 15;
	assert_int_equal(cbcp_parse(b, 19, &p, err, sizeof(err)), 0);
	assert_int_equal(p.opts[0].naddrs, 4);
	assert_string_equal(p.opts[0].addrs[3].number, "4");
	b[5] = 3 + 15;
	b[3] = 4 + 18;
	assert_int_equal(cbcp_parse(b, 22, &p, err, sizeof(err)), -1);
	assert_string_equal(err, "option 1: more than 4 addresses");
}

static void test_parse_padding_unknown_and_tolerated(void **state)
{
	uint8_t b[32];
	struct cbcp_pkt p;
	char err[96];

	(void)state;
	/* Octets after Length are padding (RFC 1661 §5). */
	memcpy(b, cbh_seed_req20, sizeof(cbh_seed_req20));
	memset(b + sizeof(cbh_seed_req20), 0xEE, 5);
	assert_int_equal(
		cbcp_parse(b, sizeof(cbh_seed_req20) + 5, &p, err, sizeof(err)),
		0);
	assert_int_equal(p.nopts, 1);
	/* Unknown codes and types parse: the caller decides.  An unknown
	 * type's body after the Delay is opaque. */
	static const uint8_t odd[] = {9, 1, 0, 11, 7, 5, 3, 0xFF, 0xFE, 3, 2};
	assert_int_equal(cbcp_parse(odd, sizeof(odd), &p, err, sizeof(err)), 0);
	assert_int_equal(p.code, 9);
	assert_int_equal(p.nopts, 2);
	assert_int_equal(p.opts[0].type, 7);
	assert_int_equal(p.opts[0].delay_s, 3);
	assert_int_equal(p.opts[0].naddrs, 0);
	assert_false(p.opts[1].has_delay);
	/* A type 3 with an address (FreeBSD tolerates it): address ignored. */
	static const uint8_t t3[] = {2, 1, 0, 10, 3, 6, 5, 1, '1', 0};
	assert_int_equal(cbcp_parse(t3, sizeof(t3), &p, err, sizeof(err)), 0);
	assert_int_equal(p.opts[0].delay_s, 5);
	assert_int_equal(p.opts[0].naddrs, 0);
	/* A header alone is a packet without options. */
	static const uint8_t bare[] = {3, 1, 0, 4};
	assert_int_equal(cbcp_parse(bare, sizeof(bare), &p, err, sizeof(err)),
			 0);
	assert_int_equal(p.nopts, 0);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(cbcp_code_name(1), "Request");
	assert_string_equal(cbcp_code_name(2), "Response");
	assert_string_equal(cbcp_code_name(3), "Ack");
	assert_string_equal(cbcp_code_name(0), "?");
	assert_string_equal(cbcp_code_name(4), "?");
	assert_string_equal(cbcp_code_name(255), "?");
	assert_string_equal(cbcp_type_name(1), "No-Callback");
	assert_string_equal(cbcp_type_name(2), "Client-Num");
	assert_string_equal(cbcp_type_name(3), "Server-Num");
	assert_string_equal(cbcp_type_name(4), "Server-List");
	assert_string_equal(cbcp_type_name(0), "Unknown");
	assert_string_equal(cbcp_type_name(200), "Unknown");
	assert_string_equal(cbcp_state_name(CBCP_ST_WAIT_RESPONSE),
			    "WAIT_RESPONSE");
	assert_string_equal(cbcp_state_name(CBCP_ST_FAILED), "FAILED");
	assert_string_equal(cbcp_state_name(CBCP_ST__COUNT), "?");
}

/* ---- printer ------------------------------------------------------------- */

static void test_print_seed_lines_and_gating(void **state)
{
	static const char *const want[] = {
		"Async4 PPP: O MCB Request(1) id 20 len 9",
		"Async4 MCB: O 1 14 0 9 2 5 0 1 0",
		"As4 MCB: O Request Id 20 Callback Type Client-Num delay 0",
		"Async4 PPP: I MCB Response(2) id 20 len 17",
		"Async4 MCB: I 2 14 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
		"Async4 PPP: O MCB Ack(3) id 26 len 17",
		"Async4 MCB: O 3 1A 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
		"As4 MCB: O Ack Id 26 Callback Type Client-Num delay 15",
		"Async4 PPP: O MCB Response(2) id 20 len 17",
		"Async4 MCB: O 2 14 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
		"As4 MCB: O Response Id 20 Callback Type Client-Num delay 15, "
		"addr 1-527-9651",
	};
	struct logger *lg = &cbh_fl.lg;

	(void)state;
	/* Seed 001 shows these with only `debug ppp negotiation` on. */
	lg->debug = (uint64_t)1 << DBG_PPP_NEGOTIATION;
	cbcp_print(lg, "Async4", "As4", true, cbh_seed_req20,
		   sizeof(cbh_seed_req20));
	cbcp_print(lg, "Async4", "As4", false, cbh_seed_resp20,
		   sizeof(cbh_seed_resp20));
	/* `debug ppp cbcp` alone prints them too. */
	lg->debug = (uint64_t)1 << DBG_PPP_CBCP;
	cbcp_print(lg, "Async4", "As4", true, cbh_seed_ack26,
		   sizeof(cbh_seed_ack26));
	cbcp_print(lg, "Async4", "As4", true, cbh_seed_resp20,
		   sizeof(cbh_seed_resp20));
	cbh_expect_lines("As4", "Async4", want, CBH_ARRAY_LEN(want));
	/* Neither switch: silence, whatever else is on. */
	fake_log_clear(&cbh_fl);
	lg->debug = ~((uint64_t)1 << DBG_PPP_CBCP |
		      (uint64_t)1 << DBG_PPP_NEGOTIATION);
	cbcp_print(lg, "Async4", "As4", true, cbh_seed_req20,
		   sizeof(cbh_seed_req20));
	assert_int_equal(cbh_fl.n, 0);
}

static void test_print_odd_packets(void **state)
{
	static const uint8_t offer[] = {1, 7, 0, 14, 1, 2, 2,
					5, 0, 1, 0,  3, 3, 0};
	static const uint8_t unknown[] = {9, 1, 0, 6, 0x20, 2, 0xAA};
	static const uint8_t bad[] = {2, 5, 0, 9, 2, 5, 0xF, 1, 0x35};
	uint8_t big[40];

	(void)state;
	cbcp_print(&cbh_fl.lg, "Async4", "As4", true, offer, sizeof(offer));
	cbcp_print(&cbh_fl.lg, "Async4", "As4", false, (const uint8_t *)"\1\2",
		   2);
	cbcp_print(&cbh_fl.lg, "Async4", "As4", false, unknown,
		   sizeof(unknown));
	cbcp_print(&cbh_fl.lg, "Async4", "As4", false, bad, sizeof(bad));
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)i;
	big[0] = 9;
	big[2] = 0;
	big[3] = sizeof(big);
	cbcp_print(&cbh_fl.lg, "Async4", "As4", false, big, sizeof(big));
	static const char *const want[] = {
		"Async4 PPP: O MCB Request(1) id 7 len 14",
		"Async4 MCB: O 1 7 0 E 1 2 2 5 0 1 0 3 3 0",
		"As4 MCB: O Request Id 7 Callback Type No-Callback",
		"As4 MCB: O Request Id 7 Callback Type Client-Num delay 0",
		"As4 MCB: O Request Id 7 Callback Type Server-Num delay 0",
		"Async4 PPP: I MCB short packet, 2 octets",
		"Async4 MCB: I 1 2",
		/* Padding (the 7th octet) is not shown; unknown code: no
		 * summary. */
		"Async4 PPP: I MCB ?(9) id 1 len 6",
		"Async4 MCB: I 9 1 0 6 20 2",
		/* Malformed: the two lines, no summary. */
		"Async4 PPP: I MCB Response(2) id 5 len 9",
		"Async4 MCB: I 2 5 0 9 2 5 F 1 35",
		"Async4 PPP: I MCB ?(9) id 1 len 40",
		"Async4 MCB: I 9 1 0 28 4 5 6 7 8 9 A B C D E F 10 11 12 13 "
		"14 15 16 17 18 19 1A 1B 1C 1D 1E 1F",
		"Async4 MCB: I 20 21 22 23 24 25 26 27",
	};
	cbh_expect_lines("As4", "Async4", want, CBH_ARRAY_LEN(want));
}

static void test_print_sanitises_numbers(void **state)
{
	static const uint8_t resp[] = {2, 1, 0, 10, 2, 6, 0, 1, '\n', 0};

	(void)state;
	cbcp_print(&cbh_fl.lg, "Async1", "As1", true, resp, sizeof(resp));
	assert_true(fake_log_has(&cbh_fl, "As1 MCB: O Response Id 1 Callback "
					  "Type Client-Num delay 0, addr 1-."));
}

/* ---- answerer ------------------------------------------------------------ */

/* Seed 001 from the answerer's side, times relative to 01:25:20.243. */
static void run_seed_server(enum cbcp_ack_id mode)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	cfg.ack_id = mode;
	cbh_init_server(&cfg);
	assert_int_equal(s->c.state, CBCP_ST_IDLE);
	cbcp_start(&s->c);
	assert_int_equal(s->c.state, CBCP_ST_WAIT_RESPONSE);
	assert_int_equal(s->nsent, 1);
	cbh_expect_sent(s, 0, cbh_seed_req20, sizeof(cbh_seed_req20));
	/* One new Request every 2 s, a new Identifier each time. */
	for (uint8_t k = 1; k <= 4; k++) {
		cbh_at(2000u * k - 1);
		assert_int_equal(s->nsent, k);
		cbh_at(2000u * k);
		assert_int_equal(s->nsent, k + 1u);
		assert_int_equal(s->sent[k][1], 20 + k);
		assert_memory_equal(s->sent[k] + 2, cbh_seed_req20 + 2, 7);
	}
	/* 29.763: Windows answers Request 20, which is stale. */
	cbh_at(9520);
	cbh_feed(s, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	assert_int_equal(s->nsent, 5);
	assert_int_equal(s->c.state, CBCP_ST_WAIT_RESPONSE);
	assert_int_equal(s->done_calls, 0);
	/* 30.627: Request 25; 30.715: its answer from Windows' cache. */
	cbh_at(10000);
	assert_int_equal(s->nsent, 6);
	assert_int_equal(s->sent[5][1], 25);
	cbh_at(10088);
	cbh_feed(s, cbh_seed_resp25, sizeof(cbh_seed_resp25));
	assert_int_equal(s->nsent, 7);
	assert_int_equal(s->c.state, CBCP_ST_DONE);
	assert_false(timer_armed(&s->c.timer));
	assert_int_equal(s->done_calls, 1);
	assert_true(s->res.ok);
	assert_int_equal(s->res.type, CBCP_TYPE_USER);
	assert_int_equal(s->res.delay_s, 15);
	assert_string_equal(s->res.number, "527-9651");
	/* Nothing more, however long we wait. */
	cbh_at(100000);
	assert_int_equal(s->nsent, 7);
	assert_int_equal(s->done_calls, 1);
}

static void test_server_seed_001(void **state)
{
	(void)state;
	run_seed_server(CBCP_ACKID_NEXT);
	cbh_expect_sent(&cbh_srv, 6, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	assert_int_equal(cbcp_next_id(&cbh_srv.c), 27);
	cbh_expect_lines("As4", "Async4", cbh_seed_server_lines,
			 CBH_SEED_SERVER_NLINES);
}

static void test_server_seed_001_ack_echo(void **state)
{
	const char *lines[CBH_SEED_SERVER_NLINES];
	size_t n = CBH_SEED_SERVER_NLINES;

	(void)state;
	run_seed_server(CBCP_ACKID_ECHO);
	/* [MS-CBCP] 2.2.4.3: the Ack carries the Response's Identifier. */
	CBH_EXPECT_SENT(&cbh_srv, 6, 0x03, 0x19, 0x00, 0x11, 0x02, 0x0D, 0x0F,
			0x01, 0x35, 0x32, 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31,
			0x00);
	assert_int_equal(cbcp_next_id(&cbh_srv.c), 26);
	memcpy(lines, cbh_seed_server_lines, sizeof(lines));
	lines[n - 4] = "Async4 PPP: O MCB Ack(3) id 25 len 17";
	lines[n - 3] = "Async4 MCB: O 3 19 0 11 2 D F 1 35 32 37 2D 39 36 "
		       "35 31 0";
	lines[n - 2] = "As4 MCB: O Ack Id 25 Callback Type Client-Num delay 15";
	cbh_expect_lines("As4", "Async4", lines, n);
}

static void test_server_type3_admin_number(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cfg.offer_user = false;
	cfg.offer_admin = true;
	strcpy(cfg.admin_number, "555-0100");
	cfg.first_id = 1;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	CBH_EXPECT_SENT(s, 0, 0x01, 0x01, 0x00, 0x07, 0x03, 0x03, 0x00);
	CBH_FEED(s, 0x02, 0x01, 0x00, 0x07, 0x03, 0x03, 0x0A);
	CBH_EXPECT_SENT(s, 1, 0x03, 0x02, 0x00, 0x07, 0x03, 0x03, 0x0A);
	assert_int_equal(s->c.state, CBCP_ST_DONE);
	assert_int_equal(s->done_calls, 1);
	assert_true(s->res.ok);
	assert_int_equal(s->res.type, CBCP_TYPE_ADMIN);
	assert_int_equal(s->res.delay_s, 10);
	assert_string_equal(s->res.number, "555-0100");
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: User callmeback Callback "
					  "Number - 555-0100"));
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Response CBK-Server-Num "
					  "3 3 10"));
}

static void test_server_optional_callback_type1(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cfg.offer_none = true;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	CBH_EXPECT_SENT(s, 0, 0x01, 0x14, 0x00, 0x0B, 0x01, 0x02, 0x02, 0x05,
			0x00, 0x01, 0x00);
	CBH_FEED(s, 0x02, 0x14, 0x00, 0x06, 0x01, 0x02);
	CBH_EXPECT_SENT(s, 1, 0x03, 0x15, 0x00, 0x06, 0x01, 0x02);
	assert_int_equal(s->c.state, CBCP_ST_DONE);
	assert_true(s->res.ok);
	assert_int_equal(s->res.type, CBCP_TYPE_NONE);
	assert_int_equal(s->res.delay_s, 0);
	assert_string_equal(s->res.number, "");
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Response CBK-No-Callback "
					  "1 2"));
}

static void test_server_none_only_user_line(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();

	(void)state;
	cfg.offer_user = false;
	cfg.offer_none = true;
	cbh_init_server(&cfg);
	cbcp_start(&cbh_srv.c);
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: User callmeback Callback "
					  "Number - none"));
	CBH_EXPECT_SENT(&cbh_srv, 0, 0x01, 0x14, 0x00, 0x06, 0x01, 0x02);
}

/* Feed a Response to the Request with id 20; expect a new Request 21 at
 * once, a fresh timer and the reason in the log. */
static void expect_refused(const uint8_t *resp, size_t len, const char *why)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	fake_log_clear(&cbh_fl);
	memset(s, 0, sizeof(*s));
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	cbh_at(timers_now(&cbh_ts) + 500);
	cbh_feed(s, resp, len);
	if (s->nsent != 2 || !fake_log_has(&cbh_fl, why)) {
		fake_log_dump(&cbh_fl);
		fail_msg("no new Request or no \"%s\"", why);
	}
	assert_int_equal(s->sent[1][0], CBCP_REQUEST);
	assert_int_equal(s->sent[1][1], 21);
	assert_int_equal(s->c.state, CBCP_ST_WAIT_RESPONSE);
	assert_int_equal(timer_remaining_ms(&s->c.timer), 2000);
	assert_int_equal(s->done_calls, 0);
	cbcp_stop(&s->c);
}

static void test_server_refuses_bad_responses(void **state)
{
	static const uint8_t type3[] = {2, 20, 0, 7, 3, 3, 15};
	static const uint8_t type1[] = {2, 20, 0, 6, 1, 2};
	static const uint8_t no_addr[] = {2, 20, 0, 7, 2, 3, 15};
	static const uint8_t empty[] = {2, 20, 0, 9, 2, 5, 15, 1, 0};
	static const uint8_t addr2[] = {2, 20, 0, 10, 2, 6, 15, 2, '5', 0};
	static const uint8_t ctrl[] = {2, 20, 0, 11, 2, 7, 15, 1, '5', 1, 0};
	static const uint8_t two[] = {2, 20, 0, 11, 2, 5, 15, 1, 0, 1, 2};
	static const uint8_t none[] = {2, 20, 0, 4};
	static const uint8_t broken[] = {2, 20, 0, 9, 2, 5, 15, 1, '5'};
	static const uint8_t type4[] = {2, 20, 0, 10, 4, 6, 15, 1, '5', 0};

	(void)state;
	expect_refused(type3, sizeof(type3),
		       "As4 MCB: Response refused: callback type 3 "
		       "(Server-Num) not offered");
	expect_refused(type1, sizeof(type1),
		       "As4 MCB: Response refused: callback type 1 "
		       "(No-Callback) not offered");
	expect_refused(type4, sizeof(type4),
		       "callback type 4 (Server-List) not offered");
	expect_refused(no_addr, sizeof(no_addr),
		       "As4 MCB: Response refused: no callback number");
	expect_refused(empty, sizeof(empty),
		       "As4 MCB: Response refused: no callback number");
	expect_refused(addr2, sizeof(addr2),
		       "As4 MCB: Response refused: address type 2 not "
		       "supported");
	expect_refused(ctrl, sizeof(ctrl),
		       "callback number has non-printable characters");
	expect_refused(two, sizeof(two),
		       "As4 MCB: bad packet: response carries 2 options, "
		       "not one");
	expect_refused(none, sizeof(none),
		       "As4 MCB: bad packet: response carries 0 options, "
		       "not one");
	expect_refused(broken, sizeof(broken),
		       "As4 MCB: bad packet: option 1: number not "
		       "NUL-terminated");
	assert_int_equal(cbh_count("bad packet"), 1);
}

static void test_server_malformed_stale_response_dropped(void **state)
{
	static const uint8_t broken19[] = {2, 19, 0, 9, 2, 5, 15, 1, '5'};
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	cbh_feed(s, broken19, sizeof(broken19));
	CBH_FEED(s, 2);
	assert_int_equal(s->nsent, 1);
	assert_int_equal(s->c.state, CBCP_ST_WAIT_RESPONSE);
	assert_int_equal(cbh_count("bad packet"), 2);
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: bad packet: truncated "
					  "header (1 octets)"));
	assert_true(fake_log_has(&cbh_fl, "Resp ignored. ID Expected 20, got "
					  "id 19"));
}

static void test_server_gives_up(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cfg.max_requests = 3;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	cbh_at(4000);
	assert_int_equal(s->nsent, 3);
	assert_int_equal(s->c.state, CBCP_ST_WAIT_RESPONSE);
	cbh_at(5999);
	assert_int_equal(s->done_calls, 0);
	cbh_at(6000);
	assert_int_equal(s->nsent, 3);
	assert_int_equal(s->c.state, CBCP_ST_FAILED);
	assert_false(timer_armed(&s->c.timer));
	assert_int_equal(s->done_calls, 1);
	assert_false(s->res.ok);
	assert_string_equal(s->res.reason, "no response from the peer");
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Callback negotiation "
					  "failed: no response from the "
					  "peer"));
	assert_int_equal(cbh_count("Timeout in state WAIT_RESPONSE"), 3);
	/* A late answer changes nothing. */
	CBH_FEED(s, 0x02, 0x16, 0x00, 0x11, 0x02, 0x0D, 0x0F, 0x01, 0x35, 0x32,
		 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31, 0x00);
	cbh_at(60000);
	assert_int_equal(s->nsent, 3);
	assert_int_equal(s->done_calls, 1);
	assert_int_equal(s->c.state, CBCP_ST_FAILED);
}

static void test_server_default_limits(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cfg.retry_ms = 0;
	cfg.max_requests = 0;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	assert_int_equal(timer_remaining_ms(&s->c.timer), 2000);
	cbh_at(58000);
	assert_int_equal(s->nsent, 30);
	assert_int_equal(s->done_calls, 0);
	cbh_at(60000);
	assert_int_equal(s->c.state, CBCP_ST_FAILED);
}

static void test_server_repeats_lost_ack(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cfg.first_id = 25;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	cbh_feed(s, cbh_seed_resp25, sizeof(cbh_seed_resp25));
	assert_int_equal(s->nsent, 2);
	cbh_expect_sent(s, 1, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	/* The caller lost the Ack and repeats its Response. */
	cbh_at(2000);
	cbh_feed(s, cbh_seed_resp25, sizeof(cbh_seed_resp25));
	assert_int_equal(s->nsent, 3);
	cbh_expect_sent(s, 2, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	assert_int_equal(s->done_calls, 1);
	assert_int_equal(s->c.state, CBCP_ST_DONE);
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Ack lost, sending it "
					  "again"));
	/* Another Identifier: dropped. */
	cbh_feed(s, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	assert_int_equal(s->nsent, 3);
	/* Requests, Acks and garbage after the Ack: dropped. */
	cbh_feed(s, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbh_feed(s, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	CBH_FEED(s, 2, 25, 0, 3);
	assert_int_equal(s->nsent, 3);
	assert_int_equal(s->done_calls, 1);
	assert_false(timer_armed(&s->c.timer));
}

/* With CBCP_ACKID_ECHO the Ack's predecessor is the Request before the
 * accepted one: a late Response to it also gets the Ack again. */
static void test_server_echo_repeats_ack_for_predecessor(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cfg.first_id = 24;
	cfg.ack_id = CBCP_ACKID_ECHO;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	cbh_at(2000);
	assert_int_equal(s->sent[1][1], 25);
	cbh_feed(s, cbh_seed_resp25, sizeof(cbh_seed_resp25));
	assert_int_equal(s->nsent, 3);
	assert_int_equal(s->sent[2][0], CBCP_ACK);
	assert_int_equal(s->sent[2][1], 25);
	CBH_FEED(s, 0x02, 0x18, 0x00, 0x11, 0x02, 0x0D, 0x0F, 0x01, 0x35, 0x32,
		 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31, 0x00);
	assert_int_equal(s->nsent, 4);
	cbh_expect_sent(s, 3, s->sent[2], s->sent_len[2]);
	CBH_FEED(s, 0x02, 0x17, 0x00, 0x11, 0x02, 0x0D, 0x0F, 0x01, 0x35, 0x32,
		 0x37, 0x2D, 0x39, 0x36, 0x35, 0x31, 0x00);
	assert_int_equal(s->nsent, 4);
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Resp ignored. ID Expected "
					  "25, got id 23"));
	assert_int_equal(s->done_calls, 1);
}

static void test_server_drops_request_and_ack(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cbh_init_server(&cfg);
	cbcp_start(&s->c);
	cbh_feed(s, cbh_seed_req20, sizeof(cbh_seed_req20));
	cbh_feed(s, cbh_seed_ack26, sizeof(cbh_seed_ack26));
	CBH_FEED(s, 7, 20, 0, 4);
	assert_int_equal(s->nsent, 1);
	assert_int_equal(s->c.state, CBCP_ST_WAIT_RESPONSE);
	assert_int_equal(timer_remaining_ms(&s->c.timer), 2000);
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Request ignored: the peer "
					  "must answer, not ask"));
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Ack ignored: the peer "
					  "must answer, not ask"));
	assert_true(fake_log_has(&cbh_fl, "As4 MCB: Unknown code 7 ignored"));
}

static void test_server_nothing_to_offer(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();

	(void)state;
	cfg.offer_user = false;
	cbh_init_server(&cfg);
	cbcp_start(&cbh_srv.c);
	assert_int_equal(cbh_srv.nsent, 0);
	assert_int_equal(cbh_srv.c.state, CBCP_ST_FAILED);
	assert_int_equal(cbh_srv.done_calls, 1);
	assert_string_equal(cbh_srv.res.reason, "no callback type to offer");
}

static void test_server_id_wraps_and_stop(void **state)
{
	struct cbcp_server_cfg cfg = cbh_seed_scfg();
	struct cbh_end *s = &cbh_srv;

	(void)state;
	cfg.first_id = 255;
	cbh_init_server(&cfg);
	/* Nothing happens before start. */
	cbh_feed(s, cbh_seed_resp20, sizeof(cbh_seed_resp20));
	assert_int_equal(s->nsent, 0);
	assert_int_equal(cbcp_next_id(&s->c), 255);
	cbcp_start(&s->c);
	cbh_at(2000);
	assert_int_equal(s->sent[0][1], 255);
	assert_int_equal(s->sent[1][1], 0);
	assert_int_equal(cbcp_next_id(&s->c), 1);
	cbcp_stop(&s->c);
	assert_int_equal(s->c.state, CBCP_ST_IDLE);
	assert_false(timer_armed(&s->c.timer));
	CBH_FEED(s, 2, 0, 0, 17, 2, 13, 15, 1, '5', '2', '7', '-', '9', '6',
		 '5', '1', 0);
	cbh_at(10000);
	assert_int_equal(s->nsent, 2);
	assert_int_equal(s->done_calls, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, cbh_setup, cbh_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_parse_seed_packets),
		T(test_write_seed_packets),
		T(test_write_types_1_3_and_offer_list),
		T(test_write_refuses_what_cannot_be_encoded),
		T(test_parse_rejects_malformed),
		T(test_parse_limits),
		T(test_parse_padding_unknown_and_tolerated),
		T(test_names),
		T(test_print_seed_lines_and_gating),
		T(test_print_odd_packets),
		T(test_print_sanitises_numbers),
		T(test_server_seed_001),
		T(test_server_seed_001_ack_echo),
		T(test_server_type3_admin_number),
		T(test_server_optional_callback_type1),
		T(test_server_none_only_user_line),
		T(test_server_refuses_bad_responses),
		T(test_server_malformed_stale_response_dropped),
		T(test_server_gives_up),
		T(test_server_default_limits),
		T(test_server_repeats_lost_ack),
		T(test_server_echo_repeats_ack_for_predecessor),
		T(test_server_drops_request_and_ack),
		T(test_server_nothing_to_offer),
		T(test_server_id_wraps_and_stop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
