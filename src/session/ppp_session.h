/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_session.h - one PPP session per call: the RFC 1661 §3 phases and the
 * binding LCP → authentication → (callback) → IPCP.
 *
 * The session owns the protocol cores (LCP, PAP, CHAP, IPCP) and sits
 * between a lower link and the data plane, both reached through ops:
 *   - below: whole PPP frames (Address/Control/Protocol/Information, FCS
 *     and HDLC escaping already removed) come in through
 *     ppp_session_input() and go out through ops->send_frame(); framing
 *     (async HDLC with the negotiated ACCM, or a sync link) is the
 *     owner's business, told through ops->link_params();
 *   - above: IP packets go up through ops->ip_input() once IPCP is Opened
 *     and come down through ppp_session_send_ip();
 *   - AAA: authentication requests go to the `struct aaa` service.
 * No I/O, no clock other than the timer heap.
 *
 * With VJ compression agreed in IPCP (RFC 1332 §3.2, `ip tcp
 * header-compression`), IP packets to the peer are compressed and frames
 * of protocols 0x002D/0x002F from it are rebuilt before going up
 * (ppp_vj.c); the framing layer reports lost frames through
 * ppp_session_input_error() so the decompressor can resynchronise.
 *
 * Phases (RFC 1661 §3.2-3.7), with the names IOS prints in `debug ppp
 * negotiation`: Dead ("DOWN"), Establish ("ESTABLISHING"), Authenticate
 * ("AUTHENTICATING"), Callback (between authentication and network, for
 * the callback issue), Network ("UP"), Terminate ("TERMINATING"), and
 * Forward ("FORWARDING"), IOS's phase of a LAC that handed the call to an
 * L2TP tunnel.
 *
 * L2TP (RFC 2661; ppp_l2tp.c): as a LAC (ops->auth_forward set), the
 * session records the LCP Configure-Requests for proxy LCP
 * (ppp_session_proxy_lcp()) and, through
 * ops->auth_forward, lets the owner forward the call instead of
 * authenticating it: the session freezes in the Forward phase and hands
 * further frames to ops->forward_input.  As an LNS,
 * ppp_session_start_proxy() starts a Virtual-Access session from the
 * LAC's proxy LCP and proxy authentication.
 *
 * Lifetime: the owner frees the session with ppp_session_free(), never from
 * inside an ops callback (ops->link_down() is the signal to schedule it).
 */
#ifndef NASD_SESSION_PPP_SESSION_H
#define NASD_SESSION_PPP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aaa.h"
#include "cbcp.h"
#include "chap.h"
#include "ipcp.h"
#include "lcp.h"
#include "pap.h"
#include "vj.h"

#define PPP_PHASES(X)                                                          \
	X(PPP_PHASE_DEAD, "DOWN")                                              \
	X(PPP_PHASE_ESTABLISH, "ESTABLISHING")                                 \
	X(PPP_PHASE_AUTHENTICATE, "AUTHENTICATING")                            \
	X(PPP_PHASE_CALLBACK, "CALLBACK")                                      \
	X(PPP_PHASE_NETWORK, "UP")                                             \
	X(PPP_PHASE_TERMINATE, "TERMINATING")                                  \
	X(PPP_PHASE_FORWARD, "FORWARDING")

enum ppp_phase {
#define PPP_PHASE_ENUM(e, s) e,
	PPP_PHASES(PPP_PHASE_ENUM)
#undef PPP_PHASE_ENUM
	PPP_PHASE__COUNT
};

const char *ppp_phase_name(enum ppp_phase p);

#define PPP_IFNAME_MAX 40
#define PPP_NAME_MAX 64
#define PPP_SECRET_MAX 128

/* How the link came up: decides the "Treating connection as ..." line and,
 * with `ppp authentication ... callin`, whether the peer is challenged. */
enum ppp_call_dir {
	PPP_DIR_DEDICATED, /* a leased/dedicated line (async mode dedicated) */
	PPP_DIR_CALLIN,    /* the peer called us */
	PPP_DIR_CALLOUT,   /* we called the peer */
};

