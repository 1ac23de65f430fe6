/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_line.c - `line` and the line sub-commands.  A line is a terminal
 * port; tty line N is the port of interface Async N.  nasd implements
 * `speed`, `flowcontrol` and its own `device PATH` (binding the line to a
 * real serial port or a pty); the modem and login commands are stored
 * typed but flagged CMD_UNIMPL until the line/modem issue implements them.
 */
#include "conf_int.h"

#include <stdio.h>
#include <string.h>

/* Key of a line range: "tty 1 6". */
static bool parse_key(const char *key, enum config_line_kind *kind,
		      unsigned *first, unsigned *last)
{
	char k[8];

	if (sscanf(key, "%7s %u %u", k, first, last) != 3)
		return false;
	for (int i = 0; i < CONFIG_LINE__COUNT; i++) {
		if (strcmp(k, config_line_kind_names[i]) == 0) {
			*kind = (enum config_line_kind)i;
			return *first <= *last;
		}
	}
	return false;
}

static int c_line(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	enum config_line_kind kind = CONFIG_LINE_TTY;
	long long first = cmd_arg_num(args, "first", 0);
	long long last = cmd_arg_num(args, "last", first);
	char key[CMD_KEY_MAX];

	CONF_CAND(ctx);
	if (cmd_arg_has(args, "console"))
		kind = CONFIG_LINE_CON;
	else if (cmd_arg_has(args, "aux"))
		kind = CONFIG_LINE_AUX;
	else if (cmd_arg_has(args, "vty"))
		kind = CONFIG_LINE_VTY;
	else if (!cmd_arg_has(args, "tty") && first == 0) {
		/* Absolute line 0 is the console. */
		if (last != 0)
			return cmd_error(ctx, "%% Line 0 is the console; use "
					      "\"line console 0\"");
		kind = CONFIG_LINE_CON;
	}
	if (last < first)
		return cmd_error(ctx, "%% Invalid line range %lld %lld", first,
				 last);
	if (ctx->negate || ctx->deflt)
		return cmd_error(ctx, "%% Lines cannot be removed");
	for (long long n = first; n <= last; n++)
		if (!config_line_get(ctx->cand, kind, (unsigned)n))
			return cmd_error(ctx, "%% Out of memory");
	snprintf(key, sizeof(key), "%s %lld %lld", config_line_kind_names[kind],
		 first, last);
	cmd_enter(ctx, CMD_MODE_LINE, key);
	return 0;
}

typedef int (*line_fn)(struct cmd_ctx *ctx, const struct cmd_args *args,
		       struct config_line_settings *s, bool off);

/* Apply fn to every line of the current range. */
static int each_line(struct cmd_ctx *ctx, const struct cmd_args *args,
		     line_fn fn)
{
	enum config_line_kind kind;
	unsigned first, last;
	bool off = ctx->negate || ctx->deflt;

	CONF_CAND(ctx);
	if (!parse_key(cmd_ctx_key(ctx), &kind, &first, &last))
		return cmd_error(ctx, "%% No line selected");
	for (unsigned n = first; n <= last; n++) {
		struct config_line *l = config_line_get(ctx->cand, kind, n);
		int rc;

		if (!l)
			return cmd_error(ctx, "%% Out of memory");
		if ((rc = fn(ctx, args, &l->s, off)) != 0)
			return rc;
	}
	return 0;
}

static int l_speed(struct cmd_ctx *ctx, const struct cmd_args *args,
		   struct config_line_settings *s, bool off)
{
	(void)ctx;
	s->speed_bps = off ? 0 : (unsigned)cmd_arg_num(args, "<50-4000000>", 0);
	return 0;
}

static int l_flow(struct cmd_ctx *ctx, const struct cmd_args *args,
		  struct config_line_settings *s, bool off)
{
	(void)ctx;
	s->flow_hardware = !off && cmd_arg_has(args, "hardware");
	return 0;
}

static int l_device(struct cmd_ctx *ctx, const struct cmd_args *args,
		    struct config_line_settings *s, bool off)
{
	if (off) {
		s->device[0] = '\0';
		return 0;
	}
	return conf_strcpy(ctx, s->device, sizeof(s->device),
			   cmd_arg_str(args, "WORD"));
}

