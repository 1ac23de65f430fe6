/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status_line.c - the line commands, in IOS text and JSON:
 *   show line [N] [json]     Tty Typ Tx/Rx A Modem Roty ... per line
 *   show users [json]        who is on which line and the vty sessions
 *   show caller [line N] [full] [json]
 *   show modem [N] [json]    state, signals, connect speed, counters; for a
 *                            digital modem (dmodem.h) its own state, CSM
 *                            state, call and octet counters
 *   clear line N             hang the line up
 */
#include <stdio.h>
#include <string.h>

#include "callback.h"
#include "cmd.h"
#include "dmodem.h"
#include "json.h"
#include "line.h"
#include "nasd.h"
#include "vty.h"

static void fmt_age(const struct nasd *nasd, uint64_t since, char *buf,
		    size_t size)
{
	uint64_t s = since ? (loop_now_ms(nasd->loop) - since) / 1000 : 0;

	snprintf(buf, size, "%02u:%02u:%02u", (unsigned)(s / 3600),
		 (unsigned)(s / 60 % 60), (unsigned)(s % 60));
}

static const char *modem_word(const struct line *l)
{
	switch (l->s.modem) {
	case CONFIG_MODEM_INOUT:
		return "inout";
	case CONFIG_MODEM_DIALIN:
		return "DialIn";
	case CONFIG_MODEM_NONE:
		break;
	}
	return "-";
}

/* What runs on the line, as `show users` says it. */
static const char *activity(const struct line *l)
{
	switch (l->state) {
	case LINE_PPP:
		return "Async interface";
	case LINE_EXEC:
		return "idle";
	case LINE_DIALING:
		return "Dialing";
	case LINE_READY:
		return "Autoselect";
	default:
		return "";
	}
}

static bool in_use(const struct line *l)
{
	return l->state == LINE_PPP || l->state == LINE_EXEC ||
	       l->state == LINE_READY || l->state == LINE_DIALING;
}

/* Who is on the line: the PPP peer's authenticated name, else the EXEC
 * user, else the last user of the line. */
static const char *who(const struct line *l)
{
	if (l->sess && l->sess->peer_name[0])
		return l->sess->peer_name;
	return l->user;
}

/* The callback picture of a line's call: the session's (first call or
 * return call).  NULL when callback plays no part. */
static const struct ppp_callback *line_cb(const struct line *l)
{
	const struct ppp_callback *cb = l->sess ? ppp_session_callback(l->sess)
						: NULL;

	return cb && cb->state != PPP_CBST_NONE ? cb : NULL;
}

/* "Callback: MS callback (CBCP) to 527-9651, agreed" and the like. */
static void cb_text(const struct line *l, char *buf, size_t size)
{
	const struct ppp_callback *cb = line_cb(l);

	buf[0] = '\0';
	if (l->return_call)
		snprintf(buf, size, "return call (callback) for %s at %s",
			 l->return_user, l->return_number);
	else if (cb)
		snprintf(buf, size, "%s%s%s, %s", ppp_cb_kind_name(cb->kind),
			 cb->number[0] ? " to " : "", cb->number,
			 ppp_cb_state_name(cb->state));
}

static void json_cb_jobs(struct json *j, const struct nasd *nasd)
{
	uint64_t now = loop_now_ms(nasd->loop);

	json_arr_open(j, "callbacks");
	for (const struct cb_job *job = nasd->callbacks; job; job = job->next) {
		json_obj_open(j, NULL);
		json_str(j, "user", job->cb.user);
		json_str(j, "number", job->cb.number);
		json_str(j, "kind", callback_job_kind_name(job));
		json_str(j, "state", callback_job_state_name(job->state));
		json_uint(j, "from_line", job->origin_line);
		json_uint(j, "line", job->line);
		json_uint(j, "due_in_s",
			  job->due_ms > now ? (job->due_ms - now + 999) / 1000
					    : 0);
		json_uint(j, "attempts", job->attempts);
		json_str(j, "last_error", job->last_error);
		json_obj_close(j);
	}
	json_arr_close(j);
}

