// SPDX-License-Identifier: GPL-2.0
/* Loaders that turn the debugfs records into validated structures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "main.h"

#define MAX_ERRNO	4095

const char *const kind_names[NR_KINDS] = { "doit", "dumpit" };

const char *const lockset_names[LOCKSET_BUCKETS] = {
	"1", "2", "3", "4", "5+",
};

const char *const acquire_names[NR_ACQUIRE] = {
	"lock", "interruptible", "killable", "trylock_ok", "trylock_fail",
	"refcount",
};

const char *const vkind_names[NR_VKINDS] = {
	"order", "recursion", "too_many", "no_rtnl", "rtnl_inversion",
	"unbalanced_unlock", "leak",
};

const char *const drop_names[NR_DROPS] = {
	"task_slots", "sites", "netns", "held", "violations",
};

static const char *const locking_names[] = { "rtnl", "unlocked" };

uint64_t hist_total(const uint64_t *hist)
{
	uint64_t total = 0;
	unsigned int i;

	for (i = 0; i < HIST_BUCKETS; i++)
		total += hist[i];
	return total;
}

/* Bucket i holds values below 2^(i+1); the last one has no bound. */
uint64_t hist_upper(unsigned int bucket)
{
	return bucket < HIST_BUCKETS - 1 ? 2ull << bucket : UINT64_MAX;
}

uint64_t dist_avg(const struct dist *d)
{
	return d->count ? d->sum / d->count : 0;
}

/*
 * The upper bound of the bucket in which the cumulative count reaches
 * @pct percent of all samples, capped at the largest value seen.
 */
uint64_t dist_percentile(const struct dist *d, unsigned int pct)
{
	uint64_t total = hist_total(d->hist), target, cum = 0, upper;
	unsigned int i;

	if (!total)
		return 0;
	target = total / 100 * pct + (total % 100 * pct + 99) / 100;
	for (i = 0; i < HIST_BUCKETS - 1; i++) {
		cum += d->hist[i];
		if (cum >= target)
			break;
	}
	upper = hist_upper(i);
	return upper < d->max ? upper : d->max;
}

const char *stat_errno_name(uint64_t err, char *buf)
{
	return err == ERRNO_OTHER ? "other" : errno_name(err, buf);
}

bool hkey_equal(const struct hkey *a, const struct hkey *b)
{
	return a->family == b->family && a->msgtype == b->msgtype &&
	       a->kind == b->kind && !strcmp(a->fn, b->fn);
}

/* Numeric fields whose key is the name of the struct member. */
struct u64_field {
	const char *key;
	size_t off;
};

#define U64_FIELD(type, member) { #member, offsetof(type, member) }

static int rec_u64_fields(const struct rfile *f, const struct record *r,
			  const struct u64_field *fl, size_t n, void *obj)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rec_u64(f, r, fl[i].key,
			    (uint64_t *)((char *)obj + fl[i].off)))
			return -1;
	return 0;
}

static int rec_u64_names(const struct rfile *f, const struct record *r,
			 const char *const *names, size_t n, uint64_t *val)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rec_u64(f, r, names[i], &val[i]))
			return -1;
	return 0;
}

/*
 * A list "a:b,a:b" (or "-" when empty) into a new array of @size-byte
 * elements, storing a and b at offsets @off_a and @off_b. An a equal to
 * @word (if not NULL) is stored as UINT64_MAX.
 */
static int rec_pairs(const struct rfile *f, const struct record *r,
		     const char *key, const char *word, size_t size,
		     size_t off_a, size_t off_b, void **arr, size_t *n)
{
	const char *s = rec_str(f, r, key), *p;
	char item[48], *colon;
	size_t i, count = 1, len;
	char *elem;

	*arr = NULL;
	*n = 0;
	if (!s)
		return -1;
	if (!strcmp(s, "-"))
		return 0;
	for (p = s; *p; p++)
		count += *p == ',';
	*arr = calloc(count, size);
	if (!*arr)
		return p_err("out of memory");
	for (i = 0; i < count; i++, s = p + 1) {
		elem = (char *)*arr + i * size;
		p = strchrnul(s, ',');
		len = p - s;
		if (len >= sizeof(item))
			return rec_err(f, r, "bad %s", key);
		memcpy(item, s, len);
		item[len] = '\0';
		colon = strchr(item, ':');
		if (!colon)
			return rec_err(f, r, "bad %s", key);
		*colon = '\0';
		if (word && !strcmp(item, word))
			*(uint64_t *)(elem + off_a) = UINT64_MAX;
		else if (parse_u64(item, (uint64_t *)(elem + off_a)))
			return rec_err(f, r, "bad %s", key);
		if (parse_u64(colon + 1, (uint64_t *)(elem + off_b)))
			return rec_err(f, r, "bad %s", key);
	}
	*n = count;
	return 0;
}

