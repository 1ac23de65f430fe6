/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_cp_fsm.c - libFuzzer harness for the RFC 1661 automaton (cp_fsm).
 *
 * Two automata, A and B, run a small option protocol whose ops parse every
 * option list with struct rd, wired back to back through queues.  The input
 * is a script: a configuration header, then commands that raise the
 * administrative and lower-layer events, move the clock, feed raw events,
 * inject arbitrary octets as packets, deliver, drop or corrupt queued
 * packets and change how each side judges options.  The automaton must
 * never crash, assert on wire input, read out of bounds or leak.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cp_fsm.h"
#include "log.h"
#include "ppp_defs.h"
#include "rd.h"
#include "timer.h"
#include "wr.h"

#define QUEUE_LEN 8
#define MAX_COMMANDS 512

struct side;

struct queue {
	uint8_t pkt[QUEUE_LEN][CP_PKT_MAX];
	size_t len[QUEUE_LEN];
	size_t head, n;
};

struct side {
	struct cp_fsm fsm;
	struct side *peer;
	struct queue in; /* packets on their way to this side */
	/* option protocol: Value (type 1, 4 octets), Flag (type 2, none) */
	uint32_t want_value, cur_value;
	bool want_flag, cur_flag;
	uint8_t modulus;   /* accept peer Values divisible by this */
	bool allow_flag;   /* accept the peer's Flag */
	bool insist;	   /* ignore Naks */
	bool ext_echo;	   /* answer Echo-Request, take Protocol-Reject */
	bool garbage_opts; /* build a malformed option list */
};

struct world {
	struct timers ts;
	struct logger lg;
	struct side a, b;
	size_t lines;
};

static void sink(void *ctx, enum log_level lvl, const char *line)
{
	struct world *w = ctx;

	(void)lvl;
	/* Touch the line so a formatting bug is visible to ASan. */
	w->lines += strlen(line) > 0;
}

static void side_reset(void *ctx)
{
	struct side *s = ctx;

	s->cur_value = s->want_value;
	s->cur_flag = s->want_flag;
}

static void side_build(void *ctx, struct wr *w)
{
	struct side *s = ctx;

	if (s->garbage_opts) {
		/* An option whose length runs past the end of the list. */
		wr_u8(w, 1);
		wr_u8(w, 200);
		wr_u8(w, 0);
		return;
	}
	if (s->cur_value) {
		wr_u8(w, 1);
		wr_u8(w, 6);
		wr_u32(w, s->cur_value);
	}
	if (s->cur_flag) {
		wr_u8(w, 2);
		wr_u8(w, 2);
	}
}

/* Next option: type and a sub-reader for its value.  False at the end or,
 * with *bad set, on a malformed list (opts is then left at the bad option). */
static bool next_opt(struct rd *opts, uint8_t *type, struct rd *val,
		     struct rd *whole, bool *bad)
{
	struct rd start = *opts;
	uint8_t len;

	*bad = false;
	if (rd_left(opts) == 0)
		return false;
	if (!rd_u8(opts, type) || !rd_u8(opts, &len) || len < 2 ||
	    !rd_sub(opts, len - 2u, val)) {
		*opts = start;
		*bad = true;
		return false;
	}
	*whole = rd_init(start.p, len);
	return true;
}

static uint8_t side_recv_req(void *ctx, struct rd *opts, struct wr *resp,
			     bool reject_if_disagree)
{
	struct side *s = ctx;
	uint8_t nakbuf[CP_PKT_MAX];
	struct wr naks = wr_init(nakbuf, sizeof(nakbuf));
	struct rd val, whole;
	uint8_t type;
	bool bad, rejected = false;
	uint32_t v;

	while (next_opt(opts, &type, &val, &whole, &bad)) {
		if (type == 1 && rd_u32(&val, &v) && rd_left(&val) == 0) {
			if (v % s->modulus == 0)
				continue;
			if (reject_if_disagree) {
				wr_bytes(resp, whole.p, whole.len);
				rejected = true;
			} else {
				wr_u8(&naks, 1);
				wr_u8(&naks, 6);
				wr_u32(&naks, v - v % s->modulus);
			}
		} else if (type == 2 && rd_left(&val) == 0 && s->allow_flag) {
			continue;
		} else {
			wr_bytes(resp, whole.p, whole.len);
			rejected = true;
		}
	}
	if (bad) {
		wr_bytes(resp, opts->p, rd_left(opts));
		return CP_CONFREJ;
	}
	if (rejected)
		return CP_CONFREJ;
	if (naks.len) {
		wr_bytes(resp, nakbuf, naks.len);
		return CP_CONFNAK;
	}
	return CP_CONFACK;
}

