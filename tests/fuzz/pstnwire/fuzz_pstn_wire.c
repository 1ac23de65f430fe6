/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_pstn_wire - the attachment-protocol decoder and the numbering plan
 * on arbitrary input; every message that decodes must re-encode to the
 * same octets.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pstn_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pstn_wire_msg m;
	const char *why;
	uint8_t buf[PSTN_WIRE_MAX_MSG];
	struct wr w = wr_init(buf, sizeof(buf));
	char s[64], n[64];

	if (pstn_wire_decode(data, size, &m, &why) == 0) {
		switch (m.type) {
		case PSTN_MSG_ATTACH:
			pstn_wire_put_attach(&w, m.role, m.number);
			break;
		case PSTN_MSG_DATA:
		case PSTN_MSG_DCHAN:
			pstn_wire_put_data(&w, m.type, m.channel, m.data,
					   m.data_len);
			break;
		case PSTN_MSG_SIGNALS:
			pstn_wire_put_signals(&w, m.channel, m.signals);
			break;
		case PSTN_MSG_CARRIER:
			pstn_wire_put_carrier(&w, m.channel, m.speed_bps);
			break;
		default:
			return 0; /* text messages: channel not kept */
		}
		if (!wr_ok(&w) || w.len != size || memcmp(buf, data, size))
			abort();
	}
	if (size < sizeof(s)) {
		memcpy(s, data, size);
		s[size] = '\0';
		if (pstn_number_normalise(s, n, sizeof(n)) > 0)
			(void)pstn_number_matches(n, "4084327528");
	}
	return 0;
}
