/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * line.c - a terminal line's life: states, activation (PPP, autoselect,
 * EXEC), hang-up, and the PPP session on interface Async N (line.h).
 *
 * Activation when the carrier comes up, as IOS does it:
 *   - interface Async N in `async mode dedicated` with `encapsulation ppp`
 *     (or a call placed for PPP): PPP at once;
 *   - `autoselect during-login`: the Username: prompt at once, while the
 *     first octets are sampled for a PPP frame ("TTY4: Autoselect(2)
 *     sample 7EFF7D23" in seed 001);
 *   - `autoselect ppp`: wait for the first octets; a PPP frame starts PPP,
 *     anything else the EXEC;
 *   - `autoselect arap`: the same wait; an ARA client's first frame
 *     (arap.h: SYN DLE STX) is refused with %ARAP-3-NOTSUPPORTED and the
 *     line hung up, since nasd does not implement ARAP (doc/notes.md);
 *     with `autoselect during-login` it is looked for at Username: too;
 *   - otherwise the EXEC login.
 * A hard-wired line (no `modem`) with a dedicated PPP interface starts PPP
 * again after every session, as before; a modem line hangs up after the
 * session and waits for the next call.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "line.h"
#include "vpdn.h"
#include "arap.h"
#include "callback.h"
#include "ddr_glue.h"
#include "nasd.h"
#include "pcap.h"
#include "pool.h"
#include "rand.h"

#define LINE_HANGUP_MS 1000   /* DTR held low on hang-up */
#define LINE_RESTART_MS 2000  /* hard-wired PPP: next session */
#define LINE_AUTOSEL_MS 30000 /* autoselect ppp: no input → EXEC */
/* IOS clears what arrives in the first moments of a modem call (the
 * modem's own CONNECT text, line noise); `no flush-at-activation` keeps
 * it (seed 003). */
#define LINE_FLUSH_MS 1000

static const char *const state_names[LINE_STATE__COUNT] = {
#define LINE_STATE_NAME(e, s) [e] = s,
	LINE_STATES(LINE_STATE_NAME)
#undef LINE_STATE_NAME
};

const char *line_state_name(enum line_state st)
{
	return (unsigned)st < LINE_STATE__COUNT ? state_names[st] : "?";
}

void line_set_state(struct line *l, enum line_state st)
{
	if (l->state == st)
		return;
	log_dbg(&l->nasd->log, DBG_MODEM, "tty%u: Modem: %s->%s", l->num,
		line_state_name(l->state), line_state_name(st));
	l->state = st;
	l->state_since_ms = loop_now_ms(l->nasd->loop);
}

static bool if_dedicated_ppp(const struct line *l)
{
	struct config_if eff;

	return config_async_effective(l->nasd->running, l->num, &eff) &&
	       eff.encap == CONFIG_ENCAP_PPP && !eff.async_interactive;
}

bool line_if_ppp(const struct line *l)
{
	struct config_if eff;

	return config_async_effective(l->nasd->running, l->num, &eff) &&
	       eff.encap == CONFIG_ENCAP_PPP;
}

/* ---- PPP on the line ------------------------------------------------------ */

static void line_capture(struct line *l, int dir, const uint8_t *frame,
			 size_t len)
{
	uint8_t rec[HDLC_FRAME_MAX_BYTES + 1];

	if (!l->nasd->pcap || len + 1 > sizeof(rec))
		return;
	rec[0] = (uint8_t)dir;
	memcpy(rec + 1, frame, len);
	pcap_write(l->nasd->pcap, loop_wall_ms(l->nasd->loop) * 1000, rec,
		   len + 1);
}

static void ppp_send_frame(void *ctx, const uint8_t *frame, size_t len,
			   bool lcp)
{
	struct line *l = ctx;
	struct hdlc_tx_cfg cfg = l->tx;
	uint8_t enc[2 * (HDLC_INFO_MAX_BYTES + 16)];
	size_t n;

	if (!line_io_up(l))
		return;
	if (lcp)
		cfg.accm = HDLC_ACCM_DEFAULT; /* RFC 1662 §7.1 */
	if (hdlc_encoded_max(len) > sizeof(enc)) {
		l->tx_drops++;
		return;
	}
	n = hdlc_encode(&cfg, frame, len, enc, sizeof(enc));
	if (n == 0) {
		l->tx_drops++;
		return;
	}
	line_capture(l, PCAP_DIR_SENT, frame, len);
	l->tx_frames++;
	line_io_write(l, enc, n);
}

static void ppp_link_params(void *ctx, const struct lcp_neg *neg)
{
	struct line *l = ctx;
	struct hdlc_rx_cfg rc = l->rx.cfg;

	if (neg) {
		l->tx.accm = neg->tx_accm;
		rc.accm = neg->rx_accm;
		rc.max_info_bytes = neg->rx_mru > HDLC_INFO_DEFAULT_BYTES
					    ? neg->rx_mru
					    : HDLC_INFO_DEFAULT_BYTES;
	} else {
		l->tx.accm = HDLC_ACCM_DEFAULT;
		rc.accm = HDLC_ACCM_DEFAULT;
		rc.max_info_bytes = HDLC_INFO_DEFAULT_BYTES;
	}
	hdlc_rx_set_cfg(&l->rx, &rc);
}

static void line_ip_out(void *ctx, const uint8_t *pkt, size_t len)
{
	line_send_ip(ctx, pkt, len);
}

/* A dialer's call: IP to the peer goes through the dialer, so that
 * interesting traffic keeps the idle timer going (ddr_glue.h). */
static void line_ip_out_dialer(void *ctx, const uint8_t *pkt, size_t len)
{
	struct line *l = ctx;

	if (l->dc)
		dialer_send_ip(l->dc, pkt, len, line_ip_out, l);
	else
		line_send_ip(l, pkt, len);
}

static void ppp_ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct line *l = ctx;
	struct dp_port port = {l->dc ? line_ip_out_dialer : line_ip_out, l,
			       l->ifname};

	dataplane_up(l->nasd, &port, local, peer, mtu);
	if (l->dc && l->sess)
		dialer_ppp_up(l->dc, peer, l->sess->peer_name, l->ifname);
}

