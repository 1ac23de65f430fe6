/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the vty session: a scripted session (en, conf t, int as1,
 * ppp auth chap, end, sh run | inc ppp), `?` output, a wrong enable
 * password, debug toggling the logger bit, and a failed commit leaving the
 * running configuration unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_log.h"
#include "vty.h"

struct app {
	struct config *running;
	bool refuse;
	int commits;
};

static struct config *app_running(void *p)
{
	struct app *app = p;

	return config_ref(app->running);
}

static int app_commit(void *p, struct config *cand, struct strbuf *err)
{
	struct app *app = p;

	if (app->refuse) {
		sb_puts(err, "% Commit refused by test");
		return -1;
	}
	config_unref(app->running);
	app->running = config_ref(cand);
	app->commits++;
	return 0;
}

struct fixture {
	struct cmd_table *t;
	struct app app;
	struct fake_log fl;
	struct vty *v;
	struct strbuf out;
};

static struct fixture *fx_new(const char *config_text)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	struct strbuf errs = STRBUF_INIT;
	struct vty_env env;

	assert_non_null(fx);
	fx->t = cmd_table_new();
	assert_int_equal(config_install_commands(fx->t), 0);
	assert_int_equal(cli_install(fx->t), 0);
	fake_log_init(&fx->fl);
	fx->fl.lg.debug = 0;
	fx->app.running = config_load_text(fx->t, "t", config_text,
					   strlen(config_text), NULL, &errs);
	assert_non_null(fx->app.running);
	sb_free(&errs);
	env = (struct vty_env){.app = &fx->app,
			       .running = app_running,
			       .commit = app_commit,
			       .log = &fx->fl.lg};
	fx->v = vty_new(fx->t, &env, false);
	assert_non_null(fx->v);
	return fx;
}

static void fx_free(struct fixture *fx)
{
	vty_free(fx->v);
	config_unref(fx->app.running);
	fake_log_fini(&fx->fl);
	cmd_table_free(fx->t);
	sb_free(&fx->out);
	free(fx);
}

static enum vty_status run(struct fixture *fx, const char *line)
{
	sb_reset(&fx->out);
	return vty_exec(fx->v, line, &fx->out);
}

static void test_scripted_session(void **state)
{
	struct fixture *fx = fx_new("hostname nas\n");

	(void)state;
	assert_string_equal(vty_prompt(fx->v), "nas>");
	assert_int_equal(run(fx, "en"), VTY_OK);
	assert_string_equal(vty_prompt(fx->v), "nas#");
	assert_int_equal(run(fx, "conf t"), VTY_OK);
	assert_string_equal(sb_str(&fx->out),
			    "Enter configuration commands, one per line.  "
			    "End with CNTL/Z.\n");
	assert_string_equal(vty_prompt(fx->v), "nas(config)#");
	assert_int_equal(run(fx, "int as1"), VTY_OK);
	assert_string_equal(vty_prompt(fx->v), "nas(config-if)#");
	assert_int_equal(run(fx, "ppp auth chap"), VTY_OK);
	assert_int_equal(run(fx, "encap ppp"), VTY_OK);
	assert_int_equal(run(fx, "end"), VTY_OK);
	assert_string_equal(vty_prompt(fx->v), "nas#");
	assert_int_equal(run(fx, "sh run | inc ppp"), VTY_OK);
	assert_string_equal(sb_str(&fx->out),
			    " encapsulation ppp\n ppp authentication chap\n");
	assert_int_equal(run(fx, "show running-config | begin ^interface"),
			 VTY_OK);
	assert_true(strncmp(sb_str(&fx->out), "interface Async1\n", 17) == 0);
	assert_int_equal(run(fx, "show running-config | exclude ^ |^!"),
			 VTY_OK);
	assert_string_equal(sb_str(&fx->out),
			    "Building configuration...\n\n"
			    "Current configuration : 121 bytes\n"
			    "hostname nas\ninterface Async1\nline con 0\n"
			    "line aux 0\nline vty 0 4\nend\n");
	/* Errors, with the caret under the prompt and line. */
	assert_int_equal(run(fx, "conf t"), VTY_OK);
	assert_int_equal(run(fx, "interfce Async1"), VTY_ERROR);
	assert_string_equal(sb_str(&fx->out),
			    "nas(config)#interfce Async1\n"
			    "                  ^\n"
			    "% Invalid input detected at '^' marker.\n\n");
	assert_int_equal(run(fx, "do show debugging"), VTY_OK);
	assert_int_equal(run(fx, "exit"), VTY_OK);
	assert_int_equal(run(fx, "disable"), VTY_OK);
	assert_string_equal(vty_prompt(fx->v), "nas>");
	assert_int_equal(run(fx, "exit"), VTY_CLOSE);
	fx_free(fx);
}

