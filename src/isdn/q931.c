/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * q931.c - the Q.921 frame peek and the Q.931 message decoder of q931.h
 * (ITU-T Q.921 §3.2-3.4, Q.931 §4.1-4.5).  Every field is read through a
 * struct rd; each variable-length IE gets its own sub-reader, so a bad
 * length can never read past the message.
 */
#include "q931.h"

#include <errno.h>
#include <string.h>

#include "rd.h"

bool q921_peek(const uint8_t *frame, size_t len, const uint8_t **l3,
	       size_t *l3_len)
{
	struct rd r = rd_init(frame, len);
	uint8_t a1, a2, c1, c2;

	/* §3.2: two address octets, EA bit 0 in the first, 1 in the
	 * second; SAPI is the top six bits of the first. */
	if (!rd_u8(&r, &a1) || !rd_u8(&r, &a2) || (a1 & 0x01) ||
	    !(a2 & 0x01))
		return false;
	if ((a1 >> 2) != 0) /* SAPI 0: call control procedures */
		return false;
	if (!rd_u8(&r, &c1))
		return false;
	if ((c1 & 0x01) == 0) {
		/* §3.4.1: I frame, modulo 128: N(S) then N(R)/P. */
		if (!rd_u8(&r, &c2))
			return false;
	} else if ((c1 & 0xEF) != 0x03) {
		return false; /* S frames and U frames other than UI */
	}
	if (rd_left(&r) == 0)
		return false;
	*l3 = r.p;
	*l3_len = rd_left(&r);
	return true;
}

static void keep_raw(struct q931_raw_ie *ie, const struct rd *c)
{
	size_t n = c->len < Q931_IE_RAW_MAX ? c->len : Q931_IE_RAW_MAX;

	ie->present = true;
	ie->len = (uint8_t)n;
	if (n)
		memcpy(ie->v, c->p, n);
}

/* §4.5.5: octet 3 is ext + coding standard + transfer capability. */
static void dec_bearer(struct q931_msg *msg, struct rd c)
{
	uint8_t o3;

	keep_raw(&msg->bearer, &c);
	if (rd_u8(&c, &o3))
		msg->bearer_cap = o3 & 0x1F;
}

/* §4.5.13 Channel identification. */
static void dec_chan(struct q931_msg *msg, struct rd c)
{
	uint8_t o3, o, sel;
	bool primary;

	keep_raw(&msg->chan, &c);
	msg->channel = -1;
	if (!rd_u8(&c, &o3))
		return;
	primary = (o3 & 0x20) != 0;
	msg->chan_exclusive = (o3 & 0x08) != 0;
	sel = o3 & 0x03;
	if (o3 & 0x40) {
		/* Interface identifier: octets up to one with ext set. */
		do {
			if (!rd_u8(&c, &o))
				return;
		} while (!(o & 0x80));
	}
	if (sel == 0 || sel == 3) { /* no channel / any channel */
		msg->channel = 0;
		return;
	}
	if (!primary) { /* basic interface: B1 or B2 in the octet itself */
		msg->channel = sel;
		return;
	}
	/* Octet 3.2: coding standard, number/map, channel type B (3). */
	if (!rd_u8(&c, &o) || (o & 0x10) || (o & 0x0F) != 0x03)
		return;
	if (!rd_u8(&c, &o))
		return;
	msg->channel = o & 0x7F;
}

/* §4.5.12 / Q.850 §2: location in octet 3, octet 3a only without the
 * extension bit, the value in octet 4. */
static void dec_cause(struct q931_msg *msg, struct rd c)
{
	uint8_t o3, o;

	keep_raw(&msg->cause, &c);
	if (!rd_u8(&c, &o3))
		return;
	msg->cause_location = o3 & 0x0F;
	if (!(o3 & 0x80) && !rd_u8(&c, &o))
		return;
	if (rd_u8(&c, &o))
		msg->cause_value = o & 0x7F;
}

static void dec_progress(struct q931_msg *msg, struct rd c)
{
	uint8_t o;

	keep_raw(&msg->progress, &c);
	if (rd_skip(&c, 1) && rd_u8(&c, &o))
		msg->progress_desc = o & 0x7F;
}

