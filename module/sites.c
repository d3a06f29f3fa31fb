// SPDX-License-Identifier: GPL-2.0
/*
 * Call sites: the callers of the RTNL lock functions outside rtnetlink
 * handlers, and their figures.
 *
 * Room for max_sites sites (a module parameter) is allocated at load:
 * their addresses are the keys of a keytab.c table, whose index picks the
 * site's per-CPU figures, allocated at load in chunks (one per-CPU
 * allocation is at most PCPU_MIN_UNIT_SIZE). A site is dropped (drops
 * sites=) once max_sites are taken since load (4,096 by default, for the
 * 881 rtnl_lock() callers of 7.3), or if the table has no room for it
 * near its hash.
 *
 * Reading sorts the sites counted since the last reset, most-held-first,
 * into a temporary array.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "keytab.h"
#include "params.h"
#include "sites.h"

static struct rnt_keytab rnt_site_keys;

struct rnt_site_stats __percpu **rnt_site_chunks;
static unsigned int rnt_site_nr_chunks;

/* The index of @ip's figures, claimed on first use; -1 when full. */
int rnt_site_get(unsigned long ip)
{
	int idx = rnt_keytab_get(&rnt_site_keys, ip);

	if (idx < 0)
		rnt_drop(RNT_DROP_SITE);
	return idx;
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
	unsigned int i, cap = rnt_keytab_used(&rnt_site_keys);
	struct rnt_site_stats __percpu *s;
	struct rnt_site_ref *refs;
	unsigned long ip;
	int n = 0, idx;

	*out = NULL;
	if (!cap)
		return 0;
	refs = kvmalloc_array(cap, sizeof(*refs), GFP_KERNEL);
	if (!refs)
		return -ENOMEM;
	for (i = 0; i < rnt_keytab_slots(&rnt_site_keys) && n < cap; i++) {
		cond_resched();
		if (!rnt_keytab_at(&rnt_site_keys, i, &ip, &idx))
			continue;
		s = rnt_site_pcpu(idx);
		refs[n].ip = ip;
		refs[n].idx = idx;
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

/* The rtnl file's "site" records, most held first. */
int rnt_sites_print(struct seq_file *m)
{
	char sym[KSYM_SYMBOL_LEN];
	struct rnt_site_ref *sites;
	int i, n;

	n = rnt_sites_sorted(&sites);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		seq_printf(m, "site sym=%s count=%llu", rnt_sym(sym, sites[i].ip),
			   sites[i].count);
		rnt_print_times(m, &sites[i].t);
	}
	kvfree(sites);
	return 0;
}

/* The sites' part of the locksets file, most held first. */
int rnt_site_sets_show(struct seq_file *m)
{
	char sym[KSYM_SYMBOL_LEN];
	struct rnt_site_ref *sites;
	int i, n;

	n = rnt_sites_sorted(&sites);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		rnt_print_shapes(m, rnt_sym(sym, sites[i].ip),
				 &rnt_site_pcpu(sites[i].idx)->sets);
	kvfree(sites);
	return 0;
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
	return rnt_keytab_bytes(&rnt_site_keys) +
	       sizeof(*rnt_site_chunks) * rnt_site_nr_chunks +
	       sizeof(struct rnt_site_stats) * RNT_SITE_CHUNK *
	       rnt_site_nr_chunks * num_possible_cpus();
}

int rnt_sites_init(void)
{
	unsigned int i;
	int err;

	rnt_site_nr_chunks = DIV_ROUND_UP(rnt_max_sites, RNT_SITE_CHUNK);
	err = rnt_keytab_init(&rnt_site_keys, rnt_max_sites);
	rnt_site_chunks = kcalloc(rnt_site_nr_chunks, sizeof(*rnt_site_chunks),
				  GFP_KERNEL);
	if (err || !rnt_site_chunks)
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
	rnt_keytab_exit(&rnt_site_keys);
	rnt_site_chunks = NULL;
}
