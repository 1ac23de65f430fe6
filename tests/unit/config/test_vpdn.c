/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the typed VPDN / L2TP configuration (conf_vpdn.c,
 * conf_vpdn_write.c, config_vpdn.c): seed 004's LAC and LNS into structs
 * and back byte for byte, every group command with its running-config
 * line and default, type 7 tunnel passwords, the no forms, errors as
 * FILE:LINE: message, the lookups the L2TP glue uses (domain case, DNIS,
 * search order, terminate-from wildcard, dial-out pool, secrets), the
 * consistency warnings, clone independence, the Virtual-Template of the
 * LNS as a plain interface, and which commands are still reported as
 * accepted-only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmd.h"
#include "config.h"
#include "conf_harness.h"
#include "fake_log.h"

static struct config *load_file(struct cmd_table *t, const char *name,
				struct strbuf *w)
{
	struct strbuf errs = STRBUF_INIT;
	char path[512];
	struct config *cfg;

	snprintf(path, sizeof(path), "%s/%s", VECTOR_DIR, name);
	cfg = config_load_file(t, path, NULL, &errs);
	if (!cfg)
		fprintf(stderr, "%s", sb_str(&errs));
	assert_non_null(cfg);
	assert_int_equal(errs.len, 0);
	config_write(cfg, w);
	sb_free(&errs);
	return cfg;
}

/* The running-config from the line `from` to the line `to` (both
 * included; `to` is searched after `from`). */
