// SPDX-License-Identifier: GPL-2.0
/*
 * Global RTNL sections: how RTNL was taken, the wait for it and the hold,
 * charged to the handler that runs or else to the lock's caller (a call
 * site, sites.c); each task's section (task.c), ended by __rtnl_unlock()
 * or by the end of its rtnetlink request, with its lock set (pernet.c),
 * its touched set (footprint.c) and the waits it caused (blocked.c).
 * Called from the probes: per-CPU figures and the task's own slot only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/percpu.h>
#include <linux/seq_file.h>

#include "blocked.h"
#include "footprint.h"
#include "handlers.h"
#include "pernet.h"
#include "rtnl.h"
#include "sites.h"
#include "trace.h"

static const char *const rnt_acquire_names[] = {
	[RNT_ACQ_LOCK] = "lock",
	[RNT_ACQ_INTERRUPTIBLE] = "interruptible",
	[RNT_ACQ_KILLABLE] = "killable",
	[RNT_ACQ_TRYLOCK_OK] = "trylock_ok",
	[RNT_ACQ_TRYLOCK_FAIL] = "trylock_fail",
	[RNT_ACQ_REFCOUNT] = "refcount",
};

static_assert(ARRAY_SIZE(rnt_acquire_names) == RNT_NR_ACQ);

struct rnt_rtnl_stats __percpu *rnt_rtnl;

/*
 * The end of an RTNL section (@rtnl_end) or of the outermost rtnetlink
 * request: its lock set and its touched set are recorded, and the next
 * section starts with empty ones.
 */
static void rnt_section_end(struct rnt_task *t, bool rtnl_end)
{
	rnt_pernet_section_end(t, rtnl_end);
	if (!rtnl_end && t->rtnl_held)
		return;
	if (rtnl_end && t->ntouch)
		rnt_touch_section_end(t, t->rtnl_slot, t->rtnl_site);
	if (t->nset || t->ntouch)
		rnt_section_begin(t);
}

void rnt_request_end(struct rnt_task *t)
{
	rnt_section_end(t, false);
}

void rnt_rtnl_release(struct rnt_task *t, u64 now)
{
	u64 hold = rnt_since(t->rtnl_acquired, now);

	if (trace_rtnl_section_enabled())
		trace_rtnl_section(t->rtnl_slot >= 0 ?
				   rnt_handlers[t->rtnl_slot].name : "",
				   t->rtnl_caller, t->rtnl_wait, hold, t->nset,
				   t->ntouch);
	t->rtnl_hold_total += hold;
	rnt_dist_add(&rnt_rtnl->hold, hold);
	if (t->rtnl_slot >= 0)
		rnt_handler_hold(t->rtnl_slot, hold);
	else if (t->rtnl_site >= 0)
		rnt_site_hold(t->rtnl_site, hold);
	rnt_section_end(t, true);
	rnt_blocked_hold(t, now);
	t->rtnl_held = false;
	rnt_task_put(t);
}

void rnt_rtnl_acquired(struct rnt_task *t, u64 start, unsigned long caller,
		       bool waited)
{
	u64 now = rnt_now(), wait = rnt_since(start, now);
	int slot = rnt_task_ctx(t), site = -1;

	rnt_dist_add(&rnt_rtnl->wait, wait);
	if (slot >= 0) {
		rnt_handler_wait(slot, wait);
	} else {
		site = rnt_site_get(caller);
		if (site >= 0)
			rnt_site_wait(site, wait);
	}
	/* RTNL is ours now: charge the wait to whoever held it meanwhile. */
	if (waited)
		rnt_blocked_wait(rnt_owner_key(slot, caller), start, now);
	if (!t)
		return;
	t->rtnl_held = true;
	t->rtnl_acquired = now;
	t->rtnl_slot = slot;
	t->rtnl_site = site;
	t->rtnl_caller = caller;
	t->rtnl_wait = wait;
	t->rtnl_wait_total += wait;
	t->rtnl_acquires++;
	rnt_section_begin(t);
}

/*
 * A task starts waiting for RTNL: it claims its slot now rather than
 * once it has the lock, so that "now" lists it as a waiter.
 */
void rnt_rtnl_wait_begin(struct rnt_task *t, u64 start, unsigned long caller)
{
	if (!t)
		t = rnt_task_current(true);
	if (!t)
		return;
	t->wait_slot = rnt_task_ctx(t);
	t->wait_caller = t->wrapper_caller ? t->wrapper_caller : caller;
	/* Last: the reader takes a slot with wait_since set as a waiter. */
	WRITE_ONCE(t->wait_since, start);
}

/* The rtnl file: how RTNL was taken, the waits and holds, the call sites. */
int rnt_rtnl_show(struct seq_file *m)
{
	int i;

	seq_puts(m, "acquire");
	for (i = 0; i < RNT_NR_ACQ; i++)
		seq_printf(m, " %s=%llu", rnt_acquire_names[i],
			   rnt_sum_u64(&rnt_rtnl->acquire[i]));
	seq_putc(m, '\n');
	rnt_print_count_dist(m, "wait", &rnt_rtnl->wait);
	rnt_print_count_dist(m, "hold", &rnt_rtnl->hold);
	return rnt_sites_print(m);
}

/* Events racing with a reset may survive it. */
void rnt_rtnl_reset(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(rnt_rtnl, cpu), 0, sizeof(*rnt_rtnl));
}

int rnt_rtnl_init(void)
{
	rnt_rtnl = alloc_percpu(struct rnt_rtnl_stats);
	return rnt_rtnl ? 0 : -ENOMEM;
}

void rnt_rtnl_exit(void)
{
	free_percpu(rnt_rtnl);
	rnt_rtnl = NULL;
}
