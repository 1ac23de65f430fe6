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
#include <netinet/udp.h>
#include <stdbool.h>
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
	/* Best effort (Linux 5.0): without it datagrams arrive one by one. */
	(void)setsockopt(fd, SOL_UDP, UDP_GRO, &one, sizeof(one));
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
	/* 4 MB of address space; only what datagrams land in gets pages. */
	if (!rx->bufs)
		rx->bufs = malloc((size_t)UDP_BATCH * UDP_RX_SLOT);
	if (!rx->d)
		rx->d = calloc(UDP_RX_MAX, sizeof(*rx->d));
	if (!rx->bufs || !rx->d) {
		udp_rx_fini(rx);
		return -ENOMEM;
	}
	return 0;
}

void udp_rx_fini(struct udp_rx *rx)
{
	free(rx->bufs);
	rx->bufs = NULL;
	free(rx->d);
	rx->d = NULL;
}

void udp_tx_fini(struct udp_tx *tx)
{
	free(tx->bufs);
	tx->bufs = NULL;
	tx->n = 0;
}

/* Room for IP_PKTINFO and UDP_GRO control messages per message. */
#define UDP_RX_CMSG_SPACE                                                     \
	(CMSG_SPACE(sizeof(struct in_pktinfo)) + CMSG_SPACE(sizeof(int)))

