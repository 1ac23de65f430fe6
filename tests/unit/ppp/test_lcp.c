/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for LCP (ppp/lcp.c): every option in both directions, the
 * seed 001 Windows Configure-Request, loopback detection, keepalives,
 * Protocol-Reject and the IOS debug text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_log.h"
#include "lcp.h"

#define MAXPKT 32

struct harness {
	struct lcp lcp;
	struct timers ts;
	struct fake_log fl;
	uint8_t pkts[MAXPKT][CP_PKT_MAX];
	size_t lens[MAXPKT];
	size_t n;
	int ups, downs, starts, finishes;
	uint32_t rand_seq[8];
	size_t rand_i;
	enum lcp_cb_verdict cb_verdict;
	struct lcp_callback cb_seen;
	uint16_t protrej_seen;
	const char *failed;
};

static void h_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct harness *h = ctx;

	assert_true(h->n < MAXPKT);
	assert_true(len <= CP_PKT_MAX);
	memcpy(h->pkts[h->n], pkt, len);
	h->lens[h->n++] = len;
}

static void h_up(void *ctx)
{
	((struct harness *)ctx)->ups++;
}

static void h_down(void *ctx)
{
	((struct harness *)ctx)->downs++;
}

static void h_started(void *ctx)
{
	((struct harness *)ctx)->starts++;
}

static void h_finished(void *ctx)
{
	((struct harness *)ctx)->finishes++;
}

static enum lcp_cb_verdict h_cb(void *ctx, const struct lcp_callback *cb,
				uint8_t *nak_op)
{
	struct harness *h = ctx;

	h->cb_seen = *cb;
	*nak_op = LCP_CB_CBCP;
	return h->cb_verdict;
}

static void h_protrej(void *ctx, uint16_t proto)
{
	((struct harness *)ctx)->protrej_seen = proto;
}

static void h_failed(void *ctx, const char *reason)
{
	((struct harness *)ctx)->failed = reason;
}

static void h_random(void *ctx, void *buf, size_t n)
{
	struct harness *h = ctx;
	uint32_t v = h->rand_seq[h->rand_i++ % 8];

	assert_int_equal(n, 4);
	memcpy(buf, &v, 4);
}

static const struct lcp_ops h_ops = {
	.send = h_send,
	.up = h_up,
	.down = h_down,
	.started = h_started,
	.finished = h_finished,
	.callback_policy = h_cb,
	.protocol_rejected = h_protrej,
	.link_failed = h_failed,
	.random = h_random,
};

static struct harness *h_new(const struct lcp_cfg *cfg)
{
	struct harness *h = calloc(1, sizeof(*h));
	struct cp_fsm_cfg fc;

	assert_non_null(h);
	fake_log_init(&h->fl);
	timers_init(&h->ts, 0);
	/* Magic numbers drawn in order (LCP takes the random octets as a
	 * native integer, so the values appear on the wire as written). */
	h->rand_seq[0] = 0x608D04A3;
	h->rand_seq[1] = 0x11111111;
	h->rand_seq[2] = 0x22222222;
	h->rand_seq[3] = 0x33333333;
	h->rand_seq[4] = 0x44444444;
	h->rand_seq[5] = 0x55555555;
	h->rand_seq[6] = 0x66666666;
	h->rand_seq[7] = 0x77777777;
	cp_fsm_cfg_default(&fc);
	lcp_init(&h->lcp, "As4", cfg, &fc, &h_ops, h, &h->ts, &h->fl.lg);
	return h;
}

static void h_free(struct harness *h)
{
	lcp_fini(&h->lcp);
	timers_fini(&h->ts);
	fake_log_fini(&h->fl);
	free(h);
}

static void ios_server_cfg(struct lcp_cfg *cfg)
{
	lcp_cfg_default(cfg, true);
	cfg->auth_require[0] = LCP_AUTH_CHAP_MD5;
}

/* Seed 001: the AS5200's own request, "O CONFREQ [Closed] id 3 len 25". */
static const uint8_t ios_confreq_opts[] = {
	0x02, 0x06, 0x00, 0x0A, 0x00, 0x00, /* ACCM 0x000A0000 */
	0x03, 0x05, 0xC2, 0x23, 0x05,       /* AuthProto CHAP */
	0x05, 0x06, 0x60, 0x8D, 0x04, 0xA3, /* MagicNumber 0x608D04A3 */
	0x07, 0x02,                         /* PFC */
	0x08, 0x02,                         /* ACFC */
};

