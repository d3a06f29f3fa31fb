/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_DATA_H
#define RTNLCTL_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"
#include "parse.h"

/*
 * The debugfs tables as C structures. A loader validates every field of
 * every record it knows before it returns, so commands print nothing from
 * a file that turns out to be malformed. Strings point into the file
 * buffer kept in the table's rfile.
 *
 * What a newer module may add within a format version is kept, never
 * refused: enum values rtnlctl does not know (a handler kind or locking,
 * a violation kind) stay strings, a parsed element keeps its record
 * (@rec) so that keys rtnlctl does not know can be printed, and the
 * records of unknown names stay in the rfile.
 */

/*
 * The records rtnlctl reads, per debugfs file: a record of another name
 * is kept and shown as written (print_other_records()). This is
 * rtnlctl's side of the contract of docs/debugfs.md, whose tables list
 * what the module writes; "rtnlctl --known-records" prints it for
 * tests/contract.sh.
 */
struct file_records {
	const char *file;
	const char *const *names;
	size_t n;
};

extern const struct file_records file_records[];
extern const size_t nr_file_records;
extern const char *const now_records[4];

/* The handler kinds of format version 1; a newer module may add more. */
extern const char *const kind_names[2];

/*
 * Lock-set size buckets of format version 2: 1, 2, 3 and 4, then log2
 * ranges 5-8, 9-16, ..., 2049-4096, and the last one "4097 or more": 15
 * in all. A newer module may go on with more ranges (4097-8192, ...);
 * the last bucket is always "or more".
 */
#define MAX_LOCKSET_BUCKETS	32

/* The smallest and the largest size of bucket @i (not the last one). */
uint64_t lockset_min(size_t i);
uint64_t lockset_max(size_t i);
/* The name of bucket @i of @n: "1", ..., "5-8", ..., "<min>+" for the last. */
const char *lockset_name(size_t i, size_t n, char *buf);

/* A log2 distribution of nanoseconds: see "histogram" in debugfs.md. */
struct dist {
	uint64_t count;
	uint64_t sum;
	uint64_t max;
	uint64_t hist[HIST_BUCKETS];
};

uint64_t hist_total(const uint64_t *hist);
uint64_t hist_upper(unsigned int bucket);
uint64_t dist_avg(const struct dist *d);
uint64_t dist_percentile(const struct dist *d, unsigned int pct);

/*
 * What @cur added to @prev (a later and an earlier reading of the same
 * distribution), or @cur itself after a reset. The maximum of an interval
 * is exact when the all-time maximum grew in it; otherwise it is the top
 * of the highest bucket that grew, capped at the all-time maximum.
 */
void dist_delta(const struct dist *cur, const struct dist *prev,
		struct dist *d);

/* A handler is known by (family, msgtype, kind, fn). */
struct hkey {
	unsigned int family;
	unsigned int msgtype;
	const char *kind;
	const char *fn;
};

bool hkey_equal(const struct hkey *a, const struct hkey *b);

struct handler {
	const struct record *rec;
	struct hkey key;
	const char *owner;
	const char *locking;	/* "rtnl", "unlocked", or newer */
	uint64_t flags;
	bool present;
};

struct handlers;

/*
 * Present handlers counted by kind and locking, in first-seen order, and
 * with a footprint by the behaviour it saw (a handler it does not list
 * is unseen).
 */
struct handler_summary {
	const char **kinds;	/* doit and dumpit first, then newer ones */
	size_t nkinds;
	const char **lockings;	/* rtnl and unlocked first */
	size_t nlockings;
	uint64_t *count;	/* [kind * nlockings + locking] */
	uint64_t *total;	/* [kind] */
	const char **behaviours;	/* behaviour_names first; none without */
	size_t nbehaviours;
	uint64_t *bcount;	/* [kind * nbehaviours + behaviour] */
};

struct footprint;
/* @fp: NULL, or a footprint that may not be present. */
int handler_summary(const struct handlers *t, const struct footprint *fp,
		    struct handler_summary *s);
