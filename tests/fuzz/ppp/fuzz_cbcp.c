/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_cbcp - the CBCP codec, printer and both state machines ([MS-CBCP]),
 * plus the LCP Callback option decoder (RFC 1570 §2.3), on arbitrary input.
 *
 * The whole input goes through cbcp_parse (and, when it parses, through
 * cbcp_write and cbcp_parse again: what we write must parse), cbcp_print and
 * lcp_callback_parse.  Then it drives an answerer and a caller:
 *   octet 0: configuration bits (Ack-id mode, offered types, the caller's
 *            mode and retransmission, whether the two are wired together);
 *   octet 1: debug output off (bit 0), the caller takes type 3 (bit 1);
 *   then records [selector][len][octets...]: feed the answerer or the
 *   caller, advance the fake clock, answer the "Ask me" dialog, start,
 *   stop, print.
 */
#include <stdlib.h>
#include <string.h>

#include "cbcp.h"
#include "lcp.h"

#define QMAX 32
#define PUMP_MAX 512 /* deliveries per pump: a ping-pong ends anyway when
		      * the answerer runs out of Requests */

struct qpkt {
	struct cbcp *to;
	uint8_t b[CBCP_ONE_OPT_PKT_MAX];
	size_t n;
};

struct world {
	struct cbcp srv, cli;
	bool linked;
	struct qpkt q[QMAX];
	size_t qn;
	int done_srv, done_cli;
};

static void sink(void *ctx, enum log_level lvl, const char *line)
{
	(void)ctx;
	(void)lvl;
	(void)line;
}

static void queue_pkt(struct world *w, struct cbcp *to, const uint8_t *p,
		      size_t n)
{
	if (!w->linked || w->qn == QMAX || n > CBCP_ONE_OPT_PKT_MAX)
		return;
	w->q[w->qn].to = to;
	memcpy(w->q[w->qn].b, p, n);
	w->q[w->qn++].n = n;
}

static void srv_send(void *ctx, const uint8_t *p, size_t n)
{
	struct world *w = ctx;

	queue_pkt(w, &w->cli, p, n);
}

static void cli_send(void *ctx, const uint8_t *p, size_t n)
{
	struct world *w = ctx;

	queue_pkt(w, &w->srv, p, n);
}

static void check_result(const struct cbcp_result *r)
{
	if (!r->reason || strnlen(r->number, sizeof(r->number)) ==
				  sizeof(r->number))
		abort();
}

static void srv_done(void *ctx, const struct cbcp_result *r)
{
	struct world *w = ctx;

	check_result(r);
	w->done_srv++;
}

static void cli_done(void *ctx, const struct cbcp_result *r)
{
	struct world *w = ctx;

	check_result(r);
	w->done_cli++;
}

static void cli_ask(void *ctx, unsigned offer)
{
	(void)ctx;
	(void)offer;
}

static const struct cbcp_ops srv_ops = {.send = srv_send, .done = srv_done};
static const struct cbcp_ops cli_ops = {
	.send = cli_send, .done = cli_done, .ask = cli_ask};

static void pump(struct world *w)
{
	for (int i = 0; i < PUMP_MAX && w->qn > 0; i++) {
		struct qpkt p = w->q[0];

		memmove(&w->q[0], &w->q[1], (w->qn - 1) * sizeof(w->q[0]));
		w->qn--;
		cbcp_input(p.to, p.b, p.n);
	}
	w->qn = 0;
}

/* Run each due timer at its own deadline, as the event loop does. */
static void advance(struct world *w, struct timers *ts, uint64_t to_ms)
{
	for (int i = 0; i < 1000; i++) {
		int64_t next = timers_next_ms(ts);

		if (next < 0 || timers_now(ts) + (uint64_t)next > to_ms)
			break;
		timers_advance(ts, timers_now(ts) + (uint64_t)next);
		pump(w);
	}
	timers_advance(ts, to_ms);
	pump(w);
}

static void check_invariants(const struct world *w)
{
	if (w->srv.state >= CBCP_ST__COUNT || w->cli.state >= CBCP_ST__COUNT)
		abort();
	/* done() at most once per start (starts are counted in main). */
	if ((w->srv.state == CBCP_ST_DONE || w->srv.state == CBCP_ST_FAILED) &&
	    !w->srv.done_reported)
		abort();
	if ((w->cli.state == CBCP_ST_DONE || w->cli.state == CBCP_ST_FAILED) &&
	    !w->cli.done_reported)
		abort();
}

