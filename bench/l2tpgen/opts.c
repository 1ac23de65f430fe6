/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * opts.c - l2tpgen's command line (getopt_long), checked into struct
 * gen_opts before anything runs, and the per-call user names.  No
 * protocol behaviour here; the defaults are those of a Cisco LAC where
 * one exists (UDP 1701, RFC 2661 §8.1; LCP keepalive 10 s).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l2tpgen.h"

static const char usage_text[] =
	"usage: l2tpgen --lns A.B.C.D[:PORT] [options]\n"
	"  --lns A.B.C.D[:PORT]  the LNS (port 1701 by default)\n"
	"  --bind A.B.C.D        our source address\n"
	"  --secret S            tunnel secret (authentication both ways)\n"
	"  --hidden              hide AVPs (needs --secret)\n"
	"  --hostname NAME       our Host Name AVP (default l2tpgen)\n"
	"  --sessions N          calls to place (default 1, max 60000)\n"
	"  --tunnels T           tunnels the calls are spread over "
	"(default 1)\n"
	"  --rate R              ICRQs per second (0 = as fast as the\n"
	"                        control window allows; default 0)\n"
	"  --user FMT            PPP user, %d = call number from 1\n"
	"                        (default user%d@bench)\n"
	"  --password P          PPP password / CHAP secret (default "
	"bench)\n"
	"  --auth chap|pap       what we agree to authenticate with "
	"(default chap)\n"
	"  --proxy               proxy LCP and authentication in the ICCN\n"
	"  --timeout S           setup phase limit (default 120)\n"
	"  --hold S              keep the calls up S seconds, LCP echo "
	"checked\n"
	"  --keepalive S         our LCP Echo-Request period (default 10,\n"
	"                        0 = off)\n"
	"  --echo-fails N        unanswered Echo-Requests before a call is\n"
	"                        declared dead (default 5)\n"
	"  --rtx-ms MS           first L2TP retransmission timeout "
	"(default 1000)\n"
	"  --window N            Receive Window Size we advertise "
	"(default 16)\n"
	"  --pps P --size B --duration S\n"
	"                        data: P echo requests per second in all,\n"
	"                        B octets each (IP header included), for S\n"
	"                        seconds after every call is up\n"
	"  --proto icmp|udp      echo kind (default icmp)\n"
	"  --target A.B.C.D[:PORT]  echo address (default: each call's\n"
	"                        IPCP peer address; UDP port default 7)\n"
	"  --json FILE           results as JSON\n"
	"  --ready-file FILE     created once setup is over\n"
	"  -d, --debug WORDS     nasd debug switch (\"ppp negotiation\",\n"
	"                        \"vpdn l2x-events\" ...), repeatable\n"
	"  -q, --quiet           no progress lines\n";

enum {
	OPT_LNS = 256,
	OPT_BIND,
	OPT_SECRET,
	OPT_HIDDEN,
	OPT_HOSTNAME,
	OPT_SESSIONS,
	OPT_TUNNELS,
	OPT_RATE,
	OPT_USER,
	OPT_PASSWORD,
	OPT_AUTH,
	OPT_PROXY,
	OPT_TIMEOUT,
	OPT_HOLD,
	OPT_KEEPALIVE,
	OPT_ECHO_FAILS,
	OPT_RTX,
	OPT_WINDOW,
	OPT_PPS,
	OPT_SIZE,
	OPT_DURATION,
	OPT_PROTO,
	OPT_TARGET,
	OPT_JSON,
	OPT_READY,
};

