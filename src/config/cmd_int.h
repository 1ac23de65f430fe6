/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_int.h - private structures of the command engine shared by cmd.c
 * (tables, execution), cmd_syntax.c (syntax compiler), cmd_match.c
 * (tokenizer and matcher) and cmd_help.c (`?` and Tab).
 *
 * A command's syntax is compiled into a position automaton (Glushkov): one
 * state per token, `first` = tokens that may start the command, `follow[i]`
 * = tokens that may come after token i, `last` = tokens the command may end
 * on.  Sets are 64-bit masks, so a command has at most 64 tokens.  The
 * matcher runs all commands of a mode in parallel over the words of the
 * line, which is what lets it decide abbreviations and ambiguity the way
 * IOS does: per word, among everything valid at that position.
 */
#ifndef NASD_CONFIG_CMD_INT_H
#define NASD_CONFIG_CMD_INT_H

#include "cmd.h"

#define CMD_MAX_TOKENS 64
#define CMD_MAX_WORDS 128

struct cmd_token {
	enum cmd_tok_kind kind;
	char *text;  /* keyword spelling ("InOut") or variable spelling */
	char *lower; /* keyword in lower case, for matching */
	char *name;  /* argument name */
	char *help;  /* one line */
	long long lo, hi; /* CMD_TOK_RANGE bounds */
};

struct cmd_cmd {
	struct cmd_def def; /* copy; syntax and help owned */
	struct cmd_token tok[CMD_MAX_TOKENS];
	unsigned ntok;
	uint64_t first, last;
	uint64_t follow[CMD_MAX_TOKENS];
	bool nullable;
	bool reported; /* CMD_UNIMPL notice already logged */
};

struct cmd_table {
	struct cmd_cmd **cmds;
	size_t n, cap;
};

/* Compile def into *c (zeroed by the caller).  0 or -EINVAL/-ENOMEM. */
int cmd_compile(const struct cmd_def *def, struct cmd_cmd *c);
void cmd_cmd_free(struct cmd_cmd *c);

/* True when command c is offered in mode m (EXEC also offers USER). */
bool cmd_in_mode(const struct cmd_cmd *c, enum cmd_mode m);

/* ---- tokenizer ---- */

struct cmd_word {
	size_t start, end; /* raw span in the line: [start, end) */
	char *val;         /* unquoted value */
	char *raw;         /* raw text */
};

struct cmd_line {
	const char *text; /* the line (borrowed) */
	size_t len;       /* without trailing blanks / CR / LF */
	struct cmd_word w[CMD_MAX_WORDS];
	size_t n;
	bool trailing_blank; /* the line ended in a blank */
	bool too_long;       /* more than CMD_MAX_WORDS words */
	char *buf;
};

/* Split a line into words.  Quotes: a word starting with '"' runs to the
 * next '"' (blanks included, quotes removed), then on to the next blank.
 * Returns 0 or -ENOMEM.  Free with cmd_line_free(). */
int cmd_tokenize(const char *text, struct cmd_line *tl);
void cmd_line_free(struct cmd_line *tl);

/* ---- matcher ---- */

enum cmd_level {
	CMD_LVL_NONE = 0,
	CMD_LVL_LINE,
	CMD_LVL_WORD,
	CMD_LVL_TYPED,
	CMD_LVL_PARTIAL,
	CMD_LVL_EXACT,
};

#define CMD_T_PREFIX (-1) /* the virtual `no`/`default` thread */
#define CMD_H_NO (-2)     /* history token: `no` */
#define CMD_H_DEFAULT (-3)

struct cmd_thread {
	int cmd;          /* index in the table, or CMD_T_PREFIX */
	int pos;          /* token index, -1 before the first token */
	uint8_t neg;      /* 0, 1 = no, 2 = default */
	bool pending_if;  /* matched an IFNAME type word, number to come */
	bool absorbing;   /* matched LINE: swallows every later word */
	size_t absorb_from;
	int hist;         /* last history node, -1 for none */
};

struct cmd_hist {
	int tok;   /* token index or CMD_H_NO / CMD_H_DEFAULT */
	int word;  /* word index */
	bool cont; /* second word of a two-word IFNAME */
	int prev;
};

struct cmd_nfa {
	struct cmd_thread *th;
	size_t n, cap;
	struct cmd_hist *h;
	size_t nh, caph;
	bool oom;
};

/* Start threads for mode m (the `no`/`default` prefix thread included when
 * some command of the mode accepts it). */
void cmd_nfa_start(struct cmd_nfa *nfa, const struct cmd_table *t,
		   enum cmd_mode m);
void cmd_nfa_free(struct cmd_nfa *nfa);

/* Advance over words [0, nwords) of tl.  Returns CMD_OK with the surviving
 * threads in nfa, or CMD_ERR_INVALID / CMD_ERR_AMBIGUOUS with res->col,
 * res->wcol and res->word filled. */
enum cmd_status cmd_nfa_run(struct cmd_nfa *nfa, const struct cmd_table *t,
			    enum cmd_mode m, const struct cmd_line *tl,
			    size_t nwords, struct cmd_result *res);

/* True when thread th may end the command here. */
bool cmd_thread_complete(const struct cmd_table *t,
			 const struct cmd_thread *th);

/* Matching level of one token against one word (fills *prefix with the
 * number of leading characters that match a keyword, for the caret). */
enum cmd_level cmd_tok_match(const struct cmd_token *tk, const char *word,
			     bool *type_only, size_t *prefix);

/* Build the arguments of a complete thread.  *store receives heap storage
 * the arguments point into (free it after the handler ran). */
int cmd_args_build(const struct cmd_table *t, const struct cmd_nfa *nfa,
		   const struct cmd_thread *th, const struct cmd_line *tl,
		   struct cmd_args *args, char **store);

#endif
