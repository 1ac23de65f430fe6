/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dataplane.c - IP between the Linux kernel and the PPP sessions.
 *
 * Design (documented in doc/dataplane.md): ONE shared TUN device for every
 * session, as l2tpns does, instead of one per interface.  When IPCP opens,
 * the session's local address is added to the TUN as a /32 and a host
 * route to the peer's address is installed through the TUN with the
 * session's MTU (the peer's MRU) as a per-route metric, so sessions with
 * different MRUs share one device.  Packets the kernel writes into the TUN
 * are matched on their destination against the peers' addresses and sent
 * down the owning session; packets from a peer are written to the TUN.
 * This scales to an LNS with thousands of sessions (one fd, one lookup),
 * and `ip route` shows every session as one host route.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addrmap.h"
#include "cp_print.h"
#include "nasd.h"
#include "rtnl.h"
#include "tun.h"

#define DP_MTU 1500

struct dp_route {
	uint32_t peer;
	struct dp_port port;
};

struct dp_addr {
	uint32_t addr;
	unsigned refs;
};

struct dataplane {
	struct nasd *nasd;
	int fd;
	char name[IFNAMSIZ_SIZE];
	int ifindex;
	struct rtnl *nl;
	struct loop_defer nl_flush; /* queued host routes go out */
	struct loop_fd lfd;
	struct dp_route *routes;
	size_t nroutes, caproutes;
	/* peer address → index in routes: a packet's lookup is O(1) with
	 * thousands of sessions (an LNS). */
	struct addrmap index;
	struct dp_addr *addrs;
	size_t naddrs, capaddrs;
	struct dp_dialer_route *droutes; /* dataplane_set_dialer_routes() */
	size_t ndroutes;
	uint32_t *dlocals;
	size_t ndlocals;
	uint64_t rx_packets, tx_packets, drops;
	unsigned written;  /* packets into the TUN since it was last read */
	bool reading;      /* in dp_drain(): no nested drain */
};

static struct dp_route *dp_lookup(struct dataplane *dp, uint32_t dst)
{
	uint32_t i;

	return addrmap_get(&dp->index, dst, &i) ? &dp->routes[i] : NULL;
}

/* Remove route idx; the last route moves into its place. */
static void dp_route_remove(struct dataplane *dp, size_t idx)
{
	size_t last = dp->nroutes - 1;

	addrmap_del(&dp->index, dp->routes[idx].peer);
	if (idx != last) {
		dp->routes[idx] = dp->routes[last];
		/* Replacing an existing key never allocates. */
		(void)addrmap_put(&dp->index, dp->routes[idx].peer,
				  (uint32_t)idx);
	}
	dp->nroutes--;
}

static uint32_t dp_mask(uint8_t len)
{
	return len ? ~(uint32_t)0 << (32 - len) : 0;
}

/* The longest dialer route holding dst, or NULL. */
static const struct dp_dialer_route *dp_dialer_lookup(struct dataplane *dp,
						      uint32_t dst)
{
	const struct dp_dialer_route *best = NULL;

	for (size_t i = 0; i < dp->ndroutes; i++) {
		const struct dp_dialer_route *d = &dp->droutes[i];

		if ((dst & dp_mask(d->len)) == d->prefix &&
		    (!best || d->len > best->len))
			best = d;
	}
	return best;
}

/* No session owns dst: a dialer route may.  True when the packet was
 * taken (sent down the next hop's session or handed to the dialer). */
static bool dp_dialer_output(struct dataplane *dp, uint32_t dst,
			     const uint8_t *pkt, size_t len)
{
	const struct dp_dialer_route *d = dp_dialer_lookup(dp, dst);
	struct dp_route *r;
	uint32_t nh;

	if (!d)
		return false;
	nh = d->next_hop ? d->next_hop : dst;
	r = dp_lookup(dp, nh);
	if (r)
		r->port.send_ip(r->port.ctx, pkt, len);
	else if (d->output)
		d->output(d->ctx, nh, pkt, len);
	else
		return false;
	return true;
}

