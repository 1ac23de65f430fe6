/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modem.c - the modem's call states (modem.h): creation and factory
 * settings, DTR per AT&D, ringing with S0 auto-answer, dialling with the
 * dial-string pauses, the S7 wait for carrier, the `+++` escape with S12
 * guard times, and the events the switch sends (answered, carrier,
 * release).  The AT interpreter is modem_at.c, the DTE text
 * modem_result.c, the line side modem_xmit.c.
 */
#include "modem_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[] = {
#define MODEM_STATE_NAME(e, s) s,
	MODEM_STATES(MODEM_STATE_NAME)
#undef MODEM_STATE_NAME
};
_Static_assert(sizeof(state_names) / sizeof(state_names[0]) ==
		       MODEM_STATE__COUNT,
	       "one name per modem state");

const char *modem_state_name(enum modem_state s)
{
	return (unsigned)s < MODEM_STATE__COUNT ? state_names[s] : "?";
}

bool modem_dbg(const struct modem *modem, unsigned bit)
{
	return modem->cfg.debug && (*modem->cfg.debug & bit) &&
	       modem->lg != NULL;
}

#define MDBG(m, bit, fmt, ...)                                                 \
	do {                                                                   \
		if (modem_dbg((m), (bit)))                                     \
			log_printf((m)->lg, LOG_LVL_DEBUG, "%s: " fmt,         \
				   (m)->name, __VA_ARGS__);                    \
	} while (0)

void modem_factory(struct modem_profile *p, uint8_t s0)
{
	memset(p, 0, sizeof(*p));
	p->echo = true;
	p->verbose = true;
	p->quiet = false;
	p->x_level = 4;
	p->amp_c = 1;
	p->amp_d = 2;
	p->sreg[SR_RINGS_ANSWER] = s0;
	p->sreg[SR_ESCAPE] = '+';
	p->sreg[SR_CR] = '\r';
	p->sreg[SR_LF] = '\n';
	p->sreg[SR_BS] = 8;
	p->sreg[SR_BLIND_WAIT] = 2;
	p->sreg[SR_CARRIER_WAIT] = 50;
	p->sreg[SR_COMMA] = 2;
	p->sreg[SR_CD_TIME] = 6;
	p->sreg[SR_LOSS_DELAY] = 14;
	p->sreg[11] = 95; /* DTMF tone duration, ms (kept) */
	p->sreg[SR_GUARD] = 50;
}

static bool in_call(const struct modem *modem)
{
	return modem->state == MODEM_CALLING ||
	       modem->state == MODEM_TRAINING ||
	       modem->state == MODEM_ONLINE || modem->state == MODEM_ONLINE_CMD;
}

static bool carrier(const struct modem *modem)
{
	return modem->state == MODEM_ONLINE || modem->state == MODEM_ONLINE_CMD;
}

void modem_sig_update(struct modem *modem)
{
	unsigned sig = MODEM_SIG_DSR;

	if (!modem->cts_off)
		sig |= MODEM_SIG_CTS;
	if (modem->p.amp_c == 0 || carrier(modem))
		sig |= MODEM_SIG_DCD;
	if (timer_armed(&modem->t_ri))
		sig |= MODEM_SIG_RI;
	if (sig == modem->sig)
		return;
	MDBG(modem, MODEM_DBG_SIGNALS, "signals DCD=%d DSR=%d RI=%d CTS=%d",
	     !!(sig & MODEM_SIG_DCD), !!(sig & MODEM_SIG_DSR),
	     !!(sig & MODEM_SIG_RI), !!(sig & MODEM_SIG_CTS));
	modem->sig = sig;
	if (modem->ops->signals)
		modem->ops->signals(modem->arg, sig);
}

static void stop_ringing(struct modem *modem)
{
	modem->ringing = false;
	timer_cancel(&modem->t_ring);
	timer_cancel(&modem->t_ri);
}

void modem_go_idle(struct modem *modem, bool hangup_op)
{
	enum modem_state was = modem->state;

	timer_cancel(&modem->t_dial);
	timer_cancel(&modem->t_s7);
	timer_cancel(&modem->t_guard);
	modem_xmit_reset(modem);
	modem->state = MODEM_IDLE;
	modem->speed_bps = 0;
	modem->dial_stay_cmd = false;
	modem->answering = false;
	modem->esc_count = 0;
	if (was != MODEM_IDLE)
		MDBG(modem, MODEM_DBG_CALL, "on hook (was %s)",
		     modem_state_name(was));
	modem_sig_update(modem);
	if (hangup_op && modem->ops->hangup)
		modem->ops->hangup(modem->arg);
}

