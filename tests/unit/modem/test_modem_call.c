/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the modem core's call states on a fake clock: dialling
 * with modifiers, results per ATX level, S7, ringing and S0 auto-answer,
 * ATA, ATH0/ATH1, +++ with and without guard times, ATO, DTR per AT&D,
 * release by the network, pacing, latency, bit errors and CTS. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "modem_harness.h"

static void test_dial_modifiers(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	mh_send(h, "ATDT 9,W1-527-9651@\r");
	assert_int_equal(h->ndial, 0);
	assert_int_equal(modem_get_state(h->m), MODEM_DIALING);
	mh_wait(h, 1999); /* ',' pauses S8 = 2 s */
	assert_int_equal(h->ndial, 0);
	mh_wait(h, 1);
	assert_int_equal(h->ndial, 1);
	assert_string_equal(h->dialled, "91-527-9651");
	assert_int_equal(modem_get_state(h->m), MODEM_CALLING);
	assert_string_equal(mh_take(h), "");
	mh_send(h, "\n"); /* LF does not abort */
	assert_int_equal(modem_get_state(h->m), MODEM_CALLING);
	/* Any other key aborts the attempt. */
	mh_send(h, "x");
	assert_string_equal(mh_take(h), "\r\nNO CARRIER\r\n");
	assert_int_equal(h->nhangup, 1);
	assert_int_equal(modem_get_state(h->m), MODEM_IDLE);
	mh_send(h, "ATD\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	mh_send(h, "ATDJ\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	mh_free(h);
}

static void test_dial_failures_per_x(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	h->dial_res = MODEM_RES_BUSY;
	mh_send(h, "ATDP5551000\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nBUSY\r\n");
	assert_int_equal(h->nhangup, 0);
	h->dial_res = MODEM_RES_NO_DIALTONE;
	mh_send(h, "ATD5551000\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nNO DIALTONE\r\n");
	mh_send(h, "ATV0D5551000\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "6\r");
	h->dial_res = MODEM_RES_BUSY;
	mh_send(h, "ATD5551000\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "7\r");
	/* X2: no BUSY (it is NO CARRIER); X1: no NO DIALTONE either. */
	mh_send(h, "ATV1X2D5551000\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nNO CARRIER\r\n");
	h->dial_res = MODEM_RES_NO_DIALTONE;
	mh_send(h, "ATX2D5551000\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nNO DIALTONE\r\n");
	mh_send(h, "ATX1D5551000\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nNO CARRIER\r\n");
	mh_free(h);
}

static void test_connect_forms(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	mh_send(h, "ATD5551000\r");
	mh_wait(h, 1);
	modem_answered(h->m);
	assert_int_equal(modem_get_state(h->m), MODEM_TRAINING);
	assert_false(h->sig & MODEM_SIG_DCD);
	modem_carrier(h->m, 33600);
	assert_string_equal(mh_take(h), "\r\nCONNECT 33600\r\n");
	assert_true(h->sig & MODEM_SIG_DCD);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE);
	modem_release(h->m, MODEM_RES_NO_CARRIER);
	assert_string_equal(mh_take(h), "\r\nNO CARRIER\r\n");
	assert_false(h->sig & MODEM_SIG_DCD);
	assert_int_equal(h->nhangup, 0);

	mh_send(h, "ATV0D5551000\r");
	mh_wait(h, 1);
	modem_answered(h->m);
	modem_carrier(h->m, 33600);
	assert_string_equal(mh_take(h), "84\r");
	modem_release(h->m, MODEM_RES_NO_CARRIER);
	assert_string_equal(mh_take(h), "3\r");

	mh_send(h, "ATV1X0D5551000\r");
	mh_wait(h, 1);
	modem_answered(h->m);
	modem_carrier(h->m, 14400);
	assert_string_equal(mh_take(h), "\r\nCONNECT\r\n");
	mh_free(h);
}

static void test_s7_no_answer_and_no_carrier(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	mh_send(h, "ATS7=3D5551000\r");
	mh_wait(h, 2999);
	assert_string_equal(mh_take(h), "");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nNO ANSWER\r\n");
	assert_int_equal(h->nhangup, 1);
	/* Answered but no carrier within S7. */
	mh_send(h, "ATD5551000\r");
	mh_wait(h, 1000);
	modem_answered(h->m);
	mh_wait(h, 2000);
	assert_string_equal(mh_take(h), "\r\nNO CARRIER\r\n");
	assert_int_equal(h->nhangup, 2);
	assert_int_equal(modem_get_state(h->m), MODEM_IDLE);
	mh_free(h);
}

static void test_dial_semicolon(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	mh_send(h, "ATD5551000;\r");
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	assert_int_equal(modem_get_state(h->m), MODEM_CALLING);
	/* Command mode while the call proceeds; no S7. */
	mh_send(h, "AT\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	mh_wait(h, 60000);
	assert_int_equal(modem_get_state(h->m), MODEM_CALLING);
	mh_send(h, "ATH0\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	assert_int_equal(h->nhangup, 1);
	mh_free(h);
}

static void test_ringing_auto_answer(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	modem_set_dtr(h->m, true);
	mh_send(h, "ATE0S0=2\r");
	mh_take(h);
	assert_int_equal(modem_offer(h->m), 0);
	assert_int_equal(modem_offer(h->m), -EBUSY);
	assert_string_equal(mh_take(h), ""); /* first RING from the timer */
	mh_wait(h, 0);
	assert_string_equal(mh_take(h), "\r\nRING\r\n");
	assert_true(h->sig & MODEM_SIG_RI);
	assert_int_equal(modem_sreg(h->m, 1), 1);
	mh_wait(h, 2000);
	assert_false(h->sig & MODEM_SIG_RI);
	mh_wait(h, 3999);
	assert_int_equal(h->nanswer, 0);
	mh_wait(h, 1);
	assert_string_equal(mh_take(h), "\r\nRING\r\n");
	assert_int_equal(h->nanswer, 1);
	assert_int_equal(modem_get_state(h->m), MODEM_TRAINING);
	modem_carrier(h->m, 28800);
	assert_string_equal(mh_take(h), "\r\nCONNECT 28800\r\n");
	mh_free(h);
}

static void test_manual_answer_and_dtr_low(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	mh_send(h, "ATS0=1\r");
	mh_send(h, "ATA\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n\r\nNO CARRIER\r\n");
	/* DTR low under &D2: rings but does not auto-answer. */
	modem_offer(h->m);
	mh_wait(h, 6001);
	assert_string_equal(mh_take(h), "\r\nRING\r\n\r\nRING\r\n");
	assert_int_equal(h->nanswer, 0);
	assert_true(modem_busy(h->m));
	mh_send(h, "ATA\r");
	assert_int_equal(h->nanswer, 1);
	/* The caller gives up: the answering modem hears it. */
	modem_release(h->m, MODEM_RES_NO_CARRIER);
	assert_string_equal(mh_take(h), "\r\nNO CARRIER\r\n");
	/* Release while ringing: silent. */
	modem_offer(h->m);
	mh_wait(h, 1);
	mh_take(h);
	modem_release(h->m, MODEM_RES_NO_CARRIER);
	assert_string_equal(mh_take(h), "");
	assert_false(modem_busy(h->m));
	mh_wait(h, 20000);
	assert_string_equal(mh_take(h), "");
	mh_free(h);
}

static void test_offhook_busy(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	mh_send(h, "ATH1\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	assert_int_equal(modem_get_state(h->m), MODEM_OFFHOOK);
	assert_int_equal(modem_offer(h->m), -EBUSY);
	mh_send(h, "ATH0\r");
	assert_int_equal(modem_get_state(h->m), MODEM_IDLE);
	assert_int_equal(modem_offer(h->m), 0);
	mh_wait(h, 1);
	/* Dialling on a ringing line: no dial tone. */
	mh_send(h, "ATD5551000\r");
	assert_string_equal(mh_take(h),
			    "\r\nOK\r\n\r\nRING\r\n\r\nNO DIALTONE\r\n");
	mh_free(h);
}

static void test_escape_guard_times(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_online(h, 33600);
	/* No guard before: "+++" right after data is data. */
	mh_send(h, "abc+++");
	mh_wait(h, 3000);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE);
	/* Guard before, but a byte within the guard after. */
	mh_send(h, "+++");
	mh_wait(h, 500);
	mh_send(h, "x");
	mh_wait(h, 3000);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE);
	/* Too slow between the pluses. */
	mh_send(h, "+");
	mh_wait(h, 1100);
	mh_send(h, "++");
	mh_wait(h, 3000);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE);
	assert_string_equal(mh_take(h), "");
	/* The real thing. */
	mh_send(h, "+++");
	mh_wait(h, 999);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE);
	mh_wait(h, 1);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE_CMD);
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	/* The escape characters were sent to the line as data. */
	assert_int_equal(h->nline, 3 + 3 + 3 + 1 + 3 + 3);
	/* Data from the line is dropped in command mode. */
	modem_line_input(h->m, (const uint8_t *)"zz", 2);
	assert_string_equal(mh_take(h), "");
	mh_send(h, "ATO\r");
	assert_string_equal(mh_take(h), "\r\nCONNECT 33600\r\n");
	modem_line_input(h->m, (const uint8_t *)"zz", 2);
	assert_string_equal(mh_take(h), "zz");
	/* S12 changes the guard. */
	mh_wait(h, 1000);
	mh_send(h, "+++");
	mh_wait(h, 1000);
	mh_send(h, "ATS12=10\r");
	mh_send(h, "ATO\r");
	mh_take(h);
	mh_wait(h, 200);
	mh_send(h, "+++");
	mh_wait(h, 200);
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	mh_send(h, "ATH\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	assert_int_equal(h->nhangup, 1);
	mh_send(h, "ATO\r");
	assert_string_equal(mh_take(h), "\r\nNO CARRIER\r\n");
	mh_free(h);
}

static void test_dtr_semantics(void **state)
{
	struct mh *h = mh_new();
	struct modem_status st;

	(void)state;
	modem_set_dtr(h->m, true);
	/* &D2 (default): hang up silently. */
	mh_online(h, 33600);
	modem_set_dtr(h->m, false);
	assert_int_equal(modem_get_state(h->m), MODEM_IDLE);
	assert_int_equal(h->nhangup, 1);
	assert_string_equal(mh_take(h), "");
	modem_set_dtr(h->m, true);
	/* &D0: ignored. */
	mh_send(h, "AT&D0\r");
	mh_online(h, 33600);
	modem_set_dtr(h->m, false);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE);
	modem_set_dtr(h->m, true);
	/* &D1: online command mode. */
	modem_release(h->m, MODEM_RES_NO_CARRIER);
	mh_send(h, "AT&D1\r");
	mh_online(h, 33600);
	modem_set_dtr(h->m, false);
	assert_int_equal(modem_get_state(h->m), MODEM_ONLINE_CMD);
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	modem_set_dtr(h->m, true);
	modem_release(h->m, MODEM_RES_NO_CARRIER);
	/* &D3: hang up and reset to the stored profile. */
	mh_send(h, "AT&D3\r");
	mh_online(h, 33600);
	modem_set_dtr(h->m, false);
	modem_get_status(h->m, &st);
	assert_int_equal(st.state, MODEM_IDLE);
	assert_true(st.echo);
	assert_int_equal(st.amp_d, 2);
	mh_free(h);
}

