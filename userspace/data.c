// SPDX-License-Identifier: GPL-2.0
/* Loaders that turn the debugfs records into validated structures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "main.h"

#define MAX_ERRNO	4095

const char *const kind_names[2] = { "doit", "dumpit" };

uint64_t lockset_min(size_t i)
{
	return i < 4 ? i + 1 : (1ull << (i - 2)) + 1;
}

uint64_t lockset_max(size_t i)
{
	return lockset_min(i + 1) - 1;
}

/* Below MAX_LOCKSET_BUCKETS, every bound fits in 32 bits. */
const char *lockset_name(size_t i, size_t n, char *buf)
{
	unsigned int lo = lockset_min(i), hi = lockset_max(i);

	if (i + 1 == n)
		snprintf(buf, NAME_LEN, "%u+", lo);
	else if (lo == hi)
		snprintf(buf, NAME_LEN, "%u", lo);
	else
		snprintf(buf, NAME_LEN, "%u-%u", lo, hi);
	return buf;
}

const char *const acquire_names[NR_ACQUIRE] = {
	"lock", "interruptible", "killable", "trylock_ok", "trylock_fail",
	"refcount",
};

const char *const vkind_names[8] = {
	"order", "recursion", "too_many", "no_rtnl", "rtnl_inversion",
	"unbalanced_unlock", "leak", "unlocked_touch",
};

const char *const behaviour_names[5] = {
	"rtnl", "pernet", "self_rtnl", "lockless", "unseen",
};

static const char *const drop_names[] = {
	"task_slots", "sites", "netns", "held", "violations",
};

static const char *const locking_names[] = { "rtnl", "unlocked" };

static const char *const status_records[] = {
	"module", "feature", "probe", "memory", "drops",
};
static const char *const handlers_records[] = { "handler" };
static const char *const stats_records[] = { "stat" };
static const char *const rtnl_records[] = { "acquire", "wait", "hold", "site" };
static const char *const locksets_records[] = { "lockset", "lockset_max" };
static const char *const netns_records[] = { "netns", "exited" };
static const char *const footprint_records[] = {
	"coverage", "outside", "owner", "event", "stack",
};
static const char *const blocked_records[] = { "blocked", "pair", "comm" };
static const char *const violations_records[] = {
	"total", "ring", "violation", "stack",
};
const char *const now_records[4] = { "now", "holder", "waiters", "waiter" };

#define FILE_RECORDS(file, names) { file, names, ARRAY_SIZE(names) }

const struct file_records file_records[] = {
	FILE_RECORDS("status", status_records),
	FILE_RECORDS("handlers", handlers_records),
	FILE_RECORDS("stats", stats_records),
	FILE_RECORDS("rtnl", rtnl_records),
	FILE_RECORDS("now", now_records),
	FILE_RECORDS("blocked", blocked_records),
	FILE_RECORDS("netns", netns_records),
	FILE_RECORDS("locksets", locksets_records),
	FILE_RECORDS("footprint", footprint_records),
	FILE_RECORDS("violations", violations_records),
};

const size_t nr_file_records = ARRAY_SIZE(file_records);

#define SET_KNOWN(f, names)				\
	do {						\
		(f)->known = (names);			\
		(f)->nknown = ARRAY_SIZE(names);	\
	} while (0)

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

void dist_delta(const struct dist *cur, const struct dist *prev,
		struct dist *d)
{
	int i, top = -1;

	*d = *cur;
	if (!prev)
		return;
	for (i = 0; i < HIST_BUCKETS; i++)
		if (cur->hist[i] < prev->hist[i])
			return;		/* a reset in between */
	if (cur->count < prev->count || cur->sum < prev->sum)
		return;
	d->count = cur->count - prev->count;
	d->sum = cur->sum - prev->sum;
	for (i = 0; i < HIST_BUCKETS; i++) {
		d->hist[i] = cur->hist[i] - prev->hist[i];
		if (d->hist[i])
			top = i;
	}
	if (top < 0)
		d->max = 0;
	else if (cur->max <= prev->max && hist_upper(top) - 1 < cur->max)
		d->max = hist_upper(top) - 1;
}

const char *stat_errno_name(uint64_t err, char *buf)
{
	return err == ERRNO_OTHER ? "other" : errno_name(err, buf);
}

bool hkey_equal(const struct hkey *a, const struct hkey *b)
{
	return a->family == b->family && a->msgtype == b->msgtype &&
	       !strcmp(a->kind, b->kind) && !strcmp(a->fn, b->fn);
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

/* @key when @r has it (a number), else @val->set false. */
static int rec_u64_opt(const struct rfile *f, const struct record *r,
		       const char *key, struct opt_u64 *val)
{
	val->set = rec_opt(f, r, key) != NULL;
	return val->set ? rec_u64(f, r, key, &val->val) : 0;
}

/*
 * Every field of a counters record @r, in file order; the @n known
 * @names must be there and be numbers.
 */
static int rec_counters(const struct rfile *f, const struct record *r,
			const char *const *names, size_t n, struct counters *c)
{
	struct field *fl;
	uint64_t val;
	size_t i;

	for (i = 0; i < n; i++)
		if (rec_u64(f, r, names[i], &val))
			return -1;
	c->v = calloc(r->nfields + 1, sizeof(*c->v));
	if (!c->v)
		return p_err("out of memory");
	for (i = 0; i < r->nfields; i++) {
		fl = &f->fields[r->first + i];
		fl->used = true;
		c->v[c->n].name = fl->key;
		c->v[c->n].text = fl->val;
		c->v[c->n].num = !parse_u64(fl->val, &c->v[c->n].val);
		c->n++;
	}
	return 0;
}

/* The counter @name of @c, added as 0 if it is not there yet. */
static struct counter *counter_get(struct counters *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].name, name))
			return &c->v[i];
	c->v[c->n] = (struct counter){ .name = name, .num = true };
	return &c->v[c->n++];
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

	if (rec_u64_max(f, r, "family", UINT8_MAX, &family) ||
	    rec_u64_max(f, r, "msgtype", UINT16_MAX, &msgtype))
		return -1;
	k->family = family;
	k->msgtype = msgtype;
	k->kind = rec_str(f, r, "kind");
	k->fn = k->kind ? rec_str(f, r, "fn") : NULL;
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
 * Parse every @rname record of the loaded @f into a new array of
 * @size-byte elements. On error it is freed again, with @elem_free (if
 * any) for what an element holds.
 */
