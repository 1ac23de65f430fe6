/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp_fsm.c - the RFC 1661 option-negotiation automaton shared by LCP and the
 * NCPs (see cp_fsm.h for the contract).
 *
 * It owns RFC 1661 §4.1 (the state transition table, kept below as data:
 * state x event -> action list + next state), §4.4 (the actions), §4.6 (the
 * Restart timer and counter, Max-Terminate, Max-Configure, Max-Failure) and
 * the packet side of §5.1-§5.6: header validation, the Identifier matching
 * of Configure-Ack/Nak/Reject, Terminate-Request/Ack and Code-Reject.  One
 * dispatcher walks a cell's actions in table order, sets the state and logs
 * in the form of IOS `debug ppp negotiation`.  Option semantics belong to
 * the protocol, reached through struct cp_fsm_ops.
 */
#include "cp_fsm.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

/* RFC 1661 §4.4 actions.  irc and zrc touch the Restart counter; the others
 * send a packet or notify the protocol.  ACT_NONE ends an action list. */
enum cp_action {
	ACT_NONE = 0,
	ACT_TLU, /* This-Layer-Up */
	ACT_TLD, /* This-Layer-Down */
	ACT_TLS, /* This-Layer-Started */
	ACT_TLF, /* This-Layer-Finished */
	ACT_IRC, /* Initialize-Restart-Count */
	ACT_ZRC, /* Zero-Restart-Count */
	ACT_SCR, /* Send-Configure-Request */
	ACT_SCA, /* Send-Configure-Ack */
	ACT_SCN, /* Send-Configure-Nak/Rej */
	ACT_STR, /* Send-Terminate-Request */
	ACT_STA, /* Send-Terminate-Ack */
	ACT_SCJ, /* Send-Code-Reject */
	ACT_SER, /* Send-Echo-Reply: done by the protocol (recv_extcode) */
};

/* The longest cells of the RFC table have three actions (tld,scr,sca). */
#define CELL_ACT_MAX 3

enum cell_flag {
	CELL_VALID = 1 << 0,   /* written below; a zero cell is a hole */
	CELL_ILLEGAL = 1 << 1, /* RFC "-": cannot happen; logged, ignored */
	CELL_CROSSED = 1 << 2, /* RFC footnote [x]: crossed connection */
	CELL_PASSIVE = 1 << 3, /* cfg.silent: go to Stopped, send nothing */
};

struct cp_cell {
	uint8_t act[CELL_ACT_MAX]; /* enum cp_action, in table order */
	uint8_t next;		   /* enum cp_state */
	uint8_t flags;		   /* enum cell_flag */
};

/* clang-format off */
/* A cell that is only a state number in the RFC: no action. */
#define GO(st) {.next = (st), .flags = CELL_VALID}
/* "actions/state". */
#define DO(st, ...) {.act = {__VA_ARGS__}, .next = (st), .flags = CELL_VALID}
/* "actions/state x": the crossed-connection footnote. */
#define CROSS(st, ...)                                                         \
	{.act = {__VA_ARGS__},                                                 \
	 .next = (st),                                                         \
	 .flags = CELL_VALID | CELL_CROSSED}
/* Active open, or Stopped without action under cfg.silent. */
#define PASSIVE(st, ...)                                                       \
	{.act = {__VA_ARGS__},                                                 \
	 .next = (st),                                                         \
	 .flags = CELL_VALID | CELL_PASSIVE}
/* "-": an illegal transition; the state does not change. */
#define ILLEGAL {.flags = CELL_VALID | CELL_ILLEGAL}

/*
 * RFC 1661 §4.1, one block per state (a column of the RFC table).  Footnotes:
 * [p] (passive, TO- to Stopped) needs nothing beyond the plain cell since
 * Stopped always waits for the peer; [r] (restart on Open) is not
 * implemented: Open in Stopped/Opened keeps the state and Open in Closing
 * moves to Stopping as the base table says; [x] is CELL_CROSSED.  The
 * silent option of §4.2 (Starting/Closed) is CELL_PASSIVE.
 */
