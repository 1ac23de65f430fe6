/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nas_conn.c - the `nas` client's side of the CLI socket: connecting,
 * framing requests with vty_proto and dispatching the server's records
 * ('O' output, 'M' monitor text, 'L' completion, 'E' end of response) as
 * doc/vty-protocol.md describes.
 */
#include "nas_conn.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void nas_conn_fail(struct nas_conn *conn, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void nas_conn_fail(struct nas_conn *conn, const char *fmt, ...)
{
	va_list ap;

	sb_reset(&conn->err);
	va_start(ap, fmt);
	sb_vprintf(&conn->err, fmt, ap);
	va_end(ap);
	if (conn->fd >= 0) {
		close(conn->fd);
		conn->fd = -1;
	}
	conn->closed = true;
}

void nas_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= (size_t)n;
	}
}

int nas_conn_open(struct nas_conn *conn, const char *path)
{
	struct sockaddr_un sun;
	size_t plen = strlen(path);

	memset(conn, 0, sizeof(*conn));
	conn->fd = -1;
	conn->path = path;
	vty_proto_rx_init(&conn->rx, VTY_PROTO_FROM_SERVER);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (plen == 0 || plen >= sizeof(sun.sun_path)) {
		nas_conn_fail(conn,
			      "invalid socket path '%s' (1 to %zu octets)",
			      path, sizeof(sun.sun_path) - 1);
		return -1;
	}
	memcpy(sun.sun_path, path, plen);
	conn->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (conn->fd < 0) {
		nas_conn_fail(conn, "socket: %s", strerror(errno));
		return -1;
	}
	while (connect(conn->fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		int e = errno;

		if (e == EINTR)
			continue;
		nas_conn_fail(conn, "cannot connect to nasd at %s: %s%s", path,
			      strerror(e),
			      e == ENOENT || e == ECONNREFUSED
				      ? " (is nasd running? -s names the "
					"socket of `nasd --vty`)"
				      : "");
		return -1;
	}
	return 0;
}

void nas_conn_close(struct nas_conn *conn)
{
	if (conn->fd >= 0)
		close(conn->fd);
	conn->fd = -1;
	vty_proto_rx_free(&conn->rx);
	sb_free(&conn->prompt);
	sb_free(&conn->line);
	sb_free(&conn->err);
}

int nas_conn_send(struct nas_conn *conn, uint8_t type, const char *data,
		  size_t len)
{
	struct strbuf rec = STRBUF_INIT;
	const char *p;
	size_t left;
	int rc;

	if (conn->fd < 0) {
		if (!conn->err.len)
			nas_conn_fail(conn, "not connected to nasd at %s",
				      conn->path);
		return -1;
	}
	rc = vty_proto_put_sb(&rec, type, data, len);
	if (rc) {
		sb_free(&rec);
		nas_conn_fail(conn, "cannot send a %zu-octet line: %s", len,
			      strerror(-rc));
		return -1;
	}
	conn->end_seen = false;
	conn->line_seen = false;
	sb_reset(&conn->line);
	p = rec.s;
	left = rec.len;
	while (left > 0) {
		/* MSG_NOSIGNAL: a server gone away is an error message, not
		 * a SIGPIPE that kills the client mid-sentence. */
		ssize_t n = send(conn->fd, p, left, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			sb_free(&rec);
			nas_conn_fail(conn, "lost connection to nasd at %s: %s",
				      conn->path, strerror(e));
			return -1;
		}
		p += n;
		left -= (size_t)n;
	}
	sb_free(&rec);
	return 0;
}

/* Copy a prompt for display, dropping control characters: a prompt is shown
 * inside the line editor, where a stray newline or escape would corrupt
 * every redraw. */
static void nas_conn_set_prompt(struct nas_conn *conn, const char *p,
				size_t len)
{
	sb_reset(&conn->prompt);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= 0x20 && c != 0x7f)
			sb_putn(&conn->prompt, &p[i], 1);
	}
}

static int nas_conn_record(void *ctx, uint8_t type, const uint8_t *payload,
			   size_t len)
{
	struct nas_conn *conn = ctx;
	struct vty_proto_end end;

	switch (type) {
	case VTY_REC_OUTPUT:
		if (conn->on_output)
			conn->on_output(conn->output_ctx, (const char *)payload,
					len);
		return 0;
	case VTY_REC_MONITOR:
		if (conn->on_monitor)
			conn->on_monitor(conn->monitor_ctx,
					 (const char *)payload, len);
		return 0;
	case VTY_REC_LINE:
		sb_reset(&conn->line);
		sb_putn(&conn->line, (const char *)payload, len);
		conn->line_seen = true;
		return 0;
	case VTY_REC_END:
		if (vty_proto_parse_end(payload, len, &end))
			return -EBADMSG;
		conn->status = end.status;
		nas_conn_set_prompt(conn, end.prompt, end.prompt_len);
		conn->end_seen = true;
		if (end.status == VTY_STATUS_CLOSING)
			conn->closed = true;
		return 0;
	default:
		/* vty_proto_feed() only passes server record types. */
		return -EPROTO;
	}
}

int nas_conn_pump(struct nas_conn *conn)
{
	uint8_t buf[16384];
	ssize_t n;
	int rc;

	if (conn->fd < 0) {
		if (!conn->err.len)
			nas_conn_fail(conn, "not connected to nasd at %s",
				      conn->path);
		return -1;
	}
	do {
		n = recv(conn->fd, buf, sizeof(buf), 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = errno;

		nas_conn_fail(conn, "lost connection to nasd at %s: %s",
			      conn->path, strerror(e));
		return -1;
	}
	if (n == 0) {
		nas_conn_fail(conn, "connection to nasd at %s closed%s",
			      conn->path,
			      vty_proto_rx_pending(&conn->rx)
				      ? " in the middle of a record"
				      : "");
		return -1;
	}
	rc = vty_proto_feed(&conn->rx, buf, (size_t)n, nas_conn_record, conn);
	if (rc) {
		nas_conn_fail(
			conn, "protocol error from nasd at %s: %s", conn->path,
			rc == -EMSGSIZE	 ? "record longer than 1 MiB"
			: rc == -EBADMSG ? "malformed end-of-response record"
			: rc == -EPROTO	 ? "unexpected record type"
					 : strerror(-rc));
		return -1;
	}
	return 0;
}

int nas_conn_wait(struct nas_conn *conn)
{
	while (!conn->end_seen) {
		struct pollfd pfd = {.fd = conn->fd, .events = POLLIN};

		if (conn->fd < 0)
			return nas_conn_pump(conn);
		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			nas_conn_fail(conn, "poll: %s", strerror(errno));
			return -1;
		}
		if (nas_conn_pump(conn))
			return -1;
	}
	return 0;
}
