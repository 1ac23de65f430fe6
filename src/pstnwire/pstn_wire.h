/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_wire.h - the attachment protocol between the built-in phone network
 * (`build/pstn`) and the equipment plugged into it: nasd's lines (an analog
 * modem's serial side), nasd's ISDN interfaces (BRI, PRI), and test clients.
 * Documented in doc/pstn-protocol.md.
 *
 * Transport: a Unix SOCK_SEQPACKET connection to the pstn's attach socket.
 * Message boundaries are preserved, so one message = one record:
 *
 *   octet 0     type      (enum pstn_msg)
 *   octet 1     channel   0 = the line itself or the ISDN D-channel;
 *                         1..31 = a B-channel
 *   octets 2..  payload   (type-specific, at most PSTN_WIRE_MAX_PAYLOAD)
 *
 * Integers in payloads are big-endian.  A peer that receives a malformed
 * message or an unknown type closes the connection (after an ERROR message
 * when it can), since a stream of records cannot be resynchronised anyway;
 * but nothing is ever asserted on input.
 */
#ifndef NASD_PSTN_WIRE_H
#define NASD_PSTN_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rd.h"
#include "wr.h"

#define PSTN_WIRE_HDR_LEN 2
#define PSTN_WIRE_MAX_PAYLOAD 4096
#define PSTN_WIRE_MAX_MSG (PSTN_WIRE_HDR_LEN + PSTN_WIRE_MAX_PAYLOAD)
#define PSTN_NUMBER_MAX 32 /* digits of a subscriber number, NUL excluded */

/* X(ENUM, value, "name") */
#define PSTN_MSGS(X)                                                           \
	X(PSTN_MSG_ATTACH, 1, "ATTACH")     /* client: role + number */        \
	X(PSTN_MSG_ATTACHED, 2, "ATTACHED") /* pstn: accepted, info text */    \
	X(PSTN_MSG_ERROR, 3, "ERROR")       /* either: reason text; closes */  \
	X(PSTN_MSG_DATA, 4, "DATA")         /* either: bytes or one frame */   \
	X(PSTN_MSG_SIGNALS, 5, "SIGNALS")   /* either: modem-control bits */   \
	X(PSTN_MSG_CARRIER, 6, "CARRIER")   /* pstn: B-channel modem call */   \
	X(PSTN_MSG_DCHAN, 7, "DCHAN")       /* either: one Q.921 frame */

enum pstn_msg {
#define PSTN_MSG_ENUM(e, v, s) e = v,
	PSTN_MSGS(PSTN_MSG_ENUM)
#undef PSTN_MSG_ENUM
};

/* What the client is, in ATTACH. */
#define PSTN_ROLES(X)                                                          \
	X(PSTN_ROLE_DTE, 1, "dte")         /* the serial side of the modem   \
					    * on an analog subscriber line */  \
	X(PSTN_ROLE_BRI, 2, "bri")         /* ISDN BRI, user side (TE) */     \
	X(PSTN_ROLE_PRI_T1, 3, "pri-t1")   /* ISDN PRI T1 23B+D, user side */ \
	X(PSTN_ROLE_PRI_E1, 4, "pri-e1")   /* ISDN PRI E1 30B+D, user side */

enum pstn_role {
#define PSTN_ROLE_ENUM(e, v, s) e = v,
	PSTN_ROLES(PSTN_ROLE_ENUM)
#undef PSTN_ROLE_ENUM
};

/*
 * SIGNALS bits.  From the DTE (nasd or a client) to the modem: DTR, RTS.
 * From the modem to the DTE: DCD, DSR, RI (set while the line rings), CTS.
 * A SIGNALS message carries the full current set of the sender's lines.
 */
#define PSTN_SIG_DTR 0x01
#define PSTN_SIG_RTS 0x02
#define PSTN_SIG_DCD 0x10
#define PSTN_SIG_DSR 0x20
#define PSTN_SIG_RI 0x40
#define PSTN_SIG_CTS 0x80

