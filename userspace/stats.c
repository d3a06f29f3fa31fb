// SPDX-License-Identifier: GPL-2.0
/* rtnlctl stats [--sort KEY] [--top N] [--family F] [--type T] [--hist NAME] */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

#define TOP_ERRNOS	3
#define HIST_STARS	40

static uint64_t sort_calls(const struct hstat *s)
{
	return s->calls;
}

static uint64_t sort_errors(const struct hstat *s)
{
	return s->errors;
}

static uint64_t sort_latency(const struct hstat *s)
{
	return dist_avg(&s->lat);
}

static uint64_t sort_hold(const struct hstat *s)
{
	return s->hold.sum;
}

static uint64_t sort_wait(const struct hstat *s)
{
	return s->wait.sum;
}

static const struct sort_key {
	const char *name;
	uint64_t (*val)(const struct hstat *s);
} sort_keys[] = {
	{ "calls", sort_calls },
	{ "errors", sort_errors },
	{ "latency", sort_latency },
	{ "hold", sort_hold },
	{ "wait", sort_wait },
};

struct stats_opts {
	const struct sort_key *sort;
	uint64_t top;
	bool by_family, by_type;
	unsigned int family, msgtype;
	const char *hist;
};

static const struct sort_key *cur_sort;

/* Largest first; equal rows keep their order in the file. */
static int cmp_rows(const void *a, const void *b)
{
	const struct hstat *x = *(const struct hstat *const *)a;
	const struct hstat *y = *(const struct hstat *const *)b;
	uint64_t vx = cur_sort->val(x), vy = cur_sort->val(y);

	if (vx != vy)
		return vx < vy ? 1 : -1;
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
	print_cell_str(NULL, 0, *text ? text : "-");
}

static void print_locksets(const struct hstat *s, int width)
{
	char text[MAX_LOCKSET_BUCKETS * 21 + 1] = "";
	size_t i, len;

	/* JSON: [{size, or_more, count}], or_more for the last size. */
	open_json_array("locksets");
	for (i = 0; i < s->nlockset; i++) {
		open_json_object(NULL);
		print_u64("size", NULL, i + 1);
		print_bool("or_more", NULL, i + 1 == s->nlockset);
		print_u64("count", NULL, s->lockset[i]);
		close_json_object();
		len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "%s%" PRIu64,
			 i ? "/" : "", s->lockset[i]);
	}
	close_json_array();
	print_cell_str(NULL, -width, text);
	print_u64("lockset_init_net", NULL, s->lockset_init_net);
	print_u64("lockset_max", NULL, s->lockset_max);
}

static void print_row(const struct stats *t, const struct hkey_widths *w,
		      int sets_width, const struct hstat *s)
{
	open_json_object(NULL);
	print_hkey(w, &s->key);
	print_cell_u64("calls", 8, s->calls);
	print_cell_u64("errors", 6, s->errors);
	print_u64("requests", NULL, s->requests);
	print_u64("rounds", NULL, s->rounds);
	print_u64("rtnl", NULL, s->rtnl);
	print_u64("unlocked", NULL, s->unlocked);
	print_u64("inflight", NULL, s->inflight);
	print_u64("inflight_max", NULL, s->inflight_max);
	print_dist("latency_ns", &s->lat, D_AVG | D_P50 | D_P99 | D_MAX);
	print_dist("rtnl_wait_ns", &s->wait, D_SUM | D_MAX);
	print_dist("rtnl_hold_ns", &s->hold, D_SUM | D_MAX);
	print_locksets(s, sets_width);
	print_errnos(s);
	print_extra(&t->rf, s->rec, false);
	print_nl();
	close_json_object();
}

/* "SETS 1/2/3/4/5+": the lock-set sizes the column counts. */
static const char *sets_label(size_t n, char *buf, size_t len)
{
	char name[NAME_LEN];
	size_t i, l;

	l = snprintf(buf, len, "SETS ");
	for (i = 0; i < n && l < len; i++)
		l += snprintf(buf + l, len - l, "%s%s", i ? "/" : "",
			      lockset_name(i, n, name));
	return buf;
}

