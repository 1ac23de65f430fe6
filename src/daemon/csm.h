/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * csm.h - the Call Switching Module of an AS5200-style digital modem, as
 * `debug modem csm` shows it (seed 001): the state of the pairing between
 * one internal modem (slot/port) and an ISDN B-channel, moved by events
 * from the modem (off hook, on hook, carrier) and from the ISDN side
 * (incoming call, B-channel assigned, connected, disconnected), every
 * event printed as IOS prints it:
 *
 *   CSM_PROC_IDLE: CSM_EVENT_ISDN_CALL at slot 0, port 3
 *   CSM_PROC_OC3_COLLECT_ALL_DIGIT: called party num: (5279651) at slot 0,
 *   port 3
 *   VDEV_ALLOCATE: slot 0 and port 3 is allocated.
 *
 * There is no RFC; the names are those of the seed's trace.  IOS walks
 * more states than the seed shows (IC2, IC3 for the digit collection of
 * an incoming call); only the ones in the trace exist here.  The module is
 * pure: it keeps a state and writes debug lines to the logger it is given
 * (switch DBG_MODEM_CSM), nothing else.
 */
#ifndef NASD_DAEMON_CSM_H
#define NASD_DAEMON_CSM_H

#include <stdbool.h>

#include "log.h"

/* X(ENUM, IOS name). */
#define CSM_STATES(X)                                                          \
	X(CSM_IDLE, "CSM_PROC_IDLE")                                           \
	X(CSM_IC1_RING, "CSM_PROC_IC1_RING")                                   \
	X(CSM_IC4_WAIT_FOR_CARRIER, "CSM_PROC_IC4_WAIT_FOR_CARRIER")           \
	X(CSM_OC1_REQUEST_DIGIT, "CSM_PROC_OC1_REQUEST_DIGIT")                 \
	X(CSM_OC2_COLLECT_1ST_DIGIT, "CSM_PROC_OC2_COLLECT_1ST_DIGIT")         \
	X(CSM_OC3_COLLECT_ALL_DIGIT, "CSM_PROC_OC3_COLLECT_ALL_DIGIT")         \
	X(CSM_OC4_DIALING, "CSM_PROC_OC4_DIALING")                             \
	X(CSM_OC5_WAIT_FOR_CARRIER, "CSM_PROC_OC5_WAIT_FOR_CARRIER")           \
	X(CSM_CONNECTED, "CSM_PROC_IC5_OC6_CONNECTED")

enum csm_state {
#define CSM_STATE_ENUM(e, s) e,
	CSM_STATES(CSM_STATE_ENUM)
#undef CSM_STATE_ENUM
		CSM_STATE__COUNT
};

/* X(ENUM, IOS name).  CSM_EV_CARRIER has no line in the seed's trace and
 * moves the state silently. */
#define CSM_EVENTS(X)                                                          \
	X(CSM_EV_ISDN_CALL, "CSM_EVENT_ISDN_CALL")                             \
	X(CSM_EV_MODEM_OFFHOOK, "CSM_EVENT_MODEM_OFFHOOK")                     \
	X(CSM_EV_MODEM_ONHOOK, "CSM_EVENT_MODEM_ONHOOK")                       \
	X(CSM_EV_DIGIT_COLLECT_READY, "CSM_EVENT_DIGIT_COLLECT_READY")         \
	X(CSM_EV_ADDR_INFO_COLLECTED, "CSM_EVENT_ADDR_INFO_COLLECTED")         \
	X(CSM_EV_GET_1ST_DIGIT, "CSM_EVENT_GET_1ST_DIGIT")                     \
	X(CSM_EV_GET_ALL_DIGITS, "CSM_EVENT_GET_ALL_DIGITS")                   \
	X(CSM_EV_ISDN_BCHAN_ASSIGNED, "CSM_EVENT_ISDN_BCHAN_ASSIGNED")         \
	X(CSM_EV_ISDN_CONNECTED, "CSM_EVENT_ISDN_CONNECTED")                   \
	X(CSM_EV_CARRIER, "CSM_EVENT_MODEM_CARRIER")                           \
	X(CSM_EV_ISDN_DISCONNECTED, "CSM_EVENT_ISDN_DISCONNECTED")

enum csm_event {
#define CSM_EVENT_ENUM(e, s) e,
	CSM_EVENTS(CSM_EVENT_ENUM)
#undef CSM_EVENT_ENUM
		CSM_EVENT__COUNT
};

struct csm {
	enum csm_state state;
	unsigned slot, port; /* the modem: slot 0, port = line number - 1 */
	const struct logger *lg;
};

/* IOS names ("CSM_PROC_IDLE", "CSM_EVENT_ISDN_CALL"); "?" out of range. */
const char *csm_state_name(enum csm_state s);
const char *csm_event_name(enum csm_event e);

/* Start in CSM_IDLE.  lg is borrowed (may be NULL: nothing printed). */
void csm_init(struct csm *csm, const struct logger *lg, unsigned slot,
	      unsigned port);

/*
 * Feed one event.  A transition that the table knows prints
 * "<state>: <event> at slot S, port P" (state before the event) and moves
 * on; entering IC1_RING prints "Fast Ringing On at modem slot S, port P",
 * leaving it "Fast Ringing Off ...", and returning to IDLE from a call
 * "VDEV_DEALLOCATE: slot S and port P is deallocated".  An event that has
 * no row for the current state (an on-hook while idle, a second CONNECT)
 * changes nothing, prints nothing and returns false.
 */
bool csm_event(struct csm *csm, enum csm_event ev);

/* An incoming call is given this modem: "VDEV_ALLOCATE: slot S and port P
 * is allocated.", then CSM_EV_ISDN_CALL. */
void csm_allocate(struct csm *csm);

/*
 * The modem's dial string is complete (an AS5200 collects the digits the
 * modem dials: DIGIT_COLLECT_READY, ADDR_INFO_COLLECTED, GET_1ST_DIGIT,
 * GET_ALL_DIGITS), then "CSM_PROC_OC3_COLLECT_ALL_DIGIT: called party num:
 * (NUMBER) at slot S, port P"; the state is then OC4_DIALING (the SETUP
 * goes out).  Ignored unless in OC1_REQUEST_DIGIT.
 */
void csm_digits(struct csm *csm, const char *number);

#endif /* NASD_DAEMON_CSM_H */
