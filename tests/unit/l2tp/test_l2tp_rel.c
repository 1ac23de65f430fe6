/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_l2tp_rel.c - reliable delivery (RFC 2661 §5.8) against a scripted
 * peer on a fake clock: the ZLB delay and piggybacked acks, duplicates
 * re-acknowledged and not delivered twice, reordering, a full window,
 * the 1-2-4-8-8 s backoff with a refreshed Nr and the teardown after 5
 * retries, the 16-bit wrap, Hello after silence, and the 31 s hold after
 * StopCCN.  The instance under test is an LNS; the test writes the LAC's
 * datagrams with the codec.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fake_log.h"
#include "l2tp_int.h"

#define PEER_TID 45029
#define MAXS 256

struct sent {
	uint64_t t_ms;
	uint16_t type, ns, nr, sid;
	size_t len;
};

struct fix {
	struct timers ts;
	struct fake_log fl;
	struct l2tp *l2tp;
	struct l2tp_peer peer;
	struct sent s[MAXS];
	unsigned ns_sent;
	unsigned up, down, incoming, data;
	struct l2tp_tunnel *tunnel;
	uint16_t tid;	  /* the LNS's tunnel id, from its SCCRP */
	uint16_t peer_ns; /* the scripted peer's next Ns */
	uint32_t rng;
};

static void op_send(void *ctx, const struct l2tp_peer *peer, const uint8_t *hdr,
		    size_t hdr_len, const uint8_t *payload, size_t payload_len)
{
	struct fix *f = ctx;
	struct sent *s = &f->s[f->ns_sent++ % MAXS];

	(void)peer;
	(void)payload;
	assert_true(hdr_len >= 12 || payload_len);
	s->t_ms = timers_now(&f->ts);
	s->len = hdr_len;
	s->sid = (uint16_t)(hdr[6] << 8 | hdr[7]);
	s->ns = (uint16_t)(hdr[8] << 8 | hdr[9]);
	s->nr = (uint16_t)(hdr[10] << 8 | hdr[11]);
	s->type = hdr_len >= 20 ? (uint16_t)(hdr[18] << 8 | hdr[19]) : 0;
	if (s->type == L2TP_MSG_SCCRP)
		f->tid = l2tp_tunnel_local_id(f->l2tp->tunnel_list);
}

static void op_random(void *ctx, void *buf, size_t len)
{
	struct fix *f = ctx;
	uint8_t *b = buf;

	for (size_t i = 0; i < len; i++) {
		f->rng = f->rng * 1103515245u + 12345u;
		b[i] = (uint8_t)(f->rng >> 16);
	}
}

static bool op_accept(void *ctx, const struct l2tp_peer *peer, const char *host,
		      struct l2tp_tunnel_cfg *cfg)
{
	(void)ctx;
	(void)peer;
	(void)host;
	snprintf(cfg->local_name, sizeof(cfg->local_name), "LNS");
	return true;
}

static void op_up(void *ctx, struct l2tp_tunnel *t)
{
	struct fix *f = ctx;

	f->up++;
	f->tunnel = t;
}

static void op_down(void *ctx, struct l2tp_tunnel *t,
		    const struct l2tp_result *why)
{
	struct fix *f = ctx;

	(void)t;
	(void)why;
	f->down++;
}

static int op_incoming(void *ctx, struct l2tp_session *s,
		       const struct l2tp_call_info *info)
{
	struct fix *f = ctx;

	(void)s;
	(void)info;
	f->incoming++;
	return 0;
}

static void op_data(void *ctx, struct l2tp_session *s, const uint8_t *fr,
		    size_t len)
{
	struct fix *f = ctx;

	(void)s;
	(void)fr;
	(void)len;
	f->data++;
}

static const struct l2tp_ops ops = {
	.send = op_send,
	.random = op_random,
	.tunnel_accept = op_accept,
	.tunnel_up = op_up,
	.tunnel_down = op_down,
	.session_incoming = op_incoming,
	.session_data = op_data,
};

static void fix_init(struct fix *f, bool wrap)
{
	memset(f, 0, sizeof(*f));
	timers_init(&f->ts, 0);
	fake_log_init(&f->fl);
	f->rng = 7;
	f->peer.ip = 0x12121201;
	f->peer.port = 1701;
	f->l2tp = l2tp_new(&ops, f, &f->ts, &f->fl.lg);
	assert_non_null(f->l2tp);
	if (wrap) {
		f->l2tp->test_ns_set = true;
		f->l2tp->test_ns_start = 65534;
		f->peer_ns = 65534;
	}
}

