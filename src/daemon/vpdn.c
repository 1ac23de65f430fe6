/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vpdn.c - the L2TP manager (vpdn.h): the UDP socket (RFC 2661 §8.1, port
 * 1701) read and written in batches, the L2TP core instance and its ops,
 * tunnel selection by vpdn-group (`initiate-to`, `terminate-from`) and
 * the tunnel parameters from the group's `l2tp tunnel ...` commands.
 * Session events go to vpdn_lac.c (LAC calls) or vpdn_lns.c (Virtual-
 * Access interfaces) by the call type.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cp_print.h"
#include "l2tp_codec.h"
#include "lns_select.h"
#include "nasd.h"
#include "pcap.h"
#include "rand.h"
#include "vpdn.h"

/* Datagrams taken per readable event before the loop gets a turn (more
 * when one receive brings more, UDP GRO): the TUN's replies and the
 * other file descriptors wait no longer than that. */
#define VPDN_RX_BUDGET 256
/* Socket buffers: a few thousand sessions coming up at once. */
#define VPDN_SOCKBUF (4 << 20)
/* `l2tp tunnel hello 0` (off): a silence no tunnel ever reaches. */
#define VPDN_HELLO_OFF_S (10u * 365 * 24 * 3600)

void vpdn_cpy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

struct vpdn_grp *vpdn_grp_get(struct vpdn *v, const char *name)
{
	struct vpdn_grp *g;

	for (g = v->grps; g; g = g->next)
		if (strcmp(g->name, name) == 0)
			return g;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	snprintf(g->name, sizeof(g->name), "%s", name);
	g->next = v->grps;
	v->grps = g;
	return g;
}

/* ---- datagrams ---- */

static void flush_now(struct vpdn *v)
{
	udp_tx_flush(v->fd, &v->tx);
	if (v->tx.dropped != v->tx_dropped) {
		log_dbg(&v->nasd->log, DBG_VPDN_L2X_ERRORS,
			"L2TP: %llu datagram(s) not sent: %s",
			(unsigned long long)(v->tx.dropped - v->tx_dropped),
			strerror(v->tx.last_err));
		v->tx_dropped = v->tx.dropped;
	}
}

static void flush_cb(void *arg)
{
	flush_now(arg);
}

/* The source address of a tunnel's datagrams: its group's `source-ip`. */
static uint32_t tunnel_source(const struct vpdn *v, const struct l2tp_peer *p)
{
	const struct config *cfg = v->nasd->running;

	/* The group that initiates to or terminates from this peer; a
	 * responder answers from the address the SCCRQ came to. */
	for (size_t i = 0; i < cfg->vpdn.ngroups; i++) {
		const struct config_vpdn_group *g = &cfg->vpdn.groups[i];

		for (size_t k = 0; k < g->ninitiate_to; k++)
			if (g->initiate_to[k].addr == p->ip && g->source_ip)
				return g->source_ip;
	}
	return 0;
}

static void op_send(void *ctx, const struct l2tp_peer *peer,
		    const uint8_t *hdr, size_t hdr_len, const uint8_t *payload,
		    size_t payload_len)
{
	struct vpdn *v = ctx;
	size_t len = hdr_len + payload_len;
	uint32_t src;
	uint8_t *slot;

	if (v->fd < 0 || len > UDP_DGRAM_MAX)
		return;
	slot = udp_tx_slot(&v->tx);
	if (!slot) {
		flush_now(v);
		slot = udp_tx_slot(&v->tx);
		if (!slot)
			return;
	}
	memcpy(slot, hdr, hdr_len);
	if (payload_len)
		memcpy(slot + hdr_len, payload, payload_len);
	src = tunnel_source(v, peer);
	if (v->pcap)
		pcap_write_udp4(v->pcap, loop_wall_ms(v->nasd->loop) * 1000,
				src ? src : v->local_ip, VPDN_PORT, peer->ip,
				peer->port, slot, len);
	udp_tx_commit(&v->tx, len, src, peer->ip, peer->port);
	loop_defer(v->nasd->loop, &v->flush, flush_cb, v);
}

