/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the configuration → dialer translation
 * (src/daemon/ddr_conf.c): which interfaces are dialers, their members
 * and channels, seed 002's server and client as struct ddr_cfg, map
 * classes and callback modes, timers through map classes, dialer lists
 * with compiled access lists, rotary groups and dialer profiles, and the
 * warnings for what cannot be honoured.
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
#include "ddr_conf.h"

#define IP4(a, b, c, d)                                                        \
	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |      \
	 (uint32_t)(d))

static struct ddr_conf *dv;
static size_t dn;
static struct strbuf warn = STRBUF_INIT;

static void build(const char *text)
{
	struct cmd_table *t = cmd_table_new();
	struct strbuf errs = STRBUF_INIT;
	struct config *cfg;

	assert_non_null(t);
	assert_int_equal(config_install_commands(t), 0);
	cfg = config_load_text(t, "cfg", text, strlen(text), NULL, &errs);
	if (!cfg)
		fprintf(stderr, "%s", sb_str(&errs));
	assert_non_null(cfg);
	free(dv);
	sb_reset(&warn);
	assert_int_equal(ddr_conf_build(cfg, &dv, &dn, &warn), 0);
	config_unref(cfg);
	cmd_table_free(t);
	sb_free(&errs);
}

static int teardown(void **state)
{
	(void)state;
	free(dv);
	dv = NULL;
	dn = 0;
	sb_free(&warn);
	return 0;
}

static const char seed002_server[] =
	"interface bri 0\n"
	" ip address 10.1.1.7 255.255.255.0\n"
	" encapsulation ppp\n"
	" dialer callback-secure\n"
	" dialer enable-timeout 2\n"
	" dialer map ip 10.1.1.8 name atlanta class dial1 81012345678901\n"
	" dialer-group 1\n"
	" ppp callback accept\n"
	" ppp authentication chap\n"
	"!\n"
	"map-class dialer dial1\n"
	" dialer callback-server username\n"
	"dialer-list 1 protocol ip permit\n";

static void test_seed002_server(void **state)
{
	const struct ddr_cfg *c;

	(void)state;
	build(seed002_server);
	assert_int_equal(dn, 1);
	c = &dv[0].cfg;
	assert_string_equal(dv[0].ifname, "BRI0");
	assert_int_equal(dv[0].lower, DDR_CONF_ISDN);
	assert_int_equal(dv[0].n_members, 1);
	assert_string_equal(dv[0].members[0], "BRI0");
	assert_int_equal(dv[0].addr, IP4(10, 1, 1, 7));
	assert_int_equal(dv[0].mask, IP4(255, 255, 255, 0));
	assert_string_equal(c->name, "BRI0");
	assert_string_equal(c->short_name, "BR0");
	assert_int_equal(c->kind, DDR_LEGACY);
	assert_int_equal(c->type, DDR_TYPE_ISDN);
	assert_int_equal(c->channels, 2);
	assert_int_equal(c->n_maps, 1);
	assert_int_equal(c->maps[0].next_hop, IP4(10, 1, 1, 8));
	assert_string_equal(c->maps[0].name, "atlanta");
	assert_string_equal(c->maps[0].cls, "dial1");
	assert_string_equal(c->maps[0].number, "81012345678901");
	assert_int_equal(c->n_classes, 1);
	assert_string_equal(c->classes[0].name, "dial1");
	assert_int_equal(c->classes[0].cb_server, DDR_CB_SERVER_USERNAME);
	assert_true(c->callback_secure);
	assert_true(c->callback_accept);
	assert_false(c->callback_request);
	assert_int_equal(c->enable_s, 2);
	assert_int_equal(c->idle_s, 120);
	assert_int_equal(c->fast_idle_s, 20);
	assert_int_equal(c->carrier_s, 30);
	assert_int_equal(c->holdq_packets, 0);
	assert_int_equal(c->list, DDR_LIST_PERMIT);
	assert_int_equal(warn.len, 0);
	assert_int_equal(ddr_conf_owner(dv, dn, "BRI0"), 0);
	assert_int_equal(ddr_conf_owner(dv, dn, "BRI1"), -1);
}

static void test_seed002_client_and_plain_interfaces(void **state)
{
	const struct ddr_cfg *c;

	(void)state;
	build("interface bri 0\n"
	      " ip address 10.1.1.8 255.255.255.0\n"
	      " encapsulation ppp\n"
	      " dialer map ip 10.1.1.7 name dallas 81012345678902\n"
	      " dialer-group 1\n"
	      " ppp callback request\n"
	      " ppp authentication chap\n"
	      " dialer hold-queue 10 timeout 40\n"
	      " dialer idle-timeout 0\n"
	      "interface BRI1\n"
	      " encapsulation ppp\n"
	      "interface Async1\n"
	      " encapsulation ppp\n");
	/* A BRI without dialer commands and a plain Async are no dialers. */
	assert_int_equal(dn, 1);
	c = &dv[0].cfg;
	assert_true(c->callback_request);
	assert_false(c->callback_accept);
	assert_string_equal(c->maps[0].name, "dallas");
	assert_string_equal(c->maps[0].cls, "");
	assert_int_equal(c->holdq_packets, 10);
	assert_int_equal(c->holdq_timeout_s, 40);
	/* idle-timeout 0 = never: the core's largest value. */
	assert_int_equal(c->idle_s, DDR_TIMER_MAX_S);
	/* dialer-group 1 without a dialer-list: nothing is interesting. */
	assert_int_equal(c->list, DDR_LIST_NONE);
}

