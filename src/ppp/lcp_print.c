/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lcp_print.c - LCP options as `debug ppp negotiation` prints them, in the
 * wording of the seed traces (seed 001: "ACCM 0x000A0000", "AuthProto CHAP",
 * "MagicNumber 0x608D04A3", "PFC", "ACFC", "Callback 6"; seed 004: "MRRU
 * 1524", "EndpointDisc 1 Local").
 */
#include <stdio.h>

#include "cp_opt.h"
#include "cp_print.h"
#include "lcp.h"

static const char *lcp_auth_desc(struct rd body, char *buf, size_t size)
{
	uint16_t proto;
	uint8_t alg;

	if (!rd_u16(&body, &proto))
		return "AuthProto ?";
	if (proto == PPP_PROTO_PAP)
		return "AuthProto PAP";
	if (proto == PPP_PROTO_CHAP && rd_u8(&body, &alg)) {
		switch (alg) {
		case 5:
			return "AuthProto CHAP";
		case 0x80:
			return "AuthProto MS-CHAP";
		case 0x81:
			return "AuthProto MS-CHAP-V2";
		default:
			snprintf(buf, size, "AuthProto CHAP alg 0x%02X", alg);
			return buf;
		}
	}
	if (proto == 0xc227)
		return "AuthProto EAP";
	snprintf(buf, size, "AuthProto 0x%04X", proto);
	return buf;
}

static const char *lcp_epdisc_class(uint8_t c)
{
	static const char *const names[] = {"Null", "Local", "IP", "MAC",
					    "Magic", "Phone"};

	return c < sizeof(names) / sizeof(names[0]) ? names[c] : "?";
}

void lcp_print_opts(const struct logger *log, const char *ifname,
		    struct rd *opts)
{
	if (!log_debug_on(log, DBG_PPP_NEGOTIATION))
		return;
	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;
		char desc[96];
		const char *d = desc;

		if (!cp_opt_next(opts, &type, &whole, &body)) {
			cp_print_opt(log, ifname, "LCP", "Bad option",
				     opts->p, rd_left(opts));
			return;
		}
		switch (type) {
		case LCP_OPT_MRU: {
			uint16_t v = 0;
			rd_u16(&body, &v);
			snprintf(desc, sizeof(desc), "MRU %u", v);
			break;
		}
		case LCP_OPT_ACCM: {
			uint32_t v = 0;
			rd_u32(&body, &v);
			snprintf(desc, sizeof(desc), "ACCM 0x%08X", v);
			break;
		}
		case LCP_OPT_AUTH:
			d = lcp_auth_desc(body, desc, sizeof(desc));
			break;
		case LCP_OPT_QUALITY:
			d = "QualityType";
			break;
		case LCP_OPT_MAGIC: {
			uint32_t v = 0;
			rd_u32(&body, &v);
			snprintf(desc, sizeof(desc), "MagicNumber 0x%08X", v);
			break;
		}
		case LCP_OPT_PFC:
			d = "PFC";
			break;
		case LCP_OPT_ACFC:
			d = "ACFC";
			break;
		case LCP_OPT_CALLBACK: {
			struct lcp_callback cb;
			char msg[LCP_CB_MSG_MAX + 1];
			if (!lcp_callback_parse(&body, &cb)) {
				d = "Callback (bad)";
				break;
			}
			if (cb.msg_len == 0)
				snprintf(desc, sizeof(desc), "Callback %u",
					 cb.op);
			else
				snprintf(desc, sizeof(desc),
					 "Callback %u \"%s\"", cb.op,
					 cp_print_name(msg, sizeof(msg),
						       (const uint8_t *)cb.msg,
						       cb.msg_len));
			break;
		}
		case LCP_OPT_MRRU: {
			uint16_t v = 0;
			rd_u16(&body, &v);
			snprintf(desc, sizeof(desc), "MRRU %u", v);
			break;
		}
		case LCP_OPT_EPDISC: {
			uint8_t c = 0;
			rd_u8(&body, &c);
			snprintf(desc, sizeof(desc), "EndpointDisc %u %s", c,
				 lcp_epdisc_class(c));
			break;
		}
		default:
			snprintf(desc, sizeof(desc), "Unknown option %u",
				 type);
			break;
		}
		cp_print_opt(log, ifname, "LCP", d, whole.p, rd_left(&whole));
	}
}
