// SPDX-License-Identifier: GPL-2.0
/*
 * rtnlctl - inspect and control the rtnl_net_trace kernel module
 * through its debugfs files.
 */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "data.h"
#include "main.h"
#include "parse.h"
#include "print.h"
#include "table.h"

bool json_output;
const char *cmd_name = "COMMAND";
bool pretty_output;

int p_err(const char *fmt, ...)
{
	struct json_object *obj;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!json_output) {
		fprintf(stderr, "Error: %s\n", msg);
		return -1;
	}
	/* Whatever JSON was being built is dropped: only the error remains. */
	print_json_discard();
	obj = json_object_new_object();
	json_object_object_add(obj, "error", json_object_new_string(msg));
	puts(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
					    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(obj);
	return -1;
}

int match_name(const char *word, const void *table, size_t n, size_t stride,
	       const char *what)
{
	size_t i, len = strlen(word);
	int first = -1;
	const char *name;

	for (i = 0; i < n; i++) {
		name = *(const char *const *)((const char *)table + i * stride);
		if (!strcmp(name, word))
			return i;
		if (first < 0 && len && !strncmp(name, word, len))
			first = i;
	}
	if (first >= 0)
		return first;
	return p_err("unknown %s '%s' (try 'rtnlctl help')", what, word);
}

const char *opt_arg(int *argc, char ***argv)
{
	const char *opt = **argv;

	if (*argc < 2) {
		p_err("option %s needs an argument", opt);
		return NULL;
	}
	(*argc)--;
	(*argv)++;
	return **argv;
}

int opt_u64(int *argc, char ***argv, uint64_t *val)
{
	const char *opt = **argv, *arg = opt_arg(argc, argv);

	if (!arg)
		return -1;
	if (parse_u64(arg, val) || !*val)
		return p_err("invalid value '%s' for %s (expected a positive integer)",
			     arg, opt);
	return 0;
}

int no_more_args(int argc, char **argv)
{
	if (argc)
		return p_err("unexpected argument '%s'", *argv);
	return 0;
}

static int do_help(int argc, char **argv);
static int do_version(int argc, char **argv);

/*
 * Ordered by use, as in ip and bpftool: a prefix runs the first command
 * it starts, so "rtnlctl s" and "rtnlctl st" are stats and "statu" is
 * status. An alias is one more row: a NULL help, and the name of the
 * command it stands for as its args.
 */
static const struct cmd cmds[] = {
	{ "stats", do_stats,
	  "[TABLE OPTIONS] [--since FILE] [--family F] [--type T]\n"
	  "        [--hist NAME]",
	  "per-handler calls, errors, latency, RTNL wait/hold, lock sets" },
	{ "status", do_status, "",
	  "module state, format version, features, probes and drops" },
	{ "handlers", do_handlers, "[TABLE OPTIONS] [--summary]",
	  "registered rtnetlink handlers, or counts by locking and behaviour" },
	{ "rtnl", do_rtnl, "[TABLE OPTIONS] [--since FILE]",
	  "RTNL holder, waiters, acquisitions, call sites, who blocked whom" },
	{ "locksets", do_locksets, "[TABLE OPTIONS] [--since FILE]",
	  "per-netns lock-set shapes per owner" },
	{ "netns", do_netns, "[TABLE OPTIONS] [--since FILE] [-a|--all]",
	  "network namespaces, live and recently exited, with activity" },
	{ "violations", do_violations, "",
	  "locking rule violations and stacks" },
	{ "watch", do_watch, "[-i SECONDS] [-n COUNT]",
	  "live per-interval deltas of the busiest handlers" },
	{ "top", do_top, "[-i SECONDS] [-n COUNT]",
	  "live RTNL holder, longest waits, who blocked whom, busiest handlers" },
	{ "todo", do_todo, "[TABLE OPTIONS] [-a|--all] [-e|--events]",
	  "conversion to-do: netns each owner changed, locked or not" },
	{ "blocked", do_blocked, "[TABLE OPTIONS] [-c|--comm]",
	  "who blocked whom on RTNL: waits by holding owner and command" },
	{ "metrics", do_metrics, "", "everything in Prometheus text format" },
	{ "enable", do_enable, "", "register the probes" },
	{ "disable", do_disable, "", "unregister the probes" },
	{ "reset", do_reset, "", "zero every counter, histogram and table" },
	{ "snapshot", do_snapshot, "FILE",
	  "keep the debugfs files in FILE, for --since FILE later" },
	{ "set", do_set, "violation-action count|warn",
	  "what to do on a violation" },
	{ "version", do_version, "", "rtnlctl's version and debugfs format" },
	{ "help", do_help, "[COMMAND]", "this help, or a command's" },
};

