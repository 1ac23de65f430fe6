/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for PPP callback between routers on a dialer (seed 002):
 * the server's decisions (username and dialstring map classes,
 * callback-secure, a fixed number the client cannot redirect), the
 * return call after enable-timeout and its failure without retry, and
 * the client waiting for the return call with its hold queue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ddr_harness.h"

#define ATLANTA IP(10, 1, 1, 8)
#define ATLANTA_NR "81012345678901"
#define DALLAS IP(10, 1, 1, 7)
#define DALLAS_NR "81012345678902"

/* Seed 002's callback server: BRI0, callback-secure, enable-timeout 2,
 * dialer map ip 10.1.1.8 name atlanta class dial1 81012345678901,
 * ppp callback accept, map-class dialer dial1 / callback-server mode. */
static void server_cfg(struct harness *h, enum ddr_cb_server mode, bool secure)
{
	h_init(h);
	h->cfg.callback_secure = secure;
	h->cfg.enable_s = 2;
	h->cfg.callback_accept = true;
	h_map(h, ATLANTA, "atlanta", "dial1", ATLANTA_NR);
	snprintf(h->cfg.classes[0].name, DDR_NAME_MAX, "dial1");
	h->cfg.classes[0].cb_server = mode;
	h->cfg.n_classes = 1;
	h_start(h);
}

static struct ddr_link *incoming(struct harness *h)
{
	struct ddr_link *link = ddr_link_incoming(h->ddr, h, "BRI0:1", "BR0:1");

	assert_non_null(link);
	return link;
}

static void test_server_username_calls_back(void **state)
{
	struct harness h;
	struct ddr_link *link;
	char number[DDR_NUMBER_MAX];
	long a, b;

	(void)state;
	server_cfg(&h, DDR_CB_SERVER_USERNAME, true);
	link = incoming(&h);
	assert_int_equal(ddr_callback_decide(h.ddr, link, "atlanta", true, "",
					     number, sizeof(number)),
			 DDR_CB_CALLBACK);
	assert_string_equal(number, ATLANTA_NR);
	h_log(&h, "BR0:1 DDR: Callback received from atlanta 81012345678901");
	/* The glue hangs the first call up. */
	ddr_link_down(h.ddr, link, DDR_CAUSE_LOCAL);
	h_advance(&h, 1999);
	assert_int_equal(h.n_dial, 0);
	h_advance(&h, 1);
	assert_int_equal(h.n_dial, 1);
	assert_string_equal(h.dialled[0], ATLANTA_NR);
	a = h_log(&h, "BR0 DDR: Callback timer expired");
	b = h_log(&h, "BR0 DDR: beginning callback to atlanta "
		      "81012345678901");
	assert_int_equal(b, a + 1);
	assert_int_equal(h_log(&h, "BR0 DDR: Attempting to dial "
				   "81012345678901"),
			 b + 1);
	assert_int_equal(ddr_counters(h.ddr)->callbacks, 1);
	/* The return call binds to the map and carries traffic. */
	ddr_call_connected(h.ddr, h.dial_link[0], "BRI0:2", "BR0:2");
	ddr_link_up(h.ddr, h.dial_link[0], "atlanta");
	assert_int_equal(h_out(&h, ATLANTA, ATLANTA, 1), DDR_OUT_SENT);
	h_fini(&h);
}

static void test_server_fixed_number_wins(void **state)
{
	struct harness h;
	char number[DDR_NUMBER_MAX];

	(void)state;
	server_cfg(&h, DDR_CB_SERVER_USERNAME, false);
	assert_int_equal(ddr_callback_decide(h.ddr, incoming(&h), "atlanta",
					     true, "0900666666", number,
					     sizeof(number)),
			 DDR_CB_CALLBACK);
	assert_string_equal(number, ATLANTA_NR);
	h_log(&h, "BR0:1 DDR: callback number 0900666666 offered by atlanta "
		  "ignored");
	h_advance(&h, 2000);
	assert_int_equal(h.n_dial, 1);
	assert_string_equal(h.dialled[0], ATLANTA_NR);
	h_fini(&h);
}

