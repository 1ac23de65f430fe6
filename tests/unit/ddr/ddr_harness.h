/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_harness.h - the test double the dialer tests drive a `struct ddr`
 * with: a fake clock (struct timers), a capture logger, and ops that
 * record every send, dial and hangup so tests assert exact packets,
 * numbers and reasons.
 */
#ifndef NASD_TEST_DDR_HARNESS_H
#define NASD_TEST_DDR_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ddr.h"
#include "fake_log.h"
#include "timer.h"

#define H_MAX 64

struct harness {
	struct timers ts;
	struct fake_log fl;
	struct ddr_cfg cfg;
	struct ddr *ddr;

	/* sends: the 2-octet tag of each packet (IP id), and the link */
	uint16_t sent_id[H_MAX];
	struct ddr_link *sent_link[H_MAX];
	size_t n_sent;

	char dialled[H_MAX][DDR_NUMBER_MAX];
	struct ddr_link *dial_link[H_MAX];
	size_t n_dial;
	bool dial_fails; /* dial() returns NULL (no channel) */

	char hangup_reason[H_MAX][48];
	struct ddr_link *hangup_link[H_MAX];
	size_t n_hangup;
};

#define IP(a, b, c, d)                                                         \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |      \
	 (uint32_t)(d))

/* Initialise clock (t = 1000 s), logger and a BRI0/BR0 legacy cfg with
 * defaults, 2 channels, `dialer-list permit`, no maps. */
void h_init(struct harness *h);
/* Create the dialer from h->cfg (asserts success). */
void h_start(struct harness *h);
void h_fini(struct harness *h);
/* Advance the fake clock by ms, running timers. */
void h_advance(struct harness *h, uint64_t ms);
/* Add a dialer map to h->cfg. */
void h_map(struct harness *h, uint32_t next_hop, const char *name,
	   const char *cls, const char *number);

/* Build an IPv4 packet into buf (>= 40 octets); returns its length.  id
 * tags it; proto 6/17 get ports sport/dport, 1 gets ICMP type 8. */
size_t h_pkt(uint8_t *buf, uint16_t id, uint8_t proto, uint32_t src,
	     uint32_t dst, uint16_t sport, uint16_t dport);

/* ddr_output() of an interesting UDP packet 10.1.1.8 -> dst tagged id. */
enum ddr_verdict h_out(struct harness *h, uint32_t next_hop, uint32_t dst,
		       uint16_t id);

/* The line index of needle in the log, asserting it is there. */
long h_log(struct harness *h, const char *needle);

#endif
