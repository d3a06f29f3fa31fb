// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure logic of rtnl_net_trace: the lock-order
 * comparison, the rules for a task without a slot, lock-set counting, the
 * folding of exited netns, the collapsing of duplicate violations, the
 * histogram buckets and the claim-once key table.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

#include "keytab.h"
#include "netns.h"
#include "pernet.h"
#include "stats.h"
#include "task.h"
#include "violations.h"

/* Fake nets: only their addresses matter. */
static char nets[4];

static void rnt_test_cmp_init_first(struct kunit *test)
{
	const void *init = &nets[2];

	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(init, &nets[0], init), -1);
	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(&nets[0], init, init), 1);
	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(init, &nets[3], init), -1);
	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(&nets[3], init, init), 1);
}

static void rnt_test_cmp_ascending(struct kunit *test)
{
	const void *init = &nets[3];

	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(&nets[0], &nets[1], init), -1);
	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(&nets[1], &nets[0], init), 1);
	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(&nets[0], &nets[2], init), -1);
}

static void rnt_test_cmp_equal(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(&nets[1], &nets[1], &nets[0]), 0);
	KUNIT_EXPECT_EQ(test, rnt_cmp_nets(&nets[0], &nets[0], &nets[0]), 0);
}

/*
 * A task without a slot, holding RTNL: each net it locks is checked
 * against the one it took just before, as within one rtnl_nets_lock()
 * call, and that net is forgotten when unlocked or when RTNL is let go.
 * The nets are zeroed memory: only their addresses are compared. Its
 * violations go to the loaded module's figures like any others.
 */
static void rnt_test_slotless(struct kunit *test)
{
	struct net *two = kunit_kcalloc(test, 2, sizeof(*two), GFP_KERNEL);
	struct net *lo = &two[0], *hi = &two[1];
	u64 order, rec, unbal, norl;
	bool rtnl;

	KUNIT_ASSERT_NOT_NULL(test, two);
	rtnl_lock();
	rnt_pernet_forget(true);
	order = rnt_violation_total(RNT_V_ORDER);
	rec = rnt_violation_total(RNT_V_RECURSION);
	unbal = rnt_violation_total(RNT_V_UNBALANCED_UNLOCK);
	norl = rnt_violation_total(RNT_V_NO_RTNL);

	KUNIT_EXPECT_TRUE(test, rnt_pernet_check(NULL, lo, &rtnl));
	KUNIT_EXPECT_TRUE(test, rnt_pernet_check(NULL, hi, &rtnl));
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_ORDER), order);
	/* Lower after higher: out of order; then the same one again. */
	KUNIT_EXPECT_TRUE(test, rnt_pernet_check(NULL, lo, &rtnl));
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_ORDER), order + 1);
	KUNIT_EXPECT_FALSE(test, rnt_pernet_check(NULL, lo, &rtnl));
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_RECURSION), rec + 1);
	/* init_net comes first: after any other net it is out of order. */
	KUNIT_EXPECT_TRUE(test, rnt_pernet_check(NULL, &init_net, &rtnl));
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_ORDER), order + 2);

	/* Unlocked: the next net is not compared with it. */
	rnt_pernet_check(NULL, hi, &rtnl);
	rnt_pernet_unlock(NULL, hi);
	KUNIT_EXPECT_TRUE(test, rnt_pernet_check(NULL, lo, &rtnl));
	/* RTNL let go: forgotten too. */
	rnt_pernet_forget(false);
	KUNIT_EXPECT_TRUE(test, rnt_pernet_check(NULL, lo, &rtnl));
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_ORDER), order + 2);
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_RECURSION), rec + 1);
	/* Without lockdep nothing tells whether a task without a slot held it. */
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_UNBALANCED_UNLOCK),
			unbal + rnt_pernet_lockdep());
	KUNIT_EXPECT_EQ(test, rnt_violation_total(RNT_V_NO_RTNL), norl);
	KUNIT_EXPECT_TRUE(test, rtnl);
	rnt_pernet_forget(true);
	rtnl_unlock();
}

