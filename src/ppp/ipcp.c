/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipcp.c - IP Control Protocol option policy (RFC 1332 §3, RFC 1877 §1)
 * on the shared RFC 1661 automaton, including the IP-Compression-Protocol
 * option for Van Jacobson compression (RFC 1332 §3.2), and its debug
 * printer.  See ipcp.h for the server and client behaviour.
 */
#include "ipcp.h"

#include <stdio.h>
#include <string.h>

#include "cp_opt.h"
#include "cp_print.h"

static void ipcp_reset(void *ctx)
{
	struct ipcp *ipcp = ctx;

	memset(&ipcp->want, 0, sizeof(ipcp->want));
	ipcp->want.addr = ipcp->cfg.local_addr != 0 ||
			  ipcp->cfg.local_negotiated;
	ipcp->want.addr_val = ipcp->cfg.local_addr;
	ipcp->want.dns1 = ipcp->cfg.want_dns;
	ipcp->want.dns2 = ipcp->cfg.want_dns;
	ipcp->want.vj.on = ipcp->cfg.vj;
	ipcp->want.vj.max_slot_id = ipcp->cfg.vj_max_slot_id;
	ipcp->want.vj.comp_slot_id = ipcp->cfg.vj_comp_slot_id;
	ipcp->got_peer_addr = 0;
	memset(&ipcp->got_vj, 0, sizeof(ipcp->got_vj));
}

static void ipcp_put_addr(struct wr *w, uint8_t type, uint32_t addr)
{
	wr_u8(w, type);
	wr_u8(w, 6);
	wr_u32(w, addr);
}

/* IP-Compression-Protocol for VJ: type 2, length 6, protocol 0x002D,
 * Max-Slot-Id, Comp-Slot-Id (RFC 1332 §3.2). */
static void ipcp_put_vj(struct wr *w, const struct ipcp_vj *vj)
{
	wr_u8(w, IPCP_OPT_COMP);
	wr_u8(w, 6);
	wr_u16(w, IPCP_COMP_VJ);
	wr_u8(w, vj->max_slot_id);
	wr_u8(w, vj->comp_slot_id ? 1 : 0);
}

static void ipcp_build_req(void *ctx, struct wr *w)
{
	struct ipcp *ipcp = ctx;

	/* IOS puts the compression option first (seed 001: "CompressType
	 * VJ 15 slots", then "Address"). */
	if (ipcp->want.vj.on)
		ipcp_put_vj(w, &ipcp->want.vj);
	if (ipcp->want.addr)
		ipcp_put_addr(w, IPCP_OPT_ADDRESS, ipcp->want.addr_val);
	if (ipcp->want.dns1)
		ipcp_put_addr(w, IPCP_OPT_DNS1, ipcp->want.dns1_val);
	if (ipcp->want.dns2)
		ipcp_put_addr(w, IPCP_OPT_DNS2, ipcp->want.dns2_val);
}

/* The configured server for an RFC 1877 option, 0 if none. */
static uint32_t ipcp_server_for(const struct ipcp *ipcp, uint8_t type)
{
	switch (type) {
	case IPCP_OPT_DNS1:
		return ipcp->cfg.dns[0];
	case IPCP_OPT_DNS2:
		return ipcp->cfg.dns[1];
	case IPCP_OPT_NBNS1:
		return ipcp->cfg.nbns[0];
	case IPCP_OPT_NBNS2:
		return ipcp->cfg.nbns[1];
	default:
		return 0;
	}
}

/* Verdict on the peer's IP-Compression-Protocol option. */
enum ipcp_vj_verdict { IPCP_VJ_ACK, IPCP_VJ_NAK, IPCP_VJ_REJECT };

static enum ipcp_vj_verdict ipcp_judge_vj(const struct ipcp *ipcp,
					  struct rd *body, struct ipcp_vj *vj)
{
	uint16_t proto;
	uint8_t max_slot, comp_slot;

	if (!ipcp->cfg.vj || !rd_u16(body, &proto))
		return IPCP_VJ_REJECT;
	if (proto == IPCP_COMP_VJ_OLD)
		return IPCP_VJ_NAK; /* we speak VJ, in its RFC 1332 form */
	if (proto != IPCP_COMP_VJ)
		return IPCP_VJ_REJECT; /* e.g. IPHC (RFC 2509): not built */
	if (rd_left(body) != 2 || !rd_u8(body, &max_slot) ||
	    !rd_u8(body, &comp_slot) || comp_slot > 1)
		return IPCP_VJ_NAK;
	/* Any Max-Slot-Id: the peer decompresses, we compress into as many
	 * slots as it keeps (at most 256). */
	vj->on = true;
	vj->max_slot_id = max_slot;
	vj->comp_slot_id = comp_slot == 1;
	return IPCP_VJ_ACK;
}

