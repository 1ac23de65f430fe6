/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "json.h"

#include <inttypes.h>

void json_init(struct json *j, struct strbuf *sb)
{
	j->sb = sb;
	j->depth = 0;
	j->first[0] = true;
	j->error = false;
}

static void put_escaped(struct strbuf *sb, const char *s)
{
	sb_putn(sb, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"':
			sb_puts(sb, "\\\"");
			break;
		case '\\':
			sb_puts(sb, "\\\\");
			break;
		case '\n':
			sb_puts(sb, "\\n");
			break;
		case '\r':
			sb_puts(sb, "\\r");
			break;
		case '\t':
			sb_puts(sb, "\\t");
			break;
		default:
			if (c < 0x20)
				sb_printf(sb, "\\u%04x", c);
			else
				sb_putn(sb, (const char *)&c, 1);
		}
	}
	sb_putn(sb, "\"", 1);
}

static void member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		sb_putn(j->sb, ",", 1);
	j->first[j->depth] = false;
	if (key) {
		put_escaped(j->sb, key);
		sb_putn(j->sb, ":", 1);
	}
}

static void open(struct json *j, const char *key, char c)
{
	if (j->depth >= JSON_MAX_DEPTH) {
		j->error = true;
		return;
	}
	member(j, key);
	sb_putn(j->sb, &c, 1);
	j->depth++;
	j->first[j->depth] = true;
}

static void close_(struct json *j, char c)
{
	if (j->depth == 0) {
		j->error = true;
		return;
	}
	j->depth--;
	sb_putn(j->sb, &c, 1);
}

void json_obj_open(struct json *j, const char *key)
{
	open(j, key, '{');
}

void json_obj_close(struct json *j)
{
	close_(j, '}');
}

void json_arr_open(struct json *j, const char *key)
{
	open(j, key, '[');
}

void json_arr_close(struct json *j)
{
	close_(j, ']');
}

void json_str(struct json *j, const char *key, const char *val)
{
	member(j, key);
	if (val)
		put_escaped(j->sb, val);
	else
		sb_puts(j->sb, "null");
}

void json_int(struct json *j, const char *key, int64_t val)
{
	member(j, key);
	sb_printf(j->sb, "%" PRId64, val);
}

void json_uint(struct json *j, const char *key, uint64_t val)
{
	member(j, key);
	sb_printf(j->sb, "%" PRIu64, val);
}

void json_bool(struct json *j, const char *key, bool val)
{
	member(j, key);
	sb_puts(j->sb, val ? "true" : "false");
}

void json_null(struct json *j, const char *key)
{
	member(j, key);
	sb_puts(j->sb, "null");
}
