/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RTNL call sites outside rtnetlink handlers, keyed by the lock
 * function's caller, with figures of their own.
 */
#ifndef _RNT_SITES_H
#define _RNT_SITES_H

#include <linux/percpu.h>

#include "stats.h"

/* An RTNL user outside rtnetlink handlers, keyed by the lock's caller. */
struct rnt_site_stats {
	u64 count;
	struct rnt_times t;
	struct rnt_sets sets;
};

#define RNT_SITE_CHUNK		64	/* sites per per-CPU allocation */
static_assert(sizeof(struct rnt_site_stats) * RNT_SITE_CHUNK <= PCPU_MIN_UNIT_SIZE);

/* A site as read: most-held-first by rnt_sites_sorted(). */
struct rnt_site_ref {
	unsigned long ip;
	int idx;
	u64 count;
	struct rnt_times t;
};

extern struct rnt_site_stats __percpu **rnt_site_chunks;
int rnt_sites_init(void);
void rnt_sites_exit(void);
void rnt_sites_reset(void);
size_t rnt_sites_bytes(void);
int rnt_site_get(unsigned long ip);
int rnt_sites_sorted(struct rnt_site_ref **out);

/* The per-CPU figures of site @idx, from rnt_site_get(). */
static inline struct rnt_site_stats __percpu *rnt_site_pcpu(int idx)
{
	return rnt_site_chunks[(unsigned int)idx / RNT_SITE_CHUNK] +
	       (unsigned int)idx % RNT_SITE_CHUNK;
}

/* What the RTNL sections of site @idx waited, held and locked. */
static inline void rnt_site_wait(int idx, u64 ns)
{
	this_cpu_inc(rnt_site_pcpu(idx)->count);
	rnt_times_add(&rnt_site_pcpu(idx)->t, false, ns);
}

static inline void rnt_site_hold(int idx, u64 ns)
{
	rnt_times_add(&rnt_site_pcpu(idx)->t, true, ns);
}

static inline void rnt_site_set(int idx, unsigned int size, bool init)
{
	rnt_sets_add(&rnt_site_pcpu(idx)->sets, size, init);
}

int rnt_sites_print(struct seq_file *m);
int rnt_site_sets_show(struct seq_file *m);

#endif /* _RNT_SITES_H */
