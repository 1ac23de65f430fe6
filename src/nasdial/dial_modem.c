/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dial_modem.c - nasdial's modem device (see dial_modem.h): the phone
 * network's attach socket (doc/pstn-protocol.md), a real tty, or a pty of
 * the phone network (doc/pstn.md: DTR is "the slave is open").
 */
#include "dial_modem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pstn_wire.h"
#include "tty.h"
#include "usock.h"

#define POLL_MS 250
#define REOPEN_MS 100
#define REOPEN_TRIES 50

static void io_cb(struct loop_fd *h, uint32_t revents);

static void send_signals(struct dial_modem *m)
{
	uint8_t msg[8];
	struct wr w = wr_init(msg, sizeof(msg));

	pstn_wire_put_signals(&w, 0, m->dtr ? PSTN_SIG_DTR | PSTN_SIG_RTS : 0);
	if (m->fd >= 0)
		send(m->fd, msg, w.len, MSG_NOSIGNAL);
}

static ssize_t dev_write(struct dial_modem *m, const uint8_t *p, size_t n)
{
	uint8_t msg[PSTN_WIRE_MAX_MSG];
	struct wr w;

	if (m->kind != DIAL_MODEM_PSTN)
		return write(m->fd, p, n);
	if (n > PSTN_WIRE_MAX_PAYLOAD)
		n = PSTN_WIRE_MAX_PAYLOAD;
	w = wr_init(msg, sizeof(msg));
	pstn_wire_put_data(&w, PSTN_MSG_DATA, 0, p, n);
	if (send(m->fd, msg, w.len, MSG_NOSIGNAL) < 0)
		return -1;
	return (ssize_t)n;
}

static void flush(struct dial_modem *m)
{
	while (m->olen > 0 && m->fd >= 0) {
		ssize_t n = dev_write(m, m->obuf, m->olen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				m->olen = 0; /* the read side sees the loss */
			break;
		}
		memmove(m->obuf, m->obuf + n, m->olen - (size_t)n);
		m->olen -= (size_t)n;
		m->tx_octets += (uint64_t)n;
	}
	if (m->fd >= 0)
		loop_fd_mod(&m->lfd, LOOP_IN | (m->olen > 0 ? LOOP_OUT : 0));
}

void dial_modem_write(struct dial_modem *m, const void *data, size_t n)
{
	if (m->fd < 0 || n == 0)
		return;
	if (m->olen + n > m->ocap) {
		size_t ncap = m->ocap ? m->ocap : 4096;
		uint8_t *nb;
		while (ncap < m->olen + n)
			ncap *= 2;
		if (ncap > DIAL_MODEM_OBUF_MAX) {
			m->tx_drops++;
			return;
		}
		nb = realloc(m->obuf, ncap);
		if (!nb) {
			m->tx_drops++;
			return;
		}
		m->obuf = nb;
		m->ocap = ncap;
	}
	memcpy(m->obuf + m->olen, data, n);
	m->olen += n;
	flush(m);
}

static void set_dcd(struct dial_modem *m, bool dcd)
{
	if (m->dcd == dcd)
		return;
	m->dcd = dcd;
	log_dbg(m->log, DBG_MODEM, "nasdial: modem DCD %s",
		dcd ? "up" : "down");
	m->ops->carrier(m->ctx, dcd);
}

static void poll_cb(void *arg)
{
	struct dial_modem *m = arg;
	unsigned bits = 0;
	bool ok;

	if (m->fd < 0 || m->kind != DIAL_MODEM_TTY || !m->has_mctl)
		return;
	ok = tty_get_modem_lines(m->fd, &bits) == 0;
	timer_arm(&m->poll_timer, POLL_MS);
	if (ok)
		set_dcd(m, (bits & TTY_DCD) != 0);
}

static void close_fd(struct dial_modem *m)
{
	if (m->fd < 0)
		return;
	loop_fd_del(&m->lfd);
	close(m->fd);
	m->fd = -1;
	m->olen = 0;
}