/* Callback we ask for as a client (IOS `ppp callback request`; nasdial). */
enum ppp_cb_request {
	PPP_CBREQ_NONE,
	PPP_CBREQ_RFC1570, /* LCP Callback op 0: the number comes from our
			    * authentication profile (RFC 1570 §2.3) */
	PPP_CBREQ_CBCP,    /* LCP Callback op 6, then CBCP as the caller */
};

/* How a server-side callback was arranged ("show caller", logs). */
#define PPP_CB_KINDS(X)                                                        \
	X(PPP_CB_NONE, "none")                                                 \
	X(PPP_CB_CBCP, "MS callback (CBCP)")                                   \
	X(PPP_CB_RFC1570, "PPP callback (RFC 1570)")                           \
	X(PPP_CB_INITIATE, "PPP callback initiate")

enum ppp_cb_kind {
#define PPP_CB_KIND_ENUM(e, s) e,
	PPP_CB_KINDS(PPP_CB_KIND_ENUM)
#undef PPP_CB_KIND_ENUM
	PPP_CB_KIND__COUNT
};

const char *ppp_cb_kind_name(enum ppp_cb_kind k);

/* Progress of callback on this call (either role). */
#define PPP_CB_STATES(X)                                                       \
	X(PPP_CBST_NONE, "none")                                               \
	X(PPP_CBST_NEGOTIATING, "negotiating")   /* CBCP running */            \
	X(PPP_CBST_AGREED, "agreed")             /* waiting for the end */     \
	X(PPP_CBST_NEEDED, "callback needed")    /* the call is ending */      \
	X(PPP_CBST_DECLINED, "no callback")      /* continued without */       \
	X(PPP_CBST_FAILED, "failed")

enum ppp_cb_state {
#define PPP_CB_STATE_ENUM(e, s) e,
	PPP_CB_STATES(PPP_CB_STATE_ENUM)
#undef PPP_CB_STATE_ENUM
	PPP_CBST__COUNT
};

const char *ppp_cb_state_name(enum ppp_cb_state st);

/* A callback the server decided on: who, where, how (ops->callback_needed,
 * ppp_session_status()).  The AAA attributes say which line or rotary the
 * return call may use. */
struct ppp_callback {
	enum ppp_cb_kind kind;
	enum ppp_cb_state state;
	char user[PPP_NAME_MAX];
	char number[CBCP_NUMBER_MAX + 1];
	unsigned delay_s;          /* CBCP delay the client asked for */
	bool peer_terminated;      /* the client ended the call (CBCP) */
	struct aaa_authz authz;    /* callback-rotary, callback-line ... */
};

/* The owner's answer to ops->callback_decide (DDR callback server). */
enum ppp_cb_decision {
	PPP_CBDEC_CONTINUE,   /* no callback: the Network phase follows */
	PPP_CBDEC_CALLBACK,   /* terminate LCP; the owner calls back */
	PPP_CBDEC_DISCONNECT, /* terminate LCP; no callback (refused) */
};

/*
 * L2TP proxy LCP (RFC 2661 §4.4.5, ICCN AVPs 26 Initial Received, 27 Last
 * Sent and 28 Last Received LCP CONFREQ): the option octets of each
 * Configure-Request, no LCP header, at most LCP_PROXY_OPTS_MAX (256)
 * octets each.  `present` false = the AVP is absent (a LAC: not seen, or
 * longer than the buffer; an LNS: not received or too long).  An empty
 * present span is a request without options.
 */
struct ppp_proxy_lcp {
	struct lcp_proxy_span initial_rcvd;
	struct lcp_proxy_span last_sent;
	struct lcp_proxy_span last_rcvd;
};

/* L2TP Proxy Authen Type values (RFC 2661 §4.4.5, AVP 29). */
#define PPP_PROXY_AUTH_TEXT 1    /* textual username/password */
#define PPP_PROXY_AUTH_CHAP 2    /* PPP CHAP */
#define PPP_PROXY_AUTH_PAP 3     /* PPP PAP */
#define PPP_PROXY_AUTH_NONE 4    /* no authentication */
#define PPP_PROXY_AUTH_MSCHAP1 5 /* Microsoft CHAP version 1 */