static void ppp_ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	struct line *l = ctx;

	dataplane_down(l->nasd, l, local, peer);
}

static void ppp_ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	struct line *l = ctx;

	if (l->dc)
		dialer_ip_input(l->dc, pkt, len);
	dataplane_input(l->nasd, pkt, len);
}

static void line_reap(void *arg)
{
	struct line *l = arg;

	/* IOS's per-line CBCP Identifier counter carries over calls. */
	if (l->dead && l->dead->cbcp_running)
		l->cbcp_next_id = cbcp_next_id(l->dead->cbcp);

	if (l->dead && l->dead->peer_name[0] && !l->user[0])
		snprintf(l->user, sizeof(l->user), "%s", l->dead->peer_name);
	ppp_session_free(l->dead);
	l->dead = NULL;
	if (l->closing)
		return;
	/* A hard-wired dedicated line runs PPP again; a call is over. */
	if (!line_io_modem(l) && l->state == LINE_PPP && line_io_up(l) &&
	    !l->admin_down) {
		timer_arm(&l->restart_timer, LINE_RESTART_MS);
		return;
	}
	if (l->state == LINE_PPP)
		line_hangup(l, l->last_reason);
}

static void ppp_down(void *ctx, const char *reason)
{
	struct line *l = ctx;

	snprintf(l->last_reason, sizeof(l->last_reason), "%s", reason);
	l->resets++;
	if (l->sess) {
		l->dead = l->sess;
		l->sess = NULL;
		loop_defer(l->nasd->loop, &l->reap, line_reap, l);
	}
}

static void ppp_random(void *ctx, void *buf, size_t n)
{
	struct line *l = ctx;

	if (rand_pool_bytes(&l->nasd->rand, buf, n) != 0)
		memset(buf, 0x5a, n);
}

static bool ppp_pool_alloc(void *ctx, const char *name, uint32_t *addr)
{
	struct line *l = ctx;
	struct pool *p = nasd_pool_find(l->nasd, name);

	return p && pool_alloc(p, addr);
}

static void ppp_pool_release(void *ctx, const char *name, uint32_t addr)
{
	struct line *l = ctx;
	struct pool *p = nasd_pool_find(l->nasd, name);

	if (p)
		pool_release(p, addr);
}

/* The session decided on a callback (ppp_callback.c, from a timer). */
static void ppp_callback_needed(void *ctx, const struct ppp_callback *cb)
{
	struct line *l = ctx;

	callback_from_line(l, cb);
}