static void print_table(const struct stats *t, const struct hstat **rows,
			size_t n)
{
	char sets[MAX_LOCKSET_BUCKETS * 4 + 8];
	struct hkey_widths w;
	size_t i;

	hkey_widths_init(&w);
	for (i = 0; i < n; i++)
		hkey_widths_add(&w, &rows[i]->key);

	print_hkey_header(&w);
	print_cell_str(NULL, 8, "CALLS");
	print_cell_str(NULL, 6, "ERRORS");
	print_dist_header("lat_", D_AVG | D_P50 | D_P99 | D_MAX);
	print_dist_header("wait_", D_SUM | D_MAX);
	print_dist_header("hold_", D_SUM | D_MAX);
	sets_label(n ? rows[0]->nlockset : 5, sets, sizeof(sets));
	print_cell_str(NULL, -(int)strlen(sets), sets);
	print_cell_str(NULL, 0, "ERRNOS");
	print_nl();

	open_json_array("stats");
	for (i = 0; i < n; i++)
		print_row(t, &w, strlen(sets), rows[i]);
	close_json_array();
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
	print_text("%*s%-*s : count    distribution\n", 5, "", 19, "nsecs");
	for (i = first; i <= last; i++) {
		int stars = h[i] * HIST_STARS / peak;

		memset(bar, '*', stars);
		bar[stars] = '\0';
		if (i < HIST_BUCKETS - 1)
			snprintf(high, sizeof(high), "%" PRIu64,
				 hist_upper(i) - 1);
		else
			snprintf(high, sizeof(high), "inf");
		print_text("%10" PRIu64 " -> %-10s : %-8" PRIu64 " |%-*s|\n",
			   i ? hist_upper(i - 1) : 0, high, h[i], HIST_STARS,
			   bar);
	}
}

static int parse_opts(int argc, char **argv, struct stats_opts *o)
{
	const char *opt, *arg;
	int i;

	for (; argc; argc--, argv++) {
		opt = *argv;
		if (!strcmp(opt, "--top")) {
			if (opt_u64(&argc, &argv, &o->top))
				return -1;
			continue;
		}
		if (strcmp(opt, "--sort") && strcmp(opt, "--family") &&
		    strcmp(opt, "--type") && strcmp(opt, "--hist"))
			return p_err("unknown option '%s' for stats", opt);
		arg = opt_arg(&argc, &argv);
		if (!arg)
			return -1;
		if (!strcmp(opt, "--sort")) {
			i = match_name(arg, sort_keys, ARRAY_SIZE(sort_keys),
				       sizeof(*sort_keys), "sort key");
			if (i < 0)
				return -1;
			o->sort = &sort_keys[i];
		} else if (!strcmp(opt, "--family")) {
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
	struct stats_opts o = { .sort = &sort_keys[0] };
	const struct hstat **rows;
	struct stats t;
	size_t i, n = 0;

	if (parse_opts(argc, argv, &o) || load_stats(&t))
		return -1;
	rows = calloc(t.n + 1, sizeof(*rows));
	if (!rows) {
		free_stats(&t);
		return p_err("out of memory");
	}
	for (i = 0; i < t.n; i++)
		if (want(&o, &t.v[i]))
			rows[n++] = &t.v[i];
	cur_sort = o.sort;
	qsort(rows, n, sizeof(*rows), cmp_rows);
	if (o.top && o.top < n)
		n = o.top;

	if (o.hist && !n) {
		p_err("no stats for handler '%s'", o.hist);
	} else if (o.hist && !json_output) {
		for (i = 0; i < n; i++) {
			if (i)
				print_nl();
			print_hist(rows[i]);
		}
	} else {
		open_json_object(NULL);
		print_table(&t, rows, n);
		print_other_records(&t.rf, 0, t.rf.nrecs, "\n");
		close_json_object();
	}
	free(rows);
	free_stats(&t);
	return o.hist && !n ? -1 : 0;
}