/* Packets read from the TUN per turn: as many as the L2TP side takes in
 * per readable event (vpdn.c), so that the two directions keep pace. */
#define DP_READ_BUDGET 256
/* Packets written into the TUN before the data plane reads what the
 * kernel queued in return (its own replies, traffic routed to another
 * session) without waiting for its turn in the loop: one receive from a
 * tunnel can bring thousands of packets (UDP GRO), the TUN's transmit
 * queue holds 500 and drops the rest.  The read happens inside the input
 * path (an L2TP or HDLC receive loop, a PPP session's input); that is
 * safe because routing a packet only sends a frame or, to a dialer, queues
 * it and starts a call, as a PPP session's own replies do from there. */
#define DP_WRITE_BURST 128

/* Read and route up to DP_READ_BUDGET packets the kernel sent to the
 * TUN. */
static void dp_drain(struct dataplane *dp)
{
	uint8_t pkt[65536];

	dp->reading = true;
	dp->written = 0;
	for (int i = 0; i < DP_READ_BUDGET; i++) {
		ssize_t n = read(dp->fd, pkt, sizeof(pkt));
		uint32_t dst;
		struct dp_route *r;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		dp->rx_packets++;
		if (n < 20 || (pkt[0] >> 4) != 4) {
			dp->drops++; /* IPv6 and runts: no IPV6CP yet */
			continue;
		}
		dst = (uint32_t)pkt[16] << 24 | (uint32_t)pkt[17] << 16 |
		      (uint32_t)pkt[18] << 8 | pkt[19];
		r = dp_lookup(dp, dst);
		if (!r && dp_dialer_output(dp, dst, pkt, (size_t)n))
			continue;
		if (!r) {
			dp->drops++;
			continue;
		}
		r->port.send_ip(r->port.ctx, pkt, (size_t)n);
	}
	dp->reading = false;
}

static void dp_read(struct loop_fd *h, uint32_t revents)
{
	(void)revents;
	dp_drain(h->arg);
}

/* The kernel refused a queued host route change. */
static void dp_route_fail(void *arg, const struct rtnl_route_err *e)
{
	struct dataplane *dp = arg;
	char ip[16];

	log_warn(&dp->nasd->log, "%s: cannot %s route to %s: %s", dp->name,
		 e->add ? "install" : "remove",
		 cp_print_ipv4(ip, sizeof(ip), e->dst), e->msg);
}

static void dp_flush_cb(void *arg)
{
	struct dataplane *dp = arg;

	rtnl_flush(dp->nl);
}

/* Host routes of sessions coming up or down within one loop iteration go
 * to the kernel together, before the loop next waits. */
static void dp_flush_soon(struct dataplane *dp)
{
	loop_defer(dp->nasd->loop, &dp->nl_flush, dp_flush_cb, dp);
}

int dataplane_open(struct nasd *nasd, const char *name)
{
	struct dataplane *dp = calloc(1, sizeof(*dp));
	char err[256];
	int rc;

	if (!dp)
		return -1;
	dp->nasd = nasd;
	snprintf(dp->name, sizeof(dp->name), "%s", name);
	dp->fd = tun_open(dp->name, err, sizeof(err));
	if (dp->fd < 0) {
		log_err(&nasd->log,
			"%%DATAPLANE-3-TUN: %s; running without an IP data "
			"plane",
			err);
		free(dp);
		return -1;
	}
	dp->nl = rtnl_open(err, sizeof(err));
	dp->ifindex = rtnl_link_index(dp->name);
	if (!dp->nl || dp->ifindex <= 0) {
		log_err(&nasd->log, "%%DATAPLANE-3-NETLINK: %s",
			dp->nl ? "TUN device vanished" : err);
		goto fail;
	}
	rtnl_set_queue_fail(dp->nl, dp_route_fail, dp);
	rc = rtnl_link_set(dp->nl, dp->ifindex, true, DP_MTU);
	if (rc < 0) {
		log_err(&nasd->log, "%%DATAPLANE-3-NETLINK: %s up: %s",
			dp->name, strerror(-rc));
		goto fail;
	}
	if (loop_fd_add(nasd->loop, &dp->lfd, dp->fd, LOOP_IN, dp_read, dp) !=
	    0)
		goto fail;
	nasd->dp = dp;
	log_info(&nasd->log, "data plane on TUN device %s", dp->name);
	return 0;
fail:
	rtnl_close(dp->nl);
	close(dp->fd);
	free(dp);
	return -1;
}

