/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_codec.h - the L2TPv2 wire format (RFC 2661 §3.1 header, §4.1 AVP
 * format, §4.3 hidden AVPs, §4.4 AVP values, §6 mandatory AVPs per message)
 * and tunnel authentication (§4.4.3 Challenge / Challenge Response).
 *
 * Pure functions over caller-supplied buffers, no state: the tunnel and
 * session machines, the unit tests and the fuzzers all use them.
 *
 *  - l2tp_hdr_parse() / l2tp_hdr_write(): the header, with every field
 *    offset computed from the T L S O P flags; only Ver 2 is accepted.
 *  - l2tp_msg_parse(): a whole control message body (the AVPs after the
 *    header) into a plain struct l2tp_msg, unhiding hidden AVPs, checking
 *    that Message Type comes first, that Vendor ID is 0 before the type is
 *    looked at, and that every mandatory AVP of the message type is there.
 *  - l2tp_msg_write(): the same struct back to AVPs, hiding the AVPs the
 *    caller asks for (never in SCCRQ, never Message Type, Random Vector,
 *    Protocol Version or Result Code) after a fresh Random Vector.
 *
 * Variable-length values are `struct l2tp_span`s pointing into the parsed
 * datagram, or into the caller's scratch buffer for values that were hidden
 * (the plaintext has to live somewhere); they are valid as long as both.
 */
#ifndef NASD_L2TP_CODEC_H
#define NASD_L2TP_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rd.h"
#include "wr.h"

#define L2TP_PORT 1701
#define L2TP_VERSION 2		     /* header Ver field */
#define L2TP_PROTOCOL_VERSION 0x0100 /* Protocol Version AVP: Ver 1 Rev 0 */
#define L2TP_CTRL_HDR_LEN 12	     /* T L S set, O clear */
/* The largest control message we accept or build; real ones are a few
 * hundred octets. */
#define L2TP_CTRL_MAX 4096
#define L2TP_AVP_HDR_LEN 6
#define L2TP_AVP_MAX_LEN 1023 /* 10-bit Length field */
#define L2TP_CHAL_RESP_LEN 16 /* MD5 digest */

/* Header flag bits of the first 16-bit word (§3.1). */
#define L2TP_HDR_T 0x8000
#define L2TP_HDR_L 0x4000
#define L2TP_HDR_S 0x0800
#define L2TP_HDR_O 0x0200
#define L2TP_HDR_P 0x0100
#define L2TP_HDR_VER_MASK 0x000F

/* AVP header bits (§4.1). */
#define L2TP_AVP_M 0x8000
#define L2TP_AVP_H 0x4000
#define L2TP_AVP_RSVD 0x3C00
#define L2TP_AVP_LEN_MASK 0x03FF

/*
 * Control message types (§3.2): X(ENUM, value, name).  Names are the
 * abbreviations IOS prints ("O SCCRQ", "I ICCN").
 */
#define L2TP_MSG_TYPES(X)                                                      \
	X(L2TP_MSG_SCCRQ, 1, "SCCRQ")                                          \
	X(L2TP_MSG_SCCRP, 2, "SCCRP")                                          \
	X(L2TP_MSG_SCCCN, 3, "SCCCN")                                          \
	X(L2TP_MSG_STOPCCN, 4, "StopCCN")                                      \
	X(L2TP_MSG_HELLO, 6, "Hello")                                          \
	X(L2TP_MSG_OCRQ, 7, "OCRQ")                                            \
	X(L2TP_MSG_OCRP, 8, "OCRP")                                            \
	X(L2TP_MSG_OCCN, 9, "OCCN")                                            \
	X(L2TP_MSG_ICRQ, 10, "ICRQ")                                           \
	X(L2TP_MSG_ICRP, 11, "ICRP")                                           \
	X(L2TP_MSG_ICCN, 12, "ICCN")                                           \
	X(L2TP_MSG_CDN, 14, "CDN")                                             \
	X(L2TP_MSG_WEN, 15, "WEN")                                             \
	X(L2TP_MSG_SLI, 16, "SLI")

