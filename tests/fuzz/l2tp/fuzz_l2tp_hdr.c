/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_l2tp_hdr - arbitrary octets through the L2TP header parser (RFC
 * 2661 §3.1).  Invariants (abort() on failure): the payload lies inside
 * the input; with L set it ends at Length; writing the parsed header back
 * and parsing that gives the same fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct l2tp_hdr h, h2;
	struct rd p, p2;
	const char *err = NULL;
	uint8_t b[70000];
	struct wr w = wr_init(b, sizeof(b));

	if (l2tp_hdr_parse(data, size, &h, &p, &err) < 0) {
		if (!err)
			abort();
		return 0;
	}
	if (p.p < data || p.p + p.len > data + size)
		abort();
	if (h.has_length && p.p + p.len != data + h.length)
		abort();
	l2tp_hdr_write(&w, &h);
	if (h.has_length) {
		size_t hl = w.len;

		wr_bytes(&w, p.p, p.len);
		wr_patch_u16(&w, 2, (uint16_t)(hl + p.len));
	} else {
		wr_bytes(&w, p.p, p.len);
	}
	if (!wr_ok(&w))
		return 0;
	if (l2tp_hdr_parse(b, w.len, &h2, &p2, &err) < 0)
		abort();
	if (h2.control != h.control || h2.tunnel_id != h.tunnel_id ||
	    h2.session_id != h.session_id || h2.has_seq != h.has_seq ||
	    (h.has_seq && (h2.ns != h.ns || h2.nr != h.nr)) ||
	    p2.len != p.len || (p.len && memcmp(p2.p, p.p, p.len) != 0))
		abort();
	return 0;
}
