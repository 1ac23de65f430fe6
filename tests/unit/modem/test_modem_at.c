/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the modem core's AT interpreter: command lines, echo,
 * result codes in every mode, S-registers, ATI, AT&F/ATZ/AT&W, A/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "modem_harness.h"

static void test_at_ok_echo(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "AT\r");
	assert_string_equal(mh_take(h), "AT\r\r\nOK\r\n");
	mh_send(h, "at\r");
	assert_string_equal(mh_take(h), "at\r\r\nOK\r\n");
	/* Garbage before AT is echoed and ignored; LF is ignored. */
	mh_send(h, "xyz\nATE0\r\n");
	assert_string_equal(mh_take(h), "xyz\nATE0\r\r\nOK\r\n");
	mh_send(h, "AT\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	mh_send(h, "ATE1\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	mh_free(h);
}

static void test_error_and_partial_effect(void **state)
{
	struct mh *h = mh_new();
	struct modem_status st;

	(void)state;
	mh_send(h, "ATE0J\r");
	assert_string_equal(mh_take(h), "ATE0J\r\r\nERROR\r\n");
	/* E0 before the bad command stays in effect. */
	mh_send(h, "ATX9\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	mh_send(h, "ATE2\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	mh_send(h, "AT&C5\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	mh_send(h, "AT&D3&C0 L1 M0\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	modem_get_status(h->m, &st);
	assert_int_equal(st.amp_d, 3);
	assert_int_equal(st.amp_c, 0);
	/* &C0: DCD always on. */
	assert_true(h->sig & MODEM_SIG_DCD);
	mh_free(h);
}

static void test_numeric_and_quiet(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0V0\r");
	assert_string_equal(mh_take(h), "ATE0V0\r0\r");
	mh_send(h, "ATJ\r");
	assert_string_equal(mh_take(h), "4\r");
	mh_send(h, "ATQ1\r");
	assert_string_equal(mh_take(h), "");
	mh_send(h, "ATJ\r");
	assert_string_equal(mh_take(h), "");
	mh_send(h, "ATQ0V1\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	mh_free(h);
}

static void test_sregs(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0S7=30S0=2\r");
	assert_string_equal(mh_take(h), "ATE0S7=30S0=2\r\r\nOK\r\n");
	assert_int_equal(modem_sreg(h->m, 7), 30);
	assert_int_equal(modem_sreg(h->m, 0), 2);
	mh_send(h, "ATS7?\r");
	assert_string_equal(mh_take(h), "\r\n030\r\n\r\nOK\r\n");
	/* ATSn selects; ATS? and ATS=v use the selected register. */
	mh_send(h, "ATS12 S=25 S?\r");
	assert_string_equal(mh_take(h), "\r\n025\r\n\r\nOK\r\n");
	mh_send(h, "ATS99=1\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	mh_send(h, "ATS0=256\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	/* Defaults of the documented registers. */
	mh_send(h, "AT&F\r");
	mh_take(h);
	assert_int_equal(modem_sreg(h->m, 2), 43);
	assert_int_equal(modem_sreg(h->m, 3), 13);
	assert_int_equal(modem_sreg(h->m, 4), 10);
	assert_int_equal(modem_sreg(h->m, 5), 8);
	assert_int_equal(modem_sreg(h->m, 6), 2);
	assert_int_equal(modem_sreg(h->m, 7), 50);
	assert_int_equal(modem_sreg(h->m, 8), 2);
	assert_int_equal(modem_sreg(h->m, 10), 14);
	assert_int_equal(modem_sreg(h->m, 12), 50);
	mh_free(h);
}

static void test_numeric_sreg_and_info(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0V0S7?\r");
	assert_string_equal(mh_take(h), "ATE0V0S7?\r050\r\n0\r");
	mh_send(h, "ATV1I0\r");
	assert_string_equal(mh_take(h), "\r\n33600\r\n\r\nOK\r\n");
	mh_send(h, "ATI3\r");
	assert_string_equal(mh_take(h),
			    "\r\nnasd pstn Hayes-compatible modem, 33600 "
			    "bit/s\r\n\r\nOK\r\n");
	mh_send(h, "ATI9\r");
	assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	mh_send(h, "AT&V\r");
	assert_non_null(strstr(mh_take(h), "E0 Q0 V1 X4 &C1 &D2 S00:000"));
	mh_free(h);
}

static void test_factory_and_stored_profile(void **state)
{
	struct mh *h = mh_new();
	struct modem_status st;

	(void)state;
	mh_send(h, "ATE0V0X2S7=9\r");
	mh_send(h, "AT&W\r");
	mh_send(h, "AT&F\r");
	modem_get_status(h->m, &st);
	assert_true(st.echo);
	assert_true(st.verbose);
	assert_int_equal(st.x_level, 4);
	assert_int_equal(st.sreg[7], 50);
	mh_take(h);
	mh_send(h, "ATZ\r");
	modem_get_status(h->m, &st);
	assert_false(st.echo);
	assert_false(st.verbose);
	assert_int_equal(st.x_level, 2);
	assert_int_equal(st.sreg[7], 9);
	/* Echoed (E1 until Z), then the numeric OK of the stored profile. */
	assert_string_equal(mh_take(h), "ATZ\r0\r");
	mh_free(h);
}

static void test_repeat_and_editing(void **state)
{
	struct mh *h = mh_new();

	(void)state;
	mh_send(h, "ATE0\r");
	mh_take(h);
	mh_send(h, "ATS7=44\b5\r");
	assert_string_equal(mh_take(h), "\r\nOK\r\n");
	assert_int_equal(modem_sreg(h->m, 7), 45);
	mh_send(h, "ATS7?\r");
	mh_take(h);
	mh_send(h, "A/");
	assert_string_equal(mh_take(h), "\r\n045\r\n\r\nOK\r\n");
	/* A line too long is an ERROR. */
	{
		char big[400];

		memset(big, 'E', sizeof(big));
		memcpy(big, "AT", 2);
		big[sizeof(big) - 2] = '\r';
		big[sizeof(big) - 1] = '\0';
		mh_send(h, big);
		assert_string_equal(mh_take(h), "\r\nERROR\r\n");
	}
	/* A different S3 terminates lines. */
	mh_send(h, "ATS3=33\r");
	mh_take(h);
	mh_send(h, "AT!");
	assert_string_equal(mh_take(h), "!\nOK!\n");
	mh_free(h);
}

static void test_result_names(void **state)
{
	(void)state;
	assert_string_equal(modem_result_name(MODEM_RES_NO_DIALTONE),
			    "NO DIALTONE");
	assert_int_equal(modem_result_code(MODEM_RES_BUSY), 7);
	assert_int_equal(modem_result_code(MODEM_RES_NO_ANSWER), 8);
	assert_int_equal(modem_connect_code(33600), 84);
	assert_int_equal(modem_connect_code(2400), 10);
	assert_int_equal(modem_connect_code(12345), 1);
	assert_string_equal(modem_state_name(MODEM_ONLINE_CMD),
			    "online-command");
	assert_string_equal(modem_result_name((enum modem_result)99), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_at_ok_echo),
		cmocka_unit_test(test_error_and_partial_effect),
		cmocka_unit_test(test_numeric_and_quiet),
		cmocka_unit_test(test_sregs),
		cmocka_unit_test(test_numeric_sreg_and_info),
		cmocka_unit_test(test_factory_and_stored_profile),
		cmocka_unit_test(test_repeat_and_editing),
		cmocka_unit_test(test_result_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