static int parse_array(const struct rfile *f, const char *rname, size_t size,
		       parse_fn parse, free_fn elem_free, void **arr, size_t *n)
{
	size_t i;
	char *v;

	*arr = NULL;
	*n = 0;
	v = calloc(count_records(f, rname) + 1, size);
	if (!v)
		return p_err("out of memory");
	for (i = 0; i < f->nrecs; i++) {
		if (strcmp(f->recs[i].name, rname))
			continue;
		if (rec_keys_only(f, &f->recs[i]) ||
		    parse(f, &f->recs[i], v + (*n)++ * size)) {
			free_array(v, *n, size, elem_free);
			*n = 0;
			return -1;
		}
	}
	*arr = v;
	return 0;
}

/* Load @file and parse its @rname records: parse_array(). */
static int load_array(struct rfile *f, const char *file, const char *rname,
		      const char *const *known, size_t nknown, size_t size,
		      parse_fn parse, free_fn elem_free, void **arr, size_t *n)
{
	*arr = NULL;
	*n = 0;
	if (rfile_load(f, file))
		return -1;
	f->known = known;
	f->nknown = nknown;
	if (parse_array(f, rname, size, parse, elem_free, arr, n)) {
		rfile_free(f);
		return -1;
	}
	return 0;
}

static bool is_stack(const struct record *r)
{
	return !strcmp(r->name, "stack");
}

/*
 * Every stack record of @f belongs to the last record before it that the
 * loader knows, other than a stack record: it must be a @owner record (a
 * violation, a footprint event).
 */
static int check_stacks(const struct rfile *f, const char *owner)
{
	const struct record *last = NULL, *r;
	bool seen = false;
	size_t i;

	for (i = 0; i < f->nrecs; i++) {
		r = &f->recs[i];
		if (!is_stack(r)) {
			if (rec_known(f, r))
				last = r;
			seen = seen || !strcmp(r->name, owner);
			continue;
		}
		if (!seen)
			return rec_err(f, r, "stack record before any %s",
				       owner);
		if (strcmp(last->name, owner))
			return rec_err(f, r, "stack record after %s, not %s",
				       last->name, owner);
	}
	return 0;
}

/*
 * The stack of record @i: the symbols of the stack records after it, up
 * to the next record the loader knows, other than a stack record. Its
 * own records (the stack, and newer ones) are [@i + 1, *@end).
 */
static int parse_stack(const struct rfile *f, size_t i, const char ***stack,
		       size_t *nstack, size_t *end)
{
	size_t j, n = 0;

	for (j = i + 1; j < f->nrecs && (is_stack(&f->recs[j]) ||
					 !rec_known(f, &f->recs[j])); j++)
		n += is_stack(&f->recs[j]);
	*end = j;
	*nstack = 0;
	*stack = calloc(n + 1, sizeof(**stack));
	if (!*stack)
		return p_err("out of memory");
	for (j = i + 1; j < *end; j++) {
		if (!is_stack(&f->recs[j]))
			continue;
		(*stack)[*nstack] = rec_word(f, &f->recs[j]);
		if (!(*stack)[(*nstack)++])
			return -1;
	}
	return 0;
}

static int parse_handler(const struct rfile *f, const struct record *r,
			 void *out)
{
	struct handler *h = out;
	uint64_t present;

	h->rec = r;
	if (rec_hkey(f, r, &h->key))
		return -1;
	h->owner = rec_str(f, r, "owner");
	if (!h->owner || rec_hex(f, r, "flags", &h->flags) ||
	    rec_u64_max(f, r, "present", 1, &present))
		return -1;
	h->locking = rec_str(f, r, "locking");
	if (!h->locking)
		return -1;
	h->present = present;
	return 0;
}

int load_handlers(struct handlers *t)
{
	void *v;
	int err;

	err = load_array(&t->rf, "handlers", "handler", handlers_records,
			 ARRAY_SIZE(handlers_records), sizeof(*t->v),
			 parse_handler, NULL, &v, &t->n);
	t->v = v;
	return err;
}

/* The index of @name in @names[0..*n), appended if it is not there. */
static size_t name_index(const char **names, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return i;
	names[*n] = name;
	return (*n)++;
}

/* The behaviour the footprint @fp saw of handler @h: unseen if unlisted. */
static const char *handler_behaviour(const struct footprint *fp,
				     const struct handler *h)
{
	const struct fp_owner *o = fp_find_handler(fp, &h->key);

	return o ? o->behaviour : "unseen";
}

int handler_summary(const struct handlers *t, const struct footprint *fp,
		    struct handler_summary *s)
{
	size_t i, k, l, b, max = t->n + ARRAY_SIZE(behaviour_names);
	bool behaviours = fp && fp->present;

