/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * strbuf.h - a growable NUL-terminated string for building show output,
 * running-config text and debug lines.
 *
 * Allocation failure is latched in `oom` (the text is then truncated but
 * stays terminated); callers check it once at the end if they care.
 */
#ifndef NASD_LIB_STRBUF_H
#define NASD_LIB_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *s;    /* always NUL-terminated once anything was added */
	size_t len; /* characters before the NUL */
	size_t cap; /* allocated octets */
	bool oom;   /* an append failed for lack of memory */
};

#define STRBUF_INIT {NULL, 0, 0, false}

/* Append formatted text. */
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Append n octets of s (no formatting). */
void sb_putn(struct strbuf *sb, const char *s, size_t n);
/* Append a NUL-terminated string. */
void sb_puts(struct strbuf *sb, const char *s);
/* The text so far; "" for an empty buffer (never NULL). */
const char *sb_str(const struct strbuf *sb);
/* Empty the buffer, keeping its storage. */
void sb_reset(struct strbuf *sb);
/* Free the storage; the buffer is then empty and reusable. */
void sb_free(struct strbuf *sb);
/* Take ownership of the string (caller frees); the buffer becomes empty.
 * Returns a heap copy of "" for an empty buffer, NULL on allocation failure. */
char *sb_steal(struct strbuf *sb);

#endif
