/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTNLCTL_NAMES_H
#define RTNLCTL_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* Big enough for every name below and for any number printed instead. */
#define NAME_LEN	32

/* The name, or the number in @buf when there is none. */
const char *family_name(unsigned int family, char *buf);
const char *msgtype_name(unsigned int msgtype, char *buf);
/* The name, or NULL. */
const char *family_known(unsigned int family);
const char *msgtype_known(unsigned int msgtype);
const char *errno_name(int64_t err, char *buf);

/* Names with or without their prefix, in any case, or numbers. */
int parse_family(const char *s, unsigned int *family);
int parse_msgtype(const char *s, unsigned int *msgtype);

/* RTNL_FLAG_* bits: call with i = 0, 1, ... until it returns NULL. */
const char *flag_name(uint64_t flags, unsigned int *i, char *buf);

#endif
