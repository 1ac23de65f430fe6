/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config.c - life cycle of configuration snapshots (new, ref, clone, free),
 * lookups and Group-Async inheritance (config.h).
 */
#include "conf_int.h"
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_X_NAME(e, s) [e] = s,
const char *const config_encap_names[CONFIG_ENCAP__COUNT] = {
	CONFIG_ENCAPS(CONFIG_X_NAME)};
const char *const config_auth_names[CONFIG_AUTH__COUNT] = {
	CONFIG_AUTHS(CONFIG_X_NAME)};
const char *const config_callback_names[CONFIG_CALLBACK__COUNT] = {
	CONFIG_CALLBACKS(CONFIG_X_NAME)};
const char *const config_line_kind_names[CONFIG_LINE__COUNT] = {
	CONFIG_LINE_KINDS(CONFIG_X_NAME)};
const char *const config_script_names[CONFIG_SCRIPT__COUNT] = {
	CONFIG_SCRIPTS(CONFIG_X_NAME)};
const char *const config_method_names[CONFIG_METHOD__COUNT] = {
	CONFIG_METHODS(CONFIG_X_NAME)};
const char *const config_aaa_service_names[CONFIG_AAA__COUNT] = {
	CONFIG_AAA_SERVICES(CONFIG_X_NAME)};
const char *const config_block_names[CONFIG_BLOCK__COUNT] = {
	CONFIG_BLOCKS(CONFIG_X_NAME)};
const char *const config_parity_names[CONFIG_PARITY__COUNT] = {
	CONFIG_DIALER_PARITIES(CONFIG_X_NAME)};
const char *const config_idle_dir_names[CONFIG_IDLE__COUNT] = {
	CONFIG_IDLE_DIRS(CONFIG_X_NAME)};
const char *const config_cbserver_names[CONFIG_CBSERVER__COUNT] = {
	CONFIG_CALLBACK_SERVERS(CONFIG_X_NAME)};
const char *const config_acl_action_names[CONFIG_ACL__COUNT] = {
	CONFIG_ACL_ACTIONS(CONFIG_X_NAME)};
const char *const config_port_op_names[CONFIG_PORT__COUNT] = {
	CONFIG_PORT_OPS(CONFIG_X_NAME)};
const char *const config_dlist_kind_names[CONFIG_DLIST__COUNT] = {
	CONFIG_DLIST_KINDS(CONFIG_X_NAME)};
const char *const config_dialer_field_names[CONFIG_DLF__COUNT] = {
	CONFIG_DIALER_FIELDS(CONFIG_X_NAME)};
#undef CONFIG_X_NAME

static void *memdup(const void *p, size_t n)
{
	void *d;

	if (n == 0)
		return NULL;
	d = malloc(n);
	if (d)
		memcpy(d, p, n);
	return d;
}

int config_textv_add(struct config_textv *tv, int sec, const char *s)
{
	struct config_text *nv = realloc(tv->v, (tv->n + 1) * sizeof(*nv));

	if (!nv)
		return -ENOMEM;
	tv->v = nv;
	memset(&nv[tv->n], 0, sizeof(nv[tv->n]));
	nv[tv->n].sec = sec;
	snprintf(nv[tv->n].s, sizeof(nv[tv->n].s), "%s", s);
	tv->n++;
	return 0;
}

void config_textv_free(struct config_textv *tv)
{
	free(tv->v);
	tv->v = NULL;
	tv->n = 0;
}

static bool textv_dup(struct config_textv *dst, const struct config_textv *src)
{
	dst->n = src->n;
	dst->v = memdup(src->v, src->n * sizeof(*src->v));
	return src->n == 0 || dst->v;
}

static void block_free(struct config_block *b)
{
	config_textv_free(&b->lines);
	for (size_t i = 0; i < b->nsubs; i++)
		block_free(&b->subs[i]);
	free(b->subs);
	b->subs = NULL;
	b->nsubs = 0;
}

