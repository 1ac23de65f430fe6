/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr.c - one dialer: its configuration, the verdict on every packet the
 * data plane routes through it, dialling on interesting traffic, the hold
 * queue, the wait-for-carrier, idle, fast-idle and re-enable timers, and
 * the link events reported by the glue (Cisco IOS legacy DDR and dialer
 * profiles; the callback parts of RFC 1570 are in ddr_callback.c).  The
 * IOS readings are in ddr.h and doc/ddr.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddr_int.h"

#define DDR_DBG(ddr, ...) log_dbg((ddr)->lg, DBG_DIALER_EVENTS, __VA_ARGS__)

static const char *const cause_names[] = {
#define DDR_CAUSE_NAME(e, s) [DDR_CAUSE_##e] = s,
	DDR_CAUSES(DDR_CAUSE_NAME)
#undef DDR_CAUSE_NAME
};
_Static_assert(sizeof(cause_names) / sizeof(cause_names[0]) == DDR_CAUSE_COUNT,
	       "cause name table out of step with the enum");

static const char *const verdict_names[] = {
#define DDR_VERDICT_NAME(e, key, s) [DDR_OUT_##e] = s,
	DDR_VERDICTS(DDR_VERDICT_NAME)
#undef DDR_VERDICT_NAME
};

static const char *const verdict_keys[] = {
#define DDR_VERDICT_KEY(e, key, s) [DDR_OUT_##e] = key,
	DDR_VERDICTS(DDR_VERDICT_KEY)
#undef DDR_VERDICT_KEY
};
_Static_assert(sizeof(verdict_keys) / sizeof(verdict_keys[0]) ==
		       DDR_VERDICT_COUNT,
	       "verdict key table out of step with the enum");
_Static_assert(sizeof(verdict_names) / sizeof(verdict_names[0]) ==
		       DDR_VERDICT_COUNT,
	       "verdict name table out of step with the enum");

static const char *const link_state_texts[] = {
#define DDR_LINK_STATE_TEXT(e, s) [DDR_LINK_##e] = s,
	DDR_LINK_STATES(DDR_LINK_STATE_TEXT)
#undef DDR_LINK_STATE_TEXT
};
_Static_assert(sizeof(link_state_texts) / sizeof(link_state_texts[0]) ==
		       DDR_LINK_STATE_COUNT,
	       "link state table out of step with the enum");

const char *ddr_cause_name(enum ddr_cause cause)
{
	return (unsigned)cause < DDR_CAUSE_COUNT ? cause_names[cause] : "?";
}

const char *ddr_verdict_name(enum ddr_verdict v)
{
	return (unsigned)v < DDR_VERDICT_COUNT ? verdict_names[v] : "?";
}

const char *ddr_verdict_key(enum ddr_verdict v)
{
	return (unsigned)v < DDR_VERDICT_COUNT ? verdict_keys[v] : "?";
}

const char *ddr_link_state_text(enum ddr_link_state state)
{
	return (unsigned)state < DDR_LINK_STATE_COUNT ? link_state_texts[state]
						      : "?";
}

/* ---- configuration ---- */

void ddr_cfg_defaults(struct ddr_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->kind = DDR_LEGACY;
	cfg->type = DDR_TYPE_ISDN;
	cfg->channels = 1;
	cfg->idle_s = DDR_IDLE_DEFAULT_S;
	cfg->idle_dir = DDR_IDLE_OUTBOUND;
	cfg->fast_idle_s = DDR_FAST_IDLE_DEFAULT_S;
	cfg->enable_s = DDR_ENABLE_DEFAULT_S;
	cfg->carrier_s = DDR_CARRIER_DEFAULT_S;
	cfg->list = DDR_LIST_NONE;
}

