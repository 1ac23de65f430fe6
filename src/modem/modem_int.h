/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modem_int.h - the modem structure shared by the files of the modem core:
 * modem.c (call states, DTR, ringing, escape), modem_at.c (the AT command
 * interpreter), modem_result.c (result codes and DTE text) and
 * modem_xmit.c (pacer, latency, bit errors).  Not for users of modem.h.
 */
#ifndef NASD_MODEM_INT_H
#define NASD_MODEM_INT_H

#include "modem.h"

/* The S-registers with a meaning here (Hayes numbering). */
enum {
	SR_RINGS_ANSWER = 0, /* S0: rings before auto-answer, 0 = never */
	SR_RING_COUNT = 1,   /* S1: rings counted so far */
	SR_ESCAPE = 2,       /* S2: escape character, >127 disables */
	SR_CR = 3,           /* S3: command line terminator */
	SR_LF = 4,           /* S4: response formatting character */
	SR_BS = 5,           /* S5: command line editing character */
	SR_BLIND_WAIT = 6,   /* S6: seconds before blind dialling (kept) */
	SR_CARRIER_WAIT = 7, /* S7: seconds to wait for carrier */
	SR_COMMA = 8,        /* S8: seconds of pause for ',' */
	SR_CD_TIME = 9,      /* S9: carrier detect time, 1/10 s (kept) */
	SR_LOSS_DELAY = 10,  /* S10: carrier loss delay, 1/10 s (kept) */
	SR_GUARD = 12,       /* S12: escape guard time, 1/50 s */
};

/* Transmit queue limits (octets): CTS drops above high, rises below low;
 * above max, DTE bytes are dropped (a DTE that ignores CTS). */
#define MODEM_TXQ_MAX 8192
#define MODEM_TXQ_HIGH 6144
#define MODEM_TXQ_LOW 2048

#define MODEM_CMD_MAX 256
#define MODEM_RING_PERIOD_MS 6000
#define MODEM_RI_ON_MS 2000

/* The settings AT&F restores and AT&W stores. */
struct modem_profile {
	bool echo, verbose, quiet;
	unsigned x_level; /* ATX0..4 */
	unsigned amp_c;   /* AT&C0/1 */
	unsigned amp_d;   /* AT&D0..3 */
	uint8_t sreg[MODEM_NSREGS];
};

/* A delayed block of line bytes (latency). */
struct modem_seg {
	struct modem_seg *next;
	uint64_t due_ms;
	size_t len;
	uint8_t data[];
};

struct modem {
	struct modem_cfg cfg;
	char name[64];
	const struct modem_ops *ops;
	void *arg;
	struct timers *ts;
	struct logger *lg;

	struct modem_profile p;      /* active settings */
	struct modem_profile stored; /* AT&W / ATZ */
	enum modem_state state;
	bool ringing;
	bool dtr;
	unsigned sig; /* MODEM_SIG_* last reported */
	uint32_t speed_bps;
	bool dial_stay_cmd; /* ATD...; : stay in command mode */
	bool answering;     /* TRAINING as the answering side */
	bool cts_off;       /* transmit queue above the high mark */
	unsigned s_cur;     /* register selected by ATSn */

	/* Command line being typed. */
	char cmd[MODEM_CMD_MAX + 1];
	size_t cmd_len;
	bool cmd_overflow;
	bool cmd_got_a; /* saw 'A' at the start of a line */
	char last_cmd[MODEM_CMD_MAX + 1];
	char dial_number[MODEM_CMD_MAX + 1];

	/* Escape detection (online). */
	uint64_t last_dte_ms; /* time of the previous DTE byte */
	uint64_t last_esc_ms;
	unsigned esc_count;

	/* Transmit path. */
	uint8_t txq[MODEM_TXQ_MAX];
	size_t txq_head, txq_len;
	uint64_t next_byte_ns; /* departure time of the next byte */
	struct modem_seg *fl_head, *fl_tail; /* in flight (latency) */
	uint64_t rng;

	uint64_t tx_octets, rx_octets, tx_dropped, rx_dropped, bits_flipped;

	struct timer t_ring;  /* ring cadence */
	struct timer t_ri;    /* RI pulse end */
	struct timer t_dial;  /* dial string pauses done */
	struct timer t_s7;    /* wait for carrier */
	struct timer t_guard; /* guard time after +++ */
	struct timer t_pace;  /* pacer */
	struct timer t_fl;    /* latency delivery */
};

/* modem.c */
void modem_sig_update(struct modem *modem);
void modem_go_idle(struct modem *modem, bool hangup_op);
void modem_start_dial(struct modem *modem, const char *number, bool stay,
		      uint64_t pause_ms);
void modem_do_answer(struct modem *modem);
bool modem_dbg(const struct modem *modem, unsigned bit);
void modem_factory(struct modem_profile *p, uint8_t s0);

/* modem_at.c: a complete command line ("AT..." without the terminator). */
void modem_at_line(struct modem *modem, const char *line);
/* Feed one byte in a command state. */
void modem_at_byte(struct modem *modem, uint8_t c);

/* modem_result.c */
void modem_result(struct modem *modem, enum modem_result r);
void modem_result_connect(struct modem *modem);
/* Information text (ATI, ATSn?, AT&V): one line, formatted per ATV. */
void modem_info(struct modem *modem, const char *text);
void modem_dte_out(struct modem *modem, const void *data, size_t len);

/* modem_xmit.c */
void modem_xmit_init(struct modem *modem);
void modem_xmit_reset(struct modem *modem);
void modem_xmit_queue(struct modem *modem, const uint8_t *data, size_t len);
void modem_xmit_fini(struct modem *modem);
/* Flip bits of data in place with the configured bit-error rate. */
void modem_xmit_noise(struct modem *modem, uint8_t *data, size_t len);

#endif /* NASD_MODEM_INT_H */
