/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modem_result.c - what the modem says to the DTE: result codes in verbose
 * (ATV1: S3 S4 text S3 S4) and numeric form (ATV0: code S3), filtered by
 * ATQ1 and mapped down by the ATX level; CONNECT with the speed or its
 * numeric code; information text (ATI, ATSn?, AT&V).  The numeric CONNECT
 * codes follow the common Rockwell-style table documented in doc/pstn.md.
 */
#include "modem_int.h"

#include <stdio.h>
#include <string.h>

struct res_desc {
	int code;
	const char *text;
	unsigned min_x;
	enum modem_result fallback;
};

static const struct res_desc results[] = {
#define MODEM_RES_DESC(e, n, s, x, f) {n, s, x, f},
	MODEM_RESULTS(MODEM_RES_DESC)
#undef MODEM_RES_DESC
};
_Static_assert(sizeof(results) / sizeof(results[0]) == MODEM_RES__COUNT,
	       "one description per result code");

const char *modem_result_name(enum modem_result r)
{
	return (unsigned)r < MODEM_RES__COUNT ? results[r].text : "?";
}

int modem_result_code(enum modem_result r)
{
	return (unsigned)r < MODEM_RES__COUNT ? results[r].code : -1;
}

static const struct {
	uint32_t speed_bps;
	int code;
} connect_codes[] = {
	{300, 1},     {600, 9},     {1200, 5},    {2400, 10},  {4800, 11},
	{7200, 13},   {9600, 12},   {12000, 14},  {14400, 15}, {16800, 59},
	{19200, 16},  {21600, 61},  {24000, 62},  {26400, 63}, {28800, 64},
	{31200, 91},  {33600, 84},  {38400, 17},  {57600, 18}, {115200, 19},
};

int modem_connect_code(uint32_t speed_bps)
{
	for (size_t i = 0; i < sizeof(connect_codes) / sizeof(connect_codes[0]);
	     i++)
		if (connect_codes[i].speed_bps == speed_bps)
			return connect_codes[i].code;
	return 1;
}

void modem_dte_out(struct modem *modem, const void *data, size_t len)
{
	if (len && modem->ops->dte_write)
		modem->ops->dte_write(modem->arg, data, len);
}

/* Emit `text` (verbose) or `code` (numeric) with the framing of ATV. */
static void say(struct modem *modem, const char *text, int code)
{
	char buf[96];
	uint8_t cr = modem->p.sreg[SR_CR], lf = modem->p.sreg[SR_LF];
	int n;

	if (modem->p.verbose)
		n = snprintf(buf, sizeof(buf), "%c%c%s%c%c", cr, lf, text, cr,
			     lf);
	else
		n = snprintf(buf, sizeof(buf), "%d%c", code, cr);
	if (n > 0)
		modem_dte_out(modem, buf,
			      (size_t)n < sizeof(buf) ? (size_t)n
						      : sizeof(buf) - 1);
}

void modem_result(struct modem *modem, enum modem_result r)
{
	if ((unsigned)r >= MODEM_RES__COUNT)
		r = MODEM_RES_ERROR;
	if (modem->p.x_level < results[r].min_x)
		r = results[r].fallback;
	if (modem_dbg(modem, MODEM_DBG_AT))
		log_printf(modem->lg, LOG_LVL_DEBUG, "%s: result %s%s",
			   modem->name, results[r].text,
			   modem->p.quiet ? " (quiet)" : "");
	if (modem->p.quiet)
		return;
	say(modem, results[r].text, results[r].code);
}

void modem_result_connect(struct modem *modem)
{
	char text[32];
	int code = 1;

	/* ATX0: plain CONNECT (code 1); X1 and up add the speed. */
	if (modem->p.x_level >= 1) {
		snprintf(text, sizeof(text), "CONNECT %u", modem->speed_bps);
		code = modem_connect_code(modem->speed_bps);
	} else {
		snprintf(text, sizeof(text), "CONNECT");
	}
	if (modem_dbg(modem, MODEM_DBG_AT))
		log_printf(modem->lg, LOG_LVL_DEBUG, "%s: result %s%s",
			   modem->name, text,
			   modem->p.quiet ? " (quiet)" : "");
	if (modem->p.quiet)
		return;
	say(modem, text, code);
}

void modem_info(struct modem *modem, const char *text)
{
	char buf[256];
	uint8_t cr = modem->p.sreg[SR_CR], lf = modem->p.sreg[SR_LF];
	int n;

	if (modem->p.verbose)
		n = snprintf(buf, sizeof(buf), "%c%c%s%c%c", cr, lf, text, cr,
			     lf);
	else
		n = snprintf(buf, sizeof(buf), "%s%c%c", text, cr, lf);
	if (n > 0)
		modem_dte_out(modem, buf,
			      (size_t)n < sizeof(buf) ? (size_t)n
						      : sizeof(buf) - 1);
}
