/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chat_run.c - the chat-script engine: runs one compiled script (chat_int.h)
 * against a modem byte stream, sans-I/O.  Owns the run state machine, the
 * sliding match window, send-string output with \d/\p pauses and \K, the
 * expect timeout and the `debug chat` lines (chat.h has the contract and the
 * exact wording).
 *
 * States:
 *   STARTING   the 0 ms timer for the first step is armed (done() is never
 *              called from chat_start());
 *   RUNNING    transient, while steps are walked inside one call;
 *   PAUSED     inside a send string, a \d or \p timer is armed;
 *   EXPECTING  waiting for the expect string, the TIMEOUT timer is armed;
 *   DONE       done() was called;
 *   CANCELLED  chat_cancel() was called.
 * One timer serves STARTING, PAUSED and EXPECTING; which event its expiry
 * means follows from the state.  Modem output is taken octet by octet in
 * every live state: it always feeds the window and the ABORT check, and in
 * EXPECTING the expect check, so any split of the output behaves the same.
 */
#include "chat_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Send strings leave in pieces of at most this many octets (a send string
 * may repeat \T, so its expansion is not bounded by CHAT_STRING_MAX). */
#define CHAT_OUT_BYTES 512

enum chat_run_state {
	CHAT_RUN_STARTING,
	CHAT_RUN_RUNNING,
	CHAT_RUN_PAUSED,
	CHAT_RUN_EXPECTING,
	CHAT_RUN_DONE,
	CHAT_RUN_CANCELLED,
};

struct chat_run {
	const struct chat_script *s;
	const struct chat_ops *ops;
	void *ctx;
	const struct logger *log;
	char *name;
	char *prefix;
	char *number;		/* NULL unless valid and needed */
	const char *number_err; /* why \T cannot be expanded, or NULL */
	struct timer t;
	enum chat_run_state state;
	size_t step;	     /* current step */
	size_t elem;	     /* PAUSED: next element of the send string */
	uint32_t timeout_ms; /* for the next expect (TIMEOUT) */
	/* Window: the last win_keep octets of modem output at least, stored
	 * in twice that space so it is compacted only once per win_keep
	 * octets.  `fresh` counts the octets at its end that arrived after
	 * the previous expect matched: only those may match the next one. */
	uint8_t *win;
	size_t win_keep;
	size_t win_len;
	size_t fresh;
	/* Output that comes while no expect waits (STARTING, PAUSED) is
	 * matched against the expect that comes next, step `ahead`; a hit
	 * completes that expect as soon as it starts. */
	bool ahead_hit;
	size_t ahead;
	size_t out_len;
	uint8_t out[CHAT_OUT_BYTES];
};

/* ---- status names -------------------------------------------------------- */

static const char *const status_names[] = {
#define CHAT_STATUS_NAME(e, name, ios) [CHAT_##e] = name,
	CHAT_STATUSES(CHAT_STATUS_NAME)
#undef CHAT_STATUS_NAME
};
_Static_assert(sizeof(status_names) / sizeof(status_names[0]) ==
		       CHAT_STATUS_COUNT,
	       "one name per chat status");

static const char *const status_ios[] = {
#define CHAT_STATUS_IOS(e, name, ios) [CHAT_##e] = ios,
	CHAT_STATUSES(CHAT_STATUS_IOS)
#undef CHAT_STATUS_IOS
};
_Static_assert(sizeof(status_ios) / sizeof(status_ios[0]) == CHAT_STATUS_COUNT,
	       "one IOS text per chat status");

const char *chat_status_name(enum chat_status status)
{
	return (unsigned)status < CHAT_STATUS_COUNT ? status_names[status]
						    : "?";
}

const char *chat_status_ios(enum chat_status status)
{
	return (unsigned)status < CHAT_STATUS_COUNT ? status_ios[status] : "?";
}

/* ---- helpers ------------------------------------------------------------- */

static bool live(const struct chat_run *r)
{
	return r->state != CHAT_RUN_DONE && r->state != CHAT_RUN_CANCELLED;
}

