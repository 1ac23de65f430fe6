/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vty_proto.h - the record codec of the nasd CLI socket, shared by the vty
 * server (src/cli/) and the `nas` client (src/tools/).
 *
 * nasd serves its CLI on a Unix stream socket.  Both directions carry
 * records: 1 octet type, 4 octets big-endian payload length, payload (at
 * most VTY_PROTO_MAX_PAYLOAD octets).  The full description, with examples,
 * is doc/vty-protocol.md; this is a nasd protocol, not an RFC.
 *
 * The codec is sans-I/O: the encoder appends records to a caller's `struct
 * wr` or `struct strbuf`, and the decoder (`struct vty_proto_rx`) is fed
 * whatever chunks the socket returned and calls back once per complete
 * record, so record boundaries never depend on how the kernel split the
 * stream.  An oversize record or a type the receiver does not expect is a
 * protocol error: the caller closes the connection.
 */
#ifndef NASD_CLI_VTY_PROTO_H
#define NASD_CLI_VTY_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "wr.h"

/* Octets before the payload: type (1) + big-endian length (4). */
#define VTY_PROTO_HDR_LEN 5
/* Largest payload either side accepts (1 MiB).  A server splits longer
 * output into several 'O' records. */
#define VTY_PROTO_MAX_PAYLOAD (1024u * 1024u)

/* Who may send a record type; also what a decoder accepts. */
enum vty_proto_dir {
	VTY_PROTO_ANY = 0,	   /* decoder: accept every known type */
	VTY_PROTO_FROM_CLIENT = 1, /* nas -> nasd (the server decodes these) */
	VTY_PROTO_FROM_SERVER = 2, /* nasd -> nas (the client decodes these) */
};

/*
 * Record types.  X(ENUM, octet, direction, name) generates the enum (whose
 * value is the octet on the wire) and the name table behind
 * vty_proto_type_name().
 */
#define VTY_PROTO_RECORDS(X)                                                   \
	X(VTY_REC_EXEC, 'X', VTY_PROTO_FROM_CLIENT, "execute")                 \
	X(VTY_REC_HELP, 'H', VTY_PROTO_FROM_CLIENT, "help")                    \
	X(VTY_REC_COMPLETE, 'C', VTY_PROTO_FROM_CLIENT, "complete")            \
	X(VTY_REC_PASSWORD, 'P', VTY_PROTO_FROM_CLIENT, "password")            \
	X(VTY_REC_OUTPUT, 'O', VTY_PROTO_FROM_SERVER, "output")                \
	X(VTY_REC_MONITOR, 'M', VTY_PROTO_FROM_SERVER, "monitor")              \
	X(VTY_REC_LINE, 'L', VTY_PROTO_FROM_SERVER, "line")                    \
	X(VTY_REC_END, 'E', VTY_PROTO_FROM_SERVER, "end")

enum vty_rec_type {
#define VTY_REC_ENUM(e, c, d, n) e = c,
	VTY_PROTO_RECORDS(VTY_REC_ENUM)
#undef VTY_REC_ENUM
};

/* Number of record types (size of the name table). */
#define VTY_REC_ONE(e, c, d, n) +1
enum { VTY_REC__COUNT = 0 VTY_PROTO_RECORDS(VTY_REC_ONE) };
#undef VTY_REC_ONE

/*
 * Status octet of an 'E' (end of response) record.  X(ENUM, octet, name).
 */
#define VTY_PROTO_STATUSES(X)                                                  \
	X(VTY_STATUS_OK, '0', "ok")                                            \
	X(VTY_STATUS_ERROR, '1', "error")                                      \
	X(VTY_STATUS_PASSWORD, '2', "password")                                \
	X(VTY_STATUS_CLOSING, '3', "closing")

enum vty_proto_status {
#define VTY_STATUS_ENUM(e, c, n) e = c,
	VTY_PROTO_STATUSES(VTY_STATUS_ENUM)
#undef VTY_STATUS_ENUM
};

/* Number of status octets (size of the name table). */
#define VTY_STATUS_ONE(e, c, n) +1
enum { VTY_STATUS__COUNT = 0 VTY_PROTO_STATUSES(VTY_STATUS_ONE) };
#undef VTY_STATUS_ONE

/*
 * Name of a record type ("execute", "output", ...) or NULL when `type` is
 * not a record type of this protocol.
 */
const char *vty_proto_type_name(uint8_t type);

/*
 * True when `type` is a known record type that `dir` may carry
 * (VTY_PROTO_ANY: any known type).
 */
bool vty_proto_type_valid(uint8_t type, enum vty_proto_dir dir);

/* Name of an 'E' status octet ("ok", ...) or NULL when unknown. */
const char *vty_proto_status_name(uint8_t status);

/*
 * Append one record (header and `len` payload octets from `data`) to `w`.
 * `data` may be NULL when `len` is 0.  The record is written whole or not
 * at all.
 * Returns 0; -EINVAL for an unknown type; -EMSGSIZE when len exceeds
 * VTY_PROTO_MAX_PAYLOAD; -ENOBUFS when it does not fit in `w` (the
 * writer's overflow flag is then latched, as for any short write).
 */
int vty_proto_put(struct wr *w, uint8_t type, const void *data, size_t len);

/*
 * As vty_proto_put(), appending to a growable strbuf (the payload may hold
 * any octet, NUL included; sb->len counts them).  Returns 0, -EINVAL,
 * -EMSGSIZE, or -ENOMEM when the strbuf could not grow (sb->oom latched).
 */
int vty_proto_put_sb(struct strbuf *sb, uint8_t type, const void *data,
		     size_t len);

/*
 * Append an 'E' record: `status` (an enum vty_proto_status octet) followed by the
 * `prompt_len` octets of `prompt` (the prompt the client shows next, e.g.
 * "isdn2-2(config-if)#").  Returns as vty_proto_put(), plus -EINVAL for an
 * unknown status.
 */
int vty_proto_put_end(struct wr *w, uint8_t status, const char *prompt,
		      size_t prompt_len);
/* The same on a strbuf; returns as vty_proto_put_sb(). */
int vty_proto_put_end_sb(struct strbuf *sb, uint8_t status, const char *prompt,
			 size_t prompt_len);

/* A validated 'E' payload.  `prompt` points into the payload passed to
 * vty_proto_parse_end() and is not NUL-terminated. */
struct vty_proto_end {
	uint8_t status;	    /* enum vty_proto_status */
	const char *prompt; /* prompt to show next */
	size_t prompt_len;  /* its length in octets (may be 0) */
};

/*
 * Validate the payload of an 'E' record into *end.  Returns 0, or -EPROTO
 * when the payload is empty or the status octet is unknown (*end is then
 * untouched).
 */
int vty_proto_parse_end(const void *payload, size_t len,
			struct vty_proto_end *end);

/*
 * Called by vty_proto_feed() once per complete record.  `payload` is valid
 * only during the call (it points into the fed chunk or the decoder's own
 * buffer) and is never NULL, even when `len` is 0.  Return 0 to go on; a
 * non-zero value stops decoding: vty_proto_feed() returns it, the rest of
 * the chunk is dropped and the decoder stays failed (use it when the
 * connection is being closed).
 */
typedef int (*vty_proto_cb)(void *ctx, uint8_t type, const uint8_t *payload,
			    size_t len);

/* Streaming decoder state.  All-zero is a valid idle decoder that accepts
 * every known type; vty_proto_rx_init() restricts it to one direction. */
struct vty_proto_rx {
	enum vty_proto_dir accept;	/* which types are acceptable */
	uint8_t hdr[VTY_PROTO_HDR_LEN]; /* header of the record being read */
	size_t hdr_len;			/* header octets collected so far */
	size_t need;			/* payload length from the header */
	uint8_t *buf;			/* payload collected (heap), or NULL */
	size_t have;			/* payload octets in buf */
	size_t cap;			/* allocated size of buf */
	int err;			/* latched error; 0 while healthy */
};

/* Reset *rx to an idle decoder accepting the types `accept` may send. */
void vty_proto_rx_init(struct vty_proto_rx *rx, enum vty_proto_dir accept);

/* Release the decoder's buffer; *rx is then idle as after init (same
 * direction, error cleared). */
void vty_proto_rx_free(struct vty_proto_rx *rx);

/*
 * Feed `n` octets of the byte stream (any chunking, n may be 0).  For every
 * record completed by them, in order, cb(ctx, type, payload, len) is called.
 * Returns 0 when all octets were consumed; -EPROTO for a record type that is
 * unknown or not acceptable to rx's direction; -EMSGSIZE for a length above
 * VTY_PROTO_MAX_PAYLOAD (rejected from the header alone, before any payload
 * is buffered); -ENOMEM when the payload buffer cannot be allocated; or the
 * callback's non-zero return.  Any error is latched: later calls return it
 * without decoding, since the stream has lost its framing.
 */
int vty_proto_feed(struct vty_proto_rx *rx, const void *data, size_t n,
		   vty_proto_cb cb, void *ctx);

/* True when the decoder holds part of a record (a header or payload not
 * yet complete): an end of stream now cuts a record short. */
bool vty_proto_rx_pending(const struct vty_proto_rx *rx);

#endif /* NASD_CLI_VTY_PROTO_H */
