// SPDX-License-Identifier: GPL-2.0
/*
 * The probes. fprobes, each attached to many functions at once:
 *
 *  - req:      rtnetlink_rcv_msg() and rtnl_dumpit(), the request context,
 *              and the calls of the core kernel's GET and locked doits,
 *              whose result the dispatcher returns (one probed function
 *              less per such request);
 *  - handlers: every other doit and every dumpit in the handler table,
 *              one fprobe per owner (handlers.c registers them, with the
 *              callbacks here);
 *  - rtnl:     the global RTNL lock functions and __rtnl_unlock();
 *  - pernet:   __rtnl_net_lock() and __rtnl_net_unlock(), when they exist;
 *  - touch:    call_netdevice_notifiers_info(), rtnl_notify() and
 *              rtnetlink_send(): what an RTNL section changes, for
 *              footprint.c. Only the entry matters, but the probe has
 *              an exit handler (never called: the entry returns 1) so
 *              that it goes through fgraph like the others. An
 *              entry-only fprobe goes through 7.3's fprobe_ftrace_ops
 *              instead: after the module was unloaded and loaded again
 *              twice, a netns creation died in rtnl_notify()'s entry,
 *              jumping to a non-executable address (selftests
 *              call_sites.sh, then locksets.sh).
 *
 * Handlers do per-CPU increments and touch the current task's slot; they
 * never allocate, sleep, lock or print on the hot path.
 *
 * Every entry that asks for its exit records the generation, which a new
 * one begins each time the probes are enabled: an exit whose entry was
 * seen before a disable (its fprobe may be registered again by the time
 * the function returns) is ignored, so per-task state and in-flight
 * counts only ever pair an entry with its own exit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fprobe.h>
#include <linux/hash.h>
#include <linux/kprobes.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "footprint.h"
#include "handlers.h"
#include "kallsyms.h"
#include "netns.h"
#include "params.h"
#include "pernet.h"
#include "probes.h"
#include "rtnl.h"
#include "trace.h"

/* Changed under rnt_mutex while every probe is unregistered. */
static u32 rnt_gen;
/* Whether the probes are registered, for the lockless reader of "now". */
static bool rnt_probes_on;

static bool rnt_gen_stale(u32 gen)
{
	return gen != READ_ONCE(rnt_gen);
}

struct rnt_fp {
	struct fprobe fp;
	fprobe_entry_cb entry;
	fprobe_exit_cb exit;
	size_t data_size;
	struct rnt_probe_info info;
	unsigned long missed;	/* nmissed of earlier registrations */
};

static struct rnt_fp rnt_fps[RNT_NR_FP];

enum { RNT_REQ_RCV, RNT_REQ_DUMPIT, RNT_NR_REQ };
static const char *const rnt_req_syms[RNT_NR_REQ] = {
	"rtnetlink_rcv_msg", "rtnl_dumpit",
};

static unsigned long rnt_req_addrs[RNT_NR_REQ];

/*
 * The global RTNL probe points. The first five acquire RTNL, then comes
 * the release, then the per-netns wrappers that call rtnl_lock() and
 * friends themselves: they are only probed to learn their caller, so that
 * a section is charged to whoever called rtnl_net_lock(), not to it.
 */
enum rnt_rtnl_point {
	RNT_P_LOCK,
	RNT_P_INTERRUPTIBLE,
	RNT_P_KILLABLE,
	RNT_P_TRYLOCK,
	RNT_P_REFCOUNT,
	RNT_P_UNLOCK,
	RNT_P_NET_LOCK,
	RNT_P_NET_KILLABLE,
	RNT_P_NET_TRYLOCK,
	RNT_NR_POINTS,
};

