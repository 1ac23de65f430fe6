/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json.h - a minimal streaming JSON writer on a strbuf, for the `json` form
 * of every show command.  The writer inserts commas itself; nesting is
 * limited to JSON_MAX_DEPTH levels (deeper opens are ignored and latch
 * `error`).  Strings are escaped per RFC 8259; non-ASCII octets pass
 * through, control characters become \u00XX.
 */
#ifndef NASD_LIB_JSON_H
#define NASD_LIB_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "strbuf.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct strbuf *sb;
	int depth;
	bool first[JSON_MAX_DEPTH + 1]; /* no member written yet at level */
	bool error;
};

void json_init(struct json *j, struct strbuf *sb);
/* Open/close an object or array.  `key` is the member name when inside an
 * object, NULL inside an array or at top level. */
void json_obj_open(struct json *j, const char *key);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j, const char *key);
void json_arr_close(struct json *j);
void json_str(struct json *j, const char *key, const char *val); /* NULL → null */
void json_int(struct json *j, const char *key, int64_t val);
void json_uint(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);

#endif
