/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_chat - arbitrary chat-script text through the compiler and, when it
 * compiles, arbitrary modem output and clock steps through a run.
 *
 * Input: script text up to the first NUL octet; after it, one octet whose
 * low 3 bits pick the \T number (valid, missing, or carrying a CR) and
 * whose bits 3-5, when not 0, make write() number N cancel the run (as a
 * daemon does when the tty fails), then a list of operations, each one
 * octet (op & 3):
 *   0  advance the clock by the next octet x 10 ms
 *   1  advance the clock by the next octet x 1 s
 *   2  feed the next (op >> 2) + 1 octets as modem output
 *   3  feed a typical modem reply ((op >> 2) picks it); op 3 itself cancels
 * Invariants checked (abort() on failure):
 *   - a script that compiles prints to a text that compiles and prints the
 *     same (fixpoint), with the same number of steps and \T use;
 *   - a failed compile returns -EINVAL with a message;
 *   - done() never runs inside chat_start(), at most once, never after a
 *     cancel, and always within the longest time a script can take;
 *   - with a number carrying a CR and a script that uses \T, nothing is
 *     ever written and the run ends in CHAT_ERROR (or CHAT_ABORTED when an
 *     ABORT string arrived before the first step).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "chat_int.h"
#include "log.h"
#include "strbuf.h"
#include "timer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz {
	struct chat_run *run;
	bool starting;
	bool cancelled;
	int done_calls;
	enum chat_status status;
	size_t written;
	size_t writes;
	size_t cancel_at_write;
	uint32_t sum;
};

static void fz_write(void *ctx, const uint8_t *p, size_t len)
{
	struct fz *f = ctx;

	if (f->starting || len == 0)
		abort();
	for (size_t i = 0; i < len; i++)
		f->sum += p[i]; /* let ASan see every octet */
	f->written += len;
	if (++f->writes == f->cancel_at_write) {
		chat_cancel(f->run);
		if (!f->done_calls)
			f->cancelled = true;
	}
}

static void fz_break(void *ctx)
{
	struct fz *f = ctx;

	if (f->starting)
		abort();
}

static void fz_done(void *ctx, enum chat_status status, const char *why)
{
	struct fz *f = ctx;

	if (f->starting || f->cancelled || f->done_calls || !why ||
	    (unsigned)status >= CHAT_STATUS_COUNT)
		abort();
	(void)strlen(why);
	f->done_calls++;
	f->status = status;
}

static void sink(void *ctx, enum log_level lvl, const char *line)
{
	size_t *n = ctx;

	(void)lvl;
	*n += strlen(line);
}

static const struct chat_ops fz_ops = {
	.write = fz_write,
	.send_break = fz_break,
	.done = fz_done,
};

static const char *const numbers[] = {
	"527-9651", NULL, "", "5551212\rATH0", "9W,*70,T(408)555-1212",
};

static const char *const replies[] = {
	"OK",	 "\r\n",       "CONNECT 33600", "BUSY",	 "NO ANSWER",
	"ERROR", "NO CARRIER", "ATZ\r",		"ogin:", "ssword:",
};

static void step_clock(struct timers *ts, uint64_t ms)
{
	uint64_t to = timers_now(ts) + ms;
	int64_t next;

	/* One deadline at a time, so callbacks see their own time. */
	while ((next = timers_next_ms(ts)) >= 0 &&
	       timers_now(ts) + (uint64_t)next <= to)
		timers_advance(ts, timers_now(ts) + (uint64_t)next);
	timers_advance(ts, to);
}

