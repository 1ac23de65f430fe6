/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vtysrv.c - the CLI server: a Unix stream socket (`nasd --vty PATH`) whose
 * clients (`nas`) speak the record protocol of cli/vty_proto.h
 * (doc/vty-protocol.md).  Each connection gets one vty session (cli/vty.h)
 * in privileged EXEC, as vtysh does: the socket is root-only (mode 0600).
 *
 * Output is queued per client and written as the socket allows; `terminal
 * monitor` sessions get every log line as an 'M' record, and a client that
 * does not read has its monitor text dropped past a limit rather than
 * stalling the daemon.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nasd.h"
#include "usock.h"
#include "vty_proto.h"

#define VTYC_OUT_MAX (4u * 1024 * 1024)
#define VTYC_MONITOR_MAX (1024u * 1024)
#define VTYC_LINE_MAX 4096

struct vtyc {
	struct vtysrv *srv;
	struct vtyc *next;
	int fd;
	struct loop_fd lfd;
	struct vty *vty;
	struct vty_proto_rx rx;
	struct strbuf out; /* encoded records not yet written */
	size_t out_off;    /* octets of `out` already written */
	bool closing;      /* close once `out` is drained */
	bool dead;         /* freed from the deferred queue */
	struct loop_defer reap;
};

struct vtysrv {
	struct nasd *nasd;
	int fd;
	struct loop_fd lfd;
	struct vty_env env;
	struct vtyc *clients;
	char path[256];
};

static void vtyc_kill(struct vtyc *c);

static size_t vtyc_pending(const struct vtyc *c)
{
	return c->out.len - c->out_off;
}

static void vtyc_flush(struct vtyc *c)
{
	while (vtyc_pending(c) > 0) {
		ssize_t n = write(c->fd, c->out.s + c->out_off,
				  vtyc_pending(c));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN) {
				vtyc_kill(c);
				return;
			}
			break;
		}
		c->out_off += (size_t)n;
	}
	if (c->dead)
		return;
	if (vtyc_pending(c) == 0) {
		sb_reset(&c->out);
		c->out_off = 0;
		if (c->closing) {
			vtyc_kill(c);
			return;
		}
	}
	loop_fd_mod(&c->lfd, LOOP_IN | (vtyc_pending(c) ? LOOP_OUT : 0));
}

static void vtyc_put(struct vtyc *c, uint8_t type, const char *s, size_t n)
{
	if (c->dead)
		return;
	if (vty_proto_put_sb(&c->out, type, s, n) < 0 ||
	    vtyc_pending(c) > VTYC_OUT_MAX)
		vtyc_kill(c); /* the client stopped reading */
}

static void vtyc_end(struct vtyc *c, uint8_t status)
{
	const char *prompt = vty_prompt(c->vty);

	if (c->dead)
		return;
	if (vty_proto_put_end_sb(&c->out, status, prompt, strlen(prompt)) < 0)
		vtyc_kill(c);
}

static uint8_t status_octet(enum vty_status st)
{
	switch (st) {
	case VTY_OK:
		return VTY_STATUS_OK;
	case VTY_ERROR:
		return VTY_STATUS_ERROR;
	case VTY_PASSWORD:
		return VTY_STATUS_PASSWORD;
	case VTY_CLOSE:
		return VTY_STATUS_CLOSING;
	}
	return VTY_STATUS_ERROR;
}

static int vtyc_record(void *ctx, uint8_t type, const uint8_t *payload,
		       size_t len)
{
	struct vtyc *c = ctx;
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
	char text[VTYC_LINE_MAX + 1];
	enum vty_status st;

	if (len > VTYC_LINE_MAX || memchr(payload, '\0', len))
		return -EPROTO; /* a CLI line has no NULs */
	memcpy(text, payload, len);
	text[len] = '\0';
	switch (type) {
	case VTY_REC_EXEC:
	case VTY_REC_PASSWORD:
		st = vty_exec(c->vty, text, &out);
		vtyc_put(c, VTY_REC_OUTPUT, sb_str(&out), out.len);
		vtyc_end(c, status_octet(st));
		if (st == VTY_CLOSE)
			c->closing = true;
		break;
	case VTY_REC_HELP:
		vty_help(c->vty, text, &out);
		vtyc_put(c, VTY_REC_OUTPUT, sb_str(&out), out.len);
		vtyc_end(c, VTY_STATUS_OK);
		break;
	case VTY_REC_COMPLETE:
		vty_complete(c->vty, text, &line, &out);
		if (out.len)
			vtyc_put(c, VTY_REC_OUTPUT, sb_str(&out), out.len);
		vtyc_put(c, VTY_REC_LINE, sb_str(&line), line.len);
		vtyc_end(c, VTY_STATUS_OK);
		break;
	default:
		return -EPROTO;
	}
	sb_free(&out);
	sb_free(&line);
	return 0;
}

