/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * io_err.c - the error-message helper shared by the io/ adapters
 * (io_err.h).
 */
#include "io_err.h"

#include <stdarg.h>
#include <stdio.h>

void io_set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
