/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * isdn.c - nasd's ISDN interfaces (isdn.h): the attachment to the phone
 * network (Unix SOCK_SEQPACKET, doc/pstn-protocol.md), the user side of
 * the D-channel with libpri, and the life of calls on B-channels: voice
 * calls handed to digital modems (`isdn incoming-voice modem`, seed 001),
 * data calls handed to isdn_data.c.  Log lines follow IOS: %ISDN-6-LAYER2UP,
 * %ISDN-6-CONNECT, %ISDN-6-DISCONNECT ("Interface Serial0:18 disconnected
 * from 5279651 , call lasted 41 seconds").
 */
#include "isdn.h"
#include "vpdn.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ddr_glue.h"
#include "dmodem.h"
#include "isdn_pri.h"
#include "nasd.h"
#include "q931.h"

#define RETRY_MS 5000 /* reconnect to the phone network */

struct isdn_rec {
	struct isdn_rec *next;
	size_t len;
	uint8_t data[];
};

static void if_close(struct isdn_if *ifc, const char *why);

/* ---- the socket ---------------------------------------------------------- */

static void flush(struct isdn_if *ifc)
{
	while (ifc->qh && ifc->fd >= 0) {
		struct isdn_rec *r = ifc->qh;
		ssize_t n = send(ifc->fd, r->data, r->len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == ENOBUFS))
			break;
		if (n < 0) {
			/* Closed by the reader (EOF) path; just stop. */
			break;
		}
		ifc->qh = r->next;
		if (!ifc->qh)
			ifc->qt = NULL;
		ifc->queued -= r->len;
		free(r);
	}
	if (ifc->fd >= 0)
		loop_fd_mod(&ifc->lfd, LOOP_IN | (ifc->qh ? LOOP_OUT : 0));
}

void isdn_if_send(struct isdn_if *ifc, const uint8_t *msg, size_t len)
{
	struct isdn_rec *r;

	if (ifc->fd < 0)
		return;
	if (!ifc->qh) {
		ssize_t n = send(ifc->fd, msg, len, MSG_NOSIGNAL);

		if (n >= 0)
			return;
		if (errno != EAGAIN && errno != ENOBUFS && errno != EINTR)
			return; /* the reader sees the end */
	}
	/* B-channel data may be lost when the network does not keep up;
	 * D-channel frames never are. */
	if (msg[0] == PSTN_MSG_DATA && ifc->queued + len > ISDN_QUEUE_MAX)
		return;
	r = malloc(sizeof(*r) + len);
	if (!r)
		return;
	r->next = NULL;
	r->len = len;
	memcpy(r->data, msg, len);
	if (ifc->qt)
		ifc->qt->next = r;
	else
		ifc->qh = r;
	ifc->qt = r;
	ifc->queued += len;
	flush(ifc);
}

static void send_data(struct isdn_if *ifc, uint8_t type, unsigned ch,
		      const uint8_t *data, size_t len)
{
	uint8_t buf[PSTN_WIRE_MAX_MSG];

	do {
		size_t n = len < PSTN_WIRE_MAX_PAYLOAD ? len
						       : PSTN_WIRE_MAX_PAYLOAD;
		struct wr w = wr_init(buf, sizeof(buf));

		pstn_wire_put_data(&w, type, (uint8_t)ch, data, n);
		if (wr_ok(&w))
			isdn_if_send(ifc, buf, w.len);
		data += n;
		len -= n;
	} while (len > 0);
}

/* ---- calls ----------------------------------------------------------------- */

static const char *far_number(const struct isdn_call *c)
{
	const char *n = c->outgoing ? c->called : c->calling;

	return n[0] ? n : "unknown";
}

