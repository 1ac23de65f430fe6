/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_vpdn.c - the VPDN commands (config_vpdn.h): `vpdn enable`, `vpdn
 * logging`, `vpdn search-order`, `vpdn-group NAME` with its role
 * subgroups (request-dialin: protocol, domain, dnis; accept-dialin:
 * protocol, virtual-template; request-dialout: protocol, pool-member;
 * accept-dialout: protocol, dialer) and its group commands
 * (terminate-from, initiate-to, local name, source-ip, `l2tp tunnel
 * password|authentication|hello|receive-window|retransmit|busy`, `l2tp
 * hidden`, `lcp renegotiation`), typed into struct config_vpdn, with
 * their life cycle (defaults, copy, free).
 *
 * Grammar and ranges follow the IOS 12.1 VPDN command reference and seed
 * 004; nasd speaks L2TP (RFC 2661) only, so `protocol l2f` is accepted
 * and reported as not implemented.  Each handler validates its whole line
 * before it changes the candidate.
 */
#include "conf_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- life cycle ---------------------------------------------------------- */

void conf_vpdn_defaults(struct config_vpdn *v)
{
	memset(v, 0, sizeof(*v));
	v->logging = true;
	v->search[0] = CONFIG_VPDN_SEARCH_DNIS;
	v->search[1] = CONFIG_VPDN_SEARCH_DOMAIN;
	v->nsearch = 2;
}

static void group_defaults(struct config_vpdn_group *g, const char *name)
{
	memset(g, 0, sizeof(*g));
	memcpy(g->name, name, strlen(name) + 1);
	g->tunnel_auth = true;
	g->hello_s = CONFIG_L2TP_HELLO_DEFAULT_S;
	g->receive_window = CONFIG_L2TP_RWIN_DEFAULT;
	g->retransmit_retries = CONFIG_L2TP_RETRIES_DEFAULT;
	g->retransmit_min_s = CONFIG_L2TP_TMIN_DEFAULT_S;
	g->retransmit_max_s = CONFIG_L2TP_TMAX_DEFAULT_S;
	g->busy_timeout_s = CONFIG_L2TP_BUSY_DEFAULT_S;
}

static void group_free(struct config_vpdn_group *g)
{
	free(g->domains);
	free(g->dnis);
	g->domains = NULL;
	g->dnis = NULL;
	g->ndomains = g->ndnis = 0;
}

void conf_vpdn_free(struct config_vpdn *v)
{
	for (size_t i = 0; i < v->ngroups; i++)
		group_free(&v->groups[i]);
	free(v->groups);
	v->groups = NULL;
	v->ngroups = 0;
}

bool conf_vpdn_dup(struct config_vpdn *dst, const struct config_vpdn *src)
{
	bool ok = true;

	dst->groups = NULL;
	dst->ngroups = 0;
	if (!src->ngroups)
		return true;
	dst->groups = calloc(src->ngroups, sizeof(*dst->groups));
	if (!dst->groups)
		return false;
	/* Group by group, so a failure leaves dst freeable. */
	for (size_t i = 0; ok && i < src->ngroups; i++) {
		const struct config_vpdn_group *s = &src->groups[i];
		struct config_vpdn_group *d = &dst->groups[i];

		*d = *s;
		dst->ngroups++;
		d->domains = conf_dup_array(s->domains, s->ndomains,
					    sizeof(*s->domains));
		d->dnis = conf_dup_array(s->dnis, s->ndnis, sizeof(*s->dnis));
		if ((s->ndomains && !d->domains) || (s->ndnis && !d->dnis))
			ok = false;
		if (!d->domains)
			d->ndomains = 0;
		if (!d->dnis)
			d->ndnis = 0;
	}
	if (!ok)
		conf_vpdn_free(dst);
	return ok;
}

/* ---- helpers ------------------------------------------------------------- */

static bool off(const struct cmd_ctx *ctx)
{
	return ctx->negate || ctx->deflt;
}

