/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vpdn.h - VPDN in the daemon (daemon-internal): the L2TP manager that
 * ties the L2TP core (src/l2tp, RFC 2661) to UDP sockets, calls and PPP
 * sessions, in the roles of IOS's vpdn-groups (seed 004):
 *
 *  - LAC dial-in (`request-dialin`): a call (ISDN B-channel or modem line)
 *    runs LCP and sends the CHAP Challenge locally; the caller's Response
 *    names the user, whose domain (or the called number) picks the
 *    vpdn-group; its tunnel is opened or reused, ICRQ/ICRP/ICCN carry the
 *    numbers, bearer, speeds, proxy LCP and proxy authentication, and the
 *    caller's frames are then relayed unchanged (vpdn_lac.c);
 *  - LAC dial-out (`accept-dialout`): an OCRQ from the LNS places a data
 *    call on the group's `dialer N` members; when it connects, OCCN, and
 *    the B-channel is relayed (vpdn_lac.c);
 *  - LNS dial-in (`accept-dialin`): each session gets a Virtual-Access
 *    interface cloned from the group's Virtual-Template; its PPP starts
 *    from the proxy LCP/authentication (vpdn_lns.c);
 *  - LNS dial-out (`request-dialout`): a dialer profile with `dialer vpdn`
 *    and `dialer pool N` dials through the group with `pool-member N`:
 *    OCRQ on the tunnel, and on OCCN a Virtual-Access bound to the
 *    profile runs PPP as the caller (vpdn_lns.c, ddr_glue.c).
 *
 * One UDP socket on port 1701 (all addresses) carries every tunnel, in
 * batches (udp.h).  `show vpdn [tunnel|session]`, `show l2tp
 * tunnel|session`, `clear vpdn tunnel` live in vpdn_show.c.
 */
#ifndef NASD_DAEMON_VPDN_H
#define NASD_DAEMON_VPDN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "l2tp.h"
#include "loop.h"
#include "ppp_session.h"
#include "udp.h"

struct nasd;
struct cmd_table;
struct vpdn_fwd;
struct vaccess;
struct dialer_call;
struct pcap_file;

#define VPDN_PORT 1701

/*
 * The lower link of a LAC call (an ISDN B-channel call or a modem line),
 * seen through ops: the relay sends the LNS's frames to the caller and
 * hangs the call up when the tunnel session ends.
 */
struct vpdn_lower_ops {
	/* One PPP frame to the caller (address/control included). */
	void (*send)(void *ctx, const uint8_t *frame, size_t len);
	/* End the call (the session is gone): the owner forgets its
	 * struct vpdn_fwd pointer before returning. */
	void (*hangup)(void *ctx, const char *reason);
	/* Forget the struct vpdn_fwd pointer, the call goes on (its PPP
	 * session ends it: ppp_session_forward_fail()). */
	void (*detach)(void *ctx);
	/* Set-Link-Info from the LNS: ACCMs for an async link.  May be
	 * NULL. */
	void (*accm)(void *ctx, uint32_t send_accm, uint32_t recv_accm);
};

/* What the LAC tells the LNS about the call (ICRQ/ICCN, OCCN). */
struct vpdn_call_desc {
	char ifname[IFNAME_MAX];  /* "Serial0:17" */
	char ifshort[IFNAME_MAX]; /* "Se0:17": debug prefix */
	char called[L2TP_NUMBER_MAX];
	char calling[L2TP_NUMBER_MAX];
	bool analog;              /* a modem call (bearer analog, async) */
	uint32_t speed_bps;
	uint32_t channel;         /* B-channel / line number */
};

/* One LAC call handed to a tunnel (dial-in or dial-out). */
struct vpdn_fwd {
	struct vpdn_fwd *next;      /* vpdn->fwds */
	struct vpdn *vpdn;
	const struct vpdn_lower_ops *lops;
	void *lctx;                 /* NULL once the lower link is gone */
	struct ppp_session *sess;   /* dial-in: the frozen local session */
	struct l2tp_session *ls;    /* NULL once the L2TP session is gone */
	struct vpdn_call_desc call;
	bool dialout;
	bool established;
	char user[PPP_NAME_MAX];
	char group[CONFIG_VPDN_NAME_MAX];
	/* dial-in: proxy data for the ICCN */
	struct ppp_proxy_lcp plcp;
	bool have_plcp;
	struct ppp_proxy_auth pauth;
	/* dial-in failover: the initiate-to addresses whose tunnel failed
	 * to come up for this call, in the order tried */
	uint32_t tried[CONFIG_VPDN_MAX_INITIATE];
	size_t ntried;
	/* frames from the caller before the session is established */
	uint8_t *q;
	size_t qlen, qn;
	uint64_t rx_frames, tx_frames, drops;
	struct loop_defer reap;
	bool dying;
};

