// SPDX-License-Identifier: GPL-2.0
/*
 * The footprint of RTNL sections: which netns each one changed, and
 * whether the task held those netns's per-netns locks when it did. The
 * conversion to-do list of docs/debugfs.md, "footprint".
 *
 * A touch is a netdevice notifier event, charged to dev_net(dev), or an
 * rtnetlink notification, charged to the netns it is sent in; probes.c
 * sees both at the entry of the functions that send them. A touch counts
 * only inside an RTNL section the probes track, and a section's touched
 * set is recorded when it ends, at __rtnl_unlock()'s entry: the task
 * holds the global RTNL each time, so RTNL serialises every writer of
 * the figures here (the netns records' touch stamps, the owners' figures
 * and the event table), which therefore need neither atomics nor per-CPU
 * copies: one copy of each, and no figure of ours per possible CPU.
 *
 * The owners' figures are indexed like the handler table and the call
 * sites. The event table holds the touches per (owner, source, code): its
 * keys are claimed once, in a keytab.c table of max_touch_events keys.
 * The first uncovered touch of each (owner, source, code) leaves its
 * stack, in a table of max_touch_events / 8 stacks: where the to-do item
 * is in the code. Only the first: an unwind on every touch of every
 * unconverted path would cost microseconds each.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netdevice.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "footprint.h"
#include "handlers.h"
#include "keytab.h"
#include "netns.h"
#include "params.h"
#include "pernet.h"
#include "sites.h"
#include "violations.h"

/*
 * The footprint of an owner's RTNL sections: the touches made with and
 * without the touched netns's per-netns lock held, and the sizes of the
 * sections' touched sets. Written by RTNL holders only.
 */
struct rnt_touch {
	u64 covered;
	u64 uncovered;
	struct rnt_sets sets;
};

/* The figures of one (owner, source, code), written by RTNL holders. */
struct rnt_touch_ev {
	u64 covered;
	u64 uncovered;
	int stack;	/* 1 + its stack's index; 0 none yet; -1 no room */
};

struct rnt_touch_stack {
	unsigned int nr;
	unsigned long ip[RNT_STACK_DEPTH];
};

static struct rnt_touch rnt_fp_handlers[RNT_MAX_HANDLERS];
static struct rnt_touch *rnt_fp_sites;		/* rnt_max_sites of them */
static struct rnt_keytab rnt_ev_keys;
static struct rnt_touch_ev *rnt_evs;
static struct rnt_touch_stack *rnt_ev_stacks;
static unsigned int rnt_nr_ev_stacks;		/* claimed, by RTNL holders */

static unsigned int rnt_max_ev_stacks(void)
{
	return rnt_max_touch_events / 8;
}

/* Touches outside any RTNL section we track. */
static DEFINE_PER_CPU(u64, rnt_touch_outside);

static const char *const rnt_src_names[RNT_NR_SRC] = {
	[RNT_SRC_NETDEV] = "netdev",
	[RNT_SRC_NOTIFY] = "notify",
};

static_assert(ARRAY_SIZE(rnt_src_names) == RNT_NR_SRC);

/*
 * An event key: the owner (1 + a handler slot, or 1 + RNT_MAX_HANDLERS +
 * a site index; never 0), the source and the 16-bit code.
 */
#define RNT_EV_OWNER_SHIFT	24
#define RNT_EV_SRC_SHIFT	16

static unsigned long rnt_ev_key(int slot, int site, enum rnt_touch_src src,
				unsigned int code)
{
	unsigned long owner = slot >= 0 ? 1 + slot : 1 + RNT_MAX_HANDLERS + site;

	return owner << RNT_EV_OWNER_SHIFT | (unsigned long)src << RNT_EV_SRC_SHIFT |
	       (code & 0xffff);
}

static struct rnt_touch *rnt_owner_touch(int slot, int site)
{
	if (slot >= 0)
		return &rnt_fp_handlers[slot];
	if (site >= 0)
		return &rnt_fp_sites[site];
	return NULL;
}

