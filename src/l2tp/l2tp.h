/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp.h - the L2TPv2 core (RFC 2661), both LAC and LNS, sans I/O: the
 * only header the daemon glue needs.
 *
 * A `struct l2tp` owns tunnels (control connections, §5.1) and their
 * sessions (calls, §5.2-5.4).  The glue feeds it every UDP datagram
 * received on the L2TP sockets (l2tp_input()), lends it a timer heap for
 * time, and implements `struct l2tp_ops` to send datagrams, draw random
 * octets and hear about tunnels and calls.  The core never touches a
 * socket, a clock or a PPP state machine: PPP frames go in and out as
 * opaque octets (l2tp_session_send(), ops->session_data()).
 *
 * Objects and lifetime:
 *  - struct l2tp_tunnel and struct l2tp_session are owned by the core.
 *    Pointers the glue holds stay valid until the core reports the object
 *    down (ops->tunnel_down(), ops->session_down()) or the glue closes it
 *    itself (l2tp_tunnel_close(), l2tp_session_close(): no down op
 *    follows); after that the glue must forget the pointer.  The memory
 *    is released later from a zero-delay timer, never inside a callback,
 *    so a pointer is still safe to pass back while the glue is inside any
 *    op (style.md §6.6).
 *  - The glue may call any l2tp_* function from inside an op, except
 *    l2tp_free() and l2tp_input().
 *  - When a tunnel goes down, every session on it gets session_down()
 *    first, then the tunnel gets tunnel_down().
 *
 * Debug output (through the logger, IOS 12.0 wording of seed 004):
 *   `debug vpdn l2x-events`  states, messages sent and received, tunnel
 *                            authentication ("Tnl 45029 L2TP: O SCCRQ")
 *   `debug vpdn l2x-packets` every AVP of every control message, secrets
 *                            as "(hidden)"/lengths, plus ZLBs and Ns/Nr
 *   `debug vpdn l2x-errors`  every datagram dropped, with its reason
 *   `debug vpdn events`      tunnel and session up/down summaries
 */
#ifndef NASD_L2TP_H
#define NASD_L2TP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "l2tp_cfg.h"
#include "log.h"
#include "timer.h"

struct l2tp;
struct l2tp_tunnel;
struct l2tp_session;

/* Tunnel states, X(ENUM, IOS name, IOS short name for `show vpdn`).
 * IOS 12.0 names the responder's wait-for-SCCCN state "wait-ctl-reply" in
 * its debug output too (seed 004: "Tunnel state change from idle to
 * wait-ctl-reply" on the LNS), so WAIT_CTL_CONN prints that way. */
#define L2TP_TUNNEL_STATES(X)                                                  \
	X(L2TP_TUNNEL_IDLE, "idle", "idle")                                    \
	X(L2TP_TUNNEL_WAIT_CTL_REPLY, "wait-ctl-reply", "wt-ctl-rp")           \
	X(L2TP_TUNNEL_WAIT_CTL_CONN, "wait-ctl-reply", "wt-ctl-cn")            \
	X(L2TP_TUNNEL_ESTABLISHED, "established", "est")                       \
	X(L2TP_TUNNEL_SHUTTING_DOWN, "shutting-down", "shutdown")

enum l2tp_tunnel_state {
#define L2TP_TS_ENUM(e, s, sh) e,
	L2TP_TUNNEL_STATES(L2TP_TS_ENUM)
#undef L2TP_TS_ENUM
		L2TP_TUNNEL__NSTATES
};

/* Session states, X(ENUM, IOS name, short name). */
#define L2TP_SESSION_STATES(X)                                                 \
	X(L2TP_SESSION_IDLE, "idle", "idle")                                   \
	X(L2TP_SESSION_WAIT_TUNNEL, "wait-for-tunnel", "wt-tnl")               \
	X(L2TP_SESSION_WAIT_REPLY, "wait-reply", "wt-rply")                    \
	X(L2TP_SESSION_WAIT_CONNECT, "wait-connect", "wt-conn")                \
	X(L2TP_SESSION_WAIT_CS_ANSWER, "wait-cs-answer", "wt-cs-ans")          \
	X(L2TP_SESSION_ESTABLISHED, "established", "est")                      \
	X(L2TP_SESSION_SHUTTING_DOWN, "shutting-down", "shutdown")

