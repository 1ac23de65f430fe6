/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_codec.c - L2TPv2 header parse/build (RFC 2661 §3.1), hidden AVP
 * encryption (§4.3), tunnel authentication (§4.4.3 / §5.1.1), the message
 * builder (§4.1, §6) and the name tables.  The AVP parser lives in
 * l2tp_avp.c.
 */
#include "l2tp_codec.h"

#include <nettle/md5.h>
#include <string.h>

#include "chap_md5.h"

/* ---- names ------------------------------------------------------------- */

const char *l2tp_msg_name(uint16_t type)
{
	switch (type) {
	case L2TP_MSG_ZLB:
		return "ZLB";
#define L2TP_MSG_CASE(e, v, s)                                                 \
	case v:                                                                \
		return s;
		L2TP_MSG_TYPES(L2TP_MSG_CASE)
#undef L2TP_MSG_CASE
	}
	return "Unknown";
}

static const char *const avp_names[L2TP_AVP__MAX] = {
#define L2TP_AVP_NAME(e, v, s, f) [v] = s,
	L2TP_AVP_TYPES(L2TP_AVP_NAME)
#undef L2TP_AVP_NAME
};
_Static_assert(sizeof(avp_names) / sizeof(avp_names[0]) == L2TP_AVP__MAX,
	       "one name slot per AVP type");

const char *l2tp_avp_name(uint16_t type)
{
	if (type < L2TP_AVP__MAX && avp_names[type])
		return avp_names[type];
	return "Unknown";
}

static const char *const stop_names[] = {
#define L2TP_STOP_NAME(e, v, s) [v] = s,
	L2TP_STOPCCN_RESULTS(L2TP_STOP_NAME)
#undef L2TP_STOP_NAME
};
_Static_assert(sizeof(stop_names) / sizeof(stop_names[0]) == 8,
	       "StopCCN results 1..7");

static const char *const cdn_names[] = {
#define L2TP_CDN_NAME(e, v, s) [v] = s,
	L2TP_CDN_RESULTS(L2TP_CDN_NAME)
#undef L2TP_CDN_NAME
};
_Static_assert(sizeof(cdn_names) / sizeof(cdn_names[0]) == 12,
	       "CDN results 1..11");

static const char *const err_names[] = {
#define L2TP_ERR_NAME(e, v, s) [v] = s,
	L2TP_ERROR_CODES(L2TP_ERR_NAME)
#undef L2TP_ERR_NAME
};
_Static_assert(sizeof(err_names) / sizeof(err_names[0]) == 9,
	       "error codes 0..8");

static const char *name_in(const char *const *tab, size_t n, uint16_t v)
{
	if (v < n && tab[v])
		return tab[v];
	return "Unknown";
}

const char *l2tp_stopccn_result_name(uint16_t result)
{
	return name_in(stop_names, sizeof(stop_names) / sizeof(stop_names[0]),
		       result);
}

const char *l2tp_cdn_result_name(uint16_t result)
{
	return name_in(cdn_names, sizeof(cdn_names) / sizeof(cdn_names[0]),
		       result);
}

const char *l2tp_error_name(uint16_t error)
{
	return name_in(err_names, sizeof(err_names) / sizeof(err_names[0]),
		       error);
}

bool l2tp_msg_is_session(uint16_t type)
{
	switch (type) {
	case L2TP_MSG_OCRQ:
	case L2TP_MSG_OCRP:
	case L2TP_MSG_OCCN:
	case L2TP_MSG_ICRQ:
	case L2TP_MSG_ICRP:
	case L2TP_MSG_ICCN:
	case L2TP_MSG_CDN:
	case L2TP_MSG_WEN:
	case L2TP_MSG_SLI:
		return true;
	default:
		return false;
	}
}

/* ---- header ------------------------------------------------------------ */

int l2tp_hdr_parse(const uint8_t *buf, size_t len, struct l2tp_hdr *h,
		   struct rd *payload, const char **err)
{
	struct rd r = rd_init(buf, len);
	uint16_t flags;

