/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cbcp.c - the Microsoft Callback Control Protocol ([MS-CBCP]): the packet
 * codec (2.2.3, 2.2.4) and both state machines, the answerer (3.2, as IOS
 * 11.3 behaves in seed 001) and the caller (3.1, as Windows and pppd 2.4.9
 * behave).  See cbcp.h for the contract and callback.md §2 for the facts;
 * the debug text lives in cbcp_print.c.
 *
 * Re-entrancy: ops->send may deliver synchronously to a peer that answers
 * at once (a back-to-back test link does), so every state change, timer and
 * stored packet is settled before a packet leaves, and nothing is touched
 * after ops->send or ops->done returns.
 */
#include "cbcp.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cbcp_int.h"
#include "cp_print.h"

#define CBCP_RETRY_MS_DEFAULT 2000   /* [MS-CBCP] 3.1.2, 3.2.2 */
#define CBCP_MAX_REQUESTS_DEFAULT 30 /* a minute for a user typing */
#define CBCP_MAX_TRIES_DEFAULT 10    /* Windows, [MS-CBCP] 6 note <3> */

/* ---- codec --------------------------------------------------------------- */

static int cbcp_err(char *err, size_t err_size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int cbcp_err(char *err, size_t err_size, const char *fmt, ...)
{
	va_list ap;

	if (err && err_size) {
		va_start(ap, fmt);
		vsnprintf(err, err_size, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Address type octet already read; the number runs to its NUL. */
static int cbcp_parse_number(struct rd *body, struct cbcp_addr *addr,
			     unsigned optno, char *err, size_t err_size)
{
	size_t n = 0;
	uint8_t ch;

	for (;;) {
		if (!rd_u8(body, &ch))
			return cbcp_err(err, err_size,
					"option %u: number not NUL-terminated",
					optno);
		if (ch == 0)
			break;
		if (n == CBCP_NUMBER_MAX)
			return cbcp_err(err, err_size,
					"option %u: number longer than %d "
					"octets",
					optno, CBCP_NUMBER_MAX);
		addr->number[n++] = (char)ch;
	}
	addr->number[n] = '\0';
	return 0;
}

/* body: the option after Type and Length ([MS-CBCP] 2.2.3). */
static int cbcp_parse_opt(struct rd *body, uint8_t type, struct cbcp_opt *opt,
			  unsigned optno, char *err, size_t err_size)
{
	memset(opt, 0, sizeof(*opt));
	opt->type = type;
	opt->has_delay = rd_u8(body, &opt->delay_s);
	/* Only types 2 and 4 carry addresses.  An address after a type 3
	 * violates the spec but FreeBSD tolerates it and pppd parses it; we
	 * ignore it.  Unknown types are opaque after the Delay octet. */
	if (type != CBCP_TYPE_USER && type != CBCP_TYPE_LIST)
		return 0;
	while (rd_left(body) > 0) {
		struct cbcp_addr *addr;

		if (opt->naddrs == CBCP_ADDRS_MAX)
			return cbcp_err(err, err_size,
					"option %u: more than %d addresses",
					optno, CBCP_ADDRS_MAX);
		addr = &opt->addrs[opt->naddrs];
		rd_u8(body, &addr->type);
		if (cbcp_parse_number(body, addr, optno, err, err_size) != 0)
			return -1;
		opt->naddrs++;
	}
	return 0;
}

int cbcp_parse(const uint8_t *pkt, size_t len, struct cbcp_pkt *out, char *err,
	       size_t err_size)
{
	struct rd r = rd_init(pkt, len);
	struct rd body;
	uint16_t length;

	memset(out, 0, sizeof(*out));
	if (!rd_u8(&r, &out->code) || !rd_u8(&r, &out->id) ||
	    !rd_u16(&r, &length))
		return cbcp_err(err, err_size, "truncated header (%zu octets)",
				len);
	if (length < CP_HDR_LEN)
		return cbcp_err(err, err_size,
				"length %u shorter than the header", length);
	if (!rd_sub(&r, length - CP_HDR_LEN, &body))
		return cbcp_err(err, err_size,
				"length %u exceeds the %zu octets received",
				length, len);
	/* What is left in r is padding (RFC 1661 §5) and ignored. */
	while (rd_left(&body) > 0) {
		unsigned optno = (unsigned)out->nopts + 1;
		uint8_t type, olen;
		struct rd ob;

		if (out->nopts == CBCP_OPTS_MAX)
			return cbcp_err(err, err_size, "more than %d options",
					CBCP_OPTS_MAX);
		rd_u8(&body, &type);
		if (!rd_u8(&body, &olen))
			return cbcp_err(err, err_size,
					"option %u truncated after its type",
					optno);
		if (olen < 2)
			return cbcp_err(err, err_size,
					"option %u length %u too short", optno,
					olen);
		if (!rd_sub(&body, olen - 2u, &ob))
			return cbcp_err(err, err_size,
					"option %u length %u runs past the "
					"packet",
					optno, olen);
		if (cbcp_parse_opt(&ob, type, &out->opts[out->nopts], optno,
				   err, err_size) != 0)
			return -1;
		out->nopts++;
	}
	return 0;
}

static bool cbcp_write_addrs(struct wr *w, const struct cbcp_opt *opt)
{
	if (opt->naddrs > CBCP_ADDRS_MAX)
		return false;
	for (size_t i = 0; i < opt->naddrs; i++) {
		const struct cbcp_addr *addr = &opt->addrs[i];
		size_t n = strnlen(addr->number, sizeof(addr->number));

		if (n > CBCP_NUMBER_MAX)
			return false;
		wr_u8(w, addr->type);
		wr_bytes(w, addr->number, n);
		wr_u8(w, 0);
	}
	return true;
}

static bool cbcp_write_opt(struct wr *w, uint8_t code,
			   const struct cbcp_opt *opt)
{
	size_t at = wr_mark(w);
	bool valid = true;

	wr_u8(w, opt->type);
	wr_u8(w, 0); /* Length, patched once the option is written */
	switch (opt->type) {
	case CBCP_TYPE_NONE:
		break;
	case CBCP_TYPE_ADMIN:
		wr_u8(w, opt->delay_s);
		break;
	case CBCP_TYPE_USER:
		wr_u8(w, opt->delay_s);
		/* [MS-CBCP] 2.2.4.1: the Request's template is one PSTN
		 * address with an empty number. */
		if (code == CBCP_REQUEST) {
			wr_u8(w, CBCP_ADDR_PSTN);
			wr_u8(w, 0);
		} else {
			valid = cbcp_write_addrs(w, opt);
		}
		break;
	case CBCP_TYPE_LIST:
		wr_u8(w, opt->delay_s);
		valid = cbcp_write_addrs(w, opt);
		break;
	default:
		if (opt->has_delay)
			wr_u8(w, opt->delay_s);
		valid = cbcp_write_addrs(w, opt);
		break;
	}
	/* Four 64-digit addresses make 267 octets: more than Length holds. */
	if (!valid || w->len - at > 255) {
		w->overflow = true;
		return false;
	}
	wr_patch_u8(w, at + 1, (uint8_t)(w->len - at));
	return wr_ok(w);
}

bool cbcp_write(struct wr *w, const struct cbcp_pkt *p)
{
	size_t at = wr_mark(w);

	if (p->nopts > CBCP_OPTS_MAX) {
		w->overflow = true;
		return false;
	}
	wr_u8(w, p->code);
	wr_u8(w, p->id);
	wr_u16(w, 0); /* Length, patched below */
	for (size_t i = 0; i < p->nopts; i++)
		if (!cbcp_write_opt(w, p->code, &p->opts[i]))
			return false;
	wr_patch_u16(w, at + 2, (uint16_t)(w->len - at));
	return wr_ok(w);
}

/* ---- shared state-machine helpers ---------------------------------------- */

static void cbcp_mcb(const struct cbcp *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One "As4 MCB: ..." debug line. */
static void cbcp_mcb(const struct cbcp *c, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	if (!cbcp_debug_on(c->log))
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	log_printf(c->log, LOG_LVL_DEBUG, "%s MCB: %s", c->ifshort, text);
}

static void cbcp_bad(const struct cbcp *c, const char *reason)
{
	log_dbg(c->log, DBG_PPP_ERROR, "%s MCB: bad packet: %s", c->ifshort,
		reason);
}

static void cbcp_send(struct cbcp *c, const uint8_t *pkt, size_t len)
{
	cbcp_print(c->log, c->ifname, c->ifshort, true, pkt, len);
	c->ops->send(c->ctx, pkt, len);
}

static void cbcp_report(struct cbcp *c)
{
	if (c->done_reported)
		return;
	c->done_reported = true;
	c->ops->done(c->ctx, &c->result);
}

static void cbcp_fail(struct cbcp *c, const char *reason)
{
	timer_cancel(&c->timer);
	c->state = CBCP_ST_FAILED;
	c->asking = false;
	memset(&c->result, 0, sizeof(c->result));
	c->result.reason = reason;
	cbcp_mcb(c, "Callback negotiation failed: %s", reason);
	cbcp_report(c);
}

/* Fill c->result from an agreed option. */
static void cbcp_set_result(struct cbcp *c, const struct cbcp_opt *opt)
{
	memset(&c->result, 0, sizeof(c->result));
	c->result.ok = true;
	c->result.reason = "callback negotiated";
	c->result.type = opt->type;
	c->result.delay_s = opt->has_delay ? opt->delay_s : 0;
	if (opt->type == CBCP_TYPE_USER && opt->naddrs > 0)
		snprintf(c->result.number, sizeof(c->result.number), "%s",
			 opt->addrs[0].number);
}

/* The types a packet lists, a bit per type (1 << CBCP_TYPE_USER ...). */
static unsigned cbcp_offer_mask(const struct cbcp_pkt *p)
{
	unsigned mask = 0;

	for (size_t i = 0; i < p->nopts; i++)
		if (p->opts[i].type < 32)
			mask |= 1u << p->opts[i].type;
	return mask;
}

/* The header is readable and its Length fits what arrived: the Code and
 * Identifier can be trusted even if an option is malformed. */
static bool cbcp_header_sane(const uint8_t *pkt, size_t len)
{
	struct rd r = rd_init(pkt, len);
	uint8_t code, id;
	uint16_t length;

	return rd_u8(&r, &code) && rd_u8(&r, &id) && rd_u16(&r, &length) &&
	       length >= CP_HDR_LEN && length <= len;
}

/* ---- answerer (server), [MS-CBCP] 3.2 ------------------------------------ */

static unsigned cbcp_server_offer(const struct cbcp *c)
{
	return (c->scfg.offer_none ? 1u << CBCP_TYPE_NONE : 0) |
	       (c->scfg.offer_user ? 1u << CBCP_TYPE_USER : 0) |
	       (c->scfg.offer_admin ? 1u << CBCP_TYPE_ADMIN : 0);
}

/* A new Request with a new Identifier ([MS-CBCP] 2.2.4.1), first or
 * retransmitted: one option per allowed type, Delay 0.  The timer restarts
 * so the caller gets a full period to answer this Request. */
static void cbcp_server_send_request(struct cbcp *c)
{
	static const uint8_t types[] = {CBCP_TYPE_NONE, CBCP_TYPE_USER,
					CBCP_TYPE_ADMIN};
	struct cbcp_pkt p = {.code = CBCP_REQUEST, .id = c->next_id++};
	uint8_t buf[CBCP_ONE_OPT_PKT_MAX];
	struct wr w = wr_init(buf, sizeof(buf));
	unsigned offer = cbcp_server_offer(c);

	for (size_t i = 0; i < sizeof(types); i++) {
		if (!(offer & 1u << types[i]))
			continue;
		p.opts[p.nopts].type = types[i];
		p.opts[p.nopts].has_delay = types[i] != CBCP_TYPE_NONE;
		p.nopts++;
	}
	/* At most three short options: it always fits. */
	if (!cbcp_write(&w, &p))
		assert(!"CBCP Request does not fit");
	c->last_req_id = p.id;
	c->tries++;
	c->state = CBCP_ST_WAIT_RESPONSE;
	timer_arm(&c->timer, c->scfg.retry_ms);
	cbcp_send(c, buf, w.len);
}

static void cbcp_server_start(struct cbcp *c)
{
	char user[sizeof(c->scfg.user)];
	const char *number = "none";

	/* IOS prints "Client ANY" when the caller names the number (seed
	 * 001).  Its wording for a preset number and for "no callback only"
	 * is not public: we print the number and "none". */
	if (c->scfg.offer_user)
		number = "Client ANY";
	else if (c->scfg.offer_admin)
		number = c->scfg.admin_number;
	cp_print_name(user, sizeof(user), (const uint8_t *)c->scfg.user,
		      strlen(c->scfg.user));
	cbcp_mcb(c, "User %s Callback Number - %s", user, number);
	if (cbcp_server_offer(c) == 0) {
		cbcp_fail(c, "no callback type to offer");
		return;
	}
	cbcp_server_send_request(c);
}

static void cbcp_server_timeout(struct cbcp *c)
{
	if (c->state != CBCP_ST_WAIT_RESPONSE)
		return;
	cbcp_mcb(c, "Timeout in state %s", cbcp_state_name(c->state));
	if (c->tries >= c->scfg.max_requests) {
		cbcp_fail(c, "no response from the peer");
		return;
	}
	cbcp_server_send_request(c);
}

/* Why an otherwise well-formed Response cannot be accepted, or NULL.
 * [MS-CBCP] 3.2.5.3: the type must be one we offered. */
static const char *cbcp_server_refusal(const struct cbcp *c,
				       const struct cbcp_opt *opt, char *buf,
				       size_t size)
{
	const struct cbcp_addr *addr = &opt->addrs[0];

	if (opt->type >= 32 || !(cbcp_server_offer(c) & 1u << opt->type)) {
		snprintf(buf, size, "callback type %u (%s) not offered",
			 opt->type, cbcp_type_name(opt->type));
		return buf;
	}
	if (opt->type != CBCP_TYPE_USER)
		return NULL;
	if (opt->naddrs == 0 || addr->number[0] == '\0')
		return "no callback number";
	if (addr->type != CBCP_ADDR_PSTN) {
		snprintf(buf, size, "address type %u not supported",
			 addr->type);
		return buf;
	}
	/* The number becomes a dial string (chat's \T): control characters
	 * have no business there or in a log line. */
	for (const char *s = addr->number; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return "callback number has non-printable characters";
	return NULL;
}

/* A valid Response: Ack it with its option echoed as received ([MS-CBCP]
 * 2.2.4.3, 3.2.5.3), Identifier per ack_id. */
static void cbcp_server_accept(struct cbcp *c, const struct cbcp_pkt *resp,
			       struct rd raw_opt)
{
	struct wr w = wr_init(c->ack_pkt, sizeof(c->ack_pkt));
	uint8_t ack_id;

	if (c->scfg.ack_id == CBCP_ACKID_ECHO)
		ack_id = resp->id;
	else
		ack_id = c->next_id++; /* IOS: Response 25, Ack 26 */
	wr_u8(&w, CBCP_ACK);
	wr_u8(&w, ack_id);
	wr_u16(&w, (uint16_t)(CP_HDR_LEN + rd_left(&raw_opt)));
	wr_bytes(&w, raw_opt.p, rd_left(&raw_opt));
	/* One option of at most 255 octets: ack_pkt is sized for it. */
	assert(wr_ok(&w));
	c->ack_len = w.len;
	c->acked_resp_id = resp->id;
	cbcp_set_result(c, &resp->opts[0]);
	if (resp->opts[0].type == CBCP_TYPE_ADMIN)
		snprintf(c->result.number, sizeof(c->result.number), "%s",
			 c->scfg.admin_number);
	timer_cancel(&c->timer);
	c->state = CBCP_ST_DONE;
	cbcp_send(c, c->ack_pkt, c->ack_len);
	cbcp_mcb(c, "Negotiated MCB with peer");
	cbcp_report(c);
}

/* A parsed Response carrying the Identifier of our last Request. */
static void cbcp_server_check(struct cbcp *c, const struct cbcp_pkt *resp,
			      const uint8_t *pkt, size_t len)
{
	struct rd r = rd_init(pkt, len);
	struct rd raw_opt = rd_init(NULL, 0);
	struct rd peek;
	uint8_t olen = 0;
	const char *why;
	char buf[80];

	if (resp->nopts != 1) {
		/* [MS-CBCP] 2.2.4.2: exactly one option, the chosen one. */
		snprintf(buf, sizeof(buf),
			 "response carries %zu options, not one", resp->nopts);
		cbcp_bad(c, buf);
		cbcp_server_send_request(c);
		return;
	}
	/* Parsed with one option: it starts right after the header. */
	rd_skip(&r, CP_HDR_LEN);
	peek = r;
	rd_skip(&peek, 1);
	rd_u8(&peek, &olen);
	if (!rd_sub(&r, olen, &raw_opt))
		assert(!"parsed option not where the parser found it");
	cbcp_print_response(c->log, c->ifshort, &resp->opts[0], olen);
	why = cbcp_server_refusal(c, &resp->opts[0], buf, sizeof(buf));
	if (why) {
		cbcp_mcb(c, "Response refused: %s", why);
		cbcp_server_send_request(c);
		return;
	}
	cbcp_server_accept(c, resp, raw_opt);
}

static void cbcp_server_input(struct cbcp *c, const uint8_t *pkt, size_t len)
{
	struct cbcp_pkt p;
	char err[96];
	bool parsed = cbcp_parse(pkt, len, &p, err, sizeof(err)) == 0;
	struct rd r = rd_init(pkt, len);
	uint8_t code = 0, id = 0;
	bool is_resp =
		rd_u8(&r, &code) && rd_u8(&r, &id) && code == CBCP_RESPONSE;

	if (!is_resp || c->state != CBCP_ST_WAIT_RESPONSE) {
		if (!parsed) {
			cbcp_bad(c, err);
			return;
		}
		if (p.code == CBCP_REQUEST || p.code == CBCP_ACK) {
			cbcp_mcb(c, "%s ignored: the peer must answer, not ask",
				 cbcp_code_name(p.code));
			return;
		}
		if (p.code != CBCP_RESPONSE) {
			cbcp_mcb(c, "Unknown code %u ignored", p.code);
			return;
		}
		if (c->state != CBCP_ST_DONE)
			return;
		cbcp_mcb(c, "Received response");
		/* The caller lost our Ack and repeats its Response. */
		if (p.id == c->acked_resp_id ||
		    p.id == (uint8_t)(c->ack_pkt[1] - 1)) {
			cbcp_mcb(c, "Ack lost, sending it again");
			cbcp_send(c, c->ack_pkt, c->ack_len);
		} else {
			cbcp_mcb(c, "Resp ignored. ID Expected %u, got id %u",
				 c->acked_resp_id, p.id);
		}
		return;
	}
	cbcp_mcb(c, "Received response");
	/* [MS-CBCP] 3.2.5.3: a Response to an older Request is dropped (seed
	 * 001: "Resp ignored. ID Expected 24, got id 20"). */
	if (id != c->last_req_id) {
		if (!parsed)
			cbcp_bad(c, err);
		cbcp_mcb(c, "Resp ignored. ID Expected %u, got id %u",
			 c->last_req_id, id);
		return;
	}
	if (!parsed) {
		/* A malformed answer to our Request: ask again at once. */
		cbcp_bad(c, err);
		cbcp_server_send_request(c);
		return;
	}
	cbcp_server_check(c, &p, pkt, len);
}

/* ---- caller (client), [MS-CBCP] 3.1 -------------------------------------- */

/* The type to answer an offer with, or a reason to give up. */
static const char *cbcp_client_choose(const struct cbcp *c, unsigned offer,
				      uint8_t *type)
{
	const struct cbcp_client_cfg *cfg = &c->ccfg;
	bool want_none = cfg->mode == CBCP_CLIENT_NO ||
			 (cfg->mode == CBCP_CLIENT_ASK && !cfg->number[0]);

	if (want_none) {
		if (!(offer & 1u << CBCP_TYPE_NONE))
			return "the server requires callback";
		*type = CBCP_TYPE_NONE;
		return NULL;
	}
	/* Our own number first, then the server's, then none (pppd's order,
	 * callback.md §8). */
	if (cfg->number[0] && (offer & 1u << CBCP_TYPE_USER))
		*type = CBCP_TYPE_USER;
	else if (cfg->accept_admin && (offer & 1u << CBCP_TYPE_ADMIN))
		*type = CBCP_TYPE_ADMIN;
	else if (offer & 1u << CBCP_TYPE_NONE)
		*type = CBCP_TYPE_NONE;
	else
		return "no acceptable callback type offered";
	return NULL;
}

/* Answer Request `id` ([MS-CBCP] 2.2.4.2: same Identifier, one option). */
static void cbcp_client_respond(struct cbcp *c, uint8_t id, unsigned offer)
{
	struct cbcp_pkt p = {.code = CBCP_RESPONSE, .id = id, .nopts = 1};
	struct cbcp_opt *opt = &p.opts[0];
	struct wr w = wr_init(c->resp_pkt, sizeof(c->resp_pkt));
	const char *why;
	uint8_t type = 0;

	why = cbcp_client_choose(c, offer, &type);
	if (why) {
		cbcp_fail(c, why);
		return;
	}
	opt->type = type;
	opt->has_delay = type != CBCP_TYPE_NONE;
	opt->delay_s = c->ccfg.delay_s;
	if (type == CBCP_TYPE_USER) {
		opt->naddrs = 1;
		opt->addrs[0].type = CBCP_ADDR_PSTN;
		memcpy(opt->addrs[0].number, c->ccfg.number,
		       sizeof(opt->addrs[0].number));
	}
	/* The number is at most CBCP_NUMBER_MAX (init and answer check):
	 * resp_pkt holds the largest Response. */
	if (!cbcp_write(&w, &p))
		assert(!"CBCP Response does not fit");
	c->resp_len = w.len;
	c->last_req_id = id;
	c->tries = 1;
	c->state = CBCP_ST_WAIT_ACK;
	if (c->ccfg.retransmit)
		timer_arm(&c->timer, c->ccfg.retry_ms);
	cbcp_send(c, c->resp_pkt, c->resp_len);
}

/* Usable: an option we could have sent, with its number for type 2. */
static bool cbcp_ack_opt_usable(const struct cbcp_pkt *ack)
{
	const struct cbcp_opt *opt = &ack->opts[0];

	if (ack->nopts == 0)
		return false;
	if (opt->type == CBCP_TYPE_USER)
		return opt->naddrs > 0 && opt->addrs[0].number[0] != '\0';
	return opt->type == CBCP_TYPE_NONE || opt->type == CBCP_TYPE_ADMIN;
}

/* The Ack ends CBCP.  Its Identifier may differ from our Response's (IOS
 * sends the next counter value): pppd, FreeBSD and Windows all accept it
 * (callback.md §2.6 finding 7).  ack NULL: its option was malformed, so the
 * result is what we sent. */
static void cbcp_client_acked(struct cbcp *c, const struct cbcp_pkt *ack,
			      uint8_t ack_id)
{
	struct cbcp_pkt sent;
	const struct cbcp_opt *opt;

	if (ack && cbcp_ack_opt_usable(ack)) {
		opt = &ack->opts[0];
	} else {
		/* resp_pkt was built by cbcp_write: it parses. */
		if (cbcp_parse(c->resp_pkt, c->resp_len, &sent, NULL, 0) != 0)
			assert(!"our own Response does not parse");
		opt = &sent.opts[0];
	}
	if (ack_id != c->last_req_id)
		log_dbg(c->log, DBG_PPP_CBCP,
			"%s MCB: Ack Id %u does not match Response Id %u, "
			"accepted",
			c->ifshort, ack_id, c->last_req_id);
	cbcp_set_result(c, opt);
	timer_cancel(&c->timer);
	c->state = CBCP_ST_DONE;
	cbcp_mcb(c, "Negotiated MCB with peer");
	cbcp_report(c);
}

static void cbcp_client_request(struct cbcp *c, const struct cbcp_pkt *req)
{
	unsigned offer = cbcp_offer_mask(req);

	if (c->state != CBCP_ST_WAIT_REQUEST && c->state != CBCP_ST_WAIT_ACK) {
		cbcp_mcb(c, "Request ignored in state %s",
			 cbcp_state_name(c->state));
		return;
	}
	if (req->nopts == 0) {
		/* [MS-CBCP] 2.2.4.1: a Request MUST carry an option. */
		cbcp_bad(c, "request carries no option");
		return;
	}
	if (c->asking) {
		/* Windows leaves the Requests that arrive while its dialog
		 * is open unanswered (seed 001: ids 21-24). */
		cbcp_mcb(c, "Request Id %u not answered: waiting for the user",
			 req->id);
		return;
	}
	if (!c->have_answer) {
		c->asking = true;
		c->ask_id = req->id;
		c->offered = offer;
		cbcp_mcb(c, "Asking the user for a callback number");
		/* May answer from inside: everything is settled. */
		c->ops->ask(c->ctx, offer);
		return;
	}
	c->offered = offer;
	cbcp_client_respond(c, req->id, offer);
}

static void cbcp_client_input(struct cbcp *c, const uint8_t *pkt, size_t len)
{
	struct cbcp_pkt p;
	char err[96];
	struct rd r = rd_init(pkt, len);
	uint8_t code = 0, id = 0;

	if (cbcp_parse(pkt, len, &p, err, sizeof(err)) != 0) {
		cbcp_bad(c, err);
		/* An Ack whose header is sound but whose option is not still
		 * ends CBCP: the server has accepted our Response. */
		if (c->state == CBCP_ST_WAIT_ACK &&
		    cbcp_header_sane(pkt, len) && rd_u8(&r, &code) &&
		    rd_u8(&r, &id) && code == CBCP_ACK)
			cbcp_client_acked(c, NULL, id);
		return;
	}
	switch (p.code) {
	case CBCP_REQUEST:
		cbcp_client_request(c, &p);
		break;
	case CBCP_ACK:
		if (c->state != CBCP_ST_WAIT_ACK) {
			cbcp_mcb(c, "Ack ignored in state %s",
				 cbcp_state_name(c->state));
			break;
		}
		cbcp_client_acked(c, &p, p.id);
		break;
	case CBCP_RESPONSE:
		cbcp_mcb(c, "Response ignored: the peer must ask, not answer");
		break;
	default:
		cbcp_mcb(c, "Unknown code %u ignored", p.code);
		break;
	}
}

static void cbcp_client_timeout(struct cbcp *c)
{
	if (c->state != CBCP_ST_WAIT_ACK)
		return;
	cbcp_mcb(c, "Timeout in state %s", cbcp_state_name(c->state));
	if (c->tries >= c->ccfg.max_tries) {
		cbcp_fail(c, "no Ack from the server");
		return;
	}
	c->tries++;
	timer_arm(&c->timer, c->ccfg.retry_ms);
	cbcp_send(c, c->resp_pkt, c->resp_len);
}

/* ---- public entry points ------------------------------------------------- */

static void cbcp_timeout(void *arg)
{
	struct cbcp *c = arg;

	if (c->role == CBCP_ROLE_SERVER)
		cbcp_server_timeout(c);
	else
		cbcp_client_timeout(c);
}

void cbcp_init(struct cbcp *c, enum cbcp_role role, const char *ifname,
	       const char *ifshort, const struct cbcp_server_cfg *scfg,
	       const struct cbcp_client_cfg *ccfg, const struct cbcp_ops *ops,
	       void *ctx, struct timers *ts, const struct logger *log)
{
	assert(ops && ops->send && ops->done);
	memset(c, 0, sizeof(*c));
	c->role = role;
	c->state = CBCP_ST_IDLE;
	c->ops = ops;
	c->ctx = ctx;
	c->log = log;
	snprintf(c->ifname, sizeof(c->ifname), "%s", ifname);
	snprintf(c->ifshort, sizeof(c->ifshort), "%s", ifshort);
	if (role == CBCP_ROLE_SERVER) {
		assert(scfg);
		c->scfg = *scfg;
		/* The strings are copied from the owner's arrays: make sure
		 * they end inside them. */
		c->scfg.admin_number[CBCP_NUMBER_MAX] = '\0';
		c->scfg.user[sizeof(c->scfg.user) - 1] = '\0';
		if (!c->scfg.retry_ms)
			c->scfg.retry_ms = CBCP_RETRY_MS_DEFAULT;
		if (!c->scfg.max_requests)
			c->scfg.max_requests = CBCP_MAX_REQUESTS_DEFAULT;
		c->next_id = scfg->first_id;
	} else {
		assert(ccfg);
		assert(ccfg->mode != CBCP_CLIENT_ASK || ops->ask);
		c->ccfg = *ccfg;
		c->ccfg.number[CBCP_NUMBER_MAX] = '\0';
		if (!c->ccfg.retry_ms)
			c->ccfg.retry_ms = CBCP_RETRY_MS_DEFAULT;
		if (!c->ccfg.max_tries)
			c->ccfg.max_tries = CBCP_MAX_TRIES_DEFAULT;
	}
	timer_init(&c->timer, ts, cbcp_timeout, c);
}

void cbcp_start(struct cbcp *c)
{
	timer_cancel(&c->timer);
	c->tries = 0;
	c->done_reported = false;
	c->asking = false;
	c->ack_len = 0;
	c->resp_len = 0;
	c->offered = 0;
	memset(&c->result, 0, sizeof(c->result));
	if (c->role == CBCP_ROLE_SERVER) {
		cbcp_server_start(c);
		return;
	}
	/* The answerer drives: no timer until we have sent a Response
	 * ([MS-CBCP] 3.1). */
	c->have_answer = c->ccfg.mode != CBCP_CLIENT_ASK;
	c->state = CBCP_ST_WAIT_REQUEST;
}

void cbcp_input(struct cbcp *c, const uint8_t *pkt, size_t len)
{
	if (c->state == CBCP_ST_IDLE)
		return;
	cbcp_print(c->log, c->ifname, c->ifshort, false, pkt, len);
	if (c->role == CBCP_ROLE_SERVER)
		cbcp_server_input(c, pkt, len);
	else
		cbcp_client_input(c, pkt, len);
}

void cbcp_client_answer(struct cbcp *c, const char *number)
{
	size_t n = number ? strnlen(number, CBCP_NUMBER_MAX + 1) : 0;

	if (c->role != CBCP_ROLE_CLIENT || !c->asking)
		return;
	c->asking = false;
	if (n > CBCP_NUMBER_MAX) {
		cbcp_fail(c, "callback number too long");
		return;
	}
	memcpy(c->ccfg.number, number ? number : "", n);
	c->ccfg.number[n] = '\0';
	c->have_answer = true;
	cbcp_mcb(c, "User answered: %s", n ? "callback" : "no callback");
	cbcp_client_respond(c, c->ask_id, c->offered);
}

void cbcp_stop(struct cbcp *c)
{
	timer_cancel(&c->timer);
	c->state = CBCP_ST_IDLE;
	c->asking = false;
}

uint8_t cbcp_next_id(const struct cbcp *c)
{
	return c->next_id;
}
