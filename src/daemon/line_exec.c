/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * line_exec.c - the login dialogue and the EXEC on a terminal line.
 *
 * Login follows the line's configuration, as IOS does:
 *   - `aaa new-model`: `login authentication LIST` (else the default
 *     `aaa authentication login` list; without one, the local database);
 *     Username: and Password: prompts, methods local/none/line/enable;
 *   - `login local`: Username: and Password: against `username` entries;
 *   - `login`: Password: against the line's `password`;
 *   - no login: straight to the EXEC.
 * Three failures hang up.  The EXEC is the same vty session as the CLI
 * socket (cli/vty.h), in user EXEC mode, fed from a small line editor:
 * echo, Backspace/DEL, Ctrl-U, `?` help, Tab completion, CR or LF to enter;
 * output newlines become CR LF.  `exec-timeout` (default 10 minutes)
 * disconnects an idle user.  With `autoselect during-login`, a PPP frame
 * arriving at the Username: prompt aborts the login and starts PPP (seed
 * 001: "AAA/AUTHEN/ABORT: ... because Autoselected").
 *
 * EXEC callback (seed 003, `service exec-callback`): a user whose local
 * entry has a callback-dialstring is not given the EXEC.  With a number
 * the terminal is told "Callback initiated - line is disconnected"; with
 * `callback-dialstring ""` the user is first asked "Callback Dialstring: "
 * and a number that is empty or not a dial string (dialstring.h) is
 * refused ("% Invalid callback dialstring") without a callback.  The line
 * is hung up a moment later (so the text reaches the caller) and the
 * return call is left to callback.c.  On the return call the login runs
 * again, or with nocallback-verify the user gets the EXEC straight away;
 * a return call is never called back again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arap.h"
#include "callback.h"
#include "cmd.h"
#include "dialstring.h"
#include "line.h"
#include "nasd.h"
#include "vty.h"

#define EXEC_TRIES 3
#define EXEC_TIMEOUT_DEFAULT_MS (10u * 60 * 1000)
#define EXEC_LINE_MAX 256
/* EXEC callback: the caller reads the last words before the line drops. */
#define EXEC_CALLBACK_HANGUP_MS 1000

enum exec_stage {
	EX_USERNAME,
	EX_PASSWORD,
	EX_CHECKING, /* AAA is deciding */
	EX_EXEC,
	EX_EXEC_PASSWORD, /* `enable` asked for a password */
	EX_CB_NUMBER,     /* "Callback Dialstring: " (EXEC callback) */
	EX_CB_HANGUP,     /* told, about to hang up; input ignored */
};

struct line_exec {
	struct line *l;
	enum exec_stage stage;
	bool autoselect;   /* sample for PPP while logging in */
	bool typed;        /* the user typed something (no autoselect then) */
	bool need_user;    /* Username: prompt (else Password: only) */
	const char *list;  /* AAA list name or "line"/"local"; NULL default */
	char buf[EXEC_LINE_MAX];
	size_t len;
	bool last_cr;      /* swallow the LF of CR LF */
	char username[CONFIG_NAME_MAX];
	unsigned tries;
	struct aaa_req *aaa;
	struct vty *vty;
	struct timer idle;
	bool want_ppp;     /* the `ppp` command ran */
	bool want_close;   /* exit / logout */
	/* EXEC callback: the user's attributes, and the delayed hang-up */
	struct aaa_authz cb;
	struct timer cb_hangup;
	char cb_reason[48];
};

/* ---- output ----------------------------------------------------------------- */

/* Write text with newlines as CR LF, as a terminal wants them. */
static void term_write(struct line *l, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\n' || (i > 0 && s[i - 1] == '\r'))
			continue;
		line_io_write(l, s + start, i - start);
		line_io_puts(l, "\r\n");
		start = i + 1;
	}
	line_io_write(l, s + start, n - start);
}

static void term_puts(struct line *l, const char *s)
{
	term_write(l, s, strlen(s));
}

static void prompt(struct line_exec *x)
{
	switch (x->stage) {
	case EX_USERNAME:
		term_puts(x->l, "Username: ");
		break;
	case EX_PASSWORD:
	case EX_EXEC_PASSWORD:
		term_puts(x->l, "Password: ");
		break;
	case EX_EXEC:
		term_puts(x->l, vty_prompt(x->vty));
		break;
	case EX_CB_NUMBER:
		term_puts(x->l, "Callback Dialstring: ");
		break;
	case EX_CHECKING:
	case EX_CB_HANGUP:
		break;
	}
}

