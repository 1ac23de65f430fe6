/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_ep.c - the pty and TCP endpoints of the analog lines (pstn.h), and
 * the DTE ops every endpoint kind installs on its line.
 *
 * pty: the pstn keeps the master and links the slave at the configured
 * path (a symlink replaced atomically, so the path is stable across
 * re-creation).  Linux ptys carry no modem-control lines, so:
 *  - DTR is "a program has the slave open".  The master reads EIO (and
 *    polls POLLHUP) while no slave is open; that is DTR low, which makes
 *    the modem hang up under AT&D2.  While DTR is low a timer polls the
 *    master every 100 ms and raises DTR when POLLHUP clears.
 *  - carrier loss is "NO CARRIER" in the DTE stream; with
 *    `hangup-on-carrier-loss` the pty is also hung up 250 ms later (the
 *    master closed, so the program sees EOF/EIO and SIGHUP, and a new pty
 *    linked at the same path).
 * Output while no slave is open goes nowhere, as on a serial cable with
 * nothing plugged in.
 *
 * tcp: a listener (127.0.0.1 by default) speaking the AT dialect raw, as
 * tcpser does for PC emulators.  One connection at a time (it is DTR); a
 * second one is closed at once.
 */
#include "pstn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#define PTY_POLL_MS 100
#define PTY_HUP_DELAY_MS 250

static void ep_io(struct loop_fd *h, uint32_t revents);

struct pstn_isdn *pstn_isdn_find(struct pstn *pstn, const char *number)
{
	for (struct pstn_isdn *i = pstn->isdns; i; i = i->next)
		if (strcmp(i->sub->number, number) == 0)
			return i;
	return NULL;
}

struct pstn_ep *pstn_ep_find(struct pstn *pstn, const char *number)
{
	for (struct pstn_ep *ep = pstn->eps; ep; ep = ep->next)
		if (strcmp(ep->cfg->number, number) == 0)
			return ep;
	return NULL;
}

/* The fd output goes to, or -1 when no DTE is there. */
static int out_fd(const struct pstn_ep *ep)
{
	if (ep->cfg->ep == PSTN_EP_PTY)
		return ep->dtr ? ep->master : -1;
	if (ep->cfg->ep == PSTN_EP_TCP)
		return ep->conn;
	return -1;
}

static void update_events(struct pstn_ep *ep)
{
	struct loop_fd *h = ep->cfg->ep == PSTN_EP_PTY ? &ep->lfd : &ep->clfd;
	uint32_t ev = 0;

	if (loop_fd_fd(h) < 0)
		return;
	/* CTS low: stop reading, so the writer is held back by the kernel
	 * buffer instead of losing data in the modem. */
	if (ep->sig & MODEM_SIG_CTS)
		ev |= LOOP_IN;
	if (ep->out.len > ep->out_off)
		ev |= LOOP_OUT;
	loop_fd_mod(h, ev);
}

