/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for hdlc/ppp_hdr: the Address/Control and Protocol fields with
 * and without ACFC and PFC (RFC 1661 §2, §6.5, §6.6).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "ppp_hdr.h"
#include "rd.h"
#include "wr.h"

/* Parse buf; on success check the protocol and the octets left. */
static void parse_ok(const uint8_t *buf, size_t len, uint16_t protocol,
		     size_t hdr_len)
{
	struct rd r = rd_init(buf, len);
	uint16_t p = 0;

	assert_true(ppp_hdr_parse(&r, &p));
	assert_int_equal(p, protocol);
	assert_int_equal(rd_left(&r), len - hdr_len);
	assert_ptr_equal(r.p, buf + hdr_len);
}

static void parse_bad(const uint8_t *buf, size_t len)
{
	struct rd r = rd_init(buf, len);
	uint16_t p = 0x5555;

	assert_false(ppp_hdr_parse(&r, &p));
	/* Nothing moved, nothing written. */
	assert_int_equal(p, 0x5555);
	assert_int_equal(rd_left(&r), len);
	assert_ptr_equal(r.p, buf);
}

static void test_parse_forms(void **state)
{
	/* LCP Configure-Request from seed 001, uncompressed. */
	static const uint8_t full[] = {0xFF, 0x03, 0xC0, 0x21, 0x01, 0x03};
	static const uint8_t acfc[] = {0xC0, 0x21, 0x01, 0x03};
	static const uint8_t ip_full[] = {0xFF, 0x03, 0x00, 0x21, 0x45};
	static const uint8_t ip_pfc[] = {0xFF, 0x03, 0x21, 0x45};
	static const uint8_t ip_acfc[] = {0x00, 0x21, 0x45};
	static const uint8_t ip_both[] = {0x21, 0x45};
	static const uint8_t ipcp[] = {0x80, 0x21};
	static const uint8_t chap_acfc[] = {0xC2, 0x23, 0x01};
	/* A compressed protocol right after FF 03; no Information. */
	static const uint8_t vj_pfc[] = {0xFF, 0x03, 0x2D};
	/* 0x03 alone is an odd first octet: Protocol 0x0003, not Control. */
	static const uint8_t three[] = {0x03, 0x00};

	(void)state;
	parse_ok(full, sizeof(full), 0xC021, 4);
	parse_ok(acfc, sizeof(acfc), 0xC021, 2);
	parse_ok(ip_full, sizeof(ip_full), 0x0021, 4);
	parse_ok(ip_pfc, sizeof(ip_pfc), 0x0021, 3);
	parse_ok(ip_acfc, sizeof(ip_acfc), 0x0021, 2);
	parse_ok(ip_both, sizeof(ip_both), 0x0021, 1);
	parse_ok(ipcp, sizeof(ipcp), 0x8021, 2);
	parse_ok(chap_acfc, sizeof(chap_acfc), 0xC223, 2);
	parse_ok(vj_pfc, sizeof(vj_pfc), 0x002D, 3);
	parse_ok(three, sizeof(three), 0x0003, 1);
}

static void test_parse_invalid(void **state)
{
	static const uint8_t bad_control[] = {0xFF, 0x05, 0xC0, 0x21};
	static const uint8_t bad_ui_poll[] = {0xFF, 0x13, 0xC0, 0x21};
	static const uint8_t only_addr[] = {0xFF};
	static const uint8_t only_ac[] = {0xFF, 0x03};
	static const uint8_t half_proto[] = {0xFF, 0x03, 0xC0};
	static const uint8_t half_acfc[] = {0xC0};
	/* Least significant octet even: reserved (RFC 1661 §2). */
	static const uint8_t even_lsb[] = {0xC0, 0x20, 0x01};
	static const uint8_t even_lsb_full[] = {0xFF, 0x03, 0x00, 0x00};
	static const uint8_t zero[] = {0x00, 0x00};
	/* FF FF: an address with a bad control, not a protocol. */
	static const uint8_t ff_ff[] = {0xFF, 0xFF, 0x00, 0x21};

	(void)state;
	parse_bad(NULL, 0);
	parse_bad(bad_control, sizeof(bad_control));
	parse_bad(bad_ui_poll, sizeof(bad_ui_poll));
	parse_bad(only_addr, sizeof(only_addr));
	parse_bad(only_ac, sizeof(only_ac));
	parse_bad(half_proto, sizeof(half_proto));
	parse_bad(half_acfc, sizeof(half_acfc));
	parse_bad(even_lsb, sizeof(even_lsb));
	parse_bad(even_lsb_full, sizeof(even_lsb_full));
	parse_bad(zero, sizeof(zero));
	parse_bad(ff_ff, sizeof(ff_ff));
}

