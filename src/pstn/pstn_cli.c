/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_cli.c - the EXEC commands of the pstn CLI: show calls, show
 * subscribers (alias show lines), show modem, clear call, debug / undebug
 * (at, calls, signals, all), show debugging, terminal monitor, exit.
 * Output is built by pstn_show.c; ctx->app is the `struct pstn`.
 */
#include "pstn.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pstn_wire.h"

static struct pstn *pstn_of(struct cmd_ctx *ctx)
{
	return ctx->app;
}

static int x_show_calls(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	pstn_show_calls(pstn_of(ctx), cmd_arg_has(args, "json"), ctx->out);
	return 0;
}

static int x_show_subs(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	pstn_show_subscribers(pstn_of(ctx), cmd_arg_has(args, "json"),
			      ctx->out);
	return 0;
}

static int x_show_modem(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *num = cmd_arg_str(args, "NUMBER");
	char norm[PSTN_NUMBER_MAX + 1];
	struct pstn_sub *sub = NULL;

	if (pstn_number_normalise(num, norm, sizeof(norm)) >= 0)
		sub = pstn_switch_route(&pstn_of(ctx)->sw, norm);
	if (!sub || pstn_show_modem(pstn_of(ctx), sub->number,
				    cmd_arg_has(args, "json"), ctx->out) < 0)
		return cmd_error(ctx, "%% No subscriber %s", num);
	return 0;
}

static int x_clear_call(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	unsigned id = (unsigned)cmd_arg_num(args, "id", 0);

	if (pstn_switch_clear(&pstn_of(ctx)->sw, id) < 0)
		return cmd_error(ctx, "%% No active call %u", id);
	return 0;
}

static const struct {
	const char *word;
	unsigned bit;
	const char *what;
} dbg_words[] = {
	{"at", PSTN_DBG_AT, "AT commands and result codes"},
	{"calls", PSTN_DBG_CALLS, "Call progress"},
	{"signals", PSTN_DBG_SIGNALS, "Modem signals"},
};

static int x_debug(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn *pstn = pstn_of(ctx);
	bool on = !ctx->negate && strcmp(args->v[0].value, "undebug") != 0;

	for (size_t i = 0; i < sizeof(dbg_words) / sizeof(dbg_words[0]);
	     i++) {
		if (!cmd_arg_has(args, "all") &&
		    !cmd_arg_has(args, dbg_words[i].word))
			continue;
		if (on)
			pstn->debug |= dbg_words[i].bit;
		else
			pstn->debug &= ~dbg_words[i].bit;
		sb_printf(ctx->out, "%s debugging is %s\n", dbg_words[i].what,
			  on ? "on" : "off");
	}
	return 0;
}

static int x_show_debugging(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn *pstn = pstn_of(ctx);

	(void)args;
	sb_puts(ctx->out, "PSTN:\n");
	for (size_t i = 0; i < sizeof(dbg_words) / sizeof(dbg_words[0]); i++)
		if (pstn->debug & dbg_words[i].bit)
			sb_printf(ctx->out, "  %s debugging is on\n",
				  dbg_words[i].what);
	return 0;
}

static int x_terminal(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	if (ctx->session)
		pstn_vtyc_set_monitor(ctx->session,
				      !cmd_arg_has(args, "no"));
	return 0;
}

static int x_exit(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	if (ctx->session)
		pstn_vtyc_set_close(ctx->session);
	return 0;
}

static int x_nop(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)ctx;
	(void)args;
	return 0;
}

static const struct cmd_def cli_defs[] = {
	{CMD_MODE_EXEC, "show calls [json]",
	 "Show running system information\n"
	 "Calls: active and recently ended\n"
	 "JSON output",
	 x_show_calls, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "show {subscribers|lines} [json]",
	 "Show running system information\n"
	 "Subscriber lines and their endpoints\n"
	 "Subscriber lines and their endpoints\n"
	 "JSON output",
	 x_show_subs, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "show modem WORD$NUMBER [json]",
	 "Show running system information\n"
	 "One line's modem: state, settings, S-registers\n"
	 "Subscriber number\n"
	 "JSON output",
	 x_show_modem, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "show debugging",
	 "Show running system information\n"
	 "Debugging switches that are on",
	 x_show_debugging, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "clear call <1-4294967295>$id",
	 "Reset functions\n"
	 "Hang up a call (both ends see NO CARRIER)\n"
	 "Call id (show calls)",
	 x_clear_call, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "{debug|undebug} {at|calls|signals|all}",
	 "Debugging functions\n"
	 "Disable debugging functions\n"
	 "AT commands and result codes\n"
	 "Call progress\n"
	 "DTR, DCD, DSR, RI and CTS changes\n"
	 "Everything",
	 x_debug, CMD_NO | CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "terminal [no] monitor",
	 "Set terminal line parameters\n"
	 "Negate a command\n"
	 "Copy debug output to this session",
	 x_terminal, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "terminal length <0-512>",
	 "Set terminal line parameters\n"
	 "Lines on a screen (accepted; output is not paged)\n"
	 "Number of lines",
	 x_nop, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "{exit|quit|logout}",
	 "Exit from the EXEC\n"
	 "Exit from the EXEC\n"
	 "Exit from the EXEC",
	 x_exit, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "enable",
	 "Privileged commands (the pstn CLI is always privileged)",
	 x_nop, CMD_NOEDIT, 0},
};

int pstn_cli_install(struct cmd_table *t)
{
	return cmd_install(t, cli_defs, sizeof(cli_defs) / sizeof(cli_defs[0]));
}
