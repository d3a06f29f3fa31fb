/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Global RTNL sections: waits, holds, how RTNL was taken, the section
 * of each task and who holds it.
 */
#ifndef _RNT_RTNL_H
#define _RNT_RTNL_H

#include "stats.h"
#include "task.h"

/* How RTNL was taken; the global figures are per CPU. */
enum rnt_acquire {
	RNT_ACQ_LOCK,
	RNT_ACQ_INTERRUPTIBLE,
	RNT_ACQ_KILLABLE,
	RNT_ACQ_TRYLOCK_OK,
	RNT_ACQ_TRYLOCK_FAIL,
	RNT_ACQ_REFCOUNT,
	RNT_NR_ACQ,
};

struct rnt_rtnl_stats {
	u64 acquire[RNT_NR_ACQ];
	struct rnt_dist wait;
	struct rnt_dist hold;
};

extern struct rnt_rtnl_stats __percpu *rnt_rtnl;

/* How RTNL was taken (or not, for a trylock), on the hot path. */
static inline void rnt_rtnl_count(enum rnt_acquire how)
{
	this_cpu_inc(rnt_rtnl->acquire[how]);
}

int rnt_rtnl_init(void);
void rnt_rtnl_exit(void);
void rnt_rtnl_reset(void);
int rnt_rtnl_show(struct seq_file *m);
void rnt_rtnl_wait_begin(struct rnt_task *t, u64 start, unsigned long caller);
void rnt_rtnl_acquired(struct rnt_task *t, u64 start, unsigned long caller,
		       bool waited);
void rnt_rtnl_release(struct rnt_task *t, u64 now);
void rnt_request_end(struct rnt_task *t);

#endif /* _RNT_RTNL_H */
