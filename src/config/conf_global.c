/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_global.c - global configuration commands that nasd implements:
 * version, hostname, service (password-encryption, timestamps,
 * exec-callback), enable, username, aaa, ip local pool, name
 * servers, async-bootp, logging, chat-script; plus the helpers shared by
 * all handlers (conf_int.h) and config_install_commands().
 */
#include "conf_int.h"
#include "pwd7.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int conf_need_cand(struct cmd_ctx *ctx)
{
	return cmd_error(ctx, "%% No configuration to edit");
}

int conf_strcpy(struct cmd_ctx *ctx, char *dst, size_t size, const char *src)
{
	if (strlen(src) >= size)
		return cmd_error(ctx, "%% String too long (at most %zu "
				      "characters)",
				 size - 1);
	memset(dst, 0, size);
	memcpy(dst, src, strlen(src));
	return 0;
}

int conf_password(struct cmd_ctx *ctx, const struct cmd_args *args,
		  const char *name, char *dst, size_t size)
{
	const char *text = cmd_arg_str(args, name);
	const char *why;
	char clear[CONFIG_TEXT_MAX];

	if (!text)
		return cmd_error(ctx, "%% Password missing");
	if (!cmd_arg_has(args, "7"))
		return conf_strcpy(ctx, dst, size, text);
	if (pwd7_decode(text, clear, sizeof(clear), &why) != 0)
		return cmd_error(ctx, "%% Invalid encrypted password: %s", why);
	return conf_strcpy(ctx, dst, size, clear);
}

void conf_write_password(const struct config *cfg, struct strbuf *sb,
			 const char *prefix, const char *clear)
{
	if (cfg->password_encryption) {
		sb_printf(sb, "%s 7 ", prefix);
		pwd7_encode(clear, sb);
		return;
	}
	/* "0 x", "7 x" or "5 x" in clear would read back as a type. */
	if ((clear[0] == '0' || clear[0] == '5' || clear[0] == '7') &&
	    (clear[1] == ' ' || clear[1] == '\t'))
		sb_printf(sb, "%s 0 %s", prefix, clear);
	else
		sb_printf(sb, "%s %s", prefix, clear);
}

/* ---- simple globals ------------------------------------------------------ */

static int c_version(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	CONF_CAND(ctx);
	if (ctx->negate || ctx->deflt) {
		ctx->cand->version[0] = '\0';
		return 0;
	}
	return conf_strcpy(ctx, ctx->cand->version,
			   sizeof(ctx->cand->version),
			   cmd_arg_str(args, "WORD"));
}

static int c_hostname(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "WORD");

	CONF_CAND(ctx);
	if (ctx->negate || ctx->deflt)
		name = "Router";
	if (!name[0] || strpbrk(name, " \t\""))
		return cmd_error(ctx, "%% Invalid hostname \"%s\"", name);
	return conf_strcpy(ctx, ctx->cand->hostname,
			   sizeof(ctx->cand->hostname), name);
}

static int c_service_pwenc(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	CONF_CAND(ctx);
	ctx->cand->password_encryption = !(ctx->negate || ctx->deflt);
	return 0;
}

/* `service exec-callback` (seed 003): EXEC logins of users with a
 * callback-dialstring are called back (src/daemon/line_exec.c). */
static int c_service_execcb(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	CONF_CAND(ctx);
	ctx->cand->exec_callback = !(ctx->negate || ctx->deflt);
	return 0;
}

static int c_service_ts(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_timestamps *ts;

	CONF_CAND(ctx);
	ts = cmd_arg_has(args, "debug") ? &ctx->cand->ts_debug
					: &ctx->cand->ts_log;
	memset(ts, 0, sizeof(*ts));
	ts->kind = CONFIG_TS_UPTIME;
	if (ctx->deflt)
		return 0;
	ts->set = true;
	if (ctx->negate) {
		ts->kind = CONFIG_TS_NONE;
		return 0;
	}
	if (cmd_arg_has(args, "datetime")) {
		ts->kind = CONFIG_TS_DATETIME;
		ts->msec = cmd_arg_has(args, "msec");
		ts->localtime = cmd_arg_has(args, "localtime");
		ts->show_timezone = cmd_arg_has(args, "show-timezone");
		ts->year = cmd_arg_has(args, "year");
	}
	return 0;
}

