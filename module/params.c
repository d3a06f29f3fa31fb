// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters, their checks at load, and the writable knob that is
 * a parameter too (violation_action); the knob parsing that every
 * writable debugfs file shares.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kstrtox.h>
#include <linux/moduleparam.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "params.h"
#include "rnt.h"

bool rnt_param_enable = true;
module_param_named(enable, rnt_param_enable, bool, 0400);
MODULE_PARM_DESC(enable, "Register the probes at load time (default: 1)");

bool rnt_param_footprint = true;
module_param_named(footprint, rnt_param_footprint, bool, 0400);
MODULE_PARM_DESC(footprint, "Probe what RTNL sections change, for the footprint and the to-do list (default: 1)");

int rnt_max_nets = 4;
module_param_named(max_nets, rnt_max_nets, int, 0400);
MODULE_PARM_DESC(max_nets, "Most per-netns locks one task may hold (default: 4, struct rtnl_nets)");

int rnt_max_tasks = 4096;
module_param_named(max_tasks, rnt_max_tasks, int, 0400);
MODULE_PARM_DESC(max_tasks, "Tasks tracked at once, inside rtnetlink or RTNL (default: 4096)");

int rnt_max_exited = 1024;
module_param_named(max_exited, rnt_max_exited, int, 0400);
MODULE_PARM_DESC(max_exited, "Exited netns kept one by one before they are folded into a total (default: 1024)");

int rnt_max_sites = 4096;
module_param_named(max_sites, rnt_max_sites, int, 0400);
MODULE_PARM_DESC(max_sites, "RTNL call sites outside rtnetlink handlers with figures of their own (default: 4096)");

int rnt_max_touch_events = 8192;
module_param_named(max_touch_events, rnt_max_touch_events, int, 0400);
MODULE_PARM_DESC(max_touch_events, "(owner, touch) pairs of the footprint with figures of their own (default: 8192)");

int rnt_max_blocked = 1024;
module_param_named(max_blocked, rnt_max_blocked, int, 0400);
MODULE_PARM_DESC(max_blocked, "Distinct (waiter, holder) pairs of RTNL waits, by owner and by comm (default: 1024)");

int rnt_violation_action = RNT_ACTION_COUNT;
static char *violation_action = "count";
module_param(violation_action, charp, 0400);
MODULE_PARM_DESC(violation_action, "What a violation does: count or warn (default: count)");

static int rnt_check_range(const char *name, int v, int lo, int hi)
{
	if (v >= lo && v <= hi)
		return 0;
	pr_err("%s must be %d..%d\n", name, lo, hi);
	return -EINVAL;
}

int rnt_params_check(void)
{
	if (!strcmp(violation_action, "warn")) {
		rnt_violation_action = RNT_ACTION_WARN;
	} else if (strcmp(violation_action, "count")) {
		pr_err("violation_action must be count or warn\n");
		return -EINVAL;
	}
	/* A task keeps the index of its section's site in an s16. */
	return rnt_check_range("max_nets", rnt_max_nets, 1, RNT_MAX_HELD) ?:
	       rnt_check_range("max_tasks", rnt_max_tasks, 64, 1 << 20) ?:
	       rnt_check_range("max_exited", rnt_max_exited, 0, 1 << 20) ?:
	       rnt_check_range("max_sites", rnt_max_sites, 64, 1 << 15) ?:
	       rnt_check_range("max_touch_events", rnt_max_touch_events, 64, 1 << 20) ?:
	       rnt_check_range("max_blocked", rnt_max_blocked, 16, 1 << 20);
}

/*
 * Copy a short write into a NUL-terminated buffer and strip the blanks
 * around it. Partial writes and writes at an offset are refused, so that
 * a command is only ever taken whole.
 */
int rnt_knob_word(const char __user *ubuf, size_t count, loff_t *ppos,
		  char *buf, size_t size)
{
	char *word;

	if (*ppos || !count || count >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (strlen(buf) != count)
		return -EINVAL;
	word = strim(buf);
	memmove(buf, word, strlen(word) + 1);
	return 0;
}

/* A whole write that is one kstrtobool() word, as rnt_knob_word() takes it. */
int rnt_knob_bool(const char __user *ubuf, size_t count, loff_t *ppos,
		  bool *val)
{
	char buf[8];
	int err;

	err = rnt_knob_word(ubuf, count, ppos, buf, sizeof(buf));
	return err ?: kstrtobool(buf, val);
}

const char *rnt_action_name(void)
{
	return READ_ONCE(rnt_violation_action) == RNT_ACTION_WARN ? "warn" : "count";
}

int rnt_action_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", rnt_action_name());
	return 0;
}

ssize_t rnt_action_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char buf[8];
	int err;

	err = rnt_knob_word(ubuf, count, ppos, buf, sizeof(buf));
	if (err)
		return err;
	if (!strcmp(buf, "count"))
		WRITE_ONCE(rnt_violation_action, RNT_ACTION_COUNT);
	else if (!strcmp(buf, "warn"))
		WRITE_ONCE(rnt_violation_action, RNT_ACTION_WARN);
	else
		return -EINVAL;
	return count;
}
