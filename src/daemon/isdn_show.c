/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * isdn_show.c - the ISDN exec commands (isdn.h): `show isdn status`
 * (layer 1/2/3 per interface, switch type, active calls), `show isdn
 * active` (calls with calling and called numbers, duration, interface),
 * both also as JSON, and `isdn call interface IFNAME NUMBER`, the IOS
 * exec command that places a data call.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "dmodem.h"
#include "isdn.h"
#include "json.h"
#include "nasd.h"

static unsigned active_calls(const struct isdn_if *ifc)
{
	unsigned n = 0;

	for (unsigned i = 1; i <= ISDN_MAX_B; i++)
		n += ifc->calls[i].in_use;
	return n;
}

static const char *l1_state(const struct isdn_if *ifc)
{
	return ifc->attached ? "ACTIVE" : "DEACTIVATED";
}

static const char *l2_state(const struct isdn_if *ifc)
{
	return ifc->l2_up ? "MULTIPLE_FRAME_ESTABLISHED"
			  : "TEI_ASSIGNED";
}

static const char *call_state(const struct isdn_call *c)
{
	if (c->clearing)
		return "clearing";
	return c->connected ? "connected" : "setup";
}

static int show_status(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const char *global = nasd->running->isdn_switch;
	struct json j;

	if (cmd_arg_has(args, "json")) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_str(&j, "switch_type", global);
		json_arr_open(&j, "interfaces");
		for (struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next) {
			json_obj_open(&j, NULL);
			json_str(&j, "interface", ifc->name);
			json_str(&j, "switch_type", ifc->switch_type);
			json_str(&j, "number", ifc->number);
			json_str(&j, "layer1", l1_state(ifc));
			json_bool(&j, "layer2_up", ifc->l2_up);
			json_str(&j, "layer2", l2_state(ifc));
			json_uint(&j, "active_calls", active_calls(ifc));
			json_str(&j, "last_error", ifc->last_error);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
		return 0;
	}
	sb_printf(ctx->out, "Global ISDN Switchtype = %s\n",
		  global[0] ? global : "none");
	for (struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next) {
		unsigned n = active_calls(ifc);

		sb_printf(ctx->out,
			  "ISDN %s interface\n"
			  "        dsl %u, interface ISDN Switchtype = %s\n"
			  "        phone network %s, number %s\n"
			  "    Layer 1 Status:\n"
			  "        %s\n"
			  "    Layer 2 Status:\n"
			  "        TEI = 0, Ces = 1, SAPI = 0, State = %s\n"
			  "    Layer 3 Status:\n"
			  "        %u Active Layer 3 Call(s)\n",
			  ifc->name, ifc->unit,
			  ifc->switch_type[0] ? ifc->switch_type : "none",
			  ifc->pstn_path[0] ? ifc->pstn_path : "(none)",
			  ifc->number[0] ? ifc->number : "-", l1_state(ifc),
			  l2_state(ifc), n);
		if (ifc->last_error[0] && !ifc->attached)
			sb_printf(ctx->out, "    Last error: %s\n",
				  ifc->last_error);
		sb_printf(ctx->out, "    Activated dsl %u CCBs = %u\n",
			  ifc->unit, n);
		for (unsigned i = 1; i <= ISDN_MAX_B; i++) {
			const struct isdn_call *c = &ifc->calls[i];

			if (!c->in_use)
				continue;
			sb_printf(ctx->out,
				  "        CCB:callid=0x%X, sapi=0x0, ces=0x1, "
				  "B-chan=%u, calltype=%s\n",
				  c->cref, c->ch, c->voice ? "VOICE" : "DATA");
		}
	}
	return 0;
}

/* The PPP session of a data call, for tests and scripts. */
static void ppp_json(struct json *j, const struct ppp_session *s)
{
	struct ppp_session_status st;
	char a[16];

	ppp_session_status(s, &st);
	json_str(j, "phase", ppp_phase_name(st.phase));
	json_str(j, "lcp", st.lcp_state);
	json_str(j, "ipcp", st.ipcp_state);
	json_str(j, "peer_name", st.peer_name);
	snprintf(a, sizeof(a), "%u.%u.%u.%u", st.peer_addr >> 24,
		 st.peer_addr >> 16 & 0xFF, st.peer_addr >> 8 & 0xFF,
		 st.peer_addr & 0xFF);
	json_str(j, "peer_address", a);
	json_uint(j, "rx_frames", st.stats.rx_frames);
	json_uint(j, "tx_frames", st.stats.tx_frames);
}

