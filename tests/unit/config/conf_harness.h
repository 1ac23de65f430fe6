/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_harness.h - helpers shared by the configuration unit tests: a
 * command table with every configuration command, and loading text that
 * must be valid while checking the running-config fixpoint.
 */
#ifndef NASD_TEST_CONF_HARNESS_H
#define NASD_TEST_CONF_HARNESS_H

#include <stdint.h>

#include "cmd.h"
#include "config.h"
#include "strbuf.h"

#define IP4(a, b, c, d)                                                        \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |      \
	 (uint32_t)(d))

/* A new table with config_install_commands(); the test frees it. */
struct cmd_table *ch_table(void);

/* Load text that must be valid; also checks the write -> load -> write
 * fixpoint.  Fills *w with the running-config.  The caller unrefs the
 * configuration. */
struct config *ch_load_ok(struct cmd_table *t, const char *text,
			  struct strbuf *w);

#endif