static int c_enable_secret(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *text = cmd_arg_str(args, "LINE");
	char *dst;

	CONF_CAND(ctx);
	dst = ctx->cand->enable_secret;
	if (ctx->negate || ctx->deflt) {
		dst[0] = '\0';
		return 0;
	}
	if (cmd_arg_has(args, "5")) {
		if (strncmp(text, "$1$", 3) != 0 || strpbrk(text, " \t"))
			return cmd_error(ctx, "%% Invalid encrypted secret "
					      "(expected an MD5-crypt $1$ "
					      "hash)");
		return conf_strcpy(ctx, dst, CONFIG_PASS_MAX, text);
	}
	if (pwd5_hash(text, dst, CONFIG_PASS_MAX) != 0)
		return cmd_error(ctx, "%% Could not hash the secret");
	return 0;
}

static int c_enable_password(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	CONF_CAND(ctx);
	if (ctx->negate || ctx->deflt) {
		ctx->cand->enable_password[0] = '\0';
		return 0;
	}
	return conf_password(ctx, args, "LINE", ctx->cand->enable_password,
			     sizeof(ctx->cand->enable_password));
}

/* ---- username ------------------------------------------------------------ */

static int user_remove(struct config *cfg, const char *name)
{
	struct config_user *u = config_user_find(cfg, name);

	if (u) {
		size_t at = (size_t)(u - cfg->users);

		memmove(u, u + 1, (cfg->nusers - at - 1) * sizeof(*u));
		cfg->nusers--;
	}
	return 0;
}

static int c_username(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "name");
	struct config_user u, *nv;
	const char *dial = cmd_arg_str(args, "dial");
	int rc;

	CONF_CAND(ctx);
	if (ctx->negate || ctx->deflt)
		return user_remove(ctx->cand, name);
	memset(&u, 0, sizeof(u));
	if ((rc = conf_strcpy(ctx, u.name, sizeof(u.name), name)) != 0)
		return rc;
	if (!name[0])
		return cmd_error(ctx, "%% Invalid user name");
	u.privilege = (int)cmd_arg_num(args, "<0-15>", -1);
	u.callback_rotary = (int)cmd_arg_num(args, "<1-100>", -1);
	if (dial) {
		u.has_dialstring = true;
		if ((rc = conf_strcpy(ctx, u.dialstring, sizeof(u.dialstring),
				      dial)) != 0)
			return rc;
	}
	u.callback_line_kind = -1;
	u.callback_line_last = -1;
	if (cmd_arg_has(args, "callback-line")) {
		u.has_callback_line = true;
		if (cmd_arg_has(args, "tty"))
			u.callback_line_kind = CONFIG_LINE_TTY;
		else if (cmd_arg_has(args, "aux"))
			u.callback_line_kind = CONFIG_LINE_AUX;
		u.callback_line_first = (int)cmd_arg_num(args, "cbfirst", 0);
		u.callback_line_last = (int)cmd_arg_num(args, "cblast", -1);
	}
	u.nocallback_verify = cmd_arg_has(args, "nocallback-verify");
	u.nohangup = cmd_arg_has(args, "nohangup");
	if (cmd_arg_has(args, "nopassword")) {
		u.nopassword = true;
	} else if (cmd_arg_has(args, "secret")) {
		const char *text = cmd_arg_str(args, "secret_text");

		u.secret = true;
		if (cmd_arg_has(args, "5")) {
			if (strncmp(text, "$1$", 3) != 0 ||
			    strpbrk(text, " \t"))
				return cmd_error(ctx, "%% Invalid encrypted "
						      "secret");
			rc = conf_strcpy(ctx, u.password, sizeof(u.password),
					 text);
		} else if (pwd5_hash(text, u.password, sizeof(u.password))) {
			rc = cmd_error(ctx, "%% Could not hash the secret");
		}
	} else {
		rc = conf_password(ctx, args, "pass", u.password,
				   sizeof(u.password));
	}
	if (rc)
		return rc;
	/* IOS keeps one entry per name; a new line replaces it. */
	nv = config_user_find(ctx->cand, name);
	if (nv) {
		*nv = u;
		return 0;
	}
	nv = realloc(ctx->cand->users,
		     (ctx->cand->nusers + 1) * sizeof(*nv));
	if (!nv)
		return cmd_error(ctx, "%% Out of memory");
	ctx->cand->users = nv;
	nv[ctx->cand->nusers++] = u;
	return 0;
}