/* A group's identity across reloads: the tunnels' cfg.user; and its busy
 * list: initiate-to addresses whose tunnel failed to come up, passed over
 * until busy[i].until_ms (`l2tp tunnel busy timeout`). */
struct vpdn_grp {
	struct vpdn_grp *next;
	char name[CONFIG_VPDN_NAME_MAX];
	struct {
		uint32_t addr;
		uint64_t until_ms;  /* loop clock */
		uint16_t tunnel_id; /* the tunnel that failed (local id) */
	} busy[CONFIG_VPDN_MAX_INITIATE];
	size_t nbusy;
};

struct vpdn {
	struct nasd *nasd;
	struct l2tp *l2tp;
	int fd;
	struct loop_fd lfd;
	struct udp_rx rx;
	struct udp_tx tx;
	struct loop_defer flush;
	struct vpdn_grp *grps;
	struct vpdn_fwd *fwds;
	struct vaccess *vas;        /* newest first */
	uint64_t *va_units;         /* bit u-1 set: Virtual-Access<u> used */
	size_t va_words;
	struct pcap_file *pcap;
	uint32_t local_ip;          /* the datagram being handled: our
				     * address it came to (for pcap) */
	uint64_t tx_dropped;
};

/* ---- vpdn.c ---- */

/* Copy src into dst[0..size), cut to fit (size > 0): names and numbers
 * between structs of different limits. */
void vpdn_cpy(char *dst, size_t size, const char *src);

/* Bring VPDN in line with cfg (apply.c): with `vpdn enable` and at least
 * one vpdn-group, open the L2TP socket (UDP 1701) and the core; without,
 * clear every tunnel and close them.  Failures are logged. */
void vpdn_apply(struct nasd *nasd, const struct config *cfg);
/* Shutdown: StopCCN to every tunnel (best effort), free everything. */
void vpdn_fini(struct nasd *nasd);
/* Capture every L2TP datagram in and out to path (raw IPv4 with UDP
 * headers, tshark decodes L2TP).  0 or -1 (logged). */
int vpdn_pcap_open(struct nasd *nasd, const char *path);
/* The group object named `name` (created on first use; lives until
 * vpdn_fini). NULL when out of memory. */
struct vpdn_grp *vpdn_grp_get(struct vpdn *v, const char *name);
/* Fill an L2TP tunnel configuration from vpdn-group g (peer_name: the
 * peer's host name when known, for `username` secrets). */
void vpdn_tunnel_cfg(const struct nasd *nasd, const struct config_vpdn_group *g,
		     const char *peer_name, bool lac,
		     struct l2tp_tunnel_cfg *out);
/*
 * The tunnel of group g to use for a new call: an existing one or a new
 * one to the `initiate-to` address lns_select() chooses (priority, load
 * sharing, the group's busy list), never one of tried[0..ntried) (the
 * addresses this call already failed over from; tried may be NULL when
 * ntried is 0).  ifshort prefixes the seed's VPDN debug lines.  NULL when
 * no address is left or a tunnel cannot be opened (logged).
 */
struct l2tp_tunnel *vpdn_tunnel_for(struct vpdn *v,
				    const struct config_vpdn_group *g,
				    const char *ifshort, bool lac,
				    const uint32_t *tried, size_t ntried);
/*
 * The tunnel t, opened by us for group grp, went down before it was
 * established: its address goes on the group's busy list for the group's
 * `l2tp tunnel busy timeout` (logged once per failure).  No-op for a
 * tunnel the peer opened or one that was established.
 */
void vpdn_tunnel_failed(struct vpdn *v, struct l2tp_tunnel *t);

/* ---- vpdn_lac.c ---- */

/* The lower-link ops of an ISDN B-channel call (ctx: struct isdn_call). */
extern const struct vpdn_lower_ops vpdn_isdn_lower_ops;
/* The lower-link ops of a modem line (ctx: struct line; line.c). */
extern const struct vpdn_lower_ops line_vpdn_lower_ops;

/*
 * ops->auth_forward of a PPP session on a call that may be tunnelled (an
 * ISDN B-channel or a modem line): with a request-dialin group for the
 * called number or the user's domain, the call is forwarded: a struct
 * vpdn_fwd is created (returned in *out, the owner keeps it and gives it
 * every later frame with vpdn_fwd_input(); it detaches with
 * vpdn_fwd_lower_gone()) and PPP_FWD_FORWARD returned.  Otherwise LOCAL.
 */
