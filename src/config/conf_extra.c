/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_extra.c - IOS commands nasd accepts with their real syntax but does
 * not implement yet (EIGRP, `dialer aaa`, clock, CDP ...); the typed DDR
 * commands live in conf_dialer.c and conf_acl.c, the VPDN ones in
 * conf_vpdn.c.
 * They are stored verbatim in canonical form, in order, in the object they
 * belong to, written back by `show running-config`, and reported once per
 * process (CMD_UNIMPL).  A line matching none of them is a syntax error
 * like any other.
 *
 * def->data packs how a command is stored: the running-config section
 * (low byte), how many leading words identify an entry that a new line
 * replaces (VERB_KEY(n); 0 = the whole line), and VERB_NEGDEL when `no X`
 * removes X instead of being stored as "no X".
 */
#include "conf_int.h"

#include <stdlib.h>
#include <string.h>

#define VERB_KEY(n) ((intptr_t)(n) << 8)
#define VERB_NEGDEL ((intptr_t)1 << 16)
#define VERB_SEC(d) ((int)((d) & 0xff))
#define VERB_KEYN(d) ((size_t)(((d) >> 8) & 0xff))

static struct config_block *block_find(struct config_block *v, size_t n,
				       const char *header)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].header, header) == 0)
			return &v[i];
	return NULL;
}

static struct config_block *block_add(struct config_block **v, size_t *n,
				      enum config_block_kind kind,
				      const char *header)
{
	struct config_block *nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return NULL;
	*v = nv;
	memset(&nv[*n], 0, sizeof(nv[*n]));
	nv[*n].kind = kind;
	snprintf(nv[*n].header, sizeof(nv[*n].header), "%s", header);
	return &nv[(*n)++];
}

static void block_del(struct config_block *v, size_t *n, struct config_block *b)
{
	size_t at = (size_t)(b - v);

	config_textv_free(&b->lines);
	for (size_t i = 0; i < b->nsubs; i++)
		config_textv_free(&b->subs[i].lines);
	free(b->subs);
	memmove(b, b + 1, (*n - at - 1) * sizeof(*b));
	(*n)--;
}

static enum config_block_kind block_kind(enum cmd_mode m)
{
	return m == CMD_MODE_CONTROLLER ? CONFIG_BLOCK_CONTROLLER
					: CONFIG_BLOCK_ROUTER;
}

/* The block of the current frame, created if missing. */
static struct config_block *frame_block(struct cmd_ctx *ctx)
{
	struct config *cfg = ctx->cand;
	const char *key = cmd_ctx_key(ctx);
	struct config_block *b = block_find(cfg->blocks, cfg->nblocks, key);

	if (!b)
		b = block_add(&cfg->blocks, &cfg->nblocks,
			      block_kind(cmd_ctx_mode(ctx)), key);
	return b;
}

static struct config_textv *target(struct cmd_ctx *ctx)
{
	enum cmd_mode m = cmd_ctx_mode(ctx);
	struct config_block *b;
	struct config_if *cif;
	struct ifname id;

	switch (m) {
	case CMD_MODE_CONFIG:
		return &ctx->cand->extra;
	case CMD_MODE_IF:
		if (!ifname_parse(cmd_ctx_key(ctx), &id))
			return NULL;
		cif = config_if_get(ctx->cand, &id);
		return cif ? &cif->extra : NULL;
	case CMD_MODE_ROUTER:
	case CMD_MODE_CONTROLLER:
		b = frame_block(ctx);
		return b ? &b->lines : NULL;
	default:
		return NULL;
	}
}

/* Does stored text s (without "no ") have key: its first n words, or the
 * whole text when n is 0? */
static bool same_key(const char *s, const char *key, size_t n)
{
	size_t len = strlen(key);

	if (strncmp(s, "no ", 3) == 0)
		s += 3;
	if (n == 0)
		return strcmp(s, key) == 0;
	return strncmp(s, key, len) == 0 && (s[len] == ' ' || !s[len]);
}

