/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vpdn_lns.c - the LNS (vpdn.h): Virtual-Access interfaces cloned from a
 * Virtual-Template for each tunnelled call.  A dial-in call (ICRQ/ICCN,
 * `accept-dialin`) starts PPP from the LAC's proxy LCP and proxy
 * authentication (RFC 2661 §4.4.5; ppp_session_start_proxy()); a dial-out
 * call (`request-dialout`) is placed by a dialer profile with `dialer
 * vpdn` (OCRQ), and on OCCN its Virtual-Access runs PPP as the caller,
 * bound to the profile (seed 004: "%DIALER-6-BIND: Interface Vi1 bound to
 * profile Di2").  IP goes through the shared TUN (dataplane.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddr_glue.h"
#include "l2tp_codec.h"
#include "nasd.h"
#include "pool.h"
#include "rand.h"
#include "vpdn.h"

/* ---- Virtual-Access interfaces ---- */

/* The lowest free Virtual-Access unit (IOS recycles numbers), marked
 * used; 0 when out of memory.  A bitmap keeps this cheap with thousands
 * of sessions. */
static unsigned va_unit_take(struct vpdn *v)
{
	size_t w;

	for (w = 0; w < v->va_words && v->va_units[w] == UINT64_MAX; w++)
		;
	if (w == v->va_words) {
		size_t nw = v->va_words ? 2 * v->va_words : 4;
		uint64_t *nu = realloc(v->va_units, nw * sizeof(*nu));

		if (!nu)
			return 0;
		memset(nu + v->va_words, 0,
		       (nw - v->va_words) * sizeof(*nu));
		v->va_units = nu;
		v->va_words = nw;
	}
	for (unsigned b = 0; b < 64; b++)
		if (!(v->va_units[w] & (UINT64_C(1) << b))) {
			v->va_units[w] |= UINT64_C(1) << b;
			return (unsigned)(w * 64 + b + 1);
		}
	return 0; /* not reached: the word had a zero bit */
}

static void va_unit_put(struct vpdn *v, unsigned unit)
{
	size_t w = (unit - 1) / 64;

	if (unit && w < v->va_words)
		v->va_units[w] &= ~(UINT64_C(1) << ((unit - 1) % 64));
}

static struct vaccess *va_new(struct vpdn *v)
{
	struct vaccess *va = calloc(1, sizeof(*va));

	if (!va)
		return NULL;
	va->unit = va_unit_take(v);
	if (!va->unit) {
		free(va);
		return NULL;
	}
	va->vpdn = v;
	snprintf(va->ifname, sizeof(va->ifname), "Virtual-Access%u",
		 va->unit);
	snprintf(va->ifshort, sizeof(va->ifshort), "Vi%u", va->unit);
	va->created_ms = loop_now_ms(v->nasd->loop);
	va->next = v->vas;
	if (va->next)
		va->next->pprev = &va->next;
	va->pprev = &v->vas;
	v->vas = va;
	return va;
}

static void va_free(struct vaccess *va)
{
	*va->pprev = va->next;
	if (va->next)
		va->next->pprev = va->pprev;
	va_unit_put(va->vpdn, va->unit);
	loop_defer_cancel(&va->reap);
	ppp_session_free(va->sess);
	ppp_session_free(va->dead);
	free(va);
}

static void va_reap(void *arg)
{
	struct vaccess *va = arg;

	ppp_session_free(va->dead);
	va->dead = NULL;
	if (!va->sess && !va->ls) {
		log_notice(&va->vpdn->nasd->log,
			   "%%LINK-3-UPDOWN: Interface %s, changed state to "
			   "down",
			   va->ifname);
		va_free(va);
	}
}

/* Nothing but the reaper refers to va: free it from the loop. */
static void va_release(struct vaccess *va)
{
	loop_defer(va->vpdn->nasd->loop, &va->reap, va_reap, va);
}

struct ppp_session *vaccess_session(const struct vaccess *va)
{
	return va->sess;
}

/* The call is over on our side: CDN 3 ("administrative") to the LAC if
 * the L2TP session still exists, the end to DDR for a dial-out, and va is
 * freed from the loop. */
static void va_end_call(struct vaccess *va)
{
	if (va->ls) {
		struct l2tp_session *ls = va->ls;

		va->ls = NULL;
		l2tp_session_set_user(ls, NULL);
		l2tp_session_close(ls, L2TP_CDN_ADMIN, 0, 0);
	}
	if (va->dc) {
		struct dialer_call *dc = va->dc;

		va->dc = NULL;
		dc->va = NULL;
		dialer_call_ended(dc, 16);
	}
	va_release(va);
}

/* ---- PPP session ops ---- */

static void va_send_frame(void *ctx, const uint8_t *frame, size_t len,
			  bool lcp)
{
	struct vaccess *va = ctx;

	(void)lcp; /* the LAC applies the ACCM (SLI) */
	if (va->ls)
		l2tp_session_send(va->ls, frame, len);
}

static void va_link_params(void *ctx, const struct lcp_neg *neg)
{
	struct vaccess *va = ctx;

	/* Tell the LAC the ACCMs of an async caller (RFC 2661 §6.15). */
	if (neg && va->ls && !va->dialout && va->async)
		l2tp_session_send_sli(va->ls, neg->tx_accm, neg->rx_accm);
}

static void va_ip_out(void *ctx, const uint8_t *pkt, size_t len)
{
	struct vaccess *va = ctx;

	if (va->sess)
		ppp_session_send_ip(va->sess, pkt, len);
}

static void va_ip_out_dialer(void *ctx, const uint8_t *pkt, size_t len)
{
	struct vaccess *va = ctx;

	if (va->dc)
		dialer_send_ip(va->dc, pkt, len, va_ip_out, va);
	else
		va_ip_out(va, pkt, len);
}

static void va_ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct vaccess *va = ctx;
	struct dp_port port = {va->dc ? va_ip_out_dialer : va_ip_out, va,
			       va->ifname};

	dataplane_up(va->vpdn->nasd, &port, local, peer, mtu);
	if (va->dc && va->sess)
		dialer_ppp_up(va->dc, peer, va->sess->peer_name, va->ifname);
}

