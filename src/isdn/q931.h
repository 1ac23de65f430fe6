/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * q931.h - ISDN D-channel messages for `debug isdn q931`, sans I/O: a Q.921
 * frame peek that finds the Q.931 message inside an I or UI frame (ITU-T
 * Q.921 §3.2-3.4: address field, control field), a Q.931 decoder (ITU-T
 * Q.931 §4: protocol discriminator, call reference with its flag, message
 * type, the information elements nasd prints) into a plain struct, and an
 * IOS-style printer:
 *
 *	ISDN Se0:23: RX <- SETUP pd = 8 callref = 0x36
 *	        Bearer Capability i = 0x9090A2
 *	        Channel ID i = 0xA98393
 *	        Called Party Number i = 0xC1, '4084327528'
 *
 * The call signalling itself is libpri's (isdn_pri.h); this module only
 * reads what went over the wire, so a malformed message is reported, never
 * acted on.  Cause values and their names are ITU-T Q.850 §2.2.5.
 */
#ifndef NASD_ISDN_Q931_H
#define NASD_ISDN_Q931_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "strbuf.h"

#define Q931_PD 0x08 /* Q.931 §4.2: user-network call control messages */

/* Message types (Q.931 §4.4, Table 4-2), with the names IOS prints. */
#define Q931_MSGS(X)                                                           \
	X(Q931_ALERTING, 0x01, "ALERTING")                                     \
	X(Q931_CALL_PROC, 0x02, "CALL_PROC")                                   \
	X(Q931_PROGRESS, 0x03, "PROGRESS")                                     \
	X(Q931_SETUP, 0x05, "SETUP")                                           \
	X(Q931_CONNECT, 0x07, "CONNECT")                                       \
	X(Q931_SETUP_ACK, 0x0D, "SETUP_ACK")                                   \
	X(Q931_CONNECT_ACK, 0x0F, "CONNECT_ACK")                               \
	X(Q931_USER_INFO, 0x20, "USER_INFO")                                   \
	X(Q931_SUSPEND_REJ, 0x21, "SUSPEND_REJ")                               \
	X(Q931_RESUME_REJ, 0x22, "RESUME_REJ")                                 \
	X(Q931_SUSPEND, 0x25, "SUSPEND")                                       \
	X(Q931_RESUME, 0x26, "RESUME")                                         \
	X(Q931_SUSPEND_ACK, 0x2D, "SUSPEND_ACK")                               \
	X(Q931_RESUME_ACK, 0x2E, "RESUME_ACK")                                 \
	X(Q931_DISCONNECT, 0x45, "DISCONNECT")                                 \
	X(Q931_RESTART, 0x46, "RESTART")                                       \
	X(Q931_RELEASE, 0x4D, "RELEASE")                                       \
	X(Q931_RESTART_ACK, 0x4E, "RESTART_ACK")                               \
	X(Q931_RELEASE_COMP, 0x5A, "RELEASE_COMP")                             \
	X(Q931_SEGMENT, 0x60, "SEGMENT")                                       \
	X(Q931_FACILITY, 0x62, "FACILITY")                                     \
	X(Q931_NOTIFY, 0x6E, "NOTIFY")                                         \
	X(Q931_STATUS_ENQ, 0x75, "STATUS_ENQ")                                 \
	X(Q931_CONGESTION_CTRL, 0x79, "CONGESTION_CTRL")                       \
	X(Q931_INFORMATION, 0x7B, "INFORMATION")                               \
	X(Q931_STATUS, 0x7D, "STATUS")

enum q931_msg_type {
#define Q931_MSG_ENUM(e, v, s) e = v,
	Q931_MSGS(Q931_MSG_ENUM)
#undef Q931_MSG_ENUM
};

/* Information element identifiers of codeset 0 (Q.931 §4.5, Table 4-3)
 * that the decoder keeps. */
#define Q931_IE_BEARER 0x04
#define Q931_IE_CAUSE 0x08
#define Q931_IE_CHANNEL_ID 0x18
#define Q931_IE_PROGRESS 0x1E
#define Q931_IE_DISPLAY 0x28
#define Q931_IE_CALLING 0x6C
#define Q931_IE_CALLED 0x70

/* Cause values (Q.850 Table 1) nasd and the pstn use. */
#define Q931_CAUSE_UNALLOCATED 1
#define Q931_CAUSE_NORMAL 16
#define Q931_CAUSE_BUSY 17
#define Q931_CAUSE_NO_RESPONSE 18
#define Q931_CAUSE_NO_ANSWER 19
#define Q931_CAUSE_REJECTED 21
#define Q931_CAUSE_OUT_OF_ORDER 27
#define Q931_CAUSE_NORMAL_UNSPEC 31
#define Q931_CAUSE_NO_CIRCUIT 34
#define Q931_CAUSE_TEMP_FAILURE 41
#define Q931_CAUSE_CHAN_UNAVAIL 44
#define Q931_CAUSE_BEARER_NOT_IMPL 65
#define Q931_CAUSE_INCOMPATIBLE 88

/* Information transfer capability of the Bearer Capability (Q.931
 * §4.5.5 octet 3). */
