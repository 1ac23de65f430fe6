/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_rtnl - libFuzzer harness for the rtnetlink ACK decoder
 * (io/rtnl_msg.c, rtnl_reply_parse()).  The first 8 octets choose the
 * sequence number and port id being waited for (host order), the rest is
 * the datagram.  The decoder must never read out of bounds, must return
 * one of its documented values and must leave a NUL-terminated message.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rtnl_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t seq, portid;
	char msg[32];
	int rc;

	if (size < 8)
		return 0;
	memcpy(&seq, data, 4);
	memcpy(&portid, data + 4, 4);
	memset(msg, 'x', sizeof(msg));
	rc = rtnl_reply_parse(data + 8, size - 8, seq, portid, msg,
			      sizeof(msg));
	assert(rc == 0 || rc == RTNL_REPLY_NONE || (rc < 0 && rc >= -4095));
	assert(memchr(msg, '\0', sizeof(msg)) != NULL);
	return 0;
}
