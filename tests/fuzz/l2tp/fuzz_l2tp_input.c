/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_l2tp_input - a whole L2TP instance (accepting every tunnel, with a
 * tunnel password) fed arbitrary datagrams while a fake clock advances
 * and the glue acts.  Nothing is asserted but the absence of crashes,
 * sanitizer reports and leaks (l2tp_free() must release everything).
 *
 * Input: records of [op][len][len octets].  op % 8:
 *   0-3  a datagram from peer A (port 1701) or, op 1, from A's port 4000,
 *        op 2 from peer B; op 3 the same datagram twice
 *   4    advance the clock by (len * 97) ms
 *   5    open a tunnel to A and add an incoming call (LAC)
 *   6    the glue acts on the newest session: send data, close it,
 *        answer a dial-out, send SLI/WEN (chosen by len)
 *   7    close the newest tunnel, or an outgoing call on it
 * Tunnel and session ids are 1..8 (test hooks) so datagrams can hit them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every octet the core hands out is read, so ASan checks its bounds. */
static volatile uint8_t g_sink;

struct glue {
	struct l2tp *l2tp;
	struct l2tp_tunnel *tunnel;   /* newest the glue may use */
	struct l2tp_session *session; /* newest the glue may use */
	uint32_t rng;
	int accept_rc;
};

static void op_send(void *ctx, const struct l2tp_peer *peer, const uint8_t *hdr,
		    size_t hdr_len, const uint8_t *payload, size_t payload_len)
{
	(void)ctx;
	(void)peer;
	for (size_t i = 0; i < hdr_len; i++)
		g_sink ^= hdr[i];
	for (size_t i = 0; i < payload_len; i++)
		g_sink ^= payload[i];
}

static void op_random(void *ctx, void *buf, size_t len)
{
	struct glue *g = ctx;
	uint8_t *b = buf;

	for (size_t i = 0; i < len; i++) {
		g->rng = g->rng * 1103515245u + 12345u;
		b[i] = (uint8_t)(g->rng >> 16);
	}
}

static bool op_accept(void *ctx, const struct l2tp_peer *peer, const char *host,
		      struct l2tp_tunnel_cfg *cfg)
{
	(void)ctx;
	(void)host;
	if (peer->ip == 0x0A000002)
		return false;
	memcpy(cfg->secret, "secret", 6);
	cfg->secret_len = peer->port == 1701 ? 6 : 0;
	cfg->authenticate = peer->port == 1701;
	cfg->bearer_caps = 3;
	return true;
}

static void op_up(void *ctx, struct l2tp_tunnel *t)
{
	struct glue *g = ctx;

	g->tunnel = t;
}

static void op_tdown(void *ctx, struct l2tp_tunnel *t,
		     const struct l2tp_result *why)
{
	struct glue *g = ctx;

	(void)why;
	if (g->tunnel == t)
		g->tunnel = NULL;
	if (g->session && l2tp_session_tunnel(g->session) == t)
		g->session = NULL;
}

static int op_incoming(void *ctx, struct l2tp_session *s,
		       const struct l2tp_call_info *info)
{
	struct glue *g = ctx;

	(void)info;
	g->session = s;
	return g->accept_rc;
}

static int op_ocrq(void *ctx, struct l2tp_session *s,
		   const struct l2tp_ocrq_info *info)
{
	struct glue *g = ctx;

	(void)info;
	g->session = s;
	return 0;
}

static void op_reply(void *ctx, struct l2tp_session *s)
{
	struct l2tp_connect_info c = {.tx_speed_bps = 9600};

	(void)ctx;
	l2tp_session_connect(s, &c);
}

static void op_connected(void *ctx, struct l2tp_session *s,
			 const struct l2tp_connect_info *c)
{
	struct glue *g = ctx;

	(void)c;
	g->session = s;
	/* Re-entrant use from inside an op is allowed. */
	l2tp_session_send(s, (const uint8_t *)"\xff\x03", 2);
}

static void op_sdown(void *ctx, struct l2tp_session *s,
		     const struct l2tp_result *why)
{
	struct glue *g = ctx;

	(void)why;
	if (g->session == s)
		g->session = NULL;
}

static void op_data(void *ctx, struct l2tp_session *s, const uint8_t *f,
		    size_t len)
{
	(void)ctx;
	(void)s;
	for (size_t i = 0; i < len; i++)
		g_sink ^= f[i];
}

