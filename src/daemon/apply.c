/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * apply.c - bring the live objects in line with a configuration snapshot
 * (startup, SIGHUP reload, every `configure terminal` line).
 *
 * The snapshot is immutable; live objects copy what they need:
 *   - the AAA database (users, `aaa authentication ppp` lists) is rebuilt;
 *   - pools whose ranges did not change are kept as they are; changed ones
 *     are rebuilt, keeping the addresses in use that are still in range;
 *   - a line whose device, speed or flow control changed is reopened;
 *     calls already running keep the parameters they started with, new
 *     calls use the new line and interface settings (as IOS does for most
 *     line and interface commands);
 *   - `shutdown` / `no shutdown` take effect at once;
 *   - DDR dialers are kept, or rebuilt with their calls when their
 *     configuration changed (ddr_glue.h), and the dialer routes set.
 * This file also turns an interface configuration into PPP session
 * parameters (nasd_session_cfg).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddr_glue.h"
#include "isdn.h"
#include "nasd.h"
#include "vpdn.h"
#include "pool.h"

/* ---- AAA -------------------------------------------------------------------- */

static enum aaa_method method_of(const struct config_aaa_method *m,
				 char *group, size_t gsize)
{
	switch (m->kind) {
	case CONFIG_METHOD_LOCAL:
		return AAA_METHOD_LOCAL;
	case CONFIG_METHOD_LOCAL_CASE:
		return AAA_METHOD_LOCAL_CASE;
	case CONFIG_METHOD_NONE:
		return AAA_METHOD_NONE;
	case CONFIG_METHOD_RADIUS:
		snprintf(group, gsize, "radius");
		return AAA_METHOD_GROUP;
	case CONFIG_METHOD_TACACS:
		snprintf(group, gsize, "tacacs+");
		return AAA_METHOD_GROUP;
	case CONFIG_METHOD_GROUP:
		snprintf(group, gsize, "%s", m->group);
		return AAA_METHOD_GROUP;
	case CONFIG_METHOD_LINE:
		return AAA_METHOD_LINE;   /* logins only; ERROR for PPP */
	case CONFIG_METHOD_ENABLE:
		return AAA_METHOD_ENABLE; /* logins only; ERROR for PPP */
	default:
		/* if-needed: cannot answer, so the next method decides (IOS
		 * ERROR). */
		snprintf(group, gsize, "%s", config_method_names[m->kind]);
		return AAA_METHOD_GROUP;
	}
}

static struct aaa_db *build_aaa_db(const struct config *cfg)
{
	struct aaa_db *db = calloc(1, sizeof(*db));

	if (!db)
		return NULL;
	db->new_model = cfg->aaa_new_model;
	db->users = calloc(cfg->nusers ? cfg->nusers : 1, sizeof(*db->users));
	db->ppp_lists = calloc(cfg->naaa ? cfg->naaa : 1,
			       sizeof(*db->ppp_lists));
	db->login_lists = calloc(cfg->naaa ? cfg->naaa : 1,
				 sizeof(*db->login_lists));
	db->network_lists = calloc(cfg->naaa ? cfg->naaa : 1,
				   sizeof(*db->network_lists));
	if (!db->users || !db->ppp_lists || !db->login_lists ||
	    !db->network_lists) {
		aaa_db_free(db);
		return NULL;
	}
	for (size_t i = 0; i < cfg->nusers; i++) {
		const struct config_user *cu = &cfg->users[i];
		struct aaa_user *u = &db->users[db->n_users++];

		snprintf(u->name, sizeof(u->name), "%s", cu->name);
		if (cu->secret) {
			snprintf(u->secret_hash, sizeof(u->secret_hash), "%s",
				 cu->password);
		} else if (!cu->nopassword) {
			snprintf(u->password, sizeof(u->password), "%s",
				 cu->password);
			u->has_password = true;
		}
		u->has_callback_dialstring = cu->has_dialstring;
		snprintf(u->callback_dialstring,
			 sizeof(u->callback_dialstring), "%s", cu->dialstring);
		u->callback_rotary = cu->callback_rotary;
		u->callback_line_first =
			cu->has_callback_line ? cu->callback_line_first : -1;
		u->callback_line_last =
			cu->has_callback_line
				? (cu->callback_line_last >= 0
					   ? cu->callback_line_last
					   : cu->callback_line_first)
				: -1;
		u->nocallback_verify = cu->nocallback_verify;
	}
	for (size_t i = 0; i < cfg->naaa; i++) {
		const struct config_aaa_list *cl = &cfg->aaa[i];
		struct aaa_method_list *l;

		if (!cl->authorization && cl->service == CONFIG_AAA_PPP)
			l = &db->ppp_lists[db->n_ppp_lists++];
		else if (!cl->authorization && cl->service == CONFIG_AAA_LOGIN)
			l = &db->login_lists[db->n_login_lists++];
		else if (cl->authorization && cl->service == CONFIG_AAA_NETWORK)
			l = &db->network_lists[db->n_network_lists++];
		else
			continue;
		snprintf(l->name, sizeof(l->name), "%s",
			 cl->has_name ? cl->name : "default");
		for (size_t k = 0; k < cl->nmethods && k < AAA_METHODS_MAX;
		     k++)
			l->methods[l->n++] = method_of(&cl->methods[k],
						       l->groups[k],
						       sizeof(l->groups[k]));
	}
	return db;
}