void free_handler_summary(struct handler_summary *s);

struct handlers {
	struct rfile rf;
	struct handler *v;
	size_t n;
};

/* The module counts a few errnos by number and the rest as "other". */
#define ERRNO_OTHER	UINT64_MAX

struct errno_count {
	uint64_t err;		/* a positive errno, or ERRNO_OTHER */
	uint64_t count;
};

const char *stat_errno_name(uint64_t err, char *buf);

struct hstat {
	const struct record *rec;
	struct hkey key;
	uint64_t calls, errors, rtnl, unlocked;
	uint64_t inflight, inflight_max, requests, rounds;
	struct errno_count *errnos;	/* most frequent first */
	size_t nerrnos;
	struct dist lat, wait, hold;
	uint64_t lockset[MAX_LOCKSET_BUCKETS];
	size_t nlockset;
	uint64_t lockset_init_net, lockset_max;
};

struct stats {
	struct rfile rf;
	struct hstat *v;
	size_t n;
};

enum acquire {
	ACQ_LOCK, ACQ_INTERRUPTIBLE, ACQ_KILLABLE, ACQ_TRYLOCK_OK,
	ACQ_TRYLOCK_FAIL, ACQ_REFCOUNT, NR_ACQUIRE
};

extern const char *const acquire_names[NR_ACQUIRE];

struct site {
	const struct record *rec;
	const char *sym;
	uint64_t count, wait_sum, wait_max, hold_sum, hold_max;
};

/*
 * A record of named counters (acquire, drops, violation totals), every
 * key in file order: the known ones are checked to be numbers, newer ones
 * are kept as they are.
 */
struct counter {
	const char *name;
	const char *text;	/* the value as written, when not a number */
	uint64_t val;
	bool num;		/* the value is the number @val */
};

struct counters {
	struct counter *v;
	size_t n;
};

struct rtnl_info {
	struct rfile rf;
	const struct record *acquire_rec;
	struct counters acquire;
	struct dist wait, hold;
	struct site *sites;
	size_t nsites;
};

/* "lockset_max owner=O max_set=N": the largest set of owner O's shapes. */
struct lockset_max {
	const struct record *rec;
	const char *owner;
	uint64_t max_set;
};

struct lockset {
	const struct record *rec;
	const char *owner;
	const char *size;	/* "1" ... "4", "5-8", ..., or "4097+" */
	uint64_t size_num;	/* the bucket's smallest size */
	uint64_t size_max;	/* its largest, or 0 for "or more" */
	bool or_more;		/* the last bucket: size_num or more */
	uint64_t init_net, count;
	/* Its owner's lockset_max, or NULL (an older module has none). */
	const struct lockset_max *max;
};

/*
 * The module writes each owner's shapes, then its lockset_max: that
 * record is the largest set of the shapes of its owner since the
 * previous lockset_max (two handlers may share a function name).
 */
struct locksets {
	struct rfile rf;
	struct lockset *v;
	size_t n;
	struct lockset_max *maxes;	/* in file order */
	size_t nmaxes;
};

/*
 * One netns record: a live netns, or one that exited recently. An older
 * module wrote no state (it listed live netns only): "live".
 */
struct netns {
	const struct record *rec;
	const char *state;	/* "live", "exited", or newer */
	uint64_t cookie, inum, requests, locks;
	uint64_t wait_sum, wait_max, hold_sum, hold_max;
	uint64_t exit_ns;	/* CLOCK_MONOTONIC of its exit, 0 if none */
};

bool netns_live(const struct netns *ns);
/* Any figure of @ns is not 0. */
bool netns_active(const struct netns *ns);

/* The total of the exited netns the file no longer lists one by one. */
struct netns_exited {
	const struct record *rec;	/* NULL: an older module has none */
	uint64_t nets, requests, locks;
	uint64_t wait_sum, wait_max, hold_sum, hold_max;
};

