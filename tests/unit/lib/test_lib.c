/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for lib/: read and write cursors, timers, logging. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "fake_log.h"
#include "log.h"
#include "json.h"
#include "rd.h"
#include "strbuf.h"
#include "timer.h"
#include "wr.h"

static void test_rd_basic(void **state)
{
	const uint8_t buf[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};
	struct rd r = rd_init(buf, sizeof(buf));
	uint8_t a;
	uint16_t b;
	uint32_t c;

	(void)state;
	assert_true(rd_u8(&r, &a));
	assert_int_equal(a, 1);
	assert_true(rd_u16(&r, &b));
	assert_int_equal(b, 0x0203);
	assert_true(rd_u32(&r, &c));
	assert_int_equal(c, 0x04050607);
	assert_int_equal(rd_left(&r), 0);
	assert_false(rd_u8(&r, &a));
}

static void test_rd_short_input_does_not_move(void **state)
{
	const uint8_t buf[] = {0xAA, 0xBB, 0xCC};
	struct rd r = rd_init(buf, sizeof(buf));
	uint32_t v = 0x12345678;
	struct rd sub;

	(void)state;
	assert_false(rd_u32(&r, &v));
	assert_int_equal(v, 0x12345678);
	assert_int_equal(rd_left(&r), 3);
	assert_false(rd_sub(&r, 4, &sub));
	assert_int_equal(rd_left(&r), 3);
	assert_true(rd_sub(&r, 2, &sub));
	assert_int_equal(rd_left(&sub), 2);
	assert_int_equal(rd_left(&r), 1);
	assert_false(rd_skip(&r, 2));
	assert_true(rd_skip(&r, 1));
}

static void test_wr_overflow_latches(void **state)
{
	uint8_t buf[5];
	struct wr w = wr_init(buf, sizeof(buf));

	(void)state;
	wr_u16(&w, 0x0102);
	size_t at = wr_mark(&w);
	wr_u16(&w, 0);
	wr_patch_u16(&w, at, 0xBEEF);
	assert_true(wr_ok(&w));
	assert_memory_equal(buf, ((uint8_t[]){1, 2, 0xBE, 0xEF}), 4);
	wr_u16(&w, 0x0304); /* does not fit: 1 octet left */
	assert_false(wr_ok(&w));
	wr_u8(&w, 9); /* latched: even a fitting write is dropped */
	assert_int_equal(w.len, 4);
}

struct fired {
	int order[8];
	int n;
};

struct tctx {
	struct fired *f;
	int id;
	struct timer *rearm; /* timer to re-arm from the callback */
};

static void on_fire(void *arg)
{
	struct tctx *c = arg;

	c->f->order[c->f->n++] = c->id;
	if (c->rearm) {
		timer_arm(c->rearm, 5);
		c->rearm = NULL;
	}
}

static void test_timers_order_and_rearm(void **state)
{
	struct timers ts;
	struct timer t[3];
	struct fired f = {{0}, 0};
	struct tctx c[3] = {{&f, 0, NULL}, {&f, 1, NULL}, {&f, 2, NULL}};

	(void)state;
	timers_init(&ts, 1000);
	for (int i = 0; i < 3; i++)
		timer_init(&t[i], &ts, on_fire, &c[i]);
	assert_int_equal(timers_next_ms(&ts), -1);
	timer_arm(&t[0], 30);
	timer_arm(&t[1], 10);
	timer_arm(&t[2], 10);
	assert_int_equal(timers_next_ms(&ts), 10);
	/* Re-arming moves the deadline, it is never ignored. */
	timer_arm(&t[0], 5);
	assert_int_equal(timer_remaining_ms(&t[0]), 5);
	c[0].rearm = &t[0];
	assert_int_equal(timers_advance(&ts, 1005), 1);
	assert_true(timer_armed(&t[0])); /* re-armed by its own callback */
	assert_int_equal(timers_advance(&ts, 1010), 3);
	assert_int_equal(f.n, 4);
	assert_int_equal(f.order[0], 0);
	assert_int_equal(f.order[1], 1); /* equal deadlines: FIFO */
	assert_int_equal(f.order[2], 2);
	assert_int_equal(f.order[3], 0);
	timer_cancel(&t[0]); /* idempotent */
	timer_cancel(&t[0]);
	assert_int_equal(timers_next_ms(&ts), -1);
	timers_fini(&ts);
}

