// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: its init holds RTNL while it loads another module
 * with request_module(), as team_nl_options_set_doit() does for a team
 * mode (drivers/net/team/team_core.c). modprobe runs the new module's
 * init and the module notifier chain in its own task, so anything on
 * that path that waits for RTNL deadlocks against this holder.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kmod.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/rtnetlink.h>

static char *request = "team-mode-activebackup";
module_param(request, charp, 0400);
MODULE_PARM_DESC(request, "The module to request under RTNL (default: team-mode-activebackup)");

static int __init rnt_modload_init(void)
{
	int err;

	rtnl_lock();
	err = request_module("%s", request);
	rtnl_unlock();
	pr_info("request_module(\"%s\") under RTNL returned %d\n", request, err);
	return 0;
}

static void __exit rnt_modload_exit(void)
{
}

module_init(rnt_modload_init);
module_exit(rnt_modload_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Loads a module under RTNL, for rtnl_net_trace's selftests");
MODULE_AUTHOR("rtnl_net_trace developers");
