/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_acl.c - the global DDR tables: numbered IP access lists
 * (`access-list 1-99` standard, `access-list 100-199` extended, remarks),
 * `dialer-list N protocol ip ...` (what traffic is interesting for
 * `dialer-group N`) and static routes (`ip route`, which send traffic
 * into a dialer), typed into struct config with their running-config
 * writers, lookups and life cycle.
 *
 * IOS behaviours kept on purpose, since engineers rely on them: an
 * address is normalised by its wildcard (10.1.1.5 0.0.0.255 is written
 * 10.1.1.0 0.0.0.255), `A 0.0.0.0` is written as a host and
 * `0.0.0.0 255.255.255.255` as `any`, well-known ports are written by
 * name, and `no access-list N ...` deletes the whole list N whatever
 * follows the number.  Matching packets against the lists is the
 * daemon's business.
 */
#include "conf_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void conf_write_ip4(struct strbuf *sb, uint32_t a)
{
	sb_printf(sb, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
		  a & 255);
}

/* ---- life cycle and lookups ---------------------------------------------- */

void conf_ddr_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nacls; i++)
		free(cfg->acls[i].v);
	free(cfg->acls);
	free(cfg->map_classes);
	free(cfg->routes);
	cfg->acls = NULL;
	cfg->map_classes = NULL;
	cfg->routes = NULL;
	cfg->nacls = cfg->nmap_classes = cfg->nroutes = 0;
}

bool conf_ddr_dup(struct config *cfg, const struct config *src)
{
	bool ok;

	cfg->map_classes = conf_dup_array(src->map_classes, src->nmap_classes,
				     sizeof(*src->map_classes));
	cfg->routes =
		conf_dup_array(src->routes, src->nroutes, sizeof(*src->routes));
	cfg->acls = conf_dup_array(src->acls, src->nacls, sizeof(*src->acls));
	ok = (!src->nmap_classes || cfg->map_classes) &&
	     (!src->nroutes || cfg->routes) && (!src->nacls || cfg->acls);
	/* Entries of every list are copied (or cleared) before any failure
	 * is acted on, so the free never sees src's arrays. */
	for (size_t i = 0; cfg->acls && i < src->nacls; i++) {
		cfg->acls[i].v = conf_dup_array(src->acls[i].v, src->acls[i].n,
					   sizeof(*src->acls[i].v));
		if (src->acls[i].n && !cfg->acls[i].v) {
			cfg->acls[i].n = 0;
			ok = false;
		}
	}
	if (!cfg->acls)
		cfg->nacls = 0;
	if (!cfg->map_classes)
		cfg->nmap_classes = 0;
	if (!cfg->routes)
		cfg->nroutes = 0;
	return ok;
}

const struct config_acl *config_acl_find(const struct config *cfg, unsigned num)
{
	for (size_t i = 0; i < cfg->nacls; i++)
		if (cfg->acls[i].num == num)
			return &cfg->acls[i];
	return NULL;
}

const struct config_dialer_list *
config_dialer_list_find(const struct config *cfg, unsigned num)
{
	const struct config_dialer_list *dl;

	if (num < 1 || num > CONFIG_DIALER_LISTS)
		return NULL;
	dl = &cfg->dialer_lists[num - 1];
	return dl->kind == CONFIG_DLIST_NONE ? NULL : dl;
}

/* ---- names of protocols and ports ---------------------------------------- */

struct named {
	const char *name;
	unsigned num;
};

/* IP protocols IOS names in access lists (IANA numbers). */
static const struct named protocols[] = {
	{"icmp", 1}, {"igmp", 2}, {"tcp", 6},	 {"udp", 17},  {"gre", 47},
	{"esp", 50}, {"ahp", 51}, {"eigrp", 88}, {"ospf", 89}, {"pim", 103},
};

#define PROTO_TCP 6
#define PROTO_UDP 17

