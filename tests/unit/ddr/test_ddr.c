/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the dialer core: dialling on interesting traffic with
 * the IOS debug lines, uninteresting traffic, the hold queue (order,
 * limit, drop counter, timeout), idle and re-enable timers, inbound idle,
 * wait-for-carrier and failed calls, no free channel, fast idle under
 * contention, legacy binding by name and dialer profiles (BIND/UNBIND).
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
#define HOUSTON IP(10, 1, 1, 9)
#define DALLAS_NR "81012345678902"
#define HOUSTON_NR "5551234"

/* Dial dallas with one packet (id 1), connect and bring it up. */
static struct ddr_link *bring_up(struct harness *h)
{
	struct ddr_link *link;

	assert_int_equal(h_out(h, DALLAS, DALLAS, 1),
			 h->cfg.holdq_packets ? DDR_OUT_QUEUED
					      : DDR_OUT_DIALING_NO_QUEUE);
	assert_int_equal(h->n_dial, 1);
	link = h->dial_link[0];
	ddr_call_connected(h->ddr, link, "BRI0:1", "BR0:1");
	ddr_link_up(h->ddr, link, "dallas");
	return link;
}

static void test_dial_on_interesting_traffic(void **state)
{
	struct harness h;
	long a, b;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.holdq_packets = 10;
	h_start(&h);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 1), DDR_OUT_QUEUED);
	a = h_log(&h, "BR0 DDR: Dialing cause ip (s=10.1.1.8, d=10.1.1.7)");
	b = h_log(&h, "BR0 DDR: Attempting to dial 81012345678902");
	assert_int_equal(b, a + 1);
	assert_int_equal(h.n_dial, 1);
	assert_string_equal(h.dialled[0], DALLAS_NR);
	/* A second packet waits for the same call. */
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2), DDR_OUT_QUEUED);
	assert_int_equal(h.n_dial, 1);
	assert_int_equal(ddr_counters(h.ddr)->calls, 1);
	assert_int_equal(ddr_counters(h.ddr)->verdicts[DDR_OUT_QUEUED], 2);
	h_fini(&h);
}

static void test_uninteresting_and_no_map(void **state)
{
	struct harness h;
	uint8_t buf[40];
	size_t n;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_map(&h, IP(10, 1, 1, 20), "rx-only", NULL, "");
	h.cfg.holdq_packets = 10;
	/* dialer-list 1 protocol ip list 101: permit tcp any any eq 23 */
	h.cfg.list = DDR_LIST_ACL;
	h.cfg.acl.number = 101;
	h.cfg.acl.n_rules = 1;
	h.cfg.acl.rules[0] =
		(struct ddr_acl_rule){.permit = true,
				      .proto = 6,
				      .src = ddr_acl_any(),
				      .dst = ddr_acl_any(),
				      .dport = {DDR_ACL_PORT_EQ, 23, 0}};
	h_start(&h);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 1),
			 DDR_OUT_DROPPED_NOT_INTERESTING);
	assert_int_equal(h.n_dial, 0);
	assert_int_equal(h.fl.n, 0);
	n = h_pkt(buf, 2, 6, IP(10, 1, 1, 8), IP(10, 9, 9, 9), 3000, 23);
	assert_int_equal(ddr_output(h.ddr, IP(10, 1, 1, 99), buf, n),
			 DDR_OUT_DROPPED_NO_MAP);
	assert_int_equal(ddr_output(h.ddr, IP(10, 1, 1, 20), buf, n),
			 DDR_OUT_DROPPED_NO_MAP);
	assert_int_equal(ddr_output(h.ddr, DALLAS, buf, 10),
			 DDR_OUT_DROPPED_MALFORMED);
	assert_int_equal(h.n_dial, 0);
	assert_int_equal(ddr_output(h.ddr, DALLAS, buf, n), DDR_OUT_QUEUED);
	assert_int_equal(h.n_dial, 1);
	assert_int_equal(
		ddr_counters(h.ddr)->verdicts[DDR_OUT_DROPPED_NOT_INTERESTING],
		1);
	assert_int_equal(ddr_counters(h.ddr)->verdicts[DDR_OUT_DROPPED_NO_MAP],
			 2);
	h_fini(&h);
}

static void test_no_dialer_list_never_dials(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.list = DDR_LIST_NONE;
	h_start(&h);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 1),
			 DDR_OUT_DROPPED_NOT_INTERESTING);
	assert_int_equal(h.n_dial, 0);
	h_fini(&h);
}

