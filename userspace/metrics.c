// SPDX-License-Identifier: GPL-2.0
/* rtnlctl metrics: the Prometheus text exposition format. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "show.h"

#define PREFIX		"rtnl_net_trace_"
#define LABELS_LEN	4096

struct all {
	int version;
	struct status status;
	struct handlers handlers;
	struct stats stats;
	struct rtnl_info rtnl;
	struct locksets locksets;
	struct netns_table netns;
	struct violations violations;
	struct footprint footprint;	/* not present from older modules */
	struct blocked blocked;		/* nor this */
};

/* A label set in exposition syntax, without the braces. */
struct labels {
	char s[LABELS_LEN];
	size_t len;
	bool overflow;
};

static void label(struct labels *l, const char *name, const char *val)
{
	char buf[LABELS_LEN];
	size_t n = 0;

	for (; *val && n < sizeof(buf) - 2; val++) {
		if (*val == '\\' || *val == '"' || *val == '\n') {
			buf[n++] = '\\';
			buf[n++] = *val == '\n' ? 'n' : *val;
		} else {
			buf[n++] = *val;
		}
	}
	buf[n] = '\0';
	n = snprintf(l->s + l->len, sizeof(l->s) - l->len, "%s%s=\"%s\"",
		     l->len ? "," : "", name, buf);
	if (*val || l->len + n >= sizeof(l->s))
		l->overflow = true;
	else
		l->len += n;
}

/* A fresh label set with one label. */
static struct labels *one_label(struct labels *l, const char *name,
				const char *val)
{
	*l = (struct labels){ 0 };
	label(l, name, val);
	return l;
}

static void label_u64(struct labels *l, const char *name, uint64_t val)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, val);
	label(l, name, buf);
}

static void handler_labels(struct labels *l, const struct hkey *k)
{
	char buf[NAME_LEN];

	*l = (struct labels){ 0 };
	label(l, "family", family_name(k->family, buf));
	label(l, "msgtype", msgtype_name(k->msgtype, buf));
	label(l, "kind", k->kind);
	label(l, "handler", k->fn);
}

static void netns_labels(struct labels *l, const struct netns *ns)
{
	*l = (struct labels){ 0 };
	label_u64(l, "inum", ns->inum);
	label_u64(l, "cookie", ns->cookie);
}

static void header(const char *name, const char *type, const char *help)
{
	printf("# HELP " PREFIX "%s %s\n", name, help);
	printf("# TYPE " PREFIX "%s %s\n", name, type);
}

static void sample_str(const char *name, const struct labels *l,
		       const char *val)
{
	if (l && l->overflow)
		return;
	if (l && l->len)
		printf(PREFIX "%s{%s} %s\n", name, l->s, val);
	else
		printf(PREFIX "%s %s\n", name, val);
}

static void sample(const char *name, const struct labels *l, uint64_t val)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, val);
	sample_str(name, l, buf);
}

/* Nanoseconds as exact decimal seconds: 2048 -> "0.000002048". */
static void fmt_seconds(char *buf, size_t len, uint64_t ns)
{
	int n = snprintf(buf, len, "%" PRIu64 ".%09" PRIu64,
			 ns / 1000000000, ns % 1000000000);

	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}

static void sample_seconds(const char *name, const struct labels *l,
			   uint64_t ns)
{
	char buf[32];

	fmt_seconds(buf, sizeof(buf), ns);
	sample_str(name, l, buf);
}

/* Buckets are cumulative; +Inf equals _count. */
static void histogram(const char *name, const struct labels *base,
		      const struct dist *d)
{
	char metric[128], le[32];
	struct labels l;
	uint64_t cum = 0;
	unsigned int i;

	snprintf(metric, sizeof(metric), "%s_bucket", name);
	for (i = 0; i < HIST_BUCKETS; i++) {
		cum += d->hist[i];
		if (i < HIST_BUCKETS - 1)
			fmt_seconds(le, sizeof(le), hist_upper(i));
		else
			snprintf(le, sizeof(le), "+Inf");
		l = *base;
		label(&l, "le", le);
		sample(metric, &l, cum);
	}
	snprintf(metric, sizeof(metric), "%s_sum", name);
	sample_seconds(metric, base, d->sum);
	snprintf(metric, sizeof(metric), "%s_count", name);
	sample(metric, base, cum);
}