static uint8_t ipcp_recv_req(void *ctx, struct rd *opts, struct wr *resp,
			     bool reject_if_disagree)
{
	struct ipcp *ipcp = ctx;
	uint8_t nakbuf[CP_PKT_MAX], rejbuf[CP_PKT_MAX];
	struct wr nak = wr_init(nakbuf, sizeof(nakbuf));
	struct wr rej = wr_init(rejbuf, sizeof(rejbuf));
	bool saw_addr = false;
	uint32_t peer_addr = 0;
	struct ipcp_vj vj = {.on = false};

	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;
		uint32_t v = 0;

		if (!cp_opt_next(opts, &type, &whole, &body)) {
			wr_bytes(&rej, opts->p, rd_left(opts));
			break;
		}
		switch (type) {
		case IPCP_OPT_ADDRESS: {
			uint32_t assign = 0;
			enum ipcp_addr_verdict vd;
			if (rd_left(&body) != 4 || !rd_u32(&body, &v)) {
				wr_bytes(&rej, whole.p, rd_left(&whole));
				break;
			}
			saw_addr = true;
			vd = ipcp->ops->peer_address(ipcp->ctx, v, &assign);
			if (vd == IPCP_ADDR_ACK && v != 0) {
				peer_addr = v;
			} else if (vd == IPCP_ADDR_NAK && assign != 0 &&
				   !reject_if_disagree) {
				ipcp_put_addr(&nak, IPCP_OPT_ADDRESS, assign);
			} else {
				wr_bytes(&rej, whole.p, rd_left(&whole));
			}
			break;
		}
		case IPCP_OPT_DNS1:
		case IPCP_OPT_DNS2:
		case IPCP_OPT_NBNS1:
		case IPCP_OPT_NBNS2: {
			uint32_t server = ipcp_server_for(ipcp, type);
			if (rd_left(&body) != 4 || !rd_u32(&body, &v) ||
			    server == 0) {
				/* Not configured: IOS rejects the option. */
				wr_bytes(&rej, whole.p, rd_left(&whole));
			} else if (v != server) {
				if (reject_if_disagree)
					wr_bytes(&rej, whole.p,
						 rd_left(&whole));
				else
					ipcp_put_addr(&nak, type, server);
			}
			break;
		}
		case IPCP_OPT_COMP: {
			struct ipcp_vj ours = {
				.on = true,
				.max_slot_id = ipcp->cfg.vj_max_slot_id,
				.comp_slot_id = ipcp->cfg.vj_comp_slot_id,
			};
			switch (ipcp_judge_vj(ipcp, &body, &vj)) {
			case IPCP_VJ_ACK:
				break;
			case IPCP_VJ_NAK:
				if (!reject_if_disagree) {
					ipcp_put_vj(&nak, &ours);
					break;
				}
				wr_bytes(&rej, whole.p, rd_left(&whole));
				break;
			case IPCP_VJ_REJECT:
				wr_bytes(&rej, whole.p, rd_left(&whole));
				break;
			}
			break;
		}
		default:
			/* IP-Addresses (deprecated) and anything unknown. */
			wr_bytes(&rej, whole.p, rd_left(&whole));
			break;
		}
	}

	/* RFC 1332 §3.3: a peer that sends no IP-Address may still be given
	 * one; a Nak may carry an option the request did not. */
	if (!saw_addr && rej.len == 0 && !reject_if_disagree) {
		uint32_t assign = 0;
		if (ipcp->ops->peer_address(ipcp->ctx, 0, &assign) ==
			    IPCP_ADDR_NAK &&
		    assign != 0)
			ipcp_put_addr(&nak, IPCP_OPT_ADDRESS, assign);
	}

	if (rej.len > 0) {
		wr_bytes(resp, rejbuf, rej.len);
		return CP_CONFREJ;
	}
	if (nak.len > 0) {
		wr_bytes(resp, nakbuf, nak.len);
		return CP_CONFNAK;
	}
	ipcp->got_peer_addr = peer_addr;
	ipcp->got_vj = vj;
	return CP_CONFACK;
}

static bool ipcp_recv_ack(void *ctx, struct rd *opts)
{
	return cp_opt_same_as_request(ipcp_build_req, ctx, opts);
}

