/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_session_common.h - the PPP session owner callbacks both session
 * harnesses (fuzz_session.c, fuzz_session_proxy.c) share: a log sink that
 * prints with FUZZ_SESSION_TRACE=1, no-op link and IP callbacks, a fixed
 * "random" source (reproducible runs) and addresses from g_pool, which the
 * harness creates.  Included by one harness per executable.
 */
#ifndef NASD_FUZZ_SESSION_COMMON_H
#define NASD_FUZZ_SESSION_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "ppp_session.h"

static struct pool *g_pool;

/* FUZZ_SESSION_TRACE=1 prints the debug lines: how a corpus entry was
 * checked to reach a given phase. */
static void sink(void *ctx, enum log_level lvl, const char *line)
{
	static int trace = -1;

	(void)ctx;
	(void)lvl;
	if (trace < 0)
		trace = getenv("FUZZ_SESSION_TRACE") != NULL;
	if (trace)
		fprintf(stderr, "%s\n", line);
}

static void params(void *ctx, const struct lcp_neg *neg)
{
	(void)ctx;
	(void)neg;
}

static void ipup(void *ctx, uint32_t l, uint32_t p, uint16_t m)
{
	(void)ctx;
	(void)l;
	(void)p;
	(void)m;
}

static void ipdown(void *ctx, uint32_t l, uint32_t p)
{
	(void)ctx;
	(void)l;
	(void)p;
}

static void ipin(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
}

static void rnd(void *ctx, void *b, size_t n)
{
	(void)ctx;
	memset(b, 0x5a, n);
}

static bool palloc(void *ctx, const char *name, uint32_t *a)
{
	(void)ctx;
	(void)name;
	return pool_alloc(g_pool, a);
}

static void prelease(void *ctx, const char *name, uint32_t a)
{
	(void)ctx;
	(void)name;
	pool_release(g_pool, a);
}

#endif /* NASD_FUZZ_SESSION_COMMON_H */