/* The fields <prefix>_sum, <prefix>_max and <prefix>_hist. */
static int rec_dist(const struct rfile *f, const struct record *r,
		    const char *prefix, struct dist *d)
{
	const char *sep = *prefix ? "_" : "";
	char key[3][32];

	snprintf(key[0], sizeof(key[0]), "%s%ssum", prefix, sep);
	snprintf(key[1], sizeof(key[1]), "%s%smax", prefix, sep);
	snprintf(key[2], sizeof(key[2]), "%s%shist", prefix, sep);
	if (rec_u64(f, r, key[0], &d->sum) || rec_u64(f, r, key[1], &d->max) ||
	    rec_u64_list(f, r, key[2], d->hist, HIST_BUCKETS))
		return -1;
	d->count = hist_total(d->hist);
	return 0;
}

static int rec_hkey(const struct rfile *f, const struct record *r,
		    struct hkey *k)
{
	uint64_t family, msgtype;
	int kind;

	if (rec_u64_max(f, r, "family", UINT8_MAX, &family) ||
	    rec_u64_max(f, r, "msgtype", UINT16_MAX, &msgtype))
		return -1;
	kind = rec_enum(f, r, "kind", kind_names, NR_KINDS);
	if (kind < 0)
		return -1;
	k->family = family;
	k->msgtype = msgtype;
	k->kind = kind;
	k->fn = rec_str(f, r, "fn");
	return k->fn ? 0 : -1;
}

static const struct record *find_record(const struct rfile *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nrecs; i++)
		if (!strcmp(f->recs[i].name, name))
			return rec_keys_only(f, &f->recs[i]) ? NULL :
							       &f->recs[i];
	p_err("malformed file %s: no %s record", f->name, name);
	return NULL;
}

static size_t count_records(const struct rfile *f, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < f->nrecs; i++)
		n += !strcmp(f->recs[i].name, name);
	return n;
}

typedef int (*parse_fn)(const struct rfile *f, const struct record *r,
			void *out);
typedef void (*free_fn)(void *elem);

static void free_array(void *v, size_t n, size_t size, free_fn elem_free)
{
	size_t i;

	for (i = 0; elem_free && i < n; i++)
		elem_free((char *)v + i * size);
	free(v);
}

/*
 * Parse every @rname record of @file into a new array of @size-byte
 * elements. On error everything is freed again, with @elem_free (if any)
 * for what an element holds.
 */
static int load_array(struct rfile *f, const char *file, const char *rname,
		      size_t size, parse_fn parse, free_fn elem_free,
		      void **arr, size_t *n)
{
	size_t i;
	char *v;

	*arr = NULL;
	*n = 0;
	if (rfile_load(f, file))
		return -1;
	v = calloc(count_records(f, rname) + 1, size);
	if (!v) {
		p_err("out of memory");
		goto err;
	}
	for (i = 0; i < f->nrecs; i++) {
		if (strcmp(f->recs[i].name, rname))
			continue;
		if (rec_keys_only(f, &f->recs[i]) ||
		    parse(f, &f->recs[i], v + (*n)++ * size))
			goto err;
	}
	*arr = v;
	return 0;
err:
	free_array(v, *n, size, elem_free);
	rfile_free(f);
	*n = 0;
	return -1;
}

static int parse_handler(const struct rfile *f, const struct record *r,
			 void *out)
{
	struct handler *h = out;
	uint64_t present;
	int locking;

	if (rec_hkey(f, r, &h->key))
		return -1;
	h->owner = rec_str(f, r, "owner");
	if (!h->owner || rec_hex(f, r, "flags", &h->flags) ||
	    rec_u64_max(f, r, "present", 1, &present))
		return -1;
	locking = rec_enum(f, r, "locking", locking_names,
			   ARRAY_SIZE(locking_names));
	if (locking < 0)
		return -1;
	h->rtnl = locking == 0;
	h->present = present;
	return 0;
}

int load_handlers(struct handlers *t)
{
	void *v;
	int err;

	err = load_array(&t->rf, "handlers", "handler", sizeof(*t->v),
			 parse_handler, NULL, &v, &t->n);
	t->v = v;
	return err;
}

