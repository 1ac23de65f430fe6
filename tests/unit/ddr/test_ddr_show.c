/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for `show dialer` (text in the IOS layout and JSON): timers,
 * per-number statistics, a link up with its dial reason and time until
 * disconnect, the hold queue, a pending return call, a client waiting
 * for its callback, and a profile's bound interface.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ddr_harness.h"

#define DALLAS IP(10, 1, 1, 7)

static void test_show_link_up(void **state)
{
	struct harness h;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, "81012345678902");
	h.cfg.holdq_packets = 10;
	h_start(&h);
	ddr_show(h.ddr, &sb);
	assert_string_equal(
		sb_str(&sb),
		"BRI0 - dialer type = ISDN\n"
		"Idle timer (120 secs), Fast idle timer (20 secs)\n"
		"Wait for carrier (30 secs), Re-enable (15 secs)\n"
		"Dialer state is idle\n"
		"Hold queue: 0 of 10 packets, 0 queued, 0 sent, 0 dropped, "
		"0 refused when full\n"
		"\n"
		"Dial String      Successes   Failures    Last DNIS   Last "
		"status\n"
		"81012345678902           0          0    never       -\n");
	h_out(&h, DALLAS, DALLAS, 1);
	ddr_call_connected(h.ddr, h.dial_link[0], "BRI0:1", "BR0:1");
	ddr_link_up(h.ddr, h.dial_link[0], "dallas");
	h_advance(&h, 16000);
	sb_reset(&sb);
	ddr_show(h.ddr, &sb);
	assert_string_equal(
		sb_str(&sb),
		"BRI0 - dialer type = ISDN\n"
		"Idle timer (120 secs), Fast idle timer (20 secs)\n"
		"Wait for carrier (30 secs), Re-enable (15 secs)\n"
		"Dialer state is idle\n"
		"Hold queue: 0 of 10 packets, 1 queued, 1 sent, 0 dropped, "
		"0 refused when full\n"
		"\n"
		"Dial String      Successes   Failures    Last DNIS   Last "
		"status\n"
		"81012345678902           1          0    00:00:16    "
		"successful\n"
		"\n"
		"BRI0:1 - dialer type = ISDN\n"
		"Dialer state is data link layer up\n"
		"Dial reason: ip (s=10.1.1.8, d=10.1.1.7)\n"
		"Time until disconnect 104 secs\n"
		"Connected to 81012345678902 (dallas)\n");
	sb_reset(&sb);
	ddr_show_json(h.ddr, &sb);
	assert_non_null(strstr(sb_str(&sb), "\"interface\":\"BRI0\""));
	assert_non_null(strstr(sb_str(&sb),
			       "\"dial_strings\":[{\"number\":"
			       "\"81012345678902\",\"successes\":1,"
			       "\"failures\":0,\"last_call_ago_s\":16,"
			       "\"last_status\":\"successful\"}]"));
	assert_non_null(strstr(sb_str(&sb), "\"idle_left_s\":104"));
	assert_non_null(strstr(sb_str(&sb), "\"queued\":1,\"sent\":1,"
					    "\"dropped\":0"));
	assert_non_null(strstr(sb_str(&sb), "\"remote_name\":\"dallas\""));
	sb_free(&sb);
	h_fini(&h);
}

