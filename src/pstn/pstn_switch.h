/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_switch.h - the switch of the built-in phone network, sans I/O:
 * subscribers (a number that maps to a port or to a trunk), routing with
 * the numbering plan of doc/pstn-protocol.md (pstn_number_normalise() and
 * pstn_number_matches()), calls between two ports (pstn_port.h) with the
 * connect delay ("training"), the byte relay and its counters, release from
 * either side or by the operator, and a history of ended calls for
 * `show calls`.  Time comes from the `struct timers` given at init.
 */
#ifndef NASD_PSTN_SWITCH_H
#define NASD_PSTN_SWITCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "pstn_port.h"
#include "timer.h"

/* Debug switches of the pstn (`debug at|calls|signals`).  The values are
 * those of MODEM_DBG_* so one word drives the modems and the switch. */
#define PSTN_DBG_AT 0x1
#define PSTN_DBG_CALLS 0x2
#define PSTN_DBG_SIGNALS 0x4

/* Ended calls kept for `show calls`. */
#define PSTN_HISTORY_MAX 64

struct pstn_sub {
	char number[PSTN_NUMBER_MAX + 1]; /* normalised digits */
	struct pstn_port *port;           /* a line (or NULL) */
	struct pstn_trunk *trunk;         /* or a trunk (or NULL) */
	bool busy;     /* `answer busy`: every call to it gets BUSY */
	bool shutdown; /* out of service: no dial tone, callers get
			* "unallocated" */
	struct pstn_sub *next;
};

#define PSTN_CALL_STATES(X)                                                    \
	X(PSTN_CALL_RINGING, "ringing")                                        \
	X(PSTN_CALL_TRAINING, "training")                                      \
	X(PSTN_CALL_CONNECTED, "connected")                                    \
	X(PSTN_CALL_RELEASED, "released")

enum pstn_call_state {
#define PSTN_CALL_ENUM(e, s) e,
	PSTN_CALL_STATES(PSTN_CALL_ENUM)
#undef PSTN_CALL_ENUM
	PSTN_CALL__COUNT
};

const char *pstn_call_state_name(enum pstn_call_state s);

struct pstn_call {
	struct pstn_switch *sw;
	unsigned id;                      /* 1, 2, ... per switch */
	enum pstn_call_state state;
	struct pstn_port *a;              /* caller; NULL once released */
	struct pstn_port *b;              /* callee; NULL once released */
	char caller[PSTN_NUMBER_MAX + 1]; /* caller's subscriber number */
	char callee[PSTN_NUMBER_MAX + 1]; /* callee's, "" if unrouted */
	char dialled[64];                 /* as the modem dialled it */
	enum pstn_bearer bearer;          /* what the call carries */
	char caller_port[40];             /* port names: "5279651", */
	char callee_port[40];             /* "4084327528:B19" */
	uint32_t speed_bps;               /* connect speed, 0 before */
	uint64_t setup_ms, answer_ms, connect_ms, end_ms; /* 0 = not yet */
	uint64_t octets_ab;               /* caller → callee */
	uint64_t octets_ba;               /* callee → caller */
	enum pstn_cause cause;            /* when released */
	const char *released_by;          /* "caller", "callee", "network",
					   * "operator" */
	struct timer t_train;
	struct pstn_call *next;
};

struct pstn_switch {
	struct timers *ts;
	struct logger *lg;
	const unsigned *debug; /* PSTN_DBG_*, may be NULL */
	uint32_t train_ms;     /* connect delay after answer */
	struct pstn_sub *subs; /* in configuration order */
	struct pstn_call *calls; /* active, oldest first */
	struct pstn_call *hist;  /* released, newest first */
	size_t nhist;
	unsigned next_id;
};

/* Initialise an empty switch.  debug may be NULL; train_ms is the connect
 * delay between answer and CONNECT. */
void pstn_switch_init(struct pstn_switch *sw, struct timers *ts,
		      struct logger *lg, const unsigned *debug,
		      uint32_t train_ms);

/* Free every subscriber and call (no op is called).  Ports are the
 * owners'; they must not be used with this switch afterwards. */
