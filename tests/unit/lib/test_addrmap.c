/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_addrmap.c - the address index of the data plane (addrmap.h)
 * against a plain array model: random puts, replacements and deletions
 * over consecutive pool addresses and scattered ones, so that probe
 * chains wrap around the table and backward-shift deletion is exercised.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "addrmap.h"

#define KEYS 3000

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void check_all(const struct addrmap *m, const uint32_t *keys,
		      const int64_t *model, size_t n)
{
	size_t present = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t v = 0;
		bool got = addrmap_get(m, keys[i], &v);

		assert_int_equal(got, model[i] >= 0);
		if (got) {
			assert_int_equal(v, (uint32_t)model[i]);
			present++;
		}
	}
	assert_int_equal(m->n, present);
}

static void run_model(uint32_t base, uint32_t stride)
{
	static uint32_t keys[KEYS];
	static int64_t model[KEYS];
	struct addrmap m = {0};

	for (size_t i = 0; i < KEYS; i++) {
		keys[i] = base + (uint32_t)i * stride;
		model[i] = -1;
	}
	for (int step = 0; step < 60000; step++) {
		size_t i = rng() % KEYS;
		uint32_t op = rng() % 3;

		if (op < 2) {
			uint32_t v = rng() % 100000;

			assert_int_equal(addrmap_put(&m, keys[i], v), 0);
			model[i] = v;
		} else {
			assert_int_equal(addrmap_del(&m, keys[i]),
					 model[i] >= 0);
			model[i] = -1;
		}
		if (step % 5000 == 0)
			check_all(&m, keys, model, KEYS);
	}
	check_all(&m, keys, model, KEYS);
	/* Empty it completely: nothing is left behind. */
	for (size_t i = 0; i < KEYS; i++)
		addrmap_del(&m, keys[i]);
	assert_int_equal(m.n, 0);
	for (size_t i = 0; i < m.cap; i++)
		assert_int_equal(m.vals[i], 0);
	addrmap_fini(&m);
	addrmap_fini(&m);
}

static void test_pool_addresses(void **state)
{
	(void)state;
	run_model(0x0a0a0a01, 1); /* 10.10.10.1, consecutive */
}

static void test_scattered_addresses(void **state)
{
	(void)state;
	/* A stride that is a multiple of the table size would collide in a
	 * naive modulo hash. */
	run_model(0xc0000201, 4096);
}

static void test_empty_and_limits(void **state)
{
	struct addrmap m = {0};
	uint32_t v;

	(void)state;
	assert_false(addrmap_get(&m, 1, &v));
	assert_false(addrmap_del(&m, 1));
	assert_int_equal(addrmap_put(&m, 1, UINT32_MAX), -22); /* -EINVAL */
	assert_int_equal(addrmap_put(&m, 0, 0), 0); /* address 0 is a key */
	assert_true(addrmap_get(&m, 0, &v));
	assert_int_equal(v, 0);
	assert_int_equal(addrmap_put(&m, 0, 7), 0);
	assert_int_equal(m.n, 1);
	assert_true(addrmap_get(&m, 0, &v));
	assert_int_equal(v, 7);
	addrmap_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_addresses),
		cmocka_unit_test(test_scattered_addresses),
		cmocka_unit_test(test_empty_and_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
