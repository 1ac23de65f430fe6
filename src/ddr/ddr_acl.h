/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_acl.h - what dial-on-demand routing needs to know about an IPv4
 * packet, and numbered IP access lists as IOS evaluates them, so the
 * dialer can tell interesting traffic (`dialer-list N protocol ip list
 * ACL`) from the rest.
 *
 * ddr_ip_parse() reads the IPv4 header (RFC 791 §3.1) and, in the first
 * fragment only, the TCP/UDP ports (RFC 793 §3.1, RFC 768) or the ICMP
 * type (RFC 792).  ddr_acl_match() walks a compiled list: the first rule
 * whose every field matches decides, and a packet no rule matches is
 * denied (the implicit `deny any` that ends every IOS list).
 *
 * The compiled form is plain data: the daemon's config translator fills it
 * from `access-list N ...` lines; parsing the IOS text is not done here.
 * Addresses are host byte order, as in src/config.  Sans-I/O, lib only.
 *
 * IOS readings:
 *  - standard lists (1-99) match the source address only; extended lists
 *    (100-199) match protocol, source, destination and, for tcp/udp,
 *    ports.  The list number only says which kind the translator built;
 *    the rules carry everything the match needs.
 *  - a wildcard bit set to 1 means "don't care" (`0.0.0.255`); `any` is
 *    0.0.0.0 255.255.255.255 and `host A` is A 0.0.0.0.
 *  - a list with no rules is an undefined list, and IOS lets everything
 *    through a reference to an undefined list: ddr_acl_match() returns
 *    true for it (a defined numbered list always has at least one rule;
 *    removing the last rule removes the list).
 *  - non-initial fragments carry no ports.  As IOS does (Cisco's "Access
 *    Control Lists and IP Fragments"), a rule with port conditions is
 *    judged on its layer-3 fields alone for such a fragment when it
 *    permits, and is skipped when it denies.  Rules without port
 *    conditions treat fragments like any packet.
 */
#ifndef NASD_DDR_ACL_H
#define NASD_DDR_ACL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fields of an IPv4 packet that ACLs and dialer debug lines use. */
struct ddr_ip {
	uint32_t src;	    /* host byte order */
	uint32_t dst;	    /* host byte order */
	uint8_t proto;	    /* RFC 791 Protocol: 1 ICMP, 6 TCP, 17 UDP */
	bool fragment;	    /* a non-initial fragment (offset != 0) */
	bool has_ports;	    /* TCP/UDP first fragment with its ports */
	uint16_t sport;	    /* valid when has_ports */
	uint16_t dport;	    /* valid when has_ports */
	bool has_icmp_type; /* ICMP first fragment with its type */
	uint8_t icmp_type;  /* valid when has_icmp_type */
	uint16_t total_len; /* RFC 791 Total Length, <= the octets given */
};

/*
 * Parse the IPv4 packet pkt[0..len).  Accepts version 4 with IHL >= 5,
 * the header within Total Length and Total Length <= len (trailing octets,
 * e.g. link padding, are ignored).  Ports are read for TCP (6) and UDP
 * (17) and the type for ICMP (1) only in a first fragment whose payload
 * holds them; otherwise has_ports/has_icmp_type stay false.  The header
 * checksum is not verified: the packet comes from the local data plane.
 * Returns false, with *out unspecified, on anything malformed.
 */
bool ddr_ip_parse(const uint8_t *pkt, size_t len, struct ddr_ip *out);

#define DDR_ACL_RULES_MAX 32
#define DDR_ACL_PROTO_IP 256 /* `ip`: any protocol (numbers are 0-255) */

/* IOS port operators of extended lists. */
#define DDR_ACL_PORT_OPS(X)                                                    \
	X(NONE, "")                                                            \
	X(EQ, "eq")                                                            \
	X(NEQ, "neq")                                                          \
	X(LT, "lt")                                                            \
	X(GT, "gt")                                                            \
	X(RANGE, "range")

enum ddr_acl_port_op {
#define DDR_ACL_PORT_OP_ENUM(e, s) DDR_ACL_PORT_##e,
	DDR_ACL_PORT_OPS(DDR_ACL_PORT_OP_ENUM)
#undef DDR_ACL_PORT_OP_ENUM
		DDR_ACL_PORT_OP_COUNT
};

/* The IOS keyword of a port operator ("eq", ...; "" for NONE), NULL when
 * out of range. */
const char *ddr_acl_port_op_name(enum ddr_acl_port_op op);

/* `A WILDCARD`, `host A` (wildcard 0) or `any` (wildcard 0xFFFFFFFF). */
struct ddr_acl_addr {
	uint32_t addr;
	uint32_t wildcard; /* 1 bits are ignored */
};

/* A port condition: EQ/NEQ/LT/GT use lo, RANGE is lo..hi inclusive. */
struct ddr_acl_ports {
	enum ddr_acl_port_op op;
	uint16_t lo;
	uint16_t hi;
};

struct ddr_acl_rule {
	bool permit;	/* permit or deny */
	uint16_t proto; /* 0-255, or DDR_ACL_PROTO_IP for any */
	struct ddr_acl_addr src;
	struct ddr_acl_addr dst;    /* standard lists: any */
	struct ddr_acl_ports sport; /* tcp/udp only; NONE elsewhere */
	struct ddr_acl_ports dport; /* tcp/udp only; NONE elsewhere */
};

/* A numbered list: 1-99 standard, 100-199 extended.  n_rules == 0 is an
 * undefined list (see above).  Plain data, copied by value. */
struct ddr_acl {
	uint16_t number;
	size_t n_rules;
	struct ddr_acl_rule rules[DDR_ACL_RULES_MAX];
};

/* Helpers for translators and tests: `any`, `host A`, `A W`. */
struct ddr_acl_addr ddr_acl_any(void);
struct ddr_acl_addr ddr_acl_host(uint32_t addr);
struct ddr_acl_addr ddr_acl_wild(uint32_t addr, uint32_t wildcard);

/*
 * Check a compiled list: number 1-99 or 100-199, n_rules within bounds,
 * standard rules with proto `ip`, any destination and no ports, protocols
 * 0-255 or `ip`, ports only for tcp/udp, lo <= hi for RANGE and NONE
 * operators with zero ports.  Returns true when valid; otherwise false
 * with a message in err (err may be NULL).
 */
bool ddr_acl_check(const struct ddr_acl *acl, char *err, size_t err_size);

/* First-match evaluation with implicit deny (see the file comment).  acl
 * must have passed ddr_acl_check(). */
bool ddr_acl_match(const struct ddr_acl *acl, const struct ddr_ip *ip);

#endif /* NASD_DDR_ACL_H */
