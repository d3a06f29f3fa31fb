// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs interface, /sys/kernel/debug/rtnl_net_trace/: files only.
 * Each table file starts with a format-version line and then asks the
 * table's owner to print itself, one "record key=value ..." line per
 * entry; docs/debugfs.md documents them. The writable knobs belong to
 * control.c (enable, reset) and params.c (violation_action).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "blocked.h"
#include "control.h"
#include "debugfs.h"
#include "footprint.h"
#include "handlers.h"
#include "live.h"
#include "netns.h"
#include "params.h"
#include "pernet.h"
#include "rtnl.h"
#include "violations.h"

static struct dentry *rnt_dir;

struct rnt_table_file {
	const char *name;
	int (*show)(struct seq_file *m);
};

/*
 * "now" and "blocked" take no lock, so that they answer while RTNL is
 * held; the others may take rnt_mutex, which no RTNL holder waits for.
 */
static const struct rnt_table_file rnt_table_files[] = {
	{ "status",	rnt_status_show },
	{ "handlers",	rnt_handlers_show },
	{ "stats",	rnt_handler_stats_show },
	{ "rtnl",	rnt_rtnl_show },
	{ "now",	rnt_live_show },
	{ "netns",	rnt_netns_show },
	{ "locksets",	rnt_locksets_show },
	{ "violations",	rnt_violations_show },
	{ "footprint",	rnt_footprint_show },
	{ "blocked",	rnt_blocked_show },
};

static int rnt_table_show(struct seq_file *m, void *v)
{
	const struct rnt_table_file *f = m->private;

	rnt_header(m, f->name);
	return f->show(m);
}
DEFINE_SHOW_ATTRIBUTE(rnt_table);

static int rnt_version_show(struct seq_file *m, void *v)
{
	seq_printf(m, "rtnl_net_trace format %d\n", RNT_FORMAT_VERSION);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_version);

DEFINE_SHOW_STORE_ATTRIBUTE(rnt_enable);
DEFINE_SHOW_STORE_ATTRIBUTE(rnt_action);

static const struct file_operations rnt_reset_fops = {
	.owner = THIS_MODULE,
	.write = rnt_reset_write,
	.llseek = noop_llseek,
};

void rnt_debugfs_init(void)
{
	int i;

	rnt_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("version", 0400, rnt_dir, NULL, &rnt_version_fops);
	for (i = 0; i < ARRAY_SIZE(rnt_table_files); i++)
		debugfs_create_file(rnt_table_files[i].name, 0400, rnt_dir,
				    (void *)&rnt_table_files[i], &rnt_table_fops);
	debugfs_create_file("enable", 0600, rnt_dir, NULL, &rnt_enable_fops);
	debugfs_create_file("reset", 0200, rnt_dir, NULL, &rnt_reset_fops);
	debugfs_create_file("violation_action", 0600, rnt_dir, NULL,
			    &rnt_action_fops);
}

void rnt_debugfs_exit(void)
{
	debugfs_remove_recursive(rnt_dir);
}
