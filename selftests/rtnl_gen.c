// SPDX-License-Identifier: GPL-2.0
/*
 * rtnl_gen: send an exact number of rtnetlink requests and keep a tally,
 * so that tests can compare the module's counts with what was sent.
 *
 *   rtnl_gen getlink -i IFINDEX [-n N] [-t THREADS]   doit RTM_GETLINK
 *   rtnl_gen dump [-n N] [-t THREADS]                 dump RTM_GETLINK
 *   rtnl_gen mix -i IFINDEX [-n N] [-t THREADS]       the first six kinds, in turn
 *   rtnl_gen family -f FAMILY [-n N] [-t THREADS]     doit RTM_GETROUTE of FAMILY
 *   rtnl_gen rootdump [-n N] [-t THREADS]             RTM_GETLINK, NLM_F_ROOT only
 *   rtnl_gen addr -i IFINDEX [-n N] [-t THREADS]      RTM_NEWADDR, RTM_DELADDR, in turn
 *   rtnl_gen probe-dumps                              which dumps exist
 *
 * Threads are pinned to CPUs round-robin. Prints one line of key=value
 * pairs per kind of request: requests sent, errors received by errno,
 * and for dumps the number of dump rounds (datagrams) received.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <arpa/inet.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_ERRNO 4096

/* The request kinds; getlink and dump are also commands of their own. */
enum kind {
	K_GETLINK,	/* doit RTM_GETLINK of -i IFINDEX */
	K_DUMPLINK,	/* dump RTM_GETLINK */
	K_GETLINK_BAD,	/* doit RTM_GETLINK of an ifindex that does not exist */
	K_GETROUTE,	/* doit RTM_GETROUTE, IPv4, to 127.0.0.1 */
	K_DUMPADDR,	/* dump RTM_GETADDR, IPv4 */
	K_GETNEIGH,	/* doit RTM_GETNEIGH, IPv4, of a neighbour that is not there */
	K_FAMILY,	/* doit RTM_GETROUTE of -f FAMILY, no attributes */
	K_ROOTDUMP,	/* RTM_GETLINK with NLM_F_ROOT but not NLM_F_MATCH: a dump */
	K_NEWADDR,	/* doit RTM_NEWADDR of the thread's IPv4 /32 on -i IFINDEX */
	K_DELADDR,	/* doit RTM_DELADDR of it */
	K_NR,
};

/* What "mix" sends: every kind up to K_GETNEIGH. */
#define MIX_KINDS	((1U << (K_GETNEIGH + 1)) - 1)

static const char * const kind_name[K_NR] = {
	"getlink", "dumplink", "getlink_bad", "getroute", "dumpaddr", "getneigh",
	"family", "rootdump", "newaddr", "deladdr",
};

/* What one thread sent and received for one kind. */
struct tally {
	long sent;
	long rounds;
	long errors[MAX_ERRNO];
};

struct worker {
	pthread_t thread;
	int id;
	int cpu;
	int first;	/* where in the cycle of kinds the thread starts */
	long count;
	int ifindex;
	int family;
	unsigned int kinds;	/* bit mask of the kinds to cycle through */
	struct tally tally[K_NR];
	int failed;
};

struct req {
	struct nlmsghdr nlh;
	char payload[64];
};

static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("rtnl_gen: netlink socket");
		return -1;
	}
	return fd;
}

