/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the choice of a vpdn-group's `initiate-to` address for a
 * new call (src/daemon/lns_select.c): priority, load sharing within a
 * priority, the busy list, and failover of one call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lns_select.h"

#define A(prio) {0, prio, false, 0, false, false}

static void test_empty_and_all_tried(void **state)
{
	struct lns_cand c[2] = {A(1), A(2)};
	struct lns_choice r;

	(void)state;
	r = lns_select(c, 0);
	assert_int_equal(r.index, -1);
	assert_false(r.all_busy);
	c[0].tried = c[1].tried = true;
	c[1].busy = true;
	r = lns_select(c, 2);
	assert_int_equal(r.index, -1);
	assert_false(r.all_busy);
}

static void test_lowest_priority_number_wins(void **state)
{
	/* Entered 3, 1, 2: the priority decides, not the order. */
	struct lns_cand c[3] = {A(3), A(1), A(2)};

	(void)state;
	assert_int_equal(lns_select(c, 3).index, 1);
	/* A tunnel to a worse address does not keep the calls once the
	 * better one is usable again. */
	c[2].active = true;
	c[2].sessions = 7;
	assert_int_equal(lns_select(c, 3).index, 1);
}

static void test_equal_priority_shares_the_load(void **state)
{
	struct lns_cand c[3] = {A(1), A(1), A(2)};

	(void)state;
	/* Nothing open: the first entered. */
	assert_int_equal(lns_select(c, 3).index, 0);
	/* It has a tunnel with one session: the second address (no tunnel,
	 * no sessions) takes the next call. */
	c[0].active = true;
	c[0].sessions = 1;
	assert_int_equal(lns_select(c, 3).index, 1);
	/* Both open: the fewest sessions. */
	c[1].active = true;
	c[1].sessions = 3;
	assert_int_equal(lns_select(c, 3).index, 0);
	c[0].sessions = 4;
	assert_int_equal(lns_select(c, 3).index, 1);
	/* Equal load, one without a tunnel: reuse the open one. */
	c[0].active = false;
	c[0].sessions = 0;
	c[1].sessions = 0;
	assert_int_equal(lns_select(c, 3).index, 1);
}

static void test_busy_is_passed_over(void **state)
{
	struct lns_cand c[3] = {A(1), A(1), A(5)};
	struct lns_choice r;

	(void)state;
	c[0].busy = true;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 1);
	assert_false(r.all_busy);
	c[1].busy = true;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 2);
	assert_false(r.all_busy);
	/* All busy: the best of them is tried rather than no call at all. */
	c[2].busy = true;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 0);
	assert_true(r.all_busy);
}

static void test_one_call_fails_over_in_priority_order(void **state)
{
	struct lns_cand c[3] = {A(2), A(1), A(3)};
	struct lns_choice r;

	(void)state;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 1);
	/* Its tunnel did not come up: busy, and tried by this call. */
	c[1].busy = c[1].tried = true;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 0);
	c[0].busy = c[0].tried = true;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 2);
	assert_false(r.all_busy);
	c[2].busy = c[2].tried = true;
	r = lns_select(c, 3);
	assert_int_equal(r.index, -1);
	/* A later call (nothing tried) still gets the best busy one. */
	for (int i = 0; i < 3; i++)
		c[i].tried = false;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 1);
	assert_true(r.all_busy);
	/* Untried busy addresses are tried before giving a call up. */
	c[1].tried = true;
	r = lns_select(c, 3);
	assert_int_equal(r.index, 0);
	assert_true(r.all_busy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_all_tried),
		cmocka_unit_test(test_lowest_priority_number_wins),
		cmocka_unit_test(test_equal_priority_shares_the_load),
		cmocka_unit_test(test_busy_is_passed_over),
		cmocka_unit_test(test_one_call_fails_over_in_priority_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
