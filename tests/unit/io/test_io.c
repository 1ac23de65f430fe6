/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the io/ adapters that need no privileges: tty on a pty
 * pair, Unix sockets, pcap files (bytes checked exactly, tshark if
 * installed), rand, and the rtnetlink encoders and ACK decoder (octets
 * checked without the kernel).  TUN and rtnetlink against the kernel are in
 * test_netns.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "pcap.h"
#include "udp.h"
#include "rand.h"
#include "rtnl.h"
#include "rtnl_int.h"
#include "tty.h"
#include "tun.h"
#include "usock.h"

static bool host_is_little_endian(void)
{
	const uint16_t one = 1;

	return *(const uint8_t *)&one == 1;
}

/* Read exactly n octets from a non-blocking fd within a second. */
static void read_exact(int fd, uint8_t *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		ssize_t r;

		assert_int_equal(poll(&pfd, 1, 1000), 1);
		r = read(fd, buf + got, n - got);
		assert_true(r > 0);
		got += (size_t)r;
	}
}

static void make_tmpdir(char *dir, size_t len)
{
	snprintf(dir, len, "/tmp/nasd-io-XXXXXX");
	assert_non_null(mkdtemp(dir));
}

/* ---- tty ---- */

static void test_tty_pty(void **state)
{
	char err[256] = "", slave[128];
	uint8_t all[256], back[256];
	struct termios tio;
	unsigned bits = 0;
	int master, fd;

	(void)state;
	master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	snprintf(slave, sizeof(slave), "%s", ptsname(master));

	fd = tty_open(slave, 115200, true, err, sizeof(err));
	assert_true(fd >= 0);
	assert_true(fcntl(fd, F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	assert_int_equal(tcgetattr(fd, &tio), 0);
	assert_int_equal(cfgetospeed(&tio), B115200);
	assert_int_equal(cfgetispeed(&tio), B115200);
	assert_int_equal(tio.c_cflag & CSIZE, CS8);
	assert_int_equal(tio.c_cflag & (PARENB | CSTOPB), 0);
	assert_true(tio.c_cflag & CLOCAL);
	assert_true(tio.c_cflag & CREAD);
	assert_true(tio.c_cflag & CRTSCTS); /* hw_flow; a pty keeps the bit */
	assert_int_equal(tio.c_lflag & (ICANON | ECHO | ISIG), 0);
	assert_int_equal(tio.c_iflag & (IXON | ICRNL), 0);
	assert_int_equal(tio.c_oflag & OPOST, 0);

	/* Every octet value passes unchanged both ways: ^C, XON/XOFF, CR,
	 * LF and the HDLC flag/escape 0x7E/0x7D included. */
	for (int i = 0; i < 256; i++)
		all[i] = (uint8_t)i;
	assert_int_equal(write(master, all, sizeof(all)), sizeof(all));
	read_exact(fd, back, sizeof(back));
	assert_memory_equal(back, all, sizeof(all));
	assert_int_equal(write(fd, all, sizeof(all)), sizeof(all));
	read_exact(master, back, sizeof(back));
	assert_memory_equal(back, all, sizeof(all));

	/* ptys have no modem-control lines. */
	assert_int_equal(tty_set_dtr(fd, true), -ENOTTY);
	assert_int_equal(tty_set_dtr(fd, false), -ENOTTY);
	assert_int_equal(tty_get_modem_lines(fd, &bits), -ENOTTY);

	assert_int_equal(tty_set_speed(fd, 57600), 0);
	assert_int_equal(tcgetattr(fd, &tio), 0);
	assert_int_equal(cfgetospeed(&tio), B57600);
	assert_int_equal(tty_set_speed(fd, 12345), -EINVAL);
	assert_int_equal(tty_flush(fd), 0);
	close(fd);

	/* Without hardware flow control CRTSCTS is off. */
	fd = tty_open(slave, 9600, false, err, sizeof(err));
	assert_true(fd >= 0);
	assert_int_equal(tcgetattr(fd, &tio), 0);
	assert_int_equal(tio.c_cflag & CRTSCTS, 0);
	close(fd);
	close(master);
}

static void test_tty_errors(void **state)
{
	char err[256] = "";

	(void)state;
	assert_int_equal(tty_open("/dev/null", 12345, false, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "speed 12345 is not a standard"));
	assert_int_equal(tty_open("/dev/null", 0, false, err, sizeof(err)),
			 -EINVAL);
	assert_int_equal(tty_open("/dev/null", 9600, false, err, sizeof(err)),
			 -ENOTTY);
	assert_string_equal(err,
			    "/dev/null is not a terminal (serial port or pty)");
	assert_int_equal(
		tty_open("/nonexistent/ttyS9", 9600, false, err, sizeof(err)),
		-ENOENT);
	assert_string_equal(
		err,
		"cannot open /nonexistent/ttyS9: No such file or directory");
	assert_true(tty_speed_valid(300));
	assert_true(tty_speed_valid(4000000));
	assert_false(tty_speed_valid(115201));
	/* A NULL err buffer is allowed. */
	assert_int_equal(tty_open("/dev/null", 9600, false, NULL, 0), -ENOTTY);
}

/* ---- TUN (the kernel side is in test_netns.c) ---- */

static void test_tun_name_too_long(void **state)
{
	char name[IFNAMSIZ_SIZE], err[256] = "";

	(void)state;
	memset(name, 'x', sizeof(name)); /* no room for the NUL */
	assert_int_equal(tun_open(name, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "interface name is longer than 15 characters");
}

/* ---- Unix sockets ---- */

static void test_usock_listen_connect_accept(void **state)
{
	char dir[64], path[128], err[256] = "";
	struct stat st;
	int lfd, cfd, sfd;
	char buf[8];

	(void)state;
	make_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/nasd.sock", dir);

	lfd = usock_listen(path, 0600, err, sizeof(err));
	assert_true(lfd >= 0);
	assert_true(fcntl(lfd, F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(lfd, F_GETFD) & FD_CLOEXEC);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(usock_accept(lfd), -EAGAIN);

	cfd = usock_connect(path, err, sizeof(err));
	assert_true(cfd >= 0);
	/* The client fd stays blocking unless asked. */
	assert_int_equal(fcntl(cfd, F_GETFL) & O_NONBLOCK, 0);
	assert_true(fcntl(cfd, F_GETFD) & FD_CLOEXEC);
	sfd = usock_accept(lfd);
	assert_true(sfd >= 0);
	assert_true(fcntl(sfd, F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(sfd, F_GETFD) & FD_CLOEXEC);
	assert_int_equal(write(cfd, "show", 4), 4);
	read_exact(sfd, (uint8_t *)buf, 4);
	assert_memory_equal(buf, "show", 4);
	assert_int_equal(write(sfd, "ok", 2), 2);
	assert_int_equal(read(cfd, buf, 2), 2);
	assert_memory_equal(buf, "ok", 2);
	assert_int_equal(usock_set_nonblock(cfd, true), 0);
	assert_true(fcntl(cfd, F_GETFL) & O_NONBLOCK);
	assert_int_equal(usock_set_nonblock(cfd, false), 0);
	assert_int_equal(fcntl(cfd, F_GETFL) & O_NONBLOCK, 0);

	/* A live socket is refused and left alone. */
	assert_int_equal(usock_listen(path, 0600, err, sizeof(err)),
			 -EADDRINUSE);
	char want[256];
	snprintf(want, sizeof(want), "another nasd is using %s", path);
	assert_string_equal(err, want);
	assert_int_equal(stat(path, &st), 0);

	close(sfd);
	close(cfd);
	close(lfd);
	unlink(path);
	rmdir(dir);
}

static void test_usock_stale_and_errors(void **state)
{
	char dir[64], path[128], file[128], err[256] = "", want[256];
	struct sockaddr_un sa;
	struct stat st;
	int fd, lfd;

	(void)state;
	make_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/nasd.sock", dir);
	snprintf(file, sizeof(file), "%s/plain", dir);

	/* Nothing there yet. */
	assert_int_equal(usock_connect(path, err, sizeof(err)), -ENOENT);
	snprintf(want, sizeof(want), "%s does not exist: is nasd running?",
		 path);
	assert_string_equal(err, want);

	/* A stale socket file: bound, never listening, closed. */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	assert_true(strlen(path) < sizeof(sa.sun_path));
	memcpy(sa.sun_path, path, strlen(path) + 1);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(usock_connect(path, err, sizeof(err)), -ECONNREFUSED);
	assert_non_null(strstr(err, "stale socket"));
	lfd = usock_listen(path, 0660, err, sizeof(err));
	assert_true(lfd >= 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0660);
	close(lfd);
	unlink(path);

	/* A regular file in the way is never removed. */
	fd = open(file, O_CREAT | O_WRONLY, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(usock_listen(file, 0600, err, sizeof(err)), -EEXIST);
	assert_non_null(strstr(err, "exists and is not a socket"));
	assert_int_equal(stat(file, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	unlink(file);

	/* sun_path is 108 octets. */
	char longp[200];
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(usock_listen(longp, 0600, err, sizeof(err)),
			 -ENAMETOOLONG);
	assert_int_equal(usock_connect(longp, err, sizeof(err)), -ENAMETOOLONG);
	assert_int_equal(usock_accept(-1), -EBADF);
	rmdir(dir);
}

/* ---- pcap ---- */

static void test_pcap_two_records(void **state)
{
	char dir[64], path[128], err[256] = "";
	/* An LCP Configure-Request as PPP_WITH_DIR: sent, ff 03 c0 21, code 1,
	 * id 1, length 8, MRU 1500. */
	const uint8_t lcp[] = {0x01, 0xff, 0x03, 0xc0, 0x21, 0x01, 0x01,
			       0x00, 0x08, 0x01, 0x04, 0x05, 0xdc};
	/* clang-format off */
	const uint8_t expect[] = {
		/* file header */
		0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00, /* magic 2.4 */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* zone, sig */
		0x0a, 0x00, 0x00, 0x00,                         /* snaplen 10 */
		0xcc, 0x00, 0x00, 0x00,                         /* 204 */
		/* record 1: 1700000000.123456, 10 of 13 octets */
		0x00, 0xf1, 0x53, 0x65, 0x40, 0xe2, 0x01, 0x00,
		0x0a, 0x00, 0x00, 0x00, 0x0d, 0x00, 0x00, 0x00,
		0x01, 0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x08, 0x01,
		/* record 2: 1700000001.000999, 2 of 2 octets */
		0x01, 0xf1, 0x53, 0x65, 0xe7, 0x03, 0x00, 0x00,
		0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
		0xab, 0xcd,
	};
	/* clang-format on */
	uint8_t got[sizeof(expect) + 8];
	struct pcap_file *pf;
	FILE *f;
	size_t n;

	(void)state;
	make_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/cap.pcap", dir);
	pf = pcap_create(path, PCAP_LINKTYPE_PPP_WITH_DIR, 10, err,
			 sizeof(err));
	assert_non_null(pf);
	assert_int_equal(pcap_write(pf, 1700000000123456ull, lcp, sizeof(lcp)),
			 0);
	/* Flushed per record: the bytes are in the file before close. */
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(got, 1, sizeof(got), f);
	fclose(f);
	assert_int_equal(n, 24 + 16 + 10);
	assert_int_equal(pcap_write(pf, 1700000001000999ull,
				    (const uint8_t[]){0xab, 0xcd}, 2),
			 0);
	pcap_close(pf);
	pcap_close(NULL);

	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(got, 1, sizeof(got), f);
	fclose(f);
	assert_int_equal(n, sizeof(expect));
	assert_memory_equal(got, expect, sizeof(expect));
	unlink(path);

	assert_null(pcap_create("/nonexistent/dir/x.pcap", PCAP_LINKTYPE_RAW, 0,
				err, sizeof(err)));
	assert_int_equal(errno, ENOENT);
	assert_string_equal(err, "cannot create capture file "
				 "/nonexistent/dir/x.pcap: No such file or "
				 "directory");
	rmdir(dir);
}

static bool have_tshark(void)
{
	return system("command -v tshark >/dev/null 2>&1") == 0;
}

static void test_pcap_tshark_reads_it(void **state)
{
	char dir[64], path[128], cmd[512], out[4096] = "", err[256];
	const uint8_t lcp[] = {0x01, 0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00,
			       0x0a, 0x05, 0x06, 0x12, 0x34, 0x56, 0x78};
	/* IPv4 header only (20 octets), ICMP, 192.0.2.1 -> 198.51.100.7. */
	const uint8_t ip[] = {0x45, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00,
			      0x00, 0x40, 0x01, 0x00, 0x00, 0xc0, 0x00,
			      0x02, 0x01, 0xc6, 0x33, 0x64, 0x07};
	struct pcap_file *pf;
	FILE *p;
	size_t n;

	(void)state;
	if (!have_tshark()) {
		fprintf(stderr, "tshark is not installed: skipping the "
				"cross-check\n");
		skip();
	}
	make_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/ppp.pcap", dir);
	pf = pcap_create(path, PCAP_LINKTYPE_PPP_WITH_DIR, 0, err, sizeof(err));
	assert_non_null(pf);
	assert_int_equal(pcap_write(pf, 1700000000000000ull, lcp, sizeof(lcp)),
			 0);
	pcap_close(pf);
	snprintf(cmd, sizeof(cmd),
		 "tshark -r %s -T fields -e lcp.opt.magic_number 2>/dev/null",
		 path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_string_equal(out, "0x12345678\n");
	unlink(path);

	snprintf(path, sizeof(path), "%s/raw.pcap", dir);
	pf = pcap_create(path, PCAP_LINKTYPE_RAW, 0, err, sizeof(err));
	assert_non_null(pf);
	assert_int_equal(pcap_write(pf, 1700000000000000ull, ip, sizeof(ip)),
			 0);
	pcap_close(pf);
	snprintf(cmd, sizeof(cmd),
		 "tshark -r %s -T fields -e ip.src -e ip.dst 2>/dev/null",
		 path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_string_equal(out, "192.0.2.1\t198.51.100.7\n");
	unlink(path);
	rmdir(dir);
}

/* ---- udp ---- */

static void test_udp_batch_loopback(void **state)
{
	struct udp_rx rx = {0};
	struct udp_tx tx = {0};
	char err[256] = "";
	uint32_t ip_a, ip_b;
	uint16_t port_a, port_b;
	int a, b, n, i, tries;

	(void)state;
	a = udp_open(0x7f000001, 0, 1 << 20, err, sizeof(err));
	assert_true(a >= 0);
	b = udp_open(0x7f000001, 0, 0, err, sizeof(err));
	assert_true(b >= 0);
	assert_int_equal(udp_local(a, &ip_a, &port_a), 0);
	assert_int_equal(udp_local(b, &ip_b, &port_b), 0);
	assert_int_equal(ip_a, 0x7f000001);
	assert_true(port_a != 0 && port_b != 0);
	/* Taken port: a clear error. */
	assert_int_equal(udp_open(0x7f000001, port_a, 0, err, sizeof(err)),
			 -EADDRINUSE);
	assert_non_null(strstr(err, "cannot bind UDP 127.0.0.1:"));

	assert_int_equal(udp_rx_init(&rx), 0);
	assert_int_equal(udp_tx_init(&tx), 0);
	assert_int_equal(udp_recv_batch(a, &rx), 0); /* nothing yet */
	for (i = 0; i < 10; i++) {
		uint8_t *slot = udp_tx_slot(&tx);

		assert_non_null(slot);
		memset(slot, i, (size_t)i + 1);
		/* Sourced explicitly from 127.0.0.1 (IP_PKTINFO). */
		udp_tx_commit(&tx, (size_t)i + 1, i & 1 ? 0x7f000001 : 0,
			      0x7f000001, port_a);
	}
	assert_int_equal(udp_tx_flush(b, &tx), 10);
	assert_int_equal(tx.n, 0);
	assert_int_equal(udp_tx_flush(b, &tx), 0);
	n = 0;
	for (tries = 0; n < 10 && tries < 100; tries++) {
		int got = udp_recv_batch(a, &rx);

		assert_true(got >= 0);
		for (i = 0; i < got; i++) {
			assert_int_equal(rx.d[i].len, (size_t)n + 1);
			assert_int_equal(rx.d[i].data[0], n);
			assert_int_equal(rx.d[i].src_ip, 0x7f000001);
			assert_int_equal(rx.d[i].src_port, port_b);
			assert_int_equal(rx.d[i].dst_ip, 0x7f000001);
			assert_false(rx.d[i].truncated);
			n++;
		}
		if (!got)
			usleep(1000);
	}
	assert_int_equal(n, 10);
	/* A full batch refuses more slots until flushed. */
	for (i = 0; i < UDP_BATCH; i++) {
		assert_non_null(udp_tx_slot(&tx));
		udp_tx_commit(&tx, 1, 0, 0x7f000001, port_a);
	}
	assert_null(udp_tx_slot(&tx));
	assert_int_equal(udp_tx_flush(b, &tx), UDP_BATCH);
	udp_rx_fini(&rx);
	udp_tx_fini(&tx);
	udp_tx_fini(&tx);
	close(a);
	close(b);
}

/* Receive on fd until want datagrams came (or 100 ms of nothing);
 * returns how many, copying each one's length and first octet. */
static int udp_collect(int fd, struct udp_rx *rx, int want, size_t *lens,
		       int *first, uint16_t *ports)
{
	int n = 0, idle = 0;

	while (n < want && idle < 100) {
		int got = udp_recv_batch(fd, rx);

		assert_true(got >= 0);
		for (int i = 0; i < got && n < want; i++, n++) {
			lens[n] = rx->d[i].len;
			first[n] = rx->d[i].data[0];
			ports[n] = rx->d[i].src_port;
			assert_false(rx->d[i].truncated);
			assert_int_equal(rx->d[i].dst_ip, 0x7f000001);
		}
		if (got) {
			idle = 0;
		} else {
			idle++;
			usleep(1000);
		}
	}
	return n;
}

/* Queue n datagrams of len octets, each filled with its number from k. */
static void udp_queue(struct udp_tx *tx, int n, size_t len, int k,
		      uint32_t src, uint16_t port)
{
	for (int i = 0; i < n; i++) {
		uint8_t *slot = udp_tx_slot(tx);

		assert_non_null(slot);
		memset(slot, k + i, len);
		udp_tx_commit(tx, len, src, 0x7f000001, port);
	}
}

/* Runs of equal datagrams leave as one UDP_SEGMENT send and, at a socket
 * with UDP_GRO, arrive as one message: udp_recv_batch() gives back the
 * same datagrams in the same order.  A run the kernel refuses segmented
 * (here SO_NO_CHECK: EINVAL) goes again one by one, and later runs of
 * that size do not try. */
static void test_udp_gso_runs_and_gro_split(void **state)
{
	struct udp_rx rx = {0};
	struct udp_tx tx = {0};
	char err[256] = "";
	size_t lens[64];
	int first[64], gro = 0, one = 1, n, i;
	uint16_t ports[64], port_a, port_b;
	socklen_t sl = sizeof(gro);
	uint32_t ip;
	int a, b;

	(void)state;
	a = udp_open(0x7f000001, 0, 1 << 20, err, sizeof(err));
	b = udp_open(0x7f000001, 0, 1 << 20, err, sizeof(err));
	assert_true(a >= 0 && b >= 0);
	assert_int_equal(udp_local(a, &ip, &port_a), 0);
	assert_int_equal(udp_local(b, &ip, &port_b), 0);
	assert_int_equal(udp_rx_init(&rx), 0);
	assert_int_equal(udp_tx_init(&tx), 0);
	(void)getsockopt(a, SOL_UDP, UDP_GRO, &gro, &sl);

	/* A run of 10 x 100 closed by a shorter one (40: the kernel's last
	 * segment may be short), 5 x 100 sourced by IP_PKTINFO (another
	 * run), 3 x 100 to ourselves (another peer), 2 x 30 back to a. */
	udp_queue(&tx, 10, 100, 0, 0, port_a);
	udp_queue(&tx, 1, 40, 10, 0, port_a);
	udp_queue(&tx, 5, 100, 11, 0x7f000001, port_a);
	udp_queue(&tx, 3, 100, 16, 0, port_b);
	udp_queue(&tx, 2, 30, 19, 0, port_a);
	assert_int_equal(udp_tx_flush(b, &tx), 21);
	assert_int_equal(tx.gso_fallbacks, 0);
	assert_int_equal(tx.dropped, 0);
	n = udp_collect(a, &rx, 18, lens, first, ports);
	assert_int_equal(n, 18);
	for (i = 0; i < n; i++) {
		int k = i < 16 ? i : i + 3; /* 16..18 went to b */

		assert_int_equal(first[i], k);
		assert_int_equal(lens[i], k < 10 ? 100 : k == 10 ? 40 :
					  k < 16 ? 100 : 30);
		assert_int_equal(ports[i], port_b);
	}
	if (gro)
		assert_true(rx.coalesced >= 1);
	n = udp_collect(b, &rx, 3, lens, first, ports);
	assert_int_equal(n, 3);
	for (i = 0; i < 3; i++)
		assert_true(first[i] == 16 + i && lens[i] == 100);

	/* The kernel refuses a segmented send: one by one instead. */
	assert_int_equal(setsockopt(b, SOL_SOCKET, SO_NO_CHECK, &one,
				    sizeof(one)), 0);
	udp_queue(&tx, 8, 200, 30, 0, port_a);
	assert_int_equal(udp_tx_flush(b, &tx), 8);
	assert_int_equal(tx.gso_fallbacks, 1);
	assert_int_equal(tx.gso_max, 199);
	assert_int_equal(tx.dropped, 0);
	udp_queue(&tx, 8, 200, 38, 0, port_a);
	assert_int_equal(udp_tx_flush(b, &tx), 8);
	assert_int_equal(tx.gso_fallbacks, 1); /* not tried again */
	n = udp_collect(a, &rx, 16, lens, first, ports);
	assert_int_equal(n, 16);
	for (i = 0; i < 16; i++)
		assert_true(first[i] == 30 + i && lens[i] == 200);
	udp_rx_fini(&rx);
	udp_tx_fini(&tx);
	close(a);
	close(b);
}

static void test_pcap_udp4_tshark(void **state)
{
	char dir[64], path[128], cmd[512], out[4096] = "", err[256];
	/* An L2TP Hello: 0xC802, length 20, tunnel 45029, session 0, Ns 3,
	 * Nr 4, Message Type AVP (M, len 8, vendor 0, type 0, value 6). */
	const uint8_t hello[] = {0xc8, 0x02, 0x00, 0x14, 0xaf, 0xe5, 0x00,
				 0x00, 0x00, 0x03, 0x00, 0x04, 0x80, 0x08,
				 0x00, 0x00, 0x00, 0x00, 0x00, 0x06};
	struct pcap_file *pf;
	FILE *p;
	size_t n;

	(void)state;
	if (!have_tshark()) {
		fprintf(stderr, "tshark is not installed: skipping the "
				"cross-check\n");
		skip();
	}
	make_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/l2tp.pcap", dir);
	pf = pcap_create(path, PCAP_LINKTYPE_RAW, 0, err, sizeof(err));
	assert_non_null(pf);
	assert_int_equal(pcap_write_udp4(pf, 1700000000000000ull, 0x12121201,
					 1701, 0x12121202, 1701, hello,
					 sizeof(hello)),
			 0);
	pcap_close(pf);
	snprintf(cmd, sizeof(cmd),
		 "tshark -r %s -o udp.check_checksum:TRUE "
		 "-o ip.check_checksum:TRUE -T fields -e ip.src -e ip.dst "
		 "-e l2tp.tunnel -e l2tp.avp.message_type "
		 "-e ip.checksum.status -e udp.checksum.status 2>/dev/null",
		 path);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	/* Checksum status 1 = Good (0 Bad, 2 Unverified). */
	assert_string_equal(out, "18.18.18.1\t18.18.18.2\t45029\t6\t1\t1\n");
	unlink(path);
	rmdir(dir);
}

/* ---- rand ---- */

static void test_rand(void **state)
{
	uint8_t a[32], b[32], zero[32], big[1000];

	(void)state;
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(zero, 0, sizeof(zero));
	assert_int_equal(rand_bytes(a, sizeof(a)), 0);
	assert_int_equal(rand_bytes(b, sizeof(b)), 0);
	assert_memory_not_equal(a, zero, sizeof(a));
	assert_memory_not_equal(b, zero, sizeof(b));
	assert_memory_not_equal(a, b, sizeof(a));
	assert_int_equal(rand_bytes(a, 0), 0);
	/* More than one getrandom() may return. */
	memset(big, 0, sizeof(big));
	assert_int_equal(rand_bytes(big, sizeof(big)), 0);
	assert_memory_not_equal(big + sizeof(big) - 32, zero, 32);
}

/* The pool hands out distinct octets, refills across its block, erases
 * what it handed out, and sends big requests straight through. */
static void test_rand_pool(void **state)
{
	struct rand_pool pool;
	uint8_t a[16], b[16], zero[400], big[400];

	(void)state;
	memset(&pool, 0, sizeof(pool));
	memset(zero, 0, sizeof(zero));
	assert_int_equal(rand_pool_bytes(&pool, a, sizeof(a)), 0);
	assert_int_equal(pool.left, sizeof(pool.block) - sizeof(a));
	assert_memory_equal(pool.block, zero, sizeof(a));
	assert_int_equal(rand_pool_bytes(&pool, b, sizeof(b)), 0);
	assert_memory_not_equal(a, b, sizeof(a));
	for (int i = 0; i < 100; i++) {
		memcpy(a, b, sizeof(a));
		assert_int_equal(rand_pool_bytes(&pool, b, 13), 0);
		assert_memory_not_equal(a, b, 13);
		assert_true(pool.left < sizeof(pool.block));
	}
	memset(big, 0, sizeof(big));
	assert_int_equal(rand_pool_bytes(&pool, big, sizeof(big)), 0);
	assert_memory_not_equal(big + sizeof(big) - 32, zero, 32);
	assert_int_equal(rand_pool_bytes(&pool, a, 0), 0);
}

/* ---- rtnetlink encoders and decoder ---- */

static void test_rtnl_msg_route(void **state)
{
	uint8_t buf[RTNL_MSG_MAX];
	/* clang-format off */
	const uint8_t expect[] = {
		0x40, 0x00, 0x00, 0x00, /* nlmsg_len 64 */
		0x18, 0x00,             /* RTM_NEWROUTE */
		0x05, 0x05,             /* REQUEST|ACK|REPLACE|CREATE */
		0x2a, 0x00, 0x00, 0x00, /* seq 42 */
		0x00, 0x00, 0x00, 0x00, /* pid 0 */
		/* rtmsg: inet /32, main, static, scope link, unicast */
		0x02, 0x20, 0x00, 0x00, 0xfe, 0x04, 0xfd, 0x01,
		0x00, 0x00, 0x00, 0x00,
		0x08, 0x00, 0x01, 0x00, 0xc6, 0x33, 0x64, 0x07, /* RTA_DST */
		0x08, 0x00, 0x04, 0x00, 0x05, 0x00, 0x00, 0x00, /* RTA_OIF */
		0x08, 0x00, 0x07, 0x00, 0xc0, 0x00, 0x02, 0x01, /* PREFSRC */
		0x0c, 0x00, 0x08, 0x00,                         /* METRICS */
		0x08, 0x00, 0x02, 0x00, 0x14, 0x05, 0x00, 0x00, /* MTU 1300 */
	};
	const uint8_t expect_del[] = {
		0x2c, 0x00, 0x00, 0x00, 0x19, 0x00, 0x05, 0x00,
		0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		/* rtmsg: inet /24, main, any protocol, scope nowhere */
		0x02, 0x18, 0x00, 0x00, 0xfe, 0x00, 0xff, 0x01,
		0x00, 0x00, 0x00, 0x00,
		0x08, 0x00, 0x01, 0x00, 0xc6, 0x33, 0x64, 0x00,
		0x08, 0x00, 0x04, 0x00, 0x05, 0x00, 0x00, 0x00,
	};
	/* clang-format on */

	(void)state;
	if (!host_is_little_endian())
		skip();
	assert_int_equal(rtnl_msg_route(buf, sizeof(buf), 42, RTM_NEWROUTE, 5,
					0xc6336407, 32, 0xc0000201, 1300),
			 sizeof(expect));
	assert_memory_equal(buf, expect, sizeof(expect));
	assert_int_equal(rtnl_msg_route(buf, sizeof(buf), 7, RTM_DELROUTE, 5,
					0xc6336400, 24, 0xc0000201, 1300),
			 sizeof(expect_del));
	assert_memory_equal(buf, expect_del, sizeof(expect_del));

	/* Host bits beyond the prefix, bad prefix, bad index, no room. */
	assert_int_equal(rtnl_msg_route(buf, sizeof(buf), 1, RTM_NEWROUTE, 5,
					0xc6336407, 24, 0, 0),
			 -EINVAL);
	assert_int_equal(rtnl_msg_route(buf, sizeof(buf), 1, RTM_NEWROUTE, 5, 0,
					33, 0, 0),
			 -EINVAL);
	assert_int_equal(rtnl_msg_route(buf, sizeof(buf), 1, RTM_NEWROUTE, 0,
					0xc6336407, 32, 0, 0),
			 -EINVAL);
	assert_int_equal(rtnl_msg_route(buf, 40, 1, RTM_NEWROUTE, 5, 0xc6336407,
					32, 0xc0000201, 1300),
			 -ENOBUFS);
	/* A default route carries no RTA_DST. */
	assert_int_equal(rtnl_msg_route(buf, sizeof(buf), 1, RTM_NEWROUTE, 5, 0,
					0, 0, 0),
			 16 + 12 + 8);
}

static void test_rtnl_msg_link_addr(void **state)
{
	uint8_t buf[RTNL_MSG_MAX];
	/* clang-format off */
	const uint8_t link[] = {
		0x28, 0x00, 0x00, 0x00, 0x10, 0x00, 0x05, 0x00, /* NEWLINK */
		0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		/* ifinfomsg: unspec, index 5, flags UP, change UP */
		0x00, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
		0x08, 0x00, 0x04, 0x00, 0x78, 0x05, 0x00, 0x00, /* MTU 1400 */
	};
	const uint8_t addr[] = {
		0x28, 0x00, 0x00, 0x00, 0x14, 0x00, 0x05, 0x06, /* NEWADDR */
		0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* CREATE|EXCL */
		0x02, 0x20, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, /* inet /32 */
		0x08, 0x00, 0x02, 0x00, 0xc0, 0x00, 0x02, 0x01, /* LOCAL */
		0x08, 0x00, 0x01, 0x00, 0xc0, 0x00, 0x02, 0x02, /* ADDRESS */
	};
	/* clang-format on */

	(void)state;
	if (!host_is_little_endian())
		skip();
	assert_int_equal(rtnl_msg_link_set(buf, sizeof(buf), 3, 5, true, 1400),
			 sizeof(link));
	assert_memory_equal(buf, link, sizeof(link));
	/* Down, MTU untouched: no IFLA_MTU, flags 0, change still UP. */
	assert_int_equal(rtnl_msg_link_set(buf, sizeof(buf), 3, 5, false, 0),
			 32);
	assert_int_equal(buf[24], 0x00);
	assert_int_equal(buf[28], 0x01);
	assert_int_equal(rtnl_msg_addr(buf, sizeof(buf), 4, RTM_NEWADDR, 5,
				       0xc0000201, 32, 0xc0000202),
			 sizeof(addr));
	assert_memory_equal(buf, addr, sizeof(addr));
	/* Without a peer IFA_ADDRESS repeats the local address. */
	assert_int_equal(rtnl_msg_addr(buf, sizeof(buf), 4, RTM_NEWADDR, 5,
				       0xc0000201, 24, 0),
			 sizeof(addr));
	assert_memory_equal(buf + 36, ((uint8_t[]){0xc0, 0x00, 0x02, 0x01}), 4);
	/* Delete: IFA_LOCAL only, no CREATE/EXCL. */
	assert_int_equal(rtnl_msg_addr(buf, sizeof(buf), 4, RTM_DELADDR, 5,
				       0xc0000201, 24, 0xc0000202),
			 32);
	assert_int_equal(buf[4], RTM_DELADDR);
	assert_int_equal(buf[6] | buf[7] << 8, NLM_F_REQUEST | NLM_F_ACK);
	assert_int_equal(rtnl_msg_addr(buf, sizeof(buf), 4, RTM_NEWADDR, 5,
				       0xc0000201, 33, 0),
			 -EINVAL);
	assert_int_equal(
		rtnl_msg_addr(buf, sizeof(buf), 4, RTM_NEWADDR, 5, 0, 24, 0),
		-EINVAL);
	assert_int_equal(rtnl_msg_link_set(buf, sizeof(buf), 3, -1, true, 0),
			 -EINVAL);
}

/* Build an NLMSG_ERROR answer in buf; returns its length. */
static size_t mk_error(uint8_t *buf, uint32_t seq, uint32_t pid, int32_t error,
		       uint16_t flags, const char *ext_msg, size_t orig_extra)
{
	struct nlmsghdr h = {0}, orig = {0};
	size_t len = sizeof(h);

	memcpy(buf + len, &error, sizeof(error));
	len += sizeof(error);
	orig.nlmsg_len = (uint32_t)(sizeof(orig) + orig_extra);
	orig.nlmsg_type = RTM_NEWROUTE;
	orig.nlmsg_seq = seq;
	memcpy(buf + len, &orig, sizeof(orig));
	len += sizeof(orig);
	memset(buf + len, 0xee, orig_extra); /* an uncapped request body */
	len += orig_extra;
	if (ext_msg) {
		struct nlattr a;
		size_t n = strlen(ext_msg) + 1;

		a.nla_len = (uint16_t)(sizeof(a) + n);
		a.nla_type = NLMSGERR_ATTR_MSG;
		memcpy(buf + len, &a, sizeof(a));
		memcpy(buf + len + sizeof(a), ext_msg, n);
		len += NLA_ALIGN(a.nla_len);
	}
	h.nlmsg_len = (uint32_t)len;
	h.nlmsg_type = NLMSG_ERROR;
	h.nlmsg_flags = flags;
	h.nlmsg_seq = seq;
	h.nlmsg_pid = pid;
	memcpy(buf, &h, sizeof(h));
	return len;
}

static void test_rtnl_reply_parse(void **state)
{
	uint8_t buf[512];
	char msg[64];
	size_t n, m;

	(void)state;
	memset(buf, 0, sizeof(buf));
	n = mk_error(buf, 42, 77, 0, NLM_F_CAPPED, NULL, 0);
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 77, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");
	/* Someone else's sequence number or port: not our answer. */
	assert_int_equal(rtnl_reply_parse(buf, n, 43, 77, msg, sizeof(msg)),
			 RTNL_REPLY_NONE);
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 78, msg, sizeof(msg)),
			 RTNL_REPLY_NONE);

	/* An error with the kernel's extended-ACK text, capped. */
	n = mk_error(buf, 42, 77, -EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS,
		     "Invalid prefsrc address", 0);
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 77, msg, sizeof(msg)),
			 -EINVAL);
	assert_string_equal(msg, "Invalid prefsrc address");
	/* Truncated to the caller's buffer. */
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 77, msg, 8), -EINVAL);
	assert_string_equal(msg, "Invalid");
	/* Uncapped: the request body comes first and is skipped. */
	n = mk_error(buf, 42, 77, -EEXIST, NLM_F_ACK_TLVS, "exists", 20);
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 77, msg, sizeof(msg)),
			 -EEXIST);
	assert_string_equal(msg, "exists");

	/* A stale answer then ours, in one datagram. */
	n = mk_error(buf, 41, 77, -ENODEV, NLM_F_CAPPED, NULL, 0);
	m = mk_error(buf + n, 42, 77, 0, NLM_F_CAPPED, NULL, 0);
	assert_int_equal(rtnl_reply_parse(buf, n + m, 42, 77, msg, sizeof(msg)),
			 0);

	/* Malformed: short, lying lengths, positive error. */
	n = mk_error(buf, 42, 77, 0, NLM_F_CAPPED, NULL, 0);
	assert_int_equal(rtnl_reply_parse(buf, n - 1, 42, 77, msg, sizeof(msg)),
			 -EBADMSG);
	assert_int_equal(rtnl_reply_parse(buf, 10, 42, 77, msg, sizeof(msg)),
			 -EBADMSG);
	buf[0] = 8; /* nlmsg_len smaller than the header */
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 77, msg, sizeof(msg)),
			 -EBADMSG);
	n = mk_error(buf, 42, 77, 5, NLM_F_CAPPED, NULL, 0);
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 77, msg, sizeof(msg)),
			 -EBADMSG);
	/* Uncapped but the claimed request body is missing. */
	n = mk_error(buf, 42, 77, -EINVAL, NLM_F_ACK_TLVS, NULL, 0);
	buf[20] = 200; /* orig.nlmsg_len */
	assert_int_equal(rtnl_reply_parse(buf, n, 42, 77, msg, sizeof(msg)),
			 -EBADMSG);
	assert_int_equal(rtnl_reply_parse(buf, 0, 42, 77, NULL, 0),
			 RTNL_REPLY_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tty_pty),
		cmocka_unit_test(test_tty_errors),
		cmocka_unit_test(test_tun_name_too_long),
		cmocka_unit_test(test_usock_listen_connect_accept),
		cmocka_unit_test(test_usock_stale_and_errors),
		cmocka_unit_test(test_pcap_two_records),
		cmocka_unit_test(test_pcap_tshark_reads_it),
		cmocka_unit_test(test_udp_batch_loopback),
		cmocka_unit_test(test_udp_gso_runs_and_gro_split),
		cmocka_unit_test(test_pcap_udp4_tshark),
		cmocka_unit_test(test_rand),
		cmocka_unit_test(test_rand_pool),
		cmocka_unit_test(test_rtnl_msg_route),
		cmocka_unit_test(test_rtnl_msg_link_addr),
		cmocka_unit_test(test_rtnl_reply_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
