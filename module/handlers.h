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
	u32 flags;
	struct rnt_hstats __percpu *stats;
	atomic_t inflight;
	int inflight_max;
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
void rnt_handler_request(int slot);
void rnt_handler_enter(struct rnt_handler *h, bool rtnl);
void rnt_handler_leave(struct rnt_handler *h, int ret, u64 lat);
int rnt_handlers_show(struct seq_file *m);
int rnt_handler_stats_show(struct seq_file *m);
int rnt_handler_sets_show(struct seq_file *m);

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