	memset(h, 0, sizeof(*h));
	if (len < 6) {
		*err = "shorter than 6 octets";
		return -1;
	}
	if (!rd_u16(&r, &flags))
		goto short_hdr;
	if ((flags & L2TP_HDR_VER_MASK) != L2TP_VERSION) {
		*err = "version is not 2";
		return -1;
	}
	h->control = (flags & L2TP_HDR_T) != 0;
	h->has_length = (flags & L2TP_HDR_L) != 0;
	h->has_seq = (flags & L2TP_HDR_S) != 0;
	h->has_offset = (flags & L2TP_HDR_O) != 0;
	h->priority = (flags & L2TP_HDR_P) != 0;
	if (h->control && (!h->has_length || !h->has_seq)) {
		/* §3.1: L and S MUST be set in control messages; without
		 * them the message cannot take part in reliable delivery. */
		*err = "control message without L or S bit";
		return -1;
	}
	if (h->has_length) {
		if (!rd_u16(&r, &h->length))
			goto short_hdr;
		if (h->length > len) {
			*err = "Length field beyond the datagram";
			return -1;
		}
		if (h->length < 6) {
			*err = "Length field shorter than the header";
			return -1;
		}
		/* Octets past Length are padding: cut them off (4 octets of
		 * the header are already read). */
		r.len = h->length - 4u;
	}
	if (!rd_u16(&r, &h->tunnel_id) || !rd_u16(&r, &h->session_id))
		goto short_hdr;
	if (h->has_seq && (!rd_u16(&r, &h->ns) || !rd_u16(&r, &h->nr)))
		goto short_hdr;
	if (h->has_offset) {
		if (!rd_u16(&r, &h->offset_size))
			goto short_hdr;
		if (!rd_skip(&r, h->offset_size)) {
			*err = "offset pad beyond the message";
			return -1;
		}
	}
	*payload = r;
	return 0;
short_hdr:
	*err = h->has_length ? "Length field shorter than the header"
			     : "header truncated";
	return -1;
}

void l2tp_hdr_write(struct wr *w, const struct l2tp_hdr *h)
{
	uint16_t flags = L2TP_VERSION;

	if (h->control)
		flags |= L2TP_HDR_T;
	if (h->has_length)
		flags |= L2TP_HDR_L;
	if (h->has_seq)
		flags |= L2TP_HDR_S;
	if (h->has_offset)
		flags |= L2TP_HDR_O;
	if (h->priority)
		flags |= L2TP_HDR_P;
	wr_u16(w, flags);
	if (h->has_length)
		wr_u16(w, h->length);
	wr_u16(w, h->tunnel_id);
	wr_u16(w, h->session_id);
	if (h->has_seq) {
		wr_u16(w, h->ns);
		wr_u16(w, h->nr);
	}
	if (h->has_offset) {
		wr_u16(w, h->offset_size);
		for (uint16_t i = 0; i < h->offset_size; i++)
			wr_u8(w, 0);
	}
}

void l2tp_hdr_patch_length(struct wr *w)
{
	if (w->len > 0xFFFF) {
		w->overflow = true;
		return;
	}
	wr_patch_u16(w, 2, (uint16_t)w->len);
}

/* ---- hidden AVPs (§4.3) ------------------------------------------------ */

/* The MD5 block that masks the next 16 octets: the first from the
 * attribute type and the Random Vector, the rest from the previous
 * ciphertext block (prev, prev_len <= 16). */
static void hide_block(uint16_t type, const struct l2tp_secret *secret,
		       const uint8_t *rv, size_t rv_len, const uint8_t *prev,
		       size_t prev_len, bool first, uint8_t out[16])
{
	struct md5_ctx md5;

	md5_init(&md5);
	if (first) {
		uint8_t t[2] = {(uint8_t)(type >> 8), (uint8_t)type};

		md5_update(&md5, 2, t);
		md5_update(&md5, secret->len, secret->p);
		md5_update(&md5, rv_len, rv);
	} else {
		md5_update(&md5, secret->len, secret->p);
		md5_update(&md5, prev_len, prev);
	}
	md5_digest(&md5, 16, out);
}

size_t l2tp_avp_hide(uint16_t type, const struct l2tp_secret *secret,
		     const uint8_t *rv, size_t rv_len, const uint8_t *value,
		     size_t len, const uint8_t *pad, size_t pad_len,
		     uint8_t *out)
{
	size_t total = 2 + len + pad_len;
	uint8_t b[16];

	out[0] = (uint8_t)(len >> 8);
	out[1] = (uint8_t)len;
	if (len)
		memcpy(out + 2, value, len);
	if (pad_len)
		memcpy(out + 2 + len, pad, pad_len);
	for (size_t off = 0; off < total; off += 16) {
		size_t n = total - off < 16 ? total - off : 16;

		/* Chain on the ciphertext just produced (out[off-16..off)). */
		hide_block(type, secret, rv, rv_len,
			   off ? out + off - 16 : NULL, off ? 16 : 0, off == 0,
			   b);
		for (size_t i = 0; i < n; i++)
			out[off + i] ^= b[i];
	}
	return total;
}

