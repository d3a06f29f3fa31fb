// SPDX-License-Identifier: GPL-2.0
/*
 * Per-netns records, owned by the kernel's per-netns machinery: a
 * pernet_operations with an id gives every netns a pointer to its record
 * (net_generic()), found in O(1) by the probes, created with the netns and
 * retired with it. There is no table to fill.
 *
 * A record outlives its netns's ->exit(), because the kernel may still
 * lock a dying netns afterwards (exit methods of subsystems registered
 * before us run after ours), and those events must land somewhere. So:
 *
 *  - ->exit() moves the record to the exited list, tagged with the batch
 *    of exits it belongs to (batches are counted by ->exit_batch(), which
 *    runs once per cleanup_net() batch after ->exit() for all its nets);
 *  - beyond max_exited records, the oldest move on to the folded list:
 *    they are no longer shown one by one, but counted in the exited total;
 *  - a folded record of an earlier batch, whose netns is gone for good
 *    (cleanup_net() batches run one after the other), has its figures
 *    added to the exited total and is freed, after a grace period for any
 *    probe still holding it.
 *
 * So every event is counted, and memory stays bounded by the live netns,
 * max_exited and one batch.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>
#include <kunit/visibility.h>

#include "netns.h"
#include "params.h"

/* What net_generic() gives us: the kernel allocates and frees it. */
struct rnt_netns_ref {
	struct rnt_netns *rec;
};

static unsigned int rnt_netns_id;

/*
 * Protects the three lists, their lengths, the exited total and the
 * batch count. Taken by the netns ->init()/->exit()/->exit_batch(), by
 * reads of the netns file and by reset; never by a probe. Nothing under
 * it waits for RTNL.
 */
static DEFINE_MUTEX(rnt_netns_mutex);
static LIST_HEAD(rnt_netns_live);
static LIST_HEAD(rnt_netns_exited);
static LIST_HEAD(rnt_netns_folded);
static unsigned int rnt_nr_live, rnt_nr_exited, rnt_nr_folded;
static struct rnt_netns_sum rnt_exited_total;
static u64 rnt_netns_batch;
static bool rnt_netns_unloading;

/*
 * net_generic(), but safe for any net a probe sees. A net allocated just
 * before we registered (copy_net_ns() allocates before it waits for
 * pernet_ops_rwsem) and set up after has an array too short for our id
 * until our ->init() grows it, and the subsystems set up before us may
 * lock it meanwhile: net_generic() would read past the array.
 */
struct rnt_netns *rnt_netns_of(const struct net *net)
{
	const struct rnt_netns_ref *ref = NULL;
	const struct net_generic *ng;
	struct rnt_netns *rec = NULL;

	rcu_read_lock();
	ng = rcu_dereference(net->gen);
	if (rnt_netns_id < ng->s.len)
		ref = ng->ptr[rnt_netns_id];
	if (ref)
		rec = READ_ONCE(ref->rec);
	rcu_read_unlock();
	return rec;
}

/* Fold one record's figures into a total: sums add, maxima take the max. */
void rnt_netns_fold(struct rnt_netns_sum *total, const struct rnt_netns_sum *s)
{
	total->nets += s->nets;
	total->requests += s->requests;
	total->locks += s->locks;
	total->t.wait_sum += s->t.wait_sum;
	total->t.wait_max = max(total->t.wait_max, s->t.wait_max);
	total->t.hold_sum += s->t.hold_sum;
	total->t.hold_max = max(total->t.hold_max, s->t.hold_max);
}
EXPORT_SYMBOL_IF_KUNIT(rnt_netns_fold);

void rnt_netns_sum(const struct rnt_netns *rec, struct rnt_netns_sum *out)
{
	int cpu;

	memset(out, 0, sizeof(*out));
	out->nets = 1;
	for_each_possible_cpu(cpu) {
		const struct rnt_netns_stats *p = per_cpu_ptr(rec->stats, cpu);

		out->requests += p->requests;
		out->locks += p->locks;
	}
	rnt_times_sum(&rec->stats->t, &out->t);
}
EXPORT_SYMBOL_IF_KUNIT(rnt_netns_sum);

