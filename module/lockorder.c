// SPDX-License-Identifier: GPL-2.0
/*
 * Per-netns RTNL: the nets each task holds, the lock sets of RTNL
 * sections, and the locking rules:
 *
 *  - order:             nets are taken init_net first, then by ascending
 *                       struct net address, as rtnl_net_cmp_locks() says;
 *  - recursion:         the same net twice;
 *  - too_many:          more than max_nets held at once;
 *  - no_rtnl:           a per-netns lock without the global RTNL;
 *  - rtnl_inversion:    the global RTNL taken with a per-netns lock held;
 *  - unbalanced_unlock: a net unlocked that the task does not hold;
 *  - leak:              a per-netns lock still held at the end of the RTNL
 *                       section or rtnetlink request;
 *  - unlocked_touch:    a task that holds per-netns locks changes a netns
 *                       whose lock it does not hold (footprint.c).
 *
 * Violations go to a small ring, with one stack trace each; identical
 * violations from the same stack share an entry and a count. The ring
 * keeps the first 32 distinct entries and the last 32, and counts the
 * ones it replaced.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jhash.h>
#include <linux/kallsyms.h>
#include <linux/lockdep.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/stacktrace.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <kunit/visibility.h>

#include "rnt.h"
#include "trace.h"

const char *const rnt_violation_names[RNT_NR_VIOLATION] = {
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

/* Exactly rtnl_net_cmp_locks(): init_net first, then ascending address. */
int rnt_cmp_nets(const void *a, const void *b, const void *init)
{
	if (a == b)
		return 0;
	if (a == init)
		return -1;
	if (b == init)
		return 1;
	return a < b ? -1 : 1;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_cmp_nets);

/*
 * Count a net in the current section's lock set once: its record's stamp
 * says which section counted it last. True when it is new to the set.
 */
bool rnt_set_note(u64 *stamp, u64 section)
{
	if (*stamp == section)
		return false;
	*stamp = section;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_set_note);

/*
 * Count @net in a set of @t's current section (its lock set or its
 * touched set: the stamp of @net's record @rec for that set, the set's
 * size @n and whether init_net is in it, @init), once per section.
 * Without a record a net cannot be told apart: counted each time.
 */
void rnt_set_count(struct rnt_task *t, const struct net *net,
		   struct rnt_netns *rec, u64 *stamp, unsigned int *n,
		   bool *init)
{
	if (!rec)
		rnt_drop(RNT_DROP_NETNS);
	if (!rec || rnt_set_note(stamp, t->section)) {
		(*n)++;
		if (net == &init_net)
			*init = true;
	}
}

/* Sections are numbered per CPU; the CPU in the low bits makes them unique. */
static DEFINE_PER_CPU(u64, rnt_section_seq);

/* Start a new, empty lock set. Called from the probes (preemption off). */
void rnt_section_begin(struct rnt_task *t)
{
	t->section = (this_cpu_inc_return(rnt_section_seq) << 16) |
		     (raw_smp_processor_id() & 0xffff);
	t->nset = 0;
	t->set_init = false;
	t->ntouch = 0;
	t->touch_init = false;
}

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
	unsigned int nr, skip, i;
	unsigned long flags;
	u64 dropped;
	bool is_new;
	u32 hash;

	atomic64_inc(&rnt_violation_totals[kind]);
	trace_violation(rnt_violation_names[kind], a, b);
	nr = stack_trace_save(stack, RNT_STACK_DEPTH, 0);
	/* Start the stack at the first frame that is not ours. */
	for (skip = 0; skip < nr; skip++)
		if (!within_module(stack[skip], THIS_MODULE))
			break;
	nr -= skip;
	memmove(stack, stack + skip, nr * sizeof(stack[0]));
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

#if RNT_HAVE_PERNET
/* lockdep knows better than we do, until it turns itself off. */
static bool rnt_rtnl_held(const struct rnt_task *t)
{
	if (debug_locks)
		return lockdep_rtnl_is_held();
	return t && t->rtnl_held;
}

static bool rnt_lockdep_holds(const struct net *net)
{
	return debug_locks && lockdep_is_held(&net->rtnl_mutex);
}
#else
static bool rnt_rtnl_held(const struct rnt_task *t)
{
	return t && t->rtnl_held;
}

static bool rnt_lockdep_holds(const struct net *net)
{
	return false;
}
#endif

/* Does the task hold @net's per-netns lock? lockdep's view while it is on. */
bool rnt_pernet_holds(const struct rnt_task *t, const struct net *net)
{
	int i;

	if (!RNT_HAVE_PERNET)
		return false;
	if (debug_locks)
		return rnt_lockdep_holds(net);
	for (i = 0; t && i < t->nheld; i++)
		if (t->held[i].net == net)
			return true;
	return false;
}

