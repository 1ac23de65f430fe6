/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_print.c - the debug text of the L2TP core: state and call type
 * names, the "Tnl 45029 L2TP: " / "Se0:17 Tnl/Cl 45029/291 L2TP: "
 * prefixes of IOS 12.0 (seed 004), and the `debug vpdn l2x-packets`
 * dump of a control message: a header line ("O SCCRQ, flg TLS, ver 2, len
 * 141, tnl 0, cl 0, ns 0, nr 0") and one line per AVP (RFC 2661 §4.4).
 * Secrets never appear: a Challenge Response and a Proxy Authen Response
 * print as their length only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "l2tp_int.h"

static const char *const tunnel_names[] = {
#define L2TP_TS_NAME(e, s, sh) [e] = s,
	L2TP_TUNNEL_STATES(L2TP_TS_NAME)
#undef L2TP_TS_NAME
};
static const char *const tunnel_shorts[] = {
#define L2TP_TS_SHORT(e, s, sh) [e] = sh,
	L2TP_TUNNEL_STATES(L2TP_TS_SHORT)
#undef L2TP_TS_SHORT
};
_Static_assert(sizeof(tunnel_names) / sizeof(tunnel_names[0]) ==
		       L2TP_TUNNEL__NSTATES,
	       "one name per tunnel state");
_Static_assert(sizeof(tunnel_shorts) / sizeof(tunnel_shorts[0]) ==
		       L2TP_TUNNEL__NSTATES,
	       "one short name per tunnel state");

static const char *const session_names[] = {
#define L2TP_SS_NAME(e, s, sh) [e] = s,
	L2TP_SESSION_STATES(L2TP_SS_NAME)
#undef L2TP_SS_NAME
};
static const char *const session_shorts[] = {
#define L2TP_SS_SHORT(e, s, sh) [e] = sh,
	L2TP_SESSION_STATES(L2TP_SS_SHORT)
#undef L2TP_SS_SHORT
};
_Static_assert(sizeof(session_names) / sizeof(session_names[0]) ==
		       L2TP_SESSION__NSTATES,
	       "one name per session state");
_Static_assert(sizeof(session_shorts) / sizeof(session_shorts[0]) ==
		       L2TP_SESSION__NSTATES,
	       "one short name per session state");

const char *l2tp_tunnel_state_name(enum l2tp_tunnel_state s)
{
	return (unsigned)s < L2TP_TUNNEL__NSTATES ? tunnel_names[s] : "?";
}

const char *l2tp_tunnel_state_short(enum l2tp_tunnel_state s)
{
	return (unsigned)s < L2TP_TUNNEL__NSTATES ? tunnel_shorts[s] : "?";
}

const char *l2tp_session_state_name(enum l2tp_session_state s)
{
	return (unsigned)s < L2TP_SESSION__NSTATES ? session_names[s] : "?";
}

const char *l2tp_session_state_short(enum l2tp_session_state s)
{
	return (unsigned)s < L2TP_SESSION__NSTATES ? session_shorts[s] : "?";
}

const char *l2tp_call_type_name(enum l2tp_call_type t)
{
	switch (t) {
	case L2TP_CALL_LAC_IC:
		return "LAC incoming";
	case L2TP_CALL_LNS_IC:
		return "LNS incoming";
	case L2TP_CALL_LNS_OG:
		return "LNS outgoing";
	case L2TP_CALL_LAC_OG:
		return "LAC outgoing";
	}
	return "?";
}

const char *l2tp_ip_str(uint32_t ip, char buf[16])
{
	snprintf(buf, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xFF,
		 (ip >> 8) & 0xFF, ip & 0xFF);
	return buf;
}

int l2tp_tunnel_prefix(const struct l2tp_tunnel *tunnel, char *buf, size_t size)
{
	return snprintf(buf, size, "Tnl %u L2TP: ", tunnel->node.id);
}

int l2tp_session_prefix(const struct l2tp_session *session, char *buf,
			size_t size)
{
	return snprintf(buf, size, "%s%sTnl/Cl %u/%u L2TP: ", session->ifname,
			session->ifname[0] ? " " : "", session->tunnel->node.id,
			session->node.id);
}

static void vlog(const struct logger *log, const char *prefix, const char *fmt,
		 va_list ap) __attribute__((format(printf, 3, 0)));

static void vlog(const struct logger *log, const char *prefix, const char *fmt,
		 va_list ap)
{
	char line[512];

	vsnprintf(line, sizeof(line), fmt, ap);
	log_printf(log, LOG_LVL_DEBUG, "%s%s", prefix, line);
}

void l2tp_tlog(const struct l2tp_tunnel *tunnel, enum dbg_flag flag,
	       const char *fmt, ...)
{
	const struct logger *log = tunnel->l2tp->log;
	char prefix[48];
	va_list ap;

	if (!log_debug_on(log, flag))
		return;
	l2tp_tunnel_prefix(tunnel, prefix, sizeof(prefix));
	va_start(ap, fmt);
	vlog(log, prefix, fmt, ap);
	va_end(ap);
}

void l2tp_slog(const struct l2tp_session *session, enum dbg_flag flag,
	       const char *fmt, ...)
{
	const struct logger *log = session->tunnel->l2tp->log;
	char prefix[64];
	va_list ap;

	if (!log_debug_on(log, flag))
		return;
	l2tp_session_prefix(session, prefix, sizeof(prefix));
	va_start(ap, fmt);
	vlog(log, prefix, fmt, ap);
	va_end(ap);
}

static void avp_line(const struct l2tp_tunnel *tunnel, const struct logger *log,
		     const struct l2tp_msg *m, unsigned type, const char *fmt,
		     ...) __attribute__((format(printf, 5, 6)));

static void avp_line(const struct l2tp_tunnel *tunnel, const struct logger *log,
		     const struct l2tp_msg *m, unsigned type, const char *fmt,
		     ...)
{
	char val[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	log_printf(log, LOG_LVL_DEBUG, "Tnl %u L2TP:     %s%s %s",
		   tunnel->node.id, l2tp_avp_name((uint16_t)type),
		   (m->hidden >> type) & 1 ? " (H)" : "", val);
}

static void span_text(char *out, size_t size, struct l2tp_span s)
{
	l2tp_span_str(out, size, s.p, s.len);
}

static void span_hex(char *out, size_t size, struct l2tp_span s)
{
	/* At most 32 octets: a debug line, not a dump. */
	size_t n = s.len > 32 ? 32 : s.len;

	hex_upper(out, size, s.p, n);
}

void l2tp_print_msg(const struct l2tp_tunnel *tunnel, bool out,
		    const struct l2tp_hdr *hdr, const struct l2tp_msg *m)
{
	const struct logger *log = tunnel->l2tp->log;
	char txt[80];

	if (!log_debug_on(log, DBG_VPDN_L2X_PACKETS))
		return;
	log_printf(log, LOG_LVL_DEBUG,
		   "Tnl %u L2TP: %c %s, flg TLS, ver 2, len %u, tnl %u, cl %u, "
		   "ns %u, nr %u",
		   tunnel->node.id, out ? 'O' : 'I', l2tp_msg_name(m->type),
		   hdr->length, hdr->tunnel_id, hdr->session_id, hdr->ns,
		   hdr->nr);
	for (unsigned t = 1; t < L2TP_AVP__MAX; t++) {
		if (!l2tp_msg_has(m, t))
			continue;
		switch (t) {
		case L2TP_AVP_RESULT_CODE:
			span_text(txt, sizeof(txt), m->result.message);
			avp_line(tunnel, log, m, t, "%u, error %u%s%s",
				 m->result.result, m->result.error,
				 txt[0] ? ", " : "", txt);
			break;
		case L2TP_AVP_PROTOCOL_VERSION:
		case L2TP_AVP_FIRMWARE_REV:
			avp_line(tunnel, log, m, t, "0x%04X",
				 t == L2TP_AVP_FIRMWARE_REV
					 ? m->firmware_rev
					 : m->protocol_version);
			break;
		case L2TP_AVP_FRAMING_CAP:
			avp_line(tunnel, log, m, t, "0x%08X", m->framing_cap);
			break;
		case L2TP_AVP_BEARER_CAP:
			avp_line(tunnel, log, m, t, "0x%08X", m->bearer_cap);
			break;
		case L2TP_AVP_TIE_BREAKER: {
			struct l2tp_span s = {m->tie_breaker, 8};

			span_hex(txt, sizeof(txt), s);
			avp_line(tunnel, log, m, t, "0x%s", txt);
			break;
		}
		case L2TP_AVP_HOST_NAME:
			span_text(txt, sizeof(txt), m->host_name);
			avp_line(tunnel, log, m, t, "%s", txt);
			break;
		case L2TP_AVP_VENDOR_NAME:
			span_text(txt, sizeof(txt), m->vendor_name);
			avp_line(tunnel, log, m, t, "%s", txt);
			break;
		case L2TP_AVP_ASSIGNED_TUNNEL_ID:
			avp_line(tunnel, log, m, t, "%u",
				 m->assigned_tunnel_id);
			break;
		case L2TP_AVP_RX_WINDOW:
			avp_line(tunnel, log, m, t, "%u", m->rx_window);
			break;
		case L2TP_AVP_CHALLENGE:
			span_hex(txt, sizeof(txt), m->challenge);
			avp_line(tunnel, log, m, t, "0x%s", txt);
			break;
		case L2TP_AVP_Q931_CAUSE:
			avp_line(tunnel, log, m, t, "cause %u, message 0x%02X",
				 m->q931.cause, m->q931.msg_type);
			break;
		case L2TP_AVP_CHALLENGE_RESPONSE:
			avp_line(tunnel, log, m, t, "(hidden), %d octets",
				 L2TP_CHAL_RESP_LEN);
			break;
		case L2TP_AVP_ASSIGNED_SESSION_ID:
			avp_line(tunnel, log, m, t, "%u",
				 m->assigned_session_id);
			break;
		case L2TP_AVP_CALL_SERIAL:
			avp_line(tunnel, log, m, t, "%u", m->call_serial);
			break;
		case L2TP_AVP_MIN_BPS:
			avp_line(tunnel, log, m, t, "%u", m->min_bps);
			break;
		case L2TP_AVP_MAX_BPS:
			avp_line(tunnel, log, m, t, "%u", m->max_bps);
			break;
		case L2TP_AVP_BEARER_TYPE:
			avp_line(tunnel, log, m, t, "0x%08X", m->bearer_type);
			break;
		case L2TP_AVP_FRAMING_TYPE:
			avp_line(tunnel, log, m, t, "0x%08X", m->framing_type);
			break;
		case L2TP_AVP_CALLED_NUMBER:
			span_text(txt, sizeof(txt), m->called_number);
			avp_line(tunnel, log, m, t, "%s", txt);
			break;
		case L2TP_AVP_CALLING_NUMBER:
			span_text(txt, sizeof(txt), m->calling_number);
			avp_line(tunnel, log, m, t, "%s", txt);
			break;
		case L2TP_AVP_SUB_ADDRESS:
			span_text(txt, sizeof(txt), m->sub_address);
			avp_line(tunnel, log, m, t, "%s", txt);
			break;
		case L2TP_AVP_TX_SPEED:
			avp_line(tunnel, log, m, t, "%u", m->tx_speed_bps);
			break;
		case L2TP_AVP_RX_SPEED:
			avp_line(tunnel, log, m, t, "%u", m->rx_speed_bps);
			break;
		case L2TP_AVP_PHYS_CHANNEL:
			avp_line(tunnel, log, m, t, "%u", m->phys_channel);
			break;
		case L2TP_AVP_LCP_INITIAL_RX:
			span_hex(txt, sizeof(txt), m->lcp_initial_rx);
			avp_line(tunnel, log, m, t, "0x%s", txt);
			break;
		case L2TP_AVP_LCP_LAST_TX:
			span_hex(txt, sizeof(txt), m->lcp_last_tx);
			avp_line(tunnel, log, m, t, "0x%s", txt);
			break;
		case L2TP_AVP_LCP_LAST_RX:
			span_hex(txt, sizeof(txt), m->lcp_last_rx);
			avp_line(tunnel, log, m, t, "0x%s", txt);
			break;
		case L2TP_AVP_PROXY_AUTH_TYPE:
			avp_line(tunnel, log, m, t, "%u", m->proxy_auth_type);
			break;
		case L2TP_AVP_PROXY_AUTH_NAME:
			span_text(txt, sizeof(txt), m->proxy_auth_name);
			avp_line(tunnel, log, m, t, "%s", txt);
			break;
		case L2TP_AVP_PROXY_AUTH_CHALLENGE:
			span_hex(txt, sizeof(txt), m->proxy_auth_challenge);
			avp_line(tunnel, log, m, t, "0x%s", txt);
			break;
		case L2TP_AVP_PROXY_AUTH_ID:
			avp_line(tunnel, log, m, t, "%u", m->proxy_auth_id);
			break;
		case L2TP_AVP_PROXY_AUTH_RESPONSE:
			/* A PAP password or CHAP response: length only. */
			avp_line(tunnel, log, m, t, "(hidden), %u octets",
				 m->proxy_auth_response.len);
			break;
		case L2TP_AVP_CALL_ERRORS:
			avp_line(tunnel, log, m, t,
				 "crc %u framing %u hw-overrun %u buf-overrun "
				 "%u timeout %u alignment %u",
				 m->call_errors.crc, m->call_errors.framing,
				 m->call_errors.hw_overrun,
				 m->call_errors.buf_overrun,
				 m->call_errors.timeout,
				 m->call_errors.alignment);
			break;
		case L2TP_AVP_ACCM:
			avp_line(tunnel, log, m, t, "send 0x%08X recv 0x%08X",
				 m->accm_send, m->accm_recv);
			break;
		case L2TP_AVP_RANDOM_VECTOR:
			avp_line(tunnel, log, m, t, "present");
			break;
		case L2TP_AVP_PRIVATE_GROUP_ID:
			span_text(txt, sizeof(txt), m->private_group_id);
			avp_line(tunnel, log, m, t, "%s", txt);
			break;
		case L2TP_AVP_SEQUENCING_REQUIRED:
			avp_line(tunnel, log, m, t, "present");
			break;
		default:
			break;
		}
	}
}
