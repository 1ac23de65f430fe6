/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the chat-script engine (src/chat/chat_run.c): the seed 001
 * scripts against a fake Hayes modem on a fake clock, with the exact
 * `debug chat` lines of the seed trace; CONNECT, BUSY, NO ANSWER and ERROR
 * answers; timeouts to the millisecond; \d, \p, \c, \K and \T; output in
 * one-octet and random chunks; the lifetime rules (no done() from
 * chat_start(), exactly one done(), cancel, input after the end).
 *
 * The fake modem echoes each command line (as a modem with E1 does) and
 * answers it from a timer, never from inside chat_ops.write(), as the
 * contract requires of real callers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chat.h"
#include "fake_log.h"
#include "timer.h"

#define SEED_OFFHOOK "\"\" \"ATH1\" OK"
#define SEED_CALLBACK                                                          \
	"ABORT ERROR ABORT BUSY \"\" \"ATZ\" OK \"ATDT \\T\" TIMEOUT 60 "      \
	"CONNECT \\c"
#define SEED_NUMBER "527-9651"

#define T0_MS 1000000 /* fake clock at the start of every test */

/* ---- fake modem ---------------------------------------------------------- */

struct reply {
	uint64_t due_ms;
	char text[64];
};

struct modem {
	struct timers ts;
	struct fake_log fl;
	struct chat_script *script;
	struct chat_run *run;
	/* what the engine wrote */
	uint8_t out[1024];
	size_t out_len;
	struct {
		uint64_t at_ms;
		size_t off, len;
	} writes[32];
	size_t nwrites;
	uint64_t break_at_ms[4];
	size_t nbreaks;
	/* command line being typed, and the answers */
	char cmd[128];
	size_t cmd_len;
	const char *dial_reply; /* "CONNECT 33600", "BUSY", NULL = silent */
	uint32_t dial_delay_ms;
	const char *reply; /* to any other AT command; NULL = silent */
	uint32_t reply_delay_ms;
	bool echo;
	size_t chunk; /* octets per chat_input(); 0 = all at once */
	uint32_t rng; /* chunk == SIZE_MAX: random chunks */
	struct reply queue[8];
	size_t nqueue;
	struct timer t_reply;
	/* what done() said */
	int done_calls;
	enum chat_status status;
	char why[128];
	uint64_t done_at_ms;
	bool starting;
};

static uint32_t rng_next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void arm_reply(struct modem *m)
{
	uint64_t now = timers_now(&m->ts);

	if (m->nqueue == 0)
		return;
	assert_true(timer_arm(&m->t_reply, m->queue[0].due_ms > now
						   ? m->queue[0].due_ms - now
						   : 0));
}

static void queue_reply(struct modem *m, uint32_t delay_ms, const char *text)
{
	struct reply *q;

	assert_true(m->nqueue < 8);
	q = &m->queue[m->nqueue++];
	q->due_ms = timers_now(&m->ts) + delay_ms;
	snprintf(q->text, sizeof(q->text), "%s", text);
	/* Kept in due order: later replies never overtake earlier ones. */
	for (size_t i = m->nqueue - 1;
	     i > 0 && m->queue[i - 1].due_ms > m->queue[i].due_ms; i--) {
		struct reply tmp = m->queue[i];
		m->queue[i] = m->queue[i - 1];
		m->queue[i - 1] = tmp;
	}
	arm_reply(m);
}

/* Deliver modem output to the engine in the configured chunk sizes. */
static void deliver(struct modem *m, const char *text)
{
	const uint8_t *p = (const uint8_t *)text;
	size_t n = strlen(text);

	while (n) {
		size_t k = n;

		if (m->chunk == SIZE_MAX)
			k = 1 + rng_next(&m->rng) % 7;
		else if (m->chunk)
			k = m->chunk;
		if (k > n)
			k = n;
		chat_input(m->run, p, k);
		p += k;
		n -= k;
	}
}

