/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "now" file: who holds RTNL and who waits for it, read lockless.
 */
#ifndef _RNT_LIVE_H
#define _RNT_LIVE_H

struct seq_file;

int rnt_live_show(struct seq_file *m);

#endif /* _RNT_LIVE_H */
