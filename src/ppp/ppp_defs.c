/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_defs.c - names of the control-protocol codes (RFC 1661 §5, LCP codes
 * 8-11 of RFC 1661 §5.7-5.9, RFC 1570 codes 12-13) as IOS prints them in
 * `debug ppp negotiation` ("O CONFREQ [Closed] id 3 len 25").  Every CP
 * printer (cp_fsm, LCP, IPCP, CBCP) takes its names from here so the debug
 * text cannot drift between protocols.
 */
#include "ppp_defs.h"

#include <stddef.h>

static const char *const cp_code_names[] = {
	[CP_CONFREQ] = "CONFREQ", [CP_CONFACK] = "CONFACK",
	[CP_CONFNAK] = "CONFNAK", [CP_CONFREJ] = "CONFREJ",
	[CP_TERMREQ] = "TERMREQ", [CP_TERMACK] = "TERMACK",
	[CP_CODEREJ] = "CODEREJ", [CP_PROTREJ] = "PROTREJ",
	[CP_ECHOREQ] = "ECHOREQ", [CP_ECHOREP] = "ECHOREP",
	[CP_DISCREQ] = "DISCREQ", [CP_IDENT] = "IDENT",
	[CP_TIMEREM] = "TIMEREM",
};

/* One slot per code 0..CP_TIMEREM, the last code of enum cp_code; extend
 * both together. */
_Static_assert(sizeof(cp_code_names) / sizeof(cp_code_names[0]) ==
		       CP_TIMEREM + 1,
	       "cp_code_names must cover every enum cp_code value");

const char *cp_code_name(uint8_t code)
{
	if (code >= sizeof(cp_code_names) / sizeof(cp_code_names[0]))
		return NULL;
	/* Slot 0 is no code (RFC 1661 §5 starts at 1) and stays NULL. */
	return cp_code_names[code];
}
