// SPDX-License-Identifier: GPL-2.0
/*
 * The debugfs interface, /sys/kernel/debug/rtnl_net_trace/. Table files
 * start with a format-version line and hold one "record key=value ..."
 * line per entry; docs/debugfs.md documents them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/kallsyms.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include "rnt.h"

static struct dentry *rnt_dir;

static void rnt_header(struct seq_file *m, const char *file)
{
	seq_printf(m, "rtnl_net_trace %s version %d\n", file, RNT_FORMAT_VERSION);
}

static void rnt_print_hist(struct seq_file *m, const char *key, const u64 *hist)
{
	int i;

	seq_printf(m, " %s=", key);
	for (i = 0; i < RNT_HIST_BUCKETS; i++)
		seq_printf(m, i ? ",%llu" : "%llu", hist[i]);
}

static void rnt_print_dist(struct seq_file *m, const char *prefix,
			   struct rnt_dist __percpu *d)
{
	struct rnt_dist s;
	char key[16];

	rnt_dist_sum(d, &s);
	seq_printf(m, " %s_sum=%llu %s_max=%llu", prefix, s.sum, prefix, s.max);
	snprintf(key, sizeof(key), "%s_hist", prefix);
	rnt_print_hist(m, key, s.hist);
}

/*
 * "wait count=.. sum=.. max=.. hist=..": a function of its own, so that
 * the 42-bucket sum is not on the stack frame of a caller that also
 * holds a symbol buffer.
 */
static noinline void rnt_print_count_dist(struct seq_file *m, const char *name,
					  struct rnt_dist __percpu *d)
{
	struct rnt_dist s;

	rnt_dist_sum(d, &s);
	seq_printf(m, "%s count=%llu sum=%llu max=%llu", name, s.count, s.sum,
		   s.max);
	rnt_print_hist(m, "hist", s.hist);
	seq_putc(m, '\n');
}

static void rnt_print_times(struct seq_file *m, const struct rnt_times *t)
{
	seq_printf(m, " wait_sum=%llu wait_max=%llu hold_sum=%llu hold_max=%llu\n",
		   t->wait_sum, t->wait_max, t->hold_sum, t->hold_max);
}

/* ---- version ---- */

static int rnt_version_show(struct seq_file *m, void *v)
{
	seq_printf(m, "rtnl_net_trace format %d\n", RNT_FORMAT_VERSION);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_version);

/* ---- status ---- */

static const char *const rnt_drop_names[] = {
	[RNT_DROP_TASK] = "task_slots",
	[RNT_DROP_SITE] = "sites",
	[RNT_DROP_NETNS] = "netns",
	[RNT_DROP_HELD] = "held",
	[RNT_DROP_VIOLATION] = "violations",
	[RNT_DROP_HANDLER] = "handlers",
	[RNT_DROP_TOUCH_EVENT] = "touch_events",
	[RNT_DROP_BLOCKED] = "blocked",
	[RNT_DROP_HOLDS] = "holds",
};

static_assert(ARRAY_SIZE(rnt_drop_names) == RNT_NR_DROP);

static int rnt_status_show(struct seq_file *m, void *v)
{
	static const char *const features[RNT_NR_FP] = {
		[RNT_FP_REQ] = "requests", [RNT_FP_HANDLERS] = "handlers",
		[RNT_FP_RTNL] = "rtnl", [RNT_FP_PERNET] = "pernet",
		[RNT_FP_TOUCH] = "footprint",
	};
	struct rnt_probe_info info;
	unsigned int records;
	size_t bytes;
	int i;

	rnt_header(m, "status");
	mutex_lock(&rnt_mutex);
	seq_printf(m, "module enabled=%d violation_action=%s max_nets=%d kernel=%s max_tasks=%d max_sites=%d\n",
		   rnt_enabled,
		   rnt_violation_action == RNT_ACTION_WARN ? "warn" : "count",
		   rnt_max_nets, init_utsname()->release, rnt_max_tasks,
		   rnt_max_sites);
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
	seq_puts(m, "drops");
	for (i = 0; i < RNT_NR_DROP; i++)
		seq_printf(m, " %s=%llu", rnt_drop_names[i],
			   rnt_sum_u64(&rnt_drops[i]));
	seq_putc(m, '\n');
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_status);

/* ---- handlers and stats ---- */

