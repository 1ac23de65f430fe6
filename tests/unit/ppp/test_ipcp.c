/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for IPCP (ppp/ipcp.c): the seed 001 exchange with the Windows
 * client (VJ, Address 0.0.0.0 and the four RFC 1877 options), server and
 * client roles, every option, and the debug text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_log.h"
#include "ipcp.h"

#define MAXPKT 16
#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

struct harness {
	struct ipcp ipcp;
	struct timers ts;
	struct fake_log fl;
	uint8_t pkts[MAXPKT][CP_PKT_MAX];
	size_t lens[MAXPKT];
	size_t n;
	int ups, downs;
	uint32_t assign; /* what the owner hands out, 0 = nothing */
	int addr_calls;
};

static void h_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct harness *h = ctx;

	assert_true(h->n < MAXPKT);
	memcpy(h->pkts[h->n], pkt, len);
	h->lens[h->n++] = len;
}

static void h_up(void *ctx)
{
	((struct harness *)ctx)->ups++;
}

static void h_down(void *ctx)
{
	((struct harness *)ctx)->downs++;
}

static enum ipcp_addr_verdict h_addr(void *ctx, uint32_t proposed,
				     uint32_t *assign)
{
	struct harness *h = ctx;

	h->addr_calls++;
	if (!h->assign)
		return proposed ? IPCP_ADDR_ACK : IPCP_ADDR_REJECT;
	if (proposed == h->assign)
		return IPCP_ADDR_ACK;
	*assign = h->assign;
	return IPCP_ADDR_NAK;
}

static const struct ipcp_ops h_ops = {
	.send = h_send,
	.up = h_up,
	.down = h_down,
	.finished = NULL,
	.peer_address = h_addr,
};

static struct harness *h_new(const struct ipcp_cfg *cfg, uint32_t assign)
{
	struct harness *h = calloc(1, sizeof(*h));
	struct cp_fsm_cfg fc;

	assert_non_null(h);
	fake_log_init(&h->fl);
	timers_init(&h->ts, 0);
	h->assign = assign;
	cp_fsm_cfg_default(&fc);
	ipcp_init(&h->ipcp, "As4", cfg, &fc, &h_ops, h, &h->ts, &h->fl.lg);
	ipcp_open(&h->ipcp);
	ipcp_lower_up(&h->ipcp);
	return h;
}

static void h_free(struct harness *h)
{
	ipcp_fini(&h->ipcp);
	timers_fini(&h->ts);
	fake_log_fini(&h->fl);
	free(h);
}

/* Seed 001: "I CONFREQ [REQsent] id 1 len 40" from Windows. */
static const uint8_t win_req1[] = {
	0x01, 0x01, 0x00, 0x28,
	0x02, 0x06, 0x00, 0x2D, 0x0F, 0x01, /* VJ 15 slots CompressSlotID */
	0x03, 0x06, 0x00, 0x00, 0x00, 0x00, /* Address 0.0.0.0 */
	0x81, 0x06, 0x00, 0x00, 0x00, 0x00, /* PrimaryDNS */
	0x82, 0x06, 0x00, 0x00, 0x00, 0x00, /* PrimaryWINS */
	0x83, 0x06, 0x00, 0x00, 0x00, 0x00, /* SecondaryDNS */
	0x84, 0x06, 0x00, 0x00, 0x00, 0x00, /* SecondaryWINS */
};

