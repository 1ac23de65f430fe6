/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the pstn switch with real modem lines and fake DTEs on a
 * fake clock: routing with the numbering plan, connect, data, hang-up from
 * either side, busy, unallocated, no dial tone, no answer, answer modes,
 * two calls at once, `clear call`. */
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pstn_line.h"
#include "pstn_switch.h"
#include "strbuf.h"

#define NLINES 6

struct fdte {
	struct strbuf out;
	unsigned sig;
};

struct rig {
	struct timers ts;
	struct pstn_switch sw;
	struct pstn_line *line[NLINES];
	struct fdte dte[NLINES];
};

static void f_write(void *arg, const uint8_t *d, size_t n)
{
	sb_putn(&((struct fdte *)arg)->out, (const char *)d, n);
}

static void f_signals(void *arg, unsigned sig)
{
	((struct fdte *)arg)->sig = sig;
}

static const struct pstn_dte_ops fops = {f_write, f_signals};

/* 0 A 5551000 auto, 1 B 5279651 auto, 2 C 4085550000 manual,
 * 3 D 5550001 busy, 4 E 5550002 never, 5 F 5550003 auto (shutdown). */
static struct rig *rig_new(void)
{
	static const struct {
		const char *num;
		enum pstn_answer ans;
	} subs[NLINES] = {
		{"5551000", PSTN_ANSWER_AUTO},	 {"527-9651", PSTN_ANSWER_AUTO},
		{"408-555-0000", PSTN_ANSWER_MANUAL},
		{"5550001", PSTN_ANSWER_BUSY},	 {"5550002", PSTN_ANSWER_NEVER},
		{"5550003", PSTN_ANSWER_AUTO},
	};
	struct rig *r = calloc(1, sizeof(*r));

	timers_init(&r->ts, 1000);
	pstn_switch_init(&r->sw, &r->ts, NULL, NULL, 500);
	for (int i = 0; i < NLINES; i++) {
		struct pstn_line_cfg lc = {.speed_bps = i == 2 ? 28800 : 33600,
					   .answer = subs[i].ans,
					   .answer_rings = 1};
		int err;
		struct pstn_sub *sub =
			pstn_switch_add_sub(&r->sw, subs[i].num, &err);

		assert_non_null(sub);
		r->line[i] = pstn_line_new(&r->sw, sub, &lc, &r->ts, NULL,
					   NULL);
		assert_non_null(r->line[i]);
		pstn_line_set_dte(r->line[i], &fops, &r->dte[i]);
		pstn_line_set_dtr(r->line[i], true);
		pstn_line_dte_input(r->line[i], (const uint8_t *)"ATE0\r", 5);
	}
	r->sw.subs->next->next->next->next->next->shutdown = true;
	for (int i = 0; i < NLINES; i++)
		sb_reset(&r->dte[i].out);
	return r;
}

static void rig_free(struct rig *r)
{
	for (int i = 0; i < NLINES; i++)
		pstn_line_free(r->line[i]);
	pstn_switch_fini(&r->sw);
	timers_fini(&r->ts);
	for (int i = 0; i < NLINES; i++)
		sb_free(&r->dte[i].out);
	free(r);
}

static void wait_ms(struct rig *r, uint64_t ms)
{
	uint64_t end = timers_now(&r->ts) + ms;

	timers_advance(&r->ts, timers_now(&r->ts));
	while (timers_now(&r->ts) < end)
		timers_advance(&r->ts, timers_now(&r->ts) + 1);
}

static void type(struct rig *r, int i, const char *s)
{
	pstn_line_dte_input(r->line[i], (const uint8_t *)s, strlen(s));
}

static const char *take(struct rig *r, int i)
{
	static char buf[4][4096];
	static int k;
	char *b = buf[k++ % 4];

	snprintf(b, 4096, "%s", sb_str(&r->dte[i].out));
	sb_reset(&r->dte[i].out);
	return b;
}

