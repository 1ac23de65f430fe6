/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_glue.c - the dialers of the running configuration and their calls
 * (ddr_glue.h): building and rebuilding the policy cores on reload, the
 * dialer routes of the data plane, the core's ops (send, dial, hang up)
 * on ISDN B-channels and modem lines, and the reports of what happens to
 * each call, always from a deferred loop callback (the core's ops must
 * never be called back into, doc/ddr.md).
 */
#include "ddr_glue.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isdn.h"
#include "line.h"
#include "nasd.h"
#include "pstn_wire.h"
#include "vpdn.h"

/* ---- calls ---- */

static struct ppp_session *dc_session(const struct dialer_call *dc)
{
	if (dc->isdn)
		return dc->isdn->sess;
	if (dc->line)
		return dc->line->sess;
	if (dc->va)
		return vaccess_session(dc->va);
	return NULL;
}

static struct dialer_call *dc_new(struct nasd *nasd, struct dialer *dl,
				  bool outgoing)
{
	struct dialer_call *dc = calloc(1, sizeof(*dc));

	if (!dc)
		return NULL;
	dc->nasd = nasd;
	dc->dl = dl;
	dc->outgoing = outgoing;
	dc->next = nasd->dcalls;
	nasd->dcalls = dc;
	return dc;
}

static void dc_free(struct dialer_call *dc)
{
	struct dialer_call **pp = &dc->nasd->dcalls;

	while (*pp && *pp != dc)
		pp = &(*pp)->next;
	if (*pp)
		*pp = dc->next;
	loop_defer_cancel(&dc->report);
	free(dc);
}

/* Tell the core what happened since the last report (deferred, so never
 * inside one of its ops): carrier, PPP up, the end. */
static void report(void *arg)
{
	struct dialer_call *dc = arg;
	struct dialer *dl = dc->dl;

	if (dl && dc->link) {
		struct ddr *ddr = dl->ddr;

		if (dc->carrier && dc->outgoing && !dc->rep_connected) {
			ddr_call_connected(ddr, dc->link, dc->ifname,
					   dc->ifshort);
			dc->rep_connected = true;
		}
		if (dc->ppp_up && !dc->rep_up && !dc->ended) {
			dc->rep_up = true;
			ddr_link_up(ddr, dc->link, dc->peer_name);
		}
		if (dc->ended) {
			if (dc->outgoing && !dc->rep_connected && !dc->rep_up)
				ddr_call_failed(ddr, dc->link, dc->cause);
			else
				ddr_link_down(ddr, dc->link, dc->cause);
			dc->link = NULL;
		}
	}
	if (dc->ended)
		dc_free(dc);
}

static void kick(struct dialer_call *dc)
{
	loop_defer(dc->nasd->loop, &dc->report, report, dc);
}

static enum ddr_cause cause_of(const struct dialer_call *dc, int q850)
{
	switch (q850) {
	case 17: /* user busy */
		return DDR_CAUSE_BUSY;
	case 18: /* no user responding */
	case 19: /* no answer from user (user alerted) */
		return DDR_CAUSE_NO_ANSWER;
	case 34: /* no circuit/channel available */
	case 44: /* requested circuit/channel not available */
		return DDR_CAUSE_NO_CHANNEL;
	case 0:
	case 16: /* normal call clearing */
		break;
	default:
		if (!dc->rep_connected && !dc->carrier)
			return DDR_CAUSE_OTHER;
		break;
	}
	if (dc->hangup_asked)
		return DDR_CAUSE_LOCAL;
	if ((dc->carrier || !dc->outgoing) && !dc->ppp_up)
		return DDR_CAUSE_PPP;
	return DDR_CAUSE_REMOTE;
}

void dialer_call_connected(struct dialer_call *dc)
{
	if (dc->isdn) {
		snprintf(dc->ifname, sizeof(dc->ifname), "%s",
			 dc->isdn->ifname);
		snprintf(dc->ifshort, sizeof(dc->ifshort), "%s",
			 dc->isdn->ifshort);
	}
	dc->carrier = true;
	kick(dc);
}

void dialer_call_ended(struct dialer_call *dc, int q850_cause)
{
	if (dc->ended)
		return;
	dc->cause = cause_of(dc, q850_cause);
	dc->ended = true;
	dc->isdn = NULL;
	dc->line = NULL;
	dc->va = NULL;
	kick(dc);
}

/* ---- the core's ops ---- */

