/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_opts.c - nasdial's command line (see dial_opts.h): getopt_long()
 * into struct dial_opts, then one validation pass that refuses anything
 * ambiguous with a message naming the option.
 */
#include "dial_opts.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dial_fsm.h"
#include "log.h"

#define ANSWER_TIMEOUT_MAX_S CHAT_TIMEOUT_MAX_S

enum {
	OPT_DEVICE = 256,
	OPT_SPEED,
	OPT_USER,
	OPT_PASSWORD,
	OPT_PASSWORD_FILE,
	OPT_CALLBACK,
	OPT_CALLBACK_DELAY,
	OPT_RFC1570,
	OPT_PPPD_CBCP,
	OPT_CALLBACK_TIMEOUT,
	OPT_ASK_ANSWER,
	OPT_ASK_DELAY,
	OPT_ANSWER,
	OPT_EXPECT_CALLBACK,
	OPT_DIAL_SCRIPT,
	OPT_ANSWER_SCRIPT,
	OPT_TUN,
	OPT_DEFAULT_ROUTE,
	OPT_RESOLV,
	OPT_NO_DNS,
	OPT_PCAP,
	OPT_STATUS,
	OPT_PERSIST,
	OPT_ONCE,
	OPT_HOLDOFF,
	OPT_UP_FOR,
	OPT_LINE,
};

