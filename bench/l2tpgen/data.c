/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * data.c - l2tpgen's data mode: once every call is up, IPv4 echo
 * requests of --size octets go out at --pps (all calls together, round
 * robin) for --duration seconds to an address behind the LNS that echoes
 * them: ICMP Echo (RFC 792) to the LNS's own address, which its kernel
 * answers, or UDP (RFC 768) to an echo responder.  Replies are matched
 * by a tag (call index, sequence number) and counted; the loss is what
 * did not come back within a grace second after the last send.
 */
#include <string.h>

#include "l2tpgen.h"
#include "rd.h"
#include "wr.h"

#define IP_HDR_LEN 20
#define ICMP_HDR_LEN 8
#define UDP_HDR_LEN 8
#define IPPROTO_ICMP_ 1
#define IPPROTO_UDP_ 17
#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQUEST 8
#define GEN_MAGIC 0x4c325447u /* "L2TG" */
#define GEN_UDP_SPORT 39000
#define DATA_TICK_MS 1
#define DATA_GRACE_MS 1000
/* Packets sent per tick at most, so that receiving keeps up. */
#define DATA_BURST_MAX 4096

/* RFC 1071 one's complement sum. */
static uint16_t csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

size_t gen_data_build(uint8_t *buf, size_t cap, enum gen_proto proto,
		      uint32_t src, uint32_t dst, uint16_t port, unsigned size,
		      uint16_t idx, uint16_t seq)
{
	struct wr w = wr_init(buf, cap);
	size_t l4 = IP_HDR_LEN;
	size_t min = IP_HDR_LEN + ICMP_HDR_LEN + 8;

	if (size < min || size > cap || size > 65535)
		return 0;
	wr_u8(&w, 0x45);
	wr_u8(&w, 0);
	wr_u16(&w, (uint16_t)size);
	wr_u16(&w, seq);
	wr_u16(&w, 0);
	wr_u8(&w, 64);
	wr_u8(&w, proto == GEN_PROTO_ICMP ? IPPROTO_ICMP_ : IPPROTO_UDP_);
	wr_u16(&w, 0);
	wr_u32(&w, src);
	wr_u32(&w, dst);
	if (proto == GEN_PROTO_ICMP) {
		wr_u8(&w, ICMP_ECHO_REQUEST);
		wr_u8(&w, 0);
		wr_u16(&w, 0);
		wr_u16(&w, idx);
		wr_u16(&w, seq);
	} else {
		wr_u16(&w, GEN_UDP_SPORT);
		wr_u16(&w, port);
		wr_u16(&w, (uint16_t)(size - IP_HDR_LEN));
		wr_u16(&w, 0); /* no checksum (RFC 768) */
	}
	wr_u32(&w, GEN_MAGIC);
	wr_u16(&w, idx);
	wr_u16(&w, seq);
	while (w.len < size)
		wr_u8(&w, (uint8_t)w.len);
	if (!wr_ok(&w))
		return 0;
	buf[10] = 0;
	buf[11] = 0;
	{
		uint16_t c = csum(buf, IP_HDR_LEN);

		buf[10] = (uint8_t)(c >> 8);
		buf[11] = (uint8_t)c;
	}
	if (proto == GEN_PROTO_ICMP) {
		uint16_t c = csum(buf + l4, size - l4);

		buf[l4 + 2] = (uint8_t)(c >> 8);
		buf[l4 + 3] = (uint8_t)c;
	}
	return size;
}

