/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_attach.c - the attach socket (doc/pstn-protocol.md): a Unix
 * SOCK_SEQPACKET listener whose clients send ATTACH role `dte` with a
 * subscriber number and then are the DTE of that line's modem.  DATA
 * carries the DTE byte stream both ways; SIGNALS from the client carries
 * DTR (and RTS), to the client DCD, DSR, RI and CTS.  Attaching raises
 * DTR, as opening a serial port does; SIGNALS without DTR drops it, and
 * closing the connection drops it too.
 *
 * ISDN subscribers (`isdn pri-t1|pri-e1|bri`) attach with their role;
 * then DCHAN messages carry the D-channel's Q.921 frames to and from the
 * network side (pstn_isdn.c), and DATA on channel n carries B-channel n.
 *
 * Refused with ERROR (then closed): a malformed message, a first message
 * that is not ATTACH, a role that is not the subscriber's, a number that
 * is no subscriber, one whose endpoint is a pty or TCP port, or one
 * already attached; after ATTACHED, a message other than DATA or SIGNALS
 * on channel 0 (dte) or DCHAN and DATA on its B-channels (ISDN).
 */
#include "pstn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "pstn_wire.h"

#define ATTC_QUEUE_MAX (1024u * 1024)

struct attc_rec {
	struct attc_rec *next;
	size_t len;
	uint8_t data[];
};

struct pstn_attc {
	struct pstn *pstn;
	struct pstn_attc *next;
	int fd;
	struct loop_fd lfd;
	struct pstn_ep *ep; /* after ATTACH (dte) */
	struct pstn_isdn *isdn; /* after ATTACH (ISDN roles) */
	struct attc_rec *qh, *qt;
	size_t queued;
	uint64_t dropped;
	bool closing; /* close once the queue is sent */
	bool dead;
	struct loop_defer reap;
};

static void attc_kill(struct pstn_attc *c);

static void attc_flush(struct pstn_attc *c)
{
	while (c->qh) {
		struct attc_rec *r = c->qh;
		ssize_t n = send(c->fd, r->data, r->len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == ENOBUFS))
			break;
		if (n < 0) {
			attc_kill(c);
			return;
		}
		c->qh = r->next;
		if (!c->qh)
			c->qt = NULL;
		c->queued -= r->len;
		free(r);
	}
	if (!c->qh && c->closing) {
		attc_kill(c);
		return;
	}
	loop_fd_mod(&c->lfd, (c->closing ? 0 : LOOP_IN) |
				     (c->qh ? LOOP_OUT : 0));
}

static void attc_queue_raw(struct pstn_attc *c, const uint8_t *msg,
			   size_t len, bool droppable)
{
	struct attc_rec *r;

	if (c->dead)
		return;
	if (droppable && c->queued + len > ATTC_QUEUE_MAX) {
		c->dropped += len;
		return;
	}
	r = malloc(sizeof(*r) + len);
	if (!r)
		return;
	r->next = NULL;
	r->len = len;
	memcpy(r->data, msg, len);
	if (c->qt)
		c->qt->next = r;
	else
		c->qh = r;
	c->qt = r;
	c->queued += r->len;
	attc_flush(c);
}

static void attc_queue(struct pstn_attc *c, const struct wr *w, bool droppable)
{
	if (wr_ok(w))
		attc_queue_raw(c, w->buf, w->len, droppable);
}

static void attc_refuse(struct pstn_attc *c, const char *why)
{
	uint8_t buf[256];
	struct wr w = wr_init(buf, sizeof(buf));

	log_info(&c->pstn->log, "%%PSTN-6-ATTACH: refused: %s", why);
	pstn_wire_put_text(&w, PSTN_MSG_ERROR, why);
	c->closing = true;
	attc_queue(c, &w, false);
}

void pstn_attach_write(struct pstn_attc *c, const uint8_t *data, size_t len)
{
	uint8_t buf[PSTN_WIRE_MAX_MSG];

	while (len > 0) {
		size_t n = len < PSTN_WIRE_MAX_PAYLOAD ? len
						       : PSTN_WIRE_MAX_PAYLOAD;
		struct wr w = wr_init(buf, sizeof(buf));

		pstn_wire_put_data(&w, PSTN_MSG_DATA, 0, data, n);
		attc_queue(c, &w, true);
		data += n;
		len -= n;
	}
}

void pstn_attach_signals(struct pstn_attc *c, unsigned sig)
{
	uint8_t buf[8];
	struct wr w = wr_init(buf, sizeof(buf));

	pstn_wire_put_signals(&w, 0, (uint8_t)sig);
	attc_queue(c, &w, false);
}

