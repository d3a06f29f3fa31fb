// SPDX-License-Identifier: GPL-2.0
/*
 * rtnlctl todo [TABLE OPTIONS] [-a|--all] [-e|--events]: the conversion
 * to-do list, from debugfs footprint. Per owner (handler or call site),
 * most RTNL hold time first: the RTNL sections, their hold time (stats,
 * rtnl) and its share of all RTNL hold time, how many netns each
 * changed, the largest per-netns lock set taken (stats, locksets), the
 * changes made with and without the per-netns lock of the netns changed,
 * and a verdict (fp_plan()); last, the share of all RTNL hold time spent
 * by owners converted, single or none. With --events, the changes by
 * kind (netdevice event, rtnetlink message), each with the stack of its
 * first uncovered one under it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

/* Touched-set sizes 1 to 4 have a column each, then one for 5 or more. */
#define EXACT_SIZES	4

#define D	TC_DEFAULT
#define N	TC_NUM

/* A handler key's four columns, KIND and HANDLER outside the default. */
#define FP_HKEY_TCOLS(f)						\
	TCOL("FAMILY", NULL, f, "a handler's address family (PF_*), or its number"), \
	TCOL("MSGTYPE", NULL, f, "a handler's message type (RTM_*), or its number"), \
	TCOL("KIND", NULL, 0, "a handler's kind: doit or dumpit"),		\
	TCOL("HANDLER", NULL, 0, "a handler's function (OWNER), - for a site")

enum {
	O_OWNER, O_TYPE, O_FAMILY, O_MSGTYPE, O_KIND, O_HANDLER, O_BEHAVIOUR,
	O_SECTIONS, O_HOLD, O_HOLD_PCT, O_NONE, O_T1, O_T2, O_T3, O_T4, O_T5,
	O_MAX, O_MAX_SET, O_INIT_NET, O_COVERED, O_UNCOVERED, O_VERDICT,
	O_TOUCHED, NR_O
};

static const struct tcol owner_cols[NR_O] = {
	TCOL("OWNER", NULL, D, "handler function, or call site outside rtnetlink"),
	TCOL("TYPE", NULL, D, "handler or site"),
	FP_HKEY_TCOLS(0),
	TCOL("BEHAVIOUR", NULL, D,
	     "seen since the last reset: rtnl, pernet, self_rtnl, lockless, unseen"),
	TCOL("SECTIONS", NULL, D | N, "RTNL sections charged to it"),
	TCOL("HOLD", NULL, D | N, "RTNL hold time of its sections (stats, rtnl)"),
	TCOL("HOLD%", NULL, D | N, "HOLD's share of all RTNL hold time"),
	TCOL("NONE", NULL, D | N, "sections that changed no netns"),
	TCOL("T1", NULL, D | N, "sections that changed 1 netns"),
	TCOL("T2", NULL, D | N, "sections that changed 2 netns"),
	TCOL("T3", NULL, D | N, "sections that changed 3 netns"),
	TCOL("T4", NULL, D | N, "sections that changed 4 netns"),
	TCOL("T5+", NULL, D | N, "sections that changed 5 netns or more"),
	TCOL("MAX", NULL, D | N, "the most netns one section changed"),
	TCOL("MAX_SET", NULL, D | N,
	     "the most per-netns locks one section took (stats, locksets)"),
	TCOL("INIT_NET", NULL, N, "sections that changed init_net"),
	TCOL("COVERED", NULL, N,
	     "changes made holding the netns's per-netns lock"),
	TCOL("UNCOVERED", NULL, D | N, "changes made without it: the to-do"),
	TCOL("VERDICT", NULL, D,
	     "converted, partial, single, multi N (N = MAX), none; - did not run"),
	TCOL("TOUCHED", NULL, 0,
	     "sections by the number of netns changed (size:count)"),
};

enum {
	E_OWNER, E_TYPE, E_FAMILY, E_MSGTYPE, E_KIND, E_HANDLER, E_SRC, E_CODE,
	E_EVENT, E_COVERED, E_UNCOVERED, NR_E
};

