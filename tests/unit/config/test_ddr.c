/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the typed DDR configuration (conf_dialer.c, conf_acl.c):
 * seeds 002 and 003 into structs and back, every interface and map-class
 * dialer command with its exact running-config line, access lists with
 * IOS normalisation, dialer-lists and static routes, errors as
 * FILE:LINE: message, the no forms, Group-Async inheritance, clone
 * independence, the lookups the DDR glue uses, and that none of these
 * commands is reported as accepted-only any more.
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

/* The running-config between the line `from` (included) and the next
 * line that is "!" (excluded). */
static char *section(const struct strbuf *w, const char *from)
{
	const char *a = strstr(sb_str(w), from), *b;
	char *s;

	if (!a)
		fprintf(stderr, "no %s in:\n%s", from, sb_str(w));
	assert_non_null(a);
	b = strstr(a, "\n!\n");
	assert_non_null(b);
	s = strndup(a, (size_t)(b - a) + 1);
	assert_non_null(s);
	return s;
}

static void expect_section(const struct strbuf *w, const char *from,
			   const char *want)
{
	char *s = section(w, from);

	assert_string_equal(s, want);
	free(s);
}

static void test_seed002_server(void **state)
{
	static const char text[] =
		"interface bri 0\n"
		" ip address 10.1.1.7 255.255.255.0\n"
		" encapsulation ppp\n"
		" dialer callback-secure\n"
		" dialer enable-timeout 2\n"
		" dialer map ip 10.1.1.8 name atlanta class dial1 "
		"81012345678901\n"
		" dialer-group 1\n"
		" ppp callback accept\n"
		" ppp authentication chap\n"
		"!\n"
		"map-class dialer dial1\n"
		" dialer callback-server username\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_if *cif = config_if_find(cfg, "BRI0");
	const struct config_dialer *d;
	const struct config_map_class *mc;

	(void)state;
	assert_non_null(cif);
	d = &cif->dialer;
	assert_true(d->callback_secure);
	assert_int_equal(d->enable_s, 2);
	assert_int_equal(d->group, 1);
	assert_int_equal(d->idle_s, CONFIG_DIALER_IDLE_DEFAULT_S);
	assert_int_equal(d->carrier_s, 30);
	assert_int_equal(d->fast_idle_s, 20);
	assert_int_equal(d->hold_queue_pkts, 0);
	assert_int_equal(d->rotary_group, -1);
	assert_false(d->in_band);
	assert_int_equal(d->nmaps, 1);
	assert_int_equal(d->maps[0].addr, IP4(10, 1, 1, 8));
	assert_string_equal(d->maps[0].name, "atlanta");
	assert_string_equal(d->maps[0].map_class, "dial1");
	assert_string_equal(d->maps[0].dial, "81012345678901");
	assert_false(d->maps[0].broadcast);
	mc = config_map_class_find(cfg, "dial1");
	assert_non_null(mc);
	assert_int_equal(mc->callback_server, CONFIG_CBSERVER_USERNAME);
	assert_null(config_map_class_find(cfg, "dial2"));
	/* The class sets no timer: the interface's enable-timeout is the
	 * return-call timer. */
	assert_int_equal(
		config_dialer_timer_s(cfg, cif, "dial1", CONFIG_DLF_ENABLE), 2);
	expect_section(&w, "interface BRI0\n",
		       "interface BRI0\n"
		       " ip address 10.1.1.7 255.255.255.0\n"
		       " encapsulation ppp\n"
		       " dialer callback-secure\n"
		       " dialer enable-timeout 2\n"
		       " dialer map ip 10.1.1.8 name atlanta class dial1 "
		       "81012345678901\n"
		       " dialer-group 1\n"
		       " ppp callback accept\n"
		       " ppp authentication chap\n");
	expect_section(&w, "map-class",
		       "map-class dialer dial1\n"
		       " dialer callback-server username\n");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_seed002_client_and_003(void **state)
{
	static const char text[] =
		"interface bri 0\n"
		" ip address 10.1.1.8 255.255.255.0\n"
		" encapsulation ppp\n"
		" dialer map ip 10.1.1.7 name dallas 81012345678902\n"
		" dialer-group 1\n"
		" ppp callback request\n"
		" ppp authentication chap\n"
		"username Ted callback-dialstring \xe2\x80\x9c"
		"1234567\xe2\x80\x9c callback-rotary 77 password Rhoda\n"
		"username milarepa callback-dialstring "
		"\xe2\x80\x9c\xe2\x80\x9c password letmein\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_if *cif = config_if_find(cfg, "BRI0");

	(void)state;
	assert_non_null(cif);
	assert_int_equal(cif->dialer.nmaps, 1);
	assert_string_equal(cif->dialer.maps[0].name, "dallas");
	assert_string_equal(cif->dialer.maps[0].map_class, "");
	assert_int_equal(cif->dialer.nmaps, 1);
	assert_non_null(strstr(sb_str(&w), " dialer map ip 10.1.1.7 name "
					   "dallas 81012345678902\n"
					   " dialer-group 1\n"));
	/* The seed's typographic quotes (from Cisco's PDF) quote like ASCII
	 * ones: the dial string is the digits, written back IOS style. */
	assert_non_null(config_user_find(cfg, "Ted"));
	assert_string_equal(config_user_find(cfg, "Ted")->dialstring,
			    "1234567");
	assert_non_null(strstr(sb_str(&w), "callback-dialstring 1234567 "));
	assert_true(config_user_find(cfg, "milarepa")->has_dialstring);
	assert_string_equal(config_user_find(cfg, "milarepa")->dialstring, "");
	assert_non_null(strstr(sb_str(&w), "callback-dialstring \"\" "));
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_callback_request_dialstring(void **state)
{
	static const char text[] = "interface BRI0\n"
				   " encapsulation ppp\n"
				   " ppp callback request dialstring 0900666\n"
				   "interface BRI1\n"
				   " encapsulation ppp\n"
				   " ppp callback request dialstring 0900666\n"
				   " ppp callback request\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_if *b0 = config_if_find(cfg, "BRI0");
	const struct config_if *b1 = config_if_find(cfg, "BRI1");

	(void)state;
	/* nasd: the client offers its number (RFC 1570 op 1). */
	assert_int_equal(b0->callback, CONFIG_CALLBACK_REQUEST);
	assert_string_equal(b0->callback_number, "0900666");
	assert_non_null(strstr(sb_str(&w), "interface BRI0\n encapsulation "
					   "ppp\n ppp callback request "
					   "dialstring 0900666\n"));
	/* The plain IOS form replaces it. */
	assert_int_equal(b1->callback, CONFIG_CALLBACK_REQUEST);
	assert_string_equal(b1->callback_number, "");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_interface_commands(void **state)
{
	static const char text[] =
		"interface Async1\n"
		" encapsulation ppp\n"
		" dialer-group 2\n"
		" dialer in-band odd-parity\n"
		" dialer idle-timeout 300 either\n"
		" dialer fast-idle 10\n"
		" dialer enable-timeout 7\n"
		" dialer wait-for-carrier-time 60\n"
		" dialer hold-queue 10 timeout 20\n"
		" dialer map ip 10.0.0.2 broadcast name r2 5551234\n"
		" dialer map ip 10.0.0.2 name r2 5551235\n"
		" dialer map ip 10.0.0.3 class c1 name r3\n"
		" dialer map ip 10.0.0.4\n"
		" dialer string 5550000 class c1\n"
		" dialer rotary-group 0\n"
		" dialer callback-secure\n"
		"interface BRI0\n"
		" dialer pool-member 2 priority 100 min-link 1 max-link 2\n"
		" dialer pool-member 1\n"
		" isdn fast-rollover-delay 5\n"
		"interface Dialer1\n"
		" dialer in-band\n"
		" dialer pool 1\n"
		" dialer remote-name R2\n"
		" dialer string 1234\n"
		" dialer string 1235\n"
		" dialer vpdn\n"
		" dialer idle-timeout 0 inbound\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_dialer *d = &config_if_find(cfg, "Async1")->dialer;
	const struct config_dialer *b = &config_if_find(cfg, "BRI0")->dialer;
	const struct config_dialer *p = &config_if_find(cfg, "Dialer1")->dialer;

	(void)state;
	assert_true(d->in_band);
	assert_int_equal(d->parity, CONFIG_PARITY_ODD);
	assert_int_equal(d->idle_s, 300);
	assert_int_equal(d->idle_dir, CONFIG_IDLE_EITHER);
	assert_int_equal(d->fast_idle_s, 10);
	assert_int_equal(d->enable_s, 7);
	assert_int_equal(d->carrier_s, 60);
	assert_int_equal(d->hold_queue_pkts, 10);
	assert_int_equal(d->hold_queue_timeout_s, 20);
	assert_int_equal(d->rotary_group, 0);
	assert_int_equal(d->nmaps, 4);
	assert_true(d->maps[0].broadcast);
	assert_int_equal(d->nstrings, 1);
	assert_string_equal(d->strings[0].map_class, "c1");
	assert_int_equal(b->npool_members, 2);
	assert_int_equal(b->pool_members[0].pool, 1);
	assert_int_equal(b->pool_members[0].max_link, 255);
	assert_int_equal(b->pool_members[1].priority, 100);
	assert_int_equal(b->fast_rollover_s, 5);
	assert_int_equal(p->pool, 1);
	assert_string_equal(p->remote_name, "R2");
	assert_true(p->vpdn);
	assert_int_equal(p->nstrings, 2);
	assert_int_equal(p->idle_s, 0);
	expect_section(&w, "interface BRI0\n",
		       "interface BRI0\n"
		       " dialer pool-member 1\n"
		       " dialer pool-member 2 priority 100 min-link 1 "
		       "max-link 2\n"
		       " isdn fast-rollover-delay 5\n");
	expect_section(&w, "interface Async1\n",
		       "interface Async1\n"
		       " encapsulation ppp\n"
		       " dialer in-band odd-parity\n"
		       " dialer rotary-group 0\n"
		       " dialer callback-secure\n"
		       " dialer idle-timeout 300 either\n"
		       " dialer fast-idle 10\n"
		       " dialer enable-timeout 7\n"
		       " dialer wait-for-carrier-time 60\n"
		       " dialer string 5550000 class c1\n"
		       " dialer map ip 10.0.0.2 name r2 broadcast 5551234\n"
		       " dialer map ip 10.0.0.2 name r2 5551235\n"
		       " dialer map ip 10.0.0.3 name r3 class c1\n"
		       " dialer map ip 10.0.0.4\n"
		       " dialer hold-queue 10 timeout 20\n"
		       " dialer-group 2\n");
	expect_section(&w, "interface Dialer1\n",
		       "interface Dialer1\n"
		       " dialer in-band\n"
		       " dialer pool 1\n"
		       " dialer remote-name R2\n"
		       " dialer idle-timeout 0 inbound\n"
		       " dialer string 1234\n"
		       " dialer string 1235\n"
		       " dialer vpdn\n");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_map_class(void **state)
{
	static const char text[] =
		"interface BRI0\n"
		" dialer idle-timeout 200\n"
		" dialer map ip 10.0.0.2 name r2 class fast 123\n"
		"map-class dialer fast\n"
		" dialer isdn speed 56\n"
		" dialer callback-server dialstring\n"
		" dialer wait-for-carrier-time 40\n"
		" dialer fast-idle 3\n"
		" dialer enable-timeout 5\n"
		" dialer idle-timeout 60 inbound\n"
		"map-class dialer plain\n"
		" dialer callback-server\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_if *cif = config_if_find(cfg, "BRI0");
	const struct config_map_class *mc = config_map_class_find(cfg, "fast");

	(void)state;
	assert_non_null(mc);
	assert_int_equal(mc->isdn_speed_kbps, 56);
	assert_int_equal(mc->callback_server, CONFIG_CBSERVER_DIALSTRING);
	assert_int_equal(mc->idle_dir, CONFIG_IDLE_INBOUND);
	/* Map-class values override the interface's, else the
	 * interface's (or IOS defaults) apply. */
	assert_int_equal(
		config_dialer_timer_s(cfg, cif, "fast", CONFIG_DLF_IDLE), 60);
	assert_int_equal(
		config_dialer_timer_s(cfg, cif, "plain", CONFIG_DLF_IDLE), 200);
	assert_int_equal(config_dialer_timer_s(cfg, cif, NULL, CONFIG_DLF_IDLE),
			 200);
	assert_int_equal(
		config_dialer_timer_s(cfg, cif, "plain", CONFIG_DLF_CARRIER),
		30);
	assert_int_equal(
		config_dialer_timer_s(cfg, cif, "fast", CONFIG_DLF_CARRIER),
		40);
	assert_int_equal(
		config_dialer_timer_s(cfg, cif, "fast", CONFIG_DLF_GROUP), 0);
	/* `dialer callback-server` alone means username, as in IOS. */
	assert_int_equal(config_map_class_find(cfg, "plain")->callback_server,
			 CONFIG_CBSERVER_USERNAME);
	expect_section(&w, "map-class dialer fast\n",
		       "map-class dialer fast\n"
		       " dialer idle-timeout 60 inbound\n"
		       " dialer fast-idle 3\n"
		       " dialer enable-timeout 5\n"
		       " dialer wait-for-carrier-time 40\n"
		       " dialer isdn speed 56\n"
		       " dialer callback-server dialstring\n");
	expect_section(&w, "map-class dialer plain\n",
		       "map-class dialer plain\n"
		       " dialer callback-server username\n");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_access_lists(void **state)
{
	static const char text[] =
		"access-list 101 permit tcp any host 10.1.1.1 eq 80\n"
		"access-list 1 permit 10.1.1.5 0.0.0.255\n"
		"access-list 1 deny host 10.2.2.2\n"
		"access-list 1 permit 10.3.3.3 0.0.0.0\n"
		"access-list 1 remark last resort: all\n"
		"access-list 1 permit 0.0.0.0 255.255.255.255\n"
		"access-list 101 deny udp 10.1.2.3 0.255.255.255 range bootps "
		"1000 any eq domain\n"
		"access-list 101 permit 6 any gt 1023 10.0.0.1 0.0.0.0 neq "
		"telnet\n"
		"access-list 101 permit icmp any any\n"
		"access-list 101 deny ip 0.0.0.0 255.255.255.255 10.0.0.9 "
		"0.0.0.255\n"
		"access-list 101 permit 47 any any\n"
		"access-list 101 permit tcp any lt 22 any\n"
		"access-list 150 permit 99 any any\n"
		"dialer-list 1 protocol ip list 101\n"
		"dialer-list 2 protocol ip deny\n"
		"dialer-list 10 protocol ip permit\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_acl *a1 = config_acl_find(cfg, 1);
	const struct config_acl *a101 = config_acl_find(cfg, 101);
	const struct config_dialer_list *dl;

	(void)state;
	assert_non_null(a1);
	assert_int_equal(a1->n, 5);
	assert_int_equal(a1->v[0].src.addr, IP4(10, 1, 1, 0));
	assert_int_equal(a1->v[0].src.wildcard, 255);
	assert_int_equal(a1->v[1].action, CONFIG_ACL_DENY);
	assert_int_equal(a1->v[1].src.wildcard, 0);
	assert_true(a1->v[3].is_remark);
	assert_string_equal(a1->v[3].remark, "last resort: all");
	assert_int_equal(a1->v[4].src.wildcard, 0xffffffffu);
	assert_non_null(a101);
	assert_int_equal(a101->n, 7);
	assert_int_equal(a101->v[0].protocol, 6);
	assert_int_equal(a101->v[0].dport.op, CONFIG_PORT_EQ);
	assert_int_equal(a101->v[0].dport.lo, 80);
	assert_int_equal(a101->v[1].sport.op, CONFIG_PORT_RANGE);
	assert_int_equal(a101->v[1].sport.lo, 67);
	assert_int_equal(a101->v[1].sport.hi, 1000);
	assert_int_equal(a101->v[1].src.addr, IP4(10, 0, 0, 0));
	assert_int_equal(a101->v[4].protocol, CONFIG_ACL_PROTO_IP);
	assert_null(config_acl_find(cfg, 2));
	dl = config_dialer_list_find(cfg, 1);
	assert_non_null(dl);
	assert_int_equal(dl->kind, CONFIG_DLIST_LIST);
	assert_int_equal(dl->acl, 101);
	assert_int_equal(config_dialer_list_find(cfg, 2)->kind,
			 CONFIG_DLIST_DENY);
	assert_null(config_dialer_list_find(cfg, 3));
	assert_null(config_dialer_list_find(cfg, 0));
	assert_null(config_dialer_list_find(cfg, 11));
	/* IOS spelling: normalised addresses, host, any, port names. */
	expect_section(&w, "access-list 1 ",
		       "access-list 1 permit 10.1.1.0 0.0.0.255\n"
		       "access-list 1 deny 10.2.2.2\n"
		       "access-list 1 permit 10.3.3.3\n"
		       "access-list 1 remark last resort: all\n"
		       "access-list 1 permit any\n"
		       "access-list 101 permit tcp any host 10.1.1.1 eq www\n"
		       "access-list 101 deny udp 10.0.0.0 0.255.255.255 "
		       "range bootps 1000 any eq domain\n"
		       "access-list 101 permit tcp any gt 1023 host 10.0.0.1 "
		       "neq telnet\n"
		       "access-list 101 permit icmp any any\n"
		       "access-list 101 deny ip any 10.0.0.0 0.0.0.255\n"
		       "access-list 101 permit gre any any\n"
		       "access-list 101 permit tcp any lt 22 any\n"
		       "access-list 150 permit 99 any any\n"
		       "dialer-list 1 protocol ip list 101\n"
		       "dialer-list 2 protocol ip deny\n"
		       "dialer-list 10 protocol ip permit\n");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_routes(void **state)
{
	static const char text[] = "ip classless\n"
				   "ip route 0.0.0.0 0.0.0.0 Dialer1 200\n"
				   "ip route 10.9.0.0 255.255.0.0 10.0.0.2\n"
				   "ip route 10.9.0.0 255.255.0.0 10.0.0.2 5\n"
				   "ip route 10.9.0.0 255.255.0.0 di 2\n"
				   "ip route 172.16.0.0 255.240.0.0 se0:23\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);

	(void)state;
	assert_int_equal(cfg->nroutes, 4);
	assert_string_equal(cfg->routes[0].ifname, "Dialer1");
	assert_int_equal(cfg->routes[0].distance, 200);
	assert_int_equal(cfg->routes[1].nexthop, IP4(10, 0, 0, 2));
	assert_int_equal(cfg->routes[1].distance, 5);
	assert_string_equal(cfg->routes[2].ifname, "Dialer2");
	expect_section(&w, "ip classless\n",
		       "ip classless\n"
		       "ip route 0.0.0.0 0.0.0.0 Dialer1 200\n"
		       "ip route 10.9.0.0 255.255.0.0 10.0.0.2 5\n"
		       "ip route 10.9.0.0 255.255.0.0 Dialer2\n"
		       "ip route 172.16.0.0 255.240.0.0 Serial0:23\n");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"interface Ethernet0\n dialer-group 1\n",
		 "cfg:2: % Dialer commands are for interfaces that can dial "
		 "(BRI, Serial, Async, Group-Async, Dialer)\n"},
		{"interface BRI0\n dialer pool 1\n",
		 "cfg:2: % dialer pool is for Dialer interfaces (dialer "
		 "profiles)\n"},
		{"interface BRI0\n dialer remote-name x\n",
		 "cfg:2: % dialer remote-name is for Dialer interfaces (dialer "
		 "profiles)\n"},
		{"interface Dialer1\n dialer pool-member 1\n",
		 "cfg:2: % A Dialer interface uses `dialer pool`; pool-member "
		 "is for physical interfaces\n"},
		{"interface Dialer1\n dialer rotary-group 1\n",
		 "cfg:2: % dialer rotary-group is for physical interfaces\n"},
		{"interface BRI0\n dialer map ip 10.0.0.1 name a name b 1\n",
		 "cfg:2: % Each of name, class and broadcast may be given "
		 "once\n"},
		{"interface BRI0\n dialer map ip 10.0.0.1 name a 12a3\n",
		 "cfg:2: % Invalid dial string \"12a3\" (digits, '*', '#', ',' "
		 "and ':' only)\n"},
		{"interface BRI0\n dialer string "
		 "123456789012345678901234567890123\n",
		 "cfg:2: % Dial string too long (at most 32 characters)\n"},
		{"interface BRI0\n dialer pool-member 1 min-link 5 max-link "
		 "2\n",
		 "cfg:2: % min-link 5 is above max-link 2\n"},
		{"interface BRI0\n dialer-group 11\n",
		 "cfg:2: % Invalid input detected at '11' (column 15)\n"},
		{"interface BRI0\n dialer idle-timeout 2147484\n",
		 "cfg:2: % Invalid input detected at '2147484' (column 22)\n"},
		{"interface BRI0\n dialer fast-idle 0\n",
		 "cfg:2: % Invalid input detected at '0' (column 19)\n"},
		{"interface BRI0\n dialer hold-queue 101\n",
		 "cfg:2: % Invalid input detected at '101' (column 20)\n"},
		{"map-class dialer c\n dialer isdn speed 48\n",
		 "cfg:2: % Invalid input detected at '48' (column 20)\n"},
		{"access-list 101 permit ip any eq 80 any\n",
		 "cfg:1: % Port conditions need protocol tcp or udp\n"},
		{"access-list 101 permit tcp any eq foo any\n",
		 "cfg:1: % Unknown TCP port name \"foo\"\n"},
		{"access-list 101 permit udp any any eq www\n",
		 "cfg:1: % Unknown UDP port name \"www\"\n"},
		{"access-list 101 permit tcp any range 20 10 any\n",
		 "cfg:1: % Invalid port range 20-10\n"},
		{"access-list 101 permit udp any eq 70000 any\n",
		 "cfg:1: % Invalid port \"70000\" (0-65535 or a name)\n"},
		{"access-list 1 permit tcp any any\n",
		 "cfg:1: % Invalid input detected at 'tcp' (column 22)\n"},
		{"access-list 200 permit any\n",
		 "cfg:1: % Invalid input detected at '200' (column 13)\n"},
		{"access-list 1 remark "
		 "12345678901234567890123456789012345678901234567890"
		 "123456789012345678901234567890123456789012345678901\n",
		 "cfg:1: % Remark too long (at most 100 characters)\n"},
		{"dialer-list 11 protocol ip permit\n",
		 "cfg:1: % Invalid input detected at '11' (column 13)\n"},
		{"dialer-list 1 protocol ip list 200\n",
		 "cfg:1: % Invalid input detected at '200' (column 32)\n"},
		{"ip route 10.1.1.1 255.255.255.0 10.0.0.1\n",
		 "cfg:1: % Inconsistent address and mask\n"},
		{"ip route 10.0.0.0 255.0.255.0 10.0.0.1\n",
		 "cfg:1: % Invalid mask (the one bits must be contiguous)\n"},
		{"ip route 10.0.0.0 255.0.0.0 0.0.0.0\n",
		 "cfg:1: % Invalid next hop address 0.0.0.0\n"},
	};
	struct cmd_table *t = ch_table();

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf errs = STRBUF_INIT;
		struct config *cfg =
			config_load_text(t, "cfg", cases[i].text,
					 strlen(cases[i].text), NULL, &errs);

		assert_null(cfg);
		assert_string_equal(sb_str(&errs), cases[i].msg);
		sb_free(&errs);
	}
	cmd_table_free(t);
}

static void test_no_forms(void **state)
{
	static const char text[] = "interface BRI0\n"
				   " dialer in-band\n"
				   " dialer-group 1\n"
				   " dialer idle-timeout 300 either\n"
				   " dialer fast-idle 5\n"
				   " dialer enable-timeout 5\n"
				   " dialer wait-for-carrier-time 5\n"
				   " dialer hold-queue 5\n"
				   " dialer rotary-group 3\n"
				   " dialer callback-secure\n"
				   " dialer vpdn\n"
				   " isdn fast-rollover-delay 3\n"
				   " dialer pool-member 1\n"
				   " dialer pool-member 2\n"
				   " dialer map ip 10.0.0.1 name a 1\n"
				   " dialer map ip 10.0.0.1 name a 2\n"
				   " dialer map ip 10.0.0.2 name b 3\n"
				   " dialer map ip 10.0.0.3 name c 4\n"
				   " dialer string 11\n"
				   " dialer string 12\n"
				   " no dialer in-band\n"
				   " no dialer-group\n"
				   " no dialer idle-timeout\n"
				   " no dialer fast-idle 5\n"
				   " default dialer enable-timeout\n"
				   " no dialer wait-for-carrier-time\n"
				   " no dialer hold-queue\n"
				   " no dialer rotary-group\n"
				   " no dialer callback-secure\n"
				   " no dialer vpdn\n"
				   " no isdn fast-rollover-delay\n"
				   " no dialer pool-member 1\n"
				   " no dialer map ip 10.0.0.1 name a 2\n"
				   " no dialer map ip 10.0.0.2\n"
				   " no dialer string 11\n"
				   "interface Dialer1\n"
				   " dialer pool 1\n"
				   " dialer remote-name x\n"
				   " dialer string 1\n"
				   " no dialer pool\n"
				   " no dialer remote-name\n"
				   " no dialer string\n"
				   "map-class dialer a\n"
				   " dialer callback-server\n"
				   " dialer idle-timeout 5\n"
				   " dialer isdn speed 56\n"
				   " no dialer callback-server\n"
				   " no dialer idle-timeout\n"
				   " no dialer isdn speed\n"
				   "map-class dialer gone\n"
				   "no map-class dialer gone\n"
				   "access-list 1 permit any\n"
				   "access-list 2 permit any\n"
				   "access-list 2 deny host 10.0.0.1\n"
				   "access-list 101 permit ip any any\n"
				   "no access-list 2 deny host 10.9.9.9\n"
				   "no access-list 101\n"
				   "dialer-list 1 protocol ip permit\n"
				   "dialer-list 2 protocol ip permit\n"
				   "no dialer-list 1\n"
				   "no dialer-list 2 protocol ip permit\n"
				   "ip route 10.0.0.0 255.0.0.0 10.0.0.1\n"
				   "ip route 10.0.0.0 255.0.0.0 Dialer1\n"
				   "ip route 11.0.0.0 255.0.0.0 10.0.0.1\n"
				   "ip route 12.0.0.0 255.0.0.0 10.0.0.1\n"
				   "ip route 12.0.0.0 255.0.0.0 10.0.0.2\n"
				   "no ip route 10.0.0.0 255.0.0.0\n"
				   "no ip route 12.0.0.0 255.0.0.0 10.0.0.2\n"
				   "no ip route 99.0.0.0 255.0.0.0\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	const struct config_dialer *d = &config_if_find(cfg, "BRI0")->dialer;
	const struct config_map_class *mc = config_map_class_find(cfg, "a");

	(void)state;
	assert_false(d->in_band);
	assert_int_equal(d->group, 0);
	assert_int_equal(d->idle_s, 120);
	assert_int_equal(d->idle_dir, CONFIG_IDLE_OUTBOUND);
	assert_int_equal(d->fast_idle_s, 20);
	assert_int_equal(d->enable_s, 15);
	assert_int_equal(d->carrier_s, 30);
	assert_int_equal(d->rotary_group, -1);
	assert_int_equal(d->nmaps, 2);
	assert_string_equal(d->maps[0].dial, "1");
	assert_string_equal(d->maps[1].dial, "4");
	assert_non_null(mc);
	assert_int_equal(mc->set, 0);
	assert_int_equal(mc->callback_server, CONFIG_CBSERVER_NONE);
	assert_null(config_map_class_find(cfg, "gone"));
	assert_null(config_acl_find(cfg, 2));
	assert_null(config_acl_find(cfg, 101));
	assert_non_null(config_acl_find(cfg, 1));
	assert_null(config_dialer_list_find(cfg, 1));
	assert_null(config_dialer_list_find(cfg, 2));
	expect_section(&w, "interface BRI0\n",
		       "interface BRI0\n"
		       " dialer string 12\n"
		       " dialer map ip 10.0.0.1 name a 1\n"
		       " dialer map ip 10.0.0.3 name c 4\n"
		       " dialer pool-member 2\n");
	expect_section(&w, "interface Dialer1\n", "interface Dialer1\n");
	expect_section(&w, "ip route",
		       "ip route 11.0.0.0 255.0.0.0 10.0.0.1\n"
		       "ip route 12.0.0.0 255.0.0.0 10.0.0.1\n");
	expect_section(&w, "map-class", "map-class dialer a\n");
	expect_section(&w, "access-list", "access-list 1 permit any\n");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_group_async_inherits_dialer(void **state)
{
	static const char text[] = "interface Group-Async1\n"
				   " group-range 1 4\n"
				   " dialer in-band\n"
				   " dialer idle-timeout 300\n"
				   " dialer map ip 10.0.0.1 name g 1\n"
				   " dialer-group 1\n"
				   "interface Async2\n"
				   " dialer idle-timeout 60\n"
				   " dialer map ip 10.0.0.2 name m 2\n";
	struct cmd_table *t = ch_table();
	struct strbuf w = STRBUF_INIT;
	struct config *cfg = ch_load_ok(t, text, &w);
	struct config_if eff;

	(void)state;
	assert_true(config_async_effective(cfg, 1, &eff));
	assert_true(eff.dialer.in_band);
	assert_int_equal(eff.dialer.idle_s, 300);
	assert_int_equal(eff.dialer.nmaps, 1);
	assert_string_equal(eff.dialer.maps[0].name, "g");
	assert_true(config_async_effective(cfg, 2, &eff));
	assert_true(eff.dialer.in_band);
	assert_int_equal(eff.dialer.group, 1);
	assert_int_equal(eff.dialer.idle_s, 60);
	assert_int_equal(eff.dialer.nmaps, 1);
	assert_string_equal(eff.dialer.maps[0].name, "m");
	/* A member with only dialer settings is still listed. */
	expect_section(&w, "interface Async2\n",
		       "interface Async2\n"
		       " dialer idle-timeout 60\n"
		       " dialer map ip 10.0.0.2 name m 2\n");
	config_unref(cfg);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_clone_and_unimpl(void **state)
{
	static const char text[] = "interface BRI0\n"
				   " dialer map ip 10.0.0.1 name a 1\n"
				   " dialer string 5\n"
				   " dialer pool-member 1\n"
				   " dialer-group 1\n"
				   " isdn fast-rollover-delay 2\n"
				   "map-class dialer a\n"
				   " dialer callback-server\n"
				   "access-list 1 permit any\n"
				   "dialer-list 1 protocol ip permit\n"
				   "ip route 10.0.0.0 255.0.0.0 BRI0\n";
	struct cmd_table *t = ch_table();
	struct strbuf errs = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct fake_log fl;
	struct config *cfg, *cand;
	struct cmd_ctx ctx;
	struct cmd_result res;

	(void)state;
	fake_log_init(&fl);
	cfg = config_load_text(t, "cfg", text, strlen(text), &fl.lg, &errs);
	assert_non_null(cfg);
	/* Typed now: nothing is reported as accepted, not implemented. */
	if (fl.n)
		fake_log_dump(&fl);
	assert_int_equal(fl.n, 0);
	cand = config_clone(cfg);
	assert_non_null(cand);
	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_reset_mode(&ctx, CMD_MODE_CONFIG);
	ctx.cand = cand;
	assert_int_equal(cmd_execute(t, &ctx, "no access-list 1", &res),
			 CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx,
				     "ip route 11.0.0.0 255.0.0.0 "
				     "10.0.0.1",
				     &res),
			 CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx, "no map-class dialer a", &res),
			 CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx, "int bri0", &res), CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx,
				     "dialer map ip 10.0.0.1 name a "
				     "2",
				     &res),
			 CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx, "no dialer pool-member 1", &res),
			 CMD_OK);
	config_write(cfg, &a);
	config_write(cand, &b);
	assert_non_null(strstr(sb_str(&a), "access-list 1 permit any\n"));
	assert_null(strstr(sb_str(&b), "access-list 1"));
	assert_null(strstr(sb_str(&a), "ip route 11."));
	assert_non_null(strstr(sb_str(&b), "ip route 11."));
	assert_non_null(strstr(sb_str(&a), "map-class dialer a\n"));
	assert_null(strstr(sb_str(&b), "map-class"));
	assert_null(strstr(sb_str(&a), "name a 2\n"));
	assert_non_null(strstr(sb_str(&b), "name a 2\n"));
	assert_non_null(strstr(sb_str(&a), " dialer pool-member 1\n"));
	assert_null(strstr(sb_str(&b), "pool-member"));
	config_unref(cand);
	config_unref(cfg);
	fake_log_fini(&fl);
	sb_free(&errs);
	sb_free(&a);
	sb_free(&b);
	cmd_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed002_server),
		cmocka_unit_test(test_seed002_client_and_003),
		cmocka_unit_test(test_callback_request_dialstring),
		cmocka_unit_test(test_interface_commands),
		cmocka_unit_test(test_map_class),
		cmocka_unit_test(test_access_lists),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_no_forms),
		cmocka_unit_test(test_group_async_inherits_dialer),
		cmocka_unit_test(test_clone_and_unimpl),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
