/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the wire peeks of nasdial (dial_status.c): the
 * authentication verdict of a PPP frame, the NO CARRIER scanner fed in two
 * chunks, and the CONNECT speed parser.
 */
#include <stddef.h>
#include <stdint.h>

#include "dial_status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dial_rc_scan sc;
	size_t half = size / 2;

	(void)dial_status_auth_peek(data, size);
	dial_rc_scan_init(&sc);
	(void)dial_rc_scan_feed(&sc, data, half);
	(void)dial_rc_scan_feed(&sc, data + half, size - half);
	(void)dial_status_connect_speed((const char *)data, size);
	return 0;
}
