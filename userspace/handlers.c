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

/* Columns KIND, TOTAL, then one per locking value: built from the data. */
static int print_summary(const struct handlers *t)
{
	struct handler_summary s;
	struct tcol *cols;
	bool oom = true;
	size_t k, l;
	int err = -1;

	if (handler_summary(t, &s))
		return -1;
	cols = calloc(s.nlockings + 2, sizeof(*cols));
	if (!cols)
		goto out;
	cols[0] = (struct tcol)TCOL("KIND", NULL, TC_DEFAULT, "handler kind");
	cols[1] = (struct tcol)TCOL("TOTAL", NULL, TC_DEFAULT | TC_NUM,
				 "registered handlers");
	for (l = 0; l < s.nlockings; l++) {
		cols[l + 2].name = upper(s.lockings[l]);
		cols[l + 2].flags = TC_DEFAULT | TC_NUM;
		cols[l + 2].help = "handlers of that locking";
		if (!cols[l + 2].name)
			goto out;
	}
	/* One object per kind, not an array: no JSON rows of the table. */
	if (json_output) {
		open_json_object(NULL);
		for (k = 0; k < s.nkinds; k++) {
			open_json_object(s.kinds[k]);
			print_u64("total", NULL, s.total[k]);
			for (l = 0; l < s.nlockings; l++)
				print_u64(s.lockings[l], NULL,
					  s.count[k * s.nlockings + l]);
			close_json_object();
		}
		close_json_object();
		err = 0;
		goto out;
	}
	oom = false;
	if (table_start_fixed(cols, s.nlockings + 2, NULL))
		goto out;
	for (k = 0; k < s.nkinds; k++) {
		table_row();
		cell_str(0, NULL, s.kinds[k]);
		cell_u64(1, NULL, s.total[k]);
		for (l = 0; l < s.nlockings; l++)
			cell_u64(l + 2, NULL, s.count[k * s.nlockings + l]);
		table_row_end();
	}
	table_end();
	err = 0;
out:
	for (l = 0; cols && l < s.nlockings; l++)
		free((char *)cols[l + 2].name);
	free(cols);
	free_handler_summary(&s);
	return err && oom ? p_err("out of memory") : err;
}

int do_handlers(int argc, char **argv)
{
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
	if (summary)
		err = print_summary(&t);
	else
		err = print_list(&t);
	free_handlers(&t);
	return err;
}
