/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_if.c - `interface` and the interface sub-commands nasd implements:
 * addresses, encapsulation, async mode, peer addresses, PPP authentication
 * (RFC 1334 PAP, RFC 1994 CHAP), RFC 1661 timers and counters (restart
 * timer, Max-Configure, Max-Failure, Max-Terminate), RFC 1877 DNS/WINS,
 * keepalive, MTU, RFC 1570 callback, RFC 1144 TCP header compression
 * (`ip tcp header-compression`, `ip tcp compression-connections`) and
 * Group-Async ranges.
 *
 * `no X` of a field IOS writes in its negative form (`no ip address`, `no
 * peer default ip address`, `no keepalive`) records that explicitly, so a
 * Group-Async member can override its group; `default X` forgets the field.
 */
#include "conf_int.h"

#include <stdio.h>
#include <string.h>

/* The interface of the current config-if frame (found again by its key,
 * created if a previous commit did not keep it). */
static struct config_if *cur_if(struct cmd_ctx *ctx)
{
	struct ifname id;

	if (!ifname_parse(cmd_ctx_key(ctx), &id))
		return NULL;
	return config_if_get(ctx->cand, &id);
}

#define CUR_IF(ctx, cif)                                                       \
	do {                                                                   \
		CONF_CAND(ctx);                                                \
		(cif) = cur_if(ctx);                                           \
		if (!(cif))                                                    \
			return cmd_error((ctx), "%% No such interface");       \
	} while (0)

static void set_bit(struct config_if *cif, enum config_if_field f, bool on)
{
	if (on)
		cif->set |= CONFIG_IFF_BIT(f);
	else
		cif->set &= ~CONFIG_IFF_BIT(f);
}

static bool off(const struct cmd_ctx *ctx)
{
	return ctx->negate || ctx->deflt;
}

static int c_interface(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const struct cmd_arg *a = cmd_arg_get(args, "IFNAME");
	struct config_if *cif;

	CONF_CAND(ctx);
	if (off(ctx)) {
		config_if_delete(ctx->cand, a->value);
		return 0;
	}
	if (a->ifn.type == IF_VACCESS)
		return cmd_error(ctx, "%% Virtual-Access interfaces are cloned "
				      "from a Virtual-Template, not "
				      "configured");
	cif = config_if_get(ctx->cand, &a->ifn);
	if (!cif)
		return cmd_error(ctx, "%% Out of memory");
	cmd_enter(ctx, CMD_MODE_IF, cif->name);
	return 0;
}

static int c_description(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	set_bit(cif, CONFIG_IFF_DESCRIPTION, !off(ctx));
	if (off(ctx)) {
		cif->description[0] = '\0';
		return 0;
	}
	return conf_strcpy(ctx, cif->description, sizeof(cif->description),
			   cmd_arg_str(args, "LINE"));
}

static int c_shutdown(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	(void)args;
	CUR_IF(ctx, cif);
	cif->shutdown = !off(ctx);
	set_bit(cif, CONFIG_IFF_SHUTDOWN, !off(ctx));
	return 0;
}

static int c_ip_address(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;
	uint32_t addr = 0, mask = 0;
	bool have = cmd_arg_ipv4(args, "addr", &addr);

	CUR_IF(ctx, cif);
	cmd_arg_ipv4(args, "mask", &mask);
	if (cmd_arg_has(args, "secondary")) {
		size_t i;

		for (i = 0; i < cif->nsecondary; i++)
			if (cif->secondary[i].addr == addr)
				break;
		if (off(ctx)) {
			if (i < cif->nsecondary) {
				memmove(&cif->secondary[i],
					&cif->secondary[i + 1],
					(cif->nsecondary - i - 1) *
						sizeof(cif->secondary[0]));
				cif->nsecondary--;
			}
			return 0;
		}
		if (cif->ip_mode != CONFIG_IP_STATIC)
			return cmd_error(ctx, "%% Primary address must be "
					      "configured first");
		if (i == cif->nsecondary) {
			if (i == CONFIG_MAX_SECONDARY)
				return cmd_error(ctx, "%% Too many secondary "
						      "addresses");
			cif->nsecondary++;
		}
		cif->secondary[i].addr = addr;
		cif->secondary[i].mask = mask;
		return 0;
	}
	cif->nsecondary = 0;
	cif->unnumbered[0] = '\0';
	cif->ip_addr = cif->ip_mask = 0;
	if (ctx->deflt) {
		cif->ip_mode = CONFIG_IP_UNSET;
		set_bit(cif, CONFIG_IFF_IPADDR, false);
		return 0;
	}
	set_bit(cif, CONFIG_IFF_IPADDR, true);
	if (ctx->negate) {
		cif->ip_mode = CONFIG_IP_NONE;
	} else if (have) {
		cif->ip_mode = CONFIG_IP_STATIC;
		cif->ip_addr = addr;
		cif->ip_mask = mask;
	} else {
		cif->ip_mode = CONFIG_IP_NEGOTIATED;
	}
	return 0;
}

