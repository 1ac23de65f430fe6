/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_q931 - the Q.921 peek, the Q.931 decoder and the `debug isdn q931`
 * printer against seed 001's trace: the SETUP of a PRI voice call landing
 * on a digital modem, the CALL_PROC answer, the DISCONNECT with cause 16,
 * and the AS5200's own outgoing SETUP (callref 0x0005).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fake_log.h"
#include "q931.h"

/* Seed 001: RX <- SETUP pd = 8 callref = 0x36, bearer 0x9090A2, channel
 * 0xA98393 (B19), called 0xC1 '4084327528'. */
static const uint8_t setup_in[] = {
	0x08, 0x02, 0x00, 0x36, 0x05,
	0x04, 0x03, 0x90, 0x90, 0xA2,
	0x18, 0x03, 0xA9, 0x83, 0x93,
	0x70, 0x0B, 0xC1, '4', '0', '8', '4', '3', '2', '7', '5', '2', '8',
};

static const uint8_t call_proc_out[] = {
	0x08, 0x02, 0x80, 0x36, 0x02, 0x18, 0x03, 0xA9, 0x83, 0x93,
};

static const uint8_t disconnect_out[] = {
	0x08, 0x02, 0x80, 0x36, 0x45, 0x08, 0x02, 0x80, 0x90,
};

/* Seed 001's callback: TX -> SETUP callref 0x0005, speech bearer,
 * channel 0xE1808397 (interface 0, B23), called 0xA1 '5279651'. */
static const uint8_t setup_out[] = {
	0x08, 0x02, 0x00, 0x05, 0x05,
	0x04, 0x03, 0x80, 0x90, 0xA2,
	0x18, 0x04, 0xE1, 0x80, 0x83, 0x97,
	0x70, 0x08, 0xA1, '5', '2', '7', '9', '6', '5', '1',
};

static void print(const uint8_t *m, size_t n, bool tx, struct strbuf *sb)
{
	struct q931_msg msg;
	const char *why = NULL;

	assert_int_equal(q931_decode(m, n, &msg, &why), 0);
	q931_print(&msg, "Se0:23", tx, sb);
}

static void test_setup_decode(void **state)
{
	struct q931_msg msg;
	const char *why;

	(void)state;
	assert_int_equal(q931_decode(setup_in, sizeof(setup_in), &msg, &why),
			 0);
	assert_int_equal(msg.pd, 8);
	assert_int_equal(msg.cref_len, 2);
	assert_false(msg.cref_flag);
	assert_int_equal(msg.cref, 0x36);
	assert_int_equal(msg.type, Q931_SETUP);
	assert_int_equal(msg.bearer_cap, Q931_CAP_AUDIO_3K1);
	assert_int_equal(msg.channel, 19);
	assert_true(msg.chan_exclusive);
	assert_true(msg.called.present);
	assert_int_equal(msg.called.type_plan, 0xC1);
	assert_string_equal(msg.called.digits, "4084327528");
	assert_false(msg.calling.present);
	assert_false(msg.cause.present);
}

static void test_seed_lines(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	print(setup_in, sizeof(setup_in), false, &sb);
	print(call_proc_out, sizeof(call_proc_out), true, &sb);
	print(disconnect_out, sizeof(disconnect_out), true, &sb);
	assert_string_equal(
		sb_str(&sb),
		"ISDN Se0:23: RX <- SETUP pd = 8 callref = 0x36\n"
		"        Bearer Capability i = 0x9090A2\n"
		"        Channel ID i = 0xA98393\n"
		"        Called Party Number i = 0xC1, '4084327528'\n"
		"ISDN Se0:23: TX -> CALL_PROC pd = 8 callref = 0x8036\n"
		"        Channel ID i = 0xA98393\n"
		"ISDN Se0:23: TX -> DISCONNECT pd = 8 callref = 0x8036\n"
		"        Cause i = 0x8090 - Normal call clearing\n");
	sb_free(&sb);
}

