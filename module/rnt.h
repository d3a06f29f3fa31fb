/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtnl_net_trace: shared definitions.
 */
#ifndef _RNT_H
#define _RNT_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <linux/kallsyms.h>
#include <linux/string.h>

#include "compat.h"

/*
 * The clock of every latency, wait and hold: ktime_get_mono_fast_ns() is
 * lockless, and much cheaper than ktime_get_ns() on a lockdep kernel. It
 * may step back a little across a clock update, so durations clamp at 0.
 */
static inline u64 rnt_now(void)
{
	return ktime_get_mono_fast_ns();
}

static inline u64 rnt_since(u64 start, u64 now)
{
	return now > start ? now - start : 0;
}

/* A symbol as one word: "sym+0x1/0x2" or "sym+0x1/0x2_[module]". */
static inline const char *rnt_sym(char *buf, unsigned long ip)
{
	sprint_symbol(buf, ip);
	strreplace(buf, ' ', '_');
	return buf;
}

#define RNT_FORMAT_VERSION	2
/* log2 buckets of ns: the last one starts at 2^41 ns, 36.6 minutes */
#define RNT_HIST_BUCKETS	42
#define RNT_MAX_HANDLERS	512
#define RNT_NAME_LEN		64
/*
 * Lock-set sizes: 1, 2, 3 and 4 exactly, then log2 ranges 5-8, 9-16, ...,
 * 2049-4096, and 4097 and more in the last bucket: rnt_set_bucket().
 */
#define RNT_SET_BUCKETS		15
#define RNT_MAX_HELD		8
#define RNT_CTX_DEPTH		4
#define RNT_NO_SLOT		(-1)

enum rnt_kind { RNT_DOIT, RNT_DUMPIT };

/* A log2 histogram with count, sum and max; one per CPU. */
struct rnt_dist {
	u64 count;
	u64 sum;
	u64 max;
	u64 hist[RNT_HIST_BUCKETS];
};

/* Lock-set shapes: [init_net in the set][size bucket]. */
struct rnt_sets {
	u64 n[2][RNT_SET_BUCKETS];
	u64 max;
};

extern const int rnt_errnos[];
#define RNT_NR_ERRNO		21	/* 20 named errnos plus "other" */

/* Per-CPU figures of one handler. */
struct rnt_hstats {
	u64 calls;
	u64 errors;
	u64 rtnl;
	u64 unlocked;
	u64 requests;
	u64 errnos[RNT_NR_ERRNO];
	struct rnt_dist lat;
	struct rnt_dist wait;
	struct rnt_dist hold;
	struct rnt_sets sets;
};

/*
 * One (family, msgtype, kind, function, owner) of the kernel's handler
 * table. Slots are only ever added, under rnt_mutex, and keep their
 * figures when the kernel unregisters the handler (present becomes
 * false) and when it comes back (at any address).
 */
struct rnt_handler {
	unsigned long fn;	/* where it is now, or was last seen */
	char name[RNT_NAME_LEN];
	char owner[MODULE_NAME_LEN];
	u8 family;
	u8 msgtype;
	u8 kind;
	bool present;
	u32 flags;
	struct rnt_hstats __percpu *stats;
	atomic_t inflight;
	int inflight_max;
};

/* Global RTNL figures, per CPU. */
enum rnt_acquire {
	RNT_ACQ_LOCK,
	RNT_ACQ_INTERRUPTIBLE,
	RNT_ACQ_KILLABLE,
	RNT_ACQ_TRYLOCK_OK,
	RNT_ACQ_TRYLOCK_FAIL,
	RNT_ACQ_REFCOUNT,
	RNT_NR_ACQ,
};

struct rnt_rtnl_stats {
	u64 acquire[RNT_NR_ACQ];
	struct rnt_dist wait;
	struct rnt_dist hold;
};

/* Lock wait and hold time, sum and max; one per CPU. */
struct rnt_times {
	u64 wait_sum;
	u64 wait_max;
	u64 hold_sum;
	u64 hold_max;
};