static const char *const rnt_rtnl_syms[RNT_NR_POINTS] = {
	[RNT_P_LOCK] = "rtnl_lock",
	[RNT_P_INTERRUPTIBLE] = "rtnl_lock_interruptible",
	[RNT_P_KILLABLE] = "rtnl_lock_killable",
	[RNT_P_TRYLOCK] = "rtnl_trylock",
	[RNT_P_REFCOUNT] = "refcount_dec_and_rtnl_lock",
	[RNT_P_UNLOCK] = "__rtnl_unlock",
	[RNT_P_NET_LOCK] = "rtnl_net_lock",
	[RNT_P_NET_KILLABLE] = "rtnl_net_lock_killable",
	[RNT_P_NET_TRYLOCK] = "rtnl_net_trylock",
};

/* Not every kernel has every point: the variants came and went. */
static const bool rnt_rtnl_required[RNT_NR_POINTS] = {
	[RNT_P_LOCK] = true, [RNT_P_TRYLOCK] = true, [RNT_P_UNLOCK] = true,
};

/* The points found on this kernel: their addresses, and which they are. */
static unsigned long rnt_rtnl_addrs[RNT_NR_POINTS];
static u8 rnt_rtnl_points[RNT_NR_POINTS];
static int rnt_nr_rtnl_addrs;

enum { RNT_NET_LOCK, RNT_NET_UNLOCK, RNT_NR_NET };
static const char *const rnt_net_syms[RNT_NR_NET] = {
	"__rtnl_net_lock", "__rtnl_net_unlock",
};

static unsigned long rnt_net_addrs[RNT_NR_NET];

/* The notification senders both take (skb, net, ...). */
enum { RNT_TOUCH_NETDEV, RNT_TOUCH_NOTIFY, RNT_TOUCH_SEND, RNT_NR_TOUCH };
static const char *const rnt_touch_syms[RNT_NR_TOUCH] = {
	"call_netdevice_notifiers_info", "rtnl_notify", "rtnetlink_send",
};

static unsigned long rnt_touch_addrs[RNT_NR_TOUCH];

static int rnt_which(unsigned long ip, const unsigned long *addrs, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (ip - addrs[i] < RNT_ENTRY_SLACK)
			return i;
	return -1;
}

/* Only while the probes are unregistered: forget every task's state. */
void rnt_probes_new_generation(void)
{
	WRITE_ONCE(rnt_gen, rnt_gen + 1);
	rnt_tasks_reset();
	rnt_pernet_forget(true);
}

/* @t (the current task's slot, or NULL) enters a request or handler context. */
static bool rnt_ctx_push(struct rnt_task *t, int slot)
{
	if (!t)
		return false;
	if (t->depth < RNT_CTX_DEPTH)
		t->ctx[t->depth] = slot;
	t->depth++;
	return true;
}

/*
 * @t (the current task's slot, or NULL) leaves it; the outermost context's
 * end is where a request ends.
 */
static void rnt_ctx_pop(struct rnt_task *t)
{
	if (!t || !t->depth)
		return;
	if (t->depth == 1)
		rnt_request_end(t);
	t->depth--;
	rnt_task_put(t);
}

/* ---- request context: rtnetlink_rcv_msg() and rtnl_dumpit() ---- */

/* A handler call as the request trace event sees it. */
struct rnt_call {
	u64 start;
	u64 wait0, hold0;	/* the task's RTNL totals at the start */
	bool pushed;		/* the task has a slot, and a context in it */
};

/* @t (the current task's slot, or NULL) enters a call of handler @slot. */
static void rnt_call_begin(struct rnt_call *c, struct rnt_task *t, int slot)
{
	c->pushed = rnt_ctx_push(t, slot);
	if (t) {
		c->wait0 = t->rtnl_wait_total;
		c->hold0 = t->rtnl_hold_total;
	}
	c->start = rnt_now();
}

static void rnt_trace_request(const struct rnt_task *t,
			      const struct rnt_handler *h,
			      const struct rnt_call *c, int ret, u64 lat);

struct rnt_req_data {
	struct rnt_call call;
	u32 gen;
	u32 acquires;	/* the task's RTNL acquisitions at the entry */
	int slot;	/* a doit the dispatcher's probe counts, or none */
};