#define PPP_PROXY_VALUE_MAX 255 /* CHAP value / PAP field: one length octet */

/*
 * L2TP proxy authentication (AVPs 29-33).  Octet strings with lengths; the
 * name is also NUL-terminated for convenience.  `response` is the CHAP
 * Response Value (type 2) or the PAP password (type 3): a secret, never
 * logged, wiped by the session from its own copies.
 */
struct ppp_proxy_auth {
	uint16_t type;            /* PPP_PROXY_AUTH_*: AVP 29 */
	uint8_t id;               /* AVP 32: CHAP Identifier (type 2) or PAP
				   * Authenticate-Request Identifier (3) */
	uint16_t name_len;        /* AVP 30: the caller's name */
	char name[PPP_PROXY_VALUE_MAX + 1];
	uint16_t challenge_len;   /* AVP 31: the LAC's CHAP challenge */
	uint8_t challenge[PPP_PROXY_VALUE_MAX];
	uint16_t response_len;    /* AVP 33 */
	uint8_t response[PPP_PROXY_VALUE_MAX];
};

/* The owner's answer to ops->auth_forward (a LAC). */
enum ppp_fwd_decision {
	PPP_FWD_LOCAL,   /* authenticate here as usual (no vpdn-group) */
	PPP_FWD_FORWARD, /* the call goes into a tunnel: freeze */
};

/* ppp_session_start_proxy() flags: the vpdn-group's `lcp renegotiation`.
 * Neither: IOS's default, the proxy LCP is adopted when acceptable. */
#define PPP_PROXY_RENEG_ALWAYS (1u << 0)      /* `... always` */
#define PPP_PROXY_RENEG_ON_MISMATCH (1u << 1) /* `... on-mismatch` */

/* Session parameters, derived by the owner from the interface config
 * (IOS commands in brackets).  Copied at creation. */
