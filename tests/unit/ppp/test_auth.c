/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for PAP (RFC 1334) and CHAP-MD5 (RFC 1994) in both roles:
 * the two roles wired back to back, retransmissions, lost replies,
 * malformed packets, the IOS debug text, and that secrets never reach the
 * log.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chap.h"
#include "chap_md5.h"
#include "fake_log.h"
#include "pap.h"

struct side {
	struct pap pap;
	struct chap chap;
	struct side *peer;     /* where sent packets go (NULL: captured) */
	bool drop_next;        /* lose the next packet sent */
	uint8_t last[512];
	size_t last_len;
	int sent;
	/* results */
	int auth_done, auth_ok, peer_done, peer_ok;
	char name[64];
	/* verification */
	const char *good_secret;
	bool verify_now;       /* answer inside verify (else manual) */
	int verify_calls;
	struct chap_response pending;
	bool chap_mode;
	uint8_t rnd;
};

static struct timers ts;
static struct fake_log fl;

static void deliver(struct side *s, const uint8_t *pkt, size_t len)
{
	memcpy(s->last, pkt, len);
	s->last_len = len;
	s->sent++;
	if (s->drop_next) {
		s->drop_next = false;
		return;
	}
	if (!s->peer)
		return;
	if (s->chap_mode)
		chap_input(&s->peer->chap, pkt, len);
	else
		pap_input(&s->peer->pap, pkt, len);
}

static void send_cb(void *ctx, const uint8_t *pkt, size_t len)
{
	deliver(ctx, pkt, len);
}

static void done_cb(void *ctx, bool as_auth, bool ok, const char *name)
{
	struct side *s = ctx;

	if (as_auth) {
		s->auth_done++;
		s->auth_ok += ok;
	} else {
		s->peer_done++;
		s->peer_ok += ok;
	}
	strncpy(s->name, name, sizeof(s->name) - 1);
}

static void pap_verify(void *ctx, const char *user, const uint8_t *pw,
		       size_t len)
{
	struct side *s = ctx;
	bool ok = strcmp(user, "bob") == 0 &&
		  len == strlen(s->good_secret) &&
		  memcmp(pw, s->good_secret, len) == 0;

	s->verify_calls++;
	if (s->verify_now)
		pap_auth_result(&s->pap, ok, NULL);
}

static void chap_random(void *ctx, void *buf, size_t n)
{
	struct side *s = ctx;
	uint8_t *b = buf;

	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(s->rnd++);
}

static void chap_verify(void *ctx, const struct chap_response *r)
{
	struct side *s = ctx;
	uint8_t want[CHAP_MD5_DIGEST_LEN];

	s->verify_calls++;
	chap_md5_digest(r->id, (const uint8_t *)s->good_secret,
			strlen(s->good_secret), r->challenge,
			r->challenge_len, want);
	if (s->verify_now)
		chap_auth_result(&s->chap,
				 strcmp(r->name, "bob") == 0 &&
					 r->response_len == sizeof(want) &&
					 memcmp(want, r->response,
						sizeof(want)) == 0,
				 NULL);
}

static bool chap_secret(void *ctx, const char *challenger, char *name,
			size_t name_size, uint8_t *secret, size_t *len)
{
	struct side *s = ctx;

	if (strcmp(challenger, "nas") != 0)
		return false;
	strncpy(name, "bob", name_size);
	*len = strlen(s->good_secret);
	memcpy(secret, s->good_secret, *len);
	return true;
}

static const struct pap_ops pap_ops = {
	.send = send_cb, .verify = pap_verify, .done = done_cb};
static const struct chap_ops chap_ops = {.send = send_cb,
					 .random = chap_random,
					 .verify = chap_verify,
					 .get_secret = chap_secret,
					 .done = done_cb};

static struct side A, B; /* A authenticates B */

static int setup(void **state)
{
	(void)state;
	memset(&A, 0, sizeof(A));
	memset(&B, 0, sizeof(B));
	timers_init(&ts, 0);
	fake_log_init(&fl);
	A.peer = &B;
	B.peer = &A;
	A.verify_now = true;
	A.good_secret = "cisco";
	B.good_secret = "cisco";
	pap_init(&A.pap, "As1", &pap_ops, &A, &ts, &fl.lg, 2000, 10000, 3);
	pap_init(&B.pap, "As2", &pap_ops, &B, &ts, &fl.lg, 2000, 10000, 3);
	chap_init(&A.chap, "As1", &chap_ops, &A, &ts, &fl.lg, 2000, 3);
	chap_init(&B.chap, "As2", &chap_ops, &B, &ts, &fl.lg, 2000, 3);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pap_stop(&A.pap);
	pap_stop(&B.pap);
	chap_stop(&A.chap);
	chap_stop(&B.chap);
	timers_fini(&ts);
	/* No secret may ever reach a log line. */
	assert_false(fake_log_has(&fl, "cisco"));
	assert_false(fake_log_has(&fl, "wrong"));
	fake_log_fini(&fl);
	return 0;
}

