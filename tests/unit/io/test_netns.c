/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for io/tun and io/rtnl against the kernel, run in a forked
 * child inside a private network namespace (unshare(CLONE_NEWNET)) so the
 * host's interfaces, addresses and routes are never touched.  The child
 * creates a TUN, brings it up with an MTU, adds a point-to-point address
 * and a host route with an MTU metric, reads them back with `ip`, then
 * moves real packets: a UDP datagram sent to the routed address comes out
 * of the TUN fd, and a datagram written into the TUN is delivered to a
 * local socket.  Without root, CLONE_NEWNET or /dev/net/tun the test is
 * skipped with the reason printed.
 *
 * Addresses are from the documentation ranges (RFC 5737); the traffic
 * never leaves the private namespace.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rd.h"
#include "rtnl.h"
#include "tun.h"
#include "wr.h"

#define EXIT_SKIP 77

#define LOCAL_IP 0xc0000201u  /* 192.0.2.1, the server's address */
#define PEER_IP 0xc0000202u   /* 192.0.2.2, point-to-point peer */
#define ROUTED_IP 0xc6336407u /* 198.51.100.7, a session's host route */
#define BOGUS_IP 0xcb007109u  /* 203.0.113.9, not local */

/* In the child, cmocka's longjmp-based asserts would resume the test
 * runner in the wrong process: fail by printing and returning instead. */
#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, \
				__LINE__, #cond);                              \
			fprintf(stderr, __VA_ARGS__);                          \
			fprintf(stderr, "\n");                                 \
			return 1;                                              \
		}                                                              \
	} while (0)