enum l2tp_msg_type {
	L2TP_MSG_ZLB = 0, /* not a type: a header-only acknowledgement */
#define L2TP_MSG_ENUM(e, v, s) e = v,
	L2TP_MSG_TYPES(L2TP_MSG_ENUM)
#undef L2TP_MSG_ENUM
	L2TP_MSG__MAX = 16
};

/*
 * Attribute types (§4.4): X(ENUM, value, name, flags).  Flags:
 *   F_M     the M bit we set when sending it
 *   F_NOHIDE never hidden (§4.3 / l2tp.md §1.2)
 * Names are the RFC's.
 */
#define L2TP_AVPF_M 1u
#define L2TP_AVPF_NOHIDE 2u
#define L2TP_AVP_TYPES(X)                                                      \
	X(L2TP_AVP_MSG_TYPE, 0, "Message Type", 3)                             \
	X(L2TP_AVP_RESULT_CODE, 1, "Result Code", 3)                           \
	X(L2TP_AVP_PROTOCOL_VERSION, 2, "Protocol Version", 3)                 \
	X(L2TP_AVP_FRAMING_CAP, 3, "Framing Capabilities", 1)                  \
	X(L2TP_AVP_BEARER_CAP, 4, "Bearer Capabilities", 1)                    \
	X(L2TP_AVP_TIE_BREAKER, 5, "Tie Breaker", 0)                           \
	X(L2TP_AVP_FIRMWARE_REV, 6, "Firmware Revision", 0)                    \
	X(L2TP_AVP_HOST_NAME, 7, "Host Name", 1)                               \
	X(L2TP_AVP_VENDOR_NAME, 8, "Vendor Name", 0)                           \
	X(L2TP_AVP_ASSIGNED_TUNNEL_ID, 9, "Assigned Tunnel ID", 1)             \
	X(L2TP_AVP_RX_WINDOW, 10, "Receive Window Size", 1)                    \
	X(L2TP_AVP_CHALLENGE, 11, "Challenge", 1)                              \
	X(L2TP_AVP_Q931_CAUSE, 12, "Q.931 Cause Code", 1)                      \
	X(L2TP_AVP_CHALLENGE_RESPONSE, 13, "Challenge Response", 1)            \
	X(L2TP_AVP_ASSIGNED_SESSION_ID, 14, "Assigned Session ID", 1)          \
	X(L2TP_AVP_CALL_SERIAL, 15, "Call Serial Number", 1)                   \
	X(L2TP_AVP_MIN_BPS, 16, "Minimum BPS", 1)                              \
	X(L2TP_AVP_MAX_BPS, 17, "Maximum BPS", 1)                              \
	X(L2TP_AVP_BEARER_TYPE, 18, "Bearer Type", 1)                          \
	X(L2TP_AVP_FRAMING_TYPE, 19, "Framing Type", 1)                        \
	X(L2TP_AVP_CALLED_NUMBER, 21, "Called Number", 1)                      \
	X(L2TP_AVP_CALLING_NUMBER, 22, "Calling Number", 1)                    \
	X(L2TP_AVP_SUB_ADDRESS, 23, "Sub-Address", 1)                          \
	X(L2TP_AVP_TX_SPEED, 24, "Connect Speed", 1)                           \
	X(L2TP_AVP_PHYS_CHANNEL, 25, "Physical Channel ID", 0)                 \
	X(L2TP_AVP_LCP_INITIAL_RX, 26, "Initial Received LCP CONFREQ", 0)      \
	X(L2TP_AVP_LCP_LAST_TX, 27, "Last Sent LCP CONFREQ", 0)                \
	X(L2TP_AVP_LCP_LAST_RX, 28, "Last Received LCP CONFREQ", 0)            \
	X(L2TP_AVP_PROXY_AUTH_TYPE, 29, "Proxy Authen Type", 0)                \
	X(L2TP_AVP_PROXY_AUTH_NAME, 30, "Proxy Authen Name", 0)                \
	X(L2TP_AVP_PROXY_AUTH_CHALLENGE, 31, "Proxy Authen Challenge", 0)      \
	X(L2TP_AVP_PROXY_AUTH_ID, 32, "Proxy Authen ID", 0)                    \
	X(L2TP_AVP_PROXY_AUTH_RESPONSE, 33, "Proxy Authen Response", 0)        \
	X(L2TP_AVP_CALL_ERRORS, 34, "Call Errors", 1)                          \
	X(L2TP_AVP_ACCM, 35, "ACCM", 1)                                        \
	X(L2TP_AVP_RANDOM_VECTOR, 36, "Random Vector", 3)                      \
	X(L2TP_AVP_PRIVATE_GROUP_ID, 37, "Private Group ID", 0)                \
	X(L2TP_AVP_RX_SPEED, 38, "Rx Connect Speed", 0)                        \
	X(L2TP_AVP_SEQUENCING_REQUIRED, 39, "Sequencing Required", 1)

