// SPDX-License-Identifier: GPL-2.0
/*
 * Counters: per-CPU on the hot path, summed over the possible CPUs only
 * when a debugfs file is read, and the forms the table files print them
 * in. The drop counters: every event the module could not record. The
 * stacks the module keeps start here.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/stacktrace.h>
#include <kunit/visibility.h>

#include "stats.h"

/* The errnos rtnetlink handlers commonly return; the rest count as other. */
const int rnt_errnos[] = {
	EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, ENOMEM, EBUSY, EEXIST, ENODEV,
	EINVAL, ENOSPC, ERANGE, EMSGSIZE, EPROTONOSUPPORT, EOPNOTSUPP,
	EAFNOSUPPORT, EADDRNOTAVAIL, ENOBUFS, ENOTSUPP,
};

static_assert(ARRAY_SIZE(rnt_errnos) == RNT_NR_ERRNO - 1);

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
	[RNT_DROP_TOUCH_STACK] = "touch_stacks",
};

static_assert(ARRAY_SIZE(rnt_drop_names) == RNT_NR_DROP);

u64 __percpu *rnt_drops;

unsigned int rnt_hist_bucket(u64 v)
{
	unsigned int b = v > 1 ? ilog2(v) : 0;

	return min_t(unsigned int, b, RNT_HIST_BUCKETS - 1);
}
EXPORT_SYMBOL_IF_KUNIT(rnt_hist_bucket);

/* The lock-set bucket of @size (0, not a set, shares bucket 0 with 1). */
unsigned int rnt_set_bucket(unsigned int size)
{
	if (size <= 4)
		return size ? size - 1 : 0;
	return min_t(unsigned int, order_base_2(size) + 1, RNT_SET_BUCKETS - 1);
}
EXPORT_SYMBOL_IF_KUNIT(rnt_set_bucket);

/* The smallest size in @bucket: 1, 2, 3, 4, 5, 9, 17, ..., 4097. */
unsigned int rnt_set_bucket_min(unsigned int bucket)
{
	return bucket < 4 ? bucket + 1 : (1U << (bucket - 2)) + 1;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_set_bucket_min);

void rnt_dist_add(struct rnt_dist __percpu *d, u64 v)
{
	struct rnt_dist *p;

	preempt_disable_notrace();
	p = this_cpu_ptr(d);
	p->count++;
	p->sum += v;
	if (v > p->max)
		p->max = v;
	p->hist[rnt_hist_bucket(v)]++;
	preempt_enable_notrace();
}

void rnt_dist_sum(struct rnt_dist __percpu *d, struct rnt_dist *out)
{
	int cpu, i;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		const struct rnt_dist *p = per_cpu_ptr(d, cpu);

		out->count += p->count;
		out->sum += p->sum;
		out->max = max(out->max, p->max);
		for (i = 0; i < RNT_HIST_BUCKETS; i++)
			out->hist[i] += p->hist[i];
	}
}

void rnt_times_add(struct rnt_times __percpu *t, bool hold, u64 v)
{
	struct rnt_times *p;

	preempt_disable_notrace();
	p = this_cpu_ptr(t);
	if (hold) {
		p->hold_sum += v;
		p->hold_max = max(p->hold_max, v);
	} else {
		p->wait_sum += v;
		p->wait_max = max(p->wait_max, v);
	}
	preempt_enable_notrace();
}

void rnt_times_sum(struct rnt_times __percpu *t, struct rnt_times *out)
{
	int cpu;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		const struct rnt_times *p = per_cpu_ptr(t, cpu);

		out->wait_sum += p->wait_sum;
		out->wait_max = max(out->wait_max, p->wait_max);
		out->hold_sum += p->hold_sum;
		out->hold_max = max(out->hold_max, p->hold_max);
	}
}

/* Count a set of @size nets in @s, which only its caller writes. */
void rnt_sets_note(struct rnt_sets *s, unsigned int size, bool init)
{
	if (!size)
		return;
	s->n[init][rnt_set_bucket(size)]++;
	if (size > s->max)
		s->max = size;
}

void rnt_sets_add(struct rnt_sets __percpu *s, unsigned int size, bool init)
{
	preempt_disable_notrace();
	rnt_sets_note(this_cpu_ptr(s), size, init);
	preempt_enable_notrace();
}

void rnt_sets_sum(struct rnt_sets __percpu *s, struct rnt_sets *out)
{
	int cpu, i, j;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		const struct rnt_sets *p = per_cpu_ptr(s, cpu);

		for (i = 0; i < 2; i++)
			for (j = 0; j < RNT_SET_BUCKETS; j++)
				out->n[i][j] += p->n[i][j];
		out->max = max(out->max, p->max);
	}
}

/*
 * " KEY=n1,n2,...,n4097plus init_net=N": the sets per size bucket, and
 * how many included init_net. Returns how many sets in all.
 */