	memset(s, 0, sizeof(*s));
	s->kinds = calloc(max, sizeof(*s->kinds));
	s->lockings = calloc(max, sizeof(*s->lockings));
	s->behaviours = calloc(max, sizeof(*s->behaviours));
	if (!s->kinds || !s->lockings || !s->behaviours)
		goto err_nomem;
	for (i = 0; i < ARRAY_SIZE(kind_names); i++)
		name_index(s->kinds, &s->nkinds, kind_names[i]);
	for (i = 0; i < ARRAY_SIZE(locking_names); i++)
		name_index(s->lockings, &s->nlockings, locking_names[i]);
	for (i = 0; behaviours && i < ARRAY_SIZE(behaviour_names); i++)
		name_index(s->behaviours, &s->nbehaviours, behaviour_names[i]);
	for (i = 0; i < t->n; i++) {
		name_index(s->kinds, &s->nkinds, t->v[i].key.kind);
		name_index(s->lockings, &s->nlockings, t->v[i].locking);
		if (behaviours && t->v[i].present)
			name_index(s->behaviours, &s->nbehaviours,
				   handler_behaviour(fp, &t->v[i]));
	}
	/* Rows of counts, now that the numbers of columns are final. */
	s->count = calloc(s->nkinds * s->nlockings, sizeof(*s->count));
	s->total = calloc(s->nkinds, sizeof(*s->total));
	s->bcount = calloc(s->nkinds * s->nbehaviours + 1, sizeof(*s->bcount));
	if (!s->count || !s->total || !s->bcount)
		goto err_nomem;
	for (i = 0; i < t->n; i++) {
		if (!t->v[i].present)
			continue;
		k = name_index(s->kinds, &s->nkinds, t->v[i].key.kind);
		l = name_index(s->lockings, &s->nlockings, t->v[i].locking);
		s->count[k * s->nlockings + l]++;
		s->total[k]++;
		if (!behaviours)
			continue;
		b = name_index(s->behaviours, &s->nbehaviours,
			       handler_behaviour(fp, &t->v[i]));
		s->bcount[k * s->nbehaviours + b]++;
	}
	return 0;
err_nomem:
	free_handler_summary(s);
	return p_err("out of memory");
}

