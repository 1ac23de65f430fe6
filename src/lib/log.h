/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * log.h - the one logging API of nasd.
 *
 * Every module logs through a `struct logger` it was handed at creation; there
 * is no global logger, so protocol cores stay free of mutable globals and unit
 * tests capture output with their own sink.  The logger carries the IOS-style
 * debug switches (`debug ppp negotiation`, ...) as a bit set, so a core asks
 * log_debug_on() before formatting a debug line.
 *
 * Messages are single lines without a timestamp or trailing newline; the sink
 * (owned by the daemon) adds the `*Mar  1 01:25:16.611: ` prefix configured by
 * `service timestamps debug|log`, writes stderr/syslog and feeds `terminal
 * monitor` sessions.  Secrets (passwords, CHAP secrets, tunnel passwords) must
 * never be passed to these functions.
 */
#ifndef NASD_LIB_LOG_H
#define NASD_LIB_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum log_level {
	LOG_LVL_ERR,    /* something failed and was not recovered */
	LOG_LVL_WARN,   /* bad input, refused session, recovered error */
	LOG_LVL_NOTICE, /* operational events: link up/down, session up */
	LOG_LVL_INFO,   /* details of normal operation */
	LOG_LVL_DEBUG,  /* output of an enabled `debug ...` switch */
};

/*
 * Debug switches, one per IOS `debug` keyword sequence.  X(ENUM, "words")
 * generates both the enum and the name table (dbg_name()), so they cannot
 * drift apart.  The words are what `debug`/`undebug`/`show debugging` use.
 */
#define NASD_DEBUG_FLAGS(X)                                                    \
	X(DBG_PPP_NEGOTIATION, "ppp negotiation")                              \
	X(DBG_PPP_AUTHENTICATION, "ppp authentication")                        \
	X(DBG_PPP_PACKET, "ppp packet")                                        \
	X(DBG_PPP_ERROR, "ppp error")                                          \
	X(DBG_PPP_CBCP, "ppp cbcp")                                            \
	X(DBG_CALLBACK, "callback")                                            \
	X(DBG_CHAT, "chat")                                                    \
	X(DBG_MODEM, "modem")                                                  \
	X(DBG_MODEM_CSM, "modem csm")                                          \
	X(DBG_ISDN_Q931, "isdn q931")                                          \
	X(DBG_ISDN_EVENTS, "isdn events")                                      \
	X(DBG_AAA_AUTHENTICATION, "aaa authentication")                        \
	X(DBG_AAA_AUTHORIZATION, "aaa authorization")                          \
	X(DBG_RADIUS, "radius")                                                \
	X(DBG_DIALER_EVENTS, "dialer events")                                  \
	X(DBG_VPDN_EVENTS, "vpdn events")                                      \
	X(DBG_VPDN_L2X_EVENTS, "vpdn l2x-events")                              \
	X(DBG_VPDN_L2X_PACKETS, "vpdn l2x-packets")                            \
	X(DBG_VPDN_L2X_ERRORS, "vpdn l2x-errors")                              \
	X(DBG_VTEMPLATE, "vtemplate")                                          \
	X(DBG_TUN, "tun")

enum dbg_flag {
#define NASD_DBG_ENUM(e, s) e,
	NASD_DEBUG_FLAGS(NASD_DBG_ENUM)
#undef NASD_DBG_ENUM
	DBG__COUNT
};

_Static_assert(DBG__COUNT <= 64, "debug flags must fit in a uint64_t");

/* Receives one finished line (no newline) at a level.  Must not re-enter
 * the module that logged. */
typedef void (*log_sink_fn)(void *ctx, enum log_level lvl, const char *line);

struct logger {
	log_sink_fn sink; /* NULL drops everything */
	void *ctx;        /* passed to sink */
	uint64_t debug;   /* bit (1 << dbg_flag) set = that debug is on */
	enum log_level level; /* lines above this level are dropped, except
			       * DEBUG lines whose switch is on */
};

/* Name of a debug switch, e.g. "ppp negotiation"; NULL if out of range. */
const char *dbg_name(enum dbg_flag f);

/* Look a debug switch up by its words (exact match).  Returns the flag or
 * -1 when unknown. */
int dbg_lookup(const char *words);

static inline bool log_debug_on(const struct logger *lg, enum dbg_flag f)
{
	return lg && (lg->debug & ((uint64_t)1 << f)) != 0;
}

static inline void log_debug_set(struct logger *lg, enum dbg_flag f, bool on)
{
	if (on)
		lg->debug |= (uint64_t)1 << f;
	else
		lg->debug &= ~((uint64_t)1 << f);
}

/* Format and emit one line.  A NULL logger or sink drops the line.  Lines
 * longer than 1024 octets are truncated. */
void log_printf(const struct logger *lg, enum log_level lvl, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));
void log_vprintf(const struct logger *lg, enum log_level lvl, const char *fmt,
		 va_list ap) __attribute__((format(printf, 3, 0)));

#define log_err(lg, ...) log_printf((lg), LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(lg, ...) log_printf((lg), LOG_LVL_WARN, __VA_ARGS__)
#define log_notice(lg, ...) log_printf((lg), LOG_LVL_NOTICE, __VA_ARGS__)
#define log_info(lg, ...) log_printf((lg), LOG_LVL_INFO, __VA_ARGS__)

/* Emit a debug line only when switch `flag` is on; the arguments are not
 * evaluated otherwise. */
#define log_dbg(lg, flag, ...)                                                 \
	do {                                                                   \
		if (log_debug_on((lg), (flag)))                                \
			log_printf((lg), LOG_LVL_DEBUG, __VA_ARGS__);          \
	} while (0)

/*
 * Hex helpers for debug lines.  hex_upper() writes 2*n upper-case hex digits
 * plus a NUL into out (which must hold 2*n+1 octets); it truncates to what
 * fits in out_size and returns out.
 */
char *hex_upper(char *out, size_t out_size, const void *data, size_t n);

#endif /* NASD_LIB_LOG_H */
