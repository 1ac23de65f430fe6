/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the check of a callback number typed at the EXEC
 * callback prompt (src/daemon/dialstring.c): what is let through to the
 * modem's ATDT, normalised, and what is refused with which reason. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dialstring.h"

static void ok(const char *typed, const char *want)
{
	char out[16], why[64] = "";

	assert_int_equal(
		dialstring_check(typed, out, sizeof(out), why, sizeof(why)), 0);
	assert_string_equal(out, want);
	assert_string_equal(why, "");
}

static void bad(const char *typed, int rc, const char *reason)
{
	char out[16] = "x", why[64] = "";

	assert_int_equal(
		dialstring_check(typed, out, sizeof(out), why, sizeof(why)),
		rc);
	assert_string_equal(out, "");
	assert_string_equal(why, reason);
}

static void test_accepted(void **state)
{
	(void)state;
	ok("5551111", "5551111");
	ok(" 555 1111 ", "5551111"); /* blanks dropped */
	ok("9,(408)555-1212", "9,(408)555-1212");
	ok("+44.20*71#", "+44.20*71#");
	ok("\t1\t", "1");
	ok("123456789012345", "123456789012345"); /* size - 1 */
}

static void test_refused(void **state)
{
	(void)state;
	bad("", -EINVAL, "empty");
	bad("   ", -EINVAL, "empty");
	bad("--", -EINVAL, "no digit");
	/* Hayes commands must not ride on ATDT. */
	bad("555;H", -EINVAL, "';' is not a dial character");
	bad("555H", -EINVAL, "'H' is not a dial character");
	bad("5\r5", -EINVAL, "octet 0x0D is not a dial character");
	bad("5\xff", -EINVAL, "octet 0xFF is not a dial character");
	bad("1234567890123456", -ENOSPC, "longer than 15 characters");
}

static void test_tiny_buffers(void **state)
{
	char out[1] = "x", why[4];

	(void)state;
	assert_int_equal(
		dialstring_check("1", out, sizeof(out), why, sizeof(why)),
		-ENOSPC);
	assert_string_equal(out, "");
	assert_string_equal(why, "lon"); /* truncated, terminated */
	assert_int_equal(dialstring_check("1", NULL, 0, why, sizeof(why)),
			 -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_tiny_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