/* Seed 001: the Windows client's request, "I CONFREQ [ACKrcvd] id 3 len 23". */
static const uint8_t win_confreq[] = {
	0x01, 0x03, 0x00, 0x17,
	0x02, 0x06, 0x00, 0x0A, 0x00, 0x00, /* ACCM 0x000A0000 */
	0x05, 0x06, 0x00, 0x4A, 0x4A, 0x09, /* MagicNumber 0x004A4A09 */
	0x07, 0x02,                         /* PFC */
	0x08, 0x02,                         /* ACFC */
	0x0D, 0x03, 0x06,                   /* Callback 6 */
};

static void open_up(struct harness *h)
{
	lcp_open(&h->lcp);
	lcp_lower_up(&h->lcp);
}

/* Bring LCP to Opened: our request Acked, the peer's Acked. */
static void to_opened(struct harness *h, const uint8_t *peer_req,
		      size_t peer_len)
{
	uint8_t ack[CP_PKT_MAX];

	open_up(h);
	assert_int_equal(h->n, 1);
	memcpy(ack, h->pkts[0], h->lens[0]);
	ack[0] = CP_CONFACK;
	lcp_input(&h->lcp, ack, h->lens[0]);
	lcp_input(&h->lcp, peer_req, peer_len);
	assert_true(lcp_is_open(&h->lcp));
	assert_int_equal(h->ups, 1);
}

static void test_our_request_matches_ios(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;

	(void)state;
	ios_server_cfg(&cfg);
	h = h_new(&cfg);
	open_up(h);
	assert_int_equal(h->n, 1);
	assert_int_equal(h->lens[0], 25); /* "len 25" in the seed */
	assert_int_equal(h->pkts[0][0], CP_CONFREQ);
	assert_memory_equal(h->pkts[0] + 4, ios_confreq_opts,
			    sizeof(ios_confreq_opts));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    ACCM 0x000A0000 "
					 "(0x0206000A0000)"));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    AuthProto CHAP "
					 "(0x0305C22305)"));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    MagicNumber 0x608D04A3 "
					 "(0x0506608D04A3)"));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    PFC (0x0702)"));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    ACFC (0x0802)"));
	h_free(h);
}

static void test_windows_request_callback_rejected(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	static const uint8_t rej[] = {0x04, 0x03, 0x00, 0x07,
				      0x0D, 0x03, 0x06};

	(void)state;
	ios_server_cfg(&cfg);
	h = h_new(&cfg);
	h->cb_verdict = LCP_CB_REJECT;
	open_up(h);
	lcp_input(&h->lcp, win_confreq, sizeof(win_confreq));
	assert_int_equal(h->n, 2);
	assert_int_equal(h->lens[1], sizeof(rej));
	assert_memory_equal(h->pkts[1], rej, sizeof(rej));
	assert_int_equal(h->cb_seen.op, 6);
	assert_true(fake_log_has(&h->fl, "As4 LCP:    Callback 6 (0x0D0306)"));
	h_free(h);
}

static void test_windows_request_callback_acked(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;

	(void)state;
	ios_server_cfg(&cfg);
	h = h_new(&cfg);
	h->cb_verdict = LCP_CB_ACK;
	to_opened(h, win_confreq, sizeof(win_confreq));
	/* Configure-Ack echoes the request: "O CONFACK [ACKrcvd] id 3 len 23" */
	assert_int_equal(h->lens[1], sizeof(win_confreq));
	assert_int_equal(h->pkts[1][0], CP_CONFACK);
	assert_memory_equal(h->pkts[1] + 1, win_confreq + 1,
			    sizeof(win_confreq) - 1);
	assert_true(fake_log_has(&h->fl, "As4 LCP: O CONFACK [ACKrcvd] id 3 "
					 "len 23"));
	assert_true(h->lcp.neg.peer_callback);
	assert_int_equal(h->lcp.neg.callback.op, LCP_CB_CBCP);
	assert_int_equal(h->lcp.neg.peer_magic, 0x004A4A09);
	assert_int_equal(h->lcp.neg.tx_accm, 0x000A0000);
	assert_true(h->lcp.neg.tx_pfc && h->lcp.neg.tx_acfc);
	assert_true(h->lcp.neg.rx_pfc && h->lcp.neg.rx_acfc);
	assert_int_equal(h->lcp.neg.auth_by_us, LCP_AUTH_CHAP_MD5);
	assert_int_equal(h->lcp.neg.auth_by_peer, LCP_AUTH_NONE);
	assert_int_equal(h->lcp.neg.our_magic, 0x608D04A3);
	h_free(h);
}

