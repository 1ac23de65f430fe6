/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_l2tp_msg - arbitrary octets through the control message decoder
 * (RFC 2661 §4.1 AVPs, §4.3 hidden AVPs with a fixed secret, §6 mandatory
 * AVPs).  Invariants (abort() on failure): a failure comes with a reason;
 * every span lies in the input or the unhide scratch; a message that
 * parses is written back (hiding what was hidden, with padding) and
 * parses again to the same values.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "l2tp_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct l2tp_secret SECRET = {(const uint8_t *)"l2tptunnel", 10};
static uint8_t scratch[L2TP_CTRL_MAX];
static uint8_t scratch2[L2TP_CTRL_MAX];

static void rng(void *ctx, void *buf, size_t len)
{
	uint8_t *b = buf;
	uint32_t *s = ctx;

	for (size_t i = 0; i < len; i++) {
		*s = *s * 1103515245u + 12345u;
		b[i] = (uint8_t)(*s >> 16);
	}
}

static void check_span(struct l2tp_span s, const uint8_t *data, size_t size)
{
	if (!s.len)
		return;
	if (s.p >= data && s.p + s.len <= data + size)
		return;
	if (s.p >= scratch && s.p + s.len <= scratch + sizeof(scratch))
		return;
	abort();
}

static bool same_span(struct l2tp_span a, struct l2tp_span b)
{
	return a.len == b.len && (!a.len || memcmp(a.p, b.p, a.len) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct l2tp_msg m, m2;
	char err[96];
	uint8_t out[L2TP_CTRL_MAX * 2];
	struct wr w = wr_init(out, sizeof(out));
	uint32_t seed = (uint32_t)size;
	struct l2tp_rng r = {.fill = rng, .ctx = &seed};
	enum l2tp_parse_rc rc;

	if (size > L2TP_CTRL_MAX)
		return 0;
	rc = l2tp_msg_parse(rd_init(data, size), &SECRET, scratch,
			    sizeof(scratch), &m, err, sizeof(err));
	if (rc != L2TP_PARSE_OK) {
		if (!err[0])
			abort();
		return 0;
	}
	check_span(m.host_name, data, size);
	check_span(m.called_number, data, size);
	check_span(m.calling_number, data, size);
	check_span(m.proxy_auth_name, data, size);
	check_span(m.proxy_auth_response, data, size);
	check_span(m.lcp_initial_rx, data, size);
	check_span(m.result.message, data, size);
	check_span(m.q931.advisory, data, size);
	check_span(m.challenge, data, size);
	if (!l2tp_msg_write(&w, &m, &SECRET, &r, 16))
		return 0; /* e.g. padding pushed a value past 1023 */
	rc = l2tp_msg_parse(rd_init(out, w.len), &SECRET, scratch2,
			    sizeof(scratch2), &m2, err, sizeof(err));
	if (rc != L2TP_PARSE_OK)
		abort();
	if (m2.type != m.type ||
	    (m2.present | ((uint64_t)1 << L2TP_AVP_RANDOM_VECTOR)) !=
		    (m.present | ((uint64_t)1 << L2TP_AVP_RANDOM_VECTOR)) ||
	    !same_span(m.host_name, m2.host_name) ||
	    !same_span(m.called_number, m2.called_number) ||
	    !same_span(m.proxy_auth_response, m2.proxy_auth_response) ||
	    !same_span(m.result.message, m2.result.message) ||
	    m.assigned_tunnel_id != m2.assigned_tunnel_id ||
	    m.assigned_session_id != m2.assigned_session_id ||
	    m.result.result != m2.result.result || m.accm_send != m2.accm_send)
		abort();
	return 0;
}
