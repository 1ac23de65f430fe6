/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aaa.h - authentication, authorisation and accounting for PPP and login.
 *
 * An asynchronous interface: a caller (a PPP session) submits a request and
 * gets exactly one answer through its callback, always later (from a timer
 * on the shared heap, never from inside aaa_authenticate()), so callers
 * never see re-entrant answers.  A pending request can be cancelled (the
 * session went away); its callback is then never called.
 *
 * Method lists follow IOS: without `aaa new-model`, PPP authentication uses
 * the local `username` database; with it, `aaa authentication ppp
 * default|NAME METHOD...` lists the methods tried in order.  A method that
 * answers PASS or FAIL ends the list; a method that cannot answer (ERROR:
 * e.g. a RADIUS group not available yet) passes to the next one (IOS
 * semantics).  Methods: local (case-insensitive user name), local-case,
 * none (always PASS), group NAME (ERROR until RADIUS exists), and for EXEC
 * logins line (the line password) and enable (the enable secret).
 * Without `aaa new-model`, an EXEC login names its method as the list:
 * "line" (IOS `login`: the line password) or "local" (`login local`).
 *
 * A PPP authentication that passes is followed, in the same request, by
 * network authorisation (service=ppp protocol=lcp), as IOS does before it
 * sends CHAP Success: with `aaa new-model` the `aaa authorization network
 * default` list runs (local: the user's callback attributes; none and
 * if-authenticated: pass without attributes; group: ERROR until RADIUS,
 * then the next method); without a list no authorisation happens and no
 * callback attributes apply (IOS).  Without `aaa new-model` the local
 * entry's attributes apply directly.  An authorisation FAIL fails the
 * authentication ("authorization failed").
 *
 * The user database is plain data built by the daemon from the
 * configuration; passwords are held in clear (needed for CHAP) and never
 * logged.
 */
#ifndef NASD_AAA_H
#define NASD_AAA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "timer.h"

#define AAA_NAME_MAX 64
#define AAA_SECRET_MAX 128
#define AAA_DIAL_MAX 64

/* One local user (IOS `username ...`). */
struct aaa_user {
	char name[AAA_NAME_MAX];
	char password[AAA_SECRET_MAX]; /* clear text; "" if none */
	bool has_password;
	char secret_hash[AAA_SECRET_MAX]; /* `secret 5` MD5-crypt; "" none */
	/* Callback attributes (seed 001/003); used by the callback issue. */
	bool has_callback_dialstring;
	char callback_dialstring[AAA_DIAL_MAX]; /* "" = client supplies it */
	int callback_rotary;                    /* -1 none */
	int callback_line_first, callback_line_last; /* -1 none */
	bool nocallback_verify;
};

enum aaa_method {
	AAA_METHOD_LOCAL,
	AAA_METHOD_LOCAL_CASE,
	AAA_METHOD_NONE,
	AAA_METHOD_GROUP,
	AAA_METHOD_LINE,   /* the line's `password` (login only) */
	AAA_METHOD_ENABLE, /* the enable secret/password (login only) */
};

#define AAA_METHODS_MAX 4

/*
 * The result of network authorisation of a PPP user (IOS `aaa
 * authorization network`; without `aaa new-model`, the local entry
 * itself): the attribute-value pairs of service=ppp protocol=lcp that
 * callback needs (seed 001's "Processing AV callback-dialstring=").  Later
 * RADIUS fills the same struct from Callback-Number / Cisco-AVPair.
 */
struct aaa_authz {
	bool done;          /* authorisation ran and passed */
	bool callback;      /* a callback-dialstring is present */
	char dialstring[AAA_DIAL_MAX]; /* "" = the client names the number */
	int rotary;         /* callback-rotary, -1 none */
	int line_first, line_last; /* callback-line range, -1 none */
	bool nocallback_verify;
};

struct aaa_method_list {
	char name[AAA_NAME_MAX]; /* "default" or the list name */
	enum aaa_method methods[AAA_METHODS_MAX];
	char groups[AAA_METHODS_MAX][AAA_NAME_MAX]; /* for AAA_METHOD_GROUP */
	size_t n;
};

