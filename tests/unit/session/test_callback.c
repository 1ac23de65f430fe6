/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the Callback phase of the PPP session
 * (session/ppp_callback.c): a server session (E[0], `ppp callback accept` or
 * `initiate`) and a client session (E[1], nasdial-like) back to back on a
 * fake clock.  The AAA user's callback attributes decide the policy
 * (callback.md §3.4): no callback-dialstring → no callback and the call
 * goes on; "" → the client's number; a number → that number whatever the
 * client asks.  Covers CBCP (types 1, 2, 3, "ask me"), RFC 1570 operation
 * 0, `ppp callback initiate`, return calls, authorisation with `aaa
 * new-model`, and the failure paths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"

static struct aaa_user *bob(void)
{
	/* h_setup added bob/cisco as the first user. */
	return (struct aaa_user *)aaa_local_user(aaa, "bob");
}

static void set_dialstring(const char *d)
{
	struct aaa_user *u = bob();

	u->has_callback_dialstring = d != NULL;
	snprintf(u->callback_dialstring, sizeof(u->callback_dialstring), "%s",
		 d ? d : "");
}

static void server(struct ppp_session_cfg *a)
{
	h_server_cfg(a, LCP_AUTH_CHAP_MD5);
	a->callback_accept = true;
	a->cbcp_first_id = 20;
}

static void cbcp_client(struct ppp_session_cfg *b, enum cbcp_client_mode m,
			const char *number)
{
	h_client_cfg(b, "cisco");
	b->cb_request = PPP_CBREQ_CBCP;
	b->cbcp_client.mode = m;
	snprintf(b->cbcp_client.number, sizeof(b->cbcp_client.number), "%s",
		 number);
	b->cbcp_client.delay_s = 15;
	b->cbcp_client.accept_admin = true;
	b->cbcp_client.retransmit = true;
}

static void test_cbcp_client_number(void **state)
{
	struct ppp_session_cfg a, b;
	struct ppp_session_status st;

	(void)state;
	set_dialstring(""); /* the client names the number */
	server(&a);
	cbcp_client(&b, CBCP_CLIENT_PRESET, "527-9651");
	h_start_both(&a, &b);
	h_run_ms(3000);
	/* The client asked (op 6), the server Acked it. */
	assert_true(E[0].s->lcp.neg.peer_callback);
	assert_int_equal(E[0].s->lcp.neg.callback.op, LCP_CB_CBCP);
	assert_int_equal(E[1].cb_agreed, 1);
	assert_string_equal(E[1].agreed_number, "527-9651");
	assert_int_equal(E[1].agreed_delay_s, 15);
	h_run_ms(100);
	assert_int_equal(E[0].cb_needed, 1);
	assert_int_equal(E[0].cb.kind, PPP_CB_CBCP);
	assert_int_equal(E[0].cb.state, PPP_CBST_NEEDED);
	assert_string_equal(E[0].cb.number, "527-9651");
	assert_string_equal(E[0].cb.user, "bob");
	assert_int_equal(E[0].cb.delay_s, 15);
	assert_true(E[0].cb.peer_terminated);
	/* Neither side ever reached IPCP; the pool was not touched. */
	assert_int_equal(E[0].ip_ups, 0);
	assert_int_equal(E[1].ip_ups, 0);
	assert_int_equal(pool->in_use, 0);
	assert_true(fake_log_has(&fl, "As1 MCB: User bob Callback Number - "
				      "Client ANY"));
	assert_true(fake_log_has(&fl, "As1 MCB: O Request Id 20 Callback "
				      "Type Client-Num delay 0"));
	assert_true(fake_log_has(&fl, "As1 MCB: Negotiated MCB with peer"));
	assert_true(fake_log_has(&fl, "As1 MCB: Peer terminating the link"));
	assert_true(fake_log_has(&fl, "As1 MCB: Link terminated by peer, "
				      "Callback Needed"));
	/* Order as in seed 001: the peer line, the phase, the needed line. */
	{
		long p = fake_log_find(&fl, "MCB: Peer terminating", 0);
		long t = fake_log_find(&fl, "PPP: Phase is TERMINATING", p);
		long n = fake_log_find(&fl, "Callback Needed", p);
		assert_true(p >= 0 && t > p && n > t);
	}
	ppp_session_status(E[0].s, &st);
	assert_int_equal(st.cb.state, PPP_CBST_NEEDED);
	/* The owner hangs up; the client's Terminate-Request was acked. */
	ppp_session_lower_down(E[0].s);
	h_run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[1].link_downs, 1);
}

