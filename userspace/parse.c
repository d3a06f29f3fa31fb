// SPDX-License-Identifier: GPL-2.0
/* Reading, writing and tokenizing the debugfs files. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "main.h"
#include "parse.h"
#include "snapshot.h"

#define DEBUGFS_MOUNT	"/sys/kernel/debug"
#define MAX_FILE_SIZE	(256u << 20)
#define MAX_WORDS	8

const char *trace_dir(void)
{
	const char *dir = getenv("RTNL_NET_TRACE_DIR");

	return dir && *dir ? dir : DEFAULT_TRACE_DIR;
}

/* True unless /proc/mounts says debugfs is not on DEBUGFS_MOUNT. */
static bool debugfs_mounted(void)
{
	char mnt[PATH_MAX], type[64];
	bool found = false;
	char *line = NULL;
	size_t cap = 0;
	FILE *fp;

	fp = fopen("/proc/mounts", "re");
	if (!fp)
		return true;
	while (!found && getline(&line, &cap, fp) > 0) {
		if (sscanf(line, "%*s %4095s %63s", mnt, type) == 2 &&
		    !strcmp(mnt, DEBUGFS_MOUNT) && !strcmp(type, "debugfs"))
			found = true;
	}
	free(line);
	fclose(fp);
	return found;
}

static int access_err(const char *what, const char *path)
{
	if (errno == EACCES || errno == EPERM)
		return p_err("permission denied %s %s: run as root", what,
			     path);
	return p_err("cannot access %s: %s", path, strerror(errno));
}

/* Set once the trace directory was found: the module was loaded. */
static bool checked;

int trace_dir_check(void)
{
	const char *dir = trace_dir();
	struct stat st;

	if (checked)
		return 0;
	if (!getenv("RTNL_NET_TRACE_DIR") && !debugfs_mounted())
		return p_err("debugfs is not mounted on %s (mount -t debugfs none %s)",
			     DEBUGFS_MOUNT, DEBUGFS_MOUNT);
	if (stat(dir, &st)) {
		if (errno == ENOENT)
			return p_err("rtnl_net_trace module is not loaded (no %s)",
				     dir);
		return access_err("reading", dir);
	}
	if (!S_ISDIR(st.st_mode))
		return p_err("%s is not a directory", dir);
	checked = true;
	return 0;
}

static int trace_path(char *path, size_t len, const char *name)
{
	if (trace_dir_check())
		return -1;
	if ((size_t)snprintf(path, len, "%s/%s", trace_dir(), name) >= len)
		return p_err("path too long: %s/%s", trace_dir(), name);
	return 0;
}

/*
 * After rmmod, debugfs removes the module's files, then its directory;
 * a file still open reads as EIO. Wait a little for the directory to go
 * too, so that a file missing during the removal is not taken for a
 * module that does not match.
 */
static bool module_gone(void)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	struct stat st;
	int i;

	for (i = 0; i < 20; i++) {
		if (stat(trace_dir(), &st) && errno == ENOENT)
			return true;
		nanosleep(&ts, NULL);
	}
	return false;
}

static int unloaded_err(void)
{
	return p_err("rtnl_net_trace module was unloaded (no %s)", trace_dir());
}

static int open_err(const char *what, const char *path)
{
	int err = errno;

	if (err == ENOENT && checked && module_gone())
		return unloaded_err();
	if (err == ENOENT)
		return p_err("missing file %s (module and rtnlctl do not match?)",
			     path);
	errno = err;
	return access_err(what, path);
}

bool trace_file_exists(const char *name)
{
	char path[PATH_MAX];

	if (snprintf(path, sizeof(path), "%s/%s", trace_dir(), name) >=
	    (int)sizeof(path))
		return true;
	return access(path, F_OK) == 0 || errno != ENOENT;
}