/* An RTNL user outside rtnetlink handlers, keyed by the lock's caller. */
struct rnt_site_stats {
	u64 count;
	struct rnt_times t;
	struct rnt_sets sets;
};

/* A netns: the requests it sent, and the waits and holds of its lock. */
struct rnt_netns_stats {
	u64 requests;
	u64 locks;
	struct rnt_times t;
};

/*
 * The record of one netns (netns.c), from its creation until its figures
 * are folded into the exited total.
 */
struct rnt_netns {
	struct list_head node;		/* on the live, exited or folded list */
	u64 cookie;
	unsigned int inum;
	u64 batch;			/* the batch of exits it left in */
	u64 exit_ns;			/* when it exited, or 0 */
	/*
	 * The RTNL section that last counted this netns in its lock set.
	 * Written only with the netns's own lock held, so never raced.
	 */
	u64 set_stamp;
	/*
	 * The RTNL section that last counted it in its touched set
	 * (footprint.c). Written only by the global RTNL holder.
	 */
	u64 touch_stamp;
	struct rnt_netns_stats __percpu *stats;
};

/* The figures of one or more netns, summed over CPUs. */
struct rnt_netns_sum {
	u64 nets;
	u64 requests;
	u64 locks;
	struct rnt_times t;
};

enum rnt_drop {
	RNT_DROP_TASK,
	RNT_DROP_SITE,
	RNT_DROP_NETNS,
	RNT_DROP_HELD,
	RNT_DROP_VIOLATION,
	RNT_DROP_HANDLER,	/* a request for a handler not in the index yet */
	RNT_DROP_TOUCH_EVENT,	/* an (owner, touch) pair without room */
	RNT_DROP_BLOCKED,	/* a blocked-by pair without room */
	RNT_DROP_HOLDS,		/* a wait longer than the ring of holds */
	RNT_NR_DROP,
};

/* A per-netns lock a task holds. */
struct rnt_held {
	const void *net;
	u64 cookie;
	unsigned int inum;
	u64 acquired;
	struct rnt_netns *rec;	/* its record, or NULL */
	bool leaked;		/* a leak was reported for it already */
};

/*
 * What one task is doing, as far as we can see: the rtnetlink requests it
 * is inside, the global RTNL and the per-netns locks it holds. Owned by
 * the task: only the task itself writes its slot, so no lock is needed.
 * task.c keeps which task owns which slot.
 */
struct rnt_task {
	u64 start_time;			/* tells a reused task_struct apart */
	int depth;
	s16 ctx[RNT_CTX_DEPTH];
	bool rtnl_held;
	s16 rtnl_slot;			/* handler owning the section */
	s16 rtnl_site;			/* or call site owning it */
	u64 rtnl_acquired;
	unsigned long wrapper_caller;	/* who called rtnl_net_lock() & co */
	u8 nheld;
	struct rnt_held held[RNT_MAX_HELD];
	/*
	 * The lock set of the current RTNL section or request: how many
	 * distinct nets it locked (each netns record remembers the last
	 * section that counted it), and whether init_net was one of them.
	 */
	u64 section;
	unsigned int nset;
	bool set_init;
	/* Its touched set (footprint.c): distinct nets changed, init_net in it. */
	unsigned int ntouch;
	bool touch_init;
	/*
	 * For the lockless reader of "now" (live.c): who the task is, as
	 * stored when it claimed the slot (the key may belong to a task
	 * that has exited by the time it is read), what RTNL section it
	 * holds, and the wait for RTNL it is in, if any.
	 */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned long rtnl_caller;	/* who took RTNL */
	u64 rtnl_wait;			/* how long it waited for it */
	u64 rtnl_wait_total;		/* all its RTNL waits and holds, */
	u64 rtnl_hold_total;		/* for the request trace event */
	u64 wait_since;			/* waiting for RTNL since, or 0 */
	unsigned long wait_caller;	/* who called the lock function */
	s16 wait_slot;			/* handler it waits for, or RNT_NO_SLOT */
};

