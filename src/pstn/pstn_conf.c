/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_conf.c - the pstn configuration file (pstn_conf.h): the command
 * definitions and their handlers, which edit a `struct pstn_cfg` reached
 * as ctx->app, the loader and the whole-file checks.
 */
#include "pstn_conf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pstn_ep_kind_name(enum pstn_ep_kind k)
{
	switch (k) {
	case PSTN_EP_PTY:
		return "pty";
	case PSTN_EP_TCP:
		return "tcp";
	case PSTN_EP_ATTACH:
		return "attach";
	case PSTN_EP_NONE:
		break;
	}
	return "none";
}

void pstn_cfg_init(struct pstn_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->attach_path, sizeof(cfg->attach_path), "%s",
		 "/run/pstn/attach.sock");
	snprintf(cfg->vty_path, sizeof(cfg->vty_path), "%s",
		 "/run/pstn/pstn.vty");
	cfg->connect_delay_ms = 500;
}

void pstn_cfg_free(struct pstn_cfg *cfg)
{
	free(cfg->subs);
	cfg->subs = NULL;
	cfg->nsubs = 0;
}

struct pstn_sub_cfg *pstn_cfg_sub(const struct pstn_cfg *cfg,
				  const char *number)
{
	for (size_t i = 0; i < cfg->nsubs; i++)
		if (strcmp(cfg->subs[i].number, number) == 0)
			return &cfg->subs[i];
	return NULL;
}

static struct pstn_cfg *cfg_of(struct cmd_ctx *ctx)
{
	return ctx->app;
}

/* The subscriber of the current submode. */
static struct pstn_sub_cfg *cur_sub(struct cmd_ctx *ctx)
{
	return pstn_cfg_sub(cfg_of(ctx), cmd_ctx_key(ctx));
}

static bool set_path(struct cmd_ctx *ctx, char *dst, size_t size,
		     const char *path)
{
	if (path[0] != '/' || strlen(path) >= size) {
		cmd_error(ctx, "%% Path must be absolute and shorter than %zu "
			       "characters",
			  size);
		return false;
	}
	snprintf(dst, size, "%s", path);
	return true;
}

static int c_attach_socket(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_cfg *cfg = cfg_of(ctx);

	return set_path(ctx, cfg->attach_path, sizeof(cfg->attach_path),
			cmd_arg_str(args, "PATH"))
		       ? 0
		       : -1;
}

static int c_cli_socket(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_cfg *cfg = cfg_of(ctx);

	return set_path(ctx, cfg->vty_path, sizeof(cfg->vty_path),
			cmd_arg_str(args, "PATH"))
		       ? 0
		       : -1;
}

static int c_connect_delay(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	cfg_of(ctx)->connect_delay_ms =
		(uint32_t)cmd_arg_num(args, "ms", 500);
	return 0;
}

static int c_debug(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_cfg *cfg = cfg_of(ctx);
	unsigned bit = cmd_arg_has(args, "at")        ? PSTN_DBG_AT
		       : cmd_arg_has(args, "calls")   ? PSTN_DBG_CALLS
		       : cmd_arg_has(args, "signals") ? PSTN_DBG_SIGNALS
						      : PSTN_DBG_AT |
								PSTN_DBG_CALLS |
								PSTN_DBG_SIGNALS;

	if (ctx->negate)
		cfg->debug &= ~bit;
	else
		cfg->debug |= bit;
	return 0;
}

static int c_subscriber(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_cfg *cfg = cfg_of(ctx);
	const char *num = cmd_arg_str(args, "NUMBER");
	char norm[PSTN_NUMBER_MAX + 1];
	struct pstn_sub_cfg *sub, *nsubs;
	int rc = pstn_number_normalise(num, norm, sizeof(norm));

	if (rc < 0)
		return cmd_error(ctx, "%% Invalid subscriber number \"%s\"%s",
				 num,
				 rc == -ENAMETOOLONG ? " (too many digits)"
						     : "");
	sub = pstn_cfg_sub(cfg, norm);
	if (ctx->negate) {
		if (sub) {
			size_t i = (size_t)(sub - cfg->subs);
			memmove(sub, sub + 1,
				(cfg->nsubs - i - 1) * sizeof(*sub));
			cfg->nsubs--;
		}
		return 0;
	}
	if (!sub) {
		nsubs = realloc(cfg->subs, (cfg->nsubs + 1) * sizeof(*nsubs));
		if (!nsubs)
			return cmd_error(ctx, "%% Out of memory");
		cfg->subs = nsubs;
		sub = &cfg->subs[cfg->nsubs++];
		memset(sub, 0, sizeof(*sub));
		memcpy(sub->number, norm, sizeof(sub->number));
		sub->lineno = ctx->lineno;
		sub->line.speed_bps = 33600;
		sub->line.answer = PSTN_ANSWER_AUTO;
		sub->line.answer_rings = 1;
		snprintf(sub->tcp_addr, sizeof(sub->tcp_addr), "127.0.0.1");
	}
	cmd_enter(ctx, CMD_MODE_LINE, norm);
	return 0;
}

