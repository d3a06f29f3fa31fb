// SPDX-License-Identifier: GPL-2.0
/* The loader of debugfs "now": who holds RTNL, who waits for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "main.h"
#include "now.h"

static const struct record *now_find(const struct rfile *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->nrecs; i++)
		if (!strcmp(f->recs[i].name, name))
			return &f->recs[i];
	return NULL;
}

/* "inum:cookie,inum:cookie", or "-" for none. */
static int parse_nets(const struct rfile *f, const struct record *r,
		      struct live_task *e)
{
	const char *s = rec_str(f, r, "nets");
	char buf[64], *colon;
	const char *p, *end;
	size_t n = 1, len;

	if (!s)
		return -1;
	if (!strcmp(s, "-"))
		return 0;
	for (p = s; *p; p++)
		n += *p == ',';
	e->nets = calloc(n, sizeof(*e->nets));
	if (!e->nets)
		return p_err("out of memory");
	for (p = s; ; p = end + 1) {
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len >= sizeof(buf))
			return rec_err(f, r, "bad nets");
		memcpy(buf, p, len);
		buf[len] = '\0';
		colon = strchr(buf, ':');
		if (!colon)
			return rec_err(f, r, "bad nets");
		*colon = '\0';
		if (parse_u64(buf, &e->nets[e->nnets].inum) ||
		    parse_u64(colon + 1, &e->nets[e->nnets].cookie))
			return rec_err(f, r, "bad nets");
		e->nnets++;
		if (!end)
			break;
	}
	return 0;
}

static int parse_task(const struct rfile *f, const struct record *r,
		      struct live_task *e, const char *time_key)
{
	uint64_t v;

	e->rec = r;
	if (rec_keys_only(f, r) || rec_u64(f, r, "pid", &e->pid))
		return -1;
	e->comm = rec_str(f, r, "comm");
	e->key.fn = rec_str(f, r, "owner");
	e->owner_type = rec_str(f, r, "owner_type");
	if (!e->comm || !e->key.fn || !e->owner_type ||
	    rec_u64(f, r, time_key, &e->ns))
		return -1;
	e->handler = !strcmp(e->owner_type, "handler");
	if (e->handler) {
		if (rec_u64_max(f, r, "family", 255, &v))
			return -1;
		e->key.family = v;
		if (rec_u64_max(f, r, "msgtype", 65535, &v))
			return -1;
		e->key.msgtype = v;
		e->key.kind = rec_str(f, r, "kind");
		if (!e->key.kind)
			return -1;
	}
	return 0;
}

int load_now(struct now_info *t)
{
	struct rfile *f = &t->rf;
	const struct record *r;
	uint64_t enabled;
	size_t i;

	memset(t, 0, sizeof(*t));
	if (!trace_file_exists("now"))
		return 0;
	if (rfile_load(f, "now"))
		return -1;
	t->present = true;
	f->known = now_records;
	f->nknown = ARRAY_SIZE(now_records);
	r = now_find(f, "now");
	if (!r) {
		p_err("malformed file now: no now record");
		goto err;
	}
	if (rec_u64_max(f, r, "enabled", 1, &enabled) ||
	    rec_u64(f, r, "time_ns", &t->time_ns))
		goto err;
	t->enabled = enabled;
	r = now_find(f, "waiters");
	if (!r) {
		p_err("malformed file now: no waiters record");
		goto err;
	}
	if (rec_u64(f, r, "count", &t->count) ||
	    rec_u64(f, r, "listed", &t->listed) ||
	    rec_u64(f, r, "oldest_ns", &t->oldest_ns))
		goto err;
	t->holders = calloc(f->nrecs + 1, sizeof(*t->holders));
	t->waiters = calloc(f->nrecs + 1, sizeof(*t->waiters));
	if (!t->holders || !t->waiters) {
		p_err("out of memory");
		goto err;
	}
	for (i = 0; i < f->nrecs; i++) {
		r = &f->recs[i];
		if (!strcmp(r->name, "holder")) {
			struct live_task *e = &t->holders[t->nholders++];

			if (parse_task(f, r, e, "held_ns") || parse_nets(f, r, e))
				goto err;
		} else if (!strcmp(r->name, "waiter")) {
			if (parse_task(f, r, &t->waiters[t->nwaiters++],
				       "wait_ns"))
				goto err;
		}
	}
	return 0;
err:
	free_now(t);
	return -1;
}

void free_now(struct now_info *t)
{
	size_t i;

	for (i = 0; t->holders && i < t->nholders; i++)
		free(t->holders[i].nets);
	free(t->holders);
	free(t->waiters);
	rfile_free(&t->rf);
	memset(t, 0, sizeof(*t));
}
