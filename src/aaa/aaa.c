/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aaa.c - method lists and the local user database (see aaa.h).  The
 * `debug aaa authentication` lines follow the seed 001 trace:
 *   AAA/AUTHEN/START (44582883): port='Async4' list='' action=LOGIN service=PPP
 *   AAA/AUTHEN/START (44582883): using "default" list
 *   AAA/AUTHEN/START (44582883): Method=LOCAL
 *   AAA/AUTHEN (44582883): status = PASS
 */
#include "aaa.h"

#include <nettle/memops.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chap_md5.h"
#include "pwd5.h"

struct aaa_req {
	struct aaa *aaa;
	struct aaa_req *next; /* pending list */
	struct timer t;
	aaa_done_fn done;
	void *arg;
	bool ok;
	char reason[96];
	bool have_user;
	struct aaa_user user; /* copy: the database may be replaced */
	bool ppp;
	struct aaa_authz authz;
};

struct aaa {
	struct timers *ts;
	const struct logger *log;
	struct aaa_db *db;
	struct aaa_req *pending;
	uint32_t serial; /* request number in debug lines */
};

enum method_status { M_PASS, M_FAIL, M_ERROR };

struct aaa *aaa_new(struct timers *ts, const struct logger *log)
{
	struct aaa *aaa = calloc(1, sizeof(*aaa));

	if (!aaa)
		return NULL;
	aaa->ts = ts;
	aaa->log = log;
	aaa->serial = 1000;
	return aaa;
}

void aaa_db_free(struct aaa_db *db)
{
	if (!db)
		return;
	/* Wipe the clear-text secrets before the memory goes back. */
	for (size_t i = 0; i < db->n_users; i++)
		memset(&db->users[i], 0, sizeof(db->users[i]));
	free(db->users);
	free(db->idx_head);
	free(db->idx_next);
	free(db->ppp_lists);
	free(db->login_lists);
	free(db->network_lists);
	memset(db->enable_password, 0, sizeof(db->enable_password));
	free(db);
}

static void aaa_req_unlink(struct aaa_req *req)
{
	struct aaa_req **pp = &req->aaa->pending;

	while (*pp && *pp != req)
		pp = &(*pp)->next;
	if (*pp)
		*pp = req->next;
}

void aaa_free(struct aaa *aaa)
{
	if (!aaa)
		return;
	while (aaa->pending)
		aaa_cancel(aaa->pending);
	aaa_db_free(aaa->db);
	free(aaa);
}

/* FNV-1a over the ASCII-folded name: names equal under strcasecmp()
 * hash alike. */
static uint32_t name_hash(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name; name++) {
		unsigned char c = (unsigned char)*name;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 16777619u;
	}
	return h;
}

/* Build the name index; without memory lookups stay linear. */
static void index_build(struct aaa_db *db)
{
	size_t cap = 16;

	while (cap < 2 * db->n_users)
		cap *= 2;
	db->idx_head = calloc(cap, sizeof(*db->idx_head));
	db->idx_next = calloc(db->n_users ? db->n_users : 1,
			      sizeof(*db->idx_next));
	if (!db->idx_head || !db->idx_next) {
		free(db->idx_head);
		free(db->idx_next);
		db->idx_head = db->idx_next = NULL;
		return;
	}
	db->idx_cap = cap;
	db->idx_n = db->n_users;
	/* Backwards, inserting at the head: chains end up in configuration
	 * order, so the first matching entry wins as before. */
	for (size_t i = db->n_users; i-- > 0;) {
		size_t b = name_hash(db->users[i].name) & (cap - 1);

		db->idx_next[i] = db->idx_head[b];
		db->idx_head[b] = (uint32_t)i + 1;
	}
}

void aaa_set_db(struct aaa *aaa, struct aaa_db *db)
{
	aaa_db_free(aaa->db);
	if (db && !db->idx_head)
		index_build(db);
	aaa->db = db;
}

static bool name_match(const struct aaa_user *u, const char *name,
		       bool case_sensitive)
{
	return case_sensitive ? strcmp(u->name, name) == 0
			      : strcasecmp(u->name, name) == 0;
}

static const struct aaa_user *lookup(const struct aaa_db *db,
				     const char *name, bool case_sensitive)
{
	if (!db)
		return NULL;
	if (db->idx_head && db->idx_n == db->n_users) {
		uint32_t k = db->idx_head[name_hash(name) & (db->idx_cap - 1)];

		for (; k; k = db->idx_next[k - 1])
			if (name_match(&db->users[k - 1], name, case_sensitive))
				return &db->users[k - 1];
		return NULL;
	}
	for (size_t i = 0; i < db->n_users; i++)
		if (name_match(&db->users[i], name, case_sensitive))
			return &db->users[i];
	return NULL;
}

