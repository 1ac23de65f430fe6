/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctl.c - l2tpgen's LAC: nasd's L2TP core (src/l2tp) on one UDP socket
 * (src/io udp.h, batched recvmmsg/sendmmsg), the tunnels (RFC 2661
 * §5.1, SCCRQ/SCCRP/SCCCN with tunnel authentication) and the incoming
 * calls placed on them at --rate (§5.2.1, ICRQ/ICRP/ICCN).  The core does
 * the reliable delivery (§5.8); this file only feeds it datagrams, paces
 * the calls and hands each call's frames to its PPP client (sess.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "l2tp_codec.h"
#include "l2tpgen.h"
#include "rand.h"

/* Receive buffer: a burst of 10,000 calls' replies must not overflow. */
#define GEN_RCVBUF (8 * 1024 * 1024)
/* recvmmsg batches per wake-up before the timers get a turn. */
#define GEN_RX_BATCHES 16
/* Pacing tick for --rate (ms). */
#define GEN_PACE_MS 5

void gen_ctl_flush(struct gen *gen)
{
	if (gen->fd < 0)
		return;
	udp_tx_flush(gen->fd, &gen->tx);
	gen->st.udp_tx_dropped = gen->tx.dropped;
}

static void flush_cb(void *arg)
{
	gen_ctl_flush(arg);
}

/* ---- the core's ops ---- */

static void op_send(void *ctx, const struct l2tp_peer *peer, const uint8_t *hdr,
		    size_t hdr_len, const uint8_t *payload, size_t payload_len)
{
	struct gen *gen = ctx;
	size_t len = hdr_len + payload_len;
	uint8_t *slot;

	if (gen->fd < 0 || len > UDP_DGRAM_MAX)
		return;
	slot = udp_tx_slot(&gen->tx);
	if (!slot) {
		gen_ctl_flush(gen);
		slot = udp_tx_slot(&gen->tx);
		if (!slot)
			return;
	}
	memcpy(slot, hdr, hdr_len);
	if (payload_len)
		memcpy(slot + hdr_len, payload, payload_len);
	udp_tx_commit(&gen->tx, len, 0, peer->ip, peer->port);
	loop_defer(gen->loop, &gen->flush, flush_cb, gen);
}

void gen_random(struct gen *gen, void *buf, size_t n)
{
	if (rand_pool_bytes(&gen->rand, buf, n) != 0)
		memset(buf, 0x5a, n);
}

static void op_random(void *ctx, void *buf, size_t len)
{
	gen_random(ctx, buf, len);
}

static void op_tunnel_up(void *ctx, struct l2tp_tunnel *t)
{
	struct gen *gen = ctx;
	struct gen_tun *tun = l2tp_tunnel_user(t);
	bool all = true;

	tun->up = true;
	for (unsigned i = 0; i < gen->o.tunnels; i++)
		all = all && gen->tuns[i].up;
	if (all)
		gen->st.tunnels_up_ms = timers_now(gen->ts);
}

static void op_tunnel_down(void *ctx, struct l2tp_tunnel *t,
			   const struct l2tp_result *why)
{
	struct gen *gen = ctx;
	struct gen_tun *tun = l2tp_tunnel_user(t);
	struct l2tp_tunnel_status st;

	l2tp_tunnel_get_status(t, &st);
	tun->retransmits += st.retransmits;
	tun->t = NULL;
	if (!tun->up)
		tun->failed = true;
	if (!gen->o.quiet)
		fprintf(stderr,
			"l2tpgen: tunnel %u down: %s (result %u, error %u)\n",
			st.local_id,
			why && why->reason    ? why->reason
			: why && why->by_peer ? "StopCCN from the LNS"
					      : "closed",
			why ? why->result : 0, why ? why->error : 0);
	/* Calls still waiting to be placed on it can no longer be. */
	gen_check_setup(gen);
}

