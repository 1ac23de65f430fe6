/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the configuration model: type 7 passwords, every seed
 * vector loading without error, parse -> write -> parse fixpoints,
 * `nasd --check` output and exit codes, Group-Async inheritance, line
 * range coalescing, the once-per-process notice for accepted-only
 * commands, and clone independence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cmd.h"
#include "config.h"
#include "fake_log.h"
#include "pwd7.h"

static const char *const vectors[] = {
	"seed001-as5200.cfg",        "seed002-atlanta.cfg",
	"seed002-dallas.cfg",        "seed003-ppp-client.cfg",
	"seed003-exec-callback.cfg", "seed003-arap-callback.cfg",
	"seed004-lac.cfg",           "seed004-lns.cfg",
	"isdn-pri-bri.cfg",
};

static struct cmd_table *table(void)
{
	struct cmd_table *t = cmd_table_new();

	assert_non_null(t);
	assert_int_equal(config_install_commands(t), 0);
	return t;
}

static struct config *load(struct cmd_table *t, const char *text,
			   struct strbuf *errs)
{
	return config_load_text(t, "cfg", text, strlen(text), NULL, errs);
}

static void test_pwd7(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char out[64];
	const char *why;

	(void)state;
	/* Seed 004: salt 15, so key characters 15.. "rkldJ":
	 * 0x11^'r'='c', 0x02^'k'='i', 0x1F^'l'='s', 0x07^'d'='c',
	 * 0x25^'J'='o'. */
	assert_int_equal(pwd7_decode("1511021F0725", out, sizeof(out), &why),
			 0);
	assert_string_equal(out, "cisco");
	assert_int_equal(pwd7_decode("0822455D0A16", out, sizeof(out), &why),
			 0);
	assert_string_equal(out, "cisco");
	pwd7_encode("cisco", &sb);
	assert_string_equal(sb_str(&sb), "01100F175804");
	assert_int_equal(pwd7_decode(sb_str(&sb), out, sizeof(out), &why), 0);
	assert_string_equal(out, "cisco");
	sb_reset(&sb);
	pwd7_encode("a much longer password than the key, over 53 chars!",
		    &sb);
	assert_int_equal(pwd7_decode(sb_str(&sb), out, sizeof(out), &why), 0);
	assert_string_equal(out,
			    "a much longer password than the key, over 53 "
			    "chars!");
	assert_int_equal(pwd7_decode("151", out, sizeof(out), &why), -22);
	assert_string_equal(why, "odd length");
	assert_int_equal(pwd7_decode("1511021F07ZZ", out, sizeof(out), &why),
			 -22);
	assert_string_equal(why, "bad hex digit");
	assert_int_equal(pwd7_decode("5311", out, sizeof(out), &why), -22);
	assert_string_equal(why, "salt out of range");
	assert_int_equal(pwd7_decode("x511", out, sizeof(out), &why), -22);
	sb_free(&sb);
}

static void test_pwd5(void **state)
{
	char h[CONFIG_PASS_MAX];

	(void)state;
	assert_int_equal(pwd5_hash("letmein", h, sizeof(h)), 0);
	assert_memory_equal(h, "$1$", 3);
	assert_true(pwd5_verify("letmein", h));
	assert_false(pwd5_verify("letmeout", h));
	assert_true(pwd5_verify("cisco", "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0"));
	assert_false(pwd5_verify("cisco", "garbage"));
}

static void test_vectors_load_and_fixpoint(void **state)
{
	struct cmd_table *t = table();

	(void)state;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		struct strbuf errs = STRBUF_INIT, w1 = STRBUF_INIT,
			      w2 = STRBUF_INIT;
		char path[512];
		struct config *c1, *c2;

		snprintf(path, sizeof(path), "%s/%s", VECTOR_DIR, vectors[i]);
		c1 = config_load_file(t, path, NULL, &errs);
		if (!c1)
			fprintf(stderr, "%s", sb_str(&errs));
		assert_non_null(c1);
		assert_int_equal(errs.len, 0);
		config_write(c1, &w1);
		c2 = load(t, sb_str(&w1), &errs);
		assert_non_null(c2);
		config_write(c2, &w2);
		assert_string_equal(sb_str(&w1), sb_str(&w2));
		config_unref(c1);
		config_unref(c2);
		sb_free(&errs);
		sb_free(&w1);
		sb_free(&w2);
	}
	cmd_table_free(t);
}

