// SPDX-License-Identifier: GPL-2.0
/*
 * rtnlctl snapshot FILE, and --since FILE: the debugfs files as they are
 * now, kept in one file, and read back in their place later so that
 * stats, rtnl, locksets and netns can print what happened in between.
 *
 * The file is text: a line "rtnlctl snapshot version 1", a line
 * "time_ns=N" (CLOCK_REALTIME), then per debugfs file a line
 * "file NAME BYTES" followed by exactly BYTES bytes of its contents.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "main.h"
#include "parse.h"
#include "print.h"
#include "snapshot.h"
#include "table.h"

#define SNAPSHOT_HEADER	"rtnlctl snapshot version 1\n"
#define MAX_SNAPSHOT	(1u << 30)

static const char *const snapshot_files[] = {
	"version", "status", "handlers", "stats", "rtnl", "locksets", "netns",
	"violations",
};

struct snap_file {
	char name[32];
	const char *data;
	size_t len;
};

/* The snapshot reads come from, or none: see snapshot_read(). */
static struct {
	const char *path;
	char *buf;
	struct snap_file files[16];
	size_t n;
	uint64_t time_ns;
	bool active;
} snap;

static uint64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

int do_snapshot(int argc, char **argv)
{
	char tmp[PATH_MAX], *buf;
	const char *path;
	size_t i, len;
	FILE *fp;
	int err = 0;

	if (argc && !strcmp(*argv, "help")) {
		cmd_help("snapshot", NULL, 0);
		return 0;
	}
	if (!argc)
		return p_err("snapshot needs a file to write");
	path = *argv;
	if (no_more_args(argc - 1, argv + 1))
		return -1;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return p_err("path too long: %s", path);
	/* Every file, checked as a command would, before anything is written. */
	if (read_format_version() < 0)
		return -1;
	fp = fopen(tmp, "we");
	if (!fp)
		return p_err("cannot write %s: %s", tmp, strerror(errno));
	fprintf(fp, SNAPSHOT_HEADER "time_ns=%" PRIu64 "\n", realtime_ns());
	for (i = 0; !err && i < ARRAY_SIZE(snapshot_files); i++) {
		if (read_trace_file(snapshot_files[i], &buf, &len)) {
			err = -1;
			break;
		}
		fprintf(fp, "file %s %zu\n", snapshot_files[i], len);
		fwrite(buf, 1, len, fp);
		free(buf);
	}
	if (fclose(fp) && !err)
		err = p_err("cannot write %s: %s", tmp, strerror(errno));
	if (!err && rename(tmp, path))
		err = p_err("cannot write %s: %s", path, strerror(errno));
	if (err) {
		unlink(tmp);
		return -1;
	}
	if (json_output)
		puts("null");
	return 0;
}

static int bad_snapshot(const char *path, const char *why)
{
	free(snap.buf);
	memset(&snap, 0, sizeof(snap));
	return p_err("%s is not an rtnlctl snapshot: %s", path, why);
}

int snapshot_open(const char *path)
{
	char *p, *end, *nl, name[32];
	size_t len = 0, cap = 1 << 16, n;
	uint64_t bytes;
	char *tmp;
	FILE *fp;

	fp = fopen(path, "re");
	if (!fp)
		return p_err("cannot read %s: %s", path, strerror(errno));
	snap.buf = malloc(cap);
	while (snap.buf && (n = fread(snap.buf + len, 1, cap - len - 1, fp))) {
		len += n;
		if (cap - len > 1)
			continue;
		if (cap >= MAX_SNAPSHOT) {
			fclose(fp);
			return bad_snapshot(path, "too large");
		}
		tmp = realloc(snap.buf, cap * 2);
		if (!tmp)
			break;
		snap.buf = tmp;
		cap *= 2;
	}
	fclose(fp);
	if (!snap.buf)
		return p_err("out of memory");
	snap.buf[len] = '\0';
	end = snap.buf + len;
	if (strncmp(snap.buf, SNAPSHOT_HEADER, strlen(SNAPSHOT_HEADER)))
		return bad_snapshot(path, "no 'rtnlctl snapshot version 1' line");
	p = snap.buf + strlen(SNAPSHOT_HEADER);
	nl = memchr(p, '\n', end - p);
	if (!nl || strncmp(p, "time_ns=", 8))
		return bad_snapshot(path, "no time_ns line");
	*nl = '\0';
	if (parse_u64(p + 8, &snap.time_ns))
		return bad_snapshot(path, "bad time_ns");
	for (p = nl + 1; p < end; p += bytes) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			return bad_snapshot(path, "truncated");
		*nl = '\0';
		if (sscanf(p, "file %31s %" SCNu64, name, &bytes) != 2 ||
		    snap.n == ARRAY_SIZE(snap.files))
			return bad_snapshot(path, "bad file line");
		p = nl + 1;
		if (bytes > (uint64_t)(end - p))
			return bad_snapshot(path, "truncated");
		snprintf(snap.files[snap.n].name, sizeof(snap.files[snap.n].name),
			 "%s", name);
		snap.files[snap.n].data = p;
		snap.files[snap.n].len = bytes;
		snap.n++;
	}
	snap.path = path;
	return 0;
}

void snapshot_use(bool on)
{
	snap.active = on && snap.path;
}

void snapshot_close(void)
{
	free(snap.buf);
	memset(&snap, 0, sizeof(snap));
}

int snapshot_read(const char *name, char **bufp, size_t *lenp)
{
	size_t i;

	if (!snap.active)
		return 1;
	for (i = 0; i < snap.n; i++) {
		if (strcmp(snap.files[i].name, name))
			continue;
		*bufp = malloc(snap.files[i].len + 1);
		if (!*bufp)
			return p_err("out of memory");
		memcpy(*bufp, snap.files[i].data, snap.files[i].len);
		(*bufp)[snap.files[i].len] = '\0';
		*lenp = snap.files[i].len;
		return 0;
	}
	return p_err("snapshot %s has no file %s", snap.path, name);
}

void print_since(void)
{
	char buf[32];
	uint64_t now = realtime_ns();

	if (!snap.path || (table_opts.raw && !json_output))
		return;
	fmt_time(buf, sizeof(buf), now > snap.time_ns ? now - snap.time_ns : 0);
	open_json_object("since");
	print_str("file", "since %s", snap.path);
	print_u64("time_ns", NULL, snap.time_ns);
	print_u64("elapsed_ns", NULL, now > snap.time_ns ? now - snap.time_ns : 0);
	print_str(NULL, " (%s ago)\n", buf);
	close_json_object();
}
