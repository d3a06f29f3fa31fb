// SPDX-License-Identifier: GPL-2.0
/*
 * Blocked-by: every wait for global RTNL charged to whoever held RTNL
 * while it waited (the debugfs file "blocked").
 *
 * Only RTNL holders write here: a hold is appended to a ring of recent
 * holds when it ends (at __rtnl_unlock()'s entry, RTNL still held), and
 * a wait is charged when it ends, by the task that has just got RTNL.
 * So RTNL itself serialises the writers: no lock, no atomic. The waiter
 * walks the ring from the newest hold back to the first one that ended
 * before its wait began, and splits the wait among those holds by their
 * overlap with it. What no recorded hold covers (the hand-over from one
 * holder to the next, or a holder without a task slot) is counted as
 * uncharged. Each (waiting owner, holding owner) pair, and each
 * (waiting comm, holding comm) pair, counts the wait once with the time
 * charged to it. A wait that began before the oldest hold in the ring
 * is charged what the ring still covers and counted in drops holds=.
 *
 * Both pair tables are open-addressing hashes of max_blocked pairs
 * (module parameter) in twice as many slots, allocated at load; a pair
 * that finds no room in RNT_BLOCKED_WINDOW slots is dropped (drops
 * blocked=). A reset only bumps a generation, and the next RTNL holder
 * clears the tables, so that they never have two writers. Readers take
 * nothing: they copy with READ_ONCE() while the holder writes, and may
 * see a pair one wait behind.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "blocked.h"
#include "handlers.h"
#include "params.h"

/* Holds kept: a wait behind this many others is still charged in full. */
#define RNT_HOLDS		4096
#define RNT_BLOCKED_WINDOW	64
/* Distinct holders one wait is charged to before it is split further. */
#define RNT_BLOCKED_PER_WAIT	8

struct rnt_hold_rec {
	u64 start;
	u64 end;
	u64 owner;		/* rnt_owner_key() */
	char comm[TASK_COMM_LEN];
};

struct rnt_blocked_figs {
	u64 waits;
	u64 wait_sum;
	u64 wait_max;		/* the most one wait was charged to the pair */
};

struct rnt_owner_pair {
	u64 waiter;		/* 0 while the slot is free */
	u64 holder;
	struct rnt_blocked_figs f;
};

struct rnt_comm_pair {
	char waiter[TASK_COMM_LEN];	/* "" while the slot is free */
	char holder[TASK_COMM_LEN];
	struct rnt_blocked_figs f;
};

static struct rnt_hold_rec *rnt_holds;
static u64 rnt_holds_next;		/* holds recorded since load */

static struct rnt_owner_pair *rnt_opairs;
static struct rnt_comm_pair *rnt_cpairs;
static unsigned int rnt_blocked_bits;
static unsigned int rnt_blocked_cap;
static unsigned int rnt_opairs_used, rnt_cpairs_used;

/* Totals since the last reset. */
static struct {
	u64 waits;		/* waits that overlapped a recorded hold */
	u64 wait_sum;
	u64 charged;
} rnt_blocked_total;

static u32 rnt_blocked_gen, rnt_blocked_tab_gen;

/* Writers only: clear what a reset asked to forget. */
static void rnt_blocked_sync_gen(void)
{
	u32 gen = READ_ONCE(rnt_blocked_gen);

	if (gen == rnt_blocked_tab_gen)
		return;
	memset(rnt_opairs, 0, sizeof(*rnt_opairs) << rnt_blocked_bits);
	memset(rnt_cpairs, 0, sizeof(*rnt_cpairs) << rnt_blocked_bits);
	WRITE_ONCE(rnt_opairs_used, 0);
	WRITE_ONCE(rnt_cpairs_used, 0);
	memset(&rnt_blocked_total, 0, sizeof(rnt_blocked_total));
	WRITE_ONCE(rnt_blocked_tab_gen, gen);
}

static void rnt_figs_add(struct rnt_blocked_figs *f, u64 ns)
{
	WRITE_ONCE(f->waits, f->waits + 1);
	WRITE_ONCE(f->wait_sum, f->wait_sum + ns);
	if (ns > f->wait_max)
		WRITE_ONCE(f->wait_max, ns);
}