static int l_modem(struct cmd_ctx *ctx, const struct cmd_args *args,
		   struct config_line_settings *s, bool off)
{
	(void)ctx;
	if (cmd_arg_has(args, "busyout")) {
		s->modem_busyout = !off;
		return 0;
	}
	if (off)
		s->modem = CONFIG_MODEM_NONE;
	else
		s->modem = cmd_arg_has(args, "inout") ? CONFIG_MODEM_INOUT
						      : CONFIG_MODEM_DIALIN;
	return 0;
}

static int l_autoselect(struct cmd_ctx *ctx, const struct cmd_args *args,
			struct config_line_settings *s, bool off)
{
	(void)ctx;
	if (cmd_arg_has(args, "ppp"))
		s->autoselect_ppp = !off;
	if (cmd_arg_has(args, "during-login"))
		s->autoselect_during_login = !off;
	if (cmd_arg_has(args, "arap"))
		s->autoselect_arap = !off;
	return 0;
}

static int l_login(struct cmd_ctx *ctx, const struct cmd_args *args,
		   struct config_line_settings *s, bool off)
{
	s->login_list[0] = '\0';
	if (off)
		s->login = CONFIG_LOGIN_NONE;
	else if (cmd_arg_has(args, "local"))
		s->login = CONFIG_LOGIN_LOCAL;
	else if (cmd_arg_has(args, "authentication")) {
		s->login = CONFIG_LOGIN_AUTH;
		return conf_strcpy(ctx, s->login_list, sizeof(s->login_list),
				   cmd_arg_str(args, "WORD"));
	} else
		s->login = CONFIG_LOGIN_LINE;
	return 0;
}

static int l_password(struct cmd_ctx *ctx, const struct cmd_args *args,
		      struct config_line_settings *s, bool off)
{
	if (off) {
		s->password[0] = '\0';
		return 0;
	}
	return conf_password(ctx, args, "LINE", s->password,
			     sizeof(s->password));
}

static int l_exec_timeout(struct cmd_ctx *ctx, const struct cmd_args *args,
			  struct config_line_settings *s, bool off)
{
	(void)ctx;
	s->has_exec_timeout = !off;
	s->exec_timeout_min = off ? 10 : (unsigned)cmd_arg_num(args, "min", 0);
	s->exec_timeout_s = off ? 0 : (unsigned)cmd_arg_num(args, "sec", 0);
	return 0;
}

static int l_transport(struct cmd_ctx *ctx, const struct cmd_args *args,
		       struct config_line_settings *s, bool off)
{
	char buf[CONFIG_NAME_MAX] = "";

	if (!off) {
		for (size_t i = 2; i < args->n; i++) {
			size_t len = strlen(buf);

			snprintf(buf + len, sizeof(buf) - len, "%s%s",
				 len ? " " : "", args->v[i].value);
		}
	}
	return conf_strcpy(ctx, s->transport_input, sizeof(s->transport_input),
			   buf);
}

static int l_rotary(struct cmd_ctx *ctx, const struct cmd_args *args,
		    struct config_line_settings *s, bool off)
{
	(void)ctx;
	s->rotary = off ? 0 : (unsigned)cmd_arg_num(args, "<1-100>", 0);
	return 0;
}

static int l_script(struct cmd_ctx *ctx, const struct cmd_args *args,
		    struct config_line_settings *s, bool off)
{
	for (int k = 0; k < CONFIG_SCRIPT__COUNT; k++) {
		if (!cmd_arg_has(args, config_script_names[k]))
			continue;
		if (off) {
			s->script[k][0] = '\0';
			return 0;
		}
		return conf_strcpy(ctx, s->script[k], sizeof(s->script[k]),
				   cmd_arg_str(args, "WORD"));
	}
	return 0;
}

/* Flushing is the default: only `no flush-at-activation` is recorded, and
 * `default flush-at-activation` restores the default. */