static void call_name(struct isdn_call *c)
{
	struct isdn_if *ifc = c->ifc;

	if (ifc->bri) {
		snprintf(c->ifname, sizeof(c->ifname), "BRI%u:%u", ifc->unit,
			 c->ch);
		snprintf(c->ifshort, sizeof(c->ifshort), "BR%u:%u", ifc->unit,
			 c->ch);
	} else {
		/* IOS numbers PRI B-channel interfaces from 0: timeslot 19
		 * is Serial0:18 (seed 001). */
		snprintf(c->ifname, sizeof(c->ifname), "Serial%u:%u",
			 ifc->unit, c->ch - 1);
		snprintf(c->ifshort, sizeof(c->ifshort), "Se%u:%u", ifc->unit,
			 c->ch - 1);
	}
}

static struct isdn_call *call_of(struct isdn_if *ifc, const struct q931_call *q)
{
	for (unsigned i = 1; i <= ISDN_MAX_B; i++)
		if (q && ifc->calls[i].in_use && ifc->calls[i].q == q)
			return &ifc->calls[i];
	return NULL;
}

static bool channel_ok(const struct isdn_if *ifc, unsigned ch)
{
	if (ch < 1 || ch > ISDN_MAX_B)
		return false;
	if (ifc->bri)
		return ch <= 2;
	if (ifc->e1 && ch == 16)
		return false;
	if (!ifc->e1 && ch > 23)
		return false;
	return (ifc->slot_mask & ((uint32_t)1 << ch)) != 0;
}

static void log_disconnect(struct isdn_call *c)
{
	uint64_t now = loop_now_ms(c->ifc->nasd->loop);
	uint64_t secs = c->connect_ms ? (now - c->connect_ms) / 1000 : 0;

	log_info(&c->ifc->nasd->log,
		 "%%ISDN-6-DISCONNECT: Interface %s disconnected from %s , "
		 "call lasted %llu seconds",
		 c->ifname, far_number(c), (unsigned long long)secs);
}

/* Stop what runs on the B-channel (the modem or PPP); `cause` is the
 * Q.850 cause the call ended with (the modem reports BUSY for 17). */
static void call_stop(struct isdn_call *c, int cause)
{
	if (c->fwd) {
		struct vpdn_fwd *f = c->fwd;

		c->fwd = NULL;
		vpdn_fwd_lower_gone(f, cause);
	}
	if (c->dm) {
		struct dmodem *dm = c->dm;

		c->dm = NULL;
		dmodem_call_released(dm, cause);
	}
	if (c->sess)
		isdn_data_stop(c);
	if (c->dc) {
		struct dialer_call *dc = c->dc;

		c->dc = NULL;
		dialer_call_ended(dc, cause);
	}
}

void isdn_call_done(struct isdn_call *c)
{
	call_stop(c, Q931_CAUSE_NORMAL);
	c->q = NULL;
	/* A PPP session still being reaped keeps the slot until then. */
	if (c->dead || loop_defer_queued(&c->reap))
		return;
	c->in_use = false;
}

void isdn_call_clear(struct isdn_call *c, int cause, const char *why)
{
	struct isdn_if *ifc = c->ifc;

	if (!c->in_use || c->clearing)
		return;
	c->clearing = true;
	if (log_debug_on(&ifc->nasd->log, DBG_ISDN_EVENTS))
		log_printf(&ifc->nasd->log, LOG_LVL_DEBUG,
			   "ISDN %s: Event: Hangup call to call id 0x%X",
			   ifc->shortname, c->cref);
	if (log_debug_on(&ifc->nasd->log, DBG_ISDN_EVENTS) && why)
		log_printf(&ifc->nasd->log, LOG_LVL_DEBUG, "ISDN %s: %s: %s",
			   ifc->shortname, c->ifname, why);
	if (c->connected)
		log_disconnect(c);
	call_stop(c, cause);
	if (c->q && ifc->pri)
		isdn_pri_hangup(ifc->pri, c->q, cause);
	else
		isdn_call_done(c);
}

/* ---- digital modems --------------------------------------------------------- */

int isdn_voice_answer(struct isdn_call *c)
{
	struct isdn_if *ifc = c->ifc;

	if (!c->in_use || c->clearing || !c->q || !ifc->pri)
		return -ENOTCONN;
	if (isdn_pri_answer(ifc->pri, c->q, (int)c->ch) != 0)
		return -EIO;
	c->connected = true;
	c->connect_ms = loop_now_ms(ifc->nasd->loop);
	return 0;
}

