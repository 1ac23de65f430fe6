/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * line_dial.c - placing calls from a line with chat scripts (seed 001,
 * "debug chat"):
 *
 *   CHAT4: Matched chat script offhook to string offhook
 *   CHAT4: Asserting DTR
 *   CHAT4: Chat script offhook started
 *   ...
 *   CHAT4: Chat script callback finished, status = Success
 *
 * A call runs the line's `script modem-off-hook` (if any), then the dial
 * script (`script dialer`, else `script callback`, or one named by the
 * caller) with \T = the number; the last script's success is the call
 * connecting, and the line activates (PPP or EXEC).  A failed script
 * (ABORT BUSY, TIMEOUT, ...) hangs the line up and frees it; the outcome is
 * logged and reported to the caller.  Scripts are chosen by IOS regular
 * expression against the `chat-script` names.
 *
 * EXEC commands: `start-chat REGEXP [LINE [NUMBER]]` (IOS) runs one script
 * on an idle line; `dial line N NUMBER` (nasd) places a whole call with the
 * line's scripts, the way callback will.
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "cmd.h"
#include "dmodem.h"
#include "line.h"
#include "nasd.h"

/* The match is logged ("Matched chat script offhook to string offhook")
 * when `log_match`; a call logs it when each script starts instead, as the
 * seed shows. */
static struct chat_script *chat_find(struct line *l, const char *regexp,
				     char *name, size_t name_size,
				     bool log_match)
{
	const struct config *cfg = l->nasd->running;
	struct chat_script *cs = NULL;
	char err[160];
	regex_t re;
	char anchored[CONFIG_NAME_MAX + 4];

	/* IOS matches the whole name: anchor the expression. */
	snprintf(anchored, sizeof(anchored), "^(%s)$", regexp);
	if (regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB) != 0) {
		log_warn(&l->nasd->log, "CHAT%u: bad script expression %s",
			 l->num, regexp);
		return NULL;
	}
	for (size_t i = 0; i < cfg->nchats; i++) {
		if (regexec(&re, cfg->chats[i].name, 0, NULL, 0) != 0)
			continue;
		if (log_match)
			log_dbg(&l->nasd->log, DBG_CHAT,
				"CHAT%u: Matched chat script %s to string %s",
				l->num, cfg->chats[i].name, regexp);
		if (chat_compile(cfg->chats[i].text, &cs, err, sizeof(err)) <
		    0) {
			log_warn(&l->nasd->log, "CHAT%u: chat-script %s: %s",
				 l->num, cfg->chats[i].name, err);
			cs = NULL;
		} else {
			snprintf(name, name_size, "%s", cfg->chats[i].name);
		}
		break;
	}
	regfree(&re);
	if (!cs)
		log_dbg(&l->nasd->log, DBG_CHAT,
			"CHAT%u: No matching chat script found for %s", l->num,
			regexp);
	return cs;
}

struct chat_script *line_chat_find(struct line *l, const char *regexp,
				   char *name, size_t name_size)
{
	return chat_find(l, regexp, name, name_size, true);
}

static void chat_write(void *ctx, const uint8_t *data, size_t len)
{
	line_io_write(ctx, data, len);
}

static void run_step(struct line *l);

static void call_free_scripts(struct line_call *c)
{
	for (int i = 0; i < c->nscripts; i++) {
		chat_script_free(c->scripts[i]);
		c->scripts[i] = NULL;
	}
	c->nscripts = 0;
}

/* A run that finished is freed from the loop, never inside its own done()
 * callback. */
static void reap_chat(void *arg)
{
	struct line *l = arg;

	chat_free(l->chat_dead);
	l->chat_dead = NULL;
}

static void retire_chat(struct line *l)
{
	if (!l->chat)
		return;
	if (l->chat_dead)
		chat_free(l->chat_dead); /* an older one not reaped yet */
	l->chat_dead = l->chat;
	l->chat = NULL;
	loop_defer(l->nasd->loop, &l->chat_reap, reap_chat, l);
}

