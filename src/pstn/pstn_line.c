/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_line.c - an analog subscriber line (pstn_line.h): the glue between
 * a modem core and the switch (the port ops on one side, the modem ops on
 * the other) and the endpoint that plays the DTE.
 */
#include "pstn_line.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(PSTN_DBG_AT == MODEM_DBG_AT &&
		       PSTN_DBG_CALLS == MODEM_DBG_CALL &&
		       PSTN_DBG_SIGNALS == MODEM_DBG_SIGNALS,
	       "one debug word drives the switch and the modems");
_Static_assert(MODEM_SIG_DCD == PSTN_SIG_DCD && MODEM_SIG_DSR == PSTN_SIG_DSR &&
		       MODEM_SIG_RI == PSTN_SIG_RI &&
		       MODEM_SIG_CTS == PSTN_SIG_CTS,
	       "modem signals pass through the attach protocol unchanged");

/* ---- modem → switch / endpoint ------------------------------------------ */

static void m_dte_write(void *arg, const uint8_t *data, size_t len)
{
	struct pstn_line *line = arg;

	if (line->dte && line->dte->write)
		line->dte->write(line->dte_arg, data, len);
}

static void m_signals(void *arg, unsigned sig)
{
	struct pstn_line *line = arg;

	if (line->dte && line->dte->signals)
		line->dte->signals(line->dte_arg, sig);
}

static enum modem_result m_dial(void *arg, const char *number)
{
	struct pstn_line *line = arg;
	enum pstn_cause cause;

	if (pstn_switch_dial(line->sw, &line->port, number, &cause))
		return MODEM_RES_OK;
	switch (cause) {
	case PSTN_CAUSE_BUSY:
	case PSTN_CAUSE_NO_CIRCUIT: /* a fast busy, heard as BUSY */
		return MODEM_RES_BUSY;
	case PSTN_CAUSE_NO_SERVICE:
		return MODEM_RES_NO_DIALTONE;
	default:
		/* An unallocated number plays an intercept message, which
		 * a modem hears as no carrier. */
		return MODEM_RES_NO_CARRIER;
	}
}

static void m_answer(void *arg)
{
	struct pstn_line *line = arg;

	/* `answer never`: the handset is lifted, but no carrier ever
	 * comes; both S7 timers end the attempt. */
	if (line->port.call && line->cfg.answer != PSTN_ANSWER_NEVER)
		pstn_call_answer(line->port.call);
}

static void m_hangup(void *arg)
{
	struct pstn_line *line = arg;

	if (line->port.call)
		pstn_call_hangup(line->port.call, &line->port);
}

static void m_line_tx(void *arg, const uint8_t *data, size_t len)
{
	struct pstn_line *line = arg;

	if (line->port.call)
		pstn_call_data(line->port.call, &line->port, data, len);
}

static const struct modem_ops line_modem_ops = {
	.dte_write = m_dte_write,
	.signals = m_signals,
	.dial = m_dial,
	.answer = m_answer,
	.hangup = m_hangup,
	.line_tx = m_line_tx,
};

/* ---- switch → modem ------------------------------------------------------ */

static int p_offer(struct pstn_port *port, struct pstn_call *call)
{
	struct pstn_line *line = port->arg;

	(void)call;
	return modem_offer(line->modem);
}

static void p_answered(struct pstn_port *port, struct pstn_call *call)
{
	struct pstn_line *line = port->arg;

	(void)call;
	modem_answered(line->modem);
}

static void p_connected(struct pstn_port *port, struct pstn_call *call,
			uint32_t speed_bps)
{
	struct pstn_line *line = port->arg;

	(void)call;
	modem_carrier(line->modem, speed_bps);
}

static void p_data(struct pstn_port *port, const uint8_t *data, size_t len)
{
	struct pstn_line *line = port->arg;

	modem_line_input(line->modem, data, len);
}

static void p_released(struct pstn_port *port, enum pstn_cause cause)
{
	struct pstn_line *line = port->arg;

	modem_release(line->modem, cause == PSTN_CAUSE_BUSY ||
						   cause == PSTN_CAUSE_NO_CIRCUIT
					   ? MODEM_RES_BUSY
					   : MODEM_RES_NO_CARRIER);
}

static bool p_busy(const struct pstn_port *port)
{
	const struct pstn_line *line = port->arg;

	return modem_busy(line->modem);
}

static const struct pstn_port_ops line_port_ops = {
	.offer = p_offer,
	.answered = p_answered,
	.connected = p_connected,
	.data = p_data,
	.released = p_released,
	.busy = p_busy,
};

/* ---- life ---------------------------------------------------------------- */

static void modem_cfg_of(const struct pstn_line *line, struct modem_cfg *mc,
			 const char *name, const unsigned *debug)
{
	memset(mc, 0, sizeof(*mc));
	mc->speed_bps = line->cfg.speed_bps;
	mc->latency_ms = line->cfg.latency_ms;
	mc->ber = line->cfg.ber;
	mc->seed = line->cfg.seed;
	mc->s0_default = line->cfg.answer == PSTN_ANSWER_AUTO
				 ? (uint8_t)(line->cfg.answer_rings
						     ? line->cfg.answer_rings
						     : 1)
				 : 0;
	mc->name = name;
	mc->debug = debug;
}

struct pstn_line *pstn_line_new(struct pstn_switch *sw, struct pstn_sub *sub,
				const struct pstn_line_cfg *cfg,
				struct timers *ts, struct logger *lg,
				const unsigned *debug)
{
	struct pstn_line *line = calloc(1, sizeof(*line));
	struct modem_cfg mc;
	char name[64];

	if (!line)
		return NULL;
	line->sw = sw;
	line->cfg = *cfg;
	if (line->cfg.speed_bps == 0)
		line->cfg.speed_bps = 33600;
	snprintf(name, sizeof(name), "line %s", sub->number);
	modem_cfg_of(line, &mc, name, debug);
	line->modem = modem_new(&mc, &line_modem_ops, line, ts, lg);
	if (!line->modem) {
		free(line);
		return NULL;
	}
	line->port.ops = &line_port_ops;
	line->port.arg = line;
	snprintf(line->port.name, sizeof(line->port.name), "%s", sub->number);
	line->port.speed_bps = line->cfg.speed_bps;
	pstn_sub_set_port(sub, &line->port);
	sub->busy = cfg->answer == PSTN_ANSWER_BUSY;
	return line;
}

void pstn_line_free(struct pstn_line *line)
{
	if (!line)
		return;
	line->dte = NULL;
	if (line->port.call)
		pstn_call_hangup(line->port.call, &line->port);
	if (line->port.sub && line->port.sub->port == &line->port)
		line->port.sub->port = NULL;
	modem_free(line->modem);
	free(line);
}

void pstn_line_set_dte(struct pstn_line *line, const struct pstn_dte_ops *dte,
		       void *arg)
{
	line->dte = dte;
	line->dte_arg = arg;
}

void pstn_line_dte_input(struct pstn_line *line, const uint8_t *data,
			 size_t len)
{
	modem_dte_input(line->modem, data, len);
}

void pstn_line_set_dtr(struct pstn_line *line, bool on)
{
	modem_set_dtr(line->modem, on);
}

unsigned pstn_line_signals(const struct pstn_line *line)
{
	return modem_signals(line->modem);
}