/*
 * The peer Naked our IP-Compression-Protocol with the values it wants to
 * use when it compresses towards us.  We follow a VJ counter-offer with no
 * more slots than we keep (more would only be honoured by a peer that
 * ignores our Max-Slot-Id) and either Comp-Slot-Id; anything else (another
 * protocol, a bad length) means we stop asking (RFC 1661 §5.3 leaves that
 * to us).
 */
static void ipcp_nak_vj(struct ipcp *ipcp, struct rd *body)
{
	uint16_t proto;
	uint8_t max_slot, comp_slot;

	if (!ipcp->want.vj.on)
		return;
	if (rd_left(body) != 4 || !rd_u16(body, &proto) ||
	    proto != IPCP_COMP_VJ || !rd_u8(body, &max_slot) ||
	    !rd_u8(body, &comp_slot) || comp_slot > 1) {
		ipcp->want.vj.on = false;
		return;
	}
	if (max_slot <= ipcp->cfg.vj_max_slot_id)
		ipcp->want.vj.max_slot_id = max_slot;
	ipcp->want.vj.comp_slot_id = comp_slot == 1;
}

static bool ipcp_recv_nak(void *ctx, struct rd *opts)
{
	struct ipcp *ipcp = ctx;

	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;
		uint32_t v;

		if (!cp_opt_next(opts, &type, &whole, &body))
			return false;
		if (type == IPCP_OPT_COMP) {
			ipcp_nak_vj(ipcp, &body);
			continue;
		}
		if (rd_left(&body) != 4 || !rd_u32(&body, &v))
			continue;
		switch (type) {
		case IPCP_OPT_ADDRESS:
			/* Take the peer's address for us only when we asked
			 * for one (`ip address negotiated`); a configured
			 * address is kept. */
			if (ipcp->cfg.local_negotiated && v != 0) {
				ipcp->want.addr = true;
				ipcp->want.addr_val = v;
			}
			break;
		case IPCP_OPT_DNS1:
			if (ipcp->want.dns1)
				ipcp->want.dns1_val = v;
			break;
		case IPCP_OPT_DNS2:
			if (ipcp->want.dns2)
				ipcp->want.dns2_val = v;
			break;
		default:
			break;
		}
	}
	return true;
}

static bool ipcp_recv_rej(void *ctx, struct rd *opts)
{
	struct ipcp *ipcp = ctx;

	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;

		if (!cp_opt_next(opts, &type, &whole, &body))
			return false;
		switch (type) {
		case IPCP_OPT_COMP:
			ipcp->want.vj.on = false;
			break;
		case IPCP_OPT_ADDRESS:
			ipcp->want.addr = false;
			break;
		case IPCP_OPT_DNS1:
			ipcp->want.dns1 = false;
			break;
		case IPCP_OPT_DNS2:
			ipcp->want.dns2 = false;
			break;
		default:
			break;
		}
	}
	return true;
}

static void ipcp_up(void *ctx)
{
	struct ipcp *ipcp = ctx;

	memset(&ipcp->neg, 0, sizeof(ipcp->neg));
	ipcp->neg.local_addr = ipcp->want.addr ? ipcp->want.addr_val
					       : ipcp->cfg.local_addr;
	ipcp->neg.peer_addr = ipcp->got_peer_addr;
	if (ipcp->want.dns1)
		ipcp->neg.dns[0] = ipcp->want.dns1_val;
	if (ipcp->want.dns2)
		ipcp->neg.dns[1] = ipcp->want.dns2_val;
	/* Our request, as Acked, is what the peer compresses towards us;
	 * the peer's, as we Acked it, is what we compress towards it. */
	if (ipcp->want.vj.on)
		ipcp->neg.vj_rx = ipcp->want.vj;
	ipcp->neg.vj_tx = ipcp->got_vj;
	ipcp->ops->up(ipcp->ctx);
}

static void ipcp_down(void *ctx)
{
	struct ipcp *ipcp = ctx;

	ipcp->ops->down(ipcp->ctx);
}

static void ipcp_started(void *ctx)
{
	(void)ctx;
}

static void ipcp_finished(void *ctx)
{
	struct ipcp *ipcp = ctx;

	if (ipcp->ops->finished)
		ipcp->ops->finished(ipcp->ctx);
}

static void ipcp_send(void *ctx, const uint8_t *pkt, size_t len)
{
	struct ipcp *ipcp = ctx;

	ipcp->ops->send(ipcp->ctx, pkt, len);
}

static void ipcp_print_hook(void *ctx, uint8_t code, struct rd *opts)
{
	struct ipcp *ipcp = ctx;

	(void)code;
	ipcp_print_opts(ipcp->log, ipcp->ifname, opts);
}

