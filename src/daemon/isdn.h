/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * isdn.h - nasd's ISDN interfaces (daemon-internal): a PRI D-channel
 * (`controller T1 0` + `pri-group` → interface Serial0:23) or a BRI
 * (`interface BRI0`) bound to the built-in phone network with `pstn attach
 * PATH NUMBER`.  The user side of the D-channel is libpri (isdn_pri.h);
 * the attachment protocol (doc/pstn-protocol.md) carries its Q.921 frames
 * as DCHAN messages and the B-channels as DATA on channel n.
 *
 *  - An incoming voice call (speech / 3.1 kHz audio) on an interface with
 *    `isdn incoming-voice modem` goes to a free digital modem
 *    (dmodem_claim(), dmodem.h), which rings and answers (CONNECT goes out
 *    when it picks up); none free: refused with cause 34.  CARRIER on the
 *    B-channel is the modems' training result, DATA both ways the modem's
 *    line signal (the octets the two modems exchange).
 *  - A digital modem's ATD places a voice call (isdn_place_voice_call():
 *    bearer speech, Bearer Capability 0x8090A2 on a T1 as in seed 001,
 *    the highest free B-channel) on the first PRI or BRI whose D-channel
 *    is up.
 *  - A data call (unrestricted digital, in or out) runs a PPP session on
 *    the B-channel with sync framing (one frame per DATA message), named
 *    as IOS names B-channels: Serial0:17 (Se0:17) for timeslot 18 of a
 *    PRI, BRI0:1 (BR0:1) for B1; its parameters come from the D-channel's
 *    or the BRI's interface configuration.
 *  - `isdn call interface BRI0 NUMBER` places a data call.
 *
 * `debug isdn q931` prints every Q.931 message in and out, `debug isdn
 * events` the call events; `show isdn status|active`, `clear interface`.
 */
#ifndef NASD_DAEMON_ISDN_H
#define NASD_DAEMON_ISDN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "loop.h"
#include "ppp_session.h"
#include "pstn_wire.h"
#include "timer.h"

struct nasd;
struct isdn_if;
struct isdn_pri;
struct dmodem;
struct q931_call;
struct dialer_call;
struct vpdn_fwd;
struct cmd_table;

#define ISDN_MAX_B 31
#define ISDN_QUEUE_MAX (256u * 1024) /* octets waiting for the socket */

/* One call on a B-channel. */
struct isdn_call {
	struct isdn_if *ifc;
	bool in_use;
	unsigned ch;              /* B-channel (timeslot) number */
	struct q931_call *q;      /* libpri's handle; NULL once released */
	unsigned cref;            /* call reference, for debug lines */
	bool outgoing;
	bool voice;               /* speech / 3.1 kHz audio: a modem call */
	bool connected;
	bool clearing;            /* we sent DISCONNECT */
	char calling[PSTN_NUMBER_MAX + 1];
	char called[PSTN_NUMBER_MAX + 1];
	char ifname[IFNAME_MAX];  /* "Serial0:18", "BRI0:1" */
	char ifshort[IFNAME_MAX]; /* "Se0:18", "BR0:1" */
	uint64_t setup_ms, connect_ms;
	uint64_t rx_octets, tx_octets;
	/* voice: the digital modem on the call, NULL once either side let go */
	struct dmodem *dm;
	/* data */
	struct dialer_call *dc;   /* the call of a DDR dialer, or NULL */
	/* VPDN (vpdn.h): a dial-in call forwarded into an L2TP tunnel or a
	 * dial-out call placed for the LNS; its frames are relayed. */
	struct vpdn_fwd *fwd;
	struct ppp_session *sess;
	struct ppp_session *dead;
	struct loop_defer reap;
	uint64_t rx_frames, tx_frames;
};

struct isdn_rec;

struct isdn_if {
	struct nasd *nasd;
	struct isdn_if *next;
	char name[IFNAME_MAX];    /* "Serial0:23", "BRI0" */
	char shortname[IFNAME_MAX]; /* "Se0:23", "BR0" */
	bool bri, e1;
	unsigned unit;
	uint8_t role;             /* PSTN_ROLE_BRI / _PRI_T1 / _PRI_E1 */
	char pstn_path[CONFIG_DESC_MAX];
	char number[CONFIG_NUMBER_MAX];
	char switch_type[CONFIG_ISDN_SWITCH_MAX];
	uint32_t slot_mask;       /* PRI timeslots in the pri-group */
	bool shutdown;
	/* the attachment */
	int fd;
	struct loop_fd lfd;
	bool attached;            /* ATTACHED received */
	struct isdn_rec *qh, *qt;
	size_t queued;
	struct timer retry_timer;
	char last_error[CONFIG_DESC_MAX + 128];
	struct isdn_pri *pri;
	bool l2_up;
	uint64_t l2_changes;
	/* calls, indexed by B-channel number */
	struct isdn_call calls[ISDN_MAX_B + 1];
	unsigned next_callid;
};