/* Pending return calls, one row each, in the layout of `show users`. */
static void text_cb_jobs(struct strbuf *out, const struct nasd *nasd)
{
	uint64_t now = loop_now_ms(nasd->loop);

	for (const struct cb_job *job = nasd->callbacks; job; job = job->next) {
		char what[64];

		if (job->state == CBJ_WAITING)
			snprintf(what, sizeof(what), "Callback in %llus",
				 (unsigned long long)(job->due_ms > now
					? (job->due_ms - now + 999) / 1000
					: 0));
		else
			snprintf(what, sizeof(what), "Callback dialing");
		sb_printf(out, " %4u %-9s %-10s %-20s %-10s %s\n",
			  job->state == CBJ_DIALING ? job->line
						    : job->origin_line,
			  "callback", job->cb.user, what, "-", job->cb.number);
	}
}

static void json_line(struct json *j, const struct nasd *nasd,
		      const struct line *l)
{
	char age[16];

	fmt_age(nasd, l->state_since_ms, age, sizeof(age));
	json_obj_open(j, NULL);
	json_uint(j, "line", l->num);
	json_str(j, "tty", l->tty);
	json_str(j, "interface", l->ifname);
	json_str(j, "state", line_state_name(l->state));
	json_str(j, "since", age);
	json_str(j, "device", l->s.device);
	json_str(j, "modem", modem_word(l));
	json_bool(j, "busyout", l->s.modem_busyout);
	json_uint(j, "rotary", l->s.rotary);
	json_bool(j, "carrier", l->carrier);
	json_bool(j, "dtr", l->dtr);
	json_bool(j, "dcd", (l->sig_in & 0x10) != 0);
	json_bool(j, "ri", (l->sig_in & 0x40) != 0);
	json_uint(j, "connect_speed", l->connect_bps);
	json_str(j, "user", who(l));
	json_str(j, "remote", l->remote);
	json_str(j, "last_reason", l->last_reason);
	json_uint(j, "uses", l->uses);
	json_uint(j, "noise", l->noise);
	json_uint(j, "input_bytes", l->rx_octets);
	json_uint(j, "output_bytes", l->tx_octets);
	if (l->dm) {
		struct dmodem_status st;

		dmodem_get_status(l->dm, &st);
		json_obj_open(j, "dmodem");
		json_str(j, "name", st.name);
		json_uint(j, "slot", st.slot);
		json_uint(j, "port", st.port);
		json_str(j, "state", modem_state_name(st.modem.state));
		json_bool(j, "ringing", st.modem.ringing);
		json_uint(j, "speed", st.modem.speed_bps);
		json_str(j, "csm_state", csm_state_name(st.csm));
		json_str(j, "call", st.call_if);
		json_str(j, "direction", !st.call_if[0]       ? ""
					 : st.call_outgoing ? "out"
							    : "in");
		json_uint(j, "calls_in", st.calls_in);
		json_uint(j, "calls_out", st.calls_out);
		json_uint(j, "calls_failed", st.calls_failed);
		json_uint(j, "tx_octets", st.modem.tx_octets);
		json_uint(j, "rx_octets", st.modem.rx_octets);
		json_uint(j, "tx_dropped", st.modem.tx_dropped);
		json_uint(j, "rx_dropped", st.modem.rx_dropped);
		json_str(j, "last_command", st.modem.last_cmd);
		json_obj_close(j);
	}
	json_obj_close(j);
}

/* What the line's device is, for `show line N`. */
static const char *backend_word(const struct line *l)
{
	if (l->be == LINE_BE_PSTN)
		return "phone network modem";
	if (l->be == LINE_BE_DMODEM)
		return "internal digital modem";
	return l->has_mctl ? "modem control lines" : "no modem control lines";
}

