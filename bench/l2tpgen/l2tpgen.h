/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpgen.h - the L2TP LAC load generator (bench/l2tpgen): the shared
 * state of its files and the functions they offer each other.
 *
 * l2tpgen plays many dial-in callers behind one LAC against an LNS under
 * test (RFC 2661 §5.2.1 incoming calls): nasd's own L2TP core (src/l2tp)
 * is the LAC, with its reliable delivery, tunnel authentication and
 * hidden AVPs, and each call runs nasd's own PPP session (src/session) in
 * the client role: active open, it answers the LNS's CHAP or PAP with a
 * configured user and password, and takes the address IPCP gives it
 * (RFC 1661, 1332, 1334, 1994).  With --proxy the ICCN carries proxy LCP
 * and proxy authentication (§4.4.5) as a real LAC's would, and the PPP
 * client starts from that LCP instead of negotiating.
 *
 * Phases, in order (main.c): setup (tunnels, then calls at --rate, until
 * every call has IPCP Opened or failed, or --timeout), hold (--hold:
 * calls stay up, LCP echo answered), data (--pps/--size/--duration: IP
 * packets through every call to an echoing address behind the LNS, the
 * replies counted), teardown (StopCCN), report (one line and --json).
 *
 * Files: opts.c (command line), ctl.c (the L2TP core's glue and the UDP
 * socket), sess.c (one PPP client per call), data.c (the echo traffic
 * and its packets), report.c (summary and JSON), main.c (the phases).
 */
#ifndef L2TPGEN_H
#define L2TPGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "l2tp.h"
#include "log.h"
#include "loop.h"
#include "ppp_session.h"
#include "rand.h"
#include "timer.h"
#include "udp.h"

#define GEN_SESSIONS_MAX 60000u /* session ids are 16 bits per tunnel */
#define GEN_TUNNELS_MAX 1000u
#define GEN_FMT_MAX 64 /* --user format, --hostname */
#define GEN_SECRET_MAX 64
#define GEN_CHAL_MAX 64 /* CHAP challenge values kept */

enum gen_auth { GEN_AUTH_CHAP, GEN_AUTH_PAP };
enum gen_proto { GEN_PROTO_ICMP, GEN_PROTO_UDP };

/* The command line, validated (opts.c). */
struct gen_opts {
	uint32_t lns_ip;   /* host order */
	uint16_t lns_port; /* 1701 by default */
	uint32_t bind_ip;  /* 0: any */
	char secret[GEN_SECRET_MAX];
	size_t secret_len; /* 0: no tunnel authentication */
	bool hidden;	   /* hide AVPs (needs a secret) */
	char hostname[GEN_FMT_MAX];
	unsigned sessions;
	unsigned tunnels;
	double rate;		    /* ICRQ per second, 0 = window-bound */
	char user_fmt[GEN_FMT_MAX]; /* one %d (call number from 1) or none */
	char password[GEN_SECRET_MAX];
	enum gen_auth auth;
	bool proxy;
	unsigned hold_s;
	double pps;	     /* total offered, all calls */
	unsigned size_bytes; /* IP packet length */
	unsigned duration_s;
	enum gen_proto proto;
	uint32_t target_ip;   /* 0: each call's IPCP peer address */
	uint16_t target_port; /* UDP echo port */
	unsigned timeout_s;   /* setup phase limit */
	unsigned keepalive_s; /* our LCP echo period, 0 = off */
	unsigned echo_fails;  /* misses before a call is dead */
	unsigned window;      /* Receive Window Size we advertise */
	unsigned rtx_ms;      /* first retransmission timeout */
	const char *json_path;
	const char *ready_path; /* created when setup is over */
	uint64_t debug;		/* log.h debug bits (-d WORDS) */
	bool quiet;
};

/* Fill *o from argv.  Returns 0, 1 after --help was printed (exit 0), or
 * -1 after a message on `err` (exit 2).  Never exits itself. */