/* S7: seconds to wait for carrier, from ATD or the answer; 0 = forever. */
static void arm_s7(struct modem *modem)
{
	unsigned s7 = modem->p.sreg[SR_CARRIER_WAIT];

	if (s7)
		timer_arm(&modem->t_s7, (uint64_t)s7 * 1000);
	else
		timer_cancel(&modem->t_s7);
}

static void s7_expired(void *arg)
{
	struct modem *modem = arg;

	switch (modem->state) {
	case MODEM_DIALING:
		modem_result(modem, MODEM_RES_NO_CARRIER);
		modem_go_idle(modem, false);
		break;
	case MODEM_CALLING:
		/* The far end rang and nobody answered. */
		MDBG(modem, MODEM_DBG_CALL, "%s", "S7 expired: no answer");
		modem_result(modem, MODEM_RES_NO_ANSWER);
		modem_go_idle(modem, true);
		break;
	case MODEM_TRAINING:
		MDBG(modem, MODEM_DBG_CALL, "%s", "S7 expired: no carrier");
		modem_result(modem, MODEM_RES_NO_CARRIER);
		modem_go_idle(modem, true);
		break;
	default:
		break;
	}
}

void modem_do_answer(struct modem *modem)
{
	if (!modem->ringing) {
		modem_result(modem, MODEM_RES_NO_CARRIER);
		return;
	}
	stop_ringing(modem);
	modem->state = MODEM_TRAINING;
	modem->answering = true;
	MDBG(modem, MODEM_DBG_CALL, "answering after %u ring(s)",
	     modem->p.sreg[SR_RING_COUNT]);
	arm_s7(modem);
	modem_sig_update(modem);
	if (modem->ops->answer)
		modem->ops->answer(modem->arg);
}

static bool may_auto_answer(const struct modem *modem)
{
	return modem->dtr || modem->p.amp_d < 2;
}

static void ri_done(void *arg)
{
	modem_sig_update(arg);
}

static void ring_tick(void *arg)
{
	struct modem *modem = arg;
	unsigned s0 = modem->p.sreg[SR_RINGS_ANSWER];

	if (!modem->ringing || modem->state != MODEM_IDLE)
		return;
	if (modem->p.sreg[SR_RING_COUNT] < 255)
		modem->p.sreg[SR_RING_COUNT]++;
	timer_arm(&modem->t_ri, MODEM_RI_ON_MS);
	modem_sig_update(modem);
	modem_result(modem, MODEM_RES_RING);
	if (s0 && modem->p.sreg[SR_RING_COUNT] >= s0 && may_auto_answer(modem))
		modem_do_answer(modem);
	else
		timer_arm(&modem->t_ring, MODEM_RING_PERIOD_MS);
}

int modem_offer(struct modem *modem)
{
	if (modem->state != MODEM_IDLE || modem->ringing)
		return -EBUSY;
	modem->ringing = true;
	modem->p.sreg[SR_RING_COUNT] = 0;
	MDBG(modem, MODEM_DBG_CALL, "%s", "incoming call, ringing");
	/* The first RING comes from the timer, never from inside the
	 * switch's call into us. */
	timer_arm(&modem->t_ring, 0);
	return 0;
}

static void dial_done(void *arg)
{
	struct modem *modem = arg;
	enum modem_result res;

	if (modem->state != MODEM_DIALING)
		return;
	MDBG(modem, MODEM_DBG_CALL, "dialing %s", modem->dial_number);
	res = modem->ops->dial ? modem->ops->dial(modem->arg,
						  modem->dial_number)
			       : MODEM_RES_NO_DIALTONE;
	if (res != MODEM_RES_OK) {
		MDBG(modem, MODEM_DBG_CALL, "call failed: %s",
		     modem_result_name(res));
		modem_result(modem, res);
		modem_go_idle(modem, false);
		return;
	}
	modem->state = MODEM_CALLING;
	if (modem->dial_stay_cmd) {
		/* ATD...; : back to command mode, the call goes on. */
		timer_cancel(&modem->t_s7);
		modem_result(modem, MODEM_RES_OK);
	}
}

void modem_start_dial(struct modem *modem, const char *number, bool stay,
		      uint64_t pause_ms)
{
	snprintf(modem->dial_number, sizeof(modem->dial_number), "%s",
		 number);
	modem->state = MODEM_DIALING;
	modem->dial_stay_cmd = stay;
	arm_s7(modem);
	/* The switch is asked once the dial string's pauses have passed;
	 * always from the timer, even without a pause. */
	timer_arm(&modem->t_dial, pause_ms);
}

static void guard_done(void *arg)
{
	struct modem *modem = arg;

	if (modem->state != MODEM_ONLINE || modem->esc_count != 3)
		return;
	modem->esc_count = 0;
	modem->state = MODEM_ONLINE_CMD;
	MDBG(modem, MODEM_DBG_CALL, "%s", "escape: online command mode");
	modem_result(modem, MODEM_RES_OK);
}

