/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for cli/vty_proto: the CLI socket record codec
 * (doc/vty-protocol.md).  Every record type round-trips, the decoder is fed
 * one octet at a time and many records at once, oversize and unknown types
 * are refused, zero-length payloads are delivered, 'E' payloads validated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "strbuf.h"
#include "vty_proto.h"
#include "wr.h"

/* Every record the callback saw, concatenated as "T<len>:payload|". */
struct seen {
	struct strbuf log;
	size_t count;
	int stop_after; /* return -1234 after this many records (0: never) */
};

static int seen_cb(void *ctx, uint8_t type, const uint8_t *payload, size_t len)
{
	struct seen *seen = ctx;

	assert_non_null(payload);
	sb_printf(&seen->log, "%c%zu:", type, len);
	sb_putn(&seen->log, (const char *)payload, len);
	sb_puts(&seen->log, "|");
	seen->count++;
	if (seen->stop_after && seen->count == (size_t)seen->stop_after)
		return -1234;
	return 0;
}

static const uint8_t all_types[] = {'X', 'H', 'C', 'P', 'O', 'M', 'L', 'E'};

static void test_header_bytes(void **state)
{
	uint8_t buf[32];
	struct wr w = wr_init(buf, sizeof(buf));
	const uint8_t want[] = {'X', 0, 0, 0, 4, 's', 'h', 'o', 'w'};

	(void)state;
	assert_int_equal(vty_proto_put(&w, VTY_REC_EXEC, "show", 4), 0);
	assert_int_equal(w.len, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
}

static void test_end_record_bytes(void **state)
{
	uint8_t buf[64];
	struct wr w = wr_init(buf, sizeof(buf));
	const char prompt[] = "isdn2-2(config-if)#";
	uint8_t want[5 + 1 + sizeof(prompt) - 1] = {'E', 0, 0, 0, 20, '2'};

	(void)state;
	memcpy(want + 6, prompt, sizeof(prompt) - 1);
	assert_int_equal(vty_proto_put_end(&w, VTY_STATUS_PASSWORD, prompt,
					   strlen(prompt)),
			 0);
	assert_int_equal(w.len, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
}

static void test_roundtrip_every_type(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;
	char payload[16];

	(void)state;
	for (size_t i = 0; i < sizeof(all_types); i++) {
		snprintf(payload, sizeof(payload), "p%c%zu", all_types[i], i);
		assert_int_equal(vty_proto_put_sb(&sb, all_types[i], payload,
						  strlen(payload)),
				 0);
	}
	vty_proto_rx_init(&rx, VTY_PROTO_ANY);
	assert_int_equal(vty_proto_feed(&rx, sb.s, sb.len, seen_cb, &seen), 0);
	assert_int_equal(seen.count, sizeof(all_types));
	assert_string_equal(sb_str(&seen.log),
			    "X3:pX0|H3:pH1|C3:pC2|P3:pP3|O3:pO4|M3:pM5|"
			    "L3:pL6|E3:pE7|");
	assert_false(vty_proto_rx_pending(&rx));
	vty_proto_rx_free(&rx);
	sb_free(&sb);
	sb_free(&seen.log);
}

static void test_wr_and_sb_encoders_agree(void **state)
{
	uint8_t buf[64];
	struct wr w = wr_init(buf, sizeof(buf));
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(vty_proto_put(&w, 'O', "a\0b", 3), 0);
	assert_int_equal(vty_proto_put_end(&w, '0', "R1#", 3), 0);
	assert_int_equal(vty_proto_put_sb(&sb, 'O', "a\0b", 3), 0);
	assert_int_equal(vty_proto_put_end_sb(&sb, '0', "R1#", 3), 0);
	assert_int_equal(sb.len, w.len);
	assert_memory_equal(sb.s, buf, w.len);
	sb_free(&sb);
}

static void test_one_octet_at_a_time(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;

	(void)state;
	vty_proto_put_end_sb(&sb, '0', "Router>", 7);
	vty_proto_put_sb(&sb, 'O', "Interface Async1\r\n", 18);
	vty_proto_put_sb(&sb, 'M', "", 0);
	vty_proto_put_sb(&sb, 'L', "show ", 5);
	vty_proto_put_end_sb(&sb, '1', "Router#", 7);
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_SERVER);
	assert_int_equal(sb.len, 64);
	for (size_t i = 0; i < sb.len; i++) {
		/* Record boundaries: 13, 36, 41, 51 and 64 octets. */
		bool boundary = i + 1 == 13 || i + 1 == 36 || i + 1 == 41 ||
				i + 1 == 51 || i + 1 == 64;

		assert_int_equal(
			vty_proto_feed(&rx, sb.s + i, 1, seen_cb, &seen), 0);
		/* Nothing is delivered before its last octet arrives. */
		if (i + 1 == 12)
			assert_int_equal(seen.count, 0);
		if (i + 1 == 13)
			assert_int_equal(seen.count, 1);
		assert_int_equal(vty_proto_rx_pending(&rx), !boundary);
	}
	assert_int_equal(seen.count, 5);
	assert_string_equal(sb_str(&seen.log),
			    "E8:0Router>|O18:Interface Async1\r\n|M0:|"
			    "L5:show |E8:1Router#|");
	vty_proto_rx_free(&rx);
	sb_free(&sb);
	sb_free(&seen.log);
}

static void test_every_split_point(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	vty_proto_put_sb(&sb, 'X', "show interfaces Async1", 22);
	vty_proto_put_sb(&sb, 'H', "", 0);
	vty_proto_put_sb(&sb, 'C', "sh", 2);
	vty_proto_put_sb(&sb, 'P', "secret", 6);
	for (size_t a = 0; a <= sb.len; a++) {
		for (size_t b = a; b <= sb.len; b++) {
			struct seen seen = {STRBUF_INIT, 0, 0};
			struct vty_proto_rx rx;

			vty_proto_rx_init(&rx, VTY_PROTO_FROM_CLIENT);
			assert_int_equal(
				vty_proto_feed(&rx, sb.s, a, seen_cb, &seen),
				0);
			assert_int_equal(vty_proto_feed(&rx, sb.s + a, b - a,
							seen_cb, &seen),
					 0);
			assert_int_equal(vty_proto_feed(&rx, sb.s + b,
							sb.len - b, seen_cb,
							&seen),
					 0);
			assert_string_equal(sb_str(&seen.log),
					    "X22:show interfaces Async1|H0:|"
					    "C2:sh|P6:secret|");
			vty_proto_rx_free(&rx);
			sb_free(&seen.log);
		}
	}
	sb_free(&sb);
}

static void test_many_records_one_chunk(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;
	char line[32];
	struct strbuf want = STRBUF_INIT;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(line, sizeof(line), "line %d\n", i);

		vty_proto_put_sb(&sb, 'O', line, (size_t)n);
		sb_printf(&want, "O%d:%s|", n, line);
	}
	vty_proto_put_end_sb(&sb, '0', "R#", 2);
	sb_puts(&want, "E3:0R#|");
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_SERVER);
	assert_int_equal(vty_proto_feed(&rx, sb.s, sb.len, seen_cb, &seen), 0);
	assert_int_equal(seen.count, 1001);
	assert_string_equal(sb_str(&seen.log), sb_str(&want));
	vty_proto_rx_free(&rx);
	sb_free(&sb);
	sb_free(&want);
	sb_free(&seen.log);
}

