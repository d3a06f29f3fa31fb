// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: at load time, an RTNL section of its own changes the
 * netns of the given processes, so that the selftests can check the
 * footprint rtnl_net_trace records for it (selftests/footprint.sh).
 *
 *   insmod rnt_touch.ko mode=touch pids=<pid in netns A> touches=N
 *	rtnl_lock(), then N feature changes of A's loopback: a call site
 *	that touches A N times without A's per-netns lock (its to-do list);
 *   insmod rnt_touch.ko mode=unlocked_touch pids=<pid in A>,<pid in B>
 *	rtnl_lock() and A's per-netns lock, then one change of A's
 *	loopback (covered) and one of B's (not covered: a conversion bug,
 *	violation unlocked_touch). Only with per-netns RTNL.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

static char *mode = "";
module_param(mode, charp, 0400);
MODULE_PARM_DESC(mode, "touch or unlocked_touch");

static int touches = 1;
module_param(touches, int, 0400);
MODULE_PARM_DESC(touches, "mode=touch: how many times to change the first net's loopback");

static int pids[2];
static int nr_pids;
module_param_array_named(pids, pids, int, &nr_pids, 0400);
MODULE_PARM_DESC(pids, "Processes whose netns to change (1 or 2)");

static struct net *nets[2];

/* Not inlined into the init function: its frame must outlive init. */
static noinline int run(void)
{
	int i;

	if (!strcmp(mode, "touch")) {
		rtnl_lock();
		for (i = 0; i < touches; i++)
			netdev_features_change(nets[0]->loopback_dev);
		rtnl_unlock();
		return 0;
	}
#ifdef CONFIG_DEBUG_NET_SMALL_RTNL
	if (!strcmp(mode, "unlocked_touch") && nr_pids == 2) {
		rtnl_lock();
		__rtnl_net_lock(nets[0]);
		netdev_features_change(nets[0]->loopback_dev);
		netdev_features_change(nets[1]->loopback_dev);
		__rtnl_net_unlock(nets[0]);
		rtnl_unlock();
		return 0;
	}
#endif
	return -EINVAL;
}

static int __init rnt_touch_init(void)
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

static void __exit rnt_touch_exit(void)
{
}

module_init(rnt_touch_init);
module_exit(rnt_touch_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Change netns under RTNL on purpose, for rtnl_net_trace's footprint selftest");
MODULE_AUTHOR("rtnl_net_trace developers");
