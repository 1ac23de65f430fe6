/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chat_print.c - the canonical text of a compiled chat script (chat.h,
 * chat_script_print()), used by tests to prove the compiler loses nothing
 * and by anything that wants to show a script the way IOS writes it.
 *
 * Words are printed as written (escapes untouched) so that the text reads
 * back to the same steps; only the quoting is normalised: a word is quoted
 * exactly when it could not be read back as a bare word (chat_bare_ok()).
 */
#include "chat_int.h"

static void put_word(struct strbuf *sb, const char *text)
{
	if (chat_bare_ok(text)) {
		sb_puts(sb, text);
		return;
	}
	/* A compiled word never holds a raw quote: inside quotes it was
	 * written \" and stays so, which reads back the same. */
	sb_puts(sb, "\"");
	sb_puts(sb, text);
	sb_puts(sb, "\"");
}

void chat_script_print(const struct chat_script *s, struct strbuf *sb)
{
	for (size_t i = 0; i < s->nsteps; i++) {
		const struct chat_step *st = &s->steps[i];

		if (i)
			sb_puts(sb, " ");
		switch (st->kind) {
		case CHAT_STEP_ABORT:
			sb_puts(sb, "ABORT ");
			put_word(sb, st->text);
			break;
		case CHAT_STEP_TIMEOUT:
			sb_printf(sb, "TIMEOUT %u", (unsigned)st->timeout_s);
			break;
		case CHAT_STEP_EXPECT:
		case CHAT_STEP_SEND:
			put_word(sb, st->text);
			break;
		}
	}
}
