/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vpdn_show.c - the operator's VPDN commands (vpdn.h): `show vpdn` in IOS
 * 12.1's layout (seed 004: "L2TP Tunnel and Session Information Total
 * tunnels 1 sessions 1", then the tunnel table "LocID RemID Remote Name
 * State Remote Address Port Sessions" and the session table "LocID RemID
 * TunID Intf Username State Last Chg Fastswitch"), `show vpdn tunnel`,
 * `show vpdn session`, `show l2tp tunnel|session` (the same tables), each
 * with a `json` form built from the same status structs, and `clear vpdn
 * tunnel [ID]` (StopCCN, result 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json.h"
#include "cp_print.h"
#include "l2tp_codec.h"
#include "nasd.h"
#include "vpdn.h"

struct walk {
	struct cmd_ctx *ctx;
	struct json *j;
	uint64_t now_ms;
	bool header_done;
};

static void hms(uint64_t ms, char *buf, size_t size)
{
	uint64_t s = ms / 1000;

	snprintf(buf, size, "%02llu:%02llu:%02llu",
		 (unsigned long long)(s / 3600),
		 (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
}

/* ---- tunnels ---- */

static bool tunnel_row(void *arg, struct l2tp_tunnel *t)
{
	struct walk *w = arg;
	struct l2tp_tunnel_status st;
	char a[16];

	l2tp_tunnel_get_status(t, &st);
	cp_print_ipv4(a, sizeof(a), st.peer.ip);
	if (w->j) {
		json_obj_open(w->j, NULL);
		json_uint(w->j, "local_id", st.local_id);
		json_uint(w->j, "remote_id", st.remote_id);
		json_str(w->j, "remote_name", st.remote_name);
		json_str(w->j, "state", st.state_short);
		json_str(w->j, "state_name", st.state_name);
		json_str(w->j, "remote_address", a);
		json_uint(w->j, "port", st.peer.port);
		json_uint(w->j, "sessions", st.sessions);
		json_bool(w->j, "initiator", st.initiator);
		json_uint(w->j, "ctrl_pkts_in", st.ctrl_pkts_in);
		json_uint(w->j, "ctrl_pkts_out", st.ctrl_pkts_out);
		json_uint(w->j, "data_pkts_in", st.data_pkts_in);
		json_uint(w->j, "data_pkts_out", st.data_pkts_out);
		json_uint(w->j, "retransmits", st.retransmits);
		json_uint(w->j, "peer_window", st.peer_window);
		json_uint(w->j, "ns", st.ns);
		json_uint(w->j, "nr", st.nr);
		json_obj_close(w->j);
		return true;
	}
	if (!w->header_done) {
		sb_puts(w->ctx->out, "LocID RemID Remote Name   State  Remote "
				     "Address  Port  Sessions\n");
		w->header_done = true;
	}
	sb_printf(w->ctx->out, "%-5u %-5u %-13s %-6s %-15s %-5u %u\n",
		  st.local_id, st.remote_id, st.remote_name, st.state_short, a,
		  st.peer.port, st.sessions);
	return true;
}

/* ---- sessions ---- */

static bool session_row(void *arg, struct l2tp_session *s)
{
	struct walk *w = arg;
	struct l2tp_session_status st;
	char chg[32];

	l2tp_session_get_status(s, &st);
	hms(w->now_ms - st.last_change_ms, chg, sizeof(chg));
	if (w->j) {
		json_obj_open(w->j, NULL);
		json_uint(w->j, "local_id", st.local_id);
		json_uint(w->j, "remote_id", st.remote_id);
		json_uint(w->j, "tunnel_id", st.tunnel_local_id);
		json_str(w->j, "interface", st.ifname);
		json_str(w->j, "username", st.username);
		json_str(w->j, "state", st.state_short);
		json_str(w->j, "state_name", st.state_name);
		json_str(w->j, "call_type", st.call_type_name);
		json_uint(w->j, "last_change_s",
			  (w->now_ms - st.last_change_ms) / 1000);
		json_uint(w->j, "pkts_in", st.pkts_in);
		json_uint(w->j, "pkts_out", st.pkts_out);
		json_uint(w->j, "bytes_in", st.bytes_in);
		json_uint(w->j, "bytes_out", st.bytes_out);
		json_bool(w->j, "sequencing", st.sequencing);
		json_obj_close(w->j);
		return true;
	}
	if (!w->header_done) {
		sb_puts(w->ctx->out, "LocID RemID TunID Intf          "
				     "Username               State  Last Chg "
				     "Fastswitch\n");
		w->header_done = true;
	}
	sb_printf(w->ctx->out, "%-5u %-5u %-5u %-13s %-22s %-6s %-8s %s\n",
		  st.local_id, st.remote_id, st.tunnel_local_id, st.ifname,
		  st.username, st.state_short, chg, "enabled");
	return true;
}

static bool tunnel_sessions(void *arg, struct l2tp_tunnel *t)
{
	l2tp_tunnel_foreach_session(t, session_row, arg);
	return true;
}

enum what { SHOW_ALL, SHOW_TUNNELS, SHOW_SESSIONS };

static int show(struct cmd_ctx *ctx, const struct cmd_args *args,
		enum what what)
{
	struct nasd *nasd = ctx->app;
	struct vpdn *v = nasd->vpdn;
	bool json = cmd_arg_has(args, "json");
	unsigned nt = 0, ns = 0;
	struct json j;
	struct walk w = {ctx, NULL, loop_now_ms(nasd->loop), false};

	if (v && v->l2tp)
		l2tp_count(v->l2tp, &nt, &ns);
	if (json) {
		json_init(&j, ctx->out);
		w.j = &j;
		json_obj_open(&j, NULL);
		json_bool(&j, "enabled", v != NULL);
		json_uint(&j, "total_tunnels", nt);
		json_uint(&j, "total_sessions", ns);
		if (what != SHOW_SESSIONS) {
			json_arr_open(&j, "tunnels");
			if (v && v->l2tp)
				l2tp_foreach_tunnel(v->l2tp, tunnel_row, &w);
			json_arr_close(&j);
		}
		if (what != SHOW_TUNNELS) {
			json_arr_open(&j, "sessions");
			if (v && v->l2tp)
				l2tp_foreach_tunnel(v->l2tp, tunnel_sessions,
						    &w);
			json_arr_close(&j);
		}
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
		return 0;
	}
	sb_printf(ctx->out,
		  "\nL2TP Tunnel and Session Information Total tunnels %u "
		  "sessions %u\n\n",
		  nt, ns);
	if (what != SHOW_SESSIONS && v && v->l2tp) {
		l2tp_foreach_tunnel(v->l2tp, tunnel_row, &w);
		if (w.header_done)
			sb_puts(ctx->out, "\n");
	}
	w.header_done = false;
	if (what != SHOW_TUNNELS && v && v->l2tp) {
		l2tp_foreach_tunnel(v->l2tp, tunnel_sessions, &w);
		if (w.header_done)
			sb_puts(ctx->out, "\n");
	}
	if (what == SHOW_ALL)
		sb_puts(ctx->out, "%No active L2F tunnels\n");
	return 0;
}

static int show_vpdn(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return show(ctx, args, SHOW_ALL);
}

static int show_tunnels(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return show(ctx, args, SHOW_TUNNELS);
}

static int show_sessions(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	return show(ctx, args, SHOW_SESSIONS);
}

/* `clear vpdn tunnel`: the tunnels' local ids, collected first because
 * closing one while walking would change the table under the walk. */
struct clear_arg {
	long id; /* -1: all */
	uint16_t *ids;
	unsigned n, cap;
};

static bool collect(void *arg, struct l2tp_tunnel *t)
{
	struct clear_arg *c = arg;

	if (c->id >= 0 && l2tp_tunnel_local_id(t) != c->id)
		return true;
	if (l2tp_tunnel_state(t) == L2TP_TUNNEL_SHUTTING_DOWN)
		return true;
	if (c->n < c->cap)
		c->ids[c->n++] = l2tp_tunnel_local_id(t);
	return true;
}

static int clear_tunnel(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	struct vpdn *v = nasd->vpdn;
	const char *id = cmd_arg_str(args, "ID");
	unsigned nt = 0, ns = 0;
	struct clear_arg c = {id ? strtol(id, NULL, 10) : -1, NULL, 0, 0};

	if (!v || !v->l2tp)
		return cmd_error(ctx, "%% VPDN is not enabled");
	l2tp_count(v->l2tp, &nt, &ns);
	c.cap = nt ? nt : 1;
	c.ids = calloc(c.cap, sizeof(*c.ids));
	if (!c.ids)
		return cmd_error(ctx, "%% Out of memory");
	l2tp_foreach_tunnel(v->l2tp, collect, &c);
	for (unsigned i = 0; i < c.n; i++) {
		struct l2tp_tunnel *t = l2tp_tunnel_find(v->l2tp, c.ids[i]);

		if (t) {
			char a[16];

			cp_print_ipv4(a, sizeof(a), l2tp_tunnel_peer(t)->ip);
			log_notice(&nasd->log,
				   "%%VPDN-6-CLOSED: L2TP tunnel %u to %s (%s) "
				   "cleared by the operator",
				   c.ids[i], l2tp_tunnel_remote_name(t), a);
			l2tp_tunnel_close(t, L2TP_STOP_CLEAR, 0);
		}
	}
	free(c.ids);
	if (id && !c.n)
		return cmd_error(ctx, "%% No tunnel with local ID %s", id);
	return 0;
}

static const struct cmd_def vpdn_defs[] = {
	{CMD_MODE_USER, "show vpdn [json]",
	 "Show running system information\n"
	 "VPDN information\n"
	 "Machine-readable output",
	 show_vpdn, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show vpdn tunnel [json]",
	 "Show running system information\n"
	 "VPDN information\n"
	 "VPDN tunnel information\n"
	 "Machine-readable output",
	 show_tunnels, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show vpdn session [json]",
	 "Show running system information\n"
	 "VPDN information\n"
	 "VPDN session information\n"
	 "Machine-readable output",
	 show_sessions, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show l2tp tunnel [json]",
	 "Show running system information\n"
	 "L2TP information\n"
	 "L2TP tunnel information\n"
	 "Machine-readable output",
	 show_tunnels, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show l2tp session [json]",
	 "Show running system information\n"
	 "L2TP information\n"
	 "L2TP session information\n"
	 "Machine-readable output",
	 show_sessions, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "clear vpdn tunnel [<1-65535>$ID]",
	 "Reset functions\n"
	 "VPDN\n"
	 "Clear VPDN tunnels (StopCCN)\n"
	 "Local tunnel ID",
	 clear_tunnel, CMD_NOEDIT, 0},
};

int vpdn_install_commands(struct nasd *nasd, struct cmd_table *t)
{
	(void)nasd;
	return cmd_install(t, vpdn_defs, sizeof(vpdn_defs) / sizeof(vpdn_defs[0]));
}
