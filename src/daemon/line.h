/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * line.h - nasd's terminal lines (IOS `line N`): a tty line is a modem or a
 * serial port that calls arrive on and leave from, carrying an EXEC login or
 * PPP (`interface Async N`).  Daemon-internal.
 *
 * A line has a *backend* that moves bytes and modem-control signals:
 *   - tty:  a real serial port or a pty (`device /dev/ttyS0`); DCD and RI
 *           from TIOCMGET when the device has modem-control lines;
 *   - pstn: the serial side of a modem of the built-in phone network
 *           (`device pstn:/run/pstn/attach.sock:5551234`), signals over
 *           the attachment protocol (doc/pstn-protocol.md);
 *   - dmodem: the line has no device but `modem InOut|Dialin`: an
 *           AS5200's internal digital modem (dmodem.h), reached by ISDN
 *           voice calls on a PRI/BRI and placing them with ATD;
 *   - none: the line has no device and no modem.
 * With `modem InOut|Dialin` a call is the carrier (DCD, or the modem's
 * CONNECT / NO CARRIER result codes when the device has no modem-control
 * lines); without modem control the line is hard-wired and "up" while the
 * device is open.
 *
 * States (`show line`, `debug modem`):
 *   DOWN    no device, or it cannot be opened (retried every 5 s)
 *   IDLE    ready: DTR up, waiting for a call (or the peer, if hard-wired)
 *   READY   carrier came up: activation, autoselect sampling
 *   EXEC    a login / EXEC session runs on the line
 *   PPP     a PPP session runs on interface Async N
 *   DIALING a chat script is placing a call
 *   HANGUP  the call is being dropped (DTR low for a moment)
 *   BUSYOUT `modem busyout`: no calls in or out
 */
#ifndef NASD_DAEMON_LINE_H
#define NASD_DAEMON_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "hdlc.h"
#include "loop.h"
#include "ppp_session.h"
#include "timer.h"

struct nasd;
struct line;
struct chat_run;
struct chat_script;
struct vty;
struct dmodem;
struct dialer_call;
struct vpdn_fwd;

#define LINE_STATES(X)                                                         \
	X(LINE_DOWN, "DOWN")                                                   \
	X(LINE_IDLE, "IDLE")                                                   \
	X(LINE_READY, "READY")                                                 \
	X(LINE_EXEC, "EXEC")                                                   \
	X(LINE_PPP, "PPP")                                                     \
	X(LINE_DIALING, "DIALING")                                             \
	X(LINE_HANGUP, "HANGUP")                                               \
	X(LINE_BUSYOUT, "BUSYOUT")

enum line_state {
#define LINE_STATE_ENUM(e, s) e,
	LINE_STATES(LINE_STATE_ENUM)
#undef LINE_STATE_ENUM
	LINE_STATE__COUNT
};

enum line_backend {
	LINE_BE_NONE,
	LINE_BE_TTY,
	LINE_BE_PSTN,
	LINE_BE_DMODEM, /* an internal digital modem (dmodem.h) */
};

/* Why a call ended, for `show line` and the logs. */
#define LINE_REASON_MAX 160

/* What a line does once an outgoing call connects (line_dial()). */
enum line_then {
	LINE_THEN_PPP,      /* start PPP at once (a dial-out for PPP) */
	LINE_THEN_EXEC,     /* start an EXEC */
	LINE_THEN_INCOMING, /* activate as for an incoming call (autoselect,
			     * login): a callback's return call, where the
			     * client speaks first (seed 001) */
	LINE_THEN_RELAY,    /* HDLC framing only, frames to and from l->fwd:
			     * a LAC's dial-out for its LNS (RFC 2661 §5.2.2);
			     * no PPP of the line's own */
};

