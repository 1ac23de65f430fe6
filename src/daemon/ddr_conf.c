/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_conf.c - configuration → dialers (ddr_conf.h): which interfaces are
 * dialers, their members and channels, and the struct ddr_cfg of each
 * (maps, strings, classes, timers, hold queue, callback, dialer list with
 * its compiled access list).
 */
#include "ddr_conf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void warnf(struct strbuf *warn, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void warnf(struct strbuf *warn, const char *fmt, ...)
{
	va_list ap;
	char line[256];

	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	sb_printf(warn, "%% %s\n", line);
}

/* Copy a name, cut to the core's field (names longer than DDR_NAME_MAX
 * - 1 do not occur in practice: IOS host names are at most 30). */
static void copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memmove(dst, src, n);
	dst[n] = '\0';
}

/* ---- access lists ---- */

static enum ddr_acl_port_op port_op(enum config_port_op op)
{
	switch (op) {
	case CONFIG_PORT_EQ:
		return DDR_ACL_PORT_EQ;
	case CONFIG_PORT_LT:
		return DDR_ACL_PORT_LT;
	case CONFIG_PORT_GT:
		return DDR_ACL_PORT_GT;
	case CONFIG_PORT_NEQ:
		return DDR_ACL_PORT_NEQ;
	case CONFIG_PORT_RANGE:
		return DDR_ACL_PORT_RANGE;
	default:
		return DDR_ACL_PORT_NONE;
	}
}

static struct ddr_acl_ports ports(const struct config_acl_port *p, bool l4)
{
	struct ddr_acl_ports out = {DDR_ACL_PORT_NONE, 0, 0};

	if (!l4 || p->op == CONFIG_PORT_ANY)
		return out;
	out.op = port_op(p->op);
	out.lo = (uint16_t)p->lo;
	out.hi = p->op == CONFIG_PORT_RANGE ? (uint16_t)p->hi : 0;
	return out;
}

bool ddr_conf_acl(const struct config *cfg, unsigned num, struct ddr_acl *acl,
		  struct strbuf *warn)
{
	const struct config_acl *ca;
	bool standard = num < 100;

	memset(acl, 0, sizeof(*acl));
	if (num < 1 || num > 199)
		return false;
	acl->number = (uint16_t)num;
	ca = config_acl_find(cfg, num);
	if (!ca)
		return true; /* undefined: IOS lets everything through */
	for (size_t i = 0; i < ca->n; i++) {
		const struct config_ace *e = &ca->v[i];
		struct ddr_acl_rule *r;
		bool l4;

		if (e->is_remark)
			continue;
		if (acl->n_rules == DDR_ACL_RULES_MAX) {
			warnf(warn,
			      "access-list %u: only its first %d entries "
			      "decide interesting traffic",
			      num, DDR_ACL_RULES_MAX);
			break;
		}
		r = &acl->rules[acl->n_rules++];
		r->permit = e->action == CONFIG_ACL_PERMIT;
		r->src = ddr_acl_wild(e->src.addr, e->src.wildcard);
		if (standard) {
			r->proto = DDR_ACL_PROTO_IP;
			r->dst = ddr_acl_any();
			continue;
		}
		r->proto = e->protocol == CONFIG_ACL_PROTO_IP
				   ? DDR_ACL_PROTO_IP
				   : (uint16_t)e->protocol;
		r->dst = ddr_acl_wild(e->dst.addr, e->dst.wildcard);
		l4 = e->protocol == 6 || e->protocol == 17;
		r->sport = ports(&e->sport, l4);
		r->dport = ports(&e->dport, l4);
	}
	return true;
}

/* ---- which interfaces are dialers ---- */

static bool is_isdn(const struct config_if *cif)
{
	if (cif->id.type == IF_BRI)
		return !cif->id.has_channel;
	return cif->id.type == IF_SERIAL && cif->id.has_channel &&
	       (cif->id.channel == 23 || cif->id.channel == 15);
}

static bool is_physical(const struct config_if *cif)
{
	return is_isdn(cif) || cif->id.type == IF_ASYNC;
}