static void rnt_opair_add(u64 waiter, u64 holder, u64 ns)
{
	unsigned int h = hash_64(waiter ^ hash_64(holder, 32), rnt_blocked_bits);
	unsigned int mask = (1U << rnt_blocked_bits) - 1, i;
	struct rnt_owner_pair *e;

	for (i = 0; i < RNT_BLOCKED_WINDOW; i++) {
		e = &rnt_opairs[(h + i) & mask];
		if (!e->waiter) {
			if (rnt_opairs_used >= rnt_blocked_cap)
				break;
			e->holder = holder;
			/* Last: a reader takes a set waiter as a claimed slot. */
			smp_store_release(&e->waiter, waiter);
			WRITE_ONCE(rnt_opairs_used, rnt_opairs_used + 1);
		}
		if (e->waiter == waiter && e->holder == holder) {
			rnt_figs_add(&e->f, ns);
			return;
		}
	}
	rnt_drop(RNT_DROP_BLOCKED);
}

static void rnt_cpair_add(const char *waiter, const char *holder, u64 ns)
{
	unsigned int h = jhash(waiter, TASK_COMM_LEN,
			       jhash(holder, TASK_COMM_LEN, 0)) >>
			 (32 - rnt_blocked_bits);
	unsigned int mask = (1U << rnt_blocked_bits) - 1, i;
	struct rnt_comm_pair *e;

	for (i = 0; i < RNT_BLOCKED_WINDOW; i++) {
		e = &rnt_cpairs[(h + i) & mask];
		if (!e->waiter[0]) {
			if (rnt_cpairs_used >= rnt_blocked_cap)
				break;
			memcpy(e->holder, holder, TASK_COMM_LEN);
			memcpy(e->waiter + 1, waiter + 1, TASK_COMM_LEN - 1);
			/* Last: a reader takes a set first byte as claimed. */
			smp_store_release(&e->waiter[0], waiter[0]);
			WRITE_ONCE(rnt_cpairs_used, rnt_cpairs_used + 1);
		}
		if (!memcmp(e->waiter, waiter, TASK_COMM_LEN) &&
		    !memcmp(e->holder, holder, TASK_COMM_LEN)) {
			rnt_figs_add(&e->f, ns);
			return;
		}
	}
	rnt_drop(RNT_DROP_BLOCKED);
}

/* current's comm, NUL-padded, so that it can be compared whole; never "". */
static void rnt_comm(char comm[TASK_COMM_LEN])
{
	memset(comm, 0, TASK_COMM_LEN);
	strscpy(comm, current->comm, TASK_COMM_LEN);
	if (!comm[0])
		comm[0] = '?';
}

/* An RTNL section of @t ends at @now; called with RTNL held. */
void rnt_blocked_hold(const struct rnt_task *t, u64 now)
{
	struct rnt_hold_rec *r;

	if (!rnt_holds)
		return;
	r = &rnt_holds[rnt_holds_next % RNT_HOLDS];
	r->start = t->rtnl_acquired;
	r->end = now;
	r->owner = rnt_owner_key(t->rtnl_slot, t->rtnl_caller);
	rnt_comm(r->comm);
	WRITE_ONCE(rnt_holds_next, rnt_holds_next + 1);
}

struct rnt_charge {
	u64 owner;
	const char *comm;
	u64 ns;
};

/*
 * Add @ns to the entry of @comm (if not NULL) or else of @owner in @c,
 * which holds up to RNT_BLOCKED_PER_WAIT of them; false when full.
 */
static bool rnt_charge_add(struct rnt_charge *c, unsigned int *n, u64 owner,
			   const char *comm, u64 ns)
{
	unsigned int i;

	for (i = 0; i < *n; i++) {
		if (comm ? !memcmp(c[i].comm, comm, TASK_COMM_LEN) :
			   c[i].owner == owner) {
			c[i].ns += ns;
			return true;
		}
	}
	if (*n == RNT_BLOCKED_PER_WAIT)
		return false;
	c[*n].owner = owner;
	c[*n].comm = comm;
	c[*n].ns = ns;
	(*n)++;
	return true;
}

/*
 * The task that has just got RTNL at @now, owned by @owner, had waited
 * for it since @start: charge the wait to the holds in between.
 */