static void va_ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	struct vaccess *va = ctx;

	dataplane_down(va->vpdn->nasd, va, local, peer);
}

static void va_ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	struct vaccess *va = ctx;

	if (va->dc)
		dialer_ip_input(va->dc, pkt, len);
	dataplane_input(va->vpdn->nasd, pkt, len);
}

static void va_link_down(void *ctx, const char *reason)
{
	struct vaccess *va = ctx;

	(void)reason;
	if (va->sess) {
		va->dead = va->sess;
		va->sess = NULL;
	}
	/* PPP is over: so is the call (CDN, "administrative"). */
	va_end_call(va);
}

static void va_random(void *ctx, void *buf, size_t n)
{
	struct vaccess *va = ctx;

	if (rand_pool_bytes(&va->vpdn->nasd->rand, buf, n) != 0)
		memset(buf, 0x5a, n);
}

static bool va_pool_alloc(void *ctx, const char *name, uint32_t *addr)
{
	struct vaccess *va = ctx;
	struct pool *p = nasd_pool_find(va->vpdn->nasd, name);

	return p && pool_alloc(p, addr);
}

static void va_pool_release(void *ctx, const char *name, uint32_t addr)
{
	struct vaccess *va = ctx;
	struct pool *p = nasd_pool_find(va->vpdn->nasd, name);

	if (p)
		pool_release(p, addr);
}

static void va_authenticated(void *ctx, const char *name)
{
	struct vaccess *va = ctx;

	if (va->ls && name && name[0])
		l2tp_session_set_username(va->ls, name);
	if (va->dc && va->sess)
		dialer_authenticated(va->dc, va->sess, name, va->ifname);
}

static const struct ppp_session_ops va_ops = {
	.send_frame = va_send_frame,
	.link_params = va_link_params,
	.ip_up = va_ip_up,
	.ip_down = va_ip_down,
	.ip_input = va_ip_input,
	.link_down = va_link_down,
	.random = va_random,
	.pool_alloc = va_pool_alloc,
	.pool_release = va_pool_release,
	.authenticated = va_authenticated,
};

/* ---- dial-in ---- */

