/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lcp.c - Link Control Protocol option negotiation and link maintenance
 * (RFC 1661 §5-§6, RFC 1662 §7.1, RFC 1570 §2.3).  The automaton is
 * cp_fsm; this file is its option policy (build, judge, take Ack/Nak/Reject)
 * plus the LCP-only codes: Protocol-Reject, Echo-Request/Reply keepalives,
 * Discard-Request, Identification, Time-Remaining.  Debug printers are in
 * lcp_print.c.
 */
#include "lcp.h"

#include <stdlib.h>
#include <string.h>

#include "cp_opt.h"
#include "cp_print.h"

#define LCP_AUTH_LIST_LEN                                                      \
	(sizeof(((struct lcp_cfg *)0)->auth_require) /                        \
	 sizeof(((struct lcp_cfg *)0)->auth_require[0]))

uint16_t lcp_auth_protocol(enum lcp_auth a)
{
	switch (a) {
	case LCP_AUTH_PAP:
		return PPP_PROTO_PAP;
	case LCP_AUTH_CHAP_MD5:
		return PPP_PROTO_CHAP;
	case LCP_AUTH_NONE:
		break;
	}
	return 0;
}

const char *lcp_auth_name(enum lcp_auth a)
{
	switch (a) {
	case LCP_AUTH_PAP:
		return "PAP";
	case LCP_AUTH_CHAP_MD5:
		return "CHAP";
	case LCP_AUTH_NONE:
		break;
	}
	return "none";
}

void lcp_cfg_default(struct lcp_cfg *cfg, bool async)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->async = async;
	cfg->mru = PPP_MRU_DEFAULT;
	cfg->accm = 0x000A0000;
	cfg->want_pfc = async;
	cfg->want_acfc = async;
	cfg->allow_pfc = true;
	cfg->allow_acfc = true;
	cfg->want_magic = true;
	cfg->allow_auth_chap = true;
	cfg->allow_auth_pap = true;
	cfg->echo_interval_ms = 10000;
	cfg->echo_fails_max = 5;
	cfg->loopback_max = 5;
}

bool lcp_callback_parse(struct rd *body, struct lcp_callback *cb)
{
	size_t n;

	if (!rd_u8(body, &cb->op))
		return false;
	n = rd_left(body);
	if (n > LCP_CB_MSG_MAX)
		return false;
	rd_bytes(body, cb->msg, n);
	cb->msg[n] = '\0';
	cb->msg_len = (uint8_t)n;
	return true;
}

static uint32_t lcp_new_magic(struct lcp *lcp)
{
	uint32_t m = 0;

	/* RFC 1661 §6.4: zero is not a valid Magic-Number. */
	while (m == 0)
		lcp->ops->random(lcp->ctx, &m, sizeof(m));
	return m;
}

static void lcp_fail_later(struct lcp *lcp, const char *reason)
{
	if (!lcp->fail_reason)
		lcp->fail_reason = reason;
	timer_arm(&lcp->fail_timer, 0);
}

static void lcp_fail_cb(void *arg)
{
	struct lcp *lcp = arg;
	const char *reason = lcp->fail_reason ? lcp->fail_reason : "failure";

	lcp->fail_reason = NULL;
	log_notice(lcp->log, "%s LCP: %s", lcp->ifname, reason);
	cp_fsm_close(&lcp->fsm, reason);
	if (lcp->ops->link_failed)
		lcp->ops->link_failed(lcp->ctx, reason);
}

/* ---- our Configure-Request -------------------------------------------- */

static void lcp_reset(void *ctx)
{
	struct lcp *lcp = ctx;
	const struct lcp_cfg *cfg = &lcp->cfg;

	memset(&lcp->want, 0, sizeof(lcp->want));
	lcp->want.mru = cfg->mru != 0 && cfg->mru != PPP_MRU_DEFAULT;
	lcp->want.mru_val = cfg->mru ? cfg->mru : PPP_MRU_DEFAULT;
	lcp->want.accm = cfg->async;
	lcp->want.accm_val = cfg->accm;
	lcp->want.pfc = cfg->async && cfg->want_pfc;
	lcp->want.acfc = cfg->async && cfg->want_acfc;
	lcp->want.magic = cfg->want_magic;
	if (cfg->want_magic)
		lcp->want.magic_val = lcp_new_magic(lcp);
	lcp->want.auth_idx = cfg->auth_require[0] != LCP_AUTH_NONE ? 0 : -1;
	lcp->want.auth = lcp->want.auth_idx >= 0;
	lcp->want.callback = cfg->want_callback;
	memset(&lcp->got, 0, sizeof(lcp->got));
	lcp->loopback_count = 0;
}

