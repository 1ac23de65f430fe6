/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hdlc.c - the async HDLC-like framing receiver and encoder (RFC 1662 §3.1
 * frame format, §4.1 flag, §4.2 transparency and abort, §4.3 invalid frames,
 * §7.1 ACCM, appendix C FCS).
 *
 * The receiver is a byte-at-a-time state machine (HUNT, DATA, ESCAPE) that
 * un-escapes into a buffer inside struct hdlc_rx and judges the frame when
 * the closing flag arrives; the FCS is computed over the buffered frame at
 * that point, so a frame never costs more than one pass.  The encoder
 * writes through a struct wr, so it cannot overrun the caller's buffer.
 */
#include "hdlc.h"

#include <assert.h>
#include <string.h>

#include "fcs.h"

static const char *const hdlc_rx_state_names[] = {
#define HDLC_RX_STATE_NAME(name, str) [HDLC_RX_##name] = str,
	HDLC_RX_STATES(HDLC_RX_STATE_NAME)
#undef HDLC_RX_STATE_NAME
};
_Static_assert(sizeof(hdlc_rx_state_names) / sizeof(hdlc_rx_state_names[0]) ==
		       HDLC_RX_STATE_COUNT,
	       "a name for every receiver state");

const char *hdlc_rx_state_name(enum hdlc_rx_state state)
{
	if ((unsigned)state >= HDLC_RX_STATE_COUNT)
		return "?";
	return hdlc_rx_state_names[state];
}

static size_t fcs_len(bool fcs32)
{
	return fcs32 ? FCS32_LEN : FCS16_LEN;
}

/* The configuration actually used: defaults filled in, limits clamped. */
static struct hdlc_rx_cfg rx_cfg_normalise(const struct hdlc_rx_cfg *cfg)
{
	struct hdlc_rx_cfg c = {
		.accm = HDLC_ACCM_DEFAULT,
		.fcs32 = false,
		.max_info_bytes = HDLC_INFO_DEFAULT_BYTES,
	};

	if (cfg) {
		c = *cfg;
		if (c.max_info_bytes == 0)
			c.max_info_bytes = HDLC_INFO_DEFAULT_BYTES;
		if (c.max_info_bytes > HDLC_INFO_MAX_BYTES)
			c.max_info_bytes = HDLC_INFO_MAX_BYTES;
	}
	return c;
}

static void rx_apply_cfg(struct hdlc_rx *rx, const struct hdlc_rx_cfg *cfg)
{
	rx->cfg = *cfg;
	rx->cfg_pending = false;
	rx->limit_bytes =
		HDLC_HDR_MAX_BYTES + cfg->max_info_bytes + fcs_len(cfg->fcs32);
	assert(rx->limit_bytes <= sizeof(rx->buf));
}

void hdlc_rx_init(struct hdlc_rx *rx, const struct hdlc_rx_cfg *cfg)
{
	struct hdlc_rx_cfg c = rx_cfg_normalise(cfg);

	rx->state = HDLC_RX_HUNT;
	rx->len = 0;
	memset(&rx->stats, 0, sizeof(rx->stats));
	rx->next_cfg = c;
	rx_apply_cfg(rx, &c);
}

/* Between frames: nothing of the next frame has been seen yet, so a new
 * configuration cannot split a frame. */
static bool rx_between_frames(const struct hdlc_rx *rx)
{
	return rx->state == HDLC_RX_HUNT ||
	       (rx->state == HDLC_RX_DATA && rx->len == 0);
}

void hdlc_rx_set_cfg(struct hdlc_rx *rx, const struct hdlc_rx_cfg *cfg)
{
	rx->next_cfg = rx_cfg_normalise(cfg);
	rx->cfg_pending = true;
	if (rx_between_frames(rx))
		rx_apply_cfg(rx, &rx->next_cfg);
}

void hdlc_rx_clear_stats(struct hdlc_rx *rx)
{
	memset(&rx->stats, 0, sizeof(rx->stats));
}

/* A Flag Sequence: start a new frame under the newest configuration. */
static void rx_open_frame(struct hdlc_rx *rx)
{
	rx->state = HDLC_RX_DATA;
	rx->len = 0;
	if (rx->cfg_pending)
		rx_apply_cfg(rx, &rx->next_cfg);
}

/* True when the buffered frame carries a good FCS (RFC 1662 §C.2/§C.3:
 * frame plus received FCS checks to the good residue). */
static bool rx_fcs_ok(const struct hdlc_rx *rx)
{
	if (rx->cfg.fcs32)
		return fcs32_update(FCS32_INIT, rx->buf, rx->len) == FCS32_GOOD;
	return fcs16_update(FCS16_INIT, rx->buf, rx->len) == FCS16_GOOD;
}

/*
 * The closing flag of a frame in DATA state.  Returns the length to deliver
 * (FCS removed) or 0 when there is nothing to deliver.  Judging happens
 * before the next frame is opened so that the configuration the frame was
 * received under also decides its FCS size.
 */
