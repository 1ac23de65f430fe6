/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmodem.c - the digital modems (dmodem.h): one Hayes modem core per
 * device-less modem line, glued to the line (serial side) and to ISDN
 * voice calls (line side), with the Call Switching Module trace of
 * `debug modem csm` (csm.h).  No RFC; the behaviour is an AS5200's with
 * internal modems and `isdn incoming-voice modem` (seed 001).
 *
 * Output toward the line is a queue of records (modem text, far-end data,
 * signal changes) delivered in order from a deferred callback.  The text
 * the modem says itself (result codes, echo) is kept apart from the far
 * end's data: while a session runs on the line (READY, EXEC, PPP) it
 * would be taken for the caller's typing, so it is counted as noise
 * there; IOS learns of carrier loss from DCD, not from NO CARRIER.
 */
#include "dmodem.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isdn.h"
#include "line.h"
#include "nasd.h"
#include "q931.h"

/* Output waiting for the line: beyond this the line is not reading
 * (cannot happen with the loop running) and octets are dropped. */
#define DM_QUEUE_MAX (64u * 1024)
#define DM_NRECS 64

enum dm_kind {
	DM_TEXT, /* the modem's own words: echo, result codes */
	DM_DATA, /* octets from the far modem */
	DM_SIG,	 /* DCD/DSR/RI/CTS changed */
};

struct dm_rec {
	enum dm_kind kind;
	size_t len;   /* DM_TEXT, DM_DATA: octets in the buffer */
	unsigned sig; /* DM_SIG: MODEM_SIG_* */
	uint32_t bps; /* DM_SIG: connect speed known at the time */
};

struct dm_out {
	uint8_t *buf;
	size_t len, cap;
	struct dm_rec recs[DM_NRECS];
	size_t nrecs;
};

struct dmodem {
	struct nasd *nasd;
	struct line *line; /* NULL once freed */
	struct modem *modem;
	struct isdn_call *call; /* the B-channel call, NULL when none */
	bool call_outgoing;
	char call_if[IFNAME_MAX];
	struct csm csm;
	struct logger mlog; /* the modem core's debug, under `debug modem` */
	char name[24];	    /* "modem 0/3" */
	bool offhook;	    /* last seen: modem state other than IDLE */
	bool feeding;	    /* inside modem_line_input(): bytes are data */
	unsigned depth;	    /* inside the modem core or one of its ops */
	bool release_pending;
	enum modem_result release_res;
	uint32_t speed_bps;
	unsigned sig_latest; /* what the modem said last */
	unsigned sig_out;    /* what the line was told last */
	struct dm_out out;
	struct loop_defer flush;
	bool flushing, dying;
	uint64_t calls_in, calls_out, calls_failed, dte_dropped;
};

/* Every modem debug line is produced; mlog_sink lets them through while
 * `debug modem` is on, so the switch takes effect at once. */
static const unsigned dm_debug_all =
	MODEM_DBG_AT | MODEM_DBG_CALL | MODEM_DBG_SIGNALS;

static void mlog_sink(void *ctx, enum log_level lvl, const char *line)
{
	struct dmodem *dm = ctx;
	const struct logger *lg = &dm->nasd->log;

	if (log_debug_on(lg, DBG_MODEM) && lg->sink)
		lg->sink(lg->ctx, lvl, line);
}

/* ---- output toward the line ---------------------------------------------- */

static void dm_flush(void *arg);

static void kick(struct dmodem *dm)
{
	if (!loop_defer_queued(&dm->flush))
		loop_defer(dm->nasd->loop, &dm->flush, dm_flush, dm);
}

static struct dm_rec *rec_for(struct dmodem *dm, enum dm_kind kind)
{
	struct dm_out *o = &dm->out;
	struct dm_rec *last = o->nrecs ? &o->recs[o->nrecs - 1] : NULL;

	if (last && last->kind == kind && kind != DM_SIG)
		return last;
	if (o->nrecs == DM_NRECS)
		return NULL;
	last = &o->recs[o->nrecs++];
	memset(last, 0, sizeof(*last));
	last->kind = kind;
	return last;
}

