/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_int.h - helpers shared by the configuration command handlers
 * (conf_global.c, conf_if.c, conf_line.c, conf_extra.c).  Handlers edit
 * ctx->cand only; the mode object is found again from the frame key on
 * every line, since each line may edit a fresh candidate.
 */
#ifndef NASD_CONFIG_CONF_INT_H
#define NASD_CONFIG_CONF_INT_H

#include "cmd.h"
#include "config.h"

#define CONF_NDEFS(a) (sizeof(a) / sizeof((a)[0]))

/* Copy src into dst[size]; "% String too long" when it does not fit. */
int conf_strcpy(struct cmd_ctx *ctx, char *dst, size_t size, const char *src);

/* A `[0|7] LINE$name` password argument into dst (decoding type 7).
 * Returns 0 or a cmd_error(). */
int conf_password(struct cmd_ctx *ctx, const struct cmd_args *args,
		  const char *name, char *dst, size_t size);

/* Write a clear password after `prefix` ("password"): as type 7 with
 * `service password-encryption`, else in clear (with an explicit 0 when
 * the text would read as an encryption type). */
void conf_write_password(const struct config *cfg, struct strbuf *sb,
			 const char *prefix, const char *clear);

/* No candidate (a configuration command run without one): refuse. */
int conf_need_cand(struct cmd_ctx *ctx);
#define CONF_CAND(ctx)                                                         \
	do {                                                                   \
		if (!(ctx)->cand)                                              \
			return conf_need_cand(ctx);                            \
	} while (0)

int conf_global_install(struct cmd_table *t);
int conf_if_install(struct cmd_table *t);
int conf_line_install(struct cmd_table *t);
int conf_extra_install(struct cmd_table *t);
int conf_isdn_install(struct cmd_table *t);

/* Running-config text of conf_isdn.c: `isdn switch-type` (global), the
 * controllers, and an interface's ISDN lines. */
void conf_isdn_write_global(struct strbuf *sb, const struct config *cfg);
void conf_isdn_write_controllers(struct strbuf *sb, const struct config *cfg);
void conf_isdn_write_if(struct strbuf *sb, const struct config_if *cif);

#endif