static int c_verbatim(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	intptr_t d = ctx->def->data;
	struct strbuf text = STRBUF_INIT, key = STRBUF_INIT;
	struct config_textv *tv;
	size_t keyn = VERB_KEYN(d), i;
	int rc = 0;

	CONF_CAND(ctx);
	tv = target(ctx);
	if (!tv)
		return cmd_error(ctx, "%% Out of memory");
	cmd_args_canon(args, ctx->negate, &text);
	cmd_args_canon(args, false, &key);
	if (keyn) {
		/* Cut the key after its first keyn words. */
		const char *p = sb_str(&key);
		size_t w = 0, at = 0;

		for (at = 0; p[at]; at++)
			if (p[at] == ' ' && ++w == keyn)
				break;
		key.s[at] = '\0';
	}
	if (text.len >= CONFIG_TEXT_MAX) {
		rc = cmd_error(ctx, "%% Line too long");
		goto out;
	}
	for (i = 0; i < tv->n; i++)
		if (same_key(tv->v[i].s, sb_str(&key), keyn))
			break;
	if (ctx->deflt || (ctx->negate && (d & VERB_NEGDEL))) {
		if (i < tv->n) {
			memmove(&tv->v[i], &tv->v[i + 1],
				(tv->n - i - 1) * sizeof(tv->v[0]));
			tv->n--;
		}
		goto out;
	}
	if (i < tv->n)
		snprintf(tv->v[i].s, sizeof(tv->v[i].s), "%s", sb_str(&text));
	else if (config_textv_add(tv, VERB_SEC(d), sb_str(&text)) != 0)
		rc = cmd_error(ctx, "%% Out of memory");
out:
	sb_free(&text);
	sb_free(&key);
	return rc;
}

/* `router eigrp 202`: def->data is the mode. */
static int c_block(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	enum cmd_mode m = (enum cmd_mode)ctx->def->data;
	struct strbuf hdr = STRBUF_INIT;
	struct config_block **v, *b;
	size_t *n;
	int rc = 0;

	CONF_CAND(ctx);
	cmd_args_canon(args, false, &hdr);
	if (hdr.len >= CMD_KEY_MAX) {
		sb_free(&hdr);
		return cmd_error(ctx, "%% Name too long");
	}
	v = &ctx->cand->blocks;
	n = &ctx->cand->nblocks;
	b = block_find(*v, *n, sb_str(&hdr));
	if (ctx->negate || ctx->deflt) {
		if (b)
			block_del(*v, n, b);
	} else {
		if (!b)
			b = block_add(v, n, block_kind(m), sb_str(&hdr));
		if (b)
			cmd_enter(ctx, m, sb_str(&hdr));
		else
			rc = cmd_error(ctx, "%% Out of memory");
	}
	sb_free(&hdr);
	return rc;
}

#define U (CMD_NO | CMD_UNIMPL)
#define G CMD_MODE_CONFIG
#define I CMD_MODE_IF
#define S(sec, keyn) (CONFIG_SEC_##sec | VERB_KEY(keyn))
#define F(sec, keyn) (CONFIG_IFSEC_##sec | VERB_KEY(keyn))
#define DIALER_HELP "Dial on demand\n"

