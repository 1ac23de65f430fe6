/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the phone-network attachment codec and numbering plan. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pstn_wire.h"

static void test_round_trips(void **state)
{
	uint8_t buf[PSTN_WIRE_MAX_MSG];
	struct wr w;
	struct pstn_wire_msg m;
	const char *why;

	(void)state;
	w = wr_init(buf, sizeof(buf));
	pstn_wire_put_attach(&w, PSTN_ROLE_PRI_T1, "4084327528");
	assert_true(wr_ok(&w));
	assert_memory_equal(buf, "\x01\x00\x03" "4084327528", 13);
	assert_int_equal(pstn_wire_decode(buf, w.len, &m, &why), 0);
	assert_int_equal(m.type, PSTN_MSG_ATTACH);
	assert_int_equal(m.role, PSTN_ROLE_PRI_T1);
	assert_string_equal(m.number, "4084327528");

	w = wr_init(buf, sizeof(buf));
	pstn_wire_put_data(&w, PSTN_MSG_DATA, 23, "\x7e\xff", 2);
	assert_int_equal(pstn_wire_decode(buf, w.len, &m, &why), 0);
	assert_int_equal(m.channel, 23);
	assert_int_equal(m.data_len, 2);
	assert_memory_equal(m.data, "\x7e\xff", 2);

	w = wr_init(buf, sizeof(buf));
	pstn_wire_put_signals(&w, 0, PSTN_SIG_DCD | PSTN_SIG_DSR);
	assert_int_equal(pstn_wire_decode(buf, w.len, &m, &why), 0);
	assert_int_equal(m.signals, PSTN_SIG_DCD | PSTN_SIG_DSR);

	w = wr_init(buf, sizeof(buf));
	pstn_wire_put_carrier(&w, 3, 33600);
	assert_memory_equal(buf, "\x06\x03\x00\x00\x83\x40", 6);
	assert_int_equal(pstn_wire_decode(buf, w.len, &m, &why), 0);
	assert_int_equal(m.speed_bps, 33600);

	w = wr_init(buf, sizeof(buf));
	pstn_wire_put_text(&w, PSTN_MSG_ERROR, "no such subscriber");
	assert_int_equal(pstn_wire_decode(buf, w.len, &m, &why), 0);
	assert_int_equal(m.text_len, 18);
	assert_memory_equal(m.text, "no such subscriber", 18);
	assert_string_equal(pstn_msg_name(PSTN_MSG_DCHAN), "DCHAN");
	assert_string_equal(pstn_role_name(PSTN_ROLE_BRI), "bri");
	assert_string_equal(pstn_msg_name(99), "?");
}

static void test_malformed(void **state)
{
	struct pstn_wire_msg m;
	const char *why;
	static const struct {
		const char *msg;
		size_t len;
	} bad[] = {
		{"", 0},
		{"\x04", 1},
		{"\x04\x20", 2},              /* channel 32 */
		{"\x63\x00", 2},              /* unknown type */
		{"\x01\x00", 2},              /* ATTACH without role */
		{"\x01\x00\x09" "123", 6},    /* unknown role */
		{"\x01\x00\x01", 3},          /* empty number */
		{"\x01\x00\x01" "12a", 6},    /* not digits */
		{"\x05\x00", 2},              /* SIGNALS without octet */
		{"\x05\x00\x01\x02", 4},      /* SIGNALS too long */
		{"\x06\x00\x00\x00\x01", 5},  /* CARRIER short */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(pstn_wire_decode((const uint8_t *)bad[i].msg,
						  bad[i].len, &m, &why),
				 -EPROTO);
		assert_non_null(why);
	}
	{
		static uint8_t big[PSTN_WIRE_MAX_MSG + 1] = {4, 0};
		assert_int_equal(pstn_wire_decode(big, sizeof(big), &m, &why),
				 -EPROTO);
		uint8_t num[3 + 33] = {1, 0, 1};
		memset(num + 3, '5', 33);
		assert_int_equal(pstn_wire_decode(num, sizeof(num), &m, &why),
				 -EPROTO);
	}
}

static void test_numbering_plan(void **state)
{
	char n[40];

	(void)state;
	assert_int_equal(pstn_number_normalise("527-9651", n, sizeof(n)), 7);
	assert_string_equal(n, "5279651");
	assert_int_equal(pstn_number_normalise("1-527-9651", n, sizeof(n)),
			 8);
	assert_string_equal(n, "15279651");
	assert_int_equal(pstn_number_normalise("(408) 432.7528", n, sizeof(n)),
			 10);
	assert_int_equal(pstn_number_normalise("+1 408 432 7528", n,
					       sizeof(n)),
			 11);
	assert_int_equal(pstn_number_normalise("---", n, sizeof(n)), -EINVAL);
	assert_int_equal(pstn_number_normalise("555,1234", n, sizeof(n)),
			 -EINVAL);
	assert_int_equal(pstn_number_normalise(
				 "123456789012345678901234567890123", n,
				 sizeof(n)),
			 -ENAMETOOLONG);
	/* Seed 001: all three reach the client's line. */
	assert_true(pstn_number_matches("5279651", "5279651"));
	assert_true(pstn_number_matches("15279651", "5279651"));
	assert_false(pstn_number_matches("25279651", "5279651"));
	/* A 10-digit trunk number: full, with 1, and local 7 digits. */
	assert_true(pstn_number_matches("4084327528", "4084327528"));
	assert_true(pstn_number_matches("14084327528", "4084327528"));
	assert_true(pstn_number_matches("4327528", "4084327528"));
	assert_true(pstn_number_matches("14327528", "4084327528"));
	assert_false(pstn_number_matches("4327529", "4084327528"));
	assert_false(pstn_number_matches("", "4084327528"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_numbering_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
