// SPDX-License-Identifier: GPL-2.0
/* Display helpers shared by several commands. */
#include <ctype.h>
#include <inttypes.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
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

void print_set_buckets(int col, const char *key, const uint64_t *v, size_t n)
{
	char text[MAX_LOCKSET_BUCKETS * (NAME_LEN + 22) + 1] = "";
	char name[NAME_LEN];
	size_t i, len;
	bool last;

	open_json_array(key);
	for (i = 0; i < n; i++) {
		last = i + 1 == n;
		open_json_object(NULL);
		print_u64("size", NULL, lockset_min(i));
		if (last)
			print_str("size_max", NULL, NULL);
		else
			print_u64("size_max", NULL, lockset_max(i));
		print_bool("or_more", NULL, last);
		print_u64("count", NULL, v[i]);
		close_json_object();
		if (!v[i])
			continue;
		len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "%s%s:%" PRIu64,
			 len ? "," : "", lockset_name(i, n, name), v[i]);
	}
	close_json_array();
	cell_str(col, NULL, *text ? text : "-");
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

static struct netns_entry *names;
static size_t nnames;

static void add_name(uint64_t inum, const char *name)
{
	struct netns_entry *tmp;
	size_t i;

	for (i = 0; i < nnames; i++)
		if (names[i].inum == inum)
			return;		/* the first name found wins */
	tmp = realloc(names, (nnames + 1) * sizeof(*names));
	if (!tmp)
		return;
	names = tmp;
	names[nnames].inum = inum;
	snprintf(names[nnames].name, sizeof(names[nnames].name), "%s", name);
	nnames++;
}

/*
 * Other nsfs mounts, as lsns's NSFS column finds them in mountinfo
 * (a container runtime's /run/docker/netns/ID): named by their last
 * path component.
 */
static void nsfs_names(void)
{
	const char *file = getenv("RTNLCTL_MOUNTINFO");
	char *line = NULL, mnt[PATH_MAX], *sep, *base;
	struct stat st;
	size_t cap = 0;
	FILE *fp;

	fp = fopen(file && *file ? file : "/proc/self/mountinfo", "re");
	while (fp && getline(&line, &cap, fp) > 0) {
		sep = strstr(line, " - ");
		if (!sep || strncmp(sep, " - nsfs ", 8) ||
		    sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    stat(mnt, &st))
			continue;
		base = strrchr(mnt, '/');
		add_name(st.st_ino, base && base[1] ? base + 1 : mnt);
	}
	free(line);
	if (fp)
		fclose(fp);
}

/* `ip netns` names: stat() every entry, as `ip netns identify` does. */
const char *netns_name(uint64_t inum)
{
	static bool loaded;
	const char *dir;
	struct dirent *de;
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
			add_name(st.st_ino, de->d_name);
		}
		if (d)
			closedir(d);
		nsfs_names();
	}
	for (i = 0; i < nnames; i++)
		if (names[i].inum == inum)
			return names[i].name;
	return NULL;
}

#define PROC_DIR	"/proc"

struct netns_procs {
	uint64_t inum, nprocs, pid;	/* pid: the lowest */
};

static int cmp_procs(const void *a, const void *b)
{
	const struct netns_procs *x = a, *y = b;

	return x->inum < y->inum ? -1 : x->inum > y->inum;
}

/*
 * The processes in netns @inum, found as lsns finds them: stat() of
 * /proc/PID/ns/net for every PID (tasks we may not look at are skipped).
 */
const struct netns_procs *netns_procs_find(uint64_t inum)
{
	static struct netns_procs *v;
	static size_t n, cap;
	static bool loaded;
	struct netns_procs key = { .inum = inum }, *p, *tmp;
	const char *dir = getenv("RTNLCTL_PROC_DIR");
	char path[64 + 256];
	struct dirent *de;
	struct stat st;
	uint64_t pid;
	size_t i;
	DIR *d;

	if (!loaded) {
		loaded = true;
		dir = dir && *dir ? dir : PROC_DIR;
		d = opendir(dir);
		while (d && (de = readdir(d))) {
			if (parse_u64(de->d_name, &pid))
				continue;
			snprintf(path, sizeof(path), "%s/ns/net", de->d_name);
			if (fstatat(dirfd(d), path, &st, 0))
				continue;
			for (i = 0; i < n && v[i].inum != st.st_ino; i++)
				;
			if (i == n) {
				if (n == cap) {
					cap = cap ? cap * 2 : 64;
					tmp = realloc(v, cap * sizeof(*v));
					if (!tmp)
						break;
					v = tmp;
				}
				v[n++] = (struct netns_procs){ st.st_ino, 0, pid };
			}
			v[i].nprocs++;
			if (pid < v[i].pid)
				v[i].pid = pid;
		}
		if (d)
			closedir(d);
		if (n)
			qsort(v, n, sizeof(*v), cmp_procs);
	}
	p = n ? bsearch(&key, v, n, sizeof(*v), cmp_procs) : NULL;
	return p;
}

uint64_t netns_nprocs(uint64_t inum)
{
	const struct netns_procs *p = netns_procs_find(inum);

	return p ? p->nprocs : 0;
}

int64_t netns_pid(uint64_t inum)
{
	const struct netns_procs *p = netns_procs_find(inum);

	return p ? (int64_t)p->pid : -1;
}

/* The comm of @pid, with the bytes a table or JSON must not get as '?'. */
const char *proc_comm(int64_t pid, char *buf, size_t len)
{
	const char *dir = getenv("RTNLCTL_PROC_DIR");
	char path[PATH_MAX];
	size_t n, i;
	FILE *fp;

	if (pid < 0)
		return NULL;
	snprintf(path, sizeof(path), "%s/%" PRId64 "/comm",
		 dir && *dir ? dir : PROC_DIR, pid);
	fp = fopen(path, "re");
	if (!fp)
		return NULL;
	n = fread(buf, 1, len - 1, fp);
	fclose(fp);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x21 || (unsigned char)buf[i] > 0x7e)
			buf[i] = '?';
	return n ? buf : NULL;
}
