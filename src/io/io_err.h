/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * io_err.h - module-private helper of io/: fill the caller's `err` buffer
 * with a message a human can act on.  Not part of the public API.
 */
#ifndef NASD_IO_ERR_H
#define NASD_IO_ERR_H

#include <stddef.h>

/* vsnprintf into err[0..errlen); a NULL err or zero errlen is ignored. */
void io_set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* NASD_IO_ERR_H */