/* ---- aaa ----------------------------------------------------------------- */

static int c_aaa_new_model(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	(void)args;
	CONF_CAND(ctx);
	ctx->cand->aaa_new_model = !(ctx->negate || ctx->deflt);
	return 0;
}

static struct config_aaa_list *aaa_find(struct config *cfg, bool authz,
					enum config_aaa_service svc,
					bool has_name, const char *name)
{
	for (size_t i = 0; i < cfg->naaa; i++) {
		struct config_aaa_list *l = &cfg->aaa[i];

		if (l->authorization == authz && l->service == svc &&
		    l->has_name == has_name &&
		    (!has_name || strcmp(l->name, name) == 0))
			return l;
	}
	return NULL;
}

static int c_aaa_list(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	bool authz = cmd_arg_has(args, "authorization");
	struct config_aaa_list l, *found;
	size_t i;
	int rc;

	CONF_CAND(ctx);
	memset(&l, 0, sizeof(l));
	l.authorization = authz;
	for (int s = 0; s < CONFIG_AAA__COUNT; s++)
		if (cmd_arg_has(args, config_aaa_service_names[s]))
			l.service = (enum config_aaa_service)s;
	l.has_name = cmd_arg_has(args, "default") || cmd_arg_has(args, "list");
	if ((rc = conf_strcpy(ctx, l.name, sizeof(l.name),
			      cmd_arg_has(args, "default")
				      ? "default"
				      : (cmd_arg_str(args, "list")
						 ? cmd_arg_str(args, "list")
						 : ""))) != 0)
		return rc;
	found = aaa_find(ctx->cand, authz, l.service, l.has_name, l.name);
	if (ctx->negate || ctx->deflt) {
		if (found) {
			size_t at = (size_t)(found - ctx->cand->aaa);

			memmove(found, found + 1,
				(ctx->cand->naaa - at - 1) * sizeof(*found));
			ctx->cand->naaa--;
		}
		return 0;
	}
	/* Methods follow "aaa authentication SERVICE LIST" (4 words) or
	 * "aaa authorization SERVICE [LIST]". */
	i = 3 + (l.has_name ? 1 : 0);
	for (; i < args->n; i++) {
		const struct cmd_arg *a = &args->v[i];
		struct config_aaa_method *m;

		if (l.nmethods == CONFIG_AAA_MAX_METHODS)
			return cmd_error(ctx, "%% At most %d methods",
					 CONFIG_AAA_MAX_METHODS);
		m = &l.methods[l.nmethods++];
		if (a->kind == CMD_TOK_KEYWORD &&
		    strcmp(a->value, "group") == 0 && i + 1 < args->n) {
			const struct cmd_arg *g = &args->v[++i];

			if (g->kind == CMD_TOK_KEYWORD &&
			    strcmp(g->value, "radius") == 0)
				m->kind = CONFIG_METHOD_RADIUS;
			else if (g->kind == CMD_TOK_KEYWORD)
				m->kind = CONFIG_METHOD_TACACS;
			else {
				m->kind = CONFIG_METHOD_GROUP;
				if ((rc = conf_strcpy(ctx, m->group,
						      sizeof(m->group),
						      g->value)) != 0)
					return rc;
			}
			continue;
		}
		for (int k = 0; k < CONFIG_METHOD__COUNT; k++)
			if (strcmp(a->value, config_method_names[k]) == 0)
				m->kind = (enum config_method)k;
	}
	if (found) {
		*found = l;
		return 0;
	}
	found = realloc(ctx->cand->aaa, (ctx->cand->naaa + 1) * sizeof(l));
	if (!found)
		return cmd_error(ctx, "%% Out of memory");
	ctx->cand->aaa = found;
	found[ctx->cand->naaa++] = l;
	return 0;
}