static void queue_bytes(struct dmodem *dm, enum dm_kind kind,
			const uint8_t *data, size_t len)
{
	struct dm_out *o = &dm->out;
	struct dm_rec *r;

	if (!dm->line || len == 0)
		return;
	if (o->len + len > DM_QUEUE_MAX || !(r = rec_for(dm, kind))) {
		dm->dte_dropped += len;
		return;
	}
	if (o->len + len > o->cap) {
		size_t ncap = o->cap ? o->cap : 1024;
		uint8_t *nb;

		while (ncap < o->len + len)
			ncap *= 2;
		nb = realloc(o->buf, ncap);
		if (!nb) {
			dm->dte_dropped += len;
			return;
		}
		o->buf = nb;
		o->cap = ncap;
	}
	memcpy(o->buf + o->len, data, len);
	o->len += len;
	r->len += len;
	kick(dm);
}

static void queue_sig(struct dmodem *dm, unsigned sig)
{
	struct dm_rec *r;

	dm->sig_latest = sig;
	if (!dm->line)
		return;
	/* A full queue loses an intermediate change at worst: the flush
	 * always ends by telling the line the latest signals. */
	r = rec_for(dm, DM_SIG);
	if (r) {
		r->sig = sig;
		r->bps = dm->speed_bps;
	}
	kick(dm);
}

/* Is a session running on the line (its input is the caller's)? */
static bool session_up(const struct line *l)
{
	return l->state == LINE_READY || l->state == LINE_EXEC ||
	       l->state == LINE_PPP;
}

static void deliver(struct dmodem *dm, const struct dm_rec *r,
		    const uint8_t *data)
{
	struct line *l = dm->line;

	switch (r->kind) {
	case DM_SIG:
		dm->sig_out = r->sig;
		line_io_modem_signals(l, r->sig, r->bps);
		break;
	case DM_TEXT:
		if (session_up(l)) {
			l->rx_octets += r->len;
			l->noise += r->len;
			break;
		}
		line_io_modem_input(l, data, r->len);
		break;
	case DM_DATA:
		line_io_modem_input(l, data, r->len);
		break;
	}
}

static void dm_destroy(struct dmodem *dm)
{
	loop_defer_cancel(&dm->flush);
	free(dm->out.buf);
	free(dm);
}

static void observe(struct dmodem *dm);
static void enter(struct dmodem *dm);
static void leave(struct dmodem *dm);

static void dm_flush(void *arg)
{
	struct dmodem *dm = arg;
	struct dm_out o = dm->out;
	size_t off = 0;

	/* Take the queue: what the line writes back while it reads makes the
	 * modem say more, which queues anew for the next round. */
	memset(&dm->out, 0, sizeof(dm->out));
	dm->flushing = true;
	if (dm->release_pending && dm->modem) {
		dm->release_pending = false;
		enter(dm);
		modem_release(dm->modem, dm->release_res);
		leave(dm);
	}
	if (dm->modem)
		observe(dm);
	for (size_t i = 0; i < o.nrecs && dm->line; i++) {
		deliver(dm, &o.recs[i], o.buf + off);
		if (o.recs[i].kind != DM_SIG)
			off += o.recs[i].len;
	}
	if (dm->line && dm->out.nrecs == 0 && dm->sig_out != dm->sig_latest) {
		struct dm_rec r = {DM_SIG, 0, dm->sig_latest, dm->speed_bps};

		deliver(dm, &r, NULL);
	}
	free(o.buf);
	dm->flushing = false;
	if (dm->dying)
		dm_destroy(dm);
}

/* ---- the call ------------------------------------------------------------ */

/* Forget the ISDN call and clear it (normal clearing, cause 16, as the
 * seed's TX -> DISCONNECT ... Cause i = 0x8090 after the modem hangs up). */
static void drop_call(struct dmodem *dm)
{
	struct isdn_call *c = dm->call;

	if (!c)
		return;
	dm->call = NULL;
	csm_event(&dm->csm, CSM_EV_MODEM_ONHOOK);
	isdn_voice_hangup(c);
}