static int rnt_req_entry(struct fprobe *fp, unsigned long ip,
			 unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	struct rnt_req_data *d = data;
	int slot = RNT_NO_SLOT;
	struct rnt_task *t;

	d->slot = RNT_NO_SLOT;
	if (rnt_which(ip, rnt_req_addrs, RNT_NR_REQ) == RNT_REQ_RCV) {
		struct sk_buff *skb = (struct sk_buff *)rnt_arg(regs, 0);
		struct nlmsghdr *nlh = (struct nlmsghdr *)rnt_arg(regs, 1);
		int type = nlh->nlmsg_type;

		rnt_netns_request(sock_net(skb->sk));
		if (type >= RTM_BASE && type <= RTM_MAX && nlmsg_len(nlh) >= 1) {
			int family = *(u8 *)nlmsg_data(nlh);
			/* As rtnetlink_rcv_msg(): a GET with any NLM_F_DUMP bit. */
			bool dump = (type - RTM_BASE) % 4 == 2 &&
				    (nlh->nlmsg_flags & NLM_F_DUMP);

			slot = rnt_handler_predict(family, type, dump);
			if (slot >= 0) {
				rnt_handler_request(slot);
				if (READ_ONCE(rnt_handlers[slot].dispatched))
					d->slot = slot;
			}
		}
	} else {
		struct netlink_callback *cb = (void *)rnt_arg(regs, 1);

		if (cb->data && cb->nlh && nlmsg_len(cb->nlh) >= 1)
			slot = rnt_handler_find((unsigned long)cb->data,
						*(u8 *)nlmsg_data(cb->nlh),
						cb->nlh->nlmsg_type, RNT_DUMPIT);
	}

	d->gen = READ_ONCE(rnt_gen);
	t = rnt_task_current(true);
	if (d->slot < 0) {
		d->call.pushed = rnt_ctx_push(t, slot);
		return 0;
	}
	rnt_call_begin(&d->call, t, slot);
	d->acquires = t ? t->rtnl_acquires : 0;
	rnt_handler_inflight(&rnt_handlers[slot], 1);
	return 0;
}
NOKPROBE_SYMBOL(rnt_req_entry);

/*
 * The dispatcher returns what the doit of @d->slot returned. A locked doit
 * runs once the dispatcher has taken RTNL: without that, the dispatcher
 * refused the request itself (no CAP_NET_ADMIN, a bulk delete the doit
 * does not support). The latency is the dispatch's, less the wait for the
 * dispatcher's RTNL (an unlocked doit's own waits are its latency's, as
 * when it is probed itself).
 */
static void rnt_req_doit_end(struct rnt_task *t, struct rnt_req_data *d,
			     struct rnt_regs *regs)
{
	struct rnt_handler *h = &rnt_handlers[d->slot];
	u64 lat = rnt_since(d->call.start, rnt_now());
	int ret = (int)rnt_retval(regs);
	bool locked = rnt_handler_locked(h);

	if (locked && t && t->rtnl_acquires == d->acquires) {
		rnt_handler_inflight(h, -1);
		return;
	}
	if (locked && t)
		lat -= min(lat, t->rtnl_wait_total - d->call.wait0);
	rnt_handler_called(h, locked);
	rnt_handler_leave(h, ret, lat);
	if (trace_request_enabled())
		rnt_trace_request(t, h, &d->call, ret, lat);
}

static void rnt_req_exit(struct fprobe *fp, unsigned long ip,
			 unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	struct rnt_req_data *d = data;
	struct rnt_task *t;

	if (rnt_gen_stale(d->gen))
		return;
	/* The task's slot, looked up once for the doit's figures and the pop. */
	t = d->call.pushed ? rnt_task_current(false) : NULL;
	if (d->slot >= 0)
		rnt_req_doit_end(t, d, regs);
	rnt_ctx_pop(t);
}
NOKPROBE_SYMBOL(rnt_req_exit);

/* ---- the handlers themselves ---- */

