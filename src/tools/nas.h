/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nas.h - the parts of the `nas` CLI client (nasd's vtysh) that its source
 * files share: the batch runner (-c/-f, nas.c), the interactive editor
 * (nas_edit.c) and secret entry without echo (nas_term.c).
 */
#ifndef NASD_TOOLS_NAS_H
#define NASD_TOOLS_NAS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "nas_conn.h"

/* Exit statuses (also listed by `nas -h`). */
#define NAS_EXIT_OK 0	 /* every command succeeded */
#define NAS_EXIT_FAIL 1	 /* a command failed, or the connection did */
#define NAS_EXIT_USAGE 2 /* bad command line */

/*
 * Run the interactive session on the terminal behind stdin/stdout: line
 * editing and history (libedit), the server's prompt, `?` context help,
 * Tab completion, Ctrl-C clears the line, Ctrl-Z leaves configuration
 * mode, Ctrl-D or `exit` leave.  conn has read the greeting already.
 * Returns the process exit status.
 */
int nas_edit_run(struct nas_conn *conn);

/*
 * Show `prompt` on the terminal `tty_fd` and read one line from it with
 * echo off (a password asked for by the server, status '2').  While it
 * waits, monitor records from conn are shown through conn's sinks.
 * Returns a heap string without the line end, which the caller wipes
 * (nas_secret_free()); NULL when the user gave up (Ctrl-C, Ctrl-D, a
 * signal) or conn failed (conn->fd is then -1).
 */
char *nas_read_secret(struct nas_conn *conn, int tty_fd, const char *prompt);

/* Wipe and free a string from nas_read_secret(); NULL is fine. */
void nas_secret_free(char *secret);

/*
 * Set by the SIGINT/SIGTERM/SIGHUP handlers nas installs while it waits at
 * a password prompt, so the prompt is abandoned and the terminal's echo
 * restored; 0 otherwise.
 */
extern volatile sig_atomic_t nas_signal_seen;

#endif /* NASD_TOOLS_NAS_H */