static bool terminated(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

static bool timer_ok(uint32_t s)
{
	return s >= 1 && s <= DDR_TIMER_MAX_S;
}

static const struct ddr_map_class *class_find(const struct ddr_cfg *cfg,
					      const char *name)
{
	for (size_t i = 0; i < cfg->n_classes && i < DDR_CLASSES_MAX; i++)
		if (strcmp(cfg->classes[i].name, name) == 0)
			return &cfg->classes[i];
	return NULL;
}

static bool check_fail(char *err, size_t err_size, const char *what)
{
	if (err && err_size)
		ddr_strcpy(err, err_size, what);
	return false;
}

bool ddr_cfg_check(const struct ddr_cfg *cfg, char *err, size_t err_size)
{
	if (!terminated(cfg->name, sizeof(cfg->name)) || !cfg->name[0] ||
	    !terminated(cfg->short_name, sizeof(cfg->short_name)) ||
	    !cfg->short_name[0])
		return check_fail(err, err_size, "dialer without a name");
	if (cfg->kind != DDR_LEGACY && cfg->kind != DDR_PROFILE)
		return check_fail(err, err_size, "unknown dialer kind");
	if ((unsigned)cfg->type >= DDR_TYPE_COUNT)
		return check_fail(err, err_size, "unknown dialer type");
	if (cfg->channels < 1 || cfg->channels > DDR_LINKS_MAX)
		return check_fail(err, err_size, "channels out of range");
	if (cfg->n_maps > DDR_MAPS_MAX || cfg->n_strings > DDR_STRINGS_MAX ||
	    cfg->n_classes > DDR_CLASSES_MAX)
		return check_fail(err, err_size, "too many maps or strings");
	if (!timer_ok(cfg->idle_s) || !timer_ok(cfg->fast_idle_s) ||
	    !timer_ok(cfg->enable_s) || !timer_ok(cfg->carrier_s) ||
	    cfg->holdq_timeout_s > DDR_TIMER_MAX_S)
		return check_fail(err, err_size, "dialer timer out of range");
	if (cfg->idle_dir > DDR_IDLE_EITHER)
		return check_fail(err, err_size, "unknown idle direction");
	if (cfg->holdq_packets > DDR_HOLDQ_MAX)
		return check_fail(err, err_size, "hold queue longer than 100");
	if (!terminated(cfg->remote_name, sizeof(cfg->remote_name)))
		return check_fail(err, err_size, "remote-name too long");
	if (cfg->kind == DDR_PROFILE && (cfg->pool < 1 || cfg->pool > 255))
		return check_fail(err, err_size, "dialer pool not 1-255");
	for (size_t i = 0; i < cfg->n_strings; i++)
		if (!terminated(cfg->strings[i], DDR_NUMBER_MAX) ||
		    !cfg->strings[i][0])
			return check_fail(err, err_size, "bad dialer string");
	for (size_t i = 0; i < cfg->n_classes; i++)
		if (!terminated(cfg->classes[i].name, DDR_NAME_MAX) ||
		    !cfg->classes[i].name[0] ||
		    cfg->classes[i].cb_server > DDR_CB_SERVER_DIALSTRING)
			return check_fail(err, err_size, "bad map class");
	for (size_t i = 0; i < cfg->n_maps; i++) {
		const struct ddr_map *m = &cfg->maps[i];

		if (!terminated(m->name, DDR_NAME_MAX) ||
		    !terminated(m->cls, DDR_NAME_MAX) ||
		    !terminated(m->number, DDR_NUMBER_MAX))
			return check_fail(err, err_size, "bad dialer map");
		if (m->cls[0] && !class_find(cfg, m->cls)) {
			if (err && err_size)
				snprintf(err, err_size,
					 "dialer map class %s not defined",
					 m->cls);
			return false;
		}
	}
	if (cfg->list > DDR_LIST_ACL)
		return check_fail(err, err_size, "unknown dialer list");
	if (cfg->list == DDR_LIST_ACL &&
	    !ddr_acl_check(&cfg->acl, err, err_size))
		return false;
	return true;
}

const struct ddr_cfg *ddr_cfg(const struct ddr *ddr)
{
	return &ddr->cfg;
}

/* ---- statistics per number ---- */

struct ddr_numstat *ddr_numstat_find(struct ddr *ddr, const char *number)
{
	for (size_t i = 0; i < ddr->n_stats; i++)
		if (strcmp(ddr->stats[i].number, number) == 0)
			return &ddr->stats[i];
	return NULL;
}

static void numstat_add(struct ddr *ddr, const char *number)
{
	if (!number[0] || ddr_numstat_find(ddr, number) ||
	    ddr->n_stats >= DDR_MAPS_MAX + DDR_STRINGS_MAX)
		return;
	ddr_strcpy(ddr->stats[ddr->n_stats].number, DDR_NUMBER_MAX, number);
	ddr->n_stats++;
}

static void numstat_result(struct ddr *ddr, const char *number, bool ok)
{
	struct ddr_numstat *st = ddr_numstat_find(ddr, number);

	if (!st)
		return;
	if (ok)
		st->successes++;
	else
		st->failures++;
	st->called = true;
	st->last_ok = ok;
	st->last_ms = timers_now(ddr->ts);
}

/* ---- lifetime ---- */

static void on_idle(void *arg);
static void on_carrier(void *arg);
static void on_enable(void *arg);
static void on_holdq(void *arg);

struct ddr *ddr_create(const struct ddr_cfg *cfg, const struct ddr_ops *ops,
		       void *ctx, struct timers *ts, const struct logger *lg)
{
	struct ddr *ddr;

	if (!ddr_cfg_check(cfg, NULL, 0))
		return NULL;
	ddr = calloc(1, sizeof(*ddr));
	if (!ddr)
		return NULL;
	ddr->cfg = *cfg;
	ddr->ops = *ops;
	ddr->ctx = ctx;
	ddr->ts = ts;
	ddr->lg = lg;
	if (cfg->holdq_packets) {
		ddr->q = calloc(cfg->holdq_packets, sizeof(*ddr->q));
		if (!ddr->q) {
			free(ddr);
			return NULL;
		}
	}
	for (size_t i = 0; i < DDR_LINKS_MAX; i++) {
		struct ddr_link *link = &ddr->links[i];

		link->ddr = ddr;
		link->map = -1;
		timer_init(&link->t_idle, ts, on_idle, link);
		timer_init(&link->t_carrier, ts, on_carrier, link);
	}
	timer_init(&ddr->t_enable, ts, on_enable, ddr);
	timer_init(&ddr->t_holdq, ts, on_holdq, ddr);
	ddr_cb_init(ddr);
	for (size_t i = 0; i < cfg->n_maps; i++)
		numstat_add(ddr, cfg->maps[i].number);
	for (size_t i = 0; i < cfg->n_strings; i++)
		numstat_add(ddr, cfg->strings[i]);
	return ddr;
}

void ddr_destroy(struct ddr *ddr)
{
	if (!ddr)
		return;
	for (size_t i = 0; i < DDR_LINKS_MAX; i++) {
		timer_cancel(&ddr->links[i].t_idle);
		timer_cancel(&ddr->links[i].t_carrier);
	}
	timer_cancel(&ddr->t_enable);
	timer_cancel(&ddr->t_holdq);
	ddr_cb_fini(ddr);
	for (size_t i = 0; i < ddr->nq; i++)
		free(ddr->q[i].data);
	free(ddr->q);
	free(ddr);
}

const struct ddr_counters *ddr_counters(const struct ddr *ddr)
{
	return &ddr->cnt;
}

size_t ddr_holdq_len(const struct ddr *ddr)
{
	return ddr->nq;
}

void *ddr_link_call(const struct ddr_link *link)
{
	return link->call;
}

const char *ddr_link_ifname(const struct ddr_link *link)
{
	return link->ifname;
}

const char *ddr_link_remote_name(const struct ddr_link *link)
{
	return link->remote;
}

const char *ddr_link_prefix(const struct ddr_link *link)
{
	return link->ifshort[0] ? link->ifshort : link->ddr->cfg.short_name;
}

/* ---- links ---- */

struct ddr_link *ddr_link_alloc(struct ddr *ddr)
{
	for (size_t i = 0; i < ddr->cfg.channels; i++) {
		struct ddr_link *link = &ddr->links[i];

		if (link->state == DDR_LINK_FREE)
			return link;
	}
	return NULL;
}

static size_t links_active(const struct ddr *ddr)
{
	size_t n = 0;

	for (size_t i = 0; i < ddr->cfg.channels; i++)
		if (ddr->links[i].state != DDR_LINK_FREE)
			n++;
	return n;
}

void ddr_link_release(struct ddr *ddr, struct ddr_link *link)
{
	timer_cancel(&link->t_idle);
	timer_cancel(&link->t_carrier);
	link->state = DDR_LINK_FREE;
	link->outgoing = false;
	link->callback_return = false;
	link->failure_counted = false;
	link->call = NULL;
	link->ifname[0] = link->ifshort[0] = '\0';
	link->remote[0] = link->number[0] = link->reason[0] = '\0';
	link->map = -1;
	link->via_string = false;
	/* IOS "Re-enable": the dialer rests before it places another call. */
	timer_arm(&ddr->t_enable, (uint64_t)ddr->cfg.enable_s * 1000);
}

/* Does link carry traffic for next_hop?  Profiles have one destination;
 * a legacy link serves its map's next hop, or, when it dialled the
 * `dialer string`, every next hop no map names. */
static bool map_names_hop(const struct ddr *ddr, uint32_t next_hop)
{
	for (size_t i = 0; i < ddr->cfg.n_maps; i++)
		if (ddr->cfg.maps[i].next_hop == next_hop)
			return true;
	return false;
}

static bool link_serves(const struct ddr *ddr, const struct ddr_link *link,
			uint32_t next_hop)
{
	if (ddr->cfg.kind == DDR_PROFILE)
		return true;
	if (link->map >= 0)
		return ddr->cfg.maps[link->map].next_hop == next_hop;
	return link->via_string && !map_names_hop(ddr, next_hop);
}

static struct ddr_link *link_for(struct ddr *ddr, uint32_t next_hop, bool up)
{
	for (size_t i = 0; i < ddr->cfg.channels; i++) {
		struct ddr_link *link = &ddr->links[i];
		bool ok = up ? link->state == DDR_LINK_UP
			     : (link->state == DDR_LINK_DIALING ||
				link->state == DDR_LINK_CONNECTED);

		if (ok && link_serves(ddr, link, next_hop))
			return link;
	}
	return NULL;
}

static void link_arm_idle(struct ddr_link *link)
{
	struct ddr *ddr = link->ddr;
	uint32_t limit_s =
		ddr->contention && ddr->cfg.fast_idle_s < ddr->cfg.idle_s
			? ddr->cfg.fast_idle_s
			: ddr->cfg.idle_s;
	uint64_t deadline = link->last_ms + (uint64_t)limit_s * 1000;
	uint64_t now = timers_now(ddr->ts);

	timer_arm(&link->t_idle, deadline > now ? deadline - now : 0);
}

static void link_touch(struct ddr_link *link)
{
	link->last_ms = timers_now(link->ddr->ts);
	link_arm_idle(link);
}

static void rearm_all_idle(struct ddr *ddr)
{
	for (size_t i = 0; i < ddr->cfg.channels; i++)
		if (ddr->links[i].state == DDR_LINK_UP)
			link_arm_idle(&ddr->links[i]);
}

static void link_hangup(struct ddr_link *link, const char *reason)
{
	struct ddr *ddr = link->ddr;

	timer_cancel(&link->t_idle);
	timer_cancel(&link->t_carrier);
	link->state = DDR_LINK_CLOSING;
	ddr->ops.hangup(ddr->ctx, ddr, link, reason);
}

static void on_idle(void *arg)
{
	struct ddr_link *link = arg;
	struct ddr *ddr = link->ddr;
	uint64_t now = timers_now(ddr->ts);
	uint64_t idle_end = link->last_ms + (uint64_t)ddr->cfg.idle_s * 1000;
	uint64_t fast_end =
		link->last_ms + (uint64_t)ddr->cfg.fast_idle_s * 1000;

	if (link->state != DDR_LINK_UP)
		return;
	if (now >= idle_end) {
		DDR_DBG(ddr, "%s DDR: idle timeout", ddr_link_prefix(link));
		link_hangup(link, "idle timeout");
	} else if (ddr->contention && now >= fast_end) {
		DDR_DBG(ddr, "%s DDR: fast idle timeout",
			ddr_link_prefix(link));
		link_hangup(link, "fast idle timeout");
	} else {
		link_arm_idle(link);
	}
}

/* ---- hold queue ---- */

static void queue_remove(struct ddr *ddr, size_t i)
{
	free(ddr->q[i].data);
	memmove(&ddr->q[i], &ddr->q[i + 1],
		(ddr->nq - i - 1) * sizeof(ddr->q[0]));
	ddr->nq--;
	if (ddr->nq == 0) {
		timer_cancel(&ddr->t_holdq);
		/* Nothing left to deliver: the call waiting for a channel
		 * has no reason to be placed any more. */
		if (ddr->pending_dial) {
			ddr->pending_dial = false;
			ddr->contention = false;
			rearm_all_idle(ddr);
		}
	}
}

static enum ddr_verdict queue_add(struct ddr *ddr, uint32_t next_hop,
				  const uint8_t *pkt, size_t len)
{
	struct ddr_qpkt *qp;

	if (ddr->cfg.holdq_packets == 0)
		return DDR_OUT_DIALING_NO_QUEUE;
	if (ddr->nq >= ddr->cfg.holdq_packets)
		return DDR_OUT_DROPPED_QUEUE_FULL;
	qp = &ddr->q[ddr->nq];
	qp->data = malloc(len ? len : 1);
	if (!qp->data)
		return DDR_OUT_DROPPED_QUEUE_FULL;
	memcpy(qp->data, pkt, len);
	qp->len = len;
	qp->next_hop = next_hop;
	if (ddr->nq++ == 0)
		ddr_queue_rearm(ddr);
	ddr->cnt.queued++;
	return DDR_OUT_QUEUED;
}

void ddr_queue_flush(struct ddr *ddr, struct ddr_link *link)
{
	size_t i = 0;

	/* In arrival order; packets for other destinations keep theirs. */
	while (i < ddr->nq && link->state == DDR_LINK_UP) {
		if (!link_serves(ddr, link, ddr->q[i].next_hop)) {
			i++;
			continue;
		}
		ddr->ops.send(ddr->ctx, ddr, link, ddr->q[i].data,
			      ddr->q[i].len);
		ddr->cnt.queue_sent++;
		queue_remove(ddr, i);
	}
}

static void queue_drop_for(struct ddr *ddr, const struct ddr_link *link)
{
	size_t i = 0, n = 0;

	while (i < ddr->nq) {
		if (link_serves(ddr, link, ddr->q[i].next_hop)) {
			queue_remove(ddr, i);
			n++;
		} else {
			i++;
		}
	}
	ddr->cnt.queue_dropped += n;
}

void ddr_queue_drop_all(struct ddr *ddr, const char *why)
{
	size_t n = ddr->nq;

	if (n == 0)
		return;
	while (ddr->nq)
		queue_remove(ddr, ddr->nq - 1);
	ddr->cnt.queue_dropped += n;
	DDR_DBG(ddr, "%s DDR: %s, %zu packets dropped", ddr->cfg.short_name,
		why, n);
}

static void on_holdq(void *arg)
{
	struct ddr *ddr = arg;

	/* A callback client keeps its queue for the whole wait; the end of
	 * the wait decides (ddr_callback.c). */
	if (ddr->cb_waiting)
		return;
	ddr_queue_drop_all(ddr, "hold queue timeout");
}

void ddr_queue_rearm(struct ddr *ddr)
{
	uint32_t s = ddr->cfg.holdq_timeout_s ? ddr->cfg.holdq_timeout_s
					      : ddr->cfg.carrier_s;

	if (ddr->nq)
		timer_arm(&ddr->t_holdq, (uint64_t)s * 1000);
}

/* ---- dialling ---- */

static void fmt_ip(char *out, size_t size, uint32_t a)
{
	snprintf(out, size, "%u.%u.%u.%u", a >> 24, (a >> 16) & 0xff,
		 (a >> 8) & 0xff, a & 0xff);
}

static bool is_interesting(const struct ddr *ddr, const struct ddr_ip *ip)
{
	switch (ddr->cfg.list) {
	case DDR_LIST_PERMIT:
		return true;
	case DDR_LIST_ACL:
		return ddr_acl_match(&ddr->cfg.acl, ip);
	case DDR_LIST_NONE:
	case DDR_LIST_DENY:
		break;
	}
	return false;
}

bool ddr_place_call(struct ddr *ddr, struct ddr_link *link, const char *number,
		    int map)
{
	ddr_strcpy(link->number, sizeof(link->number), number);
	link->map = map;
	link->via_string = map < 0;
	link->outgoing = true;
	link->state = DDR_LINK_DIALING;
	DDR_DBG(ddr, "%s DDR: Attempting to dial %s", ddr->cfg.short_name,
		number);
	ddr->cnt.calls++;
	link->call = ddr->ops.dial(ddr->ctx, ddr, link, number,
				   map >= 0 ? &ddr->cfg.maps[map] : NULL);
	if (!link->call) {
		ddr->cnt.no_channel++;
		/* Nothing was dialled: the slot is free again at once, with
		 * no re-enable wait. */
		link->state = DDR_LINK_FREE;
		link->outgoing = false;
		link->number[0] = link->reason[0] = '\0';
		link->map = -1;
		link->via_string = false;
		return false;
	}
	timer_arm(&link->t_carrier, (uint64_t)ddr->cfg.carrier_s * 1000);
	return true;
}

/* The number to dial for next_hop: a map index (>= 0) or -1 with a
 * dialer string.  Returns NULL when there is nothing to dial. */
static const char *target_for(const struct ddr *ddr, uint32_t next_hop,
			      int *map)
{
	*map = -1;
	if (ddr->cfg.kind == DDR_LEGACY) {
		for (size_t i = 0; i < ddr->cfg.n_maps; i++) {
			const struct ddr_map *m = &ddr->cfg.maps[i];

			if (m->next_hop == next_hop && m->number[0]) {
				*map = (int)i;
				return m->number;
			}
		}
		if (map_names_hop(ddr, next_hop))
			return NULL; /* receive-only maps */
	}
	return ddr->cfg.n_strings ? ddr->cfg.strings[0] : NULL;
}

/* Every channel is busy with other calls: IOS shortens the idle timer of
 * the links up to the fast-idle time so one of them frees a channel, and
 * the call is placed from the queue (ddr_try_pending) once it has. */
static void start_contention(struct ddr *ddr)
{
	DDR_DBG(ddr, "%s DDR: No free dialer - starting fast idle timer",
		ddr->cfg.short_name);
	ddr->contention = true;
	ddr->pending_dial = true;
	rearm_all_idle(ddr);
}

/* Dial for the packet at the head of the queue once a channel is free. */
void ddr_try_pending(struct ddr *ddr)
{
	struct ddr_link *link;
	const char *number;
	uint32_t next_hop;
	char src[16], dst[16];
	struct ddr_ip ip;
	int map;

	if (!ddr->pending_dial || ddr->cb_waiting)
		return;
	if (ddr->nq == 0 || timer_armed(&ddr->t_enable))
		return;
	next_hop = ddr->q[0].next_hop;
	number = target_for(ddr, next_hop, &map);
	if (!number || link_for(ddr, next_hop, false) ||
	    link_for(ddr, next_hop, true)) {
		ddr->pending_dial = false;
		ddr->contention = false;
		rearm_all_idle(ddr);
		return;
	}
	link = ddr_link_alloc(ddr);
	if (!link)
		return;
	if (ddr_ip_parse(ddr->q[0].data, ddr->q[0].len, &ip)) {
		fmt_ip(src, sizeof(src), ip.src);
		fmt_ip(dst, sizeof(dst), ip.dst);
		snprintf(link->reason, sizeof(link->reason), "ip (s=%s, d=%s)",
			 src, dst);
		DDR_DBG(ddr, "%s DDR: Dialing cause %s", ddr->cfg.short_name,
			link->reason);
	}
	if (!ddr_place_call(ddr, link, number, map)) {
		if (links_active(ddr))
			return;
		ddr_queue_drop_all(ddr, "no free dialer");
		ddr->pending_dial = false;
	} else {
		ddr->pending_dial = false;
	}
	ddr->contention = false;
	rearm_all_idle(ddr);
}

static void on_enable(void *arg)
{
	ddr_try_pending(arg);
}

static enum ddr_verdict count(struct ddr *ddr, enum ddr_verdict v)
{
	ddr->cnt.verdicts[v]++;
	return v;
}

enum ddr_verdict ddr_output(struct ddr *ddr, uint32_t next_hop,
			    const uint8_t *pkt, size_t len)
{
	struct ddr_link *link;
	struct ddr_ip ip;
	const char *number;
	char src[16], dst[16], reason[64];
	int map;

	if (!ddr_ip_parse(pkt, len, &ip))
		return count(ddr, DDR_OUT_DROPPED_MALFORMED);
	bool interesting = is_interesting(ddr, &ip);

	link = link_for(ddr, next_hop, true);
	if (link) {
		ddr->ops.send(ddr->ctx, ddr, link, pkt, len);
		if (interesting && ddr->cfg.idle_dir != DDR_IDLE_INBOUND)
			link_touch(link);
		return count(ddr, DDR_OUT_SENT);
	}
	if (!interesting)
		return count(ddr, DDR_OUT_DROPPED_NOT_INTERESTING);
	number = target_for(ddr, next_hop, &map);
	if (!number)
		return count(ddr, DDR_OUT_DROPPED_NO_MAP);
	/* A call for this destination is already on its way, or one is
	 * owed to us or by us (callback): wait for it. */
	if (link_for(ddr, next_hop, false) || ddr_cb_holds(ddr, next_hop) ||
	    ddr->pending_dial)
		return count(ddr, queue_add(ddr, next_hop, pkt, len));
	if (timer_armed(&ddr->t_enable))
		return count(ddr, DDR_OUT_DROPPED_ENABLE_TIMEOUT);

	fmt_ip(src, sizeof(src), ip.src);
	fmt_ip(dst, sizeof(dst), ip.dst);
	snprintf(reason, sizeof(reason), "ip (s=%s, d=%s)", src, dst);
	link = ddr_link_alloc(ddr);
	if (!link) {
		start_contention(ddr);
		return count(ddr, queue_add(ddr, next_hop, pkt, len));
	}
	DDR_DBG(ddr, "%s DDR: Dialing cause %s", ddr->cfg.short_name, reason);
	ddr_strcpy(link->reason, sizeof(link->reason), reason);
	if (!ddr_place_call(ddr, link, number, map)) {
		if (links_active(ddr)) {
			start_contention(ddr);
			return count(ddr, queue_add(ddr, next_hop, pkt, len));
		}
		DDR_DBG(ddr, "%s DDR: No free dialer", ddr->cfg.short_name);
		return count(ddr, DDR_OUT_DROPPED_NO_CHANNEL);
	}
	return count(ddr, queue_add(ddr, next_hop, pkt, len));
}

void ddr_input(struct ddr *ddr, struct ddr_link *link, const uint8_t *pkt,
	       size_t len)
{
	struct ddr_ip ip;

	if (link->state != DDR_LINK_UP ||
	    ddr->cfg.idle_dir == DDR_IDLE_OUTBOUND)
		return;
	if (!ddr_ip_parse(pkt, len, &ip) || !is_interesting(ddr, &ip))
		return;
	link_touch(link);
}

/* ---- link events ---- */

static void on_carrier(void *arg)
{
	struct ddr_link *link = arg;
	struct ddr *ddr = link->ddr;

	if (link->state != DDR_LINK_DIALING)
		return;
	DDR_DBG(ddr, "%s DDR: wait for carrier timeout, call to %s failed",
		ddr->cfg.short_name, link->number);
	numstat_result(ddr, link->number, false);
	link->failure_counted = true;
	link_hangup(link, "wait for carrier timeout");
}

static void copy_names(struct ddr_link *link, const char *ifname,
		       const char *ifshort)
{
	ddr_strcpy(link->ifname, sizeof(link->ifname), ifname ? ifname : "");
	ddr_strcpy(link->ifshort, sizeof(link->ifshort),
		   ifshort ? ifshort : "");
}

void ddr_call_connected(struct ddr *ddr, struct ddr_link *link,
			const char *ifname, const char *ifshort)
{
	if (link->state != DDR_LINK_DIALING)
		return;
	timer_cancel(&link->t_carrier);
	copy_names(link, ifname, ifshort);
	link->state = DDR_LINK_CONNECTED;
	numstat_result(ddr, link->number, true);
}

static void call_ended_unconnected(struct ddr *ddr, struct ddr_link *link,
				   enum ddr_cause cause)
{
	if (!link->failure_counted) {
		DDR_DBG(ddr, "%s DDR: call to %s failed: %s",
			ddr->cfg.short_name, link->number,
			ddr_cause_name(cause));
		numstat_result(ddr, link->number, false);
	}
	if (link->callback_return)
		DDR_DBG(ddr, "%s DDR: callback to %s %s failed, not retried",
			ddr->cfg.short_name, link->remote, link->number);
	queue_drop_for(ddr, link);
	ddr_link_release(ddr, link);
}

void ddr_call_failed(struct ddr *ddr, struct ddr_link *link,
		     enum ddr_cause cause)
{
	if (link->state == DDR_LINK_FREE)
		return;
	if (!link->outgoing) {
		ddr_link_down(ddr, link, cause);
		return;
	}
	call_ended_unconnected(ddr, link, cause);
}

struct ddr_link *ddr_link_incoming(struct ddr *ddr, void *call,
				   const char *ifname, const char *ifshort)
{
	struct ddr_link *link = ddr_link_alloc(ddr);

	if (!link)
		return NULL;
	link->state = DDR_LINK_CONNECTED;
	link->outgoing = false;
	link->call = call;
	copy_names(link, ifname, ifshort);
	return link;
}

void ddr_link_set_calling(struct ddr_link *link, const char *number)
{
	if (link->outgoing || !number)
		return;
	snprintf(link->number, sizeof(link->number), "%s", number);
}

bool ddr_profile_accepts(const struct ddr *ddr, const char *remote_name)
{
	return ddr->cfg.kind == DDR_PROFILE && remote_name &&
	       ddr->cfg.remote_name[0] &&
	       strcmp(ddr->cfg.remote_name, remote_name) == 0;
}

void ddr_link_up(struct ddr *ddr, struct ddr_link *link,
		 const char *remote_name)
{
	if (link->state == DDR_LINK_DIALING) {
		/* The glue may skip ddr_call_connected() when PPP comes up
		 * in the same breath. */
		timer_cancel(&link->t_carrier);
		numstat_result(ddr, link->number, true);
	} else if (link->state != DDR_LINK_CONNECTED) {
		return;
	}
	ddr_strcpy(link->remote, sizeof(link->remote),
		   remote_name ? remote_name : "");
	if (ddr->cfg.kind == DDR_LEGACY && !link->outgoing) {
		for (size_t i = 0; i < ddr->cfg.n_maps; i++) {
			if (link->remote[0] &&
			    strcmp(ddr->cfg.maps[i].name, link->remote) == 0) {
				link->map = (int)i;
				break;
			}
		}
	}
	link->state = DDR_LINK_UP;
	if (ddr->cfg.kind == DDR_PROFILE)
		log_notice(ddr->lg,
			   "%%DIALER-6-BIND: Interface %s bound to profile %s",
			   ddr_link_prefix(link), ddr->cfg.short_name);
	/* No name when the peer was not authenticated (seed 004's dial-out:
	 * "Vi1 DDR: dialer protocol up"). */
	if (link->remote[0])
		DDR_DBG(ddr, "%s DDR: dialer protocol up (%s)",
			ddr_link_prefix(link), link->remote);
	else
		DDR_DBG(ddr, "%s DDR: dialer protocol up",
			ddr_link_prefix(link));
	ddr_cb_link_up(ddr, link);
	link->last_ms = timers_now(ddr->ts);
	link_arm_idle(link);
	ddr_queue_flush(ddr, link);
}

void ddr_link_down(struct ddr *ddr, struct ddr_link *link, enum ddr_cause cause)
{
	if (link->state == DDR_LINK_FREE)
		return;
	if (link->state == DDR_LINK_DIALING ||
	    (link->state == DDR_LINK_CLOSING && link->failure_counted)) {
		call_ended_unconnected(ddr, link, cause);
		return;
	}
	if (ddr->cfg.kind == DDR_PROFILE && link->remote[0])
		log_notice(ddr->lg,
			   "%%DIALER-6-UNBIND: Interface %s unbound from "
			   "profile %s",
			   ddr_link_prefix(link), ddr->cfg.short_name);
	ddr_link_release(ddr, link);
}

/* ---- operator actions ---- */

void ddr_clear_counters(struct ddr *ddr)
{
	memset(&ddr->cnt, 0, sizeof(ddr->cnt));
	for (size_t i = 0; i < ddr->n_stats; i++) {
		struct ddr_numstat *st = &ddr->stats[i];

		st->successes = st->failures = 0;
		st->called = st->last_ok = false;
		st->last_ms = 0;
	}
}

void ddr_disconnect_all(struct ddr *ddr)
{
	for (size_t i = 0; i < ddr->cfg.channels; i++) {
		struct ddr_link *link = &ddr->links[i];

		if (link->state == DDR_LINK_FREE ||
		    link->state == DDR_LINK_CLOSING)
			continue;
		DDR_DBG(ddr, "%s DDR: disconnecting call: clear dialer",
			ddr_link_prefix(link));
		if (link->state == DDR_LINK_DIALING)
			link->failure_counted = true;
		link_hangup(link, "clear dialer");
	}
	ddr_queue_drop_all(ddr, "clear dialer");
	ddr->pending_dial = false;
	ddr->contention = false;
	ddr_cb_cancel_all(ddr);
}
