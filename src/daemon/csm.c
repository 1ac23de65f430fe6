/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * csm.c - the Call Switching Module trace of a digital modem (csm.h): one
 * transition table and one dispatcher that prints every event the way
 * `debug modem csm` does on an AS5200 (seed 001).
 */
#include "csm.h"

#include <stdarg.h>
#include <stddef.h>

static const char *const state_names[] = {
#define CSM_STATE_NAME(e, s) s,
	CSM_STATES(CSM_STATE_NAME)
#undef CSM_STATE_NAME
};
_Static_assert(sizeof(state_names) / sizeof(state_names[0]) == CSM_STATE__COUNT,
	       "one name per CSM state");

static const char *const event_names[] = {
#define CSM_EVENT_NAME(e, s) s,
	CSM_EVENTS(CSM_EVENT_NAME)
#undef CSM_EVENT_NAME
};
_Static_assert(sizeof(event_names) / sizeof(event_names[0]) == CSM_EVENT__COUNT,
	       "one name per CSM event");

const char *csm_state_name(enum csm_state s)
{
	return (unsigned)s < CSM_STATE__COUNT ? state_names[s] : "?";
}

const char *csm_event_name(enum csm_event e)
{
	return (unsigned)e < CSM_EVENT__COUNT ? event_names[e] : "?";
}

#define S(st) (1u << (st))
#define ANY_CALL (((1u << CSM_STATE__COUNT) - 1) & ~S(CSM_IDLE))
#define SAME CSM_STATE__COUNT /* stay in the state */

_Static_assert(CSM_STATE__COUNT < 32, "states fit in a mask");

/* Rows are tried in order; the first whose mask holds the state wins. */
static const struct csm_row {
	unsigned states;
	enum csm_event ev;
	unsigned next; /* enum csm_state, or SAME */
	bool quiet;    /* no line in IOS's trace */
} rows[] = {
	/* Incoming: the ISDN side offers a call, the modem answers (goes off
	 * hook), the ISDN call connects, the modems train. */
	{S(CSM_IDLE), CSM_EV_ISDN_CALL, CSM_IC1_RING, false},
	{S(CSM_IC1_RING), CSM_EV_MODEM_OFFHOOK, CSM_IC4_WAIT_FOR_CARRIER,
	 false},
	{S(CSM_IC4_WAIT_FOR_CARRIER), CSM_EV_ISDN_CONNECTED, SAME, false},
	/* Outgoing: off hook (ATH1 or ATD), the digits, the SETUP, CALL
	 * PROCEEDING (B-channel assigned), CONNECT, training. */
	{S(CSM_IDLE), CSM_EV_MODEM_OFFHOOK, CSM_OC1_REQUEST_DIGIT, false},
	{S(CSM_OC1_REQUEST_DIGIT), CSM_EV_DIGIT_COLLECT_READY, SAME, false},
	{S(CSM_OC1_REQUEST_DIGIT), CSM_EV_ADDR_INFO_COLLECTED,
	 CSM_OC2_COLLECT_1ST_DIGIT, false},
	{S(CSM_OC2_COLLECT_1ST_DIGIT), CSM_EV_GET_1ST_DIGIT,
	 CSM_OC3_COLLECT_ALL_DIGIT, false},
	{S(CSM_OC3_COLLECT_ALL_DIGIT), CSM_EV_GET_ALL_DIGITS, SAME, false},
	{S(CSM_OC4_DIALING), CSM_EV_ISDN_BCHAN_ASSIGNED,
	 CSM_OC5_WAIT_FOR_CARRIER, false},
	/* A network that connects without CALL PROCEEDING first. */
	{S(CSM_OC4_DIALING) | S(CSM_OC5_WAIT_FOR_CARRIER),
	 CSM_EV_ISDN_CONNECTED, CSM_OC5_WAIT_FOR_CARRIER, false},
	{S(CSM_IC4_WAIT_FOR_CARRIER) | S(CSM_OC5_WAIT_FOR_CARRIER),
	 CSM_EV_CARRIER, CSM_CONNECTED, true},
	/* Either side ends it. */
	{ANY_CALL, CSM_EV_MODEM_ONHOOK, CSM_IDLE, false},
	{ANY_CALL, CSM_EV_ISDN_DISCONNECTED, CSM_IDLE, false},
};

static void say(const struct csm *csm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(const struct csm *csm, const char *fmt, ...)
{
	va_list ap;

	if (!log_debug_on(csm->lg, DBG_MODEM_CSM))
		return;
	va_start(ap, fmt);
	log_vprintf(csm->lg, LOG_LVL_DEBUG, fmt, ap);
	va_end(ap);
}

void csm_init(struct csm *csm, const struct logger *lg, unsigned slot,
	      unsigned port)
{
	csm->state = CSM_IDLE;
	csm->slot = slot;
	csm->port = port;
	csm->lg = lg;
}

bool csm_event(struct csm *csm, enum csm_event ev)
{
	enum csm_state was = csm->state;
	const struct csm_row *row = NULL;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if ((rows[i].states & S(was)) && rows[i].ev == ev) {
			row = &rows[i];
			break;
		}
	if (!row)
		return false;
	/* The ringing stops as the modem picks up, before the event line
	 * (seed 001). */
	if (was == CSM_IC1_RING && row->next != SAME &&
	    row->next != CSM_IC1_RING)
		say(csm, "Fast Ringing Off at modem slot %u, port %u",
		    csm->slot, csm->port);
	if (!row->quiet)
		say(csm, "%s: %s at slot %u, port %u", csm_state_name(was),
		    csm_event_name(ev), csm->slot, csm->port);
	if (row->next == SAME)
		return true;
	csm->state = (enum csm_state)row->next;
	if (csm->state == CSM_IC1_RING)
		say(csm, "Fast Ringing On at modem slot %u, port %u", csm->slot,
		    csm->port);
	if (csm->state == CSM_IDLE)
		say(csm, "VDEV_DEALLOCATE: slot %u and port %u is deallocated",
		    csm->slot, csm->port);
	return true;
}

void csm_allocate(struct csm *csm)
{
	if (csm->state != CSM_IDLE)
		return;
	say(csm, "VDEV_ALLOCATE: slot %u and port %u is allocated.", csm->slot,
	    csm->port);
	csm_event(csm, CSM_EV_ISDN_CALL);
}

void csm_digits(struct csm *csm, const char *number)
{
	if (csm->state != CSM_OC1_REQUEST_DIGIT)
		return;
	csm_event(csm, CSM_EV_DIGIT_COLLECT_READY);
	csm_event(csm, CSM_EV_ADDR_INFO_COLLECTED);
	csm_event(csm, CSM_EV_GET_1ST_DIGIT);
	csm_event(csm, CSM_EV_GET_ALL_DIGITS);
	say(csm, "%s: called party num: (%s) at slot %u, port %u",
	    csm_state_name(csm->state), number, csm->slot, csm->port);
	csm->state = CSM_OC4_DIALING;
}