static const struct tcol event_cols[NR_E] = {
	TCOL("OWNER", NULL, D, "handler function, or call site outside rtnetlink"),
	TCOL("TYPE", NULL, 0, "handler or site"),
	FP_HKEY_TCOLS(D),
	TCOL("SRC", NULL, D, "netdev (a netdevice event) or notify (a message)"),
	TCOL("CODE", NULL, N, "the NETDEV_* or RTM_* number"),
	TCOL("EVENT", NULL, D, "its NETDEV_* or RTM_* name, or the number"),
	TCOL("COVERED", NULL, D | N,
	     "changes made holding the netns's per-netns lock"),
	TCOL("UNCOVERED", NULL, D | N, "changes made without it: the to-do"),
};

#undef D
#undef N

struct todo_opts {
	bool all, events;
};

/* An owner and its plan: the rows of the owner table. */
struct todo_row {
	const struct fp_owner *o;
	struct fp_plan p;
};

/* What todo reads besides the footprint. */
struct todo_data {
	struct stats stats;
	struct rtnl_info rtnl;
	struct locksets locksets;
};

/*
 * The owner's cells: OWNER and TYPE, and the handler key (JSON nulls and
 * text "-" for a site).
 */
static void print_owner(int owner, int type, const struct fp_key *k)
{
	static const char *const hkey_fields[] = {
		"family", "family_name", "msgtype", "msgtype_name", "kind",
		"handler",
	};
	size_t i;

	cell_str(owner, "owner", k->key.fn);
	cell_str(type, "type", k->type);
	if (k->handler) {
		print_hkey(type + 1, &k->key);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(hkey_fields); i++)
		print_str(hkey_fields[i], NULL, NULL);
}

/* Most hold time first, then most sections, then by name, file order. */
static int cmp_owners(const void *a, const void *b)
{
	const struct todo_row *x = a, *y = b;
	int c;

	if (x->p.hold != y->p.hold)
		return x->p.hold < y->p.hold ? 1 : -1;
	if (x->o->sections != y->o->sections)
		return x->o->sections < y->o->sections ? 1 : -1;
	c = strcmp(x->o->key.key.fn, y->o->key.key.fn);
	if (c)
		return c;
	return x->o < y->o ? -1 : x->o > y->o;
}

/*
 * A share of all RTNL hold time: text a percentage with one decimal
 * (raw: without the "%"), JSON a fraction with 6 decimals; "-" and null
 * when there is no RTNL hold time at all.
 */
static void fmt_share(char *buf, size_t len, uint64_t part, uint64_t all,
		      bool json)
{
	if (!all)
		snprintf(buf, len, "-");
	else if (json)
		snprintf(buf, len, "%.6f", (double)part / (double)all);
	else
		snprintf(buf, len, "%.1f%s", 100.0 * part / all,
			 table_opts.raw ? "" : " %");
}

static void print_share(const char *key, uint64_t part, uint64_t all)
{
	char buf[40];

	if (!json_output || !key)
		return;
	if (!all) {
		print_str(key, NULL, NULL);
		return;
	}
	fmt_share(buf, sizeof(buf), part, all, true);
	print_double(key, buf);
}

/* Most uncovered first, then most covered, then file order. */
static int cmp_events(const void *a, const void *b)
{
	const struct fp_event *x = *(const struct fp_event *const *)a;
	const struct fp_event *y = *(const struct fp_event *const *)b;

	if (x->uncovered != y->uncovered)
		return x->uncovered < y->uncovered ? 1 : -1;
	if (x->covered != y->covered)
		return x->covered < y->covered ? 1 : -1;
	return x < y ? -1 : x > y;
}