static void isdn_send(void *arg, const uint8_t *msg, size_t len)
{
	struct pstn_attc *c = arg;

	/* B-channel data may be dropped when the client does not read;
	 * D-channel frames never. */
	attc_queue_raw(c, msg, len, len > 0 && msg[0] == PSTN_MSG_DATA);
}

static const struct pstn_isdn_send isdn_send_ops = {isdn_send};

static void attc_attach_isdn(struct pstn_attc *c, const struct pstn_wire_msg *m)
{
	struct pstn_sub *sub = pstn_switch_route(&c->pstn->sw, m->number);
	struct pstn_isdn *isdn = sub ? pstn_isdn_find(c->pstn, sub->number)
				     : NULL;
	uint8_t buf[128];
	struct wr w = wr_init(buf, sizeof(buf));
	char text[96];

	if (!isdn) {
		attc_refuse(c, "no such ISDN subscriber");
		return;
	}
	if (isdn->role != m->role) {
		attc_refuse(c, "subscriber has another ISDN interface");
		return;
	}
	if (pstn_isdn_attached(isdn)) {
		attc_refuse(c, "subscriber already attached");
		return;
	}
	c->isdn = isdn;
	snprintf(text, sizeof(text), "%s %s %uB+D", pstn_role_name(m->role),
		 sub->number, isdn->nb);
	pstn_wire_put_text(&w, PSTN_MSG_ATTACHED, text);
	attc_queue(c, &w, false);
	log_info(&c->pstn->log, "%%PSTN-6-ATTACH: %s %s attached",
		 pstn_role_name(m->role), sub->number);
	if (pstn_isdn_attach(isdn, &isdn_send_ops, c) != 0) {
		c->isdn = NULL;
		attc_refuse(c, "cannot start the D-channel");
	}
}

static void attc_attach(struct pstn_attc *c, const struct pstn_wire_msg *m)
{
	struct pstn_sub *sub;
	struct pstn_ep *ep;
	uint8_t buf[128];
	struct wr w = wr_init(buf, sizeof(buf));
	char text[64];

	if (m->role != PSTN_ROLE_DTE) {
		attc_attach_isdn(c, m);
		return;
	}
	sub = pstn_switch_route(&c->pstn->sw, m->number);
	ep = sub ? pstn_ep_find(c->pstn, sub->number) : NULL;
	if (!ep) {
		attc_refuse(c, "no such subscriber");
		return;
	}
	if (ep->cfg->ep != PSTN_EP_ATTACH) {
		attc_refuse(c, "subscriber is not an attach line");
		return;
	}
	if (ep->client) {
		attc_refuse(c, "subscriber already attached");
		return;
	}
	c->ep = ep;
	ep->client = c;
	snprintf(text, sizeof(text), "line %s modem %u bit/s", sub->number,
		 ep->cfg->line.speed_bps);
	pstn_wire_put_text(&w, PSTN_MSG_ATTACHED, text);
	attc_queue(c, &w, false);
	log_info(&c->pstn->log, "%%PSTN-6-ATTACH: line %s attached",
		 sub->number);
	pstn_attach_signals(c, pstn_line_signals(ep->line));
	ep->dtr = true;
	pstn_line_set_dtr(ep->line, true);
}

static void attc_message(struct pstn_attc *c, const uint8_t *msg, size_t len)
{
	struct pstn_wire_msg m;
	const char *why;

	if (pstn_wire_decode(msg, len, &m, &why) != 0) {
		attc_refuse(c, why);
		return;
	}
	if (c->isdn) {
		if (pstn_isdn_input(c->isdn, &m, &why) != 0)
			attc_refuse(c, why);
		return;
	}
	if (!c->ep) {
		if (m.type != PSTN_MSG_ATTACH)
			attc_refuse(c, "ATTACH expected");
		else
			attc_attach(c, &m);
		return;
	}
	if (m.channel != 0) {
		attc_refuse(c, "a dte line has channel 0 only");
		return;
	}
	switch (m.type) {
	case PSTN_MSG_DATA:
		pstn_line_dte_input(c->ep->line, m.data, m.data_len);
		break;
	case PSTN_MSG_SIGNALS:
		c->ep->dtr = (m.signals & PSTN_SIG_DTR) != 0;
		pstn_line_set_dtr(c->ep->line, c->ep->dtr);
		break;
	default:
		attc_refuse(c, "unexpected message");
		break;
	}
}