static void test_pap_success(void **state)
{
	(void)state;
	pap_start_authenticator(&A.pap);
	pap_start_peer(&B.pap, "bob", (const uint8_t *)"cisco", 5);
	assert_int_equal(A.auth_ok, 1);
	assert_int_equal(B.peer_ok, 1);
	assert_string_equal(A.name, "bob");
	assert_true(fake_log_has(&fl, "As1 PAP: I AUTH-REQ id 1 len 14 from "
				      "\"bob\""));
	assert_true(fake_log_has(&fl, "As1 PAP: O AUTH-ACK id 1 len 5"));
	assert_true(fake_log_has(&fl, "As2 PAP: I AUTH-ACK id 1 len 5"));
}

static void test_pap_failure_and_retry(void **state)
{
	(void)state;
	pap_start_authenticator(&A.pap);
	pap_start_peer(&B.pap, "bob", (const uint8_t *)"wrong", 5);
	assert_int_equal(A.auth_done, 1);
	assert_int_equal(A.auth_ok, 0);
	assert_int_equal(B.peer_done, 1);
	assert_true(fake_log_has(&fl, "As1 PAP: O AUTH-NAK id 1 len 26 msg "
				      "is \"Authentication failed\""));
	/* The authenticator allows another try; the peer retries with a
	 * fresh Identifier after its restart timer. */
	pap_start_authenticator(&A.pap);
	timers_advance(&ts, 2000);
	assert_int_equal(A.auth_done, 2);
	assert_true(fake_log_has(&fl, "As1 PAP: I AUTH-REQ id 2"));
}

static void test_pap_retransmit_and_lost_ack(void **state)
{
	(void)state;
	pap_start_authenticator(&A.pap);
	/* The first request is lost: the peer retransmits with the same id. */
	B.drop_next = true;
	pap_start_peer(&B.pap, "bob", (const uint8_t *)"cisco", 5);
	assert_int_equal(A.verify_calls, 0);
	A.drop_next = true; /* and the Ack is lost too */
	timers_advance(&ts, 2000);
	assert_int_equal(A.verify_calls, 1);
	assert_int_equal(B.peer_done, 0);
	timers_advance(&ts, 4000);
	/* The repeated request gets the same answer without a new check. */
	assert_int_equal(A.verify_calls, 1);
	assert_int_equal(B.peer_ok, 1);
	assert_int_equal(A.auth_done, 1);
}

/* A new Authenticate-Request (another Identifier, RFC 1334 §2.2.1: a
 * peer that changes it on retransmission) after success is acknowledged
 * under its own Identifier, not the one first verified. */
static void test_pap_new_request_after_success_acked_with_its_id(void **state)
{
	uint8_t req[512];
	size_t len;

	(void)state;
	pap_start_authenticator(&A.pap);
	pap_start_peer(&B.pap, "bob", (const uint8_t *)"cisco", 5);
	assert_int_equal(A.auth_ok, 1);
	len = B.last_len;
	memcpy(req, B.last, len);
	req[1] = (uint8_t)(req[1] + 5);
	pap_input(&A.pap, req, len);
	assert_int_equal(A.last[0], PAP_AUTH_ACK);
	assert_int_equal(A.last[1], req[1]);
	assert_int_equal(A.verify_calls, 1);
}

static void test_pap_peer_gives_up(void **state)
{
	(void)state;
	B.peer = NULL; /* nobody answers */
	pap_start_peer(&B.pap, "bob", (const uint8_t *)"cisco", 5);
	timers_advance(&ts, 2000);
	timers_advance(&ts, 4000);
	timers_advance(&ts, 6000);
	assert_int_equal(B.sent, 3);
	assert_int_equal(B.peer_done, 1);
	assert_int_equal(B.peer_ok, 0);
}

static void test_pap_authenticator_timeout(void **state)
{
	(void)state;
	pap_start_authenticator(&A.pap);
	timers_advance(&ts, 10000);
	assert_int_equal(A.auth_done, 1);
	assert_int_equal(A.auth_ok, 0);
}

static void test_pap_malformed(void **state)
{
	static const uint8_t bad1[] = {1, 1, 0, 10, 9, 'b', 'o', 'b', 1, 'x'};
	static const uint8_t bad2[] = {1, 1, 0, 3};
	static const uint8_t bad3[] = {1, 1, 0, 40, 0};

	(void)state;
	pap_start_authenticator(&A.pap);
	pap_input(&A.pap, bad1, sizeof(bad1));
	pap_input(&A.pap, bad2, sizeof(bad2));
	pap_input(&A.pap, bad3, sizeof(bad3));
	assert_int_equal(A.verify_calls, 0);
	assert_int_equal(A.sent, 0);
}