static void op_send(void *ctx, struct ddr *ddr, struct ddr_link *link,
		    const uint8_t *pkt, size_t len)
{
	struct dialer_call *dc = ddr_link_call(link);
	struct ppp_session *s = dc ? dc_session(dc) : NULL;

	(void)ctx;
	(void)ddr;
	if (s)
		ppp_session_send_ip(s, pkt, len);
}

static bool dial_isdn(struct dialer *dl, struct dialer_call *dc,
		      const char *number)
{
	struct nasd *nasd = dl->nasd;
	char digits[PSTN_NUMBER_MAX + 1];

	if (pstn_number_normalise(number, digits, sizeof(digits)) < 0) {
		log_warn(&nasd->log, "%s: cannot dial \"%s\": not a number",
			 dl->conf.ifname, number);
		return false;
	}
	for (size_t i = 0; i < dl->conf.n_members; i++) {
		struct isdn_if *ifc = isdn_if_find(nasd, dl->conf.members[i]);
		struct isdn_call *c;

		if (!ifc || isdn_place_data_call(ifc, digits, &c) != 0)
			continue;
		c->dc = dc;
		dc->isdn = c;
		snprintf(dc->ifname, sizeof(dc->ifname), "%s", c->ifname);
		snprintf(dc->ifshort, sizeof(dc->ifshort), "%s", c->ifshort);
		return true;
	}
	return false;
}

static void line_dial_done(void *arg, struct line *l, bool ok, const char *why)
{
	struct dialer_call *dc = arg;

	(void)why;
	/* A failed script hung the line up first, which ended the call
	 * with the script's reason (line.c). */
	if (l->dc != dc)
		return;
	if (ok) {
		dialer_call_connected(dc);
		return;
	}
	l->dc = NULL;
	dialer_call_ended(dc, 1);
}

static bool dial_async(struct dialer *dl, struct dialer_call *dc,
		       const char *number)
{
	struct nasd *nasd = dl->nasd;

	for (size_t i = 0; i < dl->conf.n_members; i++) {
		struct line *l = line_member_free(nasd, dl->conf.members[i]);
		int rc;

		if (!l)
			continue;
		l->dc = dc;
		dc->line = l;
		snprintf(dc->ifname, sizeof(dc->ifname), "%s", l->ifname);
		snprintf(dc->ifshort, sizeof(dc->ifshort), "%s", l->ifshort);
		rc = line_dial(l, number, NULL, LINE_THEN_PPP, line_dial_done,
			       dc);
		if (rc == 0)
			return true; /* even if it already failed: reported */
		l->dc = NULL;
		dc->line = NULL;
		log_warn(&nasd->log, "%s: cannot dial on %s: %s",
			 dl->conf.ifname, l->tty, line_dial_strerror(rc));
	}
	return false;
}

static void *op_dial(void *ctx, struct ddr *ddr, struct ddr_link *link,
		     const char *number, const struct ddr_map *map)
{
	struct dialer *dl = ctx;
	struct dialer_call *dc = dc_new(dl->nasd, dl, true);
	bool placed;

	(void)ddr;
	if (!dc)
		return NULL;
	dc->link = link;
	dc->next_hop = map ? map->next_hop : 0;
	if (dl->conf.lower == DDR_CONF_VPDN)
		placed = vpdn_dialout(dl->nasd, dc, dl->conf.cfg.pool, number,
				      dl->conf.ifname) == 0;
	else if (dl->conf.lower == DDR_CONF_ISDN)
		placed = dial_isdn(dl, dc, number);
	else
		placed = dial_async(dl, dc, number);
	if (!placed) {
		dc_free(dc);
		return NULL;
	}
	return dc;
}

static void op_hangup(void *ctx, struct ddr *ddr, struct ddr_link *link,
		      const char *reason)
{
	struct dialer_call *dc = ddr_link_call(link);
	struct ppp_session *s;

	(void)ctx;
	(void)ddr;
	if (!dc || dc->ended)
		return;
	dc->hangup_asked = true;
	s = dc_session(dc);
	if (dc->va) {
		vpdn_dialout_hangup(dc->va, reason);
		return;
	}
	/* A proper LCP Terminate first; the call is cleared when PPP is
	 * down (isdn_data.c, line.c), and the end is reported then. */
	if (s && s->phase != PPP_PHASE_DEAD &&
	    s->phase != PPP_PHASE_TERMINATE) {
		ppp_session_close(s, reason);
		return;
	}
	if (s)
		return; /* terminating already */
	if (dc->isdn)
		isdn_call_clear(dc->isdn, 16, reason);
	else if (dc->line)
		line_hangup(dc->line, reason);
	else if (dc->va)
		vpdn_dialout_hangup(dc->va, reason);
}

