/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "fake_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sink(void *ctx, enum log_level lvl, const char *line)
{
	struct fake_log *fl = ctx;

	(void)lvl;
	if (fl->n == fl->cap) {
		size_t ncap = fl->cap ? fl->cap * 2 : 64;
		char **nl = realloc(fl->lines, ncap * sizeof(*nl));
		if (!nl)
			abort();
		fl->lines = nl;
		fl->cap = ncap;
	}
	fl->lines[fl->n] = strdup(line);
	if (!fl->lines[fl->n])
		abort();
	fl->n++;
	if (getenv("FAKE_LOG_ECHO"))
		fprintf(stderr, "log: %s\n", line);
}

void fake_log_init(struct fake_log *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->lg.sink = sink;
	fl->lg.ctx = fl;
	fl->lg.debug = ~(uint64_t)0;
	fl->lg.level = LOG_LVL_DEBUG;
}

void fake_log_clear(struct fake_log *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		free(fl->lines[i]);
	fl->n = 0;
}

void fake_log_fini(struct fake_log *fl)
{
	fake_log_clear(fl);
	free(fl->lines);
	fl->lines = NULL;
	fl->cap = 0;
}

long fake_log_find(const struct fake_log *fl, const char *needle, size_t from)
{
	for (size_t i = from; i < fl->n; i++)
		if (strstr(fl->lines[i], needle))
			return (long)i;
	return -1;
}

bool fake_log_has(const struct fake_log *fl, const char *needle)
{
	return fake_log_find(fl, needle, 0) >= 0;
}

void fake_log_dump(const struct fake_log *fl)
{
	for (size_t i = 0; i < fl->n; i++)
		fprintf(stderr, "  [%zu] %s\n", i, fl->lines[i]);
}
