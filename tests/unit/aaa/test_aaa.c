/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for aaa/: local users, method lists (IOS PASS/FAIL/ERROR
 * semantics), CHAP and PAP checks, MD5-crypt secrets, asynchronous answers
 * and cancellation, debug text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "aaa.h"
#include "chap_md5.h"
#include "fake_log.h"

static struct timers ts;
static struct fake_log fl;
static struct aaa *aaa;
static int answers;
static bool last_ok;
static char last_user[64];

static void done(void *arg, const struct aaa_result *r)
{
	(void)arg;
	answers++;
	last_ok = r->ok;
	last_user[0] = '\0';
	if (r->user)
		strcpy(last_user, r->user->name);
}

static struct aaa_db *db_new(void)
{
	struct aaa_db *db = calloc(1, sizeof(*db));
	struct aaa_user *u;

	db->users = calloc(3, sizeof(*db->users));
	u = &db->users[db->n_users++];
	strcpy(u->name, "callmeback");
	strcpy(u->password, "cisco");
	u->has_password = true;
	u->has_callback_dialstring = true; /* "" = client supplies it */
	u = &db->users[db->n_users++];
	strcpy(u->name, "hashed");
	/* MD5-crypt of "letmein" with salt "abcdefgh" (crypt(3)). */
	strcpy(u->secret_hash, "$1$abcdefgh$7BBqxxZ5f4cDJnGUV6MmH0");
	return db;
}

static int setup(void **state)
{
	(void)state;
	timers_init(&ts, 0);
	fake_log_init(&fl);
	aaa = aaa_new(&ts, &fl.lg);
	aaa_set_db(aaa, db_new());
	answers = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	aaa_free(aaa);
	timers_fini(&ts);
	assert_false(fake_log_has(&fl, "cisco"));
	assert_false(fake_log_has(&fl, "letmein"));
	fake_log_fini(&fl);
	return 0;
}

static bool pap(const char *user, const char *pw, const char *list)
{
	struct aaa_auth_req req = {.type = AAA_AUTH_PAP,
				   .user = user,
				   .list = list,
				   .port = "Async4",
				   .password = (const uint8_t *)pw,
				   .password_len = strlen(pw)};
	int before = answers;

	assert_non_null(aaa_authenticate(aaa, &req, done, NULL));
	/* Never answered from inside the call. */
	assert_int_equal(answers, before);
	timers_advance(&ts, ts.now_ms);
	assert_int_equal(answers, before + 1);
	return last_ok;
}

static void test_local_pap(void **state)
{
	(void)state;
	assert_true(pap("callmeback", "cisco", NULL));
	assert_string_equal(last_user, "callmeback");
	assert_true(pap("CallMeBack", "cisco", NULL)); /* local: any case */
	assert_false(pap("callmeback", "Cisco", NULL));
	assert_false(pap("nobody", "cisco", NULL));
	assert_false(pap("callmeback", "cisc", NULL));
}

static void test_secret_hash(void **state)
{
	(void)state;
	assert_true(pap("hashed", "letmein", NULL));
	assert_false(pap("hashed", "letmeout", NULL));
}

