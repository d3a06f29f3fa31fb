// SPDX-License-Identifier: GPL-2.0
/*
 * Discovery of the kernel's rtnetlink handler table (rtnl_msg_handlers in
 * net/core/rtnetlink.c) and the lookups the probes use to map a function
 * address, a family and a message type back to one of our slots.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/rcupdate.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/rtnetlink.h>

#include "rnt.h"

/*
 * Mirror of the private struct rtnl_link. Its layout is the same from 6.1
 * to 7.3; rnt_handlers_scan() sanity-checks what it reads through it.
 */
struct rnt_rtnl_link {
	rtnl_doit_func doit;
	rtnl_dumpit_func dumpit;
	struct module *owner;
	unsigned int flags;
	struct rcu_head rcu;
};

#define RNT_KNOWN_FLAGS		0xfU
/* ftrace may report a probed function's address a few bytes in (endbr). */
#define RNT_ENTRY_SLACK		16

/* rtnl_msg_handlers[RTNL_FAMILY_MAX + 1], found through kallsyms. */
static struct rnt_rtnl_link __rcu *__rcu **rnt_table;

struct rnt_handler rnt_handlers[RNT_MAX_HANDLERS];
int rnt_nr_handlers;

/* Present slots sorted by function address; rebuilt under rnt_mutex. */
static u16 rnt_index[RNT_MAX_HANDLERS];
static int rnt_nindex;

bool rnt_handler_locked(const struct rnt_handler *h)
{
	if (h->kind == RNT_DOIT)
		return !(h->flags & RTNL_FLAG_DOIT_UNLOCKED);
	return !(h->flags & RTNL_FLAG_DUMP_UNLOCKED);
}

/* A handler must be the start of a known function. */
static bool rnt_fn_valid(unsigned long fn, char *name, char *owner)
{
	char buf[KSYM_SYMBOL_LEN];
	char *p;

	sprint_symbol(buf, fn);
	p = strchr(buf, '+');
	if (!p || strncmp(p, "+0x0/", 5))
		return false;
	*p = '\0';
	strscpy(name, buf, RNT_NAME_LEN);
	p = strchr(p + 1, '[');
	if (p) {
		strscpy(owner, p + 1, MODULE_NAME_LEN);
		p = strchr(owner, ']');
		if (p)
			*p = '\0';
	} else {
		strscpy(owner, "kernel", MODULE_NAME_LEN);
	}
	return true;
}

static struct rnt_handler *rnt_slot_get(unsigned long fn, int family,
					int msgtype, int kind)
{
	struct rnt_handler *h;
	int i;

	for (i = 0; i < rnt_nr_handlers; i++) {
		h = &rnt_handlers[i];
		if (h->fn == fn && h->family == family &&
		    h->msgtype == msgtype && h->kind == kind)
			return h;
	}
	if (rnt_nr_handlers == RNT_MAX_HANDLERS)
		return NULL;
	h = &rnt_handlers[rnt_nr_handlers];
	h->stats = alloc_percpu(struct rnt_hstats);
	if (!h->stats)
		return NULL;
	h->fn = fn;
	h->family = family;
	h->msgtype = msgtype;
	h->kind = kind;
	rnt_nr_handlers++;
	return h;
}

static int rnt_add(unsigned long fn, int family, int msgtype, int kind,
		   unsigned int flags)
{
	char name[RNT_NAME_LEN], owner[MODULE_NAME_LEN];
	struct rnt_handler *h;

	if (!rnt_fn_valid(fn, name, owner)) {
		pr_err("handler %d/%d at %pS is not a function start: table layout unexpected\n",
		       family, msgtype, (void *)fn);
		return -EINVAL;
	}
	h = rnt_slot_get(fn, family, msgtype, kind);
	if (!h)
		return -ENOSPC;
	strscpy(h->name, name);
	strscpy(h->owner, owner);
	h->flags = flags;
	h->present = true;
	return 0;
}

static int rnt_cmp_index(const void *a, const void *b)
{
	const struct rnt_handler *ha = &rnt_handlers[*(const u16 *)a];
	const struct rnt_handler *hb = &rnt_handlers[*(const u16 *)b];

	if (ha->fn != hb->fn)
		return ha->fn < hb->fn ? -1 : 1;
	return 0;
}

static int __rnt_handlers_scan(void)
{
	struct rnt_rtnl_link __rcu **tab;
	struct rnt_rtnl_link *link;
	int family, i, err;

	for (i = 0; i < rnt_nr_handlers; i++)
		rnt_handlers[i].present = false;

	for (family = 0; family <= RTNL_FAMILY_MAX; family++) {
		tab = rtnl_dereference(rnt_table[family]);
		if (!tab)
			continue;
		for (i = 0; i < RTM_NR_MSGTYPES; i++) {
			link = rtnl_dereference(tab[i]);
			if (!link)
				continue;
			if (link->flags & ~RNT_KNOWN_FLAGS) {
				pr_err("handler %d/%d has unknown flags %#x: table layout unexpected\n",
				       family, RTM_BASE + i, link->flags);
				return -EINVAL;
			}
			if (link->doit) {
				err = rnt_add((unsigned long)link->doit, family,
					      RTM_BASE + i, RNT_DOIT, link->flags);
				if (err)
					return err;
			}
			if (link->dumpit) {
				err = rnt_add((unsigned long)link->dumpit, family,
					      RTM_BASE + i, RNT_DUMPIT, link->flags);
				if (err)
					return err;
			}
		}
	}
	return 0;
}

