// SPDX-License-Identifier: GPL-2.0
/* rtnlctl rtnl */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

#define DIST_CELLS	(D_COUNT | D_SUM | D_AVG | D_P50 | D_P99 | D_MAX)

static void print_sites(const struct rtnl_info *t)
{
	int width = strlen("SITE");
	size_t i;

	for (i = 0; i < t->nsites; i++)
		if ((int)strlen(t->sites[i].sym) > width)
			width = strlen(t->sites[i].sym);

	print_text("\nRTNL sections outside rtnetlink handlers, by caller:\n");
	print_cell_str(NULL, -width, "SITE");
	print_cell_str(NULL, TIME_WIDTH, "COUNT");
	print_wait_hold_header();
	print_nl();

	open_json_array("sites");
	for (i = 0; i < t->nsites; i++) {
		const struct site *s = &t->sites[i];

		open_json_object(NULL);
		print_cell_str("symbol", -width, s->sym);
		print_cell_u64("count", TIME_WIDTH, s->count);
		print_wait_hold(s->wait_sum, s->wait_max, s->hold_sum,
				s->hold_max);
		print_extra(&t->rf, s->rec, false);
		print_nl();
		close_json_object();
	}
	close_json_array();
}

int do_rtnl(int argc, char **argv)
{
	struct rtnl_info t;

	if (no_more_args(argc, argv) || load_rtnl(&t))
		return -1;

	open_json_object(NULL);
	print_counters("acquire", "acquire:", &t.acquire);

	print_nl();
	print_cell_str(NULL, -4, "");
	print_dist_header("", DIST_CELLS);
	print_nl();
	print_cell_str(NULL, -4, "wait");
	print_dist("wait_ns", &t.wait, DIST_CELLS);
	print_nl();
	print_cell_str(NULL, -4, "hold");
	print_dist("hold_ns", &t.hold, DIST_CELLS);
	print_nl();

	print_sites(&t);
	print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	close_json_object();
	free_rtnl(&t);
	return 0;
}
