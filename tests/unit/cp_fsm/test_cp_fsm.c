/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for cp_fsm: every cell of the RFC 1661 §4.1 state transition
 * table, driven through the public API, checked against a table written
 * here independently of the implementation's (transcribed from the RFC,
 * events x states as the RFC prints it); and the name tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cp_fsm.h"
#include "fake_log.h"
#include "fake_proto.h"
#include "fixture.h"
#include "ppp_defs.h"
#include "timer.h"

/*
 * RFC 1661 §4.1.  "-" is an illegal transition (logged, ignored), a bare
 * number is "no action, go to that state".  The footnotes ([p], [r], [x])
 * do not change the actions and are left out.
 */
/* clang-format off */
static const char *const rfc_table[CP_EV__COUNT][CP_STATE__COUNT] = {
	/*	 Initial       Starting       Closed         Stopped
	 *	 Closing       Stopping       Req-Sent       Ack-Rcvd
	 *	 Ack-Sent      Opened */
	[CP_EV_UP] = {
		"2",           "irc,scr/6",   "-",           "-",
		"-",           "-",           "-",           "-",
		"-",           "-"
	},
	[CP_EV_DOWN] = {
		"-",           "-",           "0",           "tls/1",
		"0",           "1",           "1",           "1",
		"1",           "tld/1"
	},
	[CP_EV_OPEN] = {
		"tls/1",       "1",           "irc,scr/6",   "3",
		"5",           "5",           "6",           "7",
		"8",           "9"
	},
	[CP_EV_CLOSE] = {
		"0",           "tlf/0",       "2",           "2",
		"4",           "4",           "irc,str/4",   "irc,str/4",
		"irc,str/4",   "tld,irc,str/4"
	},
	[CP_EV_TO_PLUS] = {
		"-",           "-",           "-",           "-",
		"str/4",       "str/5",       "scr/6",       "scr/6",
		"scr/8",       "-"
	},
	[CP_EV_TO_MINUS] = {
		"-",           "-",           "-",           "-",
		"tlf/2",       "tlf/3",       "tlf/3",       "tlf/3",
		"tlf/3",       "-"
	},
	[CP_EV_RCR_PLUS] = {
		"-",           "-",           "sta/2",       "irc,scr,sca/8",
		"4",           "5",           "sca/8",       "sca,tlu/9",
		"sca/8",       "tld,scr,sca/8"
	},
	[CP_EV_RCR_MINUS] = {
		"-",           "-",           "sta/2",       "irc,scr,scn/6",
		"4",           "5",           "scn/6",       "scn/7",
		"scn/6",       "tld,scr,scn/6"
	},
	[CP_EV_RCA] = {
		"-",           "-",           "sta/2",       "sta/3",
		"4",           "5",           "irc/7",       "scr/6",
		"irc,tlu/9",   "tld,scr/6"
	},
	[CP_EV_RCN] = {
		"-",           "-",           "sta/2",       "sta/3",
		"4",           "5",           "irc,scr/6",   "scr/6",
		"irc,scr/8",   "tld,scr/6"
	},
	[CP_EV_RTR] = {
		"-",           "-",           "sta/2",       "sta/3",
		"sta/4",       "sta/5",       "sta/6",       "sta/6",
		"sta/6",       "tld,zrc,sta/5"
	},
	[CP_EV_RTA] = {
		"-",           "-",           "2",           "3",
		"tlf/2",       "tlf/3",       "6",           "6",
		"8",           "tld,scr/6"
	},
	[CP_EV_RUC] = {
		"-",           "-",           "scj/2",       "scj/3",
		"scj/4",       "scj/5",       "scj/6",       "scj/7",
		"scj/8",       "scj/9"
	},
	[CP_EV_RXJ_PLUS] = {
		"-",           "-",           "2",           "3",
		"4",           "5",           "6",           "6",
		"8",           "9"
	},
	[CP_EV_RXJ_MINUS] = {
		"-",           "-",           "tlf/2",       "tlf/3",
		"tlf/2",       "tlf/3",       "tlf/3",       "tlf/3",
		"tlf/3",       "tld,irc,str/5"
	},
	[CP_EV_RXR] = {
		"-",           "-",           "2",           "3",
		"4",           "5",           "6",           "7",
		"8",           "ser/9"
	},
};
/* clang-format on */
/* What the table test observed for one cell. */
struct expect {
	bool illegal;
	enum cp_state next;
	char actions[64]; /* as written in the RFC cell */
	char visible[64]; /* without irc, zrc, ser (no callback shows them) */
};

