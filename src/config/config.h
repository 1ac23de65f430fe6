/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config.h - the configuration model of nasd: plain structs filled by the
 * IOS commands (conf_*.c), written back by `show running-config`
 * (config_write.c) and loaded from files (config_load.c).
 *
 * A `struct config` is an immutable, reference-counted snapshot once it has
 * been published (style.md §6.6): live objects keep the snapshot they started
 * with.  Edits go to a deep copy, the candidate (config_clone()); the daemon
 * validates the candidate, swaps it in and diffs old against new.
 *
 * Addresses are IPv4 in host byte order.  Clear-text passwords are stored in
 * clear (type 7 is decoded on input, re-encoded on output when `service
 * password-encryption` is on); secrets are stored as MD5-crypt `$1$` hashes.
 * Fixed-size strings are always NUL-terminated; a handler refuses input that
 * does not fit.  Commands nasd accepts but does not implement yet are kept
 * verbatim (struct config_text) in order, where they belong.
 */
#ifndef NASD_CONFIG_CONFIG_H
#define NASD_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config_vpdn.h"
#include "ifname.h"
#include "log.h"
#include "strbuf.h"

struct cmd_table;

#define CONFIG_NAME_MAX 64  /* host, user, list, pool, script names */
#define CONFIG_PASS_MAX 128 /* clear passwords and $1$ hashes */
#define CONFIG_DESC_MAX 256 /* interface descriptions, device paths */
#define CONFIG_TEXT_MAX 512 /* chat-script text, verbatim commands */
#define CONFIG_ISDN_SWITCH_MAX 32 /* `isdn switch-type` word */
#define CONFIG_NUMBER_MAX 33 /* phone numbers: 32 digits */

/* ---- enums with their IOS spellings (name tables in config.c) ----------- */

#define CONFIG_ENCAPS(X)                                                       \
	X(CONFIG_ENCAP_DEFAULT, "")                                            \
	X(CONFIG_ENCAP_PPP, "ppp")                                             \
	X(CONFIG_ENCAP_HDLC, "hdlc")                                           \
	X(CONFIG_ENCAP_SLIP, "slip")

#define CONFIG_AUTHS(X)                                                        \
	X(CONFIG_AUTH_CHAP, "chap")                                            \
	X(CONFIG_AUTH_PAP, "pap")                                              \
	X(CONFIG_AUTH_MSCHAP, "ms-chap")                                       \
	X(CONFIG_AUTH_MSCHAPV2, "ms-chap-v2")

#define CONFIG_CALLBACKS(X)                                                    \
	X(CONFIG_CALLBACK_NONE, "")                                            \
	X(CONFIG_CALLBACK_ACCEPT, "accept")                                    \
	X(CONFIG_CALLBACK_REQUEST, "request")                                  \
	X(CONFIG_CALLBACK_INITIATE, "initiate")

#define CONFIG_LINE_KINDS(X)                                                   \
	X(CONFIG_LINE_CON, "con")                                              \
	X(CONFIG_LINE_TTY, "tty")                                              \
	X(CONFIG_LINE_AUX, "aux")                                              \
	X(CONFIG_LINE_VTY, "vty")

#define CONFIG_SCRIPTS(X)                                                      \
	X(CONFIG_SCRIPT_ACTIVATION, "activation")                              \
	X(CONFIG_SCRIPT_ARAP_CALLBACK, "arap-callback")                        \
	X(CONFIG_SCRIPT_CALLBACK, "callback")                                  \
	X(CONFIG_SCRIPT_CONNECTION, "connection")                              \
	X(CONFIG_SCRIPT_DIALER, "dialer")                                      \
	X(CONFIG_SCRIPT_MODEM_OFF_HOOK, "modem-off-hook")                      \
	X(CONFIG_SCRIPT_RESET, "reset")                                        \
	X(CONFIG_SCRIPT_STARTUP, "startup")

#define CONFIG_METHODS(X)                                                      \
	X(CONFIG_METHOD_LOCAL, "local")                                        \
	X(CONFIG_METHOD_LOCAL_CASE, "local-case")                              \
	X(CONFIG_METHOD_NONE, "none")                                          \
	X(CONFIG_METHOD_IF_NEEDED, "if-needed")                                \
	X(CONFIG_METHOD_LINE, "line")                                          \
	X(CONFIG_METHOD_ENABLE, "enable")                                      \
	X(CONFIG_METHOD_RADIUS, "group radius")                                \
	X(CONFIG_METHOD_TACACS, "group tacacs+")                               \
	X(CONFIG_METHOD_GROUP, "group")

#define CONFIG_AAA_SERVICES(X)                                                 \
	X(CONFIG_AAA_LOGIN, "login")                                           \
	X(CONFIG_AAA_PPP, "ppp")                                               \
	X(CONFIG_AAA_NETWORK, "network")                                       \
	X(CONFIG_AAA_EXEC, "exec")

/* Where an accepted-only global command is written in running-config. */
#define CONFIG_SECTIONS(X)                                                     \
	X(CONFIG_SEC_SERVICE, "service")                                       \
	X(CONFIG_SEC_IP, "ip")                                                 \
	X(CONFIG_SEC_ISDN, "isdn")                                             \
	X(CONFIG_SEC_CLOCK, "clock")                                           \
	X(CONFIG_SEC_ROUTES, "routes")                                         \
	X(CONFIG_SEC_CDP, "cdp")

