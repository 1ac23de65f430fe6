/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_link.c - the PPP side of a nasdial connection: async HDLC framing
 * with the negotiated ACCM (RFC 1662 §4, §7.1), one ppp_session as the
 * authenticating client (RFC 1661; PAP RFC 1334, CHAP RFC 1994; IPCP RFC
 * 1332 with the RFC 1877 DNS options), and the data plane: a TUN device
 * with the IPCP address, a host route to the peer and optionally a default
 * route, the DNS servers in a resolv.conf-style file, PPP frames in a pcap.
 *
 * The session's link_down is never acted on inside the session: the dead
 * session is freed and the call machine told from a deferred callback.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp_print.h"
#include "nasdial.h"
#include "rand.h"

#define TUN_MTU 1500

static void capture(struct nasdial *nd, int dir, const uint8_t *frame,
		    size_t len)
{
	uint8_t rec[HDLC_FRAME_MAX_BYTES + 1];

	if (!nd->pcap || len + 1 > sizeof(rec))
		return;
	rec[0] = (uint8_t)dir;
	memcpy(rec + 1, frame, len);
	pcap_write(nd->pcap, loop_wall_ms(nd->loop) * 1000, rec, len + 1);
}

/* ---- the data plane ------------------------------------------------------ */

static void tun_read(struct loop_fd *h, uint32_t revents)
{
	struct nasdial *nd = h->arg;
	uint8_t pkt[65536];

	(void)revents;
	for (int i = 0; i < 64; i++) {
		ssize_t n = read(nd->tun_fd, pkt, sizeof(pkt));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		/* IPv4 only: there is no IPV6CP. */
		if (n < 20 || (pkt[0] >> 4) != 4 || !nd->sess)
			continue;
		ppp_session_send_ip(nd->sess, pkt, (size_t)n);
	}
}

int dial_link_tun_open(struct nasdial *nd)
{
	char err[256];
	int rc;

	nd->tun_fd = -1;
	if (!nd->o.tun[0]) {
		log_info(&nd->log,
			 "nasdial: no --tun: IPCP is negotiated but no IP "
			 "data plane is set up");
		return 0;
	}
	snprintf(nd->tun_name, sizeof(nd->tun_name), "%s", nd->o.tun);
	nd->tun_fd = tun_open(nd->tun_name, err, sizeof(err));
	if (nd->tun_fd < 0) {
		log_err(&nd->log, "nasdial: --tun %s: %s%s", nd->o.tun, err,
			nd->tun_fd == -ENOENT
				? " (this machine has no TUN support: run "
				  "without --tun for a link without a data "
				  "plane)"
				: "");
		return -1;
	}
	nd->nl = rtnl_open(err, sizeof(err));
	nd->tun_ifindex = rtnl_link_index(nd->tun_name);
	if (!nd->nl || nd->tun_ifindex <= 0) {
		log_err(&nd->log, "nasdial: --tun %s: %s", nd->tun_name,
			nd->nl ? "the TUN device vanished" : err);
		dial_link_tun_close(nd);
		return -1;
	}
	rc = loop_fd_add(nd->loop, &nd->tun_lfd, nd->tun_fd, LOOP_IN, tun_read,
			 nd);
	if (rc < 0) {
		log_err(&nd->log, "nasdial: --tun %s: %s", nd->tun_name,
			strerror(-rc));
		dial_link_tun_close(nd);
		return -1;
	}
	log_info(&nd->log, "nasdial: data plane on TUN device %s",
		 nd->tun_name);
	return 0;
}

void dial_link_tun_close(struct nasdial *nd)
{
	loop_fd_del(&nd->tun_lfd);
	if (nd->tun_fd >= 0)
		close(nd->tun_fd);
	nd->tun_fd = -1;
	rtnl_close(nd->nl);
	nd->nl = NULL;
}

