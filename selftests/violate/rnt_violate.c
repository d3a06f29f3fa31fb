// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: breaks one per-netns RTNL locking rule on purpose, at
 * load time, so that the selftests can check that rtnl_net_trace records
 * exactly that violation. Never load it on a machine you care about: the
 * "order" and "unbalanced_unlock" cases make lockdep report and then turn
 * itself off for the rest of the boot.
 *
 *   insmod rnt_violate.ko mode=<kind> pid_a=<pid in netns A> pid_b=<...>
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

static char *mode = "";
module_param(mode, charp, 0400);
MODULE_PARM_DESC(mode, "order, recursion, too_many, no_rtnl, rtnl_inversion, unbalanced_unlock or leak");

static int pids[6];
static int nr_pids;
module_param_array_named(pids, pids, int, &nr_pids, 0400);
MODULE_PARM_DESC(pids, "Processes whose netns to use (up to 6, distinct)");

static struct net *nets[6];

/* Sort nets[] the way rtnl_net_cmp_locks() orders them. */
static void sort_nets(int n)
{
	int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			struct net *x = nets[j - 1], *y = nets[j];

			if (x == &init_net || (y != &init_net && x < y))
				break;
			swap(nets[j - 1], nets[j]);
		}
}

/* Lock nets[from..to] (either direction) under RTNL, then unlock them. */
static void lock_range(int from, int to)
{
	int step = from <= to ? 1 : -1, i;

	rtnl_lock();
	for (i = from; i != to + step; i += step)
		__rtnl_net_lock(nets[i]);
	for (i = from; i != to + step; i += step)
		__rtnl_net_unlock(nets[i]);
	rtnl_unlock();
}

static int run(void)
{
	struct net *a = nets[0];

	sort_nets(nr_pids);
	if (!strcmp(mode, "too_many")) {
		/* All of them, in the right order. */
		lock_range(0, nr_pids - 1);
	} else if (!strcmp(mode, "order")) {
		/* The last two, in the wrong order. */
		if (nr_pids < 2)
			return -EINVAL;
		lock_range(nr_pids - 1, nr_pids - 2);
	} else if (!strcmp(mode, "recursion")) {
		rtnl_lock();
		__rtnl_net_lock(a);
		/* Release it behind the tracer's back, then take it again. */
		mutex_unlock(&a->rtnl_mutex);
		__rtnl_net_lock(a);
		__rtnl_net_unlock(a);
		rtnl_unlock();
	} else if (!strcmp(mode, "no_rtnl")) {
		__rtnl_net_lock(a);
		__rtnl_net_unlock(a);
	} else if (!strcmp(mode, "rtnl_inversion")) {
		rtnl_lock();
		__rtnl_net_lock(a);
		/* Fails (we hold it) without blocking, but asks for RTNL. */
		(void)rtnl_trylock();
		__rtnl_net_unlock(a);
		rtnl_unlock();
	} else if (!strcmp(mode, "leak")) {
		rtnl_lock();
		__rtnl_net_lock(a);
		rtnl_unlock();
		mutex_unlock(&a->rtnl_mutex);
	} else if (!strcmp(mode, "unbalanced_unlock")) {
		rtnl_lock();
		__rtnl_net_unlock(a);
		rtnl_unlock();
	} else {
		return -EINVAL;
	}
	return 0;
}

static int __init rnt_violate_init(void)
{
	int i, err;

	if (!nr_pids)
		return -EINVAL;
	for (i = 0; i < nr_pids; i++) {
		struct net *net = get_net_ns_by_pid(pids[i]);

		if (IS_ERR(net)) {
			err = PTR_ERR(net);
			goto put;
		}
		nets[i] = net;
	}
	err = run();
	i = nr_pids;
put:
	while (i--)
		put_net(nets[i]);
	return err;
}

static void __exit rnt_violate_exit(void)
{
}

module_init(rnt_violate_init);
module_exit(rnt_violate_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Break per-netns RTNL locking rules on purpose, for rtnl_net_trace's selftests");
MODULE_AUTHOR("rtnl_net_trace developers");