static int show_line(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	long long want = cmd_arg_num(args, "num", -1);
	bool js = cmd_arg_has(args, "json");
	struct json j;
	unsigned shown = 0;

	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "lines");
	} else {
		sb_puts(ctx->out,
			"   Tty Typ     Tx/Rx    A Modem  Roty AccO AccI   Uses"
			"   Noise  Overruns   Int\n");
	}
	for (struct line *l = nasd->lines; l; l = l->next) {
		unsigned bps = l->s.speed_bps ? l->s.speed_bps : 9600;
		char roty[12];

		if (want >= 0 && (unsigned)want != l->num)
			continue;
		shown++;
		if (js) {
			json_line(&j, nasd, l);
			continue;
		}
		if (l->s.rotary)
			snprintf(roty, sizeof(roty), "%u", l->s.rotary);
		else
			snprintf(roty, sizeof(roty), "-");
		sb_printf(ctx->out,
			  "%c%5u TTY %7u/%-7u %c %-6s %4s    -    - %6llu "
			  "%7llu     0/0   %s\n",
			  in_use(l) ? '*' : ' ', l->num, bps, bps,
			  l->s.autoselect_ppp ? 'a' : '-', modem_word(l), roty,
			  (unsigned long long)l->uses,
			  (unsigned long long)l->noise, l->ifshort);
		if (want >= 0) {
			sb_printf(ctx->out,
				  "\nLine %u, Location: \"%s\", Type: \"\"\n"
				  "Status: %s%s%s\n"
				  "Device %s, %s\n"
				  "Modem state: %s, DTR %s, carrier %s\n"
				  "Last call ended: %s\n",
				  l->num, l->remote,
				  line_state_name(l->state),
				  l->s.modem_busyout ? ", Busy out" : "",
				  l->s.autoselect_ppp ? ", Autoselect PPP" : "",
				  l->s.device[0] ? l->s.device : "(none)",
				  backend_word(l),
				  line_state_name(l->state),
				  l->dtr ? "up" : "down",
				  l->carrier ? "up" : "down",
				  l->last_reason[0] ? l->last_reason : "-");
			if (l->connect_bps)
				sb_printf(ctx->out, "Connected at %u bit/s\n",
					  l->connect_bps);
		}
	}
	if (js) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	} else if (want >= 0 && !shown) {
		return cmd_error(ctx, "%% Line %lld is not configured", want);
	}
	return 0;
}

static int show_users(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const struct line *me = vty_owner(ctx->session);
	bool js = cmd_arg_has(args, "json");
	struct json j;
	char idle[16], cbt[192];

	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "users");
	} else {
		sb_puts(ctx->out, "    Line       User       Host(s)              "
				  "Idle       Location\n");
	}
	for (struct line *l = nasd->lines; l; l = l->next) {
		char loc[64] = "";
		char name[16];

		if (!in_use(l))
			continue;
		fmt_age(nasd, l->last_input_ms ? l->last_input_ms
					       : l->state_since_ms,
			idle, sizeof(idle));
		if (l->state == LINE_PPP && l->sess && l->sess->ip_up)
			snprintf(loc, sizeof(loc), "PPP: %u.%u.%u.%u",
				 l->sess->ip_peer >> 24,
				 l->sess->ip_peer >> 16 & 255,
				 l->sess->ip_peer >> 8 & 255,
				 l->sess->ip_peer & 255);
		else if (l->remote[0])
			snprintf(loc, sizeof(loc), "%s", l->remote);
		snprintf(name, sizeof(name), "tty %u", l->num);
		if (js) {
			json_obj_open(&j, NULL);
			json_uint(&j, "line", l->num);
			json_str(&j, "user", who(l));
			json_str(&j, "host", activity(l));
			json_str(&j, "state", line_state_name(l->state));
			json_str(&j, "idle", idle);
			json_str(&j, "location", loc);
			json_bool(&j, "current", l == me);
			cb_text(l, cbt, sizeof(cbt));
			json_str(&j, "callback", cbt);
			json_obj_close(&j);
		} else {
			sb_printf(ctx->out, "%c%4u %-9s %-10s %-20s %-10s %s\n",
				  l == me ? '*' : ' ', l->num, name,
				  who(l)[0] ? who(l) : "-", activity(l),
				  idle, loc);
		}
	}
	if (!js)
		text_cb_jobs(ctx->out, nasd);
	if (!me && !js)
		sb_puts(ctx->out, "*   -  vty (nas)  -          idle"
				  "                 00:00:00   local CLI socket\n");
	if (js) {
		json_arr_close(&j);
		json_cb_jobs(&j, nasd);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	}
	return 0;
}

