/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fake_proto.c - the recording test protocol of fake_proto.h.  Options are
 * parsed with struct rd, one sub-reader per option, the way LCP and IPCP
 * parse theirs.
 */
#include "fake_proto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "rd.h"
#include "wr.h"

static void trace(struct fake_proto *fp, const char *what)
{
	if (fp->ntrace == FAKE_TRACE_MAX)
		abort();
	snprintf(fp->trace[fp->ntrace++], sizeof(fp->trace[0]), "%s", what);
}

static void fake_reset(void *ctx)
{
	struct fake_proto *fp = ctx;

	trace(fp, "reset");
	fp->cur_value = fp->pol.value;
	fp->cur_flag = fp->pol.flag;
}

static void build_opts(const struct fake_proto *fp, struct wr *w)
{
	if (fp->cur_value) {
		wr_u8(w, FAKE_OPT_VALUE);
		wr_u8(w, 6);
		wr_u32(w, fp->cur_value);
	}
	if (fp->cur_flag) {
		wr_u8(w, FAKE_OPT_FLAG);
		wr_u8(w, 2);
	}
}

static void fake_build_req(void *ctx, struct wr *w)
{
	struct fake_proto *fp = ctx;

	trace(fp, "build");
	build_opts(fp, w);
}

/* Next option of a list: type and a sub-reader over its value.  False at
 * the end of the list; *bad is set when the list is malformed. */
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
		*opts = start; /* the caller rejects from here on */
		*bad = true;
		return false;
	}
	*whole = rd_init(start.p, len);
	return true;
}

