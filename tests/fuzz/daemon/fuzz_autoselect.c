/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_autoselect - what a caller sends first, into the daemon's pure
 * decoders of it: the ARA detector (arap.c) on every prefix, and the EXEC
 * callback number check (dialstring.c) on the input as a typed line.
 * Invariants: a verdict is final once given (a longer prefix never
 * changes YES/NO), an accepted number holds only dial characters and at
 * least one digit and fits the buffer, a refusal leaves it empty.
 */
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arap.h"
#include "dialstring.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_arap(const uint8_t *data, size_t size)
{
	enum arap_verdict first = ARAP_MORE;

	for (size_t n = 0; n <= size; n++) {
		enum arap_verdict v = arap_detect(data, n);

		if (first != ARAP_MORE)
			assert(v == first);
		else
			first = v;
		if (n >= ARAP_SAMPLE_MAX)
			assert(v != ARAP_MORE);
	}
}

static void check_dialstring(const uint8_t *data, size_t size)
{
	char typed[128], out[24], why[64];
	size_t n = size < sizeof(typed) - 1 ? size : sizeof(typed) - 1;
	bool digit = false;
	int rc;

	memcpy(typed, data, n);
	typed[n] = '\0';
	rc = dialstring_check(typed, out, sizeof(out), why, sizeof(why));
	assert(memchr(out, '\0', sizeof(out)) != NULL);
	if (rc != 0) {
		assert(out[0] == '\0');
		assert(memchr(why, '\0', sizeof(why)) != NULL && why[0]);
		return;
	}
	for (const char *p = out; *p; p++) {
		assert(strchr("0123456789*#+-().,", *p) != NULL);
		digit = digit || (*p >= '0' && *p <= '9');
	}
	assert(digit);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_arap(data, size);
	check_dialstring(data, size);
	return 0;
}
