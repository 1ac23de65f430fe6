/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modem.h - a Hayes-compatible modem, sans I/O: the AT command set, result
 * codes, S-registers, the call states of one analog line's modem, DTR
 * semantics, the `+++` escape with guard times, and the line side of a call
 * (pacing at the connect speed, latency, bit errors).  Used by the built-in
 * phone network (build/pstn), one modem per analog subscriber line; the
 * behaviour is documented in doc/pstn.md.  There is no RFC: the reference is
 * the de-facto Hayes "AT" command set (ITU-T V.250 names the same commands).
 *
 * Everything goes in through the functions below (bytes from the DTE, DTR,
 * call events from the switch, bytes from the far modem; time through the
 * `struct timers` given at creation) and comes out through `struct
 * modem_ops` (bytes and signals to the DTE, dial/answer/hang-up requests and
 * line bytes to the switch).  The core makes no system call and keeps no
 * global state, so a unit test drives it with a fake clock.
 *
 * Re-entrancy: an ops callback must not call back into the same modem
 * synchronously (it may call into another one: the switch offers a call to
 * the callee's modem from inside the caller's dial op).  Events the core
 * starts itself (the first RING, dialling) run from its own timers, never
 * from inside the function that asked for them.
 */
#ifndef NASD_MODEM_H
#define NASD_MODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "timer.h"

/* Modem outputs toward the DTE.  Same bit values as the PSTN_SIG_* of
 * pstn_wire.h, so an attachment can pass them through unchanged. */
#define MODEM_SIG_DCD 0x10 /* carrier detect (AT&C1: follows carrier) */
#define MODEM_SIG_DSR 0x20 /* data set ready: the modem is powered */
#define MODEM_SIG_RI 0x40  /* ring indicator, 2 s of each 6 s ring */
#define MODEM_SIG_CTS 0x80 /* clear to send: transmit queue has room */

/* Debug bits (struct modem_cfg.debug): what the pstn's `debug` switches
 * turn on.  Lines go to the logger at LOG_LVL_DEBUG. */
#define MODEM_DBG_AT 0x1      /* AT command lines and result codes */
#define MODEM_DBG_CALL 0x2    /* call progress: dial, ring, connect, hangup */
#define MODEM_DBG_SIGNALS 0x4 /* DTR in, DCD/DSR/RI/CTS out */

/*
 * Result codes.  X(ENUM, numeric code (ATV0), verbose text, lowest ATX
 * level that reports it; below that level it becomes `fallback`).
 * CONNECT's numeric code depends on the speed (modem_connect_code()).
 */
#define MODEM_RESULTS(X)                                                       \
	X(MODEM_RES_OK, 0, "OK", 0, MODEM_RES_OK)                              \
	X(MODEM_RES_CONNECT, 1, "CONNECT", 0, MODEM_RES_CONNECT)               \
	X(MODEM_RES_RING, 2, "RING", 0, MODEM_RES_RING)                        \
	X(MODEM_RES_NO_CARRIER, 3, "NO CARRIER", 0, MODEM_RES_NO_CARRIER)      \
	X(MODEM_RES_ERROR, 4, "ERROR", 0, MODEM_RES_ERROR)                     \
	X(MODEM_RES_NO_DIALTONE, 6, "NO DIALTONE", 2, MODEM_RES_NO_CARRIER)    \
	X(MODEM_RES_BUSY, 7, "BUSY", 3, MODEM_RES_NO_CARRIER)                  \
	X(MODEM_RES_NO_ANSWER, 8, "NO ANSWER", 3, MODEM_RES_NO_CARRIER)

enum modem_result {
#define MODEM_RES_ENUM(e, n, s, x, f) e,
	MODEM_RESULTS(MODEM_RES_ENUM)
#undef MODEM_RES_ENUM
	MODEM_RES__COUNT
};

/* Verbose text ("NO CARRIER"), numeric code; "?"/-1 when out of range. */
const char *modem_result_name(enum modem_result r);
int modem_result_code(enum modem_result r);

