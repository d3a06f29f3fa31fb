// SPDX-License-Identifier: GPL-2.0
/*
 * The violation store. Every violation of a locking rule (pernet.c,
 * footprint.c) is counted exactly in a total per kind; the distinct ones
 * go to a small ring, with one stack trace each, and identical violations
 * from the same stack share an entry and a count. The ring keeps the
 * first 32 distinct entries and the last 32, and counts the ones it
 * replaced. A violation is rare: taking a raw spinlock then is fine.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jhash.h>
#include <linux/kallsyms.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <net/net_namespace.h>
#include <kunit/visibility.h>

#include "handlers.h"
#include "params.h"
#include "stats.h"
#include "task.h"
#include "trace.h"
#include "violations.h"

static const char *const rnt_violation_names[] = {
	[RNT_V_ORDER] = "order",
	[RNT_V_RECURSION] = "recursion",
	[RNT_V_TOO_MANY] = "too_many",
	[RNT_V_NO_RTNL] = "no_rtnl",
	[RNT_V_RTNL_INVERSION] = "rtnl_inversion",
	[RNT_V_UNBALANCED_UNLOCK] = "unbalanced_unlock",
	[RNT_V_LEAK] = "leak",
	[RNT_V_UNLOCKED_TOUCH] = "unlocked_touch",
};

static_assert(ARRAY_SIZE(rnt_violation_names) == RNT_NR_VIOLATION);

/* Protects rnt_ring; taken only when a rule is broken, a reset or a read. */
static DEFINE_RAW_SPINLOCK(rnt_ring_lock);
static struct rnt_ring rnt_ring;
static atomic64_t rnt_violation_totals[RNT_NR_VIOLATION];

/*
 * The @i-th entry of @r in the order they were first recorded (@i below
 * r->len): the first ones, then the last ones from the oldest.
 */
struct rnt_violation *rnt_ring_at(struct rnt_ring *r, unsigned int i)
{
	if (i < RNT_RING_FIRST)
		return &r->v[i];
	return &r->v[RNT_RING_FIRST +
		     (r->next + i - RNT_RING_FIRST) % RNT_RING_LAST];
}
EXPORT_SYMBOL_IF_KUNIT(rnt_ring_at);

/*
 * The entry for (@kind, @hash) in @r, wherever it is; or a new one,
 * appended while there is room, else in place of the oldest of the last
 * entries (counted in r->dropped). *@is_new tells whether it is new,
 * zeroed but for its key. Never NULL.
 */
struct rnt_violation *rnt_ring_get(struct rnt_ring *r, int kind, u32 hash,
				   bool *is_new)
{
	struct rnt_violation *v;
	unsigned int i;

	*is_new = false;
	for (i = 0; i < r->len; i++)
		if (r->v[i].kind == kind && r->v[i].hash == hash)
			return &r->v[i];
	*is_new = true;
	if (r->len < RNT_RING_SIZE) {
		v = &r->v[r->len++];
	} else {
		v = &r->v[RNT_RING_FIRST + r->next];
		r->next = (r->next + 1) % RNT_RING_LAST;
		r->dropped++;
	}
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->hash = hash;
	return v;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_ring_get);

static void rnt_net_id(const struct net *net, unsigned int *inum, u64 *cookie)
{
	*inum = net ? net->ns.inum : 0;
	*cookie = net ? net->net_cookie : 0;
}