static uint8_t fake_recv_req(void *ctx, struct rd *opts, struct wr *resp,
			     bool reject_if_disagree)
{
	struct fake_proto *fp = ctx;
	uint8_t nakbuf[CP_PKT_MAX];
	struct wr naks = wr_init(nakbuf, sizeof(nakbuf));
	struct rd val, whole;
	uint8_t type;
	bool bad, rejected = false;
	uint32_t v;

	trace(fp, "judge");
	fp->njudged++;
	fp->last_reject_if_disagree = reject_if_disagree;
	if (fp->pol.verdict) {
		if (fp->pol.verdict == CP_CONFNAK) {
			wr_u8(resp, FAKE_OPT_VALUE);
			wr_u8(resp, 6);
			wr_u32(resp, 7);
		} else if (fp->pol.verdict == CP_CONFREJ) {
			wr_bytes(resp, opts->p, rd_left(opts));
		}
		return fp->pol.verdict;
	}
	while (next_opt(opts, &type, &val, &whole, &bad)) {
		if (type == FAKE_OPT_VALUE && rd_left(&val) == 4) {
			rd_u32(&val, &v);
			if (fp->pol.accept == 0 || v == fp->pol.accept)
				continue;
			if (reject_if_disagree) {
				wr_bytes(resp, whole.p, whole.len);
				rejected = true;
			} else {
				wr_u8(&naks, FAKE_OPT_VALUE);
				wr_u8(&naks, 6);
				wr_u32(&naks, fp->pol.accept);
			}
		} else if (type == FAKE_OPT_FLAG && rd_left(&val) == 0 &&
			   fp->pol.allow_flag) {
			continue;
		} else {
			wr_bytes(resp, whole.p, whole.len);
			rejected = true;
		}
	}
	if (bad) {
		/* Reject what cannot be parsed: the rest of the list. */
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

static bool fake_recv_ack(void *ctx, struct rd *opts)
{
	struct fake_proto *fp = ctx;
	uint8_t buf[CP_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));

	trace(fp, "ack?");
	build_opts(fp, &w);
	return rd_left(opts) == w.len && memcmp(opts->p, buf, w.len) == 0;
}

static bool fake_recv_nak(void *ctx, struct rd *opts)
{
	struct fake_proto *fp = ctx;
	struct rd val, whole;
	uint8_t type;
	bool bad;
	uint32_t v;

	trace(fp, "nak?");
	while (next_opt(opts, &type, &val, &whole, &bad))
		if (type == FAKE_OPT_VALUE && rd_u32(&val, &v) &&
		    !fp->pol.insist)
			fp->cur_value = v;
	return !bad;
}

static bool fake_recv_rej(void *ctx, struct rd *opts)
{
	struct fake_proto *fp = ctx;
	struct rd val, whole;
	uint8_t type;
	bool bad;

	trace(fp, "rej?");
	while (next_opt(opts, &type, &val, &whole, &bad)) {
		if (type == FAKE_OPT_VALUE)
			fp->cur_value = 0;
		else if (type == FAKE_OPT_FLAG)
			fp->cur_flag = false;
	}
	return !bad;
}

static void fake_up(void *ctx)
{
	struct fake_proto *fp = ctx;

	trace(fp, "tlu");
	fp->nup++;
	if (fp->on_up)
		fp->on_up(fp);
}

static void fake_down(void *ctx)
{
	struct fake_proto *fp = ctx;

	trace(fp, "tld");
	fp->ndown++;
}

static void fake_started(void *ctx)
{
	struct fake_proto *fp = ctx;

	trace(fp, "tls");
	fp->nstarted++;
}

static void fake_finished(void *ctx)
{
	struct fake_proto *fp = ctx;

	trace(fp, "tlf");
	fp->nfinished++;
}

static bool fake_recv_extcode(void *ctx, uint8_t code, uint8_t id,
			      struct rd *data)
{
	struct fake_proto *fp = ctx;

	(void)code;
	(void)id;
	(void)data;
	trace(fp, "ext");
	return fp->pol.ext_handled;
}

/* One debug line per option, in the IOS shape "Value 5 (0x010600000005)". */
static void fake_print_opts(void *ctx, uint8_t code, struct rd *opts)
{
	struct fake_proto *fp = ctx;
	struct rd val, whole;
	uint8_t type;
	bool bad;
	uint32_t v;
	char hex[2 * 255 + 1];

	(void)code;
	while (next_opt(opts, &type, &val, &whole, &bad)) {
		hex_upper(hex, sizeof(hex), whole.p, whole.len);
		if (type == FAKE_OPT_VALUE && rd_u32(&val, &v))
			log_printf(fp->fsm.log, LOG_LVL_DEBUG,
				   "%s %s:    Value %u (0x%s)", fp->fsm.ifname,
				   fp->fsm.name, v, hex);
		else
			log_printf(fp->fsm.log, LOG_LVL_DEBUG,
				   "%s %s:    Option %u (0x%s)", fp->fsm.ifname,
				   fp->fsm.name, type, hex);
	}
}

static const char *code_action(uint8_t code)
{
	switch (code) {
	case CP_CONFREQ:
		return "scr";
	case CP_CONFACK:
		return "sca";
	case CP_CONFNAK:
	case CP_CONFREJ:
		return "scn";
	case CP_TERMREQ:
		return "str";
	case CP_TERMACK:
		return "sta";
	case CP_CODEREJ:
		return "scj";
	default:
		return "send";
	}
}

static void net_queue(struct fake_net *net, struct fake_proto *dst,
		      const uint8_t *pkt, size_t len)
{
	size_t slot;

	if ((dst == net->a && net->drop_to_a) ||
	    (dst == net->b && net->drop_to_b))
		return;
	if (net->n == FAKE_NET_QUEUE)
		abort();
	slot = (net->head + net->n++) % FAKE_NET_QUEUE;
	net->q[slot].dst = dst;
	memcpy(net->q[slot].pkt.b, pkt, len);
	net->q[slot].pkt.len = len;
}

static void fake_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct fake_proto *fp = ctx;

	if (len < CP_HDR_LEN || len > CP_PKT_MAX)
		abort();
	trace(fp, code_action(pkt[0]));
	if (fp->nsent == FAKE_SENT_MAX)
		abort();
	memcpy(fp->sent[fp->nsent].b, pkt, len);
	fp->sent[fp->nsent++].len = len;
	if (fp->net && fp->peer)
		net_queue(fp->net, fp->peer, pkt, len);
}