/* Well-known port names IOS accepts and prints (IANA numbers). */
static const struct named tcp_ports[] = {
	{"bgp", 179},	   {"chargen", 19}, {"cmd", 514},     {"daytime", 13},
	{"discard", 9},	   {"domain", 53},  {"echo", 7},      {"exec", 512},
	{"finger", 79},	   {"ftp", 21},	    {"ftp-data", 20}, {"gopher", 70},
	{"hostname", 101}, {"ident", 113},  {"irc", 194},     {"klogin", 543},
	{"kshell", 544},   {"login", 513},  {"lpd", 515},     {"nntp", 119},
	{"pop2", 109},	   {"pop3", 110},   {"smtp", 25},     {"sunrpc", 111},
	{"tacacs", 49},	   {"talk", 517},   {"telnet", 23},   {"time", 37},
	{"uucp", 540},	   {"whois", 43},   {"www", 80},
};

static const struct named udp_ports[] = {
	{"biff", 512},	     {"bootpc", 68},	   {"bootps", 67},
	{"discard", 9},	     {"dnsix", 195},	   {"domain", 53},
	{"echo", 7},	     {"isakmp", 500},	   {"mobile-ip", 434},
	{"nameserver", 42},  {"netbios-dgm", 138}, {"netbios-ns", 137},
	{"netbios-ss", 139}, {"ntp", 123},	   {"rip", 520},
	{"snmp", 161},	     {"snmptrap", 162},	   {"sunrpc", 111},
	{"syslog", 514},     {"tacacs", 49},	   {"talk", 517},
	{"tftp", 69},	     {"time", 37},	   {"who", 513},
	{"xdmcp", 177},
};

static const struct named *ports_of(int proto, size_t *n)
{
	if (proto == PROTO_TCP) {
		*n = CONF_NDEFS(tcp_ports);
		return tcp_ports;
	}
	*n = CONF_NDEFS(udp_ports);
	return udp_ports;
}

/* A port as a number 0..65535 or a name of proto's table. */
static int parse_port(struct cmd_ctx *ctx, int proto, const char *w,
		      unsigned *port)
{
	size_t n;
	const struct named *t = ports_of(proto, &n);
	char *end;
	unsigned long v;

	if (w[0] >= '0' && w[0] <= '9') {
		v = strtoul(w, &end, 10);
		if (*end || v > 65535)
			return cmd_error(ctx,
					 "%% Invalid port \"%s\" "
					 "(0-65535 or a name)",
					 w);
		*port = (unsigned)v;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(t[i].name, w) == 0) {
			*port = t[i].num;
			return 0;
		}
	}
	return cmd_error(ctx, "%% Unknown %s port name \"%s\"",
			 proto == PROTO_TCP ? "TCP" : "UDP", w);
}

static void write_port(struct strbuf *sb, int proto, unsigned port)
{
	size_t n;
	const struct named *t = ports_of(proto, &n);

	for (size_t i = 0; i < n; i++) {
		if (t[i].num == port) {
			sb_printf(sb, " %s", t[i].name);
			return;
		}
	}
	sb_printf(sb, " %u", port);
}

/* ---- access-list --------------------------------------------------------- */

static struct config_acl *acl_get(struct config *cfg, unsigned num)
{
	struct config_acl *nv;
	size_t at = 0;

	while (at < cfg->nacls && cfg->acls[at].num < num)
		at++;
	if (at < cfg->nacls && cfg->acls[at].num == num)
		return &cfg->acls[at];
	nv = realloc(cfg->acls, (cfg->nacls + 1) * sizeof(*nv));
	if (!nv)
		return NULL;
	cfg->acls = nv;
	memmove(&nv[at + 1], &nv[at], (cfg->nacls - at) * sizeof(*nv));
	cfg->nacls++;
	memset(&nv[at], 0, sizeof(nv[at]));
	nv[at].num = num;
	return &nv[at];
}

static void acl_delete(struct config *cfg, unsigned num)
{
	for (size_t i = 0; i < cfg->nacls; i++) {
		if (cfg->acls[i].num != num)
			continue;
		free(cfg->acls[i].v);
		memmove(&cfg->acls[i], &cfg->acls[i + 1],
			(cfg->nacls - i - 1) * sizeof(cfg->acls[0]));
		cfg->nacls--;
		return;
	}
}

