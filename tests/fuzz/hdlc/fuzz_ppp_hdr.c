/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ppp_hdr - libFuzzer harness for ppp_hdr_parse() (RFC 1661 §2, §6.5,
 * §6.6).  Input: any frame.  Properties checked, each aborting:
 *   - a rejected frame leaves the reader untouched;
 *   - an accepted header is 1 to 4 octets, its Protocol has an odd least and
 *     an even most significant octet, and ppp_hdr_write() with the
 *     compression the frame used reproduces exactly the octets consumed
 *     (0x00ff excepted: it is never written compressed);
 *   - what ppp_hdr_write() produced parses back to the same Protocol.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ppp_hdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd r = rd_init(data, size);
	uint16_t protocol = 0, again = 0;
	uint8_t buf[PPP_HDR_MAX_LEN];
	struct wr w = wr_init(buf, sizeof(buf));
	size_t used;
	bool acfc, pfc;

	if (!ppp_hdr_parse(&r, &protocol)) {
		if (r.p != data || r.len != size)
			abort();
		return 0;
	}
	used = size - rd_left(&r);
	if (used < 1 || used > PPP_HDR_MAX_LEN || r.p != data + used)
		abort();
	if (!(protocol & 0x0001) || (protocol & 0x0100))
		abort();
	acfc = data[0] != PPP_HDR_ADDRESS;
	pfc = used == (acfc ? 1u : 3u);
	ppp_hdr_write(&w, protocol, acfc, pfc);
	if (!wr_ok(&w))
		abort();
	/* The writer never compresses 0x00ff (a lone 0xff would read as the
	 * Address), though the parser accepts FF 03 FF from a peer. */
	if (!(pfc && protocol == PPP_HDR_PROTO_NO_PFC) &&
	    (w.len != used || memcmp(buf, data, used) != 0))
		abort();
	/* Whatever was written parses back to the same Protocol. */
	r = rd_init(buf, w.len);
	if (!ppp_hdr_parse(&r, &again) || again != protocol || rd_left(&r))
		abort();
	return 0;
}
