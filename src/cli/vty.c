/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vty.c - the IOS CLI session (vty.h): password entry for `enable`, output
 * filters, and the per-line candidate/commit cycle of `configure terminal`.
 */
#include "vty_int.h"
#include "pwd7.h"

#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct config *vty_running(const struct vty *v)
{
	return v->env.running ? v->env.running(v->env.app) : NULL;
}

static void update_prompt(struct vty *v)
{
	struct config *cfg;

	if (v->want_password) {
		snprintf(v->prompt, sizeof(v->prompt), "Password: ");
		return;
	}
	cfg = vty_running(v);
	snprintf(v->prompt, sizeof(v->prompt), "%s%s",
		 cfg ? cfg->hostname : "Router",
		 cmd_mode_prompt(cmd_ctx_mode(&v->ctx)));
	config_unref(cfg);
}

struct vty *vty_new(const struct cmd_table *t, const struct vty_env *env,
		    bool privileged)
{
	struct vty *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	v->t = t;
	v->env = *env;
	v->term_length = 24;
	cmd_ctx_init(&v->ctx, privileged ? CMD_MODE_EXEC : CMD_MODE_USER);
	update_prompt(v);
	return v;
}

void vty_free(struct vty *v)
{
	free(v);
}

void *vty_owner(const struct vty *v)
{
	return v ? v->env.owner : NULL;
}

const char *vty_prompt(const struct vty *v)
{
	return v->prompt;
}

bool vty_monitor(const struct vty *v)
{
	return v->monitor;
}

unsigned vty_term_length(const struct vty *v)
{
	return v->term_length;
}

enum cmd_mode vty_mode(const struct vty *v)
{
	return cmd_ctx_mode(&v->ctx);
}

/* `enable` asked for a password: check it against enable secret (MD5-crypt)
 * or enable password.  IOS allows three tries, then "% Bad secrets". */
static enum vty_status password_line(struct vty *v, const char *line,
				     struct strbuf *out)
{
	struct config *cfg = vty_running(v);
	bool ok = false;

	if (cfg && cfg->enable_secret[0])
		ok = pwd5_verify(line, cfg->enable_secret);
	else if (cfg && cfg->enable_password[0])
		ok = strcmp(line, cfg->enable_password) == 0;
	config_unref(cfg);
	if (ok) {
		v->want_password = false;
		v->pw_tries = 0;
		cmd_reset_mode(&v->ctx, CMD_MODE_EXEC);
		return VTY_OK;
	}
	if (++v->pw_tries < 3)
		return VTY_PASSWORD;
	v->want_password = false;
	v->pw_tries = 0;
	sb_puts(out, "% Bad secrets\n\n");
	return VTY_ERROR;
}

enum filter_kind { F_NONE, F_INCLUDE, F_EXCLUDE, F_BEGIN };

/* Split "cmd | include REGEX" into the command and its filter.  Returns
 * the length of the command part; *kind F_NONE when there is no filter,
 * -1 for a malformed filter. */
static long split_filter(const char *line, enum filter_kind *kind,
			 const char **re)
{
	static const char *const names[] = {"include", "exclude", "begin"};
	const char *bar = NULL, *p, *w;
	bool quote = false;
	size_t wl;
	int found = -1;

	*kind = F_NONE;
	for (p = line; *p; p++) {
		if (*p == '"')
			quote = !quote;
		else if (*p == '|' && !quote && p > line &&
			 (p[-1] == ' ' || p[-1] == '\t')) {
			bar = p;
			break;
		}
	}
	if (!bar)
		return (long)strlen(line);
	w = bar + 1 + strspn(bar + 1, " \t");
	wl = strcspn(w, " \t");
	for (int i = 0; i < 3 && wl; i++) {
		if (strncasecmp(w, names[i], wl) == 0) {
			if (found >= 0)
				return -1;
			found = i;
		}
	}
	if (found < 0)
		return -1;
	*kind = (enum filter_kind)(found + 1);
	*re = w + wl + strspn(w + wl, " \t");
	if (!**re)
		return -1;
	return (long)(bar - line);
}

