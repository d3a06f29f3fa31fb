// SPDX-License-Identifier: GPL-2.0
/* rtnlctl handlers [--summary] */
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

#define FLAGS_LEN	128

/* JSON: an array of flag names; text: the names joined by commas. */
static void print_flags(uint64_t flags)
{
	char text[FLAGS_LEN] = "", buf[NAME_LEN];
	const char *name;
	unsigned int i = 0;
	size_t len;

	open_json_array("flags");
	while ((name = flag_name(flags, &i, buf))) {
		print_str("", NULL, name);
		len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "%s%s",
			 len ? "," : "", name);
	}
	close_json_array();
	print_cell_str(NULL, 0, *text ? text : "-");
}

static void print_list(const struct handlers *t)
{
	struct hkey_widths w;
	int owner = strlen("OWNER");
	size_t i;

	hkey_widths_init(&w);
	for (i = 0; i < t->n; i++) {
		hkey_widths_add(&w, &t->v[i].key);
		if ((int)strlen(t->v[i].owner) > owner)
			owner = strlen(t->v[i].owner);
	}

	print_hkey_header(&w);
	print_cell_str(NULL, -owner, "OWNER");
	print_cell_str(NULL, -8, "LOCKING");
	print_cell_str(NULL, -7, "PRESENT");
	print_cell_str(NULL, 0, "FLAGS");
	print_nl();

	open_json_array(NULL);
	for (i = 0; i < t->n; i++) {
		const struct handler *h = &t->v[i];

		open_json_object(NULL);
		print_hkey(&w, &h->key);
		print_cell_str("owner", -owner, h->owner);
		print_cell_str("locking", -8, h->rtnl ? "rtnl" : "unlocked");
		print_bool("present", NULL, h->present);
		print_cell_str(NULL, -7, h->present ? "yes" : "no");
		print_flags(h->flags);
		print_nl();
		close_json_object();
	}
	close_json_array();
}

static void print_summary(const struct handlers *t)
{
	uint64_t count[NR_KINDS][2] = { { 0 } };
	enum kind k;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].present)
			count[t->v[i].key.kind][t->v[i].rtnl]++;

	print_cell_str(NULL, -6, "KIND");
	print_cell_str(NULL, 6, "TOTAL");
	print_cell_str(NULL, 6, "RTNL");
	print_cell_str(NULL, 8, "UNLOCKED");
	print_nl();
	open_json_object(NULL);
	for (k = 0; k < NR_KINDS; k++) {
		open_json_object(kind_names[k]);
		print_cell_str(NULL, -6, kind_names[k]);
		print_cell_u64("total", 6, count[k][0] + count[k][1]);
		print_cell_u64("rtnl", 6, count[k][1]);
		print_cell_u64("unlocked", 8, count[k][0]);
		print_nl();
		close_json_object();
	}
	close_json_object();
}

int do_handlers(int argc, char **argv)
{
	struct handlers t;
	bool summary = false;

	for (; argc; argc--, argv++) {
		if (!strcmp(*argv, "--summary"))
			summary = true;
		else
			return p_err("unknown option '%s' for handlers", *argv);
	}
	if (load_handlers(&t))
		return -1;
	if (summary)
		print_summary(&t);
	else
		print_list(&t);
	free_handlers(&t);
	return 0;
}
