/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module at run time: the enable toggle, reset, the rescan when
 * modules come and go, and the status file.
 */
#ifndef _RNT_CONTROL_H
#define _RNT_CONTROL_H

#include <linux/fs.h>

struct seq_file;

int rnt_control_init(void);
void rnt_control_exit(void);
int rnt_enable_show(struct seq_file *m, void *v);
ssize_t rnt_enable_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos);
ssize_t rnt_reset_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos);
int rnt_status_show(struct seq_file *m);

#endif /* _RNT_CONTROL_H */