static void test_chap_md5_vector(void **state)
{
	uint8_t ch[16], out[16];
	/* MD5(0x2a || "cisco" || 00..0f), computed independently. */
	static const uint8_t want[16] = {0x23, 0xf9, 0x6e, 0xee, 0x48, 0x1f,
					 0xb9, 0x97, 0xdd, 0x90, 0x0a, 0x5c,
					 0x4e, 0xb5, 0xca, 0x27};

	(void)state;
	for (int i = 0; i < 16; i++)
		ch[i] = (uint8_t)i;
	chap_md5_digest(0x2a, (const uint8_t *)"cisco", 5, ch, 16, out);
	assert_memory_equal(out, want, 16);
}

static void test_chap_success(void **state)
{
	(void)state;
	A.chap_mode = B.chap_mode = true;
	chap_start_peer(&B.chap);
	chap_start_authenticator(&A.chap, "nas");
	assert_int_equal(A.auth_ok, 1);
	assert_int_equal(B.peer_ok, 1);
	assert_string_equal(A.name, "bob");
	/* 4 + 1 + 16 + strlen("nas") = 24; response 4 + 1 + 16 + 3 = 24. */
	assert_true(fake_log_has(&fl, "As1 CHAP: O CHALLENGE id 1 len 24 from "
				      "\"nas\""));
	assert_true(fake_log_has(&fl, "As2 CHAP: I CHALLENGE id 1 len 24 from "
				      "\"nas\""));
	assert_true(fake_log_has(&fl, "As2 CHAP: O RESPONSE id 1 len 24 from "
				      "\"bob\""));
	assert_true(fake_log_has(&fl, "As1 CHAP: O SUCCESS id 1 len 4"));
}

/* Fill the stack below us with junk so that a buffer read before it is
 * written shows up as junk rather than as a previous test's "bob". */
static __attribute__((noinline)) void scribble_stack(void)
{
	volatile char junk[16384];

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(0x80 | (i & 0x7f));
}

/* The names the authenticator reports and the peer answers with do not
 * depend on `debug ppp authentication` (they once did: the printable copy
 * was only made while formatting the debug line). */
static void test_chap_names_with_debug_off(void **state)
{
	(void)state;
	fl.lg.debug = 0;
	A.chap_mode = B.chap_mode = true;
	scribble_stack();
	chap_start_peer(&B.chap);
	chap_start_authenticator(&A.chap, "nas");
	assert_int_equal(A.auth_ok, 1);
	assert_int_equal(B.peer_ok, 1);
	assert_string_equal(A.name, "bob");
	assert_string_equal(A.chap.peer_name, "bob");
	assert_int_equal(fl.n, 0);
}

static void test_pap_name_with_debug_off(void **state)
{
	(void)state;
	fl.lg.debug = 0;
	scribble_stack();
	pap_start_authenticator(&A.pap);
	pap_start_peer(&B.pap, "bob", (const uint8_t *)"cisco", 5);
	assert_int_equal(A.auth_ok, 1);
	assert_string_equal(A.name, "bob");
}

static void test_chap_failure_then_new_challenge(void **state)
{
	(void)state;
	A.chap_mode = B.chap_mode = true;
	B.good_secret = "wrong";
	chap_start_peer(&B.chap);
	chap_start_authenticator(&A.chap, "nas");
	assert_int_equal(A.auth_done, 1);
	assert_int_equal(A.auth_ok, 0);
	assert_int_equal(B.peer_done, 1);
	assert_int_equal(B.peer_ok, 0);
	assert_true(fake_log_has(&fl, "As1 CHAP: O FAILURE id 1 len 25 msg is "
				      "\"Authentication failed\""));
	/* max-bad-auth allows a retry: a new challenge, a new id. */
	B.good_secret = "cisco";
	chap_start_authenticator(&A.chap, "nas");
	assert_int_equal(A.auth_ok, 1);
	assert_true(fake_log_has(&fl, "As1 CHAP: O SUCCESS id 17 len 4"));
}