static struct config_vpdn_group *group_get(struct config_vpdn *v,
					   const char *name, bool create)
{
	struct config_vpdn_group *nv;

	for (size_t i = 0; i < v->ngroups; i++)
		if (strcmp(v->groups[i].name, name) == 0)
			return &v->groups[i];
	if (!create || strlen(name) >= CONFIG_VPDN_NAME_MAX)
		return NULL;
	nv = realloc(v->groups, (v->ngroups + 1) * sizeof(*nv));
	if (!nv)
		return NULL;
	v->groups = nv;
	group_defaults(&nv[v->ngroups], name);
	return &nv[v->ngroups++];
}

/* The group of the current frame: config-vpdn, or one of its subgroups
 * (the group is the parent frame).  Created when missing, so that a line
 * edits a fresh candidate as well. */
static int cur_group(struct cmd_ctx *ctx, struct config_vpdn_group **gp)
{
	const char *name = cmd_ctx_mode(ctx) == CMD_MODE_VPDN
				   ? cmd_ctx_key(ctx)
				   : cmd_ctx_parent_key(ctx, 1);

	CONF_CAND(ctx);
	*gp = group_get(&ctx->cand->vpdn, name, true);
	return *gp ? 0 : cmd_error(ctx, "%% Out of memory");
}

/* A host or domain name: one word without blanks or quotes. */
static int check_name(struct cmd_ctx *ctx, const char *what, const char *s)
{
	if (strlen(s) >= CONFIG_VPDN_NAME_MAX)
		return cmd_error(ctx, "%% %s too long (at most %d characters)",
				 what, CONFIG_VPDN_NAME_MAX - 1);
	if (!s[0] || strpbrk(s, " \t\"@"))
		return cmd_error(ctx, "%% Invalid %s \"%s\"", what, s);
	return 0;
}

/* A tunnel endpoint: unicast, so not 0.0.0.0 and not class D or E. */
static int check_unicast(struct cmd_ctx *ctx, const char *what, uint32_t a)
{
	if (a == 0 || a >= 0xE0000000u)
		return cmd_error(ctx, "%% Invalid %s %u.%u.%u.%u", what,
				 a >> 24, (a >> 16) & 255, (a >> 8) & 255,
				 a & 255);
	return 0;
}

/* ---- global commands ----------------------------------------------------- */

static int c_vpdn_enable(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	CONF_CAND(ctx);
	ctx->cand->vpdn.enable = !off(ctx);
	return 0;
}

static int c_vpdn_logging(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	CONF_CAND(ctx);
	/* On by default: `no vpdn logging` is what IOS writes. */
	ctx->cand->vpdn.logging = !ctx->negate;
	return 0;
}

static int c_search_order(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	enum config_vpdn_search v[CONFIG_VPDN_SEARCH__COUNT];
	size_t n = 0;

	CONF_CAND(ctx);
	if (off(ctx)) {
		struct config_vpdn dflt;

		conf_vpdn_defaults(&dflt);
		memcpy(ctx->cand->vpdn.search, dflt.search,
		       sizeof(dflt.search));
		ctx->cand->vpdn.nsearch = dflt.nsearch;
		return 0;
	}
	/* The keywords after "vpdn search-order", in the order typed. */
	for (size_t i = 2; i < args->n; i++) {
		int k;

		for (k = 0; k < CONFIG_VPDN_SEARCH__COUNT; k++)
			if (strcmp(args->v[i].value,
				   config_vpdn_search_names[k]) == 0)
				break;
		if (k == CONFIG_VPDN_SEARCH__COUNT)
			continue;
		for (size_t j = 0; j < n; j++)
			if (v[j] == (enum config_vpdn_search)k)
				return cmd_error(ctx, "%% %s is given twice",
						 config_vpdn_search_names[k]);
		v[n++] = (enum config_vpdn_search)k;
	}
	if (!n)
		return cmd_error(ctx, "%% Incomplete command.");
	memcpy(ctx->cand->vpdn.search, v, n * sizeof(v[0]));
	ctx->cand->vpdn.nsearch = n;
	return 0;
}