/* Where an accepted-only interface command is written, relative to the
 * typed ones (IOS order: address, encapsulation, dialer, isdn, others). */
enum config_if_section {
	CONFIG_IFSEC_IP,     /* after ip address: ip route-cache ... */
	CONFIG_IFSEC_DIALER, /* after encapsulation: dialer ... */
	CONFIG_IFSEC_ISDN,   /* isdn ... */
	CONFIG_IFSEC_MISC,   /* after peer default: cdp, fair-queue ... */
};

/* Accepted-only configuration blocks with a submode. */
#define CONFIG_BLOCKS(X)                                                       \
	X(CONFIG_BLOCK_CONTROLLER, "controller")                               \
	X(CONFIG_BLOCK_ROUTER, "router")

#define CONFIG_X_ENUM(e, s) e,
enum config_encap { CONFIG_ENCAPS(CONFIG_X_ENUM) CONFIG_ENCAP__COUNT };
enum config_auth { CONFIG_AUTHS(CONFIG_X_ENUM) CONFIG_AUTH__COUNT };
enum config_callback { CONFIG_CALLBACKS(CONFIG_X_ENUM) CONFIG_CALLBACK__COUNT };
enum config_line_kind { CONFIG_LINE_KINDS(CONFIG_X_ENUM) CONFIG_LINE__COUNT };
enum config_script { CONFIG_SCRIPTS(CONFIG_X_ENUM) CONFIG_SCRIPT__COUNT };
enum config_method { CONFIG_METHODS(CONFIG_X_ENUM) CONFIG_METHOD__COUNT };
enum config_aaa_service {
	CONFIG_AAA_SERVICES(CONFIG_X_ENUM) CONFIG_AAA__COUNT
};
enum config_section { CONFIG_SECTIONS(CONFIG_X_ENUM) CONFIG_SEC__COUNT };
enum config_block_kind { CONFIG_BLOCKS(CONFIG_X_ENUM) CONFIG_BLOCK__COUNT };
#undef CONFIG_X_ENUM

extern const char *const config_encap_names[CONFIG_ENCAP__COUNT];
extern const char *const config_auth_names[CONFIG_AUTH__COUNT];
extern const char *const config_callback_names[CONFIG_CALLBACK__COUNT];
extern const char *const config_line_kind_names[CONFIG_LINE__COUNT];
extern const char *const config_script_names[CONFIG_SCRIPT__COUNT];
extern const char *const config_method_names[CONFIG_METHOD__COUNT];
extern const char *const config_aaa_service_names[CONFIG_AAA__COUNT];
extern const char *const config_block_names[CONFIG_BLOCK__COUNT];

/* ---- verbatim commands --------------------------------------------------- */

/* One accepted-only command in canonical form ("dialer-group 1",
 * "no cdp enable").  `sec` is an enum config_section for global ones. */
struct config_text {
	int sec; /* global: enum config_section; interface: enum
		  * config_if_section */
	char s[CONFIG_TEXT_MAX];
};

struct config_textv {
	struct config_text *v; /* in the order they were entered */
	size_t n;
};

/* A block such as `router eigrp 202`: its header, its own lines and its
 * submode blocks, if any. */
struct config_block {
	enum config_block_kind kind;
	char header[CONFIG_TEXT_MAX]; /* "router eigrp 202" */
	struct config_textv lines;
	struct config_block *subs;
	size_t nsubs;
};

/* ---- global -------------------------------------------------------------- */

enum config_ts_kind {
	CONFIG_TS_NONE,     /* no service timestamps ... */
	CONFIG_TS_UPTIME,   /* IOS default */
	CONFIG_TS_DATETIME, /* wall clock */
};

/* `service timestamps debug|log ...`.  Default: uptime, not written. */
struct config_timestamps {
	bool set; /* given explicitly (written back) */
	enum config_ts_kind kind;
	bool msec, localtime, show_timezone, year; /* datetime options */
};

/* `username NAME ...`. */
struct config_user {
	char name[CONFIG_NAME_MAX];
	int privilege;              /* 0..15, -1 when not given (IOS: 1) */
	bool has_dialstring;        /* callback-dialstring given */
	char dialstring[CONFIG_NAME_MAX]; /* "" = the client supplies it */
	int callback_rotary;        /* 1..100, -1 when not given */
	bool has_callback_line;     /* callback-line given */
	int callback_line_kind;     /* -1 plain, CONFIG_LINE_TTY or _AUX */
	int callback_line_first;    /* line numbers */
	int callback_line_last;     /* -1 when a single line */
	bool nocallback_verify;     /* no re-authentication on EXEC callback */
	bool nohangup;              /* no hang-up after autocommand */
	bool nopassword;            /* `nopassword` instead of a password */
	bool secret;                /* `secret`: password holds a $1$ hash */
	char password[CONFIG_PASS_MAX]; /* clear text, or the hash */
};

/* One AAA method of a method list. */
struct config_aaa_method {
	enum config_method kind;
	char group[CONFIG_NAME_MAX]; /* CONFIG_METHOD_GROUP: server group */
};

#define CONFIG_AAA_MAX_METHODS 4

/* `aaa authentication {login|ppp} LIST METHODS` and
 * `aaa authorization {network|exec} [LIST] METHODS`. */