#define Q931_CAP_SPEECH 0x00
#define Q931_CAP_DIGITAL 0x08       /* unrestricted digital information */
#define Q931_CAP_RESTRICTED 0x09
#define Q931_CAP_AUDIO_3K1 0x10     /* 3.1 kHz audio: modem calls */
#define Q931_CAP_DIGITAL_TONES 0x11
#define Q931_CAP_VIDEO 0x18

#define Q931_IE_RAW_MAX 32   /* octets kept of an IE printed in hex */
#define Q931_DIGITS_MAX 32   /* digits of a party number */
#define Q931_DISPLAY_MAX 82  /* Q.931 §4.5.16: at most 80 IA5 characters */

/* An IE kept as its contents (after identifier and length). */
struct q931_raw_ie {
	bool present;
	uint8_t len;                   /* octets kept (≤ Q931_IE_RAW_MAX) */
	uint8_t v[Q931_IE_RAW_MAX];
};

/* Calling / Called Party Number (Q.931 §4.5.8, §4.5.10). */
struct q931_number {
	bool present;
	uint8_t type_plan;          /* octet 3 as sent (with extension bit) */
	bool has_pres;              /* octet 3a present (calling only) */
	uint8_t pres;               /* octet 3a as sent */
	char digits[Q931_DIGITS_MAX + 1]; /* IA5 digits, NUL-terminated */
};

/* A decoded message.  IEs that occur twice keep the first. */
struct q931_msg {
	uint8_t pd;             /* protocol discriminator (8 = Q.931) */
	uint8_t cref_len;       /* 0..2 octets of call reference value */
	bool cref_flag;         /* set: sent by the side that did not
				 * allocate the reference (§4.3) */
	uint16_t cref;          /* value without the flag */
	uint8_t type;           /* enum q931_msg_type */
	struct q931_raw_ie bearer;
	uint8_t bearer_cap;     /* information transfer capability */
	struct q931_raw_ie chan;
	int channel;            /* B-channel named in Channel ID: 1..31 for
				 * PRI (slot number), 1..2 for BRI; 0 =
				 * none / any; -1 = not understood */
	bool chan_exclusive;
	struct q931_raw_ie cause;
	uint8_t cause_location; /* Q.850 §2.2.4 */
	uint8_t cause_value;    /* Q.850 §2.2.5, 0 when absent */
	struct q931_raw_ie progress;
	uint8_t progress_desc;  /* Q.931 §4.5.23 octet 4, without ext bit */
	struct q931_number calling, called;
	bool has_display;
	char display[Q931_DISPLAY_MAX + 1];
	unsigned nies;          /* IEs seen, codeset 0 and others */
};

/*
 * Q.921 (§3.2, §3.3): find the layer 3 message in a D-channel frame of
 * `len` octets (address, control, information; no flags, no FCS).  True
 * when the frame is an I frame (modulo 128, two control octets) or a UI
 * frame of SAPI 0 (call control), with *l3 and *l3_len set to its
 * information field (may be empty: then false).  Supervisory, other
 * unnumbered frames, other SAPIs and short frames give false.
 */
bool q921_peek(const uint8_t *frame, size_t len, const uint8_t **l3,
	       size_t *l3_len);

/*
 * Decode one Q.931 message (§4) of `len` octets into *msg (cleared
 * first).  Returns 0, or -EPROTO with a short reason in *why (static
 * text) for a message shorter than its header, a call reference longer
 * than 2 octets or an IE that runs past the end.  Unknown IEs and IEs of
 * other codesets (after a shift, §4.5.3) are skipped; a known IE with
 * contents it cannot read is kept raw with channel = -1 etc., never an
 * error, since the printer must show what was sent.
 */
int q931_decode(const uint8_t *buf, size_t len, struct q931_msg *msg,
		const char **why);

/* IOS name of a message type ("CALL_PROC"), NULL when unknown. */
const char *q931_msg_name(uint8_t type);

/* Q.850 name of a cause value ("Normal call clearing"); "Unknown cause"
 * when unassigned. */
const char *q931_cause_name(uint8_t value);

/* Name of an information transfer capability ("Speech",
 * "Unrestricted digital", "3.1 kHz audio"), "Unknown" otherwise. */
const char *q931_cap_name(uint8_t cap);

/*
 * Append the IOS `debug isdn q931` text of msg to sb: the header
 *   "ISDN <ifshort>: RX <- SETUP pd = 8 callref = 0x36"
 * (`tx` picks "TX ->"; an unknown type prints as "0x%02X") and one line
 * per known IE, indented by 8 spaces, each line ended by '\n'.  The call
 * reference prints as IOS does: 4 hex digits with the flag for 2-octet
 * references, except a reference the peer allocated on a received
 * message, which prints without leading zeros (seed 001: "RX <- SETUP ...
 * callref = 0x36", "TX -> CALL_PROC ... callref = 0x8036").
 */
void q931_print(const struct q931_msg *msg, const char *ifshort, bool tx,
		struct strbuf *sb);

/*
 * Convenience for the D-channel owners: peek the Q.921 frame, decode the
 * Q.931 message and log its lines at debug level when DBG_ISDN_Q931 is
 * on.  A frame without layer 3 prints nothing; one that does not decode
 * prints "ISDN <ifshort>: RX <- bad Q.931 message (<why>)".
 */
void q931_debug_frame(const struct logger *lg, const char *ifshort, bool tx,
		      const uint8_t *frame, size_t len);

#endif /* NASD_ISDN_Q931_H */