/* ---- pools, servers, logging, chat --------------------------------------- */

static int c_ip_local_pool(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "pool_name");
	struct config *cfg;
	struct config_pool *p;
	uint32_t first, last;
	int rc;

	CONF_CAND(ctx);
	cfg = ctx->cand;
	p = config_pool_find(cfg, name);
	if (!cmd_arg_ipv4(args, "first", &first)) {
		/* no ip local pool NAME */
		if (p) {
			size_t at = (size_t)(p - cfg->pools);

			memmove(p, p + 1, (cfg->npools - at - 1) * sizeof(*p));
			cfg->npools--;
		}
		return 0;
	}
	if (!cmd_arg_ipv4(args, "last", &last))
		last = first;
	if (last < first)
		return cmd_error(ctx, "%% Bad IP address range: last address "
				      "below first");
	if (ctx->negate || ctx->deflt) {
		if (!p)
			return 0;
		for (size_t i = 0; i < p->nranges; i++) {
			if (p->ranges[i].first == first &&
			    p->ranges[i].last == last) {
				memmove(&p->ranges[i], &p->ranges[i + 1],
					(p->nranges - i - 1) *
						sizeof(p->ranges[0]));
				p->nranges--;
				break;
			}
		}
		return 0;
	}
	if (!p) {
		p = realloc(cfg->pools, (cfg->npools + 1) * sizeof(*p));
		if (!p)
			return cmd_error(ctx, "%% Out of memory");
		cfg->pools = p;
		p = &cfg->pools[cfg->npools];
		memset(p, 0, sizeof(*p));
		if ((rc = conf_strcpy(ctx, p->name, sizeof(p->name), name)))
			return rc;
		cfg->npools++;
	}
	for (size_t i = 0; i < p->nranges; i++)
		if (first <= p->ranges[i].last && p->ranges[i].first <= last)
			return cmd_error(ctx, "%% Range overlaps an existing "
					      "range of pool %s",
					 name);
	if (p->nranges == CONFIG_POOL_MAX_RANGES)
		return cmd_error(ctx, "%% Too many ranges in pool %s", name);
	p->ranges[p->nranges].first = first;
	p->ranges[p->nranges].last = last;
	p->nranges++;
	return 0;
}

/* Add or (negated) remove the addresses of args in a small array. */
static int addr_list(struct cmd_ctx *ctx, const struct cmd_args *args,
		     uint32_t *v, size_t *n, size_t max)
{
	size_t cnt = cmd_arg_count(args, "A.B.C.D");

	if ((ctx->negate || ctx->deflt) && cnt == 0) {
		*n = 0;
		return 0;
	}
	for (size_t i = 0; i < cnt; i++) {
		uint32_t a = cmd_arg_nth(args, "A.B.C.D", i)->ip4;
		size_t k;

		for (k = 0; k < *n && v[k] != a; k++)
			;
		if (ctx->negate || ctx->deflt) {
			if (k < *n) {
				memmove(&v[k], &v[k + 1],
					(*n - k - 1) * sizeof(*v));
				(*n)--;
			}
		} else if (k == *n) {
			if (*n == max)
				return cmd_error(ctx, "%% At most %zu servers",
						 max);
			v[(*n)++] = a;
		}
	}
	return 0;
}

static int c_name_server(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	CONF_CAND(ctx);
	return addr_list(ctx, args, ctx->cand->name_servers,
			 &ctx->cand->nname_servers, 6);
}