struct ppp_session_cfg {
	char ifname[PPP_IFNAME_MAX];  /* "Async1" */
	char ifshort[PPP_IFNAME_MAX]; /* "As1": prefix of debug lines */
	enum ppp_call_dir dir;
	bool passive;                 /* Passive Open: wait for the peer */
	struct lcp_cfg lcp;           /* incl. `ppp authentication` list */
	struct ipcp_cfg ipcp;         /* our address, DNS/WINS to serve */
	struct cp_fsm_cfg fsm;        /* `ppp timeout retry`, max-* */
	bool ip;                      /* run IPCP (interface has IP) */
	/* Peer address: `peer default ip address A` or `... pool NAME`;
	 * neither = accept the peer's own non-zero proposal. */
	uint32_t peer_addr;
	char peer_pool[PPP_NAME_MAX];
	/* AAA method list for `ppp authentication ... LIST` ("" default). */
	char auth_list[PPP_NAME_MAX];
	/* Our name in CHAP Challenges and Responses (`ppp chap hostname`,
	 * else the hostname). */
	char chap_name[PPP_NAME_MAX];
	/* CHAP peer secret (`ppp chap password`); empty = use the local
	 * `username <authenticator> password` entry. */
	char chap_secret[PPP_SECRET_MAX];
	/* PAP peer credentials (`ppp pap sent-username X password Y`). */
	char pap_user[PPP_NAME_MAX];
	char pap_password[PPP_SECRET_MAX];
	/* `ppp authentication ... callin`: demand authentication only on
	 * calls the peer placed; on a PPP_DIR_CALLOUT session nothing is
	 * demanded ("PPP: No remote authentication for call-out"). */
	bool auth_callin;
	/* Authentication failures tolerated before the link is terminated
	 * (`ppp max-bad-auth`, default 0 = the first failure ends it). */
	uint8_t max_bad_auth;
	/* How long the authenticator waits for the peer's first packet, and
	 * how long the whole Authenticate phase may last (ms). */
	uint32_t auth_timeout_ms;
	uint32_t auth_phase_ms;
	/* ---- callback as the server (callback.md §2.8, §3, §4) ---- */
	/* Accept the peer's LCP Callback option, RFC 1570 operations 0, 1,
	 * 3 and CBCP's 6 (`ppp callback accept`). */
	bool callback_accept;
	/* Call back authorised users after authentication without any
	 * negotiation (`ppp callback initiate`). */
	bool callback_initiate;
	/* This call is our return call: never call back again (callback.md
	 * §1); CBCP, if the client asks again, offers "no callback" only. */
	bool return_call;
	/* CBCP answerer: Identifier of the first Request (the owner keeps a
	 * per-line counter, as IOS does), the Ack-id mode (`ppp callback
	 * mcb ack-id`), Requests sent before giving up. */
	uint8_t cbcp_first_id;
	enum cbcp_ack_id cbcp_ack_id;
	unsigned cbcp_max_requests;
	/* How long the answerer waits, after its CBCP Ack, for the client's
	 * LCP Terminate-Request before ending the call itself (ms; 0 =
	 * 10000).  The callback is still made. */
	uint32_t cbcp_term_wait_ms;
	/* ---- callback as the client (nasdial; DDR's `ppp callback
	 * request`) ---- */
	enum ppp_cb_request cb_request;
	/* PPP_CBREQ_RFC1570 with a number: offer it (RFC 1570 operation 1,
	 * dial string) instead of operation 0; "" = operation 0. */
	char cb_number[LCP_CB_MSG_MAX + 1];
	struct cbcp_client_cfg cbcp_client;
	/* Treat the server ending the link after our authentication and
	 * before IPCP opened as a callback (servers with `ppp callback
	 * initiate`, or RFC 1570 op 0): ops->callback_agreed is called.
	 * Implied by cb_request == PPP_CBREQ_RFC1570. */
	bool callback_expect;
	/* `ip tcp header-compression passive`: compress towards the peer
	 * only once it has sent us compressed TCP (VJ itself is enabled by
	 * ipcp.vj). */
	bool vj_passive;
};

struct ppp_session;