static void test_hold_queue_order_limit_and_flush(void **state)
{
	struct harness h;
	struct ddr_link *link;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_map(&h, HOUSTON, "houston", NULL, HOUSTON_NR);
	h.cfg.holdq_packets = 3;
	h_start(&h);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 1), DDR_OUT_QUEUED);
	link = h.dial_link[0];
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2), DDR_OUT_QUEUED);
	assert_int_equal(h_out(&h, HOUSTON, HOUSTON, 3), DDR_OUT_QUEUED);
	assert_int_equal(h.n_dial, 2); /* second channel to houston */
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 4),
			 DDR_OUT_DROPPED_QUEUE_FULL);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 5),
			 DDR_OUT_DROPPED_QUEUE_FULL);
	assert_int_equal(ddr_holdq_len(h.ddr), 3);
	assert_int_equal(
		ddr_counters(h.ddr)->verdicts[DDR_OUT_DROPPED_QUEUE_FULL], 2);
	assert_int_equal(h.n_sent, 0);
	ddr_call_connected(h.ddr, link, "BRI0:1", "BR0:1");
	assert_int_equal(h.n_sent, 0); /* not before PPP is up */
	ddr_link_up(h.ddr, link, "dallas");
	/* Dallas's packets in order; houston's stays queued. */
	assert_int_equal(h.n_sent, 2);
	assert_int_equal(h.sent_id[0], 1);
	assert_int_equal(h.sent_id[1], 2);
	assert_ptr_equal(h.sent_link[0], link);
	assert_int_equal(ddr_holdq_len(h.ddr), 1);
	assert_int_equal(ddr_counters(h.ddr)->queue_sent, 2);
	/* Now the link is up, packets go straight through. */
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 6), DDR_OUT_SENT);
	assert_int_equal(h.sent_id[2], 6);
	h_log(&h, "BR0:1 DDR: dialer protocol up (dallas)");
	h_fini(&h);
}

static void test_hold_queue_timeout(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.holdq_packets = 10;
	h.cfg.holdq_timeout_s = 10;
	h_start(&h);
	h_out(&h, DALLAS, DALLAS, 1);
	h_out(&h, DALLAS, DALLAS, 2);
	h_advance(&h, 9999);
	assert_int_equal(ddr_holdq_len(h.ddr), 2);
	h_advance(&h, 1);
	assert_int_equal(ddr_holdq_len(h.ddr), 0);
	assert_int_equal(ddr_counters(h.ddr)->queue_dropped, 2);
	h_log(&h, "BR0 DDR: hold queue timeout, 2 packets dropped");
	/* The call itself goes on; nothing is left to flush. */
	ddr_call_connected(h.ddr, h.dial_link[0], "BRI0:1", "BR0:1");
	ddr_link_up(h.ddr, h.dial_link[0], "dallas");
	assert_int_equal(h.n_sent, 0);
	h_fini(&h);
}

static void test_no_hold_queue(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_start(&h);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 1),
			 DDR_OUT_DIALING_NO_QUEUE);
	assert_int_equal(h.n_dial, 1);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2),
			 DDR_OUT_DIALING_NO_QUEUE);
	assert_int_equal(h.n_dial, 1);
	h_fini(&h);
}

static void test_idle_timeout_and_reenable(void **state)
{
	struct harness h;
	struct ddr_link *link;
	uint8_t buf[40];
	size_t n;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.holdq_packets = 10;
	h.cfg.list = DDR_LIST_ACL;
	h.cfg.acl.number = 101;
	h.cfg.acl.n_rules = 1;
	h.cfg.acl.rules[0] = (struct ddr_acl_rule){.permit = true,
						   .proto = 17,
						   .src = ddr_acl_any(),
						   .dst = ddr_acl_any()};
	h_start(&h);
	link = bring_up(&h);
	h_advance(&h, 100000);
	/* Interesting: resets to 120 s from now. */
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2), DDR_OUT_SENT);
	h_advance(&h, 60000);
	/* Uninteresting (TCP): sent, but the timer keeps running. */
	n = h_pkt(buf, 3, 6, IP(10, 1, 1, 8), DALLAS, 1, 2);
	assert_int_equal(ddr_output(h.ddr, DALLAS, buf, n), DDR_OUT_SENT);
	h_advance(&h, 59999);
	assert_int_equal(h.n_hangup, 0);
	h_advance(&h, 1);
	assert_int_equal(h.n_hangup, 1);
	assert_string_equal(h.hangup_reason[0], "idle timeout");
	assert_ptr_equal(h.hangup_link[0], link);
	h_log(&h, "BR0:1 DDR: idle timeout");
	ddr_link_down(h.ddr, link, DDR_CAUSE_LOCAL);
	/* Re-enable wait: no call for 15 s. */
	h_advance(&h, 1000);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 5),
			 DDR_OUT_DROPPED_ENABLE_TIMEOUT);
	assert_int_equal(h.n_dial, 1);
	h_advance(&h, 14000);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 6), DDR_OUT_QUEUED);
	assert_int_equal(h.n_dial, 2);
	h_fini(&h);
}

