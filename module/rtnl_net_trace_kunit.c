// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure logic of rtnl_net_trace: the lock-order
 * comparison, lock-set accumulation, the collapsing of duplicate
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

static void rnt_test_set_add(struct kunit *test)
{
	const void *set[3];
	bool has_init = false;
	u8 n = 0;

	KUNIT_EXPECT_TRUE(test, rnt_set_add(set, &n, &has_init, &nets[1], &nets[0], 3));
	KUNIT_EXPECT_FALSE(test, has_init);
	KUNIT_EXPECT_FALSE(test, rnt_set_add(set, &n, &has_init, &nets[1], &nets[0], 3));
	KUNIT_EXPECT_EQ(test, n, 1);
	KUNIT_EXPECT_TRUE(test, rnt_set_add(set, &n, &has_init, &nets[0], &nets[0], 3));
	KUNIT_EXPECT_TRUE(test, has_init);
	KUNIT_EXPECT_TRUE(test, rnt_set_add(set, &n, &has_init, &nets[2], &nets[0], 3));
	KUNIT_EXPECT_EQ(test, n, 3);
	/* Full: a fourth net is refused and the set is unchanged. */
	KUNIT_EXPECT_FALSE(test, rnt_set_add(set, &n, &has_init, &nets[3], &nets[0], 3));
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_PTR_EQ(test, set[2], (const void *)&nets[2]);
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

static struct kunit_case rnt_test_cases[] = {
	KUNIT_CASE(rnt_test_cmp_init_first),
	KUNIT_CASE(rnt_test_cmp_ascending),
	KUNIT_CASE(rnt_test_cmp_equal),
	KUNIT_CASE(rnt_test_set_add),
	KUNIT_CASE(rnt_test_ring_collapse),
	KUNIT_CASE(rnt_test_hist_bucket),
	KUNIT_CASE(rnt_test_hist_bucket_top),
	KUNIT_CASE(rnt_test_set_bucket),
	KUNIT_CASE(rnt_test_set_bucket_min),
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
