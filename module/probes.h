/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fprobes: registration, and what status says of them.
 */
#ifndef _RNT_PROBES_H
#define _RNT_PROBES_H

#include "rnt.h"

enum rnt_probe_id {
	RNT_FP_REQ, RNT_FP_HANDLERS, RNT_FP_RTNL, RNT_FP_PERNET, RNT_FP_TOUCH,
	RNT_NR_FP
};

int rnt_probes_init(void);
void rnt_probes_new_generation(void);
int rnt_probes_register(void);
void rnt_probes_unregister(void);
bool rnt_probes_enabled(void);
void rnt_probe_info(enum rnt_probe_id id, struct rnt_probe_info *info);

#endif /* _RNT_PROBES_H */