const struct aaa_user *aaa_local_user(const struct aaa *aaa,
				      const char *name)
{
	return lookup(aaa->db, name, false);
}

bool aaa_local_secret(const struct aaa *aaa, const char *name, uint8_t *out,
		      size_t size, size_t *len)
{
	const struct aaa_user *u = lookup(aaa->db, name, false);
	size_t n;

	if (!u || !u->has_password)
		return false;
	n = strlen(u->password);
	if (n > size)
		return false;
	memcpy(out, u->password, n);
	*len = n;
	return true;
}

static bool check_local(const struct aaa_user *u,
			const struct aaa_auth_req *req, char *reason,
			size_t rsize)
{
	if (req->type == AAA_AUTH_PAP || req->type == AAA_AUTH_LOGIN) {
		size_t n = strlen(u->password);
		if (u->has_password)
			return n == req->password_len &&
			       memeql_sec(u->password, req->password, n);
		if (u->secret_hash[0]) {
			char clear[AAA_SECRET_MAX];
			bool ok;
			if (req->password_len >= sizeof(clear))
				return false;
			memcpy(clear, req->password, req->password_len);
			clear[req->password_len] = '\0';
			ok = pwd5_verify(clear, u->secret_hash);
			memset(clear, 0, sizeof(clear));
			return ok;
		}
		snprintf(reason, rsize, "no password for user");
		return false;
	}
	/* CHAP needs the clear-text secret (RFC 1994 §2.2). */
	if (!u->has_password) {
		snprintf(reason, rsize,
			 "user has only a hashed secret: CHAP impossible");
		return false;
	}
	if (req->response_len != CHAP_MD5_DIGEST_LEN)
		return false;
	{
		uint8_t want[CHAP_MD5_DIGEST_LEN];
		bool ok;
		chap_md5_digest(req->chap_id, (const uint8_t *)u->password,
				strlen(u->password), req->challenge,
				req->challenge_len, want);
		ok = memeql_sec(want, req->response, sizeof(want));
		memset(want, 0, sizeof(want));
		return ok;
	}
}