static void test_seed001_windows_exchange(void **state)
{
	struct ipcp_cfg cfg = {
		.local_addr = IP(172, 16, 25, 52),
		.dns = {IP(172, 16, 25, 53), 0},
		.nbns = {0, 0},
	};
	struct harness *h;
	/* Rejected: VJ (not implemented), WINS and secondary DNS (not
	 * configured), in the order received. */
	static const uint8_t rej[] = {
		0x04, 0x01, 0x00, 0x1C,
		0x02, 0x06, 0x00, 0x2D, 0x0F, 0x01,
		0x82, 0x06, 0x00, 0x00, 0x00, 0x00,
		0x83, 0x06, 0x00, 0x00, 0x00, 0x00,
		0x84, 0x06, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t req2[] = {
		0x01, 0x02, 0x00, 0x10,
		0x03, 0x06, 0x00, 0x00, 0x00, 0x00,
		0x81, 0x06, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t nak2[] = {
		0x03, 0x02, 0x00, 0x10,
		0x03, 0x06, 0xAC, 0x10, 0x19, 0x3C, /* 172.16.25.60 */
		0x81, 0x06, 0xAC, 0x10, 0x19, 0x35,
	};
	uint8_t req3[sizeof(req2)], ack[CP_PKT_MAX];

	(void)state;
	h = h_new(&cfg, IP(172, 16, 25, 60));
	/* Our request: "O CONFREQ [Closed] id 1 len 10" with our address. */
	assert_int_equal(h->n, 1);
	assert_int_equal(h->lens[0], 10);
	assert_memory_equal(h->pkts[0] + 4,
			    ((uint8_t[]){0x03, 0x06, 0xAC, 0x10, 0x19, 0x34}),
			    6);
	assert_true(fake_log_has(&h->fl, "As4 IPCP:    Address 172.16.25.52 "
					 "(0x0306AC101934)"));
	ipcp_input(&h->ipcp, win_req1, sizeof(win_req1));
	assert_int_equal(h->lens[1], sizeof(rej));
	assert_memory_equal(h->pkts[1], rej, sizeof(rej));
	assert_true(fake_log_has(&h->fl, "As4 IPCP:    CompressType VJ 15 "
					 "slots CompressSlotID "
					 "(0x0206002D0F01)"));
	assert_true(fake_log_has(&h->fl, "As4 IPCP:    PrimaryWINS 0.0.0.0 "
					 "(0x820600000000)"));
	assert_true(fake_log_has(&h->fl, "As4 IPCP:    SecondaryWINS 0.0.0.0 "
					 "(0x840600000000)"));
	ipcp_input(&h->ipcp, req2, sizeof(req2));
	assert_int_equal(h->lens[2], sizeof(nak2));
	assert_memory_equal(h->pkts[2], nak2, sizeof(nak2));
	/* The peer takes the offer; both requests get Acked. */
	memcpy(req3, nak2, sizeof(req3));
	req3[0] = CP_CONFREQ;
	req3[1] = 3;
	ipcp_input(&h->ipcp, req3, sizeof(req3));
	assert_int_equal(h->pkts[3][0], CP_CONFACK);
	memcpy(ack, h->pkts[0], h->lens[0]);
	ack[0] = CP_CONFACK;
	ipcp_input(&h->ipcp, ack, h->lens[0]);
	assert_true(ipcp_is_open(&h->ipcp));
	assert_int_equal(h->ups, 1);
	assert_int_equal(h->ipcp.neg.peer_addr, IP(172, 16, 25, 60));
	assert_int_equal(h->ipcp.neg.local_addr, IP(172, 16, 25, 52));
	h_free(h);
}

static void test_no_address_available(void **state)
{
	struct ipcp_cfg cfg = {.local_addr = IP(10, 0, 0, 1)};
	struct harness *h;
	static const uint8_t ask0[] = {0x01, 0x01, 0x00, 0x0A,
				       0x03, 0x06, 0, 0, 0, 0};
	static const uint8_t own[] = {0x01, 0x02, 0x00, 0x0A,
				      0x03, 0x06, 10, 0, 0, 9};

	(void)state;
	h = h_new(&cfg, 0);
	/* Nothing to assign: 0.0.0.0 is rejected, an own address Acked. */
	ipcp_input(&h->ipcp, ask0, sizeof(ask0));
	assert_int_equal(h->pkts[1][0], CP_CONFREJ);
	ipcp_input(&h->ipcp, own, sizeof(own));
	assert_int_equal(h->pkts[2][0], CP_CONFACK);
	h_free(h);
}

static void test_missing_address_gets_nak_inserted(void **state)
{
	struct ipcp_cfg cfg = {.local_addr = IP(10, 0, 0, 1)};
	struct harness *h;
	static const uint8_t empty[] = {0x01, 0x01, 0x00, 0x04};
	static const uint8_t nak[] = {0x03, 0x01, 0x00, 0x0A,
				      0x03, 0x06, 10, 0, 0, 2};

	(void)state;
	h = h_new(&cfg, IP(10, 0, 0, 2));
	ipcp_input(&h->ipcp, empty, sizeof(empty));
	assert_int_equal(h->lens[1], sizeof(nak));
	assert_memory_equal(h->pkts[1], nak, sizeof(nak));
	h_free(h);
}

static void test_wins_served_when_configured(void **state)
{
	struct ipcp_cfg cfg = {
		.local_addr = IP(10, 0, 0, 1),
		.dns = {IP(10, 0, 0, 53), IP(10, 0, 0, 54)},
		.nbns = {IP(10, 0, 0, 137), IP(10, 0, 0, 138)},
	};
	struct harness *h;
	uint8_t req[sizeof(win_req1) - 6];

	(void)state;
	/* Windows' request without the VJ option. */
	memcpy(req, win_req1, 4);
	memcpy(req + 4, win_req1 + 10, sizeof(win_req1) - 10);
	req[3] = sizeof(req);
	h = h_new(&cfg, IP(10, 0, 0, 2));
	ipcp_input(&h->ipcp, req, sizeof(req));
	assert_int_equal(h->pkts[1][0], CP_CONFNAK);
	assert_int_equal(h->lens[1], 4 + 5 * 6);
	assert_memory_equal(h->pkts[1] + 4,
			    ((uint8_t[]){0x03, 6, 10, 0, 0, 2,
					 0x81, 6, 10, 0, 0, 53,
					 0x82, 6, 10, 0, 0, 137,
					 0x83, 6, 10, 0, 0, 54,
					 0x84, 6, 10, 0, 0, 138}),
			    30);
	h_free(h);
}

static void test_client_negotiated_address_and_dns(void **state)
{
	struct ipcp_cfg cfg = {.local_negotiated = true, .want_dns = true};
	struct harness *h;
	uint8_t nak[] = {0x03, 0x00, 0x00, 0x16,
			 0x03, 0x06, 10, 0, 0, 2,
			 0x81, 0x06, 10, 0, 0, 53,
			 0x83, 0x06, 10, 0, 0, 54};
	static const uint8_t peer_req[] = {0x01, 0x07, 0x00, 0x0A,
					   0x03, 0x06, 10, 0, 0, 1};
	uint8_t ack[CP_PKT_MAX];

	(void)state;
	h = h_new(&cfg, 0);
	assert_int_equal(h->lens[0], 4 + 18);
	assert_memory_equal(h->pkts[0] + 4,
			    ((uint8_t[]){0x03, 6, 0, 0, 0, 0, 0x81, 6, 0, 0, 0,
					 0, 0x83, 6, 0, 0, 0, 0}),
			    18);
	nak[1] = h->pkts[0][1];
	ipcp_input(&h->ipcp, nak, sizeof(nak));
	assert_int_equal(h->n, 2);
	assert_memory_equal(h->pkts[1] + 4, nak + 4, 18);
	ipcp_input(&h->ipcp, peer_req, sizeof(peer_req));
	memcpy(ack, h->pkts[1], h->lens[1]);
	ack[0] = CP_CONFACK;
	ipcp_input(&h->ipcp, ack, h->lens[1]);
	assert_true(ipcp_is_open(&h->ipcp));
	assert_int_equal(h->ipcp.neg.local_addr, IP(10, 0, 0, 2));
	assert_int_equal(h->ipcp.neg.peer_addr, IP(10, 0, 0, 1));
	assert_int_equal(h->ipcp.neg.dns[0], IP(10, 0, 0, 53));
	assert_int_equal(h->ipcp.neg.dns[1], IP(10, 0, 0, 54));
	h_free(h);
}

static void test_client_dns_rejected(void **state)
{
	struct ipcp_cfg cfg = {.local_negotiated = true, .want_dns = true};
	struct harness *h;
	uint8_t rej[] = {0x04, 0x00, 0x00, 0x10,
			 0x81, 0x06, 0, 0, 0, 0, 0x83, 0x06, 0, 0, 0, 0};

	(void)state;
	h = h_new(&cfg, 0);
	rej[1] = h->pkts[0][1];
	ipcp_input(&h->ipcp, rej, sizeof(rej));
	assert_int_equal(h->lens[1], 10);
	h_free(h);
}

static void test_addresses_option_and_unknown_rejected(void **state)
{
	struct ipcp_cfg cfg = {.local_addr = IP(10, 0, 0, 1)};
	struct harness *h;
	static const uint8_t req[] = {0x01, 0x05, 0x00, 0x12,
				      0x01, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8,
				      0x90, 0x02, 0x03, 0x02};

	(void)state;
	h = h_new(&cfg, 0);
	ipcp_input(&h->ipcp, req, sizeof(req));
	assert_int_equal(h->pkts[1][0], CP_CONFREJ);
	assert_int_equal(h->lens[1], sizeof(req));
	assert_memory_equal(h->pkts[1] + 4, req + 4, sizeof(req) - 4);
	h_free(h);
}

static void test_ipcp_code_reject_for_lcp_codes(void **state)
{
	struct ipcp_cfg cfg = {.local_addr = IP(10, 0, 0, 1)};
	struct harness *h;
	/* Echo-Request is an LCP-only code: IPCP Code-Rejects it. */
	static const uint8_t echo[] = {0x09, 0x01, 0x00, 0x08, 0, 0, 0, 0};

	(void)state;
	h = h_new(&cfg, 0);
	ipcp_input(&h->ipcp, echo, sizeof(echo));
	assert_int_equal(h->pkts[h->n - 1][0], CP_CODEREJ);
	h_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed001_windows_exchange),
		cmocka_unit_test(test_no_address_available),
		cmocka_unit_test(test_missing_address_gets_nak_inserted),
		cmocka_unit_test(test_wins_served_when_configured),
		cmocka_unit_test(test_client_negotiated_address_and_dns),
		cmocka_unit_test(test_client_dns_rejected),
		cmocka_unit_test(test_addresses_option_and_unknown_rejected),
		cmocka_unit_test(test_ipcp_code_reject_for_lcp_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
