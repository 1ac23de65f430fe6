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

void pcap_close(struct pcap_file *pf)
{
	if (!pf)
		return;
	fclose(pf->f);
	free(pf);
}
