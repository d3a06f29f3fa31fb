/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_SHOW_H
#define RTNLCTL_SHOW_H

#include "data.h"
#include "table.h"

/* Display helpers shared by several commands. */

/* The four columns of a handler key, and their cells from @first on. */
#define HKEY_TCOLS							\
	TCOL("FAMILY", NULL, TC_DEFAULT, "address family (PF_*), or its number"), \
	TCOL("MSGTYPE", NULL, TC_DEFAULT, "message type (RTM_*), or its number"), \
	TCOL("KIND", NULL, TC_DEFAULT, "doit or dumpit"),			\
	TCOL("HANDLER", NULL, TC_DEFAULT, "handler function")

void print_hkey(int first, const struct hkey *k);

/*
 * Set-size buckets (stats' lockset=, footprint's touched=): JSON an array
 * @key of {size, size_max, or_more, count} for every bucket, size its
 * smallest set, size_max its largest (null for the last, "or more");
 * text the cell @col "size:count,..." of the buckets that counted any.
 */
void print_set_buckets(int col, const char *key, const uint64_t *v, size_t n);

/*
 * A distribution: JSON an object @key with every field; text the cells
 * of the columns in @cols (count, sum, avg, p50, p99, max; -1 for none).
 */
struct dist_cols {
	int count, sum, avg, p50, p99, max;
};

#define NO_DIST_COLS ((struct dist_cols){ -1, -1, -1, -1, -1, -1 })

void print_dist(const char *key, const struct dist *d,
		const struct dist_cols *cols);

/* Named counters: text "label  a 1  b 2" on one line, JSON {"a":1,"b":2}. */
void print_counters(const char *key, const char *label,
		    const struct counters *c);

/* A value as written: a JSON number when it is one, else a string. */
void print_value(const char *key, const char *fmt, const char *val);

/*
 * The keys of @r that rtnlctl does not know (a newer module's): JSON an
 * object "extra" of them, if any; text " key=value" each when @text.
 */
void print_extra(const struct rfile *f, const struct record *r, bool text);

/*
 * The records of [@first, @end) that the file's loader does not know:
 * text one line each as written, after @indent; JSON an array
 * "other_records" of {"record": name, "fields": {key: value}} (bare words
 * in "words"), if there are any.
 */
void print_other_records(const struct rfile *f, size_t first, size_t end,
			 const char *indent);
/* One such record, inside an open "other_records" array. */
void print_other_record(const struct rfile *f, const struct record *r,
			const char *indent);

/* The RTNL wait and hold sum/max columns of rtnl sites and netns. */
#define WAIT_HOLD_TCOLS							\
	TCOL("WAIT_SUM", NULL, TC_DEFAULT | TC_NUM, "RTNL wait, total"),	\
	TCOL("WAIT_MAX", NULL, TC_DEFAULT | TC_NUM, "RTNL wait, longest"),	\
	TCOL("HOLD_SUM", NULL, TC_DEFAULT | TC_NUM, "RTNL hold, total"),	\
	TCOL("HOLD_MAX", NULL, TC_DEFAULT | TC_NUM, "RTNL hold, longest")

void print_wait_hold(int first, uint64_t wait_sum, uint64_t wait_max,
		     uint64_t hold_sum, uint64_t hold_max);

/*
 * debugfs blocked (blocked.c), for blocked, rtnl and top: the totals,
 * then the owner pairs and the command-name pairs, as tables whose
 * JSON arrays are "pairs" and "comms", in the current JSON object.
 */
struct blocked_view {
	bool pairs, comms;	/* the tables to print */
	bool fixed;		/* the table options are another table's */
	bool others;		/* the records rtnlctl does not know too */
	uint64_t max;		/* rows of a fixed table, 0 for all */
};

int print_blocked(const struct blocked *t, const struct blocked_view *v);

/* The name under /run/netns of the netns with inode @inum, or NULL. */
const char *netns_name(uint64_t inum);

/*
 * The processes in the netns with inode @inum, from /proc/ * /ns/net as
 * lsns finds them: how many, the lowest pid (-1 if none) and its comm
 * (NULL if unknown).
 */
struct netns_procs;
const struct netns_procs *netns_procs_find(uint64_t inum);
uint64_t netns_nprocs(uint64_t inum);
int64_t netns_pid(uint64_t inum);
const char *proc_comm(int64_t pid, char *buf, size_t len);

#endif