int vpdn_lns_incoming(struct vpdn *v, struct l2tp_session *ls,
		      const struct l2tp_call_info *info)
{
	struct nasd *nasd = v->nasd;
	struct l2tp_tunnel *t = l2tp_session_tunnel(ls);
	const struct vpdn_grp *grp = l2tp_tunnel_user(t);
	const struct config_vpdn_group *g =
		grp ? config_vpdn_group_find(nasd->running, grp->name) : NULL;
	struct vaccess *va;

	(void)info;
	if (!g || !config_vpdn_role_usable(g, CONFIG_VPDN_ACC_DIALIN) ||
	    !g->vtemplate) {
		log_dbg(&nasd->log, DBG_VPDN_L2X_ERRORS,
			"Tnl %u L2TP: ICRQ refused: no accept-dialin "
			"virtual-template in vpdn-group %s",
			l2tp_tunnel_local_id(t), grp ? grp->name : "?");
		return L2TP_CDN_PERM_FACILITIES;
	}
	va = va_new(v);
	if (!va)
		return L2TP_CDN_TEMP_FACILITIES;
	va->ls = ls;
	va->vtemplate = g->vtemplate;
	l2tp_session_set_ifname(ls, va->ifshort);
	snprintf(va->group, sizeof(va->group), "%s", g->name);
	l2tp_session_set_user(ls, va);
	return 0;
}

static void span_in(struct lcp_proxy_span *dst, const struct l2tp_bytes *b)
{
	dst->present = b->p != NULL && b->len <= sizeof(dst->opts);
	dst->len = dst->present ? (uint16_t)b->len : 0;
	if (dst->present && b->len)
		memcpy(dst->opts, b->p, b->len);
}

static void bytes_in(uint8_t *dst, uint16_t *len, size_t cap,
		     const struct l2tp_bytes *b)
{
	size_t n = b->len > cap ? cap : b->len;

	if (n && b->p)
		memcpy(dst, b->p, n);
	*len = (uint16_t)n;
}

static void start_dialin(struct vpdn *v, struct vaccess *va,
			 const struct l2tp_connect_info *info)
{
	struct nasd *nasd = v->nasd;
	const struct config *cfg = nasd->running;
	const struct config_vpdn_group *g =
		config_vpdn_group_find(cfg, va->group);
	char vt[IFNAME_MAX];
	const struct config_if *cif;
	struct ppp_session_cfg scfg;
	struct ppp_proxy_lcp plcp;
	struct ppp_proxy_auth pauth;
	unsigned flags = 0;
	bool have_auth;

	snprintf(vt, sizeof(vt), "Virtual-Template%u", va->vtemplate);
	cif = config_if_find(cfg, vt);
	if (!cif) {
		log_dbg(&nasd->log, DBG_VTEMPLATE,
			"Vt%u VTEMPLATE: Unable to create and clone vaccess: "
			"no interface %s",
			va->vtemplate, vt);
		if (va->ls) {
			struct l2tp_session *ls = va->ls;

			va->ls = NULL;
			l2tp_session_set_user(ls, NULL);
			l2tp_session_close(ls, L2TP_CDN_PERM_FACILITIES, 0, 0);
		}
		va_release(va);
		return;
	}
	log_dbg(&nasd->log, DBG_VTEMPLATE,
		"%s VTEMPLATE: ************* CLONE VACCESS%u *****************",
		va->ifshort, va->unit);
	log_dbg(&nasd->log, DBG_VTEMPLATE, "%s VTEMPLATE: Clone from %s",
		va->ifshort, vt);
	memset(&pauth, 0, sizeof(pauth));
	have_auth = info->proxy_auth_type != 0;
	if (have_auth) {
		uint16_t n;

		pauth.type = info->proxy_auth_type;
		pauth.id = (uint8_t)info->proxy_auth_id;
		bytes_in((uint8_t *)pauth.name, &n, sizeof(pauth.name) - 1,
			 &info->proxy_auth_name);
		pauth.name_len = n;
		pauth.name[n] = '\0';
		bytes_in(pauth.challenge, &pauth.challenge_len,
			 sizeof(pauth.challenge), &info->proxy_auth_challenge);
		bytes_in(pauth.response, &pauth.response_len,
			 sizeof(pauth.response), &info->proxy_auth_response);
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN: Virtual interface created for %s",
			va->ifshort, pauth.name);
		if (va->ls)
			l2tp_session_set_username(va->ls, pauth.name);
	}
	memset(&plcp, 0, sizeof(plcp));
	span_in(&plcp.initial_rcvd, &info->lcp_initial_rx);
	span_in(&plcp.last_sent, &info->lcp_last_tx);
	span_in(&plcp.last_rcvd, &info->lcp_last_rx);
	nasd_session_cfg_if(nasd, cfg, cif, &scfg);
	snprintf(scfg.ifname, sizeof(scfg.ifname), "%s", va->ifname);
	snprintf(scfg.ifshort, sizeof(scfg.ifshort), "%s", va->ifshort);
	/* The LAC frames toward the caller: a sync call (ISDN) runs
	 * synchronous PPP here, as IOS's Virtual-Access does (no ACCM, PFC
	 * or ACFC asked); an async one (a modem) keeps the async options
	 * the caller agreed to in the proxy LCP. */
	va->async = info->framing_type == L2TP_FRAMING_ASYNC;
	scfg.lcp.async = va->async;
	scfg.dir = PPP_DIR_CALLIN;
	scfg.passive = true;
	/* The LNS never calls a tunnelled user back. */
	scfg.callback_accept = false;
	scfg.callback_initiate = false;
	va->sess = ppp_session_new(&scfg, &va_ops, va, nasd->aaa,
				   loop_timers(nasd->loop), &nasd->log);
	if (!va->sess) {
		memset(&pauth, 0, sizeof(pauth));
		va_link_down(va, "out of memory");
		return;
	}
	log_notice(&nasd->log,
		   "%%LINK-3-UPDOWN: Interface %s, changed state to up",
		   va->ifname);
	log_dbg(&nasd->log, DBG_VPDN_EVENTS, "%s VPDN: Bind interface "
					     "direction=2",
		va->ifshort);
	if (g && g->lcp_reneg == CONFIG_LCP_RENEG_ALWAYS)
		flags |= PPP_PROXY_RENEG_ALWAYS;
	else if (g && g->lcp_reneg == CONFIG_LCP_RENEG_ON_MISMATCH)
		flags |= PPP_PROXY_RENEG_ON_MISMATCH;
	ppp_session_start_proxy(va->sess,
				plcp.last_sent.present || plcp.last_rcvd.present
					? &plcp
					: NULL,
				have_auth ? &pauth : NULL, flags);
	memset(&pauth, 0, sizeof(pauth));
}