/* One sample per counter, labelled @lname=<its name>; words are skipped. */
static void counters(const char *name, const char *lname,
		     const struct counters *c)
{
	struct labels l;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].num)
			sample(name, one_label(&l, lname, c->v[i].name),
			       c->v[i].val);
}

/* The memory line: bytes per table, except the netns record count and size. */
static bool memory_is_bytes(const char *key)
{
	return strcmp(key, "netns_records") && strcmp(key, "netns_record");
}

static void memory(const struct counters *c)
{
	struct labels l;
	size_t i;

	header("memory_bytes", "gauge", "Memory of each table.");
	for (i = 0; i < c->n; i++)
		if (c->v[i].num && memory_is_bytes(c->v[i].name))
			sample("memory_bytes", one_label(&l, "table", c->v[i].name),
			       c->v[i].val);
	for (i = 0; i < c->n; i++) {
		if (!c->v[i].num || memory_is_bytes(c->v[i].name))
			continue;
		if (!strcmp(c->v[i].name, "netns_records")) {
			header("netns_records", "gauge",
			       "Netns records held: live, exited, folded not yet freed.");
			sample("netns_records", NULL, c->v[i].val);
		} else {
			header("netns_record_bytes", "gauge", "Bytes of one netns record.");
			sample("netns_record_bytes", NULL, c->v[i].val);
		}
	}
}

/*
 * A figure that only some probes have (the handler probes' table), at
 * @off in struct probe: one sample per probe that has it, if any.
 */
static void probe_opt(const struct status *st, const char *name,
		      const char *type, const char *help, size_t off)
{
	const struct opt_u64 *v;
	struct labels l;
	bool any = false;
	size_t i;

	for (i = 0; i < st->nprobes; i++) {
		v = (const struct opt_u64 *)((const char *)&st->probes[i] + off);
		if (!v->set)
			continue;
		if (!any)
			header(name, type, help);
		any = true;
		sample(name, one_label(&l, "probe", st->probes[i].name),
		       v->val);
	}
}

static void print_module(const struct all *a)
{
	const struct status *st = &a->status;
	struct labels l = { 0 };
	size_t i;

	header("info", "gauge", "Module and format information.");
	label_u64(&l, "format_version", a->version);
	label(&l, "kernel", st->kernel);
	label(&l, "violation_action", st->action);
	sample("info", &l, 1);

	header("enabled", "gauge", "1 when the probes are registered.");
	sample("enabled", NULL, st->enabled);

	header("max_nets", "gauge", "Largest per-netns lock set the kernel allows.");
	sample("max_nets", NULL, st->max_nets);

	if (st->max_tasks.set) {
		header("max_tasks", "gauge",
		       "Tasks tracked at once (module parameter max_tasks).");
		sample("max_tasks", NULL, st->max_tasks.val);
	}
	if (st->max_sites.set) {
		header("max_sites", "gauge",
		       "Call sites with figures of their own (module parameter max_sites).");
		sample("max_sites", NULL, st->max_sites.val);
	}

	header("feature_info", "gauge", "Features and their state.");
	for (i = 0; i < st->nfeatures; i++) {
		one_label(&l, "feature", st->features[i].name);
		label(&l, "state", st->features[i].state);
		sample("feature_info", &l, 1);
	}

	header("probe_info", "gauge", "Probes and their state.");
	for (i = 0; i < st->nprobes; i++) {
		one_label(&l, "probe", st->probes[i].name);
		label(&l, "state", st->probes[i].state);
		sample("probe_info", &l, 1);
	}

	header("probe_addresses", "gauge", "Addresses each probe is attached to.");
	for (i = 0; i < st->nprobes; i++)
		sample("probe_addresses", one_label(&l, "probe", st->probes[i].name),
		       st->probes[i].addrs);

	header("probe_missed_total", "counter", "Probe hits missed (nmissed).");
	for (i = 0; i < st->nprobes; i++)
		sample("probe_missed_total",
		       one_label(&l, "probe", st->probes[i].name),
		       st->probes[i].nmissed);

	probe_opt(st, "probe_owners", "gauge",
		  "Owners (the kernel, modules) with handlers probed.",
		  offsetof(struct probe, owners));
	probe_opt(st, "probe_scans_total", "counter",
		  "Reads of the kernel's handler table.",
		  offsetof(struct probe, scans));
	probe_opt(st, "probe_unslotted", "gauge",
		  "Handler table entries the last read found no free slot for.",
		  offsetof(struct probe, unslotted));

	if (st->memory.n)
		memory(&st->memory);

	header("drops_total", "counter", "Events dropped because a table was full.");
	counters("drops_total", "table", &st->drops);
}

