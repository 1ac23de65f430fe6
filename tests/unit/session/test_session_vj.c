/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for VJ compression in the PPP session (session/ppp_vj.c and
 * its hooks in ppp_session.c): two sessions back to back without
 * authentication, both with `ip tcp header-compression` (or `passive`, or
 * off); TCP through the link compressed and rebuilt exactly, IOS's passive
 * rule, Protocol-Reject without VJ, the toss after a framing error, and
 * the state freed with IPCP.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"
#include "ppp_hdr.h"

/* VJ_ON_CID: also let the peer leave slot ids out (Comp-Slot-Id 1). */
enum vjmode { VJ_OFF, VJ_ON, VJ_PASSIVE, VJ_ON_CID };

static void cfg_for(struct ppp_session_cfg *c, int idx, enum vjmode m)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->ifname, "Async1");
	strcpy(c->ifshort, "As1");
	lcp_cfg_default(&c->lcp, true);
	cp_fsm_cfg_default(&c->fsm);
	c->ip = true;
	c->ipcp.local_addr = idx == 0 ? IP(10, 0, 0, 1) : IP(10, 0, 0, 2);
	c->peer_addr = idx == 0 ? IP(10, 0, 0, 2) : IP(10, 0, 0, 1);
	c->ipcp.vj = m != VJ_OFF;
	c->ipcp.vj_max_slot_id = 15;
	c->vj_passive = m == VJ_PASSIVE;
	c->ipcp.vj_comp_slot_id = m == VJ_ON_CID;
}

static void start(enum vjmode a, enum vjmode b)
{
	struct ppp_session_cfg ca, cb;

	cfg_for(&ca, 0, a);
	cfg_for(&cb, 1, b);
	E[0].s = ppp_session_new(&ca, &h_ops, &E[0], aaa, &ts, &fl.lg);
	E[1].s = ppp_session_new(&cb, &h_ops, &E[1], aaa, &ts, &fl.lg);
	assert_non_null(E[0].s);
	assert_non_null(E[1].s);
	ppp_session_start(E[0].s);
	ppp_session_start(E[1].s);
	h_run_ms(3000);
	assert_true(E[0].s->ip_up && E[1].s->ip_up);
}

/* A TCP segment of connection `port` from `from`'s address. */
static size_t tcp(int from, uint16_t port, uint32_t seq, uint32_t ack,
		  uint16_t id, size_t data, uint8_t *b)
{
	size_t tot = 40 + data;
	uint32_t src = from == 0 ? IP(10, 0, 0, 1) : IP(10, 0, 0, 2);
	uint32_t dst = from == 0 ? IP(10, 0, 0, 2) : IP(10, 0, 0, 1);
	uint8_t h[40] = {
		0x45,
		0,
		(uint8_t)(tot >> 8),
		(uint8_t)tot,
		(uint8_t)(id >> 8),
		(uint8_t)id,
		0x40,
		0,
		64,
		6,
		0,
		0,
		(uint8_t)(src >> 24),
		(uint8_t)(src >> 16),
		(uint8_t)(src >> 8),
		(uint8_t)src,
		(uint8_t)(dst >> 24),
		(uint8_t)(dst >> 16),
		(uint8_t)(dst >> 8),
		(uint8_t)dst,
		(uint8_t)(port >> 8),
		(uint8_t)port,
		0,
		80,
		(uint8_t)(seq >> 24),
		(uint8_t)(seq >> 16),
		(uint8_t)(seq >> 8),
		(uint8_t)seq,
		(uint8_t)(ack >> 24),
		(uint8_t)(ack >> 16),
		(uint8_t)(ack >> 8),
		(uint8_t)ack,
		0x50,
		0x18,
		0x20,
		0x00,
		0x12,
		0x34,
		0,
		0,
	};
	uint16_t sum = vj_ip_checksum(h, 20);

	h[10] = (uint8_t)(sum >> 8);
	h[11] = (uint8_t)sum;
	memcpy(b, h, 40);
	for (size_t i = 0; i < data; i++)
		b[40 + i] = (uint8_t)(i * 31 + seq);
	return tot;
}

/* Send a segment from `from` and check it arrives exactly; returns the
 * PPP protocol it travelled with. */
