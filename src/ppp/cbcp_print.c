/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cbcp_print.c - CBCP packets as IOS 11.3 prints them under `debug ppp
 * negotiation` / `debug ppp cbcp` (seed 001, callback.md §2.6), and the name
 * tables of cbcp.h.
 *
 * Every packet gets two lines: a header line with the interface's long name
 * ("Async4 PPP: O MCB Request(1) id 20 len 9") and the octets in hex without
 * leading zeros, upper case, space separated ("Async4 MCB: O 1 14 0 9 2 5 0
 * 1 0").  Requests and Acks, and the Responses we send, get a summary line
 * per option with the short name ("As4 MCB: O Request Id 20 Callback Type
 * Client-Num delay 0").  The answerer prints no summary for a received
 * Response: the state machine logs "Received response" and the
 * "Response CBK-..." line instead, as IOS does.  Only Response summaries
 * show addresses (the seed's Ack line has none).
 *
 * Callback numbers are printed (they are not secrets) but passed through
 * cp_print_name() so that a hostile peer cannot break a log line.
 */
#include <stdio.h>
#include <string.h>

#include "cbcp_int.h"
#include "cp_print.h"
#include "strbuf.h"

#define CBCP_HEX_PER_LINE                                                      \
	32 /* octets per hex line: IOS's wrapping is not                       \
	    * public; 32 keeps a line under 110 columns */

static const char *const cbcp_code_names[] = {
#define CBCP_CODE_NAME(e, v, s) [v] = s,
	CBCP_CODES(CBCP_CODE_NAME)
#undef CBCP_CODE_NAME
};
_Static_assert(sizeof(cbcp_code_names) / sizeof(cbcp_code_names[0]) ==
		       CBCP_ACK + 1,
	       "cbcp_code_names must end at the last code");

static const char *const cbcp_type_names[] = {
#define CBCP_TYPE_NAME(e, v, s) [v] = s,
	CBCP_TYPES(CBCP_TYPE_NAME)
#undef CBCP_TYPE_NAME
};
_Static_assert(sizeof(cbcp_type_names) / sizeof(cbcp_type_names[0]) ==
		       CBCP_TYPE_LIST + 1,
	       "cbcp_type_names must end at the last type");

static const char *const cbcp_state_names[] = {
#define CBCP_STATE_NAME(e, s) [e] = s,
	CBCP_STATES(CBCP_STATE_NAME)
#undef CBCP_STATE_NAME
};
_Static_assert(sizeof(cbcp_state_names) / sizeof(cbcp_state_names[0]) ==
		       CBCP_ST__COUNT,
	       "cbcp_state_names must cover every state");

const char *cbcp_code_name(uint8_t code)
{
	if (code >= sizeof(cbcp_code_names) / sizeof(cbcp_code_names[0]) ||
	    !cbcp_code_names[code])
		return "?";
	return cbcp_code_names[code];
}

const char *cbcp_type_name(uint8_t type)
{
	if (type >= sizeof(cbcp_type_names) / sizeof(cbcp_type_names[0]) ||
	    !cbcp_type_names[type])
		return "Unknown";
	return cbcp_type_names[type];
}

const char *cbcp_state_name(enum cbcp_state st)
{
	if ((unsigned)st >= CBCP_ST__COUNT)
		return "?";
	return cbcp_state_names[st];
}

bool cbcp_debug_on(const struct logger *log)
{
	return log_debug_on(log, DBG_PPP_CBCP) ||
	       log_debug_on(log, DBG_PPP_NEGOTIATION);
}

/* "Client-Num", or "Unknown(7)" so that an odd type stays identifiable. */
static void cbcp_put_type(struct strbuf *sb, uint8_t type)
{
	if (type >= CBCP_TYPE_NONE && type <= CBCP_TYPE_LIST)
		sb_puts(sb, cbcp_type_name(type));
	else
		sb_printf(sb, "%s(%u)", cbcp_type_name(type), type);
}

static void cbcp_put_addrs(struct strbuf *sb, const struct cbcp_opt *opt)
{
	for (size_t i = 0; i < opt->naddrs; i++) {
		char num[CBCP_NUMBER_MAX + 1];

		cp_print_name(num, sizeof(num),
			      (const uint8_t *)opt->addrs[i].number,
			      strlen(opt->addrs[i].number));
		sb_printf(sb, ", addr %u-%s", opt->addrs[i].type, num);
	}
}

static void cbcp_print_hex(const struct logger *log, const char *ifname,
			   char dir, struct rd octets)
{
	while (rd_left(&octets) > 0) {
		struct strbuf sb = STRBUF_INIT;
		uint8_t v;

		for (int i = 0; i < CBCP_HEX_PER_LINE && rd_u8(&octets, &v);
		     i++)
			sb_printf(&sb, i ? " %X" : "%X", v);
		log_printf(log, LOG_LVL_DEBUG, "%s MCB: %c %s", ifname, dir,
			   sb_str(&sb));
		sb_free(&sb);
	}
}

static void cbcp_print_summary(const struct logger *log, const char *ifshort,
			       char dir, const struct cbcp_pkt *p)
{
	if (p->nopts == 0) {
		log_printf(log, LOG_LVL_DEBUG, "%s MCB: %c %s Id %u no option",
			   ifshort, dir, cbcp_code_name(p->code), p->id);
		return;
	}
	for (size_t i = 0; i < p->nopts; i++) {
		const struct cbcp_opt *o = &p->opts[i];
		struct strbuf sb = STRBUF_INIT;

		sb_printf(&sb, "%s MCB: %c %s Id %u Callback Type ", ifshort,
			  dir, cbcp_code_name(p->code), p->id);
		cbcp_put_type(&sb, o->type);
		if (o->has_delay)
			sb_printf(&sb, " delay %u", o->delay_s);
		if (p->code == CBCP_RESPONSE)
			cbcp_put_addrs(&sb, o);
		log_printf(log, LOG_LVL_DEBUG, "%s", sb_str(&sb));
		sb_free(&sb);
	}
}

void cbcp_print(const struct logger *log, const char *ifname,
		const char *ifshort, bool out, const uint8_t *pkt, size_t len)
{
	char dir = out ? 'O' : 'I';
	struct rd r = rd_init(pkt, len);
	struct rd all = r;
	struct rd shown;
	struct cbcp_pkt p;
	uint8_t code, id;
	uint16_t length;

	if (!cbcp_debug_on(log))
		return;
	if (rd_u8(&r, &code) && rd_u8(&r, &id) && rd_u16(&r, &length)) {
		log_printf(log, LOG_LVL_DEBUG,
			   "%s PPP: %c MCB %s(%u) id %u len %u", ifname, dir,
			   cbcp_code_name(code), code, id, length);
	} else {
		log_printf(log, LOG_LVL_DEBUG,
			   "%s PPP: %c MCB short packet, %zu octets", ifname,
			   dir, len);
		length = 0;
	}
	/* The Length field's extent when it is sane (padding is not part of
	 * the packet, RFC 1661 §5); everything received when it is not, so a
	 * malformed packet can be read from the log. */
	if (length < CP_HDR_LEN || !rd_sub(&all, length, &shown))
		shown = rd_init(pkt, len);
	cbcp_print_hex(log, ifname, dir, shown);
	if (cbcp_parse(pkt, len, &p, NULL, 0) != 0)
		return;
	if (p.code == CBCP_REQUEST || p.code == CBCP_ACK ||
	    (p.code == CBCP_RESPONSE && out))
		cbcp_print_summary(log, ifshort, dir, &p);
}

void cbcp_print_response(const struct logger *log, const char *ifshort,
			 const struct cbcp_opt *opt, uint8_t opt_len)
{
	struct strbuf sb = STRBUF_INIT;

	if (!cbcp_debug_on(log))
		return;
	sb_printf(&sb, "%s MCB: Response CBK-", ifshort);
	cbcp_put_type(&sb, opt->type);
	sb_printf(&sb, " %u %u", opt->type, opt_len);
	if (opt->has_delay)
		sb_printf(&sb, " %u", opt->delay_s);
	cbcp_put_addrs(&sb, opt);
	log_printf(log, LOG_LVL_DEBUG, "%s", sb_str(&sb));
	sb_free(&sb);
}