/*
 * Keep at most @max records on @exited (newest at the tail): move the
 * oldest beyond that to @folded. Returns how many moved.
 */
unsigned int rnt_netns_trim(struct list_head *exited, unsigned int *nexited,
			    struct list_head *folded, unsigned int max)
{
	unsigned int moved = 0;

	while (*nexited > max) {
		struct rnt_netns *rec = list_first_entry(exited, struct rnt_netns,
							 node);

		list_move_tail(&rec->node, folded);
		(*nexited)--;
		moved++;
	}
	return moved;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_netns_trim);

/*
 * Move the folded records of batches before @batch, whose netns are gone,
 * from @folded to @gone, adding their figures to @total. Returns how many.
 */
unsigned int rnt_netns_reap(struct list_head *folded, u64 batch,
			    struct rnt_netns_sum *total, struct list_head *gone)
{
	struct rnt_netns *rec, *tmp;
	struct rnt_netns_sum s;
	unsigned int n = 0;

	list_for_each_entry_safe(rec, tmp, folded, node) {
		if (rec->batch >= batch)
			continue;
		rnt_netns_sum(rec, &s);
		rnt_netns_fold(total, &s);
		list_move_tail(&rec->node, gone);
		n++;
	}
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_netns_reap);

/*
 * The records' per-CPU figures come in blocks of RNT_NETNS_BLOCK. One
 * small alloc_percpu() a record, made between its netns's own per-CPU
 * data, kept those per-CPU pages populated after the netns was freed:
 * Percpu stayed 11.7 MB up after 2,000 netns had come and gone, about
 * 5.9 kB a record for 96 bytes of figures. A block goes when its last
 * record does.
 */
struct rnt_netns_block {
	struct list_head node;		/* on rnt_netns_blocks */
	struct rnt_netns_stats __percpu *stats;
	DECLARE_BITMAP(used, RNT_NETNS_BLOCK);
	unsigned int nr_used;
};

/* Protects the blocks; a leaf, taken only to allocate and free records. */
static DEFINE_MUTEX(rnt_netns_block_mutex);
static LIST_HEAD(rnt_netns_blocks);

unsigned int rnt_netns_nr_blocks(void)
{
	struct rnt_netns_block *b;
	unsigned int n = 0;

	mutex_lock(&rnt_netns_block_mutex);
	list_for_each_entry(b, &rnt_netns_blocks, node)
		n++;
	mutex_unlock(&rnt_netns_block_mutex);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_netns_nr_blocks);

/* Per-CPU figures for @rec, zeroed, from a block with room or a new one. */
static int rnt_netns_stats_get(struct rnt_netns *rec)
{
	struct rnt_netns_block *b;
	unsigned int i;
	int cpu;

	mutex_lock(&rnt_netns_block_mutex);
	list_for_each_entry(b, &rnt_netns_blocks, node)
		if (b->nr_used < RNT_NETNS_BLOCK)
			goto found;
	b = kzalloc_obj(*b);
	if (b)
		b->stats = __alloc_percpu(sizeof(*b->stats) * RNT_NETNS_BLOCK,
					  __alignof__(*b->stats));
	if (!b || !b->stats) {
		mutex_unlock(&rnt_netns_block_mutex);
		kfree(b);
		return -ENOMEM;
	}
	list_add(&b->node, &rnt_netns_blocks);
found:
	i = find_first_zero_bit(b->used, RNT_NETNS_BLOCK);
	__set_bit(i, b->used);
	b->nr_used++;
	mutex_unlock(&rnt_netns_block_mutex);
	rec->block = b;
	rec->stats = b->stats + i;
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(rec->stats, cpu), 0, sizeof(*rec->stats));
	return 0;
}

static void rnt_netns_stats_put(struct rnt_netns *rec)
{
	struct rnt_netns_block *b = rec->block;

	mutex_lock(&rnt_netns_block_mutex);
	__clear_bit(rec->stats - b->stats, b->used);
	if (--b->nr_used)
		b = NULL;
	else
		list_del(&b->node);
	mutex_unlock(&rnt_netns_block_mutex);
	if (b) {
		free_percpu(b->stats);
		kfree(b);
	}
}