void rnt_blocked_wait(u64 owner, u64 start, u64 now)
{
	struct rnt_charge by_owner[RNT_BLOCKED_PER_WAIT];
	struct rnt_charge by_comm[RNT_BLOCKED_PER_WAIT];
	unsigned int no = 0, nc = 0, i;
	char comm[TASK_COMM_LEN];
	u64 k, charged = 0, from, to;
	struct rnt_hold_rec *r;
	bool covered = false;

	if (!rnt_holds || !owner)
		return;
	rnt_blocked_sync_gen();
	rnt_comm(comm);
	for (k = rnt_holds_next; k > 0 && rnt_holds_next - k < RNT_HOLDS; k--) {
		r = &rnt_holds[(k - 1) % RNT_HOLDS];
		if (r->end <= start) {
			covered = true;
			break;
		}
		from = max(r->start, start);
		to = min(r->end, now);
		if (to <= from)
			continue;
		charged += to - from;
		if (!rnt_charge_add(by_owner, &no, r->owner, NULL, to - from))
			rnt_opair_add(owner, r->owner, to - from);
		if (!rnt_charge_add(by_comm, &nc, 0, r->comm, to - from))
			rnt_cpair_add(comm, r->comm, to - from);
	}
	/* Every hold in the ring ended after the wait began: some are gone. */
	if (!covered && k > 0)
		rnt_drop(RNT_DROP_HOLDS);
	if (!charged)
		return;
	for (i = 0; i < no; i++)
		rnt_opair_add(owner, by_owner[i].owner, by_owner[i].ns);
	for (i = 0; i < nc; i++)
		rnt_cpair_add(comm, by_comm[i].comm, by_comm[i].ns);
	WRITE_ONCE(rnt_blocked_total.waits, rnt_blocked_total.waits + 1);
	WRITE_ONCE(rnt_blocked_total.wait_sum,
		   rnt_blocked_total.wait_sum + rnt_since(start, now));
	WRITE_ONCE(rnt_blocked_total.charged,
		   rnt_blocked_total.charged + charged);
}

/* ---- reading ---- */

static int rnt_figs_cmp(const struct rnt_blocked_figs *x,
			const struct rnt_blocked_figs *y)
{
	if (x->wait_sum != y->wait_sum)
		return x->wait_sum > y->wait_sum ? -1 : 1;
	if (x->waits != y->waits)
		return x->waits > y->waits ? -1 : 1;
	return 0;
}

static int rnt_opair_cmp(const void *a, const void *b)
{
	const struct rnt_owner_pair *x = a, *y = b;

	return rnt_figs_cmp(&x->f, &y->f);
}

static int rnt_cpair_cmp(const void *a, const void *b)
{
	const struct rnt_comm_pair *x = a, *y = b;

	return rnt_figs_cmp(&x->f, &y->f);
}

static void rnt_figs_copy(struct rnt_blocked_figs *to,
			  const struct rnt_blocked_figs *from)
{
	to->waits = READ_ONCE(from->waits);
	to->wait_sum = READ_ONCE(from->wait_sum);
	to->wait_max = READ_ONCE(from->wait_max);
}

static void rnt_comm_copy(char *to, const char *from)
{
	unsigned int i;

	for (i = 0; i < TASK_COMM_LEN; i++) {
		to[i] = READ_ONCE(from[i]);
		if (to[i] <= ' ' || to[i] > '~' || to[i] == '=')
			to[i] = to[i] ? '?' : '\0';
	}
	to[TASK_COMM_LEN - 1] = '\0';
}

static void rnt_owner_print(struct seq_file *m, const char *what, u64 key)
{
	char sym[KSYM_SYMBOL_LEN];
	int slot = rnt_owner_slot(key);

	if (slot >= 0)
		seq_printf(m, " %s_type=handler %s=%s", what, what,
			   rnt_handlers[slot].name);
	else
		seq_printf(m, " %s_type=site %s=%s", what, what,
			   rnt_sym(sym, key));
}

static void rnt_figs_print(struct seq_file *m, const struct rnt_blocked_figs *f)
{
	seq_printf(m, " waits=%llu wait_sum=%llu wait_max=%llu\n", f->waits,
		   f->wait_sum, f->wait_max);
}

