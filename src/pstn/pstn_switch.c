/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_switch.c - the switch of the built-in phone network (pstn_switch.h):
 * subscribers, routing by the numbering plan, the life of a call between
 * two ports and its history.
 */
#include "pstn_switch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const cause_names[] = {
#define PSTN_CAUSE_NAME(e, s) s,
	PSTN_CAUSES(PSTN_CAUSE_NAME)
#undef PSTN_CAUSE_NAME
};
_Static_assert(sizeof(cause_names) / sizeof(cause_names[0]) ==
		       PSTN_CAUSE__COUNT,
	       "one name per cause");

static const char *const call_state_names[] = {
#define PSTN_CALL_NAME(e, s) s,
	PSTN_CALL_STATES(PSTN_CALL_NAME)
#undef PSTN_CALL_NAME
};
_Static_assert(sizeof(call_state_names) / sizeof(call_state_names[0]) ==
		       PSTN_CALL__COUNT,
	       "one name per call state");

static const char *const bearer_names[] = {
#define PSTN_BEARER_NAME(e, s) s,
	PSTN_BEARERS(PSTN_BEARER_NAME)
#undef PSTN_BEARER_NAME
};
_Static_assert(sizeof(bearer_names) / sizeof(bearer_names[0]) ==
		       PSTN_BEARER__COUNT,
	       "one name per bearer");

const char *pstn_bearer_name(enum pstn_bearer b)
{
	return (unsigned)b < PSTN_BEARER__COUNT ? bearer_names[b] : "?";
}

const char *pstn_cause_name(enum pstn_cause c)
{
	return (unsigned)c < PSTN_CAUSE__COUNT ? cause_names[c] : "?";
}

const char *pstn_call_state_name(enum pstn_call_state s)
{
	return (unsigned)s < PSTN_CALL__COUNT ? call_state_names[s] : "?";
}

#define SWDBG(sw, fmt, ...)                                                    \
	do {                                                                   \
		if ((sw)->debug && (*(sw)->debug & PSTN_DBG_CALLS))            \
			log_printf((sw)->lg, LOG_LVL_DEBUG, fmt, __VA_ARGS__); \
	} while (0)

void pstn_switch_init(struct pstn_switch *sw, struct timers *ts,
		      struct logger *lg, const unsigned *debug,
		      uint32_t train_ms)
{
	memset(sw, 0, sizeof(*sw));
	sw->ts = ts;
	sw->lg = lg;
	sw->debug = debug;
	sw->train_ms = train_ms;
	sw->next_id = 1;
}

static void call_free(struct pstn_call *call)
{
	timer_cancel(&call->t_train);
	free(call);
}

void pstn_switch_fini(struct pstn_switch *sw)
{
	while (sw->calls) {
		struct pstn_call *c = sw->calls;
		sw->calls = c->next;
		if (c->a)
			c->a->call = NULL;
		if (c->b)
			c->b->call = NULL;
		call_free(c);
	}
	while (sw->hist) {
		struct pstn_call *c = sw->hist;
		sw->hist = c->next;
		call_free(c);
	}
	while (sw->subs) {
		struct pstn_sub *s = sw->subs;
		sw->subs = s->next;
		if (s->port)
			s->port->sub = NULL;
		free(s);
	}
	sw->nhist = 0;
}

struct pstn_sub *pstn_switch_add_sub(struct pstn_switch *sw,
				     const char *number, int *err)
{
	char norm[PSTN_NUMBER_MAX + 1];
	struct pstn_sub *sub, **pp;

	if (pstn_number_normalise(number, norm, sizeof(norm)) < 0) {
		*err = -EINVAL;
		return NULL;
	}
	if (pstn_switch_sub(sw, norm)) {
		*err = -EEXIST;
		return NULL;
	}
	sub = calloc(1, sizeof(*sub));
	if (!sub) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(sub->number, norm, sizeof(sub->number));
	for (pp = &sw->subs; *pp; pp = &(*pp)->next)
		;
	*pp = sub;
	*err = 0;
	return sub;
}

void pstn_sub_set_port(struct pstn_sub *sub, struct pstn_port *port)
{
	sub->port = port;
	sub->trunk = NULL;
	if (port)
		port->sub = sub;
}

void pstn_sub_set_trunk(struct pstn_sub *sub, struct pstn_trunk *trunk)
{
	sub->trunk = trunk;
	sub->port = NULL;
}

struct pstn_sub *pstn_switch_sub(const struct pstn_switch *sw,
				 const char *number)
{
	for (struct pstn_sub *s = sw->subs; s; s = s->next)
		if (strcmp(s->number, number) == 0)
			return s;
	return NULL;
}

