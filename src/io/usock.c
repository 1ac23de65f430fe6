/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * usock.c - Unix-domain sockets: stream sockets for the vty server and the
 * CLI client, the record socket of the phone network's attach protocol
 * (usock.h).
 */
#include "usock.h"

#include "io_err.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int make_addr(const char *path, struct sockaddr_un *sa, char *err,
		     size_t errlen)
{
	size_t n = strlen(path);

	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (n == 0 || n >= sizeof(sa->sun_path)) {
		io_set_err(err, errlen,
			   "socket path \"%s\" must be 1 to %zu characters",
			   path, sizeof(sa->sun_path) - 1);
		return -ENAMETOOLONG;
	}
	memcpy(sa->sun_path, path, n);
	return 0;
}

/*
 * Is anybody accepting on the socket file at sa?  Returns 1 (live),
 * 0 (stale: connection refused), or -errno (e.g. -ENOENT if it vanished).
 */
static int probe_live(const struct sockaddr_un *sa)
{
	int fd, rc;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	rc = connect(fd, (const struct sockaddr *)sa, sizeof(*sa));
	if (rc == 0 || errno == EAGAIN || errno == EINPROGRESS)
		rc = 1; /* accepted, or listening with a full backlog */
	else if (errno == ECONNREFUSED)
		rc = 0;
	else
		rc = -errno;
	close(fd);
	return rc;
}

static int bind_masked(int fd, const struct sockaddr_un *sa, mode_t mode)
{
	/* bind() creates the file with the umask applied; make sure it is
	 * never more permissive than mode before chmod() sets it exactly.
	 * nasd is single-threaded, so the process-wide umask is safe here. */
	mode_t old = umask((mode_t)(~mode & 0777));
	int rc = bind(fd, (const struct sockaddr *)sa, sizeof(*sa));
	int e = errno;

	umask(old);
	errno = e;
	return rc;
}

int usock_listen(const char *path, mode_t mode, char *err, size_t errlen)
{
	struct sockaddr_un sa;
	struct stat st;
	int fd, rc;

	rc = make_addr(path, &sa, err, errlen);
	if (rc < 0)
		return rc;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		io_set_err(err, errlen, "cannot create socket for %s: %s", path,
			   strerror(-rc));
		return rc;
	}
	/* Two tries: the second after removing a stale socket file. */
	for (int attempt = 0;; attempt++) {
		if (bind_masked(fd, &sa, mode) == 0)
			break;
		rc = -errno;
		if (rc != -EADDRINUSE || attempt > 0) {
			io_set_err(err, errlen, "cannot bind %s: %s", path,
				   strerror(-rc));
			goto fail;
		}
		if (lstat(path, &st) == 0 && !S_ISSOCK(st.st_mode)) {
			rc = -EEXIST;
			io_set_err(err, errlen,
				   "%s exists and is not a socket; not "
				   "removing it",
				   path);
			goto fail;
		}
		rc = probe_live(&sa);
		if (rc == 1) {
			rc = -EADDRINUSE;
			io_set_err(err, errlen, "another nasd is using %s",
				   path);
			goto fail;
		}
		if (rc < 0 && rc != -ENOENT) {
			io_set_err(err, errlen, "cannot probe %s: %s", path,
				   strerror(-rc));
			goto fail;
		}
		if (rc == 0 && unlink(path) < 0 && errno != ENOENT) {
			rc = -errno;
			io_set_err(err, errlen,
				   "cannot remove stale socket %s: %s", path,
				   strerror(-rc));
			goto fail;
		}
	}
	if (chmod(path, mode) < 0 || listen(fd, SOMAXCONN) < 0) {
		rc = -errno;
		io_set_err(err, errlen, "cannot set up %s: %s", path,
			   strerror(-rc));
		unlink(path);
		goto fail;
	}
	return fd;

fail:
	close(fd);
	return rc;
}

int usock_accept(int listen_fd)
{
	for (;;) {
		int fd = accept4(listen_fd, NULL, NULL,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd >= 0)
			return fd;
		if (errno == EINTR || errno == ECONNABORTED)
			continue;
		if (errno == EWOULDBLOCK)
			return -EAGAIN;
		return -errno;
	}
}

int usock_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa;
	int fd, rc;

	rc = make_addr(path, &sa, err, errlen);
	if (rc < 0)
		return rc;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		io_set_err(err, errlen, "cannot create socket: %s",
			   strerror(-rc));
		return rc;
	}
	do
		rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	while (rc < 0 && errno == EINTR);
	if (rc == 0)
		return fd;
	rc = -errno;
	close(fd);
	if (rc == -ENOENT)
		io_set_err(err, errlen, "%s does not exist: is nasd running?",
			   path);
	else if (rc == -ECONNREFUSED)
		io_set_err(err, errlen,
			   "nobody is listening on %s: nasd is not running "
			   "(stale socket)",
			   path);
	else if (rc == -EACCES || rc == -EPERM)
		io_set_err(err, errlen,
			   "permission denied on %s (check its group and "
			   "mode)",
			   path);
	else
		io_set_err(err, errlen, "cannot connect to %s: %s", path,
			   strerror(-rc));
	return rc;
}

int usock_set_nonblock(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -errno;
	fl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	if (fcntl(fd, F_SETFL, fl) < 0)
		return -errno;
	return 0;
}

int usock_seqpacket_connect(const char *path, const void *hello, size_t len,
			    char *err, size_t errlen)
{
	struct sockaddr_un sa;
	int fd, rc;

	rc = make_addr(path, &sa, err, errlen);
	if (rc < 0)
		return rc;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		io_set_err(err, errlen, "%s: %s", path, strerror(-rc));
		return rc;
	}
	if (connect(fd, (const struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    send(fd, hello, len, MSG_NOSIGNAL) < 0) {
		rc = -errno;
		io_set_err(err, errlen, "%s: %s", path, strerror(-rc));
		close(fd);
		return rc;
	}
	return fd;
}
