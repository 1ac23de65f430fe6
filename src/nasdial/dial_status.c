/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_status.c - nasdial's status JSON and closing summary, and the wire
 * peeks the call logic needs: CHAP Success/Failure (RFC 1994 §4.3), PAP
 * Authenticate-Ack/Nak (RFC 1334 §2.2.2), and in-band modem result codes
 * (NO CARRIER, CONNECT speed) on lines without modem-control signals.
 */
#include "dial_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbcp.h"
#include "cp_print.h"
#include "json.h"
#include "ppp_defs.h"
#include "ppp_hdr.h"
#include "rd.h"

#define CHAP_CODE_SUCCESS 3
#define CHAP_CODE_FAILURE 4
#define PAP_CODE_ACK 2
#define PAP_CODE_NAK 3

static void json_addr(struct json *j, const char *key, uint32_t addr)
{
	char ip[16];

	if (!addr) {
		json_null(j, key);
		return;
	}
	json_str(j, key, cp_print_ipv4(ip, sizeof(ip), addr));
}

static void json_callback(struct json *j, const struct dial_status *st)
{
	const struct dial_callback *cb = &st->fsm->cb;

	json_obj_open(j, "callback");
	json_str(j, "request", st->cb_request ? st->cb_request : "none");
	json_str(j, "mode", st->cb_mode);
	json_arr_open(j, "offered");
	for (unsigned t = 1; t < 8 * sizeof(cb->offered); t++)
		if (cb->offered & (1u << t))
			json_str(j, NULL, cbcp_type_name((uint8_t)t));
	json_arr_close(j);
	json_str(j, "cbcp_state", st->cb_state);
	json_bool(j, "agreed", cb->agreed);
	json_str(j, "type", st->cb_type);
	json_str(j, "number", cb->agreed ? cb->number : NULL);
	if (cb->agreed)
		json_uint(j, "delay", cb->delay_s);
	else
		json_null(j, "delay");
	json_bool(j, "return_call", cb->return_call);
	json_bool(j, "refused", cb->refused);
	json_str(j, "note", cb->note[0] ? cb->note : NULL);
	json_obj_close(j);
}

void dial_status_json(const struct dial_status *st, struct strbuf *sb)
{
	const struct dial_fsm *fsm = st->fsm;
	struct json j;

	json_init(&j, sb);
	json_obj_open(&j, NULL);
	json_str(&j, "state", dial_state_name(fsm->state));
	json_int(&j, "pid", st->pid);
	json_str(&j, "device", st->device);
	json_str(&j, "number", st->number && st->number[0] ? st->number : NULL);
	json_str(&j, "interface", st->ifname);
	json_str(&j, "tun", st->tun);
	if (st->connect_bps)
		json_uint(&j, "connect_speed", st->connect_bps);
	else
		json_null(&j, "connect_speed");
	json_bool(&j, "return_call", fsm->return_call);
	json_obj_open(&j, "ppp");
	if (st->have_ppp) {
		json_str(&j, "phase", st->ppp_phase);
		json_str(&j, "lcp", st->lcp_state);
		json_str(&j, "ipcp", st->ipcp_state);
		json_str(&j, "auth", st->auth);
		json_addr(&j, "local_address", st->local_addr);
		json_addr(&j, "peer_address", st->peer_addr);
		json_arr_open(&j, "dns");
		for (int i = 0; i < 2; i++) {
			char ip[16];
			if (st->dns[i])
				json_str(&j, NULL,
					 cp_print_ipv4(ip, sizeof(ip),
						       st->dns[i]));
		}
		json_arr_close(&j);
		json_uint(&j, "rx_frames", st->rx_frames);
		json_uint(&j, "tx_frames", st->tx_frames);
		json_uint(&j, "rx_ip_packets", st->rx_ip_packets);
		json_uint(&j, "tx_ip_packets", st->tx_ip_packets);
	}
	json_obj_close(&j);
	json_callback(&j, st);
	json_obj_open(&j, "counts");
	json_uint(&j, "dials", fsm->counts.dials);
	json_uint(&j, "answers", fsm->counts.answers);
	json_uint(&j, "connects", fsm->counts.connects);
	json_uint(&j, "sessions", fsm->counts.sessions);
	json_uint(&j, "ups", fsm->counts.ups);
	json_uint(&j, "callbacks", fsm->counts.callbacks);
	json_obj_close(&j);
	json_uint(&j, "up_ms", dial_fsm_up_ms(fsm));
	if (fsm->state == DIAL_ST_DONE) {
		json_obj_open(&j, "exit");
		json_int(&j, "code", fsm->exit_code);
		json_str(&j, "name", dial_exit_name(fsm->exit_code));
		json_str(&j, "reason", fsm->exit_msg);
		json_obj_close(&j);
	} else {
		json_null(&j, "exit");
	}
	json_obj_close(&j);
}