struct config_aaa_list {
	bool authorization;          /* false: authentication */
	enum config_aaa_service service;
	bool has_name;               /* authorization may omit the list name
				      * (seed 001: `aaa authorization network
				      * local`): kept absent, written absent */
	char name[CONFIG_NAME_MAX];  /* "default" or the list name */
	struct config_aaa_method methods[CONFIG_AAA_MAX_METHODS];
	size_t nmethods;
};

#define CONFIG_POOL_MAX_RANGES 16

/* `ip local pool NAME FIRST [LAST]`; repeated lines add ranges. */
struct config_pool {
	char name[CONFIG_NAME_MAX];
	struct {
		uint32_t first, last; /* inclusive, first <= last */
	} ranges[CONFIG_POOL_MAX_RANGES];
	size_t nranges;
};

/* `chat-script NAME TEXT` (behaviour comes with the modem issue). */
struct config_chat {
	char name[CONFIG_NAME_MAX];
	char text[CONFIG_TEXT_MAX]; /* verbatim, quotes kept */
};

/* ---- dial-on-demand routing (conf_dialer.c, conf_acl.c) ------------------ */

/*
 * Typed DDR configuration: what the daemon's DDR glue reads.  Config
 * stores it and checks its syntax and ranges; deciding what is
 * interesting traffic, when to dial and when to hang up is the daemon's
 * (src/ddr).  Times are seconds, as IOS counts them; defaults are IOS's.
 */
#define CONFIG_DIALER_IDLE_DEFAULT_S 120    /* dialer idle-timeout */
#define CONFIG_DIALER_FAST_IDLE_DEFAULT_S 20
#define CONFIG_DIALER_ENABLE_DEFAULT_S 15   /* dialer enable-timeout */
#define CONFIG_DIALER_CARRIER_DEFAULT_S 30  /* wait-for-carrier-time */
#define CONFIG_DIALER_TIME_MAX_S 2147483    /* IOS range of the timers */
#define CONFIG_DIALER_LISTS 10              /* dialer-list 1..10 */
#define CONFIG_REMARK_MAX 101               /* access-list remark: 100 */

/* `dialer in-band [no-parity|odd-parity]`: V.25bis parity. */
#define CONFIG_DIALER_PARITIES(X)                                              \
	X(CONFIG_PARITY_DEFAULT, "")                                           \
	X(CONFIG_PARITY_NONE, "no-parity")                                     \
	X(CONFIG_PARITY_ODD, "odd-parity")

/* `dialer idle-timeout N [either|inbound]`: which traffic resets the idle
 * timer.  IOS default: outbound interesting traffic only. */
#define CONFIG_IDLE_DIRS(X)                                                    \
	X(CONFIG_IDLE_OUTBOUND, "")                                            \
	X(CONFIG_IDLE_EITHER, "either")                                        \
	X(CONFIG_IDLE_INBOUND, "inbound")

/* `dialer callback-server [username|dialstring]` in a map-class: how the
 * callback server finds the number to return the call to (seed 002). */
#define CONFIG_CALLBACK_SERVERS(X)                                             \
	X(CONFIG_CBSERVER_NONE, "")                                            \
	X(CONFIG_CBSERVER_USERNAME, "username")                                \
	X(CONFIG_CBSERVER_DIALSTRING, "dialstring")

#define CONFIG_ACL_ACTIONS(X)                                                  \
	X(CONFIG_ACL_PERMIT, "permit")                                         \
	X(CONFIG_ACL_DENY, "deny")

/* Port operators of extended access lists (TCP and UDP only). */
#define CONFIG_PORT_OPS(X)                                                     \
	X(CONFIG_PORT_ANY, "")                                                 \
	X(CONFIG_PORT_EQ, "eq")                                                \
	X(CONFIG_PORT_LT, "lt")                                                \
	X(CONFIG_PORT_GT, "gt")                                                \
	X(CONFIG_PORT_NEQ, "neq")                                              \
	X(CONFIG_PORT_RANGE, "range")

/* `dialer-list N protocol ip {permit|deny|list ACL}`. */
#define CONFIG_DLIST_KINDS(X)                                                  \
	X(CONFIG_DLIST_NONE, "")                                               \
	X(CONFIG_DLIST_PERMIT, "permit")                                       \
	X(CONFIG_DLIST_DENY, "deny")                                           \
	X(CONFIG_DLIST_LIST, "list")

#define CONFIG_X_ENUM(e, s) e,
enum config_parity {
	CONFIG_DIALER_PARITIES(CONFIG_X_ENUM) CONFIG_PARITY__COUNT
};
enum config_idle_dir { CONFIG_IDLE_DIRS(CONFIG_X_ENUM) CONFIG_IDLE__COUNT };
enum config_cbserver {
	CONFIG_CALLBACK_SERVERS(CONFIG_X_ENUM) CONFIG_CBSERVER__COUNT
};
enum config_acl_action { CONFIG_ACL_ACTIONS(CONFIG_X_ENUM) CONFIG_ACL__COUNT };
enum config_port_op { CONFIG_PORT_OPS(CONFIG_X_ENUM) CONFIG_PORT__COUNT };
enum config_dlist_kind {
	CONFIG_DLIST_KINDS(CONFIG_X_ENUM) CONFIG_DLIST__COUNT
};
#undef CONFIG_X_ENUM

extern const char *const config_parity_names[CONFIG_PARITY__COUNT];
extern const char *const config_idle_dir_names[CONFIG_IDLE__COUNT];
extern const char *const config_cbserver_names[CONFIG_CBSERVER__COUNT];
extern const char *const config_acl_action_names[CONFIG_ACL__COUNT];
extern const char *const config_port_op_names[CONFIG_PORT__COUNT];
extern const char *const config_dlist_kind_names[CONFIG_DLIST__COUNT];