static void test_cbcp_server_number_wins(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("5551212");
	server(&a);
	cbcp_client(&b, CBCP_CLIENT_PRESET, "527-9651");
	h_start_both(&a, &b);
	h_run_ms(3000);
	/* Only type 3 was offered: the client took the preset number. */
	assert_true(fake_log_has(&fl, "As1 MCB: User bob Callback Number - "
				      "5551212"));
	assert_int_equal(E[1].cb_agreed, 1);
	h_run_ms(100);
	assert_int_equal(E[0].cb_needed, 1);
	assert_string_equal(E[0].cb.number, "5551212");
	assert_int_equal(E[0].cb.kind, PPP_CB_CBCP);
}

static void test_cbcp_no_dialstring_continues(void **state)
{
	struct ppp_session_cfg a, b;
	struct ppp_session_status st;

	(void)state;
	set_dialstring(NULL); /* not a callback user */
	server(&a);
	cbcp_client(&b, CBCP_CLIENT_PRESET, "527-9651");
	h_start_both(&a, &b);
	h_run_ms(5000);
	/* CBCP offered "no callback" only; both went on to IPCP. */
	assert_int_equal(E[0].cb_needed, 0);
	assert_int_equal(E[1].cb_agreed, 0);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[1].ip_ups, 1);
	ppp_session_status(E[0].s, &st);
	assert_int_equal(st.phase, PPP_PHASE_NETWORK);
	assert_int_equal(st.cb.state, PPP_CBST_DECLINED);
	assert_true(fake_log_has(&fl, "Callback Type No-Callback"));
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void test_cbcp_return_call_offers_none(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("");
	server(&a);
	a.return_call = true;
	cbcp_client(&b, CBCP_CLIENT_PRESET, "527-9651");
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_int_equal(E[0].cb_needed, 0);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void test_callback_not_accepted_rejects_option(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("");
	server(&a);
	a.callback_accept = false;
	cbcp_client(&b, CBCP_CLIENT_PRESET, "527-9651");
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_true(fake_log_has(&fl, "As1 LCP: Callback 6 refused: callback "
				      "not enabled"));
	assert_false(E[1].s->lcp.neg.our_callback);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[1].ip_ups, 1);
	assert_int_equal(E[1].cb_agreed, 0);
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void test_cbcp_client_no_vs_mandatory(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring(""); /* callback is mandatory (type 2 only) */
	server(&a);
	cbcp_client(&b, CBCP_CLIENT_NO, "");
	h_start_both(&a, &b);
	h_run_ms(3000);
	/* The client cannot accept: it gives up and ends the call. */
	assert_int_equal(E[1].cb_agreed, 0);
	assert_true(fake_log_has(&fl, "callback negotiation with"));
	h_run_ms(10000);
	assert_int_equal(E[1].link_downs, 1);
	assert_int_equal(E[0].cb_needed, 0);
}

static void test_cbcp_ask_me_stale_id(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("");
	server(&a);
	cbcp_client(&b, CBCP_CLIENT_ASK, "");
	h_start_both(&a, &b);
	h_run_ms(2500);
	assert_int_equal(E[1].cbcp_asks, 1);
	assert_true(E[1].ask_offer & (1u << CBCP_TYPE_USER));
	/* The user types for a while; the server keeps asking. */
	h_run_ms(7000);
	assert_int_equal(E[1].cb_agreed, 0);
	ppp_session_cbcp_answer(E[1].s, "527-9651");
	h_run_ms(4000);
	assert_true(fake_log_has(&fl, "As1 MCB: Resp ignored. ID Expected"));
	assert_int_equal(E[1].cb_agreed, 1);
	h_run_ms(100);
	assert_int_equal(E[0].cb_needed, 1);
	assert_string_equal(E[0].cb.number, "527-9651");
}

static void test_rfc1570_op0(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("5279651");
	server(&a);
	h_client_cfg(&b, "cisco");
	b.cb_request = PPP_CBREQ_RFC1570;
	h_start_both(&a, &b);
	h_run_ms(3000);
	assert_int_equal(E[0].s->lcp.neg.callback.op, LCP_CB_AUTH);
	assert_int_equal(E[0].cb_needed, 1);
	assert_int_equal(E[0].cb.kind, PPP_CB_RFC1570);
	assert_string_equal(E[0].cb.number, "5279651");
	assert_false(E[0].cb.peer_terminated);
	/* The server ended the link; the client knows a call is coming. */
	assert_int_equal(E[1].cb_agreed, 1);
	h_run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[1].link_downs, 1);
	assert_int_equal(E[0].ip_ups, 0);
}

