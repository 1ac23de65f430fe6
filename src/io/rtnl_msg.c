/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rtnl_msg.c - rtnetlink message encoding and ACK decoding (rtnl_int.h).
 *
 * Messages are built with struct wr: the kernel's own header structs
 * (nlmsghdr, ifinfomsg, ifaddrmsg, rtmsg, rtattr) are copied in whole, in
 * host byte order as netlink wants; attribute payloads are written
 * explicitly, IPv4 addresses in network order (wr_u32) and integers in host
 * order.  Replies are decoded with struct rd, one sub-reader per message
 * and per attribute, so a bogus length cannot walk off the datagram.
 */
#include "rtnl_int.h"

#include "rd.h"
#include "wr.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

/* Overwrite `size` octets at `at` with a host-order value (wr_patch_* are
 * big-endian, netlink lengths are host order). */
static void patch_host(struct wr *w, size_t at, const void *v, size_t size)
{
	if (!wr_ok(w) || at + size > w->len) {
		w->overflow = true;
		return;
	}
	memcpy(w->buf + at, v, size);
}

static void pad4(struct wr *w)
{
	while (w->len % 4 != 0 && wr_ok(w))
		wr_u8(w, 0);
}

static void nl_begin(struct wr *w, uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr h;

	memset(&h, 0, sizeof(h));
	h.nlmsg_type = type;
	h.nlmsg_flags = flags;
	h.nlmsg_seq = seq;
	wr_bytes(w, &h, sizeof(h));
}

static int nl_end(struct wr *w)
{
	uint32_t len = (uint32_t)w->len;

	patch_host(w, 0, &len, sizeof(len));
	return wr_ok(w) ? (int)w->len : -ENOBUFS;
}

static void nl_attr(struct wr *w, uint16_t type, const void *data, size_t len)
{
	struct rtattr a;

	a.rta_len = (unsigned short)RTA_LENGTH(len);
	a.rta_type = type;
	wr_bytes(w, &a, sizeof(a));
	wr_bytes(w, data, len);
	pad4(w);
}

static void nl_attr_u32(struct wr *w, uint16_t type, uint32_t host_value)
{
	nl_attr(w, type, &host_value, sizeof(host_value));
}

static void nl_attr_in4(struct wr *w, uint16_t type, uint32_t addr)
{
	uint8_t be[4];
	struct wr a = wr_init(be, sizeof(be));

	wr_u32(&a, addr); /* host order in, network order out */
	nl_attr(w, type, be, sizeof(be));
}

static size_t nl_nest_begin(struct wr *w, uint16_t type)
{
	size_t at = wr_mark(w);
	struct rtattr a;

	a.rta_len = 0;
	a.rta_type = type;
	wr_bytes(w, &a, sizeof(a));
	return at;
}

static void nl_nest_end(struct wr *w, size_t at)
{
	unsigned short len = (unsigned short)(w->len - at);

	patch_host(w, at, &len, sizeof(len));
}

static uint32_t prefix_mask(uint8_t prefix_len)
{
	return prefix_len == 0 ? 0 : ~(uint32_t)0 << (32 - prefix_len);
}

int rtnl_msg_link_set(void *buf, size_t cap, uint32_t seq, int ifindex, bool up,
		      unsigned mtu)
{
	struct wr w = wr_init(buf, cap);
	struct ifinfomsg ifi;

	if (ifindex <= 0)
		return -EINVAL;
	nl_begin(&w, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq);
	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_family = AF_UNSPEC;
	ifi.ifi_index = ifindex;
	ifi.ifi_flags = up ? IFF_UP : 0;
	ifi.ifi_change = IFF_UP; /* touch only the up/down flag */
	wr_bytes(&w, &ifi, sizeof(ifi));
	if (mtu)
		nl_attr_u32(&w, IFLA_MTU, mtu);
	return nl_end(&w);
}

int rtnl_msg_addr(void *buf, size_t cap, uint32_t seq, uint16_t type,
		  int ifindex, uint32_t local, uint8_t prefix_len,
		  uint32_t peer)
{
	struct wr w = wr_init(buf, cap);
	struct ifaddrmsg ifa;
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;

	if (ifindex <= 0 || prefix_len > 32 || local == 0 ||
	    (type != RTM_NEWADDR && type != RTM_DELADDR))
		return -EINVAL;
	/* EXCL so that "already there" comes back as EEXIST, which the
	 * caller maps to success, instead of silently replacing flags. */
	if (type == RTM_NEWADDR)
		flags |= NLM_F_CREATE | NLM_F_EXCL;
	nl_begin(&w, type, flags, seq);
	memset(&ifa, 0, sizeof(ifa));
	ifa.ifa_family = AF_INET;
	ifa.ifa_prefixlen = prefix_len;
	ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	ifa.ifa_index = (unsigned)ifindex;
	wr_bytes(&w, &ifa, sizeof(ifa));
	nl_attr_in4(&w, IFA_LOCAL, local);
	/* IFA_ADDRESS is the peer on a point-to-point link and the local
	 * address otherwise (what `ip addr add` sends). */
	if (type == RTM_NEWADDR)
		nl_attr_in4(&w, IFA_ADDRESS, peer ? peer : local);
	return nl_end(&w);
}