void pstn_switch_fini(struct pstn_switch *sw);

/*
 * Add a subscriber.  `number` is normalised (pstn_number_normalise()).
 * Returns the subscriber, or NULL with *err = -EINVAL (not a number),
 * -EEXIST (the same number twice) or -ENOMEM.
 */
struct pstn_sub *pstn_switch_add_sub(struct pstn_switch *sw,
				     const char *number, int *err);

/* Bind a port (or a trunk) to a subscriber; sets port->sub. */
void pstn_sub_set_port(struct pstn_sub *sub, struct pstn_port *port);
void pstn_sub_set_trunk(struct pstn_sub *sub, struct pstn_trunk *trunk);

/* Subscriber with exactly this normalised number, or NULL. */
struct pstn_sub *pstn_switch_sub(const struct pstn_switch *sw,
				 const char *number);

/*
 * Route a dial string: normalise it, then the subscriber whose number it
 * reaches (pstn_number_matches(); an exact match wins over a shortened
 * one).  NULL when it is not a valid number or reaches nobody.
 */
struct pstn_sub *pstn_switch_route(const struct pstn_switch *sw,
				   const char *dialled);

/*
 * Port `from` dials `dialled`.  On success the callee's port is ringing
 * (its offer op ran) and the new call is returned (from->call is set).
 * Otherwise NULL with *cause: PSTN_CAUSE_NO_SERVICE (from's subscriber is
 * shut down), PSTN_CAUSE_UNALLOCATED (no such number, or it is shut
 * down), PSTN_CAUSE_BUSY (the callee is in a call, off hook, configured
 * `answer busy`, is the caller itself, or refused the offer),
 * PSTN_CAUSE_FAILURE.  A failed attempt is still recorded in the history.
 * `from` must not be in a call.  Only the callee's ops are called.
 */
struct pstn_call *pstn_switch_dial(struct pstn_switch *sw,
				   struct pstn_port *from, const char *dialled,
				   enum pstn_cause *cause);

/*
 * The same with a bearer capability (pstn_switch_dial() is 3.1 kHz
 * audio).  A digital call to an analog line fails with
 * PSTN_CAUSE_INCOMPATIBLE; a trunk with every channel in use gives
 * PSTN_CAUSE_NO_CIRCUIT.  The bearer is set on the call before the
 * callee's offer op runs.
 */
struct pstn_call *pstn_switch_dial_bearer(struct pstn_switch *sw,
					  struct pstn_port *from,
					  const char *dialled,
					  enum pstn_bearer bearer,
					  enum pstn_cause *cause);

/* The callee answered: the caller's answered op runs and, after the
 * connect delay (none for a digital call), both ports get connected(speed)
 * with the lower of their
 * two speeds.  Ignored unless the call is ringing. */
void pstn_call_answer(struct pstn_call *call);

/* Relay bytes from one port of a connected call to the other (counted);
 * dropped before the call is connected. */
void pstn_call_data(struct pstn_call *call, const struct pstn_port *from,
		    const uint8_t *data, size_t len);

/* Port `from` hung up: the call ends, the other port's released op runs
 * with PSTN_CAUSE_NORMAL.  The call moves to the history. */
void pstn_call_hangup(struct pstn_call *call, struct pstn_port *from);

/* Port `from` ends the call with a cause (an ISDN DISCONNECT with cause
 * 17 gives PSTN_CAUSE_BUSY to the caller, ...); the other port's released
 * op runs with it.  Same as pstn_call_hangup() otherwise. */
void pstn_call_release(struct pstn_call *call, struct pstn_port *from,
		       enum pstn_cause cause);

/* `clear call N`: release both ports with PSTN_CAUSE_CLEARED.  0, or
 * -ENOENT when no active call has that id. */
int pstn_switch_clear(struct pstn_switch *sw, unsigned id);

/* The active call with that id, or NULL. */
struct pstn_call *pstn_switch_call(const struct pstn_switch *sw, unsigned id);

#endif /* NASD_PSTN_SWITCH_H */
