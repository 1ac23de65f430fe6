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
	X(CONFIG_SEC_VPDN, "vpdn")                                             \
	X(CONFIG_SEC_ISDN, "isdn")                                             \
	X(CONFIG_SEC_CLOCK, "clock")                                           \
	X(CONFIG_SEC_ROUTES, "routes")                                         \
	X(CONFIG_SEC_DIALER_LIST, "dialer-list")                               \
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
	X(CONFIG_BLOCK_VPDN_GROUP, "vpdn-group")                               \
	X(CONFIG_BLOCK_CONTROLLER, "controller")                               \
	X(CONFIG_BLOCK_ROUTER, "router")                                       \
	X(CONFIG_BLOCK_MAP_CLASS, "map-class")

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

/* A block such as `router eigrp 202` or `vpdn-group 1`: its header, its
 * own lines and, for vpdn-group, its submode blocks (`request-dialin`). */
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
 * accepted-only commands go to err as well; they do not fail the check.
 */
int config_check_main(const char *path, FILE *out, FILE *err);

#endif /* NASD_CONFIG_CONFIG_H */
