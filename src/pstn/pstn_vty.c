/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_vty.c - the pstn's CLI socket: a Unix stream socket speaking the
 * record protocol of cli/vty_proto.h (doc/vty-protocol.md), so the `nas`
 * client serves as the pstn's CLI (`nas -s /run/pstn/pstn.vty -c "show
 * calls"`).  Each connection is one session in privileged EXEC ("pstn#")
 * on the pstn's own command table (pstn_cli.c): a phone network has no
 * configuration mode, so the nasd vty session (cli/vty.h), which is built
 * around nasd's configuration snapshots, is not used; the command engine
 * (config/cmd.h) is.  The socket is root-only (0600).
 */
#include "pstn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "usock.h"
#include "vty_proto.h"

#define VTYC_OUT_MAX (4u * 1024 * 1024)
#define VTYC_MONITOR_MAX (1024u * 1024)
#define VTYC_LINE_MAX 4096
#define PSTN_PROMPT "pstn#"

struct pstn_vtyc {
	struct pstn *pstn;
	struct pstn_vtyc *next;
	int fd;
	struct loop_fd lfd;
	struct cmd_ctx ctx;
	struct vty_proto_rx rx;
	struct strbuf out;
	size_t out_off;
	bool monitor;
	bool closing;
	bool dead;
	struct loop_defer reap;
};

void pstn_vtyc_set_monitor(struct pstn_vtyc *c, bool on)
{
	c->monitor = on;
}

void pstn_vtyc_set_close(struct pstn_vtyc *c)
{
	c->closing = true;
}

static void vtyc_kill(struct pstn_vtyc *c);

static size_t pending(const struct pstn_vtyc *c)
{
	return c->out.len - c->out_off;
}

static void vtyc_flush(struct pstn_vtyc *c)
{
	while (pending(c) > 0) {
		ssize_t n = write(c->fd, c->out.s + c->out_off, pending(c));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n <= 0) {
			vtyc_kill(c);
			return;
		}
		c->out_off += (size_t)n;
	}
	if (pending(c) == 0) {
		sb_reset(&c->out);
		c->out_off = 0;
		if (c->closing) {
			vtyc_kill(c);
			return;
		}
	}
	loop_fd_mod(&c->lfd, LOOP_IN | (pending(c) ? LOOP_OUT : 0));
}

static void vtyc_put(struct pstn_vtyc *c, uint8_t type, const char *s,
		     size_t n)
{
	if (c->dead)
		return;
	if (vty_proto_put_sb(&c->out, type, s, n) < 0 ||
	    pending(c) > VTYC_OUT_MAX)
		vtyc_kill(c);
}

static void vtyc_end(struct pstn_vtyc *c, uint8_t status)
{
	if (!c->dead &&
	    vty_proto_put_end_sb(&c->out, status, PSTN_PROMPT,
				 strlen(PSTN_PROMPT)) < 0)
		vtyc_kill(c);
}

static int vtyc_record(void *arg, uint8_t type, const uint8_t *payload,
		       size_t len)
{
	struct pstn_vtyc *c = arg;
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
	char text[VTYC_LINE_MAX + 1];
	struct cmd_result res;
	uint8_t st = VTY_STATUS_OK;

	if (len > VTYC_LINE_MAX || memchr(payload, '\0', len))
		return -EPROTO;
	memcpy(text, payload, len);
	text[len] = '\0';
	c->ctx.out = &out;
	c->ctx.app = c->pstn;
	c->ctx.session = c;
	c->ctx.log = &c->pstn->log;
	switch (type) {
	case VTY_REC_EXEC:
	case VTY_REC_PASSWORD:
		if (cmd_execute(c->pstn->cmds, &c->ctx, text, &res) != CMD_OK) {
			cmd_error_format(&res, text, PSTN_PROMPT, &out);
			st = VTY_STATUS_ERROR;
		}
		/* `enable`/`configure` do not exist: stay in EXEC. */
		cmd_reset_mode(&c->ctx, CMD_MODE_EXEC);
		vtyc_put(c, VTY_REC_OUTPUT, sb_str(&out), out.len);
		vtyc_end(c, c->closing ? VTY_STATUS_CLOSING : st);
		break;
	case VTY_REC_HELP:
		cmd_help(c->pstn->cmds, &c->ctx, text, PSTN_PROMPT, &out);
		vtyc_put(c, VTY_REC_OUTPUT, sb_str(&out), out.len);
		vtyc_end(c, VTY_STATUS_OK);
		break;
	case VTY_REC_COMPLETE:
		cmd_complete(c->pstn->cmds, &c->ctx, text, &line, &out);
		if (out.len)
			vtyc_put(c, VTY_REC_OUTPUT, sb_str(&out), out.len);
		vtyc_put(c, VTY_REC_LINE, sb_str(&line), line.len);
		vtyc_end(c, VTY_STATUS_OK);
		break;
	default:
		sb_free(&out);
		return -EPROTO;
	}
	c->ctx.out = NULL;
	sb_free(&out);
	sb_free(&line);
	return 0;
}