bool gen_data_parse(const uint8_t *pkt, size_t len, enum gen_proto proto,
		    uint16_t port, uint16_t *idx)
{
	struct rd r = rd_init(pkt, len), l4;
	uint8_t vihl, ipproto, type;
	uint16_t total, sport, tidx;
	uint32_t magic;

	if (!rd_u8(&r, &vihl) || vihl >> 4 != 4 || (vihl & 15) < 5 ||
	    !rd_skip(&r, 1) || !rd_u16(&r, &total) || total > len ||
	    total < (vihl & 15) * 4u || !rd_skip(&r, 5) || !rd_u8(&r, &ipproto))
		return false;
	r = rd_init(pkt, total);
	if (!rd_skip(&r, (vihl & 15) * 4u) || !rd_sub(&r, rd_left(&r), &l4))
		return false;
	if (proto == GEN_PROTO_ICMP) {
		if (ipproto != IPPROTO_ICMP_ || !rd_u8(&l4, &type) ||
		    type != ICMP_ECHO_REPLY || !rd_skip(&l4, 7))
			return false;
	} else {
		if (ipproto != IPPROTO_UDP_ || !rd_u16(&l4, &sport) ||
		    sport != port || !rd_skip(&l4, 6))
			return false;
	}
	if (!rd_u32(&l4, &magic) || magic != GEN_MAGIC || !rd_u16(&l4, &tidx))
		return false;
	*idx = tidx;
	return true;
}

void gen_data_input(struct gen_sess *s, const uint8_t *pkt, size_t len)
{
	struct gen *gen = s->gen;
	uint16_t idx;

	if (!gen_data_parse(pkt, len, gen->o.proto, gen->o.target_port, &idx))
		return;
	/* The tag holds the low 16 bits of the call index: the call the
	 * reply came in on tells the rest. */
	(void)idx;
	s->data_rx++;
	gen->st.data_rx++;
}

/* The next call that is up, round robin; NULL when none is. */
static struct gen_sess *next_up(struct gen *gen)
{
	for (unsigned k = 0; k < gen->o.sessions; k++) {
		struct gen_sess *s = &gen->sess[gen->data_next];

		gen->data_next = (gen->data_next + 1) % gen->o.sessions;
		if (s->state == GEN_S_UP && s->ps)
			return s;
	}
	return NULL;
}

static void send_one(struct gen *gen, struct gen_sess *s)
{
	uint8_t pkt[1500];
	uint32_t dst = gen->o.target_ip ? gen->o.target_ip : s->ip_peer;
	size_t len = gen_data_build(pkt, sizeof(pkt), gen->o.proto, s->ip_local,
				    dst, gen->o.target_port, gen->o.size_bytes,
				    (uint16_t)s->idx, s->data_seq++);

	if (len && ppp_session_send_ip(s->ps, pkt, len) == 0) {
		s->data_tx++;
		gen->st.data_tx++;
	} else {
		gen->st.data_tx_err++;
	}
	gen->data_sent_total++;
}

static void grace_cb(void *arg)
{
	gen_phase_end(arg);
}

static void tick_cb(void *arg)
{
	struct gen *gen = arg;
	uint64_t now = timers_now(gen->ts);
	uint64_t elapsed_ms = now - gen->data_start_ms;
	double due;
	unsigned n = 0;

	if (elapsed_ms >= gen->o.duration_s * 1000ull) {
		gen->st.data_s = (double)elapsed_ms / 1000.0;
		gen->data_on = false;
		timer_init(&gen->data_tick, gen->ts, grace_cb, gen);
		timer_arm(&gen->data_tick, DATA_GRACE_MS);
		return;
	}
	due = (double)elapsed_ms * gen->o.pps / 1000.0 + 1.0;
	while ((double)gen->data_sent_total < due && n < DATA_BURST_MAX) {
		struct gen_sess *s = next_up(gen);

		if (!s)
			break;
		send_one(gen, s);
		n++;
	}
	gen_ctl_flush(gen);
	timer_arm(&gen->data_tick, DATA_TICK_MS);
}

void gen_data_start(struct gen *gen)
{
	gen->data_start_ms = timers_now(gen->ts);
	gen->data_sent_total = 0;
	gen->data_on = true;
	timer_init(&gen->data_tick, gen->ts, tick_cb, gen);
	tick_cb(gen);
}
