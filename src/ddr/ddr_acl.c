/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_acl.c - IPv4 header parsing for the dialer (RFC 791 §3.1, with the
 * first octets of TCP, UDP and ICMP) and first-match evaluation of numbered
 * IP access lists as IOS does it.  See ddr_acl.h for the readings.
 */
#include <stdio.h>

#include "ddr_acl.h"
#include "rd.h"

#define IP_PROTO_ICMP 1
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17

static const char *const port_op_names[] = {
#define DDR_ACL_PORT_OP_NAME(e, s) [DDR_ACL_PORT_##e] = s,
	DDR_ACL_PORT_OPS(DDR_ACL_PORT_OP_NAME)
#undef DDR_ACL_PORT_OP_NAME
};
_Static_assert(sizeof(port_op_names) / sizeof(port_op_names[0]) ==
		       DDR_ACL_PORT_OP_COUNT,
	       "port operator name table out of step with the enum");

const char *ddr_acl_port_op_name(enum ddr_acl_port_op op)
{
	if ((unsigned)op >= DDR_ACL_PORT_OP_COUNT)
		return NULL;
	return port_op_names[op];
}

bool ddr_ip_parse(const uint8_t *pkt, size_t len, struct ddr_ip *out)
{
	struct rd r = rd_init(pkt, pkt ? len : 0);
	struct rd hdr, payload;
	uint8_t vihl, tos, ttl, proto;
	uint16_t total, id, frag;
	size_t ihl_octets;

	*out = (struct ddr_ip){0};
	if (!rd_peek_u8(&r, &vihl))
		return false;
	if (vihl >> 4 != 4)
		return false;
	ihl_octets = (size_t)(vihl & 0x0f) * 4;
	if (ihl_octets < 20)
		return false;
	/* Total Length first: it bounds the header and the payload. */
	if (!rd_sub(&r, 4, &hdr) || !rd_u8(&hdr, &vihl) || !rd_u8(&hdr, &tos) ||
	    !rd_u16(&hdr, &total))
		return false;
	if (total < ihl_octets || total > len)
		return false;
	r = rd_init(pkt + 4, (size_t)total - 4);
	if (!rd_sub(&r, ihl_octets - 4, &hdr))
		return false;
	payload = r;
	if (!rd_u16(&hdr, &id) || !rd_u16(&hdr, &frag) || !rd_u8(&hdr, &ttl) ||
	    !rd_u8(&hdr, &proto) || !rd_skip(&hdr, 2) ||
	    !rd_u32(&hdr, &out->src) || !rd_u32(&hdr, &out->dst))
		return false;
	/* Options (IHL > 5) are not needed; they stay in hdr unread. */
	out->proto = proto;
	out->total_len = total;
	out->fragment = (frag & 0x1fff) != 0;
	if (out->fragment)
		return true;
	if (proto == IP_PROTO_TCP || proto == IP_PROTO_UDP) {
		uint16_t sp, dp;

		if (rd_u16(&payload, &sp) && rd_u16(&payload, &dp)) {
			out->has_ports = true;
			out->sport = sp;
			out->dport = dp;
		}
	} else if (proto == IP_PROTO_ICMP) {
		uint8_t type;

		if (rd_u8(&payload, &type)) {
			out->has_icmp_type = true;
			out->icmp_type = type;
		}
	}
	return true;
}

struct ddr_acl_addr ddr_acl_any(void)
{
	return (struct ddr_acl_addr){.addr = 0, .wildcard = 0xffffffffu};
}

struct ddr_acl_addr ddr_acl_host(uint32_t addr)
{
	return (struct ddr_acl_addr){.addr = addr, .wildcard = 0};
}

struct ddr_acl_addr ddr_acl_wild(uint32_t addr, uint32_t wildcard)
{
	return (struct ddr_acl_addr){.addr = addr, .wildcard = wildcard};
}