static void test_seed001_model(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT, w = STRBUF_INIT;
	char path[512];
	struct config *cfg;
	const struct config_user *u;
	const struct config_line *l;
	struct config_if eff;

	(void)state;
	snprintf(path, sizeof(path), "%s/seed001-as5200.cfg", VECTOR_DIR);
	cfg = config_load_file(t, path, NULL, &errs);
	assert_non_null(cfg);
	assert_string_equal(cfg->hostname, "isdn2-2");
	assert_true(cfg->password_encryption);
	assert_int_equal(cfg->ts_debug.kind, CONFIG_TS_DATETIME);
	assert_true(cfg->ts_debug.msec);
	u = config_user_find(cfg, "callmeback");
	assert_non_null(u);
	assert_true(u->has_dialstring);
	assert_string_equal(u->dialstring, "");
	assert_string_equal(u->password, "cisco");
	/* `aaa authorization network local`: no list name, kept so. */
	assert_int_equal(cfg->naaa, 4);
	assert_true(cfg->aaa[3].authorization);
	assert_false(cfg->aaa[3].has_name);
	assert_string_equal(config_pool_find(cfg, "default")->name,
			    "default");
	assert_int_equal(config_pool_find(cfg, "default")->ranges[0].first,
			 0xAC10193B);
	/* Async 4 inherits from Group-Async1 (group-range 1 12). */
	assert_true(config_async_effective(cfg, 4, &eff));
	assert_string_equal(eff.name, "Async4");
	assert_int_equal(eff.encap, CONFIG_ENCAP_PPP);
	assert_int_equal(eff.ip_mode, CONFIG_IP_UNNUMBERED);
	assert_string_equal(eff.unnumbered, "Ethernet0");
	assert_int_equal(eff.peer, CONFIG_PEER_POOL);
	assert_string_equal(eff.peer_pool, "default");
	assert_int_equal(eff.nauth, 1);
	assert_int_equal(eff.auth[0], CONFIG_AUTH_CHAP);
	assert_int_equal(eff.callback, CONFIG_CALLBACK_ACCEPT);
	assert_int_equal(eff.max_bad_auth, 3);
	assert_true(eff.async_interactive);
	assert_false(config_async_effective(cfg, 13, &eff));
	l = config_line_find(cfg, CONFIG_LINE_TTY, 4);
	assert_non_null(l);
	assert_string_equal(l->s.script[CONFIG_SCRIPT_CALLBACK], "callback");
	assert_int_equal(l->s.login, CONFIG_LOGIN_AUTH);
	assert_string_equal(
		config_chat_find(cfg, "callback")->text,
		"ABORT ERROR ABORT BUSY \"\" \"ATZ\" OK \"ATDT \\T\" TIMEOUT 60 "
		"CONNECT \\c");
	config_write(cfg, &w);
	assert_non_null(strstr(sb_str(&w), "\nline 1 6\n autoselect "
					   "during-login\n"));
	assert_non_null(strstr(sb_str(&w), "\nline 7 12\n"));
	assert_non_null(strstr(sb_str(&w), "\ninterface Group-Async1\n ip "
					   "unnumbered Ethernet0\n ip tcp "
					   "header-compression passive\n"));
	assert_non_null(strstr(sb_str(&w), "\nusername callmeback "
					   "callback-dialstring \"\" password "
					   "7 01100F175804\n"));
	config_unref(cfg);
	sb_free(&errs);
	sb_free(&w);
	cmd_table_free(t);
}

/* The ISDN vector: typed controllers, the D-channel interface that
 * pri-group creates, switch types and nasd's pstn attach. */
