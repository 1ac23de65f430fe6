/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * harness.c - see harness.h.
 */
#include "harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ppp_hdr.h"

struct timers ts;
struct fake_log fl;
struct end E[2];
struct aaa *aaa;
struct pool *pool;
bool drop_all;
bool h_capture;
struct h_frame h_sent[H_QMAX];
size_t h_nsent;
size_t h_seen;
bool h_skip_echo;
static struct h_frame queue[H_QMAX];
static size_t qhead, qtail;
static uint32_t rnd_state = 1;
static struct aaa_db *cur_db;

static void q_push(int to, const uint8_t *data, size_t len)
{
	assert_true(qtail - qhead < H_QMAX);
	struct h_frame *f = &queue[qtail++ % H_QMAX];
	f->to = to;
	f->len = len;
	memcpy(f->data, data, len);
}

bool h_deliver_one(void)
{
	struct h_frame *f;

	if (qhead == qtail)
		return false;
	f = &queue[qhead++ % H_QMAX];
	if (E[f->to].s)
		ppp_session_input(E[f->to].s, f->data, f->len);
	return true;
}

void h_drop_queue(void)
{
	qhead = qtail;
}

void h_pump(void)
{
	for (int guard = 0; guard < 10000 && qhead != qtail; guard++) {
		struct h_frame *f = &queue[qhead++ % H_QMAX];
		if (E[f->to].s)
			ppp_session_input(E[f->to].s, f->data, f->len);
		timers_advance(&ts, ts.now_ms);
	}
}

/* Run the clock forward in steps, delivering frames between steps. */
void h_run_ms(uint64_t ms)
{
	uint64_t end = ts.now_ms + ms;

	h_pump();
	while (ts.now_ms < end) {
		int64_t next = timers_next_ms(&ts);
		uint64_t t = next < 0 ? end : ts.now_ms + (uint64_t)next;
		if (t > end)
			t = end;
		if (t == ts.now_ms)
			t++;
		timers_advance(&ts, t);
		h_pump();
	}
}

static void send_frame(void *ctx, const uint8_t *frame, size_t len,
		       bool lcp)
{
	struct end *e = ctx;
	struct rd r = rd_init(frame, len);

	e->frames_sent++;
	assert_true(ppp_hdr_parse(&r, &e->last_proto));
	if (lcp)
		e->lcp_frames_default_accm = true;
	if (h_capture && e->idx == 0) {
		assert_true(h_nsent < H_QMAX);
		h_sent[h_nsent].to = 1;
		h_sent[h_nsent].len = len;
		memcpy(h_sent[h_nsent].data, frame, len);
		h_nsent++;
		return;
	}
	if (!drop_all)
		q_push(1 - e->idx, frame, len);
}

static void link_params(void *ctx, const struct lcp_neg *neg)
{
	struct end *e = ctx;

	if (neg)
		e->params_on++;
	else
		e->params_off++;
}

static void ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct end *e = ctx;

	e->ip_ups++;
	e->local = local;
	e->peer = peer;
	e->mtu = mtu;
}

static void ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	(void)local;
	(void)peer;
	((struct end *)ctx)->ip_downs++;
}

static void ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	struct end *e = ctx;

	assert_true(len <= sizeof(e->last_ip));
	memcpy(e->last_ip, pkt, len);
	e->last_ip_len = len;
	e->ip_in++;
}

static void link_down(void *ctx, const char *reason)
{
	struct end *e = ctx;

	e->link_downs++;
	e->down_reason = reason;
}

static void rnd(void *ctx, void *buf, size_t n)
{
	uint8_t *b = buf;

	(void)ctx;
	for (size_t i = 0; i < n; i++) {
		rnd_state = rnd_state * 1103515245u + 12345u;
		b[i] = (uint8_t)(rnd_state >> 16);
	}
}

static bool p_alloc(void *ctx, const char *name, uint32_t *addr)
{
	(void)ctx;
	return strcmp(name, pool->name) == 0 && pool_alloc(pool, addr);
}

static void p_release(void *ctx, const char *name, uint32_t addr)
{
	(void)ctx;
	(void)name;
	pool_release(pool, addr);
}

static void cb_needed(void *ctx, const struct ppp_callback *cb)
{
	struct end *e = ctx;

	e->cb_needed++;
	e->cb = *cb;
}

static void cb_agreed(void *ctx, const char *number, unsigned delay_s)
{
	struct end *e = ctx;

	e->cb_agreed++;
	strncpy(e->agreed_number, number, sizeof(e->agreed_number) - 1);
	e->agreed_delay_s = delay_s;
}

static void cbcp_ask(void *ctx, unsigned offer)
{
	struct end *e = ctx;

	e->cbcp_asks++;
	e->ask_offer = offer;
}

const struct ppp_session_ops h_ops = {
	.send_frame = send_frame,
	.link_params = link_params,
	.ip_up = ip_up,
	.ip_down = ip_down,
	.ip_input = ip_input,
	.link_down = link_down,
	.random = rnd,
	.pool_alloc = p_alloc,
	.pool_release = p_release,
	.callback_needed = cb_needed,
	.callback_agreed = cb_agreed,
	.cbcp_ask = cbcp_ask,
};

void h_base_cfg(struct ppp_session_cfg *c, const char *ifn,
		     const char *shortn)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->ifname, ifn);
	strcpy(c->ifshort, shortn);
	lcp_cfg_default(&c->lcp, true);
	cp_fsm_cfg_default(&c->fsm);
	c->ip = true;
	c->auth_timeout_ms = 10000;
	c->auth_phase_ms = 60000;
}

