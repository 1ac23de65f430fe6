/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the chat-script engine (src/chat/chat_run.c): the seed 001
 * scripts against a fake Hayes modem on a fake clock, with the exact
 * `debug chat` lines of the seed trace; CONNECT, BUSY, NO ANSWER and ERROR
 * answers; timeouts to the millisecond; \d, \p, \c, \K and \T; output in
 * one-octet and random chunks; the lifetime rules (no done() from
 * chat_start(), exactly one done(), cancel, input after the end).
 *
 * Matching and chunking are in test_chat_match.c; the fake modem is in
 * fake_modem.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_modem.h"

/* ---- seed 001 ------------------------------------------------------------ */

static void test_offhook(void **state)
{
	struct modem *m = modem_new(SEED_OFFHOOK);

	(void)state;
	modem_start(m, "offhook", NULL);
	run_until_done(m, 60000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_string_equal(m->why, "");
	assert_out(m, "ATH1\r");
	assert_int_equal(m->done_at_ms, T0_MS + 100);
	ASSERT_LINES(m, "CHAT4: Chat script offhook started",
		     "CHAT4: Sending string: ATH1",
		     "CHAT4: Expecting string: OK",
		     "CHAT4: Completed match for expect: OK",
		     "CHAT4: Chat script offhook finished, status = Success");
	assert_true(chat_finished(m->run));
	modem_free(m);
}

static const char *const callback_success_lines[] = {
	"CHAT4: Chat script callback started",
	"CHAT4: Sending string: ATZ",
	"CHAT4: Expecting string: OK",
	"CHAT4: Completed match for expect: OK",
	"CHAT4: Sending string: ATDT \\T<527-9651>",
	"CHAT4: Expecting string: CONNECT",
	"CHAT4: Completed match for expect: CONNECT",
	"CHAT4: Sending string: \\c",
	"CHAT4: Chat script callback finished, status = Success",
};

static void callback_connect(size_t chunk)
{
	struct modem *m = modem_new(SEED_CALLBACK);

	m->dial_reply = "CONNECT 33600";
	m->dial_delay_ms = 31000; /* as in the seed trace */
	m->chunk = chunk;
	modem_start(m, "callback", SEED_NUMBER);
	run_until_done(m, 120000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_out(m, "ATZ\rATDT 527-9651\r");
	/* \c sends nothing at all: two writes, one per command. */
	assert_int_equal(m->nwrites, 2);
	assert_int_equal(m->writes[0].at_ms, T0_MS);
	assert_int_equal(m->writes[1].at_ms, T0_MS + 100);
	assert_int_equal(m->done_at_ms, T0_MS + 100 + 31000);
	assert_lines(m, callback_success_lines,
		     sizeof(callback_success_lines) /
			     sizeof(callback_success_lines[0]));
	modem_free(m);
}

static void test_callback_connect(void **state)
{
	(void)state;
	callback_connect(0);
}

static void test_callback_connect_octets(void **state)
{
	(void)state;
	callback_connect(1);
	callback_connect(SIZE_MAX);
}

static void test_callback_busy(void **state)
{
	struct modem *m = modem_new(SEED_CALLBACK);

	(void)state;
	m->dial_reply = "BUSY";
	m->dial_delay_ms = 4000;
	m->chunk = 1;
	modem_start(m, "callback", SEED_NUMBER);
	run_until_done(m, 120000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	assert_string_equal(m->why, "BUSY");
	assert_int_equal(m->done_at_ms, T0_MS + 100 + 4000);
	ASSERT_LINES(m, "CHAT4: Chat script callback started",
		     "CHAT4: Sending string: ATZ",
		     "CHAT4: Expecting string: OK",
		     "CHAT4: Completed match for expect: OK",
		     "CHAT4: Sending string: ATDT \\T<527-9651>",
		     "CHAT4: Expecting string: CONNECT",
		     "CHAT4: Aborting on string: BUSY",
		     "CHAT4: Chat script callback finished, status = Aborted");
	/* The rest of the modem's line ("\r\n") is ignored. */
	advance(m, 100000);
	assert_int_equal(m->done_calls, 1);
	modem_free(m);
}

static void test_callback_no_answer_timeout(void **state)
{
	struct modem *m = modem_new(SEED_CALLBACK);
	uint64_t expect_at = T0_MS + 100;

	(void)state;
	/* NO ANSWER is no ABORT string of the seed script: only TIMEOUT 60
	 * ends the wait, 60 s after "Expecting string: CONNECT". */
	m->dial_reply = "NO ANSWER";
	m->dial_delay_ms = 45000;
	modem_start(m, "callback", SEED_NUMBER);
	advance(m, 100);
	assert_int_equal(m->nwrites, 2);
	assert_int_equal(m->writes[1].at_ms, expect_at);
	advance_to(m, expect_at + 59999);
	assert_int_equal(m->done_calls, 0);
	advance_to(m, expect_at + 60000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_TIMEOUT);
	assert_string_equal(m->why, "CONNECT");
	ASSERT_LINES(m, "CHAT4: Chat script callback started",
		     "CHAT4: Sending string: ATZ",
		     "CHAT4: Expecting string: OK",
		     "CHAT4: Completed match for expect: OK",
		     "CHAT4: Sending string: ATDT \\T<527-9651>",
		     "CHAT4: Expecting string: CONNECT",
		     "CHAT4: Timeout expecting: CONNECT",
		     "CHAT4: Chat script callback finished, status = "
		     "Connection timed out; remote host not responding");
	modem_free(m);
}

static void test_no_answer_abort(void **state)
{
	struct modem *m = modem_new("ABORT ERROR ABORT BUSY ABORT "
				    "\"NO ANSWER\" \"\" \"ATZ\" OK "
				    "\"ATDT \\T\" TIMEOUT 60 CONNECT \\c");

	(void)state;
	m->dial_reply = "NO ANSWER";
	m->dial_delay_ms = 45000;
	m->chunk = 1;
	modem_start(m, "callback", SEED_NUMBER);
	run_until_done(m, 120000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	assert_string_equal(m->why, "NO ANSWER");
	assert_int_equal(m->done_at_ms, T0_MS + 100 + 45000);
	assert_true(
		fake_log_has(&m->fl, "CHAT4: Aborting on string: NO ANSWER"));
	modem_free(m);
}

static void test_atz_error(void **state)
{
	struct modem *m = modem_new(SEED_CALLBACK);

	(void)state;
	m->reply = "ERROR";
	modem_start(m, "callback", SEED_NUMBER);
	run_until_done(m, 120000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ABORTED);
	assert_string_equal(m->why, "ERROR");
	/* Aborted before dialling. */
	assert_out(m, "ATZ\r");
	ASSERT_LINES(m, "CHAT4: Chat script callback started",
		     "CHAT4: Sending string: ATZ",
		     "CHAT4: Expecting string: OK",
		     "CHAT4: Aborting on string: ERROR",
		     "CHAT4: Chat script callback finished, status = Aborted");
	modem_free(m);
}

static void test_default_timeout(void **state)
{
	struct modem *m = modem_new(SEED_OFFHOOK);

	(void)state;
	m->reply = NULL; /* a dead modem */
	modem_start(m, "offhook", NULL);
	advance(m, 0);
	advance_to(m, T0_MS + 4999);
	assert_int_equal(m->done_calls, 0);
	advance_to(m, T0_MS + 5000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_TIMEOUT);
	assert_string_equal(m->why, "OK");
	modem_free(m);
}

/* ---- \T ------------------------------------------------------------------ */

static void number_error(const char *number, const char *why)
{
	struct modem *m = modem_new(SEED_CALLBACK);
	char line[256];

	m->dial_reply = "CONNECT";
	modem_start(m, "callback", number);
	advance(m, 0);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_ERROR);
	assert_string_equal(m->why, why);
	/* Refused before anything reached the modem. */
	assert_int_equal(m->out_len, 0);
	snprintf(line, sizeof(line),
		 "CHAT4: Chat script callback finished, status = Error: %s",
		 why);
	ASSERT_LINES(m, "CHAT4: Chat script callback started", line);
	modem_free(m);
}

static void test_number_errors(void **state)
{
	char longnum[CHAT_NUMBER_MAX + 2];

	(void)state;
	number_error(NULL, "no phone number for \\T");
	number_error("", "no phone number for \\T");
	/* A number from the peer must not smuggle modem commands. */
	number_error("5551212\rATH0", "phone number for \\T has characters "
				      "that are not dial digits");
	number_error("5551212;", "phone number for \\T has characters that "
				 "are not dial digits");
	memset(longnum, '5', sizeof(longnum) - 1);
	longnum[sizeof(longnum) - 1] = '\0';
	number_error(longnum, "phone number for \\T is too long");
}

static void test_number_chars(void **state)
{
	struct modem *m = modem_new("\"\" \"ATD\\T\\T\" OK");

	(void)state;
	/* Every Hayes dial character; a script without \T ignores the
	 * number entirely (see test_offhook). */
	m->dial_reply = "OK";
	modem_start(m, "dial", "9W,*70,(408) 555-1212#!@PTabcd+.");
	run_until_done(m, 60000);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_out(m, "ATD9W,*70,(408) 555-1212#!@PTabcd+.9W,*70,(408) "
		      "555-1212#!@PTabcd+.\r");
	assert_true(fake_log_has(&m->fl, "CHAT4: Sending string: "
					 "ATD\\T<9W,*70,(408) "
					 "555-1212#!@PTabcd+.>\\T<9W"));
	modem_free(m);
}

static void test_long_send_string(void **state)
{
	struct modem *m = modem_new("\"\" \\T\\T\\T\\T\\T\\T\\T\\T\\T\\T");
	char num[CHAT_NUMBER_MAX + 1];
	char want[10 * CHAT_NUMBER_MAX + 2];

	(void)state;
	/* Ten 64-digit numbers and the CR: 641 octets leave in two writes
	 * of the engine's 512-octet pieces, in order. */
	memset(num, '7', CHAT_NUMBER_MAX);
	num[CHAT_NUMBER_MAX] = '\0';
	m->echo = false;
	m->reply = NULL;
	modem_start(m, "long", num);
	advance(m, 0);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_int_equal(m->nwrites, 2);
	assert_int_equal(m->writes[0].len, 512);
	memset(want, '7', 10 * CHAT_NUMBER_MAX);
	want[10 * CHAT_NUMBER_MAX] = '\r';
	want[10 * CHAT_NUMBER_MAX + 1] = '\0';
	assert_out(m, want);
	modem_free(m);
}

/* ---- \d \p \c \K --------------------------------------------------------- */

static void test_pauses(void **state)
{
	struct modem *m = modem_new("\"\" \"AT\\dATZ\\pX\\c\"");

	(void)state;
	modem_start(m, "pause", NULL);
	advance(m, 0);
	assert_int_equal(m->nwrites, 1);
	assert_out(m, "AT");
	ASSERT_LINES(m, "CHAT4: Chat script pause started",
		     "CHAT4: Sending string: AT\\dATZ\\pX\\c");
	advance_to(m, T0_MS + 1999);
	assert_int_equal(m->nwrites, 1);
	advance_to(m, T0_MS + 2000);
	assert_int_equal(m->nwrites, 2);
	assert_out(m, "ATATZ");
	advance_to(m, T0_MS + 2249);
	assert_int_equal(m->nwrites, 2);
	assert_int_equal(m->done_calls, 0);
	advance_to(m, T0_MS + 2250);
	assert_int_equal(m->nwrites, 3);
	/* \c: no carriage return after X. */
	assert_out(m, "ATATZX");
	assert_int_equal(m->writes[2].at_ms, T0_MS + 2250);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_int_equal(m->fl.n, 3);
	modem_free(m);
}

static void test_pause_then_expect_timeout(void **state)
{
	struct modem *m = modem_new("\"\" \"\\d\\d\" TIMEOUT 3 OK");

	(void)state;
	/* The expect timer starts after the send string, pauses included. */
	m->reply = NULL;
	modem_start(m, "p", NULL);
	advance(m, 0);
	assert_int_equal(m->nwrites, 0);
	advance_to(m, T0_MS + 4000);
	assert_out(m, "\r");
	advance_to(m, T0_MS + 6999);
	assert_int_equal(m->done_calls, 0);
	advance_to(m, T0_MS + 7000);
	assert_int_equal(m->done_calls, 1);
	assert_int_equal(m->status, CHAT_TIMEOUT);
	modem_free(m);
}

static void test_break(void **state)
{
	struct modem *m = modem_new("\"\" \"+++\\KATH\"");

	(void)state;
	modem_start(m, "brk", NULL);
	advance(m, 0);
	assert_int_equal(m->nbreaks, 1);
	assert_int_equal(m->nwrites, 2);
	assert_int_equal(m->writes[0].len, 3);
	assert_out(m, "+++ATH\r");
	assert_int_equal(m->status, CHAT_SUCCESS);
	modem_free(m);

	/* Without a BREAK hook (a pty) \K is skipped. */
	m = modem_new("\"\" \"+++\\KATH\"");
	modem_start_ops(m, "brk", NULL, &modem_ops_nobreak);
	advance(m, 0);
	assert_int_equal(m->nbreaks, 0);
	assert_out(m, "+++ATH\r");
	assert_int_equal(m->status, CHAT_SUCCESS);
	modem_free(m);
}

static void test_send_bytes(void **state)
{
	struct modem *m = modem_new("\"\" \"a\\N\\r\\n\\s\\t\\\\\\\"\\q\" "
				    "\"\" \"\"");

	(void)state;
	m->echo = false;
	m->reply = NULL;
	modem_start(m, "bytes", NULL);
	advance(m, 0);
	/* "" as a send string is a bare carriage return. */
	assert_int_equal(m->out_len, 12);
	assert_memory_equal(m->out, "a\0\r\n \t\\\"\\q\r\r", 12);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_true(fake_log_has(&m->fl, "CHAT4: Sending string: "
					 "a\\N\\r\\n\\s\\t\\\\\\\"\\q"));
	modem_free(m);
}

/* ---- lifetime ------------------------------------------------------------ */

static void test_cancel(void **state)
{
	struct modem *m = modem_new(SEED_CALLBACK);

	(void)state;
	m->dial_reply = "CONNECT";
	m->dial_delay_ms = 1000;
	modem_start(m, "callback", SEED_NUMBER);
	chat_cancel(m->run);
	assert_true(chat_finished(m->run));
	advance(m, 100000);
	assert_int_equal(m->out_len, 0);
	assert_int_equal(m->done_calls, 0);
	feed(m, "BUSY");
	assert_int_equal(m->done_calls, 0);
	chat_cancel(m->run);
	modem_free(m);

	/* Cancel while expecting: the TIMEOUT timer goes away too. */
	m = modem_new(SEED_CALLBACK);
	m->reply = NULL;
	m->echo = false;
	modem_start(m, "callback", SEED_NUMBER);
	advance(m, 0);
	assert_false(chat_finished(m->run));
	assert_int_equal(timers_next_ms(&m->ts), 5000);
	chat_cancel(m->run);
	assert_int_equal(timers_next_ms(&m->ts), -1);
	advance(m, 100000);
	assert_int_equal(m->done_calls, 0);
	/* No "finished" line for a cancelled run. */
	assert_int_equal(m->fl.n, 3);
	modem_free(m);

	chat_free(NULL);
	chat_cancel(NULL);
}

static void test_cancel_from_callbacks(void **state)
{
	struct modem *m = modem_new("\"\" \"AT\\KZ\\dQ\" OK");

	(void)state;
	/* Cancelled by the first write: no BREAK, nothing more, no done(),
	 * no timer left. */
	m->cancel_at_write = 1;
	m->echo = false;
	modem_start(m, "t", NULL);
	advance(m, 0);
	assert_out(m, "AT");
	assert_int_equal(m->nbreaks, 0);
	assert_true(chat_finished(m->run));
	assert_int_equal(timers_next_ms(&m->ts), -1);
	advance(m, 10000);
	assert_int_equal(m->done_calls, 0);
	modem_free(m);

	/* Cancelled by the BREAK hook: Z never goes out. */
	m = modem_new("\"\" \"AT\\KZ\\dQ\" OK");
	m->cancel_at_break = true;
	m->echo = false;
	modem_start(m, "t", NULL);
	advance(m, 10000);
	assert_out(m, "AT");
	assert_int_equal(m->nbreaks, 1);
	assert_int_equal(m->done_calls, 0);
	assert_int_equal(timers_next_ms(&m->ts), -1);
	modem_free(m);

	/* Cancelled by the write of a piece after a pause. */
	m = modem_new("\"\" \"AT\\dQ\\pR\" OK");
	m->cancel_at_write = 2;
	m->echo = false;
	modem_start(m, "t", NULL);
	advance(m, 10000);
	assert_out(m, "ATQ");
	assert_int_equal(m->done_calls, 0);
	modem_free(m);
}

static void test_free_while_running(void **state)
{
	struct modem *m = modem_new("\"\" \"AT\\d\" OK");

	(void)state;
	modem_start(m, "t", NULL);
	advance(m, 0);
	chat_free(m->run);
	m->run = NULL;
	/* Its pause timer is gone with it. */
	assert_int_equal(timers_next_ms(&m->ts), -1);
	modem_free(m);
}

static void test_input_after_done(void **state)
{
	struct modem *m = manual("OK x");

	(void)state;
	feed(m, "OKOKOK");
	assert_int_equal(m->done_calls, 1);
	feed(m, "OK BUSY");
	chat_input(m->run, NULL, 0);
	advance(m, 100000);
	assert_int_equal(m->done_calls, 1);
	assert_out(m, "x\r");
	modem_free(m);
}

static void test_debug_off(void **state)
{
	struct modem *m = modem_new(SEED_CALLBACK);

	(void)state;
	log_debug_set(&m->fl.lg, DBG_CHAT, false);
	m->dial_reply = "CONNECT 33600";
	m->dial_delay_ms = 1000;
	modem_start(m, "callback", SEED_NUMBER);
	run_until_done(m, 120000);
	assert_int_equal(m->status, CHAT_SUCCESS);
	assert_int_equal(m->fl.n, 0);
	modem_free(m);
}

static void test_status_names(void **state)
{
	(void)state;
	assert_string_equal(chat_status_name(CHAT_SUCCESS), "success");
	assert_string_equal(chat_status_name(CHAT_TIMEOUT), "timeout");
	assert_string_equal(chat_status_name(CHAT_ABORTED), "aborted");
	assert_string_equal(chat_status_name(CHAT_ERROR), "error");
	assert_string_equal(chat_status_name(CHAT_STATUS_COUNT), "?");
	assert_string_equal(chat_status_ios(CHAT_SUCCESS), "Success");
	assert_string_equal(chat_status_ios(CHAT_TIMEOUT),
			    "Connection timed out; remote host not "
			    "responding");
	assert_string_equal(chat_status_ios(CHAT_ABORTED), "Aborted");
	assert_string_equal(chat_status_ios(CHAT_ERROR), "Error");
	assert_string_equal(chat_status_ios((enum chat_status) - 1), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offhook),
		cmocka_unit_test(test_callback_connect),
		cmocka_unit_test(test_callback_connect_octets),
		cmocka_unit_test(test_callback_busy),
		cmocka_unit_test(test_callback_no_answer_timeout),
		cmocka_unit_test(test_no_answer_abort),
		cmocka_unit_test(test_atz_error),
		cmocka_unit_test(test_default_timeout),
		cmocka_unit_test(test_number_errors),
		cmocka_unit_test(test_number_chars),
		cmocka_unit_test(test_long_send_string),
		cmocka_unit_test(test_pauses),
		cmocka_unit_test(test_pause_then_expect_timeout),
		cmocka_unit_test(test_break),
		cmocka_unit_test(test_send_bytes),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_cancel_from_callbacks),
		cmocka_unit_test(test_free_while_running),
		cmocka_unit_test(test_input_after_done),
		cmocka_unit_test(test_debug_off),
		cmocka_unit_test(test_status_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
