/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keys claimed once, never removed while loaded: the index of the call
 * sites and of the footprint's events.
 */
#ifndef _RNT_KEYTAB_H
#define _RNT_KEYTAB_H

#include <linux/atomic.h>
#include <linux/types.h>

struct rnt_key;
struct rnt_keytab {
	struct rnt_key *keys;
	unsigned int bits;
	unsigned int cap;
	atomic_t used;		/* indexes handed out; may run past cap */
};

int rnt_keytab_init(struct rnt_keytab *tab, unsigned int cap);
void rnt_keytab_exit(struct rnt_keytab *tab);
int rnt_keytab_get(struct rnt_keytab *tab, unsigned long key);
bool rnt_keytab_at(const struct rnt_keytab *tab, unsigned int i,
		   unsigned long *key, int *idx);
unsigned int rnt_keytab_used(const struct rnt_keytab *tab);
unsigned int rnt_keytab_slots(const struct rnt_keytab *tab);
size_t rnt_keytab_bytes(const struct rnt_keytab *tab);

#endif /* _RNT_KEYTAB_H */