static void parse_cell(const char *cell, enum cp_state st, struct expect *e)
{
	const char *slash = strchr(cell, '/');
	char buf[64];
	char *tok, *save = NULL;

	memset(e, 0, sizeof(*e));
	if (strcmp(cell, "-") == 0) {
		e->illegal = true;
		e->next = st;
		return;
	}
	if (!slash) {
		e->next = (enum cp_state)atoi(cell);
		return;
	}
	e->next = (enum cp_state)atoi(slash + 1);
	snprintf(e->actions, sizeof(e->actions), "%.*s", (int)(slash - cell),
		 cell);
	snprintf(buf, sizeof(buf), "%s", e->actions);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "irc") || !strcmp(tok, "zrc") ||
		    !strcmp(tok, "ser"))
			continue;
		size_t o = strlen(e->visible);
		snprintf(e->visible + o, sizeof(e->visible) - o, "%s%s",
			 o ? "," : "", tok);
	}
}

static bool has_action(const struct expect *e, const char *a)
{
	char buf[64];
	char *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", e->actions);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!strcmp(tok, a))
			return true;
	return false;
}

/* Raise `ev` the way the outside world would.  Returns true when a packet
 * was fed (its copy is in fx->rx). */
static bool raise_event(struct fx *fx, enum cp_event ev, bool variant)
{
	static const uint8_t rej_echo[] = {CP_ECHOREQ, 0x11, 0, 8, 1, 2, 3, 4};
	static const uint8_t rej_conf[] = {CP_CONFREQ, 0x22, 0, 4};
	static const uint8_t junk[] = {1, 2, 3};
	struct cp_fsm *fsm = fsm_of(fx);
	bool timed = timer_armed(&fsm->restart);
	bool answered = fsm->state == CP_ACKRCVD || fsm->state == CP_OPENED;

	switch (ev) {
	case CP_EV_UP:
		cp_fsm_up(fsm);
		return false;
	case CP_EV_DOWN:
		cp_fsm_down(fsm);
		return false;
	case CP_EV_OPEN:
		cp_fsm_open(fsm);
		return false;
	case CP_EV_CLOSE:
		cp_fsm_close(fsm, NULL);
		return false;
	case CP_EV_TO_PLUS:
	case CP_EV_TO_MINUS:
		/* The timer only runs where the RFC has a cell for it; the
		 * illegal cells are reached with cp_fsm_event(). */
		if (!timed) {
			cp_fsm_event(fsm, ev);
			return false;
		}
		assert_true((fsm->restart_count > 0) == (ev == CP_EV_TO_PLUS));
		tick(fx);
		return false;
	case CP_EV_RCR_PLUS:
		feed_confreq(fx, CP_CONFACK);
		return true;
	case CP_EV_RCR_MINUS:
		feed_confreq(fx, variant ? CP_CONFREJ : CP_CONFNAK);
		return true;
	case CP_EV_RCA:
	case CP_EV_RCN:
		/* In Ack-Rcvd and Opened our request has been answered, so a
		 * further answer is discarded as a duplicate (§4.3 RCA): the
		 * crossed-connection cells are only reachable as events. */
		if (answered) {
			assert_false(fsm->reqid_valid);
			cp_fsm_event(fsm, ev);
			return false;
		}
		assert_true(fsm->reqid_valid);
		feed_reply(fx, ev == CP_EV_RCA
				       ? CP_CONFACK
				       : (variant ? CP_CONFREJ : CP_CONFNAK));
		return true;
	case CP_EV_RTR:
		feed(fx, CP_TERMREQ, 0x60, junk, sizeof(junk));
		return true;
	case CP_EV_RTA:
		feed(fx, CP_TERMACK, 0x61, NULL, 0);
		return true;
	case CP_EV_RUC:
		feed(fx, 0x2a, 0x62, junk, sizeof(junk));
		return true;
	case CP_EV_RXJ_PLUS:
	case CP_EV_RXJ_MINUS:
		if (variant) {
			cp_fsm_event(fsm, ev);
			return false;
		}
		if (ev == CP_EV_RXJ_PLUS)
			feed(fx, CP_CODEREJ, 0x63, rej_echo, sizeof(rej_echo));
		else
			feed(fx, CP_CODEREJ, 0x63, rej_conf, sizeof(rej_conf));
		return true;
	case CP_EV_RXR:
		cp_fsm_event(fsm, ev);
		return false;
	case CP_EV__COUNT:
		break;
	}
	fail();
	return false;
}

