/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vpdn_lac.c - the LAC (vpdn.h): dial-in calls forwarded into a tunnel by
 * domain or DNIS (`request-dialin`) with proxy LCP and proxy
 * authentication in the ICCN (RFC 2661 §4.4.5, §6.12), and dial-out
 * calls placed for the LNS (`accept-dialout`, OCRQ/OCRP/OCCN §5.2.2, §6.7
 * - 6.9).  Once a session is established the caller's frames are relayed
 * unchanged both ways (the LAC runs no PPP of its own any more); frames
 * that arrive before are held, a few, and sent once the ICCN is out.
 * The debug lines follow seed 004's LAC trace.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddr_glue.h"
#include "dialstring.h"
#include "isdn.h"
#include "line.h"
#include "cp_print.h"
#include "l2tp_codec.h"
#include "nasd.h"
#include "pstn_wire.h"
#include "vpdn.h"

/* Frames held per call until the session is established. */
#define FWD_QUEUE_FRAMES 32
#define FWD_QUEUE_OCTETS (32 * 1024)

static struct vpdn_fwd *fwd_new(struct vpdn *v,
				const struct vpdn_call_desc *call,
				const struct vpdn_lower_ops *lops, void *lctx)
{
	struct vpdn_fwd *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->vpdn = v;
	f->call = *call;
	f->lops = lops;
	f->lctx = lctx;
	f->next = v->fwds;
	v->fwds = f;
	return f;
}

static void fwd_unlink_free(struct vpdn_fwd *f)
{
	struct vpdn_fwd **pp = &f->vpdn->fwds;

	while (*pp && *pp != f)
		pp = &(*pp)->next;
	if (*pp)
		*pp = f->next;
	loop_defer_cancel(&f->reap);
	memset(&f->pauth, 0, sizeof(f->pauth));
	free(f->q);
	free(f);
}

static void fwd_reap(void *arg)
{
	fwd_unlink_free(arg);
}

/* Nothing refers to f any more (lower link and L2TP session gone). */
static void fwd_release(struct vpdn_fwd *f)
{
	if (f->lctx || f->ls || f->dying)
		return;
	f->dying = true;
	loop_defer(f->vpdn->nasd->loop, &f->reap, fwd_reap, f);
}

/* ---- held frames ---- */

static void queue_frame(struct vpdn_fwd *f, const uint8_t *frame, size_t len)
{
	if (f->qn >= FWD_QUEUE_FRAMES || f->qlen + len + 2 > FWD_QUEUE_OCTETS ||
	    len > 0xffff) {
		f->drops++;
		return;
	}
	if (!f->q) {
		f->q = malloc(FWD_QUEUE_OCTETS);
		if (!f->q) {
			f->drops++;
			return;
		}
	}
	f->q[f->qlen] = (uint8_t)(len >> 8);
	f->q[f->qlen + 1] = (uint8_t)len;
	memcpy(f->q + f->qlen + 2, frame, len);
	f->qlen += len + 2;
	f->qn++;
}

static void flush_queue(struct vpdn_fwd *f)
{
	size_t off = 0;

	while (f->ls && off + 2 <= f->qlen) {
		size_t len = (size_t)f->q[off] << 8 | f->q[off + 1];

		if (l2tp_session_send(f->ls, f->q + off + 2, len) == 0)
			f->tx_frames++;
		off += len + 2;
	}
	free(f->q);
	f->q = NULL;
	f->qlen = f->qn = 0;
}

void vpdn_fwd_input(struct vpdn_fwd *f, const uint8_t *frame, size_t len)
{
	f->rx_frames++;
	if (f->established && f->ls) {
		if (l2tp_session_send(f->ls, frame, len) == 0)
			f->tx_frames++;
		else
			f->drops++;
		return;
	}
	if (f->ls)
		queue_frame(f, frame, len);
	else
		f->drops++;
}

/* ---- dial-in ---- */

