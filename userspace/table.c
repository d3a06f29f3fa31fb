// SPDX-License-Identifier: GPL-2.0
/* Tables through libsmartcols, with their rows in JSON too: see table.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>
#include <libsmartcols/libsmartcols.h>

#include "main.h"
#include "print.h"
#include "table.h"

struct table_opts table_opts;

struct trow {
	char **text;		/* per column, NULL when not given */
	uint64_t *num;		/* per column, the number behind the text */
	const char *const *lines;	/* under the row: cell_lines() */
	size_t nlines;
};

/* The one table being built: commands print one table at a time. */
static struct {
	const struct tcol *cols;
	size_t ncols;
	int sort;		/* column, or -1 */
	int *shown;		/* the columns to print, in order */
	bool fixed;		/* no -o, --sort, --top */
	size_t nshown;
	struct trow *rows;
	size_t nrows, cap;
	struct json_object *array;
	struct trow *cur;	/* the row being filled, NULL after OOM */
	bool active, oom;
	bool lines;		/* a row has lines under it */
} tb;

int table_opt(int *argc, char ***argv)
{
	const char *opt = **argv, *arg;
	uint64_t top;

	if (!strcmp(opt, "-n") || !strcmp(opt, "--noheadings")) {
		table_opts.noheadings = true;
		return 1;
	}
	if (!strcmp(opt, "-r") || !strcmp(opt, "--raw")) {
		table_opts.raw = true;
		return 1;
	}
	if (!strcmp(opt, "--output-all")) {
		table_opts.all = true;
		return 1;
	}
	if (!strcmp(opt, "--top")) {
		if (opt_u64(argc, argv, &top))
			return -1;
		table_opts.top = top;
		return 1;
	}
	if (strcmp(opt, "-o") && strcmp(opt, "--output") && strcmp(opt, "--sort"))
		return 0;
	arg = opt_arg(argc, argv);
	if (!arg)
		return -1;
	if (!strcmp(opt, "--sort"))
		table_opts.sort = arg;
	else
		table_opts.output = arg;
	return 1;
}

int since_opt(int *argc, char ***argv)
{
	if (strcmp(**argv, "--since"))
		return 0;
	table_opts.since = opt_arg(argc, argv);
	return table_opts.since ? 1 : -1;
}

void table_help(const struct tcol *cols, size_t n)
{
	fputs("\nTable options:\n"
	      "  -o, --output COL,...  the columns to print (+COL,... adds to the default)\n"
	      "  --output-all          print every column\n"
	      "  -n, --noheadings      no heading line\n"
	      "  -r, --raw             raw output: one space between columns, times in ns\n"
	      "  --sort COL            sort by COL (numbers largest first); a prefix will do\n"
	      "  --top N               only the first N rows\n"
	      "  --since FILE          (stats, rtnl, locksets, netns) what happened since\n"
	      "                        the rtnlctl snapshot FILE was taken\n"
	      "\nColumns (* in the default view):\n", stdout);
	table_help_cols(cols, n);
}

void table_help_cols(const struct tcol *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf(" %c%-18s %s\n", cols[i].flags & TC_DEFAULT ? '*' : ' ',
		       cols[i].name, cols[i].help);
}

/* Does @word (of @len bytes) name @s, or start it if @prefix? */
static bool names(const char *s, const char *word, size_t len, bool prefix)
{
	return s && !strncasecmp(s, word, len) && (prefix || strlen(s) == len);
}

/*
 * The column named @name (any case), or -1. For --sort also an alias
 * (the sort keys of old: latency), then the first alias or name that
 * @name starts, so "lat" is latency, the average.
 */
static int find_col(const char *name, size_t len, bool sort)
{
	size_t i;
	int pass;

	for (pass = 0; pass < (sort ? 4 : 1); pass++)
		for (i = 0; len && i < tb.ncols; i++)
			if (names(pass == 1 || pass == 2 ? tb.cols[i].alias :
				  tb.cols[i].name, name, len, pass >= 2))
				return i;
	return -1;
}

static int choose(const char *key, const char *sort);

static int choose_columns(void)
{
	const char *list = table_opts.output, *p, *end;
	size_t i;
	int c;

	tb.shown = calloc(tb.ncols * 2 + 1, sizeof(*tb.shown));
	if (!tb.shown)
		return p_err("out of memory");
	if (!list || *list == '+' || table_opts.all)
		for (i = 0; i < tb.ncols; i++)
			if (table_opts.all || (tb.cols[i].flags & TC_DEFAULT))
				tb.shown[tb.nshown++] = i;
	if (!list || table_opts.all)
		return 0;
	for (p = list + (*list == '+'); *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ',');
		c = find_col(p, end - p, false);
		if (c < 0)
			return p_err("unknown column '%.*s' (try 'rtnlctl %s help')",
				     (int)(end - p), p, cmd_name);
		if (tb.nshown < tb.ncols * 2)
			tb.shown[tb.nshown++] = c;
	}
	if (!tb.nshown)
		return p_err("no columns to print");
	return 0;
}

