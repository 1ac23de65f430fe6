/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_dialer.c - the dial-on-demand routing commands of an interface
 * (`dialer in-band`, `dialer-group`, `dialer map ip`, `dialer string`, the
 * dialer timers, `dialer hold-queue`, rotary groups, dialer pools and
 * profiles, `dialer callback-secure`, `dialer vpdn`, `isdn
 * fast-rollover-delay`) and `map-class dialer NAME` with its commands,
 * typed into struct config_dialer / struct config_map_class, with their
 * running-config writers and life cycle (copy, free, Group-Async overlay).
 *
 * This is configuration only: the policy (interesting traffic, dialing,
 * idle disconnects, the RFC 1570 callback return call) is the daemon's.
 * Grammar and order follow the IOS Dial Technologies command reference
 * and the show running-config of seeds 002 and 004.
 */
#include "conf_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- life cycle ---------------------------------------------------------- */

void conf_dialer_defaults(struct config_dialer *d)
{
	memset(d, 0, sizeof(*d));
	d->idle_s = CONFIG_DIALER_IDLE_DEFAULT_S;
	d->fast_idle_s = CONFIG_DIALER_FAST_IDLE_DEFAULT_S;
	d->enable_s = CONFIG_DIALER_ENABLE_DEFAULT_S;
	d->carrier_s = CONFIG_DIALER_CARRIER_DEFAULT_S;
	d->rotary_group = -1;
}

void conf_dialer_free(struct config_dialer *d)
{
	free(d->maps);
	free(d->strings);
	free(d->pool_members);
	d->maps = NULL;
	d->strings = NULL;
	d->pool_members = NULL;
	d->nmaps = d->nstrings = d->npool_members = 0;
}

void *conf_dup_array(const void *p, size_t n, size_t elem)
{
	void *d;

	if (n == 0)
		return NULL;
	d = malloc(n * elem);
	if (d)
		memcpy(d, p, n * elem);
	return d;
}

bool conf_dialer_dup(struct config_dialer *dst, const struct config_dialer *src)
{
	dst->maps = conf_dup_array(src->maps, src->nmaps, sizeof(*src->maps));
	dst->strings =
		conf_dup_array(src->strings, src->nstrings, sizeof(*src->strings));
	dst->pool_members = conf_dup_array(src->pool_members, src->npool_members,
				      sizeof(*src->pool_members));
	if ((src->nmaps && !dst->maps) || (src->nstrings && !dst->strings) ||
	    (src->npool_members && !dst->pool_members)) {
		conf_dialer_free(dst);
		return false;
	}
	return true;
}

void conf_dialer_overlay(struct config_dialer *dst,
			 const struct config_dialer *m)
{
	for (int f = 0; f < CONFIG_DLF__COUNT; f++) {
		if (!(m->set & CONFIG_DLF_BIT(f)))
			continue;
		switch ((enum config_dialer_field)f) {
		case CONFIG_DLF_IN_BAND:
			dst->in_band = m->in_band;
			dst->parity = m->parity;
			break;
		case CONFIG_DLF_GROUP:
			dst->group = m->group;
			break;
		case CONFIG_DLF_MAPS:
			dst->maps = m->maps;
			dst->nmaps = m->nmaps;
			break;
		case CONFIG_DLF_STRINGS:
			dst->strings = m->strings;
			dst->nstrings = m->nstrings;
			break;
		case CONFIG_DLF_IDLE:
			dst->idle_s = m->idle_s;
			dst->idle_dir = m->idle_dir;
			break;
		case CONFIG_DLF_FAST_IDLE:
			dst->fast_idle_s = m->fast_idle_s;
			break;
		case CONFIG_DLF_ENABLE:
			dst->enable_s = m->enable_s;
			break;
		case CONFIG_DLF_CARRIER:
			dst->carrier_s = m->carrier_s;
			break;
		case CONFIG_DLF_HOLD_QUEUE:
			dst->hold_queue_pkts = m->hold_queue_pkts;
			dst->hold_queue_timeout_s = m->hold_queue_timeout_s;
			break;
		case CONFIG_DLF_ROTARY:
			dst->rotary_group = m->rotary_group;
			break;
		case CONFIG_DLF_POOL:
			dst->pool = m->pool;
			break;
		case CONFIG_DLF_POOL_MEMBERS:
			dst->pool_members = m->pool_members;
			dst->npool_members = m->npool_members;
			break;
		case CONFIG_DLF_REMOTE_NAME:
			memcpy(dst->remote_name, m->remote_name,
			       sizeof(dst->remote_name));
			break;
		case CONFIG_DLF_CALLBACK_SECURE:
			dst->callback_secure = m->callback_secure;
			break;
		case CONFIG_DLF_VPDN:
			dst->vpdn = m->vpdn;
			break;
		case CONFIG_DLF_FAST_ROLLOVER:
			dst->fast_rollover_s = m->fast_rollover_s;
			break;
		case CONFIG_DLF__COUNT:
			break;
		}
	}
	dst->set |= m->set;
}

