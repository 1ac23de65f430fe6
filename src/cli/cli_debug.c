/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli_debug.c - `debug WORDS`, `undebug WORDS`, `no debug WORDS`, `undebug
 * all`, `no debug all` and `show debugging` for every switch of log.h, with
 * IOS's messages ("PPP protocol negotiation debugging is on").  The
 * commands are generated from NASD_DEBUG_FLAGS, so a new switch needs one
 * row in the message table below (checked by _Static_assert).
 */
#include "vty_int.h"

#include <stdio.h>
#include <string.h>

struct dbg_text {
	const char *group; /* `show debugging` heading */
	const char *what;  /* "<what> debugging is on" */
};

static const struct dbg_text dbg_texts[DBG__COUNT] = {
	[DBG_PPP_NEGOTIATION] = {"PPP", "PPP protocol negotiation"},
	[DBG_PPP_AUTHENTICATION] = {"PPP", "PPP authentication"},
	[DBG_PPP_PACKET] = {"PPP", "PPP packet display"},
	[DBG_PPP_ERROR] = {"PPP", "PPP protocol errors"},
	[DBG_PPP_CBCP] = {"PPP", "PPP callback control protocol (CBCP)"},
	[DBG_CALLBACK] = {"General OS", "Callback activity"},
	[DBG_CHAT] = {"Chat Scripts", "Chat scripts activity"},
	[DBG_MODEM] = {"General OS", "Modem control/process activation"},
	[DBG_MODEM_CSM] = {"Modem Management",
			   "Modem Management Call Switching Module"},
	[DBG_ISDN_Q931] = {"ISDN", "ISDN Q931 packets"},
	[DBG_ISDN_EVENTS] = {"ISDN", "ISDN events"},
	[DBG_AAA_AUTHENTICATION] = {"General OS", "AAA Authentication"},
	[DBG_AAA_AUTHORIZATION] = {"General OS", "AAA Authorization"},
	[DBG_RADIUS] = {"Radius protocol", "Radius protocol"},
	[DBG_DIALER_EVENTS] = {"Dial on demand", "Dial on demand events"},
	[DBG_VPDN_EVENTS] = {"VPN", "VPDN events"},
	[DBG_VPDN_L2X_EVENTS] = {"VPN", "L2X protocol events"},
	[DBG_VPDN_L2X_PACKETS] = {"VPN", "L2X control packets"},
	[DBG_VPDN_L2X_ERRORS] = {"VPN", "L2X protocol errors"},
	[DBG_VTEMPLATE] = {"VTEMPLATE", "Virtual Template"},
	[DBG_TUN] = {"nasd", "TUN device"},
};
_Static_assert(sizeof(dbg_texts) / sizeof(dbg_texts[0]) == DBG__COUNT,
	       "one message per debug switch");

/* Help for each word used by the debug switches. */
static const struct {
	const char *word, *help;
} word_help[] = {
	{"ppp", "PPP (Point to Point Protocol) information"},
	{"negotiation", "Protocol parameter negotiation"},
	{"authentication", "Authentication exchanges"},
	{"packet", "Low-level packet dumps"},
	{"error", "Protocol errors and error statistics"},
	{"cbcp", "Callback Control Protocol negotiation"},
	{"callback", "Callback activity"},
	{"chat", "Chat scripts activity"},
	{"modem", "Modem control/process activation"},
	{"csm", "Call Switching Module"},
	{"isdn", "ISDN information"},
	{"q931", "ISDN Q931 packets"},
	{"events", "Events"},
	{"aaa", "AAA Authentication, Authorization and Accounting"},
	{"authorization", "Authorization exchanges"},
	{"radius", "RADIUS protocol"},
	{"dialer", "Dial on Demand"},
	{"vpdn", "VPDN information"},
	{"l2x-events", "L2X protocol events"},
	{"l2x-packets", "L2X control packets"},
	{"l2x-errors", "L2X protocol errors"},
	{"vtemplate", "Virtual Template information"},
	{"tun", "TUN device (nasd)"},
};

