/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp_fsm.h - the one RFC 1661 option-negotiation automaton, shared by LCP and
 * every NCP (IPCP now; IPV6CP/CCP later).
 *
 * RFC 1661 §4 defines ten states, sixteen events and the actions of the
 * state transition table (§4.1).  The automaton here is that table, written
 * as data with one dispatcher that runs the actions, sets the new state and
 * logs (shared/reference/style.md §5.2).  The protocol using it (LCP, IPCP)
 * supplies a `struct cp_fsm_ops`: how to build its Configure-Request, how to
 * judge the peer's, how to take Ack/Nak/Reject, and the this-layer-up/down/
 * started/finished notifications.  The automaton owns the Identifier, the
 * restart timer and counter (Max-Configure, Max-Terminate), and the
 * Nak-loop counter (Max-Failure).
 *
 * Sans-I/O: packets leave through ops->send (Code..data of one CP packet; the
 * caller adds the PPP protocol field and framing), time comes from the
 * `struct timers` given at init.
 *
 * Re-entrancy: ops callbacks must not call back into the same cp_fsm
 * synchronously (asserted); they may drive other automata, arm timers or
 * defer work.
 */
#ifndef NASD_PPP_CP_FSM_H
#define NASD_PPP_CP_FSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "ppp_defs.h"
#include "rd.h"
#include "timer.h"
#include "wr.h"

/* RFC 1661 §4.2 states, with the names IOS debug output uses. */
#define CP_STATES(X)                                                           \
	X(CP_INITIAL, "Initial")                                               \
	X(CP_STARTING, "Starting")                                             \
	X(CP_CLOSED, "Closed")                                                 \
	X(CP_STOPPED, "Stopped")                                               \
	X(CP_CLOSING, "Closing")                                               \
	X(CP_STOPPING, "Stopping")                                             \
	X(CP_REQSENT, "REQsent")                                               \
	X(CP_ACKRCVD, "ACKrcvd")                                               \
	X(CP_ACKSENT, "ACKsent")                                               \
	X(CP_OPENED, "Open")

enum cp_state {
#define CP_STATE_ENUM(e, s) e,
	CP_STATES(CP_STATE_ENUM)
#undef CP_STATE_ENUM
	CP_STATE__COUNT
};

/* RFC 1661 §4.3 events. */
#define CP_EVENTS(X)                                                           \
	X(CP_EV_UP, "Up")                                                      \
	X(CP_EV_DOWN, "Down")                                                  \
	X(CP_EV_OPEN, "Open")                                                  \
	X(CP_EV_CLOSE, "Close")                                                \
	X(CP_EV_TO_PLUS, "TO+")                                                \
	X(CP_EV_TO_MINUS, "TO-")                                               \
	X(CP_EV_RCR_PLUS, "RCR+")                                              \
	X(CP_EV_RCR_MINUS, "RCR-")                                             \
	X(CP_EV_RCA, "RCA")                                                    \
	X(CP_EV_RCN, "RCN")                                                    \
	X(CP_EV_RTR, "RTR")                                                    \
	X(CP_EV_RTA, "RTA")                                                    \
	X(CP_EV_RUC, "RUC")                                                    \
	X(CP_EV_RXJ_PLUS, "RXJ+")                                              \
	X(CP_EV_RXJ_MINUS, "RXJ-")                                             \
	X(CP_EV_RXR, "RXR")

enum cp_event {
#define CP_EVENT_ENUM(e, s) e,
	CP_EVENTS(CP_EVENT_ENUM)
#undef CP_EVENT_ENUM
	CP_EV__COUNT
};

/* Largest CP packet the automaton builds (header included).  Code-Reject
 * bodies are truncated to fit. */
#define CP_PKT_MAX 1500