/*
 * Called before @net's lock is taken, so that a violation is recorded even
 * when the acquisition then deadlocks. Returns false for a recursive
 * acquisition, which is not tracked a second time. A task without a slot
 * (@t NULL) is still checked for the rules that need no state of ours.
 */
bool rnt_pernet_check(struct rnt_task *t, const void *netp)
{
	const struct net *net = netp;
	bool dup = false, order = false;
	int i;

	if (!rnt_rtnl_held(t))
		rnt_violation(t, RNT_V_NO_RTNL, net, NULL);
	if (!t)
		return false;
	for (i = 0; i < t->nheld; i++) {
		int cmp = rnt_cmp_nets(t->held[i].net, net, &init_net);

		if (!cmp) {
			dup = true;
			rnt_violation(t, RNT_V_RECURSION, net, NULL);
		} else if (cmp > 0 && !order) {
			order = true;
			rnt_violation(t, RNT_V_ORDER, net, t->held[i].net);
		}
	}
	if (!dup && t->nheld + 1 > READ_ONCE(rnt_max_nets))
		rnt_violation(t, RNT_V_TOO_MANY, net, NULL);
	return !dup;
}

/* Called once @net's lock is acquired; @start is when the wait began. */
void rnt_pernet_lock(struct rnt_task *t, const void *netp, u64 start)
{
	const struct net *net = netp;
	u64 now = rnt_now();
	struct rnt_netns *rec = rnt_netns_of(net);
	struct rnt_held *hd;

	rnt_set_count(t, net, rec, rec ? &rec->set_stamp : NULL, &t->nset,
		      &t->set_init);
	if (rec) {
		this_cpu_inc(rec->stats->locks);
		rnt_times_add(&rec->stats->t, false, rnt_since(start, now));
	}

	if (t->nheld == RNT_MAX_HELD) {
		rnt_drop(RNT_DROP_HELD);
		return;
	}
	hd = &t->held[t->nheld++];
	hd->net = net;
	hd->cookie = net->net_cookie;
	hd->inum = net->ns.inum;
	hd->acquired = now;
	hd->rec = rec;
	hd->leaked = false;
}

void rnt_pernet_unlock(struct rnt_task *t, const void *netp)
{
	const struct net *net = netp;
	int i;

	for (i = 0; t && i < t->nheld; i++) {
		struct rnt_held *hd = &t->held[i];

		if (hd->net != net)
			continue;
		if (hd->rec)
			rnt_times_add(&hd->rec->stats->t, true,
				      rnt_since(hd->acquired, rnt_now()));
		t->nheld--;
		memmove(hd, hd + 1, (t->nheld - i) * sizeof(*hd));
		return;
	}
	/* Taken before we were enabled: lockdep saw it, we did not. */
	if (rnt_lockdep_holds(net))
		return;
	rnt_violation(t, RNT_V_UNBALANCED_UNLOCK, net, NULL);
}

void rnt_rtnl_acquire_check(struct rnt_task *t)
{
	rnt_violation(t, RNT_V_RTNL_INVERSION, t->held[0].net, NULL);
}

/*
 * The end of an RTNL section (@rtnl_end) or of the outermost rtnetlink
 * request: report per-netns locks still held, and record the lock set
 * and, for an RTNL section, its touched set.
 */
void rnt_section_end(struct rnt_task *t, bool rtnl_end)
{
	int i, slot;

	for (i = 0; i < t->nheld; i++) {
		if (t->held[i].leaked)
			continue;
		t->held[i].leaked = true;
		rnt_violation(t, RNT_V_LEAK, t->held[i].net, NULL);
	}
	if (!rtnl_end && t->rtnl_held)
		return;
	slot = rtnl_end ? t->rtnl_slot : t->ctx[0];
	if (rtnl_end && t->ntouch)
		rnt_touch_section_end(t, slot, t->rtnl_site);
	if (!t->nset && !t->ntouch)
		return;

	if (t->nset && slot >= 0)
		rnt_sets_add(&rnt_handlers[slot].stats->sets, t->nset, t->set_init);
	else if (t->nset && rtnl_end && t->rtnl_site >= 0)
		rnt_sets_add(&rnt_site_pcpu(t->rtnl_site)->sets, t->nset,
			     t->set_init);
	rnt_section_begin(t);
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

/* Copy the ring out, so that it is printed without the lock. */
void rnt_violations_copy(struct rnt_ring *out)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&rnt_ring_lock, flags);
	out->len = rnt_ring.len;
	out->next = rnt_ring.next;
	out->dropped = rnt_ring.dropped;
	memcpy(out->v, rnt_ring.v, rnt_ring.len * sizeof(out->v[0]));
	raw_spin_unlock_irqrestore(&rnt_ring_lock, flags);
}

int rnt_lockorder_init(void)
{
	rnt_violations_reset();
	return 0;
}

void rnt_lockorder_exit(void)
{
}