static void on_readable(struct loop_fd *h, uint32_t revents)
{
	struct vpdn *v = h->arg;

	(void)revents;
	for (int got = 0; got < VPDN_RX_BUDGET && v->fd >= 0;) {
		int n = udp_recv_batch(v->fd, &v->rx);

		if (n <= 0)
			break;
		for (int i = 0; i < n && v->l2tp; i++) {
			const struct udp_dgram *d = &v->rx.d[i];
			struct l2tp_peer peer = {d->src_ip, d->src_port};

			if (d->truncated)
				continue;
			if (d->dst_ip)
				v->local_ip = d->dst_ip;
			if (v->pcap)
				pcap_write_udp4(
					v->pcap,
					loop_wall_ms(v->nasd->loop) * 1000,
					d->src_ip, d->src_port, d->dst_ip,
					VPDN_PORT, d->data, d->len);
			l2tp_input(v->l2tp, &peer, d->data, d->len);
		}
		got += n;
		if (!v->rx.full)
			break;
	}
	if (v->tx.n)
		flush_now(v);
}

int vpdn_pcap_open(struct nasd *nasd, const char *path)
{
	char err[256];
	struct vpdn *v = nasd->vpdn;

	if (!v)
		return -1;
	pcap_close(v->pcap);
	v->pcap = pcap_create(path, PCAP_LINKTYPE_RAW, 0, err, sizeof(err));
	if (!v->pcap) {
		log_err(&nasd->log, "%s", err);
		return -1;
	}
	return 0;
}

/* ---- tunnels ---- */

void vpdn_tunnel_cfg(const struct nasd *nasd, const struct config_vpdn_group *g,
		     const char *peer_name, bool lac,
		     struct l2tp_tunnel_cfg *out)
{
	const struct config *cfg = nasd->running;
	const char *secret = config_vpdn_tunnel_secret(cfg, g, peer_name);

	memset(out, 0, sizeof(*out));
	snprintf(out->local_name, sizeof(out->local_name), "%s",
		 config_vpdn_local_name(cfg, g));
	if (secret) {
		size_t n = strlen(secret);

		if (n > sizeof(out->secret))
			n = sizeof(out->secret);
		memcpy(out->secret, secret, n);
		out->secret_len = n;
	}
	out->authenticate = g->tunnel_auth && out->secret_len;
	out->hide_avps = g->hidden && out->secret_len;
	out->hide_pad_max = out->hide_avps ? 8 : 0;
	out->rx_window = (uint16_t)(g->receive_window > 65535
					    ? 65535
					    : g->receive_window);
	out->hello_s = g->hello_s ? g->hello_s : VPDN_HELLO_OFF_S;
	out->rtx_min_ms = g->retransmit_min_s * 1000u;
	out->rtx_max_ms = g->retransmit_max_s * 1000u;
	out->retries = g->retransmit_retries;
	/* A LAC that accepts dial-out has a dial resource (RFC 2661
	 * §4.4.3: the LNS may send OCRQ only then). */
	if (lac && config_vpdn_role_usable(g, CONFIG_VPDN_ACC_DIALOUT))
		out->bearer_caps = L2TP_BEARER_DIGITAL | L2TP_BEARER_ANALOG;
	snprintf(out->vendor_name, sizeof(out->vendor_name), "nasd");
}

/* Is addr on grp's busy list at now_ms?  Expired entries are dropped. */
static bool grp_busy(struct vpdn_grp *grp, uint32_t addr, uint64_t now_ms)
{
	for (size_t i = 0; i < grp->nbusy; i++) {
		if (grp->busy[i].addr != addr)
			continue;
		if (grp->busy[i].until_ms > now_ms)
			return true;
		grp->busy[i] = grp->busy[--grp->nbusy];
		return false;
	}
	return false;
}

static void grp_unbusy(struct vpdn_grp *grp, uint32_t addr)
{
	for (size_t i = 0; i < grp->nbusy; i++)
		if (grp->busy[i].addr == addr) {
			grp->busy[i] = grp->busy[--grp->nbusy];
			return;
		}
}

void vpdn_tunnel_failed(struct vpdn *v, struct l2tp_tunnel *t)
{
	struct nasd *nasd = v->nasd;
	struct vpdn_grp *grp = l2tp_tunnel_user(t);
	const struct config_vpdn_group *g;
	struct l2tp_tunnel_status st;
	uint32_t addr = l2tp_tunnel_peer(t)->ip;
	unsigned secs = CONFIG_L2TP_BUSY_DEFAULT_S;
	size_t i;
	char a[16];

	l2tp_tunnel_get_status(t, &st);
	if (!grp || !st.initiator || st.was_established)
		return;
	g = config_vpdn_group_find(nasd->running, grp->name);
	if (g)
		secs = g->busy_timeout_s;
	for (i = 0; i < grp->nbusy && grp->busy[i].addr != addr; i++)
		;
	if (i < grp->nbusy && grp->busy[i].tunnel_id == st.local_id)
		return; /* this failure is known (each session reports it) */
	if (i == grp->nbusy) {
		if (grp->nbusy == CONFIG_VPDN_MAX_INITIATE)
			return;
		grp->nbusy++;
	}
	grp->busy[i].addr = addr;
	grp->busy[i].until_ms = loop_now_ms(nasd->loop) + secs * 1000ull;
	grp->busy[i].tunnel_id = st.local_id;
	cp_print_ipv4(a, sizeof(a), addr);
	log_dbg(&nasd->log, DBG_VPDN_EVENTS,
		"VPDN/%s: tunnel to %s did not come up: %s is busy for %u s",
		grp->name, a, a, secs);
}

