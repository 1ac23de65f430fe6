/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chap.c - CHAP with MD5, RFC 1994 (see chap.h).  MD5 from nettle.
 * Debug lines follow IOS `debug ppp authentication` (seeds 001 and 004):
 *   "As4 CHAP: O CHALLENGE id 4 len 28 from \"isdn2-2\""
 *   "As4 CHAP: I RESPONSE id 4 len 26 from \"callmeback\""
 *   "As4 CHAP: O SUCCESS id 4 len 4"
 */
#include "chap.h"

#include <string.h>

#include "chap_md5.h"
#include "cp_print.h"
#include "ppp_defs.h"
#include "rd.h"
#include "wr.h"

#define CHAP_PKT_MAX (CP_HDR_LEN + 1 + 255 + CHAP_NAME_MAX)
#define CHAP_FAIL_MSG "Authentication failed"

static const char *chap_code_name(uint8_t code)
{
	switch (code) {
	case CHAP_CHALLENGE:
		return "CHALLENGE";
	case CHAP_RESPONSE:
		return "RESPONSE";
	case CHAP_SUCCESS:
		return "SUCCESS";
	case CHAP_FAILURE:
		return "FAILURE";
	default:
		return "UNKNOWN";
	}
}

/* Challenge and Response share a layout: Value-Size, Value, Name. */
static void chap_send_value(struct chap *chap, uint8_t code, uint8_t id,
			    const uint8_t *value, size_t vlen,
			    const char *name)
{
	uint8_t buf[CHAP_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));
	size_t nlen = strlen(name);

	wr_u8(&w, code);
	wr_u8(&w, id);
	wr_u16(&w, (uint16_t)(CP_HDR_LEN + 1 + vlen + nlen));
	wr_u8(&w, (uint8_t)vlen);
	wr_bytes(&w, value, vlen);
	wr_bytes(&w, name, nlen);
	log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
		"%s CHAP: O %s id %u len %zu from \"%s\"", chap->ifname,
		chap_code_name(code), id, w.len, name);
	chap->ops->send(chap->ctx, buf, w.len);
}

static void chap_send_result(struct chap *chap, uint8_t id, bool ok)
{
	uint8_t buf[CP_HDR_LEN + sizeof(CHAP_FAIL_MSG)];
	struct wr w = wr_init(buf, sizeof(buf));
	/* IOS sends an empty Success and a short Failure message. */
	const char *msg = ok ? "" : CHAP_FAIL_MSG;
	size_t mlen = strlen(msg);

	wr_u8(&w, ok ? CHAP_SUCCESS : CHAP_FAILURE);
	wr_u8(&w, id);
	wr_u16(&w, (uint16_t)(CP_HDR_LEN + mlen));
	wr_bytes(&w, msg, mlen);
	if (ok)
		log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
			"%s CHAP: O SUCCESS id %u len %zu", chap->ifname, id,
			w.len);
	else
		log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
			"%s CHAP: O FAILURE id %u len %zu msg is \"%s\"",
			chap->ifname, id, w.len, msg);
	chap->ops->send(chap->ctx, buf, w.len);
}

static void chap_send_challenge(struct chap *chap)
{
	chap->tries++;
	chap_send_value(chap, CHAP_CHALLENGE, chap->id, chap->challenge,
			sizeof(chap->challenge), chap->our_name);
	timer_arm(&chap->auth_timer, chap->restart_ms);
}

static void chap_auth_timeout(void *arg)
{
	struct chap *chap = arg;

	if (chap->auth_state != CHAP_SENT_CHALLENGE)
		return;
	if (chap->tries < chap->max_tries) {
		/* A retransmission repeats id and value (RFC 1994 §4.1). */
		chap_send_challenge(chap);
		return;
	}
	log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
		"%s CHAP: Timeout waiting for RESPONSE", chap->ifname);
	chap->auth_state = CHAP_IDLE;
	chap->ops->done(chap->ctx, true, false, "");
}

/* Peer: no Success or Failure for our Response yet; send it again. */
static void chap_peer_timeout(void *arg)
{
	struct chap *chap = arg;

	if (chap->peer_state != CHAP_PEER_RESPONDED)
		return;
	if (chap->peer_tries >= chap->max_tries)
		return; /* the authenticator's timers end the phase */
	chap->peer_tries++;
	chap_send_value(chap, CHAP_RESPONSE, chap->peer_id, chap->peer_digest,
			sizeof(chap->peer_digest), chap->peer_our_name);
	timer_arm(&chap->peer_timer, chap->restart_ms);
}

void chap_init(struct chap *chap, const char *ifname,
	       const struct chap_ops *ops, void *ctx, struct timers *ts,
	       const struct logger *log, uint32_t restart_ms,
	       uint8_t max_tries)
{
	memset(chap, 0, sizeof(*chap));
	chap->ifname = ifname;
	chap->ops = ops;
	chap->ctx = ctx;
	chap->log = log;
	chap->restart_ms = restart_ms;
	chap->max_tries = max_tries ? max_tries : 1;
	timer_init(&chap->auth_timer, ts, chap_auth_timeout, chap);
	timer_init(&chap->peer_timer, ts, chap_peer_timeout, chap);
}