void isdn_voice_write(struct isdn_call *c, const uint8_t *data, size_t len)
{
	if (!c->in_use || !c->connected || c->clearing || len == 0)
		return;
	c->tx_octets += len;
	send_data(c->ifc, PSTN_MSG_DATA, c->ch, data, len);
}

/* The modem hung up (ATH, DTR dropped, carrier lost): "normal call
 * clearing", as in seed 001: TX -> DISCONNECT ... Cause i = 0x8090. */
void isdn_voice_hangup(struct isdn_call *c)
{
	c->dm = NULL;
	isdn_call_clear(c, Q931_CAUSE_NORMAL, "modem hung up");
}

/* ---- D-channel events ------------------------------------------------------- */

static void ev_ring(struct isdn_if *ifc, const struct isdn_pri_event *ev)
{
	struct nasd *nasd = ifc->nasd;
	const struct config_if *cif = config_if_find(nasd->running, ifc->name);
	bool voice = ev->bearer != Q931_CAP_DIGITAL &&
		     ev->bearer != Q931_CAP_RESTRICTED;
	unsigned ch = (unsigned)ev->channel;
	struct isdn_call *c;

	if (log_debug_on(&nasd->log, DBG_ISDN_EVENTS))
		log_printf(&nasd->log, LOG_LVL_DEBUG,
			   "ISDN %s: Incoming call id = 0x%X, %s call from %s "
			   "to %s on B%u",
			   ifc->shortname, (unsigned)ev->cref,
			   voice ? "VOICE" : "DATA",
			   ev->calling[0] ? ev->calling : "unknown",
			   ev->called[0] ? ev->called : "unknown", ch);
	if (!channel_ok(ifc, ch) || ifc->calls[ch].in_use) {
		isdn_pri_refuse(ifc->pri, ev->call, 0, Q931_CAUSE_CHAN_UNAVAIL);
		return;
	}
	if (voice && !(cif && cif->isdn_voice_modem)) {
		/* Without `isdn incoming-voice modem` IOS refuses voice. */
		isdn_pri_refuse(ifc->pri, ev->call, (int)ch,
				Q931_CAUSE_INCOMPATIBLE);
		return;
	}
	c = &ifc->calls[ch];
	memset(c, 0, sizeof(*c));
	c->ifc = ifc;
	c->in_use = true;
	c->ch = ch;
	c->q = ev->call;
	c->cref = (unsigned)ev->cref;
	c->voice = voice;
	snprintf(c->calling, sizeof(c->calling), "%s", ev->calling);
	snprintf(c->called, sizeof(c->called), "%s", ev->called);
	c->setup_ms = loop_now_ms(nasd->loop);
	call_name(c);
	if (voice) {
		c->dm = dmodem_claim(nasd, c);
		if (!c->dm) {
			log_notice(&nasd->log,
				   "%%ISDN-5-NOMODEM: %s: no free modem for "
				   "the call from %s",
				   ifc->shortname, far_number(c));
			c->in_use = false;
			isdn_pri_refuse(ifc->pri, ev->call, (int)ch,
					Q931_CAUSE_NO_CIRCUIT);
			return;
		}
	}
	isdn_pri_proceeding(ifc->pri, ev->call, (int)ch);
	isdn_pri_alerting(ifc->pri, ev->call, (int)ch);
	/* A modem call is answered when the modem picks up (its answer op:
	 * isdn_voice_answer()); a data call at once. */
	if (voice)
		return;
	if (isdn_pri_answer(ifc->pri, ev->call, (int)ch) != 0) {
		isdn_call_clear(c, Q931_CAUSE_TEMP_FAILURE, "answer failed");
		return;
	}
	c->connected = true;
	c->connect_ms = loop_now_ms(nasd->loop);
	log_notice(&nasd->log,
		   "%%LINK-3-UPDOWN: Interface %s, changed state to up",
		   c->ifname);
	log_info(&nasd->log,
		 "%%ISDN-6-CONNECT: Interface %s is now connected to %s",
		 c->ifname, far_number(c));
	c->dc = dialer_isdn_incoming(nasd, c);
	isdn_data_start(c);
}

