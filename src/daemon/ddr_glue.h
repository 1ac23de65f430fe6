/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr_glue.h - dial-on-demand routing in the daemon (daemon-internal): one
 * `struct dialer` per dialer interface of the running configuration
 * (ddr_conf.h says which), each driving a policy core `struct ddr`
 * (src/ddr, doc/ddr.md) with real calls:
 *
 *  - the data plane hands it packets through dialer routes (the connected
 *    subnet of a dialer with `ip address`, and `ip route`s whose next hop
 *    lies in that subnet or that name the dialer interface);
 *  - ops->dial places an ISDN data call on a free B-channel of a member
 *    BRI/PRI (isdn_place_data_call) or dials with a member line's `script
 *    dialer` chat script (line_dial); ops->hangup ends the call, with an
 *    LCP Terminate-Request first when PPP runs;
 *  - each call on a dialer's members is a `struct dialer_call`, tied to
 *    its B-channel call or line; what happens to it (carrier, PPP up with
 *    the authenticated name, the end and its cause) is reported to the
 *    core from a deferred loop callback, never from inside an op;
 *  - the PPP session of such a call sends its IP through ddr_output() (so
 *    interesting traffic keeps the idle timer going), gives received IP
 *    to ddr_input(), lets the core decide callback after authentication
 *    (ops->callback_decide → ddr_callback_decide) and, as a callback
 *    client, tells it the server will call back (ddr_callback_wait).
 *
 * Reloads: a dialer whose interface still is a dialer is kept; when its
 * translated configuration changed, its core is rebuilt and the calls in
 * progress are handed to the new core as incoming calls (statistics and
 * the hold queue start again).  Calls of a dialer that disappeared go on
 * outside DDR until they end.
 *
 * `show dialer [interface IFNAME] [json]`, `clear dialer [interface
 * IFNAME]` (ddr_glue_show.c); `debug dialer events` is the core's.
 */
#ifndef NASD_DAEMON_DDR_GLUE_H
#define NASD_DAEMON_DDR_GLUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ddr.h"
#include "ddr_conf.h"
#include "loop.h"
#include "ppp_session.h"

struct nasd;
struct config;
struct cmd_table;
struct isdn_call;
struct line;
struct dialer_call;
struct vaccess;

struct dialer {
	struct nasd *nasd;
	struct dialer *next;
	struct ddr_conf conf; /* what it was built from */
	struct ddr *ddr;
};

/* One call on a dialer's member: a B-channel call or a line's call. */
struct dialer_call {
	struct dialer_call *next; /* nasd->dcalls */
	struct nasd *nasd;
	struct dialer *dl;	/* NULL outside DDR: the dialer is gone,
				 * or a pool member's call not bound yet */
	bool pool_member;	/* binds to a profile at PPP up */
	struct ddr_link *link;	/* the core's link; NULL outside DDR */
	struct isdn_call *isdn; /* the B-channel call, or NULL */
	struct line *line;	/* the line, or NULL */
	struct vaccess *va;	/* an L2TP dial-out (vpdn.h), or NULL */
	bool outgoing;
	bool hangup_asked; /* ops->hangup: we end it */
	/* what happened, reported to the core by report() */
	bool carrier, ppp_up, ended;
	enum ddr_cause cause;
	char ifname[IFNAME_MAX], ifshort[IFNAME_MAX];
	char peer_name[PPP_NAME_MAX];
	/* what was reported */
	bool rep_connected, rep_up;
	/* IP to the peer goes through ddr_output(next_hop) */
	bool via_ddr;
	uint32_t next_hop;
	struct loop_defer report;
};

/* ---- ddr_glue.c ---- */

/* Bring the dialers in line with cfg (apply.c, after ISDN and lines):
 * build, keep or rebuild them, then install the dialer routes. */
void dialer_apply(struct nasd *nasd, const struct config *cfg);
/* Free every dialer (shutdown); calls go on without DDR. */
void dialer_fini(struct nasd *nasd);
/* The dialer named ifname (any spelling), or NULL. */
struct dialer *dialer_find(struct nasd *nasd, const char *ifname);
/* The dialer whose calls run on physical interface `member` and whose
 * PPP parameters they use: a legacy dialer of its own or a rotary-group
 * leader (not a dialer profile: calls bind to those after
 * authentication).  NULL when none. */
struct dialer *dialer_for_member(struct nasd *nasd, const char *member);

/*
 * An incoming data call was answered on B-channel call c (ISDN): if its
 * interface belongs to a dialer, the call becomes a link of it.  Returns
 * the dialer call (the caller keeps it in c) or NULL (not a dialer's).
 */
struct dialer_call *dialer_isdn_incoming(struct nasd *nasd,
					 struct isdn_call *c);
/* The same for a call answered on a modem line (Async N). */
struct dialer_call *dialer_line_incoming(struct nasd *nasd, struct line *l);
/* The interface whose configuration the PPP session of a call on
 * physical interface `member` uses: the dialer's (a rotary-group leader,
 * the profile that placed the call), else member itself. */
const char *dialer_ppp_ifname(const struct dialer_call *dc, const char *member);
/* The outgoing call of dc was answered (carrier). */
void dialer_call_connected(struct dialer_call *dc);
/* The call of dc is over, with a Q.850 cause (0: unknown); the lower
 * object forgets dc, which is reported and freed later. */
void dialer_call_ended(struct dialer_call *dc, int q850_cause);

/* Adjust the PPP parameters of a call of dc: the dialer interface's for
 * a rotary member (IOS), no callback request on calls we did not place,
 * no callback server role on calls we placed. */
void dialer_session_cfg(const struct dialer_call *dc,
			struct ppp_session_cfg *cfg);
/* ops->authenticated of dc's session s (ppp_session.h): a pool member's
 * call binds to the dialer profile whose `dialer remote-name` is the
 * authenticated name, and the session takes the profile's IP parameters
 * (ppp_session_set_network) before IPCP starts.  member is the physical
 * interface ("BRI0").  No profile: the call stays unbound and runs with
 * the member's own parameters. */
void dialer_authenticated(struct dialer_call *dc, struct ppp_session *s,
			  const char *name, const char *member);
/* IPCP opened on dc's session (peer address, authenticated name); the
 * call runs on physical interface `member` ("BRI0", "Async3"): a pool
 * member's call binds to the profile that accepts the name. */
void dialer_ppp_up(struct dialer_call *dc, uint32_t peer, const char *name,
		   const char *member);
/* Send an IP packet to dc's peer: through the dialer when the call is a
 * bound link, else straight to the session (send_direct). */
void dialer_send_ip(struct dialer_call *dc, const uint8_t *pkt, size_t len,
		    void (*send_direct)(void *ctx, const uint8_t *pkt,
					size_t len),
		    void *ctx);
/* An IP packet from dc's peer (inbound idle accounting). */
void dialer_ip_input(struct dialer_call *dc, const uint8_t *pkt, size_t len);
/* ops->callback_decide of dc's session (ppp_session.h). */
enum ppp_cb_decision dialer_callback_decide(struct dialer_call *dc,
					    const char *peer_name,
					    bool requested,
					    const char *client_number,
					    char *number, size_t number_size);
/* ops->callback_agreed of dc's session: the server will call back. */
void dialer_callback_agreed(struct dialer_call *dc, const char *server_name);

/* ---- ddr_glue_show.c ---- */

/* show dialer [interface IFNAME] [json], clear dialer [interface
 * IFNAME].  0 or the cmd_install() error. */
int dialer_install_commands(struct nasd *nasd, struct cmd_table *t);

#endif /* NASD_DAEMON_DDR_GLUE_H */
