/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_opts.h - nasdial's command line: parsing and validation into a plain
 * struct, the --help text, and the default chat scripts.  No I/O (the
 * password file is read by main()), so every rule is unit-tested.
 *
 * The options are pppd- and Windows-flavoured (doc/nasdial.md):
 *   --callback no|ask|NUMBER  Windows NT/2000 "Dial-up Preferences":
 *                             "No callback", "Ask me during dialing when
 *                             the server offers", "Always call me back at
 *                             NUMBER"; each makes LCP carry the Callback
 *                             option with operation 6 (CBCP, [MS-CBCP]
 *                             2.2.1) as Windows does;
 *   --rfc1570-callback        LCP Callback operation 0 (RFC 1570 §2.3, IOS
 *                             `ppp callback request`): the server takes the
 *                             number from our user profile.
 */
#ifndef NASD_NASDIAL_DIAL_OPTS_H
#define NASD_NASDIAL_DIAL_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "chat.h"
#include "strbuf.h"

#define DIAL_PATH_MAX 256
#define DIAL_NAME_MAX 64
#define DIAL_SECRET_MAX 128
#define DIAL_IFNAME_MAX 16
#define DIAL_NUM_MAX 64

/* The CBCP policy (--callback). */
enum dial_cb_mode {
	DIAL_CB_NONE,   /* no --callback: no Callback option at all */
	DIAL_CB_NO,     /* --callback no */
	DIAL_CB_ASK,    /* --callback ask */
	DIAL_CB_PRESET, /* --callback NUMBER */
};

struct dial_opts {
	char device[DIAL_PATH_MAX];     /* pstn:SOCK:NUM, /dev/ttyS0, pty */
	unsigned speed_bps;             /* --speed, tty only */
	char number[DIAL_NUM_MAX + 1];  /* the positional NUMBER */
	char user[DIAL_NAME_MAX];
	char password[DIAL_SECRET_MAX]; /* --password (never logged) */
	bool have_password;
	char password_file[DIAL_PATH_MAX];
	enum dial_cb_mode cb_mode;
	char cb_number[DIAL_NUM_MAX + 1];
	unsigned cb_delay_s;            /* CBCP delay we ask for */
	bool cb_delay_set;
	bool rfc1570;                   /* --rfc1570-callback */
	bool pppd_cbcp;                 /* --pppd-cbcp */
	unsigned callback_timeout_s;
	char ask_answer[DIAL_NUM_MAX + 1]; /* --ask-answer ("" = decline) */
	bool have_ask_answer;
	unsigned ask_delay_ms;
	bool answer;                    /* --answer */
	bool expect_callback;           /* --expect-callback */
	char dial_script[CHAT_TEXT_MAX + 1];
	char answer_script[CHAT_TEXT_MAX + 1];
	char tun[DIAL_IFNAME_MAX];      /* "" = no data plane */
	bool default_route;
	char resolv[DIAL_PATH_MAX];
	bool no_dns;
	char pcap[DIAL_PATH_MAX];
	char status[DIAL_PATH_MAX];
	uint64_t debug;                 /* 1 << enum dbg_flag */
	bool persist;
	unsigned holdoff_s;
	unsigned up_for_s;
	unsigned line;                  /* interface AsyncN (--line) */
};

enum dial_opts_result {
	DIAL_OPTS_RUN = 0,
	DIAL_OPTS_HELP = 1,    /* -h: print dial_opts_help() and exit 0 */
	DIAL_OPTS_VERSION = 2, /* -V */
};

/*
 * Parse argv[0..argc) (argv[0] is the program name) into *o, filling the
 * defaults first: speed 115200, CBCP delay 15 s (Windows in seed 001; 5
 * with --pppd-cbcp, as pppd 2.4.9 always sends), callback timeout 120 s,
 * hold-off 5 s, line 1, the default scripts below.  Validates everything:
 * required --device, NUMBER unless --answer (and none with it), dial
 * characters in numbers, --callback vs --rfc1570-callback, --ask-answer
 * only with --callback ask, ranges, known debug words, scripts that
 * compile.  Returns an enum dial_opts_result, or -EINVAL with a one-line
 * message (naming the option) in err.  Uses getopt_long() (resets optind;
 * argv may be permuted).
 */
int dial_opts_parse(int argc, char **argv, struct dial_opts *o, char *err,
		    size_t errlen);

/* The --help text, exit codes included. */
void dial_opts_help(struct strbuf *sb);

/*
 * Default scripts (chat.h language).  Dial: abort on BUSY, NO CARRIER, NO
 * ANSWER, NO DIALTONE and ERROR, reset with ATZ, dial with ATDT\T, wait up
 * to 60 s for CONNECT.  Answer: manual answer (ATS0=0, so the modem does
 * not pick up by itself while we send ATA), wait up to timeout_s for RING
 * (the chat limit of 3600 s caps it), ATA, up to 60 s for CONNECT.
 */
void dial_opts_default_dial_script(char *out, size_t size);
void dial_opts_default_answer_script(char *out, size_t size,
				     unsigned timeout_s);

/* True when s is a usable phone number: 1..DIAL_NUM_MAX characters of
 * digits and "-() .+*#" and at least one digit. */
bool dial_opts_number_ok(const char *s);

#endif /* NASD_NASDIAL_DIAL_OPTS_H */