static void codec_checks(const struct logger *log, const uint8_t *data,
			 size_t size)
{
	struct cbcp_pkt p, again;
	struct lcp_callback cb;
	struct rd r = rd_init(data, size);
	uint8_t buf[2048];
	struct wr wr = wr_init(buf, sizeof(buf));
	char err[96];

	cbcp_print(log, "Async4", "As4", false, data, size);
	cbcp_print(log, "Async1", "As1", true, data, size);
	lcp_callback_parse(&r, &cb);
	if (cbcp_parse(data, size, &p, err, sizeof(err)) != 0)
		return;
	/* Whatever we can encode, we can decode. */
	if (cbcp_write(&wr, &p) &&
	    cbcp_parse(buf, wr.len, &again, err, sizeof(err)) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum cbcp_client_mode modes[] = {
		CBCP_CLIENT_NO, CBCP_CLIENT_PRESET, CBCP_CLIENT_ASK,
		CBCP_CLIENT_PRESET};
	struct world *w = calloc(1, sizeof(*w));
	struct logger log = {.sink = sink, .level = LOG_LVL_DEBUG};
	struct cbcp_server_cfg sc = {.user = "callmeback",
				     .admin_number = "555-0100",
				     .first_id = 20,
				     .max_requests = 8};
	struct cbcp_client_cfg cc = {.number = "527-9651",
				     .delay_s = 15,
				     .max_tries = 5};
	struct timers ts;
	struct rd r = rd_init(data, size);
	uint8_t flags = 0, more = 0;
	uint64_t now = 0;
	int starts_srv = 0, starts_cli = 0;

	if (!w)
		return 0;
	log.debug = ~(uint64_t)0;
	codec_checks(&log, data, size);
	rd_u8(&r, &flags);
	rd_u8(&r, &more);
	sc.ack_id = flags & 1 ? CBCP_ACKID_ECHO : CBCP_ACKID_NEXT;
	sc.offer_none = flags & 2;
	sc.offer_user = flags & 4;
	sc.offer_admin = flags & 8;
	cc.retransmit = flags & 16;
	cc.accept_admin = more & 2;
	cc.mode = modes[(flags >> 5) & 3];
	if (((flags >> 5) & 3) == 3)
		cc.number[0] = '\0';
	w->linked = flags & 128;
	/* Debug output on or off: both paths must be safe. */
	if (more & 1)
		log.debug = 0;
	timers_init(&ts, 0);
	cbcp_init(&w->srv, CBCP_ROLE_SERVER, "Async4", "As4", &sc, NULL,
		  &srv_ops, w, &ts, &log);
	cbcp_init(&w->cli, CBCP_ROLE_CLIENT, "Async1", "As1", NULL, &cc,
		  &cli_ops, w, &ts, &log);
	while (rd_left(&r) >= 2) {
		uint8_t sel, len;
		struct rd pkt;
		char num[CBCP_NUMBER_MAX + 8];

		rd_u8(&r, &sel);
		rd_u8(&r, &len);
		if (!rd_sub(&r, len < rd_left(&r) ? len : rd_left(&r), &pkt))
			break;
		switch (sel % 8) {
		case 0:
			cbcp_input(&w->srv, pkt.p, rd_left(&pkt));
			break;
		case 1:
			cbcp_input(&w->cli, pkt.p, rd_left(&pkt));
			break;
		case 2:
			now += 250u * (sel >> 3);
			advance(w, &ts, now);
			break;
		case 3: {
			size_t n = rd_left(&pkt);

			if (n >= sizeof(num))
				n = sizeof(num) - 1;
			rd_bytes(&pkt, num, n);
			num[n] = '\0';
			cbcp_client_answer(&w->cli, sel & 8 ? NULL : num);
			break;
		}
		case 4:
			starts_srv++;
			cbcp_start(&w->srv);
			break;
		case 5:
			starts_cli++;
			cbcp_start(&w->cli);
			break;
		case 6:
			cbcp_stop(sel & 8 ? &w->srv : &w->cli);
			break;
		case 7:
			cbcp_print(&log, "Async4", "As4", sel & 8, pkt.p,
				   rd_left(&pkt));
			break;
		}
		pump(w);
		check_invariants(w);
		if (w->done_srv > starts_srv || w->done_cli > starts_cli)
			abort();
	}
	cbcp_stop(&w->srv);
	cbcp_stop(&w->cli);
	timers_fini(&ts);
	free(w);
	return 0;
}
