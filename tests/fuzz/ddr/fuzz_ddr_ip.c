/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ddr_ip - arbitrary octets through the IPv4 parser and a few access
 * lists, then the same input as a script driving a dialer (packets,
 * clock steps, call events, callback decisions) so the hold queue, the
 * timers and the link slots see random orders of events.
 *
 * Input: the whole input is first parsed as one packet.  Then, from the
 * start again, one operation per octet (op % 10):
 *   0-2  ddr_output() of the next (op >> 4) + 20 octets (a packet, often
 *        malformed) towards next hop (op >> 3 & 1 ? A : B)
 *   3    advance the clock (next octet) x 1 s
 *   4    the oldest dialling call connects
 *   5    a connected or dialling call comes up as "dallas"
 *   6    a random link fails or goes down
 *   7    an incoming call; 8 a callback decision on the newest one
 *   9    callback wait on the newest link, or clear/disconnect
 * Invariants (abort() on failure): a parsed packet has Total Length
 * within the input and >= 20; the hold queue never exceeds its limit;
 * ops never see a link that the core has released.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ddr.h"
#include "ddr_acl.h"
#include "log.h"
#include "timer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_LINKS 8

struct fz {
	struct ddr_link *links[FZ_LINKS]; /* live links we know of */
	bool dialing[FZ_LINKS];
	size_t n;
	int token;
};

static void fz_forget(struct fz *fz, size_t i)
{
	fz->links[i] = fz->links[fz->n - 1];
	fz->dialing[i] = fz->dialing[fz->n - 1];
	fz->n--;
}

static bool fz_known(const struct fz *fz, const struct ddr_link *link)
{
	for (size_t i = 0; i < fz->n; i++)
		if (fz->links[i] == link)
			return true;
	return false;
}

static void op_send(void *ctx, struct ddr *ddr, struct ddr_link *link,
		    const uint8_t *pkt, size_t len)
{
	(void)ddr;
	(void)pkt;
	(void)len;
	if (!fz_known(ctx, link))
		abort();
}

static void *op_dial(void *ctx, struct ddr *ddr, struct ddr_link *link,
		     const char *number, const struct ddr_map *map)
{
	struct fz *fz = ctx;

	(void)ddr;
	(void)map;
	if (!number[0] || fz->n >= FZ_LINKS || fz_known(fz, link))
		return NULL;
	fz->links[fz->n] = link;
	fz->dialing[fz->n] = true;
	fz->n++;
	return &fz->token;
}

static void op_hangup(void *ctx, struct ddr *ddr, struct ddr_link *link,
		      const char *reason)
{
	(void)ddr;
	(void)reason;
	if (!fz_known(ctx, link))
		abort();
}

static const struct ddr_ops fz_ops = {op_send, op_dial, op_hangup};

static void acl_checks(const uint8_t *data, size_t size)
{
	struct ddr_acl acl = {.number = 101, .n_rules = 2};
	struct ddr_ip ip;

	if (!ddr_ip_parse(data, size, &ip))
		return;
	if (ip.total_len < 20 || ip.total_len > size)
		abort();
	if (ip.has_ports && ip.fragment)
		abort();
	acl.rules[0] =
		(struct ddr_acl_rule){.permit = false,
				      .proto = 6,
				      .src = ddr_acl_any(),
				      .dst = ddr_acl_any(),
				      .dport = {DDR_ACL_PORT_RANGE, 20, 23}};
	acl.rules[1] = (struct ddr_acl_rule){
		.permit = true,
		.proto = DDR_ACL_PROTO_IP,
		.src = ddr_acl_wild(0x0a000000, 0x00ffffff),
		.dst = ddr_acl_any()};
	if (!ddr_acl_check(&acl, NULL, 0))
		abort();
	(void)ddr_acl_match(&acl, &ip);
	acl.number = 5;
	acl.n_rules = 1;
	acl.rules[0] = acl.rules[1];
	(void)ddr_acl_match(&acl, &ip);
}