void free_handlers(struct handlers *t)
{
	free(t->v);
	rfile_free(&t->rf);
}

static int cmp_errno(const void *a, const void *b)
{
	const struct errno_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->err < y->err ? -1 : x->err > y->err;
}

static const struct u64_field stat_fields[] = {
	U64_FIELD(struct hstat, calls),
	U64_FIELD(struct hstat, errors),
	U64_FIELD(struct hstat, rtnl),
	U64_FIELD(struct hstat, unlocked),
	U64_FIELD(struct hstat, inflight_max),
	U64_FIELD(struct hstat, requests),
	U64_FIELD(struct hstat, rounds),
};

static int parse_stat(const struct rfile *f, const struct record *r, void *out)
{
	struct hstat *s = out;
	int64_t inflight;
	void *errnos;
	size_t i;

	if (rec_hkey(f, r, &s->key) ||
	    rec_u64_fields(f, r, stat_fields, ARRAY_SIZE(stat_fields), s))
		return -1;
	if (rec_pairs(f, r, "errno", "other", sizeof(*s->errnos),
		      offsetof(struct errno_count, err),
		      offsetof(struct errno_count, count), &errnos,
		      &s->nerrnos)) {
		free(errnos);
		return -1;
	}
	s->errnos = errnos;
	for (i = 0; i < s->nerrnos; i++)
		if (!s->errnos[i].err || (s->errnos[i].err > MAX_ERRNO &&
					  s->errnos[i].err != ERRNO_OTHER))
			return rec_err(f, r, "bad errno");
	/* A call may be counted out but not in, when tracing just started. */
	if (rec_s64(f, r, "inflight", &inflight))
		return -1;
	s->inflight = inflight > 0 ? inflight : 0;
	if (s->nerrnos)
		qsort(s->errnos, s->nerrnos, sizeof(*s->errnos), cmp_errno);
	if (rec_dist(f, r, "lat", &s->lat) ||
	    rec_dist(f, r, "wait", &s->wait) ||
	    rec_dist(f, r, "hold", &s->hold) ||
	    rec_u64_list(f, r, "lockset", s->lockset, LOCKSET_BUCKETS) ||
	    rec_u64(f, r, "init_net", &s->lockset_init_net) ||
	    rec_u64(f, r, "max_set", &s->lockset_max))
		return -1;
	return 0;
}

static void free_hstat(void *elem)
{
	free(((struct hstat *)elem)->errnos);
}

int load_stats(struct stats *t)
{
	void *v;
	int err;

	err = load_array(&t->rf, "stats", "stat", sizeof(*t->v),
			 parse_stat, free_hstat, &v, &t->n);
	t->v = v;
	return err;
}

void free_stats(struct stats *t)
{
	free_array(t->v, t->n, sizeof(*t->v), free_hstat);
	rfile_free(&t->rf);
}

static const struct u64_field site_fields[] = {
	U64_FIELD(struct site, count),
	U64_FIELD(struct site, wait_sum),
	U64_FIELD(struct site, wait_max),
	U64_FIELD(struct site, hold_sum),
	U64_FIELD(struct site, hold_max),
};

static int parse_site(const struct rfile *f, const struct record *r, void *out)
{
	struct site *s = out;

	s->sym = rec_str(f, r, "sym");
	if (!s->sym)
		return -1;
	return rec_u64_fields(f, r, site_fields, ARRAY_SIZE(site_fields), s);
}

static int parse_rtnl_dist(const struct rfile *f, const char *name,
			   struct dist *d)
{
	const struct record *r = find_record(f, name);

	if (!r || rec_dist(f, r, "", d))
		return -1;
	return rec_u64(f, r, "count", &d->count);
}

int load_rtnl(struct rtnl_info *t)
{
	const struct record *r;
	void *v;
	int err;

	memset(t, 0, sizeof(*t));
	err = load_array(&t->rf, "rtnl", "site", sizeof(*t->sites), parse_site,
			 NULL, &v, &t->nsites);
	t->sites = v;
	if (err)
		return -1;
	r = find_record(&t->rf, "acquire");
	if (!r || rec_u64_names(&t->rf, r, acquire_names, NR_ACQUIRE,
				t->acquire))
		goto err;
	if (parse_rtnl_dist(&t->rf, "wait", &t->wait) ||
	    parse_rtnl_dist(&t->rf, "hold", &t->hold))
		goto err;
	return 0;
err:
	free_rtnl(t);
	return -1;
}