/* Run a shell command (inside the namespace) and capture its stdout. */
static int sh_out(char *out, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int sh_out(char *out, size_t len, const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	FILE *p;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	return pclose(p);
}

/* The line of `text` that contains `key`, copied into line, or NULL. */
static char *find_line(const char *text, const char *key, char *line,
		       size_t len)
{
	const char *hit = strstr(text, key), *start, *end;

	if (!hit)
		return NULL;
	start = hit;
	while (start > text && start[-1] != '\n')
		start--;
	end = strchr(hit, '\n');
	if (!end)
		end = hit + strlen(hit);
	snprintf(line, len, "%.*s", (int)(end - start), start);
	return line;
}

static uint16_t ip_checksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* An IPv4/UDP packet (UDP checksum 0 = none, allowed for IPv4). */
static size_t build_udp(uint8_t *buf, size_t cap, uint32_t src, uint32_t dst,
			uint16_t sport, uint16_t dport, const char *payload)
{
	size_t plen = strlen(payload);
	struct wr w = wr_init(buf, cap);

	wr_u8(&w, 0x45);		       /* IPv4, IHL 5 */
	wr_u8(&w, 0);			       /* TOS */
	wr_u16(&w, (uint16_t)(20 + 8 + plen)); /* total length */
	wr_u16(&w, 0x1234);		       /* id */
	wr_u16(&w, 0x4000);		       /* DF */
	wr_u8(&w, 64);			       /* TTL */
	wr_u8(&w, IPPROTO_UDP);
	wr_u16(&w, 0); /* checksum, below */
	wr_u32(&w, src);
	wr_u32(&w, dst);
	wr_u16(&w, sport);
	wr_u16(&w, dport);
	wr_u16(&w, (uint16_t)(8 + plen));
	wr_u16(&w, 0);
	wr_bytes(&w, payload, plen);
	if (!wr_ok(&w))
		return 0;
	wr_patch_u16(&w, 10, ip_checksum(buf, 20));
	return w.len;
}

struct udp_seen {
	uint32_t src, dst;
	uint16_t dport;
	char payload[64];
};

/* Parse an IPv4/UDP packet; false for anything else (IPv6 router
 * solicitations and the like the kernel may send on its own). */
static bool parse_udp(const uint8_t *pkt, size_t len, struct udp_seen *u)
{
	struct rd r = rd_init(pkt, len), udp;
	uint8_t vihl, proto;
	uint16_t total, ulen, sport;

	if (!rd_u8(&r, &vihl) || vihl >> 4 != 4 || (vihl & 0xf) < 5 ||
	    !rd_skip(&r, 1) || !rd_u16(&r, &total) || total > len ||
	    !rd_skip(&r, 5) || !rd_u8(&r, &proto) || proto != IPPROTO_UDP ||
	    !rd_skip(&r, 2) || !rd_u32(&r, &u->src) || !rd_u32(&r, &u->dst) ||
	    !rd_skip(&r, (size_t)((vihl & 0xf) - 5) * 4) ||
	    !rd_u16(&r, &sport) || !rd_u16(&r, &u->dport) ||
	    !rd_u16(&r, &ulen) || ulen < 8 || !rd_skip(&r, 2) ||
	    !rd_sub(&r, ulen - 8u, &udp) || rd_left(&udp) >= sizeof(u->payload))
		return false;
	memset(u->payload, 0, sizeof(u->payload));
	return rd_bytes(&udp, u->payload, rd_left(&udp));
}

static int check_tun_names(void)
{
	char name[IFNAMSIZ_SIZE] = "", err[256] = "";
	int fd;

	/* "" lets the kernel pick. */
	fd = tun_open(name, err, sizeof(err));
	CHECK(fd >= 0, "tun_open(\"\"): %s", err);
	CHECK(strcmp(name, "tun0") == 0, "kernel picked %s", name);
	close(fd);
	/* An existing device that is not a TUN. */
	snprintf(name, sizeof(name), "lo");
	fd = tun_open(name, err, sizeof(err));
	CHECK(fd == -EINVAL, "tun_open(lo) = %d", fd);
	CHECK(strstr(err, "not a TUN") != NULL, "message: %s", err);
	return 0;
}

static int check_udp_out(int tun)
{
	struct sockaddr_in to = {.sin_family = AF_INET,
				 .sin_port = htons(9),
				 .sin_addr.s_addr = htonl(ROUTED_IP)};
	uint8_t pkt[2048];
	struct udp_seen u;
	int s, mtu = 0;
	socklen_t ml = sizeof(mtu);
	bool found = false;

	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	CHECK(s >= 0, "socket: %s", strerror(errno));
	/* The per-route MTU is what the stack uses towards that peer. */
	CHECK(connect(s, (struct sockaddr *)&to, sizeof(to)) == 0,
	      "connect: %s", strerror(errno));
	CHECK(getsockopt(s, IPPROTO_IP, IP_MTU, &mtu, &ml) == 0, "IP_MTU: %s",
	      strerror(errno));
	CHECK(mtu == 1300, "path MTU %d, want the route's 1300", mtu);
	CHECK(send(s, "nasd-out", 8, 0) == 8, "send: %s", strerror(errno));
	for (int i = 0; i < 20 && !found; i++) {
		struct pollfd pfd = {.fd = tun, .events = POLLIN};
		ssize_t n;

		CHECK(poll(&pfd, 1, 2000) == 1, "nothing came out of the TUN");
		n = read(tun, pkt, sizeof(pkt));
		CHECK(n > 0, "read TUN: %s", strerror(errno));
		found = parse_udp(pkt, (size_t)n, &u) && u.dport == 9;
	}
	close(s);
	CHECK(found, "no UDP datagram read from the TUN");
	CHECK(u.src == LOCAL_IP, "source %08x (want the route's src)", u.src);
	CHECK(u.dst == ROUTED_IP, "destination %08x", u.dst);
	CHECK(strcmp(u.payload, "nasd-out") == 0, "payload %s", u.payload);
	return 0;
}

static int check_udp_in(int tun)
{
	struct sockaddr_in me = {.sin_family = AF_INET,
				 .sin_port = htons(5555),
				 .sin_addr.s_addr = htonl(LOCAL_IP)};
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	struct pollfd pfd;
	uint8_t pkt[128];
	char buf[64] = "";
	size_t len;
	ssize_t n;
	int s;

	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	CHECK(s >= 0, "socket: %s", strerror(errno));
	CHECK(bind(s, (struct sockaddr *)&me, sizeof(me)) == 0, "bind: %s",
	      strerror(errno));
	len = build_udp(pkt, sizeof(pkt), ROUTED_IP, LOCAL_IP, 4000, 5555,
			"nasd-in");
	CHECK(len == 35, "built %zu octets", len);
	CHECK(write(tun, pkt, len) == (ssize_t)len, "write TUN: %s",
	      strerror(errno));
	pfd.fd = s;
	pfd.events = POLLIN;
	CHECK(poll(&pfd, 1, 2000) == 1, "datagram written into the TUN "
					"was not delivered");
	n = recvfrom(s, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
	CHECK(n == 7 && memcmp(buf, "nasd-in", 7) == 0, "got %zd octets", n);
	CHECK(from.sin_addr.s_addr == htonl(ROUTED_IP) &&
		      from.sin_port == htons(4000),
	      "wrong sender");
	close(s);
	return 0;
}

#define BATCH_IP 0x0a4d0000u /* 10.77.0.0: queued host routes */

static int n_queue_fail;
static struct rtnl_route_err last_fail;

static void on_queue_fail(void *arg, const struct rtnl_route_err *e)
{
	(void)arg;
	n_queue_fail++;
	last_fail = *e;
}

static int netns_body(void)
{
	char name[IFNAMSIZ_SIZE] = "nastest0", err[256] = "";
	char out[8192], line[512];
	struct rtnl *nl;
	int tun, idx, rc;

	tun = tun_open(name, err, sizeof(err));
	if (tun == -EACCES || tun == -EPERM || tun == -ENOENT ||
	    tun == -ENODEV || tun == -ENXIO) {
		fprintf(stderr, "skipping: %s\n", err);
		return EXIT_SKIP;
	}
	CHECK(tun >= 0, "tun_open: %s", err);
	CHECK(strcmp(name, "nastest0") == 0, "name %s", name);
	if (check_tun_names())
		return 1;

	nl = rtnl_open(err, sizeof(err));
	CHECK(nl != NULL, "rtnl_open: %s", err);
	idx = rtnl_link_index("nastest0");
	CHECK(idx > 0, "rtnl_link_index: %d", idx);
	CHECK(rtnl_link_index("nosuch0") == -ENODEV, "unknown interface");

	/* Up with an MTU. */
	rc = rtnl_link_set(nl, idx, true, 1400);
	CHECK(rc == 0, "link_set: %d %s", rc, rtnl_last_error(nl));
	sh_out(out, sizeof(out), "ip -o link show nastest0");
	CHECK(strstr(out, " mtu 1400 ") != NULL, "%s", out);
	CHECK(strstr(out, ",UP") != NULL, "%s", out);

	/* A point-to-point address; adding it again is fine. */
	rc = rtnl_addr_add(nl, idx, LOCAL_IP, 32, PEER_IP);
	CHECK(rc == 0, "addr_add: %d %s", rc, rtnl_last_error(nl));
	rc = rtnl_addr_add(nl, idx, LOCAL_IP, 32, PEER_IP);
	CHECK(rc == 0, "addr_add again: %d %s", rc, rtnl_last_error(nl));
	sh_out(out, sizeof(out), "ip -o -4 addr show dev nastest0");
	CHECK(strstr(out, "inet 192.0.2.1 peer 192.0.2.2/32") != NULL, "%s",
	      out);

	/* A host route with an MTU metric, read back. */
	rc = rtnl_route_replace(nl, idx, ROUTED_IP, 32, LOCAL_IP, 1300);
	CHECK(rc == 0, "route_replace: %d %s", rc, rtnl_last_error(nl));
	sh_out(out, sizeof(out), "ip -4 route show table main");
	CHECK(find_line(out, "198.51.100.7 ", line, sizeof(line)), "%s", out);
	CHECK(strstr(line, "198.51.100.7 dev nastest0 proto static scope link "
			   "src 192.0.2.1") == line,
	      "%s", line);
	CHECK(strstr(line, " mtu 1300") != NULL, "%s", line);

	if (check_udp_out(tun) || check_udp_in(tun))
		return 1;

	/* Replace, not add: still one route, new MTU. */
	rc = rtnl_route_replace(nl, idx, ROUTED_IP, 32, LOCAL_IP, 1200);
	CHECK(rc == 0, "route_replace: %d %s", rc, rtnl_last_error(nl));
	sh_out(out, sizeof(out), "ip -4 route show table main");
	CHECK(find_line(out, "198.51.100.7 ", line, sizeof(line)) &&
		      strstr(line, " mtu 1200") != NULL,
	      "%s", out);
	CHECK(strstr(strstr(out, "198.51.100.7 ") + 1, "198.51.100.7 ") == NULL,
	      "route duplicated:\n%s", out);

	/* The kernel's own reason comes back for a bad request. */
	rc = rtnl_route_replace(nl, idx, ROUTED_IP, 32, BOGUS_IP, 0);
	CHECK(rc == -EINVAL, "bad prefsrc: %d", rc);
	CHECK(strstr(rtnl_last_error(nl), "prefsrc") != NULL, "error \"%s\"",
	      rtnl_last_error(nl));
	rc = rtnl_addr_add(nl, 9999, LOCAL_IP, 32, 0);
	CHECK(rc == -ENODEV, "no such ifindex: %d", rc);
	CHECK(rtnl_last_error(nl)[0] != '\0', "no error text");
	rc = rtnl_route_replace(nl, idx, ROUTED_IP, 24, 0, 0);
	CHECK(rc == -EINVAL, "host bits: %d", rc);

	/* Queued changes: a batch of host routes in one send, a refusal
	 * reported with its address, a synchronous request after them
	 * keeps the order, deleting an absent route is no failure. */
	rtnl_set_queue_fail(nl, on_queue_fail, NULL);
	for (uint32_t i = 0; i < 100; i++) {
		rc = rtnl_route_replace_queued(nl, idx, BATCH_IP + i, 32,
					       LOCAL_IP, 1400);
		CHECK(rc == 0, "queued replace %u: %d", i, rc);
	}
	CHECK(rtnl_route_replace_queued(nl, idx, BATCH_IP + 1, 24, 0, 0) ==
		      -EINVAL,
	      "queued host bits");
	rc = rtnl_route_replace_queued(nl, idx, BATCH_IP + 200, 32, BOGUS_IP,
				       0);
	CHECK(rc == 0, "queued bad prefsrc: %d", rc);
	CHECK(rtnl_queued(nl), "nothing queued");
	CHECK(rtnl_flush(nl) == 0, "flush");
	CHECK(!rtnl_queued(nl), "still queued after flush");
	CHECK(n_queue_fail == 1 && last_fail.add &&
		      last_fail.dst == BATCH_IP + 200 &&
		      last_fail.err == -EINVAL &&
		      strstr(last_fail.msg, "prefsrc") != NULL,
	      "refusal %d: %d %s", n_queue_fail, last_fail.err, last_fail.msg);
	sh_out(out, sizeof(out),
	       "ip -4 route show table main dev nastest0 | grep -c "
	       "'^10\\.77\\.'");
	CHECK(atoi(out) == 100, "batch routes: %s", out);
	for (uint32_t i = 0; i < 100; i++)
		CHECK(rtnl_route_del_queued(nl, idx, BATCH_IP + i, 32) == 0,
		      "queued del");
	CHECK(rtnl_route_del_queued(nl, idx, BATCH_IP + 300, 32) == 0,
	      "queued del of an absent route");
	/* Flushed by the synchronous request. */
	rc = rtnl_route_del(nl, idx, ROUTED_IP, 32);
	CHECK(rc == 0, "route_del: %d %s", rc, rtnl_last_error(nl));
	CHECK(!rtnl_queued(nl) && n_queue_fail == 1, "after sync: %d",
	      n_queue_fail);
	sh_out(out, sizeof(out), "ip -4 route show table main");
	CHECK(strstr(out, "10.77.") == NULL, "%s", out);
	rc = rtnl_route_replace(nl, idx, ROUTED_IP, 32, LOCAL_IP, 1200);
	CHECK(rc == 0, "route_replace: %d %s", rc, rtnl_last_error(nl));

	/* Teardown is idempotent. */
	rc = rtnl_route_del(nl, idx, ROUTED_IP, 32);
	CHECK(rc == 0, "route_del: %d %s", rc, rtnl_last_error(nl));
	rc = rtnl_route_del(nl, idx, ROUTED_IP, 32);
	CHECK(rc == 0, "route_del again: %d %s", rc, rtnl_last_error(nl));
	CHECK(rtnl_last_error(nl)[0] == '\0', "error text after success");
	sh_out(out, sizeof(out), "ip -4 route show table main");
	CHECK(strstr(out, "198.51.100.7") == NULL, "%s", out);
	rc = rtnl_addr_del(nl, idx, LOCAL_IP, 32);
	CHECK(rc == 0, "addr_del: %d %s", rc, rtnl_last_error(nl));
	rc = rtnl_addr_del(nl, idx, LOCAL_IP, 32);
	CHECK(rc == 0, "addr_del again: %d %s", rc, rtnl_last_error(nl));
	sh_out(out, sizeof(out), "ip -o -4 addr show dev nastest0");
	CHECK(strstr(out, "192.0.2.1") == NULL, "%s", out);
	rc = rtnl_link_set(nl, idx, false, 0);
	CHECK(rc == 0, "link down: %d %s", rc, rtnl_last_error(nl));
	sh_out(out, sizeof(out), "ip -o link show nastest0");
	CHECK(strstr(out, ",UP") == NULL && strstr(out, " mtu 1400 "), "%s",
	      out);

	rtnl_close(nl);
	close(tun);
	return 0;
}

static void test_tun_rtnl_in_netns(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	if (geteuid() != 0) {
		fprintf(stderr, "not root: skipping the TUN/rtnetlink test\n");
		skip();
	}
	if (access("/dev/net/tun", R_OK | W_OK) != 0) {
		fprintf(stderr, "/dev/net/tun unavailable (%s): skipping\n",
			strerror(errno));
		skip();
	}
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (unshare(CLONE_NEWNET) != 0) {
			fprintf(stderr,
				"cannot create a network namespace (%s): "
				"skipping\n",
				strerror(errno));
			fflush(NULL);
			_exit(EXIT_SKIP);
		}
		int rc = netns_body();
		fflush(NULL);
		_exit(rc);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == EXIT_SKIP)
		skip();
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tun_rtnl_in_netns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