static int c_description(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	snprintf(sub->description, sizeof(sub->description), "%s",
		 ctx->negate ? "" : cmd_arg_str(args, "LINE"));
	return 0;
}

static int c_endpoint(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	sub->ep_lineno = ctx->lineno;
	if (cmd_arg_has(args, "pty")) {
		const char *path = cmd_arg_str(args, "PATH");

		if (path[0] != '/' || strlen(path) >= sizeof(sub->pty_path))
			return cmd_error(ctx, "%% The pty link must be an "
					      "absolute path");
		sub->ep = PSTN_EP_PTY;
		snprintf(sub->pty_path, sizeof(sub->pty_path), "%s", path);
	} else if (cmd_arg_has(args, "tcp")) {
		const char *addr = cmd_arg_str(args, "ADDRESS");

		sub->ep = PSTN_EP_TCP;
		sub->tcp_port = (uint16_t)cmd_arg_num(args, "port", 0);
		snprintf(sub->tcp_addr, sizeof(sub->tcp_addr), "%s",
			 addr ? addr : "127.0.0.1");
	} else {
		sub->ep = PSTN_EP_ATTACH;
	}
	return 0;
}

static int c_isdn(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	if (ctx->negate)
		sub->isdn = 0;
	else if (cmd_arg_has(args, "bri"))
		sub->isdn = PSTN_ROLE_BRI;
	else if (cmd_arg_has(args, "pri-e1"))
		sub->isdn = PSTN_ROLE_PRI_E1;
	else
		sub->isdn = PSTN_ROLE_PRI_T1;
	return 0;
}

static int c_speed(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	sub->line.speed_bps = (uint32_t)cmd_arg_num(args, "bps", 33600);
	return 0;
}

static int c_answer(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	if (cmd_arg_has(args, "auto")) {
		sub->line.answer = PSTN_ANSWER_AUTO;
		sub->line.answer_rings = (unsigned)cmd_arg_num(args, "rings",
							       1);
	} else if (cmd_arg_has(args, "manual")) {
		sub->line.answer = PSTN_ANSWER_MANUAL;
	} else if (cmd_arg_has(args, "never")) {
		sub->line.answer = PSTN_ANSWER_NEVER;
	} else {
		sub->line.answer = PSTN_ANSWER_BUSY;
	}
	return 0;
}

static int c_latency(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	sub->line.latency_ms =
		ctx->negate ? 0 : (uint32_t)cmd_arg_num(args, "ms", 0);
	return 0;
}

static int c_ber(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);
	const char *s = cmd_arg_str(args, "RATE");
	char *end = NULL;
	double v;

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	if (ctx->negate) {
		sub->line.ber = 0;
		return 0;
	}
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0.0 && v <= 1.0))
		return cmd_error(ctx, "%% Bit-error rate must be a number from "
				      "0 to 1 (e.g. 1e-5)");
	sub->line.ber = v;
	return 0;
}

static int c_seed(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	sub->line.seed = (uint64_t)cmd_arg_num(args, "value", 0);
	return 0;
}

static int c_flag(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct pstn_sub_cfg *sub = cur_sub(ctx);

	(void)args;
	if (!sub)
		return cmd_error(ctx, "%% No subscriber");
	if (ctx->def->data == 0)
		sub->hangup_on_carrier_loss = !ctx->negate;
	else
		sub->shutdown = !ctx->negate;
	return 0;
}