enum l2tp_session_state {
#define L2TP_SS_ENUM(e, s, sh) e,
	L2TP_SESSION_STATES(L2TP_SS_ENUM)
#undef L2TP_SS_ENUM
		L2TP_SESSION__NSTATES
};

/* The four call types of RFC 2661 §5.2-5.4, from this end's view. */
enum l2tp_call_type {
	L2TP_CALL_LAC_IC, /* LAC incoming: we send ICRQ, ICCN */
	L2TP_CALL_LNS_IC, /* LNS incoming: we answer ICRQ with ICRP */
	L2TP_CALL_LNS_OG, /* LNS outgoing: we send OCRQ */
	L2TP_CALL_LAC_OG, /* LAC outgoing: we answer OCRQ, dial, OCCN */
};

/* "idle", "wait-ctl-reply", ... and "est" ...; "?" out of range. */
const char *l2tp_tunnel_state_name(enum l2tp_tunnel_state s);
const char *l2tp_tunnel_state_short(enum l2tp_tunnel_state s);
const char *l2tp_session_state_name(enum l2tp_session_state s);
const char *l2tp_session_state_short(enum l2tp_session_state s);
/* "LAC incoming" ... */
const char *l2tp_call_type_name(enum l2tp_call_type t);

/* What ops->session_incoming()/session_ocrq() answer: 0 accepts the call,
 * a CDN result code (L2TP_CDN_*, e.g. 4 "temporary lack of facilities",
 * 5 "permanent") refuses it. */

struct l2tp_ops {
	/*
	 * Send one datagram to `peer` (the tunnel's current address): the
	 * octets hdr[0..hdr_len) followed by payload[0..payload_len) (the
	 * PPP frame of a data message; empty for control messages, which come
	 * whole in hdr).  Both are valid only during the call.  May be
	 * batched by the glue.  Required.
	 */
	void (*send)(void *ctx, const struct l2tp_peer *peer,
		     const uint8_t *hdr, size_t hdr_len, const uint8_t *payload,
		     size_t payload_len);
	/* Fill buf with len random octets (ids, challenges, Random Vectors,
	 * Tie Breakers).  Required. */
	void (*random)(void *ctx, void *buf, size_t len);
	/*
	 * An SCCRQ from `peer` for a new tunnel: the peer calls itself
	 * `host_name`.  Fill *cfg (zeroed by the core) and return true to
	 * accept; false refuses: the core answers with one unsequenced
	 * StopCCN, Result 4 "not authorized", and keeps no state.  Optional
	 * (NULL refuses every SCCRQ, as a LAC that accepts no dial-out does).
	 */
	bool (*tunnel_accept)(void *ctx, const struct l2tp_peer *peer,
			      const char *host_name,
			      struct l2tp_tunnel_cfg *cfg);
	/* The tunnel is established (SCCCN sent or received). */
	void (*tunnel_up)(void *ctx, struct l2tp_tunnel *tunnel);
	/* The tunnel is gone (StopCCN either way, retransmission failure,
	 * tie breaker lost before it was up...).  Called only for tunnels the
	 * glue has seen: opened by it, or announced by tunnel_up(). */
	void (*tunnel_down)(void *ctx, struct l2tp_tunnel *tunnel,
			    const struct l2tp_result *why);
	/*
	 * LNS: an ICRQ created `session` (its user pointer is NULL; set it
	 * here).  Return 0 to answer ICRP, or a CDN result code to refuse.
	 * The session then waits for the ICCN (session_connected()).
	 */
	int (*session_incoming)(void *ctx, struct l2tp_session *session,
				const struct l2tp_call_info *info);
	/*
	 * LAC: an OCRQ created `session`.  Return 0 to answer OCRP and dial
	 * (report the outcome later with l2tp_session_dialout_result()), or a
	 * CDN result code to refuse.  Optional (NULL refuses with result 5).
	 */
	int (*session_ocrq)(void *ctx, struct l2tp_session *session,
			    const struct l2tp_ocrq_info *info);
	/* LAC incoming: the ICRP arrived.  If the call was opened without
	 * connect info the glue now calls l2tp_session_connect(). */
	void (*session_reply)(void *ctx, struct l2tp_session *session);
	/*
	 * The call is established: at the LNS when ICCN (incoming) or OCCN
	 * (outgoing) arrived, with their contents in *info (spans valid for
	 * the call only); at the LAC when its ICCN or OCCN was sent (info is
	 * what it sent).
	 */
	void (*session_connected)(void *ctx, struct l2tp_session *session,
				  const struct l2tp_connect_info *info);
	/* The call is gone (CDN either way, or its tunnel went down).  The
	 * last the glue hears of `session`. */
	void (*session_down)(void *ctx, struct l2tp_session *session,
			     const struct l2tp_result *why);
	/* One PPP frame (address/control octets as sent by the peer) for an
	 * established session.  frame is valid only during the call. */
	void (*session_data)(void *ctx, struct l2tp_session *session,
			     const uint8_t *frame, size_t len);
	/* LAC: Set-Link-Info from the LNS (§6.15): the ACCMs to use toward
	 * the client (send) and expect from it (receive).  Optional. */
	void (*session_sli)(void *ctx, struct l2tp_session *session,
			    uint32_t send_accm, uint32_t recv_accm);
	/* LNS: WAN-Error-Notify from the LAC (§6.14).  Optional. */
	void (*session_wen)(void *ctx, struct l2tp_session *session,
			    const struct l2tp_wen_info *errors);
};