static const struct cp_cell cp_table[][CP_EV__COUNT] = {
	[CP_INITIAL] = {
		[CP_EV_UP] = GO(CP_CLOSED),
		[CP_EV_DOWN] = ILLEGAL,
		[CP_EV_OPEN] = DO(CP_STARTING, ACT_TLS),
		[CP_EV_CLOSE] = GO(CP_INITIAL),
		[CP_EV_TO_PLUS] = ILLEGAL,
		[CP_EV_TO_MINUS] = ILLEGAL,
		[CP_EV_RCR_PLUS] = ILLEGAL,
		[CP_EV_RCR_MINUS] = ILLEGAL,
		[CP_EV_RCA] = ILLEGAL,
		[CP_EV_RCN] = ILLEGAL,
		[CP_EV_RTR] = ILLEGAL,
		[CP_EV_RTA] = ILLEGAL,
		[CP_EV_RUC] = ILLEGAL,
		[CP_EV_RXJ_PLUS] = ILLEGAL,
		[CP_EV_RXJ_MINUS] = ILLEGAL,
		[CP_EV_RXR] = ILLEGAL,
	},
	[CP_STARTING] = {
		[CP_EV_UP] = PASSIVE(CP_REQSENT, ACT_IRC, ACT_SCR),
		[CP_EV_DOWN] = ILLEGAL,
		[CP_EV_OPEN] = GO(CP_STARTING),
		[CP_EV_CLOSE] = DO(CP_INITIAL, ACT_TLF),
		[CP_EV_TO_PLUS] = ILLEGAL,
		[CP_EV_TO_MINUS] = ILLEGAL,
		[CP_EV_RCR_PLUS] = ILLEGAL,
		[CP_EV_RCR_MINUS] = ILLEGAL,
		[CP_EV_RCA] = ILLEGAL,
		[CP_EV_RCN] = ILLEGAL,
		[CP_EV_RTR] = ILLEGAL,
		[CP_EV_RTA] = ILLEGAL,
		[CP_EV_RUC] = ILLEGAL,
		[CP_EV_RXJ_PLUS] = ILLEGAL,
		[CP_EV_RXJ_MINUS] = ILLEGAL,
		[CP_EV_RXR] = ILLEGAL,
	},
	[CP_CLOSED] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = GO(CP_INITIAL),
		[CP_EV_OPEN] = PASSIVE(CP_REQSENT, ACT_IRC, ACT_SCR),
		[CP_EV_CLOSE] = GO(CP_CLOSED),
		[CP_EV_TO_PLUS] = ILLEGAL,
		[CP_EV_TO_MINUS] = ILLEGAL,
		[CP_EV_RCR_PLUS] = DO(CP_CLOSED, ACT_STA),
		[CP_EV_RCR_MINUS] = DO(CP_CLOSED, ACT_STA),
		[CP_EV_RCA] = DO(CP_CLOSED, ACT_STA),
		[CP_EV_RCN] = DO(CP_CLOSED, ACT_STA),
		[CP_EV_RTR] = DO(CP_CLOSED, ACT_STA),
		[CP_EV_RTA] = GO(CP_CLOSED),
		[CP_EV_RUC] = DO(CP_CLOSED, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_CLOSED),
		[CP_EV_RXJ_MINUS] = DO(CP_CLOSED, ACT_TLF),
		[CP_EV_RXR] = GO(CP_CLOSED),
	},
	[CP_STOPPED] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = DO(CP_STARTING, ACT_TLS),
		[CP_EV_OPEN] = GO(CP_STOPPED),
		[CP_EV_CLOSE] = GO(CP_CLOSED),
		[CP_EV_TO_PLUS] = ILLEGAL,
		[CP_EV_TO_MINUS] = ILLEGAL,
		[CP_EV_RCR_PLUS] = DO(CP_ACKSENT, ACT_IRC, ACT_SCR, ACT_SCA),
		[CP_EV_RCR_MINUS] = DO(CP_REQSENT, ACT_IRC, ACT_SCR, ACT_SCN),
		[CP_EV_RCA] = DO(CP_STOPPED, ACT_STA),
		[CP_EV_RCN] = DO(CP_STOPPED, ACT_STA),
		[CP_EV_RTR] = DO(CP_STOPPED, ACT_STA),
		[CP_EV_RTA] = GO(CP_STOPPED),
		[CP_EV_RUC] = DO(CP_STOPPED, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_STOPPED),
		[CP_EV_RXJ_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RXR] = GO(CP_STOPPED),
	},
	[CP_CLOSING] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = GO(CP_INITIAL),
		[CP_EV_OPEN] = GO(CP_STOPPING),
		[CP_EV_CLOSE] = GO(CP_CLOSING),
		[CP_EV_TO_PLUS] = DO(CP_CLOSING, ACT_STR),
		[CP_EV_TO_MINUS] = DO(CP_CLOSED, ACT_TLF),
		[CP_EV_RCR_PLUS] = GO(CP_CLOSING),
		[CP_EV_RCR_MINUS] = GO(CP_CLOSING),
		[CP_EV_RCA] = GO(CP_CLOSING),
		[CP_EV_RCN] = GO(CP_CLOSING),
		[CP_EV_RTR] = DO(CP_CLOSING, ACT_STA),
		[CP_EV_RTA] = DO(CP_CLOSED, ACT_TLF),
		[CP_EV_RUC] = DO(CP_CLOSING, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_CLOSING),
		[CP_EV_RXJ_MINUS] = DO(CP_CLOSED, ACT_TLF),
		[CP_EV_RXR] = GO(CP_CLOSING),
	},
	[CP_STOPPING] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = GO(CP_STARTING),
		[CP_EV_OPEN] = GO(CP_STOPPING),
		[CP_EV_CLOSE] = GO(CP_CLOSING),
		[CP_EV_TO_PLUS] = DO(CP_STOPPING, ACT_STR),
		[CP_EV_TO_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RCR_PLUS] = GO(CP_STOPPING),
		[CP_EV_RCR_MINUS] = GO(CP_STOPPING),
		[CP_EV_RCA] = GO(CP_STOPPING),
		[CP_EV_RCN] = GO(CP_STOPPING),
		[CP_EV_RTR] = DO(CP_STOPPING, ACT_STA),
		[CP_EV_RTA] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RUC] = DO(CP_STOPPING, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_STOPPING),
		[CP_EV_RXJ_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RXR] = GO(CP_STOPPING),
	},
	[CP_REQSENT] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = GO(CP_STARTING),
		[CP_EV_OPEN] = GO(CP_REQSENT),
		[CP_EV_CLOSE] = DO(CP_CLOSING, ACT_IRC, ACT_STR),
		[CP_EV_TO_PLUS] = DO(CP_REQSENT, ACT_SCR),
		[CP_EV_TO_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RCR_PLUS] = DO(CP_ACKSENT, ACT_SCA),
		[CP_EV_RCR_MINUS] = DO(CP_REQSENT, ACT_SCN),
		[CP_EV_RCA] = DO(CP_ACKRCVD, ACT_IRC),
		[CP_EV_RCN] = DO(CP_REQSENT, ACT_IRC, ACT_SCR),
		[CP_EV_RTR] = DO(CP_REQSENT, ACT_STA),
		[CP_EV_RTA] = GO(CP_REQSENT),
		[CP_EV_RUC] = DO(CP_REQSENT, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_REQSENT),
		[CP_EV_RXJ_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RXR] = GO(CP_REQSENT),
	},
	[CP_ACKRCVD] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = GO(CP_STARTING),
		[CP_EV_OPEN] = GO(CP_ACKRCVD),
		[CP_EV_CLOSE] = DO(CP_CLOSING, ACT_IRC, ACT_STR),
		[CP_EV_TO_PLUS] = DO(CP_REQSENT, ACT_SCR),
		[CP_EV_TO_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RCR_PLUS] = DO(CP_OPENED, ACT_SCA, ACT_TLU),
		[CP_EV_RCR_MINUS] = DO(CP_ACKRCVD, ACT_SCN),
		[CP_EV_RCA] = CROSS(CP_REQSENT, ACT_SCR),
		[CP_EV_RCN] = CROSS(CP_REQSENT, ACT_SCR),
		[CP_EV_RTR] = DO(CP_REQSENT, ACT_STA),
		[CP_EV_RTA] = GO(CP_REQSENT),
		[CP_EV_RUC] = DO(CP_ACKRCVD, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_REQSENT),
		[CP_EV_RXJ_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RXR] = GO(CP_ACKRCVD),
	},
	[CP_ACKSENT] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = GO(CP_STARTING),
		[CP_EV_OPEN] = GO(CP_ACKSENT),
		[CP_EV_CLOSE] = DO(CP_CLOSING, ACT_IRC, ACT_STR),
		[CP_EV_TO_PLUS] = DO(CP_ACKSENT, ACT_SCR),
		[CP_EV_TO_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RCR_PLUS] = DO(CP_ACKSENT, ACT_SCA),
		[CP_EV_RCR_MINUS] = DO(CP_REQSENT, ACT_SCN),
		[CP_EV_RCA] = DO(CP_OPENED, ACT_IRC, ACT_TLU),
		[CP_EV_RCN] = DO(CP_ACKSENT, ACT_IRC, ACT_SCR),
		[CP_EV_RTR] = DO(CP_REQSENT, ACT_STA),
		[CP_EV_RTA] = GO(CP_ACKSENT),
		[CP_EV_RUC] = DO(CP_ACKSENT, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_ACKSENT),
		[CP_EV_RXJ_MINUS] = DO(CP_STOPPED, ACT_TLF),
		[CP_EV_RXR] = GO(CP_ACKSENT),
	},
	[CP_OPENED] = {
		[CP_EV_UP] = ILLEGAL,
		[CP_EV_DOWN] = DO(CP_STARTING, ACT_TLD),
		[CP_EV_OPEN] = GO(CP_OPENED),
		[CP_EV_CLOSE] = DO(CP_CLOSING, ACT_TLD, ACT_IRC, ACT_STR),
		[CP_EV_TO_PLUS] = ILLEGAL,
		[CP_EV_TO_MINUS] = ILLEGAL,
		[CP_EV_RCR_PLUS] = DO(CP_ACKSENT, ACT_TLD, ACT_SCR, ACT_SCA),
		[CP_EV_RCR_MINUS] = DO(CP_REQSENT, ACT_TLD, ACT_SCR, ACT_SCN),
		[CP_EV_RCA] = CROSS(CP_REQSENT, ACT_TLD, ACT_SCR),
		[CP_EV_RCN] = CROSS(CP_REQSENT, ACT_TLD, ACT_SCR),
		[CP_EV_RTR] = DO(CP_STOPPING, ACT_TLD, ACT_ZRC, ACT_STA),
		[CP_EV_RTA] = DO(CP_REQSENT, ACT_TLD, ACT_SCR),
		[CP_EV_RUC] = DO(CP_OPENED, ACT_SCJ),
		[CP_EV_RXJ_PLUS] = GO(CP_OPENED),
		[CP_EV_RXJ_MINUS] = DO(CP_STOPPING, ACT_TLD, ACT_IRC, ACT_STR),
		[CP_EV_RXR] = DO(CP_OPENED, ACT_SER),
	},
};
/* clang-format on */