/* A lock set counts each net once per section, whatever the order. */
static void rnt_test_set_note(struct kunit *test)
{
	u64 stamp[3] = {};
	unsigned int n = 0, i;

	for (i = 0; i < 3; i++)
		n += rnt_set_note(&stamp[i], 7);
	KUNIT_EXPECT_EQ(test, n, 3U);
	/* Locked again in the same section: not counted again. */
	n += rnt_set_note(&stamp[1], 7);
	n += rnt_set_note(&stamp[0], 7);
	KUNIT_EXPECT_EQ(test, n, 3U);
	/* A new section counts it afresh. */
	KUNIT_EXPECT_TRUE(test, rnt_set_note(&stamp[1], 8));
	KUNIT_EXPECT_FALSE(test, rnt_set_note(&stamp[1], 8));
}

static void rnt_test_netns_fold(struct kunit *test)
{
	struct rnt_netns_sum total = { .nets = 2, .requests = 10, .locks = 4,
				       .t = { .wait_sum = 5, .wait_max = 3,
					      .hold_sum = 9, .hold_max = 8 } };
	struct rnt_netns_sum s = { .nets = 1, .requests = 7, .locks = 1,
				   .t = { .wait_sum = 6, .wait_max = 6,
					  .hold_sum = 2, .hold_max = 2 } };

	rnt_netns_fold(&total, &s);
	KUNIT_EXPECT_EQ(test, total.nets, 3ULL);
	KUNIT_EXPECT_EQ(test, total.requests, 17ULL);
	KUNIT_EXPECT_EQ(test, total.locks, 5ULL);
	KUNIT_EXPECT_EQ(test, total.t.wait_sum, 11ULL);
	KUNIT_EXPECT_EQ(test, total.t.wait_max, 6ULL);
	KUNIT_EXPECT_EQ(test, total.t.hold_sum, 11ULL);
	KUNIT_EXPECT_EQ(test, total.t.hold_max, 8ULL);
}

/*
 * Six netns exit, three per batch, with room for two on the exited list:
 * the four oldest are folded; the next batch's exit reaps only those of
 * batches before it, and the total is exact.
 */
static void rnt_test_netns_trim_reap(struct kunit *test)
{
	struct rnt_netns *rec[6], *r, *tmp;
	unsigned int nexited = 0, nfolded = 0, i;
	struct rnt_netns_sum total = {};
	LIST_HEAD(exited);
	LIST_HEAD(folded);
	LIST_HEAD(gone);

	for (i = 0; i < 6; i++) {
		rec[i] = rnt_netns_alloc(100 + i, 4026532000U + i);
		KUNIT_ASSERT_NOT_NULL(test, rec[i]);
		this_cpu_write(rec[i]->stats->requests, i + 1);
		per_cpu_ptr(rec[i]->stats, cpumask_last(cpu_possible_mask))->locks += 10;
		rec[i]->batch = i / 3;
		list_add_tail(&rec[i]->node, &exited);
		nexited++;
		nfolded += rnt_netns_trim(&exited, &nexited, &folded, 2);
	}
	KUNIT_EXPECT_EQ(test, nexited, 2U);
	KUNIT_EXPECT_EQ(test, nfolded, 4U);
	KUNIT_EXPECT_PTR_EQ(test, list_first_entry(&exited, struct rnt_netns, node),
			    rec[4]);
	KUNIT_EXPECT_PTR_EQ(test, list_first_entry(&folded, struct rnt_netns, node),
			    rec[0]);

	/* The end of batch 1: only batch 0's folded records (0, 1, 2) go. */
	KUNIT_EXPECT_EQ(test, rnt_netns_reap(&folded, 1, &total, &gone), 3U);
	KUNIT_EXPECT_EQ(test, total.nets, 3ULL);
	KUNIT_EXPECT_EQ(test, total.requests, 1ULL + 2 + 3);
	KUNIT_EXPECT_EQ(test, total.locks, 30ULL);
	KUNIT_EXPECT_PTR_EQ(test, list_first_entry(&folded, struct rnt_netns, node),
			    rec[3]);
	KUNIT_EXPECT_EQ(test, rnt_netns_reap(&folded, 2, &total, &gone), 1U);
	KUNIT_EXPECT_EQ(test, total.requests, 1ULL + 2 + 3 + 4);
	KUNIT_EXPECT_TRUE(test, list_empty(&folded));

	list_splice_init(&exited, &gone);
	list_for_each_entry_safe(r, tmp, &gone, node)
		rnt_netns_free(r);
}