/*
 * Create an instance.  ops (send and random required) and ops' ctx are
 * borrowed for the instance's life; so are `timers` (all protocol timers
 * run on it: retransmission, ZLB delay, Hello, the 31 s hold after
 * StopCCN, deferred frees) and `log`.  Returns NULL on allocation failure.
 */
struct l2tp *l2tp_new(const struct l2tp_ops *ops, void *ctx,
		      struct timers *timers, const struct logger *log);

/* Free everything at once, without sending anything and without calling
 * any op (daemon shutdown: send l2tp_tunnel_close() to each tunnel first
 * if the peers should hear about it).  NULL is ignored. */
void l2tp_free(struct l2tp *l2tp);

/*
 * One UDP datagram received from `peer`: control (tunnel and session
 * FSMs, reliable delivery) or data (ops->session_data()).  Any content is
 * safe: bad datagrams are counted (l2tp_stats) and logged under `debug
 * vpdn l2x-errors`.  May call any op before returning.
 */
void l2tp_input(struct l2tp *l2tp, const struct l2tp_peer *peer,
		const uint8_t *buf, size_t len);

/* Counters of datagrams the instance dropped before any tunnel took them. */
struct l2tp_stats {
	uint64_t rx_datagrams;
	uint64_t rx_malformed;	  /* header or AVP framing broken */
	uint64_t rx_no_tunnel;	  /* unknown tunnel id */
	uint64_t rx_no_session;	  /* data for an unknown session */
	uint64_t rx_wrong_peer;	  /* from another address than the tunnel's */
	uint64_t tunnels_refused; /* SCCRQ refused by tunnel_accept */
};
void l2tp_get_stats(const struct l2tp *l2tp, struct l2tp_stats *out);

/* ---- tunnels ----------------------------------------------------------- */

/*
 * Open a tunnel to `peer` as initiator (SCCRQ, §5.1): allocates a random
 * non-zero local tunnel id, sends SCCRQ, and reports ops->tunnel_up() or
 * ops->tunnel_down() later.  Sessions may be added at once: they wait for
 * the tunnel.  *cfg is copied.  Returns NULL on allocation failure.
 */
struct l2tp_tunnel *l2tp_tunnel_open(struct l2tp *l2tp,
				     const struct l2tp_peer *peer,
				     const struct l2tp_tunnel_cfg *cfg);

/*
 * A live tunnel (not shutting down) to peer->ip whose cfg.user equals
 * `user`, preferring an established one: the LAC reuses it for a new call
 * (`vpdn-group` to `initiate-to ip`).  The port is not compared (the
 * responder may answer from another port, §8.1).  NULL when none.  O(n) in
 * the number of tunnels: called once per call setup, not per packet.
 */
struct l2tp_tunnel *l2tp_tunnel_lookup(struct l2tp *l2tp,
				       const struct l2tp_peer *peer,
				       const void *user);