static void test_outgoing_setup(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct q931_msg msg;
	const char *why;

	(void)state;
	print(setup_out, sizeof(setup_out), true, &sb);
	assert_string_equal(
		sb_str(&sb),
		"ISDN Se0:23: TX -> SETUP pd = 8 callref = 0x0005\n"
		"        Bearer Capability i = 0x8090A2\n"
		"        Channel ID i = 0xE1808397\n"
		"        Called Party Number i = 0xA1, '5279651'\n");
	sb_free(&sb);
	assert_int_equal(q931_decode(setup_out, sizeof(setup_out), &msg, &why),
			 0);
	assert_int_equal(msg.channel, 23);
	assert_false(msg.chan_exclusive);
	assert_int_equal(msg.bearer_cap, Q931_CAP_SPEECH);
}

static void test_calling_cause_progress_display(void **state)
{
	static const uint8_t m[] = {
		0x08, 0x01, 0x81, 0x45,                   /* BRI DISCONNECT */
		0x08, 0x02, 0x8A, 0x91,                   /* busy, net */
		0x1E, 0x02, 0x81, 0x88,                   /* progress 8 */
		0x28, 0x03, 'a', 'b', 'c',                /* display */
		0x6C, 0x06, 0x21, 0x83, '6', '1', '2', '2', /* calling */
	};
	struct strbuf sb = STRBUF_INIT;
	struct q931_msg msg;
	const char *why;

	(void)state;
	assert_int_equal(q931_decode(m, sizeof(m), &msg, &why), 0);
	assert_int_equal(msg.cause_value, Q931_CAUSE_BUSY);
	assert_int_equal(msg.cause_location, 0x0A);
	q931_print(&msg, "BR0", false, &sb);
	assert_string_equal(
		sb_str(&sb),
		"ISDN BR0: RX <- DISCONNECT pd = 8 callref = 0x81\n"
		"        Cause i = 0x8A91 - User busy\n"
		"        Progress Ind i = 0x8188 - In-band info or appropriate "
		"now available\n"
		"        Display i = 'abc'\n"
		"        Calling Party Number i = 0x21, 0x83, '6122'\n");
	sb_free(&sb);
}

static void test_shift_skips_other_codesets(void **state)
{
	static const uint8_t m[] = {
		0x08, 0x01, 0x01, 0x05,
		0x96, 0x70, 0x02, 0x81, '9',  /* locking shift to 6 */
		0x9E, 0x70, 0x02, 0x81, '8',  /* non-locking: still 6 */
	};
	static const uint8_t m2[] = {
		0x08, 0x01, 0x01, 0x05,
		0x9E, 0x70, 0x02, 0x81, '8',  /* non-locking shift to 6 */
		0xA1,                         /* sending complete */
		0x70, 0x02, 0x81, '7',        /* back in codeset 0 */
	};
	struct q931_msg msg;
	const char *why;

	(void)state;
	assert_int_equal(q931_decode(m, sizeof(m), &msg, &why), 0);
	assert_false(msg.called.present);
	assert_int_equal(q931_decode(m2, sizeof(m2), &msg, &why), 0);
	assert_true(msg.called.present);
	assert_string_equal(msg.called.digits, "7");
}

static void test_malformed(void **state)
{
	static const uint8_t trunc_ie[] = {0x08, 0x01, 0x01, 0x05, 0x04, 0x05,
					   0x80};
	static const uint8_t long_cref[] = {0x08, 0x03, 1, 2, 3, 0x05};
	static const uint8_t short_hdr[] = {0x08, 0x02, 0x00};
	static const uint8_t bad_chan[] = {0x08, 0x01, 0x01, 0x05,
					   0x18, 0x02, 0xA9, 0x84};
	struct q931_msg msg;
	const char *why = NULL;

	(void)state;
	assert_int_equal(q931_decode(trunc_ie, sizeof(trunc_ie), &msg, &why),
			 -EPROTO);
	assert_string_equal(why, "information element truncated");
	assert_int_equal(q931_decode(long_cref, sizeof(long_cref), &msg, &why),
			 -EPROTO);
	assert_string_equal(why, "call reference longer than 2 octets");
	assert_int_equal(q931_decode(short_hdr, sizeof(short_hdr), &msg, &why),
			 -EPROTO);
	assert_int_equal(q931_decode(NULL, 0, &msg, &why), -EPROTO);
	assert_int_equal(q931_decode(bad_chan, sizeof(bad_chan), &msg, &why),
			 0);
	assert_int_equal(msg.channel, -1);
}

