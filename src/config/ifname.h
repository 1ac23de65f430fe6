/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ifname.h - IOS interface names: parsing every spelling an engineer types
 * ("Async1", "async 1", "as1", "Serial0:23", "se0:23", "FastEthernet0/0",
 * "bri 0", "vi2") into one canonical form, and the short names IOS prints in
 * debug lines ("As4 LCP: ...", "Se0:23", "Vi2").  The command engine uses it
 * for the IFNAME token and the daemon for naming its interfaces.
 */
#ifndef NASD_CONFIG_IFNAME_H
#define NASD_CONFIG_IFNAME_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Interface types: X(ENUM, canonical name, short name).  The order is the
 * order `show running-config` lists interfaces in (IOS lists them in
 * hardware order; this matches the seed configurations).
 */
#define IFNAME_TYPES(X)                                                        \
	X(IF_LOOPBACK, "Loopback", "Lo")                                       \
	X(IF_ETHERNET, "Ethernet", "Et")                                       \
	X(IF_FASTETHERNET, "FastEthernet", "Fa")                               \
	X(IF_VTEMPLATE, "Virtual-Template", "Vt")                              \
	X(IF_SERIAL, "Serial", "Se")                                           \
	X(IF_BRI, "BRI", "BR")                                                 \
	X(IF_ASYNC, "Async", "As")                                             \
	X(IF_GROUP_ASYNC, "Group-Async", "Gr")                                 \
	X(IF_DIALER, "Dialer", "Di")                                           \
	X(IF_VACCESS, "Virtual-Access", "Vi")

enum if_type {
#define IFNAME_ENUM(e, n, s) e,
	IFNAME_TYPES(IFNAME_ENUM)
#undef IFNAME_ENUM
	IF__COUNT
};

/* Longest canonical name: "Virtual-Template" + "65535/65535:65535". */
#define IFNAME_MAX 40

/* A parsed interface name.  The number is "unit[/port]*[:channel]". */
struct ifname {
	enum if_type type;
	unsigned unit;       /* first number: 4 in Async4, 0 in Serial0:23 */
	unsigned port;       /* after the slash: 1 in FastEthernet0/1 */
	bool has_port;
	unsigned channel;    /* after the colon: Serial0:23 */
	bool has_channel;
};

/* Canonical and short type names ("Async", "As"); NULL if out of range. */
const char *ifname_type_name(enum if_type t);
const char *ifname_type_short(enum if_type t);

/*
 * Parse a whole interface name: a type spelled in full, as any prefix that
 * is unique among the types, or as its short name (case-insensitive),
 * followed by the number, with optional blanks between ("async 1").
 * Numbers are decimal, at most 65535 each.  Returns true and fills *out, or
 * false for anything else (trailing garbage included).
 */
bool ifname_parse(const char *s, struct ifname *out);

/*
 * The type part alone ("async", "as", "Group-Async"): true and *type when
 * `word` names exactly one type, used when the number follows as a separate
 * word ("interface async 7").
 */
bool ifname_parse_type(const char *word, enum if_type *type);

/* Canonical name "Async1", "Serial0:23", "FastEthernet0/0" into buf (at
 * least IFNAME_MAX octets recommended); returns buf. */
char *ifname_canon(const struct ifname *ifn, char *buf, size_t size);
/* IOS short name for debug lines: "As1", "Se0:23", "Fa0/0", "Vi2". */
char *ifname_short(const struct ifname *ifn, char *buf, size_t size);

/* Order for listing (type order above, then unit, port, channel; plain
 * interfaces before channelised ones): <0, 0, >0. */
int ifname_cmp(const struct ifname *a, const struct ifname *b);

#endif