struct cp_fsm_cfg {
	uint32_t restart_ms;   /* Restart timer (RFC 1661 §4.6), IOS
				* `ppp timeout retry`; default 2000 */
	uint8_t max_configure; /* Max-Configure, default 10 */
	uint8_t max_terminate; /* Max-Terminate, default 2 */
	uint8_t max_failure;   /* Max-Failure: Naks sent before options are
				* rejected instead, default 5 */
	bool silent;           /* passive open: do not send a Configure-Request
				* until the peer's arrives (IOS "Passive Open",
				* state shown as "Listen") */
};

struct cp_fsm;

struct cp_fsm_ops {
	/* Start of a new negotiation: restore our wanted options.  Called
	 * before the first Configure-Request of a negotiation, i.e. when scr
	 * runs from a state other than Req-Sent/Ack-Rcvd/Ack-Sent. */
	void (*reset)(void *ctx);
	/* Write our Configure-Request options (no header) into w. */
	void (*build_req)(void *ctx, struct wr *w);
	/* Judge the peer's Configure-Request options.  Returns CP_CONFACK
	 * (the automaton then echoes the request options verbatim and `resp`
	 * is ignored), CP_CONFNAK or CP_CONFREJ with the Nak'd/Rejected
	 * options written to `resp`.  When reject_if_disagree is true
	 * (Max-Failure reached) the callee must reject rather than Nak.
	 * A malformed option list is answered by rejecting what cannot be
	 * parsed; the callee never fails. */
	uint8_t (*recv_req)(void *ctx, struct rd *opts, struct wr *resp,
			    bool reject_if_disagree);
	/* Peer Acked our current request (Identifier already matched).
	 * Returns false if the options differ from what we sent: the packet
	 * is then discarded (RFC 1661 §5.2). */
	bool (*recv_ack)(void *ctx, struct rd *opts);
	/* Peer Nak'd / Rejected our request (Identifier matched): adjust what
	 * we ask for next.  Returns false for a malformed or invalid packet,
	 * which is discarded. */
	bool (*recv_nak)(void *ctx, struct rd *opts);
	bool (*recv_rej)(void *ctx, struct rd *opts);
	/* This-Layer-Up/Down/Started/Finished (RFC 1661 §4.4). */
	void (*up)(void *ctx);
	void (*down)(void *ctx);
	void (*started)(void *ctx);
	void (*finished)(void *ctx);
	/* A packet with a code the automaton does not handle (codes 8 and up;
	 * LCP's Protocol-Reject, Echo, Discard, Identification ...).  Return
	 * true if handled; false makes it an RUC and a Code-Reject is sent.
	 * May be NULL (every such code is then Code-Rejected).  The callee
	 * may feed events back through cp_fsm_event() for RXJ+/RXJ-/RXR. */
	bool (*recv_extcode)(void *ctx, uint8_t code, uint8_t id,
			     struct rd *data);
	/* Log the options of a Configure-* packet, one debug line each, e.g.
	 * "As4 LCP:    ACCM 0x000A0000 (0x0206000A0000)".  May be NULL. */
	void (*print_opts)(void *ctx, uint8_t code, struct rd *opts);
	/* Transmit one CP packet (Code, Identifier, Length, data). */
	void (*send)(void *ctx, const uint8_t *pkt, size_t len);
};

struct cp_fsm_stats {
	uint64_t rx_packets; /* valid CP packets received */
	uint64_t tx_packets;
	uint64_t rx_bad;     /* too short, bad length, or unexpected id */
	uint64_t timeouts;
};

struct cp_fsm {
	const char *name;   /* "LCP", "IPCP": debug prefix */
	const char *ifname; /* short interface name, "As4": debug prefix */
	uint16_t protocol;  /* PPP protocol number, for the caller's use */
	enum cp_state state;
	bool listen;        /* Stopped was reached by a silent open: shown as
			     * "Listen" as IOS does */
	uint8_t id;         /* last Identifier used for a request we sent */
	uint8_t reqid;      /* Identifier of our outstanding Configure-Request */
	bool reqid_valid;   /* a Configure-Request is outstanding */
	int restart_count;  /* RFC 1661 §4.6 Restart counter */
	int naks_sent;      /* Configure-Naks sent this negotiation */
	bool in_dispatch;   /* re-entrancy guard */
	struct timer restart;
	struct cp_fsm_cfg cfg;
	const struct cp_fsm_ops *ops;
	void *ctx;
	const struct logger *log;
	struct cp_fsm_stats stats;
};

