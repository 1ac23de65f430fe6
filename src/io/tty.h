/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tty.h - serial lines: open a modem or serial port (or a pty slave) in raw
 * 8N1 mode at a standard speed, switch DTR, read the modem-control lines and
 * flush.  PPP's async HDLC framing (RFC 1662 §4) needs a transparent 8-bit
 * path, which is what raw mode gives: no echo, no canonical processing, no
 * XON/XOFF, no CR/LF translation, no parity.
 *
 * Pseudo-terminals (socat `pty,link=...`, posix_openpt()) carry no
 * modem-control lines: termios speed and CRTSCTS settings are accepted and
 * ignored there, while tty_set_dtr() and tty_get_modem_lines() fail with
 * -ENOTTY (the pty driver has no tiocmset/tiocmget).  A line manager on a
 * pty therefore signals carrier in-band (doc/design.md, shared/reference/
 * style.md §8) and treats -ENOTTY from these calls as "no modem lines".
 *
 * All functions are synchronous and return 0 (or an fd) / -errno.
 */
#ifndef NASD_IO_TTY_H
#define NASD_IO_TTY_H

#include <stdbool.h>
#include <stddef.h>

/* Modem-control inputs reported by tty_get_modem_lines(). */
#define TTY_DCD 0x1 /* Data Carrier Detect (TIOCM_CAR) */
#define TTY_DSR 0x2 /* Data Set Ready (TIOCM_DSR) */
#define TTY_CTS 0x4 /* Clear To Send (TIOCM_CTS) */
#define TTY_RI 0x8  /* Ring Indicator (TIOCM_RNG) */

/*
 * Open `path` O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC and configure it:
 * raw (cfmakeraw), 8 data bits, no parity, 1 stop bit, CLOCAL | CREAD,
 * CRTSCTS when hw_flow, input and output speed speed_bps (one of the
 * termios standard rates, 50 .. 4000000).  Nothing is flushed.
 * Returns the fd (caller closes it) or -errno with a message in err:
 * -EINVAL for a speed termios lacks (checked before opening), -ENOTTY when
 * path is not a terminal, or the open()/tcsetattr() error.
 */
int tty_open(const char *path, unsigned speed_bps, bool hw_flow, char *err,
	     size_t errlen);

/* Set input and output speed (bps).  0 or -EINVAL (no such termios rate)
 * or -errno from tcgetattr()/tcsetattr(). */
int tty_set_speed(int fd, unsigned speed_bps);

/* True when speed_bps is one of the termios standard rates. */
bool tty_speed_valid(unsigned speed_bps);

/* Raise (on) or drop DTR with TIOCMBIS/TIOCMBIC; dropping DTR makes a
 * modem hang up.  Returns 0 or -errno; -ENOTTY on a pty (no modem lines). */
int tty_set_dtr(int fd, bool on);

/* Read the modem-control inputs (TIOCMGET) into *bits as TTY_DCD | TTY_DSR
 * | TTY_CTS | TTY_RI.  Returns 0 or -errno; -ENOTTY on a pty. */
int tty_get_modem_lines(int fd, unsigned *bits);

/* Discard data received but not read and written but not sent
 * (tcflush(TCIOFLUSH)).  Returns 0 or -errno. */
int tty_flush(int fd);

#endif /* NASD_IO_TTY_H */