static void on_reply(void *arg)
{
	struct modem *m = arg;
	uint64_t now = timers_now(&m->ts);

	while (m->nqueue && m->queue[0].due_ms <= now) {
		struct reply q = m->queue[0];

		memmove(m->queue, m->queue + 1,
			(m->nqueue - 1) * sizeof(m->queue[0]));
		m->nqueue--;
		deliver(m, q.text);
	}
	arm_reply(m);
}

static void answer(struct modem *m)
{
	char buf[160];

	if (m->echo) {
		snprintf(buf, sizeof(buf), "%.*s\r", (int)m->cmd_len, m->cmd);
		queue_reply(m, 1, buf);
	}
	if (m->cmd_len < 2 || strncmp(m->cmd, "AT", 2) != 0)
		return;
	if (m->cmd_len >= 3 && m->cmd[2] == 'D') {
		if (m->dial_reply) {
			snprintf(buf, sizeof(buf), "\r\n%s\r\n", m->dial_reply);
			queue_reply(m, m->dial_delay_ms, buf);
		}
		return;
	}
	if (m->reply) {
		snprintf(buf, sizeof(buf), "\r\n%s\r\n", m->reply);
		queue_reply(m, m->reply_delay_ms, buf);
	}
}

static void m_write(void *ctx, const uint8_t *data, size_t len)
{
	struct modem *m = ctx;

	assert_false(m->starting);
	assert_true(len > 0);
	assert_true(m->out_len + len <= sizeof(m->out));
	assert_true(m->nwrites < 32);
	m->writes[m->nwrites].at_ms = timers_now(&m->ts);
	m->writes[m->nwrites].off = m->out_len;
	m->writes[m->nwrites].len = len;
	m->nwrites++;
	memcpy(m->out + m->out_len, data, len);
	m->out_len += len;
	for (size_t i = 0; i < len; i++) {
		if (data[i] == '\r') {
			answer(m);
			m->cmd_len = 0;
		} else if (m->cmd_len < sizeof(m->cmd)) {
			m->cmd[m->cmd_len++] = (char)data[i];
		}
	}
}

static void m_break(void *ctx)
{
	struct modem *m = ctx;

	assert_true(m->nbreaks < 4);
	m->break_at_ms[m->nbreaks++] = timers_now(&m->ts);
}

static void m_done(void *ctx, enum chat_status status, const char *why)
{
	struct modem *m = ctx;

	assert_false(m->starting);
	assert_non_null(why);
	m->done_calls++;
	m->status = status;
	snprintf(m->why, sizeof(m->why), "%s", why);
	m->done_at_ms = timers_now(&m->ts);
	/* Allowed from inside done(): a no-op cancel. */
	chat_cancel(m->run);
}

static const struct chat_ops modem_ops = {
	.write = m_write,
	.send_break = m_break,
	.done = m_done,
};

static const struct chat_ops modem_ops_nobreak = {
	.write = m_write,
	.send_break = NULL,
	.done = m_done,
};

static struct modem *modem_new(const char *script)
{
	struct modem *m = calloc(1, sizeof(*m));
	char err[256];

	assert_non_null(m);
	timers_init(&m->ts, T0_MS);
	fake_log_init(&m->fl);
	if (chat_compile(script, &m->script, err, sizeof(err)) != 0)
		fail_msg("script '%s': %s", script, err);
	timer_init(&m->t_reply, &m->ts, on_reply, m);
	m->reply = "OK";
	m->reply_delay_ms = 100;
	m->echo = true;
	m->rng = 12345;
	return m;
}

static void modem_start_ops(struct modem *m, const char *name,
			    const char *number, const struct chat_ops *ops)
{
	m->starting = true;
	m->run = chat_start(m->script, name, number, "CHAT4", ops, m, &m->ts,
			    &m->fl.lg);
	m->starting = false;
	assert_non_null(m->run);
	/* Nothing happens before the first timer runs. */
	assert_int_equal(m->out_len, 0);
	assert_int_equal(m->done_calls, 0);
}

