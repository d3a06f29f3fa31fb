// SPDX-License-Identifier: GPL-2.0
/*
 * The live view of global RTNL: who holds it now, for how long, with
 * which per-netns locks, and who waits for it (the debugfs file "now").
 *
 * It must answer while RTNL is held for minutes, so it takes no lock
 * at all: not RTNL, not rnt_mutex, nothing an RTNL holder may hold. It
 * scans the per-task table (task.c), in which every task inside RTNL or
 * waiting for it owns a slot, and reads each slot with READ_ONCE() while
 * its owner keeps writing it: a snapshot of a moving system, in which a
 * task may show up half-way through a transition (twice, or not at
 * all), but never a field of freed memory. pid and comm come from the
 * slot, stored there when the task claimed it, never from the task
 * itself, which may have exited since.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "handlers.h"
#include "live.h"
#include "probes.h"
#include "task.h"

/* Waiters listed one by one, the oldest first; the rest are counted. */
#define RNT_LIVE_WAITERS	64
/* One holder, or two for a moment while RTNL changes hands. */
#define RNT_LIVE_HOLDERS	4

struct rnt_live {
	u64 since;		/* holding or waiting since */
	unsigned long caller;	/* who called the lock function */
	pid_t pid;
	s16 slot;		/* handler, or RNT_NO_SLOT for a call site */
	u8 nheld;
	char comm[TASK_COMM_LEN];
	struct {
		unsigned int inum;
		u64 cookie;
	} held[RNT_MAX_HELD];
};

struct rnt_live_snap {
	struct rnt_live holders[RNT_LIVE_HOLDERS];
	struct rnt_live waiters[RNT_LIVE_WAITERS];
	unsigned int nholders;
	unsigned int nwaiters;		/* listed */
	unsigned int count;		/* all of them */
	u64 oldest;			/* the earliest wait_since */
};

static void rnt_live_fill(struct rnt_live *e, const struct rnt_task *t,
			  u64 since, bool holder)
{
	unsigned int i;

	e->since = since;
	e->pid = READ_ONCE(t->pid);
	/* Written by the task at the claim, before it waits or holds. */
	for (i = 0; i < TASK_COMM_LEN; i++)
		e->comm[i] = READ_ONCE(t->comm[i]);
	e->comm[TASK_COMM_LEN - 1] = '\0';
	e->nheld = 0;
	if (!holder) {
		e->slot = READ_ONCE(t->wait_slot);
		e->caller = READ_ONCE(t->wait_caller);
		return;
	}
	e->slot = READ_ONCE(t->rtnl_slot);
	e->caller = READ_ONCE(t->rtnl_caller);
	e->nheld = min_t(u8, READ_ONCE(t->nheld), RNT_MAX_HELD);
	for (i = 0; i < e->nheld; i++) {
		e->held[i].inum = READ_ONCE(t->held[i].inum);
		e->held[i].cookie = READ_ONCE(t->held[i].cookie);
	}
}

/* Keep the RNT_LIVE_WAITERS oldest waits; count them all. */
static void rnt_live_waiter(struct rnt_live_snap *s, const struct rnt_task *t,
			    u64 since)
{
	unsigned int i, young = 0;

	s->count++;
	if (!s->oldest || since < s->oldest)
		s->oldest = since;
	if (s->nwaiters < RNT_LIVE_WAITERS) {
		rnt_live_fill(&s->waiters[s->nwaiters++], t, since, false);
		return;
	}
	for (i = 1; i < RNT_LIVE_WAITERS; i++)
		if (s->waiters[i].since > s->waiters[young].since)
			young = i;
	if (since < s->waiters[young].since)
		rnt_live_fill(&s->waiters[young], t, since, false);
}

static void rnt_live_scan(struct rnt_live_snap *s)
{
	unsigned int i, n = rnt_tasks_nr();

	for (i = 0; i < n; i++) {
		const struct rnt_task *t = rnt_task_peek(i);
		u64 since;

		if (!t)
			continue;
		since = READ_ONCE(t->wait_since);
		if (since)
			rnt_live_waiter(s, t, since);
		if (READ_ONCE(t->rtnl_held) && s->nholders < RNT_LIVE_HOLDERS)
			rnt_live_fill(&s->holders[s->nholders++], t,
				      READ_ONCE(t->rtnl_acquired), true);
	}
}

static int rnt_live_cmp(const void *a, const void *b)
{
	const struct rnt_live *x = a, *y = b;

	if (x->since != y->since)
		return x->since < y->since ? -1 : 1;
	return 0;
}

/* pid, comm and owner: the handler (a slot never changes its key) or site. */
static void rnt_live_who(struct seq_file *m, const char *rec,
			 struct rnt_live *e)
{
	char sym[KSYM_SYMBOL_LEN];
	unsigned int i;

	for (i = 0; e->comm[i]; i++)
		if (e->comm[i] <= ' ' || e->comm[i] > '~' || e->comm[i] == '=')
			e->comm[i] = '?';
	seq_printf(m, "%s pid=%d comm=%s", rec, e->pid,
		   e->comm[0] ? e->comm : "?");
	if (e->slot >= 0 && e->slot < READ_ONCE(rnt_nr_handlers)) {
		const struct rnt_handler *h = &rnt_handlers[e->slot];

		seq_printf(m, " owner=%s owner_type=handler family=%u msgtype=%u kind=%s",
			   h->name, h->family, h->msgtype,
			   h->kind == RNT_DOIT ? "doit" : "dumpit");
		return;
	}
	if (e->caller) {
		sprint_symbol(sym, e->caller);
		strreplace(sym, ' ', '_');
	} else {
		strscpy(sym, "-");
	}
	seq_printf(m, " owner=%s owner_type=site", sym);
}

int rnt_live_show(struct seq_file *m)
{
	bool enabled = rnt_probes_enabled();
	struct rnt_live_snap *s;
	unsigned int i, j;
	u64 now;

	s = kzalloc_obj(*s);
	if (!s)
		return -ENOMEM;
	/* Disabled, the slots hold whatever the probes last left there. */
	if (enabled)
		rnt_live_scan(s);
	now = rnt_now();
	seq_printf(m, "now enabled=%d time_ns=%llu\n", enabled, now);

	for (i = 0; i < s->nholders; i++) {
		struct rnt_live *e = &s->holders[i];

		rnt_live_who(m, "holder", e);
		seq_printf(m, " held_ns=%llu nets=", rnt_since(e->since, now));
		for (j = 0; j < e->nheld; j++)
			seq_printf(m, "%s%u:%llu", j ? "," : "", e->held[j].inum,
				   e->held[j].cookie);
		seq_puts(m, e->nheld ? "\n" : "-\n");
	}

	sort(s->waiters, s->nwaiters, sizeof(s->waiters[0]), rnt_live_cmp, NULL);
	seq_printf(m, "waiters count=%u listed=%u oldest_ns=%llu\n", s->count,
		   s->nwaiters, s->count ? rnt_since(s->oldest, now) : 0);
	for (i = 0; i < s->nwaiters; i++) {
		rnt_live_who(m, "waiter", &s->waiters[i]);
		seq_printf(m, " wait_ns=%llu\n",
			   rnt_since(s->waiters[i].since, now));
	}
	kfree(s);
	return 0;
}