static void fix_fini(struct fix *f)
{
	l2tp_free(f->l2tp);
	fake_log_fini(&f->fl);
	timers_fini(&f->ts);
}

/* Move the clock deadline by deadline, so every timer runs at its own
 * time (one big timers_advance() would run them all at the end). */
static void advance(struct fix *f, uint64_t ms)
{
	uint64_t end = timers_now(&f->ts) + ms;
	int64_t next;

	while ((next = timers_next_ms(&f->ts)) >= 0 &&
	       timers_now(&f->ts) + (uint64_t)next <= end)
		timers_advance(&f->ts, timers_now(&f->ts) + (uint64_t)next);
	timers_advance(&f->ts, end);
}

/* Send a control message from the scripted peer with an explicit Ns. */
static void peer_send_ns(struct fix *f, struct l2tp_msg *m, uint16_t sid,
			 uint16_t ns, uint16_t nr)
{
	uint8_t b[512];
	struct wr w = wr_init(b, sizeof(b));
	struct l2tp_hdr h = {
		.control = true,
		.has_length = true,
		.has_seq = true,
		.tunnel_id = m && m->type == L2TP_MSG_SCCRQ ? 0 : f->tid,
		.session_id = sid,
		.ns = ns,
		.nr = nr};

	l2tp_hdr_write(&w, &h);
	if (m)
		assert_true(l2tp_msg_write(&w, m, NULL, NULL, 0));
	l2tp_hdr_patch_length(&w);
	l2tp_input(f->l2tp, &f->peer, b, w.len);
}

/* The next message of the peer, in sequence. */
static void peer_send(struct fix *f, struct l2tp_msg *m, uint16_t sid,
		      uint16_t nr)
{
	peer_send_ns(f, m, sid, f->peer_ns, nr);
	if (m)
		f->peer_ns++;
}

static void msg(struct l2tp_msg *m, uint16_t type)
{
	memset(m, 0, sizeof(*m));
	m->type = type;
	if (type == L2TP_MSG_SCCRQ) {
		l2tp_msg_set(m, L2TP_AVP_PROTOCOL_VERSION);
		m->protocol_version = L2TP_PROTOCOL_VERSION;
		l2tp_msg_set(m, L2TP_AVP_HOST_NAME);
		m->host_name.p = (const uint8_t *)"LAC";
		m->host_name.len = 3;
		l2tp_msg_set(m, L2TP_AVP_FRAMING_CAP);
		m->framing_cap = 3;
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
		m->assigned_tunnel_id = PEER_TID;
	}
}

static void icrq(struct l2tp_msg *m, uint16_t sid)
{
	msg(m, L2TP_MSG_ICRQ);
	l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
	m->assigned_session_id = sid;
	l2tp_msg_set(m, L2TP_AVP_CALL_SERIAL);
	m->call_serial = sid;
}

static const struct sent *last(const struct fix *f)
{
	assert_true(f->ns_sent > 0);
	return &f->s[(f->ns_sent - 1) % MAXS];
}

/* SCCRQ → SCCRP → SCCCN: the tunnel is up, nothing left to ack. */
static void establish(struct fix *f)
{
	struct l2tp_msg m;
	uint16_t base = f->peer_ns;

	msg(&m, L2TP_MSG_SCCRQ);
	peer_send(f, &m, 0, base);
	assert_int_equal(f->ns_sent, 1);
	assert_int_equal(last(f)->type, L2TP_MSG_SCCRP);
	assert_int_equal(last(f)->ns, base);
	assert_int_equal(last(f)->nr, (uint16_t)(base + 1));
	assert_int_not_equal(f->tid, 0);
	msg(&m, L2TP_MSG_SCCCN);
	peer_send(f, &m, 0, (uint16_t)(base + 1));
	assert_int_equal(f->up, 1);
	advance(f, 100);
	assert_int_equal(f->ns_sent, 2); /* the ZLB for the SCCCN */
}