static const struct ddr_ops glue_ops = {
	.send = op_send,
	.dial = op_dial,
	.hangup = op_hangup,
};

/* ---- sessions ---- */

void dialer_session_cfg(const struct dialer_call *dc,
			struct ppp_session_cfg *cfg)
{
	if (dc->outgoing) {
		/* We placed the call: never its callback server. */
		cfg->callback_accept = false;
		cfg->callback_initiate = false;
		cfg->return_call = true;
	} else {
		/* `ppp callback request` asks on the calls we place only;
		 * an incoming call may be the server's return call. */
		cfg->cb_request = PPP_CBREQ_NONE;
		cfg->callback_expect = false;
	}
}

static bool map_names(const struct ddr_cfg *c, uint32_t hop)
{
	for (size_t i = 0; i < c->n_maps; i++)
		if (c->maps[i].next_hop == hop)
			return true;
	return false;
}

/* An incoming call on a pool member binds to the dialer profile whose
 * `dialer remote-name` is the authenticated name (IOS
 * %DIALER-6-BIND). */
/* dc as an incoming call of dl's core, with the caller's number when the
 * network gave one; false when dl has no free slot. */
static bool dc_link_incoming(struct dialer *dl, struct dialer_call *dc)
{
	dc->link = ddr_link_incoming(dl->ddr, dc, dc->ifname, dc->ifshort);
	if (!dc->link)
		return false;
	if (dc->isdn)
		ddr_link_set_calling(dc->link, dc->isdn->calling);
	return true;
}

static void bind_profile(struct dialer_call *dc, const char *member)
{
	for (struct dialer *dl = dc->nasd->dialers; dl; dl = dl->next) {
		bool mine = false;

		for (size_t i = 0; i < dl->conf.n_members; i++)
			mine |= strcmp(dl->conf.members[i], member) == 0;
		if (!mine || !ddr_profile_accepts(dl->ddr, dc->peer_name))
			continue;
		if (dc_link_incoming(dl, dc))
			dc->dl = dl;
		return;
	}
}

void dialer_authenticated(struct dialer_call *dc, struct ppp_session *s,
			  const char *name, const char *member)
{
	const struct config_if *cif;
	struct ppp_session_cfg cfg;

	if (!dc || dc->dl || !dc->pool_member || dc->ended)
		return;
	snprintf(dc->peer_name, sizeof(dc->peer_name), "%s", name ? name : "");
	bind_profile(dc, member);
	if (!dc->dl)
		return; /* no profile takes it: the member's own parameters */
	/* IOS: once bound, the call's network layer is the profile's
	 * (its `ip address`, peer address, compression). */
	cif = config_if_find(dc->nasd->running, dc->dl->conf.ifname);
	if (!cif)
		return;
	nasd_session_cfg_if(dc->nasd, dc->nasd->running, cif, &cfg);
	if (ppp_session_set_network(s, &cfg) != 0)
		log_warn(&dc->nasd->log,
			 "%s: %s bound to %s too late for its IP parameters",
			 dc->ifname, dc->peer_name, dc->dl->conf.ifname);
}

void dialer_ppp_up(struct dialer_call *dc, uint32_t peer, const char *name,
		   const char *member)
{
	const struct ddr_cfg *c;

	dc->ppp_up = true;
	snprintf(dc->peer_name, sizeof(dc->peer_name), "%s", name ? name : "");
	if (!dc->dl && dc->pool_member)
		bind_profile(dc, member);
	if (!dc->dl || !dc->link)
		return;
	c = ddr_cfg(dc->dl->ddr);
	/* Which next hop the core knows this call by (doc/ddr.md
	 * "Binding"): a profile has one destination; a legacy call keeps
	 * the map it dialled, or binds to the first map named after the
	 * peer; a `dialer string` call serves what no map names. */
	dc->via_ddr = true;
	if (c->kind == DDR_PROFILE) {
		dc->next_hop = peer;
	} else if (dc->outgoing && dc->next_hop) {
		/* the map's next hop, kept from op_dial */
	} else if (dc->outgoing) {
		dc->next_hop = peer;
		dc->via_ddr = !map_names(c, peer);
	} else {
		dc->via_ddr = false;
		for (size_t i = 0; i < c->n_maps; i++)
			if (dc->peer_name[0] &&
			    strcmp(c->maps[i].name, dc->peer_name) == 0) {
				dc->next_hop = c->maps[i].next_hop;
				dc->via_ddr = true;
				break;
			}
	}
	kick(dc);
}