/* Seed 004: remote2's request carries MRRU and an Endpoint Discriminator,
 * which IOS rejects ("O CONFREJ [REQsent] id 79 len 28"). */
static void test_mrru_and_epdisc_rejected(void **state)
{
	static const uint8_t req[] = {
		0x01, 0x4F, 0x00, 0x27,
		0x03, 0x05, 0xC2, 0x23, 0x05,
		0x05, 0x06, 0x05, 0x99, 0x35, 0xDB,
		0x11, 0x04, 0x05, 0xF4,
		0x13, 0x14, 0x01, 0x72, 0x65, 0x6D, 0x6F, 0x74, 0x65, 0x32,
		0x40, 0x63, 0x69, 0x73, 0x63, 0x6F, 0x2E, 0x63, 0x6F, 0x6D,
	};
	struct lcp_cfg cfg;
	struct harness *h;

	(void)state;
	lcp_cfg_default(&cfg, false);
	h = h_new(&cfg);
	open_up(h);
	lcp_input(&h->lcp, req, sizeof(req));
	assert_int_equal(h->n, 2);
	assert_int_equal(h->pkts[1][0], CP_CONFREJ);
	assert_int_equal(h->pkts[1][1], 0x4F);
	assert_int_equal(h->lens[1], 28);
	assert_memory_equal(h->pkts[1] + 4, req + 15, 24);
	assert_true(fake_log_has(&h->fl, "As4 LCP:    MRRU 1524 (0x110405F4)"));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    EndpointDisc 1 Local"));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    "
					 "(0x13140172656D6F74653240636973636F)"));
	assert_true(fake_log_has(&h->fl, "As4 LCP:    (0x2E636F6D)"));
	h_free(h);
}

static void test_peer_options_nak_and_reject(void **state)
{
	/* MRU below the minimum is Naked with 64; PAP is Naked with CHAP
	 * when we may only do CHAP; Quality-Protocol is rejected. */
	static const uint8_t req1[] = {
		0x01, 0x01, 0x00, 0x0C,
		0x01, 0x04, 0x00, 0x20,       /* MRU 32 */
		0x03, 0x04, 0xC0, 0x23,       /* PAP */
	};
	static const uint8_t nak1[] = {
		0x03, 0x01, 0x00, 0x0D,
		0x01, 0x04, 0x00, 0x40,
		0x03, 0x05, 0xC2, 0x23, 0x05,
	};
	static const uint8_t req2[] = {
		0x01, 0x02, 0x00, 0x0C,
		0x01, 0x04, 0x05, 0xDC,       /* MRU 1500 */
		0x04, 0x04, 0xC0, 0x25,       /* LQR */
	};
	static const uint8_t rej2[] = {
		0x04, 0x02, 0x00, 0x08, 0x04, 0x04, 0xC0, 0x25,
	};
	struct lcp_cfg cfg;
	struct harness *h;

	(void)state;
	lcp_cfg_default(&cfg, true);
	cfg.allow_auth_pap = false;
	h = h_new(&cfg);
	open_up(h);
	lcp_input(&h->lcp, req1, sizeof(req1));
	assert_int_equal(h->lens[1], sizeof(nak1));
	assert_memory_equal(h->pkts[1], nak1, sizeof(nak1));
	lcp_input(&h->lcp, req2, sizeof(req2));
	assert_int_equal(h->lens[2], sizeof(rej2));
	assert_memory_equal(h->pkts[2], rej2, sizeof(rej2));
	h_free(h);
}