static int acl_append(struct cmd_ctx *ctx, unsigned num,
		      const struct config_ace *ace)
{
	struct config_acl *acl = acl_get(ctx->cand, num);
	struct config_ace *nv;

	if (!acl)
		return cmd_error(ctx, "%% Out of memory");
	nv = realloc(acl->v, (acl->n + 1) * sizeof(*nv));
	if (!nv)
		return cmd_error(ctx, "%% Out of memory");
	acl->v = nv;
	nv[acl->n++] = *ace;
	return 0;
}

/* An address operand whose arguments are named <p>_any, <p>_host, <p>
 * and <p>_wild (p = "src" or "dst"). */
static void acl_addr(const struct cmd_args *args, const char *p,
		     struct config_acl_addr *a)
{
	char name[16];

	snprintf(name, sizeof(name), "%s_any", p);
	if (cmd_arg_has(args, name)) {
		a->addr = 0;
		a->wildcard = 0xffffffffu;
		return;
	}
	snprintf(name, sizeof(name), "%s_host", p);
	if (cmd_arg_ipv4(args, name, &a->addr)) {
		a->wildcard = 0;
		return;
	}
	cmd_arg_ipv4(args, p, &a->addr);
	snprintf(name, sizeof(name), "%s_wild", p);
	if (!cmd_arg_ipv4(args, name, &a->wildcard))
		a->wildcard = 0;
	/* IOS keeps only the bits the wildcard compares. */
	a->addr &= ~a->wildcard;
}

static int acl_port(struct cmd_ctx *ctx, const struct cmd_args *args,
		    const char *p, int proto, struct config_acl_port *port)
{
	static const enum config_port_op ops[] = {
		CONFIG_PORT_EQ,	 CONFIG_PORT_LT,    CONFIG_PORT_GT,
		CONFIG_PORT_NEQ, CONFIG_PORT_RANGE,
	};
	char name[16];
	int rc;

	port->op = CONFIG_PORT_ANY;
	for (size_t i = 0; i < CONF_NDEFS(ops); i++) {
		snprintf(name, sizeof(name), "%s_%s", p,
			 config_port_op_names[ops[i]]);
		if (cmd_arg_has(args, name))
			port->op = ops[i];
	}
	if (port->op == CONFIG_PORT_ANY)
		return 0;
	if (proto != PROTO_TCP && proto != PROTO_UDP)
		return cmd_error(ctx, "%% Port conditions need protocol tcp "
				      "or udp");
	snprintf(name, sizeof(name), "%s_port", p);
	if ((rc = parse_port(ctx, proto, cmd_arg_str(args, name), &port->lo)) !=
	    0)
		return rc;
	port->hi = port->lo;
	if (port->op == CONFIG_PORT_RANGE) {
		snprintf(name, sizeof(name), "%s_port_hi", p);
		if ((rc = parse_port(ctx, proto, cmd_arg_str(args, name),
				     &port->hi)) != 0)
			return rc;
		if (port->hi < port->lo)
			return cmd_error(ctx, "%% Invalid port range %u-%u",
					 port->lo, port->hi);
	}
	return 0;
}

static int c_access_list(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned num = (unsigned)cmd_arg_num(args, "num", 0);
	struct config_ace ace;
	int rc;

	CONF_CAND(ctx);
	/* IOS: `no access-list N ...` removes all of list N, whatever
	 * follows the number (numbered lists have no per-entry delete). */
	if (ctx->negate || ctx->deflt) {
		acl_delete(ctx->cand, num);
		return 0;
	}
	memset(&ace, 0, sizeof(ace));
	if (cmd_arg_has(args, "remark")) {
		ace.is_remark = true;
		if (strlen(cmd_arg_str(args, "LINE")) >= sizeof(ace.remark))
			return cmd_error(ctx,
					 "%% Remark too long (at most %zu "
					 "characters)",
					 sizeof(ace.remark) - 1);
		snprintf(ace.remark, sizeof(ace.remark), "%s",
			 cmd_arg_str(args, "LINE"));
		return acl_append(ctx, num, &ace);
	}
	ace.action =
		cmd_arg_has(args, "deny") ? CONFIG_ACL_DENY : CONFIG_ACL_PERMIT;
	acl_addr(args, "src", &ace.src);
	if (num < 100) {
		ace.protocol = CONFIG_ACL_PROTO_IP;
		return acl_append(ctx, num, &ace);
	}
	ace.protocol = CONFIG_ACL_PROTO_IP;
	if (cmd_arg_has(args, "proto"))
		ace.protocol = (int)cmd_arg_num(args, "proto", 0);
	for (size_t i = 0; i < CONF_NDEFS(protocols); i++)
		if (cmd_arg_has(args, protocols[i].name))
			ace.protocol = (int)protocols[i].num;
	acl_addr(args, "dst", &ace.dst);
	if ((rc = acl_port(ctx, args, "src", ace.protocol, &ace.sport)) != 0 ||
	    (rc = acl_port(ctx, args, "dst", ace.protocol, &ace.dport)) != 0)
		return rc;
	return acl_append(ctx, num, &ace);
}

