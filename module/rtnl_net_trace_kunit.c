// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure logic of rtnl_net_trace: the lock-order
 * comparison, lock-set counting, the folding of exited netns, the collapsing of duplicate
 * violations and the histogram buckets.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "rnt.h"

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

static void rnt_test_ring_collapse(struct kunit *test)
{
	struct rnt_violation *ring, *a, *b;
	bool is_new;
	int len = 0;

	ring = kunit_kcalloc(test, 2, sizeof(*ring), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ring);

	a = rnt_ring_get(ring, &len, 2, RNT_V_ORDER, 0x1234, &is_new);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_TRUE(test, is_new);
	a->count++;
	b = rnt_ring_get(ring, &len, 2, RNT_V_ORDER, 0x1234, &is_new);
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	KUNIT_EXPECT_FALSE(test, is_new);
	KUNIT_EXPECT_EQ(test, len, 1);
	/* Same stack, other kind: a new entry. */
	b = rnt_ring_get(ring, &len, 2, RNT_V_LEAK, 0x1234, &is_new);
	KUNIT_EXPECT_TRUE(test, is_new);
	KUNIT_EXPECT_EQ(test, len, 2);
	/* Full ring: a new key gets nothing, an old one still matches. */
	KUNIT_EXPECT_NULL(test, rnt_ring_get(ring, &len, 2, RNT_V_ORDER, 0x99, &is_new));
	KUNIT_EXPECT_PTR_EQ(test, rnt_ring_get(ring, &len, 2, RNT_V_ORDER, 0x1234, &is_new), a);
	KUNIT_EXPECT_EQ(test, a->count, 1ULL);
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
	KUNIT_EXPECT_EQ(test, rnt_hist_bucket(~0ULL), 31U);
}

static struct kunit_case rnt_test_cases[] = {
	KUNIT_CASE(rnt_test_cmp_init_first),
	KUNIT_CASE(rnt_test_cmp_ascending),
	KUNIT_CASE(rnt_test_cmp_equal),
	KUNIT_CASE(rnt_test_set_note),
	KUNIT_CASE(rnt_test_netns_fold),
	KUNIT_CASE(rnt_test_netns_trim_reap),
	KUNIT_CASE(rnt_test_ring_collapse),
	KUNIT_CASE(rnt_test_hist_bucket),
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