static bool side_recv_ack(void *ctx, struct rd *opts)
{
	struct side *s = ctx;
	uint8_t buf[CP_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));

	side_build(s, &w);
	return rd_left(opts) == w.len && memcmp(opts->p, buf, w.len) == 0;
}

static bool side_recv_nak(void *ctx, struct rd *opts)
{
	struct side *s = ctx;
	struct rd val, whole;
	uint8_t type;
	bool bad;
	uint32_t v;

	while (next_opt(opts, &type, &val, &whole, &bad))
		if (type == 1 && rd_u32(&val, &v) && !s->insist)
			s->cur_value = v;
	return !bad;
}

static bool side_recv_rej(void *ctx, struct rd *opts)
{
	struct side *s = ctx;
	struct rd val, whole;
	uint8_t type;
	bool bad;

	while (next_opt(opts, &type, &val, &whole, &bad)) {
		if (type == 1)
			s->cur_value = 0;
		else if (type == 2)
			s->cur_flag = false;
	}
	return !bad;
}

static void side_notify(void *ctx)
{
	(void)ctx;
}

/* Echo-Request is answered and raises RXR; Protocol-Reject raises RXJ- or
 * RXJ+ on this very automaton, as LCP does for an NCP it carries. */
static bool side_recv_extcode(void *ctx, uint8_t code, uint8_t id,
			      struct rd *data)
{
	struct side *s = ctx;
	uint8_t first;

	if (!s->ext_echo)
		return false;
	switch (code) {
	case CP_ECHOREQ:
		cp_fsm_send(&s->fsm, CP_ECHOREP, id, data->p, rd_left(data));
		cp_fsm_event(&s->fsm, CP_EV_RXR);
		return true;
	case CP_PROTREJ:
		if (!rd_u8(data, &first))
			return true;
		cp_fsm_event(&s->fsm,
			     first & 1 ? CP_EV_RXJ_MINUS : CP_EV_RXJ_PLUS);
		return true;
	case CP_DISCREQ:
		return true;
	default:
		return false;
	}
}

static void side_print_opts(void *ctx, uint8_t code, struct rd *opts)
{
	struct side *s = ctx;
	struct rd val, whole;
	uint8_t type;
	bool bad;
	char hex[2 * 255 + 1];

	(void)code;
	while (next_opt(opts, &type, &val, &whole, &bad))
		log_printf(s->fsm.log, LOG_LVL_DEBUG,
			   "%s %s:    Option %u (0x%s)", s->fsm.ifname,
			   s->fsm.name, type,
			   hex_upper(hex, sizeof(hex), whole.p, whole.len));
}

static void side_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct side *s = ctx;
	struct queue *q = &s->peer->in;
	size_t slot;

	if (len < CP_HDR_LEN || len > CP_PKT_MAX ||
	    (size_t)(pkt[2] << 8 | pkt[3]) != len)
		abort(); /* the automaton built a bad packet */
	if (q->n == QUEUE_LEN)
		return; /* a full line loses packets */
	slot = (q->head + q->n++) % QUEUE_LEN;
	memcpy(q->pkt[slot], pkt, len);
	q->len[slot] = len;
}

static const struct cp_fsm_ops side_ops = {
	.reset = side_reset,
	.build_req = side_build,
	.recv_req = side_recv_req,
	.recv_ack = side_recv_ack,
	.recv_nak = side_recv_nak,
	.recv_rej = side_recv_rej,
	.up = side_notify,
	.down = side_notify,
	.started = side_notify,
	.finished = side_notify,
	.recv_extcode = side_recv_extcode,
	.print_opts = side_print_opts,
	.send = side_send,
};

/* Deliver (or, with corrupt, first damage) the oldest packet queued for s. */
static void deliver(struct side *s, bool drop, bool corrupt, uint8_t at,
		    uint8_t val)
{
	struct queue *q = &s->in;
	uint8_t pkt[CP_PKT_MAX];
	size_t len;

	if (q->n == 0)
		return;
	len = q->len[q->head];
	memcpy(pkt, q->pkt[q->head], len);
	q->head = (q->head + 1) % QUEUE_LEN;
	q->n--;
	if (drop)
		return;
	if (corrupt)
		pkt[at % len] = val;
	cp_fsm_input(&s->fsm, pkt, len);
}

