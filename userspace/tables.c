// SPDX-License-Identifier: GPL-2.0
/* rtnlctl locksets, rtnlctl netns, rtnlctl violations */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

#define NUM_WIDTH	10
#define INUM_WIDTH	10

int do_locksets(int argc, char **argv)
{
	int width = strlen("OWNER");
	struct locksets t;
	size_t i;

	if (no_more_args(argc, argv) || load_locksets(&t))
		return -1;
	for (i = 0; i < t.n; i++)
		if ((int)strlen(t.v[i].owner) > width)
			width = strlen(t.v[i].owner);

	print_cell_str(NULL, -width, "OWNER");
	print_cell_str(NULL, 4, "SIZE");
	print_cell_str(NULL, 8, "INIT_NET");
	print_cell_str(NULL, NUM_WIDTH, "COUNT");
	print_nl();
	open_json_object(NULL);
	open_json_array("locksets");
	for (i = 0; i < t.n; i++) {
		open_json_object(NULL);
		print_cell_str("owner", -width, t.v[i].owner);
		print_u64("size", NULL, t.v[i].size_num);
		print_bool("or_more", NULL, t.v[i].or_more);
		print_cell_str(NULL, 4, t.v[i].size);
		print_bool("init_net", NULL, t.v[i].init_net);
		print_cell_u64(NULL, 8, t.v[i].init_net);
		print_cell_u64("count", NUM_WIDTH, t.v[i].count);
		print_extra(&t.rf, t.v[i].rec, false);
		print_nl();
		close_json_object();
	}
	close_json_array();
	print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	close_json_object();
	free_locksets(&t);
	return 0;
}

int do_netns(int argc, char **argv)
{
	int width = strlen("NAME");
	struct netns_table t;
	const char *name;
	size_t i;

	if (no_more_args(argc, argv) || load_netns(&t))
		return -1;
	for (i = 0; i < t.n; i++) {
		name = netns_name(t.v[i].inum);
		if (name && (int)strlen(name) > width)
			width = strlen(name);
	}

	print_cell_str(NULL, -width, "NAME");
	print_cell_str(NULL, INUM_WIDTH, "INUM");
	print_cell_str(NULL, NUM_WIDTH, "COOKIE");
	print_cell_str(NULL, NUM_WIDTH, "REQUESTS");
	print_cell_str(NULL, NUM_WIDTH, "LOCKS");
	print_wait_hold_header();
	print_nl();
	open_json_object(NULL);
	open_json_array("netns");
	for (i = 0; i < t.n; i++) {
		const struct netns *ns = &t.v[i];

		open_json_object(NULL);
		print_cell_str("name", -width, netns_name(ns->inum));
		print_cell_u64("inum", INUM_WIDTH, ns->inum);
		print_cell_u64("cookie", NUM_WIDTH, ns->cookie);
		print_cell_u64("requests", NUM_WIDTH, ns->requests);
		print_cell_u64("locks", NUM_WIDTH, ns->locks);
		print_wait_hold(ns->wait_sum, ns->wait_max, ns->hold_sum,
				ns->hold_max);
		print_extra(&t.rf, ns->rec, false);
		print_nl();
		close_json_object();
	}
	close_json_array();
	print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	close_json_object();
	free_netns(&t);
	return 0;
}

/*
 * What each net of a violation is to the task (module/lockorder.c): the
 * net being locked, then for order the held net it conflicts with; the
 * net unlocked; or the held net that RTNL was requested under or leaked.
 */
static const char *net_role(const char *kind, size_t i)
{
	static const char *const held[] = { "rtnl_inversion", "leak" };
	size_t k;

	if (!strcmp(kind, "unbalanced_unlock"))
		return "unlocking";
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

int do_violations(int argc, char **argv)
{
	struct violations t;
	bool other = false;
	size_t i, j;

	if (no_more_args(argc, argv) || load_violations(&t))
		return -1;
	open_json_object(NULL);
	print_counters("totals", "totals:", &t.totals);
	if (t.n)
		print_text("(netns as inum:cookie; locking= the net being locked, held= one the task holds, unlocking= the net being unlocked)\n");
	open_json_array("violations");
	for (i = 0; i < t.n; i++) {
		const struct violation *v = &t.v[i];

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
		open_json_array("stack");
		for (j = 0; j < v->nstack; j++)
			print_str("", "    %s\n", v->stack[j]);
		close_json_array();
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
