/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nas_conn.h - the `nas` client's connection to nasd's CLI socket: connect,
 * send request records, read response records (doc/vty-protocol.md).
 *
 * I/O is blocking except nas_conn_pump(), which the interactive editor calls
 * when poll() says the socket is readable, so asynchronous monitor text can
 * be shown while the user types.  Records are decoded with vty_proto; the
 * text they carry goes to the sinks the caller installs, so batch mode can
 * stream output straight to stdout and the editor can redraw around it.
 */
#ifndef NASD_TOOLS_NAS_CONN_H
#define NASD_TOOLS_NAS_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "vty_proto.h"

/* Where nas and nasd meet unless told otherwise (-s / --vty). */
#define NAS_DEFAULT_SOCKET "/run/nasd/nasd.vty"

/* Receives the payload of an 'O' or 'M' record (not NUL-terminated). */
typedef void (*nas_text_fn)(void *ctx, const char *text, size_t len);

struct nas_conn {
	int fd;			/* connected socket, -1 when closed */
	const char *path;	/* socket path (borrowed), for messages */
	struct vty_proto_rx rx; /* decoder of server records */
	bool end_seen;		/* an 'E' arrived since the last send */
	uint8_t status;		/* status octet of the last 'E' */
	struct strbuf prompt;	/* prompt of the last 'E', control
				 * characters removed */
	bool line_seen;		/* an 'L' arrived since the last send */
	struct strbuf line;	/* its payload (completion result) */
	bool closed;		/* the server closed or sent status '3' */
	struct strbuf err;	/* message for the last failure */
	nas_text_fn on_output;	/* 'O' sink (NULL: dropped) */
	void *output_ctx;
	nas_text_fn on_monitor; /* 'M' sink (NULL: dropped) */
	void *monitor_ctx;
};

/*
 * Connect to the CLI socket at `path` (borrowed; must outlive conn) and
 * initialise *conn.  Does not read the greeting: call nas_conn_wait().
 * Returns 0, or -1 with conn->err saying why (the socket is named).
 * nas_conn_close() must be called in both cases.
 */
int nas_conn_open(struct nas_conn *conn, const char *path);

/* Close the socket and free everything conn owns.  Idempotent. */
void nas_conn_close(struct nas_conn *conn);

/*
 * Send one record of `type` ('X', 'H', 'C' or 'P') with `len` octets of
 * `data`, and forget the previous response (end_seen, line_seen).
 * Returns 0, or -1 with conn->err set (the connection is then closed).
 */
int nas_conn_send(struct nas_conn *conn, uint8_t type, const char *data,
		  size_t len);

/*
 * Block until an 'E' record arrives (end_seen), passing 'O' and 'M' text to
 * the sinks as it comes.  Returns 0 with conn->status and conn->prompt set;
 * -1 with conn->err set when the server closed the connection or broke the
 * protocol.
 */
int nas_conn_wait(struct nas_conn *conn);

/*
 * Read what the socket has now (call when poll() reports it readable) and
 * decode it.  Returns 0, or -1 with conn->err set as nas_conn_wait().
 */
int nas_conn_pump(struct nas_conn *conn);

/* Write all of buf to fd, retrying on EINTR; errors (a closed pipe) are
 * ignored, since there is nobody left to tell. */
void nas_write_all(int fd, const void *buf, size_t len);

#endif /* NASD_TOOLS_NAS_CONN_H */