int l2tp_avp_unhide(uint16_t type, const struct l2tp_secret *secret,
		    const uint8_t *rv, size_t rv_len, const uint8_t *in,
		    size_t len, uint8_t *out)
{
	uint8_t b[16];
	size_t inner;

	if (len < 2)
		return -1;
	for (size_t off = 0; off < len; off += 16) {
		size_t n = len - off < 16 ? len - off : 16;

		/* The chain input is the previous CIPHERTEXT block, which is
		 * still in `in` (l2tpns feeds plaintext: wrong past 16). */
		hide_block(type, secret, rv, rv_len, off ? in + off - 16 : NULL,
			   off ? 16 : 0, off == 0, b);
		for (size_t i = 0; i < n; i++)
			out[off + i] = in[off + i] ^ b[i];
	}
	inner = (size_t)out[0] << 8 | out[1];
	if (inner > len - 2)
		return -1;
	return (int)inner;
}

void l2tp_challenge_response(uint8_t msg_type, const struct l2tp_secret *secret,
			     const uint8_t *challenge, size_t challenge_len,
			     uint8_t out[L2TP_CHAL_RESP_LEN])
{
	/* The same construction as CHAP MD5 with the Message Type as the
	 * identifier (§4.4.3). */
	chap_md5_digest(msg_type, secret->p, secret->len, challenge,
			challenge_len, out);
}

/* ---- builder ----------------------------------------------------------- */

static const uint8_t avp_flags[L2TP_AVP__MAX] = {
#define L2TP_AVP_FLAGS(e, v, s, f) [v] = f,
	L2TP_AVP_TYPES(L2TP_AVP_FLAGS)
#undef L2TP_AVP_FLAGS
};

#define RV_LEN 16

struct avp_out {
	struct wr *w;
	const struct l2tp_msg *m;
	const struct l2tp_secret *secret;
	const struct l2tp_rng *rng;
	unsigned pad_max;
	bool may_hide; /* secret present and not SCCRQ */
	bool rv_done;  /* Random Vector written */
	uint8_t rv[RV_LEN];
	bool bad; /* a value too long */
};

static bool avp_wants_hide(const struct avp_out *o, uint16_t type)
{
	if (!o->may_hide || (o->m->hidden & ((uint64_t)1 << type)) == 0)
		return false;
	return (avp_flags[type] & L2TP_AVPF_NOHIDE) == 0;
}

static void avp_put(struct avp_out *o, uint16_t type, const void *val,
		    size_t len)
{
	uint16_t bits = (avp_flags[type] & L2TP_AVPF_M) ? L2TP_AVP_M : 0;
	uint8_t pad[16];
	size_t pad_len = 0;

	if (!avp_wants_hide(o, type)) {
		if (len > L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN) {
			o->bad = true;
			return;
		}
		wr_u16(o->w, (uint16_t)(bits | (L2TP_AVP_HDR_LEN + len)));
		wr_u16(o->w, 0);
		wr_u16(o->w, type);
		wr_bytes(o->w, val, len);
		return;
	}
	if (!o->rv_done) {
		/* §4.3: a Random Vector precedes the first hidden AVP. */
		o->rng->fill(o->rng->ctx, o->rv, RV_LEN);
		wr_u16(o->w,
		       (uint16_t)(L2TP_AVP_M | (L2TP_AVP_HDR_LEN + RV_LEN)));
		wr_u16(o->w, 0);
		wr_u16(o->w, L2TP_AVP_RANDOM_VECTOR);
		wr_bytes(o->w, o->rv, RV_LEN);
		o->rv_done = true;
	}
	if (o->pad_max) {
		uint8_t r;

		o->rng->fill(o->rng->ctx, &r, 1);
		pad_len = r % (o->pad_max > 16 ? 17 : o->pad_max + 1);
		if (pad_len)
			o->rng->fill(o->rng->ctx, pad, pad_len);
	}
	if (2 + len + pad_len > L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN) {
		if (2 + len > L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN) {
			o->bad = true;
			return;
		}
		pad_len = L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN - 2 - len;
	}
	uint8_t enc[L2TP_AVP_MAX_LEN];
	size_t n = l2tp_avp_hide(type, o->secret, o->rv, RV_LEN, val, len, pad,
				 pad_len, enc);

	wr_u16(o->w, (uint16_t)(bits | L2TP_AVP_H | (L2TP_AVP_HDR_LEN + n)));
	wr_u16(o->w, 0);
	wr_u16(o->w, type);
	wr_bytes(o->w, enc, n);
}