static void test_routing(void **state)
{
	struct rig *r = rig_new();

	(void)state;
	assert_string_equal(pstn_switch_route(&r->sw, "527-9651")->number,
			    "5279651");
	assert_string_equal(pstn_switch_route(&r->sw, "1-527-9651")->number,
			    "5279651");
	assert_string_equal(pstn_switch_route(&r->sw, "5279651")->number,
			    "5279651");
	assert_string_equal(pstn_switch_route(&r->sw, "555-0000")->number,
			    "4085550000");
	assert_string_equal(pstn_switch_route(&r->sw, "(408) 555-0000")->number,
			    "4085550000");
	assert_null(pstn_switch_route(&r->sw, "999"));
	assert_null(pstn_switch_route(&r->sw, "abc"));
	rig_free(r);
}

static void connect_ab(struct rig *r, const char *dial)
{
	char line[64];

	snprintf(line, sizeof(line), "ATD%s\r", dial);
	type(r, 0, line);
	wait_ms(r, 1);
	assert_string_equal(take(r, 1), "\r\nRING\r\n");
	wait_ms(r, 498);
	assert_string_equal(take(r, 0), "");
	wait_ms(r, 1);
	assert_string_equal(take(r, 0), "\r\nCONNECT 33600\r\n");
	assert_string_equal(take(r, 1), "\r\nCONNECT 33600\r\n");
}

static void test_call_data_caller_hangs_up(void **state)
{
	struct rig *r = rig_new();
	const struct pstn_call *c;

	(void)state;
	connect_ab(r, "1-527-9651");
	c = r->sw.calls;
	assert_non_null(c);
	assert_string_equal(c->caller, "5551000");
	assert_string_equal(c->callee, "5279651");
	assert_int_equal(c->state, PSTN_CALL_CONNECTED);
	type(r, 0, "hello");
	wait_ms(r, 20);
	assert_string_equal(take(r, 1), "hello");
	type(r, 1, "hi");
	wait_ms(r, 20);
	assert_string_equal(take(r, 0), "hi");
	assert_int_equal(c->octets_ab, 5);
	assert_int_equal(c->octets_ba, 2);
	wait_ms(r, 1000);
	type(r, 0, "+++");
	wait_ms(r, 1000);
	assert_string_equal(take(r, 0), "\r\nOK\r\n");
	type(r, 0, "ATH0\r");
	assert_string_equal(take(r, 0), "\r\nOK\r\n");
	wait_ms(r, 50);
	assert_string_equal(take(r, 1), "+++\r\nNO CARRIER\r\n");
	assert_null(r->sw.calls);
	assert_non_null(r->sw.hist);
	assert_string_equal(r->sw.hist->released_by, "caller");
	assert_int_equal(r->sw.hist->cause, PSTN_CAUSE_NORMAL);
	assert_false(r->dte[1].sig & MODEM_SIG_DCD);
	rig_free(r);
}