void rnt_netns_free(struct rnt_netns *rec)
{
	if (!rec)
		return;
	rnt_netns_stats_put(rec);
	kfree(rec);
}
EXPORT_SYMBOL_IF_KUNIT(rnt_netns_free);

struct rnt_netns *rnt_netns_alloc(u64 cookie, unsigned int inum)
{
	struct rnt_netns *rec = kzalloc(sizeof(*rec), GFP_KERNEL);

	if (!rec)
		return NULL;
	if (rnt_netns_stats_get(rec)) {
		kfree(rec);
		return NULL;
	}
	rec->cookie = cookie;
	rec->inum = inum;
	INIT_LIST_HEAD(&rec->node);
	return rec;
}
EXPORT_SYMBOL_IF_KUNIT(rnt_netns_alloc);

/*
 * A netns that gets no record (no memory) is still created: its events
 * count as drops (netns=). The tracer never makes a netns fail.
 */
static int __net_init rnt_netns_init(struct net *net)
{
	struct rnt_netns_ref *ref = net_generic(net, rnt_netns_id);
	struct rnt_netns *rec;

	rec = rnt_netns_alloc(net->net_cookie, net->ns.inum);
	if (!rec)
		return 0;
	mutex_lock(&rnt_netns_mutex);
	list_add_tail(&rec->node, &rnt_netns_live);
	rnt_nr_live++;
	mutex_unlock(&rnt_netns_mutex);
	WRITE_ONCE(ref->rec, rec);
	return 0;
}

static void __net_exit rnt_netns_exit(struct net *net)
{
	struct rnt_netns_ref *ref = net_generic(net, rnt_netns_id);
	struct rnt_netns *rec = ref->rec;

	if (!rec)
		return;
	mutex_lock(&rnt_netns_mutex);
	list_del(&rec->node);
	rnt_nr_live--;
	if (rnt_netns_unloading) {
		/* The probes are gone: nothing can reach the record. */
		mutex_unlock(&rnt_netns_mutex);
		WRITE_ONCE(ref->rec, NULL);
		rnt_netns_free(rec);
		return;
	}
	rec->batch = rnt_netns_batch;
	rec->exit_ns = ktime_get_ns();
	list_add_tail(&rec->node, &rnt_netns_exited);
	rnt_nr_exited++;
	rnt_nr_folded += rnt_netns_trim(&rnt_netns_exited, &rnt_nr_exited,
					&rnt_netns_folded,
					READ_ONCE(rnt_max_exited));
	mutex_unlock(&rnt_netns_mutex);
}

static void __net_exit rnt_netns_exit_batch(struct list_head *net_list)
{
	struct rnt_netns *rec, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&rnt_netns_mutex);
	rnt_netns_batch++;
	/* Records of this batch stay: later exits may still lock their netns. */
	rnt_nr_folded -= rnt_netns_reap(&rnt_netns_folded, rnt_netns_batch - 1,
					&rnt_exited_total, &gone);
	mutex_unlock(&rnt_netns_mutex);
	if (list_empty(&gone))
		return;
	synchronize_rcu();
	list_for_each_entry_safe(rec, tmp, &gone, node)
		rnt_netns_free(rec);
}

static struct pernet_operations rnt_netns_ops = {
	.init = rnt_netns_init,
	.exit = rnt_netns_exit,
	.exit_batch = rnt_netns_exit_batch,
	.id = &rnt_netns_id,
	.size = sizeof(struct rnt_netns_ref),
};

static void rnt_netns_list_reset(struct list_head *list)
{
	struct rnt_netns *rec;
	int cpu;

	list_for_each_entry(rec, list, node)
		for_each_possible_cpu(cpu)
			memset(per_cpu_ptr(rec->stats, cpu), 0,
			       sizeof(struct rnt_netns_stats));
}