static const struct cmd_def conf_defs[] = {
	{CMD_MODE_CONFIG, "attach-socket WORD$PATH",
	 "Unix SOCK_SEQPACKET socket for attachments (nasd, clients)\n"
	 "Absolute path",
	 c_attach_socket, 0, 0},
	{CMD_MODE_CONFIG, "cli-socket WORD$PATH",
	 "Unix socket of the pstn CLI (nas -s PATH)\n"
	 "Absolute path",
	 c_cli_socket, 0, 0},
	{CMD_MODE_CONFIG, "connect-delay <0-60000>$ms",
	 "Time from answer to CONNECT (modem training)\n"
	 "Milliseconds",
	 c_connect_delay, 0, 0},
	{CMD_MODE_CONFIG, "debug [at|calls|signals]",
	 "Debugging output to stderr from the start\n"
	 "AT commands and result codes\n"
	 "Call progress\n"
	 "DTR, DCD, DSR, RI and CTS changes",
	 c_debug, CMD_NO, 0},
	{CMD_MODE_CONFIG, "subscriber WORD$NUMBER",
	 "A subscriber line\n"
	 "Its number (digits; punctuation is dropped)",
	 c_subscriber, CMD_NO, 0},
	{CMD_MODE_LINE, "description LINE",
	 "Free text shown by show subscribers\n"
	 "Text",
	 c_description, CMD_NO, 0},
	{CMD_MODE_LINE,
	 "endpoint {pty WORD$PATH|tcp <1-65535>$port [A.B.C.D$ADDRESS]|attach}",
	 "What plays the DTE of the line's modem\n"
	 "A pseudo-terminal, its slave linked at PATH\n"
	 "Absolute path of the link\n"
	 "A TCP port speaking the AT dialect (as tcpser)\n"
	 "Port number\n"
	 "Listen address (default 127.0.0.1)\n"
	 "A client of the attach socket (nasd's modem pool)",
	 c_endpoint, 0, 0},
	{CMD_MODE_LINE, "isdn {pri-t1|pri-e1|bri}",
	 "An ISDN attachment instead of an analog line\n"
	 "Primary rate, T1: 23B+D\n"
	 "Primary rate, E1: 30B+D\n"
	 "Basic rate: 2B+D",
	 c_isdn, CMD_NO, 0},
	{CMD_MODE_LINE, "speed <300-115200>$bps",
	 "Highest connect speed of the line's modem\n"
	 "Bit/s",
	 c_speed, 0, 0},
	{CMD_MODE_LINE, "answer {auto [<1-255>$rings]|manual|never|busy}",
	 "How the line answers calls\n"
	 "The modem auto-answers (S0)\n"
	 "After this many rings (default 1)\n"
	 "Only when the DTE sends ATA\n"
	 "Rings, but never makes carrier\n"
	 "Every call gets BUSY",
	 c_answer, 0, 0},
	{CMD_MODE_LINE, "latency <0-60000>$ms",
	 "One-way delay of the line\n"
	 "Milliseconds",
	 c_latency, CMD_NO, 0},
	{CMD_MODE_LINE, "ber WORD$RATE",
	 "Line noise: probability that a bit flips\n"
	 "A number from 0 to 1, e.g. 1e-3",
	 c_ber, CMD_NO, 0},
	{CMD_MODE_LINE, "latency",
	 "One-way delay of the line (no latency: none)",
	 c_latency, CMD_NO_ONLY, 0},
	{CMD_MODE_LINE, "ber",
	 "Line noise (no ber: none)",
	 c_ber, CMD_NO_ONLY, 0},
	{CMD_MODE_LINE, "seed <0-4294967295>$value",
	 "Seed of the line-noise generator (repeatable runs)\n"
	 "Seed",
	 c_seed, 0, 0},
	{CMD_MODE_LINE, "hangup-on-carrier-loss",
	 "Hang up the pty (close and re-create it) when carrier is lost",
	 c_flag, CMD_NO, 0},
	{CMD_MODE_LINE, "shutdown",
	 "Take the line out of service (no dial tone, not reachable)",
	 c_flag, CMD_NO, 1},
};

int pstn_cfg_install(struct cmd_table *t)
{
	return cmd_install(t, conf_defs, sizeof(conf_defs) / sizeof(conf_defs[0]));
}