static void test_server_dialstring(void **state)
{
	struct harness h;
	char number[DDR_NUMBER_MAX];

	(void)state;
	/* The offered number is one of atlanta's maps: called back. */
	server_cfg(&h, DDR_CB_SERVER_DIALSTRING, false);
	assert_int_equal(ddr_callback_decide(h.ddr, incoming(&h), "atlanta",
					     true, ATLANTA_NR, number,
					     sizeof(number)),
			 DDR_CB_CALLBACK);
	assert_string_equal(number, ATLANTA_NR);
	h_fini(&h);

	/* Another number: no callback, the call goes on. */
	server_cfg(&h, DDR_CB_SERVER_DIALSTRING, false);
	assert_int_equal(ddr_callback_decide(h.ddr, incoming(&h), "atlanta",
					     true, "0900666666", number,
					     sizeof(number)),
			 DDR_CB_CONTINUE);
	assert_string_equal(number, "");
	h_log(&h, "BR0:1 DDR: callback to atlanta 0900666666 refused: not a "
		  "configured number");
	h_advance(&h, 60000);
	assert_int_equal(h.n_dial, 0);
	h_fini(&h);

	/* The same with callback-secure: disconnected, never called. */
	server_cfg(&h, DDR_CB_SERVER_DIALSTRING, true);
	assert_int_equal(ddr_callback_decide(h.ddr, incoming(&h), "atlanta",
					     true, "0900666666", number,
					     sizeof(number)),
			 DDR_CB_DISCONNECT);
	h_advance(&h, 60000);
	assert_int_equal(h.n_dial, 0);
	h_fini(&h);
}

static void test_secure_unknown_user_disconnected(void **state)
{
	struct harness h;
	struct ddr_link *link;
	char number[DDR_NUMBER_MAX];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	server_cfg(&h, DDR_CB_SERVER_USERNAME, true);
	link = incoming(&h);
	/* houston has no callback map: requested or not, it is dropped. */
	assert_int_equal(ddr_callback_decide(h.ddr, link, "houston", true,
					     "5551234", number, sizeof(number)),
			 DDR_CB_DISCONNECT);
	h_log(&h, "BR0:1 DDR: callback-secure: disconnecting houston");
	ddr_link_down(h.ddr, link, DDR_CAUSE_LOCAL);
	link = incoming(&h);
	assert_int_equal(ddr_callback_decide(h.ddr, link, "houston", false,
					     NULL, number, sizeof(number)),
			 DDR_CB_DISCONNECT);
	assert_int_equal(ddr_counters(h.ddr)->cb_rejected, 2);
	h_advance(&h, 60000);
	assert_int_equal(h.n_dial, 0);
	ddr_show(h.ddr, &sb);
	assert_non_null(strstr(sb_str(&sb), "2 incoming call(s) rejected for "
					    "callback.\n"));
	sb_free(&sb);
	h_fini(&h);
}

static void test_secure_configured_user_always_called_back(void **state)
{
	struct harness h;
	char number[DDR_NUMBER_MAX];

	(void)state;
	/* The first call is never kept with callback-secure. */
	server_cfg(&h, DDR_CB_SERVER_USERNAME, true);
	assert_int_equal(ddr_callback_decide(h.ddr, incoming(&h), "atlanta",
					     false, NULL, number,
					     sizeof(number)),
			 DDR_CB_CALLBACK);
	assert_string_equal(number, ATLANTA_NR);
	h_fini(&h);

	/* Without callback-secure a call without a request just goes on. */
	server_cfg(&h, DDR_CB_SERVER_USERNAME, false);
	assert_int_equal(ddr_callback_decide(h.ddr, incoming(&h), "atlanta",
					     false, NULL, number,
					     sizeof(number)),
			 DDR_CB_CONTINUE);
	h_fini(&h);
}

static void test_no_accept_no_callback(void **state)
{
	struct harness h;
	char number[DDR_NUMBER_MAX];

	(void)state;
	h_init(&h);
	h_map(&h, ATLANTA, "atlanta", "dial1", ATLANTA_NR);
	snprintf(h.cfg.classes[0].name, DDR_NAME_MAX, "dial1");
	h.cfg.classes[0].cb_server = DDR_CB_SERVER_USERNAME;
	h.cfg.n_classes = 1;
	h_start(&h);
	assert_int_equal(ddr_callback_decide(h.ddr, incoming(&h), "atlanta",
					     true, "", number, sizeof(number)),
			 DDR_CB_CONTINUE);
	h_fini(&h);
}

static void test_return_call_failure_not_retried(void **state)
{
	struct harness h;
	char number[DDR_NUMBER_MAX];

	(void)state;
	server_cfg(&h, DDR_CB_SERVER_USERNAME, true);
	ddr_callback_decide(h.ddr, incoming(&h), "atlanta", true, "", number,
			    sizeof(number));
	h_advance(&h, 2000);
	assert_int_equal(h.n_dial, 1);
	ddr_call_failed(h.ddr, h.dial_link[0], DDR_CAUSE_NO_ANSWER);
	h_log(&h, "BR0 DDR: callback to atlanta 81012345678901 failed, not "
		  "retried");
	h_advance(&h, 600000);
	assert_int_equal(h.n_dial, 1);
	h_fini(&h);

	/* No channel for the return call: no retry either. */
	server_cfg(&h, DDR_CB_SERVER_USERNAME, true);
	ddr_callback_decide(h.ddr, incoming(&h), "atlanta", true, "", number,
			    sizeof(number));
	h.dial_fails = true;
	h_advance(&h, 2000);
	assert_int_equal(h.n_dial, 1);
	h_log(&h, "BR0 DDR: No free dialer, callback to atlanta "
		  "81012345678901 not retried");
	h_advance(&h, 600000);
	assert_int_equal(h.n_dial, 1);
	h_fini(&h);
}

