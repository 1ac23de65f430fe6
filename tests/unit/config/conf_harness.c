/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_harness.c - shared helpers of the configuration unit tests
 * (conf_harness.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "conf_harness.h"

struct cmd_table *ch_table(void)
{
	struct cmd_table *t = cmd_table_new();

	assert_non_null(t);
	assert_int_equal(config_install_commands(t), 0);
	return t;
}

struct config *ch_load_ok(struct cmd_table *t, const char *text,
			  struct strbuf *w)
{
	struct strbuf errs = STRBUF_INIT, w2 = STRBUF_INIT;
	struct config *cfg, *again;

	cfg = config_load_text(t, "cfg", text, strlen(text), NULL, &errs);
	if (!cfg)
		fprintf(stderr, "%s", sb_str(&errs));
	assert_non_null(cfg);
	config_write(cfg, w);
	again = config_load_text(t, "w", sb_str(w), w->len, NULL, &errs);
	if (!again)
		fprintf(stderr, "%s\n%s", sb_str(w), sb_str(&errs));
	assert_non_null(again);
	config_write(again, &w2);
	assert_string_equal(sb_str(w), sb_str(&w2));
	config_unref(again);
	sb_free(&errs);
	sb_free(&w2);
	return cfg;
}