_Static_assert(sizeof(cp_table) / sizeof(cp_table[0]) == CP_STATE__COUNT,
	       "cp_table needs one row per RFC 1661 state");

static const char *const cp_state_names[] = {
#define CP_STATE_NAME(e, s) [e] = s,
	CP_STATES(CP_STATE_NAME)
#undef CP_STATE_NAME
};
_Static_assert(sizeof(cp_state_names) / sizeof(cp_state_names[0]) ==
		       CP_STATE__COUNT,
	       "one name per state");

static const char *const cp_event_names[] = {
#define CP_EVENT_NAME(e, s) [e] = s,
	CP_EVENTS(CP_EVENT_NAME)
#undef CP_EVENT_NAME
};
_Static_assert(sizeof(cp_event_names) / sizeof(cp_event_names[0]) ==
		       CP_EV__COUNT,
	       "one name per event");

/*
 * A received packet while its event is dispatched.  sca/scn/sta/scj answer
 * it; a Configure-Request is judged (ops->recv_req) only where the table
 * needs the verdict, which is why the verdict is filled in by the
 * dispatcher rather than before it.
 */
struct cp_rx {
	uint8_t code;
	uint8_t id;
	struct rd pkt;	 /* Code .. Length; padding already cut off */
	struct rd data;	 /* after the header: options, or data */
	bool judge;	 /* Configure-Request, verdict still pending */
	bool judged;	 /* verdict and resp are valid */
	uint8_t verdict; /* CP_CONFACK, CP_CONFNAK or CP_CONFREJ */
	struct wr resp;	 /* Nak'd/Rejected options from recv_req */
	uint8_t resp_buf[CP_PKT_MAX - CP_HDR_LEN];
};

