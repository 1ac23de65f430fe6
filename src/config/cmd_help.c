/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_help.c - `?` help and Tab completion (cmd.h), rendered as IOS does:
 *
 *	Router#show ?
 *	  running-config  Current operating configuration
 *	  version         System hardware and software status
 *
 * and `sh?` lists the keywords the word abbreviates.
 */
#include "cmd_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const if_help[IF__COUNT] = {
	[IF_LOOPBACK] = "Loopback interface",
	[IF_ETHERNET] = "IEEE 802.3",
	[IF_FASTETHERNET] = "FastEthernet IEEE 802.3",
	[IF_VTEMPLATE] = "Virtual Template interface",
	[IF_SERIAL] = "Serial",
	[IF_BRI] = "ISDN Basic Rate Interface",
	[IF_ASYNC] = "Async interface",
	[IF_GROUP_ASYNC] = "Async Group interface",
	[IF_DIALER] = "Dialer interface",
	[IF_VACCESS] = "Virtual Access interface",
};

struct item {
	const char *name;
	const char *help;
	bool keyword; /* completes (keywords and interface types) */
};

struct items {
	struct item *v;
	size_t n, cap;
};

static void add(struct items *it, const char *name, const char *help,
		bool keyword)
{
	for (size_t i = 0; i < it->n; i++)
		if (strcmp(it->v[i].name, name) == 0)
			return; /* first help wins, as in IOS */
	if (it->n == it->cap) {
		size_t ncap = it->cap ? it->cap * 2 : 32;
		struct item *nv = realloc(it->v, ncap * sizeof(*nv));

		if (!nv)
			return;
		it->v = nv;
		it->cap = ncap;
	}
	it->v[it->n++] = (struct item){name, help, keyword};
}

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* Everything that may come next from the surviving threads. */
static bool collect(const struct cmd_table *t, const struct cmd_nfa *nfa,
		    struct items *it)
{
	bool cr = false;

	for (size_t i = 0; i < nfa->n; i++) {
		const struct cmd_thread *th = &nfa->th[i];
		const struct cmd_cmd *c;
		uint64_t mask;

		if (th->cmd == CMD_T_PREFIX) {
			add(it, "default", "Set a command to its defaults",
			    true);
			add(it, "no", "Negate a command or set its defaults",
			    true);
			continue;
		}
		c = t->cmds[th->cmd];
		if (c->def.flags & CMD_HIDDEN)
			continue;
		if (cmd_thread_complete(t, th))
			cr = true;
		if (th->absorbing) {
			add(it, "LINE", c->tok[th->pos].help, false);
			continue;
		}
		if (th->pending_if) {
			add(it, "<0-65535>", "Interface number", false);
			continue;
		}
		mask = th->pos < 0 ? c->first : c->follow[th->pos];
		for (unsigned q = 0; q < c->ntok; q++) {
			const struct cmd_token *tk = &c->tok[q];

			if (!(mask & ((uint64_t)1 << q)))
				continue;
			if (tk->kind == CMD_TOK_IFNAME) {
				for (int k = 0; k < IF__COUNT; k++)
					add(it, ifname_type_name(k),
					    if_help[k], true);
				continue;
			}
			add(it, tk->text, tk->help,
			    tk->kind == CMD_TOK_KEYWORD);
		}
	}
	return cr;
}

/* Run words [0, nwords) in the current mode, falling back to the parent
 * configuration modes like cmd_execute().  Returns the status of the mode
 * that worked, or of the current mode. */
static enum cmd_status run_words(const struct cmd_table *t,
				 const struct cmd_ctx *ctx,
				 const struct cmd_line *tl, size_t nwords,
				 struct cmd_nfa *nfa, struct cmd_result *res)
{
	struct cmd_result first;
	unsigned level = ctx->depth;

	memset(&first, 0, sizeof(first));
	for (;;) {
		enum cmd_mode m = ctx->frames[level].mode;

		memset(res, 0, sizeof(*res));
		cmd_nfa_start(nfa, t, m);
		if (cmd_nfa_run(nfa, t, m, tl, nwords, res) == CMD_OK &&
		    nfa->n > 0)
			return CMD_OK;
		cmd_nfa_free(nfa);
		if (level == ctx->depth)
			first = *res;
		if (level == 0 || !cmd_mode_is_config(m) ||
		    !cmd_mode_is_config(ctx->frames[level - 1].mode)) {
			*res = first;
			return res->status;
		}
		level--;
	}
}

static bool prefix_of(const char *name, const char *word)
{
	return strncasecmp(name, word, strlen(word)) == 0;
}

