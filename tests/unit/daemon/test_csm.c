/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the Call Switching Module trace (src/daemon/csm.c): the
 * seed 001 sequences of `debug modem csm` line for line, for a call in
 * and the callback out, events that have no row, and the switch off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "csm.h"
#include "fake_log.h"

static void expect_lines(const struct fake_log *fl, const char *const *want,
			 size_t n)
{
	if (fl->n != n)
		fake_log_dump(fl);
	assert_int_equal(fl->n, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(fl->lines[i], want[i]);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(csm_state_name(CSM_IDLE), "CSM_PROC_IDLE");
	assert_string_equal(csm_state_name(CSM_CONNECTED),
			    "CSM_PROC_IC5_OC6_CONNECTED");
	assert_string_equal(csm_state_name(CSM_STATE__COUNT), "?");
	assert_string_equal(csm_event_name(CSM_EV_ISDN_BCHAN_ASSIGNED),
			    "CSM_EVENT_ISDN_BCHAN_ASSIGNED");
	assert_string_equal(csm_event_name(CSM_EVENT__COUNT), "?");
}

/* Seed 001, the PC's call in on TTY4 (slot 0, port 3). */
static void test_incoming(void **state)
{
	struct fake_log fl;
	struct csm csm;
	static const char *const want[] = {
		"VDEV_ALLOCATE: slot 0 and port 3 is allocated.",
		"CSM_PROC_IDLE: CSM_EVENT_ISDN_CALL at slot 0, port 3",
		"Fast Ringing On at modem slot 0, port 3",
		"Fast Ringing Off at modem slot 0, port 3",
		"CSM_PROC_IC1_RING: CSM_EVENT_MODEM_OFFHOOK at slot 0, port 3",
		"CSM_PROC_IC4_WAIT_FOR_CARRIER: CSM_EVENT_ISDN_CONNECTED at "
		"slot 0, port 3",
		"CSM_PROC_IC5_OC6_CONNECTED: CSM_EVENT_MODEM_ONHOOK at slot 0, "
		"port 3",
		"VDEV_DEALLOCATE: slot 0 and port 3 is deallocated",
	};

	(void)state;
	fake_log_init(&fl);
	csm_init(&csm, &fl.lg, 0, 3);
	csm_allocate(&csm);
	assert_int_equal(csm.state, CSM_IC1_RING);
	assert_true(csm_event(&csm, CSM_EV_MODEM_OFFHOOK));
	assert_true(csm_event(&csm, CSM_EV_ISDN_CONNECTED));
	assert_int_equal(csm.state, CSM_IC4_WAIT_FOR_CARRIER);
	/* Carrier has no line of its own. */
	assert_true(csm_event(&csm, CSM_EV_CARRIER));
	assert_int_equal(csm.state, CSM_CONNECTED);
	assert_true(csm_event(&csm, CSM_EV_MODEM_ONHOOK));
	assert_int_equal(csm.state, CSM_IDLE);
	expect_lines(&fl, want, sizeof(want) / sizeof(want[0]));
	fake_log_fini(&fl);
}

/* Seed 001, the callback: ATH1, ATZ, ATDT, the SETUP, CALL PROCEEDING,
 * CONNECT. */
static void test_outgoing(void **state)
{
	struct fake_log fl;
	struct csm csm;
	static const char *const want[] = {
		"CSM_PROC_IDLE: CSM_EVENT_MODEM_OFFHOOK at slot 0, port 3",
		"CSM_PROC_OC1_REQUEST_DIGIT: CSM_EVENT_MODEM_ONHOOK at slot 0, "
		"port 3",
		"VDEV_DEALLOCATE: slot 0 and port 3 is deallocated",
		"CSM_PROC_IDLE: CSM_EVENT_MODEM_OFFHOOK at slot 0, port 3",
		"CSM_PROC_OC1_REQUEST_DIGIT: CSM_EVENT_DIGIT_COLLECT_READY at "
		"slot 0, port 3",
		"CSM_PROC_OC1_REQUEST_DIGIT: CSM_EVENT_ADDR_INFO_COLLECTED at "
		"slot 0, port 3",
		"CSM_PROC_OC2_COLLECT_1ST_DIGIT: CSM_EVENT_GET_1ST_DIGIT at "
		"slot "
		"0, port 3",
		"CSM_PROC_OC3_COLLECT_ALL_DIGIT: CSM_EVENT_GET_ALL_DIGITS at "
		"slot "
		"0, port 3",
		"CSM_PROC_OC3_COLLECT_ALL_DIGIT: called party num: (5279651) "
		"at "
		"slot 0, port 3",
		"CSM_PROC_OC4_DIALING: CSM_EVENT_ISDN_BCHAN_ASSIGNED at slot "
		"0, "
		"port 3",
		"CSM_PROC_OC5_WAIT_FOR_CARRIER: CSM_EVENT_ISDN_CONNECTED at "
		"slot "
		"0, port 3",
		"CSM_PROC_OC5_WAIT_FOR_CARRIER: CSM_EVENT_ISDN_DISCONNECTED at "
		"slot 0, port 3",
		"VDEV_DEALLOCATE: slot 0 and port 3 is deallocated",
	};

	(void)state;
	fake_log_init(&fl);
	csm_init(&csm, &fl.lg, 0, 3);
	assert_true(csm_event(&csm, CSM_EV_MODEM_OFFHOOK)); /* ATH1 */
	assert_true(csm_event(&csm, CSM_EV_MODEM_ONHOOK));  /* ATZ */
	assert_true(csm_event(&csm, CSM_EV_MODEM_OFFHOOK)); /* ATDT */
	csm_digits(&csm, "5279651");
	assert_int_equal(csm.state, CSM_OC4_DIALING);
	assert_true(csm_event(&csm, CSM_EV_ISDN_BCHAN_ASSIGNED));
	assert_true(csm_event(&csm, CSM_EV_ISDN_CONNECTED));
	assert_int_equal(csm.state, CSM_OC5_WAIT_FOR_CARRIER);
	assert_true(csm_event(&csm, CSM_EV_ISDN_DISCONNECTED));
	assert_int_equal(csm.state, CSM_IDLE);
	expect_lines(&fl, want, sizeof(want) / sizeof(want[0]));
	fake_log_fini(&fl);
}

/* Events without a row change nothing and print nothing. */
static void test_no_row(void **state)
{
	struct fake_log fl;
	struct csm csm;

	(void)state;
	fake_log_init(&fl);
	csm_init(&csm, &fl.lg, 0, 0);
	assert_false(csm_event(&csm, CSM_EV_MODEM_ONHOOK));
	assert_false(csm_event(&csm, CSM_EV_ISDN_DISCONNECTED));
	assert_false(csm_event(&csm, CSM_EV_ISDN_BCHAN_ASSIGNED));
	assert_false(csm_event(&csm, CSM_EV_CARRIER));
	csm_digits(&csm, "123"); /* not collecting digits */
	assert_int_equal(csm.state, CSM_IDLE);
	csm_allocate(&csm);
	fake_log_clear(&fl);
	csm_allocate(&csm); /* already busy */
	assert_false(csm_event(&csm, CSM_EV_ISDN_CALL));
	assert_false(csm_event(&csm, CSM_EV_GET_1ST_DIGIT));
	assert_int_equal(csm.state, CSM_IC1_RING);
	assert_int_equal(fl.n, 0);
	/* The caller gives up while it rings. */
	assert_true(csm_event(&csm, CSM_EV_ISDN_DISCONNECTED));
	assert_string_equal(fl.lines[0],
			    "Fast Ringing Off at modem slot 0, port 0");
	assert_string_equal(fl.lines[1], "CSM_PROC_IC1_RING: "
					 "CSM_EVENT_ISDN_DISCONNECTED at slot "
					 "0, port 0");
	assert_int_equal(csm.state, CSM_IDLE);
	fake_log_fini(&fl);
}

/* `debug modem csm` off: the state still moves, nothing is printed; NULL
 * logger is harmless. */
static void test_switch_off(void **state)
{
	struct fake_log fl;
	struct csm csm;

	(void)state;
	fake_log_init(&fl);
	log_debug_set(&fl.lg, DBG_MODEM_CSM, false);
	csm_init(&csm, &fl.lg, 0, 5);
	csm_allocate(&csm);
	assert_true(csm_event(&csm, CSM_EV_MODEM_OFFHOOK));
	assert_int_equal(csm.state, CSM_IC4_WAIT_FOR_CARRIER);
	assert_int_equal(fl.n, 0);
	csm_init(&csm, NULL, 0, 5);
	assert_true(csm_event(&csm, CSM_EV_MODEM_OFFHOOK));
	csm_digits(&csm, "5551000");
	assert_int_equal(csm.state, CSM_OC4_DIALING);
	fake_log_fini(&fl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_incoming),
		cmocka_unit_test(test_outgoing),
		cmocka_unit_test(test_no_row),
		cmocka_unit_test(test_switch_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