/* The end of every run: nothing of the run is touched after done(). */
static void finish(struct chat_run *r, enum chat_status status, const char *why)
{
	timer_cancel(&r->t);
	r->state = CHAT_RUN_DONE;
	if (status == CHAT_ERROR)
		log_dbg(r->log, DBG_CHAT,
			"%s: Chat script %s finished, status = %s: %s",
			r->prefix, r->name, chat_status_ios(status), why);
	else
		log_dbg(r->log, DBG_CHAT,
			"%s: Chat script %s finished, status = %s", r->prefix,
			r->name, chat_status_ios(status));
	r->ops->done(r->ctx, status, why);
}

static bool arm(struct chat_run *r, uint32_t ms)
{
	if (timer_arm(&r->t, ms))
		return true;
	finish(r, CHAT_ERROR, "out of memory for a timer");
	return false;
}

/* Hayes dial characters: digits, DTMF A-D, * #, W (wait for dial tone),
 * P/T (pulse/tone), ! (flash), @ (quiet answer) and readable separators.
 * Not CR, not `;` (back to command mode): the number may come from the
 * peer (CBCP) and must not become a modem command. */
static bool dial_char(char c)
{
	if (c >= '0' && c <= '9')
		return true;
	return strchr("ABCDWPTabcdwpt*#+,-(). !@", c) != NULL && c != '\0';
}

static const char *number_problem(const char *number)
{
	size_t n;

	if (!number || !*number)
		return "no phone number for \\T";
	n = strnlen(number, CHAT_NUMBER_MAX + 1);
	if (n > CHAT_NUMBER_MAX)
		return "phone number for \\T is too long";
	for (size_t i = 0; i < n; i++)
		if (!dial_char(number[i]))
			return "phone number for \\T has characters that are "
			       "not dial digits";
	return NULL;
}

/* ---- window -------------------------------------------------------------- */

static void win_push(struct chat_run *r, uint8_t c)
{
	if (r->win_len == 2 * r->win_keep) {
		memmove(r->win, r->win + r->win_keep, r->win_keep);
		r->win_len = r->win_keep;
	}
	r->win[r->win_len++] = c;
	/* Both grow by one per octet and compaction keeps win_keep, so
	 * fresh <= win_len holds. */
	if (r->fresh < r->win_keep)
		r->fresh++;
}

/* Does the window end with bytes[0..n)? */
static bool win_ends_with(const struct chat_run *r, const uint8_t *bytes,
			  size_t n)
{
	return n <= r->win_len &&
	       memcmp(r->win + r->win_len - n, bytes, n) == 0;
}

static const struct chat_step *cur(const struct chat_run *r)
{
	return &r->s->steps[r->step];
}

/* The first expect that is not "" from the current step on, or nsteps. */
static size_t next_expect(const struct chat_run *r)
{
	for (size_t i = r->step; i < r->s->nsteps; i++)
		if (r->s->steps[i].kind == CHAT_STEP_EXPECT &&
		    r->s->steps[i].len > 0)
			return i;
	return r->s->nsteps;
}

/* Does the fresh output end with step k's expect string? */
static bool fresh_match(const struct chat_run *r, size_t k)
{
	const struct chat_step *st = &r->s->steps[k];

	return st->len <= r->fresh && win_ends_with(r, st->bytes, st->len);
}

/* An expect just started: was it seen while no expect was waiting?  Else
 * look in the fresh octets the window still holds (output that followed
 * such an early match).  On a match, what follows it stays fresh for the
 * next expect. */
static bool expect_seen(struct chat_run *r)
{
	const struct chat_step *st = cur(r);
	size_t n = st->len;

	if (r->ahead_hit) {
		/* The next expect when the hit happened is this one: steps
		 * only move forward and nothing else was expected since. */
		assert(r->ahead == r->step);
		r->ahead_hit = false;
		return true;
	}
	if (n > r->fresh)
		return false;
	for (size_t end = r->win_len - r->fresh + n; end <= r->win_len; end++) {
		if (memcmp(r->win + end - n, st->bytes, n) == 0) {
			r->fresh = r->win_len - end;
			return true;
		}
	}
	return false;
}

/* ---- sending ------------------------------------------------------------- */

/* Write what is buffered.  False when the run is no longer live: write()
 * may cancel it (the tty write failed), and then nothing more goes out. */