static void test_inbound_idle(void **state)
{
	struct harness h;
	struct ddr_link *link;
	uint8_t buf[40];
	size_t n = h_pkt(buf, 9, 17, DALLAS, IP(10, 1, 1, 8), 53, 1024);

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.idle_dir = DDR_IDLE_EITHER;
	h_start(&h);
	link = bring_up(&h);
	h_advance(&h, 100000);
	ddr_input(h.ddr, link, buf, n);
	h_advance(&h, 119000);
	assert_int_equal(h.n_hangup, 0);
	h_advance(&h, 1000);
	assert_int_equal(h.n_hangup, 1);
	h_fini(&h);

	/* Default direction: inbound traffic does not keep the link. */
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_start(&h);
	link = bring_up(&h);
	h_advance(&h, 100000);
	ddr_input(h.ddr, link, buf, n);
	h_advance(&h, 20000);
	assert_int_equal(h.n_hangup, 1);
	h_fini(&h);
}

static void test_wait_for_carrier(void **state)
{
	struct harness h;
	struct ddr_link *link;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.holdq_packets = 10;
	h.cfg.holdq_timeout_s = 60;
	h_start(&h);
	h_out(&h, DALLAS, DALLAS, 1);
	link = h.dial_link[0];
	h_advance(&h, 29999);
	assert_int_equal(h.n_hangup, 0);
	h_advance(&h, 1);
	assert_int_equal(h.n_hangup, 1);
	assert_string_equal(h.hangup_reason[0], "wait for carrier timeout");
	h_log(&h, "BR0 DDR: wait for carrier timeout, call to "
		  "81012345678902 failed");
	ddr_call_failed(h.ddr, link, DDR_CAUSE_LOCAL);
	assert_int_equal(ddr_holdq_len(h.ddr), 0);
	assert_int_equal(ddr_counters(h.ddr)->queue_dropped, 1);
	/* Counted once, not again by the glue's report. */
	ddr_show(h.ddr, &sb);
	assert_non_null(strstr(sb_str(&sb), "81012345678902           0"
					    "          1    00:00:00    "
					    "failed\n"));
	assert_int_equal(fake_log_find(&h.fl,
				       "call to 81012345678902 "
				       "failed: ",
				       0),
			 -1);
	sb_free(&sb);
	h_fini(&h);
}

static void test_call_failed_busy(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.holdq_packets = 10;
	h_start(&h);
	h_out(&h, DALLAS, DALLAS, 1);
	ddr_call_failed(h.ddr, h.dial_link[0], DDR_CAUSE_BUSY);
	h_log(&h, "BR0 DDR: call to 81012345678902 failed: busy");
	assert_int_equal(ddr_holdq_len(h.ddr), 0);
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2),
			 DDR_OUT_DROPPED_ENABLE_TIMEOUT);
	h_fini(&h);
}

static void test_no_free_channel(void **state)
{
	struct harness h;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h.cfg.holdq_packets = 10;
	h_start(&h);
	h.dial_fails = true;
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 1),
			 DDR_OUT_DROPPED_NO_CHANNEL);
	h_log(&h, "BR0 DDR: No free dialer");
	assert_int_equal(ddr_counters(h.ddr)->no_channel, 1);
	assert_int_equal(ddr_holdq_len(h.ddr), 0);
	/* No call was made, so no re-enable wait: the next packet dials. */
	h.dial_fails = false;
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 2), DDR_OUT_QUEUED);
	assert_int_equal(h.n_dial, 2);
	h_fini(&h);
}

