/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The violation store: exact totals per kind, and the distinct
 * violations with their stacks, the first and the last ones.
 */
#ifndef _RNT_VIOLATIONS_H
#define _RNT_VIOLATIONS_H

#include <linux/sched.h>

#include "rnt.h"

struct net;
struct rnt_task;

enum rnt_violation_kind {
	RNT_V_ORDER,
	RNT_V_RECURSION,
	RNT_V_TOO_MANY,
	RNT_V_NO_RTNL,
	RNT_V_RTNL_INVERSION,
	RNT_V_UNBALANCED_UNLOCK,
	RNT_V_LEAK,
	RNT_V_UNLOCKED_TOUCH,
	RNT_NR_VIOLATION,
};

#define RNT_RING_FIRST		32
#define RNT_RING_LAST		32
#define RNT_RING_SIZE		(RNT_RING_FIRST + RNT_RING_LAST)
#define RNT_STACK_DEPTH		16

struct rnt_violation {
	int kind;
	u32 hash;		/* of the stack: identical ones collapse */
	u64 count;
	u64 time_ns;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	int slot;		/* handler running, or RNT_NO_SLOT */
	u8 nnets;
	struct {
		unsigned int inum;
		u64 cookie;
	} nets[2];
	unsigned int nr_stack;
	/* Symbolized when recorded: the code may be gone when it is read. */
	char stack[RNT_STACK_DEPTH][RNT_NAME_LEN];
};

/*
 * The distinct violations kept: the first RNT_RING_FIRST ever recorded,
 * in v[0..RNT_RING_FIRST), stay until a reset; the RNT_RING_LAST after
 * them, in v[RNT_RING_FIRST..), are a circular buffer whose oldest entry,
 * at @next, is the one a new distinct violation replaces.
 */
struct rnt_ring {
	unsigned int len;	/* entries held, at most RNT_RING_SIZE */
	unsigned int next;	/* the oldest of the last ones, once full */
	u64 dropped;		/* entries replaced since the last reset */
	struct rnt_violation v[RNT_RING_SIZE];
};

struct rnt_violation *rnt_ring_get(struct rnt_ring *r, int kind, u32 hash,
				   bool *is_new);
struct rnt_violation *rnt_ring_at(struct rnt_ring *r, unsigned int i);
void rnt_violation(struct rnt_task *t, int kind, const struct net *a,
		   const struct net *b);
void rnt_violations_reset(void);
u64 rnt_violation_total(int kind);
int rnt_violations_show(struct seq_file *m);

#endif /* _RNT_VIOLATIONS_H */