static const struct l2tp_ops ops = {
	.send = op_send,
	.random = op_random,
	.tunnel_accept = op_accept,
	.tunnel_up = op_up,
	.tunnel_down = op_tdown,
	.session_incoming = op_incoming,
	.session_ocrq = op_ocrq,
	.session_reply = op_reply,
	.session_connected = op_connected,
	.session_down = op_sdown,
	.session_data = op_data,
};

static void refill_ids(struct l2tp *l2tp)
{
	if (l2tp->test_nids)
		return;
	for (unsigned i = 0; i < 8; i++)
		l2tp->test_ids[i] = (uint16_t)(i + 1);
	l2tp->test_nids = 8;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timers ts;
	struct logger lg = {
		.sink = NULL, .debug = ~(uint64_t)0, .level = LOG_LVL_DEBUG};
	struct glue g = {.rng = 1};
	struct rd r = rd_init(data, size);
	struct l2tp_peer a = {.ip = 0x0A000001, .port = 1701};
	struct l2tp_peer a2 = {.ip = 0x0A000001, .port = 4000};
	struct l2tp_peer b = {.ip = 0x0A000002, .port = 1701};
	uint8_t op, len;

	timers_init(&ts, 0);
	g.l2tp = l2tp_new(&ops, &g, &ts, &lg);
	if (!g.l2tp)
		abort();
	while (rd_u8(&r, &op) && rd_u8(&r, &len)) {
		struct rd d;

		if (!rd_sub(&r, len <= rd_left(&r) ? len : rd_left(&r), &d))
			break;
		refill_ids(g.l2tp);
		switch (op % 8) {
		case 0:
		case 1:
		case 2:
		case 3: {
			const struct l2tp_peer *p = op % 8 == 1	  ? &a2
						    : op % 8 == 2 ? &b
								  : &a;

			l2tp_input(g.l2tp, p, d.p, d.len);
			if (op % 8 == 3)
				l2tp_input(g.l2tp, p, d.p, d.len);
			break;
		}
		case 4:
			timers_advance(&ts,
				       timers_now(&ts) + (uint64_t)len * 97);
			break;
		case 5: {
			struct l2tp_tunnel_cfg cfg;
			struct l2tp_connect_info c = {.tx_speed_bps = 64000};
			struct l2tp_tunnel *t;

			memset(&cfg, 0, sizeof(cfg));
			cfg.secret_len = 6;
			memcpy(cfg.secret, "secret", 6);
			cfg.authenticate = len & 1;
			cfg.hide_avps = len & 2;
			cfg.hide_pad_max = len >> 4;
			cfg.bearer_caps = len & 4 ? 1 : 0;
			t = l2tp_tunnel_lookup(g.l2tp, &a, NULL);
			if (!t)
				t = l2tp_tunnel_open(g.l2tp, &a, &cfg);
			if (t)
				g.session = l2tp_session_incoming(
					t, NULL, len & 8 ? &c : NULL, NULL);
			if (!g.tunnel)
				g.tunnel = t;
			break;
		}
		case 6:
			if (!g.session)
				break;
			switch (len % 5) {
			case 0:
				l2tp_session_send(g.session, d.p, d.len);
				break;
			case 1:
				l2tp_session_close(g.session, 3, 0, len);
				g.session = NULL;
				break;
			case 2:
				l2tp_session_dialout_result(g.session, len & 8,
							    NULL, 8, 0, 17, 0);
				if (!(len & 8))
					g.session = NULL;
				break;
			case 3:
				l2tp_session_send_sli(g.session, 0, ~0u);
				break;
			default: {
				struct l2tp_wen_info w = {.crc = len};

				l2tp_session_send_wen(g.session, &w);
				break;
			}
			}
			break;
		default:
			if (!g.tunnel)
				break;
			if (len & 1) {
				l2tp_tunnel_close(g.tunnel, 1, 0);
				if (g.session &&
				    l2tp_session_tunnel(g.session) == g.tunnel)
					g.session = NULL;
				g.tunnel = NULL;
			} else {
				struct l2tp_ocrq_info o = {.max_bps = 1};
				struct l2tp_session *s = l2tp_session_outgoing(
					g.tunnel, &o, NULL);

				if (s)
					g.session = s;
			}
			break;
		}
	}
	l2tp_free(g.l2tp);
	timers_fini(&ts);
	return 0;
}
