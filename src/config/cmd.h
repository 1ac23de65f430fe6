/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd.h - the IOS command engine: modes, command tables, the matcher, `?`
 * help and Tab completion.  One table drives both the configuration file
 * (`nasd -f FILE`) and the interactive CLI (`configure terminal`), so the
 * two can never disagree about the grammar (shared/reference/style.md §6.8).
 *
 * A command is a `struct cmd_def`: the mode it lives in, an IOS-like syntax
 * string, one help line per token and a handler.  The syntax string uses:
 *
 *   keyword      a literal; matched case-insensitively and by any prefix that
 *                is unique among the words valid at that position
 *   WORD         any one word ("a b" in double quotes is one word, quotes
 *                removed; "" is the empty word)
 *   LINE         the rest of the line, verbatim (must be the last token)
 *   A.B.C.D      an IPv4 address          A.B.C.D/M   an IPv4 prefix
 *   <lo-hi>      a decimal integer in [lo, hi]
 *   IFNAME       an interface name in any IOS spelling (ifname.h): "Async1",
 *                "as1", "async 1" (two words), "Serial0:23", "e0" ...
 *   {a|b c|d}    exactly one of the alternatives (each may be a sequence)
 *   [a|b]        at most one of the alternatives
 *   X...         one or more repetitions of X (a token or a group), e.g.
 *                "ppp authentication {chap|pap|ms-chap|ms-chap-v2}..."
 *   TOKEN$name   names the argument (default: the keyword itself, or the
 *                spelling: "WORD", "LINE", "A.B.C.D", "IFNAME", "<1-10>")
 *
 * Help is one line per token in the order the tokens appear in the syntax
 * (braces and bars do not count), FRR style.  `no` and `default` prefixes
 * are handled generically for commands flagged CMD_NO: the handler sees
 * ctx->negate or ctx->deflt.
 *
 * Example, as the daemon would add an exec command:
 *
 *	static int show_ppp(struct cmd_ctx *ctx, const struct cmd_args *args)
 *	{
 *		const char *ifn = cmd_arg_str(args, "IFNAME"); // NULL if absent
 *		sb_printf(ctx->out, "PPP on %s\n", ifn ? ifn : "all");
 *		return 0;
 *	}
 *	static const struct cmd_def defs[] = {
 *		{CMD_MODE_EXEC, "show ppp all [IFNAME]",
 *		 "Show running system information\n"
 *		 "PPP parameters and statistics\n"
 *		 "All PPP sessions\n"
 *		 "Only this interface", show_ppp, 0, 0},
 *	};
 *	cmd_install(table, defs, sizeof(defs) / sizeof(defs[0]));
 *
 * Handlers return 0, or cmd_error(ctx, "%% ...") to reject the line with a
 * one-line message; output goes to ctx->out.
 */
#ifndef NASD_CONFIG_CMD_H
#define NASD_CONFIG_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ifname.h"
#include "log.h"
#include "strbuf.h"

struct config;

/*
 * Modes (IOS "nodes").  X(ENUM, name, prompt suffix, parent) where parent is
 * the mode `exit` returns to and, for configuration submodes, the mode a line
 * falls back to when it does not match here (IOS: `interface Serial0` typed
 * in config-if mode leaves for global config).  CMD_MODE_EXEC also offers
 * every CMD_MODE_USER command.  Adding a mode is one line here.
 */