/* Seed 002's callback client: dialer map ip 10.1.1.7 name dallas
 * 81012345678902, ppp callback request, a hold queue. */
static void client_cfg(struct harness *h)
{
	h_init(h);
	h_map(h, DALLAS, "dallas", NULL, DALLAS_NR);
	h->cfg.callback_request = true;
	h->cfg.holdq_packets = 5;
	h->cfg.holdq_timeout_s = 5;
	h_start(h);
}

static void test_client_waits_and_flushes(void **state)
{
	struct harness h;
	struct ddr_link *link;

	(void)state;
	client_cfg(&h);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 1), DDR_OUT_QUEUED);
	link = h.dial_link[0];
	ddr_call_connected(h.ddr, link, "BRI0:1", "BR0:1");
	/* Authenticated; the server ends the call to call back. */
	ddr_callback_wait(h.ddr, link, NULL);
	h_log(&h, "BR0 DDR: waiting for callback from dallas");
	ddr_link_down(h.ddr, link, DDR_CAUSE_REMOTE);
	/* More traffic waits; no redial, not even past the hold-queue
	 * timeout or the re-enable wait. */
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2), DDR_OUT_QUEUED);
	h_advance(&h, 16000);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 3), DDR_OUT_QUEUED);
	assert_int_equal(h.n_dial, 1);
	assert_int_equal(ddr_holdq_len(h.ddr), 3);
	/* The server's return call. */
	link = ddr_link_incoming(h.ddr, NULL, "BRI0:2", "BR0:2");
	ddr_link_up(h.ddr, link, "dallas");
	h_log(&h, "BR0:2 DDR: callback from dallas connected");
	assert_int_equal(h.n_sent, 3);
	assert_int_equal(h.sent_id[0], 1);
	assert_int_equal(h.sent_id[1], 2);
	assert_int_equal(h.sent_id[2], 3);
	assert_ptr_equal(h.sent_link[2], link);
	assert_int_equal(ddr_holdq_len(h.ddr), 0);
	h_fini(&h);
}

static void test_client_wait_expires(void **state)
{
	struct harness h;
	struct ddr_link *link;

	(void)state;
	client_cfg(&h);
	h_out(&h, DALLAS, DALLAS, 1);
	link = h.dial_link[0];
	ddr_call_connected(h.ddr, link, "BRI0:1", "BR0:1");
	ddr_callback_wait(h.ddr, link, "dallas");
	ddr_link_down(h.ddr, link, DDR_CAUSE_REMOTE);
	/* enable 15 + carrier 30 = 45 s. */
	h_advance(&h, 44999);
	assert_int_equal(ddr_holdq_len(h.ddr), 1);
	h_advance(&h, 1);
	assert_int_equal(ddr_holdq_len(h.ddr), 0);
	h_log(&h, "BR0 DDR: callback from dallas not received");
	assert_int_equal(ddr_counters(h.ddr)->queue_dropped, 1);
	/* Dialling resumes. */
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2), DDR_OUT_QUEUED);
	assert_int_equal(h.n_dial, 2);
	h_fini(&h);
}

static void test_client_wait_needs_request(void **state)
{
	struct harness h;
	struct ddr_link *link;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_start(&h);
	h_out(&h, DALLAS, DALLAS, 1);
	link = h.dial_link[0];
	ddr_callback_wait(h.ddr, link, "dallas");
	assert_int_equal(fake_log_find(&h.fl, "waiting for callback", 0), -1);
	h_fini(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_server_username_calls_back),
		cmocka_unit_test(test_server_fixed_number_wins),
		cmocka_unit_test(test_server_dialstring),
		cmocka_unit_test(test_secure_unknown_user_disconnected),
		cmocka_unit_test(
			test_secure_configured_user_always_called_back),
		cmocka_unit_test(test_no_accept_no_callback),
		cmocka_unit_test(test_return_call_failure_not_retried),
		cmocka_unit_test(test_client_waits_and_flushes),
		cmocka_unit_test(test_client_wait_expires),
		cmocka_unit_test(test_client_wait_needs_request),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