static void ev_answer(struct isdn_if *ifc, struct isdn_call *c)
{
	struct nasd *nasd = ifc->nasd;

	if (!c || c->connected)
		return;
	c->connected = true;
	c->connect_ms = loop_now_ms(nasd->loop);
	log_notice(&nasd->log, "%%LINK-3-UPDOWN: Interface %s, changed state "
			       "to up", c->ifname);
	log_info(&nasd->log,
		 "%%ISDN-6-CONNECT: Interface %s is now connected to %s",
		 c->ifname, far_number(c));
	if (!c->voice && c->dc)
		dialer_call_connected(c->dc);
	if (!c->voice)
		isdn_data_start(c);
	else if (c->dm)
		dmodem_call_connected(c->dm); /* the modems start training */
}

static void pri_event(void *ctx, const struct isdn_pri_event *ev)
{
	struct isdn_if *ifc = ctx;
	struct nasd *nasd = ifc->nasd;
	struct isdn_call *c = call_of(ifc, ev->call);

	switch (ev->type) {
	case ISDN_EV_DCHAN_UP:
	case ISDN_EV_DCHAN_DOWN:
		ifc->l2_up = ev->type == ISDN_EV_DCHAN_UP;
		ifc->l2_changes++;
		log_info(&nasd->log,
			 "%%ISDN-6-LAYER2%s: Layer 2 for Interface %s, TEI 0 "
			 "changed to %s",
			 ifc->l2_up ? "UP" : "DOWN", ifc->shortname,
			 ifc->l2_up ? "up" : "down");
		break;
	case ISDN_EV_RING:
		ev_ring(ifc, ev);
		break;
	case ISDN_EV_PROCEEDING:
		if (c && c->dm)
			dmodem_call_proceeding(c->dm);
		break;
	case ISDN_EV_ANSWER:
		ev_answer(ifc, c);
		break;
	case ISDN_EV_HANGUP_REQ:
	case ISDN_EV_HANGUP:
		if (!c) {
			isdn_pri_hangup(ifc->pri, ev->call, ev->cause);
			break;
		}
		if (!c->clearing) {
			char why[96];

			c->clearing = true;
			snprintf(why, sizeof(why), "ISDN call cleared: %s",
				 q931_cause_name((uint8_t)ev->cause));
			if (c->connected)
				log_disconnect(c);
			else
				log_info(&nasd->log,
					 "%%ISDN-6-DISCONNECT: Interface %s: "
					 "call to %s failed: %s",
					 c->ifname, far_number(c),
					 q931_cause_name((uint8_t)ev->cause));
			call_stop(c, ev->cause);
		}
		isdn_pri_hangup(ifc->pri, ev->call, ev->cause);
		if (ev->type == ISDN_EV_HANGUP)
			isdn_call_done(c);
		break;
	case ISDN_EV_HANGUP_ACK:
		if (!c)
			break;
		/* A SETUP refused at once (RELEASE COMPLETE with a cause):
		 * the modem hears why (BUSY for 17). */
		if (!c->clearing) {
			c->clearing = true;
			log_info(&nasd->log,
				 "%%ISDN-6-DISCONNECT: Interface %s: call to %s "
				 "failed: %s",
				 c->ifname, far_number(c),
				 q931_cause_name((uint8_t)ev->cause));
			call_stop(c, ev->cause);
		}
		isdn_call_done(c);
		break;
	default:
		break;
	}
}

static void pri_send(void *ctx, const uint8_t *frame, size_t len)
{
	struct isdn_if *ifc = ctx;

	q931_debug_frame(&ifc->nasd->log, ifc->shortname, true, frame, len);
	send_data(ifc, PSTN_MSG_DCHAN, 0, frame, len);
}

static const struct isdn_pri_ops pri_ops = {pri_send, pri_event};

/* ---- attachment messages ---------------------------------------------------- */

