/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_port.h - the interface between the phone network's switch and the
 * things a call connects: *ports*.  The switch (pstn_switch.h) knows
 * nothing about modems, ptys or ISDN; it routes a dialled number to a
 * subscriber, offers the call to a port, and once answered relays bytes
 * between the two ports of the call.  doc/pstn.md describes it.
 *
 *  - An analog subscriber line with its Hayes modem is one kind of port
 *    (pstn_line.h): its modem dials through pstn_switch_dial() and hears
 *    about the call through the ops below.
 *  - An ISDN B-channel is another (pstn_isdn.c): a PRI or BRI
 *    attachment is a *trunk*: a subscriber number that maps to a trunk
 *    gets, per incoming call, a free B-channel port from the trunk's
 *    seize() op; calls that the ISDN side places use
 *    pstn_switch_dial_bearer() from a B-channel port as a modem does.
 *
 * Call flow (caller A, callee B):
 *
 *   A: pstn_switch_dial(sw, A, "527-9651")  → B->ops->offer()   (ringing)
 *   B: pstn_call_answer(call)               → A->ops->answered()
 *      ... connect delay (training) ...     → A,B->ops->connected(speed)
 *   A or B: pstn_call_data(call, from, ..)  → other->ops->data()
 *   A or B: pstn_call_hangup(call, from)    → other->ops->released(cause)
 *
 * The switch never calls the port that is calling into it (no op of the
 * `from` port runs inside pstn_call_*()), so a port's own state machine is
 * never re-entered; ops of the *other* port do run synchronously.
 */
#ifndef NASD_PSTN_PORT_H
#define NASD_PSTN_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pstn_wire.h"

struct pstn_call;
struct pstn_port;
struct pstn_sub;
struct pstn_switch;

/* Why a call ended or could not be made.  X(ENUM, "name"). */
#define PSTN_CAUSES(X)                                                         \
	X(PSTN_CAUSE_NORMAL, "normal")           /* the far end hung up */    \
	X(PSTN_CAUSE_BUSY, "busy")               /* callee busy or `busy` */  \
	X(PSTN_CAUSE_UNALLOCATED, "unallocated") /* no such number */         \
	X(PSTN_CAUSE_NO_SERVICE, "no-service")   /* caller's line shut down */\
	X(PSTN_CAUSE_CLEARED, "cleared")         /* `clear call N` */         \
	X(PSTN_CAUSE_FAILURE, "failure")         /* out of memory */          \
	X(PSTN_CAUSE_NO_CIRCUIT, "no-circuit")   /* every B-channel in use */ \
	X(PSTN_CAUSE_NO_ANSWER, "no-answer")     /* ISDN callee silent */     \
	X(PSTN_CAUSE_INCOMPATIBLE, "incompatible") /* digital call to an     \
						    * analog line */

enum pstn_cause {
#define PSTN_CAUSE_ENUM(e, s) e,
	PSTN_CAUSES(PSTN_CAUSE_ENUM)
#undef PSTN_CAUSE_ENUM
	PSTN_CAUSE__COUNT
};

/* "busy" ...; "?" when out of range. */
const char *pstn_cause_name(enum pstn_cause c);

/* What a call carries (ISDN bearer capability, Q.931 §4.5.5).  A call a
 * modem places is 3.1 kHz audio; an ISDN terminal picks its own. */
#define PSTN_BEARERS(X)                                                        \
	X(PSTN_BEARER_SPEECH, "speech")                                        \
	X(PSTN_BEARER_AUDIO, "3.1kHz-audio")                                   \
	X(PSTN_BEARER_DIGITAL, "digital")

enum pstn_bearer {
#define PSTN_BEARER_ENUM(e, s) e,
	PSTN_BEARERS(PSTN_BEARER_ENUM)
#undef PSTN_BEARER_ENUM
	PSTN_BEARER__COUNT
};

/* "speech" ...; "?" when out of range. */
const char *pstn_bearer_name(enum pstn_bearer b);

struct pstn_port_ops {
	/* An incoming call: start alerting (ringing).  0, or -EBUSY when
	 * the port cannot take it (the caller then gets BUSY). */
	int (*offer)(struct pstn_port *port, struct pstn_call *call);
	/* To the calling port: the callee answered; training starts. */
	void (*answered)(struct pstn_port *port, struct pstn_call *call);
	/* To both ports: training is over, carrier at speed_bps. */
	void (*connected)(struct pstn_port *port, struct pstn_call *call,
			  uint32_t speed_bps);
	/* Bytes from the far port of a connected call. */
	void (*data)(struct pstn_port *port, const uint8_t *data, size_t len);
	/* The call ended from elsewhere (far end, network, operator).  The
	 * port is already detached (port->call is NULL). */
	void (*released)(struct pstn_port *port, enum pstn_cause cause);
	/* True when the port cannot take a call now (off hook, dialling). */
	bool (*busy)(const struct pstn_port *port);
};

/*
 * A port.  Embedded in its owner (a line, a B-channel); the fields are
 * set by the owner before pstn_switch_add_port() and read by the switch.
 */
struct pstn_port {
	const struct pstn_port_ops *ops;
	void *arg;              /* the owner */
	char name[40];          /* "5279651", later "pri0:B3" */
	uint32_t speed_bps;     /* highest speed of the port's modem */
	struct pstn_sub *sub;   /* the subscriber it belongs to */
	struct pstn_call *call; /* current call, NULL when none (switch's) */
};

/* A trunk: a subscriber number served by several channel ports. */
struct pstn_trunk;
struct pstn_trunk_ops {
	/* A free channel port for an incoming call, or NULL when every
	 * channel is busy (the caller gets NO_CIRCUIT).  The switch offers
	 * the call to that port as to any other. */
	struct pstn_port *(*seize)(struct pstn_trunk *trunk,
				   struct pstn_call *call);
};
struct pstn_trunk {
	const struct pstn_trunk_ops *ops;
	void *arg;
	char name[40];
};

#endif /* NASD_PSTN_PORT_H */
