/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ifname.c - IOS interface-name parsing and printing (ifname.h).
 */
#include "ifname.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const if_names[IF__COUNT] = {
#define IFNAME_NAME(e, n, s) [e] = n,
	IFNAME_TYPES(IFNAME_NAME)
#undef IFNAME_NAME
};

static const char *const if_shorts[IF__COUNT] = {
#define IFNAME_SHORT(e, n, s) [e] = s,
	IFNAME_TYPES(IFNAME_SHORT)
#undef IFNAME_SHORT
};

_Static_assert(sizeof(if_names) / sizeof(if_names[0]) == IF__COUNT,
	       "one name per interface type");

const char *ifname_type_name(enum if_type t)
{
	if ((int)t < 0 || t >= IF__COUNT)
		return NULL;
	return if_names[t];
}

const char *ifname_type_short(enum if_type t)
{
	if ((int)t < 0 || t >= IF__COUNT)
		return NULL;
	return if_shorts[t];
}

/* Match the type spelled by s[0..n): the short name exactly, else a unique
 * prefix of one canonical name.  IOS accepts "vi2" for Virtual-Access2 even
 * though "vi" also starts Virtual-Template: the short names win. */
static bool type_match(const char *s, size_t n, enum if_type *type)
{
	int found = -1;

	if (n == 0)
		return false;
	for (int t = 0; t < IF__COUNT; t++) {
		if (strlen(if_shorts[t]) == n &&
		    strncasecmp(s, if_shorts[t], n) == 0) {
			*type = (enum if_type)t;
			return true;
		}
	}
	for (int t = 0; t < IF__COUNT; t++) {
		if (strlen(if_names[t]) < n ||
		    strncasecmp(s, if_names[t], n) != 0)
			continue;
		if (strlen(if_names[t]) == n) {
			*type = (enum if_type)t;
			return true;
		}
		if (found >= 0)
			return false;
		found = t;
	}
	if (found < 0)
		return false;
	*type = (enum if_type)found;
	return true;
}

bool ifname_parse_type(const char *word, enum if_type *type)
{
	return type_match(word, strlen(word), type);
}

static bool parse_num(const char **pp, unsigned *v)
{
	const char *p = *pp;
	unsigned long n = 0;

	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p)) {
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > 65535)
			return false;
		p++;
	}
	*v = (unsigned)n;
	*pp = p;
	return true;
}

bool ifname_parse(const char *s, struct ifname *out)
{
	const char *p = s;
	struct ifname ifn;
	size_t n = 0;

	memset(&ifn, 0, sizeof(ifn));
	while (*p == ' ' || *p == '\t')
		p++;
	/* The type is everything up to the first digit or blank. */
	while (p[n] && !isdigit((unsigned char)p[n]) && p[n] != ' ' &&
	       p[n] != '\t')
		n++;
	if (!type_match(p, n, &ifn.type))
		return false;
	p += n;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!parse_num(&p, &ifn.unit))
		return false;
	if (*p == '/') {
		p++;
		if (!parse_num(&p, &ifn.port))
			return false;
		ifn.has_port = true;
	}
	if (*p == ':') {
		p++;
		if (!parse_num(&p, &ifn.channel))
			return false;
		ifn.has_channel = true;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return false;
	*out = ifn;
	return true;
}

static char *format(const struct ifname *ifn, const char *type, char *buf,
		    size_t size)
{
	char port[8] = "", chan[8] = "";

	if (ifn->has_port)
		snprintf(port, sizeof(port), "/%u", ifn->port);
	if (ifn->has_channel)
		snprintf(chan, sizeof(chan), ":%u", ifn->channel);
	snprintf(buf, size, "%s%u%s%s", type, ifn->unit, port, chan);
	return buf;
}

char *ifname_canon(const struct ifname *ifn, char *buf, size_t size)
{
	const char *t = ifname_type_name(ifn->type);

	return format(ifn, t ? t : "?", buf, size);
}

char *ifname_short(const struct ifname *ifn, char *buf, size_t size)
{
	const char *t = ifname_type_short(ifn->type);

	return format(ifn, t ? t : "?", buf, size);
}

static int cmp_u(unsigned a, unsigned b)
{
	return a < b ? -1 : a > b;
}

int ifname_cmp(const struct ifname *a, const struct ifname *b)
{
	int c;

	if ((c = cmp_u(a->type, b->type)) != 0)
		return c;
	/* Serial0 and Serial1 come before the channel groups Serial0:23. */
	if ((c = cmp_u(a->has_channel, b->has_channel)) != 0)
		return c;
	if ((c = cmp_u(a->unit, b->unit)) != 0)
		return c;
	if ((c = cmp_u(a->has_port, b->has_port)) != 0)
		return c;
	if ((c = cmp_u(a->port, b->port)) != 0)
		return c;
	return cmp_u(a->channel, b->channel);
}
