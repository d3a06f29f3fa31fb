// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs_fuzz: bad input for the module's debugfs files.
 *
 *   debugfs_fuzz write FILE [-n WRITES] [-s SEED] [-e]
 *   debugfs_fuzz read FILE...
 *
 * write: WRITES writes to FILE (enable, reset or violation_action) of
 * random bytes, overlong strings, negative and odd numbers, near misses,
 * partial commands and commands at an offset, with a valid command now
 * and then. Each write must be taken exactly when the file's grammar
 * says it is valid (at offset 0, whole, shorter than 8 bytes, no NUL;
 * once blanks are stripped, a kstrtobool() word for enable, a true one
 * for reset, count or warn for violation_action; -e: this kernel's
 * kstrtobool() takes e/E and d/D too) and refused with EINVAL otherwise (a
 * pwrite() to a seq_file-backed file gets ESPIPE from the VFS), and
 * only a valid write may change the module's state: enable,
 * violation_action and, for reset, the stats file.
 *
 * read: each FILE read with 1-byte reads and after lseek() to several
 * offsets must give the same bytes as one large read.
 *
 * Prints a summary line per file; exits 1 on the first mismatch.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DIR "/sys/kernel/debug/rtnl_net_trace/"
#define WORD_MAX 8		/* the module's command buffer, NUL included */
#define FILE_MAX (1 << 20)

static const char *const words[][4] = {
	[0] = { "0", "1", "on", "off" },	/* enable */
	[1] = { "1", "on" },			/* reset */
	[2] = { "count", "warn" },		/* violation_action */
};

static const char *const near_misses[] = {
	"2", "-1", "-0", "00", "01", "0x1", "1 1", "o n", "On", "ON", "OFF",
	"yes", "no", "true", "enable", "reset", "Count", "WARN", "warn!",
	"count1", "+1", "1.0", "\t", " ", "\n", "\n\n", "1\n\n\n\n\n\n\n",
	"-2147483648", "4294967296", "-9223372036854775808", "on\t\t\t\t\t",
};

static unsigned long long rng;
static bool kbool_ed;		/* kstrtobool() takes "enable"/"disable" */

static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned int)(rng >> 11) % n;
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "debugfs_fuzz: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

/* Read a whole file with reads of @chunk bytes; returns its length. */
static ssize_t slurp(const char *path, char *buf, size_t size, size_t chunk)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		fail("open %s: %s", path, strerror(errno));
	while (len < size && (n = read(fd, buf + len, chunk < size - len ? chunk : size - len)) > 0)
		len += n;
	if (n < 0)
		fail("read %s: %s", path, strerror(errno));
	close(fd);
	return len;
}

static void read_small(const char *name, char *buf, size_t size)
{
	char path[128];
	ssize_t n;

	snprintf(path, sizeof(path), DIR "%s", name);
	n = slurp(path, buf, size - 1, size - 1);
	buf[n] = '\0';
}

/* The module state a write may change. */
struct state {
	char enable[16];
	char action[16];
	char *stats;
};

static void get_state(struct state *s)
{
	read_small("enable", s->enable, sizeof(s->enable));
	read_small("violation_action", s->action, sizeof(s->action));
	read_small("stats", s->stats, FILE_MAX);
}

/* One rtnetlink request, so that a reset has something to clear. */
static void send_getlink(void)
{
	struct {
		struct nlmsghdr nlh;
		struct ifinfomsg ifi;
	} req = {
		.nlh.nlmsg_len = sizeof(req),
		.nlh.nlmsg_type = RTM_GETLINK,
		.nlh.nlmsg_flags = NLM_F_REQUEST,
		.ifi.ifi_index = 1,
	};
	char buf[4096];
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0 || send(fd, &req, sizeof(req), 0) != sizeof(req) ||
	    recv(fd, buf, sizeof(buf), 0) < 0)
		fail("getlink: %s", strerror(errno));
	close(fd);
}

/* The kernel's isspace(): its ctype table has 0xa0 as a blank too. */
static bool kspace(char c)
{
	return c && strchr(" \t\n\v\f\r\xa0", c);
}

/*
 * The kernel's kstrtobool() on a word of @len bytes: 1 true, 0 false,
 * -1 refused. It looks at the first one or two characters only.
 */
static int kbool(const char *w, size_t len)
{
	char c = len ? w[0] : '\0', d = len > 1 ? w[1] : '\0';

	if (!c)
		return -1;
	if (strchr("yYtT1", c) || (kbool_ed && strchr("eE", c)))
		return 1;
	if (strchr("nNfF0", c) || (kbool_ed && strchr("dD", c)))
		return 0;
	if (c == 'o' || c == 'O') {
		if (d == 'n' || d == 'N')
			return 1;
		if (d == 'f' || d == 'F')
			return 0;
	}
	return -1;
}

