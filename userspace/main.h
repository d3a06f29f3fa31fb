/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_MAIN_H
#define RTNLCTL_MAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define __printf(a, b) __attribute__((format(printf, a, b)))

extern bool json_output;
extern const char *cmd_name;	/* the command running */
extern bool pretty_output;

/*
 * The one error path: "Error: ..." on stderr, or {"error": "..."} on
 * stdout in JSON mode. Always returns -1 so callers can "return p_err()".
 */
__printf(1, 2) int p_err(const char *fmt, ...);

/*
 * A row of a command table; the name must be the first member. An alias
 * row has a NULL @help and the name of its command in @args.
 */
struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *args;
	const char *help;
};

/*
 * Look @word up in @n rows of @stride bytes that start with a name: an
 * exact match wins, else the first row that @word is a prefix of (tables
 * are ordered by use, as in ip and bpftool). Returns the row index, or
 * -1 after p_err() naming @what.
 */
int match_name(const char *word, const void *table, size_t n, size_t stride,
	       const char *what);

/* Option helpers for the command parsers. */
const char *opt_arg(int *argc, char ***argv);
int opt_u64(int *argc, char ***argv, uint64_t *val);
int no_more_args(int argc, char **argv);

struct tcol;
/* "rtnlctl CMD help": its usage, and its table options and columns. */
void cmd_help(const char *name, const struct tcol *cols, size_t n);
/* The same for a command with a second table, the one of option @opt. */
void cmd_help2(const char *name, const struct tcol *cols, size_t n,
	       const char *opt, const struct tcol *cols2, size_t n2);

int do_status(int argc, char **argv);
int do_handlers(int argc, char **argv);
int do_stats(int argc, char **argv);
int do_rtnl(int argc, char **argv);
int do_locksets(int argc, char **argv);
int do_netns(int argc, char **argv);
int do_violations(int argc, char **argv);
int do_todo(int argc, char **argv);
int do_blocked(int argc, char **argv);
int do_top(int argc, char **argv);
int do_enable(int argc, char **argv);
int do_disable(int argc, char **argv);
int do_set(int argc, char **argv);
int do_reset(int argc, char **argv);
int do_watch(int argc, char **argv);
int do_metrics(int argc, char **argv);
int do_snapshot(int argc, char **argv);

#endif
