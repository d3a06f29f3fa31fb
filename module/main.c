// SPDX-License-Identifier: GPL-2.0
/*
 * rtnl_net_trace: per-handler rtnetlink statistics and per-netns RTNL
 * lock-set tracking for kernels being converted away from the global RTNL.
 *
 * Lifecycle: module parameters, the enable toggle, reset, and the module
 * notifier that has the handler table rescanned when modules come and go.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>

#include "rnt.h"

/*
 * Protects the enable state, probe registration, the handler table
 * (slots, lookup index, per-owner probes) and reset. Probe handlers never
 * take it: what they read of the handler table is published through RCU,
 * and everything else is rebuilt only while the probes are unregistered.
 * Never held while waiting for RTNL: nothing under it takes RTNL.
 */
DEFINE_MUTEX(rnt_mutex);
bool rnt_enabled;
static bool rnt_exiting;

static bool enable = true;
module_param(enable, bool, 0400);
MODULE_PARM_DESC(enable, "Register the probes at load time (default: 1)");

int rnt_max_nets = 4;
module_param_named(max_nets, rnt_max_nets, int, 0400);
MODULE_PARM_DESC(max_nets, "Most per-netns locks one task may hold (default: 4, struct rtnl_nets)");

module_param_named(max_tasks, rnt_max_tasks, int, 0400);
MODULE_PARM_DESC(max_tasks, "Tasks tracked at once, inside rtnetlink or RTNL (default: 4096)");

module_param_named(max_exited, rnt_max_exited, int, 0400);
MODULE_PARM_DESC(max_exited, "Exited netns kept one by one before they are folded into a total (default: 1024)");
module_param_named(max_sites, rnt_max_sites, int, 0400);
MODULE_PARM_DESC(max_sites, "RTNL call sites outside rtnetlink handlers with figures of their own (default: 4096)");
module_param_named(max_touch_events, rnt_max_touch_events, int, 0400);
MODULE_PARM_DESC(max_touch_events, "(owner, touch) pairs of the footprint with figures of their own (default: 8192)");
module_param_named(max_blocked, rnt_max_blocked, int, 0400);
MODULE_PARM_DESC(max_blocked, "Distinct (waiter, holder) pairs of RTNL waits, by owner and by comm (default: 1024)");

int rnt_violation_action = RNT_ACTION_COUNT;
static char *violation_action = "count";
module_param(violation_action, charp, 0400);
MODULE_PARM_DESC(violation_action, "What a violation does: count or warn (default: count)");

/*
 * kallsyms_lookup_name() is not exported. A kprobe on it tells us where it
 * is (kprobes only resolve text symbols, so it cannot find data such as
 * rtnl_msg_handlers directly), and then it resolves the rest.
 */
static unsigned long (*rnt_kallsyms_lookup_name)(const char *name);

static int rnt_kallsyms_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int err;

	err = register_kprobe(&kp);
	if (err) {
		pr_err("cannot locate kallsyms_lookup_name: %d\n", err);
		return err;
	}
	rnt_kallsyms_lookup_name = (void *)kp.addr;
	unregister_kprobe(&kp);
	return 0;
}

unsigned long rnt_lookup_name(const char *name)
{
	return rnt_kallsyms_lookup_name(name);
}

/* Caller holds rnt_mutex. */
static int __rnt_set_enabled(bool on)
{
	int err;

	if (on == rnt_enabled)
		return 0;
	if (on && rnt_exiting)
		return -ENODEV;
	if (!on) {
		rnt_probes_unregister();
		rnt_handlers_unregister();
		rnt_enabled = false;
		return 0;
	}
	rnt_probes_new_generation();
	rnt_handlers_clear_inflight();
	err = rnt_handlers_sync(true);
	if (!err)
		err = rnt_probes_register();
	if (err) {
		rnt_handlers_unregister();
		return err;
	}
	rnt_enabled = true;
	return 0;
}

int rnt_set_enabled(bool on)
{
	int err;

	mutex_lock(&rnt_mutex);
	err = __rnt_set_enabled(on);
	mutex_unlock(&rnt_mutex);
	return err;
}

int rnt_reset(void)
{
	mutex_lock(&rnt_mutex);
	rnt_stats_reset();
	rnt_sites_reset();
	rnt_footprint_reset();
	rnt_blocked_reset();
	rnt_violations_reset();
	rnt_netns_reset();
	mutex_unlock(&rnt_mutex);
	return 0;
}

static void rnt_rescan_fn(struct work_struct *work)
{
	int err = 0;

	mutex_lock(&rnt_mutex);
	if (!rnt_exiting)
		err = rnt_handlers_sync(rnt_enabled);
	mutex_unlock(&rnt_mutex);
	if (err)
		pr_warn_ratelimited("handler table rescan failed: %d\n", err);
}

static DECLARE_WORK(rnt_rescan_work, rnt_rescan_fn);