static int c_ip_unnumbered(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->nsecondary = 0;
	cif->ip_addr = cif->ip_mask = 0;
	cif->unnumbered[0] = '\0';
	if (ctx->deflt) {
		cif->ip_mode = CONFIG_IP_UNSET;
		set_bit(cif, CONFIG_IFF_IPADDR, false);
		return 0;
	}
	set_bit(cif, CONFIG_IFF_IPADDR, true);
	if (ctx->negate) {
		cif->ip_mode = CONFIG_IP_NONE;
		return 0;
	}
	cif->ip_mode = CONFIG_IP_UNNUMBERED;
	return conf_strcpy(ctx, cif->unnumbered, sizeof(cif->unnumbered),
			   cmd_arg_str(args, "IFNAME"));
}

static int c_encap(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->encap = CONFIG_ENCAP_DEFAULT;
	set_bit(cif, CONFIG_IFF_ENCAP, !off(ctx));
	if (off(ctx))
		return 0;
	for (int e = 1; e < CONFIG_ENCAP__COUNT; e++)
		if (cmd_arg_has(args, config_encap_names[e]))
			cif->encap = (enum config_encap)e;
	return 0;
}

static int c_async_mode(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->async_interactive =
		!off(ctx) && cmd_arg_has(args, "interactive");
	set_bit(cif, CONFIG_IFF_ASYNC_MODE, !off(ctx));
	return 0;
}

/* `peer default ip address ...` and its old form `async default ip
 * address A` (written back in the new form, as IOS 11 does). */
static int c_peer(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->peer = CONFIG_PEER_UNSET;
	cif->peer_addr = 0;
	cif->peer_pool[0] = '\0';
	set_bit(cif, CONFIG_IFF_PEER, !ctx->deflt);
	if (ctx->deflt)
		return 0;
	if (ctx->negate) {
		cif->peer = CONFIG_PEER_NONE;
		return 0;
	}
	if (cmd_arg_ipv4(args, "A.B.C.D", &cif->peer_addr)) {
		cif->peer = CONFIG_PEER_ADDR;
	} else if (cmd_arg_has(args, "dhcp")) {
		cif->peer = CONFIG_PEER_DHCP;
	} else {
		cif->peer = CONFIG_PEER_POOL;
		return conf_strcpy(ctx, cif->peer_pool,
				   sizeof(cif->peer_pool),
				   cmd_arg_str(args, "pool_name"));
	}
	return 0;
}

static int c_ppp_auth(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->nauth = 0;
	cif->auth_callin = false;
	cif->auth_list[0] = '\0';
	set_bit(cif, CONFIG_IFF_PPP_AUTH, !off(ctx));
	if (off(ctx))
		return 0;
	/* Protocols in the order given (the order offered to the peer). */
	for (size_t i = 2; i < args->n; i++) {
		for (int k = 0; k < CONFIG_AUTH__COUNT; k++) {
			bool dup = false;

			if (args->v[i].kind != CMD_TOK_KEYWORD ||
			    strcmp(args->v[i].value, config_auth_names[k]))
				continue;
			for (size_t j = 0; j < cif->nauth; j++)
				dup |= cif->auth[j] == (enum config_auth)k;
			if (!dup)
				cif->auth[cif->nauth++] = (enum config_auth)k;
		}
	}
	cif->auth_callin = cmd_arg_has(args, "callin");
	if (cmd_arg_has(args, "list"))
		return conf_strcpy(ctx, cif->auth_list, sizeof(cif->auth_list),
				   cmd_arg_str(args, "list"));
	return 0;
}

