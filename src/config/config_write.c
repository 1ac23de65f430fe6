/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config_write.c - `show running-config`: the configuration as IOS prints
 * it, in IOS order (version, service, hostname, logging, aaa, enable,
 * username, ip globals, vpdn (conf_vpdn_write.c), isdn, chat-script, clock,
 * controllers, interfaces, router, pools, routes, map-class, access-list,
 * dialer-list, lines, end),
 * `!` separators and one-space indentation for sub-commands.  Reading the
 * output back gives the same configuration (tested as a fixpoint).
 */
#include "cmd.h"
#include "conf_int.h"

#include <string.h>

static void ip4(struct strbuf *sb, uint32_t a)
{
	sb_printf(sb, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
		  a & 255);
}

void conf_sep(struct strbuf *sb)
{
	const char *s = sb_str(sb);

	if (sb->len >= 2 && strcmp(s + sb->len - 2, "!\n") == 0 &&
	    (sb->len == 2 || s[sb->len - 3] == '\n'))
		return;
	sb_puts(sb, "!\n");
}

static void word(struct strbuf *sb, const char *s)
{
	cmd_quote(sb, s);
}

static void texts(struct strbuf *sb, const struct config_textv *tv, int sec,
		  const char *indent)
{
	for (size_t i = 0; i < tv->n; i++)
		if (sec < 0 || tv->v[i].sec == sec)
			sb_printf(sb, "%s%s\n", indent, tv->v[i].s);
}

static void blocks(struct strbuf *sb, const struct config *cfg,
		   enum config_block_kind kind)
{
	for (size_t i = 0; i < cfg->nblocks; i++) {
		const struct config_block *b = &cfg->blocks[i];

		if (b->kind != kind)
			continue;
		sb_printf(sb, "%s\n", b->header);
		for (size_t k = 0; k < b->nsubs; k++) {
			sb_printf(sb, " %s\n", b->subs[k].header);
			texts(sb, &b->subs[k].lines, -1, "  ");
		}
		texts(sb, &b->lines, -1, " ");
		conf_sep(sb);
	}
}

static void timestamps(struct strbuf *sb, const char *what,
		       const struct config_timestamps *ts)
{
	if (!ts->set)
		return;
	if (ts->kind == CONFIG_TS_NONE) {
		sb_printf(sb, "no service timestamps %s\n", what);
		return;
	}
	sb_printf(sb, "service timestamps %s %s", what,
		  ts->kind == CONFIG_TS_UPTIME ? "uptime" : "datetime");
	if (ts->kind == CONFIG_TS_DATETIME)
		sb_printf(sb, "%s%s%s%s", ts->msec ? " msec" : "",
			  ts->localtime ? " localtime" : "",
			  ts->show_timezone ? " show-timezone" : "",
			  ts->year ? " year" : "");
	sb_puts(sb, "\n");
}

static void methods(struct strbuf *sb, const struct config_aaa_list *l)
{
	for (size_t i = 0; i < l->nmethods; i++) {
		const struct config_aaa_method *m = &l->methods[i];

		sb_printf(sb, " %s", config_method_names[m->kind]);
		if (m->kind == CONFIG_METHOD_GROUP) {
			sb_puts(sb, " ");
			word(sb, m->group);
		}
	}
	sb_puts(sb, "\n");
}

static void aaa(struct strbuf *sb, const struct config *cfg)
{
	if (cfg->aaa_new_model)
		sb_puts(sb, "aaa new-model\n");
	for (int authz = 0; authz < 2; authz++) {
		for (size_t i = 0; i < cfg->naaa; i++) {
			const struct config_aaa_list *l = &cfg->aaa[i];

			if (l->authorization != (bool)authz)
				continue;
			sb_printf(sb, "aaa %s %s",
				  authz ? "authorization" : "authentication",
				  config_aaa_service_names[l->service]);
			if (l->has_name) {
				sb_puts(sb, " ");
				word(sb, l->name);
			}
			methods(sb, l);
		}
	}
}

