/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vty.h - one IOS CLI session, sans I/O.
 *
 * The session is fed whole lines (the socket framing, echo and line editing
 * belong to vty_proto and the `nas` client) and writes its output to a
 * strbuf.  It keeps the mode stack (user EXEC, privileged EXEC,
 * configuration submodes) and, in `configure terminal`, applies every line
 * at once as IOS does: the line edits a fresh candidate (a clone of the
 * running snapshot) that is committed through env->commit.  Because the
 * snapshot changes on every line, the session remembers the *key* of its
 * mode object (the interface name, the line range), never a pointer.
 */
#ifndef NASD_CLI_VTY_H
#define NASD_CLI_VTY_H

#include <stdbool.h>

#include "cmd.h"
#include "config.h"
#include "log.h"
#include "strbuf.h"

struct vty_env {
	void *app; /* passed to the callbacks and to command handlers */
	/* The current snapshot, with a reference for the caller. */
	struct config *(*running)(void *app);
	/* Validate and apply a candidate; takes its own reference when it
	 * keeps it.  0 when applied; <0 with a one-line message in err, the
	 * running configuration then stays as it was. */
	int (*commit)(void *app, struct config *cand, struct strbuf *err);
	struct logger *log;       /* debug/undebug switch its bits; notices */
	const char *startup_path; /* show startup-config, write memory */
	void *owner;              /* what the session runs on (a line, a
				   * socket client), for the daemon's own
				   * commands: vty_owner() */
};

enum vty_status {
	VTY_OK,       /* the line was executed */
	VTY_ERROR,    /* the line was refused (message in the output) */
	VTY_PASSWORD, /* the next line is a password: do not echo it */
	VTY_CLOSE,    /* exit/logout from EXEC: close the session */
};

struct vty;

/*
 * A session on command table t (which must outlive it) in user EXEC, or in
 * privileged EXEC when `privileged`.  env is copied.  NULL on allocation
 * failure.
 */
struct vty *vty_new(const struct cmd_table *t, const struct vty_env *env,
		    bool privileged);
void vty_free(struct vty *v);

/*
 * Execute one line (without its newline).  Output, error messages
 * included, is appended to out.  A line may end in an output filter:
 * `| include REGEX`, `| exclude REGEX`, `| begin REGEX` (POSIX extended).
 * After VTY_PASSWORD the next call's line is taken as the password.
 */
enum vty_status vty_exec(struct vty *v, const char *line, struct strbuf *out);

/* `?` typed after `partial`: IOS help text appended to out (cmd_help()). */
void vty_help(struct vty *v, const char *partial, struct strbuf *out);

/* Tab typed after `partial`: see cmd_complete(). */
bool vty_complete(struct vty *v, const char *partial, struct strbuf *line_out,
		  struct strbuf *list_out);

/* The prompt to show before the next line: "Router>", "isdn2-2(config-if)#"
 * or "Password: " while a password is expected. */
const char *vty_prompt(const struct vty *v);

/* True after `terminal monitor`: the daemon copies log lines here. */
bool vty_monitor(const struct vty *v);

/* `terminal length N` (0 = no paging; default 24). */
unsigned vty_term_length(const struct vty *v);

/* env->owner of the session; handlers reach it as
 * vty_owner(ctx->session). */
void *vty_owner(const struct vty *v);

/* The current mode, for tests and the daemon. */
enum cmd_mode vty_mode(const struct vty *v);

/* Install the built-in EXEC commands (enable, configure terminal, show
 * running-config, debug ...) into t.  0 or -errno. */
int cli_install(struct cmd_table *t);

#endif