struct netns_table {
	struct rfile rf;
	struct netns *v;
	size_t n;
	struct netns_exited exited;
};

struct net_ref {
	uint64_t inum, cookie;
};

/* The violation kinds of format version 2; a newer module may add more. */
extern const char *const vkind_names[8];

struct violation {
	const struct record *rec;
	const char *kind;
	uint64_t count, pid, time_ns;
	const char *comm, *owner;
	struct net_ref *nets;
	size_t nnets;
	const char **stack;
	size_t nstack;
	size_t first, end;	/* its records in rf.recs: [first, end) */
};

struct violations {
	struct rfile rf;
	struct counters totals;		/* all violations, by kind */
	/*
	 * The ring record, when there is one: how many of the entries are
	 * the first ones and the last ones, and how many were dropped.
	 */
	const struct record *ring_rec;
	uint64_t ring_first, ring_last, ring_dropped;
	struct violation *v;		/* the first ones, then the last ones */
	size_t n;
};

/*
 * The footprint (docs/debugfs.md): the netns each RTNL section changed,
 * per owner. An owner is a handler (type "handler", its key) or a call
 * site (type "site", key.fn its symbol, no family, msgtype or kind), or
 * a newer type, read as a site.
 */
struct fp_key {
	const char *type;
	bool handler;
	struct hkey key;
};

bool fp_key_equal(const struct fp_key *a, const struct fp_key *b);

/* The behaviours of format version 2; a newer module may add more. */
extern const char *const behaviour_names[5];

struct fp_owner {
	const struct record *rec;
	struct fp_key key;
	const char *behaviour;	/* one of behaviour_names, or newer */
	uint64_t sections, none, init_net, max_touched, covered, uncovered;
	uint64_t touched[MAX_LOCKSET_BUCKETS];	/* buckets as stats' lockset */
	size_t ntouched;
};

/* Did the owner run, or change anything, since the last reset? */
bool fp_owner_active(const struct fp_owner *o);

/*
 * An event may be followed by the stack of its first uncovered touch:
 * its stack records, as a violation's.
 */
struct fp_event {
	const struct record *rec;
	struct fp_key key;
	const char *src;	/* "netdev", "notify", or newer */
	uint64_t code;
	const char *name;	/* as written: "-" when the module has none */
	uint64_t covered, uncovered;
	const char **stack;
	size_t nstack;
};

struct footprint {
	struct rfile rf;
	bool present;		/* false: a module older than the file */
	const struct record *coverage_rec, *outside_rec;
	const char *coverage;	/* lockdep, own, unavailable, or newer */
	uint64_t outside;	/* touches outside any tracked section */
	struct fp_owner *owners;
	size_t nowners;
	struct fp_event *events;
	size_t nevents;
};

/* The handler @k's footprint owner, or NULL. */
const struct fp_owner *fp_find_handler(const struct footprint *t,
				       const struct hkey *k);

/*
 * An owner's place on the conversion to-do list (rtnlctl todo): its RTNL
 * hold time (stats' hold_sum for a handler, the rtnl site's for another
 * owner), the largest per-netns lock set it took (stats' max_set, or
 * locksets' lockset_max; 0 when absent), and the verdict: with per-netns
 * locks (behaviour pernet, or max_set > 0; never under coverage mode
 * unavailable) converted or partial by its uncovered touches, else by its
 * largest touched set none, single or multi (N = max_touched). An owner
 * that did not run has none (FP_UNSEEN).
 */
enum fp_verdict {
	FP_UNSEEN, FP_CONVERTED, FP_PARTIAL, FP_SINGLE, FP_MULTI, FP_NONE,
};

struct fp_plan {
	uint64_t hold, max_set;
	enum fp_verdict verdict;
};

struct stats;
struct rtnl_info;
struct locksets;

void fp_plan(const struct footprint *fp, const struct fp_owner *o,
	     const struct stats *st, const struct rtnl_info *rt,
	     const struct locksets *ls, struct fp_plan *p);
