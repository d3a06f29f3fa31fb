// SPDX-License-Identifier: GPL-2.0
/* rtnlctl enable, disable, set, reset: writes to the control files. */
#include <stdio.h>
#include <string.h>

#include "main.h"
#include "parse.h"

/* Commands without output print "null" in JSON mode, as bpftool does. */
static int write_control(int argc, char **argv, const char *file,
			 const char *val)
{
	if (no_more_args(argc, argv) || write_trace_file(file, val))
		return -1;
	if (json_output)
		puts("null");
	return 0;
}

int do_enable(int argc, char **argv)
{
	return write_control(argc, argv, "enable", "1");
}

int do_disable(int argc, char **argv)
{
	return write_control(argc, argv, "enable", "0");
}

int do_reset(int argc, char **argv)
{
	return write_control(argc, argv, "reset", "1");
}

static int set_violation_action(int argc, char **argv)
{
	static const char *const actions[] = { "count", "warn" };
	int i;

	if (!argc)
		return p_err("set violation-action needs count or warn");
	i = match_name(*argv, actions, ARRAY_SIZE(actions), sizeof(*actions),
		       "violation action");
	if (i < 0)
		return -1;
	return write_control(argc - 1, argv + 1, "violation_action",
			     actions[i]);
}

static const struct cmd set_cmds[] = {
	{ "violation-action", set_violation_action, "count|warn",
	  "what to do on a violation" },
};

int do_set(int argc, char **argv)
{
	int i;

	if (!argc)
		return p_err("set needs a setting: violation-action");
	i = match_name(*argv, set_cmds, ARRAY_SIZE(set_cmds), sizeof(*set_cmds),
		       "setting");
	if (i < 0)
		return -1;
	return set_cmds[i].fn(argc - 1, argv + 1);
}