/* One sample per kind and @lname in @names, of @counts[kind * n + name]. */
static void kind_counts(const char *name, const struct handler_summary *s,
			const char *lname, const char *const *names, size_t n,
			const uint64_t *counts)
{
	struct labels l;
	size_t k, i;

	for (k = 0; k < s->nkinds; k++) {
		for (i = 0; i < n; i++) {
			one_label(&l, "kind", s->kinds[k]);
			label(&l, lname, names[i]);
			sample(name, &l, counts[k * n + i]);
		}
	}
}

static int print_handlers(const struct handlers *t, const struct footprint *fp)
{
	struct handler_summary s;

	if (handler_summary(t, fp, &s))
		return -1;
	header("handlers", "gauge", "Registered rtnetlink handlers.");
	kind_counts("handlers", &s, "locking", s.lockings, s.nlockings,
		    s.count);
	if (fp->present) {
		header("handlers_behaviour", "gauge",
		       "Registered rtnetlink handlers by the behaviour seen since the last reset.");
		kind_counts("handlers_behaviour", &s, "behaviour", s.behaviours,
			    s.nbehaviours, s.bcount);
	}
	free_handler_summary(&s);
	return 0;
}

static const struct {
	const char *name, *type, *help;
	size_t off;
} stat_metrics[] = {
	{ "handler_calls_total", "counter",
	  "Handler calls (dump rounds for a dumpit).",
	  offsetof(struct hstat, calls) },
	{ "handler_errors_total", "counter", "Handler calls that failed.",
	  offsetof(struct hstat, errors) },
	{ "handler_requests_total", "counter",
	  "Requests (dump starts for a dumpit).",
	  offsetof(struct hstat, requests) },
	{ "handler_rounds_total", "counter", "Dumpit rounds.",
	  offsetof(struct hstat, rounds) },
	{ "handler_rtnl_calls_total", "counter", "Calls that ran with RTNL held.",
	  offsetof(struct hstat, rtnl) },
	{ "handler_unlocked_calls_total", "counter",
	  "Calls that ran without RTNL.", offsetof(struct hstat, unlocked) },
	{ "handler_inflight", "gauge", "Calls running now.",
	  offsetof(struct hstat, inflight) },
	{ "handler_inflight_max", "gauge", "Most calls running at once.",
	  offsetof(struct hstat, inflight_max) },
	{ "handler_lockset_init_net_total", "counter",
	  "Per-netns lock sets that included init_net.",
	  offsetof(struct hstat, lockset_init_net) },
	{ "handler_lockset_max_size", "gauge",
	  "Largest per-netns lock set taken.",
	  offsetof(struct hstat, lockset_max) },
};

static const struct {
	const char *name, *help;
	size_t off;
} stat_hists[] = {
	{ "handler_latency_seconds", "Handler latency.",
	  offsetof(struct hstat, lat) },
	{ "handler_rtnl_wait_seconds", "RTNL wait charged to the handler.",
	  offsetof(struct hstat, wait) },
	{ "handler_rtnl_hold_seconds", "RTNL hold charged to the handler.",
	  offsetof(struct hstat, hold) },
};