static void test_isdn_model(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT;
	char path[512];
	struct config *cfg;
	const struct config_controller *c;
	const struct config_if *cif;

	(void)state;
	snprintf(path, sizeof(path), "%s/isdn-pri-bri.cfg", VECTOR_DIR);
	cfg = config_load_file(t, path, NULL, &errs);
	assert_non_null(cfg);
	assert_string_equal(cfg->isdn_switch, "primary-5ess");
	c = config_controller_find(cfg, false, 0);
	assert_non_null(c);
	assert_string_equal(c->framing, "esf");
	assert_int_equal(c->clock, CONFIG_CLOCK_LINE);
	assert_int_equal(c->clock_prio, 2);
	assert_int_equal(c->slot_mask, 0x1FFFFFE);
	assert_string_equal(c->pstn_number, "4084327528");
	assert_true(config_controller_find(cfg, false, 1)->shutdown);
	assert_null(config_controller_find(cfg, true, 0));
	c = config_controller_find(cfg, true, 2);
	assert_non_null(c);
	assert_int_equal(c->slot_mask, 0xFFFFFFFE);
	cif = config_if_find(cfg, "Serial0:23");
	assert_non_null(cif);
	assert_true(cif->isdn_voice_modem);
	assert_string_equal(config_isdn_switch(cfg, cif), "primary-5ess");
	cif = config_if_find(cfg, "Serial2:15");
	assert_non_null(cif);
	assert_string_equal(config_isdn_switch(cfg, cif), "primary-net5");
	cif = config_if_find(cfg, "BRI0");
	assert_non_null(cif);
	assert_string_equal(cif->pstn_path, "/run/pstn/attach.sock");
	assert_string_equal(cif->pstn_number, "6122");
	config_unref(cfg);
	/* Refusals: E1 framing on a T1, timeslot 25 on a T1, BRI only. */
	cfg = load(t, "controller T1 0\n framing crc4\n", &errs);
	assert_null(cfg);
	assert_non_null(strstr(sb_str(&errs), "not for a T1"));
	sb_reset(&errs);
	cfg = load(t, "controller T1 0\n pri-group timeslots 1-25\n", &errs);
	assert_null(cfg);
	assert_non_null(strstr(sb_str(&errs), "Invalid timeslot list"));
	sb_reset(&errs);
	cfg = load(t, "interface Serial1\n pstn attach /x 1\n", &errs);
	assert_null(cfg);
	assert_non_null(strstr(sb_str(&errs), "pstn attach is for BRI"));
	sb_free(&errs);
	cmd_table_free(t);
}

static void test_group_member_override(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT, w = STRBUF_INIT;
	struct config *cfg;
	struct config_if eff;

	(void)state;
	cfg = load(t,
		   "interface Group-Async1\n"
		   " encapsulation ppp\n"
		   " keepalive 30\n"
		   " peer default ip address pool P\n"
		   " group-range 1 8\n"
		   "interface Async3\n"
		   " no keepalive\n"
		   " peer default ip address 10.0.0.3\n"
		   "interface Async5\n"
		   "interface Async20\n"
		   " encapsulation slip\n",
		   &errs);
	assert_non_null(cfg);
	assert_true(config_async_effective(cfg, 3, &eff));
	assert_int_equal(eff.encap, CONFIG_ENCAP_PPP);
	assert_int_equal(eff.keepalive_s, 0);
	assert_int_equal(eff.peer, CONFIG_PEER_ADDR);
	assert_int_equal(eff.peer_addr, 0x0A000003);
	assert_true(config_async_effective(cfg, 8, &eff));
	assert_int_equal(eff.keepalive_s, 30);
	assert_int_equal(eff.peer, CONFIG_PEER_POOL);
	assert_true(config_async_effective(cfg, 20, &eff));
	assert_int_equal(eff.encap, CONFIG_ENCAP_SLIP);
	assert_int_equal(eff.keepalive_s, 10);
	/* A member without settings of its own is not written. */
	config_write(cfg, &w);
	assert_null(strstr(sb_str(&w), "interface Async5\n"));
	assert_non_null(strstr(sb_str(&w), "interface Async3\n peer default "
					   "ip address 10.0.0.3\n no "
					   "keepalive\n!\n"));
	config_unref(cfg);
	sb_free(&errs);
	sb_free(&w);
	cmd_table_free(t);
}

/* `ip tcp header-compression [passive]` and `ip tcp
 * compression-connections`: typed, inherited by Group-Async members,
 * overridden by a member's `no`, written back as typed. */
