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

static struct kunit_case rnt_test_cases[] = {
	KUNIT_CASE(rnt_test_cmp_init_first),
	KUNIT_CASE(rnt_test_cmp_ascending),
	KUNIT_CASE(rnt_test_cmp_equal),
	KUNIT_CASE(rnt_test_set_add),
	KUNIT_CASE(rnt_test_ring_collapse),
	KUNIT_CASE(rnt_test_ring_partial),
	KUNIT_CASE(rnt_test_ring_first_last),
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
