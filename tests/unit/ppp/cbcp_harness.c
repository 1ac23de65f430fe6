/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cbcp_harness.c - the fake link, recording ops and assertions shared by
 * the CBCP unit tests (see cbcp_harness.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cbcp_harness.h"

struct timers cbh_ts;
struct fake_log cbh_fl;
struct cbh_end cbh_srv, cbh_cli;

/* Seed 001, 01:25:20.243: "Async4 MCB: O 1 14 0 9 2 5 0 1 0". */
const uint8_t cbh_seed_req20[] = {0x01, 0x14, 0x00, 0x09, 0x02,
				  0x05, 0x00, 0x01, 0x00};
/* 01:25:29.763: the Response to Request 20 (type 2, delay 15). */
const uint8_t cbh_seed_resp20[] = {0x02, 0x14, 0x00, 0x11, 0x02, 0x0D,
				   0x0F, 0x01, 0x35, 0x32, 0x37, 0x2D,
				   0x39, 0x36, 0x35, 0x31, 0x00};
/* 01:25:30.715: the same answer to Request 25. */
const uint8_t cbh_seed_resp25[] = {0x02, 0x19, 0x00, 0x11, 0x02, 0x0D,
				   0x0F, 0x01, 0x35, 0x32, 0x37, 0x2D,
				   0x39, 0x36, 0x35, 0x31, 0x00};
/* 01:25:30.727: IOS's Ack, id 26 (not 25), option echoed. */
const uint8_t cbh_seed_ack26[] = {0x03, 0x1A, 0x00, 0x11, 0x02, 0x0D,
				  0x0F, 0x01, 0x35, 0x32, 0x37, 0x2D,
				  0x39, 0x36, 0x35, 0x31, 0x00};

/* The answerer's MCB lines of seed 001 (01:25:20.239 to 30.735). */
const char *const cbh_seed_server_lines[CBH_SEED_SERVER_NLINES] = {
	"As4 MCB: User callmeback Callback Number - Client ANY",
	"Async4 PPP: O MCB Request(1) id 20 len 9",
	"Async4 MCB: O 1 14 0 9 2 5 0 1 0",
	"As4 MCB: O Request Id 20 Callback Type Client-Num delay 0",
	"As4 MCB: Timeout in state WAIT_RESPONSE",
	"Async4 PPP: O MCB Request(1) id 21 len 9",
	"Async4 MCB: O 1 15 0 9 2 5 0 1 0",
	"As4 MCB: O Request Id 21 Callback Type Client-Num delay 0",
	"As4 MCB: Timeout in state WAIT_RESPONSE",
	"Async4 PPP: O MCB Request(1) id 22 len 9",
	"Async4 MCB: O 1 16 0 9 2 5 0 1 0",
	"As4 MCB: O Request Id 22 Callback Type Client-Num delay 0",
	"As4 MCB: Timeout in state WAIT_RESPONSE",
	"Async4 PPP: O MCB Request(1) id 23 len 9",
	"Async4 MCB: O 1 17 0 9 2 5 0 1 0",
	"As4 MCB: O Request Id 23 Callback Type Client-Num delay 0",
	"As4 MCB: Timeout in state WAIT_RESPONSE",
	"Async4 PPP: O MCB Request(1) id 24 len 9",
	"Async4 MCB: O 1 18 0 9 2 5 0 1 0",
	"As4 MCB: O Request Id 24 Callback Type Client-Num delay 0",
	"Async4 PPP: I MCB Response(2) id 20 len 17",
	"Async4 MCB: I 2 14 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
	"As4 MCB: Received response",
	"As4 MCB: Resp ignored. ID Expected 24, got id 20",
	"As4 MCB: Timeout in state WAIT_RESPONSE",
	"Async4 PPP: O MCB Request(1) id 25 len 9",
	"Async4 MCB: O 1 19 0 9 2 5 0 1 0",
	"As4 MCB: O Request Id 25 Callback Type Client-Num delay 0",
	"Async4 PPP: I MCB Response(2) id 25 len 17",
	"Async4 MCB: I 2 19 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
	"As4 MCB: Received response",
	"As4 MCB: Response CBK-Client-Num 2 13 15, addr 1-527-9651",
	"Async4 PPP: O MCB Ack(3) id 26 len 17",
	"Async4 MCB: O 3 1A 0 11 2 D F 1 35 32 37 2D 39 36 35 31 0",
	"As4 MCB: O Ack Id 26 Callback Type Client-Num delay 15",
	"As4 MCB: Negotiated MCB with peer",
};

/* Packets in flight on the queued link. */
struct cbh_qpkt {
	struct cbh_end *to;
	uint8_t b[CBCP_ONE_OPT_PKT_MAX];
	size_t n;
};

static struct cbh_qpkt queue[CBH_MAXSENT];
static size_t qhead, qtail;

static void h_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct cbh_end *e = ctx;

	assert_true(e->nsent < CBH_MAXSENT);
	assert_true(len <= CBCP_ONE_OPT_PKT_MAX);
	memcpy(e->sent[e->nsent], pkt, len);
	e->sent_len[e->nsent++] = len;
	if (e->drop_next) {
		e->drop_next = false;
		return;
	}
	if (!e->peer)
		return;
	if (e->sync) {
		cbcp_input(&e->peer->c, pkt, len);
		return;
	}
	assert_true(qtail < CBH_MAXSENT);
	queue[qtail].to = e->peer;
	memcpy(queue[qtail].b, pkt, len);
	queue[qtail++].n = len;
}

