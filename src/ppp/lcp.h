/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lcp.h - the Link Control Protocol (RFC 1661 §5, §6; RFC 1662 §7.1 ACCM;
 * RFC 1570 §2.3 Callback; RFC 1994 / RFC 1334 Authentication-Protocol).
 *
 * LCP is one `struct cp_fsm` plus the option policy below.  It negotiates
 * MRU, ACCM, Authentication-Protocol (PAP, CHAP-MD5), Magic-Number with
 * loopback detection, PFC and ACFC; it parses the Callback option for every
 * operation (0-4, 6) and hands it to the owner's policy; it Configure-Rejects
 * everything else (MRRU, Endpoint Discriminator, Quality-Protocol, ...).  In
 * the Opened state it answers Echo-Request, sends Echo-Request keepalives and
 * declares the peer dead after `echo_fails_max` unanswered ones, discards
 * Discard-Request, and turns Protocol-Reject into a notification.
 *
 * Directions, stated once because they are easy to get backwards:
 *   - options in OUR Configure-Request describe what WE receive (our MRU, the
 *     ACCM the peer must apply when sending to us, whether we can receive
 *     compressed Protocol/Address fields, how the PEER must authenticate to
 *     us);
 *   - options in the PEER's Configure-Request that we Ack describe what WE
 *     must do when sending (peer's MRU, the ACCM we apply, whether we may
 *     compress), and how WE authenticate to the peer.
 */
#ifndef NASD_PPP_LCP_H
#define NASD_PPP_LCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cp_fsm.h"

/* LCP Configuration Option types (RFC 1661 §6, RFC 1570, RFC 1990). */
enum lcp_opt {
	LCP_OPT_MRU = 1,
	LCP_OPT_ACCM = 2,
	LCP_OPT_AUTH = 3,
	LCP_OPT_QUALITY = 4,
	LCP_OPT_MAGIC = 5,
	LCP_OPT_PFC = 7,
	LCP_OPT_ACFC = 8,
	LCP_OPT_FCS_ALT = 9,
	LCP_OPT_SDP = 10,
	LCP_OPT_NUMBERED = 11,
	LCP_OPT_CALLBACK = 13,
	LCP_OPT_MRRU = 17,
	LCP_OPT_SSNHF = 18,
	LCP_OPT_EPDISC = 19,
};

/* Authentication protocols LCP can negotiate. */
enum lcp_auth {
	LCP_AUTH_NONE = 0,
	LCP_AUTH_PAP,      /* 0xC023 */
	LCP_AUTH_CHAP_MD5, /* 0xC223, algorithm 5 */
};

/* RFC 1570 §2.3 Callback operations, plus Microsoft's 6 ([MS-CBCP] 2.2.1). */
enum lcp_cb_op {
	LCP_CB_AUTH = 0,    /* location determined by user authentication */
	LCP_CB_DIALSTR = 1, /* dialing string */
	LCP_CB_LOCID = 2,   /* location identifier */
	LCP_CB_E164 = 3,    /* E.164 number */
	LCP_CB_X500 = 4,    /* distinguished name */
	LCP_CB_CBCP = 6,    /* location determined during CBCP negotiation */
};

#define LCP_CB_MSG_MAX 64

/* A parsed Callback option.  The Message is raw octets (not
 * NUL-terminated on the wire); msg[] is NUL-terminated for convenience. */
struct lcp_callback {
	uint8_t op;
	uint8_t msg_len;
	char msg[LCP_CB_MSG_MAX + 1];
};

/* What the owner's policy says about a peer's Callback option. */
enum lcp_cb_verdict {
	LCP_CB_REJECT, /* Configure-Reject it (callback not enabled) */
	LCP_CB_ACK,    /* Configure-Ack it */
	LCP_CB_NAK,    /* Configure-Nak, suggesting verdict_op */
};

