/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for nasdial's command line (src/nasdial/dial_opts.c): the
 * defaults, every callback mode, the rules that refuse ambiguous command
 * lines (with the exact message), scripts that must compile, and the help
 * text listing every exit code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dial_fsm.h"
#include "dial_opts.h"
#include "log.h"
#include "strbuf.h"

#define DEV "--device", "pstn:/run/pstn/attach.sock:5279651"

static struct dial_opts o;
static char err[300];

static int parse_v(int argc, const char **argv)
{
	char *copy[40];

	assert_true(argc < 40);
	for (int i = 0; i < argc; i++)
		copy[i] = (char *)argv[i];
	copy[argc] = NULL;
	err[0] = '\0';
	return dial_opts_parse(argc, copy, &o, err, sizeof(err));
}

#define ARGV(...) ((const char *[]){"nasdial", __VA_ARGS__})
#define PARSE(...)                                                             \
	parse_v((int)(sizeof(ARGV(__VA_ARGS__)) / sizeof(const char *)),       \
		ARGV(__VA_ARGS__))

static void expect_error(int rc, const char *msg)
{
	assert_int_equal(rc, -22);
	assert_string_equal(err, msg);
}

static void test_defaults(void **state)
{
	char dial[300];

	(void)state;
	assert_int_equal(PARSE(DEV, "--user", "callmeback", "--password",
			       "cisco", "4084327528"),
			 DIAL_OPTS_RUN);
	assert_string_equal(o.device, "pstn:/run/pstn/attach.sock:5279651");
	assert_string_equal(o.number, "4084327528");
	assert_string_equal(o.user, "callmeback");
	assert_string_equal(o.password, "cisco");
	assert_true(o.have_password);
	assert_int_equal(o.cb_mode, DIAL_CB_NONE);
	assert_false(o.rfc1570);
	assert_int_equal(o.cb_delay_s, 15);
	assert_int_equal(o.callback_timeout_s, 120);
	assert_int_equal(o.speed_bps, 115200);
	assert_int_equal(o.holdoff_s, 5);
	assert_int_equal(o.line, 1);
	assert_false(o.persist);
	dial_opts_default_dial_script(dial, sizeof(dial));
	assert_string_equal(o.dial_script, dial);
	assert_string_equal(dial,
			    "ABORT BUSY ABORT \"NO CARRIER\" ABORT \"NO "
			    "ANSWER\" ABORT \"NO DIALTONE\" ABORT ERROR \"\" "
			    "ATZ OK \"ATDT\\T\" TIMEOUT 60 CONNECT \\c");
	assert_string_equal(o.answer_script,
			    "ABORT ERROR ABORT \"NO CARRIER\" \"\" ATS0=0 OK "
			    "\\c TIMEOUT 120 RING ATA TIMEOUT 60 CONNECT \\c");
}

static void test_callback_modes(void **state)
{
	(void)state;
	assert_int_equal(PARSE(DEV, "--callback", "no", "5551"), 0);
	assert_int_equal(o.cb_mode, DIAL_CB_NO);
	assert_int_equal(PARSE(DEV, "--callback", "ask", "5551"), 0);
	assert_int_equal(o.cb_mode, DIAL_CB_ASK);
	assert_int_equal(PARSE(DEV, "--callback", "527-9651",
			       "--callback-delay", "20", "5551"),
			 0);
	assert_int_equal(o.cb_mode, DIAL_CB_PRESET);
	assert_string_equal(o.cb_number, "527-9651");
	assert_int_equal(o.cb_delay_s, 20);
	assert_int_equal(PARSE(DEV, "--rfc1570-callback", "5551"), 0);
	assert_true(o.rfc1570);
	/* pppd asks for a 5 s delay unless told otherwise. */
	assert_int_equal(
		PARSE(DEV, "--callback", "5279651", "--pppd-cbcp", "5551"), 0);
	assert_true(o.pppd_cbcp);
	assert_int_equal(o.cb_delay_s, 5);
	assert_int_equal(PARSE(DEV, "--callback", "5279651", "--pppd-cbcp",
			       "--callback-delay", "9", "5551"),
			 0);
	assert_int_equal(o.cb_delay_s, 9);
	/* The scripted "ask me" dialog. */
	assert_int_equal(PARSE(DEV, "--callback", "ask", "--ask-answer",
			       "527-9651", "--ask-delay-ms", "9500", "5551"),
			 0);
	assert_true(o.have_ask_answer);
	assert_string_equal(o.ask_answer, "527-9651");
	assert_int_equal(o.ask_delay_ms, 9500);
	assert_int_equal(
		PARSE(DEV, "--callback", "ask", "--ask-answer", "no", "5551"),
		0);
	assert_string_equal(o.ask_answer, "");
}

