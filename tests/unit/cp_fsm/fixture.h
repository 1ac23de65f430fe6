/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fixture.h - one automaton with the fake protocol on a fake clock, and the
 * ways to bring it into each RFC 1661 state through the public API (shared
 * by the cp_fsm unit test programs).
 */
#ifndef NASD_TEST_CP_FSM_FIXTURE_H
#define NASD_TEST_CP_FSM_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cp_fsm.h"
#include "fake_log.h"
#include "fake_proto.h"
#include "timer.h"

#define RESTART_MS 1000
#define MAX_CONFIGURE 3
#define MAX_TERMINATE 2
#define MAX_FAILURE 2

/* Identifier of the peer's Configure-Request in feed_confreq(). */
#define PEER_REQ_ID 0x50
#define FIXTURE_OPTS_LEN 6
/* The options the fake asks for (Value 5), and the peer's (Value 9). */
extern const uint8_t our_opts[FIXTURE_OPTS_LEN];
extern const uint8_t peer_opts[FIXTURE_OPTS_LEN];

struct fx {
	struct timers ts;
	struct fake_log log;
	struct fake_proto fp;
	struct cp_fsm_cfg cfg;
	uint8_t rx[CP_PKT_MAX + 200]; /* last packet fed to cp_fsm_input */
	size_t rx_len;
};

/* Automaton "As1 FAKE" in Initial, every debug switch on. */
void fx_init(struct fx *fx, bool silent);
void fx_fini(struct fx *fx);
struct cp_fsm *fsm_of(struct fx *fx);
/* Feed a packet built from code, id and data (kept in fx->rx). */
void feed(struct fx *fx, uint8_t code, uint8_t id, const uint8_t *d, size_t n);
/* The peer's Configure-Request, judged with the given forced verdict. */
void feed_confreq(struct fx *fx, uint8_t verdict);
/* An answer to our outstanding Configure-Request, carrying our_opts. */
void feed_reply(struct fx *fx, uint8_t code);
/* Move the clock one Restart period on. */
void tick(struct fx *fx);
/* Tick (at most 20 times) until the automaton is in st. */
void tick_until(struct fx *fx, enum cp_state st);
/* Bring the automaton into st; with `spent` the Restart counter is zero. */
void goto_state(struct fx *fx, enum cp_state st, bool spent);

#endif