static const struct option long_opts[] = {
	{"lns", required_argument, NULL, OPT_LNS},
	{"bind", required_argument, NULL, OPT_BIND},
	{"secret", required_argument, NULL, OPT_SECRET},
	{"hidden", no_argument, NULL, OPT_HIDDEN},
	{"hostname", required_argument, NULL, OPT_HOSTNAME},
	{"sessions", required_argument, NULL, OPT_SESSIONS},
	{"tunnels", required_argument, NULL, OPT_TUNNELS},
	{"rate", required_argument, NULL, OPT_RATE},
	{"user", required_argument, NULL, OPT_USER},
	{"password", required_argument, NULL, OPT_PASSWORD},
	{"auth", required_argument, NULL, OPT_AUTH},
	{"proxy", no_argument, NULL, OPT_PROXY},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"hold", required_argument, NULL, OPT_HOLD},
	{"keepalive", required_argument, NULL, OPT_KEEPALIVE},
	{"echo-fails", required_argument, NULL, OPT_ECHO_FAILS},
	{"rtx-ms", required_argument, NULL, OPT_RTX},
	{"window", required_argument, NULL, OPT_WINDOW},
	{"pps", required_argument, NULL, OPT_PPS},
	{"size", required_argument, NULL, OPT_SIZE},
	{"duration", required_argument, NULL, OPT_DURATION},
	{"proto", required_argument, NULL, OPT_PROTO},
	{"target", required_argument, NULL, OPT_TARGET},
	{"json", required_argument, NULL, OPT_JSON},
	{"ready-file", required_argument, NULL, OPT_READY},
	{"debug", required_argument, NULL, 'd'},
	{"quiet", no_argument, NULL, 'q'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

/* "A.B.C.D" into host order; false when malformed. */
static bool parse_ip(const char *s, uint32_t *ip)
{
	unsigned a[4];
	char tail;

	if (sscanf(s, "%3u.%3u.%3u.%3u%c", &a[0], &a[1], &a[2], &a[3], &tail) !=
	    4)
		return false;
	for (int i = 0; i < 4; i++)
		if (a[i] > 255)
			return false;
	*ip = a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
	return true;
}

static bool parse_ulong(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (!s[0] || s[0] == '-')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max;
}

static bool parse_double(const char *s, double max, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return s[0] && errno == 0 && *end == '\0' && *v >= 0 && *v <= max;
}

/* "A.B.C.D[:PORT]"; the port is left alone when absent. */
static bool parse_addr_port(const char *s, uint32_t *ip, uint16_t *port)
{
	char buf[32];
	const char *colon = strchr(s, ':');
	size_t n = colon ? (size_t)(colon - s) : strlen(s);
	unsigned long p;

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!parse_ip(buf, ip))
		return false;
	if (colon) {
		if (!parse_ulong(colon + 1, 65535, &p) || p == 0)
			return false;
		*port = (uint16_t)p;
	}
	return true;
}

/* At most one conversion, and it is %d; "%%" is a percent sign. */
static bool user_fmt_ok(const char *f)
{
	unsigned conv = 0;

	for (; *f; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f == '%')
			continue;
		if (*f != 'd' || ++conv > 1)
			return false;
	}
	return true;
}

bool gen_user_name(const struct gen_opts *o, unsigned n, char *out, size_t size)
{
	size_t len = 0;

	for (const char *f = o->user_fmt; *f; f++) {
		char num[16];
		const char *piece = num;
		size_t plen;

		if (*f != '%') {
			num[0] = *f;
			plen = 1;
		} else if (f[1] == '%') {
			num[0] = '%';
			plen = 1;
			f++;
		} else {
			plen = (size_t)snprintf(num, sizeof(num), "%u", n);
			f++;
		}
		if (len + plen + 1 > size)
			return false;
		memcpy(out + len, piece, plen);
		len += plen;
	}
	if (len + 1 > size)
		return false;
	out[len] = '\0';
	return true;
}

static bool copy_str(char *dst, size_t size, const char *src, size_t *len)
{
	size_t n = strlen(src);

	if (n >= size)
		return false;
	memcpy(dst, src, n + 1);
	if (len)
		*len = n;
	return true;
}

static void defaults(struct gen_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->lns_port = 1701;
	o->sessions = 1;
	o->tunnels = 1;
	o->auth = GEN_AUTH_CHAP;
	o->proto = GEN_PROTO_ICMP;
	o->target_port = 7;
	o->timeout_s = 120;
	o->keepalive_s = 10;
	o->echo_fails = 5;
	o->rtx_ms = 1000;
	o->window = 16;
	o->size_bytes = 64;
	snprintf(o->hostname, sizeof(o->hostname), "l2tpgen");
	snprintf(o->user_fmt, sizeof(o->user_fmt), "user%%d@bench");
	snprintf(o->password, sizeof(o->password), "bench");
}