int read_trace_file(const char *name, char **bufp, size_t *lenp)
{
	size_t len = 0, cap = 4096;
	char path[PATH_MAX];
	char *buf, *tmp;
	ssize_t n;
	int fd, err;

	err = snapshot_read(name, bufp, lenp);
	if (err <= 0)
		return err;
	if (trace_path(path, sizeof(path), name))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return open_err("reading", path);
	buf = malloc(cap);
	if (!buf)
		goto err_nomem;
	for (;;) {
		if (cap - len < 2) {
			if (cap >= MAX_FILE_SIZE) {
				p_err("%s is larger than %u bytes", path,
				      MAX_FILE_SIZE);
				goto err_free;
			}
			tmp = realloc(buf, cap * 2);
			if (!tmp)
				goto err_nomem;
			buf = tmp;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			if ((err == EIO || err == ENODEV || err == ENOENT) &&
			    module_gone())
				unloaded_err();
			else
				p_err("cannot read %s: %s", path, strerror(err));
			goto err_free;
		}
		if (!n)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;

err_nomem:
	p_err("out of memory");
err_free:
	free(buf);
	close(fd);
	return -1;
}

int write_trace_file(const char *name, const char *val)
{
	size_t len = strlen(val);
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	if (trace_path(path, sizeof(path), name))
		return -1;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return open_err("writing", path);
	n = write(fd, val, len);
	if (n < 0 && errno == EINVAL) {
		close(fd);
		return p_err("%s rejected the value '%s'", path, val);
	}
	if (n < 0 || (size_t)n != len) {
		if (n >= 0)
			errno = EIO;
		close(fd);
		return p_err("cannot write %s: %s", path, strerror(errno));
	}
	if (close(fd))
		return p_err("cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* Split @line in place at spaces; returns the number of words found. */
static size_t split_words(char *line, char **words, size_t max)
{
	size_t n = 0;
	char *tok;

	for (tok = strtok(line, " "); tok; tok = strtok(NULL, " ")) {
		if (n < max)
			words[n] = tok;
		n++;
	}
	return n;
}

static int check_version(const char *file, const char *ver)
{
	uint64_t v;

	if (parse_u64(ver, &v))
		return 1;
	if (v != FORMAT_VERSION)
		return p_err("unsupported format version %s in %s (rtnlctl supports %d)",
			     ver, file, FORMAT_VERSION);
	return 0;
}

int read_format_version(void)
{
	char *buf, *words[MAX_WORDS];
	size_t len, n;
	int err;

	if (read_trace_file("version", &buf, &len))
		return -1;
	if (!len) {
		free(buf);
		return p_err("empty file version");
	}
	if (buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	n = split_words(buf, words, MAX_WORDS);
	if (n != 3 || strcmp(words[0], "rtnl_net_trace") ||
	    strcmp(words[1], "format"))
		err = 1;
	else
		err = check_version("version", words[2]);
	if (err > 0)
		p_err("malformed version file (expected 'rtnl_net_trace format %d')",
		      FORMAT_VERSION);
	free(buf);
	return err ? -1 : FORMAT_VERSION;
}

static int check_header(const struct rfile *f, char *line)
{
	char *words[MAX_WORDS];
	size_t n;
	int err = 1;

	n = split_words(line, words, MAX_WORDS);
	if (n == 4 && !strcmp(words[0], "rtnl_net_trace") &&
	    !strcmp(words[1], f->name) && !strcmp(words[2], "version"))
		err = check_version(f->name, words[3]);
	if (err > 0)
		p_err("malformed header in %s line 1 (expected 'rtnl_net_trace %s version %d')",
		      f->name, f->name, FORMAT_VERSION);
	return err ? -1 : 0;
}

/* @arr with room for @need elements, or NULL (@arr is then untouched). */
static void *grow(void *arr, size_t *cap, size_t need, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *tmp;

	if (need <= *cap)
		return arr;
	while (ncap < need)
		ncap *= 2;
	tmp = realloc(arr, ncap * size);
	if (!tmp)
		return NULL;
	*cap = ncap;
	return tmp;
}

static int parse_line(struct rfile *f, char *line, unsigned int lineno,
		      size_t *fcap, size_t *rcap)
{
	struct record *r;
	struct field *fl;
	char *tok, *eq;

	tok = strtok(line, " ");
	if (!tok)
		return 0;	/* blank line */
	r = grow(f->recs, rcap, f->nrecs + 1, sizeof(*f->recs));
	if (!r)
		return p_err("out of memory");
	f->recs = r;
	r = &f->recs[f->nrecs++];
	r->name = tok;
	r->line = lineno;
	r->first = f->nfields;
	r->nfields = 0;
	while ((tok = strtok(NULL, " "))) {
		/*
		 * The kernel's %pS prints "sym+0x1/0x2 [module]" for module
		 * symbols: glue " [module]" back onto the value before it.
		 */
		if (r->nfields && tok[0] == '[' && tok[strlen(tok) - 1] == ']') {
			fl = &f->fields[f->nfields - 1];
			*strchr(fl->val, '\0') = ' ';
			continue;
		}
		fl = grow(f->fields, fcap, f->nfields + 1, sizeof(*f->fields));
		if (!fl)
			return p_err("out of memory");
		f->fields = fl;
		fl = &f->fields[f->nfields++];
		r->nfields++;
		eq = strchr(tok, '=');
		if (eq == tok)
			return rec_err(f, r, "field without a key");
		fl->used = false;
		if (eq) {
			*eq = '\0';
			fl->key = tok;
			fl->val = eq + 1;
		} else {
			fl->key = "";
			fl->val = tok;
		}
	}
	return 0;
}

/*
 * The module writes printable ASCII only (comm has the rest replaced by
 * '?'): anything else would reach the terminal or, as invalid UTF-8,
 * break the JSON output.
 */
static int check_chars(const struct rfile *f, const char *line,
		       unsigned int lineno)
{
	const unsigned char *p;

	for (p = (const unsigned char *)line; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return p_err("malformed file %s: line %u has a byte 0x%02x that is not printable ASCII",
				     f->name, lineno, *p);
	return 0;
}

int rfile_load(struct rfile *f, const char *name)
{
	size_t len, fcap = 0, rcap = 0;
	unsigned int lineno = 1;
	char *line, *end;

	memset(f, 0, sizeof(*f));
	f->name = name;
	if (read_trace_file(name, &f->buf, &len))
		return -1;
	if (!len) {
		p_err("empty file %s: no header line", name);
		goto err;
	}
	if (strlen(f->buf) != len) {
		p_err("malformed file %s: it contains a NUL byte", name);
		goto err;
	}
	for (line = f->buf; *line; line = end + 1, lineno++) {
		end = strchr(line, '\n');
		if (end)
			*end = '\0';
		if (check_chars(f, line, lineno))
			goto err;
		if (lineno == 1 && check_header(f, line))
			goto err;
		if (!end) {
			p_err("truncated file %s: line %u has no newline", name,
			      lineno);
			goto err;
		}
		if (lineno > 1 && parse_line(f, line, lineno, &fcap, &rcap))
			goto err;
	}
	return 0;
err:
	rfile_free(f);
	return -1;
}

void rfile_free(struct rfile *f)
{
	free(f->buf);
	free(f->fields);
	free(f->recs);
	memset(f, 0, sizeof(*f));
}

int parse_u64_base(const char *s, int base, uint64_t *val)
{
	unsigned long long v;
	const char *p;
	char *end;

	if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!*s)
		return -1;
	for (p = s; *p; p++)
		if (base == 16 ? !isxdigit((unsigned char)*p) :
				 !isdigit((unsigned char)*p))
			return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end)
		return -1;
	*val = v;
	return 0;
}

int parse_u64(const char *s, uint64_t *val)
{
	return parse_u64_base(s, 10, val);
}

int rec_err(const struct rfile *f, const struct record *r, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return p_err("malformed record in %s line %u: %s", f->name, r->line,
		     msg);
}

static const char *rec_find(const struct rfile *f, const struct record *r,
			    const char *key)
{
	size_t i;

	for (i = r->first; i < r->first + r->nfields; i++) {
		if (!strcmp(f->fields[i].key, key)) {
			f->fields[i].used = true;
			return f->fields[i].val;
		}
	}
	return NULL;
}

const char *rec_str(const struct rfile *f, const struct record *r,
		    const char *key)
{
	const char *val = rec_find(f, r, key);

	if (!val)
		rec_err(f, r, "missing %s", key);
	else if (!*val)
		rec_err(f, r, "empty %s", key);
	return val && *val ? val : NULL;
}

const char *rec_opt(const struct rfile *f, const struct record *r,
		    const char *key)
{
	return rec_find(f, r, key);
}

/* Records other than stack records carry key=value fields only. */
int rec_keys_only(const struct rfile *f, const struct record *r)
{
	size_t i;

	for (i = r->first; i < r->first + r->nfields; i++)
		if (!*f->fields[i].key)
			return rec_err(f, r, "value without a key");
	return 0;
}

/* The first bare word of a record, e.g. the symbol of a stack record. */
const char *rec_word(const struct rfile *f, const struct record *r)
{
	const char *val = rec_find(f, r, "");

	if (!val)
		rec_err(f, r, "missing value");
	return val;
}

static int rec_num(const struct rfile *f, const struct record *r,
		   const char *key, int base, uint64_t *val)
{
	const char *s = rec_str(f, r, key);

	if (!s)
		return -1;
	if (parse_u64_base(s, base, val))
		return rec_err(f, r, "bad number in %s", key);
	return 0;
}

int rec_u64(const struct rfile *f, const struct record *r, const char *key,
	    uint64_t *val)
{
	return rec_num(f, r, key, 10, val);
}

int rec_hex(const struct rfile *f, const struct record *r, const char *key,
	    uint64_t *val)
{
	return rec_num(f, r, key, 16, val);
}

int rec_u64_max(const struct rfile *f, const struct record *r,
		const char *key, uint64_t max, uint64_t *val)
{
	if (rec_u64(f, r, key, val))
		return -1;
	if (*val > max)
		return rec_err(f, r, "%s out of range", key);
	return 0;
}

int rec_s64(const struct rfile *f, const struct record *r, const char *key,
	    int64_t *val)
{
	const char *s = rec_str(f, r, key);
	bool neg;
	uint64_t v;

	if (!s)
		return -1;
	neg = *s == '-';
	if (parse_u64(s + neg, &v) || v > (uint64_t)INT64_MAX)
		return rec_err(f, r, "bad number in %s", key);
	*val = neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

/* Parse the comma list @s of @n numbers into @val. */
static int parse_list(const struct rfile *f, const struct record *r,
		      const char *key, const char *s, uint64_t *val, size_t n)
{
	const char *p;
	char num[24];
	size_t i, len;

	for (i = 0; i < n; i++, s = p + 1) {
		p = strchrnul(s, ',');
		len = p - s;
		if (len >= sizeof(num))
			return rec_err(f, r, "bad number in %s", key);
		memcpy(num, s, len);
		num[len] = '\0';
		if (parse_u64(num, &val[i]))
			return rec_err(f, r, "bad number in %s", key);
	}
	return 0;
}

static size_t list_count(const char *s)
{
	size_t count = 1;

	for (; *s; s++)
		count += *s == ',';
	return count;
}

int rec_u64_list(const struct rfile *f, const struct record *r,
		 const char *key, uint64_t *val, size_t n)
{
	const char *s = rec_str(f, r, key);
	size_t count;

	if (!s)
		return -1;
	count = list_count(s);
	if (count != n)
		return rec_err(f, r, "%s has %zu values, expected %zu", key,
			       count, n);
	return parse_list(f, r, key, s, val, n);
}

int rec_u64_list_var(const struct rfile *f, const struct record *r,
		     const char *key, uint64_t *val, size_t max, size_t *n)
{
	const char *s = rec_str(f, r, key);

	if (!s)
		return -1;
	*n = list_count(s);
	if (*n > max)
		return rec_err(f, r, "%s has %zu values, at most %zu", key, *n,
			       max);
	return parse_list(f, r, key, s, val, *n);
}

int rec_enum(const struct rfile *f, const struct record *r, const char *key,
	     const char *const *names, size_t n)
{
	const char *s = rec_str(f, r, key);
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	return rec_err(f, r, "unknown %s", key);
}

bool rec_has_unused(const struct rfile *f, const struct record *r)
{
	size_t i;

	for (i = r->first; i < r->first + r->nfields; i++)
		if (!f->fields[i].used)
			return true;
	return false;
}

bool rec_known(const struct rfile *f, const struct record *r)
{
	size_t i;

	for (i = 0; i < f->nknown; i++)
		if (!strcmp(r->name, f->known[i]))
			return true;
	return false;
}