static int c_chap_hostname(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->chap_hostname[0] = '\0';
	set_bit(cif, CONFIG_IFF_CHAP_HOSTNAME, !off(ctx));
	if (off(ctx))
		return 0;
	return conf_strcpy(ctx, cif->chap_hostname, sizeof(cif->chap_hostname),
			   cmd_arg_str(args, "WORD"));
}

static int c_chap_password(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->chap_password[0] = '\0';
	set_bit(cif, CONFIG_IFF_CHAP_PASSWORD, !off(ctx));
	if (off(ctx))
		return 0;
	return conf_password(ctx, args, "LINE", cif->chap_password,
			     sizeof(cif->chap_password));
}

static int c_pap_sent(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;
	int rc;

	CUR_IF(ctx, cif);
	cif->pap_username[0] = cif->pap_password[0] = '\0';
	set_bit(cif, CONFIG_IFF_PAP_SENT, !off(ctx));
	if (off(ctx))
		return 0;
	rc = conf_strcpy(ctx, cif->pap_username, sizeof(cif->pap_username),
			 cmd_arg_str(args, "user"));
	if (rc)
		return rc;
	return conf_password(ctx, args, "pass", cif->pap_password,
			     sizeof(cif->pap_password));
}

static int c_ipcp_server(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	bool dns = cmd_arg_has(args, "dns");
	struct config_if *cif;
	uint32_t *v;
	size_t *n;

	CUR_IF(ctx, cif);
	v = dns ? cif->ipcp_dns : cif->ipcp_wins;
	n = dns ? &cif->nipcp_dns : &cif->nipcp_wins;
	*n = 0;
	set_bit(cif, dns ? CONFIG_IFF_IPCP_DNS : CONFIG_IFF_IPCP_WINS,
		!off(ctx));
	if (off(ctx))
		return 0;
	for (size_t i = 0; i < cmd_arg_count(args, "A.B.C.D") && i < 2; i++)
		v[(*n)++] = cmd_arg_nth(args, "A.B.C.D", i)->ip4;
	return 0;
}

/* The IOS default of a numeric setting (RFC 1661 §4.6 suggests the
 * restart timer and counters). */
static unsigned num_default(enum config_if_field f)
{
	switch (f) {
	case CONFIG_IFF_TIMEOUT_RETRY:
		return 2;
	case CONFIG_IFF_MAX_CONFIGURE:
		return 10;
	case CONFIG_IFF_MAX_FAILURE:
		return 5;
	case CONFIG_IFF_MAX_TERMINATE:
		return 2;
	case CONFIG_IFF_MTU:
		return 1500;
	default:
		return 0;
	}
}

/* Numeric interface settings: def->data is the field. */
static int c_number(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	enum config_if_field f = (enum config_if_field)ctx->def->data;
	struct config_if *cif;
	unsigned *p, v = num_default(f);

	CUR_IF(ctx, cif);
	for (size_t i = 0; i < args->n && !off(ctx); i++)
		if (args->v[i].kind == CMD_TOK_RANGE)
			v = (unsigned)args->v[i].num;
	switch (f) {
	case CONFIG_IFF_MAX_BAD_AUTH:
		p = &cif->max_bad_auth;
		break;
	case CONFIG_IFF_TIMEOUT_RETRY:
		p = &cif->timeout_retry_s;
		break;
	case CONFIG_IFF_MAX_CONFIGURE:
		p = &cif->max_configure;
		break;
	case CONFIG_IFF_MAX_FAILURE:
		p = &cif->max_failure;
		break;
	case CONFIG_IFF_MAX_TERMINATE:
		p = &cif->max_terminate;
		break;
	case CONFIG_IFF_MTU:
		p = &cif->mtu;
		break;
	default:
		return cmd_error(ctx, "%% Internal error");
	}
	*p = v;
	set_bit(cif, f, !off(ctx));
	return 0;
}

static int c_keepalive(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->keepalive_s = 10;
	set_bit(cif, CONFIG_IFF_KEEPALIVE, !ctx->deflt);
	if (ctx->negate)
		cif->keepalive_s = 0;
	else if (!ctx->deflt)
		cif->keepalive_s = (unsigned)cmd_arg_num(args, "<0-32767>", 10);
	return 0;
}