/* A decoded message.  Pointers borrow the input buffer. */
struct pstn_wire_msg {
	uint8_t type;    /* enum pstn_msg */
	uint8_t channel; /* 0..31 */
	/* ATTACH */
	uint8_t role;                        /* enum pstn_role */
	char number[PSTN_NUMBER_MAX + 1];    /* NUL-terminated */
	/* ATTACHED, ERROR: text (not NUL-terminated on the wire) */
	const char *text;
	size_t text_len;
	/* DATA, DCHAN */
	const uint8_t *data;
	size_t data_len;
	/* SIGNALS */
	uint8_t signals;
	/* CARRIER: the speed the modems connected at, 0 = carrier lost */
	uint32_t speed_bps;
};

/*
 * Decode one message (one SEQPACKET record) of `len` octets.  Returns 0, or
 * -EPROTO with a short reason in *why for a malformed message: shorter than
 * the header, unknown type, channel above 31, payload longer than
 * PSTN_WIRE_MAX_PAYLOAD, an ATTACH number that is empty, too long or not
 * made of digits, a SIGNALS payload that is not one octet, a CARRIER
 * payload that is not four.
 */
int pstn_wire_decode(const uint8_t *msg, size_t len, struct pstn_wire_msg *out,
		     const char **why);

/* Encoders: append one message to w (check wr_ok()).  `number` must be
 * digits only (pstn_number_normalise() first). */
void pstn_wire_put_attach(struct wr *w, enum pstn_role role,
			  const char *number);
void pstn_wire_put_text(struct wr *w, enum pstn_msg type, const char *text);
void pstn_wire_put_data(struct wr *w, enum pstn_msg type, uint8_t channel,
			const void *data, size_t len);
void pstn_wire_put_signals(struct wr *w, uint8_t channel, uint8_t signals);
void pstn_wire_put_carrier(struct wr *w, uint8_t channel, uint32_t speed_bps);

/* Names for logs ("DATA", "pri-t1"); "?" when unknown. */
const char *pstn_msg_name(uint8_t type);
const char *pstn_role_name(uint8_t role);

/*
 * The numbering plan (doc/pstn-protocol.md), step 1: a dial string keeps
 * its digits and drops punctuation ('-', ' ', '(', ')', '.', '+').  Hayes
 * dial modifiers (',' 'W' ';' 'T' 'P' '!' '@') are the modem's business and
 * must be removed before.  Writes the digits into out (NUL-terminated) and
 * returns their count, or -EINVAL when no digit remains or another
 * character appears, -ENAMETOOLONG past PSTN_NUMBER_MAX digits.
 */
int pstn_number_normalise(const char *dial, char *out, size_t out_size);

/*
 * Step 2: does the normalised dialled number reach the normalised
 * subscriber number?  Yes when they are equal; when the dialled number is
 * the subscriber's with the long-distance prefix "1" in front; and, for a
 * 10-digit subscriber number, when the dialled number is its last 7 digits
 * (a local call in the same area), with or without the "1".  So "527-9651",
 * "1-527-9651" and "5279651" all reach subscriber 5279651, as seed 001's
 * trace dials it.
 */
bool pstn_number_matches(const char *dialled, const char *number);

/*
 * A device string naming a phone-network modem, `pstn:SOCKET:NUMBER` (nasd's
 * `device` line command, nasdial's --device): SOCKET is the attach socket's
 * path (it may contain ':'; the last ':' ends it), NUMBER the subscriber,
 * normalised (step 1 above).  Fills path[path_size] and number[number_size]
 * and returns 0; -ENOENT when device does not start with "pstn:" (it is a
 * tty); -EINVAL when the path is empty or the number not a number;
 * -ENAMETOOLONG when either does not fit.
 */
int pstn_device_parse(const char *device, char *path, size_t path_size,
		      char *number, size_t number_size);

#endif /* NASD_PSTN_WIRE_H */