void free_rtnl(struct rtnl_info *t)
{
	free(t->sites);
	rfile_free(&t->rf);
}

static const struct u64_field lockset_fields[] = {
	U64_FIELD(struct lockset, init_net),
	U64_FIELD(struct lockset, count),
};

/* A lock-set size: a positive number, "+" after it for "or more". */
static int rec_set_size(const struct rfile *f, const struct record *r,
			const char **size)
{
	const char *s = rec_str(f, r, "size");
	size_t len;
	char num[8];
	uint64_t v;

	if (!s)
		return -1;
	len = strlen(s);
	if (len && s[len - 1] == '+')
		len--;
	if (!len || len >= sizeof(num))
		return rec_err(f, r, "bad size");
	memcpy(num, s, len);
	num[len] = '\0';
	if (parse_u64(num, &v) || !v)
		return rec_err(f, r, "bad size");
	*size = s;
	return 0;
}

static int parse_lockset(const struct rfile *f, const struct record *r,
			 void *out)
{
	struct lockset *l = out;

	l->owner = rec_str(f, r, "owner");
	if (!l->owner || rec_set_size(f, r, &l->size))
		return -1;
	return rec_u64_fields(f, r, lockset_fields, ARRAY_SIZE(lockset_fields),
			      l);
}

int load_locksets(struct locksets *t)
{
	void *v;
	int err;

	err = load_array(&t->rf, "locksets", "lockset", sizeof(*t->v),
			 parse_lockset, NULL, &v, &t->n);
	t->v = v;
	return err;
}

void free_locksets(struct locksets *t)
{
	free(t->v);
	rfile_free(&t->rf);
}

static const struct u64_field netns_fields[] = {
	U64_FIELD(struct netns, cookie),
	U64_FIELD(struct netns, inum),
	U64_FIELD(struct netns, requests),
	U64_FIELD(struct netns, locks),
	U64_FIELD(struct netns, wait_sum),
	U64_FIELD(struct netns, wait_max),
	U64_FIELD(struct netns, hold_sum),
	U64_FIELD(struct netns, hold_max),
};

static int parse_netns(const struct rfile *f, const struct record *r,
		       void *out)
{
	return rec_u64_fields(f, r, netns_fields, ARRAY_SIZE(netns_fields),
			      out);
}

int load_netns(struct netns_table *t)
{
	void *v;
	int err;

	err = load_array(&t->rf, "netns", "netns", sizeof(*t->v),
			 parse_netns, NULL, &v, &t->n);
	t->v = v;
	return err;
}

void free_netns(struct netns_table *t)
{
	free(t->v);
	rfile_free(&t->rf);
}

static const struct u64_field violation_fields[] = {
	U64_FIELD(struct violation, count),
	U64_FIELD(struct violation, pid),
	U64_FIELD(struct violation, time_ns),
};

/* The violation record at index @i, and the stack records after it. */
static int parse_violation(const struct rfile *f, size_t i,
			   struct violation *v)
{
	const struct record *r = &f->recs[i];
	size_t j, nstack = 0;
	void *nets;
	int kind;

	if (rec_keys_only(f, r))
		return -1;
	kind = rec_enum(f, r, "kind", vkind_names, NR_VKINDS);
	if (kind < 0)
		return -1;
	v->kind = kind;
	v->comm = rec_str(f, r, "comm");
	v->owner = rec_str(f, r, "owner");
	if (!v->comm || !v->owner ||
	    rec_u64_fields(f, r, violation_fields,
			   ARRAY_SIZE(violation_fields), v))
		return -1;
	if (rec_pairs(f, r, "nets", NULL, sizeof(*v->nets),
		      offsetof(struct net_ref, inum),
		      offsetof(struct net_ref, cookie), &nets, &v->nnets)) {
		free(nets);
		return -1;
	}
	v->nets = nets;
	for (j = i + 1; j < f->nrecs && strcmp(f->recs[j].name, "violation"); j++)
		nstack += !strcmp(f->recs[j].name, "stack");
	v->stack = calloc(nstack + 1, sizeof(*v->stack));
	if (!v->stack)
		return p_err("out of memory");
	for (j = i + 1; j < f->nrecs && strcmp(f->recs[j].name, "violation"); j++) {
		if (strcmp(f->recs[j].name, "stack"))
			continue;
		v->stack[v->nstack] = rec_word(f, &f->recs[j]);
		if (!v->stack[v->nstack++])
			return -1;
	}
	return 0;
}