/* Follow the modem's hook: off hook (ATH1, ATD, an answer) and back on
 * hook are CSM events; a modem back on hook with a call still up (carrier
 * lost, NO CARRIER after S7) clears the call. */
static void observe(struct dmodem *dm)
{
	bool off = modem_get_state(dm->modem) != MODEM_IDLE;

	if (off == dm->offhook)
		return;
	dm->offhook = off;
	csm_event(&dm->csm, off ? CSM_EV_MODEM_OFFHOOK : CSM_EV_MODEM_ONHOOK);
	if (!off)
		drop_call(dm);
}

static void enter(struct dmodem *dm)
{
	dm->depth++;
}

static void leave(struct dmodem *dm)
{
	assert(dm->depth > 0);
	if (--dm->depth == 0 && dm->modem)
		observe(dm);
}

/* modem_release() from inside the modem is not allowed: later. */
static void release_later(struct dmodem *dm, enum modem_result res)
{
	dm->release_pending = true;
	dm->release_res = res;
	kick(dm);
}

/* ---- modem ops ----------------------------------------------------------- */

static void op_dte_write(void *arg, const uint8_t *data, size_t len)
{
	struct dmodem *dm = arg;

	queue_bytes(dm, dm->feeding ? DM_DATA : DM_TEXT, data, len);
}

static void op_signals(void *arg, unsigned sig)
{
	queue_sig(arg, sig);
}

/*
 * ATD: place an ISDN voice call.  An AS5200 whose PRI is down, or has no
 * free B-channel, cannot give the modem a line to dial on: the modem hears
 * no dial tone and says NO DIALTONE (NO CARRIER below ATX2), as an analog
 * modem on a dead line does.  Either way the chat script's ABORT list
 * does not stop it and its TIMEOUT ends the attempt.
 */
static enum modem_result op_dial(void *arg, const char *dialed)
{
	struct dmodem *dm = arg;
	struct isdn_call *c = NULL;
	char number[64];
	size_t n = 0;
	int rc;

	/* The modem collects digits; the punctuation of the dial string
	 * ("527-9651") never reaches the D-channel: seed 001 shows "called
	 * party num: (5279651)" and "Called Party Number i = 0xA1,
	 * '5279651'". */
	for (const char *p = dialed; *p && n + 1 < sizeof(number); p++)
		if ((*p >= '0' && *p <= '9') || *p == '*' || *p == '#')
			number[n++] = *p;
	number[n] = '\0';
	dm->depth++; /* inside the modem: no observe() on the way out */
	observe(dm);
	csm_digits(&dm->csm, number);
	rc = isdn_place_voice_call(dm->nasd, number, dm, &c);
	if (rc < 0) {
		dm->calls_failed++;
		log_dbg(&dm->nasd->log, DBG_MODEM, "%s: %s: no call to %s: %s",
			dm->line->tty, dm->name, number,
			rc == -ENETDOWN ? "no ISDN interface is up"
			: rc == -EBUSY	? "no free B-channel"
					: "the D-channel refused the call");
		dm->depth--;
		return MODEM_RES_NO_DIALTONE;
	}
	dm->call = c;
	dm->call_outgoing = true;
	snprintf(dm->call_if, sizeof(dm->call_if), "%s", c->ifname);
	dm->calls_out++;
	dm->depth--;
	return MODEM_RES_OK;
}

/* S0 auto-answer or ATA: the ISDN call is answered (CONNECT). */
static void op_answer(void *arg)
{
	struct dmodem *dm = arg;

	dm->depth++; /* inside the modem: no observe() on the way out */
	observe(dm);
	if (dm->call && isdn_voice_answer(dm->call) == 0) {
		dm->calls_in++;
		csm_event(&dm->csm, CSM_EV_ISDN_CONNECTED);
	} else {
		/* The call went away meanwhile: the modem learns it from the
		 * loop, not from inside its own answer. */
		drop_call(dm);
		release_later(dm, MODEM_RES_NO_CARRIER);
	}
	dm->depth--;
}

