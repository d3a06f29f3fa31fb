/* SPDX-License-Identifier: GPL-2.0 */
/* Module parameters, and the knob parsing of the writable debugfs files. */
#ifndef _RNT_PARAMS_H
#define _RNT_PARAMS_H

#include <linux/fs.h>
#include <linux/types.h>

extern bool rnt_param_enable;
extern bool rnt_param_footprint;
extern int rnt_max_nets;
extern int rnt_max_tasks;
extern int rnt_max_exited;
extern int rnt_max_sites;
extern int rnt_max_touch_events;
extern int rnt_max_blocked;

enum { RNT_ACTION_COUNT, RNT_ACTION_WARN };
extern int rnt_violation_action;
struct seq_file;
int rnt_action_show(struct seq_file *m, void *v);
ssize_t rnt_action_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos);

int rnt_params_check(void);
const char *rnt_action_name(void);
int rnt_knob_word(const char __user *ubuf, size_t count, loff_t *ppos,
		  char *buf, size_t size);
int rnt_knob_bool(const char __user *ubuf, size_t count, loff_t *ppos,
		  bool *val);

#endif /* _RNT_PARAMS_H */