static void test_pacing(void **state)
{
	struct mh *h = mh_new();
	uint8_t buf[3360];

	(void)state;
	mh_online(h, 33600);
	memset(buf, 'x', sizeof(buf));
	modem_dte_input(h->m, buf, sizeof(buf));
	mh_wait(h, 500);
	/* 33600 bit/s, 8N1: 3360 octets per second. */
	assert_in_range(h->nline, 1680 - 40, 1680 + 40);
	mh_wait(h, 520);
	assert_int_equal(h->nline, sizeof(buf));
	mh_free(h);
}

static void test_latency_and_cts(void **state)
{
	struct modem_cfg cfg = {.speed_bps = 2400, .latency_ms = 100,
				.name = "slow"};
	struct mh *h = mh_new_cfg(&cfg);
	uint8_t buf[9000]; /* above the 8192-octet queue */
	struct modem_status st;

	(void)state;
	mh_online(h, 33600); /* clamped to the modem's 2400 */
	memset(buf, 'y', sizeof(buf));
	modem_dte_input(h->m, buf, 10);
	mh_wait(h, 99);
	assert_int_equal(h->nline, 0);
	mh_wait(h, 1);
	assert_true(h->nline > 0);
	/* Flood past the high mark: CTS drops, the excess is dropped. */
	modem_dte_input(h->m, buf, sizeof(buf));
	assert_false(h->sig & MODEM_SIG_CTS);
	modem_get_status(h->m, &st);
	assert_true(st.tx_dropped > 0);
	mh_wait(h, 30000);
	assert_true(h->sig & MODEM_SIG_CTS);
	mh_free(h);
}

