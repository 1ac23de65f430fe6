/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd.c - command tables, execution of one line (submode fallback, the
 * once-per-process notice for accepted-only commands), IOS error messages
 * and the argument accessors of the command engine (cmd.h).
 */
#include "cmd_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mode_info {
	const char *name;
	const char *prompt;
	enum cmd_mode parent;
};

static const struct mode_info modes[CMD_MODE__COUNT] = {
#define CMD_MODE_INFO(e, n, p, par) [e] = {n, p, par},
	CMD_MODES(CMD_MODE_INFO)
#undef CMD_MODE_INFO
};

_Static_assert(sizeof(modes) / sizeof(modes[0]) == CMD_MODE__COUNT,
	       "one entry per mode");

const char *cmd_mode_name(enum cmd_mode m)
{
	return (int)m >= 0 && m < CMD_MODE__COUNT ? modes[m].name : NULL;
}

const char *cmd_mode_prompt(enum cmd_mode m)
{
	return (int)m >= 0 && m < CMD_MODE__COUNT ? modes[m].prompt : NULL;
}

enum cmd_mode cmd_mode_parent(enum cmd_mode m)
{
	return (int)m >= 0 && m < CMD_MODE__COUNT ? modes[m].parent
						  : CMD_MODE_NONE;
}

bool cmd_mode_is_config(enum cmd_mode m)
{
	return (int)m >= CMD_MODE_CONFIG && m < CMD_MODE__COUNT;
}

/* ---- the engine's own commands ------------------------------------------ */

static int builtin_exit(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	if (ctx->depth > 0)
		ctx->depth--;
	return 0;
}

static int builtin_end(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	ctx->depth = 0;
	ctx->frames[0].mode = CMD_MODE_EXEC;
	ctx->frames[0].key[0] = '\0';
	return 0;
}

/* `do CMD`: run an EXEC command from a configuration mode.  The EXEC
 * command runs on a copy of the context, so it cannot change our mode. */
static int builtin_do(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *line = cmd_arg_str(args, "LINE");
	struct cmd_ctx sub = *ctx;
	struct cmd_result res;

	cmd_reset_mode(&sub, CMD_MODE_EXEC);
	if (cmd_execute(ctx->table, &sub, line, &res) != CMD_OK && ctx->out)
		cmd_error_format(&res, line, "", ctx->out);
	return 0;
}

static int install_builtins(struct cmd_table *t)
{
	for (int m = CMD_MODE_CONFIG; m < CMD_MODE__COUNT; m++) {
		const struct cmd_def defs[] = {
			{(enum cmd_mode)m, "exit",
			 m == CMD_MODE_CONFIG ? "Exit from configure mode"
					      : "Exit from this submode",
			 builtin_exit, CMD_NOEDIT, 0},
			{(enum cmd_mode)m, "end",
			 "Exit from configure mode", builtin_end, CMD_NOEDIT,
			 0},
			{(enum cmd_mode)m, "do LINE",
			 "To run exec commands in config mode\n"
			 "Exec Command",
			 builtin_do, CMD_NOEDIT, 0},
		};
		int rc = cmd_install(t, defs, sizeof(defs) / sizeof(defs[0]));

		if (rc)
			return rc;
	}
	return 0;
}

/* ---- tables -------------------------------------------------------------- */

struct cmd_table *cmd_table_new(void)
{
	struct cmd_table *t = calloc(1, sizeof(*t));

	if (t && install_builtins(t) != 0) {
		cmd_table_free(t);
		return NULL;
	}
	return t;
}

void cmd_table_free(struct cmd_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		cmd_cmd_free(t->cmds[i]);
		free(t->cmds[i]);
	}
	free(t->cmds);
	free(t);
}

size_t cmd_table_size(const struct cmd_table *t)
{
	return t->n;
}

int cmd_install(struct cmd_table *t, const struct cmd_def *defs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct cmd_cmd *c;
		int rc;

		if (t->n == t->cap) {
			size_t ncap = t->cap ? t->cap * 2 : 128;
			struct cmd_cmd **nc =
				realloc(t->cmds, ncap * sizeof(*nc));

			if (!nc)
				return -ENOMEM;
			t->cmds = nc;
			t->cap = ncap;
		}
		c = calloc(1, sizeof(*c));
		if (!c)
			return -ENOMEM;
		rc = cmd_compile(&defs[i], c);
		if (rc) {
			cmd_cmd_free(c);
			free(c);
			return rc;
		}
		t->cmds[t->n++] = c;
	}
	return 0;
}

