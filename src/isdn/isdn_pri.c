/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * isdn_pri.c - the libpri adapter of isdn_pri.h: D-channel I/O through
 * callbacks (2 dummy FCS octets added on read, stripped on write), libpri's
 * timers on our timer heap, events copied into plain structs, and the
 * process-global libpri message hooks routed to per-instance loggers.
 */
#include "isdn_pri.h"

#include <libpri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "q931.h"

#define FCS_LEN 2 /* libpri's frames end with an FCS the driver checked */
#define FRAME_MAX 512

struct isdn_pri {
	struct pri *pri;
	bool network;
	enum isdn_pri_kind kind;
	bool up;
	const struct isdn_pri_ops *ops;
	void *ctx;
	struct timers *ts;
	const struct logger *lg;
	char name[32];
	struct timer sched;
	/* the frame pri_check_event() is about to read */
	uint8_t in[FRAME_MAX + FCS_LEN];
	size_t in_len;
	bool in_full;
};

static const char *const ev_names[] = {
#define ISDN_EV_NAME(e, s) s,
	ISDN_PRI_EVENTS(ISDN_EV_NAME)
#undef ISDN_EV_NAME
};
_Static_assert(sizeof(ev_names) / sizeof(ev_names[0]) == ISDN_EV__COUNT,
	       "one name per event");

const char *isdn_pri_ev_name(enum isdn_pri_ev ev)
{
	return (unsigned)ev < ISDN_EV__COUNT ? ev_names[ev] : "?";
}

/* libpri's hooks take no context but the struct pri, whose userdata is
 * ours: route each line to the instance's logger. */
static void hook_line(struct pri *pri, const char *s, bool error)
{
	struct isdn_pri *p = pri ? pri_get_userdata(pri) : NULL;
	size_t n = strlen(s);

	if (!p)
		return;
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 0)
		return;
	if (error)
		log_printf(p->lg, LOG_LVL_WARN, "%%ISDN-4-LIBPRI: %s: %.*s",
			   p->name, (int)n, s);
	else if (log_debug_on(p->lg, DBG_ISDN_EVENTS))
		log_printf(p->lg, LOG_LVL_DEBUG, "ISDN %s: libpri: %.*s",
			   p->name, (int)n, s);
}

static void hook_message(struct pri *pri, char *s)
{
	hook_line(pri, s, false);
}

static void hook_error(struct pri *pri, char *s)
{
	hook_line(pri, s, true);
}

/* Process-global by libpri's design: installed once, idempotent. */
static bool hooks_installed;

/*
 * libpri 1.6 has no destructor for a struct pri.  A retired one is kept
 * here, detached from us, so that it stays reachable (not a leak for
 * LeakSanitizer) and nothing of it runs again; about 20 KB per D-channel
 * torn down, which happens when an attachment is lost or reconfigured.
 */
static struct pri **retired;
static size_t nretired, capretired;

static void retire(struct pri *pri)
{
	if (nretired == capretired) {
		size_t cap = capretired ? 2 * capretired : 8;
		struct pri **v = realloc(retired, cap * sizeof(*v));

		if (!v)
			return; /* then it is simply lost */
		retired = v;
		capretired = cap;
	}
	retired[nretired++] = pri;
}

static int io_read(struct pri *pri, void *buf, int buflen)
{
	struct isdn_pri *p = pri_get_userdata(pri);
	size_t n;

	if (!p || !p->in_full)
		return -1;
	p->in_full = false;
	n = p->in_len + FCS_LEN;
	if (buflen < 0 || n > (size_t)buflen)
		return -1;
	memcpy(buf, p->in, n);
	return (int)n;
}

static int io_write(struct pri *pri, void *buf, int buflen)
{
	struct isdn_pri *p = pri_get_userdata(pri);

	if (!p || buflen < FCS_LEN)
		return buflen;
	p->ops->send(p->ctx, buf, (size_t)buflen - FCS_LEN);
	return buflen;
}