static bool block_dup(struct config_block *dst, const struct config_block *src)
{
	*dst = *src;
	dst->subs = NULL;
	dst->nsubs = 0;
	dst->lines.v = NULL;
	dst->lines.n = 0;
	if (!textv_dup(&dst->lines, &src->lines))
		return false;
	if (src->nsubs) {
		dst->subs = calloc(src->nsubs, sizeof(*dst->subs));
		if (!dst->subs)
			return false;
		dst->nsubs = src->nsubs;
		for (size_t i = 0; i < src->nsubs; i++)
			if (!block_dup(&dst->subs[i], &src->subs[i]))
				return false;
	}
	return true;
}

static void config_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nifs; i++) {
		config_textv_free(&cfg->ifs[i].extra);
		conf_dialer_free(&cfg->ifs[i].dialer);
	}
	for (size_t i = 0; i < cfg->nblocks; i++)
		block_free(&cfg->blocks[i]);
	conf_ddr_free(cfg);
	conf_vpdn_free(&cfg->vpdn);
	free(cfg->users);
	free(cfg->aaa);
	free(cfg->pools);
	free(cfg->chats);
	free(cfg->ifs);
	free(cfg->lines);
	free(cfg->blocks);
	config_textv_free(&cfg->extra);
	free(cfg);
}

struct config *config_new(void)
{
	struct config *cfg = calloc(1, sizeof(*cfg));

	if (!cfg)
		return NULL;
	cfg->refs = 1;
	snprintf(cfg->hostname, sizeof(cfg->hostname), "Router");
	cfg->ts_debug.kind = CONFIG_TS_UPTIME;
	cfg->ts_log.kind = CONFIG_TS_UPTIME;
	conf_vpdn_defaults(&cfg->vpdn);
	/* IOS always has a console, an aux port and five vtys. */
	if (!config_line_get(cfg, CONFIG_LINE_CON, 0) ||
	    !config_line_get(cfg, CONFIG_LINE_AUX, 0)) {
		config_free(cfg);
		return NULL;
	}
	for (unsigned i = 0; i < 5; i++) {
		if (!config_line_get(cfg, CONFIG_LINE_VTY, i)) {
			config_free(cfg);
			return NULL;
		}
	}
	return cfg;
}

struct config *config_ref(struct config *cfg)
{
	if (cfg)
		cfg->refs++;
	return cfg;
}

void config_unref(struct config *cfg)
{
	if (cfg && --cfg->refs == 0)
		config_free(cfg);
}

struct config *config_clone(const struct config *src)
{
	struct config *cfg = malloc(sizeof(*cfg));
	bool ok;

	if (!cfg)
		return NULL;
	*cfg = *src;
	cfg->refs = 1;
	cfg->users = memdup(src->users, src->nusers * sizeof(*src->users));
	cfg->aaa = memdup(src->aaa, src->naaa * sizeof(*src->aaa));
	cfg->pools = memdup(src->pools, src->npools * sizeof(*src->pools));
	cfg->chats = memdup(src->chats, src->nchats * sizeof(*src->chats));
	cfg->lines = memdup(src->lines, src->nlines * sizeof(*src->lines));
	cfg->ifs = calloc(src->nifs ? src->nifs : 1, sizeof(*cfg->ifs));
	cfg->blocks = calloc(src->nblocks ? src->nblocks : 1,
			     sizeof(*cfg->blocks));
	cfg->extra.v = NULL;
	cfg->extra.n = 0;
	/* Both copies first: each replaces src's pointers even when it
	 * fails, so config_free() below never frees src's arrays. */
	ok = conf_ddr_dup(cfg, src);
	ok = conf_vpdn_dup(&cfg->vpdn, &src->vpdn) && ok;
	ok = ok && (!src->nusers || cfg->users) && (!src->naaa || cfg->aaa) &&
	     (!src->npools || cfg->pools) && (!src->nchats || cfg->chats) &&
	     (!src->nlines || cfg->lines) && cfg->ifs && cfg->blocks &&
	     textv_dup(&cfg->extra, &src->extra);
	/* Copy element by element so a failure leaves a freeable config. */
	cfg->nifs = 0;
	for (size_t i = 0; ok && i < src->nifs; i++) {
		cfg->ifs[i] = src->ifs[i];
		cfg->nifs++;
		cfg->ifs[i].extra.v = NULL;
		cfg->ifs[i].extra.n = 0;
		/* The dialer copy first: it replaces the borrowed pointers
		 * even when it fails, so the free below never sees src's. */
		ok = conf_dialer_dup(&cfg->ifs[i].dialer, &src->ifs[i].dialer);
		ok = textv_dup(&cfg->ifs[i].extra, &src->ifs[i].extra) && ok;
	}
	cfg->nblocks = 0;
	for (size_t i = 0; ok && i < src->nblocks; i++) {
		cfg->nblocks++;
		ok = block_dup(&cfg->blocks[i], &src->blocks[i]);
	}
	if (!ok) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

/* ---- interfaces ---------------------------------------------------------- */

void config_if_defaults(struct config_if *cif)
{
	memset(cif, 0, sizeof(*cif));
	cif->timeout_retry_s = 2;
	cif->max_configure = 10;
	cif->max_failure = 5;
	cif->max_terminate = 2;
	cif->keepalive_s = 10;
	cif->mtu = 1500;
	cif->tcp_hc_conns = CONFIG_TCP_HC_CONNS_DEFAULT;
	conf_dialer_defaults(&cif->dialer);
}

struct config_if *config_if_find(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nifs; i++)
		if (strcmp(cfg->ifs[i].name, name) == 0)
			return &cfg->ifs[i];
	return NULL;
}