/*
 * Numeric CONNECT code for a speed in bit/s (the table in doc/pstn.md:
 * 1200 → 5, 2400 → 10, ..., 33600 → 84); 1 for a speed without a code of
 * its own.
 */
int modem_connect_code(uint32_t speed_bps);

/*
 * Modem states.  X(ENUM, name for `show modem`).
 *  IDLE        on hook, command mode (an offered call may be ringing)
 *  OFFHOOK     ATH1: off hook in command mode; callers get BUSY
 *  DIALING     ATD accepted, the dial string's pauses are running
 *  CALLING     the call is placed and the far end is ringing; S7 runs
 *  TRAINING    answered (either side); waiting for carrier; S7 runs
 *  ONLINE      data mode: DTE bytes go to the line
 *  ONLINE_CMD  command mode with the call up (after +++ or AT&D1)
 */
#define MODEM_STATES(X)                                                        \
	X(MODEM_IDLE, "idle")                                                  \
	X(MODEM_OFFHOOK, "off-hook")                                           \
	X(MODEM_DIALING, "dialing")                                            \
	X(MODEM_CALLING, "calling")                                            \
	X(MODEM_TRAINING, "training")                                          \
	X(MODEM_ONLINE, "online")                                              \
	X(MODEM_ONLINE_CMD, "online-command")

enum modem_state {
#define MODEM_STATE_ENUM(e, s) e,
	MODEM_STATES(MODEM_STATE_ENUM)
#undef MODEM_STATE_ENUM
	MODEM_STATE__COUNT
};

/* "online" ...; "?" when out of range. */
const char *modem_state_name(enum modem_state s);

/* S-registers kept (S0..S38); documented ones in doc/pstn.md. */
#define MODEM_NSREGS 39

/* What the switch tells the calling modem about its call. */
struct modem_ops {
	/* Bytes for the DTE: echo, result codes, information text, data
	 * from the far modem.  The owner buffers what it cannot write. */
	void (*dte_write)(void *arg, const uint8_t *data, size_t len);
	/* The modem's outputs changed; `sig` is the full MODEM_SIG_* set. */
	void (*signals)(void *arg, unsigned sig);
	/* Off hook and dial `number` (the dial string without modifiers:
	 * digits and the punctuation of the numbering plan).  Returns
	 * MODEM_RES_OK when the far end is being alerted (modem_answered()
	 * or modem_release() follow later), or the result to report now:
	 * MODEM_RES_BUSY, MODEM_RES_NO_DIALTONE, MODEM_RES_NO_CARRIER. */
	enum modem_result (*dial)(void *arg, const char *number);
	/* The offered call was answered here (ATA or S0 auto-answer). */
	void (*answer)(void *arg);
	/* On hook: the call (placed, offered or connected) is over. */
	void (*hangup)(void *arg);
	/* Bytes for the far modem, already paced at the connect speed,
	 * delayed by the latency and with bit errors applied. */
	void (*line_tx)(void *arg, const uint8_t *data, size_t len);
};

struct modem_cfg {
	uint32_t speed_bps;  /* highest speed this modem connects at */
	uint32_t latency_ms; /* one-way delay added to transmitted bytes */
	double ber;          /* probability that a bit flips, either way */
	uint64_t seed;       /* bit-error RNG seed (0 is replaced by 1) */
	uint8_t s0_default;  /* S0 after AT&F/ATZ: rings before auto-answer */
	const char *name;    /* log prefix, e.g. "line 5279651"; copied */
	/* Debug switches (MODEM_DBG_*), owned by the caller and read on every
	 * use so `debug` takes effect at once.  May be NULL. */
	const unsigned *debug;
};