/* Calls a physical interface can carry at once. */
static unsigned channels_of(const struct config *cfg,
			    const struct config_if *cif)
{
	const struct config_controller *ctrl;
	unsigned n = 0;

	if (cif->id.type == IF_ASYNC)
		return 1;
	if (cif->id.type == IF_BRI)
		return 2;
	ctrl = config_controller_find(cfg, cif->id.channel == 15, cif->id.unit);
	if (!ctrl)
		return 0;
	for (unsigned ts = 1; ts <= 31; ts++) {
		bool dchan = cif->id.channel == 15 ? ts == 16 : ts >= 24;

		if (!dchan && (ctrl->slot_mask & ((uint32_t)1 << ts)))
			n++;
	}
	return n;
}

/* A legacy dialer of its own: DDR configured on the interface itself. */
static bool own_dialer(const struct config_if *cif)
{
	const struct config_dialer *d = &cif->dialer;
	uint32_t own = d->set & ~(CONFIG_DLF_BIT(CONFIG_DLF_POOL_MEMBERS) |
				  CONFIG_DLF_BIT(CONFIG_DLF_ROTARY));

	if (!is_physical(cif) || d->rotary_group >= 0)
		return false;
	return d->in_band || own != 0;
}

static bool member_of_pool(const struct config_if *cif, unsigned pool,
			   unsigned *priority)
{
	for (size_t i = 0; i < cif->dialer.npool_members; i++)
		if (cif->dialer.pool_members[i].pool == pool) {
			*priority = cif->dialer.pool_members[i].priority;
			return true;
		}
	return false;
}

static void add_member(struct ddr_conf *dc, const struct config *cfg,
		       const struct config_if *m, struct strbuf *warn)
{
	unsigned ch = channels_of(cfg, m);

	if (dc->n_members == DDR_CONF_MEMBERS_MAX) {
		warnf(warn, "%s: more than %d member interfaces, %s ignored",
		      dc->ifname, DDR_CONF_MEMBERS_MAX, m->name);
		return;
	}
	if (dc->cfg.channels + ch > DDR_LINKS_MAX) {
		warnf(warn, "%s: more than %d channels, %s ignored", dc->ifname,
		      DDR_LINKS_MAX, m->name);
		return;
	}
	copy(dc->members[dc->n_members++], IFNAME_MAX, m->name);
	dc->cfg.channels += ch;
	dc->lower = m->id.type == IF_ASYNC ? DDR_CONF_ASYNC : DDR_CONF_ISDN;
}

/* Members of `interface Dialer N`: rotary members, or the pool's members
 * by descending priority (then configuration order). */
static void find_members(struct ddr_conf *dc, const struct config *cfg,
			 const struct config_if *dialer, struct strbuf *warn)
{
	unsigned pool = dialer->dialer.pool;

	if (pool) {
		for (int prio = 255; prio >= 0; prio--)
			for (size_t i = 0; i < cfg->nifs; i++) {
				unsigned p;

				if (is_physical(&cfg->ifs[i]) &&
				    member_of_pool(&cfg->ifs[i], pool, &p) &&
				    p == (unsigned)prio)
					add_member(dc, cfg, &cfg->ifs[i], warn);
			}
		return;
	}
	for (size_t i = 0; i < cfg->nifs; i++)
		if (is_physical(&cfg->ifs[i]) &&
		    cfg->ifs[i].dialer.rotary_group == (int)dialer->id.unit)
			add_member(dc, cfg, &cfg->ifs[i], warn);
}

/* ---- the ddr_cfg of one dialer ---- */

static void add_class(struct ddr_conf *dc, const struct config *cfg, char *cls,
		      struct strbuf *warn)
{
	struct ddr_cfg *c = &dc->cfg;
	const struct config_map_class *mc;