static void test_rfc1570_not_authorized_stays_up(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring(NULL);
	server(&a);
	h_client_cfg(&b, "cisco");
	b.cb_request = PPP_CBREQ_RFC1570;
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_int_equal(E[0].cb_needed, 0);
	assert_int_equal(E[1].cb_agreed, 0);
	assert_int_equal(E[0].ip_ups, 1);
	assert_true(fake_log_has(&fl, "not authorized for it: continuing "
				      "without callback"));
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void test_rfc1570_return_call_declined(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("5279651");
	server(&a);
	a.return_call = true;
	h_client_cfg(&b, "cisco");
	b.cb_request = PPP_CBREQ_RFC1570;
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_int_equal(E[0].cb_needed, 0);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void test_initiate(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("5279651");
	server(&a);
	a.callback_accept = false;
	a.callback_initiate = true;
	h_client_cfg(&b, "cisco");
	b.callback_expect = true;
	h_start_both(&a, &b);
	h_run_ms(3000);
	assert_int_equal(E[0].cb_needed, 1);
	assert_int_equal(E[0].cb.kind, PPP_CB_INITIATE);
	assert_string_equal(E[0].cb.number, "5279651");
	assert_int_equal(E[1].cb_agreed, 1);
	h_run_ms(10000);
	assert_int_equal(E[0].ip_ups, 0);
}

static void test_initiate_user_without_number(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring(NULL);
	server(&a);
	a.callback_initiate = true;
	h_client_cfg(&b, "cisco");
	h_start_both(&a, &b);
	h_run_ms(5000);
	assert_int_equal(E[0].cb_needed, 0);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void new_model(bool with_authz_list)
{
	/* The harness's database: switch on `aaa new-model` with `aaa
	 * authentication ppp default local` and, if asked, `aaa
	 * authorization network default local`. */
	struct aaa_db *db = calloc(1, sizeof(*db));
	const struct aaa_user *u = bob();

	db->users = calloc(1, sizeof(*db->users));
	db->users[0] = *u;
	db->n_users = 1;
	db->new_model = true;
	db->ppp_lists = calloc(1, sizeof(*db->ppp_lists));
	strcpy(db->ppp_lists[0].name, "default");
	db->ppp_lists[0].methods[0] = AAA_METHOD_LOCAL;
	db->ppp_lists[0].n = 1;
	db->n_ppp_lists = 1;
	if (with_authz_list) {
		db->network_lists = calloc(1, sizeof(*db->network_lists));
		strcpy(db->network_lists[0].name, "default");
		db->network_lists[0].methods[0] = AAA_METHOD_LOCAL;
		db->network_lists[0].n = 1;
		db->n_network_lists = 1;
	}
	aaa_set_db(aaa, db);
}

static void test_new_model_authorization(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("");
	new_model(true);
	server(&a);
	cbcp_client(&b, CBCP_CLIENT_PRESET, "527-9651");
	h_start_both(&a, &b);
	h_run_ms(3000);
	/* seed 001's authorisation lines, before CHAP Success */
	assert_true(fake_log_has(&fl, "AAA/AUTHOR/LCP As1: Authorize LCP"));
	assert_true(fake_log_has(&fl, "): user='bob'"));
	assert_true(fake_log_has(&fl, "Post authorization status = "
				      "PASS_ADD"));
	assert_true(fake_log_has(&fl, "AAA/AUTHOR/LCP As1: Processing AV "
				      "callback-dialstring="));
	{
		long z = fake_log_find(&fl, "Processing AV callback-dialstring",
				       0);
		long ok = fake_log_find(&fl, "CHAP: O SUCCESS", 0);
		assert_true(z >= 0 && ok > z);
	}
	h_run_ms(100);
	assert_int_equal(E[0].cb_needed, 1);
}

static void test_new_model_without_authorization_list(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("");
	new_model(false);
	server(&a);
	cbcp_client(&b, CBCP_CLIENT_PRESET, "527-9651");
	h_start_both(&a, &b);
	h_run_ms(5000);
	/* IOS: without `aaa authorization network` the user's callback
	 * attributes do not apply: "no callback" offered, call goes on. */
	assert_true(fake_log_has(&fl, "not authorized for callback"));
	assert_int_equal(E[0].cb_needed, 0);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

/* Feed one LCP packet to the server (E[0]) in capture mode. */
static void feed_lcp(const uint8_t *pkt, size_t n)
{
	uint8_t frame[64] = {0xff, 0x03, 0xc0, 0x21};

	memcpy(frame + 4, pkt, n);
	ppp_session_input(E[0].s, frame, n + 4);
}

/* The last LCP packet of `code` the server sent, or NULL. */
static const uint8_t *sent_lcp(uint8_t code, size_t *len)
{
	for (size_t i = h_nsent; i-- > 0;) {
		const struct h_frame *f = &h_sent[i];
		if (f->len > 4 && f->data[2] == 0xc0 && f->data[3] == 0x21 &&
		    f->data[4] == code) {
			*len = f->len - 4;
			return f->data + 4;
		}
	}
	return NULL;
}

static void test_unsupported_op_naked_to_op0(void **state)
{
	struct ppp_session_cfg a;
	/* Callback op 4 (X.500 name "cn=bob") */
	static const uint8_t req4[] = {0x01, 0x07, 0x00, 0x0D, 0x0D, 0x09,
				       0x04, 'c', 'n', '=', 'b', 'o', 'b'};
	static const uint8_t req0[] = {0x01, 0x08, 0x00, 0x07, 0x0D, 0x03,
				       0x00};
	static const uint8_t nak[] = {0x03, 0x07, 0x00, 0x07, 0x0D, 0x03,
				      0x00};
	const uint8_t *p;
	size_t len;

	(void)state;
	server(&a);
	h_capture = true;
	E[0].s = ppp_session_new(&a, &h_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	feed_lcp(req4, sizeof(req4));
	p = sent_lcp(0x03, &len);
	assert_non_null(p);
	assert_int_equal(len, sizeof(nak));
	assert_memory_equal(p, nak, sizeof(nak));
	assert_true(fake_log_has(&fl, "As1 LCP: Callback 4 not supported, "
				      "suggesting 0"));
	/* The peer takes the suggestion: Acked. */
	feed_lcp(req0, sizeof(req0));
	p = sent_lcp(0x02, &len);
	assert_non_null(p);
	assert_int_equal(p[1], 0x08);
	assert_memory_equal(p + 4, req0 + 4, 3);
	/* Without `ppp callback accept` the option is Rejected. */
	ppp_session_free(E[0].s);
	h_nsent = 0;
	a.callback_accept = false;
	E[0].s = ppp_session_new(&a, &h_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	feed_lcp(req0, sizeof(req0));
	p = sent_lcp(0x04, &len);
	assert_non_null(p);
	assert_memory_equal(p + 4, req0 + 4, 3);
}

/* ---- the owner decides (DDR, ops->callback_decide) ---- */

static struct {
	int calls;
	char peer[64];
	bool requested;
	char offered[64];
	enum ppp_cb_decision answer;
} dec;

static enum ppp_cb_decision decide(void *ctx, const char *peer_name,
				   bool requested, const char *client_number,
				   char *number, size_t number_size)
{
	(void)ctx;
	dec.calls++;
	snprintf(dec.peer, sizeof(dec.peer), "%s", peer_name);
	dec.requested = requested;
	snprintf(dec.offered, sizeof(dec.offered), "%s", client_number);
	if (dec.answer == PPP_CBDEC_CALLBACK)
		snprintf(number, number_size, "81012345678901");
	return dec.answer;
}

static struct ppp_session_ops dec_ops;

/* Server E[0] with the decide op (and without callback_needed: a dialer
 * places the return call itself), client E[1] with the harness ops. */
static void start_decided(const struct ppp_session_cfg *a,
			  const struct ppp_session_cfg *b,
			  enum ppp_cb_decision answer)
{
	memset(&dec, 0, sizeof(dec));
	dec.answer = answer;
	dec_ops = h_ops;
	dec_ops.callback_needed = NULL;
	dec_ops.callback_decide = decide;
	E[0].s = ppp_session_new(a, &dec_ops, &E[0], aaa, &ts, &fl.lg);
	E[1].s = ppp_session_new(b, &h_ops, &E[1], aaa, &ts, &fl.lg);
	assert_non_null(E[0].s);
	assert_non_null(E[1].s);
	ppp_session_start(E[0].s);
	ppp_session_start(E[1].s);
}

static void test_decide_callback(void **state)
{
	struct ppp_session_cfg a, b;
	struct ppp_session_status st;

	(void)state;
	set_dialstring(NULL); /* AAA has no say on a dialer */
	server(&a);
	h_client_cfg(&b, "cisco");
	b.cb_request = PPP_CBREQ_RFC1570;
	start_decided(&a, &b, PPP_CBDEC_CALLBACK);
	h_run_ms(3000);
	assert_int_equal(dec.calls, 1);
	assert_string_equal(dec.peer, "bob");
	assert_true(dec.requested);
	assert_string_equal(dec.offered, "");
	ppp_session_status(E[0].s, &st);
	assert_int_equal(st.cb.kind, PPP_CB_RFC1570);
	assert_int_equal(st.cb.state, PPP_CBST_NEEDED);
	assert_string_equal(st.cb.number, "81012345678901");
	/* The client learns that the server will call. */
	assert_int_equal(E[1].cb_agreed, 1);
	h_run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[1].link_downs, 1);
	assert_int_equal(E[0].ip_ups, 0);
	assert_string_equal(E[0].down_reason, "Callback");
}

static void test_decide_disconnect_unrequested(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	set_dialstring("5279651"); /* ignored: the owner decides */
	server(&a);
	h_client_cfg(&b, "cisco");
	start_decided(&a, &b, PPP_CBDEC_DISCONNECT);
	h_run_ms(3000);
	/* callback-secure judges callers that did not ask, too. */
	assert_int_equal(dec.calls, 1);
	assert_false(dec.requested);
	assert_int_equal(E[1].cb_agreed, 0);
	h_run_ms(10000);
	assert_int_equal(E[0].link_downs, 1);
	assert_int_equal(E[0].ip_ups, 0);
	assert_int_equal(E[1].ip_ups, 0);
	assert_string_equal(E[0].down_reason, "Callback security");
}

static void test_decide_continue(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server(&a);
	h_client_cfg(&b, "cisco");
	b.cb_request = PPP_CBREQ_RFC1570;
	start_decided(&a, &b, PPP_CBDEC_CONTINUE);
	h_run_ms(5000);
	assert_int_equal(dec.calls, 1);
	assert_int_equal(E[0].ip_ups, 1);
	assert_int_equal(E[1].ip_ups, 1);
	assert_int_equal(E[0].s->cb.state, PPP_CBST_DECLINED);
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void test_decide_not_on_return_call(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server(&a);
	a.return_call = true;
	h_client_cfg(&b, "cisco");
	start_decided(&a, &b, PPP_CBDEC_DISCONNECT);
	h_run_ms(5000);
	assert_int_equal(dec.calls, 0);
	assert_int_equal(E[0].ip_ups, 1);
	ppp_session_close(E[0].s, "done");
	h_run_ms(10000);
}

static void test_decide_offered_number(void **state)
{
	struct ppp_session_cfg a, b;

	(void)state;
	server(&a);
	h_client_cfg(&b, "cisco");
	b.cb_request = PPP_CBREQ_RFC1570;
	strcpy(b.cb_number, "0900666666");
	start_decided(&a, &b, PPP_CBDEC_CALLBACK);
	h_run_ms(3000);
	/* RFC 1570 op 1 with the client's number, Acked; the owner hears
	 * the offer and still calls its own number. */
	assert_int_equal(E[0].s->lcp.neg.callback.op, LCP_CB_DIALSTR);
	assert_string_equal(E[0].s->lcp.neg.callback.msg, "0900666666");
	assert_true(E[1].s->lcp.neg.our_callback);
	assert_int_equal(dec.calls, 1);
	assert_true(dec.requested);
	assert_string_equal(dec.offered, "0900666666");
	assert_string_equal(E[0].s->cb.number, "81012345678901");
	assert_int_equal(E[1].cb_agreed, 1);
	h_run_ms(10000);
}

static void test_decide_lcp_options(void **state)
{
	struct ppp_session_cfg a;
	/* Callback op 1, dial string "5551212" */
	static const uint8_t req1[] = {0x01, 0x01, 0x00, 0x0E, 0x0D, 0x0A,
				       0x01, '5', '5', '5', '1', '2', '1',
				       '2'};
	/* Callback op 6 (CBCP) */
	static const uint8_t req6[] = {0x01, 0x02, 0x00, 0x07, 0x0D, 0x03,
				       0x06};
	static const uint8_t nak6[] = {0x03, 0x02, 0x00, 0x07, 0x0D, 0x03,
				       0x00};
	const uint8_t *p;
	size_t len;

	(void)state;
	server(&a);
	dec_ops = h_ops;
	dec_ops.callback_needed = NULL;
	dec_ops.callback_decide = decide;
	h_capture = true;
	E[0].s = ppp_session_new(&a, &dec_ops, &E[0], aaa, &ts, &fl.lg);
	ppp_session_start(E[0].s);
	feed_lcp(req1, sizeof(req1));
	p = sent_lcp(0x02, &len);
	assert_non_null(p);
	assert_int_equal(len, sizeof(req1));
	assert_memory_equal(p + 4, req1 + 4, sizeof(req1) - 4);
	/* No CBCP on a dialer: operation 0 is suggested. */
	h_nsent = 0;
	feed_lcp(req6, sizeof(req6));
	p = sent_lcp(0x03, &len);
	assert_non_null(p);
	assert_int_equal(len, sizeof(nak6));
	assert_memory_equal(p, nak6, sizeof(nak6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, h_setup, h_teardown)
		T(test_cbcp_client_number),
		T(test_cbcp_server_number_wins),
		T(test_cbcp_no_dialstring_continues),
		T(test_cbcp_return_call_offers_none),
		T(test_callback_not_accepted_rejects_option),
		T(test_cbcp_client_no_vs_mandatory),
		T(test_cbcp_ask_me_stale_id),
		T(test_rfc1570_op0),
		T(test_rfc1570_not_authorized_stays_up),
		T(test_rfc1570_return_call_declined),
		T(test_initiate),
		T(test_initiate_user_without_number),
		T(test_new_model_authorization),
		T(test_new_model_without_authorization_list),
		T(test_unsupported_op_naked_to_op0),
		T(test_decide_callback),
		T(test_decide_disconnect_unrequested),
		T(test_decide_continue),
		T(test_decide_not_on_return_call),
		T(test_decide_lcp_options),
		T(test_decide_offered_number),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