static void check_write(uint16_t protocol, bool acfc, bool pfc,
			const uint8_t *exp, size_t exp_len)
{
	uint8_t buf[8];
	struct wr w = wr_init(buf, sizeof(buf));

	ppp_hdr_write(&w, protocol, acfc, pfc);
	assert_true(wr_ok(&w));
	assert_int_equal(w.len, exp_len);
	assert_memory_equal(buf, exp, exp_len);
}

static void test_write_combinations(void **state)
{
	(void)state;
	/* IP (0x0021): every combination of ACFC and PFC. */
	check_write(0x0021, false, false, (uint8_t[]){0xFF, 0x03, 0x00, 0x21},
		    4);
	check_write(0x0021, true, false, (uint8_t[]){0x00, 0x21}, 2);
	check_write(0x0021, false, true, (uint8_t[]){0xFF, 0x03, 0x21}, 3);
	check_write(0x0021, true, true, (uint8_t[]){0x21}, 1);
	/* PFC cannot shorten a protocol of 0x100 and up. */
	check_write(0x8021, false, true, (uint8_t[]){0xFF, 0x03, 0x80, 0x21},
		    4);
	check_write(0x8021, true, true, (uint8_t[]){0x80, 0x21}, 2);
	check_write(0xC021, false, false, (uint8_t[]){0xFF, 0x03, 0xC0, 0x21},
		    4);
	check_write(0x00FD, true, true, (uint8_t[]){0xFD}, 1);
	/* A lone 0xFF would be read as the Address field. */
	check_write(0x00FF, true, true, (uint8_t[]){0x00, 0xFF}, 2);
	check_write(0x00FF, false, true, (uint8_t[]){0xFF, 0x03, 0x00, 0xFF},
		    4);
}

static void test_write_overflow(void **state)
{
	uint8_t buf[3];
	struct wr w = wr_init(buf, sizeof(buf));

	(void)state;
	ppp_hdr_write(&w, 0xC021, false, false);
	assert_false(wr_ok(&w));
	w = wr_init(buf, sizeof(buf));
	ppp_hdr_write(&w, 0x0021, false, true);
	assert_true(wr_ok(&w));
	assert_int_equal(w.len, 3);
}

/* Every valid protocol value, every combination: what is written parses
 * back to the same value and consumes exactly what was written. */
static void test_round_trip_all_protocols(void **state)
{
	uint8_t buf[8];
	size_t valid = 0;

	(void)state;
	for (uint32_t proto = 0; proto <= 0xffff; proto++) {
		bool ok_proto = (proto & 0x0001) && !(proto & 0x0100);

		for (int combo = 0; combo < 4; combo++) {
			struct wr w = wr_init(buf, sizeof(buf));
			struct rd r;
			uint16_t got = 0;

			ppp_hdr_write(&w, (uint16_t)proto, combo & 1,
				      combo & 2);
			assert_true(wr_ok(&w));
			buf[w.len] = 0x99; /* one octet of Information */
			r = rd_init(buf, w.len + 1);
			if (!ok_proto) {
				assert_false(ppp_hdr_parse(&r, &got) &&
					     got == proto);
				continue;
			}
			assert_true(ppp_hdr_parse(&r, &got));
			assert_int_equal(got, proto);
			assert_int_equal(rd_left(&r), 1);
			valid++;
		}
	}
	assert_int_equal(valid, 4 * 0x4000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_write_combinations),
		cmocka_unit_test(test_write_overflow),
		cmocka_unit_test(test_round_trip_all_protocols),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
