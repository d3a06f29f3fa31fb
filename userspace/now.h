/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_NOW_H
#define RTNLCTL_NOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "data.h"
#include "parse.h"

/*
 * debugfs "now": the RTNL holder and waiters at the time of the read
 * (docs/debugfs.md). A module older than the file has none: then
 * @present is false and everything else is empty.
 */
struct live_task {
	const struct record *rec;
	uint64_t pid;
	const char *comm;
	const char *owner_type;	/* "handler", "site", or newer */
	bool handler;		/* @key is a handler's: family, msgtype, kind */
	struct hkey key;	/* key.fn is the owner: a handler or a symbol */
	uint64_t ns;		/* held, or waited, so far */
	struct net_ref *nets;	/* a holder's per-netns locks */
	size_t nnets;
};

struct now_info {
	struct rfile rf;
	bool present;
	bool enabled;
	uint64_t time_ns;
	struct live_task *holders;
	size_t nholders;
	uint64_t count, listed, oldest_ns;	/* the waiters record */
	struct live_task *waiters;
	size_t nwaiters;
};

int load_now(struct now_info *t);
void free_now(struct now_info *t);
/*
 * rtnl.c: the holder and the waiters, the longest first, in a JSON object
 * "now"; -1 after p_err().
 */
int print_now(const struct now_info *t);

#endif