static void print_stats(const struct stats *t)
{
	char buf[NAME_LEN];
	struct labels l, el;
	size_t i, j, m;

	for (m = 0; m < ARRAY_SIZE(stat_metrics); m++) {
		header(stat_metrics[m].name, stat_metrics[m].type,
		       stat_metrics[m].help);
		for (i = 0; i < t->n; i++) {
			handler_labels(&l, &t->v[i].key);
			sample(stat_metrics[m].name, &l,
			       *(const uint64_t *)((const char *)&t->v[i] +
						   stat_metrics[m].off));
		}
	}

	header("handler_errno_total", "counter", "Handler failures by errno.");
	for (i = 0; i < t->n; i++) {
		handler_labels(&l, &t->v[i].key);
		for (j = 0; j < t->v[i].nerrnos; j++) {
			el = l;
			label(&el, "errno",
			      stat_errno_name(t->v[i].errnos[j].err, buf));
			sample("handler_errno_total", &el,
			       t->v[i].errnos[j].count);
		}
	}

	header("handler_locksets_total", "counter",
	       "Per-netns lock sets taken, by size.");
	for (i = 0; i < t->n; i++) {
		handler_labels(&l, &t->v[i].key);
		for (j = 0; j < t->v[i].nlockset; j++) {
			el = l;
			label(&el, "size", lockset_name(j, t->v[i].nlockset,
							buf));
			sample("handler_locksets_total", &el, t->v[i].lockset[j]);
		}
	}

	for (m = 0; m < ARRAY_SIZE(stat_hists); m++) {
		header(stat_hists[m].name, "histogram", stat_hists[m].help);
		for (i = 0; i < t->n; i++) {
			handler_labels(&l, &t->v[i].key);
			histogram(stat_hists[m].name, &l,
				  (const struct dist *)((const char *)&t->v[i] +
							stat_hists[m].off));
		}
	}
}

static void print_rtnl(const struct rtnl_info *t)
{
	struct labels l, none = { 0 };
	size_t i;

	header("rtnl_acquire_total", "counter", "RTNL acquisitions by function.");
	counters("rtnl_acquire_total", "method", &t->acquire);
	header("rtnl_wait_seconds", "histogram", "Time spent waiting for RTNL.");
	histogram("rtnl_wait_seconds", &none, &t->wait);
	header("rtnl_hold_seconds", "histogram", "Time RTNL was held.");
	histogram("rtnl_hold_seconds", &none, &t->hold);

	header("rtnl_site_sections_total", "counter",
	       "RTNL sections outside rtnetlink handlers, by caller.");
	for (i = 0; i < t->nsites; i++)
		sample("rtnl_site_sections_total",
		       one_label(&l, "site", t->sites[i].sym), t->sites[i].count);
	header("rtnl_site_wait_seconds_total", "counter",
	       "RTNL wait outside rtnetlink handlers, by caller.");
	for (i = 0; i < t->nsites; i++)
		sample_seconds("rtnl_site_wait_seconds_total",
			       one_label(&l, "site", t->sites[i].sym),
			       t->sites[i].wait_sum);
	header("rtnl_site_hold_seconds_total", "counter",
	       "RTNL hold outside rtnetlink handlers, by caller.");
	for (i = 0; i < t->nsites; i++)
		sample_seconds("rtnl_site_hold_seconds_total",
			       one_label(&l, "site", t->sites[i].sym),
			       t->sites[i].hold_sum);
}

/*
 * The exited netns no longer listed one by one, folded into one total
 * (no samples from an older module, which has none).
 */
static void print_netns_exited(const struct netns_exited *e)
{
	header("netns_exited_total", "counter",
	       "Exited network namespaces folded into the netns_exited totals.");
	if (e->rec)
		sample("netns_exited_total", NULL, e->nets);
	header("netns_exited_requests_total", "counter",
	       "rtnetlink requests sent from the folded exited netns.");
	if (e->rec)
		sample("netns_exited_requests_total", NULL, e->requests);
	header("netns_exited_locks_total", "counter",
	       "Acquisitions of the per-netns RTNL of the folded exited netns.");
	if (e->rec)
		sample("netns_exited_locks_total", NULL, e->locks);
}

