/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status.c - the daemon's exec commands, rendered from a snapshot of the
 * live objects, each in IOS text and in JSON (`... json`, read by the
 * integration tests):
 *   show interfaces [IFNAME] [json]
 *   show ppp all [json]
 *   show ip local pool [NAME] [json]
 *   show logging
 *   clear interface IFNAME
 * (`show ip tcp header-compression` is in status_vj.c.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cp_print.h"
#include "json.h"
#include "isdn.h"
#include "ddr_glue.h"
#include "nasd.h"
#include "vpdn.h"
#include "pool.h"

/* One interface as shown. */
struct if_snap {
	char name[IFNAME_MAX];
	char shortname[IFNAME_MAX];
	const struct config_if *cif; /* may be NULL */
	const struct line *line;     /* may be NULL */
	const struct isdn_call *bchan; /* a B-channel data call, or NULL */
	const struct vaccess *va;    /* an L2TP Virtual-Access, or NULL */
	bool admin_down;
	bool up;        /* carrier: device open */
	bool proto_up;  /* LCP open and authenticated (Network phase) */
	bool has_sess;
	struct ppp_session_status st;
	struct hdlc_rx_stats rx;
};

/* A connected data call on a B-channel named `name` ("BRI0:1"). */
static const struct isdn_call *find_bchan(const struct nasd *nasd,
					  const char *name)
{
	for (const struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next)
		for (unsigned ch = 1; ch <= ISDN_MAX_B; ch++) {
			const struct isdn_call *c = &ifc->calls[ch];
			if (c->in_use && !c->voice && (!name ||
						       !strcmp(c->ifname, name)))
				return c;
		}
	return NULL;
}

/* A Virtual-Access interface named `name` (an L2TP session, vpdn.h). */
static const struct vaccess *find_vaccess(const struct nasd *nasd,
					  const char *name)
{
	if (!nasd->vpdn)
		return NULL;
	for (const struct vaccess *va = nasd->vpdn->vas; va; va = va->next)
		if (strcmp(va->ifname, name) == 0)
			return va;
	return NULL;
}

static void snap_one(struct nasd *nasd, const char *name, struct if_snap *s)
{
	struct ifname id;

	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	if (ifname_parse(name, &id))
		ifname_short(&id, s->shortname, sizeof(s->shortname));
	s->cif = config_if_find(nasd->running, name);
	s->line = line_find_if(nasd, name);
	s->admin_down = s->cif && s->cif->shutdown;
	if (s->line) {
		s->admin_down |= s->line->admin_down;
		s->up = s->line->state == LINE_PPP && !s->admin_down;
		s->rx = s->line->rx.stats;
		if (s->line->sess) {
			s->has_sess = true;
			ppp_session_status(s->line->sess, &s->st);
			s->proto_up = s->st.phase == PPP_PHASE_NETWORK;
		}
	} else if ((s->bchan = find_bchan(nasd, name)) != NULL) {
		s->up = s->bchan->connected;
		if (s->bchan->sess) {
			s->has_sess = true;
			ppp_session_status(s->bchan->sess, &s->st);
			s->proto_up = s->st.phase == PPP_PHASE_NETWORK;
		}
	} else if ((s->va = find_vaccess(nasd, name)) != NULL) {
		s->up = s->va->ls != NULL;
		if (s->va->sess) {
			s->has_sess = true;
			ppp_session_status(s->va->sess, &s->st);
			s->proto_up = s->st.phase == PPP_PHASE_NETWORK;
		}
	} else if (s->cif && s->cif->id.type != IF_ASYNC &&
		   s->cif->id.type != IF_GROUP_ASYNC) {
		/* Recorded interfaces (Loopback, Ethernet ...) are shown up
		 * unless shut down. */
		s->up = s->proto_up = !s->admin_down;
	}
}

static const char *state_word(const struct if_snap *s)
{
	return s->admin_down ? "administratively down" : s->up ? "up" : "down";
}

static const char *hw_name(const struct if_snap *s)
{
	if (s->bchan)
		return "ISDN B-channel, 64 kbit/s synchronous";
	if (s->va)
		return "Virtual Access interface";
	if (!s->cif && s->line)
		return "Async Serial";
	switch (s->cif ? s->cif->id.type : IF_ASYNC) {
	case IF_ASYNC:
		return "Async Serial";
	case IF_GROUP_ASYNC:
		return "Async Group Serial";
	case IF_LOOPBACK:
		return "Loopback";
	case IF_ETHERNET:
	case IF_FASTETHERNET:
		return "Ethernet (recorded; not bound)";
	default:
		return "recorded";
	}
}

static void text_addr(struct nasd *nasd, const struct if_snap *s,
		      struct strbuf *out)
{
	char a[16], m[16];
	const struct config_if *cif = s->cif;

	if (!cif)
		return;
	if (cif->ip_mode == CONFIG_IP_STATIC) {
		unsigned plen = (unsigned)__builtin_popcount(cif->ip_mask);
		sb_printf(out, "  Internet address is %s/%u\n",
			  cp_print_ipv4(a, sizeof(a), cif->ip_addr), plen);
	} else if (cif->ip_mode == CONFIG_IP_UNNUMBERED) {
		const struct config_if *u =
			config_if_find(nasd->running, cif->unnumbered);
		sb_printf(out,
			  "  Interface is unnumbered. Using address of %s "
			  "(%s)\n",
			  cif->unnumbered,
			  u && u->ip_mode == CONFIG_IP_STATIC
				  ? cp_print_ipv4(a, sizeof(a), u->ip_addr)
				  : "0.0.0.0");
	} else if (cif->ip_mode == CONFIG_IP_NEGOTIATED) {
		sb_printf(out, "  Internet address will be negotiated using "
			       "IPCP\n");
		if (s->has_sess && s->st.ipcp_open)
			sb_printf(out, "  Internet address is %s/32\n",
				  cp_print_ipv4(m, sizeof(m),
						s->st.local_addr));
	}
}

static void fmt_ago(struct nasd *nasd, uint64_t t, char *buf, size_t size)
{
	uint64_t s;

	if (!t) {
		snprintf(buf, size, "never");
		return;
	}
	s = (loop_now_ms(nasd->loop) - t) / 1000;
	snprintf(buf, size, "%02u:%02u:%02u", (unsigned)(s / 3600),
		 (unsigned)(s / 60 % 60), (unsigned)(s % 60));
}

static void text_if(struct nasd *nasd, const struct if_snap *s,
		    struct strbuf *out)
{
	const struct line *l = s->line;
	const struct config_if *cif = s->cif;
	unsigned mtu = cif && cif->mtu ? cif->mtu : 1500;
	char t1[16], t2[16];

	sb_printf(out, "%s is %s, line protocol is %s\n", s->name,
		  state_word(s), s->proto_up ? "up" : "down");
	sb_printf(out, "  Hardware is %s\n", hw_name(s));
	if (cif && cif->description[0])
		sb_printf(out, "  Description: %s\n", cif->description);
	text_addr(nasd, s, out);
	sb_printf(out, "  MTU %u bytes, BW %u Kbit/sec, DLY 100000 usec,\n",
		  mtu, l ? (l->s.speed_bps ? l->s.speed_bps : 9600) / 1000
			 : 100000);
	sb_printf(out, "     reliability 255/255, txload 1/255, rxload "
		       "1/255\n");
	if ((cif && cif->encap == CONFIG_ENCAP_PPP) || s->bchan) {
		sb_printf(out, "  Encapsulation PPP, LCP %s\n",
			  s->has_sess ? s->st.lcp_state : "Closed");
		if (s->has_sess && s->st.ipcp_open)
			sb_printf(out, "  Open: IPCP\n");
		else if (s->has_sess && s->st.lcp_open)
			sb_printf(out, "  Closed: IPCP\n");
		if (s->has_sess && s->st.lcp_open)
			sb_printf(out, "  PPP phase %s, peer %s\n",
				  ppp_phase_name(s->st.phase),
				  s->st.peer_name[0] ? s->st.peer_name
						     : "(not authenticated)");
	} else if (cif && cif->encap != CONFIG_ENCAP_DEFAULT) {
		sb_printf(out, "  Encapsulation %s\n",
			  config_encap_names[cif->encap]);
	}
	if (cif && (cif->id.type == IF_ASYNC ||
		    cif->id.type == IF_GROUP_ASYNC)) {
		if (cif->keepalive_s)
			sb_printf(out, "  Keepalive set (%u sec)\n",
				  cif->keepalive_s);
		else
			sb_printf(out, "  Keepalive not set\n");
	}
	if (s->bchan) {
		sb_printf(out, "  Call %s %s, calling %s, called %s\n",
			  s->bchan->outgoing ? "to" : "from",
			  s->bchan->outgoing ? s->bchan->called
					     : s->bchan->calling,
			  s->bchan->calling[0] ? s->bchan->calling : "-",
			  s->bchan->called[0] ? s->bchan->called : "-");
		sb_printf(out,
			  "     %llu packets input, %llu bytes\n"
			  "     %llu packets output, %llu bytes\n",
			  (unsigned long long)s->bchan->rx_frames,
			  (unsigned long long)s->bchan->rx_octets,
			  (unsigned long long)s->bchan->tx_frames,
			  (unsigned long long)s->bchan->tx_octets);
		return;
	}
	if (!l)
		return;
	sb_printf(out, "  Line %u (%s), device %s, %u bit/s%s\n", l->num,
		  line_state_name(l->state),
		  l->s.device[0] ? l->s.device : "(none)",
		  l->s.speed_bps ? l->s.speed_bps : 9600,
		  l->s.flow_hardware ? ", hardware flow control" : "");
	fmt_ago(nasd, l->last_input_ms, t1, sizeof(t1));
	fmt_ago(nasd, l->last_output_ms, t2, sizeof(t2));
	sb_printf(out, "  Last input %s, output %s, output hang never\n", t1,
		  t2);
	sb_printf(out, "     %llu packets input, %llu bytes, 0 no buffer\n",
		  (unsigned long long)s->rx.frames,
		  (unsigned long long)l->rx_octets);
	sb_printf(out, "     %llu runts, %llu giants, 0 throttles\n",
		  (unsigned long long)s->rx.runts,
		  (unsigned long long)s->rx.giants);
	sb_printf(out,
		  "     %llu input errors, %llu CRC, 0 frame, 0 overrun, 0 "
		  "ignored, %llu abort\n",
		  (unsigned long long)(s->rx.fcs_errors + s->rx.runts +
				       s->rx.giants + s->rx.aborts),
		  (unsigned long long)s->rx.fcs_errors,
		  (unsigned long long)s->rx.aborts);
	sb_printf(out, "     %llu packets output, %llu bytes, 0 underruns\n",
		  (unsigned long long)l->tx_frames,
		  (unsigned long long)l->tx_octets);
	sb_printf(out,
		  "     %llu output errors, 0 collisions, %llu interface "
		  "resets\n",
		  (unsigned long long)l->tx_drops,
		  (unsigned long long)l->resets);
	sb_printf(out, "     %llu unknown protocol drops\n",
		  (unsigned long long)(s->has_sess ? s->st.stats.rx_protrej
						   : 0));
	sb_printf(out, "     %llu carrier transitions\n",
		  (unsigned long long)l->carrier_transitions);
}

static void json_if(struct json *j, const struct if_snap *s)
{
	const struct line *l = s->line;
	char a[16];

	json_obj_open(j, NULL);
	json_str(j, "name", s->name);
	json_str(j, "short_name", s->shortname);
	json_str(j, "status", state_word(s));
	json_str(j, "line_protocol", s->proto_up ? "up" : "down");
	json_str(j, "hardware", hw_name(s));
	json_str(j, "encapsulation",
		 (s->cif && s->cif->encap == CONFIG_ENCAP_PPP) || s->bchan
			 ? "PPP"
			 : NULL);
	if (s->bchan) {
		json_obj_open(j, "isdn");
		json_bool(j, "outgoing", s->bchan->outgoing);
		json_str(j, "calling", s->bchan->calling);
		json_str(j, "called", s->bchan->called);
		json_uint(j, "channel", s->bchan->ch);
		json_uint(j, "input_packets", s->bchan->rx_frames);
		json_uint(j, "output_packets", s->bchan->tx_frames);
		json_obj_close(j);
	}
	if (s->has_sess) {
		json_str(j, "lcp", s->st.lcp_state);
		json_str(j, "ipcp", s->st.ipcp_state);
		json_str(j, "ppp_phase", ppp_phase_name(s->st.phase));
		json_str(j, "peer_name", s->st.peer_name);
		json_str(j, "auth_by_us", lcp_auth_name(s->st.auth_by_us));
		json_str(j, "auth_by_peer", lcp_auth_name(s->st.auth_by_peer));
		json_str(j, "local_address",
			 cp_print_ipv4(a, sizeof(a), s->st.local_addr));
		json_str(j, "peer_address",
			 cp_print_ipv4(a, sizeof(a), s->st.peer_addr));
		json_uint(j, "auth_failures", s->st.stats.auth_failures);
		if (s->st.lcp_open) {
			json_uint(j, "tx_mru", s->st.lcp.tx_mru);
			json_uint(j, "rx_mru", s->st.lcp.rx_mru);
			json_uint(j, "tx_accm", s->st.lcp.tx_accm);
			json_uint(j, "rx_accm", s->st.lcp.rx_accm);
		}
	} else {
		json_str(j, "lcp", s->cif && s->cif->encap == CONFIG_ENCAP_PPP
					   ? "Closed"
					   : NULL);
		json_str(j, "ipcp", NULL);
	}
	if (l) {
		json_uint(j, "line", l->num);
		json_str(j, "line_state", line_state_name(l->state));
		json_str(j, "device", l->s.device);
		json_uint(j, "speed", l->s.speed_bps ? l->s.speed_bps : 9600);
		json_obj_open(j, "counters");
		json_uint(j, "input_packets", s->rx.frames);
		json_uint(j, "input_bytes", l->rx_octets);
		json_uint(j, "crc", s->rx.fcs_errors);
		json_uint(j, "aborts", s->rx.aborts);
		json_uint(j, "runts", s->rx.runts);
		json_uint(j, "giants", s->rx.giants);
		json_uint(j, "output_packets", l->tx_frames);
		json_uint(j, "output_bytes", l->tx_octets);
		json_uint(j, "output_drops", l->tx_drops);
		json_uint(j, "interface_resets", l->resets);
		json_uint(j, "carrier_transitions", l->carrier_transitions);
		json_uint(j, "unknown_protocol_drops",
			  s->has_sess ? s->st.stats.rx_protrej : 0);
		json_uint(j, "ip_packets_input",
			  s->has_sess ? s->st.stats.rx_ip_packets : 0);
		json_uint(j, "ip_packets_output",
			  s->has_sess ? s->st.stats.tx_ip_packets : 0);
		json_obj_close(j);
		json_str(j, "last_reset_reason", l->last_reason);
	}
	json_obj_close(j);
}

/* Names shown by `show interfaces`: configured interfaces, then lines
 * whose interface exists only through a Group-Async. */
static size_t if_names(struct nasd *nasd, char (*names)[IFNAME_MAX],
		       size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < nasd->running->nifs && n < max; i++)
		snprintf(names[n++], IFNAME_MAX, "%s",
			 nasd->running->ifs[i].name);
	for (struct line *l = nasd->lines; l && n < max; l = l->next) {
		bool seen = false;
		for (size_t i = 0; i < n; i++)
			seen |= strcmp(names[i], l->ifname) == 0;
		if (!seen)
			snprintf(names[n++], IFNAME_MAX, "%s", l->ifname);
	}
	/* B-channels exist while they carry a data call (IOS BRI0:1). */
	for (const struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next)
		for (unsigned ch = 1; ch <= ISDN_MAX_B && n < max; ch++)
			if (ifc->calls[ch].in_use && !ifc->calls[ch].voice)
				snprintf(names[n++], IFNAME_MAX, "%s",
					 ifc->calls[ch].ifname);
	/* Virtual-Access interfaces exist while their L2TP call does. */
	if (nasd->vpdn)
		for (const struct vaccess *va = nasd->vpdn->vas; va && n < max;
		     va = va->next)
			snprintf(names[n++], IFNAME_MAX, "%s", va->ifname);
	return n;
}

