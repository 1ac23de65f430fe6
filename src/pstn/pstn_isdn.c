/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_isdn.c - ISDN subscribers of the phone network (pstn_isdn.h): the
 * network side of a BRI or PRI D-channel with libpri, and its B-channels
 * as ports of the switch.  Q.931 call states are libpri's; this file maps
 * them onto the switch's calls and causes (ITU-T Q.850).
 */
#include "pstn_isdn.h"

#include <errno.h>
#include <libpri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isdn_pri.h"
#include "q931.h"
#include "wr.h"

#define IDBG(isdn, fmt, ...)                                                   \
	do {                                                                   \
		if ((isdn)->debug && (*(isdn)->debug & PSTN_DBG_CALLS))        \
			log_printf((isdn)->lg, LOG_LVL_DEBUG, "isdn %s: " fmt, \
				   (isdn)->sub->number, __VA_ARGS__);          \
	} while (0)

unsigned pstn_isdn_channels(enum pstn_role role)
{
	switch (role) {
	case PSTN_ROLE_BRI:
		return 2;
	case PSTN_ROLE_PRI_T1:
		return 23;
	case PSTN_ROLE_PRI_E1:
		return 30;
	default:
		return 0;
	}
}

static uint8_t q850_of(enum pstn_cause c)
{
	switch (c) {
	case PSTN_CAUSE_BUSY:
		return Q931_CAUSE_BUSY;
	case PSTN_CAUSE_UNALLOCATED:
		return Q931_CAUSE_UNALLOCATED;
	case PSTN_CAUSE_NO_SERVICE:
		return Q931_CAUSE_OUT_OF_ORDER;
	case PSTN_CAUSE_FAILURE:
		return Q931_CAUSE_TEMP_FAILURE;
	case PSTN_CAUSE_NO_CIRCUIT:
		return Q931_CAUSE_NO_CIRCUIT;
	case PSTN_CAUSE_NO_ANSWER:
		return Q931_CAUSE_NO_ANSWER;
	case PSTN_CAUSE_INCOMPATIBLE:
		return Q931_CAUSE_INCOMPATIBLE;
	case PSTN_CAUSE_NORMAL:
	case PSTN_CAUSE_CLEARED:
	default:
		return Q931_CAUSE_NORMAL;
	}
}

static enum pstn_cause cause_of(int q850)
{
	switch (q850) {
	case Q931_CAUSE_BUSY:
	case Q931_CAUSE_REJECTED:
		return PSTN_CAUSE_BUSY;
	case Q931_CAUSE_UNALLOCATED:
		return PSTN_CAUSE_UNALLOCATED;
	case Q931_CAUSE_NO_CIRCUIT:
	case Q931_CAUSE_CHAN_UNAVAIL:
		return PSTN_CAUSE_NO_CIRCUIT;
	case Q931_CAUSE_NO_RESPONSE:
	case Q931_CAUSE_NO_ANSWER:
		return PSTN_CAUSE_NO_ANSWER;
	case Q931_CAUSE_INCOMPATIBLE:
	case Q931_CAUSE_BEARER_NOT_IMPL:
		return PSTN_CAUSE_INCOMPATIBLE;
	default:
		return PSTN_CAUSE_NORMAL;
	}
}

static int cap_of(enum pstn_bearer b)
{
	switch (b) {
	case PSTN_BEARER_SPEECH:
		return Q931_CAP_SPEECH;
	case PSTN_BEARER_DIGITAL:
		return Q931_CAP_DIGITAL;
	default:
		return Q931_CAP_AUDIO_3K1;
	}
}

static enum pstn_bearer bearer_of(int cap)
{
	switch (cap) {
	case Q931_CAP_SPEECH:
		return PSTN_BEARER_SPEECH;
	case Q931_CAP_DIGITAL:
	case Q931_CAP_RESTRICTED:
	case Q931_CAP_DIGITAL_TONES:
		return PSTN_BEARER_DIGITAL;
	default:
		return PSTN_BEARER_AUDIO;
	}
}

/* ---- to the user side ---------------------------------------------------- */

static void send_msg(struct pstn_isdn *isdn, const struct wr *w)
{
	if (isdn->out && wr_ok(w))
		isdn->out->send(isdn->out_arg, w->buf, w->len);
}

static void send_carrier(struct pstn_bchan *b, uint32_t speed_bps)
{
	uint8_t buf[16];
	struct wr w = wr_init(buf, sizeof(buf));

	pstn_wire_put_carrier(&w, (uint8_t)b->num, speed_bps);
	send_msg(b->isdn, &w);
	b->carrier = speed_bps != 0;
}