static void test_zlb_delay_and_piggyback(void **state)
{
	struct fix f;
	struct l2tp_msg m;

	(void)state;
	fix_init(&f, false);
	msg(&m, L2TP_MSG_SCCRQ);
	peer_send(&f, &m, 0, 0);
	msg(&m, L2TP_MSG_SCCCN);
	peer_send(&f, &m, 0, 1);
	assert_int_equal(f.ns_sent, 1); /* no ZLB at once */
	advance(&f, 40);
	assert_int_equal(f.ns_sent, 1);
	advance(&f, 10);
	assert_int_equal(f.ns_sent, 2);
	/* A ZLB: header only, Ns = next (1, not consumed), Nr 2. */
	assert_int_equal(last(&f)->len, 12);
	assert_int_equal(last(&f)->ns, 1);
	assert_int_equal(last(&f)->nr, 2);
	assert_int_equal(last(&f)->t_ms, 50);
	/* ICRQ: the ICRP carries the ack, no ZLB follows. */
	icrq(&m, 291);
	peer_send(&f, &m, 0, 1);
	assert_int_equal(f.ns_sent, 3);
	assert_int_equal(last(&f)->type, L2TP_MSG_ICRP);
	assert_int_equal(last(&f)->ns, 1); /* the ZLB took no Ns */
	assert_int_equal(last(&f)->nr, 3);
	assert_int_equal(last(&f)->sid, 291);
	advance(&f, 200);
	assert_int_equal(f.ns_sent, 3);
	fix_fini(&f);
}

/* A burst of messages with nothing to piggyback on (a LAC's ICCNs, or
 * here Hellos) is acked as soon as half our Receive Window is
 * unacknowledged: the peer may not send more than the window, and one
 * window per ZLB delay would cap a LAC at a few hundred calls a second. */
static void test_ack_at_half_window(void **state)
{
	const unsigned half = (L2TP_DEF_RX_WINDOW + 1) / 2;
	struct fix f;
	struct l2tp_msg m;
	unsigned sent0;

	(void)state;
	fix_init(&f, false);
	establish(&f);
	sent0 = f.ns_sent;
	for (unsigned i = 0; i < half - 1; i++) {
		msg(&m, L2TP_MSG_HELLO);
		peer_send(&f, &m, 0, 1);
	}
	assert_int_equal(f.ns_sent, sent0); /* still waiting to piggyback */
	msg(&m, L2TP_MSG_HELLO);
	peer_send(&f, &m, 0, 1);
	assert_int_equal(f.ns_sent, sent0 + 1);
	assert_int_equal(last(&f)->len, 12); /* a ZLB, at once */
	assert_int_equal(last(&f)->nr, f.peer_ns);
	assert_int_equal(last(&f)->t_ms, timers_now(&f.ts));
	/* The count starts again: one more waits for the delay. */
	msg(&m, L2TP_MSG_HELLO);
	peer_send(&f, &m, 0, 1);
	assert_int_equal(f.ns_sent, sent0 + 1);
	advance(&f, 60);
	assert_int_equal(f.ns_sent, sent0 + 2);
	assert_int_equal(last(&f)->nr, f.peer_ns);
	fix_fini(&f);
}

static void test_duplicates(void **state)
{
	struct fix f;
	struct l2tp_msg m;

	(void)state;
	fix_init(&f, false);
	establish(&f);
	/* The SCCCN again (our ZLB was lost): re-acked, not re-delivered. */
	msg(&m, L2TP_MSG_SCCCN);
	peer_send_ns(&f, &m, 0, 1, 1);
	advance(&f, 60);
	assert_int_equal(f.ns_sent, 3);
	assert_int_equal(last(&f)->type, 0);
	assert_int_equal(last(&f)->nr, 2);
	assert_int_equal(f.up, 1);
	/* The same ICRQ twice: one session, the duplicate re-acked. */
	icrq(&m, 291);
	peer_send(&f, &m, 0, 1);
	peer_send_ns(&f, &m, 0, 2, 1);
	advance(&f, 60);
	assert_int_equal(f.incoming, 1);
	assert_int_equal(last(&f)->type, 0);
	assert_int_equal(last(&f)->nr, 3);
	assert_true(fake_log_has(&f.fl, "Duplicate Ns 2, expected 3, "
					"re-acked"));
	fix_fini(&f);
}

static void test_reordering(void **state)
{
	struct fix f;
	struct l2tp_msg a, b;

	(void)state;
	fix_init(&f, false);
	establish(&f);
	icrq(&a, 291);
	icrq(&b, 292);
	peer_send_ns(&f, &b, 0, 3, 1); /* the second one first */
	advance(&f, 100);
	assert_int_equal(f.incoming, 0);
	assert_int_equal(f.ns_sent, 2);
	peer_send_ns(&f, &a, 0, 2, 1);
	assert_int_equal(f.incoming, 2);
	assert_int_equal(f.ns_sent, 4);
	assert_int_equal(f.s[2].sid, 291);
	assert_int_equal(f.s[2].nr, 3);
	assert_int_equal(f.s[3].sid, 292);
	assert_int_equal(f.s[3].nr, 4);
	fix_fini(&f);
}