static void test_async_in_band_and_acl(void **state)
{
	const struct ddr_cfg *c;

	(void)state;
	build("access-list 101 remark the web only\n"
	      "access-list 101 deny udp any any eq 53\n"
	      "access-list 101 permit tcp any host 10.2.0.1 range 80 90\n"
	      "access-list 101 permit icmp 10.0.0.0 0.0.0.255 any\n"
	      "dialer-list 2 protocol ip list 101\n"
	      "interface Async3\n"
	      " ip address 10.2.2.1 255.255.255.252\n"
	      " encapsulation ppp\n"
	      " dialer in-band\n"
	      " dialer-group 2\n"
	      " dialer string 5551234\n");
	assert_int_equal(dn, 1);
	c = &dv[0].cfg;
	assert_int_equal(dv[0].lower, DDR_CONF_ASYNC);
	assert_int_equal(c->type, DDR_TYPE_ASYNC);
	assert_int_equal(c->channels, 1);
	assert_int_equal(c->n_strings, 1);
	assert_string_equal(c->strings[0], "5551234");
	assert_int_equal(c->list, DDR_LIST_ACL);
	assert_int_equal(c->acl.number, 101);
	assert_int_equal(c->acl.n_rules, 3); /* the remark is skipped */
	assert_false(c->acl.rules[0].permit);
	assert_int_equal(c->acl.rules[0].proto, 17);
	assert_int_equal(c->acl.rules[0].dport.op, DDR_ACL_PORT_EQ);
	assert_int_equal(c->acl.rules[0].dport.lo, 53);
	assert_int_equal(c->acl.rules[1].dst.addr, IP4(10, 2, 0, 1));
	assert_int_equal(c->acl.rules[1].dst.wildcard, 0);
	assert_int_equal(c->acl.rules[1].dport.op, DDR_ACL_PORT_RANGE);
	assert_int_equal(c->acl.rules[1].dport.hi, 90);
	assert_int_equal(c->acl.rules[2].proto, 1);
	assert_int_equal(c->acl.rules[2].src.wildcard, 0xff);
	assert_int_equal(c->acl.rules[2].dport.op, DDR_ACL_PORT_NONE);
	assert_true(ddr_acl_check(&c->acl, NULL, 0));
}

static void test_standard_and_undefined_acl(void **state)
{
	struct ddr_acl acl;
	struct cmd_table *t = cmd_table_new();
	struct strbuf errs = STRBUF_INIT;
	static const char text[] = "access-list 5 deny host 10.0.0.9\n"
				   "access-list 5 permit any\n";
	struct config *cfg;

	(void)state;
	assert_int_equal(config_install_commands(t), 0);
	cfg = config_load_text(t, "cfg", text, strlen(text), NULL, &errs);
	assert_non_null(cfg);
	assert_true(ddr_conf_acl(cfg, 5, &acl, NULL));
	assert_int_equal(acl.n_rules, 2);
	assert_int_equal(acl.rules[0].proto, DDR_ACL_PROTO_IP);
	assert_int_equal(acl.rules[0].src.addr, IP4(10, 0, 0, 9));
	assert_int_equal(acl.rules[0].dst.wildcard, 0xffffffffu);
	assert_true(ddr_acl_check(&acl, NULL, 0));
	/* Undefined: no rule, everything matches (IOS). */
	assert_true(ddr_conf_acl(cfg, 7, &acl, NULL));
	assert_int_equal(acl.n_rules, 0);
	assert_int_equal(acl.number, 7);
	assert_false(ddr_conf_acl(cfg, 0, &acl, NULL));
	assert_false(ddr_conf_acl(cfg, 200, &acl, NULL));
	config_unref(cfg);
	cmd_table_free(t);
	sb_free(&errs);
}