void cp_fsm_cfg_default(struct cp_fsm_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->restart_ms = 2000;
	cfg->max_configure = 10;
	cfg->max_terminate = 2;
	cfg->max_failure = 5;
	cfg->silent = false;
}

const char *cp_state_name(enum cp_state st)
{
	if ((int)st < 0 || st >= CP_STATE__COUNT)
		return "?";
	return cp_state_names[st];
}

const char *cp_event_name(enum cp_event ev)
{
	if ((int)ev < 0 || ev >= CP_EV__COUNT)
		return "?";
	return cp_event_names[ev];
}

const char *cp_fsm_state_name(const struct cp_fsm *fsm)
{
	/* IOS shows a Stopped reached by a passive open as "Listen". */
	if (fsm->state == CP_STOPPED && fsm->listen)
		return "Listen";
	return cp_state_name(fsm->state);
}

uint8_t cp_fsm_next_id(struct cp_fsm *fsm)
{
	return ++fsm->id;
}

/* ---- logging ----------------------------------------------------------- */

static bool is_configure(uint8_t code)
{
	return code >= CP_CONFREQ && code <= CP_CONFREJ;
}

/* "As4 LCP: O CONFREQ [Closed] id 3 len 25", then the options of a
 * Configure-* packet through the protocol's printer. */
static void log_packet(struct cp_fsm *fsm, char dir, uint8_t code, uint8_t id,
		       size_t len, struct rd opts)
{
	const char *name = cp_code_name(code);
	char unknown[16];

	if (!log_debug_on(fsm->log, DBG_PPP_NEGOTIATION))
		return;
	if (!name) {
		snprintf(unknown, sizeof(unknown), "UNKNOWN(%u)", code);
		name = unknown;
	}
	log_printf(fsm->log, LOG_LVL_DEBUG, "%s %s: %c %s [%s] id %u len %zu",
		   fsm->ifname, fsm->name, dir, name, cp_fsm_state_name(fsm),
		   id, len);
	if (is_configure(code) && fsm->ops->print_opts)
		fsm->ops->print_opts(fsm->ctx, code, &opts);
}

static void log_rx(struct cp_fsm *fsm, const struct cp_rx *rx)
{
	log_packet(fsm, 'I', rx->code, rx->id, rd_left(&rx->pkt), rx->data);
}

/* ---- sending ----------------------------------------------------------- */

/* Log, count and hand over one finished packet.  pkt[0..len) starts with
 * the header, whose Length field already says len. */
static void xmit(struct cp_fsm *fsm, const uint8_t *pkt, size_t len)
{
	log_packet(fsm, 'O', pkt[0], pkt[1], len,
		   rd_init(pkt + CP_HDR_LEN, len - CP_HDR_LEN));
	fsm->stats.tx_packets++;
	fsm->ops->send(fsm->ctx, pkt, len);
}

/* Build Code, Identifier, Length and data (truncated to CP_PKT_MAX) and
 * send it. */
static void send_data(struct cp_fsm *fsm, uint8_t code, uint8_t id,
		      struct rd data)
{
	uint8_t buf[CP_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));
	size_t n = rd_left(&data);

	if (n > CP_PKT_MAX - CP_HDR_LEN)
		n = CP_PKT_MAX - CP_HDR_LEN;
	wr_u8(&w, code);
	wr_u8(&w, id);
	wr_u16(&w, (uint16_t)(CP_HDR_LEN + n));
	wr_bytes(&w, data.p, n);
	assert(wr_ok(&w));
	xmit(fsm, buf, w.len);
}

void cp_fsm_send(struct cp_fsm *fsm, uint8_t code, uint8_t id,
		 const uint8_t *data, size_t len)
{
	send_data(fsm, code, id, rd_init(data, len));
}

/* (Re-)arm the Restart timer (RFC 1661 §4.6): after every Configure- or
 * Terminate-Request and after zrc. */
static void restart_arm(struct cp_fsm *fsm)
{
	if (!timer_arm(&fsm->restart, fsm->cfg.restart_ms))
		log_err(fsm->log, "%s %s: cannot arm the restart timer",
			fsm->ifname, fsm->name);
}