static void usage(FILE *fp)
{
	const char *sep = "";
	size_t i;

	fputs("Usage: rtnlctl [OPTIONS] {", fp);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (!cmds[i].help)
			continue;
		fprintf(fp, "%s %s", sep, cmds[i].name);
		sep = " |";
	}
	fputs(" }\n\nCommands:\n", fp);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		fprintf(fp, "  %s", cmds[i].name);
		if (!cmds[i].help) {
			fprintf(fp, "\n      the same as %s\n", cmds[i].args);
			continue;
		}
		if (*cmds[i].args)
			fprintf(fp, " %s", cmds[i].args);
		fprintf(fp, "\n      %s\n", cmds[i].help);
	}
	fputs("\nA command may be shortened to a prefix: the first command in this\n"
	      "list that starts with it runs. 'rtnlctl COMMAND help' lists its\n"
	      "TABLE OPTIONS (-o COL,..., --output-all, -n, -r, --sort COL, --top N)\n"
	      "and columns.\n"
	      "\nOptions:\n"
	      "  -j, --json     JSON output\n"
	      "  -p, --pretty   pretty-printed JSON output (implies -j)\n"
	      "  -h, --help     this help\n"
	      "  -V, --version  rtnlctl's version\n"
	      "\nEnvironment:\n"
	      "  RTNL_NET_TRACE_DIR  debugfs directory (default "
	      DEFAULT_TRACE_DIR ")\n", fp);
}

void cmd_help(const char *name, const struct tcol *cols, size_t n)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (strcmp(cmds[i].name, name) || !cmds[i].help)
			continue;
		printf("Usage: rtnlctl [OPTIONS] %s%s%s\n       rtnlctl %s help\n\n%s\n",
		       name, *cmds[i].args ? " " : "", cmds[i].args, name,
		       cmds[i].help);
	}
	if (cols)
		table_help(cols, n);
}

void cmd_help2(const char *name, const struct tcol *cols, size_t n,
	       const char *opt, const struct tcol *cols2, size_t n2)
{
	cmd_help(name, cols, n);
	printf("\nColumns with %s (* in the default view):\n", opt);
	table_help_cols(cols2, n2);
}

#ifndef RTNLCTL_VERSION
#define RTNLCTL_VERSION "unknown"
#endif

static int do_version(int argc, char **argv)
{
	if (no_more_args(argc, argv))
		return -1;
	open_json_object(NULL);
	print_str("version", "rtnlctl %s", RTNLCTL_VERSION);
	print_u64("format_version", " (debugfs format %s)\n", FORMAT_VERSION);
	close_json_object();
	return 0;
}

/* Commands whose "help" lists table columns print it themselves. */
static bool own_help(const struct cmd *c)
{
	return c->fn == do_stats || c->fn == do_handlers || c->fn == do_rtnl ||
	       c->fn == do_locksets || c->fn == do_netns || c->fn == do_todo ||
	       c->fn == do_blocked;
}

static int do_help(int argc, char **argv)
{
	int i;

	if (argc > 1)
		return no_more_args(argc - 1, argv + 1);
	if (argc) {
		i = match_name(*argv, cmds, ARRAY_SIZE(cmds), sizeof(*cmds),
			       "command");
		if (i < 0)
			return -1;
		if (own_help(&cmds[i]))
			return cmds[i].fn(1, (char *[]){ "help", NULL });
		cmd_help(cmds[i].help ? cmds[i].name : cmds[i].args, NULL, 0);
		return 0;
	}
	if (json_output)
		puts("null");
	else
		usage(stdout);
	return 0;
}

