/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.c - formatting front end of the logging API (log.h).  No I/O here: the
 * daemon's sink decides where lines go.
 */
#include "log.h"

#include <stdio.h>
#include <string.h>

static const char *const dbg_names[DBG__COUNT] = {
#define NASD_DBG_NAME(e, s) [e] = s,
	NASD_DEBUG_FLAGS(NASD_DBG_NAME)
#undef NASD_DBG_NAME
};

const char *dbg_name(enum dbg_flag f)
{
	if ((int)f < 0 || f >= DBG__COUNT)
		return NULL;
	return dbg_names[f];
}

int dbg_lookup(const char *words)
{
	for (int i = 0; i < DBG__COUNT; i++)
		if (strcmp(dbg_names[i], words) == 0)
			return i;
	return -1;
}

void log_vprintf(const struct logger *lg, enum log_level lvl, const char *fmt,
		 va_list ap)
{
	char line[1024];

	if (!lg || !lg->sink)
		return;
	if (lvl != LOG_LVL_DEBUG && lvl > lg->level)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);
	lg->sink(lg->ctx, lvl, line);
}

void log_printf(const struct logger *lg, enum log_level lvl, const char *fmt,
		...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(lg, lvl, fmt, ap);
	va_end(ap);
}

char *hex_upper(char *out, size_t out_size, const void *data, size_t n)
{
	static const char digits[] = "0123456789ABCDEF";
	const uint8_t *p = data;
	size_t o = 0;

	if (out_size == 0)
		return out;
	for (size_t i = 0; i < n && o + 2 < out_size; i++) {
		out[o++] = digits[p[i] >> 4];
		out[o++] = digits[p[i] & 15];
	}
	out[o] = '\0';
	return out;
}
