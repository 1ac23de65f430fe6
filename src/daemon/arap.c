/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arap.c - ARA caller detection (arap.h): the SYN DLE STX start of the
 * MNP-style frame an ARAP client sends first.
 */
#include "arap.h"

static const uint8_t arap_start[ARAP_SAMPLE_MAX] = {0x16, 0x10, 0x02};

enum arap_verdict arap_detect(const uint8_t *data, size_t n)
{
	for (size_t i = 0; i < n && i < ARAP_SAMPLE_MAX; i++)
		if (data[i] != arap_start[i])
			return ARAP_NO;
	return n >= ARAP_SAMPLE_MAX ? ARAP_YES : ARAP_MORE;
}