/* The tunnel with local id `id`, or NULL (O(1)). */
struct l2tp_tunnel *l2tp_tunnel_find(struct l2tp *l2tp, uint16_t id);

/*
 * Clear the tunnel (`clear vpdn tunnel`, shutdown): StopCCN with `result`
 * (1 "general request" or 6 "shutting down") and `error`, every session
 * on it gets session_down(), the tunnel stays in shutting-down for a full
 * retransmission cycle to acknowledge the peer, then is freed.  No
 * tunnel_down() follows.  Harmless on a tunnel already shutting down.
 */
void l2tp_tunnel_close(struct l2tp_tunnel *tunnel, uint16_t result,
		       uint16_t error);

enum l2tp_tunnel_state l2tp_tunnel_state(const struct l2tp_tunnel *tunnel);
uint16_t l2tp_tunnel_local_id(const struct l2tp_tunnel *tunnel);
uint16_t l2tp_tunnel_remote_id(const struct l2tp_tunnel *tunnel);
/* The peer's Host Name ("" before SCCRQ/SCCRP arrived), NUL-terminated. */
const char *l2tp_tunnel_remote_name(const struct l2tp_tunnel *tunnel);
/* The current peer address and port (updated when the peer's source port
 * changes, §8.1). */
const struct l2tp_peer *l2tp_tunnel_peer(const struct l2tp_tunnel *tunnel);
/* The glue's pointer from cfg.user. */
void *l2tp_tunnel_user(const struct l2tp_tunnel *tunnel);
/* True when the peer advertised Bearer Capabilities (an LNS may then send
 * OCRQ on this tunnel). */
bool l2tp_tunnel_peer_can_dialout(const struct l2tp_tunnel *tunnel);

/* ---- sessions ---------------------------------------------------------- */

/*
 * LAC incoming call (§5.2.1): create a session on `tunnel` (random
 * non-zero local id) that sends ICRQ with *call as soon as the tunnel is
 * established.  When `conn` is not NULL its contents (proxy LCP and
 * authentication, speeds) are copied and the ICCN goes out right after
 * the ICRP; when NULL the glue calls l2tp_session_connect() after
 * ops->session_reply().  `user` is the glue's pointer.  Returns NULL on
 * allocation failure or when the tunnel is shutting down.
 */
struct l2tp_session *l2tp_session_incoming(struct l2tp_tunnel *tunnel,
					   const struct l2tp_call_info *call,
					   const struct l2tp_connect_info *conn,
					   void *user);

/* LAC incoming: send the ICCN now (after session_reply()).  Returns 0,
 * -EINVAL if the session is not waiting for it, -ENOMEM. */
int l2tp_session_connect(struct l2tp_session *session,
			 const struct l2tp_connect_info *conn);

/*
 * LNS outgoing call (§5.2.2, `request-dialout`): create a session that
 * sends OCRQ once the tunnel is established.  If the peer did not
 * advertise Bearer Capabilities the call fails with session_down()
 * (result 5) when that is known (at once if the tunnel is up: then NULL
 * is returned instead and nothing is reported).
 */
struct l2tp_session *l2tp_session_outgoing(struct l2tp_tunnel *tunnel,
					   const struct l2tp_ocrq_info *ocrq,
					   void *user);

/*
 * LAC outgoing: the dial placed for ops->session_ocrq() finished.  ok:
 * send OCCN with *conn (speeds, framing; NULL → 64000 bps sync) and go
 * established.  !ok: send CDN with `result` (e.g. 7 no carrier, 8 busy),
 * `error` and, when q931_cause is non-zero, a Q.931 Cause Code AVP; the
 * session is then gone (no session_down()).
 */
void l2tp_session_dialout_result(struct l2tp_session *session, bool ok,
				 const struct l2tp_connect_info *conn,
				 uint16_t result, uint16_t error,
				 uint16_t q931_cause, uint8_t q931_msg);

/*
 * Clear the call (`clear vpdn session`, lost carrier, PPP down): CDN with
 * `result` (3 administrative, 1 lost carrier ...), `error` and an optional
 * Q.931 cause (0: none).  The session is gone when this returns (no
 * session_down()).  Harmless on a session of a dying tunnel.
 */
void l2tp_session_close(struct l2tp_session *session, uint16_t result,
			uint16_t error, uint16_t q931_cause);