/* ATH, DTR dropped under &D2, S7 expired, a ringing call refused. */
static void op_hangup(void *arg)
{
	struct dmodem *dm = arg;

	dm->depth++; /* inside the modem: no observe() on the way out */
	observe(dm);
	drop_call(dm);
	dm->depth--;
}

static void op_line_tx(void *arg, const uint8_t *data, size_t len)
{
	struct dmodem *dm = arg;

	if (dm->call)
		isdn_voice_write(dm->call, data, len);
}

static const struct modem_ops dm_ops = {
	.dte_write = op_dte_write,
	.signals = op_signals,
	.dial = op_dial,
	.answer = op_answer,
	.hangup = op_hangup,
	.line_tx = op_line_tx,
};

/* ---- life ---------------------------------------------------------------- */

struct dmodem *dmodem_new(struct line *l)
{
	struct dmodem *dm = calloc(1, sizeof(*dm));
	struct modem_cfg cfg;
	unsigned port = l->num ? l->num - 1 : 0;

	if (!dm)
		return NULL;
	dm->nasd = l->nasd;
	dm->line = l;
	snprintf(dm->name, sizeof(dm->name), "modem 0/%u", port);
	csm_init(&dm->csm, &l->nasd->log, 0, port);
	dm->mlog = (struct logger){.sink = mlog_sink,
				   .ctx = dm,
				   .debug = 0,
				   .level = LOG_LVL_DEBUG};
	memset(&cfg, 0, sizeof(cfg));
	cfg.speed_bps = DMODEM_SPEED_BPS;
	cfg.latency_ms = 0;
	cfg.ber = 0.0;
	cfg.seed = 1;
	cfg.s0_default = 1;
	cfg.name = dm->name;
	cfg.debug = &dm_debug_all;
	dm->modem = modem_new(&cfg, &dm_ops, dm, l->nasd->ts, &dm->mlog);
	if (!dm->modem) {
		free(dm);
		return NULL;
	}
	dm->sig_latest = dm->sig_out = modem_signals(dm->modem);
	return dm;
}

void dmodem_free(struct dmodem *dm)
{
	if (!dm)
		return;
	drop_call(dm);
	dm->line = NULL;
	modem_free(dm->modem);
	dm->modem = NULL;
	if (dm->flushing) {
		dm->dying = true; /* dm_flush() frees it on its way out */
		return;
	}
	dm_destroy(dm);
}

/* ---- serial side --------------------------------------------------------- */

void dmodem_dte_write(struct dmodem *dm, const uint8_t *data, size_t len)
{
	if (!dm->modem || len == 0)
		return;
	/* The line only runs from the loop (dm_flush), never inside the
	 * modem; a write from inside would break the core's contract. */
	assert(dm->depth == 0);
	enter(dm);
	modem_dte_input(dm->modem, data, len);
	leave(dm);
}

void dmodem_set_dtr(struct dmodem *dm, bool on)
{
	if (!dm->modem)
		return;
	assert(dm->depth == 0);
	enter(dm);
	modem_set_dtr(dm->modem, on);
	leave(dm);
}

unsigned dmodem_signals(const struct dmodem *dm)
{
	return dm->sig_out;
}

bool dmodem_idle(const struct dmodem *dm)
{
	return dm->modem && !dm->call && !dm->release_pending &&
	       !modem_busy(dm->modem) && dm->csm.state == CSM_IDLE;
}

void dmodem_get_status(const struct dmodem *dm, struct dmodem_status *st)
{
	memset(st, 0, sizeof(*st));
	snprintf(st->name, sizeof(st->name), "%s", dm->name);
	st->slot = dm->csm.slot;
	st->port = dm->csm.port;
	if (dm->modem)
		modem_get_status(dm->modem, &st->modem);
	st->csm = dm->csm.state;
	if (dm->call)
		snprintf(st->call_if, sizeof(st->call_if), "%s", dm->call_if);
	st->call_outgoing = dm->call && dm->call_outgoing;
	st->calls_in = dm->calls_in;
	st->calls_out = dm->calls_out;
	st->calls_failed = dm->calls_failed;
	st->dte_dropped = dm->dte_dropped;
}