static int show_interfaces(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const char *want = cmd_arg_str(args, "IFNAME");
	bool js = cmd_arg_has(args, "json");
	char (*names)[IFNAME_MAX];
	size_t n, shown = 0;
	struct json j;
	struct if_snap s;

	names = calloc(512, IFNAME_MAX);
	if (!names)
		return cmd_error(ctx, "%% Out of memory");
	n = if_names(nasd, names, 512);
	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "interfaces");
	}
	for (size_t i = 0; i < n; i++) {
		if (want && strcmp(want, names[i]) != 0)
			continue;
		snap_one(nasd, names[i], &s);
		if (js)
			json_if(&j, &s);
		else
			text_if(nasd, &s, ctx->out);
		shown++;
	}
	if (js) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	}
	free(names);
	if (want && !shown)
		return cmd_error(ctx, "%% Interface %s does not exist", want);
	return 0;
}

static const char *ppp_stage(const struct ppp_session_status *st)
{
	switch (st->phase) {
	case PPP_PHASE_NETWORK:
		return "LocalT";
	case PPP_PHASE_AUTHENTICATE:
		return "Auth";
	case PPP_PHASE_CALLBACK:
		return "Callback";
	case PPP_PHASE_FORWARD:
		return "Forward";
	case PPP_PHASE_ESTABLISH:
		return "LCP";
	default:
		return "Down";
	}
}