/* `dialer map ip A.B.C.D [name H] [class C] [broadcast] [DIAL]`: how to
 * reach next hop `addr`.  Several maps may name one address (tried in
 * order); a map without a dial string only names the peer (it is called
 * back, or calls in). */
struct config_dialer_map {
	uint32_t addr;                     /* next hop, host order */
	char name[CONFIG_NAME_MAX];        /* the peer's host name; "" none */
	char map_class[CONFIG_NAME_MAX];   /* map-class dialer; "" none */
	bool broadcast;                    /* forward broadcasts */
	char dial[CONFIG_NUMBER_MAX];      /* dial string; "" none */
};

/* `dialer string DIAL [class C]` (dialer profiles and legacy DDR). */
struct config_dialer_string {
	char dial[CONFIG_NUMBER_MAX];
	char map_class[CONFIG_NAME_MAX];   /* "" none */
};

/* `dialer pool-member N [priority P] [min-link L] [max-link M]` on a
 * physical interface: it serves dialer profiles with `dialer pool N`. */
struct config_pool_member {
	unsigned pool;          /* 1..255 */
	unsigned priority;      /* 0..255, default 0 (lowest) */
	unsigned min_link;      /* 0..255 channels reserved, default 0 */
	unsigned max_link;      /* 0..255 channels at most, default 255 */
};

/* Dialer fields that may be set; a Group-Async member overrides exactly
 * the fields it sets, as for CONFIG_IF_FIELDS. */
#define CONFIG_DIALER_FIELDS(X)                                                \
	X(CONFIG_DLF_IN_BAND, "dialer in-band")                                \
	X(CONFIG_DLF_GROUP, "dialer-group")                                    \
	X(CONFIG_DLF_MAPS, "dialer map")                                       \
	X(CONFIG_DLF_STRINGS, "dialer string")                                 \
	X(CONFIG_DLF_IDLE, "dialer idle-timeout")                              \
	X(CONFIG_DLF_FAST_IDLE, "dialer fast-idle")                            \
	X(CONFIG_DLF_ENABLE, "dialer enable-timeout")                          \
	X(CONFIG_DLF_CARRIER, "dialer wait-for-carrier-time")                  \
	X(CONFIG_DLF_HOLD_QUEUE, "dialer hold-queue")                          \
	X(CONFIG_DLF_ROTARY, "dialer rotary-group")                            \
	X(CONFIG_DLF_POOL, "dialer pool")                                      \
	X(CONFIG_DLF_POOL_MEMBERS, "dialer pool-member")                       \
	X(CONFIG_DLF_REMOTE_NAME, "dialer remote-name")                        \
	X(CONFIG_DLF_CALLBACK_SECURE, "dialer callback-secure")                \
	X(CONFIG_DLF_VPDN, "dialer vpdn")                                      \
	X(CONFIG_DLF_FAST_ROLLOVER, "isdn fast-rollover-delay")

enum config_dialer_field {
#define CONFIG_DLF_ENUM(e, s) e,
	CONFIG_DIALER_FIELDS(CONFIG_DLF_ENUM)
#undef CONFIG_DLF_ENUM
	CONFIG_DLF__COUNT
};
_Static_assert(CONFIG_DLF__COUNT <= 32, "dialer field bits fit a u32");
extern const char *const config_dialer_field_names[CONFIG_DLF__COUNT];

#define CONFIG_DLF_BIT(f) ((uint32_t)1 << (f))

/* The dialer commands of one interface (BRI, SerialN:23, Async,
 * Group-Async, Dialer).  Fields not in `set` hold the IOS defaults. */
struct config_dialer {
	uint32_t set;                  /* CONFIG_DLF_BIT()s configured */
	bool in_band;                  /* dialer in-band: DDR on this line */
	enum config_parity parity;     /* in-band parity */
	unsigned group;                /* dialer-group 1..10; 0 = none */
	struct config_dialer_map *maps; /* in order; owned */
	size_t nmaps;
	struct config_dialer_string *strings; /* in order; owned */
	size_t nstrings;
	unsigned idle_s;               /* idle-timeout, default 120; 0 =
					* never disconnect on idle */
	enum config_idle_dir idle_dir;
	unsigned fast_idle_s;          /* default 20 */
	unsigned enable_s;             /* enable-timeout, default 15; the
					* return-call timer of a callback
					* server (seed 002) */
	unsigned carrier_s;            /* wait-for-carrier-time, default 30 */
	unsigned hold_queue_pkts;      /* 0..100; 0 = no hold queue */
	unsigned hold_queue_timeout_s; /* 0 = not given (IOS: the
					* carrier time) */
	int rotary_group;              /* 0..255 (member of interface
					* Dialer N); -1 = none */
	unsigned pool;                 /* Dialer only: 1..255; 0 = none */
	struct config_pool_member *pool_members; /* by pool; owned */
	size_t npool_members;
	char remote_name[CONFIG_NAME_MAX]; /* Dialer only; "" none */
	bool callback_secure;          /* hang up calls the callback server
					* will not return (seed 002) */
	bool vpdn;                     /* dial out through L2TP (seed 004) */
	unsigned fast_rollover_s;      /* isdn fast-rollover-delay; 0 none */
};

