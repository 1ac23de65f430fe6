/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_vty_proto - arbitrary bytes through the CLI socket record decoder
 * (src/cli/vty_proto.c).  The first input octet picks the decoder's
 * direction and a chunk size, so the reassembly paths (header split,
 * payload split, records delivered in place) are all exercised.  Every
 * delivered record is re-encoded and decoded again, which must give the
 * same record back; 'E' payloads go through vty_proto_parse_end().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "vty_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_rec {
	uint8_t type;
	const uint8_t *payload;
	size_t len;
	bool matched;
};

static int fuzz_check_cb(void *ctx, uint8_t type, const uint8_t *payload,
			 size_t len)
{
	struct fuzz_rec *want = ctx;

	if (type != want->type || len != want->len ||
	    (len && memcmp(payload, want->payload, len) != 0))
		abort();
	want->matched = true;
	return 0;
}

static int fuzz_record_cb(void *ctx, uint8_t type, const uint8_t *payload,
			  size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	struct vty_proto_rx rx;
	struct fuzz_rec want = {type, payload, len, false};
	struct vty_proto_end end;

	(void)ctx;
	if (!vty_proto_type_name(type) || len > VTY_PROTO_MAX_PAYLOAD)
		abort();
	if (type == VTY_REC_END &&
	    vty_proto_parse_end(payload, len, &end) == 0 &&
	    (end.prompt_len + 1 != len || !vty_proto_status_name(end.status)))
		abort();
	if (vty_proto_put_sb(&sb, type, payload, len) != 0)
		abort();
	vty_proto_rx_init(&rx, VTY_PROTO_ANY);
	if (vty_proto_feed(&rx, sb.s, sb.len, fuzz_check_cb, &want) != 0 ||
	    !want.matched || vty_proto_rx_pending(&rx))
		abort();
	vty_proto_rx_free(&rx);
	sb_free(&sb);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum vty_proto_dir dirs[] = {
		VTY_PROTO_ANY, VTY_PROTO_FROM_CLIENT, VTY_PROTO_FROM_SERVER,
		VTY_PROTO_ANY};
	struct vty_proto_rx rx;
	size_t chunk;
	int rc = 0;

	if (size < 1)
		return 0;
	vty_proto_rx_init(&rx, dirs[data[0] & 3]);
	chunk = (size_t)(data[0] >> 2) + 1; /* 1..64 octets per feed */
	data++;
	size--;
	while (size > 0 && rc == 0) {
		size_t n = size < chunk ? size : chunk;

		rc = vty_proto_feed(&rx, data, n, fuzz_record_cb, NULL);
		data += n;
		size -= n;
	}
	vty_proto_rx_free(&rx);
	return 0;
}