static int c_no_access_list(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	CONF_CAND(ctx);
	acl_delete(ctx->cand, (unsigned)cmd_arg_num(args, "num", 0));
	return 0;
}

/* ---- dialer-list and ip route -------------------------------------------- */

static int c_dialer_list(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned num = (unsigned)cmd_arg_num(args, "num", 1);
	struct config_dialer_list *dl;

	CONF_CAND(ctx);
	dl = &ctx->cand->dialer_lists[num - 1];
	memset(dl, 0, sizeof(*dl));
	if (ctx->negate || ctx->deflt)
		return 0;
	if (cmd_arg_has(args, "list")) {
		dl->kind = CONFIG_DLIST_LIST;
		dl->acl = (unsigned)cmd_arg_num(args, "acl", 0);
	} else {
		dl->kind = cmd_arg_has(args, "deny") ? CONFIG_DLIST_DENY
						     : CONFIG_DLIST_PERMIT;
	}
	return 0;
}

static bool mask_contiguous(uint32_t mask)
{
	uint32_t inv = ~mask;

	return (inv & (inv + 1)) == 0;
}

static bool same_route(const struct config_route *a,
		       const struct config_route *b)
{
	return a->prefix == b->prefix && a->mask == b->mask &&
	       a->nexthop == b->nexthop && strcmp(a->ifname, b->ifname) == 0;
}

static int c_ip_route(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_route r = {0};
	struct config *cfg;
	bool whole =
		!cmd_arg_has(args, "nexthop") && !cmd_arg_has(args, "IFNAME");
	size_t k = 0;

	CONF_CAND(ctx);
	cfg = ctx->cand;
	cmd_arg_ipv4(args, "prefix", &r.prefix);
	cmd_arg_ipv4(args, "mask", &r.mask);
	cmd_arg_ipv4(args, "nexthop", &r.nexthop);
	if (cmd_arg_has(args, "IFNAME"))
		snprintf(r.ifname, sizeof(r.ifname), "%s",
			 cmd_arg_str(args, "IFNAME"));
	r.distance = (unsigned)cmd_arg_num(args, "distance", 0);
	if (!mask_contiguous(r.mask))
		return cmd_error(ctx, "%% Invalid mask (the one bits must be "
				      "contiguous)");
	if (r.prefix & ~r.mask)
		return cmd_error(ctx, "%% Inconsistent address and mask");
	if (ctx->negate || ctx->deflt) {
		/* `no ip route P M` removes every route to P/M. */
		for (size_t i = 0; i < cfg->nroutes; i++) {
			const struct config_route *o = &cfg->routes[i];
			bool match = whole ? o->prefix == r.prefix &&
						     o->mask == r.mask
					   : same_route(o, &r);

			if (!match)
				cfg->routes[k++] = *o;
		}
		cfg->nroutes = k;
		return 0;
	}
	if (!cmd_arg_has(args, "IFNAME") && r.nexthop == 0)
		return cmd_error(ctx, "%% Invalid next hop address 0.0.0.0");
	for (size_t i = 0; i < cfg->nroutes; i++) {
		if (same_route(&cfg->routes[i], &r)) {
			cfg->routes[i] = r;
			return 0;
		}
	}
	{
		struct config_route *nv =
			realloc(cfg->routes, (cfg->nroutes + 1) * sizeof(*nv));

		if (!nv)
			return cmd_error(ctx, "%% Out of memory");
		cfg->routes = nv;
		nv[cfg->nroutes++] = r;
	}
	return 0;
}

