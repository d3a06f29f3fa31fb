// SPDX-License-Identifier: GPL-2.0
/* rtnlctl stats [TABLE OPTIONS] [--family F] [--type T] [--hist NAME] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"
#include "snapshot.h"

#define TOP_ERRNOS	3
#define HIST_STARS	40

enum {
	C_FAMILY, C_MSGTYPE, C_KIND, C_HANDLER, C_CALLS, C_ERRORS, C_REQUESTS,
	C_ROUNDS, C_RTNL, C_UNLOCKED, C_INFLIGHT, C_INFLIGHT_MAX, C_LAT_COUNT,
	C_LAT_SUM, C_LAT_AVG, C_LAT_P50, C_LAT_P99, C_LAT_MAX, C_WAIT_COUNT,
	C_WAIT_SUM, C_WAIT_MAX, C_HOLD_COUNT, C_HOLD_SUM, C_HOLD_MAX, C_SETS,
	C_SETS_INIT_NET, C_SETS_MAX, C_ERRNOS, NR_COLS
};

#define D	TC_DEFAULT
#define N	TC_NUM

/* The default view fits in 120 columns: the rest is a -o away. */
static const struct tcol stat_cols[NR_COLS] = {
	HKEY_TCOLS,
	[C_CALLS] = TCOL("CALLS", NULL, D | N, "handler calls (dumpit: rounds)"),
	[C_ERRORS] = TCOL("ERRORS", NULL, D | N, "calls that failed"),
	[C_REQUESTS] = TCOL("REQUESTS", NULL, N, "requests (dumpit: dump starts)"),
	[C_ROUNDS] = TCOL("ROUNDS", NULL, N, "dumpit rounds"),
	[C_RTNL] = TCOL("RTNL", NULL, N, "calls with RTNL held"),
	[C_UNLOCKED] = TCOL("UNLOCKED", NULL, N, "calls without RTNL"),
	[C_INFLIGHT] = TCOL("INFLIGHT", NULL, N, "calls running now"),
	[C_INFLIGHT_MAX] = TCOL("INFLIGHT_MAX", NULL, N, "most calls at once"),
	[C_LAT_COUNT] = TCOL("LAT_COUNT", NULL, N, "latency samples"),
	[C_LAT_SUM] = TCOL("LAT_SUM", NULL, N, "latency, total"),
	[C_LAT_AVG] = TCOL_ALIAS("LAT_AVG", NULL, D | N, "latency, average", "latency"),
	[C_LAT_P50] = TCOL("LAT_P50", "LAT_P50\u2264", N,
			"latency median: upper edge of its log2 bucket"),
	[C_LAT_P99] = TCOL("LAT_P99", "LAT_P99\u2264", D | N,
			"latency 99th percentile: upper edge of its log2 bucket"),
	[C_LAT_MAX] = TCOL("LAT_MAX", NULL, D | N, "latency, longest"),
	[C_WAIT_COUNT] = TCOL("WAIT_COUNT", NULL, N, "RTNL waits charged"),
	[C_WAIT_SUM] = TCOL_ALIAS("WAIT_SUM", NULL, D | N, "RTNL wait, total", "wait"),
	[C_WAIT_MAX] = TCOL("WAIT_MAX", NULL, N, "RTNL wait, longest"),
	[C_HOLD_COUNT] = TCOL("HOLD_COUNT", NULL, N, "RTNL sections charged"),
	[C_HOLD_SUM] = TCOL_ALIAS("HOLD_SUM", NULL, D | N, "RTNL hold, total", "hold"),
	[C_HOLD_MAX] = TCOL("HOLD_MAX", NULL, N, "RTNL hold, longest"),
	[C_SETS] = TCOL("SETS", NULL, 0,
		     "RTNL sections by per-netns lock-set size (size:count)"),
	[C_SETS_INIT_NET] = TCOL("SETS_INIT_NET", NULL, N,
			      "lock sets that included init_net"),
	[C_SETS_MAX] = TCOL("SETS_MAX", NULL, N, "largest lock set"),
	[C_ERRNOS] = TCOL("ERRNOS", NULL, 0, "the three most frequent errnos"),
};

#undef D
#undef N