static void on_pri_send(void *ctx, const uint8_t *frame, size_t len)
{
	struct pstn_isdn *isdn = ctx;
	uint8_t buf[PSTN_WIRE_MAX_MSG];
	struct wr w = wr_init(buf, sizeof(buf));

	q931_debug_frame(&isdn->q931_lg, isdn->sub->number, true, frame, len);
	isdn->frames_out++;
	pstn_wire_put_data(&w, PSTN_MSG_DCHAN, 0, frame, len);
	send_msg(isdn, &w);
}

/* ---- B-channel ports ----------------------------------------------------- */

/* Clear the Q.931 side of a channel whose switch call ended. */
static void b_clear(struct pstn_bchan *b, enum pstn_cause cause)
{
	if (b->carrier)
		send_carrier(b, 0);
	if (b->qcall && b->isdn->pri)
		isdn_pri_hangup(b->isdn->pri, b->qcall, q850_of(cause));
}

static int p_offer(struct pstn_port *port, struct pstn_call *call)
{
	struct pstn_bchan *b = port->arg;
	struct pstn_isdn *isdn = b->isdn;
	struct q931_call *q;

	if (!isdn->pri || !isdn_pri_up(isdn->pri))
		return -EBUSY;
	q = isdn_pri_call(isdn->pri, (int)b->num, cap_of(call->bearer),
			  isdn->sub->number, call->caller);
	if (!q)
		return -EBUSY;
	b->qcall = q;
	b->outgoing = false;
	b->voice = call->bearer != PSTN_BEARER_DIGITAL;
	b->carrier = false;
	IDBG(isdn, "SETUP on B%u for call %u (%s)", b->num, call->id,
	     pstn_bearer_name(call->bearer));
	return 0;
}

static void p_connected(struct pstn_port *port, struct pstn_call *call,
			uint32_t speed_bps)
{
	struct pstn_bchan *b = port->arg;

	(void)call;
	if (b->outgoing && b->qcall && b->isdn->pri)
		isdn_pri_answer(b->isdn->pri, b->qcall, (int)b->num);
	if (b->voice)
		send_carrier(b, speed_bps);
}

static void p_data(struct pstn_port *port, const uint8_t *data, size_t len)
{
	struct pstn_bchan *b = port->arg;
	uint8_t buf[PSTN_WIRE_MAX_MSG];

	while (len > 0) {
		size_t n = len < PSTN_WIRE_MAX_PAYLOAD ? len
						       : PSTN_WIRE_MAX_PAYLOAD;
		struct wr w = wr_init(buf, sizeof(buf));

		pstn_wire_put_data(&w, PSTN_MSG_DATA, (uint8_t)b->num, data, n);
		send_msg(b->isdn, &w);
		data += n;
		len -= n;
	}
}

static void p_released(struct pstn_port *port, enum pstn_cause cause)
{
	struct pstn_bchan *b = port->arg;

	IDBG(b->isdn, "B%u released by the far end (%s)", b->num,
	     pstn_cause_name(cause));
	b_clear(b, cause);
}

static bool p_busy(const struct pstn_port *port)
{
	const struct pstn_bchan *b = port->arg;

	return b->qcall != NULL;
}

static const struct pstn_port_ops bchan_ops = {
	.offer = p_offer,
	.connected = p_connected,
	.data = p_data,
	.released = p_released,
	.busy = p_busy,
};

/* The highest free channel, as a 5ESS hunts a PRI. */
static struct pstn_port *t_seize(struct pstn_trunk *trunk,
				 struct pstn_call *call)
{
	struct pstn_isdn *isdn = trunk->arg;

	(void)call;
	if (!isdn->pri || !isdn_pri_up(isdn->pri))
		return NULL;
	for (unsigned i = isdn->nb; i-- > 0;) {
		struct pstn_bchan *b = &isdn->b[i];

		if (!b->qcall && !b->port.call)
			return &b->port;
	}
	return NULL;
}

static const struct pstn_trunk_ops trunk_ops = {.seize = t_seize};

/* ---- D-channel events ---------------------------------------------------- */

static struct pstn_bchan *bchan_of_call(struct pstn_isdn *isdn,
					const struct q931_call *q)
{
	for (unsigned i = 0; i < isdn->nb; i++)
		if (q && isdn->b[i].qcall == q)
			return &isdn->b[i];
	return NULL;
}

static struct pstn_bchan *bchan_num(struct pstn_isdn *isdn, int num)
{
	for (unsigned i = 0; i < isdn->nb; i++)
		if ((int)isdn->b[i].num == num)
			return &isdn->b[i];
	return NULL;
}

