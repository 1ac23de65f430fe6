/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_vpdn_write.c - the running-config text of the VPDN configuration
 * (config_vpdn.h): `vpdn enable`, `no vpdn logging`, `vpdn search-order`,
 * then each `vpdn-group` in the order entered, in IOS 12.1's order as
 * seed 004 prints it: the dial-in subgroup, the dial-out subgroup, then
 * terminate-from, initiate-to, local name, the L2TP lines and source-ip.
 * Defaults are not written; reading the text back gives the same
 * configuration.
 */
#include "conf_int.h"

#include <string.h>

static bool default_search(const struct config_vpdn *v)
{
	return v->nsearch == 2 && v->search[0] == CONFIG_VPDN_SEARCH_DNIS &&
	       v->search[1] == CONFIG_VPDN_SEARCH_DOMAIN;
}

static void word_line(struct strbuf *sb, const char *prefix, const char *w)
{
	sb_puts(sb, prefix);
	cmd_quote(sb, w);
	sb_puts(sb, "\n");
}

static void subgroup(struct strbuf *sb, const struct config_vpdn_group *g,
		     enum config_vpdn_role r)
{
	const struct config_vpdn_sub *s = &g->sub[r];

	if (!s->on)
		return;
	sb_printf(sb, " %s\n", config_vpdn_role_names[r]);
	if (s->protocol != CONFIG_VPDN_PROTO_NONE)
		sb_printf(sb, "  protocol %s\n",
			  config_vpdn_protocol_names[s->protocol]);
	switch (r) {
	case CONFIG_VPDN_REQ_DIALIN:
		for (size_t i = 0; i < g->ndomains; i++)
			word_line(sb, "  domain ", g->domains[i].name);
		for (size_t i = 0; i < g->ndnis; i++)
			sb_printf(sb, "  dnis %s\n", g->dnis[i].number);
		break;
	case CONFIG_VPDN_ACC_DIALIN:
		if (g->vtemplate)
			sb_printf(sb, "  virtual-template %u\n", g->vtemplate);
		break;
	case CONFIG_VPDN_REQ_DIALOUT:
		if (g->pool_member)
			sb_printf(sb, "  pool-member %u\n", g->pool_member);
		break;
	default:
		if (g->dialer)
			sb_printf(sb, "  dialer %u\n", g->dialer);
		break;
	}
}

static void l2tp_lines(struct strbuf *sb, const struct config *cfg,
		       const struct config_vpdn_group *g)
{
	if (g->lcp_reneg != CONFIG_LCP_RENEG_NONE)
		sb_printf(sb, " lcp renegotiation %s\n",
			  config_lcp_reneg_names[g->lcp_reneg]);
	if (g->hidden)
		sb_puts(sb, " l2tp hidden\n");
	if (g->tunnel_password[0]) {
		conf_write_password(cfg, sb, " l2tp tunnel password",
				    g->tunnel_password);
		sb_puts(sb, "\n");
	}
	if (!g->tunnel_auth)
		sb_puts(sb, " no l2tp tunnel authentication\n");
	if (g->hello_s != CONFIG_L2TP_HELLO_DEFAULT_S)
		sb_printf(sb, " l2tp tunnel hello %u\n", g->hello_s);
	if (g->receive_window != CONFIG_L2TP_RWIN_DEFAULT)
		sb_printf(sb, " l2tp tunnel receive-window %u\n",
			  g->receive_window);
	if (g->retransmit_retries != CONFIG_L2TP_RETRIES_DEFAULT)
		sb_printf(sb, " l2tp tunnel retransmit retries %u\n",
			  g->retransmit_retries);
	/* min before max: any pair with min <= max reads back in this
	 * order, since the default max (8) is the top of the range. */
	if (g->retransmit_min_s != CONFIG_L2TP_TMIN_DEFAULT_S)
		sb_printf(sb, " l2tp tunnel retransmit timeout min %u\n",
			  g->retransmit_min_s);
	if (g->retransmit_max_s != CONFIG_L2TP_TMAX_DEFAULT_S)
		sb_printf(sb, " l2tp tunnel retransmit timeout max %u\n",
			  g->retransmit_max_s);
	if (g->busy_timeout_s != CONFIG_L2TP_BUSY_DEFAULT_S)
		sb_printf(sb, " l2tp tunnel busy timeout %u\n",
			  g->busy_timeout_s);
}

static void group(struct strbuf *sb, const struct config *cfg,
		  const struct config_vpdn_group *g)
{
	word_line(sb, "vpdn-group ", g->name);
	for (int r = 0; r < CONFIG_VPDN_ROLE__COUNT; r++)
		subgroup(sb, g, (enum config_vpdn_role)r);
	if (g->terminate_from[0])
		word_line(sb, " terminate-from hostname ", g->terminate_from);
	for (size_t i = 0; i < g->ninitiate_to; i++) {
		sb_puts(sb, " initiate-to ip ");
		conf_write_ip4(sb, g->initiate_to[i].addr);
		if (g->initiate_to[i].priority !=
		    CONFIG_INITIATE_PRIORITY_DEFAULT)
			sb_printf(sb, " priority %u",
				  g->initiate_to[i].priority);
		sb_puts(sb, "\n");
	}
	if (g->local_name[0])
		word_line(sb, " local name ", g->local_name);
	l2tp_lines(sb, cfg, g);
	if (g->source_ip) {
		sb_puts(sb, " source-ip ");
		conf_write_ip4(sb, g->source_ip);
		sb_puts(sb, "\n");
	}
	sb_puts(sb, "!\n");
}

void conf_vpdn_write(struct strbuf *sb, const struct config *cfg)
{
	const struct config_vpdn *v = &cfg->vpdn;
	bool globals = v->enable || !v->logging || !default_search(v);

	/* IOS sets the VPDN lines apart with "!" (seed 004, LAC). */
	if (globals) {
		conf_sep(sb);
		if (v->enable)
			sb_puts(sb, "vpdn enable\n");
		if (!v->logging)
			sb_puts(sb, "no vpdn logging\n");
		if (!default_search(v)) {
			sb_puts(sb, "vpdn search-order");
			for (size_t i = 0; i < v->nsearch; i++)
				sb_printf(
					sb, " %s",
					config_vpdn_search_names[v->search[i]]);
			sb_puts(sb, "\n");
		}
	}
	if (v->ngroups)
		conf_sep(sb);
	for (size_t i = 0; i < v->ngroups; i++)
		group(sb, cfg, &v->groups[i]);
}
