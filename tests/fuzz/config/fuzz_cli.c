/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_cli - arbitrary lines through a vty: each input line is executed,
 * or, when it ends in '?' or '\t', handed to `?` help or Tab completion,
 * in whatever mode the previous lines reached.  The first byte picks the
 * starting mode (user EXEC, privileged EXEC, or a configuration submode
 * reached by a fixed prefix).  Never a crash, never a leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vty.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cmd_table *table;

static struct config *running(void *app)
{
	return config_ref(*(struct config **)app);
}

static int commit(void *app, struct config *cand, struct strbuf *err)
{
	struct config **cur = app;

	(void)err;
	config_unref(*cur);
	*cur = config_ref(cand);
	return 0;
}

static const char *const prefixes[] = {
	"",
	"enable",
	"enable\nconfigure terminal",
	"enable\nconf t\ninterface Async1",
	"enable\nconf t\nline 1 4",
	"enable\nconf t\nrouter eigrp 1",
	"enable\nconf t\ncontroller T1 0",
	"enable\nconf t\nmap-class dialer x",
	"enable\nconf t\nvpdn-group 1\nrequest-dialin",
	"enable\nconf t\nvpdn-group 1\naccept-dialout",
};

static void feed(struct vty *v, const char *text, size_t len,
		 struct strbuf *out)
{
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - text - pos) : len - pos;
		char *line = strndup(text + pos, n);
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

		pos += n + 1;
		if (!line)
			continue;
		n = strlen(line);
		if (n && line[n - 1] == '?') {
			line[n - 1] = '\0';
			vty_help(v, line, out);
		} else if (n && line[n - 1] == '\t') {
			line[n - 1] = '\0';
			vty_complete(v, line, &a, &b);
		} else {
			vty_exec(v, line, out);
		}
		(void)vty_prompt(v);
		sb_free(&a);
		sb_free(&b);
		free(line);
		sb_reset(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logger lg = {NULL, NULL, 0, LOG_LVL_DEBUG};
	struct config *cur;
	struct vty_env env;
	struct strbuf out = STRBUF_INIT;
	const char *pre;
	struct vty *v;

	if (!table) {
		table = cmd_table_new();
		if (!table || config_install_commands(table) != 0 ||
		    cli_install(table) != 0)
			abort();
	}
	if (size == 0)
		return 0;
	cur = config_new();
	if (!cur)
		return 0;
	env = (struct vty_env){&cur, running, commit, &lg, NULL, NULL};
	v = vty_new(table, &env, false);
	if (v) {
		pre = prefixes[data[0] % (sizeof(prefixes) /
					  sizeof(prefixes[0]))];
		feed(v, pre, strlen(pre), &out);
		feed(v, (const char *)data + 1, size - 1, &out);
		vty_free(v);
	}
	config_unref(cur);
	sb_free(&out);
	return 0;
}
