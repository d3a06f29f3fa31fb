// SPDX-License-Identifier: GPL-2.0
/* rtnlctl locksets, rtnlctl netns, rtnlctl violations */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"
#include "snapshot.h"

/* The table options of a command without options of its own. */
static int table_args(const char *cmd, const struct tcol *cols, size_t n,
		      bool since, int argc, char **argv)
{
	int used;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			cmd_help(cmd, cols, n);
			return 1;
		}
		used = table_opt(&argc, &argv);
		if (!used && since)
			used = since_opt(&argc, &argv);
		if (used < 0)
			return -1;
		if (!used)
			return p_err("unknown option '%s' for %s", *argv, cmd);
	}
	return 0;
}

enum { L_OWNER, L_SIZE, L_INIT_NET, L_COUNT, L_MAX_SET, NR_L };

static const struct tcol lockset_cols[NR_L] = {
	TCOL("OWNER", NULL, TC_DEFAULT, "handler, or call site outside rtnetlink"),
	TCOL("SIZE", NULL, TC_DEFAULT | TC_NUM,
	     "per-netns locks in the set: 1 to 4, then ranges 5-8 ... 4097+"),
	TCOL("INIT_NET", NULL, TC_DEFAULT | TC_NUM, "1 when init_net was in it"),
	TCOL("COUNT", NULL, TC_DEFAULT | TC_NUM, "RTNL sections with that set"),
	TCOL("MAX_SET", NULL, TC_DEFAULT | TC_NUM,
	     "the owner's largest set, exactly (lockset_max), or -"),
};

int do_locksets(int argc, char **argv)
{
	struct locksets t, prev;
	size_t i;
	int err;

	err = table_args("locksets", lockset_cols, NR_L, true, argc, argv);
	if (err)
		return err < 0 ? -1 : 0;
	if (table_opts.since) {
		if (snapshot_open(table_opts.since))
			return -1;
		snapshot_use(true);
		err = load_locksets(&prev);
		snapshot_use(false);
		if (err) {
			snapshot_close();
			return -1;
		}
	}
	if (load_locksets(&t)) {
		if (table_opts.since) {
			free_locksets(&prev);
			snapshot_close();
		}
		return -1;
	}
	if (table_opts.since) {
		locksets_since(&t, &prev);
		free_locksets(&prev);
	}
	open_json_object(NULL);
	print_since();
	err = table_start(lockset_cols, NR_L, "locksets", NULL);
	for (i = 0; !err && i < t.n; i++) {
		table_row();
		cell_str(L_OWNER, "owner", t.v[i].owner);
		print_u64("size", NULL, t.v[i].size_num);
		if (t.v[i].or_more)
			print_str("size_max", NULL, NULL);
		else
			print_u64("size_max", NULL, t.v[i].size_max);
		print_bool("or_more", NULL, t.v[i].or_more);
		/* By the smallest size; "4097+" after a "4097-8192" */
		cell_sorted(L_SIZE, t.v[i].size,
			    t.v[i].size_num * 2 + t.v[i].or_more);
		print_bool("init_net", NULL, t.v[i].init_net);
		cell_u64(L_INIT_NET, NULL, t.v[i].init_net);
		cell_u64(L_COUNT, "count", t.v[i].count);
		if (t.v[i].max) {
			cell_u64(L_MAX_SET, "max_set", t.v[i].max->max_set);
		} else {
			print_str("max_set", NULL, NULL);
			cell_str(L_MAX_SET, NULL, "-");
		}
		print_extra(&t.rf, t.v[i].rec, false);
		table_row_end();
	}
	if (!err) {
		table_end();
		print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	}
	close_json_object();
	free_locksets(&t);
	snapshot_close();
	return err;
}

enum {
	N_NAME, N_INUM, N_COOKIE, N_STATE, N_REQUESTS, N_LOCKS, N_WAIT_SUM,
	N_WAIT_MAX, N_HOLD_SUM, N_HOLD_MAX, N_NPROCS, N_PID, N_COMMAND,
	N_EXIT_NS, NR_N
};

static const struct tcol netns_cols[NR_N] = {
	TCOL("NAME", NULL, TC_DEFAULT, "the ip netns name, or -"),
	TCOL("INUM", NULL, TC_DEFAULT | TC_NUM, "inode number (ip netns identify)"),
	TCOL("COOKIE", NULL, TC_DEFAULT | TC_NUM, "net_cookie, never reused"),
	TCOL("STATE", NULL, TC_DEFAULT, "live, or exited (kept a while)"),
	TCOL("REQUESTS", NULL, TC_DEFAULT | TC_NUM, "rtnetlink requests sent"),
	TCOL("LOCKS", NULL, TC_DEFAULT | TC_NUM, "its per-netns RTNL taken"),
	WAIT_HOLD_TCOLS,
	TCOL("NPROCS", NULL, TC_DEFAULT | TC_NUM,
	     "processes in it (/proc/PID/ns/net)"),
	TCOL("PID", NULL, TC_DEFAULT | TC_NUM, "the lowest of their pids"),
	TCOL("COMMAND", NULL, TC_DEFAULT, "its command name"),
	TCOL("EXIT_NS", NULL, TC_NUM, "when it exited (CLOCK_MONOTONIC ns), or -"),
};