static int c_callback(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	const char *number = cmd_arg_str(args, "number");

	CUR_IF(ctx, cif);
	cif->callback = CONFIG_CALLBACK_NONE;
	cif->callback_number[0] = '\0';
	set_bit(cif, CONFIG_IFF_CALLBACK, !off(ctx));
	if (off(ctx))
		return 0;
	for (int k = 1; k < CONFIG_CALLBACK__COUNT; k++)
		if (cmd_arg_has(args, config_callback_names[k]))
			cif->callback = (enum config_callback)k;
	if (number) {
		if (strlen(number) >= sizeof(cif->callback_number))
			return cmd_error(ctx, "%% Dial string too long");
		cif->callback = CONFIG_CALLBACK_REQUEST;
		memcpy(cif->callback_number, number, strlen(number) + 1);
	}
	return 0;
}

static int c_callback_mcb(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	if (cmd_arg_has(args, "ack-id"))
		cif->cbcp_ack_strict = !off(ctx) && cmd_arg_has(args, "strict");
	if (cmd_arg_has(args, "retries"))
		cif->cbcp_retries =
			off(ctx) ? 0 : (unsigned)cmd_arg_num(args, "n", 0);
	set_bit(cif, CONFIG_IFF_CALLBACK_MCB,
		cif->cbcp_ack_strict || cif->cbcp_retries);
	return 0;
}

/*
 * `ip tcp header-compression [passive]`.  `no` on an Async interface is
 * kept (written back) so a Group-Async member can turn its group's
 * compression off; elsewhere it is the default and forgotten, as IOS
 * shows nothing for it.
 */
static int c_tcp_hc(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	cif->tcp_hc = CONFIG_TCP_HC_OFF;
	set_bit(cif, CONFIG_IFF_TCP_HC,
		!ctx->deflt && (!ctx->negate || cif->id.type == IF_ASYNC));
	if (off(ctx))
		return 0;
	cif->tcp_hc = cmd_arg_has(args, "passive") ? CONFIG_TCP_HC_PASSIVE
						   : CONFIG_TCP_HC_ON;
	return 0;
}

/* `ip tcp compression-connections <3-256>`: VJ slots we offer. */
static int c_tcp_hc_conns(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;

	CUR_IF(ctx, cif);
	set_bit(cif, CONFIG_IFF_TCP_HC_CONNS, !off(ctx));
	cif->tcp_hc_conns = off(ctx) ? CONFIG_TCP_HC_CONNS_DEFAULT
				     : (unsigned)cmd_arg_num(
					       args, "<3-256>",
					       CONFIG_TCP_HC_CONNS_DEFAULT);
	return 0;
}

static int c_group_range(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_if *cif;
	long long first = cmd_arg_num(args, "first", 0);
	long long last = cmd_arg_num(args, "last", 0);

	CUR_IF(ctx, cif);
	if (cif->id.type != IF_GROUP_ASYNC)
		return cmd_error(ctx, "%% group-range is only valid on "
				      "Group-Async interfaces");
	cif->group_first = cif->group_last = 0;
	set_bit(cif, CONFIG_IFF_GROUP_RANGE, !off(ctx));
	if (off(ctx))
		return 0;
	if (last < first)
		return cmd_error(ctx, "%% Invalid range: %lld > %lld", first,
				 last);
	cif->group_first = (unsigned)first;
	cif->group_last = (unsigned)last;
	return 0;
}

#define IF CMD_MODE_IF
#define PPP_HELP "Point-to-Point Protocol\n"

