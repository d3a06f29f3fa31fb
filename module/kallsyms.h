/* SPDX-License-Identifier: GPL-2.0 */
/* The symbol resolver: kallsyms_lookup_name(), found through a kprobe. */
#ifndef _RNT_KALLSYMS_H
#define _RNT_KALLSYMS_H

int rnt_kallsyms_init(void);
unsigned long rnt_lookup_name(const char *name);

#endif /* _RNT_KALLSYMS_H */
