// SPDX-License-Identifier: GPL-2.0
/*
 * Call sites: the callers of the RTNL lock functions outside rtnetlink
 * handlers, and their figures.
 *
 * Room for max_sites sites (a module parameter) is allocated at load.
 * The sites' addresses are keys of an open-addressing table of twice as
 * many slots, rounded up to a power of two: a lookup hashes the address
 * and looks at the slots from there, up to RNT_SITE_WINDOW of them, and
 * stops at the first free one, where a new site is claimed with cmpxchg.
 * Keys are never removed while the module is loaded, not even by a reset
 * (which zeroes the figures only): so a key, once published, never
 * changes, and a probe never waits for anything but a claim in progress
 * on another CPU. At a load factor of at most one half a hit takes 1.5
 * probes and a miss 2.5, on average. A claimed
 * key takes the next index from a counter; the index is published in
 * the slot and picks the site's per-CPU figures, which are allocated at
 * load in chunks (one per-CPU allocation is at most PCPU_MIN_UNIT_SIZE).
 * A site is dropped (drops sites=) once max_sites are taken since load
 * (4,096 by default, for the 881 rtnl_lock() callers of 7.3), or if all
 * RNT_SITE_WINDOW slots of its window are taken by others: at full load,
 * in 300 simulated tables of 4,096 random keys, no key needed more than
 * 45 probes.
 *
 * Reading sorts the sites counted since the last reset, most-held-first,
 * into a temporary array.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "rnt.h"

#define RNT_SITE_WINDOW		128
/* A slot's index while none is left for it. */
#define RNT_SITE_NONE		UINT_MAX

int rnt_max_sites = 4096;
static unsigned int rnt_site_cap;

struct rnt_site_key {
	unsigned long ip;	/* the caller; 0 while the slot is free */
	unsigned int idx;	/* 1 + its figures' index, 0 until published */
};

/* The keys: claimed with cmpxchg, never cleared while loaded. */
static struct rnt_site_key *rnt_site_keys;
static unsigned int rnt_site_bits;
/* Indexes handed out since load; may run past rnt_max_sites. */
static atomic_t rnt_sites_used;

struct rnt_site_stats __percpu **rnt_site_chunks;
static unsigned int rnt_site_nr_chunks;

/*
 * @ip's slot @e was claimed by another CPU a moment ago, which publishes
 * the index right after its cmpxchg, with preemption off.
 */
static int rnt_site_wait_idx(struct rnt_site_key *e)
{
	unsigned int idx;

	/* Pairs with the claimer's smp_store_release() of the index. */
	while (!(idx = smp_load_acquire(&e->idx)))
		cpu_relax();
	if (idx == RNT_SITE_NONE) {
		rnt_drop(RNT_DROP_SITE);
		return -1;
	}
	return idx - 1;
}

/* The index of @ip's figures, claimed on first use; -1 when full. */
int rnt_site_get(unsigned long ip)
{
	unsigned int h = hash_long(ip, rnt_site_bits);
	unsigned int mask = (1U << rnt_site_bits) - 1;
	struct rnt_site_key *e;
	unsigned long cur;
	unsigned int i, n;

	for (i = 0; i < RNT_SITE_WINDOW; i++) {
		e = &rnt_site_keys[(h + i) & mask];
		cur = READ_ONCE(e->ip);
		if (!cur) {
			if ((unsigned int)atomic_read(&rnt_sites_used) >= rnt_site_cap)
				break;
			preempt_disable_notrace();
			cur = cmpxchg(&e->ip, 0, ip);
			if (!cur) {
				n = atomic_inc_return(&rnt_sites_used);
				/* The key is ours: publish its index. */
				smp_store_release(&e->idx,
						  n <= rnt_site_cap ? n : RNT_SITE_NONE);
				preempt_enable_notrace();
				if (n <= rnt_site_cap)
					return n - 1;
				break;
			}
			preempt_enable_notrace();
		}
		if (cur == ip)
			return rnt_site_wait_idx(e);
	}
	rnt_drop(RNT_DROP_SITE);
	return -1;
}

static int rnt_site_cmp(const void *a, const void *b)
{
	const struct rnt_site_ref *x = a, *y = b;

	if (x->t.hold_sum != y->t.hold_sum)
		return x->t.hold_sum > y->t.hold_sum ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->ip != y->ip)
		return x->ip < y->ip ? -1 : 1;
	return 0;
}