#define CMD_MODES(X)                                                           \
	X(CMD_MODE_USER, "user", ">", CMD_MODE_NONE)                           \
	X(CMD_MODE_EXEC, "exec", "#", CMD_MODE_NONE)                           \
	X(CMD_MODE_CONFIG, "config", "(config)#", CMD_MODE_EXEC)               \
	X(CMD_MODE_IF, "config-if", "(config-if)#", CMD_MODE_CONFIG)           \
	X(CMD_MODE_LINE, "config-line", "(config-line)#", CMD_MODE_CONFIG)     \
	X(CMD_MODE_ROUTER, "config-router", "(config-router)#",                \
	  CMD_MODE_CONFIG)                                                     \
	X(CMD_MODE_CONTROLLER, "config-controller", "(config-controller)#",    \
	  CMD_MODE_CONFIG)                                                     \
	X(CMD_MODE_MAPCLASS, "config-map-class", "(config-map-class)#",        \
	  CMD_MODE_CONFIG)                                                     \
	X(CMD_MODE_VPDN, "config-vpdn", "(config-vpdn)#", CMD_MODE_CONFIG)     \
	X(CMD_MODE_VPDN_REQ_IN, "config-vpdn-req-in", "(config-vpdn-req-in)#", \
	  CMD_MODE_VPDN)                                                       \
	X(CMD_MODE_VPDN_ACC_IN, "config-vpdn-acc-in", "(config-vpdn-acc-in)#", \
	  CMD_MODE_VPDN)                                                       \
	X(CMD_MODE_VPDN_REQ_OUT, "config-vpdn-req-ou",                         \
	  "(config-vpdn-req-ou)#", CMD_MODE_VPDN)                              \
	X(CMD_MODE_VPDN_ACC_OUT, "config-vpdn-acc-ou",                         \
	  "(config-vpdn-acc-ou)#", CMD_MODE_VPDN)

enum cmd_mode {
	CMD_MODE_NONE = -1,
#define CMD_MODE_ENUM(e, n, p, par) e,
	CMD_MODES(CMD_MODE_ENUM)
#undef CMD_MODE_ENUM
	CMD_MODE__COUNT
};

/* Mode name ("config-if") and prompt suffix ("(config-if)#"); NULL when out
 * of range. */
const char *cmd_mode_name(enum cmd_mode m);
const char *cmd_mode_prompt(enum cmd_mode m);
/* The parent mode (CMD_MODE_NONE for the EXEC modes). */
enum cmd_mode cmd_mode_parent(enum cmd_mode m);
/* True for global configuration and its submodes. */
bool cmd_mode_is_config(enum cmd_mode m);

/* Command flags. */
enum {
	CMD_NO = 1u << 0,      /* also valid after `no` / `default` */
	CMD_NO_ONLY = 1u << 1, /* valid only after `no` / `default` (a short
				* no-form such as `no ip address`) */
	CMD_UNIMPL = 1u << 2,  /* accepted and stored, behaviour not yet
				* implemented: reported once per process */
	CMD_HIDDEN = 1u << 3,  /* works, but not listed by `?` */
	CMD_NOEDIT = 1u << 4,  /* does not edit the configuration (exec
				* commands, exit/end/do): nothing to commit */
};

struct cmd_ctx;
struct cmd_args;

/* A handler.  Returns 0, or a negative value after cmd_error(). */
typedef int (*cmd_fn)(struct cmd_ctx *ctx, const struct cmd_args *args);

struct cmd_def {
	enum cmd_mode mode; /* where the command is valid */
	const char *syntax; /* grammar, see the top of this file */
	const char *help;   /* one line per token, '\n'-separated */
	cmd_fn fn;          /* handler */
	unsigned flags;     /* CMD_* */
	intptr_t data;      /* handler-specific constant (ctx->def->data) */
};

struct cmd_table;

/* An empty table holding the engine's own commands (`exit`, `end`, `do` in
 * every configuration mode).  NULL on allocation failure.  Free with
 * cmd_table_free(). */
struct cmd_table *cmd_table_new(void);
void cmd_table_free(struct cmd_table *t);

/*
 * Compile and add n definitions.  The table copies the definitions and their
 * strings, so the caller may pass temporaries.  Returns 0, -EINVAL when a
 * syntax string is malformed, LINE is not last, a command has more than 64
 * tokens or the number of help lines differs from the number of tokens
 * (nothing of that definition is added; the ones before it stay), or -ENOMEM.
 */
int cmd_install(struct cmd_table *t, const struct cmd_def *defs, size_t n);

/* Number of commands installed (all modes), for tests. */
size_t cmd_table_size(const struct cmd_table *t);

/* ---- arguments ---------------------------------------------------------- */

enum cmd_tok_kind {
	CMD_TOK_KEYWORD,
	CMD_TOK_WORD,
	CMD_TOK_LINE,
	CMD_TOK_IPV4,
	CMD_TOK_PREFIX,
	CMD_TOK_RANGE,
	CMD_TOK_IFNAME,
};

