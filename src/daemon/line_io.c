/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * line_io.c - a line's backend: bytes and modem-control signals of a tty
 * (real serial port or pty) or of a built-in phone network modem (the
 * attachment protocol of doc/pstn-protocol.md), and what they mean for the
 * call:
 *
 *   - with modem control (`modem InOut|Dialin`) a call is the carrier:
 *     DCD rising activates the line, falling hangs it up; RI makes nasd
 *     answer with ATA (as a getty does; a modem set to auto-answer simply
 *     raises DCD).  A tty without modem-control lines (a pty) carries the
 *     same facts in-band as the modem's result codes: RING, CONNECT
 *     <speed>, NO CARRIER;
 *   - without modem control the line is hard-wired: it is "called" when
 *     the device opens (dedicated PPP) or when the first octets arrive
 *     (an EXEC);
 *   - end of file / EIO on a tty, or a closed attachment, is the device
 *     going away: the call is dropped and the device reopened every 5 s;
 *   - a device-less modem line is an internal digital modem (dmodem.c):
 *     it behaves as a tty with modem-control lines whose modem is always
 *     there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dmodem.h"
#include "line.h"
#include "nasd.h"
#include "pstn_wire.h"
#include "tty.h"
#include "usock.h"

#define LINE_REOPEN_MS 5000
#define LINE_POLL_MS 250
#define LINE_OBUF_MAX (256 * 1024)

bool line_io_modem(const struct line *l)
{
	return l->s.modem != CONFIG_MODEM_NONE;
}

bool line_io_up(const struct line *l)
{
	return l->be == LINE_BE_DMODEM || l->fd >= 0;
}

/* ---- output ------------------------------------------------------------------ */

static void line_io_fail(struct line *l, const char *why);

static ssize_t be_write(struct line *l, const uint8_t *p, size_t n)
{
	uint8_t msg[PSTN_WIRE_MAX_MSG];
	struct wr w;

	if (l->be != LINE_BE_PSTN)
		return write(l->fd, p, n);
	if (n > PSTN_WIRE_MAX_PAYLOAD)
		n = PSTN_WIRE_MAX_PAYLOAD;
	w = wr_init(msg, sizeof(msg));
	pstn_wire_put_data(&w, PSTN_MSG_DATA, 0, p, n);
	if (send(l->fd, msg, w.len, MSG_NOSIGNAL) < 0)
		return -1;
	return (ssize_t)n;
}

static void line_io_flush(struct line *l)
{
	while (l->olen > 0 && l->fd >= 0) {
		ssize_t n = be_write(l, l->obuf, l->olen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				l->olen = 0; /* the read side sees the loss */
			break;
		}
		memmove(l->obuf, l->obuf + n, l->olen - (size_t)n);
		l->olen -= (size_t)n;
		l->tx_octets += (uint64_t)n;
	}
	if (l->fd >= 0)
		loop_fd_mod(&l->lfd, LOOP_IN | (l->olen > 0 ? LOOP_OUT : 0));
}

void line_io_write(struct line *l, const void *data, size_t len)
{
	if (l->be == LINE_BE_DMODEM) {
		if (l->dm && len) {
			l->tx_octets += len;
			l->last_output_ms = loop_now_ms(l->nasd->loop);
			dmodem_dte_write(l->dm, data, len);
		}
		return;
	}
	if (l->fd < 0 || len == 0)
		return;
	if (l->olen + len > l->ocap) {
		size_t ncap = l->ocap ? l->ocap : 4096;
		uint8_t *nb;
		while (ncap < l->olen + len)
			ncap *= 2;
		if (ncap > LINE_OBUF_MAX) {
			l->tx_drops++; /* the device is not draining */
			return;
		}
		nb = realloc(l->obuf, ncap);
		if (!nb) {
			l->tx_drops++;
			return;
		}
		l->obuf = nb;
		l->ocap = ncap;
	}
	memcpy(l->obuf + l->olen, data, len);
	l->olen += len;
	l->last_output_ms = loop_now_ms(l->nasd->loop);
	line_io_flush(l);
}

void line_io_puts(struct line *l, const char *s)
{
	line_io_write(l, s, strlen(s));
}