static void test_q921_peek(void **state)
{
	uint8_t iframe[64] = {0x00, 0x01, 0x02, 0x04};
	static const uint8_t rr[] = {0x00, 0x01, 0x01, 0x05};
	static const uint8_t sabme[] = {0x00, 0x01, 0x7F};
	static const uint8_t ui[] = {0x00, 0xFF, 0x03, 0x08, 0x01, 0x01, 0x05};
	static const uint8_t sapi63[] = {0xFC, 0xFF, 0x03, 0x0F};
	const uint8_t *l3;
	size_t n;

	(void)state;
	memcpy(iframe + 4, setup_in, sizeof(setup_in));
	assert_true(q921_peek(iframe, 4 + sizeof(setup_in), &l3, &n));
	assert_ptr_equal(l3, iframe + 4);
	assert_int_equal(n, sizeof(setup_in));
	assert_false(q921_peek(rr, sizeof(rr), &l3, &n));
	assert_false(q921_peek(sabme, sizeof(sabme), &l3, &n));
	assert_true(q921_peek(ui, sizeof(ui), &l3, &n));
	assert_int_equal(n, 4);
	assert_false(q921_peek(sapi63, sizeof(sapi63), &l3, &n));
	assert_false(q921_peek(iframe, 4, &l3, &n));
	assert_false(q921_peek(iframe, 1, &l3, &n));
}

static void test_debug_frame(void **state)
{
	uint8_t f[64] = {0x00, 0x01, 0x00, 0x00};
	struct fake_log fl;

	(void)state;
	fake_log_init(&fl);
	memcpy(f + 4, disconnect_out, sizeof(disconnect_out));
	q931_debug_frame(&fl.lg, "Se0:23", true, f, 4 + sizeof(disconnect_out));
	assert_int_equal(fl.n, 2);
	assert_string_equal(fl.lines[0],
			    "ISDN Se0:23: TX -> DISCONNECT pd = 8 callref = "
			    "0x8036");
	assert_string_equal(fl.lines[1],
			    "        Cause i = 0x8090 - Normal call clearing");
	fake_log_clear(&fl);
	f[5] = 0x05; /* cref length 5 */
	q931_debug_frame(&fl.lg, "Se0:23", false, f, 4 + sizeof(disconnect_out));
	assert_int_equal(fl.n, 1);
	assert_string_equal(fl.lines[0],
			    "ISDN Se0:23: RX <- bad Q.931 message (call "
			    "reference longer than 2 octets)");
	fake_log_clear(&fl);
	log_debug_set(&fl.lg, DBG_ISDN_Q931, false);
	q931_debug_frame(&fl.lg, "Se0:23", true, f, 4 + sizeof(disconnect_out));
	assert_int_equal(fl.n, 0);
	fake_log_fini(&fl);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(q931_cause_name(16), "Normal call clearing");
	assert_string_equal(q931_cause_name(17), "User busy");
	assert_string_equal(q931_cause_name(18), "No user responding");
	assert_string_equal(q931_cause_name(34), "No circuit/channel available");
	assert_string_equal(q931_cause_name(1),
			    "Unallocated (unassigned) number");
	assert_string_equal(q931_cause_name(0), "Unknown cause");
	assert_string_equal(q931_cause_name(200), "Unknown cause");
	assert_string_equal(q931_msg_name(Q931_RELEASE_COMP), "RELEASE_COMP");
	assert_null(q931_msg_name(0x7F));
	assert_string_equal(q931_cap_name(Q931_CAP_DIGITAL),
			    "Unrestricted digital");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_setup_decode),
		cmocka_unit_test(test_seed_lines),
		cmocka_unit_test(test_outgoing_setup),
		cmocka_unit_test(test_calling_cause_progress_display),
		cmocka_unit_test(test_shift_skips_other_codesets),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_q921_peek),
		cmocka_unit_test(test_debug_frame),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