static void check_error(struct strbuf *errs, const char *name, unsigned line,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void check_error(struct strbuf *errs, const char *name, unsigned line,
			const char *fmt, ...)
{
	va_list ap;

	sb_printf(errs, "%s:%u: %% ", name, line);
	va_start(ap, fmt);
	sb_vprintf(errs, fmt, ap);
	va_end(ap);
	sb_puts(errs, "\n");
}

/* Whole-file checks, after every line was accepted. */
static bool cfg_check(const struct pstn_cfg *cfg, const char *name,
		      struct strbuf *errs)
{
	bool ok = true;

	for (size_t i = 0; i < cfg->nsubs; i++) {
		const struct pstn_sub_cfg *s = &cfg->subs[i];

		if (s->ep == PSTN_EP_NONE) {
			check_error(errs, name, s->lineno,
				    "subscriber %s has no endpoint", s->number);
			ok = false;
			continue;
		}
		if (s->isdn && s->ep != PSTN_EP_ATTACH) {
			check_error(errs, name, s->ep_lineno,
				    "ISDN subscriber %s needs endpoint attach",
				    s->number);
			ok = false;
		}
		for (size_t j = 0; j < i; j++) {
			const struct pstn_sub_cfg *o = &cfg->subs[j];

			if (s->ep == PSTN_EP_PTY && o->ep == PSTN_EP_PTY &&
			    strcmp(s->pty_path, o->pty_path) == 0) {
				check_error(errs, name, s->ep_lineno,
					    "pty %s is already subscriber %s's",
					    s->pty_path, o->number);
				ok = false;
			}
			if (s->ep == PSTN_EP_TCP && o->ep == PSTN_EP_TCP &&
			    s->tcp_port == o->tcp_port) {
				check_error(errs, name, s->ep_lineno,
					    "tcp port %u is already subscriber "
					    "%s's",
					    s->tcp_port, o->number);
				ok = false;
			}
		}
	}
	return ok;
}

int pstn_cfg_load_text(struct pstn_cfg *cfg, const struct cmd_table *t,
		       const char *name, const char *text, size_t len,
		       struct strbuf *errs)
{
	struct strbuf scratch = STRBUF_INIT;
	struct cmd_ctx ctx;
	unsigned lineno = 0;
	size_t pos = 0;
	bool failed = false;
	char line[1024];

	cmd_ctx_init(&ctx, CMD_MODE_EXEC);
	cmd_reset_mode(&ctx, CMD_MODE_CONFIG);
	ctx.app = cfg;
	ctx.file = name;
	ctx.out = &scratch;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		struct cmd_result res;
		const char *src = text + pos;

		lineno++;
		pos += n + (nl ? 1 : 0);
		if (memchr(src, '\0', n)) {
			check_error(errs, name, lineno, "NUL character in line");
			failed = true;
			continue;
		}
		if (n >= sizeof(line)) {
			check_error(errs, name, lineno, "Line too long");
			failed = true;
			continue;
		}
		memcpy(line, src, n);
		line[n] = '\0';
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		ctx.lineno = lineno;
		sb_reset(&scratch);
		if (cmd_execute(t, &ctx, line, &res) != CMD_OK) {
			cmd_error_format_file(&res, name, lineno, errs);
			failed = true;
			continue;
		}
		if (!cmd_mode_is_config(cmd_ctx_mode(&ctx)))
			break; /* `end` */
	}
	sb_free(&scratch);
	if (!failed && !cfg_check(cfg, name, errs))
		failed = true;
	return failed ? -EINVAL : 0;
}

int pstn_cfg_load_file(struct pstn_cfg *cfg, const struct cmd_table *t,
		       const char *path, struct strbuf *errs)
{
	struct strbuf text = STRBUF_INIT;
	char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n;
	int rc;

	if (!f) {
		sb_printf(errs, "%s: %s\n", path, strerror(errno));
		return -errno;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_putn(&text, buf, n);
	if (ferror(f) || text.oom) {
		sb_printf(errs, "%s: read error\n", path);
		fclose(f);
		sb_free(&text);
		return -EIO;
	}
	fclose(f);
	rc = pstn_cfg_load_text(cfg, t, path, text.s ? text.s : "", text.len,
				errs);
	sb_free(&text);
	return rc;
}
