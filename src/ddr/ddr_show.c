/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_show.c - `show dialer` for one dialer, as text in the IOS layout and
 * as JSON for `show dialer json` (the same data: timers, dialer state,
 * per-number statistics, hold queue and callback state, then one block
 * per call).  Read-only; no protocol behaviour lives here.
 */
#include <stdio.h>

#include "ddr_int.h"
#include "json.h"

static const char *const type_texts[] = {
#define DDR_TYPE_TEXT(e, s) [DDR_TYPE_##e] = s,
	DDR_TYPES(DDR_TYPE_TEXT)
#undef DDR_TYPE_TEXT
};
_Static_assert(sizeof(type_texts) / sizeof(type_texts[0]) == DDR_TYPE_COUNT,
	       "dialer type table out of step with the enum");

static const char *type_text(enum ddr_type t)
{
	return (unsigned)t < DDR_TYPE_COUNT ? type_texts[t] : "?";
}

/* Seconds left on a timer, rounded up as IOS counts down whole seconds;
 * -1 when disarmed. */
static int64_t secs_left(const struct timer *t)
{
	int64_t ms = timer_remaining_ms(t);

	return ms < 0 ? -1 : (ms + 999) / 1000;
}

static const char *dialer_state(const struct ddr *ddr)
{
	if (ddr->cfg.kind == DDR_PROFILE) {
		for (size_t i = 0; i < ddr->cfg.channels; i++)
			if (ddr->links[i].state != DDR_LINK_FREE)
				return ddr_link_state_text(ddr->links[i].state);
	}
	if (ddr->cb_waiting)
		return "waiting for callback";
	return ddr_link_state_text(DDR_LINK_FREE);
}

static void fmt_hms(char *out, size_t size, uint64_t ms)
{
	uint64_t s = ms / 1000;

	snprintf(out, size, "%02u:%02u:%02u", (unsigned)(s / 3600 % 100),
		 (unsigned)(s / 60 % 60), (unsigned)(s % 60));
}

static const char *remote_number(const struct ddr_link *link)
{
	return link->number[0] ? link->number : "<unknown phone number>";
}

static void show_link(const struct ddr *ddr, const struct ddr_link *link,
		      struct strbuf *sb)
{
	int64_t left;

	sb_puts(sb, "\n");
	if (ddr->cfg.kind == DDR_LEGACY)
		sb_printf(sb, "%s - dialer type = %s\n",
			  link->ifname[0] ? link->ifname : ddr->cfg.name,
			  type_text(ddr->cfg.type));
	sb_printf(sb, "Dialer state is %s\n", ddr_link_state_text(link->state));
	if (link->reason[0])
		sb_printf(sb, "Dial reason: %s\n", link->reason);
	if (ddr->cfg.kind == DDR_PROFILE && link->ifname[0])
		sb_printf(sb, "Interface bound to profile %s\n", link->ifname);
	left = secs_left(&link->t_carrier);
	if (link->state == DDR_LINK_DIALING && left >= 0)
		sb_printf(sb, "Time until carrier wait ends %lld secs\n",
			  (long long)left);
	left = secs_left(&link->t_idle);
	if (link->state == DDR_LINK_UP && left >= 0)
		sb_printf(sb, "Time until disconnect %lld secs\n",
			  (long long)left);
	if (link->state == DDR_LINK_UP || link->state == DDR_LINK_CONNECTED)
		sb_printf(sb, "Connected to %s (%s)\n", remote_number(link),
			  link->remote[0] ? link->remote : "unknown");
	else if (link->state == DDR_LINK_DIALING)
		sb_printf(sb, "Dialing %s\n", link->number);
}

void ddr_show(const struct ddr *ddr, struct strbuf *sb)
{
	const struct ddr_cfg *cfg = &ddr->cfg;
	uint64_t now = timers_now(ddr->ts);
	int64_t left;

	sb_printf(sb, "%s - dialer type = %s\n", cfg->name,
		  type_text(cfg->kind == DDR_PROFILE ? DDR_TYPE_PROFILE
						     : cfg->type));
	sb_printf(sb, "Idle timer (%u secs), Fast idle timer (%u secs)\n",
		  cfg->idle_s, cfg->fast_idle_s);
	sb_printf(sb, "Wait for carrier (%u secs), Re-enable (%u secs)\n",
		  cfg->carrier_s, cfg->enable_s);
	sb_printf(sb, "Dialer state is %s\n", dialer_state(ddr));
	left = secs_left(&ddr->t_enable);
	if (left >= 0)
		sb_printf(sb, "Time until re-enable %lld secs\n",
			  (long long)left);
	if (cfg->holdq_packets)
		sb_printf(sb,
			  "Hold queue: %zu of %u packets, %llu queued, "
			  "%llu sent, %llu dropped, %llu refused when full\n",
			  ddr->nq, cfg->holdq_packets,
			  (unsigned long long)ddr->cnt.queued,
			  (unsigned long long)ddr->cnt.queue_sent,
			  (unsigned long long)ddr->cnt.queue_dropped,
			  (unsigned long long)ddr->cnt
				  .verdicts[DDR_OUT_DROPPED_QUEUE_FULL]);
	for (size_t i = 0; i < DDR_CALLBACKS_MAX; i++) {
		const struct ddr_cbpend *p = &ddr->cb[i];

		if (p->active)
			sb_printf(sb,
				  "Callback return call pending to %s (%s) "
				  "in %lld secs\n",
				  p->number, p->name,
				  (long long)secs_left(&p->t));
	}
	if (ddr->cb_waiting)
		sb_printf(sb, "Waiting for callback from %s, %lld secs left\n",
			  ddr->cb_wait_name,
			  (long long)secs_left(&ddr->t_cbwait));
	if (cfg->callback_secure)
		sb_printf(sb, "%llu incoming call(s) rejected for callback.\n",
			  (unsigned long long)ddr->cnt.cb_rejected);
	if (ddr->n_stats) {
		sb_puts(sb, "\nDial String      Successes   Failures    "
			    "Last DNIS   Last status\n");
		for (size_t i = 0; i < ddr->n_stats; i++) {
			const struct ddr_numstat *st = &ddr->stats[i];
			char when[16] = "never";

			if (st->called)
				fmt_hms(when, sizeof(when), now - st->last_ms);
			sb_printf(sb, "%-16s %9u %10u    %-8s    %s\n",
				  st->number, st->successes, st->failures, when,
				  !st->called	? "-"
				  : st->last_ok ? "successful"
						: "failed");
		}
	}
	for (size_t i = 0; i < cfg->channels; i++)
		if (ddr->links[i].state != DDR_LINK_FREE)
			show_link(ddr, &ddr->links[i], sb);
}

