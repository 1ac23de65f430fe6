/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * isdn_data.c - PPP on ISDN B-channels (isdn.h): an unrestricted digital
 * 64 kbit/s call carries whole HDLC frames, one per DATA message, so the
 * session's frames go out as they are (synchronous PPP, RFC 1662 §4: no
 * octet stuffing, no ACCM; the FCS is the B-channel's business).  The
 * session is configured from the D-channel's or the BRI's interface
 * (`encapsulation ppp`, `ip address`, `ppp authentication chap` ...) and
 * named after the B-channel as IOS names it (Se0:17, BR0:1).  A call-in
 * opens passively ("Treating connection as a callin", seed 004); the IP
 * data plane is the shared TUN (dataplane_up()).  A call of a DDR dialer
 * (c->dc, ddr_glue.h) sends its IP through the dialer, and the dialer
 * decides callback after authentication (seed 002).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddr_glue.h"
#include "isdn.h"
#include "nasd.h"
#include "pool.h"
#include "rand.h"
#include "vpdn.h"

void isdn_data_send(struct isdn_call *c, const uint8_t *frame, size_t len)
{
	uint8_t buf[PSTN_WIRE_MAX_MSG];
	struct wr w = wr_init(buf, sizeof(buf));

	if (!c->connected || c->clearing || len > PSTN_WIRE_MAX_PAYLOAD)
		return;
	pstn_wire_put_data(&w, PSTN_MSG_DATA, (uint8_t)c->ch, frame, len);
	if (!wr_ok(&w))
		return;
	c->tx_frames++;
	c->tx_octets += len;
	isdn_if_send(c->ifc, buf, w.len);
}

static void d_send_frame(void *ctx, const uint8_t *frame, size_t len, bool lcp)
{
	(void)lcp; /* a sync link has no ACCM */
	isdn_data_send(ctx, frame, len);
}

static void d_link_params(void *ctx, const struct lcp_neg *neg)
{
	(void)ctx;
	(void)neg;
}

static void d_ip_out(void *ctx, const uint8_t *pkt, size_t len)
{
	struct isdn_call *c = ctx;

	if (c->sess)
		ppp_session_send_ip(c->sess, pkt, len);
}

/* A dialer's call: IP to the peer goes through the dialer, so that
 * interesting traffic keeps the idle timer going (ddr_glue.h). */
static void d_ip_out_dialer(void *ctx, const uint8_t *pkt, size_t len)
{
	struct isdn_call *c = ctx;

	if (c->dc)
		dialer_send_ip(c->dc, pkt, len, d_ip_out, c);
	else
		d_ip_out(c, pkt, len);
}

static void d_ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct isdn_call *c = ctx;
	struct dp_port port = {c->dc ? d_ip_out_dialer : d_ip_out, c,
			       c->ifname};

	dataplane_up(c->ifc->nasd, &port, local, peer, mtu);
	if (c->dc && c->sess)
		dialer_ppp_up(c->dc, peer, c->sess->peer_name, c->ifc->name);
}

static void d_ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	struct isdn_call *c = ctx;

	dataplane_down(c->ifc->nasd, c, local, peer);
}

static void d_ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	struct isdn_call *c = ctx;

	if (c->dc)
		dialer_ip_input(c->dc, pkt, len);
	dataplane_input(c->ifc->nasd, pkt, len);
}

/* Deferred: free the finished session; PPP over means the call is over
 * (IOS hangs up a B-channel whose LCP closed). */
static void d_reap(void *arg)
{
	struct isdn_call *c = arg;

	ppp_session_free(c->dead);
	c->dead = NULL;
	if (c->q && !c->clearing)
		isdn_call_clear(c, 16, "PPP link closed");
	else if (!c->q)
		c->in_use = false;
}

static void d_link_down(void *ctx, const char *reason)
{
	struct isdn_call *c = ctx;

	(void)reason;
	if (c->sess) {
		c->dead = c->sess;
		c->sess = NULL;
		loop_defer(c->ifc->nasd->loop, &c->reap, d_reap, c);
	}
}