enum l2tp_avp_type {
#define L2TP_AVP_ENUM(e, v, s, f) e = v,
	L2TP_AVP_TYPES(L2TP_AVP_ENUM)
#undef L2TP_AVP_ENUM
	L2TP_AVP__MAX = 40 /* one past the highest type we know */
};
_Static_assert(L2TP_AVP__MAX <= 64, "AVP present bits fit a uint64_t");

/* Framing and Bearer capability / type bits (§4.4.3, 32-bit masks). */
#define L2TP_FRAMING_SYNC 1u
#define L2TP_FRAMING_ASYNC 2u
#define L2TP_BEARER_DIGITAL 1u
#define L2TP_BEARER_ANALOG 2u

/* Proxy Authen Type values (§4.4.5). */
#define L2TP_PROXY_AUTH_TEXT 1
#define L2TP_PROXY_AUTH_CHAP 2
#define L2TP_PROXY_AUTH_PAP 3
#define L2TP_PROXY_AUTH_NONE 4
#define L2TP_PROXY_AUTH_MSCHAPV1 5

/* StopCCN result codes (§4.4.2). */
#define L2TP_STOPCCN_RESULTS(X)                                                \
	X(L2TP_STOP_CLEAR, 1, "General request to clear control connection")   \
	X(L2TP_STOP_ERROR, 2, "General error, see error code")                 \
	X(L2TP_STOP_EXISTS, 3, "Control channel already exists")               \
	X(L2TP_STOP_NOT_AUTHORIZED, 4,                                         \
	  "Requester is not authorized to establish a control channel")        \
	X(L2TP_STOP_BAD_VERSION, 5, "Protocol version not supported")          \
	X(L2TP_STOP_SHUTDOWN, 6, "Requester is being shut down")               \
	X(L2TP_STOP_FSM, 7, "Finite state machine error")

enum l2tp_stopccn_result {
#define L2TP_STOP_ENUM(e, v, s) e = v,
	L2TP_STOPCCN_RESULTS(L2TP_STOP_ENUM)
#undef L2TP_STOP_ENUM
};

/* CDN result codes (§4.4.2). */
#define L2TP_CDN_RESULTS(X)                                                    \
	X(L2TP_CDN_LOST_CARRIER, 1,                                            \
	  "Call disconnected due to loss of carrier")                          \
	X(L2TP_CDN_ERROR, 2, "Call disconnected, see error code")              \
	X(L2TP_CDN_ADMIN, 3, "Call disconnected for administrative reasons")   \
	X(L2TP_CDN_TEMP_FACILITIES, 4,                                         \
	  "Call failed due to lack of appropriate facilities (temporary)")     \
	X(L2TP_CDN_PERM_FACILITIES, 5,                                         \
	  "Call failed due to lack of appropriate facilities (permanent)")     \
	X(L2TP_CDN_INVALID_DEST, 6, "Invalid destination")                     \
	X(L2TP_CDN_NO_CARRIER, 7, "Call failed due to no carrier detected")    \
	X(L2TP_CDN_BUSY, 8, "Call failed due to detection of a busy signal")   \
	X(L2TP_CDN_NO_DIALTONE, 9, "Call failed due to lack of a dial tone")   \
	X(L2TP_CDN_TIMEOUT, 10,                                                \
	  "Call was not established within time allotted by LAC")              \
	X(L2TP_CDN_NO_FRAMING, 11,                                             \
	  "Call was connected but no appropriate framing was detected")

