/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chat_int.h - the compiled form of a chat script, shared by the compiler
 * (chat_compile.c), the printer (chat_print.c) and the engine (chat_run.c).
 * Private to src/chat.
 *
 * A script is the list of its words in order, each compiled for its role:
 * expect and ABORT strings become the octets to match, send strings a list
 * of elements (literal octets, the number, a pause, a BREAK).  Every step
 * also keeps its text as written (without the quotes, escapes untouched):
 * the debug lines and the printer show that, as IOS does.
 */
#ifndef NASD_CHAT_INT_H
#define NASD_CHAT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chat.h"

enum chat_step_kind {
	CHAT_STEP_EXPECT,
	CHAT_STEP_SEND,
	CHAT_STEP_ABORT,
	CHAT_STEP_TIMEOUT,
};

enum chat_elem_kind {
	CHAT_ELEM_LIT,	  /* bytes[off .. off+len) of the step */
	CHAT_ELEM_NUMBER, /* \T */
	CHAT_ELEM_PAUSE,  /* \d or \p: pause_ms */
	CHAT_ELEM_BREAK,  /* \K */
};

struct chat_elem {
	enum chat_elem_kind kind;
	uint16_t off;	   /* LIT */
	uint16_t len;	   /* LIT */
	uint16_t pause_ms; /* PAUSE */
};

struct chat_step {
	enum chat_step_kind kind;
	char *text;	/* as written, quotes removed; "" for TIMEOUT */
	uint8_t *bytes; /* EXPECT/ABORT: octets to match; SEND: literals */
	size_t len;	/* octets in bytes */
	struct chat_elem *elems; /* SEND only */
	size_t nelems;
	bool no_cr;	    /* SEND: \c seen, no trailing carriage return */
	bool uses_number;   /* SEND: \T seen */
	uint32_t timeout_s; /* TIMEOUT */
};

struct chat_script {
	struct chat_step *steps;
	size_t nsteps;
	size_t *aborts; /* indices of the ABORT steps */
	size_t naborts;
	size_t window_bytes; /* longest expect or ABORT string, >= 1 */
	bool uses_number;
};

/* True if `text` (escapes as written) reads back as the same single bare
 * word: non-empty, no blank, no quote, no dangling escape, no typographic
 * quote, not a keyword and not a keyword glued to a number.  The printer
 * quotes every other word. */
bool chat_bare_ok(const char *text);

#endif /* NASD_CHAT_INT_H */