static void users(struct strbuf *sb, const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nusers; i++) {
		const struct config_user *u = &cfg->users[i];

		sb_puts(sb, "username ");
		word(sb, u->name);
		if (u->privilege >= 0)
			sb_printf(sb, " privilege %d", u->privilege);
		if (u->has_dialstring) {
			sb_puts(sb, " callback-dialstring ");
			word(sb, u->dialstring);
		}
		if (u->callback_rotary >= 0)
			sb_printf(sb, " callback-rotary %d", u->callback_rotary);
		if (u->has_callback_line) {
			sb_puts(sb, " callback-line");
			if (u->callback_line_kind >= 0)
				sb_printf(sb, " %s",
					  config_line_kind_names
						  [u->callback_line_kind]);
			sb_printf(sb, " %d", u->callback_line_first);
			if (u->callback_line_last >= 0)
				sb_printf(sb, " %d", u->callback_line_last);
		}
		if (u->nocallback_verify)
			sb_puts(sb, " nocallback-verify");
		if (u->nohangup)
			sb_puts(sb, " nohangup");
		if (u->nopassword)
			sb_puts(sb, " nopassword");
		else if (u->secret)
			sb_printf(sb, " secret 5 %s", u->password);
		else
			conf_write_password(cfg, sb, " password", u->password);
		sb_puts(sb, "\n");
	}
}

static void ip_globals(struct strbuf *sb, const struct config *cfg)
{
	if (cfg->domain_name[0]) {
		sb_puts(sb, "ip domain-name ");
		word(sb, cfg->domain_name);
		sb_puts(sb, "\n");
	}
	if (cfg->nname_servers) {
		sb_puts(sb, "ip name-server");
		for (size_t i = 0; i < cfg->nname_servers; i++) {
			sb_puts(sb, " ");
			ip4(sb, cfg->name_servers[i]);
		}
		sb_puts(sb, "\n");
	}
	texts(sb, &cfg->extra, CONFIG_SEC_IP, "");
	for (int k = 0; k < 2; k++) {
		const uint32_t *v = k ? cfg->bootp_nbns : cfg->bootp_dns;
		size_t n = k ? cfg->nbootp_nbns : cfg->nbootp_dns;

		if (!n)
			continue;
		sb_printf(sb, "async-bootp %s", k ? "nbns-server" : "dns-server");
		for (size_t i = 0; i < n; i++) {
			sb_puts(sb, " ");
			ip4(sb, v[i]);
		}
		sb_puts(sb, "\n");
	}
}

static void extras(struct strbuf *sb, const struct config_if *cif,
		   enum config_if_section sec)
{
	texts(sb, &cif->extra, (int)sec, " ");
}

static bool has(const struct config_if *cif, enum config_if_field f)
{
	return cif->set & CONFIG_IFF_BIT(f);
}

static void if_address(struct strbuf *sb, const struct config_if *cif)
{
	if (!has(cif, CONFIG_IFF_IPADDR))
		return;
	switch (cif->ip_mode) {
	case CONFIG_IP_UNSET:
		break;
	case CONFIG_IP_NONE:
		sb_puts(sb, " no ip address\n");
		break;
	case CONFIG_IP_NEGOTIATED:
		sb_puts(sb, " ip address negotiated\n");
		break;
	case CONFIG_IP_UNNUMBERED:
		sb_printf(sb, " ip unnumbered %s\n", cif->unnumbered);
		break;
	case CONFIG_IP_STATIC:
		sb_puts(sb, " ip address ");
		ip4(sb, cif->ip_addr);
		sb_puts(sb, " ");
		ip4(sb, cif->ip_mask);
		sb_puts(sb, "\n");
		for (size_t i = 0; i < cif->nsecondary; i++) {
			sb_puts(sb, " ip address ");
			ip4(sb, cif->secondary[i].addr);
			sb_puts(sb, " ");
			ip4(sb, cif->secondary[i].mask);
			sb_puts(sb, " secondary\n");
		}
		break;
	}
}

