/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pstn_wire.c - codec of the phone-network attachment protocol and the
 * numbering plan (see pstn_wire.h, doc/pstn-protocol.md).
 */
#include "pstn_wire.h"

#include <errno.h>
#include <string.h>

static const struct {
	uint8_t v;
	const char *name;
} msg_names[] = {
#define PSTN_MSG_NAME(e, v, s) {v, s},
	PSTN_MSGS(PSTN_MSG_NAME)
#undef PSTN_MSG_NAME
};

static const struct {
	uint8_t v;
	const char *name;
} role_names[] = {
#define PSTN_ROLE_NAME(e, v, s) {v, s},
	PSTN_ROLES(PSTN_ROLE_NAME)
#undef PSTN_ROLE_NAME
};

const char *pstn_msg_name(uint8_t type)
{
	for (size_t i = 0; i < sizeof(msg_names) / sizeof(msg_names[0]); i++)
		if (msg_names[i].v == type)
			return msg_names[i].name;
	return "?";
}

const char *pstn_role_name(uint8_t role)
{
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]);
	     i++)
		if (role_names[i].v == role)
			return role_names[i].name;
	return "?";
}

static bool all_digits(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return n > 0;
}

int pstn_wire_decode(const uint8_t *msg, size_t len, struct pstn_wire_msg *out,
		     const char **why)
{
	struct rd r = rd_init(msg, len);
	size_t n;

	memset(out, 0, sizeof(*out));
	*why = NULL;
	if (!rd_u8(&r, &out->type) || !rd_u8(&r, &out->channel)) {
		*why = "message shorter than its header";
		return -EPROTO;
	}
	if (out->channel > 31) {
		*why = "channel above 31";
		return -EPROTO;
	}
	n = rd_left(&r);
	if (n > PSTN_WIRE_MAX_PAYLOAD) {
		*why = "payload too long";
		return -EPROTO;
	}
	switch (out->type) {
	case PSTN_MSG_ATTACH:
		if (out->channel != 0) {
			*why = "ATTACH must be on channel 0";
			return -EPROTO;
		}
		if (!rd_u8(&r, &out->role) ||
		    strcmp(pstn_role_name(out->role), "?") == 0) {
			*why = "ATTACH without a known role";
			return -EPROTO;
		}
		n = rd_left(&r);
		if (n > PSTN_NUMBER_MAX || !all_digits(r.p, n)) {
			*why = "ATTACH number must be 1-32 digits";
			return -EPROTO;
		}
		rd_bytes(&r, out->number, n);
		out->number[n] = '\0';
		return 0;
	case PSTN_MSG_ATTACHED:
	case PSTN_MSG_ERROR:
		out->text = (const char *)r.p;
		out->text_len = n;
		return 0;
	case PSTN_MSG_DATA:
	case PSTN_MSG_DCHAN:
		out->data = r.p;
		out->data_len = n;
		return 0;
	case PSTN_MSG_SIGNALS:
		if (n != 1 || !rd_u8(&r, &out->signals)) {
			*why = "SIGNALS payload must be one octet";
			return -EPROTO;
		}
		return 0;
	case PSTN_MSG_CARRIER:
		if (n != 4 || !rd_u32(&r, &out->speed_bps)) {
			*why = "CARRIER payload must be four octets";
			return -EPROTO;
		}
		return 0;
	default:
		*why = "unknown message type";
		return -EPROTO;
	}
}

void pstn_wire_put_attach(struct wr *w, enum pstn_role role,
			  const char *number)
{
	wr_u8(w, PSTN_MSG_ATTACH);
	wr_u8(w, 0);
	wr_u8(w, (uint8_t)role);
	wr_bytes(w, number, strlen(number));
}

void pstn_wire_put_text(struct wr *w, enum pstn_msg type, const char *text)
{
	size_t n = strlen(text);

	if (n > PSTN_WIRE_MAX_PAYLOAD)
		n = PSTN_WIRE_MAX_PAYLOAD;
	wr_u8(w, (uint8_t)type);
	wr_u8(w, 0);
	wr_bytes(w, text, n);
}

void pstn_wire_put_data(struct wr *w, enum pstn_msg type, uint8_t channel,
			const void *data, size_t len)
{
	if (len > PSTN_WIRE_MAX_PAYLOAD) {
		w->overflow = true; /* callers split long data themselves */
		return;
	}
	wr_u8(w, (uint8_t)type);
	wr_u8(w, channel);
	wr_bytes(w, data, len);
}

void pstn_wire_put_signals(struct wr *w, uint8_t channel, uint8_t signals)
{
	wr_u8(w, PSTN_MSG_SIGNALS);
	wr_u8(w, channel);
	wr_u8(w, signals);
}

void pstn_wire_put_carrier(struct wr *w, uint8_t channel, uint32_t speed_bps)
{
	wr_u8(w, PSTN_MSG_CARRIER);
	wr_u8(w, channel);
	wr_u32(w, speed_bps);
}

int pstn_number_normalise(const char *dial, char *out, size_t out_size)
{
	size_t n = 0;

	for (const char *p = dial; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= out_size || n >= PSTN_NUMBER_MAX)
				return -ENAMETOOLONG;
			out[n++] = *p;
		} else if (!strchr("- ().+", *p)) {
			return -EINVAL;
		}
	}
	if (n == 0)
		return -EINVAL;
	out[n] = '\0';
	return (int)n;
}

bool pstn_number_matches(const char *dialled, const char *number)
{
	size_t dl = strlen(dialled), nl = strlen(number);

	if (dl == 0 || nl == 0)
		return false;
	if (strcmp(dialled, number) == 0)
		return true;
	/* The long-distance prefix "1" in front of the subscriber's number. */
	if (dialled[0] == '1' && strcmp(dialled + 1, number) == 0)
		return true;
	/* A local call: the last 7 digits of a 10-digit number. */
	if (nl == 10) {
		const char *local = number + 3;
		if (strcmp(dialled, local) == 0)
			return true;
		if (dialled[0] == '1' && strcmp(dialled + 1, local) == 0)
			return true;
	}
	return false;
}

int pstn_device_parse(const char *device, char *path, size_t path_size,
		      char *number, size_t number_size)
{
	const char *p, *colon;
	char num[PSTN_NUMBER_MAX + 1];
	size_t plen;
	int n;

	if (strncmp(device, "pstn:", 5) != 0)
		return -ENOENT;
	p = device + 5;
	colon = strrchr(p, ':');
	if (!colon || colon == p)
		return -EINVAL;
	plen = (size_t)(colon - p);
	if (plen >= path_size)
		return -ENAMETOOLONG;
	n = pstn_number_normalise(colon + 1, num, sizeof(num));
	if (n < 0)
		return n == -ENAMETOOLONG ? n : -EINVAL;
	if ((size_t)n >= number_size)
		return -ENAMETOOLONG;
	memcpy(path, p, plen);
	path[plen] = '\0';
	memcpy(number, num, (size_t)n + 1);
	return 0;
}
