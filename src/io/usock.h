/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * usock.h - the Unix-domain stream sockets of the vty server and of the
 * `nas` CLI client: listen with stale-socket recovery, accept, connect;
 * and the record (SOCK_SEQPACKET) connection to the phone network's attach
 * socket.  No protocol knowledge; the vty protocol lives in cli/, the
 * attach protocol in pstnwire/.
 */
#ifndef NASD_IO_USOCK_H
#define NASD_IO_USOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Create a listening SOCK_STREAM socket (O_NONBLOCK | O_CLOEXEC) at path.
 * A socket file nobody listens on (left by a crashed nasd) is removed and
 * replaced; a live one is an error ("another nasd is using PATH"), and a
 * path that exists but is not a socket is never removed.  The socket file
 * gets permissions `mode` (e.g. 0660); it is never more permissive than
 * mode, even between bind() and chmod().  The caller unlinks path when it
 * shuts down.
 * Returns the fd or -errno with a message in err: -EADDRINUSE (live
 * socket), -EEXIST (not a socket), -ENAMETOOLONG (path longer than
 * sun_path), or the socket()/bind()/chmod()/listen() error.
 */
int usock_listen(const char *path, mode_t mode, char *err, size_t errlen);

/*
 * Accept one pending connection: the new fd is O_NONBLOCK | O_CLOEXEC.
 * Returns the fd, -EAGAIN when none is pending, or another -errno (a
 * connection the client aborted before accept is skipped).
 */
int usock_accept(int listen_fd);

/*
 * Connect to the server at path.  The connect itself blocks (it completes
 * at once on a local socket) and the fd is returned BLOCKING (O_CLOEXEC
 * only): the CLI client reads and writes with plain blocking calls.  A
 * client that puts the fd into an event loop asks for O_NONBLOCK with
 * usock_set_nonblock().  Returns the fd or -errno with a message in err:
 * -ENOENT (no socket: nasd not running), -ECONNREFUSED (stale socket),
 * -EACCES (permission), -ENAMETOOLONG.
 */
int usock_connect(const char *path, char *err, size_t errlen);

/*
 * Connect a SOCK_SEQPACKET socket (O_NONBLOCK | O_CLOEXEC) to the server at
 * path and send hello[0..len) as its first record: the phone network's
 * attach socket, whose first message must be ATTACH (doc/pstn-protocol.md),
 * used by nasd's lines and by nasdial.  The connect completes at once on a
 * local socket.  Returns the fd (caller closes it) or -errno with a message
 * in err: -ENAMETOOLONG (path longer than sun_path), -ENOENT (no socket),
 * -ECONNREFUSED (nobody listening), or the socket()/send() error.
 */
int usock_seqpacket_connect(const char *path, const void *hello, size_t len,
			    char *err, size_t errlen);

/* Set (on) or clear O_NONBLOCK on fd.  Returns 0 or -errno. */
int usock_set_nonblock(int fd, bool on);

#endif /* NASD_IO_USOCK_H */