/* ---- dial-out ---- */

static void start_dialout(struct vpdn *v, struct vaccess *va)
{
	struct nasd *nasd = v->nasd;
	const struct config *cfg = nasd->running;
	struct dialer_call *dc = va->dc;
	const struct config_if *cif;
	struct config_if defaults;
	struct ppp_session_cfg scfg;

	log_dbg(&nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN: Connection is up, start LCP negotiation now",
		va->ifshort);
	cif = config_if_find(cfg, dc ? dialer_ppp_ifname(dc, va->ifname)
				     : va->ifname);
	if (!cif) {
		config_if_defaults(&defaults);
		cif = &defaults;
	}
	nasd_session_cfg_if(nasd, cfg, cif, &scfg);
	snprintf(scfg.ifname, sizeof(scfg.ifname), "%s", va->ifname);
	snprintf(scfg.ifshort, sizeof(scfg.ifshort), "%s", va->ifshort);
	scfg.lcp.async = false;
	scfg.dir = PPP_DIR_CALLOUT;
	scfg.passive = false;
	if (dc)
		dialer_session_cfg(dc, &scfg);
	va->sess = ppp_session_new(&scfg, &va_ops, va, nasd->aaa,
				   loop_timers(nasd->loop), &nasd->log);
	if (!va->sess) {
		va_link_down(va, "out of memory");
		return;
	}
	log_notice(&nasd->log,
		   "%%LINK-3-UPDOWN: Interface %s, changed state to up",
		   va->ifname);
	if (dc)
		dialer_call_connected(dc);
	ppp_session_start(va->sess);
}

void vpdn_lns_connected(struct vpdn *v, struct vaccess *va,
			const struct l2tp_connect_info *info)
{
	if (va->sess || va->dead)
		return;
	if (va->dialout)
		start_dialout(v, va);
	else
		start_dialin(v, va, info);
}

/* The Q.850 cause DDR reports for a CDN (its busy / no answer counts). */
static int q850_of(const struct l2tp_result *why)
{
	if (why && why->has_q931 && why->q931_cause)
		return why->q931_cause;
	switch (why ? why->result : 0) {
	case L2TP_CDN_BUSY:
		return 17;
	case L2TP_CDN_TIMEOUT:
	case L2TP_CDN_NO_CARRIER:
		return 19;
	case L2TP_CDN_TEMP_FACILITIES:
	case L2TP_CDN_PERM_FACILITIES:
		return 34;
	case L2TP_CDN_INVALID_DEST:
		return 1;
	default:
		return 16;
	}
}

