/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lcp_proxy.c - L2TP proxy LCP on the LNS side (RFC 2661 §4.4.5, AVPs 27
 * Last Sent and 28 Last Received LCP CONFREQ): judge the option lists a LAC
 * negotiated with the caller and, when they are ones LCP itself could have
 * agreed to, load them and open LCP without a Configure-Request.  The LAC
 * side (recording the requests) is in lcp.c; the session decides whether
 * proxy LCP is used at all (`lcp renegotiation`).
 *
 * Directions as in lcp.h: the LAC's Last Sent request described what the
 * LAC receives, so on the LNS it becomes OUR side (our MRU, the ACCM the
 * peer applies towards us, our Magic-Number, the protocol the peer must
 * authenticate with); the peer's Last Received request describes what we
 * must do when sending.
 */
#include <string.h>

#include "cp_opt.h"
#include "lcp.h"

/* A Type/Length-checked option of a proxy request: `len` octets of data. */
static bool body_is(const struct rd *body, size_t len)
{
	return rd_left(body) == len;
}

/* Our side: the LAC's Last Sent Configure-Request. */
static bool check_sent(struct rd *opts, struct lcp_proxy *out, const char **why)
{
	struct lcp_want *w = &out->want;

	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;

		if (!cp_opt_next(opts, &type, &whole, &body)) {
			*why = "malformed Last Sent CONFREQ";
			return false;
		}
		switch (type) {
		case LCP_OPT_MRU:
			if (!body_is(&body, 2) || !rd_u16(&body, &w->mru_val)) {
				*why = "bad MRU in Last Sent CONFREQ";
				return false;
			}
			if (w->mru_val < PPP_MRU_MIN ||
			    w->mru_val > PPP_MRU_MAX) {
				*why = "MRU out of range in Last Sent CONFREQ";
				return false;
			}
			w->mru = true;
			break;
		case LCP_OPT_ACCM:
			if (!body_is(&body, 4) ||
			    !rd_u32(&body, &w->accm_val)) {
				*why = "bad ACCM in Last Sent CONFREQ";
				return false;
			}
			w->accm = true;
			break;
		case LCP_OPT_AUTH:
			out->auth = lcp_auth_parse(&body);
			if (out->auth == LCP_AUTH_NONE) {
				*why = "unsupported authentication protocol";
				return false;
			}
			break;
		case LCP_OPT_MAGIC:
			if (!body_is(&body, 4) ||
			    !rd_u32(&body, &w->magic_val) ||
			    w->magic_val == 0) {
				*why = "bad Magic-Number in Last Sent CONFREQ";
				return false;
			}
			w->magic = true;
			break;
		case LCP_OPT_PFC:
		case LCP_OPT_ACFC:
			if (!body_is(&body, 0)) {
				*why = "bad PFC/ACFC in Last Sent CONFREQ";
				return false;
			}
			if (type == LCP_OPT_PFC)
				w->pfc = true;
			else
				w->acfc = true;
			break;
		default:
			/* Callback, MRRU, Endpoint Discriminator, Quality ...:
			 * options we never request ourselves. */
			*why = "unsupported option in Last Sent CONFREQ";
			return false;
		}
	}
	return true;
}

/* The peer's side: the Last Received Configure-Request, judged as
 * lcp_recv_req() would have, except that anything it would not Ack makes
 * the proxy unusable. */
static bool check_rcvd(const struct lcp *lcp, struct rd *opts,
		       struct lcp_proxy *out, const char **why)
{
	struct lcp_got *g = &out->got;

	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;

