/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The files under /sys/kernel/debug/rtnl_net_trace/.
 */
#ifndef _RNT_DEBUGFS_H
#define _RNT_DEBUGFS_H

void rnt_debugfs_init(void);
void rnt_debugfs_exit(void);

#endif /* _RNT_DEBUGFS_H */
