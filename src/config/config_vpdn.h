/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config_vpdn.h - the typed VPDN / L2TP configuration of nasd (IOS 12.1
 * "VPDN group" syntax): `vpdn enable`, `vpdn logging`, `vpdn
 * search-order`, and `vpdn-group NAME` with its four role subgroups
 * (request-dialin and accept-dialout on a LAC, accept-dialin and
 * request-dialout on an LNS) and its tunnel parameters.  Included by
 * config.h, whose struct config holds the groups; the commands are in
 * conf_vpdn.c, the running-config writer in conf_vpdn_write.c, the
 * lookups and the consistency check in config_vpdn.c.
 *
 * This is configuration only: tunnels and sessions (RFC 2661) are the
 * L2TP core's and the daemon's.  Times are seconds as IOS counts them;
 * the defaults are IOS's unless a comment says otherwise.  The tunnel
 * password is a secret: it is stored in clear, never logged, and written
 * as type 7 under `service password-encryption`.
 */
#ifndef NASD_CONFIG_CONFIG_VPDN_H
#define NASD_CONFIG_CONFIG_VPDN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct config;

#define CONFIG_VPDN_NAME_MAX 64	   /* group, domain and host names */
#define CONFIG_VPDN_DNIS_MAX 33	   /* DNIS numbers: 32 digits */
#define CONFIG_VPDN_SECRET_MAX 128 /* tunnel password, clear */
/* initiate-to addresses per group.  IOS 12.1 documents no limit that
 * could be checked here; 16 is nasd's, and more than enough for the
 * load sharing and backup IOS does with priorities. */
#define CONFIG_VPDN_MAX_INITIATE 16
#define CONFIG_VPDN_VTEMPLATE_MAX 200 /* virtual-template <1-200> */

/* L2TP tunnel defaults (IOS VPDN command reference). */
#define CONFIG_L2TP_HELLO_DEFAULT_S 60 /* l2tp tunnel hello; 0 = off */
#define CONFIG_L2TP_RETRIES_DEFAULT 5  /* retransmit retries 5..1000 */
/* l2tp tunnel busy timeout: seconds an initiate-to address whose tunnel
 * failed to come up is passed over (60..65535) */
#define CONFIG_L2TP_BUSY_DEFAULT_S 300
#define CONFIG_L2TP_TMIN_DEFAULT_S 1   /* retransmit timeout min 1..8 */
#define CONFIG_L2TP_TMAX_DEFAULT_S 8   /* retransmit timeout max 1..8 */
/* Receive Window Size advertised in SCCRQ/SCCRP (RFC 2661 §5.8).  nasd's
 * choice: IOS 12.2 advertises 800, peers assume 4 when the AVP is absent;
 * 16 (as accel-ppp and BNG Blaster) lets a peer burst session set-ups
 * while keeping an out-of-order queue small. */
#define CONFIG_L2TP_RWIN_DEFAULT 16
#define CONFIG_INITIATE_PRIORITY_DEFAULT 1 /* <1-32767>, 1 is preferred */

/* `protocol` of a role subgroup.  NONE: not configured (the subgroup is
 * not used, as in IOS).  nasd speaks L2TP only: `l2f` is stored and
 * written back but the subgroup is not used; `any` means L2TP. */
#define CONFIG_VPDN_PROTOCOLS(X)                                               \
	X(CONFIG_VPDN_PROTO_NONE, "")                                          \
	X(CONFIG_VPDN_PROTO_L2TP, "l2tp")                                      \
	X(CONFIG_VPDN_PROTO_L2F, "l2f")                                        \
	X(CONFIG_VPDN_PROTO_ANY, "any")

/* The four subgroups, in running-config order. */
#define CONFIG_VPDN_ROLES(X)                                                   \
	X(CONFIG_VPDN_REQ_DIALIN, "request-dialin")                            \
	X(CONFIG_VPDN_ACC_DIALIN, "accept-dialin")                             \
	X(CONFIG_VPDN_REQ_DIALOUT, "request-dialout")                          \
	X(CONFIG_VPDN_ACC_DIALOUT, "accept-dialout")

/* `vpdn search-order` keywords.  nasd has no multihop: a
 * multihop-hostname entry is kept but never matches. */
#define CONFIG_VPDN_SEARCHES(X)                                                \
	X(CONFIG_VPDN_SEARCH_DNIS, "dnis")                                     \
	X(CONFIG_VPDN_SEARCH_DOMAIN, "domain")                                 \
	X(CONFIG_VPDN_SEARCH_MULTIHOP, "multihop-hostname")

/* `lcp renegotiation {always|on-mismatch}` on an LNS: what to do with
 * the LAC's proxy LCP (RFC 2661 §4.4.5).  NONE (IOS default): adopt it. */
