// SPDX-License-Identifier: GPL-2.0
/*
 * rtnlctl blocked [TABLE OPTIONS] [-c|--comm]: who blocked whom on the
 * global RTNL, from debugfs blocked. Every wait for RTNL is charged to
 * the sections that held it meanwhile: per (waiting, holding) owner, and
 * per (waiting, holding) command name. rtnl and top print the same.
 */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

#define D	TC_DEFAULT
#define N	TC_NUM

enum {
	P_WAITER, P_WAITER_TYPE, P_HOLDER, P_HOLDER_TYPE, P_WAITS, P_WAIT_SUM,
	P_WAIT_AVG, P_WAIT_MAX, NR_P
};

static const struct tcol pair_cols[NR_P] = {
	TCOL("WAITER", NULL, D, "the waiting handler, or call site"),
	TCOL("WAITER_TYPE", NULL, D, "handler or site"),
	TCOL("HOLDER", NULL, D, "the handler, or call site, holding RTNL meanwhile"),
	TCOL("HOLDER_TYPE", NULL, D, "handler or site"),
	TCOL("WAITS", NULL, D | N, "waits of WAITER that HOLDER held up"),
	TCOL("WAIT_SUM", NULL, D | N, "the wait time charged to HOLDER"),
	TCOL("WAIT_AVG", NULL, D | N, "the same per wait"),
	TCOL("WAIT_MAX", NULL, D | N, "the most charged of one wait"),
};

enum { C_WAITER, C_HOLDER, C_WAITS, C_WAIT_SUM, C_WAIT_MAX, NR_C };

static const struct tcol comm_cols[NR_C] = {
	TCOL("WAITER_COMM", NULL, D, "the command name of the waiting task"),
	TCOL("HOLDER_COMM", NULL, D, "the command name of the task holding RTNL"),
	TCOL("WAITS", NULL, D | N, "waits of WAITER_COMM that HOLDER_COMM held up"),
	TCOL("WAIT_SUM", NULL, D | N, "the wait time charged to HOLDER_COMM"),
	TCOL("WAIT_MAX", NULL, D | N, "the most charged of one wait"),
};

#undef D
#undef N

/* The columns of a pair's cells in either table; -1 for none. */
struct pair_cols {
	int waiter, waiter_type, holder, holder_type;
	int waits, wait_sum, wait_avg, wait_max;
};

static const struct pair_cols owner_cells = {
	P_WAITER, P_WAITER_TYPE, P_HOLDER, P_HOLDER_TYPE, P_WAITS, P_WAIT_SUM,
	P_WAIT_AVG, P_WAIT_MAX,
};

static const struct pair_cols comm_cells = {
	C_WAITER, -1, C_HOLDER, -1, C_WAITS, C_WAIT_SUM, -1, C_WAIT_MAX,
};

static void print_pair(const struct rfile *f, const struct blocked_pair *p,
		       const struct pair_cols *c)
{
	table_row();
	cell_str(c->waiter, "waiter", p->waiter);
	if (p->waiter_type)
		cell_str(c->waiter_type, "waiter_type", p->waiter_type);
	cell_str(c->holder, "holder", p->holder);
	if (p->holder_type)
		cell_str(c->holder_type, "holder_type", p->holder_type);
	cell_u64(c->waits, "waits", p->waits);
	cell_time(c->wait_sum, "wait_sum_ns", p->wait_sum);
	cell_time(c->wait_avg, "wait_avg_ns",
		  p->waits ? p->wait_sum / p->waits : 0);
	cell_time(c->wait_max, "wait_max_ns", p->wait_max);
	print_extra(f, p->rec, false);
	table_row_end();
}

/*
 * One table of @n pairs, a JSON array @key. A fixed table (the table
 * options are another table's) has all its columns and at most @max
 * rows (0: all); otherwise -o, --sort and --top apply.
 */
