/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * link.c - a serial line running PPP: `line N` bound to a tty with the nasd
 * `device PATH` extension, carrying `interface Async N`.
 *
 * The link owns the tty fd, the RFC 1662 async HDLC receiver and encoder,
 * and the PPP session.  It adapts the session's ops to the tty (framing
 * with the negotiated ACCM; LCP always with the default ACCM, RFC 1662
 * §7.1), the data plane (IPCP up/down, IP packets) and the pools.
 *
 * Line behaviour for this issue (modems, autoselect and chat scripts come
 * with the line layer):
 *   - `async mode dedicated`: PPP starts as soon as the device is open
 *     (Active Open, "Treating connection as a dedicated line"), and starts
 *     again after every session ends, as IOS does on a dedicated line;
 *   - `async mode interactive`: PPP waits for the peer (Passive Open);
 *   - end of file or EIO on the device (a pty whose other side closed, a
 *     serial port that went away) is carrier loss: the session goes down
 *     and the device is reopened every 5 s.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nasd.h"
#include "pcap.h"
#include "pool.h"
#include "ppp_defs.h"
#include "rand.h"
#include "tty.h"

#define LINK_REOPEN_MS 5000
#define LINK_RESTART_MS 2000
#define LINK_OBUF_MAX (256 * 1024)

static void link_open(struct link *link);
static void link_start_session(struct link *link);

static void link_log_updown(struct link *link, bool up)
{
	log_notice(&link->nasd->log,
		   "%%LINK-3-UPDOWN: Interface %s, changed state to %s",
		   link->ifname, up ? "up" : "down");
	link->state_since_ms = loop_now_ms(link->nasd->loop);
	link->carrier_transitions++;
}

static void link_capture(struct link *link, int dir, const uint8_t *frame,
			 size_t len)
{
	uint8_t rec[HDLC_FRAME_MAX_BYTES + 1];

	if (!link->nasd->pcap || len + 1 > sizeof(rec))
		return;
	rec[0] = (uint8_t)dir;
	memcpy(rec + 1, frame, len);
	pcap_write(link->nasd->pcap, loop_wall_ms(link->nasd->loop) * 1000,
		   rec, len + 1);
}

/* ---- output ---------------------------------------------------------------- */

static void link_flush(struct link *link)
{
	while (link->olen > 0 && link->fd >= 0) {
		ssize_t n = write(link->fd, link->obuf, link->olen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				link->olen = 0; /* carrier gone: read sees it */
			break;
		}
		memmove(link->obuf, link->obuf + n, link->olen - (size_t)n);
		link->olen -= (size_t)n;
		link->tx_octets += (uint64_t)n;
	}
	if (link->fd >= 0)
		loop_fd_mod(&link->lfd,
			    LOOP_IN | (link->olen > 0 ? LOOP_OUT : 0));
}

static void link_send_frame(void *ctx, const uint8_t *frame, size_t len,
			    bool lcp)
{
	struct link *link = ctx;
	struct hdlc_tx_cfg cfg = link->tx;
	size_t need = hdlc_encoded_max(len);
	size_t n;

	if (link->fd < 0)
		return;
	if (lcp)
		cfg.accm = HDLC_ACCM_DEFAULT;
	if (link->olen + need > link->ocap) {
		size_t ncap = link->ocap ? link->ocap : 4096;
		uint8_t *nb;
		while (ncap < link->olen + need)
			ncap *= 2;
		if (ncap > LINK_OBUF_MAX) {
			link->tx_drops++;
			return; /* the tty is not draining: drop, as a queue */
		}
		nb = realloc(link->obuf, ncap);
		if (!nb) {
			link->tx_drops++;
			return;
		}
		link->obuf = nb;
		link->ocap = ncap;
	}
	n = hdlc_encode(&cfg, frame, len, link->obuf + link->olen,
			link->ocap - link->olen);
	if (n == 0) {
		link->tx_drops++;
		return;
	}
	link_capture(link, PCAP_DIR_SENT, frame, len);
	link->olen += n;
	link->tx_frames++;
	link->last_output_ms = loop_now_ms(link->nasd->loop);
	link_flush(link);
}

/* ---- session ops ------------------------------------------------------------ */

static void link_params(void *ctx, const struct lcp_neg *neg)
{
	struct link *link = ctx;
	struct hdlc_rx_cfg rc = link->rx.cfg;

	if (neg) {
		link->tx.accm = neg->tx_accm;
		rc.accm = neg->rx_accm;
		rc.max_info_bytes =
			neg->rx_mru > HDLC_INFO_DEFAULT_BYTES
				? neg->rx_mru
				: HDLC_INFO_DEFAULT_BYTES;
	} else {
		link->tx.accm = HDLC_ACCM_DEFAULT;
		rc.accm = HDLC_ACCM_DEFAULT;
		rc.max_info_bytes = HDLC_INFO_DEFAULT_BYTES;
	}
	hdlc_rx_set_cfg(&link->rx, &rc);
}