struct l2tp_tunnel *vpdn_tunnel_for(struct vpdn *v,
				    const struct config_vpdn_group *g,
				    const char *ifshort, bool lac,
				    const uint32_t *tried, size_t ntried)
{
	struct nasd *nasd = v->nasd;
	struct lns_cand c[CONFIG_VPDN_MAX_INITIATE];
	struct l2tp_tunnel *live[CONFIG_VPDN_MAX_INITIATE];
	struct vpdn_grp *grp = vpdn_grp_get(v, g->name);
	uint64_t now = loop_now_ms(nasd->loop);
	struct l2tp_tunnel_cfg tcfg;
	struct lns_choice pick;
	struct l2tp_tunnel *t;
	unsigned best = ~0u;
	char a[16];
	size_t n = g->ninitiate_to;

	if (!grp || !v->l2tp)
		return NULL;
	if (!n) {
		log_warn(&nasd->log,
			 "%s VPDN: vpdn-group %s has no initiate-to address",
			 ifshort, g->name);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (g->initiate_to[i].priority < best)
			best = g->initiate_to[i].priority;
	for (size_t i = 0; i < n; i++) {
		struct l2tp_peer p = {g->initiate_to[i].addr, VPDN_PORT};

		c[i] = (struct lns_cand){.addr = p.ip,
					 .priority = g->initiate_to[i].priority};
		live[i] = l2tp_tunnel_lookup(v->l2tp, &p, grp);
		if (live[i]) {
			struct l2tp_tunnel_status st;

			l2tp_tunnel_get_status(live[i], &st);
			c[i].active = true;
			c[i].sessions = st.sessions;
		}
		c[i].busy = grp_busy(grp, p.ip, now);
		for (size_t k = 0; k < ntried; k++)
			c[i].tried = c[i].tried || tried[k] == p.ip;
		cp_print_ipv4(a, sizeof(a), p.ip);
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN/%s: curlvl %u Address %zu: %s, priority "
			"%u%s%s",
			ifshort, g->name, best, i, a, c[i].priority,
			c[i].tried  ? ", failed for this call"
			: c[i].busy ? ", busy"
				    : "",
			c[i].active ? ", active" : "");
	}
	pick = lns_select(c, n);
	if (pick.index < 0) {
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN/%s: no initiate-to address left to try",
			ifshort, g->name);
		return NULL;
	}
	cp_print_ipv4(a, sizeof(a), c[pick.index].addr);
	if (pick.all_busy)
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN/%s: every address is busy, trying %s anyway",
			ifshort, g->name, a);
	t = live[pick.index];
	if (t) {
		log_dbg(&nasd->log, DBG_VPDN_EVENTS,
			"%s VPDN/%s: Select active address %s, priority %u",
			ifshort, g->name, a, c[pick.index].priority);
		return t;
	}
	log_dbg(&nasd->log, DBG_VPDN_EVENTS,
		"%s VPDN/%s: Select non-active address %s, priority %u",
		ifshort, g->name, a, c[pick.index].priority);
	vpdn_tunnel_cfg(nasd, g, g->terminate_from, lac, &tcfg);
	tcfg.user = grp;
	{
		struct l2tp_peer p = {c[pick.index].addr, VPDN_PORT};

		t = l2tp_tunnel_open(v->l2tp, &p, &tcfg);
	}
	memset(tcfg.secret, 0, sizeof(tcfg.secret));
	return t;
}

/* ---- the core's ops ---- */

static void op_random(void *ctx, void *buf, size_t len)
{
	struct vpdn *v = ctx;

	if (rand_pool_bytes(&v->nasd->rand, buf, len) != 0)
		memset(buf, 0x5a, len);
}

static bool op_tunnel_accept(void *ctx, const struct l2tp_peer *peer,
			     const char *host_name,
			     struct l2tp_tunnel_cfg *cfg)
{
	struct vpdn *v = ctx;
	struct nasd *nasd = v->nasd;
	const struct config *rc = nasd->running;
	const struct config_vpdn_group *g;
	struct vpdn_grp *grp;
	char a[16];
	bool lac = false;