/* `map-class dialer NAME`: parameters for calls made through a map or a
 * dialer string naming the class; values in `set` override the
 * interface's (CONFIG_DLF_IDLE, _FAST_IDLE, _ENABLE, _CARRIER bits). */
struct config_map_class {
	char name[CONFIG_NAME_MAX];
	uint32_t set;                  /* CONFIG_DLF_BIT()s configured */
	enum config_cbserver callback_server; /* NONE: not a server */
	unsigned idle_s;
	enum config_idle_dir idle_dir;
	unsigned fast_idle_s;
	unsigned enable_s;
	unsigned carrier_s;
	unsigned isdn_speed_kbps;      /* dialer isdn speed 56|64; 0 = unset
					* (64) */
};

/* `dialer-list N protocol ip ...`: what traffic is interesting on
 * interfaces with `dialer-group N`. */
struct config_dialer_list {
	enum config_dlist_kind kind;   /* NONE: list N not configured */
	unsigned acl;                  /* CONFIG_DLIST_LIST: 1..199 */
};

/* An address and IOS wildcard (1 bits: don't care).  `any` is
 * 0.0.0.0/255.255.255.255, `host A` is A/0.0.0.0.  addr never has bits
 * set that the wildcard ignores (IOS normalises 10.1.1.5 0.0.0.255 to
 * 10.1.1.0 0.0.0.255). */
struct config_acl_addr {
	uint32_t addr, wildcard;
};

struct config_acl_port {
	enum config_port_op op;        /* ANY: no port condition */
	unsigned lo, hi;               /* 0..65535; hi only for RANGE */
};

#define CONFIG_ACL_PROTO_IP (-1)   /* `ip`: any protocol */

/* One line of a numbered access list: a remark, or a condition. */
struct config_ace {
	bool is_remark;
	char remark[CONFIG_REMARK_MAX];
	enum config_acl_action action;
	int protocol;                  /* extended: CONFIG_ACL_PROTO_IP or
					* the IP protocol 0..255 */
	struct config_acl_addr src, dst; /* standard: src only */
	struct config_acl_port sport, dport; /* tcp/udp only */
};

/* `access-list N ...`: 1..99 standard (source address), 100..199
 * extended.  Entries in the order entered (first match wins). */
struct config_acl {
	unsigned num;
	struct config_ace *v;          /* owned */
	size_t n;
};

/* `ip route PREFIX MASK {NEXTHOP|IFNAME} [DISTANCE]`. */
struct config_route {
	uint32_t prefix, mask;         /* host order; prefix & ~mask == 0 */
	uint32_t nexthop;              /* 0 when via an interface */
	char ifname[IFNAME_MAX];       /* canonical ("Dialer1"); "" when via
					* a next hop */
	unsigned distance;             /* 1..255; 0 = not given (1) */
};

/* ---- interfaces ---------------------------------------------------------- */

/* Interface fields that may be set; a Group-Async member overrides exactly
 * the fields it sets.  X(ENUM, name) */
#define CONFIG_IF_FIELDS(X)                                                    \
	X(CONFIG_IFF_DESCRIPTION, "description")                               \
	X(CONFIG_IFF_SHUTDOWN, "shutdown")                                     \
	X(CONFIG_IFF_IPADDR, "ip address")                                     \
	X(CONFIG_IFF_ENCAP, "encapsulation")                                   \
	X(CONFIG_IFF_ASYNC_MODE, "async mode")                                 \
	X(CONFIG_IFF_PEER, "peer default ip address")                          \
	X(CONFIG_IFF_PPP_AUTH, "ppp authentication")                           \
	X(CONFIG_IFF_CHAP_HOSTNAME, "ppp chap hostname")                       \
	X(CONFIG_IFF_CHAP_PASSWORD, "ppp chap password")                       \
	X(CONFIG_IFF_PAP_SENT, "ppp pap sent-username")                        \
	X(CONFIG_IFF_MAX_BAD_AUTH, "ppp max-bad-auth")                         \
	X(CONFIG_IFF_IPCP_DNS, "ppp ipcp dns")                                 \
	X(CONFIG_IFF_IPCP_WINS, "ppp ipcp wins")                               \
	X(CONFIG_IFF_TIMEOUT_RETRY, "ppp timeout retry")                       \
	X(CONFIG_IFF_MAX_CONFIGURE, "ppp max-configure")                       \
	X(CONFIG_IFF_MAX_FAILURE, "ppp max-failure")                           \
	X(CONFIG_IFF_MAX_TERMINATE, "ppp max-terminate")                       \
	X(CONFIG_IFF_KEEPALIVE, "keepalive")                                   \
	X(CONFIG_IFF_MTU, "mtu")                                               \
	X(CONFIG_IFF_CALLBACK, "ppp callback")                                 \
	X(CONFIG_IFF_CALLBACK_MCB, "ppp callback mcb")                         \
	X(CONFIG_IFF_GROUP_RANGE, "group-range")                               \
	X(CONFIG_IFF_TCP_HC, "ip tcp header-compression")                      \
	X(CONFIG_IFF_TCP_HC_CONNS, "ip tcp compression-connections")

enum config_if_field {
#define CONFIG_IFF_ENUM(e, s) e,
	CONFIG_IF_FIELDS(CONFIG_IFF_ENUM)
#undef CONFIG_IFF_ENUM
	CONFIG_IFF__COUNT
};
_Static_assert(CONFIG_IFF__COUNT <= 32, "interface field bits fit a u32");

