// SPDX-License-Identifier: GPL-2.0
/*
 * The one place the module's trace events (trace.h) are defined; the
 * callers are in probes.c, rtnl.c and violations.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#define CREATE_TRACE_POINTS
#include "trace.h"