void h_server_cfg(struct ppp_session_cfg *c, enum lcp_auth a)
{
	h_base_cfg(c, "Async1", "As1");
	c->lcp.auth_require[0] = a;
	c->ipcp.local_addr = IP(10, 0, 0, 1);
	c->ipcp.dns[0] = IP(10, 0, 0, 53);
	strcpy(c->peer_pool, "default");
	strcpy(c->chap_name, "nas");
}

void h_client_cfg(struct ppp_session_cfg *c, const char *secret)
{
	h_base_cfg(c, "Async1", "As1");
	c->ipcp.local_negotiated = true;
	c->ipcp.want_dns = true;
	strcpy(c->chap_name, "bob");
	strcpy(c->chap_secret, secret);
	strcpy(c->pap_user, "bob");
	strcpy(c->pap_password, secret);
}

struct aaa_user *h_add_user(const char *name, const char *pw)
{
	struct aaa_user *u = &cur_db->users[cur_db->n_users++];

	memset(u, 0, sizeof(*u));
	strcpy(u->name, name);
	strcpy(u->password, pw);
	u->has_password = true;
	u->callback_rotary = -1;
	u->callback_line_first = u->callback_line_last = -1;
	return u;
}

int h_setup(void **state)
{
	struct aaa_db *db = calloc(1, sizeof(*db));

	(void)state;
	h_seen = 0;
	h_skip_echo = false;
	timers_init(&ts, 0);
	fake_log_init(&fl);
	qhead = qtail = 0;
	drop_all = false;
	h_capture = false;
	h_nsent = 0;
	memset(E, 0, sizeof(E));
	E[0].idx = 0;
	E[1].idx = 1;
	aaa = aaa_new(&ts, &fl.lg);
	db->users = calloc(8, sizeof(*db->users));
	cur_db = db;
	h_add_user("bob", "cisco");
	aaa_set_db(aaa, db);
	pool = pool_new("default");
	pool_add_range(pool, IP(10, 0, 0, 100), IP(10, 0, 0, 101));
	return 0;
}

int h_teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++)
		ppp_session_free(E[i].s);
	aaa_free(aaa);
	assert_int_equal(pool->in_use, 0); /* addresses given back */
	pool_free(pool);
	timers_fini(&ts);
	assert_false(fake_log_has(&fl, "cisco"));
	fake_log_fini(&fl);
	return 0;
}

void h_start_both(const struct ppp_session_cfg *a,
		       const struct ppp_session_cfg *b)
{
	E[0].s = ppp_session_new(a, &h_ops, &E[0], aaa, &ts, &fl.lg);
	E[1].s = ppp_session_new(b, &h_ops, &E[1], aaa, &ts, &fl.lg);
	assert_non_null(E[0].s);
	assert_non_null(E[1].s);
	ppp_session_start(E[0].s);
	ppp_session_start(E[1].s);
}


/* ---- capture-mode checks ---- */

const uint8_t *h_sent_payload(const struct h_frame *f, uint16_t *proto,
			      size_t *len)
{
	const uint8_t *p = f->data;
	size_t n = f->len;

	if (n >= 2 && p[0] == 0xff && p[1] == 0x03) {
		p += 2;
		n -= 2;
	}
	assert_true(n >= 1);
	if (p[0] & 1) { /* PFC */
		*proto = p[0];
		p++;
		n--;
	} else {
		assert_true(n >= 2);
		*proto = (uint16_t)(p[0] << 8 | p[1]);
		p += 2;
		n -= 2;
	}
	*len = n;
	return p;
}

static void skip_echo(void)
{
	while (h_skip_echo && h_seen < h_nsent) {
		uint16_t proto;
		size_t len;
		const uint8_t *p = h_sent_payload(&h_sent[h_seen], &proto, &len);

		if (proto != 0xC021 || len < 1 || p[0] != 9)
			return;
		h_seen++;
	}
}

const uint8_t *h_next_sent(uint16_t proto, size_t *len)
{
	uint16_t got;
	const uint8_t *p;

	skip_echo();
	if (h_seen >= h_nsent) {
		fake_log_dump(&fl);
		fail_msg("no frame sent (expected protocol 0x%04X)", proto);
	}
	p = h_sent_payload(&h_sent[h_seen++], &got, len);
	if (got != proto) {
		fake_log_dump(&fl);
		fail_msg("sent protocol 0x%04X, expected 0x%04X", got, proto);
	}
	return p;
}

void h_expect_sent(uint16_t proto, const uint8_t *want, size_t n)
{
	size_t len;
	const uint8_t *p = h_next_sent(proto, &len);

	assert_int_equal(len, n);
	assert_memory_equal(p, want, n);
}

void h_expect_nothing(void)
{
	skip_echo();
	if (h_seen != h_nsent) {
		uint16_t proto;
		size_t len;
		const uint8_t *p = h_sent_payload(&h_sent[h_seen], &proto, &len);

		fake_log_dump(&fl);
		fail_msg("unexpected frame: protocol 0x%04X code %u id %u",
			 proto, len ? p[0] : 0, len > 1 ? p[1] : 0);
	}
}

void h_feed(uint16_t proto, const uint8_t *pkt, size_t n)
{
	uint8_t frame[1600];

	assert_true(n + 4 <= sizeof(frame));
	frame[0] = 0xff;
	frame[1] = 0x03;
	frame[2] = (uint8_t)(proto >> 8);
	frame[3] = (uint8_t)proto;
	memcpy(frame + 4, pkt, n);
	ppp_session_input(E[0].s, frame, n + 4);
}