/* Watch one online DTE byte for the escape sequence: S2 three times,
 * preceded by S12 of silence, each within S12 of the previous one, and
 * followed by S12 of silence (the guard timer). */
static void escape_watch(struct modem *modem, uint8_t c, uint64_t now)
{
	uint64_t guard = (uint64_t)modem->p.sreg[SR_GUARD] * 20;
	unsigned esc = modem->p.sreg[SR_ESCAPE];

	if (modem->esc_count == 3) {
		timer_cancel(&modem->t_guard);
		modem->esc_count = 0;
	}
	if (esc <= 127 && c == esc) {
		if (modem->esc_count > 0 && now - modem->last_esc_ms > guard)
			modem->esc_count = 0;
		if (modem->esc_count > 0 ||
		    now - modem->last_dte_ms >= guard) {
			modem->esc_count++;
			modem->last_esc_ms = now;
			if (modem->esc_count == 3)
				timer_arm(&modem->t_guard, guard);
		}
	} else {
		modem->esc_count = 0;
	}
	modem->last_dte_ms = now;
}

void modem_dte_input(struct modem *modem, const uint8_t *data, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint8_t c = data[i];

		switch (modem->state) {
		case MODEM_ONLINE: {
			uint64_t now = timers_now(modem->ts);
			size_t j;

			for (j = i; j < len; j++)
				escape_watch(modem, data[j], now);
			modem_xmit_queue(modem, data + i, len - i);
			return;
		}
		case MODEM_DIALING:
		case MODEM_TRAINING:
		case MODEM_CALLING:
			if (modem->state == MODEM_CALLING &&
			    modem->dial_stay_cmd) {
				modem_at_byte(modem, c);
				break;
			}
			/* Any key aborts a call attempt.  LF is let through:
			 * terminals send CR LF after the ATD line. */
			if (c == modem->p.sreg[SR_LF]) {
				break;
			}
			MDBG(modem, MODEM_DBG_CALL, "%s",
			     "call attempt aborted by the DTE");
			modem_result(modem, MODEM_RES_NO_CARRIER);
			modem_go_idle(modem, modem->state != MODEM_DIALING);
			return;
		default:
			modem_at_byte(modem, c);
			break;
		}
		i++;
	}
}

void modem_set_dtr(struct modem *modem, bool on)
{
	if (modem->dtr == on)
		return;
	modem->dtr = on;
	MDBG(modem, MODEM_DBG_SIGNALS, "DTR %s", on ? "up" : "down");
	if (on)
		return;
	switch (modem->p.amp_d) {
	case 0:
		break;
	case 1:
		if (modem->state == MODEM_ONLINE) {
			modem->esc_count = 0;
			timer_cancel(&modem->t_guard);
			modem->state = MODEM_ONLINE_CMD;
			modem_result(modem, MODEM_RES_OK);
		}
		break;
	default:
		/* &D2 (and &D3): hang up and return to command mode.  The
		 * DTE has gone, so there is nobody to tell. */
		if (modem->state != MODEM_IDLE)
			modem_go_idle(modem, in_call(modem));
		modem->cmd_len = 0;
		modem->cmd_got_a = false;
		if (modem->p.amp_d == 3) {
			modem->p = modem->stored;
			modem_sig_update(modem);
		}
		break;
	}
}

void modem_answered(struct modem *modem)
{
	if (modem->state != MODEM_CALLING)
		return;
	MDBG(modem, MODEM_DBG_CALL, "%s", "far end answered, training");
	modem->state = MODEM_TRAINING;
	modem->answering = false;
}

void modem_carrier(struct modem *modem, uint32_t speed_bps)
{
	uint64_t now = timers_now(modem->ts);

	if (modem->state != MODEM_TRAINING || speed_bps == 0)
		return;
	if (speed_bps > modem->cfg.speed_bps)
		speed_bps = modem->cfg.speed_bps;
	timer_cancel(&modem->t_s7);
	modem->speed_bps = speed_bps;
	modem->state = MODEM_ONLINE;
	modem->dial_stay_cmd = false;
	modem->last_dte_ms = now;
	modem->esc_count = 0;
	modem->next_byte_ns = now * 1000000;
	MDBG(modem, MODEM_DBG_CALL, "carrier at %u bit/s", speed_bps);
	modem_sig_update(modem);
	modem_result_connect(modem);
}