static void print_owner_row(const struct footprint *t, const struct todo_row *r,
			    uint64_t all_hold)
{
	const struct fp_owner *o = r->o;
	const char *verdict = fp_verdict_name(r->p.verdict);
	uint64_t more = 0;
	char buf[40];
	size_t i;

	table_row();
	print_owner(O_OWNER, O_TYPE, &o->key);
	cell_str(O_BEHAVIOUR, "behaviour", o->behaviour);
	cell_u64(O_SECTIONS, "sections", o->sections);
	cell_time(O_HOLD, "hold_ns", r->p.hold);
	print_share("hold_share", r->p.hold, all_hold);
	fmt_share(buf, sizeof(buf), r->p.hold, all_hold, false);
	cell_sorted(O_HOLD_PCT, buf, r->p.hold);
	cell_u64(O_NONE, "none", o->none);
	/* Text T1..T4 and T5+; JSON every bucket as stats' locksets. */
	for (i = 0; i < o->ntouched; i++) {
		if (i < EXACT_SIZES)
			cell_u64(O_T1 + i, NULL, o->touched[i]);
		else
			more += o->touched[i];
	}
	for (; i < EXACT_SIZES; i++)
		cell_u64(O_T1 + i, NULL, 0);
	cell_u64(O_T5, NULL, more);
	print_set_buckets(O_TOUCHED, "touched", o->touched, o->ntouched);
	cell_u64(O_MAX, "max_touched", o->max_touched);
	cell_u64(O_MAX_SET, "max_set", r->p.max_set);
	cell_u64(O_INIT_NET, "init_net", o->init_net);
	cell_u64(O_COVERED, "covered", o->covered);
	cell_u64(O_UNCOVERED, "uncovered", o->uncovered);
	print_str("verdict", NULL, verdict);
	if (r->p.verdict == FP_MULTI)
		snprintf(buf, sizeof(buf), "multi %" PRIu64, o->max_touched);
	cell_str(O_VERDICT, NULL,
		 r->p.verdict == FP_MULTI ? buf : verdict);
	print_extra(&t->rf, o->rec, false);
	table_row_end();
}

/*
 * The event's name: the module's, else for a message its RTM_* name;
 * NULL when neither is known.
 */
static const char *event_name(const struct fp_event *e)
{
	if (strcmp(e->name, "-"))
		return e->name;
	if (!strcmp(e->src, "notify") && e->code <= UINT16_MAX)
		return msgtype_known(e->code);
	return NULL;
}

static void print_event_row(const struct footprint *t, const struct fp_event *e)
{
	const char *name = event_name(e);
	char buf[24];

	table_row();
	print_owner(E_OWNER, E_TYPE, &e->key);
	cell_str(E_SRC, "src", e->src);
	cell_u64(E_CODE, "code", e->code);
	snprintf(buf, sizeof(buf), "%" PRIu64, e->code);
	print_str("name", NULL, name);
	cell_str(E_EVENT, NULL, name ?: buf);
	cell_u64(E_COVERED, "covered", e->covered);
	cell_u64(E_UNCOVERED, "uncovered", e->uncovered);
	print_extra(&t->rf, e->rec, false);
	cell_lines("stack", e->stack, e->nstack);
	table_row_end();
}

/*
 * Before the table, as netns prints its totals: the coverage mode, the
 * changes covered and not, those outside any section, and how many
 * owners the table leaves out. Raw text, for scripts, is the table alone.
 */
static void print_header(const struct footprint *t, uint64_t hidden,
			 bool owners)
{
	bool text = !table_opts.raw;
	uint64_t covered = 0, uncovered = 0;
	size_t i;

	for (i = 0; i < t->nowners; i++) {
		covered += t->owners[i].covered;
		uncovered += t->owners[i].uncovered;
	}
	open_json_object("coverage");
	print_str("mode", text ? "coverage: %s" : NULL, t->coverage);
	print_extra(&t->rf, t->coverage_rec, text);
	close_json_object();
	if (text)
		print_nl();
	print_u64("covered", text ? "touches:  covered %s" : NULL, covered);
	print_u64("uncovered", text ? "  uncovered %s" : NULL, uncovered);
	open_json_object("outside");
	print_u64("touches", text ? "  outside any section %s" : NULL,
		  t->outside);
	print_extra(&t->rf, t->outside_rec, text);
	close_json_object();
	if (text)
		print_nl();
	if (owners) {
		print_u64("hidden", NULL, hidden);
		if (text && hidden)
			print_u64(NULL, "not shown (did not run): %s; -a lists every owner\n",
				  hidden);
	}
	if (text)
		print_nl();
}

/*
 * After the table: the RTNL hold time of the owners converted, single or
 * none (of every owner, whatever the table shows), and its share of all.
 */
