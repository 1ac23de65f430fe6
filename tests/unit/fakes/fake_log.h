/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fake_log.h - a logger for unit tests that keeps every line in memory so a
 * test can assert on debug output (and on the absence of secrets).
 */
#ifndef NASD_TEST_FAKE_LOG_H
#define NASD_TEST_FAKE_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "log.h"

struct fake_log {
	struct logger lg; /* hand &fl->lg to the module under test */
	char **lines;     /* captured lines, oldest first */
	size_t n;
	size_t cap;
};

/* Initialise with every debug switch on and level DEBUG. */
void fake_log_init(struct fake_log *fl);
/* Forget all captured lines. */
void fake_log_clear(struct fake_log *fl);
void fake_log_fini(struct fake_log *fl);
/* True if some captured line contains `needle` as a substring. */
bool fake_log_has(const struct fake_log *fl, const char *needle);
/* Index of the first line containing needle at or after `from`, or -1. */
long fake_log_find(const struct fake_log *fl, const char *needle, size_t from);
/* Print all lines to stderr (for failing tests). */
void fake_log_dump(const struct fake_log *fl);

#endif