static void log_group(struct nasd *nasd, const char *ifs,
		      const struct config_vpdn_group *g, const char *what)
{
	const struct config *cfg = nasd->running;
	char a[16];

	log_dbg(&nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN/LAC/%s: Got tunnel info for %s", ifs, g->name, what);
	log_dbg(&nasd->log, DBG_VPDN_EVENTS, "%s VPDN/LAC/%s: LAC %s", ifs,
		g->name, config_vpdn_local_name(cfg, g));
	if (g->source_ip) {
		cp_print_ipv4(a, sizeof(a), g->source_ip);
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN/LAC/%s: source-ip %s", ifs, g->name, a);
	}
	/* The password itself never appears (the seed prints "xxxxxx"). */
	if (config_vpdn_tunnel_secret(cfg, g, g->terminate_from))
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN/LAC/%s: l2tp-tunnel-password xxxxxx", ifs,
			g->name);
	for (size_t i = 0; i < g->ninitiate_to; i++) {
		cp_print_ipv4(a, sizeof(a), g->initiate_to[i].addr);
		log_dbg(&nasd->log, DBG_VPDN_EVENTS, "%s VPDN/LAC/%s: IP %s",
			ifs, g->name, a);
	}
}

/* Hand dial-in call f to a tunnel of group g (a new one or one to reuse,
 * never to an address in f->tried) with an ICRQ; the ICCN will carry the
 * proxy LCP and authentication kept in f.  0, or -1 when no tunnel or
 * session could be had (logged by vpdn_tunnel_for). */
static int fwd_place(struct vpdn *v, struct vpdn_fwd *f,
		     const struct config_vpdn_group *g)
{
	struct nasd *nasd = v->nasd;
	const struct vpdn_call_desc *call = &f->call;
	const char *ifs = call->ifshort;
	struct l2tp_call_info ci;
	struct l2tp_connect_info cn;
	struct l2tp_tunnel *t;
	char a[16];

	t = vpdn_tunnel_for(v, g, ifs, true, f->tried, f->ntried);
	if (!t)
		return -1;
	cp_print_ipv4(a, sizeof(a), l2tp_tunnel_peer(t)->ip);
	log_dbg(&nasd->log, DBG_VPDN_EVENTS, "%s VPDN: Forward to address %s",
		ifs, a);
	memset(&ci, 0, sizeof(ci));
	vpdn_cpy(ci.called, sizeof(ci.called), call->called);
	vpdn_cpy(ci.calling, sizeof(ci.calling), call->calling);
	vpdn_cpy(ci.ifname, sizeof(ci.ifname), ifs);
	ci.bearer_type = call->analog ? L2TP_BEARER_ANALOG
				      : L2TP_BEARER_DIGITAL;
	ci.phys_channel = call->channel;
	ci.has_phys_channel = true;
	memset(&cn, 0, sizeof(cn));
	cn.tx_speed_bps = call->speed_bps;
	cn.rx_speed_bps = call->speed_bps;
	cn.framing_type = call->analog ? L2TP_FRAMING_ASYNC
				       : L2TP_FRAMING_SYNC;
	if (f->have_plcp) {
		cn.lcp_initial_rx.p = f->plcp.initial_rcvd.present
					      ? f->plcp.initial_rcvd.opts
					      : f->plcp.last_rcvd.opts;
		cn.lcp_initial_rx.len = f->plcp.initial_rcvd.present
						? f->plcp.initial_rcvd.len
						: f->plcp.last_rcvd.len;
		cn.lcp_last_tx.p = f->plcp.last_sent.opts;
		cn.lcp_last_tx.len = f->plcp.last_sent.len;
		cn.lcp_last_rx.p = f->plcp.last_rcvd.opts;
		cn.lcp_last_rx.len = f->plcp.last_rcvd.len;
	}
	cn.proxy_auth_type = f->pauth.type;
	cn.proxy_auth_name.p = (const uint8_t *)f->pauth.name;
	cn.proxy_auth_name.len = f->pauth.name_len;
	cn.proxy_auth_challenge.p = f->pauth.challenge;
	cn.proxy_auth_challenge.len = f->pauth.challenge_len;
	cn.proxy_auth_id = f->pauth.id;
	cn.proxy_auth_response.p = f->pauth.response;
	cn.proxy_auth_response.len = f->pauth.response_len;
	/* f->pauth keeps the response until the session is established:
	 * a failover sends it again in another ICCN.  It is wiped then, or
	 * when f is freed. */
	f->ls = l2tp_session_incoming(t, &ci, &cn, f);
	if (!f->ls)
		return -1;
	l2tp_session_set_ifname(f->ls, ifs);
	l2tp_session_set_username(f->ls, f->user);
	return 0;
}