/* RFC 1661 §4.6: each Configure- or Terminate-Request sent uses up one
 * transmission; the next expiry is TO+ while some are left. */
static void restart_used(struct cp_fsm *fsm)
{
	if (fsm->restart_count > 0)
		fsm->restart_count--;
	restart_arm(fsm);
}

/* scr: RFC 1661 §4.4 Send-Configure-Request. */
static void act_scr(struct cp_fsm *fsm)
{
	uint8_t buf[CP_PKT_MAX];
	struct wr w;
	size_t len;

	/* A negotiation starts afresh when we were not already negotiating:
	 * the protocol restores what it wants and the Nak loop is forgotten.
	 * Retransmissions and answers to Naks keep the adjusted options. */
	if (fsm->state != CP_REQSENT && fsm->state != CP_ACKRCVD &&
	    fsm->state != CP_ACKSENT) {
		if (fsm->ops->reset)
			fsm->ops->reset(fsm->ctx);
		fsm->naks_sent = 0;
	}
	/* RFC 1661 §5.1 lets a retransmission keep its Identifier, but a
	 * fresh one per request means a late answer to an older copy can
	 * never be taken for an answer to this one. */
	fsm->reqid = cp_fsm_next_id(fsm);
	fsm->reqid_valid = true;
	w = wr_init(buf + CP_HDR_LEN, sizeof(buf) - CP_HDR_LEN);
	fsm->ops->build_req(fsm->ctx, &w);
	if (!wr_ok(&w))
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: Configure-Request options truncated to %zu "
			"octets",
			fsm->ifname, fsm->name, w.len);
	len = CP_HDR_LEN + w.len;
	buf[0] = CP_CONFREQ;
	buf[1] = fsm->reqid;
	buf[2] = (uint8_t)(len >> 8);
	buf[3] = (uint8_t)len;
	xmit(fsm, buf, len);
	restart_used(fsm);
}

/* str: RFC 1661 §4.4 Send-Terminate-Request.  The Data field stays empty,
 * as IOS sends it ("O TERMREQ [Open] id 4 len 4"). */
static void act_str(struct cp_fsm *fsm)
{
	send_data(fsm, CP_TERMREQ, cp_fsm_next_id(fsm), rd_init(NULL, 0));
	restart_used(fsm);
}

/* Reports an answering action raised through cp_fsm_event() without a
 * received packet: there is nothing to answer. */
static bool have_rx(struct cp_fsm *fsm, const struct cp_rx *rx, uint8_t code,
		    const char *what)
{
	if (rx && (code == 0 || rx->code == code))
		return true;
	log_dbg(fsm->log, DBG_PPP_ERROR, "%s %s: no packet to %s, not sent",
		fsm->ifname, fsm->name, what);
	return false;
}

/* sca: the Configure-Ack echoes the request options verbatim (§5.2). */
static void act_sca(struct cp_fsm *fsm, struct cp_rx *rx)
{
	if (!have_rx(fsm, rx, CP_CONFREQ, "Configure-Ack"))
		return;
	fsm->naks_sent = 0;
	send_data(fsm, CP_CONFACK, rx->id, rx->data);
}

/* scn: Configure-Nak or -Reject with the options recv_req wrote (§5.3,
 * §5.4).  Naks are counted for Max-Failure. */
static void act_scn(struct cp_fsm *fsm, struct cp_rx *rx)
{
	if (!have_rx(fsm, rx, CP_CONFREQ, "Configure-Nak/Reject") ||
	    !rx->judged)
		return;
	if (!wr_ok(&rx->resp))
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: %s options truncated to %zu octets",
			fsm->ifname, fsm->name, cp_code_name(rx->verdict),
			rx->resp.len);
	if (rx->verdict == CP_CONFNAK && fsm->naks_sent < INT_MAX)
		fsm->naks_sent++;
	send_data(fsm, rx->verdict, rx->id,
		  rd_init(rx->resp_buf, rx->resp.len));
}

/* sta: Terminate-Ack with the Identifier of the packet it answers (a
 * Terminate-Request, or a Configure-* reaching a closed automaton). */
static void act_sta(struct cp_fsm *fsm, struct cp_rx *rx)
{
	if (!have_rx(fsm, rx, 0, "Terminate-Ack"))
		return;
	send_data(fsm, CP_TERMACK, rx->id, rd_init(NULL, 0));
}

/* scj: Code-Reject carrying the rejected packet from its Code field on
 * (§5.6), truncated by send_data() to fit CP_PKT_MAX; a fresh Identifier
 * for each one. */
static void act_scj(struct cp_fsm *fsm, struct cp_rx *rx)
{
	if (!have_rx(fsm, rx, 0, "Code-Reject"))
		return;
	send_data(fsm, CP_CODEREJ, cp_fsm_next_id(fsm), rx->pkt);
}

/* ---- the dispatcher ---------------------------------------------------- */

static bool cell_has(const struct cp_cell *cell, enum cp_action a)
{
	for (size_t i = 0; i < CELL_ACT_MAX; i++)
		if (cell->act[i] == a)
			return true;
	return false;
}

static void run_action(struct cp_fsm *fsm, const struct cp_cell *cell,
		       enum cp_action a, struct cp_rx *rx)
{
	const struct cp_fsm_ops *ops = fsm->ops;