struct stats_opts {
	bool by_family, by_type;
	unsigned int family, msgtype;
	const char *hist;
};

/* The stats now, or with --since what happened after the snapshot. */
static int load_stats_since(struct stats *t)
{
	struct stats prev;

	if (table_opts.since) {
		if (snapshot_open(table_opts.since))
			return -1;
		snapshot_use(true);
		if (load_stats(&prev)) {
			snapshot_close();
			return -1;
		}
		snapshot_use(false);
	}
	if (load_stats(t)) {
		if (table_opts.since) {
			free_stats(&prev);
			snapshot_close();
		}
		return -1;
	}
	if (table_opts.since) {
		stats_since(t, &prev);
		free_stats(&prev);
	}
	return 0;
}

/* For --hist: most calls first; equal rows keep their order in the file. */
static int cmp_calls(const void *a, const void *b)
{
	const struct hstat *x = *(const struct hstat *const *)a;
	const struct hstat *y = *(const struct hstat *const *)b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return x < y ? -1 : x > y;
}

static bool want(const struct stats_opts *o, const struct hstat *s)
{
	if (o->by_family && s->key.family != o->family)
		return false;
	if (o->by_type && s->key.msgtype != o->msgtype)
		return false;
	return !o->hist || !strcmp(o->hist, s->key.fn);
}

static void print_errnos(const struct hstat *s)
{
	char text[128] = "", buf[NAME_LEN];
	const char *name;
	size_t i, len;

	/* JSON: [{errno, name, count}], errno null for "other". */
	open_json_array("errnos");
	for (i = 0; i < s->nerrnos; i++) {
		name = stat_errno_name(s->errnos[i].err, buf);
		open_json_object(NULL);
		if (s->errnos[i].err == ERRNO_OTHER)
			print_str("errno", NULL, NULL);
		else
			print_u64("errno", NULL, s->errnos[i].err);
		print_str("name", NULL, name);
		print_u64("count", NULL, s->errnos[i].count);
		close_json_object();
		len = strlen(text);
		if (i < TOP_ERRNOS)
			snprintf(text + len, sizeof(text) - len,
				 "%s%s:%" PRIu64, len ? "," : "", name,
				 s->errnos[i].count);
	}
	close_json_array();
	cell_str(C_ERRNOS, NULL, *text ? text : "-");
}

static void print_locksets(const struct hstat *s)
{
	print_set_buckets(C_SETS, "locksets", s->lockset, s->nlockset);
	cell_u64(C_SETS_INIT_NET, "lockset_init_net", s->lockset_init_net);
	cell_u64(C_SETS_MAX, "lockset_max", s->lockset_max);
}

static void print_row(const struct stats *t, const struct hstat *s)
{
	static const struct dist_cols lat = {
		C_LAT_COUNT, C_LAT_SUM, C_LAT_AVG, C_LAT_P50, C_LAT_P99, C_LAT_MAX
	}, wait = { C_WAIT_COUNT, C_WAIT_SUM, -1, -1, -1, C_WAIT_MAX },
	   hold = { C_HOLD_COUNT, C_HOLD_SUM, -1, -1, -1, C_HOLD_MAX };

	table_row();
	print_hkey(C_FAMILY, &s->key);
	cell_u64(C_CALLS, "calls", s->calls);
	cell_u64(C_ERRORS, "errors", s->errors);
	cell_u64(C_REQUESTS, "requests", s->requests);
	cell_u64(C_ROUNDS, "rounds", s->rounds);
	cell_u64(C_RTNL, "rtnl", s->rtnl);
	cell_u64(C_UNLOCKED, "unlocked", s->unlocked);
	cell_u64(C_INFLIGHT, "inflight", s->inflight);
	cell_u64(C_INFLIGHT_MAX, "inflight_max", s->inflight_max);
	print_dist("latency_ns", &s->lat, &lat);
	print_dist("rtnl_wait_ns", &s->wait, &wait);
	print_dist("rtnl_hold_ns", &s->hold, &hold);
	print_locksets(s);
	print_errnos(s);
	print_extra(&t->rf, s->rec, false);
	table_row_end();
}

