/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modem_xmit.c - the line side of the modem core: DTE bytes sent online
 * wait in a transmit queue and leave at the connect speed (8N1: speed/10
 * octets per second), then each bit flips with the configured bit-error
 * rate (a seeded xorshift64* generator, so a test run is repeatable), and
 * the block reaches the far modem after the configured latency.  Bytes
 * received from the far modem get the same bit-error rate (the line's
 * local loop is noisy both ways); latency is one-way, on what the line
 * sends.  CTS
 * drops while the queue is above its high mark, so a DTE that honours
 * flow control is slowed down instead of losing data.
 */
#include "modem_int.h"

#include <stdlib.h>
#include <string.h>

/* The pacer sends in blocks at most this often: 33600 bit/s is ~34 octets
 * per tick, which keeps the event loop calm and the rate exact. */
#define PACE_TICK_MS 10

static void pace_tick(void *arg);
static void flight_tick(void *arg);

static uint64_t rng_next(struct modem *modem)
{
	uint64_t x = modem->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	modem->rng = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [0, 1). */
static double rng_unit(struct modem *modem)
{
	return (double)(rng_next(modem) >> 11) * (1.0 / 9007199254740992.0);
}

void modem_xmit_noise(struct modem *modem, uint8_t *data, size_t len)
{
	double ber = modem->cfg.ber;

	if (!(ber > 0.0))
		return;
	for (size_t i = 0; i < len; i++)
		for (unsigned b = 0; b < 8; b++)
			if (rng_unit(modem) < ber) {
				data[i] ^= (uint8_t)(1u << b);
				modem->bits_flipped++;
			}
}

void modem_xmit_init(struct modem *modem)
{
	timer_init(&modem->t_pace, modem->ts, pace_tick, modem);
	timer_init(&modem->t_fl, modem->ts, flight_tick, modem);
}

void modem_xmit_reset(struct modem *modem)
{
	struct modem_seg *s = modem->fl_head;

	timer_cancel(&modem->t_pace);
	timer_cancel(&modem->t_fl);
	while (s) {
		struct modem_seg *next = s->next;
		free(s);
		s = next;
	}
	modem->fl_head = modem->fl_tail = NULL;
	modem->txq_head = modem->txq_len = 0;
	modem->cts_off = false;
}

void modem_xmit_fini(struct modem *modem)
{
	modem_xmit_reset(modem);
}

static void deliver(struct modem *modem, const uint8_t *data, size_t len)
{
	if (modem->ops->line_tx)
		modem->ops->line_tx(modem->arg, data, len);
}

static void flight_tick(void *arg)
{
	struct modem *modem = arg;
	uint64_t now = timers_now(modem->ts);

	while (modem->fl_head && modem->fl_head->due_ms <= now) {
		struct modem_seg *s = modem->fl_head;

		modem->fl_head = s->next;
		if (!modem->fl_head)
			modem->fl_tail = NULL;
		deliver(modem, s->data, s->len);
		free(s);
		/* The op may have ended the call (and reset the queue). */
	}
	if (modem->fl_head)
		timer_arm(&modem->t_fl, modem->fl_head->due_ms - now);
}

static void send_block(struct modem *modem, uint8_t *data, size_t len)
{
	struct modem_seg *s;
	uint64_t now = timers_now(modem->ts);

	modem_xmit_noise(modem, data, len);
	modem->tx_octets += len;
	if (modem->cfg.latency_ms == 0) {
		deliver(modem, data, len);
		return;
	}
	s = malloc(sizeof(*s) + len);
	if (!s) {
		modem->tx_dropped += len;
		return;
	}
	s->next = NULL;
	s->due_ms = now + modem->cfg.latency_ms;
	s->len = len;
	memcpy(s->data, data, len);
	if (modem->fl_tail)
		modem->fl_tail->next = s;
	else
		modem->fl_head = s;
	modem->fl_tail = s;
	if (!timer_armed(&modem->t_fl))
		timer_arm(&modem->t_fl, modem->cfg.latency_ms);
}

static void pace_tick(void *arg)
{
	struct modem *modem = arg;
	uint64_t now_ns = timers_now(modem->ts) * 1000000;
	uint64_t byte_ns;
	uint8_t block[MODEM_TXQ_MAX];
	size_t n = 0;

	if (modem->speed_bps == 0 || modem->txq_len == 0)
		return;
	byte_ns = 10000000000ULL / modem->speed_bps;
	if (byte_ns == 0)
		byte_ns = 1;
	if (modem->next_byte_ns <= now_ns) {
		uint64_t due = (now_ns - modem->next_byte_ns) / byte_ns + 1;

		n = due < modem->txq_len ? (size_t)due : modem->txq_len;
		modem->next_byte_ns += (uint64_t)n * byte_ns;
	}
	for (size_t i = 0; i < n; i++) {
		block[i] = modem->txq[modem->txq_head];
		modem->txq_head = (modem->txq_head + 1) % MODEM_TXQ_MAX;
	}
	modem->txq_len -= n;
	if (modem->cts_off && modem->txq_len <= MODEM_TXQ_LOW) {
		modem->cts_off = false;
		modem_sig_update(modem);
	}
	if (modem->txq_len) {
		uint64_t wait_ns = modem->next_byte_ns > now_ns
					   ? modem->next_byte_ns - now_ns
					   : 0;
		uint64_t wait_ms = (wait_ns + 999999) / 1000000;

		timer_arm(&modem->t_pace,
			  wait_ms < PACE_TICK_MS ? PACE_TICK_MS : wait_ms);
	}
	if (n)
		send_block(modem, block, n);
}

void modem_xmit_queue(struct modem *modem, const uint8_t *data, size_t len)
{
	uint64_t now_ns = timers_now(modem->ts) * 1000000;
	size_t room = MODEM_TXQ_MAX - modem->txq_len;
	size_t n = len < room ? len : room;

	modem->tx_dropped += len - n;
	for (size_t i = 0; i < n; i++) {
		size_t at = (modem->txq_head + modem->txq_len + i) %
			    MODEM_TXQ_MAX;
		modem->txq[at] = data[i];
	}
	modem->txq_len += n;
	if (!modem->cts_off && modem->txq_len >= MODEM_TXQ_HIGH) {
		modem->cts_off = true;
		modem_sig_update(modem);
	}
	if (!timer_armed(&modem->t_pace) && modem->txq_len) {
		/* An idle line has no credit saved up: the first byte leaves
		 * now, the next ones at the line rate. */
		if (modem->next_byte_ns < now_ns)
			modem->next_byte_ns = now_ns;
		timer_arm(&modem->t_pace, 0);
	}
}