int udp_recv_batch(int fd, struct udp_rx *rx)
{
	struct mmsghdr mm[UDP_BATCH];
	struct iovec iov[UDP_BATCH];
	struct sockaddr_in from[UDP_BATCH];
	union {
		char buf[UDP_RX_CMSG_SPACE];
		struct cmsghdr align;
	} ctl[UDP_BATCH];
	int n, i, out = 0;

	rx->full = false;
	if (!rx->bufs || !rx->d)
		return -ENOMEM;
	memset(mm, 0, sizeof(mm));
	for (i = 0; i < UDP_BATCH; i++) {
		iov[i].iov_base = rx->bufs + (size_t)i * UDP_RX_SLOT;
		iov[i].iov_len = UDP_RX_SLOT;
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
	rx->full = n == UDP_BATCH;
	/* The kernel coalesces at most UDP_GRO_SEGS datagrams per message,
	 * so d[] holds them all; the bound only keeps a surprise in it. */
	for (i = 0; i < n && out < UDP_RX_MAX; i++) {
		struct msghdr *h = &mm[i].msg_hdr;
		uint8_t *p = iov[i].iov_base;
		size_t len = mm[i].msg_len, seg = len;
		bool trunc = (h->msg_flags & MSG_TRUNC) != 0;
		uint32_t dst = 0;
		struct cmsghdr *c;

		for (c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
			if (c->cmsg_level == IPPROTO_IP &&
			    c->cmsg_type == IP_PKTINFO) {
				struct in_pktinfo pi;

				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				dst = ntohl(pi.ipi_addr.s_addr);
			} else if (c->cmsg_level == SOL_UDP &&
				   c->cmsg_type == UDP_GRO) {
				int g;

				memcpy(&g, CMSG_DATA(c), sizeof(g));
				if (g > 0 && (size_t)g < len)
					seg = (size_t)g;
			}
		}
		if (seg < len)
			rx->coalesced++;
		/* A run's datagrams are seg octets each, the last one the
		 * rest; a plain datagram is one "run" of its own length. */
		do {
			struct udp_dgram *d = &rx->d[out++];
			size_t l = len < seg ? len : seg;

			d->data = p;
			d->len = l;
			d->truncated = trunc || l > UDP_DGRAM_MAX;
			d->src_ip = ntohl(from[i].sin_addr.s_addr);
			d->src_port = ntohs(from[i].sin_port);
			d->dst_ip = dst;
			p += l;
			len -= l;
		} while (len && out < UDP_RX_MAX);
	}
	return out;
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

/* One UDP_SEGMENT send carries at most this many datagrams (the kernel's
 * UDP_MAX_SEGMENTS was 64 before Linux 6.10) and this many octets (an IP
 * datagram's 65,535 less its headers, with room to spare). */
#define UDP_GSO_SEGS 64
#define UDP_GSO_BYTES 60000

/* Room for IP_PKTINFO and UDP_SEGMENT control messages in one send. */
#define UDP_TX_CMSG_SPACE                                                     \
	(CMSG_SPACE(sizeof(struct in_pktinfo)) + CMSG_SPACE(sizeof(uint16_t)))

/* Does queued datagram j go out in the same send as the run [first, j)?
 * Same peer and source, the run's datagrams all first's length (the
 * kernel cuts the payload at that size) and j no longer. */
static bool gso_joins(const struct udp_tx *tx, size_t first, size_t j,
		      size_t total)
{
	size_t seg = tx->lens[first];

	return !tx->gso_off && seg <= tx->gso_max &&
	       j - first < UDP_GSO_SEGS &&
	       total + tx->lens[j] <= UDP_GSO_BYTES &&
	       tx->dst_ip[j] == tx->dst_ip[first] &&
	       tx->dst_port[j] == tx->dst_port[first] &&
	       tx->src_ip[j] == tx->src_ip[first] &&
	       tx->lens[j - 1] == seg && tx->lens[j] <= seg;
}

int udp_tx_init(struct udp_tx *tx)
{
	if (!tx->bufs)
		tx->bufs = malloc((size_t)UDP_BATCH * UDP_DGRAM_MAX);
	tx->n = 0;
	if (!tx->gso_max)
		tx->gso_max = UDP_DGRAM_MAX;
	return tx->bufs ? 0 : -ENOMEM;
}

size_t udp_tx_flush(int fd, struct udp_tx *tx)
{
	struct mmsghdr mm[UDP_BATCH];
	struct iovec iov[UDP_BATCH];
	struct sockaddr_in to[UDP_BATCH];
	size_t first[UDP_BATCH], count[UDP_BATCH];
	union {
		char buf[UDP_TX_CMSG_SPACE];
		struct cmsghdr align;
	} ctl[UDP_BATCH];
	size_t i, total = 0, from = 0;

	if (!tx->n)
		return 0;
	for (i = 0; i < tx->n; i++) {
		iov[i].iov_base = tx->bufs + i * UDP_DGRAM_MAX;
		iov[i].iov_len = tx->lens[i];
	}
	while (from < tx->n) {
		size_t e = 0, done = 0;

		/* One message per run of datagrams the kernel can cut from
		 * one payload (UDP_SEGMENT, "UDP GSO"), else per datagram. */
		memset(mm, 0, sizeof(mm));
		memset(ctl, 0, sizeof(ctl));
		for (i = from; i < tx->n; e++) {
			struct msghdr *h = &mm[e].msg_hdr;
			size_t bytes = tx->lens[i], ctl_len = 0;
			struct cmsghdr *c;

			first[e] = i;
			for (i++; i < tx->n && gso_joins(tx, first[e], i, bytes);
			     i++)
				bytes += tx->lens[i];
			count[e] = i - first[e];
			memset(&to[e], 0, sizeof(to[e]));
			to[e].sin_family = AF_INET;
			to[e].sin_addr.s_addr = htonl(tx->dst_ip[first[e]]);
			to[e].sin_port = htons(tx->dst_port[first[e]]);
			h->msg_iov = &iov[first[e]];
			h->msg_iovlen = count[e];
			h->msg_name = &to[e];
			h->msg_namelen = sizeof(to[e]);
			h->msg_control = ctl[e].buf;
			h->msg_controllen = sizeof(ctl[e].buf);
			c = CMSG_FIRSTHDR(h);
			if (tx->src_ip[first[e]]) {
				struct in_pktinfo pi;

				c->cmsg_level = IPPROTO_IP;
				c->cmsg_type = IP_PKTINFO;
				c->cmsg_len = CMSG_LEN(sizeof(pi));
				memset(&pi, 0, sizeof(pi));
				pi.ipi_spec_dst.s_addr =
					htonl(tx->src_ip[first[e]]);
				memcpy(CMSG_DATA(c), &pi, sizeof(pi));
				ctl_len += CMSG_SPACE(sizeof(pi));
				c = CMSG_NXTHDR(h, c);
			}
			if (count[e] > 1) {
				uint16_t seg = (uint16_t)tx->lens[first[e]];

				c->cmsg_level = SOL_UDP;
				c->cmsg_type = UDP_SEGMENT;
				c->cmsg_len = CMSG_LEN(sizeof(seg));
				memcpy(CMSG_DATA(c), &seg, sizeof(seg));
				ctl_len += CMSG_SPACE(sizeof(seg));
			}
			h->msg_controllen = ctl_len;
			if (!ctl_len)
				h->msg_control = NULL;
		}
		while (done < e) {
			int n = sendmmsg(fd, mm + done, (unsigned)(e - done),
					 MSG_DONTWAIT);
			int err = n < 0 ? errno : EIO;

			if (n < 0 && err == EINTR)
				continue;
			if (n > 0) {
				for (i = done; i < done + (size_t)n; i++)
					total += count[i];
				done += (size_t)n;
				continue;
			}
			if (count[done] > 1 &&
			    (err == EINVAL || err == EIO || err == EOPNOTSUPP ||
			     err == ENOPROTOOPT)) {
				/* The route cannot take it segmented: longer
				 * than its MTU (EINVAL), no checksum offload
				 * (EIO), or a kernel without UDP GSO.  Send
				 * the run one by one, and no more runs that
				 * size or, failing at any size, none. */
				if (err == EINVAL && tx->lens[first[done]] > 1)
					tx->gso_max = tx->lens[first[done]] - 1;
				else
					tx->gso_off = true;
				tx->gso_fallbacks++;
				break;
			}
			/* The head message was refused (buffer full, no
			 * route, ICMP error pending): drop it, try the rest. */
			tx->last_err = err;
			tx->dropped += count[done];
			done++;
		}
		from = done < e ? first[done] : tx->n;
	}
	tx->sent += total;
	tx->n = 0;
	return total;
}