void dataplane_close(struct nasd *nasd)
{
	struct dataplane *dp = nasd->dp;

	if (!dp)
		return;
	/* Closing the TUN removes it with its addresses and routes (queued
	 * ones included). */
	loop_defer_cancel(&dp->nl_flush);
	loop_fd_del(&dp->lfd);
	close(dp->fd);
	rtnl_close(dp->nl);
	free(dp->routes);
	addrmap_fini(&dp->index);
	free(dp->addrs);
	free(dp->droutes);
	free(dp->dlocals);
	free(dp);
	nasd->dp = NULL;
}

static void dp_addr_ref(struct dataplane *dp, uint32_t addr)
{
	char ip[16];
	int rc;

	for (size_t i = 0; i < dp->naddrs; i++)
		if (dp->addrs[i].addr == addr) {
			dp->addrs[i].refs++;
			return;
		}
	if (dp->naddrs == dp->capaddrs) {
		size_t ncap = dp->capaddrs ? dp->capaddrs * 2 : 8;
		struct dp_addr *na = realloc(dp->addrs, ncap * sizeof(*na));
		if (!na)
			return;
		dp->addrs = na;
		dp->capaddrs = ncap;
	}
	rc = rtnl_addr_add(dp->nl, dp->ifindex, addr, 32, 0);
	if (rc < 0)
		log_warn(&dp->nasd->log, "%s: cannot add address %s: %s",
			 dp->name, cp_print_ipv4(ip, sizeof(ip), addr),
			 strerror(-rc));
	dp->addrs[dp->naddrs].addr = addr;
	dp->addrs[dp->naddrs].refs = 1;
	dp->naddrs++;
}

static void dp_addr_unref(struct dataplane *dp, uint32_t addr)
{
	for (size_t i = 0; i < dp->naddrs; i++) {
		if (dp->addrs[i].addr != addr)
			continue;
		if (--dp->addrs[i].refs == 0) {
			rtnl_addr_del(dp->nl, dp->ifindex, addr, 32);
			dp->addrs[i] = dp->addrs[--dp->naddrs];
		}
		return;
	}
}

void dataplane_up(struct nasd *nasd, const struct dp_port *port,
		  uint32_t local, uint32_t peer, uint16_t mtu)
{
	struct dataplane *dp = nasd->dp;
	struct dp_route *r;
	char ip[16];
	int rc;

	if (!dp || peer == 0)
		return;
	if (local)
		dp_addr_ref(dp, local);
	rc = rtnl_route_replace_queued(dp->nl, dp->ifindex, peer, 32, local,
				       mtu);
	if (rc < 0)
		log_warn(&nasd->log, "%s: cannot install route to %s: %s",
			 port->name, cp_print_ipv4(ip, sizeof(ip), peer),
			 strerror(-rc));
	else
		dp_flush_soon(dp);
	r = dp_lookup(dp, peer);
	if (r) {
		r->port = *port; /* the address moved to another session */
		return;
	}
	if (dp->nroutes == dp->caproutes) {
		size_t ncap = dp->caproutes ? dp->caproutes * 2 : 16;
		struct dp_route *nr = realloc(dp->routes, ncap * sizeof(*nr));
		if (!nr)
			return;
		dp->routes = nr;
		dp->caproutes = ncap;
	}
	if (addrmap_put(&dp->index, peer, (uint32_t)dp->nroutes) < 0)
		return;
	dp->routes[dp->nroutes].peer = peer;
	dp->routes[dp->nroutes].port = *port;
	dp->nroutes++;
}

