// SPDX-License-Identifier: GPL-2.0
/*
 * benchutil: the small pieces of the benchmark that the shell cannot do
 * cheaply or exactly.
 *
 *   benchutil now                 CLOCK_MONOTONIC in nanoseconds
 *   benchutil nswait [-t SEC]     wait until every netns but init_net is
 *                                 freed; prints the nanoseconds waited
 *
 * "ip netns del" only drops a reference: the kernel tears the netns down
 * later, in cleanup_net() on a workqueue. cleanup_net() gives back the
 * creator's netns ucount at its very end, so with max_net_namespaces
 * set to 1 an unshare(CLONE_NEWNET) fails with ENOSPC for as long as any
 * other netns is alive and succeeds once they are all gone. The netns
 * the successful unshare creates is an empty one, the same in every mode.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_NETNS "/proc/sys/user/max_net_namespaces"

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int write_str(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	int err;

	if (!f)
		return -1;
	err = fputs(s, f) < 0;
	err |= fclose(f) != 0;
	return err ? -1 : 0;
}

static int nswait(double timeout)
{
	unsigned long long start = now_ns(), deadline;
	struct timespec nap = { 0, 500 * 1000 };
	char saved[64];
	FILE *f;
	int rc = 1;

	deadline = start + (unsigned long long)(timeout * 1e9);
	f = fopen(MAX_NETNS, "r");
	if (!f || !fgets(saved, sizeof(saved), f)) {
		perror("benchutil: " MAX_NETNS);
		return 1;
	}
	fclose(f);
	if (write_str(MAX_NETNS, "1")) {
		perror("benchutil: " MAX_NETNS);
		return 1;
	}
	for (;;) {
		if (!unshare(CLONE_NEWNET)) {
			rc = 0;
			break;
		}
		if (errno != ENOSPC) {
			perror("benchutil: unshare");
			break;
		}
		if (now_ns() > deadline) {
			fprintf(stderr, "benchutil: netns still alive after %.0f s\n",
				timeout);
			break;
		}
		nanosleep(&nap, NULL);
	}
	if (write_str(MAX_NETNS, saved))
		perror("benchutil: restoring " MAX_NETNS);
	printf("%llu\n", now_ns() - start);
	return rc;
}

int main(int argc, char **argv)
{
	double timeout = 600;
	int opt;

	if (argc >= 2 && !strcmp(argv[1], "now")) {
		printf("%llu\n", now_ns());
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "nswait")) {
		optind = 2;
		while ((opt = getopt(argc, argv, "t:")) != -1) {
			if (opt != 't')
				goto usage;
			timeout = atof(optarg);
		}
		return nswait(timeout);
	}
usage:
	fprintf(stderr, "usage: benchutil now\n"
			"       benchutil nswait [-t SECONDS]\n");
	return 2;
}