static int print_table(const struct stats *t, const struct hstat **rows,
		       size_t n)
{
	size_t i;

	if (table_start(stat_cols, NR_COLS, "stats", "CALLS"))
		return -1;
	for (i = 0; i < n; i++)
		print_row(t, rows[i]);
	table_end();
	return 0;
}

/* A log2 histogram as text bars, in the style of bcc's funclatency. */
static void print_hist(const struct hstat *s)
{
	const uint64_t *h = s->lat.hist;
	char fbuf[NAME_LEN], mbuf[NAME_LEN], high[24], bar[HIST_STARS + 1];
	int first = -1, last = -1, i;
	uint64_t peak = 0;

	for (i = 0; i < HIST_BUCKETS; i++) {
		if (!h[i])
			continue;
		if (first < 0)
			first = i;
		last = i;
		if (h[i] > peak)
			peak = h[i];
	}
	print_text("%s %s %s %s latency (calls %" PRIu64 ")\n",
		   family_name(s->key.family, fbuf),
		   msgtype_name(s->key.msgtype, mbuf), s->key.kind,
		   s->key.fn, s->calls);
	if (first < 0) {
		print_text("     (no samples)\n");
		return;
	}
	print_text("%*s%-*s : count    distribution\n", 8, "", 22, "nsecs");
	for (i = first; i <= last; i++) {
		int stars = h[i] * HIST_STARS / peak;

		memset(bar, '*', stars);
		bar[stars] = '\0';
		if (i < HIST_BUCKETS - 1)
			snprintf(high, sizeof(high), "%" PRIu64,
				 hist_upper(i) - 1);
		else
			snprintf(high, sizeof(high), "inf");
		print_text("%13" PRIu64 " -> %-13s : %-8" PRIu64 " |%-*s|\n",
			   i ? hist_upper(i - 1) : 0, high, h[i], HIST_STARS,
			   bar);
	}
}

static int parse_opts(int argc, char **argv, struct stats_opts *o)
{
	const char *opt, *arg;
	int used;

	for (; argc; argc--, argv++) {
		opt = *argv;
		if (!strcmp(opt, "help")) {
			cmd_help("stats", stat_cols, NR_COLS);
			return 1;
		}
		used = table_opt(&argc, &argv);
		if (!used)
			used = since_opt(&argc, &argv);
		if (used < 0)
			return -1;
		if (used)
			continue;
		if (strcmp(opt, "--family") && strcmp(opt, "--type") &&
		    strcmp(opt, "--hist"))
			return p_err("unknown option '%s' for stats", opt);
		arg = opt_arg(&argc, &argv);
		if (!arg)
			return -1;
		if (!strcmp(opt, "--family")) {
			if (parse_family(arg, &o->family))
				return p_err("unknown family '%s'", arg);
			o->by_family = true;
		} else if (!strcmp(opt, "--type")) {
			if (parse_msgtype(arg, &o->msgtype))
				return p_err("unknown message type '%s'", arg);
			o->by_type = true;
		} else {
			o->hist = arg;
		}
	}
	return 0;
}

int do_stats(int argc, char **argv)
{
	struct stats_opts o = { 0 };
	const struct hstat **rows;
	struct stats t;
	size_t i, n = 0;
	int err = 0;

	err = parse_opts(argc, argv, &o);
	if (err)
		return err < 0 ? -1 : 0;
	if (load_stats_since(&t))
		return -1;
	rows = calloc(t.n + 1, sizeof(*rows));
	if (!rows) {
		free_stats(&t);
		return p_err("out of memory");
	}
	for (i = 0; i < t.n; i++)
		if (want(&o, &t.v[i]))
			rows[n++] = &t.v[i];
	if (o.hist && !n) {
		err = p_err("no stats for handler '%s'", o.hist);
	} else if (o.hist && !json_output) {
		qsort(rows, n, sizeof(*rows), cmp_calls);
		for (i = 0; i < n; i++) {
			if (i)
				print_nl();
			print_hist(rows[i]);
		}
	} else {
		open_json_object(NULL);
		print_since();
		err = print_table(&t, rows, n);
		if (!err)
			print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
		close_json_object();
	}
	free(rows);
	free_stats(&t);
	snapshot_close();
	return err;
}