static void test_chap_retransmit_and_lost_success(void **state)
{
	(void)state;
	A.chap_mode = B.chap_mode = true;
	chap_start_peer(&B.chap);
	A.drop_next = true; /* first challenge lost */
	chap_start_authenticator(&A.chap, "nas");
	assert_int_equal(B.sent, 0);
	timers_advance(&ts, 2000); /* retransmitted with the same id/value */
	assert_int_equal(A.auth_ok, 1);
	assert_int_equal(A.verify_calls, 1);
	/* The peer's Response repeated (our Success lost): same answer. */
	chap_input(&A.chap, B.last, B.last_len);
	assert_int_equal(A.verify_calls, 1);
	assert_int_equal(A.last[0], CHAP_SUCCESS);
}

/* Our Success is lost: the peer sends its Response again after the
 * restart time (it would otherwise wait for ever while the authenticator
 * runs IPCP) and gets the same answer; it stops once answered. */
static void test_chap_peer_repeats_response_after_lost_success(void **state)
{
	uint64_t t0;
	int sent;

	(void)state;
	A.chap_mode = B.chap_mode = true;
	A.verify_now = false;
	chap_start_peer(&B.chap);
	chap_start_authenticator(&A.chap, "nas");
	assert_int_equal(A.verify_calls, 1);
	assert_int_equal(B.sent, 1);
	A.drop_next = true; /* the Success */
	chap_auth_result(&A.chap, true, NULL);
	assert_int_equal(A.auth_ok, 1);
	assert_int_equal(B.peer_done, 0);
	t0 = timers_now(&ts);
	timers_advance(&ts, t0 + 1999); /* absolute times */
	assert_int_equal(B.sent, 1);
	timers_advance(&ts, t0 + 2000);
	assert_int_equal(B.sent, 2); /* the same Response again */
	assert_int_equal(B.last[0], CHAP_RESPONSE);
	assert_int_equal(A.verify_calls, 1); /* answered, not re-verified */
	assert_int_equal(B.peer_done, 1);
	assert_int_equal(B.peer_ok, 1);
	sent = B.sent;
	timers_advance(&ts, t0 + 30000);
	assert_int_equal(B.sent, sent);
}

static void test_chap_timeout(void **state)
{
	(void)state;
	A.chap_mode = true;
	A.peer = NULL;
	chap_start_authenticator(&A.chap, "nas");
	timers_advance(&ts, 2000);
	timers_advance(&ts, 4000);
	timers_advance(&ts, 6000);
	assert_int_equal(A.sent, 3);
	assert_int_equal(A.auth_done, 1);
	assert_int_equal(A.auth_ok, 0);
}

static void test_chap_unknown_challenger_and_malformed(void **state)
{
	static const uint8_t ch[] = {1, 7, 0, 12, 4, 1, 2, 3, 4, 'e', 'v', 'e'};
	static const uint8_t zero[] = {1, 7, 0, 5, 0};
	static const uint8_t shortlen[] = {1, 7, 0, 40, 16, 1};
	static const uint8_t resp_bad[] = {2, 9, 0, 6, 200, 1};

	(void)state;
	B.chap_mode = true;
	B.peer = NULL;
	chap_start_peer(&B.chap);
	chap_input(&B.chap, ch, sizeof(ch));
	assert_int_equal(B.sent, 0); /* no secret for "eve": silent */
	assert_true(fake_log_has(&fl, "no secret"));
	chap_input(&B.chap, zero, sizeof(zero));
	chap_input(&B.chap, shortlen, sizeof(shortlen));
	assert_int_equal(B.sent, 0);
	A.chap_mode = true;
	A.peer = NULL;
	chap_start_authenticator(&A.chap, "nas");
	chap_input(&A.chap, resp_bad, sizeof(resp_bad));
	assert_int_equal(A.verify_calls, 0);
}

static void test_chap_verify_async(void **state)
{
	(void)state;
	A.chap_mode = B.chap_mode = true;
	A.verify_now = false;
	chap_start_peer(&B.chap);
	chap_start_authenticator(&A.chap, "nas");
	assert_int_equal(A.verify_calls, 1);
	assert_int_equal(A.auth_done, 0);
	/* A duplicate Response while verifying is ignored. */
	chap_input(&A.chap, B.last, B.last_len);
	assert_int_equal(A.verify_calls, 1);
	chap_auth_result(&A.chap, true, NULL);
	assert_int_equal(A.auth_ok, 1);
	assert_int_equal(B.peer_ok, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pap_success, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_pap_failure_and_retry,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_pap_retransmit_and_lost_ack, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_pap_new_request_after_success_acked_with_its_id, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_pap_peer_gives_up, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_pap_authenticator_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pap_malformed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_chap_md5_vector, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_chap_success, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_chap_names_with_debug_off,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_pap_name_with_debug_off,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_chap_failure_then_new_challenge, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_chap_retransmit_and_lost_success, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_chap_peer_repeats_response_after_lost_success, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_chap_timeout, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_chap_unknown_challenger_and_malformed, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_chap_verify_async, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
