/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chat_compile.c - the chat-script compiler: IOS `chat-script` text to the
 * steps of chat_int.h.  Owns the lexer (words, quotes, escapes), the
 * alternation of expect and send strings, the ABORT and TIMEOUT keywords and
 * every syntax error message.  The language is described in chat.h.
 *
 * The whole text is validated before a script is returned: a script either
 * compiles completely or not at all, with one message naming the first
 * problem and its column.
 */
#include "chat_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One word of the text: raw[0..len) as written, without its quotes. */
struct word {
	const char *raw;
	size_t len;
	size_t col; /* 1-based column of the word's first character */
	bool quoted;
};

struct cc {
	const char *text;
	size_t pos; /* next character to lex */
	char *err;
	size_t errlen;
	struct chat_script *s;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

static bool is_ctl(char c)
{
	unsigned char u = (unsigned char)c;

	return u < 0x20 || u == 0x7f;
}

/* U+201C or U+201D in UTF-8: pasted from a typeset document (seed 003
 * prints its scripts with them).  IOS would send them as octets; nobody
 * means that. */
static bool typo_quote_at(const char *p)
{
	return (unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
	       ((unsigned char)p[2] == 0x9c || (unsigned char)p[2] == 0x9d);
}

__attribute__((format(printf, 2, 3))) static int fail(struct cc *cc,
						      const char *fmt, ...)
{
	va_list ap;

	if (cc->err && cc->errlen) {
		va_start(ap, fmt);
		vsnprintf(cc->err, cc->errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static int fail_oom(struct cc *cc)
{
	if (cc->err && cc->errlen)
		snprintf(cc->err, cc->errlen, "out of memory");
	return -ENOMEM;
}

/* ---- lexer --------------------------------------------------------------- */

enum lex_err {
	LEX_OK,
	LEX_QUOTE_INSIDE,
	LEX_TYPO_QUOTE,
	LEX_CONTROL,
	LEX_DANGLING,
	LEX_UNTERMINATED,
};

/*
 * Scan a bare word at p up to a blank or the end.  A backslash always takes
 * the next character with it, so `\"` is part of the word.  Returns LEX_OK
 * with *len, or an error with *at = offset of the offending character.
 */
static enum lex_err scan_bare(const char *p, size_t *len, size_t *at)
{
	size_t i = 0;

	while (p[i] && !is_blank(p[i])) {
		*at = i;
		if (p[i] == '"')
			return LEX_QUOTE_INSIDE;
		if (typo_quote_at(p + i))
			return LEX_TYPO_QUOTE;
		if (is_ctl(p[i]))
			return LEX_CONTROL;
		if (p[i] == '\\') {
			if (!p[i + 1] || is_blank(p[i + 1]))
				return LEX_DANGLING;
			if (is_ctl(p[i + 1])) {
				*at = i + 1;
				return LEX_CONTROL;
			}
			i += 2;
			continue;
		}
		i++;
	}
	*len = i;
	return LEX_OK;
}

/* Scan the inside of a quoted string (p is just after the opening quote)
 * up to the closing quote.  Blanks are kept, \" does not close. */
static enum lex_err scan_quoted(const char *p, size_t *len, size_t *at)
{
	size_t i = 0;

	while (p[i] != '"') {
		*at = i;
		if (!p[i])
			return LEX_UNTERMINATED;
		if (is_ctl(p[i]))
			return LEX_CONTROL;
		if (p[i] == '\\') {
			if (!p[i + 1])
				return LEX_UNTERMINATED;
			if (is_ctl(p[i + 1])) {
				*at = i + 1;
				return LEX_CONTROL;
			}
			i += 2;
			continue;
		}
		i++;
	}
	*len = i;
	return LEX_OK;
}

static int lex_fail(struct cc *cc, enum lex_err e, size_t col, size_t word_col)
{
	switch (e) {
	case LEX_QUOTE_INSIDE:
		return fail(cc,
			    "quote inside a word at column %zu (quote the "
			    "whole word, or write \\\")",
			    col);
	case LEX_TYPO_QUOTE:
		return fail(cc,
			    "typographic quote at column %zu (use plain \" "
			    "quotes)",
			    col);
	case LEX_CONTROL:
		return fail(cc,
			    "control character at column %zu (write it as "
			    "\\r, \\n or \\t)",
			    col);
	case LEX_DANGLING:
		return fail(cc,
			    "dangling escape at column %zu: a backslash must "
			    "be followed by a character",
			    col);
	case LEX_UNTERMINATED:
		return fail(cc, "unterminated quote starting at column %zu",
			    word_col);
	case LEX_OK:
		break;
	}
	return fail(cc, "internal lexer error at column %zu", col);
}

/* Next word into *w: 1 when there is one, 0 at the end, -EINVAL. */
static int lex_next(struct cc *cc, struct word *w)
{
	const char *t = cc->text;
	size_t len = 0, at = 0;
	enum lex_err e;

	while (is_blank(t[cc->pos]))
		cc->pos++;
	if (!t[cc->pos])
		return 0;
	w->col = cc->pos + 1;
	if (t[cc->pos] == '"') {
		e = scan_quoted(t + cc->pos + 1, &len, &at);
		if (e != LEX_OK)
			return lex_fail(cc, e, cc->pos + 1 + at + 1, w->col);
		w->raw = t + cc->pos + 1;
		w->len = len;
		w->quoted = true;
		cc->pos += len + 2;
		if (t[cc->pos] && !is_blank(t[cc->pos]))
			return fail(cc,
				    "text right after the closing quote at "
				    "column %zu (leave a blank between words)",
				    cc->pos + 1);
		return 1;
	}
	e = scan_bare(t + cc->pos, &len, &at);
	if (e != LEX_OK)
		return lex_fail(cc, e, cc->pos + at + 1, w->col);
	w->raw = t + cc->pos;
	w->len = len;
	w->quoted = false;
	cc->pos += len;
	return 1;
}

static bool raw_is(const char *raw, size_t len, const char *kw)
{
	return len == strlen(kw) && memcmp(raw, kw, len) == 0;
}

static bool is_keyword(const char *raw, size_t len)
{
	return raw_is(raw, len, "ABORT") || raw_is(raw, len, "TIMEOUT");
}

static bool bare_keyword(const struct word *w)
{
	return !w->quoted && is_keyword(w->raw, w->len);
}

/* `TIMEOUT60`: a keyword glued to its number, as seed 001's rendered text
 * shows it.  As an expect string it would shift every pair after it. */
static bool glued_timeout(const char *raw, size_t len)
{
	size_t k = strlen("TIMEOUT");

	if (len <= k || memcmp(raw, "TIMEOUT", k) != 0)
		return false;
	for (size_t i = k; i < len; i++)
		if (raw[i] < '0' || raw[i] > '9')
			return false;
	return true;
}

bool chat_bare_ok(const char *text)
{
	size_t len = 0, at = 0, n = strlen(text);

	if (n == 0 || scan_bare(text, &len, &at) != LEX_OK || len != n)
		return false;
	return !is_keyword(text, n) && !glued_timeout(text, n);
}

/* ---- strings ------------------------------------------------------------- */

/* Escapes that only make sense in a send string. */
static bool send_only_escape(char c)
{
	return c == 'T' || c == 'c' || c == 'd' || c == 'p' || c == 'K' ||
	       c == 'N';
}

/* The octet a common escape stands for, or -1 for an unknown escape (sent
 * or matched literally, backslash included, as IOS does). */
static int common_escape(char c)
{
	switch (c) {
	case 'r':
		return '\r';
	case 'n':
		return '\n';
	case 's':
		return ' ';
	case 't':
		return '\t';
	case '\\':
		return '\\';
	case '"':
		return '"';
	default:
		return -1;
	}
}

static char *dup_raw(const struct word *w)
{
	char *p = malloc(w->len + 1);

	if (p) {
		memcpy(p, w->raw, w->len);
		p[w->len] = '\0';
	}
	return p;
}

/* Append one literal octet to buf[0..*n), at most CHAT_STRING_MAX. */
static bool put_octet(uint8_t *buf, size_t *n, int c)
{
	if (*n >= CHAT_STRING_MAX)
		return false;
	buf[(*n)++] = (uint8_t)c;
	return true;
}

static int too_long(struct cc *cc, const struct word *w)
{
	return fail(cc, "string at column %zu is longer than %d octets", w->col,
		    CHAT_STRING_MAX);
}

/* Compile an expect or ABORT string (`role` names it in messages) into
 * st->bytes. */
static int compile_match(struct cc *cc, const struct word *w, const char *role,
			 struct chat_step *st)
{
	uint8_t buf[CHAT_STRING_MAX];
	size_t n = 0;

	for (size_t i = 0; i < w->len; i++) {
		char c = w->raw[i];
		int e;

		if (c != '\\') {
			if (!put_octet(buf, &n, c))
				return too_long(cc, w);
			continue;
		}
		/* The lexer guarantees a character after every backslash. */
		c = w->raw[++i];
		if (send_only_escape(c))
			return fail(cc,
				    "\\%c at column %zu is only valid in a "
				    "send string, not in %s",
				    c, w->col + (w->quoted ? 1 : 0) + i - 1,
				    role);
		e = common_escape(c);
		if (e < 0) {
			if (!put_octet(buf, &n, '\\') || !put_octet(buf, &n, c))
				return too_long(cc, w);
		} else if (!put_octet(buf, &n, e)) {
			return too_long(cc, w);
		}
	}
	st->text = dup_raw(w);
	st->bytes = malloc(n ? n : 1);
	if (!st->text || !st->bytes)
		return fail_oom(cc);
	memcpy(st->bytes, buf, n);
	st->len = n;
	return 0;
}

/* Add a literal octet to the send string, extending the open LIT element. */
static bool send_lit(struct chat_step *st, size_t *nel, int c)
{
	struct chat_elem *el = *nel ? &st->elems[*nel - 1] : NULL;

	if (st->len >= CHAT_STRING_MAX)
		return false;
	if (!el || el->kind != CHAT_ELEM_LIT) {
		el = &st->elems[(*nel)++];
		el->kind = CHAT_ELEM_LIT;
		el->off = (uint16_t)st->len;
		el->len = 0;
	}
	st->bytes[st->len++] = (uint8_t)c;
	el->len++;
	return true;
}

static void send_elem(struct chat_step *st, size_t *nel,
		      enum chat_elem_kind kind, uint16_t pause_ms)
{
	struct chat_elem *el = &st->elems[(*nel)++];

	el->kind = kind;
	el->off = 0;
	el->len = 0;
	el->pause_ms = pause_ms;
}

static int compile_send(struct cc *cc, const struct word *w,
			struct chat_step *st)
{
	size_t nel = 0;

	st->text = dup_raw(w);
	st->bytes = malloc(CHAT_STRING_MAX);
	/* At most one element per character of the word. */
	st->elems = calloc(w->len ? w->len : 1, sizeof(*st->elems));
	if (!st->text || !st->bytes || !st->elems)
		return fail_oom(cc);
	for (size_t i = 0; i < w->len; i++) {
		char c = w->raw[i];
		int e;
		bool ok = true;

		if (c != '\\') {
			if (!send_lit(st, &nel, c))
				return too_long(cc, w);
			continue;
		}
		c = w->raw[++i];
		switch (c) {
		case 'T':
			send_elem(st, &nel, CHAT_ELEM_NUMBER, 0);
			st->uses_number = true;
			break;
		case 'c':
			st->no_cr = true;
			break;
		case 'd':
			send_elem(st, &nel, CHAT_ELEM_PAUSE, CHAT_PAUSE_D_MS);
			break;
		case 'p':
			send_elem(st, &nel, CHAT_ELEM_PAUSE, CHAT_PAUSE_P_MS);
			break;
		case 'K':
			send_elem(st, &nel, CHAT_ELEM_BREAK, 0);
			break;
		case 'N':
			ok = send_lit(st, &nel, 0);
			break;
		default:
			e = common_escape(c);
			if (e >= 0)
				ok = send_lit(st, &nel, e);
			else
				ok = send_lit(st, &nel, '\\') &&
				     send_lit(st, &nel, c);
			break;
		}
		if (!ok)
			return too_long(cc, w);
	}
	st->nelems = nel;
	return 0;
}

/* ---- keywords ------------------------------------------------------------ */

static int compile_timeout(struct cc *cc, const struct word *kw,
			   struct chat_step *st)
{
	struct word w;
	uint32_t v = 0;
	int rc = lex_next(cc, &w);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return fail(cc,
			    "TIMEOUT at column %zu needs a number of seconds "
			    "(1-%d)",
			    kw->col, CHAT_TIMEOUT_MAX_S);
	if (w.quoted || w.len == 0)
		return fail(cc,
			    "TIMEOUT at column %zu needs a number of seconds "
			    "(1-%d), not a quoted string",
			    kw->col, CHAT_TIMEOUT_MAX_S);
	for (size_t i = 0; i < w.len; i++) {
		if (w.raw[i] < '0' || w.raw[i] > '9')
			return fail(cc,
				    "TIMEOUT at column %zu needs a number of "
				    "seconds (1-%d), not \"%.*s\"",
				    kw->col, CHAT_TIMEOUT_MAX_S,
				    (int)(w.len > 32 ? 32 : w.len), w.raw);
		/* Saturate instead of overflowing on a long digit string. */
		if (v <= CHAT_TIMEOUT_MAX_S)
			v = v * 10 + (uint32_t)(w.raw[i] - '0');
	}
	if (v < 1 || v > CHAT_TIMEOUT_MAX_S)
		return fail(cc,
			    "TIMEOUT %.*s at column %zu is out of range (1-%d "
			    "seconds)",
			    (int)(w.len > 32 ? 32 : w.len), w.raw, kw->col,
			    CHAT_TIMEOUT_MAX_S);
	st->kind = CHAT_STEP_TIMEOUT;
	st->timeout_s = v;
	st->text = strdup("");
	return st->text ? 0 : fail_oom(cc);
}

static int compile_abort(struct cc *cc, const struct word *kw,
			 struct chat_step *st)
{
	struct word w;
	int rc = lex_next(cc, &w);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return fail(cc, "ABORT at column %zu needs a string", kw->col);
	if (bare_keyword(&w))
		return fail(cc,
			    "ABORT at column %zu needs a string, not the "
			    "keyword %.*s (quote it to abort on that word)",
			    kw->col, (int)w.len, w.raw);
	if (w.len == 0)
		return fail(cc, "ABORT at column %zu: the string is empty",
			    kw->col);
	if (cc->s->naborts >= CHAT_ABORTS_MAX)
		return fail(cc, "more than %d ABORT strings (column %zu)",
			    CHAT_ABORTS_MAX, kw->col);
	st->kind = CHAT_STEP_ABORT;
	return compile_match(cc, &w, "an ABORT string", st);
}

/* ---- script -------------------------------------------------------------- */

static int compile_words(struct cc *cc)
{
	struct chat_script *s = cc->s;
	bool want_expect = true;
	size_t last_col = 0;
	struct word w;
	int rc;

	while ((rc = lex_next(cc, &w)) > 0) {
		struct chat_step *st;

		if (!w.quoted && glued_timeout(w.raw, w.len))
			return fail(cc,
				    "%.*s at column %zu: TIMEOUT and its "
				    "number are separate words",
				    (int)(w.len > 32 ? 32 : w.len), w.raw,
				    w.col);
		if (s->nsteps >= CHAT_STEPS_MAX)
			return fail(cc,
				    "more than %d steps (column %zu); split "
				    "the script",
				    CHAT_STEPS_MAX, w.col);
		st = &s->steps[s->nsteps];
		last_col = w.col;
		if (bare_keyword(&w) && !want_expect)
			return fail(cc,
				    "keyword %.*s at column %zu where a send "
				    "string is due (quote it to send the "
				    "word)",
				    (int)w.len, w.raw, w.col);
		if (raw_is(w.raw, w.len, "TIMEOUT") && !w.quoted) {
			rc = compile_timeout(cc, &w, st);
		} else if (raw_is(w.raw, w.len, "ABORT") && !w.quoted) {
			rc = compile_abort(cc, &w, st);
			if (rc == 0)
				s->aborts[s->naborts++] = s->nsteps;
		} else if (want_expect) {
			st->kind = CHAT_STEP_EXPECT;
			rc = compile_match(cc, &w, "an expect string", st);
			want_expect = false;
		} else {
			st->kind = CHAT_STEP_SEND;
			rc = compile_send(cc, &w, st);
			want_expect = true;
		}
		/* Count the step even on failure so its memory is freed. */
		s->nsteps++;
		if (rc < 0)
			return rc;
		if ((st->kind == CHAT_STEP_EXPECT ||
		     st->kind == CHAT_STEP_ABORT) &&
		    st->len > s->window_bytes)
			s->window_bytes = st->len;
		if (st->kind == CHAT_STEP_SEND && st->uses_number)
			s->uses_number = true;
	}
	if (rc < 0)
		return rc;
	if (s->nsteps == 0)
		return fail(cc, "empty chat script");
	switch (s->steps[s->nsteps - 1].kind) {
	case CHAT_STEP_ABORT:
	case CHAT_STEP_TIMEOUT:
		return fail(cc,
			    "script ends with %s at column %zu: no expect "
			    "follows it",
			    s->steps[s->nsteps - 1].kind == CHAT_STEP_ABORT
				    ? "ABORT"
				    : "TIMEOUT",
			    last_col);
	default:
		break;
	}
	return 0;
}

int chat_compile(const char *text, struct chat_script **out, char *err,
		 size_t errlen)
{
	struct cc cc = {.text = text, .err = err, .errlen = errlen};
	struct chat_script *s;
	int rc;

	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	if (!text)
		return fail(&cc, "empty chat script");
	if (strnlen(text, CHAT_TEXT_MAX + 1) > CHAT_TEXT_MAX)
		return fail(&cc, "chat script longer than %d characters",
			    CHAT_TEXT_MAX);
	s = calloc(1, sizeof(*s));
	if (!s)
		return fail_oom(&cc);
	s->steps = calloc(CHAT_STEPS_MAX, sizeof(*s->steps));
	s->aborts = calloc(CHAT_ABORTS_MAX, sizeof(*s->aborts));
	s->window_bytes = 1;
	cc.s = s;
	if (!s->steps || !s->aborts) {
		chat_script_free(s);
		return fail_oom(&cc);
	}
	rc = compile_words(&cc);
	if (rc < 0) {
		chat_script_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void chat_script_free(struct chat_script *s)
{
	if (!s)
		return;
	for (size_t i = 0; s->steps && i < s->nsteps; i++) {
		free(s->steps[i].text);
		free(s->steps[i].bytes);
		free(s->steps[i].elems);
	}
	free(s->steps);
	free(s->aborts);
	free(s);
}

bool chat_script_uses_number(const struct chat_script *s)
{
	return s && s->uses_number;
}