static void rnt_handler_key(struct seq_file *m, const char *rec,
			    const struct rnt_handler *h)
{
	seq_printf(m, "%s family=%u msgtype=%u kind=%s fn=%s", rec, h->family,
		   h->msgtype, h->kind == RNT_DOIT ? "doit" : "dumpit", h->name);
}

static int rnt_handlers_show(struct seq_file *m, void *v)
{
	int i;

	rnt_header(m, "handlers");
	mutex_lock(&rnt_mutex);
	for (i = 0; i < rnt_nr_handlers; i++) {
		const struct rnt_handler *h = &rnt_handlers[i];

		rnt_handler_key(m, "handler", h);
		seq_printf(m, " owner=%s flags=%#x locking=%s present=%d\n",
			   h->owner, h->flags,
			   rnt_handler_locked(h) ? "rtnl" : "unlocked", h->present);
	}
	mutex_unlock(&rnt_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_handlers);

static void rnt_print_sets(struct seq_file *m, struct rnt_sets __percpu *s)
{
	struct rnt_sets sum;

	rnt_sets_sum(s, &sum);
	rnt_sets_print(m, "lockset", &sum);
	seq_printf(m, " max_set=%llu", sum.max);
}

static int rnt_stats_show(struct seq_file *m, void *v)
{
	int i, e;

	rnt_header(m, "stats");
	mutex_lock(&rnt_mutex);
	for (i = 0; i < rnt_nr_handlers; i++) {
		struct rnt_handler *h = &rnt_handlers[i];
		u64 calls = rnt_sum_u64(&h->stats->calls);
		u64 requests = rnt_sum_u64(&h->stats->requests);
		bool first = true;

		if (!calls && !requests)
			continue;
		rnt_handler_key(m, "stat", h);
		seq_printf(m, " calls=%llu errors=%llu errno=", calls,
			   rnt_sum_u64(&h->stats->errors));
		for (e = 0; e < RNT_NR_ERRNO; e++) {
			u64 n = rnt_sum_u64(&h->stats->errnos[e]);

			if (!n)
				continue;
			if (e < RNT_NR_ERRNO - 1)
				seq_printf(m, "%s%d:%llu", first ? "" : ",",
					   rnt_errnos[e], n);
			else
				seq_printf(m, "%sother:%llu", first ? "" : ",", n);
			first = false;
		}
		if (first)
			seq_putc(m, '-');
		seq_printf(m, " rtnl=%llu unlocked=%llu inflight=%d inflight_max=%d",
			   rnt_sum_u64(&h->stats->rtnl), rnt_sum_u64(&h->stats->unlocked),
			   atomic_read(&h->inflight), READ_ONCE(h->inflight_max));
		seq_printf(m, " requests=%llu rounds=%llu", requests,
			   h->kind == RNT_DUMPIT ? calls : 0);
		rnt_print_dist(m, "lat", &h->stats->lat);
		rnt_print_dist(m, "wait", &h->stats->wait);
		rnt_print_dist(m, "hold", &h->stats->hold);
		rnt_print_sets(m, &h->stats->sets);
		seq_putc(m, '\n');
	}
	mutex_unlock(&rnt_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_stats);

/* ---- rtnl ---- */

static int rnt_rtnl_show(struct seq_file *m, void *v)
{
	static const char *const acq[RNT_NR_ACQ] = {
		"lock", "interruptible", "killable", "trylock_ok",
		"trylock_fail", "refcount",
	};
	char sym[KSYM_SYMBOL_LEN];
	struct rnt_site_ref *sites;
	int i, n;

	n = rnt_sites_sorted(&sites);
	if (n < 0)
		return n;
	rnt_header(m, "rtnl");
	seq_puts(m, "acquire");
	for (i = 0; i < RNT_NR_ACQ; i++)
		seq_printf(m, " %s=%llu", acq[i], rnt_sum_u64(&rnt_rtnl->acquire[i]));
	seq_putc(m, '\n');

	rnt_print_count_dist(m, "wait", &rnt_rtnl->wait);
	rnt_print_count_dist(m, "hold", &rnt_rtnl->hold);

	for (i = 0; i < n; i++) {
		seq_printf(m, "site sym=%s count=%llu", rnt_sym(sym, sites[i].ip),
			   sites[i].count);
		rnt_print_times(m, &sites[i].t);
	}
	kvfree(sites);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_rtnl);

/* ---- now: takes no lock, so that it answers while RTNL is held ---- */

static int rnt_now_show(struct seq_file *m, void *v)
{
	rnt_header(m, "now");
	return rnt_live_show(m);
}
DEFINE_SHOW_ATTRIBUTE(rnt_now);

/* ---- netns ---- */

static int rnt_netns_file_show(struct seq_file *m, void *v)
{
	rnt_header(m, "netns");
	rnt_netns_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_netns_file);

/* ---- locksets ---- */

/* A lock-set bucket's label: "3", "5-8", or "4097+" for the last. */
static const char *rnt_set_label(char *buf, size_t len, unsigned int b)
{
	unsigned int lo = rnt_set_bucket_min(b);

	if (b == RNT_SET_BUCKETS - 1)
		snprintf(buf, len, "%u+", lo);
	else if (rnt_set_bucket_min(b + 1) - 1 == lo)
		snprintf(buf, len, "%u", lo);
	else
		snprintf(buf, len, "%u-%u", lo, rnt_set_bucket_min(b + 1) - 1);
	return buf;
}

static void rnt_print_shapes(struct seq_file *m, const char *owner,
			     const struct rnt_sets *s)
{
	char label[24];
	int init, b;

	for (init = 1; init >= 0; init--)
		for (b = 0; b < RNT_SET_BUCKETS; b++)
			if (s->n[init][b])
				seq_printf(m, "lockset owner=%s size=%s init_net=%d count=%llu\n",
					   owner, rnt_set_label(label, sizeof(label), b),
					   init, s->n[init][b]);
	if (s->max)
		seq_printf(m, "lockset_max owner=%s max_set=%llu\n", owner, s->max);
}

static int rnt_locksets_show(struct seq_file *m, void *v)
{
	char sym[KSYM_SYMBOL_LEN];
	struct rnt_site_ref *sites;
	struct rnt_sets s;
	int i, n;

	n = rnt_sites_sorted(&sites);
	if (n < 0)
		return n;
	rnt_header(m, "locksets");
	mutex_lock(&rnt_mutex);
	for (i = 0; i < rnt_nr_handlers; i++) {
		rnt_sets_sum(&rnt_handlers[i].stats->sets, &s);
		rnt_print_shapes(m, rnt_handlers[i].name, &s);
	}
	mutex_unlock(&rnt_mutex);
	for (i = 0; i < n; i++) {
		rnt_sets_sum(&rnt_site_pcpu(sites[i].idx)->sets, &s);
		rnt_print_shapes(m, rnt_sym(sym, sites[i].ip), &s);
	}
	kvfree(sites);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_locksets);

/* ---- blocked: takes no lock, as now ---- */

static int rnt_blocked_file_show(struct seq_file *m, void *v)
{
	rnt_header(m, "blocked");
	rnt_blocked_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_blocked_file);

/* ---- footprint ---- */

static int rnt_footprint_file_show(struct seq_file *m, void *v)
{
	rnt_header(m, "footprint");
	rnt_footprint_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_footprint_file);

/* ---- violations ---- */

static int rnt_violations_show(struct seq_file *m, void *v)
{
	struct rnt_ring *ring;
	int i, j;

	rnt_header(m, "violations");
	for (i = 0; i < RNT_NR_VIOLATION; i++)
		seq_printf(m, "total kind=%s count=%llu\n", rnt_violation_names[i],
			   rnt_violation_total(i));

	ring = kzalloc_obj(*ring);
	if (!ring)
		return -ENOMEM;
	rnt_violations_copy(ring);
	seq_printf(m, "ring first=%u last=%u dropped=%llu\n",
		   min_t(unsigned int, ring->len, RNT_RING_FIRST),
		   ring->len > RNT_RING_FIRST ? ring->len - RNT_RING_FIRST : 0,
		   ring->dropped);
	mutex_lock(&rnt_mutex);
	for (i = 0; i < ring->len; i++) {
		struct rnt_violation *e = rnt_ring_at(ring, i);

		for (j = 0; e->comm[j]; j++)
			if (e->comm[j] <= ' ' || e->comm[j] > '~' || e->comm[j] == '=')
				e->comm[j] = '?';
		seq_printf(m, "violation kind=%s count=%llu pid=%d comm=%s owner=%s nets=",
			   rnt_violation_names[e->kind], e->count, e->pid,
			   e->comm[0] ? e->comm : "?",
			   e->slot >= 0 ? rnt_handlers[e->slot].name : "-");
		for (j = 0; j < e->nnets; j++)
			seq_printf(m, "%s%u:%llu", j ? "," : "", e->nets[j].inum,
				   e->nets[j].cookie);
		seq_printf(m, " time_ns=%llu\n", e->time_ns);
		for (j = 0; j < e->nr_stack; j++)
			seq_printf(m, "stack %s\n", e->stack[j]);
	}
	mutex_unlock(&rnt_mutex);
	kfree(ring);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(rnt_violations);

/* ---- writable knobs ---- */

/*
 * Copy a short write into a NUL-terminated buffer and strip the blanks
 * around it. Partial writes and writes at an offset are refused, so that
 * a command is only ever taken whole.
 */
static int rnt_get_word(const char __user *ubuf, size_t count, loff_t *ppos,
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

static int rnt_parse_bool(const char *s, bool *val)
{
	if (!strcmp(s, "1") || !strcmp(s, "on")) {
		*val = true;
		return 0;
	}
	if (!strcmp(s, "0") || !strcmp(s, "off")) {
		*val = false;
		return 0;
	}
	return -EINVAL;
}

static int rnt_enable_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%d\n", READ_ONCE(rnt_enabled));
	return 0;
}

static ssize_t rnt_enable_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char buf[8];
	bool on;
	int err;

	err = rnt_get_word(ubuf, count, ppos, buf, sizeof(buf));
	if (!err)
		err = rnt_parse_bool(buf, &on);
	if (!err)
		err = rnt_set_enabled(on);
	return err ? err : count;
}

DEFINE_SHOW_STORE_ATTRIBUTE(rnt_enable);

static ssize_t rnt_reset_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	char buf[8];
	bool on;
	int err;

	err = rnt_get_word(ubuf, count, ppos, buf, sizeof(buf));
	if (!err)
		err = rnt_parse_bool(buf, &on);
	if (!err && !on)
		err = -EINVAL;
	if (!err)
		err = rnt_reset();
	return err ? err : count;
}

static const struct file_operations rnt_reset_fops = {
	.owner = THIS_MODULE,
	.write = rnt_reset_write,
	.llseek = noop_llseek,
};

static int rnt_action_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", READ_ONCE(rnt_violation_action) == RNT_ACTION_WARN ?
		   "warn" : "count");
	return 0;
}

