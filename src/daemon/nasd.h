/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nasd.h - the daemon's composition root: the one object that owns every
 * live thing (loop, logger, running configuration, AAA, pools, links, data
 * plane, CLI server) and the internal interfaces between the daemon's own
 * files.  Nothing outside src/daemon includes this.
 *
 * Ownership and teardown order (style.md §6.6): vty clients → lines
 * (each closes its PPP session first) → data plane → AAA/pools → config →
 * logger → loop.
 */
#ifndef NASD_DAEMON_NASD_H
#define NASD_DAEMON_NASD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aaa.h"
#include "config.h"
#include "hdlc.h"
#include "log.h"
#include "loop.h"
#include "ppp_session.h"
#include "rand.h"
#include "strbuf.h"
#include "timer.h"
#include "line.h"
#include "vty.h"

struct cmd_table;
struct pcap_file;
struct vtysrv;
struct dataplane;
struct json;
struct isdn_if;
struct cb_job;
struct dialer;
struct dialer_call;
struct vpdn;

/* A log line kept for `show logging` (logging buffered). */
struct logbuf {
	char **lines;
	size_t cap, head, n;
};

struct nasd {
	struct loop *loop;
	struct timers *ts;
	struct logger log;
	struct logbuf logbuf;
	bool log_stderr;
	/* stderr is fully buffered and flushed once per loop iteration (one
	 * write for a burst of lines, not one per line). */
	struct loop_defer log_flush;
	struct rand_pool rand;        /* Magic-Numbers, challenges, ids */
	bool syslog_open;
	struct config *running;       /* current snapshot */
	char *config_path;
	char *vty_path;
	char *pcap_path;
	char tun_name[16];
	struct cmd_table *cmds;
	struct aaa *aaa;
	struct pool **pools;
	size_t npools;
	struct line *lines;
	struct isdn_if *isdns;        /* ISDN PRI/BRI interfaces (isdn.h) */
	struct cb_job *callbacks;     /* pending return calls (callback.h) */
	struct dialer *dialers;       /* DDR dialer interfaces (ddr_glue.h) */
	struct dialer_call *dcalls;   /* calls on their members */
	char *dialer_warnings;        /* last apply's, logged once */
	struct vpdn *vpdn;            /* L2TP LAC/LNS (vpdn.h), or NULL */
	char *l2tp_pcap_path;         /* --l2tp-pcap */
	struct dataplane *dp;
	struct vtysrv *vty;
	struct vty_env vty_env;       /* for CLI sessions and line EXECs */
	struct pcap_file *pcap;
	uint64_t start_ms;
	bool shutting_down;
	uint64_t shutdown_start_ms;
	struct timer shutdown_timer;
};

/* ---- logsink.c ----------------------------------------------------------- */

/* Install the sink on nasd->log (stderr; syslog and buffer per config). */
void nasd_log_init(struct nasd *nasd);
/* Re-read logging settings (`logging syslog`, `logging buffered`). */
void nasd_log_apply(struct nasd *nasd);
void nasd_log_fini(struct nasd *nasd);
/* Format the IOS timestamp prefix for a line at `lvl` into buf
 * ("*Mar  1 01:25:16.611: ", "00:01:23: " or ""). */
void nasd_log_stamp(const struct nasd *nasd, enum log_level lvl, char *buf,
		    size_t size);

/* ---- apply.c ------------------------------------------------------------- */

/* Make `cfg` the running configuration (takes a reference) and bring the
 * live objects in line: AAA database, pools, links, logging.  Returns 0, or
 * -1 with a message in err when the candidate cannot be applied (nothing
 * changed then). */
int nasd_apply(struct nasd *nasd, struct config *cfg, struct strbuf *err);
/* Build PPP session parameters for interface Async n from cfg. */
void nasd_session_cfg(const struct nasd *nasd, const struct config *cfg,
		      unsigned n, struct ppp_session_cfg *out);
/* The same from any interface's configuration (an ISDN D-channel or BRI
 * for its B-channel calls); the caller then names the session. */
void nasd_session_cfg_if(const struct nasd *nasd, const struct config *cfg,
			 const struct config_if *cif,
			 struct ppp_session_cfg *out);
struct pool *nasd_pool_find(struct nasd *nasd, const char *name);

/* ---- dataplane.c --------------------------------------------------------- */

/* Open the shared TUN device and the rtnetlink socket.  0 or -1 (logged;
 * nasd then runs without a data plane). */