static int c_vpdn_group(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "name");
	struct config_vpdn *v;
	struct config_vpdn_group *g;
	int rc;

	CONF_CAND(ctx);
	v = &ctx->cand->vpdn;
	if ((rc = check_name(ctx, "VPDN group name", name)) != 0)
		return rc;
	if (off(ctx)) {
		g = group_get(v, name, false);
		if (g) {
			size_t at = (size_t)(g - v->groups);

			group_free(g);
			memmove(g, g + 1, (v->ngroups - at - 1) * sizeof(*g));
			v->ngroups--;
		}
		return 0;
	}
	if (!group_get(v, name, true))
		return cmd_error(ctx, "%% Out of memory");
	cmd_enter(ctx, CMD_MODE_VPDN, name);
	return 0;
}

/* ---- role subgroups ------------------------------------------------------ */

static enum cmd_mode role_mode(enum config_vpdn_role r)
{
	switch (r) {
	case CONFIG_VPDN_REQ_DIALIN:
		return CMD_MODE_VPDN_REQ_IN;
	case CONFIG_VPDN_ACC_DIALIN:
		return CMD_MODE_VPDN_ACC_IN;
	case CONFIG_VPDN_REQ_DIALOUT:
		return CMD_MODE_VPDN_REQ_OUT;
	default:
		return CMD_MODE_VPDN_ACC_OUT;
	}
}

static enum config_vpdn_role mode_role(enum cmd_mode m)
{
	switch (m) {
	case CMD_MODE_VPDN_REQ_IN:
		return CONFIG_VPDN_REQ_DIALIN;
	case CMD_MODE_VPDN_ACC_IN:
		return CONFIG_VPDN_ACC_DIALIN;
	case CMD_MODE_VPDN_REQ_OUT:
		return CONFIG_VPDN_REQ_DIALOUT;
	default:
		return CONFIG_VPDN_ACC_DIALOUT;
	}
}

/* Forget a role and everything configured under it. */
static void role_clear(struct config_vpdn_group *g, enum config_vpdn_role r)
{
	g->sub[r].on = false;
	g->sub[r].protocol = CONFIG_VPDN_PROTO_NONE;
	switch (r) {
	case CONFIG_VPDN_REQ_DIALIN:
		free(g->domains);
		free(g->dnis);
		g->domains = NULL;
		g->dnis = NULL;
		g->ndomains = g->ndnis = 0;
		break;
	case CONFIG_VPDN_ACC_DIALIN:
		g->vtemplate = 0;
		break;
	case CONFIG_VPDN_REQ_DIALOUT:
		g->pool_member = 0;
		break;
	default:
		g->dialer = 0;
		break;
	}
}

/* The two roles of a direction differ in their lowest bit. */
_Static_assert((CONFIG_VPDN_REQ_DIALIN ^ 1) == CONFIG_VPDN_ACC_DIALIN &&
		       (CONFIG_VPDN_REQ_DIALOUT ^ 1) == CONFIG_VPDN_ACC_DIALOUT,
	       "dial-in and dial-out role pairs");

/* `request-dialin` ...: def->data is the enum config_vpdn_role. */
static int c_role(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	enum config_vpdn_role r = (enum config_vpdn_role)ctx->def->data;
	/* The other role of the same direction: a group either requests
	 * or accepts dial-in, and either requests or accepts dial-out. */
	enum config_vpdn_role other = (enum config_vpdn_role)(r ^ 1);
	struct config_vpdn_group *g;
	int rc;

	(void)args;
	if ((rc = cur_group(ctx, &g)) != 0)
		return rc;
	if (off(ctx)) {
		role_clear(g, r);
		return 0;
	}
	if (g->sub[other].on)
		return cmd_error(ctx,
				 "%% vpdn-group %s already has %s: a group "
				 "either requests or accepts dial-%s (no %s "
				 "first)",
				 g->name, config_vpdn_role_names[other],
				 r <= CONFIG_VPDN_ACC_DIALIN ? "in" : "out",
				 config_vpdn_role_names[other]);
	g->sub[r].on = true;
	cmd_enter(ctx, role_mode(r), config_vpdn_role_names[r]);
	return 0;
}