static void on_attached(struct isdn_if *ifc, const struct pstn_wire_msg *m)
{
	struct nasd *nasd = ifc->nasd;
	enum isdn_pri_kind kind = ifc->bri  ? ISDN_PRI_BRI
				  : ifc->e1 ? ISDN_PRI_E1
					    : ISDN_PRI_T1;
	int sw = isdn_pri_switch_type(ifc->switch_type);

	if (sw < 0)
		sw = isdn_pri_switch_type(ifc->bri  ? "basic-net3"
					  : ifc->e1 ? "primary-net5"
						    : "primary-5ess");
	ifc->attached = true;
	ifc->last_error[0] = '\0';
	log_info(&nasd->log,
		 "%%ISDN-6-ATTACH: Interface %s attached to the phone network "
		 "as %s (%.*s)",
		 ifc->name, ifc->number, (int)m->text_len, m->text);
	ifc->pri = isdn_pri_new(false, kind, sw, &pri_ops, ifc,
				loop_timers(nasd->loop), &nasd->log,
				ifc->shortname);
	if (!ifc->pri)
		if_close(ifc, "cannot start the D-channel");
}

static void on_message(struct isdn_if *ifc, const uint8_t *buf, size_t len)
{
	struct pstn_wire_msg m;
	const char *why;
	struct isdn_call *c;

	if (pstn_wire_decode(buf, len, &m, &why) != 0) {
		if_close(ifc, why);
		return;
	}
	if (!ifc->attached) {
		if (m.type == PSTN_MSG_ATTACHED)
			on_attached(ifc, &m);
		else if (m.type == PSTN_MSG_ERROR) {
			char t[96];

			snprintf(t, sizeof(t), "refused: %.*s",
				 (int)m.text_len, m.text);
			if_close(ifc, t);
		} else {
			if_close(ifc, "ATTACHED expected");
		}
		return;
	}
	c = m.channel <= ISDN_MAX_B ? &ifc->calls[m.channel] : NULL;
	switch (m.type) {
	case PSTN_MSG_DCHAN:
		q931_debug_frame(&ifc->nasd->log, ifc->shortname, false, m.data,
				 m.data_len);
		if (ifc->pri)
			isdn_pri_input(ifc->pri, m.data, m.data_len);
		break;
	case PSTN_MSG_DATA:
		if (!c || !c->in_use || !c->connected || c->clearing)
			break;
		c->rx_octets += m.data_len;
		if (c->voice && c->dm)
			dmodem_call_data(c->dm, m.data, m.data_len);
		else if (!c->voice)
			isdn_data_input(c, m.data, m.data_len);
		break;
	case PSTN_MSG_CARRIER:
		if (c && c->in_use && c->voice && c->dm && !c->clearing)
			dmodem_call_carrier(c->dm, m.speed_bps);
		break;
	case PSTN_MSG_ERROR:
		if_close(ifc, "the phone network closed the attachment");
		break;
	default:
		break;
	}
}

static void on_io(struct loop_fd *h, uint32_t revents)
{
	struct isdn_if *ifc = h->arg;
	uint8_t buf[PSTN_WIRE_MAX_MSG + 1];

	if (revents & LOOP_OUT)
		flush(ifc);
	for (int rounds = 0; rounds < 32 && ifc->fd >= 0; rounds++) {
		ssize_t n = recv(ifc->fd, buf, sizeof(buf), MSG_TRUNC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {
			if_close(ifc, "the phone network went away");
			return;
		}
		if ((size_t)n > sizeof(buf) - 1) {
			if_close(ifc, "message too long");
			return;
		}
		on_message(ifc, buf, (size_t)n);
	}
}

static void if_connect(struct isdn_if *ifc)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	uint8_t msg[64];
	struct wr w = wr_init(msg, sizeof(msg));
	int fd;

	if (ifc->shutdown || !ifc->pstn_path[0] || ifc->fd >= 0)
		return;
	if (strlen(ifc->pstn_path) >= sizeof(sa.sun_path)) {
		snprintf(ifc->last_error, sizeof(ifc->last_error),
			 "path too long");
		return;
	}
	memcpy(sa.sun_path, ifc->pstn_path, strlen(ifc->pstn_path) + 1);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	pstn_wire_put_attach(&w, (enum pstn_role)ifc->role, ifc->number);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    send(fd, msg, w.len, MSG_NOSIGNAL) < 0) {
		snprintf(ifc->last_error, sizeof(ifc->last_error),
			 "phone network at %s: %s", ifc->pstn_path,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		timer_arm(&ifc->retry_timer, RETRY_MS);
		return;
	}
	if (loop_fd_add(ifc->nasd->loop, &ifc->lfd, fd, LOOP_IN, on_io,
			ifc) != 0) {
		close(fd);
		timer_arm(&ifc->retry_timer, RETRY_MS);
		return;
	}
	ifc->fd = fd;
}

