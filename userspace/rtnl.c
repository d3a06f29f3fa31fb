// SPDX-License-Identifier: GPL-2.0
/* rtnlctl rtnl */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"
#include "snapshot.h"

enum { S_SITE, S_COUNT, S_WAIT_SUM, S_WAIT_MAX, S_HOLD_SUM, S_HOLD_MAX, NR_S };

static const struct tcol site_cols[NR_S] = {
	TCOL("SITE", NULL, TC_DEFAULT, "the caller of the RTNL lock function"),
	TCOL("COUNT", NULL, TC_DEFAULT | TC_NUM, "RTNL sections"),
	WAIT_HOLD_TCOLS,
};

enum { D_RTNL, D_COUNT, D_SUM, D_AVG, D_P50, D_P99, D_MAX, NR_D };

static const struct tcol dist_cols[NR_D] = {
	TCOL("RTNL", NULL, TC_DEFAULT, "wait or hold"),
	TCOL("COUNT", NULL, TC_DEFAULT | TC_NUM, "samples"),
	TCOL("SUM", NULL, TC_DEFAULT | TC_NUM, "total"),
	TCOL("AVG", NULL, TC_DEFAULT | TC_NUM, "average"),
	TCOL("P50", "P50\u2264", TC_DEFAULT | TC_NUM,
	  "median: upper edge of its log2 bucket"),
	TCOL("P99", "P99\u2264", TC_DEFAULT | TC_NUM,
	  "99th percentile: upper edge of its log2 bucket"),
	TCOL("MAX", NULL, TC_DEFAULT | TC_NUM, "longest"),
};

static int print_sites(const struct rtnl_info *t)
{
	size_t i;

	print_text("\nRTNL sections outside rtnetlink handlers, by caller:\n");
	if (table_start(site_cols, NR_S, "sites", NULL))
		return -1;
	for (i = 0; i < t->nsites; i++) {
		const struct site *s = &t->sites[i];

		table_row();
		cell_str(S_SITE, "symbol", s->sym);
		cell_u64(S_COUNT, "count", s->count);
		print_wait_hold(S_WAIT_SUM, s->wait_sum, s->wait_max,
				s->hold_sum, s->hold_max);
		print_extra(&t->rf, s->rec, false);
		table_row_end();
	}
	table_end();
	return 0;
}

/* The wait and hold distributions: rows of a table, members in JSON. */
static void print_dists(const struct rtnl_info *t)
{
	static const struct dist_cols cols = {
		D_COUNT, D_SUM, D_AVG, D_P50, D_P99, D_MAX
	};

	if (json_output) {
		print_dist("wait_ns", &t->wait, &cols);
		print_dist("hold_ns", &t->hold, &cols);
		return;
	}
	if (table_start_fixed(dist_cols, NR_D, NULL))
		return;
	table_row();
	cell_str(D_RTNL, NULL, "wait");
	print_dist(NULL, &t->wait, &cols);
	table_row_end();
	table_row();
	cell_str(D_RTNL, NULL, "hold");
	print_dist(NULL, &t->hold, &cols);
	table_row_end();
	table_end();
}

int do_rtnl(int argc, char **argv)
{
	struct rtnl_info t, prev;
	int used, err;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			cmd_help("rtnl", site_cols, NR_S);
			return 0;
		}
		used = table_opt(&argc, &argv);
		if (!used)
			used = since_opt(&argc, &argv);
		if (used < 0)
			return -1;
		if (!used)
			return p_err("unknown option '%s' for rtnl", *argv);
	}
	if (table_opts.since) {
		if (snapshot_open(table_opts.since))
			return -1;
		snapshot_use(true);
		err = load_rtnl(&prev);
		snapshot_use(false);
		if (err) {
			snapshot_close();
			return -1;
		}
	}
	if (load_rtnl(&t)) {
		if (table_opts.since) {
			free_rtnl(&prev);
			snapshot_close();
		}
		return -1;
	}
	if (table_opts.since) {
		rtnl_since(&t, &prev);
		free_rtnl(&prev);
	}

	open_json_object(NULL);
	print_since();
	print_counters("acquire", "acquire:", &t.acquire);
	print_nl();
	print_dists(&t);
	err = print_sites(&t);
	if (!err)
		print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	close_json_object();
	free_rtnl(&t);
	snapshot_close();
	return err;
}