void line_io_set_dtr(struct line *l, bool on)
{
	l->dtr = on;
	if (l->be == LINE_BE_DMODEM) {
		if (l->dm)
			dmodem_set_dtr(l->dm, on); /* &D2: low hangs up */
		return;
	}
	/* A pty has no DTR line.  The phone network's pty modems take the
	 * slave being closed as DTR dropped (doc/pstn.md), so a modem line
	 * on a pty "drops DTR" by closing the device and "raises" it by
	 * opening it again. */
	if (l->be == LINE_BE_TTY && !l->has_mctl && line_io_modem(l)) {
		if (!on && l->fd >= 0)
			line_io_close(l);
		else if (on && l->fd < 0)
			line_io_open(l);
		return;
	}
	if (l->fd < 0)
		return;
	if (l->be == LINE_BE_TTY) {
		tty_set_dtr(l->fd, on);
	} else if (l->be == LINE_BE_PSTN) {
		uint8_t msg[8];
		struct wr w = wr_init(msg, sizeof(msg));
		pstn_wire_put_signals(&w, 0,
				      on ? PSTN_SIG_DTR | PSTN_SIG_RTS : 0);
		send(l->fd, msg, w.len, MSG_NOSIGNAL);
	}
}

/* ---- carrier ------------------------------------------------------------------- */

static void carrier_up(struct line *l, unsigned bps)
{
	l->rings = 0;
	if (l->carrier)
		return;
	l->carrier = true;
	l->carrier_transitions++;
	l->connect_bps = bps;
	if (l->state == LINE_IDLE)
		line_activate(l, false, false);
}

static void carrier_down(struct line *l)
{
	if (!l->carrier)
		return;
	l->carrier = false;
	l->carrier_transitions++;
	if (l->state != LINE_IDLE && l->state != LINE_DIALING &&
	    l->state != LINE_HANGUP)
		line_hangup(l, "Carrier lost");
}

/*
 * A modem on an access server normally answers by itself (S0, as IOS
 * expects it configured).  A modem that is still ringing on the second
 * ring is told to answer, as a getty would, rather than leaving the
 * caller to NO ANSWER.
 */
static void ring(struct line *l)
{
	if (l->state != LINE_IDLE || l->ring_answered || !line_io_modem(l))
		return;
	if (++l->rings < 2) {
		log_dbg(&l->nasd->log, DBG_MODEM, "%s: Ring", l->tty);
		return;
	}
	log_dbg(&l->nasd->log, DBG_MODEM,
		"%s: Ring %u without carrier, answering", l->tty, l->rings);
	l->ring_answered = true;
	line_io_puts(l, "ATA\r");
}

/* In-band result codes of a modem on a tty without modem-control lines. */
static void result_codes(struct line *l, const uint8_t *data, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = (char)data[i];
		if (c != '\r' && c != '\n') {
			if (l->rc_len + 1 < sizeof(l->rc_buf))
				l->rc_buf[l->rc_len++] = c;
			continue;
		}
		l->rc_buf[l->rc_len] = '\0';
		if (strcmp(l->rc_buf, "RING") == 0 || strcmp(l->rc_buf, "2") == 0)
			ring(l);
		else if (strncmp(l->rc_buf, "CONNECT", 7) == 0 &&
			 l->state == LINE_IDLE)
			carrier_up(l, (unsigned)strtoul(l->rc_buf + 7, NULL,
							10));
		else if (strcmp(l->rc_buf, "NO CARRIER") == 0)
			carrier_down(l);
		l->rc_len = 0;
	}
}

static void input(struct line *l, const uint8_t *data, size_t n)
{
	l->rx_octets += n;
	if (line_io_modem(l) && !l->has_mctl && l->state != LINE_DIALING) {
		bool was_idle = l->state == LINE_IDLE;
		result_codes(l, data, n);
		if (was_idle)
			return; /* result codes, not user data */
	}
	if (l->state == LINE_IDLE && !line_io_modem(l)) {
		/* A hard-wired interactive line: the first octets are the
		 * user arriving. */
		l->carrier = true;
		line_activate(l, false, false);
	}
	if (l->state == LINE_IDLE || l->state == LINE_HANGUP ||
	    l->state == LINE_BUSYOUT || l->state == LINE_DOWN) {
		l->noise += n;
		return;
	}
	line_data(l, data, n);
}

static void signals(struct line *l, uint8_t sig)
{
	uint8_t was = l->sig_in;

	l->sig_in = sig;
	if (!line_io_modem(l))
		return;
	if ((sig & PSTN_SIG_RI) && !(was & PSTN_SIG_RI))
		ring(l);
	if ((sig & PSTN_SIG_DCD) && !(was & PSTN_SIG_DCD))
		carrier_up(l, l->connect_bps);
	else if (!(sig & PSTN_SIG_DCD) && (was & PSTN_SIG_DCD))
		carrier_down(l);
}

