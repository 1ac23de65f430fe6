/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the command engine (cmd.h): matching (abbreviations,
 * ambiguity, case, quoted words, ranges, IPv4, optional and repeated
 * groups, negation), `?` help and Tab completion text, IOS error messages
 * with the caret at the right column, submode fallback, interface names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmd.h"
#include "config.h"
#include "ifname.h"

/* ---- a small table to observe what handlers receive ---- */

static char seen[512];

static int record(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct strbuf sb = STRBUF_INIT;

	sb_printf(&sb, "%s%s:", ctx->negate ? "no " : "",
		  ctx->deflt ? "default " : "");
	for (size_t i = 0; i < args->n; i++)
		sb_printf(&sb, " %s=%s", args->v[i].name, args->v[i].value);
	snprintf(seen, sizeof(seen), "%s", sb_str(&sb));
	sb_free(&sb);
	return 0;
}

static const struct cmd_def test_defs[] = {
	{CMD_MODE_EXEC, "show running-config",
	 "Show running system information\nCurrent operating configuration",
	 record, 0, 0},
	{CMD_MODE_EXEC, "show version",
	 "Show running system information\nSystem hardware and software "
	 "status",
	 record, 0, 0},
	{CMD_MODE_EXEC, "setup", "Run the SETUP command facility", record, 0,
	 0},
	{CMD_MODE_EXEC, "ping A.B.C.D [repeat <1-100>]",
	 "Send echo messages\nPing destination address\nRepeat count\n"
	 "Count",
	 record, 0, 0},
	{CMD_MODE_EXEC, "say WORD LINE", "Say\nName\nText", record, 0, 0},
	{CMD_MODE_EXEC, "auth {chap|pap|ms-chap|ms-chap-v2}... [callin]",
	 "Auth\nCHAP\nPAP\nMS-CHAP\nMS-CHAP-V2\nCallin", record, CMD_NO, 0},
	{CMD_MODE_EXEC, "clear interface IFNAME",
	 "Reset functions\nClear the interface\nInterface", record, 0, 0},
	{CMD_MODE_EXEC, "route A.B.C.D/M", "Route\nPrefix", record, 0, 0},
};

static struct cmd_table *test_table(void)
{
	struct cmd_table *t = cmd_table_new();

	assert_non_null(t);
	assert_int_equal(cmd_install(t, test_defs, sizeof(test_defs) /
						   sizeof(test_defs[0])),
			 0);
	return t;
}

static enum cmd_status exec_line(struct cmd_table *t, const char *line,
				 struct cmd_result *res)
{
	struct cmd_ctx ctx;
	struct strbuf out = STRBUF_INIT;
	enum cmd_status st;

	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	ctx.out = &out;
	seen[0] = '\0';
	st = cmd_execute(t, &ctx, line, res);
	sb_free(&out);
	return st;
}

static void test_abbreviation_case(void **state)
{
	struct cmd_table *t = test_table();
	struct cmd_result res;

	(void)state;
	assert_int_equal(exec_line(t, "sh run", &res), CMD_OK);
	assert_string_equal(seen, ": show=show running-config=running-config");
	assert_int_equal(exec_line(t, "SH VER", &res), CMD_OK);
	assert_string_equal(seen, ": show=show version=version");
	cmd_table_free(t);
}

static void test_ambiguous(void **state)
{
	struct cmd_table *t = test_table();
	struct cmd_result res;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(exec_line(t, "s", &res), CMD_ERR_AMBIGUOUS);
	cmd_error_format(&res, "s", "R#", &out);
	assert_string_equal(sb_str(&out), "% Ambiguous command:  \"s\"\n");
	/* "ms-chap" is exact even though it starts ms-chap-v2; "ms" is
	 * ambiguous between them. */
	assert_int_equal(exec_line(t, "auth ms-chap", &res), CMD_OK);
	assert_string_equal(seen, ": auth=auth ms-chap=ms-chap");
	assert_int_equal(exec_line(t, "auth ms", &res), CMD_ERR_AMBIGUOUS);
	sb_free(&out);
	cmd_table_free(t);
}

