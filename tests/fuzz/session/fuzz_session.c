/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_session - arbitrary PPP frames into a PPP session (server role, CHAP
 * required, pool addressing, AAA with a local user), interleaved with clock
 * steps, lower-layer up/down and IP packets from the data plane.  Checks
 * that no input crashes, leaks or leaves a pool address behind.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aaa.h"
#include "fuzz_session_common.h"

static void send_frame(void *ctx, const uint8_t *f, size_t n, bool lcp)
{
	(void)ctx;
	(void)f;
	(void)n;
	(void)lcp;
}

static void down(void *ctx, const char *r)
{
	(void)ctx;
	(void)r;
}

static bool g_asked;

static void cb_needed(void *ctx, const struct ppp_callback *cb)
{
	(void)ctx;
	if (cb->state != PPP_CBST_NEEDED)
		abort(); /* reported in the wrong state */
}

static void cb_agreed(void *ctx, const char *number, unsigned delay_s)
{
	(void)ctx;
	(void)number;
	(void)delay_s;
}

static void cb_ask(void *ctx, unsigned offer)
{
	(void)ctx;
	(void)offer;
	g_asked = true;
}

/* A dialer's decision (DDR, ops->callback_decide), by the name. */
static enum ppp_cb_decision cb_decide(void *ctx, const char *name,
				      bool requested, const char *offered,
				      char *number, size_t number_size)
{
	(void)ctx;
	(void)requested;
	if (!name || !offered)
		abort();
	snprintf(number, number_size, "81012345678901");
	return (enum ppp_cb_decision)(strlen(name) % 3);
}

static const struct ppp_session_ops dec_ops = {
	.send_frame = send_frame, .link_params = params, .ip_up = ipup,
	.ip_down = ipdown, .ip_input = ipin, .link_down = down, .random = rnd,
	.pool_alloc = palloc, .pool_release = prelease,
	.callback_agreed = cb_agreed, .callback_decide = cb_decide,
};

static const struct ppp_session_ops ops = {
	.send_frame = send_frame, .link_params = params, .ip_up = ipup,
	.ip_down = ipdown, .ip_input = ipin, .link_down = down, .random = rnd,
	.pool_alloc = palloc, .pool_release = prelease,
	.callback_needed = cb_needed, .callback_agreed = cb_agreed,
	.cbcp_ask = cb_ask,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timers ts;
	struct logger log = {.sink = sink, .debug = ~(uint64_t)0,
			     .level = LOG_LVL_DEBUG};
	struct aaa *aaa;
	struct aaa_db *db = calloc(1, sizeof(*db));
	struct ppp_session_cfg cfg;
	struct ppp_session *s;
	struct rd r = rd_init(data, size);
	uint64_t now = 0;
	uint8_t mode = 0;

	/* The first octet picks the configuration: bit 0 PAP instead of
	 * CHAP (PAP lets the fuzzer authenticate as bob/pw and reach the
	 * Callback phase), 1 `ppp callback accept`, 2 `ppp callback
	 * initiate`, 3/4 callback-dialstring "" / "5551212", 5 the client
	 * role with CBCP (6: ask mode; 7: RFC 1570 op 1 with a number
	 * instead), 7 a return call; 2 and 6 together on a server: the
	 * owner decides callback (a DDR dialer). */
	rd_u8(&r, &mode);
	g_asked = false;
	timers_init(&ts, 0);
	aaa = aaa_new(&ts, &log);
	db->users = calloc(1, sizeof(*db->users));
	db->n_users = 1;
	strcpy(db->users[0].name, "bob");
	strcpy(db->users[0].password, "pw");
	db->users[0].has_password = true;
	db->users[0].callback_rotary = -1;
	db->users[0].callback_line_first = db->users[0].callback_line_last = -1;
	if (mode & 0x18) {
		db->users[0].has_callback_dialstring = true;
		if (mode & 0x10)
			strcpy(db->users[0].callback_dialstring, "5551212");
	}
	aaa_set_db(aaa, db);
	g_pool = pool_new("p");
	pool_add_range(g_pool, 0x0a000002, 0x0a000003);
	memset(&cfg, 0, sizeof(cfg));
	strcpy(cfg.ifname, "Async1");
	strcpy(cfg.ifshort, "As1");
	lcp_cfg_default(&cfg.lcp, true);
	cfg.lcp.auth_require[0] =
		mode & 1 ? LCP_AUTH_PAP : LCP_AUTH_CHAP_MD5;
	cp_fsm_cfg_default(&cfg.fsm);
	cfg.callback_accept = mode & 2;
	cfg.callback_initiate = mode & 4;
	cfg.return_call = mode & 0x80;
	cfg.cbcp_first_id = 20;
	if (mode & 0x20) {
		/* a client: asks for CBCP, authenticates as bob */
		cfg.lcp.auth_require[0] = LCP_AUTH_NONE;
		cfg.cb_request = PPP_CBREQ_CBCP;
		cfg.cbcp_client.mode =
			mode & 0x40 ? CBCP_CLIENT_ASK : CBCP_CLIENT_PRESET;
		strcpy(cfg.cbcp_client.number, "5279651");
		cfg.cbcp_client.delay_s = 15;
		cfg.cbcp_client.accept_admin = true;
		cfg.cbcp_client.retransmit = true;
		strcpy(cfg.pap_user, "bob");
		strcpy(cfg.pap_password, "pw");
		strcpy(cfg.chap_secret, "pw");
		if (mode & 0x80) {
			cfg.cb_request = PPP_CBREQ_RFC1570;
			strcpy(cfg.cb_number, "5551212");
		}
	}
	cfg.ip = true;
	cfg.ipcp.local_addr = 0x0a000001;
	strcpy(cfg.peer_pool, "p");
	strcpy(cfg.chap_name, "nas");
	cfg.max_bad_auth = 2;
	cfg.auth_timeout_ms = 5000;
	cfg.auth_phase_ms = 20000;
	s = ppp_session_new(&cfg,
			    (mode & 0x64) == 0x44 ? &dec_ops : &ops, NULL,
			    aaa, &ts, &log);
	ppp_session_start(s);
	while (rd_left(&r) >= 2) {
		uint8_t sel, len;
		struct rd f;

		rd_u8(&r, &sel);
		rd_u8(&r, &len);
		if (!rd_sub(&r, len < rd_left(&r) ? len : rd_left(&r), &f))
			break;
		switch (sel & 3) {
		case 0:
		case 1:
			ppp_session_input(s, f.p, rd_left(&f));
			break;
		case 2:
			now += (uint64_t)(sel >> 2) * 250;
			timers_advance(&ts, now);
			break;
		case 3:
			if (sel & 4)
				ppp_session_send_ip(s, f.p, rd_left(&f));
			else if (sel & 8)
				ppp_session_close(s, "fuzz");
			break;
		}
		if (g_asked) {
			g_asked = false;
			ppp_session_cbcp_answer(s, "5279651");
		}
	}
	ppp_session_free(s);
	if (g_pool->in_use != 0)
		abort(); /* an address leaked */
	pool_free(g_pool);
	aaa_free(aaa);
	timers_fini(&ts);
	return 0;
}