/* The group and role of the current subgroup frame. */
static int cur_role(struct cmd_ctx *ctx, struct config_vpdn_group **gp,
		    enum config_vpdn_role *rp)
{
	int rc = cur_group(ctx, gp);

	if (rc)
		return rc;
	*rp = mode_role(cmd_ctx_mode(ctx));
	/* A fresh candidate may have lost the role in between. */
	(*gp)->sub[*rp].on = true;
	return 0;
}

static int c_protocol(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_vpdn_group *g;
	enum config_vpdn_role r;
	enum config_vpdn_protocol p = CONFIG_VPDN_PROTO_NONE;
	int rc;

	if ((rc = cur_role(ctx, &g, &r)) != 0)
		return rc;
	if (!off(ctx)) {
		for (int k = 1; k < CONFIG_VPDN_PROTO__COUNT; k++)
			if (cmd_arg_has(args, config_vpdn_protocol_names[k]))
				p = (enum config_vpdn_protocol)k;
		if (p == CONFIG_VPDN_PROTO_NONE)
			return cmd_error(ctx, "%% Incomplete command.");
	}
	g->sub[r].protocol = p;
	return 0;
}

static int c_domain(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "name");
	struct config_vpdn_group *g;
	struct config_vpdn_domain *nv;
	enum config_vpdn_role r;
	size_t i;
	int rc;

	if ((rc = cur_role(ctx, &g, &r)) != 0)
		return rc;
	if (!off(ctx) && (rc = check_name(ctx, "domain name", name)) != 0)
		return rc;
	for (i = 0; i < g->ndomains; i++)
		if (strcasecmp(g->domains[i].name, name) == 0)
			break;
	if (off(ctx)) {
		if (i < g->ndomains) {
			memmove(&g->domains[i], &g->domains[i + 1],
				(g->ndomains - i - 1) * sizeof(*nv));
			g->ndomains--;
		}
		return 0;
	}
	if (i < g->ndomains) /* IOS keeps one entry per domain */
		return 0;
	nv = realloc(g->domains, (g->ndomains + 1) * sizeof(*nv));
	if (!nv)
		return cmd_error(ctx, "%% Out of memory");
	g->domains = nv;
	memset(&nv[g->ndomains], 0, sizeof(*nv));
	memcpy(nv[g->ndomains++].name, name, strlen(name) + 1);
	return 0;
}

static int c_dnis(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *num = cmd_arg_str(args, "number");
	struct config_vpdn_group *g;
	struct config_vpdn_dnis *nv;
	enum config_vpdn_role r;
	size_t i;
	int rc;

	if ((rc = cur_role(ctx, &g, &r)) != 0)
		return rc;
	if (strlen(num) >= CONFIG_VPDN_DNIS_MAX)
		return cmd_error(ctx,
				 "%% DNIS number too long (at most %d digits)",
				 CONFIG_VPDN_DNIS_MAX - 1);
	if (!num[0] || strspn(num, "0123456789") != strlen(num))
		return cmd_error(ctx,
				 "%% Invalid DNIS number \"%s\" (digits only)",
				 num);
	for (i = 0; i < g->ndnis; i++)
		if (strcmp(g->dnis[i].number, num) == 0)
			break;
	if (off(ctx)) {
		if (i < g->ndnis) {
			memmove(&g->dnis[i], &g->dnis[i + 1],
				(g->ndnis - i - 1) * sizeof(*nv));
			g->ndnis--;
		}
		return 0;
	}
	if (i < g->ndnis)
		return 0;
	nv = realloc(g->dnis, (g->ndnis + 1) * sizeof(*nv));
	if (!nv)
		return cmd_error(ctx, "%% Out of memory");
	g->dnis = nv;
	memset(&nv[g->ndnis], 0, sizeof(*nv));
	memcpy(nv[g->ndnis++].number, num, strlen(num) + 1);
	return 0;
}

/* virtual-template, pool-member, dialer: one number per subgroup; `no`
 * with or without the number clears it. */
