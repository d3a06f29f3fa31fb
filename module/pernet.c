// SPDX-License-Identifier: GPL-2.0
/*
 * Per-netns RTNL: the nets each task holds, the lock sets of RTNL
 * sections and requests, and the locking rules:
 *
 *  - order:             nets are taken init_net first, then by ascending
 *                       struct net address, as rtnl_net_cmp_locks() says;
 *  - recursion:         the same net twice;
 *  - too_many:          more than max_nets held at once;
 *  - no_rtnl:           a per-netns lock without the global RTNL;
 *  - rtnl_inversion:    the global RTNL taken with a per-netns lock held;
 *  - unbalanced_unlock: a net unlocked that the task does not hold;
 *  - leak:              a per-netns lock still held at the end of the RTNL
 *                       section or rtnetlink request.
 *
 * (unlocked_touch, a change to a netns whose lock the task does not hold,
 * is footprint.c's.) Violations go to violations.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debug_locks.h>
#include <linux/lockdep.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <kunit/visibility.h>

#include "handlers.h"
#include "netns.h"
#include "params.h"
#include "pernet.h"
#include "sites.h"
#include "violations.h"

/* Whether this kernel has per-netns locks we probe; set once at load. */
static bool rnt_pernet_avail;

void rnt_pernet_set_available(bool available)
{
	rnt_pernet_avail = available;
}

bool rnt_pernet_available(void)
{
	return RNT_HAVE_PERNET && rnt_pernet_avail;
}

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

/* Whether lockdep can answer "does this task hold it": built in and still on. */
bool rnt_pernet_lockdep(void)
{
	return IS_ENABLED(CONFIG_PROVE_LOCKING) && debug_locks;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_pernet_lockdep);

/*
 * lockdep knows better than we do, until it turns itself off. Without it
 * (or a kernel built without it: lockdep_rtnl_is_held() is then always
 * true) our own record of the task; a task without a slot cannot be told
 * from the holder, so RTNL held by anyone counts.
 */
static bool rnt_rtnl_held(const struct rnt_task *t)
{
	if (rnt_pernet_lockdep())
		return lockdep_rtnl_is_held();
	return t ? t->rtnl_held : rtnl_is_locked();
}

#if RNT_HAVE_PERNET
/* Without lockdep, lockdep_is_held() is declared but not defined. */
static bool rnt_lockdep_holds(const struct net *net)
{
	return rnt_pernet_lockdep() && lockdep_is_held(&net->rtnl_mutex);
}
#else
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
	if (rnt_pernet_lockdep())
		return rnt_lockdep_holds(net);
	for (i = 0; t && i < t->nheld; i++)
		if (t->held[i].net == net)
			return true;
	return false;
}

/*
 * The last net a task without a slot locked. Every per-netns lock is taken
 * under RTNL (__rtnl_net_lock() asserts it), so one record serves the RTNL
 * holder in place of a slot; a no_rtnl locker does not touch it (without
 * lockdep, RTNL held by anyone counts, and the record may then be torn).
 * It is forgotten when that net is unlocked and when the task lets RTNL
 * go, so the net it names is alive. What it can check is each net
 * against the one taken just before: the order and recursion within one
 * rtnl_nets_lock() call, whose nets are taken one after the other. Such a
 * task's lock set is not counted (its events are counted as task drops).
 */
static struct {
	const struct task_struct *task;
	const struct net *net;
} rnt_slotless;

static bool rnt_pernet_check_slotless(const struct net *net)
{
	const struct net *last = NULL;
	int cmp;

	if (READ_ONCE(rnt_slotless.task) == current)
		last = READ_ONCE(rnt_slotless.net);
	if (last) {
		cmp = rnt_cmp_nets(last, net, &init_net);
		if (!cmp) {
			rnt_violation(NULL, RNT_V_RECURSION, net, NULL);
			return false;
		}
		if (cmp > 0)
			rnt_violation(NULL, RNT_V_ORDER, net, last);
	}
	WRITE_ONCE(rnt_slotless.net, net);
	WRITE_ONCE(rnt_slotless.task, current);
	return true;
}

/* RTNL is being let go, or the probes are new: forget the current task's net. */
void rnt_pernet_forget(bool any)
{
	if (any || READ_ONCE(rnt_slotless.task) == current) {
		WRITE_ONCE(rnt_slotless.task, NULL);
		WRITE_ONCE(rnt_slotless.net, NULL);
	}
}
EXPORT_SYMBOL_IF_KUNIT(rnt_pernet_forget);

/*
 * Called before @net's lock is taken, so that a violation is recorded even
 * when the acquisition then deadlocks. Returns false for a recursive
 * acquisition, which is not tracked a second time. A task without a slot
 * (@t NULL) is still checked for the rules that need no slot: no_rtnl, and
 * the order and recursion against the net it took just before. Sets @rtnl
 * to whether the task holds RTNL.
 */
bool rnt_pernet_check(struct rnt_task *t, const void *netp, bool *rtnl)
{
	const struct net *net = netp;
	bool dup = false, order = false;
	int i;

	*rtnl = rnt_rtnl_held(t);
	if (!*rtnl)
		rnt_violation(t, RNT_V_NO_RTNL, net, NULL);
	/* Only the RTNL holder keeps the record: its net is then alive. */
	if (!t)
		return *rtnl ? rnt_pernet_check_slotless(net) : true;
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
EXPORT_SYMBOL_IF_KUNIT(rnt_pernet_check);

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

	if (READ_ONCE(rnt_slotless.task) == current &&
	    READ_ONCE(rnt_slotless.net) == net)
		WRITE_ONCE(rnt_slotless.net, NULL);
	/* Without a slot, only lockdep can say whether the task held it. */
	if (!t) {
		if (rnt_pernet_lockdep() && !rnt_lockdep_holds(net))
			rnt_violation(t, RNT_V_UNBALANCED_UNLOCK, net, NULL);
		return;
	}
	for (i = 0; i < t->nheld; i++) {
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
EXPORT_SYMBOL_IF_KUNIT(rnt_pernet_unlock);

/* RTNL is being taken with a per-netns lock held: an inversion. */
void rnt_pernet_rtnl_check(struct rnt_task *t)
{
	rnt_violation(t, RNT_V_RTNL_INVERSION, t->held[0].net, NULL);
}

/*
 * The end of an RTNL section (@rtnl_end) or of the outermost rtnetlink
 * request outside one: report the per-netns locks still held, and charge
 * the lock set to the section's handler or call site.
 */
void rnt_pernet_section_end(struct rnt_task *t, bool rtnl_end)
{
	int i, slot;

	for (i = 0; i < t->nheld; i++) {
		if (t->held[i].leaked)
			continue;
		t->held[i].leaked = true;
		rnt_violation(t, RNT_V_LEAK, t->held[i].net, NULL);
	}
	if (!t->nset || (!rtnl_end && t->rtnl_held))
		return;
	slot = rtnl_end ? t->rtnl_slot : t->ctx[0];
	if (slot >= 0)
		rnt_handler_set(slot, t->nset, t->set_init);
	else if (rtnl_end && t->rtnl_site >= 0)
		rnt_site_set(t->rtnl_site, t->nset, t->set_init);
}

/* The locksets file: the handlers' shapes, then the call sites'. */
int rnt_locksets_show(struct seq_file *m)
{
	return rnt_handler_sets_show(m) ?: rnt_site_sets_show(m);
}