	switch (a) {
	case ACT_TLU:
		if (ops->up)
			ops->up(fsm->ctx);
		break;
	case ACT_TLD:
		if (ops->down)
			ops->down(fsm->ctx);
		break;
	case ACT_TLS:
		if (ops->started)
			ops->started(fsm->ctx);
		break;
	case ACT_TLF:
		if (ops->finished)
			ops->finished(fsm->ctx);
		break;
	case ACT_IRC:
		/* §4.6: Max-Terminate before a Terminate-Request, Max-Configure
		 * otherwise; the cell says which one follows. */
		fsm->restart_count = cell_has(cell, ACT_STR)
					     ? fsm->cfg.max_terminate
					     : fsm->cfg.max_configure;
		break;
	case ACT_ZRC:
		/* §4.6: with the counter at zero the timer still runs once, so
		 * the peer has a Restart period to see our Terminate-Ack
		 * before the next TO- finishes the layer. */
		fsm->restart_count = 0;
		restart_arm(fsm);
		break;
	case ACT_SCR:
		act_scr(fsm);
		break;
	case ACT_SCA:
		act_sca(fsm, rx);
		break;
	case ACT_SCN:
		act_scn(fsm, rx);
		break;
	case ACT_STR:
		act_str(fsm);
		break;
	case ACT_STA:
		act_sta(fsm, rx);
		break;
	case ACT_SCJ:
		act_scj(fsm, rx);
		break;
	case ACT_SER:
		/* The Echo-Reply was sent by the protocol's recv_extcode
		 * before it raised RXR; the cell only keeps the state. */
		break;
	case ACT_NONE:
		break;
	}
}

/* Index of the first action where the RCR+ and RCR- cells of `st` part
 * ways (the end of the list if only their next states differ), or -1 if
 * they are the same cell: no verdict is needed (Closed answers sta whatever
 * the options, Closing/Stopping ignore, Initial/Starting cannot receive). */
static int rcr_fork(enum cp_state st)
{
	const struct cp_cell *plus = &cp_table[st][CP_EV_RCR_PLUS];
	const struct cp_cell *minus = &cp_table[st][CP_EV_RCR_MINUS];
	int i;

	for (i = 0; i < CELL_ACT_MAX; i++) {
		if (plus->act[i] != minus->act[i])
			return i;
		if (plus->act[i] == ACT_NONE)
			break;
	}
	if (plus->next != minus->next || plus->flags != minus->flags)
		return i;
	return -1;
}

/* Judge a Configure-Request (ops->recv_req) and return the cell of the
 * verdict: RCR+ for an Ack, RCR- for a Nak or Reject. */
static const struct cp_cell *judge(struct cp_fsm *fsm, enum cp_state st,
				   struct cp_rx *rx, enum cp_event *ev)
{
	struct rd opts = rx->data;
	bool reject = fsm->naks_sent >= fsm->cfg.max_failure;

	rx->resp = wr_init(rx->resp_buf, sizeof(rx->resp_buf));
	rx->verdict = fsm->ops->recv_req(fsm->ctx, &opts, &rx->resp, reject);
	assert(rx->verdict == CP_CONFACK || rx->verdict == CP_CONFNAK ||
	       rx->verdict == CP_CONFREJ);
	rx->judged = true;
	rx->judge = false;
	*ev = rx->verdict == CP_CONFACK ? CP_EV_RCR_PLUS : CP_EV_RCR_MINUS;
	return &cp_table[st][*ev];
}

static bool keeps_timer(enum cp_state st)
{
	return st == CP_CLOSING || st == CP_STOPPING || st == CP_REQSENT ||
	       st == CP_ACKRCVD || st == CP_ACKSENT;
}

/* Enter the cell's next state: stop the Restart timer where nothing waits
 * for an answer, and announce Open/Closed/Stopped as IOS does.  The Closed
 * an Up leads to from Initial is not announced: IOS traces go from "Phase
 * is ESTABLISHING" straight to "O CONFREQ [Closed]". */
static void commit(struct cp_fsm *fsm, enum cp_state next, bool listen)
{
	enum cp_state from = fsm->state;

	fsm->state = next;
	fsm->listen = next == CP_STOPPED && listen;
	if (!keeps_timer(next))
		timer_cancel(&fsm->restart);
	if (next != from && from != CP_INITIAL &&
	    (next == CP_OPENED || next == CP_CLOSED || next == CP_STOPPED))
		log_dbg(fsm->log, DBG_PPP_NEGOTIATION, "%s %s: State is %s",
			fsm->ifname, fsm->name, cp_fsm_state_name(fsm));
}

/*
 * Run one event through the table.  The actions run in table order with the
 * old state in place (so "O CONFACK [ACKrcvd]" shows the state the answer
 * was decided in), except that tlu and tlf, which report the state reached
 * and always end their cell, run after the new state is set: the protocol
 * sees cp_fsm_is_open() in its up callback, and "State is Open" precedes
 * whatever the layer above logs, as in IOS traces.
 */
