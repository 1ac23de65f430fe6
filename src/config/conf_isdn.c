/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_isdn.c - the ISDN configuration commands: `isdn switch-type`
 * (global and per interface), `controller T1|E1 N` with `framing`,
 * `linecode`, `clock source`, `pri-group timeslots` (which creates the
 * D-channel interface SerialN:23 for T1, SerialN:15 for E1, as IOS does)
 * and `shutdown`, `isdn incoming-voice modem` on a D-channel, and nasd's
 * `pstn attach PATH NUMBER` under a controller or `interface BRI N` (binds
 * the PRI or BRI to the built-in phone network; doc/config-reference.md),
 * with their running-config writer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "config.h"

#define T1_DCHAN 24 /* timeslot of the D-channel: SerialN:23 */
#define E1_DCHAN 16 /* SerialN:15 */

const struct config_controller *config_controller_find(const struct config *cfg,
							bool e1, unsigned unit)
{
	const struct config_controller *c;

	if (unit >= CONFIG_CTRL_UNITS)
		return NULL;
	c = &cfg->ctrls[(e1 ? CONFIG_CTRL_UNITS : 0) + unit];
	return c->present ? c : NULL;
}

const char *config_isdn_switch(const struct config *cfg,
			       const struct config_if *cif)
{
	if (cif && cif->isdn_switch[0])
		return cif->isdn_switch;
	return cfg->isdn_switch;
}

/* The keyword of args that is one of words[] (NULL-terminated). */
static const char *which(const struct cmd_args *args, const char *const *words)
{
	for (; *words; words++)
		if (cmd_arg_has(args, *words))
			return *words;
	return "";
}

/* The controller of the current `controller` frame ("T1 0"). */
static struct config_controller *cur_ctrl(struct cmd_ctx *ctx)
{
	const char *key = cmd_ctx_key(ctx);
	unsigned unit;
	char kind[4];

	if (!key || sscanf(key, "%3s %u", kind, &unit) != 2 ||
	    unit >= CONFIG_CTRL_UNITS)
		return NULL;
	return &ctx->cand->ctrls[(strcmp(kind, "E1") == 0 ? CONFIG_CTRL_UNITS
							   : 0) +
				 unit];
}

static int c_switch_type(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	char *dst;
	struct ifname id;
	struct config_if *cif;

	CONF_CAND(ctx);
	if (cmd_ctx_mode(ctx) == CMD_MODE_IF) {
		if (!ifname_parse(cmd_ctx_key(ctx), &id) ||
		    !(cif = config_if_get(ctx->cand, &id)))
			return cmd_error(ctx, "%% Out of memory");
		dst = cif->isdn_switch;
	} else {
		dst = ctx->cand->isdn_switch;
	}
	if (ctx->negate) {
		dst[0] = '\0';
		return 0;
	}
	return conf_strcpy(ctx, dst, CONFIG_ISDN_SWITCH_MAX,
			   cmd_arg_str(args, "TYPE"));
}

static int c_voice_modem(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct ifname id;
	struct config_if *cif;

	(void)args;
	CONF_CAND(ctx);
	if (!ifname_parse(cmd_ctx_key(ctx), &id) ||
	    !(cif = config_if_get(ctx->cand, &id)))
		return cmd_error(ctx, "%% Out of memory");
	cif->isdn_voice_modem = !ctx->negate;
	return 0;
}

static int c_controller(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	bool e1 = cmd_arg_has(args, "e1");
	unsigned unit = (unsigned)cmd_arg_num(args, "unit", 0);
	struct config_controller *c;
	char key[16];

	CONF_CAND(ctx);
	if (unit >= CONFIG_CTRL_UNITS)
		return cmd_error(ctx, "%% Invalid controller unit");
	c = &ctx->cand->ctrls[(e1 ? CONFIG_CTRL_UNITS : 0) + unit];
	if (ctx->negate || ctx->deflt) {
		memset(c, 0, sizeof(*c));
		return 0;
	}
	if (!c->present) {
		memset(c, 0, sizeof(*c));
		c->present = true;
		c->e1 = e1;
		c->unit = unit;
	}
	snprintf(key, sizeof(key), "%s %u", e1 ? "E1" : "T1", unit);
	cmd_enter(ctx, CMD_MODE_CONTROLLER, key);
	return 0;
}

