/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tp_cfg.h - the plain parameter structs of the L2TP core: what one
 * tunnel is built from (a vpdn-group's `l2tp ...` commands, RFC 2661
 * §5.8 timers) and the per-call information the glue hands in or gets
 * back.  No behaviour, no pointers into live objects: the config module
 * may include it.
 */
#ifndef NASD_L2TP_CFG_H
#define NASD_L2TP_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define L2TP_NAME_MAX 64   /* host names, including the NUL */
#define L2TP_SECRET_MAX 64 /* tunnel password octets */
#define L2TP_NUMBER_MAX 64 /* called/calling numbers, sub-address */
#define L2TP_USER_MAX 64   /* proxy authen name, including the NUL */
#define L2TP_IFNAME_MAX 24 /* "Se0:17", "Vi2" */

/* Defaults (RFC 2661 §5.8 and Cisco's `l2tp tunnel ...` defaults). */
#define L2TP_DEF_HELLO_S 60
#define L2TP_DEF_RTX_MIN_MS 1000
#define L2TP_DEF_RTX_MAX_MS 8000
#define L2TP_DEF_RETRIES 5
/* The Receive Window Size we advertise: messages that arrive in order
 * cost us nothing to accept, and a tunnel's setup rate is window / RTT. */
#define L2TP_DEF_RX_WINDOW 64
#define L2TP_DEF_PEER_WINDOW 4 /* peer sent no Receive Window Size */
#define L2TP_DEF_ZLB_DELAY_MS 50

/* The peer as the glue addresses it: an opaque IPv4 address and UDP port
 * in host byte order.  The core never interprets them beyond equality
 * and printing "a.b.c.d". */
struct l2tp_peer {
	uint32_t ip;
	uint16_t port;
};

/*
 * One tunnel's parameters.  The glue fills it from the vpdn-group for
 * l2tp_tunnel_open() (LAC side, `request-dialin`/`request-dialout`) or in
 * ops->tunnel_accept() (responder side, `accept-dialin`/`accept-dialout`,
 * matched on `terminate-from hostname`).  The core copies it.  Zero
 * values select the defaults above.
 */
struct l2tp_tunnel_cfg {
	char local_name[L2TP_NAME_MAX];	 /* Host Name we send (`local name`);
					  * "" → "nasd" */
	uint8_t secret[L2TP_SECRET_MAX]; /* `l2tp tunnel password` */
	size_t secret_len;		 /* 0: no secret */
	bool authenticate;		 /* challenge the peer (`l2tp tunnel
					  * authentication`); needs a secret */
	bool hide_avps;	       /* `l2tp hidden`: hide Proxy Authen Name and
				* Response (never in SCCRQ); needs a secret */
	unsigned hide_pad_max; /* random padding of hidden values, 0..16 */
	uint16_t rx_window;    /* Receive Window Size we advertise */
	uint32_t framing_caps; /* 0 → sync | async */
	uint32_t bearer_caps;  /* advertised only when non-zero: a LAC with a
				* dial-out resource sets digital/analog */
	uint32_t hello_s;      /* keepalive after this much silence */
	uint32_t rtx_min_ms;   /* first retransmission timeout */
	uint32_t rtx_max_ms;   /* backoff cap (raised to >= 8000) */
	unsigned retries;      /* retransmissions before the tunnel clears */
	uint32_t zlb_delay_ms; /* wait for a piggyback before a ZLB; to send
				* ZLBs at once use L2TP_ZLB_IMMEDIATE */
	bool data_sequencing;  /* send Sequencing Required in ICCN/OCCN and
				* number our data messages */
	uint16_t firmware_rev; /* Firmware Revision AVP when non-zero */
	char vendor_name[L2TP_NAME_MAX]; /* Vendor Name AVP when non-empty */
	void *user; /* the glue's pointer (its vpdn-group), kept */
};

#define L2TP_ZLB_IMMEDIATE UINT32_MAX

/* Why a tunnel or session went down (StopCCN or CDN contents, received or
 * sent, or a local reason). */
struct l2tp_result {
	uint16_t result; /* StopCCN or CDN result code */
	uint16_t error;	 /* general error code (0 when none) */
	bool has_q931;
	uint16_t q931_cause;
	uint8_t q931_msg;
	bool by_peer;	    /* the peer sent the StopCCN/CDN */
	const char *reason; /* short local text ("retransmit timeout",
			     * "tunnel down"); valid during the call */
};

/*
 * LAC incoming call (ICRQ, RFC 2661 §6.10) and what the LNS learns from
 * it: numbers and bearer.  Strings are NUL-terminated (numbers longer than
 * L2TP_NUMBER_MAX - 1 are cut).
 */
struct l2tp_call_info {
	uint32_t call_serial;  /* 0: the core numbers calls itself */
	uint32_t bearer_type;  /* L2TP_BEARER_*; 0: not sent */
	uint32_t phys_channel; /* sent when has_phys_channel */
	bool has_phys_channel;
	char called[L2TP_NUMBER_MAX];  /* DNIS, "" = not sent */
	char calling[L2TP_NUMBER_MAX]; /* CLID, "" = not sent */
	char sub_address[L2TP_NUMBER_MAX];
	char ifname[L2TP_IFNAME_MAX]; /* local only, not sent: the interface
				       * the call came in on ("Se0:17"), for
				       * the debug prefix from "Create
				       * session" on (seed 004) */
};

/* A run of octets the glue lends for the duration of one call. */
struct l2tp_bytes {
	const uint8_t *p;
	size_t len;
};

/*
 * ICCN (§6.12) / OCCN (§6.9) contents: connect speeds, framing and, for an
 * ICCN, proxy LCP (the three CONFREQ option lists, each from the first
 * option on, no LCP header) and proxy authentication (§4.4.5).  Spans are
 * borrowed for the call only: the core copies what it keeps.
 */
struct l2tp_connect_info {
	uint32_t tx_speed_bps;
	uint32_t rx_speed_bps;	  /* sent when non-zero */
	uint32_t framing_type;	  /* 0 → L2TP_FRAMING_SYNC */
	bool sequencing_required; /* received: the peer asked for it */
	struct l2tp_bytes lcp_initial_rx, lcp_last_tx, lcp_last_rx;
	uint16_t proxy_auth_type; /* 0: no proxy authentication sent */
	struct l2tp_bytes proxy_auth_name;
	struct l2tp_bytes proxy_auth_challenge;
	uint16_t proxy_auth_id;
	struct l2tp_bytes proxy_auth_response; /* a secret: never logged */
	struct l2tp_bytes private_group_id;
};

/* LNS outgoing call request (OCRQ, §6.7); what the LAC receives. */
struct l2tp_ocrq_info {
	uint32_t call_serial; /* 0: numbered by the core */
	uint32_t min_bps, max_bps;
	uint32_t bearer_type;  /* 0 → digital | analog */
	uint32_t framing_type; /* 0 → sync | async */
	char called[L2TP_NUMBER_MAX];
	char sub_address[L2TP_NUMBER_MAX];
	char ifname[L2TP_IFNAME_MAX]; /* local only, not sent: the dialer's
				       * interface ("Vi1"), for the debug
				       * prefix after "Create dialout
				       * session" */
};

/* Call Errors (WEN, §6.14). */
struct l2tp_wen_info {
	uint32_t crc, framing, hw_overrun, buf_overrun, timeout, alignment;
};

#endif /* NASD_L2TP_CFG_H */