struct ppp_session_ops {
	/* Transmit one frame.  `lcp` frames must go out with the default
	 * ACCM (all control characters escaped, RFC 1662 §7.1). */
	void (*send_frame)(void *ctx, const uint8_t *frame, size_t len,
			   bool lcp);
	/* LCP Opened (neg valid) or left Opened (neg NULL: back to the
	 * defaults): apply ACCM/MRU to the framing. */
	void (*link_params)(void *ctx, const struct lcp_neg *neg);
	/* IPCP Opened / left Opened.  mtu_bytes = the peer's MRU. */
	void (*ip_up)(void *ctx, uint32_t local, uint32_t peer,
		      uint16_t mtu_bytes);
	void (*ip_down)(void *ctx, uint32_t local, uint32_t peer);
	/* An IP packet from the peer. */
	void (*ip_input)(void *ctx, const uint8_t *pkt, size_t len);
	/* LCP finished: the session is over (Dead).  The owner hangs up or
	 * restarts the link, and frees the session later (deferred). */
	void (*link_down)(void *ctx, const char *reason);
	void (*random)(void *ctx, void *buf, size_t n);
	/* Address pools (`ip local pool`): allocate / release. */
	bool (*pool_alloc)(void *ctx, const char *pool, uint32_t *addr);
	void (*pool_release)(void *ctx, const char *pool, uint32_t addr);
	/* Server: the call must end for a callback (cb->state
	 * PPP_CBST_NEEDED): CBCP agreed and the client sent its
	 * Terminate-Request (cb->peer_terminated: hang up now), or RFC 1570
	 * / `ppp callback initiate` decided and we are terminating LCP
	 * (link_down follows).  The owner hangs up and places the return
	 * call.  Called once per session, never from inside input
	 * processing of the same frame's LCP automaton.  May be NULL. */
	void (*callback_needed)(void *ctx, const struct ppp_callback *cb);
	/* Client: the server agreed to call us back (CBCP Ack of type 2/3,
	 * or — RFC 1570 op 0 / callback_expect — the server ended the link
	 * after authentication, before IPCP opened).  The session is
	 * terminating (CBCP: we send LCP Terminate-Request, "Call me
	 * back"); link_down() follows.  `number` is the number the server
	 * will call ("" = unknown), delay_s the agreed delay.  The owner
	 * hangs up after link_down and waits for the return call.  May be
	 * NULL. */
	void (*callback_agreed)(void *ctx, const char *number,
				unsigned delay_s);
	/* Client, CBCP "ask me" (cbcp_client.mode CBCP_CLIENT_ASK): the
	 * server offers callback (a bit per type, 1u << CBCP_TYPE_USER
	 * ...); answer later with ppp_session_cbcp_answer().  May be NULL
	 * (then the offer is declined: type 1 if offered). */
	void (*cbcp_ask)(void *ctx, unsigned offer);
	/*
	 * Server, dial-on-demand routing (seed 002: `ppp callback accept`
	 * with `dialer callback-server` map classes and `dialer
	 * callback-secure`): the owner decides callback itself instead of
	 * the AAA authorization (callback-dialstring).  When set (and
	 * cfg.callback_accept), LCP Acks the peer's Callback option for
	 * RFC 1570 operations 0, 1 and 3 and Naks the others with 0 (no
	 * CBCP on a dialer).  Called once per call, after authentication
	 * succeeded both ways, on every call that is not a return call
	 * (cfg.return_call) and on which we are not the callback client,
	 * whether or not the peer asked: `callback-secure` also judges
	 * callers that did not.  peer_name is the authenticated name ("" if
	 * none), requested says the peer's Callback option was agreed,
	 * client_number the number it offered with operation 1 or 3 (""
	 * for none).  The owner answers at once:
	 *   PPP_CBDEC_CONTINUE: the Network phase starts;
	 *   PPP_CBDEC_CALLBACK: number (the number the owner will call,
	 *     number_size octets, for status and logs) is filled; the
	 *     session terminates LCP ("Callback") and the owner places the
	 *     return call itself (ops->callback_needed is still called if
	 *     set);
	 *   PPP_CBDEC_DISCONNECT: the session terminates LCP ("Callback
	 *     security") and nobody is called back.
	 * Called from inside authentication processing: the owner must not
	 * call back into the session.  May be NULL (AAA decides, as on
	 * access-server lines).
	 */
	enum ppp_cb_decision (*callback_decide)(void *ctx,
						const char *peer_name,
						bool requested,
						const char *client_number,
						char *number,
						size_t number_size);
	/*
	 * The Authenticate phase is over (RFC 1661 §3.5): authentication
	 * succeeded both ways, or none was negotiated (peer_name "").
	 * Called once per session, before callback_decide and before the
	 * Network phase, so that the owner can pick the configuration the
	 * network layer runs with by the peer's name: a call on a dialer
	 * pool member binds to the dialer profile whose `dialer
	 * remote-name` it is, and IPCP uses the profile's address (IOS).
	 * The owner may call ppp_session_set_network() from here, nothing
	 * else of the session.  May be NULL.
	 */
	void (*authenticated)(void *ctx, const char *peer_name);
	/*
	 * LAC (RFC 2661 §4.4.5; seed 004): we are the authenticator and the
	 * peer's CHAP Response or PAP Authenticate-Request has arrived; *pa
	 * holds it (type PPP_PROXY_AUTH_CHAP with our challenge, or
	 * PPP_PROXY_AUTH_PAP with the password in `response`), valid only
	 * during the call and wiped afterwards: copy what the ICCN needs
	 * (proxy LCP: ppp_session_proxy_lcp(), callable from here).  The
	 * owner answers at once:
	 *   PPP_FWD_LOCAL: the session verifies the credentials through AAA
	 *     as usual;
	 *   PPP_FWD_FORWARD: "PPP: Phase is FORWARDING"; every timer of the
	 *     session stops (LCP restart and keepalive, authentication), it
	 *     answers nothing more, LCP stays Opened and the peer's name is
	 *     kept for `show`; from now on ppp_session_input() hands each
	 *     frame to ops->forward_input.  Later the owner either relays
	 *     (and may stop calling the session), or calls
	 *     ppp_session_forward_fail().
	 * Called from inside frame input: the owner must not call back into
	 * the session except ppp_session_proxy_lcp().  May be NULL: always
	 * LOCAL.  Called again for a new Response after a failed local
	 * authentication (`ppp max-bad-auth`).  Never called on a session
	 * started with ppp_session_start_proxy() (an LNS).
	 */
	enum ppp_fwd_decision (*auth_forward)(void *ctx,
					      const struct ppp_proxy_auth *pa);
	/* LAC, Forward phase: one frame from the peer, exactly as given to
	 * ppp_session_input() (Address/Control and Protocol fields
	 * included), for the tunnel.  Valid during the call.  May be NULL
	 * (frames are then counted as discards). */
	void (*forward_input)(void *ctx, const uint8_t *frame, size_t len);
};

