/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lns_select.h - which `initiate-to` address of a vpdn-group a new call is
 * tunnelled to (IOS VPDN load sharing and failover, Cisco "L2TP
 * Configuration" / "VPDN tunnel management"):
 *
 *  - the lowest priority number wins (`initiate-to ip A priority 1` is
 *    preferred to priority 2);
 *  - addresses of one priority share the load: the one with the fewest
 *    sessions (an address without a tunnel counts as none; a tie goes to
 *    an address that has a tunnel, so no second tunnel is opened for
 *    nothing, then to the order the addresses were entered);
 *  - an address whose tunnel failed to come up is on the group's busy
 *    list for `l2tp tunnel busy timeout` seconds and is passed over
 *    while any other address is usable;
 *  - an address a call has already failed over from is never tried again
 *    for that call; busy addresses are still tried (best priority first)
 *    when nothing else is left, so a group whose only LNS failed once
 *    does not refuse every call for the whole busy timeout.
 *
 * Pure: no I/O, no state, no clock (the caller fills in `busy`).
 */
#ifndef NASD_DAEMON_LNS_SELECT_H
#define NASD_DAEMON_LNS_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One `initiate-to` address as the selection sees it. */
struct lns_cand {
	uint32_t addr;	   /* host order (only carried, not compared) */
	unsigned priority; /* 1..32767; lower is preferred */
	bool active;	   /* a live tunnel (up or being set up) exists */
	unsigned sessions; /* sessions on that tunnel (0 when !active) */
	bool busy;	   /* on the busy list now */
	bool tried;	   /* this call already failed over from it */
};

/* What lns_select() found. */
struct lns_choice {
	int index;     /* into the candidates; -1: none left to try */
	bool all_busy; /* every untried address is busy: index is the
			* best of them (tried anyway) */
};

/*
 * Choose among c[0..n) (n may be 0; entries in the order configured) by
 * the rules above.  Returns the choice; index -1 only when every entry is
 * `tried` (or n is 0).
 */
struct lns_choice lns_select(const struct lns_cand *c, size_t n);

#endif