	g = config_vpdn_find_terminate(rc, host_name, CONFIG_VPDN_ACC_DIALIN);
	if (!g) {
		g = config_vpdn_find_terminate(rc, host_name,
					       CONFIG_VPDN_ACC_DIALOUT);
		lac = g != NULL;
	}
	cp_print_ipv4(a, sizeof(a), peer->ip);
	if (!g) {
		log_dbg(&nasd->log, DBG_VPDN_L2X_ERRORS,
			"L2TP: Tunnel from %s (%s) refused: no vpdn-group "
			"accepts it",
			host_name, a);
		return false;
	}
	grp = vpdn_grp_get(v, g->name);
	if (!grp)
		return false;
	vpdn_tunnel_cfg(nasd, g, host_name, lac, cfg);
	cfg->user = grp;
	return true;
}

static void op_tunnel_up(void *ctx, struct l2tp_tunnel *t)
{
	struct vpdn *v = ctx;
	char a[16];

	cp_print_ipv4(a, sizeof(a), l2tp_tunnel_peer(t)->ip);
	if (l2tp_tunnel_user(t))
		grp_unbusy(l2tp_tunnel_user(t), l2tp_tunnel_peer(t)->ip);
	log_dbg(&v->nasd->log, DBG_VPDN_EVENTS,
		"Tnl %u VPDN: Tunnel to %s (%s) is up",
		l2tp_tunnel_local_id(t), l2tp_tunnel_remote_name(t), a);
}

static void op_tunnel_down(void *ctx, struct l2tp_tunnel *t,
			   const struct l2tp_result *why)
{
	struct vpdn *v = ctx;
	const char *name = l2tp_tunnel_remote_name(t);
	char a[16];

	vpdn_tunnel_failed(v, t);
	cp_print_ipv4(a, sizeof(a), l2tp_tunnel_peer(t)->ip);
	/* A peer that never answered has no name: the address alone. */
	log_notice(&v->nasd->log,
		   "%%VPDN-6-CLOSED: L2TP tunnel %u to %s%s%s%s closed: %s "
		   "(result %u, error %u)",
		   l2tp_tunnel_local_id(t), name, name[0] ? " (" : "", a,
		   name[0] ? ")" : "",
		   why && why->reason ? why->reason
		   : why && why->by_peer ? "StopCCN from the peer"
					 : "closed",
		   why ? why->result : 0, why ? why->error : 0);
}

static bool is_lac(const struct l2tp_session *ls)
{
	enum l2tp_call_type t = l2tp_session_call_type(ls);

	return t == L2TP_CALL_LAC_IC || t == L2TP_CALL_LAC_OG;
}

static int op_session_incoming(void *ctx, struct l2tp_session *ls,
			       const struct l2tp_call_info *info)
{
	return vpdn_lns_incoming(ctx, ls, info);
}

static int op_session_ocrq(void *ctx, struct l2tp_session *ls,
			   const struct l2tp_ocrq_info *info)
{
	return vpdn_lac_ocrq(ctx, ls, info);
}

static void op_session_reply(void *ctx, struct l2tp_session *ls)
{
	struct vpdn_fwd *f = l2tp_session_user(ls);

	if (f && is_lac(ls))
		vpdn_lac_session_reply(ctx, f);
}

static void op_session_connected(void *ctx, struct l2tp_session *ls,
				 const struct l2tp_connect_info *info)
{
	void *u = l2tp_session_user(ls);

	if (!u)
		return;
	if (is_lac(ls))
		vpdn_lac_session_connected(ctx, u);
	else
		vpdn_lns_connected(ctx, u, info);
}

static void op_session_down(void *ctx, struct l2tp_session *ls,
			    const struct l2tp_result *why)
{
	void *u = l2tp_session_user(ls);
	struct l2tp_tunnel *t = l2tp_session_tunnel(ls);
	struct l2tp_tunnel *failed = NULL;

	/* Sessions hear of their tunnel's end before the glue does
	 * (tunnel_down): a tunnel that never came up puts its address on
	 * the busy list now, so a call failing over from it does not
	 * choose it again. */
	if (why && !why->by_peer && why->error == L2TP_ERR_NO_TUNNEL && t &&
	    l2tp_tunnel_state(t) != L2TP_TUNNEL_ESTABLISHED) {
		failed = t;
		vpdn_tunnel_failed(ctx, t);
	}
	if (!u)
		return;
	l2tp_session_set_user(ls, NULL);
	if (is_lac(ls))
		vpdn_lac_session_down(ctx, u, failed, why);
	else
		vpdn_lns_down(ctx, u, why);
}