static void test_help(void **state)
{
	struct fixture *fx = fx_new("hostname nas\n");
	struct strbuf line = STRBUF_INIT, list = STRBUF_INIT;

	(void)state;
	sb_reset(&fx->out);
	vty_help(fx->v, "show ", &fx->out);
	assert_string_equal(sb_str(&fx->out),
			    "  version  System hardware and software status\n"
			    "\n");
	run(fx, "enable");
	sb_reset(&fx->out);
	vty_help(fx->v, "show ", &fx->out);
	assert_string_equal(sb_str(&fx->out),
			    "  debugging       State of each debugging option\n"
			    "  running-config  Current operating "
			    "configuration\n"
			    "  startup-config  Contents of startup "
			    "configuration\n"
			    "  version         System hardware and software "
			    "status\n\n");
	sb_reset(&fx->out);
	vty_help(fx->v, "conf", &fx->out);
	assert_string_equal(sb_str(&fx->out), "configure  \n\n");
	sb_reset(&fx->out);
	vty_help(fx->v, "debug ppp ", &fx->out);
	assert_string_equal(sb_str(&fx->out),
			    "  authentication  Authentication exchanges\n"
			    "  cbcp            Callback Control Protocol "
			    "negotiation\n"
			    "  error           Protocol errors and error "
			    "statistics\n"
			    "  negotiation     Protocol parameter negotiation\n"
			    "  packet          Low-level packet dumps\n\n");
	assert_true(vty_complete(fx->v, "conf t", &line, &list));
	assert_string_equal(sb_str(&line), "conf terminal ");
	sb_free(&line);
	sb_free(&list);
	fx_free(fx);
}

static void test_enable_password(void **state)
{
	/* enable secret "cisco" (MD5-crypt). */
	struct fixture *fx =
		fx_new("enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n");

	(void)state;
	assert_int_equal(run(fx, "enable"), VTY_PASSWORD);
	assert_string_equal(vty_prompt(fx->v), "Password: ");
	assert_int_equal(run(fx, "wrong"), VTY_PASSWORD);
	assert_int_equal(run(fx, "wrong"), VTY_PASSWORD);
	assert_int_equal(run(fx, "wrong"), VTY_ERROR);
	assert_string_equal(sb_str(&fx->out), "% Bad secrets\n\n");
	assert_int_equal(vty_mode(fx->v), CMD_MODE_USER);
	assert_int_equal(run(fx, "enable"), VTY_PASSWORD);
	assert_int_equal(run(fx, "cisco"), VTY_OK);
	assert_int_equal(vty_mode(fx->v), CMD_MODE_EXEC);
	assert_string_equal(vty_prompt(fx->v), "Router#");
	fx_free(fx);
}

static void test_debug_toggles_logger(void **state)
{
	struct fixture *fx = fx_new("");

	(void)state;
	run(fx, "enable");
	assert_false(log_debug_on(&fx->fl.lg, DBG_PPP_NEGOTIATION));
	assert_int_equal(run(fx, "debug ppp negotiation"), VTY_OK);
	assert_string_equal(sb_str(&fx->out),
			    "PPP protocol negotiation debugging is on\n");
	assert_true(log_debug_on(&fx->fl.lg, DBG_PPP_NEGOTIATION));
	assert_int_equal(run(fx, "deb aaa authen"), VTY_OK);
	assert_int_equal(run(fx, "show debugging"), VTY_OK);
	assert_string_equal(sb_str(&fx->out),
			    "PPP:\n"
			    "  PPP protocol negotiation debugging is on\n"
			    "General OS:\n"
			    "  AAA Authentication debugging is on\n");
	assert_int_equal(run(fx, "undebug ppp negotiation"), VTY_OK);
	assert_string_equal(sb_str(&fx->out),
			    "PPP protocol negotiation debugging is off\n");
	assert_false(log_debug_on(&fx->fl.lg, DBG_PPP_NEGOTIATION));
	assert_int_equal(run(fx, "no debug all"), VTY_OK);
	assert_int_equal(fx->fl.lg.debug, 0);
	assert_int_equal(run(fx, "terminal monitor"), VTY_OK);
	assert_true(vty_monitor(fx->v));
	assert_int_equal(run(fx, "terminal no monitor"), VTY_OK);
	assert_false(vty_monitor(fx->v));
	fx_free(fx);
}

static void test_commit_failure(void **state)
{
	struct fixture *fx = fx_new("hostname before\n");
	struct config *before;

	(void)state;
	run(fx, "enable");
	run(fx, "configure terminal");
	before = fx->app.running;
	fx->app.refuse = true;
	assert_int_equal(run(fx, "hostname after"), VTY_ERROR);
	assert_string_equal(sb_str(&fx->out), "% Commit refused by test\n");
	assert_ptr_equal(fx->app.running, before);
	assert_string_equal(fx->app.running->hostname, "before");
	assert_string_equal(vty_prompt(fx->v), "before(config)#");
	fx->app.refuse = false;
	assert_int_equal(run(fx, "hostname after"), VTY_OK);
	assert_string_equal(vty_prompt(fx->v), "after(config)#");
	assert_int_equal(fx->app.commits, 1);
	/* exit/end/do do not commit. */
	run(fx, "do show version");
	run(fx, "end");
	assert_int_equal(fx->app.commits, 1);
	fx_free(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scripted_session),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_enable_password),
		cmocka_unit_test(test_debug_toggles_logger),
		cmocka_unit_test(test_commit_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