static enum ppp_cb_decision ppp_callback_decide(void *ctx, const char *name,
						bool requested,
						const char *client_number,
						char *number,
						size_t number_size)
{
	struct line *l = ctx;

	return dialer_callback_decide(l->dc, name, requested, client_number,
				      number, number_size);
}

static void ppp_callback_agreed(void *ctx, const char *number,
				unsigned delay_s)
{
	struct line *l = ctx;

	(void)number;
	(void)delay_s;
	if (l->dc && l->sess)
		dialer_callback_agreed(l->dc, l->sess->peer_name);
}

static void ppp_authenticated(void *ctx, const char *name)
{
	struct line *l = ctx;

	if (l->dc && l->sess)
		dialer_authenticated(l->dc, l->sess, name, l->ifname);
}

/* ---- VPDN: a call forwarded into an L2TP tunnel (LAC, vpdn.h) ---- */

static void line_end_dialer_call(struct line *l, const char *reason);

/* LCP frames go out with the default ACCM even once relayed (RFC 1662
 * §7.1): the LAC sees the Protocol field, with or without ACFC. */
static bool frame_is_lcp(const uint8_t *f, size_t len)
{
	if (len >= 4 && f[0] == 0xff && f[1] == 0x03)
		return f[2] == 0xc0 && f[3] == 0x21;
	return len >= 2 && f[0] == 0xc0 && f[1] == 0x21;
}

static void fwd_send(void *ctx, const uint8_t *frame, size_t len)
{
	ppp_send_frame(ctx, frame, len, frame_is_lcp(frame, len));
}

static void fwd_hangup(void *ctx, const char *reason)
{
	struct line *l = ctx;

	l->fwd = NULL;
	line_hangup(l, reason);
}

static void fwd_detach(void *ctx)
{
	struct line *l = ctx;

	l->fwd = NULL;
}

/* Set-Link-Info from the LNS (RFC 2661 §6.15): the ACCMs it agreed with
 * the caller replace what the local LCP had negotiated. */
static void fwd_accm(void *ctx, uint32_t send_accm, uint32_t recv_accm)
{
	struct line *l = ctx;
	struct hdlc_rx_cfg rc = l->rx.cfg;

	l->tx.accm = send_accm;
	rc.accm = recv_accm;
	hdlc_rx_set_cfg(&l->rx, &rc);
}

const struct vpdn_lower_ops line_vpdn_lower_ops = {
	.send = fwd_send,
	.hangup = fwd_hangup,
	.detach = fwd_detach,
	.accm = fwd_accm,
};

static enum ppp_fwd_decision ppp_auth_forward(void *ctx,
					      const struct ppp_proxy_auth *pa)
{
	struct line *l = ctx;
	struct vpdn_call_desc call;
	struct vpdn_fwd *f = NULL;
	enum ppp_fwd_decision d;

	if (l->calling || l->return_call || !l->sess)
		return PPP_FWD_LOCAL;
	memset(&call, 0, sizeof(call));
	snprintf(call.ifname, sizeof(call.ifname), "%s", l->ifname);
	snprintf(call.ifshort, sizeof(call.ifshort), "%s", l->ifshort);
	snprintf(call.calling, sizeof(call.calling), "%s", l->remote);
	snprintf(call.called, sizeof(call.called), "%s", l->called);
	call.analog = true;
	call.speed_bps = l->connect_bps ? l->connect_bps : 33600;
	call.channel = l->num;
	d = vpdn_auth_forward(l->nasd, &call, &line_vpdn_lower_ops, l, l->sess,
			      pa, &f);
	if (d == PPP_FWD_FORWARD) {
		l->fwd = f;
		/* No longer a link of the dialer it came in on. */
		line_end_dialer_call(l, "forwarded to VPDN");
	}
	return d;
}

static void ppp_forward_input(void *ctx, const uint8_t *frame, size_t len)
{
	struct line *l = ctx;

	if (l->fwd)
		vpdn_fwd_input(l->fwd, frame, len);
}

/* The call ends under a forwarded session (or a dial-out for the LNS):
 * CDN to the LNS, with the Q.850 cause of a dial that failed busy (17)
 * or unanswered (19). */
