// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's rtnetlink handler table (rtnl_msg_handlers in
 * net/core/rtnetlink.c): discovery, our slots for its entries, the lookup
 * the probes use to map a function address back to a slot, and the
 * handler probes, one fprobe per owner (the core kernel, or one module).
 *
 * The table is read under RCU, never under RTNL: a rescan runs from a
 * work item after a module comes or goes, and an RTNL holder may be
 * waiting for that very module load (request_module() under RTNL).
 * A rescan only touches the probes of an owner whose handlers changed, so
 * a module load anywhere leaves every other handler's probe in place.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/rtnetlink.h>

#include "handlers.h"
#include "kallsyms.h"
#include "params.h"

/*
 * Mirror of the private struct rtnl_link. Its layout is the same from 6.1
 * to 7.3; the scan sanity-checks what it reads through it.
 */
struct rnt_rtnl_link {
	rtnl_doit_func doit;
	rtnl_dumpit_func dumpit;
	struct module *owner;
	unsigned int flags;
	struct rcu_head rcu;
};

#define RNT_KNOWN_FLAGS		0xfU

/* handlers.h says what it protects. */
DEFINE_MUTEX(rnt_mutex);

/* rtnl_msg_handlers[RTNL_FAMILY_MAX + 1], found through kallsyms. */
static struct rnt_rtnl_link __rcu *__rcu **rnt_table;

/*
 * Slots: one per (family, msgtype, kind, function name, owner name), so
 * that a handler whose module comes back, at whatever address, finds its
 * slot and its figures again. Added under rnt_mutex and never removed;
 * the probes reach a slot only through the index below, which is
 * published after the slot is filled in.
 */
struct rnt_handler rnt_handlers[RNT_MAX_HANDLERS];
int rnt_nr_handlers;

/* The present handlers by function address, for the probes. */
struct rnt_index_entry {
	unsigned long fn;
	const void *mod;	/* the owner's struct module, never dereferenced */
	u16 slot;
};

struct rnt_index {
	struct rcu_head rcu;
	int n;
	struct rnt_index_entry e[];
};

/* Replaced under rnt_mutex; read under RCU-sched (probes) or the mutex. */
static struct rnt_index __rcu *rnt_index;

/* One fprobe over all handlers of one owner. All fields under rnt_mutex. */
struct rnt_hgroup {
	struct list_head list;
	char owner[MODULE_NAME_LEN];
	struct fprobe fp;
	bool registered;
	int error;
	unsigned long *addrs;	/* the owner's handler functions, sorted */
	int naddrs;
	unsigned long missed;	/* nmissed of earlier registrations */
};

/* Groups live until module exit: an owner that comes back reuses its own. */
static LIST_HEAD(rnt_hgroups);

/* What one scan found for one table entry. */
struct rnt_found {
	unsigned long fn;
	const void *mod;
	u32 flags;
	u8 family;
	u8 msgtype;
	u8 kind;
	int slot;
	char name[RNT_NAME_LEN];
	char owner[MODULE_NAME_LEN];
};

struct rnt_inflight rnt_inflight[RNT_MAX_HANDLERS];

/* The handler probes' callbacks, from probes.c. */
static fprobe_entry_cb rnt_hprobe_entry;
static fprobe_exit_cb rnt_hprobe_exit;
static size_t rnt_hprobe_data_size;

/* Scan scratch space, allocated once; under rnt_mutex. */
static struct rnt_found *rnt_found;
static unsigned long *rnt_scratch;
static u64 rnt_scans;
static u64 rnt_unslotted;	/* table entries the last scan had no slot for */

bool rnt_handler_locked(const struct rnt_handler *h)
{
	if (h->kind == RNT_DOIT)
		return !(h->flags & RTNL_FLAG_DOIT_UNLOCKED);
	return !(h->flags & RTNL_FLAG_DUMP_UNLOCKED);
}

/*
 * A doit of the core kernel that rtnetlink_rcv_msg() runs for a GET, or
 * under its own RTNL: the dispatcher's probe counts its calls from the
 * dispatcher's return, which is the doit's (probes.c), so the doit needs
 * no probe of its own. Left probed: module owners (the dispatcher refuses
 * a request whose owner is going away), and the unlocked doits of other
 * kinds, where the dispatcher's refusal for want of CAP_NET_ADMIN and the
 * doit's own -EPERM look alike.
 */