struct config_if *config_if_get(struct config *cfg, const struct ifname *id)
{
	char name[IFNAME_MAX];
	struct config_if *cif, *nv;
	size_t at = 0;

	ifname_canon(id, name, sizeof(name));
	cif = config_if_find(cfg, name);
	if (cif)
		return cif;
	nv = realloc(cfg->ifs, (cfg->nifs + 1) * sizeof(*nv));
	if (!nv)
		return NULL;
	cfg->ifs = nv;
	while (at < cfg->nifs && ifname_cmp(&cfg->ifs[at].id, id) < 0)
		at++;
	memmove(&cfg->ifs[at + 1], &cfg->ifs[at],
		(cfg->nifs - at) * sizeof(*nv));
	cfg->nifs++;
	cif = &cfg->ifs[at];
	config_if_defaults(cif);
	cif->id = *id;
	memcpy(cif->name, name, sizeof(name));
	return cif;
}

bool config_if_delete(struct config *cfg, const char *name)
{
	struct config_if *cif = config_if_find(cfg, name);
	size_t at;

	if (!cif)
		return false;
	at = (size_t)(cif - cfg->ifs);
	config_textv_free(&cif->extra);
	conf_dialer_free(&cif->dialer);
	memmove(&cfg->ifs[at], &cfg->ifs[at + 1],
		(cfg->nifs - at - 1) * sizeof(*cif));
	cfg->nifs--;
	return true;
}