static void line_fwd_gone(struct line *l, const char *reason)
{
	struct vpdn_fwd *f = l->fwd;
	int cause = 0;

	if (!f)
		return;
	l->fwd = NULL;
	if (l->state == LINE_DIALING)
		cause = reason && strstr(reason, "BUSY")     ? 17
			: reason && strstr(reason, "ANSWER") ? 19
							     : 0;
	vpdn_fwd_lower_gone(f, cause);
}

/* A DDR dialer's call on the line (`dialer in-band`): the dialer decides
 * callback (seed 002), not the AAA attributes of access-server lines. */
static const struct ppp_session_ops line_dialer_ops = {
	.send_frame = ppp_send_frame,
	.link_params = ppp_link_params,
	.ip_up = ppp_ip_up,
	.ip_down = ppp_ip_down,
	.ip_input = ppp_ip_input,
	.link_down = ppp_down,
	.random = ppp_random,
	.pool_alloc = ppp_pool_alloc,
	.pool_release = ppp_pool_release,
	.callback_decide = ppp_callback_decide,
	.callback_agreed = ppp_callback_agreed,
	.authenticated = ppp_authenticated,
	.auth_forward = ppp_auth_forward,
	.forward_input = ppp_forward_input,
};

static const struct ppp_session_ops line_ppp_ops = {
	.callback_needed = ppp_callback_needed,
	.send_frame = ppp_send_frame,
	.link_params = ppp_link_params,
	.ip_up = ppp_ip_up,
	.ip_down = ppp_ip_down,
	.ip_input = ppp_ip_input,
	.link_down = ppp_down,
	.random = ppp_random,
	.pool_alloc = ppp_pool_alloc,
	.pool_release = ppp_pool_release,
	.auth_forward = ppp_auth_forward,
	.forward_input = ppp_forward_input,
};

/* Frames the HDLC receiver dropped since we last looked (bad FCS, abort,
 * runt, giant) are frames the peer's VJ compressor counted as delivered:
 * tell the session so its decompressor resynchronises (RFC 1144 §4.1)
 * before the next good frame is decoded. */
static void line_rx_errors(struct line *l)
{
	const struct hdlc_rx_stats *st = &l->rx.stats;
	uint64_t n = st->fcs_errors + st->aborts + st->runts + st->giants;

	if (n == l->rx_errors_seen)
		return;
	l->rx_errors_seen = n;
	if (l->sess)
		ppp_session_input_error(l->sess);
}

static void line_frame(void *ctx, const uint8_t *frame, size_t len)
{
	struct line *l = ctx;

	line_rx_errors(l);
	line_capture(l, PCAP_DIR_RECEIVED, frame, len);
	if (l->fwd)
		vpdn_fwd_input(l->fwd, frame, len);
	else if (l->sess)
		ppp_session_input(l->sess, frame, len);
}

static void line_feed(struct line *l, const uint8_t *data, size_t n)
{
	hdlc_rx_feed(&l->rx, data, n, line_frame, l);
	line_rx_errors(l);
}

void line_start_ppp(struct line *l, const uint8_t *pending, size_t n)
{
	struct ppp_session_cfg scfg;

	if (l->sess || !line_io_up(l) || l->admin_down || l->closing)
		return;
	if (!line_if_ppp(l)) {
		log_notice(&l->nasd->log,
			   "%s: interface %s has no `encapsulation ppp`: "
			   "cannot start PPP",
			   l->tty, l->ifname);
		line_hangup(l, "No PPP interface");
		return;
	}
	if (!l->dc && !l->calling)
		l->dc = dialer_line_incoming(l->nasd, l);
	nasd_session_cfg(l->nasd, l->nasd->running, l->num, &scfg);
	if (l->dc && strcmp(dialer_ppp_ifname(l->dc, l->ifname), l->ifname)) {
		/* A rotary member's or a profile's call: the Dialer
		 * interface's parameters (IOS), the line's name. */
		const struct config_if *dcif = config_if_find(
			l->nasd->running, dialer_ppp_ifname(l->dc, l->ifname));

		if (dcif)
			nasd_session_cfg_if(l->nasd, l->nasd->running, dcif,
					    &scfg);
		snprintf(scfg.ifname, sizeof(scfg.ifname), "%s", l->ifname);
		snprintf(scfg.ifshort, sizeof(scfg.ifshort), "%s",
			 l->ifshort);
	}
	if (line_io_modem(l) || l->calling)
		scfg.dir = l->calling ? PPP_DIR_CALLOUT : PPP_DIR_CALLIN;
	scfg.return_call = l->return_call;
	scfg.cbcp_first_id = l->cbcp_next_id;
	if (l->dc)
		dialer_session_cfg(l->dc, &scfg);
	ppp_link_params(l, NULL);
	hdlc_rx_init(&l->rx, &l->rx.cfg);
	l->rx_errors_seen = 0;
	l->sess = ppp_session_new(&scfg, l->dc ? &line_dialer_ops
					       : &line_ppp_ops,
				  l, l->nasd->aaa,
				  l->nasd->ts, &l->nasd->log);
	if (!l->sess) {
		line_hangup(l, "out of memory");
		return;
	}
	line_set_state(l, LINE_PPP);
	if (line_io_modem(l))
		log_notice(&l->nasd->log,
			   "%%LINK-3-UPDOWN: Interface %s, changed state to up",
			   l->ifname);
	ppp_session_start(l->sess);
	if (n)
		line_feed(l, pending, n);
}