/* ---- context ------------------------------------------------------------- */

void cmd_ctx_init(struct cmd_ctx *ctx, enum cmd_mode mode)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->frames[0].mode = mode;
}

enum cmd_mode cmd_ctx_mode(const struct cmd_ctx *ctx)
{
	return ctx->frames[ctx->depth].mode;
}

const char *cmd_ctx_key(const struct cmd_ctx *ctx)
{
	return ctx->frames[ctx->depth].key;
}

const char *cmd_ctx_parent_key(const struct cmd_ctx *ctx, unsigned up)
{
	return up <= ctx->depth ? ctx->frames[ctx->depth - up].key : "";
}

void cmd_enter(struct cmd_ctx *ctx, enum cmd_mode mode, const char *key)
{
	/* A submode is entered from its parent's level: drop deeper frames
	 * first (`interface X` typed while in line mode). */
	while (ctx->depth > 0 &&
	       ctx->frames[ctx->depth].mode != cmd_mode_parent(mode))
		ctx->depth--;
	if (ctx->depth + 1 >= CMD_MAX_DEPTH)
		return;
	ctx->depth++;
	ctx->frames[ctx->depth].mode = mode;
	snprintf(ctx->frames[ctx->depth].key, CMD_KEY_MAX, "%s",
		 key ? key : "");
}

void cmd_reset_mode(struct cmd_ctx *ctx, enum cmd_mode mode)
{
	ctx->depth = 0;
	ctx->frames[0].mode = mode;
	ctx->frames[0].key[0] = '\0';
	/* configure terminal: EXEC stays below so `exit`/`end` return to
	 * it. */
	if (cmd_mode_is_config(mode)) {
		ctx->frames[0].mode = CMD_MODE_EXEC;
		cmd_enter(ctx, mode, "");
	}
}