struct rnt_handler_data {
	struct rnt_call call;
	u32 gen;
	int slot;
};

/*
 * The slot of the handler at @ip called with @regs, by its message: for a
 * handler called other than by the dispatcher or rtnl_dumpit(), or by
 * them for a request whose slot was not foreseen.
 */
static int rnt_handler_slot(unsigned long ip, struct rnt_regs *regs)
{
	const struct nlmsghdr *nlh;
	int slot;

	slot = rnt_handler_find(ip, -1, -1, -1);
	if (slot < 0) {
		/* Only while an index update races with this owner's probe. */
		rnt_drop(RNT_DROP_HANDLER);
		return slot;
	}
	if (rnt_handlers[slot].kind == RNT_DOIT)
		nlh = (const struct nlmsghdr *)rnt_arg(regs, 1);
	else
		nlh = ((struct netlink_callback *)rnt_arg(regs, 1))->nlh;
	if (nlh && nlmsg_len(nlh) >= 1)
		slot = rnt_handler_find(ip, *(u8 *)nlmsg_data(nlh),
					nlh->nlmsg_type, rnt_handlers[slot].kind);
	return slot;
}

static int rnt_handler_entry(struct fprobe *fp, unsigned long ip,
			     unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	struct rnt_handler_data *d = data;
	struct rnt_task *t = rnt_task_current(true);
	struct rnt_handler *h;
	int slot = rnt_task_ctx(t);

	/*
	 * Called by the dispatcher or rtnl_dumpit(), the handler is the one
	 * whose slot the request context foresaw (rnt_req_entry()): the same
	 * lookup by family and type, with the same fallback, as the kernel's.
	 */
	if (slot < 0 || ip - READ_ONCE(rnt_handlers[slot].fn) >= RNT_ENTRY_SLACK)
		slot = rnt_handler_slot(ip, regs);
	/* A function shared with a probed handler: counted by the dispatcher. */
	if (slot < 0 || READ_ONCE(rnt_handlers[slot].dispatched)) {
		rnt_task_put(t);
		return 1;
	}

	h = &rnt_handlers[slot];
	rnt_handler_enter(h, t && t->rtnl_held);
	d->gen = READ_ONCE(rnt_gen);
	d->slot = slot;
	rnt_call_begin(&d->call, t, slot);
	return 0;
}
NOKPROBE_SYMBOL(rnt_handler_entry);

/*
 * Only while someone listens: the RTNL wait and hold of the handler call.
 * Under the dispatcher's RTNL, they are its section's wait and hold so
 * far; else the waits and holds of the sections the handler took itself.
 */
static void rnt_trace_request(const struct rnt_task *t,
			      const struct rnt_handler *h,
			      const struct rnt_call *c, int ret, u64 lat)
{
	u64 now = rnt_now(), wait = 0, hold = 0;

	if (t && t->rtnl_held && t->rtnl_acquired <= c->start) {
		wait = t->rtnl_wait;
		hold = rnt_since(t->rtnl_acquired, now);
	} else if (t) {
		wait = t->rtnl_wait_total - c->wait0;
		hold = t->rtnl_hold_total - c->hold0;
		if (t->rtnl_held)
			hold += rnt_since(t->rtnl_acquired, now);
	}
	trace_request(h->family, h->msgtype, h->kind == RNT_DOIT, h->name, ret,
		      lat, wait, hold);
}

static void rnt_handler_exit(struct fprobe *fp, unsigned long ip,
			     unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	struct rnt_handler_data *d = data;
	struct rnt_handler *h = &rnt_handlers[d->slot];
	int ret = (int)rnt_retval(regs);
	u64 lat = rnt_since(d->call.start, rnt_now());
	struct rnt_task *t;

	if (rnt_gen_stale(d->gen))
		return;
	t = d->call.pushed ? rnt_task_current(false) : NULL;
	rnt_handler_leave(h, ret, lat);
	if (trace_request_enabled())
		rnt_trace_request(t, h, &d->call, ret, lat);
	rnt_ctx_pop(t);
}
NOKPROBE_SYMBOL(rnt_handler_exit);