static const struct cmd_def if_defs[] = {
	{CMD_MODE_CONFIG, "interface IFNAME",
	 "Select an interface to configure\nInterface name", c_interface,
	 CMD_NO, 0},
	{IF, "description LINE",
	 "Interface specific description\nUp to 240 characters describing "
	 "this interface",
	 c_description, CMD_NO, 0},
	{IF, "description", "Interface specific description", c_description,
	 CMD_NO_ONLY, 0},
	{IF, "shutdown", "Shutdown the selected interface", c_shutdown, CMD_NO,
	 0},
	{IF, "ip address A.B.C.D$addr A.B.C.D$mask [secondary]",
	 "Interface Internet Protocol config commands\n"
	 "Set the IP address of an interface\n"
	 "IP address\n"
	 "IP subnet mask\n"
	 "Make this IP address a secondary address",
	 c_ip_address, CMD_NO, 0},
	{IF, "ip address negotiated",
	 "Interface Internet Protocol config commands\n"
	 "Set the IP address of an interface\n"
	 "IP Address negotiated over PPP",
	 c_ip_address, CMD_NO, 0},
	{IF, "ip address",
	 "Interface Internet Protocol config commands\n"
	 "Set the IP address of an interface",
	 c_ip_address, CMD_NO_ONLY, 0},
	{IF, "ip unnumbered IFNAME",
	 "Interface Internet Protocol config commands\n"
	 "Enable IP processing without an explicit address\n"
	 "Interface whose address is borrowed",
	 c_ip_unnumbered, CMD_NO, 0},
	{IF, "ip unnumbered",
	 "Interface Internet Protocol config commands\n"
	 "Enable IP processing without an explicit address",
	 c_ip_unnumbered, CMD_NO_ONLY, 0},
	{IF, "ip tcp header-compression [passive]",
	 "Interface Internet Protocol config commands\n"
	 "Global TCP parameters\n"
	 "Enable TCP header compression (RFC 1144)\n"
	 "Compress only for destinations which send compressed headers",
	 c_tcp_hc, CMD_NO, 0},
	{IF, "ip tcp compression-connections <3-256>",
	 "Interface Internet Protocol config commands\n"
	 "Global TCP parameters\n"
	 "Maximum number of compressed connections\n"
	 "Number of connections",
	 c_tcp_hc_conns, CMD_NO, 0},
	{IF, "ip tcp compression-connections",
	 "Interface Internet Protocol config commands\n"
	 "Global TCP parameters\n"
	 "Maximum number of compressed connections",
	 c_tcp_hc_conns, CMD_NO_ONLY, 0},
	{IF, "encapsulation {ppp|hdlc|slip}",
	 "Set encapsulation type for an interface\n"
	 "Point-to-Point protocol\n"
	 "Serial HDLC synchronous\n"
	 "Serial Line IP",
	 c_encap, CMD_NO, 0},
	{IF, "encapsulation", "Set encapsulation type for an interface",
	 c_encap, CMD_NO_ONLY, 0},
	{IF, "async mode {dedicated|interactive}",
	 "Async interface parameters\n"
	 "Specify line mode (interactive or dedicated interface use)\n"
	 "Line is dedicated as an async interface\n"
	 "Line can be used interactively or as an async interface",
	 c_async_mode, CMD_NO, 0},
	{IF, "async mode",
	 "Async interface parameters\n"
	 "Specify line mode (interactive or dedicated interface use)",
	 c_async_mode, CMD_NO_ONLY, 0},
	{IF, "async default ip address A.B.C.D",
	 "Async interface parameters\n"
	 "Default remote IP address (old form of peer default ip address)\n"
	 "Interface Internet Protocol config commands\n"
	 "Set the remote IP address\n"
	 "Remote IP address",
	 c_peer, CMD_NO, 0},
	{IF, "async default ip address",
	 "Async interface parameters\n"
	 "Default remote IP address (old form of peer default ip address)\n"
	 "Interface Internet Protocol config commands\n"
	 "Set the remote IP address",
	 c_peer, CMD_NO_ONLY, 0},
	{IF, "peer default ip address {A.B.C.D|pool WORD$pool_name|dhcp}",
	 "Peer parameters for point to point interfaces\n"
	 "Specify default parameters\n"
	 "Specify IP parameters\n"
	 "Specify default IP address\n"
	 "Default IP address for remote peer\n"
	 "Use IP pool mechanism to allocate a peer IP address\n"
	 "IP address pool name\n"
	 "Use DHCP proxy client mechanism to allocate a peer IP address",
	 c_peer, CMD_NO, 0},
	{IF, "peer default ip address",
	 "Peer parameters for point to point interfaces\n"
	 "Specify default parameters\n"
	 "Specify IP parameters\n"
	 "Specify default IP address",
	 c_peer, CMD_NO_ONLY, 0},
	{IF,
	 "ppp authentication {chap|pap|ms-chap|ms-chap-v2}... [callin] "
	 "[default|WORD$list]",
	 PPP_HELP "Set PPP link authentication method\n"
		  "Challenge Handshake Authentication Protocol (CHAP)\n"
		  "Password Authentication Protocol (PAP)\n"
		  "Microsoft Challenge Handshake Authentication Protocol "
		  "(MS-CHAP)\n"
		  "Microsoft CHAP Version 2 (MS-CHAP-V2)\n"
		  "Authenticate remote on incoming call only\n"
		  "Use the default authentication list\n"
		  "Use an authentication list with this name",
	 c_ppp_auth, CMD_NO, 0},
	{IF, "ppp authentication",
	 PPP_HELP "Set PPP link authentication method", c_ppp_auth,
	 CMD_NO_ONLY, 0},
	{IF, "ppp chap hostname WORD",
	 PPP_HELP "Set CHAP authentication parameters\n"
		  "Set alternate CHAP hostname\n"
		  "Alternate CHAP hostname",
	 c_chap_hostname, CMD_NO, 0},
	{IF, "ppp chap hostname",
	 PPP_HELP "Set CHAP authentication parameters\n"
		  "Set alternate CHAP hostname",
	 c_chap_hostname, CMD_NO_ONLY, 0},
	{IF, "ppp chap password [0|7] LINE",
	 PPP_HELP "Set CHAP authentication parameters\n"
		  "Set default CHAP password\n"
		  "Specifies an UNENCRYPTED password will follow\n"
		  "Specifies a HIDDEN password will follow\n"
		  "Default PPP authentication password",
	 c_chap_password, CMD_NO, 0},
	{IF, "ppp chap password",
	 PPP_HELP "Set CHAP authentication parameters\n"
		  "Set default CHAP password",
	 c_chap_password, CMD_NO_ONLY, 0},
	{IF, "ppp pap sent-username WORD$user password [0|7] LINE$pass",
	 PPP_HELP "Set PAP authentication parameters\n"
		  "Set outbound PAP username\n"
		  "Outbound PAP username\n"
		  "Set outbound PAP password\n"
		  "Specifies an UNENCRYPTED password will follow\n"
		  "Specifies a HIDDEN password will follow\n"
		  "Outbound PAP password",
	 c_pap_sent, CMD_NO, 0},
	{IF, "ppp pap sent-username",
	 PPP_HELP "Set PAP authentication parameters\n"
		  "Set outbound PAP username",
	 c_pap_sent, CMD_NO_ONLY, 0},
	{IF, "ppp max-bad-auth <1-255>",
	 PPP_HELP "Allow multiple authentication failures\n"
		  "Number of failures allowed before disconnecting",
	 c_number, CMD_NO, CONFIG_IFF_MAX_BAD_AUTH},
	{IF, "ppp max-bad-auth",
	 PPP_HELP "Allow multiple authentication failures", c_number,
	 CMD_NO_ONLY, CONFIG_IFF_MAX_BAD_AUTH},
	{IF, "ppp ipcp {dns|wins} A.B.C.D [A.B.C.D]",
	 PPP_HELP "Configure IPCP parameters\n"
		  "Specify DNS servers to offer (RFC 1877)\n"
		  "Specify WINS servers to offer (RFC 1877)\n"
		  "Primary server address\n"
		  "Secondary server address",
	 c_ipcp_server, CMD_NO, 0},
	{IF, "ppp ipcp {dns|wins}",
	 PPP_HELP "Configure IPCP parameters\n"
		  "Specify DNS servers to offer (RFC 1877)\n"
		  "Specify WINS servers to offer (RFC 1877)",
	 c_ipcp_server, CMD_NO_ONLY, 0},
	{IF, "ppp timeout retry <1-255>",
	 PPP_HELP "Set PPP timeout parameters\n"
		  "Maximum time to wait for a response during PPP "
		  "negotiation\n"
		  "Seconds",
	 c_number, CMD_NO, CONFIG_IFF_TIMEOUT_RETRY},
	{IF, "ppp timeout retry",
	 PPP_HELP "Set PPP timeout parameters\n"
		  "Maximum time to wait for a response during PPP "
		  "negotiation",
	 c_number, CMD_NO_ONLY, CONFIG_IFF_TIMEOUT_RETRY},
	{IF, "ppp max-configure <1-255>",
	 PPP_HELP "Number of conf-reqs sent before assuming peer is "
		  "unable to respond\n"
		  "Number of attempts allowed",
	 c_number, CMD_NO, CONFIG_IFF_MAX_CONFIGURE},
	{IF, "ppp max-configure",
	 PPP_HELP "Number of conf-reqs sent before assuming peer is "
		  "unable to respond",
	 c_number, CMD_NO_ONLY, CONFIG_IFF_MAX_CONFIGURE},
	{IF, "ppp max-failure <1-255>",
	 PPP_HELP "Number of conf-naks sent before accepting "
		  "negotiation\n"
		  "Number of attempts allowed",
	 c_number, CMD_NO, CONFIG_IFF_MAX_FAILURE},
	{IF, "ppp max-failure",
	 PPP_HELP "Number of conf-naks sent before accepting "
		  "negotiation",
	 c_number, CMD_NO_ONLY, CONFIG_IFF_MAX_FAILURE},
	{IF, "ppp max-terminate <1-255>",
	 PPP_HELP "Number of term-reqs sent before assuming peer is "
		  "unable to respond\n"
		  "Number of attempts allowed",
	 c_number, CMD_NO, CONFIG_IFF_MAX_TERMINATE},
	{IF, "ppp max-terminate",
	 PPP_HELP "Number of term-reqs sent before assuming peer is "
		  "unable to respond",
	 c_number, CMD_NO_ONLY, CONFIG_IFF_MAX_TERMINATE},
	{IF, "keepalive [<0-32767>]",
	 "Enable keepalive\nKeepalive period (default 10 seconds)",
	 c_keepalive, CMD_NO, 0},
	{IF, "mtu <64-18000>", "Set the interface Maximum Transmission Unit\n"
			       "MTU size in bytes",
	 c_number, CMD_NO, CONFIG_IFF_MTU},
	{IF, "mtu", "Set the interface Maximum Transmission Unit", c_number,
	 CMD_NO_ONLY, CONFIG_IFF_MTU},
	{IF, "ppp callback {accept|request|initiate}",
	 PPP_HELP "Set PPP link callback option (RFC 1570)\n"
		  "Accept a callback request\n"
		  "Request a callback\n"
		  "Initiate a callback to clients that cannot request one",
	 c_callback, CMD_NO, 0},
	{IF, "ppp callback request dialstring WORD$number",
	 PPP_HELP "Set PPP link callback option (RFC 1570)\n"
		  "Request a callback\n"
		  "At this number: RFC 1570 operation 1 (nasd)\n"
		  "The number the server should call",
	 c_callback, CMD_NO, 0},
	{IF, "ppp callback mcb ack-id {cisco|strict}",
	 PPP_HELP "Set PPP link callback option\n"
		  "Microsoft callback (CBCP) parameters (nasd)\n"
		  "Identifier of the CBCP Ack\n"
		  "A fresh identifier, as IOS 11.3 sends (default)\n"
		  "The Response's identifier ([MS-CBCP] 2.2.4.3)",
	 c_callback_mcb, CMD_NO, 0},
	{IF, "ppp callback mcb retries <1-255>$n",
	 PPP_HELP "Set PPP link callback option\n"
		  "Microsoft callback (CBCP) parameters (nasd)\n"
		  "CBCP Requests sent (every 2 s) before giving up\n"
		  "Requests (default 30)",
	 c_callback_mcb, CMD_NO, 0},
	{IF, "ppp callback mcb retries",
	 PPP_HELP "Set PPP link callback option\n"
		  "Microsoft callback (CBCP) parameters (nasd)\n"
		  "CBCP Requests sent (every 2 s) before giving up",
	 c_callback_mcb, CMD_NO_ONLY, 0},
	{IF, "ppp callback", PPP_HELP "Set PPP link callback option",
	 c_callback, CMD_NO_ONLY, 0},
	{IF, "group-range <0-1023>$first <0-1023>$last",
	 "Configure the member interfaces of this Group-Async\n"
	 "First Async interface number\n"
	 "Last Async interface number",
	 c_group_range, CMD_NO, 0},
	{IF, "group-range",
	 "Configure the member interfaces of this Group-Async",
	 c_group_range, CMD_NO_ONLY, 0},
};

int conf_if_install(struct cmd_table *t)
{
	return cmd_install(t, if_defs, CONF_NDEFS(if_defs));
}