static void d_random(void *ctx, void *buf, size_t n)
{
	struct isdn_call *c = ctx;

	if (rand_pool_bytes(&c->ifc->nasd->rand, buf, n) != 0)
		memset(buf, 0x5a, n);
}

static bool d_pool_alloc(void *ctx, const char *name, uint32_t *addr)
{
	struct isdn_call *c = ctx;
	struct pool *p = nasd_pool_find(c->ifc->nasd, name);

	return p && pool_alloc(p, addr);
}

static void d_pool_release(void *ctx, const char *name, uint32_t addr)
{
	struct isdn_call *c = ctx;
	struct pool *p = nasd_pool_find(c->ifc->nasd, name);

	if (p)
		pool_release(p, addr);
}

static enum ppp_cb_decision d_callback_decide(void *ctx, const char *name,
					      bool requested,
					      const char *client_number,
					      char *number, size_t number_size)
{
	struct isdn_call *c = ctx;

	return dialer_callback_decide(c->dc, name, requested, client_number,
				      number, number_size);
}

static void d_callback_agreed(void *ctx, const char *number, unsigned delay_s)
{
	struct isdn_call *c = ctx;

	(void)number;
	(void)delay_s;
	if (c->dc && c->sess)
		dialer_callback_agreed(c->dc, c->sess->peer_name);
}

static void d_authenticated(void *ctx, const char *name)
{
	struct isdn_call *c = ctx;

	if (c->dc && c->sess)
		dialer_authenticated(c->dc, c->sess, name, c->ifc->name);
}

/* LAC (seed 004): the caller's CHAP Response names the user; a
 * request-dialin vpdn-group for its domain or our number takes the call
 * into a tunnel, and its frames are relayed from now on. */
static enum ppp_fwd_decision d_auth_forward(void *ctx,
					    const struct ppp_proxy_auth *pa)
{
	struct isdn_call *c = ctx;
	struct vpdn_call_desc call;
	struct vpdn_fwd *f = NULL;
	enum ppp_fwd_decision d;

	if (c->outgoing || !c->sess)
		return PPP_FWD_LOCAL;
	memset(&call, 0, sizeof(call));
	snprintf(call.ifname, sizeof(call.ifname), "%s", c->ifname);
	snprintf(call.ifshort, sizeof(call.ifshort), "%s", c->ifshort);
	snprintf(call.called, sizeof(call.called), "%s", c->called);
	snprintf(call.calling, sizeof(call.calling), "%s", c->calling);
	call.speed_bps = 64000;
	call.channel = c->ch;
	d = vpdn_auth_forward(c->ifc->nasd, &call, &vpdn_isdn_lower_ops, c,
			      c->sess, pa, &f);
	if (d != PPP_FWD_FORWARD)
		return d;
	c->fwd = f;
	if (c->dc) {
		/* The call is the tunnel's now, no longer a link of the
		 * dialer it came in on (IOS: "DDR: Authenticated host ...
		 * with no matching dialer map"). */
		struct dialer_call *dc = c->dc;

		c->dc = NULL;
		dialer_call_ended(dc, 16);
	}
	return d;
}

static void d_forward_input(void *ctx, const uint8_t *frame, size_t len)
{
	struct isdn_call *c = ctx;

	if (c->fwd)
		vpdn_fwd_input(c->fwd, frame, len);
}

static const struct ppp_session_ops data_ops = {
	.send_frame = d_send_frame,
	.link_params = d_link_params,
	.ip_up = d_ip_up,
	.ip_down = d_ip_down,
	.ip_input = d_ip_input,
	.link_down = d_link_down,
	.random = d_random,
	.pool_alloc = d_pool_alloc,
	.pool_release = d_pool_release,
	.auth_forward = d_auth_forward,
	.forward_input = d_forward_input,
};