enum ppp_fwd_decision vpdn_auth_forward(struct nasd *nasd,
					const struct vpdn_call_desc *call,
					const struct vpdn_lower_ops *lops,
					void *lctx, struct ppp_session *sess,
					const struct ppp_proxy_auth *pa,
					struct vpdn_fwd **out)
{
	struct vpdn *v = nasd->vpdn;
	const struct config *cfg = nasd->running;
	const char *ifs = call->ifshort;
	const struct config_vpdn_group *g;
	const char *domain;
	struct vpdn_fwd *f;

	*out = NULL;
	if (!v || !cfg->vpdn.enable)
		return PPP_FWD_LOCAL;
	domain = config_vpdn_domain_of(pa->name);
	if (call->called[0])
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN: Got DNIS string %s", ifs, call->called);
	log_dbg(&nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN: Looking for tunnel -- %s --", ifs,
		domain ? domain : pa->name);
	g = config_vpdn_find_dialin(cfg, call->called, domain);
	if (!g) {
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN: No tunnel for %s: authenticating locally",
			ifs, pa->name);
		return PPP_FWD_LOCAL;
	}
	log_group(nasd, ifs, g, domain ? domain : call->called);
	f = fwd_new(v, call, lops, lctx);
	if (!f)
		return PPP_FWD_LOCAL;
	f->sess = sess;
	vpdn_cpy(f->user, sizeof(f->user), pa->name);
	snprintf(f->group, sizeof(f->group), "%s", g->name);
	f->pauth = *pa;
	f->have_plcp = ppp_session_proxy_lcp(sess, &f->plcp);
	if (fwd_place(v, f, g) != 0) {
		log_warn(&nasd->log,
			 "%s VPDN: cannot open a tunnel for %s (vpdn-group "
			 "%s): authenticating locally",
			 ifs, pa->name, g->name);
		f->lctx = NULL;
		fwd_release(f);
		return PPP_FWD_LOCAL;
	}
	log_dbg(&nasd->log, DBG_VPDN_EVENTS, "%s VPDN: Pending", ifs);
	*out = f;
	return PPP_FWD_FORWARD;
}

void vpdn_lac_session_reply(struct vpdn *v, struct vpdn_fwd *f)
{
	(void)v;
	(void)f;
	/* The ICCN went with l2tp_session_incoming()'s connect info. */
}

void vpdn_lac_session_connected(struct vpdn *v, struct vpdn_fwd *f)
{
	struct nasd *nasd = v->nasd;

	f->established = true;
	/* No failover any more: the proxy response has served. */
	memset(f->pauth.response, 0, sizeof(f->pauth.response));
	if (f->dialout) {
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN: bound to vpdn session", f->call.ifshort);
	} else {
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN: %s is forwarded", f->call.ifshort, f->user);
	}
	flush_queue(f);
}

/* Dial-in call f lost its session because the tunnel t it waited for
 * did not come up: try the group's next address.  True when the call is
 * pending on another tunnel now. */
static bool fwd_failover(struct vpdn *v, struct vpdn_fwd *f,
			 struct l2tp_tunnel *t)
{
	const struct config_vpdn_group *g;
	char a[16];

	if (f->dialout || f->established || !f->lctx || !f->sess ||
	    f->ntried >= CONFIG_VPDN_MAX_INITIATE)
		return false;
	f->tried[f->ntried++] = l2tp_tunnel_peer(t)->ip;
	g = config_vpdn_group_find(v->nasd->running, f->group);
	if (!g || !config_vpdn_role_usable(g, CONFIG_VPDN_REQ_DIALIN))
		return false;
	cp_print_ipv4(a, sizeof(a), l2tp_tunnel_peer(t)->ip);
	log_dbg(&v->nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN: tunnel to %s failed, %s fails over", f->call.ifshort,
		a, f->user);
	return fwd_place(v, f, g) == 0;
}