static void test_show_callback_states(void **state)
{
	struct harness h;
	struct strbuf sb = STRBUF_INIT;
	struct ddr_link *link;
	char number[DDR_NUMBER_MAX];

	(void)state;
	h_init(&h);
	h.cfg.enable_s = 2;
	h.cfg.callback_accept = true;
	h_map(&h, IP(10, 1, 1, 8), "atlanta", "dial1", "81012345678901");
	snprintf(h.cfg.classes[0].name, DDR_NAME_MAX, "dial1");
	h.cfg.classes[0].cb_server = DDR_CB_SERVER_USERNAME;
	h.cfg.n_classes = 1;
	h_start(&h);
	link = ddr_link_incoming(h.ddr, NULL, "BRI0:1", "BR0:1");
	ddr_callback_decide(h.ddr, link, "atlanta", true, "", number,
			    sizeof(number));
	ddr_link_down(h.ddr, link, DDR_CAUSE_LOCAL);
	ddr_show(h.ddr, &sb);
	assert_non_null(strstr(sb_str(&sb),
			       "Dialer state is idle\n"
			       "Time until re-enable 2 secs\n"
			       "Callback return call pending to "
			       "81012345678901 (atlanta) in 2 secs\n"));
	sb_reset(&sb);
	ddr_show_json(h.ddr, &sb);
	assert_non_null(strstr(sb_str(&sb),
			       "\"pending\":[{\"name\":\"atlanta\","
			       "\"number\":\"81012345678901\",\"left_s\":2}]"));
	sb_free(&sb);
	h_fini(&h);

	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, "81012345678902");
	h.cfg.callback_request = true;
	h_start(&h);
	h_out(&h, DALLAS, DALLAS, 1);
	ddr_call_connected(h.ddr, h.dial_link[0], "BRI0:1", "BR0:1");
	ddr_callback_wait(h.ddr, h.dial_link[0], NULL);
	ddr_link_down(h.ddr, h.dial_link[0], DDR_CAUSE_REMOTE);
	h_advance(&h, 5000);
	ddr_show(h.ddr, &sb);
	assert_non_null(strstr(sb_str(&sb),
			       "Dialer state is waiting for callback\n"
			       "Time until re-enable 10 secs\n"
			       "Waiting for callback from dallas, 40 secs "
			       "left\n"));
	sb_reset(&sb);
	ddr_show_json(h.ddr, &sb);
	assert_non_null(strstr(sb_str(&sb), "\"waiting_for\":\"dallas\","
					    "\"wait_left_s\":40"));
	sb_free(&sb);
	h_fini(&h);
}

/* `show dialer` of profile Dialer2 (remote-name dallas) with one incoming
 * call up on BRI0:1 whose caller's number is `calling` (NULL: none). */
static void show_profile_call(struct strbuf *sb, const char *calling)
{
	struct harness h;
	struct ddr_link *link;

	h_init(&h);
	snprintf(h.cfg.name, sizeof(h.cfg.name), "Dialer2");
	snprintf(h.cfg.short_name, sizeof(h.cfg.short_name), "Di2");
	h.cfg.kind = DDR_PROFILE;
	h.cfg.pool = 1;
	snprintf(h.cfg.remote_name, sizeof(h.cfg.remote_name), "dallas");
	h_start(&h);
	link = ddr_link_incoming(h.ddr, NULL, "BRI0:1", "BR0:1");
	if (calling)
		ddr_link_set_calling(link, calling);
	ddr_link_up(h.ddr, link, "dallas");
	ddr_show(h.ddr, sb);
	h_fini(&h);
}

static void test_show_profile(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	show_profile_call(&sb, NULL);
	assert_string_equal(sb_str(&sb),
			    "Dialer2 - dialer type = DIALER PROFILE\n"
			    "Idle timer (120 secs), Fast idle timer (20 secs)\n"
			    "Wait for carrier (30 secs), Re-enable (15 secs)\n"
			    "Dialer state is data link layer up\n"
			    "\n"
			    "Dialer state is data link layer up\n"
			    "Interface bound to profile BRI0:1\n"
			    "Time until disconnect 120 secs\n"
			    "Connected to <unknown phone number> (dallas)\n");
	sb_free(&sb);
}

/* The ISDN Calling Party Number of an incoming call is what show dialer
 * says it is connected to. */
static void test_show_incoming_calling_number(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	show_profile_call(&sb, "81012345678902");
	assert_non_null(strstr(sb_str(&sb),
			       "Connected to 81012345678902 (dallas)\n"));
	assert_null(strstr(sb_str(&sb), "unknown phone number"));
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_link_up),
		cmocka_unit_test(test_show_incoming_calling_number),
		cmocka_unit_test(test_show_callback_states),
		cmocka_unit_test(test_show_profile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