void dial_status_summary(const struct dial_status *st, struct strbuf *sb)
{
	const struct dial_fsm *fsm = st->fsm;
	const struct dial_callback *cb = &fsm->cb;
	uint64_t up = dial_fsm_up_ms(fsm);

	sb_printf(sb,
		  "nasdial: %u call(s) placed, %u answered, link up %u "
		  "time(s), connect time %llu.%01llu s\n",
		  fsm->counts.dials, fsm->counts.answers, fsm->counts.ups,
		  (unsigned long long)(up / 1000),
		  (unsigned long long)(up % 1000 / 100));
	if (cb->agreed)
		sb_printf(sb,
			  "nasdial: callback agreed%s%s (delay %u s), return "
			  "call %s\n",
			  cb->number[0] ? " at " : "", cb->number, cb->delay_s,
			  cb->return_call ? "answered" : "not received");
	else if (cb->refused)
		sb_printf(sb, "nasdial: callback refused: %s\n", cb->note);
	sb_printf(sb, "nasdial: exit %d (%s)%s%s\n", fsm->exit_code,
		  dial_exit_name(fsm->exit_code), fsm->exit_msg[0] ? ": " : "",
		  fsm->exit_msg);
}

enum dial_auth_verdict dial_status_auth_peek(const uint8_t *frame, size_t len)
{
	struct rd r = rd_init(frame, len);
	uint16_t proto;
	uint8_t code;

	if (!ppp_hdr_parse(&r, &proto) || !rd_u8(&r, &code))
		return DIAL_AUTH_NONE;
	if (proto == PPP_PROTO_CHAP) {
		if (code == CHAP_CODE_SUCCESS)
			return DIAL_AUTH_OK;
		if (code == CHAP_CODE_FAILURE)
			return DIAL_AUTH_FAILED;
	} else if (proto == PPP_PROTO_PAP) {
		if (code == PAP_CODE_ACK)
			return DIAL_AUTH_OK;
		if (code == PAP_CODE_NAK)
			return DIAL_AUTH_FAILED;
	}
	return DIAL_AUTH_NONE;
}

void dial_rc_scan_init(struct dial_rc_scan *sc)
{
	memset(sc, 0, sizeof(*sc));
}

bool dial_rc_scan_feed(struct dial_rc_scan *sc, const uint8_t *data, size_t n)
{
	bool lost = false;

	for (size_t i = 0; i < n; i++) {
		char c = (char)data[i];
		if (c != '\r' && c != '\n') {
			if (sc->len + 1 < sizeof(sc->buf))
				sc->buf[sc->len++] = c;
			else
				sc->overflow = true;
			continue;
		}
		sc->buf[sc->len] = '\0';
		if (!sc->overflow && strcmp(sc->buf, "NO CARRIER") == 0)
			lost = true;
		sc->len = 0;
		sc->overflow = false;
	}
	return lost;
}

unsigned dial_status_connect_speed(const char *data, size_t n)
{
	static const char key[] = "CONNECT ";
	const size_t klen = sizeof(key) - 1;
	unsigned long v = 0;

	for (size_t i = 0; i + klen < n; i++) {
		size_t k = i + klen;
		if (memcmp(data + i, key, klen) != 0)
			continue;
		v = 0;
		while (k < n && data[k] >= '0' && data[k] <= '9' &&
		       v < 100000000UL)
			v = v * 10 + (unsigned long)(data[k++] - '0');
		return (unsigned)v;
	}
	return 0;
}
