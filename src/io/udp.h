/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * udp.h - IPv4 UDP sockets for L2TP (RFC 2661 §8.1): one socket per local
 * address/port, datagrams received and sent in batches with recvmmsg(2)
 * and sendmmsg(2) (shared/reference/ecosystem.md §7: the userspace data
 * plane pays one system call per batch, not per packet).  No protocol
 * knowledge: the L2TP core sees octets and a peer {address, port}.
 *
 * Addresses and ports are in host byte order everywhere in this API.
 */
#ifndef NASD_IO_UDP_H
#define NASD_IO_UDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Messages moved per recvmmsg()/sendmmsg() call. */
#define UDP_BATCH 64
/* Largest datagram kept; longer ones are truncated and dropped. */
#define UDP_DGRAM_MAX 2048
/* With UDP GRO the kernel hands over a run of datagrams of one flow, of
 * one length (the last may be shorter), as one message of up to 64 KB:
 * 64 datagrams coalesced on receive, 128 in a run another local socket
 * sent with UDP_SEGMENT (Linux 6.10's UDP_MAX_SEGMENTS).  Receive slots
 * are that large. */
#define UDP_GRO_SEGS 128
#define UDP_RX_SLOT 65536
/* Datagrams one udp_recv_batch() can return. */
#define UDP_RX_MAX (UDP_BATCH * UDP_GRO_SEGS)

/* One received datagram (udp_recv_batch()). */
struct udp_dgram {
	uint32_t src_ip;   /* sender, host order */
	uint16_t src_port;
	uint32_t dst_ip;   /* our address it was sent to (IP_PKTINFO) */
	size_t len;
	bool truncated;    /* longer than UDP_DGRAM_MAX: drop it */
	uint8_t *data;     /* points into the batch's buffer */
};

/* The receive side of a socket: buffers for one batch, owned by the
 * caller (embed it; zero-initialise; udp_rx_init() allocates). */
struct udp_rx {
	uint8_t *bufs;     /* UDP_BATCH * UDP_RX_SLOT octets */
	struct udp_dgram *d; /* UDP_RX_MAX */
	bool full;         /* the last call filled every slot: more may wait */
	uint64_t coalesced; /* messages that carried more than one datagram */
};

/* The send side: datagrams queued until udp_tx_flush(). */
struct udp_tx {
	uint8_t *bufs;     /* UDP_BATCH * UDP_DGRAM_MAX octets */
	size_t lens[UDP_BATCH];
	uint32_t dst_ip[UDP_BATCH];
	uint16_t dst_port[UDP_BATCH];
	uint32_t src_ip[UDP_BATCH]; /* 0 = the kernel's choice */
	size_t n;          /* queued */
	uint64_t sent, dropped; /* datagrams; dropped = the kernel refused */
	int last_err;      /* last sendmmsg() errno, 0 = none */
	/* UDP GSO (UDP_SEGMENT): runs of equal-length datagrams to one peer
	 * leave in one send; longer than gso_max octets, or with gso_off
	 * (the kernel or a route refused it), one by one. */
	size_t gso_max;    /* udp_tx_init(): UDP_DGRAM_MAX */
	bool gso_off;
	uint64_t gso_fallbacks; /* runs the kernel refused segmented */
};

/*
 * Open a UDP socket bound to ip:port (0 = any), O_NONBLOCK | O_CLOEXEC,
 * IP_PKTINFO on (no SO_REUSEADDR: two daemons must not share a port),
 * UDP_GRO on where the kernel has it (runs of datagrams arrive as one
 * message and one trip up the stack; udp_recv_batch() splits them),
 * and a receive buffer of at least rcvbuf
 * octets when rcvbuf > 0 (best effort).  Returns the fd or -errno with a
 * message in err (-EADDRINUSE when another process holds the port).
 */
int udp_open(uint32_t ip, uint16_t port, int rcvbuf, char *err, size_t errlen);

/* The address/port the socket is bound to (port 0 resolved).  Returns 0
 * or -errno. */
int udp_local(int fd, uint32_t *ip, uint16_t *port);

/* Allocate the batch buffers.  0 or -ENOMEM. */
int udp_rx_init(struct udp_rx *rx);
int udp_tx_init(struct udp_tx *tx);
/* Free them; harmless twice or on a zeroed struct. */
void udp_rx_fini(struct udp_rx *rx);
void udp_tx_fini(struct udp_tx *tx);

/*
 * Receive up to UDP_BATCH messages (recvmmsg, MSG_DONTWAIT) and split
 * those the kernel coalesced (UDP_GRO control message) into their
 * datagrams, in order, in rx->d.  Returns how many datagrams (0 when none
 * are waiting; at most UDP_RX_MAX) or -errno; rx->full says whether every
 * slot was used, i.e. whether more may be waiting.  The data stay valid
 * until the next call.
 */
int udp_recv_batch(int fd, struct udp_rx *rx);

/*
 * A buffer for the next datagram to dst (UDP_DGRAM_MAX octets), or NULL
 * when the batch is full (flush first).  Commit it with udp_tx_commit();
 * an uncommitted buffer is simply reused.
 */
uint8_t *udp_tx_slot(struct udp_tx *tx);
/* Queue the slot's first len octets (≤ UDP_DGRAM_MAX) for dst_ip:port,
 * sent from src_ip (IP_PKTINFO; IOS `source-ip`) or, with 0, from the
 * address the kernel picks for the route. */
void udp_tx_commit(struct udp_tx *tx, size_t len, uint32_t src_ip,
		   uint32_t dst_ip, uint16_t dst_port);

/*
 * Send everything queued (sendmmsg, MSG_DONTWAIT), in order; a run of
 * datagrams of one length (the last may be shorter) to the same peer from
 * the same source goes as one message with UDP_SEGMENT (Linux UDP GSO,
 * up to 64 datagrams), which the kernel or the NIC cuts into the same
 * datagrams: one route lookup and one trip down the stack per run.  A
 * run the kernel refuses segmented (path MTU, no checksum offload, an
 * old kernel) is sent again one by one, and tx->gso_max / tx->gso_off
 * keep later runs from trying.  What the kernel will not take (socket
 * buffer full, no route) is counted in tx->dropped and forgotten, as a
 * router drops on a full output queue: L2TP's control channel
 * retransmits, PPP's data is best effort.  Returns the number of
 * datagrams sent.
 */
size_t udp_tx_flush(int fd, struct udp_tx *tx);

#endif /* NASD_IO_UDP_H */