static void expect_between(const struct strbuf *w, const char *from,
			   const char *to, const char *want)
{
	const char *a = strstr(sb_str(w), from), *b;
	char *s;

	if (!a)
		fprintf(stderr, "no %s in:\n%s", from, sb_str(w));
	assert_non_null(a);
	b = strstr(a, to);
	assert_non_null(b);
	s = strndup(a, (size_t)(b - a) + strlen(to));
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static void expect_no_warnings(const struct config *cfg)
{
	struct strbuf warn = STRBUF_INIT;

	config_vpdn_check(cfg, &warn);
	assert_string_equal(sb_str(&warn), "");
	sb_free(&warn);
}

/* Group defaults of every L2TP parameter the seed does not set. */
static void expect_l2tp_defaults(const struct config_vpdn_group *g)
{
	assert_true(g->tunnel_auth);
	assert_int_equal(g->hello_s, 60);
	assert_int_equal(g->receive_window, CONFIG_L2TP_RWIN_DEFAULT);
	assert_int_equal(g->retransmit_retries, 5);
	assert_int_equal(g->retransmit_min_s, 1);
	assert_int_equal(g->retransmit_max_s, 8);
	assert_false(g->hidden);
	assert_int_equal(g->lcp_reneg, CONFIG_LCP_RENEG_NONE);
}

static void test_seed004_lac(void **state)
{
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = load_file(t, "seed004-lac.cfg", &w);
	const struct config_vpdn_group *g;

	(void)state;
	assert_true(cfg->vpdn.enable);
	assert_false(cfg->vpdn.logging);
	assert_int_equal(cfg->vpdn.nsearch, 1);
	assert_int_equal(cfg->vpdn.search[0], CONFIG_VPDN_SEARCH_DOMAIN);
	assert_int_equal(cfg->vpdn.ngroups, 1);
	g = &cfg->vpdn.groups[0];
	assert_string_equal(g->name, "1");
	assert_true(g->sub[CONFIG_VPDN_REQ_DIALIN].on);
	assert_int_equal(g->sub[CONFIG_VPDN_REQ_DIALIN].protocol,
			 CONFIG_VPDN_PROTO_L2TP);
	assert_false(g->sub[CONFIG_VPDN_ACC_DIALIN].on);
	assert_false(g->sub[CONFIG_VPDN_REQ_DIALOUT].on);
	assert_true(g->sub[CONFIG_VPDN_ACC_DIALOUT].on);
	assert_int_equal(g->sub[CONFIG_VPDN_ACC_DIALOUT].protocol,
			 CONFIG_VPDN_PROTO_L2TP);
	assert_int_equal(g->ndomains, 1);
	assert_string_equal(g->domains[0].name, "cisco.com");
	assert_int_equal(g->ndnis, 0);
	assert_int_equal(g->dialer, 1);
	assert_int_equal(g->vtemplate, 0);
	assert_int_equal(g->pool_member, 0);
	assert_string_equal(g->terminate_from, "LNS");
	assert_int_equal(g->ninitiate_to, 1);
	assert_int_equal(g->initiate_to[0].addr, IP4(18, 18, 18, 2));
	assert_int_equal(g->initiate_to[0].priority, 1);
	assert_string_equal(g->local_name, "LAC");
	assert_string_equal(g->tunnel_password, "l2tptunnel");
	assert_int_equal(g->source_ip, IP4(18, 18, 18, 1));
	expect_l2tp_defaults(g);
	/* The seed's lines, without its !--- comments, byte for byte. */
	expect_between(&w, "no ip domain-lookup\n", "isdn switch-type",
		       "no ip domain-lookup\n"
		       "!\n"
		       "vpdn enable\n"
		       "no vpdn logging\n"
		       "vpdn search-order domain\n"
		       "!\n"
		       "vpdn-group 1\n"
		       " request-dialin\n"
		       "  protocol l2tp\n"
		       "  domain cisco.com\n"
		       " accept-dialout\n"
		       "  protocol l2tp\n"
		       "  dialer 1\n"
		       " terminate-from hostname LNS\n"
		       " initiate-to ip 18.18.18.2\n"
		       " local name LAC\n"
		       " l2tp tunnel password l2tptunnel\n"
		       " source-ip 18.18.18.1\n"
		       "!\n"
		       "isdn switch-type");
	expect_no_warnings(cfg);
	/* What the LAC asks (seed 004: "Got DNIS string 211", "Looking
	 * for tunnel -- cisco.com --"): the search order is domain only. */
	assert_ptr_equal(config_vpdn_find_dialin(cfg, "211", "cisco.com"), g);
	assert_null(config_vpdn_find_dialin(cfg, "211", NULL));
	assert_ptr_equal(
		config_vpdn_find_domain(
			cfg, config_vpdn_domain_of("remote1@cisco.com")),
		g);
	assert_ptr_equal(
		config_vpdn_find_terminate(cfg, "LNS", CONFIG_VPDN_ACC_DIALOUT),
		g);
	assert_null(
		config_vpdn_find_terminate(cfg, "LNS", CONFIG_VPDN_ACC_DIALIN));
	assert_null(config_vpdn_find_terminate(cfg, "LNS2",
					       CONFIG_VPDN_ACC_DIALOUT));
	assert_string_equal(config_vpdn_local_name(cfg, g), "LAC");
	assert_string_equal(config_vpdn_tunnel_secret(cfg, g, "LNS"),
			    "l2tptunnel");
	assert_ptr_equal(config_vpdn_group_find(cfg, "1"), g);
	assert_null(config_vpdn_group_find(cfg, "2"));
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_seed004_lns(void **state)
{
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = load_file(t, "seed004-lns.cfg", &w);
	const struct config_vpdn_group *g;
	const struct config_if *vt;

	(void)state;
	assert_true(cfg->vpdn.enable);
	assert_true(cfg->vpdn.logging);
	assert_int_equal(cfg->vpdn.nsearch, 2);
	assert_int_equal(cfg->vpdn.search[0], CONFIG_VPDN_SEARCH_DNIS);
	assert_int_equal(cfg->vpdn.search[1], CONFIG_VPDN_SEARCH_DOMAIN);
	assert_int_equal(cfg->vpdn.ngroups, 1);
	g = &cfg->vpdn.groups[0];
	assert_false(g->sub[CONFIG_VPDN_REQ_DIALIN].on);
	assert_true(g->sub[CONFIG_VPDN_ACC_DIALIN].on);
	assert_int_equal(g->sub[CONFIG_VPDN_ACC_DIALIN].protocol,
			 CONFIG_VPDN_PROTO_L2TP);
	assert_true(g->sub[CONFIG_VPDN_REQ_DIALOUT].on);
	assert_int_equal(g->sub[CONFIG_VPDN_REQ_DIALOUT].protocol,
			 CONFIG_VPDN_PROTO_L2TP);
	assert_false(g->sub[CONFIG_VPDN_ACC_DIALOUT].on);
	assert_int_equal(g->vtemplate, 1);
	assert_int_equal(g->pool_member, 1);
	assert_int_equal(g->dialer, 0);
	assert_string_equal(g->terminate_from, "LAC");
	assert_int_equal(g->ninitiate_to, 1);
	assert_int_equal(g->initiate_to[0].addr, IP4(18, 18, 18, 1));
	assert_string_equal(g->local_name, "LNS");
	assert_string_equal(g->tunnel_password, "l2tptunnel");
	assert_int_equal(g->source_ip, IP4(18, 18, 18, 2));
	expect_l2tp_defaults(g);
	/* IOS sets the globals apart with "!", as the LAC shows. */
	expect_between(&w, "hostname LNS\n", "interface Loopback0\n",
		       "hostname LNS\n"
		       "!\n"
		       "vpdn enable\n"
		       "!\n"
		       "vpdn-group 1\n"
		       " accept-dialin\n"
		       "  protocol l2tp\n"
		       "  virtual-template 1\n"
		       " request-dialout\n"
		       "  protocol l2tp\n"
		       "  pool-member 1\n"
		       " terminate-from hostname LAC\n"
		       " initiate-to ip 18.18.18.1\n"
		       " local name LNS\n"
		       " l2tp tunnel password l2tptunnel\n"
		       " source-ip 18.18.18.2\n"
		       "!\n"
		       "interface Loopback0\n");
	/* The template is a plain interface: Virtual-Access interfaces
	 * are cloned from it. */
	vt = config_if_find(cfg, "Virtual-Template1");
	assert_non_null(vt);
	assert_int_equal(vt->ip_mode, CONFIG_IP_UNNUMBERED);
	assert_string_equal(vt->unnumbered, "Loopback0");
	assert_true(vt->set & CONFIG_IFF_BIT(CONFIG_IFF_PEER));
	assert_int_equal(vt->peer, CONFIG_PEER_NONE);
	assert_string_equal(vt->chap_hostname, "LNS");
	expect_between(&w, "interface Virtual-Template1\n", "!\n",
		       "interface Virtual-Template1\n"
		       " ip unnumbered Loopback0\n"
		       " no peer default ip address\n"
		       " ppp chap hostname LNS\n"
		       "!\n");
	expect_no_warnings(cfg);
	assert_ptr_equal(
		config_vpdn_find_terminate(cfg, "LAC", CONFIG_VPDN_ACC_DIALIN),
		g);
	assert_ptr_equal(
		config_vpdn_find_terminate(cfg, "lac", CONFIG_VPDN_ACC_DIALIN),
		g);
	assert_ptr_equal(config_vpdn_find_dialout(cfg, 1), g);
	assert_null(config_vpdn_find_dialout(cfg, 2));
	assert_null(config_vpdn_find_domain(cfg, "cisco.com"));
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

/* The LNS template of the seed's debug trace, with pools and DNS. */
static void test_virtual_template(void **state)
{
	static const char text[] = "interface Virtual-Template1\n"
				   " ip unnumbered Loopback0\n"
				   " peer default ip address pool vpdn\n"
				   " ppp authentication chap\n"
				   " ppp chap hostname LNS\n"
				   " ppp ipcp dns 10.0.0.53\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT, errs = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_if *vt = config_if_find(cfg, "Virtual-Template1");

	(void)state;
	assert_non_null(vt);
	assert_int_equal(vt->peer, CONFIG_PEER_POOL);
	assert_string_equal(vt->peer_pool, "vpdn");
	assert_int_equal(vt->nauth, 1);
	assert_int_equal(vt->auth[0], CONFIG_AUTH_CHAP);
	assert_int_equal(vt->nipcp_dns, 1);
	assert_int_equal(vt->ipcp_dns[0], IP4(10, 0, 0, 53));
	config_unref(cfg);
	/* Virtual-Access interfaces are the daemon's, never the user's. */
	cfg = config_load_text(t, "cfg", "interface Virtual-Access2\n", 26,
			       NULL, &errs);
	assert_null(cfg);
	assert_string_equal(sb_str(&errs),
			    "cfg:1: % Virtual-Access interfaces are cloned "
			    "from a Virtual-Template, not configured\n");
	sb_free(&errs);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_all_commands(void **state)
{
	static const char text[] = "vpdn enable\n"
				   "vpdn search-order domain dnis\n"
				   "vpdn-group lns\n"
				   " accept-dialin\n"
				   "  protocol any\n"
				   "  virtual-template 2\n"
				   " lcp renegotiation on-mismatch\n"
				   " l2tp hidden\n"
				   " l2tp tunnel retransmit timeout max 4\n"
				   " l2tp tunnel retransmit timeout min 2\n"
				   " l2tp tunnel retransmit retries 10\n"
				   " l2tp tunnel busy timeout 60\n"
				   " l2tp tunnel receive-window 100\n"
				   " l2tp tunnel hello 0\n"
				   " no l2tp tunnel authentication\n"
				   " l2tp tunnel password 0 7 x\n"
				   "vpdn-group lac\n"
				   " accept-dialout\n"
				   "  protocol l2tp\n"
				   "  dialer 2\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   "  domain example.net\n"
				   "  domain EXAMPLE.net\n"
				   "  domain example.org\n"
				   "  dnis 5551234\n"
				   "  dnis 5551235\n"
				   " initiate-to ip 10.0.0.2 priority 5\n"
				   " initiate-to ip 10.0.0.1\n"
				   " initiate-to ip 10.0.0.2 priority 7\n"
				   " lcp renegotiation always\n"
				   "interface Virtual-Template2\n"
				   "interface Dialer2\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_vpdn_group *g;

	(void)state;
	expect_between(&w, "vpdn enable\n", "interface Dialer2\n",
		       "vpdn enable\n"
		       "vpdn search-order domain dnis\n"
		       "!\n"
		       "vpdn-group lns\n"
		       " accept-dialin\n"
		       "  protocol any\n"
		       "  virtual-template 2\n"
		       " lcp renegotiation on-mismatch\n"
		       " l2tp hidden\n"
		       " l2tp tunnel password 0 7 x\n"
		       " no l2tp tunnel authentication\n"
		       " l2tp tunnel hello 0\n"
		       " l2tp tunnel receive-window 100\n"
		       " l2tp tunnel retransmit retries 10\n"
		       " l2tp tunnel retransmit timeout min 2\n"
		       " l2tp tunnel retransmit timeout max 4\n"
		       " l2tp tunnel busy timeout 60\n"
		       "!\n"
		       "vpdn-group lac\n"
		       " request-dialin\n"
		       "  protocol l2tp\n"
		       "  domain example.net\n"
		       "  domain example.org\n"
		       "  dnis 5551234\n"
		       "  dnis 5551235\n"
		       " accept-dialout\n"
		       "  protocol l2tp\n"
		       "  dialer 2\n"
		       " initiate-to ip 10.0.0.2 priority 7\n"
		       " initiate-to ip 10.0.0.1\n"
		       " lcp renegotiation always\n"
		       "!\n"
		       "interface Virtual-Template2\n"
		       "!\n"
		       "interface Dialer2\n");
	g = config_vpdn_group_find(cfg, "lns");
	assert_non_null(g);
	assert_int_equal(g->sub[CONFIG_VPDN_ACC_DIALIN].protocol,
			 CONFIG_VPDN_PROTO_ANY);
	assert_true(config_vpdn_role_usable(g, CONFIG_VPDN_ACC_DIALIN));
	assert_false(config_vpdn_role_usable(g, CONFIG_VPDN_REQ_DIALIN));
	assert_int_equal(g->lcp_reneg, CONFIG_LCP_RENEG_ON_MISMATCH);
	assert_true(g->hidden);
	assert_false(g->tunnel_auth);
	assert_int_equal(g->hello_s, 0);
	assert_int_equal(g->receive_window, 100);
	assert_int_equal(g->retransmit_retries, 10);
	assert_int_equal(g->retransmit_min_s, 2);
	assert_int_equal(g->retransmit_max_s, 4);
	/* "0 7 x": type 0, a clear password that reads like a type. */
	assert_string_equal(g->tunnel_password, "7 x");
	assert_string_equal(config_vpdn_local_name(cfg, g), "Router");
	g = config_vpdn_group_find(cfg, "lac");
	assert_non_null(g);
	assert_int_equal(g->ninitiate_to, 2);
	assert_int_equal(g->initiate_to[0].addr, IP4(10, 0, 0, 2));
	assert_int_equal(g->initiate_to[0].priority, 7);
	assert_int_equal(g->initiate_to[1].priority, 1);
	assert_int_equal(g->ndomains, 2);
	{
		struct strbuf warn = STRBUF_INIT;

		/* Only the cap below RFC 2661's 8 s minimum is worth a
		 * word. */
		config_vpdn_check(cfg, &warn);
		assert_string_equal(sb_str(&warn),
				    "% vpdn-group lns: l2tp tunnel retransmit "
				    "timeout max 4 is raised to 8 seconds (RFC "
				    "2661 5.8)\n");
		sb_free(&warn);
	}
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_password7(void **state)
{
	static const char text[] = "service password-encryption\n"
				   "vpdn-group 1\n"
				   " l2tp tunnel password l2tptunnel\n"
				   "vpdn-group 2\n"
				   " l2tp tunnel password 7 1511021F0725\n";
	static const char bad[] =
		"vpdn-group 1\n l2tp tunnel password 7 15ZZ\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT, errs = STRBUF_INIT;
	struct fake_log fl;
	struct config *cfg = ch_load_ok(t, text, &w), *again;

	(void)state;
	assert_string_equal(cfg->vpdn.groups[0].tunnel_password, "l2tptunnel");
	assert_string_equal(cfg->vpdn.groups[1].tunnel_password, "cisco");
	assert_null(strstr(sb_str(&w), "l2tptunnel"));
	assert_null(strstr(sb_str(&w), "cisco"));
	assert_non_null(strstr(sb_str(&w), " l2tp tunnel password 7 "
					   "01100F175804\n"));
	/* Read back: the same clear text. */
	again = config_load_text(t, "w", sb_str(&w), w.len, NULL, &errs);
	assert_non_null(again);
	assert_string_equal(again->vpdn.groups[0].tunnel_password,
			    "l2tptunnel");
	config_unref(again);
	config_unref(cfg);
	/* A bad type 7 string is refused, and no secret is ever logged. */
	fake_log_init(&fl);
	sb_reset(&errs);
	cfg = config_load_text(t, "cfg", bad, strlen(bad), &fl.lg, &errs);
	assert_null(cfg);
	assert_string_equal(sb_str(&errs), "cfg:2: % Invalid encrypted "
					   "password: bad hex digit\n");
	cfg = config_load_text(t, "cfg", text, strlen(text), &fl.lg, &errs);
	assert_non_null(cfg);
	for (size_t i = 0; i < fl.n; i++) {
		assert_null(strstr(fl.lines[i], "l2tptunnel"));
		assert_null(strstr(fl.lines[i], "1511021F0725"));
	}
	config_unref(cfg);
	fake_log_fini(&fl);
	sb_free(&errs);
	sb_free(&w);
	cmd_table_free(t);
}

static void run(struct cmd_table *t, struct cmd_ctx *ctx, const char *line)
{
	struct cmd_result res;

	if (cmd_execute(t, ctx, line, &res) != CMD_OK)
		fprintf(stderr, "%s: %s\n", line, res.msg);
	assert_int_equal(res.status, CMD_OK);
}

static void test_no_forms(void **state)
{
	static const char text[] = "vpdn enable\n"
				   "no vpdn logging\n"
				   "vpdn search-order domain\n"
				   "vpdn-group 1\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   "  domain a.com\n"
				   "  domain b.com\n"
				   "  dnis 123\n"
				   " request-dialout\n"
				   "  protocol l2tp\n"
				   "  pool-member 3\n"
				   " terminate-from hostname peer\n"
				   " initiate-to ip 10.0.0.1\n"
				   " initiate-to ip 10.0.0.2\n"
				   " local name me\n"
				   " l2tp tunnel password s3cr3t\n"
				   " no l2tp tunnel authentication\n"
				   " l2tp tunnel hello 30\n"
				   " l2tp tunnel receive-window 9\n"
				   " l2tp tunnel retransmit retries 7\n"
				   " l2tp tunnel retransmit timeout min 3\n"
				   " l2tp tunnel retransmit timeout max 5\n"
				   " l2tp tunnel busy timeout 65535\n"
				   " l2tp hidden\n"
				   " lcp renegotiation always\n"
				   " source-ip 10.0.0.9\n"
				   "vpdn-group 2\n"
				   " accept-dialin\n"
				   "  protocol l2tp\n"
				   "  virtual-template 1\n";
	static const char *const nos[] = {
		"vpdn-group 1",
		"request-dialin",
		"no domain A.COM",
		"no dnis 123",
		"no protocol",
		"exit",
		"no terminate-from",
		"no initiate-to ip 10.0.0.1",
		"no local name",
		"no l2tp tunnel password",
		"default l2tp tunnel authentication",
		"no l2tp tunnel hello",
		"no l2tp tunnel receive-window 9",
		"no l2tp tunnel retransmit retries",
		"no l2tp tunnel retransmit timeout max",
		"no l2tp tunnel retransmit timeout min",
		"no l2tp tunnel busy timeout",
		"no l2tp hidden",
		"no lcp renegotiation",
		"no source-ip",
		"no request-dialout",
		"no vpdn search-order",
		"default vpdn logging",
	};
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT, w2 = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w), *cand = config_clone(cfg);
	struct cmd_ctx ctx;

	(void)state;
	assert_non_null(cand);
	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_reset_mode(&ctx, CMD_MODE_CONFIG);
	ctx.cand = cand;
	for (size_t i = 0; i < sizeof(nos) / sizeof(nos[0]); i++)
		run(t, &ctx, nos[i]);
	config_write(cand, &w2);
	expect_between(&w2, "vpdn enable\n", "!\nvpdn-group 2",
		       "vpdn enable\n"
		       "!\n"
		       "vpdn-group 1\n"
		       " request-dialin\n"
		       "  domain b.com\n"
		       " initiate-to ip 10.0.0.2\n"
		       "!\n"
		       "vpdn-group 2");
	/* The clone was edited, not the original. */
	assert_non_null(strstr(sb_str(&w), "  pool-member 3\n"));
	assert_non_null(strstr(sb_str(&w), " l2tp tunnel password s3cr3t\n"));
	/* `no request-dialin` forgets its domains; `no vpdn-group` the
	 * whole group. */
	run(t, &ctx, "vpdn-group 1");
	run(t, &ctx, "no request-dialin");
	run(t, &ctx, "request-dialin");
	run(t, &ctx, "no vpdn-group 2");
	run(t, &ctx, "no vpdn enable");
	sb_reset(&w2);
	config_write(cand, &w2);
	expect_between(&w2, "hostname Router\n!\n", "line con 0\n",
		       "hostname Router\n"
		       "!\n"
		       "vpdn-group 1\n"
		       " request-dialin\n"
		       " initiate-to ip 10.0.0.2\n"
		       "!\n"
		       "line con 0\n");
	assert_int_equal(cand->vpdn.groups[0].ndomains, 0);
	run(t, &ctx, "no vpdn-group 1");
	assert_int_equal(cand->vpdn.ngroups, 0);
	config_unref(cand);
	config_unref(cfg);
	sb_free(&w);
	sb_free(&w2);
	cmd_table_free(t);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"vpdn-group 1\n initiate-to ip 10.0.0.1 priority 0\n",
		 "cfg:2: % Invalid input detected at '0' (column 35)\n"},
		{"vpdn-group 1\n initiate-to ip 10.0.0.1 priority 32768\n",
		 "cfg:2: % Invalid input detected at '32768' (column 35)\n"},
		{"vpdn-group 1\n initiate-to ip 10.0.0.300\n",
		 "cfg:2: % Invalid input detected at '10.0.0.300' (column "
		 "17)\n"},
		{"vpdn-group 1\n initiate-to ip 0.0.0.0\n",
		 "cfg:2: % Invalid peer address 0.0.0.0\n"},
		{"vpdn-group 1\n initiate-to ip 224.0.0.5\n",
		 "cfg:2: % Invalid peer address 224.0.0.5\n"},
		{"vpdn-group 1\n source-ip 255.255.255.255\n",
		 "cfg:2: % Invalid source address 255.255.255.255\n"},
		{"vpdn-group 1\n l2tp tunnel retransmit timeout min 5\n"
		 " l2tp tunnel retransmit timeout max 4\n",
		 "cfg:3: % Maximum retransmit timeout 4 s is below the minimum "
		 "5 s\n"},
		{"vpdn-group 1\n l2tp tunnel retransmit timeout max 2\n"
		 " l2tp tunnel retransmit timeout min 3\n",
		 "cfg:3: % Minimum retransmit timeout 3 s is above the maximum "
		 "2 s\n"},
		{"vpdn-group 1\n l2tp tunnel retransmit timeout min 9\n",
		 "cfg:2: % Invalid input detected at '9' (column 37)\n"},
		{"vpdn-group 1\n l2tp tunnel retransmit retries 4\n",
		 "cfg:2: % Invalid input detected at '4' (column 33)\n"},
		{"vpdn-group 1\n l2tp tunnel busy timeout 59\n",
		 "cfg:2: % Invalid input detected at '59' (column 27)\n"},
		{"vpdn-group 1\n l2tp tunnel hello 1001\n",
		 "cfg:2: % Invalid input detected at '1001' (column 20)\n"},
		{"vpdn-group 1\n l2tp tunnel receive-window 0\n",
		 "cfg:2: % Invalid input detected at '0' (column 29)\n"},
		{"vpdn-group 1\n request-dialin\n  dnis 12a\n",
		 "cfg:3: % Invalid DNIS number \"12a\" (digits only)\n"},
		{"vpdn-group 1\n request-dialin\n  dnis "
		 "123456789012345678901234567890123\n",
		 "cfg:3: % DNIS number too long (at most 32 digits)\n"},
		{"vpdn-group 1\n request-dialin\n  domain user@cisco.com\n",
		 "cfg:3: % Invalid domain name \"user@cisco.com\"\n"},
		{"vpdn-group 1\n request-dialin\n  virtual-template 1\n",
		 "cfg:3: % Invalid input detected at 'virtual-template' "
		 "(column 3)\n"},
		{"vpdn-group 1\n accept-dialin\n  domain cisco.com\n",
		 "cfg:3: % Invalid input detected at 'domain' (column 3)\n"},
		{"vpdn-group 1\n accept-dialin\n  virtual-template 201\n",
		 "cfg:3: % Invalid input detected at '201' (column 20)\n"},
		{"vpdn-group 1\n request-dialin\n accept-dialin\n",
		 "cfg:3: % vpdn-group 1 already has request-dialin: a group "
		 "either requests or accepts dial-in (no request-dialin "
		 "first)\n"},
		{"vpdn-group 1\n accept-dialout\n request-dialout\n",
		 "cfg:3: % vpdn-group 1 already has accept-dialout: a group "
		 "either requests or accepts dial-out (no accept-dialout "
		 "first)\n"},
		{"vpdn search-order domain dnis domain\n",
		 "cfg:1: % domain is given twice\n"},
		{"vpdn-group \"a b\"\n",
		 "cfg:1: % Invalid VPDN group name \"a b\"\n"},
		{"vpdn-group 1\n terminate-from hostname \"\"\n",
		 "cfg:2: % Invalid host name \"\"\n"},
		{"vpdn-group 1\n local name "
		 "a234567890123456789012345678901234567890123456789012345678901"
		 "234\n",
		 "cfg:2: % local name too long (at most 63 characters)\n"},
		{"vpdn-group 1\n l2tp tunnel password 0\n",
		 "cfg:2: % Incomplete command.\n"},
		{"vpdn-group 1\n l2tp tunnel authentication 1\n",
		 "cfg:2: % Invalid input detected at '1' (column 29)\n"},
		{"l2tp tunnel hello 10\n",
		 "cfg:1: % Invalid input detected at 'l2tp' (column 1)\n"},
	};
	struct cmd_table *t = ch_table();

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf errs = STRBUF_INIT;
		struct config *cfg =
			config_load_text(t, "cfg", cases[i].text,
					 strlen(cases[i].text), NULL, &errs);

		if (cfg)
			fprintf(stderr, "accepted: %s", cases[i].text);
		assert_null(cfg);
		assert_string_equal(sb_str(&errs), cases[i].msg);
		sb_free(&errs);
	}
	cmd_table_free(t);
}

static void test_initiate_limit(void **state)
{
	struct cmd_table *t = ch_table();
	struct strbuf text = STRBUF_INIT, errs = STRBUF_INIT;
	struct config *cfg;

	(void)state;
	sb_puts(&text, "vpdn-group 1\n");
	for (int i = 1; i <= CONFIG_VPDN_MAX_INITIATE + 1; i++)
		sb_printf(&text, " initiate-to ip 10.0.0.%d\n", i);
	cfg = config_load_text(t, "cfg", sb_str(&text), text.len, NULL, &errs);
	assert_null(cfg);
	assert_string_equal(sb_str(&errs), "cfg:18: % At most 16 initiate-to "
					   "addresses per VPDN group\n");
	sb_free(&text);
	sb_free(&errs);
	cmd_table_free(t);
}

static void test_lookups(void **state)
{
	static const char text[] = "hostname nas\n"
				   "username lns1 password peerpw\n"
				   "username lns2 secret 0 hashed\n"
				   "vpdn enable\n"
				   "vpdn-group bydomain\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   "  domain Cisco.COM\n"
				   " initiate-to ip 10.0.0.1\n"
				   "vpdn-group bydnis\n"
				   " request-dialin\n"
				   "  protocol any\n"
				   "  dnis 211\n"
				   " initiate-to ip 10.0.0.2\n"
				   "vpdn-group l2f\n"
				   " request-dialin\n"
				   "  protocol l2f\n"
				   "  domain l2f.com\n"
				   " initiate-to ip 10.0.0.3\n"
				   "vpdn-group noproto\n"
				   " request-dialin\n"
				   "  domain none.com\n"
				   " initiate-to ip 10.0.0.4\n"
				   "vpdn-group any\n"
				   " accept-dialin\n"
				   "  protocol l2tp\n"
				   "  virtual-template 1\n"
				   "vpdn-group lac1\n"
				   " accept-dialin\n"
				   "  protocol l2tp\n"
				   "  virtual-template 1\n"
				   " request-dialout\n"
				   "  protocol l2tp\n"
				   "  pool-member 4\n"
				   " terminate-from hostname LAC1\n"
				   " initiate-to ip 10.0.0.5\n"
				   "interface Virtual-Template1\n"
				   "interface Dialer4\n"
				   " dialer pool 4\n"
				   " dialer vpdn\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT, warn = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_vpdn_group *dom, *dnis, *any, *lac1;

	(void)state;
	dom = config_vpdn_group_find(cfg, "bydomain");
	dnis = config_vpdn_group_find(cfg, "bydnis");
	any = config_vpdn_group_find(cfg, "any");
	lac1 = config_vpdn_group_find(cfg, "lac1");
	assert_non_null(dom);
	assert_non_null(dnis);
	/* Domains compare case-insensitively, DNIS exactly. */
	assert_ptr_equal(config_vpdn_find_domain(cfg, "cisco.com"), dom);
	assert_ptr_equal(config_vpdn_find_domain(cfg, "CISCO.com"), dom);
	assert_null(config_vpdn_find_domain(cfg, "cisco.co"));
	assert_null(config_vpdn_find_domain(cfg, NULL));
	assert_ptr_equal(config_vpdn_find_dnis(cfg, "211"), dnis);
	assert_null(config_vpdn_find_dnis(cfg, "2110"));
	/* Neither l2f nor a subgroup without protocol is used. */
	assert_null(config_vpdn_find_domain(cfg, "l2f.com"));
	assert_null(config_vpdn_find_domain(cfg, "none.com"));
	/* Default search order: DNIS first, then domain. */
	assert_ptr_equal(config_vpdn_find_dialin(cfg, "211", "cisco.com"),
			 dnis);
	assert_ptr_equal(config_vpdn_find_dialin(cfg, "999", "cisco.com"), dom);
	assert_ptr_equal(config_vpdn_find_dialin(cfg, NULL, "cisco.com"), dom);
	assert_null(config_vpdn_find_dialin(cfg, "999", "other.com"));
	/* terminate-from: the named host, else the group without one. */
	assert_ptr_equal(
		config_vpdn_find_terminate(cfg, "LAC1", CONFIG_VPDN_ACC_DIALIN),
		lac1);
	assert_ptr_equal(
		config_vpdn_find_terminate(cfg, "lac1", CONFIG_VPDN_ACC_DIALIN),
		lac1);
	assert_ptr_equal(
		config_vpdn_find_terminate(cfg, "LAC2", CONFIG_VPDN_ACC_DIALIN),
		any);
	assert_ptr_equal(
		config_vpdn_find_terminate(cfg, NULL, CONFIG_VPDN_ACC_DIALIN),
		any);
	assert_null(config_vpdn_find_terminate(cfg, "LAC1",
					       CONFIG_VPDN_ACC_DIALOUT));
	assert_null(config_vpdn_find_terminate(cfg, "LAC1",
					       CONFIG_VPDN_REQ_DIALIN));
	assert_ptr_equal(config_vpdn_find_dialout(cfg, 4), lac1);
	assert_null(config_vpdn_find_dialout(cfg, 0));
	/* Names. */
	assert_string_equal(config_vpdn_domain_of("remote1@cisco.com"),
			    "cisco.com");
	assert_string_equal(config_vpdn_domain_of("a@b@c.org"), "c.org");
	assert_null(config_vpdn_domain_of("remote1"));
	assert_null(config_vpdn_domain_of("remote1@"));
	assert_null(config_vpdn_domain_of(NULL));
	assert_string_equal(config_vpdn_local_name(cfg, lac1), "nas");
	/* No group password: the peer's username password, not a secret. */
	assert_string_equal(config_vpdn_tunnel_secret(cfg, lac1, "lns1"),
			    "peerpw");
	assert_null(config_vpdn_tunnel_secret(cfg, lac1, "lns2"));
	assert_null(config_vpdn_tunnel_secret(cfg, lac1, "nobody"));
	assert_null(config_vpdn_tunnel_secret(cfg, lac1, NULL));
	config_vpdn_check(cfg, &warn);
	assert_string_equal(sb_str(&warn),
			    "% vpdn-group l2f: request-dialin protocol l2f: "
			    "nasd speaks L2TP only; it is not used\n"
			    "% vpdn-group noproto: request-dialin has no "
			    "protocol; it is not used\n");
	config_unref(cfg);
	/* Without `vpdn enable` nothing is tunnelled or accepted. */
	sb_reset(&w);
	cfg = ch_load_ok(t, text + strlen("hostname nas\n"), &w);
	cfg->vpdn.enable = false;
	assert_null(config_vpdn_find_domain(cfg, "cisco.com"));
	assert_null(config_vpdn_find_dnis(cfg, "211"));
	assert_null(config_vpdn_find_dialin(cfg, "211", "cisco.com"));
	assert_null(config_vpdn_find_terminate(cfg, "LAC1",
					       CONFIG_VPDN_ACC_DIALIN));
	assert_null(config_vpdn_find_dialout(cfg, 4));
	assert_non_null(config_vpdn_group_find(cfg, "lac1"));
	config_unref(cfg);
	sb_free(&w);
	sb_free(&warn);
	cmd_table_free(t);
}

static void test_search_order(void **state)
{
	static const char text[] = "vpdn enable\n"
				   "vpdn search-order domain dnis\n"
				   "vpdn-group a\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   "  dnis 211\n"
				   " initiate-to ip 10.0.0.1\n"
				   "vpdn-group b\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   "  domain cisco.com\n"
				   " initiate-to ip 10.0.0.2\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);

	(void)state;
	assert_ptr_equal(config_vpdn_find_dialin(cfg, "211", "cisco.com"),
			 config_vpdn_group_find(cfg, "b"));
	assert_ptr_equal(config_vpdn_find_dialin(cfg, "211", "x.com"),
			 config_vpdn_group_find(cfg, "a"));
	config_unref(cfg);
	/* dnis only: the domain is never looked at. */
	sb_reset(&w);
	cfg = ch_load_ok(t,
		      "vpdn enable\nvpdn search-order dnis\n"
		      "vpdn-group b\n request-dialin\n  protocol l2tp\n"
		      "  domain cisco.com\n",
		      &w);
	assert_null(config_vpdn_find_dialin(cfg, "211", "cisco.com"));
	assert_non_null(strstr(sb_str(&w), "\nvpdn search-order dnis\n"));
	config_unref(cfg);
	/* The default order is not written. */
	sb_reset(&w);
	cfg = ch_load_ok(t, "vpdn search-order dnis domain\n", &w);
	assert_null(strstr(sb_str(&w), "vpdn"));
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_warnings(void **state)
{
	static const char text[] = "vpdn-group empty\n"
				   "vpdn-group lac\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   " accept-dialout\n"
				   "  protocol l2tp\n"
				   "  dialer 9\n"
				   "vpdn-group lns\n"
				   " accept-dialin\n"
				   "  protocol l2tp\n"
				   "  virtual-template 7\n"
				   " request-dialout\n"
				   "  protocol l2tp\n"
				   "  pool-member 5\n"
				   " initiate-to ip 10.0.0.1\n"
				   " l2tp hidden\n"
				   "vpdn-group lns2\n"
				   " accept-dialin\n"
				   "  protocol l2tp\n"
				   " request-dialout\n"
				   "  protocol l2tp\n"
				   " initiate-to ip 10.0.0.1\n"
				   "vpdn-group d1\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   "  domain x.com\n"
				   "  dnis 1\n"
				   " initiate-to ip 10.0.0.1\n"
				   "vpdn-group d2\n"
				   " request-dialin\n"
				   "  protocol l2tp\n"
				   "  domain X.COM\n"
				   "  dnis 1\n"
				   " initiate-to ip 10.0.0.1\n"
				   "vpdn-group out\n"
				   " accept-dialout\n"
				   "  protocol l2tp\n"
				   "  dialer 1\n"
				   " terminate-from hostname lns\n"
				   "vpdn-group out2\n"
				   " accept-dialout\n"
				   "  protocol l2tp\n"
				   "  dialer 1\n"
				   " terminate-from hostname LNS\n"
				   "interface Dialer1\n"
				   " dialer pool 5\n"
				   "interface Dialer2\n"
				   " dialer pool 6\n"
				   " dialer vpdn\n"
				   "interface Dialer3\n"
				   " dialer vpdn\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT, warn = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);

	(void)state;
	config_vpdn_check(cfg, &warn);
	assert_string_equal(
		sb_str(&warn),
		"% VPDN groups are configured but VPDN is not enabled (vpdn "
		"enable)\n"
		"% vpdn-group empty: no request-dialin, accept-dialin, "
		"request-dialout or accept-dialout; the group is not used\n"
		"% vpdn-group lac: request-dialin has no domain or dnis; no "
		"call is tunnelled\n"
		"% vpdn-group lac: no initiate-to; no tunnel can be opened\n"
		"% vpdn-group lac: interface Dialer9 does not exist\n"
		"% vpdn-group lns: interface Virtual-Template7 does not exist\n"
		"% vpdn-group lns: l2tp hidden without l2tp tunnel password; "
		"AVPs are hidden only for peers with a username password\n"
		"% vpdn-group lns2: accept-dialin has no virtual-template; no "
		"session can be accepted\n"
		"% vpdn-group lns2: request-dialout has no pool-member\n"
		"% vpdn-group lns2: accept-dialin from any host is also in "
		"vpdn-group lns, which is used\n"
		"% vpdn-group d2: domain X.COM is also in vpdn-group d1, which "
		"is used\n"
		"% vpdn-group d2: dnis 1 is also in vpdn-group d1, which is "
		"used\n"
		"% vpdn-group out2: accept-dialout from LNS is also in "
		"vpdn-group out, which is used\n"
		"% Dialer2: dialer vpdn, but no usable vpdn-group requests "
		"dial-out for dialer pool 6\n"
		"% Dialer3: dialer vpdn needs a dialer pool\n");
	config_unref(cfg);
	/* A pool whose Dialer profiles exist. */
	sb_reset(&w);
	sb_reset(&warn);
	cfg = ch_load_ok(t,
		      "vpdn enable\nvpdn-group lns\n request-dialout\n"
		      "  protocol l2tp\n  pool-member 2\n"
		      " initiate-to ip 10.0.0.1\n",
		      &w);
	config_vpdn_check(cfg, &warn);
	assert_string_equal(sb_str(&warn), "% vpdn-group lns: no Dialer "
					   "interface has dialer pool 2\n");
	config_unref(cfg);
	sb_free(&w);
	sb_free(&warn);
	cmd_table_free(t);
}

/* The typed commands are no longer reported as accepted-only; `vpdn
 * logging` (nothing logs VPDN events yet) and `protocol l2f` still are. */
static void test_unimpl_notices(void **state)
{
	struct cmd_table *t = ch_table();
	struct strbuf errs = STRBUF_INIT;
	struct fake_log fl;
	char path[512];
	struct config *cfg;
	const char *text = "vpdn-group 9\n request-dialin\n  protocol l2f\n";

	(void)state;
	fake_log_init(&fl);
	snprintf(path, sizeof(path), "%s/seed004-lac.cfg", VECTOR_DIR);
	cfg = config_load_file(t, path, &fl.lg, &errs);
	assert_non_null(cfg);
	config_unref(cfg);
	snprintf(path, sizeof(path), "%s/seed004-lns.cfg", VECTOR_DIR);
	cfg = config_load_file(t, path, &fl.lg, &errs);
	assert_non_null(cfg);
	config_unref(cfg);
	for (size_t i = 0; i < fl.n; i++) {
		assert_null(strstr(fl.lines[i], "vpdn enable"));
		assert_null(strstr(fl.lines[i], "vpdn-group"));
		assert_null(strstr(fl.lines[i], "search-order"));
		assert_null(strstr(fl.lines[i], "-dial"));
		assert_null(strstr(fl.lines[i], "\"dialer\""));
		assert_null(strstr(fl.lines[i], "protocol"));
		assert_null(strstr(fl.lines[i], "domain\""));
		assert_null(strstr(fl.lines[i], "terminate-from"));
		assert_null(strstr(fl.lines[i], "initiate-to"));
		assert_null(strstr(fl.lines[i], "local name"));
		assert_null(strstr(fl.lines[i], "l2tp"));
		assert_null(strstr(fl.lines[i], "source-ip"));
		assert_null(strstr(fl.lines[i], "virtual-template"));
		assert_null(strstr(fl.lines[i], "pool-member"));
	}
	assert_true(fake_log_has(&fl, "%PARSE-5-UNIMPL: \"vpdn logging\": "
				      "accepted, not implemented"));
	cfg = config_load_text(t, "cfg", text, strlen(text), &fl.lg, &errs);
	assert_non_null(cfg);
	assert_true(fake_log_has(&fl, "%PARSE-5-UNIMPL: \"protocol l2f\": "
				      "accepted, not implemented"));
	config_unref(cfg);
	fake_log_fini(&fl);
	sb_free(&errs);
	cmd_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed004_lac),
		cmocka_unit_test(test_seed004_lns),
		cmocka_unit_test(test_virtual_template),
		cmocka_unit_test(test_all_commands),
		cmocka_unit_test(test_password7),
		cmocka_unit_test(test_no_forms),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_initiate_limit),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_search_order),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_unimpl_notices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