static void lcp_put_auth(struct wr *w, enum lcp_auth a)
{
	wr_u8(w, LCP_OPT_AUTH);
	if (a == LCP_AUTH_CHAP_MD5) {
		wr_u8(w, 5);
		wr_u16(w, PPP_PROTO_CHAP);
		wr_u8(w, 5); /* RFC 1994 §3: algorithm 5 = MD5 */
	} else {
		wr_u8(w, 4);
		wr_u16(w, PPP_PROTO_PAP);
	}
}

/* The protocol our request demands (want.auth set). */
static enum lcp_auth lcp_want_auth(const struct lcp *lcp)
{
	if (lcp->want.proxy_auth != LCP_AUTH_NONE)
		return lcp->want.proxy_auth;
	return lcp->cfg.auth_require[lcp->want.auth_idx];
}

/* Keep a copy of a Configure-Request's options for proxy LCP (RFC 2661
 * §4.4.5); one too long for the AVP buffer is forgotten, not cut. */
static void lcp_record(struct lcp_proxy_span *span, const struct rd *opts)
{
	size_t n = rd_left(opts);

	span->present = n <= sizeof(span->opts);
	span->len = span->present ? (uint16_t)n : 0;
	if (span->present)
		memcpy(span->opts, opts->p, n);
}

/* The proxy LCP record, allocated on first use; NULL when not wanted
 * (cfg.record_proxy) or out of memory (a LAC then sends no proxy LCP). */
static struct lcp_record *lcp_rec(struct lcp *lcp)
{
	if (!lcp->rec && lcp->cfg.record_proxy)
		lcp->rec = calloc(1, sizeof(*lcp->rec));
	return lcp->rec;
}

static void lcp_build_req(void *ctx, struct wr *w)
{
	struct lcp *lcp = ctx;

	if (lcp->want.mru) {
		wr_u8(w, LCP_OPT_MRU);
		wr_u8(w, 4);
		wr_u16(w, lcp->want.mru_val);
	}
	if (lcp->want.accm) {
		wr_u8(w, LCP_OPT_ACCM);
		wr_u8(w, 6);
		wr_u32(w, lcp->want.accm_val);
	}
	if (lcp->want.auth)
		lcp_put_auth(w, lcp_want_auth(lcp));
	if (lcp->want.magic) {
		wr_u8(w, LCP_OPT_MAGIC);
		wr_u8(w, 6);
		wr_u32(w, lcp->want.magic_val);
	}
	if (lcp->want.pfc) {
		wr_u8(w, LCP_OPT_PFC);
		wr_u8(w, 2);
	}
	if (lcp->want.acfc) {
		wr_u8(w, LCP_OPT_ACFC);
		wr_u8(w, 2);
	}
	if (lcp->want.callback) {
		bool msg = lcp->cfg.callback_op == LCP_CB_DIALSTR ||
			   lcp->cfg.callback_op == LCP_CB_E164;
		size_t n = msg ? strnlen(lcp->cfg.callback_msg,
					 LCP_CB_MSG_MAX)
			       : 0;

		wr_u8(w, LCP_OPT_CALLBACK);
		wr_u8(w, (uint8_t)(3 + n));
		wr_u8(w, lcp->cfg.callback_op);
		wr_bytes(w, lcp->cfg.callback_msg, n);
	}
}

/* ---- the peer's Configure-Request -------------------------------------- */

enum lcp_auth lcp_auth_parse(struct rd *body)
{
	uint16_t proto;
	uint8_t alg;

	if (!rd_u16(body, &proto))
		return LCP_AUTH_NONE;
	if (proto == PPP_PROTO_PAP && rd_left(body) == 0)
		return LCP_AUTH_PAP;
	if (proto == PPP_PROTO_CHAP && rd_u8(body, &alg) && alg == 5 &&
	    rd_left(body) == 0)
		return LCP_AUTH_CHAP_MD5;
	return LCP_AUTH_NONE;
}