#define CONFIG_IFF_BIT(f) ((uint32_t)1 << (f))

enum config_ip_mode {
	CONFIG_IP_UNSET,      /* nothing configured */
	CONFIG_IP_NONE,       /* `no ip address` */
	CONFIG_IP_STATIC,     /* ip address A M */
	CONFIG_IP_NEGOTIATED, /* ip address negotiated (IPCP) */
	CONFIG_IP_UNNUMBERED, /* ip unnumbered IF */
};

/* `ip tcp header-compression [passive]` (RFC 1144 over IPCP). */
enum config_tcp_hc {
	CONFIG_TCP_HC_OFF,     /* IOS default; `no ip tcp header-compression` */
	CONFIG_TCP_HC_ON,      /* compress and ask the peer to */
	CONFIG_TCP_HC_PASSIVE, /* compress only once the peer does */
};

/* `ip tcp compression-connections N`: slots, IOS range and default. */
#define CONFIG_TCP_HC_CONNS_MIN 3
#define CONFIG_TCP_HC_CONNS_MAX 256
#define CONFIG_TCP_HC_CONNS_DEFAULT 16

enum config_peer_kind {
	CONFIG_PEER_UNSET, /* IOS default: no address offered */
	CONFIG_PEER_NONE,  /* `no peer default ip address` */
	CONFIG_PEER_ADDR,  /* peer default ip address A (or async default) */
	CONFIG_PEER_POOL,  /* peer default ip address pool NAME */
	CONFIG_PEER_DHCP,  /* peer default ip address dhcp */
};

#define CONFIG_MAX_SECONDARY 8

struct config_if {
	struct ifname id;
	char name[IFNAME_MAX];  /* canonical: "Async1", "Serial0:23" */
	uint32_t set;           /* CONFIG_IFF_BIT()s explicitly configured */
	char description[CONFIG_DESC_MAX];
	bool shutdown;          /* administratively down (default: up) */
	enum config_ip_mode ip_mode;
	uint32_t ip_addr, ip_mask;          /* CONFIG_IP_STATIC */
	struct {
		uint32_t addr, mask;
	} secondary[CONFIG_MAX_SECONDARY];  /* `ip address A M secondary` */
	size_t nsecondary;
	char unnumbered[IFNAME_MAX];        /* CONFIG_IP_UNNUMBERED */
	enum config_encap encap;            /* DEFAULT: the type's default
					     * (async: slip, others: hdlc) */
	bool async_interactive;             /* async mode interactive
					     * (false: dedicated) */
	enum config_peer_kind peer;
	uint32_t peer_addr;                 /* CONFIG_PEER_ADDR */
	char peer_pool[CONFIG_NAME_MAX];    /* CONFIG_PEER_POOL */
	enum config_auth auth[CONFIG_AUTH__COUNT]; /* in preference order */
	size_t nauth;                       /* 0: no authentication */
	bool auth_callin;                   /* only on incoming calls */
	char auth_list[CONFIG_NAME_MAX];    /* "" = default list */
	char chap_hostname[CONFIG_NAME_MAX];
	char chap_password[CONFIG_PASS_MAX]; /* clear */
	char pap_username[CONFIG_NAME_MAX];  /* ppp pap sent-username */
	char pap_password[CONFIG_PASS_MAX];  /* clear */
	unsigned max_bad_auth;     /* failed attempts before hangup; 0 = 1 */
	uint32_t ipcp_dns[2];      /* RFC 1877 addresses offered */
	size_t nipcp_dns;
	uint32_t ipcp_wins[2];
	size_t nipcp_wins;
	unsigned timeout_retry_s;  /* RFC 1661 restart timer, default 2 s */
	unsigned max_configure;    /* RFC 1661 Max-Configure, default 10 */
	unsigned max_failure;      /* RFC 1661 Max-Failure, default 5 */
	unsigned max_terminate;    /* RFC 1661 Max-Terminate, default 2 */
	unsigned keepalive_s;      /* LCP echo period, default 10 s; 0 = off */
	unsigned mtu;              /* bytes, default 1500 */
	enum config_callback callback; /* ppp callback (RFC 1570) */
	/* nasd: `ppp callback request dialstring NUMBER`: the client offers
	 * its own number (RFC 1570 operation 1) instead of operation 0;
	 * "" = operation 0 (IOS). */
	char callback_number[CONFIG_NUMBER_MAX];
	/* nasd: `ppp callback mcb ack-id strict` (echo the Response id in
	 * the CBCP Ack, [MS-CBCP] 2.2.4.3) and `ppp callback mcb retries N`
	 * (CBCP Requests before giving up; 0 = default 30). */
	bool cbcp_ack_strict;
	unsigned cbcp_retries;
	unsigned group_first, group_last; /* Group-Async: group-range */
	enum config_tcp_hc tcp_hc;  /* ip tcp header-compression */
	unsigned tcp_hc_conns;      /* ip tcp compression-connections:
				     * slots, 3..256, default 16 */
	/* ISDN (D-channel SerialN:23/15, BRI N; conf_isdn.c) */
	char isdn_switch[CONFIG_ISDN_SWITCH_MAX]; /* "" = the global one */
	bool isdn_voice_modem;     /* isdn incoming-voice modem */
	char pstn_path[CONFIG_DESC_MAX];   /* BRI: pstn attach PATH NUMBER */
	char pstn_number[CONFIG_NUMBER_MAX];
	struct config_dialer dialer; /* DDR (conf_dialer.c) */
	struct config_textv extra; /* accepted-only commands, in order */
};