static void op_session_data(void *ctx, struct l2tp_session *ls,
			    const uint8_t *frame, size_t len)
{
	void *u = l2tp_session_user(ls);

	(void)ctx;
	if (!u)
		return;
	if (is_lac(ls))
		vpdn_lac_session_data(u, frame, len);
	else
		vpdn_lns_data(u, frame, len);
}

static void op_session_sli(void *ctx, struct l2tp_session *ls,
			   uint32_t send_accm, uint32_t recv_accm)
{
	void *u = l2tp_session_user(ls);

	(void)ctx;
	if (u && is_lac(ls))
		vpdn_lac_session_sli(u, send_accm, recv_accm);
}

static const struct l2tp_ops vpdn_l2tp_ops = {
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
};

/* ---- life ---- */

static int vpdn_open(struct nasd *nasd)
{
	struct vpdn *v = calloc(1, sizeof(*v));
	char err[256];

	if (!v)
		return -ENOMEM;
	v->nasd = nasd;
	v->fd = udp_open(0, VPDN_PORT, VPDN_SOCKBUF, err, sizeof(err));
	if (v->fd < 0) {
		log_err(&nasd->log, "%%VPDN-3-SOCKET: %s; L2TP is disabled",
			err);
		free(v);
		return -1;
	}
	if (udp_rx_init(&v->rx) || udp_tx_init(&v->tx) ||
	    !(v->l2tp = l2tp_new(&vpdn_l2tp_ops, v, loop_timers(nasd->loop),
				 &nasd->log)) ||
	    loop_fd_add(nasd->loop, &v->lfd, v->fd, LOOP_IN, on_readable, v)) {
		log_err(&nasd->log, "%%VPDN-3-INIT: out of resources; L2TP "
				    "is disabled");
		l2tp_free(v->l2tp);
		udp_rx_fini(&v->rx);
		udp_tx_fini(&v->tx);
		close(v->fd);
		free(v);
		return -1;
	}
	nasd->vpdn = v;
	log_info(&nasd->log, "VPDN: L2TP listening on UDP port %u", VPDN_PORT);
	return 0;
}

static bool close_tunnel(void *arg, struct l2tp_tunnel *t)
{
	(void)arg;
	l2tp_tunnel_close(t, L2TP_STOP_SHUTDOWN, 0);
	return true;
}

static void vpdn_close(struct nasd *nasd)
{
	struct vpdn *v = nasd->vpdn;

	if (!v)
		return;
	l2tp_foreach_tunnel(v->l2tp, close_tunnel, v);
	if (v->tx.n)
		flush_now(v);
	vpdn_lac_fini(v);
	vpdn_lns_fini(v);
	loop_defer_cancel(&v->flush);
	loop_fd_del(&v->lfd);
	l2tp_free(v->l2tp);
	v->l2tp = NULL;
	close(v->fd);
	v->fd = -1;
	udp_rx_fini(&v->rx);
	udp_tx_fini(&v->tx);
	pcap_close(v->pcap);
	while (v->grps) {
		struct vpdn_grp *g = v->grps;

		v->grps = g->next;
		free(g);
	}
	free(v);
	nasd->vpdn = NULL;
}

/* The configuration's VPDN consistency warnings, one log line each
 * (IOS accepts such configurations; they just do not do what was meant). */
static void log_warnings(struct nasd *nasd, const struct config *cfg)
{
	struct strbuf warn = STRBUF_INIT;
	const char *p;

	config_vpdn_check(cfg, &warn);
	for (p = sb_str(&warn); *p;) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		log_warn(&nasd->log, "%.*s", n, p);
		p += n + (nl != NULL);
	}
	sb_free(&warn);
}

void vpdn_apply(struct nasd *nasd, const struct config *cfg)
{
	bool want = cfg->vpdn.enable && cfg->vpdn.ngroups > 0;

	log_warnings(nasd, cfg);

	if (want && !nasd->vpdn) {
		if (vpdn_open(nasd) == 0 && nasd->l2tp_pcap_path)
			vpdn_pcap_open(nasd, nasd->l2tp_pcap_path);
	} else if (!want && nasd->vpdn) {
		vpdn_close(nasd);
	}
}

void vpdn_fini(struct nasd *nasd)
{
	vpdn_close(nasd);
}
