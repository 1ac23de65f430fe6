/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_hdr.c - parse and write the PPP Address/Control and Protocol fields
 * with ACFC and PFC (RFC 1661 §2, §6.5, §6.6; RFC 1662 §3.1).
 */
#include "ppp_hdr.h"

bool ppp_hdr_parse(struct rd *frame, uint16_t *protocol)
{
	/* Work on a copy so that a rejected frame leaves the caller's reader
	 * where it was (useful for a hex dump of the bad frame). */
	struct rd r = *frame;
	uint8_t b0, b1;

	if (!rd_peek_u8(&r, &b0))
		return false;
	if (b0 == PPP_HDR_ADDRESS) {
		if (!rd_u8(&r, &b0) || !rd_u8(&r, &b1))
			return false;
		if (b1 != PPP_HDR_CONTROL)
			return false;
	}

	if (!rd_u8(&r, &b0))
		return false;
	if (b0 & 1) {
		/* An odd first octet can only be a compressed Protocol:
		 * a full one has an even most significant octet (§6.5). */
		*protocol = b0;
		*frame = r;
		return true;
	}
	if (!rd_u8(&r, &b1))
		return false;
	if (!(b1 & 1))
		return false;
	*protocol = (uint16_t)(b0 << 8 | b1);
	*frame = r;
	return true;
}

void ppp_hdr_write(struct wr *w, uint16_t protocol, bool acfc, bool pfc)
{
	if (!acfc) {
		wr_u8(w, PPP_HDR_ADDRESS);
		wr_u8(w, PPP_HDR_CONTROL);
	}
	/* 0x00ff compressed would be a lone 0xff, which a receiver must take
	 * for the Address field when ACFC is also in use; IANA reserves the
	 * value as "compression inefficient", so it is never compressed. */
	if (pfc && protocol < 0x100 && protocol != PPP_HDR_PROTO_NO_PFC)
		wr_u8(w, (uint8_t)protocol);
	else
		wr_u16(w, protocol);
}