/* Keywords (and interface types) that the partial word abbreviates. */
static void filter_word(struct items *it, const char *word)
{
	size_t k = 0;

	for (size_t i = 0; i < it->n; i++)
		if (it->v[i].keyword && prefix_of(it->v[i].name, word))
			it->v[k++] = it->v[i];
	it->n = k;
	if (it->n)
		qsort(it->v, it->n, sizeof(*it->v), item_cmp);
}

static void list_words(const struct items *it, struct strbuf *out)
{
	size_t col = 0;

	for (size_t i = 0; i < it->n; i++) {
		size_t w = strlen(it->v[i].name) + 2;

		if (col && col + w > 79) {
			sb_putn(out, "\n", 1);
			col = 0;
		}
		sb_printf(out, "%s  ", it->v[i].name);
		col += w;
	}
	sb_puts(out, "\n\n");
}

void cmd_help(const struct cmd_table *t, const struct cmd_ctx *ctx,
	      const char *partial, const char *echo_prefix, struct strbuf *out)
{
	struct items it = {NULL, 0, 0};
	struct cmd_result res;
	struct cmd_line tl;
	struct cmd_nfa nfa;
	bool word_mode, cr;
	size_t nwords, width = 0;

	if (cmd_tokenize(partial, &tl) != 0)
		return;
	word_mode = tl.n > 0 && !tl.trailing_blank;
	nwords = word_mode ? tl.n - 1 : tl.n;
	if (strspn(partial, " \t") < strlen(partial) &&
	    partial[strspn(partial, " \t")] == '!') {
		cmd_line_free(&tl);
		return;
	}
	if (run_words(t, ctx, &tl, nwords, &nfa, &res) != CMD_OK) {
		cmd_error_format(&res, partial, echo_prefix, out);
		cmd_line_free(&tl);
		return;
	}
	cr = collect(t, &nfa, &it);
	if (word_mode) {
		filter_word(&it, tl.w[tl.n - 1].val);
		if (it.n == 0)
			sb_puts(out, "% Unrecognized command\n");
		else
			list_words(&it, out);
		goto out;
	}
	if (it.n)
		qsort(it.v, it.n, sizeof(*it.v), item_cmp);
	for (size_t i = 0; i < it.n; i++)
		if (strlen(it.v[i].name) > width)
			width = strlen(it.v[i].name);
	for (size_t i = 0; i < it.n; i++) {
		if (it.v[i].help && it.v[i].help[0])
			sb_printf(out, "  %-*s  %s\n", (int)width,
				  it.v[i].name, it.v[i].help);
		else
			sb_printf(out, "  %s\n", it.v[i].name);
	}
	if (cr)
		sb_puts(out, "  <cr>\n");
	sb_puts(out, "\n");
out:
	free(it.v);
	cmd_nfa_free(&nfa);
	cmd_line_free(&tl);
}

bool cmd_complete(const struct cmd_table *t, const struct cmd_ctx *ctx,
		  const char *partial, struct strbuf *line_out,
		  struct strbuf *list_out)
{
	struct items it = {NULL, 0, 0};
	struct cmd_result res;
	struct cmd_line tl;
	struct cmd_nfa nfa;
	const struct cmd_word *w;
	bool changed = false;
	size_t lcp;

	if (cmd_tokenize(partial, &tl) != 0)
		return false;
	if (tl.n == 0 || tl.trailing_blank || tl.too_long ||
	    run_words(t, ctx, &tl, tl.n - 1, &nfa, &res) != CMD_OK) {
		sb_puts(line_out, partial);
		cmd_line_free(&tl);
		return false;
	}
	w = &tl.w[tl.n - 1];
	collect(t, &nfa, &it);
	filter_word(&it, w->val);
	sb_putn(line_out, partial, w->start);
	if (it.n == 0 || partial[w->start] == '"') {
		sb_puts(line_out, partial + w->start);
		goto out;
	}
	lcp = strlen(it.v[0].name);
	for (size_t i = 1; i < it.n; i++) {
		size_t k = 0;

		while (k < lcp && it.v[i].name[k] &&
		       strncasecmp(it.v[i].name + k, it.v[0].name + k, 1) == 0)
			k++;
		lcp = k;
	}
	if (lcp < strlen(w->val))
		lcp = strlen(w->val);
	sb_putn(line_out, it.v[0].name, lcp);
	changed = lcp > strlen(w->val) || strncmp(it.v[0].name, w->val, lcp);
	if (it.n == 1) {
		sb_putn(line_out, " ", 1);
		changed = true;
	} else {
		list_words(&it, list_out);
	}
out:
	free(it.v);
	cmd_nfa_free(&nfa);
	cmd_line_free(&tl);
	return changed;
}
