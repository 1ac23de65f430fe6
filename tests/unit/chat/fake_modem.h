/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fake_modem.h - a Hayes modem on a fake clock for the chat engine tests.
 *
 * The modem records every octet the engine writes (with the time of each
 * write), echoes each command line as a modem with E1 does, and answers
 * from a timer, never from inside chat_ops.write() as the engine's contract
 * requires: "OK" (or `reply`) to AT commands after `reply_delay_ms`, and
 * `dial_reply` ("CONNECT 33600", "BUSY", "NO ANSWER", NULL for silence) to
 * ATD after `dial_delay_ms`.  Its output reaches chat_input() whole, in
 * `chunk`-octet pieces, or (chunk == SIZE_MAX) in random pieces of 1-7.
 * It also records what done() reported and checks that nothing is called
 * back from inside chat_start().
 */
#ifndef NASD_TEST_FAKE_MODEM_H
#define NASD_TEST_FAKE_MODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
	/* chat_cancel() from inside write() number N (1-based; 0 never) or
	 * from inside send_break(), as a daemon does when the tty fails */
	size_t cancel_at_write;
	bool cancel_at_break;
};

#define ASSERT_LINES(m, ...)                                                   \
	do {                                                                   \
		const char *const want_[] = {__VA_ARGS__};                     \
		assert_lines((m), want_, sizeof(want_) / sizeof(want_[0]));    \
	} while (0)

extern const struct chat_ops modem_ops;		/* with a BREAK hook */
extern const struct chat_ops modem_ops_nobreak; /* send_break NULL (a pty) */

/* A modem and a clock at T0_MS; the script must compile.  OK after 100 ms,
 * echo on. */
struct modem *modem_new(const char *script);
/* chat_start() with prefix CHAT4; asserts nothing was written or done. */
void modem_start_ops(struct modem *m, const char *name, const char *number,
		     const struct chat_ops *ops);
void modem_start(struct modem *m, const char *name, const char *number);
/* Move the clock to to_ms (or by ms) one deadline at a time, so every
 * callback sees its own deadline as the time (timers_advance() alone sets
 * the clock to the target first). */
void advance_to(struct modem *m, uint64_t to_ms);
void advance(struct modem *m, uint64_t ms);
/* Run the clock deadline by deadline until done() or limit_ms passed. */
void run_until_done(struct modem *m, uint64_t limit_ms);
/* Free the run (outside its callbacks: the deferred free), the script and
 * the modem. */
void modem_free(struct modem *m);
/* The captured debug lines are exactly want[0..n). */
void assert_lines(const struct modem *m, const char *const *want, size_t n);
/* Everything written so far is exactly `want`. */
void assert_out(const struct modem *m, const char *want);
/* A started run whose first step has run, with a silent modem (no echo,
 * no replies) for tests that feed modem output by hand; number 5551212. */
struct modem *manual(const char *script);
/* chat_input() of a string. */
void feed(struct modem *m, const char *s);

#endif
