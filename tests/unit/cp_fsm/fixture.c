/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fixture.c - one automaton on a fake clock (see fixture.h).  The state
 * set-ups use only the public API, so they double as checks that every
 * state is reachable the way the RFC describes.
 */
#include "fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <string.h>
#include <cmocka.h>

/* The options our fake asks for: Value 5. */
const uint8_t our_opts[FIXTURE_OPTS_LEN] = {FAKE_OPT_VALUE, 6, 0, 0, 0, 5};
/* The peer's request: Value 9. */
const uint8_t peer_opts[FIXTURE_OPTS_LEN] = {FAKE_OPT_VALUE, 6, 0, 0, 0, 9};

void fx_init(struct fx *fx, bool silent)
{
	struct fake_policy pol = {.value = 5, .accept = 0};

	memset(fx, 0, sizeof(*fx));
	timers_init(&fx->ts, 0);
	fake_log_init(&fx->log);
	cp_fsm_cfg_default(&fx->cfg);
	fx->cfg.restart_ms = RESTART_MS;
	fx->cfg.max_configure = MAX_CONFIGURE;
	fx->cfg.max_terminate = MAX_TERMINATE;
	fx->cfg.max_failure = MAX_FAILURE;
	fx->cfg.silent = silent;
	fake_proto_init(&fx->fp, "As1", "FAKE", &pol, &fx->ts, &fx->log.lg,
			&fx->cfg);
}

void fx_fini(struct fx *fx)
{
	fake_proto_fini(&fx->fp);
	timers_fini(&fx->ts);
	fake_log_fini(&fx->log);
}

struct cp_fsm *fsm_of(struct fx *fx)
{
	return &fx->fp.fsm;
}

void feed(struct fx *fx, uint8_t code, uint8_t id, const uint8_t *d, size_t n)
{
	fx->rx_len = fake_pkt_build(fx->rx, code, id, d, n);
	cp_fsm_input(fsm_of(fx), fx->rx, fx->rx_len);
}

void feed_confreq(struct fx *fx, uint8_t verdict)
{
	fx->fp.pol.verdict = verdict;
	feed(fx, CP_CONFREQ, PEER_REQ_ID, peer_opts, sizeof(peer_opts));
}

/* An answer to our outstanding Configure-Request. */
void feed_reply(struct fx *fx, uint8_t code)
{
	feed(fx, code, fsm_of(fx)->reqid, our_opts, sizeof(our_opts));
}

void tick(struct fx *fx)
{
	timers_advance(&fx->ts, timers_now(&fx->ts) + RESTART_MS);
}

/* Spend the Restart counter without leaving the state, so that the next
 * expiry is TO-. */
static void exhaust(struct fx *fx)
{
	enum cp_state st = fsm_of(fx)->state;

	for (int i = 0; i < 20 && fsm_of(fx)->restart_count > 0; i++) {
		tick(fx);
		assert_int_equal(fsm_of(fx)->state, st);
	}
	assert_int_equal(fsm_of(fx)->restart_count, 0);
}

void tick_until(struct fx *fx, enum cp_state st)
{
	for (int i = 0; i < 20 && fsm_of(fx)->state != st; i++)
		tick(fx);
	assert_int_equal(fsm_of(fx)->state, st);
}

/*
 * Bring the automaton into `st` through the public API only.  Every path
 * except Ack-Rcvd and Opened leaves our last Configure-Request unanswered,
 * so Configure-Ack/Nak can be fed as real packets in those states.  With
 * `spent`, the Restart counter is at zero (the next expiry is TO-).
 */
void goto_state(struct fx *fx, enum cp_state st, bool spent)
{
	struct cp_fsm *fsm = fsm_of(fx);
	struct cp_fsm_cfg cfg;

	switch (st) {
	case CP_INITIAL:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		cp_fsm_down(fsm);
		cp_fsm_close(fsm, NULL);
		break;
	case CP_STARTING:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		cp_fsm_down(fsm);
		break;
	case CP_CLOSED:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		cp_fsm_close(fsm, NULL);
		tick_until(fx, CP_CLOSED);
		break;
	case CP_STOPPED:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		tick_until(fx, CP_STOPPED);
		break;
	case CP_CLOSING:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		cp_fsm_close(fsm, NULL);
		break;
	case CP_STOPPING:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		cp_fsm_close(fsm, NULL);
		cp_fsm_open(fsm);
		break;
	case CP_REQSENT:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		break;
	case CP_ACKRCVD:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		if (spent) {
			/* irc on the Ack would refill the counter: let it
			 * refill with zero (a Max-Configure of 0). */
			cfg = fx->cfg;
			cfg.max_configure = 0;
			cp_fsm_set_cfg(fsm, &cfg);
		}
		feed_reply(fx, CP_CONFACK);
		cp_fsm_set_cfg(fsm, &fx->cfg);
		break;
	case CP_ACKSENT:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		feed_confreq(fx, CP_CONFACK);
		break;
	case CP_OPENED:
		cp_fsm_up(fsm);
		cp_fsm_open(fsm);
		feed_reply(fx, CP_CONFACK);
		feed_confreq(fx, CP_CONFACK);
		break;
	case CP_STATE__COUNT:
		fail();
	}
	assert_int_equal(fsm->state, st);
	if (spent && timer_armed(&fsm->restart) && st != CP_ACKRCVD)
		exhaust(fx);
	fx->fp.pol.verdict = 0;
}
