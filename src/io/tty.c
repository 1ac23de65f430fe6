/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tty.c - serial line set-up (tty.h): termios raw 8N1 for the transparent
 * octet path RFC 1662 §4 async HDLC framing runs on, standard speeds,
 * modem-control lines via TIOCM* ioctls.
 */
#include "tty.h"

#include "io_err.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

struct tty_rate {
	unsigned bps;
	speed_t code;
};

/* The rates termios can express; anything else is refused rather than
 * rounded, so `speed 115201` in a config is an error, not a surprise. */
static const struct tty_rate tty_rates[] = {
	{50, B50},	     {75, B75},		  {110, B110},
	{134, B134},	     {150, B150},	  {200, B200},
	{300, B300},	     {600, B600},	  {1200, B1200},
	{1800, B1800},	     {2400, B2400},	  {4800, B4800},
	{9600, B9600},	     {19200, B19200},	  {38400, B38400},
	{57600, B57600},     {115200, B115200},	  {230400, B230400},
	{460800, B460800},   {500000, B500000},	  {576000, B576000},
	{921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
	{1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000},
	{3000000, B3000000}, {3500000, B3500000}, {4000000, B4000000},
};

static bool rate_lookup(unsigned bps, speed_t *code)
{
	for (size_t i = 0; i < sizeof(tty_rates) / sizeof(tty_rates[0]); i++) {
		if (tty_rates[i].bps == bps) {
			*code = tty_rates[i].code;
			return true;
		}
	}
	return false;
}

bool tty_speed_valid(unsigned speed_bps)
{
	speed_t code;

	return rate_lookup(speed_bps, &code);
}

static int tty_configure(int fd, speed_t code, bool hw_flow)
{
	struct termios tio;

	if (tcgetattr(fd, &tio) < 0)
		return -errno;
	cfmakeraw(&tio);
	/* cfmakeraw() leaves CS8 without parity; make 1 stop bit, receiver
	 * on and modem-status lines ignored for open/read explicit. */
	tio.c_cflag &= ~(tcflag_t)(CSTOPB | PARENB | CRTSCTS);
	tio.c_cflag |= CS8 | CLOCAL | CREAD;
	if (hw_flow)
		tio.c_cflag |= CRTSCTS;
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	if (cfsetispeed(&tio, code) < 0 || cfsetospeed(&tio, code) < 0)
		return -errno;
	if (tcsetattr(fd, TCSANOW, &tio) < 0)
		return -errno;
	return 0;
}

int tty_open(const char *path, unsigned speed_bps, bool hw_flow, char *err,
	     size_t errlen)
{
	speed_t code;
	int fd, rc;

	if (!rate_lookup(speed_bps, &code)) {
		io_set_err(err, errlen,
			   "%s: speed %u is not a standard serial rate "
			   "(50 .. 4000000, e.g. 9600, 38400, 57600, 115200)",
			   path, speed_bps);
		return -EINVAL;
	}
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		io_set_err(err, errlen, "cannot open %s: %s", path,
			   strerror(-rc));
		return rc;
	}
	if (!isatty(fd)) {
		close(fd);
		io_set_err(err, errlen,
			   "%s is not a terminal (serial port or pty)", path);
		return -ENOTTY;
	}
	rc = tty_configure(fd, code, hw_flow);
	if (rc < 0) {
		close(fd);
		io_set_err(err, errlen,
			   "cannot set %s to raw 8N1 at %u bps: %s", path,
			   speed_bps, strerror(-rc));
		return rc;
	}
	return fd;
}

int tty_set_speed(int fd, unsigned speed_bps)
{
	struct termios tio;
	speed_t code;

	if (!rate_lookup(speed_bps, &code))
		return -EINVAL;
	if (tcgetattr(fd, &tio) < 0)
		return -errno;
	if (cfsetispeed(&tio, code) < 0 || cfsetospeed(&tio, code) < 0)
		return -errno;
	if (tcsetattr(fd, TCSANOW, &tio) < 0)
		return -errno;
	return 0;
}

int tty_set_dtr(int fd, bool on)
{
	int bits = TIOCM_DTR;

	if (ioctl(fd, on ? TIOCMBIS : TIOCMBIC, &bits) < 0)
		return -errno;
	return 0;
}

int tty_get_modem_lines(int fd, unsigned *bits)
{
	int m;

	if (ioctl(fd, TIOCMGET, &m) < 0)
		return -errno;
	*bits = 0;
	if (m & TIOCM_CAR)
		*bits |= TTY_DCD;
	if (m & TIOCM_DSR)
		*bits |= TTY_DSR;
	if (m & TIOCM_CTS)
		*bits |= TTY_CTS;
	if (m & TIOCM_RNG)
		*bits |= TTY_RI;
	return 0;
}

int tty_flush(int fd)
{
	if (tcflush(fd, TCIOFLUSH) < 0)
		return -errno;
	return 0;
}