void line_start_relay(struct line *l)
{
	if (!l->fwd || !line_io_up(l)) {
		line_hangup(l, "nothing to relay for");
		return;
	}
	ppp_link_params(l, NULL);
	hdlc_rx_init(&l->rx, &l->rx.cfg);
	l->rx_errors_seen = 0;
	line_set_state(l, LINE_PPP);
	log_notice(&l->nasd->log,
		   "%%LINK-3-UPDOWN: Interface %s, changed state to up",
		   l->ifname);
}

static void restart_cb(void *arg)
{
	struct line *l = arg;

	if (l->state == LINE_PPP && !l->sess && !l->dead)
		line_start_ppp(l, NULL, 0);
}

/* ---- activation and autoselect ----------------------------------------------- */

static void autosel_timeout(void *arg)
{
	struct line *l = arg;

	/* `autoselect ppp` without a frame: IOS gives the user an EXEC. */
	if (l->state == LINE_READY)
		line_exec_start(l, false);
}

static void activate_now(struct line *l, bool outgoing, bool ppp)
{
	if (ppp || (!outgoing && if_dedicated_ppp(l))) {
		line_start_ppp(l, NULL, 0);
		return;
	}
	if (!outgoing && (l->s.autoselect_ppp || l->s.autoselect_arap) &&
	    !l->s.autoselect_during_login) {
		timer_arm(&l->autosel_timer, LINE_AUTOSEL_MS);
		return; /* wait for the first octets */
	}
	log_dbg(&l->nasd->log, DBG_MODEM, "%s: EXEC creation", l->tty);
	line_exec_start(l, !outgoing && (l->s.autoselect_ppp ||
					 l->s.autoselect_arap));
}

static void flush_done(void *arg)
{
	struct line *l = arg;

	if (l->state == LINE_READY)
		activate_now(l, false, false);
}

void line_activate(struct line *l, bool outgoing, bool ppp)
{
	l->uses++;
	l->nsample = 0;
	l->narap = 0;
	l->arap_decided = false;
	l->user[0] = '\0';
	log_dbg(&l->nasd->log, DBG_MODEM, "%s: DSR came up", l->tty);
	line_set_state(l, LINE_READY);
	/* flush-at-activation: an incoming modem call starts with what the
	 * modem itself says (CONNECT 33600) and noise; IOS clears it before
	 * listening to the caller.  `no flush-at-activation` skips that. */
	l->flush_until_ms = 0;
	if (!outgoing && !ppp && line_io_modem(l) &&
	    !l->s.no_flush_at_activation) {
		l->flush_until_ms = loop_now_ms(l->nasd->loop) + LINE_FLUSH_MS;
		timer_arm(&l->flush_timer, LINE_FLUSH_MS);
		return;
	}
	activate_now(l, outgoing, ppp);
}

/*
 * Autoselect (IOS "Autoselect(2) sample 7EFF7D23"): a PPP frame starts with
 * a flag and then the escaped or plain Address (0xFF), or, with ACFC, the
 * LCP protocol.  Returns true when the sample is PPP (the caller switches),
 * false while undecided; *not_ppp is set when it cannot be PPP.
 */
