/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for ddr_acl: IPv4 header parsing (good, short, bad version
 * and IHL, Total Length, options, fragments) and IOS access-list
 * evaluation (standard and extended rules of every kind, first match,
 * implicit deny, undefined lists, fragments against port rules).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ddr_acl.h"

#define IP(a, b, c, d)                                                         \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |      \
	 (uint32_t)(d))

/* 10.1.1.8 -> 10.1.1.7, UDP 1024 -> 53, 28 octets. */
static const uint8_t udp_pkt[] = {
	0x45, 0x00, 0x00, 0x1c, 0x12, 0x34, 0x00, 0x00, 0x40, 0x11,
	0x00, 0x00, 0x0a, 0x01, 0x01, 0x08, 0x0a, 0x01, 0x01, 0x07,
	0x04, 0x00, 0x00, 0x35, 0x00, 0x08, 0x00, 0x00,
};

static void test_parse_udp(void **state)
{
	struct ddr_ip ip;

	(void)state;
	assert_true(ddr_ip_parse(udp_pkt, sizeof(udp_pkt), &ip));
	assert_int_equal(ip.src, IP(10, 1, 1, 8));
	assert_int_equal(ip.dst, IP(10, 1, 1, 7));
	assert_int_equal(ip.proto, 17);
	assert_true(ip.has_ports);
	assert_int_equal(ip.sport, 1024);
	assert_int_equal(ip.dport, 53);
	assert_false(ip.fragment);
	assert_false(ip.has_icmp_type);
	assert_int_equal(ip.total_len, 28);
}

static void test_parse_trailing_padding_ignored(void **state)
{
	uint8_t buf[64] = {0};
	struct ddr_ip ip;

	(void)state;
	memcpy(buf, udp_pkt, sizeof(udp_pkt));
	assert_true(ddr_ip_parse(buf, sizeof(buf), &ip));
	assert_int_equal(ip.total_len, 28);
}

static void test_parse_malformed(void **state)
{
	uint8_t buf[sizeof(udp_pkt)];
	struct ddr_ip ip;

	(void)state;
	assert_false(ddr_ip_parse(NULL, 0, &ip));
	assert_false(ddr_ip_parse(udp_pkt, 19, &ip));
	/* Total Length 28 but only 27 octets. */
	assert_false(ddr_ip_parse(udp_pkt, 27, &ip));
	memcpy(buf, udp_pkt, sizeof(buf));
	buf[0] = 0x65; /* version 6 */
	assert_false(ddr_ip_parse(buf, sizeof(buf), &ip));
	buf[0] = 0x44; /* IHL 4 */
	assert_false(ddr_ip_parse(buf, sizeof(buf), &ip));
	buf[0] = 0x48; /* IHL 8 = 32 octets > Total Length 28 */
	assert_false(ddr_ip_parse(buf, sizeof(buf), &ip));
	buf[0] = 0x45;
	buf[3] = 19; /* Total Length below the header */
	assert_false(ddr_ip_parse(buf, sizeof(buf), &ip));
}

static void test_parse_options_and_short_payload(void **state)
{
	/* IHL 6 (one option word), TCP ports after the options. */
	uint8_t buf[] = {
		0x46, 0x00, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00,
		0x40, 0x06, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01,
		0x0a, 0x00, 0x00, 0x02, 0x01, 0x01, 0x01, 0x00,
		0x30, 0x39, 0x00, 0x50, 0,    0,    0,	  0,
	};
	struct ddr_ip ip;

	(void)state;
	assert_true(ddr_ip_parse(buf, sizeof(buf), &ip));
	assert_int_equal(ip.proto, 6);
	assert_true(ip.has_ports);
	assert_int_equal(ip.sport, 12345);
	assert_int_equal(ip.dport, 80);
	/* A TCP packet cut to 2 octets of payload: no ports, still valid. */
	buf[3] = 26;
	assert_true(ddr_ip_parse(buf, 26, &ip));
	assert_false(ip.has_ports);
}

static void test_parse_fragments_and_icmp(void **state)
{
	uint8_t buf[sizeof(udp_pkt)];
	struct ddr_ip ip;

	(void)state;
	memcpy(buf, udp_pkt, sizeof(buf));
	buf[6] = 0x20; /* MF, offset 0: the first fragment has ports */
	assert_true(ddr_ip_parse(buf, sizeof(buf), &ip));
	assert_false(ip.fragment);
	assert_true(ip.has_ports);
	buf[7] = 0x03; /* offset 3: no ports there */
	assert_true(ddr_ip_parse(buf, sizeof(buf), &ip));
	assert_true(ip.fragment);
	assert_false(ip.has_ports);
	buf[6] = buf[7] = 0;
	buf[9] = 1; /* ICMP, type is the first payload octet (0x04) */
	assert_true(ddr_ip_parse(buf, sizeof(buf), &ip));
	assert_true(ip.has_icmp_type);
	assert_int_equal(ip.icmp_type, 4);
	assert_false(ip.has_ports);
}