static void test_fast_idle_under_contention(void **state)
{
	struct harness h;
	struct ddr_link *link;
	long a;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_map(&h, HOUSTON, "houston", NULL, HOUSTON_NR);
	h.cfg.channels = 1;
	h.cfg.holdq_packets = 10;
	h.cfg.holdq_timeout_s = 100;
	h_start(&h);
	link = bring_up(&h);
	h_advance(&h, 5000);
	/* Houston needs the only channel: dallas gets the fast idle timer,
	 * 20 s from its last interesting packet (5 s ago). */
	assert_int_equal(h_out(&h, HOUSTON, HOUSTON, 2), DDR_OUT_QUEUED);
	h_log(&h, "BR0 DDR: No free dialer - starting fast idle timer");
	assert_int_equal(h.n_dial, 1);
	h_advance(&h, 14999);
	assert_int_equal(h.n_hangup, 0);
	h_advance(&h, 1);
	assert_int_equal(h.n_hangup, 1);
	assert_string_equal(h.hangup_reason[0], "fast idle timeout");
	h_log(&h, "BR0:1 DDR: fast idle timeout");
	ddr_link_down(h.ddr, link, DDR_CAUSE_LOCAL);
	/* The waiting call goes out when the dialer is re-enabled. */
	h_advance(&h, 14999);
	assert_int_equal(h.n_dial, 1);
	h_advance(&h, 1);
	assert_int_equal(h.n_dial, 2);
	assert_string_equal(h.dialled[1], HOUSTON_NR);
	a = fake_log_find(&h.fl,
			  "BR0 DDR: Dialing cause ip (s=10.1.1.8, "
			  "d=10.1.1.9)",
			  0);
	assert_true(a >= 0);
	ddr_call_connected(h.ddr, h.dial_link[1], "BRI0:1", "BR0:1");
	ddr_link_up(h.ddr, h.dial_link[1], "houston");
	assert_int_equal(h.n_sent, 2);
	assert_int_equal(h.sent_id[1], 2);
	/* No contention any more: the normal idle timer applies. */
	h_advance(&h, 119000);
	assert_int_equal(h.n_hangup, 1);
	h_advance(&h, 1000);
	assert_int_equal(h.n_hangup, 2);
	assert_string_equal(h.hangup_reason[1], "idle timeout");
	h_fini(&h);
}

static void test_legacy_incoming_binds_by_name(void **state)
{
	struct harness h;
	struct ddr_link *link;
	int token;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_map(&h, HOUSTON, "houston", NULL, HOUSTON_NR);
	h_start(&h);
	link = ddr_link_incoming(h.ddr, &token, "BRI0:2", "BR0:2");
	assert_non_null(link);
	assert_ptr_equal(ddr_link_call(link), &token);
	assert_false(ddr_profile_accepts(h.ddr, "houston"));
	ddr_link_up(h.ddr, link, "houston");
	assert_string_equal(ddr_link_remote_name(link), "houston");
	assert_string_equal(ddr_link_ifname(link), "BRI0:2");
	assert_int_equal(h_out(&h, HOUSTON, HOUSTON, 7), DDR_OUT_SENT);
	assert_ptr_equal(h.sent_link[0], link);
	/* Dallas is not that link: it dials. */
	assert_int_equal(h_out(&h, DALLAS, DALLAS, 8),
			 DDR_OUT_DIALING_NO_QUEUE);
	assert_int_equal(h.n_dial, 1);
	/* Both channels busy: a third call is refused. */
	assert_null(ddr_link_incoming(h.ddr, &token, "BRI0:3", "BR0:3"));
	h_fini(&h);
}

static void test_profile_bind_unbind(void **state)
{
	struct harness h;
	struct ddr_link *link;

	(void)state;
	h_init(&h);
	snprintf(h.cfg.name, sizeof(h.cfg.name), "Dialer2");
	snprintf(h.cfg.short_name, sizeof(h.cfg.short_name), "Di2");
	h.cfg.kind = DDR_PROFILE;
	h.cfg.pool = 1;
	snprintf(h.cfg.remote_name, sizeof(h.cfg.remote_name), "dallas");
	snprintf(h.cfg.strings[0], DDR_NUMBER_MAX, "%s", DALLAS_NR);
	h.cfg.n_strings = 1;
	h.cfg.holdq_packets = 5;
	h_start(&h);
	assert_true(ddr_profile_accepts(h.ddr, "dallas"));
	assert_false(ddr_profile_accepts(h.ddr, "atlanta"));
	assert_false(ddr_profile_accepts(h.ddr, NULL));
	link = ddr_link_incoming(h.ddr, NULL, "BRI0:1", "BR0:1");
	ddr_link_up(h.ddr, link, "dallas");
	h_log(&h, "%DIALER-6-BIND: Interface BR0:1 bound to profile Di2");
	/* Any next hop routed to the profile uses the bound link. */
	assert_int_equal(h_out(&h, IP(192, 0, 2, 1), IP(192, 0, 2, 1), 1),
			 DDR_OUT_SENT);
	ddr_link_down(h.ddr, link, DDR_CAUSE_REMOTE);
	h_log(&h, "%DIALER-6-UNBIND: Interface BR0:1 unbound from profile "
		  "Di2");
	/* Outgoing: the profile dials its dialer string. */
	h_advance(&h, 15000);
	assert_int_equal(h_out(&h, IP(192, 0, 2, 1), IP(192, 0, 2, 1), 2),
			 DDR_OUT_QUEUED);
	assert_string_equal(h.dialled[0], DALLAS_NR);
	ddr_call_connected(h.ddr, h.dial_link[0], "BRI0:2", "BR0:2");
	ddr_link_up(h.ddr, h.dial_link[0], "dallas");
	h_log(&h, "%DIALER-6-BIND: Interface BR0:2 bound to profile Di2");
	assert_int_equal(h.n_sent, 2);
	assert_int_equal(h.sent_id[1], 2);
	h_fini(&h);
}