static const char *help_of(const char *w)
{
	for (size_t i = 0; i < sizeof(word_help) / sizeof(word_help[0]); i++)
		if (strcmp(word_help[i].word, w) == 0)
			return word_help[i].help;
	return "Debugging switch";
}

static struct logger *logger_of(struct cmd_ctx *ctx)
{
	struct vty *v = ctx->session;

	return v ? v->env.log : NULL;
}

/* def->data: the flag, or -1 for `all`. */
static int d_switch(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct logger *lg = logger_of(ctx);
	bool on = !(ctx->negate || ctx->deflt) &&
		  strcmp(args->v[0].value, "undebug") != 0;
	int f = (int)ctx->def->data;

	if (!lg)
		return cmd_error(ctx, "%% No logger");
	if (f < 0) {
		for (int i = 0; i < DBG__COUNT; i++)
			log_debug_set(lg, (enum dbg_flag)i, on);
		sb_puts(ctx->out, on ? "This may severely impact network "
				       "performance. All possible debugging "
				       "has been turned on\n"
				     : "All possible debugging has been "
				       "turned off\n");
		return 0;
	}
	log_debug_set(lg, (enum dbg_flag)f, on);
	sb_printf(ctx->out, "%s debugging is %s\n", dbg_texts[f].what,
		  on ? "on" : "off");
	return 0;
}

static int d_show(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct logger *lg = logger_of(ctx);
	bool done[DBG__COUNT] = {false};

	(void)args;
	if (!lg)
		return 0;
	/* Grouped under their heading, headings in table order. */
	for (int i = 0; i < DBG__COUNT; i++) {
		bool heading = false;

		if (done[i])
			continue;
		for (int k = i; k < DBG__COUNT; k++) {
			if (strcmp(dbg_texts[k].group, dbg_texts[i].group))
				continue;
			done[k] = true;
			if (!log_debug_on(lg, (enum dbg_flag)k))
				continue;
			if (!heading)
				sb_printf(ctx->out, "%s:\n", dbg_texts[i].group);
			heading = true;
			sb_printf(ctx->out, "  %s debugging is on\n",
				  dbg_texts[k].what);
		}
	}
	return 0;
}

static int install_one(struct cmd_table *t, const char *verb,
		       const char *verb_help, const char *words,
		       unsigned flags, intptr_t data)
{
	char syntax[128], help[1024], w[64];
	const char *p = words;
	struct cmd_def def;
	size_t hl;

	snprintf(syntax, sizeof(syntax), "%s %s", verb, words);
	hl = (size_t)snprintf(help, sizeof(help), "%s", verb_help);
	while (*p && hl < sizeof(help)) {
		size_t n = strcspn(p, " ");

		snprintf(w, sizeof(w), "%.*s", (int)n, p);
		hl += (size_t)snprintf(help + hl, sizeof(help) - hl, "\n%s",
				       strcmp(w, "all") == 0
					       ? "Enable all debugging"
					       : help_of(w));
		p += n + (p[n] == ' ');
	}
	def = (struct cmd_def){CMD_MODE_EXEC, syntax, help, d_switch,
			       flags | CMD_NOEDIT, data};
	return cmd_install(t, &def, 1);
}

int cli_debug_install(struct cmd_table *t)
{
	static const struct cmd_def show = {
		CMD_MODE_EXEC, "show debugging",
		"Show running system information\n"
		"State of each debugging option",
		d_show, CMD_NOEDIT, 0};
	int rc = cmd_install(t, &show, 1);

	for (int i = 0; i < DBG__COUNT && !rc; i++) {
		rc = install_one(t, "debug", "Debugging functions (see also "
					     "'undebug')",
				 dbg_name((enum dbg_flag)i), CMD_NO, i);
		if (!rc)
			rc = install_one(t, "undebug",
					 "Disable debugging functions (see "
					 "also 'debug')",
					 dbg_name((enum dbg_flag)i), 0, i);
	}
	if (!rc)
		rc = install_one(t, "debug",
				 "Debugging functions (see also 'undebug')",
				 "all", CMD_NO, -1);
	if (!rc)
		rc = install_one(t, "undebug",
				 "Disable debugging functions (see also "
				 "'debug')",
				 "all", 0, -1);
	return rc;
}
