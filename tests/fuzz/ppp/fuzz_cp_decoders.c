/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_cp_decoders - every control-protocol decoder of src/ppp on arbitrary
 * input: LCP and IPCP packets (through their automata, in every state the
 * input drives them to), the option printers, PAP and CHAP in both roles.
 *
 * Input: a sequence of records [selector][len][bytes...]; the selector
 * picks the decoder or an event (open, up, down, close, timer advance).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "chap.h"
#include "ipcp.h"
#include "lcp.h"
#include "pap.h"

static void nop_send(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
}

static void sink(void *ctx, enum log_level lvl, const char *line)
{
	(void)ctx;
	(void)lvl;
	(void)line;
}

static void nop(void *ctx)
{
	(void)ctx;
}

static void rnd(void *ctx, void *buf, size_t n)
{
	(void)ctx;
	memset(buf, 0x42, n);
}

static enum lcp_cb_verdict cbp(void *ctx, const struct lcp_callback *cb,
			       uint8_t *nak)
{
	(void)ctx;
	*nak = 6;
	return (enum lcp_cb_verdict)(cb->op % 3);
}

static void protrej(void *ctx, uint16_t p)
{
	(void)ctx;
	(void)p;
}

static void failed(void *ctx, const char *r)
{
	(void)ctx;
	(void)r;
}

static const struct lcp_ops lops = {
	.send = nop_send, .up = nop, .down = nop, .started = nop,
	.finished = nop, .callback_policy = cbp, .protocol_rejected = protrej,
	.link_failed = failed, .random = rnd,
};

static enum ipcp_addr_verdict addr(void *ctx, uint32_t p, uint32_t *a)
{
	(void)ctx;
	*a = 0x0a000002;
	return p == 0x0a000002 ? IPCP_ADDR_ACK : IPCP_ADDR_NAK;
}

static const struct ipcp_ops iops = {
	.send = nop_send, .up = nop, .down = nop, .finished = nop,
	.peer_address = addr,
};

static struct pap *g_pap;
static struct chap *g_chap;

static void pverify(void *ctx, const char *u, const uint8_t *p, size_t n)
{
	(void)ctx;
	pap_auth_result(g_pap, n > 0 && u[0] == 'a' && p[0] == 'b', NULL);
}

static void adone(void *ctx, bool a, bool ok, const char *name)
{
	(void)ctx;
	(void)a;
	(void)ok;
	(void)name;
}

static const struct pap_ops pops = {
	.send = nop_send, .verify = pverify, .done = adone};

static void cverify(void *ctx, const struct chap_response *r)
{
	(void)ctx;
	chap_auth_result(g_chap, r->response_len == 16, NULL);
}

static bool csecret(void *ctx, const char *c, char *name, size_t ns,
		    uint8_t *secret, size_t *len)
{
	(void)ctx;
	(void)c;
	strncpy(name, "me", ns);
	memcpy(secret, "pw", 2);
	*len = 2;
	return true;
}

static const struct chap_ops cops = {.send = nop_send,
				     .random = rnd,
				     .verify = cverify,
				     .get_secret = csecret,
				     .done = adone};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timers ts;
	struct logger log = {0};
	struct lcp lcp;
	struct ipcp ipcp;
	struct pap pap;
	struct chap chap;
	struct lcp_cfg lc;
	struct ipcp_cfg ic = {.local_addr = 0x0a000001,
			      .dns = {0x0a000035, 0},
			      .want_dns = true};
	struct cp_fsm_cfg fc;
	struct rd r = rd_init(data, size);
	uint64_t now = 0;

	/* Printers run only with the switches on and a sink present. */
	log.debug = ~(uint64_t)0;
	log.sink = sink;
	log.level = LOG_LVL_DEBUG;
	timers_init(&ts, 0);
	cp_fsm_cfg_default(&fc);
	lcp_cfg_default(&lc, true);
	lc.auth_require[0] = LCP_AUTH_CHAP_MD5;
	lc.auth_require[1] = LCP_AUTH_PAP;
	g_pap = &pap;
	g_chap = &chap;
	lcp_init(&lcp, "As1", &lc, &fc, &lops, NULL, &ts, &log);
	ipcp_init(&ipcp, "As1", &ic, &fc, &iops, NULL, &ts, &log);
	pap_init(&pap, "As1", &pops, NULL, &ts, &log, 1000, 5000, 3);
	chap_init(&chap, "As1", &cops, NULL, &ts, &log, 1000, 3);
	while (rd_left(&r) >= 2) {
		uint8_t sel, len;
		struct rd pkt;

		rd_u8(&r, &sel);
		rd_u8(&r, &len);
		if (!rd_sub(&r, len < rd_left(&r) ? len : rd_left(&r), &pkt))
			break;
		switch (sel % 12) {
		case 0:
			lcp_input(&lcp, pkt.p, rd_left(&pkt));
			break;
		case 1:
			ipcp_input(&ipcp, pkt.p, rd_left(&pkt));
			break;
		case 2:
			pap_input(&pap, pkt.p, rd_left(&pkt));
			break;
		case 3:
			chap_input(&chap, pkt.p, rd_left(&pkt));
			break;
		case 4:
			lcp_lower_up(&lcp);
			lcp_open(&lcp);
			ipcp_lower_up(&ipcp);
			ipcp_open(&ipcp);
			break;
		case 5:
			lcp_lower_down(&lcp);
			ipcp_lower_down(&ipcp);
			break;
		case 6:
			lcp_close(&lcp, "fuzz");
			ipcp_close(&ipcp, "fuzz");
			break;
		case 7:
			now += 1000u * (sel >> 4);
			timers_advance(&ts, now);
			break;
		case 8:
			pap_start_authenticator(&pap);
			chap_start_authenticator(&chap, "nas");
			break;
		case 9:
			pap_start_peer(&pap, "a", (const uint8_t *)"b", 1);
			chap_start_peer(&chap);
			break;
		case 10:
			lcp_print_opts(&log, "As1", &pkt);
			break;
		case 11:
			ipcp_print_opts(&log, "As1", &pkt);
			break;
		}
	}
	pap_stop(&pap);
	chap_stop(&chap);
	ipcp_fini(&ipcp);
	lcp_fini(&lcp);
	timers_fini(&ts);
	return 0;
}
