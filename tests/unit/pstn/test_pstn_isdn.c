/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the pstn's ISDN trunks (pstn_isdn.c) with the switch, a
 * real analog modem line, and a user side played by the libpri adapter in
 * memory: a modem's call to the PRI becomes a 3.1 kHz audio SETUP on the
 * highest free B-channel, CONNECT trains and sends CARRIER(33600), DTE
 * bytes are relayed as DATA on the channel; a digital call from the user
 * side to an analog line is cause 88, to nowhere cause 1, to a full BRI
 * cause 34; BRI to BRI data frames are relayed as they are; a user-side
 * DISCONNECT with cause 17 gives the modem BUSY.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "isdn_pri.h"
#include "pstn_isdn.h"
#include "pstn_line.h"
#include "pstn_switch.h"
#include "q931.h"
#include "strbuf.h"

#include <libpri.h>

#define MAXEV 64

static const struct logger quiet; /* no sink: drops everything */

/* The user side of one attachment: a libpri CPE fed by the trunk. */
struct user {
	struct pstn_isdn *isdn;
	struct isdn_pri *pri;
	uint8_t pending[MAXEV][600]; /* DCHAN frames for the CPE */
	size_t plen[MAXEV];
	size_t np;
	struct isdn_pri_event ev[MAXEV];
	size_t nev;
	uint32_t carrier[32];
	struct strbuf data[32];
	uint8_t last_cause; /* of the last DISCONNECT the network sent */
};

struct rig {
	struct timers ts;
	struct pstn_switch sw;
	struct pstn_line *line;
	struct strbuf dte;
	struct user u[3]; /* 0: PRI 4084327528, 1: BRI 6121, 2: BRI 6122 */
};

static void f_write(void *arg, const uint8_t *d, size_t n)
{
	sb_putn(arg, (const char *)d, n);
}

static void f_signals(void *arg, unsigned sig)
{
	(void)arg;
	(void)sig;
}

static const struct pstn_dte_ops fops = {f_write, f_signals};

/* Network → user: queue D-channel frames, keep CARRIER and DATA. */
static void net_send(void *arg, const uint8_t *msg, size_t len)
{
	struct user *u = arg;
	struct pstn_wire_msg m;
	const char *why;
	const uint8_t *l3;
	size_t n;
	struct q931_msg q;

	assert_int_equal(pstn_wire_decode(msg, len, &m, &why), 0);
	switch (m.type) {
	case PSTN_MSG_DCHAN:
		assert_true(u->np < MAXEV);
		memcpy(u->pending[u->np], m.data, m.data_len);
		u->plen[u->np++] = m.data_len;
		if (q921_peek(m.data, m.data_len, &l3, &n) &&
		    q931_decode(l3, n, &q, &why) == 0 &&
		    q.cause.present &&
		    (q.type == Q931_DISCONNECT || q.type == Q931_RELEASE ||
		     q.type == Q931_RELEASE_COMP))
			u->last_cause = q.cause_value;
		break;
	case PSTN_MSG_CARRIER:
		u->carrier[m.channel] = m.speed_bps;
		break;
	case PSTN_MSG_DATA:
		sb_putn(&u->data[m.channel], (const char *)m.data, m.data_len);
		break;
	default:
		fail();
	}
}

static const struct pstn_isdn_send send_ops = {net_send};

/* User → network: a DCHAN message into the trunk. */
static void cpe_send(void *ctx, const uint8_t *frame, size_t len)
{
	struct user *u = ctx;
	struct pstn_wire_msg m = {.type = PSTN_MSG_DCHAN, .data = frame,
				  .data_len = len};
	const char *why;

	assert_int_equal(pstn_isdn_input(u->isdn, &m, &why), 0);
}

static void cpe_event(void *ctx, const struct isdn_pri_event *ev)
{
	struct user *u = ctx;

	assert_true(u->nev < MAXEV);
	u->ev[u->nev++] = *ev;
	/* RELEASE in: finish with RELEASE COMPLETE, as nasd does. */
	if (ev->type == ISDN_EV_HANGUP)
		isdn_pri_hangup(u->pri, ev->call, ev->cause);
}

static const struct isdn_pri_ops cpe_ops = {cpe_send, cpe_event};

static void pump(struct rig *r)
{
	for (int round = 0; round < 500; round++) {
		bool any = false;

		for (int i = 0; i < 3; i++) {
			struct user *u = &r->u[i];
			uint8_t f[600];
			size_t len;

			if (!u->np)
				continue;
			any = true;
			len = u->plen[0];
			memcpy(f, u->pending[0], len);
			memmove(u->pending[0], u->pending[1],
				(u->np - 1) * sizeof(u->pending[0]));
			memmove(u->plen, u->plen + 1,
				(u->np - 1) * sizeof(u->plen[0]));
			u->np--;
			isdn_pri_input(u->pri, f, len);
		}
		if (!any)
			return;
	}
}

