/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pcap.h - packet capture files in the classic libpcap format (little-
 * endian, magic 0xa1b2c3d4, microsecond timestamps, version 2.4), readable
 * by tcpdump and Wireshark/tshark.  The daemon records PPP frames of a line
 * (PCAP_LINKTYPE_PPP_WITH_DIR) or the IP packets of the TUN
 * (PCAP_LINKTYPE_RAW).  Written with stdio and flushed after every record,
 * so a capture is complete up to the last packet even if nasd dies.
 */
#ifndef NASD_IO_PCAP_H
#define NASD_IO_PCAP_H

#include <stddef.h>
#include <stdint.h>

struct pcap_file;

/* One direction octet (0 = received, 1 = sent) then the PPP frame as on
 * the link after HDLC decoding: address, control, protocol, information
 * (RFC 1662 §3.1, without flags and FCS). */
#define PCAP_LINKTYPE_PPP_WITH_DIR 204
#define PCAP_DIR_RECEIVED 0
#define PCAP_DIR_SENT 1
/* Raw IPv4 or IPv6 packets, no link header (what the TUN carries). */
#define PCAP_LINKTYPE_RAW 101

/* Snap length used when pcap_create() is given 0. */
#define PCAP_SNAPLEN_DEFAULT 65535

/*
 * Create (truncate) path (mode 0666 less umask, O_CLOEXEC) and write the
 * file header for linktype; records longer than snaplen octets (0 =
 * PCAP_SNAPLEN_DEFAULT) are cut to snaplen.  Returns the file or NULL with
 * errno set and a message in err.
 */
struct pcap_file *pcap_create(const char *path, uint32_t linktype,
			      uint32_t snaplen, char *err, size_t errlen);

/*
 * Append one record stamped wall_us (microseconds since the Unix epoch,
 * e.g. loop_wall_ms() * 1000) holding data[0..len), cut to the snap length
 * (the record keeps the original length), then fflush().  Returns 0 or
 * -errno (-EIO if stdio does not report one).
 */
int pcap_write(struct pcap_file *pf, uint64_t wall_us, const void *data,
	       size_t len);

/*
 * Append one UDP datagram as a raw IPv4 packet (for a PCAP_LINKTYPE_RAW
 * file): an IPv4 header (TTL 64, no options, header checksum filled) and a
 * UDP header (checksum computed over the pseudo-header, RFC 768) are built
 * around payload[0..len), so tshark decodes, e.g., L2TP on port 1701
 * exactly as it travelled.  Addresses and ports in host order.  Returns 0,
 * -EMSGSIZE when len + 28 exceeds 65535, or pcap_write()'s error.
 */
int pcap_write_udp4(struct pcap_file *pf, uint64_t wall_us, uint32_t src_ip,
		    uint16_t src_port, uint32_t dst_ip, uint16_t dst_port,
		    const void *payload, size_t len);

/* Flush, close and free.  NULL is harmless. */
void pcap_close(struct pcap_file *pf);

#endif /* NASD_IO_PCAP_H */