/* ---- global RTNL ---- */

struct rnt_rtnl_data {
	u64 start;
	u32 gen;
	int which;	/* enum rnt_rtnl_point */
};

static int rnt_rtnl_fp_entry(struct fprobe *fp, unsigned long ip,
			     unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	struct rnt_rtnl_data *d = data;
	int which = rnt_which(ip, rnt_rtnl_addrs, rnt_nr_rtnl_addrs);
	struct rnt_task *t;

	if (which < 0)
		return 1;
	which = rnt_rtnl_points[which];
	if (which >= RNT_P_NET_LOCK) {
		t = rnt_task_current(true);
		if (t)
			t->wrapper_caller = ret_ip;
		return 1;
	}
	t = rnt_task_current(false);
	if (which == RNT_P_UNLOCK) {
		rnt_pernet_forget(false);
		if (t && t->rtnl_held)
			rnt_rtnl_release(t, rnt_now());
		return 1;
	}
	if (t && t->nheld)
		rnt_pernet_rtnl_check(t);
	d->gen = READ_ONCE(rnt_gen);
	d->which = which;
	d->start = rnt_now();
	/* A trylock never waits: it needs no slot until it has the lock. */
	if (which != RNT_P_TRYLOCK)
		rnt_rtnl_wait_begin(t, d->start, ret_ip);
	return 0;
}
NOKPROBE_SYMBOL(rnt_rtnl_fp_entry);

static void rnt_rtnl_fp_exit(struct fprobe *fp, unsigned long ip,
			     unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	static const u8 acq[RNT_P_UNLOCK] = {
		[RNT_P_LOCK] = RNT_ACQ_LOCK,
		[RNT_P_INTERRUPTIBLE] = RNT_ACQ_INTERRUPTIBLE,
		[RNT_P_KILLABLE] = RNT_ACQ_KILLABLE,
		[RNT_P_TRYLOCK] = RNT_ACQ_TRYLOCK_OK,
		[RNT_P_REFCOUNT] = RNT_ACQ_REFCOUNT,
	};
	struct rnt_rtnl_data *d = data;
	long ret = (long)rnt_retval(regs);
	int which = acq[d->which];
	struct rnt_task *t;
	bool acquired;

	if (rnt_gen_stale(d->gen))
		return;
	switch (d->which) {
	case RNT_P_INTERRUPTIBLE:
	case RNT_P_KILLABLE:
		acquired = !(int)ret;
		break;
	case RNT_P_TRYLOCK:
		acquired = (int)ret;
		if (!acquired)
			which = RNT_ACQ_TRYLOCK_FAIL;
		break;
	case RNT_P_REFCOUNT:
		/* A bool: only the low byte of the return register is set. */
		acquired = (u8)ret;
		break;
	default:
		acquired = true;
	}
	rnt_rtnl_count(which);

	t = rnt_task_current(acquired);
	if (t)
		WRITE_ONCE(t->wait_since, 0);
	if (t && t->wrapper_caller) {
		ret_ip = t->wrapper_caller;
		t->wrapper_caller = 0;
	}
	if (acquired)
		rnt_rtnl_acquired(t, d->start, ret_ip,
				  d->which != RNT_P_TRYLOCK);
	else
		rnt_task_put(t);
}
NOKPROBE_SYMBOL(rnt_rtnl_fp_exit);

/* ---- per-netns RTNL ---- */

struct rnt_net_data {
	u64 start;
	const void *net;
	u32 gen;
};

