// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: a kthread takes RTNL and holds it for hold_ms, or
 * with hold_ms=0 until the module is removed, so that the selftests can
 * pile tasks up behind a known holder. insmod returns once RTNL is held;
 * rmmod ends a hold_ms=0 hold and waits for the hold to end, and so does
 * a write to its parameter "release", without unloading the module (so
 * that its symbols still name its call site afterwards). With
 * netns_pid=PID it also holds the per-netns RTNL of PID's netns, where
 * the kernel has per-netns RTNL (CONFIG_DEBUG_NET_SMALL_RTNL).
 *
 *   insmod rnt_holder.ko hold_ms=2000 [netns_pid=PID]
 *   echo 1 > /sys/module/rnt_holder/parameters/release
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

static unsigned int hold_ms = 2000;
module_param(hold_ms, uint, 0400);
MODULE_PARM_DESC(hold_ms, "How long to hold RTNL, in milliseconds, 0 until rmmod (default: 2000)");

static int netns_pid;
module_param(netns_pid, int, 0400);
MODULE_PARM_DESC(netns_pid, "Also hold the per-netns RTNL of this process's netns (default: none)");

static struct net *rnt_holder_net;

static DECLARE_COMPLETION(rnt_holder_held);
static DECLARE_COMPLETION(rnt_holder_release);
static DECLARE_COMPLETION(rnt_holder_done);

/* Any write ends a hold_ms=0 hold and returns once RTNL is let go. */
static int rnt_holder_release_set(const char *val, const struct kernel_param *kp)
{
	complete(&rnt_holder_release);
	wait_for_completion(&rnt_holder_done);
	/* For rmmod, which waits for it too. */
	complete(&rnt_holder_done);
	return 0;
}

static const struct kernel_param_ops rnt_holder_release_ops = {
	.set = rnt_holder_release_set,
};

module_param_cb(release, &rnt_holder_release_ops, NULL, 0200);
MODULE_PARM_DESC(release, "Write anything to end a hold_ms=0 hold");

static int rnt_holder_fn(void *unused)
{
	rtnl_lock();
	if (rnt_holder_net)
		__rtnl_net_lock(rnt_holder_net);
	complete(&rnt_holder_held);
	if (hold_ms)
		msleep(hold_ms);
	else
		wait_for_completion(&rnt_holder_release);
	if (rnt_holder_net)
		__rtnl_net_unlock(rnt_holder_net);
	rtnl_unlock();
	complete(&rnt_holder_done);
	return 0;
}

static int __init rnt_holder_init(void)
{
	struct task_struct *t;

	if (netns_pid) {
		rnt_holder_net = get_net_ns_by_pid(netns_pid);
		if (IS_ERR(rnt_holder_net))
			return PTR_ERR(rnt_holder_net);
	}
	t = kthread_run(rnt_holder_fn, NULL, "rnt_holder");
	if (IS_ERR(t)) {
		if (rnt_holder_net)
			put_net(rnt_holder_net);
		return PTR_ERR(t);
	}
	wait_for_completion(&rnt_holder_held);
	return 0;
}

static void __exit rnt_holder_exit(void)
{
	complete(&rnt_holder_release);
	wait_for_completion(&rnt_holder_done);
	if (rnt_holder_net)
		put_net(rnt_holder_net);
}

module_init(rnt_holder_init);
module_exit(rnt_holder_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Holds RTNL for a while, for rtnl_net_trace's selftests");
MODULE_AUTHOR("rtnl_net_trace developers");