/* ---- grammar ------------------------------------------------------------- */

#define G CMD_MODE_CONFIG
#define ACL_HELP "Add an access list entry\n"
#define ADDR_HELP(w)                                                           \
	"Any " w " host\n"                                                     \
	"A single " w " host\n" w " address\n" w " address\n" w                \
	" wildcard bits"
#define PORT_HELP(w)                                                           \
	"Match only packets on a given port number\n"                          \
	"Match only packets with a lower port number\n"                        \
	"Match only packets with a greater port number\n"                      \
	"Match only packets not on a given port number\n"                      \
	"Port number or name\n"                                                \
	"Match only packets in the range of port numbers\n"                    \
	"Lowest " w " port number or name\n"                                   \
	"Highest " w " port number or name"
#define ADDR(p)                                                                \
	"{any$" p "_any|host A.B.C.D$" p "_host|A.B.C.D$" p " A.B.C.D$" p      \
	"_wild}"
#define PORT(p)                                                                \
	"[{eq$" p "_eq|lt$" p "_lt|gt$" p "_gt|neq$" p "_neq} WORD$" p         \
	"_port|range$" p "_range WORD$" p "_port WORD$" p "_port_hi]"

static const struct cmd_def acl_defs[] = {
	{G,
	 "access-list <1-99>$num {permit|deny} {any$src_any|host "
	 "A.B.C.D$src_host|A.B.C.D$src [A.B.C.D$src_wild]}",
	 ACL_HELP "IP standard access list\n"
		  "Specify packets to permit\n"
		  "Specify packets to reject\n" ADDR_HELP("Source"),
	 c_access_list, CMD_NO, 0},
	{G,
	 "access-list <100-199>$num {permit|deny} {ip|icmp|igmp|tcp|udp|gre|"
	 "esp|ahp|eigrp|ospf|pim|<0-255>$proto} " ADDR("src") " " PORT(
		 "src") " " ADDR("dst") " " PORT("dst"),
	 ACL_HELP
	 "IP extended access list\n"
	 "Specify packets to permit\n"
	 "Specify packets to reject\n"
	 "Any Internet Protocol\n"
	 "Internet Control Message Protocol\n"
	 "Internet Gateway Message Protocol\n"
	 "Transmission Control Protocol\n"
	 "User Datagram Protocol\n"
	 "Cisco's GRE tunneling\n"
	 "Encapsulation Security Payload\n"
	 "Authentication Header Protocol\n"
	 "Cisco's EIGRP routing protocol\n"
	 "OSPF routing protocol\n"
	 "Protocol Independent Multicast\n"
	 "An IP protocol number\n" ADDR_HELP("Source") "\n" PORT_HELP(
		 "source") "\n" ADDR_HELP("Destination") "\n" PORT_HELP("destin"
									"atio"
									"n"),
	 c_access_list, CMD_NO, 0},
	{G, "access-list <1-199>$num remark LINE",
	 ACL_HELP "IP access list\n"
		  "Access list entry comment\n"
		  "Comment up to 100 characters",
	 c_access_list, CMD_NO, 0},
	{G, "access-list <1-199>$num", ACL_HELP "IP access list",
	 c_no_access_list, CMD_NO_ONLY, 0},
	{G, "dialer-list <1-10>$num protocol ip {permit|deny|list <1-199>$acl}",
	 "Create a dialer list for classifying packets\n"
	 "Dialer group number\n"
	 "Permit or Deny based on protocols\n"
	 "IP\n"
	 "Permit packets\n"
	 "Deny packets\n"
	 "Add access list to dialer list\n"
	 "IP access list",
	 c_dialer_list, CMD_NO, 0},
	{G, "dialer-list <1-10>$num",
	 "Create a dialer list for classifying packets\nDialer group number",
	 c_dialer_list, CMD_NO_ONLY, 0},
	{G,
	 "ip route A.B.C.D$prefix A.B.C.D$mask {A.B.C.D$nexthop|IFNAME} "
	 "[<1-255>$distance]",
	 "Global IP configuration subcommands\n"
	 "Establish static routes\n"
	 "Destination prefix\n"
	 "Destination prefix mask\n"
	 "Forwarding router's address\n"
	 "Forwarding interface\n"
	 "Distance metric for this route",
	 c_ip_route, CMD_NO, 0},
	{G, "ip route A.B.C.D$prefix A.B.C.D$mask",
	 "Global IP configuration subcommands\n"
	 "Establish static routes\n"
	 "Destination prefix\n"
	 "Destination prefix mask",
	 c_ip_route, CMD_NO_ONLY, 0},
};

