/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtnl_net_trace: what every file shares: the clock, symbols, the
 * table files' header line, the sizes, and the owner key of a section.
 */
#ifndef _RNT_H
#define _RNT_H

#include <linux/kallsyms.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

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

/* ftrace may report a probed function's address a few bytes in (endbr). */
#define RNT_ENTRY_SLACK		16

enum rnt_kind { RNT_DOIT, RNT_DUMPIT };

/* What status says of one fprobe (probes.c) or of the handler probes. */
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

/* The first line of every table file: "rtnl_net_trace FILE version N". */
static inline void rnt_header(struct seq_file *m, const char *file)
{
	seq_printf(m, "rtnl_net_trace %s version %d\n", file, RNT_FORMAT_VERSION);
}

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

#endif /* _RNT_H */