/*
 * Records share blocks of per-CPU figures: 2 x RNT_NETNS_BLOCK records
 * take at most 2 more blocks, and once they are freed no block of ours
 * is left. A record's figures start at zero, also in an entry another
 * record used before: blocks are searched newest first, and only the
 * newest of those ahead of rec[7]'s can have room, so the entry freed is
 * taken again within RNT_NETNS_BLOCK more records. The bounds allow for
 * netns of earlier tests still being freed meanwhile.
 */
static void rnt_test_netns_blocks(struct kunit *test)
{
	const unsigned int nrec = 2 * RNT_NETNS_BLOCK, nmore = 2 * RNT_NETNS_BLOCK;
	unsigned int before = rnt_netns_nr_blocks(), i;
	struct rnt_netns_stats __percpu *old;
	struct rnt_netns **rec, **more;
	bool reused = false;
	int cpu;

	rec = kunit_kcalloc(test, nrec, sizeof(*rec), GFP_KERNEL);
	more = kunit_kcalloc(test, nmore, sizeof(*more), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_ASSERT_NOT_NULL(test, more);
	for (i = 0; i < nrec; i++) {
		rec[i] = rnt_netns_alloc(200 + i, 4026533000U + i);
		KUNIT_ASSERT_NOT_NULL(test, rec[i]);
		for_each_possible_cpu(cpu)
			per_cpu_ptr(rec[i]->stats, cpu)->requests = i + 1;
	}
	KUNIT_EXPECT_LE(test, rnt_netns_nr_blocks(), before + 2);
	for (i = 0; i < nrec; i++)
		KUNIT_EXPECT_EQ(test, this_cpu_read(rec[i]->stats->requests),
				(u64)i + 1);

	old = rec[7]->stats;
	rnt_netns_free(rec[7]);
	rec[7] = NULL;
	for (i = 0; i < nmore && !reused; i++) {
		more[i] = rnt_netns_alloc(300 + i, 4026534000U + i);
		KUNIT_ASSERT_NOT_NULL(test, more[i]);
		for_each_possible_cpu(cpu)
			KUNIT_EXPECT_EQ(test,
					per_cpu_ptr(more[i]->stats, cpu)->requests,
					0ULL);
		reused = more[i]->stats == old;
	}
	KUNIT_EXPECT_TRUE(test, reused);

	for (i = 0; i < nrec; i++)
		rnt_netns_free(rec[i]);
	for (i = 0; i < nmore; i++)
		rnt_netns_free(more[i]);
	KUNIT_EXPECT_LE(test, rnt_netns_nr_blocks(), before);
}

static struct rnt_ring *rnt_test_ring(struct kunit *test)
{
	struct rnt_ring *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	return r;
}

static void rnt_test_ring_collapse(struct kunit *test)
{
	struct rnt_ring *r = rnt_test_ring(test);
	struct rnt_violation *a, *b;
	bool is_new;

	a = rnt_ring_get(r, RNT_V_ORDER, 0x1234, &is_new);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_TRUE(test, is_new);
	a->count++;
	b = rnt_ring_get(r, RNT_V_ORDER, 0x1234, &is_new);
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	KUNIT_EXPECT_FALSE(test, is_new);
	KUNIT_EXPECT_EQ(test, r->len, 1U);
	/* Same stack, other kind: a new entry. */
	b = rnt_ring_get(r, RNT_V_LEAK, 0x1234, &is_new);
	KUNIT_EXPECT_TRUE(test, is_new);
	KUNIT_EXPECT_EQ(test, b->kind, (int)RNT_V_LEAK);
	KUNIT_EXPECT_EQ(test, b->count, 0ULL);
	KUNIT_EXPECT_EQ(test, r->len, 2U);
	KUNIT_EXPECT_EQ(test, a->count, 1ULL);
	KUNIT_EXPECT_EQ(test, r->dropped, 0ULL);
}

/* Record distinct violations with hashes @from..@to, one count each. */
static void rnt_test_ring_fill(struct kunit *test, struct rnt_ring *r,
			       u32 from, u32 to)
{
	struct rnt_violation *v;
	bool is_new;
	u32 h;

	for (h = from; h <= to; h++) {
		v = rnt_ring_get(r, RNT_V_ORDER, h, &is_new);
		KUNIT_ASSERT_NOT_NULL(test, v);
		KUNIT_EXPECT_TRUE(test, is_new);
		v->count++;
	}
}

/* Entries i..: hashes @first, @first + 1, ... in recording order. */
static void rnt_test_ring_expect(struct kunit *test, struct rnt_ring *r,
				 unsigned int i, unsigned int n, u32 first)
{
	unsigned int k;

	for (k = 0; k < n; k++)
		KUNIT_EXPECT_EQ_MSG(test, rnt_ring_at(r, i + k)->hash, first + k,
				    "entry %u", i + k);
}

/* Below 64 entries nothing wraps, and the order is the recording order. */
static void rnt_test_ring_partial(struct kunit *test)
{
	struct rnt_ring *r = rnt_test_ring(test);

	rnt_test_ring_fill(test, r, 1, 40);
	KUNIT_EXPECT_EQ(test, r->len, 40U);
	KUNIT_EXPECT_EQ(test, r->dropped, 0ULL);
	rnt_test_ring_expect(test, r, 0, 40, 1);
}

/*
 * 100 distinct violations: the first 32 stay, the last 32 are the most
 * recent, 36 were dropped; duplicates collapse wherever their entry is.
 */
static void rnt_test_ring_first_last(struct kunit *test)
{
	struct rnt_ring *r = rnt_test_ring(test);
	struct rnt_violation *v;
	bool is_new;

	KUNIT_EXPECT_EQ(test, RNT_RING_FIRST, 32);
	KUNIT_EXPECT_EQ(test, RNT_RING_LAST, 32);
	rnt_test_ring_fill(test, r, 1, 64);
	KUNIT_EXPECT_EQ(test, r->len, 64U);
	KUNIT_EXPECT_EQ(test, r->dropped, 0ULL);
	rnt_test_ring_fill(test, r, 65, 100);
	KUNIT_EXPECT_EQ(test, r->len, 64U);
	KUNIT_EXPECT_EQ(test, r->dropped, 36ULL);
	rnt_test_ring_expect(test, r, 0, 32, 1);
	rnt_test_ring_expect(test, r, 32, 32, 69);

	/* A duplicate of a first one, and of a last one: no new entry. */
	v = rnt_ring_get(r, RNT_V_ORDER, 5, &is_new);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_FALSE(test, is_new);
	KUNIT_EXPECT_PTR_EQ(test, v, rnt_ring_at(r, 4));
	v->count++;
	KUNIT_EXPECT_EQ(test, v->count, 2ULL);
	v = rnt_ring_get(r, RNT_V_ORDER, 70, &is_new);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_FALSE(test, is_new);
	KUNIT_EXPECT_PTR_EQ(test, v, rnt_ring_at(r, 33));
	v->count++;
	KUNIT_EXPECT_EQ(test, v->count, 2ULL);
	KUNIT_EXPECT_EQ(test, r->dropped, 36ULL);

	/* One that was dropped comes back as new, in place of the oldest. */
	v = rnt_ring_get(r, RNT_V_ORDER, 40, &is_new);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_TRUE(test, is_new);
	KUNIT_EXPECT_EQ(test, v->count, 0ULL);
	KUNIT_EXPECT_EQ(test, r->dropped, 37ULL);
	KUNIT_EXPECT_PTR_EQ(test, v, rnt_ring_at(r, 63));
	rnt_test_ring_expect(test, r, 0, 32, 1);
	rnt_test_ring_expect(test, r, 32, 31, 70);
	KUNIT_EXPECT_EQ(test, rnt_ring_at(r, 32)->count, 2ULL);
}

static void rnt_test_hist_bucket(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(0), 0U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1), 0U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(2), 1U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(3), 1U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1023), 9U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1024), 10U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1ULL << 31), 31U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket((1ULL << 32) - 1), 31U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1ULL << 32), 32U);
}

