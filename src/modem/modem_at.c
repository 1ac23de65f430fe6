/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * modem_at.c - the AT command interpreter of the modem core: collecting a
 * command line from DTE bytes (echo, S3 terminator, S5 backspace, `A/`
 * repeat) and executing it command by command as a Hayes modem does.  A
 * line is "AT" (any case) followed by commands: basic ones (A D E H I L M
 * N O P Q S T V X Z, with an optional decimal parameter) and ampersand
 * ones (&C &D &F &K &S &V &W &Y, and a few accepted and ignored).  The
 * first invalid command stops the line with ERROR; commands before it
 * stay in effect.  D and A end the line: their result comes later.
 * The command set and its answers are documented in doc/pstn.md.
 */
#include "modem_int.h"

#include <stdio.h>
#include <string.h>

#include "rd.h"

#define MDBG(m, bit, fmt, ...)                                                 \
	do {                                                                   \
		if (modem_dbg((m), (bit)))                                     \
			log_printf((m)->lg, LOG_LVL_DEBUG, "%s: " fmt,         \
				   (m)->name, __VA_ARGS__);                    \
	} while (0)

static uint8_t upper(uint8_t c)
{
	return (c >= 'a' && c <= 'z') ? (uint8_t)(c - 'a' + 'A') : c;
}

static bool is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

/* An optional decimal parameter; absent reads as 0.  Values are capped
 * at 1000 so nothing overflows; callers check their own range. */
static unsigned read_num(struct rd *r, bool *present)
{
	unsigned v = 0;
	uint8_t c;

	*present = false;
	while (rd_peek_u8(r, &c) && is_digit(c)) {
		rd_skip(r, 1);
		*present = true;
		if (v < 1000)
			v = v * 10 + (unsigned)(c - '0');
	}
	return v;
}

/* The active profile in one line, for AT&V and ATI4. */
static void profile_text(const struct modem *modem, char *out, size_t size)
{
	const struct modem_profile *p = &modem->p;
	int n = snprintf(out, size, "E%d Q%d V%d X%u &C%u &D%u", p->echo,
			 p->quiet, p->verbose, p->x_level, p->amp_c,
			 p->amp_d);

	for (unsigned i = 0; i <= SR_GUARD && n > 0 && (size_t)n < size; i++)
		n += snprintf(out + n, size - (size_t)n, " S%02u:%03u", i,
			      p->sreg[i]);
}

static bool cmd_info(struct modem *modem, unsigned n)
{
	char text[160];

	switch (n) {
	case 0:
		snprintf(text, sizeof(text), "%u", modem->cfg.speed_bps);
		break;
	case 1:
		snprintf(text, sizeof(text), "000");
		break;
	case 2:
		snprintf(text, sizeof(text), "OK");
		break;
	case 3:
		snprintf(text, sizeof(text),
			 "nasd pstn Hayes-compatible modem, %u bit/s",
			 modem->cfg.speed_bps);
		break;
	case 4:
		profile_text(modem, text, sizeof(text));
		break;
	default:
		return false;
	}
	modem_info(modem, text);
	return true;
}

/* ATSn=v, ATSn?, ATSn (select), ATS=v, ATS? on the selected register. */
static bool cmd_sreg(struct modem *modem, struct rd *r)
{
	bool present;
	unsigned reg = read_num(r, &present);
	uint8_t c;

	if (!present)
		reg = modem->s_cur;
	if (reg >= MODEM_NSREGS)
		return false;
	modem->s_cur = reg;
	if (!rd_peek_u8(r, &c))
		return true;
	if (c == '?') {
		char text[8];

		rd_skip(r, 1);
		snprintf(text, sizeof(text), "%03u", modem->p.sreg[reg]);
		modem_info(modem, text);
		return true;
	}
	if (c == '=') {
		unsigned v;

		rd_skip(r, 1);
		v = read_num(r, &present);
		if (v > 255)
			return false;
		modem->p.sreg[reg] = (uint8_t)v;
		return true;
	}
	return true;
}

