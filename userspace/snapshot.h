/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_SNAPSHOT_H
#define RTNLCTL_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

/* Read the snapshot file @path (see snapshot.c); -1 after p_err(). */
int snapshot_open(const char *path);
void snapshot_close(void);

/* While on, the loaders read the snapshot instead of debugfs. */
void snapshot_use(bool on);

/*
 * For read_trace_file(): 1 when no snapshot is in use, else 0 with a
 * copy of file @name in *@bufp, or -1 after p_err().
 */
int snapshot_read(const char *name, char **bufp, size_t *lenp);

/* Text "since FILE (5.0 s ago)"; JSON {"since": {file, time_ns, elapsed_ns}}. */
void print_since(void);

#endif
