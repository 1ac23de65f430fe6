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

#endif /* NASD_IO_RTNL_H */
