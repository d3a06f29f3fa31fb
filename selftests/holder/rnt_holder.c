// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: a kthread takes RTNL and holds it for hold_ms, or
 * with hold_ms=0 until the module is removed, so that the selftests can
 * pile tasks up behind a known holder. insmod returns once RTNL is held;
 * rmmod ends a hold_ms=0 hold and waits for the hold to end.
 *
 *   insmod rnt_holder.ko hold_ms=2000
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>

static unsigned int hold_ms = 2000;
module_param(hold_ms, uint, 0400);
MODULE_PARM_DESC(hold_ms, "How long to hold RTNL, in milliseconds, 0 until rmmod (default: 2000)");

static DECLARE_COMPLETION(rnt_holder_held);
static DECLARE_COMPLETION(rnt_holder_release);
static DECLARE_COMPLETION(rnt_holder_done);

static int rnt_holder_fn(void *unused)
{
	rtnl_lock();
	complete(&rnt_holder_held);
	if (hold_ms)
		msleep(hold_ms);
	else
		wait_for_completion(&rnt_holder_release);
	rtnl_unlock();
	complete(&rnt_holder_done);
	return 0;
}

static int __init rnt_holder_init(void)
{
	struct task_struct *t;

	t = kthread_run(rnt_holder_fn, NULL, "rnt_holder");
	if (IS_ERR(t))
		return PTR_ERR(t);
	wait_for_completion(&rnt_holder_held);
	return 0;
}

static void __exit rnt_holder_exit(void)
{
	complete(&rnt_holder_release);
	wait_for_completion(&rnt_holder_done);
}

module_init(rnt_holder_init);
module_exit(rnt_holder_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Holds RTNL for a while, for rtnl_net_trace's selftests");
MODULE_AUTHOR("rtnl_net_trace developers");