static bool lcp_may_auth(const struct lcp *lcp, enum lcp_auth a)
{
	return (a == LCP_AUTH_CHAP_MD5 && lcp->cfg.allow_auth_chap) ||
	       (a == LCP_AUTH_PAP && lcp->cfg.allow_auth_pap);
}

static void lcp_copy_opt(struct wr *w, const struct rd *whole)
{
	wr_bytes(w, whole->p, rd_left(whole));
}

static uint8_t lcp_recv_req(void *ctx, struct rd *opts, struct wr *resp,
			    bool reject_if_disagree)
{
	struct lcp *lcp = ctx;
	uint8_t nakbuf[CP_PKT_MAX], rejbuf[CP_PKT_MAX];
	struct wr nak = wr_init(nakbuf, sizeof(nakbuf));
	struct wr rej = wr_init(rejbuf, sizeof(rejbuf));
	struct lcp_got got;
	bool magic_collision = false;
	const struct rd whole_req = *opts;
	struct lcp_record *rec;

	rec = lcp_rec(lcp);
	if (rec && !rec->initial_rcvd.present)
		lcp_record(&rec->initial_rcvd, &whole_req);
	memset(&got, 0, sizeof(got));
	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;
		bool want_nak = false;

		if (!cp_opt_next(opts, &type, &whole, &body)) {
			/* Unparseable tail: reject it as received. */
			wr_bytes(&rej, opts->p, rd_left(opts));
			break;
		}
		switch (type) {
		case LCP_OPT_MRU: {
			uint16_t mru;
			if (rd_left(&body) != 2 || !rd_u16(&body, &mru)) {
				lcp_copy_opt(&rej, &whole);
				break;
			}
			if (mru < PPP_MRU_MIN) {
				want_nak = true;
				if (!reject_if_disagree) {
					wr_u8(&nak, LCP_OPT_MRU);
					wr_u8(&nak, 4);
					wr_u16(&nak, PPP_MRU_MIN);
				}
				break;
			}
			got.mru = true;
			got.mru_val = mru > PPP_MRU_MAX ? PPP_MRU_MAX : mru;
			break;
		}
		case LCP_OPT_ACCM:
			if (rd_left(&body) != 4 ||
			    !rd_u32(&body, &got.accm_val)) {
				lcp_copy_opt(&rej, &whole);
				break;
			}
			got.accm = true;
			break;
		case LCP_OPT_AUTH: {
			enum lcp_auth a = lcp_auth_parse(&body);
			enum lcp_auth alt = LCP_AUTH_NONE;
			if (a != LCP_AUTH_NONE && lcp_may_auth(lcp, a)) {
				got.auth = a;
				break;
			}
			/* Suggest what we can do: CHAP before PAP. */
			if (lcp->cfg.allow_auth_chap)
				alt = LCP_AUTH_CHAP_MD5;
			else if (lcp->cfg.allow_auth_pap)
				alt = LCP_AUTH_PAP;
			if (alt == LCP_AUTH_NONE || reject_if_disagree) {
				lcp_copy_opt(&rej, &whole);
				break;
			}
			want_nak = true;
			lcp_put_auth(&nak, alt);
			break;
		}
		case LCP_OPT_MAGIC: {
			uint32_t m;
			if (rd_left(&body) != 4 || !rd_u32(&body, &m)) {
				lcp_copy_opt(&rej, &whole);
				break;
			}
			/* RFC 1661 §6.4: zero is illegal and our own number
			 * coming back means the link may be looped. */
			if (m == 0 || (lcp->want.magic &&
				       m == lcp->want.magic_val)) {
				magic_collision = m != 0;
				want_nak = true;
				if (!reject_if_disagree) {
					wr_u8(&nak, LCP_OPT_MAGIC);
					wr_u8(&nak, 6);
					wr_u32(&nak, lcp_new_magic(lcp));
				}
				break;
			}
			got.magic = true;
			got.magic_val = m;
			break;
		}
		case LCP_OPT_PFC:
		case LCP_OPT_ACFC: {
			bool allow = type == LCP_OPT_PFC ? lcp->cfg.allow_pfc
							 : lcp->cfg.allow_acfc;
			if (rd_left(&body) != 0 || !allow) {
				lcp_copy_opt(&rej, &whole);
				break;
			}
			if (type == LCP_OPT_PFC)
				got.pfc = true;
			else
				got.acfc = true;
			break;
		}
		case LCP_OPT_CALLBACK: {
			struct lcp_callback cb;
			uint8_t nak_op = 0;
			enum lcp_cb_verdict v = LCP_CB_REJECT;
			if (!lcp_callback_parse(&body, &cb)) {
				lcp_copy_opt(&rej, &whole);
				break;
			}
			if (lcp->ops->callback_policy)
				v = lcp->ops->callback_policy(lcp->ctx, &cb,
							      &nak_op);
			if (v == LCP_CB_ACK) {
				got.callback = true;
				got.cb = cb;
			} else if (v == LCP_CB_NAK && !reject_if_disagree) {
				want_nak = true;
				wr_u8(&nak, LCP_OPT_CALLBACK);
				wr_u8(&nak, 3);
				wr_u8(&nak, nak_op);
			} else {
				lcp_copy_opt(&rej, &whole);
			}
			break;
		}
		default:
			/* Quality-Protocol, MRRU, Endpoint Discriminator and
			 * everything unknown: RFC 1661 §5.4. */
			lcp_copy_opt(&rej, &whole);
			break;
		}
		if (want_nak && reject_if_disagree)
			lcp_copy_opt(&rej, &whole);
	}

	if (magic_collision && rej.len == 0) {
		/* Pick a new number for our next request too (RFC 1661 §6.4)
		 * and count; persistent collisions mean a looped-back link. */
		lcp->want.magic_val = lcp_new_magic(lcp);
		if (++lcp->loopback_count >= lcp->cfg.loopback_max)
			lcp_fail_later(lcp, "Loopback detected");
	} else if (rej.len == 0 && nak.len == 0) {
		lcp->loopback_count = 0;
	}

	if (rej.len > 0) {
		wr_bytes(resp, rejbuf, rej.len);
		return CP_CONFREJ;
	}
	if (nak.len > 0) {
		wr_bytes(resp, nakbuf, nak.len);
		return CP_CONFNAK;
	}
	lcp->got = got;
	if (rec)
		lcp_record(&rec->last_rcvd, &whole_req);
	return CP_CONFACK;
}