static int c_framing(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	static const char *const words[] = {"esf", "sf", "crc4", "no-crc4",
					    NULL};
	struct config_controller *c = cur_ctrl(ctx);
	const char *w = which(args, words);

	CONF_CAND(ctx);
	if (!c)
		return cmd_error(ctx, "%% No controller");
	if (ctx->negate) {
		c->framing[0] = '\0';
		return 0;
	}
	if (c->e1 != (strcmp(w, "crc4") == 0 || strcmp(w, "no-crc4") == 0))
		return cmd_error(ctx, "%% Framing %s is not for a%s "
				      "controller", w, c->e1 ? "n E1" : " T1");
	snprintf(c->framing, sizeof(c->framing), "%s", w);
	return 0;
}

static int c_linecode(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	static const char *const words[] = {"b8zs", "ami", "hdb3", NULL};
	struct config_controller *c = cur_ctrl(ctx);
	const char *w = which(args, words);

	CONF_CAND(ctx);
	if (!c)
		return cmd_error(ctx, "%% No controller");
	if (ctx->negate) {
		c->linecode[0] = '\0';
		return 0;
	}
	if ((strcmp(w, "b8zs") == 0 && c->e1) ||
	    (strcmp(w, "hdb3") == 0 && !c->e1))
		return cmd_error(ctx, "%% Linecode %s is not for a%s "
				      "controller", w, c->e1 ? "n E1" : " T1");
	snprintf(c->linecode, sizeof(c->linecode), "%s", w);
	return 0;
}

static int c_clock(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_controller *c = cur_ctrl(ctx);

	CONF_CAND(ctx);
	if (!c)
		return cmd_error(ctx, "%% No controller");
	if (ctx->negate) {
		c->clock = CONFIG_CLOCK_UNSET;
		c->clock_prio = 0;
		return 0;
	}
	c->clock = cmd_arg_has(args, "internal") ? CONFIG_CLOCK_INTERNAL
						  : CONFIG_CLOCK_LINE;
	c->clock_prio = cmd_arg_has(args, "primary")     ? 1
			: cmd_arg_has(args, "secondary") ? 2
							 : 0;
	return 0;
}

/* "1-24", "1-15,17-31", "1,3-5": a mask of timeslots up to `max`. */
static int parse_slots(const char *s, unsigned max, uint32_t *mask)
{
	*mask = 0;
	while (*s) {
		char *end;
		unsigned long a = strtoul(s, &end, 10), b;

		if (end == s || a < 1 || a > max)
			return -EINVAL;
		b = a;
		s = end;
		if (*s == '-') {
			b = strtoul(s + 1, &end, 10);
			if (end == s + 1 || b < a || b > max)
				return -EINVAL;
			s = end;
		}
		for (unsigned long i = a; i <= b; i++)
			*mask |= (uint32_t)1 << i;
		if (*s == ',')
			s++;
		else if (*s)
			return -EINVAL;
	}
	return *mask ? 0 : -EINVAL;
}