static int start(const struct tcol *cols, size_t n, const char *key,
		 const char *sort, bool fixed)
{
	struct table_opts saved = table_opts;
	int err;

	memset(&tb, 0, sizeof(tb));
	tb.cols = cols;
	tb.ncols = n;
	tb.sort = -1;
	tb.fixed = fixed;
	if (fixed) {
		table_opts.output = NULL;
		table_opts.all = true;
		table_opts.sort = NULL;
	}
	err = choose(key, sort);
	table_opts.output = saved.output;
	table_opts.all = saved.all;
	table_opts.sort = saved.sort;
	return err;
}

int table_start(const struct tcol *cols, size_t n, const char *key,
		const char *sort)
{
	return start(cols, n, key, sort, false);
}

int table_start_fixed(const struct tcol *cols, size_t n, const char *key)
{
	return start(cols, n, key, NULL, true);
}

/* The sort column and the columns shown, from --sort and -o. */
static int choose_cols(const char *sort)
{
	if (table_opts.sort)
		sort = table_opts.sort;
	if (sort) {
		tb.sort = find_col(sort, strlen(sort), true);
		if (tb.sort < 0)
			return p_err("unknown column '%s' for --sort (try 'rtnlctl %s help')",
				     sort, cmd_name);
	}
	if (choose_columns()) {
		free(tb.shown);
		return -1;
	}
	return 0;
}

int table_check(const struct tcol *cols, size_t n)
{
	int err;

	memset(&tb, 0, sizeof(tb));
	tb.cols = cols;
	tb.ncols = n;
	err = choose_cols(NULL);
	if (!err)
		free(tb.shown);
	memset(&tb, 0, sizeof(tb));
	return err;
}

static int choose(const char *key, const char *sort)
{
	if (choose_cols(sort))
		return -1;
	open_json_array(key);
	tb.array = print_json_container();
	tb.active = true;
	return 0;
}

/* Out of memory, a row is left out of the text table; told at the end. */
void table_row(void)
{
	struct trow *r;
	size_t cap;

	open_json_object(NULL);
	tb.cur = NULL;
	if (tb.nrows == tb.cap) {
		cap = tb.cap ? tb.cap * 2 : 16;
		r = realloc(tb.rows, cap * sizeof(*tb.rows));
		if (!r) {
			tb.oom = true;
			return;
		}
		tb.rows = r;
		tb.cap = cap;
	}
	r = &tb.rows[tb.nrows];
	r->text = calloc(tb.ncols, sizeof(*r->text));
	r->num = calloc(tb.ncols, sizeof(*r->num));
	if (!r->text || !r->num) {
		free(r->text);
		free(r->num);
		tb.oom = true;
		return;
	}
	r->lines = NULL;
	r->nlines = 0;
	tb.nrows++;
	tb.cur = r;
}

void table_row_end(void)
{
	close_json_object();
}

/*
 * Longer text cells are cut, with "..." (JSON keeps them whole): a
 * kernel symbol is shorter, and every other row is padded to the width.
 */
#define MAX_CELL	512

static void set_cell(int col, const char *text, uint64_t num)
{
	struct trow *r = tb.cur;
	size_t len = strlen(text);

	if (!r || col < 0 || (size_t)col >= tb.ncols)
		return;
	free(r->text[col]);
	r->text[col] = strndup(text, len > MAX_CELL ? MAX_CELL : len);
	if (len > MAX_CELL && r->text[col])
		memcpy(r->text[col] + MAX_CELL - 3, "...", 3);
	r->num[col] = num;
}

void cell_str(int col, const char *key, const char *val)
{
	if (key)
		print_str(key, NULL, val);
	set_cell(col, val ? val : "-", 0);
}

void cell_u64(int col, const char *key, uint64_t val)
{
	char buf[24];

	if (key)
		print_u64(key, NULL, val);
	snprintf(buf, sizeof(buf), "%" PRIu64, val);
	set_cell(col, buf, val);
}

void cell_time(int col, const char *key, uint64_t ns)
{
	char buf[32];

	if (key)
		print_u64(key, NULL, ns);
	if (table_opts.raw)
		snprintf(buf, sizeof(buf), "%" PRIu64, ns);
	else
		fmt_time(buf, sizeof(buf), ns);
	set_cell(col, buf, ns);
}

void cell_sorted(int col, const char *text, uint64_t num)
{
	set_cell(col, text, num);
}

void cell_lines(const char *key, const char *const *lines, size_t n)
{
	print_str_array(key, NULL, lines, n);
	if (!tb.cur || table_opts.raw || json_output)
		return;
	tb.cur->lines = lines;
	tb.cur->nlines = n;
	tb.lines = tb.lines || n;
}

static int cmp_rows(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const struct trow *rx = &tb.rows[x], *ry = &tb.rows[y];
	int c = tb.sort;
	int d = 0;

	if (tb.cols[c].flags & TC_NUM) {
		if (rx->num[c] != ry->num[c])
			d = rx->num[c] < ry->num[c] ? 1 : -1;
	} else {
		d = strcmp(rx->text[c] ? rx->text[c] : "",
			   ry->text[c] ? ry->text[c] : "");
	}
	/* Equal rows keep their order in the file. */
	return d ? d : (x < y ? -1 : x > y);
}