static void finish(struct line *l, bool ok, const char *why)
{
	struct line_call c = l->call;

	memset(&l->call, 0, sizeof(l->call));
	call_free_scripts(&c);
	retire_chat(l);
	if (!ok) {
		log_notice(&l->nasd->log, "%s: call to %s failed: %s", l->tty,
			   c.number, why);
		line_hangup(l, why);
	} else if (c.incoming_after) {
		/* The return call of a callback: the line listens like for
		 * an incoming call (autoselect, login). */
		l->carrier = true;
		l->calling = false;
		line_activate(l, false, false);
	} else if (c.relay_after) {
		l->carrier = true;
		line_start_relay(l);
	} else if (c.ppp_after || c.exec_after) {
		l->carrier = true;
		line_activate(l, true, c.ppp_after);
	} else {
		line_set_state(l, LINE_IDLE); /* start-chat: line stays up */
		l->calling = false;
	}
	if (c.done)
		c.done(c.arg, l, ok, why);
}

static void chat_done(void *ctx, enum chat_status st, const char *why)
{
	struct line *l = ctx;
	char text[160];

	if (st != CHAT_SUCCESS) {
		snprintf(text, sizeof(text), "chat script %s: %s%s%s",
			 l->call.script_names[l->call.step],
			 chat_status_name(st), why && why[0] ? ": " : "",
			 why ? why : "");
		finish(l, false, text);
		return;
	}
	if (++l->call.step < l->call.nscripts) {
		run_step(l);
		return;
	}
	finish(l, true, "connected");
}

static const struct chat_ops line_chat_ops = {
	.write = chat_write,
	.send_break = NULL,
	.done = chat_done,
};

static void run_step(struct line *l)
{
	struct line_call *c = &l->call;
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "CHAT%u", l->num);
	if (c->script_res[c->step][0])
		log_dbg(&l->nasd->log, DBG_CHAT,
			"%s: Matched chat script %s to string %s", prefix,
			c->script_names[c->step], c->script_res[c->step]);
	log_dbg(&l->nasd->log, DBG_CHAT, "%s: Asserting DTR", prefix);
	line_io_set_dtr(l, true);
	retire_chat(l); /* the previous step's run, from its own done() */
	l->chat = chat_start(c->scripts[c->step], c->script_names[c->step],
			     c->number, prefix, &line_chat_ops, l,
			     l->nasd->ts, &l->nasd->log);
	if (!l->chat)
		finish(l, false, "out of memory");
}

static int start_call(struct line *l, const char *number, int n,
		      struct chat_script *scripts[2], char (*names)[64],
		      const char *const *res, enum line_then then,
		      bool exec_after,
		      void (*done)(void *, struct line *, bool, const char *),
		      void *arg)
{
	struct line_call *c = &l->call;

	memset(c, 0, sizeof(*c));
	snprintf(c->number, sizeof(c->number), "%s", number ? number : "");
	for (int i = 0; i < n; i++) {
		c->scripts[i] = scripts[i];
		snprintf(c->script_names[i], sizeof(c->script_names[i]), "%s",
			 names[i]);
		if (res && res[i])
			snprintf(c->script_res[i], sizeof(c->script_res[i]),
				 "%s", res[i]);
	}
	c->nscripts = n;
	c->ppp_after = then == LINE_THEN_PPP;
	c->exec_after = exec_after;
	c->incoming_after = then == LINE_THEN_INCOMING;
	c->relay_after = then == LINE_THEN_RELAY;
	c->done = done;
	c->arg = arg;
	l->calling = true;
	l->uses++;
	snprintf(l->remote, sizeof(l->remote), "%s", c->number);
	l->called[0] = '\0';
	line_set_state(l, LINE_DIALING);
	run_step(l);
	return 0;
}

static int line_free_for_call(const struct line *l);

