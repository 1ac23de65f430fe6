/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for IPCP (ppp/ipcp.c): the seed 001 exchange with the Windows
 * client (VJ, Address 0.0.0.0 and the four RFC 1877 options) with and
 * without `ip tcp header-compression`, server and client roles, every
 * option and every branch of the VJ option, and the debug text.
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

/* up_first: lower layer up before the Open, as the session does, so the
 * first request goes out from Closed as in the seed. */
static struct harness *h_new_fc(const struct ipcp_cfg *cfg, uint32_t assign,
				const struct cp_fsm_cfg *fcfg, bool up_first)
{
	struct harness *h = calloc(1, sizeof(*h));
	struct cp_fsm_cfg fc;

	assert_non_null(h);
	fake_log_init(&h->fl);
	timers_init(&h->ts, 0);
	h->assign = assign;
	if (fcfg)
		fc = *fcfg;
	else
		cp_fsm_cfg_default(&fc);
	ipcp_init(&h->ipcp, "As4", cfg, &fc, &h_ops, h, &h->ts, &h->fl.lg);
	if (up_first) {
		ipcp_lower_up(&h->ipcp);
		ipcp_open(&h->ipcp);
	} else {
		ipcp_open(&h->ipcp);
		ipcp_lower_up(&h->ipcp);
	}
	return h;
}