int rnt_blocked_show(struct seq_file *m)
{
	unsigned int size = 1U << rnt_blocked_bits, i, no = 0, nc = 0;
	bool current_gen = READ_ONCE(rnt_blocked_tab_gen) ==
			   READ_ONCE(rnt_blocked_gen);
	struct rnt_owner_pair *op;
	struct rnt_comm_pair *cp;
	u64 dropped[2];

	dropped[0] = rnt_sum_u64(&rnt_drops[RNT_DROP_BLOCKED]);
	dropped[1] = rnt_sum_u64(&rnt_drops[RNT_DROP_HOLDS]);
	seq_printf(m, "blocked waits=%llu wait_sum=%llu charged=%llu pairs=%u comm_pairs=%u pairs_max=%u pairs_dropped=%llu holds=%llu holds_max=%u holds_overrun=%llu\n",
		   current_gen ? READ_ONCE(rnt_blocked_total.waits) : 0,
		   current_gen ? READ_ONCE(rnt_blocked_total.wait_sum) : 0,
		   current_gen ? READ_ONCE(rnt_blocked_total.charged) : 0,
		   current_gen ? READ_ONCE(rnt_opairs_used) : 0,
		   current_gen ? READ_ONCE(rnt_cpairs_used) : 0,
		   rnt_blocked_cap, dropped[0], READ_ONCE(rnt_holds_next),
		   RNT_HOLDS, dropped[1]);
	if (!current_gen)
		return 0;
	op = kvmalloc_array(size, sizeof(*op), GFP_KERNEL);
	cp = kvmalloc_array(size, sizeof(*cp), GFP_KERNEL);
	if (!op || !cp)
		goto out;
	for (i = 0; i < size; i++) {
		/* Pairs with the claimer's release of the waiter. */
		op[no].waiter = smp_load_acquire(&rnt_opairs[i].waiter);
		if (!op[no].waiter)
			continue;
		op[no].holder = READ_ONCE(rnt_opairs[i].holder);
		rnt_figs_copy(&op[no].f, &rnt_opairs[i].f);
		if (op[no].f.waits)
			no++;
	}
	for (i = 0; i < size; i++) {
		/* Pairs with the claimer's release of the first byte. */
		cp[nc].waiter[0] = smp_load_acquire(&rnt_cpairs[i].waiter[0]);
		if (!cp[nc].waiter[0])
			continue;
		rnt_comm_copy(cp[nc].waiter, rnt_cpairs[i].waiter);
		rnt_comm_copy(cp[nc].holder, rnt_cpairs[i].holder);
		rnt_figs_copy(&cp[nc].f, &rnt_cpairs[i].f);
		if (cp[nc].f.waits)
			nc++;
	}
	sort(op, no, sizeof(*op), rnt_opair_cmp, NULL);
	sort(cp, nc, sizeof(*cp), rnt_cpair_cmp, NULL);
	for (i = 0; i < no; i++) {
		seq_puts(m, "pair");
		rnt_owner_print(m, "waiter", op[i].waiter);
		rnt_owner_print(m, "holder", op[i].holder);
		rnt_figs_print(m, &op[i].f);
	}
	for (i = 0; i < nc; i++) {
		seq_printf(m, "comm waiter=%s holder=%s", cp[i].waiter,
			   cp[i].holder);
		rnt_figs_print(m, &cp[i].f);
	}
out:
	kvfree(op);
	kvfree(cp);
	return 0;
}

/* Caller holds rnt_mutex; the next RTNL holder clears the tables. */
void rnt_blocked_reset(void)
{
	WRITE_ONCE(rnt_blocked_gen, rnt_blocked_gen + 1);
}

size_t rnt_blocked_bytes(void)
{
	return sizeof(*rnt_holds) * RNT_HOLDS +
	       ((sizeof(*rnt_opairs) + sizeof(*rnt_cpairs)) << rnt_blocked_bits);
}

int rnt_blocked_init(void)
{
	rnt_blocked_cap = rnt_max_blocked;
	rnt_blocked_bits = order_base_2(2 * rnt_blocked_cap);
	rnt_holds_next = 0;
	rnt_opairs_used = 0;
	rnt_cpairs_used = 0;
	rnt_blocked_gen = 0;
	rnt_blocked_tab_gen = 0;
	memset(&rnt_blocked_total, 0, sizeof(rnt_blocked_total));
	rnt_holds = kvcalloc(RNT_HOLDS, sizeof(*rnt_holds), GFP_KERNEL);
	rnt_opairs = kvcalloc(1U << rnt_blocked_bits, sizeof(*rnt_opairs),
			      GFP_KERNEL);
	rnt_cpairs = kvcalloc(1U << rnt_blocked_bits, sizeof(*rnt_cpairs),
			      GFP_KERNEL);
	if (!rnt_holds || !rnt_opairs || !rnt_cpairs) {
		rnt_blocked_exit();
		return -ENOMEM;
	}
	return 0;
}

/* After the probes are gone: nobody writes any more. */
void rnt_blocked_exit(void)
{
	kvfree(rnt_holds);
	kvfree(rnt_opairs);
	kvfree(rnt_cpairs);
	rnt_holds = NULL;
	rnt_opairs = NULL;
	rnt_cpairs = NULL;
}
