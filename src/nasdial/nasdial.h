/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nasdial.h - module-private: the live objects of one nasdial process and
 * the functions its files share.  nasdial.c owns the process (command
 * line, logging, signals, status file, chat scripts on the modem, the
 * "ask me" prompt); dial_link.c owns the PPP side of a connection (HDLC
 * framing, the ppp_session, TUN, routes, DNS, pcap).
 */
#ifndef NASD_NASDIAL_NASDIAL_H
#define NASD_NASDIAL_NASDIAL_H

#include <stdbool.h>
#include <stdint.h>

#include "aaa.h"
#include "chat.h"
#include "dial_fsm.h"
#include "dial_modem.h"
#include "dial_opts.h"
#include "dial_status.h"
#include "hdlc.h"
#include "log.h"
#include "loop.h"
#include "pcap.h"
#include "ppp_session.h"
#include "rtnl.h"
#include "tun.h"

struct nasdial {
	struct dial_opts o;
	struct loop *loop;
	struct timers *ts;
	struct logger log;
	struct aaa *aaa;  /* empty: we authenticate no one */
	struct dial_fsm fsm;
	struct dial_modem modem;
	bool modem_open;
	char ifname[PPP_IFNAME_MAX];  /* "Async1" */
	char ifshort[PPP_IFNAME_MAX]; /* "As1" */
	/* chat */
	struct chat_script *dial_script, *answer_script;
	struct chat_run *run;     /* the running (or finished) script */
	struct chat_run *old_run; /* ended, freed from a deferred callback */
	struct loop_defer run_reap;
	unsigned connect_bps;
	char rc_line[64];         /* modem output during chat (CONNECT speed) */
	size_t rc_len;
	struct dial_rc_scan scan; /* NO CARRIER while online */
	bool online;              /* carrier up: octets are PPP */
	/* PPP */
	struct hdlc_rx rx;
	struct hdlc_tx_cfg tx;
	struct ppp_session *sess;
	struct ppp_session *dead; /* freed from the reap callback */
	struct loop_defer reap;
	char down_reason[DIAL_REASON_MAX];
	bool return_call;
	bool cb_checked;          /* the LCP Callback verdict was looked at */
	const char *cb_state;     /* last callback picture (static names) */
	const char *cbcp_state;
	const char *cb_type;
	struct loop_defer cb_reject_defer;
	enum lcp_auth auth_used;
	uint32_t dns[2];
	uint32_t ip_local, ip_peer;
	/* data plane */
	int tun_fd;
	char tun_name[IFNAMSIZ_SIZE];
	int tun_ifindex;
	struct rtnl *nl;
	struct loop_fd tun_lfd;
	struct pcap_file *pcap;
	/* "ask me" */
	struct timer ask_timer;
	bool asking;
	struct loop_fd stdin_lfd;
	char ask_buf[DIAL_NUM_MAX + 2];
	size_t ask_len;
	/* status */
	struct timer status_timer;
	char *last_status;
	/* end */
	bool exiting;
	enum dial_exit exit_code;
};

/* dial_link.c: the PPP side. */

/* Open the TUN (--tun) and rtnetlink.  Returns 0 or -1 after logging a
 * clear message (no /dev/net/tun, no permission, name busy). */
int dial_link_tun_open(struct nasdial *nd);
void dial_link_tun_close(struct nasdial *nd);

/* Carrier is up: start a session (return_call: ask no callback). */
void dial_link_start(struct nasdial *nd, bool return_call);
/* Administrative close (LCP Terminate-Request). */
void dial_link_close(struct nasdial *nd, const char *reason);
/* Carrier lost: the session goes down now. */
void dial_link_lower_down(struct nasdial *nd);
/* Octets from the modem while online. */
void dial_link_input(struct nasdial *nd, const uint8_t *data, size_t n);
/* Free whatever session is left (at exit). */
void dial_link_free(struct nasdial *nd);
/* Fill the PPP part of a status snapshot. */
void dial_link_status(const struct nasdial *nd, struct dial_status *st);

/* nasdial.c: services for dial_link.c. */

/* Rewrite the status file if anything changed. */
void nasdial_status_update(struct nasdial *nd);

/* CBCP "ask me": the server offers callback (a bit per type).  Answer
 * with --ask-answer after --ask-delay-ms, or ask the user on stdin. */
void nasdial_ask(struct nasdial *nd, unsigned offer);
/* Forget a pending question (the session it belongs to is gone). */
void nasdial_ask_cancel(struct nasdial *nd);

#endif /* NASD_NASDIAL_NASDIAL_H */