static void print_tables(const struct all *a)
{
	struct labels l;
	uint64_t live;
	size_t i;

	header("lockset_shape_total", "counter",
	       "Per-netns lock sets taken, by owner and shape.");
	for (i = 0; i < a->locksets.n; i++) {
		const struct lockset *ls = &a->locksets.v[i];

		one_label(&l, "owner", ls->owner);
		label(&l, "size", ls->size);
		label_u64(&l, "init_net", ls->init_net);
		sample("lockset_shape_total", &l, ls->count);
	}
	header("lockset_max_size", "gauge",
	       "Largest per-netns lock set taken, by owner.");
	for (i = 0; i < a->locksets.nmaxes; i++)
		sample("lockset_max_size",
		       one_label(&l, "owner", a->locksets.maxes[i].owner),
		       a->locksets.maxes[i].max_set);

	header("netns", "gauge", "Live network namespaces.");
	for (i = 0, live = 0; i < a->netns.n; i++)
		live += netns_live(&a->netns.v[i]);
	sample("netns", NULL, live);
	/* Every netns listed, live or exited: the same series until folded. */
	header("netns_requests_total", "counter",
	       "rtnetlink requests sent from a netns.");
	for (i = 0; i < a->netns.n; i++) {
		netns_labels(&l, &a->netns.v[i]);
		sample("netns_requests_total", &l, a->netns.v[i].requests);
	}
	header("netns_locks_total", "counter",
	       "Acquisitions of a netns's per-netns RTNL.");
	for (i = 0; i < a->netns.n; i++) {
		netns_labels(&l, &a->netns.v[i]);
		sample("netns_locks_total", &l, a->netns.v[i].locks);
	}
	print_netns_exited(&a->netns.exited);

	header("violations_total", "counter", "Locking rule violations by kind.");
	counters("violations_total", "kind", &a->violations.totals);
	if (a->violations.ring_rec) {
		header("violation_ring_dropped_total", "counter",
		       "Distinct violations whose ring entry was dropped.");
		sample("violation_ring_dropped_total", NULL,
		       a->violations.ring_dropped);
	}
}

/*
 * A footprint owner's labels: a handler's as in the handler metrics, a
 * call site's as in the rtnl_site ones, a newer type's type and owner.
 */
static struct labels *owner_labels(struct labels *l, const struct fp_key *k)
{
	if (k->handler) {
		handler_labels(l, &k->key);
	} else if (!strcmp(k->type, "site")) {
		one_label(l, "site", k->key.fn);
	} else {
		one_label(l, "type", k->type);
		label(l, "owner", k->key.fn);
	}
	return l;
}

static const struct {
	const char *name, *help;
	size_t off;
} owner_metrics[] = {
	{ "footprint_sections_total",
	  "RTNL sections charged to the owner (footprint).",
	  offsetof(struct fp_owner, sections) },
	{ "footprint_covered_touches_total",
	  "Netns changes made holding that netns's per-netns lock.",
	  offsetof(struct fp_owner, covered) },
	{ "footprint_uncovered_touches_total",
	  "Netns changes made without that netns's per-netns lock: the to-do.",
	  offsetof(struct fp_owner, uncovered) },
};

/*
 * The to-do verdict and RTNL hold time of each owner that ran (as
 * rtnlctl todo), and the share of all RTNL hold time of those converted,
 * single or none.
 */
