/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cbcp.h - the Microsoft Callback Control Protocol (PPP protocol 0xC029,
 * [MS-CBCP]), both roles, sans I/O.
 *
 * CBCP runs in the Callback phase, after authentication, when LCP agreed the
 * Callback option with operation 6 ([MS-CBCP] 2.2.1).  Three packets, all
 * with the LCP header (Code, Identifier, Length):
 *   1 Callback Request   answerer (server) -> caller (client)
 *   2 Callback Response  caller -> answerer
 *   3 Callback Ack       answerer -> caller
 * Each carries Callback Configuration Options ([MS-CBCP] 2.2.3):
 *   Type(1) Length(1) [Delay(1) [AddrType(1) Number... NUL]...]
 *   type 1 no callback (Length 2), 2 callback to a number the caller names,
 *   3 callback to the administrator's number (Length 3), 4 callback to one
 *   of a list (Windows 2000; parsed, never offered).
 *
 * The answerer (nasd as an access server) follows callback.md §2.8:
 *   - the Request lists the types the user is allowed; it is retransmitted
 *     every retry_ms with a NEW Identifier each time ([MS-CBCP] 2.2.4.1);
 *   - a Response whose Identifier is not the last Request's is dropped and
 *     logged ("Resp ignored. ID Expected 24, got id 20", seed 001);
 *   - a malformed Response or one choosing a type not offered makes it send
 *     the next Request at once;
 *   - the Ack echoes the chosen option; its Identifier is the next value of
 *     the counter (what IOS 11.3 does, seed 001: Response 25, Ack 26) or,
 *     with CBCP_ACKID_ECHO, the Response's ([MS-CBCP] 2.2.4.3);
 *   - a repeated Response after the Ack (the caller lost it) gets the same
 *     Ack again;
 *   - no valid Response after max_requests Requests: done(ok = false).
 * The caller (nasdial, a router) answers each Request with the id of that
 * Request, preferring type 2 (its own number) > 3 > 1 as configured, resends
 * its Response every retry_ms until the Ack (unless pppd-like), accepts an
 * Ack with any Identifier (pppd, FreeBSD and Windows all do), and can defer
 * its first answer while a user types a number (Windows' "Ask me" dialog):
 * the late Response carries the Identifier of the Request that opened the
 * dialog, later Requests are answered at once (seed 001's sequence).
 *
 * What happens after the Ack (the caller sends LCP Terminate-Request, the
 * answerer waits for it and calls back) is the PPP session's business: CBCP
 * only reports the outcome through ops->done().
 *
 * Debug lines (when `debug ppp cbcp` or `debug ppp negotiation` is on), in
 * IOS 11.3's wording from seed 001:
 *   Async4 PPP: O MCB Request(1) id 20 len 9
 *   Async4 MCB: O 1 14 0 9 2 5 0 1 0
 *   As4 MCB: O Request Id 20 Callback Type Client-Num delay 0
 *   As4 MCB: Timeout in state WAIT_RESPONSE
 *   Async4 PPP: I MCB Response(2) id 20 len 17
 *   Async4 MCB: I 2 14 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0
 *   As4 MCB: Received response
 *   As4 MCB: Resp ignored. ID Expected 24, got id 20
 *   As4 MCB: Response CBK-Client-Num 2 13 15, addr 1-527-9651
 *   Async4 PPP: O MCB Ack(3) id 26 len 17
 *   As4 MCB: O Ack Id 26 Callback Type Client-Num delay 15
 *   As4 MCB: Negotiated MCB with peer
 * Numbers the caller sends are printed as received (they are not secrets),
 * non-printable octets as '.'.
 */
#ifndef NASD_PPP_CBCP_H
#define NASD_PPP_CBCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "ppp_defs.h" /* PPP_PROTO_CBCP: one definition for every user */
#include "rd.h"
#include "timer.h"
#include "wr.h"

/* X(ENUM, code, IOS name) */
#define CBCP_CODES(X)                                                          \
	X(CBCP_REQUEST, 1, "Request")                                          \
	X(CBCP_RESPONSE, 2, "Response")                                        \
	X(CBCP_ACK, 3, "Ack")

enum cbcp_code {
#define CBCP_CODE_ENUM(e, v, s) e = v,
	CBCP_CODES(CBCP_CODE_ENUM)
#undef CBCP_CODE_ENUM
};

/* X(ENUM, type, IOS name).  IOS 11.3 prints type 2 as "Client-Num" (seed
 * 001); the names of 1, 3 and 4 are ours (IOS's are not in any public
 * trace). */
#define CBCP_TYPES(X)                                                          \
	X(CBCP_TYPE_NONE, 1, "No-Callback")                                    \
	X(CBCP_TYPE_USER, 2, "Client-Num")                                     \
	X(CBCP_TYPE_ADMIN, 3, "Server-Num")                                    \
	X(CBCP_TYPE_LIST, 4, "Server-List")

enum cbcp_type {
#define CBCP_TYPE_ENUM(e, v, s) e = v,
	CBCP_TYPES(CBCP_TYPE_ENUM)
#undef CBCP_TYPE_ENUM
};

/* "Request", "Response", "Ack"; "?" for anything else. */
const char *cbcp_code_name(uint8_t code);
/* "Client-Num" ...; "Unknown" for anything else. */
const char *cbcp_type_name(uint8_t type);

#define CBCP_ADDR_PSTN 1 /* the only address type defined: PSTN/ISDN */
#define CBCP_NUMBER_MAX 64
#define CBCP_OPTS_MAX 8
#define CBCP_ADDRS_MAX 4
/* Largest packet carrying one option: the header plus an option of the
 * largest Length (255).  The answerer's Ack echoes the Response's option
 * as received ([MS-CBCP] 2.2.4.3), so it must hold any single option. */
#define CBCP_ONE_OPT_PKT_MAX (4 + 255)

struct cbcp_addr {
	uint8_t type;                      /* CBCP_ADDR_PSTN */
	char number[CBCP_NUMBER_MAX + 1];  /* NUL-terminated digits */
};

/* One Callback Configuration Option, as parsed or to be written. */
struct cbcp_opt {
	uint8_t type;       /* any value; enum cbcp_type when known */
	bool has_delay;     /* the option carries a Delay octet */
	uint8_t delay_s;    /* seconds the answerer waits before calling */
	size_t naddrs;
	struct cbcp_addr addrs[CBCP_ADDRS_MAX];
};

struct cbcp_pkt {
	uint8_t code;
	uint8_t id;
	size_t nopts;
	struct cbcp_opt opts[CBCP_OPTS_MAX];
};

/*
 * Parse a whole CBCP packet (Code .. end of the Length field's extent;
 * octets after Length are padding and ignored, RFC 1661 §5).  Fills *out
 * and returns 0, or -1 with a one-line reason in err (e.g. "option 2
 * length 3 runs past the packet", "number not NUL-terminated", "more than
 * 8 options") when malformed.  Unknown codes and types parse (the caller
 * decides); an address whose number exceeds CBCP_NUMBER_MAX is malformed.
 */
int cbcp_parse(const uint8_t *pkt, size_t len, struct cbcp_pkt *out,
	       char *err, size_t err_size);

/*
 * Encode *p (computing every Length) into w.  Types 1 and 3 are written
 * without addresses, type 1 without a delay, whatever the struct says; type
 * 2 in a Request carries one PSTN address with an empty number ([MS-CBCP]
 * 2.2.4.1); unknown types get a Delay only when has_delay.  Returns false
 * when w overflowed or *p cannot be encoded (more than CBCP_OPTS_MAX
 * options or CBCP_ADDRS_MAX addresses, a number longer than
 * CBCP_NUMBER_MAX, an option longer than 255 octets); wr_ok(w) is then
 * false too.
 */
bool cbcp_write(struct wr *w, const struct cbcp_pkt *p);

/*
 * Log a packet as IOS does, when `debug ppp cbcp` or `debug ppp
 * negotiation` is on: "Async4 PPP: O MCB Request(1) id 20 len 9", the
 * octets "Async4 MCB: O 1 14 0 9 ..." (32 a line), and for Requests, Acks
 * and sent Responses one line per option, "As4 MCB: O Request Id 20
 * Callback Type Client-Num delay 0" (Responses add ", addr 1-527-9651").
 * A received Response gets no such line: the answerer logs "Received
 * response" and "Response CBK-..." itself, as IOS does.  `out` selects O/I.
 * Any input is safe (malformed packets print the first two lines only).
 * Used by both roles and by the fuzzer.
 */
void cbcp_print(const struct logger *log, const char *ifname,
		const char *ifshort, bool out, const uint8_t *pkt, size_t len);

/* ---- the state machine ------------------------------------------------- */

/* Identifier of the answerer's Ack (see the file comment). */
enum cbcp_ack_id {
	CBCP_ACKID_NEXT, /* next counter value (IOS, seed 001); default */
	CBCP_ACKID_ECHO, /* the Response's Identifier ([MS-CBCP] 2.2.4.3) */
};

struct cbcp_server_cfg {
	bool offer_none;   /* type 1: callback is optional for this user */
	bool offer_user;   /* type 2: the caller names the number */
	bool offer_admin;  /* type 3: call back at admin_number */
	char admin_number[CBCP_NUMBER_MAX + 1]; /* never sent on the wire */
	char user[64];     /* for "MCB: User X Callback Number - ..." */
	uint8_t first_id;  /* Identifier of the first Request (the owner
			    * keeps a per-link counter across calls, as IOS
			    * does; seed 001 starts at 20) */
	uint32_t retry_ms; /* Request retransmission period; 0 = 2000 */
	unsigned max_requests; /* Requests sent before giving up; 0 = 30 */
	enum cbcp_ack_id ack_id;
};

/* The caller's policy ("No callback", "Ask me", "Always call me back at"
 * in Windows NT/2000's Dial-up Preferences). */
enum cbcp_client_mode {
	CBCP_CLIENT_NO,     /* answer type 1 when offered; a server that
			     * insists on callback makes CBCP fail */
	CBCP_CLIENT_PRESET, /* answer at once with `number` */
	CBCP_CLIENT_ASK,    /* ops->ask(); the owner answers later with
			     * cbcp_client_answer() */
};

struct cbcp_client_cfg {
	enum cbcp_client_mode mode;
	char number[CBCP_NUMBER_MAX + 1]; /* PRESET: our number ("" none) */
	bool accept_admin; /* take the server's preset number (type 3) */
	uint8_t delay_s;   /* delay we ask for (Windows 15 in seed 001) */
	bool retransmit;   /* resend the Response every retry_ms until the
			    * Ack ([MS-CBCP] 3.1.2); false = pppd 2.4.9 */
	uint32_t retry_ms; /* 0 = 2000 */
	unsigned max_tries; /* Responses sent before giving up; 0 = 10 */
};

/* How CBCP ended (ops->done). */
struct cbcp_result {
	bool ok;            /* false: failed, see reason */
	const char *reason; /* static text, for the log ("callback
			     * negotiated" when ok) */
	uint8_t type;       /* agreed type (ok) */
	uint8_t delay_s;    /* agreed delay */
	char number[CBCP_NUMBER_MAX + 1]; /* type 2: the caller's number;
					   * type 3: admin_number (server) or
					   * "" (client) */
};

struct cbcp_ops {
	/* Send one CBCP packet (Code .. end). */
	void (*send)(void *ctx, const uint8_t *pkt, size_t len);
	/* Server: the Ack went out (ok) or CBCP gave up.  Client: the Ack
	 * arrived (ok) or CBCP gave up.  Called at most once per start; the
	 * object stays usable (it keeps answering duplicates) until stopped.
	 * May not free the cbcp object. */
	void (*done)(void *ctx, const struct cbcp_result *r);
	/* Client, CBCP_CLIENT_ASK: the server offered callback (types in
	 * `offer`, a bit per type: 1 << CBCP_TYPE_USER ...).  The owner calls
	 * cbcp_client_answer() later, or from inside this callback.  Called
	 * once per start, on the first Request.  Required in ASK mode
	 * (cbcp_init asserts it), may be NULL in the other modes. */
	void (*ask)(void *ctx, unsigned offer);
};

enum cbcp_role { CBCP_ROLE_SERVER, CBCP_ROLE_CLIENT };

/* X(ENUM, IOS state name) */
#define CBCP_STATES(X)                                                         \
	X(CBCP_ST_IDLE, "IDLE")                                                \
	X(CBCP_ST_WAIT_REQUEST, "WAIT_REQUEST")                                \
	X(CBCP_ST_WAIT_RESPONSE, "WAIT_RESPONSE")                              \
	X(CBCP_ST_WAIT_ACK, "WAIT_ACK")                                        \
	X(CBCP_ST_DONE, "DONE")                                                \
	X(CBCP_ST_FAILED, "FAILED")

enum cbcp_state {
#define CBCP_STATE_ENUM(e, s) e,
	CBCP_STATES(CBCP_STATE_ENUM)
#undef CBCP_STATE_ENUM
	CBCP_ST__COUNT
};

const char *cbcp_state_name(enum cbcp_state st);

struct cbcp {
	enum cbcp_role role;
	enum cbcp_state state;
	struct cbcp_server_cfg scfg;
	struct cbcp_client_cfg ccfg;
	const struct cbcp_ops *ops;
	void *ctx;
	const struct logger *log;
	char ifname[40];  /* "Async4": the "PPP: O MCB" and hex lines */
	char ifshort[40]; /* "As4": the "MCB:" lines */
	struct timer timer;
	uint8_t next_id;  /* server: next Identifier to use */
	uint8_t last_req_id;
	unsigned tries;
	bool done_reported;
	/* server: the Ack sent, for duplicates of the accepted Response */
	uint8_t ack_pkt[CBCP_ONE_OPT_PKT_MAX];
	size_t ack_len;
	uint8_t acked_resp_id;
	/* client */
	uint8_t ask_id;     /* Request that opened the "Ask me" dialog */
	bool asking;        /* the owner has not answered yet */
	bool have_answer;   /* the number for later Requests is known */
	unsigned offered;   /* types offered in the last Request */
	uint8_t resp_pkt[4 + 2 + 3 + 2 + CBCP_NUMBER_MAX + 1];
	size_t resp_len;
	struct cbcp_result result;
};

/*
 * Initialise for a role; nothing is sent.  ifname/ifshort are copied; ops,
 * ctx, ts and log are borrowed and must outlive the object.  cfg is copied
 * (scfg for CBCP_ROLE_SERVER, ccfg for CBCP_ROLE_CLIENT; the other may be
 * NULL); zero retry_ms / max_requests / max_tries take the defaults.  The
 * server's first Request will use scfg->first_id.
 */
void cbcp_init(struct cbcp *c, enum cbcp_role role, const char *ifname,
	       const char *ifshort, const struct cbcp_server_cfg *scfg,
	       const struct cbcp_client_cfg *ccfg, const struct cbcp_ops *ops,
	       void *ctx, struct timers *ts, const struct logger *log);

/*
 * Enter the Callback phase.  Server: log the user line ("MCB: User
 * callmeback Callback Number - Client ANY"; "- <admin_number>" for a type-3
 * offer, "- none" when only type 1 is offered), send the first Request and
 * arm the retransmission timer; a configuration offering no type fails at
 * once (done, ok = false).  Client: wait for a Request (no timer: the
 * answerer drives, [MS-CBCP] 3.1).  May call ops->send and ops->done.
 */
void cbcp_start(struct cbcp *c);

/*
 * One received CBCP packet (Code .. end), borrowed for the call.  Malformed
 * packets are logged once (DBG_PPP_ERROR, "As4 MCB: bad packet: <reason>")
 * and handled as [MS-CBCP] 3.2.5 says: the server answers a malformed
 * Response to its last Request with a new Request, the client drops a
 * malformed Request and takes an Ack whose header is sound but whose
 * option is not as agreeing to what it sent.  Ignored before cbcp_start()
 * and after cbcp_stop().  May call ops->send, ops->done and ops->ask.
 */
void cbcp_input(struct cbcp *c, const uint8_t *pkt, size_t len);

/*
 * Client, CBCP_CLIENT_ASK: the user's answer.  `number` non-empty: call me
 * back there (type 2, else 3 with accept_admin, else 1, as PRESET); empty
 * or NULL: no callback (type 1, if offered; else CBCP fails).  A number
 * longer than CBCP_NUMBER_MAX fails CBCP.  Answers the Request that opened
 * the dialog with that Request's Identifier (even if newer Requests came
 * meanwhile, as Windows does), and later Requests at once.  Ignored unless
 * asking.  May call ops->send and ops->done.
 */
void cbcp_client_answer(struct cbcp *c, const char *number);

/* Stop timers; nothing more is sent or reported, and input is ignored until
 * the next cbcp_start().  The object may then be freed. */
void cbcp_stop(struct cbcp *c);

/* Server: the Identifier the next Request would use, for the owner's
 * per-link counter (seed 001's Identifiers continue across calls). */
uint8_t cbcp_next_id(const struct cbcp *c);

#endif /* NASD_PPP_CBCP_H */