enum ppp_fwd_decision vpdn_auth_forward(struct nasd *nasd,
					const struct vpdn_call_desc *call,
					const struct vpdn_lower_ops *lops,
					void *lctx, struct ppp_session *sess,
					const struct ppp_proxy_auth *pa,
					struct vpdn_fwd **out);
/* A frame from the caller of a forwarded call. */
void vpdn_fwd_input(struct vpdn_fwd *f, const uint8_t *frame, size_t len);
/* The lower link is gone (carrier lost, hang-up, q850 cause or 0): CDN
 * to the LNS, and the fwd is freed later. */
void vpdn_fwd_lower_gone(struct vpdn_fwd *f, int q850_cause);
/* LAC dial-out: the data call placed for f connected (OCCN) or failed
 * (CDN with the Q.850 cause). */
void vpdn_fwd_dialout_connected(struct vpdn_fwd *f, uint32_t speed_bps);
/* Free what is left at shutdown. */
void vpdn_lac_fini(struct vpdn *v);
/* The core's session events for LAC sessions (vpdn.c dispatches). */
void vpdn_lac_session_reply(struct vpdn *v, struct vpdn_fwd *f);
void vpdn_lac_session_connected(struct vpdn *v, struct vpdn_fwd *f);
/* The session of f is gone.  failed: its tunnel when that went down
 * before it was established (valid during the call), else NULL; a
 * dial-in call then fails over to the group's next initiate-to address
 * (vpdn_tunnel_for) before it is given up. */
void vpdn_lac_session_down(struct vpdn *v, struct vpdn_fwd *f,
			   struct l2tp_tunnel *failed,
			   const struct l2tp_result *why);
void vpdn_lac_session_data(struct vpdn_fwd *f, const uint8_t *frame,
			   size_t len);
void vpdn_lac_session_sli(struct vpdn_fwd *f, uint32_t send_accm,
			  uint32_t recv_accm);
int vpdn_lac_ocrq(struct vpdn *v, struct l2tp_session *ls,
		  const struct l2tp_ocrq_info *info);

/* ---- vpdn_lns.c ---- */

/* A Virtual-Access interface: one LNS session's PPP. */
struct vaccess {
	struct vaccess *next, **pprev; /* vpdn->vas: O(1) unlink */
	struct vpdn *vpdn;
	unsigned unit;              /* Virtual-Access<unit> */
	char ifname[IFNAME_MAX], ifshort[IFNAME_MAX];
	struct l2tp_session *ls;    /* NULL once the L2TP session is gone */
	struct ppp_session *sess, *dead;
	struct dialer_call *dc;     /* dial-out: the profile's call */
	char group[CONFIG_VPDN_NAME_MAX];
	unsigned vtemplate;
	bool dialout;
	bool async;                 /* the LAC's framing is async */
	uint64_t created_ms;
	struct loop_defer reap;
	bool dying;
};

int vpdn_lns_incoming(struct vpdn *v, struct l2tp_session *ls,
		      const struct l2tp_call_info *info);
void vpdn_lns_connected(struct vpdn *v, struct vaccess *va,
			const struct l2tp_connect_info *info);
void vpdn_lns_down(struct vpdn *v, struct vaccess *va,
		   const struct l2tp_result *why);
void vpdn_lns_data(struct vaccess *va, const uint8_t *frame, size_t len);
void vpdn_lns_fini(struct vpdn *v);
/* The PPP session of a Virtual-Access (DDR's dial-out call). */
struct ppp_session *vaccess_session(const struct vaccess *va);

/*
 * LNS dial-out (DDR op_dial on a DDR_CONF_VPDN dialer): find the
 * request-dialout group of `pool`, its tunnel (opened if needed), and
 * send OCRQ for `number`; the Virtual-Access created is kept in dc.
 * Returns 0 or -errno (-ENOENT no group, -ENETDOWN no tunnel).
 */
int vpdn_dialout(struct nasd *nasd, struct dialer_call *dc, unsigned pool,
		 const char *number, const char *dialer_ifname);
/* DDR hangs up a dial-out call: LCP Terminate, then CDN. */
void vpdn_dialout_hangup(struct vaccess *va, const char *reason);

/* ---- vpdn_show.c ---- */

/* show vpdn [tunnel|session] [json], show l2tp tunnel|session [json],
 * clear vpdn tunnel [ID]. */
int vpdn_install_commands(struct nasd *nasd, struct cmd_table *t);

#endif /* NASD_DAEMON_VPDN_H */
