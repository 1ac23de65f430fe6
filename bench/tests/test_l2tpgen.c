/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_l2tpgen.c - unit tests of l2tpgen's pure parts: the command line
 * (opts.c) and the echo packets of data mode (data.c: RFC 791 header,
 * RFC 792 Echo, RFC 768 UDP, RFC 1071 checksums).  The rest of l2tpgen
 * is nasd's own L2TP and PPP code, tested in tests/unit, and the program
 * as a whole is exercised by tests/integration/test_l2tp_load.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "l2tpgen.h"

/* data.c's links to the rest of the program, unused here. */
void gen_ctl_flush(struct gen *gen)
{
	(void)gen;
}

void gen_phase_end(struct gen *gen)
{
	(void)gen;
}

static FILE *devnull(void)
{
	FILE *f = fopen("/dev/null", "w");

	assert_non_null(f);
	return f;
}

static int parse(struct gen_opts *o, int argc, const char **argv)
{
	FILE *err = devnull();
	int rc = gen_opts_parse(o, argc, (char **)argv, err);

	fclose(err);
	return rc;
}

#define PARSE(o, ...)                                                          \
	parse((o),                                                             \
	      (int)(sizeof((const char *[]){"l2tpgen", __VA_ARGS__}) /         \
		    sizeof(const char *)),                                     \
	      (const char *[]){"l2tpgen", __VA_ARGS__})

static void test_opts_defaults(void **state)
{
	struct gen_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--lns", "10.1.2.3"), 0);
	assert_int_equal(o.lns_ip, 0x0a010203);
	assert_int_equal(o.lns_port, 1701);
	assert_int_equal(o.sessions, 1);
	assert_int_equal(o.tunnels, 1);
	assert_int_equal(o.auth, GEN_AUTH_CHAP);
	assert_false(o.proxy);
	assert_int_equal(o.secret_len, 0);
	assert_int_equal(o.keepalive_s, 10);
	assert_string_equal(o.hostname, "l2tpgen");
	assert_string_equal(o.user_fmt, "user%d@bench");
}

static void test_opts_full(void **state)
{
	struct gen_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--lns", "127.0.0.1:1702", "--secret", "s3",
			       "--hidden", "--sessions", "10000", "--tunnels",
			       "4", "--rate", "250.5", "--user", "u%d",
			       "--password", "pw", "--auth", "pap", "--proxy",
			       "--hold", "20", "--pps", "1000", "--size",
			       "1000", "--duration", "5", "--proto", "udp",
			       "--target", "192.0.2.1:9", "--bind", "127.0.0.2",
			       "-d", "vpdn l2x-events", "-q"),
			 0);
	assert_int_equal(o.lns_ip, 0x7f000001);
	assert_int_equal(o.lns_port, 1702);
	assert_int_equal(o.secret_len, 2);
	assert_true(o.hidden);
	assert_int_equal(o.sessions, 10000);
	assert_int_equal(o.tunnels, 4);
	assert_true(o.rate > 250.4 && o.rate < 250.6);
	assert_int_equal(o.auth, GEN_AUTH_PAP);
	assert_true(o.proxy);
	assert_int_equal(o.hold_s, 20);
	assert_int_equal(o.size_bytes, 1000);
	assert_int_equal(o.duration_s, 5);
	assert_int_equal(o.proto, GEN_PROTO_UDP);
	assert_int_equal(o.target_ip, 0xc0000201);
	assert_int_equal(o.target_port, 9);
	assert_int_equal(o.bind_ip, 0x7f000002);
	assert_true(o.debug & (1ull << DBG_VPDN_L2X_EVENTS));
	assert_true(o.quiet);
}

static void test_opts_errors(void **state)
{
	struct gen_opts o;

	(void)state;
	assert_int_equal(PARSE(&o, "--sessions", "3"), -1); /* no --lns */
	assert_int_equal(PARSE(&o, "--lns", "1.2.3"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.256"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4:0"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--sessions", "0"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--sessions", "-1"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--hidden"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--auth", "eap"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--user", "%s"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--user", "%d%d"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--pps", "10"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--size", "20"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "-d", "no such"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--bogus"), -1);
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "extra"), -1);
	assert_int_equal(PARSE(&o, "--help"), 1);
	/* More tunnels than calls: one call per tunnel. */
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--sessions", "2",
			       "--tunnels", "5"),
			 0);
	assert_int_equal(o.tunnels, 2);
}