static void test_tcp_header_compression(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT, w = STRBUF_INIT;
	struct config *cfg, *again;
	struct config_if eff;
	const struct config_if *cif;

	(void)state;
	cfg = load(t,
		   "interface Group-Async1\n"
		   " ip unnumbered Ethernet0\n"
		   " ip tcp header-compression passive\n"
		   " encapsulation ppp\n"
		   " group-range 1 8\n"
		   "interface Async3\n"
		   " no ip tcp header-compression\n"
		   "interface Async4\n"
		   " ip tcp header-compression\n"
		   " ip tcp compression-connections 32\n"
		   "interface Serial0\n"
		   " ip tcp header-compression\n"
		   " no ip tcp header-compression\n"
		   "interface Serial1\n"
		   " ip tcp header-compression\n"
		   " ip tcp compression-connections 3\n"
		   " no ip tcp compression-connections\n"
		   "interface Dialer1\n"
		   " ip tcp header-compression passive\n"
		   " default ip tcp header-compression\n"
		   "interface Virtual-Template1\n"
		   " ip tcp header-compression\n"
		   " ip tcp compression-connections 256\n",
		   &errs);
	assert_string_equal(sb_str(&errs), "");
	assert_non_null(cfg);
	assert_true(config_async_effective(cfg, 2, &eff));
	assert_int_equal(eff.tcp_hc, CONFIG_TCP_HC_PASSIVE);
	assert_int_equal(eff.tcp_hc_conns, 16);
	assert_true(config_async_effective(cfg, 3, &eff));
	assert_int_equal(eff.tcp_hc, CONFIG_TCP_HC_OFF);
	assert_true(config_async_effective(cfg, 4, &eff));
	assert_int_equal(eff.tcp_hc, CONFIG_TCP_HC_ON);
	assert_int_equal(eff.tcp_hc_conns, 32);
	cif = config_if_find(cfg, "Serial0");
	assert_int_equal(cif->tcp_hc, CONFIG_TCP_HC_OFF);
	cif = config_if_find(cfg, "Serial1");
	assert_int_equal(cif->tcp_hc_conns, 16);
	cif = config_if_find(cfg, "Virtual-Template1");
	assert_int_equal(cif->tcp_hc_conns, 256);
	config_write(cfg, &w);
	assert_non_null(strstr(sb_str(&w), "\ninterface Group-Async1\n ip "
					   "unnumbered Ethernet0\n ip tcp "
					   "header-compression passive\n"
					   " encapsulation ppp\n"));
	assert_non_null(strstr(sb_str(&w), "\ninterface Async3\n no ip tcp "
					   "header-compression\n!\n"));
	assert_non_null(strstr(sb_str(&w), "\ninterface Async4\n ip tcp "
					   "header-compression\n ip tcp "
					   "compression-connections 32\n!\n"));
	assert_non_null(strstr(sb_str(&w), "\ninterface Serial0\n!\n"));
	assert_non_null(strstr(sb_str(&w), "\ninterface Serial1\n ip tcp "
					   "header-compression\n!\n"));
	assert_non_null(strstr(sb_str(&w), "\ninterface Dialer1\n!\n"));
	/* What was written reads back the same. */
	again = load(t, sb_str(&w), &errs);
	assert_non_null(again);
	assert_true(config_async_effective(again, 3, &eff));
	assert_int_equal(eff.tcp_hc, CONFIG_TCP_HC_OFF);
	assert_true(config_async_effective(again, 5, &eff));
	assert_int_equal(eff.tcp_hc, CONFIG_TCP_HC_PASSIVE);
	/* Out of IOS's range. */
	sb_reset(&errs);
	assert_null(load(t, "interface Serial2\n ip tcp "
			    "compression-connections 2\n",
			 &errs));
	assert_null(load(t, "interface Serial2\n ip tcp "
			    "compression-connections 257\n",
			 &errs));
	config_unref(again);
	config_unref(cfg);
	sb_free(&errs);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_line_coalescing(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT, w = STRBUF_INIT;
	struct config *cfg;
	const char *p;

	(void)state;
	cfg = load(t,
		   "line 1 6\n speed 115200\n"
		   "line 4\n flowcontrol hardware\n"
		   "line 7 8\n speed 115200\n"
		   "line 10\n device /dev/ttyS0\n",
		   &errs);
	assert_non_null(cfg);
	config_write(cfg, &w);
	p = strstr(sb_str(&w), "line con 0\n");
	assert_non_null(p);
	assert_string_equal(p, "line con 0\n"
			       "line 1 3\n speed 115200\n"
			       "line 4\n speed 115200\n flowcontrol hardware\n"
			       "line 5 8\n speed 115200\n"
			       "line 10\n device /dev/ttyS0\n"
			       "line aux 0\n"
			       "line vty 0 4\n"
			       "!\nend\n");
	config_unref(cfg);
	sb_free(&errs);
	sb_free(&w);
	cmd_table_free(t);
}

/* Seed 003: `service exec-callback` is typed (no notice, written back,
 * `no` clears it); the ARA commands are stored and reported as accepted,
 * not implemented (nasd refuses ARA calls). */
static void test_seed003_exec_callback_and_ara(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT, w = STRBUF_INIT;
	struct fake_log fl;
	const char *text = "service exec-callback\n"
			   "username milarepa callback-dialstring \"\" "
			   "password letmein\n"
			   "arap callback\n"
			   "arap network 422 router test\n"
			   "line 7\n login local\n autoselect arap\n"
			   " arap enable\n";
	struct config *cfg;
	const struct config_user *u;

	(void)state;
	fake_log_init(&fl);
	cfg = config_load_text(t, "cfg", text, strlen(text), &fl.lg, &errs);
	assert_non_null(cfg);
	assert_string_equal(sb_str(&errs), "");
	assert_true(cfg->exec_callback);
	u = config_user_find(cfg, "milarepa");
	assert_non_null(u);
	assert_true(u->has_dialstring);
	assert_string_equal(u->dialstring, "");
	assert_int_equal(fl.n, 4);
	assert_string_equal(fl.lines[0], "%PARSE-5-UNIMPL: \"arap callback\": "
					 "accepted, not implemented");
	config_write(cfg, &w);
	assert_non_null(strstr(sb_str(&w), "!\nservice exec-callback\n!\n"));
	assert_non_null(strstr(sb_str(&w), "arap network 422 router test\n"));
	assert_non_null(strstr(sb_str(&w), " autoselect arap\n"));
	assert_non_null(strstr(sb_str(&w), " arap enable\n"));
	config_unref(cfg);
	text = "service exec-callback\nno service exec-callback\n";
	cfg = config_load_text(t, "cfg", text, strlen(text), &fl.lg, &errs);
	assert_non_null(cfg);
	assert_false(cfg->exec_callback);
	config_unref(cfg);
	fake_log_fini(&fl);
	sb_free(&errs);
	sb_free(&w);
	cmd_table_free(t);
}

static void test_unimpl_notice_once(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT;
	struct fake_log fl;
	const char *text = "router eigrp 202\n network 172.16.0.0\n"
			   "router eigrp 203\n"
			   "l2tp tunnel password secret\n";
	struct config *cfg;

	(void)state;
	fake_log_init(&fl);
	cfg = config_load_text(t, "cfg", text, strlen(text), &fl.lg, &errs);
	/* l2tp is not a global command: the file has one error. */
	assert_null(cfg);
	assert_string_equal(sb_str(&errs),
			    "cfg:4: % Invalid input detected at 'l2tp' "
			    "(column 1)\n");
	assert_int_equal(fl.n, 2);
	assert_string_equal(fl.lines[0], "%PARSE-5-UNIMPL: \"router eigrp\": "
					 "accepted, not implemented");
	assert_string_equal(fl.lines[1], "%PARSE-5-UNIMPL: \"network\": "
					 "accepted, not implemented");
	/* Once per process (per table): a second load is silent. */
	sb_reset(&errs);
	cfg = config_load_text(t, "cfg", text, strlen(text) - 28, &fl.lg,
			       &errs);
	assert_non_null(cfg);
	assert_int_equal(fl.n, 2);
	/* A secret in an accepted-only command never reaches the log. */
	cfg = (config_unref(cfg), NULL);
	text = "vpdn-group 1\n l2tp tunnel password s3cr3t\n";
	cfg = config_load_text(t, "cfg", text, strlen(text), &fl.lg, &errs);
	assert_non_null(cfg);
	for (size_t i = 0; i < fl.n; i++)
		assert_null(strstr(fl.lines[i], "s3cr3t"));
	config_unref(cfg);
	fake_log_fini(&fl);
	sb_free(&errs);
	cmd_table_free(t);
}

static void test_check_main(void **state)
{
	char path[] = "/tmp/nasd-cfg-XXXXXX";
	char buf[8192];
	FILE *f, *out = tmpfile(), *err = tmpfile();
	int fd = mkstemp(path);
	size_t n;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("hostname nas\n!\ninterfce Async1\n encapsulation ppp\n", f);
	fclose(f);
	assert_int_equal(config_check_main(path, out, err), 2);
	rewind(err);
	n = fread(buf, 1, sizeof(buf) - 1, err);
	buf[n] = '\0';
	/* "encapsulation ppp" also fails: no interface was entered. */
	assert_true(strncmp(buf + strlen(path),
			    ":3: % Invalid input detected at 'interfce' "
			    "(column 1)\n",
			    50) == 0);
	f = fopen(path, "w");
	fputs("hostname nas\ninterface Async1\n encapsulation ppp\n", f);
	fclose(f);
	rewind(out);
	assert_int_equal(config_check_main(path, out, err), 0);
	rewind(out);
	n = fread(buf, 1, sizeof(buf) - 1, out);
	buf[n] = '\0';
	assert_string_equal(buf, "!\nhostname nas\n!\ninterface Async1\n "
				 "encapsulation ppp\n!\nline con 0\nline aux "
				 "0\nline vty 0 4\n!\nend\n");
	assert_int_equal(config_check_main("/nonexistent/x.cfg", out, err), 2);
	unlink(path);
	fclose(out);
	fclose(err);
}

static void test_clone_independent(void **state)
{
	struct cmd_table *t = table();
	struct strbuf errs = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct config *cfg, *cand;
	struct cmd_ctx ctx;
	struct cmd_result res;

	(void)state;
	cfg = load(t,
		   "interface Dialer1\n dialer pool 1\nrouter eigrp 1\n "
		   "network 10.0.0.0\nvpdn-group 1\n request-dialin\n  "
		   "protocol l2tp\n",
		   &errs);
	assert_non_null(cfg);
	cand = config_clone(cfg);
	assert_non_null(cand);
	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_reset_mode(&ctx, CMD_MODE_CONFIG);
	ctx.cand = cand;
	assert_int_equal(cmd_execute(t, &ctx, "no router eigrp 1", &res),
			 CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx, "int di1", &res), CMD_OK);
	assert_int_equal(cmd_execute(t, &ctx, "dialer pool 2", &res), CMD_OK);
	config_write(cfg, &a);
	config_write(cand, &b);
	assert_non_null(strstr(sb_str(&a), "router eigrp 1\n"));
	assert_null(strstr(sb_str(&b), "router eigrp 1\n"));
	assert_non_null(strstr(sb_str(&a), " dialer pool 1\n"));
	assert_non_null(strstr(sb_str(&b), " dialer pool 2\n"));
	assert_null(strstr(sb_str(&b), " dialer pool 1\n"));
	assert_non_null(strstr(sb_str(&b), " request-dialin\n  protocol "
					   "l2tp\n"));
	config_unref(cand);
	config_unref(cfg);
	sb_free(&errs);
	sb_free(&a);
	sb_free(&b);
	cmd_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pwd7),
		cmocka_unit_test(test_pwd5),
		cmocka_unit_test(test_vectors_load_and_fixpoint),
		cmocka_unit_test(test_seed001_model),
		cmocka_unit_test(test_isdn_model),
		cmocka_unit_test(test_group_member_override),
		cmocka_unit_test(test_tcp_header_compression),
		cmocka_unit_test(test_line_coalescing),
		cmocka_unit_test(test_seed003_exec_callback_and_ara),
		cmocka_unit_test(test_unimpl_notice_once),
		cmocka_unit_test(test_check_main),
		cmocka_unit_test(test_clone_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