/* ---- pools ------------------------------------------------------------------ */

struct pool *nasd_pool_find(struct nasd *nasd, const char *name)
{
	for (size_t i = 0; i < nasd->npools; i++)
		if (strcmp(nasd->pools[i]->name, name) == 0)
			return nasd->pools[i];
	return NULL;
}

static bool pool_same(const struct pool *p, const struct config_pool *cp)
{
	if (p->n_ranges != cp->nranges)
		return false;
	for (size_t i = 0; i < cp->nranges; i++)
		if (p->ranges[i].first != cp->ranges[i].first ||
		    p->ranges[i].last != cp->ranges[i].last)
			return false;
	return true;
}

static bool pool_is_live(const struct nasd *nasd, const struct pool *p)
{
	for (size_t i = 0; i < nasd->npools; i++)
		if (nasd->pools[i] == p)
			return true;
	return false;
}

static struct pool *pool_build(const struct config_pool *cp,
			       const struct pool *old, struct strbuf *err)
{
	struct pool *p = pool_new(cp->name);

	for (size_t r = 0; p && r < cp->nranges; r++) {
		int rc = pool_add_range(p, cp->ranges[r].first,
					cp->ranges[r].last);
		if (rc < 0) {
			sb_printf(err, "%% ip local pool %s: range %zu: %s\n",
				  cp->name, r + 1, strerror(-rc));
			pool_free(p);
			return NULL;
		}
	}
	/* Keep the addresses live sessions hold that are still in range. */
	for (size_t k = 0; p && old && k < old->size; k++)
		if (old->used[k])
			pool_take(p, pool_addr_at(old, k));
	return p;
}

static int apply_pools(struct nasd *nasd, const struct config *cfg,
		       struct strbuf *err)
{
	struct pool **np = calloc(cfg->npools ? cfg->npools : 1, sizeof(*np));
	size_t n = 0;

	if (!np)
		return -1;
	for (size_t i = 0; i < cfg->npools; i++) {
		const struct config_pool *cp = &cfg->pools[i];
		struct pool *old = nasd_pool_find(nasd, cp->name);

		np[n] = old && pool_same(old, cp) ? old
						  : pool_build(cp, old, err);
		if (!np[n]) {
			for (size_t k = 0; k < n; k++)
				if (!pool_is_live(nasd, np[k]))
					pool_free(np[k]);
			free(np);
			return -1;
		}
		n++;
	}
	for (size_t i = 0; i < nasd->npools; i++) {
		bool kept = false;
		for (size_t k = 0; k < n; k++)
			kept |= np[k] == nasd->pools[i];
		if (!kept)
			pool_free(nasd->pools[i]);
	}
	free(nasd->pools);
	nasd->pools = np;
	nasd->npools = n;
	return 0;
}

/* ---- lines -------------------------------------------------------------------- */

static bool if_shutdown(const struct config *cfg, unsigned n)
{
	struct config_if eff;

	return config_async_effective(cfg, n, &eff) && eff.shutdown;
}

/*
 * Every `line N` (tty) of the configuration is a live line; a line without
 * a `device` is an internal modem with nothing attached yet (DOWN).  Lines
 * that disappeared are closed; the others take the new settings.
 */
