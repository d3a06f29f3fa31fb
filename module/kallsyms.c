// SPDX-License-Identifier: GPL-2.0
/*
 * The symbol resolver. kallsyms_lookup_name() is not exported. A kprobe
 * on it tells us where it is (kprobes only resolve text symbols, so it
 * cannot find data such as rtnl_msg_handlers directly), and then it
 * resolves the rest.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>

#include "kallsyms.h"

static unsigned long (*rnt_kallsyms_lookup_name)(const char *name);

int rnt_kallsyms_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	int err;

	err = register_kprobe(&kp);
	if (err) {
		pr_err("cannot locate kallsyms_lookup_name: %d\n", err);
		return err;
	}
	rnt_kallsyms_lookup_name = (void *)kp.addr;
	unregister_kprobe(&kp);
	return 0;
}

unsigned long rnt_lookup_name(const char *name)
{
	return rnt_kallsyms_lookup_name(name);
}