static void print_ready(uint64_t ready, uint64_t all)
{
	char share[40], total[32];

	open_json_object("ready");
	print_u64("hold_ns", NULL, ready);
	print_share("share", ready, all);
	print_u64("total_ns", NULL, all);
	close_json_object();
	if (json_output || table_opts.raw)
		return;
	fmt_share(share, sizeof(share), ready, all, false);
	fmt_time(total, sizeof(total), all);
	printf("\nRTNL hold time in converted, single or none sections: %s of %s\n",
	       share, total);
}

static int print_owners(const struct footprint *t, const struct todo_data *d,
			bool all)
{
	uint64_t all_hold = d->rtnl.hold.sum, ready = 0;
	struct todo_row *rows, r;
	size_t i, n = 0;
	int err;

	rows = calloc(t->nowners + 1, sizeof(*rows));
	if (!rows)
		return p_err("out of memory");
	for (i = 0; i < t->nowners; i++) {
		r.o = &t->owners[i];
		fp_plan(t, r.o, &d->stats, &d->rtnl, &d->locksets, &r.p);
		if (fp_verdict_ready(r.p.verdict))
			ready += r.p.hold;
		if (all || fp_owner_active(r.o))
			rows[n++] = r;
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_owners);
	print_header(t, t->nowners - n, true);
	err = table_start(owner_cols, NR_O, "owners", NULL);
	for (i = 0; !err && i < n; i++)
		print_owner_row(t, &rows[i], all_hold);
	if (!err) {
		table_end();
		print_ready(ready, all_hold);
	}
	free(rows);
	return err;
}

static int load_todo_data(struct todo_data *d)
{
	memset(d, 0, sizeof(*d));
	if (load_stats(&d->stats))
		return -1;
	if (load_rtnl(&d->rtnl)) {
		free_stats(&d->stats);
		return -1;
	}
	if (load_locksets(&d->locksets)) {
		free_rtnl(&d->rtnl);
		free_stats(&d->stats);
		return -1;
	}
	return 0;
}

static void free_todo_data(struct todo_data *d)
{
	free_locksets(&d->locksets);
	free_rtnl(&d->rtnl);
	free_stats(&d->stats);
}

static int print_events(const struct footprint *t)
{
	const struct fp_event **rows;
	size_t i;
	int err;

	rows = calloc(t->nevents + 1, sizeof(*rows));
	if (!rows)
		return p_err("out of memory");
	for (i = 0; i < t->nevents; i++)
		rows[i] = &t->events[i];
	if (t->nevents)
		qsort(rows, t->nevents, sizeof(*rows), cmp_events);
	print_header(t, 0, false);
	err = table_start(event_cols, NR_E, "events", NULL);
	for (i = 0; !err && i < t->nevents; i++)
		print_event_row(t, rows[i]);
	if (!err)
		table_end();
	free(rows);
	return err;
}

static int parse_opts(int argc, char **argv, struct todo_opts *o)
{
	int used;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			cmd_help2("todo", owner_cols, NR_O, "--events", event_cols,
				  NR_E);
			return 1;
		}
		used = table_opt(&argc, &argv);
		if (used < 0)
			return -1;
		if (used)
			continue;
		if (!strcmp(*argv, "-a") || !strcmp(*argv, "--all"))
			o->all = true;
		else if (!strcmp(*argv, "-e") || !strcmp(*argv, "--events"))
			o->events = true;
		else
			return p_err("unknown option '%s' for todo", *argv);
	}
	return 0;
}

int do_todo(int argc, char **argv)
{
	struct todo_opts o = { 0 };
	struct todo_data d;
	struct footprint t;
	int err;

	err = parse_opts(argc, argv, &o);
	if (err)
		return err < 0 ? -1 : 0;
	if (load_footprint(&t, false))
		return -1;
	if (!o.events && load_todo_data(&d)) {
		free_footprint(&t);
		return -1;
	}
	open_json_object(NULL);
	err = o.events ? print_events(&t) : print_owners(&t, &d, o.all);
	if (!err)
		print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
	close_json_object();
	if (!o.events)
		free_todo_data(&d);
	free_footprint(&t);
	return err;
}