/* ---- lines --------------------------------------------------------------- */

enum config_login {
	CONFIG_LOGIN_NONE,  /* no login */
	CONFIG_LOGIN_LINE,  /* `login`: the line password */
	CONFIG_LOGIN_LOCAL, /* `login local`: the username database */
	CONFIG_LOGIN_AUTH,  /* `login authentication LIST` */
};

enum config_modem {
	CONFIG_MODEM_NONE,
	CONFIG_MODEM_INOUT,  /* modem InOut */
	CONFIG_MODEM_DIALIN, /* modem Dialin */
};

/* Settings of one line; consecutive lines with equal settings are written
 * as one range (`line 1 6`). */
struct config_line_settings {
	unsigned speed_bps;        /* 0 = default (9600) */
	bool flow_hardware;        /* flowcontrol hardware */
	char device[CONFIG_DESC_MAX]; /* nasd: tty or pty path; "" = none */
	enum config_modem modem;
	bool modem_busyout;
	bool autoselect_ppp, autoselect_during_login, autoselect_arap;
	enum config_login login;
	char login_list[CONFIG_NAME_MAX]; /* CONFIG_LOGIN_AUTH */
	char password[CONFIG_PASS_MAX];   /* clear; "" = none */
	bool has_exec_timeout;     /* default 10 min 0 s */
	unsigned exec_timeout_min, exec_timeout_s; /* 0 0 = never */
	char transport_input[CONFIG_NAME_MAX]; /* "all", "telnet" ...; "" */
	unsigned rotary;           /* rotary group 1..100; 0 = none */
	char script[CONFIG_SCRIPT__COUNT][CONFIG_NAME_MAX]; /* chat scripts */
	bool no_flush_at_activation;
	bool has_forced_wait;
	unsigned callback_forced_wait_s;
	unsigned callback_retries; /* nasd: `callback retries N`, 0 = none */
	bool arap_enable;
};

struct config_line {
	enum config_line_kind kind;
	unsigned num; /* con 0, tty N (= interface Async N), aux 0, vty N */
	struct config_line_settings s;
};

/* ---- T1/E1 controllers (conf_isdn.c) ------------------------------------- */

#define CONFIG_CTRL_UNITS 8 /* controller T1|E1 0..7 */

enum config_clock { CONFIG_CLOCK_UNSET, CONFIG_CLOCK_LINE,
		    CONFIG_CLOCK_INTERNAL };

/* `controller T1 0` / `controller E1 0`.  A `pri-group` creates the
 * D-channel interface SerialN:23 (T1) or SerialN:15 (E1), as IOS does. */
struct config_controller {
	bool present;
	bool e1;
	unsigned unit;
	char framing[12];           /* esf, sf, crc4, no-crc4; "" default */
	char linecode[8];           /* b8zs, ami, hdb3; "" default */
	enum config_clock clock;
	int clock_prio;             /* 0, 1 primary, 2 secondary */
	char timeslots[64];         /* pri-group timeslots, "" none */
	uint32_t slot_mask;         /* bit n = timeslot n (1..31) */
	bool shutdown;
	/* nasd: `pstn attach PATH NUMBER` binds the PRI to the phone
	 * network's attach socket as subscriber NUMBER */
	char pstn_path[CONFIG_DESC_MAX];
	char pstn_number[CONFIG_NUMBER_MAX];
};

/* ---- the snapshot -------------------------------------------------------- */

struct config {
	int refs;
	char version[32];          /* `version 11.3`; "" = none */
	char hostname[CONFIG_NAME_MAX]; /* default "Router" */
	bool password_encryption;  /* service password-encryption */
	bool exec_callback;        /* service exec-callback (seed 003) */
	struct config_timestamps ts_debug, ts_log;
	char enable_secret[CONFIG_PASS_MAX];   /* $1$ hash; "" = none */
	char enable_password[CONFIG_PASS_MAX]; /* clear; "" = none */
	bool aaa_new_model;
	bool logging_syslog;       /* nasd: log lines also go to syslog */
	bool logging_buffered;
	unsigned logging_buffered_bytes; /* 0 = default (4096) */
	char domain_name[CONFIG_NAME_MAX];
	uint32_t name_servers[6];
	size_t nname_servers;
	uint32_t bootp_dns[2], bootp_nbns[2]; /* async-bootp servers */
	size_t nbootp_dns, nbootp_nbns;
	struct config_user *users;
	size_t nusers;
	struct config_aaa_list *aaa;
	size_t naaa;
	struct config_pool *pools;
	size_t npools;
	struct config_chat *chats;
	size_t nchats;
	struct config_if *ifs;     /* sorted by ifname_cmp() */
	size_t nifs;
	struct config_line *lines; /* sorted by kind, then number */
	size_t nlines;
	struct config_block *blocks; /* in the order they were entered */
	size_t nblocks;
	char isdn_switch[CONFIG_ISDN_SWITCH_MAX]; /* global; "" none */
	/* T1 0..7 then E1 0..7 */
	struct config_controller ctrls[2 * CONFIG_CTRL_UNITS];
	/* DDR: map-classes in the order entered, access lists sorted by
	 * number, dialer-lists 1..10 at index N-1, static routes in order */
	struct config_map_class *map_classes;
	size_t nmap_classes;
	struct config_acl *acls;
	size_t nacls;
	struct config_dialer_list dialer_lists[CONFIG_DIALER_LISTS];
	struct config_route *routes;
	size_t nroutes;
	struct config_vpdn vpdn;     /* VPDN / L2TP (config_vpdn.h) */
	struct config_textv extra;   /* accepted-only global commands */
};