static void retry(void *arg)
{
	if_connect(arg);
}

/* Close the attachment: every call ends as if the line were cut. */
static void if_close(struct isdn_if *ifc, const char *why)
{
	struct nasd *nasd = ifc->nasd;
	struct isdn_pri *pri = ifc->pri;

	if (ifc->fd < 0)
		return;
	if (why) {
		snprintf(ifc->last_error, sizeof(ifc->last_error), "%s", why);
		log_warn(&nasd->log, "%%ISDN-4-ATTACH: Interface %s: %s",
			 ifc->name, why);
	}
	loop_fd_del(&ifc->lfd);
	close(ifc->fd);
	ifc->fd = -1;
	ifc->attached = false;
	ifc->pri = NULL;
	if (ifc->l2_up) {
		ifc->l2_up = false;
		ifc->l2_changes++;
		log_info(&nasd->log,
			 "%%ISDN-6-LAYER2DOWN: Layer 2 for Interface %s, TEI 0 "
			 "changed to down",
			 ifc->shortname);
	}
	while (ifc->qh) {
		struct isdn_rec *r = ifc->qh;

		ifc->qh = r->next;
		free(r);
	}
	ifc->qt = NULL;
	ifc->queued = 0;
	for (unsigned i = 1; i <= ISDN_MAX_B; i++) {
		struct isdn_call *c = &ifc->calls[i];

		if (!c->in_use)
			continue;
		if (c->connected && !c->clearing)
			log_disconnect(c);
		c->clearing = true;
		isdn_call_done(c);
	}
	/* Never inside a libpri callback: if_close() runs from the socket
	 * reader or from apply, both outside libpri. */
	isdn_pri_free(pri);
	if (!ifc->shutdown)
		timer_arm(&ifc->retry_timer, RETRY_MS);
}

/* ---- placing calls ------------------------------------------------------------ */

/*
 * The highest free B-channel: IOS's default `isdn bchan-number-order
 * descending`, for data and voice calls alike (the network hunts the
 * other way for calls to us, which keeps glare rare).
 */
static struct isdn_call *hunt_channel(struct isdn_if *ifc)
{
	for (unsigned ch = ISDN_MAX_B; ch >= 1; ch--)
		if (channel_ok(ifc, ch) && !ifc->calls[ch].in_use)
			return &ifc->calls[ch];
	return NULL;
}

static struct isdn_call *place(struct isdn_if *ifc, struct isdn_call *c,
			       const char *number, bool voice)
{
	struct nasd *nasd = ifc->nasd;
	unsigned ch = (unsigned)(c - ifc->calls);
	struct q931_call *q;

	memset(c, 0, sizeof(*c));
	c->ifc = ifc;
	c->ch = ch;
	c->outgoing = true;
	c->voice = voice;
	c->cref = ++ifc->next_callid;
	snprintf(c->called, sizeof(c->called), "%s", number);
	snprintf(c->calling, sizeof(c->calling), "%s", ifc->number);
	c->setup_ms = loop_now_ms(nasd->loop);
	call_name(c);
	c->in_use = true;
	if (log_debug_on(&nasd->log, DBG_ISDN_EVENTS)) {
		if (voice)
			log_printf(&nasd->log, LOG_LVL_DEBUG,
				   "process_pri_call making a voice_call.");
		else
			log_printf(&nasd->log, LOG_LVL_DEBUG,
				   "ISDN %s: Event: Call to %s at 64 Kb/s",
				   ifc->shortname, number);
	}
	/* IOS places a modem call as speech (seed 001's callback: Bearer
	 * Capability i = 0x8090A2; the PC's call in came as 3.1 kHz audio,
	 * 0x9090A2): the network treats both as voice, a modem tone on it. */
	q = isdn_pri_call(ifc->pri, (int)ch,
			  voice ? Q931_CAP_SPEECH : Q931_CAP_DIGITAL, number,
			  ifc->number);
	if (!q) {
		c->in_use = false;
		return NULL;
	}
	c->q = q;
	return c;
}

