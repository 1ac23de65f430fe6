/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmodem.h - the internal digital modems of an AS5200-style access server
 * (seed 001): a tty line without a `device` but with `modem InOut|Dialin`
 * owns a Hayes modem (src/modem, the same core the phone network uses for
 * analog lines) whose serial side is the line and whose line side is an
 * ISDN voice call on a PRI or BRI B-channel.  Daemon-internal.
 *
 *  - Serial side: what the line writes goes to the modem's AT interpreter
 *    or, online, to the far modem; DTR is the line's; the modem's result
 *    codes, data and DCD/DSR/RI/CTS come back as those of a tty with
 *    modem-control lines (carrier = DCD).
 *  - Line side: an incoming voice call is offered to a free modem, which
 *    answers on the first ring (S0=1) and trains; ATD places a voice call
 *    (isdn_place_voice_call()); the phone network's CARRIER is the
 *    training result; ATH, or DTR dropped under &D2, clears the call.
 *
 * The modem is configured like an AS5200's internal one: factory settings
 * with S0=1, no latency, no bit errors (noise is the phone network's
 * business), and a top speed of 56000 bit/s so that the connect speed is
 * the call's (what the phone network reports with CARRIER).  Its log
 * prefix is "modem 0/N" with N = line number - 1, IOS's slot/port of the
 * modem (`debug modem csm` says "slot 0, port 3" for TTY4); its own debug
 * lines (AT commands, call progress, signals) follow `debug modem`.
 *
 * Re-entrancy: the modem core forbids calls back into it from its ops, and
 * the line reacts to what the modem says by writing to it or dropping DTR.
 * So the modem's output toward the line (bytes and signals, in order) is
 * queued and delivered from the event loop, never from inside the modem;
 * the ISDN side is called directly (it never calls back synchronously).
 */
#ifndef NASD_DAEMON_DMODEM_H
#define NASD_DAEMON_DMODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csm.h"
#include "ifname.h"
#include "modem.h"

struct nasd;
struct line;
struct isdn_call;
struct dmodem;

/* The highest speed the internal modems connect at (V.90 downstream). */
#define DMODEM_SPEED_BPS 56000

/* Snapshot for `show modem` / `show line`. */
struct dmodem_status {
	char name[24]; /* "modem 0/3" */
	unsigned slot, port;
	struct modem_status modem;
	enum csm_state csm;
	char call_if[IFNAME_MAX]; /* "Serial0:22", "" without a call */
	bool call_outgoing;
	uint64_t calls_in, calls_out, calls_failed;
	uint64_t dte_dropped; /* modem output lost: the line did not read */
};

/*
 * Give line l its modem (line_io.c, when a device-less modem line opens).
 * The modem starts idle with DTR low; the line raises it.  NULL on
 * allocation failure.
 */
struct dmodem *dmodem_new(struct line *l);

/*
 * The line is going away or changing backend: a call in progress is
 * cleared (cause 16), nothing more reaches the line.  Safe from inside a
 * delivery to the line (the memory is then released from the loop).
 * NULL is harmless.
 */
void dmodem_free(struct dmodem *dm);

/* ---- serial side (line_io.c) ---------------------------------------- */

/* Octets from the line (AT commands, or data for the far modem). */
void dmodem_dte_write(struct dmodem *dm, const uint8_t *data, size_t len);
/* DTR from the line; a drop hangs up per AT&D (default &D2). */
void dmodem_set_dtr(struct dmodem *dm, bool on);
/* Current DCD/DSR/RI/CTS (MODEM_SIG_*) as last delivered to the line. */
unsigned dmodem_signals(const struct dmodem *dm);
/* Free for a call in either direction: no ISDN call, the modem idle and
 * not ringing. */
bool dmodem_idle(const struct dmodem *dm);
void dmodem_get_status(const struct dmodem *dm, struct dmodem_status *st);

/* ---- network side (isdn.c) ------------------------------------------ */

/*
 * An incoming voice call `c`: the first line (in line order) whose modem
 * is free, not busied out, not shut down, takes it and starts ringing
 * (VDEV_ALLOCATE, CSM_EVENT_ISDN_CALL).  The modem answers from a timer
 * through isdn_voice_answer().  NULL when no modem is free (the caller
 * refuses the call).
 */
struct dmodem *dmodem_claim(struct nasd *nasd, struct isdn_call *c);
/* The line the modem belongs to (for show commands). */
struct line *dmodem_line(const struct dmodem *dm);
/* CALL PROCEEDING for the call this modem placed (B-channel assigned). */
void dmodem_call_proceeding(struct dmodem *dm);
/* CONNECT for the call this modem placed: the modems start training. */
void dmodem_call_connected(struct dmodem *dm);
/* The phone network's training result: carrier at bps, or 0 when the
 * carrier is lost (the modem says NO CARRIER and the call is cleared). */
void dmodem_call_carrier(struct dmodem *dm, uint32_t bps);
/* Octets from the far modem. */
void dmodem_call_data(struct dmodem *dm, const uint8_t *data, size_t len);
/*
 * The call is gone (the far end cleared it, or the network refused it
 * with Q.850 `cause`); the modem forgets it first, then reports BUSY
 * (cause 17), NO ANSWER (18, 19: nobody picked up) or NO CARRIER while
 * the call was being placed, NO CARRIER once connected; a ringing modem
 * stops ringing.
 */
void dmodem_call_released(struct dmodem *dm, int cause);

#endif /* NASD_DAEMON_DMODEM_H */