enum l2tp_cdn_result {
#define L2TP_CDN_ENUM(e, v, s) e = v,
	L2TP_CDN_RESULTS(L2TP_CDN_ENUM)
#undef L2TP_CDN_ENUM
};

/* General error codes (§4.4.2). */
#define L2TP_ERROR_CODES(X)                                                    \
	X(L2TP_ERR_NONE, 0, "No general error")                                \
	X(L2TP_ERR_NO_TUNNEL, 1, "No control connection exists yet")           \
	X(L2TP_ERR_LENGTH, 2, "Length is wrong")                               \
	X(L2TP_ERR_RANGE, 3,                                                   \
	  "One of the field values was out of range or reserved field was "    \
	  "non-zero")                                                          \
	X(L2TP_ERR_RESOURCES, 4, "Insufficient resources to handle operation") \
	X(L2TP_ERR_SESSION_ID, 5, "The Session ID is invalid")                 \
	X(L2TP_ERR_VENDOR, 6, "A generic vendor-specific error occurred")      \
	X(L2TP_ERR_TRY_ANOTHER, 7, "Try another")                              \
	X(L2TP_ERR_UNKNOWN_M, 8, "Unknown mandatory AVP received")

enum l2tp_error_code {
#define L2TP_ERR_ENUM(e, v, s) e = v,
	L2TP_ERROR_CODES(L2TP_ERR_ENUM)
#undef L2TP_ERR_ENUM
};

/* "SCCRQ" ...; "ZLB" for 0; "Unknown" otherwise. */
const char *l2tp_msg_name(uint16_t type);
/* "Host Name" ...; "Unknown" otherwise. */
const char *l2tp_avp_name(uint16_t type);
/* Text of a StopCCN result, a CDN result, an error code; "Unknown" when
 * out of range. */
const char *l2tp_stopccn_result_name(uint16_t result);
const char *l2tp_cdn_result_name(uint16_t result);
const char *l2tp_error_name(uint16_t error);
/* True for messages that belong to a session (ICRQ..SLI except HELLO),
 * i.e. whose protocol errors clear the session, not the tunnel. */
bool l2tp_msg_is_session(uint16_t type);

/* ---- header ------------------------------------------------------------ */

struct l2tp_hdr {
	bool control;	      /* T */
	bool has_length;      /* L */
	bool has_seq;	      /* S */
	bool has_offset;      /* O */
	bool priority;	      /* P (data only) */
	uint16_t length;      /* total octets, when has_length */
	uint16_t tunnel_id;   /* the RECIPIENT's tunnel id */
	uint16_t session_id;  /* the recipient's session id */
	uint16_t ns, nr;      /* when has_seq */
	uint16_t offset_size; /* when has_offset: octets skipped after it */
};

/*
 * Parse the header at the front of buf[0..len).  On success returns 0 and
 * sets *payload to the octets after the header and offset pad, bounded by
 * the Length field when present (octets past Length are ignored, as UDP
 * padding).  Returns -1 with a static reason in *err when: shorter than 6
 * octets, Ver != 2, a control message without L or S, Length beyond the
 * buffer or shorter than the header, or an offset pad past the end.
 * Never reads outside buf.
 */
int l2tp_hdr_parse(const uint8_t *buf, size_t len, struct l2tp_hdr *h,
		   struct rd *payload, const char **err);

/*
 * Write a header from *h (flags taken from has_length, has_seq, has_offset,
 * priority, control; Ver 2).  When has_length is set the Length field is
 * written as h->length: callers building a control message patch it with
 * l2tp_hdr_patch_length() once the AVPs are known.  With has_offset, the
 * Offset Size field is followed by offset_size zero octets.
 */
void l2tp_hdr_write(struct wr *w, const struct l2tp_hdr *h);

/* Set the Length field of the control header at w->buf[0] to w->len. */
void l2tp_hdr_patch_length(struct wr *w);

/* ---- AVPs and messages ------------------------------------------------- */