bool line_autoselect_sample(struct line *l, const uint8_t *data, size_t n,
			    bool *not_ppp)
{
	char hex[2 * sizeof(l->sample) + 1];

	*not_ppp = false;
	for (size_t i = 0; i < n && l->nsample < 4; i++) {
		l->sample[l->nsample++] = data[i];
		log_dbg(&l->nasd->log, DBG_MODEM, "%s: Autoselect(2) sample %s",
			l->tty, hex_upper(hex, sizeof(hex), l->sample,
					  l->nsample));
		if (l->sample[0] != 0x7E) {
			*not_ppp = true;
			return false;
		}
		if (l->nsample == 2 && l->sample[1] != 0xFF &&
		    l->sample[1] != 0x7D && l->sample[1] != 0xC0) {
			*not_ppp = true;
			return false;
		}
	}
	return l->nsample >= 2 && l->sample[0] == 0x7E;
}

bool line_autoselect_arap(struct line *l, const uint8_t *data, size_t n,
			  uint8_t *prev, size_t *nprev)
{
	*nprev = 0;
	if (!l->s.autoselect_arap || l->arap_decided)
		return false;
	memcpy(prev, l->arap_sample, l->narap);
	*nprev = l->narap;
	for (size_t i = 0; i < n && l->narap < ARAP_SAMPLE_MAX; i++)
		l->arap_sample[l->narap++] = data[i];
	switch (arap_detect(l->arap_sample, l->narap)) {
	case ARAP_MORE:
		*nprev = 0;
		return true; /* every octet is kept in arap_sample */
	case ARAP_YES:
		*nprev = 0;
		log_err(&l->nasd->log,
			"%%ARAP-3-NOTSUPPORTED: %s: AppleTalk Remote Access "
			"call refused: " ARAP_NOT_SUPPORTED_REASON,
			l->tty);
		timer_cancel(&l->autosel_timer);
		line_hangup(l, "ARA not supported");
		return true;
	case ARAP_NO:
		break;
	}
	l->arap_decided = true;
	return false;
}

/* Input while READY (autoselect ppp or arap, before any EXEC). */
static void line_ready_input(struct line *l, const uint8_t *data, size_t n)
{
	bool not_ppp;
	uint8_t keep[8];
	size_t nkeep, before;
	uint8_t prev[ARAP_SAMPLE_MAX];
	size_t nprev;

	if (line_autoselect_arap(l, data, n, prev, &nprev))
		return;
	if (nprev) {
		/* Octets kept while telling ARA apart come first. */
		line_ready_input(l, prev, nprev);
		line_data(l, data, n);
		return;
	}
	if (!l->s.autoselect_ppp) {
		/* `autoselect arap` alone: anything but ARA is a user. */
		timer_cancel(&l->autosel_timer);
		log_dbg(&l->nasd->log, DBG_MODEM, "%s: EXEC creation", l->tty);
		line_exec_start(l, false);
		line_exec_input(l, data, n);
		return;
	}

	before = l->nsample;
	if (line_autoselect_sample(l, data, n, &not_ppp)) {
		/* Only the octets sampled from THIS read are skipped below:
		 * the sample often spans reads (a modem sends the flag of a
		 * burst at once and the rest a moment later). */
		size_t used = l->nsample - before;

		timer_cancel(&l->autosel_timer);
		log_dbg(&l->nasd->log, DBG_MODEM,
			"%s Autoselect cmd: ppp negotiate", l->tty);
		memcpy(keep, l->sample, l->nsample);
		nkeep = l->nsample;
		line_start_ppp(l, keep, nkeep);
		/* the rest of this read after the sampled octets */
		if (l->sess && n > used)
			line_feed(l, data + used, n - used);
		return;
	}
	if (not_ppp) {
		timer_cancel(&l->autosel_timer);
		log_dbg(&l->nasd->log, DBG_MODEM, "%s: EXEC creation", l->tty);
		line_exec_start(l, false);
		line_exec_input(l, data, n);
	}
}

void line_data(struct line *l, const uint8_t *data, size_t n)
{
	l->last_input_ms = loop_now_ms(l->nasd->loop);
	if (l->last_input_ms < l->flush_until_ms) {
		l->noise += n; /* flush-at-activation */
		return;
	}
	switch (l->state) {
	case LINE_PPP:
		if (l->sess || l->fwd)
			line_feed(l, data, n);
		break;
	case LINE_READY:
		if (timer_armed(&l->flush_timer)) {
			/* The flush window is over but its timer has not
			 * fired yet (the read won the race): activate first,
			 * so a dedicated or EXEC line never autoselects on
			 * the caller's first octets. */
			timer_cancel(&l->flush_timer);
			activate_now(l, false, false);
			line_data(l, data, n);
			break;
		}
		line_ready_input(l, data, n);
		break;
	case LINE_EXEC:
		line_exec_input(l, data, n);
		break;
	case LINE_DIALING:
		line_dial_input(l, data, n);
		break;
	default:
		l->noise += n; /* nobody listens: line noise */
		break;
	}
}