static void test_zero_length_payloads(void **state)
{
	const uint8_t wire[] = {'O', 0, 0,   0, 0, 'M', 0, 0,
				0,   0, 'L', 0, 0, 0,	0};
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;
	uint8_t buf[8];
	struct wr w = wr_init(buf, sizeof(buf));

	(void)state;
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_SERVER);
	assert_int_equal(
		vty_proto_feed(&rx, wire, sizeof(wire), seen_cb, &seen), 0);
	assert_string_equal(sb_str(&seen.log), "O0:|M0:|L0:|");
	/* A zero-length record cut after its header is complete. */
	assert_int_equal(vty_proto_feed(&rx, wire, 5, seen_cb, &seen), 0);
	assert_int_equal(seen.count, 4);
	assert_false(vty_proto_rx_pending(&rx));
	/* NULL data is fine with len 0. */
	assert_int_equal(vty_proto_put(&w, 'H', NULL, 0), 0);
	assert_int_equal(w.len, 5);
	assert_memory_equal(buf, ((const uint8_t[]){'H', 0, 0, 0, 0}), 5);
	vty_proto_rx_free(&rx);
	sb_free(&seen.log);
}

static void test_max_payload_accepted(void **state)
{
	const size_t n = VTY_PROTO_MAX_PAYLOAD;
	char *big = malloc(n);
	struct strbuf sb = STRBUF_INIT;
	struct vty_proto_rx rx;
	struct seen seen = {STRBUF_INIT, 0, 0};

	(void)state;
	assert_non_null(big);
	memset(big, 'x', n);
	assert_int_equal(vty_proto_put_sb(&sb, 'O', big, n), 0);
	assert_int_equal(sb.len, n + 5);
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_SERVER);
	/* Split so the payload goes through the reassembly buffer. */
	assert_int_equal(vty_proto_feed(&rx, sb.s, 1000, seen_cb, &seen), 0);
	assert_int_equal(seen.count, 0);
	assert_int_equal(
		vty_proto_feed(&rx, sb.s + 1000, sb.len - 1000, seen_cb, &seen),
		0);
	assert_int_equal(seen.count, 1);
	assert_int_equal(seen.log.len, strlen("O1048576:") + n + 1);
	/* The big buffer is not kept once the record is delivered. */
	assert_null(rx.buf);
	vty_proto_rx_free(&rx);
	sb_free(&sb);
	sb_free(&seen.log);
	free(big);
}