void dialer_send_ip(struct dialer_call *dc, const uint8_t *pkt, size_t len,
		    void (*send_direct)(void *ctx, const uint8_t *pkt,
					size_t len),
		    void *ctx)
{
	if (dc->dl && dc->link && dc->rep_up && dc->via_ddr && !dc->ended)
		ddr_output(dc->dl->ddr, dc->next_hop, pkt, len);
	else
		send_direct(ctx, pkt, len);
}

void dialer_ip_input(struct dialer_call *dc, const uint8_t *pkt, size_t len)
{
	if (dc->dl && dc->link && dc->rep_up && !dc->ended)
		ddr_input(dc->dl->ddr, dc->link, pkt, len);
}

enum ppp_cb_decision dialer_callback_decide(struct dialer_call *dc,
					    const char *peer_name,
					    bool requested,
					    const char *client_number,
					    char *number, size_t number_size)
{
	enum ddr_cb_verdict v;

	if (!dc || !dc->dl || !dc->link || dc->ended)
		return PPP_CBDEC_CONTINUE;
	v = ddr_callback_decide(dc->dl->ddr, dc->link, peer_name, requested,
				client_number, number, number_size);
	switch (v) {
	case DDR_CB_CALLBACK:
		log_info(&dc->nasd->log,
			 "%%DIALER-6-CALLBACK: %s: %s will be called back at "
			 "%s",
			 dc->ifname, peer_name[0] ? peer_name : "the peer",
			 number);
		return PPP_CBDEC_CALLBACK;
	case DDR_CB_DISCONNECT:
		log_notice(&dc->nasd->log,
			   "%%DIALER-5-CALLBACK_SECURE: %s: %s is not a "
			   "callback user: disconnected, not called back",
			   dc->ifname, peer_name[0] ? peer_name : "the peer");
		return PPP_CBDEC_DISCONNECT;
	case DDR_CB_CONTINUE:
		break;
	}
	return PPP_CBDEC_CONTINUE;
}

void dialer_callback_agreed(struct dialer_call *dc, const char *server_name)
{
	if (dc && dc->dl && dc->link && !dc->ended)
		ddr_callback_wait(dc->dl->ddr, dc->link, server_name);
}

/* ---- incoming calls ---- */

static bool member_of(const struct dialer *dl, const char *member)
{
	for (size_t i = 0; i < dl->conf.n_members; i++)
		if (strcmp(dl->conf.members[i], member) == 0)
			return true;
	return false;
}

struct dialer *dialer_for_member(struct nasd *nasd, const char *member)
{
	for (struct dialer *dl = nasd->dialers; dl; dl = dl->next)
		if (dl->conf.cfg.kind == DDR_LEGACY && member_of(dl, member))
			return dl;
	return NULL;
}

static bool pool_member(struct nasd *nasd, const char *member)
{
	for (struct dialer *dl = nasd->dialers; dl; dl = dl->next)
		if (dl->conf.cfg.kind == DDR_PROFILE && member_of(dl, member))
			return true;
	return false;
}

/* A call answered on physical interface `member`, channel ifname. */
static struct dialer_call *incoming(struct nasd *nasd, const char *member,
				    const char *ifname, const char *ifshort,
				    struct isdn_call *isdn, struct line *line)
{
	struct dialer *dl = dialer_for_member(nasd, member);
	struct dialer_call *dc;

	if (!dl && !pool_member(nasd, member))
		return NULL;
	dc = dc_new(nasd, NULL, false);
	if (!dc)
		return NULL;
	snprintf(dc->ifname, sizeof(dc->ifname), "%s", ifname);
	snprintf(dc->ifshort, sizeof(dc->ifshort), "%s", ifshort);
	dc->isdn = isdn;
	dc->line = line;
	dc->carrier = true;
	if (!dl) {
		dc->pool_member = true; /* bound after authentication */
		return dc;
	}
	if (!dc_link_incoming(dl, dc)) {
		log_info(&nasd->log,
			 "%s: call on %s beyond the dialer's channels: not "
			 "under DDR",
			 dl->conf.ifname, ifname);
		dc_free(dc);
		return NULL;
	}
	dc->dl = dl;
	return dc;
}