static int show_caller(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	long long want = cmd_arg_num(args, "num", -1);
	bool full = cmd_arg_has(args, "full");
	bool js = cmd_arg_has(args, "json");
	struct json j;
	char active[16], idle[16], cbt[192];

	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "callers");
	} else {
		sb_puts(ctx->out,
			"                                                      "
			"          Active    Idle\n"
			"  Line           User               Service           "
			"           Time      Time\n");
	}
	for (struct line *l = nasd->lines; l; l = l->next) {
		char name[16];
		const char *svc = l->state == LINE_PPP ? "PPP" : "TTY";

		if (!in_use(l) || (want >= 0 && (unsigned)want != l->num))
			continue;
		fmt_age(nasd, l->state_since_ms, active, sizeof(active));
		fmt_age(nasd, l->last_input_ms ? l->last_input_ms
					       : l->state_since_ms,
			idle, sizeof(idle));
		snprintf(name, sizeof(name), "tty %u", l->num);
		if (js) {
			json_obj_open(&j, NULL);
			json_uint(&j, "line", l->num);
			json_str(&j, "user", who(l));
			json_str(&j, "service", svc);
			json_str(&j, "active", active);
			json_str(&j, "idle", idle);
			json_str(&j, "remote", l->remote);
			json_uint(&j, "connect_speed", l->connect_bps);
			cb_text(l, cbt, sizeof(cbt));
			json_str(&j, "callback", cbt);
			json_bool(&j, "return_call", l->return_call);
			json_obj_close(&j);
			continue;
		}
		sb_printf(ctx->out, "  %-14s %-18s %-28s %-9s %s\n", name,
			  who(l)[0] ? who(l) : "-", "TTY", active, idle);
		if (l->state == LINE_PPP)
			sb_printf(ctx->out, "  %-14s %-18s %-28s %-9s %s\n",
				  l->ifshort, who(l)[0] ? who(l) : "-",
				  "PPP", active, idle);
		if (full)
			sb_printf(ctx->out,
				  "    Line state: %s, modem %s, connected at "
				  "%u bit/s, remote %s, %llu/%llu octets "
				  "in/out\n",
				  line_state_name(l->state), modem_word(l),
				  l->connect_bps, l->remote[0] ? l->remote : "-",
				  (unsigned long long)l->rx_octets,
				  (unsigned long long)l->tx_octets);
		cb_text(l, cbt, sizeof(cbt));
		if (cbt[0])
			sb_printf(ctx->out, "    Callback: %s\n", cbt);
	}
	if (!js && want < 0)
		text_cb_jobs(ctx->out, nasd);
	if (js) {
		json_arr_close(&j);
		json_cb_jobs(&j, nasd);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	}
	return 0;
}

/* One digital modem: the table row (its own state and speed, the modem
 * as IOS names it in the Device column) and, for `show modem N`, the
 * details. */
static void show_dmodem(struct cmd_ctx *ctx, const struct line *l,
			bool detail)
{
	struct dmodem_status st;
	char dev[64];

	dmodem_get_status(l->dm, &st);
	snprintf(dev, sizeof(dev), "%s%s%s", st.name, st.call_if[0] ? " " : "",
		 st.call_if);
	sb_printf(ctx->out,
		  "%c %4u  %-6s %-11s %-12u %-3s %-3s %-3s %5llu  %s\n",
		  in_use(l) ? '*' : ' ', l->num, "dmodem",
		  l->s.modem_busyout ? "Busied out"
				     : modem_state_name(st.modem.state),
		  st.modem.speed_bps, st.modem.dtr ? "up" : "dn",
		  st.modem.signals & MODEM_SIG_DCD ? "up" : "dn",
		  st.modem.signals & MODEM_SIG_RI ? "on" : "-",
		  (unsigned long long)(st.calls_in + st.calls_out), dev);
	if (!detail)
		return;
	sb_printf(ctx->out,
		  "\nModem %u/%u (%s), internal digital modem: %s%s\n"
		  "  CSM state: %s\n"
		  "  Call: %s\n"
		  "  Calls: %llu in, %llu out, %llu failed to dial\n"
		  "  Octets: %llu sent, %llu received, %llu/%llu dropped\n"
		  "  Last AT command: %s\n",
		  st.slot, st.port, l->tty, modem_state_name(st.modem.state),
		  st.modem.ringing ? ", ringing" : "",
		  csm_state_name(st.csm),
		  st.call_if[0] ? st.call_if : "none",
		  (unsigned long long)st.calls_in,
		  (unsigned long long)st.calls_out,
		  (unsigned long long)st.calls_failed,
		  (unsigned long long)st.modem.tx_octets,
		  (unsigned long long)st.modem.rx_octets,
		  (unsigned long long)st.modem.tx_dropped,
		  (unsigned long long)st.modem.rx_dropped,
		  st.modem.last_cmd[0] ? st.modem.last_cmd : "-");
	if (st.call_if[0])
		sb_printf(ctx->out, "  Direction: %s, connected at %u bit/s\n",
			  st.call_outgoing ? "outgoing" : "incoming",
			  st.modem.speed_bps);
}