/* A run of octets inside the parsed datagram or the unhide scratch. */
struct l2tp_span {
	const uint8_t *p;
	uint16_t len;
};

/* Secret for hidden AVPs and tunnel authentication (borrowed). */
struct l2tp_secret {
	const uint8_t *p;
	size_t len;
};

struct l2tp_result_code {
	uint16_t result;
	bool has_error; /* the value was 4+ octets */
	uint16_t error;
	struct l2tp_span message; /* optional text, may be empty */
};

struct l2tp_q931 {
	uint16_t cause;		   /* Q.931 cause value */
	uint8_t msg_type;	   /* the Q.931 message it came in */
	struct l2tp_span advisory; /* optional text */
};

struct l2tp_call_errors {
	uint32_t crc, framing, hw_overrun, buf_overrun, timeout, alignment;
};

/*
 * A control message as a plain struct.  `present` has bit (1 << type) set
 * for every AVP seen (parse) or to be written (write); `hidden` the same
 * for AVPs that arrived hidden (parse) or are to be hidden (write).
 * Sequencing Required has no value: its present bit is all there is.
 */
struct l2tp_msg {
	uint16_t type; /* enum l2tp_msg_type */
	uint64_t present;
	uint64_t hidden;
	struct l2tp_result_code result;
	uint16_t protocol_version;
	uint32_t framing_cap, bearer_cap;
	uint8_t tie_breaker[8];
	uint16_t firmware_rev;
	struct l2tp_span host_name, vendor_name;
	uint16_t assigned_tunnel_id;
	uint16_t rx_window;
	struct l2tp_span challenge;
	struct l2tp_q931 q931;
	uint8_t challenge_response[L2TP_CHAL_RESP_LEN];
	uint16_t assigned_session_id;
	uint32_t call_serial;
	uint32_t min_bps, max_bps;
	uint32_t bearer_type, framing_type;
	struct l2tp_span called_number, calling_number, sub_address;
	uint32_t tx_speed_bps, rx_speed_bps;
	uint32_t phys_channel;
	struct l2tp_span lcp_initial_rx, lcp_last_tx, lcp_last_rx;
	uint16_t proxy_auth_type;
	struct l2tp_span proxy_auth_name, proxy_auth_challenge;
	uint16_t proxy_auth_id;
	struct l2tp_span proxy_auth_response;
	struct l2tp_call_errors call_errors;
	uint32_t accm_send, accm_recv;
	struct l2tp_span private_group_id;
	/* Parse only: the first unknown AVP with M=1 (unknown_m set), for the
	 * StopCCN/CDN the FSM sends with Result 2 / Error 8 (§4.1). */
	bool unknown_m;
	uint16_t unknown_m_vendor, unknown_m_type;
};

static inline bool l2tp_msg_has(const struct l2tp_msg *m, unsigned type)
{
	return type < 64 && (m->present & ((uint64_t)1 << type)) != 0;
}

static inline void l2tp_msg_set(struct l2tp_msg *m, unsigned type)
{
	if (type < 64)
		m->present |= (uint64_t)1 << type;
}

/* Outcome of l2tp_msg_parse(). */
enum l2tp_parse_rc {
	L2TP_PARSE_OK = 0,
	L2TP_PARSE_MALFORMED = -1, /* AVP framing broken: drop, clear tunnel */
	L2TP_PARSE_UNKNOWN_M = -2, /* unknown M=1 AVP: Result 2 / Error 8 */
	L2TP_PARSE_INVALID = -3,   /* mandatory AVP missing or bad value */
	L2TP_PARSE_UNKNOWN_TYPE = -4, /* unknown Message Type, M=0: ignore */
};