static int c_async_bootp(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	bool dns = cmd_arg_has(args, "dns-server");
	uint32_t *v;
	size_t *n;

	CONF_CAND(ctx);
	v = dns ? ctx->cand->bootp_dns : ctx->cand->bootp_nbns;
	n = dns ? &ctx->cand->nbootp_dns : &ctx->cand->nbootp_nbns;
	/* IOS replaces the pair on every line. */
	if (!(ctx->negate || ctx->deflt))
		*n = 0;
	return addr_list(ctx, args, v, n, 2);
}

static int c_domain_name(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	CONF_CAND(ctx);
	if (ctx->negate || ctx->deflt) {
		ctx->cand->domain_name[0] = '\0';
		return 0;
	}
	return conf_strcpy(ctx, ctx->cand->domain_name,
			   sizeof(ctx->cand->domain_name),
			   cmd_arg_str(args, "WORD"));
}

static int c_logging(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	bool on = !(ctx->negate || ctx->deflt);

	CONF_CAND(ctx);
	if (cmd_arg_has(args, "syslog")) {
		ctx->cand->logging_syslog = on;
		return 0;
	}
	ctx->cand->logging_buffered = on;
	ctx->cand->logging_buffered_bytes =
		on ? (unsigned)cmd_arg_num(args, "<4096-2147483647>", 0) : 0;
	return 0;
}

static int c_chat_script(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *name = cmd_arg_str(args, "script");
	struct config *cfg;
	struct config_chat *c;
	int rc;

	CONF_CAND(ctx);
	cfg = ctx->cand;
	c = config_chat_find(cfg, name);
	if (ctx->negate || ctx->deflt) {
		if (c) {
			size_t at = (size_t)(c - cfg->chats);

			memmove(c, c + 1, (cfg->nchats - at - 1) * sizeof(*c));
			cfg->nchats--;
		}
		return 0;
	}
	if (!c) {
		c = realloc(cfg->chats, (cfg->nchats + 1) * sizeof(*c));
		if (!c)
			return cmd_error(ctx, "%% Out of memory");
		cfg->chats = c;
		c = &cfg->chats[cfg->nchats];
		memset(c, 0, sizeof(*c));
		if ((rc = conf_strcpy(ctx, c->name, sizeof(c->name), name)))
			return rc;
		cfg->nchats++;
	}
	return conf_strcpy(ctx, c->text, sizeof(c->text),
			   cmd_arg_str(args, "LINE"));
}

#define AAA_METHODS                                                            \
	"{local|local-case|none|if-needed|line|enable|group "                  \
	"{radius|tacacs+|WORD$server_group}}..."
#define AAA_METHODS_HELP                                                       \
	"Use local username authentication\n"                                  \
	"Use case-sensitive local username authentication\n"                   \
	"NO authentication\n"                                                  \
	"Only authenticate if needed\n"                                        \
	"Use line password for authentication\n"                               \
	"Use enable password for authentication\n"                             \
	"Use Server-group\n"                                                   \
	"Use list of all Radius hosts\n"                                       \
	"Use list of all Tacacs+ hosts\n"                                      \
	"Server-group name"