static ssize_t rnt_action_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	char buf[8];
	int err;

	err = rnt_get_word(ubuf, count, ppos, buf, sizeof(buf));
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

DEFINE_SHOW_STORE_ATTRIBUTE(rnt_action);

int rnt_debugfs_init(void)
{
	rnt_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("version", 0400, rnt_dir, NULL, &rnt_version_fops);
	debugfs_create_file("status", 0400, rnt_dir, NULL, &rnt_status_fops);
	debugfs_create_file("handlers", 0400, rnt_dir, NULL, &rnt_handlers_fops);
	debugfs_create_file("stats", 0400, rnt_dir, NULL, &rnt_stats_fops);
	debugfs_create_file("rtnl", 0400, rnt_dir, NULL, &rnt_rtnl_fops);
	debugfs_create_file("now", 0400, rnt_dir, NULL, &rnt_now_fops);
	debugfs_create_file("netns", 0400, rnt_dir, NULL, &rnt_netns_file_fops);
	debugfs_create_file("locksets", 0400, rnt_dir, NULL, &rnt_locksets_fops);
	debugfs_create_file("violations", 0400, rnt_dir, NULL,
			    &rnt_violations_fops);
	debugfs_create_file("footprint", 0400, rnt_dir, NULL,
			    &rnt_footprint_file_fops);
	debugfs_create_file("blocked", 0400, rnt_dir, NULL,
			    &rnt_blocked_file_fops);
	debugfs_create_file("enable", 0600, rnt_dir, NULL, &rnt_enable_fops);
	debugfs_create_file("reset", 0200, rnt_dir, NULL, &rnt_reset_fops);
	debugfs_create_file("violation_action", 0600, rnt_dir, NULL,
			    &rnt_action_fops);
	return 0;
}

void rnt_debugfs_exit(void)
{
	debugfs_remove_recursive(rnt_dir);
}