static void write_resolv(struct nasdial *nd)
{
	char ip[16];
	FILE *f;

	if (!nd->o.resolv[0])
		return;
	f = fopen(nd->o.resolv, "w");
	if (!f) {
		log_warn(&nd->log, "nasdial: --resolv %s: %s", nd->o.resolv,
			 strerror(errno));
		return;
	}
	fprintf(f, "# written by nasdial: DNS servers from IPCP (RFC 1877)\n");
	for (int i = 0; i < 2; i++)
		if (nd->dns[i])
			fprintf(f, "nameserver %s\n",
				cp_print_ipv4(ip, sizeof(ip), nd->dns[i]));
	if (fclose(f) != 0)
		log_warn(&nd->log, "nasdial: --resolv %s: %s", nd->o.resolv,
			 strerror(errno));
}

static void plumb(struct nasdial *nd, uint32_t local, uint32_t peer,
		  uint16_t mtu)
{
	char a[16], b[16];
	int rc;

	if (nd->tun_fd < 0)
		return;
	rc = rtnl_link_set(nd->nl, nd->tun_ifindex, true, mtu ? mtu : TUN_MTU);
	if (rc == 0)
		rc = rtnl_addr_add(nd->nl, nd->tun_ifindex, local, 32, peer);
	if (rc == 0)
		rc = rtnl_route_replace(nd->nl, nd->tun_ifindex, peer, 32,
					local, 0);
	if (rc == 0 && nd->o.default_route)
		rc = rtnl_route_replace(nd->nl, nd->tun_ifindex, 0, 0, local,
					0);
	if (rc < 0) {
		log_err(&nd->log, "nasdial: %s: %s", nd->tun_name,
			rtnl_last_error(nd->nl));
		return;
	}
	log_notice(&nd->log, "nasdial: %s up: local %s, peer %s%s",
		   nd->tun_name, cp_print_ipv4(a, sizeof(a), local),
		   cp_print_ipv4(b, sizeof(b), peer),
		   nd->o.default_route ? ", default route" : "");
}

static void unplumb(struct nasdial *nd, uint32_t local)
{
	if (nd->tun_fd < 0)
		return;
	rtnl_addr_del(nd->nl, nd->tun_ifindex, local, 32);
	rtnl_link_set(nd->nl, nd->tun_ifindex, false, 0);
}

/* ---- session ops --------------------------------------------------------- */

static void send_frame(void *ctx, const uint8_t *frame, size_t len, bool lcp)
{
	struct nasdial *nd = ctx;
	struct hdlc_tx_cfg cfg = nd->tx;
	uint8_t enc[2 * (HDLC_INFO_MAX_BYTES + 16)];
	size_t n;

	if (!nd->online)
		return;
	if (lcp)
		cfg.accm = HDLC_ACCM_DEFAULT; /* RFC 1662 §7.1 */
	if (hdlc_encoded_max(len) > sizeof(enc))
		return;
	n = hdlc_encode(&cfg, frame, len, enc, sizeof(enc));
	if (n == 0)
		return;
	capture(nd, PCAP_DIR_SENT, frame, len);
	dial_modem_write(&nd->modem, enc, n);
}

static void cb_reject_cb(void *arg)
{
	struct nasdial *nd = arg;

	dial_fsm_callback_rejected(&nd->fsm,
				   "the server rejected the LCP Callback "
				   "option");
}

static void link_params(void *ctx, const struct lcp_neg *neg)
{
	struct nasdial *nd = ctx;
	struct hdlc_rx_cfg rc = nd->rx.cfg;

	if (neg) {
		nd->tx.accm = neg->tx_accm;
		rc.accm = neg->rx_accm;
		rc.max_info_bytes = neg->rx_mru > HDLC_INFO_DEFAULT_BYTES
					    ? neg->rx_mru
					    : HDLC_INFO_DEFAULT_BYTES;
		nd->auth_used = neg->auth_by_peer;
		/* LCP Opened: did the server Ack our Callback option, or
		 * Reject it (RFC 1661 §5.4)?  Acting on a refusal closes
		 * LCP, so not from inside LCP's own callback. */
		if (nd->sess && nd->sess->cfg.cb_request != PPP_CBREQ_NONE &&
		    !nd->cb_checked) {
			nd->cb_checked = true;
			if (!neg->our_callback)
				loop_defer(nd->loop, &nd->cb_reject_defer,
					   cb_reject_cb, nd);
		}
	} else {
		nd->tx.accm = HDLC_ACCM_DEFAULT;
		rc.accm = HDLC_ACCM_DEFAULT;
		rc.max_info_bytes = HDLC_INFO_DEFAULT_BYTES;
	}
	hdlc_rx_set_cfg(&nd->rx, &rc);
	nasdial_status_update(nd);
}