/* ---- hang-up --------------------------------------------------------------------- */

static void hangup_done(void *arg)
{
	struct line *l = arg;

	if (l->state != LINE_HANGUP)
		return;
	line_io_set_dtr(l, true); /* may reopen a pty (line_io.c) */
	if (!line_io_up(l)) {
		line_set_state(l, LINE_DOWN);
		return;
	}
	line_set_state(l, l->s.modem_busyout ? LINE_BUSYOUT : LINE_IDLE);
	/* A hard-wired line with a dedicated PPP interface is "called" again
	 * at once. */
	if (!line_io_modem(l) && !l->admin_down && !l->closing &&
	    if_dedicated_ppp(l))
		line_activate(l, false, true);
}

/* The call of a DDR dialer on this line is over: its cause in Q.850
 * terms, from the chat script's ABORT while dialling (BUSY, NO ANSWER),
 * else normal clearing. */
static void line_end_dialer_call(struct line *l, const char *reason)
{
	struct dialer_call *dc = l->dc;
	int cause = 16;

	if (!dc)
		return;
	l->dc = NULL;
	if (l->state == LINE_DIALING)
		cause = reason && strstr(reason, "BUSY")     ? 17
			: reason && strstr(reason, "ANSWER") ? 19
							     : 1;
	dialer_call_ended(dc, cause);
}

void line_hangup(struct line *l, const char *reason)
{
	if (l->state == LINE_HANGUP || l->state == LINE_DOWN)
		return;
	if (reason && reason != l->last_reason)
		snprintf(l->last_reason, sizeof(l->last_reason), "%s", reason);
	line_end_dialer_call(l, reason);
	line_fwd_gone(l, reason);
	timer_cancel(&l->autosel_timer);
	timer_cancel(&l->flush_timer);
	timer_cancel(&l->restart_timer);
	line_dial_stop(l);
	line_exec_stop(l);
	if (l->sess) {
		ppp_session_lower_down(l->sess);
		/* lower_down reported link_down: the session is reaped. */
	}
	if (line_io_modem(l) && l->state == LINE_PPP)
		log_notice(&l->nasd->log,
			   "%%LINK-3-UPDOWN: Interface %s, changed state to "
			   "down",
			   l->ifname);
	l->carrier = false;
	l->ring_answered = false;
	l->rings = 0;
	l->calling = false;
	l->return_call = false;
	l->return_exec = l->return_noverify = false;
	log_dbg(&l->nasd->log, DBG_MODEM, "%s: Async Int reset: Dropping DTR",
		l->tty);
	line_set_state(l, LINE_HANGUP);
	line_io_set_dtr(l, false);
	timer_arm(&l->hangup_timer, LINE_HANGUP_MS);
}

void line_clear(struct line *l, const char *reason)
{
	log_notice(&l->nasd->log, "%s: %s", l->tty, reason);
	if (l->state == LINE_DOWN) {
		timer_cancel(&l->reopen_timer);
		line_io_open(l);
		return;
	}
	if (l->sess)
		ppp_session_lower_down(l->sess);
	line_hangup(l, reason);
}

/* ---- lifecycle ------------------------------------------------------------------- */

static void reopen_cb(void *arg)
{
	line_io_open(arg);
}