void free_handler_summary(struct handler_summary *s)
{
	free(s->kinds);
	free(s->lockings);
	free(s->count);
	free(s->total);
	free(s->behaviours);
	free(s->bcount);
	memset(s, 0, sizeof(*s));
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

	s->rec = r;
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
	    rec_u64_list_var(f, r, "lockset", s->lockset, MAX_LOCKSET_BUCKETS,
			     &s->nlockset) ||
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

	err = load_array(&t->rf, "stats", "stat", stats_records,
			 ARRAY_SIZE(stats_records), sizeof(*t->v), parse_stat,
			 free_hstat, &v, &t->n);
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

	s->rec = r;
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

/* Most-held-first: descending hold_sum, then count, then file order. */
static int cmp_sites(const void *a, const void *b)
{
	const struct site *x = a, *y = b;

	if (x->hold_sum != y->hold_sum)
		return x->hold_sum > y->hold_sum ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

/*
 * The module lists sites most-held-first; older ones did not, and the
 * figures since a snapshot are in another order again.
 */
static void sort_sites(struct rtnl_info *t)
{
	if (t->nsites)
		qsort(t->sites, t->nsites, sizeof(*t->sites), cmp_sites);
}

int load_rtnl(struct rtnl_info *t)
{
	const struct record *r;
	void *v;
	int err;

	memset(t, 0, sizeof(*t));
	err = load_array(&t->rf, "rtnl", "site", rtnl_records,
			 ARRAY_SIZE(rtnl_records), sizeof(*t->sites),
			 parse_site, NULL, &v, &t->nsites);
	t->sites = v;
	if (err)
		return -1;
	r = find_record(&t->rf, "acquire");
	t->acquire_rec = r;
	if (!r || rec_counters(&t->rf, r, acquire_names, NR_ACQUIRE,
			       &t->acquire))
		goto err;
	if (parse_rtnl_dist(&t->rf, "wait", &t->wait) ||
	    parse_rtnl_dist(&t->rf, "hold", &t->hold))
		goto err;
	sort_sites(t);
	return 0;
err:
	free_rtnl(t);
	return -1;
}

void free_rtnl(struct rtnl_info *t)
{
	free(t->acquire.v);
	free(t->sites);
	rfile_free(&t->rf);
}

static const struct u64_field lockset_fields[] = {
	U64_FIELD(struct lockset, init_net),
	U64_FIELD(struct lockset, count),
};

/*
 * A lock-set size bucket: "N" (one size), "N-M" (a range) or "N+" (the
 * last bucket, N or more), N a positive number and M above N.
 */
static int rec_set_size(const struct rfile *f, const struct record *r,
			struct lockset *l)
{
	const char *s = rec_str(f, r, "size");
	const char *dash;
	size_t len;
	char num[24];
	uint64_t lo, hi = 0;

	if (!s)
		return -1;
	len = strlen(s);
	l->or_more = len && s[len - 1] == '+';
	len -= l->or_more;
	dash = memchr(s, '-', len);
	if (dash) {
		if (l->or_more || parse_u64(dash + 1, &hi))
			return rec_err(f, r, "bad size");
		len = dash - s;
	}
	if (!len || len >= sizeof(num))
		return rec_err(f, r, "bad size");
	memcpy(num, s, len);
	num[len] = '\0';
	if (parse_u64(num, &lo) || !lo || (dash && hi <= lo))
		return rec_err(f, r, "bad size");
	l->size = s;
	l->size_num = lo;
	l->size_max = l->or_more ? 0 : dash ? hi : lo;
	return 0;
}

static int parse_lockset(const struct rfile *f, const struct record *r,
			 void *out)
{
	struct lockset *l = out;

	l->rec = r;
	l->owner = rec_str(f, r, "owner");
	if (!l->owner || rec_set_size(f, r, l))
		return -1;
	return rec_u64_fields(f, r, lockset_fields, ARRAY_SIZE(lockset_fields),
			      l);
}

static int parse_lockset_max(const struct rfile *f, const struct record *r,
			     void *out)
{
	struct lockset_max *m = out;

	m->rec = r;
	m->owner = rec_str(f, r, "owner");
	if (!m->owner)
		return -1;
	return rec_u64(f, r, "max_set", &m->max_set);
}

/*
 * Give each shape its owner's lockset_max: the first one after it, of
 * its owner, with no other lockset_max in between.
 */
static void link_lockset_maxes(struct locksets *t)
{
	const struct rfile *f = &t->rf;
	size_t i, j, row = 0, start = 0, m = 0;

	for (i = 0; i < f->nrecs; i++) {
		if (!strcmp(f->recs[i].name, "lockset")) {
			row++;
			continue;
		}
		if (strcmp(f->recs[i].name, "lockset_max"))
			continue;
		for (j = start; j < row; j++)
			if (!t->v[j].max &&
			    !strcmp(t->v[j].owner, t->maxes[m].owner))
				t->v[j].max = &t->maxes[m];
		start = row;
		m++;
	}
}

int load_locksets(struct locksets *t)
{
	void *v;
	int err;

	t->maxes = NULL;
	t->nmaxes = 0;
	err = load_array(&t->rf, "locksets", "lockset", locksets_records,
			 ARRAY_SIZE(locksets_records), sizeof(*t->v),
			 parse_lockset, NULL, &v, &t->n);
	t->v = v;
	if (err)
		return err;
	if (parse_array(&t->rf, "lockset_max", sizeof(*t->maxes),
			parse_lockset_max, NULL, &v, &t->nmaxes)) {
		free_locksets(t);
		return -1;
	}
	t->maxes = v;
	link_lockset_maxes(t);
	return 0;
}

void free_locksets(struct locksets *t)
{
	free(t->v);
	free(t->maxes);
	rfile_free(&t->rf);
	t->v = NULL;
	t->maxes = NULL;
	t->n = t->nmaxes = 0;
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

static const struct u64_field exited_fields[] = {
	U64_FIELD(struct netns_exited, nets),
	U64_FIELD(struct netns_exited, requests),
	U64_FIELD(struct netns_exited, locks),
	U64_FIELD(struct netns_exited, wait_sum),
	U64_FIELD(struct netns_exited, wait_max),
	U64_FIELD(struct netns_exited, hold_sum),
	U64_FIELD(struct netns_exited, hold_max),
};

bool netns_live(const struct netns *ns)
{
	return !strcmp(ns->state, "live");
}

bool netns_active(const struct netns *ns)
{
	return ns->requests || ns->locks || ns->wait_sum || ns->hold_sum;
}

static int parse_netns(const struct rfile *f, const struct record *r,
		       void *out)
{
	struct netns *ns = out;

	ns->rec = r;
	if (rec_u64_fields(f, r, netns_fields, ARRAY_SIZE(netns_fields), ns))
		return -1;
	/* Without state=, an older module's record: it listed live ones. */
	ns->state = rec_opt(f, r, "state") ? rec_str(f, r, "state") : "live";
	if (!ns->state)
		return -1;
	if (rec_opt(f, r, "exit_ns"))
		return rec_u64(f, r, "exit_ns", &ns->exit_ns);
	return 0;
}

/* The exited total: one record, none from an older module. */
static int parse_exited(struct netns_table *t)
{
	const struct rfile *f = &t->rf;
	const struct record *r;
	size_t i;

	for (i = 0; i < f->nrecs; i++) {
		r = &f->recs[i];
		if (strcmp(r->name, "exited"))
			continue;
		t->exited.rec = r;
		if (rec_keys_only(f, r))
			return -1;
		return rec_u64_fields(f, r, exited_fields,
				      ARRAY_SIZE(exited_fields), &t->exited);
	}
	return 0;
}

int load_netns(struct netns_table *t)
{
	void *v;
	int err;

	memset(&t->exited, 0, sizeof(t->exited));
	err = load_array(&t->rf, "netns", "netns", netns_records,
			 ARRAY_SIZE(netns_records), sizeof(*t->v), parse_netns,
			 NULL, &v, &t->n);
	t->v = v;
	if (err)
		return err;
	if (parse_exited(t)) {
		free_netns(t);
		return -1;
	}
	return 0;
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
	void *nets;

	v->rec = r;
	if (rec_keys_only(f, r))
		return -1;
	v->kind = rec_str(f, r, "kind");
	if (!v->kind)
		return -1;
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
	v->first = i + 1;
	return parse_stack(f, i, &v->stack, &v->nstack, &v->end);
}

/* "total kind=K count=N" records; without any, the sum of the ring. */
/*
 * "total kind=K count=N" records; without any, the sum of the ring. The
 * kinds of format version 1 come first, with 0 when absent, then newer
 * ones in file order.
 */
static int parse_totals(struct violations *t)
{
	const struct rfile *f = &t->rf;
	struct counters *c = &t->totals;
	const struct record *r;
	bool found = false;
	const char *kind;
	uint64_t count;
	size_t i;

	c->v = calloc(ARRAY_SIZE(vkind_names) + f->nrecs + 1, sizeof(*c->v));
	if (!c->v)
		return p_err("out of memory");
	for (i = 0; i < ARRAY_SIZE(vkind_names); i++)
		counter_get(c, vkind_names[i]);
	for (i = 0; i < f->nrecs; i++) {
		r = &f->recs[i];
		if (strcmp(r->name, "total"))
			continue;
		if (rec_keys_only(f, r))
			return -1;
		kind = rec_str(f, r, "kind");
		if (!kind || rec_u64(f, r, "count", &count))
			return -1;
		counter_get(c, kind)->val = count;
		found = true;
	}
	for (i = 0; !found && i < t->n; i++)
		counter_get(c, t->v[i].kind)->val += t->v[i].count;
	return 0;
}

/*
 * "ring first=N last=N dropped=N", which says what the violation records
 * are; a file without one is read as before.
 */
static int parse_ring(struct violations *t)
{
	const struct rfile *f = &t->rf;
	const struct record *r = NULL;
	size_t i;

	for (i = 0; !r && i < f->nrecs; i++)
		if (!strcmp(f->recs[i].name, "ring"))
			r = &f->recs[i];
	t->ring_rec = r;
	if (!r)
		return 0;
	if (rec_keys_only(f, r) || rec_u64(f, r, "first", &t->ring_first) ||
	    rec_u64(f, r, "last", &t->ring_last) ||
	    rec_u64(f, r, "dropped", &t->ring_dropped))
		return -1;
	if (t->ring_first > t->n || t->ring_last != t->n - t->ring_first)
		return rec_err(f, r, "%zu violation records, not first + last",
			       t->n);
	return 0;
}

int load_violations(struct violations *t)
{
	struct rfile *f = &t->rf;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (rfile_load(f, "violations"))
		return -1;
	SET_KNOWN(f, violations_records);
	t->v = calloc(count_records(f, "violation") + 1, sizeof(*t->v));
	if (!t->v) {
		p_err("out of memory");
		goto err;
	}
	if (check_stacks(f, "violation"))
		goto err;
	for (i = 0; i < f->nrecs; i++) {
		if (strcmp(f->recs[i].name, "violation"))
			continue;
		if (parse_violation(f, i, &t->v[t->n++]))
			goto err;
	}
	if (parse_totals(t) || parse_ring(t))
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
	free(t->totals.v);
	rfile_free(&t->rf);
}

static int parse_module(struct status *t)
{
	const struct rfile *f = &t->rf;
	const struct record *r = find_record(f, "module");
	uint64_t enabled;

	t->module_rec = r;
	if (!r || rec_u64_max(f, r, "enabled", 1, &enabled) ||
	    rec_u64(f, r, "max_nets", &t->max_nets) ||
	    rec_u64_opt(f, r, "max_tasks", &t->max_tasks) ||
	    rec_u64_opt(f, r, "max_sites", &t->max_sites))
		return -1;
	t->enabled = enabled;
	t->action = rec_str(f, r, "violation_action");
	t->kernel = rec_str(f, r, "kernel");
	if (!t->action || !t->kernel)
		return -1;
	r = find_record(f, "drops");
	t->drops_rec = r;
	if (!r)
		return -1;
	return rec_counters(f, r, drop_names, ARRAY_SIZE(drop_names),
			    &t->drops);
}

/*
 * The memory record, if any (older modules wrote none, or tasks= only):
 * every key a counter, none required.
 */
static int parse_memory(struct status *t)
{
	const struct rfile *f = &t->rf;
	size_t i;

	for (i = 0; i < f->nrecs; i++) {
		if (strcmp(f->recs[i].name, "memory"))
			continue;
		t->memory_rec = &f->recs[i];
		if (rec_keys_only(f, t->memory_rec))
			return -1;
		return rec_counters(f, t->memory_rec, NULL, 0, &t->memory);
	}
	return 0;
}

static const struct u64_field probe_fields[] = {
	U64_FIELD(struct probe, addrs),
	U64_FIELD(struct probe, nmissed),
};

static int parse_probe(const struct rfile *f, const struct record *r,
		       struct probe *p)
{
	p->rec = r;
	p->name = rec_str(f, r, "name");
	p->state = rec_str(f, r, "state");
	if (!p->name || !p->state ||
	    rec_u64_fields(f, r, probe_fields, ARRAY_SIZE(probe_fields), p) ||
	    rec_s64(f, r, "error", &p->error))
		return -1;
	/* The handler probes' table, on their record only. */
	if (rec_u64_opt(f, r, "owners", &p->owners) ||
	    rec_u64_opt(f, r, "scans", &p->scans))
		return -1;
	return rec_u64_opt(f, r, "unslotted", &p->unslotted);
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
	SET_KNOWN(&t->rf, status_records);
	t->features = calloc(count_records(f, "feature") + 1,
			     sizeof(*t->features));
	t->probes = calloc(count_records(f, "probe") + 1, sizeof(*t->probes));
	if (!t->features || !t->probes) {
		p_err("out of memory");
		goto err;
	}
	if (parse_module(t) || parse_memory(t))
		goto err;
	for (i = 0; i < f->nrecs; i++) {
		r = &f->recs[i];
		if ((!strcmp(r->name, "feature") || !strcmp(r->name, "probe")) &&
		    rec_keys_only(f, r))
			goto err;
		if (!strcmp(r->name, "feature")) {
			ft = &t->features[t->nfeatures++];
			ft->rec = r;
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
	free(t->drops.v);
	free(t->memory.v);
	rfile_free(&t->rf);
}

bool fp_key_equal(const struct fp_key *a, const struct fp_key *b)
{
	if (a->handler || b->handler)
		return a->handler && b->handler && hkey_equal(&a->key, &b->key);
	return !strcmp(a->type, b->type) && !strcmp(a->key.fn, b->key.fn);
}

bool fp_owner_active(const struct fp_owner *o)
{
	return o->sections || o->covered || o->uncovered ||
	       strcmp(o->behaviour, "unseen");
}

const struct fp_owner *fp_find_handler(const struct footprint *t,
				       const struct hkey *k)
{
	size_t i;

	for (i = 0; t && i < t->nowners; i++)
		if (t->owners[i].key.handler &&
		    hkey_equal(&t->owners[i].key.key, k))
			return &t->owners[i];
	return NULL;
}

static const char *const verdict_names[] = {
	[FP_UNSEEN] = NULL, [FP_CONVERTED] = "converted",
	[FP_PARTIAL] = "partial", [FP_SINGLE] = "single", [FP_MULTI] = "multi",
	[FP_NONE] = "none",
};

const char *fp_verdict_name(enum fp_verdict v)
{
	return verdict_names[v];
}

bool fp_verdict_ready(enum fp_verdict v)
{
	return v == FP_CONVERTED || v == FP_SINGLE || v == FP_NONE;
}

/* locksets' "lockset_max owner=@owner max_set=N": N, or 0 when absent. */
static uint64_t lockset_max_of(const struct locksets *ls, const char *owner)
{
	size_t i;

	for (i = 0; ls && i < ls->nmaxes; i++)
		if (!strcmp(ls->maxes[i].owner, owner))
			return ls->maxes[i].max_set;
	return 0;
}

void fp_plan(const struct footprint *fp, const struct fp_owner *o,
	     const struct stats *st, const struct rtnl_info *rt,
	     const struct locksets *ls, struct fp_plan *p)
{
	bool pernet;
	size_t i;

	*p = (struct fp_plan){ 0 };
	if (o->key.handler) {
		for (i = 0; st && i < st->n; i++)
			if (hkey_equal(&st->v[i].key, &o->key.key)) {
				p->hold = st->v[i].hold.sum;
				p->max_set = st->v[i].lockset_max;
				break;
			}
	} else {
		for (i = 0; rt && i < rt->nsites; i++)
			if (!strcmp(rt->sites[i].sym, o->key.key.fn)) {
				p->hold = rt->sites[i].hold_sum;
				break;
			}
		p->max_set = lockset_max_of(ls, o->key.key.fn);
	}
	if (!fp_owner_active(o)) {
		p->verdict = FP_UNSEEN;
		return;
	}
	pernet = strcmp(fp->coverage, "unavailable") &&
		 (!strcmp(o->behaviour, "pernet") || p->max_set);
	if (pernet)
		p->verdict = o->uncovered ? FP_PARTIAL : FP_CONVERTED;
	else if (!o->max_touched)
		p->verdict = FP_NONE;
	else if (o->max_touched == 1)
		p->verdict = FP_SINGLE;
	else
		p->verdict = FP_MULTI;
}

/* type=, fn= and for a handler family=, msgtype=, kind=. */
static int rec_fp_key(const struct rfile *f, const struct record *r,
		      struct fp_key *k)
{
	k->type = rec_str(f, r, "type");
	if (!k->type)
		return -1;
	k->handler = !strcmp(k->type, "handler");
	if (k->handler)
		return rec_hkey(f, r, &k->key);
	k->key.fn = rec_str(f, r, "fn");
	return k->key.fn ? 0 : -1;
}

static const struct u64_field fp_owner_fields[] = {
	U64_FIELD(struct fp_owner, sections),
	U64_FIELD(struct fp_owner, none),
	U64_FIELD(struct fp_owner, init_net),
	U64_FIELD(struct fp_owner, max_touched),
	U64_FIELD(struct fp_owner, covered),
	U64_FIELD(struct fp_owner, uncovered),
};

static int parse_fp_owner(const struct rfile *f, const struct record *r,
			  void *out)
{
	struct fp_owner *o = out;

	o->rec = r;
	if (rec_fp_key(f, r, &o->key))
		return -1;
	o->behaviour = rec_str(f, r, "behaviour");
	if (!o->behaviour ||
	    rec_u64_fields(f, r, fp_owner_fields, ARRAY_SIZE(fp_owner_fields),
			   o))
		return -1;
	return rec_u64_list_var(f, r, "touched", o->touched,
				MAX_LOCKSET_BUCKETS, &o->ntouched);
}

static const struct u64_field fp_event_fields[] = {
	U64_FIELD(struct fp_event, code),
	U64_FIELD(struct fp_event, covered),
	U64_FIELD(struct fp_event, uncovered),
};

static int parse_fp_event(const struct rfile *f, const struct record *r,
			  void *out)
{
	struct fp_event *e = out;
	size_t end;

	e->rec = r;
	if (rec_fp_key(f, r, &e->key))
		return -1;
	e->src = rec_str(f, r, "src");
	e->name = e->src ? rec_str(f, r, "name") : NULL;
	if (!e->name ||
	    rec_u64_fields(f, r, fp_event_fields, ARRAY_SIZE(fp_event_fields),
			   e))
		return -1;
	return parse_stack(f, r - f->recs, &e->stack, &e->nstack, &end);
}

static void free_fp_event(void *elem)
{
	struct fp_event *e = elem;

	free(e->stack);
}

static int parse_footprint(struct footprint *t)
{
	const struct rfile *f = &t->rf;
	void *v;

	t->coverage_rec = find_record(f, "coverage");
	if (!t->coverage_rec)
		return -1;
	t->coverage = rec_str(f, t->coverage_rec, "mode");
	if (!t->coverage)
		return -1;
	t->outside_rec = find_record(f, "outside");
	if (!t->outside_rec ||
	    rec_u64(f, t->outside_rec, "touches", &t->outside))
		return -1;
	if (parse_array(f, "owner", sizeof(*t->owners), parse_fp_owner, NULL,
			&v, &t->nowners))
		return -1;
	t->owners = v;
	if (check_stacks(f, "event") ||
	    parse_array(f, "event", sizeof(*t->events), parse_fp_event,
			free_fp_event, &v, &t->nevents))
		return -1;
	t->events = v;
	return 0;
}

/*
 * Load file @name of a newer module than some: with @optional, a module
 * without it gives *@present false and 0.
 */
static int load_newer(struct rfile *f, const char *name,
		      const char *const *known, size_t nknown, bool optional,
		      bool *present)
{
	*present = false;
	if (optional && !trace_file_exists(name))
		return 0;
	if (rfile_load(f, name))
		return -1;
	f->known = known;
	f->nknown = nknown;
	*present = true;
	return 0;
}

int load_footprint(struct footprint *t, bool optional)
{
	memset(t, 0, sizeof(*t));
	if (load_newer(&t->rf, "footprint", footprint_records,
		       ARRAY_SIZE(footprint_records), optional, &t->present))
		return -1;
	if (t->present && parse_footprint(t)) {
		free_footprint(t);
		return -1;
	}
	return 0;
}

void free_footprint(struct footprint *t)
{
	size_t i;

	free(t->owners);
	for (i = 0; i < t->nevents; i++)
		free_fp_event(&t->events[i]);
	free(t->events);
	rfile_free(&t->rf);
	memset(t, 0, sizeof(*t));
}

static const struct u64_field blocked_fields[] = {
	U64_FIELD(struct blocked, waits),
	U64_FIELD(struct blocked, wait_sum),
	U64_FIELD(struct blocked, charged),
	U64_FIELD(struct blocked, pairs),
	U64_FIELD(struct blocked, comm_pairs),
	U64_FIELD(struct blocked, pairs_max),
	U64_FIELD(struct blocked, pairs_dropped),
	U64_FIELD(struct blocked, holds),
	U64_FIELD(struct blocked, holds_max),
	U64_FIELD(struct blocked, holds_overrun),
};

static const struct u64_field bpair_fields[] = {
	U64_FIELD(struct blocked_pair, waits),
	U64_FIELD(struct blocked_pair, wait_sum),
	U64_FIELD(struct blocked_pair, wait_max),
};

/* waiter= and holder=, and for a pair record their types. */
static int parse_bpair(const struct rfile *f, const struct record *r,
		       struct blocked_pair *p, bool types)
{
	p->rec = r;
	if (types) {
		p->waiter_type = rec_str(f, r, "waiter_type");
		p->holder_type = rec_str(f, r, "holder_type");
		if (!p->waiter_type || !p->holder_type)
			return -1;
	}
	p->waiter = rec_str(f, r, "waiter");
	p->holder = p->waiter ? rec_str(f, r, "holder") : NULL;
	if (!p->holder)
		return -1;
	return rec_u64_fields(f, r, bpair_fields, ARRAY_SIZE(bpair_fields), p);
}

static int parse_owner_pair(const struct rfile *f, const struct record *r,
			    void *out)
{
	return parse_bpair(f, r, out, true);
}

static int parse_comm_pair(const struct rfile *f, const struct record *r,
			   void *out)
{
	return parse_bpair(f, r, out, false);
}

/* Most wait time first, then most waits, then file order. */
static int cmp_bpairs(const void *a, const void *b)
{
	const struct blocked_pair *x = a, *y = b;

	if (x->wait_sum != y->wait_sum)
		return x->wait_sum > y->wait_sum ? -1 : 1;
	if (x->waits != y->waits)
		return x->waits > y->waits ? -1 : 1;
	return x->rec < y->rec ? -1 : x->rec > y->rec;
}

static int parse_blocked(struct blocked *t)
{
	const struct rfile *f = &t->rf;
	void *v;

	t->totals_rec = find_record(f, "blocked");
	if (!t->totals_rec ||
	    rec_u64_fields(f, t->totals_rec, blocked_fields,
			   ARRAY_SIZE(blocked_fields), t))
		return -1;
	if (parse_array(f, "pair", sizeof(*t->v), parse_owner_pair, NULL,
			&v, &t->n))
		return -1;
	t->v = v;
	if (parse_array(f, "comm", sizeof(*t->comms), parse_comm_pair, NULL,
			&v, &t->ncomms))
		return -1;
	t->comms = v;
	/* The module lists them so; the order is rtnlctl's to keep. */
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), cmp_bpairs);
	if (t->ncomms)
		qsort(t->comms, t->ncomms, sizeof(*t->comms), cmp_bpairs);
	return 0;
}

int load_blocked(struct blocked *t, bool optional)
{
	memset(t, 0, sizeof(*t));
	if (load_newer(&t->rf, "blocked", blocked_records,
		       ARRAY_SIZE(blocked_records), optional, &t->present))
		return -1;
	if (t->present && parse_blocked(t)) {
		free_blocked(t);
		return -1;
	}
	return 0;
}

void free_blocked(struct blocked *t)
{
	free(t->v);
	free(t->comms);
	rfile_free(&t->rf);
	memset(t, 0, sizeof(*t));
}

static uint64_t since(uint64_t cur, uint64_t prev)
{
	return cur >= prev ? cur - prev : cur;
}

static void errnos_since(struct hstat *s, const struct hstat *p)
{
	size_t i, j, n = 0;

	for (i = 0; i < s->nerrnos; i++) {
		for (j = 0; j < p->nerrnos; j++)
			if (p->errnos[j].err == s->errnos[i].err)
				s->errnos[i].count = since(s->errnos[i].count,
							   p->errnos[j].count);
		if (s->errnos[i].count)
			s->errnos[n++] = s->errnos[i];
	}
	s->nerrnos = n;
	if (n)
		qsort(s->errnos, n, sizeof(*s->errnos), cmp_errno);
}

static void hstat_since(struct hstat *s, const struct hstat *p)
{
	struct dist d;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stat_fields); i++) {
		uint64_t *c = (uint64_t *)((char *)s + stat_fields[i].off);
		const uint64_t *o = (const uint64_t *)((const char *)p +
						       stat_fields[i].off);

		if (stat_fields[i].off != offsetof(struct hstat, inflight_max))
			*c = since(*c, *o);
	}
	dist_delta(&s->lat, &p->lat, &d);
	s->lat = d;
	dist_delta(&s->wait, &p->wait, &d);
	s->wait = d;
	dist_delta(&s->hold, &p->hold, &d);
	s->hold = d;
	for (i = 0; i < s->nlockset && i < p->nlockset; i++)
		s->lockset[i] = since(s->lockset[i], p->lockset[i]);
	s->lockset_init_net = since(s->lockset_init_net, p->lockset_init_net);
	errnos_since(s, p);
}

void stats_since(struct stats *cur, const struct stats *prev)
{
	struct hstat *s;
	size_t i, j, n = 0;

	for (i = 0; i < cur->n; i++) {
		s = &cur->v[i];
		for (j = 0; j < prev->n; j++)
			if (hkey_equal(&s->key, &prev->v[j].key))
				break;
		if (j < prev->n)
			hstat_since(s, &prev->v[j]);
		if (!s->calls && !s->errors && !s->requests) {
			free_hstat(s);
			continue;
		}
		cur->v[n++] = *s;
	}
	cur->n = n;
}

static void counters_since(struct counters *c, const struct counters *p)
{
	size_t i, j;

	for (i = 0; i < c->n; i++)
		for (j = 0; j < p->n; j++)
			if (c->v[i].num && p->v[j].num &&
			    !strcmp(c->v[i].name, p->v[j].name))
				c->v[i].val = since(c->v[i].val, p->v[j].val);
}

void rtnl_since(struct rtnl_info *cur, const struct rtnl_info *prev)
{
	struct site *s;
	struct dist d;
	size_t i, j, n = 0;

	counters_since(&cur->acquire, &prev->acquire);
	dist_delta(&cur->wait, &prev->wait, &d);
	cur->wait = d;
	dist_delta(&cur->hold, &prev->hold, &d);
	cur->hold = d;
	for (i = 0; i < cur->nsites; i++) {
		s = &cur->sites[i];
		for (j = 0; j < prev->nsites; j++) {
			if (strcmp(s->sym, prev->sites[j].sym))
				continue;
			s->count = since(s->count, prev->sites[j].count);
			s->wait_sum = since(s->wait_sum, prev->sites[j].wait_sum);
			s->hold_sum = since(s->hold_sum, prev->sites[j].hold_sum);
		}
		if (s->count)
			cur->sites[n++] = *s;
	}
	cur->nsites = n;
	sort_sites(cur);
}

void locksets_since(struct locksets *cur, const struct locksets *prev)
{
	struct lockset *l;
	const struct lockset *p;
	size_t i, j, n = 0;

	for (i = 0; i < cur->n; i++) {
		l = &cur->v[i];
		for (j = 0; j < prev->n; j++) {
			p = &prev->v[j];
			if (!strcmp(l->owner, p->owner) &&
			    !strcmp(l->size, p->size) &&
			    l->init_net == p->init_net)
				l->count = since(l->count, p->count);
		}
		if (l->count)
			cur->v[n++] = *l;
	}
	cur->n = n;
}

/* The summed figures of netns records. */
struct netns_sums {
	uint64_t requests, locks, wait_sum, hold_sum;
};

static void netns_sums_add(struct netns_sums *s, const struct netns *ns)
{
	s->requests += ns->requests;
	s->locks += ns->locks;
	s->wait_sum += ns->wait_sum;
	s->hold_sum += ns->hold_sum;
}

void netns_since(struct netns_table *cur, const struct netns_table *prev)
{
	struct netns_sums gone = { 0 };
	struct netns_exited *e = &cur->exited;
	const struct netns *p;
	struct netns *c;
	size_t i, j;

	for (j = 0; j < prev->n; j++) {
		p = &prev->v[j];
		for (i = 0; i < cur->n; i++)
			if (cur->v[i].cookie == p->cookie &&
			    cur->v[i].inum == p->inum)
				break;
		if (i == cur->n) {
			/* Folded into the exited total in between. */
			netns_sums_add(&gone, p);
			continue;
		}
		c = &cur->v[i];
		c->requests = since(c->requests, p->requests);
		c->locks = since(c->locks, p->locks);
		c->wait_sum = since(c->wait_sum, p->wait_sum);
		c->hold_sum = since(c->hold_sum, p->hold_sum);
	}
	if (!e->rec)
		return;
	/* A total below what it had plus what joined it: reset in between. */
	e->nets = since(e->nets, prev->exited.nets);
	e->requests = since(e->requests, prev->exited.requests + gone.requests);
	e->locks = since(e->locks, prev->exited.locks + gone.locks);
	e->wait_sum = since(e->wait_sum, prev->exited.wait_sum + gone.wait_sum);
	e->hold_sum = since(e->hold_sum, prev->exited.hold_sum + gone.hold_sum);
}