/* "total kind=K count=N" records; without any, the sum of the ring. */
static int parse_totals(struct violations *t)
{
	const struct rfile *f = &t->rf;
	const struct record *r;
	bool found = false;
	uint64_t count;
	size_t i;
	int kind;

	for (i = 0; i < f->nrecs; i++) {
		r = &f->recs[i];
		if (strcmp(r->name, "total"))
			continue;
		if (rec_keys_only(f, r))
			return -1;
		kind = rec_enum(f, r, "kind", vkind_names, NR_VKINDS);
		if (kind < 0 || rec_u64(f, r, "count", &count))
			return -1;
		t->totals[kind] = count;
		found = true;
	}
	for (i = 0; !found && i < t->n; i++)
		t->totals[t->v[i].kind] += t->v[i].count;
	return 0;
}

int load_violations(struct violations *t)
{
	struct rfile *f = &t->rf;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (rfile_load(f, "violations"))
		return -1;
	t->v = calloc(count_records(f, "violation") + 1, sizeof(*t->v));
	if (!t->v) {
		p_err("out of memory");
		goto err;
	}
	for (i = 0; i < f->nrecs; i++) {
		if (!t->n && !strcmp(f->recs[i].name, "stack")) {
			rec_err(f, &f->recs[i], "stack record before any violation");
			goto err;
		}
		if (strcmp(f->recs[i].name, "violation"))
			continue;
		if (parse_violation(f, i, &t->v[t->n++]))
			goto err;
	}
	if (parse_totals(t))
		goto err;
	return 0;
err:
	free_violations(t);
	return -1;
}

void free_violations(struct violations *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].nets);
		free(t->v[i].stack);
	}
	free(t->v);
	rfile_free(&t->rf);
}

static int parse_module(struct status *t)
{
	const struct rfile *f = &t->rf;
	const struct record *r = find_record(f, "module");
	uint64_t enabled;

	if (!r || rec_u64_max(f, r, "enabled", 1, &enabled) ||
	    rec_u64(f, r, "max_nets", &t->max_nets))
		return -1;
	t->enabled = enabled;
	t->action = rec_str(f, r, "violation_action");
	t->kernel = rec_str(f, r, "kernel");
	if (!t->action || !t->kernel)
		return -1;
	r = find_record(f, "drops");
	if (!r)
		return -1;
	return rec_u64_names(f, r, drop_names, NR_DROPS, t->drops);
}

static const struct u64_field probe_fields[] = {
	U64_FIELD(struct probe, addrs),
	U64_FIELD(struct probe, nmissed),
};

static int parse_probe(const struct rfile *f, const struct record *r,
		       struct probe *p)
{
	p->name = rec_str(f, r, "name");
	p->state = rec_str(f, r, "state");
	if (!p->name || !p->state ||
	    rec_u64_fields(f, r, probe_fields, ARRAY_SIZE(probe_fields), p))
		return -1;
	return rec_s64(f, r, "error", &p->error);
}

int load_status(struct status *t)
{
	const struct rfile *f = &t->rf;
	const struct record *r;
	struct feature *ft;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (rfile_load(&t->rf, "status"))
		return -1;
	t->features = calloc(count_records(f, "feature") + 1,
			     sizeof(*t->features));
	t->probes = calloc(count_records(f, "probe") + 1, sizeof(*t->probes));
	if (!t->features || !t->probes) {
		p_err("out of memory");
		goto err;
	}
	if (parse_module(t))
		goto err;
	for (i = 0; i < f->nrecs; i++) {
		r = &f->recs[i];
		if ((!strcmp(r->name, "feature") || !strcmp(r->name, "probe")) &&
		    rec_keys_only(f, r))
			goto err;
		if (!strcmp(r->name, "feature")) {
			ft = &t->features[t->nfeatures++];
			ft->name = rec_str(f, r, "name");
			ft->state = ft->name ? rec_str(f, r, "state") : NULL;
			if (!ft->state)
				goto err;
		} else if (!strcmp(r->name, "probe")) {
			if (parse_probe(f, r, &t->probes[t->nprobes++]))
				goto err;
		}
	}
	return 0;
err:
	free_status(t);
	return -1;
}

void free_status(struct status *t)
{
	free(t->features);
	free(t->probes);
	rfile_free(&t->rf);
}
