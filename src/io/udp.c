/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * udp.c - batched IPv4 UDP sockets (udp.h): recvmmsg(2)/sendmmsg(2) with
 * IP_PKTINFO so that replies leave from the address a peer used and
 * tunnels can be sourced from a configured address (IOS `source-ip`).
 */
#include "udp.h"

#include "io_err.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int udp_open(uint32_t ip, uint16_t port, int rcvbuf, char *err, size_t errlen)
{
	struct sockaddr_in sin;
	int fd, one = 1, rc;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		io_set_err(err, errlen, "udp socket: %s", strerror(-rc));
		return rc;
	}
	if (setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) < 0) {
		rc = -errno;
		io_set_err(err, errlen, "udp IP_PKTINFO: %s", strerror(-rc));
		close(fd);
		return rc;
	}
	if (rcvbuf > 0) {
		/* Best effort: the default (~200 KB) overflows when a few
		 * thousand sessions come up at once.  With CAP_NET_ADMIN
		 * (nasd runs as root for its TUN) the FORCE options pass
		 * net.core.rmem_max/wmem_max; otherwise the kernel caps the
		 * plain ones there. */
		if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
			       sizeof(rcvbuf)) < 0)
			(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
					 sizeof(rcvbuf));
		if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &rcvbuf,
			       sizeof(rcvbuf)) < 0)
			(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &rcvbuf,
					 sizeof(rcvbuf));
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(ip);
	sin.sin_port = htons(port);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		char a[INET_ADDRSTRLEN];

		rc = -errno;
		inet_ntop(AF_INET, &sin.sin_addr, a, sizeof(a));
		io_set_err(err, errlen, "cannot bind UDP %s:%u: %s", a,
			   (unsigned)port, strerror(-rc));
		close(fd);
		return rc;
	}
	return fd;
}

int udp_local(int fd, uint32_t *ip, uint16_t *port)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);

	if (getsockname(fd, (struct sockaddr *)&sin, &sl) < 0)
		return -errno;
	*ip = ntohl(sin.sin_addr.s_addr);
	*port = ntohs(sin.sin_port);
	return 0;
}

int udp_rx_init(struct udp_rx *rx)
{
	if (!rx->bufs)
		rx->bufs = malloc((size_t)UDP_BATCH * UDP_DGRAM_MAX);
	return rx->bufs ? 0 : -ENOMEM;
}

int udp_tx_init(struct udp_tx *tx)
{
	if (!tx->bufs)
		tx->bufs = malloc((size_t)UDP_BATCH * UDP_DGRAM_MAX);
	tx->n = 0;
	return tx->bufs ? 0 : -ENOMEM;
}

void udp_rx_fini(struct udp_rx *rx)
{
	free(rx->bufs);
	rx->bufs = NULL;
}

void udp_tx_fini(struct udp_tx *tx)
{
	free(tx->bufs);
	tx->bufs = NULL;
	tx->n = 0;
}

/* Room for one IP_PKTINFO control message per datagram. */
#define UDP_CMSG_SPACE CMSG_SPACE(sizeof(struct in_pktinfo))