#define CONFIG_LCP_RENEGS(X)                                                   \
	X(CONFIG_LCP_RENEG_NONE, "")                                           \
	X(CONFIG_LCP_RENEG_ALWAYS, "always")                                   \
	X(CONFIG_LCP_RENEG_ON_MISMATCH, "on-mismatch")

#define CONFIG_X_ENUM(e, s) e,
enum config_vpdn_protocol {
	CONFIG_VPDN_PROTOCOLS(CONFIG_X_ENUM) CONFIG_VPDN_PROTO__COUNT
};
enum config_vpdn_role {
	CONFIG_VPDN_ROLES(CONFIG_X_ENUM) CONFIG_VPDN_ROLE__COUNT
};
enum config_vpdn_search {
	CONFIG_VPDN_SEARCHES(CONFIG_X_ENUM) CONFIG_VPDN_SEARCH__COUNT
};
enum config_lcp_reneg {
	CONFIG_LCP_RENEGS(CONFIG_X_ENUM) CONFIG_LCP_RENEG__COUNT
};
#undef CONFIG_X_ENUM

extern const char *const config_vpdn_protocol_names[CONFIG_VPDN_PROTO__COUNT];
extern const char *const config_vpdn_role_names[CONFIG_VPDN_ROLE__COUNT];
extern const char *const config_vpdn_search_names[CONFIG_VPDN_SEARCH__COUNT];
extern const char *const config_lcp_reneg_names[CONFIG_LCP_RENEG__COUNT];

/* One role subgroup (`request-dialin` ...). */
struct config_vpdn_sub {
	bool on;			    /* the subgroup is configured */
	enum config_vpdn_protocol protocol; /* `protocol` */
};

/* `domain NAME` of request-dialin: compared case-insensitively. */
struct config_vpdn_domain {
	char name[CONFIG_VPDN_NAME_MAX];
};

/* `dnis NUMBER` of request-dialin: digits, compared exactly. */
struct config_vpdn_dnis {
	char number[CONFIG_VPDN_DNIS_MAX];
};

/* `initiate-to ip A.B.C.D [priority N]`. */
struct config_vpdn_peer {
	uint32_t addr;	   /* host order, unicast */
	unsigned priority; /* 1..32767, default 1; lower is preferred */
};

/*
 * `vpdn-group NAME`.  A group has at most one dial-in role
 * (request-dialin or accept-dialin) and one dial-out role
 * (request-dialout or accept-dialout), as IOS's VPDN group
 * reorganisation allows: a LAC group is request-dialin + accept-dialout,
 * an LNS group accept-dialin + request-dialout (seed 004).  Fields of a
 * role are cleared with the role (`no request-dialin`).
 */
struct config_vpdn_group {
	char name[CONFIG_VPDN_NAME_MAX];
	struct config_vpdn_sub sub[CONFIG_VPDN_ROLE__COUNT];
	/* request-dialin (LAC): which users are tunnelled */
	struct config_vpdn_domain *domains; /* in order entered; owned */
	size_t ndomains;
	struct config_vpdn_dnis *dnis; /* in order entered; owned */
	size_t ndnis;
	/* accept-dialin (LNS): Virtual-Access interfaces are cloned from
	 * interface Virtual-Template<vtemplate>; 0 = none */
	unsigned vtemplate;
	/* request-dialout (LNS): the Dialer profiles with `dialer pool
	 * <pool_member>` (and `dialer vpdn`) dial out through this group;
	 * 0 = none */
	unsigned pool_member;
	/* accept-dialout (LAC): dial-out requests are placed through
	 * interface Dialer<dialer>; 0 = none */
	unsigned dialer;
	/* group level */
	char terminate_from[CONFIG_VPDN_NAME_MAX]; /* peer's tunnel host
						    * name; "" = any */
	struct config_vpdn_peer initiate_to[CONFIG_VPDN_MAX_INITIATE];
	size_t ninitiate_to;		       /* in order entered */
	char local_name[CONFIG_VPDN_NAME_MAX]; /* our tunnel host name;
						* "" = the hostname */
	uint32_t source_ip;		       /* tunnel source; 0 none */
	char tunnel_password[CONFIG_VPDN_SECRET_MAX]; /* clear; "" none */
	bool tunnel_auth;	     /* l2tp tunnel authentication (RFC 2661
				      * §5.1.1 Challenge); default on, used
				      * only when a secret exists */
	unsigned hello_s;	     /* l2tp tunnel hello: 0..1000, 0 = off */
	unsigned receive_window;     /* l2tp tunnel receive-window 1..5000:
				      * control messages */
	unsigned retransmit_retries; /* 5..1000 */
	unsigned retransmit_min_s;   /* 1..8, <= retransmit_max_s */
	unsigned retransmit_max_s;   /* 1..8 */
	unsigned busy_timeout_s;     /* l2tp tunnel busy timeout 60..65535 */
	bool hidden;		     /* l2tp hidden: hide AVPs (RFC 2661
				      * §4.3); needs a secret */
	enum config_lcp_reneg lcp_reneg;
};