static void vtyc_io(struct loop_fd *h, uint32_t revents)
{
	struct pstn_vtyc *c = h->arg;
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
	struct pstn_vtyc *c = arg;

	vty_proto_rx_free(&c->rx);
	sb_free(&c->out);
	free(c);
}

static void vtyc_kill(struct pstn_vtyc *c)
{
	struct pstn_vtyc **pp;

	if (c->dead)
		return;
	c->dead = true;
	for (pp = &c->pstn->vtycs; *pp && *pp != c; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = c->next;
	loop_fd_del(&c->lfd);
	close(c->fd);
	loop_defer(c->pstn->loop, &c->reap, vtyc_reap, c);
}

static void vty_accept(struct loop_fd *h, uint32_t revents)
{
	struct pstn *pstn = h->arg;

	(void)revents;
	for (;;) {
		int fd = usock_accept(pstn->vty_fd);
		struct pstn_vtyc *c;

		if (fd < 0)
			return;
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(fd);
			continue;
		}
		c->pstn = pstn;
		c->fd = fd;
		cmd_ctx_init(&c->ctx, CMD_MODE_EXEC);
		vty_proto_rx_init(&c->rx, VTY_PROTO_FROM_CLIENT);
		if (loop_fd_add(pstn->loop, &c->lfd, fd, LOOP_IN, vtyc_io, c)) {
			close(fd);
			free(c);
			continue;
		}
		c->next = pstn->vtycs;
		pstn->vtycs = c;
		vtyc_end(c, VTY_STATUS_OK); /* greeting: the first prompt */
		vtyc_flush(c);
	}
}

int pstn_vty_open(struct pstn *pstn)
{
	char err[256];

	pstn->vty_fd = usock_listen(pstn->cfg.vty_path, 0600, err,
				    sizeof(err));
	if (pstn->vty_fd < 0) {
		log_err(&pstn->log, "%%PSTN-3-VTY: %s", err);
		return -1;
	}
	if (loop_fd_add(pstn->loop, &pstn->vty_lfd, pstn->vty_fd, LOOP_IN,
			vty_accept, pstn) != 0) {
		close(pstn->vty_fd);
		unlink(pstn->cfg.vty_path);
		pstn->vty_fd = -1;
		return -1;
	}
	return 0;
}

void pstn_vty_close(struct pstn *pstn)
{
	while (pstn->vtycs) {
		struct pstn_vtyc *c = pstn->vtycs;

		vtyc_flush(c);
		if (!c->dead)
			vtyc_kill(c);
		loop_defer_cancel(&c->reap);
		vtyc_reap(c);
	}
	if (pstn->vty_fd >= 0) {
		loop_fd_del(&pstn->vty_lfd);
		close(pstn->vty_fd);
		unlink(pstn->cfg.vty_path);
		pstn->vty_fd = -1;
	}
}

void pstn_vty_monitor(struct pstn *pstn, const char *line)
{
	for (struct pstn_vtyc *c = pstn->vtycs; c; c = c->next) {
		struct strbuf rec = STRBUF_INIT;

		if (c->dead || !c->monitor || pending(c) > VTYC_MONITOR_MAX)
			continue;
		sb_puts(&rec, line);
		sb_puts(&rec, "\n");
		vtyc_put(c, VTY_REC_MONITOR, sb_str(&rec), rec.len);
		sb_free(&rec);
		if (!c->dead)
			loop_fd_mod(&c->lfd, LOOP_IN | LOOP_OUT);
	}
}