static void if_peer(struct strbuf *sb, const struct config_if *cif)
{
	if (!has(cif, CONFIG_IFF_PEER))
		return;
	switch (cif->peer) {
	case CONFIG_PEER_UNSET:
		break;
	case CONFIG_PEER_NONE:
		sb_puts(sb, " no peer default ip address\n");
		break;
	case CONFIG_PEER_ADDR:
		sb_puts(sb, " peer default ip address ");
		ip4(sb, cif->peer_addr);
		sb_puts(sb, "\n");
		break;
	case CONFIG_PEER_POOL:
		sb_puts(sb, " peer default ip address pool ");
		word(sb, cif->peer_pool);
		sb_puts(sb, "\n");
		break;
	case CONFIG_PEER_DHCP:
		sb_puts(sb, " peer default ip address dhcp\n");
		break;
	}
}

static void if_number(struct strbuf *sb, const struct config_if *cif,
		      enum config_if_field f, const char *what, unsigned v)
{
	if (has(cif, f))
		sb_printf(sb, " %s %u\n", what, v);
}

/* IOS writes these right after the address (seed 001: "ip unnumbered
 * Ethernet0" then "ip tcp header-compression passive"). */
static void if_tcp_hc(struct strbuf *sb, const struct config_if *cif)
{
	if (has(cif, CONFIG_IFF_TCP_HC)) {
		switch (cif->tcp_hc) {
		case CONFIG_TCP_HC_OFF:
			sb_puts(sb, " no ip tcp header-compression\n");
			break;
		case CONFIG_TCP_HC_ON:
			sb_puts(sb, " ip tcp header-compression\n");
			break;
		case CONFIG_TCP_HC_PASSIVE:
			sb_puts(sb, " ip tcp header-compression passive\n");
			break;
		}
	}
	if_number(sb, cif, CONFIG_IFF_TCP_HC_CONNS,
		  "ip tcp compression-connections", cif->tcp_hc_conns);
}

static void if_servers(struct strbuf *sb, const char *what,
		       const uint32_t *v, size_t n)
{
	sb_printf(sb, " ppp ipcp %s", what);
	for (size_t i = 0; i < n; i++) {
		sb_puts(sb, " ");
		ip4(sb, v[i]);
	}
	sb_puts(sb, "\n");
}

static void if_ppp(struct strbuf *sb, const struct config *cfg,
		   const struct config_if *cif)
{
	if_number(sb, cif, CONFIG_IFF_MAX_BAD_AUTH, "ppp max-bad-auth",
		  cif->max_bad_auth);
	if (has(cif, CONFIG_IFF_CALLBACK) && cif->callback_number[0])
		sb_printf(sb, " ppp callback request dialstring %s\n",
			  cif->callback_number);
	else if (has(cif, CONFIG_IFF_CALLBACK))
		sb_printf(sb, " ppp callback %s\n",
			  config_callback_names[cif->callback]);
	if (has(cif, CONFIG_IFF_CALLBACK_MCB)) {
		if (cif->cbcp_ack_strict)
			sb_puts(sb, " ppp callback mcb ack-id strict\n");
		if (cif->cbcp_retries)
			sb_printf(sb, " ppp callback mcb retries %u\n",
				  cif->cbcp_retries);
	}
	if (has(cif, CONFIG_IFF_PPP_AUTH) && cif->nauth) {
		sb_puts(sb, " ppp authentication");
		for (size_t i = 0; i < cif->nauth; i++)
			sb_printf(sb, " %s", config_auth_names[cif->auth[i]]);
		if (cif->auth_callin)
			sb_puts(sb, " callin");
		if (cif->auth_list[0]) {
			sb_puts(sb, " ");
			word(sb, cif->auth_list);
		}
		sb_puts(sb, "\n");
	}
	if (has(cif, CONFIG_IFF_CHAP_HOSTNAME)) {
		sb_puts(sb, " ppp chap hostname ");
		word(sb, cif->chap_hostname);
		sb_puts(sb, "\n");
	}
	if (has(cif, CONFIG_IFF_CHAP_PASSWORD)) {
		conf_write_password(cfg, sb, " ppp chap password",
				    cif->chap_password);
		sb_puts(sb, "\n");
	}
	if (has(cif, CONFIG_IFF_PAP_SENT)) {
		sb_puts(sb, " ppp pap sent-username ");
		word(sb, cif->pap_username);
		conf_write_password(cfg, sb, " password", cif->pap_password);
		sb_puts(sb, "\n");
	}
	if (has(cif, CONFIG_IFF_IPCP_DNS))
		if_servers(sb, "dns", cif->ipcp_dns, cif->nipcp_dns);
	if (has(cif, CONFIG_IFF_IPCP_WINS))
		if_servers(sb, "wins", cif->ipcp_wins, cif->nipcp_wins);
	if_number(sb, cif, CONFIG_IFF_TIMEOUT_RETRY, "ppp timeout retry",
		  cif->timeout_retry_s);
	if_number(sb, cif, CONFIG_IFF_MAX_CONFIGURE, "ppp max-configure",
		  cif->max_configure);
	if_number(sb, cif, CONFIG_IFF_MAX_FAILURE, "ppp max-failure",
		  cif->max_failure);
	if_number(sb, cif, CONFIG_IFF_MAX_TERMINATE, "ppp max-terminate",
		  cif->max_terminate);
}