static bool rnt_coverage_available(void)
{
	return RNT_HAVE_PERNET && rnt_pernet_available();
}

/*
 * The first uncovered touch of @ev: keep its stack. The stack is written
 * before its index is published, for the reader of the footprint file.
 */
static void rnt_touch_stack_save(struct rnt_touch_ev *ev, unsigned long entry)
{
	/* Read once: a reset may zero it meanwhile. */
	unsigned int n = READ_ONCE(rnt_nr_ev_stacks);
	struct rnt_touch_stack *s;

	if (n >= rnt_max_ev_stacks()) {
		ev->stack = -1;
		rnt_drop(RNT_DROP_TOUCH_STACK);
		return;
	}
	WRITE_ONCE(rnt_nr_ev_stacks, n + 1);
	s = &rnt_ev_stacks[n];
	s->nr = rnt_stack_here(s->ip, RNT_STACK_DEPTH, entry);
	/* Pairs with the acquire in rnt_events_show(): the stack, then its index. */
	smp_store_release(&ev->stack, n + 1);
}

/*
 * @net was changed by the current task: count it in the task's RTNL
 * section, if it is in one. Called from the probe on the sender, whose
 * address is @entry, preemption off.
 */
void rnt_touch(const struct net *net, enum rnt_touch_src src, unsigned int code,
	       unsigned long entry)
{
	struct rnt_touch_ev *ev;
	struct rnt_touch *fp;
	struct rnt_netns *rec;
	struct rnt_task *t;
	bool covered;
	int idx;

	t = in_task() ? rnt_task_current(false) : NULL;
	if (!t || !t->rtnl_held) {
		this_cpu_inc(rnt_touch_outside);
		return;
	}
	rec = rnt_netns_of(net);
	rnt_set_count(t, net, rec, rec ? &rec->touch_stamp : NULL, &t->ntouch,
		      &t->touch_init);

	covered = rnt_pernet_holds(t, net);
	fp = rnt_owner_touch(t->rtnl_slot, t->rtnl_site);
	if (fp) {
		if (covered)
			fp->covered++;
		else
			fp->uncovered++;
		idx = rnt_keytab_get(&rnt_ev_keys,
				     rnt_ev_key(t->rtnl_slot, t->rtnl_site, src, code));
		ev = idx >= 0 ? &rnt_evs[idx] : NULL;
		if (!ev) {
			rnt_drop(RNT_DROP_TOUCH_EVENT);
		} else if (covered) {
			ev->covered++;
		} else {
			ev->uncovered++;
			if (!ev->stack)
				rnt_touch_stack_save(ev, entry);
		}
	}
	/* Code that holds per-netns locks must hold the one it changes. */
	if (!covered && t->nheld && rnt_coverage_available())
		rnt_violation(t, RNT_V_UNLOCKED_TOUCH, net, NULL);
}

/* The end of @t's RTNL section, owned by handler @slot or site @site. */
void rnt_touch_section_end(struct rnt_task *t, int slot, int site)
{
	struct rnt_touch *fp = rnt_owner_touch(slot, site);

	if (fp)
		rnt_sets_note(&fp->sets, t->ntouch, t->touch_init);
}

/* ---- reading ---- */

/* Did the owner of these lock sets take any per-netns lock? */
static bool rnt_took_locks(const struct rnt_sets *locks)
{
	return locks->max > 0;
}

static const char *rnt_behaviour(const struct rnt_handler *h, u64 calls,
				 u64 sections, const struct rnt_sets *locks)
{
	if (!calls)
		return "unseen";
	if (rnt_took_locks(locks))
		return "pernet";
	if (rnt_handler_locked(h))
		return "rtnl";
	return sections ? "self_rtnl" : "lockless";
}