static void side_init(struct world *w, struct side *s, struct side *peer,
		      const char *ifname, const struct cp_fsm_cfg *cfg)
{
	s->peer = peer;
	s->want_value = s->cur_value = 6;
	s->modulus = 3;
	s->allow_flag = true;
	cp_fsm_init(&s->fsm, "LCP", ifname, PPP_PROTO_LCP, &side_ops, s, &w->ts,
		    &w->lg, cfg);
}

/* Take one octet of the script, 0 once it is used up. */
static uint8_t take(struct rd *r)
{
	uint8_t v = 0;

	rd_u8(r, &v);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct world *w = calloc(1, sizeof(*w));
	struct rd r = rd_init(data, size);
	struct cp_fsm_cfg cfg;
	uint8_t c0, c1;

	if (!w)
		return 0;
	c0 = take(&r);
	c1 = take(&r);
	cp_fsm_cfg_default(&cfg);
	cfg.restart_ms = 1u + (c0 & 0x0f) * 100u;
	cfg.max_configure = (uint8_t)(c1 & 0x0f);
	cfg.max_terminate = (uint8_t)((c1 >> 4) & 0x03);
	cfg.max_failure = (uint8_t)((c0 >> 4) & 0x07);
	timers_init(&w->ts, 0);
	w->lg.sink = sink;
	w->lg.ctx = w;
	w->lg.level = LOG_LVL_DEBUG;
	/* Logging on or off: both paths must be clean. */
	w->lg.debug = (c1 & 0x80) ? ~(uint64_t)0 : 0;
	cfg.silent = c1 & 0x40;
	side_init(w, &w->a, &w->b, "As1", &cfg);
	cfg.silent = c0 & 0x80;
	side_init(w, &w->b, &w->a, "As2", &cfg);

	for (int n = 0; n < MAX_COMMANDS && rd_left(&r) > 0; n++) {
		uint8_t op = take(&r);
		struct side *s = (op & 0x80) ? &w->b : &w->a;
		uint8_t arg = take(&r);
		uint8_t pkt[255 + 255 * 6];
		size_t len;

		switch (op & 0x0f) {
		case 0:
			cp_fsm_up(&s->fsm);
			break;
		case 1:
			cp_fsm_down(&s->fsm);
			break;
		case 2:
			cp_fsm_open(&s->fsm);
			break;
		case 3:
			cp_fsm_close(&s->fsm, (arg & 1) ? "fuzz" : NULL);
			break;
		case 4:
			timers_advance(&w->ts, timers_now(&w->ts) + arg * 20u);
			break;
		case 5:
			cp_fsm_event(&s->fsm,
				     (enum cp_event)(arg % CP_EV__COUNT));
			break;
		case 6:
			/* Raw octets as a packet of this protocol. */
			/* 255 asks for a long one (Code-Reject truncation). */
			len = arg == 255 ? 255u + take(&r) * 6u : arg;
			len = len < rd_left(&r) ? len : rd_left(&r);
			rd_bytes(&r, pkt, len);
			cp_fsm_input(&s->fsm, pkt, len);
			break;
		case 7:
			deliver(s, false, false, 0, 0);
			break;
		case 8:
			for (int k = 0; k < 4 * QUEUE_LEN; k++) {
				deliver(&w->a, false, false, 0, 0);
				deliver(&w->b, false, false, 0, 0);
			}
			break;
		case 9:
			deliver(s, false, true, arg, take(&r));
			break;
		case 10:
			deliver(s, true, false, 0, 0);
			break;
		case 11:
			s->modulus = (uint8_t)(1 + (arg & 7));
			s->allow_flag = arg & 0x08;
			s->insist = arg & 0x10;
			s->ext_echo = arg & 0x20;
			s->garbage_opts = arg & 0x40;
			s->want_flag = arg & 0x80;
			break;
		case 12:
			s->want_value = (uint32_t)arg * 0x01010101u;
			break;
		case 13:
			cfg = s->fsm.cfg;
			cfg.silent = arg & 1;
			cfg.max_failure = (uint8_t)(arg >> 4);
			cp_fsm_set_cfg(&s->fsm, &cfg);
			break;
		case 14:
			cp_fsm_send(&s->fsm, arg, cp_fsm_next_id(&s->fsm), data,
				    size < 2000 ? size : 2000);
			break;
		default:
			/* State queries are always safe. */
			(void)cp_fsm_state_name(&s->fsm);
			(void)cp_fsm_is_open(&s->fsm);
			break;
		}
		if (s->fsm.state >= CP_STATE__COUNT)
			abort();
	}
	cp_fsm_fini(&w->a.fsm);
	cp_fsm_fini(&w->b.fsm);
	timers_fini(&w->ts);
	free(w);
	return 0;
}