	if (!cls[0])
		return;
	for (size_t i = 0; i < c->n_classes; i++)
		if (strcmp(c->classes[i].name, cls) == 0)
			return;
	mc = config_map_class_find(cfg, cls);
	if (!mc) {
		warnf(warn, "%s: map-class dialer %s is not defined",
		      dc->ifname, cls);
		cls[0] = '\0';
		return;
	}
	if (c->n_classes == DDR_CLASSES_MAX) {
		warnf(warn, "%s: more than %d map classes, %s ignored",
		      dc->ifname, DDR_CLASSES_MAX, cls);
		cls[0] = '\0';
		return;
	}
	copy(c->classes[c->n_classes].name, DDR_NAME_MAX, cls);
	switch (mc->callback_server) {
	case CONFIG_CBSERVER_USERNAME:
		c->classes[c->n_classes].cb_server = DDR_CB_SERVER_USERNAME;
		break;
	case CONFIG_CBSERVER_DIALSTRING:
		c->classes[c->n_classes].cb_server = DDR_CB_SERVER_DIALSTRING;
		break;
	default:
		c->classes[c->n_classes].cb_server = DDR_CB_SERVER_NONE;
		break;
	}
	c->n_classes++;
}

/* The class whose timers the dialer uses (file comment of ddr_conf.h). */
static const char *timer_class(const struct config_dialer *d,
			       const char *ifname, struct strbuf *warn)
{
	const char *cls = NULL;

	for (size_t i = 0; i < d->nstrings; i++)
		if (d->strings[i].map_class[0])
			return d->strings[i].map_class;
	for (size_t i = 0; i < d->nmaps; i++) {
		const char *m = d->maps[i].map_class;

		if (!m[0])
			continue;
		if (cls && strcmp(cls, m) != 0) {
			warnf(warn,
			      "%s: dialer maps use different map classes; "
			      "their timers are the interface's",
			      ifname);
			return NULL;
		}
		cls = m;
	}
	return cls;
}

static uint32_t timer_s(const struct config *cfg, const struct config_if *cif,
			const char *cls, enum config_dialer_field f)
{
	unsigned s = config_dialer_timer_s(cfg, cif, cls, f);

	/* `dialer idle-timeout 0`: never disconnect on idle. */
	if (s == 0 || s > DDR_TIMER_MAX_S)
		return DDR_TIMER_MAX_S;
	return s;
}

static void fill_list(struct ddr_conf *dc, const struct config *cfg,
		      const struct config_dialer *d, struct strbuf *warn)
{
	const struct config_dialer_list *dl =
		d->group ? config_dialer_list_find(cfg, d->group) : NULL;

	dc->cfg.list = DDR_LIST_NONE;
	if (!dl)
		return;
	switch (dl->kind) {
	case CONFIG_DLIST_PERMIT:
		dc->cfg.list = DDR_LIST_PERMIT;
		break;
	case CONFIG_DLIST_DENY:
		dc->cfg.list = DDR_LIST_DENY;
		break;
	case CONFIG_DLIST_LIST:
		if (ddr_conf_acl(cfg, dl->acl, &dc->cfg.acl, warn))
			dc->cfg.list = DDR_LIST_ACL;
		break;
	default:
		break;
	}
}

