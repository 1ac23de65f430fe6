/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_status.h - what nasdial shows about itself: the JSON of --status
 * FILE (rewritten on every change, so tests poll it), the closing summary,
 * and the small pure helpers that read facts off the wire for the call
 * logic (authentication results, in-band modem result codes).
 *
 * The status is a plain snapshot (struct dial_status) filled by the owner
 * from the call machine, the PPP session and the modem, then rendered; it
 * never holds a password.
 */
#ifndef NASD_NASDIAL_DIAL_STATUS_H
#define NASD_NASDIAL_DIAL_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dial_fsm.h"
#include "strbuf.h"

struct dial_status {
	const struct dial_fsm *fsm;  /* state, callback, counts, exit */
	const char *device;
	const char *number;          /* dialled ("" in answer mode) */
	const char *ifname;          /* "Async1" */
	const char *tun;             /* NULL: no data plane */
	unsigned connect_bps;        /* last CONNECT speed, 0 unknown */
	int pid;
	/* PPP (valid when have_ppp) */
	bool have_ppp;
	const char *ppp_phase;       /* "ESTABLISHING", "UP", ... */
	const char *lcp_state;       /* "Open", "REQsent", ... */
	const char *ipcp_state;
	const char *auth;            /* how we authenticated: "CHAP" ... */
	uint32_t local_addr, peer_addr; /* host order, 0 = none */
	uint32_t dns[2];
	uint64_t rx_frames, tx_frames, rx_ip_packets, tx_ip_packets;
	/* callback, besides fsm->cb */
	const char *cb_request;      /* "none", "cbcp", "rfc1570" */
	const char *cb_mode;         /* "no", "ask", "preset" or NULL */
	const char *cb_state;        /* CBCP state name or NULL */
	const char *cb_type;         /* agreed CBCP type name or NULL */
};

/* Render st as one JSON object (no trailing newline) into sb. */
void dial_status_json(const struct dial_status *st, struct strbuf *sb);

/* The closing summary: a few human lines ("Connect time 12.3 s ..."),
 * each ending in a newline. */
void dial_status_summary(const struct dial_status *st, struct strbuf *sb);

/* What an authentication packet from the server says about us. */
enum dial_auth_verdict {
	DIAL_AUTH_NONE,    /* not an authentication result */
	DIAL_AUTH_OK,      /* CHAP Success (RFC 1994 §4.3), PAP Ack */
	DIAL_AUTH_FAILED,  /* CHAP Failure, PAP Nak (RFC 1334 §2.2.2) */
};

/*
 * Classify a received PPP frame (Address/Control/Protocol/Information as
 * the session gets it, ACFC/PFC allowed) as an authentication result.
 * Only the Protocol and Code octets are read; malformed or short frames
 * are DIAL_AUTH_NONE.
 */
enum dial_auth_verdict dial_status_auth_peek(const uint8_t *frame,
					     size_t len);

/*
 * In-band modem result codes on a line without modem-control signals (a
 * pty): octets are collected into lines (CR/LF end one), and a line that
 * is exactly "NO CARRIER" is carrier loss (verbose results: the scripts
 * reset the modem with ATZ, which restores V1; a numeric "3" line could
 * too easily be IP payload).  The scanner is fed every octet the modem
 * sends while a call is up.
 */
struct dial_rc_scan {
	char buf[32];
	size_t len;
	bool overflow; /* the current line is longer than buf: not a code */
};

void dial_rc_scan_init(struct dial_rc_scan *sc);

/* Feed data[0..n); returns true if a NO CARRIER line was completed. */
bool dial_rc_scan_feed(struct dial_rc_scan *sc, const uint8_t *data,
		       size_t n);

/* Speed from a "CONNECT 33600..." result code anywhere in data, or 0. */
unsigned dial_status_connect_speed(const char *data, size_t n);

#endif /* NASD_NASDIAL_DIAL_STATUS_H */
