/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel version differences, kept in one place. The feature tests are
 * done by module/Kbuild against the kernel headers, so that backports are
 * recognised as well as releases.
 */
#ifndef _RNT_COMPAT_H
#define _RNT_COMPAT_H

#include <linux/fprobe.h>
#include <linux/slab.h>

/*
 * Since 6.14 fprobe sits on fgraph and hands its callbacks a struct
 * ftrace_regs; before that it passed a struct pt_regs. Callbacks take a
 * "struct rnt_regs *".
 */
#ifdef RNT_FPROBE_FTRACE_REGS
#define rnt_regs		ftrace_regs
#define rnt_arg(regs, n)	ftrace_regs_get_argument(regs, n)
#define rnt_retval(regs)	ftrace_regs_get_return_value(regs)
#else
#define rnt_regs		pt_regs
#define rnt_arg(regs, n)	regs_get_kernel_argument(regs, n)
#define rnt_retval(regs)	regs_return_value(regs)
#endif

/*
 * Before 6.14 fprobe keeps the entry data of each running call in a
 * rethook pool of nr_maxactive nodes (default: two per CPU); a call
 * beyond that is missed, entry and exit. Every task we track may be
 * inside a probed function at once (a pile-up in rtnl_lock()), so the
 * pool gets a node per task slot. Since 6.14 the data sits on each
 * task's fgraph shadow stack and there is no such limit.
 */
static inline void rnt_fprobe_maxactive(struct fprobe *fp, int n)
{
#ifdef RNT_FPROBE_MAXACTIVE
	fp->nr_maxactive = n;
#endif
}

/* Symbol namespaces became strings in 6.13. */
#ifdef RNT_IMPORT_NS_STRING
#define RNT_IMPORT_KUNIT_NS()	MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING")
#else
#define RNT_IMPORT_KUNIT_NS()	MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING)
#endif

/*
 * Per-netns RTNL (net->rtnl_mutex, __rtnl_net_lock() and friends) only
 * exists with CONFIG_DEBUG_NET_SMALL_RTNL; 6.12 ships it off.
 */
#define RNT_HAVE_PERNET IS_ENABLED(CONFIG_DEBUG_NET_SMALL_RTNL)

/*
 * kzalloc_obj() and kvzalloc_obj() (7.x) allocate one object of a
 * variable's type, with GFP_KERNEL when no flags are given.
 */
#ifndef kzalloc_obj
#define kzalloc_obj(p)		kzalloc(sizeof(p), GFP_KERNEL)
#endif
#ifndef kvzalloc_obj
#define kvzalloc_obj(p)		kvzalloc(sizeof(p), GFP_KERNEL)
#endif

#endif /* _RNT_COMPAT_H */