void pstn_ep_flush(struct pstn_ep *ep)
{
	int fd = out_fd(ep);

	while (fd >= 0 && ep->out.len > ep->out_off) {
		ssize_t n = write(fd, ep->out.s + ep->out_off,
				  ep->out.len - ep->out_off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		ep->out_off += (size_t)n;
	}
	if (ep->out_off == ep->out.len) {
		sb_reset(&ep->out);
		ep->out_off = 0;
	}
	update_events(ep);
}

static void dte_write(void *arg, const uint8_t *data, size_t len)
{
	struct pstn_ep *ep = arg;

	if (ep->cfg->ep == PSTN_EP_ATTACH) {
		if (ep->client)
			pstn_attach_write(ep->client, data, len);
		return;
	}
	if (out_fd(ep) < 0)
		return; /* nobody there */
	if (ep->out.len - ep->out_off + len > PSTN_EP_OUT_MAX) {
		ep->out_dropped += len;
		return;
	}
	sb_putn(&ep->out, (const char *)data, len);
	pstn_ep_flush(ep);
}

static void pty_hangup(void *arg);

static void dte_signals(void *arg, unsigned sig)
{
	struct pstn_ep *ep = arg;
	unsigned was = ep->sig;

	ep->sig = sig;
	if (ep->cfg->ep == PSTN_EP_ATTACH) {
		if (ep->client)
			pstn_attach_signals(ep->client, sig);
		return;
	}
	update_events(ep);
	if (ep->cfg->ep == PSTN_EP_PTY && ep->cfg->hangup_on_carrier_loss &&
	    (was & MODEM_SIG_DCD) && !(sig & MODEM_SIG_DCD))
		timer_arm(&ep->t_hup, PTY_HUP_DELAY_MS);
}

const struct pstn_dte_ops pstn_ep_dte_ops = {
	.write = dte_write,
	.signals = dte_signals,
};

static void set_dtr(struct pstn_ep *ep, bool on)
{
	if (ep->dtr == on)
		return;
	ep->dtr = on;
	if (!on) {
		sb_reset(&ep->out);
		ep->out_off = 0;
	}
	pstn_line_set_dtr(ep->line, on);
}

/* ---- pty ----------------------------------------------------------------- */

static void pty_lost(struct pstn_ep *ep)
{
	loop_fd_del(&ep->lfd);
	/* Stale output must not greet the next program on the slave. */
	tcflush(ep->master, TCIOFLUSH);
	set_dtr(ep, false);
	timer_arm(&ep->t_poll, PTY_POLL_MS);
}

static void pty_poll(void *arg)
{
	struct pstn_ep *ep = arg;
	struct pollfd pfd = {.fd = ep->master, .events = POLLIN};

	if (ep->master < 0)
		return;
	if (poll(&pfd, 1, 0) >= 0 && !(pfd.revents & POLLHUP)) {
		if (loop_fd_add(ep->pstn->loop, &ep->lfd, ep->master, LOOP_IN,
				ep_io, ep) == 0) {
			set_dtr(ep, true);
			update_events(ep);
			return;
		}
	}
	timer_arm(&ep->t_poll, PTY_POLL_MS);
}

/* Point the configured path at the slave: a temporary link renamed over
 * it, so the path never dangles.  Only a symlink is ever replaced. */
static int pty_link(struct pstn_ep *ep)
{
	const char *path = ep->cfg->pty_path;
	char tmp[300];
	struct stat st;

	if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode)) {
		log_err(&ep->pstn->log,
			"%%PSTN-3-PTY: %s exists and is not a symlink", path);
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	unlink(tmp);
	if (symlink(ep->slave, tmp) < 0 || rename(tmp, path) < 0) {
		log_err(&ep->pstn->log, "%%PSTN-3-PTY: cannot link %s: %s",
			path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int pty_create(struct pstn_ep *ep)
{
	struct termios tio;
	int fd, sfd;

	fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || grantpt(fd) < 0 || unlockpt(fd) < 0 ||
	    ptsname_r(fd, ep->slave, sizeof(ep->slave)) != 0) {
		log_err(&ep->pstn->log, "%%PSTN-3-PTY: cannot create a pty: %s",
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	/* Raw 8-bit by default, and open+close once so the master sees
	 * the slave closed (POLLHUP) until a program opens it. */
	sfd = open(ep->slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (sfd >= 0) {
		if (tcgetattr(sfd, &tio) == 0) {
			cfmakeraw(&tio);
			tcsetattr(sfd, TCSANOW, &tio);
		}
		close(sfd);
	}
	ep->master = fd;
	if (pty_link(ep) < 0) {
		close(fd);
		ep->master = -1;
		return -1;
	}
	timer_arm(&ep->t_poll, 0);
	return 0;
}

static void pty_destroy(struct pstn_ep *ep)
{
	loop_fd_del(&ep->lfd);
	timer_cancel(&ep->t_poll);
	if (ep->master >= 0)
		close(ep->master);
	ep->master = -1;
}

static void pty_hangup(void *arg)
{
	struct pstn_ep *ep = arg;

	if (ep->sig & MODEM_SIG_DCD)
		return; /* a new call came up meanwhile */
	log_info(&ep->pstn->log, "%%PSTN-6-HANGUP: line %s: carrier lost, "
				 "pty hung up",
		 ep->cfg->number);
	pstn_ep_flush(ep);
	pty_destroy(ep);
	set_dtr(ep, false);
	ep->hangups++;
	pty_create(ep);
}

/* ---- tcp ----------------------------------------------------------------- */

static void tcp_drop(struct pstn_ep *ep)
{
	loop_fd_del(&ep->clfd);
	close(ep->conn);
	ep->conn = -1;
	ep->peer[0] = '\0';
	sb_reset(&ep->out);
	ep->out_off = 0;
	set_dtr(ep, false);
}

static void tcp_accept(struct loop_fd *h, uint32_t revents)
{
	struct pstn_ep *ep = h->arg;
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	int fd;

	(void)revents;
	fd = accept4(ep->lsock, (struct sockaddr *)&sin, &sl,
		     SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return;
	if (ep->conn >= 0) {
		close(fd); /* one DTE at a time */
		return;
	}
	ep->conn = fd;
	snprintf(ep->peer, sizeof(ep->peer), "%s:%u",
		 inet_ntoa(sin.sin_addr), ntohs(sin.sin_port));
	if (loop_fd_add(ep->pstn->loop, &ep->clfd, fd, LOOP_IN, ep_io, ep)) {
		close(fd);
		ep->conn = -1;
		return;
	}
	set_dtr(ep, true);
	update_events(ep);
}

static int tcp_open(struct pstn_ep *ep)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	int one = 1, fd;

	sin.sin_port = htons(ep->cfg->tcp_port);
	if (inet_pton(AF_INET, ep->cfg->tcp_addr, &sin.sin_addr) != 1)
		return -1;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(fd, 4) < 0 ||
	    loop_fd_add(ep->pstn->loop, &ep->llfd, fd, LOOP_IN, tcp_accept,
			ep) != 0) {
		log_err(&ep->pstn->log,
			"%%PSTN-3-TCP: cannot listen on %s:%u: %s",
			ep->cfg->tcp_addr, ep->cfg->tcp_port, strerror(errno));
		close(fd);
		return -1;
	}
	ep->lsock = fd;
	return 0;
}

/* ---- common -------------------------------------------------------------- */

static void ep_io(struct loop_fd *h, uint32_t revents)
{
	struct pstn_ep *ep = h->arg;
	bool pty = ep->cfg->ep == PSTN_EP_PTY;
	int fd = pty ? ep->master : ep->conn;
	uint8_t buf[4096];

	if (revents & LOOP_OUT)
		pstn_ep_flush(ep);
	if (!(revents & (LOOP_IN | LOOP_ERR)))
		return;
	for (int rounds = 0; rounds < 16; rounds++) {
		ssize_t n;

		if (!(ep->sig & MODEM_SIG_CTS) && !(revents & LOOP_ERR))
			break;
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			if (revents & LOOP_ERR)
				break; /* HUP with nothing to read */
			return;
		}
		if (n <= 0) {
			/* pty: EIO, the slave was closed; tcp: EOF. */
			if (pty)
				pty_lost(ep);
			else
				tcp_drop(ep);
			return;
		}
		pstn_line_dte_input(ep->line, buf, (size_t)n);
		if (loop_fd_fd(h) < 0)
			return;
	}
	if ((revents & LOOP_ERR) && pty) {
		struct pollfd pfd = {.fd = ep->master, .events = POLLIN};

		if (poll(&pfd, 1, 0) >= 0 && (pfd.revents & POLLHUP))
			pty_lost(ep);
	} else if (revents & LOOP_ERR) {
		tcp_drop(ep);
	}
}

int pstn_ep_open(struct pstn_ep *ep)
{
	ep->master = ep->lsock = ep->conn = -1;
	timer_init(&ep->t_poll, loop_timers(ep->pstn->loop), pty_poll, ep);
	timer_init(&ep->t_hup, loop_timers(ep->pstn->loop), pty_hangup, ep);
	pstn_line_set_dte(ep->line, &pstn_ep_dte_ops, ep);
	ep->sig = pstn_line_signals(ep->line);
	switch (ep->cfg->ep) {
	case PSTN_EP_PTY:
		return pty_create(ep);
	case PSTN_EP_TCP:
		return tcp_open(ep);
	default:
		return 0;
	}
}

void pstn_ep_close(struct pstn_ep *ep)
{
	timer_cancel(&ep->t_hup);
	if (ep->cfg->ep == PSTN_EP_PTY) {
		struct stat st;

		pty_destroy(ep);
		/* Only our own link goes, never a file that was there. */
		if (ep->slave[0] && lstat(ep->cfg->pty_path, &st) == 0 &&
		    S_ISLNK(st.st_mode))
			unlink(ep->cfg->pty_path);
	}
	if (ep->conn >= 0) {
		loop_fd_del(&ep->clfd);
		close(ep->conn);
		ep->conn = -1;
	}
	if (ep->lsock >= 0) {
		loop_fd_del(&ep->llfd);
		close(ep->lsock);
		ep->lsock = -1;
	}
	sb_free(&ep->out);
}

void pstn_ep_describe(const struct pstn_ep *ep, struct strbuf *sb)
{
	switch (ep->cfg->ep) {
	case PSTN_EP_PTY:
		sb_printf(sb, "pty %s -> %s", ep->cfg->pty_path, ep->slave);
		break;
	case PSTN_EP_TCP:
		sb_printf(sb, "tcp %s:%u%s%s", ep->cfg->tcp_addr,
			  ep->cfg->tcp_port, ep->conn >= 0 ? " from " : "",
			  ep->peer);
		break;
	case PSTN_EP_ATTACH:
		sb_printf(sb, "attach%s", ep->client ? " (attached)" : "");
		break;
	case PSTN_EP_NONE:
		sb_puts(sb, "none");
		break;
	}
}