static struct harness *h_new(const struct ipcp_cfg *cfg, uint32_t assign)
{
	return h_new_fc(cfg, assign, NULL, false);
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
	/* Rejected: VJ (no `ip tcp header-compression`), WINS and secondary
	 * DNS (not configured), in the order received. */
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


/* ---- Van Jacobson compression (RFC 1332 §3.2) --------------------------- */

static const struct ipcp_cfg vj_cfg = {
	.local_addr = IP(172, 16, 25, 52),
	.vj = true,
	.vj_max_slot_id = 15,
	.vj_comp_slot_id = false,
};

/* Seed 001 with `ip tcp header-compression passive` on Group-Async1 and
 * no DNS/WINS configured, octet for octet. */
static void test_seed001_vj_exchange(void **state)
{
	struct harness *h;
	static const uint8_t our_req[] = {
		0x01, 0x01, 0x00, 0x10,
		0x02, 0x06, 0x00, 0x2D, 0x0F, 0x00,
		0x03, 0x06, 0xAC, 0x10, 0x19, 0x34,
	};
	/* "O CONFREQ [REQsent] id 1 len 28" in the seed (IOS prints its
	 * Configure-Reject with that word): the four RFC 1877 options. */
	static const uint8_t rej1[] = {
		0x04, 0x01, 0x00, 0x1C,
		0x81, 0x06, 0x00, 0x00, 0x00, 0x00,
		0x82, 0x06, 0x00, 0x00, 0x00, 0x00,
		0x83, 0x06, 0x00, 0x00, 0x00, 0x00,
		0x84, 0x06, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t req2[] = {
		0x01, 0x02, 0x00, 0x10,
		0x02, 0x06, 0x00, 0x2D, 0x0F, 0x01,
		0x03, 0x06, 0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t nak2[] = {
		0x03, 0x02, 0x00, 0x0A,
		0x03, 0x06, 0xAC, 0x10, 0x19, 0x3C,
	};
	static const uint8_t req3[] = {
		0x01, 0x03, 0x00, 0x10,
		0x02, 0x06, 0x00, 0x2D, 0x0F, 0x01,
		0x03, 0x06, 0xAC, 0x10, 0x19, 0x3C,
	};
	uint8_t ack[sizeof(our_req)], ack3[sizeof(req3)];

	(void)state;
	h = h_new_fc(&vj_cfg, IP(172, 16, 25, 60), NULL, true);
	assert_int_equal(h->lens[0], sizeof(our_req));
	assert_memory_equal(h->pkts[0], our_req, sizeof(our_req));
	assert_true(fake_log_has(&h->fl, "As4 IPCP: O CONFREQ [Closed] id 1 "
					 "len 16"));
	assert_true(fake_log_has(&h->fl, "As4 IPCP:    CompressType VJ 15 "
					 "slots (0x0206002D0F00)"));
	ipcp_input(&h->ipcp, win_req1, sizeof(win_req1));
	assert_int_equal(h->lens[1], sizeof(rej1));
	assert_memory_equal(h->pkts[1], rej1, sizeof(rej1));
	/* Windows Acks our request. */
	memcpy(ack, our_req, sizeof(ack));
	ack[0] = CP_CONFACK;
	ipcp_input(&h->ipcp, ack, sizeof(ack));
	ipcp_input(&h->ipcp, req2, sizeof(req2));
	assert_int_equal(h->lens[2], sizeof(nak2));
	assert_memory_equal(h->pkts[2], nak2, sizeof(nak2));
	ipcp_input(&h->ipcp, req3, sizeof(req3));
	memcpy(ack3, req3, sizeof(ack3));
	ack3[0] = CP_CONFACK;
	assert_int_equal(h->lens[3], sizeof(ack3));
	assert_memory_equal(h->pkts[3], ack3, sizeof(ack3));
	assert_true(fake_log_has(&h->fl, "As4 IPCP: O CONFACK [ACKrcvd] id 3 "
					 "len 16"));
	assert_true(fake_log_has(&h->fl, "As4 IPCP:    CompressType VJ 15 "
					 "slots CompressSlotID "
					 "(0x0206002D0F01)"));
	assert_true(ipcp_is_open(&h->ipcp));
	/* We compress towards Windows into its 16 slots and may leave the
	 * slot id out; Windows must always send it to us. */
	assert_true(h->ipcp.neg.vj_tx.on);
	assert_int_equal(h->ipcp.neg.vj_tx.max_slot_id, 15);
	assert_true(h->ipcp.neg.vj_tx.comp_slot_id);
	assert_true(h->ipcp.neg.vj_rx.on);
	assert_int_equal(h->ipcp.neg.vj_rx.max_slot_id, 15);
	assert_false(h->ipcp.neg.vj_rx.comp_slot_id);
	assert_int_equal(h->ipcp.neg.peer_addr, IP(172, 16, 25, 60));
	h_free(h);
}

/* Peer request with one VJ option body (after type and length) and the
 * address the harness assigns. */
static void vj_req(struct harness *h, uint8_t id, const uint8_t *opt,
		   size_t optlen)
{
	uint8_t req[CP_PKT_MAX];
	size_t n = 4;

	req[0] = CP_CONFREQ;
	req[1] = id;
	if (optlen) /* memcpy's source may not be NULL, even for 0 octets */
		memcpy(req + n, opt, optlen);
	n += optlen;
	memcpy(req + n, ((uint8_t[]){0x03, 0x06, 10, 0, 0, 2}), 6);
	n += 6;
	req[2] = 0;
	req[3] = (uint8_t)n;
	ipcp_input(&h->ipcp, req, n);
}

static void open_with_our_ack(struct harness *h)
{
	uint8_t ack[CP_PKT_MAX];

	memcpy(ack, h->pkts[0], h->lens[0]);
	ack[0] = CP_CONFACK;
	ipcp_input(&h->ipcp, ack, h->lens[0]);
}

static void test_vj_any_slot_count_acked(void **state)
{
	static const uint8_t slots[][2] = {{0, 0}, {0, 1}, {255, 0},
					   {255, 1}, {2, 1}};

	(void)state;
	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		struct harness *h = h_new(&vj_cfg, IP(10, 0, 0, 2));
		uint8_t opt[] = {0x02, 0x06, 0x00, 0x2D, slots[i][0],
				 slots[i][1]};

		vj_req(h, 1, opt, sizeof(opt));
		assert_int_equal(h->pkts[1][0], CP_CONFACK);
		assert_memory_equal(h->pkts[1] + 4, opt, sizeof(opt));
		open_with_our_ack(h);
		assert_true(ipcp_is_open(&h->ipcp));
		assert_true(h->ipcp.neg.vj_tx.on);
		assert_int_equal(h->ipcp.neg.vj_tx.max_slot_id, slots[i][0]);
		assert_int_equal(h->ipcp.neg.vj_tx.comp_slot_id,
				 slots[i][1] == 1);
		h_free(h);
	}
}

static void test_vj_bad_values_naked_with_ours(void **state)
{
	static const uint8_t bad[][8] = {
		{0x02, 0x04, 0x00, 0x2D},             /* no slot fields */
		{0x02, 0x07, 0x00, 0x2D, 15, 1, 0},   /* one octet too many */
		{0x02, 0x06, 0x00, 0x2D, 15, 2},      /* Comp-Slot-Id 2 */
		{0x02, 0x04, 0x00, 0x37},             /* RFC 1172's number */
	};
	static const size_t blen[] = {4, 7, 6, 4};
	static const uint8_t ours[] = {0x02, 0x06, 0x00, 0x2D, 0x0F, 0x00};

	(void)state;
	for (size_t i = 0; i < sizeof(blen) / sizeof(blen[0]); i++) {
		struct harness *h = h_new(&vj_cfg, IP(10, 0, 0, 2));

		vj_req(h, 1, bad[i], blen[i]);
		assert_int_equal(h->pkts[1][0], CP_CONFNAK);
		assert_int_equal(h->lens[1], 4 + sizeof(ours));
		assert_memory_equal(h->pkts[1] + 4, ours, sizeof(ours));
		/* The peer follows the Nak: Acked, open. */
		vj_req(h, 2, ours, sizeof(ours));
		assert_int_equal(h->pkts[2][0], CP_CONFACK);
		open_with_our_ack(h);
		assert_true(h->ipcp.neg.vj_tx.on);
		assert_false(h->ipcp.neg.vj_tx.comp_slot_id);
		h_free(h);
	}
}

static void test_vj_other_protocols_rejected(void **state)
{
	/* IPHC (RFC 2509) and a truncated option body. */
	static const uint8_t iphc[] = {0x02, 0x06, 0x00, 0x61, 0x00, 0x0F};
	static const uint8_t stub[] = {0x02, 0x03, 0x00};
	struct harness *h;

	(void)state;
	h = h_new(&vj_cfg, IP(10, 0, 0, 2));
	vj_req(h, 1, iphc, sizeof(iphc));
	assert_int_equal(h->pkts[1][0], CP_CONFREJ);
	assert_int_equal(h->lens[1], 4 + sizeof(iphc));
	assert_memory_equal(h->pkts[1] + 4, iphc, sizeof(iphc));
	assert_true(fake_log_has(&h->fl, "CompressType 0x0061"));
	vj_req(h, 2, stub, sizeof(stub));
	assert_int_equal(h->pkts[2][0], CP_CONFREJ);
	assert_memory_equal(h->pkts[2] + 4, stub, sizeof(stub));
	/* Without VJ in the request nothing is compressed towards it. */
	vj_req(h, 3, NULL, 0);
	assert_int_equal(h->pkts[3][0], CP_CONFACK);
	open_with_our_ack(h);
	assert_false(h->ipcp.neg.vj_tx.on);
	assert_true(h->ipcp.neg.vj_rx.on);
	h_free(h);
}

static void test_vj_nak_turns_to_reject_at_max_failure(void **state)
{
	static const uint8_t bad[] = {0x02, 0x06, 0x00, 0x2D, 15, 9};
	struct cp_fsm_cfg fc;
	struct harness *h;

	(void)state;
	cp_fsm_cfg_default(&fc);
	fc.max_failure = 1;
	h = h_new_fc(&vj_cfg, IP(10, 0, 0, 2), &fc, false);
	vj_req(h, 1, bad, sizeof(bad));
	assert_int_equal(h->pkts[1][0], CP_CONFNAK);
	vj_req(h, 2, bad, sizeof(bad));
	assert_int_equal(h->pkts[2][0], CP_CONFREJ);
	assert_memory_equal(h->pkts[2] + 4, bad, sizeof(bad));
	h_free(h);
}

static void test_vj_disabled_rejects_and_does_not_ask(void **state)
{
	static const uint8_t opt[] = {0x02, 0x06, 0x00, 0x2D, 15, 1};
	struct ipcp_cfg cfg = vj_cfg;
	struct harness *h;

	(void)state;
	cfg.vj = false;
	h = h_new(&cfg, IP(10, 0, 0, 2));
	assert_int_equal(h->lens[0], 10); /* Address only */
	vj_req(h, 1, opt, sizeof(opt));
	assert_int_equal(h->pkts[1][0], CP_CONFREJ);
	assert_int_equal(h->lens[1], 4 + sizeof(opt));
	h_free(h);
}

static void test_vj_our_option_rejected(void **state)
{
	uint8_t rej[] = {0x04, 0x01, 0x00, 0x0A,
			 0x02, 0x06, 0x00, 0x2D, 0x0F, 0x00};
	struct harness *h;

	(void)state;
	h = h_new(&vj_cfg, IP(10, 0, 0, 2));
	rej[1] = h->pkts[0][1];
	ipcp_input(&h->ipcp, rej, sizeof(rej));
	/* Asked again without it. */
	assert_int_equal(h->lens[1], 10);
	assert_int_equal(h->pkts[1][4], IPCP_OPT_ADDRESS);
	vj_req(h, 1, NULL, 0);
	memcpy(rej, h->pkts[1], 10);
	rej[0] = CP_CONFACK;
	ipcp_input(&h->ipcp, rej, 10);
	assert_true(ipcp_is_open(&h->ipcp));
	assert_false(h->ipcp.neg.vj_rx.on);
	assert_false(h->ipcp.neg.vj_tx.on);
	h_free(h);
}

static void test_vj_our_option_naked(void **state)
{
	uint8_t nak[] = {0x03, 0x01, 0x00, 0x0A,
			 0x02, 0x06, 0x00, 0x2D, 0x07, 0x01};
	struct harness *h;

	(void)state;
	h = h_new(&vj_cfg, IP(10, 0, 0, 2));
	/* Fewer slots, with slot-id compression: followed. */
	nak[1] = h->pkts[0][1];
	ipcp_input(&h->ipcp, nak, sizeof(nak));
	assert_memory_equal(h->pkts[1] + 4,
			    ((uint8_t[]){0x02, 0x06, 0x00, 0x2D, 0x07, 0x01}),
			    6);
	/* More slots than we keep: our count stays. */
	nak[1] = h->pkts[1][1];
	nak[8] = 0x40;
	nak[9] = 0x00;
	ipcp_input(&h->ipcp, nak, sizeof(nak));
	assert_memory_equal(h->pkts[2] + 4,
			    ((uint8_t[]){0x02, 0x06, 0x00, 0x2D, 0x07, 0x00}),
			    6);
	/* Another protocol: we stop asking for compression. */
	nak[1] = h->pkts[2][1];
	nak[7] = 0x61;
	ipcp_input(&h->ipcp, nak, sizeof(nak));
	assert_int_equal(h->lens[3], 10);
	assert_int_equal(h->pkts[3][4], IPCP_OPT_ADDRESS);
	h_free(h);
}

static void test_vj_renegotiation_forgets_old_values(void **state)
{
	static const uint8_t opt[] = {0x02, 0x06, 0x00, 0x2D, 3, 1};
	struct harness *h;

	(void)state;
	h = h_new(&vj_cfg, IP(10, 0, 0, 2));
	vj_req(h, 1, opt, sizeof(opt));
	open_with_our_ack(h);
	assert_true(h->ipcp.neg.vj_tx.on);
	/* The peer renegotiates without VJ: IPCP goes down and up again
	 * with nothing compressed towards it. */
	vj_req(h, 2, NULL, 0);
	assert_int_equal(h->downs, 1);
	open_with_our_ack(h);
	memcpy(h->pkts[0], h->pkts[h->n - 2], h->lens[h->n - 2]);
	h->lens[0] = h->lens[h->n - 2];
	open_with_our_ack(h);
	assert_true(ipcp_is_open(&h->ipcp));
	assert_false(h->ipcp.neg.vj_tx.on);
	assert_true(h->ipcp.neg.vj_rx.on);
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
		cmocka_unit_test(test_seed001_vj_exchange),
		cmocka_unit_test(test_vj_any_slot_count_acked),
		cmocka_unit_test(test_vj_bad_values_naked_with_ours),
		cmocka_unit_test(test_vj_other_protocols_rejected),
		cmocka_unit_test(test_vj_nak_turns_to_reject_at_max_failure),
		cmocka_unit_test(test_vj_disabled_rejects_and_does_not_ask),
		cmocka_unit_test(test_vj_our_option_rejected),
		cmocka_unit_test(test_vj_our_option_naked),
		cmocka_unit_test(test_vj_renegotiation_forgets_old_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