int udp_recv_batch(int fd, struct udp_rx *rx)
{
	struct mmsghdr mm[UDP_BATCH];
	struct iovec iov[UDP_BATCH];
	struct sockaddr_in from[UDP_BATCH];
	union {
		char buf[UDP_CMSG_SPACE];
		struct cmsghdr align;
	} ctl[UDP_BATCH];
	int n, i;

	memset(mm, 0, sizeof(mm));
	for (i = 0; i < UDP_BATCH; i++) {
		iov[i].iov_base = rx->bufs + (size_t)i * UDP_DGRAM_MAX;
		iov[i].iov_len = UDP_DGRAM_MAX;
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &from[i];
		mm[i].msg_hdr.msg_namelen = sizeof(from[i]);
		mm[i].msg_hdr.msg_control = ctl[i].buf;
		mm[i].msg_hdr.msg_controllen = sizeof(ctl[i].buf);
	}
	do
		n = recvmmsg(fd, mm, UDP_BATCH, MSG_DONTWAIT, NULL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
	for (i = 0; i < n; i++) {
		struct udp_dgram *d = &rx->d[i];
		struct cmsghdr *c;

		d->data = iov[i].iov_base;
		d->len = mm[i].msg_len;
		d->truncated = (mm[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
		d->src_ip = ntohl(from[i].sin_addr.s_addr);
		d->src_port = ntohs(from[i].sin_port);
		d->dst_ip = 0;
		for (c = CMSG_FIRSTHDR(&mm[i].msg_hdr); c;
		     c = CMSG_NXTHDR(&mm[i].msg_hdr, c)) {
			if (c->cmsg_level == IPPROTO_IP &&
			    c->cmsg_type == IP_PKTINFO) {
				struct in_pktinfo pi;

				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				d->dst_ip = ntohl(pi.ipi_addr.s_addr);
			}
		}
	}
	return n;
}

uint8_t *udp_tx_slot(struct udp_tx *tx)
{
	if (!tx->bufs || tx->n >= UDP_BATCH)
		return NULL;
	return tx->bufs + tx->n * UDP_DGRAM_MAX;
}

void udp_tx_commit(struct udp_tx *tx, size_t len, uint32_t src_ip,
		   uint32_t dst_ip, uint16_t dst_port)
{
	if (!tx->bufs || tx->n >= UDP_BATCH || len > UDP_DGRAM_MAX)
		return;
	tx->lens[tx->n] = len;
	tx->src_ip[tx->n] = src_ip;
	tx->dst_ip[tx->n] = dst_ip;
	tx->dst_port[tx->n] = dst_port;
	tx->n++;
}

size_t udp_tx_flush(int fd, struct udp_tx *tx)
{
	struct mmsghdr mm[UDP_BATCH];
	struct iovec iov[UDP_BATCH];
	struct sockaddr_in to[UDP_BATCH];
	union {
		char buf[UDP_CMSG_SPACE];
		struct cmsghdr align;
	} ctl[UDP_BATCH];
	size_t i, done = 0, total = 0;

	if (!tx->n)
		return 0;
	memset(mm, 0, sizeof(mm));
	memset(ctl, 0, sizeof(ctl));
	for (i = 0; i < tx->n; i++) {
		iov[i].iov_base = tx->bufs + i * UDP_DGRAM_MAX;
		iov[i].iov_len = tx->lens[i];
		memset(&to[i], 0, sizeof(to[i]));
		to[i].sin_family = AF_INET;
		to[i].sin_addr.s_addr = htonl(tx->dst_ip[i]);
		to[i].sin_port = htons(tx->dst_port[i]);
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &to[i];
		mm[i].msg_hdr.msg_namelen = sizeof(to[i]);
		if (tx->src_ip[i]) {
			struct cmsghdr *c;
			struct in_pktinfo pi;

			mm[i].msg_hdr.msg_control = ctl[i].buf;
			mm[i].msg_hdr.msg_controllen = sizeof(ctl[i].buf);
			c = CMSG_FIRSTHDR(&mm[i].msg_hdr);
			c->cmsg_level = IPPROTO_IP;
			c->cmsg_type = IP_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(pi));
			memset(&pi, 0, sizeof(pi));
			pi.ipi_spec_dst.s_addr = htonl(tx->src_ip[i]);
			memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		}
	}
	while (done < tx->n) {
		int n = sendmmsg(fd, mm + done, (unsigned)(tx->n - done),
				 MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			/* The head datagram was refused (buffer full, no
			 * route, ICMP error pending): drop it, try the rest. */
			tx->last_err = n < 0 ? errno : EIO;
			tx->dropped++;
			done++;
			continue;
		}
		done += (size_t)n;
		total += (size_t)n;
	}
	tx->sent += total;
	tx->n = 0;
	return total;
}