/* Copy field f of src into dst (both struct config_if). */
static void copy_field(struct config_if *dst, const struct config_if *src,
		       enum config_if_field f)
{
	switch (f) {
	case CONFIG_IFF_DESCRIPTION:
		memcpy(dst->description, src->description,
		       sizeof(dst->description));
		break;
	case CONFIG_IFF_SHUTDOWN:
		dst->shutdown = src->shutdown;
		break;
	case CONFIG_IFF_IPADDR:
		dst->ip_mode = src->ip_mode;
		dst->ip_addr = src->ip_addr;
		dst->ip_mask = src->ip_mask;
		memcpy(dst->secondary, src->secondary, sizeof(dst->secondary));
		dst->nsecondary = src->nsecondary;
		memcpy(dst->unnumbered, src->unnumbered,
		       sizeof(dst->unnumbered));
		break;
	case CONFIG_IFF_ENCAP:
		dst->encap = src->encap;
		break;
	case CONFIG_IFF_ASYNC_MODE:
		dst->async_interactive = src->async_interactive;
		break;
	case CONFIG_IFF_PEER:
		dst->peer = src->peer;
		dst->peer_addr = src->peer_addr;
		memcpy(dst->peer_pool, src->peer_pool, sizeof(dst->peer_pool));
		break;
	case CONFIG_IFF_PPP_AUTH:
		memcpy(dst->auth, src->auth, sizeof(dst->auth));
		dst->nauth = src->nauth;
		dst->auth_callin = src->auth_callin;
		memcpy(dst->auth_list, src->auth_list, sizeof(dst->auth_list));
		break;
	case CONFIG_IFF_CHAP_HOSTNAME:
		memcpy(dst->chap_hostname, src->chap_hostname,
		       sizeof(dst->chap_hostname));
		break;
	case CONFIG_IFF_CHAP_PASSWORD:
		memcpy(dst->chap_password, src->chap_password,
		       sizeof(dst->chap_password));
		break;
	case CONFIG_IFF_PAP_SENT:
		memcpy(dst->pap_username, src->pap_username,
		       sizeof(dst->pap_username));
		memcpy(dst->pap_password, src->pap_password,
		       sizeof(dst->pap_password));
		break;
	case CONFIG_IFF_MAX_BAD_AUTH:
		dst->max_bad_auth = src->max_bad_auth;
		break;
	case CONFIG_IFF_IPCP_DNS:
		memcpy(dst->ipcp_dns, src->ipcp_dns, sizeof(dst->ipcp_dns));
		dst->nipcp_dns = src->nipcp_dns;
		break;
	case CONFIG_IFF_IPCP_WINS:
		memcpy(dst->ipcp_wins, src->ipcp_wins, sizeof(dst->ipcp_wins));
		dst->nipcp_wins = src->nipcp_wins;
		break;
	case CONFIG_IFF_TIMEOUT_RETRY:
		dst->timeout_retry_s = src->timeout_retry_s;
		break;
	case CONFIG_IFF_MAX_CONFIGURE:
		dst->max_configure = src->max_configure;
		break;
	case CONFIG_IFF_MAX_FAILURE:
		dst->max_failure = src->max_failure;
		break;
	case CONFIG_IFF_MAX_TERMINATE:
		dst->max_terminate = src->max_terminate;
		break;
	case CONFIG_IFF_KEEPALIVE:
		dst->keepalive_s = src->keepalive_s;
		break;
	case CONFIG_IFF_MTU:
		dst->mtu = src->mtu;
		break;
	case CONFIG_IFF_CALLBACK:
		dst->callback = src->callback;
		memcpy(dst->callback_number, src->callback_number,
		       sizeof(dst->callback_number));
		break;
	case CONFIG_IFF_CALLBACK_MCB:
		dst->cbcp_ack_strict = src->cbcp_ack_strict;
		dst->cbcp_retries = src->cbcp_retries;
		break;
	case CONFIG_IFF_TCP_HC:
		dst->tcp_hc = src->tcp_hc;
		break;
	case CONFIG_IFF_TCP_HC_CONNS:
		dst->tcp_hc_conns = src->tcp_hc_conns;
		break;
	case CONFIG_IFF_GROUP_RANGE:
	case CONFIG_IFF__COUNT:
		break; /* group membership is not inherited */
	}
}

bool config_async_effective(const struct config *cfg, unsigned n,
			    struct config_if *out)
{
	const struct config_if *group = NULL, *member;
	struct ifname id = {.type = IF_ASYNC, .unit = n};
	char name[IFNAME_MAX];

	config_if_defaults(out);
	for (size_t i = 0; i < cfg->nifs && !group; i++) {
		const struct config_if *g = &cfg->ifs[i];

		if (g->id.type == IF_GROUP_ASYNC &&
		    (g->set & CONFIG_IFF_BIT(CONFIG_IFF_GROUP_RANGE)) &&
		    g->group_first <= n && n <= g->group_last)
			group = g;
	}
	member = config_if_find(cfg, ifname_canon(&id, name, sizeof(name)));
	if (!group && !member)
		return false;
	if (group) {
		*out = *group;
		out->set &= ~CONFIG_IFF_BIT(CONFIG_IFF_GROUP_RANGE);
		out->group_first = out->group_last = 0;
	}
	out->id = id;
	memcpy(out->name, name, sizeof(name));
	if (member) {
		for (int f = 0; f < CONFIG_IFF__COUNT; f++)
			if (member->set & CONFIG_IFF_BIT(f))
				copy_field(out, member,
					   (enum config_if_field)f);
		out->set |= member->set;
		conf_dialer_overlay(&out->dialer, &member->dialer);
		/* The member's own accepted-only lines replace the group's
		 * when it has any (IOS: member lines override). */
		if (member->extra.n)
			out->extra = member->extra;
	}
	return true;
}