static void test_peer_auth_and_mru_acked(void **state)
{
	static const uint8_t req[] = {
		0x01, 0x07, 0x00, 0x13,
		0x01, 0x04, 0x05, 0xF4,             /* MRU 1524 */
		0x03, 0x05, 0xC2, 0x23, 0x05,       /* CHAP */
		0x05, 0x06, 0x12, 0x34, 0x56, 0x78,
	};
	struct lcp_cfg cfg;
	struct harness *h;

	(void)state;
	lcp_cfg_default(&cfg, false);
	h = h_new(&cfg);
	to_opened(h, req, sizeof(req));
	assert_int_equal(h->lcp.neg.tx_mru, 1524);
	assert_int_equal(h->lcp.neg.auth_by_peer, LCP_AUTH_CHAP_MD5);
	assert_int_equal(h->lcp.neg.tx_accm, 0xffffffff);
	assert_false(h->lcp.neg.tx_pfc);
	h_free(h);
}

static void test_our_options_after_nak_and_reject(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	/* Peer Naks our CHAP asking for PAP (we accept PAP too), and our
	 * ACCM with extra bits; then rejects PFC/ACFC. */
	uint8_t nak[] = {
		0x03, 0x00, 0x00, 0x0E,
		0x02, 0x06, 0x00, 0x00, 0x00, 0x01,
		0x03, 0x04, 0xC0, 0x23,
	};
	uint8_t rej[] = {0x04, 0x00, 0x00, 0x08, 0x07, 0x02, 0x08, 0x02};
	static const uint8_t want[] = {
		0x02, 0x06, 0x00, 0x0A, 0x00, 0x01,
		0x03, 0x04, 0xC0, 0x23,
		0x05, 0x06, 0x60, 0x8D, 0x04, 0xA3,
	};

	(void)state;
	lcp_cfg_default(&cfg, true);
	cfg.auth_require[0] = LCP_AUTH_CHAP_MD5;
	cfg.auth_require[1] = LCP_AUTH_PAP;
	h = h_new(&cfg);
	open_up(h);
	nak[1] = h->pkts[0][1];
	lcp_input(&h->lcp, nak, sizeof(nak));
	assert_int_equal(h->n, 2);
	rej[1] = h->pkts[1][1];
	lcp_input(&h->lcp, rej, sizeof(rej));
	assert_int_equal(h->n, 3);
	assert_int_equal(h->lens[2], 4 + sizeof(want));
	assert_memory_equal(h->pkts[2] + 4, want, sizeof(want));
	h_free(h);
}

static void test_auth_reject_is_fatal(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	uint8_t rej[] = {0x04, 0x00, 0x00, 0x09, 0x03, 0x05, 0xC2, 0x23, 0x05};

	(void)state;
	ios_server_cfg(&cfg);
	h = h_new(&cfg);
	open_up(h);
	rej[1] = h->pkts[0][1];
	lcp_input(&h->lcp, rej, sizeof(rej));
	timers_advance(&h->ts, 1);
	assert_string_equal(h->failed, "Peer refused to authenticate");
	/* LCP closes: a Terminate-Request goes out. */
	assert_int_equal(h->pkts[h->n - 1][0], CP_TERMREQ);
	h_free(h);
}

static void test_magic_collision_and_loopback(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	uint8_t req[] = {0x01, 0x09, 0x00, 0x0A,
			 0x05, 0x06, 0x60, 0x8D, 0x04, 0xA3};

	(void)state;
	lcp_cfg_default(&cfg, false);
	cfg.loopback_max = 3;
	h = h_new(&cfg);
	open_up(h);
	/* Our own magic comes back: Nak with a fresh number. */
	lcp_input(&h->lcp, req, sizeof(req));
	assert_int_equal(h->pkts[h->n - 1][0], CP_CONFNAK);
	assert_int_equal(h->pkts[h->n - 1][4], LCP_OPT_MAGIC);
	assert_memory_not_equal(h->pkts[h->n - 1] + 6, req + 6, 4);
	/* A looped line keeps reflecting whatever we send. */
	for (int i = 0; i < 4 && !h->failed; i++) {
		uint32_t m = h->lcp.want.magic_val;
		req[6] = m >> 24;
		req[7] = m >> 16;
		req[8] = m >> 8;
		req[9] = m;
		lcp_input(&h->lcp, req, sizeof(req));
		timers_advance(&h->ts, h->ts.now_ms + 1);
	}
	assert_non_null(h->failed);
	assert_string_equal(h->failed, "Loopback detected");
	h_free(h);
}