static void poll_cb(void *arg)
{
	struct line *l = arg;
	unsigned bits;

	if (l->fd < 0 || l->be != LINE_BE_TTY || !l->has_mctl)
		return;
	if (tty_get_modem_lines(l->fd, &bits) == 0)
		signals(l, (uint8_t)((bits & TTY_DCD ? PSTN_SIG_DCD : 0) |
				     (bits & TTY_DSR ? PSTN_SIG_DSR : 0) |
				     (bits & TTY_RI ? PSTN_SIG_RI : 0) |
				     (bits & TTY_CTS ? PSTN_SIG_CTS : 0)));
	timer_arm(&l->poll_timer, LINE_POLL_MS);
}

/* ---- the pstn attachment --------------------------------------------------------- */

static void pstn_msg(struct line *l, const uint8_t *buf, size_t len)
{
	struct pstn_wire_msg m;
	const char *why;

	if (pstn_wire_decode(buf, len, &m, &why) < 0) {
		line_io_fail(l, why);
		return;
	}
	switch (m.type) {
	case PSTN_MSG_ATTACHED:
		l->attached = true;
		log_info(&l->nasd->log, "%s: attached to %s, subscriber %s: %.*s",
			 l->tty, l->pstn_path, l->pstn_number,
			 (int)m.text_len, m.text);
		break;
	case PSTN_MSG_ERROR:
		log_warn(&l->nasd->log, "%s: phone network: %.*s", l->tty,
			 (int)m.text_len, m.text);
		line_io_fail(l, "refused by the phone network");
		break;
	case PSTN_MSG_DATA:
		input(l, m.data, m.data_len);
		break;
	case PSTN_MSG_SIGNALS:
		signals(l, m.signals);
		break;
	default:
		break; /* CARRIER/DCHAN are not for a DTE */
	}
}

static int pstn_connect(struct line *l, char *err, size_t errlen)
{
	uint8_t msg[64];
	struct wr w = wr_init(msg, sizeof(msg));
	int fd;

	pstn_wire_put_attach(&w, PSTN_ROLE_DTE, l->pstn_number);
	fd = usock_seqpacket_connect(l->pstn_path, msg, w.len, NULL, 0);
	if (fd == -ENAMETOOLONG)
		snprintf(err, errlen, "%.200s: path too long", l->pstn_path);
	else if (fd < 0)
		snprintf(err, errlen, "phone network at %.200s: %s",
			 l->pstn_path, strerror(-fd));
	return fd < 0 ? -1 : fd;
}

/* `device pstn:PATH:NUMBER`. */
static bool parse_pstn_device(struct line *l)
{
	return pstn_device_parse(l->s.device, l->pstn_path,
				 sizeof(l->pstn_path), l->pstn_number,
				 sizeof(l->pstn_number)) == 0;
}

/* ---- read side ------------------------------------------------------------------- */