int cmd_error(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- execution ----------------------------------------------------------- */

/* The complete thread to run: a committed LINE that started later is more
 * specific; then the command installed first. */
static const struct cmd_thread *pick(const struct cmd_table *t,
				     const struct cmd_nfa *nfa)
{
	const struct cmd_thread *best = NULL;

	for (size_t i = 0; i < nfa->n; i++) {
		const struct cmd_thread *th = &nfa->th[i];
		size_t a, b;

		if (!cmd_thread_complete(t, th))
			continue;
		if (!best) {
			best = th;
			continue;
		}
		a = th->absorbing ? th->absorb_from : (size_t)-1;
		b = best->absorbing ? best->absorb_from : (size_t)-1;
		if (a > b || (a == b && th->cmd < best->cmd))
			best = th;
	}
	return best;
}

static void report_unimpl(const struct cmd_table *t, struct cmd_ctx *ctx,
			  struct cmd_cmd *c, const struct cmd_args *args)
{
	struct strbuf kind = STRBUF_INIT;

	(void)t;
	if (c->reported)
		return;
	c->reported = true;
	cmd_args_kind(args, &kind);
	log_notice(ctx->log,
		   "%%PARSE-5-UNIMPL: \"%s\": accepted, not implemented",
		   sb_str(&kind));
	sb_free(&kind);
}

/* Match the line in one mode; on success run the handler. */
static enum cmd_status try_mode(const struct cmd_table *t, struct cmd_ctx *ctx,
				unsigned level, const struct cmd_line *tl,
				struct cmd_result *res, bool run)
{
	enum cmd_mode m = ctx->frames[level].mode;
	const struct cmd_thread *th;
	struct cmd_args *args;
	struct cmd_nfa nfa;
	struct cmd_cmd *c;
	char *store = NULL;
	int rc;

	cmd_nfa_start(&nfa, t, m);
	if (cmd_nfa_run(&nfa, t, m, tl, tl->n, res) != CMD_OK) {
		cmd_nfa_free(&nfa);
		return res->status;
	}
	th = pick(t, &nfa);
	if (!th) {
		res->status = CMD_ERR_INCOMPLETE;
		res->col = res->wcol = tl->len;
		cmd_nfa_free(&nfa);
		return res->status;
	}
	res->status = CMD_OK;
	if (!run) {
		cmd_nfa_free(&nfa);
		return CMD_OK;
	}
	args = malloc(sizeof(*args));
	if (!args || cmd_args_build(t, &nfa, th, tl, args, &store) != 0) {
		res->status = CMD_ERR_HANDLER;
		snprintf(res->msg, sizeof(res->msg), "%s",
			 "% Too many arguments");
		goto out;
	}
	c = t->cmds[th->cmd];
	ctx->depth = level;
	ctx->negate = th->neg == 1;
	ctx->deflt = th->neg == 2;
	ctx->def = &c->def;
	ctx->table = t;
	ctx->errmsg[0] = '\0';
	res->def = &c->def;
	if (c->def.flags & CMD_UNIMPL)
		report_unimpl(t, ctx, c, args);
	rc = c->def.fn(ctx, args);
	if (rc < 0) {
		res->status = CMD_ERR_HANDLER;
		snprintf(res->msg, sizeof(res->msg), "%s",
			 ctx->errmsg[0] ? ctx->errmsg : "% Command failed");
	}
	ctx->negate = ctx->deflt = false;
	ctx->def = NULL;
out:
	free(store);
	free(args);
	cmd_nfa_free(&nfa);
	return res->status;
}

enum cmd_status cmd_execute(const struct cmd_table *t, struct cmd_ctx *ctx,
			    const char *line, struct cmd_result *res)
{
	struct cmd_result first, cur;
	struct cmd_line tl;
	unsigned level = ctx->depth;
	size_t i;

	memset(res, 0, sizeof(*res));
	i = strspn(line, " \t");
	if (line[i] == '\0' || line[i] == '!' || line[i] == '\r' ||
	    line[i] == '\n')
		return CMD_OK;
	if (cmd_tokenize(line, &tl) != 0) {
		res->status = CMD_ERR_HANDLER;
		snprintf(res->msg, sizeof(res->msg), "%s", "% Out of memory");
		return res->status;
	}
	ctx->line = line;
	/* IOS: a line that does not fit a submode is tried in the parent
	 * modes up to global configuration; the error shown is the one that
	 * got furthest (ties: the current mode). */
	memset(&first, 0, sizeof(first));
	for (;;) {
		memset(&cur, 0, sizeof(cur));
		if (try_mode(t, ctx, level, &tl, &cur, false) == CMD_OK) {
			try_mode(t, ctx, level, &tl, &cur, true);
			*res = cur;
			break;
		}
		if (level == ctx->depth || cur.col > first.col)
			first = cur;
		if (level == 0 || !cmd_mode_is_config(ctx->frames[level].mode) ||
		    !cmd_mode_is_config(ctx->frames[level - 1].mode)) {
			*res = first;
			break;
		}
		level--;
	}
	cmd_line_free(&tl);
	return res->status;
}

void cmd_error_format(const struct cmd_result *res, const char *line,
		      const char *echo_prefix, struct strbuf *out)
{
	size_t pad;

	switch (res->status) {
	case CMD_OK:
		return;
	case CMD_ERR_INVALID:
		pad = strlen(echo_prefix) + res->col;
		sb_printf(out, "%s%.*s\n", echo_prefix,
			  (int)strcspn(line, "\r\n"), line);
		sb_printf(out, "%*s^\n", (int)pad, "");
		sb_puts(out, "% Invalid input detected at '^' marker.\n\n");
		return;
	case CMD_ERR_INCOMPLETE:
		sb_puts(out, "% Incomplete command.\n\n");
		return;
	case CMD_ERR_AMBIGUOUS:
		sb_printf(out, "%% Ambiguous command:  \"%.*s\"\n",
			  (int)(res->col - strspn(line, " \t")),
			  line + strspn(line, " \t"));
		return;
	case CMD_ERR_HANDLER:
		sb_printf(out, "%s\n", res->msg);
		return;
	}
}

void cmd_error_format_file(const struct cmd_result *res, const char *file,
			   unsigned lineno, struct strbuf *out)
{
	struct strbuf one = STRBUF_INIT;

	switch (res->status) {
	case CMD_OK:
		return;
	case CMD_ERR_INVALID:
		if (res->word[0])
			sb_printf(&one,
				  "%% Invalid input detected at '%s' "
				  "(column %zu)",
				  res->word, res->wcol + 1);
		else
			sb_printf(&one, "%% Invalid input detected at end "
					"of line (too many words)");
		break;
	case CMD_ERR_INCOMPLETE:
		sb_puts(&one, "% Incomplete command.");
		break;
	case CMD_ERR_AMBIGUOUS:
	case CMD_ERR_HANDLER:
		cmd_error_format(res, "", "", &one);
		break;
	}
	if (one.len && sb_str(&one)[one.len - 1] == '\n')
		one.s[--one.len] = '\0';
	sb_printf(out, "%s:%u: %s\n", file, lineno, sb_str(&one));
	sb_free(&one);
}

/* ---- arguments ----------------------------------------------------------- */

const struct cmd_arg *cmd_arg_nth(const struct cmd_args *a, const char *name,
				  size_t idx)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].name, name) == 0 && idx-- == 0)
			return &a->v[i];
	return NULL;
}

