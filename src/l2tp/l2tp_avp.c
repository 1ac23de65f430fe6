/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_avp.c - the control message decoder: AVP iteration with a
 * sub-reader per AVP (RFC 2661 §4.1), unhiding (§4.3), typed values
 * (§4.4) and the mandatory-AVP check per message type (§6).
 *
 * Every AVP is carved from the body with rd_sub() before any field is
 * read, so a bad Length cannot push the loop out of step or make it spin
 * (the xl2tpd PR #93 / l2tpns "Unknown AVP vendor" loops): a Length under
 * 6 or past the body ends the parse as malformed.
 */
#include <stdio.h>
#include <string.h>

#include "l2tp_codec.h"

struct parse {
	struct l2tp_msg *m;
	const struct l2tp_secret *secret;
	uint8_t *scratch; /* where unhidden values go */
	size_t scratch_left;
	struct l2tp_span rv; /* the most recent Random Vector */
	char *err;
	size_t err_size;
};

static bool is_known(uint16_t type)
{
	switch (type) {
#define L2TP_AVP_KNOWN(e, v, s, f) case v:
		L2TP_AVP_TYPES(L2TP_AVP_KNOWN)
#undef L2TP_AVP_KNOWN
		return true;
	default:
		return false;
	}
}

static bool is_known_msg(uint16_t type)
{
	switch (type) {
#define L2TP_MSG_KNOWN(e, v, s) case v:
		L2TP_MSG_TYPES(L2TP_MSG_KNOWN)
#undef L2TP_MSG_KNOWN
		return true;
	default:
		return false;
	}
}

static struct l2tp_span span_of(const struct rd *r)
{
	struct l2tp_span s = {.p = r->p, .len = (uint16_t)r->len};

	return s;
}

static bool need_len(struct parse *ps, uint16_t type, const struct rd *v,
		     size_t want)
{
	if (rd_left(v) == want)
		return true;
	snprintf(ps->err, ps->err_size,
		 "%s with a value of %zu octets, not %zu", l2tp_avp_name(type),
		 rd_left(v), want);
	return false;
}

static bool need_min(struct parse *ps, uint16_t type, const struct rd *v,
		     size_t min)
{
	if (rd_left(v) >= min)
		return true;
	snprintf(ps->err, ps->err_size,
		 "%s with a value of %zu octets, under %zu",
		 l2tp_avp_name(type), rd_left(v), min);
	return false;
}

static bool get_u16(struct parse *ps, uint16_t type, struct rd *v,
		    uint16_t *out)
{
	return need_len(ps, type, v, 2) && rd_u16(v, out);
}

static bool get_u32(struct parse *ps, uint16_t type, struct rd *v,
		    uint32_t *out)
{
	return need_len(ps, type, v, 4) && rd_u32(v, out);
}

/* Decode the value of a known AVP (vendor 0) into the message. */
static bool avp_value(struct parse *ps, uint16_t type, struct rd v)
{
	struct l2tp_msg *m = ps->m;

	switch (type) {
	case L2TP_AVP_RESULT_CODE:
		/* 2, 4 or 4+n octets: a Result Code of AVP length 8 is valid
		 * (xl2tpd #90); 3 is not. */
		if (!need_min(ps, type, &v, 2) ||
		    !rd_u16(&v, &m->result.result))
			return false;
		m->result.has_error = false;
		m->result.error = 0;
		m->result.message.len = 0;
		m->result.message.p = NULL;
		if (rd_left(&v) == 0)
			return true;
		if (!rd_u16(&v, &m->result.error)) {
			snprintf(ps->err, ps->err_size,
				 "Result Code with a value of 3 octets");
			return false;
		}
		m->result.has_error = true;
		m->result.message = span_of(&v);
		return true;
	case L2TP_AVP_PROTOCOL_VERSION:
		return get_u16(ps, type, &v, &m->protocol_version);
	case L2TP_AVP_FRAMING_CAP:
		return get_u32(ps, type, &v, &m->framing_cap);
	case L2TP_AVP_BEARER_CAP:
		return get_u32(ps, type, &v, &m->bearer_cap);
	case L2TP_AVP_TIE_BREAKER:
		return need_len(ps, type, &v, 8) &&
		       rd_bytes(&v, m->tie_breaker, 8);
	case L2TP_AVP_FIRMWARE_REV:
		return get_u16(ps, type, &v, &m->firmware_rev);
	case L2TP_AVP_HOST_NAME:
		if (!need_min(ps, type, &v, 1))
			return false;
		m->host_name = span_of(&v);
		return true;
	case L2TP_AVP_VENDOR_NAME:
		m->vendor_name = span_of(&v);
		return true;
	case L2TP_AVP_ASSIGNED_TUNNEL_ID:
		return get_u16(ps, type, &v, &m->assigned_tunnel_id);
	case L2TP_AVP_RX_WINDOW:
		return get_u16(ps, type, &v, &m->rx_window);
	case L2TP_AVP_CHALLENGE:
		if (!need_min(ps, type, &v, 1))
			return false;
		m->challenge = span_of(&v);
		return true;
	case L2TP_AVP_Q931_CAUSE:
		if (!need_min(ps, type, &v, 3))
			return false;
		rd_u16(&v, &m->q931.cause);
		rd_u8(&v, &m->q931.msg_type);
		m->q931.advisory = span_of(&v);
		return true;
	case L2TP_AVP_CHALLENGE_RESPONSE:
		return need_len(ps, type, &v, L2TP_CHAL_RESP_LEN) &&
		       rd_bytes(&v, m->challenge_response, L2TP_CHAL_RESP_LEN);
	case L2TP_AVP_ASSIGNED_SESSION_ID:
		return get_u16(ps, type, &v, &m->assigned_session_id);
	case L2TP_AVP_CALL_SERIAL:
		return get_u32(ps, type, &v, &m->call_serial);
	case L2TP_AVP_MIN_BPS:
		return get_u32(ps, type, &v, &m->min_bps);
	case L2TP_AVP_MAX_BPS:
		return get_u32(ps, type, &v, &m->max_bps);
	case L2TP_AVP_BEARER_TYPE:
		return get_u32(ps, type, &v, &m->bearer_type);
	case L2TP_AVP_FRAMING_TYPE:
		return get_u32(ps, type, &v, &m->framing_type);
	case L2TP_AVP_CALLED_NUMBER:
		m->called_number = span_of(&v);
		return true;
	case L2TP_AVP_CALLING_NUMBER:
		m->calling_number = span_of(&v);
		return true;
	case L2TP_AVP_SUB_ADDRESS:
		m->sub_address = span_of(&v);
		return true;
	case L2TP_AVP_TX_SPEED:
		return get_u32(ps, type, &v, &m->tx_speed_bps);
	case L2TP_AVP_PHYS_CHANNEL:
		return get_u32(ps, type, &v, &m->phys_channel);
	case L2TP_AVP_LCP_INITIAL_RX:
		m->lcp_initial_rx = span_of(&v);
		return true;
	case L2TP_AVP_LCP_LAST_TX:
		m->lcp_last_tx = span_of(&v);
		return true;
	case L2TP_AVP_LCP_LAST_RX:
		m->lcp_last_rx = span_of(&v);
		return true;
	case L2TP_AVP_PROXY_AUTH_TYPE:
		return get_u16(ps, type, &v, &m->proxy_auth_type);
	case L2TP_AVP_PROXY_AUTH_NAME:
		m->proxy_auth_name = span_of(&v);
		return true;
	case L2TP_AVP_PROXY_AUTH_CHALLENGE:
		m->proxy_auth_challenge = span_of(&v);
		return true;
	case L2TP_AVP_PROXY_AUTH_ID:
		return get_u16(ps, type, &v, &m->proxy_auth_id);
	case L2TP_AVP_PROXY_AUTH_RESPONSE:
		m->proxy_auth_response = span_of(&v);
		return true;
	case L2TP_AVP_CALL_ERRORS:
		if (!need_len(ps, type, &v, 26))
			return false;
		rd_skip(&v, 2); /* reserved */
		rd_u32(&v, &m->call_errors.crc);
		rd_u32(&v, &m->call_errors.framing);
		rd_u32(&v, &m->call_errors.hw_overrun);
		rd_u32(&v, &m->call_errors.buf_overrun);
		rd_u32(&v, &m->call_errors.timeout);
		rd_u32(&v, &m->call_errors.alignment);
		return true;
	case L2TP_AVP_ACCM:
		if (!need_len(ps, type, &v, 10))
			return false;
		rd_skip(&v, 2); /* reserved */
		rd_u32(&v, &m->accm_send);
		rd_u32(&v, &m->accm_recv);
		return true;
	case L2TP_AVP_PRIVATE_GROUP_ID:
		m->private_group_id = span_of(&v);
		return true;
	case L2TP_AVP_RX_SPEED:
		return get_u32(ps, type, &v, &m->rx_speed_bps);
	case L2TP_AVP_SEQUENCING_REQUIRED:
		return need_len(ps, type, &v, 0);
	default:
		return true;
	}
}

/* Unhide `v` into the scratch and point *v at the plaintext value. */
static bool avp_unhide(struct parse *ps, uint16_t type, struct rd *v)
{
	int n;

	if (!ps->secret || !ps->secret->len) {
		snprintf(ps->err, ps->err_size,
			 "hidden %s but no tunnel secret", l2tp_avp_name(type));
		return false;
	}
	if (!ps->rv.p) {
		snprintf(ps->err, ps->err_size,
			 "hidden %s before any Random Vector",
			 l2tp_avp_name(type));
		return false;
	}
	if (rd_left(v) > ps->scratch_left) {
		snprintf(ps->err, ps->err_size, "hidden AVPs too long");
		return false;
	}
	n = l2tp_avp_unhide(type, ps->secret, ps->rv.p, ps->rv.len, v->p,
			    rd_left(v), ps->scratch);
	if (n < 0) {
		snprintf(ps->err, ps->err_size,
			 "hidden %s: inner length exceeds the value "
			 "(wrong secret?)",
			 l2tp_avp_name(type));
		return false;
	}
	*v = rd_init(ps->scratch + 2, (size_t)n);
	ps->scratch += rd_left(v) + 2;
	ps->scratch_left -= rd_left(v) + 2;
	return true;
}

/* Missing-AVP rules of §6, one row per message type.  StopCCN and CDN
 * need only their Result Code here: a peer clearing a tunnel or call
 * without its own Assigned ID is still clearing it, and refusing the
 * message would only keep a dead call alive. */
static const uint64_t must_have[L2TP_MSG__MAX + 1] = {
#define B(t) ((uint64_t)1 << (t))
	[L2TP_MSG_SCCRQ] = B(L2TP_AVP_PROTOCOL_VERSION) |
			   B(L2TP_AVP_HOST_NAME) | B(L2TP_AVP_FRAMING_CAP) |
			   B(L2TP_AVP_ASSIGNED_TUNNEL_ID),
	[L2TP_MSG_SCCRP] = B(L2TP_AVP_PROTOCOL_VERSION) |
			   B(L2TP_AVP_HOST_NAME) | B(L2TP_AVP_FRAMING_CAP) |
			   B(L2TP_AVP_ASSIGNED_TUNNEL_ID),
	[L2TP_MSG_STOPCCN] = B(L2TP_AVP_RESULT_CODE),
	[L2TP_MSG_OCRQ] = B(L2TP_AVP_ASSIGNED_SESSION_ID) |
			  B(L2TP_AVP_CALL_SERIAL) | B(L2TP_AVP_MIN_BPS) |
			  B(L2TP_AVP_MAX_BPS) | B(L2TP_AVP_BEARER_TYPE) |
			  B(L2TP_AVP_FRAMING_TYPE) | B(L2TP_AVP_CALLED_NUMBER),
	[L2TP_MSG_OCRP] = B(L2TP_AVP_ASSIGNED_SESSION_ID),
	[L2TP_MSG_OCCN] = B(L2TP_AVP_TX_SPEED) | B(L2TP_AVP_FRAMING_TYPE),
	[L2TP_MSG_ICRQ] =
		B(L2TP_AVP_ASSIGNED_SESSION_ID) | B(L2TP_AVP_CALL_SERIAL),
	[L2TP_MSG_ICRP] = B(L2TP_AVP_ASSIGNED_SESSION_ID),
	[L2TP_MSG_ICCN] = B(L2TP_AVP_TX_SPEED) | B(L2TP_AVP_FRAMING_TYPE),
	[L2TP_MSG_CDN] = B(L2TP_AVP_RESULT_CODE),
	[L2TP_MSG_WEN] = B(L2TP_AVP_CALL_ERRORS),
	[L2TP_MSG_SLI] = B(L2TP_AVP_ACCM),
#undef B
};

bool l2tp_msg_validate(const struct l2tp_msg *m, char *err, size_t err_size)
{
	uint64_t need = m->type <= L2TP_MSG__MAX ? must_have[m->type] : 0;
	uint64_t missing = need & ~m->present;

	if (missing) {
		unsigned t = (unsigned)__builtin_ctzll(missing);

		snprintf(err, err_size, "%s without %s", l2tp_msg_name(m->type),
			 l2tp_avp_name((uint16_t)t));
		return false;
	}
	switch (m->type) {
	case L2TP_MSG_SCCRQ:
	case L2TP_MSG_SCCRP:
		if (m->assigned_tunnel_id == 0) {
			snprintf(err, err_size, "%s with Assigned Tunnel ID 0",
				 l2tp_msg_name(m->type));
			return false;
		}
		if (l2tp_msg_has(m, L2TP_AVP_RX_WINDOW) && m->rx_window == 0) {
			snprintf(err, err_size, "%s with Receive Window Size 0",
				 l2tp_msg_name(m->type));
			return false;
		}
		break;
	case L2TP_MSG_ICRQ:
	case L2TP_MSG_ICRP:
	case L2TP_MSG_OCRQ:
	case L2TP_MSG_OCRP:
		if (m->assigned_session_id == 0) {
			snprintf(err, err_size, "%s with Assigned Session ID 0",
				 l2tp_msg_name(m->type));
			return false;
		}
		break;
	default:
		break;
	}
	return true;
}

enum l2tp_parse_rc l2tp_msg_parse(struct rd body,
				  const struct l2tp_secret *secret,
				  uint8_t *scratch, size_t scratch_len,
				  struct l2tp_msg *m, char *err,
				  size_t err_size)
{
	struct parse ps = {
		.m = m,
		.secret = secret,
		.scratch = scratch,
		.scratch_left = scratch ? scratch_len : 0,
		.err = err,
		.err_size = err_size,
	};
	bool first = true;
	bool unknown_type = false;

	memset(m, 0, sizeof(*m));
	if (err_size)
		err[0] = '\0';
	while (rd_left(&body)) {
		struct rd peek = body, avp;
		uint16_t bits, len, vendor, type;

		if (!rd_u16(&peek, &bits) ||
		    rd_left(&body) < L2TP_AVP_HDR_LEN) {
			snprintf(err, err_size, "AVP header truncated");
			return L2TP_PARSE_MALFORMED;
		}
		len = bits & L2TP_AVP_LEN_MASK;
		if (len < L2TP_AVP_HDR_LEN) {
			snprintf(err, err_size, "AVP length %u under 6", len);
			return L2TP_PARSE_MALFORMED;
		}
		if (!rd_sub(&body, len, &avp)) {
			snprintf(err, err_size,
				 "AVP length %u beyond the message (%zu left)",
				 len, rd_left(&body));
			return L2TP_PARSE_MALFORMED;
		}
		rd_skip(&avp, 2);
		rd_u16(&avp, &vendor);
		rd_u16(&avp, &type);
		if (first) {
			/* §4.1: Message Type MUST be the first AVP. */
			first = false;
			if (vendor != 0 || type != L2TP_AVP_MSG_TYPE ||
			    (bits & (L2TP_AVP_H | L2TP_AVP_RSVD)) ||
			    !rd_u16(&avp, &m->type) || rd_left(&avp) != 0) {
				snprintf(err, err_size,
					 "first AVP is not a Message Type");
				return L2TP_PARSE_MALFORMED;
			}
			l2tp_msg_set(m, L2TP_AVP_MSG_TYPE);
			if (!is_known_msg(m->type)) {
				if (bits & L2TP_AVP_M) {
					snprintf(err, err_size,
						 "unknown message type %u with "
						 "the M bit",
						 m->type);
					m->unknown_m = true;
					m->unknown_m_type = L2TP_AVP_MSG_TYPE;
					return L2TP_PARSE_UNKNOWN_M;
				}
				unknown_type = true;
			}
			continue;
		}
		/* Vendor ID is checked before the type is looked at
		 * (xl2tpd #163); reserved bits make an AVP unrecognised. */
		if (vendor != 0 || (bits & L2TP_AVP_RSVD) || !is_known(type) ||
		    type == L2TP_AVP_MSG_TYPE) {
			if ((bits & L2TP_AVP_M) && !m->unknown_m) {
				m->unknown_m = true;
				m->unknown_m_vendor = vendor;
				m->unknown_m_type = type;
			}
			continue;
		}
		if (type == L2TP_AVP_RANDOM_VECTOR) {
			if ((bits & L2TP_AVP_H) || rd_left(&avp) == 0) {
				snprintf(err, err_size, "bad Random Vector");
				return L2TP_PARSE_INVALID;
			}
			ps.rv = span_of(&avp);
			l2tp_msg_set(m, type);
			continue;
		}
		if (bits & L2TP_AVP_H) {
			if (!avp_unhide(&ps, type, &avp))
				return L2TP_PARSE_INVALID;
			m->hidden |= (uint64_t)1 << type;
		}
		if (!avp_value(&ps, type, avp))
			return L2TP_PARSE_INVALID;
		l2tp_msg_set(m, type);
	}
	if (first) {
		snprintf(err, err_size, "no AVPs");
		return L2TP_PARSE_MALFORMED;
	}
	if (unknown_type) {
		snprintf(err, err_size, "unknown message type %u ignored",
			 m->type);
		return L2TP_PARSE_UNKNOWN_TYPE;
	}
	if (m->unknown_m) {
		snprintf(err, err_size,
			 "unknown mandatory AVP vendor %u type %u in %s",
			 m->unknown_m_vendor, m->unknown_m_type,
			 l2tp_msg_name(m->type));
		return L2TP_PARSE_UNKNOWN_M;
	}
	if (!l2tp_msg_validate(m, err, err_size))
		return L2TP_PARSE_INVALID;
	return L2TP_PARSE_OK;
}