static void apply_lines(struct nasd *nasd, const struct config *cfg)
{
	struct line **pp = &nasd->lines;

	while (*pp) {
		struct line *l = *pp;
		if (config_line_find(cfg, CONFIG_LINE_TTY, l->num)) {
			pp = &l->next;
			continue;
		}
		*pp = l->next;
		line_free(l);
	}
	for (size_t i = 0; i < cfg->nlines; i++) {
		const struct config_line *cl = &cfg->lines[i];
		struct line *l, **tail;

		if (cl->kind != CONFIG_LINE_TTY)
			continue;
		l = line_find(nasd, cl->num);
		if (l) {
			line_update(l, &cl->s);
		} else {
			l = line_new(nasd, cl->num, &cl->s);
			if (!l)
				continue;
			/* keep the list in line order for show line */
			for (tail = &nasd->lines; *tail && (*tail)->num < l->num;
			     tail = &(*tail)->next)
				;
			l->next = *tail;
			*tail = l;
		}
		line_set_admin(l, if_shutdown(cfg, cl->num));
	}
}

int nasd_apply(struct nasd *nasd, struct config *cfg, struct strbuf *err)
{
	struct config *old = nasd->running;
	struct aaa_db *db = build_aaa_db(cfg);

	if (!db) {
		sb_puts(err, "% Out of memory\n");
		return -1;
	}
	if (apply_pools(nasd, cfg, err) < 0) {
		aaa_db_free(db);
		return -1;
	}
	nasd->running = config_ref(cfg);
	aaa_set_db(nasd->aaa, db);
	nasd_log_apply(nasd);
	apply_lines(nasd, cfg);
	isdn_apply(nasd, cfg);
	dialer_apply(nasd, cfg);
	vpdn_apply(nasd, cfg);
	config_unref(old);
	return 0;
}

/* ---- session parameters ------------------------------------------------------------ */

static uint32_t if_address(const struct config *cfg, const char *name)
{
	const struct config_if *cif = config_if_find(cfg, name);

	return cif && cif->ip_mode == CONFIG_IP_STATIC ? cif->ip_addr : 0;
}

static void copy2(uint32_t dst[2], const uint32_t *src, size_t n)
{
	dst[0] = n > 0 ? src[0] : 0;
	dst[1] = n > 1 ? src[1] : 0;
}

void nasd_session_cfg(const struct nasd *nasd, const struct config *cfg,
		      unsigned n, struct ppp_session_cfg *out)
{
	struct config_if eff;

	config_async_effective(cfg, n, &eff);
	nasd_session_cfg_if(nasd, cfg, &eff, out);
	if (!out->ifname[0]) {
		snprintf(out->ifname, sizeof(out->ifname), "Async%u", n);
		snprintf(out->ifshort, sizeof(out->ifshort), "As%u", n);
	}
}

void nasd_session_cfg_if(const struct nasd *nasd, const struct config *cfg,
			 const struct config_if *cif,
			 struct ppp_session_cfg *out)
{
	struct config_if eff = *cif;
	size_t na = 0;

	memset(out, 0, sizeof(*out));
	snprintf(out->ifname, sizeof(out->ifname), "%s", eff.name);
	if (eff.name[0])
		ifname_short(&eff.id, out->ifshort, sizeof(out->ifshort));
	out->dir = PPP_DIR_DEDICATED;
	/* IOS opens LCP actively on async lines, autoselected or dedicated
	 * (seed 001: "Phase is ESTABLISHING, Active Open"); ISDN call-ins
	 * are the passive ones. */
	out->passive = false;
	lcp_cfg_default(&out->lcp, true);
	for (size_t i = 0; i < eff.nauth && na < 3; i++) {
		if (eff.auth[i] == CONFIG_AUTH_CHAP)
			out->lcp.auth_require[na++] = LCP_AUTH_CHAP_MD5;
		else if (eff.auth[i] == CONFIG_AUTH_PAP)
			out->lcp.auth_require[na++] = LCP_AUTH_PAP;
		else
			log_dbg(&nasd->log, DBG_PPP_ERROR,
				"%s: ppp authentication %s not supported yet, "
				"skipped",
				out->ifname, config_auth_names[eff.auth[i]]);
	}
	/* `ppp authentication ... callin`: only calls the peer placed are
	 * challenged (the session knows the call's direction). */
	out->auth_callin = eff.auth_callin;
	if (eff.mtu && eff.mtu != PPP_MRU_DEFAULT)
		out->lcp.mru = (uint16_t)eff.mtu;
	out->lcp.echo_interval_ms = eff.keepalive_s * 1000u;
	cp_fsm_cfg_default(&out->fsm);
	if (eff.timeout_retry_s)
		out->fsm.restart_ms = eff.timeout_retry_s * 1000u;
	if (eff.max_configure)
		out->fsm.max_configure = (uint8_t)eff.max_configure;
	if (eff.max_failure)
		out->fsm.max_failure = (uint8_t)eff.max_failure;
	if (eff.max_terminate)
		out->fsm.max_terminate = (uint8_t)eff.max_terminate;

