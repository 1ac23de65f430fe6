/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2tp_harness.c - two L2TP instances back to back (see l2tp_harness.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "l2tp_harness.h"

static uint32_t xorshift(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

static void enqueue(struct h_pair *p, int to, const struct l2tp_peer *from,
		    const uint8_t *b, size_t len, size_t at)
{
	if (p->nq == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->q = realloc(p->q, p->cap * sizeof(*p->q));
		assert_non_null(p->q);
	}
	memmove(&p->q[at + 1], &p->q[at], (p->nq - at) * sizeof(*p->q));
	p->q[at].to = to;
	p->q[at].from = *from;
	p->q[at].len = len;
	memcpy(p->q[at].b, b, len);
	p->nq++;
}

static void op_send(void *ctx, const struct l2tp_peer *peer, const uint8_t *hdr,
		    size_t hdr_len, const uint8_t *payload, size_t payload_len)
{
	struct h_node *n = ctx;
	struct h_pair *p = n->pair;
	struct h_node *o = &p->n[1 - n->idx];
	uint8_t b[H_PKT_MAX];
	size_t len = hdr_len + payload_len;

	assert_true(len <= sizeof(b));
	assert_int_equal(peer->ip, o->addr.ip);
	memcpy(b, hdr, hdr_len);
	if (payload_len)
		memcpy(b + hdr_len, payload, payload_len);
	n->n_sent++;
	if (b[0] & 0x80) {
		if (p->nwire == p->capwire) {
			p->capwire = p->capwire ? p->capwire * 2 : 256;
			p->wire =
				realloc(p->wire, p->capwire * sizeof(*p->wire));
			assert_non_null(p->wire);
		}
		p->wire[p->nwire].to = o->idx;
		p->wire[p->nwire].from = n->addr;
		p->wire[p->nwire].len = len;
		memcpy(p->wire[p->nwire].b, b, len);
		p->nwire++;
	}
	if (p->loss_pct && xorshift(&p->prng) % 100 < p->loss_pct)
		return;
	if (p->reorder_pct && p->nq &&
	    xorshift(&p->prng) % 100 < p->reorder_pct)
		enqueue(p, o->idx, &n->addr, b, len, p->nq - 1);
	else
		enqueue(p, o->idx, &n->addr, b, len, p->nq);
	if (p->dup_pct && xorshift(&p->prng) % 100 < p->dup_pct)
		enqueue(p, o->idx, &n->addr, b, len, p->nq);
}

static void op_random(void *ctx, void *buf, size_t len)
{
	struct h_node *n = ctx;
	uint8_t *b = buf;

	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)xorshift(&n->rng);
}

static bool op_tunnel_accept(void *ctx, const struct l2tp_peer *peer,
			     const char *host_name, struct l2tp_tunnel_cfg *cfg)
{
	struct h_node *n = ctx;

	(void)peer;
	(void)host_name;
	n->n_accept++;
	if (!n->accept)
		return false;
	*cfg = n->accept_cfg;
	return true;
}

static void op_tunnel_up(void *ctx, struct l2tp_tunnel *t)
{
	struct h_node *n = ctx;

	n->n_tunnel_up++;
	n->last_tunnel = t;
}

static void op_tunnel_down(void *ctx, struct l2tp_tunnel *t,
			   const struct l2tp_result *why)
{
	struct h_node *n = ctx;

	(void)t;
	n->n_tunnel_down++;
	n->last_tdown = *why;
	n->last_tdown.reason = NULL;
}

static int op_session_incoming(void *ctx, struct l2tp_session *s,
			       const struct l2tp_call_info *info)
{
	struct h_node *n = ctx;

	n->n_incoming++;
	n->last_session = s;
	snprintf(n->last_called, sizeof(n->last_called), "%s", info->called);
	return n->incoming_rc;
}

static int op_session_ocrq(void *ctx, struct l2tp_session *s,
			   const struct l2tp_ocrq_info *info)
{
	struct h_node *n = ctx;

	n->n_ocrq++;
	n->last_session = s;
	snprintf(n->last_called, sizeof(n->last_called), "%s", info->called);
	return n->ocrq_rc;
}

static void op_session_reply(void *ctx, struct l2tp_session *s)
{
	struct h_node *n = ctx;

	n->n_reply++;
	if (n->reply_connects) {
		struct l2tp_connect_info c = {.tx_speed_bps = 64000};

		assert_int_equal(l2tp_session_connect(s, &c), 0);
	}
}

static void op_session_connected(void *ctx, struct l2tp_session *s,
				 const struct l2tp_connect_info *c)
{
	struct h_node *n = ctx;

	if (n->n_connected < H_MAX_SESS)
		n->connected[n->n_connected] = s;
	n->n_connected++;
	n->last_session = s;
	snprintf(n->last_user, sizeof(n->last_user), "%.*s",
		 (int)c->proxy_auth_name.len,
		 c->proxy_auth_name.p ? (const char *)c->proxy_auth_name.p
				      : "");
	n->last_proxy_type = c->proxy_auth_type;
	n->last_lcp_len = c->lcp_last_tx.len;
}

static void op_session_down(void *ctx, struct l2tp_session *s,
			    const struct l2tp_result *why)
{
	struct h_node *n = ctx;

	n->n_down++;
	n->last_session = s;
	n->last_sdown = *why;
	n->last_sdown.reason = NULL;
	for (unsigned i = 0; i < n->n_connected && i < H_MAX_SESS; i++)
		if (n->connected[i] == s)
			n->connected[i] = NULL;
}

static void op_session_data(void *ctx, struct l2tp_session *s,
			    const uint8_t *frame, size_t len)
{
	struct h_node *n = ctx;

	n->n_data++;
	n->last_session = s;
	assert_true(len <= sizeof(n->last_data));
	memcpy(n->last_data, frame, len);
	n->last_data_len = len;
}

static void op_session_sli(void *ctx, struct l2tp_session *s, uint32_t tx,
			   uint32_t rx)
{
	struct h_node *n = ctx;

	(void)s;
	n->n_sli++;
	n->sli_send = tx;
	n->sli_recv = rx;
}

static void op_session_wen(void *ctx, struct l2tp_session *s,
			   const struct l2tp_wen_info *w)
{
	struct h_node *n = ctx;

	(void)s;
	(void)w;
	n->n_wen++;
}

static const struct l2tp_ops h_ops = {
	.send = op_send,
	.random = op_random,
	.tunnel_accept = op_tunnel_accept,
	.tunnel_up = op_tunnel_up,
	.tunnel_down = op_tunnel_down,
	.session_incoming = op_session_incoming,
	.session_ocrq = op_session_ocrq,
	.session_reply = op_session_reply,
	.session_connected = op_session_connected,
	.session_down = op_session_down,
	.session_data = op_session_data,
	.session_sli = op_session_sli,
	.session_wen = op_session_wen,
};

void h_cfg(struct l2tp_tunnel_cfg *cfg, const char *name, const char *secret)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->local_name, sizeof(cfg->local_name), "%s", name);
	if (secret) {
		cfg->secret_len = strlen(secret);
		memcpy(cfg->secret, secret, cfg->secret_len);
		cfg->authenticate = true;
	}
}