static uint16_t through(int from, uint16_t port, uint32_t seq, uint32_t ack,
			uint16_t id, size_t data)
{
	uint8_t pkt[1500];
	size_t n = tcp(from, port, seq, ack, id, data, pkt);
	int before = E[1 - from].ip_in;

	assert_int_equal(ppp_session_send_ip(E[from].s, pkt, n), 0);
	h_pump();
	assert_int_equal(E[1 - from].ip_in, before + 1);
	assert_int_equal(E[1 - from].last_ip_len, n);
	assert_memory_equal(E[1 - from].last_ip, pkt, n);
	return E[from].last_proto;
}

static void test_vj_both_ways(void **state)
{
	struct ppp_vj_status st;
	uint32_t seq = 1000;

	(void)state;
	start(VJ_ON, VJ_ON);
	assert_true(fake_log_has(&fl, "As1 IPCP:    CompressType VJ 15 slots "
				      "(0x0206002D0F00)"));
	assert_true(ppp_session_vj_status(E[0].s, &st));
	assert_true(st.tx_on && st.rx_on && st.compressing);
	assert_int_equal(st.tx_slots, 16);
	assert_int_equal(st.rx_slots, 16);
	assert_int_equal(through(0, 2000, seq, 1, 1, 100), 0x002f);
	for (uint16_t i = 2; i < 12; i++) {
		seq += 100;
		assert_int_equal(through(0, 2000, seq, 1, i, 100), 0x002d);
	}
	assert_int_equal(through(1, 2000, 1, seq + 100, 7, 0), 0x002f);
	assert_int_equal(through(1, 2000, 1, seq + 200, 8, 0), 0x002d);
	/* Not TCP: plain IP. */
	{
		uint8_t udp[28] = {0x45, 0, 0,	28, 0, 1, 0,  0, 64, 17,
				   0,	 0, 10, 0,  0, 1, 10, 0, 0,  2};
		assert_int_equal(ppp_session_send_ip(E[0].s, udp, 28), 0);
		assert_int_equal(E[0].last_proto, 0x0021);
		h_pump();
		assert_int_equal(E[1].last_ip_len, 28);
	}
	ppp_session_vj_status(E[0].s, &st);
	assert_int_equal(st.tx.packets, 11);
	assert_int_equal(st.tx.compressed, 10);
	assert_int_equal(st.rx.packets, 2);
	assert_int_equal(st.rx.compressed, 1);
	ppp_session_vj_status(E[1].s, &st);
	assert_int_equal(st.rx.compressed, 10);
	assert_int_equal(st.rx.uncompressed, 1);
	/* IPCP down frees everything. */
	ppp_session_close(E[0].s, "Admin");
	h_run_ms(5000);
	assert_false(ppp_session_vj_status(E[0].s, &st));
	assert_null(E[0].s->vj_tx);
	assert_null(E[1].s->vj_rx);
}

static void test_vj_passive_waits_for_the_peer(void **state)
{
	struct ppp_vj_status st;

	(void)state;
	start(VJ_PASSIVE, VJ_ON);
	/* Passive still asks for VJ (seed 001 with `passive`). */
	assert_true(ppp_session_vj_status(E[0].s, &st));
	assert_true(st.passive && st.tx_on && !st.compressing);
	assert_int_equal(through(0, 3000, 1, 1, 1, 10), 0x0021);
	assert_int_equal(through(0, 3000, 11, 1, 2, 10), 0x0021);
	assert_int_equal(st.tx.packets, 0);
	/* The peer compresses towards us: from now on we do too. */
	assert_int_equal(through(1, 3000, 1, 21, 1, 0), 0x002f);
	assert_int_equal(through(0, 3000, 21, 1, 3, 10), 0x002f);
	assert_int_equal(through(0, 3000, 31, 1, 4, 10), 0x002d);
	ppp_session_vj_status(E[0].s, &st);
	assert_true(st.compressing);
	assert_int_equal(st.rx_plain_tcp, 0);
	ppp_session_vj_status(E[1].s, &st);
	assert_int_equal(st.rx_plain_tcp, 2);
}

static void test_vj_off_rejects_and_protocol_rejects(void **state)
{
	static const uint8_t vjframe[] = {0xFF, 0x03, 0x00, 0x2D,
					  0x40, 0x00, 0x12, 0x34};
	struct ppp_vj_status st;

	(void)state;
	start(VJ_OFF, VJ_ON);
	/* nasA Rejected B's option and asked for nothing. */
	assert_false(ppp_session_vj_status(E[0].s, &st));
	assert_false(ppp_session_vj_status(E[1].s, &st));
	assert_int_equal(through(1, 4000, 1, 1, 1, 10), 0x0021);
	ppp_session_input(E[0].s, vjframe, sizeof(vjframe));
	assert_int_equal(E[0].s->stats.rx_protrej, 1);
	assert_true(fake_log_has(&fl, "As1 LCP: O PROTREJ [Open]"));
}