/* ---- lookups ------------------------------------------------------------- */

const struct config_map_class *config_map_class_find(const struct config *cfg,
						     const char *name)
{
	for (size_t i = 0; name && i < cfg->nmap_classes; i++)
		if (strcmp(cfg->map_classes[i].name, name) == 0)
			return &cfg->map_classes[i];
	return NULL;
}

unsigned config_dialer_timer_s(const struct config *cfg,
			       const struct config_if *cif,
			       const char *map_class,
			       enum config_dialer_field field)
{
	const struct config_map_class *mc =
		map_class && map_class[0]
			? config_map_class_find(cfg, map_class)
			: NULL;
	const struct config_dialer *d = &cif->dialer;
	bool own = mc && (mc->set & CONFIG_DLF_BIT(field));

	switch (field) {
	case CONFIG_DLF_IDLE:
		return own ? mc->idle_s : d->idle_s;
	case CONFIG_DLF_FAST_IDLE:
		return own ? mc->fast_idle_s : d->fast_idle_s;
	case CONFIG_DLF_ENABLE:
		return own ? mc->enable_s : d->enable_s;
	case CONFIG_DLF_CARRIER:
		return own ? mc->carrier_s : d->carrier_s;
	default:
		return 0;
	}
}

/* ---- handlers ------------------------------------------------------------ */

static bool off(const struct cmd_ctx *ctx)
{
	return ctx->negate || ctx->deflt;
}

/* The interface of the current config-if frame, refusing interfaces that
 * cannot dial (IOS has no dialer commands on LAN interfaces). */
static int cur_dialer(struct cmd_ctx *ctx, struct config_if **cifp)
{
	struct ifname id;

	CONF_CAND(ctx);
	if (!ifname_parse(cmd_ctx_key(ctx), &id))
		return cmd_error(ctx, "%% No such interface");
	switch (id.type) {
	case IF_BRI:
	case IF_SERIAL:
	case IF_ASYNC:
	case IF_GROUP_ASYNC:
	case IF_DIALER:
		break;
	default:
		return cmd_error(ctx, "%% Dialer commands are for interfaces "
				      "that can dial (BRI, Serial, Async, "
				      "Group-Async, Dialer)");
	}
	*cifp = config_if_get(ctx->cand, &id);
	return *cifp ? 0 : cmd_error(ctx, "%% Out of memory");
}

/* A dial string: what a modem or an ISDN call can dial.  IOS passes the
 * word to the DCE; nasd's phone network dials digits, with `,` (pause),
 * `*`, `#` and `:` (ISDN subaddress) kept for the daemon to interpret. */
static int check_dial(struct cmd_ctx *ctx, const char *dial)
{
	if (strlen(dial) >= CONFIG_NUMBER_MAX)
		return cmd_error(ctx,
				 "%% Dial string too long (at most %d "
				 "characters)",
				 CONFIG_NUMBER_MAX - 1);
	for (const char *p = dial; *p; p++)
		if (!strchr("0123456789*#,:", *p))
			return cmd_error(ctx,
					 "%% Invalid dial string \"%s\" "
					 "(digits, '*', '#', ',' and ':' "
					 "only)",
					 dial);
	return 0;
}

static int c_map(struct cmd_ctx *ctx, const struct cmd_args *args,
		 struct config_dialer *d)
{
	struct config_dialer_map m;
	const char *dial = cmd_arg_str(args, "dial");
	int rc;

	memset(&m, 0, sizeof(m));
	cmd_arg_ipv4(args, "A.B.C.D", &m.addr);
	if (cmd_arg_count(args, "name") > 1 ||
	    cmd_arg_count(args, "class") > 1 ||
	    cmd_arg_count(args, "broadcast") > 1)
		return cmd_error(ctx, "%% Each of name, class and broadcast "
				      "may be given once");
	if (dial && (rc = check_dial(ctx, dial)) != 0)
		return rc;
	if (off(ctx)) {
		/* `no dialer map ip A [... DIAL]`: the maps to A (with
		 * that dial string when one is given). */
		size_t k = 0;

		for (size_t i = 0; i < d->nmaps; i++)
			if (d->maps[i].addr != m.addr ||
			    (dial && strcmp(d->maps[i].dial, dial) != 0))
				d->maps[k++] = d->maps[i];
		d->nmaps = k;
		if (!k)
			d->set &= ~CONFIG_DLF_BIT(CONFIG_DLF_MAPS);
		return 0;
	}
	if ((rc = conf_strcpy(ctx, m.name, sizeof(m.name),
			      cmd_arg_has(args, "host")
				      ? cmd_arg_str(args, "host")
				      : "")) != 0 ||
	    (rc = conf_strcpy(ctx, m.map_class, sizeof(m.map_class),
			      cmd_arg_has(args, "map_class")
				      ? cmd_arg_str(args, "map_class")
				      : "")) != 0)
		return rc;
	m.broadcast = cmd_arg_has(args, "broadcast");
	if (dial)
		memcpy(m.dial, dial, strlen(dial) + 1);
	/* The same next hop and number replaces the map (IOS edits it in
	 * place); another number for the same hop is an alternative. */
	for (size_t i = 0; i < d->nmaps; i++) {
		if (d->maps[i].addr == m.addr &&
		    strcmp(d->maps[i].dial, m.dial) == 0) {
			d->maps[i] = m;
			return 0;
		}
	}
	{
		struct config_dialer_map *nv =
			realloc(d->maps, (d->nmaps + 1) * sizeof(*nv));

		if (!nv)
			return cmd_error(ctx, "%% Out of memory");
		d->maps = nv;
		nv[d->nmaps++] = m;
	}
	d->set |= CONFIG_DLF_BIT(CONFIG_DLF_MAPS);
	return 0;
}

