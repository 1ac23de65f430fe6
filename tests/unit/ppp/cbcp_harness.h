/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cbcp_harness.h - test doubles for the CBCP unit tests (test_cbcp.c,
 * test_cbcp_client.c): a recording ops table per side, a fake link that
 * carries packets between two sides (queued or delivered inside send), a
 * fake clock and helpers that compare sent octets and debug lines exactly.
 */
#ifndef NASD_TEST_CBCP_HARNESS_H
#define NASD_TEST_CBCP_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cbcp.h"
#include "fake_log.h"

#define CBH_MAXSENT 64

/* One side of the link: a cbcp object and everything its ops saw. */
struct cbh_end {
	struct cbcp c;
	struct cbh_end *peer; /* where sent packets go; NULL: recorded only */
	bool sync;	      /* deliver inside ops->send (else queue) */
	bool drop_next;	      /* lose the next packet sent (still recorded) */
	uint8_t sent[CBH_MAXSENT][CBCP_ONE_OPT_PKT_MAX];
	size_t sent_len[CBH_MAXSENT];
	size_t nsent;
	int done_calls;
	struct cbcp_result res; /* copy of the last done() result */
	int ask_calls;
	unsigned ask_offer;
	bool answer_in_ask; /* answer from inside ops->ask */
	const char *answer; /* the number answered there */
};

extern struct timers cbh_ts;
extern struct fake_log cbh_fl;
extern struct cbh_end cbh_srv, cbh_cli;

/* Seed 001's packets: Request 20, the Responses to 20 and 25, the Ack 26. */
extern const uint8_t cbh_seed_req20[9];
extern const uint8_t cbh_seed_resp20[17];
extern const uint8_t cbh_seed_resp25[17];
extern const uint8_t cbh_seed_ack26[17];
#define CBH_SEED_SERVER_NLINES 36
extern const char *const cbh_seed_server_lines[CBH_SEED_SERVER_NLINES];

/* cmocka group setup/teardown: fresh clock at 0, fresh log, zeroed ends. */
int cbh_setup(void **state);
int cbh_teardown(void **state);

/* Seed 001's answerer ("callmeback", type 2 only, first id 20, 2 s) and
 * a Windows-like caller (PRESET "527-9651", delay 15, retransmitting). */
struct cbcp_server_cfg cbh_seed_scfg(void);
struct cbcp_client_cfg cbh_seed_ccfg(void);

/* Initialise cbh_srv / cbh_cli ("Async4"/"As4" and "Async1"/"As1"). */
void cbh_init_server(const struct cbcp_server_cfg *cfg);
void cbh_init_client(const struct cbcp_client_cfg *cfg);

/* Wire cbh_srv and cbh_cli back to back. */
void cbh_link(bool sync);

/* Deliver every queued packet (and those sent in response). */
void cbh_pump(void);

/* Move the fake clock to at_ms, running each due timer at its own deadline
 * and pumping the link after each. */
void cbh_at(uint64_t at_ms);

/* Hand one packet to a side. */
void cbh_feed(struct cbh_end *e, const uint8_t *pkt, size_t len);

/* Assert that packet number i sent by e is exactly pkt[0..len). */
void cbh_expect_sent(const struct cbh_end *e, size_t i, const uint8_t *pkt,
		     size_t len);

/* Assert that the lines logged for an interface (starting with "<ifshort> "
 * or "<ifname> ") are exactly want[0..n), in order. */
void cbh_expect_lines(const char *ifshort, const char *ifname,
		      const char *const *want, size_t n);

/* Number of log lines containing needle. */
size_t cbh_count(const char *needle);

#define CBH_FEED(e, ...)                                                       \
	cbh_feed((e), (const uint8_t[]){__VA_ARGS__},                          \
		 sizeof((const uint8_t[]){__VA_ARGS__}))
#define CBH_EXPECT_SENT(e, i, ...)                                             \
	cbh_expect_sent((e), (i), (const uint8_t[]){__VA_ARGS__},              \
			sizeof((const uint8_t[]){__VA_ARGS__}))
#define CBH_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