static void vtyc_io(struct loop_fd *h, uint32_t revents)
{
	struct vtyc *c = h->arg;
	uint8_t buf[4096];

	if (revents & LOOP_OUT)
		vtyc_flush(c);
	if (c->dead || !(revents & (LOOP_IN | LOOP_ERR)))
		return;
	for (;;) {
		ssize_t n = read(c->fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n <= 0 ||
		    vty_proto_feed(&c->rx, buf, (size_t)n, vtyc_record, c)) {
			vtyc_kill(c);
			return;
		}
		if (c->dead || c->closing)
			break;
	}
	vtyc_flush(c);
}

static void vtyc_reap(void *arg)
{
	struct vtyc *c = arg;

	vty_free(c->vty);
	vty_proto_rx_free(&c->rx);
	sb_free(&c->out);
	free(c);
}

/* Unlink and close now; free from the deferred queue (never inside our
 * own callback). */
static void vtyc_kill(struct vtyc *c)
{
	struct vtyc **pp;

	if (c->dead)
		return;
	c->dead = true;
	for (pp = &c->srv->clients; *pp && *pp != c; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = c->next;
	loop_fd_del(&c->lfd);
	close(c->fd);
	loop_defer(c->srv->nasd->loop, &c->reap, vtyc_reap, c);
}

static void vtysrv_accept(struct loop_fd *h, uint32_t revents)
{
	struct vtysrv *srv = h->arg;

	(void)revents;
	for (;;) {
		int fd = usock_accept(srv->fd);
		struct vtyc *c;

		if (fd < 0)
			return;
		c = calloc(1, sizeof(*c));
		if (!c || !(c->vty = vty_new(srv->nasd->cmds, &srv->env,
					     true))) {
			free(c);
			close(fd);
			continue;
		}
		c->srv = srv;
		c->fd = fd;
		vty_proto_rx_init(&c->rx, VTY_PROTO_FROM_CLIENT);
		if (loop_fd_add(srv->nasd->loop, &c->lfd, fd, LOOP_IN, vtyc_io,
				c) != 0) {
			vty_free(c->vty);
			free(c);
			close(fd);
			continue;
		}
		c->next = srv->clients;
		srv->clients = c;
		/* The greeting: status ok and the first prompt. */
		vtyc_end(c, VTY_STATUS_OK);
		vtyc_flush(c);
	}
}

int vtysrv_open(struct nasd *nasd, const char *path,
		const struct vty_env *env)
{
	struct vtysrv *srv = calloc(1, sizeof(*srv));
	char err[256];

	if (!srv)
		return -1;
	srv->nasd = nasd;
	srv->env = *env;
	snprintf(srv->path, sizeof(srv->path), "%s", path);
	srv->fd = usock_listen(path, 0600, err, sizeof(err));
	if (srv->fd < 0) {
		log_err(&nasd->log, "%%SYS-3-VTY: %s", err);
		free(srv);
		return -1;
	}
	if (loop_fd_add(nasd->loop, &srv->lfd, srv->fd, LOOP_IN,
			vtysrv_accept, srv) != 0) {
		close(srv->fd);
		unlink(path);
		free(srv);
		return -1;
	}
	nasd->vty = srv;
	return 0;
}

void vtysrv_close(struct nasd *nasd)
{
	struct vtysrv *srv = nasd->vty;

	if (!srv)
		return;
	while (srv->clients) {
		struct vtyc *c = srv->clients;
		vtyc_flush(c);
		if (!c->dead)
			vtyc_kill(c);
	}
	loop_fd_del(&srv->lfd);
	close(srv->fd);
	unlink(srv->path);
	free(srv);
	nasd->vty = NULL;
}

void vtysrv_monitor(struct nasd *nasd, const char *line)
{
	struct vtysrv *srv = nasd->vty;

	if (!srv)
		return;
	for (struct vtyc *c = srv->clients; c; c = c->next) {
		struct strbuf rec = STRBUF_INIT;

		if (c->dead || !vty_monitor(c->vty) ||
		    vtyc_pending(c) > VTYC_MONITOR_MAX)
			continue;
		sb_puts(&rec, line);
		sb_puts(&rec, "\n");
		vtyc_put(c, VTY_REC_MONITOR, sb_str(&rec), rec.len);
		sb_free(&rec);
		if (!c->dead)
			loop_fd_mod(&c->lfd, LOOP_IN | LOOP_OUT);
	}
}