static void wait_ms(struct rig *r, uint64_t ms)
{
	uint64_t end = timers_now(&r->ts) + ms;

	while (timers_now(&r->ts) < end) {
		timers_advance(&r->ts, timers_now(&r->ts) + 1);
		pump(r);
	}
}

static const struct isdn_pri_event *find_ev(struct user *u,
					    enum isdn_pri_ev t)
{
	for (size_t i = 0; i < u->nev; i++)
		if (u->ev[i].type == t)
			return &u->ev[i];
	return NULL;
}

static struct rig *rig_new(void)
{
	static const struct {
		const char *num;
		enum pstn_role role;
		enum isdn_pri_kind kind;
		int sw;
	} t[3] = {
		{"4084327528", PSTN_ROLE_PRI_T1, ISDN_PRI_T1,
		 PRI_SWITCH_LUCENT5E},
		{"6121", PSTN_ROLE_BRI, ISDN_PRI_BRI, PRI_SWITCH_EUROISDN_E1},
		{"6122", PSTN_ROLE_BRI, ISDN_PRI_BRI, PRI_SWITCH_EUROISDN_E1},
	};
	struct rig *r = calloc(1, sizeof(*r));
	struct pstn_line_cfg lc = {.speed_bps = 33600,
				   .answer = PSTN_ANSWER_AUTO,
				   .answer_rings = 1};
	struct pstn_sub *sub;
	int err;

	timers_init(&r->ts, 1000);
	pstn_switch_init(&r->sw, &r->ts, NULL, NULL, 500);
	sub = pstn_switch_add_sub(&r->sw, "5279651", &err);
	r->line = pstn_line_new(&r->sw, sub, &lc, &r->ts, NULL, NULL);
	pstn_line_set_dte(r->line, &fops, &r->dte);
	pstn_line_set_dtr(r->line, true);
	for (int i = 0; i < 3; i++) {
		struct user *u = &r->u[i];

		sub = pstn_switch_add_sub(&r->sw, t[i].num, &err);
		assert_non_null(sub);
		u->isdn = pstn_isdn_new(&r->sw, sub, t[i].role, &r->ts, NULL,
					NULL);
		assert_non_null(u->isdn);
		assert_int_equal(pstn_isdn_attach(u->isdn, &send_ops, u), 0);
		u->pri = isdn_pri_new(false, t[i].kind, t[i].sw, &cpe_ops, u,
				      &r->ts, &quiet, t[i].num);
		assert_non_null(u->pri);
	}
	wait_ms(r, 10);
	for (int i = 0; i < 3; i++)
		assert_true(pstn_isdn_dchan_up(r->u[i].isdn));
	return r;
}

static void rig_free(struct rig *r)
{
	pstn_line_free(r->line);
	for (int i = 0; i < 3; i++) {
		pstn_isdn_free(r->u[i].isdn);
		isdn_pri_free(r->u[i].pri);
		for (int k = 0; k < 32; k++)
			sb_free(&r->u[i].data[k]);
	}
	pstn_switch_fini(&r->sw);
	timers_fini(&r->ts);
	sb_free(&r->dte);
	free(r);
}

static void type(struct rig *r, const char *s)
{
	pstn_line_dte_input(r->line, (const uint8_t *)s, strlen(s));
}

static void test_modem_call_to_pri(void **state)
{
	struct rig *r = rig_new();
	struct user *u = &r->u[0];
	const struct isdn_pri_event *ring;
	struct pstn_wire_msg m = {.type = PSTN_MSG_DATA};
	const char *why;
	const struct pstn_call *call;

	(void)state;
	assert_int_equal(pstn_isdn_channels(PSTN_ROLE_PRI_E1), 30);
	type(r, "ATDT 432-7528\r");
	wait_ms(r, 5);
	ring = find_ev(u, ISDN_EV_RING);
	assert_non_null(ring);
	assert_int_equal(ring->channel, 23); /* the highest free */
	assert_int_equal(ring->bearer, Q931_CAP_AUDIO_3K1);
	assert_string_equal(ring->called, "4084327528");
	assert_string_equal(ring->calling, "5279651");
	call = r->sw.calls;
	assert_non_null(call);
	assert_int_equal(call->bearer, PSTN_BEARER_AUDIO);
	assert_string_equal(call->callee_port, "4084327528:B23");
	isdn_pri_answer(u->pri, ring->call, 23);
	wait_ms(r, 600);
	assert_int_equal(u->carrier[23], 33600);
	assert_non_null(strstr(sb_str(&r->dte), "CONNECT 33600"));
	/* DTE bytes both ways. */
	type(r, "hello");
	wait_ms(r, 200);
	assert_string_equal(sb_str(&u->data[23]), "hello");
	m.channel = 23;
	m.data = (const uint8_t *)"Username: ";
	m.data_len = 10;
	assert_int_equal(pstn_isdn_input(u->isdn, &m, &why), 0);
	wait_ms(r, 200);
	assert_non_null(strstr(sb_str(&r->dte), "Username: "));
	/* A channel the PRI does not have. */
	m.channel = 24;
	assert_int_equal(pstn_isdn_input(u->isdn, &m, &why), -EPROTO);
	/* The user side hangs up: the modem hears NO CARRIER, the call
	 * ends with cause normal, the channel is free again. */
	isdn_pri_hangup(u->pri, ring->call, Q931_CAUSE_NORMAL);
	wait_ms(r, 50);
	assert_non_null(strstr(sb_str(&r->dte), "NO CARRIER"));
	assert_null(r->sw.calls);
	assert_int_equal(r->sw.hist->cause, PSTN_CAUSE_NORMAL);
	assert_null(u->isdn->b[22].qcall);
	rig_free(r);
}

