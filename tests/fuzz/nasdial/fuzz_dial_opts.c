/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for nasdial's command line (dial_opts_parse): the input
 * is split at NUL octets into at most 32 arguments.  Any outcome but a crash
 * or a sanitizer report is fine; a success must leave NUL-terminated fields.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dial_opts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dial_opts o;
	char *buf = malloc(size + 1);
	char *argv[34];
	char err[300];
	int argc = 1;
	size_t start = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = (char *)"nasdial";
	for (size_t i = 0; i <= size && argc < 33; i++) {
		if (buf[i] != '\0')
			continue;
		argv[argc++] = buf + start;
		start = i + 1;
	}
	argv[argc] = NULL;
	if (dial_opts_parse(argc, argv, &o, err, sizeof(err)) == 0) {
		if (strlen(o.device) >= sizeof(o.device) ||
		    strlen(o.number) >= sizeof(o.number) ||
		    strlen(o.dial_script) >= sizeof(o.dial_script))
			abort();
	}
	free(buf);
	return 0;
}