/* A fresh configuration with IOS defaults (hostname "Router", lines con 0,
 * aux 0 and vty 0-4), one reference.  NULL on allocation failure. */
struct config *config_new(void);
/* Take / drop a reference; the last unref frees.  NULL is ignored. */
struct config *config_ref(struct config *cfg);
void config_unref(struct config *cfg);
/* Deep copy with one reference (the candidate), NULL on failure. */
struct config *config_clone(const struct config *cfg);

/* Interface by canonical name, or NULL. */
struct config_if *config_if_find(const struct config *cfg, const char *name);
/* Interface by name, created with defaults when missing (kept sorted);
 * NULL on allocation failure. */
struct config_if *config_if_get(struct config *cfg, const struct ifname *id);
/* Remove an interface; false when absent. */
bool config_if_delete(struct config *cfg, const char *name);
/* Reset an interface struct to defaults (nothing set). */
void config_if_defaults(struct config_if *cif);

/*
 * The configuration in force for interface Async n: the Group-Async whose
 * group-range covers n (lowest Group-Async number first), overlaid with
 * every field interface Async n sets itself; extra lines of both.  Fills
 * *out (its strings and `extra` borrow from cfg: valid while cfg is) and
 * returns true, or false when neither an Async n nor a covering group
 * exists (*out then holds defaults).
 */
bool config_async_effective(const struct config *cfg, unsigned n,
			    struct config_if *out);

/* Line by kind and number, or NULL. */
struct config_line *config_line_find(const struct config *cfg,
				     enum config_line_kind kind, unsigned num);
/* Line, created with defaults when missing; NULL on allocation failure. */
struct config_line *config_line_get(struct config *cfg,
				    enum config_line_kind kind, unsigned num);
bool config_line_settings_equal(const struct config_line_settings *a,
				const struct config_line_settings *b);

struct config_user *config_user_find(const struct config *cfg,
				     const char *name);
struct config_pool *config_pool_find(const struct config *cfg,
				     const char *name);
struct config_chat *config_chat_find(const struct config *cfg,
				     const char *name);

/* The controller T1 unit (e1 false) or E1 unit, NULL when not
 * configured or out of range. */
const struct config_controller *config_controller_find(const struct config *cfg,
							bool e1, unsigned unit);
/* The ISDN switch type in force on interface cif ("" when none). */
const char *config_isdn_switch(const struct config *cfg,
			       const struct config_if *cif);

/* The map-class dialer NAME, or NULL. */
const struct config_map_class *config_map_class_find(const struct config *cfg,
						      const char *name);
/* Access list `num` (1..199), or NULL when it has no entry. */
const struct config_acl *config_acl_find(const struct config *cfg,
					 unsigned num);
/* dialer-list `num` (1..10), or NULL when not configured. */
const struct config_dialer_list *
config_dialer_list_find(const struct config *cfg, unsigned num);
/*
 * The value of a dialer timer for a call through map-class `map_class`
 * ("" or NULL: none): the class's own value when it sets that field,
 * else the interface's.  `field` is CONFIG_DLF_IDLE, _FAST_IDLE, _ENABLE
 * or _CARRIER; the result is seconds (0 for any other field).  For an
 * Async member of a Group-Async pass the config_async_effective() view.
 */
unsigned config_dialer_timer_s(const struct config *cfg,
			       const struct config_if *cif,
			       const char *map_class,
			       enum config_dialer_field field);

/* Append a verbatim command; 0 or -ENOMEM. */
int config_textv_add(struct config_textv *tv, int sec, const char *s);
void config_textv_free(struct config_textv *tv);

/* ---- commands, writer, loader -------------------------------------------- */

/* Install every configuration command (conf_*.c) into t.  0 or -errno. */
int config_install_commands(struct cmd_table *t);

/* Append `show running-config` text for cfg (from "!" to "end"). */
void config_write(const struct config *cfg, struct strbuf *out);

/*
 * Parse configuration text (a whole file) with table t into a new config
 * (starting from config_new() defaults).  `name` is used in messages.
 * Every error is appended to errs as "NAME:LINE: message\n"; notices go to
 * log (may be NULL).  Returns the config (one reference) when there was no
 * error, else NULL.  `end` stops the parse, as in IOS.
 */
struct config *config_load_text(const struct cmd_table *t, const char *name,
				const char *text, size_t len,
				struct logger *log, struct strbuf *errs);
/* The same for a file; an unreadable file is one error "PATH: reason". */
struct config *config_load_file(const struct cmd_table *t, const char *path,
				struct logger *log, struct strbuf *errs);

/*
 * `nasd -f FILE --check`: load path with the configuration commands; on
 * success print its running-config to out and return 0, else print every
 * error ("FILE:LINE: message") to err and return 2.  Notices about
 * accepted-only commands and the VPDN consistency warnings
 * (config_vpdn_check(), "% text") go to err as well; they do not fail
 * the check.
 */
int config_check_main(const char *path, FILE *out, FILE *err);

#endif /* NASD_CONFIG_CONFIG_H */