u64 rnt_sets_print(struct seq_file *m, const char *key, const struct rnt_sets *s)
{
	u64 with_init = 0, all = 0;
	int i;

	seq_printf(m, " %s=", key);
	for (i = 0; i < RNT_SET_BUCKETS; i++) {
		seq_printf(m, i ? ",%llu" : "%llu", s->n[0][i] + s->n[1][i]);
		with_init += s->n[1][i];
		all += s->n[0][i] + s->n[1][i];
	}
	seq_printf(m, " init_net=%llu", with_init);
	return all;
}

int rnt_errno_index(int err)
{
	int i;

	for (i = 0; i < RNT_NR_ERRNO - 1; i++)
		if (rnt_errnos[i] == err)
			return i;
	return RNT_NR_ERRNO - 1;
}

u64 rnt_sum_u64(u64 __percpu *p)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += *per_cpu_ptr(p, cpu);
	return sum;
}

static void rnt_print_hist(struct seq_file *m, const char *key, const u64 *hist)
{
	int i;

	seq_printf(m, " %s=", key);
	for (i = 0; i < RNT_HIST_BUCKETS; i++)
		seq_printf(m, i ? ",%llu" : "%llu", hist[i]);
}

/* " PREFIX_sum=.. PREFIX_max=.. PREFIX_hist=..". */
void rnt_print_dist(struct seq_file *m, const char *prefix,
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
 * "NAME count=.. sum=.. max=.. hist=..": a function of its own, so that
 * the 42-bucket sum is not on the stack frame of a caller that also
 * holds a symbol buffer.
 */
noinline void rnt_print_count_dist(struct seq_file *m, const char *name,
				   struct rnt_dist __percpu *d)
{
	struct rnt_dist s;

	rnt_dist_sum(d, &s);
	seq_printf(m, "%s count=%llu sum=%llu max=%llu", name, s.count, s.sum,
		   s.max);
	rnt_print_hist(m, "hist", s.hist);
	seq_putc(m, '\n');
}

void rnt_print_times(struct seq_file *m, const struct rnt_times *t)
{
	seq_printf(m, " wait_sum=%llu wait_max=%llu hold_sum=%llu hold_max=%llu\n",
		   t->wait_sum, t->wait_max, t->hold_sum, t->hold_max);
}

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

/*
 * The lock-set shapes of one owner, as the locksets file has them: a
 * "lockset" record per (init_net, size) seen, then its largest set.
 */
void rnt_print_shapes(struct seq_file *m, const char *owner,
		      struct rnt_sets __percpu *sets)
{
	struct rnt_sets s;
	char label[24];
	int init, b;

	rnt_sets_sum(sets, &s);
	for (init = 1; init >= 0; init--)
		for (b = 0; b < RNT_SET_BUCKETS; b++)
			if (s.n[init][b])
				seq_printf(m, "lockset owner=%s size=%s init_net=%d count=%llu\n",
					   owner, rnt_set_label(label, sizeof(label), b),
					   init, s.n[init][b]);
	if (s.max)
		seq_printf(m, "lockset_max owner=%s max_set=%llu\n", owner, s.max);
}

void rnt_drops_show(struct seq_file *m)
{
	int i;

	seq_puts(m, "drops");
	for (i = 0; i < RNT_NR_DROP; i++)
		seq_printf(m, " %s=%llu", rnt_drop_names[i],
			   rnt_sum_u64(&rnt_drops[i]));
	seq_putc(m, '\n');
}

/* Events racing with a reset may survive it. */
void rnt_stats_reset(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(rnt_drops, cpu), 0,
		       sizeof(*rnt_drops) * RNT_NR_DROP);
}

int rnt_stats_init(void)
{
	rnt_drops = __alloc_percpu(sizeof(u64) * RNT_NR_DROP, __alignof__(u64));
	return rnt_drops ? 0 : -ENOMEM;
}

void rnt_stats_exit(void)
{
	free_percpu(rnt_drops);
	rnt_drops = NULL;
}

/*
 * The current stack in @stack of @size entries; returns how many frames
 * it holds. It starts at the first frame that is not ours or, called
 * from a probe with the probed function's @entry address, at that
 * function (the frames of fprobe and ftrace before it tell nothing),
 * when the unwinder saw it.
 */
unsigned int rnt_stack_here(unsigned long *stack, unsigned int size,
			    unsigned long entry)
{
	unsigned long all[RNT_STACK_SAVE];
	unsigned int nr, skip, i;

	nr = stack_trace_save(all, ARRAY_SIZE(all), 0);
	for (skip = 0; skip < nr; skip++)
		if (!within_module(all[skip], THIS_MODULE))
			break;
	for (i = skip; entry && i < nr; i++)
		if (all[i] - entry < RNT_ENTRY_SLACK) {
			skip = i;
			break;
		}
	nr = min(nr - skip, size);
	memcpy(stack, all + skip, nr * sizeof(stack[0]));
	return nr;
}