static void test_zero_magic_naked(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	static const uint8_t req[] = {0x01, 0x09, 0x00, 0x0A,
				      0x05, 0x06, 0, 0, 0, 0};

	(void)state;
	lcp_cfg_default(&cfg, false);
	h = h_new(&cfg);
	open_up(h);
	lcp_input(&h->lcp, req, sizeof(req));
	assert_int_equal(h->pkts[1][0], CP_CONFNAK);
	assert_int_equal(h->pkts[1][4], LCP_OPT_MAGIC);
	h_free(h);
}

static void test_pfc_acfc_refused_when_not_allowed(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	static const uint8_t req[] = {0x01, 0x09, 0x00, 0x08,
				      0x07, 0x02, 0x08, 0x02};

	(void)state;
	lcp_cfg_default(&cfg, true);
	cfg.allow_pfc = false;
	h = h_new(&cfg);
	open_up(h);
	lcp_input(&h->lcp, req, sizeof(req));
	assert_int_equal(h->pkts[1][0], CP_CONFREJ);
	assert_int_equal(h->lens[1], 6);
	assert_int_equal(h->pkts[1][4], LCP_OPT_PFC);
	h_free(h);
}

static void test_malformed_options(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	/* An option claiming 9 octets in a 4-octet tail, and a length 0. */
	static const uint8_t bad1[] = {0x01, 0x09, 0x00, 0x08,
				       0x01, 0x09, 0x05, 0xDC};
	static const uint8_t bad2[] = {0x01, 0x0A, 0x00, 0x06, 0x07, 0x00};
	static const uint8_t badcb[] = {0x01, 0x0B, 0x00, 0x06, 0x0D, 0x02};

	(void)state;
	lcp_cfg_default(&cfg, true);
	h = h_new(&cfg);
	open_up(h);
	lcp_input(&h->lcp, bad1, sizeof(bad1));
	assert_int_equal(h->pkts[1][0], CP_CONFREJ);
	lcp_input(&h->lcp, bad2, sizeof(bad2));
	assert_int_equal(h->pkts[2][0], CP_CONFREJ);
	lcp_input(&h->lcp, badcb, sizeof(badcb));
	assert_int_equal(h->pkts[3][0], CP_CONFREJ);
	h_free(h);
}

static void test_callback_option_every_operation(void **state)
{
	struct lcp_callback cb;
	static const uint8_t ops[] = {0, 1, 2, 3, 4, 6};

	(void)state;
	for (size_t i = 0; i < sizeof(ops); i++) {
		uint8_t body[] = {ops[i], '5', '5', '5', '1', '2', '3', '4'};
		struct rd r = rd_init(body, ops[i] == 0 || ops[i] == 6 ? 1
								       : 8);
		assert_true(lcp_callback_parse(&r, &cb));
		assert_int_equal(cb.op, ops[i]);
		if (ops[i] == 0 || ops[i] == 6)
			assert_int_equal(cb.msg_len, 0);
		else
			assert_string_equal(cb.msg, "5551234");
	}
	{
		struct rd r = rd_init(NULL, 0);
		assert_false(lcp_callback_parse(&r, &cb));
	}
}

static void test_callback_request_as_client(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	size_t len;

	(void)state;
	lcp_cfg_default(&cfg, false);
	cfg.want_callback = true;
	cfg.callback_op = LCP_CB_CBCP;
	h = h_new(&cfg);
	open_up(h);
	len = h->lens[0];
	assert_int_equal(h->pkts[0][len - 3], 0x0D);
	assert_int_equal(h->pkts[0][len - 2], 0x03);
	assert_int_equal(h->pkts[0][len - 1], 0x06);
	h_free(h);
}