/* Whether the module must take @len bytes of @buf written at @off. */
static bool valid(int file, const char *buf, size_t len, off_t off)
{
	size_t start = 0, end = len, i;

	if (off || !len || len >= WORD_MAX || memchr(buf, '\0', len))
		return false;
	while (start < end && kspace(buf[start]))
		start++;
	while (end > start && kspace(buf[end - 1]))
		end--;
	if (file == 0)
		return kbool(buf + start, end - start) >= 0;
	if (file == 1)
		return kbool(buf + start, end - start) == 1;
	for (i = 0; i < 4 && words[file][i]; i++)
		if (strlen(words[file][i]) == end - start &&
		    !memcmp(words[file][i], buf + start, end - start))
			return true;
	return false;
}

/*
 * Fill @buf with one fuzz input; returns its length and sets *off. Most
 * commands for enable repeat its current state @on: a real toggle
 * registers or unregisters every probe, which is slow under emulation.
 */
static size_t make_input(int file, bool on, char *buf, size_t size, off_t *off)
{
	const char *w = words[file][rnd(file == 0 ? 4 : 2)];
	size_t len, i;

	if (file == 0 && rnd(64))
		w = on ? (rnd(2) ? "1" : "on") : (rnd(2) ? "0" : "off");

	*off = 0;
	switch (rnd(8)) {
	case 0:		/* random bytes, short */
		len = 1 + rnd(12);
		for (i = 0; i < len; i++)
			buf[i] = (char)rnd(256);
		return len;
	case 1:		/* overlong */
		len = WORD_MAX + rnd(size - WORD_MAX);
		for (i = 0; i < len; i++)
			buf[i] = rnd(4) ? w[i % strlen(w)] : (char)(' ' + rnd(95));
		return len;
	case 2:		/* numbers, negative ones among them */
		return snprintf(buf, WORD_MAX + 8, "%s%u", rnd(2) ? "-" : "",
				rnd(4) ? rnd(10) : rnd(~0U));
	case 3:		/* near misses */
		return snprintf(buf, size, "%s",
				near_misses[rnd(sizeof(near_misses) / sizeof(*near_misses))]);
	case 4:		/* part of a command */
		len = strlen(w);
		i = rnd(len);
		memcpy(buf, w + (rnd(2) ? 0 : i), len - i);
		return len - i ? len - i : 1;
	case 5:		/* a command at an offset */
		*off = 1 + rnd(64);
		memcpy(buf, w, strlen(w));
		return strlen(w);
	case 6:		/* a command with a NUL or blanks in it */
		len = snprintf(buf, size, "%s%s%s", rnd(2) ? " " : "", w,
			       rnd(2) ? "\n" : "");
		if (rnd(2))
			buf[rnd(len)] = '\0';
		return len;
	default:	/* a valid command */
		return snprintf(buf, size, "%s%s", w, rnd(2) ? "\n" : "");
	}
}

static const char *const write_files[] = { "enable", "reset", "violation_action" };

