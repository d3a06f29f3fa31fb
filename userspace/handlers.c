// SPDX-License-Identifier: GPL-2.0
/* rtnlctl handlers [--summary] */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

#define FLAGS_LEN	128

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
	print_cell_str(NULL, 0, *text ? text : "-");
}

static void print_list(const struct handlers *t)
{
	struct hkey_widths w;
	int owner = strlen("OWNER"), locking = strlen("unlocked");
	size_t i;

	hkey_widths_init(&w);
	for (i = 0; i < t->n; i++) {
		hkey_widths_add(&w, &t->v[i].key);
		if ((int)strlen(t->v[i].owner) > owner)
			owner = strlen(t->v[i].owner);
		if ((int)strlen(t->v[i].locking) > locking)
			locking = strlen(t->v[i].locking);
	}

	print_hkey_header(&w);
	print_cell_str(NULL, -owner, "OWNER");
	print_cell_str(NULL, -locking, "LOCKING");
	print_cell_str(NULL, -7, "PRESENT");
	print_cell_str(NULL, 0, "FLAGS");
	print_nl();

	open_json_object(NULL);
	open_json_array("handlers");
	for (i = 0; i < t->n; i++) {
		const struct handler *h = &t->v[i];

		open_json_object(NULL);
		print_hkey(&w, &h->key);
		print_cell_str("owner", -owner, h->owner);
		print_cell_str("locking", -locking, h->locking);
		print_bool("present", NULL, h->present);
		print_cell_str(NULL, -7, h->present ? "yes" : "no");
		print_flags(h->flags);
		print_extra(&t->rf, h->rec, false);
		print_nl();
		close_json_object();
	}
	close_json_array();
	print_other_records(&t->rf, 0, t->rf.nrecs, "\n");
	close_json_object();
}

/* Upper case of @s in @buf, for a column label. */
static const char *label(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < len; i++)
		buf[i] = toupper((unsigned char)s[i]);
	buf[i] = '\0';
	return buf;
}

static int count_width(const char *name)
{
	return strlen(name) > 6 ? (int)strlen(name) : 6;
}

static int print_summary(const struct handlers *t)
{
	struct handler_summary s;
	int kind = strlen("KIND");
	char buf[NAME_LEN];
	size_t k, l;

	if (handler_summary(t, &s))
		return -1;
	for (k = 0; k < s.nkinds; k++)
		if ((int)strlen(s.kinds[k]) > kind)
			kind = strlen(s.kinds[k]);

	print_cell_str(NULL, -kind, "KIND");
	print_cell_str(NULL, 6, "TOTAL");
	for (l = 0; l < s.nlockings; l++)
		print_cell_str(NULL, count_width(s.lockings[l]),
			       label(s.lockings[l], buf, sizeof(buf)));
	print_nl();
	open_json_object(NULL);
	for (k = 0; k < s.nkinds; k++) {
		open_json_object(s.kinds[k]);
		print_cell_str(NULL, -kind, s.kinds[k]);
		print_cell_u64("total", 6, s.total[k]);
		for (l = 0; l < s.nlockings; l++)
			print_cell_u64(s.lockings[l], count_width(s.lockings[l]),
				       s.count[k * s.nlockings + l]);
		print_nl();
		close_json_object();
	}
	close_json_object();
	free_handler_summary(&s);
	return 0;
}

int do_handlers(int argc, char **argv)
{
	struct handlers t;
	bool summary = false;
	int err = 0;

	for (; argc; argc--, argv++) {
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
		print_list(&t);
	free_handlers(&t);
	return err;
}
