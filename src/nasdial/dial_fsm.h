/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_fsm.h - the call logic of nasdial, the dial-up client: dial (or wait
 * for a call), run PPP on the connection, and — the point of the program —
 * take part in callback as the caller: when the server agrees to call back
 * (Microsoft CBCP, [MS-CBCP] 1.4 and 3.1; RFC 1570 §2.3 operation 0; or
 * Cisco `ppp callback initiate`, where the server simply ends the link after
 * authentication), hang up, put the modem in answer mode, answer the return
 * call and run PPP again on it (callback.md §2.8, the caller's machine).
 *
 * Sans I/O: the machine is driven by events (chat script finished, carrier
 * lost, PPP milestones, signals) and acts through `struct dial_fsm_ops`
 * (start a chat script, hang up, start/close/drop the PPP session, exit).
 * Its timers (DTR pause, hold-off, --up-for, --callback-timeout, the guard
 * on a closing link) run on the injected `struct timers`, so the unit tests
 * drive whole callback sequences with a fake clock.
 *
 * States, with the names the status file shows:
 *   idle         before dial_fsm_start()
 *   dialing      the dial chat script runs (ATZ, ATDT, CONNECT)
 *   answering    the answer chat script runs (RING, ATA, CONNECT): answer
 *                mode, or waiting for the return call
 *   negotiating  carrier up, PPP before IPCP is Opened
 *   up           IPCP Opened: the link carries IP
 *   terminating  LCP is closing: ours (signal, --up-for) or the session's
 *                after a callback agreement ("Call me back")
 *   hanging-up   DTR dropped (the modem goes on hook), a short pause before
 *                the modem is used again
 *   holdoff      --persist: waiting before the next attempt
 *   done         exited (the code is in dial_fsm.exit_code)
 *
 * The ops are never called re-entrantly with an event: an owner whose op
 * leads to another event (ppp_lower_down makes the session report
 * link_down) must deliver that event later (the loop's deferred queue).
 */
#ifndef NASD_NASDIAL_DIAL_FSM_H
#define NASD_NASDIAL_DIAL_FSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chat.h"
#include "log.h"
#include "timer.h"

/*
 * Exit codes of nasdial (documented in --help and doc/nasdial.md).
 * X(ENUM, code, short name for the status file, --help text).
 */
#define DIAL_EXITS(X)                                                          \
	X(DIAL_EXIT_OK, 0, "ok",                                               \
	  "the link came up and was ended by SIGTERM/SIGINT or --up-for")      \
	X(DIAL_EXIT_FATAL, 1, "fatal", "internal error (out of memory)")      \
	X(DIAL_EXIT_USAGE, 2, "usage", "bad command line")                     \
	X(DIAL_EXIT_SETUP, 3, "setup",                                         \
	  "cannot open the device, the TUN, a file; attach refused")           \
	X(DIAL_EXIT_MODEM, 4, "modem",                                         \
	  "the modem did not respond or said ERROR")                           \
	X(DIAL_EXIT_BUSY, 5, "busy", "the number is busy (BUSY)")              \
	X(DIAL_EXIT_NO_CARRIER, 6, "no-carrier",                               \
	  "NO CARRIER: no modem answered, or the call was cleared")            \
	X(DIAL_EXIT_NO_ANSWER, 7, "no-answer",                                 \
	  "NO ANSWER, or no CONNECT within the script's TIMEOUT")              \
	X(DIAL_EXIT_NO_DIALTONE, 8, "no-dialtone", "NO DIALTONE")              \
	X(DIAL_EXIT_PPP, 9, "ppp",                                             \
	  "PPP negotiation failed (LCP or IPCP never opened)")                 \
	X(DIAL_EXIT_AUTH, 10, "auth-failed",                                   \
	  "the server refused our name or password")                           \
	X(DIAL_EXIT_CB_REFUSED, 11, "callback-refused",                        \
	  "the server refused the callback we asked for")                      \
	X(DIAL_EXIT_NO_CALLBACK, 12, "no-return-call",                         \
	  "no return call within --callback-timeout")                          \
	X(DIAL_EXIT_LINK_DOWN, 13, "link-down",                                \
	  "the link went down after it was up (carrier lost, peer ended it)")  \
	X(DIAL_EXIT_NO_CALL, 14, "no-call",                                    \
	  "--answer: no incoming call within the answer script's TIMEOUT")     \
	X(DIAL_EXIT_SIGNAL, 15, "interrupted",                                 \
	  "SIGTERM/SIGINT before the link came up")

enum dial_exit {
#define DIAL_EXIT_ENUM(e, code, name, help) e = code,
	DIAL_EXITS(DIAL_EXIT_ENUM)
#undef DIAL_EXIT_ENUM
	DIAL_EXIT__COUNT
};

/* "busy", "auth-failed" ...; "?" when unknown. */
const char *dial_exit_name(enum dial_exit code);
/* The --help text of an exit code; "?" when unknown. */
const char *dial_exit_help(enum dial_exit code);

/* X(ENUM, name in the status file) */
#define DIAL_STATES(X)                                                         \
	X(DIAL_ST_IDLE, "idle")                                                \
	X(DIAL_ST_DIALING, "dialing")                                          \
	X(DIAL_ST_ANSWERING, "answering")                                      \
	X(DIAL_ST_PPP, "negotiating")                                          \
	X(DIAL_ST_UP, "up")                                                    \
	X(DIAL_ST_TERMINATING, "terminating")                                  \
	X(DIAL_ST_HANGUP, "hanging-up")                                        \
	X(DIAL_ST_HOLDOFF, "holdoff")                                          \
	X(DIAL_ST_DONE, "done")

enum dial_state {
#define DIAL_STATE_ENUM(e, s) e,
	DIAL_STATES(DIAL_STATE_ENUM)
#undef DIAL_STATE_ENUM
	DIAL_ST__COUNT
};

const char *dial_state_name(enum dial_state st);

/* Which chat script the owner must run. */
enum dial_script {
	DIAL_SCRIPT_DIAL,   /* --dial-script with \T = the number */
	DIAL_SCRIPT_ANSWER, /* --answer-script */
};

#define DIAL_NUMBER_MAX 64
#define DIAL_REASON_MAX 160

struct dial_fsm_cfg {
	char number[DIAL_NUMBER_MAX + 1]; /* what to dial ("" with answer) */
	bool answer;          /* --answer: wait for a call, never dial */
	bool expect_callback; /* --expect-callback: a server that ends the
			       * link after authentication and before IPCP
			       * will call back (`ppp callback initiate`) */
	bool callback_strict; /* we insisted on callback (a preset number,
			       * RFC 1570): a server that rejects the LCP
			       * Callback option is a refusal */
	bool persist;         /* --persist: dial again after a failure */
	uint32_t callback_timeout_ms; /* agreement -> return call CONNECT */
	uint32_t up_for_ms;   /* --up-for: close after this long up; 0 off */
	uint32_t holdoff_ms;  /* --persist: pause before the next attempt */
	uint32_t hangup_ms;   /* DTR low before the modem is used again */
	uint32_t close_guard_ms; /* LCP close that never finishes */
};

/* What the owner does for the machine.  ctx is dial_fsm_init()'s. */
struct dial_fsm_ops {
	/* Start a chat script on the modem (the previous run is over).
	 * `number` is \T for DIAL_SCRIPT_DIAL, "" otherwise.  The owner
	 * reports the end with dial_fsm_chat_done(). */
	void (*chat)(void *ctx, enum dial_script which, const char *number);
	/* Go on hook: cancel any chat run, drop DTR.  The owner raises DTR
	 * again by itself after hangup_ms at the latest (the machine waits
	 * that long before its next chat). */
	void (*hangup)(void *ctx);
	/* Carrier is up: create a PPP session and start LCP.  return_call:
	 * this connection is the server's return call (no callback is
	 * asked for again, as Windows does in seed 001). */
	void (*ppp_start)(void *ctx, bool return_call);
	/* Close the session administratively (LCP Terminate-Request). */
	void (*ppp_close)(void *ctx, const char *reason);
	/* The lower layer is gone (carrier lost): drop the session now. */
	void (*ppp_lower_down)(void *ctx);
	/* Something in the status changed (state, counters, callback). */
	void (*changed)(void *ctx);
	/* The machine is done: exit with `code`; msg is the one-line reason
	 * ("" for success), valid during the call. */
	void (*exit)(void *ctx, enum dial_exit code, const char *msg);
};

/* Callback as the caller sees it, for the status file. */
struct dial_callback {
	bool agreed;        /* the server agreed to call back */
	bool return_call;   /* the return call came and was answered */
	bool refused;       /* the server refused what we asked for */
	char number[DIAL_NUMBER_MAX + 1]; /* where it calls ("" unknown) */
	unsigned delay_s;   /* agreed delay */
	unsigned offered;   /* CBCP types offered, a bit per type */
	char note[DIAL_REASON_MAX]; /* why refused, or how it was agreed */
};

/* Counters for the status file and the closing summary. */
struct dial_counts {
	unsigned dials;      /* dial scripts started */
	unsigned answers;    /* answer scripts started */
	unsigned connects;   /* CONNECTs (carrier up) */
	unsigned sessions;   /* PPP sessions started */
	unsigned ups;        /* times IPCP opened */
	unsigned callbacks;  /* callback agreements */
};

struct dial_fsm {
	struct dial_fsm_cfg cfg;
	const struct dial_fsm_ops *ops;
	void *ctx;
	const struct logger *log;
	struct timers *ts;
	enum dial_state state;
	struct timer timer;    /* the state's timer (hangup, holdoff, ...) */
	struct timer cb_timer; /* --callback-timeout after an agreement */
	struct timer up_timer; /* --up-for */
	/* this connection */
	bool return_call;      /* it is the server's return call */
	bool authenticated;    /* the server accepted us */
	bool auth_failed;      /* the server refused us */
	bool stopping;         /* SIGTERM/SIGINT: exit after closing */
	bool up_for_done;      /* --up-for expired: exit 0 after closing */
	bool cb_waiting;       /* agreed, the return call not answered yet */
	enum dial_exit pending_exit; /* why the connection is ending */
	char pending_msg[DIAL_REASON_MAX];
	/* whole run */
	bool ever_up;
	uint64_t up_since_ms;  /* valid in DIAL_ST_UP */
	uint64_t up_total_ms;  /* time up, ended connections */
	struct dial_callback cb;
	struct dial_counts counts;
	enum dial_exit exit_code;
	char exit_msg[DIAL_REASON_MAX];
};

/* Defaults: callback timeout 120 s, hold-off 5 s, DTR pause 1 s, close
 * guard 6 s, no --up-for. */
void dial_fsm_cfg_default(struct dial_fsm_cfg *cfg);

/* Initialise in DIAL_ST_IDLE; cfg is copied, the rest borrowed. */
void dial_fsm_init(struct dial_fsm *fsm, const struct dial_fsm_cfg *cfg,
		   const struct dial_fsm_ops *ops, void *ctx,
		   struct timers *ts, const struct logger *log);

/* Cancel the timers; the object may then be freed. */
void dial_fsm_fini(struct dial_fsm *fsm);

/* Begin: dial cfg.number, or (cfg.answer) wait for a call. */
void dial_fsm_start(struct dial_fsm *fsm);

/*
 * The chat script started by ops->chat ended.  Dial script: SUCCESS is
 * carrier up (PPP starts); ABORTED maps the ABORT string to an exit code
 * (BUSY, NO CARRIER, NO ANSWER, NO DIALTONE, ERROR), TIMEOUT waiting for
 * CONNECT is "no answer", any other TIMEOUT or ERROR is a modem problem.
 * Answer script: SUCCESS is carrier up; a failure while a return call is
 * awaited is DIAL_EXIT_NO_CALLBACK, otherwise DIAL_EXIT_NO_CALL.
 */
void dial_fsm_chat_done(struct dial_fsm *fsm, enum chat_status status,
			const char *why);

/* Carrier dropped (DCD fell, NO CARRIER in-band, the device went away).
 * With a session running, ops->ppp_lower_down() is called and the
 * session's link_down (dial_fsm_ppp_down) does the rest. */
void dial_fsm_carrier_lost(struct dial_fsm *fsm);

/* The server accepted (ok) or refused our authentication. */
void dial_fsm_auth(struct dial_fsm *fsm, bool ok);

/* IPCP Opened: the link is up. */
void dial_fsm_ppp_up(struct dial_fsm *fsm);

/* LCP Opened without the Callback option we asked for: the server
 * Configure-Rejected it.  With cfg.callback_strict the link is closed and
 * the run ends with DIAL_EXIT_CB_REFUSED; otherwise it is only noted. */
void dial_fsm_callback_rejected(struct dial_fsm *fsm, const char *why);

/* CBCP ended in "no callback" though we gave a number: noted for the
 * status file; the link goes on, as Windows does. */
void dial_fsm_callback_declined(struct dial_fsm *fsm, const char *why);

/* CBCP offered callback types (a bit per type), for the status file. */
void dial_fsm_callback_offered(struct dial_fsm *fsm, unsigned offer);

/* CBCP failed, or ended in "no callback" though we insisted: the session
 * closes the link; the run ends with DIAL_EXIT_CB_REFUSED. */
void dial_fsm_callback_failed(struct dial_fsm *fsm, const char *why);

/*
 * The server agreed to call back at `number` ("" unknown) after delay_s.
 * The session is terminating; when its link_down arrives the machine
 * hangs up and answers the return call.  --callback-timeout runs from
 * here.  A second agreement for the same connection is ignored.
 */
void dial_fsm_callback_agreed(struct dial_fsm *fsm, const char *number,
			      unsigned delay_s);

/* The session is over (its link_down), reason in words. */
void dial_fsm_ppp_down(struct dial_fsm *fsm, const char *reason);

/* SIGTERM/SIGINT: close the link if there is one, then exit (0 if the
 * link was ever up, DIAL_EXIT_SIGNAL otherwise).  A second call while
 * closing exits at once. */
void dial_fsm_stop(struct dial_fsm *fsm);

/* Give up at once (the modem device went away, start-up failed): hang up,
 * drop any session, exit with code and msg.  Ignored once done. */
void dial_fsm_abort(struct dial_fsm *fsm, enum dial_exit code,
		    const char *msg);

/* Milliseconds the link has been up in total, the current stretch
 * included. */
uint64_t dial_fsm_up_ms(const struct dial_fsm *fsm);

#endif /* NASD_NASDIAL_DIAL_FSM_H */