static void test_callee_hangs_up_and_busy(void **state)
{
	struct rig *r = rig_new();

	(void)state;
	connect_ab(r, "5279651");
	/* C calls B while B is in a call. */
	type(r, 2, "ATD527-9651\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 2), "\r\nBUSY\r\n");
	assert_string_equal(r->sw.hist->callee, "5279651");
	assert_int_equal(r->sw.hist->cause, PSTN_CAUSE_BUSY);
	/* B's DTE goes away (DTR drop, &D2). */
	pstn_line_set_dtr(r->line[1], false);
	assert_string_equal(take(r, 0), "\r\nNO CARRIER\r\n");
	assert_string_equal(take(r, 1), "");
	assert_string_equal(r->sw.hist->released_by, "callee");
	/* Configured busy, unallocated, calling oneself, shut down. */
	type(r, 0, "ATD5550001\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 0), "\r\nBUSY\r\n");
	type(r, 0, "ATD5551000\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 0), "\r\nBUSY\r\n");
	type(r, 0, "ATD999\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 0), "\r\nNO CARRIER\r\n");
	assert_int_equal(r->sw.hist->cause, PSTN_CAUSE_UNALLOCATED);
	type(r, 0, "ATD5550003\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 0), "\r\nNO CARRIER\r\n");
	type(r, 5, "ATD5551000\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 5), "\r\nNO DIALTONE\r\n");
	/* Off hook (ATH1) is busy for callers. */
	type(r, 1, "ATH1\r");
	take(r, 1);
	type(r, 0, "ATD5279651\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 0), "\r\nBUSY\r\n");
	rig_free(r);
}

static void test_no_answer_and_never(void **state)
{
	struct rig *r = rig_new();

	(void)state;
	/* `answer never`: E rings, answers (S0=0, so by ATA), no carrier. */
	type(r, 0, "ATS7=10D5550002\r");
	wait_ms(r, 1);
	assert_string_equal(take(r, 4), "\r\nRING\r\n");
	type(r, 4, "ATA\r");
	wait_ms(r, 9999);
	assert_string_equal(take(r, 0), "\r\nNO ANSWER\r\n");
	/* The caller gave up while E was training. */
	assert_string_equal(take(r, 4), "\r\nNO CARRIER\r\n");
	assert_string_equal(r->sw.hist->released_by, "caller");
	assert_int_equal(r->sw.hist->answer_ms, 0);
	rig_free(r);
}

static void test_manual_answer_speed(void **state)
{
	struct rig *r = rig_new();

	(void)state;
	type(r, 1, "ATDT555-0000\r");
	wait_ms(r, 6001);
	assert_string_equal(take(r, 2), "\r\nRING\r\n\r\nRING\r\n");
	type(r, 2, "ATA\r");
	wait_ms(r, 500);
	/* The lower of the two speeds. */
	assert_string_equal(take(r, 1), "\r\nCONNECT 28800\r\n");
	assert_string_equal(take(r, 2), "\r\nCONNECT 28800\r\n");
	assert_int_equal(r->sw.calls->speed_bps, 28800);
	rig_free(r);
}

static void test_two_calls_and_clear(void **state)
{
	struct rig *r = rig_new();
	unsigned id_ab;

	(void)state;
	connect_ab(r, "5279651");
	id_ab = r->sw.calls->id;
	type(r, 2, "ATS0=1\r");
	take(r, 2);
	/* F is out of service in the other tests: bring it back. */
	r->sw.subs->next->next->next->next->next->shutdown = false;
	type(r, 5, "ATD4085550000\r");
	wait_ms(r, 501);
	assert_string_equal(take(r, 5), "\r\nCONNECT 28800\r\n");
	assert_string_equal(take(r, 2), "\r\nRING\r\n\r\nCONNECT 28800\r\n");
	type(r, 0, "to-b");
	type(r, 5, "to-c");
	wait_ms(r, 20);
	assert_string_equal(take(r, 1), "to-b");
	assert_string_equal(take(r, 2), "to-c");
	assert_string_equal(take(r, 0), "");
	assert_int_equal(pstn_switch_clear(&r->sw, id_ab), 0);
	assert_int_equal(pstn_switch_clear(&r->sw, id_ab), -ENOENT);
	assert_string_equal(take(r, 0), "\r\nNO CARRIER\r\n");
	assert_string_equal(take(r, 1), "\r\nNO CARRIER\r\n");
	assert_string_equal(r->sw.hist->released_by, "operator");
	/* The other call is untouched. */
	type(r, 2, "still");
	wait_ms(r, 20);
	assert_string_equal(take(r, 5), "still");
	rig_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routing),
		cmocka_unit_test(test_call_data_caller_hangs_up),
		cmocka_unit_test(test_callee_hangs_up_and_busy),
		cmocka_unit_test(test_no_answer_and_never),
		cmocka_unit_test(test_manual_answer_speed),
		cmocka_unit_test(test_two_calls_and_clear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
