/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vty_int.h - the session structure, shared by vty.c (line handling) and
 * the built-in EXEC commands (cli_exec.c, cli_debug.c), which reach it as
 * ctx->session.
 */
#ifndef NASD_CLI_VTY_INT_H
#define NASD_CLI_VTY_INT_H

#include "vty.h"

struct vty {
	const struct cmd_table *t;
	struct vty_env env;
	struct cmd_ctx ctx;    /* mode stack and per-line context */
	bool monitor;          /* terminal monitor */
	unsigned term_length;  /* terminal length */
	bool want_password;    /* the next line is the enable password */
	unsigned pw_tries;     /* wrong enable passwords so far */
	bool close;            /* exit/logout asked to close */
	char prompt[CMD_KEY_MAX + 64];
};

/* The running snapshot (a reference the caller drops), or NULL. */
struct config *vty_running(const struct vty *v);

int cli_debug_install(struct cmd_table *t);

#endif