static void test_user_name(void **state)
{
	struct gen_opts o;
	char buf[16];

	(void)state;
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4"), 0);
	assert_true(gen_user_name(&o, 7, buf, sizeof(buf)));
	assert_string_equal(buf, "user7@bench");
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--user", "a%%b%d"), 0);
	assert_true(gen_user_name(&o, 1234, buf, sizeof(buf)));
	assert_string_equal(buf, "a%b1234");
	assert_int_equal(PARSE(&o, "--lns", "1.2.3.4", "--user", "same"), 0);
	assert_true(gen_user_name(&o, 99, buf, sizeof(buf)));
	assert_string_equal(buf, "same");
	assert_int_equal(
		PARSE(&o, "--lns", "1.2.3.4", "--user", "longer-than-16-%d"),
		0);
	assert_false(gen_user_name(&o, 1, buf, sizeof(buf)));
}

/* RFC 1071: a correct checksum sums to 0xffff. */
static uint16_t fold(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static void test_icmp_echo(void **state)
{
	uint8_t p[200];
	uint16_t idx = 0;
	size_t n;

	(void)state;
	n = gen_data_build(p, sizeof(p), GEN_PROTO_ICMP, 0x0a000002, 0x0a000001,
			   7, 64, 0x1234, 5);
	assert_int_equal(n, 64);
	/* IPv4 header: version 4, 20 octets, total 64, TTL 64, ICMP,
	 * addresses; then Echo type 8, id = call index, seq. */
	static const uint8_t ip[] = {0x45, 0, 0,  64, 0, 5, 0,	0, 64, 1,
				     0,	   0, 10, 0,  0, 2, 10, 0, 0,  1};
	assert_memory_equal(p, ip, 10);
	assert_memory_equal(p + 12, ip + 12, 8);
	assert_int_equal(fold(p, 20), 0xffff);
	assert_int_equal(p[20], 8);
	assert_int_equal(p[21], 0);
	assert_int_equal(p[24] << 8 | p[25], 0x1234);
	assert_int_equal(p[26] << 8 | p[27], 5);
	assert_int_equal(fold(p + 20, 44), 0xffff);
	/* Our own request is not a reply. */
	assert_false(gen_data_parse(p, n, GEN_PROTO_ICMP, 7, &idx));
	/* As the LNS's kernel answers: type 0. */
	p[20] = 0;
	assert_true(gen_data_parse(p, n, GEN_PROTO_ICMP, 7, &idx));
	assert_int_equal(idx, 0x1234);
	/* UDP mode ignores ICMP; truncated or bad headers are refused. */
	assert_false(gen_data_parse(p, n, GEN_PROTO_UDP, 7, &idx));
	assert_false(gen_data_parse(p, 63, GEN_PROTO_ICMP, 7, &idx));
	assert_false(gen_data_parse(p, 10, GEN_PROTO_ICMP, 7, &idx));
	p[0] = 0x65;
	assert_false(gen_data_parse(p, n, GEN_PROTO_ICMP, 7, &idx));
	p[0] = 0x44;
	assert_false(gen_data_parse(p, n, GEN_PROTO_ICMP, 7, &idx));
}

static void test_udp_echo(void **state)
{
	uint8_t p[1500];
	uint16_t idx = 0;
	size_t n;

	(void)state;
	n = gen_data_build(p, sizeof(p), GEN_PROTO_UDP, 0x0a000002, 0xc0000201,
			   9, 1000, 42, 7);
	assert_int_equal(n, 1000);
	assert_int_equal(p[9], 17);
	assert_int_equal(p[2] << 8 | p[3], 1000);
	assert_int_equal(fold(p, 20), 0xffff);
	assert_int_equal(p[22] << 8 | p[23], 9);   /* dst port */
	assert_int_equal(p[24] << 8 | p[25], 980); /* UDP length */
	/* An echo server swaps the ports: the reply comes from port 9. */
	p[20] = 0;
	p[21] = 9;
	assert_true(gen_data_parse(p, n, GEN_PROTO_UDP, 9, &idx));
	assert_int_equal(idx, 42);
	assert_false(gen_data_parse(p, n, GEN_PROTO_UDP, 7, &idx));
	/* Sizes out of range. */
	assert_int_equal(
		gen_data_build(p, sizeof(p), GEN_PROTO_UDP, 1, 2, 9, 35, 0, 0),
		0);
	assert_int_equal(
		gen_data_build(p, 100, GEN_PROTO_UDP, 1, 2, 9, 101, 0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opts_defaults),
		cmocka_unit_test(test_opts_full),
		cmocka_unit_test(test_opts_errors),
		cmocka_unit_test(test_user_name),
		cmocka_unit_test(test_icmp_echo),
		cmocka_unit_test(test_udp_echo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