static const struct fake_pkt *sent_with(const struct fake_proto *fp,
					uint8_t code)
{
	for (size_t i = 0; i < fp->nsent; i++)
		if (fp->sent[i].b[0] == code)
			return &fp->sent[i];
	return NULL;
}

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			print_message("cell %s x %s: ", cp_state_name(st),     \
				      cp_event_name(ev));                      \
			print_message(__VA_ARGS__);                            \
			print_message("\n");                                   \
			bad++;                                                 \
		}                                                              \
	} while (0)

/* Check the packets the actions sent against the packet that caused them. */
static int check_packets(struct fx *fx, enum cp_state st, enum cp_event ev,
			 bool fed, bool variant)
{
	const struct fake_proto *fp = &fx->fp;
	const struct fake_pkt *p;
	int bad = 0;

	if ((p = sent_with(fp, CP_CONFACK))) {
		CHECK(p->b[1] == PEER_REQ_ID, "Configure-Ack id %u", p->b[1]);
		CHECK(p->len == CP_HDR_LEN + sizeof(peer_opts) &&
			      !memcmp(p->b + CP_HDR_LEN, peer_opts,
				      sizeof(peer_opts)),
		      "Configure-Ack does not echo the request options");
	}
	if ((p = sent_with(fp, variant ? CP_CONFREJ : CP_CONFNAK)))
		CHECK(p->b[1] == PEER_REQ_ID, "Configure-Nak/Rej id %u",
		      p->b[1]);
	else
		CHECK(!sent_with(fp, CP_CONFNAK) && !sent_with(fp, CP_CONFREJ),
		      "scn sent the wrong code");
	if ((p = sent_with(fp, CP_TERMACK)))
		CHECK(fed && p->b[1] == fx->rx[1] && p->len == CP_HDR_LEN,
		      "Terminate-Ack id %u len %zu, answering id %u", p->b[1],
		      p->len, fx->rx[1]);
	if ((p = sent_with(fp, CP_CODEREJ)))
		CHECK(fed && p->len == CP_HDR_LEN + fx->rx_len &&
			      !memcmp(p->b + CP_HDR_LEN, fx->rx, fx->rx_len) &&
			      p->b[1] == fsm_of(fx)->id,
		      "Code-Reject does not carry the rejected packet");
	if ((p = sent_with(fp, CP_CONFREQ)))
		CHECK(p->b[1] == fsm_of(fx)->reqid && fsm_of(fx)->reqid_valid,
		      "Configure-Request id %u, reqid %u", p->b[1],
		      fsm_of(fx)->reqid);
	return bad;
}

