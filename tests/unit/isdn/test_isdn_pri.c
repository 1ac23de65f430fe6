/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_isdn_pri - the libpri adapter with a network side and a user side
 * wired back to back in memory: layer 2 comes up, a SETUP with bearer and
 * numbers reaches the other side as a RING event, the answer reaches the
 * caller, clearing with a cause reaches both, and the frames the adapter
 * hands out carry no FCS (they decode as Q.931 with the seed's shapes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_log.h"
#include "isdn_pri.h"
#include "q931.h"

#include <libpri.h>

#define QMAX 64

struct side {
	struct isdn_pri *p;
	struct side *peer;
	uint8_t q[QMAX][600];
	size_t qlen[QMAX];
	size_t nq;
	struct isdn_pri_event ev[QMAX];
	size_t nev;
	struct q931_msg sent[QMAX]; /* Q.931 messages this side sent */
	size_t nsent;
};

static void on_send(void *ctx, const uint8_t *frame, size_t len)
{
	struct side *s = ctx;
	struct side *to = s->peer;
	const uint8_t *l3;
	size_t n;
	const char *why;

	assert_true(len < sizeof(to->q[0]));
	assert_true(to->nq < QMAX);
	memcpy(to->q[to->nq], frame, len);
	to->qlen[to->nq++] = len;
	if (q921_peek(frame, len, &l3, &n) && s->nsent < QMAX)
		assert_int_equal(q931_decode(l3, n, &s->sent[s->nsent++], &why),
				 0);
}

static void on_event(void *ctx, const struct isdn_pri_event *ev)
{
	struct side *s = ctx;

	assert_true(s->nev < QMAX);
	s->ev[s->nev++] = *ev;
}

static const struct isdn_pri_ops ops = {on_send, on_event};

static void pump(struct side *a, struct side *b)
{
	for (int round = 0; round < 200 && (a->nq || b->nq); round++) {
		struct side *s = a->nq ? a : b;
		uint8_t f[600];
		size_t len = s->qlen[0];

		memcpy(f, s->q[0], len);
		memmove(s->q[0], s->q[1], (s->nq - 1) * sizeof(s->q[0]));
		memmove(s->qlen, s->qlen + 1, (s->nq - 1) * sizeof(s->qlen[0]));
		s->nq--;
		isdn_pri_input(s->p, f, len);
	}
}

static const struct isdn_pri_event *find_ev(const struct side *s,
					    enum isdn_pri_ev t)
{
	for (size_t i = 0; i < s->nev; i++)
		if (s->ev[i].type == t)
			return &s->ev[i];
	return NULL;
}

static const struct q931_msg *find_sent(const struct side *s, uint8_t type)
{
	for (size_t i = 0; i < s->nsent; i++)
		if (s->sent[i].type == type)
			return &s->sent[i];
	return NULL;
}

static void run_call(enum isdn_pri_kind kind, int sw, int chan, int bearer)
{
	static struct side net, cpe;
	struct timers ts;
	struct fake_log fl;
	const struct isdn_pri_event *ring, *ev;
	const struct q931_msg *m;
	struct q931_call *call;

	memset(&net, 0, sizeof(net));
	memset(&cpe, 0, sizeof(cpe));
	net.peer = &cpe;
	cpe.peer = &net;
	fake_log_init(&fl);
	timers_init(&ts, 1000);
	net.p = isdn_pri_new(true, kind, sw, &ops, &net, &ts, &fl.lg, "net");
	cpe.p = isdn_pri_new(false, kind, sw, &ops, &cpe, &ts, &fl.lg, "cpe");
	assert_non_null(net.p);
	assert_non_null(cpe.p);
	timers_advance(&ts, 1001);
	pump(&net, &cpe);
	assert_true(isdn_pri_up(net.p));
	assert_true(isdn_pri_up(cpe.p));
	assert_non_null(find_ev(&cpe, ISDN_EV_DCHAN_UP));

	/* The network offers a call to the user side. */
	call = isdn_pri_call(net.p, chan, bearer, "4084327528", "5279651");
	assert_non_null(call);
	pump(&net, &cpe);
	m = find_sent(&net, Q931_SETUP);
	assert_non_null(m);
	assert_int_equal(m->bearer_cap, bearer);
	assert_int_equal(m->channel, chan);
	assert_string_equal(m->called.digits, "4084327528");
	assert_string_equal(m->calling.digits, "5279651");
	ring = find_ev(&cpe, ISDN_EV_RING);
	assert_non_null(ring);
	assert_int_equal(ring->channel, chan);
	assert_int_equal(ring->bearer, bearer);
	assert_string_equal(ring->called, "4084327528");
	assert_string_equal(ring->calling, "5279651");

	assert_int_equal(isdn_pri_proceeding(cpe.p, ring->call, chan), 0);
	assert_int_equal(isdn_pri_answer(cpe.p, ring->call, chan), 0);
	pump(&net, &cpe);
	assert_non_null(find_sent(&cpe, Q931_CALL_PROC));
	assert_non_null(find_sent(&cpe, Q931_CONNECT));
	ev = find_ev(&net, ISDN_EV_ANSWER);
	assert_non_null(ev);
	assert_ptr_equal(ev->call, call);

	/* The user side clears with "normal call clearing". */
	isdn_pri_hangup(cpe.p, ring->call, Q931_CAUSE_NORMAL);
	pump(&net, &cpe);
	m = find_sent(&cpe, Q931_DISCONNECT);
	assert_non_null(m);
	assert_int_equal(m->cause_value, Q931_CAUSE_NORMAL);
	ev = find_ev(&net, ISDN_EV_HANGUP_REQ);
	assert_non_null(ev);
	assert_int_equal(ev->cause, Q931_CAUSE_NORMAL);
	isdn_pri_hangup(net.p, call, ev->cause);
	pump(&net, &cpe);
	assert_non_null(find_sent(&net, Q931_RELEASE));
	/* The side that sent DISCONNECT hears RELEASE as a hang-up and
	 * finishes the clearing with RELEASE COMPLETE. */
	ev = find_ev(&cpe, ISDN_EV_HANGUP);
	assert_non_null(ev);
	assert_ptr_equal(ev->call, ring->call);
	isdn_pri_hangup(cpe.p, ev->call, Q931_CAUSE_NORMAL);
	pump(&net, &cpe);
	assert_non_null(find_sent(&cpe, Q931_RELEASE_COMP));
	assert_non_null(find_ev(&net, ISDN_EV_HANGUP_ACK));

	isdn_pri_free(net.p);
	isdn_pri_free(cpe.p);
	timers_fini(&ts);
	fake_log_fini(&fl);
}

static void test_pri_voice(void **state)
{
	(void)state;
	run_call(ISDN_PRI_T1, PRI_SWITCH_LUCENT5E, 19, Q931_CAP_AUDIO_3K1);
}

static void test_bri_data(void **state)
{
	(void)state;
	run_call(ISDN_PRI_BRI, PRI_SWITCH_EUROISDN_E1, 1, Q931_CAP_DIGITAL);
}

static void test_switch_types(void **state)
{
	(void)state;
	assert_int_equal(isdn_pri_switch_type("primary-5ess"),
			 PRI_SWITCH_LUCENT5E);
	assert_int_equal(isdn_pri_switch_type("basic-net3"),
			 PRI_SWITCH_EUROISDN_E1);
	assert_int_equal(isdn_pri_switch_type("bogus"), -1);
	assert_string_equal(isdn_pri_ev_name(ISDN_EV_RING), "incoming call");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pri_voice),
		cmocka_unit_test(test_bri_data),
		cmocka_unit_test(test_switch_types),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
