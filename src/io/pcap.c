/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pcap.c - classic libpcap capture files (pcap.h).  The format: a 24-octet
 * file header (magic, version 2.4, zone 0, sigfigs 0, snaplen, linktype)
 * then per packet a 16-octet record header (seconds, microseconds,
 * captured length, original length) and the captured octets; every field
 * little-endian here, which the magic tells readers.
 */
#include "pcap.h"

#include "io_err.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCAP_MAGIC_US 0xa1b2c3d4u
#define PCAP_VERSION_MAJOR 2
#define PCAP_VERSION_MINOR 4

struct pcap_file {
	FILE *f;
	uint32_t snaplen;
};

static uint8_t *put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	return p + 2;
}

static uint8_t *put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
	return p + 4;
}

static int write_all(FILE *f, const void *data, size_t len)
{
	if (len && fwrite(data, 1, len, f) != len)
		return errno ? -errno : -EIO;
	return 0;
}

struct pcap_file *pcap_create(const char *path, uint32_t linktype,
			      uint32_t snaplen, char *err, size_t errlen)
{
	struct pcap_file *pf;
	uint8_t hdr[24], *p = hdr;
	int rc;

	pf = calloc(1, sizeof(*pf));
	if (!pf) {
		io_set_err(err, errlen, "pcap %s: out of memory", path);
		return NULL;
	}
	pf->snaplen = snaplen ? snaplen : PCAP_SNAPLEN_DEFAULT;
	pf->f = fopen(path, "wbe");
	if (!pf->f) {
		rc = errno;
		io_set_err(err, errlen, "cannot create capture file %s: %s",
			   path, strerror(rc));
		free(pf);
		errno = rc;
		return NULL;
	}
	p = put_le32(p, PCAP_MAGIC_US);
	p = put_le16(p, PCAP_VERSION_MAJOR);
	p = put_le16(p, PCAP_VERSION_MINOR);
	p = put_le32(p, 0); /* thiszone: timestamps are UTC */
	p = put_le32(p, 0); /* sigfigs */
	p = put_le32(p, pf->snaplen);
	put_le32(p, linktype);
	errno = 0;
	rc = write_all(pf->f, hdr, sizeof(hdr));
	if (rc == 0 && fflush(pf->f) != 0)
		rc = errno ? -errno : -EIO;
	if (rc < 0) {
		io_set_err(err, errlen, "cannot write capture file %s: %s",
			   path, strerror(-rc));
		fclose(pf->f);
		free(pf);
		errno = -rc;
		return NULL;
	}
	return pf;
}

int pcap_write(struct pcap_file *pf, uint64_t wall_us, const void *data,
	       size_t len)
{
	uint8_t rec[16], *p = rec;
	uint32_t orig = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
	uint32_t incl = orig < pf->snaplen ? orig : pf->snaplen;
	int rc;

	p = put_le32(p, (uint32_t)(wall_us / 1000000u));
	p = put_le32(p, (uint32_t)(wall_us % 1000000u));
	p = put_le32(p, incl);
	put_le32(p, orig);
	errno = 0;
	rc = write_all(pf->f, rec, sizeof(rec));
	if (rc == 0)
		rc = write_all(pf->f, data, incl);
	if (rc == 0 && fflush(pf->f) != 0)
		rc = errno ? -errno : -EIO;
	return rc;
}

/* RFC 1071 one's-complement sum of data, folded, continuing from sum. */
static uint32_t csum_add(uint32_t sum, const uint8_t *data, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)data[i] << 8 | data[i + 1];
	if (len & 1)
		sum += (uint32_t)data[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

static uint8_t *put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
	return p + 2;
}

static uint8_t *put_be32(uint8_t *p, uint32_t v)
{
	p = put_be16(p, (uint16_t)(v >> 16));
	return put_be16(p, (uint16_t)v);
}

int pcap_write_udp4(struct pcap_file *pf, uint64_t wall_us, uint32_t src_ip,
		    uint16_t src_port, uint32_t dst_ip, uint16_t dst_port,
		    const void *payload, size_t len)
{
	uint8_t *pkt, *p, pseudo[12];
	size_t total = len + 28;
	uint32_t sum;
	uint16_t ck;
	int rc;

	if (total > 65535)
		return -EMSGSIZE;
	pkt = malloc(total);
	if (!pkt)
		return -ENOMEM;
	p = pkt;
	*p++ = 0x45; /* version 4, IHL 5 */
	*p++ = 0;
	p = put_be16(p, (uint16_t)total);
	p = put_be16(p, 0);      /* identification */
	p = put_be16(p, 0x4000); /* DF */
	*p++ = 64;
	*p++ = 17; /* UDP */
	p = put_be16(p, 0);      /* checksum, below */
	p = put_be32(p, src_ip);
	p = put_be32(p, dst_ip);
	ck = (uint16_t)~csum_add(0, pkt, 20);
	put_be16(pkt + 10, ck);
	p = put_be16(p, src_port);
	p = put_be16(p, dst_port);
	p = put_be16(p, (uint16_t)(len + 8));
	p = put_be16(p, 0);
	memcpy(p, payload, len);
	/* UDP checksum over the pseudo-header, header and data. */
	put_be32(pseudo, src_ip);
	put_be32(pseudo + 4, dst_ip);
	pseudo[8] = 0;
	pseudo[9] = 17;
	put_be16(pseudo + 10, (uint16_t)(len + 8));
	sum = csum_add(0, pseudo, sizeof(pseudo));
	sum = csum_add(sum, pkt + 20, len + 8);
	ck = (uint16_t)~sum;
	put_be16(pkt + 26, ck ? ck : 0xffff);
	rc = pcap_write(pf, wall_us, pkt, total);
	free(pkt);
	return rc;
}

void pcap_close(struct pcap_file *pf)
{
	if (!pf)
		return;
	fclose(pf->f);
	free(pf);
}