static void test_timers_cancel_middle(void **state)
{
	struct timers ts;
	struct timer t[50];
	struct fired f = {{0}, 0};
	struct tctx c = {&f, 7, NULL};

	(void)state;
	timers_init(&ts, 0);
	for (int i = 0; i < 50; i++) {
		timer_init(&t[i], &ts, on_fire, &c);
		timer_arm(&t[i], (uint64_t)(100 - i));
	}
	for (int i = 0; i < 50; i += 2)
		timer_cancel(&t[i]);
	assert_int_equal(ts.n, 25);
	uint64_t last = 0;
	while (ts.n) {
		uint64_t d = ts.heap[0]->deadline_ms;
		assert_true(d >= last);
		last = d;
		f.n = 0;
		timers_advance(&ts, d);
	}
	timers_fini(&ts);
}

static void test_log_levels_and_debug(void **state)
{
	struct fake_log fl;

	(void)state;
	fake_log_init(&fl);
	fl.lg.debug = 0;
	fl.lg.level = LOG_LVL_NOTICE;
	log_info(&fl.lg, "info %d", 1);
	log_notice(&fl.lg, "notice %d", 2);
	log_dbg(&fl.lg, DBG_PPP_NEGOTIATION, "neg off");
	log_debug_set(&fl.lg, DBG_PPP_NEGOTIATION, true);
	log_dbg(&fl.lg, DBG_PPP_NEGOTIATION, "neg on");
	assert_int_equal(fl.n, 2);
	assert_string_equal(fl.lines[0], "notice 2");
	assert_string_equal(fl.lines[1], "neg on");
	assert_string_equal(dbg_name(DBG_PPP_NEGOTIATION), "ppp negotiation");
	assert_int_equal(dbg_lookup("ppp authentication"),
			 DBG_PPP_AUTHENTICATION);
	assert_int_equal(dbg_lookup("ppp"), -1);
	log_printf(NULL, LOG_LVL_ERR, "dropped");
	fake_log_fini(&fl);
}

static void test_hex_upper(void **state)
{
	char out[9];

	(void)state;
	assert_string_equal(hex_upper(out, sizeof(out),
				      (uint8_t[]){0x02, 0x06, 0x00, 0x0a}, 4),
			    "0206000A");
	/* Truncates to what fits, always terminated. */
	assert_string_equal(
		hex_upper(out, 5, (uint8_t[]){0xde, 0xad, 0xbe}, 3), "DEAD");
}

static void test_strbuf_and_json(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;

	(void)state;
	assert_string_equal(sb_str(&sb), "");
	sb_printf(&sb, "%s-%d", "a", 1);
	sb_puts(&sb, "!");
	assert_string_equal(sb_str(&sb), "a-1!");
	sb_reset(&sb);
	json_init(&j, &sb);
	json_obj_open(&j, NULL);
	json_str(&j, "name", "As\"1\n");
	json_arr_open(&j, "list");
	json_int(&j, NULL, -3);
	json_uint(&j, NULL, 4);
	json_bool(&j, NULL, true);
	json_null(&j, NULL);
	json_arr_close(&j);
	json_str(&j, "ctl", "\x01");
	json_obj_close(&j);
	assert_false(j.error);
	assert_string_equal(sb_str(&sb),
			    "{\"name\":\"As\\\"1\\n\",\"list\":[-3,4,true,null],"
			    "\"ctl\":\"\\u0001\"}");
	char *s = sb_steal(&sb);
	assert_non_null(s);
	free(s);
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rd_basic),
		cmocka_unit_test(test_rd_short_input_does_not_move),
		cmocka_unit_test(test_wr_overflow_latches),
		cmocka_unit_test(test_timers_order_and_rearm),
		cmocka_unit_test(test_timers_cancel_middle),
		cmocka_unit_test(test_log_levels_and_debug),
		cmocka_unit_test(test_hex_upper),
		cmocka_unit_test(test_strbuf_and_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
