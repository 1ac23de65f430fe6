/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * conf_int.h - helpers shared by the configuration command handlers
 * (conf_global.c, conf_if.c, conf_line.c, conf_extra.c, conf_isdn.c,
 * conf_dialer.c, conf_acl.c, conf_vpdn.c).  Handlers edit
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
int conf_dialer_install(struct cmd_table *t);
int conf_acl_install(struct cmd_table *t);
int conf_vpdn_install(struct cmd_table *t);

/* Running-config text of conf_isdn.c: `isdn switch-type` (global), the
 * controllers, and an interface's ISDN lines. */
void conf_isdn_write_global(struct strbuf *sb, const struct config *cfg);
void conf_isdn_write_controllers(struct strbuf *sb, const struct config *cfg);
void conf_isdn_write_if(struct strbuf *sb, const struct config_if *cif);

/*
 * DDR life cycle (conf_dialer.c, conf_acl.c), used by config.c.
 * conf_dialer_dup() expects dst to hold a shallow copy of src: it
 * replaces every borrowed array by its own copy (NULL on failure, so dst
 * is always safe to free) and returns false when out of memory.
 * conf_dialer_overlay() copies the fields `member` sets over dst; arrays
 * are borrowed (config_async_effective()).  conf_ddr_dup()/_free() do the
 * same for the global DDR tables of a config (map-classes, access lists,
 * routes).
 */
void conf_dialer_defaults(struct config_dialer *d);
void conf_dialer_free(struct config_dialer *d);
bool conf_dialer_dup(struct config_dialer *dst,
		     const struct config_dialer *src);
void conf_dialer_overlay(struct config_dialer *dst,
			 const struct config_dialer *member);
bool conf_ddr_dup(struct config *cfg, const struct config *src);
/* A malloc'd copy of n elements of elem octets at p; NULL when n is 0 or
 * out of memory (the caller tells the two apart by n). */
void *conf_dup_array(const void *p, size_t n, size_t elem);
void conf_ddr_free(struct config *cfg);

/* Running-config text of the DDR commands: an interface's `dialer in-band`
 * (written before the accepted-only dialer lines, as IOS orders `dialer
 * aaa`), its other dialer lines, its `isdn fast-rollover-delay`; the
 * map-classes; static routes; access lists and dialer-lists. */
void conf_dialer_write_inband(struct strbuf *sb, const struct config_if *cif);
void conf_dialer_write_if(struct strbuf *sb, const struct config_if *cif);
void conf_dialer_write_isdn(struct strbuf *sb, const struct config_if *cif);
void conf_dialer_write_map_classes(struct strbuf *sb, const struct config *cfg);
void conf_acl_write_routes(struct strbuf *sb, const struct config *cfg);
void conf_acl_write_lists(struct strbuf *sb, const struct config *cfg);

/* Append a.b.c.d (host order) to sb. */
void conf_write_ip4(struct strbuf *sb, uint32_t a);
/* Append a "!" line, unless the text already ends with one. */
void conf_sep(struct strbuf *sb);

/*
 * VPDN life cycle (conf_vpdn.c), used by config.c: IOS defaults (VPDN
 * off, logging on, search order dnis then domain, no groups); free the
 * groups; conf_vpdn_dup() expects dst to hold a shallow copy of src and
 * replaces the borrowed group array by its own deep copy (empty on
 * failure, so dst is always safe to free), false when out of memory.
 */
void conf_vpdn_defaults(struct config_vpdn *v);
void conf_vpdn_free(struct config_vpdn *v);
bool conf_vpdn_dup(struct config_vpdn *dst, const struct config_vpdn *src);
/* Running-config text of the VPDN globals and groups (conf_vpdn_write.c). */
void conf_vpdn_write(struct strbuf *sb, const struct config *cfg);

#endif