	switch (eff.ip_mode) {
	case CONFIG_IP_STATIC:
		out->ip = true;
		out->ipcp.local_addr = eff.ip_addr;
		break;
	case CONFIG_IP_UNNUMBERED:
		out->ip = true;
		out->ipcp.local_addr = if_address(cfg, eff.unnumbered);
		break;
	case CONFIG_IP_NEGOTIATED:
		out->ip = true;
		out->ipcp.local_negotiated = true;
		out->ipcp.want_dns = true;
		break;
	case CONFIG_IP_UNSET:
	case CONFIG_IP_NONE:
		out->ip = false;
		break;
	}
	if (eff.peer == CONFIG_PEER_ADDR)
		out->peer_addr = eff.peer_addr;
	else if (eff.peer == CONFIG_PEER_POOL)
		snprintf(out->peer_pool, sizeof(out->peer_pool), "%s",
			 eff.peer_pool);
	/* RFC 1877 servers: the interface's `ppp ipcp dns|wins` first, then
	 * the global `async-bootp` servers, then `ip name-server`. */
	if (eff.nipcp_dns)
		copy2(out->ipcp.dns, eff.ipcp_dns, eff.nipcp_dns);
	else if (cfg->nbootp_dns)
		copy2(out->ipcp.dns, cfg->bootp_dns, cfg->nbootp_dns);
	else
		copy2(out->ipcp.dns, cfg->name_servers, cfg->nname_servers);
	if (eff.nipcp_wins)
		copy2(out->ipcp.nbns, eff.ipcp_wins, eff.nipcp_wins);
	else
		copy2(out->ipcp.nbns, cfg->bootp_nbns, cfg->nbootp_nbns);
	/* `ip tcp header-compression [passive]`: VJ in IPCP with
	 * `ip tcp compression-connections` slots (Max-Slot-Id = slots - 1);
	 * IOS never lets the peer leave slot ids out (seed 001). */
	out->ipcp.vj = eff.tcp_hc != CONFIG_TCP_HC_OFF;
	out->ipcp.vj_max_slot_id =
		(uint8_t)((eff.tcp_hc_conns >= CONFIG_TCP_HC_CONNS_MIN &&
			   eff.tcp_hc_conns <= CONFIG_TCP_HC_CONNS_MAX
				   ? eff.tcp_hc_conns
				   : CONFIG_TCP_HC_CONNS_DEFAULT) -
			  1);
	out->ipcp.vj_comp_slot_id = false;
	out->vj_passive = eff.tcp_hc == CONFIG_TCP_HC_PASSIVE;

	snprintf(out->auth_list, sizeof(out->auth_list), "%s",
		 eff.auth_list);
	snprintf(out->chap_name, sizeof(out->chap_name), "%s",
		 eff.chap_hostname[0] ? eff.chap_hostname : cfg->hostname);
	snprintf(out->chap_secret, sizeof(out->chap_secret), "%s",
		 eff.chap_password);
	snprintf(out->pap_user, sizeof(out->pap_user), "%s",
		 eff.pap_username);
	snprintf(out->pap_password, sizeof(out->pap_password), "%s",
		 eff.pap_password);
	out->max_bad_auth = (uint8_t)(eff.max_bad_auth > 255
					      ? 255
					      : eff.max_bad_auth);
	out->auth_timeout_ms = 30000;
	out->auth_phase_ms = 60000;
	/* Callback (seed 001-003): the server side needs PAP or CHAP, as
	 * IOS requires ("CHAP, PAP, or both must be enabled for callback"). */
	out->callback_accept = eff.callback == CONFIG_CALLBACK_ACCEPT && na;
	out->callback_initiate = eff.callback == CONFIG_CALLBACK_INITIATE &&
				 na;
	if (eff.callback == CONFIG_CALLBACK_REQUEST) {
		out->cb_request = PPP_CBREQ_RFC1570;
		snprintf(out->cb_number, sizeof(out->cb_number), "%s",
			 eff.callback_number);
	}
	if ((eff.callback == CONFIG_CALLBACK_ACCEPT ||
	     eff.callback == CONFIG_CALLBACK_INITIATE) &&
	    !na)
		log_dbg(&nasd->log, DBG_CALLBACK,
			"%s: ppp callback %s needs ppp authentication chap "
			"or pap: callback disabled",
			out->ifname, config_callback_names[eff.callback]);
	out->cbcp_ack_id =
		eff.cbcp_ack_strict ? CBCP_ACKID_ECHO : CBCP_ACKID_NEXT;
	out->cbcp_max_requests = eff.cbcp_retries;
}
