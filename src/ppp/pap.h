/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pap.h - the Password Authentication Protocol (RFC 1334 §2), both roles.
 *
 * Authenticator: waits for Authenticate-Request, hands the peer-id and
 * password to the owner (ops->verify, answered asynchronously with
 * pap_auth_result()), answers Authenticate-Ack/Nak, answers a retransmitted
 * request with the same reply, and gives up after `wait_ms` without a
 * request.  Peer: sends Authenticate-Request every `restart_ms` until it is
 * answered, at most `max_tries` times.  After a Nak the peer tries again
 * (with a fresh Identifier) while the link stays up: whether the link stays
 * up is the authenticator's choice (IOS `ppp max-bad-auth`).
 *
 * The password is passed to ops->verify and never logged.
 */
#ifndef NASD_PPP_PAP_H
#define NASD_PPP_PAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "timer.h"

enum pap_code {
	PAP_AUTH_REQ = 1,
	PAP_AUTH_ACK = 2,
	PAP_AUTH_NAK = 3,
};

#define PAP_NAME_MAX 255

struct pap_ops {
	void (*send)(void *ctx, const uint8_t *pkt, size_t len);
	/* Authenticator: check user/password; answer with pap_auth_result(),
	 * now or later.  The buffers are valid only during the call. */
	void (*verify)(void *ctx, const char *user, const uint8_t *passwd,
		       size_t passwd_len);
	/* A role finished: `ok` true on success.  `name` is the peer's
	 * name (authenticator) or our own (peer). */
	void (*done)(void *ctx, bool as_authenticator, bool ok,
		     const char *name);
};

enum pap_state {
	PAP_IDLE,
	PAP_WAIT_REQ,  /* authenticator: waiting for a request */
	PAP_VERIFYING, /* authenticator: owner is checking */
	PAP_AUTH_DONE, /* authenticator: replied (see auth_ok) */
	PAP_SENT_REQ,  /* peer: request outstanding */
	PAP_PEER_DONE, /* peer: Acked */
	PAP_PEER_NAKED, /* peer: Naked, retrying */
};

struct pap {
	const char *ifname;
	const struct pap_ops *ops;
	void *ctx;
	const struct logger *log;
	uint32_t restart_ms;
	uint32_t wait_ms;
	uint8_t max_tries;
	/* authenticator */
	enum pap_state auth_state;
	uint8_t auth_id;     /* id of the request being judged / answered */
	bool auth_ok;
	char peer_name[PAP_NAME_MAX + 1];
	struct timer auth_timer;
	/* peer */
	enum pap_state peer_state;
	uint8_t peer_id;
	uint8_t tries;
	char user[PAP_NAME_MAX + 1];
	uint8_t passwd[PAP_NAME_MAX];
	size_t passwd_len;
	struct timer peer_timer;
};

/* Initialise idle.  Everything passed is borrowed. */
void pap_init(struct pap *pap, const char *ifname, const struct pap_ops *ops,
	      void *ctx, struct timers *ts, const struct logger *log,
	      uint32_t restart_ms, uint32_t wait_ms, uint8_t max_tries);

/* Authenticator role: wait for the peer's Authenticate-Request. */
void pap_start_authenticator(struct pap *pap);

/* Answer the request handed to ops->verify.  `msg` is the Message sent
 * with the Ack/Nak (may be NULL).  Ignored unless verifying. */
void pap_auth_result(struct pap *pap, bool ok, const char *msg);

/* Peer role: authenticate as `user` with `passwd` (copied; the copy is
 * wiped by pap_stop()). */
void pap_start_peer(struct pap *pap, const char *user, const uint8_t *passwd,
		    size_t passwd_len);

/* One received PAP packet (Code .. end).  Malformed packets are dropped. */
void pap_input(struct pap *pap, const uint8_t *pkt, size_t len);

/* Stop both roles (link down) and wipe the stored password. */
void pap_stop(struct pap *pap);

#endif
