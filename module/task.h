/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-task state: claim, lookup, release; and the sets of the task's
 * current section (the nets it locked, the nets it touched).
 */
#ifndef _RNT_TASK_H
#define _RNT_TASK_H

#include <linux/sched.h>

#include "rnt.h"

struct net;
struct rnt_netns;

/* A per-netns lock a task holds. */
struct rnt_held {
	const void *net;
	u64 cookie;
	unsigned int inum;
	u64 acquired;
	struct rnt_netns *rec;	/* its record, or NULL */
	bool leaked;		/* a leak was reported for it already */
};

/*
 * What one task is doing, as far as we can see: the rtnetlink requests it
 * is inside, the global RTNL and the per-netns locks it holds. Owned by
 * the task: only the task itself writes its slot, so no lock is needed.
 * task.c keeps which task owns which slot.
 */
struct rnt_task {
	u64 start_time;			/* tells a reused task_struct apart */
	int depth;
	s16 ctx[RNT_CTX_DEPTH];
	bool rtnl_held;
	s16 rtnl_slot;			/* handler owning the section */
	s16 rtnl_site;			/* or call site owning it */
	u64 rtnl_acquired;
	unsigned long wrapper_caller;	/* who called rtnl_net_lock() & co */
	u8 nheld;
	struct rnt_held held[RNT_MAX_HELD];
	/*
	 * The lock set of the current RTNL section or request: how many
	 * distinct nets it locked (each netns record remembers the last
	 * section that counted it), and whether init_net was one of them.
	 */
	u64 section;
	unsigned int nset;
	bool set_init;
	/* Its touched set (footprint.c): distinct nets changed, init_net in it. */
	unsigned int ntouch;
	bool touch_init;
	/*
	 * For the lockless reader of "now" (live.c): who the task is, as
	 * stored when it claimed the slot (the key may belong to a task
	 * that has exited by the time it is read), what RTNL section it
	 * holds, and the wait for RTNL it is in, if any.
	 */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned long rtnl_caller;	/* who took RTNL */
	u64 rtnl_wait;			/* how long it waited for it */
	u64 rtnl_wait_total;		/* all its RTNL waits and holds, */
	u64 rtnl_hold_total;		/* for the request trace event */
	u32 rtnl_acquires;		/* and how often it took RTNL */
	u64 wait_since;			/* waiting for RTNL since, or 0 */
	unsigned long wait_caller;	/* who called the lock function */
	s16 wait_slot;			/* handler it waits for, or RNT_NO_SLOT */
};

int rnt_tasks_init(void);
void rnt_tasks_exit(void);
struct rnt_task *rnt_task_current(bool create);
void rnt_task_put(struct rnt_task *t);
void rnt_tasks_reset(void);
size_t rnt_tasks_bytes(void);
unsigned int rnt_tasks_nr(void);
const struct rnt_task *rnt_task_peek(unsigned int i);
void rnt_section_begin(struct rnt_task *t);
bool rnt_set_note(u64 *stamp, u64 section);
void rnt_set_count(struct rnt_task *t, const struct net *net,
		   struct rnt_netns *rec, u64 *stamp, unsigned int *n,
		   bool *init);

/* The handler of the task's innermost request context, if any. */
static inline int rnt_task_ctx(const struct rnt_task *t)
{
	if (!t || !t->depth || t->depth > RNT_CTX_DEPTH)
		return RNT_NO_SLOT;
	return t->ctx[t->depth - 1];
}

#endif /* _RNT_TASK_H */