static void test_full_window(void **state)
{
	struct fix f;
	struct l2tp_msg m;
	struct l2tp_tunnel_status st;

	(void)state;
	fix_init(&f, false);
	establish(&f); /* no Receive Window Size: the peer takes 4 */
	for (uint16_t i = 0; i < 6; i++) {
		icrq(&m, (uint16_t)(300 + i));
		peer_send(&f, &m, 0, 1);
	}
	assert_int_equal(f.incoming, 6);
	assert_int_equal(f.ns_sent, 2 + 4);
	l2tp_tunnel_get_status(f.tunnel, &st);
	assert_int_equal(st.tx_queued, 6);
	assert_int_equal(st.peer_window, 4);
	/* The peer acks two: two more go at once. */
	peer_send(&f, NULL, 0, 3);
	assert_int_equal(f.ns_sent, 2 + 6);
	assert_int_equal(f.s[6].ns, 5);
	assert_int_equal(f.s[7].ns, 6);
	assert_int_equal(f.s[7].sid, 305);
	peer_send(&f, NULL, 0, 7);
	l2tp_tunnel_get_status(f.tunnel, &st);
	assert_int_equal(st.tx_queued, 0);
	fix_fini(&f);
}

static void test_backoff_and_teardown(void **state)
{
	struct fix f;
	struct l2tp_msg m;
	uint64_t t0;
	static const uint64_t at[] = {1000, 3000, 7000, 15000, 23000};
	unsigned k = 0;

	(void)state;
	fix_init(&f, false);
	establish(&f);
	icrq(&m, 291);
	t0 = timers_now(&f.ts);
	peer_send(&f, &m, 0, 1); /* ICRP Ns 1, never acked */
	assert_int_equal(last(&f)->type, L2TP_MSG_ICRP);
	/* A Hello from the peer at +2 s that does not ack the ICRP: the
	 * retransmissions after it carry Nr 4. */
	advance(&f, 2000);
	msg(&m, L2TP_MSG_HELLO);
	peer_send(&f, &m, 0, 1);
	advance(&f, 29000 - 2000 - 10);
	assert_int_equal(f.down, 0);
	for (unsigned i = 0; i < f.ns_sent; i++) {
		if (f.s[i].type != L2TP_MSG_ICRP || f.s[i].t_ms == t0)
			continue;
		assert_true(k < 5);
		assert_int_equal(f.s[i].t_ms - t0, at[k]);
		assert_int_equal(f.s[i].ns, 1);
		assert_int_equal(f.s[i].nr, f.s[i].t_ms - t0 < 2000 ? 3 : 4);
		k++;
	}
	assert_int_equal(k, 5);
	/* 8 s after the fifth: cleared (31 s after the first send). */
	advance(&f, t0 + 31000 - timers_now(&f.ts) - 1);
	assert_int_equal(f.down, 0);
	advance(&f, 1);
	assert_int_equal(f.down, 1);
	advance(&f, 1);
	assert_null(l2tp_tunnel_find(f.l2tp, f.tid));
	fix_fini(&f);
}

static void test_wrap(void **state)
{
	struct fix f;
	struct l2tp_msg m;
	struct l2tp_tunnel_status st;

	(void)state;
	fix_init(&f, true);
	establish(&f); /* SCCRP Ns 65534; SCCCN Ns 65535 acked with Nr 0 */
	assert_int_equal(last(&f)->nr, 0);
	icrq(&m, 291);
	peer_send(&f, &m, 0, 65535); /* Ns 0 */
	assert_int_equal(last(&f)->ns, 65535);
	assert_int_equal(last(&f)->nr, 1);
	icrq(&m, 292);
	peer_send(&f, &m, 0, 65535); /* Ns 1 */
	assert_int_equal(last(&f)->ns, 0);
	assert_int_equal(last(&f)->nr, 2);
	assert_int_equal(f.incoming, 2);
	/* One ack across the wrap clears both. */
	peer_send(&f, NULL, 0, 1);
	l2tp_tunnel_get_status(f.tunnel, &st);
	assert_int_equal(st.tx_queued, 0);
	/* A stale duplicate from before the wrap is re-acked. */
	msg(&m, L2TP_MSG_SCCCN);
	peer_send_ns(&f, &m, 0, 65535, 65535);
	advance(&f, 60);
	assert_int_equal(last(&f)->type, 0);
	assert_int_equal(last(&f)->nr, 2);
	assert_int_equal(f.up, 1);
	fix_fini(&f);
}