static int c_string(struct cmd_ctx *ctx, const struct cmd_args *args,
		    struct config_dialer *d)
{
	struct config_dialer_string s;
	const char *dial = cmd_arg_str(args, "dial");
	int rc;

	memset(&s, 0, sizeof(s));
	if (dial && (rc = check_dial(ctx, dial)) != 0)
		return rc;
	if (off(ctx)) {
		/* `no dialer string` forgets them all, `no dialer string
		 * N` that one. */
		size_t k = 0;

		for (size_t i = 0; dial && i < d->nstrings; i++)
			if (strcmp(d->strings[i].dial, dial) != 0)
				d->strings[k++] = d->strings[i];
		d->nstrings = k;
		if (!k)
			d->set &= ~CONFIG_DLF_BIT(CONFIG_DLF_STRINGS);
		return 0;
	}
	memcpy(s.dial, dial, strlen(dial) + 1);
	if (cmd_arg_has(args, "map_class") &&
	    (rc = conf_strcpy(ctx, s.map_class, sizeof(s.map_class),
			      cmd_arg_str(args, "map_class"))) != 0)
		return rc;
	for (size_t i = 0; i < d->nstrings; i++) {
		if (strcmp(d->strings[i].dial, s.dial) == 0) {
			d->strings[i] = s;
			return 0;
		}
	}
	{
		struct config_dialer_string *nv =
			realloc(d->strings, (d->nstrings + 1) * sizeof(*nv));

		if (!nv)
			return cmd_error(ctx, "%% Out of memory");
		d->strings = nv;
		nv[d->nstrings++] = s;
	}
	d->set |= CONFIG_DLF_BIT(CONFIG_DLF_STRINGS);
	return 0;
}

static int c_pool_member(struct cmd_ctx *ctx, const struct cmd_args *args,
			 struct config_dialer *d)
{
	struct config_pool_member pm = {
		.pool = (unsigned)cmd_arg_num(args, "poolnum", 0),
		.priority = (unsigned)cmd_arg_num(args, "prio", 0),
		.min_link = (unsigned)cmd_arg_num(args, "min", 0),
		.max_link = (unsigned)cmd_arg_num(args, "max", 255),
	};
	size_t at = 0;

	while (at < d->npool_members && d->pool_members[at].pool < pm.pool)
		at++;
	if (off(ctx)) {
		if (at < d->npool_members &&
		    d->pool_members[at].pool == pm.pool) {
			memmove(&d->pool_members[at], &d->pool_members[at + 1],
				(d->npool_members - at - 1) * sizeof(pm));
			d->npool_members--;
		}
		if (!d->npool_members)
			d->set &= ~CONFIG_DLF_BIT(CONFIG_DLF_POOL_MEMBERS);
		return 0;
	}
	if (pm.min_link > pm.max_link)
		return cmd_error(ctx, "%% min-link %u is above max-link %u",
				 pm.min_link, pm.max_link);
	if (at == d->npool_members || d->pool_members[at].pool != pm.pool) {
		struct config_pool_member *nv = realloc(
			d->pool_members, (d->npool_members + 1) * sizeof(*nv));

		if (!nv)
			return cmd_error(ctx, "%% Out of memory");
		d->pool_members = nv;
		memmove(&nv[at + 1], &nv[at],
			(d->npool_members - at) * sizeof(*nv));
		d->npool_members++;
	}
	d->pool_members[at] = pm;
	d->set |= CONFIG_DLF_BIT(CONFIG_DLF_POOL_MEMBERS);
	return 0;
}

static enum config_idle_dir idle_dir(const struct cmd_args *args)
{
	if (cmd_arg_has(args, "either"))
		return CONFIG_IDLE_EITHER;
	if (cmd_arg_has(args, "inbound"))
		return CONFIG_IDLE_INBOUND;
	return CONFIG_IDLE_OUTBOUND;
}