/* A DDR dialer's call: the dialer decides callback (seed 002) and learns
 * when the server will call back. */
static const struct ppp_session_ops dialer_ops = {
	.send_frame = d_send_frame,
	.link_params = d_link_params,
	.ip_up = d_ip_up,
	.ip_down = d_ip_down,
	.ip_input = d_ip_input,
	.link_down = d_link_down,
	.random = d_random,
	.pool_alloc = d_pool_alloc,
	.pool_release = d_pool_release,
	.callback_decide = d_callback_decide,
	.callback_agreed = d_callback_agreed,
	.authenticated = d_authenticated,
	.auth_forward = d_auth_forward,
	.forward_input = d_forward_input,
};

void isdn_data_start(struct isdn_call *c)
{
	struct nasd *nasd = c->ifc->nasd;
	/* A rotary member's calls, and a profile's, run with the Dialer
	 * interface's parameters (IOS). */
	const struct config_if *cif = config_if_find(
		nasd->running, dialer_ppp_ifname(c->dc, c->ifc->name));
	struct config_if defaults;
	struct ppp_session_cfg cfg;

	if (c->fwd) {
		/* A call the LAC placed for the LNS (OCRQ): no PPP here,
		 * the B-channel is relayed into the tunnel. */
		vpdn_fwd_dialout_connected(c->fwd, 64000);
		return;
	}
	if (c->sess || c->dead)
		return;
	if (!cif) {
		config_if_defaults(&defaults);
		cif = &defaults;
	}
	if (cif->encap != CONFIG_ENCAP_PPP)
		log_dbg(&nasd->log, DBG_ISDN_EVENTS,
			"ISDN %s: %s has no encapsulation ppp; running PPP "
			"anyway",
			c->ifc->shortname, c->ifc->name);
	nasd_session_cfg_if(nasd, nasd->running, cif, &cfg);
	snprintf(cfg.ifname, sizeof(cfg.ifname), "%s", c->ifname);
	snprintf(cfg.ifshort, sizeof(cfg.ifshort), "%s", c->ifshort);
	/* A B-channel is synchronous: no ACCM, no PFC/ACFC offered (RFC
	 * 1662 §4; IOS asks for none on ISDN, seed 004). */
	cfg.lcp.async = false;
	cfg.dir = c->outgoing ? PPP_DIR_CALLOUT : PPP_DIR_CALLIN;
	cfg.passive = !c->outgoing;
	if (c->dc)
		dialer_session_cfg(c->dc, &cfg);
	c->sess = ppp_session_new(&cfg, c->dc ? &dialer_ops : &data_ops, c,
				  nasd->aaa,
				  loop_timers(nasd->loop), &nasd->log);
	if (!c->sess) {
		isdn_call_clear(c, 41, "out of memory");
		return;
	}
	ppp_session_start(c->sess);
}

void isdn_data_input(struct isdn_call *c, const uint8_t *frame, size_t len)
{
	c->rx_frames++;
	if (c->fwd)
		vpdn_fwd_input(c->fwd, frame, len);
	else if (c->sess)
		ppp_session_input(c->sess, frame, len);
}

void isdn_data_stop(struct isdn_call *c)
{
	if (!c->sess)
		return;
	ppp_session_lower_down(c->sess);
	/* lower_down normally ends in link_down; make sure. */
	if (c->sess)
		d_link_down(c, "lower layer down");
}

void isdn_data_free(struct isdn_call *c)
{
	if (c->fwd) {
		struct vpdn_fwd *f = c->fwd;

		c->fwd = NULL;
		vpdn_fwd_lower_gone(f, 0);
	}
	if (c->sess)
		ppp_session_lower_down(c->sess);
	loop_defer_cancel(&c->reap);
	ppp_session_free(c->sess);
	ppp_session_free(c->dead);
	c->sess = c->dead = NULL;
	c->in_use = false;
}
