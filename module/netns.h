/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-netns records, created and freed with each netns through
 * register_pernet_subsys(); the exited ones kept, then folded.
 */
#ifndef _RNT_NETNS_H
#define _RNT_NETNS_H

#include <linux/list.h>
#include <linux/percpu.h>

#include "stats.h"

/* A netns: the requests it sent, and the waits and holds of its lock. */
struct rnt_netns_stats {
	u64 requests;
	u64 locks;
	struct rnt_times t;
};

/* Records per block of per-CPU figures (netns.c). */
#define RNT_NETNS_BLOCK		64
struct rnt_netns_block;

/*
 * The record of one netns (netns.c), from its creation until its figures
 * are folded into the exited total.
 */
struct rnt_netns {
	struct list_head node;		/* on the live, exited or folded list */
	u64 cookie;
	unsigned int inum;
	u64 batch;			/* the batch of exits it left in */
	u64 exit_ns;			/* when it exited, or 0 */
	/*
	 * The RTNL section that last counted this netns in its lock set.
	 * Written only with the netns's own lock held, so never raced.
	 */
	u64 set_stamp;
	/*
	 * The RTNL section that last counted it in its touched set
	 * (footprint.c). Written only by the global RTNL holder.
	 */
	u64 touch_stamp;
	struct rnt_netns_stats __percpu *stats;	/* in its block: */
	struct rnt_netns_block *block;
};

/* The figures of one or more netns, summed over CPUs. */
struct rnt_netns_sum {
	u64 nets;
	u64 requests;
	u64 locks;
	struct rnt_times t;
};

struct net;
int rnt_netns_init_all(void);
void rnt_netns_exit_all(void);
struct rnt_netns *rnt_netns_of(const struct net *net);

void rnt_netns_reset(void);
int rnt_netns_show(struct seq_file *m);
void rnt_netns_memory(unsigned int *records, size_t *bytes);
size_t rnt_netns_record_bytes(void);
struct rnt_netns *rnt_netns_alloc(u64 cookie, unsigned int inum);
void rnt_netns_free(struct rnt_netns *rec);
unsigned int rnt_netns_nr_blocks(void);
void rnt_netns_sum(const struct rnt_netns *rec, struct rnt_netns_sum *out);
void rnt_netns_fold(struct rnt_netns_sum *total, const struct rnt_netns_sum *s);
unsigned int rnt_netns_trim(struct list_head *exited, unsigned int *nexited,
			    struct list_head *folded, unsigned int max);
unsigned int rnt_netns_reap(struct list_head *folded, u64 batch,
			    struct rnt_netns_sum *total, struct list_head *gone);

/* A request sent from @net, on the hot path. */
static inline void rnt_netns_request(const struct net *net)
{
	struct rnt_netns *rec = rnt_netns_of(net);

	if (rec)
		this_cpu_inc(rec->stats->requests);
	else
		rnt_drop(RNT_DROP_NETNS);
}

#endif /* _RNT_NETNS_H */