static const struct aaa_method_list *find_list(const struct aaa_db *db,
					       bool login, const char *name)
{
	const struct aaa_method_list *v;
	size_t n;

	if (!db)
		return NULL;
	v = login ? db->login_lists : db->ppp_lists;
	n = login ? db->n_login_lists : db->n_ppp_lists;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static const char *method_name(enum aaa_method m)
{
	switch (m) {
	case AAA_METHOD_LOCAL:
		return "LOCAL";
	case AAA_METHOD_LOCAL_CASE:
		return "LOCAL-CASE";
	case AAA_METHOD_NONE:
		return "NOT_SET";
	case AAA_METHOD_GROUP:
		return "GROUP";
	case AAA_METHOD_LINE:
		return "LINE";
	case AAA_METHOD_ENABLE:
		return "ENABLE";
	}
	return "?";
}

/* `line` and `enable`: a password without a user name (EXEC login). */
static enum method_status run_password_method(struct aaa *aaa,
					      struct aaa_req *r,
					      enum aaa_method m,
					      const struct aaa_auth_req *req)
{
	char clear[AAA_SECRET_MAX];
	const char *want = NULL;
	bool ok = false;

	if (req->type != AAA_AUTH_LOGIN ||
	    req->password_len >= sizeof(clear)) {
		snprintf(r->reason, sizeof(r->reason), "method not usable");
		return M_ERROR;
	}
	memcpy(clear, req->password, req->password_len);
	clear[req->password_len] = '\0';
	if (m == AAA_METHOD_LINE) {
		want = req->line_password;
		if (!want || !want[0]) {
			snprintf(r->reason, sizeof(r->reason),
				 "no password set on the line");
			memset(clear, 0, sizeof(clear));
			return M_ERROR;
		}
		ok = strlen(want) == req->password_len &&
		     memeql_sec(want, clear, req->password_len);
	} else if (aaa->db && aaa->db->enable_secret[0]) {
		ok = pwd5_verify(clear, aaa->db->enable_secret);
	} else if (aaa->db && aaa->db->enable_password[0]) {
		want = aaa->db->enable_password;
		ok = strlen(want) == req->password_len &&
		     memeql_sec(want, clear, req->password_len);
	} else {
		snprintf(r->reason, sizeof(r->reason), "no enable password");
		memset(clear, 0, sizeof(clear));
		return M_ERROR;
	}
	memset(clear, 0, sizeof(clear));
	if (!ok)
		snprintf(r->reason, sizeof(r->reason), "password mismatch");
	return ok ? M_PASS : M_FAIL;
}

static enum method_status run_method(struct aaa *aaa, struct aaa_req *r,
				     enum aaa_method m, const char *group,
				     const struct aaa_auth_req *req)
{
	const struct aaa_user *u;

	switch (m) {
	case AAA_METHOD_NONE:
		return M_PASS;
	case AAA_METHOD_GROUP:
		snprintf(r->reason, sizeof(r->reason),
			 "server group %s not available", group);
		return M_ERROR;
	case AAA_METHOD_LINE:
	case AAA_METHOD_ENABLE:
		return run_password_method(aaa, r, m, req);
	case AAA_METHOD_LOCAL:
	case AAA_METHOD_LOCAL_CASE:
		break;
	}
	u = lookup(aaa->db, req->user, m == AAA_METHOD_LOCAL_CASE);
	if (!u) {
		snprintf(r->reason, sizeof(r->reason), "no such user");
		return M_FAIL;
	}
	r->have_user = true;
	r->user = *u;
	if (!check_local(u, req, r->reason, sizeof(r->reason))) {
		if (!r->reason[0])
			snprintf(r->reason, sizeof(r->reason),
				 "password mismatch");
		return M_FAIL;
	}
	return M_PASS;
}

/* ---- network authorisation (service=ppp protocol=lcp) ------------------- */

static const struct aaa_method_list *find_network_list(const struct aaa_db *db)
{
	for (size_t i = 0; db && i < db->n_network_lists; i++)
		if (strcmp(db->network_lists[i].name, "default") == 0)
			return &db->network_lists[i];
	return NULL;
}

static void authz_from_user(struct aaa_authz *z, const struct aaa_user *u)
{
	z->callback = u->has_callback_dialstring;
	snprintf(z->dialstring, sizeof(z->dialstring), "%s",
		 u->callback_dialstring);
	z->rotary = u->callback_rotary;
	z->line_first = u->callback_line_first;
	z->line_last = u->callback_line_last;
	z->nocallback_verify = u->nocallback_verify;
}

static void authz_print_avs(const struct aaa *aaa, const char *sp,
			    const struct aaa_authz *z)
{
	/* IOS 11.3 lists service and protocol twice (seed 001). */
	for (int i = 0; i < 2; i++) {
		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP %s: Processing AV service=ppp", sp);
		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP %s: Processing AV protocol=lcp", sp);
	}
	if (z->callback)
		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP %s: Processing AV callback-dialstring=%s",
			sp, z->dialstring);
	if (z->rotary >= 0)
		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP %s: Processing AV callback-rotary=%d",
			sp, z->rotary);
	if (z->line_first >= 0)
		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP %s: Processing AV callback-line=%d", sp,
			z->line_first);
	if (z->nocallback_verify)
		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP %s: Processing AV nocallback-verify=1",
			sp);
}

/* Authorise a PPP user who just passed authentication.  Returns false
 * when authorisation FAILs (the authentication then fails too). */
static bool authorize_lcp(struct aaa *aaa, struct aaa_req *r,
			  const struct aaa_auth_req *req)
{
	const struct aaa_method_list *list;
	const char *port = req->port ? req->port : "";
	const char *sp = req->port_short ? req->port_short : port;
	enum method_status st = M_ERROR;
	uint32_t id;

	r->authz.rotary = r->authz.line_first = r->authz.line_last = -1;
	if (!aaa->db || !aaa->db->new_model) {
		if (r->have_user)
			authz_from_user(&r->authz, &r->user);
		r->authz.done = r->have_user;
		return true;
	}
	list = find_network_list(aaa->db);
	if (!list) {
		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP %s: no `aaa authorization network` "
			"list: user '%s' not authorized for callback",
			sp, req->user);
		return true;
	}
	id = ++aaa->serial;
	log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
		"AAA/AUTHOR/LCP %s: Authorize LCP", sp);
	log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
		"AAA/AUTHOR/LCP: %s: (%u): user='%s'", port, id, req->user);
	log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
		"AAA/AUTHOR/LCP: %s: (%u): send AV service=ppp", port, id);
	log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
		"AAA/AUTHOR/LCP: %s: (%u): send AV protocol=lcp", port, id);
	for (size_t i = 0; i < list->n && st == M_ERROR; i++) {
		enum aaa_method m = list->methods[i];

		log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
			"AAA/AUTHOR/LCP: %s (%u): Method=%s", port, id,
			method_name(m));
		switch (m) {
		case AAA_METHOD_LOCAL:
		case AAA_METHOD_LOCAL_CASE: {
			const struct aaa_user *u = lookup(
				aaa->db, req->user, m == AAA_METHOD_LOCAL_CASE);
			if (!u) {
				st = M_FAIL;
				break;
			}
			authz_from_user(&r->authz, u);
			st = M_PASS;
			break;
		}
		case AAA_METHOD_NONE:
			st = M_PASS;
			break;
		default:
			st = M_ERROR; /* server groups: not yet (RADIUS) */
			break;
		}
	}
	log_dbg(aaa->log, DBG_AAA_AUTHORIZATION,
		"AAA/AUTHOR (%u): Post authorization status = %s", id,
		st == M_PASS ? "PASS_ADD" : st == M_FAIL ? "FAIL" : "ERROR");
	if (st != M_PASS) {
		snprintf(r->reason, sizeof(r->reason), "authorization failed");
		return false;
	}
	r->authz.done = true;
	authz_print_avs(aaa, sp, &r->authz);
	return true;
}

