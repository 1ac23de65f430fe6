/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_syntax.c - compiles a command's syntax string (cmd.h) into the
 * position automaton the matcher runs (cmd_int.h).  Recursive descent over
 *
 *	alts := seq ('|' seq)*        seq  := item*
 *	item := atom ['...']          atom := '{' alts '}' | '[' alts ']' | TOKEN
 *
 * computing, per fragment, `first`, `last` and `nullable`, and adding the
 * follow edges as sequences and repetitions are closed (Glushkov's
 * construction: no epsilon states, so the matcher is a plain set walk).
 */
#include "cmd_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct frag {
	uint64_t first, last;
	bool nullable;
};

struct sparse {
	const char *p;
	struct cmd_cmd *c;
	int err;
};

static void add_follow(struct cmd_cmd *c, uint64_t from, uint64_t to)
{
	for (unsigned i = 0; i < c->ntok; i++)
		if (from & ((uint64_t)1 << i))
			c->follow[i] |= to;
}

static struct frag seq_join(struct cmd_cmd *c, struct frag a, struct frag b)
{
	struct frag r;

	add_follow(c, a.last, b.first);
	r.nullable = a.nullable && b.nullable;
	r.first = a.first | (a.nullable ? b.first : 0);
	r.last = b.last | (b.nullable ? a.last : 0);
	return r;
}

static bool is_delim(char ch)
{
	return ch == '\0' || ch == ' ' || ch == '{' || ch == '}' ||
	       ch == '[' || ch == ']' || ch == '|';
}

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static bool parse_range(const char *s, long long *lo, long long *hi)
{
	char *end;

	if (*s != '<')
		return false;
	*lo = strtoll(s + 1, &end, 10);
	if (end == s + 1 || *end != '-')
		return false;
	s = end + 1;
	*hi = strtoll(s, &end, 10);
	if (end == s || strcmp(end, ">") != 0 || *lo > *hi)
		return false;
	return true;
}