static int rnt_net_entry(struct fprobe *fp, unsigned long ip,
			 unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	struct rnt_net_data *d = data;
	const void *net = (const void *)rnt_arg(regs, 0);
	struct rnt_task *t;
	bool rtnl;

	if (rnt_which(ip, rnt_net_addrs, RNT_NR_NET) == RNT_NET_UNLOCK) {
		t = rnt_task_current(false);
		rnt_pernet_unlock(t, net);
		rnt_task_put(t);
		return 1;
	}
	/* Without a slot, the rules that need no per-task state still apply. */
	t = rnt_task_current(true);
	if (!rnt_pernet_check(t, net, &rtnl) || !t)
		return 1;
	/*
	 * Every locker of a per-netns mutex holds RTNL first, so one that
	 * holds RTNL never waits for it: counted as taken now, without the
	 * exit (one probe return less). Only a no_rtnl locker's wait is real.
	 */
	if (rtnl) {
		rnt_pernet_lock(t, net, rnt_now());
		return 1;
	}
	d->gen = READ_ONCE(rnt_gen);
	d->net = net;
	d->start = rnt_now();
	return 0;
}
NOKPROBE_SYMBOL(rnt_net_entry);

static void rnt_net_exit(struct fprobe *fp, unsigned long ip,
			 unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	struct rnt_net_data *d = data;
	struct rnt_task *t;

	if (rnt_gen_stale(d->gen))
		return;
	t = rnt_task_current(false);
	if (t)
		rnt_pernet_lock(t, d->net, d->start);
}
NOKPROBE_SYMBOL(rnt_net_exit);

/* ---- what a section changes ---- */

static int rnt_touch_entry(struct fprobe *fp, unsigned long ip,
			   unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
	if (rnt_which(ip, rnt_touch_addrs, RNT_NR_TOUCH) == RNT_TOUCH_NETDEV) {
		struct netdev_notifier_info *info = (void *)rnt_arg(regs, 1);

		rnt_touch(dev_net(netdev_notifier_info_to_dev(info)),
			  RNT_SRC_NETDEV, rnt_arg(regs, 0), ip);
	} else {
		const struct sk_buff *skb = (const void *)rnt_arg(regs, 0);

		rnt_touch((const struct net *)rnt_arg(regs, 1), RNT_SRC_NOTIFY,
			  nlmsg_hdr(skb)->nlmsg_type, ip);
	}
	return 1;
}
NOKPROBE_SYMBOL(rnt_touch_entry);

static void rnt_touch_exit(struct fprobe *fp, unsigned long ip,
			   unsigned long ret_ip, struct rnt_regs *regs, void *data)
{
}
NOKPROBE_SYMBOL(rnt_touch_exit);

/* ---- registration ---- */

static int rnt_resolve(const char *const *syms, unsigned long *addrs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		addrs[i] = rnt_lookup_name(syms[i]);
		if (!addrs[i]) {
			pr_warn("symbol %s not found\n", syms[i]);
			return -ENOENT;
		}
	}
	return 0;
}

int rnt_probes_init(void)
{
	struct rnt_fp *f;
	int err, i;

	rnt_handlers_set_probe(rnt_handler_entry, rnt_handler_exit,
			       sizeof(struct rnt_handler_data));

	f = &rnt_fps[RNT_FP_REQ];
	f->info.name = "req";
	f->entry = rnt_req_entry;
	f->exit = rnt_req_exit;
	f->data_size = sizeof(struct rnt_req_data);
	err = rnt_resolve(rnt_req_syms, rnt_req_addrs, RNT_NR_REQ);
	if (err)
		return err;
	f->info.available = true;

	f = &rnt_fps[RNT_FP_RTNL];
	f->info.name = "rtnl";
	f->entry = rnt_rtnl_fp_entry;
	f->exit = rnt_rtnl_fp_exit;
	f->data_size = sizeof(struct rnt_rtnl_data);
	for (i = 0; i < RNT_NR_POINTS; i++) {
		unsigned long addr;

		if (i >= RNT_P_NET_LOCK && !RNT_HAVE_PERNET)
			break;
		addr = rnt_lookup_name(rnt_rtnl_syms[i]);
		if (!addr) {
			if (!rnt_rtnl_required[i])
				continue;
			pr_err("symbol %s not found\n", rnt_rtnl_syms[i]);
			return -ENOENT;
		}
		rnt_rtnl_points[rnt_nr_rtnl_addrs] = i;
		rnt_rtnl_addrs[rnt_nr_rtnl_addrs++] = addr;
	}
	f->info.available = true;

	f = &rnt_fps[RNT_FP_PERNET];
	f->info.name = "pernet";
	f->entry = rnt_net_entry;
	f->exit = rnt_net_exit;
	f->data_size = sizeof(struct rnt_net_data);
	if (RNT_HAVE_PERNET &&
	    !rnt_resolve(rnt_net_syms, rnt_net_addrs, RNT_NR_NET))
		f->info.available = true;
	rnt_pernet_set_available(f->info.available);

	f = &rnt_fps[RNT_FP_TOUCH];
	f->info.name = "touch";
	f->entry = rnt_touch_entry;
	f->exit = rnt_touch_exit;
	/* footprint=0: its cost can be told from the others' (make bench). */
	if (rnt_param_footprint &&
	    !rnt_resolve(rnt_touch_syms, rnt_touch_addrs, RNT_NR_TOUCH))
		f->info.available = true;
	return 0;
}