struct line *line_rotary_free(struct nasd *nasd, unsigned rotary)
{
	for (struct line *l = nasd->lines; l; l = l->next)
		if (l->s.rotary == rotary && line_free_for_call(l) == 0)
			return l;
	return NULL;
}

/* A line can place a call when it is IDLE (not busied out, no call), and
 * a digital modem's modem is idle too (not ringing with a call being
 * offered to it). */
static int line_free_for_call(const struct line *l)
{
	if (!line_io_up(l))
		return -ENODEV;
	if (l->state != LINE_IDLE)
		return -EBUSY;
	if (l->be == LINE_BE_DMODEM && !dmodem_idle(l->dm))
		return -EBUSY;
	return 0;
}

bool line_can_dial(const struct line *l)
{
	return line_free_for_call(l) == 0;
}

struct line *line_member_free(struct nasd *nasd, const char *member)
{
	struct ifname id;
	struct line *l;

	if (!ifname_parse(member, &id) || !(l = line_find(nasd, id.unit)) ||
	    !line_can_dial(l))
		return NULL;
	return l;
}

const char *line_dial_strerror(int rc)
{
	return rc == -ENOENT   ? "no `script dialer`"
	       : rc == -EINVAL ? "no chat script matches"
			       : strerror(-rc);
}

int line_dial(struct line *l, const char *number, const char *dial_script,
	      enum line_then then,
	      void (*done)(void *arg, struct line *l, bool ok,
			   const char *why),
	      void *arg)
{
	struct chat_script *scripts[2] = {NULL, NULL};
	char names[2][64] = {"", ""};
	const char *res[2] = {NULL, NULL};
	const char *dial = dial_script;
	int n = 0, rc = line_free_for_call(l);

	if (rc < 0)
		return rc;
	if (!dial || !dial[0])
		dial = l->s.script[CONFIG_SCRIPT_DIALER][0]
			       ? l->s.script[CONFIG_SCRIPT_DIALER]
			       : l->s.script[CONFIG_SCRIPT_CALLBACK];
	if (!dial || !dial[0])
		return -ENOENT;
	if (l->s.script[CONFIG_SCRIPT_MODEM_OFF_HOOK][0]) {
		scripts[n] = chat_find(
			l, l->s.script[CONFIG_SCRIPT_MODEM_OFF_HOOK], names[n],
			sizeof(names[n]), false);
		res[n] = l->s.script[CONFIG_SCRIPT_MODEM_OFF_HOOK];
		if (!scripts[n])
			return -EINVAL;
		n++;
	}
	scripts[n] = chat_find(l, dial, names[n], sizeof(names[n]), false);
	res[n] = dial;
	if (!scripts[n]) {
		if (n)
			chat_script_free(scripts[0]);
		return -EINVAL;
	}
	n++;
	return start_call(l, number, n, scripts, names, res, then,
			  then == LINE_THEN_EXEC, done, arg);
}

void line_dial_input(struct line *l, const uint8_t *data, size_t n)
{
	if (l->chat)
		chat_input(l->chat, data, n);
}

void line_dial_stop(struct line *l)
{
	/* May run inside a chat run's done() (a failed call hangs up): the
	 * run is only retired here and freed from the loop. */
	if (l->chat) {
		chat_cancel(l->chat);
		retire_chat(l);
	}
	call_free_scripts(&l->call);
	memset(&l->call, 0, sizeof(l->call));
}

void line_dial_free(struct line *l)
{
	line_dial_stop(l);
	loop_defer_cancel(&l->chat_reap);
	chat_free(l->chat_dead);
	l->chat_dead = NULL;
}

/* ---- EXEC commands --------------------------------------------------------------- */

static struct line *pick_line(struct cmd_ctx *ctx, long long num)
{
	struct nasd *nasd = ctx->app;
	struct line *l = line_find(nasd, (unsigned)num);

	if (!l)
		cmd_error(ctx, "%% Line %lld does not exist or has no device",
			  num);
	return l;
}

