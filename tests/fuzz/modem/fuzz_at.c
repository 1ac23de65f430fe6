/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_at - arbitrary DTE bytes, DTR changes, switch events and time
 * through the modem core.  The input is a sequence of records: one
 * control octet, then (for DTE data) a length octet and the bytes.
 * The ops answer a dial with a result chosen by the input.  Nothing may
 * crash, leak or trip a sanitizer, and the modem must stay in a valid
 * state with a transmit queue within its bounds.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "modem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz {
	enum modem_result dial_res;
	size_t out;
};

static void f_write(void *arg, const uint8_t *d, size_t n)
{
	(void)d;
	((struct fz *)arg)->out += n;
}
static void f_signals(void *arg, unsigned sig)
{
	(void)arg;
	(void)sig;
}
static enum modem_result f_dial(void *arg, const char *number)
{
	assert(strlen(number) > 0);
	return ((struct fz *)arg)->dial_res;
}
static void f_nop(void *arg)
{
	(void)arg;
}
static void f_line(void *arg, const uint8_t *d, size_t n)
{
	(void)arg;
	(void)d;
	(void)n;
}

static const struct modem_ops ops = {f_write, f_signals, f_dial,
				     f_nop,   f_nop,     f_line};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum modem_result results[] = {
		MODEM_RES_OK, MODEM_RES_BUSY, MODEM_RES_NO_DIALTONE,
		MODEM_RES_NO_CARRIER};
	struct modem_cfg cfg = {.speed_bps = 33600, .latency_ms = 30,
				.ber = 0.001, .seed = 3, .s0_default = 1,
				.name = "fuzz"};
	struct timers ts;
	struct fz fz = {MODEM_RES_OK, 0};
	struct modem *m;
	size_t i = 0;

	timers_init(&ts, 0);
	m = modem_new(&cfg, &ops, &fz, &ts, NULL);
	if (!m)
		return 0;
	while (i < size) {
		uint8_t op = data[i++];
		struct modem_status st;

		switch (op & 0x0f) {
		case 0:
		case 1:
		case 2:
		case 3: { /* DTE bytes */
			size_t n = i < size ? data[i++] : 0;

			if (n > size - i)
				n = size - i;
			modem_dte_input(m, data + i, n);
			i += n;
			break;
		}
		case 4:
			modem_set_dtr(m, op & 0x10);
			break;
		case 5:
			modem_offer(m);
			break;
		case 6:
			modem_answered(m);
			break;
		case 7:
			modem_carrier(m, (op >> 4) * 2400u);
			break;
		case 8:
			modem_release(m, (op & 0x10) ? MODEM_RES_BUSY
						     : MODEM_RES_NO_CARRIER);
			break;
		case 9:
			modem_line_input(m, data + i, size - i > 8 ? 8 : size - i);
			break;
		case 10:
			fz.dial_res = results[(op >> 4) & 3];
			break;
		default: /* time passes: up to ~60 s in uneven steps */
			timers_advance(&ts, timers_now(&ts) +
						    (uint64_t)(op >> 4) * (op >> 4) *
							    250 +
						    1);
			break;
		}
		modem_get_status(m, &st);
		assert((unsigned)st.state < MODEM_STATE__COUNT);
		assert(st.txq_octets <= 8192);
	}
	timers_advance(&ts, timers_now(&ts) + 120000);
	modem_free(m);
	timers_fini(&ts);
	return 0;
}
