/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the pstn configuration file: every command, defaults,
 * and errors reported as FILE:LINE: message. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pstn_conf.h"

static int load(const char *text, struct pstn_cfg *cfg, struct strbuf *errs)
{
	struct cmd_table *t = cmd_table_new();
	int rc;

	assert_non_null(t);
	assert_int_equal(pstn_cfg_install(t), 0);
	pstn_cfg_init(cfg);
	rc = pstn_cfg_load_text(cfg, t, "p.conf", text, strlen(text), errs);
	cmd_table_free(t);
	return rc;
}

static void test_full_config(void **state)
{
	struct pstn_cfg cfg;
	struct strbuf errs = STRBUF_INIT;
	const struct pstn_sub_cfg *s;

	(void)state;
	assert_int_equal(load("! the pstn\n"
			      "attach-socket /tmp/a.sock\n"
			      "cli-socket /tmp/p.vty\n"
			      "connect-delay 250\n"
			      "debug calls\n"
			      "subscriber 527-9651\n"
			      " description Windows client\n"
			      " endpoint pty /tmp/modemA\n"
			      " speed 28800\n"
			      " answer auto 3\n"
			      " latency 20\n"
			      " ber 1e-3\n"
			      " seed 42\n"
			      " hangup-on-carrier-loss\n"
			      "subscriber 5551000\n"
			      " endpoint tcp 6400\n"
			      " answer manual\n"
			      "subscriber 4084327528\n"
			      " endpoint tcp 6401 127.0.0.2\n"
			      " answer busy\n"
			      " shutdown\n"
			      "subscriber 5550002\n"
			      " endpoint attach\n"
			      " answer never\n"
			      "end\n",
			      &cfg, &errs),
			 0);
	assert_string_equal(sb_str(&errs), "");
	assert_string_equal(cfg.attach_path, "/tmp/a.sock");
	assert_string_equal(cfg.vty_path, "/tmp/p.vty");
	assert_int_equal(cfg.connect_delay_ms, 250);
	assert_int_equal(cfg.debug, PSTN_DBG_CALLS);
	assert_int_equal(cfg.nsubs, 4);
	s = pstn_cfg_sub(&cfg, "5279651");
	assert_non_null(s);
	assert_string_equal(s->description, "Windows client");
	assert_int_equal(s->ep, PSTN_EP_PTY);
	assert_string_equal(s->pty_path, "/tmp/modemA");
	assert_int_equal(s->line.speed_bps, 28800);
	assert_int_equal(s->line.answer, PSTN_ANSWER_AUTO);
	assert_int_equal(s->line.answer_rings, 3);
	assert_int_equal(s->line.latency_ms, 20);
	assert_true(s->line.ber > 0.00099 && s->line.ber < 0.00101);
	assert_int_equal(s->line.seed, 42);
	assert_true(s->hangup_on_carrier_loss);
	s = pstn_cfg_sub(&cfg, "5551000");
	assert_int_equal(s->ep, PSTN_EP_TCP);
	assert_int_equal(s->tcp_port, 6400);
	assert_string_equal(s->tcp_addr, "127.0.0.1");
	assert_int_equal(s->line.answer, PSTN_ANSWER_MANUAL);
	assert_int_equal(s->line.speed_bps, 33600);
	s = pstn_cfg_sub(&cfg, "4084327528");
	assert_string_equal(s->tcp_addr, "127.0.0.2");
	assert_int_equal(s->line.answer, PSTN_ANSWER_BUSY);
	assert_true(s->shutdown);
	s = pstn_cfg_sub(&cfg, "5550002");
	assert_int_equal(s->ep, PSTN_EP_ATTACH);
	assert_int_equal(s->line.answer, PSTN_ANSWER_NEVER);
	pstn_cfg_free(&cfg);
	sb_free(&errs);
}

static void test_defaults_and_no(void **state)
{
	struct pstn_cfg cfg;
	struct strbuf errs = STRBUF_INIT;

	(void)state;
	assert_int_equal(load("subscriber 5551000\n"
			      " endpoint attach\n"
			      " ber 0.5\n"
			      " no ber\n"
			      "subscriber 5551001\n"
			      " endpoint attach\n"
			      "no subscriber 555-1001\n",
			      &cfg, &errs),
			 0);
	assert_string_equal(cfg.attach_path, "/run/pstn/attach.sock");
	assert_string_equal(cfg.vty_path, "/run/pstn/pstn.vty");
	assert_int_equal(cfg.connect_delay_ms, 500);
	assert_int_equal(cfg.nsubs, 1);
	assert_true(cfg.subs[0].line.ber == 0.0);
	assert_int_equal(cfg.subs[0].line.answer, PSTN_ANSWER_AUTO);
	assert_int_equal(cfg.subs[0].line.answer_rings, 1);
	pstn_cfg_free(&cfg);
	sb_free(&errs);
}

static void test_errors(void **state)
{
	struct pstn_cfg cfg;
	struct strbuf errs = STRBUF_INIT;

	(void)state;
	assert_int_equal(load("subscriber 5551000\n"
			      " endpoint pty /tmp/x\n"
			      " bogus 1\n"
			      " ber 2\n"
			      "subscriber 55x\n"
			      " speed 100\n"
			      "attach-socket relative\n",
			      &cfg, &errs),
			 -EINVAL);
	assert_string_equal(
		sb_str(&errs),
		"p.conf:3: % Invalid input detected at 'bogus' (column 2)\n"
		"p.conf:4: % Bit-error rate must be a number from 0 to 1 "
		"(e.g. 1e-5)\n"
		"p.conf:5: % Invalid subscriber number \"55x\"\n"
		"p.conf:6: % Invalid input detected at 'speed' (column 2)\n"
		"p.conf:7: % Path must be absolute and shorter than 108 "
		"characters\n");
	pstn_cfg_free(&cfg);
	sb_reset(&errs);

	/* Whole-file checks. */
	assert_int_equal(load("subscriber 5551000\n"
			      "subscriber 5551001\n"
			      " endpoint pty /tmp/x\n"
			      "subscriber 5551002\n"
			      " endpoint pty /tmp/x\n"
			      "subscriber 5551003\n"
			      " endpoint tcp 7000\n"
			      "subscriber 5551004\n"
			      " endpoint tcp 7000\n",
			      &cfg, &errs),
			 -EINVAL);
	assert_string_equal(
		sb_str(&errs),
		"p.conf:1: % subscriber 5551000 has no endpoint\n"
		"p.conf:5: % pty /tmp/x is already subscriber 5551001's\n"
		"p.conf:9: % tcp port 7000 is already subscriber 5551003's\n");
	pstn_cfg_free(&cfg);
	sb_free(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_config),
		cmocka_unit_test(test_defaults_and_no),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