static const char *errtext(int rc)
{
	switch (rc) {
	case -EBUSY:
		return "line is in use";
	case -ENODEV:
		return "line has no usable device";
	case -ENOENT:
		return "line has no dialer or callback script";
	case -EINVAL:
		return "no chat script matches (see debug chat)";
	default:
		return strerror(-rc);
	}
}

static int start_chat(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	const char *re = cmd_arg_str(args, "script");
	const char *number = cmd_arg_str(args, "number");
	long long num = cmd_arg_num(args, "line", -1);
	struct line *l = NULL;
	struct chat_script *scripts[2] = {NULL, NULL};
	char names[2][64] = {"", ""};
	int rc;

	if (num >= 0) {
		l = pick_line(ctx, num);
		if (!l)
			return -1;
	} else {
		/* IOS: the current line; from the CLI socket, the first idle
		 * line. */
		for (l = nasd->lines; l && line_free_for_call(l); l = l->next)
			;
		if (!l)
			return cmd_error(ctx, "%% No idle line");
	}
	if ((rc = line_free_for_call(l)) < 0)
		return cmd_error(ctx, "%% Line %u: %s", l->num, errtext(rc));
	scripts[0] = line_chat_find(l, re, names[0], sizeof(names[0]));
	if (!scripts[0])
		return cmd_error(ctx, "%% No matching chat script found for %s",
				 re);
	start_call(l, number, 1, scripts, names, NULL, LINE_THEN_EXEC, false,
		   NULL, NULL);
	return 0;
}

static int dial_line(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct line *l = pick_line(ctx, cmd_arg_num(args, "num", 0));
	const char *number = cmd_arg_str(args, "number");
	int rc;

	if (!l)
		return -1;
	rc = line_dial(l, number, NULL,
		       line_if_ppp(l) ? LINE_THEN_PPP : LINE_THEN_EXEC, NULL,
		       NULL);
	if (rc < 0)
		return cmd_error(ctx, "%% Line %u: %s", l->num, errtext(rc));
	sb_printf(ctx->out, "Dialling %s on line %u\n", number, l->num);
	return 0;
}

static int dial_rotary(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct nasd *nasd = ctx->app;
	long long r = cmd_arg_num(args, "group", 0);
	const char *number = cmd_arg_str(args, "number");
	struct line *l = line_rotary_free(nasd, (unsigned)r);
	int rc;

	if (!l)
		return cmd_error(ctx, "%% No free line in rotary %lld", r);
	rc = line_dial(l, number, NULL,
		       line_if_ppp(l) ? LINE_THEN_PPP : LINE_THEN_EXEC, NULL,
		       NULL);
	if (rc < 0)
		return cmd_error(ctx, "%% Line %u: %s", l->num, errtext(rc));
	sb_printf(ctx->out, "Dialling %s on line %u (rotary %lld)\n", number,
		  l->num, r);
	return 0;
}

static const struct cmd_def dial_defs[] = {
	{CMD_MODE_EXEC, "dial rotary <1-100>$group WORD$number",
	 "Place a call (nasd)\n"
	 "On the first free line of a rotary group\n"
	 "Rotary group\n"
	 "Number to dial",
	 dial_rotary, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "start-chat WORD$script [<1-1023>$line [WORD$number]]",
	 "Start a chat-script on a line\n"
	 "Chat script name (a regular expression)\n"
	 "Line number\n"
	 "Dial string (\\T)",
	 start_chat, CMD_NOEDIT, 0},
	{CMD_MODE_EXEC, "dial line <1-1023>$num WORD$number",
	 "Place a call (nasd)\n"
	 "With a line's modem-off-hook and dialer/callback chat scripts\n"
	 "Line number\n"
	 "Number to dial",
	 dial_line, CMD_NOEDIT, 0},
};

int line_dial_install(struct nasd *nasd, struct cmd_table *t)
{
	(void)nasd;
	return cmd_install(t, dial_defs, sizeof(dial_defs) / sizeof(dial_defs[0]));
}
