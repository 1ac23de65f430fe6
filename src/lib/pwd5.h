/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pwd5.h - Cisco "type 5" secrets: MD5-crypt ($1$salt$hash) through
 * libcrypt, as `enable secret 5` and `username X secret 5` store them.
 * Used by the configuration (hashing `secret 0` input, checking `enable`)
 * and by AAA (PAP against a hashed user secret).
 */
#ifndef NASD_LIB_PWD5_H
#define NASD_LIB_PWD5_H

#include <stdbool.h>
#include <stddef.h>

/* Hash clear with a fresh random salt into out ("$1$salt$hash").  0, or
 * -EIO when libcrypt fails, -ENOSPC when out is too small, -ENOMEM. */
int pwd5_hash(const char *clear, char *out, size_t out_size);

/* True when clear matches hash (any hash crypt(3) knows; false for
 * malformed hashes).  Compares in constant time. */
bool pwd5_verify(const char *clear, const char *hash);

#endif