static int open_tty(struct dial_modem *m, char *err, size_t errlen)
{
	unsigned bits;
	int fd = tty_open(m->path, m->speed_bps, false, err, errlen);

	if (fd < 0)
		return fd;
	if (loop_fd_add(m->loop, &m->lfd, fd, LOOP_IN, io_cb, m) != 0) {
		snprintf(err, errlen, "%s: cannot watch the device", m->path);
		close(fd);
		return -EIO;
	}
	m->fd = fd;
	m->has_mctl = tty_get_modem_lines(fd, &bits) == 0;
	if (m->has_mctl) {
		tty_set_dtr(fd, true);
		m->dcd = (bits & TTY_DCD) != 0;
		timer_arm(&m->poll_timer, POLL_MS);
	}
	m->dtr = true;
	return 0;
}

static void pstn_msg(struct dial_modem *m, const uint8_t *buf, size_t len)
{
	struct pstn_wire_msg msg;
	const char *why;
	char text[300];

	if (pstn_wire_decode(buf, len, &msg, &why) < 0) {
		snprintf(text, sizeof(text),
			 "phone network sent a malformed message: %s", why);
		close_fd(m);
		m->ops->gone(m->ctx, text);
		return;
	}
	switch (msg.type) {
	case PSTN_MSG_ATTACHED:
		log_info(m->log,
			 "nasdial: attached to %s as subscriber %s: "
			 "%.*s",
			 m->path, m->number, (int)msg.text_len, msg.text);
		m->dtr = true;
		send_signals(m);
		if (!m->ready) {
			m->ready = true;
			m->ops->ready(m->ctx);
		}
		break;
	case PSTN_MSG_ERROR:
		snprintf(text, sizeof(text),
			 "the phone network refused subscriber %s: %.*s",
			 m->number, (int)msg.text_len, msg.text);
		close_fd(m);
		m->ops->gone(m->ctx, text);
		break;
	case PSTN_MSG_DATA:
		m->rx_octets += msg.data_len;
		m->ops->input(m->ctx, msg.data, msg.data_len);
		break;
	case PSTN_MSG_SIGNALS:
		set_dcd(m, (msg.signals & PSTN_SIG_DCD) != 0);
		break;
	default:
		break; /* CARRIER and DCHAN are for ISDN attachments */
	}
}

/* A pty that read EOF/EIO was hung up by the phone network (or it went
 * away): carrier is gone; open it again, it may be a new pty. */
static void pty_lost(struct dial_modem *m)
{
	close_fd(m);
	m->ops->carrier(m->ctx, false);
	m->reopen_tries = 0;
	timer_arm(&m->dtr_timer, REOPEN_MS);
}