/*
 * Send one PPP frame on an established session (a data message, §3.1:
 * no L, S only when sequencing is on, no offset).  No allocation.  Returns
 * 0, or -ENOTCONN when the session is not established (the frame is
 * dropped).
 */
int l2tp_session_send(struct l2tp_session *session, const uint8_t *frame,
		      size_t len);

/* LNS: Set-Link-Info (§6.15) with the ACCMs the LAC should use. */
int l2tp_session_send_sli(struct l2tp_session *session, uint32_t send_accm,
			  uint32_t recv_accm);
/* LAC: WAN-Error-Notify (§6.14) with the call's error counters. */
int l2tp_session_send_wen(struct l2tp_session *session,
			  const struct l2tp_wen_info *errors);

/* The session with local id `id` on `tunnel`, or NULL (O(1)). */
struct l2tp_session *l2tp_session_find(struct l2tp_tunnel *tunnel, uint16_t id);

struct l2tp_tunnel *l2tp_session_tunnel(const struct l2tp_session *session);
enum l2tp_session_state l2tp_session_state(const struct l2tp_session *session);
enum l2tp_call_type l2tp_session_call_type(const struct l2tp_session *session);
uint16_t l2tp_session_local_id(const struct l2tp_session *session);
uint16_t l2tp_session_remote_id(const struct l2tp_session *session);
void *l2tp_session_user(const struct l2tp_session *session);
void l2tp_session_set_user(struct l2tp_session *session, void *user);
/* The interface short name that prefixes this session's debug lines
 * ("Se0:17", "Vi2"; "" for none) and the user name shown by `show vpdn`.
 * Copied (cut to fit). */
void l2tp_session_set_ifname(struct l2tp_session *session, const char *ifname);
void l2tp_session_set_username(struct l2tp_session *session,
			       const char *username);

/* ---- status for show commands ------------------------------------------ */

struct l2tp_tunnel_status {
	uint16_t local_id, remote_id;
	char remote_name[L2TP_NAME_MAX];
	enum l2tp_tunnel_state state;
	const char *state_name;	 /* "established" */
	const char *state_short; /* "est" as in `show vpdn` */
	struct l2tp_peer peer;
	bool initiator;
	bool was_established; /* reached established (it may be down now) */
	unsigned sessions;
	uint64_t ctrl_pkts_in, ctrl_pkts_out; /* control messages incl. ZLB */
	uint64_t data_pkts_in, data_pkts_out, data_bytes_in, data_bytes_out;
	uint64_t retransmits;
	uint64_t last_change_ms; /* timers clock at the last state change */
	uint16_t ns, nr;	 /* next Ns to send, next expected */
	uint16_t peer_window;
	unsigned tx_queued; /* messages waiting or unacknowledged */
};

struct l2tp_session_status {
	uint16_t local_id, remote_id;
	uint16_t tunnel_local_id, tunnel_remote_id;
	enum l2tp_session_state state;
	const char *state_name, *state_short;
	enum l2tp_call_type call_type;
	const char *call_type_name;
	char ifname[L2TP_IFNAME_MAX];
	char username[L2TP_USER_MAX];
	uint64_t last_change_ms;
	uint64_t pkts_in, pkts_out, bytes_in, bytes_out;
	bool sequencing;
};

void l2tp_tunnel_get_status(const struct l2tp_tunnel *tunnel,
			    struct l2tp_tunnel_status *out);
void l2tp_session_get_status(const struct l2tp_session *session,
			     struct l2tp_session_status *out);

/* Call fn for every tunnel (in no particular order), then stop early if
 * it returns false.  fn must not close or open tunnels. */
void l2tp_foreach_tunnel(struct l2tp *l2tp,
			 bool (*fn)(void *arg, struct l2tp_tunnel *tunnel),
			 void *arg);
/* The same for the sessions of one tunnel, in creation order. */
void l2tp_tunnel_foreach_session(struct l2tp_tunnel *tunnel,
				 bool (*fn)(void *arg,
					    struct l2tp_session *session),
				 void *arg);
/* Tunnel and session totals ("Total tunnels 1 sessions 2"). */
void l2tp_count(const struct l2tp *l2tp, unsigned *tunnels, unsigned *sessions);

#endif /* NASD_L2TP_H */
