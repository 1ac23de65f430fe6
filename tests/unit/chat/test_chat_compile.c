/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the chat-script compiler and printer (src/chat/
 * chat_compile.c, chat_print.c): the seed 001 and 003 scripts, the octets
 * every escape compiles to, every syntax error with its exact message, the
 * limits, and the print/compile fixpoint.  The compiled form is inspected
 * through chat_int.h so a wrong octet cannot hide behind a symmetric bug in
 * the printer.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chat.h"
#include "chat_int.h"

/* Seed 001 (configuration of isdn2-2) and seed 003 (recommended ARA
 * script, typographic quotes replaced by plain ones). */
#define SEED_OFFHOOK "\"\" \"ATH1\" OK"
#define SEED_CALLBACK                                                          \
	"ABORT ERROR ABORT BUSY \"\" \"ATZ\" OK \"ATDT \\T\" TIMEOUT 60 "      \
	"CONNECT \\c"
#define SEED_ARA                                                               \
	"ABORT ERROR ABORT BUSY \"\" \"ATZ\" OK \"ATS180=0\" OK "              \
	"\"ATS181=1\" OK \"ATDT \\T\" TIMEOUT 60 CONNECT \\c"

static struct chat_script *compile_ok(const char *text)
{
	struct chat_script *s = NULL;
	char err[256] = "";
	int rc = chat_compile(text, &s, err, sizeof(err));

	if (rc != 0)
		fail_msg("'%s' did not compile: %s", text, err);
	assert_non_null(s);
	return s;
}

static char *print(const struct chat_script *s)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;

	chat_script_print(s, &sb);
	assert_false(sb.oom);
	out = sb_steal(&sb);
	assert_non_null(out);
	return out;
}

static void assert_canonical(const char *text, const char *want)
{
	struct chat_script *s = compile_ok(text), *s2;
	char *got = print(s), *again;

	assert_string_equal(got, want);
	/* Fixpoint: the canonical text compiles to a script printing the
	 * same text. */
	s2 = compile_ok(got);
	again = print(s2);
	assert_string_equal(again, got);
	free(again);
	chat_script_free(s2);
	free(got);
	chat_script_free(s);
}

static void assert_step_bytes(const struct chat_step *st, const void *want,
			      size_t n)
{
	assert_int_equal(st->len, n);
	if (n)
		assert_memory_equal(st->bytes, want, n);
}

/* ---- seeds --------------------------------------------------------------- */

static void test_seed_offhook(void **state)
{
	struct chat_script *s = compile_ok(SEED_OFFHOOK);

	(void)state;
	assert_int_equal(s->nsteps, 3);
	assert_int_equal(s->steps[0].kind, CHAT_STEP_EXPECT);
	assert_int_equal(s->steps[0].len, 0);
	assert_int_equal(s->steps[1].kind, CHAT_STEP_SEND);
	assert_string_equal(s->steps[1].text, "ATH1");
	assert_step_bytes(&s->steps[1], "ATH1", 4);
	assert_false(s->steps[1].no_cr);
	assert_int_equal(s->steps[2].kind, CHAT_STEP_EXPECT);
	assert_step_bytes(&s->steps[2], "OK", 2);
	assert_false(chat_script_uses_number(s));
	assert_int_equal(s->naborts, 0);
	chat_script_free(s);
	assert_canonical(SEED_OFFHOOK, "\"\" ATH1 OK");
}

