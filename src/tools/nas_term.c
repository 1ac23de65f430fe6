/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nas_term.c - reading a secret (the password nasd asks for after `enable`
 * or at login) from the terminal without echo, in canonical mode so the
 * terminal's own line editing (erase, kill) still works.  Echo is restored
 * on every way out, signals included.  The secret is never echoed, logged
 * or kept after it was sent.
 */
#include "nas.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

volatile sig_atomic_t nas_signal_seen;

/* Longest secret accepted; more is the user leaning on a key. */
#define NAS_SECRET_MAX 1024

static void nas_term_on_signal(int sig)
{
	nas_signal_seen = sig;
}

void nas_secret_free(char *secret)
{
	if (!secret)
		return;
	explicit_bzero(secret, strlen(secret));
	free(secret);
}

/* Install handlers that interrupt poll()/read() (no SA_RESTART). */
static void nas_term_catch(struct sigaction old[3])
{
	static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = nas_term_on_signal;
	sigemptyset(&sa.sa_mask);
	nas_signal_seen = 0;
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
}

static void nas_term_release(const struct sigaction old[3])
{
	static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};

	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
}

/* Wait for a line on tty_fd; monitor text from conn is shown meanwhile.
 * Returns 1 with buf filled (NUL-terminated, line end removed), 0 when the
 * user gave up, -1 when conn failed. */
static int nas_term_read_line(struct nas_conn *conn, int tty_fd,
			      const char *prompt, char *buf, size_t cap)
{
	size_t len = 0;

	for (;;) {
		struct pollfd pfd[2] = {
			{.fd = tty_fd, .events = POLLIN},
			{.fd = conn->fd, .events = POLLIN},
		};
		char c;
		ssize_t n;

		if (nas_signal_seen)
			return 0;
		if (poll(pfd, conn->fd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		if (pfd[1].revents) {
			if (nas_conn_pump(conn))
				return -1;
			/* Monitor text moved the cursor: ask again.  What was
			 * typed so far is kept by the terminal. */
			if (pfd[1].revents & POLLIN)
				nas_write_all(tty_fd, prompt, strlen(prompt));
			if (conn->closed)
				return -1;
		}
		if (!pfd[0].revents)
			continue;
		n = read(tty_fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0; /* Ctrl-D on an empty line, or the tty went */
		if (c == '\n' || c == '\r') {
			buf[len] = '\0';
			return 1;
		}
		if (len + 1 < cap)
			buf[len++] = c;
	}
}

char *nas_read_secret(struct nas_conn *conn, int tty_fd, const char *prompt)
{
	struct termios old, quiet;
	struct sigaction old_sa[3];
	bool have_tty = tcgetattr(tty_fd, &old) == 0;
	char *buf = calloc(1, NAS_SECRET_MAX + 1);
	int rc;

	if (!buf)
		return NULL;
	nas_term_catch(old_sa);
	if (have_tty) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
		quiet.c_lflag |= ICANON | ISIG;
		tcsetattr(tty_fd, TCSAFLUSH, &quiet);
	}
	nas_write_all(tty_fd, prompt, strlen(prompt));
	rc = nas_term_read_line(conn, tty_fd, prompt, buf, NAS_SECRET_MAX + 1);
	if (have_tty)
		tcsetattr(tty_fd, TCSAFLUSH, &old);
	/* The user's Enter was not echoed either. */
	nas_write_all(tty_fd, "\n", 1);
	nas_term_release(old_sa);
	/* Echo is back on: a termination request can now take its
	 * ordinary course. */
	if (nas_signal_seen == SIGTERM || nas_signal_seen == SIGHUP)
		raise(nas_signal_seen);
	if (rc != 1) {
		nas_secret_free(buf);
		return NULL;
	}
	return buf;
}