/* Caller holds rnt_mutex and has the probes unregistered. */
int rnt_handlers_scan(void)
{
	int i, err;

	if (!rnt_table) {
		rnt_table = (void *)rnt_lookup_name("rtnl_msg_handlers");
		if (!rnt_table) {
			pr_err("cannot find rtnl_msg_handlers (needs CONFIG_KALLSYMS_ALL)\n");
			return -ENOENT;
		}
	}

	rtnl_lock();
	err = __rnt_handlers_scan();
	rtnl_unlock();
	if (err)
		return err;

	rnt_nindex = 0;
	for (i = 0; i < rnt_nr_handlers; i++)
		if (rnt_handlers[i].present)
			rnt_index[rnt_nindex++] = i;
	sort(rnt_index, rnt_nindex, sizeof(rnt_index[0]), rnt_cmp_index, NULL);
	return 0;
}

void rnt_handlers_free(void)
{
	int i;

	for (i = 0; i < rnt_nr_handlers; i++)
		free_percpu(rnt_handlers[i].stats);
	rnt_nr_handlers = 0;
	rnt_nindex = 0;
}

/* The unique handler addresses, for the fprobe. Caller frees *addrs. */
int rnt_handler_addrs(unsigned long **addrs)
{
	unsigned long *a;
	int i, n = 0;

	a = kcalloc(max(rnt_nindex, 1), sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	for (i = 0; i < rnt_nindex; i++) {
		unsigned long fn = rnt_handlers[rnt_index[i]].fn;

		if (!n || a[n - 1] != fn)
			a[n++] = fn;
	}
	*addrs = a;
	return n;
}

/*
 * Find the slot for a call of the handler at @ip (a function start, or a
 * few bytes in when ftrace reports its patch site) made for @family and
 * @msgtype. A handler that served a request through the PF_UNSPEC
 * fallback is found under PF_UNSPEC. A negative @kind matches either kind.
 */
int rnt_handler_find(unsigned long ip, int family, int msgtype, int kind)
{
	int lo = 0, hi = rnt_nindex - 1, found = -1, fallback = -1, any = -1;
	int i;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (rnt_handlers[rnt_index[mid]].fn <= ip) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (found < 0 || ip - rnt_handlers[rnt_index[found]].fn >= RNT_ENTRY_SLACK)
		return RNT_NO_SLOT;

	ip = rnt_handlers[rnt_index[found]].fn;
	while (found > 0 && rnt_handlers[rnt_index[found - 1]].fn == ip)
		found--;
	for (i = found; i < rnt_nindex && rnt_handlers[rnt_index[i]].fn == ip; i++) {
		const struct rnt_handler *h = &rnt_handlers[rnt_index[i]];

		if (kind >= 0 && h->kind != kind)
			continue;
		if (any < 0)
			any = rnt_index[i];
		if (h->msgtype != msgtype)
			continue;
		if (h->family == family)
			return rnt_index[i];
		if (h->family == PF_UNSPEC)
			fallback = rnt_index[i];
	}
	return fallback >= 0 ? fallback : any;
}

static struct rnt_rtnl_link *rnt_get_link(int family, int type)
{
	struct rnt_rtnl_link __rcu **tab;

	if (family > RTNL_FAMILY_MAX)
		family = PF_UNSPEC;
	tab = rcu_dereference_sched(rnt_table[family]);
	if (!tab)
		tab = rcu_dereference_sched(rnt_table[PF_UNSPEC]);
	return tab ? rcu_dereference_sched(tab[type]) : NULL;
}

/*
 * The slot of the handler rtnetlink_rcv_msg() is about to run for a
 * request of @family and @msgtype, by the same lookup and fallback.
 */
int rnt_handler_predict(int family, int msgtype, bool dump)
{
	int type = msgtype - RTM_BASE, kind = dump ? RNT_DUMPIT : RNT_DOIT;
	struct rnt_rtnl_link *link;
	unsigned long fn = 0;
	int pass;

	if (type < 0 || type >= RTM_NR_MSGTYPES)
		return RNT_NO_SLOT;

	/*
	 * Probe handlers run with preemption off, which is an RCU read-side
	 * section, the one rtnetlink's unregistration waits for.
	 */
	for (pass = 0; pass < 2 && !fn; pass++) {
		link = rnt_get_link(family, type);
		if (link)
			fn = dump ? (unsigned long)link->dumpit :
				    (unsigned long)link->doit;
		if (!fn)
			family = PF_UNSPEC;
	}
	if (!fn)
		return RNT_NO_SLOT;
	return rnt_handler_find(fn, family, msgtype, kind);
}