static void avp_u16(struct avp_out *o, uint16_t type, uint16_t v)
{
	uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};

	avp_put(o, type, b, 2);
}

static void put32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

static void avp_u32(struct avp_out *o, uint16_t type, uint32_t v)
{
	uint8_t b[4];

	put32(b, v);
	avp_put(o, type, b, 4);
}

static void avp_span(struct avp_out *o, uint16_t type, struct l2tp_span s)
{
	avp_put(o, type, s.p, s.len);
}

static void avp_result(struct avp_out *o, const struct l2tp_result_code *rc)
{
	uint8_t b[4 + L2TP_AVP_MAX_LEN];
	size_t n = 2;

	b[0] = (uint8_t)(rc->result >> 8);
	b[1] = (uint8_t)rc->result;
	if (rc->has_error || rc->message.len) {
		b[2] = (uint8_t)(rc->error >> 8);
		b[3] = (uint8_t)rc->error;
		n = 4;
		if (rc->message.len > L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN - 4) {
			o->bad = true;
			return;
		}
		if (rc->message.len)
			memcpy(b + 4, rc->message.p, rc->message.len);
		n += rc->message.len;
	}
	avp_put(o, L2TP_AVP_RESULT_CODE, b, n);
}

static void avp_q931(struct avp_out *o, const struct l2tp_q931 *q)
{
	uint8_t b[3 + L2TP_AVP_MAX_LEN];

	if (q->advisory.len > L2TP_AVP_MAX_LEN - L2TP_AVP_HDR_LEN - 3) {
		o->bad = true;
		return;
	}
	b[0] = (uint8_t)(q->cause >> 8);
	b[1] = (uint8_t)q->cause;
	b[2] = q->msg_type;
	if (q->advisory.len)
		memcpy(b + 3, q->advisory.p, q->advisory.len);
	avp_put(o, L2TP_AVP_Q931_CAUSE, b, 3u + q->advisory.len);
}