static void test_echo_keepalive_and_dead_peer(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	static const uint8_t req[] = {0x01, 0x01, 0x00, 0x0A,
				      0x05, 0x06, 0x01, 0x02, 0x03, 0x04};
	uint8_t rep[12];
	size_t before;

	(void)state;
	lcp_cfg_default(&cfg, false);
	cfg.echo_interval_ms = 1000;
	cfg.echo_fails_max = 3;
	h = h_new(&cfg);
	to_opened(h, req, sizeof(req));
	before = h->n;
	timers_advance(&h->ts, 1000);
	assert_int_equal(h->n, before + 1);
	assert_int_equal(h->pkts[before][0], CP_ECHOREQ);
	assert_int_equal(h->lens[before], 8);
	/* A reply with the peer's magic resets the count. */
	rep[0] = CP_ECHOREP;
	rep[1] = h->pkts[before][1];
	rep[2] = 0;
	rep[3] = 8;
	memcpy(rep + 4, req + 6, 4);
	lcp_input(&h->lcp, rep, 8);
	assert_int_equal(h->lcp.echo_outstanding, 0);
	assert_int_equal(h->lcp.echo_rx, 1);
	/* Now silence: 3 more requests, then the peer is declared dead. */
	for (uint64_t t = 2000; t <= 4000; t += 1000)
		timers_advance(&h->ts, t);
	assert_null(h->failed); /* three Echo-Requests unanswered so far */
	timers_advance(&h->ts, 5000);
	assert_non_null(h->failed);
	assert_int_equal(h->pkts[h->n - 1][0], CP_TERMREQ);
	h_free(h);
}

static void test_echo_request_answered(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	static const uint8_t req[] = {0x01, 0x01, 0x00, 0x0A,
				      0x05, 0x06, 0x01, 0x02, 0x03, 0x04};
	static const uint8_t echo[] = {0x09, 0x33, 0x00, 0x0A, 0x01, 0x02,
				       0x03, 0x04, 0xAB, 0xCD};
	static const uint8_t discard[] = {0x0B, 0x34, 0x00, 0x08,
					  0x01, 0x02, 0x03, 0x04};

	(void)state;
	lcp_cfg_default(&cfg, false);
	h = h_new(&cfg);
	to_opened(h, req, sizeof(req));
	lcp_input(&h->lcp, echo, sizeof(echo));
	assert_int_equal(h->pkts[h->n - 1][0], CP_ECHOREP);
	assert_int_equal(h->pkts[h->n - 1][1], 0x33);
	/* Our magic, then the request's data echoed (RFC 1661 §5.8). */
	assert_memory_equal(h->pkts[h->n - 1] + 4,
			    ((uint8_t[]){0x60, 0x8D, 0x04, 0xA3, 0xAB, 0xCD}),
			    6);
	{
		size_t n = h->n;
		lcp_input(&h->lcp, discard, sizeof(discard));
		assert_int_equal(h->n, n); /* silently discarded */
	}
	h_free(h);
}

static void test_protocol_reject_in_and_out(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	static const uint8_t req[] = {0x01, 0x01, 0x00, 0x04};
	static const uint8_t protrej[] = {0x08, 0x44, 0x00, 0x08,
					  0x80, 0x21, 0x01, 0x01};
	static const uint8_t info[] = {0x01, 0x02, 0x00, 0x04};

	(void)state;
	lcp_cfg_default(&cfg, false);
	cfg.want_magic = false;
	h = h_new(&cfg);
	to_opened(h, req, sizeof(req));
	lcp_input(&h->lcp, protrej, sizeof(protrej));
	assert_int_equal(h->protrej_seen, 0x8021);
	assert_true(lcp_is_open(&h->lcp)); /* RXJ+: LCP stays up */
	lcp_send_protocol_reject(&h->lcp, 0x80FD, info, sizeof(info));
	assert_int_equal(h->pkts[h->n - 1][0], CP_PROTREJ);
	assert_int_equal(h->lens[h->n - 1], 4 + 2 + sizeof(info));
	assert_int_equal(h->pkts[h->n - 1][4], 0x80);
	assert_int_equal(h->pkts[h->n - 1][5], 0xFD);
	h_free(h);
}

