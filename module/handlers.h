/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handler table: discovery, per-owner probes, slots and their
 * figures. Slots are only ever added, under rnt_mutex.
 */
#ifndef _RNT_HANDLERS_H
#define _RNT_HANDLERS_H

#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/mutex.h>

#include "stats.h"

/*
 * Protects the enable state, probe registration, the handler table
 * (slots, lookup index, per-owner probes) and reset. Probe handlers never
 * take it: what they read of the handler table is published through RCU,
 * and everything else is rebuilt only while the probes are unregistered.
 * Never held while waiting for RTNL: nothing under it takes RTNL.
 */
extern struct mutex rnt_mutex;

/* Per-CPU figures of one handler. */
struct rnt_hstats {
	u64 calls;
	u64 errors;
	u64 rtnl;
	u64 unlocked;
	u64 requests;
	u64 errnos[RNT_NR_ERRNO];
	struct rnt_dist lat;
	struct rnt_dist wait;
	struct rnt_dist hold;
	struct rnt_sets sets;
};

/*
 * One (family, msgtype, kind, function, owner) of the kernel's handler
 * table. Slots are only ever added, under rnt_mutex, and keep their
 * figures when the kernel unregisters the handler (present becomes
 * false) and when it comes back (at any address).
 */
struct rnt_handler {
	unsigned long fn;	/* where it is now, or was last seen */
	char name[RNT_NAME_LEN];
	char owner[MODULE_NAME_LEN];
	u8 family;
	u8 msgtype;
	u8 kind;
	bool present;
	bool dispatched;	/* its calls are counted by the dispatcher's probe */
	u32 flags;
	struct rnt_hstats __percpu *stats;
};

extern struct rnt_handler rnt_handlers[RNT_MAX_HANDLERS];
extern int rnt_nr_handlers;
int rnt_handlers_init(void);
void rnt_handlers_exit(void);
int rnt_handlers_sync(bool probe);
void rnt_handlers_unregister(void);
void rnt_handlers_clear_inflight(void);
void rnt_handlers_reset(void);
void rnt_handlers_probe_info(struct rnt_probe_info *info);
void rnt_handlers_set_probe(fprobe_entry_cb entry, fprobe_exit_cb exit,
			    size_t data_size);
int rnt_handler_find(unsigned long ip, int family, int msgtype, int kind);
int rnt_handler_predict(int family, int msgtype, bool dump);
bool rnt_handler_locked(const struct rnt_handler *h);
int rnt_handlers_show(struct seq_file *m);
int rnt_handler_stats_show(struct seq_file *m);
int rnt_handler_sets_show(struct seq_file *m);

/*
 * Calls of each slot in flight, and the most at once since the last
 * reset. Its maximum needs one shared count, so it cannot be per CPU; it
 * has a cache line of its own, away from the slot fields that every CPU
 * reads on every call, so that only CPUs running the same handler at the
 * same time share it.
 */
struct rnt_inflight {
	atomic_t n;
	int max;
} ____cacheline_aligned_in_smp;

extern struct rnt_inflight rnt_inflight[RNT_MAX_HANDLERS];

/* The figures the probes keep of each handler, inline on the hot path. */
static inline void rnt_handler_inflight(struct rnt_handler *h, int delta)
{
	struct rnt_inflight *f = &rnt_inflight[h - rnt_handlers];
	int n = atomic_add_return(delta, &f->n);

	/* Racy on purpose: a lost update only understates the maximum. */
	if (n > READ_ONCE(f->max))
		WRITE_ONCE(f->max, n);
}

/* A request the dispatcher will hand to handler @slot. */
static inline void rnt_handler_request(int slot)
{
	this_cpu_inc(rnt_handlers[slot].stats->requests);
}

/* A call of @h, with RTNL held by the caller (@rtnl) or not. */
static inline void rnt_handler_called(struct rnt_handler *h, bool rtnl)
{
	if (rtnl)
		this_cpu_inc(h->stats->rtnl);
	else
		this_cpu_inc(h->stats->unlocked);
}

/* A call of @h begins. */
static inline void rnt_handler_enter(struct rnt_handler *h, bool rtnl)
{
	rnt_handler_called(h, rtnl);
	rnt_handler_inflight(h, 1);
}

/* A call of @h returned @ret after @lat ns. */
static inline void rnt_handler_leave(struct rnt_handler *h, int ret, u64 lat)
{
	this_cpu_inc(h->stats->calls);
	/* A dumpit's -EMSGSIZE means "skb full, call me again". */
	if (ret < 0 && !(h->kind == RNT_DUMPIT && ret == -EMSGSIZE)) {
		this_cpu_inc(h->stats->errors);
		this_cpu_inc(h->stats->errnos[rnt_errno_index(-ret)]);
	}
	rnt_dist_add(&h->stats->lat, lat);
	rnt_handler_inflight(h, -1);
}

/* What the RTNL sections of handler @slot waited, held and locked. */
static inline void rnt_handler_wait(int slot, u64 ns)
{
	rnt_dist_add(&rnt_handlers[slot].stats->wait, ns);
}

static inline void rnt_handler_hold(int slot, u64 ns)
{
	rnt_dist_add(&rnt_handlers[slot].stats->hold, ns);
}

static inline void rnt_handler_set(int slot, unsigned int size, bool init)
{
	rnt_sets_add(&rnt_handlers[slot].stats->sets, size, init);
}

#endif /* _RNT_HANDLERS_H */