void vpdn_lac_session_down(struct vpdn *v, struct vpdn_fwd *f,
			   struct l2tp_tunnel *failed,
			   const struct l2tp_result *why)
{
	struct nasd *nasd = v->nasd;
	const char *reason = why && why->reason ? why->reason
			     : why && why->by_peer ? "CDN from the LNS"
						   : "L2TP session closed";

	f->ls = NULL;
	/* Another initiate-to address may take the call. */
	if (failed && fwd_failover(v, f, failed))
		return;
	log_dbg(&nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN: %s%s disconnected: %s (result %u, error %u)",
		f->call.ifshort, f->user, f->user[0] ? "" : "call",
		reason, why ? why->result : 0, why ? why->error : 0);
	if (f->lctx) {
		void *lctx = f->lctx;

		f->lctx = NULL;
		if (!f->established && !f->dialout && f->sess) {
			/* The tunnel never carried the call: the caller is
			 * told its authentication failed (IOS). */
			f->lops->detach(lctx);
			ppp_session_forward_fail(f->sess,
						 "VPDN forwarding failed");
		} else {
			f->lops->hangup(lctx, reason);
		}
	}
	fwd_release(f);
}

void vpdn_lac_session_data(struct vpdn_fwd *f, const uint8_t *frame,
			   size_t len)
{
	if (!f->lctx)
		return;
	f->lops->send(f->lctx, frame, len);
}

void vpdn_lac_session_sli(struct vpdn_fwd *f, uint32_t send_accm,
			  uint32_t recv_accm)
{
	if (f->lctx && f->lops->accm)
		f->lops->accm(f->lctx, send_accm, recv_accm);
}

/* CDN result for a dial-out call that ended before it connected. */
static uint16_t cdn_of_cause(int q850)
{
	switch (q850) {
	case 17:
		return L2TP_CDN_BUSY;
	case 18:
	case 19:
		return L2TP_CDN_TIMEOUT;
	case 34:
	case 44:
		return L2TP_CDN_TEMP_FACILITIES;
	case 1:
	case 3:
	case 28:
		return L2TP_CDN_INVALID_DEST;
	default:
		return L2TP_CDN_NO_CARRIER;
	}
}

void vpdn_fwd_lower_gone(struct vpdn_fwd *f, int q850_cause)
{
	f->lctx = NULL;
	if (f->ls) {
		struct l2tp_session *ls = f->ls;

		f->ls = NULL;
		if (f->dialout && !f->established)
			l2tp_session_dialout_result(
				ls, false, NULL, cdn_of_cause(q850_cause), 0,
				(uint16_t)(q850_cause > 0 ? q850_cause : 0), 0);
		else
			l2tp_session_close(ls, L2TP_CDN_LOST_CARRIER, 0,
					   (uint16_t)(q850_cause > 0
							      ? q850_cause
							      : 0));
	}
	fwd_release(f);
}

/* ---- dial-out ---- */

static void isdn_send(void *ctx, const uint8_t *frame, size_t len)
{
	isdn_data_send(ctx, frame, len);
}

static void isdn_hangup(void *ctx, const char *reason)
{
	struct isdn_call *c = ctx;

	c->fwd = NULL;
	if (c->q && !c->clearing)
		isdn_call_clear(c, 16, reason);
}

static void isdn_detach(void *ctx)
{
	struct isdn_call *c = ctx;

	c->fwd = NULL;
}

const struct vpdn_lower_ops vpdn_isdn_lower_ops = {
	.send = isdn_send,
	.hangup = isdn_hangup,
	.detach = isdn_detach,
};

/* Dial-out f is placed on lower link lctx (an ISDN call or a line, named
 * ifname / ifshort, B-channel or line number `channel`) for session ls. */
