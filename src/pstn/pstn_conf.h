/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_conf.h - the configuration of `build/pstn`: a small IOS-style file
 * read through the command engine (config/cmd.h), documented in
 * doc/pstn.md:
 *
 *	attach-socket /run/pstn/attach.sock
 *	cli-socket /run/pstn/pstn.vty
 *	connect-delay 500
 *	subscriber 5279651
 *	 description Windows client
 *	 endpoint pty /tmp/pstn/modemA
 *	 speed 33600
 *	 answer auto 1
 *	 latency 20
 *	 ber 0.001
 *	 seed 7
 *	 hangup-on-carrier-loss
 *	subscriber 4084327528
 *	 isdn pri-t1
 *	 endpoint attach
 *
 * `subscriber NUMBER` opens a submode (the engine's config-line mode: a
 * subscriber is a line).  Errors are reported one per line as
 * "FILE:LINE: % message".
 */
#ifndef NASD_PSTN_CONF_H
#define NASD_PSTN_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd.h"
#include "pstn_line.h"
#include "pstn_wire.h"
#include "strbuf.h"

#define PSTN_PATH_MAX 108 /* sun_path */

enum pstn_ep_kind {
	PSTN_EP_NONE,
	PSTN_EP_PTY,    /* a pty whose slave is linked at pty_path */
	PSTN_EP_TCP,    /* a TCP listener speaking the AT dialect */
	PSTN_EP_ATTACH, /* a client of the attach socket (nasd) */
};

/* "pty", "tcp", "attach", "none". */
const char *pstn_ep_kind_name(enum pstn_ep_kind k);

struct pstn_sub_cfg {
	char number[PSTN_NUMBER_MAX + 1]; /* normalised */
	char description[80];
	unsigned lineno;    /* of `subscriber`, for messages */
	unsigned ep_lineno; /* of `endpoint` */
	enum pstn_ep_kind ep;
	char pty_path[256];
	uint16_t tcp_port;
	char tcp_addr[64]; /* dotted quad; default 127.0.0.1 */
	struct pstn_line_cfg line;
	bool hangup_on_carrier_loss;
	bool shutdown;
	/* `isdn pri-t1|pri-e1|bri`: an ISDN attachment (PSTN_ROLE_*), 0 for
	 * an analog line with a modem.  Needs `endpoint attach`. */
	uint8_t isdn;
};

struct pstn_cfg {
	char attach_path[PSTN_PATH_MAX];
	char vty_path[PSTN_PATH_MAX];
	uint32_t connect_delay_ms;
	unsigned debug; /* PSTN_DBG_* from `debug ...` lines */
	struct pstn_sub_cfg *subs;
	size_t nsubs;
};

/* Defaults: /run/pstn/attach.sock, /run/pstn/pstn.vty, 500 ms, no
 * subscribers. */
void pstn_cfg_init(struct pstn_cfg *cfg);
void pstn_cfg_free(struct pstn_cfg *cfg);

/* Install the configuration commands into t.  0 or -errno. */
int pstn_cfg_install(struct cmd_table *t);

/*
 * Parse `text` (named `name` in messages) into *cfg (initialised by the
 * caller), then check it as a whole: every subscriber has an endpoint, no
 * pty path or TCP port is used twice.  Returns 0, or -EINVAL with one
 * "NAME:LINE: % message" line per error appended to errs.
 */
int pstn_cfg_load_text(struct pstn_cfg *cfg, const struct cmd_table *t,
		       const char *name, const char *text, size_t len,
		       struct strbuf *errs);

/* The same for a file; a file that cannot be read is "PATH: reason". */
int pstn_cfg_load_file(struct pstn_cfg *cfg, const struct cmd_table *t,
		       const char *path, struct strbuf *errs);

/* The subscriber with this normalised number, or NULL. */
struct pstn_sub_cfg *pstn_cfg_sub(const struct pstn_cfg *cfg,
				  const char *number);

#endif /* NASD_PSTN_CONF_H */