static void link_ip_up(void *ctx, uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct link *link = ctx;

	dataplane_up(link->nasd, link, local, peer, mtu);
}

static void link_ip_down(void *ctx, uint32_t local, uint32_t peer)
{
	struct link *link = ctx;

	dataplane_down(link->nasd, link, local, peer);
}

static void link_ip_input(void *ctx, const uint8_t *pkt, size_t len)
{
	struct link *link = ctx;

	dataplane_input(link->nasd, pkt, len);
}

static void link_reap(void *arg)
{
	struct link *link = arg;

	ppp_session_free(link->dead);
	link->dead = NULL;
	if (link->closing || link->admin_down || link->fd < 0)
		return;
	timer_arm(&link->restart_timer, LINK_RESTART_MS);
}

static void link_session_down(void *ctx, const char *reason)
{
	struct link *link = ctx;

	snprintf(link->last_reason, sizeof(link->last_reason), "%s", reason);
	link->resets++;
	/* Nothing is freed inside its own callback: the session goes away
	 * from the loop's deferred queue. */
	if (link->sess) {
		link->dead = link->sess;
		link->sess = NULL;
		loop_defer(link->nasd->loop, &link->reap, link_reap, link);
	}
}

static void link_random(void *ctx, void *buf, size_t n)
{
	(void)ctx;
	if (rand_bytes(buf, n) != 0)
		memset(buf, 0x5a, n); /* getrandom cannot fail for small n */
}

static bool link_pool_alloc(void *ctx, const char *name, uint32_t *addr)
{
	struct link *link = ctx;
	struct pool *p = nasd_pool_find(link->nasd, name);

	return p && pool_alloc(p, addr);
}

static void link_pool_release(void *ctx, const char *name, uint32_t addr)
{
	struct link *link = ctx;
	struct pool *p = nasd_pool_find(link->nasd, name);

	if (p)
		pool_release(p, addr);
}

static const struct ppp_session_ops link_session_ops = {
	.send_frame = link_send_frame,
	.link_params = link_params,
	.ip_up = link_ip_up,
	.ip_down = link_ip_down,
	.ip_input = link_ip_input,
	.link_down = link_session_down,
	.random = link_random,
	.pool_alloc = link_pool_alloc,
	.pool_release = link_pool_release,
};

/* ---- input ------------------------------------------------------------------ */

static void link_frame(void *ctx, const uint8_t *frame, size_t len)
{
	struct link *link = ctx;

	link_capture(link, PCAP_DIR_RECEIVED, frame, len);
	if (link->sess)
		ppp_session_input(link->sess, frame, len);
}

static void link_carrier_lost(struct link *link, const char *why)
{
	log_info(&link->nasd->log, "%s: %s: %s", link->ifname, link->device,
		 why);
	loop_fd_del(&link->lfd);
	close(link->fd);
	link->fd = -1;
	link->olen = 0;
	link->carrier = false;
	timer_cancel(&link->restart_timer);
	if (link->sess)
		ppp_session_lower_down(link->sess);
	link_log_updown(link, false);
	if (!link->closing && !link->admin_down)
		timer_arm(&link->reopen_timer, LINK_REOPEN_MS);
}