static void drive(const uint8_t *data, size_t size)
{
	struct timers ts;
	struct logger lg = {0};
	struct ddr_cfg cfg;
	struct ddr *ddr;
	struct fz fz = {0};
	char number[DDR_NUMBER_MAX];
	size_t i = 0;

	lg.debug = ~(uint64_t)0;
	timers_init(&ts, 0);
	ddr_cfg_defaults(&cfg);
	strcpy(cfg.name, "BRI0");
	strcpy(cfg.short_name, "BR0");
	cfg.channels = 2;
	cfg.list = DDR_LIST_PERMIT;
	cfg.holdq_packets = 4;
	cfg.fast_idle_s = 3;
	cfg.idle_s = 10;
	cfg.enable_s = 2;
	cfg.callback_accept = true;
	cfg.callback_request = true;
	cfg.callback_secure = size & 1;
	cfg.n_maps = 2;
	cfg.maps[0].next_hop = 0x0a010107;
	strcpy(cfg.maps[0].name, "dallas");
	strcpy(cfg.maps[0].number, "81012345678902");
	strcpy(cfg.maps[0].cls, "cb");
	cfg.maps[1].next_hop = 0x0a010109;
	strcpy(cfg.maps[1].name, "houston");
	strcpy(cfg.maps[1].number, "5551234");
	cfg.n_classes = 1;
	strcpy(cfg.classes[0].name, "cb");
	cfg.classes[0].cb_server =
		size & 2 ? DDR_CB_SERVER_DIALSTRING : DDR_CB_SERVER_USERNAME;
	ddr = ddr_create(&cfg, &fz_ops, &fz, &ts, &lg);
	if (!ddr)
		abort();
	while (i < size) {
		uint8_t op = data[i++];
		size_t k;

		switch (op % 10) {
		case 0:
		case 1:
		case 2:
			k = (size_t)(op >> 4) + 20;
			if (k > size - i)
				k = size - i;
			(void)ddr_output(ddr, op & 8 ? 0x0a010107 : 0x0a010109,
					 data + i, k);
			i += k;
			break;
		case 3:
			if (i < size)
				timers_advance(&ts, timers_now(&ts) +
							    data[i++] * 1000u);
			break;
		case 4:
			for (k = 0; k < fz.n; k++) {
				if (fz.dialing[k]) {
					fz.dialing[k] = false;
					ddr_call_connected(ddr, fz.links[k],
							   "BRI0:1", "BR0:1");
					break;
				}
			}
			break;
		case 5:
			if (fz.n) {
				k = (op >> 4) % fz.n;
				fz.dialing[k] = false;
				ddr_link_up(ddr, fz.links[k], "dallas");
			}
			break;
		case 6:
			if (fz.n) {
				k = (op >> 4) % fz.n;
				if (op & 0x80)
					ddr_call_failed(ddr, fz.links[k],
							DDR_CAUSE_BUSY);
				else
					ddr_link_down(ddr, fz.links[k],
						      DDR_CAUSE_REMOTE);
				fz_forget(&fz, k);
			}
			break;
		case 7:
			if (fz.n < FZ_LINKS) {
				struct ddr_link *link = ddr_link_incoming(
					ddr, &fz.token, "BRI0:2", "BR0:2");

				if (link && !fz_known(&fz, link)) {
					fz.links[fz.n] = link;
					fz.dialing[fz.n++] = false;
				}
			}
			break;
		case 8:
			if (fz.n)
				(void)ddr_callback_decide(
					ddr, fz.links[fz.n - 1],
					op & 16 ? "dallas" : "eve", op & 32,
					op & 64 ? "81012345678902" : "123",
					number, sizeof(number));
			break;
		default:
			if (op & 16)
				ddr_clear_counters(ddr);
			else if (op & 32)
				ddr_disconnect_all(ddr);
			else if (fz.n)
				ddr_callback_wait(ddr, fz.links[fz.n - 1],
						  NULL);
			break;
		}
		if (ddr_holdq_len(ddr) > cfg.holdq_packets)
			abort();
	}
	{
		struct strbuf sb = STRBUF_INIT;

		ddr_show(ddr, &sb);
		ddr_show_json(ddr, &sb);
		sb_free(&sb);
	}
	ddr_destroy(ddr);
	timers_fini(&ts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	acl_checks(data, size);
	drive(data, size);
	return 0;
}