static void test_seed_callback(void **state)
{
	struct chat_script *s = compile_ok(SEED_CALLBACK);
	static const enum chat_step_kind kinds[] = {
		CHAT_STEP_ABORT,   CHAT_STEP_ABORT,  CHAT_STEP_EXPECT,
		CHAT_STEP_SEND,	   CHAT_STEP_EXPECT, CHAT_STEP_SEND,
		CHAT_STEP_TIMEOUT, CHAT_STEP_EXPECT, CHAT_STEP_SEND,
	};
	const struct chat_step *dial = &s->steps[5];

	(void)state;
	assert_int_equal(s->nsteps, 9);
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(s->steps[i].kind, kinds[i]);
	assert_int_equal(s->naborts, 2);
	assert_step_bytes(&s->steps[s->aborts[0]], "ERROR", 5);
	assert_step_bytes(&s->steps[s->aborts[1]], "BUSY", 4);
	assert_int_equal(s->steps[6].timeout_s, 60);
	/* "ATDT \T": literal "ATDT " then the number. */
	assert_string_equal(dial->text, "ATDT \\T");
	assert_int_equal(dial->nelems, 2);
	assert_int_equal(dial->elems[0].kind, CHAT_ELEM_LIT);
	assert_int_equal(dial->elems[0].len, 5);
	assert_memory_equal(dial->bytes, "ATDT ", 5);
	assert_int_equal(dial->elems[1].kind, CHAT_ELEM_NUMBER);
	assert_true(dial->uses_number);
	/* \c alone: nothing to send, not even the CR. */
	assert_int_equal(s->steps[8].nelems, 0);
	assert_true(s->steps[8].no_cr);
	assert_string_equal(s->steps[8].text, "\\c");
	assert_true(chat_script_uses_number(s));
	/* The window is as long as the longest expect or ABORT string. */
	assert_int_equal(s->window_bytes, strlen("CONNECT"));
	chat_script_free(s);
	assert_canonical(SEED_CALLBACK, "ABORT ERROR ABORT BUSY \"\" ATZ OK "
					"\"ATDT \\T\" TIMEOUT 60 CONNECT \\c");
}

static void test_seed_ara(void **state)
{
	(void)state;
	assert_canonical(SEED_ARA, "ABORT ERROR ABORT BUSY \"\" ATZ OK "
				   "ATS180=0 OK ATS181=1 OK \"ATDT \\T\" "
				   "TIMEOUT 60 CONNECT \\c");
}

/* ---- escapes ------------------------------------------------------------- */

static void test_send_escapes(void **state)
{
	struct chat_script *s =
		compile_ok("\"\" \"a\\rb\\nc\\sd\\te\\\\f\\\"g\\Nh\\xi\"");
	const struct chat_step *st = &s->steps[1];
	static const uint8_t want[] = {'a', '\r', 'b', '\n', 'c', ' ',
				       'd', '\t', 'e', '\\', 'f', '"',
				       'g', 0,	  'h', '\\', 'x', 'i'};

	(void)state;
	assert_int_equal(st->kind, CHAT_STEP_SEND);
	assert_int_equal(st->nelems, 1);
	assert_int_equal(st->elems[0].kind, CHAT_ELEM_LIT);
	assert_step_bytes(st, want, sizeof(want));
	assert_false(st->no_cr);
	chat_script_free(s);
}

static void test_send_control_escapes(void **state)
{
	struct chat_script *s = compile_ok("\"\" AT\\dZ\\p\\KX\\T\\c");
	const struct chat_step *st = &s->steps[1];

	(void)state;
	assert_int_equal(st->nelems, 7);
	assert_int_equal(st->elems[0].kind, CHAT_ELEM_LIT);
	assert_int_equal(st->elems[0].len, 2);
	assert_int_equal(st->elems[1].kind, CHAT_ELEM_PAUSE);
	assert_int_equal(st->elems[1].pause_ms, 2000);
	assert_int_equal(st->elems[2].kind, CHAT_ELEM_LIT);
	assert_int_equal(st->elems[2].off, 2);
	assert_int_equal(st->elems[3].kind, CHAT_ELEM_PAUSE);
	assert_int_equal(st->elems[3].pause_ms, 250);
	assert_int_equal(st->elems[4].kind, CHAT_ELEM_BREAK);
	assert_int_equal(st->elems[5].kind, CHAT_ELEM_LIT);
	assert_int_equal(st->elems[6].kind, CHAT_ELEM_NUMBER);
	assert_step_bytes(st, "ATZX", 4);
	assert_true(st->no_cr);
	assert_true(st->uses_number);
	chat_script_free(s);
}

