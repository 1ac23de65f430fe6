/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chat.h - modem chat scripts: the IOS `chat-script NAME TEXT` language
 * compiled into steps, and a sans-I/O engine that runs one script against a
 * modem's byte stream.  The semantics are those of UNIX chat(8) as IOS
 * presents them (shared/reference/style.md §3.2); behaviour, not code.
 *
 * The engine makes no system calls and never sleeps: octets go out through
 * chat_ops.write(), modem output comes in through chat_input(), and every
 * delay (the first step, \d and \p pauses, TIMEOUT) is a timer on the
 * caller's `struct timers`.  It depends on src/lib only.
 *
 * Language (the text after `chat-script NAME`):
 *   - Words are separated by blanks (space, tab, CR, LF).  A word is either
 *     bare (no blank, no `"`) or a "double quoted" string in which blanks
 *     are kept and \" stands for a quote.  A quoted string must be followed
 *     by a blank or the end of the text.  `""` is the empty string.
 *   - Words alternate EXPECT SEND EXPECT SEND ...; the script may end after
 *     either.  An empty expect (`""`) expects nothing.  A send string is
 *     followed by a carriage return unless it contains \c.
 *   - In an expect position the bare words ABORT and TIMEOUT are keywords
 *     (case-sensitive, as in IOS) taking one argument word; they do not
 *     disturb the alternation (`"ATDT \T" TIMEOUT 60 CONNECT \c`).
 *     `ABORT string`: the run fails as soon as the modem output contains
 *     the string.  Every ABORT string of the script is watched for the whole
 *     run, from the first octet of modem output to the end, wherever it
 *     stands in the text (IOS scripts put them first; chat(8) arms them
 *     where they stand, which is the same for such scripts).
 *     `TIMEOUT n`: n seconds (1-3600) for the expects that follow; the
 *     default is 5 s as in IOS.  A quoted "ABORT" or "TIMEOUT" is an
 *     ordinary string.  A bare keyword where a send string is due, or as
 *     the argument of ABORT, is an error (a forgotten word shifts every
 *     pair after it; quote it to mean the word).
 *   - Escapes in send strings: \T the phone number given to chat_start(),
 *     \c no trailing carriage return, \d pause 2 s, \p pause 0.25 s,
 *     \K send a BREAK (chat_ops.send_break), \r CR, \n LF, \s space,
 *     \t tab, \N a NUL octet, \\ backslash, \" quote.  In expect and ABORT
 *     strings: \r \n \s \t \\ \"; the send-only escapes (\T \c \d \p \K
 *     \N) are errors there.  Any other backslash pair (e.g. \x) stands for
 *     itself, backslash included, in both kinds of string: IOS sends
 *     unknown escapes literally.  A backslash at the end of a word is an
 *     error (dangling escape).
 *   - No chat(8) sub-expects: `-` is an ordinary character (IOS has no
 *     sub-expects, and modem replies such as "CONNECT 33600/V42-LAPM"
 *     contain dashes).
 *   - Errors with a message, never a guess: unterminated quote, text glued
 *     to a closing quote, a `"` inside a bare word, typographic quotes
 *     (U+201C/U+201D from pasted documents, seed 003) in a bare word,
 *     `TIMEOUT60` (a keyword glued to its number, seen in seed 001's
 *     rendered text), TIMEOUT without a number or out of range, ABORT
 *     without a string or with an empty one, a script that ends after a
 *     keyword, control characters, and the limits below.
 *
 * Matching: case-sensitive, on a sliding window that keeps only the last
 * CHAT_STRING_MAX octets of modem output at most (the length of the longest
 * expect or ABORT string of the script), so it is independent of how the
 * output is split into chat_input() calls.  ABORT strings are checked
 * before the expect on every octet: "NO CARRIER" aborts even if the script
 * expects "CARRIER".  An expect matches only output received after the
 * previous expect matched (or after the run started).  Output that arrives
 * while no expect waits (before the first step, during a \d or \p pause)
 * is matched against the expect that comes next, as if that expect were
 * already waiting, so a reply that beats the end of a pause is not lost;
 * what follows such an early match is kept, as far as the window reaches,
 * for the expects after it.
 *
 * `debug chat` (DBG_CHAT), lines as in seed 001, PREFIX given by the caller
 * ("CHAT4" for line 4):
 *     CHAT4: Chat script callback started
 *     CHAT4: Sending string: ATDT \T<527-9651>
 *     CHAT4: Expecting string: CONNECT
 *     CHAT4: Completed match for expect: CONNECT
 *     CHAT4: Sending string: \c
 *     CHAT4: Chat script callback finished, status = Success
 * Strings are shown as written in the script (escapes included), \T
 * followed by the number in angle brackets, as IOS prints it.  Failures:
 *     CHAT4: Timeout expecting: CONNECT
 *     CHAT4: Chat script callback finished, status = Connection timed out;
 *            remote host not responding            (one line)
 *     CHAT4: Aborting on string: BUSY
 *     CHAT4: Chat script callback finished, status = Aborted
 *     CHAT4: Chat script callback finished, status = Error: <reason>
 * The timeout status is the IOS text for a connection that timed out; the
 * IOS abort and error lines are not in our seeds, so they are worded after
 * the other lines.  An empty expect (`""`) logs nothing, as in the seed.
 * "Matched chat script ... to string ..." and "Asserting DTR" belong to
 * the caller (script selection and modem control are not the engine's).
 *
 * Secrets: a chat script may carry a login password (`ogin: user ssword:
 * secret`).  IOS logs send strings under `debug chat` and so do we: the
 * operator wrote the password into the running configuration in clear
 * (chat scripts are never encrypted by `service password-encryption`), the
 * debug is off by default and must be enabled by a privileged user, and
 * hiding the strings would make chat debugging useless.  Nothing from a
 * script is logged when `debug chat` is off.
 */
#ifndef NASD_CHAT_H
#define NASD_CHAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "strbuf.h"
#include "timer.h"

/* Limits; larger scripts are refused by chat_compile() with a message. */
#define CHAT_TEXT_MAX 4096  /* characters of script text */
#define CHAT_STEPS_MAX 128  /* expects, sends, ABORTs and TIMEOUTs */
#define CHAT_ABORTS_MAX 16  /* ABORT strings */
#define CHAT_STRING_MAX 256 /* octets of one string after its escapes */
#define CHAT_NUMBER_MAX 64  /* characters of the \T phone number */
#define CHAT_TIMEOUT_DEFAULT_S 5
#define CHAT_TIMEOUT_MAX_S 3600
#define CHAT_PAUSE_D_MS 2000 /* \d */
#define CHAT_PAUSE_P_MS 250  /* \p */

/*
 * How a run ended.  X(ENUM suffix, short name for show/json, IOS status
 * text for the "finished, status = ..." debug line).
 */
#define CHAT_STATUSES(X)                                                       \
	X(SUCCESS, "success", "Success")                                       \
	X(TIMEOUT, "timeout",                                                  \
	  "Connection timed out; remote host not responding")                  \
	X(ABORTED, "aborted", "Aborted")                                       \
	X(ERROR, "error", "Error")

enum chat_status {
#define CHAT_STATUS_ENUM(e, name, ios) CHAT_##e,
	CHAT_STATUSES(CHAT_STATUS_ENUM)
#undef CHAT_STATUS_ENUM
		CHAT_STATUS_COUNT
};

/* Short name ("success", "timeout", "aborted", "error"), "?" if out of
 * range. */
const char *chat_status_name(enum chat_status status);

/* The IOS status text of the debug line ("Success", "Connection timed out;
 * remote host not responding", "Aborted", "Error"), "?" if out of range. */
const char *chat_status_ios(enum chat_status status);

/* ---- compiler ------------------------------------------------------------ */

/* A compiled script: immutable, opaque, freed with chat_script_free(). */
struct chat_script;

/*
 * Compile `text` (the words after `chat-script NAME`, NUL-terminated) into
 * *out.  On success returns 0 and *out owns a new script.  On a syntax error
 * returns -EINVAL, sets *out to NULL and writes a one-line message naming
 * the offending word and its column (1-based) into err[0..errlen) (NUL-
 * terminated, truncated to fit; err may be NULL when errlen is 0).  Returns
 * -ENOMEM when memory ran out (err says so).  Never logs, never calls back.
 */
int chat_compile(const char *text, struct chat_script **out, char *err,
		 size_t errlen);

/* Free a script; NULL is ignored.  No run may still use it. */
void chat_script_free(struct chat_script *s);

/* True if some send string uses \T, i.e. the script needs a number. */
bool chat_script_uses_number(const struct chat_script *s);

/*
 * Append the canonical text of s to sb: single spaces between words, a word
 * quoted only when it must be (empty, contains a blank, or would otherwise
 * read back as something else), escapes as written, TIMEOUT numbers in
 * decimal.  chat_compile() of the result gives an equivalent script whose
 * canonical text is the same (a fixpoint).  Allocation failure is latched
 * in sb->oom.
 */
void chat_script_print(const struct chat_script *s, struct strbuf *sb);

/* ---- runtime ------------------------------------------------------------- */

/*
 * What a run does to the world.  The callbacks run from chat_input() or
 * from a timer callback of the run (never from chat_start()).  None may
 * call chat_input() or chat_free() on the same run: queue modem output and
 * deliver it later (from a timer or the event loop), and free the run from
 * a deferred callback.  Any may call chat_cancel() on it (write() when the
 * tty write failed, say): nothing is written and nothing called after
 * that.
 */
struct chat_ops {
	/* Octets for the modem, data[0..len) valid during the call, len > 0.
	 * A send string is written in one call per piece between \d, \p
	 * and \K (a piece longer than 512 octets, possible only with many
	 * \T, in several calls). */
	void (*write)(void *ctx, const uint8_t *data, size_t len);
	/* Send a BREAK (\K).  May be NULL: a pty cannot send one, so \K is
	 * then skipped (it still shows in the "Sending string" line). */
	void (*send_break)(void *ctx);
	/*
	 * The run ended; called exactly once per run unless it was cancelled
	 * first.  `why` is never NULL and valid only during the call:
	 * SUCCESS "", TIMEOUT the expect string that timed out, ABORTED the
	 * ABORT string that matched, ERROR a reason in words; strings are
	 * shown as written in the script.  After done() the run ignores input
	 * and holds no armed timer.  done() may call chat_cancel() on the run
	 * (a no-op), start other runs and free other objects, but must NOT
	 * free this run: the caller's stack is still inside it.  Free it from
	 * a deferred callback (a 0 ms timer or the loop's deferred queue).
	 */
	void (*done)(void *ctx, enum chat_status status, const char *why);
};

struct chat_run;

/*
 * Start running `s` and return the run, or NULL when out of memory (nothing
 * was called then).  The first step runs from a 0 ms timer on `ts`, so
 * chat_start() itself never writes and never calls done().
 *   - s, ops, ts and log are borrowed and must outlive the run (a config
 *     reload must keep a script alive until its runs are freed);
 *   - script_name ("callback") and prefix ("CHAT4") are copied, for the
 *     debug lines; NULL prefix means "CHAT";
 *   - number is copied; it replaces \T.  A script that uses \T fails with
 *     CHAT_ERROR, before sending anything, when number is NULL or empty,
 *     longer than CHAT_NUMBER_MAX, or contains anything but dial
 *     characters (digits, space, * # + , - ( ) . and the Hayes dial
 *     modifiers A-D W P T ! @ in either case).  The number may come from
 *     the caller (CBCP, RFC 1570), so a CR or `;` in it must never reach
 *     the modem as a command.
 */
struct chat_run *chat_start(const struct chat_script *s,
			    const char *script_name, const char *number,
			    const char *prefix, const struct chat_ops *ops,
			    void *ctx, struct timers *ts,
			    const struct logger *log);

/*
 * Feed modem output data[0..len) (data may be NULL when len is 0).  Each
 * octet is appended to the window and checked against the ABORT strings and
 * the current expect; on a match the script advances at once (writing the
 * next send string, possibly finishing with done()) and the remaining
 * octets are matched against what comes next, exactly as if they had
 * arrived in a separate call.  Ignored after the run ended or was
 * cancelled.
 */
void chat_input(struct chat_run *r, const uint8_t *data, size_t len);

/* Stop the run without calling done(): timers are cancelled, later input
 * is ignored.  Idempotent; harmless after done(). */
void chat_cancel(struct chat_run *r);

/* Cancel (if still running) and free the run; NULL is ignored.  Never from
 * inside the run's own callbacks (see chat_ops.done). */
void chat_free(struct chat_run *r);

/* True once done() was called or the run was cancelled. */
bool chat_finished(const struct chat_run *r);

#endif /* NASD_CHAT_H */