void chap_start_authenticator(struct chap *chap, const char *our_name)
{
	size_t n = strlen(our_name);

	if (n > CHAP_NAME_MAX)
		n = CHAP_NAME_MAX;
	memcpy(chap->our_name, our_name, n);
	chap->our_name[n] = '\0';
	/* A fresh Identifier and value for every new challenge, so a late
	 * Response to an earlier challenge can never match. */
	{
		uint8_t old = chap->id;
		chap->ops->random(chap->ctx, &chap->id, 1);
		if (chap->id == old)
			chap->id++;
	}
	chap->ops->random(chap->ctx, chap->challenge,
			  sizeof(chap->challenge));
	chap->tries = 0;
	chap->peer_name[0] = '\0';
	chap->proxy = false;
	chap->own_pending = false;
	chap->auth_state = CHAP_SENT_CHALLENGE;
	chap_send_challenge(chap);
}

void chap_start_proxy(struct chap *chap, const char *our_name,
		      const struct chap_response *proxy)
{
	size_t n = strlen(our_name), nlen = strlen(proxy->name);
	char shown[CHAP_NAME_MAX + 1];
	struct chap_response r = *proxy;

	if (n > CHAP_NAME_MAX)
		n = CHAP_NAME_MAX;
	memcpy(chap->our_name, our_name, n);
	chap->our_name[n] = '\0';
	chap->own_id = (uint8_t)(proxy->id + 1);
	chap->id = chap->own_id;
	chap->ops->random(chap->ctx, chap->challenge,
			  sizeof(chap->challenge));
	chap->tries = 0;
	chap->proxy = true;
	chap->own_pending = false;
	chap_send_value(chap, CHAP_CHALLENGE, chap->id, chap->challenge,
			sizeof(chap->challenge), chap->our_name);
	/* Not retransmitted: the proxy Response is the answer we judge. */
	if (nlen > CHAP_NAME_MAX)
		nlen = CHAP_NAME_MAX;
	cp_print_name(shown, sizeof(shown), (const uint8_t *)proxy->name,
		      nlen);
	log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
		"%s CHAP: I RESPONSE id %u len %zu from \"%s\"", chap->ifname,
		proxy->id, CP_HDR_LEN + 1 + proxy->response_len + nlen, shown);
	memcpy(chap->peer_name, shown, sizeof(chap->peer_name));
	chap->id = proxy->id;
	chap->auth_state = CHAP_VERIFYING;
	chap->ops->verify(chap->ctx, &r);
}

void chap_auth_result(struct chap *chap, bool ok, const char *msg)
{
	(void)msg;
	if (chap->auth_state != CHAP_VERIFYING)
		return;
	chap->auth_state = CHAP_AUTH_DONE;
	chap->auth_ok = ok;
	chap_send_result(chap, chap->id, ok);
	if (chap->own_pending) {
		chap->own_pending = false;
		chap_send_result(chap, chap->own_id, ok);
	}
	chap->ops->done(chap->ctx, true, ok, chap->peer_name);
}

void chap_start_peer(struct chap *chap)
{
	chap->peer_state = CHAP_PEER_WAIT;
}

static void chap_input_response(struct chap *chap, uint8_t id, uint16_t len,
				struct rd *body)
{
	uint8_t vlen;
	struct rd value;
	size_t nlen;
	char name[CHAP_NAME_MAX + 1], shown[CHAP_NAME_MAX + 1];
	struct chap_response r;

	if (!rd_u8(body, &vlen) || !rd_sub(body, vlen, &value) ||
	    rd_left(body) > CHAP_NAME_MAX) {
		log_dbg(chap->log, DBG_PPP_ERROR,
			"%s CHAP: malformed RESPONSE id %u dropped",
			chap->ifname, id);
		return;
	}
	nlen = rd_left(body);
	rd_bytes(body, name, nlen);
	name[nlen] = '\0';
	/* Outside log_dbg(): its arguments are not evaluated when the
	 * debug is off, and `shown` becomes the session's peer name. */
	cp_print_name(shown, sizeof(shown), (const uint8_t *)name, nlen);
	log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
		"%s CHAP: I RESPONSE id %u len %u from \"%s\"", chap->ifname,
		id, len, shown);
	if (chap->proxy && id == chap->own_id && id != chap->id) {
		/* The caller answered our own Challenge (chap_start_proxy):
		 * it gets the proxy's verdict under this Identifier. */
		if (chap->auth_state == CHAP_AUTH_DONE)
			chap_send_result(chap, id, chap->auth_ok);
		else if (chap->auth_state == CHAP_VERIFYING)
			chap->own_pending = true;
		return;
	}
	if (id != chap->id) {
		log_dbg(chap->log, DBG_PPP_ERROR,
			"%s CHAP: RESPONSE id %u does not match challenge %u",
			chap->ifname, id, chap->id);
		return;
	}
	if (chap->auth_state == CHAP_AUTH_DONE) {
		/* our reply was lost */
		chap_send_result(chap, chap->id, chap->auth_ok);
		return;
	}
	if (chap->auth_state != CHAP_SENT_CHALLENGE)
		return;
	timer_cancel(&chap->auth_timer);
	memcpy(chap->peer_name, shown, sizeof(chap->peer_name));
	chap->auth_state = CHAP_VERIFYING;
	r.name = name;
	r.id = id;
	r.challenge = chap->challenge;
	r.challenge_len = sizeof(chap->challenge);
	r.response = value.p;
	r.response_len = vlen;
	chap->ops->verify(chap->ctx, &r);
}