struct dialer_call *dialer_isdn_incoming(struct nasd *nasd, struct isdn_call *c)
{
	return incoming(nasd, c->ifc->name, c->ifname, c->ifshort, c, NULL);
}

struct dialer_call *dialer_line_incoming(struct nasd *nasd, struct line *l)
{
	return incoming(nasd, l->ifname, l->ifname, l->ifshort, NULL, l);
}

const char *dialer_ppp_ifname(const struct dialer_call *dc, const char *member)
{
	struct dialer *dl;

	if (dc && dc->dl)
		return dc->dl->conf.ifname;
	dl = dc ? dialer_for_member(dc->nasd, member) : NULL;
	return dl ? dl->conf.ifname : member;
}

/* ---- dialers ---- */

struct dialer *dialer_find(struct nasd *nasd, const char *ifname)
{
	struct ifname id;
	char canon[IFNAME_MAX];

	if (!ifname_parse(ifname, &id))
		return NULL;
	ifname_canon(&id, canon, sizeof(canon));
	for (struct dialer *dl = nasd->dialers; dl; dl = dl->next)
		if (strcmp(dl->conf.ifname, canon) == 0)
			return dl;
	return NULL;
}

/* The calls of dl leave DDR (dialer removed or out of memory). */
static void orphan_calls(struct dialer *dl)
{
	for (struct dialer_call *dc = dl->nasd->dcalls; dc; dc = dc->next)
		if (dc->dl == dl) {
			dc->dl = NULL;
			dc->link = NULL;
		}
}

static void dialer_free(struct dialer *dl)
{
	orphan_calls(dl);
	ddr_destroy(dl->ddr);
	free(dl);
}

static struct dialer *dialer_new(struct nasd *nasd, const struct ddr_conf *c)
{
	struct dialer *dl = calloc(1, sizeof(*dl));

	if (!dl)
		return NULL;
	dl->nasd = nasd;
	dl->conf = *c;
	dl->ddr =
		ddr_create(&dl->conf.cfg, &glue_ops, dl, nasd->ts, &nasd->log);
	if (!dl->ddr) {
		log_err(&nasd->log, "%s: cannot create the dialer", c->ifname);
		free(dl);
		return NULL;
	}
	return dl;
}

/* New configuration for a live dialer: a new core, and the calls in
 * progress handed to it as incoming calls (ddr_glue.h). */
static void dialer_rebuild(struct dialer *dl, const struct ddr_conf *c)
{
	struct nasd *nasd = dl->nasd;
	struct ddr_conf keep = dl->conf;
	struct ddr *old = dl->ddr;

	dl->conf = *c;
	dl->ddr =
		ddr_create(&dl->conf.cfg, &glue_ops, dl, nasd->ts, &nasd->log);
	if (!dl->ddr) {
		log_err(&nasd->log,
			"%s: cannot apply the new dialer "
			"configuration",
			c->ifname);
		dl->conf = keep;
		dl->ddr = old;
		return;
	}
	for (struct dialer_call *dc = nasd->dcalls; dc; dc = dc->next) {
		if (dc->dl != dl || !dc->link || dc->ended)
			continue;
		if (!dc_link_incoming(dl, dc)) {
			dc->dl = NULL;
			continue;
		}
		dc->rep_connected = true;
		dc->rep_up = false;
		if (dc->ppp_up)
			kick(dc);
	}
	ddr_destroy(old);
}

static uint8_t mask_len(uint32_t mask)
{
	uint8_t n = 0;

	while (n < 32 && (mask & ((uint32_t)1 << (31 - n))))
		n++;
	return n;
}

static void dl_output(void *ctx, uint32_t next_hop, const uint8_t *pkt,
		      size_t len)
{
	struct dialer *dl = ctx;

	ddr_output(dl->ddr, next_hop, pkt, len);
}

static struct dialer *dialer_for_hop(struct nasd *nasd, uint32_t hop)
{
	for (struct dialer *dl = nasd->dialers; dl; dl = dl->next)
		if (dl->conf.mask &&
		    (hop & dl->conf.mask) == (dl->conf.addr & dl->conf.mask))
			return dl;
	return NULL;
}