/* Interface dialer commands; def->data is the enum config_dialer_field. */
static int c_dialer(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	enum config_dialer_field f = (enum config_dialer_field)ctx->def->data;
	unsigned secs = (unsigned)cmd_arg_num(args, "secs", 0);
	struct config_dialer *d, dflt;
	struct config_if *cif;
	int rc;

	if ((rc = cur_dialer(ctx, &cif)) != 0)
		return rc;
	d = &cif->dialer;
	switch (f) {
	case CONFIG_DLF_MAPS:
		return c_map(ctx, args, d);
	case CONFIG_DLF_STRINGS:
		return c_string(ctx, args, d);
	case CONFIG_DLF_POOL_MEMBERS:
		if (cif->id.type == IF_DIALER)
			return cmd_error(ctx, "%% A Dialer interface uses "
					      "`dialer pool`; pool-member "
					      "is for physical interfaces");
		return c_pool_member(ctx, args, d);
	case CONFIG_DLF_ROTARY:
		if (cif->id.type == IF_DIALER)
			return cmd_error(ctx, "%% dialer rotary-group is for "
					      "physical interfaces");
		break;
	case CONFIG_DLF_POOL:
	case CONFIG_DLF_REMOTE_NAME:
		if (cif->id.type != IF_DIALER)
			return cmd_error(ctx,
					 "%% %s is for Dialer interfaces "
					 "(dialer profiles)",
					 config_dialer_field_names[f]);
		break;
	default:
		break;
	}
	conf_dialer_defaults(&dflt);
	if (off(ctx)) {
		d->set &= ~CONFIG_DLF_BIT(f);
		switch (f) {
		case CONFIG_DLF_IN_BAND:
			d->in_band = false;
			d->parity = CONFIG_PARITY_DEFAULT;
			break;
		case CONFIG_DLF_GROUP:
			d->group = 0;
			break;
		case CONFIG_DLF_IDLE:
			d->idle_s = dflt.idle_s;
			d->idle_dir = CONFIG_IDLE_OUTBOUND;
			break;
		case CONFIG_DLF_FAST_IDLE:
			d->fast_idle_s = dflt.fast_idle_s;
			break;
		case CONFIG_DLF_ENABLE:
			d->enable_s = dflt.enable_s;
			break;
		case CONFIG_DLF_CARRIER:
			d->carrier_s = dflt.carrier_s;
			break;
		case CONFIG_DLF_HOLD_QUEUE:
			d->hold_queue_pkts = d->hold_queue_timeout_s = 0;
			break;
		case CONFIG_DLF_ROTARY:
			d->rotary_group = -1;
			break;
		case CONFIG_DLF_POOL:
			d->pool = 0;
			break;
		case CONFIG_DLF_REMOTE_NAME:
			d->remote_name[0] = '\0';
			break;
		case CONFIG_DLF_CALLBACK_SECURE:
			d->callback_secure = false;
			break;
		case CONFIG_DLF_VPDN:
			d->vpdn = false;
			break;
		case CONFIG_DLF_FAST_ROLLOVER:
			d->fast_rollover_s = 0;
			break;
		default:
			break;
		}
		return 0;
	}
	switch (f) {
	case CONFIG_DLF_IN_BAND:
		d->in_band = true;
		d->parity = cmd_arg_has(args, "no-parity") ? CONFIG_PARITY_NONE
			    : cmd_arg_has(args, "odd-parity")
				    ? CONFIG_PARITY_ODD
				    : CONFIG_PARITY_DEFAULT;
		break;
	case CONFIG_DLF_GROUP:
		d->group = (unsigned)cmd_arg_num(args, "group", 0);
		break;
	case CONFIG_DLF_IDLE:
		d->idle_s = secs;
		d->idle_dir = idle_dir(args);
		break;
	case CONFIG_DLF_FAST_IDLE:
		d->fast_idle_s = secs;
		break;
	case CONFIG_DLF_ENABLE:
		d->enable_s = secs;
		break;
	case CONFIG_DLF_CARRIER:
		d->carrier_s = secs;
		break;
	case CONFIG_DLF_HOLD_QUEUE:
		d->hold_queue_pkts = (unsigned)cmd_arg_num(args, "pkts", 0);
		d->hold_queue_timeout_s = secs;
		break;
	case CONFIG_DLF_ROTARY:
		d->rotary_group = (int)cmd_arg_num(args, "group", -1);
		break;
	case CONFIG_DLF_POOL:
		d->pool = (unsigned)cmd_arg_num(args, "poolnum", 0);
		break;
	case CONFIG_DLF_REMOTE_NAME:
		if ((rc = conf_strcpy(ctx, d->remote_name,
				      sizeof(d->remote_name),
				      cmd_arg_str(args, "name"))) != 0)
			return rc;
		break;
	case CONFIG_DLF_CALLBACK_SECURE:
		d->callback_secure = true;
		break;
	case CONFIG_DLF_VPDN:
		d->vpdn = true;
		break;
	case CONFIG_DLF_FAST_ROLLOVER:
		d->fast_rollover_s = secs;
		break;
	default:
		return cmd_error(ctx, "%% Internal error: field %d", (int)f);
	}
	d->set |= CONFIG_DLF_BIT(f);
	return 0;
}