static void test_hello(void **state)
{
	struct fix f;
	uint64_t t0;
	unsigned before;

	(void)state;
	fix_init(&f, false);
	establish(&f);
	t0 = timers_now(&f.ts) - 100; /* the SCCCN arrived here */
	before = f.ns_sent;
	advance(&f, 60000 - 100 - 10);
	assert_int_equal(f.ns_sent, before);
	advance(&f, 20);
	assert_int_equal(f.ns_sent, before + 1);
	assert_int_equal(last(&f)->type, L2TP_MSG_HELLO);
	assert_int_equal(last(&f)->sid, 0);
	assert_true(last(&f)->t_ms - t0 >= 60000);
	/* The peer acks; then data every 30 s keeps the tunnel quiet. */
	peer_send(&f, NULL, 0, 2);
	before = f.ns_sent;
	for (int i = 0; i < 4; i++) {
		uint8_t d[] = {0x00,	       0x02, (uint8_t)(f.tid >> 8),
			       (uint8_t)f.tid, 0,    9,
			       0xFF,	       0x03};

		advance(&f, 30000);
		l2tp_input(f.l2tp, &f.peer, d, sizeof(d));
	}
	assert_int_equal(f.ns_sent, before);
	advance(&f, 60000);
	assert_int_equal(f.ns_sent, before + 1);
	assert_int_equal(last(&f)->type, L2TP_MSG_HELLO);
	fix_fini(&f);
}

static void test_hold_after_stopccn(void **state)
{
	struct fix f;
	struct l2tp_msg m;
	uint64_t t0;

	(void)state;
	fix_init(&f, false);
	establish(&f);
	msg(&m, L2TP_MSG_STOPCCN);
	l2tp_msg_set(&m, L2TP_AVP_RESULT_CODE);
	m.result.result = 1;
	l2tp_msg_set(&m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m.assigned_tunnel_id = PEER_TID;
	t0 = timers_now(&f.ts);
	peer_send(&f, &m, 0, 1);
	assert_int_equal(f.down, 1);
	assert_int_equal(l2tp_tunnel_state(f.tunnel),
			 L2TP_TUNNEL_SHUTTING_DOWN);
	advance(&f, 60);
	assert_int_equal(last(&f)->type, 0);
	assert_int_equal(last(&f)->nr, 3);
	/* Our ZLB was lost: the StopCCN comes again and is re-acked. */
	advance(&f, 10000);
	peer_send_ns(&f, &m, 0, 2, 1);
	advance(&f, 60);
	assert_int_equal(last(&f)->type, 0);
	assert_int_equal(last(&f)->nr, 3);
	assert_int_equal(f.down, 1);
	advance(&f, t0 + 31000 - timers_now(&f.ts) - 1);
	assert_non_null(l2tp_tunnel_find(f.l2tp, f.tid));
	advance(&f, 2);
	assert_null(l2tp_tunnel_find(f.l2tp, f.tid));
	fix_fini(&f);
}

static void test_garbage_is_counted(void **state)
{
	struct fix f;
	struct l2tp_stats st;
	static const uint8_t junk[] = {0xC8, 0x02, 0x00, 0x05, 0, 0};
	static const uint8_t data[] = {0x00, 0x02, 0x12, 0x34, 0, 1, 0xFF};

	(void)state;
	fix_init(&f, false);
	l2tp_input(f.l2tp, &f.peer, junk, sizeof(junk));
	l2tp_input(f.l2tp, &f.peer, data, sizeof(data));
	l2tp_input(f.l2tp, &f.peer, data, 3);
	l2tp_get_stats(f.l2tp, &st);
	assert_int_equal(st.rx_datagrams, 3);
	assert_int_equal(st.rx_malformed, 2);
	assert_int_equal(st.rx_no_tunnel, 1);
	assert_true(fake_log_has(&f.fl, "L2TP: Dropped datagram from "
					"18.18.18.1:1701: Length field shorter "
					"than the header"));
	fix_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zlb_delay_and_piggyback),
		cmocka_unit_test(test_ack_at_half_window),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_reordering),
		cmocka_unit_test(test_full_window),
		cmocka_unit_test(test_backoff_and_teardown),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_hello),
		cmocka_unit_test(test_hold_after_stopccn),
		cmocka_unit_test(test_garbage_is_counted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