static int c_role_number(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned n = (unsigned)cmd_arg_num(args, "num", 0);
	struct config_vpdn_group *g;
	enum config_vpdn_role r;
	int rc;

	if ((rc = cur_role(ctx, &g, &r)) != 0)
		return rc;
	if (off(ctx))
		n = 0;
	switch (r) {
	case CONFIG_VPDN_ACC_DIALIN:
		g->vtemplate = n;
		break;
	case CONFIG_VPDN_REQ_DIALOUT:
		g->pool_member = n;
		break;
	case CONFIG_VPDN_ACC_DIALOUT:
		g->dialer = n;
		break;
	default:
		return cmd_error(ctx, "%% Internal error: role %d", (int)r);
	}
	return 0;
}

/* ---- group commands ------------------------------------------------------ */

static int c_terminate_from(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *host = cmd_arg_str(args, "host");
	struct config_vpdn_group *g;
	int rc;

	if ((rc = cur_group(ctx, &g)) != 0)
		return rc;
	if (off(ctx)) {
		g->terminate_from[0] = '\0';
		return 0;
	}
	if ((rc = check_name(ctx, "host name", host)) != 0)
		return rc;
	memset(g->terminate_from, 0, sizeof(g->terminate_from));
	memcpy(g->terminate_from, host, strlen(host));
	return 0;
}

static int c_local_name(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "lname");
	struct config_vpdn_group *g;
	int rc;

	if ((rc = cur_group(ctx, &g)) != 0)
		return rc;
	if (off(ctx)) {
		g->local_name[0] = '\0';
		return 0;
	}
	if ((rc = check_name(ctx, "local name", name)) != 0)
		return rc;
	memset(g->local_name, 0, sizeof(g->local_name));
	memcpy(g->local_name, name, strlen(name));
	return 0;
}

static int c_initiate_to(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_vpdn_peer p = {
		.priority = (unsigned)cmd_arg_num(
			args, "prio", CONFIG_INITIATE_PRIORITY_DEFAULT),
	};
	struct config_vpdn_group *g;
	size_t i;
	int rc;

	if ((rc = cur_group(ctx, &g)) != 0)
		return rc;
	cmd_arg_ipv4(args, "A.B.C.D", &p.addr);
	for (i = 0; i < g->ninitiate_to; i++)
		if (g->initiate_to[i].addr == p.addr)
			break;
	if (off(ctx)) {
		if (i < g->ninitiate_to) {
			memmove(&g->initiate_to[i], &g->initiate_to[i + 1],
				(g->ninitiate_to - i - 1) * sizeof(p));
			g->ninitiate_to--;
		}
		return 0;
	}
	if ((rc = check_unicast(ctx, "peer address", p.addr)) != 0)
		return rc;
	if (i == g->ninitiate_to) {
		if (g->ninitiate_to == CONFIG_VPDN_MAX_INITIATE)
			return cmd_error(ctx,
					 "%% At most %d initiate-to addresses "
					 "per VPDN group",
					 CONFIG_VPDN_MAX_INITIATE);
		g->ninitiate_to++;
	}
	/* The same address again changes its priority in place. */
	g->initiate_to[i] = p;
	return 0;
}

static int c_source_ip(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_vpdn_group *g;
	uint32_t a = 0;
	int rc;

	if ((rc = cur_group(ctx, &g)) != 0)
		return rc;
	if (!off(ctx)) {
		cmd_arg_ipv4(args, "A.B.C.D", &a);
		if ((rc = check_unicast(ctx, "source address", a)) != 0)
			return rc;
	}
	g->source_ip = a;
	return 0;
}

static int c_tunnel_password(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char clear[CONFIG_VPDN_SECRET_MAX];
	struct config_vpdn_group *g;
	int rc;

	if ((rc = cur_group(ctx, &g)) != 0)
		return rc;
	if (off(ctx)) {
		memset(g->tunnel_password, 0, sizeof(g->tunnel_password));
		return 0;
	}
	if ((rc = conf_password(ctx, args, "LINE", clear, sizeof(clear))) != 0)
		return rc;
	if (!clear[0])
		return cmd_error(ctx, "%% Password missing");
	memcpy(g->tunnel_password, clear, sizeof(clear));
	explicit_bzero(clear, sizeof(clear));
	return 0;
}

