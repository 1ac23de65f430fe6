/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pap.c - Password Authentication Protocol, RFC 1334 §2 (see pap.h).
 * Debug lines follow IOS `debug ppp authentication`:
 *   "As1 PAP: I AUTH-REQ id 1 len 16 from \"bob\""
 *   "As1 PAP: O AUTH-ACK id 1 len 5"
 */
#include "pap.h"

#include <string.h>

#include "cp_print.h"
#include "ppp_defs.h"
#include "rd.h"
#include "wr.h"

#define PAP_PKT_MAX (CP_HDR_LEN + 2 + 2 * PAP_NAME_MAX)

static const char *pap_code_name(uint8_t code)
{
	switch (code) {
	case PAP_AUTH_REQ:
		return "AUTH-REQ";
	case PAP_AUTH_ACK:
		return "AUTH-ACK";
	case PAP_AUTH_NAK:
		return "AUTH-NAK";
	default:
		return "UNKNOWN";
	}
}

static void pap_send_reply(struct pap *pap, uint8_t code, const char *msg)
{
	uint8_t buf[CP_HDR_LEN + 1 + 255];
	struct wr w = wr_init(buf, sizeof(buf));
	size_t mlen = msg ? strlen(msg) : 0;

	if (mlen > 255)
		mlen = 255;
	wr_u8(&w, code);
	wr_u8(&w, pap->auth_id);
	wr_u16(&w, (uint16_t)(CP_HDR_LEN + 1 + mlen));
	wr_u8(&w, (uint8_t)mlen);
	wr_bytes(&w, msg, mlen);
	if (mlen)
		log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
			"%s PAP: O %s id %u len %zu msg is \"%s\"",
			pap->ifname, pap_code_name(code), pap->auth_id, w.len,
			msg);
	else
		log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
			"%s PAP: O %s id %u len %zu", pap->ifname,
			pap_code_name(code), pap->auth_id, w.len);
	pap->ops->send(pap->ctx, buf, w.len);
}

static void pap_send_req(struct pap *pap)
{
	uint8_t buf[PAP_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));
	size_t ulen = strlen(pap->user);

	wr_u8(&w, PAP_AUTH_REQ);
	wr_u8(&w, pap->peer_id);
	wr_u16(&w, (uint16_t)(CP_HDR_LEN + 2 + ulen + pap->passwd_len));
	wr_u8(&w, (uint8_t)ulen);
	wr_bytes(&w, pap->user, ulen);
	wr_u8(&w, (uint8_t)pap->passwd_len);
	wr_bytes(&w, pap->passwd, pap->passwd_len);
	log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
		"%s PAP: O AUTH-REQ id %u len %zu from \"%s\"", pap->ifname,
		pap->peer_id, w.len, pap->user);
	pap->tries++;
	pap->ops->send(pap->ctx, buf, w.len);
	timer_arm(&pap->peer_timer, pap->restart_ms);
}

static void pap_auth_timeout(void *arg)
{
	struct pap *pap = arg;

	if (pap->auth_state != PAP_WAIT_REQ)
		return;
	log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
		"%s PAP: Timeout waiting for AUTH-REQ", pap->ifname);
	pap->auth_state = PAP_IDLE;
	pap->ops->done(pap->ctx, true, false, "");
}

static void pap_peer_timeout(void *arg)
{
	struct pap *pap = arg;

	if (pap->peer_state != PAP_SENT_REQ &&
	    pap->peer_state != PAP_PEER_NAKED)
		return;
	if (pap->tries >= pap->max_tries) {
		bool unanswered = pap->peer_state == PAP_SENT_REQ;
		log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
			"%s PAP: Giving up after %u AUTH-REQs", pap->ifname,
			pap->tries);
		pap->peer_state = PAP_IDLE;
		/* A Nak was already reported; silence was not. */
		if (unanswered)
			pap->ops->done(pap->ctx, false, false, pap->user);
		return;
	}
	/* A retransmission keeps its id; a retry after a Nak is a new
	 * request and gets a new one (RFC 1334 §2.2.1). */
	if (pap->peer_state == PAP_PEER_NAKED)
		pap->peer_id++;
	pap->peer_state = PAP_SENT_REQ;
	pap_send_req(pap);
}

void pap_init(struct pap *pap, const char *ifname, const struct pap_ops *ops,
	      void *ctx, struct timers *ts, const struct logger *log,
	      uint32_t restart_ms, uint32_t wait_ms, uint8_t max_tries)
{
	memset(pap, 0, sizeof(*pap));
	pap->ifname = ifname;
	pap->ops = ops;
	pap->ctx = ctx;
	pap->log = log;
	pap->restart_ms = restart_ms;
	pap->wait_ms = wait_ms;
	pap->max_tries = max_tries ? max_tries : 1;
	timer_init(&pap->auth_timer, ts, pap_auth_timeout, pap);
	timer_init(&pap->peer_timer, ts, pap_peer_timeout, pap);
}

void pap_start_authenticator(struct pap *pap)
{
	pap->auth_state = PAP_WAIT_REQ;
	pap->peer_name[0] = '\0';
	if (pap->wait_ms)
		timer_arm(&pap->auth_timer, pap->wait_ms);
}

void pap_auth_result(struct pap *pap, bool ok, const char *msg)
{
	if (pap->auth_state != PAP_VERIFYING)
		return;
	pap->auth_state = PAP_AUTH_DONE;
	pap->auth_ok = ok;
	pap_send_reply(pap, ok ? PAP_AUTH_ACK : PAP_AUTH_NAK,
		       msg ? msg : (ok ? "" : "Authentication failed"));
	pap->ops->done(pap->ctx, true, ok, pap->peer_name);
}