/* Local policy: what we ask for and what we accept.  Plain data, copied. */
struct lcp_cfg {
	bool async;          /* async HDLC link: ACCM, PFC, ACFC meaningful */
	uint16_t mru;        /* MRU we request; 0 or 1500 = do not send */
	uint32_t accm;       /* ACCM we ask the peer to use towards us (async) */
	bool want_pfc;       /* ask to receive compressed Protocol fields */
	bool want_acfc;      /* ask to receive compressed Address/Control */
	bool allow_pfc;      /* let the peer receive them (Ack its request) */
	bool allow_acfc;
	bool want_magic;     /* send a Magic-Number */
	/* Authentication the PEER must perform towards us, in preference
	 * order (IOS `ppp authentication chap pap`); LCP_AUTH_NONE ends. */
	enum lcp_auth auth_require[3];
	/* Authentication we agree to perform towards the peer. */
	bool allow_auth_chap;
	bool allow_auth_pap;
	/* Callback we ask for as a client (RFC 1570 op 0 or CBCP op 6);
	 * `want_callback` false = do not send the option. */
	bool want_callback;
	uint8_t callback_op;
	/* Its Message for operations 1 (dial string) and 3 (E.164 number):
	 * the number the server should call (RFC 1570 §2.3); "" none. */
	char callback_msg[LCP_CB_MSG_MAX + 1];
	/* Echo keepalive: period (IOS `keepalive N`, 0 = off) and how many
	 * unanswered Echo-Requests declare the peer dead (IOS: 5). */
	uint32_t echo_interval_ms;
	uint8_t echo_fails_max;
	/* Magic-Number collisions tolerated before declaring a loopback. */
	uint8_t loopback_max;
	/* Keep the Configure-Requests for L2TP proxy LCP (a LAC, RFC 2661
	 * §4.4.5): struct lcp's `rec`. */
	bool record_proxy;
};

/* Values in force while LCP is Opened. */
struct lcp_neg {
	uint16_t tx_mru;        /* largest Information field we may send */
	uint16_t rx_mru;        /* largest the peer was asked to send us */
	uint32_t tx_accm;       /* characters we must escape when sending */
	uint32_t rx_accm;       /* characters the peer escapes towards us */
	bool tx_pfc, tx_acfc;   /* we may compress when sending */
	bool rx_pfc, rx_acfc;   /* the peer may compress towards us */
	uint32_t our_magic;     /* 0 = none negotiated */
	uint32_t peer_magic;
	enum lcp_auth auth_by_us;   /* we authenticate the peer with this */
	enum lcp_auth auth_by_peer; /* the peer authenticates us with this */
	bool peer_callback;         /* the peer asked for callback */
	struct lcp_callback callback;
	/* Our own Callback option was Acked (client role): operation. */
	bool our_callback;
	uint8_t our_callback_op;
};

struct lcp;

/* Everything LCP needs from its owner (the PPP session). */
struct lcp_ops {
	void (*send)(void *ctx, const uint8_t *pkt, size_t len); /* LCP pkt */
	void (*up)(void *ctx);       /* This-Layer-Up: lcp->neg is valid */
	void (*down)(void *ctx);     /* This-Layer-Down */
	void (*started)(void *ctx);  /* This-Layer-Started: need the link */
	void (*finished)(void *ctx); /* This-Layer-Finished: link not needed */
	/* Judge a peer's Callback option (already parsed).  On LCP_CB_NAK,
	 * set *nak_op to the operation to suggest. */
	enum lcp_cb_verdict (*callback_policy)(void *ctx,
					       const struct lcp_callback *cb,
					       uint8_t *nak_op);
	/* The peer Protocol-Rejected `protocol` (RFC 1661 §5.7). */
	void (*protocol_rejected)(void *ctx, uint16_t protocol);
	/* No Echo-Reply for echo_fails_max keepalive periods, or a loopback
	 * was detected: LCP has been closed with the given reason. */
	void (*link_failed)(void *ctx, const char *reason);
	/* Fill buf with n random octets (Magic-Number). */
	void (*random)(void *ctx, void *buf, size_t n);
};

/* Our Configure-Request as currently wanted (reset per negotiation). */
struct lcp_want {
	bool mru, accm, pfc, acfc, magic, callback;
	uint16_t mru_val;
	uint32_t accm_val;
	uint32_t magic_val;
	int auth_idx; /* index into cfg.auth_require, -1 none */
	bool auth;    /* Authentication-Protocol still asked */
	/* Proxy LCP only: the protocol the LAC demanded, which may be
	 * outside cfg.auth_require; LCP_AUTH_NONE = use auth_idx. */
	enum lcp_auth proxy_auth;
};

