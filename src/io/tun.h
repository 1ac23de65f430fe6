/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tun.h - the Linux TUN device that carries the IP data plane: every PPP
 * session's IPv4 packets (RFC 1332 IPCP negotiated) leave and enter the
 * kernel through it.  Reading and writing are plain read()/write() of
 * exactly one IP packet (IFF_NO_PI: no packet-information header), so the
 * daemon moves the payload of a PPP IP frame (protocol 0x0021) unchanged.
 * Configuring the interface (up, MTU, addresses, routes) is rtnl.h's job.
 */
#ifndef NASD_IO_TUN_H
#define NASD_IO_TUN_H

#include <stddef.h>

/* Size of an interface name buffer including the NUL (the kernel's
 * IFNAMSIZ; tun.c checks they agree). */
#define IFNAMSIZ_SIZE 16

/*
 * Create (or attach to) a TUN interface: /dev/net/tun opened O_RDWR |
 * O_NONBLOCK | O_CLOEXEC, TUNSETIFF with IFF_TUN | IFF_NO_PI.  name is in
 * and out: "" lets the kernel pick (tun0, tun1, ...), a name asks for that
 * interface; on success name holds the actual name.  The interface goes
 * away when the fd is closed (it is not made persistent) and starts down.
 * Returns the fd (caller closes it) or -errno with a message in err:
 * -ENOENT (/dev/net/tun missing: the tun module is not loaded),
 * -EACCES/-EPERM (needs root or CAP_NET_ADMIN), -EBUSY (the name is in use
 * by another process), -EINVAL (name too long or names a non-TUN device).
 */
int tun_open(char name[IFNAMSIZ_SIZE], char *err, size_t errlen);

#endif /* NASD_IO_TUN_H */