static void test_user_busy_gives_modem_busy(void **state)
{
	struct rig *r = rig_new();
	struct user *u = &r->u[0];
	const struct isdn_pri_event *ring;

	(void)state;
	sb_reset(&r->dte);
	type(r, "ATDT 4084327528\r");
	wait_ms(r, 5);
	ring = find_ev(u, ISDN_EV_RING);
	assert_non_null(ring);
	/* nasd refuses a call it has no modem for this way. */
	isdn_pri_refuse(u->pri, ring->call, ring->channel, Q931_CAUSE_BUSY);
	wait_ms(r, 500);
	assert_non_null(strstr(sb_str(&r->dte), "BUSY"));
	assert_int_equal(r->sw.hist->cause, PSTN_CAUSE_BUSY);
	rig_free(r);
}

static void test_bri_data_calls_and_causes(void **state)
{
	struct rig *r = rig_new();
	struct user *a = &r->u[1], *b = &r->u[2];
	const struct isdn_pri_event *ring, *ans;
	struct q931_call *c1, *c2, *c3;
	struct pstn_wire_msg m = {.type = PSTN_MSG_DATA};
	const char *why;
	static const uint8_t frame[] = {0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01,
					0x00, 0x04};

	(void)state;
	/* BRI 6121 → BRI 6122, unrestricted digital. */
	c1 = isdn_pri_call(a->pri, 1, Q931_CAP_DIGITAL, "6122", "6121");
	assert_non_null(c1);
	wait_ms(r, 5);
	ring = find_ev(b, ISDN_EV_RING);
	assert_non_null(ring);
	assert_int_equal(ring->bearer, Q931_CAP_DIGITAL);
	assert_int_equal(ring->channel, 2);
	isdn_pri_answer(b->pri, ring->call, 2);
	wait_ms(r, 5);
	ans = find_ev(a, ISDN_EV_ANSWER);
	assert_non_null(ans);
	assert_ptr_equal(ans->call, c1);
	assert_int_equal(a->carrier[1], 0); /* no modems: no CARRIER */
	assert_int_equal(r->sw.calls->bearer, PSTN_BEARER_DIGITAL);
	assert_int_equal(r->sw.calls->speed_bps, 64000);
	/* A frame goes across as it is. */
	m.channel = 1;
	m.data = frame;
	m.data_len = sizeof(frame);
	assert_int_equal(pstn_isdn_input(a->isdn, &m, &why), 0);
	assert_int_equal(b->data[2].len, sizeof(frame));
	assert_memory_equal(b->data[2].s, frame, sizeof(frame));
	/* Second call on B2 of 6121 to 6122's B1; a third finds no
	 * channel at 6122: cause 34. */
	c2 = isdn_pri_call(a->pri, 2, Q931_CAP_DIGITAL, "6122", "6121");
	assert_non_null(c2);
	wait_ms(r, 5);
	c3 = isdn_pri_call(r->u[0].pri, 1, Q931_CAP_DIGITAL, "6122", "");
	assert_non_null(c3);
	wait_ms(r, 5);
	assert_int_equal(r->u[0].last_cause, Q931_CAUSE_NO_CIRCUIT);
	/* A digital call to an analog line: incompatible destination. */
	c3 = isdn_pri_call(r->u[0].pri, 2, Q931_CAP_DIGITAL, "5279651", "");
	wait_ms(r, 5);
	assert_int_equal(r->u[0].last_cause, Q931_CAUSE_INCOMPATIBLE);
	/* Nobody there: unallocated number. */
	c3 = isdn_pri_call(r->u[0].pri, 3, Q931_CAP_DIGITAL, "999", "");
	wait_ms(r, 5);
	assert_int_equal(r->u[0].last_cause, Q931_CAUSE_UNALLOCATED);
	/* Detaching 6122 releases its calls; 6121 hears DISCONNECT. */
	pstn_isdn_detach(b->isdn);
	wait_ms(r, 5);
	assert_int_equal(a->last_cause, Q931_CAUSE_OUT_OF_ORDER);
	assert_null(r->sw.calls);
	rig_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modem_call_to_pri),
		cmocka_unit_test(test_user_busy_gives_modem_busy),
		cmocka_unit_test(test_bri_data_calls_and_causes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