static void avp_one(struct avp_out *o, unsigned type)
{
	const struct l2tp_msg *m = o->m;
	uint8_t b[26];

	switch (type) {
	case L2TP_AVP_RESULT_CODE:
		avp_result(o, &m->result);
		break;
	case L2TP_AVP_PROTOCOL_VERSION:
		avp_u16(o, type, m->protocol_version);
		break;
	case L2TP_AVP_FRAMING_CAP:
		avp_u32(o, type, m->framing_cap);
		break;
	case L2TP_AVP_BEARER_CAP:
		avp_u32(o, type, m->bearer_cap);
		break;
	case L2TP_AVP_TIE_BREAKER:
		avp_put(o, type, m->tie_breaker, 8);
		break;
	case L2TP_AVP_FIRMWARE_REV:
		avp_u16(o, type, m->firmware_rev);
		break;
	case L2TP_AVP_HOST_NAME:
		avp_span(o, type, m->host_name);
		break;
	case L2TP_AVP_VENDOR_NAME:
		avp_span(o, type, m->vendor_name);
		break;
	case L2TP_AVP_ASSIGNED_TUNNEL_ID:
		avp_u16(o, type, m->assigned_tunnel_id);
		break;
	case L2TP_AVP_RX_WINDOW:
		avp_u16(o, type, m->rx_window);
		break;
	case L2TP_AVP_CHALLENGE:
		avp_span(o, type, m->challenge);
		break;
	case L2TP_AVP_Q931_CAUSE:
		avp_q931(o, &m->q931);
		break;
	case L2TP_AVP_CHALLENGE_RESPONSE:
		avp_put(o, type, m->challenge_response, L2TP_CHAL_RESP_LEN);
		break;
	case L2TP_AVP_ASSIGNED_SESSION_ID:
		avp_u16(o, type, m->assigned_session_id);
		break;
	case L2TP_AVP_CALL_SERIAL:
		avp_u32(o, type, m->call_serial);
		break;
	case L2TP_AVP_MIN_BPS:
		avp_u32(o, type, m->min_bps);
		break;
	case L2TP_AVP_MAX_BPS:
		avp_u32(o, type, m->max_bps);
		break;
	case L2TP_AVP_BEARER_TYPE:
		avp_u32(o, type, m->bearer_type);
		break;
	case L2TP_AVP_FRAMING_TYPE:
		avp_u32(o, type, m->framing_type);
		break;
	case L2TP_AVP_CALLED_NUMBER:
		avp_span(o, type, m->called_number);
		break;
	case L2TP_AVP_CALLING_NUMBER:
		avp_span(o, type, m->calling_number);
		break;
	case L2TP_AVP_SUB_ADDRESS:
		avp_span(o, type, m->sub_address);
		break;
	case L2TP_AVP_TX_SPEED:
		avp_u32(o, type, m->tx_speed_bps);
		break;
	case L2TP_AVP_PHYS_CHANNEL:
		avp_u32(o, type, m->phys_channel);
		break;
	case L2TP_AVP_LCP_INITIAL_RX:
		avp_span(o, type, m->lcp_initial_rx);
		break;
	case L2TP_AVP_LCP_LAST_TX:
		avp_span(o, type, m->lcp_last_tx);
		break;
	case L2TP_AVP_LCP_LAST_RX:
		avp_span(o, type, m->lcp_last_rx);
		break;
	case L2TP_AVP_PROXY_AUTH_TYPE:
		avp_u16(o, type, m->proxy_auth_type);
		break;
	case L2TP_AVP_PROXY_AUTH_NAME:
		avp_span(o, type, m->proxy_auth_name);
		break;
	case L2TP_AVP_PROXY_AUTH_CHALLENGE:
		avp_span(o, type, m->proxy_auth_challenge);
		break;
	case L2TP_AVP_PROXY_AUTH_ID:
		avp_u16(o, type, m->proxy_auth_id);
		break;
	case L2TP_AVP_PROXY_AUTH_RESPONSE:
		avp_span(o, type, m->proxy_auth_response);
		break;
	case L2TP_AVP_CALL_ERRORS:
		b[0] = b[1] = 0;
		put32(b + 2, m->call_errors.crc);
		put32(b + 6, m->call_errors.framing);
		put32(b + 10, m->call_errors.hw_overrun);
		put32(b + 14, m->call_errors.buf_overrun);
		put32(b + 18, m->call_errors.timeout);
		put32(b + 22, m->call_errors.alignment);
		avp_put(o, type, b, 26);
		break;
	case L2TP_AVP_ACCM:
		b[0] = b[1] = 0;
		put32(b + 2, m->accm_send);
		put32(b + 6, m->accm_recv);
		avp_put(o, type, b, 10);
		break;
	case L2TP_AVP_PRIVATE_GROUP_ID:
		avp_span(o, type, m->private_group_id);
		break;
	case L2TP_AVP_RX_SPEED:
		avp_u32(o, type, m->rx_speed_bps);
		break;
	case L2TP_AVP_SEQUENCING_REQUIRED:
		avp_put(o, type, NULL, 0);
		break;
	default:
		/* Message Type and Random Vector are written by the caller;
		 * unknown types have no value in the struct. */
		break;
	}
}

bool l2tp_msg_write(struct wr *w, const struct l2tp_msg *m,
		    const struct l2tp_secret *secret,
		    const struct l2tp_rng *rng, unsigned pad_max)
{
	struct avp_out o = {
		.w = w,
		.m = m,
		.secret = secret,
		.rng = rng,
		.pad_max = pad_max,
		.may_hide = secret && secret->len && rng && rng->fill &&
			    m->type != L2TP_MSG_SCCRQ,
	};

	avp_u16(&o, L2TP_AVP_MSG_TYPE, m->type);
	for (unsigned t = 1; t < L2TP_AVP__MAX; t++) {
		if (t == L2TP_AVP_RANDOM_VECTOR || !l2tp_msg_has(m, t))
			continue;
		avp_one(&o, t);
	}
	return !o.bad && wr_ok(w);
}