static void check_round_trip(const struct chat_script *s)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct chat_script *s2 = NULL;
	char err[256];

	chat_script_print(s, &a);
	if (a.oom)
		goto out;
	if (chat_compile(sb_str(&a), &s2, err, sizeof(err)) != 0)
		abort();
	chat_script_print(s2, &b);
	if (!b.oom &&
	    (strcmp(sb_str(&a), sb_str(&b)) != 0 || s2->nsteps != s->nsteps ||
	     s2->naborts != s->naborts ||
	     chat_script_uses_number(s2) != chat_script_uses_number(s)))
		abort();
	for (size_t i = 0; i < s->nsteps; i++) {
		const struct chat_step *x = &s->steps[i], *y = &s2->steps[i];

		if (x->kind != y->kind || x->len != y->len ||
		    (x->len && memcmp(x->bytes, y->bytes, x->len) != 0) ||
		    x->timeout_s != y->timeout_s || x->no_cr != y->no_cr ||
		    x->nelems != y->nelems)
			abort();
	}
out:
	chat_script_free(s2);
	sb_free(&a);
	sb_free(&b);
}

static void run(const struct chat_script *s, const uint8_t *ops, size_t n)
{
	struct fz f = {0};
	struct timers ts;
	size_t log_octets = 0;
	struct logger lg = {
		.sink = sink, .ctx = &log_octets, .level = LOG_LVL_DEBUG};
	const char *number;
	size_t i = 0;
	/* Longest possible run: every step a full TIMEOUT, every character
	 * of the text a \d. */
	const uint64_t longest_ms =
		(uint64_t)CHAT_STEPS_MAX * CHAT_TIMEOUT_MAX_S * 1000 +
		(uint64_t)CHAT_TEXT_MAX * CHAT_PAUSE_D_MS + 1000;

	if (n == 0)
		return;
	number = numbers[(ops[i] & 7) % (sizeof(numbers) / sizeof(numbers[0]))];
	f.cancel_at_write = (ops[i] >> 3) & 7;
	i++;
	log_debug_set(&lg, DBG_CHAT, true);
	timers_init(&ts, 1000);
	f.starting = true;
	f.run = chat_start(s, "fuzz", number, "CHAT1", &fz_ops, &f, &ts, &lg);
	f.starting = false;
	if (!f.run)
		goto out;
	while (i < n) {
		uint8_t op = ops[i++];
		const char *r;
		size_t k;

		switch (op & 3) {
		case 0:
			step_clock(&ts, (uint64_t)(i < n ? ops[i++] : 0) * 10);
			break;
		case 1:
			step_clock(&ts,
				   (uint64_t)(i < n ? ops[i++] : 0) * 1000);
			break;
		case 2:
			k = (size_t)(op >> 2) + 1;
			if (k > n - i)
				k = n - i;
			chat_input(f.run, ops + i, k);
			i += k;
			break;
		case 3:
			if (op == 3) {
				chat_cancel(f.run);
				if (!f.done_calls)
					f.cancelled = true;
				break;
			}
			r = replies[(op >> 2) %
				    (sizeof(replies) / sizeof(replies[0]))];
			chat_input(f.run, (const uint8_t *)r, strlen(r));
			break;
		}
	}
	step_clock(&ts, longest_ms);
	if (f.cancelled ? f.done_calls != 0 : f.done_calls != 1)
		abort();
	if (!chat_finished(f.run) || timers_next_ms(&ts) != -1)
		abort();
	if (chat_script_uses_number(s) && number && strchr(number, '\r') &&
	    (f.written != 0 || (f.done_calls && f.status != CHAT_ERROR &&
				f.status != CHAT_ABORTED)))
		abort();
out:
	chat_free(f.run);
	timers_fini(&ts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t tlen = nul ? (size_t)(nul - data) : size;
	struct chat_script *s = NULL;
	char err[256];
	char *text = malloc(tlen + 1);
	int rc;

	if (!text)
		return 0;
	memcpy(text, data, tlen);
	text[tlen] = '\0';
	rc = chat_compile(text, &s, err, sizeof(err));
	if (rc == 0) {
		if (!s)
			abort();
		check_round_trip(s);
		if (nul)
			run(s, nul + 1, size - tlen - 1);
	} else if ((rc != -EINVAL && rc != -ENOMEM) || s || !err[0]) {
		abort();
	}
	chat_script_free(s);
	free(text);
	return 0;
}