static void test_callback_errors(void **state)
{
	(void)state;
	expect_error(PARSE(DEV, "--callback", "maybe", "5551"),
		     "--callback maybe: expected no, ask or a phone number");
	expect_error(
		PARSE(DEV, "--callback", "ask", "--rfc1570-callback", "5551"),
		"--callback (CBCP, LCP operation 6) and "
		"--rfc1570-callback (operation 0) exclude each other");
	expect_error(
		PARSE(DEV, "--callback", "no", "--ask-answer", "5", "5551"),
		"--ask-answer answers the \"ask me\" dialog: it needs "
		"--callback ask");
	expect_error(PARSE(DEV, "--pppd-cbcp", "5551"),
		     "--pppd-cbcp needs --callback");
	expect_error(PARSE(DEV, "--callback-delay", "256", "5551"),
		     "--callback-delay 256: 0 to 255 seconds");
	expect_error(PARSE(DEV, "--callback-timeout", "0", "5551"),
		     "--callback-timeout 0: 1 to 3600 seconds");
	expect_error(PARSE(DEV, "--callback", "5;ATH", "5551"),
		     "--callback 5;ATH: expected no, ask or a phone number");
}

static void test_answer_and_number(void **state)
{
	(void)state;
	assert_int_equal(PARSE(DEV, "--answer", "--callback-timeout", "30"), 0);
	assert_true(o.answer);
	assert_string_equal(o.number, "");
	assert_string_equal(o.answer_script,
			    "ABORT ERROR ABORT \"NO CARRIER\" \"\" ATS0=0 OK "
			    "\\c TIMEOUT 30 RING ATA TIMEOUT 60 CONNECT \\c");
	expect_error(PARSE(DEV, "--answer", "5551"),
		     "--answer waits for a call: give no NUMBER to dial");
	expect_error(PARSE(DEV), "the NUMBER to dial is missing (or use "
				 "--answer)");
	expect_error(PARSE("--user", "x", "5551"),
		     "--device is required (pstn:SOCKET:NUMBER, a tty or a "
		     "pty)");
	expect_error(PARSE(DEV, "ATDT5551"),
		     "ATDT5551: not a phone number (digits and -() .+*#)");
	expect_error(PARSE(DEV, "5551", "5552"), "5552: only one NUMBER to "
						 "dial");
	/* Options may follow the number. */
	assert_int_equal(PARSE("5551", DEV, "--persist"), 0);
	assert_true(o.persist);
	assert_int_equal(PARSE("5551", DEV, "--persist", "--once"), 0);
	assert_false(o.persist);
}