void nasd_each_session(struct nasd *nasd, struct cmd_ctx *ctx,
		       struct json *j,
		       void (*fn)(struct cmd_ctx *ctx, struct json *j,
				  const char *ifname, const char *ifshort,
				  const struct ppp_session *sess))
{
	for (struct line *l = nasd->lines; l; l = l->next)
		if (l->sess)
			fn(ctx, j, l->ifname, l->ifshort, l->sess);
	for (const struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next)
		for (unsigned ch = 1; ch <= ISDN_MAX_B; ch++)
			if (ifc->calls[ch].in_use && ifc->calls[ch].sess)
				fn(ctx, j, ifc->calls[ch].ifname,
				   ifc->calls[ch].ifshort,
				   ifc->calls[ch].sess);
	if (nasd->vpdn)
		for (const struct vaccess *va = nasd->vpdn->vas; va;
		     va = va->next)
			if (va->sess)
				fn(ctx, j, va->ifname, va->ifshort, va->sess);
}

/* One `show ppp all` row (text or JSON) for a session. */
static void ppp_row(struct cmd_ctx *ctx, struct json *j, const char *ifname,
		    const char *ifshort, const struct ppp_session *sess)
{
	struct ppp_session_status st;
	char prot[64], a[16];
	bool authed = false;

	ppp_session_status(sess, &st);
	authed = st.phase == PPP_PHASE_NETWORK;
	snprintf(prot, sizeof(prot), "LCP%c", st.lcp_open ? '+' : '*');
	if (st.auth_by_us != LCP_AUTH_NONE)
		snprintf(prot + strlen(prot), sizeof(prot) - strlen(prot),
			 " %s%c", lcp_auth_name(st.auth_by_us),
			 authed ? '+' : '*');
	if (authed)
		snprintf(prot + strlen(prot), sizeof(prot) - strlen(prot),
			 " IPCP%c", st.ipcp_open ? '+' : '*');
	cp_print_ipv4(a, sizeof(a), st.peer_addr);
	if (j) {
		json_obj_open(j, NULL);
		json_str(j, "interface", ifname);
		json_str(j, "protocols", prot);
		json_str(j, "phase", ppp_phase_name(st.phase));
		json_str(j, "stage", ppp_stage(&st));
		json_str(j, "lcp", st.lcp_state);
		json_str(j, "ipcp", st.ipcp_state);
		json_str(j, "peer_address", a);
		json_str(j, "peer_name", st.peer_name);
		json_obj_close(j);
		return;
	}
	sb_printf(ctx->out, "%-12s %-21s %-8s %-15s %s\n", ifshort, prot,
		  ppp_stage(&st), st.ipcp_open ? a : "", st.peer_name);
}