/* ---- answers to our Configure-Request ---------------------------------- */

static bool lcp_recv_ack(void *ctx, struct rd *opts)
{
	struct lcp *lcp = ctx;

	if (!cp_opt_same_as_request(lcp_build_req, ctx, opts))
		return false;
	if (lcp_rec(lcp))
		lcp_record(&lcp->rec->last_sent, opts);
	return true;
}

static int lcp_auth_index(const struct lcp *lcp, enum lcp_auth a)
{
	for (size_t i = 0; i < LCP_AUTH_LIST_LEN; i++) {
		if (lcp->cfg.auth_require[i] == LCP_AUTH_NONE)
			break;
		if (lcp->cfg.auth_require[i] == a)
			return (int)i;
	}
	return -1;
}

static bool lcp_recv_nak(void *ctx, struct rd *opts)
{
	struct lcp *lcp = ctx;

	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;

		if (!cp_opt_next(opts, &type, &whole, &body))
			return false;
		switch (type) {
		case LCP_OPT_MRU: {
			uint16_t mru;
			if (!rd_u16(&body, &mru))
				return false;
			if (mru >= PPP_MRU_MIN && mru <= PPP_MRU_MAX) {
				lcp->want.mru = true;
				lcp->want.mru_val = mru;
			} else {
				lcp->want.mru = false;
			}
			break;
		}
		case LCP_OPT_ACCM: {
			uint32_t accm;
			if (!rd_u32(&body, &accm))
				return false;
			/* RFC 1662 §7.1: escape the union of both wishes. */
			if (lcp->cfg.async) {
				lcp->want.accm = true;
				lcp->want.accm_val |= accm;
			}
			break;
		}
		case LCP_OPT_AUTH: {
			enum lcp_auth a = lcp_auth_parse(&body);
			int idx = lcp_auth_index(lcp, a);
			if (!lcp->want.auth)
				break; /* we do not require authentication */
			if (idx >= 0) {
				lcp->want.auth_idx = idx;
			} else if (lcp->want.auth_idx + 1 <
					   (int)LCP_AUTH_LIST_LEN &&
				   lcp->cfg.auth_require[lcp->want.auth_idx +
							 1] != LCP_AUTH_NONE) {
				lcp->want.auth_idx++;
			} else {
				lcp_fail_later(lcp, "Peer refused all "
						    "configured authentication "
						    "protocols");
			}
			break;
		}
		case LCP_OPT_MAGIC:
			if (lcp->want.magic)
				lcp->want.magic_val = lcp_new_magic(lcp);
			break;
		case LCP_OPT_CALLBACK: {
			uint8_t op;
			if (!rd_u8(&body, &op))
				return false;
			if (lcp->want.callback &&
			    (op == LCP_CB_AUTH || op == LCP_CB_CBCP ||
			     (op == lcp->cfg.callback_op &&
			      lcp->cfg.callback_msg[0])))
				lcp->cfg.callback_op = op;
			else
				lcp->want.callback = false;
			break;
		}
		case LCP_OPT_PFC:
			lcp->want.pfc = false;
			break;
		case LCP_OPT_ACFC:
			lcp->want.acfc = false;
			break;
		default:
			/* A Nak may suggest options we did not send
			 * (RFC 1661 §5.3); we have none to add. */
			break;
		}
	}
	return true;
}