static void test_expect_escapes(void **state)
{
	struct chat_script *s =
		compile_ok("\"\\r\\nCONNECT\\s33600\\t\\\\\\\"\\q-x\" x "
			   "ABORT NO\\sCARRIER y");
	static const char want[] = "\r\nCONNECT 33600\t\\\"\\q-x";

	(void)state;
	assert_int_equal(s->steps[0].kind, CHAT_STEP_EXPECT);
	assert_step_bytes(&s->steps[0], want, strlen(want));
	assert_int_equal(s->steps[2].kind, CHAT_STEP_ABORT);
	assert_step_bytes(&s->steps[2], "NO CARRIER", 10);
	assert_int_equal(s->steps[3].kind, CHAT_STEP_EXPECT);
	chat_script_free(s);
}

static void test_keywords(void **state)
{
	struct chat_script *s;

	(void)state;
	/* Quoted keywords are plain strings; keywords do not disturb the
	 * alternation; lower case is not a keyword (IOS is case-sensitive). */
	s = compile_ok("\"ABORT\" \"TIMEOUT\" TIMEOUT 7 abort timeout");
	assert_int_equal(s->nsteps, 5);
	assert_int_equal(s->steps[0].kind, CHAT_STEP_EXPECT);
	assert_step_bytes(&s->steps[0], "ABORT", 5);
	assert_int_equal(s->steps[1].kind, CHAT_STEP_SEND);
	assert_int_equal(s->steps[2].kind, CHAT_STEP_TIMEOUT);
	assert_int_equal(s->steps[2].timeout_s, 7);
	assert_int_equal(s->steps[3].kind, CHAT_STEP_EXPECT);
	assert_int_equal(s->steps[4].kind, CHAT_STEP_SEND);
	chat_script_free(s);
	/* A quoted keyword as an ABORT string. */
	s = compile_ok("ABORT \"TIMEOUT\" \"\" ATZ");
	assert_int_equal(s->steps[0].kind, CHAT_STEP_ABORT);
	assert_step_bytes(&s->steps[0], "TIMEOUT", 7);
	chat_script_free(s);
	/* TIMEOUT bounds and leading zeros. */
	s = compile_ok("TIMEOUT 1 OK x TIMEOUT 3600 OK y TIMEOUT 0060 OK");
	assert_int_equal(s->steps[0].timeout_s, 1);
	assert_int_equal(s->steps[3].timeout_s, 3600);
	assert_int_equal(s->steps[6].timeout_s, 60);
	chat_script_free(s);
	/* Dashes are literal: no chat(8) sub-expects. */
	s = compile_ok("ogin:--ogin: x");
	assert_step_bytes(&s->steps[0], "ogin:--ogin:", 12);
	chat_script_free(s);
}

/* ---- errors -------------------------------------------------------------- */

struct err_case {
	const char *text;
	const char *msg;
};