static void test_chap(void **state)
{
	uint8_t ch[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
	uint8_t resp[16];
	struct aaa_auth_req req = {.type = AAA_AUTH_CHAP_MD5,
				   .user = "callmeback",
				   .chap_id = 4,
				   .challenge = ch,
				   .challenge_len = 16,
				   .response = resp,
				   .response_len = 16};

	(void)state;
	chap_md5_digest(4, (const uint8_t *)"cisco", 5, ch, 16, resp);
	aaa_authenticate(aaa, &req, done, NULL);
	timers_advance(&ts, 0);
	assert_true(last_ok);
	resp[0] ^= 1;
	aaa_authenticate(aaa, &req, done, NULL);
	timers_advance(&ts, 0);
	assert_false(last_ok);
	/* A user with only a hashed secret cannot do CHAP. */
	req.user = "hashed";
	aaa_authenticate(aaa, &req, done, NULL);
	timers_advance(&ts, 0);
	assert_false(last_ok);
}

static void test_method_lists(void **state)
{
	struct aaa_db *db = db_new();

	(void)state;
	db->new_model = true;
	db->ppp_lists = calloc(2, sizeof(*db->ppp_lists));
	strcpy(db->ppp_lists[0].name, "default");
	db->ppp_lists[0].methods[0] = AAA_METHOD_GROUP;
	strcpy(db->ppp_lists[0].groups[0], "radius");
	db->ppp_lists[0].methods[1] = AAA_METHOD_LOCAL;
	db->ppp_lists[0].n = 2;
	strcpy(db->ppp_lists[1].name, "open");
	db->ppp_lists[1].methods[0] = AAA_METHOD_NONE;
	db->ppp_lists[1].n = 1;
	db->n_ppp_lists = 2;
	aaa_set_db(aaa, db);
	/* group radius cannot answer (ERROR) → local decides. */
	assert_true(pap("callmeback", "cisco", NULL));
	assert_true(fake_log_has(&fl, "using \"default\" list"));
	assert_true(fake_log_has(&fl, "Method=GROUP"));
	assert_true(fake_log_has(&fl, "Method=LOCAL"));
	assert_true(fake_log_has(&fl, "status = PASS"));
	/* FAIL from local ends the list. */
	assert_false(pap("callmeback", "nope", NULL));
	assert_true(fake_log_has(&fl, "status = FAIL"));
	assert_true(pap("anyone", "anything", "open"));
	assert_false(pap("callmeback", "cisco", "missing"));
}

static void test_cancel(void **state)
{
	struct aaa_auth_req req = {.type = AAA_AUTH_PAP,
				   .user = "callmeback",
				   .password = (const uint8_t *)"cisco",
				   .password_len = 5};
	struct aaa_req *r;

	(void)state;
	r = aaa_authenticate(aaa, &req, done, NULL);
	aaa_cancel(r);
	timers_advance(&ts, 10);
	assert_int_equal(answers, 0);
	/* Pending requests are cancelled by aaa_free (teardown). */
	aaa_authenticate(aaa, &req, done, NULL);
}

static void test_local_secret_lookup(void **state)
{
	uint8_t buf[64];
	size_t n;

	(void)state;
	assert_true(aaa_local_secret(aaa, "CALLMEBACK", buf, sizeof(buf), &n));
	assert_int_equal(n, 5);
	assert_memory_equal(buf, "cisco", 5);
	assert_false(aaa_local_secret(aaa, "hashed", buf, sizeof(buf), &n));
	assert_false(aaa_local_secret(aaa, "nobody", buf, sizeof(buf), &n));
	assert_true(aaa_local_user(aaa, "callmeback")->has_callback_dialstring);
}

/* Thousands of `username` lines (an LNS): the name index finds each one,
 * folds case like the linear search did, and keeps the first of two
 * entries that differ only in case. */
static void test_many_users_index(void **state)
{
	struct aaa_db *db = calloc(1, sizeof(*db));
	const size_t n = 5000;
	char name[64];

	(void)state;
	assert_non_null(db);
	db->users = calloc(n + 2, sizeof(*db->users));
	assert_non_null(db->users);
	for (size_t i = 0; i < n; i++) {
		struct aaa_user *u = &db->users[db->n_users++];

		snprintf(u->name, sizeof(u->name), "user%zu@bench", i);
		snprintf(u->password, sizeof(u->password), "pw%zu", i);
		u->has_password = true;
	}
	strcpy(db->users[db->n_users].name, "Twin");
	strcpy(db->users[db->n_users++].password, "first");
	strcpy(db->users[db->n_users].name, "twin");
	strcpy(db->users[db->n_users++].password, "second");
	aaa_set_db(aaa, db);
	for (size_t i = 0; i < n; i += 7) {
		const struct aaa_user *u;
		char pw[32];

		snprintf(name, sizeof(name), "USER%zu@Bench", i);
		u = aaa_local_user(aaa, name);
		assert_non_null(u);
		snprintf(pw, sizeof(pw), "pw%zu", i);
		assert_string_equal(u->password, pw);
	}
	assert_null(aaa_local_user(aaa, "user5000@bench"));
	assert_string_equal(aaa_local_user(aaa, "TWIN")->password, "first");
	assert_string_equal(aaa_local_user(aaa, "twin")->password, "first");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_local_pap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_hash, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_chap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_method_lists, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_local_secret_lookup, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_many_users_index, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