static void dispatch(struct cp_fsm *fsm, enum cp_event ev, struct cp_rx *rx)
{
	const enum cp_state st = fsm->state;
	const struct cp_cell *cell = &cp_table[st][ev];
	int fork = rx && rx->judge ? rcr_fork(st) : -1;
	bool committed = false;

	assert(cell->flags & CELL_VALID);
	/* An ops callback must not feed its own automaton synchronously: a
	 * second cell would run in the middle of the first. */
	assert(!fsm->in_dispatch);
	if (cell->flags & CELL_ILLEGAL) {
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: Illegal event %s in state %s, ignored",
			fsm->ifname, fsm->name,
			rx && rx->judge ? "RCR" : cp_event_name(ev),
			cp_fsm_state_name(fsm));
		return;
	}
	if (cell->flags & CELL_CROSSED)
		/* RFC 1661 §4.3 (RCA): a valid answer after the request was
		 * already answered is a crossed connection; it SHOULD be
		 * logged. */
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: %s in state %s: crossed connection, "
			"renegotiating",
			fsm->ifname, fsm->name, cp_event_name(ev),
			cp_fsm_state_name(fsm));

	fsm->in_dispatch = true;
	if ((cell->flags & CELL_PASSIVE) && fsm->cfg.silent) {
		/* Passive open: wait in Stopped ("Listen") for the peer's
		 * Configure-Request; the Stopped row answers it. */
		commit(fsm, CP_STOPPED, true);
		fsm->in_dispatch = false;
		return;
	}
	for (int i = 0;; i++) {
		enum cp_action a;

		if (i == fork)
			cell = judge(fsm, st, rx, &ev);
		if (i == CELL_ACT_MAX || cell->act[i] == ACT_NONE)
			break;
		a = cell->act[i];
		if (a == ACT_TLU || a == ACT_TLF) {
			if (!committed)
				commit(fsm, cell->next, false);
			committed = true;
		} else {
			/* Only notifications may follow the state change. */
			assert(!committed);
		}
		run_action(fsm, cell, a, rx);
	}
	if (!committed)
		commit(fsm, cell->next, false);
	fsm->in_dispatch = false;
}

void cp_fsm_event(struct cp_fsm *fsm, enum cp_event ev)
{
	assert((int)ev >= 0 && ev < CP_EV__COUNT);
	dispatch(fsm, ev, NULL);
}

void cp_fsm_up(struct cp_fsm *fsm)
{
	dispatch(fsm, CP_EV_UP, NULL);
}

void cp_fsm_down(struct cp_fsm *fsm)
{
	dispatch(fsm, CP_EV_DOWN, NULL);
}

void cp_fsm_open(struct cp_fsm *fsm)
{
	dispatch(fsm, CP_EV_OPEN, NULL);
}

void cp_fsm_close(struct cp_fsm *fsm, const char *reason)
{
	assert(!fsm->in_dispatch);
	if (reason)
		log_dbg(fsm->log, DBG_PPP_NEGOTIATION, "%s %s: Close: %s",
			fsm->ifname, fsm->name, reason);
	dispatch(fsm, CP_EV_CLOSE, NULL);
}

bool cp_fsm_force_open(struct cp_fsm *fsm)
{
	assert(!fsm->in_dispatch);
	if (fsm->state != CP_CLOSED && fsm->state != CP_STOPPED)
		return false;
	timer_cancel(&fsm->restart);
	fsm->restart_count = fsm->cfg.max_configure;
	fsm->reqid_valid = false;
	fsm->naks_sent = 0;
	fsm->state = CP_OPENED;
	fsm->listen = false;
	fsm->in_dispatch = true;
	if (fsm->ops->up)
		fsm->ops->up(fsm->ctx);
	fsm->in_dispatch = false;
	return true;
}

/* Restart timer expiry (RFC 1661 §4.6): TO+ while the counter is above
 * zero, TO- once it is used up. */
static void restart_expired(void *arg)
{
	struct cp_fsm *fsm = arg;

	fsm->stats.timeouts++;
	log_dbg(fsm->log, DBG_PPP_NEGOTIATION, "%s %s: TIMEout: State %s",
		fsm->ifname, fsm->name, cp_fsm_state_name(fsm));
	dispatch(fsm, fsm->restart_count > 0 ? CP_EV_TO_PLUS : CP_EV_TO_MINUS,
		 NULL);
}

/* ---- received packets -------------------------------------------------- */

static void drop_bad(struct cp_fsm *fsm)
{
	fsm->stats.rx_bad++;
}

/* Configure-Ack/Nak/Reject (RFC 1661 §5.2-§5.4): only an answer to our
 * outstanding request counts; the protocol then checks its content where
 * the table will act on it. */
static void input_conf_reply(struct cp_fsm *fsm, struct cp_rx *rx)
{
	const struct cp_fsm_ops *ops = fsm->ops;
	struct rd opts = rx->data;
	bool ok = true;

	if (!fsm->reqid_valid || rx->id != fsm->reqid) {
		drop_bad(fsm);
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: ID %u didn't match %u, discarding packet",
			fsm->ifname, fsm->name, rx->id, fsm->reqid);
		return;
	}
	/* Ack-Rcvd and Opened never get here with a matching Identifier (the
	 * request was answered already), and the other states answer or
	 * ignore the packet without looking at the options. */
	if (fsm->state == CP_REQSENT || fsm->state == CP_ACKSENT) {
		fsm->in_dispatch = true;
		if (rx->code == CP_CONFACK)
			ok = ops->recv_ack(fsm->ctx, &opts);
		else if (rx->code == CP_CONFNAK)
			ok = ops->recv_nak(fsm->ctx, &opts);
		else
			ok = ops->recv_rej(fsm->ctx, &opts);
		fsm->in_dispatch = false;
	}
	if (!ok) {
		drop_bad(fsm);
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: bad %s id %u, discarding packet", fsm->ifname,
			fsm->name, cp_code_name(rx->code), rx->id);
		return;
	}
	/* Answered: a second answer to the same request is discarded. */
	fsm->reqid_valid = false;
	fsm->stats.rx_packets++;
	dispatch(fsm, rx->code == CP_CONFACK ? CP_EV_RCA : CP_EV_RCN, rx);
}