static int show_ppp_all(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	bool js = cmd_arg_has(args, "json");
	struct json j;

	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "sessions");
	} else {
		sb_puts(ctx->out,
			"Interface/ID OPEN+ Nego* Fail-     Stage    Peer "
			"Address    Peer Name\n"
			"------------ --------------------- -------- "
			"--------------- --------------------\n");
	}
	nasd_each_session(nasd, ctx, js ? &j : NULL, ppp_row);
	if (js) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	}
	return 0;
}

static int show_pool(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const char *want = cmd_arg_str(args, "WORD");
	bool js = cmd_arg_has(args, "json");
	struct json j;
	char b[16], e[16];

	if (js) {
		json_init(&j, ctx->out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "pools");
	} else {
		sb_puts(ctx->out, " Pool                     Begin           End"
				  "             Free  In use\n");
	}
	for (size_t i = 0; i < nasd->npools; i++) {
		const struct pool *p = nasd->pools[i];
		if (want && strcmp(want, p->name) != 0)
			continue;
		if (js) {
			json_obj_open(&j, NULL);
			json_str(&j, "name", p->name);
			json_uint(&j, "size", p->size);
			json_uint(&j, "free", p->size - p->in_use);
			json_uint(&j, "in_use", p->in_use);
			json_arr_open(&j, "ranges");
		}
		for (size_t r = 0; r < p->n_ranges; r++) {
			size_t sz = p->ranges[r].last - p->ranges[r].first + 1;
			size_t used = 0, base = 0;
			for (size_t k = 0; k < r; k++)
				base += p->ranges[k].last -
					p->ranges[k].first + 1;
			for (size_t k = 0; k < sz; k++)
				used += p->used[base + k];
			cp_print_ipv4(b, sizeof(b), p->ranges[r].first);
			cp_print_ipv4(e, sizeof(e), p->ranges[r].last);
			if (js) {
				json_obj_open(&j, NULL);
				json_str(&j, "begin", b);
				json_str(&j, "end", e);
				json_uint(&j, "free", sz - used);
				json_uint(&j, "in_use", used);
				json_obj_close(&j);
			} else {
				sb_printf(ctx->out,
					  " %-24s %-15s %-15s %5zu %7zu\n",
					  r == 0 ? p->name : "", b, e, sz - used,
					  used);
			}
		}
		if (js) {
			json_arr_close(&j);
			json_obj_close(&j);
		}
	}
	if (js) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(ctx->out, "\n");
	}
	return 0;
}