static int check_cell(enum cp_state st, enum cp_event ev, bool variant)
{
	struct fx fx;
	struct expect e;
	struct cp_fsm *fsm;
	char got[128];
	bool fed, timer_wanted, rcr;
	int bad = 0;

	parse_cell(rfc_table[ev][st], st, &e);
	fx_init(&fx, false);
	fsm = fsm_of(&fx);
	goto_state(&fx, st, ev == CP_EV_TO_MINUS);
	fake_proto_clear(&fx.fp);
	fake_log_clear(&fx.log);
	fed = raise_event(&fx, ev, variant);

	fake_proto_actions(&fx.fp, got, sizeof(got));
	CHECK(fsm->state == e.next, "next state %s, expected %s",
	      cp_state_name(fsm->state), cp_state_name(e.next));
	CHECK(!strcmp(got, e.visible), "actions \"%s\", expected \"%s\" (%s)",
	      got, e.visible, e.actions);
	bad += check_packets(&fx, st, ev, fed, variant);

	/* irc/zrc show in the Restart counter; a send took one off. */
	if (has_action(&e, "irc")) {
		int want = has_action(&e, "str")   ? MAX_TERMINATE - 1
			   : has_action(&e, "scr") ? MAX_CONFIGURE - 1
						   : MAX_CONFIGURE;
		CHECK(fsm->restart_count == want, "restart count %d, want %d",
		      fsm->restart_count, want);
	}
	if (has_action(&e, "zrc"))
		CHECK(fsm->restart_count == 0 &&
			      timer_remaining_ms(&fsm->restart) == RESTART_MS,
		      "zrc: count %d, timer %lld", fsm->restart_count,
		      (long long)timer_remaining_ms(&fsm->restart));
	if (has_action(&e, "scr") || has_action(&e, "str"))
		CHECK(timer_remaining_ms(&fsm->restart) == RESTART_MS,
		      "restart timer not re-armed by a request");
	timer_wanted = e.next >= CP_CLOSING && e.next <= CP_ACKSENT;
	CHECK(timer_armed(&fsm->restart) == timer_wanted,
	      "restart timer %s in %s",
	      timer_armed(&fsm->restart) ? "on" : "off",
	      cp_state_name(fsm->state));

	/* A Configure-Request is judged only where the answer depends on it,
	 * and in Opened only after This-Layer-Down. */
	rcr = ev == CP_EV_RCR_PLUS || ev == CP_EV_RCR_MINUS;
	if (rcr) {
		bool judged = st == CP_STOPPED || st >= CP_REQSENT;
		CHECK(fx.fp.njudged == (judged ? 1u : 0u), "judged %zu times",
		      fx.fp.njudged);
		if (st == CP_OPENED)
			CHECK(fake_proto_find(&fx.fp, "tld") >= 0 &&
				      fake_proto_find(&fx.fp, "tld") <
					      fake_proto_find(&fx.fp, "judge"),
			      "tld must precede the judgment");
	}

	/* Debug output. */
	if (e.illegal)
		CHECK(fake_log_has(&fx.log, "Illegal event"),
		      "illegal cell not logged");
	else
		CHECK(!fake_log_has(&fx.log, "Illegal event"),
		      "legal cell logged as illegal");
	/* "State is" on entering Open, Closed or Stopped, except for the
	 * Closed of a lower layer coming up (IOS goes straight on to "O
	 * CONFREQ [Closed]"). */
	if (e.next != st && st != CP_INITIAL &&
	    (e.next == CP_OPENED || e.next == CP_CLOSED ||
	     e.next == CP_STOPPED)) {
		char want[64];
		snprintf(want, sizeof(want), "As1 FAKE: State is %s",
			 cp_state_name(e.next));
		CHECK(fake_log_has(&fx.log, want), "no \"%s\"", want);
	} else {
		CHECK(!fake_log_has(&fx.log, "State is"),
		      "\"State is\" without entering Open/Closed/Stopped");
	}
	if (!e.illegal && e.next == st && e.actions[0] == '\0') {
		/* No action, same state: silent, apart from the trace of the
		 * received packet itself. */
		for (size_t i = 0; i < fx.log.n; i++)
			CHECK(fed && (strncmp(fx.log.lines[i], "As1 FAKE: I ",
					      12) == 0 ||
				      strncmp(fx.log.lines[i],
					      "As1 FAKE:    ", 13) == 0),
			      "unexpected line \"%s\"", fx.log.lines[i]);
	}
	if (bad)
		fake_log_dump(&fx.log);
	fx_fini(&fx);
	return bad;
}