static void test_bit_errors(void **state)
{
	struct modem_cfg cfg = {.speed_bps = 33600, .ber = 0.01, .seed = 7,
				.name = "noisy"};
	struct mh *h = mh_new_cfg(&cfg);
	struct modem_status st;
	uint8_t buf[2000] = {0};
	unsigned flips = 0;

	(void)state;
	mh_online(h, 33600);
	modem_dte_input(h->m, buf, sizeof(buf));
	mh_wait(h, 2000);
	assert_int_equal(h->nline, sizeof(buf));
	for (size_t i = 0; i < h->nline; i++)
		flips += (unsigned)__builtin_popcount(h->line[i]);
	modem_get_status(h->m, &st);
	assert_int_equal(flips, st.bits_flipped);
	/* 16000 bits at 1e-2: 160 expected. */
	assert_in_range(flips, 100, 220);
	mh_free(h);

	/* Same seed, same errors. */
	h = mh_new_cfg(&cfg);
	mh_online(h, 33600);
	modem_dte_input(h->m, buf, sizeof(buf));
	mh_wait(h, 2000);
	modem_get_status(h->m, &st);
	assert_int_equal(st.bits_flipped, flips);
	mh_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dial_modifiers),
		cmocka_unit_test(test_dial_failures_per_x),
		cmocka_unit_test(test_connect_forms),
		cmocka_unit_test(test_s7_no_answer_and_no_carrier),
		cmocka_unit_test(test_dial_semicolon),
		cmocka_unit_test(test_ringing_auto_answer),
		cmocka_unit_test(test_manual_answer_and_dtr_low),
		cmocka_unit_test(test_offhook_busy),
		cmocka_unit_test(test_escape_guard_times),
		cmocka_unit_test(test_dtr_semantics),
		cmocka_unit_test(test_pacing),
		cmocka_unit_test(test_latency_and_cts),
		cmocka_unit_test(test_bit_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