void rnt_violation(struct rnt_task *t, int kind, const struct net *a,
		   const struct net *b)
{
	unsigned long stack[RNT_STACK_DEPTH];
	struct rnt_violation *v;
	unsigned int nr, i;
	unsigned long flags;
	u64 dropped;
	bool is_new;
	u32 hash;

	atomic64_inc(&rnt_violation_totals[kind]);
	trace_violation(rnt_violation_names[kind], a, b);
	nr = rnt_stack_here(stack, RNT_STACK_DEPTH, 0);
	hash = jhash(stack, nr * sizeof(stack[0]), kind);

	raw_spin_lock_irqsave(&rnt_ring_lock, flags);
	dropped = rnt_ring.dropped;
	v = rnt_ring_get(&rnt_ring, kind, hash, &is_new);
	if (rnt_ring.dropped != dropped)
		rnt_drop(RNT_DROP_VIOLATION);
	v->count++;
	if (is_new) {
		v->time_ns = ktime_get_ns();
		v->pid = task_pid_nr(current);
		get_task_comm(v->comm, current);
		v->slot = RNT_NO_SLOT;
		if (t) {
			v->slot = t->rtnl_held ? t->rtnl_slot : RNT_NO_SLOT;
			if (v->slot < 0 && t->depth && t->depth <= RNT_CTX_DEPTH)
				v->slot = t->ctx[t->depth - 1];
		}
		rnt_net_id(a, &v->nets[0].inum, &v->nets[0].cookie);
		rnt_net_id(b, &v->nets[1].inum, &v->nets[1].cookie);
		v->nnets = b ? 2 : 1;
		for (i = 0; i < nr; i++) {
			char buf[KSYM_SYMBOL_LEN];

			sprint_symbol(buf, stack[i]);
			strreplace(buf, ' ', '_');
			strscpy(v->stack[i], buf);
		}
		v->nr_stack = nr;
	}
	raw_spin_unlock_irqrestore(&rnt_ring_lock, flags);

	WARN(is_new && READ_ONCE(rnt_violation_action) == RNT_ACTION_WARN,
	     "rtnl_net_trace: %s violation by %s/%d\n",
	     rnt_violation_names[kind], current->comm, task_pid_nr(current));
}

void rnt_violations_reset(void)
{
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&rnt_ring_lock, flags);
	rnt_ring.len = 0;
	rnt_ring.next = 0;
	rnt_ring.dropped = 0;
	raw_spin_unlock_irqrestore(&rnt_ring_lock, flags);
	for (i = 0; i < RNT_NR_VIOLATION; i++)
		atomic64_set(&rnt_violation_totals[i], 0);
}

u64 rnt_violation_total(int kind)
{
	return atomic64_read(&rnt_violation_totals[kind]);
}
EXPORT_SYMBOL_IF_KUNIT(rnt_violation_total);

/* Copy the ring out, so that it is printed without the lock. */
static void rnt_violations_copy(struct rnt_ring *out)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&rnt_ring_lock, flags);
	out->len = rnt_ring.len;
	out->next = rnt_ring.next;
	out->dropped = rnt_ring.dropped;
	memcpy(out->v, rnt_ring.v, rnt_ring.len * sizeof(out->v[0]));
	raw_spin_unlock_irqrestore(&rnt_ring_lock, flags);
}

int rnt_violations_show(struct seq_file *m)
{
	struct rnt_ring *ring;
	int i, j;

	for (i = 0; i < RNT_NR_VIOLATION; i++)
		seq_printf(m, "total kind=%s count=%llu\n", rnt_violation_names[i],
			   rnt_violation_total(i));

	/* About 70 kB: no need for it to be contiguous. */
	ring = kvzalloc_obj(*ring);
	if (!ring)
		return -ENOMEM;
	rnt_violations_copy(ring);
	seq_printf(m, "ring first=%u last=%u dropped=%llu\n",
		   min_t(unsigned int, ring->len, RNT_RING_FIRST),
		   ring->len > RNT_RING_FIRST ? ring->len - RNT_RING_FIRST : 0,
		   ring->dropped);
	mutex_lock(&rnt_mutex);
	for (i = 0; i < ring->len; i++) {
		struct rnt_violation *e = rnt_ring_at(ring, i);

		for (j = 0; e->comm[j]; j++)
			if (e->comm[j] <= ' ' || e->comm[j] > '~' || e->comm[j] == '=')
				e->comm[j] = '?';
		seq_printf(m, "violation kind=%s count=%llu pid=%d comm=%s owner=%s nets=",
			   rnt_violation_names[e->kind], e->count, e->pid,
			   e->comm[0] ? e->comm : "?",
			   e->slot >= 0 ? rnt_handlers[e->slot].name : "-");
		for (j = 0; j < e->nnets; j++)
			seq_printf(m, "%s%u:%llu", j ? "," : "", e->nets[j].inum,
				   e->nets[j].cookie);
		seq_printf(m, " time_ns=%llu\n", e->time_ns);
		for (j = 0; j < e->nr_stack; j++)
			seq_printf(m, "stack %s\n", e->stack[j]);
	}
	mutex_unlock(&rnt_mutex);
	kvfree(ring);
	return 0;
}