static void walk_table(bool variant)
{
	int bad = 0;

	for (int st = 0; st < CP_STATE__COUNT; st++)
		for (int ev = 0; ev < CP_EV__COUNT; ev++)
			bad += check_cell((enum cp_state)st, (enum cp_event)ev,
					  variant);
	assert_int_equal(bad, 0);
}

/* RCR- by Configure-Nak, RCN by Configure-Nak, RXJ by Code-Reject packets. */
static void test_table_nak_codereject(void **state)
{
	(void)state;
	walk_table(false);
}

/* RCR- by Configure-Reject, RCN by Configure-Reject, RXJ by cp_fsm_event()
 * (as LCP raises them for a Protocol-Reject). */
static void test_table_reject_event(void **state)
{
	(void)state;
	walk_table(true);
}

/* ---- names and defaults ------------------------------------------------- */

static void test_names(void **state)
{
	static const char *const codes[] = {
		NULL,	   "CONFREQ", "CONFACK", "CONFNAK", "CONFREJ",
		"TERMREQ", "TERMACK", "CODEREJ", "PROTREJ", "ECHOREQ",
		"ECHOREP", "DISCREQ", "IDENT",	 "TIMEREM"};
	struct fx fx;

	(void)state;
	for (unsigned c = 0; c < sizeof(codes) / sizeof(codes[0]); c++) {
		if (!codes[c])
			assert_null(cp_code_name((uint8_t)c));
		else
			assert_string_equal(cp_code_name((uint8_t)c), codes[c]);
	}
	assert_null(cp_code_name(14));
	assert_null(cp_code_name(255));

	assert_string_equal(cp_state_name(CP_INITIAL), "Initial");
	assert_string_equal(cp_state_name(CP_REQSENT), "REQsent");
	assert_string_equal(cp_state_name(CP_ACKRCVD), "ACKrcvd");
	assert_string_equal(cp_state_name(CP_ACKSENT), "ACKsent");
	assert_string_equal(cp_state_name(CP_OPENED), "Open");
	assert_string_equal(cp_event_name(CP_EV_TO_MINUS), "TO-");
	assert_string_equal(cp_event_name(CP_EV_RXJ_PLUS), "RXJ+");

	fx_init(&fx, true);
	assert_string_equal(cp_fsm_state_name(fsm_of(&fx)), "Initial");
	cp_fsm_up(fsm_of(&fx));
	cp_fsm_open(fsm_of(&fx));
	assert_int_equal(fsm_of(&fx)->state, CP_STOPPED);
	assert_string_equal(cp_fsm_state_name(fsm_of(&fx)), "Listen");
	fx_fini(&fx);
}

static void test_cfg_default(void **state)
{
	struct cp_fsm_cfg cfg;

	(void)state;
	memset(&cfg, 0xff, sizeof(cfg));
	cp_fsm_cfg_default(&cfg);
	assert_int_equal(cfg.restart_ms, 2000);
	assert_int_equal(cfg.max_configure, 10);
	assert_int_equal(cfg.max_terminate, 2);
	assert_int_equal(cfg.max_failure, 5);
	assert_false(cfg.silent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_nak_codereject),
		cmocka_unit_test(test_table_reject_event),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_cfg_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
