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
 */

enum kind { KIND_DOIT, KIND_DUMPIT, NR_KINDS };

extern const char *const kind_names[NR_KINDS];

#define LOCKSET_BUCKETS	5
extern const char *const lockset_names[LOCKSET_BUCKETS];

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

/* A handler is known by (family, msgtype, kind, fn). */
struct hkey {
	unsigned int family;
	unsigned int msgtype;
	enum kind kind;
	const char *fn;
};

bool hkey_equal(const struct hkey *a, const struct hkey *b);

struct handler {
	struct hkey key;
	const char *owner;
	uint64_t flags;
	bool rtnl;
	bool present;
};

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
	struct hkey key;
	uint64_t calls, errors, rtnl, unlocked;
	uint64_t inflight, inflight_max, requests, rounds;
	struct errno_count *errnos;	/* most frequent first */
	size_t nerrnos;
	struct dist lat, wait, hold;
	uint64_t lockset[LOCKSET_BUCKETS];
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
	const char *sym;
	uint64_t count, wait_sum, wait_max, hold_sum, hold_max;
};

struct rtnl_info {
	struct rfile rf;
	uint64_t acquire[NR_ACQUIRE];
	struct dist wait, hold;
	struct site *sites;
	size_t nsites;
};

struct lockset {
	const char *owner;
	const char *size;	/* "1" ... "4", or "5+" for the last bucket */
	uint64_t init_net, count;
};

struct locksets {
	struct rfile rf;
	struct lockset *v;
	size_t n;
};

struct netns {
	uint64_t cookie, inum, requests, locks;
	uint64_t wait_sum, wait_max, hold_sum, hold_max;
};

struct netns_table {
	struct rfile rf;
	struct netns *v;
	size_t n;
};

struct net_ref {
	uint64_t inum, cookie;
};

enum vkind {
	V_ORDER, V_RECURSION, V_TOO_MANY, V_NO_RTNL, V_RTNL_INVERSION,
	V_UNBALANCED_UNLOCK, V_LEAK, NR_VKINDS
};

extern const char *const vkind_names[NR_VKINDS];

struct violation {
	enum vkind kind;
	uint64_t count, pid, time_ns;
	const char *comm, *owner;
	struct net_ref *nets;
	size_t nnets;
	const char **stack;
	size_t nstack;
};

struct violations {
	struct rfile rf;
	uint64_t totals[NR_VKINDS];	/* all violations, by kind */
	struct violation *v;		/* the most recent ones */
	size_t n;
};

struct feature {
	const char *name, *state;
};

struct probe {
	const char *name, *state;
	uint64_t addrs, nmissed;
	int64_t error;
};

enum drop {
	DROP_TASK_SLOTS, DROP_SITES, DROP_NETNS, DROP_HELD, DROP_VIOLATIONS,
	NR_DROPS
};

extern const char *const drop_names[NR_DROPS];

struct status {
	struct rfile rf;
	bool enabled;
	const char *action, *kernel;
	uint64_t max_nets;
	struct feature *features;
	size_t nfeatures;
	struct probe *probes;
	size_t nprobes;
	uint64_t drops[NR_DROPS];
};

int load_handlers(struct handlers *t);
int load_stats(struct stats *t);
int load_rtnl(struct rtnl_info *t);
int load_locksets(struct locksets *t);
int load_netns(struct netns_table *t);
int load_violations(struct violations *t);
int load_status(struct status *t);

void free_handlers(struct handlers *t);
void free_stats(struct stats *t);
void free_rtnl(struct rtnl_info *t);
void free_locksets(struct locksets *t);
void free_netns(struct netns_table *t);
void free_violations(struct violations *t);
void free_status(struct status *t);

#endif