static void test_rotary_group_and_profile(void **state)
{
	(void)state;
	build("isdn switch-type basic-net3\n"
	      "map-class dialer slow\n"
	      " dialer idle-timeout 300\n"
	      " dialer callback-server dialstring\n"
	      "interface BRI0\n"
	      " encapsulation ppp\n"
	      " dialer rotary-group 1\n"
	      "interface BRI1\n"
	      " encapsulation ppp\n"
	      " dialer pool-member 2 priority 10\n"
	      "interface BRI2\n"
	      " encapsulation ppp\n"
	      " dialer pool-member 2 priority 200\n"
	      "interface Dialer1\n"
	      " ip address 10.5.0.1 255.255.255.0\n"
	      " encapsulation ppp\n"
	      " dialer map ip 10.5.0.2 name far class slow 6122\n"
	      " dialer-group 1\n"
	      "interface Dialer2\n"
	      " ip address 10.6.0.1 255.255.255.0\n"
	      " encapsulation ppp\n"
	      " dialer pool 2\n"
	      " dialer remote-name hq\n"
	      " dialer string 6123\n"
	      "interface Dialer3\n"
	      " encapsulation ppp\n"
	      " dialer string 6124\n");
	/* BRI0 and BRI1/2 are members, Dialer3 has none. */
	assert_int_equal(dn, 2);
	assert_string_equal(dv[0].ifname, "Dialer1");
	assert_int_equal(dv[0].cfg.kind, DDR_LEGACY);
	assert_int_equal(dv[0].n_members, 1);
	assert_string_equal(dv[0].members[0], "BRI0");
	assert_int_equal(dv[0].cfg.channels, 2);
	/* Timers of the only class the maps use. */
	assert_int_equal(dv[0].cfg.idle_s, 300);
	assert_int_equal(dv[0].cfg.classes[0].cb_server,
			 DDR_CB_SERVER_DIALSTRING);
	assert_string_equal(dv[1].ifname, "Dialer2");
	assert_int_equal(dv[1].cfg.kind, DDR_PROFILE);
	assert_int_equal(dv[1].cfg.type, DDR_TYPE_PROFILE);
	assert_int_equal(dv[1].cfg.pool, 2);
	assert_string_equal(dv[1].cfg.remote_name, "hq");
	/* Highest priority first. */
	assert_int_equal(dv[1].n_members, 2);
	assert_string_equal(dv[1].members[0], "BRI2");
	assert_string_equal(dv[1].members[1], "BRI1");
	assert_int_equal(dv[1].cfg.channels, 4);
	assert_int_equal(ddr_conf_owner(dv, dn, "BRI0"), 0);
	assert_int_equal(ddr_conf_owner(dv, dn, "BRI1"), 1);
	assert_non_null(strstr(sb_str(&warn), "% Dialer3: no member"));
}

static void test_pri_channels_and_undefined_class(void **state)
{
	(void)state;
	build("controller T1 0\n"
	      " pri-group timeslots 1-24\n"
	      "interface Serial0:23\n"
	      " encapsulation ppp\n"
	      " dialer map ip 10.9.0.2 name x class nope 5551\n");
	assert_int_equal(dn, 1);
	assert_int_equal(dv[0].cfg.channels, 23);
	assert_int_equal(dv[0].cfg.type, DDR_TYPE_ISDN);
	/* The undefined class is dropped, with a warning. */
	assert_string_equal(dv[0].cfg.maps[0].cls, "");
	assert_int_equal(dv[0].cfg.n_classes, 0);
	assert_non_null(strstr(sb_str(&warn),
			       "Serial0:23: map-class dialer nope is not "
			       "defined"));
}

/* Seed 004's LNS: dialer profiles with `dialer vpdn` and a pool no
 * physical interface is a member of dial through L2TP, one call each; a
 * profile without `dialer vpdn` and without members still cannot dial. */
static void test_vpdn_dialout_profiles(void **state)
{
	(void)state;
	build("interface Loopback0\n"
	      " ip address 18.18.18.2 255.255.255.255\n"
	      "interface Dialer1\n"
	      " ip unnumbered Loopback0\n"
	      " encapsulation ppp\n"
	      " dialer pool 1\n"
	      " dialer remote-name remote1@cisco.com\n"
	      " dialer string 6122\n"
	      " dialer vpdn\n"
	      " dialer-group 1\n"
	      "interface Dialer2\n"
	      " ip unnumbered Loopback0\n"
	      " encapsulation ppp\n"
	      " dialer pool 1\n"
	      " dialer remote-name remote2@cisco.com\n"
	      " dialer string 6121\n"
	      " dialer-group 1\n"
	      "dialer-list 1 protocol ip permit\n");
	assert_int_equal(dn, 1);
	assert_string_equal(dv[0].ifname, "Dialer1");
	assert_int_equal(dv[0].lower, DDR_CONF_VPDN);
	assert_int_equal(dv[0].cfg.kind, DDR_PROFILE);
	assert_int_equal(dv[0].cfg.pool, 1);
	assert_int_equal(dv[0].n_members, 0);
	assert_int_equal(dv[0].cfg.channels, 1);
	assert_string_equal(dv[0].cfg.strings[0], "6122");
	assert_non_null(strstr(sb_str(&warn), "% Dialer2: no member"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_teardown(f, teardown)
		T(test_seed002_server),
		T(test_seed002_client_and_plain_interfaces),
		T(test_async_in_band_and_acl),
		T(test_standard_and_undefined_acl),
		T(test_rotary_group_and_profile),
		T(test_pri_channels_and_undefined_class),
		T(test_vpdn_dialout_profiles),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