static bool out_flush(struct chat_run *r)
{
	if (r->out_len) {
		r->ops->write(r->ctx, r->out, r->out_len);
		r->out_len = 0;
	}
	return live(r);
}

static bool out_put(struct chat_run *r, const uint8_t *p, size_t n)
{
	while (n) {
		size_t k = sizeof(r->out) - r->out_len;

		if (k == 0) {
			if (!out_flush(r))
				return false;
			continue;
		}
		if (k > n)
			k = n;
		memcpy(r->out + r->out_len, p, k);
		r->out_len += k;
		p += k;
		n -= k;
	}
	return true;
}

/* "Sending string: ATDT \T<527-9651>": the text as written, \T followed by
 * the number in angle brackets (seed 001). */
static void log_send(struct chat_run *r, const struct chat_step *st)
{
	struct strbuf sb = STRBUF_INIT;
	const char *t = st->text;

	if (!log_debug_on(r->log, DBG_CHAT))
		return;
	for (size_t i = 0; t[i]; i++) {
		if (t[i] != '\\') {
			sb_putn(&sb, t + i, 1);
			continue;
		}
		/* Compiled text never ends in a lone backslash. */
		sb_putn(&sb, t + i, 2);
		if (t[i + 1] == 'T')
			sb_printf(&sb, "<%s>", r->number ? r->number : "");
		i++;
	}
	log_dbg(r->log, DBG_CHAT, "%s: Sending string: %s", r->prefix,
		sb_str(&sb));
	sb_free(&sb);
}

/*
 * Write the current send string from element r->elem on.  Returns true
 * when it is complete (CR included), false when a pause timer was armed,
 * the run finished, or an ops callback cancelled it.
 */
static bool send_continue(struct chat_run *r)
{
	const struct chat_step *st = cur(r);

	while (r->elem < st->nelems) {
		const struct chat_elem *el = &st->elems[r->elem++];
		bool ok = true;

		switch (el->kind) {
		case CHAT_ELEM_LIT:
			ok = out_put(r, st->bytes + el->off, el->len);
			break;
		case CHAT_ELEM_NUMBER:
			/* chat_start() refused to start without one. */
			ok = out_put(r, (const uint8_t *)r->number,
				     strlen(r->number));
			break;
		case CHAT_ELEM_BREAK:
			if (!out_flush(r))
				return false;
			if (r->ops->send_break)
				r->ops->send_break(r->ctx);
			ok = live(r);
			break;
		case CHAT_ELEM_PAUSE:
			if (out_flush(r) && arm(r, el->pause_ms))
				r->state = CHAT_RUN_PAUSED;
			return false;
		}
		if (!ok)
			return false;
	}
	if (!st->no_cr && !out_put(r, (const uint8_t *)"\r", 1))
		return false;
	return out_flush(r);
}

/* ---- the script ---------------------------------------------------------- */

/* Walk the steps from r->step until an expect must wait, a pause is
 * armed, or the script ends (done()). */
static void run_steps(struct chat_run *r)
{
	const struct chat_script *s = r->s;

	r->state = CHAT_RUN_RUNNING;
	while (r->step < s->nsteps) {
		const struct chat_step *st = cur(r);

		switch (st->kind) {
		case CHAT_STEP_ABORT:
			/* Armed for the whole run by chat_start(). */
			break;
		case CHAT_STEP_TIMEOUT:
			r->timeout_ms = st->timeout_s * 1000u;
			break;
		case CHAT_STEP_SEND:
			log_send(r, st);
			r->elem = 0;
			if (!send_continue(r))
				return;
			break;
		case CHAT_STEP_EXPECT:
			/* "" expects nothing and, as in the seed, logs
			 * nothing. */
			if (st->len == 0)
				break;
			log_dbg(r->log, DBG_CHAT, "%s: Expecting string: %s",
				r->prefix, st->text);
			if (expect_seen(r)) {
				log_dbg(r->log, DBG_CHAT,
					"%s: Completed match for expect: %s",
					r->prefix, st->text);
				break;
			}
			if (arm(r, r->timeout_ms))
				r->state = CHAT_RUN_EXPECTING;
			return;
		}
		r->step++;
	}
	finish(r, CHAT_SUCCESS, "");
}