struct line *line_new(struct nasd *nasd, unsigned num,
		      const struct config_line_settings *s)
{
	struct line *l = calloc(1, sizeof(*l));
	struct hdlc_rx_cfg rc = {.accm = HDLC_ACCM_DEFAULT,
				 .max_info_bytes = HDLC_INFO_DEFAULT_BYTES};
	struct ifname id;

	if (!l)
		return NULL;
	l->nasd = nasd;
	l->num = num;
	l->cbcp_next_id = 1; /* [MS-CBCP] 2.2.4.1: SHOULD start at 1 */
	l->fd = -1;
	l->s = *s;
	snprintf(l->tty, sizeof(l->tty), "TTY%u", num);
	memset(&id, 0, sizeof(id));
	id.type = IF_ASYNC;
	id.unit = num;
	ifname_canon(&id, l->ifname, sizeof(l->ifname));
	ifname_short(&id, l->ifshort, sizeof(l->ifshort));
	l->tx.accm = HDLC_ACCM_DEFAULT;
	hdlc_rx_init(&l->rx, &rc);
	l->state = LINE_DOWN;
	l->state_since_ms = loop_now_ms(nasd->loop);
	timer_init(&l->reopen_timer, nasd->ts, reopen_cb, l);
	timer_init(&l->hangup_timer, nasd->ts, hangup_done, l);
	timer_init(&l->restart_timer, nasd->ts, restart_cb, l);
	timer_init(&l->autosel_timer, nasd->ts, autosel_timeout, l);
	timer_init(&l->flush_timer, nasd->ts, flush_done, l);
	line_io_open(l);
	return l;
}

void line_free(struct line *l)
{
	if (!l)
		return;
	l->closing = true;
	timer_cancel(&l->reopen_timer);
	timer_cancel(&l->hangup_timer);
	timer_cancel(&l->restart_timer);
	timer_cancel(&l->autosel_timer);
	timer_cancel(&l->flush_timer);
	loop_defer_cancel(&l->reap);
	line_dial_free(l);
	line_exec_stop(l);
	line_end_dialer_call(l, "line removed");
	line_fwd_gone(l, "line removed");
	if (l->sess) {
		ppp_session_lower_down(l->sess);
		ppp_session_free(l->sess);
	}
	ppp_session_free(l->dead);
	l->sess = l->dead = NULL;
	line_io_close(l);
	free(l->obuf);
	free(l);
}

void line_update(struct line *l, const struct config_line_settings *s)
{
	bool reopen = strcmp(s->device, l->s.device) != 0 ||
		      s->speed_bps != l->s.speed_bps ||
		      s->flow_hardware != l->s.flow_hardware;

	l->s = *s;
	if (reopen) {
		line_hangup(l, "Line reconfigured");
		line_io_close(l);
		line_io_open(l);
		return;
	}
	if (s->modem_busyout && l->state == LINE_IDLE)
		line_set_state(l, LINE_BUSYOUT);
	else if (!s->modem_busyout && l->state == LINE_BUSYOUT)
		line_set_state(l, LINE_IDLE);
}

void line_set_admin(struct line *l, bool down)
{
	if (l->admin_down == down)
		return;
	l->admin_down = down;
	if (down) {
		log_notice(&l->nasd->log,
			   "%%LINK-5-CHANGED: Interface %s, changed state to "
			   "administratively down",
			   l->ifname);
		if (l->sess)
			ppp_session_close(l->sess, "Administratively down");
		else if (l->fwd)
			line_hangup(l, "Administratively down");
		timer_cancel(&l->restart_timer);
		return;
	}
	if (l->state == LINE_DOWN)
		line_io_open(l);
	else if (l->state == LINE_IDLE && !line_io_modem(l) &&
		 if_dedicated_ppp(l))
		line_activate(l, false, true);
	else if (l->state == LINE_PPP && !l->sess && !l->dead && !l->fwd)
		line_start_ppp(l, NULL, 0);
}

bool line_shutdown(struct line *l)
{
	l->closing = true;
	timer_cancel(&l->reopen_timer);
	timer_cancel(&l->restart_timer);
	if (l->sess && l->sess->phase != PPP_PHASE_DEAD) {
		ppp_session_close(l->sess, "nasd shutting down");
		return false;
	}
	return true;
}

bool line_is_quiet(const struct line *l)
{
	return !l->sess || l->sess->phase == PPP_PHASE_DEAD;
}

struct line *line_find(struct nasd *nasd, unsigned num)
{
	for (struct line *l = nasd->lines; l; l = l->next)
		if (l->num == num)
			return l;
	return NULL;
}

struct line *line_find_if(struct nasd *nasd, const char *ifname)
{
	for (struct line *l = nasd->lines; l; l = l->next)
		if (strcmp(l->ifname, ifname) == 0)
			return l;
	return NULL;
}

void line_send_ip(struct line *l, const uint8_t *pkt, size_t len)
{
	if (l->sess)
		ppp_session_send_ip(l->sess, pkt, len);
}