static bool rnt_found_dispatched(const struct rnt_found *f)
{
	if (f->kind != RNT_DOIT || strcmp(f->owner, "kernel"))
		return false;
	return (f->msgtype - RTM_BASE) % 4 == 2 ||
	       !(f->flags & RTNL_FLAG_DOIT_UNLOCKED);
}

/* A handler must be the start of a known function. */
static bool rnt_fn_valid(unsigned long fn, char *name, char *owner)
{
	char buf[KSYM_SYMBOL_LEN];
	char *p;

	sprint_symbol(buf, fn);
	p = strchr(buf, '+');
	if (!p || strncmp(p, "+0x0/", 5))
		return false;
	*p = '\0';
	strscpy(name, buf, RNT_NAME_LEN);
	p = strchr(p + 1, '[');
	if (p) {
		strscpy(owner, p + 1, MODULE_NAME_LEN);
		p = strchr(owner, ']');
		if (p)
			*p = '\0';
	} else {
		strscpy(owner, "kernel", MODULE_NAME_LEN);
	}
	return true;
}

/* The first index position whose function is at or below @ip, or -1. */
static int rnt_index_floor(const struct rnt_index *idx, unsigned long ip)
{
	int lo = 0, hi = idx->n - 1, found = -1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (idx->e[mid].fn <= ip) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (found < 0)
		return -1;
	ip = idx->e[found].fn;
	while (found > 0 && idx->e[found - 1].fn == ip)
		found--;
	return found;
}

/* The slot the current index has for exactly this table entry, or -1. */
static int rnt_index_match(const struct rnt_index *idx, const struct rnt_found *f)
{
	int i = idx ? rnt_index_floor(idx, f->fn) : -1;

	if (i < 0)
		return -1;
	for (; i < idx->n && idx->e[i].fn == f->fn; i++) {
		const struct rnt_handler *h = &rnt_handlers[idx->e[i].slot];

		if (idx->e[i].mod == f->mod && h->family == f->family &&
		    h->msgtype == f->msgtype && h->kind == f->kind)
			return idx->e[i].slot;
	}
	return -1;
}

/*
 * Copy the table's entries into rnt_found[]. Runs under rcu_read_lock():
 * rtnetlink frees a struct rtnl_link only after a grace period, and a
 * module's text outlives the RCU readers that saw its handlers.
 */
static int rnt_table_read(const struct rnt_index *idx, int *nfound)
{
	struct rnt_rtnl_link __rcu **tab;
	struct rnt_rtnl_link *link;
	int family, i, kind, n = 0;

	for (family = 0; family <= RTNL_FAMILY_MAX; family++) {
		tab = rcu_dereference(rnt_table[family]);
		if (!tab)
			continue;
		for (i = 0; i < RTM_NR_MSGTYPES; i++) {
			link = rcu_dereference(tab[i]);
			if (!link)
				continue;
			if (link->flags & ~RNT_KNOWN_FLAGS) {
				pr_err("handler %d/%d has unknown flags %#x: table layout unexpected\n",
				       family, RTM_BASE + i, link->flags);
				return -EINVAL;
			}
			for (kind = RNT_DOIT; kind <= RNT_DUMPIT; kind++) {
				unsigned long fn = kind == RNT_DOIT ?
					(unsigned long)link->doit :
					(unsigned long)link->dumpit;
				struct rnt_found *f;

				if (!fn)
					continue;
				if (n == RNT_MAX_HANDLERS) {
					rnt_unslotted++;
					continue;
				}
				f = &rnt_found[n];
				f->fn = fn;
				f->mod = link->owner;
				f->flags = link->flags;
				f->family = family;
				f->msgtype = RTM_BASE + i;
				f->kind = kind;
				f->slot = rnt_index_match(idx, f);
				if (f->slot >= 0) {
					strscpy(f->owner, rnt_handlers[f->slot].owner);
					n++;
					continue;
				}
				if (!rnt_fn_valid(fn, f->name, f->owner)) {
					pr_err("handler %d/%d at %pS is not a function start: table layout unexpected\n",
					       family, RTM_BASE + i, (void *)fn);
					return -EINVAL;
				}
				n++;
			}
		}
	}
	*nfound = n;
	return 0;
}