/* What CBCP came to, kept for the status file after the session is gone. */
static void note_callback(struct nasdial *nd, const struct ppp_session *s)
{
	struct ppp_session_status ps;

	ppp_session_status(s, &ps);
	if (!ps.cbcp_state)
		return;
	if (s->cbcp->offered && s->cbcp->offered != nd->fsm.cb.offered)
		dial_fsm_callback_offered(&nd->fsm, s->cbcp->offered);
	nd->cb_state = ppp_cb_state_name(ps.cb.state);
	nd->cbcp_state = ps.cbcp_state;
	if (ps.cb.state == PPP_CBST_AGREED || ps.cb.state == PPP_CBST_NEEDED ||
	    ps.cb.state == PPP_CBST_DECLINED)
		nd->cb_type = cbcp_type_name(s->cbcp->result.type);
}

static void ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct nasdial *nd = ctx;
	char ip[16];

	nd->ip_local = local;
	nd->ip_peer = peer;
	nd->dns[0] = nd->sess ? nd->sess->ipcp.neg.dns[0] : 0;
	nd->dns[1] = nd->sess ? nd->sess->ipcp.neg.dns[1] : 0;
	log_notice(&nd->log, "nasdial: local IP address %s",
		   cp_print_ipv4(ip, sizeof(ip), local));
	log_notice(&nd->log, "nasdial: remote IP address %s",
		   cp_print_ipv4(ip, sizeof(ip), peer));
	if (nd->dns[0])
		log_notice(&nd->log, "nasdial: primary DNS address %s",
			   cp_print_ipv4(ip, sizeof(ip), nd->dns[0]));
	if (nd->dns[1])
		log_notice(&nd->log, "nasdial: secondary DNS address %s",
			   cp_print_ipv4(ip, sizeof(ip), nd->dns[1]));
	plumb(nd, local, peer, mtu);
	write_resolv(nd);
	if (nd->sess) {
		note_callback(nd, nd->sess);
		if (ppp_session_callback(nd->sess)->state ==
			    PPP_CBST_DECLINED &&
		    nd->o.cb_mode == DIAL_CB_PRESET)
			dial_fsm_callback_declined(&nd->fsm,
						   "the server chose no "
						   "callback (CBCP type 1)");
	}
	dial_fsm_ppp_up(&nd->fsm);
}

static void ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	struct nasdial *nd = ctx;

	(void)peer;
	unplumb(nd, local);
	nasdial_status_update(nd);
}

static void ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	struct nasdial *nd = ctx;

	if (nd->tun_fd >= 0 && write(nd->tun_fd, pkt, len) < 0)
		log_dbg(&nd->log, DBG_TUN, "nasdial: TUN write: %s",
			strerror(errno));
}

static void reap_cb(void *arg)
{
	struct nasdial *nd = arg;

	if (nd->dead) {
		note_callback(nd, nd->dead);
		if (ppp_session_callback(nd->dead)->state == PPP_CBST_FAILED)
			dial_fsm_callback_failed(&nd->fsm,
						 "CBCP failed: the server "
						 "never acknowledged our "
						 "answer");
	}
	ppp_session_free(nd->dead);
	nd->dead = NULL;
	nd->online = false;
	dial_fsm_ppp_down(&nd->fsm, nd->down_reason);
}

