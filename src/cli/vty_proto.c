/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vty_proto.c - encoder and streaming decoder of the nasd CLI socket
 * records (doc/vty-protocol.md).  Owns the record table, the 'E' payload
 * validation and the reassembly of records split across reads.  No I/O.
 */
#include "vty_proto.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rd.h"

struct vty_rec_info {
	uint8_t type;
	enum vty_proto_dir dir;
	const char *name;
};

static const struct vty_rec_info vty_rec_table[] = {
#define VTY_REC_ROW(e, c, d, n) {c, d, n},
	VTY_PROTO_RECORDS(VTY_REC_ROW)
#undef VTY_REC_ROW
};
_Static_assert(sizeof(vty_rec_table) / sizeof(vty_rec_table[0]) ==
		       VTY_REC__COUNT,
	       "record table out of step with VTY_PROTO_RECORDS");

struct vty_status_info {
	uint8_t status;
	const char *name;
};

static const struct vty_status_info vty_status_table[] = {
#define VTY_STATUS_ROW(e, c, n) {c, n},
	VTY_PROTO_STATUSES(VTY_STATUS_ROW)
#undef VTY_STATUS_ROW
};
_Static_assert(sizeof(vty_status_table) / sizeof(vty_status_table[0]) ==
		       VTY_STATUS__COUNT,
	       "status table out of step with VTY_PROTO_STATUSES");

/* A payload buffer larger than this is released after its record, so an
 * idle session does not pin a megabyte because of one big record. */
#define VTY_RX_KEEP_BYTES 4096

static const struct vty_rec_info *vty_rec_find(uint8_t type)
{
	for (size_t i = 0; i < VTY_REC__COUNT; i++)
		if (vty_rec_table[i].type == type)
			return &vty_rec_table[i];
	return NULL;
}

const char *vty_proto_type_name(uint8_t type)
{
	const struct vty_rec_info *info = vty_rec_find(type);

	return info ? info->name : NULL;
}

bool vty_proto_type_valid(uint8_t type, enum vty_proto_dir dir)
{
	const struct vty_rec_info *info = vty_rec_find(type);

	if (!info)
		return false;
	return dir == VTY_PROTO_ANY || info->dir == dir;
}

const char *vty_proto_status_name(uint8_t status)
{
	for (size_t i = 0; i < VTY_STATUS__COUNT; i++)
		if (vty_status_table[i].status == status)
			return vty_status_table[i].name;
	return NULL;
}

/* Check type and length and build the 5-octet header into hdr. */
static int vty_proto_header(uint8_t hdr[VTY_PROTO_HDR_LEN], uint8_t type,
			    size_t len)
{
	struct wr w = wr_init(hdr, VTY_PROTO_HDR_LEN);

	if (!vty_rec_find(type))
		return -EINVAL;
	if (len > VTY_PROTO_MAX_PAYLOAD)
		return -EMSGSIZE;
	wr_u8(&w, type);
	wr_u32(&w, (uint32_t)len);
	return wr_ok(&w) ? 0 : -ENOBUFS;
}

int vty_proto_put(struct wr *w, uint8_t type, const void *data, size_t len)
{
	uint8_t hdr[VTY_PROTO_HDR_LEN];
	int rc = vty_proto_header(hdr, type, len);

	if (rc)
		return rc;
	/* Check the room first so a record is never written half. */
	if (!wr_room(w, VTY_PROTO_HDR_LEN + len))
		return -ENOBUFS;
	wr_bytes(w, hdr, sizeof(hdr));
	wr_bytes(w, data, len);
	return wr_ok(w) ? 0 : -ENOBUFS;
}

int vty_proto_put_sb(struct strbuf *sb, uint8_t type, const void *data,
		     size_t len)
{
	uint8_t hdr[VTY_PROTO_HDR_LEN];
	size_t before = sb->len;
	int rc = vty_proto_header(hdr, type, len);

	if (rc)
		return rc;
	sb_putn(sb, (const char *)hdr, sizeof(hdr));
	if (len)
		sb_putn(sb, (const char *)data, len);
	if (sb->oom) {
		/* Drop a partial record rather than leave a torn header. */
		if (sb->s && sb->len > before) {
			sb->len = before;
			sb->s[before] = '\0';
		}
		return -ENOMEM;
	}
	return 0;
}

/* Build the payload of an 'E' record in buf (1 + prompt_len octets). */
static int vty_proto_end_payload(uint8_t status, const char *prompt,
				 size_t prompt_len, uint8_t **out)
{
	uint8_t *buf;

	if (!vty_proto_status_name(status))
		return -EINVAL;
	if (prompt_len > VTY_PROTO_MAX_PAYLOAD - 1)
		return -EMSGSIZE;
	buf = malloc(1 + prompt_len);
	if (!buf)
		return -ENOMEM;
	buf[0] = status;
	if (prompt_len)
		memcpy(buf + 1, prompt, prompt_len);
	*out = buf;
	return 0;
}