/* Snapshot for `show modem`. */
struct modem_status {
	enum modem_state state;
	bool ringing;           /* an offered call is ringing */
	bool dtr;               /* DTR from the DTE */
	unsigned signals;       /* MODEM_SIG_* toward the DTE */
	uint32_t speed_bps;     /* connect speed, 0 when no carrier */
	bool echo, verbose, quiet;
	unsigned x_level, amp_c, amp_d;
	uint8_t sreg[MODEM_NSREGS];
	uint64_t tx_octets;     /* DTE → line, sent */
	uint64_t rx_octets;     /* line → DTE, delivered */
	uint64_t tx_dropped;    /* DTE bytes dropped: transmit queue full */
	uint64_t rx_dropped;    /* line bytes dropped: not online */
	uint64_t bits_flipped;  /* bit errors injected on transmit */
	size_t txq_octets;      /* waiting for the pacer */
	char last_cmd[64];      /* last AT command line (for A/) */
};

struct modem;

/*
 * Create a modem in IDLE with factory settings (E1 Q0 V1 X4 &C1 &D2,
 * S0 = cfg->s0_default).  ops and arg are kept; cfg is copied (name too).
 * No op is called from here: the owner reads the initial outputs with
 * modem_signals().  NULL on allocation failure.
 */
struct modem *modem_new(const struct modem_cfg *cfg,
			const struct modem_ops *ops, void *arg,
			struct timers *ts, struct logger *lg);

/* Cancel every timer and free.  No op is called.  NULL is harmless. */
void modem_free(struct modem *modem);

/* Change latency, BER, speed, S0 default and seed (reconfiguration);
 * applies from the next byte / the next AT&F. */
void modem_reconfigure(struct modem *modem, const struct modem_cfg *cfg);

/*
 * Bytes from the DTE.  In command states they are AT commands (echoed
 * with E1); online they go to the line through the pacer, and the escape
 * sequence (S2 three times with S12 guard time before and after) returns
 * to command mode.  While dialing or waiting for carrier any byte but LF
 * aborts the call (NO CARRIER), as on a Hayes modem.
 */
void modem_dte_input(struct modem *modem, const uint8_t *data, size_t len);

/* DTR from the DTE.  A drop acts per AT&D: 0 ignored; 1 online → online
 * command mode (OK); 2 hang up silently and return to command mode (the
 * default); 3 hang up and reset (ATZ).  While DTR is low under &D2/&D3
 * the modem does not auto-answer. */
void modem_set_dtr(struct modem *modem, bool on);

/*
 * The switch offers an incoming call.  Returns 0 when the modem starts
 * ringing (first RING at once from a timer, then every 6 s; S0 rings
 * auto-answer), -EBUSY when it is not idle or already ringing.
 */
int modem_offer(struct modem *modem);

/* The far end answered the call this modem placed: start training. */
void modem_answered(struct modem *modem);

/* Training finished: carrier at speed_bps.  The modem reports CONNECT
 * and goes online (DCD on).  Ignored unless TRAINING. */
void modem_carrier(struct modem *modem, uint32_t speed_bps);

/*
 * The network ended the call: the far end hung up, the caller gave up
 * while this modem was ringing, or a placed call failed.  `res` is shown
 * when this modem was dialing, calling, training or connected (normally
 * MODEM_RES_NO_CARRIER or MODEM_RES_BUSY); a ringing modem just stops
 * ringing.  The modem returns to IDLE without calling ops->hangup.
 */
void modem_release(struct modem *modem, enum modem_result res);

/* Bytes from the far modem: delivered to the DTE online (with this
 * line's bit-error rate applied: a noisy line is noisy both ways),
 * dropped (and counted) otherwise. */
void modem_line_input(struct modem *modem, const uint8_t *data, size_t len);

/* Current outputs toward the DTE (MODEM_SIG_*). */
unsigned modem_signals(const struct modem *modem);
enum modem_state modem_get_state(const struct modem *modem);
/* True when a caller would get BUSY: not idle, or idle and ringing. */
bool modem_busy(const struct modem *modem);
/* S-register n (0 when n >= MODEM_NSREGS). */
unsigned modem_sreg(const struct modem *modem, unsigned n);
void modem_get_status(const struct modem *modem, struct modem_status *st);

#endif /* NASD_MODEM_H */
