/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tun.c - open a Linux TUN interface (tun.h) for the IPv4 data plane.
 */
#include "tun.h"

#include "io_err.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

_Static_assert(IFNAMSIZ_SIZE == IFNAMSIZ, "IFNAMSIZ_SIZE must be IFNAMSIZ");

#define TUN_DEV "/dev/net/tun"

int tun_open(char name[IFNAMSIZ_SIZE], char *err, size_t errlen)
{
	struct ifreq ifr;
	size_t n = strnlen(name, IFNAMSIZ_SIZE);
	int fd, rc;

	if (n >= IFNAMSIZ_SIZE) {
		io_set_err(err, errlen,
			   "interface name is longer than %d characters",
			   IFNAMSIZ_SIZE - 1);
		return -EINVAL;
	}
	fd = open(TUN_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		if (rc == -ENOENT || rc == -ENODEV || rc == -ENXIO)
			io_set_err(err, errlen,
				   TUN_DEV
				   " is missing: load the tun kernel "
				   "module (modprobe tun) or, in a container, "
				   "pass the device in");
		else if (rc == -EACCES || rc == -EPERM)
			io_set_err(err, errlen,
				   "permission denied opening " TUN_DEV
				   ": nasd needs root or CAP_NET_ADMIN");
		else
			io_set_err(err, errlen, "cannot open " TUN_DEV ": %s",
				   strerror(-rc));
		return rc;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	memcpy(ifr.ifr_name, name, n);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		rc = -errno;
		close(fd);
		if (rc == -EPERM || rc == -EACCES)
			io_set_err(err, errlen,
				   "cannot create TUN interface %s: permission "
				   "denied (needs root or CAP_NET_ADMIN)",
				   n ? name : "(any)");
		else if (rc == -EBUSY)
			io_set_err(err, errlen,
				   "TUN interface %s is in use by another "
				   "process",
				   name);
		else if (rc == -EINVAL)
			io_set_err(err, errlen,
				   "cannot create TUN interface %s: the name "
				   "is invalid or belongs to a device that is "
				   "not a TUN",
				   n ? name : "(any)");
		else
			io_set_err(err, errlen,
				   "cannot create TUN interface %s: %s",
				   n ? name : "(any)", strerror(-rc));
		return rc;
	}
	memcpy(name, ifr.ifr_name, IFNAMSIZ_SIZE);
	name[IFNAMSIZ_SIZE - 1] = '\0';
	return fd;
}