/* The VPDN part of struct config. */
struct config_vpdn {
	bool enable;  /* vpdn enable (default off: nothing is tunnelled) */
	bool logging; /* vpdn logging (default on) */
	enum config_vpdn_search search[CONFIG_VPDN_SEARCH__COUNT];
	size_t nsearch;			  /* default: dnis, domain */
	struct config_vpdn_group *groups; /* in order entered; owned */
	size_t ngroups;
};

/* ---- lookups for the L2TP glue ------------------------------------------ */

/* Group NAME (exact), enabled or not; NULL when absent. */
const struct config_vpdn_group *config_vpdn_group_find(const struct config *cfg,
						       const char *name);

/*
 * True when the group's subgroup `role` is configured with a protocol
 * nasd speaks (l2tp or any).  A subgroup without `protocol`, or with
 * `protocol l2f`, is not used (config_vpdn_check() says so).
 */
bool config_vpdn_role_usable(const struct config_vpdn_group *g,
			     enum config_vpdn_role role);

/* The domain of a user name: what follows the last '@' ("cisco.com" for
 * "remote1@cisco.com"), or NULL when there is none or it is empty. */
const char *config_vpdn_domain_of(const char *username);

/*
 * The LAC's lookups.  Each returns the first group (in configuration
 * order) whose request-dialin subgroup is usable and lists `domain`
 * (case-insensitive, as IOS) or `number` (exact), or NULL.  Nothing is
 * found without `vpdn enable`.  NULL arguments find nothing.
 */
const struct config_vpdn_group *
config_vpdn_find_domain(const struct config *cfg, const char *domain);
const struct config_vpdn_group *config_vpdn_find_dnis(const struct config *cfg,
						      const char *number);

/*
 * The group for a dial-in call, searched in `vpdn search-order` (default
 * DNIS, then domain): the called number `dnis` and the `domain` of the
 * user (either may be NULL).  This is what the LAC asks after it has the
 * user's name (seed 004: "Got DNIS string 211", "Looking for tunnel --
 * cisco.com --").  NULL: the call is not tunnelled.
 */
const struct config_vpdn_group *
config_vpdn_find_dialin(const struct config *cfg, const char *dnis,
			const char *domain);

/*
 * The group that accepts a tunnel from the peer named `hostname` (its
 * SCCRQ Host Name AVP) for `role`, CONFIG_VPDN_ACC_DIALIN (an LNS) or
 * CONFIG_VPDN_ACC_DIALOUT (a LAC): a usable group whose terminate-from
 * names the host (case-insensitive) wins; else the first usable group
 * without terminate-from, which accepts any host (IOS's "default" group).
 * A tunnel serves both directions, so a daemon asks for ACC_DIALIN, then
 * ACC_DIALOUT.  NULL without `vpdn enable`, for another role, or when
 * nothing matches (the tunnel is refused).
 */
const struct config_vpdn_group *
config_vpdn_find_terminate(const struct config *cfg, const char *hostname,
			   enum config_vpdn_role role);

/* The LNS's group with a usable request-dialout and `pool-member pool`
 * (the `dialer pool` of the Dialer profile that dials), or NULL;
 * nothing without `vpdn enable`. */
const struct config_vpdn_group *
config_vpdn_find_dialout(const struct config *cfg, unsigned pool);

/* Our tunnel host name in group g: its `local name`, else the hostname. */
const char *config_vpdn_local_name(const struct config *cfg,
				   const struct config_vpdn_group *g);

/*
 * The shared secret of a tunnel of group g with the peer named
 * `peer_hostname` (may be NULL): the group's `l2tp tunnel password`, else,
 * as IOS, the clear password of `username PEER password X` (not a
 * `secret`, which is a one-way hash).  NULL when there is none.  The
 * string is a secret: never log it.  Tunnel authentication is done when
 * g->tunnel_auth and this is non-NULL; hidden AVPs need it too.
 */
const char *config_vpdn_tunnel_secret(const struct config *cfg,
				      const struct config_vpdn_group *g,
				      const char *peer_hostname);

/*
 * Consistency warnings, as IOS accepts these configurations but they do
 * not do what their author meant: groups without `vpdn enable`, a group
 * with no role, a role without protocol or with l2f, request-dialin
 * without domain or dnis, a request role without initiate-to,
 * accept-dialin without virtual-template or naming a missing
 * Virtual-Template, request-dialout without pool-member or with no Dialer
 * profile in the pool, accept-dialout without dialer or naming a missing
 * Dialer, a domain or DNIS in two groups, two accepting groups for one
 * host, `l2tp hidden` without a secret, `dialer vpdn` with no group
 * requesting dial-out for its pool.  Each is one line "% text\n" appended
 * to warn; nothing when all is well.  Never fails the configuration.
 */
void config_vpdn_check(const struct config *cfg, struct strbuf *warn);

#endif /* NASD_CONFIG_CONFIG_VPDN_H */
