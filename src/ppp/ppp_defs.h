/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_defs.h - PPP protocol numbers and control-protocol codes shared by the
 * cores (RFC 1661 §2, §5; RFC 1332; RFC 1334; RFC 1994; RFC 1570;
 * [MS-CBCP]).
 */
#ifndef NASD_PPP_DEFS_H
#define NASD_PPP_DEFS_H

#include <stdint.h>

/* PPP Protocol field values. */
#define PPP_PROTO_IP 0x0021
#define PPP_PROTO_VJ_COMP 0x002d
#define PPP_PROTO_VJ_UNCOMP 0x002f
#define PPP_PROTO_IPV6 0x0057
#define PPP_PROTO_IPCP 0x8021
#define PPP_PROTO_IPV6CP 0x8057
#define PPP_PROTO_CCP 0x80fd
#define PPP_PROTO_LCP 0xc021
#define PPP_PROTO_PAP 0xc023
#define PPP_PROTO_LQR 0xc025
#define PPP_PROTO_CBCP 0xc029
#define PPP_PROTO_CHAP 0xc223

/* Control-protocol codes (RFC 1661 §5; LCP-only codes 8-11; RFC 1570 12-13). */
enum cp_code {
	CP_CONFREQ = 1, /* Configure-Request */
	CP_CONFACK = 2, /* Configure-Ack */
	CP_CONFNAK = 3, /* Configure-Nak */
	CP_CONFREJ = 4, /* Configure-Reject */
	CP_TERMREQ = 5, /* Terminate-Request */
	CP_TERMACK = 6, /* Terminate-Ack */
	CP_CODEREJ = 7, /* Code-Reject */
	CP_PROTREJ = 8, /* Protocol-Reject (LCP only) */
	CP_ECHOREQ = 9, /* Echo-Request (LCP only) */
	CP_ECHOREP = 10, /* Echo-Reply (LCP only) */
	CP_DISCREQ = 11, /* Discard-Request (LCP only) */
	CP_IDENT = 12,   /* Identification (RFC 1570) */
	CP_TIMEREM = 13, /* Time-Remaining (RFC 1570) */
};

/* Header of every control-protocol packet: Code, Identifier, Length. */
#define CP_HDR_LEN 4

/* RFC 1661 §6.1: the default MRU, and the largest Information field we ever
 * negotiate or accept. */
#define PPP_MRU_DEFAULT 1500
#define PPP_MRU_MAX 16384
#define PPP_MRU_MIN 64

/*
 * IOS debug name of a CP code ("CONFREQ", "TERMACK", "ECHOREQ", ...), or
 * NULL for an unknown code.  Used by every CP printer.
 */
const char *cp_code_name(uint8_t code);

#endif