static int show_logging(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const struct logbuf *lb = &nasd->logbuf;

	(void)args;
	sb_printf(ctx->out,
		  "Syslog logging: %s\n"
		  "    Console logging: stderr\n"
		  "    Buffer logging: %s (%zu lines)\n\n",
		  nasd->syslog_open ? "enabled" : "disabled",
		  lb->cap ? "level debugging" : "disabled", lb->n);
	for (size_t i = 0; i < lb->n; i++)
		sb_printf(ctx->out, "%s\n", lb->lines[(lb->head + i) % lb->cap]);
	return 0;
}

static int clear_interface(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const char *name = cmd_arg_str(args, "IFNAME");
	struct line *l = name ? line_find_if(nasd, name) : NULL;
	struct dialer *dl = name ? dialer_find(nasd, name) : NULL;

	/* A Dialer interface has no hardware: its calls are on members. */
	if (dl && strncmp(dl->conf.ifname, "Dialer", 6) == 0) {
		ddr_disconnect_all(dl->ddr);
		return 0;
	}
	if (!l && name && isdn_clear_interface(nasd, name) == 0)
		return 0;
	if (!l)
		return cmd_error(ctx, "%% Interface %s has no line bound",
				 name ? name : "");
	line_clear(l, "cleared by `clear interface`");
	return 0;
}

