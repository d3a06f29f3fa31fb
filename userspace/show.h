/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_SHOW_H
#define RTNLCTL_SHOW_H

#include "data.h"

/* Display helpers shared by several commands. */

/* Text widths of the handler key columns. */
struct hkey_widths {
	int family, msgtype, handler;
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
		    const char *const *names, const uint64_t *val, size_t n);

/* The RTNL wait and hold sum/max columns of rtnl sites and netns. */
void print_wait_hold_header(void);
void print_wait_hold(uint64_t wait_sum, uint64_t wait_max, uint64_t hold_sum,
		     uint64_t hold_max);

/* The name under /run/netns of the netns with inode @inum, or NULL. */
const char *netns_name(uint64_t inum);

#endif