/*
 * Modules register rtnetlink handlers from their init function and
 * unregister them from their exit function, so rescan once a module is
 * live or gone. Only from a work item: this runs inside every module's
 * load and unload, which an RTNL holder may be waiting for, so it must
 * not wait for anything at all. Requests for a new module's handlers
 * before the rescan are counted as drops (handlers=).
 */
static int rnt_module_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	if (action != MODULE_STATE_LIVE && action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	/* Our own LIVE event comes right after init: nothing new to see. */
	if (data == THIS_MODULE)
		return NOTIFY_DONE;
	schedule_work(&rnt_rescan_work);
	return NOTIFY_OK;
}

static struct notifier_block rnt_module_nb = {
	.notifier_call = rnt_module_notify,
};

static int __init rnt_init(void)
{
	int err;

	if (!strcmp(violation_action, "warn")) {
		rnt_violation_action = RNT_ACTION_WARN;
	} else if (strcmp(violation_action, "count")) {
		pr_err("violation_action must be count or warn\n");
		return -EINVAL;
	}
	if (rnt_max_nets < 1 || rnt_max_nets > RNT_MAX_HELD) {
		pr_err("max_nets must be 1..%d\n", RNT_MAX_HELD);
		return -EINVAL;
	}
	if (rnt_max_tasks < 64 || rnt_max_tasks > (1 << 20)) {
		pr_err("max_tasks must be 64..%d\n", 1 << 20);
		return -EINVAL;
	}
	if (rnt_max_exited < 0 || rnt_max_exited > (1 << 20)) {
		pr_err("max_exited must be 0..%d\n", 1 << 20);
		return -EINVAL;
	}
	/* A task keeps the index of its section's site in an s16. */
	if (rnt_max_sites < 64 || rnt_max_sites > (1 << 15)) {
		pr_err("max_sites must be 64..%d\n", 1 << 15);
		return -EINVAL;
	}
	if (rnt_max_touch_events < 64 || rnt_max_touch_events > (1 << 20)) {
		pr_err("max_touch_events must be 64..%d\n", 1 << 20);
		return -EINVAL;
	}
	if (rnt_max_blocked < 16 || rnt_max_blocked > (1 << 20)) {
		pr_err("max_blocked must be 16..%d\n", 1 << 20);
		return -EINVAL;
	}

	err = rnt_kallsyms_init();
	if (err)
		return err;
	err = rnt_stats_init();
	if (err)
		return err;
	err = rnt_sites_init();
	if (err)
		goto free_stats;
	err = rnt_footprint_init();
	if (err)
		goto free_sites;
	err = rnt_blocked_init();
	if (err)
		goto free_footprint;
	err = rnt_lockorder_init();
	if (err)
		goto free_blocked;
	err = rnt_tasks_init();
	if (err)
		goto free_lockorder;
	err = rnt_netns_init_all();
	if (err)
		goto free_tasks;
	err = rnt_probes_init();
	if (err)
		goto free_netns;
	err = rnt_handlers_init();
	if (err)
		goto free_netns;

	mutex_lock(&rnt_mutex);
	err = rnt_handlers_sync(false);
	mutex_unlock(&rnt_mutex);
	if (err)
		goto free_handlers;

	err = rnt_debugfs_init();
	if (err)
		goto free_handlers;

	err = register_module_notifier(&rnt_module_nb);
	if (err)
		goto remove_debugfs;

	if (enable) {
		err = rnt_set_enabled(true);
		if (err)
			goto unregister_notifier;
	}
	return 0;

unregister_notifier:
	unregister_module_notifier(&rnt_module_nb);
	cancel_work_sync(&rnt_rescan_work);
remove_debugfs:
	rnt_debugfs_exit();
free_handlers:
	rnt_handlers_exit();
free_netns:
	rnt_netns_exit_all();
free_tasks:
	rnt_tasks_exit();
free_lockorder:
	rnt_lockorder_exit();
free_blocked:
	rnt_blocked_exit();
free_footprint:
	rnt_footprint_exit();
free_sites:
	rnt_sites_exit();
free_stats:
	rnt_stats_exit();
	return err;
}

static void __exit rnt_exit(void)
{
	mutex_lock(&rnt_mutex);
	rnt_exiting = true;
	__rnt_set_enabled(false);
	mutex_unlock(&rnt_mutex);
	unregister_module_notifier(&rnt_module_nb);
	cancel_work_sync(&rnt_rescan_work);
	rnt_debugfs_exit();
	rnt_handlers_exit();
	rnt_netns_exit_all();
	rnt_tasks_exit();
	rnt_lockorder_exit();
	rnt_blocked_exit();
	rnt_footprint_exit();
	rnt_sites_exit();
	rnt_stats_exit();
}

module_init(rnt_init);
module_exit(rnt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Trace rtnetlink handlers, global RTNL and per-netns RTNL lock sets");
MODULE_AUTHOR("rtnl_net_trace developers");