/* §4.5.8 / §4.5.10: type and plan, optional 3a, IA5 digits. */
static void dec_number(struct q931_number *num, struct rd c, bool calling)
{
	uint8_t o3, o;
	size_t n = 0;

	if (!rd_u8(&c, &o3))
		return;
	num->present = true;
	num->type_plan = o3;
	if (calling && !(o3 & 0x80)) {
		if (!rd_u8(&c, &num->pres))
			return;
		num->has_pres = true;
	}
	while (rd_u8(&c, &o)) {
		o &= 0x7F;
		if (n < Q931_DIGITS_MAX && o >= 0x20 && o < 0x7F)
			num->digits[n++] = (char)o;
	}
	num->digits[n] = '\0';
}

static void dec_display(struct q931_msg *msg, struct rd c)
{
	uint8_t o;
	size_t n = 0;

	msg->has_display = true;
	while (rd_u8(&c, &o)) {
		if (n < Q931_DISPLAY_MAX && o >= 0x20 && o < 0x7F)
			msg->display[n++] = (char)o;
	}
	msg->display[n] = '\0';
}

static void dec_ie(struct q931_msg *msg, uint8_t id, struct rd c)
{
	switch (id) {
	case Q931_IE_BEARER:
		if (!msg->bearer.present)
			dec_bearer(msg, c);
		break;
	case Q931_IE_CHANNEL_ID:
		if (!msg->chan.present)
			dec_chan(msg, c);
		break;
	case Q931_IE_CAUSE:
		if (!msg->cause.present)
			dec_cause(msg, c);
		break;
	case Q931_IE_PROGRESS:
		if (!msg->progress.present)
			dec_progress(msg, c);
		break;
	case Q931_IE_CALLING:
		if (!msg->calling.present)
			dec_number(&msg->calling, c, true);
		break;
	case Q931_IE_CALLED:
		if (!msg->called.present)
			dec_number(&msg->called, c, false);
		break;
	case Q931_IE_DISPLAY:
		if (!msg->has_display)
			dec_display(msg, c);
		break;
	default:
		break;
	}
}

int q931_decode(const uint8_t *buf, size_t len, struct q931_msg *msg,
		const char **why)
{
	struct rd r = rd_init(buf, len);
	uint8_t o, crl, codeset = 0;

	memset(msg, 0, sizeof(*msg));
	*why = "message too short";
	/* §4.2-4.4: discriminator, call reference length and value. */
	if (!rd_u8(&r, &msg->pd) || !rd_u8(&r, &crl))
		return -EPROTO;
	crl &= 0x0F;
	if (crl > 2) {
		*why = "call reference longer than 2 octets";
		return -EPROTO;
	}
	msg->cref_len = crl;
	for (uint8_t i = 0; i < crl; i++) {
		if (!rd_u8(&r, &o))
			return -EPROTO;
		if (i == 0) {
			msg->cref_flag = (o & 0x80) != 0;
			o &= 0x7F;
		}
		msg->cref = (uint16_t)(msg->cref << 8 | o);
	}
	if (!rd_u8(&r, &msg->type))
		return -EPROTO;
	msg->type &= 0x7F;
	while (rd_left(&r) > 0) {
		uint8_t id, ielen, cur = codeset;
		struct rd c;

		rd_u8(&r, &id);
		msg->nies++;
		if (id & 0x80) {
			/* §4.5.1: single-octet IEs.  Shift (§4.5.3): 1001
			 * then non-locking bit then the codeset. */
			if ((id & 0xF0) == 0x90) {
				if (id & 0x08) {
					/* Applies to the next IE only. */
					if (!rd_peek_u8(&r, &o))
						break;
					if (!(o & 0x80)) {
						if (!rd_u8(&r, &id) ||
						    !rd_u8(&r, &ielen) ||
						    !rd_skip(&r, ielen)) {
							*why = "information "
							       "element "
							       "truncated";
							return -EPROTO;
						}
						msg->nies++;
					}
				} else {
					codeset = id & 0x07;
				}
			}
			continue;
		}
		if (!rd_u8(&r, &ielen) || !rd_sub(&r, ielen, &c)) {
			*why = "information element truncated";
			return -EPROTO;
		}
		if (cur == 0)
			dec_ie(msg, id, c);
	}
	return 0;
}
