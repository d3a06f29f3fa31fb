// SPDX-License-Identifier: GPL-2.0
/* Display helpers shared by several commands. */
#include <ctype.h>
#include <inttypes.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "main.h"
#include "print.h"
#include "show.h"

void print_hkey(int first, const struct hkey *k)
{
	char buf[NAME_LEN];

	/* JSON: the numbers, and their names (null when unknown). */
	print_u64("family", NULL, k->family);
	print_str("family_name", NULL, family_known(k->family));
	cell_str(first, NULL, family_name(k->family, buf));
	print_u64("msgtype", NULL, k->msgtype);
	print_str("msgtype_name", NULL, msgtype_known(k->msgtype));
	cell_str(first + 1, NULL, msgtype_name(k->msgtype, buf));
	cell_str(first + 2, "kind", k->kind);
	cell_str(first + 3, "handler", k->fn);
}

void print_dist(const char *key, const struct dist *d,
		const struct dist_cols *cols)
{
	open_json_object(key);
	cell_u64(cols->count, "count", d->count);
	cell_time(cols->sum, "sum", d->sum);
	cell_time(cols->avg, "avg", dist_avg(d));
	cell_time(cols->p50, "p50", dist_percentile(d, 50));
	cell_time(cols->p99, "p99", dist_percentile(d, 99));
	cell_time(cols->max, "max", d->max);
	print_u64_array("hist", d->hist, HIST_BUCKETS);
	close_json_object();
}

void print_counters(const char *key, const char *label,
		    const struct counters *c)
{
	char fmt[64];
	size_t i;

	print_text("%s", label);
	open_json_object(key);
	for (i = 0; i < c->n; i++) {
		snprintf(fmt, sizeof(fmt), "  %s %%s", c->v[i].name);
		if (c->v[i].num)
			print_u64(c->v[i].name, fmt, c->v[i].val);
		else
			print_value(c->v[i].name, fmt, c->v[i].text);
	}
	close_json_object();
	print_nl();
}

void print_value(const char *key, const char *fmt, const char *val)
{
	uint64_t u;

	if (!parse_u64(val, &u))
		print_u64(key, fmt, u);
	else if (*val == '-' && !parse_u64(val + 1, &u) && u <= INT64_MAX)
		print_s64(key, fmt, -(int64_t)u);
	else
		print_str(key, fmt, val);
}

void print_extra(const struct rfile *f, const struct record *r, bool text)
{
	const struct field *fl;
	size_t i;

	if (!rec_has_unused(f, r))
		return;
	open_json_object("extra");
	for (i = r->first; i < r->first + r->nfields; i++) {
		fl = &f->fields[i];
		if (fl->used)
			continue;
		if (text)
			print_text(" %s=", fl->key);
		print_value(fl->key, text ? "%s" : NULL, fl->val);
	}
	close_json_object();
}

void print_other_record(const struct rfile *f, const struct record *r,
			const char *indent)
{
	const struct field *fl;
	bool words = false;
	size_t i;

	open_json_object(NULL);
	print_text("%s", indent);
	print_str("record", "%s", r->name);
	open_json_object("fields");
	for (i = r->first; i < r->first + r->nfields; i++) {
		fl = &f->fields[i];
		if (!*fl->key) {
			/* Text keeps the order; JSON has them in "words". */
			print_str(NULL, " %s", fl->val);
			words = true;
			continue;
		}
		print_text(" %s=", fl->key);
		print_value(fl->key, "%s", fl->val);
	}
	close_json_object();
	if (words) {
		open_json_array("words");
		for (i = r->first; i < r->first + r->nfields; i++)
			if (!*f->fields[i].key)
				print_str("", NULL, f->fields[i].val);
		close_json_array();
	}
	print_nl();
	close_json_object();
}

void print_other_records(const struct rfile *f, size_t first, size_t end,
			 const char *indent)
{
	bool any = false;
	size_t i;

	/* Raw tables are for scripts: only the table (JSON has them). */
	if (table_opts.raw && !json_output)
		return;

	for (i = first; i < end && i < f->nrecs; i++) {
		if (rec_known(f, &f->recs[i]))
			continue;
		if (!any)
			open_json_array("other_records");
		any = true;
		print_other_record(f, &f->recs[i], indent);
	}
	if (any)
		close_json_array();
}

void print_wait_hold(int first, uint64_t wait_sum, uint64_t wait_max,
		     uint64_t hold_sum, uint64_t hold_max)
{
	cell_time(first, "wait_sum_ns", wait_sum);
	cell_time(first + 1, "wait_max_ns", wait_max);
	cell_time(first + 2, "hold_sum_ns", hold_sum);
	cell_time(first + 3, "hold_max_ns", hold_max);
}

#define NETNS_RUN_DIR	"/run/netns"

struct netns_entry {
	uint64_t inum;
	char name[256];
};

/* `ip netns` names: stat() every entry, as `ip netns identify` does. */
const char *netns_name(uint64_t inum)
{
	static struct netns_entry *names;
	static size_t n;
	static bool loaded;
	const char *dir;
	struct dirent *de;
	struct netns_entry *tmp;
	struct stat st;
	size_t i;
	DIR *d;

	if (!loaded) {
		loaded = true;
		dir = getenv("RTNLCTL_NETNS_DIR");
		d = opendir(dir && *dir ? dir : NETNS_RUN_DIR);
		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.' ||
			    fstatat(dirfd(d), de->d_name, &st, 0))
				continue;
			tmp = realloc(names, (n + 1) * sizeof(*names));
			if (!tmp)
				break;
			names = tmp;
			names[n].inum = st.st_ino;
			snprintf(names[n].name, sizeof(names[n].name), "%s",
				 de->d_name);
			n++;
		}
		if (d)
			closedir(d);
	}
	for (i = 0; i < n; i++)
		if (names[i].inum == inum)
			return names[i].name;
	return NULL;
}