/* One matched token, in input order. */
struct cmd_arg {
	enum cmd_tok_kind kind;
	const char *name;  /* token name, see "TOKEN$name" above */
	const char *value; /* keyword: its full spelling; WORD: unquoted;
			    * LINE: the raw rest of the line; IFNAME: the
			    * canonical name ("Async1"); others: as typed */
	const char *raw;   /* the input text as typed (quotes kept) */
	size_t col;        /* byte offset of the word in the line */
	long long num;     /* CMD_TOK_RANGE: the value */
	uint32_t ip4;      /* IPV4/PREFIX: the address, host byte order */
	unsigned plen;     /* PREFIX: the prefix length */
	struct ifname ifn; /* IFNAME: the parsed name */
};

#define CMD_MAX_ARGS 64

struct cmd_args {
	size_t n;
	struct cmd_arg v[CMD_MAX_ARGS];
};

/* The first argument called `name`, or NULL. */
const struct cmd_arg *cmd_arg_get(const struct cmd_args *a, const char *name);
/* The idx-th (0-based) argument called `name`, or NULL. */
const struct cmd_arg *cmd_arg_nth(const struct cmd_args *a, const char *name,
				  size_t idx);
/* How many arguments are called `name`. */
size_t cmd_arg_count(const struct cmd_args *a, const char *name);
/* True when an argument called `name` was matched. */
bool cmd_arg_has(const struct cmd_args *a, const char *name);
/* The value of the first argument called `name`, or NULL. */
const char *cmd_arg_str(const struct cmd_args *a, const char *name);
/* The integer of the first <lo-hi> argument called `name` (already range
 * checked by the matcher), or dflt when absent. */
long long cmd_arg_num(const struct cmd_args *a, const char *name,
		      long long dflt);
/* The IPv4 address (host order) of the first argument called `name`;
 * false when absent. */
bool cmd_arg_ipv4(const struct cmd_args *a, const char *name, uint32_t *ip4);

/* Append the canonical text of the matched command to sb: keywords in full,
 * other words as typed (quotes kept), LINE verbatim, single spaces.  With
 * `neg`, prefixed by "no ".  Used to store accepted-only commands. */
void cmd_args_canon(const struct cmd_args *a, bool neg, struct strbuf *sb);
/* The leading keywords of the match ("router eigrp", "ip route"): names a
 * command kind without its arguments, so no secret is ever included. */
void cmd_args_kind(const struct cmd_args *a, struct strbuf *sb);

/* Append `s` as one config word: unchanged when it is non-empty and has no
 * space or leading quote, else in double quotes (`""` for the empty word). */
void cmd_quote(struct strbuf *sb, const char *s);

/* ---- execution ---------------------------------------------------------- */

#define CMD_KEY_MAX 96
#define CMD_MAX_DEPTH 4

/* One level of the mode stack: the mode and the *key* of its object (an
 * interface name, "tty 1 6", "router eigrp 202"...), never a pointer, since
 * each line may edit a fresh copy of the configuration. */
struct cmd_frame {
	enum cmd_mode mode;
	char key[CMD_KEY_MAX];
};

struct cmd_ctx {
	struct strbuf *out;     /* command output (show, help) */
	struct config *cand;    /* candidate configuration edited by config
				 * handlers; NULL in EXEC */
	void *app;              /* opaque, for the daemon's handlers */
	void *session;          /* opaque, for the vty's own handlers */
	struct logger *log;     /* notices (%PARSE-5-UNIMPL); may be NULL */
	const char *file;       /* source file name, NULL when interactive */
	unsigned lineno;        /* 1-based line in `file` */
	/* Mode stack: frames[0..depth], frames[depth] is the current mode. */
	struct cmd_frame frames[CMD_MAX_DEPTH];
	unsigned depth;
	/* Set by the engine for the duration of a handler call: */
	bool negate;               /* line started with `no` */
	bool deflt;                /* line started with `default` */
	const struct cmd_def *def; /* the command being run */
	const char *line;          /* the whole input line */
	const struct cmd_table *table;
	char errmsg[256];          /* set by cmd_error() */
};