static bool echo_on(const struct line_exec *x)
{
	return x->stage == EX_USERNAME || x->stage == EX_EXEC ||
	       x->stage == EX_CB_NUMBER;
}

/* ---- idle timeout --------------------------------------------------------------- */

static uint64_t idle_ms(const struct line *l)
{
	if (!l->s.has_exec_timeout)
		return EXEC_TIMEOUT_DEFAULT_MS;
	return ((uint64_t)l->s.exec_timeout_min * 60 +
		l->s.exec_timeout_s) *
	       1000;
}

static void idle_cb(void *arg)
{
	struct line_exec *x = arg;

	term_puts(x->l, "\n\n% Timeout: idle too long\n");
	line_hangup(x->l, "EXEC timeout");
}

static void touch(struct line_exec *x)
{
	uint64_t ms = idle_ms(x->l);

	if (ms)
		timer_arm(&x->idle, ms);
}

/* ---- login --------------------------------------------------------------------- */

static void start_exec(struct line_exec *x)
{
	struct nasd *nasd = x->l->nasd;
	struct vty_env env = nasd->vty_env;

	env.owner = x->l;
	x->vty = vty_new(nasd->cmds, &env, false);
	if (!x->vty) {
		line_hangup(x->l, "out of memory");
		return;
	}
	x->stage = EX_EXEC;
	term_puts(x->l, "\n");
	prompt(x);
}

/* ---- EXEC callback ------------------------------------------------------ */

static void cb_hangup_cb(void *arg)
{
	struct line_exec *x = arg;

	line_hangup(x->l, x->cb_reason);
}

/* Say `text`, then hang up after EXEC_CALLBACK_HANGUP_MS. */
static void cb_disconnect(struct line_exec *x, const char *text,
			  const char *reason)
{
	term_puts(x->l, text);
	snprintf(x->cb_reason, sizeof(x->cb_reason), "%s", reason);
	x->stage = EX_CB_HANGUP;
	timer_arm(&x->cb_hangup, EXEC_CALLBACK_HANGUP_MS);
}

static void cb_schedule(struct line_exec *x, const char *number)
{
	if (callback_exec_from_line(x->l, x->username, number, &x->cb) != 0) {
		cb_disconnect(x, "% Callback failed\n", "Callback failed");
		return;
	}
	cb_disconnect(x, "Callback initiated - line is disconnected\n",
		      "Callback");
}

/* The number typed at "Callback Dialstring: ". */
static void cb_number(struct line_exec *x, const char *typed)
{
	char number[CBCP_NUMBER_MAX + 1], why[64], text[128];

	if (dialstring_check(typed, number, sizeof(number), why,
			     sizeof(why)) != 0) {
		log_notice(&x->l->nasd->log,
			   "%s: EXEC callback for %s: invalid dialstring "
			   "(%s): not called back",
			   x->l->tty, x->username, why);
		snprintf(text, sizeof(text),
			 "%% Invalid callback dialstring: %s\n", why);
		cb_disconnect(x, text, "Invalid callback dialstring");
		return;
	}
	cb_schedule(x, number);
}

/* `service exec-callback` and a callback-dialstring in the user's local
 * entry (seed 003); never on a return call.  True when the login goes on
 * as a callback instead of an EXEC. */
static bool cb_start(struct line_exec *x, const struct aaa_result *r)
{
	const struct aaa_user *u = r->user;

	if (!x->l->nasd->running->exec_callback || x->l->return_call || !u ||
	    !u->has_callback_dialstring)
		return false;
	memset(&x->cb, 0, sizeof(x->cb));
	x->cb.done = x->cb.callback = true;
	snprintf(x->cb.dialstring, sizeof(x->cb.dialstring), "%s",
		 u->callback_dialstring);
	x->cb.rotary = u->callback_rotary;
	x->cb.line_first = u->callback_line_first;
	x->cb.line_last = u->callback_line_last;
	x->cb.nocallback_verify = u->nocallback_verify;
	if (x->cb.dialstring[0]) {
		cb_schedule(x, x->cb.dialstring);
		return true;
	}
	x->stage = EX_CB_NUMBER;
	prompt(x);
	return true;
}