static int c_pri_group(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_controller *c = cur_ctrl(ctx);
	const char *w = cmd_arg_str(args, "SLOTS");
	struct ifname id = {.type = IF_SERIAL, .has_channel = true};
	uint32_t mask;

	CONF_CAND(ctx);
	if (!c)
		return cmd_error(ctx, "%% No controller");
	id.unit = c->unit;
	id.channel = (c->e1 ? E1_DCHAN : T1_DCHAN) - 1;
	if (ctx->negate) {
		c->timeslots[0] = '\0';
		c->slot_mask = 0;
		return 0;
	}
	if (parse_slots(w, c->e1 ? 31 : 24, &mask) != 0)
		return cmd_error(ctx, "%% Invalid timeslot list \"%s\" "
				      "(timeslots 1-%u)", w, c->e1 ? 31 : 24);
	if (conf_strcpy(ctx, c->timeslots, sizeof(c->timeslots), w) != 0)
		return -1;
	c->slot_mask = mask;
	/* IOS creates the D-channel interface with the group. */
	if (!config_if_get(ctx->cand, &id))
		return cmd_error(ctx, "%% Out of memory");
	return 0;
}

static int c_ctrl_shutdown(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	struct config_controller *c = cur_ctrl(ctx);

	(void)args;
	CONF_CAND(ctx);
	if (!c)
		return cmd_error(ctx, "%% No controller");
	c->shutdown = !ctx->negate;
	return 0;
}

static int c_pstn_attach(struct cmd_ctx *ctx, const struct cmd_args *args)
{
	const char *path = cmd_arg_str(args, "PATH");
	const char *num = cmd_arg_str(args, "NUMBER");
	char *dpath, *dnum;
	struct ifname id;
	struct config_if *cif;

	CONF_CAND(ctx);
	if (cmd_ctx_mode(ctx) == CMD_MODE_CONTROLLER) {
		struct config_controller *c = cur_ctrl(ctx);

		if (!c)
			return cmd_error(ctx, "%% No controller");
		dpath = c->pstn_path;
		dnum = c->pstn_number;
	} else {
		if (!ifname_parse(cmd_ctx_key(ctx), &id) ||
		    !(cif = config_if_get(ctx->cand, &id)))
			return cmd_error(ctx, "%% Out of memory");
		if (id.type != IF_BRI)
			return cmd_error(ctx, "%% pstn attach is for BRI "
					      "interfaces and T1/E1 "
					      "controllers");
		dpath = cif->pstn_path;
		dnum = cif->pstn_number;
	}
	if (ctx->negate) {
		dpath[0] = dnum[0] = '\0';
		return 0;
	}
	if (path[0] != '/')
		return cmd_error(ctx, "%% The attach socket must be an "
				      "absolute path");
	for (const char *p = num; *p; p++)
		if (*p < '0' || *p > '9')
			return cmd_error(ctx, "%% Invalid number \"%s\"", num);
	if (conf_strcpy(ctx, dpath, CONFIG_DESC_MAX, path) != 0 ||
	    conf_strcpy(ctx, dnum, CONFIG_NUMBER_MAX, num) != 0)
		return -1;
	return 0;
}

#define PSTN_ATTACH_HELP                                                       \
	"nasd's built-in phone network\n"                                      \
	"Attach to the phone network as an ISDN subscriber\n"                  \
	"The phone network's attach socket (absolute path)\n"                  \
	"Subscriber number (digits)"