/* Read while RTNL holders write: each figure may be one touch behind. */
static void rnt_print_touch(struct seq_file *m, u64 sections,
			    const struct rnt_touch *fp)
{
	u64 touched;

	touched = rnt_sets_print(m, "touched", &fp->sets);
	seq_printf(m, " none=%llu max_touched=%llu covered=%llu uncovered=%llu\n",
		   sections > touched ? sections - touched : 0,
		   READ_ONCE(fp->sets.max), READ_ONCE(fp->covered),
		   READ_ONCE(fp->uncovered));
}

static void rnt_handler_owner(struct seq_file *m, const char *rec,
			      const struct rnt_handler *h)
{
	seq_printf(m, "%s type=handler fn=%s family=%u msgtype=%u kind=%s", rec,
		   h->name, h->family, h->msgtype,
		   h->kind == RNT_DOIT ? "doit" : "dumpit");
}

/* An event key's owner, as the owner records name it. */
static bool rnt_ev_owner(struct seq_file *m, unsigned long owner,
			 const struct rnt_site_ref *sites, int nsites)
{
	char sym[KSYM_SYMBOL_LEN];
	int i;

	if (owner <= RNT_MAX_HANDLERS) {
		if (owner > rnt_nr_handlers)
			return false;
		rnt_handler_owner(m, "event", &rnt_handlers[owner - 1]);
		return true;
	}
	for (i = 0; i < nsites; i++) {
		if (sites[i].idx != owner - 1 - RNT_MAX_HANDLERS)
			continue;
		seq_printf(m, "event type=site fn=%s", rnt_sym(sym, sites[i].ip));
		return true;
	}
	return false;
}

static noinline void rnt_events_show(struct seq_file *m,
				     const struct rnt_site_ref *sites, int nsites)
{
	unsigned int i, j, code, src;
	char sym[KSYM_SYMBOL_LEN];
	const struct rnt_touch_stack *s;
	unsigned long key;
	u64 covered, uncovered;
	int idx, stack;

	for (i = 0; i < rnt_keytab_slots(&rnt_ev_keys); i++) {
		if (!rnt_keytab_at(&rnt_ev_keys, i, &key, &idx))
			continue;
		covered = READ_ONCE(rnt_evs[idx].covered);
		uncovered = READ_ONCE(rnt_evs[idx].uncovered);
		if (!covered && !uncovered)
			continue;
		src = (key >> RNT_EV_SRC_SHIFT) & 0xff;
		code = key & 0xffff;
		if (src >= RNT_NR_SRC ||
		    !rnt_ev_owner(m, key >> RNT_EV_OWNER_SHIFT, sites, nsites))
			continue;
		seq_printf(m, " src=%s code=%u name=%s covered=%llu uncovered=%llu\n",
			   rnt_src_names[src], code,
			   src == RNT_SRC_NETDEV ? netdev_cmd_to_name(code) : "-",
			   covered, uncovered);
		/* Pairs with rnt_touch_stack_save()'s release. */
		stack = smp_load_acquire(&rnt_evs[idx].stack);
		if (stack <= 0)
			continue;
		s = &rnt_ev_stacks[stack - 1];
		for (j = 0; j < s->nr; j++)
			seq_printf(m, "stack %s\n", rnt_sym(sym, s->ip[j]));
	}
}

/* One owner record per handler: each in a frame of its own, as are the others. */
static noinline void rnt_handler_owners_show(struct seq_file *m)
{
	struct rnt_sets locks;
	struct rnt_dist hold;
	int i;

	for (i = 0; i < rnt_nr_handlers; i++) {
		const struct rnt_handler *h = &rnt_handlers[i];
		u64 calls = rnt_sum_u64(&h->stats->calls);

		if (!calls && !h->present)
			continue;
		rnt_dist_sum(&h->stats->hold, &hold);
		rnt_sets_sum(&h->stats->sets, &locks);
		rnt_handler_owner(m, "owner", h);
		seq_printf(m, " behaviour=%s sections=%llu",
			   rnt_behaviour(h, calls, hold.count, &locks), hold.count);
		rnt_print_touch(m, hold.count, &rnt_fp_handlers[i]);
	}
}