/* main.c */
extern struct mutex rnt_mutex;
extern bool rnt_enabled;
extern int rnt_max_nets;
extern int rnt_violation_action;
int rnt_set_enabled(bool on);
int rnt_reset(void);
unsigned long rnt_lookup_name(const char *name);

/* handlers.c */
struct rnt_probe_info;
extern struct rnt_handler rnt_handlers[RNT_MAX_HANDLERS];
extern int rnt_nr_handlers;
int rnt_handlers_init(void);
void rnt_handlers_exit(void);
int rnt_handlers_sync(bool probe);
void rnt_handlers_unregister(void);
void rnt_handlers_clear_inflight(void);
void rnt_handlers_probe_info(struct rnt_probe_info *info);
int rnt_handler_find(unsigned long ip, int family, int msgtype, int kind);
int rnt_handler_predict(int family, int msgtype, bool dump);
bool rnt_handler_locked(const struct rnt_handler *h);

/* stats.c */
extern struct rnt_rtnl_stats __percpu *rnt_rtnl;
extern u64 __percpu *rnt_drops;
int rnt_stats_init(void);
void rnt_stats_exit(void);
void rnt_stats_reset(void);
unsigned int rnt_hist_bucket(u64 v);
unsigned int rnt_set_bucket(unsigned int size);
unsigned int rnt_set_bucket_min(unsigned int bucket);
void rnt_dist_add(struct rnt_dist __percpu *d, u64 v);
void rnt_dist_sum(struct rnt_dist __percpu *d, struct rnt_dist *out);
void rnt_times_add(struct rnt_times __percpu *t, bool hold, u64 v);
void rnt_times_sum(struct rnt_times __percpu *t, struct rnt_times *out);
void rnt_sets_note(struct rnt_sets *s, unsigned int size, bool init);
void rnt_sets_add(struct rnt_sets __percpu *s, unsigned int size, bool init);
void rnt_sets_sum(struct rnt_sets __percpu *s, struct rnt_sets *out);
struct seq_file;
u64 rnt_sets_print(struct seq_file *m, const char *key, const struct rnt_sets *s);
int rnt_errno_index(int err);
u64 rnt_sum_u64(u64 __percpu *p);
u64 rnt_max_u64(u64 __percpu *p);

static inline void rnt_drop(enum rnt_drop what)
{
	this_cpu_inc(rnt_drops[what]);
}

/* netns.c */
struct net;
extern int rnt_max_exited;
struct seq_file;
int rnt_netns_init_all(void);
void rnt_netns_exit_all(void);
struct rnt_netns *rnt_netns_of(const struct net *net);
void rnt_netns_reset(void);
void rnt_netns_show(struct seq_file *m);
void rnt_netns_memory(unsigned int *records, size_t *bytes);
size_t rnt_netns_record_bytes(void);
struct rnt_netns *rnt_netns_alloc(u64 cookie, unsigned int inum);
void rnt_netns_free(struct rnt_netns *rec);
void rnt_netns_sum(const struct rnt_netns *rec, struct rnt_netns_sum *out);
void rnt_netns_fold(struct rnt_netns_sum *total, const struct rnt_netns_sum *s);
unsigned int rnt_netns_trim(struct list_head *exited, unsigned int *nexited,
			    struct list_head *folded, unsigned int max);
unsigned int rnt_netns_reap(struct list_head *folded, u64 batch,
			    struct rnt_netns_sum *total, struct list_head *gone);

/* keytab.c: keys claimed once, never removed while loaded */
struct rnt_key;
struct rnt_keytab {
	struct rnt_key *keys;
	unsigned int bits;
	unsigned int cap;
	atomic_t used;		/* indexes handed out; may run past cap */
};