bool rnt_probes_enabled(void)
{
	return READ_ONCE(rnt_probes_on);
}

static int rnt_fp_register(struct rnt_fp *f, unsigned long *addrs, int n)
{
	int err;

	if (!f->info.available || !n)
		return 0;
	/*
	 * A fresh struct fprobe every time: before 6.14, fprobe keeps state
	 * in it that a second registration does not reset (and hangs on).
	 */
	memset(&f->fp, 0, sizeof(f->fp));
	f->fp.entry_handler = f->entry;
	f->fp.exit_handler = f->exit;
	f->fp.entry_data_size = f->data_size;
	rnt_fprobe_maxactive(&f->fp, rnt_max_tasks);
	err = register_fprobe_ips(&f->fp, addrs, n);
	f->info.error = err;
	f->info.addrs = n;
	if (err) {
		pr_err("cannot register the %s probe: %d\n", f->info.name, err);
		return err;
	}
	f->info.registered = true;
	return 0;
}

static void rnt_fp_unregister(struct rnt_fp *f)
{
	if (!f->info.registered)
		return;
	unregister_fprobe(&f->fp);
	f->missed += f->fp.nmissed;
	f->info.registered = false;
}

/*
 * Registration order: the context probes come after the handler probes
 * (registered first, by the caller) and the lock probes, so that no
 * request is seen half-way through its setup.
 */
int rnt_probes_register(void)
{
	int err;

	err = rnt_fp_register(&rnt_fps[RNT_FP_TOUCH], rnt_touch_addrs,
			      RNT_NR_TOUCH);
	if (!err)
		err = rnt_fp_register(&rnt_fps[RNT_FP_PERNET], rnt_net_addrs,
				      RNT_NR_NET);
	if (!err)
		err = rnt_fp_register(&rnt_fps[RNT_FP_RTNL], rnt_rtnl_addrs,
				      rnt_nr_rtnl_addrs);
	if (!err)
		err = rnt_fp_register(&rnt_fps[RNT_FP_REQ], rnt_req_addrs,
				      RNT_NR_REQ);
	if (err)
		rnt_probes_unregister();
	else
		WRITE_ONCE(rnt_probes_on, true);
	return err;
}

/* Unregistering waits for running handlers, so nothing runs afterwards. */
void rnt_probes_unregister(void)
{
	int i;

	WRITE_ONCE(rnt_probes_on, false);
	for (i = RNT_NR_FP - 1; i >= 0; i--)
		rnt_fp_unregister(&rnt_fps[i]);
}

void rnt_probe_info(enum rnt_probe_id id, struct rnt_probe_info *info)
{
	struct rnt_fp *f = &rnt_fps[id];

	if (id == RNT_FP_HANDLERS) {
		rnt_handlers_probe_info(info);
		return;
	}
	*info = f->info;
	info->nmissed = f->missed + (f->info.registered ? f->fp.nmissed : 0);
}
