/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Blocked-by: the RTNL waits charged to the sections that held RTNL
 * meanwhile, by owner and by comm.
 */
#ifndef _RNT_BLOCKED_H
#define _RNT_BLOCKED_H

#include "task.h"

int rnt_blocked_init(void);
void rnt_blocked_exit(void);
void rnt_blocked_reset(void);
size_t rnt_blocked_bytes(void);
void rnt_blocked_hold(const struct rnt_task *t, u64 now);
void rnt_blocked_wait(u64 owner, u64 start, u64 now);
int rnt_blocked_show(struct seq_file *m);

#endif /* _RNT_BLOCKED_H */
