/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dialstring.h - checking a callback number typed by a caller (seed 003's
 * `username NAME callback-dialstring ""` for EXEC callback: the user types
 * the number at the "Callback Dialstring:" prompt).  Pure: no I/O, no
 * state.  The number ends up in the line's `script callback` as \T, right
 * after "ATDT", so only what a dial string may contain is let through: a
 * caller must not be able to slip Hayes commands (";", "H", "Z" ...) or
 * control characters into the modem.
 */
#ifndef NASD_DAEMON_DIALSTRING_H
#define NASD_DAEMON_DIALSTRING_H

#include <stddef.h>

/*
 * Validate and normalise `typed` (NUL-terminated, as typed, any octets).
 * Accepted: the digits, "*", "#", "+" and the separators "-", "(", ")",
 * "." and "," (a Hayes pause); blanks are dropped.  At least one digit is
 * required.  On success writes the normalised number into out (size
 * octets, NUL-terminated) and returns 0.  Otherwise returns -EINVAL (empty,
 * no digit, a character that is not part of a dial string) or -ENOSPC
 * (longer than size - 1 octets once blanks are dropped), with a printable
 * reason in why (why_size octets; "empty", "'H' is not a dial
 * character" ...).  `out` is left empty on failure.
 */
int dialstring_check(const char *typed, char *out, size_t size, char *why,
		     size_t why_size);

#endif
