/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arap.h - recognising an AppleTalk Remote Access (ARA) caller on a line
 * with `autoselect arap`, so that the call can be refused honestly.
 *
 * ARA (ARAP 1.0 and 2.0) is Apple's protocol; no open specification of it
 * exists, and nasd does not implement it (doc/notes.md).  What can be
 * recognised without one is the framing its clients start with: every
 * ARAP packet on an asynchronous line travels in an MNP-style frame that
 * begins SYN DLE STX (0x16 0x10 0x02) and ends DLE ETX plus a check
 * sequence.  Only those three leading octets are looked at: they are
 * neither a PPP frame start (0x7E) nor anything a person types at a
 * Username: prompt.  Pure: no I/O, no state.
 */
#ifndef NASD_DAEMON_ARAP_H
#define NASD_DAEMON_ARAP_H

#include <stddef.h>
#include <stdint.h>

/* Why ARA calls are refused: the text of %ARAP-3-NOTSUPPORTED. */
#define ARAP_NOT_SUPPORTED_REASON                                              \
	"ARA needs AppleTalk Remote Access Protocol, for which no open "       \
	"specification exists; nasd does not implement it"

/* Octets arap_detect() needs at most to decide. */
#define ARAP_SAMPLE_MAX 3

enum arap_verdict {
	ARAP_MORE, /* a prefix of SYN DLE STX: need more octets */
	ARAP_YES,  /* starts SYN DLE STX: an ARA client */
	ARAP_NO,   /* cannot be ARA */
};

/* Decide on the first n octets a caller sent (n may be 0, data may then be
 * NULL).  Only the first ARAP_SAMPLE_MAX octets matter. */
enum arap_verdict arap_detect(const uint8_t *data, size_t n);

#endif
