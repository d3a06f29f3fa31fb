/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-netns RTNL: the nets each task holds, lock sets, and the rules.
 */
#ifndef _RNT_PERNET_H
#define _RNT_PERNET_H

#include "task.h"

struct net;

int rnt_cmp_nets(const void *a, const void *b, const void *init);
void rnt_pernet_set_available(bool available);
bool rnt_pernet_available(void);
bool rnt_pernet_check(struct rnt_task *t, const void *net, bool *rtnl);
void rnt_pernet_lock(struct rnt_task *t, const void *net, u64 wait_start);
void rnt_pernet_unlock(struct rnt_task *t, const void *net);
/* RTNL is being let go (@any false), or every task's state is forgotten. */
void rnt_pernet_forget(bool any);
/* Called when RTNL is being taken by a task that holds per-netns locks. */
void rnt_pernet_rtnl_check(struct rnt_task *t);
bool rnt_pernet_holds(const struct rnt_task *t, const struct net *net);
bool rnt_pernet_lockdep(void);
void rnt_pernet_section_end(struct rnt_task *t, bool rtnl_end);
int rnt_locksets_show(struct seq_file *m);

#endif /* _RNT_PERNET_H */