/* ---- login (continued) -------------------------------------------------- */

static void login_done(void *arg, const struct aaa_result *r)
{
	struct line_exec *x = arg;

	x->aaa = NULL;
	if (r->ok) {
		snprintf(x->l->user, sizeof(x->l->user), "%s", x->username);
		log_info(&x->l->nasd->log, "%s: user %s logged in", x->l->tty,
			 x->username[0] ? x->username : "(line password)");
		if (cb_start(x, r))
			return;
		start_exec(x);
		return;
	}
	{
		char shown[CONFIG_NAME_MAX];
		size_t i;
		/* the name is whatever the caller typed: keep the log line
		 * printable */
		for (i = 0; x->username[i] && i + 1 < sizeof(shown); i++)
			shown[i] = x->username[i] >= 0x20 &&
						   x->username[i] < 0x7f
					   ? x->username[i]
					   : '.';
		shown[i] = '\0';
		log_notice(&x->l->nasd->log,
			   "%s: login failed for user \"%s\"", x->l->tty,
			   shown);
	}
	term_puts(x->l, "% Login invalid\n\n");
	if (++x->tries >= EXEC_TRIES) {
		term_puts(x->l, "% Too many login failures\n");
		line_hangup(x->l, "Login failed");
		return;
	}
	x->stage = x->need_user ? EX_USERNAME : EX_PASSWORD;
	prompt(x);
}

static void check_login(struct line_exec *x, const char *password)
{
	struct aaa_auth_req req = {
		.type = AAA_AUTH_LOGIN,
		.user = x->username,
		.list = x->list,
		.port = x->l->tty,
		.password = (const uint8_t *)password,
		.password_len = strlen(password),
		.line_password = x->l->s.password,
	};

	x->stage = EX_CHECKING;
	x->aaa = aaa_authenticate(x->l->nasd->aaa, &req, login_done, x);
	if (!x->aaa)
		line_hangup(x->l, "out of memory");
}

/* Which list and prompts the line's configuration asks for; false when
 * no login is configured (straight to the EXEC). */
static bool login_method(struct line_exec *x)
{
	const struct line *l = x->l;
	bool aaa_model = l->nasd->running->aaa_new_model;

	x->need_user = true;
	x->list = NULL;
	if (aaa_model) {
		if (l->s.login == CONFIG_LOGIN_AUTH)
			x->list = l->s.login_list;
		return true;
	}
	switch (l->s.login) {
	case CONFIG_LOGIN_NONE:
		return false;
	case CONFIG_LOGIN_LINE:
		x->need_user = false;
		x->list = "line";
		return true;
	case CONFIG_LOGIN_LOCAL:
	case CONFIG_LOGIN_AUTH:
		x->list = "local";
		return true;
	}
	return true;
}

void line_exec_start(struct line *l, bool autoselect)
{
	struct line_exec *x;

	line_exec_stop(l);
	x = calloc(1, sizeof(*x));
	if (!x) {
		line_hangup(l, "out of memory");
		return;
	}
	x->l = l;
	x->autoselect = autoselect;
	timer_init(&x->idle, l->nasd->ts, idle_cb, x);
	timer_init(&x->cb_hangup, l->nasd->ts, cb_hangup_cb, x);
	l->exec = x;
	line_set_state(l, LINE_EXEC);
	touch(x);
	if (l->return_exec && l->return_noverify) {
		/* EXEC callback to a user with nocallback-verify. */
		snprintf(l->user, sizeof(l->user), "%s", l->return_user);
		snprintf(x->username, sizeof(x->username), "%s",
			 l->return_user);
		log_info(&l->nasd->log,
			 "%s: user %s logged in (callback, nocallback-verify)",
			 l->tty, l->return_user);
		start_exec(x);
		return;
	}
	if (!login_method(x)) {
		snprintf(l->user, sizeof(l->user), "%s", "");
		start_exec(x);
		return;
	}
	term_puts(l, "\n\nUser Access Verification\n\n");
	x->stage = x->need_user ? EX_USERNAME : EX_PASSWORD;
	prompt(x);
}

