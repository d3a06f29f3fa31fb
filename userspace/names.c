// SPDX-License-Identifier: GPL-2.0
/* Names for address families, RTM_* message types, flags and errnos. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "main.h"
#include "names.h"
#include "parse.h"

struct name {
	unsigned int val;
	const char *name;
};

#define NAME(x) { x, #x }

static const struct name families[] = {
	NAME(PF_UNSPEC), NAME(PF_LOCAL), NAME(PF_INET), NAME(PF_AX25),
	NAME(PF_IPX), NAME(PF_APPLETALK), NAME(PF_NETROM), NAME(PF_BRIDGE),
	NAME(PF_ATMPVC), NAME(PF_X25), NAME(PF_INET6), NAME(PF_ROSE),
	NAME(PF_DECnet), NAME(PF_NETBEUI), NAME(PF_SECURITY), NAME(PF_KEY),
	NAME(PF_NETLINK), NAME(PF_PACKET), NAME(PF_ASH), NAME(PF_ECONET),
	NAME(PF_ATMSVC), NAME(PF_RDS), NAME(PF_SNA), NAME(PF_IRDA),
	NAME(PF_PPPOX), NAME(PF_WANPIPE), NAME(PF_LLC), NAME(PF_IB),
	NAME(PF_MPLS), NAME(PF_CAN), NAME(PF_TIPC), NAME(PF_BLUETOOTH),
	NAME(PF_IUCV), NAME(PF_RXRPC), NAME(PF_ISDN), NAME(PF_PHONET),
	NAME(PF_IEEE802154), NAME(PF_CAIF), NAME(PF_ALG), NAME(PF_NFC),
	NAME(PF_VSOCK), NAME(PF_KCM), NAME(PF_QIPCRTR), NAME(PF_SMC),
	NAME(PF_XDP), NAME(PF_MCTP),
	NAME(RTNL_FAMILY_IPMR), NAME(RTNL_FAMILY_IP6MR),
};

static const struct name msgtypes[] = {
	NAME(RTM_NEWLINK), NAME(RTM_DELLINK), NAME(RTM_GETLINK),
	NAME(RTM_SETLINK),
	NAME(RTM_NEWADDR), NAME(RTM_DELADDR), NAME(RTM_GETADDR),
	NAME(RTM_NEWROUTE), NAME(RTM_DELROUTE), NAME(RTM_GETROUTE),
	NAME(RTM_NEWNEIGH), NAME(RTM_DELNEIGH), NAME(RTM_GETNEIGH),
	NAME(RTM_NEWRULE), NAME(RTM_DELRULE), NAME(RTM_GETRULE),
	NAME(RTM_NEWQDISC), NAME(RTM_DELQDISC), NAME(RTM_GETQDISC),
	NAME(RTM_NEWTCLASS), NAME(RTM_DELTCLASS), NAME(RTM_GETTCLASS),
	NAME(RTM_NEWTFILTER), NAME(RTM_DELTFILTER), NAME(RTM_GETTFILTER),
	NAME(RTM_NEWACTION), NAME(RTM_DELACTION), NAME(RTM_GETACTION),
	NAME(RTM_NEWPREFIX), NAME(RTM_GETMULTICAST), NAME(RTM_GETANYCAST),
	NAME(RTM_NEWNEIGHTBL), NAME(RTM_GETNEIGHTBL), NAME(RTM_SETNEIGHTBL),
	NAME(RTM_NEWNDUSEROPT),
	NAME(RTM_NEWADDRLABEL), NAME(RTM_DELADDRLABEL), NAME(RTM_GETADDRLABEL),
	NAME(RTM_GETDCB), NAME(RTM_SETDCB),
	NAME(RTM_NEWNETCONF), NAME(RTM_DELNETCONF), NAME(RTM_GETNETCONF),
	NAME(RTM_NEWMDB), NAME(RTM_DELMDB), NAME(RTM_GETMDB),
	NAME(RTM_NEWNSID), NAME(RTM_DELNSID), NAME(RTM_GETNSID),
	NAME(RTM_NEWSTATS), NAME(RTM_GETSTATS), NAME(RTM_SETSTATS),
	NAME(RTM_NEWCACHEREPORT),
	NAME(RTM_NEWCHAIN), NAME(RTM_DELCHAIN), NAME(RTM_GETCHAIN),
	NAME(RTM_NEWNEXTHOP), NAME(RTM_DELNEXTHOP), NAME(RTM_GETNEXTHOP),
	NAME(RTM_NEWLINKPROP), NAME(RTM_DELLINKPROP), NAME(RTM_GETLINKPROP),
	NAME(RTM_NEWVLAN), NAME(RTM_DELVLAN), NAME(RTM_GETVLAN),
	NAME(RTM_NEWNEXTHOPBUCKET), NAME(RTM_DELNEXTHOPBUCKET),
	NAME(RTM_GETNEXTHOPBUCKET),
	NAME(RTM_NEWTUNNEL), NAME(RTM_DELTUNNEL), NAME(RTM_GETTUNNEL),
};

/* RTNL_FLAG_* from include/net/rtnetlink.h, which is not UAPI. */
static const char *const flag_names[] = {
	"DOIT_UNLOCKED", "BULK_DEL", "DUMP_UNLOCKED", "DUMP_SPLIT_NLM_DONE",
};