static size_t rx_close_frame(struct hdlc_rx *rx)
{
	size_t flen = fcs_len(rx->cfg.fcs32);

	/* Back-to-back flags are time fill or a shared flag (RFC 1662 §3.1),
	 * not errors. */
	if (rx->len == 0)
		return 0;
	/* RFC 1662 §4.3: too short to hold Address/Control (or a compressed
	 * Protocol) and an FCS.  Discarded, not counted as an FCS error. */
	if (rx->len < flen + 2) {
		rx->stats.runts++;
		return 0;
	}
	if (!rx_fcs_ok(rx)) {
		rx->stats.fcs_errors++;
		return 0;
	}
	rx->stats.frames++;
	rx->stats.octets += rx->len - flen;
	return rx->len - flen;
}

/* One octet of frame content (after transparency was undone). */
static void rx_store(struct hdlc_rx *rx, uint8_t c)
{
	if (rx->len >= rx->limit_bytes) {
		/* Longer than anything we agreed to receive: drop it and
		 * resynchronise on the next flag rather than guess where
		 * the frame boundary was lost. */
		rx->stats.giants++;
		rx->state = HDLC_RX_HUNT;
		rx->len = 0;
		return;
	}
	rx->buf[rx->len++] = c;
}

/* RFC 1662 §4.2, §7.1: an unescaped control character flagged in the
 * receive ACCM was added by the DCE (XON/XOFF) and is removed before
 * anything else looks at the octet. */
static bool rx_dce_inserted(const struct hdlc_rx *rx, uint8_t c)
{
	return c < 0x20 && (rx->cfg.accm >> c) & 1u;
}

size_t hdlc_rx_feed(struct hdlc_rx *rx, const uint8_t *data, size_t n,
		    hdlc_frame_cb cb, void *ctx)
{
	size_t delivered = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t c = data[i];

		if (rx->state == HDLC_RX_HUNT) {
			if (c == HDLC_FLAG)
				rx_open_frame(rx);
			continue;
		}
		if (rx_dce_inserted(rx, c)) {
			rx->stats.discarded_ctl++;
			continue;
		}
		if (c == HDLC_FLAG) {
			size_t len = 0;

			if (rx->state == HDLC_RX_ESCAPE)
				rx->stats.aborts++; /* RFC 1662 §4.2 abort */
			else
				len = rx_close_frame(rx);
			rx_open_frame(rx);
			if (len) {
				delivered++;
				/* buf is not touched again until the
				 * callback returns; the next frame's octets
				 * come from a later iteration. */
				cb(ctx, rx->buf, len);
			}
			continue;
		}
		if (rx->state == HDLC_RX_ESCAPE) {
			rx->state = HDLC_RX_DATA;
			rx_store(rx, c ^ HDLC_ESC_XOR);
		} else if (c == HDLC_ESC) {
			rx->state = HDLC_RX_ESCAPE;
		} else {
			rx_store(rx, c);
		}
	}
	return delivered;
}

size_t hdlc_encoded_max(size_t len)
{
	/* 2 flags + every octet of frame and FCS-32 doubled. */
	if (len > (SIZE_MAX - 2) / 2 - FCS32_LEN)
		return SIZE_MAX;
	return 2 + 2 * (len + FCS32_LEN);
}

static bool tx_must_escape(uint32_t accm, uint8_t c)
{
	if (c == HDLC_FLAG || c == HDLC_ESC)
		return true;
	return c < 0x20 && (accm >> c) & 1u;
}

static void tx_put(struct wr *w, uint32_t accm, uint8_t c)
{
	if (tx_must_escape(accm, c)) {
		wr_u8(w, HDLC_ESC);
		wr_u8(w, c ^ HDLC_ESC_XOR);
	} else {
		wr_u8(w, c);
	}
}

bool hdlc_encode_append(const struct hdlc_tx_cfg *cfg, const uint8_t *frame,
			size_t len, bool opening_flag, struct wr *w)
{
	uint8_t fcs[FCS32_LEN];
	size_t flen;

	/* The transmitted FCS is the complement of the running value, least
	 * significant octet first (RFC 1662 §C.2, §C.3). */
	if (cfg->fcs32) {
		uint32_t v = fcs32_update(FCS32_INIT, frame, len) ^ 0xffffffffu;

		for (size_t i = 0; i < FCS32_LEN; i++)
			fcs[i] = (uint8_t)(v >> (8 * i));
		flen = FCS32_LEN;
	} else {
		uint16_t v = fcs16_update(FCS16_INIT, frame, len) ^ 0xffffu;

		fcs[0] = (uint8_t)v;
		fcs[1] = (uint8_t)(v >> 8);
		flen = FCS16_LEN;
	}

	if (opening_flag)
		wr_u8(w, HDLC_FLAG);
	for (size_t i = 0; i < len && wr_ok(w); i++)
		tx_put(w, cfg->accm, frame[i]);
	for (size_t i = 0; i < flen; i++)
		tx_put(w, cfg->accm, fcs[i]);
	wr_u8(w, HDLC_FLAG);
	return wr_ok(w);
}

size_t hdlc_encode(const struct hdlc_tx_cfg *cfg, const uint8_t *frame,
		   size_t len, uint8_t *out, size_t out_cap)
{
	struct wr w = wr_init(out, out_cap);

	if (!hdlc_encode_append(cfg, frame, len, true, &w))
		return 0;
	return w.len;
}
