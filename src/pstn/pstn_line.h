/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_line.h - an analog subscriber line: a Hayes modem (modem.h) plugged
 * into the switch as a port (pstn_port.h), and on its serial side a DTE
 * *endpoint* (a pty, a TCP connection or an attach-socket client; see
 * pstn_ep.h) reached through `struct pstn_dte_ops`.  This file is sans
 * I/O: the endpoints do the I/O and call pstn_line_dte_input() and
 * pstn_line_set_dtr(); unit tests drive lines with fake endpoints.
 *
 * Answer modes (`answer ...` in the configuration, doc/pstn.md):
 *   auto N   the modem's factory S0 is N (auto-answer after N rings);
 *   manual   S0 = 0: the DTE answers with ATA;
 *   never    the line rings, but an answer never makes carrier (the
 *            answering modem gives NO CARRIER after S7, the caller
 *            NO ANSWER after its S7);
 *   busy     the switch answers every call with BUSY.
 */
#ifndef NASD_PSTN_LINE_H
#define NASD_PSTN_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "modem.h"
#include "pstn_switch.h"

enum pstn_answer {
	PSTN_ANSWER_AUTO,
	PSTN_ANSWER_MANUAL,
	PSTN_ANSWER_NEVER,
	PSTN_ANSWER_BUSY,
};

/* What the line needs from its endpoint (the serial side). */
struct pstn_dte_ops {
	/* Bytes for the DTE (the endpoint buffers what it cannot write). */
	void (*write)(void *arg, const uint8_t *data, size_t len);
	/* The modem's outputs: MODEM_SIG_* (== PSTN_SIG_* of pstn_wire.h). */
	void (*signals)(void *arg, unsigned sig);
};

struct pstn_line_cfg {
	uint32_t speed_bps;
	uint32_t latency_ms;
	double ber;
	uint64_t seed;
	enum pstn_answer answer;
	unsigned answer_rings; /* auto: S0 */
};

struct pstn_line {
	struct pstn_switch *sw;
	struct pstn_port port;
	struct modem *modem;
	struct pstn_line_cfg cfg;
	const struct pstn_dte_ops *dte; /* NULL: nothing attached */
	void *dte_arg;
	struct pstn_line *next; /* the owner's list */
};

/*
 * Create a line for subscriber `sub` (bound as its port) with a modem
 * named "line NUMBER" that logs to lg and reads the debug word `debug`
 * (PSTN_DBG_*).  NULL on allocation failure.
 */
struct pstn_line *pstn_line_new(struct pstn_switch *sw, struct pstn_sub *sub,
				const struct pstn_line_cfg *cfg,
				struct timers *ts, struct logger *lg,
				const unsigned *debug);

/* Hang up any call (the far end sees NO CARRIER), unbind and free.  No
 * DTE op is called.  NULL is harmless. */
void pstn_line_free(struct pstn_line *line);

/* Attach (or, with dte NULL, detach) the endpoint.  Attaching does not
 * raise DTR: the endpoint says when the DTE is there. */
void pstn_line_set_dte(struct pstn_line *line, const struct pstn_dte_ops *dte,
		       void *arg);

/* Bytes and DTR from the DTE. */
void pstn_line_dte_input(struct pstn_line *line, const uint8_t *data,
			 size_t len);
void pstn_line_set_dtr(struct pstn_line *line, bool on);

/* The modem's current outputs (MODEM_SIG_*). */
unsigned pstn_line_signals(const struct pstn_line *line);

#endif /* NASD_PSTN_LINE_H */