static void test_vj_toss_after_input_error(void **state)
{
	uint8_t pkt[200];
	size_t n;
	int before;

	(void)state;
	/* nasB lets nasA leave the slot id out: only then can a lost frame
	 * leave nasB on the wrong slot (with the id, every packet
	 * resynchronises by itself). */
	start(VJ_ON, VJ_ON_CID);
	assert_int_equal(through(0, 5000, 1, 1, 1, 10), 0x002f);
	assert_int_equal(through(0, 5000, 11, 1, 2, 10), 0x002d);
	/* A frame with a bad FCS was dropped below the session. */
	ppp_session_input_error(E[1].s);
	n = tcp(0, 5000, 21, 1, 3, 10, pkt);
	before = E[1].ip_in;
	assert_int_equal(ppp_session_send_ip(E[0].s, pkt, n), 0);
	assert_int_equal(E[0].last_proto, 0x002d);
	h_pump();
	assert_int_equal(E[1].ip_in, before);
	assert_true(fake_log_has(&fl, "As1 PPP: COMPRESSED_TCP dropped: "
				      "tossed after an error"));
	/* TCP retransmits: uncompressed, delivered, in sync again. */
	assert_int_equal(through(0, 5000, 21, 1, 4, 10), 0x002f);
	assert_int_equal(through(0, 5000, 31, 1, 5, 10), 0x002d);
	/* Without VJ the call is harmless. */
	ppp_session_close(E[0].s, "Admin");
	h_run_ms(5000);
	ppp_session_input_error(E[1].s);
}

static void test_vj_bad_frames_dropped_and_early_ones_discarded(void **state)
{
	static const uint8_t bad[] = {0xFF, 0x03, 0x00, 0x2D,
				      0x40, 0x09, 0x12, 0x34};
	static const uint8_t early[] = {0xFF, 0x03, 0x00, 0x2F, 0x45};
	struct ppp_session_cfg c;
	uint64_t d;
	int e;

	(void)state;
	start(VJ_ON, VJ_ON);
	d = E[1].s->stats.rx_discards;
	ppp_session_input(E[1].s, bad, sizeof(bad));
	assert_int_equal(E[1].s->stats.rx_discards, d + 1);
	assert_int_equal(E[1].ip_in, 0);
	assert_true(fake_log_has(&fl, "As1 PPP: COMPRESSED_TCP dropped: "
				      "slot never loaded"));
	/* A VJ frame after LCP but before IPCP is Opened, on a link
	 * configured for VJ, is early, not wrong: no Protocol-Reject. */
	for (e = 0; e < 2; e++) {
		ppp_session_free(E[e].s);
		cfg_for(&c, e, VJ_ON);
		E[e].s = ppp_session_new(&c, &h_ops, &E[e], aaa, &ts, &fl.lg);
	}
	h_drop_queue();
	ppp_session_start(E[0].s);
	ppp_session_start(E[1].s);
	while (!lcp_is_open(&E[0].s->lcp) && h_deliver_one())
		;
	assert_true(lcp_is_open(&E[0].s->lcp));
	assert_false(E[0].s->ip_up);
	d = E[0].s->stats.rx_discards;
	ppp_session_input(E[0].s, early, sizeof(early));
	assert_int_equal(E[0].s->stats.rx_protrej, 0);
	assert_int_equal(E[0].s->stats.rx_discards, d + 1);
	/* And the link still comes up with VJ. */
	h_run_ms(3000);
	assert_non_null(E[0].s->vj_rx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_vj_both_ways, h_setup,
						h_teardown),
		cmocka_unit_test_setup_teardown(
			test_vj_passive_waits_for_the_peer, h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(
			test_vj_off_rejects_and_protocol_rejects, h_setup,
			h_teardown),
		cmocka_unit_test_setup_teardown(test_vj_toss_after_input_error,
						h_setup, h_teardown),
		cmocka_unit_test_setup_teardown(
			test_vj_bad_frames_dropped_and_early_ones_discarded,
			h_setup, h_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