static int fuzz_writes(int file, long n)
{
	static char buf[4096];
	struct state before, after, swap;
	char path[128];
	long taken = 0, refused = 0, espipe = 0, changed = 0, i;
	int fd;

	before.stats = malloc(FILE_MAX);
	after.stats = malloc(FILE_MAX);
	if (!before.stats || !after.stats)
		fail("out of memory");
	snprintf(path, sizeof(path), DIR "%s", write_files[file]);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		fail("open %s: %s", path, strerror(errno));
	send_getlink();
	get_state(&before);
	for (i = 0; i < n; i++) {
		off_t off;
		size_t len = make_input(file, before.enable[0] == '1', buf, sizeof(buf), &off);
		bool ok, by_pwrite = off && rnd(2);
		ssize_t ret;

		if (by_pwrite) {
			ret = pwrite(fd, buf, len, off);
		} else {
			/* lseek() is a no-op where there is nothing to seek. */
			off = lseek(fd, off, SEEK_SET);
			ret = write(fd, buf, len);
			lseek(fd, 0, SEEK_SET);
		}
		ok = valid(file, buf, len, off);
		/* The VFS refuses pwrite() on a seq_file before the module sees it. */
		if (ret == -1 && errno == ESPIPE && by_pwrite) {
			espipe++;
			errno = EINVAL;
		}
		if (ok && ret != (ssize_t)len)
			fail("%s: valid write %ld (%zu bytes '%.*s') returned %zd (%s)",
			     write_files[file], i, len, (int)len, buf, ret,
			     ret < 0 ? strerror(errno) : "short");
		if (!ok && (ret != -1 || errno != EINVAL))
			fail("%s: bad write %ld (%zu bytes at %lld) returned %zd (%s), not EINVAL",
			     write_files[file], i, len, (long long)off, ret,
			     ret < 0 ? strerror(errno) : "taken");
		ok ? taken++ : refused++;
		get_state(&after);
		if (!ok && (strcmp(before.enable, after.enable) ||
			    strcmp(before.action, after.action) ||
			    strcmp(before.stats, after.stats)))
			fail("%s: bad write %ld changed the module's state",
			     write_files[file], i);
		if (ok && file == 1 && strstr(after.stats, "\nstat "))
			fail("reset: a valid reset left stat records");
		if (ok && (file == 1 || strcmp(before.enable, after.enable) ||
			   strcmp(before.action, after.action)))
			changed++;
		if (ok && file == 1) {
			/* Something to clear for the next reset. */
			send_getlink();
			get_state(&after);
		}
		swap = before;
		before = after;
		after = swap;
	}
	close(fd);
	printf("file=%s writes=%ld taken=%ld changed_state=%ld refused=%ld (pwrite_espipe=%ld) mismatches=0\n",
	       write_files[file], n, taken, changed, refused, espipe);
	free(before.stats);
	free(after.stats);
	return 0;
}

/* 1-byte reads and reads after lseek() must match one large read. */
static int check_reads(const char *name)
{
	static char whole[FILE_MAX], again[FILE_MAX], bytes[FILE_MAX], tail[FILE_MAX];
	ssize_t len = 0, n;
	char path[128];
	int try, k;

	snprintf(path, sizeof(path), DIR "%s", name);
	/* The content may change under us (RTNL sections keep coming). */
	for (try = 0; try < 10; try++) {
		len = slurp(path, whole, sizeof(whole), sizeof(whole));
		n = slurp(path, bytes, sizeof(bytes), 1);
		if (slurp(path, again, sizeof(again), sizeof(again)) == len &&
		    !memcmp(whole, again, len))
			break;
	}
	if (try == 10)
		fail("%s: content never stable over three reads", name);
	if (n != len || memcmp(whole, bytes, len))
		fail("%s: 1-byte reads give %zd bytes, one read %zd, or other bytes",
		     name, n, len);
	for (k = 0; k < 6; k++) {
		off_t off = k == 0 ? 0 : k == 1 ? 1 : k == 2 ? len / 2 :
			    k == 3 ? len - 1 : k == 4 ? len : rnd(len + 1);
		int fd = open(path, O_RDONLY);
		ssize_t got = 0;

		if (fd < 0 || lseek(fd, off, SEEK_SET) != off)
			fail("%s: lseek to %lld: %s", name, (long long)off, strerror(errno));
		while ((n = read(fd, tail + got, 7)) > 0)
			got += n;
		close(fd);
		if (got != len - off || memcmp(tail, whole + off, got))
			fail("%s: read after lseek to %lld gives other bytes", name,
			     (long long)off);
	}
	printf("file=%s bytes=%zd reads=consistent\n", name, len);
	return 0;
}

int main(int argc, char **argv)
{
	long n = 10000;
	int opt, i;

	rng = 0x9e3779b97f4a7c15ULL ^ (unsigned long long)getpid();
	if (argc >= 3 && !strcmp(argv[1], "read")) {
		for (i = 2; i < argc; i++)
			check_reads(argv[i]);
		return 0;
	}
	if (argc < 3 || strcmp(argv[1], "write"))
		goto usage;
	for (i = 0; i < 3; i++)
		if (!strcmp(argv[2], write_files[i]))
			break;
	if (i == 3)
		goto usage;
	optind = 3;
	while ((opt = getopt(argc, argv, "n:s:e")) != -1) {
		if (opt == 'n')
			n = atol(optarg);
		else if (opt == 'e')
			kbool_ed = true;
		else if (opt == 's')
			rng = strtoull(optarg, NULL, 0) | 1;
		else
			goto usage;
	}
	printf("# seed=%llu\n", rng);
	return fuzz_writes(i, n);
usage:
	fprintf(stderr, "usage: debugfs_fuzz write enable|reset|violation_action [-n N] [-s SEED] [-e]\n"
			"       debugfs_fuzz read FILE...\n");
	return 2;
}