void vpdn_lns_down(struct vpdn *v, struct vaccess *va,
		   const struct l2tp_result *why)
{
	(void)v;
	va->ls = NULL;
	if (va->dc) {
		struct dialer_call *dc = va->dc;

		va->dc = NULL;
		dc->va = NULL;
		dialer_call_ended(dc, q850_of(why));
	}
	if (va->sess) {
		/* The call is gone under PPP: lower down, link_down
		 * follows and releases va. */
		ppp_session_lower_down(va->sess);
		if (va->sess)
			va_link_down(va, "L2TP session closed");
		return;
	}
	va_release(va);
}

void vpdn_lns_data(struct vaccess *va, const uint8_t *frame, size_t len)
{
	if (va->sess)
		ppp_session_input(va->sess, frame, len);
}

int vpdn_dialout(struct nasd *nasd, struct dialer_call *dc, unsigned pool,
		 const char *number, const char *dialer_ifname)
{
	struct vpdn *v = nasd->vpdn;
	const struct config_vpdn_group *g;
	struct l2tp_ocrq_info oi;
	struct l2tp_tunnel *t;
	struct vaccess *va;

	if (!v)
		return -ENOENT;
	g = config_vpdn_find_dialout(nasd->running, pool);
	if (!g) {
		log_warn(&nasd->log,
			 "%s: dialer vpdn: no vpdn-group requests dial-out "
			 "for pool %u",
			 dialer_ifname, pool);
		return -ENOENT;
	}
	va = va_new(v);
	if (!va)
		return -ENOMEM;
	va->dialout = true;
	snprintf(va->group, sizeof(va->group), "%s", g->name);
	log_dbg(&nasd->log, DBG_VTEMPLATE,
		"%s VTEMPLATE: Has a new cloneblk dialer, now it has dialer",
		va->ifshort);
	t = vpdn_tunnel_for(v, g, va->ifshort, false, NULL, 0);
	if (!t) {
		va_free(va);
		return -ENETDOWN;
	}
	memset(&oi, 0, sizeof(oi));
	vpdn_cpy(oi.called, sizeof(oi.called), number);
	vpdn_cpy(oi.ifname, sizeof(oi.ifname), va->ifshort);
	oi.min_bps = 0;
	oi.max_bps = 64000;
	oi.bearer_type = L2TP_BEARER_DIGITAL;
	oi.framing_type = L2TP_FRAMING_SYNC;
	va->ls = l2tp_session_outgoing(t, &oi, va);
	if (!va->ls) {
		log_warn(&nasd->log,
			 "%s: dialer vpdn: the tunnel to %s cannot carry "
			 "dial-out calls (no Bearer Capabilities)",
			 dialer_ifname, l2tp_tunnel_remote_name(t));
		va_free(va);
		return -ENETDOWN;
	}
	va->dc = dc;
	dc->va = va;
	snprintf(dc->ifname, sizeof(dc->ifname), "%s", va->ifname);
	snprintf(dc->ifshort, sizeof(dc->ifshort), "%s", va->ifshort);
	log_dbg(&nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN: Bind interface direction=2", va->ifshort);
	return 0;
}

void vpdn_dialout_hangup(struct vaccess *va, const char *reason)
{
	if (va->sess && va->sess->phase != PPP_PHASE_DEAD &&
	    va->sess->phase != PPP_PHASE_TERMINATE) {
		ppp_session_close(va->sess, reason);
		return;
	}
	if (va->sess)
		return; /* terminating already */
	va_end_call(va);
}

void vpdn_lns_fini(struct vpdn *v)
{
	while (v->vas) {
		struct vaccess *va = v->vas;

		if (va->sess)
			ppp_session_lower_down(va->sess);
		if (va->dc) {
			va->dc->va = NULL;
			dialer_call_ended(va->dc, 16);
		}
		va->ls = NULL;
		v->vas = va->next;
		if (v->vas)
			v->vas->pprev = &v->vas;
		loop_defer_cancel(&va->reap);
		ppp_session_free(va->sess);
		ppp_session_free(va->dead);
		free(va);
	}
	free(v->va_units);
	v->va_units = NULL;
	v->va_words = 0;
}
