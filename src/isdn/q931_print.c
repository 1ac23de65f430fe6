/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * q931_print.c - names (Q.931 message types with IOS spellings, ITU-T
 * Q.850 cause values, Q.931 §4.5.5 transfer capabilities, §4.5.23
 * progress descriptions) and the IOS `debug isdn q931` printer of q931.h.
 */
#include "q931.h"

#include <stdio.h>
#include <string.h>

static const struct {
	uint8_t v;
	const char *name;
} msg_names[] = {
#define Q931_MSG_NAME(e, v, s) {v, s},
	Q931_MSGS(Q931_MSG_NAME)
#undef Q931_MSG_NAME
};

const char *q931_msg_name(uint8_t type)
{
	for (size_t i = 0; i < sizeof(msg_names) / sizeof(msg_names[0]); i++)
		if (msg_names[i].v == type)
			return msg_names[i].name;
	return NULL;
}

/* ITU-T Q.850 Table 1, the names of the standard (IOS prints these). */
static const char *const cause_names[128] = {
	[1] = "Unallocated (unassigned) number",
	[2] = "No route to specified transit network",
	[3] = "No route to destination",
	[6] = "Channel unacceptable",
	[7] = "Call awarded and being delivered in an established channel",
	[16] = "Normal call clearing",
	[17] = "User busy",
	[18] = "No user responding",
	[19] = "No answer from user (user alerted)",
	[21] = "Call rejected",
	[22] = "Number changed",
	[26] = "Non-selected user clearing",
	[27] = "Destination out of order",
	[28] = "Invalid number format (incomplete number)",
	[29] = "Facility rejected",
	[30] = "Response to STATUS ENQUIRY",
	[31] = "Normal, unspecified",
	[34] = "No circuit/channel available",
	[38] = "Network out of order",
	[41] = "Temporary failure",
	[42] = "Switching equipment congestion",
	[43] = "Access information discarded",
	[44] = "Requested circuit/channel not available",
	[47] = "Resources unavailable, unspecified",
	[49] = "Quality of service unavailable",
	[50] = "Requested facility not subscribed",
	[57] = "Bearer capability not authorized",
	[58] = "Bearer capability not presently available",
	[63] = "Service or option not available, unspecified",
	[65] = "Bearer capability not implemented",
	[66] = "Channel type not implemented",
	[69] = "Requested facility not implemented",
	[70] = "Only restricted digital information bearer capability is "
	       "available",
	[79] = "Service or option not implemented, unspecified",
	[81] = "Invalid call reference value",
	[82] = "Identified channel does not exist",
	[88] = "Incompatible destination",
	[95] = "Invalid message, unspecified",
	[96] = "Mandatory information element is missing",
	[97] = "Message type non-existent or not implemented",
	[98] = "Message not compatible with call state or message type "
	       "non-existent or not implemented",
	[99] = "Information element non-existent or not implemented",
	[100] = "Invalid information element contents",
	[101] = "Message not compatible with call state",
	[102] = "Recovery on timer expiry",
	[111] = "Protocol error, unspecified",
	[127] = "Interworking, unspecified",
};
_Static_assert(sizeof(cause_names) / sizeof(cause_names[0]) == 128,
	       "one slot per 7-bit cause value");

const char *q931_cause_name(uint8_t value)
{
	const char *s = value < 128 ? cause_names[value] : NULL;

	return s ? s : "Unknown cause";
}

const char *q931_cap_name(uint8_t cap)
{
	switch (cap) {
	case Q931_CAP_SPEECH:
		return "Speech";
	case Q931_CAP_DIGITAL:
		return "Unrestricted digital";
	case Q931_CAP_RESTRICTED:
		return "Restricted digital";
	case Q931_CAP_AUDIO_3K1:
		return "3.1 kHz audio";
	case Q931_CAP_DIGITAL_TONES:
		return "Unrestricted digital with tones";
	case Q931_CAP_VIDEO:
		return "Video";
	default:
		return "Unknown";
	}
}

