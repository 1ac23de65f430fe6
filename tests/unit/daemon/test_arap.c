/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for ARA caller detection (src/daemon/arap.c): SYN DLE STX is
 * ARA, its prefixes need more octets, a PPP frame or typing is not ARA. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arap.h"

static void test_arap_start(void **state)
{
	static const uint8_t arap[] = {0x16, 0x10, 0x02, 0x01, 0x10, 0x03};

	(void)state;
	assert_int_equal(arap_detect(NULL, 0), ARAP_MORE);
	assert_int_equal(arap_detect(arap, 1), ARAP_MORE);
	assert_int_equal(arap_detect(arap, 2), ARAP_MORE);
	assert_int_equal(arap_detect(arap, 3), ARAP_YES);
	assert_int_equal(arap_detect(arap, sizeof(arap)), ARAP_YES);
}

static void test_not_arap(void **state)
{
	static const uint8_t ppp[] = {0x7E, 0xFF, 0x7D, 0x23};
	static const uint8_t cr[] = {'\r'};
	static const uint8_t syn_only[] = {0x16, 0x16, 0x10};
	static const uint8_t no_stx[] = {0x16, 0x10, 0x03};

	(void)state;
	assert_int_equal(arap_detect(ppp, sizeof(ppp)), ARAP_NO);
	assert_int_equal(arap_detect(ppp, 1), ARAP_NO);
	assert_int_equal(arap_detect(cr, 1), ARAP_NO);
	assert_int_equal(arap_detect(syn_only, 2), ARAP_NO);
	assert_int_equal(arap_detect(no_stx, 3), ARAP_NO);
}

static void test_reason(void **state)
{
	(void)state;
	assert_string_equal(ARAP_NOT_SUPPORTED_REASON,
			    "ARA needs AppleTalk Remote Access Protocol, for "
			    "which no open specification exists; nasd does "
			    "not implement it");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arap_start),
		cmocka_unit_test(test_not_arap),
		cmocka_unit_test(test_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