static struct ddr_ip mkip(uint8_t proto, uint32_t src, uint32_t dst,
			  uint16_t sport, uint16_t dport)
{
	struct ddr_ip ip = {.src = src, .dst = dst, .proto = proto};

	if (proto == 6 || proto == 17) {
		ip.has_ports = true;
		ip.sport = sport;
		ip.dport = dport;
	}
	return ip;
}

static struct ddr_acl_rule std_rule(bool permit, struct ddr_acl_addr src)
{
	struct ddr_acl_rule r = {.permit = permit,
				 .proto = DDR_ACL_PROTO_IP,
				 .src = src,
				 .dst = ddr_acl_any()};
	return r;
}

static void test_standard_list(void **state)
{
	struct ddr_acl acl = {.number = 10};
	struct ddr_ip ip;
	char err[96];

	(void)state;
	acl.rules[acl.n_rules++] =
		std_rule(false, ddr_acl_host(IP(10, 1, 1, 9)));
	acl.rules[acl.n_rules++] =
		std_rule(true, ddr_acl_wild(IP(10, 1, 1, 0), 0x000000ff));
	assert_true(ddr_acl_check(&acl, err, sizeof(err)));
	ip = mkip(17, IP(10, 1, 1, 8), IP(1, 2, 3, 4), 1, 2);
	assert_true(ddr_acl_match(&acl, &ip));
	ip.src = IP(10, 1, 1, 9); /* first match: the host deny */
	assert_false(ddr_acl_match(&acl, &ip));
	ip.src = IP(10, 1, 2, 8); /* implicit deny */
	assert_false(ddr_acl_match(&acl, &ip));
	acl.rules[acl.n_rules++] = std_rule(true, ddr_acl_any());
	assert_true(ddr_acl_match(&acl, &ip));
	/* A standard list cannot look at the destination. */
	acl.rules[0].dst = ddr_acl_host(IP(1, 2, 3, 4));
	assert_false(ddr_acl_check(&acl, err, sizeof(err)));
	assert_string_equal(err, "access-list 10 rule 1: a standard list "
				 "matches the source only");
}

static void test_undefined_list_permits(void **state)
{
	struct ddr_acl acl = {.number = 101};
	struct ddr_ip ip = mkip(6, 1, 2, 3, 4);

	(void)state;
	assert_true(ddr_acl_check(&acl, NULL, 0));
	assert_true(ddr_acl_match(&acl, &ip));
}

static struct ddr_acl_rule ext(bool permit, uint16_t proto,
			       enum ddr_acl_port_op op, uint16_t lo,
			       uint16_t hi)
{
	struct ddr_acl_rule r = {.permit = permit,
				 .proto = proto,
				 .src = ddr_acl_any(),
				 .dst = ddr_acl_any()};

	r.dport.op = op;
	r.dport.lo = lo;
	r.dport.hi = hi;
	return r;
}

static void test_extended_protocols(void **state)
{
	struct ddr_acl acl = {.number = 101};
	struct ddr_ip ip;

	(void)state;
	/* deny icmp any any; permit 47 (GRE) any host 10.1.1.7 */
	acl.rules[acl.n_rules++] = ext(false, 1, DDR_ACL_PORT_NONE, 0, 0);
	acl.rules[acl.n_rules] = ext(true, 47, DDR_ACL_PORT_NONE, 0, 0);
	acl.rules[acl.n_rules++].dst = ddr_acl_host(IP(10, 1, 1, 7));
	assert_true(ddr_acl_check(&acl, NULL, 0));
	ip = mkip(1, IP(10, 1, 1, 8), IP(10, 1, 1, 7), 0, 0);
	assert_false(ddr_acl_match(&acl, &ip));
	ip.proto = 47;
	assert_true(ddr_acl_match(&acl, &ip));
	ip.dst = IP(10, 1, 1, 6);
	assert_false(ddr_acl_match(&acl, &ip));
	/* permit ip any any matches every protocol */
	acl.rules[acl.n_rules++] =
		ext(true, DDR_ACL_PROTO_IP, DDR_ACL_PORT_NONE, 0, 0);
	ip.proto = 89;
	assert_true(ddr_acl_match(&acl, &ip));
	ip.proto = 1; /* still the icmp deny first */
	assert_false(ddr_acl_match(&acl, &ip));
}

