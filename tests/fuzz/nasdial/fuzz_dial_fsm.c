/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for nasdial's call machine (dial_fsm.c): every input
 * octet is one event (chat results, carrier loss, authentication, PPP up
 * and down, callback agreement/refusal, signals, time passing), applied in
 * order on a fake clock.  The machine must never crash, never report an
 * exit twice, and never start a chat or a session after it is done.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dial_fsm.h"
#include "timer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned exits;
static bool done;

static void op_chat(void *c, enum dial_script w, const char *n)
{
	(void)c, (void)w, (void)n;
	if (done)
		abort();
}

static void op_nop(void *c)
{
	(void)c;
}

static void op_start(void *c, bool r)
{
	(void)c, (void)r;
	if (done)
		abort();
}

static void op_close(void *c, const char *r)
{
	(void)c, (void)r;
}

static void op_exit(void *c, enum dial_exit e, const char *m)
{
	(void)c, (void)e, (void)m;
	exits++;
	done = true;
}

static const struct dial_fsm_ops ops = {
	.chat = op_chat,
	.hangup = op_nop,
	.ppp_start = op_start,
	.ppp_close = op_close,
	.ppp_lower_down = op_nop,
	.changed = op_nop,
	.exit = op_exit,
};

static const char *const whys[] = {"BUSY",	  "NO CARRIER", "NO ANSWER",
				   "NO DIALTONE", "ERROR",	"CONNECT",
				   "OK",	  "RING"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timers ts;
	struct dial_fsm fsm;
	struct dial_fsm_cfg cfg;

	if (size < 1)
		return 0;
	exits = 0;
	done = false;
	timers_init(&ts, 0);
	dial_fsm_cfg_default(&cfg);
	strcpy(cfg.number, "5551");
	cfg.answer = data[0] & 1;
	cfg.expect_callback = data[0] & 2;
	cfg.callback_strict = data[0] & 4;
	cfg.persist = data[0] & 8;
	cfg.up_for_ms = (data[0] & 16) ? 3000 : 0;
	dial_fsm_init(&fsm, &cfg, &ops, NULL, &ts, NULL);
	dial_fsm_start(&fsm);
	for (size_t i = 1; i < size; i++) {
		uint8_t b = data[i];
		const char *why = whys[(b >> 4) & 7];
		switch (b & 15) {
		case 0:
			dial_fsm_chat_done(&fsm, CHAT_SUCCESS, "");
			break;
		case 1:
			dial_fsm_chat_done(&fsm, CHAT_ABORTED, why);
			break;
		case 2:
			dial_fsm_chat_done(&fsm, CHAT_TIMEOUT, why);
			break;
		case 3:
			dial_fsm_carrier_lost(&fsm);
			break;
		case 4:
			dial_fsm_auth(&fsm, b & 16);
			break;
		case 5:
			dial_fsm_ppp_up(&fsm);
			break;
		case 6:
			dial_fsm_ppp_down(&fsm, why);
			break;
		case 7:
			dial_fsm_callback_agreed(&fsm, why, b >> 4);
			break;
		case 8:
			dial_fsm_callback_rejected(&fsm, why);
			break;
		case 9:
			dial_fsm_callback_failed(&fsm, why);
			break;
		case 10:
			dial_fsm_callback_offered(&fsm, b);
			break;
		case 11:
			dial_fsm_stop(&fsm);
			break;
		case 12:
			dial_fsm_abort(&fsm, DIAL_EXIT_SETUP, why);
			break;
		default:
			timers_advance(&ts, timers_now(&ts) +
						    (uint64_t)(b >> 4) * 1000);
			break;
		}
		if (exits > 1)
			abort();
	}
	dial_fsm_fini(&fsm);
	timers_fini(&ts);
	return 0;
}
