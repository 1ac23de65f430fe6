/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rtnl_int.h - module-private: the rtnetlink message encoders and the ACK
 * decoder behind rtnl.h, split from the socket code so unit tests can
 * check the request octets without the kernel and a fuzzer can feed the
 * decoder.  Not for use outside io/ and its tests.
 */
#ifndef NASD_IO_RTNL_INT_H
#define NASD_IO_RTNL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for the largest request built here. */
#define RTNL_MSG_MAX 256

/* rtnl_reply_parse(): the datagram holds nothing for this request. */
#define RTNL_REPLY_NONE 1

/*
 * Encoders.  Each writes one complete netlink message (NLM_F_REQUEST |
 * NLM_F_ACK, sequence number seq, port id 0) into buf[0..cap) with struct
 * wr and returns its length, -EINVAL for invalid arguments (see rtnl.h) or
 * -ENOBUFS when cap is too small.
 */
int rtnl_msg_link_set(void *buf, size_t cap, uint32_t seq, int ifindex, bool up,
		      unsigned mtu);
/* type is RTM_NEWADDR (peer used, NLM_F_CREATE | NLM_F_EXCL) or
 * RTM_DELADDR (peer ignored). */
int rtnl_msg_addr(void *buf, size_t cap, uint32_t seq, uint16_t type,
		  int ifindex, uint32_t local, uint8_t prefix_len,
		  uint32_t peer);
/* type is RTM_NEWROUTE (NLM_F_CREATE | NLM_F_REPLACE; pref_src and mtu
 * used) or RTM_DELROUTE (pref_src and mtu ignored). */
int rtnl_msg_route(void *buf, size_t cap, uint32_t seq, uint16_t type,
		   int ifindex, uint32_t dst, uint8_t prefix_len,
		   uint32_t pref_src, unsigned mtu);

/*
 * Decode one datagram received on the rtnetlink socket, looking for the
 * NLMSG_ERROR message (an ACK when its error is 0) that answers request seq
 * from port id portid; other messages (stale answers to a request that
 * timed out) are skipped.  Returns 0 for the ACK, the kernel's -errno,
 * RTNL_REPLY_NONE when no answer to seq is in the datagram, or -EBADMSG
 * for a malformed datagram.  The extended-ACK text of the answer, if any,
 * is copied NUL-terminated into msg[0..msglen) (msg[0] = 0 if none).
 */
int rtnl_reply_parse(const void *buf, size_t len, uint32_t seq, uint32_t portid,
		     char *msg, size_t msglen);

#endif /* NASD_IO_RTNL_INT_H */
