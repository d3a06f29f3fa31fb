// SPDX-License-Identifier: GPL-2.0
/* rtnlctl status */
#include <stdio.h>

#include "data.h"
#include "main.h"
#include "print.h"
#include "show.h"

/* A number that an older module does not write: nothing without it. */
static void print_opt_u64(const char *key, const char *fmt,
			  const struct opt_u64 *v)
{
	if (v->set)
		print_u64(key, fmt, v->val);
}

static void print_probes(const struct status *st)
{
	char ebuf[NAME_LEN];
	size_t i;

	print_text("probes:\n");
	open_json_array("probes");
	for (i = 0; i < st->nprobes; i++) {
		const struct probe *p = &st->probes[i];

		open_json_object(NULL);
		print_str("name", "  %-16s", p->name);
		print_str("state", " %-13s", p->state);
		print_u64("addrs", " addrs %-5s", p->addrs);
		print_u64("nmissed", " nmissed %s", p->nmissed);
		print_s64("error", NULL, p->error);
		if (p->error)
			print_str(NULL, " error %s",
				  errno_name(p->error, ebuf));
		print_opt_u64("owners", " owners %s", &p->owners);
		print_opt_u64("scans", " scans %s", &p->scans);
		print_opt_u64("unslotted", " unslotted %s", &p->unslotted);
		print_extra(&st->rf, p->rec, true);
		print_nl();
		close_json_object();
	}
	close_json_array();
}

int do_status(int argc, char **argv)
{
	struct status st;
	int version;
	size_t i;

	if (no_more_args(argc, argv))
		return -1;
	version = read_format_version();
	if (version < 0 || load_status(&st))
		return -1;

	open_json_object(NULL);
	print_bool("loaded", "module:            loaded", true);
	print_extra(&st.rf, st.module_rec, true);
	print_nl();
	print_u64("format_version", "format version:    %s\n", version);
	print_str("kernel", "kernel:            %s\n", st.kernel);
	print_bool("enabled", "enabled:           %s\n", st.enabled);
	print_str("violation_action", "violation action:  %s\n", st.action);
	print_u64("max_nets", "max nets:          %s\n", st.max_nets);
	print_opt_u64("max_tasks", "max tasks:         %s\n", &st.max_tasks);
	print_opt_u64("max_sites", "max sites:         %s\n", &st.max_sites);

	print_text("features:\n");
	open_json_array("features");
	for (i = 0; i < st.nfeatures; i++) {
		open_json_object(NULL);
		print_str("name", "  %-16s", st.features[i].name);
		print_str("state", " %s", st.features[i].state);
		print_extra(&st.rf, st.features[i].rec, true);
		print_nl();
		close_json_object();
	}
	close_json_array();

	print_probes(&st);

	/* Bytes, and how many netns records (older modules: none or tasks=). */
	if (st.memory_rec)
		print_counters("memory", "memory:         ", &st.memory);
	print_counters("drops", "drops:          ", &st.drops);
	print_other_records(&st.rf, 0, st.rf.nrecs, "");
	close_json_object();

	free_status(&st);
	return 0;
}