/* ---- map-class dialer ---------------------------------------------------- */

static struct config_map_class *map_class_get(struct config *cfg,
					      const char *name, bool create)
{
	struct config_map_class *nv;

	for (size_t i = 0; i < cfg->nmap_classes; i++)
		if (strcmp(cfg->map_classes[i].name, name) == 0)
			return &cfg->map_classes[i];
	if (!create)
		return NULL;
	nv = realloc(cfg->map_classes, (cfg->nmap_classes + 1) * sizeof(*nv));
	if (!nv)
		return NULL;
	cfg->map_classes = nv;
	nv = &nv[cfg->nmap_classes++];
	memset(nv, 0, sizeof(*nv));
	memcpy(nv->name, name, strlen(name) + 1);
	nv->idle_s = CONFIG_DIALER_IDLE_DEFAULT_S;
	nv->fast_idle_s = CONFIG_DIALER_FAST_IDLE_DEFAULT_S;
	nv->enable_s = CONFIG_DIALER_ENABLE_DEFAULT_S;
	nv->carrier_s = CONFIG_DIALER_CARRIER_DEFAULT_S;
	return nv;
}

static int c_map_class(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "name");
	struct config *cfg;
	struct config_map_class *mc;

	CONF_CAND(ctx);
	cfg = ctx->cand;
	if (strlen(name) >= CONFIG_NAME_MAX)
		return cmd_error(ctx,
				 "%% Map-class name too long (at most %d "
				 "characters)",
				 CONFIG_NAME_MAX - 1);
	if (off(ctx)) {
		mc = map_class_get(cfg, name, false);
		if (mc) {
			size_t at = (size_t)(mc - cfg->map_classes);

			memmove(mc, mc + 1,
				(cfg->nmap_classes - at - 1) * sizeof(*mc));
			cfg->nmap_classes--;
		}
		return 0;
	}
	if (!map_class_get(cfg, name, true))
		return cmd_error(ctx, "%% Out of memory");
	cmd_enter(ctx, CMD_MODE_MAPCLASS, name);
	return 0;
}

/* Map-class commands; def->data is the enum config_dialer_field (IDLE,
 * FAST_IDLE, ENABLE, CARRIER) or -1 for callback-server, -2 for isdn
 * speed. */
#define MC_CALLBACK_SERVER (-1)
#define MC_ISDN_SPEED (-2)

static int c_mc(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	int what = (int)ctx->def->data;
	unsigned secs = (unsigned)cmd_arg_num(args, "secs", 0);
	struct config_map_class *mc;
	bool on = !off(ctx);

	CONF_CAND(ctx);
	mc = map_class_get(ctx->cand, cmd_ctx_key(ctx), true);
	if (!mc)
		return cmd_error(ctx, "%% Out of memory");
	if (what == MC_CALLBACK_SERVER) {
		mc->callback_server = !on ? CONFIG_CBSERVER_NONE
				      : cmd_arg_has(args, "dialstring")
					      ? CONFIG_CBSERVER_DIALSTRING
					      : CONFIG_CBSERVER_USERNAME;
		return 0;
	}
	if (what == MC_ISDN_SPEED) {
		mc->isdn_speed_kbps = !on			? 0
				      : cmd_arg_has(args, "56") ? 56
								: 64;
		return 0;
	}
	if (on)
		mc->set |= CONFIG_DLF_BIT(what);
	else
		mc->set &= ~CONFIG_DLF_BIT(what);
	switch ((enum config_dialer_field)what) {
	case CONFIG_DLF_IDLE:
		mc->idle_s = on ? secs : CONFIG_DIALER_IDLE_DEFAULT_S;
		mc->idle_dir = on ? idle_dir(args) : CONFIG_IDLE_OUTBOUND;
		break;
	case CONFIG_DLF_FAST_IDLE:
		mc->fast_idle_s = on ? secs : CONFIG_DIALER_FAST_IDLE_DEFAULT_S;
		break;
	case CONFIG_DLF_ENABLE:
		mc->enable_s = on ? secs : CONFIG_DIALER_ENABLE_DEFAULT_S;
		break;
	case CONFIG_DLF_CARRIER:
		mc->carrier_s = on ? secs : CONFIG_DIALER_CARRIER_DEFAULT_S;
		break;
	default:
		return cmd_error(ctx, "%% Internal error: field %d", what);
	}
	return 0;
}

/* ---- grammar ------------------------------------------------------------- */

#define I CMD_MODE_IF
#define MC CMD_MODE_MAPCLASS
#define NO CMD_NO
#define NOO CMD_NO_ONLY
#define D(f) CONFIG_DLF_##f
#define DH "Dial on demand\n"
#define IDLE_HELP                                                              \
	DH "Specify idle timeout before disconnecting line\n"                  \
	   "Idle timeout in seconds\n"                                         \
	   "Reset idle timer based on both inbound and outbound traffic\n"     \
	   "Reset idle timer based on inbound traffic only"
