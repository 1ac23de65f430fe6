/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_harness.h - two L2TP instances wired back to back through a fake
 * network on one fake clock, for the unit tests.  Node 0 plays the LAC
 * (18.18.18.1), node 1 the LNS (18.18.18.2).  The network can lose,
 * duplicate and reorder datagrams, driven by a seeded PRNG, and records
 * every datagram sent so a test can assert on the wire.
 */
#ifndef NASD_TEST_L2TP_HARNESS_H
#define NASD_TEST_L2TP_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fake_log.h"
#include "l2tp_int.h"

#define H_IP_LAC 0x12121201u /* 18.18.18.1 */
#define H_IP_LNS 0x12121202u /* 18.18.18.2 */
#define H_MAX_SESS 512
#define H_PKT_MAX 2048

struct h_pkt {
	int to; /* receiving node */
	struct l2tp_peer from;
	size_t len;
	uint8_t b[H_PKT_MAX];
};

struct h_pair;

struct h_node {
	struct h_pair *pair;
	int idx;
	struct l2tp *l2tp;
	struct fake_log fl;
	struct l2tp_peer addr; /* our address as the other sees it */
	uint32_t rng;
	/* policy */
	bool accept; /* tunnel_accept answers yes */
	struct l2tp_tunnel_cfg accept_cfg;
	int incoming_rc;     /* session_incoming answer */
	int ocrq_rc;	     /* session_ocrq answer */
	bool reply_connects; /* session_reply calls connect */
	/* what happened */
	unsigned n_accept, n_tunnel_up, n_tunnel_down;
	struct l2tp_tunnel *last_tunnel;
	struct l2tp_result last_tdown;
	unsigned n_incoming, n_connected, n_down, n_reply, n_ocrq, n_data;
	unsigned n_sli, n_wen;
	uint32_t sli_send, sli_recv;
	struct l2tp_session *last_session;
	struct l2tp_result last_sdown;
	struct l2tp_session *connected[H_MAX_SESS];
	char last_user[64];
	char last_called[64];
	uint16_t last_proxy_type;
	size_t last_lcp_len;
	uint8_t last_data[H_PKT_MAX];
	size_t last_data_len;
	/* datagrams this node sent (headers only kept for control) */
	unsigned n_sent;
};

struct h_pair {
	struct timers ts;
	struct h_node n[2];
	struct h_pkt *q;
	size_t nq, cap;
	uint32_t prng;
	unsigned loss_pct, dup_pct, reorder_pct;
	/* a copy of every control datagram sent, for wire assertions */
	struct h_pkt *wire;
	size_t nwire, capwire;
};

/* Set up both nodes (all debug on), clock at 1000 ms. */
void h_init(struct h_pair *p, uint32_t seed);
void h_fini(struct h_pair *p);
/* A tunnel cfg with a name and (when secret) a password, auth on. */
void h_cfg(struct l2tp_tunnel_cfg *cfg, const char *name, const char *secret);
/* Deliver what is queued and advance the clock in 10 ms steps for ms. */
void h_run(struct h_pair *p, uint64_t ms);
/* LAC opens a tunnel to the LNS. */
struct l2tp_tunnel *h_open(struct h_pair *p, int from,
			   const struct l2tp_tunnel_cfg *cfg);
/* Number of control datagrams on the wire from `from` of message type
 * `type` (0 = ZLB); the last one's parsed Result Code in *result. */
unsigned h_wire_count(const struct h_pair *p, int from, uint16_t type,
		      uint16_t *result);

#endif