/*
 * Every site counted since the last reset, most-held-first (descending
 * hold_sum, ties by descending count), with its count and times summed
 * over the CPUs, into a new
 * array for the caller to kvfree(). Returns how many, or -ENOMEM.
 * Sleeps; the probes may go on claiming sites meanwhile.
 */
int rnt_sites_sorted(struct rnt_site_ref **out)
{
	unsigned int i, idx, cap = min_t(unsigned int, atomic_read(&rnt_sites_used),
					 rnt_site_cap);
	struct rnt_site_stats __percpu *s;
	struct rnt_site_ref *refs;
	unsigned long ip;
	int n = 0;

	*out = NULL;
	if (!cap)
		return 0;
	refs = kvmalloc_array(cap, sizeof(*refs), GFP_KERNEL);
	if (!refs)
		return -ENOMEM;
	for (i = 0; i < 1U << rnt_site_bits && n < cap; i++) {
		cond_resched();
		ip = READ_ONCE(rnt_site_keys[i].ip);
		/* Pairs with the claimer's release: a published index. */
		idx = smp_load_acquire(&rnt_site_keys[i].idx);
		if (!ip || !idx || idx == RNT_SITE_NONE)
			continue;
		s = rnt_site_pcpu(idx - 1);
		refs[n].ip = ip;
		refs[n].idx = idx - 1;
		refs[n].count = rnt_sum_u64(&s->count);
		if (!refs[n].count)
			continue;
		rnt_times_sum(&s->t, &refs[n].t);
		n++;
	}
	sort(refs, n, sizeof(*refs), rnt_site_cmp, NULL);
	*out = refs;
	return n;
}

/*
 * Caller holds rnt_mutex. The probes may be running: a section that
 * races with a reset may be counted after it, or lost. The keys stay:
 * clearing them under running probes would let a slot lose its index
 * to a claim in between, and a probe wait on it for ever.
 */
void rnt_sites_reset(void)
{
	unsigned int i;
	int cpu;

	for (i = 0; i < rnt_site_nr_chunks; i++)
		for_each_possible_cpu(cpu)
			memset(per_cpu_ptr(rnt_site_chunks[i], cpu), 0,
			       sizeof(struct rnt_site_stats) * RNT_SITE_CHUNK);
}

/* The keys, and the figures over every possible CPU. */
size_t rnt_sites_bytes(void)
{
	return (sizeof(*rnt_site_keys) << rnt_site_bits) +
	       sizeof(*rnt_site_chunks) * rnt_site_nr_chunks +
	       sizeof(struct rnt_site_stats) * RNT_SITE_CHUNK *
	       rnt_site_nr_chunks * num_possible_cpus();
}

int rnt_sites_init(void)
{
	unsigned int i;

	rnt_site_cap = rnt_max_sites;
	rnt_site_bits = order_base_2(2 * rnt_site_cap);
	rnt_site_nr_chunks = DIV_ROUND_UP(rnt_site_cap, RNT_SITE_CHUNK);
	atomic_set(&rnt_sites_used, 0);
	rnt_site_keys = kvcalloc(1U << rnt_site_bits, sizeof(*rnt_site_keys),
				 GFP_KERNEL);
	rnt_site_chunks = kcalloc(rnt_site_nr_chunks, sizeof(*rnt_site_chunks),
				  GFP_KERNEL);
	if (!rnt_site_keys || !rnt_site_chunks)
		goto free;
	for (i = 0; i < rnt_site_nr_chunks; i++) {
		rnt_site_chunks[i] =
			__alloc_percpu(sizeof(struct rnt_site_stats) * RNT_SITE_CHUNK,
				       __alignof__(struct rnt_site_stats));
		if (!rnt_site_chunks[i])
			goto free;
	}
	return 0;
free:
	rnt_sites_exit();
	return -ENOMEM;
}

void rnt_sites_exit(void)
{
	unsigned int i;

	if (rnt_site_chunks)
		for (i = 0; i < rnt_site_nr_chunks; i++)
			free_percpu(rnt_site_chunks[i]);
	kfree(rnt_site_chunks);
	kvfree(rnt_site_keys);
	rnt_site_chunks = NULL;
	rnt_site_keys = NULL;
}