static void test_repeat_optional_negation(void **state)
{
	struct cmd_table *t = test_table();
	struct cmd_result res;

	(void)state;
	assert_int_equal(exec_line(t, "auth chap pap callin", &res), CMD_OK);
	assert_string_equal(seen,
			    ": auth=auth chap=chap pap=pap callin=callin");
	assert_int_equal(exec_line(t, "no auth pap", &res), CMD_OK);
	assert_string_equal(seen, "no : auth=auth pap=pap");
	assert_int_equal(exec_line(t, "default auth chap", &res), CMD_OK);
	assert_string_equal(seen, "default : auth=auth chap=chap");
	assert_int_equal(exec_line(t, "no show version", &res),
			 CMD_ERR_INVALID);
	assert_int_equal(exec_line(t, "auth", &res), CMD_ERR_INCOMPLETE);
	cmd_table_free(t);
}

static void test_values(void **state)
{
	struct cmd_table *t = test_table();
	struct cmd_result res;

	(void)state;
	assert_int_equal(exec_line(t, "ping 10.0.0.1 repeat 100", &res),
			 CMD_OK);
	assert_string_equal(seen, ": ping=ping A.B.C.D=10.0.0.1 "
				  "repeat=repeat <1-100>=100");
	assert_int_equal(exec_line(t, "ping 10.0.0.1 repeat 101", &res),
			 CMD_ERR_INVALID);
	assert_int_equal(res.wcol, 21);
	assert_int_equal(exec_line(t, "ping 10.0.0.256", &res),
			 CMD_ERR_INVALID);
	assert_int_equal(exec_line(t, "route 10.0.0.0/8", &res), CMD_OK);
	assert_int_equal(exec_line(t, "route 10.0.0.0/33", &res),
			 CMD_ERR_INVALID);
	/* Quoted words: quotes removed, "" is empty; LINE is verbatim. */
	assert_int_equal(exec_line(t, "say \"a b\"   x  \"y\"  z ", &res),
			 CMD_OK);
	assert_string_equal(seen, ": say=say WORD=a b LINE=x  \"y\"  z");
	assert_int_equal(exec_line(t, "say \"\" hi", &res), CMD_OK);
	assert_string_equal(seen, ": say=say WORD= LINE=hi");
	/* Interface names in one or two words. */
	assert_int_equal(exec_line(t, "clear int as1", &res), CMD_OK);
	assert_string_equal(seen, ": clear=clear interface=interface "
				  "IFNAME=Async1");
	assert_int_equal(exec_line(t, "clear interface serial 0:23", &res),
			 CMD_OK);
	assert_string_equal(seen, ": clear=clear interface=interface "
				  "IFNAME=Serial0:23");
	assert_int_equal(exec_line(t, "clear interface foo1", &res),
			 CMD_ERR_INVALID);
	cmd_table_free(t);
}

static void test_error_caret(void **state)
{
	struct cmd_table *t = test_table();
	struct cmd_result res;
	struct strbuf out = STRBUF_INIT;

	(void)state;
	assert_int_equal(exec_line(t, "show runing", &res), CMD_ERR_INVALID);
	/* "run" matches running-config; the caret is under the 'i'. */
	assert_int_equal(res.col, 8);
	cmd_error_format(&res, "show runing", "R#", &out);
	assert_string_equal(sb_str(&out),
			    "R#show runing\n"
			    "          ^\n"
			    "% Invalid input detected at '^' marker.\n\n");
	sb_reset(&out);
	cmd_error_format_file(&res, "cfg", 12, &out);
	assert_string_equal(sb_str(&out), "cfg:12: % Invalid input detected "
					  "at 'runing' (column 6)\n");
	sb_reset(&out);
	exec_line(t, "show", &res);
	cmd_error_format(&res, "show", "R#", &out);
	assert_string_equal(sb_str(&out), "% Incomplete command.\n\n");
	sb_free(&out);
	cmd_table_free(t);
}