static const struct cp_fsm_ops ipcp_fsm_ops = {
	.reset = ipcp_reset,
	.build_req = ipcp_build_req,
	.recv_req = ipcp_recv_req,
	.recv_ack = ipcp_recv_ack,
	.recv_nak = ipcp_recv_nak,
	.recv_rej = ipcp_recv_rej,
	.up = ipcp_up,
	.down = ipcp_down,
	.started = ipcp_started,
	.finished = ipcp_finished,
	.recv_extcode = NULL,
	.print_opts = ipcp_print_hook,
	.send = ipcp_send,
};

void ipcp_init(struct ipcp *ipcp, const char *ifname,
	       const struct ipcp_cfg *cfg, const struct cp_fsm_cfg *fsm_cfg,
	       const struct ipcp_ops *ops, void *ctx, struct timers *ts,
	       const struct logger *log)
{
	memset(ipcp, 0, sizeof(*ipcp));
	ipcp->cfg = *cfg;
	ipcp->ops = ops;
	ipcp->ctx = ctx;
	ipcp->log = log;
	ipcp->ifname = ifname;
	cp_fsm_init(&ipcp->fsm, "IPCP", ifname, PPP_PROTO_IPCP, &ipcp_fsm_ops,
		    ipcp, ts, log, fsm_cfg);
}

void ipcp_fini(struct ipcp *ipcp)
{
	cp_fsm_fini(&ipcp->fsm);
}

void ipcp_set_cfg(struct ipcp *ipcp, const struct ipcp_cfg *cfg)
{
	ipcp->cfg = *cfg;
}

void ipcp_lower_up(struct ipcp *ipcp)
{
	cp_fsm_up(&ipcp->fsm);
}

void ipcp_lower_down(struct ipcp *ipcp)
{
	cp_fsm_down(&ipcp->fsm);
}

void ipcp_open(struct ipcp *ipcp)
{
	cp_fsm_open(&ipcp->fsm);
}

void ipcp_close(struct ipcp *ipcp, const char *reason)
{
	cp_fsm_close(&ipcp->fsm, reason);
}

void ipcp_input(struct ipcp *ipcp, const uint8_t *pkt, size_t len)
{
	cp_fsm_input(&ipcp->fsm, pkt, len);
}

void ipcp_print_opts(const struct logger *log, const char *ifname,
		     struct rd *opts)
{
	if (!log_debug_on(log, DBG_PPP_NEGOTIATION))
		return;
	while (rd_left(opts) > 0) {
		uint8_t type;
		struct rd whole, body;
		char desc[96], ip[16];
		uint32_t v = 0;

		if (!cp_opt_next(opts, &type, &whole, &body)) {
			cp_print_opt(log, ifname, "IPCP", "Bad option",
				     opts->p, rd_left(opts));
			return;
		}
		switch (type) {
		case IPCP_OPT_COMP: {
			uint16_t proto = 0;
			uint8_t slots = 0, cid = 0;
			rd_u16(&body, &proto);
			if (proto == IPCP_COMP_VJ && rd_u8(&body, &slots) &&
			    rd_u8(&body, &cid))
				snprintf(desc, sizeof(desc),
					 "CompressType VJ %u slots%s", slots,
					 cid ? " CompressSlotID" : "");
			else
				snprintf(desc, sizeof(desc),
					 "CompressType 0x%04X", proto);
			break;
		}
		case IPCP_OPT_ADDRESSES:
			snprintf(desc, sizeof(desc), "Addresses");
			break;
		case IPCP_OPT_ADDRESS:
		case IPCP_OPT_DNS1:
		case IPCP_OPT_NBNS1:
		case IPCP_OPT_DNS2:
		case IPCP_OPT_NBNS2: {
			const char *name =
				type == IPCP_OPT_ADDRESS ? "Address"
				: type == IPCP_OPT_DNS1  ? "PrimaryDNS"
				: type == IPCP_OPT_NBNS1 ? "PrimaryWINS"
				: type == IPCP_OPT_DNS2  ? "SecondaryDNS"
							 : "SecondaryWINS";
			rd_u32(&body, &v);
			snprintf(desc, sizeof(desc), "%s %s", name,
				 cp_print_ipv4(ip, sizeof(ip), v));
			break;
		}
		default:
			snprintf(desc, sizeof(desc), "Unknown option %u",
				 type);
			break;
		}
		cp_print_opt(log, ifname, "IPCP", desc, whole.p,
			     rd_left(&whole));
	}
}