static void test_unknown_code_code_rejected(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	static const uint8_t req[] = {0x01, 0x01, 0x00, 0x04};
	static const uint8_t odd[] = {0x20, 0x01, 0x00, 0x05, 0xEE};

	(void)state;
	lcp_cfg_default(&cfg, false);
	cfg.want_magic = false;
	h = h_new(&cfg);
	to_opened(h, req, sizeof(req));
	lcp_input(&h->lcp, odd, sizeof(odd));
	assert_int_equal(h->pkts[h->n - 1][0], CP_CODEREJ);
	assert_memory_equal(h->pkts[h->n - 1] + 4, odd, sizeof(odd));
	h_free(h);
}

/* L2TP proxy LCP (RFC 2661 §4.4.5), the LNS side: the LAC's request
 * becomes ours, the caller's the peer's; LCP opens without a packet and
 * then behaves as after a negotiation (Echo with the adopted magic,
 * renegotiation from scratch on a new Configure-Request). */
static void test_proxy_adopted(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	struct lcp_proxy p;
	const char *why = NULL;

	(void)state;
	ios_server_cfg(&cfg);
	h = h_new(&cfg);
	/* Seed 001's pair: the AS5200's request as Last Sent, the Windows
	 * client's (without its Callback option) as Last Received. */
	assert_true(lcp_proxy_check(&h->lcp, ios_confreq_opts,
				    sizeof(ios_confreq_opts), win_confreq + 4,
				    sizeof(win_confreq) - 4 - 3, &p, &why));
	assert_int_equal(p.auth, LCP_AUTH_CHAP_MD5);
	assert_false(lcp_proxy_open(&h->lcp, &p)); /* lower layer down */
	lcp_lower_up(&h->lcp);
	assert_true(lcp_proxy_open(&h->lcp, &p));
	assert_int_equal(h->n, 0);
	assert_int_equal(h->ups, 1);
	assert_true(lcp_is_open(&h->lcp));
	assert_int_equal(h->lcp.neg.our_magic, 0x608D04A3);
	assert_int_equal(h->lcp.neg.peer_magic, 0x004A4A09);
	assert_int_equal(h->lcp.neg.rx_accm, 0x000A0000);
	assert_int_equal(h->lcp.neg.tx_accm, 0x000A0000);
	assert_true(h->lcp.neg.tx_pfc && h->lcp.neg.tx_acfc);
	assert_true(h->lcp.neg.rx_pfc && h->lcp.neg.rx_acfc);
	assert_int_equal(h->lcp.neg.auth_by_us, LCP_AUTH_CHAP_MD5);
	assert_false(h->lcp.neg.peer_callback);
	/* Already Opened: no second adoption. */
	assert_false(lcp_proxy_open(&h->lcp, &p));
	/* The keepalive carries the adopted number. */
	timers_advance(&h->ts, 10000);
	assert_int_equal(h->n, 1);
	assert_int_equal(h->pkts[0][0], CP_ECHOREQ);
	assert_memory_equal(h->pkts[0] + 4,
			    ((const uint8_t[]){0x60, 0x8D, 0x04, 0xA3}), 4);
	/* The peer renegotiates: our own request goes out, from cfg. */
	lcp_input(&h->lcp, win_confreq, sizeof(win_confreq));
	assert_int_equal(h->downs, 1);
	assert_int_equal(h->pkts[1][0], CP_CONFREQ);
	assert_int_equal(h->lcp.fsm.state, CP_REQSENT);
	h_free(h);
}