int rnt_keytab_init(struct rnt_keytab *tab, unsigned int cap);
void rnt_keytab_exit(struct rnt_keytab *tab);
int rnt_keytab_get(struct rnt_keytab *tab, unsigned long key);
bool rnt_keytab_at(const struct rnt_keytab *tab, unsigned int i,
		   unsigned long *key, int *idx);
unsigned int rnt_keytab_used(const struct rnt_keytab *tab);
unsigned int rnt_keytab_slots(const struct rnt_keytab *tab);
size_t rnt_keytab_bytes(const struct rnt_keytab *tab);

/* sites.c */
#define RNT_SITE_CHUNK		64	/* sites per per-CPU allocation */
static_assert(sizeof(struct rnt_site_stats) * RNT_SITE_CHUNK <= PCPU_MIN_UNIT_SIZE);

/* A site as read: most-held-first by rnt_sites_sorted(). */
struct rnt_site_ref {
	unsigned long ip;
	int idx;
	u64 count;
	struct rnt_times t;
};

extern int rnt_max_sites;
extern struct rnt_site_stats __percpu **rnt_site_chunks;
int rnt_sites_init(void);
void rnt_sites_exit(void);
void rnt_sites_reset(void);
size_t rnt_sites_bytes(void);
int rnt_site_get(unsigned long ip);
int rnt_sites_sorted(struct rnt_site_ref **out);

/* The per-CPU figures of site @idx, from rnt_site_get(). */
static inline struct rnt_site_stats __percpu *rnt_site_pcpu(int idx)
{
	return rnt_site_chunks[(unsigned int)idx / RNT_SITE_CHUNK] +
	       (unsigned int)idx % RNT_SITE_CHUNK;
}

/* probes.c */
struct rnt_probe_info {
	const char *name;
	bool available;
	bool registered;
	int error;
	int addrs;
	unsigned long nmissed;
	/* Handler probes only: owners probed, table scans, entries without a slot. */
	int groups;
	u64 scans;
	u64 unslotted;
};

enum rnt_probe_id {
	RNT_FP_REQ, RNT_FP_HANDLERS, RNT_FP_RTNL, RNT_FP_PERNET, RNT_FP_TOUCH,
	RNT_NR_FP
};

int rnt_probes_init(void);
void rnt_probes_new_generation(void);
int rnt_probes_register(void);
void rnt_probes_unregister(void);
void rnt_handler_fprobe_setup(struct fprobe *fp);
void rnt_probe_info(enum rnt_probe_id id, struct rnt_probe_info *info);
bool rnt_probes_pernet_available(void);

/* task.c */
extern int rnt_max_tasks;
int rnt_tasks_init(void);
void rnt_tasks_exit(void);
struct rnt_task *rnt_task_current(bool create);
void rnt_task_put(struct rnt_task *t);
void rnt_tasks_reset(void);
size_t rnt_tasks_bytes(void);
unsigned int rnt_tasks_nr(void);
const struct rnt_task *rnt_task_peek(unsigned int i);

/* live.c */
int rnt_live_show(struct seq_file *m);

/* lockorder.c */
enum rnt_violation_kind {
	RNT_V_ORDER,
	RNT_V_RECURSION,
	RNT_V_TOO_MANY,
	RNT_V_NO_RTNL,
	RNT_V_RTNL_INVERSION,
	RNT_V_UNBALANCED_UNLOCK,
	RNT_V_LEAK,
	RNT_V_UNLOCKED_TOUCH,
	RNT_NR_VIOLATION,
};

enum { RNT_ACTION_COUNT, RNT_ACTION_WARN };

#define RNT_RING_FIRST		32
#define RNT_RING_LAST		32
#define RNT_RING_SIZE		(RNT_RING_FIRST + RNT_RING_LAST)
#define RNT_STACK_DEPTH		16