static void chap_input_challenge(struct chap *chap, uint8_t id, uint16_t len,
				 struct rd *body)
{
	uint8_t vlen, secret[CHAP_SECRET_MAX], digest[CHAP_MD5_LEN];
	size_t secret_len = 0, nlen;
	struct rd value;
	char challenger[CHAP_NAME_MAX + 1], shown[CHAP_NAME_MAX + 1];

	if (!rd_u8(body, &vlen) || vlen == 0 || !rd_sub(body, vlen, &value) ||
	    rd_left(body) > CHAP_NAME_MAX) {
		log_dbg(chap->log, DBG_PPP_ERROR,
			"%s CHAP: malformed CHALLENGE id %u dropped",
			chap->ifname, id);
		return;
	}
	nlen = rd_left(body);
	rd_bytes(body, challenger, nlen);
	challenger[nlen] = '\0';
	cp_print_name(shown, sizeof(shown), (const uint8_t *)challenger, nlen);
	log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
		"%s CHAP: I CHALLENGE id %u len %u from \"%s\"", chap->ifname,
		id, len, shown);
	if (chap->peer_state == CHAP_IDLE)
		return; /* we did not agree to be authenticated by CHAP */
	if (!chap->ops->get_secret(chap->ctx, challenger, chap->peer_our_name,
				   sizeof(chap->peer_our_name), secret,
				   &secret_len)) {
		log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
			"%s CHAP: Unable to authenticate for peer %s: no "
			"secret",
			chap->ifname, shown);
		return;
	}
	chap_md5_digest(id, secret, secret_len, value.p, vlen, digest);
	memset(secret, 0, sizeof(secret));
	memcpy(chap->peer_digest, digest, sizeof(chap->peer_digest));
	chap->peer_tries = 0;
	timer_arm(&chap->peer_timer, chap->restart_ms);
	chap->peer_prev_valid = chap->peer_state == CHAP_PEER_RESPONDED;
	chap->peer_prev_id = chap->peer_id;
	chap->peer_id = id;
	chap->peer_state = CHAP_PEER_RESPONDED;
	chap_send_value(chap, CHAP_RESPONSE, id, digest, sizeof(digest),
			chap->peer_our_name);
}

void chap_input(struct chap *chap, const uint8_t *pkt, size_t n)
{
	struct rd r = rd_init(pkt, n), body;
	uint8_t code, id;
	uint16_t len;
	char msg[256];

	if (!rd_u8(&r, &code) || !rd_u8(&r, &id) || !rd_u16(&r, &len) ||
	    len < CP_HDR_LEN || len > n) {
		log_dbg(chap->log, DBG_PPP_ERROR,
			"%s CHAP: bad packet length, dropped", chap->ifname);
		return;
	}
	if (!rd_sub(&r, len - CP_HDR_LEN, &body))
		return; /* cannot happen: len <= n was checked */
	switch (code) {
	case CHAP_CHALLENGE:
		chap_input_challenge(chap, id, len, &body);
		return;
	case CHAP_RESPONSE:
		chap_input_response(chap, id, len, &body);
		return;
	case CHAP_SUCCESS:
	case CHAP_FAILURE:
		cp_print_name(msg, sizeof(msg), body.p, rd_left(&body));
		log_dbg(chap->log, DBG_PPP_AUTHENTICATION,
			"%s CHAP: I %s id %u len %u%s%s%s", chap->ifname,
			chap_code_name(code), id, len,
			msg[0] ? " msg is \"" : "", msg, msg[0] ? "\"" : "");
		if (chap->peer_state != CHAP_PEER_RESPONDED ||
		    (id != chap->peer_id &&
		     !(chap->peer_prev_valid && id == chap->peer_prev_id)))
			return;
		chap->peer_prev_valid = false;
		timer_cancel(&chap->peer_timer);
		chap->peer_state =
			code == CHAP_SUCCESS ? CHAP_PEER_DONE : CHAP_PEER_WAIT;
		chap->ops->done(chap->ctx, false, code == CHAP_SUCCESS,
				chap->peer_our_name);
		return;
	default:
		log_dbg(chap->log, DBG_PPP_ERROR,
			"%s CHAP: unknown code %u dropped", chap->ifname,
			code);
		return;
	}
}

void chap_stop(struct chap *chap)
{
	timer_cancel(&chap->auth_timer);
	timer_cancel(&chap->peer_timer);
	chap->proxy = false;
	chap->own_pending = false;
	chap->auth_state = CHAP_IDLE;
	chap->peer_state = CHAP_IDLE;
	chap->peer_prev_valid = false;
}
