/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_q931 - the Q.921 peek, the Q.931 decoder and the printer on
 * arbitrary D-channel frames: nothing may read out of bounds, and a
 * decoded message must print.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "q931.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ctx, enum log_level lvl, const char *line)
{
	(void)ctx;
	(void)lvl;
	if (strlen(line) > 4096)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logger lg = {.sink = sink, .level = LOG_LVL_DEBUG,
			    .debug = ~(uint64_t)0};
	struct q931_msg msg;
	const char *why;
	struct strbuf sb = STRBUF_INIT;

	/* The whole input as a layer 3 message ... */
	if (q931_decode(data, size, &msg, &why) == 0) {
		if (msg.channel < -1 || msg.channel > 127 ||
		    strlen(msg.called.digits) > Q931_DIGITS_MAX)
			abort();
		q931_print(&msg, "Se0:23", size & 1, &sb);
		sb_free(&sb);
	}
	/* ... and as a Q.921 frame. */
	q931_debug_frame(&lg, "BR0", false, data, size);
	return 0;
}