static const struct err_case err_cases[] = {
	{"", "empty chat script"},
	{"   \t ", "empty chat script"},
	{"\"\" \"ATZ", "unterminated quote starting at column 4"},
	{"\"\" \"ATZ\\\"", "unterminated quote starting at column 4"},
	{"\"\" \"ATZ\"OK", "text right after the closing quote at column 9 "
			   "(leave a blank between words)"},
	{"\"\" AT\"Z\"", "quote inside a word at column 6 (quote the whole "
			 "word, or write \\\")"},
	{"\xe2\x80\x9c\xe2\x80\x9c \xe2\x80\x9c"
	 "ATZ\xe2\x80\x9d OK",
	 "typographic quote at column 1 (use plain \" quotes)"},
	{"\"\" \"AT\x01Z\"", "control character at column 7 (write it as "
			     "\\r, \\n or \\t)"},
	{"\"\" AT\\\x01", "control character at column 7 (write it as "
			  "\\r, \\n or \\t)"},
	{"\"\" ATZ\\", "dangling escape at column 7: a backslash must be "
		       "followed by a character"},
	{"\"\" ATZ\\ OK", "dangling escape at column 7: a backslash must be "
			  "followed by a character"},
	{"\"\" ATDT TIMEOUT60 CONNECT",
	 "TIMEOUT60 at column 9: TIMEOUT and its number are separate words"},
	{"\"\" ATDT TIMEOUT", "TIMEOUT at column 9 needs a number of seconds "
			      "(1-3600)"},
	{"TIMEOUT sixty OK", "TIMEOUT at column 1 needs a number of seconds "
			     "(1-3600), not \"sixty\""},
	{"TIMEOUT 6x OK", "TIMEOUT at column 1 needs a number of seconds "
			  "(1-3600), not \"6x\""},
	{"TIMEOUT \"60\" OK", "TIMEOUT at column 1 needs a number of "
			      "seconds (1-3600), not a quoted string"},
	{"TIMEOUT 0 OK", "TIMEOUT 0 at column 1 is out of range (1-3600 "
			 "seconds)"},
	{"TIMEOUT 3601 OK", "TIMEOUT 3601 at column 1 is out of range "
			    "(1-3600 seconds)"},
	{"TIMEOUT 99999999999999999999 OK",
	 "TIMEOUT 99999999999999999999 at column 1 is out of range (1-3600 "
	 "seconds)"},
	{"\"\" ATZ ABORT", "ABORT at column 8 needs a string"},
	{"ABORT \"\" OK", "ABORT at column 1: the string is empty"},
	{"ABORT TIMEOUT 30 OK", "ABORT at column 1 needs a string, not the "
				"keyword TIMEOUT (quote it to abort on that "
				"word)"},
	{"\"\" ATZ OK x ABORT BUSY",
	 "script ends with ABORT at column 13: no expect follows it"},
	{"\"\" ATZ TIMEOUT 30", "script ends with TIMEOUT at column 8: no "
				"expect follows it"},
	{"OK ABORT BUSY", "keyword ABORT at column 4 where a send string is "
			  "due (quote it to send the word)"},
	{"OK TIMEOUT 5", "keyword TIMEOUT at column 4 where a send string is "
			 "due (quote it to send the word)"},
	{"\"\\T\" x", "\\T at column 2 is only valid in a send string, not in "
		      "an expect string"},
	{"OK\\c x", "\\c at column 3 is only valid in a send string, not in "
		    "an expect string"},
	{"ABORT BU\\dSY OK", "\\d at column 9 is only valid in a send "
			     "string, not in an ABORT string"},
	{"OK \\p \\N x", "\\N at column 7 is only valid in a send string, "
			 "not in an expect string"},
	{"\\K", "\\K at column 1 is only valid in a send string, not in an "
		"expect string"},
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
		struct chat_script *s = (struct chat_script *)&s;
		char err[256] = "unchanged";
		int rc = chat_compile(err_cases[i].text, &s, err, sizeof(err));

		if (rc != -EINVAL || strcmp(err, err_cases[i].msg) != 0)
			fail_msg("case %zu '%s': rc %d, message '%s', want "
				 "'%s'",
				 i, err_cases[i].text, rc, err,
				 err_cases[i].msg);
		assert_null(s);
	}
}