int isdn_place_data_call(struct isdn_if *ifc, const char *number,
			 struct isdn_call **out)
{
	struct isdn_call *c;

	if (!ifc->pri || !ifc->l2_up || ifc->shutdown)
		return -ENETDOWN;
	c = hunt_channel(ifc);
	if (!c)
		return -EBUSY;
	if (!place(ifc, c, number, false))
		return -EIO;
	*out = c;
	return 0;
}

int isdn_place_call(struct isdn_if *ifc, const char *number)
{
	struct isdn_call *c;

	return isdn_place_data_call(ifc, number, &c);
}

int isdn_place_voice_call(struct nasd *nasd, const char *number,
			  struct dmodem *dm, struct isdn_call **out)
{
	int rc = -ENETDOWN;

	for (struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next) {
		struct isdn_call *c;

		if (!ifc->pri || !ifc->l2_up)
			continue;
		c = hunt_channel(ifc);
		if (!c) {
			rc = -EBUSY;
			continue;
		}
		if (!place(ifc, c, number, true))
			return -EIO;
		c->dm = dm;
		*out = c;
		return 0;
	}
	return rc;
}

/* ---- life ----------------------------------------------------------------------- */

struct isdn_if *isdn_if_find(struct nasd *nasd, const char *name)
{
	struct ifname id;
	char canon[IFNAME_MAX];

	if (!ifname_parse(name, &id))
		return NULL;
	ifname_canon(&id, canon, sizeof(canon));
	for (struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next)
		if (strcmp(ifc->name, canon) == 0)
			return ifc;
	return NULL;
}

static void if_free(struct isdn_if *ifc)
{
	ifc->shutdown = true;
	timer_cancel(&ifc->retry_timer);
	if_close(ifc, NULL);
	for (unsigned i = 1; i <= ISDN_MAX_B; i++)
		if (ifc->calls[i].in_use || ifc->calls[i].dead)
			isdn_data_free(&ifc->calls[i]);
	free(ifc);
}

/* What the configuration asks for, as a fresh (unconnected) object. */
static struct isdn_if *if_wanted(struct nasd *nasd, const struct config *cfg,
				 const struct config_controller *ctrl,
				 const struct config_if *bri)
{
	struct isdn_if *ifc = calloc(1, sizeof(*ifc));
	struct ifname id = {0};
	const struct config_if *cif;

	if (!ifc)
		return NULL;
	ifc->nasd = nasd;
	ifc->fd = -1;
	if (ctrl) {
		id.type = IF_SERIAL;
		id.unit = ctrl->unit;
		id.has_channel = true;
		id.channel = ctrl->e1 ? 15 : 23;
		ifc->e1 = ctrl->e1;
		ifc->unit = ctrl->unit;
		ifc->role = ctrl->e1 ? PSTN_ROLE_PRI_E1 : PSTN_ROLE_PRI_T1;
		ifc->slot_mask = ctrl->slot_mask;
		ifc->shutdown = ctrl->shutdown;
		snprintf(ifc->pstn_path, sizeof(ifc->pstn_path), "%s",
			 ctrl->pstn_path);
		snprintf(ifc->number, sizeof(ifc->number), "%s",
			 ctrl->pstn_number);
	} else {
		id = bri->id;
		ifc->bri = true;
		ifc->unit = bri->id.unit;
		ifc->role = PSTN_ROLE_BRI;
		snprintf(ifc->pstn_path, sizeof(ifc->pstn_path), "%s",
			 bri->pstn_path);
		snprintf(ifc->number, sizeof(ifc->number), "%s",
			 bri->pstn_number);
	}
	ifname_canon(&id, ifc->name, sizeof(ifc->name));
	ifname_short(&id, ifc->shortname, sizeof(ifc->shortname));
	cif = config_if_find(cfg, ifc->name);
	if (cif && cif->shutdown)
		ifc->shutdown = true;
	snprintf(ifc->switch_type, sizeof(ifc->switch_type), "%s",
		 config_isdn_switch(cfg, cif));
	timer_init(&ifc->retry_timer, loop_timers(nasd->loop), retry, ifc);
	return ifc;
}