static bool cmd_amp(struct modem *modem, struct rd *r)
{
	uint8_t c;
	bool present;
	unsigned n;

	if (!rd_u8(r, &c))
		return false;
	c = upper(c);
	n = read_num(r, &present);
	switch (c) {
	case 'C':
		if (n > 1)
			return false;
		modem->p.amp_c = n;
		modem_sig_update(modem);
		return true;
	case 'D':
		if (n > 3)
			return false;
		modem->p.amp_d = n;
		return true;
	case 'F':
		if (n != 0)
			return false;
		modem_factory(&modem->p, modem->cfg.s0_default);
		modem_sig_update(modem);
		return true;
	case 'V': {
		char text[200];

		profile_text(modem, text, sizeof(text));
		modem_info(modem, text);
		return true;
	}
	case 'W':
		if (n > 1)
			return false;
		modem->stored = modem->p;
		return true;
	case 'K': /* flow control: the pacer always honours CTS */
		return n <= 6;
	case 'S': /* DSR always on */
	case 'Y': /* profile at power-on: there is only one */
	case 'Q': /* sync/async mode: async only */
		return n <= 6;
	default:
		return false;
	}
}

/*
 * The rest of an ATD line: T and P (tone/pulse), W (wait for dial tone:
 * there is always one), ',' (pause S8 seconds), '!' (hook flash, 0.5 s),
 * '@' (wait for quiet answer: accepted, the S7 timer covers it), ';' (back
 * to command mode after dialling, must be last).  Digits, '*', '#', A-D and
 * the numbering plan's punctuation are the number; the switch validates it.
 */
static void cmd_dial(struct modem *modem, struct rd *r)
{
	char number[MODEM_CMD_MAX + 1];
	size_t n = 0;
	uint64_t pause_ms = 0;
	bool stay = false;
	uint8_t c;

	if (modem->state != MODEM_IDLE && modem->state != MODEM_OFFHOOK) {
		modem_result(modem, MODEM_RES_ERROR);
		return;
	}
	while (rd_u8(r, &c)) {
		if (stay) {
			modem_result(modem, MODEM_RES_ERROR);
			return;
		}
		switch (upper(c)) {
		case 'T':
		case 'P':
		case 'W':
		case '@':
		case 'R':
			break;
		case ',':
			pause_ms += (uint64_t)modem->p.sreg[SR_COMMA] * 1000;
			break;
		case '!':
			pause_ms += 500;
			break;
		case ';':
			stay = true;
			break;
		case ' ': /* Hayes ignores spaces in dial strings */
			break;
		case '-':
		case '(':
		case ')':
		case '.':
		case '+':
		case '*':
		case '#':
		case 'A':
		case 'B':
		case 'C':
		case 'D':
			number[n++] = (char)upper(c);
			break;
		default:
			if (!is_digit(c)) {
				modem_result(modem, MODEM_RES_ERROR);
				return;
			}
			number[n++] = (char)c;
			break;
		}
	}
	number[n] = '\0';
	if (n == 0) {
		modem_result(modem, MODEM_RES_ERROR);
		return;
	}
	if (modem->ringing) {
		/* The line is ringing: there is no dial tone to dial on. */
		modem_result(modem, MODEM_RES_NO_DIALTONE);
		return;
	}
	modem_start_dial(modem, number, stay, pause_ms);
}

static void cmd_hook(struct modem *modem, unsigned n)
{
	bool call = modem->state == MODEM_CALLING ||
		    modem->state == MODEM_ONLINE_CMD;

	if (n == 0) {
		if (modem->state != MODEM_IDLE)
			modem_go_idle(modem, call);
		return;
	}
	/* ATH1: off hook, busy for callers.  A ringing call is refused. */
	if (modem->state == MODEM_IDLE) {
		if (modem->ringing) {
			modem->ringing = false;
			timer_cancel(&modem->t_ring);
			timer_cancel(&modem->t_ri);
			if (modem->ops->hangup)
				modem->ops->hangup(modem->arg);
		}
		modem->state = MODEM_OFFHOOK;
		modem_sig_update(modem);
	}
}

/* Run the commands after "AT".  Returns true when the line ends with OK
 * (false: a result was already given, or is to come). */
