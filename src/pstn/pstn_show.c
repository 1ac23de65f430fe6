/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_show.c - the output of the pstn's show commands, text and JSON from
 * the same data: `show calls` (active and recently ended calls: caller,
 * callee, state, speed, duration, octets each way, cause), `show
 * subscribers` (numbers, endpoints, answer modes, line faults, modem state)
 * and `show modem NUMBER` (one modem's settings, S-registers, signals and
 * counters).
 */
#include "pstn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static const char *answer_name(enum pstn_answer a)
{
	switch (a) {
	case PSTN_ANSWER_AUTO:
		return "auto";
	case PSTN_ANSWER_MANUAL:
		return "manual";
	case PSTN_ANSWER_NEVER:
		return "never";
	case PSTN_ANSWER_BUSY:
		return "busy";
	}
	return "?";
}

static uint64_t call_duration_ms(const struct pstn_call *c, uint64_t now)
{
	if (!c->connect_ms)
		return 0;
	return (c->end_ms ? c->end_ms : now) - c->connect_ms;
}

static int by_id(const void *a, const void *b)
{
	const struct pstn_call *x = *(const struct pstn_call *const *)a;
	const struct pstn_call *y = *(const struct pstn_call *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Every call the switch knows, oldest first; caller frees. */
static const struct pstn_call **all_calls(const struct pstn_switch *sw,
					  size_t *n)
{
	const struct pstn_call **v;
	size_t k = 0;

	for (const struct pstn_call *c = sw->calls; c; c = c->next)
		k++;
	k += sw->nhist;
	v = calloc(k ? k : 1, sizeof(*v));
	if (!v) {
		*n = 0;
		return NULL;
	}
	k = 0;
	for (const struct pstn_call *c = sw->calls; c; c = c->next)
		v[k++] = c;
	for (const struct pstn_call *c = sw->hist; c; c = c->next)
		v[k++] = c;
	qsort(v, k, sizeof(*v), by_id);
	*n = k;
	return v;
}

void pstn_show_calls(struct pstn *pstn, bool json, struct strbuf *out)
{
	uint64_t now = loop_now_ms(pstn->loop);
	size_t n;
	const struct pstn_call **v = all_calls(&pstn->sw, &n);

	if (json) {
		struct json j;

		json_init(&j, out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "calls");
		for (size_t i = 0; i < n; i++) {
			const struct pstn_call *c = v[i];
			bool ended = c->state == PSTN_CALL_RELEASED;

			json_obj_open(&j, NULL);
			json_uint(&j, "id", c->id);
			json_str(&j, "caller", c->caller);
			json_str(&j, "callee", c->callee);
			json_str(&j, "dialled", c->dialled);
			json_str(&j, "state", pstn_call_state_name(c->state));
			json_str(&j, "bearer", pstn_bearer_name(c->bearer));
			json_str(&j, "caller_port", c->caller_port);
			json_str(&j, "callee_port", c->callee_port);
			json_bool(&j, "answered", c->answer_ms != 0);
			json_bool(&j, "connected", c->connect_ms != 0);
			json_uint(&j, "speed", c->speed_bps);
			json_uint(&j, "duration_ms", call_duration_ms(c, now));
			json_uint(&j, "octets_caller_to_callee", c->octets_ab);
			json_uint(&j, "octets_callee_to_caller", c->octets_ba);
			json_str(&j, "cause",
				 ended ? pstn_cause_name(c->cause) : NULL);
			json_str(&j, "released_by",
				 ended ? c->released_by : NULL);
			json_obj_close(&j);
		}
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(out, "\n");
		free(v);
		return;
	}
	sb_printf(out, "%-4s %-16s %-16s %-10s %-12s %6s %9s %10s %10s %s\n",
		  "Id", "Caller", "Callee", "State", "Bearer", "Speed",
		  "Duration", "Octets>", "Octets<", "Cause");
	for (size_t i = 0; i < n; i++) {
		const struct pstn_call *c = v[i];
		uint64_t d = call_duration_ms(c, now) / 1000;

		sb_printf(out,
			  "%-4u %-16s %-16s %-10s %-12s %6u %02u:%02u:%02u "
			  "%10llu %10llu %s\n",
			  c->id, c->caller_port[0] ? c->caller_port : c->caller,
			  c->callee_port[0] ? c->callee_port
			  : c->callee[0]    ? c->callee
					    : "-",
			  pstn_call_state_name(c->state),
			  pstn_bearer_name(c->bearer), c->speed_bps,
			  (unsigned)(d / 3600), (unsigned)(d / 60 % 60),
			  (unsigned)(d % 60), (unsigned long long)c->octets_ab,
			  (unsigned long long)c->octets_ba,
			  c->state == PSTN_CALL_RELEASED
				  ? pstn_cause_name(c->cause)
				  : "");
	}
	if (n == 0)
		sb_puts(out, "No calls.\n");
	free(v);
}

void pstn_show_subscribers(struct pstn *pstn, bool json, struct strbuf *out)
{
	struct json j;

	if (json) {
		json_init(&j, out);
		json_obj_open(&j, NULL);
		json_arr_open(&j, "subscribers");
	} else {
		sb_printf(out, "%-12s %-7s %-6s %-15s %5s %s\n", "Number",
			  "Answer", "Speed", "Modem", "Call", "Endpoint");
	}
	for (struct pstn_ep *ep = pstn->eps; ep; ep = ep->next) {
		const struct pstn_sub_cfg *s = ep->cfg;
		const struct pstn_call *call = ep->line->port.call;
		struct modem_status ms;
		struct strbuf desc = STRBUF_INIT;

		modem_get_status(ep->line->modem, &ms);
		pstn_ep_describe(ep, &desc);
		if (!json) {
			sb_printf(out, "%-12s %-7s %-6u %-15s %5u %s\n",
				  s->number, answer_name(s->line.answer),
				  s->line.speed_bps,
				  s->shutdown ? "shutdown"
					      : modem_state_name(ms.state),
				  call ? call->id : 0, sb_str(&desc));
			sb_free(&desc);
			continue;
		}
		json_obj_open(&j, NULL);
		json_str(&j, "number", s->number);
		json_str(&j, "description", s->description);
		json_str(&j, "endpoint", pstn_ep_kind_name(s->ep));
		json_str(&j, "endpoint_detail", sb_str(&desc));
		if (s->ep == PSTN_EP_PTY) {
			json_str(&j, "path", s->pty_path);
			json_str(&j, "slave", ep->slave);
			json_uint(&j, "pty_hangups", ep->hangups);
		} else if (s->ep == PSTN_EP_TCP) {
			json_str(&j, "address", s->tcp_addr);
			json_uint(&j, "port", s->tcp_port);
		}
		json_bool(&j, "dte_present", ep->dtr);
		json_str(&j, "answer", answer_name(s->line.answer));
		json_uint(&j, "answer_rings", s->line.answer_rings);
		json_uint(&j, "speed", s->line.speed_bps);
		json_uint(&j, "latency_ms", s->line.latency_ms);
		{
			char ber[32];

			snprintf(ber, sizeof(ber), "%g", s->line.ber);
			json_str(&j, "ber", ber);
		}
		json_bool(&j, "shutdown", s->shutdown);
		json_str(&j, "modem_state", modem_state_name(ms.state));
		json_bool(&j, "ringing", ms.ringing);
		json_uint(&j, "call", call ? call->id : 0);
		json_uint(&j, "dte_octets_dropped", ep->out_dropped);
		json_obj_close(&j);
		sb_free(&desc);
	}
	for (struct pstn_isdn *isdn = pstn->isdns; isdn; isdn = isdn->next) {
		const char *l2 = pstn_isdn_dchan_up(isdn)    ? "up"
				 : pstn_isdn_attached(isdn) ? "down"
							    : "detached";
		unsigned busy = 0;

		for (unsigned i = 0; i < isdn->nb; i++)
			busy += isdn->b[i].qcall || isdn->b[i].port.call;
		if (!json) {
			sb_printf(out, "%-12s %-7s %-6u %-15s %5u isdn %s, "
				  "D-channel %s\n",
				  isdn->sub->number, "isdn", 64000u, l2, busy,
				  pstn_role_name(isdn->role), l2);
			continue;
		}
		json_obj_open(&j, NULL);
		json_str(&j, "number", isdn->sub->number);
		json_str(&j, "endpoint", "attach");
		json_str(&j, "isdn", pstn_role_name(isdn->role));
		json_bool(&j, "attached", pstn_isdn_attached(isdn));
		json_str(&j, "dchan", l2);
		json_uint(&j, "bchannels", isdn->nb);
		json_uint(&j, "bchannels_busy", busy);
		json_bool(&j, "shutdown", isdn->sub->shutdown);
		json_obj_close(&j);
	}
	if (json) {
		json_arr_close(&j);
		json_obj_close(&j);
		sb_puts(out, "\n");
	}
}

static void modem_json(struct json *j, const char *number,
		       const struct modem_status *ms)
{
	char reg[8];

	json_obj_open(j, NULL);
	json_str(j, "number", number);
	json_str(j, "state", modem_state_name(ms->state));
	json_bool(j, "ringing", ms->ringing);
	json_bool(j, "dtr", ms->dtr);
	json_bool(j, "dcd", ms->signals & MODEM_SIG_DCD);
	json_bool(j, "dsr", ms->signals & MODEM_SIG_DSR);
	json_bool(j, "ri", ms->signals & MODEM_SIG_RI);
	json_bool(j, "cts", ms->signals & MODEM_SIG_CTS);
	json_uint(j, "speed", ms->speed_bps);
	json_bool(j, "echo", ms->echo);
	json_bool(j, "verbose", ms->verbose);
	json_bool(j, "quiet", ms->quiet);
	json_uint(j, "x", ms->x_level);
	json_uint(j, "amp_c", ms->amp_c);
	json_uint(j, "amp_d", ms->amp_d);
	json_obj_open(j, "sregs");
	for (unsigned i = 0; i < MODEM_NSREGS; i++) {
		snprintf(reg, sizeof(reg), "S%u", i);
		json_uint(j, reg, ms->sreg[i]);
	}
	json_obj_close(j);
	json_uint(j, "tx_octets", ms->tx_octets);
	json_uint(j, "rx_octets", ms->rx_octets);
	json_uint(j, "tx_dropped", ms->tx_dropped);
	json_uint(j, "rx_dropped", ms->rx_dropped);
	json_uint(j, "bits_flipped", ms->bits_flipped);
	json_uint(j, "txq_octets", ms->txq_octets);
	json_str(j, "last_command", ms->last_cmd);
	json_obj_close(j);
}

int pstn_show_modem(struct pstn *pstn, const char *number, bool json,
		    struct strbuf *out)
{
	struct pstn_ep *ep = pstn_ep_find(pstn, number);
	struct modem_status ms;

	if (!ep)
		return -ENOENT;
	modem_get_status(ep->line->modem, &ms);
	if (json) {
		struct json j;

		json_init(&j, out);
		modem_json(&j, number, &ms);
		sb_puts(out, "\n");
		return 0;
	}
	sb_printf(out, "Line %s modem: %s%s, %s\n", number,
		  modem_state_name(ms.state), ms.ringing ? " (ringing)" : "",
		  ms.speed_bps ? "carrier" : "no carrier");
	if (ms.speed_bps)
		sb_printf(out, "  Connected at %u bit/s\n", ms.speed_bps);
	sb_printf(out, "  DTR %s; DCD %s DSR %s RI %s CTS %s\n",
		  ms.dtr ? "up" : "down",
		  ms.signals & MODEM_SIG_DCD ? "up" : "down",
		  ms.signals & MODEM_SIG_DSR ? "up" : "down",
		  ms.signals & MODEM_SIG_RI ? "up" : "down",
		  ms.signals & MODEM_SIG_CTS ? "up" : "down");
	sb_printf(out, "  Settings: E%d Q%d V%d X%u &C%u &D%u\n", ms.echo,
		  ms.quiet, ms.verbose, ms.x_level, ms.amp_c, ms.amp_d);
	sb_puts(out, "  S-registers:");
	for (unsigned i = 0; i <= 12; i++)
		sb_printf(out, " S%u=%u", i, ms.sreg[i]);
	sb_printf(out, "\n  Octets: %llu sent, %llu received, %llu dropped "
		       "(transmit queue full), %llu dropped (not online)\n",
		  (unsigned long long)ms.tx_octets,
		  (unsigned long long)ms.rx_octets,
		  (unsigned long long)ms.tx_dropped,
		  (unsigned long long)ms.rx_dropped);
	sb_printf(out, "  Bit errors injected: %llu\n",
		  (unsigned long long)ms.bits_flipped);
	sb_printf(out, "  Last command: %s\n", ms.last_cmd);
	return 0;
}