static int show_modem(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	long long want = cmd_arg_num(args, "num", -1);
	bool js = cmd_arg_has(args, "json");
	struct json j;

	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "modems");
	} else {
		sb_puts(ctx->out, "    Mdm  Typ    Status      Tx/Rx        "
				  "DTR DCD RI  Calls  Device\n");
	}
	for (struct line *l = nasd->lines; l; l = l->next) {
		if (l->s.modem == CONFIG_MODEM_NONE ||
		    (want >= 0 && (unsigned)want != l->num))
			continue;
		if (js) {
			json_line(&j, nasd, l);
			continue;
		}
		if (l->dm) {
			show_dmodem(ctx, l, want >= 0);
			continue;
		}
		sb_printf(ctx->out, "%c %4u  %-6s %-11s %-12u %-3s %-3s %-3s "
				    "%5llu  %s\n",
			  in_use(l) ? '*' : ' ', l->num,
			  l->be == LINE_BE_PSTN ? "pstn" : "tty",
			  l->s.modem_busyout ? "Busied out"
					     : line_state_name(l->state),
			  l->connect_bps, l->dtr ? "up" : "dn",
			  l->sig_in & 0x10 ? "up" : "dn",
			  l->sig_in & 0x40 ? "on" : "-",
			  (unsigned long long)l->uses, l->s.device);
	}
	if (js) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	}
	return 0;
}

static int clear_line(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	long long n = cmd_arg_num(args, "num", 0);
	struct line *l = line_find(nasd, (unsigned)n);

	if (!l)
		return cmd_error(ctx, "%% Line %lld is not configured", n);
	line_clear(l, "cleared by `clear line`");
	sb_puts(ctx->out, "[confirm]\n [OK]\n");
	return 0;
}

static const struct cmd_def line_status_defs[] = {
	{CMD_MODE_USER, "show line [<0-1023>$num] [json]",
	 "Show running system information\n"
	 "TTY line information\n"
	 "First line number\n"
	 "Machine-readable output",
	 show_line, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show users [json]",
	 "Show running system information\n"
	 "Display information about terminal lines\n"
	 "Machine-readable output",
	 show_users, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show caller [line <0-1023>$num] [full] [json]",
	 "Show running system information\n"
	 "Display information about dialup connections\n"
	 "Provide information on one line\n"
	 "Line number\n"
	 "Provide expanded caller information\n"
	 "Machine-readable output",
	 show_caller, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show modem [<0-1023>$num] [json]",
	 "Show running system information\n"
	 "Modem information\n"
	 "Line number\n"
	 "Machine-readable output",
	 show_modem, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "clear line <0-1023>$num",
	 "Reset functions\n"
	 "Reset a terminal line\n"
	 "Line number",
	 clear_line, CMD_NOEDIT, 0},
};

int line_status_install(struct nasd *nasd, struct cmd_table *t)
{
	(void)nasd;
	return cmd_install(t, line_status_defs,
			   sizeof(line_status_defs) /
				   sizeof(line_status_defs[0]));
}
