/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel version differences, kept in one place.
 */
#ifndef _RNT_COMPAT_H
#define _RNT_COMPAT_H

#include <linux/version.h>
#include <linux/fprobe.h>

/*
 * Since 6.14 fprobe sits on fgraph and hands its callbacks a struct
 * ftrace_regs; before that it passed a struct pt_regs.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 14, 0)
typedef struct ftrace_regs rnt_regs_t;
#define rnt_arg(regs, n)	ftrace_regs_get_argument(regs, n)
#define rnt_retval(regs)	ftrace_regs_get_return_value(regs)
#else
typedef struct pt_regs rnt_regs_t;
#define rnt_arg(regs, n)	regs_get_kernel_argument(regs, n)
#define rnt_retval(regs)	regs_return_value(regs)
#endif

/* Symbol namespaces became strings in 6.13. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define RNT_IMPORT_KUNIT_NS()	MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING")
#else
#define RNT_IMPORT_KUNIT_NS()	MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING)
#endif

/*
 * Per-netns RTNL (net->rtnl_mutex, __rtnl_net_lock() and friends) only
 * exists with CONFIG_DEBUG_NET_SMALL_RTNL; 6.12 ships it off.
 */
#define RNT_HAVE_PERNET IS_ENABLED(CONFIG_DEBUG_NET_SMALL_RTNL)

#endif /* _RNT_COMPAT_H */