static void op_session_reply(void *ctx, struct l2tp_session *ls)
{
	struct gen_sess *s = l2tp_session_user(ls);
	struct l2tp_connect_info info;

	(void)ctx;
	if (!s)
		return;
	gen_sess_connect_info(s, &info);
	if (l2tp_session_connect(ls, &info) != 0)
		gen_sess_over(s, GEN_S_FAILED, "ICCN not sent");
}

static void op_session_connected(void *ctx, struct l2tp_session *ls,
				 const struct l2tp_connect_info *info)
{
	struct gen_sess *s = l2tp_session_user(ls);

	(void)ctx;
	(void)info;
	if (s)
		gen_sess_connected(s);
}

static void op_session_down(void *ctx, struct l2tp_session *ls,
			    const struct l2tp_result *why)
{
	struct gen_sess *s = l2tp_session_user(ls);

	(void)ctx;
	if (!s)
		return;
	s->ls = NULL;
	gen_sess_l2tp_down(s, why && why->reason    ? why->reason
			      : why && why->by_peer ? "CDN from the LNS"
						    : "call cleared");
}

static void op_session_data(void *ctx, struct l2tp_session *ls,
			    const uint8_t *frame, size_t len)
{
	struct gen_sess *s = l2tp_session_user(ls);

	(void)ctx;
	if (s)
		gen_sess_input(s, frame, len);
}

static const struct l2tp_ops gen_l2tp_ops = {
	.send = op_send,
	.random = op_random,
	.tunnel_up = op_tunnel_up,
	.tunnel_down = op_tunnel_down,
	.session_reply = op_session_reply,
	.session_connected = op_session_connected,
	.session_down = op_session_down,
	.session_data = op_session_data,
};

/* ---- socket ---- */

static void on_readable(struct loop_fd *h, uint32_t revents)
{
	struct gen *gen = h->arg;

	(void)revents;
	for (int b = 0; b < GEN_RX_BATCHES && gen->fd >= 0; b++) {
		int n = udp_recv_batch(gen->fd, &gen->rx);

		if (n <= 0)
			break;
		for (int i = 0; i < n; i++) {
			const struct udp_dgram *d = &gen->rx.d[i];
			struct l2tp_peer peer = {d->src_ip, d->src_port};

			if (!d->truncated)
				l2tp_input(gen->l2tp, &peer, d->data, d->len);
		}
		if (!gen->rx.full)
			break;
	}
	gen_ctl_flush(gen);
}

int gen_ctl_open(struct gen *gen)
{
	char err[256];

	gen->fd = udp_open(gen->o.bind_ip, 0, GEN_RCVBUF, err, sizeof(err));
	if (gen->fd < 0) {
		fprintf(stderr, "l2tpgen: %s\n", err);
		return -1;
	}
	if (udp_rx_init(&gen->rx) || udp_tx_init(&gen->tx) ||
	    !(gen->l2tp = l2tp_new(&gen_l2tp_ops, gen, gen->ts, &gen->log)) ||
	    loop_fd_add(gen->loop, &gen->lfd, gen->fd, LOOP_IN, on_readable,
			gen)) {
		fprintf(stderr, "l2tpgen: out of memory\n");
		return -1;
	}
	return 0;
}

void gen_ctl_close(struct gen *gen)
{
	loop_defer_cancel(&gen->flush);
	loop_fd_del(&gen->lfd);
	l2tp_free(gen->l2tp);
	gen->l2tp = NULL;
	udp_rx_fini(&gen->rx);
	udp_tx_fini(&gen->tx);
	if (gen->fd >= 0)
		close(gen->fd);
	gen->fd = -1;
}

/* ---- tunnels and calls ---- */

static void tunnel_cfg(const struct gen *gen, struct gen_tun *tun,
		       struct l2tp_tunnel_cfg *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->local_name, sizeof(c->local_name), "%s", gen->o.hostname);
	memcpy(c->secret, gen->o.secret, gen->o.secret_len);
	c->secret_len = gen->o.secret_len;
	c->authenticate = gen->o.secret_len > 0;
	c->hide_avps = gen->o.hidden;
	c->hide_pad_max = gen->o.hidden ? 8 : 0;
	c->rx_window = (uint16_t)gen->o.window;
	c->rtx_min_ms = gen->o.rtx_ms;
	snprintf(c->vendor_name, sizeof(c->vendor_name), "l2tpgen");
	c->user = tun;
}