struct pstn_sub *pstn_switch_route(const struct pstn_switch *sw,
				   const char *dialled)
{
	char norm[PSTN_NUMBER_MAX + 1];
	struct pstn_sub *exact, *any = NULL;

	if (pstn_number_normalise(dialled, norm, sizeof(norm)) < 0)
		return NULL;
	exact = pstn_switch_sub(sw, norm);
	if (exact)
		return exact;
	for (struct pstn_sub *s = sw->subs; s; s = s->next)
		if (pstn_number_matches(norm, s->number)) {
			any = s;
			break;
		}
	return any;
}

static void hist_push(struct pstn_switch *sw, struct pstn_call *call)
{
	call->next = sw->hist;
	sw->hist = call;
	sw->nhist++;
	/* Trim the oldest.  The call being released is the newest, so a
	 * call never frees itself inside its own callback chain. */
	if (sw->nhist > PSTN_HISTORY_MAX) {
		struct pstn_call **pp = &sw->hist;

		while ((*pp)->next)
			pp = &(*pp)->next;
		call_free(*pp);
		*pp = NULL;
		sw->nhist--;
	}
}

static void active_unlink(struct pstn_switch *sw, struct pstn_call *call)
{
	struct pstn_call **pp;

	for (pp = &sw->calls; *pp && *pp != call; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = call->next;
	call->next = NULL;
}

static void train_done(void *arg);

static struct pstn_call *call_new(struct pstn_switch *sw,
				  struct pstn_port *from, const char *dialled)
{
	struct pstn_call *call = calloc(1, sizeof(*call));

	if (!call)
		return NULL;
	call->sw = sw;
	call->id = sw->next_id++;
	call->state = PSTN_CALL_RINGING;
	if (from->sub)
		memcpy(call->caller, from->sub->number, sizeof(call->caller));
	snprintf(call->dialled, sizeof(call->dialled), "%s", dialled);
	call->setup_ms = timers_now(sw->ts);
	timer_init(&call->t_train, sw->ts, train_done, call);
	return call;
}

/* Record a failed attempt in the history. */
static void attempt_failed(struct pstn_switch *sw, struct pstn_call *call,
			   enum pstn_cause cause)
{
	call->state = PSTN_CALL_RELEASED;
	call->cause = cause;
	call->released_by = "network";
	call->end_ms = timers_now(sw->ts);
	SWDBG(sw, "call %u: %s -> %s: %s", call->id, call->caller,
	      call->dialled, pstn_cause_name(cause));
	hist_push(sw, call);
}

static bool port_busy(const struct pstn_port *port)
{
	return port->call || (port->ops->busy && port->ops->busy(port));
}

struct pstn_call *pstn_switch_dial(struct pstn_switch *sw,
				   struct pstn_port *from, const char *dialled,
				   enum pstn_cause *cause)
{
	return pstn_switch_dial_bearer(sw, from, dialled, PSTN_BEARER_AUDIO,
				       cause);
}

struct pstn_call *pstn_switch_dial_bearer(struct pstn_switch *sw,
					  struct pstn_port *from,
					  const char *dialled,
					  enum pstn_bearer bearer,
					  enum pstn_cause *cause)
{
	struct pstn_call *call = call_new(sw, from, dialled);
	struct pstn_sub *sub;
	struct pstn_port *to = NULL;

	if (!call) {
		*cause = PSTN_CAUSE_FAILURE;
		return NULL;
	}
	call->bearer = bearer;
	if (from->sub && from->sub->shutdown) {
		*cause = PSTN_CAUSE_NO_SERVICE;
		goto fail;
	}
	sub = pstn_switch_route(sw, dialled);
	if (!sub || sub->shutdown || (!sub->port && !sub->trunk)) {
		*cause = PSTN_CAUSE_UNALLOCATED;
		goto fail;
	}
	memcpy(call->callee, sub->number, sizeof(call->callee));
	*cause = PSTN_CAUSE_BUSY;
	if (sub->busy || sub->port == from)
		goto fail;
	if (sub->trunk) {
		to = sub->trunk->ops->seize(sub->trunk, call);
		if (!to) {
			*cause = PSTN_CAUSE_NO_CIRCUIT;
			goto fail;
		}
	} else {
		/* A modem cannot take a 64 kbit/s digital stream. */
		if (bearer == PSTN_BEARER_DIGITAL) {
			*cause = PSTN_CAUSE_INCOMPATIBLE;
			goto fail;
		}
		to = sub->port;
	}
	if (port_busy(to) || to == from)
		goto fail;
	call->a = from;
	call->b = to;
	memcpy(call->caller_port, from->name, sizeof(call->caller_port));
	memcpy(call->callee_port, to->name, sizeof(call->callee_port));
	from->call = call;
	to->call = call;
	call->next = NULL;
	{
		struct pstn_call **pp;

		for (pp = &sw->calls; *pp; pp = &(*pp)->next)
			;
		*pp = call;
	}
	if (to->ops->offer && to->ops->offer(to, call) != 0) {
		active_unlink(sw, call);
		from->call = NULL;
		to->call = NULL;
		call->a = call->b = NULL;
		goto fail;
	}
	SWDBG(sw, "call %u: %s -> %s (dialled %s, %s): ringing", call->id,
	      call->caller, call->callee, call->dialled,
	      pstn_bearer_name(bearer));
	return call;
fail:
	attempt_failed(sw, call, *cause);
	return NULL;
}

static void train_done(void *arg)
{
	struct pstn_call *call = arg;
	struct pstn_switch *sw = call->sw;
	uint32_t sa, sb;

	if (call->state != PSTN_CALL_TRAINING || !call->a || !call->b)
		return;
	sa = call->a->speed_bps ? call->a->speed_bps : 33600;
	sb = call->b->speed_bps ? call->b->speed_bps : 33600;
	call->speed_bps = sa < sb ? sa : sb;
	call->state = PSTN_CALL_CONNECTED;
	call->connect_ms = timers_now(sw->ts);
	SWDBG(sw, "call %u: connected at %u bit/s", call->id,
	      call->speed_bps);
	/* Either op may end the call; check before the second. */
	if (call->a->ops->connected)
		call->a->ops->connected(call->a, call, call->speed_bps);
	if (call->state == PSTN_CALL_CONNECTED && call->b &&
	    call->b->ops->connected)
		call->b->ops->connected(call->b, call, call->speed_bps);
}

void pstn_call_answer(struct pstn_call *call)
{
	struct pstn_switch *sw = call->sw;

	if (call->state != PSTN_CALL_RINGING || !call->a || !call->b)
		return;
	call->state = PSTN_CALL_TRAINING;
	call->answer_ms = timers_now(sw->ts);
	SWDBG(sw, "call %u: answered by %s, training", call->id,
	      call->callee);
	/* A digital call has no modems to train: connected at once, so
	 * that the first frames after CONNECT are not lost. */
	if (call->bearer != PSTN_BEARER_DIGITAL)
		timer_arm(&call->t_train, sw->train_ms);
	if (call->a->ops->answered)
		call->a->ops->answered(call->a, call);
	if (call->bearer == PSTN_BEARER_DIGITAL)
		train_done(call);
}

void pstn_call_data(struct pstn_call *call, const struct pstn_port *from,
		    const uint8_t *data, size_t len)
{
	struct pstn_port *to;

	if (call->state != PSTN_CALL_CONNECTED || !call->a || !call->b)
		return;
	if (from == call->a) {
		to = call->b;
		call->octets_ab += len;
	} else if (from == call->b) {
		to = call->a;
		call->octets_ba += len;
	} else {
		return;
	}
	if (to->ops->data)
		to->ops->data(to, data, len);
}

static void release(struct pstn_call *call, const struct pstn_port *from,
		    enum pstn_cause cause, const char *who)
{
	struct pstn_switch *sw = call->sw;
	struct pstn_port *a = call->a, *b = call->b;

	if (call->state == PSTN_CALL_RELEASED)
		return;
	timer_cancel(&call->t_train);
	call->a = call->b = NULL;
	if (a)
		a->call = NULL;
	if (b)
		b->call = NULL;
	call->state = PSTN_CALL_RELEASED;
	call->cause = cause;
	call->released_by = who;
	call->end_ms = timers_now(sw->ts);
	active_unlink(sw, call);
	hist_push(sw, call);
	SWDBG(sw, "call %u: released by %s (%s)", call->id, who,
	      pstn_cause_name(cause));
	if (a && a != from && a->ops->released)
		a->ops->released(a, cause);
	if (b && b != from && b->ops->released)
		b->ops->released(b, cause);
}

void pstn_call_hangup(struct pstn_call *call, struct pstn_port *from)
{
	const char *who = from == call->a   ? "caller"
			  : from == call->b ? "callee"
					    : "network";

	release(call, from, PSTN_CAUSE_NORMAL, who);
}

void pstn_call_release(struct pstn_call *call, struct pstn_port *from,
		       enum pstn_cause cause)
{
	const char *who = from == call->a   ? "caller"
			  : from == call->b ? "callee"
					    : "network";

	release(call, from, cause, who);
}

struct pstn_call *pstn_switch_call(const struct pstn_switch *sw, unsigned id)
{
	for (struct pstn_call *c = sw->calls; c; c = c->next)
		if (c->id == id)
			return c;
	return NULL;
}

int pstn_switch_clear(struct pstn_switch *sw, unsigned id)
{
	struct pstn_call *call = pstn_switch_call(sw, id);

	if (!call)
		return -ENOENT;
	release(call, NULL, PSTN_CAUSE_CLEARED, "operator");
	return 0;
}
