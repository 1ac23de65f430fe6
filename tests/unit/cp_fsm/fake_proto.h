/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fake_proto.h - a small control protocol on top of cp_fsm for the unit
 * tests: its ops record every callback and every packet sent, and it
 * negotiates two options so that Naks, Rejects and Max-Failure can be
 * exercised between two automata wired back to back.
 *
 * Options (type, length, value), parsed with struct rd:
 *   1 Value  length 6, a 32-bit number the sender wants;
 *   2 Flag   length 2, no value.
 * Any other type is rejected.
 */
#ifndef NASD_TEST_FAKE_PROTO_H
#define NASD_TEST_FAKE_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cp_fsm.h"

#define FAKE_OPT_VALUE 1
#define FAKE_OPT_FLAG 2

#define FAKE_TRACE_MAX 256
#define FAKE_SENT_MAX 64

struct fake_pkt {
	uint8_t b[CP_PKT_MAX];
	size_t len;
};

struct fake_policy {
	uint32_t value;	  /* Value we ask for; 0 = do not ask */
	bool flag;	  /* ask for Flag */
	bool insist;	  /* ignore Naks: keep asking for `value` */
	uint32_t accept;  /* the only peer Value we take; 0 = any */
	bool allow_flag;  /* accept the peer's Flag */
	bool ext_handled; /* recv_extcode claims every extra code */
	/* Force recv_req's verdict (CP_CONFACK/NAK/REJ); 0 = judge options. */
	uint8_t verdict;
};

struct fake_net;

struct fake_proto {
	struct cp_fsm fsm;
	const char *tag;
	struct fake_policy pol;
	/* negotiation state, restored from pol by reset */
	uint32_t cur_value;
	bool cur_flag;
	/* what the ops saw */
	char trace[FAKE_TRACE_MAX][24];
	size_t ntrace;
	struct fake_pkt sent[FAKE_SENT_MAX];
	size_t nsent;
	size_t nup, ndown, nstarted, nfinished, njudged;
	bool last_reject_if_disagree;
	/* called from the up callback (re-entrancy tests) */
	void (*on_up)(struct fake_proto *fp);
	/* back-to-back wiring (NULL: packets are only recorded) */
	struct fake_net *net;
	struct fake_proto *peer;
};

/* Initialise the fake and its automaton (Initial state).  `ifname` and
 * `name` prefix the debug lines. */
void fake_proto_init(struct fake_proto *fp, const char *ifname,
		     const char *name, const struct fake_policy *pol,
		     struct timers *ts, const struct logger *lg,
		     const struct cp_fsm_cfg *cfg);
void fake_proto_fini(struct fake_proto *fp);

/* Forget the recorded trace, packets and callback counts. */
void fake_proto_clear(struct fake_proto *fp);

/* The trace entries that are RFC 1661 actions (tlu tld tls tlf scr sca scn
 * str sta scj), comma-separated, into out. */
void fake_proto_actions(const struct fake_proto *fp, char *out, size_t size);

/* Index of the first trace entry equal to s, or -1. */
long fake_proto_find(const struct fake_proto *fp, const char *s);

/* Build a packet: code, id, then n data octets. */
size_t fake_pkt_build(uint8_t *buf, uint8_t code, uint8_t id,
		      const uint8_t *data, size_t n);

/*
 * Back-to-back wiring: packets one automaton sends are queued and delivered
 * to the other by fake_net_pump(), never synchronously (which would
 * re-enter the sender's automaton from its own send callback).
 */
#define FAKE_NET_QUEUE 64
struct fake_net {
	struct {
		struct fake_proto *dst;
		struct fake_pkt pkt;
	} q[FAKE_NET_QUEUE];
	size_t head, n;
	bool drop_to_a, drop_to_b; /* lose everything sent to A or to B */
	size_t pad_octets;	   /* append this much padding on delivery */
	int length_delta;	   /* add to the Length field of the next
				    * delivered packet (one shot) */
	struct fake_proto *a, *b;
	size_t delivered;
};

void fake_net_wire(struct fake_net *net, struct fake_proto *a,
		   struct fake_proto *b);
/* Deliver queued packets (and those their delivery causes) until the queue
 * is empty; returns the number delivered. */
size_t fake_net_pump(struct fake_net *net);

#endif