static void add_attr(struct req *r, unsigned short type, const void *data,
		     unsigned short len)
{
	struct rtattr *rta = (void *)((char *)r + NLMSG_ALIGN(r->nlh.nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	r->nlh.nlmsg_len = NLMSG_ALIGN(r->nlh.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* Build the request of kind @k; returns whether it is a dump. */
static int build(struct req *r, enum kind k, const struct worker *w,
		 uint32_t seq)
{
	int ifindex = w->ifindex, family = w->family;
	struct ifinfomsg *ifi = NLMSG_DATA(&r->nlh);
	struct ifaddrmsg *ifa = NLMSG_DATA(&r->nlh);
	struct rtmsg *rtm = NLMSG_DATA(&r->nlh);
	struct ndmsg *ndm = NLMSG_DATA(&r->nlh);
	uint32_t addr;

	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_flags = NLM_F_REQUEST;
	r->nlh.nlmsg_seq = seq;
	switch (k) {
	case K_GETLINK:
	case K_DUMPLINK:
	case K_GETLINK_BAD:
	case K_ROOTDUMP:
		r->nlh.nlmsg_type = RTM_GETLINK;
		r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
		ifi->ifi_family = AF_UNSPEC;
		if (k == K_DUMPLINK)
			r->nlh.nlmsg_flags |= NLM_F_DUMP;
		else if (k == K_ROOTDUMP)
			r->nlh.nlmsg_flags |= NLM_F_ROOT;
		else
			ifi->ifi_index = k == K_GETLINK ? ifindex : 0x7ffffff0;
		break;
	case K_FAMILY:
		r->nlh.nlmsg_type = RTM_GETROUTE;
		r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*rtm));
		rtm->rtm_family = family;
		break;
	case K_GETROUTE:
		r->nlh.nlmsg_type = RTM_GETROUTE;
		r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*rtm));
		rtm->rtm_family = AF_INET;
		rtm->rtm_dst_len = 32;
		addr = htonl(INADDR_LOOPBACK);
		add_attr(r, RTA_DST, &addr, sizeof(addr));
		break;
	case K_DUMPADDR:
		r->nlh.nlmsg_type = RTM_GETADDR;
		r->nlh.nlmsg_flags |= NLM_F_DUMP;
		r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*ifa));
		ifa->ifa_family = AF_INET;
		break;
	case K_NEWADDR:
	case K_DELADDR:
		/* Acked: a doit that succeeds sends no reply otherwise. */
		r->nlh.nlmsg_flags |= NLM_F_ACK;
		if (k == K_NEWADDR) {
			r->nlh.nlmsg_type = RTM_NEWADDR;
			r->nlh.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
		} else {
			r->nlh.nlmsg_type = RTM_DELADDR;
		}
		r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*ifa));
		ifa->ifa_family = AF_INET;
		ifa->ifa_prefixlen = 32;
		ifa->ifa_index = ifindex;
		addr = htonl(0x0a7b0001 + w->id);	/* 10.123.0.1 + thread */
		add_attr(r, IFA_LOCAL, &addr, sizeof(addr));
		add_attr(r, IFA_ADDRESS, &addr, sizeof(addr));
		break;
	case K_GETNEIGH:
		r->nlh.nlmsg_type = RTM_GETNEIGH;
		r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*ndm));
		ndm->ndm_family = AF_INET;
		ndm->ndm_ifindex = ifindex;
		addr = htonl(0x0a090909);	/* 10.9.9.9 */
		add_attr(r, NDA_DST, &addr, sizeof(addr));
		break;
	default:
		break;
	}
	/*
	 * As rtnetlink_rcv_msg(): a GET with any NLM_F_DUMP bit (a NEW's
	 * NLM_F_EXCL is NLM_F_MATCH's bit).
	 */
	return (r->nlh.nlmsg_type - RTM_BASE) % 4 == 2 &&
	       (r->nlh.nlmsg_flags & NLM_F_DUMP);
}

/* Read the replies to one request; returns 0, or -1 on a socket error. */
static int nl_wait(int fd, int dump, uint32_t seq, struct tally *t)
{
	static __thread char buf[65536];

	for (;;) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		if (len < 0) {
			if (errno == EINTR)
				continue;
			perror("rtnl_gen: recv");
			return -1;
		}
		if (dump)
			t->rounds++;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (size_t)len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);
				int err = -e->error;

				if (err > 0 && err < MAX_ERRNO)
					t->errors[err]++;
				if (!dump || err)
					return 0;
			}
			if (!dump && !(nlh->nlmsg_flags & NLM_F_MULTI))
				return 0;
		}
	}
}

/*
 * Send w->count requests, cycling through the kinds in w->kinds; each
 * thread starts the cycle at a different kind.
 */
static void *worker_run(void *arg)
{
	struct worker *w = arg;
	int kinds[K_NR], nkinds = 0, k, fd;
	struct req req;
	cpu_set_t set;
	uint32_t seq;

	CPU_ZERO(&set);
	CPU_SET(w->cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);

	for (k = 0; k < K_NR; k++)
		if (w->kinds & (1U << k))
			kinds[nkinds++] = k;
	fd = nl_open();
	if (fd < 0) {
		w->failed = 1;
		return NULL;
	}
	for (seq = 1; seq <= w->count; seq++) {
		struct tally *t;
		int dump;

		k = kinds[(seq + w->first) % nkinds];
		t = &w->tally[k];
		dump = build(&req, k, w, seq);
		if (send(fd, &req, req.nlh.nlmsg_len, 0) != (ssize_t)req.nlh.nlmsg_len) {
			perror("rtnl_gen: send");
			w->failed = 1;
			break;
		}
		t->sent++;
		if (nl_wait(fd, dump, seq, t)) {
			w->failed = 1;
			break;
		}
	}
	close(fd);
	return NULL;
}

/*
 * Send one dump request of every GET type for every family and print the
 * "family:msgtype" pairs that rtnetlink did not refuse with EOPNOTSUPP,
 * which it does exactly when no dumpit is registered for the pair or
 * for its PF_UNSPEC fallback.
 */