static void test_misc(void **state)
{
	(void)state;
	assert_int_equal(PARSE(DEV, "--tun", "dial0", "--default-route",
			       "--resolv", "/tmp/r", "--no-dns", "--pcap",
			       "/tmp/p", "--status", "/tmp/s", "--up-for", "5",
			       "--holdoff", "0", "--line", "4", "--speed",
			       "38400", "-d", "ppp negotiation", "--debug",
			       "ppp cbcp", "--expect-callback",
			       "--password-file", "/tmp/pw", "5551"),
			 0);
	assert_string_equal(o.tun, "dial0");
	assert_true(o.default_route);
	assert_string_equal(o.resolv, "/tmp/r");
	assert_true(o.no_dns);
	assert_string_equal(o.pcap, "/tmp/p");
	assert_string_equal(o.status, "/tmp/s");
	assert_int_equal(o.up_for_s, 5);
	assert_int_equal(o.holdoff_s, 0);
	assert_int_equal(o.line, 4);
	assert_int_equal(o.speed_bps, 38400);
	assert_true(o.expect_callback);
	assert_string_equal(o.password_file, "/tmp/pw");
	assert_int_equal(o.debug, ((uint64_t)1 << DBG_PPP_NEGOTIATION) |
					  ((uint64_t)1 << DBG_PPP_CBCP));
	expect_error(PARSE(DEV, "-d", "ppp everything", "5551"),
		     "-d ppp everything: unknown debug switch (e.g. \"ppp "
		     "negotiation\", \"ppp cbcp\", \"chat\")");
	expect_error(PARSE(DEV, "--default-route", "5551"),
		     "--default-route needs --tun");
	expect_error(
		PARSE(DEV, "--password", "x", "--password-file", "/f", "5551"),
		"give --password or --password-file, not both");
	expect_error(PARSE(DEV, "--tun", "a/b", "5551"),
		     "--tun a/b: an interface name of 1 to 15 characters");
	expect_error(PARSE(DEV, "--bogus", "5551"),
		     "--bogus: unknown option or missing argument (see "
		     "--help)");
	expect_error(PARSE(DEV, "-x", "5551"),
		     "-x: unknown option or missing argument (see --help)");
	expect_error(PARSE(DEV, "--up-for", "-1", "5551"),
		     "--up-for -1: 1 to 86400 seconds");
	assert_int_equal(PARSE("-h"), DIAL_OPTS_HELP);
	assert_int_equal(PARSE("--version"), DIAL_OPTS_VERSION);
}

static void test_password_never_in_messages(void **state)
{
	char big[DIAL_SECRET_MAX + 10];

	(void)state;
	memset(big, 'S', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	expect_error(PARSE(DEV, "--password", big, "5551"),
		     "--password: longer than 127 characters");
	assert_null(strstr(err, "SSS"));
}

static void test_scripts(void **state)
{
	(void)state;
	assert_int_equal(PARSE(DEV, "--dial-script",
			       "\"\" ATZ OK \"ATDT\\T\" CONNECT \\c",
			       "--answer-script", "RING ATA CONNECT \\c",
			       "5551"),
			 0);
	assert_string_equal(o.answer_script, "RING ATA CONNECT \\c");
	expect_error(PARSE(DEV, "--dial-script", "\"\" ATZ OK TIMEOUT", "5551"),
		     "--dial-script: keyword TIMEOUT at column 11 where a send "
		     "string is due (quote it to send the word)");
}

static void test_number_ok(void **state)
{
	(void)state;
	assert_true(dial_opts_number_ok("527-9651"));
	assert_true(dial_opts_number_ok("+1 (408) 432.7528"));
	assert_true(dial_opts_number_ok("*70#5551"));
	assert_false(dial_opts_number_ok(""));
	assert_false(dial_opts_number_ok("---"));
	assert_false(dial_opts_number_ok("5551\r"));
	assert_false(dial_opts_number_ok("5551;"));
	assert_false(dial_opts_number_ok("1234567890123456789012345678901234567"
					 "8901234567890123456789012345"));
}

static void test_help(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	dial_opts_help(&sb);
	assert_non_null(strstr(sb_str(&sb), "--callback no|ask|NUMBER"));
	assert_non_null(strstr(sb_str(&sb), "   5  busy "));
	assert_non_null(strstr(sb_str(&sb), "  12  no-return-call "));
	assert_non_null(strstr(sb_str(&sb), "  15  interrupted "));
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_callback_modes),
		cmocka_unit_test(test_callback_errors),
		cmocka_unit_test(test_answer_and_number),
		cmocka_unit_test(test_misc),
		cmocka_unit_test(test_password_never_in_messages),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_number_ok),
		cmocka_unit_test(test_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