/* Place call number gen->started on its tunnel (round robin). */
static void start_call(struct gen *gen)
{
	struct gen_sess *s = &gen->sess[gen->started];
	struct gen_tun *tun = &gen->tuns[gen->started % gen->o.tunnels];
	struct l2tp_call_info call;

	gen->started++;
	s->tun = tun;
	s->start_ms = timers_now(gen->ts);
	if (!tun->t) {
		gen_sess_over(s, GEN_S_FAILED, "tunnel down");
		return;
	}
	memset(&call, 0, sizeof(call));
	call.bearer_type = L2TP_BEARER_DIGITAL;
	snprintf(call.calling, sizeof(call.calling), "%u", s->idx + 1);
	snprintf(call.called, sizeof(call.called), "l2tpgen");
	snprintf(call.ifname, sizeof(call.ifname), "%s", s->ifshort);
	s->ls = l2tp_session_incoming(tun->t, &call, NULL, s);
	if (!s->ls) {
		gen_sess_over(s, GEN_S_FAILED, "no L2TP session");
		return;
	}
	s->state = GEN_S_L2TP;
	if (gen_sess_create(s) != 0) {
		l2tp_session_close(s->ls, L2TP_CDN_TEMP_FACILITIES, 0, 0);
		s->ls = NULL;
		gen_sess_over(s, GEN_S_FAILED, "out of memory");
	}
}

static void pace_cb(void *arg)
{
	struct gen *gen = arg;
	double elapsed_s =
		(double)(timers_now(gen->ts) - gen->st.t0_ms) / 1000.0;
	double due = elapsed_s * gen->o.rate + 1.0;

	while (gen->started < gen->o.sessions && (double)gen->started < due)
		start_call(gen);
	if (gen->started < gen->o.sessions)
		timer_arm(&gen->pace, GEN_PACE_MS);
	gen_check_setup(gen);
}

void gen_ctl_start(struct gen *gen)
{
	struct l2tp_tunnel_cfg c;
	struct l2tp_peer peer = {gen->o.lns_ip, gen->o.lns_port};

	gen->st.t0_ms = timers_now(gen->ts);
	for (unsigned i = 0; i < gen->o.tunnels; i++) {
		struct gen_tun *tun = &gen->tuns[i];

		tunnel_cfg(gen, tun, &c);
		tun->t = l2tp_tunnel_open(gen->l2tp, &peer, &c);
		memset(c.secret, 0, sizeof(c.secret));
		if (!tun->t)
			tun->failed = true;
	}
	timer_init(&gen->pace, gen->ts, pace_cb, gen);
	if (gen->o.rate > 0) {
		pace_cb(gen);
		return;
	}
	/* As fast as the window allows: every ICRQ is queued at once and
	 * the core's reliable delivery releases them window by window. */
	while (gen->started < gen->o.sessions)
		start_call(gen);
	gen_check_setup(gen);
}

void gen_ctl_teardown(struct gen *gen)
{
	timer_cancel(&gen->pace);
	for (unsigned i = 0; i < gen->o.tunnels; i++) {
		struct gen_tun *tun = &gen->tuns[i];
		struct l2tp_tunnel_status st;

		if (!tun->t)
			continue;
		l2tp_tunnel_get_status(tun->t, &st);
		tun->retransmits += st.retransmits;
		l2tp_tunnel_close(tun->t, L2TP_STOP_CLEAR, 0);
		tun->t = NULL;
	}
	gen_ctl_flush(gen);
}

uint64_t gen_ctl_retransmits(const struct gen *gen)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < gen->o.tunnels; i++) {
		const struct gen_tun *tun = &gen->tuns[i];
		struct l2tp_tunnel_status st;

		n += tun->retransmits;
		if (tun->t) {
			l2tp_tunnel_get_status(tun->t, &st);
			n += st.retransmits;
		}
	}
	return n;
}
