/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for nasdial's status (src/nasdial/dial_status.c): the exact
 * JSON of a callback story, the closing summary, the authentication peek
 * on CHAP/PAP frames (compressed headers too), the in-band NO CARRIER
 * scanner across chunk boundaries, and CONNECT speeds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dial_status.h"
#include "fake_log.h"
#include "timer.h"

static void nop_chat(void *c, enum dial_script w, const char *n)
{
	(void)c, (void)w, (void)n;
}
static void nop(void *c)
{
	(void)c;
}
static void nop_start(void *c, bool r)
{
	(void)c, (void)r;
}
static void nop_close(void *c, const char *r)
{
	(void)c, (void)r;
}
static void nop_exit(void *c, enum dial_exit e, const char *m)
{
	(void)c, (void)e, (void)m;
}

static const struct dial_fsm_ops ops = {
	.chat = nop_chat,
	.hangup = nop,
	.ppp_start = nop_start,
	.ppp_close = nop_close,
	.ppp_lower_down = nop,
	.changed = nop,
	.exit = nop_exit,
};

static void test_json_callback_story(void **state)
{
	struct timers ts;
	struct fake_log fl;
	struct dial_fsm fsm;
	struct dial_fsm_cfg cfg;
	struct dial_status st;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	timers_init(&ts, 0);
	fake_log_init(&fl);
	dial_fsm_cfg_default(&cfg);
	strcpy(cfg.number, "4084327528");
	dial_fsm_init(&fsm, &cfg, &ops, NULL, &ts, &fl.lg);
	dial_fsm_start(&fsm);
	dial_fsm_chat_done(&fsm, CHAT_SUCCESS, "");
	dial_fsm_callback_offered(&fsm, 1u << 2);
	dial_fsm_callback_agreed(&fsm, "527-9651", 15);
	dial_fsm_ppp_down(&fsm, "Callback");
	timers_advance(&ts, 1000);
	dial_fsm_chat_done(&fsm, CHAT_SUCCESS, "");
	dial_fsm_ppp_up(&fsm);
	timers_advance(&ts, 3500); /* absolute: up for 2.5 s */

	memset(&st, 0, sizeof(st));
	st.fsm = &fsm;
	st.device = "pstn:/p/attach.sock:5279651";
	st.number = "4084327528";
	st.ifname = "Async1";
	st.tun = "dial0";
	st.connect_bps = 33600;
	st.pid = 42;
	st.have_ppp = true;
	st.ppp_phase = "UP";
	st.lcp_state = "Open";
	st.ipcp_state = "Open";
	st.auth = "CHAP";
	st.local_addr = 0x0A09000A;
	st.peer_addr = 0x0A090001;
	st.dns[0] = 0x0A000035;
	st.rx_frames = 9;
	st.tx_frames = 8;
	st.cb_request = "cbcp";
	st.cb_mode = "preset";
	st.cb_state = "DONE";
	st.cb_type = "Client-Num";
	dial_status_json(&st, &sb);
	assert_string_equal(
		sb_str(&sb),
		"{\"state\":\"up\",\"pid\":42,\"device\":\"pstn:/p/attach.sock:"
		"5279651\",\"number\":\"4084327528\",\"interface\":\"Async1\","
		"\"tun\":\"dial0\",\"connect_speed\":33600,\"return_call\":"
		"true,"
		"\"ppp\":{\"phase\":\"UP\",\"lcp\":\"Open\",\"ipcp\":\"Open\","
		"\"auth\":\"CHAP\",\"local_address\":\"10.9.0.10\","
		"\"peer_address\":\"10.9.0.1\",\"dns\":[\"10.0.0.53\"],"
		"\"rx_frames\":9,\"tx_frames\":8,\"rx_ip_packets\":0,"
		"\"tx_ip_packets\":0},\"callback\":{\"request\":\"cbcp\","
		"\"mode\":\"preset\",\"offered\":[\"Client-Num\"],\"cbcp_"
		"state\":\"DONE\","
		"\"agreed\":true,\"type\":\"Client-Num\",\"number\":\"527-"
		"9651\","
		"\"delay\":15,\"return_call\":true,\"refused\":false,\"note\":"
		"null},\"counts\":{\"dials\":1,\"answers\":1,\"connects\":2,"
		"\"sessions\":2,\"ups\":1,\"callbacks\":1},\"up_ms\":2500,"
		"\"exit\":null}");

	/* Done: the exit object and the summary. */
	dial_fsm_stop(&fsm);
	dial_fsm_ppp_down(&fsm, "User request");
	sb_reset(&sb);
	st.have_ppp = false;
	st.tun = NULL;
	dial_status_json(&st, &sb);
	assert_non_null(strstr(
		sb_str(&sb), "\"ppp\":{},\"callback\":{\"request\":\"cbcp\""));
	assert_non_null(strstr(sb_str(&sb),
			       "\"exit\":{\"code\":0,\"name\":\"ok\","
			       "\"reason\":\"\"}}"));
	assert_non_null(strstr(sb_str(&sb), "\"tun\":null"));
	sb_reset(&sb);
	dial_status_summary(&st, &sb);
	assert_string_equal(
		sb_str(&sb),
		"nasdial: 1 call(s) placed, 1 answered, link up 1 "
		"time(s), connect time 2.5 s\n"
		"nasdial: callback agreed at 527-9651 (delay 15 s), "
		"return call answered\n"
		"nasdial: exit 0 (ok)\n");
	sb_free(&sb);
	dial_fsm_fini(&fsm);
	fake_log_fini(&fl);
	timers_fini(&ts);
}