/* Initialise a context in `mode` (frames[0]) with everything else empty. */
void cmd_ctx_init(struct cmd_ctx *ctx, enum cmd_mode mode);
/* Current mode and key. */
enum cmd_mode cmd_ctx_mode(const struct cmd_ctx *ctx);
const char *cmd_ctx_key(const struct cmd_ctx *ctx);
/* Key of the frame `up` levels above the current one ("" when none). */
const char *cmd_ctx_parent_key(const struct cmd_ctx *ctx, unsigned up);
/* Enter submode `mode` for object `key` (a handler of `interface`, `line`,
 * ...).  The frame is pushed above the current one. */
void cmd_enter(struct cmd_ctx *ctx, enum cmd_mode mode, const char *key);
/* Replace the whole stack by the single mode `mode` (configure terminal,
 * end, enable, disable). */
void cmd_reset_mode(struct cmd_ctx *ctx, enum cmd_mode mode);
/* Record a one-line error message ("% Invalid pool range") and return -1,
 * for `return cmd_error(ctx, ...)`. */
int cmd_error(struct cmd_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

enum cmd_status {
	CMD_OK = 0,
	CMD_ERR_INVALID,    /* % Invalid input detected at '^' marker. */
	CMD_ERR_INCOMPLETE, /* % Incomplete command. */
	CMD_ERR_AMBIGUOUS,  /* % Ambiguous command:  "sh" */
	CMD_ERR_HANDLER,    /* the handler refused: message in `msg` */
};

struct cmd_result {
	enum cmd_status status;
	size_t col;    /* INVALID: byte offset of the first offending char;
			* AMBIGUOUS: end of the ambiguous word */
	size_t wcol;   /* INVALID: start of the offending word */
	char word[64]; /* INVALID: the offending word (truncated) */
	char msg[256]; /* HANDLER: the message */
	const struct cmd_def *def; /* OK/HANDLER: the command that ran */
};

/*
 * Execute one line in the context's current mode: blank lines and lines
 * whose first non-blank character is '!' do nothing.  A line that does not
 * match in a configuration submode is tried in the parent modes (the stack
 * is popped to the level that matched).  A CMD_UNIMPL command is reported
 * once per table through ctx->log before its handler runs.  Fills *res and
 * returns res->status.  Never calls back into anything but the handler.
 */
enum cmd_status cmd_execute(const struct cmd_table *t, struct cmd_ctx *ctx,
			    const char *line, struct cmd_result *res);

/* Render an error the interactive way: for INVALID the echoed line
 * (`echo_prefix` + line, e.g. the prompt), a caret line and the message;
 * otherwise the one message line.  Nothing for CMD_OK. */
void cmd_error_format(const struct cmd_result *res, const char *line,
		      const char *echo_prefix, struct strbuf *out);
/* Render an error as one line for a file: "FILE:LINE: % Invalid input
 * detected at 'interfce' (column 1)" plus a newline. */
void cmd_error_format_file(const struct cmd_result *res, const char *file,
			   unsigned lineno, struct strbuf *out);

/*
 * `?` help for `partial` (the line typed before the '?') in the context's
 * mode.  After a space (or on an empty line): every token that may come
 * next with its help, two columns, and "<cr>" when the command may end
 * there.  Directly after a word: the keywords it abbreviates ("sh?" gives
 * "show").  Errors in the words before render as for cmd_error_format()
 * with `echo_prefix`.  Words that do not fit a submode are tried in its
 * parent modes, as cmd_execute() does.
 */
void cmd_help(const struct cmd_table *t, const struct cmd_ctx *ctx,
	      const char *partial, const char *echo_prefix,
	      struct strbuf *out);

/*
 * Tab completion of the last word of `partial`.  When the word abbreviates
 * exactly one keyword, line_out gets the line with the keyword completed and
 * a space, and true is returned.  When it abbreviates several, line_out gets
 * the line extended to their longest common prefix (true if that added
 * something) and list_out the candidates as for `?`.  Otherwise line_out
 * gets `partial` unchanged and false is returned.
 */
bool cmd_complete(const struct cmd_table *t, const struct cmd_ctx *ctx,
		  const char *partial, struct strbuf *line_out,
		  struct strbuf *list_out);

#endif /* NASD_CONFIG_CMD_H */