/* Connected subnets of the dialers with an address, and the static
 * routes into them (nasd.h, dataplane_set_dialer_routes()). */
static void install_routes(struct nasd *nasd, const struct config *cfg)
{
	size_t nd = 0, n = 0, nl = 0;
	struct dp_dialer_route *r;
	uint32_t *locals;

	for (struct dialer *dl = nasd->dialers; dl; dl = dl->next)
		nd++;
	r = calloc(nd + cfg->nroutes + 1, sizeof(*r));
	locals = calloc(nd + 1, sizeof(*locals));
	if (!r || !locals) {
		free(r);
		free(locals);
		log_err(&nasd->log, "dialer routes: out of memory");
		return;
	}
	for (struct dialer *dl = nasd->dialers; dl; dl = dl->next) {
		if (!dl->conf.mask)
			continue;
		locals[nl++] = dl->conf.addr;
		r[n].prefix = dl->conf.addr & dl->conf.mask;
		r[n].len = mask_len(dl->conf.mask);
		r[n].pref_src = dl->conf.addr;
		r[n].output = dl_output;
		r[n].ctx = dl;
		n++;
	}
	for (size_t i = 0; i < cfg->nroutes; i++) {
		const struct config_route *cr = &cfg->routes[i];
		struct dialer *dl = cr->ifname[0]
					    ? dialer_find(nasd, cr->ifname)
					    : dialer_for_hop(nasd, cr->nexthop);

		if (!dl)
			continue;
		r[n].prefix = cr->prefix;
		r[n].len = mask_len(cr->mask);
		r[n].next_hop = cr->ifname[0] ? 0 : cr->nexthop;
		r[n].pref_src = dl->conf.addr;
		r[n].output = dl_output;
		r[n].ctx = dl;
		n++;
	}
	dataplane_set_dialer_routes(nasd, r, n, locals, nl);
	free(r);
	free(locals);
}

static void log_warnings(struct nasd *nasd, const char *text)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		int len = nl ? (int)(nl - text) : (int)strlen(text);

		if (len > 2 && text[0] == '%')
			log_warn(&nasd->log, "%%DIALER-4-CONFIG:%.*s", len - 1,
				 text + 1);
		text = nl ? nl + 1 : NULL;
	}
}

void dialer_apply(struct nasd *nasd, const struct config *cfg)
{
	struct strbuf warn = STRBUF_INIT;
	struct dialer *old = nasd->dialers, *fresh = NULL, **tail = &fresh;
	struct ddr_conf *v;
	size_t n;

	if (ddr_conf_build(cfg, &v, &n, &warn) < 0) {
		log_err(&nasd->log, "dialers: out of memory; unchanged");
		sb_free(&warn);
		return;
	}
	/* Every `configure terminal` line applies: say each problem once. */
	if (!nasd->dialer_warnings ||
	    strcmp(nasd->dialer_warnings, sb_str(&warn)) != 0) {
		log_warnings(nasd, sb_str(&warn));
		free(nasd->dialer_warnings);
		nasd->dialer_warnings = strdup(sb_str(&warn));
	}
	sb_free(&warn);
	for (size_t i = 0; i < n; i++) {
		struct dialer **op = &old, *dl;

		while (*op && strcmp((*op)->conf.ifname, v[i].ifname) != 0)
			op = &(*op)->next;
		if (*op) {
			dl = *op;
			*op = dl->next;
			if (memcmp(&dl->conf, &v[i], sizeof(v[i])) != 0)
				dialer_rebuild(dl, &v[i]);
		} else {
			dl = dialer_new(nasd, &v[i]);
			if (!dl)
				continue;
		}
		dl->next = NULL;
		*tail = dl;
		tail = &dl->next;
	}
	free(v);
	nasd->dialers = fresh;
	install_routes(nasd, cfg);
	while (old) {
		struct dialer *dl = old;

		old = dl->next;
		dialer_free(dl);
	}
}

void dialer_fini(struct nasd *nasd)
{
	free(nasd->dialer_warnings);
	nasd->dialer_warnings = NULL;
	while (nasd->dialers) {
		struct dialer *dl = nasd->dialers;

		nasd->dialers = dl->next;
		dialer_free(dl);
	}
	while (nasd->dcalls) {
		struct dialer_call *dc = nasd->dcalls;

		if (dc->isdn)
			dc->isdn->dc = NULL;
		if (dc->line)
			dc->line->dc = NULL;
		dc_free(dc);
	}
}