/* Numbered L2TP tunnel parameters: def->data says which. */
enum l2tp_param {
	L2TP_AUTH,
	L2TP_HELLO,
	L2TP_RWIN,
	L2TP_RETRIES,
	L2TP_TIMEOUT,
	L2TP_BUSY,
	L2TP_HIDDEN,
	L2TP_LCP_RENEG,
};

static int c_l2tp(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	enum l2tp_param what = (enum l2tp_param)ctx->def->data;
	unsigned n = (unsigned)cmd_arg_num(args, "num", 0);
	bool on = !off(ctx);
	struct config_vpdn_group *g;
	int rc;

	if ((rc = cur_group(ctx, &g)) != 0)
		return rc;
	switch (what) {
	case L2TP_AUTH:
		/* On by default: `no` turns it off, `default` back on. */
		g->tunnel_auth = !ctx->negate;
		break;
	case L2TP_HELLO:
		g->hello_s = on ? n : CONFIG_L2TP_HELLO_DEFAULT_S;
		break;
	case L2TP_RWIN:
		g->receive_window = on ? n : CONFIG_L2TP_RWIN_DEFAULT;
		break;
	case L2TP_RETRIES:
		g->retransmit_retries = on ? n : CONFIG_L2TP_RETRIES_DEFAULT;
		break;
	case L2TP_TIMEOUT:
		if (cmd_arg_has(args, "min")) {
			n = on ? n : CONFIG_L2TP_TMIN_DEFAULT_S;
			if (n > g->retransmit_max_s)
				return cmd_error(ctx,
						 "%% Minimum retransmit "
						 "timeout %u s is above the "
						 "maximum %u s",
						 n, g->retransmit_max_s);
			g->retransmit_min_s = n;
		} else {
			n = on ? n : CONFIG_L2TP_TMAX_DEFAULT_S;
			if (n < g->retransmit_min_s)
				return cmd_error(ctx,
						 "%% Maximum retransmit "
						 "timeout %u s is below the "
						 "minimum %u s",
						 n, g->retransmit_min_s);
			g->retransmit_max_s = n;
		}
		break;
	case L2TP_BUSY:
		g->busy_timeout_s = on ? n : CONFIG_L2TP_BUSY_DEFAULT_S;
		break;
	case L2TP_HIDDEN:
		g->hidden = on;
		break;
	case L2TP_LCP_RENEG:
		g->lcp_reneg = !on ? CONFIG_LCP_RENEG_NONE
			       : cmd_arg_has(args, "always")
				       ? CONFIG_LCP_RENEG_ALWAYS
				       : CONFIG_LCP_RENEG_ON_MISMATCH;
		break;
	}
	return 0;
}

/* ---- grammar ------------------------------------------------------------- */

#define G CMD_MODE_CONFIG
#define V CMD_MODE_VPDN
#define NO CMD_NO
#define NOO CMD_NO_ONLY
#define VPDN_HELP "Virtual Private Dialup Network\n"
#define L2TP_HELP "L2TP parameters\n"
#define TUNNEL_HELP L2TP_HELP "L2TP tunnel parameters\n"
#define RETRANSMIT_HELP TUNNEL_HELP "Control message retransmission\n"