/* "converted", ..., "multi", "none"; NULL for FP_UNSEEN. */
const char *fp_verdict_name(enum fp_verdict v);
/* converted, single or none: ready, or ready for rtnl_net_lock(). */
bool fp_verdict_ready(enum fp_verdict v);

/*
 * debugfs blocked (docs/debugfs.md): every RTNL wait charged to the RTNL
 * sections that held it meanwhile. One pair per (waiting, holding)
 * owner, a handler or a call site (a newer module may add types), or per
 * (waiting, holding) command name: then the types are NULL.
 */
struct blocked_pair {
	const struct record *rec;
	const char *waiter_type, *waiter;	/* waiter_type NULL: a comm */
	const char *holder_type, *holder;
	uint64_t waits, wait_sum, wait_max;
};

struct blocked {
	struct rfile rf;
	bool present;		/* false: a module older than the file */
	const struct record *totals_rec;	/* the blocked record */
	uint64_t waits, wait_sum, charged, pairs, comm_pairs, pairs_max;
	uint64_t pairs_dropped, holds, holds_max, holds_overrun;
	struct blocked_pair *v;		/* the owner pairs, most wait time first */
	size_t n;
	struct blocked_pair *comms;	/* most wait time first */
	size_t ncomms;
};

struct feature {
	const struct record *rec;
	const char *name, *state;
};

/* A number of a key that an older module does not write: @set if there. */
struct opt_u64 {
	uint64_t val;
	bool set;
};

struct probe {
	const struct record *rec;
	const char *name, *state;
	uint64_t addrs, nmissed;
	int64_t error;
	/*
	 * The handler probes only: how many owners (the kernel, modules)
	 * have handlers, how many times the handler table was read, and how
	 * many of its entries the last read found no slot for.
	 */
	struct opt_u64 owners, scans, unslotted;
};

struct status {
	struct rfile rf;
	const struct record *module_rec, *drops_rec;
	const struct record *memory_rec;	/* NULL from modules without one */
	bool enabled;
	const char *action, *kernel;
	uint64_t max_nets;
	struct opt_u64 max_tasks, max_sites;	/* module parameters */
	struct feature *features;
	size_t nfeatures;
	struct probe *probes;
	size_t nprobes;
	struct counters drops;
	struct counters memory;		/* tasks=, sites=, netns=: bytes; netns_records= */
};


/*
 * @cur minus @prev, an earlier reading (rtnlctl snapshot): counters and
 * distributions become what happened in between, gauges (in flight,
 * maxima of sites, largest lock set) stay as they are now, and rows
 * without activity in between are dropped. A counter that went down
 * was reset in between: its current value stands.
 */
void stats_since(struct stats *cur, const struct stats *prev);
void rtnl_since(struct rtnl_info *cur, const struct rtnl_info *prev);
void locksets_since(struct locksets *cur, const struct locksets *prev);
/*
 * netns records are kept (zero rows too: the caller chooses what to
 * show). A record of @prev that is gone from @cur was folded into the
 * exited total in between: what it had then is not counted again.
 */
void netns_since(struct netns_table *cur, const struct netns_table *prev);

int load_handlers(struct handlers *t);
int load_stats(struct stats *t);
int load_rtnl(struct rtnl_info *t);
int load_locksets(struct locksets *t);
int load_netns(struct netns_table *t);
int load_violations(struct violations *t);
int load_status(struct status *t);
/*
 * @optional: a module without the file gives present false, not an
 * error (for the commands that show it when there is one).
 */
int load_footprint(struct footprint *t, bool optional);
int load_blocked(struct blocked *t, bool optional);

void free_handlers(struct handlers *t);
void free_stats(struct stats *t);
void free_rtnl(struct rtnl_info *t);
void free_locksets(struct locksets *t);
void free_netns(struct netns_table *t);
void free_violations(struct violations *t);
void free_status(struct status *t);
void free_footprint(struct footprint *t);
void free_blocked(struct blocked *t);

#endif
