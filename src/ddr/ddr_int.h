/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_int.h - the inside of a dialer, shared by the files of src/ddr:
 * ddr.c (configuration, traffic, dialling, link events, idle timers, hold
 * queue), ddr_callback.c (RFC 1570 callback server and client, seed 002)
 * and ddr_show.c (`show dialer` text and JSON).  Not for other modules.
 */
#ifndef NASD_DDR_INT_H
#define NASD_DDR_INT_H

#include <string.h>

#include "ddr.h"

/* Link states.  X(ENUM, `show dialer` "Dialer state is ..." text). */
#define DDR_LINK_STATES(X)                                                     \
	X(FREE, "idle")                                                        \
	X(DIALING, "dialing")                                                  \
	X(CONNECTED, "physical layer up")                                      \
	X(UP, "data link layer up")                                            \
	X(CLOSING, "disconnecting")

enum ddr_link_state {
#define DDR_LINK_STATE_ENUM(e, s) DDR_LINK_##e,
	DDR_LINK_STATES(DDR_LINK_STATE_ENUM)
#undef DDR_LINK_STATE_ENUM
		DDR_LINK_STATE_COUNT
};

const char *ddr_link_state_text(enum ddr_link_state state);

struct ddr_link {
	struct ddr *ddr;
	enum ddr_link_state state;
	bool outgoing;		   /* we placed the call */
	bool callback_return;	   /* a callback server's return call */
	bool failure_counted;	   /* the number's failure is already counted */
	void *call;		   /* the glue's handle */
	char ifname[DDR_NAME_MAX]; /* "BRI0:1"; "" until known */
	char ifshort[DDR_NAME_MAX];  /* "BR0:1" */
	char remote[DDR_NAME_MAX];   /* authenticated name */
	char number[DDR_NUMBER_MAX]; /* dialled number; "" for incoming */
	int map;		     /* index in cfg.maps, -1 = none */
	bool via_string;	     /* dialled a `dialer string` */
	char reason[64];	     /* "ip (s=10.1.1.8, d=10.1.1.7)" */
	uint64_t last_ms;	     /* last interesting packet (idle base) */
	struct timer t_idle;	     /* idle / fast idle */
	struct timer t_carrier;	     /* wait-for-carrier while DIALING */
};

/* Per-number statistics of `show dialer`. */
struct ddr_numstat {
	char number[DDR_NUMBER_MAX];
	uint32_t successes;
	uint32_t failures;
	bool called; /* last_ms and last_ok valid */
	bool last_ok;
	uint64_t last_ms;
};

struct ddr_qpkt {
	uint8_t *data; /* malloc'd copy */
	size_t len;
	uint32_t next_hop;
};

/* A callback server's return call waiting for enable-timeout. */
struct ddr_cbpend {
	struct ddr *ddr;
	bool active;
	int map;
	char name[DDR_NAME_MAX];
	char number[DDR_NUMBER_MAX];
	struct timer t;
};

struct ddr {
	struct ddr_cfg cfg;
	struct ddr_ops ops;
	void *ctx;
	struct timers *ts;
	const struct logger *lg;

	struct ddr_link links[DDR_LINKS_MAX]; /* cfg.channels used */

	struct ddr_qpkt *q; /* hold queue, oldest first, cfg.holdq_packets */
	size_t nq;
	struct timer t_holdq;

	struct timer t_enable; /* re-enable wait after a call */
	bool contention;       /* a call waits for a channel: fast idle */
	bool pending_dial;     /* dial for the queue head when possible */

	struct ddr_cbpend cb[DDR_CALLBACKS_MAX];
	bool cb_waiting; /* client waiting for the return call */
	char cb_wait_name[DDR_NAME_MAX];
	struct timer t_cbwait;

	struct ddr_numstat stats[DDR_MAPS_MAX + DDR_STRINGS_MAX];
	size_t n_stats;
	struct ddr_counters cnt;
};

/* Copy the string src into dst[0..size), truncating; size > 0. */
static inline void ddr_strcpy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memmove(dst, src, n);
	dst[n] = '\0';
}

/* ddr.c, for the callback and show files. */
struct ddr_link *ddr_link_alloc(struct ddr *ddr);
void ddr_link_release(struct ddr *ddr, struct ddr_link *link);
bool ddr_place_call(struct ddr *ddr, struct ddr_link *link, const char *number,
		    int map);
struct ddr_numstat *ddr_numstat_find(struct ddr *ddr, const char *number);
void ddr_queue_flush(struct ddr *ddr, struct ddr_link *link);
void ddr_queue_drop_all(struct ddr *ddr, const char *why);
void ddr_queue_rearm(struct ddr *ddr);
void ddr_try_pending(struct ddr *ddr);
const char *ddr_link_prefix(const struct ddr_link *link);

/* ddr_callback.c, for ddr.c. */
void ddr_cb_init(struct ddr *ddr);
void ddr_cb_fini(struct ddr *ddr);
/* A link came up as remote: true when it ends the client's wait. */
bool ddr_cb_link_up(struct ddr *ddr, struct ddr_link *link);
/* A return call is pending or awaited for next_hop: queue, don't dial. */
bool ddr_cb_holds(const struct ddr *ddr, uint32_t next_hop);
void ddr_cb_cancel_all(struct ddr *ddr);

#endif /* NASD_DDR_INT_H */
