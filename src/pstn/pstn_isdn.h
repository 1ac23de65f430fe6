/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_isdn.h - an ISDN subscriber of the phone network: a BRI (2B+D) or
 * PRI (T1 23B+D, E1 30B+D) attachment whose number is a *trunk* of the
 * switch (pstn_port.h), with one port per B-channel.  The network side of
 * the D-channel is libpri (isdn_pri.h, PRI_NETWORK); the user side is
 * whatever attached (nasd).  Doc: doc/pstn.md, doc/pstn-protocol.md.
 *
 *  - A call from anywhere to the number seizes a free B-channel (the
 *    highest free one, as a 5ESS hunts) and sends SETUP with the call's
 *    bearer: 3.1 kHz audio for a modem's call, unrestricted digital for
 *    an ISDN data call.  CONNECT from the user answers it.
 *  - A SETUP from the user is dialled through the switch with its bearer;
 *    CALL PROCEEDING and ALERTING go back at once, CONNECT once the far
 *    end is connected.  Failures clear with the Q.850 cause: 1
 *    unallocated, 17 busy, 34 no circuit, 88 incompatible (a digital call
 *    to an analog line).
 *  - Once connected, a voice call's B-channel gets CARRIER(speed) when the
 *    modems have trained, and DATA both ways carries the analog modem's
 *    DTE octets; a data call's DATA messages are whole HDLC frames,
 *    relayed as they come.
 *  - Hang-up either way: DISCONNECT / RELEASE with the cause (16 normal).
 *
 * Sans I/O apart from libpri: the owner (pstn_attach.c) carries the
 * attachment's messages in and out.
 */
#ifndef NASD_PSTN_ISDN_H
#define NASD_PSTN_ISDN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "pstn_switch.h"
#include "pstn_wire.h"
#include "timer.h"

#define PSTN_ISDN_MAX_B 31

struct pstn_isdn;

struct pstn_isdn_send {
	/* One attachment-protocol message to the user side (type DCHAN,
	 * DATA or CARRIER). */
	void (*send)(void *arg, const uint8_t *msg, size_t len);
};

/* One B-channel: a port of the switch plus the Q.931 call on it. */
struct pstn_bchan {
	struct pstn_isdn *isdn;
	unsigned num;            /* 1..31: B-channel / timeslot number */
	struct pstn_port port;
	struct q931_call *qcall; /* libpri's call, NULL when idle */
	bool outgoing;           /* the user placed the call */
	bool voice;              /* carries a modem call */
	bool carrier;            /* CARRIER(speed) sent */
};

struct pstn_isdn {
	struct pstn_switch *sw;
	struct pstn_sub *sub;
	enum pstn_role role;     /* BRI, PRI_T1 or PRI_E1 */
	struct pstn_trunk trunk;
	struct timers *ts;
	struct logger *lg;
	const unsigned *debug;   /* PSTN_DBG_* */
	struct logger q931_lg;   /* lg with `debug isdn q931` on */
	struct isdn_pri *pri;    /* while attached */
	const struct pstn_isdn_send *out;
	void *out_arg;
	unsigned nb;             /* B-channels: 2, 23 or 30 */
	struct pstn_bchan b[PSTN_ISDN_MAX_B];
	uint64_t frames_in, frames_out;
	struct pstn_isdn *next;  /* the owner's list */
};

/* Create the trunk for subscriber `sub` (bound to it) with the channels
 * of `role` (PSTN_ROLE_BRI / _PRI_T1 / _PRI_E1).  NULL on allocation
 * failure or another role. */
struct pstn_isdn *pstn_isdn_new(struct pstn_switch *sw, struct pstn_sub *sub,
				enum pstn_role role, struct timers *ts,
				struct logger *lg, const unsigned *debug);
/* Detach (calls are released) and free. */
void pstn_isdn_free(struct pstn_isdn *isdn);

/* The user side attached: start the network side of the D-channel.
 * Returns 0, or -EBUSY when already attached, -ENOMEM. */
int pstn_isdn_attach(struct pstn_isdn *isdn, const struct pstn_isdn_send *out,
		     void *arg);
/* The user side went away: every call is released (the far ends hear
 * NO CARRIER / cause 27 "destination out of order"). */
void pstn_isdn_detach(struct pstn_isdn *isdn);
bool pstn_isdn_attached(const struct pstn_isdn *isdn);
/* Is layer 2 up? */
bool pstn_isdn_dchan_up(const struct pstn_isdn *isdn);

/*
 * A message from the user side: DCHAN (channel 0) or DATA on a B-channel.
 * Returns 0, or -EPROTO with *why for a message the attachment may not
 * send (other types, a channel the interface does not have).  DATA on a
 * channel without a connected call is dropped silently (a frame in flight
 * when the call ends).
 */
int pstn_isdn_input(struct pstn_isdn *isdn, const struct pstn_wire_msg *m,
		    const char **why);

/* Number of B-channels of a role: 2, 23, 30; 0 for non-ISDN roles. */
unsigned pstn_isdn_channels(enum pstn_role role);

#endif /* NASD_PSTN_ISDN_H */