/*
 * Parse the AVPs of a control message (the octets after the header) into
 * *m.  Hidden AVPs are unhidden with `secret` (NULL or empty: a hidden AVP
 * is invalid) into scratch[0..scratch_len), which must be at least the
 * body length; spans in *m point into `body`'s storage or scratch.
 *
 * Checks (§4.1, §4.3, §6): every AVP at least 6 octets and inside the
 * body; Message Type first, M set, not hidden; reserved bits set → treated
 * as unrecognised; Vendor ID != 0 → unrecognised (before the type is
 * looked at); unrecognised with M=1 → L2TP_PARSE_UNKNOWN_M (m->type and
 * m->unknown_m_* filled, the rest of the message still parsed); with M=0
 * ignored; a known AVP whose value has the wrong length →
 * L2TP_PARSE_INVALID; a hidden AVP before any Random Vector, with no
 * secret, or whose inner length exceeds its value → L2TP_PARSE_INVALID;
 * the mandatory AVPs of l2tp.md §1.4 missing → L2TP_PARSE_INVALID.  A
 * message type we do not know with the M bit clear → L2TP_PARSE_UNKNOWN_TYPE
 * (ignore it); with the M bit set → L2TP_PARSE_UNKNOWN_M.
 * On every error a one-line reason goes to err (e.g. "ICRQ without
 * Assigned Session ID").  Any input is safe.
 */
enum l2tp_parse_rc l2tp_msg_parse(struct rd body,
				  const struct l2tp_secret *secret,
				  uint8_t *scratch, size_t scratch_len,
				  struct l2tp_msg *m, char *err,
				  size_t err_size);

/*
 * Check that *m carries every AVP §6 requires for m->type.  Returns true,
 * or false with a reason in err.  l2tp_msg_parse() calls it; exposed so a
 * test can check the builder's output the same way.
 */
bool l2tp_msg_validate(const struct l2tp_msg *m, char *err, size_t err_size);

/* Random octets for Random Vectors and padding (the owner's ops). */
struct l2tp_rng {
	void (*fill)(void *ctx, void *buf, size_t len);
	void *ctx;
};

/*
 * Write the AVPs of *m (Message Type first, then each present AVP in type
 * order) to w.  AVPs in m->hidden are hidden with `secret` (§4.3): a
 * Random Vector of 16 random octets is written before the first of them,
 * each hidden value is padded with 0..pad_max random octets (pad_max 0:
 * no padding).  Hiding is skipped in SCCRQ and for Message Type, Random
 * Vector, Protocol Version and Result Code; with no secret nothing is
 * hidden.  Returns false when w overflowed or a value exceeds what an AVP
 * can hold (1017 octets).
 */
bool l2tp_msg_write(struct wr *w, const struct l2tp_msg *m,
		    const struct l2tp_secret *secret,
		    const struct l2tp_rng *rng, unsigned pad_max);

/*
 * Hide one AVP value (§4.3): out[0..2+len+pad) = the subformat (2-octet
 * length, value, pad) encrypted with the MD5 chain over the CIPHERTEXT:
 * b1 = MD5(type(2) || secret || rv), c1 = p1 ^ b1, bi = MD5(secret ||
 * c(i-1)).  pad octets are taken from `pad` (may be NULL when pad_len is
 * 0).  out must hold 2 + len + pad_len octets.  Returns that count.
 */
size_t l2tp_avp_hide(uint16_t type, const struct l2tp_secret *secret,
		     const uint8_t *rv, size_t rv_len, const uint8_t *value,
		     size_t len, const uint8_t *pad, size_t pad_len,
		     uint8_t *out);

/*
 * Unhide one AVP value: decrypt in[0..len) into out (len octets) keeping
 * the ciphertext for chaining, then check the inner length.  Returns the
 * original value length (the value is out[2..2+n)), or -1 when len < 2
 * or the inner length exceeds len - 2.
 */
int l2tp_avp_unhide(uint16_t type, const struct l2tp_secret *secret,
		    const uint8_t *rv, size_t rv_len, const uint8_t *in,
		    size_t len, uint8_t *out);

/*
 * Tunnel authentication (§4.4.3, §5.1.1): out = MD5(msg_type octet ||
 * secret || challenge), msg_type being the type of the message that
 * CARRIES the response (2 in SCCRP, 3 in SCCCN).
 */
void l2tp_challenge_response(uint8_t msg_type, const struct l2tp_secret *secret,
			     const uint8_t *challenge, size_t challenge_len,
			     uint8_t out[L2TP_CHAL_RESP_LEN]);

#endif /* NASD_L2TP_CODEC_H */