int gen_opts_parse(struct gen_opts *o, int argc, char **argv, FILE *err);

/* One call's user name from --user ("user%d@bench" → "user7@bench" for
 * n = 7).  Returns false when it does not fit. */
bool gen_user_name(const struct gen_opts *o, unsigned n, char *out,
		   size_t size);

enum gen_sess_state {
	GEN_S_IDLE,    /* not started yet */
	GEN_S_L2TP,    /* ICRQ .. ICCN */
	GEN_S_PPP,     /* LCP .. IPCP */
	GEN_S_UP,      /* IPCP Opened */
	GEN_S_FAILED,  /* went down before IPCP Opened */
	GEN_S_DROPPED, /* went down after */
};

struct gen;

/* One call. */
struct gen_sess {
	struct gen *gen;
	unsigned idx; /* 0 .. sessions-1 */
	struct gen_tun *tun;
	struct l2tp_session *ls; /* NULL once the call is gone */
	struct ppp_session *ps;	 /* freed at exit only */
	enum gen_sess_state state;
	const char *why;	    /* static text: why it failed */
	uint32_t ip_local, ip_peer; /* from IPCP */
	uint64_t start_ms, up_ms;
	uint32_t echo_replies;	/* LCP Echo-Replies from the LNS */
	uint32_t echo_requests; /* LCP Echo-Requests from the LNS */
	uint64_t data_tx, data_rx;
	uint16_t data_seq;
	uint32_t lac_magic, our_magic; /* proxy LCP Magic-Numbers */
	uint8_t proxy_auth_id;	       /* Identifier in the proxy authen */
	bool ppp_started;
	/* The LNS's last CHAP Challenge, to repeat our Response while no
	 * Success comes (sess.c). */
	uint8_t chal_id, chal_len, chal_tries;
	uint8_t chal[GEN_CHAL_MAX];
	struct timer chap_timer;
	struct timer start_timer; /* PPP start if the LNS stays silent */
	char ifshort[16];
};

/* One tunnel. */
struct gen_tun {
	struct gen *gen;
	unsigned idx;
	struct l2tp_tunnel *t; /* NULL once down */
	bool up, failed;
	uint64_t retransmits; /* saved when it went down */
};

/* Totals and timings for the report. */
struct gen_stats {
	unsigned up, failed, dropped; /* now */
	unsigned setup_up;	      /* up when setup ended */
	uint64_t t0_ms;		      /* first SCCRQ */
	uint64_t tunnels_up_ms;	      /* last tunnel up */
	uint64_t setup_end_ms;	      /* last call up, or the timeout */
	uint64_t retransmits;
	unsigned ip_flaps; /* IPCP left Opened on a live call */
	/* hold */
	unsigned hold_up_end;	 /* calls still up after --hold */
	unsigned hold_ipcp_open; /* ... with IPCP Opened */
	unsigned hold_echo_ok;	 /* ... that had an Echo-Reply */
	/* data */
	double data_s; /* sending time */
	uint64_t data_tx, data_rx, data_tx_err;
	uint64_t udp_tx_dropped;   /* datagrams the kernel refused */
	const char *first_failure; /* a sample reason */
};

struct gen {
	struct gen_opts o;
	struct loop *loop;
	struct timers *ts;
	struct logger log;
	struct aaa *aaa;
	struct l2tp *l2tp;
	int fd;
	struct loop_fd lfd;
	struct udp_rx rx;
	struct udp_tx tx;
	struct loop_defer flush;
	struct gen_tun *tuns;
	struct gen_sess *sess;
	struct rand_pool rand; /* gen_random() */
	unsigned started;	  /* calls created so far */
	unsigned pending;	  /* calls neither up nor over */
	struct timer pace;	  /* starts calls at --rate */
	struct timer phase_timer; /* the current phase's end */
	bool phase_done;
	bool tearing;	       /* calls ending now are not failures */
	bool hold_done;	       /* the hold phase has run */
	bool in_setup;	       /* the setup phase is running */
	bool interrupted;      /* SIGINT/SIGTERM: skip to teardown */
	struct timer progress; /* progress line every second */
	struct gen_stats st;
	/* data mode (data.c) */
	struct timer data_tick;
	uint64_t data_start_ms;
	uint64_t data_sent_total;
	unsigned data_next; /* round robin */
	bool data_on;
};