/* ---- network side -------------------------------------------------------- */

struct dmodem *dmodem_claim(struct nasd *nasd, struct isdn_call *c)
{
	for (struct line *l = nasd->lines; l; l = l->next) {
		struct dmodem *dm = l->dm;
		int rc;

		if (l->be != LINE_BE_DMODEM || !dm || l->state != LINE_IDLE ||
		    l->admin_down || !l->dtr || !dmodem_idle(dm))
			continue;
		enter(dm);
		rc = modem_offer(dm->modem);
		leave(dm);
		if (rc < 0)
			continue;
		dm->call = c;
		dm->call_outgoing = false;
		snprintf(dm->call_if, sizeof(dm->call_if), "%s", c->ifname);
		dm->speed_bps = 0;
		l->carrier = false;
		l->connect_bps = 0;
		snprintf(l->remote, sizeof(l->remote), "%s", c->calling);
		snprintf(l->called, sizeof(l->called), "%s", c->called);
		log_dbg(&nasd->log, DBG_MODEM,
			"%s: digital modem allocated for a call from %s to %s",
			l->tty, c->calling[0] ? c->calling : "unknown",
			c->called[0] ? c->called : "unknown");
		csm_allocate(&dm->csm);
		return dm;
	}
	return NULL;
}

struct line *dmodem_line(const struct dmodem *dm)
{
	return dm->line;
}

void dmodem_call_proceeding(struct dmodem *dm)
{
	csm_event(&dm->csm, CSM_EV_ISDN_BCHAN_ASSIGNED);
}

void dmodem_call_connected(struct dmodem *dm)
{
	if (!dm->modem)
		return;
	csm_event(&dm->csm, CSM_EV_ISDN_CONNECTED);
	enter(dm);
	modem_answered(dm->modem);
	leave(dm);
}

void dmodem_call_carrier(struct dmodem *dm, uint32_t bps)
{
	if (!dm->modem)
		return;
	enter(dm);
	if (bps == 0) {
		/* The modems lost each other: NO CARRIER, on hook, and the
		 * on-hook modem clears the call (observe()). */
		modem_release(dm->modem, MODEM_RES_NO_CARRIER);
		leave(dm);
		return;
	}
	dm->speed_bps = bps < DMODEM_SPEED_BPS ? bps : DMODEM_SPEED_BPS;
	/* A network that reports carrier before (or without) CONNECT. */
	if (modem_get_state(dm->modem) == MODEM_CALLING)
		modem_answered(dm->modem);
	modem_carrier(dm->modem, bps);
	leave(dm);
	if (modem_get_state(dm->modem) == MODEM_ONLINE)
		csm_event(&dm->csm, CSM_EV_CARRIER);
}

void dmodem_call_data(struct dmodem *dm, const uint8_t *data, size_t len)
{
	if (!dm->modem)
		return;
	enter(dm);
	dm->feeding = true;
	modem_line_input(dm->modem, data, len);
	dm->feeding = false;
	leave(dm);
}

void dmodem_call_released(struct dmodem *dm, int cause)
{
	enum modem_state st;
	enum modem_result res = MODEM_RES_NO_CARRIER;

	dm->call = NULL;
	csm_event(&dm->csm, CSM_EV_ISDN_DISCONNECTED);
	if (!dm->modem)
		return;
	st = modem_get_state(dm->modem);
	if (st == MODEM_DIALING || st == MODEM_CALLING) {
		if (cause == Q931_CAUSE_BUSY)
			res = MODEM_RES_BUSY;
		else if (cause == Q931_CAUSE_NO_RESPONSE ||
			 cause == Q931_CAUSE_NO_ANSWER)
			res = MODEM_RES_NO_ANSWER;
	}
	if (dm->depth) {
		release_later(dm, res);
		return;
	}
	enter(dm);
	modem_release(dm->modem, res);
	leave(dm);
}