static void test_oversize_rejected(void **state)
{
	/* 1 MiB + 1, announced in the header alone: refused at once. */
	const uint8_t wire[] = {'O', 0x00, 0x10, 0x00, 0x01, 'a', 'b'};
	const uint8_t huge[] = {'X', 0xff, 0xff, 0xff, 0xff};
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;
	uint8_t buf[16];
	struct wr w = wr_init(buf, sizeof(buf));
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	vty_proto_rx_init(&rx, VTY_PROTO_ANY);
	assert_int_equal(vty_proto_feed(&rx, wire, 4, seen_cb, &seen), 0);
	assert_int_equal(vty_proto_feed(&rx, wire + 4, 3, seen_cb, &seen),
			 -EMSGSIZE);
	assert_null(rx.buf); /* nothing was buffered for it */
	/* Latched: valid input afterwards is still refused. */
	assert_int_equal(vty_proto_feed(&rx, "O\0\0\0\0", 5, seen_cb, &seen),
			 -EMSGSIZE);
	assert_int_equal(seen.count, 0);
	vty_proto_rx_free(&rx);
	assert_int_equal(rx.err, 0);

	vty_proto_rx_init(&rx, VTY_PROTO_FROM_CLIENT);
	assert_int_equal(
		vty_proto_feed(&rx, huge, sizeof(huge), seen_cb, &seen),
		-EMSGSIZE);
	vty_proto_rx_free(&rx);

	/* The encoders refuse to build one. */
	assert_int_equal(
		vty_proto_put(&w, 'O', buf, (size_t)VTY_PROTO_MAX_PAYLOAD + 1),
		-EMSGSIZE);
	assert_int_equal(w.len, 0);
	assert_int_equal(vty_proto_put_sb(&sb, 'O', buf,
					  (size_t)VTY_PROTO_MAX_PAYLOAD + 1),
			 -EMSGSIZE);
	assert_int_equal(sb.len, 0);
	sb_free(&seen.log);
}

static void test_unknown_type_rejected(void **state)
{
	const uint8_t wire[] = {'O', 0, 0,   0, 1, 'a', 'Z', 0,	 0,
				0,   0, 'O', 0, 0, 0,	1,   'b'};
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;
	uint8_t buf[16];
	struct wr w = wr_init(buf, sizeof(buf));

	(void)state;
	vty_proto_rx_init(&rx, VTY_PROTO_ANY);
	assert_int_equal(
		vty_proto_feed(&rx, wire, sizeof(wire), seen_cb, &seen),
		-EPROTO);
	/* The record before the bad one was delivered, none after it. */
	assert_string_equal(sb_str(&seen.log), "O1:a|");
	vty_proto_rx_free(&rx);

	/* Lower-case and NUL are not types either. */
	assert_null(vty_proto_type_name('x'));
	assert_null(vty_proto_type_name(0));
	assert_string_equal(vty_proto_type_name('X'), "execute");
	assert_string_equal(vty_proto_type_name('E'), "end");
	assert_int_equal(vty_proto_put(&w, 'x', "a", 1), -EINVAL);
	assert_int_equal(w.len, 0);
	sb_free(&seen.log);
}

static void test_direction_filter(void **state)
{
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;

	(void)state;
	/* A server must not accept server records from a client ... */
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_CLIENT);
	assert_int_equal(vty_proto_feed(&rx, "O\0\0\0\0", 5, seen_cb, &seen),
			 -EPROTO);
	vty_proto_rx_free(&rx);
	/* ... nor a client a request record from the server. */
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_SERVER);
	assert_int_equal(vty_proto_feed(&rx, "P\0\0\0\0", 5, seen_cb, &seen),
			 -EPROTO);
	vty_proto_rx_free(&rx);
	assert_int_equal(seen.count, 0);

	for (size_t i = 0; i < sizeof(all_types); i++) {
		bool client = i < 4;

		assert_true(vty_proto_type_valid(all_types[i], VTY_PROTO_ANY));
		assert_int_equal(vty_proto_type_valid(all_types[i],
						      VTY_PROTO_FROM_CLIENT),
				 client);
		assert_int_equal(vty_proto_type_valid(all_types[i],
						      VTY_PROTO_FROM_SERVER),
				 !client);
	}
	/* A zeroed decoder is valid and accepts every known type. */
	memset(&rx, 0, sizeof(rx));
	assert_int_equal(
		vty_proto_feed(&rx, "P\0\0\0\0O\0\0\0\0", 10, seen_cb, &seen),
		0);
	assert_int_equal(seen.count, 2);
	vty_proto_rx_free(&rx);
	sb_free(&seen.log);
}