static void test_extended_ports(void **state)
{
	struct ddr_acl acl = {.number = 150};
	struct ddr_ip ip;

	(void)state;
	acl.rules[acl.n_rules++] = ext(false, 6, DDR_ACL_PORT_EQ, 23, 0);
	acl.rules[acl.n_rules++] = ext(true, 6, DDR_ACL_PORT_LT, 1024, 0);
	acl.rules[acl.n_rules++] =
		ext(true, 17, DDR_ACL_PORT_RANGE, 5000, 5010);
	acl.rules[acl.n_rules++] = ext(true, 17, DDR_ACL_PORT_GT, 60000, 0);
	acl.rules[acl.n_rules] = ext(true, 17, DDR_ACL_PORT_NONE, 0, 0);
	acl.rules[acl.n_rules].sport.op = DDR_ACL_PORT_EQ;
	acl.rules[acl.n_rules++].sport.lo = 123;
	acl.rules[acl.n_rules++] = ext(true, 6, DDR_ACL_PORT_NEQ, 25, 0);
	assert_true(ddr_acl_check(&acl, NULL, 0));

	ip = mkip(6, 1, 2, 40000, 23);
	assert_false(ddr_acl_match(&acl, &ip)); /* eq 23 deny */
	ip.dport = 80;
	assert_true(ddr_acl_match(&acl, &ip)); /* lt 1024 */
	ip.dport = 25000;
	assert_true(ddr_acl_match(&acl, &ip)); /* neq 25 */
	ip = mkip(17, 1, 2, 40000, 5000);
	assert_true(ddr_acl_match(&acl, &ip)); /* range, inclusive */
	ip.dport = 5010;
	assert_true(ddr_acl_match(&acl, &ip));
	ip.dport = 5011;
	assert_false(ddr_acl_match(&acl, &ip));
	ip.dport = 60001;
	assert_true(ddr_acl_match(&acl, &ip)); /* gt 60000 */
	ip.dport = 60000;
	assert_false(ddr_acl_match(&acl, &ip));
	ip.sport = 123; /* source port eq 123 */
	assert_true(ddr_acl_match(&acl, &ip));
}

static void test_fragments_against_port_rules(void **state)
{
	struct ddr_acl acl = {.number = 120};
	struct ddr_ip ip = {.src = 1, .dst = 2, .proto = 6, .fragment = true};

	(void)state;
	/* deny tcp any any eq 80; permit tcp any any eq 25 */
	acl.rules[acl.n_rules++] = ext(false, 6, DDR_ACL_PORT_EQ, 80, 0);
	acl.rules[acl.n_rules++] = ext(true, 6, DDR_ACL_PORT_EQ, 25, 0);
	/* The deny is skipped, the permit decides on layer 3. */
	assert_true(ddr_acl_match(&acl, &ip));
	acl.rules[1].permit = false;
	assert_false(ddr_acl_match(&acl, &ip));
}

static void test_check_rejects(void **state)
{
	struct ddr_acl acl = {.number = 100};
	char err[96];

	(void)state;
	acl.rules[acl.n_rules++] = ext(true, 1, DDR_ACL_PORT_EQ, 80, 0);
	assert_false(ddr_acl_check(&acl, err, sizeof(err)));
	assert_string_equal(err, "access-list 100 rule 1: ports are only "
				 "for tcp and udp");
	acl.rules[0] = ext(true, 6, DDR_ACL_PORT_RANGE, 90, 80);
	assert_false(ddr_acl_check(&acl, err, sizeof(err)));
	assert_string_equal(err, "access-list 100 rule 1: port range upside "
				 "down");
	acl.rules[0] = ext(true, 300, DDR_ACL_PORT_NONE, 0, 0);
	assert_false(ddr_acl_check(&acl, err, sizeof(err)));
	acl.rules[0] = ext(true, 6, DDR_ACL_PORT_NONE, 0, 0);
	assert_true(ddr_acl_check(&acl, err, sizeof(err)));
	acl.number = 200;
	assert_false(ddr_acl_check(&acl, err, sizeof(err)));
	acl.number = 0;
	assert_false(ddr_acl_check(&acl, err, sizeof(err)));
	acl.number = 100;
	acl.n_rules = DDR_ACL_RULES_MAX + 1;
	assert_false(ddr_acl_check(&acl, err, sizeof(err)));
	assert_string_equal(ddr_acl_port_op_name(DDR_ACL_PORT_RANGE), "range");
	assert_null(ddr_acl_port_op_name(DDR_ACL_PORT_OP_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_udp),
		cmocka_unit_test(test_parse_trailing_padding_ignored),
		cmocka_unit_test(test_parse_malformed),
		cmocka_unit_test(test_parse_options_and_short_payload),
		cmocka_unit_test(test_parse_fragments_and_icmp),
		cmocka_unit_test(test_standard_list),
		cmocka_unit_test(test_undefined_list_permits),
		cmocka_unit_test(test_extended_protocols),
		cmocka_unit_test(test_extended_ports),
		cmocka_unit_test(test_fragments_against_port_rules),
		cmocka_unit_test(test_check_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
