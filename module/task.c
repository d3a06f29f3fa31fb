// SPDX-License-Identifier: GPL-2.0
/*
 * Per-task state: claim, lookup, release; the numbering of the task's
 * RTNL sections and requests, and the sets of nets each one counts (the
 * nets it locked for pernet.c, the nets it touched for footprint.c).
 *
 * A table of max_tasks slots (a module parameter, rounded up to a power
 * of two) is allocated at load. A task's slot is found by hashing its
 * task_struct pointer and looking at a window of RNT_TASK_WINDOW keys
 * from there; the keys sit in an array of their own, so a lookup reads a
 * few cache lines, not a few slots. A task claims a slot (cmpxchg on its
 * key) only while it is inside something tracked, and gives it back when
 * it leaves, so the table holds the tasks inside rtnetlink or RTNL right
 * now: with the default of 4,096 and a window of 32, a pile-up of 1,000
 * tasks on RTNL fills a quarter of it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <kunit/visibility.h>

#include "params.h"
#include "stats.h"
#include "task.h"

#define RNT_TASK_WINDOW		32

/* rnt_task_keys[i] owns rnt_tasks[i]; NULL when free, claimed by cmpxchg. */
static struct task_struct **rnt_task_keys;
static struct rnt_task *rnt_tasks;
static unsigned int rnt_task_bits;

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

static struct rnt_task *rnt_task_init(struct rnt_task *t)
{
	memset(t, 0, sizeof(*t));
	t->start_time = current->start_time;
	t->rtnl_slot = RNT_NO_SLOT;
	t->rtnl_site = -1;
	t->wait_slot = RNT_NO_SLOT;
	/*
	 * Our own pid and comm, for the reader of "now". A plain copy: no
	 * task_lock() in a probe, and a comm being renamed at this very
	 * moment is read torn at worst.
	 */
	t->pid = task_pid_nr(current);
	memcpy(t->comm, current->comm, sizeof(t->comm));
	t->comm[sizeof(t->comm) - 1] = '\0';
	rnt_section_begin(t);
	return t;
}

struct rnt_task *rnt_task_current(bool create)
{
	unsigned int h = hash_ptr(current, rnt_task_bits);
	unsigned int mask = (1U << rnt_task_bits) - 1;
	unsigned int i, s, first = RNT_TASK_WINDOW;
	struct task_struct *key;
	struct rnt_task *t;

	for (i = 0; i < RNT_TASK_WINDOW; i++) {
		s = (h + i) & mask;
		key = READ_ONCE(rnt_task_keys[s]);
		if (key == current) {
			t = &rnt_tasks[s];
			if (t->start_time == current->start_time)
				return t;
			/* A stale slot of an earlier task at this address. */
			return rnt_task_init(t);
		}
		if (!key && first == RNT_TASK_WINDOW)
			first = i;
	}
	if (!create)
		return NULL;
	/* Ours is nowhere in the window: claim its first free key, or a later one. */
	for (i = first; i < RNT_TASK_WINDOW; i++) {
		s = (h + i) & mask;
		if (!READ_ONCE(rnt_task_keys[s]) &&
		    !cmpxchg(&rnt_task_keys[s], NULL, current))
			return rnt_task_init(&rnt_tasks[s]);
	}
	rnt_drop(RNT_DROP_TASK);
	return NULL;
}

/* Give the slot back once the task is inside nothing we track. */
void rnt_task_put(struct rnt_task *t)
{
	if (t && !t->depth && !t->rtnl_held && !t->nheld && !t->wrapper_caller &&
	    !t->wait_since)
		/* Our writes to the slot land before another task claims it. */
		smp_store_release(&rnt_task_keys[t - rnt_tasks], NULL);
}

/* Only while the probes are unregistered. */
void rnt_tasks_reset(void)
{
	memset(rnt_task_keys, 0, sizeof(*rnt_task_keys) << rnt_task_bits);
}

unsigned int rnt_tasks_nr(void)
{
	return 1U << rnt_task_bits;
}

/*
 * Slot @i for a lockless reader (live.c), or NULL when no task owns it.
 * The owner keeps writing it meanwhile: the reader takes every field
 * with READ_ONCE() and makes do with a snapshot of a moving system.
 */
const struct rnt_task *rnt_task_peek(unsigned int i)
{
	if (!READ_ONCE(rnt_task_keys[i]))
		return NULL;
	return &rnt_tasks[i];
}

size_t rnt_tasks_bytes(void)
{
	return (sizeof(*rnt_task_keys) + sizeof(*rnt_tasks)) << rnt_task_bits;
}

int rnt_tasks_init(void)
{
	rnt_task_bits = order_base_2(rnt_max_tasks);
	rnt_task_keys = kvcalloc(1U << rnt_task_bits, sizeof(*rnt_task_keys),
				 GFP_KERNEL);
	rnt_tasks = kvcalloc(1U << rnt_task_bits, sizeof(*rnt_tasks), GFP_KERNEL);
	if (!rnt_task_keys || !rnt_tasks) {
		rnt_tasks_exit();
		return -ENOMEM;
	}
	return 0;
}

void rnt_tasks_exit(void)
{
	kvfree(rnt_tasks);
	kvfree(rnt_task_keys);
	rnt_tasks = NULL;
	rnt_task_keys = NULL;
}