/* An outgoing call in progress (line_dial.c). */
struct line_call {
	char number[64];
	struct chat_script *scripts[2]; /* offhook, then dial (owned) */
	char script_names[2][64];
	char script_res[2][CONFIG_NAME_MAX]; /* the `script` expressions */
	int nscripts, step;
	bool ppp_after;   /* connected: start PPP */
	bool exec_after;  /* connected: start an EXEC (else stay idle) */
	bool incoming_after; /* connected: activate as an incoming call */
	bool relay_after;    /* connected: relay frames for l->fwd */
	void (*done)(void *arg, struct line *l, bool ok, const char *why);
	void *arg;
};

/* The EXEC side of a line (line_exec.c). */
struct line_exec;

struct line {
	struct nasd *nasd;
	struct line *next;
	unsigned num;                 /* tty number = Async number */
	char tty[16];                 /* "TTY4" (debug prefix) */
	char ifname[IFNAME_MAX];      /* "Async4" */
	char ifshort[IFNAME_MAX];     /* "As4" */
	struct config_line_settings s; /* the settings in force */
	enum line_state state;
	uint64_t state_since_ms;
	/* backend */
	enum line_backend be;
	char device[CONFIG_DESC_MAX];
	char pstn_path[CONFIG_DESC_MAX]; /* LINE_BE_PSTN */
	char pstn_number[40];
	int fd;                       /* -1 while closed */
	struct loop_fd lfd;
	bool has_mctl;                /* TIOCM works: DCD/RI are real */
	bool attached;                /* pstn: ATTACHED received */
	uint8_t sig_in;               /* last DCD/DSR/RI/CTS seen */
	bool dtr;
	struct timer reopen_timer;
	struct timer poll_timer;      /* TIOCMGET polling for DCD/RI */
	struct timer hangup_timer;    /* DTR low period, then IDLE */
	struct timer restart_timer;   /* hard-wired PPP: start again */
	struct timer autosel_timer;   /* give up sampling: EXEC */
	struct timer flush_timer;     /* end of flush-at-activation */
	/* LINE_BE_DMODEM: the line's modem (owned) */
	struct dmodem *dm;
	/* in-band result codes (no modem-control lines) */
	char rc_buf[64];
	size_t rc_len;
	bool carrier;                 /* the call is up */
	bool ring_answered;
	unsigned rings;               /* RING indications of this call */
	unsigned connect_bps;         /* from CONNECT <speed>, 0 unknown */
	/* output queue */
	uint8_t *obuf;
	size_t olen, ocap;
	/* flush-at-activation: input before this time is line noise */
	uint64_t flush_until_ms;
	/* autoselect */
	uint8_t sample[8];
	size_t nsample;
	/* autoselect arap: the first octets, until arap_detect() decides */
	uint8_t arap_sample[4];
	size_t narap;
	bool arap_decided;
	/* PPP on interface Async N */
	struct hdlc_rx rx;
	uint64_t rx_errors_seen; /* rx.stats frame losses told to sess */
	struct hdlc_tx_cfg tx;
	struct ppp_session *sess;
	struct ppp_session *dead;
	struct loop_defer reap;
	/* EXEC */
	struct line_exec *exec;
	/* outgoing call */
	struct chat_run *chat;
	struct chat_run *chat_dead;   /* finished run, freed deferred */
	struct loop_defer chat_reap;
	struct line_call call;
	bool calling;
	/* DDR (ddr_glue.h): the call of a dialer on this line, or NULL */
	struct dialer_call *dc;
	/* VPDN (vpdn.h): the call was forwarded into an L2TP tunnel; its
	 * frames are relayed (HDLC still decoded and encoded here). */
	struct vpdn_fwd *fwd;
	/* callback (callback.c): this call is a return call, for this user;
	 * an EXEC callback's (return_exec), whose user is logged straight in
	 * (return_noverify: the user's nocallback-verify) */
	bool return_call;
	bool return_exec, return_noverify;
	char return_user[CONFIG_NAME_MAX];
	char return_number[CBCP_NUMBER_MAX + 1];
	/* Identifier of the next CBCP Request on this line: IOS keeps one
	 * counter per line across calls (seed 001 starts at 20). */
	uint8_t cbcp_next_id;
	/* who and why, for show commands */
	char user[CONFIG_NAME_MAX];
	char remote[64];              /* caller / called number if known */
	char called[64];              /* the number an incoming call was
				       * made to (DNIS: a digital modem's
				       * PRI call), "" unknown */
	char last_reason[LINE_REASON_MAX];
	bool admin_down;              /* interface Async N `shutdown` */
	bool closing;
	/* counters */
	uint64_t rx_octets, tx_octets, tx_frames, tx_drops;
	uint64_t uses, resets, carrier_transitions, noise;
	uint64_t last_input_ms, last_output_ms;
};