static const struct cmd_def global_defs[] = {
	{CMD_MODE_CONFIG, "version WORD", "Version\nVersion number",
	 c_version, CMD_NO, 0},
	{CMD_MODE_CONFIG, "hostname WORD",
	 "Set system's network name\nThis system's network name", c_hostname,
	 CMD_NO, 0},
	{CMD_MODE_CONFIG, "service password-encryption",
	 "Modify use of network based services\nEncrypt system passwords",
	 c_service_pwenc, CMD_NO, 0},
	{CMD_MODE_CONFIG, "service exec-callback",
	 "Modify use of network based services\nEnable exec callback",
	 c_service_execcb, CMD_NO, 0},
	{CMD_MODE_CONFIG,
	 "service timestamps {debug|log} [uptime|datetime [msec] [localtime] "
	 "[show-timezone] [year]]",
	 "Modify use of network based services\n"
	 "Timestamp debug/log messages\n"
	 "Timestamp debug messages\n"
	 "Timestamp log messages\n"
	 "Timestamp with system uptime\n"
	 "Timestamp with date and time\n"
	 "Include milliseconds in timestamp\n"
	 "Use local time zone for timestamps\n"
	 "Add time zone information to timestamp\n"
	 "Include year in timestamp",
	 c_service_ts, CMD_NO, 0},
	{CMD_MODE_CONFIG, "enable secret [0|5] LINE",
	 "Modify enable password parameters\n"
	 "Assign the privileged level secret\n"
	 "Specifies an UNENCRYPTED password will follow\n"
	 "Specifies an ENCRYPTED secret will follow\n"
	 "The secret",
	 c_enable_secret, CMD_NO, 0},
	{CMD_MODE_CONFIG, "enable secret",
	 "Modify enable password parameters\n"
	 "Assign the privileged level secret",
	 c_enable_secret, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG, "enable password [0|7] LINE",
	 "Modify enable password parameters\n"
	 "Assign the privileged level password\n"
	 "Specifies an UNENCRYPTED password will follow\n"
	 "Specifies a HIDDEN password will follow\n"
	 "The password",
	 c_enable_password, CMD_NO, 0},
	{CMD_MODE_CONFIG, "enable password",
	 "Modify enable password parameters\n"
	 "Assign the privileged level password",
	 c_enable_password, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG,
	 "username WORD$name [{privilege <0-15> | callback-dialstring "
	 "WORD$dial | callback-rotary <1-100> | callback-line [tty|aux] "
	 "<0-1023>$cbfirst [<0-1023>$cblast] | nocallback-verify | "
	 "nohangup}...] {password [0|7] LINE$pass | secret [0|5] "
	 "LINE$secret_text | nopassword}",
	 "Establish User Name Authentication\n"
	 "User name\n"
	 "Set user privilege level\n"
	 "User privilege level\n"
	 "Callback dialstring (\"\" = the client supplies it)\n"
	 "Dial string\n"
	 "Associate a rotary group with this username\n"
	 "Rotary group number\n"
	 "Associate a specific line with this callback\n"
	 "TTY line\n"
	 "Auxiliary line\n"
	 "First line number\n"
	 "Last line number\n"
	 "Do not require authentication after callback\n"
	 "Do not disconnect after an automatic command\n"
	 "Specify the password for the user\n"
	 "Specifies an UNENCRYPTED password will follow\n"
	 "Specifies a HIDDEN password will follow\n"
	 "The password\n"
	 "Specify the secret for the user\n"
	 "Specifies an UNENCRYPTED secret will follow\n"
	 "Specifies an ENCRYPTED secret will follow\n"
	 "The secret\n"
	 "No password is required for the user to log in",
	 c_username, CMD_NO, 0},
	{CMD_MODE_CONFIG, "username WORD$name",
	 "Establish User Name Authentication\nUser name", c_username,
	 CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG, "aaa new-model",
	 "Authentication, Authorization and Accounting.\n"
	 "Enable NEW access control commands and functions.",
	 c_aaa_new_model, CMD_NO, 0},
	{CMD_MODE_CONFIG,
	 "aaa authentication {login|ppp} {default|WORD$list} " AAA_METHODS,
	 "Authentication, Authorization and Accounting.\n"
	 "Authentication configurations parameters.\n"
	 "Set authentication lists for logins.\n"
	 "Set authentication lists for ppp.\n"
	 "The default authentication list.\n"
	 "Named authentication list.\n" AAA_METHODS_HELP,
	 c_aaa_list, CMD_NO, 0},
	{CMD_MODE_CONFIG, "aaa authentication {login|ppp} {default|WORD$list}",
	 "Authentication, Authorization and Accounting.\n"
	 "Authentication configurations parameters.\n"
	 "Set authentication lists for logins.\n"
	 "Set authentication lists for ppp.\n"
	 "The default authentication list.\n"
	 "Named authentication list.",
	 c_aaa_list, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG,
	 "aaa authorization {network|exec} [default|WORD$list] " AAA_METHODS,
	 "Authentication, Authorization and Accounting.\n"
	 "Authorization configurations parameters.\n"
	 "For network services.\n"
	 "For starting an exec (shell).\n"
	 "The default authorization list.\n"
	 "Named authorization list.\n" AAA_METHODS_HELP,
	 c_aaa_list, CMD_NO, 0},
	{CMD_MODE_CONFIG, "aaa authorization {network|exec} [default|WORD$list]",
	 "Authentication, Authorization and Accounting.\n"
	 "Authorization configurations parameters.\n"
	 "For network services.\n"
	 "For starting an exec (shell).\n"
	 "The default authorization list.\n"
	 "Named authorization list.",
	 c_aaa_list, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG,
	 "ip local pool WORD$pool_name A.B.C.D$first [A.B.C.D$last]",
	 "Global IP configuration subcommands\n"
	 "Specify local options\n"
	 "IP Local address pool lists\n"
	 "Name of pool\n"
	 "First IP address of range\n"
	 "Last IP address of range",
	 c_ip_local_pool, CMD_NO, 0},
	{CMD_MODE_CONFIG, "ip local pool WORD$pool_name",
	 "Global IP configuration subcommands\n"
	 "Specify local options\n"
	 "IP Local address pool lists\n"
	 "Name of pool",
	 c_ip_local_pool, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG, "ip name-server A.B.C.D...",
	 "Global IP configuration subcommands\n"
	 "Specify address of name server to use\n"
	 "Domain server IP address (maximum of 6)",
	 c_name_server, CMD_NO, 0},
	{CMD_MODE_CONFIG, "ip name-server",
	 "Global IP configuration subcommands\n"
	 "Specify address of name server to use",
	 c_name_server, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG,
	 "async-bootp {dns-server|nbns-server} A.B.C.D [A.B.C.D]",
	 "Modify system bootp parameters\n"
	 "Domain name servers\n"
	 "NBNS name servers\n"
	 "Server address\n"
	 "Second server address",
	 c_async_bootp, CMD_NO, 0},
	{CMD_MODE_CONFIG, "async-bootp {dns-server|nbns-server}",
	 "Modify system bootp parameters\n"
	 "Domain name servers\n"
	 "NBNS name servers",
	 c_async_bootp, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG, "ip domain-name WORD",
	 "Global IP configuration subcommands\n"
	 "Define the default domain name\n"
	 "Default domain name",
	 c_domain_name, CMD_NO, 0},
	{CMD_MODE_CONFIG, "ip domain-name",
	 "Global IP configuration subcommands\n"
	 "Define the default domain name",
	 c_domain_name, CMD_NO_ONLY, 0},
	{CMD_MODE_CONFIG, "logging syslog",
	 "Modify message logging facilities\n"
	 "Also send log messages to the system log (nasd)",
	 c_logging, CMD_NO, 0},
	{CMD_MODE_CONFIG, "logging buffered [<4096-2147483647>]",
	 "Modify message logging facilities\n"
	 "Set buffered logging parameters\n"
	 "Logging buffer size",
	 c_logging, CMD_NO, 0},
	{CMD_MODE_CONFIG, "chat-script WORD$script LINE",
	 "Define a modem chat script\n"
	 "Chat script name\n"
	 "Expect-send pairs",
	 c_chat_script, CMD_NO, 0},
	{CMD_MODE_CONFIG, "chat-script WORD$script",
	 "Define a modem chat script\n"
	 "Chat script name",
	 c_chat_script, CMD_NO_ONLY, 0},
};

int conf_global_install(struct cmd_table *t)
{
	return cmd_install(t, global_defs, CONF_NDEFS(global_defs));
}

int config_install_commands(struct cmd_table *t)
{
	int rc;

	if ((rc = conf_global_install(t)) != 0 ||
	    (rc = conf_if_install(t)) != 0 ||
	    (rc = conf_line_install(t)) != 0 ||
	    (rc = conf_extra_install(t)) != 0 ||
	    (rc = conf_isdn_install(t)) != 0 ||
	    (rc = conf_dialer_install(t)) != 0 ||
	    (rc = conf_acl_install(t)) != 0 ||
	    (rc = conf_vpdn_install(t)) != 0)
		return rc;
	return 0;
}