static int l_flush(struct cmd_ctx *ctx, const struct cmd_args *args,
		   struct config_line_settings *s, bool off)
{
	(void)args;
	(void)off;
	s->no_flush_at_activation = ctx->negate;
	return 0;
}

static int l_forced_wait(struct cmd_ctx *ctx, const struct cmd_args *args,
			 struct config_line_settings *s, bool off)
{
	(void)ctx;
	s->has_forced_wait = !off;
	s->callback_forced_wait_s =
		off ? 0 : (unsigned)cmd_arg_num(args, "<0-4294967>", 0);
	return 0;
}

static int l_retries(struct cmd_ctx *ctx, const struct cmd_args *args,
		     struct config_line_settings *s, bool off)
{
	(void)ctx;
	s->callback_retries = off ? 0 : (unsigned)cmd_arg_num(args, "n", 0);
	return 0;
}

static int l_arap(struct cmd_ctx *ctx, const struct cmd_args *args,
		  struct config_line_settings *s, bool off)
{
	(void)ctx;
	(void)args;
	s->arap_enable = !off;
	return 0;
}

/* One handler per line command: def->data is the line_fn. */
static int c_line_cmd(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return each_line(ctx, args, (line_fn)ctx->def->data);
}

#define LN CMD_MODE_LINE
#define D(fn) ((intptr_t)(fn))
#define UNIMPL (CMD_NO | CMD_UNIMPL)