static void aaa_req_fire(void *arg)
{
	struct aaa_req *req = arg;
	struct aaa_result res = {
		.ok = req->ok,
		.reason = req->reason,
		.user = req->have_user ? &req->user : NULL,
		.authz = req->ppp && req->ok ? &req->authz : NULL,
	};

	aaa_req_unlink(req);
	req->done(req->arg, &res);
	memset(&req->user, 0, sizeof(req->user));
	free(req);
}

struct aaa_req *aaa_authenticate(struct aaa *aaa,
				 const struct aaa_auth_req *req,
				 aaa_done_fn done, void *arg)
{
	struct aaa_req *r = calloc(1, sizeof(*r));
	const struct aaa_method_list *list = NULL;
	struct aaa_method_list local_only = {.n = 1,
					     .methods = {AAA_METHOD_LOCAL}};
	const char *lname = req->list ? req->list : "default";
	uint32_t id = ++aaa->serial;
	enum method_status st = M_ERROR;

	if (!r)
		return NULL;
	r->aaa = aaa;
	r->done = done;
	r->arg = arg;
	bool login = req->type == AAA_AUTH_LOGIN;

	log_dbg(aaa->log, DBG_AAA_AUTHENTICATION,
		"AAA/AUTHEN/START (%u): port='%s' list='%s' action=LOGIN "
		"service=%s",
		id, req->port ? req->port : "", req->list ? req->list : "",
		login ? "LOGIN" : "PPP");
	if (aaa->db && aaa->db->new_model) {
		list = find_list(aaa->db, login, lname);
		/* No `aaa authentication login default`: IOS falls back to
		 * the local database for logins. */
		if (!list && login && !req->list)
			list = &local_only;
		if (!list) {
			log_dbg(aaa->log, DBG_AAA_AUTHENTICATION,
				"AAA/AUTHEN/START (%u): no list '%s'", id,
				lname);
			snprintf(r->reason, sizeof(r->reason),
				 "no authentication list '%s'", lname);
		} else if (list != &local_only) {
			log_dbg(aaa->log, DBG_AAA_AUTHENTICATION,
				"AAA/AUTHEN/START (%u): %s \"%s\" list", id,
				req->list ? "found" : "using", lname);
		}
	} else if (login && req->list) {
		/* Without aaa new-model the caller names the method itself:
		 * "line" (`login`) or "local" (`login local`). */
		local_only.methods[0] = strcmp(req->list, "line") == 0
						? AAA_METHOD_LINE
						: AAA_METHOD_LOCAL;
		list = &local_only;
	} else {
		list = &local_only;
	}
	for (size_t i = 0; list && i < list->n; i++) {
		log_dbg(aaa->log, DBG_AAA_AUTHENTICATION,
			"AAA/AUTHEN/START (%u): Method=%s", id,
			method_name(list->methods[i]));
		r->reason[0] = '\0';
		st = run_method(aaa, r, list->methods[i], list->groups[i],
				req);
		if (st != M_ERROR)
			break;
	}
	r->ok = st == M_PASS;
	if (st == M_PASS)
		r->reason[0] = '\0';
	log_dbg(aaa->log, DBG_AAA_AUTHENTICATION,
		"AAA/AUTHEN (%u): status = %s", id,
		st == M_PASS ? "PASS" : st == M_FAIL ? "FAIL" : "ERROR");
	r->ppp = !login;
	if (r->ok && r->ppp && !authorize_lcp(aaa, r, req))
		r->ok = false;
	timer_init(&r->t, aaa->ts, aaa_req_fire, r);
	r->next = aaa->pending;
	aaa->pending = r;
	timer_arm(&r->t, 0);
	return r;
}

void aaa_cancel(struct aaa_req *req)
{
	if (!req)
		return;
	timer_cancel(&req->t);
	aaa_req_unlink(req);
	memset(&req->user, 0, sizeof(req->user));
	free(req);
}