static void json_secs(struct json *j, const char *key, int64_t secs)
{
	if (secs < 0)
		json_null(j, key);
	else
		json_int(j, key, secs);
}

static void json_link(const struct ddr *ddr, const struct ddr_link *link,
		      struct json *j)
{
	json_obj_open(j, NULL);
	json_str(j, "interface", link->ifname);
	json_str(j, "state", ddr_link_state_text(link->state));
	json_str(j, "direction", link->outgoing ? "outgoing" : "incoming");
	json_bool(j, "callback_return", link->callback_return);
	json_str(j, "dial_reason", link->reason);
	json_str(j, "number", link->number);
	json_str(j, "remote_name", link->remote);
	if (ddr->cfg.kind == DDR_LEGACY && link->map >= 0)
		json_int(j, "map", link->map);
	else
		json_null(j, "map");
	json_secs(j, "idle_left_s",
		  link->state == DDR_LINK_UP ? secs_left(&link->t_idle) : -1);
	json_obj_close(j);
}

void ddr_show_json(const struct ddr *ddr, struct strbuf *sb)
{
	const struct ddr_cfg *cfg = &ddr->cfg;
	uint64_t now = timers_now(ddr->ts);
	struct json j;

	json_init(&j, sb);
	json_obj_open(&j, NULL);
	json_str(&j, "interface", cfg->name);
	json_str(&j, "kind", cfg->kind == DDR_PROFILE ? "profile" : "legacy");
	json_str(&j, "type",
		 type_text(cfg->kind == DDR_PROFILE ? DDR_TYPE_PROFILE
						    : cfg->type));
	json_uint(&j, "idle_s", cfg->idle_s);
	json_uint(&j, "fast_idle_s", cfg->fast_idle_s);
	json_uint(&j, "carrier_s", cfg->carrier_s);
	json_uint(&j, "enable_s", cfg->enable_s);
	json_str(&j, "state", dialer_state(ddr));
	json_secs(&j, "reenable_left_s", secs_left(&ddr->t_enable));
	json_bool(&j, "contention", ddr->contention);

	json_obj_open(&j, "hold_queue");
	json_uint(&j, "limit", cfg->holdq_packets);
	json_uint(&j, "length", ddr->nq);
	json_uint(&j, "queued", ddr->cnt.queued);
	json_uint(&j, "sent", ddr->cnt.queue_sent);
	json_uint(&j, "dropped", ddr->cnt.queue_dropped);
	json_obj_close(&j);

	json_obj_open(&j, "counters");
	for (int v = 0; v < DDR_VERDICT_COUNT; v++)
		json_uint(&j, ddr_verdict_key(v), ddr->cnt.verdicts[v]);
	json_uint(&j, "calls", ddr->cnt.calls);
	json_uint(&j, "no_free_channel", ddr->cnt.no_channel);
	json_uint(&j, "callbacks", ddr->cnt.callbacks);
	json_uint(&j, "callback_rejected", ddr->cnt.cb_rejected);
	json_obj_close(&j);

	json_obj_open(&j, "callback");
	if (ddr->cb_waiting) {
		json_str(&j, "waiting_for", ddr->cb_wait_name);
		json_secs(&j, "wait_left_s", secs_left(&ddr->t_cbwait));
	} else {
		json_null(&j, "waiting_for");
		json_null(&j, "wait_left_s");
	}
	json_arr_open(&j, "pending");
	for (size_t i = 0; i < DDR_CALLBACKS_MAX; i++) {
		const struct ddr_cbpend *p = &ddr->cb[i];

		if (!p->active)
			continue;
		json_obj_open(&j, NULL);
		json_str(&j, "name", p->name);
		json_str(&j, "number", p->number);
		json_secs(&j, "left_s", secs_left(&p->t));
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_obj_close(&j);

	json_arr_open(&j, "dial_strings");
	for (size_t i = 0; i < ddr->n_stats; i++) {
		const struct ddr_numstat *st = &ddr->stats[i];

		json_obj_open(&j, NULL);
		json_str(&j, "number", st->number);
		json_uint(&j, "successes", st->successes);
		json_uint(&j, "failures", st->failures);
		if (st->called) {
			json_uint(&j, "last_call_ago_s",
				  (now - st->last_ms) / 1000);
			json_str(&j, "last_status",
				 st->last_ok ? "successful" : "failed");
		} else {
			json_null(&j, "last_call_ago_s");
			json_null(&j, "last_status");
		}
		json_obj_close(&j);
	}
	json_arr_close(&j);

	json_arr_open(&j, "links");
	for (size_t i = 0; i < cfg->channels; i++)
		if (ddr->links[i].state != DDR_LINK_FREE)
			json_link(ddr, &ddr->links[i], &j);
	json_arr_close(&j);
	json_obj_close(&j);
}