/*
 * A column's heading: raw output, for scripts, has the plain name; "≤"
 * is "<=" outside UTF-8 locales.
 */
static void heading(int c, char *buf, size_t len)
{
	const char *h = table_opts.raw ? tb.cols[c].name :
		tb.cols[c].heading ?: tb.cols[c].name;
	const char *le = strstr(h, "\u2264");

	if (!le || utf8_output)
		snprintf(buf, len, "%s", h);
	else
		snprintf(buf, len, "%.*s<=%s", (int)(le - h), h,
			 le + strlen("\u2264"));
}

/*
 * The table a row at a time, each followed by its lines: the widths are
 * those of the whole table, and the heading comes with the first row.
 */
static void print_rows_lines(struct libscols_table *t, const size_t *order,
			     size_t n)
{
	struct libscols_iter *it = scols_new_iter(SCOLS_ITER_FORWARD);
	struct libscols_line *ln;
	const struct trow *r;
	char *s = NULL;
	size_t i, j;

	if (!it) {
		p_err("out of memory");
		return;
	}
	for (i = 0; i < n && !scols_table_next_line(t, it, &ln); i++) {
		if (scols_table_print_range_to_string(t, ln, ln, &s)) {
			p_err("out of memory: rows are missing");
			break;
		}
		/* Every line but the table's last ends in a newline. */
		fputs(s, stdout);
		if (!*s || s[strlen(s) - 1] != '\n')
			putchar('\n');
		free(s);
		s = NULL;
		r = &tb.rows[order[i]];
		for (j = 0; j < r->nlines; j++)
			printf(SUBLINE_FMT, r->lines[j]);
	}
	scols_free_iter(it);
}

static void print_text_table(const size_t *order, size_t n)
{
	struct libscols_table *t = scols_new_table();
	char name[64];
	struct libscols_line *ln;
	const struct trow *r;
	size_t i, j;
	int c;

	if (!t) {
		p_err("out of memory");
		return;
	}
	scols_table_set_stream(t, stdout);
	scols_table_enable_raw(t, table_opts.raw);
	scols_table_enable_noheadings(t, table_opts.noheadings);
	for (j = 0; j < tb.nshown; j++) {
		c = tb.shown[j];
		heading(c, name, sizeof(name));
		scols_table_new_column(t, name, 1, tb.cols[c].flags & TC_NUM ?
				       SCOLS_FL_RIGHT : 0);
	}
	for (i = 0; i < n; i++) {
		r = &tb.rows[order[i]];
		ln = scols_table_new_line(t, NULL);
		if (!ln)
			break;
		for (j = 0; j < tb.nshown; j++) {
			c = tb.shown[j];
			scols_line_set_data(ln, j, r->text[c] ? r->text[c] : "-");
		}
	}
	/* Rows with lines under them, once every row is in the table. */
	if (tb.lines && n && i == n)
		print_rows_lines(t, order, n);
	else
		scols_print_table(t);
	scols_unref_table(t);
}

/* The JSON rows of the array in @order, the others dropped. */
static void order_json(const size_t *order, size_t n)
{
	struct json_object **objs;
	size_t i, len;

	if (!tb.array)
		return;
	len = json_object_array_length(tb.array);
	objs = calloc(len + 1, sizeof(*objs));
	if (!objs)
		return;
	for (i = 0; i < len; i++)
		objs[i] = json_object_get(json_object_array_get_idx(tb.array, i));
	json_object_array_del_idx(tb.array, 0, len);
	for (i = 0; i < n; i++)
		if (order[i] < len)
			json_object_array_add(tb.array,
					      json_object_get(objs[order[i]]));
	for (i = 0; i < len; i++)
		json_object_put(objs[i]);
	free(objs);
}

void table_end(void)
{
	size_t *order, i, j, n = tb.nrows;

	if (!tb.active)
		return;
	close_json_array();
	if (tb.oom)
		p_err("out of memory: rows are missing");
	order = calloc(n + 1, sizeof(*order));
	if (order) {
		for (i = 0; i < n; i++)
			order[i] = i;
		if (tb.sort >= 0)
			qsort(order, n, sizeof(*order), cmp_rows);
		if (!tb.fixed && table_opts.top && table_opts.top < n)
			n = table_opts.top;
		if (json_output)
			order_json(order, n);
		else
			print_text_table(order, n);
		free(order);
	} else {
		p_err("out of memory");
	}
	for (i = 0; i < tb.nrows; i++) {
		for (j = 0; j < tb.ncols; j++)
			free(tb.rows[i].text[j]);
		free(tb.rows[i].text);
		free(tb.rows[i].num);
	}
	free(tb.rows);
	free(tb.shown);
	memset(&tb, 0, sizeof(tb));
}
