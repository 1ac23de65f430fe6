/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wr.h - the bounded write cursor every encoder in nasd builds packets with.
 *
 * A writer has a fixed capacity and a latching overflow flag: writes past the
 * end are dropped and set `overflow`, and the encoder checks the flag once
 * when the packet is finished (wr_ok()).  Frames are never built in a global
 * buffer: the caller supplies the storage.
 *
 * Multi-octet integers are written in network byte order.  wr_mark() and
 * wr_patch_u16() let an encoder fill a length field after the body is known.
 */
#ifndef NASD_LIB_WR_H
#define NASD_LIB_WR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct wr {
	uint8_t *buf;  /* start of the caller's storage */
	size_t cap;    /* capacity in octets */
	size_t len;    /* octets written so far */
	bool overflow; /* a write did not fit; latched */
};

/* Make a writer over buf[0..cap).  The writer borrows buf. */
static inline struct wr wr_init(void *buf, size_t cap)
{
	struct wr w = {.buf = (uint8_t *)buf, .cap = cap, .len = 0,
		       .overflow = false};
	return w;
}

static inline bool wr_room(struct wr *w, size_t n)
{
	if (w->overflow || w->cap - w->len < n) {
		w->overflow = true;
		return false;
	}
	return true;
}

static inline void wr_u8(struct wr *w, uint8_t v)
{
	if (wr_room(w, 1))
		w->buf[w->len++] = v;
}

static inline void wr_u16(struct wr *w, uint16_t v)
{
	if (wr_room(w, 2)) {
		w->buf[w->len++] = (uint8_t)(v >> 8);
		w->buf[w->len++] = (uint8_t)v;
	}
}

static inline void wr_u32(struct wr *w, uint32_t v)
{
	if (wr_room(w, 4)) {
		w->buf[w->len++] = (uint8_t)(v >> 24);
		w->buf[w->len++] = (uint8_t)(v >> 16);
		w->buf[w->len++] = (uint8_t)(v >> 8);
		w->buf[w->len++] = (uint8_t)v;
	}
}

static inline void wr_bytes(struct wr *w, const void *src, size_t n)
{
	if (n && wr_room(w, n)) {
		memcpy(w->buf + w->len, src, n);
		w->len += n;
	}
}

/* Current offset, to patch a length field later with wr_patch_u16(). */
static inline size_t wr_mark(const struct wr *w)
{
	return w->len;
}

/* Overwrite two octets at offset `at` (which must already be written). */
static inline void wr_patch_u16(struct wr *w, size_t at, uint16_t v)
{
	if (w->overflow || at + 2 > w->len) {
		w->overflow = true;
		return;
	}
	w->buf[at] = (uint8_t)(v >> 8);
	w->buf[at + 1] = (uint8_t)v;
}

static inline void wr_patch_u8(struct wr *w, size_t at, uint8_t v)
{
	if (w->overflow || at + 1 > w->len) {
		w->overflow = true;
		return;
	}
	w->buf[at] = v;
}

/* True when every write so far fitted. */
static inline bool wr_ok(const struct wr *w)
{
	return !w->overflow;
}

#endif /* NASD_LIB_WR_H */
