/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status_vj.c - `show ip tcp header-compression [json]`: the RFC 1144 VJ
 * compression counters of every PPP session whose IPCP is Opened on an
 * interface with `ip tcp header-compression`, or that agreed VJ, in the
 * IOS layout:
 *
 *   TCP/IP header compression statistics:
 *     Interface Async1: (passive, compressing)
 *       Rcvd:    4060 total, 2891 compressed, 0 errors
 *                0 dropped, 2891 buffer copies, 0 buffer failures
 *       Sent:    4284 total, 3224 compressed,
 *                105295 bytes saved, 661973 bytes sent
 *                1.15 efficiency improvement factor
 *       Connect: 16 rx slots, 16 tx slots, 1543 long searches, 46 misses
 *                98% hit ratio
 *
 * IOS's "five minute miss rate" is left out: nasd keeps no rate history
 * and a made-up zero would mislead.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "isdn.h"
#include "json.h"
#include "nasd.h"

static bool vj_shown(const struct ppp_session *s, struct ppp_vj_status *st)
{
	bool on = ppp_session_vj_status(s, st);

	return on || (s->ip_up && s->cfg.ipcp.vj);
}

static unsigned hit_ratio(const struct vj_comp_stats *tx)
{
	if (!tx->searches)
		return 0;
	return (unsigned)((tx->searches - tx->misses) * 100 / tx->searches);
}

static void vj_text(struct strbuf *sb, const char *ifname,
		    const struct ppp_vj_status *st)
{
	double factor = 1.0;

	if (st->tx.bytes_sent)
		factor = (double)(st->tx.bytes_sent + st->tx.bytes_saved) /
			 (double)st->tx.bytes_sent;
	sb_printf(sb, "  Interface %s:", ifname);
	if (st->passive)
		sb_printf(sb, " (passive, %scompressing)",
			  st->compressing ? "" : "not ");
	sb_printf(sb,
		  "\n"
		  "    Rcvd:    %llu total, %llu compressed, %llu errors\n"
		  "             %llu dropped, %llu buffer copies, %llu buffer "
		  "failures\n",
		  (unsigned long long)(st->rx.packets + st->rx_plain_tcp),
		  (unsigned long long)st->rx.compressed,
		  (unsigned long long)st->rx.errors,
		  (unsigned long long)st->rx.dropped,
		  (unsigned long long)st->rx.buffer_copies,
		  (unsigned long long)st->rx.buffer_failures);
	sb_printf(sb,
		  "    Sent:    %llu total, %llu compressed,\n"
		  "             %llu bytes saved, %llu bytes sent\n"
		  "             %.2f efficiency improvement factor\n",
		  (unsigned long long)st->tx.packets,
		  (unsigned long long)st->tx.compressed,
		  (unsigned long long)st->tx.bytes_saved,
		  (unsigned long long)st->tx.bytes_sent, factor);
	sb_printf(sb,
		  "    Connect: %u rx slots, %u tx slots, %llu long searches, "
		  "%llu misses\n"
		  "             %u%% hit ratio\n",
		  st->rx_slots, st->tx_slots,
		  (unsigned long long)st->tx.long_searches,
		  (unsigned long long)st->tx.misses, hit_ratio(&st->tx));
}

static void vj_json(struct json *j, const char *ifname,
		    const struct ppp_vj_status *st)
{
	json_obj_open(j, NULL);
	json_str(j, "interface", ifname);
	json_bool(j, "passive", st->passive);
	json_bool(j, "compressing", st->compressing);
	json_obj_open(j, "rcvd");
	json_bool(j, "negotiated", st->rx_on);
	json_uint(j, "slots", st->rx_slots);
	json_uint(j, "total", st->rx.packets + st->rx_plain_tcp);
	json_uint(j, "compressed", st->rx.compressed);
	json_uint(j, "uncompressed", st->rx.uncompressed);
	json_uint(j, "errors", st->rx.errors);
	json_uint(j, "dropped", st->rx.dropped);
	json_uint(j, "buffer_copies", st->rx.buffer_copies);
	json_uint(j, "buffer_failures", st->rx.buffer_failures);
	json_uint(j, "tosses", st->rx.tosses);
	json_obj_close(j);
	json_obj_open(j, "sent");
	json_bool(j, "negotiated", st->tx_on);
	json_uint(j, "slots", st->tx_slots);
	json_uint(j, "total", st->tx.packets);
	json_uint(j, "compressed", st->tx.compressed);
	json_uint(j, "uncompressed", st->tx.uncompressed);
	json_uint(j, "bytes_saved", st->tx.bytes_saved);
	json_uint(j, "bytes_sent", st->tx.bytes_sent);
	json_uint(j, "searches", st->tx.searches);
	json_uint(j, "long_searches", st->tx.long_searches);
	json_uint(j, "misses", st->tx.misses);
	json_uint(j, "hit_ratio", hit_ratio(&st->tx));
	json_obj_close(j);
	json_obj_close(j);
}

static void vj_one(struct cmd_ctx *ctx, struct json *j, const char *ifname,
		   const char *ifshort, const struct ppp_session *s)
{
	struct ppp_vj_status st;

	(void)ifshort;
	if (!s || !vj_shown(s, &st))
		return;
	if (j)
		vj_json(j, ifname, &st);
	else
		vj_text(ctx->out, ifname, &st);
}

static int show_tcp_hc(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	bool js = cmd_arg_has(args, "json");
	struct json j;

	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "interfaces");
	} else {
		sb_puts(ctx->out, "TCP/IP header compression statistics:\n");
	}
	nasd_each_session(nasd, ctx, js ? &j : NULL, vj_one);
	if (js) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	}
	return 0;
}

static const struct cmd_def vj_defs[] = {
	{CMD_MODE_USER, "show ip tcp header-compression [json]",
	 "Show running system information\n"
	 "IP information\n"
	 "TCP/IP header-compression statistics\n"
	 "Header compression statistics (RFC 1144)\n"
	 "Machine-readable output",
	 show_tcp_hc, CMD_NOEDIT, 0},
};

int nasd_vj_install_commands(struct cmd_table *t)
{
	return cmd_install(t, vj_defs, sizeof(vj_defs) / sizeof(vj_defs[0]));
}