#define FAST_IDLE_HELP                                                         \
	DH "Set idle time before disconnecting line with an unusually high "   \
	   "level of contention\n"                                             \
	   "Fast idle in seconds"
#define ENABLE_HELP                                                            \
	DH "Set length of time an interface stays down before it is "          \
	   "available for dialing\n"                                           \
	   "Enable timeout in seconds"
#define CARRIER_HELP                                                           \
	DH "How long the router will wait for carrier\n"                       \
	   "Wait for carrier time in seconds"

static const struct cmd_def dialer_defs[] = {
	{I, "dialer in-band [no-parity|odd-parity]",
	 DH "Set v.25bis dialing for this interface\nNo parity\nOdd parity",
	 c_dialer, NO, D(IN_BAND)},
	{I, "dialer-group <1-10>$group",
	 "Assign interface to dialer-list\nDialer list number", c_dialer, NO,
	 D(GROUP)},
	{I, "dialer-group", "Assign interface to dialer-list", c_dialer, NOO,
	 D(GROUP)},
	{I,
	 "dialer map ip A.B.C.D [{name WORD$host|class WORD$map_class|"
	 "broadcast}...] [WORD$dial]",
	 DH "Define multiple dial-on-demand numbers\n"
	    "IP\n"
	    "Protocol specific address\n"
	    "Map to a host\n"
	    "Host name\n"
	    "Dialer map class\n"
	    "Dialer map class name\n"
	    "Broadcasts should be forwarded to this address\n"
	    "Dialer string",
	 c_dialer, NO, D(MAPS)},
	{I, "dialer string WORD$dial [class WORD$map_class]",
	 DH "Specify telephone number to be passed to DCE device\n"
	    "Dialer string\nDialer map class\nDialer map class name",
	 c_dialer, NO, D(STRINGS)},
	{I, "dialer string", DH "Specify telephone number", c_dialer, NOO,
	 D(STRINGS)},
	{I, "dialer idle-timeout <0-2147483>$secs [either|inbound]", IDLE_HELP,
	 c_dialer, NO, D(IDLE)},
	{I, "dialer idle-timeout",
	 DH "Specify idle timeout before disconnecting line", c_dialer, NOO,
	 D(IDLE)},
	{I, "dialer fast-idle <1-2147483>$secs", FAST_IDLE_HELP, c_dialer, NO,
	 D(FAST_IDLE)},
	{I, "dialer fast-idle", DH "Set fast idle time", c_dialer, NOO,
	 D(FAST_IDLE)},
	{I, "dialer enable-timeout <1-2147483>$secs", ENABLE_HELP, c_dialer, NO,
	 D(ENABLE)},
	{I, "dialer enable-timeout", DH "Set enable timeout", c_dialer, NOO,
	 D(ENABLE)},
	{I, "dialer wait-for-carrier-time <1-2147483>$secs", CARRIER_HELP,
	 c_dialer, NO, D(CARRIER)},
	{I, "dialer wait-for-carrier-time", DH "Set wait for carrier time",
	 c_dialer, NOO, D(CARRIER)},
	{I, "dialer hold-queue <0-100>$pkts [timeout <1-2147483>$secs]",
	 DH "Configure packet queueing for dialer\n"
	    "Number of packets\n"
	    "Hold queue timer\n"
	    "Seconds",
	 c_dialer, NO, D(HOLD_QUEUE)},
	{I, "dialer hold-queue", DH "Configure packet queueing for dialer",
	 c_dialer, NOO, D(HOLD_QUEUE)},
	{I, "dialer rotary-group <0-255>$group",
	 DH "Add this interface to a dialer rotary group\n"
	    "Rotary group number",
	 c_dialer, NO, D(ROTARY)},
	{I, "dialer rotary-group",
	 DH "Add this interface to a dialer rotary group", c_dialer, NOO,
	 D(ROTARY)},
	{I, "dialer pool <1-255>$poolnum",
	 DH "Specify dialer pool to be used\nDialer pool number", c_dialer, NO,
	 D(POOL)},
	{I, "dialer pool", DH "Specify dialer pool to be used", c_dialer, NOO,
	 D(POOL)},
	{I,
	 "dialer pool-member <1-255>$poolnum [priority <0-255>$prio] "
	 "[min-link <0-255>$min] [max-link <0-255>$max]",
	 DH "Specify dialer pool membership\n"
	    "Dialer pool number\n"
	    "Priority of interface in pool\n"
	    "Priority (0 lowest)\n"
	    "Minimum number of channels reserved for this pool\n"
	    "Channels\n"
	    "Maximum number of channels for this pool\n"
	    "Channels",
	 c_dialer, NO, D(POOL_MEMBERS)},
	{I, "dialer remote-name WORD$name",
	 DH "Configure dialer profile's remote host name\nRemote host name",
	 c_dialer, NO, D(REMOTE_NAME)},
	{I, "dialer remote-name",
	 DH "Configure dialer profile's remote host name", c_dialer, NOO,
	 D(REMOTE_NAME)},
	{I, "dialer callback-secure", DH "Enable callback security", c_dialer,
	 NO, D(CALLBACK_SECURE)},
	{I, "dialer vpdn", DH "Enable Virtual Private Dialup Network", c_dialer,
	 NO, D(VPDN)},
	{I, "isdn fast-rollover-delay <1-2147483>$secs",
	 "ISDN Interface configuration commands\n"
	 "Delay between fastrollover dials\n"
	 "Seconds",
	 c_dialer, NO, D(FAST_ROLLOVER)},
	{I, "isdn fast-rollover-delay",
	 "ISDN Interface configuration commands\n"
	 "Delay between fastrollover dials",
	 c_dialer, NOO, D(FAST_ROLLOVER)},
	/* map-class dialer */
	{CMD_MODE_CONFIG, "map-class dialer WORD$name",
	 "Configure static map class\nDial on Demand\nStatic map class name",
	 c_map_class, NO, 0},
	{MC, "dialer callback-server [username|dialstring]",
	 DH "Enable callback return call\n"
	    "Identify return call number by looking up the authenticated "
	    "host name in the dialer map\n"
	    "Identify return call number by the dialstring",
	 c_mc, NO, MC_CALLBACK_SERVER},
	{MC, "dialer idle-timeout <0-2147483>$secs [either|inbound]", IDLE_HELP,
	 c_mc, NO, D(IDLE)},
	{MC, "dialer idle-timeout",
	 DH "Specify idle timeout before disconnecting line", c_mc, NOO,
	 D(IDLE)},
	{MC, "dialer fast-idle <1-2147483>$secs", FAST_IDLE_HELP, c_mc, NO,
	 D(FAST_IDLE)},
	{MC, "dialer fast-idle", DH "Set fast idle time", c_mc, NOO,
	 D(FAST_IDLE)},
	{MC, "dialer enable-timeout <1-2147483>$secs", ENABLE_HELP, c_mc, NO,
	 D(ENABLE)},
	{MC, "dialer enable-timeout", DH "Set enable timeout", c_mc, NOO,
	 D(ENABLE)},
	{MC, "dialer wait-for-carrier-time <1-2147483>$secs", CARRIER_HELP,
	 c_mc, NO, D(CARRIER)},
	{MC, "dialer wait-for-carrier-time", DH "Set wait for carrier time",
	 c_mc, NOO, D(CARRIER)},
	{MC, "dialer isdn speed {56|64}",
	 DH "ISDN settings\nSet the line speed of the call\n"
	    "56 kbit/s\n64 kbit/s",
	 c_mc, NO, MC_ISDN_SPEED},
	{MC, "dialer isdn speed", DH "ISDN settings\nSet the line speed", c_mc,
	 NOO, MC_ISDN_SPEED},
};