static int print_pairs(const struct blocked *t, const struct blocked_view *v,
		       bool comms, const char *heading)
{
	const struct blocked_pair *p = comms ? t->comms : t->v;
	size_t i, n = comms ? t->ncomms : t->n;
	const struct tcol *cols = comms ? comm_cols : pair_cols;
	size_t ncols = comms ? NR_C : NR_P;
	const char *key = comms ? "comms" : "pairs";
	int err;

	if (!table_opts.raw)
		print_text("%s", heading);
	if (v->fixed || (comms && v->pairs)) {
		err = table_start_fixed(cols, ncols, key);
		if (v->max && v->max < n)
			n = v->max;
	} else {
		err = table_start(cols, ncols, key, NULL);
	}
	if (err)
		return -1;
	for (i = 0; i < n; i++)
		print_pair(&t->rf, &p[i], comms ? &comm_cells : &owner_cells);
	table_end();
	return 0;
}

/* The totals: waits, their time and the part charged, drops if any. */
static void print_totals(const struct blocked *t)
{
	bool text = !table_opts.raw;

	open_json_object("totals");
	print_u64("waits", text ? "blocked:  waits %s" : NULL, t->waits);
	print_time("wait_sum_ns", text ? "  wait_sum %s" : NULL, t->wait_sum);
	print_time("charged_ns", text ? "  charged %s" : NULL, t->charged);
	print_u64("pairs", NULL, t->pairs);
	print_u64("comm_pairs", NULL, t->comm_pairs);
	print_u64("pairs_max", NULL, t->pairs_max);
	print_u64("pairs_dropped", text && t->pairs_dropped ?
		  "  pairs_dropped %s" : NULL, t->pairs_dropped);
	print_u64("holds", NULL, t->holds);
	print_u64("holds_max", NULL, t->holds_max);
	print_u64("holds_overrun", text && t->holds_overrun ?
		  "  holds_overrun %s" : NULL, t->holds_overrun);
	print_extra(&t->rf, t->totals_rec, text);
	close_json_object();
	if (text)
		print_nl();
}

int print_blocked(const struct blocked *t, const struct blocked_view *v)
{
	print_totals(t);
	if (v->pairs &&
	    print_pairs(t, v, false, "\nRTNL blocked by, per waiting and holding owner:\n"))
		return -1;
	if (v->comms &&
	    print_pairs(t, v, true, "\nRTNL blocked by, per waiting and holding command:\n"))
		return -1;
	if (v->others)
		print_other_records(&t->rf, 0, t->rf.nrecs, "\n");
	return 0;
}

static int parse_opts(int argc, char **argv, bool *comm_only)
{
	int used;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			cmd_help2("blocked", pair_cols, NR_P, "--comm", comm_cols,
				  NR_C);
			return 1;
		}
		used = table_opt(&argc, &argv);
		if (used < 0)
			return -1;
		if (used)
			continue;
		if (!strcmp(*argv, "-c") || !strcmp(*argv, "--comm"))
			*comm_only = true;
		else
			return p_err("unknown option '%s' for blocked", *argv);
	}
	return 0;
}

int do_blocked(int argc, char **argv)
{
	struct blocked_view v = { .pairs = true, .comms = true, .others = true };
	bool comm_only = false;
	struct blocked t;
	int err;

	err = parse_opts(argc, argv, &comm_only);
	if (err)
		return err < 0 ? -1 : 0;
	if (table_check(comm_only ? comm_cols : pair_cols,
			comm_only ? NR_C : NR_P) || load_blocked(&t, false))
		return -1;
	/*
	 * Without --comm the table options are the owner table's, and raw
	 * text, for scripts, is that table alone.
	 */
	v.pairs = !comm_only;
	v.comms = comm_only || json_output || !table_opts.raw;
	v.max = table_opts.top;
	open_json_object(NULL);
	err = print_blocked(&t, &v);
	close_json_object();
	free_blocked(&t);
	return err;
}