const struct cmd_arg *cmd_arg_get(const struct cmd_args *a, const char *name)
{
	return cmd_arg_nth(a, name, 0);
}

size_t cmd_arg_count(const struct cmd_args *a, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < a->n; i++)
		n += strcmp(a->v[i].name, name) == 0;
	return n;
}

bool cmd_arg_has(const struct cmd_args *a, const char *name)
{
	return cmd_arg_get(a, name) != NULL;
}

const char *cmd_arg_str(const struct cmd_args *a, const char *name)
{
	const struct cmd_arg *arg = cmd_arg_get(a, name);

	return arg ? arg->value : NULL;
}

long long cmd_arg_num(const struct cmd_args *a, const char *name,
		      long long dflt)
{
	const struct cmd_arg *arg = cmd_arg_get(a, name);

	return arg && arg->kind == CMD_TOK_RANGE ? arg->num : dflt;
}

bool cmd_arg_ipv4(const struct cmd_args *a, const char *name, uint32_t *ip4)
{
	const struct cmd_arg *arg = cmd_arg_get(a, name);

	if (!arg || (arg->kind != CMD_TOK_IPV4 && arg->kind != CMD_TOK_PREFIX))
		return false;
	*ip4 = arg->ip4;
	return true;
}

void cmd_quote(struct strbuf *sb, const char *s)
{
	size_t k;

	if (s[0] && s[0] != '"' && !strpbrk(s, " \t")) {
		sb_puts(sb, s);
		return;
	}
	/* The tokenizer reads "..." then continues to the next blank, so a
	 * value is quoted up to its first quote after the last blank. */
	k = strcspn(s, "\"");
	sb_putn(sb, "\"", 1);
	sb_putn(sb, s, k);
	sb_putn(sb, "\"", 1);
	sb_puts(sb, s + k);
}

void cmd_args_canon(const struct cmd_args *a, bool neg, struct strbuf *sb)
{
	if (neg)
		sb_puts(sb, "no ");
	for (size_t i = 0; i < a->n; i++) {
		const struct cmd_arg *arg = &a->v[i];

		if (i)
			sb_putn(sb, " ", 1);
		switch (arg->kind) {
		case CMD_TOK_KEYWORD:
		case CMD_TOK_LINE:
		case CMD_TOK_IFNAME:
			sb_puts(sb, arg->value);
			break;
		case CMD_TOK_WORD:
			cmd_quote(sb, arg->value);
			break;
		default:
			sb_puts(sb, arg->raw);
			break;
		}
	}
}

void cmd_args_kind(const struct cmd_args *a, struct strbuf *sb)
{
	/* Stop at the first argument, and at the encryption type of a
	 * password ("password 7"): a kind names a command, not its data. */
	for (size_t i = 0; i < a->n && a->v[i].kind == CMD_TOK_KEYWORD &&
			   !(i > 0 && isdigit((unsigned char)a->v[i].value[0]));
	     i++)
		sb_printf(sb, "%s%s", i ? " " : "", a->v[i].value);
}
