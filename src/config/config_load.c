/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config_load.c - loading a configuration file through the command table
 * (the same grammar as `configure terminal`) and `nasd --check`.
 */
#include "cmd.h"
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct config *config_load_text(const struct cmd_table *t, const char *name,
				const char *text, size_t len,
				struct logger *log, struct strbuf *errs)
{
	struct config *cfg = config_new();
	struct strbuf scratch = STRBUF_INIT; /* output of `do` lines */
	struct cmd_ctx ctx;
	unsigned lineno = 0;
	size_t pos = 0;
	bool failed = false;
	char *line = NULL;

	if (!cfg) {
		sb_printf(errs, "%s: out of memory\n", name);
		return NULL;
	}
	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_reset_mode(&ctx, CMD_MODE_CONFIG);
	ctx.cand = cfg;
	ctx.log = log;
	ctx.file = name;
	ctx.out = &scratch;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		struct cmd_result res;
		char *nline;

		lineno++;
		nline = realloc(line, n + 1);
		if (!nline) {
			sb_printf(errs, "%s:%u: out of memory\n", name, lineno);
			failed = true;
			break;
		}
		line = nline;
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n + (nl ? 1 : 0);
		if (strlen(line) != n) {
			sb_printf(errs, "%s:%u: %% NUL character in line\n",
				  name, lineno);
			failed = true;
			continue;
		}
		ctx.lineno = lineno;
		sb_reset(&scratch);
		if (cmd_execute(t, &ctx, line, &res) != CMD_OK) {
			cmd_error_format_file(&res, name, lineno, errs);
			failed = true;
			continue;
		}
		/* `end` (or `exit` from global configuration) ends the
		 * configuration, as when IOS loads startup-config. */
		if (!cmd_mode_is_config(cmd_ctx_mode(&ctx)))
			break;
	}
	free(line);
	sb_free(&scratch);
	if (failed) {
		config_unref(cfg);
		return NULL;
	}
	return cfg;
}

struct config *config_load_file(const struct cmd_table *t, const char *path,
				struct logger *log, struct strbuf *errs)
{
	struct strbuf text = STRBUF_INIT;
	struct config *cfg;
	char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f) {
		sb_printf(errs, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_putn(&text, buf, n);
	if (ferror(f) || text.oom) {
		sb_printf(errs, "%s: read error\n", path);
		fclose(f);
		sb_free(&text);
		return NULL;
	}
	fclose(f);
	cfg = config_load_text(t, path, text.s ? text.s : "", text.len, log,
			       errs);
	sb_free(&text);
	return cfg;
}

static void check_sink(void *ctx, enum log_level lvl, const char *line)
{
	(void)lvl;
	fprintf((FILE *)ctx, "%s\n", line);
}

int config_check_main(const char *path, FILE *out, FILE *err)
{
	struct logger lg = {check_sink, err, 0, LOG_LVL_NOTICE};
	struct strbuf errs = STRBUF_INIT, text = STRBUF_INIT;
	struct cmd_table *t = cmd_table_new();
	struct config *cfg = NULL;
	int rc = 2;

	if (!t || config_install_commands(t) != 0) {
		fprintf(err, "%s: cannot build the command table\n", path);
		goto out;
	}
	cfg = config_load_file(t, path, &lg, &errs);
	if (!cfg) {
		fputs(sb_str(&errs), err);
		goto out;
	}
	/* Warnings do not fail the check: IOS takes these configurations. */
	config_vpdn_check(cfg, &errs);
	fputs(sb_str(&errs), err);
	config_write(cfg, &text);
	fputs(sb_str(&text), out);
	rc = 0;
out:
	config_unref(cfg);
	cmd_table_free(t);
	sb_free(&errs);
	sb_free(&text);
	return rc;
}
