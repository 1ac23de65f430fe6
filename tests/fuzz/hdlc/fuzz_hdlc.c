/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_hdlc - libFuzzer harness for the async HDLC receiver (RFC 1662 §4).
 *
 * Input: octet 0 chooses the FCS size and the receive limit, octets 1-4 the
 * ACCM (big-endian), octet 5 a chunk size; the rest is the line byte stream.
 * Properties checked, each aborting on violation:
 *   - every delivered frame, re-encoded with the same ACCM and FCS and fed to
 *     a fresh receiver, comes back identical, exactly once, with no error;
 *   - feeding the stream in chunks delivers the same frames and counts the
 *     same errors as feeding it whole (state survives across calls);
 *   - the counters add up: frames reported == frames delivered.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hdlc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct check {
	struct hdlc_rx_cfg cfg;
	struct hdlc_rx *again; /* scratch receiver for the re-decode */
	uint8_t *enc;	       /* scratch encode buffer */
	size_t enc_cap;
	uint64_t digest; /* order-sensitive digest of frames seen */
	size_t frames;
	/* set by echo_cb */
	const uint8_t *want;
	size_t want_len;
	size_t echoed;
};

static void echo_cb(void *ctx, const uint8_t *frame, size_t len)
{
	struct check *ck = ctx;

	if (len != ck->want_len || memcmp(frame, ck->want, len) != 0)
		abort();
	ck->echoed++;
}

static void digest(struct check *ck, const uint8_t *frame, size_t len)
{
	/* FNV-1a over length and octets. */
	uint64_t h = ck->digest ^ len;

	for (size_t i = 0; i < len; i++)
		h = (h ^ frame[i]) * 0x100000001b3ull;
	ck->digest = h * 0x100000001b3ull;
	ck->frames++;
}

static void frame_cb(void *ctx, const uint8_t *frame, size_t len)
{
	struct check *ck = ctx;
	struct hdlc_tx_cfg tx = {.accm = ck->cfg.accm, .fcs32 = ck->cfg.fcs32};
	size_t n;

	if (len < 2 || len > HDLC_FRAME_MAX_BYTES)
		abort();
	digest(ck, frame, len);
	if (hdlc_encoded_max(len) > ck->enc_cap)
		abort();
	n = hdlc_encode(&tx, frame, len, ck->enc, ck->enc_cap);
	if (n == 0 || n > hdlc_encoded_max(len))
		abort();
	hdlc_rx_init(ck->again, &ck->cfg);
	ck->want = frame;
	ck->want_len = len;
	ck->echoed = 0;
	if (hdlc_rx_feed(ck->again, ck->enc, n, echo_cb, ck) != 1 ||
	    ck->echoed != 1)
		abort();
	const struct hdlc_rx_stats *s = &ck->again->stats;
	if (s->frames != 1 || s->fcs_errors || s->aborts || s->runts ||
	    s->giants || s->discarded_ctl)
		abort();
}

static void count_cb(void *ctx, const uint8_t *frame, size_t len)
{
	digest(ctx, frame, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t limits[4] = {0, 10, 1500, HDLC_INFO_MAX_BYTES};
	struct check ck = {0};
	struct check ck2 = {0};
	struct hdlc_rx *rx, *rx2;
	size_t chunk, got;

	if (size < 6)
		return 0;
	ck.cfg.fcs32 = data[0] & 1;
	ck.cfg.max_info_bytes = limits[(data[0] >> 1) & 3];
	ck.cfg.accm = (uint32_t)data[1] << 24 | (uint32_t)data[2] << 16 |
		      (uint32_t)data[3] << 8 | data[4];
	chunk = data[5] ? data[5] : 1;
	data += 6;
	size -= 6;

	rx = malloc(sizeof(*rx));
	rx2 = malloc(sizeof(*rx2));
	ck.again = malloc(sizeof(*ck.again));
	ck.enc_cap = hdlc_encoded_max(HDLC_FRAME_MAX_BYTES);
	ck.enc = malloc(ck.enc_cap);
	if (!rx || !rx2 || !ck.again || !ck.enc)
		abort();

	hdlc_rx_init(rx, &ck.cfg);
	got = hdlc_rx_feed(rx, data, size, frame_cb, &ck);
	if (got != ck.frames || rx->stats.frames != got)
		abort();

	hdlc_rx_init(rx2, &ck.cfg);
	got = 0;
	for (size_t off = 0; off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;

		got += hdlc_rx_feed(rx2, data + off, n, count_cb, &ck2);
	}
	if (got != ck.frames || ck2.frames != ck.frames ||
	    ck2.digest != ck.digest ||
	    memcmp(&rx->stats, &rx2->stats, sizeof(rx->stats)) != 0 ||
	    rx->state != rx2->state || rx->len != rx2->len)
		abort();

	free(ck.enc);
	free(ck.again);
	free(rx2);
	free(rx);
	return 0;
}