/* A Group-Async member that sets nothing of its own is not listed. */
static bool if_listed(const struct config *cfg, const struct config_if *cif)
{
	if (cif->id.type != IF_ASYNC || cif->set || cif->dialer.set ||
	    cif->extra.n)
		return true;
	for (size_t i = 0; i < cfg->nifs; i++) {
		const struct config_if *g = &cfg->ifs[i];

		if (g->id.type == IF_GROUP_ASYNC &&
		    (g->set & CONFIG_IFF_BIT(CONFIG_IFF_GROUP_RANGE)) &&
		    g->group_first <= cif->id.unit &&
		    cif->id.unit <= g->group_last)
			return false;
	}
	return true;
}

static void interface(struct strbuf *sb, const struct config *cfg,
		      const struct config_if *cif)
{
	sb_printf(sb, "interface %s\n", cif->name);
	if (has(cif, CONFIG_IFF_DESCRIPTION))
		sb_printf(sb, " description %s\n", cif->description);
	if_address(sb, cif);
	if_tcp_hc(sb, cif);
	extras(sb, cif, CONFIG_IFSEC_IP);
	if (has(cif, CONFIG_IFF_ENCAP) && cif->encap != CONFIG_ENCAP_DEFAULT)
		sb_printf(sb, " encapsulation %s\n",
			  config_encap_names[cif->encap]);
	conf_dialer_write_inband(sb, cif);
	extras(sb, cif, CONFIG_IFSEC_DIALER);
	conf_dialer_write_if(sb, cif);
	conf_isdn_write_if(sb, cif);
	conf_dialer_write_isdn(sb, cif);
	extras(sb, cif, CONFIG_IFSEC_ISDN);
	if (has(cif, CONFIG_IFF_ASYNC_MODE))
		sb_printf(sb, " async mode %s\n",
			  cif->async_interactive ? "interactive" : "dedicated");
	if_peer(sb, cif);
	extras(sb, cif, CONFIG_IFSEC_MISC);
	if (has(cif, CONFIG_IFF_SHUTDOWN) && cif->shutdown)
		sb_puts(sb, " shutdown\n");
	if (has(cif, CONFIG_IFF_KEEPALIVE)) {
		if (cif->keepalive_s == 0)
			sb_puts(sb, " no keepalive\n");
		else
			sb_printf(sb, " keepalive %u\n", cif->keepalive_s);
	}
	if_number(sb, cif, CONFIG_IFF_MTU, "mtu", cif->mtu);
	if_ppp(sb, cfg, cif);
	if (has(cif, CONFIG_IFF_GROUP_RANGE))
		sb_printf(sb, " group-range %u %u\n", cif->group_first,
			  cif->group_last);
	conf_sep(sb);
}