struct rnt_violation {
	int kind;
	u32 hash;		/* of the stack: identical ones collapse */
	u64 count;
	u64 time_ns;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	int slot;		/* handler running, or RNT_NO_SLOT */
	u8 nnets;
	struct {
		unsigned int inum;
		u64 cookie;
	} nets[2];
	unsigned int nr_stack;
	/* Symbolized when recorded: the code may be gone when it is read. */
	char stack[RNT_STACK_DEPTH][RNT_NAME_LEN];
};

/*
 * The distinct violations kept: the first RNT_RING_FIRST ever recorded,
 * in v[0..RNT_RING_FIRST), stay until a reset; the RNT_RING_LAST after
 * them, in v[RNT_RING_FIRST..), are a circular buffer whose oldest entry,
 * at @next, is the one a new distinct violation replaces.
 */
struct rnt_ring {
	unsigned int len;	/* entries held, at most RNT_RING_SIZE */
	unsigned int next;	/* the oldest of the last ones, once full */
	u64 dropped;		/* entries replaced since the last reset */
	struct rnt_violation v[RNT_RING_SIZE];
};

extern const char *const rnt_violation_names[RNT_NR_VIOLATION];
int rnt_cmp_nets(const void *a, const void *b, const void *init);
bool rnt_set_note(u64 *stamp, u64 section);
void rnt_set_count(struct rnt_task *t, const struct net *net,
		   struct rnt_netns *rec, u64 *stamp, unsigned int *n,
		   bool *init);
void rnt_section_begin(struct rnt_task *t);
struct rnt_violation *rnt_ring_get(struct rnt_ring *r, int kind, u32 hash,
				   bool *is_new);
struct rnt_violation *rnt_ring_at(struct rnt_ring *r, unsigned int i);
u64 rnt_violation_total(int kind);
void rnt_violations_copy(struct rnt_ring *out);
int rnt_lockorder_init(void);
void rnt_lockorder_exit(void);
void rnt_violations_reset(void);
bool rnt_pernet_check(struct rnt_task *t, const void *net);
void rnt_pernet_lock(struct rnt_task *t, const void *net, u64 wait_start);
void rnt_pernet_unlock(struct rnt_task *t, const void *net);
void rnt_rtnl_acquire_check(struct rnt_task *t);
void rnt_section_end(struct rnt_task *t, bool rtnl_end);
void rnt_violation(struct rnt_task *t, int kind, const struct net *a,
		   const struct net *b);
bool rnt_pernet_holds(const struct rnt_task *t, const struct net *net);

/* footprint.c */
enum rnt_touch_src { RNT_SRC_NETDEV, RNT_SRC_NOTIFY, RNT_NR_SRC };

extern int rnt_max_touch_events;
int rnt_footprint_init(void);
void rnt_footprint_exit(void);
void rnt_footprint_reset(void);
size_t rnt_footprint_bytes(void);
void rnt_touch(const struct net *net, enum rnt_touch_src src, unsigned int code);
void rnt_touch_section_end(struct rnt_task *t, int slot, int site);
void rnt_footprint_show(struct seq_file *m);

/*
 * The owner of an RTNL section or wait, as one number: a handler's slot
 * plus one, or else the address of the lock's caller (kernel text, far
 * above RNT_MAX_HANDLERS).
 */
static inline u64 rnt_owner_key(int slot, unsigned long caller)
{
	return slot >= 0 ? (u64)slot + 1 : caller;
}

static inline int rnt_owner_slot(u64 key)
{
	return key && key <= RNT_MAX_HANDLERS ? (int)key - 1 : RNT_NO_SLOT;
}

/* blocked.c */
extern int rnt_max_blocked;
int rnt_blocked_init(void);
void rnt_blocked_exit(void);
void rnt_blocked_reset(void);
size_t rnt_blocked_bytes(void);
void rnt_blocked_hold(const struct rnt_task *t, u64 now);
void rnt_blocked_wait(u64 owner, u64 start, u64 now);
void rnt_blocked_show(struct seq_file *m);

/* debugfs.c */
int rnt_debugfs_init(void);
void rnt_debugfs_exit(void);

#endif /* _RNT_H */
