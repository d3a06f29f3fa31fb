/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_SHOW_H
#define RTNLCTL_SHOW_H

#include "data.h"

/* Display helpers shared by several commands. */

/* Text widths of the handler key columns. */
struct hkey_widths {
	int family, msgtype, kind, handler;
};

void hkey_widths_init(struct hkey_widths *w);
void hkey_widths_add(struct hkey_widths *w, const struct hkey *k);
void print_hkey_header(const struct hkey_widths *w);
void print_hkey(const struct hkey_widths *w, const struct hkey *k);

/* Which fields of a distribution print_dist() shows as text cells. */
enum {
	D_COUNT = 1 << 0,
	D_SUM = 1 << 1,
	D_AVG = 1 << 2,
	D_P50 = 1 << 3,
	D_P99 = 1 << 4,
	D_MAX = 1 << 5,
};

#define TIME_WIDTH	9

/* JSON: an object @key with every field; text: the @cells columns. */
void print_dist(const char *key, const struct dist *d, unsigned int cells);

/* Header cells for @cells, each label @prefix followed by the field. */
void print_dist_header(const char *prefix, unsigned int cells);

/* Named counters: text "label  a 1  b 2" on one line, JSON {"a":1,"b":2}. */
void print_counters(const char *key, const char *label,
		    const struct counters *c);

/* A value as written: a JSON number when it is one, else a string. */
void print_value(const char *key, const char *fmt, const char *val);

/*
 * The keys of @r that rtnlctl does not know (a newer module's): JSON an
 * object "extra" of them, if any; text " key=value" each when @text.
 */
void print_extra(const struct rfile *f, const struct record *r, bool text);

/*
 * The records of [@first, @end) that the file's loader does not know:
 * text one line each as written, after @indent; JSON an array
 * "other_records" of {"record": name, "fields": {key: value}} (bare words
 * in "words"), if there are any.
 */
void print_other_records(const struct rfile *f, size_t first, size_t end,
			 const char *indent);
/* One such record, inside an open "other_records" array. */
void print_other_record(const struct rfile *f, const struct record *r,
			const char *indent);

/* The RTNL wait and hold sum/max columns of rtnl sites and netns. */
void print_wait_hold_header(void);
void print_wait_hold(uint64_t wait_sum, uint64_t wait_max, uint64_t hold_sum,
		     uint64_t hold_max);

/* The name under /run/netns of the netns with inode @inum, or NULL. */
const char *netns_name(uint64_t inum);

#endif