static const char *lookup(const struct name *tbl, size_t n, unsigned int val)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tbl[i].val == val)
			return tbl[i].name;
	return NULL;
}

static const char *number(unsigned int val, char *buf)
{
	snprintf(buf, NAME_LEN, "%u", val);
	return buf;
}

const char *family_known(unsigned int family)
{
	return lookup(families, ARRAY_SIZE(families), family);
}

const char *msgtype_known(unsigned int msgtype)
{
	return lookup(msgtypes, ARRAY_SIZE(msgtypes), msgtype);
}

const char *family_name(unsigned int family, char *buf)
{
	return family_known(family) ?: number(family, buf);
}

const char *msgtype_name(unsigned int msgtype, char *buf)
{
	return msgtype_known(msgtype) ?: number(msgtype, buf);
}

/* Does @s name @name, with or without one of the @prefixes? */
static bool name_matches(const char *s, const char *name,
			 const char *const *prefixes)
{
	size_t len;

	if (!strcasecmp(s, name))
		return true;
	for (; *prefixes; prefixes++) {
		len = strlen(*prefixes);
		if (!strncmp(name, *prefixes, len) &&
		    !strcasecmp(s, name + len))
			return true;
	}
	return false;
}

static int parse_name(const char *s, const struct name *tbl, size_t n,
		      const char *const *prefixes, unsigned int max,
		      unsigned int *val)
{
	uint64_t num;
	size_t i;

	if (!parse_u64(s, &num)) {
		if (num > max)
			return -1;
		*val = num;
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (name_matches(s, tbl[i].name, prefixes)) {
			*val = tbl[i].val;
			return 0;
		}
	}
	return -1;
}

int parse_family(const char *s, unsigned int *family)
{
	static const char *const prefixes[] = { "PF_", "RTNL_FAMILY_", NULL };

	/* AF_INET is PF_INET. */
	if (!strncasecmp(s, "AF_", 3))
		s += 3;
	return parse_name(s, families, ARRAY_SIZE(families), prefixes,
			  UINT8_MAX, family);
}

int parse_msgtype(const char *s, unsigned int *msgtype)
{
	static const char *const prefixes[] = { "RTM_", NULL };

	return parse_name(s, msgtypes, ARRAY_SIZE(msgtypes), prefixes,
			  UINT16_MAX, msgtype);
}

const char *flag_name(uint64_t flags, unsigned int *i, char *buf)
{
	uint64_t unknown = flags & ~((1ull << ARRAY_SIZE(flag_names)) - 1);

	for (; *i < ARRAY_SIZE(flag_names); (*i)++)
		if (flags & (1ull << *i))
			return flag_names[(*i)++];
	if (*i == ARRAY_SIZE(flag_names) && unknown) {
		(*i)++;
		snprintf(buf, NAME_LEN, "0x%" PRIx64, unknown);
		return buf;
	}
	return NULL;
}

const char *errno_name(int64_t err, char *buf)
{
	const char *name = NULL;
	int64_t abs = err < 0 ? -err : err;

#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	if (abs <= INT32_MAX)
		name = strerrorname_np(abs);
#endif
	if (!name)
		snprintf(buf, NAME_LEN, "%" PRId64, err);
	else
		snprintf(buf, NAME_LEN, "%s%s", err < 0 ? "-" : "", name);
	return buf;
}