static void test_callback_stops(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct seen seen = {STRBUF_INIT, 0, 2};
	struct vty_proto_rx rx;

	(void)state;
	vty_proto_put_sb(&sb, 'X', "a", 1);
	vty_proto_put_sb(&sb, 'X', "b", 1);
	vty_proto_put_sb(&sb, 'X', "c", 1);
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_CLIENT);
	assert_int_equal(vty_proto_feed(&rx, sb.s, sb.len, seen_cb, &seen),
			 -1234);
	assert_string_equal(sb_str(&seen.log), "X1:a|X1:b|");
	assert_int_equal(vty_proto_feed(&rx, sb.s, sb.len, seen_cb, &seen),
			 -1234);
	assert_int_equal(seen.count, 2);
	vty_proto_rx_free(&rx);
	sb_free(&sb);
	sb_free(&seen.log);
}

static void test_pending_at_eof(void **state)
{
	struct seen seen = {STRBUF_INIT, 0, 0};
	struct vty_proto_rx rx;

	(void)state;
	vty_proto_rx_init(&rx, VTY_PROTO_FROM_SERVER);
	assert_false(vty_proto_rx_pending(&rx));
	assert_int_equal(vty_proto_feed(&rx, "O\0\0", 3, seen_cb, &seen), 0);
	assert_true(vty_proto_rx_pending(&rx));
	assert_int_equal(vty_proto_feed(&rx, "\0\3ab", 4, seen_cb, &seen), 0);
	assert_true(vty_proto_rx_pending(&rx));
	assert_int_equal(vty_proto_feed(&rx, "c", 1, seen_cb, &seen), 0);
	assert_false(vty_proto_rx_pending(&rx));
	assert_string_equal(sb_str(&seen.log), "O3:abc|");
	/* Feeding nothing is harmless. */
	assert_int_equal(vty_proto_feed(&rx, NULL, 0, seen_cb, &seen), 0);
	vty_proto_rx_free(&rx);
	sb_free(&seen.log);
}

static void test_wr_overflow_writes_nothing(void **state)
{
	uint8_t buf[8];
	struct wr w = wr_init(buf, sizeof(buf));

	(void)state;
	assert_int_equal(vty_proto_put(&w, 'X', "abc", 3), 0);
	assert_int_equal(vty_proto_put(&w, 'X', "abc", 3), -ENOBUFS);
	assert_int_equal(w.len, 8);
	assert_false(wr_ok(&w));
}

static void test_parse_end(void **state)
{
	struct vty_proto_end end = {0, NULL, 0};

	(void)state;
	assert_int_equal(vty_proto_parse_end("0Router>", 8, &end), 0);
	assert_int_equal(end.status, VTY_STATUS_OK);
	assert_int_equal(end.prompt_len, 7);
	assert_memory_equal(end.prompt, "Router>", 7);
	assert_int_equal(vty_proto_parse_end("3", 1, &end), 0);
	assert_int_equal(end.status, VTY_STATUS_CLOSING);
	assert_int_equal(end.prompt_len, 0);
	assert_int_equal(vty_proto_parse_end("", 0, &end), -EPROTO);
	assert_int_equal(vty_proto_parse_end("4R#", 3, &end), -EPROTO);
	assert_int_equal(vty_proto_parse_end("2Password: ", 11, &end), 0);
	assert_int_equal(end.status, VTY_STATUS_PASSWORD);
	assert_string_equal(vty_proto_status_name('1'), "error");
	assert_null(vty_proto_status_name('9'));
	assert_int_equal(
		vty_proto_put_end_sb(&(struct strbuf)STRBUF_INIT, '7', "x", 1),
		-EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_bytes),
		cmocka_unit_test(test_end_record_bytes),
		cmocka_unit_test(test_roundtrip_every_type),
		cmocka_unit_test(test_wr_and_sb_encoders_agree),
		cmocka_unit_test(test_one_octet_at_a_time),
		cmocka_unit_test(test_every_split_point),
		cmocka_unit_test(test_many_records_one_chunk),
		cmocka_unit_test(test_zero_length_payloads),
		cmocka_unit_test(test_max_payload_accepted),
		cmocka_unit_test(test_oversize_rejected),
		cmocka_unit_test(test_unknown_type_rejected),
		cmocka_unit_test(test_direction_filter),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_pending_at_eof),
		cmocka_unit_test(test_wr_overflow_writes_nothing),
		cmocka_unit_test(test_parse_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