static void print_verdicts(const struct all *a)
{
	const struct footprint *t = &a->footprint;
	uint64_t ready = 0, all = a->rtnl.hold.sum;
	struct fp_plan p;
	struct labels l;
	char buf[40];
	size_t i;

	header("footprint_verdict_info", "gauge",
	       "The owner's conversion verdict (rtnlctl todo).");
	for (i = 0; i < t->nowners; i++) {
		fp_plan(t, &t->owners[i], &a->stats, &a->rtnl, &a->locksets, &p);
		if (fp_verdict_ready(p.verdict))
			ready += p.hold;
		if (p.verdict == FP_UNSEEN)
			continue;
		owner_labels(&l, &t->owners[i].key);
		label(&l, "verdict", fp_verdict_name(p.verdict));
		sample("footprint_verdict_info", &l, 1);
	}
	header("footprint_hold_seconds_total", "counter",
	       "RTNL hold time of the owner's sections (stats, rtnl).");
	for (i = 0; i < t->nowners; i++) {
		fp_plan(t, &t->owners[i], &a->stats, &a->rtnl, &a->locksets, &p);
		if (p.verdict == FP_UNSEEN)
			continue;
		sample_seconds("footprint_hold_seconds_total",
			       owner_labels(&l, &t->owners[i].key), p.hold);
	}
	header("footprint_ready_hold_seconds", "gauge",
	       "RTNL hold time of the owners converted, single or none.");
	sample_seconds("footprint_ready_hold_seconds", NULL, ready);
	header("footprint_ready_hold_ratio", "gauge",
	       "Share of all RTNL hold time of the owners converted, single or none.");
	if (all) {
		snprintf(buf, sizeof(buf), "%.6f", (double)ready / (double)all);
		sample_str("footprint_ready_hold_ratio", NULL, buf);
	}
}

/* The owners that ran or changed anything since the last reset. */
static void print_footprint(const struct all *a)
{
	const struct footprint *t = &a->footprint;
	struct labels l;
	size_t i, m;

	if (!t->present)
		return;
	header("footprint_coverage_info", "gauge",
	       "How a netns change is judged covered by a per-netns lock.");
	sample("footprint_coverage_info", one_label(&l, "mode", t->coverage), 1);
	header("footprint_outside_touches_total", "counter",
	       "Netns changes seen outside any RTNL section tracked.");
	sample("footprint_outside_touches_total", NULL, t->outside);
	header("footprint_behaviour_info", "gauge",
	       "The behaviour of an owner seen since the last reset.");
	for (i = 0; i < t->nowners; i++) {
		if (!fp_owner_active(&t->owners[i]))
			continue;
		owner_labels(&l, &t->owners[i].key);
		label(&l, "behaviour", t->owners[i].behaviour);
		sample("footprint_behaviour_info", &l, 1);
	}
	for (m = 0; m < ARRAY_SIZE(owner_metrics); m++) {
		header(owner_metrics[m].name, "counter", owner_metrics[m].help);
		for (i = 0; i < t->nowners; i++) {
			if (!fp_owner_active(&t->owners[i]))
				continue;
			owner_labels(&l, &t->owners[i].key);
			sample(owner_metrics[m].name, &l,
			       *(const uint64_t *)((const char *)&t->owners[i] +
						   owner_metrics[m].off));
		}
	}
	print_verdicts(a);
}

/* A blocked owner pair's labels. */
static struct labels *pair_labels(struct labels *l,
				  const struct blocked_pair *p)
{
	one_label(l, "waiter", p->waiter);
	label(l, "waiter_type", p->waiter_type);
	label(l, "holder", p->holder);
	label(l, "holder_type", p->holder_type);
	return l;
}

static const struct {
	const char *name, *type, *help;
	size_t off;
	bool ns;
} blocked_metrics[] = {
	{ "blocked_waits_total", "counter",
	  "RTNL waits that overlapped a recorded RTNL section.",
	  offsetof(struct blocked, waits), false },
	{ "blocked_wait_seconds_total", "counter", "Their total wait time.",
	  offsetof(struct blocked, wait_sum), true },
	{ "blocked_charged_seconds_total", "counter",
	  "The part of it charged to the sections that held RTNL meanwhile.",
	  offsetof(struct blocked, charged), true },
	{ "blocked_pairs", "gauge", "Owner pairs in the blocked-by table.",
	  offsetof(struct blocked, pairs), false },
	{ "blocked_pairs_max", "gauge", "Room for pairs in each blocked-by table.",
	  offsetof(struct blocked, pairs_max), false },
	{ "blocked_pairs_dropped_total", "counter",
	  "Charges for which a blocked-by table had no room.",
	  offsetof(struct blocked, pairs_dropped), false },
	{ "blocked_holds_total", "counter", "RTNL sections recorded in the ring.",
	  offsetof(struct blocked, holds), false },
	{ "blocked_holds_overrun_total", "counter",
	  "Waits that began before the oldest section still in the ring.",
	  offsetof(struct blocked, holds_overrun), false },
};

