/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chap.h - the Challenge-Handshake Authentication Protocol with MD5
 * (RFC 1994), both roles.
 *
 * Authenticator: sends a Challenge (a fresh random value of
 * CHAP_CHALLENGE_LEN octets from ops->random and our name), retransmits it
 * every `restart_ms` up to `max_tries` times, hands the Response to the
 * owner (ops->verify: the local user database or RADIUS decide; answered
 * with chap_auth_result()), and sends Success or Failure; a retransmitted
 * Response for the same Identifier gets the same answer (RFC 1994 §4.2).
 * A new challenge (a retry allowed by `ppp max-bad-auth`) is started with
 * chap_start_authenticator() again.
 *
 * Peer: answers every Challenge with MD5(Identifier || secret || challenge)
 * (RFC 1994 §4.1), the secret coming from ops->get_secret() for the
 * challenger's name.  The secret is never logged.
 */
#ifndef NASD_PPP_CHAP_H
#define NASD_PPP_CHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "timer.h"

enum chap_code {
	CHAP_CHALLENGE = 1,
	CHAP_RESPONSE = 2,
	CHAP_SUCCESS = 3,
	CHAP_FAILURE = 4,
};

#define CHAP_CHALLENGE_LEN 16
#define CHAP_MD5_LEN 16
#define CHAP_NAME_MAX 255
#define CHAP_SECRET_MAX 255

/* What the authenticator hands to the owner for verification. */
struct chap_response {
	const char *name;          /* peer's name as sent (NUL-terminated) */
	uint8_t id;                /* Identifier of challenge and response */
	const uint8_t *challenge;  /* the challenge value we sent */
	size_t challenge_len;
	const uint8_t *response;   /* the peer's Value */
	size_t response_len;
};

struct chap_ops {
	void (*send)(void *ctx, const uint8_t *pkt, size_t len);
	void (*random)(void *ctx, void *buf, size_t n);
	/* Authenticator: judge r; answer with chap_auth_result().  The
	 * buffers in r are valid only during the call. */
	void (*verify)(void *ctx, const struct chap_response *r);
	/* Peer: the name to answer with and the secret shared with
	 * `challenger` (its name from the Challenge).  Copy into the
	 * buffers; return false if no secret is known. */
	bool (*get_secret)(void *ctx, const char *challenger, char *name,
			   size_t name_size, uint8_t *secret,
			   size_t *secret_len);
	/* A role finished.  `name` is the peer's name (authenticator) or
	 * our own (peer). */
	void (*done)(void *ctx, bool as_authenticator, bool ok,
		     const char *name);
};

enum chap_state {
	CHAP_IDLE,
	CHAP_SENT_CHALLENGE,
	CHAP_VERIFYING,
	CHAP_AUTH_DONE,
	CHAP_PEER_WAIT,     /* peer: waiting for a challenge */
	CHAP_PEER_RESPONDED,
	CHAP_PEER_DONE,
};

struct chap {
	const char *ifname;
	const struct chap_ops *ops;
	void *ctx;
	const struct logger *log;
	uint32_t restart_ms;
	uint8_t max_tries;
	/* authenticator */
	enum chap_state auth_state;
	char our_name[CHAP_NAME_MAX + 1];
	uint8_t id;
	uint8_t challenge[CHAP_CHALLENGE_LEN];
	uint8_t tries;
	bool auth_ok;
	char peer_name[CHAP_NAME_MAX + 1];
	struct timer auth_timer;
	/* L2TP proxy authentication (chap_start_proxy): `id` is the
	 * proxy's Identifier, own_id that of our own Challenge; a Response
	 * to it that arrived while verifying is answered with the result. */
	bool proxy;
	uint8_t own_id;
	bool own_pending;
	/* peer */
	enum chap_state peer_state;
	uint8_t peer_id;       /* Identifier of the last Response we sent */
	/* The Response before it, still unanswered when a new Challenge
	 * came: an L2TP LNS answers the caller's Response to the LAC's
	 * Challenge after sending its own (seed 004), so a Success for
	 * either ends the phase. */
	uint8_t peer_prev_id;
	bool peer_prev_valid;
	/* The Response is sent again every restart_ms, max_tries times,
	 * until Success or Failure arrives: RFC 1994 lets the authenticator
	 * answer a repeated Response, and a lost Success would otherwise
	 * leave us waiting while the authenticator has moved on to IPCP. */
	uint8_t peer_digest[16];
	uint8_t peer_tries;
	struct timer peer_timer;
	char peer_our_name[CHAP_NAME_MAX + 1];
};

void chap_init(struct chap *chap, const char *ifname,
	       const struct chap_ops *ops, void *ctx, struct timers *ts,
	       const struct logger *log, uint32_t restart_ms,
	       uint8_t max_tries);

/* Authenticator: send a new Challenge naming ourselves `our_name`. */
void chap_start_authenticator(struct chap *chap, const char *our_name);

/*
 * Authenticator on an L2TP LNS with proxy authentication (RFC 2661
 * §4.4.5): `proxy` is the caller's Response to the LAC's Challenge (its
 * Identifier, the LAC's challenge value, the response value and name).
 * As IOS does (seed 004), we first send our own Challenge, Identifier
 * proxy->id + 1, once and without retransmission, then take the proxy
 * Response as if it had just arrived: it is logged ("I RESPONSE id 7 len
 * 38 from ...") and handed to ops->verify, and chap_auth_result() answers
 * with the proxy's Identifier.
 *
 * Why our Challenge goes out at all: the seed shows it, and it is
 * harmless when Responses to it are answered.  A caller may answer it
 * (e.g. before our Success reached it, after which an implementation
 * matching Success to its last Response ignores the Success for the
 * older Identifier); such a Response is answered with the proxy's verdict
 * under its own Identifier, once the verdict is known, as RFC 1994 §4.2
 * lets an authenticator repeat Success for a Response that arrives after
 * Success.  The caller was already verified; the repeat changes nothing
 * on our side.  Buffers in proxy are used only during the call.
 */
void chap_start_proxy(struct chap *chap, const char *our_name,
		      const struct chap_response *proxy);

/* Answer the Response handed to ops->verify (ignored otherwise). */
void chap_auth_result(struct chap *chap, bool ok, const char *msg);

/* Peer: expect a Challenge. */
void chap_start_peer(struct chap *chap);

/* One received CHAP packet (Code .. end).  Malformed packets are dropped. */
void chap_input(struct chap *chap, const uint8_t *pkt, size_t len);

void chap_stop(struct chap *chap);

#endif