/* What we Acked in the peer's last Configure-Request. */
struct lcp_got {
	bool mru, accm, pfc, acfc, magic, callback;
	uint16_t mru_val;
	uint32_t accm_val;
	uint32_t magic_val;
	enum lcp_auth auth;
	struct lcp_callback cb;
};

/*
 * L2TP proxy LCP (RFC 2661 §4.4.5, AVPs 26-28): the options of one
 * Configure-Request, from the first option on, without the LCP header.
 * Requests longer than LCP_PROXY_OPTS_MAX octets are not kept (present
 * stays false): a LAC then sends no proxy LCP and the LNS renegotiates.
 */
#define LCP_PROXY_OPTS_MAX 256

struct lcp_proxy_span {
	bool present;
	uint16_t len;
	uint8_t opts[LCP_PROXY_OPTS_MAX];
};

/* The three Configure-Requests a LAC reports in ICCN, recorded as LCP
 * runs (either role; kept across renegotiations within the call). */
struct lcp_record {
	struct lcp_proxy_span initial_rcvd; /* the peer's first request */
	struct lcp_proxy_span last_sent;    /* our request the peer Acked */
	struct lcp_proxy_span last_rcvd;    /* the peer's request we Acked */
};

/* Proxy LCP validated into what LCP loads when it adopts it
 * (lcp_proxy_check(), lcp_proxy_open()). */
struct lcp_proxy {
	struct lcp_want want; /* our side: the LAC's Last Sent request */
	struct lcp_got got;   /* the peer's side: Last Received request */
	enum lcp_auth auth;   /* Authentication-Protocol of Last Sent */
};

struct lcp {
	struct cp_fsm fsm;
	struct lcp_cfg cfg;
	struct lcp_neg neg;         /* valid while Opened */
	const struct lcp_ops *ops;
	void *ctx;
	const struct logger *log;
	const char *ifname;
	struct lcp_want want; /* our Configure-Request as currently wanted */
	struct lcp_got got;   /* what we Acked of the peer's last request */
	uint8_t loopback_count;     /* consecutive Magic-Number collisions */
	uint8_t echo_outstanding;   /* Echo-Requests without a reply */
	uint8_t echo_id;
	struct timer echo_timer;
	uint64_t echo_tx, echo_rx;  /* counters for show */
	/* Closing LCP from inside an automaton callback would re-enter it,
	 * so fatal negotiation outcomes are deferred to this timer. */
	struct timer fail_timer;
	const char *fail_reason;
	/* Proxy LCP when cfg.record_proxy: allocated by the first
	 * Configure-Request recorded, freed by lcp_fini(); NULL before, or
	 * when memory ran out (a LAC then sends no proxy LCP). */
	struct lcp_record *rec;
};

/* Fill `cfg` with IOS defaults for a link: MRU 1500 (not sent), ACCM
 * 0x000A0000 on async (XON/XOFF escaped, as the AS5200 in seed 001 asks),
 * PFC/ACFC wanted and allowed on async, magic on, no authentication
 * required, CHAP and PAP allowed as peer, keepalive 10 s with 5 misses,
 * loopback after 5 collisions. */
void lcp_cfg_default(struct lcp_cfg *cfg, bool async);

/*
 * Initialise.  `ifname` (short name, e.g. "As4"), `ops`, `ctx`, `ts` and
 * `log` are borrowed; cfg and fsm_cfg are copied.
 */
void lcp_init(struct lcp *lcp, const char *ifname, const struct lcp_cfg *cfg,
	      const struct cp_fsm_cfg *fsm_cfg, const struct lcp_ops *ops,
	      void *ctx, struct timers *ts, const struct logger *log);

/* Stop timers, free the proxy LCP record; the object may then be freed. */
void lcp_fini(struct lcp *lcp);