static const enum config_script script_order[CONFIG_SCRIPT__COUNT] = {
	CONFIG_SCRIPT_MODEM_OFF_HOOK, CONFIG_SCRIPT_CALLBACK,
	CONFIG_SCRIPT_ARAP_CALLBACK,  CONFIG_SCRIPT_DIALER,
	CONFIG_SCRIPT_STARTUP,        CONFIG_SCRIPT_RESET,
	CONFIG_SCRIPT_ACTIVATION,     CONFIG_SCRIPT_CONNECTION,
};

static void line_settings(struct strbuf *sb, const struct config *cfg,
			  const struct config_line_settings *s)
{
	if (s->has_exec_timeout)
		sb_printf(sb, " exec-timeout %u %u\n", s->exec_timeout_min,
			  s->exec_timeout_s);
	if (s->password[0]) {
		conf_write_password(cfg, sb, " password", s->password);
		sb_puts(sb, "\n");
	}
	if (s->autoselect_during_login)
		sb_puts(sb, " autoselect during-login\n");
	if (s->autoselect_ppp)
		sb_puts(sb, " autoselect ppp\n");
	if (s->autoselect_arap)
		sb_puts(sb, " autoselect arap\n");
	for (int i = 0; i < CONFIG_SCRIPT__COUNT; i++) {
		enum config_script k = script_order[i];

		if (!s->script[k][0])
			continue;
		sb_printf(sb, " script %s ", config_script_names[k]);
		word(sb, s->script[k]);
		sb_puts(sb, "\n");
	}
	if (s->login == CONFIG_LOGIN_LINE)
		sb_puts(sb, " login\n");
	else if (s->login == CONFIG_LOGIN_LOCAL)
		sb_puts(sb, " login local\n");
	else if (s->login == CONFIG_LOGIN_AUTH) {
		sb_puts(sb, " login authentication ");
		word(sb, s->login_list);
		sb_puts(sb, "\n");
	}
	if (s->modem == CONFIG_MODEM_INOUT)
		sb_puts(sb, " modem InOut\n");
	else if (s->modem == CONFIG_MODEM_DIALIN)
		sb_puts(sb, " modem Dialin\n");
	if (s->modem_busyout)
		sb_puts(sb, " modem busyout\n");
	if (s->rotary)
		sb_printf(sb, " rotary %u\n", s->rotary);
	if (s->transport_input[0])
		sb_printf(sb, " transport input %s\n", s->transport_input);
	if (s->speed_bps)
		sb_printf(sb, " speed %u\n", s->speed_bps);
	if (s->flow_hardware)
		sb_puts(sb, " flowcontrol hardware\n");
	if (s->device[0]) {
		sb_puts(sb, " device ");
		word(sb, s->device);
		sb_puts(sb, "\n");
	}
	if (s->no_flush_at_activation)
		sb_puts(sb, " no flush-at-activation\n");
	if (s->has_forced_wait)
		sb_printf(sb, " callback forced-wait %u\n",
			  s->callback_forced_wait_s);
	if (s->callback_retries)
		sb_printf(sb, " callback retries %u\n", s->callback_retries);
	if (s->arap_enable)
		sb_puts(sb, " arap enable\n");
}