static const char *progress_name(uint8_t desc)
{
	switch (desc) {
	case 1:
		return "Call not end-to-end ISDN, may have in-band info";
	case 2:
		return "Destination address is non-ISDN";
	case 3:
		return "Origination address is non-ISDN";
	case 4:
		return "Call has returned to the ISDN";
	case 8:
		return "In-band info or appropriate now available";
	default:
		return "Unknown progress description";
	}
}

#define IE_INDENT "        "

static void put_raw(struct strbuf *sb, const char *label,
		    const struct q931_raw_ie *ie)
{
	char hex[2 * Q931_IE_RAW_MAX + 1];

	hex_upper(hex, sizeof(hex), ie->v, ie->len);
	sb_printf(sb, IE_INDENT "%s i = 0x%s", label, hex);
}

static void put_number(struct strbuf *sb, const char *label,
		       const struct q931_number *n)
{
	sb_printf(sb, IE_INDENT "%s i = 0x%02X", label, n->type_plan);
	if (n->has_pres)
		sb_printf(sb, ", 0x%02X", n->pres);
	sb_printf(sb, ", '%s'\n", n->digits);
}

void q931_print(const struct q931_msg *msg, const char *ifshort, bool tx,
		struct strbuf *sb)
{
	const char *name = q931_msg_name(msg->type);
	unsigned cref = msg->cref;

	sb_printf(sb, "ISDN %s: %s ", ifshort, tx ? "TX ->" : "RX <-");
	if (name)
		sb_puts(sb, name);
	else
		sb_printf(sb, "0x%02X", msg->type);
	sb_printf(sb, " pd = %u callref = ", msg->pd);
	if (msg->cref_len == 0) {
		sb_puts(sb, "(null)\n");
	} else if (msg->cref_len == 1) {
		sb_printf(sb, "0x%02X\n", cref | (msg->cref_flag ? 0x80u : 0));
	} else if (msg->cref_flag) {
		sb_printf(sb, "0x%04X\n", cref | 0x8000u);
	} else if (!tx) {
		sb_printf(sb, "0x%02X\n", cref);
	} else {
		sb_printf(sb, "0x%04X\n", cref);
	}
	if (msg->bearer.present) {
		put_raw(sb, "Bearer Capability", &msg->bearer);
		sb_puts(sb, "\n");
	}
	if (msg->cause.present) {
		put_raw(sb, "Cause", &msg->cause);
		sb_printf(sb, " - %s\n", q931_cause_name(msg->cause_value));
	}
	if (msg->chan.present) {
		put_raw(sb, "Channel ID", &msg->chan);
		sb_puts(sb, "\n");
	}
	if (msg->progress.present) {
		put_raw(sb, "Progress Ind", &msg->progress);
		sb_printf(sb, " - %s\n", progress_name(msg->progress_desc));
	}
	if (msg->has_display)
		sb_printf(sb, IE_INDENT "Display i = '%s'\n", msg->display);
	if (msg->calling.present)
		put_number(sb, "Calling Party Number", &msg->calling);
	if (msg->called.present)
		put_number(sb, "Called Party Number", &msg->called);
}

void q931_debug_frame(const struct logger *lg, const char *ifshort, bool tx,
		      const uint8_t *frame, size_t len)
{
	const uint8_t *l3;
	size_t l3_len;
	struct q931_msg msg;
	const char *why;
	struct strbuf sb = {0};
	const char *p;

	if (!log_debug_on(lg, DBG_ISDN_Q931) ||
	    !q921_peek(frame, len, &l3, &l3_len))
		return;
	if (q931_decode(l3, l3_len, &msg, &why) != 0) {
		log_printf(lg, LOG_LVL_DEBUG,
			   "ISDN %s: %s bad Q.931 message (%s)", ifshort,
			   tx ? "TX ->" : "RX <-", why);
		return;
	}
	q931_print(&msg, ifshort, tx, &sb);
	/* One log line per printed line, as IOS timestamps each. */
	p = sb_str(&sb);
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		int n = nl ? (int)(nl - p) : (int)strlen(p);

		log_printf(lg, LOG_LVL_DEBUG, "%.*s", n, p);
		p += n + (nl ? 1 : 0);
	}
	sb_free(&sb);
}