/* One option's argument into *o; false after a message on err. */
static bool take(struct gen_opts *o, int c, const char *arg, FILE *err,
		 bool *have_lns)
{
	unsigned long u;
	int f;

	switch (c) {
	case OPT_LNS:
		*have_lns = parse_addr_port(arg, &o->lns_ip, &o->lns_port);
		return *have_lns;
	case OPT_BIND:
		return parse_ip(arg, &o->bind_ip);
	case OPT_SECRET:
		return copy_str(o->secret, sizeof(o->secret), arg,
				&o->secret_len);
	case OPT_HIDDEN:
		o->hidden = true;
		return true;
	case OPT_HOSTNAME:
		return arg[0] &&
		       copy_str(o->hostname, sizeof(o->hostname), arg, NULL);
	case OPT_SESSIONS:
		if (!parse_ulong(arg, GEN_SESSIONS_MAX, &u) || u == 0)
			return false;
		o->sessions = (unsigned)u;
		return true;
	case OPT_TUNNELS:
		if (!parse_ulong(arg, GEN_TUNNELS_MAX, &u) || u == 0)
			return false;
		o->tunnels = (unsigned)u;
		return true;
	case OPT_RATE:
		return parse_double(arg, 1e7, &o->rate);
	case OPT_USER:
		return user_fmt_ok(arg) &&
		       copy_str(o->user_fmt, sizeof(o->user_fmt), arg, NULL);
	case OPT_PASSWORD:
		return copy_str(o->password, sizeof(o->password), arg, NULL);
	case OPT_AUTH:
		if (strcmp(arg, "chap") == 0)
			o->auth = GEN_AUTH_CHAP;
		else if (strcmp(arg, "pap") == 0)
			o->auth = GEN_AUTH_PAP;
		else
			return false;
		return true;
	case OPT_PROXY:
		o->proxy = true;
		return true;
	case OPT_TIMEOUT:
		if (!parse_ulong(arg, 86400, &u) || u == 0)
			return false;
		o->timeout_s = (unsigned)u;
		return true;
	case OPT_HOLD:
		if (!parse_ulong(arg, 86400, &u))
			return false;
		o->hold_s = (unsigned)u;
		return true;
	case OPT_KEEPALIVE:
		if (!parse_ulong(arg, 3600, &u))
			return false;
		o->keepalive_s = (unsigned)u;
		return true;
	case OPT_ECHO_FAILS:
		if (!parse_ulong(arg, 255, &u) || u == 0)
			return false;
		o->echo_fails = (unsigned)u;
		return true;
	case OPT_RTX:
		if (!parse_ulong(arg, 60000, &u) || u < 10)
			return false;
		o->rtx_ms = (unsigned)u;
		return true;
	case OPT_WINDOW:
		if (!parse_ulong(arg, 65535, &u) || u == 0)
			return false;
		o->window = (unsigned)u;
		return true;
	case OPT_PPS:
		return parse_double(arg, 1e7, &o->pps);
	case OPT_SIZE:
		if (!parse_ulong(arg, 1500, &u) || u < 36)
			return false;
		o->size_bytes = (unsigned)u;
		return true;
	case OPT_DURATION:
		if (!parse_ulong(arg, 86400, &u))
			return false;
		o->duration_s = (unsigned)u;
		return true;
	case OPT_PROTO:
		if (strcmp(arg, "icmp") == 0)
			o->proto = GEN_PROTO_ICMP;
		else if (strcmp(arg, "udp") == 0)
			o->proto = GEN_PROTO_UDP;
		else
			return false;
		return true;
	case OPT_TARGET:
		return parse_addr_port(arg, &o->target_ip, &o->target_port);
	case OPT_JSON:
		o->json_path = arg;
		return true;
	case OPT_READY:
		o->ready_path = arg;
		return true;
	case 'd':
		f = dbg_lookup(arg);
		if (f < 0)
			return false;
		o->debug |= (uint64_t)1 << f;
		return true;
	case 'q':
		o->quiet = true;
		return true;
	default:
		fprintf(err, "%s", usage_text);
		return false;
	}
}

static const char *opt_name(int c)
{
	for (const struct option *lo = long_opts; lo->name; lo++)
		if (lo->val == c)
			return lo->name;
	return "?";
}

int gen_opts_parse(struct gen_opts *o, int argc, char **argv, FILE *err)
{
	bool have_lns = false;
	int c, idx;

	defaults(o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:qh", long_opts, &idx)) != -1) {
		if (c == 'h') {
			fprintf(err, "%s", usage_text);
			return 1;
		}
		if (c == '?' || c == ':') {
			fprintf(err,
				"l2tpgen: unknown option or missing "
				"argument: %s\n",
				argv[optind - 1]);
			return -1;
		}
		if (!take(o, c, optarg, err, &have_lns)) {
			fprintf(err, "l2tpgen: bad value for --%s: %s\n",
				opt_name(c), optarg ? optarg : "");
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(err, "l2tpgen: unexpected argument: %s\n",
			argv[optind]);
		return -1;
	}
	if (!have_lns) {
		fprintf(err, "l2tpgen: --lns A.B.C.D[:PORT] is required\n");
		return -1;
	}
	if (o->hidden && !o->secret_len) {
		fprintf(err, "l2tpgen: --hidden needs --secret\n");
		return -1;
	}
	if (o->tunnels > o->sessions)
		o->tunnels = o->sessions;
	/* Each tunnel numbers its calls with 16-bit ids (RFC 2661 §3.1). */
	if ((o->sessions + o->tunnels - 1) / o->tunnels > 65000) {
		fprintf(err, "l2tpgen: more than 65000 calls per tunnel\n");
		return -1;
	}
	if ((o->pps > 0) != (o->duration_s > 0)) {
		fprintf(err, "l2tpgen: data mode needs both --pps and "
			     "--duration\n");
		return -1;
	}
	return 0;
}