/*
 * The hidden --known-records: "FILE RECORD" for every record rtnlctl
 * reads (data.c's file_records), the others being shown as written.
 * tests/contract.sh holds it against the tables of docs/debugfs.md.
 */
static void print_known_records(void)
{
	size_t i, j;

	for (i = 0; i < nr_file_records; i++)
		for (j = 0; j < file_records[i].n; j++)
			printf("%s %s\n", file_records[i].file,
			       file_records[i].names[j]);
}

/* Whether SIGPIPE was ignored when we started, as a parent may want. */
static bool sigpipe_ignored;

/*
 * Report output that never reached its reader. A reader that went away
 * (rtnlctl metrics | head -1) is not an error: like ip, which leaves
 * SIGPIPE alone, we then die of SIGPIPE without a word (the shell shows
 * 141); we only ignore it while running, so that watch can restore the
 * terminal first. If our parent ignored SIGPIPE, we exit 0 quietly, as ip
 * does then.
 */
static int check_stdout(void)
{
	struct pollfd pfd = { .fd = STDOUT_FILENO, .events = POLLOUT };
	bool failed = ferror(stdout);
	int err = 0;

	/* An earlier write's EPIPE is lost; a pipe without reader says POLLERR. */
	if (failed && poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLERR))
		err = EPIPE;
	if (fflush(stdout) && !err)
		err = errno;
	if (fclose(stdout) && !err)
		err = errno;
	if (err == EPIPE) {
		if (sigpipe_ignored)
			return 0;
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	if (err)
		fprintf(stderr, "Error: cannot write output: %s\n",
			strerror(err));
	else if (failed)
		fprintf(stderr, "Error: cannot write output\n");
	return err || failed ? -1 : 0;
}

/* Long options without a short one. */
enum { OPT_KNOWN_RECORDS = 256 };

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		/* For tests, not in the help. */
		{ "known-records", no_argument, NULL, OPT_KNOWN_RECORDS },
		{ 0 }
	};
	int opt, i, ret;

	/* Column widths and the µ and ≤ of text output follow the locale. */
	setlocale(LC_ALL, "");
	utf8_output = !strcmp(nl_langinfo(CODESET), "UTF-8");
	/* A closed pipe fails a write with EPIPE: see check_stdout(). */
	sigpipe_ignored = signal(SIGPIPE, SIG_IGN) == SIG_IGN;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+jphV", opts, NULL)) >= 0) {
		switch (opt) {
		case 'p':
			pretty_output = true;
			json_output = true;
			break;
		case 'j':
			json_output = true;
			break;
		case 'V':
			do_version(0, NULL);
			print_json_end();
			return check_stdout() ? 1 : 0;
		case 'h':
			usage(stdout);
			return check_stdout() ? 1 : 0;
		case OPT_KNOWN_RECORDS:
			print_known_records();
			return check_stdout() ? 1 : 0;
		default:
			if (optopt)
				p_err("unknown option '-%c' (try 'rtnlctl help')",
				      optopt);
			else
				p_err("unknown option '%s' (try 'rtnlctl help')",
				      argv[optind - 1]);
			return 1;
		}
	}
	argc -= optind;
	argv += optind;
	if (!argc) {
		usage(stderr);
		return 1;
	}
	i = match_name(*argv, cmds, ARRAY_SIZE(cmds), sizeof(*cmds), "command");
	if (i < 0) {
		ret = -1;
	} else {
		cmd_name = cmds[i].help ? cmds[i].name : cmds[i].args;
		/* "rtnlctl CMD help", as ip and bpftool have it. */
		if (argc == 2 && !strcmp(argv[1], "help") && !own_help(&cmds[i]))
			ret = do_help(1, argv);
		else
			ret = cmds[i].fn(argc - 1, argv + 1);
		if (!ret)
			print_json_end();
		print_json_discard();
	}
	if (check_stdout())
		ret = -1;
	return ret ? 1 : 0;
}
