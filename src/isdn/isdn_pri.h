/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * isdn_pri.h - a small adapter around libpri (ITU-T Q.921 + Q.931 call
 * control), used on the network side by the phone network (build/pstn)
 * and on the user side by nasd.  libpri is given callbacks instead of a
 * file descriptor (pri_new_cb): frames travel as the DCHAN messages of the
 * attachment protocol (doc/pstn-protocol.md), without flags or FCS, so the
 * adapter adds the 2 dummy FCS octets libpri expects on read and strips
 * the 2 it appends on write.  libpri's timers are driven from the owner's
 * timer heap (pri_schedule_next / pri_schedule_run), and its events are
 * turned into plain `struct isdn_pri_event`s.
 *
 * libpri's message and error hooks are process-global (pri_set_message,
 * pri_set_error): the adapter installs them once and routes each line to
 * the logger of the instance it concerns.
 *
 * The adapter is not sans-I/O: libpri reads the wall clock itself.
 */
#ifndef NASD_ISDN_PRI_H
#define NASD_ISDN_PRI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "timer.h"

struct isdn_pri;
struct q931_call; /* libpri's call handle (opaque) */

enum isdn_pri_kind {
	ISDN_PRI_BRI,    /* 2B+D, point-to-point */
	ISDN_PRI_T1,     /* 23B+D, D-channel in timeslot 24 */
	ISDN_PRI_E1,     /* 30B+D, D-channel in timeslot 16 */
};

#define ISDN_PRI_EVENTS(X)                                                     \
	X(ISDN_EV_DCHAN_UP, "D-channel up")                                    \
	X(ISDN_EV_DCHAN_DOWN, "D-channel down")                                \
	X(ISDN_EV_RING, "incoming call")          /* SETUP received */        \
	X(ISDN_EV_PROCEEDING, "proceeding")       /* CALL PROCEEDING */       \
	X(ISDN_EV_RINGING, "alerting")            /* ALERTING */              \
	X(ISDN_EV_ANSWER, "connected")            /* CONNECT */               \
	X(ISDN_EV_CONNECT_ACK, "connect ack")     /* CONNECT ACKNOWLEDGE */   \
	X(ISDN_EV_HANGUP_REQ, "disconnect")       /* DISCONNECT received */   \
	X(ISDN_EV_HANGUP, "released")             /* RELEASE (COMPLETE) */    \
	X(ISDN_EV_HANGUP_ACK, "release complete") /* our hang-up finished */  \
	X(ISDN_EV_OTHER, "other")

enum isdn_pri_ev {
#define ISDN_EV_ENUM(e, s) e,
	ISDN_PRI_EVENTS(ISDN_EV_ENUM)
#undef ISDN_EV_ENUM
	ISDN_EV__COUNT
};

const char *isdn_pri_ev_name(enum isdn_pri_ev ev);

#define ISDN_NUMBER_MAX 32

/* An event, copied out of libpri's storage. */
struct isdn_pri_event {
	enum isdn_pri_ev type;
	struct q931_call *call; /* NULL for D-channel events */
	int channel;            /* B-channel (1..31), 0 when none/any */
	int cause;              /* Q.850 cause value (HANGUP*) */
	int cref;               /* call reference (RING) */
	int bearer;             /* Q931_CAP_* (RING) */
	char calling[ISDN_NUMBER_MAX + 1];
	char called[ISDN_NUMBER_MAX + 1];
};

struct isdn_pri_ops {
	/* Send one Q.921 frame (no FCS) over the D-channel. */
	void (*send)(void *ctx, const uint8_t *frame, size_t len);
	/* One event.  The owner may call any isdn_pri_* function except
	 * isdn_pri_free() from here. */
	void (*event)(void *ctx, const struct isdn_pri_event *ev);
};

/*
 * Create a D-channel.  `network` picks the network side (the pstn) or the
 * user side (nasd, CPE).  switchtype is libpri's PRI_SWITCH_* (see
 * isdn_pri_switch_type()).  ops/ctx/ts/lg are borrowed and must outlive
 * the instance; `name` ("Se0:23") is copied for log lines.  Layer 2 comes
 * up once the peer answers (ISDN_EV_DCHAN_UP).  NULL when libpri fails.
 */
struct isdn_pri *isdn_pri_new(bool network, enum isdn_pri_kind kind,
			      int switchtype, const struct isdn_pri_ops *ops,
			      void *ctx, struct timers *ts,
			      const struct logger *lg, const char *name);
/* Free (never from inside an ops callback). */
void isdn_pri_free(struct isdn_pri *p);

/* A D-channel frame from the peer (no FCS).  Events run synchronously. */
void isdn_pri_input(struct isdn_pri *p, const uint8_t *frame, size_t len);

/* Is layer 2 established? */
bool isdn_pri_up(const struct isdn_pri *p);

/*
 * Place a call: SETUP on B-channel `channel` (exclusive; 0 = let the
 * network choose) with bearer capability `bearer` (Q931_CAP_*: speech and
 * 3.1 kHz audio go out with mu-law layer 1 on T1/BRI, A-law on E1;
 * digital without layer 1), called and calling numbers (calling may be
 * NULL or "").  Returns the call handle, or NULL when layer 2 is down or
 * libpri refused.
 */
struct q931_call *isdn_pri_call(struct isdn_pri *p, int channel, int bearer,
				const char *called, const char *calling);

/* Answering side: CALL PROCEEDING, ALERTING, CONNECT on `channel`.
 * 0 or -1 (libpri refused: wrong state). */
int isdn_pri_proceeding(struct isdn_pri *p, struct q931_call *c, int channel);
int isdn_pri_alerting(struct isdn_pri *p, struct q931_call *c, int channel);
int isdn_pri_answer(struct isdn_pri *p, struct q931_call *c, int channel);

/* Clear a call with a Q.850 cause: DISCONNECT, RELEASE or RELEASE
 * COMPLETE as the call state requires (libpri decides); after
 * ISDN_EV_HANGUP from the peer this finishes the clearing and frees the
 * handle.  The handle must not be used once ISDN_EV_HANGUP_ACK or this
 * call after ISDN_EV_HANGUP returned. */
void isdn_pri_hangup(struct isdn_pri *p, struct q931_call *c, int cause);

/*
 * Refuse an incoming call (ISDN_EV_RING) with a Q.850 cause.  On the user
 * side libpri 1.6 sends nothing for a hang-up in the Call Present state,
 * so the call is first acknowledged with CALL PROCEEDING on `channel` and
 * then cleared with DISCONNECT; the network side answers RELEASE COMPLETE
 * at once.  The handle is released as after isdn_pri_hangup().
 */
void isdn_pri_refuse(struct isdn_pri *p, struct q931_call *c, int channel,
		     int cause);

/* libpri switch type for an IOS `isdn switch-type` word ("primary-5ess",
 * "primary-net5", "basic-net3", "basic-5ess", "primary-ni", ...); -1
 * when unknown. */
int isdn_pri_switch_type(const char *ios_word);

#endif /* NASD_ISDN_PRI_H */
