/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_callback.c - PPP callback between routers on a dialer, as Cisco's
 * "Configuring PPP Callback" (seed 002) describes it on top of RFC 1570:
 * the server side (`ppp callback accept`, `dialer callback-server
 * username|dialstring` map classes, `dialer callback-secure`, the
 * enable-timeout return-call timer, no retry of a failed return call) and
 * the client side (`ppp callback request`: keep the hold queue and wait
 * for the server's call).  The negotiation itself (LCP option 13) belongs
 * to src/ppp and the glue; this file only decides and dials.
 */
#include <stdio.h>
#include <string.h>

#include "ddr_int.h"

#define DDR_DBG(ddr, ...) log_dbg((ddr)->lg, DBG_DIALER_EVENTS, __VA_ARGS__)

static void on_return_call(void *arg);
static void on_wait_end(void *arg);

void ddr_cb_init(struct ddr *ddr)
{
	for (size_t i = 0; i < DDR_CALLBACKS_MAX; i++) {
		ddr->cb[i].ddr = ddr;
		timer_init(&ddr->cb[i].t, ddr->ts, on_return_call, &ddr->cb[i]);
	}
	timer_init(&ddr->t_cbwait, ddr->ts, on_wait_end, ddr);
}

void ddr_cb_cancel_all(struct ddr *ddr)
{
	for (size_t i = 0; i < DDR_CALLBACKS_MAX; i++) {
		timer_cancel(&ddr->cb[i].t);
		ddr->cb[i].active = false;
	}
	timer_cancel(&ddr->t_cbwait);
	ddr->cb_waiting = false;
}

void ddr_cb_fini(struct ddr *ddr)
{
	ddr_cb_cancel_all(ddr);
}

/* Does map i lead to next_hop? */
static bool map_hop(const struct ddr *ddr, int map, uint32_t next_hop)
{
	if (ddr->cfg.kind == DDR_PROFILE)
		return true;
	return map >= 0 && ddr->cfg.maps[map].next_hop == next_hop;
}

bool ddr_cb_holds(const struct ddr *ddr, uint32_t next_hop)
{
	for (size_t i = 0; i < DDR_CALLBACKS_MAX; i++)
		if (ddr->cb[i].active && map_hop(ddr, ddr->cb[i].map, next_hop))
			return true;
	if (!ddr->cb_waiting)
		return false;
	if (ddr->cfg.kind == DDR_PROFILE)
		return true;
	for (size_t i = 0; i < ddr->cfg.n_maps; i++)
		if (strcmp(ddr->cfg.maps[i].name, ddr->cb_wait_name) == 0 &&
		    ddr->cfg.maps[i].next_hop == next_hop)
			return true;
	return false;
}

static enum ddr_cb_server map_cb_mode(const struct ddr *ddr, size_t i)
{
	const struct ddr_map *m = &ddr->cfg.maps[i];

	if (!m->cls[0] || !m->number[0])
		return DDR_CB_SERVER_NONE;
	for (size_t c = 0; c < ddr->cfg.n_classes; c++)
		if (strcmp(ddr->cfg.classes[c].name, m->cls) == 0)
			return ddr->cfg.classes[c].cb_server;
	return DDR_CB_SERVER_NONE;
}

/* The callback map for name: the first username-mode map, or the first
 * dialstring-mode map whose number is the one offered.  -1 when none. */
static int callback_map(const struct ddr *ddr, const char *name,
			const char *offered)
{
	for (size_t i = 0; i < ddr->cfg.n_maps; i++) {
		if (strcmp(ddr->cfg.maps[i].name, name) != 0)
			continue;
		switch (map_cb_mode(ddr, i)) {
		case DDR_CB_SERVER_USERNAME:
			return (int)i;
		case DDR_CB_SERVER_DIALSTRING:
			if (offered[0] &&
			    strcmp(ddr->cfg.maps[i].number, offered) == 0)
				return (int)i;
			break;
		case DDR_CB_SERVER_NONE:
			break;
		}
	}
	return -1;
}

static enum ddr_cb_verdict refuse(struct ddr *ddr, struct ddr_link *link,
				  const char *name)
{
	if (!ddr->cfg.callback_secure)
		return DDR_CB_CONTINUE;
	DDR_DBG(ddr, "%s DDR: callback-secure: disconnecting %s",
		ddr_link_prefix(link), name);
	ddr->cnt.cb_rejected++;
	link->state = DDR_LINK_CLOSING;
	return DDR_CB_DISCONNECT;
}

enum ddr_cb_verdict ddr_callback_decide(struct ddr *ddr, struct ddr_link *link,
					const char *remote_name, bool requested,
					const char *client_number, char *number,
					size_t number_size)
{
	const char *name = remote_name ? remote_name : "";
	const char *offered = client_number ? client_number : "";
	struct ddr_cbpend *pend = NULL;
	int map;

	if (number && number_size)
		number[0] = '\0';
	if (link->state != DDR_LINK_CONNECTED || link->outgoing)
		return DDR_CB_CONTINUE;
	if (!ddr->cfg.callback_accept || !name[0])
		return refuse(ddr, link, name);
	/* Without a request only callback-secure calls back, and only to a
	 * number fixed by the configuration (nothing was offered). */
	if (!requested && !ddr->cfg.callback_secure)
		return DDR_CB_CONTINUE;
	map = callback_map(ddr, name, requested ? offered : "");
	if (map < 0) {
		if (requested && offered[0])
			DDR_DBG(ddr,
				"%s DDR: callback to %s %s refused: not a "
				"configured number",
				ddr_link_prefix(link), name, offered);
		return refuse(ddr, link, name);
	}
	for (size_t i = 0; i < DDR_CALLBACKS_MAX; i++) {
		if (!ddr->cb[i].active) {
			pend = &ddr->cb[i];
			break;
		}
	}
	if (!pend) {
		DDR_DBG(ddr, "%s DDR: too many callbacks pending, %s refused",
			ddr_link_prefix(link), name);
		return refuse(ddr, link, name);
	}
	pend->active = true;
	pend->map = map;
	ddr_strcpy(pend->name, sizeof(pend->name), name);
	ddr_strcpy(pend->number, sizeof(pend->number),
		   ddr->cfg.maps[map].number);
	if (offered[0] && strcmp(offered, pend->number) != 0)
		/* Toll-fraud guard: a username-mode map fixes the number. */
		DDR_DBG(ddr, "%s DDR: callback number %s offered by %s ignored",
			ddr_link_prefix(link), offered, name);
	DDR_DBG(ddr, "%s DDR: Callback received from %s %s",
		ddr_link_prefix(link), name, pend->number);
	timer_arm(&pend->t, (uint64_t)ddr->cfg.enable_s * 1000);
	link->state = DDR_LINK_CLOSING;
	if (number && number_size)
		ddr_strcpy(number, number_size, pend->number);
	return DDR_CB_CALLBACK;
}

static void on_return_call(void *arg)
{
	struct ddr_cbpend *pend = arg;
	struct ddr *ddr = pend->ddr;
	struct ddr_link *link;

	pend->active = false;
	DDR_DBG(ddr, "%s DDR: Callback timer expired", ddr->cfg.short_name);
	DDR_DBG(ddr, "%s DDR: beginning callback to %s %s", ddr->cfg.short_name,
		pend->name, pend->number);
	/* Seed 002: with no interface free, or if the call fails, there is
	 * no retry. */
	link = ddr_link_alloc(ddr);
	if (!link) {
		DDR_DBG(ddr,
			"%s DDR: No free dialer, callback to %s %s not "
			"retried",
			ddr->cfg.short_name, pend->name, pend->number);
		ddr->cnt.no_channel++;
		return;
	}
	snprintf(link->reason, sizeof(link->reason), "callback return call");
	ddr->cnt.callbacks++;
	if (!ddr_place_call(ddr, link, pend->number, pend->map)) {
		DDR_DBG(ddr,
			"%s DDR: No free dialer, callback to %s %s not "
			"retried",
			ddr->cfg.short_name, pend->name, pend->number);
		return;
	}
	link->callback_return = true;
	ddr_strcpy(link->remote, sizeof(link->remote), pend->name);
}

void ddr_callback_wait(struct ddr *ddr, struct ddr_link *link,
		       const char *server_name)
{
	const char *name = server_name && server_name[0] ? server_name : "";
	uint64_t wait_s;

	if (!name[0] && link->map >= 0)
		name = ddr->cfg.maps[link->map].name;
	if (!ddr->cfg.callback_request || !name[0] ||
	    link->state == DDR_LINK_FREE)
		return;
	wait_s = (uint64_t)ddr->cfg.enable_s + ddr->cfg.carrier_s;
	ddr->cb_waiting = true;
	ddr_strcpy(ddr->cb_wait_name, sizeof(ddr->cb_wait_name), name);
	/* The link is ending by the server's choice, not ours. */
	link->state = DDR_LINK_CLOSING;
	timer_cancel(&link->t_idle);
	timer_cancel(&link->t_carrier);
	timer_arm(&ddr->t_cbwait, wait_s * 1000);
	DDR_DBG(ddr, "%s DDR: waiting for callback from %s",
		ddr->cfg.short_name, ddr->cb_wait_name);
}

static void on_wait_end(void *arg)
{
	struct ddr *ddr = arg;

	if (!ddr->cb_waiting)
		return;
	ddr->cb_waiting = false;
	DDR_DBG(ddr, "%s DDR: callback from %s not received",
		ddr->cfg.short_name, ddr->cb_wait_name);
	ddr_queue_drop_all(ddr, "no callback");
	ddr_try_pending(ddr);
}

bool ddr_cb_link_up(struct ddr *ddr, struct ddr_link *link)
{
	if (!ddr->cb_waiting || link->outgoing ||
	    strcmp(link->remote, ddr->cb_wait_name) != 0)
		return false;
	ddr->cb_waiting = false;
	timer_cancel(&ddr->t_cbwait);
	DDR_DBG(ddr, "%s DDR: callback from %s connected",
		ddr_link_prefix(link), link->remote);
	/* What the flush leaves (other destinations) gets its own time. */
	ddr_queue_rearm(ddr);
	return true;
}