static const struct option long_opts[] = {
	{"device", required_argument, NULL, OPT_DEVICE},
	{"speed", required_argument, NULL, OPT_SPEED},
	{"user", required_argument, NULL, OPT_USER},
	{"password", required_argument, NULL, OPT_PASSWORD},
	{"password-file", required_argument, NULL, OPT_PASSWORD_FILE},
	{"callback", required_argument, NULL, OPT_CALLBACK},
	{"callback-delay", required_argument, NULL, OPT_CALLBACK_DELAY},
	{"rfc1570-callback", no_argument, NULL, OPT_RFC1570},
	{"pppd-cbcp", no_argument, NULL, OPT_PPPD_CBCP},
	{"callback-timeout", required_argument, NULL, OPT_CALLBACK_TIMEOUT},
	{"ask-answer", required_argument, NULL, OPT_ASK_ANSWER},
	{"ask-delay-ms", required_argument, NULL, OPT_ASK_DELAY},
	{"answer", no_argument, NULL, OPT_ANSWER},
	{"expect-callback", no_argument, NULL, OPT_EXPECT_CALLBACK},
	{"dial-script", required_argument, NULL, OPT_DIAL_SCRIPT},
	{"answer-script", required_argument, NULL, OPT_ANSWER_SCRIPT},
	{"tun", required_argument, NULL, OPT_TUN},
	{"default-route", no_argument, NULL, OPT_DEFAULT_ROUTE},
	{"resolv", required_argument, NULL, OPT_RESOLV},
	{"no-dns", no_argument, NULL, OPT_NO_DNS},
	{"pcap", required_argument, NULL, OPT_PCAP},
	{"status", required_argument, NULL, OPT_STATUS},
	{"persist", no_argument, NULL, OPT_PERSIST},
	{"once", no_argument, NULL, OPT_ONCE},
	{"holdoff", required_argument, NULL, OPT_HOLDOFF},
	{"up-for", required_argument, NULL, OPT_UP_FOR},
	{"line", required_argument, NULL, OPT_LINE},
	{"debug", required_argument, NULL, 'd'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* Copy src into dst[size]; false when it does not fit. */
static bool copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

static bool parse_uint(const char *s, unsigned long min, unsigned long max,
		       unsigned *out)
{
	char *end;
	unsigned long v;

	if (!s[0] || s[0] == '-' || s[0] == '+')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

bool dial_opts_number_ok(const char *s)
{
	bool digit = false;
	size_t n = strlen(s);

	if (n == 0 || n > DIAL_NUM_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = true;
		else if (!strchr("-() .+*#", s[i]))
			return false;
	}
	return digit;
}

void dial_opts_default_dial_script(char *out, size_t size)
{
	snprintf(out, size,
		 "ABORT BUSY ABORT \"NO CARRIER\" ABORT \"NO ANSWER\" "
		 "ABORT \"NO DIALTONE\" ABORT ERROR \"\" ATZ OK \"ATDT\\T\" "
		 "TIMEOUT 60 CONNECT \\c");
}

void dial_opts_default_answer_script(char *out, size_t size, unsigned timeout_s)
{
	if (timeout_s < 1)
		timeout_s = 1;
	if (timeout_s > ANSWER_TIMEOUT_MAX_S)
		timeout_s = ANSWER_TIMEOUT_MAX_S;
	snprintf(out, size,
		 "ABORT ERROR ABORT \"NO CARRIER\" \"\" ATS0=0 OK \\c TIMEOUT "
		 "%u "
		 "RING ATA TIMEOUT 60 CONNECT \\c",
		 timeout_s);
}

static void defaults(struct dial_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->speed_bps = 115200;
	o->cb_delay_s = 15;
	o->callback_timeout_s = 120;
	o->holdoff_s = 5;
	o->line = 1;
}

static int check_script(const char *opt, const char *text, char *err,
			size_t errlen)
{
	struct chat_script *s;
	char why[200];

	if (chat_compile(text, &s, why, sizeof(why)) < 0)
		return fail(err, errlen, "%s: %s", opt, why);
	chat_script_free(s);
	return 0;
}

/* The checks that need every option seen. */
static int validate(struct dial_opts *o, bool number_given, char *err,
		    size_t errlen)
{
	if (!o->device[0])
		return fail(err, errlen,
			    "--device is required (pstn:SOCKET:NUMBER, a "
			    "tty or a pty)");
	if (o->answer && number_given)
		return fail(err, errlen,
			    "--answer waits for a call: give no NUMBER to "
			    "dial");
	if (!o->answer && !number_given)
		return fail(err, errlen,
			    "the NUMBER to dial is missing (or use --answer)");
	if (o->cb_mode != DIAL_CB_NONE && o->rfc1570)
		return fail(err, errlen,
			    "--callback (CBCP, LCP operation 6) and "
			    "--rfc1570-callback (operation 0) exclude each "
			    "other");
	if (o->have_ask_answer && o->cb_mode != DIAL_CB_ASK)
		return fail(err, errlen,
			    "--ask-answer answers the \"ask me\" dialog: it "
			    "needs --callback ask");
	if (o->pppd_cbcp && o->cb_mode == DIAL_CB_NONE)
		return fail(err, errlen, "--pppd-cbcp needs --callback");
	if (o->have_password && o->password_file[0])
		return fail(err, errlen,
			    "give --password or --password-file, not both");
	if (o->default_route && !o->tun[0])
		return fail(err, errlen, "--default-route needs --tun");
	if (o->pppd_cbcp && !o->cb_delay_set)
		o->cb_delay_s = 5; /* pppd 2.4.9 always asks for 5 s */
	if (!o->dial_script[0])
		dial_opts_default_dial_script(o->dial_script,
					      sizeof(o->dial_script));
	if (!o->answer_script[0])
		dial_opts_default_answer_script(o->answer_script,
						sizeof(o->answer_script),
						o->callback_timeout_s);
	if (check_script("--dial-script", o->dial_script, err, errlen) < 0 ||
	    check_script("--answer-script", o->answer_script, err, errlen) < 0)
		return -EINVAL;
	return 0;
}

static int set_callback(struct dial_opts *o, const char *arg, char *err,
			size_t errlen)
{
	if (strcmp(arg, "no") == 0) {
		o->cb_mode = DIAL_CB_NO;
	} else if (strcmp(arg, "ask") == 0) {
		o->cb_mode = DIAL_CB_ASK;
	} else if (dial_opts_number_ok(arg)) {
		o->cb_mode = DIAL_CB_PRESET;
		copy(o->cb_number, sizeof(o->cb_number), arg);
	} else {
		return fail(err, errlen,
			    "--callback %s: expected no, ask or a phone "
			    "number",
			    arg);
	}
	return 0;
}

static int one(struct dial_opts *o, int c, const char *arg, char *err,
	       size_t errlen)
{
	int dbg;

	switch (c) {
	case OPT_DEVICE:
		if (!arg[0] || !copy(o->device, sizeof(o->device), arg))
			return fail(err, errlen, "--device: bad path");
		return 0;
	case OPT_SPEED:
		if (!parse_uint(arg, 50, 4000000, &o->speed_bps))
			return fail(err, errlen, "--speed %s: not a speed",
				    arg);
		return 0;
	case OPT_USER:
		if (!arg[0] || !copy(o->user, sizeof(o->user), arg))
			return fail(err, errlen, "--user: 1 to %d characters",
				    DIAL_NAME_MAX - 1);
		return 0;
	case OPT_PASSWORD:
		/* The value is never echoed back in a message. */
		if (!copy(o->password, sizeof(o->password), arg))
			return fail(err, errlen,
				    "--password: longer than %d characters",
				    DIAL_SECRET_MAX - 1);
		o->have_password = true;
		return 0;
	case OPT_PASSWORD_FILE:
		if (!arg[0] ||
		    !copy(o->password_file, sizeof(o->password_file), arg))
			return fail(err, errlen, "--password-file: bad path");
		return 0;
	case OPT_CALLBACK:
		return set_callback(o, arg, err, errlen);
	case OPT_CALLBACK_DELAY:
		if (!parse_uint(arg, 0, 255, &o->cb_delay_s))
			return fail(err, errlen,
				    "--callback-delay %s: 0 to 255 seconds",
				    arg);
		o->cb_delay_set = true;
		return 0;
	case OPT_RFC1570:
		o->rfc1570 = true;
		return 0;
	case OPT_PPPD_CBCP:
		o->pppd_cbcp = true;
		return 0;
	case OPT_CALLBACK_TIMEOUT:
		if (!parse_uint(arg, 1, ANSWER_TIMEOUT_MAX_S,
				&o->callback_timeout_s))
			return fail(err, errlen,
				    "--callback-timeout %s: 1 to %d seconds",
				    arg, ANSWER_TIMEOUT_MAX_S);
		return 0;
	case OPT_ASK_ANSWER:
		if (arg[0] && strcmp(arg, "no") != 0 &&
		    !dial_opts_number_ok(arg))
			return fail(err, errlen,
				    "--ask-answer %s: a phone number, or no",
				    arg);
		copy(o->ask_answer, sizeof(o->ask_answer),
		     strcmp(arg, "no") == 0 ? "" : arg);
		o->have_ask_answer = true;
		return 0;
	case OPT_ASK_DELAY:
		if (!parse_uint(arg, 0, 3600000, &o->ask_delay_ms))
			return fail(err, errlen,
				    "--ask-delay-ms %s: 0 to 3600000", arg);
		return 0;
	case OPT_ANSWER:
		o->answer = true;
		return 0;
	case OPT_EXPECT_CALLBACK:
		o->expect_callback = true;
		return 0;
	case OPT_DIAL_SCRIPT:
		if (!arg[0] ||
		    !copy(o->dial_script, sizeof(o->dial_script), arg))
			return fail(err, errlen,
				    "--dial-script: 1 to %d characters",
				    CHAT_TEXT_MAX);
		return 0;
	case OPT_ANSWER_SCRIPT:
		if (!arg[0] ||
		    !copy(o->answer_script, sizeof(o->answer_script), arg))
			return fail(err, errlen,
				    "--answer-script: 1 to %d characters",
				    CHAT_TEXT_MAX);
		return 0;
	case OPT_TUN:
		if (!arg[0] || !copy(o->tun, sizeof(o->tun), arg) ||
		    strchr(arg, '/') || strchr(arg, ' '))
			return fail(err, errlen,
				    "--tun %s: an interface name of 1 to %d "
				    "characters",
				    arg, DIAL_IFNAME_MAX - 1);
		return 0;
	case OPT_DEFAULT_ROUTE:
		o->default_route = true;
		return 0;
	case OPT_RESOLV:
		if (!arg[0] || !copy(o->resolv, sizeof(o->resolv), arg))
			return fail(err, errlen, "--resolv: bad path");
		return 0;
	case OPT_NO_DNS:
		o->no_dns = true;
		return 0;
	case OPT_PCAP:
		if (!arg[0] || !copy(o->pcap, sizeof(o->pcap), arg))
			return fail(err, errlen, "--pcap: bad path");
		return 0;
	case OPT_STATUS:
		if (!arg[0] || !copy(o->status, sizeof(o->status), arg))
			return fail(err, errlen, "--status: bad path");
		return 0;
	case OPT_PERSIST:
		o->persist = true;
		return 0;
	case OPT_ONCE:
		o->persist = false;
		return 0;
	case OPT_HOLDOFF:
		if (!parse_uint(arg, 0, 3600, &o->holdoff_s))
			return fail(err, errlen,
				    "--holdoff %s: 0 to 3600 seconds", arg);
		return 0;
	case OPT_UP_FOR:
		if (!parse_uint(arg, 1, 86400, &o->up_for_s))
			return fail(err, errlen,
				    "--up-for %s: 1 to 86400 seconds", arg);
		return 0;
	case OPT_LINE:
		if (!parse_uint(arg, 1, 9999, &o->line))
			return fail(err, errlen, "--line %s: 1 to 9999", arg);
		return 0;
	case 'd':
		dbg = dbg_lookup(arg);
		if (dbg < 0)
			return fail(err, errlen,
				    "-d %s: unknown debug switch (e.g. \"ppp "
				    "negotiation\", \"ppp cbcp\", \"chat\")",
				    arg);
		o->debug |= (uint64_t)1 << dbg;
		return 0;
	default:
		return fail(err, errlen, "unknown option (see --help)");
	}
}

int dial_opts_parse(int argc, char **argv, struct dial_opts *o, char *err,
		    size_t errlen)
{
	int c, rc;

	defaults(o);
	optind = 0; /* a full re-initialisation (GNU), for repeated use */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:hV", long_opts, NULL)) != -1) {
		if (c == 'h')
			return DIAL_OPTS_HELP;
		if (c == 'V')
			return DIAL_OPTS_VERSION;
		if (c == '?' || c == ':') {
			if (optopt && optopt < 256)
				return fail(err, errlen,
					    "-%c: unknown option or missing "
					    "argument (see --help)",
					    optopt);
			return fail(err, errlen,
				    "%s: unknown option or missing argument "
				    "(see --help)",
				    argv[optind - 1]);
		}
		rc = one(o, c, optarg, err, errlen);
		if (rc < 0)
			return rc;
	}
	if (argc - optind > 1)
		return fail(err, errlen, "%s: only one NUMBER to dial",
			    argv[optind + 1]);
	if (argc - optind == 1) {
		if (!dial_opts_number_ok(argv[optind]))
			return fail(err, errlen,
				    "%s: not a phone number (digits and "
				    "-() .+*#)",
				    argv[optind]);
		copy(o->number, sizeof(o->number), argv[optind]);
	}
	return validate(o, argc - optind == 1, err, errlen);
}

void dial_opts_help(struct strbuf *sb)
{
	char dial[256], answer[256];

	dial_opts_default_dial_script(dial, sizeof(dial));
	dial_opts_default_answer_script(answer, sizeof(answer), 120);
	sb_puts(sb,
		"usage: nasdial --device DEV [options] NUMBER\n"
		"       nasdial --device DEV --answer [options]\n"
		"\n"
		"A dial-up PPP client (\"the Windows PC\"): dials NUMBER "
		"through a Hayes\nmodem, runs PPP (LCP, PAP or CHAP, IPCP with "
		"DNS), and does Microsoft\ncallback (CBCP) or RFC 1570 "
		"callback as the caller, answering the\nreturn call.  Logs "
		"to stderr; the interface is Async1 (As1).\n"
		"\n"
		"The modem:\n"
		"  --device DEV          pstn:SOCKET:NUMBER (attach to the "
		"phone network as\n"
		"                        that subscriber's DTE), a tty such "
		"as /dev/ttyS0, or\n"
		"                        a pty of the phone network\n"
		"  --speed BPS           tty speed (default 115200)\n"
		"  --dial-script TEXT    chat script to dial, \\T = NUMBER; "
		"default:\n                        ");
	sb_puts(sb, dial);
	sb_puts(sb, "\n"
		    "  --answer-script TEXT  chat script to answer a call; "
		    "default:\n                        ");
	sb_puts(sb, answer);
	sb_puts(sb,
		"\n"
		"                        (TIMEOUT = --callback-timeout)\n"
		"  --answer              do not dial: wait for a call, then "
		"PPP as the\n"
		"                        authenticating client\n"
		"  --line N              call the interface AsyncN (default "
		"1)\n"
		"\n"
		"PPP:\n"
		"  --user NAME           name for PAP and CHAP\n"
		"  --password P          password (never logged)\n"
		"  --password-file F     read the password from the first "
		"line of F\n"
		"  --no-dns              do not ask for DNS servers (RFC "
		"1877)\n"
		"\n"
		"Callback (the server calls back; we answer the return "
		"call):\n"
		"  --callback no|ask|NUMBER\n"
		"                        Microsoft callback (CBCP): \"No "
		"callback\", \"Ask me\n"
		"                        when the server offers\" (prompt on "
		"stdin), \"Always\n"
		"                        call me back at NUMBER\"; LCP "
		"carries Callback op 6\n"
		"  --callback-delay S    delay asked for in CBCP (default 15, "
		"5 with\n"
		"                        --pppd-cbcp)\n"
		"  --ask-answer NUMBER|no  --ask-delay-ms N\n"
		"                        answer the \"ask me\" prompt after N "
		"ms (scripted\n"
		"                        stand-in for a user typing)\n"
		"  --pppd-cbcp           pppd's CBCP client: no Response "
		"retransmission\n"
		"  --rfc1570-callback    LCP Callback op 0 (IOS `ppp "
		"callback request`):\n"
		"                        the server finds the number in our "
		"profile\n"
		"  --expect-callback     a server that ends the link after "
		"authentication\n"
		"                        and before IPCP will call back (IOS "
		"`ppp callback\n"
		"                        initiate`): go to answer mode\n"
		"  --callback-timeout S  wait this long for the return call "
		"(default 120)\n"
		"\n"
		"IP:\n"
		"  --tun NAME            TUN device with the IPCP address and "
		"a host route\n"
		"                        to the peer (without it: no data "
		"plane)\n"
		"  --default-route       and a default route through it\n"
		"  --resolv FILE         write the DNS servers as "
		"resolv.conf lines\n"
		"\n"
		"Run:\n"
		"  --status FILE         JSON status, rewritten on every "
		"change\n"
		"  --pcap FILE           capture PPP frames (PPP_WITH_DIR)\n"
		"  -d, --debug WORDS     debug switch as in nasd, e.g. -d "
		"\"ppp negotiation\",\n"
		"                        -d \"ppp cbcp\", -d chat, -d modem "
		"(repeatable)\n"
		"  --up-for S            close the link after S seconds up "
		"and exit 0\n"
		"  --persist             dial again after a failure or a "
		"drop\n"
		"  --holdoff S           pause before the next attempt "
		"(default 5)\n"
		"  --once                exit when the connection ends "
		"(default)\n"
		"  -h, --help            this text\n"
		"  -V, --version         print the version\n"
		"\n"
		"Exit codes:\n");
	for (int c = 0; c < DIAL_EXIT__COUNT; c++)
		sb_printf(sb, "  %2d  %-17s %s\n", c,
			  dial_exit_name((enum dial_exit)c),
			  dial_exit_help((enum dial_exit)c));
}