/* Immutable snapshot of users and method lists. */
struct aaa_db {
	struct aaa_user *users;
	size_t n_users;
	bool new_model;                  /* `aaa new-model` */
	struct aaa_method_list *ppp_lists; /* `aaa authentication ppp` */
	size_t n_ppp_lists;
	struct aaa_method_list *login_lists; /* `aaa authentication login` */
	size_t n_login_lists;
	/* `aaa authorization network` (an unnamed list is "default") */
	struct aaa_method_list *network_lists;
	size_t n_network_lists;
	char enable_secret[AAA_SECRET_MAX];   /* MD5-crypt hash, "" none */
	char enable_password[AAA_SECRET_MAX]; /* clear, "" none */
	/* Index of users by case-folded name, built by aaa_set_db() (an
	 * LNS with thousands of `username` lines looks one up per call):
	 * head[hash] and next[i] chain user indexes + 1 in configuration
	 * order; 0 ends a chain.  NULL until built. */
	uint32_t *idx_head, *idx_next;
	size_t idx_cap;                       /* power of two */
	size_t idx_n; /* users indexed: a db changed after aaa_set_db()
		       * (tests add users) is searched linearly */
};

enum aaa_auth_type {
	AAA_AUTH_PAP,      /* PPP PAP: user name and password */
	AAA_AUTH_CHAP_MD5, /* PPP CHAP: the response to check */
	AAA_AUTH_LOGIN,    /* EXEC login: user name and password, with the
			    * `aaa authentication login` lists */
};

struct aaa_auth_req {
	enum aaa_auth_type type;
	const char *user;
	const char *list; /* method list name; NULL = "default" */
	const char *port; /* "Async1": for debug lines */
	const char *port_short; /* "As1": for authorisation lines; NULL =
				 * port */
	/* PAP, LOGIN */
	const uint8_t *password;
	size_t password_len;
	/* LOGIN: the line's `password` for method `line` (NULL = none) */
	const char *line_password;
	/* CHAP */
	uint8_t chap_id;
	const uint8_t *challenge;
	size_t challenge_len;
	const uint8_t *response;
	size_t response_len;
};

struct aaa_result {
	bool ok;
	const char *reason;          /* why it failed, for the log */
	const struct aaa_user *user; /* the matched local entry, or NULL;
				      * valid only during the callback */
	/* PPP (PAP, CHAP) that passed: the network authorisation that
	 * followed (authz->done false when none applies).  Valid only
	 * during the callback; NULL for logins. */
	const struct aaa_authz *authz;
};

typedef void (*aaa_done_fn)(void *arg, const struct aaa_result *r);

struct aaa;
struct aaa_req;

/* Create the AAA service on a timer heap.  NULL on allocation failure. */
struct aaa *aaa_new(struct timers *ts, const struct logger *log);
/* Free; pending requests are cancelled. */
void aaa_free(struct aaa *aaa);

/* Replace the database.  `db` is taken over (freed by aaa_free or the next
 * aaa_set_db); requests in flight keep their answer. */
void aaa_set_db(struct aaa *aaa, struct aaa_db *db);
/* Free a database built by the caller. */
void aaa_db_free(struct aaa_db *db);

/*
 * Start an authentication.  The request's buffers are copied.  Returns a
 * handle, or NULL when out of memory (no callback then).  `done` is called
 * exactly once, later, unless aaa_cancel() is called first.
 */
struct aaa_req *aaa_authenticate(struct aaa *aaa,
				 const struct aaa_auth_req *req,
				 aaa_done_fn done, void *arg);

/* Cancel a pending request; its callback will not run. */
void aaa_cancel(struct aaa_req *req);

/*
 * The clear-text secret of local user `name` (CHAP as a peer uses the
 * entry named after the authenticator, as IOS does).  Copies at most
 * `size` octets into out, sets *len; returns false if unknown or the user
 * has only a hashed secret.
 */
bool aaa_local_secret(const struct aaa *aaa, const char *name, uint8_t *out,
		      size_t size, size_t *len);

/* Look a local user up (case-insensitive name); NULL if absent. */
const struct aaa_user *aaa_local_user(const struct aaa *aaa,
				      const char *name);

#endif