static void copy_str(char *dst, const char *src)
{
	size_t n = strnlen(src, ISDN_NUMBER_MAX);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int chan_of(int encoded)
{
	int ch;

	if (encoded < 0)
		return 0;
	ch = encoded & 0xFF;
	return ch == 0xFF ? 0 : ch;
}

static void dispatch(struct isdn_pri *p, const pri_event *e)
{
	struct isdn_pri_event ev;

	if (!e)
		return;
	memset(&ev, 0, sizeof(ev));
	switch (e->e) {
	case PRI_EVENT_DCHAN_UP:
		p->up = true;
		ev.type = ISDN_EV_DCHAN_UP;
		break;
	case PRI_EVENT_DCHAN_DOWN:
		p->up = false;
		ev.type = ISDN_EV_DCHAN_DOWN;
		break;
	case PRI_EVENT_RING:
		ev.type = ISDN_EV_RING;
		ev.call = e->ring.call;
		ev.channel = chan_of(e->ring.channel);
		ev.cref = e->ring.cref;
		ev.bearer = e->ring.ctype;
		copy_str(ev.calling, e->ring.callingnum);
		copy_str(ev.called, e->ring.callednum);
		break;
	case PRI_EVENT_PROCEEDING:
		ev.type = ISDN_EV_PROCEEDING;
		ev.call = e->proceeding.call;
		ev.channel = chan_of(e->proceeding.channel);
		break;
	case PRI_EVENT_RINGING:
		ev.type = ISDN_EV_RINGING;
		ev.call = e->ringing.call;
		ev.channel = chan_of(e->ringing.channel);
		break;
	case PRI_EVENT_ANSWER:
		ev.type = ISDN_EV_ANSWER;
		ev.call = e->answer.call;
		ev.channel = chan_of(e->answer.channel);
		break;
	case PRI_EVENT_CONNECT_ACK:
		ev.type = ISDN_EV_CONNECT_ACK;
		ev.call = e->connect_ack.call;
		ev.channel = chan_of(e->connect_ack.channel);
		break;
	case PRI_EVENT_HANGUP_REQ:
		ev.type = ISDN_EV_HANGUP_REQ;
		ev.call = e->hangup.call;
		ev.channel = chan_of(e->hangup.channel);
		ev.cause = e->hangup.cause;
		break;
	case PRI_EVENT_HANGUP:
		ev.type = ISDN_EV_HANGUP;
		ev.call = e->hangup.call;
		ev.channel = chan_of(e->hangup.channel);
		ev.cause = e->hangup.cause;
		break;
	case PRI_EVENT_HANGUP_ACK:
		ev.type = ISDN_EV_HANGUP_ACK;
		ev.call = e->hangup.call;
		ev.channel = chan_of(e->hangup.channel);
		ev.cause = e->hangup.cause;
		break;
	default:
		ev.type = ISDN_EV_OTHER;
		ev.cause = e->e;
		break;
	}
	if (log_debug_on(p->lg, DBG_ISDN_EVENTS))
		log_printf(p->lg, LOG_LVL_DEBUG,
			   "ISDN %s: Event: %s (libpri %s)%s%.0d", p->name,
			   isdn_pri_ev_name(ev.type), pri_event2str(e->e),
			   ev.channel ? ", B" : "", ev.channel);
	p->ops->event(p->ctx, &ev);
}

static void schedule(struct isdn_pri *p);

static void sched_fire(void *arg)
{
	struct isdn_pri *p = arg;
	const pri_event *e = pri_schedule_run(p->pri);

	dispatch(p, e);
	schedule(p);
}

/* Arm our timer for libpri's next deadline (absolute wall time). */
static void schedule(struct isdn_pri *p)
{
	struct timeval *next = pri_schedule_next(p->pri);
	struct timeval now;
	int64_t ms;

	if (!next) {
		timer_cancel(&p->sched);
		return;
	}
	gettimeofday(&now, NULL);
	ms = ((int64_t)next->tv_sec - now.tv_sec) * 1000 +
	     ((int64_t)next->tv_usec - now.tv_usec) / 1000;
	timer_arm(&p->sched, ms < 0 ? 0 : (uint64_t)ms + 1);
}

struct isdn_pri *isdn_pri_new(bool network, enum isdn_pri_kind kind,
			      int switchtype, const struct isdn_pri_ops *ops,
			      void *ctx, struct timers *ts,
			      const struct logger *lg, const char *name)
{
	struct isdn_pri *p = calloc(1, sizeof(*p));
	int node = network ? PRI_NETWORK : PRI_CPE;

	if (!p)
		return NULL;
	if (!hooks_installed) {
		pri_set_message(hook_message);
		pri_set_error(hook_error);
		hooks_installed = true;
	}
	p->network = network;
	p->kind = kind;
	p->ops = ops;
	p->ctx = ctx;
	p->ts = ts;
	p->lg = lg;
	snprintf(p->name, sizeof(p->name), "%s", name);
	timer_init(&p->sched, ts, sched_fire, p);
	/* fd -1: every frame goes through the callbacks. */
	if (kind == ISDN_PRI_BRI)
		p->pri = pri_new_bri_cb(-1, 1, node, switchtype, io_read,
					io_write, p);
	else
		p->pri = pri_new_cb(-1, node, switchtype, io_read, io_write,
				    p);
	if (!p->pri) {
		free(p);
		return NULL;
	}
	pri_set_debug(p->pri, 0);
	schedule(p);
	return p;
}

void isdn_pri_free(struct isdn_pri *p)
{
	if (!p)
		return;
	timer_cancel(&p->sched);
	/* Detach it so that late hooks and callbacks find nothing. */
	pri_set_userdata(p->pri, NULL);
	retire(p->pri);
	free(p);
}

void isdn_pri_input(struct isdn_pri *p, const uint8_t *frame, size_t len)
{
	const pri_event *e;

	if (len > FRAME_MAX)
		return;
	memcpy(p->in, frame, len);
	memset(p->in + len, 0, FCS_LEN);
	p->in_len = len;
	p->in_full = true;
	e = pri_check_event(p->pri);
	p->in_full = false;
	dispatch(p, e);
	schedule(p);
}

bool isdn_pri_up(const struct isdn_pri *p)
{
	return p->up;
}

struct q931_call *isdn_pri_call(struct isdn_pri *p, int channel, int bearer,
				const char *called, const char *calling)
{
	struct q931_call *c;
	struct pri_sr *sr;
	int l1 = p->kind == ISDN_PRI_E1 ? PRI_LAYER_1_ALAW : PRI_LAYER_1_ULAW;
	int plan = p->network ? PRI_LOCAL_ISDN : PRI_NATIONAL_ISDN;
	int rc;

	if (!p->up)
		return NULL;
	c = pri_new_call(p->pri);
	sr = pri_sr_new();
	if (!c || !sr) {
		if (c)
			pri_destroycall(p->pri, c);
		pri_sr_free(sr);
		return NULL;
	}
	if (bearer == Q931_CAP_DIGITAL || bearer == Q931_CAP_RESTRICTED)
		l1 = 0;
	pri_sr_set_channel(sr, channel, channel > 0, 0);
	pri_sr_set_bearer(sr, bearer, l1);
	pri_sr_set_called(sr, (char *)called, plan, 1);
	if (calling && *calling)
		pri_sr_set_caller(sr, (char *)calling, NULL, plan,
				  PRES_ALLOWED_USER_NUMBER_NOT_SCREENED);
	rc = pri_setup(p->pri, c, sr);
	pri_sr_free(sr);
	schedule(p);
	if (rc != 0) {
		pri_destroycall(p->pri, c);
		return NULL;
	}
	return c;
}

int isdn_pri_proceeding(struct isdn_pri *p, struct q931_call *c, int channel)
{
	int rc = pri_proceeding(p->pri, c, channel, 0);

	schedule(p);
	return rc ? -1 : 0;
}

int isdn_pri_alerting(struct isdn_pri *p, struct q931_call *c, int channel)
{
	int rc = pri_acknowledge(p->pri, c, channel, 0);

	schedule(p);
	return rc ? -1 : 0;
}

int isdn_pri_answer(struct isdn_pri *p, struct q931_call *c, int channel)
{
	int rc = pri_answer(p->pri, c, channel, 0);

	schedule(p);
	return rc ? -1 : 0;
}

void isdn_pri_hangup(struct isdn_pri *p, struct q931_call *c, int cause)
{
	pri_hangup(p->pri, c, cause);
	schedule(p);
}

void isdn_pri_refuse(struct isdn_pri *p, struct q931_call *c, int channel,
		     int cause)
{
	if (!p->network && channel > 0)
		pri_proceeding(p->pri, c, channel, 0);
	pri_hangup(p->pri, c, cause);
	schedule(p);
}

int isdn_pri_switch_type(const char *w)
{
	static const struct {
		const char *ios;
		int pri;
	} map[] = {
		{"primary-5ess", PRI_SWITCH_LUCENT5E},
		{"primary-4ess", PRI_SWITCH_ATT4ESS},
		{"primary-dms100", PRI_SWITCH_DMS100},
		{"primary-ni", PRI_SWITCH_NI2},
		{"primary-net5", PRI_SWITCH_EUROISDN_E1},
		{"primary-ntt", PRI_SWITCH_EUROISDN_T1},
		{"primary-qsig", PRI_SWITCH_QSIG},
		{"basic-5ess", PRI_SWITCH_LUCENT5E},
		{"basic-dms100", PRI_SWITCH_DMS100},
		{"basic-ni", PRI_SWITCH_NI1},
		{"basic-net3", PRI_SWITCH_EUROISDN_E1},
		{"basic-ntt", PRI_SWITCH_EUROISDN_T1},
		{"basic-qsig", PRI_SWITCH_QSIG},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].ios, w) == 0)
			return map[i].pri;
	return -1;
}