static void link_down(void *ctx, const char *reason)
{
	struct nasdial *nd = ctx;

	snprintf(nd->down_reason, sizeof(nd->down_reason), "%s",
		 reason ? reason : "LCP closed");
	if (nd->sess) {
		nd->dead = nd->sess;
		nd->sess = NULL;
		loop_defer(nd->loop, &nd->reap, reap_cb, nd);
	}
}

static void random_bytes(void *ctx, void *buf, size_t n)
{
	(void)ctx;
	if (rand_bytes(buf, n) != 0)
		memset(buf, 0x5a, n);
}

static bool no_pool(void *ctx, const char *pool, uint32_t *addr)
{
	(void)ctx;
	(void)pool;
	(void)addr;
	return false; /* a client assigns no addresses */
}

static void no_release(void *ctx, const char *pool, uint32_t addr)
{
	(void)ctx;
	(void)pool;
	(void)addr;
}

static void callback_agreed(void *ctx, const char *number, unsigned delay_s)
{
	struct nasdial *nd = ctx;

	if (nd->sess)
		note_callback(nd, nd->sess);
	dial_fsm_callback_agreed(&nd->fsm, number, delay_s);
}

static void cbcp_ask(void *ctx, unsigned offer)
{
	struct nasdial *nd = ctx;

	dial_fsm_callback_offered(&nd->fsm, offer);
	nasdial_ask(nd, offer);
}

static const struct ppp_session_ops link_ops = {
	.send_frame = send_frame,
	.link_params = link_params,
	.ip_up = ip_up,
	.ip_down = ip_down,
	.ip_input = ip_input,
	.link_down = link_down,
	.random = random_bytes,
	.pool_alloc = no_pool,
	.pool_release = no_release,
	.callback_agreed = callback_agreed,
	.cbcp_ask = cbcp_ask,
};

/* ---- the connection ------------------------------------------------------ */

static void session_cfg(const struct nasdial *nd, bool return_call,
			struct ppp_session_cfg *c)
{
	const struct dial_opts *o = &nd->o;

	memset(c, 0, sizeof(*c));
	snprintf(c->ifname, sizeof(c->ifname), "%s", nd->ifname);
	snprintf(c->ifshort, sizeof(c->ifshort), "%s", nd->ifshort);
	c->dir = o->answer || return_call ? PPP_DIR_CALLIN : PPP_DIR_CALLOUT;
	lcp_cfg_default(&c->lcp, true);
	cp_fsm_cfg_default(&c->fsm);
	c->ip = true;
	c->ipcp.local_negotiated = true;
	c->ipcp.want_dns = !o->no_dns;
	snprintf(c->chap_name, sizeof(c->chap_name), "%s", o->user);
	snprintf(c->chap_secret, sizeof(c->chap_secret), "%s", o->password);
	snprintf(c->pap_user, sizeof(c->pap_user), "%s", o->user);
	snprintf(c->pap_password, sizeof(c->pap_password), "%s", o->password);
	/* Windows does not ask for callback again on the return call (its
	 * second Configure-Request in seed 001 has no option 13). */
	if (return_call)
		return;
	c->callback_expect = o->expect_callback;
	if (o->rfc1570) {
		c->cb_request = PPP_CBREQ_RFC1570;
	} else if (o->cb_mode != DIAL_CB_NONE) {
		c->cb_request = PPP_CBREQ_CBCP;
		c->cbcp_client.mode =
			o->cb_mode == DIAL_CB_ASK      ? CBCP_CLIENT_ASK
			: o->cb_mode == DIAL_CB_PRESET ? CBCP_CLIENT_PRESET
						       : CBCP_CLIENT_NO;
		snprintf(c->cbcp_client.number, sizeof(c->cbcp_client.number),
			 "%s", o->cb_number);
		/* "Always call me back at": a server that only offers its
		 * own number (type 3) still calls us back, as Windows
		 * accepts it. */
		c->cbcp_client.accept_admin = o->cb_mode != DIAL_CB_NO;
		c->cbcp_client.delay_s = (uint8_t)o->cb_delay_s;
		c->cbcp_client.retransmit = !o->pppd_cbcp;
	}
}