static noinline void rnt_site_owners_show(struct seq_file *m,
					  const struct rnt_site_ref *sites,
					  int nsites)
{
	char sym[KSYM_SYMBOL_LEN];
	struct rnt_sets locks;
	int i;

	for (i = 0; i < nsites; i++) {
		struct rnt_site_stats __percpu *s = rnt_site_pcpu(sites[i].idx);

		rnt_sets_sum(&s->sets, &locks);
		seq_printf(m, "owner type=site fn=%s behaviour=%s sections=%llu",
			   rnt_sym(sym, sites[i].ip),
			   rnt_took_locks(&locks) ? "pernet" : "rtnl",
			   sites[i].count);
		rnt_print_touch(m, sites[i].count, &rnt_fp_sites[sites[i].idx]);
	}
}

int rnt_footprint_show(struct seq_file *m)
{
	struct rnt_site_ref *sites;
	int n;

	n = rnt_sites_sorted(&sites);
	if (n < 0)
		n = 0;
	seq_printf(m, "coverage mode=%s\n",
		   !rnt_coverage_available() ? "unavailable" :
		   rnt_pernet_lockdep() ? "lockdep" : "own");
	seq_printf(m, "outside touches=%llu\n", rnt_sum_u64(&rnt_touch_outside));
	mutex_lock(&rnt_mutex);
	rnt_handler_owners_show(m);
	rnt_site_owners_show(m, sites, n);
	rnt_events_show(m, sites, n);
	mutex_unlock(&rnt_mutex);
	kvfree(sites);
	return 0;
}

/*
 * Caller holds rnt_mutex. The probes may be running: a touch that races
 * with a reset may be counted after it, or lost. The event keys stay, as
 * the call sites' do.
 */
void rnt_footprint_reset(void)
{
	int cpu;

	memset(rnt_fp_handlers, 0, sizeof(rnt_fp_handlers));
	memset(rnt_fp_sites, 0, sizeof(*rnt_fp_sites) * rnt_max_sites);
	memset(rnt_evs, 0, sizeof(*rnt_evs) * rnt_max_touch_events);
	WRITE_ONCE(rnt_nr_ev_stacks, 0);
	for_each_possible_cpu(cpu)
		per_cpu(rnt_touch_outside, cpu) = 0;
}

size_t rnt_footprint_bytes(void)
{
	return sizeof(rnt_fp_handlers) + sizeof(*rnt_fp_sites) * rnt_max_sites +
	       rnt_keytab_bytes(&rnt_ev_keys) +
	       sizeof(*rnt_evs) * rnt_max_touch_events +
	       sizeof(*rnt_ev_stacks) * rnt_max_ev_stacks();
}

int rnt_footprint_init(void)
{
	int err = rnt_keytab_init(&rnt_ev_keys, rnt_max_touch_events);

	rnt_evs = kvcalloc(rnt_max_touch_events, sizeof(*rnt_evs), GFP_KERNEL);
	rnt_fp_sites = kvcalloc(rnt_max_sites, sizeof(*rnt_fp_sites), GFP_KERNEL);
	rnt_ev_stacks = kvcalloc(rnt_max_ev_stacks(), sizeof(*rnt_ev_stacks),
				 GFP_KERNEL);
	rnt_nr_ev_stacks = 0;
	memset(rnt_fp_handlers, 0, sizeof(rnt_fp_handlers));
	if (err || !rnt_evs || !rnt_fp_sites || !rnt_ev_stacks) {
		rnt_footprint_exit();
		return -ENOMEM;
	}
	return 0;
}

void rnt_footprint_exit(void)
{
	kvfree(rnt_ev_stacks);
	rnt_ev_stacks = NULL;
	kvfree(rnt_fp_sites);
	rnt_fp_sites = NULL;
	kvfree(rnt_evs);
	rnt_evs = NULL;
	rnt_keytab_exit(&rnt_ev_keys);
}