/* Define token from text[0..n) (a "$name" suffix already split off). */
static int make_token(struct cmd_cmd *c, const char *text, size_t n,
		      const char *name, size_t nname)
{
	struct cmd_token *tk;

	if (c->ntok >= CMD_MAX_TOKENS || n == 0)
		return -EINVAL;
	tk = &c->tok[c->ntok];
	tk->text = dupn(text, n);
	if (!tk->text)
		return -ENOMEM;
	/* Counted at once so cmd_cmd_free() releases it on any error. */
	c->ntok++;
	if (strcmp(tk->text, "WORD") == 0)
		tk->kind = CMD_TOK_WORD;
	else if (strcmp(tk->text, "LINE") == 0)
		tk->kind = CMD_TOK_LINE;
	else if (strcmp(tk->text, "A.B.C.D") == 0)
		tk->kind = CMD_TOK_IPV4;
	else if (strcmp(tk->text, "A.B.C.D/M") == 0)
		tk->kind = CMD_TOK_PREFIX;
	else if (strcmp(tk->text, "IFNAME") == 0)
		tk->kind = CMD_TOK_IFNAME;
	else if (tk->text[0] == '<') {
		tk->kind = CMD_TOK_RANGE;
		if (!parse_range(tk->text, &tk->lo, &tk->hi))
			return -EINVAL;
	} else {
		tk->kind = CMD_TOK_KEYWORD;
		for (size_t i = 0; i < n; i++)
			if (!isgraph((unsigned char)text[i]))
				return -EINVAL;
	}
	tk->lower = dupn(text, n);
	if (!tk->lower)
		return -ENOMEM;
	for (char *q = tk->lower; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	tk->name = nname ? dupn(name, nname) : dupn(tk->lower, n);
	if (tk->kind != CMD_TOK_KEYWORD && !nname) {
		free(tk->name);
		tk->name = dupn(text, n);
	}
	if (!tk->name)
		return -ENOMEM;
	return 0;
}

static struct frag parse_alts(struct sparse *sp);

static bool take_repeat(struct sparse *sp)
{
	if (strncmp(sp->p, "...", 3) == 0) {
		sp->p += 3;
		return true;
	}
	return false;
}

static struct frag repeat(struct cmd_cmd *c, struct frag f)
{
	add_follow(c, f.last, f.first);
	return f;
}

static struct frag parse_item(struct sparse *sp)
{
	struct frag f = {0, 0, true};
	char open = *sp->p;

	if (open == '{' || open == '[') {
		char close = open == '{' ? '}' : ']';

		sp->p++;
		f = parse_alts(sp);
		if (sp->err)
			return f;
		if (*sp->p != close) {
			sp->err = -EINVAL;
			return f;
		}
		sp->p++;
		if (open == '[')
			f.nullable = true;
	} else {
		const char *s = sp->p, *dollar;
		size_t n = 0, tn;
		unsigned idx = sp->c->ntok;

		while (!is_delim(s[n]))
			n++;
		sp->p += n;
		tn = n;
		if (tn > 3 && strncmp(s + tn - 3, "...", 3) == 0) {
			tn -= 3;
			sp->p -= 3; /* let take_repeat() see it */
		}
		dollar = memchr(s, '$', tn);
		if (dollar && dollar != s && (size_t)(dollar - s) + 1 < tn)
			sp->err = make_token(sp->c, s, (size_t)(dollar - s),
					     dollar + 1,
					     tn - (size_t)(dollar - s) - 1);
		else
			sp->err = make_token(sp->c, s, tn, NULL, 0);
		if (sp->err)
			return f;
		f.first = f.last = (uint64_t)1 << idx;
		f.nullable = false;
	}
	if (take_repeat(sp))
		f = repeat(sp->c, f);
	return f;
}

static struct frag parse_seq(struct sparse *sp)
{
	struct frag acc = {0, 0, true};

	for (;;) {
		while (*sp->p == ' ')
			sp->p++;
		if (*sp->p == '\0' || *sp->p == '|' || *sp->p == '}' ||
		    *sp->p == ']')
			return acc;
		acc = seq_join(sp->c, acc, parse_item(sp));
		if (sp->err)
			return acc;
	}
}

static struct frag parse_alts(struct sparse *sp)
{
	struct frag acc = parse_seq(sp);

	while (!sp->err && *sp->p == '|') {
		struct frag b;

		sp->p++;
		b = parse_seq(sp);
		acc.first |= b.first;
		acc.last |= b.last;
		acc.nullable = acc.nullable || b.nullable;
	}
	return acc;
}

static int assign_help(struct cmd_cmd *c, const char *help)
{
	const char *p = help ? help : "";
	unsigned i = 0;

	while (i < c->ntok) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (!nl && n == 0 && i < c->ntok)
			return -EINVAL;
		c->tok[i].help = dupn(p, n);
		if (!c->tok[i].help)
			return -ENOMEM;
		i++;
		if (!nl) {
			p += n;
			break;
		}
		p = nl + 1;
	}
	/* Exactly one line per token: no more lines may follow. */
	if (i != c->ntok || *p != '\0')
		return -EINVAL;
	return 0;
}

int cmd_compile(const struct cmd_def *def, struct cmd_cmd *c)
{
	struct sparse sp = {def->syntax, c, 0};
	struct frag f;
	int rc;

	c->def = *def;
	c->def.syntax = NULL;
	c->def.help = NULL;
	if (!def->syntax || !def->fn)
		return -EINVAL;
	f = parse_alts(&sp);
	if (sp.err)
		return sp.err;
	if (*sp.p != '\0' || c->ntok == 0 || f.nullable)
		return -EINVAL;
	c->first = f.first;
	c->last = f.last;
	c->nullable = f.nullable;
	/* LINE swallows the rest of the line, so nothing may follow it. */
	for (unsigned i = 0; i < c->ntok; i++)
		if (c->tok[i].kind == CMD_TOK_LINE &&
		    (c->follow[i] || !(c->last & ((uint64_t)1 << i))))
			return -EINVAL;
	rc = assign_help(c, def->help);
	if (rc)
		return rc;
	c->def.syntax = strdup(def->syntax);
	c->def.help = strdup(def->help);
	if (!c->def.syntax || !c->def.help)
		return -ENOMEM;
	return 0;
}

void cmd_cmd_free(struct cmd_cmd *c)
{
	for (unsigned i = 0; i < c->ntok; i++) {
		free(c->tok[i].text);
		free(c->tok[i].lower);
		free(c->tok[i].name);
		free(c->tok[i].help);
	}
	free((char *)c->def.syntax);
	free((char *)c->def.help);
}