/* Lower layer up/down, administrative open/close (RFC 1661 §4.3). */
void lcp_lower_up(struct lcp *lcp);
void lcp_lower_down(struct lcp *lcp);
void lcp_open(struct lcp *lcp);
void lcp_close(struct lcp *lcp, const char *reason);

/* One received LCP packet (Code .. end). */
void lcp_input(struct lcp *lcp, const uint8_t *pkt, size_t len);

/*
 * Send a Protocol-Reject for a received frame of an unsupported protocol
 * (RFC 1661 §5.7): `info` is the Information field of the rejected frame,
 * truncated to fit.  Only sent while Opened.
 */
void lcp_send_protocol_reject(struct lcp *lcp, uint16_t protocol,
			      const uint8_t *info, size_t len);

static inline bool lcp_is_open(const struct lcp *lcp)
{
	return cp_fsm_is_open(&lcp->fsm);
}

/* Protocol number and IOS name of an authentication protocol. */
uint16_t lcp_auth_protocol(enum lcp_auth a);
const char *lcp_auth_name(enum lcp_auth a);

/*
 * Parse an Authentication-Protocol option body (the octets after Type and
 * Length): PAP (0xC023, no data) or CHAP with MD5 (0xC223, algorithm 5).
 * Anything else, malformed included, is LCP_AUTH_NONE.  RFC 1661 §6.2,
 * RFC 1994 §3.
 */
enum lcp_auth lcp_auth_parse(struct rd *body);

/*
 * Judge proxy LCP (RFC 2661 §4.4.5) for an LNS: `sent` is the LAC's Last
 * Sent Configure-Request (becomes our side of the link), `rcvd` the Last
 * Received one (the peer's side); both are option lists without header.
 * Valid when every option parses, is one LCP negotiates (MRU, ACCM,
 * Authentication-Protocol PAP or CHAP-MD5, Magic-Number, PFC, ACFC) and
 * is one we could have agreed to under lcp->cfg: MRU between PPP_MRU_MIN
 * and PPP_MRU_MAX, non-zero and distinct Magic-Numbers, PFC/ACFC and the
 * peer's Authentication-Protocol only where allowed; and, when cfg
 * requires authentication, the LAC demanded a protocol of
 * cfg.auth_require.  Fills *out and returns true, or returns false with
 * *why set to a static reason ("MRU 64 below the minimum" ...).  Pure:
 * neither lcp nor the log is touched.
 */
bool lcp_proxy_check(const struct lcp *lcp, const uint8_t *sent,
		     size_t sent_len, const uint8_t *rcvd, size_t rcvd_len,
		     struct lcp_proxy *out, const char **why);

/*
 * Adopt checked proxy LCP: load p (our and the peer's options, Magic-
 * Numbers kept for loopback detection and Echo) and enter Opened with
 * cp_fsm_force_open(), running ops->up as a negotiated opening does.  LCP
 * must be lower-up and not negotiating (Closed, or Stopped after a
 * passive open).  Returns false, changing nothing, otherwise.
 */
bool lcp_proxy_open(struct lcp *lcp, const struct lcp_proxy *p);

/*
 * Freeze an Opened LCP (a LAC forwarding the call into a tunnel): stop the
 * Echo keepalive, the Restart timer and any deferred failure, leaving the
 * state Opened for `show`.  Nothing is sent afterwards unless the owner
 * closes LCP (lcp_close() works as usual).  Does not call back.
 */
void lcp_suspend(struct lcp *lcp);

/*
 * Parse the Callback option body (the octets after Type and Length) into
 * *cb.  Returns false if it is malformed (empty, or a Message longer than
 * LCP_CB_MSG_MAX).  RFC 1570 §2.3.
 */
bool lcp_callback_parse(struct rd *body, struct lcp_callback *cb);

/*
 * Log the options of an LCP Configure-* packet, one line each, IOS style:
 * "As4 LCP:    ACCM 0x000A0000 (0x0206000A0000)".  Malformed options end
 * the listing with a "bad option" line.  Used as the cp_fsm print_opts hook
 * and by the fuzzer.
 */
void lcp_print_opts(const struct logger *log, const char *ifname,
		    struct rd *opts);

#endif /* NASD_PPP_LCP_H */
