/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_PARSE_H
#define RTNLCTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "main.h"

/*
 * Reader for the debugfs files of docs/debugfs.md: a header line
 * "rtnl_net_trace <file> version <N>", then records "name key=value ...".
 * Every error is reported through p_err() once, where it is found.
 */

#define FORMAT_VERSION		2
#define DEFAULT_TRACE_DIR	"/sys/kernel/debug/rtnl_net_trace"
#define HIST_BUCKETS		42

struct field {
	const char *key;	/* "" for a bare word such as a stack entry */
	const char *val;
	bool used;		/* read by a loader: a field rtnlctl knows */
};

struct record {
	const char *name;
	unsigned int line;
	size_t first;		/* index of its first field in rfile.fields */
	size_t nfields;
};

struct rfile {
	const char *name;	/* file name inside the trace directory */
	const char *const *known;	/* the record names its loader reads */
	size_t nknown;
	char *buf;
	struct field *fields;
	size_t nfields;
	struct record *recs;
	size_t nrecs;
};

const char *trace_dir(void);
int trace_dir_check(void);
/*
 * Whether the module has file @name: false only when it is not there (an
 * older module); a file that cannot be read is left to its loader.
 */
bool trace_file_exists(const char *name);
int read_trace_file(const char *name, char **buf, size_t *len);
int write_trace_file(const char *name, const char *val);
int read_format_version(void);

int rfile_load(struct rfile *f, const char *name);
void rfile_free(struct rfile *f);

int parse_u64(const char *s, uint64_t *val);
int parse_u64_base(const char *s, int base, uint64_t *val);

/* Field accessors: each reports "malformed record in <file> line <N>". */
__printf(3, 4) int rec_err(const struct rfile *f, const struct record *r,
			   const char *fmt, ...);
const char *rec_str(const struct rfile *f, const struct record *r,
		    const char *key);
/* The value of @key as written, or NULL when the record has no such key. */
const char *rec_opt(const struct rfile *f, const struct record *r,
		    const char *key);
int rec_keys_only(const struct rfile *f, const struct record *r);
const char *rec_word(const struct rfile *f, const struct record *r);
int rec_u64(const struct rfile *f, const struct record *r, const char *key,
	    uint64_t *val);
int rec_u64_max(const struct rfile *f, const struct record *r,
		const char *key, uint64_t max, uint64_t *val);
int rec_s64(const struct rfile *f, const struct record *r, const char *key,
	    int64_t *val);
int rec_hex(const struct rfile *f, const struct record *r, const char *key,
	    uint64_t *val);
int rec_u64_list(const struct rfile *f, const struct record *r,
		 const char *key, uint64_t *val, size_t n);
/* A list of 1 to @max numbers; their count in @n. */
int rec_u64_list_var(const struct rfile *f, const struct record *r,
		     const char *key, uint64_t *val, size_t max, size_t *n);
int rec_enum(const struct rfile *f, const struct record *r, const char *key,
	     const char *const *names, size_t n);

/*
 * Forward compatibility (docs/debugfs.md): a newer module may add keys to
 * a record and new records to a file. The loaders keep them; these find
 * them again for printing.
 */
bool rec_has_unused(const struct rfile *f, const struct record *r);
bool rec_known(const struct rfile *f, const struct record *r);

#endif
