/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_config - arbitrary text as a configuration file: load, write,
 * load again.  Never a crash; when the first load succeeds, the written
 * configuration must load and write back identically (fixpoint), a clone
 * must write the same text, and the VPDN consistency check must run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cmd_table *table;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf errs = STRBUF_INIT, w1 = STRBUF_INIT, w2 = STRBUF_INIT;
	struct config *c1, *c2, *clone;

	if (!table) {
		table = cmd_table_new();
		if (!table || config_install_commands(table) != 0)
			abort();
	}
	c1 = config_load_text(table, "fuzz", (const char *)data, size, NULL,
			      &errs);
	if (c1) {
		config_write(c1, &w1);
		c2 = config_load_text(table, "written", sb_str(&w1), w1.len,
				      NULL, &errs);
		if (!c2) {
			fprintf(stderr, "rewritten config fails:\n%s\n%s",
				sb_str(&w1), sb_str(&errs));
			abort();
		}
		config_write(c2, &w2);
		if (strcmp(sb_str(&w1), sb_str(&w2)) != 0) {
			fprintf(stderr, "no fixpoint:\n%s\n----\n%s",
				sb_str(&w1), sb_str(&w2));
			abort();
		}
		config_unref(c2);
		clone = config_clone(c1);
		if (clone) {
			sb_reset(&w2);
			config_write(clone, &w2);
			if (strcmp(sb_str(&w1), sb_str(&w2)) != 0) {
				fprintf(stderr, "clone differs:\n%s\n----\n%s",
					sb_str(&w1), sb_str(&w2));
				abort();
			}
			config_unref(clone);
		}
		sb_reset(&w2);
		config_vpdn_check(c1, &w2);
		config_unref(c1);
	}
	sb_free(&errs);
	sb_free(&w1);
	sb_free(&w2);
	return 0;
}