int conf_dialer_install(struct cmd_table *t)
{
	return cmd_install(t, dialer_defs, CONF_NDEFS(dialer_defs));
}

/* ---- running-config ------------------------------------------------------ */

static bool has(const struct config_dialer *d, enum config_dialer_field f)
{
	return d->set & CONFIG_DLF_BIT(f);
}

static void idle_line(struct strbuf *sb, unsigned secs,
		      enum config_idle_dir dir)
{
	sb_printf(sb, " dialer idle-timeout %u", secs);
	if (dir != CONFIG_IDLE_OUTBOUND)
		sb_printf(sb, " %s", config_idle_dir_names[dir]);
	sb_puts(sb, "\n");
}

void conf_dialer_write_inband(struct strbuf *sb, const struct config_if *cif)
{
	const struct config_dialer *d = &cif->dialer;

	if (!has(d, CONFIG_DLF_IN_BAND) || !d->in_band)
		return;
	sb_puts(sb, " dialer in-band");
	if (d->parity != CONFIG_PARITY_DEFAULT)
		sb_printf(sb, " %s", config_parity_names[d->parity]);
	sb_puts(sb, "\n");
}

/* IOS order, as in seeds 002 and 004: rotary-group, pool, remote-name,
 * callback-secure, the timers, strings, maps, hold-queue, vpdn,
 * pool-members, dialer-group. */