static void test_proxy_refused(void **state)
{
	static const uint8_t sent[] = {0x03, 0x05, 0xC2, 0x23, 0x05,
				       0x05, 0x06, 0x11, 0x22, 0x33, 0x44};
	static const uint8_t rcvd_pfc[] = {0x07, 0x02};
	static const uint8_t rcvd_auth_pap[] = {0x03, 0x04, 0xC0, 0x23};
	static const uint8_t rcvd_cb[] = {0x0D, 0x03, 0x06};
	static const uint8_t sent_pap[] = {0x03, 0x04, 0xC0, 0x23};
	struct lcp_cfg cfg;
	struct harness *h;
	struct lcp_proxy p;
	const char *why = NULL;

	(void)state;
	ios_server_cfg(&cfg);
	cfg.allow_pfc = false;
	cfg.allow_auth_pap = false;
	h = h_new(&cfg);
	assert_false(lcp_proxy_check(&h->lcp, sent, sizeof(sent), rcvd_pfc,
				     sizeof(rcvd_pfc), &p, &why));
	assert_string_equal(why, "PFC/ACFC not allowed");
	assert_false(lcp_proxy_check(&h->lcp, sent, sizeof(sent),
				     rcvd_auth_pap, sizeof(rcvd_auth_pap), &p,
				     &why));
	assert_string_equal(why, "peer wants an authentication we cannot do");
	assert_false(lcp_proxy_check(&h->lcp, sent, sizeof(sent), rcvd_cb,
				     sizeof(rcvd_cb), &p, &why));
	assert_string_equal(why,
			    "unsupported option in Last Received CONFREQ");
	assert_false(lcp_proxy_check(&h->lcp, sent_pap, sizeof(sent_pap),
				     NULL, 0, &p, &why));
	assert_string_equal(why, "authentication protocol mismatch");
	/* Empty requests are valid lists; without required authentication
	 * they are acceptable. */
	h->lcp.cfg.auth_require[0] = LCP_AUTH_NONE;
	assert_true(lcp_proxy_check(&h->lcp, NULL, 0, NULL, 0, &p, &why));
	assert_false(p.want.auth);
	/* A PAP proxy we did not require is adopted as it stands. */
	assert_true(lcp_proxy_check(&h->lcp, sent_pap, sizeof(sent_pap), NULL,
				    0, &p, &why));
	assert_int_equal(p.want.proxy_auth, LCP_AUTH_PAP);
	h_free(h);
}

/* The LAC side: the requests are recorded as LCP runs. */
static void test_proxy_recorded(void **state)
{
	struct lcp_cfg cfg;
	struct harness *h;
	uint8_t req[sizeof(win_confreq)];

	(void)state;
	ios_server_cfg(&cfg);
	cfg.record_proxy = true;
	h = h_new(&cfg);
	/* The Windows request without its Callback option. */
	memcpy(req, win_confreq, sizeof(req) - 3);
	req[3] = (uint8_t)(sizeof(req) - 3);
	to_opened(h, req, sizeof(req) - 3);
	assert_true(h->lcp.rec->last_sent.present);
	assert_int_equal(h->lcp.rec->last_sent.len, sizeof(ios_confreq_opts));
	assert_memory_equal(h->lcp.rec->last_sent.opts, ios_confreq_opts,
			    sizeof(ios_confreq_opts));
	assert_true(h->lcp.rec->initial_rcvd.present);
	assert_int_equal(h->lcp.rec->last_rcvd.len, sizeof(win_confreq) - 7);
	assert_memory_equal(h->lcp.rec->last_rcvd.opts, win_confreq + 4,
			    sizeof(win_confreq) - 7);
	h_free(h);

	/* Not a LAC: nothing is kept. */
	cfg.record_proxy = false;
	h = h_new(&cfg);
	to_opened(h, req, sizeof(req) - 3);
	assert_null(h->lcp.rec);
	h_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_our_request_matches_ios),
		cmocka_unit_test(test_windows_request_callback_rejected),
		cmocka_unit_test(test_windows_request_callback_acked),
		cmocka_unit_test(test_mrru_and_epdisc_rejected),
		cmocka_unit_test(test_peer_options_nak_and_reject),
		cmocka_unit_test(test_peer_auth_and_mru_acked),
		cmocka_unit_test(test_our_options_after_nak_and_reject),
		cmocka_unit_test(test_auth_reject_is_fatal),
		cmocka_unit_test(test_magic_collision_and_loopback),
		cmocka_unit_test(test_zero_magic_naked),
		cmocka_unit_test(test_pfc_acfc_refused_when_not_allowed),
		cmocka_unit_test(test_malformed_options),
		cmocka_unit_test(test_callback_option_every_operation),
		cmocka_unit_test(test_callback_request_as_client),
		cmocka_unit_test(test_echo_keepalive_and_dead_peer),
		cmocka_unit_test(test_echo_request_answered),
		cmocka_unit_test(test_protocol_reject_in_and_out),
		cmocka_unit_test(test_unknown_code_code_rejected),
		cmocka_unit_test(test_proxy_adopted),
		cmocka_unit_test(test_proxy_refused),
		cmocka_unit_test(test_proxy_recorded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