static void frame_cb(void *ctx, const uint8_t *frame, size_t len)
{
	struct nasdial *nd = ctx;
	enum dial_auth_verdict v;

	capture(nd, PCAP_DIR_RECEIVED, frame, len);
	if (!nd->sess)
		return;
	v = dial_status_auth_peek(frame, len);
	if (v != DIAL_AUTH_NONE)
		dial_fsm_auth(&nd->fsm, v == DIAL_AUTH_OK);
	ppp_session_input(nd->sess, frame, len);
}

void dial_link_start(struct nasdial *nd, bool return_call)
{
	struct ppp_session_cfg c;

	session_cfg(nd, return_call, &c);
	nd->return_call = return_call;
	nd->cb_checked = false;
	nasdial_ask_cancel(nd);
	nd->auth_used = LCP_AUTH_NONE;
	nd->dns[0] = nd->dns[1] = 0;
	nd->ip_local = nd->ip_peer = 0;
	nd->tx.accm = HDLC_ACCM_DEFAULT;
	nd->tx.fcs32 = false;
	hdlc_rx_init(&nd->rx, NULL);
	dial_rc_scan_init(&nd->scan);
	nd->online = true;
	nd->sess =
		ppp_session_new(&c, &link_ops, nd, nd->aaa, nd->ts, &nd->log);
	memset(c.chap_secret, 0, sizeof(c.chap_secret));
	memset(c.pap_password, 0, sizeof(c.pap_password));
	if (!nd->sess) {
		log_err(&nd->log, "nasdial: out of memory");
		snprintf(nd->down_reason, sizeof(nd->down_reason),
			 "out of memory");
		loop_defer(nd->loop, &nd->reap, reap_cb, nd);
		return;
	}
	log_notice(&nd->log,
		   "%%LINK-3-UPDOWN: Interface %s, changed state to up",
		   nd->ifname);
	ppp_session_start(nd->sess);
}

void dial_link_close(struct nasdial *nd, const char *reason)
{
	if (nd->sess)
		ppp_session_close(nd->sess, reason);
}

void dial_link_lower_down(struct nasdial *nd)
{
	nd->online = false;
	if (nd->sess)
		ppp_session_lower_down(nd->sess);
}

void dial_link_input(struct nasdial *nd, const uint8_t *data, size_t n)
{
	if (!nd->online)
		return;
	hdlc_rx_feed(&nd->rx, data, n, frame_cb, nd);
}

void dial_link_free(struct nasdial *nd)
{
	loop_defer_cancel(&nd->reap);
	loop_defer_cancel(&nd->cb_reject_defer);
	ppp_session_free(nd->sess);
	ppp_session_free(nd->dead);
	nd->sess = nd->dead = NULL;
}

void dial_link_status(const struct nasdial *nd, struct dial_status *st)
{
	struct ppp_session_status ps;

	st->tun = nd->tun_fd >= 0 ? nd->tun_name : NULL;
	st->cb_state = nd->cbcp_state;
	st->cb_type = nd->cb_type;
	if (!nd->sess)
		return;
	ppp_session_status(nd->sess, &ps);
	if (ps.cbcp_state)
		st->cb_state = ps.cbcp_state;
	st->have_ppp = true;
	st->ppp_phase = ppp_phase_name(ps.phase);
	st->lcp_state = ps.lcp_state;
	st->ipcp_state = ps.ipcp_state;
	st->auth = nd->auth_used != LCP_AUTH_NONE ? lcp_auth_name(nd->auth_used)
						  : NULL;
	st->local_addr = ps.local_addr;
	st->peer_addr = ps.peer_addr;
	st->dns[0] = ps.ipcp_open ? nd->dns[0] : 0;
	st->dns[1] = ps.ipcp_open ? nd->dns[1] : 0;
	st->rx_frames = ps.stats.rx_frames;
	st->tx_frames = ps.stats.tx_frames;
	st->rx_ip_packets = ps.stats.rx_ip_packets;
	st->tx_ip_packets = ps.stats.tx_ip_packets;
}
