/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's own trace events, system rtnl_net_trace, for tracefs,
 * perf and trace-cmd (docs/trace-events.md). Each costs a static branch
 * while nobody listens; callers compute what is not at hand already
 * inside a trace_<event>_enabled() check.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM rtnl_net_trace

#if !defined(_RNT_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _RNT_TRACE_H

#include <linux/sched.h>
#include <linux/tracepoint.h>
#include <net/net_namespace.h>

/* A handler returned: one per doit call, one per dumpit round. */
TRACE_EVENT(request,
	    TP_PROTO(u8 family, u8 msgtype, bool doit, const char *handler,
		     int ret, u64 lat, u64 wait, u64 hold),
	    TP_ARGS(family, msgtype, doit, handler, ret, lat, wait, hold),
	    TP_STRUCT__entry(__field(u8, family)
			     __field(u8, msgtype)
			     __field(bool, doit)
			     __string(handler, handler)
			     __field(int, err)
			     __field(u64, lat_ns)
			     __field(u64, rtnl_wait_ns)
			     __field(u64, rtnl_hold_ns)),
	    TP_fast_assign(__entry->family = family;
			   __entry->msgtype = msgtype;
			   __entry->doit = doit;
			   __assign_str(handler);
			   __entry->err = ret;
			   __entry->lat_ns = lat;
			   __entry->rtnl_wait_ns = wait;
			   __entry->rtnl_hold_ns = hold;),
	    TP_printk("family=%u msgtype=%u kind=%s handler=%s errno=%d lat_ns=%llu rtnl_wait_ns=%llu rtnl_hold_ns=%llu",
		      __entry->family, __entry->msgtype,
		      __entry->doit ? "doit" : "dumpit", __get_str(handler),
		      __entry->err, __entry->lat_ns, __entry->rtnl_wait_ns,
		      __entry->rtnl_hold_ns)
);

/*
 * A global RTNL section ended (at __rtnl_unlock()): its owner is the
 * handler it was taken for, or "-" and the caller of the lock function;
 * the sizes of its lock set and of its touched set (footprint).
 */
TRACE_EVENT(rtnl_section,
	    TP_PROTO(const char *handler, unsigned long caller, u64 wait,
		     u64 hold, unsigned int lockset, unsigned int touched),
	    TP_ARGS(handler, caller, wait, hold, lockset, touched),
	    TP_STRUCT__entry(__string(handler, handler)
			     __field(unsigned long, caller)
			     __field(u64, wait_ns)
			     __field(u64, hold_ns)
			     __field(unsigned int, lockset)
			     __field(unsigned int, touched)),
	    TP_fast_assign(__assign_str(handler);
			   __entry->caller = caller;
			   __entry->wait_ns = wait;
			   __entry->hold_ns = hold;
			   __entry->lockset = lockset;
			   __entry->touched = touched;),
	    TP_printk("handler=%s caller=%pS wait_ns=%llu hold_ns=%llu lockset=%u touched=%u",
		      __get_str(handler)[0] ? __get_str(handler) : "-",
		      (void *)__entry->caller, __entry->wait_ns,
		      __entry->hold_ns, __entry->lockset, __entry->touched)
);

/* A locking rule was broken (docs/debugfs.md, "violations"). */
TRACE_EVENT(violation,
	    TP_PROTO(const char *kind, const struct net *a, const struct net *b),
	    TP_ARGS(kind, a, b),
	    TP_STRUCT__entry(__string(kind, kind)
			     __field(pid_t, pid)
			     __array(char, comm, TASK_COMM_LEN)
			     __field(unsigned int, inum0)
			     __field(u64, cookie0)
			     __field(unsigned int, inum1)
			     __field(u64, cookie1)),
	    TP_fast_assign(__assign_str(kind);
			   __entry->pid = task_pid_nr(current);
			   memcpy(__entry->comm, current->comm, TASK_COMM_LEN);
			   __entry->inum0 = a ? a->ns.inum : 0;
			   __entry->cookie0 = a ? a->net_cookie : 0;
			   __entry->inum1 = b ? b->ns.inum : 0;
			   __entry->cookie1 = b ? b->net_cookie : 0;),
	    TP_printk("kind=%s pid=%d comm=%s nets=%u:%llu,%u:%llu",
		      __get_str(kind), __entry->pid, __entry->comm,
		      __entry->inum0, __entry->cookie0, __entry->inum1,
		      __entry->cookie1)
);

#endif /* _RNT_TRACE_H */

/* An out-of-tree module: define_trace.h finds us through -I$(src). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