/* Counters for `show interfaces` / `show ppp`. */
struct ppp_session_stats {
	uint64_t rx_frames, rx_octets;
	uint64_t tx_frames, tx_octets;
	uint64_t rx_ip_packets, tx_ip_packets;
	uint64_t rx_discards;    /* frames dropped: wrong phase, bad header */
	uint64_t tx_discards;    /* IP packets dropped: not up, too big */
	uint64_t rx_protrej;     /* unknown protocols rejected */
	uint32_t auth_failures;
};

struct ppp_session {
	struct ppp_session_cfg cfg;
	const struct ppp_session_ops *ops;
	void *ctx;
	struct aaa *aaa;
	const struct logger *log;
	struct timers *ts;
	enum ppp_phase phase;
	struct lcp lcp;
	struct ipcp ipcp;
	/* Allocated when the protocol is first used in either role (a call
	 * mostly uses one of them), freed with the session; NULL before,
	 * or when memory ran out (ppp_session_pap() / _chap()). */
	struct pap *pap;
	struct chap *chap;
	/* authentication progress */
	bool auth_by_us_pending, auth_by_peer_pending;
	char peer_name[PPP_NAME_MAX]; /* authenticated peer name */
	struct aaa_req *aaa_req;
	enum lcp_auth aaa_proto;      /* which protocol awaits the answer */
	/* addresses */
	uint32_t pool_addr;           /* allocated from cfg.peer_pool */
	bool ip_up;
	uint32_t ip_local, ip_peer;
	bool lineproto_up;
	const char *down_reason;
	struct ppp_session_stats stats;
	struct timer retry_timer;     /* new challenge after a bad auth */
	struct timer auth_phase_timer; /* the whole Authenticate phase */
	struct timer close_timer;      /* deferred LCP close */
	/* callback (ppp_callback.c) */
	struct aaa_authz authz;        /* from the authentication answer */
	struct ppp_callback cb;
	struct cbcp *cbcp;             /* allocated by the first CBCP run */
	bool cbcp_running;
	bool peer_term;                /* the peer sent Terminate-Request */
	bool cb_reported;              /* callback_needed/agreed called */
	bool ipcp_was_open;            /* IPCP opened during this call */
	struct timer cb_timer;         /* wait for TermReq; deferred ops */
	/* VJ compression while IPCP is Opened with it (ppp_vj.c). */
	struct vj_comp *vj_tx;         /* towards the peer, or NULL */
	struct vj_decomp *vj_rx;       /* from the peer, or NULL */
	bool vj_peer_sent;             /* a VJ frame arrived (passive) */
	bool auth_told;                /* ops->authenticated was called */
	uint64_t vj_rx_plain_tcp;      /* TCP from the peer as plain IP */
	/* L2TP (ppp_l2tp.c) */
	bool no_remote_auth;           /* callin-only auth on a callout */
	bool lns_proxy;                /* started by start_proxy (an LNS) */
	bool fwd_failed;               /* ppp_session_forward_fail() ran */
	bool proxy_auth_go;            /* LCP up chose to use proxy_auth */
	/* ppp_session_start_proxy()'s copy of the proxy authentication,
	 * on its stack: set only while it runs and until LCP up judged it
	 * unusable. */
	struct ppp_proxy_auth *proxy_auth;
};