static int load_netns_since(struct netns_table *t)
{
	struct netns_table prev;
	int err;

	if (!table_opts.since)
		return load_netns(t);
	if (snapshot_open(table_opts.since))
		return -1;
	snapshot_use(true);
	err = load_netns(&prev);
	snapshot_use(false);
	if (!err) {
		err = load_netns(t);
		if (!err)
			netns_since(t, &prev);
		free_netns(&prev);
	}
	if (err)
		snapshot_close();
	return err;
}

/*
 * Name and processes of a live netns only: the inode number of one that
 * exited may be another's now.
 */
static void print_netns_row(const struct netns_table *t, const struct netns *ns)
{
	bool live = netns_live(ns);
	int64_t pid = live ? netns_pid(ns->inum) : -1;
	char comm[64];

	table_row();
	cell_str(N_NAME, "name", live ? netns_name(ns->inum) : NULL);
	cell_u64(N_INUM, "inum", ns->inum);
	cell_u64(N_COOKIE, "cookie", ns->cookie);
	cell_str(N_STATE, "state", ns->state);
	cell_u64(N_REQUESTS, "requests", ns->requests);
	cell_u64(N_LOCKS, "locks", ns->locks);
	print_wait_hold(N_WAIT_SUM, ns->wait_sum, ns->wait_max, ns->hold_sum,
			ns->hold_max);
	cell_u64(N_NPROCS, "nprocs", live ? netns_nprocs(ns->inum) : 0);
	if (pid < 0) {
		print_str("pid", NULL, NULL);
		cell_str(N_PID, NULL, "-");
	} else {
		cell_u64(N_PID, "pid", pid);
	}
	cell_str(N_COMMAND, "command", proc_comm(pid, comm, sizeof(comm)));
	if (ns->exit_ns) {
		cell_u64(N_EXIT_NS, "exit_ns", ns->exit_ns);
	} else {
		print_str("exit_ns", NULL, NULL);
		cell_str(N_EXIT_NS, NULL, "-");
	}
	print_extra(&t->rf, ns->rec, false);
	table_row_end();
}

/*
 * Before the table, as rtnl and violations print their totals: the
 * exited total (JSON null from an older module, which has none) and how
 * many netns without activity the table leaves out. Raw text, for
 * scripts, is the table alone.
 */
static void print_netns_summary(const struct netns_table *t, uint64_t hidden)
{
	const struct netns_exited *e = &t->exited;
	bool text = !table_opts.raw, any = false;

	if (!e->rec) {
		print_str("exited", NULL, NULL);
	} else {
		open_json_object("exited");
		if (text)
			print_text("exited (not listed):");
		print_u64("nets", text ? "  nets %s" : NULL, e->nets);
		print_u64("requests", text ? "  requests %s" : NULL, e->requests);
		print_u64("locks", text ? "  locks %s" : NULL, e->locks);
		print_time("wait_sum_ns", text ? "  wait_sum %s" : NULL,
			   e->wait_sum);
		print_time("wait_max_ns", text ? "  wait_max %s" : NULL,
			   e->wait_max);
		print_time("hold_sum_ns", text ? "  hold_sum %s" : NULL,
			   e->hold_sum);
		print_time("hold_max_ns", text ? "  hold_max %s" : NULL,
			   e->hold_max);
		print_extra(&t->rf, e->rec, text);
		close_json_object();
		if (text)
			print_nl();
		any = text;
	}
	print_u64("hidden", NULL, hidden);
	if (text && hidden) {
		print_u64(NULL, "not shown: %s netns without activity (-a lists every netns)\n",
			  hidden);
		any = true;
	}
	if (any)
		print_nl();
}

