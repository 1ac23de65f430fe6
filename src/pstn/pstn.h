/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn.h - the `build/pstn` program: the built-in phone network that nasd
 * is tested on.  Composition of the switch (pstn_switch.h), one analog
 * line per subscriber (pstn_line.h) and its endpoint (pty, TCP or the
 * attach socket), the attach socket server (pstn_wire.h protocol), the CLI
 * server (vty_proto.h records, served to `nas -s PATH`) and the event loop.
 * doc/pstn.md is the user's guide.
 */
#ifndef NASD_PSTN_H
#define NASD_PSTN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd.h"
#include "log.h"
#include "loop.h"
#include "pstn_conf.h"
#include "pstn_isdn.h"
#include "pstn_line.h"
#include "pstn_switch.h"
#include "strbuf.h"

#define PSTN_EP_OUT_MAX (1024u * 1024) /* DTE output buffered at most */

struct pstn;
struct pstn_attc;

/* One subscriber's endpoint: the I/O side of its line's DTE. */
struct pstn_ep {
	struct pstn *pstn;
	const struct pstn_sub_cfg *cfg; /* in pstn->cfg, lives as long */
	struct pstn_line *line;
	bool dtr;             /* the DTE is there (slave open, connected) */
	unsigned sig;         /* modem outputs last seen */
	struct strbuf out;    /* DTE output not yet written */
	size_t out_off;
	uint64_t out_dropped; /* octets dropped: DTE not reading */
	/* pty */
	int master;
	char slave[64];
	struct loop_fd lfd;
	struct timer t_poll;  /* watch for the slave being opened */
	struct timer t_hup;   /* hangup-on-carrier-loss, a moment after */
	unsigned hangups;     /* ptys re-created */
	/* tcp */
	int lsock, conn;
	struct loop_fd llfd, clfd;
	char peer[64];
	/* attach */
	struct pstn_attc *client;
	struct pstn_ep *next;
};

struct pstn_vtyc;

struct pstn {
	struct loop *loop;
	struct logger log;
	unsigned debug; /* PSTN_DBG_* */
	struct pstn_cfg cfg;
	struct pstn_switch sw;
	struct cmd_table *cmds; /* exec commands of the CLI */
	struct pstn_ep *eps;
	struct pstn_isdn *isdns; /* ISDN subscribers (`isdn ...`) */
	/* attach socket */
	int attach_fd;
	struct loop_fd attach_lfd;
	struct pstn_attc *attcs;
	/* CLI socket */
	int vty_fd;
	struct loop_fd vty_lfd;
	struct pstn_vtyc *vtycs;
	uint64_t start_ms;
};

/* Endpoints (pstn_ep.c: pty and tcp; pstn_attach.c: attach). 0 or -1
 * with an error logged. */
int pstn_ep_open(struct pstn_ep *ep);
void pstn_ep_close(struct pstn_ep *ep);
/* The DTE ops an endpoint installs on its line. */
extern const struct pstn_dte_ops pstn_ep_dte_ops;
/* Write what is buffered; used by every kind. */
void pstn_ep_flush(struct pstn_ep *ep);
/* Text for `show subscribers`: "pty /tmp/x -> /dev/pts/5", "tcp ...". */
void pstn_ep_describe(const struct pstn_ep *ep, struct strbuf *sb);
/* The endpoint of a normalised number, or NULL. */
struct pstn_ep *pstn_ep_find(struct pstn *pstn, const char *number);
/* The ISDN attachment of a normalised number, or NULL. */
struct pstn_isdn *pstn_isdn_find(struct pstn *pstn, const char *number);

/* The attach socket (pstn_attach.c). */
int pstn_attach_open(struct pstn *pstn);
void pstn_attach_close(struct pstn *pstn);
/* Line output for an attached client (called by pstn_ep_dte_ops). */
void pstn_attach_write(struct pstn_attc *c, const uint8_t *data, size_t len);
void pstn_attach_signals(struct pstn_attc *c, unsigned sig);

/* The CLI socket (pstn_vty.c). */
int pstn_vty_open(struct pstn *pstn);
void pstn_vty_close(struct pstn *pstn);
/* Copy a log line to `terminal monitor` sessions. */
void pstn_vty_monitor(struct pstn *pstn, const char *line);

/* For CLI commands, whose ctx->session is the session: `terminal
 * [no] monitor` and `exit`. */
void pstn_vtyc_set_monitor(struct pstn_vtyc *c, bool on);
void pstn_vtyc_set_close(struct pstn_vtyc *c);

/* CLI commands (pstn_cli.c) and show output (pstn_show.c). */
int pstn_cli_install(struct cmd_table *t);
void pstn_show_calls(struct pstn *pstn, bool json, struct strbuf *out);
void pstn_show_subscribers(struct pstn *pstn, bool json, struct strbuf *out);
/* 0, or -ENOENT when no subscriber has that number. */
int pstn_show_modem(struct pstn *pstn, const char *number, bool json,
		    struct strbuf *out);

#endif /* NASD_PSTN_H */