/* The user places a call (SETUP in). */
static void ev_ring(struct pstn_isdn *isdn, const struct isdn_pri_event *ev)
{
	struct pstn_bchan *b = NULL;
	enum pstn_cause cause;
	enum pstn_bearer bearer = bearer_of(ev->bearer);

	if (ev->channel > 0) {
		b = bchan_num(isdn, ev->channel);
		if (b && (b->qcall || b->port.call)) {
			isdn_pri_hangup(isdn->pri, ev->call,
					Q931_CAUSE_CHAN_UNAVAIL);
			return;
		}
	} else {
		for (unsigned i = 0; i < isdn->nb && !b; i++)
			if (!isdn->b[i].qcall && !isdn->b[i].port.call)
				b = &isdn->b[i];
	}
	if (!b) {
		isdn_pri_hangup(isdn->pri, ev->call, Q931_CAUSE_NO_CIRCUIT);
		return;
	}
	b->qcall = ev->call;
	b->outgoing = true;
	b->voice = bearer != PSTN_BEARER_DIGITAL;
	b->carrier = false;
	IDBG(isdn, "SETUP in on B%u to %s (%s)", b->num, ev->called,
	     pstn_bearer_name(bearer));
	if (!pstn_switch_dial_bearer(isdn->sw, &b->port, ev->called, bearer,
				     &cause)) {
		b->qcall = NULL;
		/* As a switch does for a busy or unreachable number: CALL
		 * PROCEEDING, then DISCONNECT with the cause.  A bare hang-up
		 * of a call just received sends nothing on a 5ESS PRI with
		 * libpri 1.6, and the caller would wait for T303. */
		isdn_pri_proceeding(isdn->pri, ev->call, (int)b->num);
		isdn_pri_hangup(isdn->pri, ev->call, q850_of(cause));
		return;
	}
	isdn_pri_proceeding(isdn->pri, ev->call, (int)b->num);
	if (b->qcall)
		isdn_pri_alerting(isdn->pri, ev->call, (int)b->num);
}

static void on_pri_event(void *ctx, const struct isdn_pri_event *ev)
{
	struct pstn_isdn *isdn = ctx;
	struct pstn_bchan *b = bchan_of_call(isdn, ev->call);

	switch (ev->type) {
	case ISDN_EV_DCHAN_UP:
	case ISDN_EV_DCHAN_DOWN:
		if (isdn->lg)
			log_info(isdn->lg, "%%PSTN-6-ISDN: %s %s: %s",
				 pstn_role_name(isdn->role), isdn->sub->number,
				 isdn_pri_ev_name(ev->type));
		break;
	case ISDN_EV_RING:
		ev_ring(isdn, ev);
		break;
	case ISDN_EV_ANSWER:
		if (b && b->port.call)
			pstn_call_answer(b->port.call);
		break;
	case ISDN_EV_HANGUP_REQ:
	case ISDN_EV_HANGUP:
		if (!b) {
			isdn_pri_hangup(isdn->pri, ev->call, ev->cause);
			break;
		}
		IDBG(isdn, "B%u cleared by the user, cause %d", b->num,
		     ev->cause);
		if (b->port.call)
			pstn_call_release(b->port.call, &b->port,
					  cause_of(ev->cause));
		if (b->carrier)
			send_carrier(b, 0);
		isdn_pri_hangup(isdn->pri, ev->call, ev->cause);
		/* After RELEASE in, libpri freed the call. */
		if (ev->type == ISDN_EV_HANGUP)
			b->qcall = NULL;
		break;
	case ISDN_EV_HANGUP_ACK:
		if (!b)
			break;
		/* A SETUP refused at once (RELEASE COMPLETE with a cause)
		 * ends the switch call here. */
		b->qcall = NULL;
		if (b->port.call)
			pstn_call_release(b->port.call, &b->port,
					  cause_of(ev->cause));
		if (b->carrier)
			send_carrier(b, 0);
		break;
	default:
		break;
	}
}

static const struct isdn_pri_ops pri_ops = {on_pri_send, on_pri_event};

/* ---- life ---------------------------------------------------------------- */

struct pstn_isdn *pstn_isdn_new(struct pstn_switch *sw, struct pstn_sub *sub,
				enum pstn_role role, struct timers *ts,
				struct logger *lg, const unsigned *debug)
{
	unsigned nb = pstn_isdn_channels(role);
	struct pstn_isdn *isdn;