static bool lcp_recv_rej(void *ctx, struct rd *opts)
{
	struct lcp *lcp = ctx;

	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;

		if (!cp_opt_next(opts, &type, &whole, &body))
			return false;
		switch (type) {
		case LCP_OPT_MRU:
			lcp->want.mru = false;
			break;
		case LCP_OPT_ACCM:
			lcp->want.accm = false;
			break;
		case LCP_OPT_AUTH:
			if (lcp->want.auth)
				lcp_fail_later(lcp, "Peer refused to "
						    "authenticate");
			break;
		case LCP_OPT_MAGIC:
			lcp->want.magic = false;
			break;
		case LCP_OPT_PFC:
			lcp->want.pfc = false;
			break;
		case LCP_OPT_ACFC:
			lcp->want.acfc = false;
			break;
		case LCP_OPT_CALLBACK:
			lcp->want.callback = false;
			break;
		default:
			break;
		}
	}
	return true;
}

/* ---- This-Layer-* and keepalive ---------------------------------------- */

static void lcp_echo_cb(void *arg);

static void lcp_up(void *ctx)
{
	struct lcp *lcp = ctx;
	struct lcp_neg *n = &lcp->neg;

	memset(n, 0, sizeof(*n));
	n->tx_mru = lcp->got.mru ? lcp->got.mru_val : PPP_MRU_DEFAULT;
	n->rx_mru = lcp->want.mru ? lcp->want.mru_val : PPP_MRU_DEFAULT;
	n->tx_accm = lcp->got.accm ? lcp->got.accm_val : 0xffffffffu;
	n->rx_accm = lcp->want.accm ? lcp->want.accm_val : 0xffffffffu;
	n->tx_pfc = lcp->got.pfc;
	n->tx_acfc = lcp->got.acfc;
	n->rx_pfc = lcp->want.pfc;
	n->rx_acfc = lcp->want.acfc;
	n->our_magic = lcp->want.magic ? lcp->want.magic_val : 0;
	n->peer_magic = lcp->got.magic ? lcp->got.magic_val : 0;
	n->auth_by_us = lcp->want.auth ? lcp_want_auth(lcp) : LCP_AUTH_NONE;
	n->auth_by_peer = lcp->got.auth;
	n->peer_callback = lcp->got.callback;
	n->callback = lcp->got.cb;
	n->our_callback = lcp->want.callback;
	n->our_callback_op = lcp->cfg.callback_op;
	lcp->echo_outstanding = 0;
	if (lcp->cfg.echo_interval_ms)
		timer_arm(&lcp->echo_timer, lcp->cfg.echo_interval_ms);
	lcp->ops->up(lcp->ctx);
}

static void lcp_down(void *ctx)
{
	struct lcp *lcp = ctx;

	timer_cancel(&lcp->echo_timer);
	lcp->ops->down(lcp->ctx);
}

static void lcp_started(void *ctx)
{
	struct lcp *lcp = ctx;

	lcp->ops->started(lcp->ctx);
}

static void lcp_finished(void *ctx)
{
	struct lcp *lcp = ctx;

	timer_cancel(&lcp->echo_timer);
	lcp->ops->finished(lcp->ctx);
}

static void lcp_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct lcp *lcp = ctx;

	lcp->ops->send(lcp->ctx, pkt, len);
}

