// SPDX-License-Identifier: GPL-2.0
/*
 * The module at run time: the enable toggle (off unregisters every probe,
 * so it costs nothing), reset (each table's owner clears its own), the
 * module notifier that has the handler table rescanned when modules come
 * and go, and the status file that says what is on and what was lost.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>
#include <linux/workqueue.h>

#include "blocked.h"
#include "control.h"
#include "footprint.h"
#include "handlers.h"
#include "netns.h"
#include "params.h"
#include "probes.h"
#include "rtnl.h"
#include "sites.h"
#include "task.h"
#include "violations.h"

/* Written under rnt_mutex; the enable file reads it without. */
static bool rnt_enabled;
static bool rnt_exiting;

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
		WRITE_ONCE(rnt_enabled, false);
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
	WRITE_ONCE(rnt_enabled, true);
	return 0;
}

static int rnt_set_enabled(bool on)
{
	int err;

	mutex_lock(&rnt_mutex);
	err = __rnt_set_enabled(on);
	mutex_unlock(&rnt_mutex);
	return err;
}

static void rnt_reset(void)
{
	mutex_lock(&rnt_mutex);
	rnt_stats_reset();
	rnt_handlers_reset();
	rnt_rtnl_reset();
	rnt_sites_reset();
	rnt_footprint_reset();
	rnt_blocked_reset();
	rnt_violations_reset();
	rnt_netns_reset();
	mutex_unlock(&rnt_mutex);
}

int rnt_enable_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", READ_ONCE(rnt_enabled));
	return 0;
}

ssize_t rnt_enable_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	bool on;
	int err;

	err = rnt_knob_bool(ubuf, count, ppos, &on);
	if (!err)
		err = rnt_set_enabled(on);
	return err ? err : count;
}

ssize_t rnt_reset_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos)
{
	bool on;
	int err;

	err = rnt_knob_bool(ubuf, count, ppos, &on);
	if (!err && !on)
		err = -EINVAL;
	if (err)
		return err;
	rnt_reset();
	return count;
}

int rnt_status_show(struct seq_file *m)
{
	static const char *const features[] = {
		[RNT_FP_REQ] = "requests", [RNT_FP_HANDLERS] = "handlers",
		[RNT_FP_RTNL] = "rtnl", [RNT_FP_PERNET] = "pernet",
		[RNT_FP_TOUCH] = "footprint",
	};
	struct rnt_probe_info info;
	unsigned int records;
	size_t bytes;
	int i;

	static_assert(ARRAY_SIZE(features) == RNT_NR_FP);
	mutex_lock(&rnt_mutex);
	seq_printf(m, "module enabled=%d violation_action=%s max_nets=%d kernel=%s max_tasks=%d max_sites=%d\n",
		   rnt_enabled, rnt_action_name(), rnt_max_nets,
		   init_utsname()->release, rnt_max_tasks, rnt_max_sites);
	for (i = 0; i < RNT_NR_FP; i++) {
		rnt_probe_info(i, &info);
		seq_printf(m, "feature name=%s state=%s\n", features[i],
			   info.available ? "active" : "unavailable");
	}
	for (i = 0; i < RNT_NR_FP; i++) {
		rnt_probe_info(i, &info);
		seq_printf(m, "probe name=%s state=%s addrs=%d nmissed=%lu error=%d",
			   info.name,
			   !info.available ? "unavailable" :
			   info.registered ? "registered" :
			   info.error ? "failed" : "unregistered",
			   info.addrs, info.nmissed, info.error);
		if (i == RNT_FP_HANDLERS)
			seq_printf(m, " owners=%d scans=%llu unslotted=%llu",
				   info.groups, info.scans, info.unslotted);
		seq_putc(m, '\n');
	}
	mutex_unlock(&rnt_mutex);
	rnt_netns_memory(&records, &bytes);
	seq_printf(m, "memory tasks=%zu sites=%zu netns=%zu netns_records=%u netns_record=%zu touch_events=%zu blocked=%zu\n",
		   rnt_tasks_bytes(), rnt_sites_bytes(), bytes, records,
		   rnt_netns_record_bytes(), rnt_footprint_bytes(),
		   rnt_blocked_bytes());
	rnt_drops_show(m);
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

/* The first scan of the handler table, the notifier, and enable=1. */
int rnt_control_init(void)
{
	int err;

	mutex_lock(&rnt_mutex);
	err = rnt_handlers_sync(false);
	mutex_unlock(&rnt_mutex);
	if (err)
		return err;
	err = register_module_notifier(&rnt_module_nb);
	if (err)
		return err;
	if (rnt_param_enable) {
		err = rnt_set_enabled(true);
		if (err) {
			unregister_module_notifier(&rnt_module_nb);
			cancel_work_sync(&rnt_rescan_work);
			return err;
		}
	}
	return 0;
}

void rnt_control_exit(void)
{
	mutex_lock(&rnt_mutex);
	rnt_exiting = true;
	__rnt_set_enabled(false);
	mutex_unlock(&rnt_mutex);
	unregister_module_notifier(&rnt_module_nb);
	cancel_work_sync(&rnt_rescan_work);
}