/* 20 minutes and more have buckets of their own; 2^41 ns and up share one. */
static void rnt_test_hist_bucket_top(struct kunit *test)
{
	u64 min20 = 20ULL * 60 * NSEC_PER_SEC;

	KUNIT_EXPECT_EQ(test, RNT_HIST_BUCKETS, 42);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(min20), 40U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket((1ULL << 40) - 1), 39U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1ULL << 40), 40U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket((1ULL << 41) - 1), 40U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1ULL << 41), 41U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(1ULL << 63), 41U);
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(~0ULL), 41U);
}

static void rnt_test_set_bucket(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, RNT_SET_BUCKETS, 15);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(0), 0U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(1), 0U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(2), 1U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(3), 2U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(4), 3U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(5), 4U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(8), 4U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(9), 5U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(16), 5U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(17), 6U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(2000), 12U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(2048), 12U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(2049), 13U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(4096), 13U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(4097), 14U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(1U << 20), 14U);
	KUNIT_EXPECT_EQ(test, rnt_set_bucket(~0U), 14U);
}

/* Each bucket starts at rnt_set_bucket_min() and ends just before the next. */
static void rnt_test_set_bucket_min(struct kunit *test)
{
	static const unsigned int want[RNT_SET_BUCKETS] = {
		1, 2, 3, 4, 5, 9, 17, 33, 65, 129, 257, 513, 1025, 2049, 4097,
	};
	unsigned int b;

	for (b = 0; b < RNT_SET_BUCKETS; b++) {
		KUNIT_EXPECT_EQ(test, rnt_set_bucket_min(b), want[b]);
		KUNIT_EXPECT_EQ(test, rnt_set_bucket(want[b]), b);
		if (b)
			KUNIT_EXPECT_EQ(test, rnt_set_bucket(want[b] - 1), b - 1);
	}
}