/* ---- isdn.c ------------------------------------------------------------- */

/* Bring the live interfaces in line with cfg (apply.c): create, keep or
 * rebuild each PRI D-channel / BRI with `pstn attach`; free the others. */
void isdn_apply(struct nasd *nasd, const struct config *cfg);
/* Free every interface (shutdown). */
void isdn_fini(struct nasd *nasd);
struct isdn_if *isdn_if_find(struct nasd *nasd, const char *name);
/* Send one attachment message (queued while the socket is full). */
void isdn_if_send(struct isdn_if *ifc, const uint8_t *msg, size_t len);
/* Clear a call with a Q.850 cause (DISCONNECT), logging the
 * %ISDN-6-DISCONNECT line.  Nothing happens twice. */
void isdn_call_clear(struct isdn_call *c, int cause, const char *why);
/* The call has ended on our side: free its slot (after RELEASE). */
void isdn_call_done(struct isdn_call *c);
/* `clear interface NAME`: a D-channel / BRI clears all its calls, a
 * B-channel interface (Serial0:17, BRI0:1) its call.  -ENOENT when the
 * name is none of them. */
int isdn_clear_interface(struct nasd *nasd, const char *name);
/* Place a data call to `number` (isdn call interface) on the highest free
 * B-channel.  0, or -ENETDOWN (layer 2 down), -EBUSY (no free
 * B-channel), -EIO (libpri refused). */
int isdn_place_call(struct isdn_if *ifc, const char *number);
/* The same, giving the call placed in *out (DDR's dialers keep it). */
int isdn_place_data_call(struct isdn_if *ifc, const char *number,
			 struct isdn_call **out);

/*
 * Place a voice call (bearer speech, Q.931 §4.5.5; a modem call) to
 * `number` for digital modem dm, on the first PRI/BRI (configuration
 * order) whose D-channel is up and that has a free B-channel, hunting the
 * channels from the highest number down as IOS does by default (`isdn
 * bchan-number-order descending`: seed 001's callback went out on
 * timeslot 23 while the call in had used 19).  The call's events go to dm
 * (dmodem_call_*()); *out is the call.  0, or -ENETDOWN (no D-channel up),
 * -EBUSY (every B-channel in use), -EIO (libpri refused).  Never calls
 * back into dm.
 */
int isdn_place_voice_call(struct nasd *nasd, const char *number,
			  struct dmodem *dm, struct isdn_call **out);
/* The digital modem picked up an offered voice call: CONNECT.  0, or
 * -ENOTCONN (the call is gone or being cleared), -EIO (libpri refused). */
int isdn_voice_answer(struct isdn_call *c);
/* Line signal from the modem to the far end (DATA on the B-channel);
 * dropped unless the call is connected. */
void isdn_voice_write(struct isdn_call *c, const uint8_t *data, size_t len);
/* The modem went on hook: forget it and clear the call with normal
 * clearing (cause 16).  Never calls back into the modem. */
void isdn_voice_hangup(struct isdn_call *c);

/* ---- isdn_data.c ---------------------------------------------------------- */

/* A data call is connected: start PPP on its B-channel (callin: Passive
 * Open, "Treating connection as a callin"). */
void isdn_data_start(struct isdn_call *c);
/* Send one frame on the B-channel of data call c (DATA message); dropped
 * unless the call is connected and not being cleared. */
void isdn_data_send(struct isdn_call *c, const uint8_t *frame, size_t len);
/* One frame from the B-channel. */
void isdn_data_input(struct isdn_call *c, const uint8_t *frame, size_t len);
/* The call went away: end PPP (lower down), free the session later. */
void isdn_data_stop(struct isdn_call *c);
/* Release everything now (interface freed). */
void isdn_data_free(struct isdn_call *c);

/* ---- isdn_show.c ---------------------------------------------------------- */

/* show isdn status|active [json], isdn call interface IFNAME NUMBER. */
int isdn_install_commands(struct nasd *nasd, struct cmd_table *t);

#endif /* NASD_DAEMON_ISDN_H */