int conf_acl_install(struct cmd_table *t)
{
	return cmd_install(t, acl_defs, CONF_NDEFS(acl_defs));
}

/* ---- running-config ------------------------------------------------------ */

void conf_acl_write_routes(struct strbuf *sb, const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nroutes; i++) {
		const struct config_route *r = &cfg->routes[i];

		sb_puts(sb, "ip route ");
		conf_write_ip4(sb, r->prefix);
		sb_puts(sb, " ");
		conf_write_ip4(sb, r->mask);
		sb_puts(sb, " ");
		if (r->ifname[0])
			sb_puts(sb, r->ifname);
		else
			conf_write_ip4(sb, r->nexthop);
		if (r->distance)
			sb_printf(sb, " %u", r->distance);
		sb_puts(sb, "\n");
	}
}

/* Standard lists write a host as the bare address; extended ones say
 * `host A`. */
static void write_addr(struct strbuf *sb, const struct config_acl_addr *a,
		       bool extended)
{
	sb_puts(sb, " ");
	if (a->wildcard == 0xffffffffu) {
		sb_puts(sb, "any");
	} else if (a->wildcard == 0) {
		if (extended)
			sb_puts(sb, "host ");
		conf_write_ip4(sb, a->addr);
	} else {
		conf_write_ip4(sb, a->addr);
		sb_puts(sb, " ");
		conf_write_ip4(sb, a->wildcard);
	}
}

static void write_port_cond(struct strbuf *sb, int proto,
			    const struct config_acl_port *p)
{
	if (p->op == CONFIG_PORT_ANY)
		return;
	sb_printf(sb, " %s", config_port_op_names[p->op]);
	write_port(sb, proto, p->lo);
	if (p->op == CONFIG_PORT_RANGE)
		write_port(sb, proto, p->hi);
}

static void write_ace(struct strbuf *sb, unsigned num,
		      const struct config_ace *e)
{
	bool ext = num >= 100;

	sb_printf(sb, "access-list %u ", num);
	if (e->is_remark) {
		sb_printf(sb, "remark %s\n", e->remark);
		return;
	}
	sb_puts(sb, config_acl_action_names[e->action]);
	if (ext) {
		const char *pname = NULL;

		for (size_t i = 0; i < CONF_NDEFS(protocols); i++)
			if ((int)protocols[i].num == e->protocol)
				pname = protocols[i].name;
		if (e->protocol == CONFIG_ACL_PROTO_IP)
			sb_puts(sb, " ip");
		else if (pname)
			sb_printf(sb, " %s", pname);
		else
			sb_printf(sb, " %d", e->protocol);
	}
	write_addr(sb, &e->src, ext);
	if (ext) {
		write_port_cond(sb, e->protocol, &e->sport);
		write_addr(sb, &e->dst, true);
		write_port_cond(sb, e->protocol, &e->dport);
	}
	sb_puts(sb, "\n");
}

void conf_acl_write_lists(struct strbuf *sb, const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nacls; i++)
		for (size_t k = 0; k < cfg->acls[i].n; k++)
			write_ace(sb, cfg->acls[i].num, &cfg->acls[i].v[k]);
	for (unsigned n = 1; n <= CONFIG_DIALER_LISTS; n++) {
		const struct config_dialer_list *dl =
			config_dialer_list_find(cfg, n);

		if (!dl)
			continue;
		sb_printf(sb, "dialer-list %u protocol ip %s", n,
			  config_dlist_kind_names[dl->kind]);
		if (dl->kind == CONFIG_DLIST_LIST)
			sb_printf(sb, " %u", dl->acl);
		sb_puts(sb, "\n");
	}
}