static void fwd_bind_dialout(struct vpdn_fwd *f, struct l2tp_session *ls,
			     void *lctx, const char *ifname,
			     const char *ifshort, uint32_t channel)
{
	f->lctx = lctx;
	f->ls = ls;
	snprintf(f->call.ifname, sizeof(f->call.ifname), "%s", ifname);
	snprintf(f->call.ifshort, sizeof(f->call.ifshort), "%s", ifshort);
	f->call.channel = channel;
	l2tp_session_set_user(ls, f);
}

/* A modem line's dial-out for the LNS ended its chat script. */
static void line_dial_done(void *arg, struct line *l, bool ok, const char *why)
{
	struct vpdn_fwd *f = arg;

	(void)why;
	/* A failed dial hung the line up first, which sent the CDN with
	 * the cause (line_fwd_gone): f may be gone. */
	if (!ok || l->fwd != f)
		return;
	vpdn_fwd_dialout_connected(f, l->connect_bps ? l->connect_bps : 33600);
}

/* OCRQ on a LAC whose accept-dialout dialer has modem lines: the first
 * line free to dial runs its `script dialer` with the called number and
 * then relays frames (LINE_THEN_RELAY).  0 or a CDN result code. */
static int ocrq_async(struct vpdn *v, struct l2tp_session *ls,
		      const struct config_vpdn_group *g, struct dialer *dl,
		      const struct l2tp_ocrq_info *info)
{
	struct nasd *nasd = v->nasd;
	char number[L2TP_NUMBER_MAX], why[64];
	struct vpdn_call_desc call;
	struct vpdn_fwd *f;

	/* The number goes into the modem's ATDT: dial characters only. */
	if (dialstring_check(info->called, number, sizeof(number), why,
			     sizeof(why)) != 0) {
		log_warn(&nasd->log,
			 "VPDN: dial-out to \"%s\" refused: %s",
			 info->called, why);
		return L2TP_CDN_INVALID_DEST;
	}
	memset(&call, 0, sizeof(call));
	snprintf(call.called, sizeof(call.called), "%s", info->called);
	call.analog = true;
	f = fwd_new(v, &call, &line_vpdn_lower_ops, NULL);
	if (!f)
		return L2TP_CDN_TEMP_FACILITIES;
	f->dialout = true;
	snprintf(f->group, sizeof(f->group), "%s", g->name);
	log_dbg(&nasd->log, DBG_DIALER_EVENTS, "Dialout: Next hop name is %s",
		info->called);
	for (size_t i = 0; i < dl->conf.n_members; i++) {
		struct line *l = line_member_free(nasd, dl->conf.members[i]);
		int rc;

		if (!l)
			continue;
		l->fwd = f;
		fwd_bind_dialout(f, ls, l, l->ifname, l->ifshort, l->num);
		log_dbg(&nasd->log, DBG_DIALER_EVENTS,
			"%s DDR: Attempting to dial %s", l->ifshort, number);
		rc = line_dial(l, number, NULL, LINE_THEN_RELAY,
			       line_dial_done, f);
		if (rc == 0)
			return 0; /* even if it already failed: reported */
		l->fwd = NULL;
		f->lctx = NULL;
		f->ls = NULL;
		l2tp_session_set_user(ls, NULL);
		log_warn(&nasd->log, "%s: cannot dial on %s: %s",
			 dl->conf.ifname, l->tty, line_dial_strerror(rc));
	}
	log_warn(&nasd->log, "%s: no free line to dial %s for the LNS",
		 dl->conf.ifname, info->called);
	fwd_release(f);
	return L2TP_CDN_TEMP_FACILITIES;
}

