/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ddr_harness.c - the dialer test double (see ddr_harness.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ddr_harness.h"
#include "wr.h"

static void op_send(void *ctx, struct ddr *ddr, struct ddr_link *link,
		    const uint8_t *pkt, size_t len)
{
	struct harness *h = ctx;

	(void)ddr;
	assert_true(h->n_sent < H_MAX);
	assert_true(len >= 6);
	h->sent_id[h->n_sent] = (uint16_t)(pkt[4] << 8 | pkt[5]);
	h->sent_link[h->n_sent] = link;
	h->n_sent++;
}

static void *op_dial(void *ctx, struct ddr *ddr, struct ddr_link *link,
		     const char *number, const struct ddr_map *map)
{
	struct harness *h = ctx;

	(void)ddr;
	(void)map;
	assert_true(h->n_dial < H_MAX);
	snprintf(h->dialled[h->n_dial], DDR_NUMBER_MAX, "%s", number);
	h->dial_link[h->n_dial] = link;
	h->n_dial++;
	return h->dial_fails ? NULL : (void *)h;
}

static void op_hangup(void *ctx, struct ddr *ddr, struct ddr_link *link,
		      const char *reason)
{
	struct harness *h = ctx;

	(void)ddr;
	assert_true(h->n_hangup < H_MAX);
	snprintf(h->hangup_reason[h->n_hangup], 48, "%s", reason);
	h->hangup_link[h->n_hangup] = link;
	h->n_hangup++;
}

static const struct ddr_ops h_ops = {
	.send = op_send,
	.dial = op_dial,
	.hangup = op_hangup,
};

void h_init(struct harness *h)
{
	memset(h, 0, sizeof(*h));
	timers_init(&h->ts, 1000000);
	fake_log_init(&h->fl);
	ddr_cfg_defaults(&h->cfg);
	snprintf(h->cfg.name, sizeof(h->cfg.name), "BRI0");
	snprintf(h->cfg.short_name, sizeof(h->cfg.short_name), "BR0");
	h->cfg.channels = 2;
	h->cfg.list = DDR_LIST_PERMIT;
}

void h_start(struct harness *h)
{
	char err[128] = "";

	if (!ddr_cfg_check(&h->cfg, err, sizeof(err)))
		fail_msg("config refused: %s", err);
	h->ddr = ddr_create(&h->cfg, &h_ops, h, &h->ts, &h->fl.lg);
	assert_non_null(h->ddr);
}

void h_fini(struct harness *h)
{
	ddr_destroy(h->ddr);
	timers_fini(&h->ts);
	fake_log_fini(&h->fl);
}

void h_advance(struct harness *h, uint64_t ms)
{
	timers_advance(&h->ts, timers_now(&h->ts) + ms);
}

void h_map(struct harness *h, uint32_t next_hop, const char *name,
	   const char *cls, const char *number)
{
	struct ddr_map *m = &h->cfg.maps[h->cfg.n_maps++];

	m->next_hop = next_hop;
	snprintf(m->name, sizeof(m->name), "%s", name);
	snprintf(m->cls, sizeof(m->cls), "%s", cls ? cls : "");
	snprintf(m->number, sizeof(m->number), "%s", number ? number : "");
}

size_t h_pkt(uint8_t *buf, uint16_t id, uint8_t proto, uint32_t src,
	     uint32_t dst, uint16_t sport, uint16_t dport)
{
	struct wr w = wr_init(buf, 40);

	wr_u8(&w, 0x45);
	wr_u8(&w, 0);
	wr_u16(&w, 28);
	wr_u16(&w, id);
	wr_u16(&w, 0);
	wr_u8(&w, 64);
	wr_u8(&w, proto);
	wr_u16(&w, 0);
	wr_u32(&w, src);
	wr_u32(&w, dst);
	if (proto == 1) {
		wr_u8(&w, 8);
		wr_u8(&w, 0);
		wr_u16(&w, 0);
		wr_u32(&w, 0);
	} else {
		wr_u16(&w, sport);
		wr_u16(&w, dport);
		wr_u32(&w, 0);
	}
	assert_true(wr_ok(&w));
	return w.len;
}

enum ddr_verdict h_out(struct harness *h, uint32_t next_hop, uint32_t dst,
		       uint16_t id)
{
	uint8_t buf[40];
	size_t n = h_pkt(buf, id, 17, IP(10, 1, 1, 8), dst, 1024, 53);

	return ddr_output(h->ddr, next_hop, buf, n);
}

long h_log(struct harness *h, const char *needle)
{
	long i = fake_log_find(&h->fl, needle, 0);

	if (i < 0) {
		fake_log_dump(&h->fl);
		fail_msg("log line missing: %s", needle);
	}
	return i;
}