		if (!cp_opt_next(opts, &type, &whole, &body)) {
			*why = "malformed Last Received CONFREQ";
			return false;
		}
		switch (type) {
		case LCP_OPT_MRU:
			if (!body_is(&body, 2) || !rd_u16(&body, &g->mru_val) ||
			    g->mru_val < PPP_MRU_MIN) {
				*why = "bad MRU in Last Received CONFREQ";
				return false;
			}
			if (g->mru_val > PPP_MRU_MAX)
				g->mru_val = PPP_MRU_MAX;
			g->mru = true;
			break;
		case LCP_OPT_ACCM:
			if (!body_is(&body, 4) ||
			    !rd_u32(&body, &g->accm_val)) {
				*why = "bad ACCM in Last Received CONFREQ";
				return false;
			}
			g->accm = true;
			break;
		case LCP_OPT_AUTH:
			g->auth = lcp_auth_parse(&body);
			if (!((g->auth == LCP_AUTH_CHAP_MD5 &&
			       lcp->cfg.allow_auth_chap) ||
			      (g->auth == LCP_AUTH_PAP &&
			       lcp->cfg.allow_auth_pap))) {
				*why = "peer wants an authentication we cannot "
				       "do";
				return false;
			}
			break;
		case LCP_OPT_MAGIC:
			if (!body_is(&body, 4) ||
			    !rd_u32(&body, &g->magic_val) ||
			    g->magic_val == 0) {
				*why = "bad Magic-Number in Last Received "
				       "CONFREQ";
				return false;
			}
			g->magic = true;
			break;
		case LCP_OPT_PFC:
		case LCP_OPT_ACFC: {
			bool allow = type == LCP_OPT_PFC ? lcp->cfg.allow_pfc
							 : lcp->cfg.allow_acfc;
			if (!body_is(&body, 0) || !allow) {
				*why = "PFC/ACFC not allowed";
				return false;
			}
			if (type == LCP_OPT_PFC)
				g->pfc = true;
			else
				g->acfc = true;
			break;
		}
		default:
			*why = "unsupported option in Last Received CONFREQ";
			return false;
		}
	}
	return true;
}

static bool auth_required(const struct lcp *lcp, enum lcp_auth a)
{
	size_t n = sizeof(lcp->cfg.auth_require) /
		   sizeof(lcp->cfg.auth_require[0]);

	for (size_t i = 0; i < n; i++) {
		if (lcp->cfg.auth_require[i] == LCP_AUTH_NONE)
			break;
		if (lcp->cfg.auth_require[i] == a)
			return true;
	}
	return false;
}

bool lcp_proxy_check(const struct lcp *lcp, const uint8_t *sent,
		     size_t sent_len, const uint8_t *rcvd, size_t rcvd_len,
		     struct lcp_proxy *out, const char **why)
{
	struct rd s = rd_init(sent, sent_len);
	struct rd r = rd_init(rcvd, rcvd_len);

	memset(out, 0, sizeof(*out));
	out->want.auth_idx = -1;
	if (!check_sent(&s, out, why) || !check_rcvd(lcp, &r, out, why))
		return false;
	/* RFC 1661 §6.4: equal numbers on both sides look like a loop. */
	if (out->want.magic && out->got.magic &&
	    out->want.magic_val == out->got.magic_val) {
		*why = "equal Magic-Numbers";
		return false;
	}
	if (lcp->cfg.auth_require[0] != LCP_AUTH_NONE) {
		if (out->auth == LCP_AUTH_NONE) {
			*why = "no authentication in proxy LCP";
			return false;
		}
		if (!auth_required(lcp, out->auth)) {
			*why = "authentication protocol mismatch";
			return false;
		}
	}
	if (out->auth != LCP_AUTH_NONE) {
		out->want.auth = true;
		out->want.proxy_auth = out->auth;
	}
	return true;
}

bool lcp_proxy_open(struct lcp *lcp, const struct lcp_proxy *p)
{
	if (lcp->fsm.state != CP_CLOSED && lcp->fsm.state != CP_STOPPED)
		return false;
	lcp->want = p->want;
	lcp->got = p->got;
	lcp->loopback_count = 0;
	return cp_fsm_force_open(&lcp->fsm);
}