void dataplane_down(struct nasd *nasd, void *ctx, uint32_t local,
		    uint32_t peer)
{
	struct dataplane *dp = nasd->dp;

	if (!dp || peer == 0)
		return;
	{
		struct dp_route *r = dp_lookup(dp, peer);

		if (r && r->port.ctx == ctx) {
			if (rtnl_route_del_queued(dp->nl, dp->ifindex, peer,
						  32) == 0)
				dp_flush_soon(dp);
			dp_route_remove(dp, (size_t)(r - dp->routes));
		}
	}
	if (local)
		dp_addr_unref(dp, local);
}

static bool dp_droute_in(const struct dp_dialer_route *v, size_t n,
			 const struct dp_dialer_route *d)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].prefix == d->prefix && v[i].len == d->len &&
		    v[i].pref_src == d->pref_src)
			return true;
	return false;
}

static bool dp_local_in(const uint32_t *v, size_t n, uint32_t a)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == a)
			return true;
	return false;
}

void dataplane_set_dialer_routes(struct nasd *nasd,
				 const struct dp_dialer_route *routes, size_t n,
				 const uint32_t *locals, size_t n_locals)
{
	struct dataplane *dp = nasd->dp;
	struct dp_dialer_route *nr = NULL;
	uint32_t *nl = NULL;
	char ip[16];
	int rc;

	if (!dp)
		return;
	if ((n && !(nr = calloc(n, sizeof(*nr)))) ||
	    (n_locals && !(nl = calloc(n_locals, sizeof(*nl))))) {
		free(nr);
		log_err(&nasd->log, "%s: dialer routes: out of memory",
			dp->name);
		return;
	}
	if (n)
		memcpy(nr, routes, n * sizeof(*nr));
	if (n_locals)
		memcpy(nl, locals, n_locals * sizeof(*nl));
	/* Addresses first: a route's preferred source must be local. */
	for (size_t i = 0; i < n_locals; i++)
		if (!dp_local_in(dp->dlocals, dp->ndlocals, nl[i]))
			dp_addr_ref(dp, nl[i]);
	for (size_t i = 0; i < dp->ndroutes; i++)
		if (!dp_droute_in(nr, n, &dp->droutes[i]))
			rtnl_route_del(dp->nl, dp->ifindex,
				       dp->droutes[i].prefix,
				       dp->droutes[i].len);
	for (size_t i = 0; i < n; i++) {
		rc = rtnl_route_replace(dp->nl, dp->ifindex, nr[i].prefix,
					nr[i].len, nr[i].pref_src, 0);
		if (rc < 0)
			log_warn(&nasd->log,
				 "%s: cannot install route to %s/%u: %s",
				 dp->name,
				 cp_print_ipv4(ip, sizeof(ip), nr[i].prefix),
				 nr[i].len, strerror(-rc));
	}
	for (size_t i = 0; i < dp->ndlocals; i++)
		if (!dp_local_in(nl, n_locals, dp->dlocals[i]))
			dp_addr_unref(dp, dp->dlocals[i]);
	free(dp->droutes);
	free(dp->dlocals);
	dp->droutes = nr;
	dp->ndroutes = n;
	dp->dlocals = nl;
	dp->ndlocals = n_locals;
}

void dataplane_input(struct nasd *nasd, const uint8_t *pkt, size_t len)
{
	struct dataplane *dp = nasd->dp;

	if (!dp)
		return;
	if (write(dp->fd, pkt, len) != (ssize_t)len) {
		dp->drops++;
		return;
	}
	dp->tx_packets++;
	if (++dp->written >= DP_WRITE_BURST && !dp->reading)
		dp_drain(dp);
}

void dataplane_stats(const struct nasd *nasd, uint64_t *rx, uint64_t *tx,
		     uint64_t *drops)
{
	const struct dataplane *dp = nasd->dp;

	*rx = dp ? dp->rx_packets : 0;
	*tx = dp ? dp->tx_packets : 0;
	*drops = dp ? dp->drops : 0;
}

const char *dataplane_name(const struct nasd *nasd)
{
	return nasd->dp ? nasd->dp->name : NULL;
}