static int probe_dumps(void)
{
	static char buf[65536];
	struct {
		struct nlmsghdr nlh;
		struct rtgenmsg g;
		char pad[3];
	} req;
	int fd = nl_open(), family, type;
	uint32_t seq = 0;

	if (fd < 0)
		return 1;
	for (family = 0; family <= RTNL_FAMILY_MAX; family++) {
		for (type = RTM_BASE + 2; type <= RTM_MAX; type += 4) {
			int refused = 0, done = 0;

			memset(&req, 0, sizeof(req));
			req.nlh.nlmsg_len = sizeof(req);
			req.nlh.nlmsg_type = type;
			req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
			req.nlh.nlmsg_seq = ++seq;
			req.g.rtgen_family = family;
			if (send(fd, &req, sizeof(req), 0) != sizeof(req))
				return 1;
			while (!done) {
				ssize_t len = recv(fd, buf, sizeof(buf), 0);
				struct nlmsghdr *nlh;

				if (len < 0)
					return 1;
				for (nlh = (struct nlmsghdr *)buf;
				     NLMSG_OK(nlh, (size_t)len);
				     nlh = NLMSG_NEXT(nlh, len)) {
					if (nlh->nlmsg_seq != seq)
						continue;
					if (nlh->nlmsg_type == NLMSG_ERROR) {
						struct nlmsgerr *e = NLMSG_DATA(nlh);

						refused = e->error == -EOPNOTSUPP;
						done = 1;
					} else if (nlh->nlmsg_type == NLMSG_DONE) {
						done = 1;
					}
				}
			}
			if (!refused)
				printf("%d:%d\n", family, type);
		}
	}
	close(fd);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: rtnl_gen getlink -i IFINDEX [-n N] [-t THREADS]\n"
			"       rtnl_gen dump [-n N] [-t THREADS]\n"
			"       rtnl_gen mix -i IFINDEX [-n N] [-t THREADS]\n"
			"       rtnl_gen family -f FAMILY [-n N] [-t THREADS]\n"
			"       rtnl_gen rootdump [-n N] [-t THREADS]\n"
			"       rtnl_gen addr -i IFINDEX [-n N] [-t THREADS]\n"
			"       rtnl_gen probe-dumps\n");
	exit(2);
}

/* Print one line of the tally of @kind summed over the threads. */
static void print_tally(struct worker *w, int threads, const char *prefix,
			int kind)
{
	long sent = 0, rounds = 0, errors = 0, c;
	int i, e;

	for (i = 0; i < threads; i++) {
		sent += w[i].tally[kind].sent;
		rounds += w[i].tally[kind].rounds;
	}
	printf("%srequests=%ld rounds=%ld errno=", prefix, sent, rounds);
	for (e = 1; e < MAX_ERRNO; e++) {
		for (c = 0, i = 0; i < threads; i++)
			c += w[i].tally[kind].errors[e];
		if (c)
			printf("%s%d:%ld", errors ? "," : "", e, c);
		errors += c;
	}
	printf("%s errors=%ld\n", errors ? "" : "-", errors);
}

int main(int argc, char **argv)
{
	long n = 1, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = 1, ifindex = 0, family = -1, opt, i, k, failed = 0;
	unsigned int kinds;
	struct worker *w;
	char prefix[32];

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "probe-dumps"))
		return probe_dumps();
	if (!strcmp(argv[1], "getlink"))
		kinds = 1U << K_GETLINK;
	else if (!strcmp(argv[1], "dump"))
		kinds = 1U << K_DUMPLINK;
	else if (!strcmp(argv[1], "mix"))
		kinds = MIX_KINDS;
	else if (!strcmp(argv[1], "family"))
		kinds = 1U << K_FAMILY;
	else if (!strcmp(argv[1], "rootdump"))
		kinds = 1U << K_ROOTDUMP;
	else if (!strcmp(argv[1], "addr"))
		kinds = (1U << K_NEWADDR) | (1U << K_DELADDR);
	else
		usage();
	optind = 2;
	while ((opt = getopt(argc, argv, "f:i:n:t:")) != -1) {
		switch (opt) {
		case 'f':
			family = atoi(optarg);
			break;
		case 'i':
			ifindex = atoi(optarg);
			break;
		case 'n':
			n = atol(optarg);
			break;
		case 't':
			threads = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (n < 1 || threads < 1)
		usage();
	if ((kinds & ((1U << K_GETLINK) | (1U << K_GETLINK_BAD) | (1U << K_GETNEIGH) |
		      (1U << K_NEWADDR))) && ifindex <= 0)
		usage();
	if (kinds == 1U << K_FAMILY && (family < 0 || family > 255))
		usage();

	w = calloc(threads, sizeof(*w));
	if (!w)
		return 1;
	for (i = 0; i < threads; i++) {
		w[i].id = i;
		w[i].cpu = i % (ncpu > 0 ? ncpu : 1);
		/* Each its own address, added before it is deleted. */
		w[i].first = kinds & (1U << K_NEWADDR) ? 1 : w[i].cpu;
		w[i].count = n / threads + (i < n % threads);
		w[i].ifindex = ifindex;
		w[i].family = family;
		w[i].kinds = kinds;
		if (pthread_create(&w[i].thread, NULL, worker_run, &w[i]))
			return 1;
	}
	for (i = 0; i < threads; i++) {
		pthread_join(w[i].thread, NULL);
		failed |= w[i].failed;
	}
	/* One line for a single kind; "kind=NAME ..." lines for a mix. */
	for (k = 0; k < K_NR; k++) {
		if (!(kinds & (1U << k)))
			continue;
		if (kinds == 1U << k)
			prefix[0] = '\0';
		else
			snprintf(prefix, sizeof(prefix), "kind=%s ", kind_name[k]);
		print_tally(w, threads, prefix, k);
	}
	free(w);
	return failed;
}