static bool run_commands(struct modem *modem, struct rd *r)
{
	uint8_t c;
	bool present;
	unsigned n;

	while (rd_u8(r, &c)) {
		c = upper(c);
		switch (c) {
		case ' ':
			continue;
		case 'A':
			if (modem->state != MODEM_IDLE) {
				modem_result(modem, MODEM_RES_ERROR);
				return false;
			}
			modem_do_answer(modem);
			return false;
		case 'D':
			cmd_dial(modem, r);
			return false;
		case '&':
			if (!cmd_amp(modem, r))
				goto error;
			continue;
		case 'S':
			if (!cmd_sreg(modem, r))
				goto error;
			continue;
		default:
			break;
		}
		n = read_num(r, &present);
		switch (c) {
		case 'E':
		case 'Q':
		case 'V':
			if (n > 1)
				goto error;
			if (c == 'E')
				modem->p.echo = n;
			else if (c == 'Q')
				modem->p.quiet = n;
			else
				modem->p.verbose = n;
			break;
		case 'X':
			if (n > 4)
				goto error;
			modem->p.x_level = n;
			break;
		case 'H':
			if (n > 1)
				goto error;
			cmd_hook(modem, n);
			break;
		case 'I':
			if (!cmd_info(modem, n))
				goto error;
			break;
		case 'O':
			if (n > 1)
				goto error;
			if (modem->state != MODEM_ONLINE_CMD) {
				modem_result(modem, MODEM_RES_NO_CARRIER);
				return false;
			}
			modem->state = MODEM_ONLINE;
			modem->esc_count = 0;
			modem->last_dte_ms = timers_now(modem->ts);
			modem_result_connect(modem);
			return false;
		case 'Z':
			if (n > 1)
				goto error;
			if (modem->state != MODEM_IDLE)
				modem_go_idle(modem,
					      modem->state == MODEM_CALLING ||
						      modem->state ==
							      MODEM_ONLINE_CMD);
			modem->p = modem->stored;
			modem_sig_update(modem);
			/* Commands after Z are ignored, as on a Hayes. */
			return true;
		case 'B': /* modulation standard: V.34 only */
		case 'L': /* speaker volume */
		case 'M': /* speaker control */
		case 'N': /* automode */
		case 'P': /* pulse dialling default */
		case 'T': /* tone dialling default */
			if (n > 16)
				goto error;
			break;
		default:
			goto error;
		}
	}
	return true;
error:
	modem_result(modem, MODEM_RES_ERROR);
	return false;
}

void modem_at_line(struct modem *modem, const char *line)
{
	struct rd r = rd_init(line, strlen(line));
	uint8_t a, t;

	MDBG(modem, MODEM_DBG_AT, "AT command \"%s\"", line);
	if (!rd_u8(&r, &a) || !rd_u8(&r, &t) || upper(a) != 'A' ||
	    upper(t) != 'T') {
		modem_result(modem, MODEM_RES_ERROR);
		return;
	}
	if (run_commands(modem, &r))
		modem_result(modem, MODEM_RES_OK);
}

void modem_at_byte(struct modem *modem, uint8_t c)
{
	const struct modem_profile *p = &modem->p;

	if (p->echo)
		modem_dte_out(modem, &c, 1);
	if (!modem->cmd_got_a) {
		if (upper(c) == 'A')
			modem->cmd_got_a = true;
		modem->cmd_len = 0;
		return;
	}
	if (modem->cmd_len == 0) {
		if (c == '/') {
			/* A/ repeats the last line at once, without CR. */
			char line[MODEM_CMD_MAX + 1];

			modem->cmd_got_a = false;
			memcpy(line, modem->last_cmd, sizeof(line));
			if (p->echo)
				modem_dte_out(modem, &p->sreg[SR_CR], 1);
			if (line[0])
				modem_at_line(modem, line);
			else
				modem_result(modem, MODEM_RES_ERROR);
			return;
		}
		if (upper(c) == 'T') {
			modem->cmd[0] = 'A';
			modem->cmd[1] = (char)c;
			modem->cmd_len = 2;
			modem->cmd_overflow = false;
			return;
		}
		modem->cmd_got_a = upper(c) == 'A';
		return;
	}
	if (c == p->sreg[SR_CR]) {
		modem->cmd[modem->cmd_len] = '\0';
		modem->cmd_got_a = false;
		modem->cmd_len = 0;
		if (modem->cmd_overflow) {
			modem_result(modem, MODEM_RES_ERROR);
			return;
		}
		memcpy(modem->last_cmd, modem->cmd, sizeof(modem->last_cmd));
		modem_at_line(modem, modem->last_cmd);
		return;
	}
	if (c == p->sreg[SR_BS] || c == 0x7f) {
		if (modem->cmd_len > 2)
			modem->cmd_len--;
		return;
	}
	if (c < 0x20 || c > 0x7e)
		return;
	if (modem->cmd_len < MODEM_CMD_MAX)
		modem->cmd[modem->cmd_len++] = (char)c;
	else
		modem->cmd_overflow = true;
}
