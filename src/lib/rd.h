/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rd.h - the bounded read cursor every decoder in nasd parses through.
 *
 * A reader is a pointer and the number of octets left behind it, kept
 * together so they can never drift apart (the pppd cbcp.c bug described in
 * shared/reference/style.md §3.3).  Every getter returns false and leaves the
 * cursor untouched when the input is short, so a parser can bail out with a
 * single `goto fail`.  rd_sub() carves a sub-reader for one TLV (an LCP
 * option, an L2TP AVP, a RADIUS attribute): the TLV is parsed only from the
 * sub-reader and cannot knock the outer loop out of step.
 *
 * All multi-octet integers are network byte order (big-endian).
 */
#ifndef NASD_LIB_RD_H
#define NASD_LIB_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct rd {
	const uint8_t *p; /* next octet to read */
	size_t len;       /* octets left at p */
};

/* Make a reader over buf[0..len).  buf may be NULL only when len is 0.
 * The reader borrows buf; the caller keeps it alive. */
static inline struct rd rd_init(const void *buf, size_t len)
{
	struct rd r = {.p = (const uint8_t *)buf, .len = len};
	return r;
}

/* Octets left to read. */
static inline size_t rd_left(const struct rd *r)
{
	return r->len;
}

static inline bool rd_u8(struct rd *r, uint8_t *v)
{
	if (r->len < 1)
		return false;
	*v = r->p[0];
	r->p += 1;
	r->len -= 1;
	return true;
}

static inline bool rd_u16(struct rd *r, uint16_t *v)
{
	if (r->len < 2)
		return false;
	*v = (uint16_t)((uint16_t)r->p[0] << 8 | r->p[1]);
	r->p += 2;
	r->len -= 2;
	return true;
}

static inline bool rd_u32(struct rd *r, uint32_t *v)
{
	if (r->len < 4)
		return false;
	*v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 |
	     (uint32_t)r->p[2] << 8 | (uint32_t)r->p[3];
	r->p += 4;
	r->len -= 4;
	return true;
}

/* Copy n octets out into dst. */
static inline bool rd_bytes(struct rd *r, void *dst, size_t n)
{
	if (r->len < n)
		return false;
	if (n)
		memcpy(dst, r->p, n);
	r->p += n;
	r->len -= n;
	return true;
}

/* Skip n octets. */
static inline bool rd_skip(struct rd *r, size_t n)
{
	if (r->len < n)
		return false;
	r->p += n;
	r->len -= n;
	return true;
}

/* Carve the next n octets into *sub and advance past them.  On a short
 * input nothing moves and false is returned. */
static inline bool rd_sub(struct rd *r, size_t n, struct rd *sub)
{
	if (r->len < n)
		return false;
	sub->p = r->p;
	sub->len = n;
	r->p += n;
	r->len -= n;
	return true;
}

/* Look at the next octet without consuming it. */
static inline bool rd_peek_u8(const struct rd *r, uint8_t *v)
{
	if (r->len < 1)
		return false;
	*v = r->p[0];
	return true;
}

#endif /* NASD_LIB_RD_H */