/* The slot for a handler seen for the first time at this address. */
static int rnt_slot_get(const struct rnt_found *f)
{
	struct rnt_handler *h;
	int i;

	for (i = 0; i < rnt_nr_handlers; i++) {
		h = &rnt_handlers[i];
		if (h->family == f->family && h->msgtype == f->msgtype &&
		    h->kind == f->kind && !strcmp(h->name, f->name) &&
		    !strcmp(h->owner, f->owner))
			return i;
	}
	if (rnt_nr_handlers == RNT_MAX_HANDLERS)
		return -ENOSPC;
	h = &rnt_handlers[rnt_nr_handlers];
	h->stats = alloc_percpu(struct rnt_hstats);
	if (!h->stats)
		return -ENOMEM;
	h->family = f->family;
	h->msgtype = f->msgtype;
	h->kind = f->kind;
	strscpy(h->name, f->name);
	strscpy(h->owner, f->owner);
	/* The lockless reader of "now" takes the count with READ_ONCE(). */
	WRITE_ONCE(rnt_nr_handlers, rnt_nr_handlers + 1);
	return rnt_nr_handlers - 1;
}

static int rnt_cmp_entry(const void *a, const void *b)
{
	const struct rnt_index_entry *ea = a, *eb = b;

	if (ea->fn != eb->fn)
		return ea->fn < eb->fn ? -1 : 1;
	return 0;
}