static void lcp_print_hook(void *ctx, uint8_t code, struct rd *opts)
{
	struct lcp *lcp = ctx;

	(void)code;
	lcp_print_opts(lcp->log, lcp->ifname, opts);
}

static void lcp_send_echo(struct lcp *lcp, uint8_t code, uint8_t id,
			  const uint8_t *extra, size_t extra_len)
{
	uint8_t data[CP_PKT_MAX - CP_HDR_LEN];
	struct wr w = wr_init(data, sizeof(data));
	uint32_t magic = lcp->neg.our_magic;

	wr_u32(&w, magic);
	if (extra_len > sizeof(data) - 4)
		extra_len = sizeof(data) - 4;
	wr_bytes(&w, extra, extra_len);
	log_dbg(lcp->log, DBG_PPP_PACKET,
		"%s LCP: O %s [%s] id %u len %zu magic 0x%08X", lcp->ifname,
		cp_code_name(code), cp_fsm_state_name(&lcp->fsm), id,
		w.len + CP_HDR_LEN, magic);
	cp_fsm_send(&lcp->fsm, code, id, data, w.len);
}

static void lcp_echo_cb(void *arg)
{
	struct lcp *lcp = arg;

	if (!lcp_is_open(lcp))
		return;
	if (lcp->echo_outstanding >= lcp->cfg.echo_fails_max) {
		log_dbg(lcp->log, DBG_PPP_NEGOTIATION,
			"%s LCP: No response to %u echo-requests", lcp->ifname,
			lcp->echo_outstanding);
		lcp->fail_reason = "Keepalive timeout: peer not responding";
		lcp_fail_cb(lcp);
		return;
	}
	lcp->echo_outstanding++;
	lcp->echo_tx++;
	lcp->echo_id = cp_fsm_next_id(&lcp->fsm);
	lcp_send_echo(lcp, CP_ECHOREQ, lcp->echo_id, NULL, 0);
	timer_arm(&lcp->echo_timer, lcp->cfg.echo_interval_ms);
}

static bool lcp_recv_extcode(void *ctx, uint8_t code, uint8_t id,
			     struct rd *data)
{
	struct lcp *lcp = ctx;
	bool open = lcp_is_open(lcp);
	uint32_t magic = 0;

	switch (code) {
	case CP_PROTREJ: {
		uint16_t proto;
		if (!rd_u16(data, &proto))
			return true; /* malformed: silently discarded */
		log_dbg(lcp->log, DBG_PPP_NEGOTIATION,
			"%s LCP: I PROTREJ [%s] id %u len %zu protocol 0x%04X",
			lcp->ifname, cp_fsm_state_name(&lcp->fsm), id,
			rd_left(data) + CP_HDR_LEN + 2, proto);
		if (!open)
			return true; /* RFC 1661 §5.7: only when Opened */
		if (proto == PPP_PROTO_LCP) {
			cp_fsm_event(&lcp->fsm, CP_EV_RXJ_MINUS);
			return true;
		}
		cp_fsm_event(&lcp->fsm, CP_EV_RXJ_PLUS);
		if (lcp->ops->protocol_rejected)
			lcp->ops->protocol_rejected(lcp->ctx, proto);
		return true;
	}
	case CP_ECHOREQ:
		if (!open)
			return true; /* RFC 1661 §5.8 */
		rd_u32(data, &magic);
		log_dbg(lcp->log, DBG_PPP_PACKET,
			"%s LCP: I ECHOREQ [Open] id %u len %zu magic 0x%08X",
			lcp->ifname, id, rd_left(data) + CP_HDR_LEN + 4,
			magic);
		if (magic != 0 && magic == lcp->neg.our_magic) {
			log_dbg(lcp->log, DBG_PPP_ERROR,
				"%s LCP: Echo-Request with our own "
				"Magic-Number: link may be looped back",
				lcp->ifname);
		}
		lcp_send_echo(lcp, CP_ECHOREP, id, data->p, rd_left(data));
		return true;
	case CP_ECHOREP:
		if (!open)
			return true;
		rd_u32(data, &magic);
		log_dbg(lcp->log, DBG_PPP_PACKET,
			"%s LCP: I ECHOREP [Open] id %u len %zu magic 0x%08X",
			lcp->ifname, id, rd_left(data) + CP_HDR_LEN + 4,
			magic);
		if (magic != 0 && magic == lcp->neg.our_magic) {
			log_dbg(lcp->log, DBG_PPP_ERROR,
				"%s LCP: Echo-Reply with our own Magic-Number",
				lcp->ifname);
			return true;
		}
		lcp->echo_outstanding = 0;
		lcp->echo_rx++;
		return true;
	case CP_DISCREQ:
		return true; /* RFC 1661 §5.10: silently discarded */
	case CP_IDENT:
	case CP_TIMEREM:
		/* RFC 1570 §3: informational; silently discarded. */
		return true;
	default:
		return false; /* RUC: the automaton Code-Rejects it */
	}
}