/* Lines, consecutive equal ones coalesced into ranges (`line 1 6`). */
static void lines(struct strbuf *sb, const struct config *cfg)
{
	size_t i = 0;

	while (i < cfg->nlines) {
		const struct config_line *l = &cfg->lines[i];
		size_t j = i + 1;

		while (j < cfg->nlines && cfg->lines[j].kind == l->kind &&
		       cfg->lines[j].num == cfg->lines[j - 1].num + 1 &&
		       l->kind != CONFIG_LINE_CON &&
		       l->kind != CONFIG_LINE_AUX &&
		       config_line_settings_equal(&cfg->lines[j].s, &l->s))
			j++;
		if (l->kind == CONFIG_LINE_TTY)
			sb_printf(sb, "line %u", l->num);
		else
			sb_printf(sb, "line %s %u",
				  config_line_kind_names[l->kind], l->num);
		if (j - i > 1)
			sb_printf(sb, " %u", cfg->lines[j - 1].num);
		sb_puts(sb, "\n");
		line_settings(sb, cfg, &l->s);
		i = j;
	}
}

void config_write(const struct config *cfg, struct strbuf *sb)
{
	sb_puts(sb, "!\n");
	if (cfg->version[0]) {
		sb_puts(sb, "version ");
		word(sb, cfg->version);
		sb_puts(sb, "\n");
	}
	timestamps(sb, "debug", &cfg->ts_debug);
	timestamps(sb, "log", &cfg->ts_log);
	if (cfg->password_encryption)
		sb_puts(sb, "service password-encryption\n");
	if (cfg->exec_callback)
		sb_puts(sb, "service exec-callback\n");
	texts(sb, &cfg->extra, CONFIG_SEC_SERVICE, "");
	conf_sep(sb);
	sb_printf(sb, "hostname %s\n", cfg->hostname);
	conf_sep(sb);
	if (cfg->logging_syslog)
		sb_puts(sb, "logging syslog\n");
	if (cfg->logging_buffered) {
		sb_puts(sb, "logging buffered");
		if (cfg->logging_buffered_bytes)
			sb_printf(sb, " %u", cfg->logging_buffered_bytes);
		sb_puts(sb, "\n");
	}
	aaa(sb, cfg);
	if (cfg->enable_secret[0])
		sb_printf(sb, "enable secret 5 %s\n", cfg->enable_secret);
	if (cfg->enable_password[0]) {
		conf_write_password(cfg, sb, "enable password",
				    cfg->enable_password);
		sb_puts(sb, "\n");
	}
	conf_sep(sb);
	users(sb, cfg);
	ip_globals(sb, cfg);
	conf_vpdn_write(sb, cfg);
	conf_isdn_write_global(sb, cfg);
	texts(sb, &cfg->extra, CONFIG_SEC_ISDN, "");
	for (size_t i = 0; i < cfg->nchats; i++) {
		sb_puts(sb, "chat-script ");
		word(sb, cfg->chats[i].name);
		sb_printf(sb, " %s\n", cfg->chats[i].text);
	}
	texts(sb, &cfg->extra, CONFIG_SEC_CLOCK, "");
	conf_sep(sb);
	conf_isdn_write_controllers(sb, cfg);
	for (size_t i = 0; i < cfg->nifs; i++)
		if (if_listed(cfg, &cfg->ifs[i]))
			interface(sb, cfg, &cfg->ifs[i]);
	blocks(sb, cfg, CONFIG_BLOCK_ROUTER);
	for (size_t i = 0; i < cfg->npools; i++) {
		const struct config_pool *p = &cfg->pools[i];

		for (size_t k = 0; k < p->nranges; k++) {
			sb_puts(sb, "ip local pool ");
			word(sb, p->name);
			sb_puts(sb, " ");
			ip4(sb, p->ranges[k].first);
			if (p->ranges[k].last != p->ranges[k].first) {
				sb_puts(sb, " ");
				ip4(sb, p->ranges[k].last);
			}
			sb_puts(sb, "\n");
		}
	}
	texts(sb, &cfg->extra, CONFIG_SEC_ROUTES, "");
	conf_acl_write_routes(sb, cfg);
	conf_sep(sb);
	conf_dialer_write_map_classes(sb, cfg);
	conf_acl_write_lists(sb, cfg);
	texts(sb, &cfg->extra, CONFIG_SEC_CDP, "");
	conf_sep(sb);
	lines(sb, cfg);
	conf_sep(sb);
	sb_puts(sb, "end\n");
}