/*
 * Create a session in the Dead phase.  cfg is copied; ops/ctx/aaa/ts/log
 * are borrowed and must outlive it.  Returns NULL when out of memory.
 */
struct ppp_session *ppp_session_new(const struct ppp_session_cfg *cfg,
				    const struct ppp_session_ops *ops,
				    void *ctx, struct aaa *aaa,
				    struct timers *ts,
				    const struct logger *log);

/* Free; releases a pool address, cancels timers and AAA requests.  Must
 * not be called from inside one of the session's ops callbacks. */
void ppp_session_free(struct ppp_session *s);

/*
 * Replace the network-layer part of the session's configuration with
 * cfg's: whether IPCP runs (ip), the IPCP options (our address, DNS/WINS,
 * VJ), the peer address or pool and vj_passive; the rest of cfg (LCP,
 * authentication, callback, names) is ignored.  For ops->authenticated,
 * which chooses the interface a call belongs to after authentication.
 * Returns 0, or -EBUSY once the Network phase has begun (IPCP already
 * runs with the old parameters; nothing is changed).
 */
int ppp_session_set_network(struct ppp_session *s,
			    const struct ppp_session_cfg *cfg);

/* The lower layer is up (carrier, or a dedicated line opened): enter the
 * Establish phase and start LCP. */
void ppp_session_start(struct ppp_session *s);

/*
 * LNS: start a session for an L2TP call (RFC 2661 §4.4.5) instead of
 * ppp_session_start().  `lcp` is the LAC's proxy LCP (NULL: none), `auth`
 * its proxy authentication (NULL: none), `flags` PPP_PROXY_RENEG_*; both
 * are copied.  Logs "PPP: Using set call direction" and the Establish
 * phase, then:
 *   - adopts the proxy LCP when it is acceptable (lcp_proxy_check():
 *     Last Sent and Last Received present and ones LCP could have
 *     agreed to; we demand authentication only with a protocol of
 *     `ppp authentication`) and neither flag asks otherwise
 *     (PPP_PROXY_RENEG_ALWAYS; PPP_PROXY_RENEG_ON_MISMATCH and the LAC's
 *     side differs from what our configuration would request: the
 *     first `ppp authentication` protocol, or none; the MRU): logs "LCP:
 *     I FORCED CONFREQ len N" with the Last Sent options, "VPDN: PPP LCP
 *     accepted rcv CONFACK" and "... sent CONFACK", and LCP is Opened
 *     without a packet: our side is the LAC's Last Sent request (our
 *     Magic-Number, MRU, ACCM, the protocol the peer authenticates
 *     with), the peer's the Last Received one;
 *   - otherwise logs why ("VPDN: PPP LCP renegotiation: <reason>") and
 *     negotiates LCP afresh with an active open (a Configure-Request
 *     goes out: the caller's LCP is Opened and would never send one);
 *     proxy authentication is then ignored.
 * After an adopted proxy LCP that demands authentication, proxy CHAP
 * (type 2) or PAP (type 3) of the same protocol is verified through AAA as
 * if the Response / Authenticate-Request had just arrived, and answered
 * with the proxy's Identifier (CHAP: see chap_start_proxy() for the
 * Challenge sent first); anything else (no proxy authentication, type 4,
 * another protocol, malformed values) authenticates normally.  A failed
 * verification is a failed authentication (`ppp max-bad-auth`).  The
 * rest of the session is unchanged.  Calls ops (link_params, send_frame)
 * synchronously.
 */
void ppp_session_start_proxy(struct ppp_session *s,
			     const struct ppp_proxy_lcp *lcp,
			     const struct ppp_proxy_auth *auth,
			     unsigned flags);