static void h_done(void *ctx, const struct cbcp_result *r)
{
	struct cbh_end *e = ctx;

	e->done_calls++;
	e->res = *r;
}

static void h_ask(void *ctx, unsigned offer)
{
	struct cbh_end *e = ctx;

	e->ask_calls++;
	e->ask_offer = offer;
	if (e->answer_in_ask)
		cbcp_client_answer(&e->c, e->answer);
}

static const struct cbcp_ops h_ops = {
	.send = h_send, .done = h_done, .ask = h_ask};

int cbh_setup(void **state)
{
	(void)state;
	memset(&cbh_srv, 0, sizeof(cbh_srv));
	memset(&cbh_cli, 0, sizeof(cbh_cli));
	qhead = qtail = 0;
	timers_init(&cbh_ts, 0);
	fake_log_init(&cbh_fl);
	return 0;
}

int cbh_teardown(void **state)
{
	(void)state;
	cbcp_stop(&cbh_srv.c);
	cbcp_stop(&cbh_cli.c);
	timers_fini(&cbh_ts);
	fake_log_fini(&cbh_fl);
	return 0;
}

struct cbcp_server_cfg cbh_seed_scfg(void)
{
	struct cbcp_server_cfg cfg = {
		.offer_user = true,
		.user = "callmeback",
		.first_id = 20,
		.retry_ms = 2000,
		.max_requests = 30,
		.ack_id = CBCP_ACKID_NEXT,
	};
	return cfg;
}

struct cbcp_client_cfg cbh_seed_ccfg(void)
{
	struct cbcp_client_cfg cfg = {
		.mode = CBCP_CLIENT_PRESET,
		.number = "527-9651",
		.delay_s = 15,
		.retransmit = true,
		.retry_ms = 2000,
		.max_tries = 10,
	};
	return cfg;
}

void cbh_init_server(const struct cbcp_server_cfg *cfg)
{
	cbcp_init(&cbh_srv.c, CBCP_ROLE_SERVER, "Async4", "As4", cfg, NULL,
		  &h_ops, &cbh_srv, &cbh_ts, &cbh_fl.lg);
}

void cbh_init_client(const struct cbcp_client_cfg *cfg)
{
	cbcp_init(&cbh_cli.c, CBCP_ROLE_CLIENT, "Async1", "As1", NULL, cfg,
		  &h_ops, &cbh_cli, &cbh_ts, &cbh_fl.lg);
}

void cbh_link(bool sync)
{
	cbh_srv.peer = &cbh_cli;
	cbh_cli.peer = &cbh_srv;
	cbh_srv.sync = sync;
	cbh_cli.sync = sync;
}

void cbh_pump(void)
{
	while (qhead < qtail) {
		struct cbh_qpkt *q = &queue[qhead++];

		cbcp_input(&q->to->c, q->b, q->n);
	}
	qhead = qtail = 0;
}

void cbh_at(uint64_t at_ms)
{
	/* Like the event loop: each timer runs at its own deadline, so a
	 * timer re-armed by its callback counts from that deadline. */
	for (;;) {
		int64_t next = timers_next_ms(&cbh_ts);
		uint64_t now = timers_now(&cbh_ts);

		if (next < 0 || now + (uint64_t)next > at_ms)
			break;
		timers_advance(&cbh_ts, now + (uint64_t)next);
		cbh_pump();
	}
	timers_advance(&cbh_ts, at_ms);
	cbh_pump();
}

void cbh_feed(struct cbh_end *e, const uint8_t *pkt, size_t len)
{
	cbcp_input(&e->c, pkt, len);
}

void cbh_expect_sent(const struct cbh_end *e, size_t i, const uint8_t *pkt,
		     size_t len)
{
	assert_true(i < e->nsent);
	assert_int_equal(e->sent_len[i], len);
	assert_memory_equal(e->sent[i], pkt, len);
}

static bool starts_with_word(const char *line, const char *word)
{
	size_t n = strlen(word);

	return strncmp(line, word, n) == 0 && line[n] == ' ';
}

void cbh_expect_lines(const char *ifshort, const char *ifname,
		      const char *const *want, size_t n)
{
	size_t k = 0;
	bool ok = true;

	for (size_t i = 0; i < cbh_fl.n; i++) {
		const char *line = cbh_fl.lines[i];

		if (!starts_with_word(line, ifshort) &&
		    !starts_with_word(line, ifname))
			continue;
		if (k >= n || strcmp(line, want[k]) != 0) {
			fprintf(stderr, "line %zu: got  \"%s\"\n", k, line);
			fprintf(stderr, "line %zu: want \"%s\"\n", k,
				k < n ? want[k] : "(nothing)");
			ok = false;
			break;
		}
		k++;
	}
	if (ok && k != n) {
		fprintf(stderr, "only %zu of %zu lines; next wanted \"%s\"\n",
			k, n, want[k]);
		ok = false;
	}
	if (!ok)
		fake_log_dump(&cbh_fl);
	assert_true(ok);
}

size_t cbh_count(const char *needle)
{
	size_t c = 0;

	for (size_t i = 0; i < cbh_fl.n; i++)
		if (strstr(cbh_fl.lines[i], needle))
			c++;
	return c;
}