static void test_disconnect_all_and_clear_counters(void **state)
{
	struct harness h;
	struct ddr_link *link;

	(void)state;
	h_init(&h);
	h_map(&h, DALLAS, "dallas", NULL, DALLAS_NR);
	h_map(&h, HOUSTON, "houston", NULL, HOUSTON_NR);
	h.cfg.holdq_packets = 4;
	h_start(&h);
	link = bring_up(&h);
	h_out(&h, HOUSTON, HOUSTON, 2);
	assert_int_equal(ddr_holdq_len(h.ddr), 1);
	ddr_disconnect_all(h.ddr);
	assert_int_equal(h.n_hangup, 2);
	assert_string_equal(h.hangup_reason[0], "clear dialer");
	assert_int_equal(ddr_holdq_len(h.ddr), 0);
	h_log(&h, "BR0:1 DDR: disconnecting call: clear dialer");
	ddr_link_down(h.ddr, link, DDR_CAUSE_LOCAL);
	ddr_call_failed(h.ddr, h.dial_link[1], DDR_CAUSE_LOCAL);
	assert_int_equal(ddr_counters(h.ddr)->calls, 2);
	ddr_clear_counters(h.ddr);
	assert_int_equal(ddr_counters(h.ddr)->calls, 0);
	h_fini(&h);
}

static void test_cfg_check(void **state)
{
	struct harness h;
	char err[96];

	(void)state;
	h_init(&h);
	assert_true(ddr_cfg_check(&h.cfg, err, sizeof(err)));
	h_map(&h, DALLAS, "dallas", "nosuch", DALLAS_NR);
	assert_false(ddr_cfg_check(&h.cfg, err, sizeof(err)));
	assert_string_equal(err, "dialer map class nosuch not defined");
	assert_null(ddr_create(&h.cfg, NULL, NULL, &h.ts, &h.fl.lg));
	h.cfg.n_maps = 0;
	h.cfg.holdq_packets = 101;
	assert_false(ddr_cfg_check(&h.cfg, err, sizeof(err)));
	h.cfg.holdq_packets = 0;
	h.cfg.idle_s = 0;
	assert_false(ddr_cfg_check(&h.cfg, err, sizeof(err)));
	h.cfg.idle_s = 120;
	h.cfg.kind = DDR_PROFILE;
	assert_false(ddr_cfg_check(&h.cfg, err, sizeof(err)));
	assert_string_equal(err, "dialer pool not 1-255");
	h.cfg.pool = 1;
	h.cfg.channels = 0;
	assert_false(ddr_cfg_check(&h.cfg, err, sizeof(err)));
	h_fini(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dial_on_interesting_traffic),
		cmocka_unit_test(test_uninteresting_and_no_map),
		cmocka_unit_test(test_no_dialer_list_never_dials),
		cmocka_unit_test(test_hold_queue_order_limit_and_flush),
		cmocka_unit_test(test_hold_queue_timeout),
		cmocka_unit_test(test_no_hold_queue),
		cmocka_unit_test(test_idle_timeout_and_reenable),
		cmocka_unit_test(test_inbound_idle),
		cmocka_unit_test(test_wait_for_carrier),
		cmocka_unit_test(test_call_failed_busy),
		cmocka_unit_test(test_no_free_channel),
		cmocka_unit_test(test_fast_idle_under_contention),
		cmocka_unit_test(test_legacy_incoming_binds_by_name),
		cmocka_unit_test(test_profile_bind_unbind),
		cmocka_unit_test(test_disconnect_all_and_clear_counters),
		cmocka_unit_test(test_cfg_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