void cp_fsm_input(struct cp_fsm *fsm, const uint8_t *pkt, size_t len)
{
	struct cp_rx rx;
	struct rd r = rd_init(pkt, len);
	uint16_t length;
	uint8_t rejected;

	assert(!fsm->in_dispatch);
	memset(&rx, 0, offsetof(struct cp_rx, resp_buf));
	/* RFC 1661 §5: a packet shorter than its header, or whose Length is
	 * below the header or beyond what arrived, is silently discarded;
	 * octets beyond Length are padding. */
	if (!rd_u8(&r, &rx.code) || !rd_u8(&r, &rx.id) ||
	    !rd_u16(&r, &length)) {
		drop_bad(fsm);
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: packet too short (%zu octets), discarding",
			fsm->ifname, fsm->name, len);
		return;
	}
	if (length < CP_HDR_LEN || length > len) {
		drop_bad(fsm);
		log_dbg(fsm->log, DBG_PPP_ERROR,
			"%s %s: bad length %u (%zu octets received), "
			"discarding packet",
			fsm->ifname, fsm->name, length, len);
		return;
	}
	rx.pkt = rd_init(pkt, length);
	rx.data = rd_init(pkt + CP_HDR_LEN, length - CP_HDR_LEN);

	switch (rx.code) {
	case CP_CONFREQ:
		log_rx(fsm, &rx);
		fsm->stats.rx_packets++;
		rx.judge = true;
		dispatch(fsm, CP_EV_RCR_PLUS, &rx);
		return;
	case CP_CONFACK:
	case CP_CONFNAK:
	case CP_CONFREJ:
		log_rx(fsm, &rx);
		input_conf_reply(fsm, &rx);
		return;
	case CP_TERMREQ:
		log_rx(fsm, &rx);
		fsm->stats.rx_packets++;
		dispatch(fsm, CP_EV_RTR, &rx);
		return;
	case CP_TERMACK:
		log_rx(fsm, &rx);
		fsm->stats.rx_packets++;
		dispatch(fsm, CP_EV_RTA, &rx);
		return;
	case CP_CODEREJ:
		log_rx(fsm, &rx);
		r = rx.data;
		if (!rd_u8(&r, &rejected)) {
			drop_bad(fsm);
			log_dbg(fsm->log, DBG_PPP_ERROR,
				"%s %s: CODEREJ id %u without a rejected "
				"packet, discarding",
				fsm->ifname, fsm->name, rx.id);
			return;
		}
		fsm->stats.rx_packets++;
		/* RFC 1661 §5.6: the automaton cannot work without codes
		 * 1-7 (RXJ-); anything else may simply stop being used. */
		dispatch(fsm,
			 rejected >= CP_CONFREQ && rejected <= CP_CODEREJ
				 ? CP_EV_RXJ_MINUS
				 : CP_EV_RXJ_PLUS,
			 &rx);
		return;
	default:
		break;
	}
	/* Codes the protocol may know (LCP Echo, Protocol-Reject, ...).  Not
	 * under in_dispatch: the protocol may raise RXJ+/RXJ-/RXR on this
	 * automaton from there, and logs these packets itself. */
	if (fsm->ops->recv_extcode) {
		struct rd data = rx.data;

		if (fsm->ops->recv_extcode(fsm->ctx, rx.code, rx.id, &data)) {
			fsm->stats.rx_packets++;
			return;
		}
	}
	log_rx(fsm, &rx);
	fsm->stats.rx_packets++;
	dispatch(fsm, CP_EV_RUC, &rx);
}

/* ---- life cycle -------------------------------------------------------- */

void cp_fsm_init(struct cp_fsm *fsm, const char *name, const char *ifname,
		 uint16_t protocol, const struct cp_fsm_ops *ops, void *ctx,
		 struct timers *ts, const struct logger *log,
		 const struct cp_fsm_cfg *cfg)
{
	/* The automaton cannot negotiate without these; the notifications,
	 * reset, recv_extcode and print_opts may be left NULL. */
	assert(ops && ops->build_req && ops->recv_req && ops->recv_ack &&
	       ops->recv_nak && ops->recv_rej && ops->send);
	memset(fsm, 0, sizeof(*fsm));
	fsm->name = name;
	fsm->ifname = ifname;
	fsm->protocol = protocol;
	fsm->state = CP_INITIAL;
	fsm->ops = ops;
	fsm->ctx = ctx;
	fsm->log = log;
	fsm->cfg = *cfg;
	timer_init(&fsm->restart, ts, restart_expired, fsm);
}

void cp_fsm_set_cfg(struct cp_fsm *fsm, const struct cp_fsm_cfg *cfg)
{
	fsm->cfg = *cfg;
}

void cp_fsm_fini(struct cp_fsm *fsm)
{
	timer_cancel(&fsm->restart);
}
