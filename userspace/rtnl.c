// SPDX-License-Identifier: GPL-2.0
/* rtnlctl rtnl */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "names.h"
#include "now.h"
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

enum { W_PID, W_COMM, W_WAIT, W_OWNER, NR_W };

static const struct tcol waiter_cols[NR_W] = {
	TCOL("PID", NULL, TC_DEFAULT | TC_NUM, "waiting task"),
	TCOL("COMM", NULL, TC_DEFAULT, "its command name"),
	TCOL("WAIT", NULL, TC_DEFAULT | TC_NUM, "waiting for RTNL so far"),
	TCOL("OWNER", NULL, TC_DEFAULT,
	  "the handler (message type) or call site it waits for"),
};

/* "rtnl_getlink (RTM_GETLINK)", or the call site's symbol. */
static const char *owner_text(const struct live_task *e, char *buf, size_t len)
{
	char name[NAME_LEN];

	if (!e->handler)
		return e->key.fn;
	snprintf(buf, len, "%s (%s)", e->key.fn,
		 msgtype_name(e->key.msgtype, name));
	return buf;
}

/* JSON: the owner and, for a handler, its key; text: nothing. */
static void print_owner(const struct live_task *e)
{
	print_str("owner", NULL, e->key.fn);
	print_str("owner_type", NULL, e->owner_type);
	if (!e->handler)
		return;
	print_u64("family", NULL, e->key.family);
	print_str("family_name", NULL, family_known(e->key.family));
	print_u64("msgtype", NULL, e->key.msgtype);
	print_str("msgtype_name", NULL, msgtype_known(e->key.msgtype));
	print_str("kind", NULL, e->key.kind);
}

static void print_holder(const struct rfile *f, const struct live_task *e)
{
	char buf[512];
	size_t i;

	open_json_object(NULL);
	print_u64("pid", "holder:  pid %s", e->pid);
	print_str("comm", " (%s)", e->comm);
	print_time("held_ns", ", held for %s", e->ns);
	print_text(" by %s", owner_text(e, buf, sizeof(buf)));
	print_owner(e);
	if (e->nnets)
		print_text(", netns locks");
	open_json_array("nets");
	for (i = 0; i < e->nnets; i++) {
		open_json_object(NULL);
		print_u64("inum", i ? ", %s" : " %s", e->nets[i].inum);
		print_u64("cookie", ":%s", e->nets[i].cookie);
		close_json_object();
	}
	close_json_array();
	print_extra(f, e->rec, true);
	print_nl();
	close_json_object();
}

/*
 * The RTNL holder and waiters at the time of the read (debugfs "now"),
 * before the counters: the first thing to look at when ip hangs.
 */
int print_now(const struct now_info *t)
{
	char buf[512];
	size_t i;

	open_json_object("now");
	print_bool("enabled", NULL, t->enabled);
	print_u64("time_ns", NULL, t->time_ns);
	if (!t->enabled)
		print_text("RTNL now: unknown, the probes are disabled\n");
	else if (!t->nholders)
		print_text("holder:  none\n");
	open_json_array("holders");
	for (i = 0; i < t->nholders; i++)
		print_holder(&t->rf, &t->holders[i]);
	close_json_array();

	open_json_object("waiters");
	print_u64("count", "waiters: %s", t->count);
	if (t->count)
		print_time("oldest_ns", ", the oldest for %s", t->oldest_ns);
	else
		print_u64("oldest_ns", NULL, t->oldest_ns);
	print_u64("listed", t->listed < t->count ? ", %s listed" : NULL,
		  t->listed);
	print_nl();
	if (t->nwaiters) {
		if (table_start_fixed(waiter_cols, NR_W, "tasks")) {
			close_json_object();
			close_json_object();
			return -1;
		}
		for (i = 0; i < t->nwaiters; i++) {
			const struct live_task *e = &t->waiters[i];

			table_row();
			cell_u64(W_PID, "pid", e->pid);
			cell_str(W_COMM, "comm", e->comm);
			cell_time(W_WAIT, "wait_ns", e->ns);
			cell_str(W_OWNER, NULL, owner_text(e, buf, sizeof(buf)));
			print_owner(e);
			print_extra(&t->rf, e->rec, false);
			table_row_end();
		}
		table_end();
	} else {
		open_json_array("tasks");
		close_json_array();
	}
	close_json_object();
	print_other_records(&t->rf, 0, t->rf.nrecs, "");
	close_json_object();
	print_nl();
	return 0;
}

/* Who blocked whom, after the rtnl figures: every row, all columns. */
static int print_rtnl_blocked(const struct blocked *b)
{
	static const struct blocked_view v = {
		.pairs = true, .comms = true, .fixed = true, .others = true,
	};
	int err;

	if (!b->present)
		return 0;
	print_text("\n");
	open_json_object("blocked");
	err = print_blocked(b, &v);
	close_json_object();
	return err;
}

int do_rtnl(int argc, char **argv)
{
	struct rtnl_info t, prev;
	struct now_info now;
	struct blocked b;
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
	/*
	 * Live state, never from a snapshot; a module without it has none.
	 * Who blocked whom is since the last reset: not with --since.
	 */
	memset(&b, 0, sizeof(b));
	if (load_now(&now))
		goto err_rtnl;
	if (!table_opts.since && load_blocked(&b, true))
		goto err_now;

	open_json_object(NULL);
	print_since();
	if (now.present && print_now(&now))
		goto err_blocked;
	print_counters("acquire", "acquire:", &t.acquire);
	print_nl();
	print_dists(&t);
	err = print_sites(&t);
	if (!err)
		print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	if (!err)
		err = print_rtnl_blocked(&b);
	close_json_object();
	free_blocked(&b);
	free_now(&now);
	free_rtnl(&t);
	snapshot_close();
	return err;

err_blocked:
	free_blocked(&b);
err_now:
	free_now(&now);
err_rtnl:
	free_rtnl(&t);
	snapshot_close();
	return -1;
}