/* Who blocked whom: the totals, and per owner pair. */
static void print_blocked_metrics(const struct blocked *t)
{
	struct labels l;
	uint64_t val;
	size_t i;

	if (!t->present)
		return;
	for (i = 0; i < ARRAY_SIZE(blocked_metrics); i++) {
		val = *(const uint64_t *)((const char *)t + blocked_metrics[i].off);
		header(blocked_metrics[i].name, blocked_metrics[i].type,
		       blocked_metrics[i].help);
		if (blocked_metrics[i].ns)
			sample_seconds(blocked_metrics[i].name, NULL, val);
		else
			sample(blocked_metrics[i].name, NULL, val);
	}
	header("blocked_pair_waits_total", "counter",
	       "RTNL waits of the waiting owner held up by the holding owner.");
	for (i = 0; i < t->n; i++)
		sample("blocked_pair_waits_total", pair_labels(&l, &t->v[i]),
		       t->v[i].waits);
	header("blocked_pair_wait_seconds_total", "counter",
	       "The wait time of the waiting owner charged to the holding owner.");
	for (i = 0; i < t->n; i++)
		sample_seconds("blocked_pair_wait_seconds_total",
			       pair_labels(&l, &t->v[i]), t->v[i].wait_sum);
}

static int load_all(struct all *a)
{
	memset(a, 0, sizeof(*a));
	a->version = read_format_version();
	if (a->version < 0 || load_status(&a->status))
		return -1;
	if (load_handlers(&a->handlers))
		goto err_status;
	if (load_stats(&a->stats))
		goto err_handlers;
	if (load_rtnl(&a->rtnl))
		goto err_stats;
	if (load_locksets(&a->locksets))
		goto err_rtnl;
	if (load_netns(&a->netns))
		goto err_locksets;
	if (load_violations(&a->violations))
		goto err_netns;
	if (load_footprint(&a->footprint, true))
		goto err_violations;
	if (load_blocked(&a->blocked, true))
		goto err_footprint;
	return 0;

err_footprint:
	free_footprint(&a->footprint);
err_violations:
	free_violations(&a->violations);
err_netns:
	free_netns(&a->netns);
err_locksets:
	free_locksets(&a->locksets);
err_rtnl:
	free_rtnl(&a->rtnl);
err_stats:
	free_stats(&a->stats);
err_handlers:
	free_handlers(&a->handlers);
err_status:
	free_status(&a->status);
	return -1;
}

static void free_all(struct all *a)
{
	free_blocked(&a->blocked);
	free_footprint(&a->footprint);
	free_violations(&a->violations);
	free_netns(&a->netns);
	free_locksets(&a->locksets);
	free_rtnl(&a->rtnl);
	free_stats(&a->stats);
	free_handlers(&a->handlers);
	free_status(&a->status);
}

int do_metrics(int argc, char **argv)
{
	struct all a;

	if (no_more_args(argc, argv))
		return -1;
	if (json_output)
		return p_err("metrics has no JSON output");
	if (load_all(&a))
		return -1;
	print_module(&a);
	if (print_handlers(&a.handlers, &a.footprint)) {
		free_all(&a);
		return -1;
	}
	print_stats(&a.stats);
	print_rtnl(&a.rtnl);
	print_tables(&a);
	print_footprint(&a);
	print_blocked_metrics(&a.blocked);
	free_all(&a);
	return 0;
}