static void test_help_and_complete(void **state)
{
	struct cmd_table *t = test_table();
	struct strbuf out = STRBUF_INIT, line = STRBUF_INIT;
	struct cmd_ctx ctx;

	(void)state;
	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_help(t, &ctx, "show ", "R#", &out);
	assert_string_equal(sb_str(&out),
			    "  running-config  Current operating "
			    "configuration\n"
			    "  version         System hardware and software "
			    "status\n\n");
	sb_reset(&out);
	cmd_help(t, &ctx, "ping 1.2.3.4 ", "R#", &out);
	assert_string_equal(sb_str(&out), "  repeat  Repeat count\n"
					  "  <cr>\n\n");
	sb_reset(&out);
	cmd_help(t, &ctx, "sh", "R#", &out);
	assert_string_equal(sb_str(&out), "show  \n\n");
	sb_reset(&out);
	cmd_help(t, &ctx, "s", "R#", &out);
	assert_string_equal(sb_str(&out), "say  setup  show  \n\n");
	sb_reset(&out);
	cmd_help(t, &ctx, "xyz", "R#", &out);
	assert_string_equal(sb_str(&out), "% Unrecognized command\n");
	sb_reset(&out);
	cmd_help(t, &ctx, "auth ", "R#", &out);
	assert_string_equal(sb_str(&out), "  chap        CHAP\n"
					  "  ms-chap     MS-CHAP\n"
					  "  ms-chap-v2  MS-CHAP-V2\n"
					  "  pap         PAP\n\n");
	sb_reset(&out);
	assert_true(cmd_complete(t, &ctx, "sh ru", &line, &out));
	assert_string_equal(sb_str(&line), "sh running-config ");
	sb_reset(&line);
	sb_reset(&out);
	assert_true(cmd_complete(t, &ctx, "se", &line, &out));
	assert_string_equal(sb_str(&line), "setup ");
	sb_reset(&line);
	assert_false(cmd_complete(t, &ctx, "s", &line, &out));
	assert_string_equal(sb_str(&line), "s");
	assert_string_equal(sb_str(&out), "say  setup  show  \n\n");
	sb_free(&out);
	sb_free(&line);
	cmd_table_free(t);
}