static void on_timer(void *arg)
{
	struct chat_run *r = arg;
	const struct chat_step *st;

	switch (r->state) {
	case CHAT_RUN_STARTING:
		if (r->s->uses_number && r->number_err) {
			finish(r, CHAT_ERROR, r->number_err);
			return;
		}
		run_steps(r);
		break;
	case CHAT_RUN_PAUSED:
		r->state = CHAT_RUN_RUNNING;
		if (send_continue(r)) {
			r->step++;
			run_steps(r);
		}
		break;
	case CHAT_RUN_EXPECTING:
		st = cur(r);
		log_dbg(r->log, DBG_CHAT, "%s: Timeout expecting: %s",
			r->prefix, st->text);
		finish(r, CHAT_TIMEOUT, st->text);
		break;
	case CHAT_RUN_RUNNING:
	case CHAT_RUN_DONE:
	case CHAT_RUN_CANCELLED:
		break;
	}
}

/* ABORT strings first: "NO CARRIER" must abort a script expecting
 * "CARRIER".  True when the run ended. */
static bool check_aborts(struct chat_run *r)
{
	const struct chat_script *s = r->s;

	for (size_t i = 0; i < s->naborts; i++) {
		const struct chat_step *st = &s->steps[s->aborts[i]];

		if (win_ends_with(r, st->bytes, st->len)) {
			log_dbg(r->log, DBG_CHAT, "%s: Aborting on string: %s",
				r->prefix, st->text);
			finish(r, CHAT_ABORTED, st->text);
			return true;
		}
	}
	return false;
}

void chat_input(struct chat_run *r, const uint8_t *data, size_t len)
{
	for (size_t i = 0; i < len && live(r); i++) {
		win_push(r, data[i]);
		if (check_aborts(r))
			return;
		if (r->state != CHAT_RUN_EXPECTING) {
			size_t k;

			if (r->ahead_hit)
				continue;
			k = next_expect(r);
			if (k < r->s->nsteps && fresh_match(r, k)) {
				r->ahead_hit = true;
				r->ahead = k;
				r->fresh = 0;
			}
			continue;
		}
		if (fresh_match(r, r->step)) {
			log_dbg(r->log, DBG_CHAT,
				"%s: Completed match for expect: %s", r->prefix,
				cur(r)->text);
			r->fresh = 0;
			timer_cancel(&r->t);
			r->step++;
			run_steps(r);
		}
	}
}

/* ---- lifetime ------------------------------------------------------------ */

struct chat_run *chat_start(const struct chat_script *s,
			    const char *script_name, const char *number,
			    const char *prefix, const struct chat_ops *ops,
			    void *ctx, struct timers *ts,
			    const struct logger *log)
{
	struct chat_run *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->s = s;
	r->ops = ops;
	r->ctx = ctx;
	r->log = log;
	r->timeout_ms = CHAT_TIMEOUT_DEFAULT_S * 1000u;
	r->win_keep = s->window_bytes;
	r->win = malloc(2 * r->win_keep);
	r->name = strdup(script_name ? script_name : "");
	r->prefix = strdup(prefix ? prefix : "CHAT");
	if (s->uses_number) {
		r->number_err = number_problem(number);
		if (!r->number_err)
			r->number = strdup(number);
	}
	timer_init(&r->t, ts, on_timer, r);
	r->state = CHAT_RUN_STARTING;
	if (!r->win || !r->name || !r->prefix ||
	    (s->uses_number && !r->number_err && !r->number) ||
	    !timer_arm(&r->t, 0)) {
		chat_free(r);
		return NULL;
	}
	log_dbg(log, DBG_CHAT, "%s: Chat script %s started", r->prefix,
		r->name);
	return r;
}

void chat_cancel(struct chat_run *r)
{
	if (!r || !live(r))
		return;
	timer_cancel(&r->t);
	r->state = CHAT_RUN_CANCELLED;
}

void chat_free(struct chat_run *r)
{
	if (!r)
		return;
	timer_cancel(&r->t);
	free(r->win);
	free(r->name);
	free(r->prefix);
	free(r->number);
	free(r);
}

bool chat_finished(const struct chat_run *r)
{
	return !live(r);
}