static void io_cb(struct loop_fd *h, uint32_t revents)
{
	struct line *l = h->arg;
	uint8_t buf[PSTN_WIRE_MAX_MSG];

	if (revents & LOOP_OUT)
		line_io_flush(l);
	if (!(revents & (LOOP_IN | LOOP_ERR)))
		return;
	for (int i = 0; i < 16 && l->fd >= 0; i++) {
		ssize_t n = l->be == LINE_BE_PSTN
				    ? recv(l->fd, buf, sizeof(buf), 0)
				    : read(l->fd, buf, sizeof(buf));
		if (n > 0) {
			if (l->be == LINE_BE_PSTN)
				pstn_msg(l, buf, (size_t)n);
			else
				input(l, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		line_io_fail(l, n == 0 ? "end of file" : strerror(errno));
		return;
	}
}

static void line_io_fail(struct line *l, const char *why)
{
	log_info(&l->nasd->log, "%s: %s: %s", l->tty, l->s.device, why);
	if (l->sess)
		ppp_session_lower_down(l->sess);
	line_hangup(l, why);
	line_io_close(l);
	line_set_state(l, LINE_DOWN);
	if (!l->closing)
		timer_arm(&l->reopen_timer, LINE_REOPEN_MS);
}

void line_io_open(struct line *l)
{
	char err[256];
	unsigned bits;
	int fd;

	if (l->fd >= 0 || l->closing)
		return;
	if (!l->s.device[0]) {
		/* An internal modem: ready for the calls the ISDN side hands
		 * it (`isdn incoming-voice modem`). */
		if (!line_io_modem(l))
			return;
		if (!l->dm)
			l->dm = dmodem_new(l);
		if (!l->dm) {
			log_err(&l->nasd->log, "%s: no memory for its modem",
				l->tty);
			timer_arm(&l->reopen_timer, LINE_REOPEN_MS);
			return;
		}
		l->be = LINE_BE_DMODEM;
		l->has_mctl = true;
		l->carrier = false;
		l->sig_in = (uint8_t)dmodem_signals(l->dm);
		l->last_reason[0] = '\0';
		line_io_set_dtr(l, true);
		line_set_state(l, l->s.modem_busyout ? LINE_BUSYOUT
						     : LINE_IDLE);
		return;
	}
	if (parse_pstn_device(l)) {
		l->be = LINE_BE_PSTN;
		fd = pstn_connect(l, err, sizeof(err));
		l->has_mctl = true;
	} else if (strncmp(l->s.device, "pstn:", 5) == 0) {
		log_warn(&l->nasd->log,
			 "%s: device %s: expected pstn:SOCKET:NUMBER", l->tty,
			 l->s.device);
		return;
	} else {
		l->be = LINE_BE_TTY;
		fd = tty_open(l->s.device,
			      l->s.speed_bps ? l->s.speed_bps : 9600,
			      l->s.flow_hardware, err, sizeof(err));
		l->has_mctl = fd >= 0 && tty_get_modem_lines(fd, &bits) == 0;
	}
	if (fd < 0) {
		if (strcmp(l->last_reason, err) != 0)
			log_warn(&l->nasd->log, "%s: %s", l->tty, err);
		snprintf(l->last_reason, sizeof(l->last_reason), "%.*s",
			 (int)sizeof(l->last_reason) - 1, err);
		timer_arm(&l->reopen_timer, LINE_REOPEN_MS);
		return;
	}
	if (loop_fd_add(l->nasd->loop, &l->lfd, fd, LOOP_IN, io_cb, l) != 0) {
		close(fd);
		timer_arm(&l->reopen_timer, LINE_REOPEN_MS);
		return;
	}
	l->fd = fd;
	l->sig_in = 0;
	l->rc_len = 0;
	l->carrier = false;
	l->last_reason[0] = '\0';
	timer_init(&l->poll_timer, l->nasd->ts, poll_cb, l);
	if (line_io_modem(l) && !l->has_mctl)
		log_info(&l->nasd->log,
			 "%s: %s has no modem-control lines: carrier is taken "
			 "from the modem's result codes",
			 l->tty, l->s.device);
	if (l->be == LINE_BE_TTY && l->has_mctl && line_io_modem(l))
		timer_arm(&l->poll_timer, LINE_POLL_MS);
	if (l->be != LINE_BE_TTY || l->has_mctl)
		line_io_set_dtr(l, true);
	line_set_state(l, l->s.modem_busyout ? LINE_BUSYOUT : LINE_IDLE);
	if (!line_io_modem(l)) {
		log_notice(&l->nasd->log,
			   "%%LINK-3-UPDOWN: Interface %s, changed state to up",
			   l->ifname);
		if (!l->admin_down && l->state == LINE_IDLE) {
			struct config_if eff;
			if (config_async_effective(l->nasd->running, l->num,
						   &eff) &&
			    eff.encap == CONFIG_ENCAP_PPP &&
			    !eff.async_interactive) {
				l->carrier = true;
				line_activate(l, false, true);
			}
		}
	}
}

void line_io_close(struct line *l)
{
	if (l->be == LINE_BE_DMODEM) {
		struct dmodem *dm = l->dm;

		l->dm = NULL;
		l->be = LINE_BE_NONE;
		l->sig_in = 0;
		dmodem_free(dm); /* clears a call in progress */
		return;
	}
	if (l->fd < 0)
		return;
	line_io_flush(l);
	timer_cancel(&l->poll_timer);
	loop_fd_del(&l->lfd);
	close(l->fd);
	l->fd = -1;
	l->olen = 0;
	l->attached = false;
	if (!line_io_modem(l))
		log_notice(&l->nasd->log,
			   "%%LINK-3-UPDOWN: Interface %s, changed state to "
			   "down",
			   l->ifname);
}

/* ---- digital modems ----------------------------------------------------------------- */

void line_io_modem_input(struct line *l, const uint8_t *data, size_t n)
{
	input(l, data, n);
}

void line_io_modem_signals(struct line *l, unsigned sig, unsigned bps)
{
	if ((sig & PSTN_SIG_DCD) && !(l->sig_in & PSTN_SIG_DCD) && bps)
		l->connect_bps = bps;
	signals(l, (uint8_t)sig);
}
