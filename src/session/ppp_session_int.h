/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ppp_session_int.h - what the files of the session module share
 * (ppp_session.c: phases and demultiplexing; ppp_callback.c: the Callback
 * phase).  Not for other modules.
 */
#ifndef NASD_SESSION_PPP_SESSION_INT_H
#define NASD_SESSION_PPP_SESSION_INT_H

#include "ppp_session.h"

/* ppp_session.c */

/* Enter phase p, logging "As4 PPP: Phase is UP[, detail]" (detail may be
 * NULL); `quiet` skips the debug line (IOS 11.3 prints none for the
 * Callback phase). */
void ppp_session_set_phase(struct ppp_session *s, enum ppp_phase p,
			   const char *detail, bool quiet);
/* Send one packet of protocol `proto` (header added, LCP uncompressed). */
void ppp_session_send_proto(struct ppp_session *s, uint16_t proto,
			    const uint8_t *data, size_t len);
/* Enter the Network phase and start IPCP. */
void ppp_session_start_network(struct ppp_session *s);
/* The session's PAP / CHAP state, allocated and initialised on first
 * use; NULL when out of memory (logged, and LCP is closed from a timer:
 * the call cannot authenticate). */
struct pap *ppp_session_pap(struct ppp_session *s);
struct chap *ppp_session_chap(struct ppp_session *s);
/* Close LCP from a timer (never inside an automaton callback). */
void ppp_session_close_later(struct ppp_session *s, const char *reason);
/* %LINEPROTO-5-UPDOWN, once per change. */
void ppp_session_lineproto(struct ppp_session *s, bool up);

/* Log "Treating connection as a callin" and enter the Establish phase
 * ("Passive Open" / "Active Open"); LCP is left to the caller. */
void ppp_session_begin(struct ppp_session *s, bool passive);

/* ppp_l2tp.c */

/* LAC: offer a peer's CHAP Response / PAP Authenticate-Request to
 * ops->auth_forward; true when the call was forwarded (the session is
 * frozen in the Forward phase and nothing else must be done with it). */
bool ppp_l2tp_chap_forward(struct ppp_session *s,
			   const struct chap_response *r);
bool ppp_l2tp_pap_forward(struct ppp_session *s, const char *user,
			  const uint8_t *passwd, size_t passwd_len);
/* LAC, Forward phase: a frame from the peer for the tunnel. */
void ppp_l2tp_forward_input(struct ppp_session *s, const uint8_t *frame,
			    size_t len);
/* LNS, LCP just Opened from proxy LCP (This-Layer-Up): true when the
 * proxy authentication applies and will be verified as soon as LCP's
 * callback is over (ppp_session_start_proxy); false: the caller starts
 * the authenticator as usual, and unusable proxy credentials are
 * wiped. */
bool ppp_l2tp_proxy_authenticate(struct ppp_session *s);

/* ppp_callback.c */

void ppp_cb_init(struct ppp_session *s);
void ppp_cb_fini(struct ppp_session *s);
/* LCP's verdict on the peer's Callback option (RFC 1570 §2.3). */
enum lcp_cb_verdict ppp_cb_lcp_option(struct ppp_session *s,
				      const struct lcp_callback *cb,
				      uint8_t *nak_op);
/* Authentication finished both ways: run the Callback phase if one
 * applies.  True when it took over (the Network phase waits). */
bool ppp_cb_after_auth(struct ppp_session *s);
/* A CBCP packet (Code .. end) while LCP is Opened. */
void ppp_cb_input(struct ppp_session *s, const uint8_t *pkt, size_t len);
/* LCP is leaving Opened: `before` = before "Phase is TERMINATING" is
 * logged, then again after it. */
void ppp_cb_lcp_down(struct ppp_session *s, bool before);

#endif