int vty_proto_put_end(struct wr *w, uint8_t status, const char *prompt,
		      size_t prompt_len)
{
	uint8_t *payload = NULL;
	int rc = vty_proto_end_payload(status, prompt, prompt_len, &payload);

	if (rc)
		return rc;
	rc = vty_proto_put(w, VTY_REC_END, payload, 1 + prompt_len);
	free(payload);
	return rc;
}

int vty_proto_put_end_sb(struct strbuf *sb, uint8_t status, const char *prompt,
			 size_t prompt_len)
{
	uint8_t *payload = NULL;
	int rc = vty_proto_end_payload(status, prompt, prompt_len, &payload);

	if (rc)
		return rc;
	rc = vty_proto_put_sb(sb, VTY_REC_END, payload, 1 + prompt_len);
	free(payload);
	return rc;
}

int vty_proto_parse_end(const void *payload, size_t len,
			struct vty_proto_end *end)
{
	struct rd r = rd_init(payload, len);
	uint8_t status;

	if (!rd_u8(&r, &status) || !vty_proto_status_name(status))
		return -EPROTO;
	end->status = status;
	end->prompt = (const char *)r.p;
	end->prompt_len = rd_left(&r);
	return 0;
}

void vty_proto_rx_init(struct vty_proto_rx *rx, enum vty_proto_dir accept)
{
	memset(rx, 0, sizeof(*rx));
	rx->accept = accept;
}

void vty_proto_rx_free(struct vty_proto_rx *rx)
{
	free(rx->buf);
	vty_proto_rx_init(rx, rx->accept);
}

bool vty_proto_rx_pending(const struct vty_proto_rx *rx)
{
	return rx->hdr_len > 0;
}

/* The header is complete: validate it before any payload is taken, so an
 * oversize length is refused without buffering a single payload octet. */
static int vty_rx_start(struct vty_proto_rx *rx)
{
	struct rd r = rd_init(rx->hdr, sizeof(rx->hdr));
	uint8_t type;
	uint32_t len;

	if (!rd_u8(&r, &type) || !rd_u32(&r, &len))
		return -EPROTO;
	if (!vty_proto_type_valid(type, rx->accept))
		return -EPROTO;
	if (len > VTY_PROTO_MAX_PAYLOAD)
		return -EMSGSIZE;
	rx->need = len;
	rx->have = 0;
	return 0;
}

/* Make room in rx->buf for the whole payload of the current record. */
static int vty_rx_reserve(struct vty_proto_rx *rx)
{
	uint8_t *nb;

	if (rx->cap >= rx->need)
		return 0;
	nb = realloc(rx->buf, rx->need);
	if (!nb)
		return -ENOMEM;
	rx->buf = nb;
	rx->cap = rx->need;
	return 0;
}

/* A record was delivered: back to reading a header. */
static void vty_rx_done(struct vty_proto_rx *rx)
{
	rx->hdr_len = 0;
	rx->need = 0;
	rx->have = 0;
	if (rx->cap > VTY_RX_KEEP_BYTES) {
		free(rx->buf);
		rx->buf = NULL;
		rx->cap = 0;
	}
}

int vty_proto_feed(struct vty_proto_rx *rx, const void *data, size_t n,
		   vty_proto_cb cb, void *ctx)
{
	struct rd in = rd_init(data, n);
	struct rd payload;
	int rc;

	if (rx->err)
		return rx->err;
	while (rd_left(&in) > 0) {
		if (rx->hdr_len < VTY_PROTO_HDR_LEN) {
			size_t take = VTY_PROTO_HDR_LEN - rx->hdr_len;

			if (take > rd_left(&in))
				take = rd_left(&in);
			rd_bytes(&in, rx->hdr + rx->hdr_len, take);
			rx->hdr_len += take;
			if (rx->hdr_len < VTY_PROTO_HDR_LEN)
				break;
			rc = vty_rx_start(rx);
			if (rc)
				goto fail;
		}
		if (rx->have == 0 && rd_left(&in) >= rx->need) {
			/* Whole payload in this chunk: hand it over in place,
			 * without copying. */
			rd_sub(&in, rx->need, &payload);
			rc = cb(ctx, rx->hdr[0],
				rx->need ? payload.p : (const uint8_t *)"",
				rx->need);
			vty_rx_done(rx);
			if (rc)
				goto fail;
			continue;
		}
		rc = vty_rx_reserve(rx);
		if (rc)
			goto fail;
		{
			size_t take = rx->need - rx->have;

			if (take > rd_left(&in))
				take = rd_left(&in);
			rd_bytes(&in, rx->buf + rx->have, take);
			rx->have += take;
		}
		if (rx->have < rx->need)
			break;
		rc = cb(ctx, rx->hdr[0], rx->buf, rx->need);
		vty_rx_done(rx);
		if (rc)
			goto fail;
	}
	return 0;
fail:
	rx->err = rc;
	return rc;
}