/*
 * LAC: the Configure-Requests LCP recorded so far (RFC 2661 §4.4.5): the
 * first received from the peer, and the last sent and received that were
 * Acked.  Copies into *out.  Returns true when Last Sent and Last Received
 * are both present (LCP reached Opened), i.e. the ICCN can carry proxy
 * LCP; Initial Received is then present too unless it was too long.
 * Nothing is recorded (false, *out all absent) on a session without
 * ops->auth_forward, or when memory for the record ran out.
 */
bool ppp_session_proxy_lcp(const struct ppp_session *s,
			   struct ppp_proxy_lcp *out);

/*
 * LAC, Forward phase: the tunnel could not be set up (no tunnel, the LNS
 * refused the session ...).  As IOS does, the caller is told its
 * authentication failed (CHAP Failure / PAP Authenticate-Nak with the
 * Identifier of its Response) and LCP is terminated whatever `ppp
 * max-bad-auth` says; ops->link_down follows with `reason` (NULL: "VPDN
 * forwarding failed"), which must be a static string.  Ignored outside
 * the Forward phase.  Do not call from inside ops->auth_forward.
 */
void ppp_session_forward_fail(struct ppp_session *s, const char *reason);

/* The lower layer went away (carrier lost, hang-up). */
void ppp_session_lower_down(struct ppp_session *s);

/* Administrative close: LCP Terminate-Request, then Dead. */
void ppp_session_close(struct ppp_session *s, const char *reason);

/* One received frame (RFC 1662 framing already removed). */
void ppp_session_input(struct ppp_session *s, const uint8_t *frame,
		       size_t len);

/* Send an IP packet to the peer, VJ-compressed when that was agreed
 * (RFC 1144).  Returns 0, or -ENETDOWN when IPCP is not Opened, -EMSGSIZE
 * when larger than the peer's MRU. */
int ppp_session_send_ip(struct ppp_session *s, const uint8_t *pkt,
			size_t len);

/* The framing layer dropped a frame (bad FCS, aborted frame, runt): the
 * VJ decompressor, if any, discards compressed TCP until the peer
 * resynchronises (RFC 1144 §4.1).  Harmless without VJ.  Does not call
 * back. */
void ppp_session_input_error(struct ppp_session *s);

/* A read-only picture for `show` commands. */
struct ppp_session_status {
	enum ppp_phase phase;
	const char *lcp_state;   /* IOS state name */
	const char *ipcp_state;
	bool lcp_open, ipcp_open;
	char peer_name[PPP_NAME_MAX];
	enum lcp_auth auth_by_us, auth_by_peer;
	uint32_t local_addr, peer_addr;
	struct lcp_neg lcp;      /* valid when lcp_open */
	struct ppp_session_stats stats;
	struct ppp_callback cb;  /* callback progress (state NONE: none) */
	const char *cbcp_state;  /* CBCP state name, NULL when not run */
};

void ppp_session_status(const struct ppp_session *s,
			struct ppp_session_status *st);

/* Client, CBCP "ask me": the user's answer to ops->cbcp_ask().  `number`
 * non-empty: call me back there; NULL or "": no callback.  Ignored unless
 * CBCP is waiting for it. */
void ppp_session_cbcp_answer(struct ppp_session *s, const char *number);

/* The callback picture of this call (state NONE when none). */
const struct ppp_callback *ppp_session_callback(const struct ppp_session *s);
/* VJ compression state for `show ip tcp header-compression`. */
struct ppp_vj_status {
	bool tx_on, rx_on;         /* agreed towards / from the peer */
	bool passive;              /* `... passive` */
	bool compressing;          /* compressing now (not passive, or the
				    * peer has sent compressed TCP) */
	unsigned tx_slots, rx_slots;
	uint64_t rx_plain_tcp;     /* TCP received uncompressed as IP */
	struct vj_comp_stats tx;   /* zero when !tx_on */
	struct vj_decomp_stats rx; /* zero when !rx_on */
};

/* Fill *st; false (st zeroed) when VJ is not in use in either direction
 * (IPCP not Opened, or not agreed). */
bool ppp_session_vj_status(const struct ppp_session *s,
			   struct ppp_vj_status *st);

#endif