static void modem_start(struct modem *m, const char *name, const char *number)
{
	modem_start_ops(m, name, number, &modem_ops);
}

/* Move the clock to `to_ms` one deadline at a time, so every callback sees
 * its own deadline as the time (timers_advance() alone sets the clock to
 * the target first). */
static void advance_to(struct modem *m, uint64_t to_ms)
{
	int64_t next;

	while ((next = timers_next_ms(&m->ts)) >= 0 &&
	       timers_now(&m->ts) + (uint64_t)next <= to_ms)
		timers_advance(&m->ts, timers_now(&m->ts) + (uint64_t)next);
	timers_advance(&m->ts, to_ms);
}

static void advance(struct modem *m, uint64_t ms)
{
	advance_to(m, timers_now(&m->ts) + ms);
}

/* Run the clock in 1 ms steps until done() or `limit_ms` passed. */
static void run_until_done(struct modem *m, uint64_t limit_ms)
{
	uint64_t end = timers_now(&m->ts) + limit_ms;

	while (m->done_calls == 0 && timers_now(&m->ts) < end) {
		int64_t next = timers_next_ms(&m->ts);

		if (next < 0)
			break;
		timers_advance(&m->ts, timers_now(&m->ts) + (uint64_t)next);
	}
}

static void modem_free(struct modem *m)
{
	/* The run is freed here, outside its callbacks (deferred free). */
	chat_free(m->run);
	chat_script_free(m->script);
	timer_cancel(&m->t_reply);
	timers_fini(&m->ts);
	fake_log_fini(&m->fl);
	free(m);
}

static void assert_lines(const struct modem *m, const char *const *want,
			 size_t n)
{
	if (m->fl.n != n) {
		fake_log_dump(&m->fl);
		fail_msg("%zu debug lines, want %zu", m->fl.n, n);
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(m->fl.lines[i], want[i]) != 0) {
			fake_log_dump(&m->fl);
			fail_msg("line %zu: '%s', want '%s'", i, m->fl.lines[i],
				 want[i]);
		}
}

#define ASSERT_LINES(m, ...)                                                   \
	do {                                                                   \
		const char *const want_[] = {__VA_ARGS__};                     \
		assert_lines((m), want_, sizeof(want_) / sizeof(want_[0]));    \
	} while (0)

static void assert_out(const struct modem *m, const char *want)
{
	if (m->out_len != strlen(want) || memcmp(m->out, want, m->out_len))
		fail_msg("wrote '%.*s', want '%s'", (int)m->out_len, m->out,
			 want);
}

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

/* ---- matching ------------------------------------------------------------ */

/* A bare engine for tests that feed modem output by hand. */
static struct modem *manual(const char *script)
{
	struct modem *m = modem_new(script);

	m->echo = false;
	m->reply = NULL;
	modem_start(m, "t", "5551212");
	advance(m, 0);
	return m;
}

static void feed(struct modem *m, const char *s)
{
	chat_input(m->run, (const uint8_t *)s, strlen(s));
}

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
		cmocka_unit_test(test_pauses),
		cmocka_unit_test(test_pause_then_expect_timeout),
		cmocka_unit_test(test_break),
		cmocka_unit_test(test_send_bytes),
		cmocka_unit_test(test_case_sensitive_and_window),
		cmocka_unit_test(test_expect_needs_fresh_output),
		cmocka_unit_test(test_rest_of_chunk_feeds_next_expect),
		cmocka_unit_test(test_output_during_pause),
		cmocka_unit_test(test_abort_during_pause_and_before_start),
		cmocka_unit_test(test_abort_before_expect),
		cmocka_unit_test(test_abort_across_expects),
		cmocka_unit_test(test_every_split),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_free_while_running),
		cmocka_unit_test(test_input_after_done),
		cmocka_unit_test(test_debug_off),
		cmocka_unit_test(test_status_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