static const struct cmd_def status_defs[] = {
	{CMD_MODE_USER, "show interfaces [IFNAME] [json]",
	 "Show running system information\n"
	 "Interface status and configuration\n"
	 "Only this interface\n"
	 "Machine-readable output",
	 show_interfaces, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show ppp all [json]",
	 "Show running system information\n"
	 "PPP parameters and statistics\n"
	 "All PPP sessions\n"
	 "Machine-readable output",
	 show_ppp_all, CMD_NOEDIT, 0},
	{CMD_MODE_USER, "show ip local pool [WORD] [json]",
	 "Show running system information\n"
	 "IP information\n"
	 "IP local options\n"
	 "IP local address pool statistics\n"
	 "Pool name\n"
	 "Machine-readable output",
	 show_pool, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "show logging",
	 "Show running system information\n"
	 "Show the contents of logging buffers",
	 show_logging, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "clear interface IFNAME",
	 "Reset functions\n"
	 "Clear the hardware state of an interface\n"
	 "Interface name",
	 clear_interface, CMD_NOEDIT, 0},
};

int nasd_install_commands(struct nasd *nasd, struct cmd_table *t)
{
	int rc = isdn_install_commands(nasd, t);

	if (rc == 0)
		rc = nasd_vj_install_commands(t);
	if (rc == 0)
		rc = dialer_install_commands(nasd, t);
	if (rc == 0)
		rc = vpdn_install_commands(nasd, t);
	if (rc != 0)
		return rc;
	return cmd_install(t, status_defs,
			   sizeof(status_defs) / sizeof(status_defs[0]));
}