static void attc_io(struct loop_fd *h, uint32_t revents)
{
	struct pstn_attc *c = h->arg;
	uint8_t buf[PSTN_WIRE_MAX_MSG + 1];

	if (revents & LOOP_OUT)
		attc_flush(c);
	if (c->dead || c->closing || !(revents & (LOOP_IN | LOOP_ERR)))
		return;
	for (int rounds = 0; rounds < 16 && !c->dead && !c->closing;
	     rounds++) {
		ssize_t n = recv(c->fd, buf, sizeof(buf), MSG_TRUNC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			attc_kill(c);
			return;
		}
		if ((size_t)n > sizeof(buf) - 1) {
			attc_refuse(c, "message too long");
			return;
		}
		attc_message(c, buf, (size_t)n);
	}
}

/* The deferred half of attc_kill(): drop DTR (never from inside a modem
 * op, which may be what failed to send) and free. */
static void attc_reap(void *arg)
{
	struct pstn_attc *c = arg;
	struct pstn_ep *ep = c->ep;

	/* Detach here, not in attc_kill(): that may run inside a libpri
	 * callback (a failed send), and detaching frees libpri's side. */
	if (c->isdn) {
		log_info(&c->pstn->log, "%%PSTN-6-ATTACH: %s %s detached",
			 pstn_role_name(c->isdn->role), c->isdn->sub->number);
		pstn_isdn_detach(c->isdn);
		c->isdn = NULL;
	}
	if (ep && !ep->client) {
		ep->dtr = false;
		log_info(&c->pstn->log, "%%PSTN-6-ATTACH: line %s detached",
			 ep->cfg->number);
		pstn_line_set_dtr(ep->line, false);
	}
	while (c->qh) {
		struct attc_rec *r = c->qh;
		c->qh = r->next;
		free(r);
	}
	free(c);
}

/* Close now and stop the line's output to us; the rest is deferred. */
static void attc_kill(struct pstn_attc *c)
{
	struct pstn_attc **pp;

	if (c->dead)
		return;
	c->dead = true;
	for (pp = &c->pstn->attcs; *pp && *pp != c; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = c->next;
	loop_fd_del(&c->lfd);
	close(c->fd);
	if (c->ep)
		c->ep->client = NULL;
	loop_defer(c->pstn->loop, &c->reap, attc_reap, c);
}

static void attach_accept(struct loop_fd *h, uint32_t revents)
{
	struct pstn *pstn = h->arg;

	(void)revents;
	for (;;) {
		int fd = accept4(pstn->attach_fd, NULL, NULL,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct pstn_attc *c;

		if (fd < 0)
			return;
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->pstn = pstn;
		c->fd = fd;
		if (loop_fd_add(pstn->loop, &c->lfd, fd, LOOP_IN, attc_io, c)) {
			close(fd);
			free(c);
			continue;
		}
		c->next = pstn->attcs;
		pstn->attcs = c;
	}
}

int pstn_attach_open(struct pstn *pstn)
{
	const char *path = pstn->cfg.attach_path;
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	struct stat st;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -1;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	/* A socket nobody listens on (a crashed pstn's) is replaced; a live
	 * one or anything else is left alone. */
	if (lstat(path, &st) == 0) {
		int probe = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
		bool live = probe >= 0 &&
			    connect(probe, (struct sockaddr *)&sun,
				    sizeof(sun)) == 0;

		if (probe >= 0)
			close(probe);
		if (!S_ISSOCK(st.st_mode) || live) {
			log_err(&pstn->log, "%%PSTN-3-ATTACH: %s is in use",
				path);
			close(fd);
			return -1;
		}
		unlink(path);
	}
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    listen(fd, 16) < 0 ||
	    loop_fd_add(pstn->loop, &pstn->attach_lfd, fd, LOOP_IN,
			attach_accept, pstn) != 0) {
		log_err(&pstn->log, "%%PSTN-3-ATTACH: cannot listen on %s: %s",
			path, strerror(errno));
		close(fd);
		return -1;
	}
	pstn->attach_fd = fd;
	return 0;
}

void pstn_attach_close(struct pstn *pstn)
{
	while (pstn->attcs) {
		struct pstn_attc *c = pstn->attcs;

		attc_flush(c);
		if (!c->dead)
			attc_kill(c);
		/* The loop is going away: reap now. */
		loop_defer_cancel(&c->reap);
		attc_reap(c);
	}
	if (pstn->attach_fd >= 0) {
		loop_fd_del(&pstn->attach_lfd);
		close(pstn->attach_fd);
		unlink(pstn->cfg.attach_path);
		pstn->attach_fd = -1;
	}
}