static void io_cb(struct loop_fd *h, uint32_t revents)
{
	struct dial_modem *m = h->arg;
	uint8_t buf[PSTN_WIRE_MAX_MSG];

	if (revents & LOOP_OUT)
		flush(m);
	if (!(revents & (LOOP_IN | LOOP_ERR)))
		return;
	for (int i = 0; i < 16 && m->fd >= 0; i++) {
		ssize_t n = m->kind == DIAL_MODEM_PSTN
				    ? recv(m->fd, buf, sizeof(buf), 0)
				    : read(m->fd, buf, sizeof(buf));
		if (n > 0) {
			if (m->kind == DIAL_MODEM_PSTN) {
				pstn_msg(m, buf, (size_t)n);
			} else {
				m->rx_octets += (uint64_t)n;
				m->ops->input(m->ctx, buf, (size_t)n);
			}
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (m->kind == DIAL_MODEM_TTY && !m->has_mctl) {
			pty_lost(m);
			return;
		}
		close_fd(m);
		m->ops->gone(m->ctx, m->kind == DIAL_MODEM_PSTN
					     ? "the phone network closed the "
					       "attachment"
					     : "the tty went away");
		return;
	}
}

/* After a hang-up: raise DTR again (a pty: open it again). */
static void dtr_cb(void *arg)
{
	struct dial_modem *m = arg;
	char err[256];

	if (m->kind == DIAL_MODEM_PSTN) {
		m->dtr = true;
		send_signals(m);
		return;
	}
	if (m->fd >= 0) {
		if (m->has_mctl)
			tty_set_dtr(m->fd, true);
		m->dtr = true;
		return;
	}
	if (open_tty(m, err, sizeof(err)) == 0)
		return;
	if (++m->reopen_tries < REOPEN_TRIES) {
		timer_arm(&m->dtr_timer, REOPEN_MS);
		return;
	}
	m->ops->gone(m->ctx, err);
}

static void ready_cb(void *arg)
{
	struct dial_modem *m = arg;

	if (!m->ready) {
		m->ready = true;
		m->ops->ready(m->ctx);
	}
}

int dial_modem_open(struct dial_modem *m, const char *device,
		    unsigned speed_bps, struct loop *loop,
		    const struct logger *log, const struct dial_modem_ops *ops,
		    void *ctx, char *err, size_t errlen)
{
	uint8_t hello[64];
	struct wr w = wr_init(hello, sizeof(hello));
	int rc;

	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->loop = loop;
	m->log = log;
	m->ops = ops;
	m->ctx = ctx;
	m->speed_bps = speed_bps;
	snprintf(m->device, sizeof(m->device), "%s", device);
	timer_init(&m->dtr_timer, loop_timers(loop), dtr_cb, m);
	timer_init(&m->poll_timer, loop_timers(loop), poll_cb, m);
	timer_init(&m->ready_timer, loop_timers(loop), ready_cb, m);
	rc = pstn_device_parse(device, m->path, sizeof(m->path), m->number,
			       sizeof(m->number));
	if (rc == -ENOENT) {
		m->kind = DIAL_MODEM_TTY;
		snprintf(m->path, sizeof(m->path), "%s", device);
		rc = open_tty(m, err, errlen);
		if (rc < 0)
			return rc;
		if (!m->has_mctl)
			log_info(log,
				 "nasdial: %s has no modem-control lines: "
				 "DTR is the device being open, carrier loss "
				 "the modem's NO CARRIER",
				 device);
		/* Report readiness from the loop, as the attach does. */
		timer_arm(&m->ready_timer, 0);
		return 0;
	}
	if (rc < 0) {
		snprintf(err, errlen,
			 "--device %s: expected pstn:SOCKET:NUMBER", device);
		return rc;
	}
	m->kind = DIAL_MODEM_PSTN;
	m->has_mctl = true;
	pstn_wire_put_attach(&w, PSTN_ROLE_DTE, m->number);
	rc = usock_seqpacket_connect(m->path, hello, w.len, err, errlen);
	if (rc < 0) {
		char why[256];
		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "phone network: %s", why);
		return rc;
	}
	m->fd = rc;
	if (loop_fd_add(loop, &m->lfd, m->fd, LOOP_IN, io_cb, m) != 0) {
		snprintf(err, errlen, "%s: cannot watch the socket", m->path);
		close(m->fd);
		m->fd = -1;
		return -EIO;
	}
	return 0;
}

void dial_modem_hangup(struct dial_modem *m, uint32_t low_ms)
{
	m->olen = 0;
	m->dtr = false;
	log_dbg(m->log, DBG_MODEM, "nasdial: dropping DTR");
	if (m->kind == DIAL_MODEM_PSTN) {
		send_signals(m);
	} else if (m->has_mctl) {
		if (m->fd >= 0)
			tty_set_dtr(m->fd, false);
	} else {
		close_fd(m); /* a pty: closing the slave drops DTR */
	}
	m->reopen_tries = 0;
	timer_arm(&m->dtr_timer, low_ms);
}

void dial_modem_close(struct dial_modem *m)
{
	timer_cancel(&m->dtr_timer);
	timer_cancel(&m->poll_timer);
	timer_cancel(&m->ready_timer);
	if (m->fd >= 0 && m->kind == DIAL_MODEM_PSTN) {
		m->dtr = false;
		send_signals(m);
	}
	close_fd(m);
	free(m->obuf);
	m->obuf = NULL;
	m->ocap = 0;
}