const char *line_state_name(enum line_state st);

/* ---- line.c ------------------------------------------------------------- */

struct line *line_new(struct nasd *nasd, unsigned num,
		      const struct config_line_settings *s);
void line_free(struct line *l);
/* New settings for a live line (apply.c): reopens the device when it
 * changed; takes effect for the next call otherwise. */
void line_update(struct line *l, const struct config_line_settings *s);
/* interface Async N shut down / no shutdown. */
void line_set_admin(struct line *l, bool down);
/* `clear line N` / `clear interface AsyncN`: drop the call now. */
void line_clear(struct line *l, const char *reason);
/* SIGTERM: close PPP with Terminate-Request; true when nothing to wait for. */
bool line_shutdown(struct line *l);
bool line_is_quiet(const struct line *l);
struct line *line_find(struct nasd *nasd, unsigned num);
struct line *line_find_if(struct nasd *nasd, const char *ifname);
/* An IP packet for this line's PPP peer. */
void line_send_ip(struct line *l, const uint8_t *pkt, size_t len);

/* Hang up the current call: ends EXEC/PPP/chat, drops DTR, then IDLE. */
void line_hangup(struct line *l, const char *reason);
/* Carrier is up: run activation (PPP, autoselect or EXEC). */
void line_activate(struct line *l, bool outgoing, bool ppp);
/* Start PPP on the line now (autoselect, the EXEC `ppp` command, a call
 * placed for PPP).  `pending` bytes already read go to the HDLC receiver. */
void line_start_ppp(struct line *l, const uint8_t *pending, size_t n);
/* An outgoing call placed with LINE_THEN_RELAY connected: async HDLC
 * framing with the default ACCM (the LNS's Set-Link-Info changes it),
 * every frame to l->fwd, state PPP (`show line`), no session. */
void line_start_relay(struct line *l);
void line_set_state(struct line *l, enum line_state st);
/* Octets from the device while a call is up (line_io.c → line.c). */
void line_data(struct line *l, const uint8_t *data, size_t n);
/* Autoselect sampling (IOS "Autoselect(2) sample 7EFF7D23"): true when
 * the sampled octets are a PPP frame start; *not_ppp when they cannot be. */
bool line_autoselect_sample(struct line *l, const uint8_t *data, size_t n,
			    bool *not_ppp);
/*
 * `autoselect arap` (arap.h): look at the caller's first octets for an
 * ARA client.  Returns true when the octets were taken: kept until the
 * verdict, or the call was refused (%ARAP-3-NOTSUPPORTED logged, the line
 * hung up: l->exec and the session are gone then).  Returns false when
 * the call is not ARA (or the line has no `autoselect arap`): the octets
 * kept from earlier calls are copied into prev (ARAP_SAMPLE_MAX octets),
 * *nprev of them, and the caller handles prev and then data as usual.
 */
bool line_autoselect_arap(struct line *l, const uint8_t *data, size_t n,
			  uint8_t *prev, size_t *nprev);
/* interface Async N runs PPP (`encapsulation ppp`). */
bool line_if_ppp(const struct line *l);

/* ---- line_io.c ---------------------------------------------------------- */

/* Open / attach the backend; on success the line goes IDLE (or straight to
 * activation when hard-wired). */
