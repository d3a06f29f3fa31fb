// SPDX-License-Identifier: GPL-2.0
/*
 * rtnlctl watch [-i SECONDS] [-n COUNT]: live per-interval deltas of
 * the busiest handlers; rtnlctl top [-i SECONDS] [-n COUNT]: the same led
 * by the RTNL holder, its longest waiters and who blocked whom.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "data.h"
#include "main.h"
#include "now.h"
#include "print.h"
#include "show.h"

#define WATCH_TOP	10
#define TOP_PAIRS	5
#define MAX_INTERVAL	86400.0

struct snapshot {
	struct stats stats;
	struct rtnl_info rtnl;
	uint64_t time_ns;
};

/* One handler's activity during an interval. */
struct delta {
	const struct hkey *key;
	uint64_t calls, errors;
	struct dist lat;
};

/* What a refresh shows: watch's, or top's, which leads with RTNL now. */
struct view {
	const char *name;
	bool top;
	uint64_t interval_ns;
};

static volatile sig_atomic_t stop;
static struct termios saved_tio;
static bool tty_raw;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Keys without echo or line buffering; Ctrl-C still raises SIGINT. */
static void tty_enter(void)
{
	struct termios tio;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tio))
		return;
	tio = saved_tio;
	tio.c_lflag &= ~(ICANON | ECHO);
	tio.c_cc[VMIN] = 0;
	tio.c_cc[VTIME] = 0;
	tty_raw = !tcsetattr(STDIN_FILENO, TCSANOW, &tio);
}

static void tty_leave(void)
{
	if (tty_raw)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	tty_raw = false;
}

/* Sleep until @deadline, or less when a signal or a 'q' key stops us. */
static void wait_until(uint64_t deadline)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	nfds_t nfds = tty_raw ? 1 : 0;
	struct timespec ts;
	uint64_t now;
	char c;

	while (!stop && (now = now_ns()) < deadline) {
		ts.tv_sec = (deadline - now) / 1000000000;
		ts.tv_nsec = (deadline - now) % 1000000000;
		if (ppoll(&pfd, nfds, &ts, NULL) <= 0)
			continue;
		if (!(pfd.revents & POLLIN))
			nfds = 0;	/* hangup: stop reading the keyboard */
		else if (read(STDIN_FILENO, &c, 1) == 1 &&
			 (c == 'q' || c == 'Q'))
			stop = 1;
	}
}

static int snapshot_load(struct snapshot *s)
{
	s->time_ns = now_ns();
	if (load_stats(&s->stats))
		return -1;
	if (load_rtnl(&s->rtnl)) {
		free_stats(&s->stats);
		return -1;
	}
	return 0;
}

static void snapshot_free(struct snapshot *s)
{
	free_stats(&s->stats);
	free_rtnl(&s->rtnl);
}

/* Counters only grow, unless a reset zeroed them in between. */
static uint64_t diff(uint64_t cur, uint64_t prev)
{
	return cur >= prev ? cur - prev : cur;
}

static const struct hstat *find_stat(const struct stats *t,
				     const struct hkey *key)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (hkey_equal(&t->v[i].key, key))
			return &t->v[i];
	return NULL;
}