/*
 * A key table of 64: 64 distinct keys get the indexes 0..63 in the order
 * they were first seen, each again on every later lookup; the 65th is
 * refused, and so is every new key after it.
 */
static void rnt_test_keytab(struct kunit *test)
{
	struct rnt_keytab tab;
	unsigned long key;
	unsigned int i, found = 0;
	int idx;

	KUNIT_ASSERT_EQ(test, rnt_keytab_init(&tab, 64), 0);
	KUNIT_EXPECT_EQ(test, rnt_keytab_slots(&tab), 128U);
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_EQ(test, rnt_keytab_get(&tab, 0x1000 + 8 * i), (int)i);
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_EQ(test, rnt_keytab_get(&tab, 0x1000 + 8 * i), (int)i);
	KUNIT_EXPECT_EQ(test, rnt_keytab_get(&tab, 0x9000), -1);
	KUNIT_EXPECT_EQ(test, rnt_keytab_get(&tab, 0x9008), -1);
	KUNIT_EXPECT_EQ(test, rnt_keytab_used(&tab), 64U);
	for (i = 0; i < rnt_keytab_slots(&tab); i++) {
		if (!rnt_keytab_at(&tab, i, &key, &idx))
			continue;
		KUNIT_EXPECT_EQ(test, key, 0x1000UL + 8 * idx);
		found++;
	}
	KUNIT_EXPECT_EQ(test, found, 64U);
	rnt_keytab_exit(&tab);
}

static struct kunit_case rnt_test_cases[] = {
	KUNIT_CASE(rnt_test_cmp_init_first),
	KUNIT_CASE(rnt_test_cmp_ascending),
	KUNIT_CASE(rnt_test_cmp_equal),
	KUNIT_CASE(rnt_test_slotless),
	KUNIT_CASE(rnt_test_set_note),
	KUNIT_CASE(rnt_test_netns_fold),
	KUNIT_CASE(rnt_test_netns_trim_reap),
	KUNIT_CASE(rnt_test_netns_blocks),
	KUNIT_CASE(rnt_test_ring_collapse),
	KUNIT_CASE(rnt_test_ring_partial),
	KUNIT_CASE(rnt_test_ring_first_last),
	KUNIT_CASE(rnt_test_hist_bucket),
	KUNIT_CASE(rnt_test_hist_bucket_top),
	KUNIT_CASE(rnt_test_set_bucket),
	KUNIT_CASE(rnt_test_set_bucket_min),
	KUNIT_CASE(rnt_test_keytab),
	{}
};

static struct kunit_suite rnt_test_suite = {
	.name = "rtnl_net_trace",
	.test_cases = rnt_test_cases,
};

kunit_test_suite(rnt_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for rtnl_net_trace");
MODULE_AUTHOR("rtnl_net_trace developers");
RNT_IMPORT_KUNIT_NS();
