/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli_exec.c - the built-in EXEC commands of every vty: enable/disable,
 * exit/logout/quit, configure terminal, show running-config, show
 * startup-config, show version, terminal monitor/length, write memory and
 * copy running-config startup-config.  `debug` lives in cli_debug.c.
 */
#include "vty_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NASD_VERSION
#define NASD_VERSION "unknown"
#endif

static struct vty *vty_of(struct cmd_ctx *ctx)
{
	return ctx->session;
}

static int x_enable(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vty *v = vty_of(ctx);
	struct config *cfg;

	(void)args;
	if (!v || cmd_ctx_mode(ctx) == CMD_MODE_EXEC)
		return 0;
	cfg = vty_running(v);
	/* Without enable secret or password IOS lets a console in; nasd's
	 * vtys are local (a Unix socket), so they are treated alike. */
	if (cfg && (cfg->enable_secret[0] || cfg->enable_password[0]))
		v->want_password = true;
	else
		cmd_reset_mode(ctx, CMD_MODE_EXEC);
	config_unref(cfg);
	return 0;
}

static int x_disable(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	cmd_reset_mode(ctx, CMD_MODE_USER);
	return 0;
}

static int x_exit(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vty *v = vty_of(ctx);

	(void)args;
	if (v)
		v->close = true;
	return 0;
}

static int x_end(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)ctx;
	(void)args;
	return 0;
}

static int x_configure(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	sb_puts(ctx->out, "Enter configuration commands, one per line.  End "
			  "with CNTL/Z.\n");
	cmd_reset_mode(ctx, CMD_MODE_CONFIG);
	return 0;
}

static int x_show_running(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vty *v = vty_of(ctx);
	struct strbuf text = STRBUF_INIT;
	struct config *cfg = v ? vty_running(v) : NULL;

	(void)args;
	if (!cfg)
		return cmd_error(ctx, "%% No running configuration");
	config_write(cfg, &text);
	sb_printf(ctx->out,
		  "Building configuration...\n\nCurrent configuration : %zu "
		  "bytes\n%s",
		  text.len, sb_str(&text));
	sb_free(&text);
	config_unref(cfg);
	return 0;
}

static int x_show_startup(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vty *v = vty_of(ctx);
	char buf[4096];
	size_t n;
	FILE *f;

	(void)args;
	if (!v || !v->env.startup_path)
		return cmd_error(ctx, "%% No startup-config file configured");
	f = fopen(v->env.startup_path, "r");
	if (!f)
		return cmd_error(ctx, "%% startup-config is not present");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_putn(ctx->out, buf, n);
	fclose(f);
	return 0;
}

static int x_show_version(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vty *v = vty_of(ctx);
	struct config *cfg = v ? vty_running(v) : NULL;

	(void)args;
	sb_printf(ctx->out,
		  "nasd dial-in network access server, Version %s\n"
		  "Configured with IOS commands; PPP (RFC 1661) on async "
		  "lines.\n\n%s uptime is not available yet\n",
		  NASD_VERSION, cfg ? cfg->hostname : "Router");
	config_unref(cfg);
	return 0;
}

static int x_terminal(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vty *v = vty_of(ctx);

	if (!v)
		return 0;
	if (cmd_arg_has(args, "length"))
		v->term_length = (unsigned)cmd_arg_num(args, "<0-512>", 24);
	else
		v->monitor = !cmd_arg_has(args, "no");
	return 0;
}

/* write memory / copy running-config startup-config: write a temporary
 * file next to the target and rename it, so a crash never leaves half a
 * startup-config. */
static int x_write(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct vty *v = vty_of(ctx);
	struct strbuf text = STRBUF_INIT, tmp = STRBUF_INIT;
	struct config *cfg;
	FILE *f;
	int rc = 0;

	(void)args;
	if (!v || !v->env.startup_path)
		return cmd_error(ctx, "%% No startup-config file configured");
	cfg = vty_running(v);
	if (!cfg)
		return cmd_error(ctx, "%% No running configuration");
	config_write(cfg, &text);
	config_unref(cfg);
	sb_printf(&tmp, "%s.tmp", v->env.startup_path);
	sb_puts(ctx->out, "Building configuration...\n");
	f = fopen(sb_str(&tmp), "w");
	if (!f || fwrite(text.s, 1, text.len, f) != text.len ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rc = cmd_error(ctx, "%% Cannot write %s: %s", sb_str(&tmp),
			       strerror(errno));
		if (f)
			fclose(f);
		unlink(sb_str(&tmp));
	} else if (fclose(f) != 0 ||
		   rename(sb_str(&tmp), v->env.startup_path) != 0) {
		rc = cmd_error(ctx, "%% Cannot write %s: %s",
			       v->env.startup_path, strerror(errno));
		unlink(sb_str(&tmp));
	} else {
		sb_puts(ctx->out, "[OK]\n");
	}
	sb_free(&text);
	sb_free(&tmp);
	return rc;
}

#define U CMD_MODE_USER
#define E CMD_MODE_EXEC
#define X CMD_NOEDIT
#define SHOW "Show running system information\n"

static const struct cmd_def exec_defs[] = {
	{U, "enable", "Turn on privileged commands", x_enable, X, 0},
	{E, "disable", "Turn off privileged commands", x_disable, X, 0},
	{U, "exit", "Exit from the EXEC", x_exit, X, 0},
	{U, "logout", "Exit from the EXEC", x_exit, X, 0},
	{U, "quit", "Exit from the EXEC", x_exit, X, 0},
	{E, "end", "Leave configuration mode (no effect in EXEC)", x_end,
	 X | CMD_HIDDEN, 0},
	{E, "configure terminal",
	 "Enter configuration mode\nConfigure from the terminal",
	 x_configure, X, 0},
	{E, "show running-config", SHOW "Current operating configuration",
	 x_show_running, X, 0},
	{E, "show startup-config", SHOW "Contents of startup configuration",
	 x_show_startup, X, 0},
	{U, "show version", SHOW "System hardware and software status",
	 x_show_version, X, 0},
	{E, "terminal [no] monitor",
	 "Set terminal line parameters\n"
	 "Negate a command or set its defaults\n"
	 "Copy debug output to the current terminal line",
	 x_terminal, X, 0},
	{U, "terminal length <0-512>",
	 "Set terminal line parameters\n"
	 "Set number of lines on a screen\n"
	 "Number of lines on screen (0 for no pausing)",
	 x_terminal, X, 0},
	{E, "write memory",
	 "Write running configuration to memory, network, or terminal\n"
	 "Write to NV memory",
	 x_write, X, 0},
	{E, "copy running-config startup-config",
	 "Copy from one file to another\n"
	 "Copy from current system configuration\n"
	 "Copy to startup configuration",
	 x_write, X, 0},
};

int cli_install(struct cmd_table *t)
{
	int rc = cmd_install(t, exec_defs, sizeof(exec_defs) /
						   sizeof(exec_defs[0]));

	return rc ? rc : cli_debug_install(t);
}