static const struct cp_fsm_ops fake_ops = {
	.reset = fake_reset,
	.build_req = fake_build_req,
	.recv_req = fake_recv_req,
	.recv_ack = fake_recv_ack,
	.recv_nak = fake_recv_nak,
	.recv_rej = fake_recv_rej,
	.up = fake_up,
	.down = fake_down,
	.started = fake_started,
	.finished = fake_finished,
	.recv_extcode = fake_recv_extcode,
	.print_opts = fake_print_opts,
	.send = fake_send,
};

void fake_proto_init(struct fake_proto *fp, const char *ifname,
		     const char *name, const struct fake_policy *pol,
		     struct timers *ts, const struct logger *lg,
		     const struct cp_fsm_cfg *cfg)
{
	memset(fp, 0, sizeof(*fp));
	fp->tag = ifname;
	fp->pol = *pol;
	fp->cur_value = pol->value;
	fp->cur_flag = pol->flag;
	cp_fsm_init(&fp->fsm, name, ifname, 0xc0de, &fake_ops, fp, ts, lg, cfg);
}

void fake_proto_fini(struct fake_proto *fp)
{
	cp_fsm_fini(&fp->fsm);
}

void fake_proto_clear(struct fake_proto *fp)
{
	fp->ntrace = 0;
	fp->nsent = 0;
	fp->nup = fp->ndown = fp->nstarted = fp->nfinished = 0;
	fp->njudged = 0;
}

void fake_proto_actions(const struct fake_proto *fp, char *out, size_t size)
{
	static const char *const actions[] = {"tlu", "tld", "tls", "tlf",
					      "scr", "sca", "scn", "str",
					      "sta", "scj"};
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < fp->ntrace; i++) {
		for (size_t k = 0; k < sizeof(actions) / sizeof(actions[0]);
		     k++) {
			if (strcmp(fp->trace[i], actions[k]) != 0)
				continue;
			o += (size_t)snprintf(out + o, o < size ? size - o : 0,
					      "%s%s", o ? "," : "", actions[k]);
			break;
		}
	}
}

long fake_proto_find(const struct fake_proto *fp, const char *s)
{
	for (size_t i = 0; i < fp->ntrace; i++)
		if (strcmp(fp->trace[i], s) == 0)
			return (long)i;
	return -1;
}

size_t fake_pkt_build(uint8_t *buf, uint8_t code, uint8_t id,
		      const uint8_t *data, size_t n)
{
	buf[0] = code;
	buf[1] = id;
	buf[2] = (uint8_t)((CP_HDR_LEN + n) >> 8);
	buf[3] = (uint8_t)(CP_HDR_LEN + n);
	if (n)
		memcpy(buf + CP_HDR_LEN, data, n);
	return CP_HDR_LEN + n;
}

void fake_net_wire(struct fake_net *net, struct fake_proto *a,
		   struct fake_proto *b)
{
	memset(net, 0, sizeof(*net));
	net->a = a;
	net->b = b;
	a->net = net;
	a->peer = b;
	b->net = net;
	b->peer = a;
}

size_t fake_net_pump(struct fake_net *net)
{
	size_t n = 0, len;
	struct fake_pkt pkt;
	struct fake_proto *dst;
	uint8_t wire[CP_PKT_MAX + 64];
	int length;

	while (net->n > 0) {
		/* A negotiation that never settles is a test failure, not a
		 * hang. */
		if (n == 1000)
			abort();
		dst = net->q[net->head].dst;
		pkt = net->q[net->head].pkt;
		net->head = (net->head + 1) % FAKE_NET_QUEUE;
		net->n--;
		memcpy(wire, pkt.b, pkt.len);
		len = pkt.len;
		if (net->pad_octets && len + net->pad_octets <= sizeof(wire)) {
			memset(wire + len, 0, net->pad_octets);
			len += net->pad_octets;
		}
		if (net->length_delta) {
			length = (wire[2] << 8 | wire[3]) + net->length_delta;
			wire[2] = (uint8_t)(length >> 8);
			wire[3] = (uint8_t)length;
			net->length_delta = 0;
		}
		cp_fsm_input(&dst->fsm, wire, len);
		n++;
		net->delivered++;
	}
	return n;
}