static void test_error_buffer(void **state)
{
	struct chat_script *s;
	char err[8];

	(void)state;
	/* Truncated but terminated; no buffer at all is fine too. */
	assert_int_equal(chat_compile("\"", &s, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "untermi");
	assert_int_equal(chat_compile("\"", &s, NULL, 0), -EINVAL);
	assert_int_equal(chat_compile(NULL, &s, err, sizeof(err)), -EINVAL);
	assert_null(s);
	/* Success clears the message. */
	assert_int_equal(chat_compile("OK", &s, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	chat_script_free(s);
	chat_script_free(NULL);
	assert_false(chat_script_uses_number(NULL));
}

static char *repeat_words(const char *word, size_t n)
{
	size_t wl = strlen(word);
	char *t = malloc(n * (wl + 1) + 1);

	assert_non_null(t);
	for (size_t i = 0; i < n; i++) {
		memcpy(t + i * (wl + 1), word, wl);
		t[i * (wl + 1) + wl] = ' ';
	}
	t[n * (wl + 1)] = '\0';
	return t;
}

static void test_limits(void **state)
{
	struct chat_script *s;
	char err[256], *t;
	char big[CHAT_STRING_MAX + 8];

	(void)state;
	t = repeat_words("x", CHAT_STEPS_MAX);
	s = compile_ok(t);
	assert_int_equal(s->nsteps, CHAT_STEPS_MAX);
	chat_script_free(s);
	free(t);
	t = repeat_words("x", CHAT_STEPS_MAX + 1);
	assert_int_equal(chat_compile(t, &s, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "more than 128 steps (column 257); split "
				 "the script");
	free(t);

	t = repeat_words("ABORT x", CHAT_ABORTS_MAX);
	t = realloc(t, strlen(t) + 3);
	strcat(t, "OK");
	s = compile_ok(t);
	assert_int_equal(s->naborts, CHAT_ABORTS_MAX);
	chat_script_free(s);
	free(t);
	t = repeat_words("ABORT x", CHAT_ABORTS_MAX + 1);
	assert_int_equal(chat_compile(t, &s, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "more than 16 ABORT strings (column 129)");
	free(t);

	/* 256 octets after escapes fit, 257 do not; \s counts as one. */
	memset(big, 'A', CHAT_STRING_MAX);
	big[CHAT_STRING_MAX] = '\0';
	s = compile_ok(big);
	assert_int_equal(s->window_bytes, CHAT_STRING_MAX);
	chat_script_free(s);
	big[0] = '\\';
	big[1] = 's';
	big[CHAT_STRING_MAX] = 'A';
	big[CHAT_STRING_MAX + 1] = '\0';
	s = compile_ok(big);
	chat_script_free(s);
	big[0] = 'A';
	big[1] = 'A';
	assert_int_equal(chat_compile(big, &s, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "string at column 1 is longer than 256 "
				 "octets");
	memmove(big + 3, big, strlen(big) + 1);
	memcpy(big, "\"\" ", 3);
	assert_int_equal(chat_compile(big, &s, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "string at column 4 is longer than 256 "
				 "octets");

	t = malloc(CHAT_TEXT_MAX + 2);
	memset(t, ' ', CHAT_TEXT_MAX + 1);
	t[0] = 'x';
	t[CHAT_TEXT_MAX + 1] = '\0';
	assert_int_equal(chat_compile(t, &s, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "chat script longer than 4096 characters");
	t[CHAT_TEXT_MAX] = '\0';
	s = compile_ok(t);
	chat_script_free(s);
	free(t);
}

/* ---- printer ------------------------------------------------------------- */

static void test_print_quoting(void **state)
{
	(void)state;
	/* Blanks collapse; quotes only where needed; escapes untouched. */
	assert_canonical("  \"OK\"\t\"AT&F\"  ", "OK AT&F");
	assert_canonical("\"\" \"\" \"a b\" \"\"", "\"\" \"\" \"a b\" \"\"");
	assert_canonical("\"ABORT\" \"TIMEOUT\" ABORT \"ABORT\" x",
			 "\"ABORT\" \"TIMEOUT\" ABORT \"ABORT\" x");
	assert_canonical("\"TIMEOUT60\" x", "\"TIMEOUT60\" x");
	assert_canonical("\"a\\ b\" x\\\"y", "\"a\\ b\" x\\\"y");
	assert_canonical("\"\xe2\x80\x9cq\xe2\x80\x9d\" \\r\\n",
			 "\"\xe2\x80\x9cq\xe2\x80\x9d\" \\r\\n");
	assert_canonical("ogin: user ssword: \"my secret\\d\\c\"",
			 "ogin: user ssword: \"my secret\\d\\c\"");
	assert_canonical("TIMEOUT 007 OK", "TIMEOUT 7 OK");
	assert_canonical("ABORT \"NO CARRIER\" ABORT NO\\sDIALTONE OK ATZ",
			 "ABORT \"NO CARRIER\" ABORT NO\\sDIALTONE OK ATZ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_offhook),
		cmocka_unit_test(test_seed_callback),
		cmocka_unit_test(test_seed_ara),
		cmocka_unit_test(test_send_escapes),
		cmocka_unit_test(test_send_control_escapes),
		cmocka_unit_test(test_expect_escapes),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_buffer),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_print_quoting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