static const struct cmd_def isdn_defs[] = {
	{CMD_MODE_CONFIG, "isdn switch-type WORD$TYPE",
	 "ISDN configuration commands\nSelect the ISDN switch type\n"
	 "Switch type (primary-5ess, primary-net5, basic-net3 ...)",
	 c_switch_type, CMD_NO, 0},
	{CMD_MODE_IF, "isdn switch-type WORD$TYPE",
	 "ISDN Interface configuration commands\n"
	 "Select the Interface ISDN switch type\n"
	 "Switch type",
	 c_switch_type, CMD_NO, 0},
	{CMD_MODE_IF, "isdn incoming-voice modem",
	 "ISDN Interface configuration commands\n"
	 "Specify options for incoming calls\n"
	 "Incoming voice calls will be switched to the modems",
	 c_voice_modem, CMD_NO, 0},
	{CMD_MODE_IF, "pstn attach WORD$PATH WORD$NUMBER", PSTN_ATTACH_HELP,
	 c_pstn_attach, CMD_NO, 0},
	{CMD_MODE_CONFIG, "controller {T1|E1} <0-7>$unit",
	 "Configure controller\nT1 controller\nE1 controller\n"
	 "Controller unit number",
	 c_controller, CMD_NO, 0},
	{CMD_MODE_CONTROLLER, "framing {esf|sf|crc4|no-crc4}",
	 "Specify the type of Framing on a T1/E1 Data Line\n"
	 "Extended Superframe Framing\nSuperframe Framing\n"
	 "CRC4 Framing\nNo CRC4 Framing",
	 c_framing, CMD_NO, 0},
	{CMD_MODE_CONTROLLER, "linecode {b8zs|ami|hdb3}",
	 "Specify the line encoding method\nB8ZS encoding\nAMI encoding\n"
	 "HDB3 encoding",
	 c_linecode, CMD_NO, 0},
	{CMD_MODE_CONTROLLER, "clock source {line|internal} [primary|secondary]",
	 "Specify the clock source\nSpecify the clock source\n"
	 "Recover clock from line\nUse internal clock\n"
	 "Primary clock source\nSecondary clock source",
	 c_clock, CMD_NO, 0},
	{CMD_MODE_CONTROLLER, "pri-group timeslots WORD$SLOTS",
	 "Configure the specified timeslots for PRI\n"
	 "List of timeslots in the pri-group\n"
	 "Timeslot ranges (1-24 on T1, 1-31 on E1)",
	 c_pri_group, CMD_NO, 0},
	{CMD_MODE_CONTROLLER, "shutdown", "Shutdown the controller",
	 c_ctrl_shutdown, CMD_NO, 0},
	{CMD_MODE_CONTROLLER, "pstn attach WORD$PATH WORD$NUMBER",
	 PSTN_ATTACH_HELP, c_pstn_attach, CMD_NO, 0},
};

int conf_isdn_install(struct cmd_table *t)
{
	return cmd_install(t, isdn_defs, CONF_NDEFS(isdn_defs));
}

void conf_isdn_write_global(struct strbuf *sb, const struct config *cfg)
{
	if (cfg->isdn_switch[0])
		sb_printf(sb, "isdn switch-type %s\n", cfg->isdn_switch);
}

void conf_isdn_write_controllers(struct strbuf *sb, const struct config *cfg)
{
	for (size_t i = 0; i < 2 * CONFIG_CTRL_UNITS; i++) {
		const struct config_controller *c = &cfg->ctrls[i];

		if (!c->present)
			continue;
		sb_printf(sb, "controller %s %u\n", c->e1 ? "E1" : "T1",
			  c->unit);
		if (c->framing[0])
			sb_printf(sb, " framing %s\n", c->framing);
		if (c->clock != CONFIG_CLOCK_UNSET)
			sb_printf(sb, " clock source %s%s\n",
				  c->clock == CONFIG_CLOCK_LINE ? "line"
								: "internal",
				  c->clock_prio == 1   ? " primary"
				  : c->clock_prio == 2 ? " secondary"
						       : "");
		if (c->linecode[0])
			sb_printf(sb, " linecode %s\n", c->linecode);
		if (c->timeslots[0])
			sb_printf(sb, " pri-group timeslots %s\n",
				  c->timeslots);
		if (c->pstn_path[0])
			sb_printf(sb, " pstn attach %s %s\n", c->pstn_path,
				  c->pstn_number);
		if (c->shutdown)
			sb_puts(sb, " shutdown\n");
		sb_puts(sb, "!\n");
	}
}

void conf_isdn_write_if(struct strbuf *sb, const struct config_if *cif)
{
	if (cif->isdn_switch[0])
		sb_printf(sb, " isdn switch-type %s\n", cif->isdn_switch);
	if (cif->isdn_voice_modem)
		sb_puts(sb, " isdn incoming-voice modem\n");
	if (cif->pstn_path[0])
		sb_printf(sb, " pstn attach %s %s\n", cif->pstn_path,
			  cif->pstn_number);
}
