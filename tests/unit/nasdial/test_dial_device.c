/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for pstn_device_parse() (src/pstnwire), the `pstn:SOCKET:NUMBER`
 * device string that nasd's lines and nasdial share.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pstn_wire.h"

static void test_device_parse(void **state)
{
	char path[32], num[16];

	(void)state;
	assert_int_equal(
		pstn_device_parse("pstn:/run/pstn/attach.sock:527-9651", path,
				  sizeof(path), num, sizeof(num)),
		0);
	assert_string_equal(path, "/run/pstn/attach.sock");
	assert_string_equal(num, "5279651");
	/* The last colon ends the path. */
	assert_int_equal(pstn_device_parse("pstn:/a:b/s:1", path, sizeof(path),
					   num, sizeof(num)),
			 0);
	assert_string_equal(path, "/a:b/s");
	assert_string_equal(num, "1");
	assert_int_equal(pstn_device_parse("/dev/ttyS0", path, sizeof(path),
					   num, sizeof(num)),
			 -ENOENT);
	assert_int_equal(pstn_device_parse("pstn:", path, sizeof(path), num,
					   sizeof(num)),
			 -EINVAL);
	assert_int_equal(pstn_device_parse("pstn::5551", path, sizeof(path),
					   num, sizeof(num)),
			 -EINVAL);
	assert_int_equal(pstn_device_parse("pstn:/s:", path, sizeof(path), num,
					   sizeof(num)),
			 -EINVAL);
	assert_int_equal(pstn_device_parse("pstn:/s:12x", path, sizeof(path),
					   num, sizeof(num)),
			 -EINVAL);
	assert_int_equal(pstn_device_parse("pstn:/a/very/long/path/to/a/unix/"
					   "domain/socket:5551",
					   path, sizeof(path), num,
					   sizeof(num)),
			 -ENAMETOOLONG);
	assert_int_equal(pstn_device_parse("pstn:/s:12345678901234567", path,
					   sizeof(path), num, sizeof(num)),
			 -ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_device_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