void pap_start_peer(struct pap *pap, const char *user, const uint8_t *passwd,
		    size_t passwd_len)
{
	size_t ulen = strlen(user);

	if (ulen > PAP_NAME_MAX)
		ulen = PAP_NAME_MAX;
	memcpy(pap->user, user, ulen);
	pap->user[ulen] = '\0';
	if (passwd_len > sizeof(pap->passwd))
		passwd_len = sizeof(pap->passwd);
	memcpy(pap->passwd, passwd, passwd_len);
	pap->passwd_len = passwd_len;
	pap->tries = 0;
	pap->peer_id++;
	pap->peer_state = PAP_SENT_REQ;
	pap_send_req(pap);
}

static void pap_input_req(struct pap *pap, uint8_t id, struct rd *body,
			  size_t len)
{
	uint8_t ulen, plen;
	struct rd user, pass;
	char name[PAP_NAME_MAX + 1];

	if (!rd_u8(body, &ulen) || !rd_sub(body, ulen, &user) ||
	    !rd_u8(body, &plen) || !rd_sub(body, plen, &pass)) {
		log_dbg(pap->log, DBG_PPP_ERROR,
			"%s PAP: malformed AUTH-REQ id %u dropped",
			pap->ifname, id);
		return;
	}
	cp_print_name(name, sizeof(name), user.p, ulen);
	log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
		"%s PAP: I AUTH-REQ id %u len %zu from \"%s\"", pap->ifname,
		id, len, name);
	switch (pap->auth_state) {
	case PAP_WAIT_REQ:
		break;
	case PAP_AUTH_DONE:
		/* Our reply was lost: answer the same request the same way
		 * (RFC 1334 §2.2.2); a new request after success too. */
		if (id == pap->auth_id || pap->auth_ok) {
			/* The Ack answers THIS request: its Identifier
			 * (RFC 1334 §2.2.2), not the one we verified. */
			pap->auth_id = id;
			pap_send_reply(pap,
				       pap->auth_ok ? PAP_AUTH_ACK
						    : PAP_AUTH_NAK,
				       pap->auth_ok ? ""
						    : "Authentication failed");
		}
		return;
	default:
		return; /* verifying (duplicate) or not authenticating */
	}
	timer_cancel(&pap->auth_timer);
	pap->auth_id = id;
	memcpy(pap->peer_name, name, sizeof(pap->peer_name));
	/* Keep the name exactly as sent for the AAA lookup. */
	memcpy(name, user.p, ulen);
	name[ulen] = '\0';
	pap->auth_state = PAP_VERIFYING;
	log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
		"%s PAP: Authenticating peer %s", pap->ifname,
		pap->peer_name);
	pap->ops->verify(pap->ctx, name, pass.p, plen);
}

void pap_input(struct pap *pap, const uint8_t *pkt, size_t n)
{
	struct rd r = rd_init(pkt, n), body;
	uint8_t code, id, mlen = 0;
	uint16_t len;
	char msg[256];

	if (!rd_u8(&r, &code) || !rd_u8(&r, &id) || !rd_u16(&r, &len) ||
	    len < CP_HDR_LEN || len > n) {
		log_dbg(pap->log, DBG_PPP_ERROR,
			"%s PAP: bad packet length, dropped", pap->ifname);
		return;
	}
	if (!rd_sub(&r, len - CP_HDR_LEN, &body))
		return; /* cannot happen: len <= n was checked */
	if (code == PAP_AUTH_REQ) {
		pap_input_req(pap, id, &body, len);
		return;
	}
	if (code != PAP_AUTH_ACK && code != PAP_AUTH_NAK) {
		log_dbg(pap->log, DBG_PPP_ERROR,
			"%s PAP: unknown code %u dropped", pap->ifname, code);
		return;
	}
	msg[0] = '\0';
	if (rd_u8(&body, &mlen)) {
		struct rd m;
		if (rd_sub(&body, mlen, &m))
			cp_print_name(msg, sizeof(msg), m.p, mlen);
	}
	log_dbg(pap->log, DBG_PPP_AUTHENTICATION,
		"%s PAP: I %s id %u len %u%s%s%s", pap->ifname,
		pap_code_name(code), id, len, msg[0] ? " msg is \"" : "", msg,
		msg[0] ? "\"" : "");
	if (pap->peer_state != PAP_SENT_REQ || id != pap->peer_id)
		return;
	timer_cancel(&pap->peer_timer);
	if (code == PAP_AUTH_ACK) {
		pap->peer_state = PAP_PEER_DONE;
		pap->ops->done(pap->ctx, false, true, pap->user);
		return;
	}
	pap->peer_state = PAP_PEER_NAKED;
	pap->ops->done(pap->ctx, false, false, pap->user);
	/* done() may have stopped us (link going down). */
	if (pap->peer_state == PAP_PEER_NAKED && pap->tries < pap->max_tries)
		timer_arm(&pap->peer_timer, pap->restart_ms);
}

void pap_stop(struct pap *pap)
{
	timer_cancel(&pap->auth_timer);
	timer_cancel(&pap->peer_timer);
	pap->auth_state = PAP_IDLE;
	pap->peer_state = PAP_IDLE;
	memset(pap->passwd, 0, sizeof(pap->passwd));
	pap->passwd_len = 0;
}