static int cmp_delta(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* JSON: the interval's distributions; text: their counts and sums. */
static void print_rtnl_delta(const struct rtnl_info *prev,
			     const struct rtnl_info *cur)
{
	struct dist wait, hold;

	dist_delta(&cur->wait, &prev->wait, &wait);
	dist_delta(&cur->hold, &prev->hold, &hold);
	open_json_object("rtnl");
	print_u64(NULL, "RTNL  wait %s", wait.count);
	print_time(NULL, " (%s)", wait.sum);
	print_u64(NULL, "  hold %s", hold.count);
	print_time(NULL, " (%s)", hold.sum);
	print_dist("wait_ns", &wait, &NO_DIST_COLS);
	print_dist("hold_ns", &hold, &NO_DIST_COLS);
	close_json_object();
	print_nl();
}

enum {
	C_FAMILY, C_MSGTYPE, C_KIND, C_HANDLER, C_CALLS, C_ERRORS, C_LAT_SUM,
	C_LAT_AVG, NR_COLS
};

static const struct tcol delta_cols[NR_COLS] = {
	HKEY_TCOLS,
	[C_CALLS] = TCOL("CALLS", NULL, TC_DEFAULT | TC_NUM, "calls"),
	[C_ERRORS] = TCOL("ERRORS", NULL, TC_DEFAULT | TC_NUM, "failed calls"),
	[C_LAT_SUM] = TCOL("LAT_SUM", NULL, TC_DEFAULT | TC_NUM, "latency, total"),
	[C_LAT_AVG] = TCOL("LAT_AVG", NULL, TC_DEFAULT | TC_NUM, "latency, average"),
};

static int print_deltas(const struct delta *d, size_t n)
{
	static const struct dist_cols lat = {
		-1, C_LAT_SUM, C_LAT_AVG, -1, -1, -1
	};
	size_t i;

	print_nl();
	if (table_start_fixed(delta_cols, NR_COLS, "handlers"))
		return -1;
	for (i = 0; i < n; i++) {
		table_row();
		print_hkey(C_FAMILY, d[i].key);
		cell_u64(C_CALLS, "calls", d[i].calls);
		cell_u64(C_ERRORS, "errors", d[i].errors);
		print_dist("latency_ns", &d[i].lat, &lat);
		table_row_end();
	}
	table_end();
	return 0;
}

/* top's: the RTNL holder and waiters, and who blocked whom. */
struct live {
	struct now_info now;
	struct blocked blocked;
};

static int live_load(struct live *l)
{
	if (load_now(&l->now))
		return -1;
	if (load_blocked(&l->blocked, true)) {
		free_now(&l->now);
		return -1;
	}
	return 0;
}

static void live_free(struct live *l)
{
	free_blocked(&l->blocked);
	free_now(&l->now);
}

/*
 * The holder and its waiters, the longest first, and the pairs that
 * waited longest since the last reset, as rtnl prints them; from a
 * module without them, nothing.
 */
static int print_live(const struct live *l)
{
	static const struct blocked_view v = {
		.pairs = true, .fixed = true, .max = TOP_PAIRS,
	};
	int err = 0;

	if (l->now.present)
		err = print_now(&l->now);
	if (!err && l->blocked.present) {
		open_json_object("blocked");
		err = print_blocked(&l->blocked, &v);
		close_json_object();
		print_nl();
	}
	return err;
}

static int print_interval(const struct snapshot *prev,
			  const struct snapshot *cur, uint64_t seq,
			  const struct view *v)
{
	const struct stats *t = &cur->stats;
	const struct hstat *s, *p;
	struct live live;
	struct delta *d;
	size_t i, n = 0;
	int err = -1;

	/* Everything is read before anything is printed. */
	if (v->top && live_load(&live))
		return -1;
	d = calloc(t->n + 1, sizeof(*d));
	if (!d) {
		p_err("out of memory");
		goto out;
	}
	for (i = 0; i < t->n; i++) {
		s = &t->v[i];
		p = find_stat(&prev->stats, &s->key);
		d[n].key = &s->key;
		d[n].calls = diff(s->calls, p ? p->calls : 0);
		d[n].errors = diff(s->errors, p ? p->errors : 0);
		dist_delta(&s->lat, p ? &p->lat : NULL, &d[n].lat);
		if (d[n].calls || d[n].errors)
			n++;
	}
	qsort(d, n, sizeof(*d), cmp_delta);
	if (n > WATCH_TOP)
		n = WATCH_TOP;

	if (!json_output && isatty(STDOUT_FILENO))
		print_text("\033[H\033[2J");
	else if (seq > 1)
		print_nl();
	open_json_object(NULL);
	print_u64("seq", NULL, seq);
	print_text("rtnlctl %s: refresh %" PRIu64, v->name, seq);
	/* top's text has the interval asked: its screens differ in data only. */
	print_time("elapsed_ns", v->top ? NULL : ", %s",
		   cur->time_ns - prev->time_ns);
	if (v->top)
		print_time(NULL, ", every %s", v->interval_ns);
	print_text("%s\n", tty_raw ? " (q to quit)" : "");
	if (v->top && print_live(&live))
		goto out;
	print_rtnl_delta(&prev->rtnl, &cur->rtnl);
	if (print_deltas(d, n))
		goto out;
	if (!n)
		print_text("(no rtnetlink activity)\n");
	close_json_object();
	print_json_end();
	err = 0;
out:
	free(d);
	if (v->top)
		live_free(&live);
	return err;
}

static int parse_opts(int argc, char **argv, const char *name,
		      double *interval, uint64_t *count)
{
	const char *arg;
	char *end;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "-n")) {
			if (opt_u64(&argc, &argv, count))
				return -1;
		} else if (!strcmp(*argv, "-i")) {
			arg = opt_arg(&argc, &argv);
			if (!arg)
				return -1;
			errno = 0;
			*interval = strtod(arg, &end);
			if (errno || end == arg || *end ||
			    !isfinite(*interval) || *interval <= 0 ||
			    *interval > MAX_INTERVAL)
				return p_err("invalid interval '%s' (expected seconds, e.g. 0.5)",
					     arg);
		} else {
			return p_err("unknown option '%s' for %s", *argv, name);
		}
	}
	return 0;
}

static int run(int argc, char **argv, struct view *v)
{
	struct snapshot snap[2];
	struct sigaction sa = { .sa_handler = on_signal };
	uint64_t count = 0, seq;
	double interval = 1.0;
	int cur = 0, ret = 0;

	if (parse_opts(argc, argv, v->name, &interval, &count) ||
	    snapshot_load(&snap[cur]))
		return -1;
	v->interval_ns = interval * 1e9;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	tty_enter();

	for (seq = 1; !stop; seq++) {
		wait_until(snap[cur].time_ns + v->interval_ns);
		if (stop)
			break;
		if (snapshot_load(&snap[!cur])) {
			ret = -1;
			break;
		}
		ret = print_interval(&snap[cur], &snap[!cur], seq, v);
		snapshot_free(&snap[cur]);
		cur = !cur;
		if (ret || fflush(stdout) || ferror(stdout))
			break;
		if (count && seq >= count)
			break;
	}
	tty_leave();
	snapshot_free(&snap[cur]);
	return ret;
}

int do_watch(int argc, char **argv)
{
	struct view v = { .name = "watch" };

	return run(argc, argv, &v);
}

int do_top(int argc, char **argv)
{
	struct view v = { .name = "top", .top = true };

	return run(argc, argv, &v);
}