/* ---- ctl.c: the L2TP side ---- */

/* Open the UDP socket and the L2TP instance.  0, or -1 with a message
 * on stderr. */
int gen_ctl_open(struct gen *gen);
void gen_ctl_close(struct gen *gen);
/* Open every tunnel and start pacing calls onto them. */
void gen_ctl_start(struct gen *gen);
/* StopCCN on every tunnel still up (flushed at once). */
void gen_ctl_teardown(struct gen *gen);
/* Send everything queued on the socket now. */
void gen_ctl_flush(struct gen *gen);
/* n random octets (Magic-Numbers, challenges, ids) from the generator's
 * getrandom pool; a constant filler should the kernel refuse. */
void gen_random(struct gen *gen, void *buf, size_t n);
/* Sum of the tunnels' retransmissions. */
uint64_t gen_ctl_retransmits(const struct gen *gen);

/* ---- sess.c: one PPP client per call ---- */

/* The call's L2TP session exists (ICRQ queued): create its PPP client.
 * Returns 0 or -ENOMEM. */
int gen_sess_create(struct gen_sess *s);
/* ICRP arrived (proxy off: ICCN now) or ICCN sent: start PPP.  `info`
 * is what the ICCN carried. */
void gen_sess_connected(struct gen_sess *s);
/* The ICCN to send (proxy LCP and authentication with --proxy).  The
 * spans point into static storage of sess.c, valid until the next
 * call. */
void gen_sess_connect_info(struct gen_sess *s, struct l2tp_connect_info *info);
/* A frame from the LNS. */
void gen_sess_input(struct gen_sess *s, const uint8_t *frame, size_t len);
/* The L2TP call is gone (CDN or tunnel down). */
void gen_sess_l2tp_down(struct gen_sess *s, const char *why);
/* Note the end of a call in the totals (idempotent per state). */
void gen_sess_over(struct gen_sess *s, enum gen_sess_state st, const char *why);

/* ---- data.c: echo traffic ---- */

/* Build an echo request of `size` octets (IP header included) from src
 * to dst: ICMP Echo (id = call index, seq) or UDP to port with the same
 * tag.  Returns the length, or 0 when size is out of range. */
size_t gen_data_build(uint8_t *buf, size_t cap, enum gen_proto proto,
		      uint32_t src, uint32_t dst, uint16_t port, unsigned size,
		      uint16_t idx, uint16_t seq);
/* Parse a packet from the LNS: true and *idx when it is an echo reply
 * of ours (ICMP Echo-Reply or UDP from `port` with our tag). */
bool gen_data_parse(const uint8_t *pkt, size_t len, enum gen_proto proto,
		    uint16_t port, uint16_t *idx);
/* Start sending at --pps for --duration; calls gen_phase_end() when
 * done (after a grace period for the last replies). */
void gen_data_start(struct gen *gen);
/* An IP packet from the LNS on call s. */
void gen_data_input(struct gen_sess *s, const uint8_t *pkt, size_t len);

/* ---- report.c ---- */

/* The one-line summary on `f`. */
void gen_report_line(const struct gen *gen, FILE *f);
/* The JSON results into path.  0 or -1 with a message on stderr. */
int gen_report_json(const struct gen *gen, const char *path);

/* ---- main.c ---- */

/* End the current phase (from a callback): loop_run() returns. */
void gen_phase_end(struct gen *gen);
/* A call reached UP, FAILED or DROPPED: setup may be over. */
void gen_check_setup(struct gen *gen);

#endif /* L2TPGEN_H */
