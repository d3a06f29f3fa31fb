/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU counters, histograms and lock-set shapes, summed on read and
 * printed in the table files' common forms; the drop counters.
 */
#ifndef _RNT_STATS_H
#define _RNT_STATS_H

#include <linux/percpu.h>
#include "rnt.h"

/* A log2 histogram with count, sum and max; one per CPU. */
struct rnt_dist {
	u64 count;
	u64 sum;
	u64 max;
	u64 hist[RNT_HIST_BUCKETS];
};

/* Lock-set shapes: [init_net in the set][size bucket]. */
struct rnt_sets {
	u64 n[2][RNT_SET_BUCKETS];
	u64 max;
};

/* Lock wait and hold time, sum and max; one per CPU. */
struct rnt_times {
	u64 wait_sum;
	u64 wait_max;
	u64 hold_sum;
	u64 hold_max;
};

extern const int rnt_errnos[];
#define RNT_NR_ERRNO		21	/* 20 named errnos plus "other" */

enum rnt_drop {
	RNT_DROP_TASK,
	RNT_DROP_SITE,
	RNT_DROP_NETNS,
	RNT_DROP_HELD,
	RNT_DROP_VIOLATION,
	RNT_DROP_HANDLER,	/* a request for a handler not in the index yet */
	RNT_DROP_TOUCH_EVENT,	/* an (owner, touch) pair without room */
	RNT_DROP_BLOCKED,	/* a blocked-by pair without room */
	RNT_DROP_HOLDS,		/* a wait longer than the ring of holds */
	RNT_DROP_TOUCH_STACK,	/* an uncovered (owner, touch) without a stack */
	RNT_NR_DROP,
};

extern u64 __percpu *rnt_drops;
int rnt_stats_init(void);
void rnt_stats_exit(void);
void rnt_stats_reset(void);
unsigned int rnt_hist_bucket(u64 v);
unsigned int rnt_set_bucket(unsigned int size);
unsigned int rnt_set_bucket_min(unsigned int bucket);
void rnt_dist_add(struct rnt_dist __percpu *d, u64 v);
void rnt_dist_sum(struct rnt_dist __percpu *d, struct rnt_dist *out);
void rnt_times_add(struct rnt_times __percpu *t, bool hold, u64 v);
void rnt_times_sum(struct rnt_times __percpu *t, struct rnt_times *out);
void rnt_sets_note(struct rnt_sets *s, unsigned int size, bool init);
void rnt_sets_add(struct rnt_sets __percpu *s, unsigned int size, bool init);
void rnt_sets_sum(struct rnt_sets __percpu *s, struct rnt_sets *out);
int rnt_errno_index(int err);
u64 rnt_sum_u64(u64 __percpu *p);
/* Frames unwound for a stack, before the leading ones are skipped. */
#define RNT_STACK_SAVE		24
unsigned int rnt_stack_here(unsigned long *stack, unsigned int size,
			    unsigned long entry);

/* The common forms of the table files. */
u64 rnt_sets_print(struct seq_file *m, const char *key, const struct rnt_sets *s);
void rnt_print_dist(struct seq_file *m, const char *prefix,
		    struct rnt_dist __percpu *d);
void rnt_print_count_dist(struct seq_file *m, const char *name,
			  struct rnt_dist __percpu *d);
void rnt_print_times(struct seq_file *m, const struct rnt_times *t);
void rnt_print_shapes(struct seq_file *m, const char *owner,
		      struct rnt_sets __percpu *sets);
void rnt_drops_show(struct seq_file *m);

static inline void rnt_drop(enum rnt_drop what)
{
	this_cpu_inc(rnt_drops[what]);
}

#endif /* _RNT_STATS_H */