static const struct cp_fsm_ops lcp_fsm_ops = {
	.reset = lcp_reset,
	.build_req = lcp_build_req,
	.recv_req = lcp_recv_req,
	.recv_ack = lcp_recv_ack,
	.recv_nak = lcp_recv_nak,
	.recv_rej = lcp_recv_rej,
	.up = lcp_up,
	.down = lcp_down,
	.started = lcp_started,
	.finished = lcp_finished,
	.recv_extcode = lcp_recv_extcode,
	.print_opts = lcp_print_hook,
	.send = lcp_send,
};

void lcp_init(struct lcp *lcp, const char *ifname, const struct lcp_cfg *cfg,
	      const struct cp_fsm_cfg *fsm_cfg, const struct lcp_ops *ops,
	      void *ctx, struct timers *ts, const struct logger *log)
{
	memset(lcp, 0, sizeof(*lcp));
	lcp->cfg = *cfg;
	lcp->ops = ops;
	lcp->ctx = ctx;
	lcp->log = log;
	lcp->ifname = ifname;
	lcp->want.auth_idx = -1;
	timer_init(&lcp->echo_timer, ts, lcp_echo_cb, lcp);
	timer_init(&lcp->fail_timer, ts, lcp_fail_cb, lcp);
	cp_fsm_init(&lcp->fsm, "LCP", ifname, PPP_PROTO_LCP, &lcp_fsm_ops, lcp,
		    ts, log, fsm_cfg);
}

void lcp_fini(struct lcp *lcp)
{
	timer_cancel(&lcp->echo_timer);
	timer_cancel(&lcp->fail_timer);
	cp_fsm_fini(&lcp->fsm);
	free(lcp->rec);
	lcp->rec = NULL;
}

void lcp_lower_up(struct lcp *lcp)
{
	cp_fsm_up(&lcp->fsm);
}

void lcp_lower_down(struct lcp *lcp)
{
	timer_cancel(&lcp->echo_timer);
	cp_fsm_down(&lcp->fsm);
}

void lcp_open(struct lcp *lcp)
{
	cp_fsm_open(&lcp->fsm);
}

void lcp_close(struct lcp *lcp, const char *reason)
{
	timer_cancel(&lcp->echo_timer);
	cp_fsm_close(&lcp->fsm, reason);
}

void lcp_suspend(struct lcp *lcp)
{
	timer_cancel(&lcp->echo_timer);
	timer_cancel(&lcp->fail_timer);
	timer_cancel(&lcp->fsm.restart);
	lcp->fail_reason = NULL;
}

void lcp_input(struct lcp *lcp, const uint8_t *pkt, size_t len)
{
	cp_fsm_input(&lcp->fsm, pkt, len);
}

void lcp_send_protocol_reject(struct lcp *lcp, uint16_t protocol,
			      const uint8_t *info, size_t len)
{
	uint8_t data[CP_PKT_MAX - CP_HDR_LEN];
	struct wr w = wr_init(data, sizeof(data));
	size_t room;
	uint8_t id;

	if (!lcp_is_open(lcp))
		return;
	/* RFC 1661 §5.7: truncate to the peer's MRU. */
	room = lcp->neg.tx_mru;
	if (room > sizeof(data))
		room = sizeof(data);
	room -= CP_HDR_LEN + 2;
	if (len > room)
		len = room;
	wr_u16(&w, protocol);
	wr_bytes(&w, info, len);
	id = cp_fsm_next_id(&lcp->fsm);
	log_dbg(lcp->log, DBG_PPP_NEGOTIATION,
		"%s LCP: O PROTREJ [Open] id %u len %zu protocol 0x%04X",
		lcp->ifname, id, w.len + CP_HDR_LEN, protocol);
	cp_fsm_send(&lcp->fsm, CP_PROTREJ, id, data, w.len);
}