static void apply_filter(const char *text, enum filter_kind kind,
			 const regex_t *re, struct strbuf *out)
{
	bool begun = false;

	while (*text) {
		size_t n = strcspn(text, "\n");
		char *l = strndup(text, n);
		bool m = l && regexec(re, l, 0, NULL, 0) == 0;

		if (kind == F_BEGIN && m)
			begun = true;
		if ((kind == F_INCLUDE && m) || (kind == F_EXCLUDE && !m) ||
		    (kind == F_BEGIN && begun)) {
			sb_putn(out, text, n);
			sb_puts(out, "\n");
		}
		free(l);
		text += n + (text[n] ? 1 : 0);
	}
}

/* Run one command line (no filter) into out. */
static enum vty_status run(struct vty *v, const char *line, struct strbuf *out)
{
	enum cmd_mode mode = cmd_ctx_mode(&v->ctx);
	struct config *running = NULL, *cand = NULL;
	struct cmd_result res;
	enum vty_status st = VTY_OK;
	char prompt[sizeof(v->prompt)];

	memcpy(prompt, v->prompt, sizeof(prompt));
	if (cmd_mode_is_config(mode)) {
		running = vty_running(v);
		cand = running ? config_clone(running) : config_new();
		if (!cand) {
			config_unref(running);
			sb_puts(out, "% Out of memory\n");
			return VTY_ERROR;
		}
	}
	v->ctx.out = out;
	v->ctx.cand = cand;
	v->ctx.app = v->env.app;
	v->ctx.session = v;
	v->ctx.log = v->env.log;
	if (cmd_execute(v->t, &v->ctx, line, &res) != CMD_OK) {
		cmd_error_format(&res, line, prompt, out);
		st = VTY_ERROR;
	} else if (cand && res.def && !(res.def->flags & CMD_NOEDIT)) {
		struct strbuf err = STRBUF_INIT;

		if (!v->env.commit || v->env.commit(v->env.app, cand, &err) < 0) {
			sb_printf(out, "%s\n",
				  err.len ? sb_str(&err)
					  : "% Configuration not applied");
			st = VTY_ERROR;
		}
		sb_free(&err);
	}
	v->ctx.cand = NULL;
	config_unref(cand);
	config_unref(running);
	return st;
}

enum vty_status vty_exec(struct vty *v, const char *line, struct strbuf *out)
{
	enum vty_status st;
	enum filter_kind kind;
	const char *re_text = NULL;
	long cmdlen;

	v->close = false;
	if (v->want_password) {
		st = password_line(v, line, out);
		update_prompt(v);
		return st;
	}
	cmdlen = split_filter(line, &kind, &re_text);
	if (cmdlen < 0) {
		sb_puts(out, "% Invalid output filter: use | include, "
			     "| exclude or | begin REGEX\n");
		return VTY_ERROR;
	}
	if (kind == F_NONE) {
		st = run(v, line, out);
	} else {
		struct strbuf tmp = STRBUF_INIT;
		char *cmd = strndup(line, (size_t)cmdlen);
		regex_t re;

		if (!cmd || regcomp(&re, re_text, REG_EXTENDED | REG_NOSUB)) {
			free(cmd);
			sb_printf(out, "%% Invalid regular expression: %s\n",
				  re_text);
			return VTY_ERROR;
		}
		st = run(v, cmd, &tmp);
		apply_filter(sb_str(&tmp), kind, &re, out);
		regfree(&re);
		sb_free(&tmp);
		free(cmd);
	}
	if (v->want_password)
		st = VTY_PASSWORD;
	else if (v->close)
		st = VTY_CLOSE;
	update_prompt(v);
	return st;
}

void vty_help(struct vty *v, const char *partial, struct strbuf *out)
{
	if (v->want_password)
		return;
	cmd_help(v->t, &v->ctx, partial, v->prompt, out);
}

bool vty_complete(struct vty *v, const char *partial, struct strbuf *line_out,
		  struct strbuf *list_out)
{
	if (v->want_password) {
		sb_puts(line_out, partial);
		return false;
	}
	return cmd_complete(v->t, &v->ctx, partial, line_out, list_out);
}