int rtnl_msg_route(void *buf, size_t cap, uint32_t seq, uint16_t type,
		   int ifindex, uint32_t dst, uint8_t prefix_len,
		   uint32_t pref_src, unsigned mtu)
{
	struct wr w = wr_init(buf, cap);
	struct rtmsg rt;
	uint16_t flags = NLM_F_REQUEST | NLM_F_ACK;

	if (ifindex <= 0 || prefix_len > 32 ||
	    (dst & ~prefix_mask(prefix_len)) ||
	    (type != RTM_NEWROUTE && type != RTM_DELROUTE))
		return -EINVAL;
	if (type == RTM_NEWROUTE)
		flags |= NLM_F_CREATE | NLM_F_REPLACE;
	nl_begin(&w, type, flags, seq);
	memset(&rt, 0, sizeof(rt));
	rt.rtm_family = AF_INET;
	rt.rtm_dst_len = prefix_len;
	rt.rtm_table = RT_TABLE_MAIN;
	rt.rtm_type = RTN_UNICAST;
	if (type == RTM_NEWROUTE) {
		rt.rtm_protocol = RTPROT_STATIC;
		rt.rtm_scope = RT_SCOPE_LINK;
	} else {
		/* Unspecified protocol and scope "nowhere" match any route
		 * with this prefix and interface. */
		rt.rtm_protocol = RTPROT_UNSPEC;
		rt.rtm_scope = RT_SCOPE_NOWHERE;
	}
	wr_bytes(&w, &rt, sizeof(rt));
	if (prefix_len > 0)
		nl_attr_in4(&w, RTA_DST, dst);
	nl_attr_u32(&w, RTA_OIF, (uint32_t)ifindex);
	if (type == RTM_NEWROUTE && pref_src)
		nl_attr_in4(&w, RTA_PREFSRC, pref_src);
	if (type == RTM_NEWROUTE && mtu) {
		size_t at = nl_nest_begin(&w, RTA_METRICS);

		nl_attr_u32(&w, RTAX_MTU, mtu);
		nl_nest_end(&w, at);
	}
	return nl_end(&w);
}

/* Copy the NLMSGERR_ATTR_MSG string out of the extended-ACK attributes. */
static int parse_ext_ack(struct rd *r, char *msg, size_t msglen)
{
	while (rd_left(r) > 0) {
		struct nlattr a;
		struct rd val;
		size_t pad, n = 0;
		uint8_t c;

		if (!rd_bytes(r, &a, sizeof(a)) || a.nla_len < sizeof(a) ||
		    !rd_sub(r, a.nla_len - sizeof(a), &val))
			return -EBADMSG;
		pad = NLA_ALIGN(a.nla_len) - a.nla_len;
		rd_skip(r, pad < rd_left(r) ? pad : rd_left(r));
		if ((a.nla_type & NLA_TYPE_MASK) != NLMSGERR_ATTR_MSG || !msg ||
		    msglen == 0)
			continue;
		while (n + 1 < msglen && rd_u8(&val, &c) && c != 0)
			msg[n++] = (char)c;
		msg[n] = '\0';
	}
	return 0;
}

static int parse_error_msg(struct rd *body, uint16_t flags, char *msg,
			   size_t msglen)
{
	int32_t error;
	struct nlmsghdr orig;

	if (!rd_bytes(body, &error, sizeof(error)) ||
	    !rd_bytes(body, &orig, sizeof(orig)))
		return -EBADMSG;
	/* The kernel only ever reports 0 or a negative errno. */
	if (error > 0 || error < -4095)
		return -EBADMSG;
	if (flags & NLM_F_ACK_TLVS) {
		/* Uncapped, the whole request follows its header. */
		if (!(flags & NLM_F_CAPPED) &&
		    (orig.nlmsg_len < sizeof(orig) ||
		     !rd_skip(body, orig.nlmsg_len - sizeof(orig))))
			return -EBADMSG;
		if (parse_ext_ack(body, msg, msglen) < 0)
			return -EBADMSG;
	}
	return error;
}

int rtnl_reply_parse(const void *buf, size_t len, uint32_t seq, uint32_t portid,
		     char *msg, size_t msglen)
{
	struct rd r = rd_init(buf, len);

	if (msg && msglen)
		msg[0] = '\0';
	while (rd_left(&r) > 0) {
		struct nlmsghdr h;
		struct rd body;
		size_t pad;

		if (!rd_bytes(&r, &h, sizeof(h)) || h.nlmsg_len < sizeof(h) ||
		    !rd_sub(&r, h.nlmsg_len - sizeof(h), &body))
			return -EBADMSG;
		/* The last message may come without its alignment padding. */
		pad = NLMSG_ALIGN(h.nlmsg_len) - h.nlmsg_len;
		rd_skip(&r, pad < rd_left(&r) ? pad : rd_left(&r));
		if (h.nlmsg_seq != seq || h.nlmsg_pid != portid ||
		    h.nlmsg_type != NLMSG_ERROR)
			continue;
		return parse_error_msg(&body, h.nlmsg_flags, msg, msglen);
	}
	return RTNL_REPLY_NONE;
}