static void test_auth_peek(void **state)
{
	const uint8_t chap_ok[] = {0xff, 0x03, 0xc2, 0x23,
				   0x03, 0x06, 0x00, 0x04};
	const uint8_t chap_fail[] = {0xc2, 0x23, 0x04, 0x06, 0x00, 0x04};
	const uint8_t chap_chal[] = {0xff, 0x03, 0xc2, 0x23, 0x01, 0x06};
	const uint8_t pap_ack[] = {0xff, 0x03, 0xc0, 0x23, 0x02, 0x01};
	const uint8_t pap_nak[] = {0xc0, 0x23, 0x03, 0x01, 0x00, 0x05};
	const uint8_t lcp[] = {0xff, 0x03, 0xc0, 0x21, 0x03, 0x01};
	const uint8_t ip_pfc[] = {0x21, 0x03};
	const uint8_t shorty[] = {0xff, 0x03, 0xc2, 0x23};
	const uint8_t bad_addr[] = {0xff, 0x05, 0xc2, 0x23, 0x03};

	(void)state;
	assert_int_equal(dial_status_auth_peek(chap_ok, sizeof(chap_ok)),
			 DIAL_AUTH_OK);
	assert_int_equal(dial_status_auth_peek(chap_fail, sizeof(chap_fail)),
			 DIAL_AUTH_FAILED);
	assert_int_equal(dial_status_auth_peek(chap_chal, sizeof(chap_chal)),
			 DIAL_AUTH_NONE);
	assert_int_equal(dial_status_auth_peek(pap_ack, sizeof(pap_ack)),
			 DIAL_AUTH_OK);
	assert_int_equal(dial_status_auth_peek(pap_nak, sizeof(pap_nak)),
			 DIAL_AUTH_FAILED);
	assert_int_equal(dial_status_auth_peek(lcp, sizeof(lcp)),
			 DIAL_AUTH_NONE);
	assert_int_equal(dial_status_auth_peek(ip_pfc, sizeof(ip_pfc)),
			 DIAL_AUTH_NONE);
	assert_int_equal(dial_status_auth_peek(shorty, sizeof(shorty)),
			 DIAL_AUTH_NONE);
	assert_int_equal(dial_status_auth_peek(bad_addr, sizeof(bad_addr)),
			 DIAL_AUTH_NONE);
	assert_int_equal(dial_status_auth_peek(NULL, 0), DIAL_AUTH_NONE);
}

static bool feed(struct dial_rc_scan *sc, const char *s)
{
	return dial_rc_scan_feed(sc, (const uint8_t *)s, strlen(s));
}

static void test_rc_scan(void **state)
{
	struct dial_rc_scan sc;

	(void)state;
	dial_rc_scan_init(&sc);
	assert_false(feed(&sc, "\r\nCONNECT 33600\r\n"));
	assert_false(feed(&sc, "\x7e\xff\x7d\x23\xc0\x21\x7e"));
	/* Split across reads. */
	assert_false(feed(&sc, "\r\nNO CAR"));
	assert_true(feed(&sc, "RIER\r\n"));
	/* Only a whole line counts. */
	assert_false(feed(&sc, "xNO CARRIER\r\n"));
	assert_false(feed(&sc, "NO CARRIERS\r\n"));
	assert_false(feed(&sc, "3\r\n"));
	/* A long line that ends in the text is not a code either. */
	assert_false(feed(&sc, "0123456789012345678901234567890123456789"
			       "NO CARRIER\r\n"));
	assert_true(feed(&sc, "\nNO CARRIER\n"));
}

static void test_connect_speed(void **state)
{
	(void)state;
	assert_int_equal(dial_status_connect_speed("CONNECT 33600", 13), 33600);
	assert_int_equal(dial_status_connect_speed("xx CONNECT 28800/ARQ", 20),
			 28800);
	assert_int_equal(dial_status_connect_speed("CONNECT", 7), 0);
	assert_int_equal(dial_status_connect_speed("CONNECT x", 9), 0);
	assert_int_equal(dial_status_connect_speed("RING", 4), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_callback_story),
		cmocka_unit_test(test_auth_peek),
		cmocka_unit_test(test_rc_scan),
		cmocka_unit_test(test_connect_speed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