static int rnt_cmp_addr(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static struct rnt_hgroup *rnt_group_get(const char *owner)
{
	struct rnt_hgroup *g;

	list_for_each_entry(g, &rnt_hgroups, list)
		if (!strcmp(g->owner, owner))
			return g;
	g = kzalloc_obj(*g);
	if (!g)
		return NULL;
	strscpy(g->owner, owner);
	list_add_tail(&g->list, &rnt_hgroups);
	return g;
}

static void rnt_group_unregister(struct rnt_hgroup *g)
{
	if (!g->registered)
		return;
	unregister_fprobe(&g->fp);
	g->missed += g->fp.nmissed;
	g->registered = false;
}

static int rnt_group_register(struct rnt_hgroup *g)
{
	if (g->registered || !g->naddrs)
		return 0;
	/*
	 * A fresh struct fprobe every time: before 6.14, fprobe keeps state
	 * in it that a second registration does not reset (and hangs on).
	 */
	memset(&g->fp, 0, sizeof(g->fp));
	g->fp.entry_handler = rnt_hprobe_entry;
	g->fp.exit_handler = rnt_hprobe_exit;
	g->fp.entry_data_size = rnt_hprobe_data_size;
	rnt_fprobe_maxactive(&g->fp, rnt_max_tasks);
	g->error = register_fprobe_ips(&g->fp, g->addrs, g->naddrs);
	if (g->error) {
		pr_warn_ratelimited("cannot probe the handlers of %s: %d\n",
				    g->owner, g->error);
		return g->error;
	}
	g->registered = true;
	return 0;
}

/*
 * The owner's functions among the present handlers, but for those the
 * dispatcher's probe counts, sorted and unique, into rnt_scratch; returns
 * how many.
 */
static int rnt_group_addrs(const struct rnt_hgroup *g, int nfound)
{
	int i, n = 0, u = 0;

	for (i = 0; i < nfound; i++)
		if (rnt_found[i].slot >= 0 && !strcmp(rnt_found[i].owner, g->owner) &&
		    !rnt_found_dispatched(&rnt_found[i]))
			rnt_scratch[n++] = rnt_found[i].fn;
	sort(rnt_scratch, n, sizeof(*rnt_scratch), rnt_cmp_addr, NULL);
	for (i = 0; i < n; i++)
		if (!u || rnt_scratch[u - 1] != rnt_scratch[i])
			rnt_scratch[u++] = rnt_scratch[i];
	return u;
}

/*
 * Give every owner seen in this scan its new set of functions. A group
 * whose set changed loses its probe here; rnt_groups_probe() registers it
 * again once the new index is published.
 */
static int rnt_groups_update(int nfound)
{
	struct rnt_hgroup *g;
	int i, n;

	for (i = 0; i < nfound; i++)
		if (rnt_found[i].slot >= 0 && !rnt_group_get(rnt_found[i].owner))
			return -ENOMEM;
	list_for_each_entry(g, &rnt_hgroups, list) {
		unsigned long *addrs = NULL;

		n = rnt_group_addrs(g, nfound);
		if (n == g->naddrs &&
		    (!n || !memcmp(g->addrs, rnt_scratch, n * sizeof(*rnt_scratch))))
			continue;
		if (n) {
			addrs = kmemdup(rnt_scratch, n * sizeof(*addrs), GFP_KERNEL);
			if (!addrs)
				return -ENOMEM;
		}
		rnt_group_unregister(g);
		kfree(g->addrs);
		g->addrs = addrs;
		g->naddrs = n;
		g->error = 0;
	}
	return 0;
}

/* Register the probe of every group that has functions and none yet. */
static int rnt_groups_probe(void)
{
	struct rnt_hgroup *g;
	int err = 0;

	list_for_each_entry(g, &rnt_hgroups, list) {
		int ret = rnt_group_register(g);

		/* A module that went away meanwhile is the next scan's. */
		if (ret && !strcmp(g->owner, "kernel"))
			err = ret;
	}
	return err;
}

/*
 * With every probe unregistered and a new generation begun, nothing is in
 * flight as far as the probes will ever know. Caller holds rnt_mutex.
 */
void rnt_handlers_clear_inflight(void)
{
	int i;

	for (i = 0; i < rnt_nr_handlers; i++) {
		atomic_set(&rnt_inflight[i].n, 0);
		WRITE_ONCE(rnt_inflight[i].max, 0);
	}
}

/*
 * Each handler's figures: a reset keeps inflight, a gauge of what runs
 * now rather than a count, or the requests running across the reset
 * would take it below zero. Caller holds rnt_mutex; events racing with
 * a reset may survive it.
 */
void rnt_handlers_reset(void)
{
	int cpu, i;

	for (i = 0; i < rnt_nr_handlers; i++) {
		for_each_possible_cpu(cpu)
			memset(per_cpu_ptr(rnt_handlers[i].stats, cpu), 0,
			       sizeof(struct rnt_hstats));
		WRITE_ONCE(rnt_inflight[i].max, atomic_read(&rnt_inflight[i].n));
	}
}

/* The callbacks of every owner's handler probe; once, before any scan. */
void rnt_handlers_set_probe(fprobe_entry_cb entry, fprobe_exit_cb exit,
			    size_t data_size)
{
	rnt_hprobe_entry = entry;
	rnt_hprobe_exit = exit;
	rnt_hprobe_data_size = data_size;
}

/* Caller holds rnt_mutex. */
void rnt_handlers_unregister(void)
{
	struct rnt_hgroup *g;

	list_for_each_entry(g, &rnt_hgroups, list)
		rnt_group_unregister(g);
}

/*
 * Read the handler table again and bring the slots, the index and (when
 * @probe) the handler probes in line with it. Caller holds rnt_mutex.
 */
int rnt_handlers_sync(bool probe)
{
	struct rnt_index *idx, *old;
	int i, n, nfound, err;

	old = rcu_dereference_protected(rnt_index, lockdep_is_held(&rnt_mutex));
	rnt_unslotted = 0;
	rcu_read_lock();
	err = rnt_table_read(old, &nfound);
	rcu_read_unlock();
	if (err)
		return err;
	rnt_scans++;

	for (i = 0; i < nfound; i++) {
		struct rnt_found *f = &rnt_found[i];

		if (f->slot < 0) {
			f->slot = rnt_slot_get(f);
			if (f->slot < 0) {
				rnt_unslotted++;
				continue;
			}
		}
	}

	idx = kmalloc(struct_size(idx, e, nfound), GFP_KERNEL);
	if (!idx)
		return -ENOMEM;
	err = rnt_groups_update(nfound);
	if (err) {
		kfree(idx);
		return err;
	}

	for (i = 0; i < rnt_nr_handlers; i++)
		rnt_handlers[i].present = false;
	for (i = 0, n = 0; i < nfound; i++) {
		struct rnt_found *f = &rnt_found[i];
		struct rnt_handler *h;

		if (f->slot < 0)
			continue;
		h = &rnt_handlers[f->slot];
		WRITE_ONCE(h->fn, f->fn);
		h->flags = f->flags;
		WRITE_ONCE(h->dispatched, rnt_found_dispatched(f));
		h->present = true;
		idx->e[n].fn = f->fn;
		idx->e[n].mod = f->mod;
		idx->e[n].slot = f->slot;
		n++;
	}
	idx->n = n;
	sort(idx->e, n, sizeof(idx->e[0]), rnt_cmp_entry, NULL);
	rcu_assign_pointer(rnt_index, idx);
	if (old)
		kfree_rcu(old, rcu);

	return probe ? rnt_groups_probe() : 0;
}

int rnt_handlers_init(void)
{
	rnt_table = (void *)rnt_lookup_name("rtnl_msg_handlers");
	if (!rnt_table) {
		pr_err("cannot find rtnl_msg_handlers (needs CONFIG_KALLSYMS_ALL)\n");
		return -ENOENT;
	}
	rnt_found = kvcalloc(RNT_MAX_HANDLERS, sizeof(*rnt_found), GFP_KERNEL);
	rnt_scratch = kvcalloc(RNT_MAX_HANDLERS, sizeof(*rnt_scratch), GFP_KERNEL);
	if (!rnt_found || !rnt_scratch) {
		kvfree(rnt_found);
		kvfree(rnt_scratch);
		return -ENOMEM;
	}
	return 0;
}

/* After every probe is unregistered. */
void rnt_handlers_exit(void)
{
	struct rnt_hgroup *g, *tmp;
	struct rnt_index *idx;
	int i;

	list_for_each_entry_safe(g, tmp, &rnt_hgroups, list) {
		list_del(&g->list);
		kfree(g->addrs);
		kfree(g);
	}
	idx = rcu_replace_pointer(rnt_index, NULL, true);
	synchronize_rcu();
	kfree(idx);
	for (i = 0; i < rnt_nr_handlers; i++)
		free_percpu(rnt_handlers[i].stats);
	rnt_nr_handlers = 0;
	kvfree(rnt_scratch);
	kvfree(rnt_found);
}

/* The handler probes of all owners, as one line of status. */
void rnt_handlers_probe_info(struct rnt_probe_info *info)
{
	struct rnt_hgroup *g;

	memset(info, 0, sizeof(*info));
	info->name = "handlers";
	info->available = true;
	info->registered = !list_empty(&rnt_hgroups);
	list_for_each_entry(g, &rnt_hgroups, list) {
		info->nmissed += g->missed;
		if (g->naddrs)
			info->groups++;
		if (g->error && !info->error)
			info->error = g->error;
		if (!g->registered) {
			if (g->naddrs)
				info->registered = false;
			continue;
		}
		info->addrs += g->naddrs;
		info->nmissed += g->fp.nmissed;
	}
	info->scans = rnt_scans;
	info->unslotted = rnt_unslotted;
}

/* The index position of the handler at @ip (or a few bytes before). */
static int rnt_index_at(const struct rnt_index *idx, unsigned long ip)
{
	int i = rnt_index_floor(idx, ip);

	if (i < 0 || ip - idx->e[i].fn >= RNT_ENTRY_SLACK)
		return -1;
	return i;
}

/*
 * Find the slot for a call of the handler at @ip (a function start, or a
 * few bytes in when ftrace reports its patch site) made for @family and
 * @msgtype. A handler that served a request through the PF_UNSPEC
 * fallback is found under PF_UNSPEC. A negative @kind matches either kind.
 * Called from the probes, with preemption off (an RCU-sched reader).
 */
int rnt_handler_find(unsigned long ip, int family, int msgtype, int kind)
{
	const struct rnt_index *idx = rcu_dereference_sched(rnt_index);
	int fallback = -1, any = -1;
	unsigned long fn;
	int i;

	if (!idx)
		return RNT_NO_SLOT;
	i = rnt_index_at(idx, ip);
	if (i < 0)
		return RNT_NO_SLOT;
	for (fn = idx->e[i].fn; i < idx->n && idx->e[i].fn == fn; i++) {
		int slot = idx->e[i].slot;
		const struct rnt_handler *h = &rnt_handlers[slot];

		if (kind >= 0 && h->kind != kind)
			continue;
		if (any < 0)
			any = slot;
		if (h->msgtype != msgtype)
			continue;
		if (h->family == family)
			return slot;
		if (h->family == PF_UNSPEC)
			fallback = slot;
	}
	return fallback >= 0 ? fallback : any;
}

static struct rnt_rtnl_link *rnt_get_link(int family, int type)
{
	struct rnt_rtnl_link __rcu **tab;

	if (family > RTNL_FAMILY_MAX)
		family = PF_UNSPEC;
	tab = rcu_dereference_sched(rnt_table[family]);
	if (!tab)
		tab = rcu_dereference_sched(rnt_table[PF_UNSPEC]);
	return tab ? rcu_dereference_sched(tab[type]) : NULL;
}

/*
 * The slot of the handler rtnetlink_rcv_msg() is about to run for a
 * request of @family and @msgtype, by the same lookup and fallback. A
 * handler the kernel has but our index does not yet (its module is
 * being loaded, the rescan is queued) is counted as a drop.
 */
int rnt_handler_predict(int family, int msgtype, bool dump)
{
	int type = msgtype - RTM_BASE, kind = dump ? RNT_DUMPIT : RNT_DOIT;
	struct rnt_rtnl_link *link;
	unsigned long fn = 0;
	int pass, slot;

	if (type < 0 || type >= RTM_NR_MSGTYPES)
		return RNT_NO_SLOT;

	/*
	 * Probe handlers run with preemption off, which is an RCU read-side
	 * section, the one rtnetlink's unregistration waits for.
	 */
	for (pass = 0; pass < 2 && !fn; pass++) {
		link = rnt_get_link(family, type);
		if (link)
			fn = dump ? (unsigned long)link->dumpit :
				    (unsigned long)link->doit;
		if (!fn)
			family = PF_UNSPEC;
	}
	if (!fn)
		return RNT_NO_SLOT;
	slot = rnt_handler_find(fn, family, msgtype, kind);
	if (slot < 0)
		rnt_drop(RNT_DROP_HANDLER);
	return slot;
}

/* ---- the handlers, stats and (their part of) locksets files ---- */

static void rnt_handler_key(struct seq_file *m, const char *rec,
			    const struct rnt_handler *h)
{
	seq_printf(m, "%s family=%u msgtype=%u kind=%s fn=%s", rec, h->family,
		   h->msgtype, h->kind == RNT_DOIT ? "doit" : "dumpit", h->name);
}

int rnt_handlers_show(struct seq_file *m)
{
	int i;

	mutex_lock(&rnt_mutex);
	for (i = 0; i < rnt_nr_handlers; i++) {
		const struct rnt_handler *h = &rnt_handlers[i];

		rnt_handler_key(m, "handler", h);
		seq_printf(m, " owner=%s flags=%#x locking=%s present=%d\n",
			   h->owner, h->flags,
			   rnt_handler_locked(h) ? "rtnl" : "unlocked", h->present);
	}
	mutex_unlock(&rnt_mutex);
	return 0;
}

static void rnt_print_errnos(struct seq_file *m, const struct rnt_handler *h)
{
	bool first = true;
	int e;

	for (e = 0; e < RNT_NR_ERRNO; e++) {
		u64 n = rnt_sum_u64(&h->stats->errnos[e]);

		if (!n)
			continue;
		if (e < RNT_NR_ERRNO - 1)
			seq_printf(m, "%s%d:%llu", first ? "" : ",",
				   rnt_errnos[e], n);
		else
			seq_printf(m, "%sother:%llu", first ? "" : ",", n);
		first = false;
	}
	if (first)
		seq_putc(m, '-');
}

static void rnt_print_sets(struct seq_file *m, struct rnt_sets __percpu *s)
{
	struct rnt_sets sum;

	rnt_sets_sum(s, &sum);
	rnt_sets_print(m, "lockset", &sum);
	seq_printf(m, " max_set=%llu", sum.max);
}

int rnt_handler_stats_show(struct seq_file *m)
{
	int i;

	mutex_lock(&rnt_mutex);
	for (i = 0; i < rnt_nr_handlers; i++) {
		struct rnt_handler *h = &rnt_handlers[i];
		u64 calls = rnt_sum_u64(&h->stats->calls);
		u64 requests = rnt_sum_u64(&h->stats->requests);

		if (!calls && !requests)
			continue;
		rnt_handler_key(m, "stat", h);
		seq_printf(m, " calls=%llu errors=%llu errno=", calls,
			   rnt_sum_u64(&h->stats->errors));
		rnt_print_errnos(m, h);
		seq_printf(m, " rtnl=%llu unlocked=%llu inflight=%d inflight_max=%d",
			   rnt_sum_u64(&h->stats->rtnl), rnt_sum_u64(&h->stats->unlocked),
			   atomic_read(&rnt_inflight[i].n), READ_ONCE(rnt_inflight[i].max));
		seq_printf(m, " requests=%llu rounds=%llu", requests,
			   h->kind == RNT_DUMPIT ? calls : 0);
		rnt_print_dist(m, "lat", &h->stats->lat);
		rnt_print_dist(m, "wait", &h->stats->wait);
		rnt_print_dist(m, "hold", &h->stats->hold);
		rnt_print_sets(m, &h->stats->sets);
		seq_putc(m, '\n');
	}
	mutex_unlock(&rnt_mutex);
	return 0;
}

int rnt_handler_sets_show(struct seq_file *m)
{
	int i;

	mutex_lock(&rnt_mutex);
	for (i = 0; i < rnt_nr_handlers; i++)
		rnt_print_shapes(m, rnt_handlers[i].name,
				 &rnt_handlers[i].stats->sets);
	mutex_unlock(&rnt_mutex);
	return 0;
}