void conf_dialer_write_if(struct strbuf *sb, const struct config_if *cif)
{
	const struct config_dialer *d = &cif->dialer;

	if (has(d, CONFIG_DLF_ROTARY))
		sb_printf(sb, " dialer rotary-group %d\n", d->rotary_group);
	if (has(d, CONFIG_DLF_POOL))
		sb_printf(sb, " dialer pool %u\n", d->pool);
	if (has(d, CONFIG_DLF_REMOTE_NAME)) {
		sb_puts(sb, " dialer remote-name ");
		cmd_quote(sb, d->remote_name);
		sb_puts(sb, "\n");
	}
	if (has(d, CONFIG_DLF_CALLBACK_SECURE))
		sb_puts(sb, " dialer callback-secure\n");
	if (has(d, CONFIG_DLF_IDLE))
		idle_line(sb, d->idle_s, d->idle_dir);
	if (has(d, CONFIG_DLF_FAST_IDLE))
		sb_printf(sb, " dialer fast-idle %u\n", d->fast_idle_s);
	if (has(d, CONFIG_DLF_ENABLE))
		sb_printf(sb, " dialer enable-timeout %u\n", d->enable_s);
	if (has(d, CONFIG_DLF_CARRIER))
		sb_printf(sb, " dialer wait-for-carrier-time %u\n",
			  d->carrier_s);
	for (size_t i = 0; has(d, CONFIG_DLF_STRINGS) && i < d->nstrings; i++) {
		sb_printf(sb, " dialer string %s", d->strings[i].dial);
		if (d->strings[i].map_class[0]) {
			sb_puts(sb, " class ");
			cmd_quote(sb, d->strings[i].map_class);
		}
		sb_puts(sb, "\n");
	}
	for (size_t i = 0; has(d, CONFIG_DLF_MAPS) && i < d->nmaps; i++) {
		const struct config_dialer_map *m = &d->maps[i];

		sb_puts(sb, " dialer map ip ");
		conf_write_ip4(sb, m->addr);
		if (m->name[0]) {
			sb_puts(sb, " name ");
			cmd_quote(sb, m->name);
		}
		if (m->map_class[0]) {
			sb_puts(sb, " class ");
			cmd_quote(sb, m->map_class);
		}
		if (m->broadcast)
			sb_puts(sb, " broadcast");
		if (m->dial[0])
			sb_printf(sb, " %s", m->dial);
		sb_puts(sb, "\n");
	}
	if (has(d, CONFIG_DLF_HOLD_QUEUE)) {
		sb_printf(sb, " dialer hold-queue %u", d->hold_queue_pkts);
		if (d->hold_queue_timeout_s)
			sb_printf(sb, " timeout %u", d->hold_queue_timeout_s);
		sb_puts(sb, "\n");
	}
	if (has(d, CONFIG_DLF_VPDN))
		sb_puts(sb, " dialer vpdn\n");
	for (size_t i = 0;
	     has(d, CONFIG_DLF_POOL_MEMBERS) && i < d->npool_members; i++) {
		const struct config_pool_member *pm = &d->pool_members[i];

		sb_printf(sb, " dialer pool-member %u", pm->pool);
		if (pm->priority)
			sb_printf(sb, " priority %u", pm->priority);
		if (pm->min_link)
			sb_printf(sb, " min-link %u", pm->min_link);
		if (pm->max_link != 255)
			sb_printf(sb, " max-link %u", pm->max_link);
		sb_puts(sb, "\n");
	}
	if (has(d, CONFIG_DLF_GROUP))
		sb_printf(sb, " dialer-group %u\n", d->group);
}

void conf_dialer_write_isdn(struct strbuf *sb, const struct config_if *cif)
{
	if (has(&cif->dialer, CONFIG_DLF_FAST_ROLLOVER))
		sb_printf(sb, " isdn fast-rollover-delay %u\n",
			  cif->dialer.fast_rollover_s);
}

void conf_dialer_write_map_classes(struct strbuf *sb, const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nmap_classes; i++) {
		const struct config_map_class *mc = &cfg->map_classes[i];

		sb_puts(sb, "map-class dialer ");
		cmd_quote(sb, mc->name);
		sb_puts(sb, "\n");
		if (mc->set & CONFIG_DLF_BIT(CONFIG_DLF_IDLE))
			idle_line(sb, mc->idle_s, mc->idle_dir);
		if (mc->set & CONFIG_DLF_BIT(CONFIG_DLF_FAST_IDLE))
			sb_printf(sb, " dialer fast-idle %u\n",
				  mc->fast_idle_s);
		if (mc->set & CONFIG_DLF_BIT(CONFIG_DLF_ENABLE))
			sb_printf(sb, " dialer enable-timeout %u\n",
				  mc->enable_s);
		if (mc->set & CONFIG_DLF_BIT(CONFIG_DLF_CARRIER))
			sb_printf(sb, " dialer wait-for-carrier-time %u\n",
				  mc->carrier_s);
		if (mc->isdn_speed_kbps)
			sb_printf(sb, " dialer isdn speed %u\n",
				  mc->isdn_speed_kbps);
		if (mc->callback_server != CONFIG_CBSERVER_NONE)
			sb_printf(sb, " dialer callback-server %s\n",
				  config_cbserver_names[mc->callback_server]);
		sb_puts(sb, "!\n");
	}
}