static const struct cmd_def vpdn_defs[] = {
	{G, "vpdn enable", VPDN_HELP "Enable VPDN", c_vpdn_enable, NO, 0},
	/* Typed, but no VPDN event is logged by nasd yet. */
	{G, "vpdn logging", VPDN_HELP "Enable VPDN logging", c_vpdn_logging,
	 NO | CMD_UNIMPL, 0},
	{G, "vpdn search-order {dnis|domain|multihop-hostname}...",
	 VPDN_HELP "Order in which to search for tunnel information\n"
		   "Search on DNIS\n"
		   "Search on the domain name\n"
		   "Search on the multihop hostname",
	 c_search_order, NO, 0},
	{G, "vpdn search-order",
	 VPDN_HELP "Order in which to search for tunnel information",
	 c_search_order, NOO, 0},
	{G, "vpdn-group WORD$name",
	 "VPDN group configuration\nVPDN group name or number", c_vpdn_group,
	 NO, 0},
	/* vpdn-group */
	{V, "request-dialin", "Request to tunnel dialin calls (LAC)", c_role,
	 NO, CONFIG_VPDN_REQ_DIALIN},
	{V, "accept-dialin", "Accept tunnelled dialin calls (LNS)", c_role, NO,
	 CONFIG_VPDN_ACC_DIALIN},
	{V, "request-dialout", "Request to tunnel dialout calls (LNS)", c_role,
	 NO, CONFIG_VPDN_REQ_DIALOUT},
	{V, "accept-dialout", "Accept tunnelled dialout calls (LAC)", c_role,
	 NO, CONFIG_VPDN_ACC_DIALOUT},
	{V, "terminate-from hostname WORD$host",
	 "Terminate tunnels from this peer\nRemote host name\nHost name",
	 c_terminate_from, NO, 0},
	{V, "terminate-from", "Terminate tunnels from this peer",
	 c_terminate_from, NOO, 0},
	{V, "initiate-to ip A.B.C.D [priority <1-32767>$prio]",
	 "Initiate tunnels to this peer\nIP\nPeer address\n"
	 "Priority of this address (1 is preferred)\nPriority",
	 c_initiate_to, NO, 0},
	{V, "local name WORD$lname",
	 "Local parameters\nLocal tunnel name\nName", c_local_name, NO, 0},
	{V, "local name", "Local parameters\nLocal tunnel name", c_local_name,
	 NOO, 0},
	{V, "source-ip A.B.C.D", "Source IP address of tunnels\nAddress",
	 c_source_ip, NO, 0},
	{V, "source-ip", "Source IP address of tunnels", c_source_ip, NOO, 0},
	{V, "l2tp tunnel password [0|7] LINE",
	 TUNNEL_HELP "Tunnel authentication password\n"
		     "Specifies an UNENCRYPTED password will follow\n"
		     "Specifies a HIDDEN password will follow\n"
		     "Password",
	 c_tunnel_password, NO, 0},
	{V, "l2tp tunnel password",
	 TUNNEL_HELP "Tunnel authentication password", c_tunnel_password, NOO,
	 0},
	{V, "l2tp tunnel authentication",
	 TUNNEL_HELP "Authenticate the peer (RFC 2661 tunnel authentication)",
	 c_l2tp, NO, L2TP_AUTH},
	{V, "l2tp tunnel hello <0-1000>$num",
	 TUNNEL_HELP "HELLO keepalive interval\nSeconds (0: no HELLO)", c_l2tp,
	 NO, L2TP_HELLO},
	{V, "l2tp tunnel hello", TUNNEL_HELP "HELLO keepalive interval", c_l2tp,
	 NOO, L2TP_HELLO},
	{V, "l2tp tunnel receive-window <1-5000>$num",
	 TUNNEL_HELP "Receive window size for the control channel\n"
		     "Control messages",
	 c_l2tp, NO, L2TP_RWIN},
	{V, "l2tp tunnel receive-window",
	 TUNNEL_HELP "Receive window size for the control channel", c_l2tp, NOO,
	 L2TP_RWIN},
	{V, "l2tp tunnel retransmit retries <5-1000>$num",
	 RETRANSMIT_HELP "Retries before the tunnel is dropped\nRetries",
	 c_l2tp, NO, L2TP_RETRIES},
	{V, "l2tp tunnel retransmit retries",
	 RETRANSMIT_HELP "Retries before the tunnel is dropped", c_l2tp, NOO,
	 L2TP_RETRIES},
	{V, "l2tp tunnel retransmit timeout {min|max} <1-8>$num",
	 RETRANSMIT_HELP "Retransmission timeout, doubled on each retry\n"
			 "Initial timeout\nLargest timeout\nSeconds",
	 c_l2tp, NO, L2TP_TIMEOUT},
	{V, "l2tp tunnel retransmit timeout {min|max}",
	 RETRANSMIT_HELP "Retransmission timeout\nInitial timeout\n"
			 "Largest timeout",
	 c_l2tp, NOO, L2TP_TIMEOUT},
	{V, "l2tp tunnel busy timeout <60-65535>$num",
	 TUNNEL_HELP "An initiate-to address whose tunnel failed\n"
		     "Seconds it is passed over for new calls\nSeconds",
	 c_l2tp, NO, L2TP_BUSY},
	{V, "l2tp tunnel busy timeout",
	 TUNNEL_HELP "An initiate-to address whose tunnel failed\n"
		     "Seconds it is passed over for new calls",
	 c_l2tp, NOO, L2TP_BUSY},
	{V, "l2tp hidden", L2TP_HELP "Hide AVPs (needs a tunnel password)",
	 c_l2tp, NO, L2TP_HIDDEN},
	{V, "lcp renegotiation {always|on-mismatch}",
	 "PPP LCP configuration\n"
	 "Renegotiate LCP instead of using the LAC's proxy LCP\n"
	 "Always renegotiate\n"
	 "Renegotiate only when the proxy LCP does not suit",
	 c_l2tp, NO, L2TP_LCP_RENEG},
	{V, "lcp renegotiation",
	 "PPP LCP configuration\n"
	 "Renegotiate LCP instead of using the LAC's proxy LCP",
	 c_l2tp, NOO, L2TP_LCP_RENEG},
	/* subgroups */
	{CMD_MODE_VPDN_REQ_IN, "domain WORD$name",
	 "Domain name to tunnel\nDomain name", c_domain, NO, 0},
	{CMD_MODE_VPDN_REQ_IN, "dnis WORD$number",
	 "DNIS number to tunnel\nDNIS number", c_dnis, NO, 0},
	{CMD_MODE_VPDN_ACC_IN, "virtual-template <1-200>$num",
	 "Virtual template to clone from\nVirtual template number",
	 c_role_number, NO, 0},
	{CMD_MODE_VPDN_ACC_IN, "virtual-template",
	 "Virtual template to clone from", c_role_number, NOO, 0},
	{CMD_MODE_VPDN_REQ_OUT, "pool-member <1-255>$num",
	 "Dialer pool used for dialout\nDialer pool number", c_role_number, NO,
	 0},
	{CMD_MODE_VPDN_REQ_OUT, "pool-member", "Dialer pool used for dialout",
	 c_role_number, NOO, 0},
	{CMD_MODE_VPDN_ACC_OUT, "dialer <1-255>$num",
	 "Dialer profile used for dialout\nDialer interface number",
	 c_role_number, NO, 0},
	{CMD_MODE_VPDN_ACC_OUT, "dialer", "Dialer profile used for dialout",
	 c_role_number, NOO, 0},
};

/* `protocol` in each of the four subgroups; only L2TP is implemented. */
static int install_protocol(struct cmd_table *t, enum cmd_mode m)
{
	const struct cmd_def defs[] = {
		{m, "protocol l2tp", "Tunnel protocol\nL2TP", c_protocol, NO,
		 0},
		{m, "protocol any", "Tunnel protocol\nAny protocol (L2TP)",
		 c_protocol, NO, 0},
		{m, "protocol l2f", "Tunnel protocol\nL2F", c_protocol,
		 NO | CMD_UNIMPL, 0},
		{m, "protocol", "Tunnel protocol", c_protocol, NOO, 0},
	};

	return cmd_install(t, defs, CONF_NDEFS(defs));
}

int conf_vpdn_install(struct cmd_table *t)
{
	int rc = cmd_install(t, vpdn_defs, CONF_NDEFS(vpdn_defs));

	for (int r = 0; !rc && r < CONFIG_VPDN_ROLE__COUNT; r++)
		rc = install_protocol(t, role_mode((enum config_vpdn_role)r));
	return rc;
}