static bool ports_check(const struct ddr_acl_ports *p, bool allowed,
			const char **why)
{
	if ((unsigned)p->op >= DDR_ACL_PORT_OP_COUNT) {
		*why = "unknown port operator";
		return false;
	}
	if (p->op == DDR_ACL_PORT_NONE) {
		if (p->lo || p->hi) {
			*why = "ports without an operator";
			return false;
		}
		return true;
	}
	if (!allowed) {
		*why = "ports are only for tcp and udp";
		return false;
	}
	if (p->op == DDR_ACL_PORT_RANGE && p->lo > p->hi) {
		*why = "port range upside down";
		return false;
	}
	return true;
}

bool ddr_acl_check(const struct ddr_acl *acl, char *err, size_t err_size)
{
	bool standard = acl->number >= 1 && acl->number <= 99;
	const char *why = NULL;
	size_t i;

	if (!standard && !(acl->number >= 100 && acl->number <= 199)) {
		why = "list number not 1-99 or 100-199";
		i = 0;
		goto fail;
	}
	if (acl->n_rules > DDR_ACL_RULES_MAX) {
		why = "too many rules";
		i = 0;
		goto fail;
	}
	for (i = 0; i < acl->n_rules; i++) {
		const struct ddr_acl_rule *rule = &acl->rules[i];
		bool l4 = rule->proto == IP_PROTO_TCP ||
			  rule->proto == IP_PROTO_UDP;

		if (rule->proto > DDR_ACL_PROTO_IP) {
			why = "protocol not 0-255 or ip";
			goto fail;
		}
		if (standard && (rule->proto != DDR_ACL_PROTO_IP ||
				 rule->dst.wildcard != 0xffffffffu ||
				 rule->sport.op != DDR_ACL_PORT_NONE ||
				 rule->dport.op != DDR_ACL_PORT_NONE)) {
			why = "a standard list matches the source only";
			goto fail;
		}
		if (!ports_check(&rule->sport, l4, &why) ||
		    !ports_check(&rule->dport, l4, &why))
			goto fail;
	}
	return true;
fail:
	if (err && err_size)
		snprintf(err, err_size, "access-list %u rule %zu: %s",
			 acl->number, i + 1, why);
	return false;
}

static bool addr_match(const struct ddr_acl_addr *a, uint32_t addr)
{
	return ((addr ^ a->addr) & ~a->wildcard) == 0;
}

static bool port_match(const struct ddr_acl_ports *p, uint16_t port)
{
	switch (p->op) {
	case DDR_ACL_PORT_NONE:
		return true;
	case DDR_ACL_PORT_EQ:
		return port == p->lo;
	case DDR_ACL_PORT_NEQ:
		return port != p->lo;
	case DDR_ACL_PORT_LT:
		return port < p->lo;
	case DDR_ACL_PORT_GT:
		return port > p->lo;
	case DDR_ACL_PORT_RANGE:
		return port >= p->lo && port <= p->hi;
	case DDR_ACL_PORT_OP_COUNT:
		break;
	}
	return false;
}

/* 1 match, 0 no match, -1 skip (a deny with ports on a fragment). */
static int rule_match(const struct ddr_acl_rule *rule, const struct ddr_ip *ip)
{
	bool l4 = rule->sport.op != DDR_ACL_PORT_NONE ||
		  rule->dport.op != DDR_ACL_PORT_NONE;

	if (rule->proto != DDR_ACL_PROTO_IP && rule->proto != ip->proto)
		return 0;
	if (!addr_match(&rule->src, ip->src) ||
	    !addr_match(&rule->dst, ip->dst))
		return 0;
	if (!l4)
		return 1;
	if (!ip->has_ports) {
		/* A non-initial fragment, or a first fragment too short to
		 * hold ports: IOS lets a permit decide on layer 3 and moves
		 * past a deny. */
		return rule->permit ? 1 : -1;
	}
	return port_match(&rule->sport, ip->sport) &&
	       port_match(&rule->dport, ip->dport);
}

bool ddr_acl_match(const struct ddr_acl *acl, const struct ddr_ip *ip)
{
	if (acl->n_rules == 0)
		return true;
	for (size_t i = 0; i < acl->n_rules && i < DDR_ACL_RULES_MAX; i++) {
		if (rule_match(&acl->rules[i], ip) == 1)
			return acl->rules[i].permit;
	}
	return false;
}
