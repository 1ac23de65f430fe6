/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_glue_show.c - the operator's commands for dial-on-demand routing
 * (ddr_glue.h): `show dialer [interface IFNAME] [json]` prints each
 * dialer as IOS does (the core's ddr_show(), doc/ddr.md), `clear dialer
 * [interface IFNAME]` zeroes its statistics as IOS does (calls stay up;
 * `clear interface` ends them).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "ddr_glue.h"
#include "nasd.h"

/* The dialers the command is about: one named, or all.  NULL and an
 * error when the name is not a dialer. */
static struct dialer *first(struct cmd_ctx *ctx, const char *name, bool *one)
{
	struct nasd *nasd = ctx->app;
	struct dialer *dl;

	*one = name != NULL;
	if (!name)
		return nasd->dialers;
	dl = dialer_find(nasd, name);
	if (!dl)
		cmd_error(ctx, "%% %s is not a dialer interface", name);
	return dl;
}

static int show_dialer(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "IFNAME");
	bool json = cmd_arg_has(args, "json"), one;
	struct dialer *dl = first(ctx, name, &one);
	bool sep = false;

	if (name && !dl)
		return -1;
	if (json)
		sb_puts(ctx->out, "{\"dialers\":[");
	for (; dl; dl = one ? NULL : dl->next) {
		if (json) {
			if (sep)
				sb_puts(ctx->out, ",");
			ddr_show_json(dl->ddr, ctx->out);
		} else {
			if (sep)
				sb_puts(ctx->out, "\n");
			ddr_show(dl->ddr, ctx->out);
		}
		sep = true;
	}
	if (json)
		sb_puts(ctx->out, "]}\n");
	return 0;
}

static int clear_dialer(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "IFNAME");
	bool one;
	struct dialer *dl = first(ctx, name, &one);

	if (name && !dl)
		return -1;
	for (; dl; dl = one ? NULL : dl->next)
		ddr_clear_counters(dl->ddr);
	return 0;
}

static const struct cmd_def dialer_defs[] = {
	{CMD_MODE_USER, "show dialer [interface IFNAME] [json]",
	 "Show running system information\n"
	 "Dial on demand\n"
	 "Only one dialer interface\n"
	 "Dialer interface name\n"
	 "Machine-readable output",
	 show_dialer, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "clear dialer [interface IFNAME]",
	 "Reset functions\n"
	 "Clear dialer statistics\n"
	 "Only one dialer interface\n"
	 "Dialer interface name",
	 clear_dialer, CMD_NOEDIT, 0},
};

int dialer_install_commands(struct nasd *nasd, struct cmd_table *t)
{
	(void)nasd;
	return cmd_install(t, dialer_defs,
			   sizeof(dialer_defs) / sizeof(dialer_defs[0]));
}