static const struct cmd_def extra_defs[] = {
	/* global */
	{G, "ip default-gateway A.B.C.D",
	 "Global IP configuration subcommands\n"
	 "Specify default gateway (if not routing IP)\n"
	 "IP address of default gateway",
	 c_verbatim, U, S(ROUTES, 2)},
	{G, "ip classless",
	 "Global IP configuration subcommands\n"
	 "Follow classless routing forwarding rules",
	 c_verbatim, U, S(ROUTES, 2)},
	{G, "ip subnet-zero",
	 "Global IP configuration subcommands\nAllow 'subnet zero' subnets",
	 c_verbatim, U, S(IP, 2)},
	{G, "ip domain-lookup",
	 "Global IP configuration subcommands\n"
	 "Enable IP Domain Name System hostname translation",
	 c_verbatim, U, S(IP, 2)},
	{G, "ip http server",
	 "Global IP configuration subcommands\n"
	 "HTTP server configuration\n"
	 "Enable HTTP server",
	 c_verbatim, U, S(ROUTES, 3)},
	{G, "cdp run", "Global CDP configuration subcommands\nEnable CDP",
	 c_verbatim, U, S(CDP, 2)},
	{G, "service {udp-small-servers|tcp-small-servers}",
	 "Modify use of network based services\n"
	 "Enable small UDP servers (e.g., ECHO)\n"
	 "Enable small TCP servers (e.g., ECHO)",
	 c_verbatim, U, S(SERVICE, 0)},
	{G, "clock timezone WORD <-23-23> [<0-59>]",
	 "Configure time-of-day clock\n"
	 "Configure time zone\n"
	 "name of time zone\n"
	 "Hours offset from UTC\n"
	 "Minutes offset from UTC",
	 c_verbatim, U, S(CLOCK, 2)},
	{G, "clock summer-time WORD {recurring|date} [LINE]",
	 "Configure time-of-day clock\n"
	 "Configure summer (daylight savings) time\n"
	 "name of time zone in summer\n"
	 "Configure recurring summer time\n"
	 "Configure absolute summer time\n"
	 "Start and end of summer time",
	 c_verbatim, U, S(CLOCK, 2)},
	{G, "appletalk routing",
	 "Appletalk global configuration commands\nEnable AppleTalk routing",
	 c_verbatim, U, S(IP, 2)},
	{G, "arap callback",
	 "Appletalk Remote Access Protocol\nEnable ARAP callback",
	 c_verbatim, U, S(IP, 2)},
	{G, "arap network <0-65535> LINE",
	 "Appletalk Remote Access Protocol\n"
	 "Set ARAP network number and zone\n"
	 "Network number\n"
	 "Zone name",
	 c_verbatim, U, S(IP, 2)},
	{G, "router eigrp <1-65535>",
	 "Enable a routing process\n"
	 "Enhanced Interior Gateway Routing Protocol (EIGRP)\n"
	 "Autonomous system number",
	 c_block, U, CMD_MODE_ROUTER},
	/* interface */
	{I, "ip route-cache",
	 "Interface Internet Protocol config commands\n"
	 "Enable fast-switching cache for outgoing packets",
	 c_verbatim, U, F(IP, 2)},
	{I, "ip mroute-cache",
	 "Interface Internet Protocol config commands\n"
	 "Enable switching cache for incoming multicast packets",
	 c_verbatim, U, F(IP, 2)},
	/* Seed 004's LAC needs it for L2TP dial-out on IOS; nasd has no
	 * AAA server to ask for dialer data, and its dial-out does not
	 * need one (the dialer of accept-dialout is used). */
	{I, "dialer aaa", DIALER_HELP "Get dialer information from AAA",
	 c_verbatim, U, F(DIALER, 2)},
	{I, "cdp enable", "CDP interface subcommands\nEnable CDP on interface",
	 c_verbatim, U, F(MISC, 2)},
	{I, "fair-queue", "Enable Fair Queuing on an Interface", c_verbatim,
	 U, F(MISC, 1)},
	{I, "clockrate <300-8000000>",
	 "Configure serial interface clock speed\nBits per second",
	 c_verbatim, U, F(MISC, 1)},
	/* router eigrp */
	{CMD_MODE_ROUTER, "network A.B.C.D [A.B.C.D]",
	 "Enable routing on an IP network\nNetwork number\nWildcard bits",
	 c_verbatim, U, VERB_NEGDEL},
	{CMD_MODE_ROUTER, "distance <1-255> [A.B.C.D A.B.C.D [<1-99>]]",
	 "Define an administrative distance\nAdministrative distance\n"
	 "IP Source address\nWildcard bits\nIP Standard access list number",
	 c_verbatim, U, VERB_NEGDEL},
	{CMD_MODE_ROUTER, "auto-summary",
	 "Enable automatic network number summarization", c_verbatim, U,
	 VERB_KEY(1)},
	{CMD_MODE_ROUTER, "passive-interface {default|IFNAME}",
	 "Suppress routing updates on an interface\n"
	 "Suppress routing updates on all interfaces\nInterface name",
	 c_verbatim, U, VERB_NEGDEL},
	{CMD_MODE_ROUTER,
	 "redistribute {connected|static|rip|eigrp|ospf|igrp} [LINE]",
	 "Redistribute information from another routing protocol\n"
	 "Connected\nStatic routes\nRouting Information Protocol (RIP)\n"
	 "Enhanced Interior Gateway Routing Protocol (EIGRP)\n"
	 "Open Shortest Path First (OSPF)\n"
	 "Interior Gateway Routing Protocol (IGRP)\n"
	 "Process number, metric and options",
	 c_verbatim, U, VERB_KEY(2) | VERB_NEGDEL},
};

int conf_extra_install(struct cmd_table *t)
{
	return cmd_install(t, extra_defs, CONF_NDEFS(extra_defs));
}