int dataplane_open(struct nasd *nasd, const char *name);
void dataplane_close(struct nasd *nasd);
/* Whatever carries a PPP session's IP: a line, an ISDN B-channel call.
 * send_ip(ctx, packet) hands a packet from the kernel to its session. */
struct dp_port {
	void (*send_ip)(void *ctx, const uint8_t *pkt, size_t len);
	void *ctx;
	const char *name; /* interface name, for messages */
};

/* IPCP Opened on `port` (copied): local/32 on the TUN, a host route to
 * peer with the session's MTU. */
void dataplane_up(struct nasd *nasd, const struct dp_port *port,
		  uint32_t local, uint32_t peer, uint16_t mtu);
/* IPCP left Opened: `ctx` is the port's ctx given to dataplane_up(). */
void dataplane_down(struct nasd *nasd, void *ctx, uint32_t local,
		    uint32_t peer);
/* A packet from a PPP peer to the kernel (len octets, copied; a write
 * the TUN refuses is counted as a drop).  After every 128 it also reads
 * and routes what the kernel queued on the TUN, so any port's send_ip()
 * may be called from inside this. */
void dataplane_input(struct nasd *nasd, const uint8_t *pkt, size_t len);

/*
 * A route into a dialer (dial-on-demand routing, issue 5): the connected
 * subnet of a dialer interface with a fixed `ip address` (next_hop 0: the
 * destination itself is the next hop) or a static `ip route` whose next
 * hop or interface is a dialer.  A packet from the kernel whose
 * destination no session owns goes to the longest matching route: if a
 * session owns its next hop the packet goes down that session, otherwise
 * output(ctx, next_hop, packet) hands it to the dialer (which may dial,
 * queue or drop it).
 */
struct dp_dialer_route {
	uint32_t prefix;   /* host order, host bits clear */
	uint8_t len;       /* prefix length 0..32 */
	uint32_t next_hop; /* 0 = the destination */
	uint32_t pref_src; /* source address for the kernel route, or 0 */
	void (*output)(void *ctx, uint32_t next_hop, const uint8_t *pkt,
		       size_t len);
	void *ctx;
};

/*
 * Replace the whole set of dialer routes (config applied; n may be 0):
 * the kernel routes prefix/len dev TUN of the old set that are not in the
 * new one are removed, the new ones installed; `locals` (n_locals
 * addresses, the dialer interfaces' own addresses) are put on the TUN so
 * the kernel accepts traffic to them.  Copies everything.  Failures are
 * logged; the table keeps what could be installed.
 */
void dataplane_set_dialer_routes(struct nasd *nasd,
				 const struct dp_dialer_route *routes, size_t n,
				 const uint32_t *locals, size_t n_locals);
/* Counters for show commands. */
void dataplane_stats(const struct nasd *nasd, uint64_t *rx, uint64_t *tx,
		     uint64_t *drops);
const char *dataplane_name(const struct nasd *nasd);

/* ---- vtysrv.c ------------------------------------------------------------ */

/* Listen on the CLI socket; sessions use `env` (copied). */
int vtysrv_open(struct nasd *nasd, const char *path,
		const struct vty_env *env);
void vtysrv_close(struct nasd *nasd);
/* Hand one log line to every session with `terminal monitor`. */
void vtysrv_monitor(struct nasd *nasd, const char *line);

/* ---- status.c ------------------------------------------------------------ */

/* Install the daemon's exec commands (show interfaces, show ppp all, show
 * ip local pool, show logging, clear interface, and the line commands of
 * line_*.c and status_line.c) into t. */
int nasd_install_commands(struct nasd *nasd, struct cmd_table *t);

/* Call fn(ctx, j, ifname, ifshort, session) for every PPP session, in
 * `show` order: the lines' (Async), then the ISDN B-channels' (BRI0:1,
 * Serial0:17), then the L2TP Virtual-Access interfaces'.  For show
 * commands: j is NULL for text output. */
void nasd_each_session(struct nasd *nasd, struct cmd_ctx *ctx,
		       struct json *j,
		       void (*fn)(struct cmd_ctx *ctx, struct json *j,
				  const char *ifname, const char *ifshort,
				  const struct ppp_session *sess));

/* ---- status_vj.c ------------------------------------------------------------ */

/* Install `show ip tcp header-compression [json]` (RFC 1144 counters of
 * the PPP sessions) into t.  0 or the cmd_install() error. */
int nasd_vj_install_commands(struct cmd_table *t);

#endif /* NASD_DAEMON_NASD_H */