/* Default configuration: 2000 ms, Max-Configure 10, Max-Terminate 2,
 * Max-Failure 5, active open. */
void cp_fsm_cfg_default(struct cp_fsm_cfg *cfg);

/*
 * Initialise in the Initial state.  `name`, `ifname`, `ops`, `ctx`, `ts` and
 * `log` are borrowed and must outlive the automaton.  `cfg` is copied.
 */
void cp_fsm_init(struct cp_fsm *fsm, const char *name, const char *ifname,
		 uint16_t protocol, const struct cp_fsm_ops *ops, void *ctx,
		 struct timers *ts, const struct logger *log,
		 const struct cp_fsm_cfg *cfg);

/* Replace the configuration (takes effect at the next counter reset). */
void cp_fsm_set_cfg(struct cp_fsm *fsm, const struct cp_fsm_cfg *cfg);

/* Stop the restart timer; the automaton can then be freed. */
void cp_fsm_fini(struct cp_fsm *fsm);

/* Administrative and lower-layer events (RFC 1661 §4.3).  Close carries a
 * reason for the debug log (may be NULL). */
void cp_fsm_up(struct cp_fsm *fsm);
void cp_fsm_down(struct cp_fsm *fsm);
void cp_fsm_open(struct cp_fsm *fsm);
void cp_fsm_close(struct cp_fsm *fsm, const char *reason);

/*
 * Enter Opened without negotiating, for L2TP proxy LCP (RFC 2661 §4.4.5):
 * another system (the LAC) negotiated with the peer, and the protocol has
 * already loaded the agreed options.  Allowed from Closed and Stopped (the
 * lower layer is up, no request outstanding); the Restart counter is
 * initialised as irc would (Max-Configure) so that a later renegotiation
 * from Opened has its full budget.  Runs This-Layer-Up like a normal
 * opening, but logs nothing: the caller prints how the options were
 * adopted.  Returns false, doing nothing, from any other state.  Must not
 * be called from inside an ops callback of the same automaton.
 */
bool cp_fsm_force_open(struct cp_fsm *fsm);

/* Feed one raw event through the table (used for RXJ+/RXJ-/RXR raised by
 * the protocol, e.g. LCP delivering a Protocol-Reject to IPCP as RXJ-). */
void cp_fsm_event(struct cp_fsm *fsm, enum cp_event ev);

/*
 * Feed one received packet of this protocol (Code .. end; PPP header
 * already removed).  Validates the header (RFC 1661 §5: Length >= 4 and <=
 * octets received; octets past Length are padding), classifies it into an
 * event (RCR+/-, RCA, RCN, RTR, RTA, RUC, RXJ+/-) and dispatches.  Bad
 * packets are counted and dropped, never asserted.
 */
void cp_fsm_input(struct cp_fsm *fsm, const uint8_t *pkt, size_t len);

/* Send a packet with the given code, identifier and data (used by LCP for
 * Echo-Reply, Protocol-Reject, ...).  Data is truncated to CP_PKT_MAX. */
void cp_fsm_send(struct cp_fsm *fsm, uint8_t code, uint8_t id,
		 const uint8_t *data, size_t len);

/* Next fresh Identifier (for packets the protocol originates itself, such
 * as LCP Echo-Request). */
uint8_t cp_fsm_next_id(struct cp_fsm *fsm);

/* State name as IOS prints it ("REQsent", "Open"; "Listen" for a Stopped
 * reached through a silent open). */
const char *cp_fsm_state_name(const struct cp_fsm *fsm);
const char *cp_state_name(enum cp_state st);
const char *cp_event_name(enum cp_event ev);

static inline bool cp_fsm_is_open(const struct cp_fsm *fsm)
{
	return fsm->state == CP_OPENED;
}

#endif /* NASD_PPP_CP_FSM_H */