void line_exec_stop(struct line *l)
{
	struct line_exec *x = l->exec;

	if (!x)
		return;
	if (x->aaa)
		aaa_cancel(x->aaa);
	timer_cancel(&x->idle);
	timer_cancel(&x->cb_hangup);
	vty_free(x->vty);
	memset(x->buf, 0, sizeof(x->buf));
	free(x);
	l->exec = NULL;
}

/* ---- EXEC ---------------------------------------------------------------------- */

static void exec_line(struct line_exec *x, const char *text)
{
	struct strbuf out = STRBUF_INIT;
	enum vty_status st;

	st = vty_exec(x->vty, text, &out);
	term_write(x->l, sb_str(&out), out.len);
	sb_free(&out);
	if (x->want_ppp) {
		struct line *l = x->l;
		line_exec_stop(l);
		line_start_ppp(l, NULL, 0);
		return;
	}
	if (st == VTY_CLOSE || x->want_close) {
		line_hangup(x->l, "User exited the EXEC");
		return;
	}
	x->stage = st == VTY_PASSWORD ? EX_EXEC_PASSWORD : EX_EXEC;
	prompt(x);
}

static void enter(struct line_exec *x)
{
	char text[EXEC_LINE_MAX];

	memcpy(text, x->buf, x->len);
	text[x->len] = '\0';
	memset(x->buf, 0, sizeof(x->buf));
	x->len = 0;
	term_puts(x->l, "\n");
	switch (x->stage) {
	case EX_USERNAME:
		if (!text[0]) {
			prompt(x);
			break;
		}
		snprintf(x->username, sizeof(x->username), "%.*s",
			 (int)sizeof(x->username) - 1, text);
		x->stage = EX_PASSWORD;
		prompt(x);
		break;
	case EX_PASSWORD:
		check_login(x, text);
		break;
	case EX_EXEC:
	case EX_EXEC_PASSWORD:
		exec_line(x, text);
		break;
	case EX_CB_NUMBER:
		cb_number(x, text);
		break;
	case EX_CHECKING:
	case EX_CB_HANGUP:
		break;
	}
	memset(text, 0, sizeof(text));
}

static void help(struct line_exec *x)
{
	struct strbuf out = STRBUF_INIT;
	char text[EXEC_LINE_MAX + 1];

	memcpy(text, x->buf, x->len);
	text[x->len] = '\0';
	term_puts(x->l, "?\n");
	vty_help(x->vty, text, &out);
	term_write(x->l, sb_str(&out), out.len);
	sb_free(&out);
	prompt(x);
	line_io_write(x->l, x->buf, x->len);
}

static void complete(struct line_exec *x)
{
	struct strbuf line = STRBUF_INIT, list = STRBUF_INIT;
	char text[EXEC_LINE_MAX + 1];

	memcpy(text, x->buf, x->len);
	text[x->len] = '\0';
	vty_complete(x->vty, text, &line, &list);
	if (list.len) {
		term_puts(x->l, "\n");
		term_write(x->l, sb_str(&list), list.len);
		prompt(x);
		line_io_write(x->l, x->buf, x->len);
	}
	if (line.len > x->len && line.len < sizeof(x->buf)) {
		line_io_write(x->l, line.s + x->len, line.len - x->len);
		memcpy(x->buf, line.s, line.len);
		x->len = line.len;
	}
	sb_free(&line);
	sb_free(&list);
}

static void insert(struct line_exec *x, uint8_t c)
{
	if (c < 0x20 || x->len + 1 >= sizeof(x->buf))
		return;
	x->buf[x->len++] = (char)c;
	if (echo_on(x))
		line_io_write(x->l, &c, 1);
}

static void key(struct line_exec *x, uint8_t c)
{
	switch (c) {
	case '\r':
	case '\n':
		if (c == '\n' && x->last_cr) {
			x->last_cr = false;
			return;
		}
		x->last_cr = c == '\r';
		enter(x);
		return;
	case 0x08:
	case 0x7f:
		if (x->len > 0) {
			x->len--;
			if (echo_on(x))
				line_io_puts(x->l, "\b \b");
		}
		break;
	case 0x15: /* Ctrl-U */
		while (x->len > 0 && echo_on(x)) {
			x->len--;
			line_io_puts(x->l, "\b \b");
		}
		x->len = 0;
		break;
	case '?':
		if (x->stage == EX_EXEC)
			help(x);
		else
			insert(x, c); /* part of a user name or password */
		break;
	case '\t':
		if (x->stage == EX_EXEC)
			complete(x);
		break;
	default:
		insert(x, c);
		break;
	}
	x->last_cr = false;
}

