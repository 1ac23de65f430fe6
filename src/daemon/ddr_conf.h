/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_conf.h - which interfaces of a configuration are dialers, and what
 * each one is as a `struct ddr_cfg` (src/ddr): the translation from the
 * typed DDR commands of src/config (`dialer ...`, `map-class dialer`,
 * `dialer-list`, `access-list`, `ppp callback`) to the policy core's
 * plain parameters.  Pure: config and ddr only, no live objects, so it is
 * unit-tested on its own (tests/unit/daemon/test_ddr_conf.c).
 *
 * Dialers (Cisco IOS "Dial-on-Demand Routing" configuration guide):
 *  - a legacy interface: `interface BRI N`, a PRI D-channel `SerialN:23`
 *    (`:15` on an E1) or `interface Async N`, with `dialer in-band` or
 *    any dialer command of its own (a map, a string, a timer, a
 *    dialer-group ...), unless it is a member of a rotary group (`dialer
 *    rotary-group N`: the group's `interface Dialer N` is the dialer) or
 *    only a pool member (`dialer pool-member N`);
 *  - `interface Dialer N` with `dialer pool N`: a dialer profile, whose
 *    calls go out on the interfaces with `dialer pool-member N` (highest
 *    `priority` first);
 *  - `interface Dialer N` named by members' `dialer rotary-group N`: a
 *    rotary-group leader, legacy, whose calls go out on its members.
 *  A Dialer interface with neither members nor a pool cannot place a call
 *  and is skipped with a warning.
 *
 * Readings made here:
 *  - channels: 2 per BRI, the B timeslots of a PRI's pri-group, 1 per
 *    Async line, the sum over the members of a group or pool;
 *  - timers come from config_dialer_timer_s() with the map class of the
 *    first `dialer string` that names one, else the class every classed
 *    map shares; the core has one set of timers per dialer, so per-class
 *    values that differ between maps are not honoured (a warning says
 *    so).  `dialer idle-timeout 0` (never) becomes the core's maximum;
 *  - a map naming a class that is not defined is kept without the class
 *    (IOS accepts it; the class simply has no effect), with a warning;
 *  - interesting traffic: the `dialer-list` of the `dialer-group`; a
 *    list that references an undefined access list lets everything
 *    through (IOS); remarks are skipped;
 *  - `ppp callback accept` makes the dialer a callback server, `ppp
 *    callback request` a client; `dialer callback-secure` as configured.
 */
#ifndef NASD_DAEMON_DDR_CONF_H
#define NASD_DAEMON_DDR_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "ddr.h"
#include "strbuf.h"

#define DDR_CONF_MEMBERS_MAX 16

/* What carries a dialer's calls. */
enum ddr_conf_lower {
	DDR_CONF_ISDN,	/* B-channels of BRI/PRI interfaces */
	DDR_CONF_ASYNC, /* modem lines with chat scripts */
	DDR_CONF_VPDN,	/* L2TP dial-out: `dialer vpdn` on a profile whose
			 * `dialer pool` a vpdn-group's `request-dialout
			 * pool-member` names; the LAC places the call
			 * (seed 004).  No members; one call at a time. */
};

/* One dialer interface as the glue builds it. */
struct ddr_conf {
	struct ddr_cfg cfg;
	char ifname[IFNAME_MAX]; /* canonical: "BRI0", "Dialer1" */
	enum ddr_conf_lower lower;
	uint32_t addr, mask; /* `ip address A M`; 0 0 when none */
	/* The physical interfaces that carry its calls ("BRI0", "Async3",
	 * "Serial0:23"), in the order calls are placed on them; a legacy
	 * BRI/PRI/Async dialer is its own single member. */
	char members[DDR_CONF_MEMBERS_MAX][IFNAME_MAX];
	size_t n_members;
};

/*
 * Translate every dialer of cfg (see the file comment) into a new array
 * *out of *n entries (malloc'd, the caller frees; NULL when n is 0), in
 * configuration order.  Anything that cannot be honoured exactly is
 * appended to warn as one "% ..." line each (warn may be NULL); such a
 * dialer is still built, as near as possible, unless it fails
 * ddr_cfg_check() (then it is skipped with its reason).  Returns 0, or
 * -ENOMEM (nothing allocated).
 */
int ddr_conf_build(const struct config *cfg, struct ddr_conf **out, size_t *n,
		   struct strbuf *warn);

/*
 * Compile numbered access list `num` of cfg into *acl (IOS semantics in
 * ddr_acl.h): an undefined list gives n_rules 0 (everything matches).
 * Lists longer than DDR_ACL_RULES_MAX are cut, with a warning.  Returns
 * false when num is not 1-199.
 */
bool ddr_conf_acl(const struct config *cfg, unsigned num, struct ddr_acl *acl,
		  struct strbuf *warn);

/* The dialer of cfg that a call on physical interface `member` belongs
 * to (index into conf[0..n)), or -1. */
int ddr_conf_owner(const struct ddr_conf *conf, size_t n, const char *member);

#endif /* NASD_DAEMON_DDR_CONF_H */
