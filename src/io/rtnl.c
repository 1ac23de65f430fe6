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

/* A queued route request, to name it when the kernel refuses it. */
struct rtnl_queued {
	uint32_t seq;
	struct rtnl_route_err e;
};

struct rtnl {
	int fd;
	uint32_t portid; /* kernel-assigned, answers carry it */
	uint32_t seq;	 /* last sequence number used */
	char msg[256];	 /* rtnl_last_error() */
	/* rtnl_route_replace_queued() / rtnl_route_del_queued() */
	uint8_t qbuf[RTNL_QUEUE_MAX * RTNL_MSG_MAX];
	size_t qlen;
	struct rtnl_queued q[RTNL_QUEUE_MAX];
	size_t nq;
	void (*qfail)(void *arg, const struct rtnl_route_err *e);
	void *qarg;
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

	/* Queued route changes go first: requests reach the kernel in the
	 * order they were made. */
	rtnl_flush(nl);
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

/* ---- queued route changes ---------------------------------------------- */

void rtnl_set_queue_fail(struct rtnl *nl,
			 void (*fail)(void *arg,
				      const struct rtnl_route_err *e),
			 void *arg)
{
	nl->qfail = fail;
	nl->qarg = arg;
}

static int queue_route(struct rtnl *nl, uint16_t type, int ifindex,
		       uint32_t dst, uint8_t prefix_len, uint32_t pref_src,
		       unsigned mtu)
{
	uint32_t seq;
	int len;

	if (nl->nq == RTNL_QUEUE_MAX)
		rtnl_flush(nl);
	seq = ++nl->seq;
	len = rtnl_msg_route(nl->qbuf + nl->qlen, RTNL_MSG_MAX, seq, type,
			     ifindex, dst, prefix_len, pref_src, mtu);
	if (len < 0)
		return len;
	/* No ACK for a success: the kernel then answers only a refusal,
	 * and a batch of thousands of routes costs no reads. */
	((struct nlmsghdr *)(void *)(nl->qbuf + nl->qlen))->nlmsg_flags &=
		(uint16_t)~NLM_F_ACK;
	nl->qlen += NLMSG_ALIGN((size_t)len);
	nl->q[nl->nq].seq = seq;
	nl->q[nl->nq].e = (struct rtnl_route_err){.add = type == RTM_NEWROUTE,
						  .dst = dst,
						  .prefix_len = prefix_len};
	nl->nq++;
	return 0;
}

int rtnl_route_replace_queued(struct rtnl *nl, int ifindex, uint32_t dst,
			      uint8_t prefix_len, uint32_t pref_src,
			      unsigned mtu)
{
	return queue_route(nl, RTM_NEWROUTE, ifindex, dst, prefix_len, pref_src,
			   mtu);
}

int rtnl_route_del_queued(struct rtnl *nl, int ifindex, uint32_t dst,
			  uint8_t prefix_len)
{
	return queue_route(nl, RTM_DELROUTE, ifindex, dst, prefix_len, 0, 0);
}

bool rtnl_queued(const struct rtnl *nl)
{
	return nl->nq > 0;
}

static void queue_fail(struct rtnl *nl, struct rtnl_route_err *e)
{
	/* As rtnl_route_del(): a route already gone is not a failure. */
	if (!e->add && e->err == -ESRCH)
		return;
	if (nl->qfail)
		nl->qfail(nl->qarg, e);
}

/* Match one datagram of refusals against the batch just sent. */
static void queue_answers(struct rtnl *nl, const uint8_t *buf, size_t n)
{
	for (size_t i = 0; i < nl->nq; i++) {
		struct rtnl_route_err *e = &nl->q[i].e;
		int rc = rtnl_reply_parse(buf, n, nl->q[i].seq, nl->portid,
					  e->msg, sizeof(e->msg));

		if (rc < 0) {
			e->err = rc;
			if (!e->msg[0])
				snprintf(e->msg, sizeof(e->msg), "%s",
					 strerror(-rc));
			queue_fail(nl, e);
		}
	}
}

int rtnl_flush(struct rtnl *nl)
{
	struct sockaddr_nl kernel;
	struct iovec iov = {.iov_base = nl->qbuf, .iov_len = nl->qlen};
	struct msghdr mh = {.msg_name = &kernel,
			    .msg_namelen = sizeof(kernel),
			    .msg_iov = &iov,
			    .msg_iovlen = 1};
	uint8_t buf[4096];
	ssize_t n;
	int rc = 0;

	if (nl->nq == 0)
		return 0;
	memset(&kernel, 0, sizeof(kernel));
	kernel.nl_family = AF_NETLINK;
	do
		n = sendmsg(nl->fd, &mh, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		rc = -errno;
		for (size_t i = 0; i < nl->nq; i++) {
			nl->q[i].e.err = rc;
			snprintf(nl->q[i].e.msg, sizeof(nl->q[i].e.msg),
				 "rtnetlink send: %s", strerror(-rc));
			queue_fail(nl, &nl->q[i].e);
		}
	} else {
		/* The kernel handles the batch inside sendmsg(): every
		 * refusal is queued on the socket by now. */
		for (;;) {
			struct iovec riov = {.iov_base = buf,
					     .iov_len = sizeof(buf)};
			struct msghdr rmh = {.msg_iov = &riov, .msg_iovlen = 1};

			n = recvmsg(nl->fd, &rmh, MSG_DONTWAIT);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			queue_answers(nl, buf, (size_t)n);
		}
	}
	nl->nq = 0;
	nl->qlen = 0;
	return rc;
}