static void link_io(struct loop_fd *h, uint32_t revents)
{
	struct link *link = h->arg;
	uint8_t buf[4096];

	if (revents & LOOP_OUT)
		link_flush(link);
	if (!(revents & (LOOP_IN | LOOP_ERR)))
		return;
	for (int i = 0; i < 16 && link->fd >= 0; i++) {
		ssize_t n = read(link->fd, buf, sizeof(buf));
		if (n > 0) {
			link->rx_octets += (uint64_t)n;
			link->last_input_ms = loop_now_ms(link->nasd->loop);
			hdlc_rx_feed(&link->rx, buf, (size_t)n, link_frame,
				     link);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		link_carrier_lost(link, n == 0 ? "end of file"
					       : strerror(errno));
		return;
	}
}

/* ---- lifecycle ---------------------------------------------------------------- */

static void link_start_session(struct link *link)
{
	struct ppp_session_cfg scfg;

	if (link->sess || link->fd < 0 || link->admin_down || link->closing)
		return;
	nasd_session_cfg(link->nasd, link->nasd->running, link->line, &scfg);
	link_params(link, NULL);
	link->sess = ppp_session_new(&scfg, &link_session_ops, link,
				     link->nasd->aaa, link->nasd->ts,
				     &link->nasd->log);
	if (!link->sess) {
		log_err(&link->nasd->log, "%s: out of memory", link->ifname);
		return;
	}
	ppp_session_start(link->sess);
}

static void link_restart_cb(void *arg)
{
	link_start_session(arg);
}

static void link_reopen_cb(void *arg)
{
	link_open(arg);
}

static void link_open(struct link *link)
{
	char err[256];
	int fd;

	if (link->fd >= 0 || link->closing || link->admin_down)
		return;
	fd = tty_open(link->device, link->speed_bps, link->hw_flow, err,
		      sizeof(err));
	if (fd < 0) {
		if (strcmp(link->last_reason, err) != 0)
			log_warn(&link->nasd->log, "%s: line %u: %s",
				 link->ifname, link->line, err);
		snprintf(link->last_reason, sizeof(link->last_reason), "%s",
			 err);
		timer_arm(&link->reopen_timer, LINK_REOPEN_MS);
		return;
	}
	if (loop_fd_add(link->nasd->loop, &link->lfd, fd, LOOP_IN, link_io,
			link) != 0) {
		close(fd);
		timer_arm(&link->reopen_timer, LINK_REOPEN_MS);
		return;
	}
	link->fd = fd;
	link->carrier = true;
	link->last_reason[0] = '\0';
	hdlc_rx_init(&link->rx, &link->rx.cfg);
	link_log_updown(link, true);
	link_start_session(link);
}

struct link *link_new(struct nasd *nasd, unsigned line, const char *device,
		      unsigned speed_bps, bool hw_flow)
{
	struct link *link = calloc(1, sizeof(*link));
	struct hdlc_rx_cfg rc = {.accm = HDLC_ACCM_DEFAULT,
				 .fcs32 = false,
				 .max_info_bytes = HDLC_INFO_DEFAULT_BYTES};
	struct ifname id;

	if (!link)
		return NULL;
	link->nasd = nasd;
	link->line = line;
	link->fd = -1;
	link->speed_bps = speed_bps;
	link->hw_flow = hw_flow;
	snprintf(link->device, sizeof(link->device), "%s", device);
	memset(&id, 0, sizeof(id));
	id.type = IF_ASYNC;
	id.unit = line;
	ifname_canon(&id, link->ifname, sizeof(link->ifname));
	ifname_short(&id, link->ifshort, sizeof(link->ifshort));
	link->tx.accm = HDLC_ACCM_DEFAULT;
	hdlc_rx_init(&link->rx, &rc);
	timer_init(&link->reopen_timer, nasd->ts, link_reopen_cb, link);
	timer_init(&link->restart_timer, nasd->ts, link_restart_cb, link);
	link->state_since_ms = loop_now_ms(nasd->loop);
	link_open(link);
	return link;
}

static void link_close_fd(struct link *link)
{
	if (link->fd < 0)
		return;
	link_flush(link);
	loop_fd_del(&link->lfd);
	close(link->fd);
	link->fd = -1;
	link->carrier = false;
}

void link_free(struct link *link)
{
	if (!link)
		return;
	link->closing = true;
	timer_cancel(&link->reopen_timer);
	timer_cancel(&link->restart_timer);
	loop_defer_cancel(&link->reap);
	if (link->sess) {
		ppp_session_lower_down(link->sess);
		ppp_session_free(link->sess);
	}
	ppp_session_free(link->dead);
	link->sess = link->dead = NULL;
	if (link->fd >= 0)
		link_log_updown(link, false);
	link_close_fd(link);
	free(link->obuf);
	free(link);
}

void link_set_admin(struct link *link, bool down)
{
	if (link->admin_down == down)
		return;
	link->admin_down = down;
	if (down) {
		timer_cancel(&link->reopen_timer);
		timer_cancel(&link->restart_timer);
		if (link->sess)
			ppp_session_close(link->sess, "Administratively down");
		log_notice(&link->nasd->log,
			   "%%LINK-5-CHANGED: Interface %s, changed state to "
			   "administratively down",
			   link->ifname);
		return;
	}
	if (link->fd < 0)
		link_open(link);
	else
		link_start_session(link);
}

void link_reset(struct link *link, const char *reason)
{
	if (link->sess) {
		/* IOS `clear interface`: the link is reset at once. */
		ppp_session_lower_down(link->sess);
	} else if (link->fd < 0) {
		timer_cancel(&link->reopen_timer);
		link_open(link);
	}
	log_notice(&link->nasd->log, "%s: %s", link->ifname, reason);
}

bool link_shutdown(struct link *link)
{
	link->closing = true;
	timer_cancel(&link->reopen_timer);
	timer_cancel(&link->restart_timer);
	if (link->sess && link->sess->phase != PPP_PHASE_DEAD) {
		ppp_session_close(link->sess, "nasd shutting down");
		return false;
	}
	return true;
}

bool link_is_down(const struct link *link)
{
	return !link->sess || link->sess->phase == PPP_PHASE_DEAD;
}

struct link *link_find(struct nasd *nasd, const char *ifname)
{
	for (struct link *l = nasd->links; l; l = l->next)
		if (strcmp(l->ifname, ifname) == 0)
			return l;
	return NULL;
}

void link_send_ip(struct link *link, const uint8_t *pkt, size_t len)
{
	if (link->sess)
		ppp_session_send_ip(link->sess, pkt, len);
}
