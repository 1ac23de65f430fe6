/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config_vpdn.c - what the L2TP glue asks of the VPDN configuration
 * (config_vpdn.h): the groups that tunnel a dial-in call (by DNIS and
 * domain, in `vpdn search-order`), accept a tunnel from a peer (by
 * terminate-from), or dial out for a dialer pool; our tunnel name and the
 * tunnel secret (RFC 2661 §4.4.3, §5.1.1); and the consistency warnings
 * of a configuration that IOS accepts but that would not work as meant.
 */
#include "conf_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CONFIG_X_NAME(e, s) [e] = s,
const char *const config_vpdn_protocol_names[CONFIG_VPDN_PROTO__COUNT] = {
	CONFIG_VPDN_PROTOCOLS(CONFIG_X_NAME)};
const char *const config_vpdn_role_names[CONFIG_VPDN_ROLE__COUNT] = {
	CONFIG_VPDN_ROLES(CONFIG_X_NAME)};
const char *const config_vpdn_search_names[CONFIG_VPDN_SEARCH__COUNT] = {
	CONFIG_VPDN_SEARCHES(CONFIG_X_NAME)};
const char *const config_lcp_reneg_names[CONFIG_LCP_RENEG__COUNT] = {
	CONFIG_LCP_RENEGS(CONFIG_X_NAME)};
#undef CONFIG_X_NAME

/* ---- lookups ------------------------------------------------------------- */

const struct config_vpdn_group *config_vpdn_group_find(const struct config *cfg,
						       const char *name)
{
	for (size_t i = 0; name && i < cfg->vpdn.ngroups; i++)
		if (strcmp(cfg->vpdn.groups[i].name, name) == 0)
			return &cfg->vpdn.groups[i];
	return NULL;
}

bool config_vpdn_role_usable(const struct config_vpdn_group *g,
			     enum config_vpdn_role role)
{
	const struct config_vpdn_sub *s;

	if ((unsigned)role >= CONFIG_VPDN_ROLE__COUNT)
		return false;
	s = &g->sub[role];
	return s->on && (s->protocol == CONFIG_VPDN_PROTO_L2TP ||
			 s->protocol == CONFIG_VPDN_PROTO_ANY);
}

const char *config_vpdn_domain_of(const char *username)
{
	const char *at = username ? strrchr(username, '@') : NULL;

	return at && at[1] ? at + 1 : NULL;
}

const struct config_vpdn_group *
config_vpdn_find_domain(const struct config *cfg, const char *domain)
{
	if (!cfg->vpdn.enable || !domain)
		return NULL;
	for (size_t i = 0; i < cfg->vpdn.ngroups; i++) {
		const struct config_vpdn_group *g = &cfg->vpdn.groups[i];

		if (!config_vpdn_role_usable(g, CONFIG_VPDN_REQ_DIALIN))
			continue;
		for (size_t k = 0; k < g->ndomains; k++)
			if (strcasecmp(g->domains[k].name, domain) == 0)
				return g;
	}
	return NULL;
}

const struct config_vpdn_group *config_vpdn_find_dnis(const struct config *cfg,
						      const char *number)
{
	if (!cfg->vpdn.enable || !number)
		return NULL;
	for (size_t i = 0; i < cfg->vpdn.ngroups; i++) {
		const struct config_vpdn_group *g = &cfg->vpdn.groups[i];

		if (!config_vpdn_role_usable(g, CONFIG_VPDN_REQ_DIALIN))
			continue;
		for (size_t k = 0; k < g->ndnis; k++)
			if (strcmp(g->dnis[k].number, number) == 0)
				return g;
	}
	return NULL;
}

const struct config_vpdn_group *
config_vpdn_find_dialin(const struct config *cfg, const char *dnis,
			const char *domain)
{
	const struct config_vpdn_group *g = NULL;

	for (size_t i = 0; !g && i < cfg->vpdn.nsearch; i++) {
		switch (cfg->vpdn.search[i]) {
		case CONFIG_VPDN_SEARCH_DNIS:
			g = config_vpdn_find_dnis(cfg, dnis);
			break;
		case CONFIG_VPDN_SEARCH_DOMAIN:
			g = config_vpdn_find_domain(cfg, domain);
			break;
		default: /* multihop-hostname: nasd has no multihop */
			break;
		}
	}
	return g;
}

const struct config_vpdn_group *
config_vpdn_find_terminate(const struct config *cfg, const char *hostname,
			   enum config_vpdn_role role)
{
	const struct config_vpdn_group *any = NULL;

	if (!cfg->vpdn.enable ||
	    (role != CONFIG_VPDN_ACC_DIALIN && role != CONFIG_VPDN_ACC_DIALOUT))
		return NULL;
	for (size_t i = 0; i < cfg->vpdn.ngroups; i++) {
		const struct config_vpdn_group *g = &cfg->vpdn.groups[i];

		if (!config_vpdn_role_usable(g, role))
			continue;
		if (!g->terminate_from[0]) {
			if (!any)
				any = g;
		} else if (hostname &&
			   strcasecmp(g->terminate_from, hostname) == 0) {
			return g;
		}
	}
	return any;
}