static void fill_cfg(struct ddr_conf *dc, const struct config *cfg,
		     const struct config_if *cif, struct strbuf *warn)
{
	const struct config_dialer *d = &cif->dialer;
	struct ddr_cfg *c = &dc->cfg;
	const char *cls;

	copy(c->name, sizeof(c->name), cif->name);
	ifname_short(&cif->id, c->short_name, sizeof(c->short_name));
	c->kind =
		cif->id.type == IF_DIALER && d->pool ? DDR_PROFILE : DDR_LEGACY;
	c->type = c->kind == DDR_PROFILE	? DDR_TYPE_PROFILE
		  : dc->lower == DDR_CONF_ASYNC ? DDR_TYPE_ASYNC
						: DDR_TYPE_ISDN;
	for (size_t i = 0; i < d->nmaps; i++) {
		struct ddr_map *m;

		if (c->n_maps == DDR_MAPS_MAX) {
			warnf(warn,
			      "%s: only the first %d dialer maps are used",
			      dc->ifname, DDR_MAPS_MAX);
			break;
		}
		m = &c->maps[c->n_maps++];
		m->next_hop = d->maps[i].addr;
		copy(m->name, sizeof(m->name), d->maps[i].name);
		copy(m->cls, sizeof(m->cls), d->maps[i].map_class);
		copy(m->number, sizeof(m->number), d->maps[i].dial);
		m->broadcast = d->maps[i].broadcast;
		add_class(dc, cfg, m->cls, warn);
	}
	for (size_t i = 0; i < d->nstrings && c->n_strings < DDR_STRINGS_MAX;
	     i++)
		copy(c->strings[c->n_strings++], DDR_NUMBER_MAX,
		     d->strings[i].dial);
	if (d->nstrings > DDR_STRINGS_MAX)
		warnf(warn, "%s: only the first %d dialer strings are used",
		      dc->ifname, DDR_STRINGS_MAX);
	copy(c->remote_name, sizeof(c->remote_name), d->remote_name);
	c->pool = d->pool;
	cls = timer_class(d, dc->ifname, warn);
	c->idle_s = timer_s(cfg, cif, cls, CONFIG_DLF_IDLE);
	c->fast_idle_s = timer_s(cfg, cif, cls, CONFIG_DLF_FAST_IDLE);
	c->enable_s = timer_s(cfg, cif, cls, CONFIG_DLF_ENABLE);
	c->carrier_s = timer_s(cfg, cif, cls, CONFIG_DLF_CARRIER);
	c->idle_dir = d->idle_dir == CONFIG_IDLE_EITHER	   ? DDR_IDLE_EITHER
		      : d->idle_dir == CONFIG_IDLE_INBOUND ? DDR_IDLE_INBOUND
							   : DDR_IDLE_OUTBOUND;
	c->holdq_packets = d->hold_queue_pkts > DDR_HOLDQ_MAX
				   ? DDR_HOLDQ_MAX
				   : d->hold_queue_pkts;
	c->holdq_timeout_s = d->hold_queue_timeout_s;
	c->callback_secure = d->callback_secure;
	c->callback_accept = cif->callback == CONFIG_CALLBACK_ACCEPT;
	c->callback_request = cif->callback == CONFIG_CALLBACK_REQUEST;
	fill_list(dc, cfg, d, warn);
	if (cif->ip_mode == CONFIG_IP_STATIC) {
		dc->addr = cif->ip_addr;
		dc->mask = cif->ip_mask;
	}
}

int ddr_conf_build(const struct config *cfg, struct ddr_conf **out, size_t *n,
		   struct strbuf *warn)
{
	struct ddr_conf *v = calloc(cfg->nifs ? cfg->nifs : 1, sizeof(*v));
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < cfg->nifs; i++) {
		const struct config_if *cif = &cfg->ifs[i];
		struct ddr_conf *dc = &v[k];
		char err[128];

		memset(dc, 0, sizeof(*dc));
		ddr_cfg_defaults(&dc->cfg);
		dc->cfg.channels = 0;
		copy(dc->ifname, sizeof(dc->ifname), cif->name);
		if (own_dialer(cif)) {
			add_member(dc, cfg, cif, warn);
		} else if (cif->id.type == IF_DIALER) {
			find_members(dc, cfg, cif, warn);
			if (!dc->n_members && cif->dialer.vpdn &&
			    cif->dialer.pool) {
				/* The LNS's dial-out profiles (seed 004):
				 * calls go out through an L2TP tunnel. */
				dc->lower = DDR_CONF_VPDN;
				dc->cfg.channels = 1;
			} else if (!dc->n_members) {
				warnf(warn,
				      "%s: no member interface (dialer "
				      "rotary-group or dialer pool-member): "
				      "it cannot place calls",
				      cif->name);
				continue;
			}
		} else {
			continue;
		}
		if (!dc->cfg.channels) {
			warnf(warn, "%s: no channel to place calls on",
			      cif->name);
			continue;
		}
		fill_cfg(dc, cfg, cif, warn);
		if (!ddr_cfg_check(&dc->cfg, err, sizeof(err))) {
			warnf(warn, "%s: %s: not a dialer", cif->name, err);
			continue;
		}
		k++;
	}
	if (!k) {
		free(v);
		return 0;
	}
	*out = v;
	*n = k;
	return 0;
}

int ddr_conf_owner(const struct ddr_conf *conf, size_t n, const char *member)
{
	for (size_t i = 0; i < n; i++)
		for (size_t m = 0; m < conf[i].n_members; m++)
			if (strcmp(conf[i].members[m], member) == 0)
				return (int)i;
	return -1;
}