int do_netns(int argc, char **argv)
{
	struct netns_table t;
	uint64_t hidden = 0;
	bool all = false;
	size_t i;
	int used, err;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			cmd_help("netns", netns_cols, NR_N);
			return 0;
		}
		used = table_opt(&argc, &argv);
		if (!used)
			used = since_opt(&argc, &argv);
		if (used < 0)
			return -1;
		if (used)
			continue;
		if (!strcmp(*argv, "-a") || !strcmp(*argv, "--all"))
			all = true;
		else
			return p_err("unknown option '%s' for netns", *argv);
	}
	if (load_netns_since(&t))
		return -1;
	for (i = 0; !all && i < t.n; i++)
		hidden += !netns_active(&t.v[i]);
	open_json_object(NULL);
	print_since();
	print_netns_summary(&t, hidden);
	err = table_start(netns_cols, NR_N, "netns", NULL);
	for (i = 0; !err && i < t.n; i++)
		if (all || netns_active(&t.v[i]))
			print_netns_row(&t, &t.v[i]);
	if (!err) {
		table_end();
		print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	}
	close_json_object();
	free_netns(&t);
	snapshot_close();
	return err;
}

/*
 * What each net of a violation is to the task (module/lockorder.c): the
 * net being locked, then for order the held net it conflicts with; the
 * net unlocked; the held net that RTNL was requested under or leaked; or
 * the net changed without its lock (unlocked_touch).
 */
static const char *net_role(const char *kind, size_t i)
{
	static const char *const held[] = { "rtnl_inversion", "leak" };
	size_t k;

	if (!strcmp(kind, "unbalanced_unlock"))
		return "unlocking";
	if (!strcmp(kind, "unlocked_touch"))
		return "touched";
	for (k = 0; k < ARRAY_SIZE(held); k++)
		if (!strcmp(kind, held[k]))
			return "held";
	for (k = 0; k < ARRAY_SIZE(vkind_names); k++)
		if (!strcmp(kind, vkind_names[k]))
			return i ? "held" : "locking";
	return "net";	/* a newer kind */
}

/* Text " locking=inum:cookie held=inum:cookie"; JSON with the role. */
static void print_nets(const struct violation *v)
{
	char fmt[32];
	size_t i;

	open_json_array("nets");
	for (i = 0; i < v->nnets; i++) {
		open_json_object(NULL);
		snprintf(fmt, sizeof(fmt), " %s=%%s", net_role(v->kind, i));
		print_str("role", NULL, net_role(v->kind, i));
		print_u64("inum", fmt, v->nets[i].inum);
		print_u64("cookie", ":%s", v->nets[i].cookie);
		close_json_object();
	}
	close_json_array();
}

/* Is record @i one of a violation's own records (its stack and newer)? */
static bool in_violation(const struct violations *t, size_t i)
{
	size_t j;

	for (j = 0; j < t->n; j++)
		if (i >= t->v[j].first && i < t->v[j].end)
			return true;
	return false;
}

static bool any_kind(const struct violations *t, const char *kind)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].kind, kind))
			return true;
	return false;
}

int do_violations(int argc, char **argv)
{
	struct violations t;
	bool other = false;
	size_t i;

	if (no_more_args(argc, argv) || load_violations(&t))
		return -1;
	open_json_object(NULL);
	print_counters("totals", "totals:", &t.totals);
	if (t.ring_rec) {
		open_json_object("ring");
		print_u64("first", "ring: the first %s", t.ring_first);
		print_u64("last", " and the last %s distinct violations", t.ring_last);
		print_u64("dropped", ", %s dropped between them\n", t.ring_dropped);
		print_extra(&t.rf, t.ring_rec, false);
		close_json_object();
	}
	if (t.n)
		print_text("(netns as inum:cookie; locking= the net being locked, held= one the task holds, unlocking= the net being unlocked%s)\n",
			   any_kind(&t, "unlocked_touch") ?
			   ", touched= a net changed without its lock" : "");
	open_json_array("violations");
	for (i = 0; i < t.n; i++) {
		const struct violation *v = &t.v[i];

		if (t.ring_rec && t.ring_dropped && i == t.ring_first)
			print_text("... %" PRIu64 " dropped ...\n", t.ring_dropped);
		open_json_object(NULL);
		print_str("kind", "%s", v->kind);
		print_u64("count", " count=%s", v->count);
		print_str("comm", " comm=%s", v->comm);
		print_u64("pid", " pid=%s", v->pid);
		print_str("owner", " owner=%s", v->owner);
		print_nets(v);
		print_u64("time_ns", NULL, v->time_ns);
		print_extra(&t.rf, v->rec, true);
		print_nl();
		print_str_array("stack", SUBLINE_FMT, v->stack, v->nstack);
		print_other_records(&t.rf, v->first, v->end, "    ");
		close_json_object();
	}
	close_json_array();
	/* Newer records of the file that belong to no violation. */
	for (i = 0; i < t.rf.nrecs; i++) {
		if (rec_known(&t.rf, &t.rf.recs[i]) || in_violation(&t, i))
			continue;
		if (!other)
			open_json_array("other_records");
		other = true;
		print_other_record(&t.rf, &t.rf.recs[i], "");
	}
	if (other)
		close_json_array();
	close_json_object();
	free_violations(&t);
	return 0;
}