static bool if_same(const struct isdn_if *a, const struct isdn_if *b)
{
	return strcmp(a->name, b->name) == 0 && a->role == b->role &&
	       strcmp(a->pstn_path, b->pstn_path) == 0 &&
	       strcmp(a->number, b->number) == 0 &&
	       strcmp(a->switch_type, b->switch_type) == 0 &&
	       a->slot_mask == b->slot_mask && a->shutdown == b->shutdown;
}

void isdn_apply(struct nasd *nasd, const struct config *cfg)
{
	struct isdn_if *wanted = NULL, **tail = &wanted, *old = nasd->isdns;

	for (size_t i = 0; i < 2 * CONFIG_CTRL_UNITS; i++) {
		const struct config_controller *c = &cfg->ctrls[i];

		if (c->present && c->slot_mask &&
		    (*tail = if_wanted(nasd, cfg, c, NULL)))
			tail = &(*tail)->next;
	}
	for (size_t i = 0; i < cfg->nifs; i++)
		if (cfg->ifs[i].id.type == IF_BRI &&
		    !cfg->ifs[i].id.has_channel &&
		    (*tail = if_wanted(nasd, cfg, NULL, &cfg->ifs[i])))
			tail = &(*tail)->next;
	/* Keep live interfaces whose binding did not change (their calls
	 * go on); rebuild the others. */
	for (struct isdn_if **pp = &wanted; *pp; pp = &(*pp)->next) {
		struct isdn_if **op;

		for (op = &old; *op && !if_same(*op, *pp); op = &(*op)->next)
			;
		if (*op) {
			struct isdn_if *keep = *op, *fresh = *pp;

			*op = keep->next;
			keep->next = fresh->next;
			*pp = keep;
			free(fresh);
		}
	}
	while (old) {
		struct isdn_if *o = old;

		old = o->next;
		if_free(o);
	}
	nasd->isdns = wanted;
	for (struct isdn_if *ifc = wanted; ifc; ifc = ifc->next)
		if (ifc->fd < 0 && !timer_armed(&ifc->retry_timer))
			if_connect(ifc);
}

void isdn_fini(struct nasd *nasd)
{
	while (nasd->isdns) {
		struct isdn_if *ifc = nasd->isdns;

		nasd->isdns = ifc->next;
		if_free(ifc);
	}
}

int isdn_clear_interface(struct nasd *nasd, const char *name)
{
	struct ifname id;
	char canon[IFNAME_MAX];

	if (!ifname_parse(name, &id))
		return -ENOENT;
	ifname_canon(&id, canon, sizeof(canon));
	for (struct isdn_if *ifc = nasd->isdns; ifc; ifc = ifc->next) {
		bool whole = strcmp(ifc->name, canon) == 0;
		bool found = whole;

		for (unsigned i = 1; i <= ISDN_MAX_B; i++) {
			struct isdn_call *c = &ifc->calls[i];

			if (!c->in_use ||
			    (!whole && strcmp(c->ifname, canon) != 0))
				continue;
			found = true;
			isdn_call_clear(c, Q931_CAUSE_NORMAL,
					"cleared by `clear interface`");
		}
		if (found)
			return 0;
	}
	return -ENOENT;
}
