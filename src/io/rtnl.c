/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rtnl.c - the rtnetlink socket and its synchronous request/ACK exchange
 * (rtnl.h).  Messages are encoded and ACKs decoded in rtnl_msg.c.
 */
#include "rtnl.h"

#include "io_err.h"
#include "rtnl_int.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Fallbacks for older kernel headers. */
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

struct rtnl {
	int fd;
	uint32_t portid; /* kernel-assigned, answers carry it */
	uint32_t seq;	 /* last sequence number used */
	char msg[256];	 /* rtnl_last_error() */
};

struct rtnl *rtnl_open(char *err, size_t errlen)
{
	struct sockaddr_nl sa;
	socklen_t salen = sizeof(sa);
	struct rtnl *nl;
	int one = 1, e = 0;

	nl = calloc(1, sizeof(*nl));
	if (!nl) {
		io_set_err(err, errlen, "rtnetlink: out of memory");
		return NULL;
	}
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
			NETLINK_ROUTE);
	if (nl->fd < 0) {
		e = errno;
		io_set_err(err, errlen, "cannot open rtnetlink socket: %s",
			   strerror(e));
		goto fail;
	}
	/* Best effort: older kernels lack them and then just send less. The
	 * request echo is useless to us (CAP_ACK); the error text is what an
	 * operator needs (EXT_ACK). */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(nl->fd, (struct sockaddr *)&sa, &salen) < 0) {
		e = errno;
		io_set_err(err, errlen, "cannot bind rtnetlink socket: %s",
			   strerror(e));
		goto fail;
	}
	nl->portid = sa.nl_pid;
	nl->seq = (uint32_t)time(NULL); /* distinct from a previous run */
	return nl;

fail:
	rtnl_close(nl);
	errno = e;
	return NULL;
}

void rtnl_close(struct rtnl *nl)
{
	if (!nl)
		return;
	if (nl->fd >= 0)
		close(nl->fd);
	free(nl);
}

const char *rtnl_last_error(const struct rtnl *nl)
{
	return nl->msg;
}

int rtnl_link_index(const char *ifname)
{
	unsigned idx;

	errno = 0;
	idx = if_nametoindex(ifname);
	if (idx == 0)
		return errno ? -errno : -ENODEV;
	return (int)idx;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Wait for the answer to seq; see rtnl.h for why this blocks. */
static int await_ack(struct rtnl *nl, uint32_t seq)
{
	uint64_t deadline = mono_ms() + RTNL_TIMEOUT_MS;
	uint8_t buf[8192];

	for (;;) {
		struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
		struct pollfd pfd = {.fd = nl->fd, .events = POLLIN};
		uint64_t now = mono_ms();
		ssize_t n;
		int rc;

		if (now >= deadline) {
			snprintf(nl->msg, sizeof(nl->msg),
				 "no answer from the kernel within %d ms",
				 RTNL_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		rc = poll(&pfd, 1, (int)(deadline - now));
		if (rc < 0 && errno != EINTR)
			return -errno;
		if (rc <= 0)
			continue;
		n = recvmsg(nl->fd, &mh, 0);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -errno;
		}
		if (mh.msg_flags & MSG_TRUNC) {
			snprintf(nl->msg, sizeof(nl->msg),
				 "truncated rtnetlink answer");
			return -EBADMSG;
		}
		rc = rtnl_reply_parse(buf, (size_t)n, seq, nl->portid, nl->msg,
				      sizeof(nl->msg));
		if (rc != RTNL_REPLY_NONE)
			return rc;
	}
}

/* Send one encoded request (len from an encoder, or its -errno) and wait
 * for its ACK.  Fills nl->msg on failure. */
static int request(struct rtnl *nl, uint8_t *msg, int len, uint32_t seq)
{
	struct sockaddr_nl kernel;
	ssize_t n;
	int rc;

	nl->msg[0] = '\0';
	if (len < 0) {
		snprintf(nl->msg, sizeof(nl->msg), "%s", strerror(-len));
		return len;
	}
	memset(&kernel, 0, sizeof(kernel));
	kernel.nl_family = AF_NETLINK;
	do
		n = sendto(nl->fd, msg, (size_t)len, 0,
			   (struct sockaddr *)&kernel, sizeof(kernel));
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		rc = -errno;
		snprintf(nl->msg, sizeof(nl->msg), "rtnetlink send: %s",
			 strerror(-rc));
		return rc;
	}
	rc = await_ack(nl, seq);
	if (rc < 0 && nl->msg[0] == '\0')
		snprintf(nl->msg, sizeof(nl->msg), "%s", strerror(-rc));
	if (rc == 0)
		nl->msg[0] = '\0';
	return rc;
}

int rtnl_link_set(struct rtnl *nl, int ifindex, bool up, unsigned mtu)
{
	uint8_t msg[RTNL_MSG_MAX];
	uint32_t seq = ++nl->seq;

	return request(
		nl, msg,
		rtnl_msg_link_set(msg, sizeof(msg), seq, ifindex, up, mtu),
		seq);
}

int rtnl_addr_add(struct rtnl *nl, int ifindex, uint32_t local,
		  uint8_t prefix_len, uint32_t peer)
{
	uint8_t msg[RTNL_MSG_MAX];
	uint32_t seq = ++nl->seq;
	int rc;

	rc = request(nl, msg,
		     rtnl_msg_addr(msg, sizeof(msg), seq, RTM_NEWADDR, ifindex,
				   local, prefix_len, peer),
		     seq);
	if (rc == -EEXIST) {
		nl->msg[0] = '\0';
		return 0;
	}
	return rc;
}

int rtnl_addr_del(struct rtnl *nl, int ifindex, uint32_t local,
		  uint8_t prefix_len)
{
	uint8_t msg[RTNL_MSG_MAX];
	uint32_t seq = ++nl->seq;
	int rc;

	rc = request(nl, msg,
		     rtnl_msg_addr(msg, sizeof(msg), seq, RTM_DELADDR, ifindex,
				   local, prefix_len, 0),
		     seq);
	if (rc == -EADDRNOTAVAIL) {
		nl->msg[0] = '\0';
		return 0;
	}
	return rc;
}

int rtnl_route_replace(struct rtnl *nl, int ifindex, uint32_t dst,
		       uint8_t prefix_len, uint32_t pref_src, unsigned mtu)
{
	uint8_t msg[RTNL_MSG_MAX];
	uint32_t seq = ++nl->seq;

	return request(nl, msg,
		       rtnl_msg_route(msg, sizeof(msg), seq, RTM_NEWROUTE,
				      ifindex, dst, prefix_len, pref_src, mtu),
		       seq);
}

int rtnl_route_del(struct rtnl *nl, int ifindex, uint32_t dst,
		   uint8_t prefix_len)
{
	uint8_t msg[RTNL_MSG_MAX];
	uint32_t seq = ++nl->seq;
	int rc;

	rc = request(nl, msg,
		     rtnl_msg_route(msg, sizeof(msg), seq, RTM_DELROUTE,
				    ifindex, dst, prefix_len, 0, 0),
		     seq);
	if (rc == -ESRCH) {
		nl->msg[0] = '\0';
		return 0;
	}
	return rc;
}