void line_exec_input(struct line *l, const uint8_t *data, size_t n)
{
	struct line_exec *x = l->exec;

	if (!x)
		return;
	touch(x);
	if (x->autoselect && !x->typed && x->stage == EX_USERNAME) {
		uint8_t prev[ARAP_SAMPLE_MAX];
		size_t nprev;

		if (line_autoselect_arap(l, data, n, prev, &nprev))
			return; /* kept, or an ARA call refused */
		if (nprev) {
			line_exec_input(l, prev, nprev);
			if (l->exec == x)
				line_exec_input(l, data, n);
			return;
		}
	}
	if (x->autoselect && !x->typed && x->stage == EX_USERNAME &&
	    l->s.autoselect_ppp) {
		bool not_ppp;
		size_t before = l->nsample;

		if (line_autoselect_sample(l, data, n, &not_ppp)) {
			uint8_t keep[8];
			size_t nkeep = l->nsample;
			/* Skip only what this read gave to the sample (it may
			 * span reads). */
			size_t used = nkeep - before;

			memcpy(keep, l->sample, nkeep);
			log_dbg(&l->nasd->log, DBG_MODEM,
				"%s Autoselect cmd: ppp negotiate", l->tty);
			log_dbg(&l->nasd->log, DBG_AAA_AUTHENTICATION,
				"AAA/AUTHEN/ABORT: (%s) because Autoselected.",
				l->tty);
			line_exec_stop(l);
			line_start_ppp(l, keep, nkeep);
			if (n > used && l->state == LINE_PPP)
				line_data(l, data + used, n - used);
			return;
		}
		if (!not_ppp)
			return; /* still sampling */
		x->typed = true;
		data = l->sample;
		n = l->nsample; /* the sampled octets are the user's */
	}
	x->typed = true;
	for (size_t i = 0; i < n && l->exec == x; i++)
		key(x, data[i]);
}

/* ---- the `ppp` EXEC command --------------------------------------------------------- */

static int ppp_cmd(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct line *l = vty_owner(ctx->session);
	struct config_if eff;

	(void)args;
	if (!l || !l->exec)
		return cmd_error(ctx, "%% PPP can only be started on an "
				      "asynchronous line");
	if (!config_async_effective(l->nasd->running, l->num, &eff) ||
	    eff.encap != CONFIG_ENCAP_PPP || !eff.async_interactive)
		return cmd_error(ctx, "%% Interface %s is not configured for "
				      "interactive PPP (async mode interactive)",
				 l->ifname);
	sb_puts(ctx->out, "Entering PPP mode.\n");
	if (eff.ip_mode == CONFIG_IP_UNNUMBERED)
		sb_printf(ctx->out, "Async interface address is unnumbered (%s)\n",
			  eff.unnumbered);
	if (eff.peer == CONFIG_PEER_ADDR)
		sb_printf(ctx->out, "Your IP address is %u.%u.%u.%u. MTU is %u "
				    "bytes\n",
			  eff.peer_addr >> 24, eff.peer_addr >> 16 & 255,
			  eff.peer_addr >> 8 & 255, eff.peer_addr & 255,
			  eff.mtu ? eff.mtu : 1500);
	else
		sb_printf(ctx->out, "Your IP address will be assigned by IPCP. "
				    "MTU is %u bytes\n",
			  eff.mtu ? eff.mtu : 1500);
	l->exec->want_ppp = true;
	return 0;
}

static const struct cmd_def exec_defs[] = {
	{CMD_MODE_USER, "ppp",
	 "Start IETF Point-to-Point Protocol (PPP) on this line", ppp_cmd,
	 CMD_NOEDIT, 0},
};

int line_exec_install(struct nasd *nasd, struct cmd_table *t)
{
	(void)nasd;
	return cmd_install(t, exec_defs, sizeof(exec_defs) / sizeof(exec_defs[0]));
}