void line_io_open(struct line *l);
void line_io_close(struct line *l);
/* Queue bytes to the device (flushed as it accepts them). */
void line_io_write(struct line *l, const void *data, size_t len);
void line_io_puts(struct line *l, const char *s);
/* Raise / drop DTR (tty: TIOCMBIS/TIOCMBIC; pstn: SIGNALS). */
void line_io_set_dtr(struct line *l, bool on);
/* Does this line use modem control (`modem InOut|Dialin`)? */
bool line_io_modem(const struct line *l);
/* Can the line carry a call now (device open, or a digital modem)? */
bool line_io_up(const struct line *l);

/*
 * What the line's digital modem says (dmodem.c, from the loop, never from
 * inside the modem): octets on the serial side (result codes, echo, the
 * far end's data), and its DCD/DSR/RI/CTS (MODEM_SIG_*, the values of
 * PSTN_SIG_*) with the connect speed in bit/s when DCD rises (0 unknown).
 * The line treats them as a tty's with modem-control lines: RI rings,
 * DCD rising is the call, falling hangs it up.
 */
void line_io_modem_input(struct line *l, const uint8_t *data, size_t n);
void line_io_modem_signals(struct line *l, unsigned sig, unsigned bps);

/* ---- line_exec.c -------------------------------------------------------- */

/* Start the login dialogue and EXEC on the line.  `autoselect` keeps
 * sampling input for a PPP frame during the Username: prompt. */
void line_exec_start(struct line *l, bool autoselect);
/* Bytes typed by the user. */
void line_exec_input(struct line *l, const uint8_t *data, size_t n);
void line_exec_stop(struct line *l);
/* Install the EXEC commands that only make sense on a line (`ppp`). */
int line_exec_install(struct nasd *nasd, struct cmd_table *t);

/* ---- line_dial.c -------------------------------------------------------- */

/*
 * Place a call on line l to `number`: the line's `script modem-off-hook`
 * (if any), then `dial_script` (a chat-script name, or NULL for the line's
 * `script dialer`, else `script callback`).  On carrier the line does what
 * `then` says.  done(arg, l, ok, why) reports the outcome once the scripts
 * finished (ok) or failed (not ok; the line is then hung up and free
 * again).  Returns 0, or -EBUSY (line not idle), -ENODEV (no usable
 * device), -ENOENT (no script), -EINVAL (script does not compile).
 */
int line_dial(struct line *l, const char *number, const char *dial_script,
	      enum line_then then,
	      void (*done)(void *arg, struct line *l, bool ok,
			   const char *why),
	      void *arg);
/*
 * The first line of rotary group `rotary` (`rotary N`) that can place a
 * call now, or NULL (all busy, busied out, or no such rotary).  IOS hunts
 * the rotary in line order.
 */
struct line *line_rotary_free(struct nasd *nasd, unsigned rotary);
/* Can line l place a call now (idle, not busied out, a usable device)? */
bool line_can_dial(const struct line *l);
/* The line of a dialer's member interface `member` ("Async3") when it
 * can place a call now; NULL otherwise (not an async name, no such line,
 * busy). */
struct line *line_member_free(struct nasd *nasd, const char *member);
/* A line_dial() error as a log phrase ("no `script dialer`" ...). */
const char *line_dial_strerror(int rc);
/* Chat script output from the modem while dialling. */
void line_dial_input(struct line *l, const uint8_t *data, size_t n);
void line_dial_stop(struct line *l);
/* Release everything (line_free; never from a chat callback). */
void line_dial_free(struct line *l);
/* Find a chat script by IOS regular expression (`script callback REGEXP`)
 * and compile it.  NULL (and a logged reason) when none matches. */
struct chat_script *line_chat_find(struct line *l, const char *regexp,
				   char *name, size_t name_size);
int line_dial_install(struct nasd *nasd, struct cmd_table *t);

/* ---- status_line.c ------------------------------------------------------ */

int line_status_install(struct nasd *nasd, struct cmd_table *t);

#endif /* NASD_DAEMON_LINE_H */
