/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipcp.h - the IP Control Protocol (RFC 1332) with the RFC 1877 name-server
 * options, on the shared cp_fsm automaton.
 *
 * Server side (an access server assigning addresses): the peer's
 * IP-Address option is Acked when it names the address we assign, Naked
 * with that address otherwise; the address comes from the owner through
 * ops->peer_address() (a static `peer default ip address` or a pool
 * allocation, done lazily as IOS does: "Using pool 'default' / Pool
 * returned 172.16.25.60").  Primary/Secondary DNS and NBNS (WINS) options
 * are Naked with the configured servers, or Rejected when none is
 * configured, as IOS does.
 *
 * Van Jacobson TCP/IP header compression (RFC 1332 §3.2, RFC 1144), with
 * `ip tcp header-compression` on the interface: we ask for it with our
 * Max-Slot-Id and Comp-Slot-Id (IOS: 15 slots, no slot-id compression),
 * and Ack the peer's request with any Max-Slot-Id and either Comp-Slot-Id.
 * A request with the VJ protocol but a bad length or Comp-Slot-Id, or with
 * the pre-RFC 1332 VJ number 0x0037, is Naked with our values; any other
 * compression protocol is Rejected.  A Reject of ours stops the asking; a
 * Nak is followed where we can.  Without the command the option is
 * Rejected.  Each direction is agreed on its own (struct ipcp_neg).
 *
 * Client side (`ip address negotiated`): we ask for 0.0.0.0 and take the
 * address the peer Naks us; optionally we ask for DNS servers.
 *
 * Addresses are uint32_t in host byte order.
 */
#ifndef NASD_PPP_IPCP_H
#define NASD_PPP_IPCP_H

#include <stdbool.h>
#include <stdint.h>

#include "cp_fsm.h"

enum ipcp_opt {
	IPCP_OPT_ADDRESSES = 1, /* deprecated (RFC 1172) */
	IPCP_OPT_COMP = 2,      /* IP-Compression-Protocol (VJ) */
	IPCP_OPT_ADDRESS = 3,
	IPCP_OPT_DNS1 = 129,    /* RFC 1877 */
	IPCP_OPT_NBNS1 = 130,
	IPCP_OPT_DNS2 = 131,
	IPCP_OPT_NBNS2 = 132,
};

struct ipcp_cfg {
	/* Our address, sent in our Configure-Request; 0 with
	 * `local_negotiated` = ask the peer for one (`ip address
	 * negotiated`); 0 without = do not send the option (unnumbered
	 * without an address). */
	uint32_t local_addr;
	bool local_negotiated;
	/* Servers handed to the peer (RFC 1877); 0 = not configured, the
	 * option is then Rejected. */
	uint32_t dns[2];
	uint32_t nbns[2];
	/* Client side: ask the peer for DNS servers. */
	bool want_dns;
	/* `ip tcp header-compression`: negotiate VJ compression; our
	 * Max-Slot-Id (slots - 1, `ip tcp compression-connections`) and
	 * whether we let the peer leave slot ids out (IOS does not). */
	bool vj;
	uint8_t vj_max_slot_id;
	bool vj_comp_slot_id;
};

/* IP-Compression-Protocol values (RFC 1332 §3.2). */
#define IPCP_COMP_VJ 0x002d
#define IPCP_COMP_VJ_OLD 0x0037 /* RFC 1172's erroneous VJ number */
#define IPCP_VJ_MAX_SLOT_ID_DEFAULT 15

/* VJ compression agreed for one direction. */
struct ipcp_vj {
	bool on;
	uint8_t max_slot_id; /* slots - 1 */
	bool comp_slot_id;   /* the slot id may be left out */
};

/* Values in force while IPCP is Opened. */
struct ipcp_neg {
	uint32_t local_addr;
	uint32_t peer_addr;
	uint32_t dns[2];  /* servers the peer gave us (client side) */
	/* VJ towards the peer: what its request asked and we Acked (it
	 * decompresses, so it sized the slots).  From the peer: what our
	 * request asked and it Acked. */
	struct ipcp_vj vj_tx, vj_rx;
};

/* Verdict of the owner on the peer's proposed address. */
enum ipcp_addr_verdict {
	IPCP_ADDR_ACK,    /* accept what the peer proposed */
	IPCP_ADDR_NAK,    /* Nak with *assign */
	IPCP_ADDR_REJECT, /* we have no address for the peer */
};

struct ipcp_ops {
	void (*send)(void *ctx, const uint8_t *pkt, size_t len);
	void (*up)(void *ctx);       /* ipcp->neg valid */
	void (*down)(void *ctx);
	void (*finished)(void *ctx);
	/* The peer proposed `proposed` (0 = "please assign"); decide, and on
	 * NAK put the address to offer in *assign.  Called for every
	 * Configure-Request carrying the IP-Address option. */
	enum ipcp_addr_verdict (*peer_address)(void *ctx, uint32_t proposed,
					       uint32_t *assign);
};

struct ipcp {
	struct cp_fsm fsm;
	struct ipcp_cfg cfg;
	struct ipcp_neg neg;
	const struct ipcp_ops *ops;
	void *ctx;
	const struct logger *log;
	const char *ifname;
	struct {
		bool addr, dns1, dns2;
		uint32_t addr_val, dns1_val, dns2_val;
		struct ipcp_vj vj;
	} want;
	uint32_t got_peer_addr; /* address Acked in the peer's request */
	struct ipcp_vj got_vj;  /* VJ Acked in the peer's request */
};

void ipcp_init(struct ipcp *ipcp, const char *ifname,
	       const struct ipcp_cfg *cfg, const struct cp_fsm_cfg *fsm_cfg,
	       const struct ipcp_ops *ops, void *ctx, struct timers *ts,
	       const struct logger *log);
void ipcp_fini(struct ipcp *ipcp);

/* Replace the policy (before the next negotiation starts). */
void ipcp_set_cfg(struct ipcp *ipcp, const struct ipcp_cfg *cfg);

void ipcp_lower_up(struct ipcp *ipcp);
void ipcp_lower_down(struct ipcp *ipcp);
void ipcp_open(struct ipcp *ipcp);
void ipcp_close(struct ipcp *ipcp, const char *reason);
void ipcp_input(struct ipcp *ipcp, const uint8_t *pkt, size_t len);

static inline bool ipcp_is_open(const struct ipcp *ipcp)
{
	return cp_fsm_is_open(&ipcp->fsm);
}

/* Log the options of an IPCP Configure-* packet, IOS style
 * ("As4 IPCP:    Address 172.16.25.60 (0x0306AC10193C)"). */
void ipcp_print_opts(const struct logger *log, const char *ifname,
		     struct rd *opts);

#endif