void h_init(struct h_pair *p, uint32_t seed)
{
	memset(p, 0, sizeof(*p));
	timers_init(&p->ts, 1000);
	p->prng = seed ? seed : 1;
	for (int i = 0; i < 2; i++) {
		struct h_node *n = &p->n[i];

		n->pair = p;
		n->idx = i;
		n->rng = 0x9E3779B9u * (uint32_t)(i + 1) + seed;
		n->addr.ip = i == 0 ? H_IP_LAC : H_IP_LNS;
		n->addr.port = L2TP_PORT;
		fake_log_init(&n->fl);
		n->l2tp = l2tp_new(&h_ops, n, &p->ts, &n->fl.lg);
		assert_non_null(n->l2tp);
		n->accept = true;
		h_cfg(&n->accept_cfg, i == 0 ? "LAC" : "LNS", NULL);
	}
}

void h_fini(struct h_pair *p)
{
	for (int i = 0; i < 2; i++) {
		l2tp_free(p->n[i].l2tp);
		fake_log_fini(&p->n[i].fl);
	}
	timers_fini(&p->ts);
	free(p->q);
	free(p->wire);
}

void h_run(struct h_pair *p, uint64_t ms)
{
	uint64_t end = timers_now(&p->ts) + ms;

	while (timers_now(&p->ts) < end) {
		/* Deliver what is in flight now; what the deliveries send
		 * waits for the next step (a 10 ms network). */
		size_t n = p->nq;
		struct h_pkt *batch = malloc((n ? n : 1) * sizeof(*batch));

		assert_non_null(batch);
		/* An empty queue may still be NULL: no memcpy from it. */
		if (n) {
			memcpy(batch, p->q, n * sizeof(*batch));
			memmove(p->q, p->q + n, (p->nq - n) * sizeof(*p->q));
			p->nq -= n;
		}
		for (size_t i = 0; i < n; i++)
			l2tp_input(p->n[batch[i].to].l2tp, &batch[i].from,
				   batch[i].b, batch[i].len);
		free(batch);
		timers_advance(&p->ts, timers_now(&p->ts) + 10);
	}
}

struct l2tp_tunnel *h_open(struct h_pair *p, int from,
			   const struct l2tp_tunnel_cfg *cfg)
{
	return l2tp_tunnel_open(p->n[from].l2tp, &p->n[1 - from].addr, cfg);
}

unsigned h_wire_count(const struct h_pair *p, int from, uint16_t type,
		      uint16_t *result)
{
	unsigned count = 0;

	for (size_t i = 0; i < p->nwire; i++) {
		const struct h_pkt *w = &p->wire[i];
		uint16_t t = 0;

		if (w->from.ip != p->n[from].addr.ip)
			continue;
		if (w->len >= 20)
			t = (uint16_t)(w->b[18] << 8 | w->b[19]);
		if (t != type)
			continue;
		count++;
		if (result) {
			struct l2tp_hdr h;
			struct rd body;
			const char *err;
			struct l2tp_msg m;
			static uint8_t scratch[L2TP_CTRL_MAX];
			char e[96];

			assert_int_equal(
				l2tp_hdr_parse(w->b, w->len, &h, &body, &err),
				0);
			if (l2tp_msg_parse(body, NULL, scratch, sizeof(scratch),
					   &m, e, sizeof(e)) == L2TP_PARSE_OK)
				*result = m.result.result;
		}
	}
	return count;
}
