/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The footprint: which netns each RTNL section changes, and which of
 * those changes no per-netns lock it holds covers.
 */
#ifndef _RNT_FOOTPRINT_H
#define _RNT_FOOTPRINT_H

#include "task.h"

struct net;

enum rnt_touch_src { RNT_SRC_NETDEV, RNT_SRC_NOTIFY, RNT_NR_SRC };

int rnt_footprint_init(void);
void rnt_footprint_exit(void);
void rnt_footprint_reset(void);
size_t rnt_footprint_bytes(void);
void rnt_touch(const struct net *net, enum rnt_touch_src src, unsigned int code,
	       unsigned long entry);
void rnt_touch_section_end(struct rnt_task *t, int slot, int site);
int rnt_footprint_show(struct seq_file *m);

#endif /* _RNT_FOOTPRINT_H */
