/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_modem.h - the serial side of nasdial's Hayes modem, whichever way it
 * is reached (all speak the AT command set):
 *   - `pstn:SOCKET:NUMBER`: the phone network's attach socket as the DTE of
 *     that subscriber (doc/pstn-protocol.md): DATA records both ways,
 *     SIGNALS for DTR (ours) and DCD/RI (the modem's);
 *   - a real tty: termios raw 8N1, DTR through TIOCMBIS/TIOCMBIC, DCD
 *     polled with TIOCMGET;
 *   - a pty of the phone network: no modem-control lines, so DTR is "the
 *     slave is open" (doc/pstn.md) and carrier loss is the in-band NO
 *     CARRIER (the owner scans for it, dial_status.h).
 * Bytes out are queued when the device is full.  No protocol knowledge
 * beyond the attach messages.
 */
#ifndef NASD_NASDIAL_DIAL_MODEM_H
#define NASD_NASDIAL_DIAL_MODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "loop.h"
#include "timer.h"

#define DIAL_MODEM_OBUF_MAX (256 * 1024)

struct dial_modem_ops {
	/* The modem is usable (attached; the tty is open). */
	void (*ready)(void *ctx);
	/* Octets from the modem, data valid during the call. */
	void (*input)(void *ctx, const uint8_t *data, size_t n);
	/* DCD rose (up) or fell on a device with modem-control lines; or
	 * (down) a pty was hung up by the phone network. */
	void (*carrier)(void *ctx, bool up);
	/* The device is gone for good (attach refused, EOF on a real tty,
	 * a pty that cannot be reopened): why in words. */
	void (*gone)(void *ctx, const char *why);
};

enum dial_modem_kind { DIAL_MODEM_PSTN, DIAL_MODEM_TTY };

struct dial_modem {
	enum dial_modem_kind kind;
	char device[256];
	char path[256];     /* attach socket (PSTN) or tty path */
	char number[40];    /* PSTN subscriber */
	unsigned speed_bps;
	bool has_mctl;      /* DTR/DCD available (PSTN, real tty) */
	bool ready;
	bool dtr;
	bool dcd;
	int fd;
	struct loop *loop;
	struct loop_fd lfd;
	const struct logger *log;
	const struct dial_modem_ops *ops;
	void *ctx;
	struct timer dtr_timer;  /* raise DTR again after a hang-up */
	struct timer poll_timer; /* DCD polling on a real tty */
	struct timer ready_timer; /* a tty reports ready from the loop */
	unsigned reopen_tries;
	uint8_t *obuf;
	size_t olen, ocap;
	uint64_t rx_octets, tx_octets, tx_drops;
};

/*
 * Open `device` (see the file comment) at speed_bps (ttys).  PSTN: connect
 * and send ATTACH; ops->ready() follows ATTACHED.  tty: open raw, raise
 * DTR; ops->ready() follows from a 0 ms timer.  Returns 0, or -errno with
 * a message in err (malformed pstn: string, no such socket or tty).
 */
int dial_modem_open(struct dial_modem *m, const char *device,
		    unsigned speed_bps, struct loop *loop,
		    const struct logger *log, const struct dial_modem_ops *ops,
		    void *ctx, char *err, size_t errlen);

/* Queue octets for the modem (dropped and counted past
 * DIAL_MODEM_OBUF_MAX). */
void dial_modem_write(struct dial_modem *m, const void *data, size_t n);

/*
 * Hang up: drop DTR (PSTN SIGNALS without DTR; TIOCMBIC; a pty is closed)
 * for low_ms, then raise it again (a pty is reopened).  Queued output is
 * discarded.  A modem under AT&D2 goes on hook and back to command mode.
 */
void dial_modem_hangup(struct dial_modem *m, uint32_t low_ms);

/* Close the device (DTR drops with it).  Idempotent. */
void dial_modem_close(struct dial_modem *m);

#endif /* NASD_NASDIAL_DIAL_MODEM_H */
