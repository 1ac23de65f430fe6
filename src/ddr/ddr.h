/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ddr.h - the dial-on-demand routing (DDR) policy core: one `struct ddr`
 * per dialer interface, legacy (`interface BRI0`, `Serial0:23`, `Async1`
 * with `dialer in-band`, a `Dialer1` rotary-group leader) or a dialer
 * profile (`interface Dialer2` with `dialer pool`).  It decides when
 * traffic places a call, holds packets while dialling, tears idle links
 * down, binds calls to maps or profiles by the authenticated name, and
 * runs PPP callback between routers (RFC 1570 operations 0, 1 and 3, as
 * Cisco's "Configuring PPP Callback" (seed 002) describes it).
 *
 * Sans-I/O: no syscalls, no clock other than the caller's `struct timers`,
 * no globals.  Everything the core does to the world goes through
 * `struct ddr_ops`; everything that happens to calls arrives through the
 * ddr_call_* / ddr_link_* functions.  The daemon glue owns the real calls
 * (ISDN B channels, modems), the PPP sessions and the data plane.
 *
 * A link is one call on the dialer.  Its life, driven by the glue:
 *
 *   outgoing: ddr_output() → ops->dial() → DIALING (wait-for-carrier timer)
 *             → ddr_call_connected() → CONNECTED → ddr_link_up(name) → UP
 *   incoming: ddr_link_incoming() → CONNECTED → [ddr_callback_decide()]
 *             → ddr_link_up(name) → UP
 *   the end:  exactly one ddr_call_failed() or ddr_link_down() for every
 *             link, also after the core asked ops->hangup() for it; the
 *             link pointer is dead after that call.
 *
 * Ops never call back into the core (the glue defers its reports), so the
 * core's state is consistent whenever an op runs.
 *
 * `debug dialer events` (DBG_DIALER_EVENTS) lines, PREFIX the dialer's
 * short name (BR0) or the link's (BR0:1):
 *     BR0 DDR: Dialing cause ip (s=10.1.1.8, d=10.1.1.7)
 *     BR0 DDR: Attempting to dial 81012345678902
 *     BR0 DDR: No free dialer - starting fast idle timer
 *     BR0 DDR: wait for carrier timeout, call to 81012345678902 failed
 *     BR0 DDR: call to 81012345678902 failed: busy
 *     BR0:1 DDR: dialer protocol up (dallas)
 *     BR0:1 DDR: idle timeout
 *     BR0:1 DDR: fast idle timeout
 *     BR0:1 DDR: disconnecting call: clear dialer
 *     BR0 DDR: hold queue timeout, 3 packets dropped
 *     BR0:1 DDR: Callback received from atlanta 81012345678901
 *     BR0 DDR: Callback timer expired
 *     BR0 DDR: beginning callback to atlanta 81012345678901
 *     BR0:1 DDR: callback-secure: disconnecting atlanta
 *     BR0 DDR: waiting for callback from dallas
 *     BR0:1 DDR: callback from dallas connected
 *     BR0 DDR: callback from dallas not received
 * and as notices (log level NOTICE, always):
 *     %DIALER-6-BIND: Interface BR0:1 bound to profile Di2
 *     %DIALER-6-UNBIND: Interface BR0:1 unbound from profile Di2
 * The first two and the BIND/UNBIND lines are IOS's; the others are worded
 * after them (doc/ddr.md).
 *
 * IOS readings made here (doc/ddr.md has the rest):
 *  - interesting traffic is decided by the dialer list alone: no
 *    `dialer-group`/`dialer-list` (DDR_LIST_NONE) means nothing is
 *    interesting, so nothing dials and idle timers are never reset by
 *    traffic.  Uninteresting packets still use a link that is up.
 *  - the idle timer counts from the last interesting packet in the
 *    configured direction (outbound by default; `either`, `inbound`);
 *    `dialer fast-idle` replaces it while another call waits for a channel
 *    (contention), measured from the same last packet.
 *  - `dialer enable-timeout` is the pause after a call ends or fails
 *    before the dialer places a call again; interesting packets for a
 *    destination with no link are dropped and counted meanwhile, unless a
 *    call is already pending (contention, callback).  Incoming calls are
 *    always answered.  On a callback server it is also the delay before
 *    the return call.
 *  - the hold queue (`dialer hold-queue N [timeout S]`) keeps at most N
 *    packets while a call is being placed; the queue is dropped (counted)
 *    when the call fails, or S seconds after its first packet; without a
 *    timeout the wait-for-carrier time is used.  N = 0: the packet that
 *    triggers the call is dropped (DDR_OUT_DIALING_NO_QUEUE).
 */
#ifndef NASD_DDR_H
#define NASD_DDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ddr_acl.h"
#include "log.h"
#include "strbuf.h"
#include "timer.h"

#define DDR_NAME_MAX 48	  /* interface, host and class names */
#define DDR_NUMBER_MAX 32 /* dial strings */
#define DDR_MAPS_MAX 16
#define DDR_STRINGS_MAX 4
#define DDR_CLASSES_MAX 8
#define DDR_LINKS_MAX 32    /* calls at once: a PRI has 30 B channels */
#define DDR_HOLDQ_MAX 100   /* IOS `dialer hold-queue` range 0-100 */
#define DDR_CALLBACKS_MAX 8 /* return calls pending at once */
#define DDR_IDLE_DEFAULT_S 120
#define DDR_FAST_IDLE_DEFAULT_S 20
#define DDR_ENABLE_DEFAULT_S 15
#define DDR_CARRIER_DEFAULT_S 30
#define DDR_TIMER_MAX_S 2147483 /* IOS upper bound of the dialer timers */

enum ddr_kind {
	DDR_LEGACY,  /* dialer maps on the interface itself */
	DDR_PROFILE, /* interface Dialer N with dialer pool */
};

/* `show dialer` "dialer type = ..." by the kind of line. */
#define DDR_TYPES(X)                                                           \
	X(ISDN, "ISDN")                                                        \
	X(ASYNC, "IN-BAND ASYNC NO PARITY")                                    \
	X(SYNC, "IN-BAND SYNC NO PARITY")                                      \
	X(PROFILE, "DIALER PROFILE")

enum ddr_type {
#define DDR_TYPE_ENUM(e, s) DDR_TYPE_##e,
	DDR_TYPES(DDR_TYPE_ENUM)
#undef DDR_TYPE_ENUM
		DDR_TYPE_COUNT
};

/* `dialer idle-timeout S [either|inbound]`: which traffic resets it. */
enum ddr_idle_dir {
	DDR_IDLE_OUTBOUND, /* IOS default */
	DDR_IDLE_INBOUND,
	DDR_IDLE_EITHER,
};

/* `dialer callback-server [username|dialstring]` of a map class. */
enum ddr_cb_server {
	DDR_CB_SERVER_NONE,	  /* class without dialer callback-server */
	DDR_CB_SERVER_USERNAME,	  /* call back the map's number (default) */
	DDR_CB_SERVER_DIALSTRING, /* call back the number the client gave,
				   * if it is one of the name's maps */
};

/* `dialer-list N protocol ip permit|deny|list ACL` of the dialer-group. */
enum ddr_list {
	DDR_LIST_NONE,	 /* no dialer-group or no ip entry: nothing dials */
	DDR_LIST_PERMIT, /* all IP is interesting */
	DDR_LIST_DENY,	 /* no IP is interesting */
	DDR_LIST_ACL,	 /* the access list decides */
};

/* `dialer map ip NEXT-HOP name HOST [class CLASS] [broadcast] [NUMBER]`. */
struct ddr_map {
	uint32_t next_hop;	     /* host byte order */
	char name[DDR_NAME_MAX];     /* remote host name; "" = none */
	char cls[DDR_NAME_MAX];	     /* map-class dialer; "" = none */
	char number[DDR_NUMBER_MAX]; /* "" = receive only, never dialled */
	bool broadcast;
};

/* `map-class dialer NAME` with what DDR needs of it. */
struct ddr_map_class {
	char name[DDR_NAME_MAX];
	enum ddr_cb_server cb_server;
};

/*
 * Everything a dialer is built from.  Plain data filled by the daemon's
 * config translator; ddr_create() copies it, so the caller keeps
 * ownership of its own copy.  Start from ddr_cfg_defaults().
 */
struct ddr_cfg {
	char name[DDR_NAME_MAX]; /* IOS name: "BRI0", "Dialer2" */
	char short_name[16];	 /* log prefix: "BR0", "Di2" */
	enum ddr_kind kind;
	enum ddr_type type;
	unsigned channels; /* calls at once: BRI 2, async 1, ... */
	struct ddr_map maps[DDR_MAPS_MAX]; /* legacy */
	size_t n_maps;
	char strings[DDR_STRINGS_MAX][DDR_NUMBER_MAX]; /* dialer string */
	size_t n_strings;
	char remote_name[DDR_NAME_MAX]; /* profile: dialer remote-name */
	unsigned pool;			/* profile: dialer pool N (1-255) */
	uint32_t idle_s;		/* dialer idle-timeout */
	enum ddr_idle_dir idle_dir;
	uint32_t fast_idle_s;	  /* dialer fast-idle */
	uint32_t enable_s;	  /* dialer enable-timeout */
	uint32_t carrier_s;	  /* dialer wait-for-carrier-time */
	uint32_t holdq_packets;	  /* dialer hold-queue N; 0 = none */
	uint32_t holdq_timeout_s; /* its timeout; 0 = carrier_s */
	bool callback_secure;	  /* dialer callback-secure */
	bool callback_accept;	  /* ppp callback accept (server) */
	bool callback_request;	  /* ppp callback request (client) */
	struct ddr_map_class classes[DDR_CLASSES_MAX];
	size_t n_classes;
	enum ddr_list list; /* the dialer-group's dialer-list, ip */
	struct ddr_acl acl; /* DDR_LIST_ACL: the access list */
};

/* Fill cfg with the IOS defaults: legacy ISDN, one channel, idle 120 s
 * outbound, fast idle 20 s, enable 15 s, carrier 30 s, no hold queue, no
 * callback, no dialer list. */
void ddr_cfg_defaults(struct ddr_cfg *cfg);

/* Validate a configuration: names non-empty and terminated, short name set,
 * 1 <= channels <= DDR_LINKS_MAX, counts within bounds, timers 1 to
 * DDR_TIMER_MAX_S, hold queue <= DDR_HOLDQ_MAX, every map class named by
 * a map defined, a profile with a pool 1-255, the ACL valid for
 * DDR_LIST_ACL.  Returns true, or false with a message in err. */
bool ddr_cfg_check(const struct ddr_cfg *cfg, char *err, size_t err_size);

struct ddr;
struct ddr_link;

/* Why ddr_call_failed() / ddr_link_down() is called, from the glue. */
#define DDR_CAUSES(X)                                                          \
	X(BUSY, "busy")                                                        \
	X(NO_ANSWER, "no answer")                                              \
	X(NO_CHANNEL, "no free channel")                                       \
	X(REMOTE, "remote disconnect")                                         \
	X(LOCAL, "local disconnect")                                           \
	X(PPP, "PPP negotiation failed")                                       \
	X(OTHER, "failed")

enum ddr_cause {
#define DDR_CAUSE_ENUM(e, s) DDR_CAUSE_##e,
	DDR_CAUSES(DDR_CAUSE_ENUM)
#undef DDR_CAUSE_ENUM
		DDR_CAUSE_COUNT
};

const char *ddr_cause_name(enum ddr_cause cause);

struct ddr_ops {
	/* Send one IP packet through an UP link.  The core keeps pkt. */
	void (*send)(void *ctx, struct ddr *ddr, struct ddr_link *link,
		     const uint8_t *pkt, size_t len);
	/* Place a call to number (a map's, a dialer string, a callback
	 * number) for link.  map is the dialer map used (NULL for a dialer
	 * string).  Returns an opaque call handle kept in the link, or NULL
	 * when no channel is free (the link is then forgotten; no report
	 * follows).  On success the glue later reports exactly one of
	 * ddr_call_connected()/ddr_call_failed(). */
	void *(*dial)(void *ctx, struct ddr *ddr, struct ddr_link *link,
		      const char *number, const struct ddr_map *map);
	/* Tear the call of link down (reason for the glue's own log).  The
	 * glue reports ddr_link_down() or ddr_call_failed() later. */
	void (*hangup)(void *ctx, struct ddr *ddr, struct ddr_link *link,
		       const char *reason);
};

/*
 * Make a dialer from cfg (copied; must pass ddr_cfg_check(), else NULL).
 * ops is copied; ctx, ts and lg are borrowed and must outlive the dialer.
 * Returns NULL on a bad config or out of memory.
 */
struct ddr *ddr_create(const struct ddr_cfg *cfg, const struct ddr_ops *ops,
		       void *ctx, struct timers *ts, const struct logger *lg);

/* Free the dialer, its links and its hold queue, cancelling every timer.
 * No op is called.  NULL is fine.  Not from inside an op. */
void ddr_destroy(struct ddr *ddr);

/* The configuration in force (read-only). */
const struct ddr_cfg *ddr_cfg(const struct ddr *ddr);

/* What ddr_output() did with a packet; each verdict is counted.
 * X(ENUM suffix, JSON key, text). */
#define DDR_VERDICTS(X)                                                        \
	X(SENT, "sent", "sent")                                                \
	X(QUEUED, "queued", "queued")                                          \
	X(DIALING_NO_QUEUE, "dialing_no_queue", "dialing, no hold queue")      \
	X(DROPPED_NOT_INTERESTING, "not_interesting", "not interesting")       \
	X(DROPPED_NO_MAP, "no_map", "no dialer map")                           \
	X(DROPPED_QUEUE_FULL, "queue_full", "hold queue full")                 \
	X(DROPPED_ENABLE_TIMEOUT, "enable_timeout", "re-enable wait")          \
	X(DROPPED_NO_CHANNEL, "no_channel", "no free channel")                 \
	X(DROPPED_MALFORMED, "malformed", "malformed")

enum ddr_verdict {
#define DDR_VERDICT_ENUM(e, key, s) DDR_OUT_##e,
	DDR_VERDICTS(DDR_VERDICT_ENUM)
#undef DDR_VERDICT_ENUM
		DDR_VERDICT_COUNT
};

/* The verdict's text ("hold queue full") and JSON key ("queue_full");
 * "?" when out of range. */
const char *ddr_verdict_name(enum ddr_verdict v);
const char *ddr_verdict_key(enum ddr_verdict v);

/*
 * A packet the data plane routes through this dialer towards next_hop
 * (host byte order; for a profile or a `dialer string` interface any
 * next hop will do).  pkt[0..len) is an IPv4 packet; it is copied when
 * queued.  Sends on an UP link to that next hop (resetting its idle timer
 * when the packet is interesting), else dials (legacy: the first map for
 * next_hop with a number, else the first dialer string; profile: the
 * first dialer string) and queues.  Calls ops->send or ops->dial.
 */
enum ddr_verdict ddr_output(struct ddr *ddr, uint32_t next_hop,
			    const uint8_t *pkt, size_t len);

/* A packet received on an UP link: resets its idle timer when it is
 * interesting and the idle direction is inbound or either.  Malformed
 * packets are ignored. */
void ddr_input(struct ddr *ddr, struct ddr_link *link, const uint8_t *pkt,
	       size_t len);

/* The outgoing call of link was answered (carrier): stops the
 * wait-for-carrier timer.  ifname/ifshort name the channel ("BRI0:1",
 * "BR0:1"), copied. */
void ddr_call_connected(struct ddr *ddr, struct ddr_link *link,
			const char *ifname, const char *ifshort);

/* The outgoing call of link failed before it connected (or the glue ends
 * a link the core asked to hang up before it connected).  Counts a
 * failure for its number, drops the hold queue for its destination and
 * starts the re-enable wait.  link is dead afterwards. */
void ddr_call_failed(struct ddr *ddr, struct ddr_link *link,
		     enum ddr_cause cause);

/* An incoming call was answered on channel ifname/ifshort (before PPP
 * authentication).  call is the glue's handle.  Returns the new link, or
 * NULL when all DDR_LINKS_MAX/cfg.channels slots are taken. */
struct ddr_link *ddr_link_incoming(struct ddr *ddr, void *call,
				   const char *ifname, const char *ifshort);

/* The calling party's number of an incoming call when the network gave it
 * (ISDN Calling Party Number), shown by `show dialer` as "Connected to
 * NUMBER (name)"; NULL or "" leaves "<unknown phone number>".  Truncated
 * to DDR_NUMBER_MAX - 1 characters.  Outgoing links keep the number they
 * dialled. */
void ddr_link_set_calling(struct ddr_link *link, const char *number);

/* For a profile: true when a call authenticated as remote_name belongs to
 * it (`dialer remote-name`).  Always false for a legacy dialer. */
bool ddr_profile_accepts(const struct ddr *ddr, const char *remote_name);

/*
 * PPP is up on link and the peer authenticated as remote_name ("" when
 * no authentication ran).  Legacy: an outgoing link keeps its map; an
 * incoming one binds to the first map named remote_name (none: up but
 * unbound, reached only by ddr_input()).  Profile: logs %DIALER-6-BIND.
 * A link that a callback client was waiting for flushes the queue.  The
 * hold queue packets for the link's destination are sent through it, in
 * order, and its idle timer starts.  Calls ops->send.
 */
void ddr_link_up(struct ddr *ddr, struct ddr_link *link,
		 const char *remote_name);

/* The call of link is gone (any state).  Profile: logs UNBIND.  Starts
 * the re-enable wait unless a callback is pending.  link is dead after. */
void ddr_link_down(struct ddr *ddr, struct ddr_link *link,
		   enum ddr_cause cause);

/* `clear dialer`: zero the per-number statistics and the counters, as
 * IOS does; calls are left alone. */
void ddr_clear_counters(struct ddr *ddr);

/* `clear interface` / `isdn disconnect`: ask ops->hangup for every link
 * (reason "clear dialer"), drop the hold queue and pending callbacks. */
void ddr_disconnect_all(struct ddr *ddr);

/* The glue's call handle of link, its channel names ("" before known). */
void *ddr_link_call(const struct ddr_link *link);
const char *ddr_link_ifname(const struct ddr_link *link);
const char *ddr_link_remote_name(const struct ddr_link *link);

/* ---- callback (seed 002; RFC 1570) ---- */

enum ddr_cb_verdict {
	DDR_CB_CONTINUE,   /* no callback: the call goes on (ddr_link_up) */
	DDR_CB_CALLBACK,   /* hang the call up; the core calls back */
	DDR_CB_DISCONNECT, /* callback-secure refusal: hang up, no call */
};

/*
 * Callback server decision for link (incoming, CONNECTED), called by the
 * glue after authentication when the peer asked for callback (RFC 1570
 * operation 0, or 1/3 with client_number) and/or `dialer callback-secure`
 * is on.  remote_name is the authenticated name; requested says the peer
 * asked; client_number is the number it offered ("" or NULL for none).
 *
 * Rules (IOS, seed 002):
 *  - only with `ppp callback accept` is a request honoured;
 *  - the maps named remote_name whose class has `dialer callback-server`
 *    are searched in order.  username: call back that map's number,
 *    whatever the client offered (toll-fraud guard: a fixed number
 *    cannot be redirected).  dialstring: call back the client's number
 *    only if it equals that map's number;
 *  - no such map (or no matching number): CONTINUE, or DISCONNECT with
 *    callback-secure;
 *  - with callback-secure the first call is never kept: a caller that did
 *    not request callback is called back when a username-mode callback
 *    map names it, else disconnected (our reading of "only configured
 *    users are called back; others stay disconnected").
 * On CALLBACK the number is copied into number (number_size octets) and
 * the return call is armed for enable-timeout seconds from now; the core
 * then dials it through this dialer (any free channel) and logs; a failed
 * return call is logged and not retried.  The glue hangs the first call
 * up for CALLBACK and DISCONNECT and reports ddr_link_down() as usual.
 */
enum ddr_cb_verdict ddr_callback_decide(struct ddr *ddr, struct ddr_link *link,
					const char *remote_name, bool requested,
					const char *client_number, char *number,
					size_t number_size);

/*
 * Callback client: the server ends link's call after authentication, on a
 * dialer with `ppp callback request`; the glue calls this before
 * ddr_link_down() (PPP never reached the network phase, so there was no
 * ddr_link_up()).  server_name is the name the server authenticated as;
 * NULL or "" takes the name of the link's dialer map.  The hold queue is
 * kept and no call is placed to the server's destination for up to
 * enable-timeout + wait-for-carrier seconds (the server's return-call
 * delay plus the time its call needs to connect), waiting for an
 * incoming call authenticated as server_name; ddr_link_up() for it
 * flushes the queue through it.  When the wait ends without it, the
 * queue is dropped and dialling resumes.  Ignored without `ppp callback
 * request` or without a name.
 */
void ddr_callback_wait(struct ddr *ddr, struct ddr_link *link,
		       const char *server_name);

/* ---- status ---- */

struct ddr_counters {
	uint64_t verdicts[DDR_VERDICT_COUNT]; /* by ddr_output() verdict */
	uint64_t queued;	/* packets that entered the hold queue */
	uint64_t queue_sent;	/* sent from the hold queue */
	uint64_t queue_dropped; /* dropped from it (timeout, failure) */
	uint64_t calls;		/* dial attempts */
	uint64_t no_channel;	/* ops->dial() found no channel */
	uint64_t callbacks;	/* return calls placed */
	uint64_t cb_rejected;	/* calls disconnected by callback-secure */
};

const struct ddr_counters *ddr_counters(const struct ddr *ddr);

/* Packets in the hold queue now. */
size_t ddr_holdq_len(const struct ddr *ddr);

/* `show dialer` text for this dialer and its links, in IOS form (see
 * doc/ddr.md), appended to sb. */
void ddr_show(const struct ddr *ddr, struct strbuf *sb);

/* The same as one JSON object appended to sb. */
void ddr_show_json(const struct ddr *ddr, struct strbuf *sb);

#endif /* NASD_DDR_H */
