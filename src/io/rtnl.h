/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rtnl.h - the few rtnetlink requests nasd needs to plumb the data plane:
 * bring the TUN interface up with an MTU, put the server's IPv4 address on
 * it (with the peer address of a point-to-point link) and install one host
 * route per PPP session (RFC 1332 IPCP gives the peer its address; the
 * route sends that address's traffic into the TUN).
 *
 * Each call is a synchronous request and ACK on a NETLINK_ROUTE socket: the
 * kernel answers at once, in the same system call path, so waiting for the
 * ACK here is the one place in nasd where the event loop waits for anything.
 * The wait is bounded (RTNL_TIMEOUT_MS) in case that assumption ever breaks.
 * The ACK is matched by sequence number and port id; the kernel's error is
 * returned as -errno and, when the kernel sends an extended ACK message
 * ("Invalid prefsrc address", ...), that text is kept for rtnl_last_error().
 *
 * IPv4 addresses are uint32_t in HOST byte order throughout (192.0.2.1 is
 * 0xC0000201); the encoder puts them on the wire in network order.
 */
#ifndef NASD_IO_RTNL_H
#define NASD_IO_RTNL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rtnl;

/* Upper bound on the wait for one ACK. */
#define RTNL_TIMEOUT_MS 2000

/*
 * Open a NETLINK_ROUTE socket (O_NONBLOCK | O_CLOEXEC) bound to a
 * kernel-assigned port id, with extended ACKs requested.  Returns NULL with
 * errno set and a message in err.
 */
struct rtnl *rtnl_open(char *err, size_t errlen);

/* Close the socket and free nl.  NULL is harmless. */
void rtnl_close(struct rtnl *nl);

/* The kernel's extended-ACK text for the last failed request, or a
 * strerror() text when it sent none; "" after a success.  Owned by nl,
 * valid until the next request. */
const char *rtnl_last_error(const struct rtnl *nl);

/* Interface index of ifname (if_nametoindex()): > 0, or -ENODEV / -errno. */
int rtnl_link_index(const char *ifname);

/*
 * RTM_NEWLINK on an existing interface: set IFF_UP (up) or clear it, and
 * the MTU in octets when mtu != 0 (0 = leave it).  Returns 0 or -errno
 * (-EINVAL for ifindex <= 0, the kernel's error otherwise, e.g. -ENODEV).
 */
int rtnl_link_set(struct rtnl *nl, int ifindex, bool up, unsigned mtu);

/*
 * RTM_NEWADDR: add IPv4 address local/prefix_len to ifindex; with peer != 0
 * it is a point-to-point address (IFA_ADDRESS = peer, as `ip addr add
 * LOCAL peer PEER`).  An address already present (same local and prefix)
 * returns 0, so it can be re-applied after a restart.  Returns 0 or -errno
 * (-EINVAL: prefix_len > 32, local 0 or ifindex <= 0).
 */
int rtnl_addr_add(struct rtnl *nl, int ifindex, uint32_t local,
		  uint8_t prefix_len, uint32_t peer);

/*
 * RTM_DELADDR: remove the IPv4 address `local` from ifindex (the kernel
 * matches on the local address).  An absent address returns 0, so teardown
 * is idempotent.  Returns 0 or -errno.
 */
int rtnl_addr_del(struct rtnl *nl, int ifindex, uint32_t local,
		  uint8_t prefix_len);

/*
 * RTM_NEWROUTE with NLM_F_CREATE | NLM_F_REPLACE in the main table: dst/
 * prefix_len out of ifindex, scope link, protocol static; RTA_PREFSRC when
 * pref_src != 0 (must be a local address); RTA_METRICS/RTAX_MTU when
 * mtu != 0.  The per-route MTU lets one shared TUN carry sessions whose
 * peers negotiated different MRUs (RFC 1661 §6.1).  Returns 0 or -errno
 * (-EINVAL: prefix_len > 32, host bits set in dst, ifindex <= 0).
 */
int rtnl_route_replace(struct rtnl *nl, int ifindex, uint32_t dst,
		       uint8_t prefix_len, uint32_t pref_src, unsigned mtu);

/*
 * RTM_DELROUTE of dst/prefix_len out of ifindex in the main table.  An
 * absent route returns 0.  Returns 0 or -errno.
 */
int rtnl_route_del(struct rtnl *nl, int ifindex, uint32_t dst,
		   uint8_t prefix_len);

/*
 * Queued route changes: thousands of sessions coming up or down at once
 * (an LNS) cost one sendmsg(2) per RTNL_QUEUE_MAX routes instead of a
 * request and a wait each.  rtnl_route_replace_queued() and
 * rtnl_route_del_queued() encode the request (same meaning as the
 * synchronous calls; -EINVAL for bad arguments, nothing queued then) and
 * return 0; the batch goes to the kernel at rtnl_flush(), when the queue
 * is full, or before any synchronous request, so requests keep their
 * order.  Successes are not acknowledged; a refusal (deleting an absent
 * route is none) is reported to the callback set with
 * rtnl_set_queue_fail(), from inside rtnl_flush().
 */
#define RTNL_QUEUE_MAX 64

struct rtnl_route_err {
	bool add;     /* RTM_NEWROUTE (else RTM_DELROUTE) */
	uint32_t dst; /* host order */
	uint8_t prefix_len;
	int err;       /* -errno */
	char msg[128]; /* extended ACK text or strerror() */
};

void rtnl_set_queue_fail(struct rtnl *nl,
			 void (*fail)(void *arg,
				      const struct rtnl_route_err *e),
			 void *arg);
int rtnl_route_replace_queued(struct rtnl *nl, int ifindex, uint32_t dst,
			      uint8_t prefix_len, uint32_t pref_src,
			      unsigned mtu);
int rtnl_route_del_queued(struct rtnl *nl, int ifindex, uint32_t dst,
			  uint8_t prefix_len);
/* True while route changes wait for rtnl_flush(). */
bool rtnl_queued(const struct rtnl *nl);
/* Send the queued changes and read the kernel's refusals.  Returns 0, or
 * -errno when the batch could not be sent (each change reported failed). */
int rtnl_flush(struct rtnl *nl);

#endif /* NASD_IO_RTNL_H */
