/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the matching of the chat-script engine (src/chat/
 * chat_run.c): case-sensitive matching on a window as long as the longest
 * string, expects that only see output newer than the previous match, the
 * rest of a read feeding the next expect, output that arrives during a pause
 * or before the first step, ABORT strings checked first and across expect
 * boundaries, and the same result for every split of the modem output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_modem.h"

/* ---- matching ------------------------------------------------------------ */

/* A bare engine for tests that feed modem output by hand. */
static void test_case_sensitive_and_window(void **state)
{
	struct modem *m = manual("OK x");
	char noise[1000];

	(void)state;
	feed(m, "ok Ok oK O");
	assert_int_equal(m->done_calls, 0);
	memset(noise, 'O', sizeof(noise) - 1);
	noise[sizeof(noise) - 1] = '\0';
	feed(m, noise);
	assert_int_equal(m->done_calls, 0);
	feed(m, "K");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_out(m, "x\r");
	modem_free(m);
}

static void test_expect_needs_fresh_output(void **state)
{
	struct modem *m = manual("\"\" ATZ OK ATH OK");

	(void)state;
	/* One OK answers ATZ; the "\r\nOK" tail may not satisfy the second
	 * expect, which wants output that came after the first match. */
	feed(m, "\r\nOK\r\n");
	assert_out(m, "ATZ\rATH\r");
	assert_int_equal(m->done_calls, 0);
	feed(m, "O");
	assert_int_equal(m->done_calls, 0);
	feed(m, "K");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_SUCCESS);
	modem_free(m);

	/* Not even partly: the K of the first match is no part of "KO". */
	m = manual("OK ATZ KO ATH");
	feed(m, "OK");
	assert_out(m, "ATZ\r");
	feed(m, "O");
	assert_out(m, "ATZ\r");
	feed(m, "KO");
	assert_out(m, "ATZ\rATH\r");
	assert_int_equal(m->status, CHAT_SUCCESS);
	modem_free(m);
}

static void test_rest_of_chunk_feeds_next_expect(void **state)
{
	struct modem *m = manual("OK ATZ CONNECT \\c");

	(void)state;
	/* OK and CONNECT in one read: ATZ goes out at the OK, and the rest
	 * of the same chunk satisfies CONNECT. */
	feed(m, "OK\r\nCONNECT 33600\r\n");
	assert_out(m, "ATZ\r");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_SUCCESS);
	modem_free(m);
}

static void test_output_during_pause(void **state)
{
	struct modem *m = manual("\"\" \"AT\\d\" OK ATH");

	(void)state;
	assert_out(m, "AT");
	/* OK arrives while the engine is still in the pause: it is kept
	 * for the expect that follows. */
	advance(m, 500);
	feed(m, "\r\nOK\r\n");
	assert_int_equal(m->done_calls, 0);
	advance(m, 1500);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_out(m, "AT\rATH\r");
	ASSERT_LINES(m, "CHAT4: Chat script t started",
		     "CHAT4: Sending string: AT\\d",
		     "CHAT4: Expecting string: OK",
		     "CHAT4: Completed match for expect: OK",
		     "CHAT4: Sending string: ATH",
		     "CHAT4: Chat script t finished, status = Success");
	modem_free(m);
}

static void test_abort_during_pause_and_before_start(void **state)
{
	struct modem *m = manual("ABORT \"NO CARRIER\" \"\" \"AT\\d\" OK");

	(void)state;
	feed(m, "NO CAR");
	assert_int_equal(m->done_calls, 0);
	feed(m, "RIER");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	assert_string_equal(m->why, "NO CARRIER");
	/* No pause timer is left behind. */
	assert_int_equal(timers_next_ms(&m->ts), -1);
	modem_free(m);

	/* Output that arrives before the first step already counts. */
	m = modem_new("ABORT BUSY \"\" ATZ OK");
	modem_start(m, "t", NULL);
	feed(m, "BUSY");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	assert_int_equal(m->out_len, 0);
	advance(m, 10000);
	assert_int_equal(m->done_calls, 1);
	modem_free(m);
}

static void test_abort_before_expect(void **state)
{
	struct modem *m = manual("ABORT \"NO CARRIER\" CARRIER x");

	(void)state;
	/* Both end on the same octet: ABORT wins. */
	feed(m, "NO CARRIER");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	assert_int_equal(m->out_len, 0);
	modem_free(m);

	/* An ABORT written after the expect is watched from the start. */
	m = manual("OK ATZ ABORT BUSY CONNECT");
	feed(m, "BUSY");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	modem_free(m);
}

static void test_abort_across_expects(void **state)
{
	struct modem *m = manual("ABORT BUSY BU ATZ OK");

	(void)state;
	/* The window is continuous: an ABORT string may straddle the end
	 * of an expect match ("BU" matched, "SY" follows). */
	feed(m, "BU");
	assert_out(m, "ATZ\r");
	assert_int_equal(m->done_calls, 0);
	feed(m, "SY");
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	modem_free(m);
}

/* ---- chunking ------------------------------------------------------------ */

/* The same output split at every possible point gives the same run. */
static void test_every_split(void **state)
{
	static const char out[] = "ATZ\r\r\nOK\r\nATDT 5551212\r"
				  "\r\nCONNECT 33600/V42\r\n";
	size_t n = strlen(out);

	(void)state;
	for (size_t a = 0; a <= n; a++) {
		for (size_t b = a; b <= n; b += 3) {
			struct modem *m = manual(SEED_CALLBACK);

			chat_input(m->run, (const uint8_t *)out, a);
			chat_input(m->run, (const uint8_t *)out + a, b - a);
			chat_input(m->run, (const uint8_t *)out + b, n - b);
			assert_int_equal(m->done_calls, 1);
			assert_int_equal(m->status, CHAT_SUCCESS);
			assert_out(m, "ATZ\rATDT 5551212\r");
			modem_free(m);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_sensitive_and_window),
		cmocka_unit_test(test_expect_needs_fresh_output),
		cmocka_unit_test(test_rest_of_chunk_feeds_next_expect),
		cmocka_unit_test(test_output_during_pause),
		cmocka_unit_test(test_abort_during_pause_and_before_start),
		cmocka_unit_test(test_abort_before_expect),
		cmocka_unit_test(test_abort_across_expects),
		cmocka_unit_test(test_every_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
