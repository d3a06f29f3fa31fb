/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_TABLE_H
#define RTNLCTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Tables the way lsns and lslocks print them, through libsmartcols:
 * columns sized from the data, -o COL,... and --output-all to choose
 * them, -n without headings, -r raw (one space, times in ns, for
 * scripts), --sort COL. A command names its columns once; each cell is
 * one call that feeds the text table and the JSON object of the row
 * alike (a NULL key: text only), so the two cannot drift apart. JSON
 * keeps every field whatever -o says; --sort and --top order and cut
 * both.
 */

enum {
	TC_DEFAULT = 1 << 0,	/* in the view without -o */
	TC_NUM = 1 << 1,	/* right-aligned, sorted largest first */
};

struct tcol {
	const char *name;	/* the name for -o and --sort */
	const char *heading;	/* if not the name */
	unsigned int flags;
	const char *help;
	const char *alias;	/* another name for --sort, or NULL */
};

#define TCOL(n, h, f, text)						\
	{ .name = (n), .heading = (h), .flags = (f), .help = (text) }
#define TCOL_ALIAS(n, h, f, text, a)					\
	{ .name = (n), .heading = (h), .flags = (f), .help = (text),	\
	  .alias = (a) }

/* Global, set by the command-line parser through table_opt(). */
struct table_opts {
	const char *output;	/* -o list, or NULL */
	bool all, noheadings, raw;
	const char *sort;	/* --sort column, or NULL */
	uint64_t top;		/* --top N, 0 for all */
	const char *since;	/* --since FILE: a snapshot, or NULL */
};

extern struct table_opts table_opts;

/*
 * If **argv is a table option, consume it (and its argument) and return
 * 1; 0 if it is not one; -1 after p_err() if it is malformed.
 */
int table_opt(int *argc, char ***argv);

/* --since FILE for stats, rtnl, locksets, netns: 1 if consumed, -1 on error. */
int since_opt(int *argc, char ***argv);

/* The option summary and the column list for a command's help. */
void table_help(const struct tcol *cols, size_t n);
/* The column list alone, for a command with a second table. */
void table_help_cols(const struct tcol *cols, size_t n);

/*
 * Start a table of @n @cols, its rows going to a JSON array @key (NULL:
 * the current container), sorted by @sort (a column name, or NULL for
 * file order) unless --sort says otherwise. Returns -1 after p_err() on
 * a bad -o or --sort.
 */
int table_start(const struct tcol *cols, size_t n, const char *key,
		const char *sort);
/*
 * Check -o and --sort against @cols before anything is printed; -1
 * after p_err() when they name another column.
 */
int table_check(const struct tcol *cols, size_t n);
/* The same for a table of fixed columns and order (-n and -r apply). */
int table_start_fixed(const struct tcol *cols, size_t n, const char *key);
/* Rows: open, cells, close. */
void table_row(void);
void table_row_end(void);
/* Print the text table, or put the JSON rows in order. */
void table_end(void);

void cell_str(int col, const char *key, const char *val);
void cell_u64(int col, const char *key, uint64_t val);
void cell_time(int col, const char *key, uint64_t ns);
/* Text only, with @num to sort by. */
void cell_sorted(int col, const char *text, uint64_t num);
/*
 * Lines under the row (a stack): in text each as SUBLINE_FMT, and none
 * with -r; in JSON an array @key of strings, always.
 * @lines must last until table_end().
 */
void cell_lines(const char *key, const char *const *lines, size_t n);

#endif