static int show_active(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	uint64_t now = loop_now_ms(nasd->loop);
	static const char rule[] = "-------------------------------------------"
				   "-------------------------------------\n";
	bool json = cmd_arg_has(args, "json");
	struct json j;

	if (json) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "calls");
	} else {
		sb_printf(ctx->out,
			  "%s%32sISDN ACTIVE CALLS\n%s"
			  "%-5s %-14s %-14s %-8s %-6s %-12s %-7s %s\n%s",
			  rule, "", rule, "Call", "Calling", "Called", "Type",
			  "B-chan", "Interface", "Seconds", "State", rule);
	}
	for (struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next) {
		for (unsigned i = 1; i <= ISDN_MAX_B; i++) {
			const struct isdn_call *c = &ifc->calls[i];
			uint64_t secs;

			if (!c->in_use)
				continue;
			secs = c->connect_ms ? (now - c->connect_ms) / 1000 : 0;
			if (!json) {
				sb_printf(ctx->out,
					  "%-5s %-14s %-14s %-8s %-6u %-12s "
					  "%-7llu %s\n",
					  c->outgoing ? "Out" : "In",
					  c->calling[0] ? c->calling : "---",
					  c->called[0] ? c->called : "---",
					  c->voice ? "voice" : "data", c->ch,
					  c->ifname, (unsigned long long)secs,
					  call_state(c));
				continue;
			}
			json_obj_open(&j, NULL);
			json_str(&j, "interface", c->ifname);
			json_str(&j, "dchannel", ifc->name);
			json_str(&j, "direction", c->outgoing ? "out" : "in");
			json_str(&j, "calling", c->calling);
			json_str(&j, "called", c->called);
			json_str(&j, "type", c->voice ? "voice" : "data");
			json_uint(&j, "bchannel", c->ch);
			json_str(&j, "state", call_state(c));
			json_uint(&j, "seconds", secs);
			json_str(&j, "line",
				 c->dm && dmodem_line(c->dm)
					 ? dmodem_line(c->dm)->ifname
					 : NULL);
			json_uint(&j, "rx_octets", c->rx_octets);
			json_uint(&j, "tx_octets", c->tx_octets);
			if (c->sess)
				ppp_json(&j, c->sess);
			json_obj_close(&j);
		}
	}
	if (json) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	} else {
		sb_puts(ctx->out, rule);
	}
	return 0;
}

static int isdn_call(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const char *name = cmd_arg_str(args, "IFNAME");
	const char *num = cmd_arg_str(args, "NUMBER");
	struct isdn_if *ifc = isdn_if_find(nasd, name);
	char digits[PSTN_NUMBER_MAX + 1];
	int rc;

	if (!ifc)
		return cmd_error(ctx, "%% %s is not an ISDN interface", name);
	if (pstn_number_normalise(num, digits, sizeof(digits)) < 0)
		return cmd_error(ctx, "%% Invalid number \"%s\"", num);
	rc = isdn_place_call(ifc, digits);
	if (rc == -ENETDOWN)
		return cmd_error(ctx, "%% %s: ISDN layer 2 is down", ifc->name);
	if (rc == -EBUSY)
		return cmd_error(ctx, "%% %s: no free B-channel", ifc->name);
	if (rc < 0)
		return cmd_error(ctx, "%% %s: the call could not be placed",
				 ifc->name);
	return 0;
}

static const struct cmd_def isdn_defs[] = {
	{CMD_MODE_USER, "show isdn status [json]",
	 "Show running system information\n"
	 "ISDN information\n"
	 "Layer 1, 2 and 3 status of the ISDN interfaces\n"
	 "Machine-readable output",
	 show_status, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show isdn active [json]",
	 "Show running system information\n"
	 "ISDN information\n"
	 "Active ISDN calls\n"
	 "Machine-readable output",
	 show_active, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "isdn call interface IFNAME WORD$NUMBER",
	 "Run an ISDN EXEC command\n"
	 "Place an ISDN data call\n"
	 "From this interface\n"
	 "BRI or PRI D-channel interface\n"
	 "Number to call",
	 isdn_call, CMD_NOEDIT, 0},
};

int isdn_install_commands(struct nasd *nasd, struct cmd_table *t)
{
	(void)nasd;
	return cmd_install(t, isdn_defs, sizeof(isdn_defs) / sizeof(isdn_defs[0]));
}