static const struct cmd_def line_defs[] = {
	{CMD_MODE_CONFIG,
	 "line {<0-1023>$first [<0-1023>$last] | tty <1-1023>$first "
	 "[<1-1023>$last] | console <0-0>$first | aux <0-0>$first | vty "
	 "<0-99>$first [<0-99>$last]}",
	 "Configure a terminal line\n"
	 "First line number\n"
	 "Last line number\n"
	 "Terminal controller\n"
	 "First line number\n"
	 "Last line number\n"
	 "Primary terminal line\n"
	 "First line number\n"
	 "Auxiliary line\n"
	 "First line number\n"
	 "Virtual terminal\n"
	 "First line number\n"
	 "Last line number",
	 c_line, CMD_NO, 0},
	{LN, "speed <50-4000000>",
	 "Set the transmit and receive speeds\nBits per second", c_line_cmd,
	 CMD_NO, D(l_speed)},
	{LN, "flowcontrol {hardware|none}",
	 "Set the flow control\nSet hardware flowcontrol\nSet no flowcontrol",
	 c_line_cmd, CMD_NO, D(l_flow)},
	{LN, "device WORD",
	 "Bind the line to a tty or pty device (nasd)\nDevice path",
	 c_line_cmd, CMD_NO, D(l_device)},
	{LN, "device", "Bind the line to a tty or pty device (nasd)",
	 c_line_cmd, CMD_NO_ONLY, D(l_device)},
	{LN, "modem {InOut|Dialin|busyout}",
	 "Configure the Modem Control Lines\n"
	 "Configure line for incoming AND outgoing use of modem\n"
	 "Configure line for a modern dial-in modem\n"
	 "Block calls to and from the modem",
	 c_line_cmd, CMD_NO, D(l_modem)},
	{LN, "autoselect {ppp|during-login}",
	 "Set line to autoselect\n"
	 "Allow PPP autoselect\n"
	 "Do autoselect at the Username/Password prompt",
	 c_line_cmd, CMD_NO, D(l_autoselect)},
	{LN, "autoselect arap",
	 "Set line to autoselect\n"
	 "Allow ARA autoselect",
	 c_line_cmd, UNIMPL, D(l_autoselect)},
	{LN, "login [local|authentication WORD]",
	 "Enable password checking\n"
	 "Local password checking\n"
	 "Authentication parameters\n"
	 "Use an authentication list with this name",
	 c_line_cmd, CMD_NO, D(l_login)},
	{LN, "password [0|7] LINE",
	 "Set a password\n"
	 "Specifies an UNENCRYPTED password will follow\n"
	 "Specifies a HIDDEN password will follow\n"
	 "The password",
	 c_line_cmd, CMD_NO, D(l_password)},
	{LN, "password", "Set a password", c_line_cmd, CMD_NO_ONLY,
	 D(l_password)},
	{LN, "exec-timeout <0-35791>$min [<0-2147483>$sec]",
	 "Set the EXEC timeout\nTimeout in minutes\nTimeout in seconds",
	 c_line_cmd, CMD_NO, D(l_exec_timeout)},
	{LN, "transport input {all|none|telnet|ssh|rlogin|pad|v120|lat|mop}...",
	 "Define transport protocols for line\n"
	 "Define which protocols to use when connecting to the terminal "
	 "server\n"
	 "All protocols\n"
	 "No protocols\n"
	 "TCP/IP Telnet protocol\n"
	 "TCP/IP SSH protocol\n"
	 "Unix rlogin protocol\n"
	 "X.3 PAD\n"
	 "Async over ISDN\n"
	 "DEC LAT protocol\n"
	 "DEC MOP Remote Console Protocol",
	 c_line_cmd, UNIMPL, D(l_transport)},
	{LN, "transport input",
	 "Define transport protocols for line\n"
	 "Define which protocols to use when connecting to the terminal "
	 "server",
	 c_line_cmd, CMD_NO_ONLY, D(l_transport)},
	{LN, "rotary <1-100>", "Add line to a rotary group\nRotary group",
	 c_line_cmd, CMD_NO, D(l_rotary)},
	{LN, "script {callback|dialer|modem-off-hook} WORD",
	 "Chat script to run on an event\n"
	 "Chat script to run on line for callback\n"
	 "Chat script to run for dialer\n"
	 "Chat script to run to take the modem off hook\n"
	 "Regular expression of the chat script name",
	 c_line_cmd, CMD_NO, D(l_script)},
	{LN,
	 "script {activation|arap-callback|connection|reset|startup} WORD",
	 "Chat script to run on an event\n"
	 "Chat script to run whenever line is activated\n"
	 "Chat script to run on line for ARAP callback\n"
	 "Chat script to run whenever a network connection is made\n"
	 "Chat script to run whenever line is reset\n"
	 "Chat script to run at system startup\n"
	 "Regular expression of the chat script name",
	 c_line_cmd, UNIMPL, D(l_script)},
	{LN,
	 "script {activation|arap-callback|callback|connection|dialer|"
	 "modem-off-hook|reset|startup}",
	 "Chat script to run on an event\n"
	 "Chat script to run whenever line is activated\n"
	 "Chat script to run on line for ARAP callback\n"
	 "Chat script to run on line for callback\n"
	 "Chat script to run whenever a network connection is made\n"
	 "Chat script to run for dialer\n"
	 "Chat script to run to take the modem off hook\n"
	 "Chat script to run whenever line is reset\n"
	 "Chat script to run at system startup",
	 c_line_cmd, CMD_NO_ONLY, D(l_script)},
	{LN, "flush-at-activation",
	 "Clear input stream at activation (default)", c_line_cmd, CMD_NO,
	 D(l_flush)},
	{LN, "callback forced-wait <0-4294967>",
	 "Callback parameters\n"
	 "Force the callback to wait before dialing\n"
	 "Seconds",
	 c_line_cmd, CMD_NO, D(l_forced_wait)},
	{LN, "callback forced-wait",
	 "Callback parameters\nForce the callback to wait before dialing",
	 c_line_cmd, CMD_NO_ONLY, D(l_forced_wait)},
	{LN, "callback retries <1-100>$n",
	 "Callback parameters\n"
	 "Retry a failed return call (nasd; IOS never retries)\n"
	 "Further attempts",
	 c_line_cmd, CMD_NO, D(l_retries)},
	{LN, "callback retries",
	 "Callback parameters\n"
	 "Retry a failed return call (nasd; IOS never retries)",
	 c_line_cmd, CMD_NO_ONLY, D(l_retries)},
	{LN, "arap enable",
	 "AppleTalk Remote Access Protocol\nEnable ARAP connections",
	 c_line_cmd, UNIMPL, D(l_arap)},
};

int conf_line_install(struct cmd_table *t)
{
	return cmd_install(t, line_defs, CONF_NDEFS(line_defs));
}