	if (nb == 0)
		return NULL;
	isdn = calloc(1, sizeof(*isdn));
	if (!isdn)
		return NULL;
	isdn->sw = sw;
	isdn->sub = sub;
	isdn->role = role;
	isdn->ts = ts;
	isdn->lg = lg;
	isdn->debug = debug;
	isdn->nb = nb;
	for (unsigned i = 0, ts_num = 1; i < nb; i++, ts_num++) {
		struct pstn_bchan *b = &isdn->b[i];

		if (role == PSTN_ROLE_PRI_E1 && ts_num == 16)
			ts_num++; /* timeslot 16 is the D-channel */
		b->isdn = isdn;
		b->num = ts_num;
		b->port.ops = &bchan_ops;
		b->port.arg = b;
		b->port.sub = sub;
		b->port.speed_bps = 64000;
		snprintf(b->port.name, sizeof(b->port.name), "%s:B%u",
			 sub->number, ts_num);
	}
	isdn->trunk.ops = &trunk_ops;
	isdn->trunk.arg = isdn;
	snprintf(isdn->trunk.name, sizeof(isdn->trunk.name), "%s %s",
		 pstn_role_name(role), sub->number);
	pstn_sub_set_trunk(sub, &isdn->trunk);
	return isdn;
}

void pstn_isdn_free(struct pstn_isdn *isdn)
{
	if (!isdn)
		return;
	pstn_isdn_detach(isdn);
	if (isdn->sub && isdn->sub->trunk == &isdn->trunk)
		isdn->sub->trunk = NULL;
	free(isdn);
}

int pstn_isdn_attach(struct pstn_isdn *isdn, const struct pstn_isdn_send *out,
		     void *arg)
{
	enum isdn_pri_kind kind = isdn->role == PSTN_ROLE_BRI ? ISDN_PRI_BRI
				  : isdn->role == PSTN_ROLE_PRI_E1
					  ? ISDN_PRI_E1
					  : ISDN_PRI_T1;
	int sw = kind == ISDN_PRI_T1 ? PRI_SWITCH_LUCENT5E
				     : PRI_SWITCH_EUROISDN_E1;

	if (isdn->pri)
		return -EBUSY;
	isdn->out = out;
	isdn->out_arg = arg;
	memset(&isdn->q931_lg, 0, sizeof(isdn->q931_lg));
	if (isdn->lg)
		isdn->q931_lg = *isdn->lg;
	isdn->q931_lg.debug = 0;
	if (isdn->debug && (*isdn->debug & PSTN_DBG_CALLS))
		isdn->q931_lg.debug = (uint64_t)1 << DBG_ISDN_Q931;
	isdn->pri = isdn_pri_new(true, kind, sw, &pri_ops, isdn, isdn->ts,
				 &isdn->q931_lg, isdn->sub->number);
	if (!isdn->pri) {
		isdn->out = NULL;
		return -ENOMEM;
	}
	return 0;
}

void pstn_isdn_detach(struct pstn_isdn *isdn)
{
	struct isdn_pri *pri = isdn->pri;

	if (!pri)
		return;
	/* Nothing more goes to the user; far ends hear "out of order". */
	isdn->out = NULL;
	isdn->pri = NULL;
	for (unsigned i = 0; i < isdn->nb; i++) {
		struct pstn_bchan *b = &isdn->b[i];

		b->qcall = NULL;
		b->carrier = false;
		if (b->port.call)
			pstn_call_release(b->port.call, &b->port,
					  PSTN_CAUSE_NO_SERVICE);
	}
	isdn_pri_free(pri);
}

bool pstn_isdn_attached(const struct pstn_isdn *isdn)
{
	return isdn->pri != NULL;
}

bool pstn_isdn_dchan_up(const struct pstn_isdn *isdn)
{
	return isdn->pri && isdn_pri_up(isdn->pri);
}

int pstn_isdn_input(struct pstn_isdn *isdn, const struct pstn_wire_msg *m,
		    const char **why)
{
	struct pstn_bchan *b;

	switch (m->type) {
	case PSTN_MSG_DCHAN:
		if (m->channel != 0) {
			*why = "DCHAN on a B-channel";
			return -EPROTO;
		}
		if (!isdn->pri)
			return 0;
		isdn->frames_in++;
		q931_debug_frame(&isdn->q931_lg, isdn->sub->number, false,
				 m->data, m->data_len);
		isdn_pri_input(isdn->pri, m->data, m->data_len);
		return 0;
	case PSTN_MSG_DATA:
		b = bchan_num(isdn, m->channel);
		if (!b) {
			*why = "no such B-channel";
			return -EPROTO;
		}
		if (b->port.call)
			pstn_call_data(b->port.call, &b->port, m->data,
				       m->data_len);
		return 0;
	default:
		*why = "unexpected message on an ISDN attachment";
		return -EPROTO;
	}
}
