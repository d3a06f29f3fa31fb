// SPDX-License-Identifier: GPL-2.0
/*
 * rtnl_net_trace: per-handler rtnetlink statistics and per-netns RTNL
 * lock-set tracking for kernels being converted away from the global RTNL.
 *
 * Init and exit only, exit in exact reverse order: the tables first, then
 * the probes that fill them, then the run-time control that registers the
 * probes, and the debugfs files last, once everything they read is there.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "blocked.h"
#include "control.h"
#include "debugfs.h"
#include "footprint.h"
#include "handlers.h"
#include "kallsyms.h"
#include "netns.h"
#include "params.h"
#include "probes.h"
#include "rtnl.h"
#include "sites.h"
#include "task.h"

static int __init rnt_init(void)
{
	int err;

	err = rnt_params_check();
	if (err)
		return err;
	err = rnt_kallsyms_init();
	if (err)
		return err;
	err = rnt_stats_init();
	if (err)
		return err;
	err = rnt_rtnl_init();
	if (err)
		goto free_stats;
	err = rnt_sites_init();
	if (err)
		goto free_rtnl;
	err = rnt_footprint_init();
	if (err)
		goto free_sites;
	err = rnt_blocked_init();
	if (err)
		goto free_footprint;
	err = rnt_tasks_init();
	if (err)
		goto free_blocked;
	err = rnt_netns_init_all();
	if (err)
		goto free_tasks;
	err = rnt_probes_init();
	if (err)
		goto free_netns;
	err = rnt_handlers_init();
	if (err)
		goto free_netns;
	err = rnt_control_init();
	if (err)
		goto free_handlers;
	rnt_debugfs_init();
	return 0;

free_handlers:
	rnt_handlers_exit();
free_netns:
	rnt_netns_exit_all();
free_tasks:
	rnt_tasks_exit();
free_blocked:
	rnt_blocked_exit();
free_footprint:
	rnt_footprint_exit();
free_sites:
	rnt_sites_exit();
free_rtnl:
	rnt_rtnl_exit();
free_stats:
	rnt_stats_exit();
	return err;
}

static void __exit rnt_exit(void)
{
	rnt_debugfs_exit();
	rnt_control_exit();
	rnt_handlers_exit();
	rnt_netns_exit_all();
	rnt_tasks_exit();
	rnt_blocked_exit();
	rnt_footprint_exit();
	rnt_sites_exit();
	rnt_rtnl_exit();
	rnt_stats_exit();
}

module_init(rnt_init);
module_exit(rnt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Trace rtnetlink handlers, global RTNL and per-netns RTNL lock sets");
MODULE_AUTHOR("rtnl_net_trace developers");
