/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * harness.h - two PPP sessions wired back to back through a frame queue on
 * one fake clock, for the session unit tests (test_session.c,
 * test_callback.c, test_replay_seed001.c).  E[0] is normally the server
 * (authenticator, pool "default" 10.0.0.100-101, AAA with local users), E[1]
 * the client.  Frames an end sends are queued for the other end; with
 * `h_capture` set they are kept in h_sent[] instead (a replay test plays
 * the peer itself).
 */
#ifndef NASD_TEST_SESSION_HARNESS_H
#define NASD_TEST_SESSION_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aaa.h"
#include "fake_log.h"
#include "pool.h"
#include "ppp_session.h"
#include "timer.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define H_QMAX 256

struct h_frame {
	int to; /* 0 = A, 1 = B */
	size_t len;
	uint8_t data[1600];
};

struct end {
	struct ppp_session *s;
	int idx;
	int ip_ups, ip_downs, link_downs, params_on, params_off;
	uint32_t local, peer;
	uint16_t mtu;
	uint8_t last_ip[1600];
	size_t last_ip_len;
	int ip_in;                  /* IP packets delivered up */
	uint16_t last_proto;        /* protocol of the last frame sent */
	const char *down_reason;
	bool lcp_frames_default_accm;
	int frames_sent;
	/* callback */
	int cb_needed, cb_agreed, cbcp_asks;
	struct ppp_callback cb;     /* copy from callback_needed */
	char agreed_number[80];
	unsigned agreed_delay_s;
	unsigned ask_offer;
};

extern struct timers ts;
extern struct fake_log fl;
extern struct end E[2];
extern struct aaa *aaa;
extern struct pool *pool;
extern bool drop_all;
/* capture mode: frames sent by E[0] are kept here, not delivered */
extern bool h_capture;
extern struct h_frame h_sent[H_QMAX];
extern size_t h_nsent;
extern const struct ppp_session_ops h_ops;

/* Capture mode checks: the frames E[0] sent, in order.  h_seen counts
 * those already checked (reset it with h_nsent); with h_skip_echo LCP
 * Echo-Requests (keepalives) are passed over. */
extern size_t h_seen;
extern bool h_skip_echo;
/* Strip Address/Control (if present) and the Protocol field (PFC-aware)
 * of a captured frame: its protocol in *proto, the rest's length in *len. */
const uint8_t *h_sent_payload(const struct h_frame *f, uint16_t *proto,
			      size_t *len);
/* The next captured frame; fails the test unless it is of protocol
 * `proto`. */
const uint8_t *h_next_sent(uint16_t proto, size_t *len);
/* The next captured frame is `proto` with exactly want[0..n). */
void h_expect_sent(uint16_t proto, const uint8_t *want, size_t n);
/* No captured frame left unchecked. */
void h_expect_nothing(void);
/* Give E[0] a frame FF 03 proto pkt[0..n) (no pump). */
void h_feed(uint16_t proto, const uint8_t *pkt, size_t n);

/* cmocka setup/teardown: fresh clock, log, AAA (user bob/cisco), pool. */
int h_setup(void **state);
int h_teardown(void **state);
/* Deliver queued frames (timers at the current time run in between). */
void h_pump(void);
/* Deliver one queued frame; false when the queue is empty. */
bool h_deliver_one(void);
/* Forget every queued frame. */
void h_drop_queue(void);
/* Run the clock forward ms, delivering frames between timer steps. */
void h_run_ms(uint64_t ms);
/* Configurations: base (async, IP), server (requires `a`, address
 * 10.0.0.1, DNS 10.0.0.53, pool default, CHAP name "nas"), client (`ip
 * address negotiated`, CHAP/PAP as bob with `secret`). */
void h_base_cfg(struct ppp_session_cfg *c, const char *ifn,
		const char *shortn);
void h_server_cfg(struct ppp_session_cfg *c, enum lcp_auth a);
void h_client_cfg(struct ppp_session_cfg *c, const char *secret);
/* Add a local user to the current AAA database (no callback attrs). */
struct aaa_user *h_add_user(const char *name, const char *pw);
/* Create both sessions and start them. */
void h_start_both(const struct ppp_session_cfg *a,
		  const struct ppp_session_cfg *b);

#endif
