// SPDX-License-Identifier: GPL-2.0
/* rtnlctl handlers [--summary] */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

#define FLAGS_LEN	128

enum {
	C_FAMILY, C_MSGTYPE, C_KIND, C_HANDLER, C_OWNER, C_LOCKING, C_PRESENT,
	C_FLAGS, NR_COLS
};

static const struct tcol handler_cols[NR_COLS] = {
	HKEY_TCOLS,
	[C_OWNER] = TCOL("OWNER", NULL, TC_DEFAULT, "owning module, or kernel"),
	[C_LOCKING] = TCOL("LOCKING", NULL, TC_DEFAULT,
			"rtnl: the dispatcher takes RTNL around it; unlocked"),
	[C_PRESENT] = TCOL("PRESENT", NULL, TC_DEFAULT,
			"no once the handler was unregistered"),
	[C_FLAGS] = TCOL("FLAGS", NULL, TC_DEFAULT, "RTNL_FLAG_* names"),
};

/*
 * JSON: the number, and an array of flag names (unknown bits as one hex
 * number); text: the names joined by commas.
 */
static void print_flags(uint64_t flags)
{
	char text[FLAGS_LEN] = "", buf[NAME_LEN];
	const char *name;
	unsigned int i = 0;
	size_t len;

	print_u64("flags", NULL, flags);
	open_json_array("flag_names");
	while ((name = flag_name(flags, &i, buf))) {
		print_str("", NULL, name);
		len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "%s%s",
			 len ? "," : "", name);
	}
	close_json_array();
	cell_str(C_FLAGS, NULL, *text ? text : "-");
}

static int print_list(const struct handlers *t)
{
	size_t i;

	open_json_object(NULL);
	if (table_start(handler_cols, NR_COLS, "handlers", NULL)) {
		close_json_object();
		return -1;
	}
	for (i = 0; i < t->n; i++) {
		const struct handler *h = &t->v[i];

		table_row();
		print_hkey(C_FAMILY, &h->key);
		cell_str(C_OWNER, "owner", h->owner);
		cell_str(C_LOCKING, "locking", h->locking);
		print_bool("present", NULL, h->present);
		cell_str(C_PRESENT, NULL, h->present ? "yes" : "no");
		print_flags(h->flags);
		print_extra(&t->rf, h->rec, false);
		table_row_end();
	}
	table_end();
	print_other_records(&t->rf, 0, t->rf.nrecs, "\n");
	close_json_object();
	return 0;
}

/* Upper case of @s in @buf, for a column heading. */
static char *upper(const char *s)
{
	char *buf = strdup(s);
	size_t i;

	for (i = 0; buf && buf[i]; i++)
		buf[i] = toupper((unsigned char)buf[i]);
	return buf;
}

/*
 * A table of columns KIND, TOTAL, then one per name in @names (upper
 * case, built from the data) with the @counts of each kind.
 */
static int summary_table(const struct handler_summary *s,
			 const char *const *names, size_t n,
			 const uint64_t *counts, const char *help)
{
	struct tcol *cols;
	size_t k, l;
	int err = -1;

	cols = calloc(n + 2, sizeof(*cols));
	if (!cols)
		return p_err("out of memory");
	cols[0] = (struct tcol)TCOL("KIND", NULL, TC_DEFAULT, "handler kind");
	cols[1] = (struct tcol)TCOL("TOTAL", NULL, TC_DEFAULT | TC_NUM,
				 "registered handlers");
	for (l = 0; l < n; l++) {
		cols[l + 2].name = upper(names[l]);
		cols[l + 2].flags = TC_DEFAULT | TC_NUM;
		cols[l + 2].help = help;
		if (!cols[l + 2].name) {
			p_err("out of memory");
			goto out;
		}
	}
	if (table_start_fixed(cols, n + 2, NULL))
		goto out;
	for (k = 0; k < s->nkinds; k++) {
		table_row();
		cell_str(0, NULL, s->kinds[k]);
		cell_u64(1, NULL, s->total[k]);
		for (l = 0; l < n; l++)
			cell_u64(l + 2, NULL, counts[k * n + l]);
		table_row_end();
	}
	table_end();
	err = 0;
out:
	for (l = 0; l < n; l++)
		free((char *)cols[l + 2].name);
	free(cols);
	return err;
}

/* JSON: {name: count} of one kind. */
static void summary_counts(const char *const *names, size_t n,
			   const uint64_t *counts)
{
	size_t l;

	for (l = 0; l < n; l++)
		print_u64(names[l], NULL, counts[l]);
}

/*
 * Per kind the handlers by locking and, with a footprint (a module that
 * has one), by the behaviour seen since the last reset.
 */
static int print_summary(const struct handlers *t, const struct footprint *fp)
{
	struct handler_summary s;
	size_t k;
	int err = 0;

	if (handler_summary(t, fp, &s))
		return -1;
	/* One object per kind, not an array: no JSON rows of the table. */
	if (json_output) {
		open_json_object(NULL);
		for (k = 0; k < s.nkinds; k++) {
			open_json_object(s.kinds[k]);
			print_u64("total", NULL, s.total[k]);
			summary_counts(s.lockings, s.nlockings,
				       &s.count[k * s.nlockings]);
			if (fp->present) {
				open_json_object("behaviour");
				summary_counts(s.behaviours, s.nbehaviours,
					       &s.bcount[k * s.nbehaviours]);
				close_json_object();
			}
			close_json_object();
		}
		close_json_object();
	} else {
		err = summary_table(&s, s.lockings, s.nlockings, s.count,
				    "handlers of that locking");
		if (!err && fp->present) {
			print_text("\nbehaviour seen since the last reset (footprint):\n");
			err = summary_table(&s, s.behaviours, s.nbehaviours,
					    s.bcount, "handlers that behaved so");
		}
	}
	free_handler_summary(&s);
	return err;
}

int do_handlers(int argc, char **argv)
{
	struct footprint fp;
	struct handlers t;
	bool summary = false;
	int err = 0;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "help")) {
			cmd_help("handlers", handler_cols, NR_COLS);
			return 0;
		}
		err = table_opt(&argc, &argv);
		if (err < 0)
			return -1;
		if (err)
			continue;
		if (!strcmp(*argv, "--summary"))
			summary = true;
		else
			return p_err("unknown option '%s' for handlers", *argv);
	}
	if (load_handlers(&t))
		return -1;
	if (!summary) {
		err = print_list(&t);
	} else if (!load_footprint(&fp, true)) {
		err = print_summary(&t, &fp);
		free_footprint(&fp);
	} else {
		err = -1;
	}
	free_handlers(&t);
	return err;
}
