// SPDX-License-Identifier: GPL-2.0
/*
 * rtnl_gen: send an exact number of rtnetlink requests and keep a tally,
 * so that tests can compare the module's counts with what was sent.
 *
 *   rtnl_gen getlink -i IFINDEX [-n N] [-t THREADS]   doit RTM_GETLINK
 *   rtnl_gen dump [-n N]                              dump RTM_GETLINK
 *   rtnl_gen probe-dumps                              which dumps exist
 *
 * Threads are pinned to CPUs round-robin. Prints one line of key=value
 * pairs: requests sent, errors received by errno, and for dumps the
 * number of dump rounds (datagrams) received.
 */
#define _GNU_SOURCE
#include <errno.h>
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

struct worker {
	pthread_t thread;
	int cpu;
	long count;
	int ifindex;
	int dump;
	long sent;
	long rounds;
	long errors[MAX_ERRNO];
	int failed;
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

/* Read replies to one request; returns 0, or -1 on a socket error. */
static int nl_wait(int fd, struct worker *w, uint32_t seq)
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
		if (w->dump)
			w->rounds++;
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
					w->errors[err]++;
				if (!w->dump || err)
					return 0;
			}
			if (!w->dump && !(nlh->nlmsg_flags & NLM_F_MULTI))
				return 0;
		}
	}
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	struct {
		struct nlmsghdr nlh;
		struct ifinfomsg ifi;
	} req;
	cpu_set_t set;
	uint32_t seq;
	int fd;

	CPU_ZERO(&set);
	CPU_SET(w->cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);

	fd = nl_open();
	if (fd < 0) {
		w->failed = 1;
		return NULL;
	}
	for (seq = 1; seq <= w->count; seq++) {
		memset(&req, 0, sizeof(req));
		req.nlh.nlmsg_len = sizeof(req);
		req.nlh.nlmsg_type = RTM_GETLINK;
		req.nlh.nlmsg_flags = NLM_F_REQUEST |
				      (w->dump ? NLM_F_DUMP : 0);
		req.nlh.nlmsg_seq = seq;
		req.ifi.ifi_family = AF_UNSPEC;
		req.ifi.ifi_index = w->ifindex;
		if (send(fd, &req, sizeof(req), 0) != sizeof(req)) {
			perror("rtnl_gen: send");
			w->failed = 1;
			break;
		}
		w->sent++;
		if (nl_wait(fd, w, seq)) {
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
			"       rtnl_gen probe-dumps\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long n = 1, errors = 0, sent = 0, rounds = 0;
	int threads = 1, ifindex = 0, dump, opt, i, e, failed = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct worker *w;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "probe-dumps"))
		return probe_dumps();
	if (!strcmp(argv[1], "getlink"))
		dump = 0;
	else if (!strcmp(argv[1], "dump"))
		dump = 1;
	else
		usage();
	optind = 2;
	while ((opt = getopt(argc, argv, "i:n:t:")) != -1) {
		switch (opt) {
		case 'i': ifindex = atoi(optarg); break;
		case 'n': n = atol(optarg); break;
		case 't': threads = atoi(optarg); break;
		default: usage();
		}
	}
	if (n < 1 || threads < 1 || (!dump && ifindex <= 0))
		usage();

	w = calloc(threads, sizeof(*w));
	if (!w)
		return 1;
	for (i = 0; i < threads; i++) {
		w[i].cpu = i % (ncpu > 0 ? ncpu : 1);
		w[i].count = n / threads + (i < n % threads);
		w[i].ifindex = ifindex;
		w[i].dump = dump;
		if (pthread_create(&w[i].thread, NULL, worker_run, &w[i]))
			return 1;
	}
	printf("requests=");
	for (i = 0; i < threads; i++) {
		pthread_join(w[i].thread, NULL);
		sent += w[i].sent;
		rounds += w[i].rounds;
		failed |= w[i].failed;
	}
	printf("%ld rounds=%ld errno=", sent, rounds);
	for (e = 1; e < MAX_ERRNO; e++) {
		long c = 0;

		for (i = 0; i < threads; i++)
			c += w[i].errors[e];
		if (c)
			printf("%s%d:%ld", errors ? "," : "", e, c);
		errors += c;
	}
	printf("%s errors=%ld\n", errors ? "" : "-", errors);
	free(w);
	return failed;
}