void modem_release(struct modem *modem, enum modem_result res)
{
	if (modem->ringing && modem->state == MODEM_IDLE) {
		MDBG(modem, MODEM_DBG_CALL, "%s", "caller gave up, ringing stops");
		stop_ringing(modem);
		modem_sig_update(modem);
		return;
	}
	if (modem->state == MODEM_IDLE || modem->state == MODEM_OFFHOOK)
		return;
	MDBG(modem, MODEM_DBG_CALL, "released by the network: %s",
	     modem_result_name(res));
	modem_result(modem, res);
	modem_go_idle(modem, false);
}

void modem_line_input(struct modem *modem, const uint8_t *data, size_t len)
{
	if (modem->state != MODEM_ONLINE) {
		modem->rx_dropped += len;
		return;
	}
	modem->rx_octets += len;
	if (!(modem->cfg.ber > 0.0)) {
		modem_dte_out(modem, data, len);
		return;
	}
	while (len > 0) {
		uint8_t buf[1024];
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		memcpy(buf, data, n);
		modem_xmit_noise(modem, buf, n);
		modem_dte_out(modem, buf, n);
		data += n;
		len -= n;
	}
}

unsigned modem_signals(const struct modem *modem)
{
	return modem->sig;
}

enum modem_state modem_get_state(const struct modem *modem)
{
	return modem->state;
}

bool modem_busy(const struct modem *modem)
{
	return modem->state != MODEM_IDLE || modem->ringing;
}

unsigned modem_sreg(const struct modem *modem, unsigned n)
{
	return n < MODEM_NSREGS ? modem->p.sreg[n] : 0;
}

void modem_get_status(const struct modem *modem, struct modem_status *st)
{
	memset(st, 0, sizeof(*st));
	st->state = modem->state;
	st->ringing = modem->ringing;
	st->dtr = modem->dtr;
	st->signals = modem->sig;
	st->speed_bps = modem->speed_bps;
	st->echo = modem->p.echo;
	st->verbose = modem->p.verbose;
	st->quiet = modem->p.quiet;
	st->x_level = modem->p.x_level;
	st->amp_c = modem->p.amp_c;
	st->amp_d = modem->p.amp_d;
	memcpy(st->sreg, modem->p.sreg, sizeof(st->sreg));
	st->tx_octets = modem->tx_octets;
	st->rx_octets = modem->rx_octets;
	st->tx_dropped = modem->tx_dropped;
	st->rx_dropped = modem->rx_dropped;
	st->bits_flipped = modem->bits_flipped;
	st->txq_octets = modem->txq_len;
	/* Truncated to what `show modem` prints. */
	memcpy(st->last_cmd, modem->last_cmd, sizeof(st->last_cmd) - 1);
	st->last_cmd[sizeof(st->last_cmd) - 1] = '\0';
}

static void copy_cfg(struct modem *modem, const struct modem_cfg *cfg)
{
	modem->cfg = *cfg;
	if (modem->cfg.speed_bps == 0)
		modem->cfg.speed_bps = 33600;
	snprintf(modem->name, sizeof(modem->name), "%s",
		 cfg->name ? cfg->name : "modem");
	modem->cfg.name = modem->name;
	modem->rng = cfg->seed ? cfg->seed : 1;
}

struct modem *modem_new(const struct modem_cfg *cfg,
			const struct modem_ops *ops, void *arg,
			struct timers *ts, struct logger *lg)
{
	struct modem *modem = calloc(1, sizeof(*modem));

	if (!modem)
		return NULL;
	copy_cfg(modem, cfg);
	modem->ops = ops;
	modem->arg = arg;
	modem->ts = ts;
	modem->lg = lg;
	modem_factory(&modem->p, cfg->s0_default);
	modem->stored = modem->p;
	timer_init(&modem->t_ring, ts, ring_tick, modem);
	timer_init(&modem->t_ri, ts, ri_done, modem);
	timer_init(&modem->t_dial, ts, dial_done, modem);
	timer_init(&modem->t_s7, ts, s7_expired, modem);
	timer_init(&modem->t_guard, ts, guard_done, modem);
	modem_xmit_init(modem);
	modem->sig = MODEM_SIG_DSR | MODEM_SIG_CTS;
	return modem;
}

void modem_reconfigure(struct modem *modem, const struct modem_cfg *cfg)
{
	const unsigned *debug = modem->cfg.debug;

	copy_cfg(modem, cfg);
	if (!cfg->debug)
		modem->cfg.debug = debug;
}

void modem_free(struct modem *modem)
{
	if (!modem)
		return;
	timer_cancel(&modem->t_ring);
	timer_cancel(&modem->t_ri);
	timer_cancel(&modem->t_dial);
	timer_cancel(&modem->t_s7);
	timer_cancel(&modem->t_guard);
	modem_xmit_fini(modem);
	free(modem);
}

