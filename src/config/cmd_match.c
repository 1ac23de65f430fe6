/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_match.c - the tokenizer and the matcher of the command engine.
 *
 * The matcher runs every command of a mode in parallel over the words of a
 * line (threads of the position automata built by cmd_syntax.c).  Per word,
 * each thread offers the tokens that may come next; the word is matched
 * against all of them and only the best kind of match survives:
 *
 *	exact keyword > keyword abbreviation > typed value (address, number,
 *	interface) > WORD > LINE
 *
 * so `default` is the keyword, not a list name, and `7` in `password 7 X`
 * is the encryption type, not the start of the password.  If the best match
 * is an abbreviation of two different keywords the word is ambiguous (IOS:
 * `% Ambiguous command:  "s"`).  Threads in the middle of LINE or of a
 * two-word interface name ("async 1") are committed and do not compete.
 */
#include "cmd_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * The length of the quote mark at text[i], 0 if none: the ASCII double
 * quote, or the typographic ones (U+201C, U+201D in UTF-8) that configs
 * copied from Cisco's PDF documents carry (seed 003: `callback-dialstring
 * “1234567“`, `“”`).  Either kind opens and closes a quoted word.
 */
static size_t quote_len(const char *text, size_t i, size_t len)
{
	const unsigned char *u = (const unsigned char *)text + i;

	if (text[i] == '"')
		return 1;
	if (i + 3 <= len && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x9C || u[2] == 0x9D))
		return 3;
	return 0;
}

int cmd_tokenize(const char *text, struct cmd_line *tl)
{
	size_t len = strcspn(text, "\r\n");
	size_t i = 0;
	char *o;

	memset(tl, 0, sizeof(*tl));
	tl->text = text;
	tl->trailing_blank = len > 0 && is_blank(text[len - 1]);
	while (len > 0 && is_blank(text[len - 1]))
		len--;
	tl->len = len;
	tl->buf = malloc(4 * len + 4);
	if (!tl->buf)
		return -ENOMEM;
	o = tl->buf;
	for (;;) {
		struct cmd_word *w;
		size_t start;

		while (i < len && is_blank(text[i]))
			i++;
		if (i >= len)
			break;
		if (tl->n == CMD_MAX_WORDS) {
			tl->too_long = true;
			break;
		}
		w = &tl->w[tl->n++];
		start = i;
		w->start = start;
		w->val = o;
		if (quote_len(text, i, len)) {
			i += quote_len(text, i, len);
			while (i < len && !quote_len(text, i, len))
				*o++ = text[i++];
			if (i < len)
				i += quote_len(text, i, len);
		}
		while (i < len && !is_blank(text[i]))
			*o++ = text[i++];
		*o++ = '\0';
		w->end = i;
		w->raw = o;
		memcpy(o, text + start, i - start);
		o += i - start;
		*o++ = '\0';
	}
	return 0;
}

void cmd_line_free(struct cmd_line *tl)
{
	free(tl->buf);
	tl->buf = NULL;
}

/* Strict dotted quad. */
static bool parse_ipv4(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int part = 0; part < 4; part++) {
		unsigned n = 0, digits = 0;

		while (isdigit((unsigned char)*s) && digits < 4) {
			n = n * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || n > 255)
			return false;
		v = v << 8 | n;
		if (part < 3 && *s++ != '.')
			return false;
	}
	if (*s)
		return false;
	*out = v;
	return true;
}

static bool parse_prefix(const char *s, uint32_t *ip4, unsigned *plen)
{
	const char *slash = strchr(s, '/');
	char addr[16];
	unsigned n = 0;

	if (!slash || (size_t)(slash - s) >= sizeof(addr) || !slash[1])
		return false;
	memcpy(addr, s, (size_t)(slash - s));
	addr[slash - s] = '\0';
	if (!parse_ipv4(addr, ip4))
		return false;
	for (s = slash + 1; *s; s++) {
		if (!isdigit((unsigned char)*s) || n > 32)
			return false;
		n = n * 10 + (unsigned)(*s - '0');
	}
	if (n > 32)
		return false;
	*plen = n;
	return true;
}

static bool parse_num(const char *s, long long lo, long long hi,
		      long long *out)
{
	bool neg = false;
	long long v = 0;
	int digits = 0;

	if (*s == '-' && lo < 0) {
		neg = true;
		s++;
	}
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || ++digits > 18)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (digits == 0)
		return false;
	if (neg)
		v = -v;
	if (v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static enum cmd_level kw_match(const char *lower, const char *word,
			       size_t *prefix)
{
	size_t n = 0, wl = strlen(word);

	while (word[n] && lower[n] && tolower((unsigned char)word[n]) ==
					      (unsigned char)lower[n])
		n++;
	if (prefix)
		*prefix = n;
	if (wl == 0 || n < wl)
		return CMD_LVL_NONE;
	return lower[n] ? CMD_LVL_PARTIAL : CMD_LVL_EXACT;
}

enum cmd_level cmd_tok_match(const struct cmd_token *tk, const char *word,
			     bool *type_only, size_t *prefix)
{
	struct ifname ifn;
	enum if_type type;
	uint32_t ip4;
	unsigned plen;
	long long num;

	*type_only = false;
	*prefix = 0;
	switch (tk->kind) {
	case CMD_TOK_KEYWORD:
		return kw_match(tk->lower, word, prefix);
	case CMD_TOK_WORD:
		return CMD_LVL_WORD;
	case CMD_TOK_LINE:
		return CMD_LVL_LINE;
	case CMD_TOK_IPV4:
		return parse_ipv4(word, &ip4) ? CMD_LVL_TYPED : CMD_LVL_NONE;
	case CMD_TOK_PREFIX:
		return parse_prefix(word, &ip4, &plen) ? CMD_LVL_TYPED
						       : CMD_LVL_NONE;
	case CMD_TOK_RANGE:
		return parse_num(word, tk->lo, tk->hi, &num) ? CMD_LVL_TYPED
							     : CMD_LVL_NONE;
	case CMD_TOK_IFNAME:
		if (ifname_parse(word, &ifn))
			return CMD_LVL_TYPED;
		if (strpbrk(word, "0123456789") == NULL &&
		    ifname_parse_type(word, &type)) {
			*type_only = true;
			return CMD_LVL_TYPED;
		}
		return CMD_LVL_NONE;
	}
	return CMD_LVL_NONE;
}

bool cmd_in_mode(const struct cmd_cmd *c, enum cmd_mode m)
{
	return c->def.mode == m ||
	       (m == CMD_MODE_EXEC && c->def.mode == CMD_MODE_USER);
}

static bool push_thread(struct cmd_nfa *nfa, const struct cmd_thread *th)
{
	for (size_t i = 0; i < nfa->n; i++) {
		const struct cmd_thread *o = &nfa->th[i];

		if (o->cmd == th->cmd && o->pos == th->pos &&
		    o->neg == th->neg && o->pending_if == th->pending_if &&
		    o->absorbing == th->absorbing)
			return true; /* the earlier (preferred) one stays */
	}
	if (nfa->n == nfa->cap) {
		size_t ncap = nfa->cap ? nfa->cap * 2 : 64;
		struct cmd_thread *nt = realloc(nfa->th, ncap * sizeof(*nt));

		if (!nt) {
			nfa->oom = true;
			return false;
		}
		nfa->th = nt;
		nfa->cap = ncap;
	}
	nfa->th[nfa->n++] = *th;
	return true;
}

static int push_hist(struct cmd_nfa *nfa, int tok, int word, bool cont,
		     int prev)
{
	if (nfa->nh == nfa->caph) {
		size_t ncap = nfa->caph ? nfa->caph * 2 : 64;
		struct cmd_hist *nh = realloc(nfa->h, ncap * sizeof(*nh));

		if (!nh) {
			nfa->oom = true;
			return -1;
		}
		nfa->h = nh;
		nfa->caph = ncap;
	}
	nfa->h[nfa->nh] = (struct cmd_hist){tok, word, cont, prev};
	return (int)nfa->nh++;
}

static void start_cmds(struct cmd_nfa *nfa, const struct cmd_table *t,
		       enum cmd_mode m, uint8_t neg, int hist)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct cmd_cmd *c = t->cmds[i];
		unsigned f = c->def.flags;

		if (!cmd_in_mode(c, m))
			continue;
		if (neg ? !(f & (CMD_NO | CMD_NO_ONLY)) : (f & CMD_NO_ONLY))
			continue;
		push_thread(nfa, &(struct cmd_thread){.cmd = (int)i,
						      .pos = -1,
						      .neg = neg,
						      .hist = hist});
	}
}

void cmd_nfa_start(struct cmd_nfa *nfa, const struct cmd_table *t,
		   enum cmd_mode m)
{
	memset(nfa, 0, sizeof(*nfa));
	start_cmds(nfa, t, m, 0, -1);
	for (size_t i = 0; i < t->n; i++) {
		if (cmd_in_mode(t->cmds[i], m) &&
		    (t->cmds[i]->def.flags & (CMD_NO | CMD_NO_ONLY))) {
			push_thread(nfa, &(struct cmd_thread){
						 .cmd = CMD_T_PREFIX,
						 .pos = -1,
						 .hist = -1});
			break;
		}
	}
}

void cmd_nfa_free(struct cmd_nfa *nfa)
{
	free(nfa->th);
	free(nfa->h);
	memset(nfa, 0, sizeof(*nfa));
}

struct cand {
	size_t th;
	int q;             /* token, or CMD_H_NO / CMD_H_DEFAULT */
	enum cmd_level lvl;
	bool type_only;
	bool exempt;       /* continuation: does not compete */
	const char *kw;    /* keyword (lower case) for the ambiguity test */
};

static const char *const prefix_kw[2] = {"no", "default"};

/* Does `word` complete the pending two-word interface name of th? */
static bool ifname_cont(const struct cmd_table *t, const struct cmd_nfa *nfa,
			const struct cmd_thread *th,
			const struct cmd_line *tl, const char *word)
{
	const struct cmd_hist *h = &nfa->h[th->hist];
	char buf[160];
	struct ifname ifn;

	(void)t;
	snprintf(buf, sizeof(buf), "%s %s", tl->w[h->word].val, word);
	return strpbrk(word, "0123456789") == word && ifname_parse(buf, &ifn);
}

static int gather(struct cmd_nfa *nfa, const struct cmd_table *t,
		  const struct cmd_line *tl, size_t wi, struct cand **out,
		  size_t *maxprefix)
{
	const char *word = tl->w[wi].val;
	struct cand *cv = NULL;
	size_t n = 0, cap = 0;

	*maxprefix = 0;
	for (size_t i = 0; i < nfa->n; i++) {
		const struct cmd_thread *th = &nfa->th[i];
		struct cand tmp[CMD_MAX_TOKENS + 2];
		size_t nt = 0;

		if (th->absorbing) {
			tmp[nt++] = (struct cand){i, th->pos, CMD_LVL_LINE,
						  false, true, NULL};
		} else if (th->pending_if) {
			if (ifname_cont(t, nfa, th, tl, word))
				tmp[nt++] = (struct cand){i, th->pos,
							  CMD_LVL_TYPED, false,
							  true, NULL};
		} else if (th->cmd == CMD_T_PREFIX) {
			for (int k = 0; k < 2; k++) {
				size_t pf;
				enum cmd_level l =
					kw_match(prefix_kw[k], word, &pf);

				if (pf > *maxprefix)
					*maxprefix = pf;
				if (l)
					tmp[nt++] = (struct cand){
						i, k ? CMD_H_DEFAULT : CMD_H_NO,
						l, false, false, prefix_kw[k]};
			}
		} else {
			const struct cmd_cmd *c = t->cmds[th->cmd];
			uint64_t mask = th->pos < 0 ? c->first
						    : c->follow[th->pos];

			for (unsigned q = 0; q < c->ntok; q++) {
				bool type_only;
				size_t pf;
				enum cmd_level l;

				if (!(mask & ((uint64_t)1 << q)))
					continue;
				l = cmd_tok_match(&c->tok[q], word, &type_only,
						  &pf);
				if (pf > *maxprefix)
					*maxprefix = pf;
				if (l)
					tmp[nt++] = (struct cand){
						i, (int)q, l, type_only, false,
						c->tok[q].kind ==
								CMD_TOK_KEYWORD
							? c->tok[q].lower
							: NULL};
			}
		}
		if (n + nt > cap) {
			size_t ncap = (n + nt) * 2 + 16;
			struct cand *nc = realloc(cv, ncap * sizeof(*nc));

			if (!nc) {
				free(cv);
				return -ENOMEM;
			}
			cv = nc;
			cap = ncap;
		}
		if (nt)
			memcpy(cv + n, tmp, nt * sizeof(*tmp));
		n += nt;
	}
	*out = cv;
	return (int)n;
}

enum cmd_status cmd_nfa_run(struct cmd_nfa *nfa, const struct cmd_table *t,
			    enum cmd_mode m, const struct cmd_line *tl,
			    size_t nwords, struct cmd_result *res)
{
	for (size_t wi = 0; wi < nwords; wi++) {
		const struct cmd_word *w = &tl->w[wi];
		struct cmd_nfa next;
		enum cmd_level best = CMD_LVL_NONE;
		const char *amb = NULL;
		struct cand *cv = NULL;
		size_t maxprefix;
		int nc = gather(nfa, t, tl, wi, &cv, &maxprefix);
		bool any = false;

		if (nc < 0)
			nfa->oom = true;
		for (int i = 0; i < nc; i++) {
			if (cv[i].exempt)
				any = true;
			else if (cv[i].lvl > best)
				best = cv[i].lvl;
		}
		if (best == CMD_LVL_NONE && !any) {
			free(cv);
			res->status = CMD_ERR_INVALID;
			res->wcol = w->start;
			res->col = w->start;
			/* Point at the first character that no keyword
			 * accepts; quoted words are marked at their start. */
			if (!quote_len(tl->text, w->start, tl->len) &&
			    maxprefix < w->end - w->start)
				res->col = w->start + maxprefix;
			snprintf(res->word, sizeof(res->word), "%s", w->raw);
			return res->status;
		}
		if (best == CMD_LVL_PARTIAL) {
			for (int i = 0; i < nc; i++) {
				if (cv[i].exempt || cv[i].lvl != best)
					continue;
				if (amb && strcmp(amb, cv[i].kw) != 0) {
					free(cv);
					res->status = CMD_ERR_AMBIGUOUS;
					res->col = w->end;
					res->wcol = w->start;
					return res->status;
				}
				amb = cv[i].kw;
			}
		}
		/* Build the surviving threads; history is shared. */
		next = *nfa;
		next.th = NULL;
		next.n = next.cap = 0;
		for (int i = 0; i < nc; i++) {
			const struct cmd_thread *th = &nfa->th[cv[i].th];
			struct cmd_thread nt = *th;
			int h;

			if (!cv[i].exempt && cv[i].lvl != best)
				continue;
			if (th->absorbing) {
				push_thread(&next, th);
				continue;
			}
			if (th->pending_if) {
				h = push_hist(&next, th->pos, (int)wi, true,
					      th->hist);
				nt.pending_if = false;
				nt.hist = h;
				push_thread(&next, &nt);
				continue;
			}
			h = push_hist(&next, cv[i].q, (int)wi, false, th->hist);
			if (th->cmd == CMD_T_PREFIX) {
				start_cmds(&next, t, m,
					   cv[i].q == CMD_H_NO ? 1 : 2, h);
				continue;
			}
			nt.pos = cv[i].q;
			nt.hist = h;
			nt.pending_if = cv[i].type_only;
			if (t->cmds[th->cmd]->tok[cv[i].q].kind ==
			    CMD_TOK_LINE) {
				nt.absorbing = true;
				nt.absorb_from = wi;
			}
			push_thread(&next, &nt);
		}
		free(cv);
		free(nfa->th);
		*nfa = next;
	}
	if (tl->too_long && nwords == tl->n) {
		bool absorbing = false;

		for (size_t i = 0; i < nfa->n; i++)
			absorbing |= nfa->th[i].absorbing;
		if (!absorbing) {
			res->status = CMD_ERR_INVALID;
			res->col = res->wcol = tl->len;
			snprintf(res->word, sizeof(res->word), "%s", "");
			return res->status;
		}
	}
	return CMD_OK;
}

bool cmd_thread_complete(const struct cmd_table *t,
			 const struct cmd_thread *th)
{
	if (th->cmd < 0 || th->pos < 0 || th->pending_if)
		return false;
	return (t->cmds[th->cmd]->last >> th->pos) & 1;
}

int cmd_args_build(const struct cmd_table *t, const struct cmd_nfa *nfa,
		   const struct cmd_thread *th, const struct cmd_line *tl,
		   struct cmd_args *args, char **store)
{
	const struct cmd_cmd *c = t->cmds[th->cmd];
	int chain[CMD_MAX_WORDS + 2];
	size_t n = 0, used = 0;
	char *st;

	args->n = 0;
	for (int h = th->hist; h >= 0 && n < CMD_MAX_WORDS + 2;
	     h = nfa->h[h].prev)
		chain[n++] = h;
	st = malloc(tl->len + 1 + CMD_MAX_ARGS * IFNAME_MAX);
	if (!st)
		return -ENOMEM;
	*store = st;
	while (n-- > 0) {
		const struct cmd_hist *h = &nfa->h[chain[n]];
		const struct cmd_word *w = &tl->w[h->word];
		struct cmd_arg *a;
		const struct cmd_token *tk;

		if (h->tok < 0)
			continue; /* the no/default prefix */
		tk = &c->tok[h->tok];
		if (h->cont) {
			char buf[160];

			a = &args->v[args->n - 1];
			snprintf(buf, sizeof(buf), "%s %s", a->raw, w->val);
			if (!ifname_parse(buf, &a->ifn))
				return -EINVAL;
			a->value = ifname_canon(&a->ifn, st + used, IFNAME_MAX);
			used += IFNAME_MAX;
			continue;
		}
		if (args->n == CMD_MAX_ARGS)
			return -E2BIG;
		a = &args->v[args->n++];
		memset(a, 0, sizeof(*a));
		a->kind = tk->kind;
		a->name = tk->name;
		a->raw = w->raw;
		a->value = w->val;
		a->col = w->start;
		switch (tk->kind) {
		case CMD_TOK_KEYWORD:
			a->value = tk->text;
			break;
		case CMD_TOK_LINE: {
			size_t len = tl->len - w->start;

			memcpy(st + used, tl->text + w->start, len);
			st[used + len] = '\0';
			a->value = st + used;
			used += len + 1;
			break;
		}
		case CMD_TOK_IPV4:
			parse_ipv4(w->val, &a->ip4);
			break;
		case CMD_TOK_PREFIX:
			parse_prefix(w->val, &a->ip4, &a->plen);
			break;
		case CMD_TOK_RANGE:
			parse_num(w->val, tk->lo, tk->hi, &a->num);
			break;
		case CMD_TOK_IFNAME:
			if (ifname_parse(w->val, &a->ifn)) {
				a->value = ifname_canon(&a->ifn, st + used,
							IFNAME_MAX);
				used += IFNAME_MAX;
			}
			break;
		case CMD_TOK_WORD:
			break;
		}
	}
	return 0;
}
