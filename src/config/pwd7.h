/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pwd7.h - Cisco password encodings: "type 7" obfuscation, as written by IOS with
 * `service password-encryption` (`password 7 0822455D0A16`).
 *
 * Type 7 is a reversible XOR with a public 53-character key; it only keeps
 * passwords from being read over a shoulder.  The encoded form is two
 * decimal digits (the salt: index of the first key character used) followed
 * by two upper-case hex digits per password octet.  nasd decodes it on input
 * and encodes with a salt derived from the password, so running-config is
 * stable across writes (IOS picks a random salt).
 */
#ifndef NASD_CONFIG_PWD7_H
#define NASD_CONFIG_PWD7_H

#include <stdbool.h>
#include <stddef.h>

#include "pwd5.h" /* type 5 lives in lib: AAA needs it too */
#include "strbuf.h"

/*
 * Decode `enc` into out (NUL-terminated; out_size must hold the clear text,
 * which is (strlen(enc) - 2) / 2 octets, plus the NUL).  Returns 0, or
 * -EINVAL with a short reason in *why for: an odd length or fewer than 2
 * digits, a non-decimal salt, a salt above 52, a non-hex digit, a decoded
 * NUL octet; -ENOSPC when out is too small.
 */
int pwd7_decode(const char *enc, char *out, size_t out_size, const char **why);

/* Append the type-7 encoding of clear (any length) to sb.  The salt is a
 * function of the text (0..15, as IOS uses), so the output is stable. */
void pwd7_encode(const char *clear, struct strbuf *sb);


#endif