int vpdn_lac_ocrq(struct vpdn *v, struct l2tp_session *ls,
		  const struct l2tp_ocrq_info *info)
{
	struct nasd *nasd = v->nasd;
	struct l2tp_tunnel *t = l2tp_session_tunnel(ls);
	const struct vpdn_grp *grp = l2tp_tunnel_user(t);
	const struct config_vpdn_group *g =
		grp ? config_vpdn_group_find(nasd->running, grp->name) : NULL;
	char dname[IFNAME_MAX], digits[PSTN_NUMBER_MAX + 1];
	struct vpdn_call_desc call;
	struct dialer *dl;
	struct vpdn_fwd *f;

	if (!g || !config_vpdn_role_usable(g, CONFIG_VPDN_ACC_DIALOUT) ||
	    !g->dialer) {
		log_dbg(&nasd->log, DBG_VPDN_L2X_ERRORS,
			"Tnl %u L2TP: OCRQ refused: no accept-dialout in "
			"vpdn-group %s",
			l2tp_tunnel_local_id(t), grp ? grp->name : "?");
		return L2TP_CDN_PERM_FACILITIES;
	}
	snprintf(dname, sizeof(dname), "Dialer%u", g->dialer);
	dl = dialer_find(nasd, dname);
	if (dl && dl->conf.lower == DDR_CONF_ASYNC)
		return ocrq_async(v, ls, g, dl, info);
	if (!dl || dl->conf.lower != DDR_CONF_ISDN) {
		log_warn(&nasd->log,
			 "VPDN: dial-out to %s refused: %s is not an ISDN "
			 "or async dialer",
			 info->called, dname);
		return L2TP_CDN_PERM_FACILITIES;
	}
	if (pstn_number_normalise(info->called, digits, sizeof(digits)) < 0)
		return L2TP_CDN_INVALID_DEST;
	memset(&call, 0, sizeof(call));
	snprintf(call.called, sizeof(call.called), "%s", info->called);
	call.speed_bps = 64000;
	f = fwd_new(v, &call, &vpdn_isdn_lower_ops, NULL);
	if (!f)
		return L2TP_CDN_TEMP_FACILITIES;
	f->dialout = true;
	snprintf(f->group, sizeof(f->group), "%s", g->name);
	log_dbg(&nasd->log, DBG_DIALER_EVENTS, "Dialout: Next hop name is %s",
		info->called);
	for (size_t i = 0; i < dl->conf.n_members; i++) {
		struct isdn_if *ifc = isdn_if_find(nasd, dl->conf.members[i]);
		struct isdn_call *c;

		if (!ifc || isdn_place_data_call(ifc, digits, &c) != 0)
			continue;
		log_dbg(&nasd->log, DBG_DIALER_EVENTS,
			"%s DDR: Attempting to dial %s", ifc->shortname,
			info->called);
		c->fwd = f;
		fwd_bind_dialout(f, ls, c, c->ifname, c->ifshort, c->ch);
		return 0;
	}
	log_warn(&nasd->log, "%s: no free B-channel to dial %s for the LNS",
		 dname, info->called);
	fwd_release(f);
	return L2TP_CDN_TEMP_FACILITIES;
}

void vpdn_fwd_dialout_connected(struct vpdn_fwd *f, uint32_t speed_bps)
{
	struct isdn_call *c =
		f->lops == &vpdn_isdn_lower_ops ? f->lctx : NULL;
	struct l2tp_connect_info cn;

	if (!f->ls)
		return;
	if (c) {
		/* The channel is known now ("Se0:30"). */
		snprintf(f->call.ifname, sizeof(f->call.ifname), "%s",
			 c->ifname);
		snprintf(f->call.ifshort, sizeof(f->call.ifshort), "%s",
			 c->ifshort);
		l2tp_session_set_ifname(f->ls, f->call.ifshort);
	}
	log_dbg(&f->vpdn->nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN: Bind interface direction=1", f->call.ifshort);
	memset(&cn, 0, sizeof(cn));
	cn.tx_speed_bps = speed_bps;
	cn.rx_speed_bps = speed_bps;
	cn.framing_type = f->call.analog ? L2TP_FRAMING_ASYNC
					 : L2TP_FRAMING_SYNC;
	l2tp_session_dialout_result(f->ls, true, &cn, 0, 0, 0, 0);
}

void vpdn_lac_fini(struct vpdn *v)
{
	while (v->fwds) {
		struct vpdn_fwd *f = v->fwds;

		if (f->lctx)
			f->lops->hangup(f->lctx, "VPDN shut down");
		fwd_unlink_free(f);
	}
}
