/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modem_harness.h - a recording ops table and a fake clock for the modem
 * core's unit tests: DTE output accumulates in a string, signals, dial
 * requests, answers, hang-ups and line bytes are counted or kept.
 */
#ifndef NASD_TEST_MODEM_HARNESS_H
#define NASD_TEST_MODEM_HARNESS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "modem.h"
#include "strbuf.h"
#include "timer.h"

struct mh {
	struct timers ts;
	struct modem *m;
	struct strbuf dte;  /* everything written to the DTE */
	unsigned sig;       /* last signals */
	unsigned nsig;      /* signal reports */
	char dialled[128];  /* last number dialled */
	unsigned ndial;
	enum modem_result dial_res; /* what the dial op returns */
	unsigned nanswer, nhangup;
	uint8_t line[65536]; /* line bytes, in order */
	size_t nline;
	uint64_t first_line_ms; /* time of the first line_tx */
	unsigned debug;
};

static inline void mh_dte_write(void *arg, const uint8_t *d, size_t n)
{
	struct mh *h = arg;
	sb_putn(&h->dte, (const char *)d, n);
}

static inline void mh_signals(void *arg, unsigned sig)
{
	struct mh *h = arg;
	h->sig = sig;
	h->nsig++;
}

static inline enum modem_result mh_dial(void *arg, const char *number)
{
	struct mh *h = arg;
	snprintf(h->dialled, sizeof(h->dialled), "%s", number);
	h->ndial++;
	return h->dial_res;
}

static inline void mh_answer(void *arg)
{
	((struct mh *)arg)->nanswer++;
}

static inline void mh_hangup(void *arg)
{
	((struct mh *)arg)->nhangup++;
}

static inline void mh_line_tx(void *arg, const uint8_t *d, size_t n)
{
	struct mh *h = arg;
	if (h->nline == 0)
		h->first_line_ms = timers_now(&h->ts);
	if (h->nline + n <= sizeof(h->line)) {
		memcpy(h->line + h->nline, d, n);
		h->nline += n;
	}
}

static const struct modem_ops mh_ops = {
	.dte_write = mh_dte_write,
	.signals = mh_signals,
	.dial = mh_dial,
	.answer = mh_answer,
	.hangup = mh_hangup,
	.line_tx = mh_line_tx,
};

static inline struct mh *mh_new_cfg(const struct modem_cfg *cfg)
{
	struct mh *h = calloc(1, sizeof(*h));

	timers_init(&h->ts, 1000);
	h->dial_res = MODEM_RES_OK;
	h->m = modem_new(cfg, &mh_ops, h, &h->ts, NULL);
	h->sig = modem_signals(h->m);
	return h;
}

static inline struct mh *mh_new(void)
{
	struct modem_cfg cfg = {.speed_bps = 33600, .name = "test",
				.s0_default = 0};
	return mh_new_cfg(&cfg);
}

static inline void mh_free(struct mh *h)
{
	modem_free(h->m);
	timers_fini(&h->ts);
	sb_free(&h->dte);
	free(h);
}

/* Advance the fake clock by ms, in 1 ms steps (timers fire in order). */
static inline void mh_wait(struct mh *h, uint64_t ms)
{
	uint64_t end = timers_now(&h->ts) + ms;

	timers_advance(&h->ts, timers_now(&h->ts));
	while (timers_now(&h->ts) < end)
		timers_advance(&h->ts, timers_now(&h->ts) + 1);
}

static inline void mh_send(struct mh *h, const char *s)
{
	modem_dte_input(h->m, (const uint8_t *)s, strlen(s));
}

/* Take the DTE output so far (and forget it). */
static inline const char *mh_take(struct mh *h)
{
	static char buf[8192];

	snprintf(buf, sizeof(buf), "%s", sb_str(&h->dte));
	sb_reset(&h->dte);
	return buf;
}

/* Bring h online as the caller (ATD, answered, carrier at speed). */
static inline void mh_online(struct mh *h, uint32_t speed)
{
	mh_send(h, "ATE0\r");
	mh_send(h, "ATD5551000\r");
	mh_wait(h, 1);
	modem_answered(h->m);
	modem_carrier(h->m, speed);
	mh_take(h);
}

#endif
