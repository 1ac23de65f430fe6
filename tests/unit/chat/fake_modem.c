/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fake_modem.c - the fake Hayes modem of the chat engine tests (see
 * fake_modem.h).
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
	if (m->nwrites == m->cancel_at_write)
		chat_cancel(m->run);
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
	if (m->cancel_at_break)
		chat_cancel(m->run);
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

const struct chat_ops modem_ops = {
	.write = m_write,
	.send_break = m_break,
	.done = m_done,
};

const struct chat_ops modem_ops_nobreak = {
	.write = m_write,
	.send_break = NULL,
	.done = m_done,
};

struct modem *modem_new(const char *script)
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

void modem_start_ops(struct modem *m, const char *name, const char *number,
		     const struct chat_ops *ops)
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

void modem_start(struct modem *m, const char *name, const char *number)
{
	modem_start_ops(m, name, number, &modem_ops);
}

/* Move the clock to `to_ms` one deadline at a time, so every callback sees
 * its own deadline as the time (timers_advance() alone sets the clock to
 * the target first). */
void advance_to(struct modem *m, uint64_t to_ms)
{
	int64_t next;

	while ((next = timers_next_ms(&m->ts)) >= 0 &&
	       timers_now(&m->ts) + (uint64_t)next <= to_ms)
		timers_advance(&m->ts, timers_now(&m->ts) + (uint64_t)next);
	timers_advance(&m->ts, to_ms);
}

void advance(struct modem *m, uint64_t ms)
{
	advance_to(m, timers_now(&m->ts) + ms);
}

/* Run the clock in 1 ms steps until done() or `limit_ms` passed. */
void run_until_done(struct modem *m, uint64_t limit_ms)
{
	uint64_t end = timers_now(&m->ts) + limit_ms;

	while (m->done_calls == 0 && timers_now(&m->ts) < end) {
		int64_t next = timers_next_ms(&m->ts);

		if (next < 0)
			break;
		timers_advance(&m->ts, timers_now(&m->ts) + (uint64_t)next);
	}
}

void modem_free(struct modem *m)
{
	/* The run is freed here, outside its callbacks (deferred free). */
	chat_free(m->run);
	chat_script_free(m->script);
	timer_cancel(&m->t_reply);
	timers_fini(&m->ts);
	fake_log_fini(&m->fl);
	free(m);
}

void assert_lines(const struct modem *m, const char *const *want, size_t n)
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

void assert_out(const struct modem *m, const char *want)
{
	if (m->out_len != strlen(want) || memcmp(m->out, want, m->out_len))
		fail_msg("wrote '%.*s', want '%s'", (int)m->out_len, m->out,
			 want);
}

struct modem *manual(const char *script)
{
	struct modem *m = modem_new(script);

	m->echo = false;
	m->reply = NULL;
	modem_start(m, "t", "5551212");
	advance(m, 0);
	return m;
}

void feed(struct modem *m, const char *s)
{
	chat_input(m->run, (const uint8_t *)s, strlen(s));
}