/* ---- lines --------------------------------------------------------------- */

static int line_cmp(enum config_line_kind ka, unsigned na,
		    enum config_line_kind kb, unsigned nb)
{
	if (ka != kb)
		return ka < kb ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

/* Index of the first line not below (kind, num): lines are sorted, and a
 * `line 1 1023` touches a thousand of them, so this is a binary search. */
static size_t line_lower_bound(const struct config *cfg,
			       enum config_line_kind kind, unsigned num)
{
	size_t lo = 0, hi = cfg->nlines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (line_cmp(cfg->lines[mid].kind, cfg->lines[mid].num, kind,
			     num) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct config_line *config_line_find(const struct config *cfg,
				     enum config_line_kind kind, unsigned num)
{
	size_t at = line_lower_bound(cfg, kind, num);

	if (at < cfg->nlines && cfg->lines[at].kind == kind &&
	    cfg->lines[at].num == num)
		return &cfg->lines[at];
	return NULL;
}

struct config_line *config_line_get(struct config *cfg,
				    enum config_line_kind kind, unsigned num)
{
	struct config_line *l = config_line_find(cfg, kind, num), *nv;
	size_t at;

	if (l)
		return l;
	nv = realloc(cfg->lines, (cfg->nlines + 1) * sizeof(*nv));
	if (!nv)
		return NULL;
	cfg->lines = nv;
	at = line_lower_bound(cfg, kind, num);
	memmove(&cfg->lines[at + 1], &cfg->lines[at],
		(cfg->nlines - at) * sizeof(*nv));
	cfg->nlines++;
	l = &cfg->lines[at];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->num = num;
	return l;
}

bool config_line_settings_equal(const struct config_line_settings *a,
				const struct config_line_settings *b)
{
	for (int i = 0; i < CONFIG_SCRIPT__COUNT; i++)
		if (strcmp(a->script[i], b->script[i]) != 0)
			return false;
	return a->speed_bps == b->speed_bps &&
	       a->flow_hardware == b->flow_hardware &&
	       strcmp(a->device, b->device) == 0 && a->modem == b->modem &&
	       a->modem_busyout == b->modem_busyout &&
	       a->autoselect_ppp == b->autoselect_ppp &&
	       a->autoselect_during_login == b->autoselect_during_login &&
	       a->autoselect_arap == b->autoselect_arap &&
	       a->login == b->login &&
	       strcmp(a->login_list, b->login_list) == 0 &&
	       strcmp(a->password, b->password) == 0 &&
	       a->has_exec_timeout == b->has_exec_timeout &&
	       a->exec_timeout_min == b->exec_timeout_min &&
	       a->exec_timeout_s == b->exec_timeout_s &&
	       strcmp(a->transport_input, b->transport_input) == 0 &&
	       a->rotary == b->rotary &&
	       a->no_flush_at_activation == b->no_flush_at_activation &&
	       a->has_forced_wait == b->has_forced_wait &&
	       a->callback_forced_wait_s == b->callback_forced_wait_s &&
	       a->callback_retries == b->callback_retries &&
	       a->arap_enable == b->arap_enable;
}

/* ---- other lookups ------------------------------------------------------- */

struct config_user *config_user_find(const struct config *cfg,
				     const char *name)
{
	for (size_t i = 0; i < cfg->nusers; i++)
		if (strcmp(cfg->users[i].name, name) == 0)
			return &cfg->users[i];
	return NULL;
}

struct config_pool *config_pool_find(const struct config *cfg,
				     const char *name)
{
	for (size_t i = 0; i < cfg->npools; i++)
		if (strcmp(cfg->pools[i].name, name) == 0)
			return &cfg->pools[i];
	return NULL;
}

struct config_chat *config_chat_find(const struct config *cfg,
				     const char *name)
{
	for (size_t i = 0; i < cfg->nchats; i++)
		if (strcmp(cfg->chats[i].name, name) == 0)
			return &cfg->chats[i];
	return NULL;
}