static void test_bad_syntax_refused(void **state)
{
	struct cmd_table *t = cmd_table_new();
	const struct cmd_def bad[] = {
		{CMD_MODE_EXEC, "a {b|c", "A\nB\nC", record, 0, 0},
		{CMD_MODE_EXEC, "a LINE b", "A\nL\nB", record, 0, 0},
		{CMD_MODE_EXEC, "a b", "A only", record, 0, 0},
		{CMD_MODE_EXEC, "a <5-1>", "A\nR", record, 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(cmd_install(t, &bad[i], 1), -22);
	cmd_table_free(t);
}

/* ---- the configuration grammar ---- */

static void test_submode_fallback(void **state)
{
	struct cmd_table *t = cmd_table_new();
	struct config *cfg = config_new();
	struct strbuf out = STRBUF_INIT;
	struct cmd_result res;
	struct cmd_ctx ctx;

	(void)state;
	assert_int_equal(config_install_commands(t), 0);
	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_reset_mode(&ctx, CMD_MODE_CONFIG);
	ctx.cand = cfg;
	ctx.out = &out;
	assert_int_equal(cmd_execute(t, &ctx, "int as1", &res), CMD_OK);
	assert_int_equal(cmd_ctx_mode(&ctx), CMD_MODE_IF);
	assert_string_equal(cmd_ctx_key(&ctx), "Async1");
	assert_int_equal(cmd_execute(t, &ctx, "encap ppp", &res), CMD_OK);
	/* A global command leaves for global configuration... */
	assert_int_equal(cmd_execute(t, &ctx, "line vty 0 4", &res), CMD_OK);
	assert_int_equal(cmd_ctx_mode(&ctx), CMD_MODE_LINE);
	assert_string_equal(cmd_ctx_key(&ctx), "vty 0 4");
	assert_int_equal(cmd_execute(t, &ctx, "interface Serial0:23", &res),
			 CMD_OK);
	assert_int_equal(cmd_ctx_mode(&ctx), CMD_MODE_IF);
	assert_int_equal(ctx.depth, 2);
	assert_int_equal(cmd_execute(t, &ctx, "hostname nas1", &res), CMD_OK);
	assert_int_equal(cmd_ctx_mode(&ctx), CMD_MODE_CONFIG);
	assert_string_equal(cfg->hostname, "nas1");
	/* ...and a line that matches nowhere is an error in place. */
	assert_int_equal(cmd_execute(t, &ctx, "int as2", &res), CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx, "encapsulation foo", &res),
			 CMD_ERR_INVALID);
	assert_int_equal(res.wcol, 14);
	assert_int_equal(cmd_ctx_mode(&ctx), CMD_MODE_IF);
	assert_int_equal(config_if_find(cfg, "Async1")->encap,
			 CONFIG_ENCAP_PPP);
	assert_int_equal(cmd_execute(t, &ctx, "exit", &res), CMD_OK);
	assert_int_equal(cmd_ctx_mode(&ctx), CMD_MODE_CONFIG);
	assert_int_equal(cmd_execute(t, &ctx, "end", &res), CMD_OK);
	assert_int_equal(cmd_ctx_mode(&ctx), CMD_MODE_EXEC);
	config_unref(cfg);
	sb_free(&out);
	cmd_table_free(t);
}

static void test_config_help(void **state)
{
	struct cmd_table *t = cmd_table_new();
	struct strbuf out = STRBUF_INIT;
	struct cmd_ctx ctx;

	(void)state;
	assert_int_equal(config_install_commands(t), 0);
	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_reset_mode(&ctx, CMD_MODE_CONFIG);
	cmd_enter(&ctx, CMD_MODE_IF, "Async1");
	cmd_help(t, &ctx, "ppp authentication chap ", "", &out);
	assert_string_equal(
		sb_str(&out),
		"  WORD        Use an authentication list with this name\n"
		"  callin      Authenticate remote on incoming call only\n"
		"  chap        Challenge Handshake Authentication Protocol "
		"(CHAP)\n"
		"  default     Use the default authentication list\n"
		"  ms-chap     Microsoft Challenge Handshake Authentication "
		"Protocol (MS-CHAP)\n"
		"  ms-chap-v2  Microsoft CHAP Version 2 (MS-CHAP-V2)\n"
		"  pap         Password Authentication Protocol (PAP)\n"
		"  <cr>\n\n");
	sb_reset(&out);
	/* Interface names are offered by type. */
	cmd_help(t, &ctx, "ip unnumbered ", "", &out);
	assert_non_null(strstr(sb_str(&out), "  Async             Async "
					     "interface\n"));
	sb_free(&out);
	cmd_table_free(t);
}

/* ---- interface names ---- */

static void check_if(const char *in, const char *canon, const char *shrt)
{
	struct ifname ifn;
	char a[IFNAME_MAX], b[IFNAME_MAX];

	assert_true(ifname_parse(in, &ifn));
	assert_string_equal(ifname_canon(&ifn, a, sizeof(a)), canon);
	assert_string_equal(ifname_short(&ifn, b, sizeof(b)), shrt);
}

static void test_ifname(void **state)
{
	struct ifname ifn;

	(void)state;
	check_if("Async1", "Async1", "As1");
	check_if("async 1", "Async1", "As1");
	check_if("as1", "Async1", "As1");
	check_if("As4", "Async4", "As4");
	check_if("Group-Async1", "Group-Async1", "Gr1");
	check_if("gr1", "Group-Async1", "Gr1");
	check_if("Serial0:23", "Serial0:23", "Se0:23");
	check_if("se0:23", "Serial0:23", "Se0:23");
	check_if("Ethernet0", "Ethernet0", "Et0");
	check_if("e0", "Ethernet0", "Et0");
	check_if("FastEthernet0/0", "FastEthernet0/0", "Fa0/0");
	check_if("fa0/1", "FastEthernet0/1", "Fa0/1");
	check_if("Loopback0", "Loopback0", "Lo0");
	check_if("lo0", "Loopback0", "Lo0");
	check_if("Dialer1", "Dialer1", "Di1");
	check_if("di1", "Dialer1", "Di1");
	check_if("BRI0", "BRI0", "BR0");
	check_if("bri 0", "BRI0", "BR0");
	check_if("Virtual-Template1", "Virtual-Template1", "Vt1");
	check_if("vt1", "Virtual-Template1", "Vt1");
	check_if("Virtual-Access2", "Virtual-Access2", "Vi2");
	check_if("vi2", "Virtual-Access2", "Vi2");
	assert_false(ifname_parse("v1", &ifn));      /* ambiguous */
	assert_false(ifname_parse("Async", &ifn));   /* no number */
	assert_false(ifname_parse("Async1x", &ifn)); /* trailing garbage */
	assert_false(ifname_parse("Tunnel0", &ifn));
	assert_false(ifname_parse("Async99999", &ifn));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abbreviation_case),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_repeat_optional_negation),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_error_caret),
		cmocka_unit_test(test_help_and_complete),
		cmocka_unit_test(test_bad_syntax_refused),
		cmocka_unit_test(test_submode_fallback),
		cmocka_unit_test(test_config_help),
		cmocka_unit_test(test_ifname),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