const struct config_vpdn_group *
config_vpdn_find_dialout(const struct config *cfg, unsigned pool)
{
	if (!cfg->vpdn.enable || !pool)
		return NULL;
	for (size_t i = 0; i < cfg->vpdn.ngroups; i++) {
		const struct config_vpdn_group *g = &cfg->vpdn.groups[i];

		if (config_vpdn_role_usable(g, CONFIG_VPDN_REQ_DIALOUT) &&
		    g->pool_member == pool)
			return g;
	}
	return NULL;
}

const char *config_vpdn_local_name(const struct config *cfg,
				   const struct config_vpdn_group *g)
{
	return g && g->local_name[0] ? g->local_name : cfg->hostname;
}

const char *config_vpdn_tunnel_secret(const struct config *cfg,
				      const struct config_vpdn_group *g,
				      const char *peer_hostname)
{
	const struct config_user *u;

	if (g && g->tunnel_password[0])
		return g->tunnel_password;
	u = peer_hostname ? config_user_find(cfg, peer_hostname) : NULL;
	if (u && !u->secret && !u->nopassword && u->password[0])
		return u->password;
	return NULL;
}

/* ---- consistency check --------------------------------------------------- */

static void warnf(struct strbuf *warn, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warnf(struct strbuf *warn, const char *fmt, ...)
{
	va_list ap;
	char line[256];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	sb_printf(warn, "%% %s\n", line);
}

static const struct config_if *if_find(const struct config *cfg,
				       enum if_type type, unsigned unit)
{
	struct ifname id = {.type = type, .unit = unit};
	char name[IFNAME_MAX];

	return config_if_find(cfg, ifname_canon(&id, name, sizeof(name)));
}

/* Is there a Dialer profile in dialer pool `pool`?  With `vpdn`, one
 * that also has `dialer vpdn`. */
static bool pool_has_dialer(const struct config *cfg, unsigned pool, bool vpdn)
{
	for (size_t i = 0; i < cfg->nifs; i++) {
		const struct config_dialer *d = &cfg->ifs[i].dialer;

		if (cfg->ifs[i].id.type == IF_DIALER &&
		    (d->set & CONFIG_DLF_BIT(CONFIG_DLF_POOL)) &&
		    d->pool == pool &&
		    (!vpdn || (d->set & CONFIG_DLF_BIT(CONFIG_DLF_VPDN))))
			return true;
	}
	return false;
}

static void check_roles(const struct config *cfg,
			const struct config_vpdn_group *g, struct strbuf *warn)
{
	bool any = false;

	for (int r = 0; r < CONFIG_VPDN_ROLE__COUNT; r++) {
		const struct config_vpdn_sub *s = &g->sub[r];
		const char *role = config_vpdn_role_names[r];

		if (!s->on)
			continue;
		any = true;
		if (s->protocol == CONFIG_VPDN_PROTO_NONE)
			warnf(warn,
			      "vpdn-group %s: %s has no protocol; it is "
			      "not used",
			      g->name, role);
		else if (s->protocol == CONFIG_VPDN_PROTO_L2F)
			warnf(warn,
			      "vpdn-group %s: %s protocol l2f: nasd "
			      "speaks L2TP only; it is not used",
			      g->name, role);
	}
	if (!any)
		warnf(warn,
		      "vpdn-group %s: no request-dialin, accept-dialin, "
		      "request-dialout or accept-dialout; the group is "
		      "not used",
		      g->name);
	if (g->sub[CONFIG_VPDN_REQ_DIALIN].on && !g->ndomains && !g->ndnis)
		warnf(warn,
		      "vpdn-group %s: request-dialin has no domain or "
		      "dnis; no call is tunnelled",
		      g->name);
	if ((g->sub[CONFIG_VPDN_REQ_DIALIN].on ||
	     g->sub[CONFIG_VPDN_REQ_DIALOUT].on) &&
	    !g->ninitiate_to)
		warnf(warn,
		      "vpdn-group %s: no initiate-to; no tunnel can be "
		      "opened",
		      g->name);
	if (g->sub[CONFIG_VPDN_ACC_DIALIN].on) {
		if (!g->vtemplate)
			warnf(warn,
			      "vpdn-group %s: accept-dialin has no "
			      "virtual-template; no session can be "
			      "accepted",
			      g->name);
		else if (!if_find(cfg, IF_VTEMPLATE, g->vtemplate))
			warnf(warn,
			      "vpdn-group %s: interface "
			      "Virtual-Template%u does not exist",
			      g->name, g->vtemplate);
	}
	if (g->sub[CONFIG_VPDN_REQ_DIALOUT].on) {
		if (!g->pool_member)
			warnf(warn,
			      "vpdn-group %s: request-dialout has no "
			      "pool-member",
			      g->name);
		else if (!pool_has_dialer(cfg, g->pool_member, false))
			warnf(warn,
			      "vpdn-group %s: no Dialer interface has "
			      "dialer pool %u",
			      g->name, g->pool_member);
	}
	if (g->sub[CONFIG_VPDN_ACC_DIALOUT].on) {
		if (!g->dialer)
			warnf(warn,
			      "vpdn-group %s: accept-dialout has no "
			      "dialer",
			      g->name);
		else if (!if_find(cfg, IF_DIALER, g->dialer))
			warnf(warn,
			      "vpdn-group %s: interface Dialer%u does "
			      "not exist",
			      g->name, g->dialer);
	}
}

/* Domains, DNIS numbers and accepting hosts claimed by an earlier group:
 * the lookups use the first, so the later entry is dead. */
static void check_overlaps(const struct config *cfg, size_t at,
			   struct strbuf *warn)
{
	const struct config_vpdn_group *g = &cfg->vpdn.groups[at];

	for (size_t i = 0; i < at; i++) {
		const struct config_vpdn_group *e = &cfg->vpdn.groups[i];
		bool dialin =
			config_vpdn_role_usable(g, CONFIG_VPDN_REQ_DIALIN) &&
			config_vpdn_role_usable(e, CONFIG_VPDN_REQ_DIALIN);

		for (size_t k = 0; dialin && k < g->ndomains; k++)
			for (size_t j = 0; j < e->ndomains; j++)
				if (strcasecmp(g->domains[k].name,
					       e->domains[j].name) == 0)
					warnf(warn,
					      "vpdn-group %s: domain %s "
					      "is also in vpdn-group "
					      "%s, which is used",
					      g->name, g->domains[k].name,
					      e->name);
		for (size_t k = 0; dialin && k < g->ndnis; k++)
			for (size_t j = 0; j < e->ndnis; j++)
				if (strcmp(g->dnis[k].number,
					   e->dnis[j].number) == 0)
					warnf(warn,
					      "vpdn-group %s: dnis %s "
					      "is also in vpdn-group "
					      "%s, which is used",
					      g->name, g->dnis[k].number,
					      e->name);
		for (int r = CONFIG_VPDN_ACC_DIALIN;
		     r <= CONFIG_VPDN_ACC_DIALOUT; r += 2) {
			if (!config_vpdn_role_usable(g, r) ||
			    !config_vpdn_role_usable(e, r) ||
			    strcasecmp(g->terminate_from, e->terminate_from) !=
				    0)
				continue;
			if (g->terminate_from[0])
				warnf(warn,
				      "vpdn-group %s: %s from %s is "
				      "also in vpdn-group %s, which "
				      "is used",
				      g->name, config_vpdn_role_names[r],
				      g->terminate_from, e->name);
			else
				warnf(warn,
				      "vpdn-group %s: %s from any host "
				      "is also in vpdn-group %s, "
				      "which is used",
				      g->name, config_vpdn_role_names[r],
				      e->name);
		}
	}
}

/* config_vpdn_find_dialout() without `vpdn enable`, which is warned
 * about on its own. */
static bool dialout_group(const struct config *cfg, unsigned pool)
{
	for (size_t i = 0; i < cfg->vpdn.ngroups; i++)
		if (config_vpdn_role_usable(&cfg->vpdn.groups[i],
					    CONFIG_VPDN_REQ_DIALOUT) &&
		    cfg->vpdn.groups[i].pool_member == pool)
			return true;
	return false;
}

void config_vpdn_check(const struct config *cfg, struct strbuf *warn)
{
	const struct config_vpdn *v = &cfg->vpdn;

	if (v->ngroups && !v->enable)
		warnf(warn, "VPDN groups are configured but VPDN is not "
			    "enabled (vpdn enable)");
	for (size_t i = 0; i < v->ngroups; i++) {
		const struct config_vpdn_group *g = &v->groups[i];

		check_roles(cfg, g, warn);
		check_overlaps(cfg, i, warn);
		if (g->hidden && !g->tunnel_password[0])
			warnf(warn,
			      "vpdn-group %s: l2tp hidden without l2tp "
			      "tunnel password; AVPs are hidden only "
			      "for peers with a username password",
			      g->name);
		/* RFC 2661 §5.8: a cap on the retransmission timeout, if
		 * any, is at least 8 seconds; the core applies that. */
		if (g->retransmit_max_s < 8)
			warnf(warn,
			      "vpdn-group %s: l2tp tunnel retransmit timeout "
			      "max %u is raised to 8 seconds (RFC 2661 5.8)",
			      g->name, g->retransmit_max_s);
	}
	for (size_t i = 0; i < cfg->nifs; i++) {
		const struct config_if *cif = &cfg->ifs[i];
		const struct config_dialer *d = &cif->dialer;

		if (cif->id.type != IF_DIALER ||
		    !(d->set & CONFIG_DLF_BIT(CONFIG_DLF_VPDN)))
			continue;
		if (!(d->set & CONFIG_DLF_BIT(CONFIG_DLF_POOL)))
			warnf(warn, "%s: dialer vpdn needs a dialer pool",
			      cif->name);
		else if (!dialout_group(cfg, d->pool))
			warnf(warn,
			      "%s: dialer vpdn, but no usable vpdn-group "
			      "requests dial-out for dialer pool %u",
			      cif->name, d->pool);
	}
}