/* Events racing with a reset may survive it, as for every other table. */
void rnt_netns_reset(void)
{
	mutex_lock(&rnt_netns_mutex);
	rnt_netns_list_reset(&rnt_netns_live);
	rnt_netns_list_reset(&rnt_netns_exited);
	rnt_netns_list_reset(&rnt_netns_folded);
	/* The figures restart; how many netns exited does not. */
	rnt_exited_total = (struct rnt_netns_sum){ .nets = rnt_exited_total.nets };
	mutex_unlock(&rnt_netns_mutex);
}

static void rnt_netns_print(struct seq_file *m, const struct rnt_netns *rec,
			    const char *state)
{
	struct rnt_netns_sum s;

	rnt_netns_sum(rec, &s);
	seq_printf(m, "netns cookie=%llu inum=%u state=%s requests=%llu locks=%llu wait_sum=%llu wait_max=%llu hold_sum=%llu hold_max=%llu",
		   rec->cookie, rec->inum, state, s.requests, s.locks,
		   s.t.wait_sum, s.t.wait_max, s.t.hold_sum, s.t.hold_max);
	if (rec->exit_ns)
		seq_printf(m, " exit_ns=%llu", rec->exit_ns);
	seq_putc(m, '\n');
}

/*
 * The netns file: one record per live netns, then per recently exited
 * one (oldest first), then the total of those exited before them.
 */
int rnt_netns_show(struct seq_file *m)
{
	struct rnt_netns_sum total, s;
	struct rnt_netns *rec;

	mutex_lock(&rnt_netns_mutex);
	list_for_each_entry(rec, &rnt_netns_live, node)
		rnt_netns_print(m, rec, "live");
	list_for_each_entry(rec, &rnt_netns_exited, node)
		rnt_netns_print(m, rec, "exited");
	total = rnt_exited_total;
	list_for_each_entry(rec, &rnt_netns_folded, node) {
		rnt_netns_sum(rec, &s);
		rnt_netns_fold(&total, &s);
	}
	seq_printf(m, "exited nets=%llu requests=%llu locks=%llu wait_sum=%llu wait_max=%llu hold_sum=%llu hold_max=%llu\n",
		   total.nets, total.requests, total.locks, total.t.wait_sum,
		   total.t.wait_max, total.t.hold_sum, total.t.hold_max);
	mutex_unlock(&rnt_netns_mutex);
	return 0;
}

/* For the status file: the records held now and their bytes. */
void rnt_netns_memory(unsigned int *records, size_t *bytes)
{
	unsigned int n;

	mutex_lock(&rnt_netns_mutex);
	n = rnt_nr_live + rnt_nr_exited + rnt_nr_folded;
	mutex_unlock(&rnt_netns_mutex);
	*records = n;
	/* The records, and their blocks of per-CPU figures, full or not. */
	*bytes = n * (sizeof(struct rnt_netns_ref) + sizeof(struct rnt_netns)) +
		 rnt_netns_nr_blocks() *
		 (sizeof(struct rnt_netns_block) + num_possible_cpus() *
		  RNT_NETNS_BLOCK * sizeof(struct rnt_netns_stats));
}

size_t rnt_netns_record_bytes(void)
{
	return sizeof(struct rnt_netns_ref) + sizeof(struct rnt_netns) +
	       num_possible_cpus() * sizeof(struct rnt_netns_stats);
}

int rnt_netns_init_all(void)
{
	return register_pernet_subsys(&rnt_netns_ops);
}

/* After the probes are gone: free every record. */
void rnt_netns_exit_all(void)
{
	struct rnt_netns *rec, *tmp;

	mutex_lock(&rnt_netns_mutex);
	rnt_netns_unloading = true;
	mutex_unlock(&rnt_netns_mutex);
	unregister_pernet_subsys(&rnt_netns_ops);
	/* No callback runs any more, and no probe: no lock needed. */
	list_splice_init(&rnt_netns_folded, &rnt_netns_exited);
	list_for_each_entry_safe(rec, tmp, &rnt_netns_exited, node)
		rnt_netns_free(rec);
	INIT_LIST_HEAD(&rnt_netns_exited);
	rnt_nr_exited = 0;
	rnt_nr_folded = 0;
}
