/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * report.c - l2tpgen's results: the one-line summary and the JSON file
 * (lib json.h).  JSON numbers are integers with their unit in the name
 * (setup_ms, loss_ppm), as the json writer has no floats and a script
 * divides more safely than it parses rounded text.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "l2tpgen.h"
#include "strbuf.h"

static uint64_t setup_ms(const struct gen *gen)
{
	return gen->st.setup_end_ms > gen->st.t0_ms
		       ? gen->st.setup_end_ms - gen->st.t0_ms
		       : 0;
}

/* Calls per second over the setup phase (0 when it took no time). */
static double setup_rate(const struct gen *gen)
{
	uint64_t ms = setup_ms(gen);

	return ms ? (double)gen->st.setup_up * 1000.0 / (double)ms : 0.0;
}

static double loss_ratio(const struct gen *gen)
{
	const struct gen_stats *st = &gen->st;

	if (!st->data_tx)
		return 0.0;
	if (st->data_rx >= st->data_tx)
		return 0.0;
	return (double)(st->data_tx - st->data_rx) / (double)st->data_tx;
}

static void hold_echo(const struct gen *gen, uint64_t *replies)
{
	*replies = 0;
	for (unsigned i = 0; i < gen->o.sessions; i++)
		*replies += gen->sess[i].echo_replies;
}

void gen_report_line(const struct gen *gen, FILE *f)
{
	const struct gen_stats *st = &gen->st;

	fprintf(f,
		"l2tpgen: %u/%u calls up, %u failed, %u dropped; setup %.3f s "
		"(%.0f calls/s); %llu retransmits",
		st->setup_up, gen->o.sessions, st->failed, st->dropped,
		(double)setup_ms(gen) / 1000.0, setup_rate(gen),
		(unsigned long long)st->retransmits);
	if (gen->o.hold_s && gen->hold_done)
		fprintf(f, "; hold %u s: %u up, %u with LCP echo",
			gen->o.hold_s, st->hold_up_end, st->hold_echo_ok);
	if (gen->o.duration_s && st->data_s > 0)
		fprintf(f,
			"; data %u B: %llu sent (%.0f pps), %llu back, "
			"loss %.3f%%",
			gen->o.size_bytes, (unsigned long long)st->data_tx,
			(double)st->data_tx / st->data_s,
			(unsigned long long)st->data_rx,
			loss_ratio(gen) * 100.0);
	if (st->first_failure)
		fprintf(f, "; first failure: %s", st->first_failure);
	fputc('\n', f);
}

static void ip_str(uint32_t ip, char *buf, size_t size)
{
	snprintf(buf, size, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff,
		 (ip >> 8) & 0xff, ip & 0xff);
}

static void data_json(const struct gen *gen, struct json *j)
{
	const struct gen_stats *st = &gen->st;
	double s = st->data_s > 0 ? st->data_s : 1.0;

	json_obj_open(j, "data");
	json_str(j, "proto", gen->o.proto == GEN_PROTO_ICMP ? "icmp" : "udp");
	json_uint(j, "size_bytes", gen->o.size_bytes);
	json_uint(j, "pps_offered", (uint64_t)gen->o.pps);
	json_uint(j, "duration_ms", (uint64_t)(st->data_s * 1000.0));
	json_uint(j, "sent", st->data_tx);
	json_uint(j, "received", st->data_rx);
	json_uint(j, "tx_errors", st->data_tx_err);
	json_uint(j, "pps_sent", (uint64_t)((double)st->data_tx / s));
	json_uint(j, "pps_received", (uint64_t)((double)st->data_rx / s));
	json_uint(j, "loss_ppm", (uint64_t)(loss_ratio(gen) * 1e6 + 0.5));
	json_obj_close(j);
}

int gen_report_json(const struct gen *gen, const char *path)
{
	const struct gen_stats *st = &gen->st;
	struct strbuf sb = {0};
	struct json j;
	char a[16];
	uint64_t replies;
	FILE *f;
	int rc = 0;

	json_init(&j, &sb);
	json_obj_open(&j, NULL);
	ip_str(gen->o.lns_ip, a, sizeof(a));
	json_str(&j, "lns", a);
	json_uint(&j, "lns_port", gen->o.lns_port);
	json_uint(&j, "sessions", gen->o.sessions);
	json_uint(&j, "tunnels", gen->o.tunnels);
	json_str(&j, "auth", gen->o.auth == GEN_AUTH_CHAP ? "chap" : "pap");
	json_bool(&j, "proxy", gen->o.proxy);
	json_uint(&j, "sessions_up", st->setup_up);
	json_uint(&j, "sessions_up_at_exit", st->up);
	json_uint(&j, "sessions_failed", st->failed);
	json_uint(&j, "sessions_dropped", st->dropped);
	json_uint(&j, "setup_ms", setup_ms(gen));
	json_uint(&j, "tunnels_up_ms",
		  st->tunnels_up_ms > st->t0_ms ? st->tunnels_up_ms - st->t0_ms
						: 0);
	json_uint(&j, "sessions_per_s", (uint64_t)(setup_rate(gen) + 0.5));
	json_uint(&j, "retransmits", st->retransmits);
	json_uint(&j, "ipcp_renegotiations", st->ip_flaps);
	json_uint(&j, "udp_tx_dropped", st->udp_tx_dropped);
	json_str(&j, "first_failure", st->first_failure);
	if (gen->o.hold_s) {
		hold_echo(gen, &replies);
		json_obj_open(&j, "hold");
		json_uint(&j, "seconds", gen->o.hold_s);
		json_uint(&j, "up_at_end", st->hold_up_end);
		json_uint(&j, "ipcp_open_at_end", st->hold_ipcp_open);
		json_uint(&j, "echo_ok", st->hold_echo_ok);
		json_uint(&j, "echo_replies", replies);
		json_obj_close(&j);
	}
	if (gen->o.duration_s)
		data_json(gen, &j);
	json_obj_close(&j);
	sb_puts(&sb, "\n");
	f = fopen(path, "w");
	if (!f || sb.oom || j.error || fputs(sb_str(&sb), f) < 0) {
		fprintf(stderr, "l2tpgen: cannot write %s\n", path);
		rc = -1;
	}
	if (f && fclose(f) != 0)
		rc = -1;
	sb_free(&sb);
	return rc;
}
