# SPDX-License-Identifier: GPL-2.0
#
#   make                  build module/rtnl_net_trace.ko and userspace/rtnlctl
#   make kernel           build and cache the dev kernel (KVER=7.3|6.12, PROFILE=default|debug)
#   make check            all tests: host unit tests, shell checks, cold path, selftests and KUnit in the VM
#   make check-host       the host part of make check alone (a few minutes, no VM)
#   make demo             boot the dev kernel, load the module, run a sample workload
#   make rtnetlink-full   the kernel's whole net/rtnetlink.sh without and with the module
#   make bench            overhead benchmark in the VM (N, M, ROUNDS, K), memory at 10 netns
#   make bench-scale      one traced workload of SCALE_N netns: exact counts, memory
#   make vm CMD='...'     run a command in the dev-kernel VM
#   make soak             the long sizes of the selftests that have one (SOAK_KVERS, default 7.3)
#   make vm-test TESTS='a.sh b.sh'  the one-test loop: build, boot, run those selftests, nothing else
#   make print-kdir       print the kernel build directory in use

KVER    ?= 7.3
PROFILE ?= default
export KVER PROFILE

BUILD_KERNEL := scripts/build-kernel --kver $(KVER) --profile $(PROFILE)
SYSTEM_KDIR  := /lib/modules/$(shell uname -r)/build

# The running kernel's build tree when there is one, else the cached dev
# kernel; `make KDIR=...` overrides both.
ifeq ($(origin KDIR),undefined)
ifneq ($(wildcard $(SYSTEM_KDIR)/Makefile),)
KDIR := $(SYSTEM_KDIR)
else
KDIR := $(shell $(BUILD_KERNEL) --print-dir 2>/dev/null)
endif
endif

.PHONY: all module userspace kernel print-kdir vm vm-build vm-test check soak check-host demo rtnetlink-full bench bench-scale install clean clean-module checkpatch

all: module userspace

module:
	@if [ -z "$(KDIR)" ]; then \
		echo "No kernel build tree: run 'make kernel' first (or pass KDIR=<tree>)." >&2; \
		exit 1; \
	fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

userspace:
	$(MAKE) -C userspace

kernel:
	$(BUILD_KERNEL)

print-kdir:
	@if [ -z "$(KDIR)" ]; then echo "no kernel build tree: run 'make kernel'" >&2; exit 1; fi
	@echo $(KDIR)

# Targets that run in the VM always build against the cached dev kernel.
vm-build: kernel
	$(MAKE) KDIR=$$($(BUILD_KERNEL) --print-dir) all

vm: vm-build
	scripts/vm-run -- $(if $(CMD),sh -c '$(CMD)')

# The one-test loop: the named selftests in one boot of the KVER kernel,
# without make check's host tests (about 40 s of boot, then the tests):
# scripts/check with tests named. The module is rebuilt from clean, as
# make check does, so that none is left built for the other kernel.
vm-test:
	@if [ -z "$(TESTS)" ]; then echo "usage: make vm-test TESTS='footprint.sh ...' [KVER=6.12]" >&2; exit 1; fi
	scripts/check --kvers "$(KVER)" --profile $(PROFILE) $(TESTS)

# Every kernel in CHECK_KVERS: the 7.3 dev kernel and the 6.12 distro one;
# PROFILE=debug: the 7.3 sanitizer kernel (KASAN, kmemleak, ...) only.
CHECK_KVERS ?= $(if $(filter debug,$(PROFILE)),7.3,7.3 6.12)
check:
	scripts/setup-host
	scripts/check --kvers "$(CHECK_KVERS)" --profile $(PROFILE)

# rtnlctl's unit tests, bash -n and shellcheck of every shell script, and
# the first run of the kernel tooling in an empty cache, for each kernel
# make check uses.
# The long sizes: stress cycles and flips, 1,000 reloads, 40 module
# lifetimes under churn, the toggle storm at 2,000 flips, fuzz at 20,000
# writes, the rtnetlink.sh subset.
SOAK_KVERS ?= 7.3
soak:
	scripts/setup-host
	scripts/check --soak --kvers "$(SOAK_KVERS)" --profile $(PROFILE)

check-host:
	scripts/setup-host
	scripts/check --host-only --profile $(PROFILE)

demo: vm-build
	scripts/vm-run -- scripts/demo

# The kernel's whole tools/testing/selftests/net/rtnetlink.sh, without and
# with the module (make check runs a subset); 35 minutes under TCG on a
# busy 2-core host.
rtnetlink-full: vm-build
	$(MAKE) -s -C selftests
	scripts/vm-run --timeout 3600 -- env RNT_RTNETLINK_TESTS=all RNT_TIMEOUT=3500 \
		selftests/run.sh $$($(BUILD_KERNEL) --print-dir)/source rtnetlink_kernel.sh

# The benchmark: bench/run.sh in the VM. N netns of M dummy interfaces,
# ROUNDS rounds of each mode, K requests in the GETLINK microbenchmark and
# P NEWADDR/DELADDR pairs in the converted-doit one. The guest
# clock counts instructions (QEMU -icount, 1 ns each, idle time skipped),
# which makes the figures repeatable on a busy host; BENCH_QEMU_OPTS=
# (empty) times plain TCG instead. The module is copied first, so that a
# rebuild during the run does not change what is measured. Each target
# writes its figures to out/<target>/, so the two can run side by side.
N       ?= 48
M       ?= 4
ROUNDS  ?= 5
K       ?= 4000
P       ?= 1000
SCALE_N ?= 2000
SCALE_M ?= 4
# Memory is measured around the scale run and, after it, these sizes.
SCALE_FOOTPRINT ?= 1000 10
BENCH_QEMU_OPTS ?= -icount shift=0,sleep=off
BENCH_TIMEOUT   ?= 3600
BENCH_TIMING    := $(if $(BENCH_QEMU_OPTS),TCG $(BENCH_QEMU_OPTS),TCG plain)
# BASE_KO: another build of the module (e.g. the commit before a change,
# built with `make module` in a git worktree); adds the mode `base`,
# interleaved with the others, and the line enabled/base.
BASE_KO ?=
BENCH_ARGS_bench       := -n $(N) -m $(M) -r $(ROUNDS) -k $(K) -p $(P) --footprint 10 \
			  $(if $(BASE_KO),--base-ko out/bench/base.ko)
BENCH_ARGS_bench-scale := -r 0 -m $(SCALE_M) --footprint '$(SCALE_FOOTPRINT)' --scale $(SCALE_N)

bench bench-scale: vm-build
	$(MAKE) -C selftests
	$(MAKE) -C bench
	@mkdir -p out/$@
	cp module/rtnl_net_trace.ko out/$@/rtnl_net_trace.ko
	$(if $(BASE_KO),cp $(BASE_KO) out/$@/base.ko)
	@start=$$(date +%s); rc=0; \
	scripts/vm-run --timeout $(BENCH_TIMEOUT) \
		$(if $(BENCH_QEMU_OPTS),--vng-opt=--qemu-opts='$(BENCH_QEMU_OPTS)') -- \
		env BENCH_OUT=$(CURDIR)/out/$@ \
		bench/run.sh --ko out/$@/rtnl_net_trace.ko --timing '$(BENCH_TIMING)' \
		$(BENCH_ARGS_$@) || rc=$$?; \
	echo "make $@: $$(($$(date +%s) - start)) s on the host's clock (boot included), exit status $$rc"; \
	exit $$rc

install: userspace
	$(MAKE) -C userspace install

checkpatch:
	scripts/checkpatch

clean-module:
	find module selftests/violate selftests/handler_mod selftests/modload selftests/holder selftests/sites selftests/touch \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name 'modules.order' \) -delete
	rm -f Module.symvers modules.order .*.cmd .module-common.o

clean: clean-module
	$(MAKE) -C userspace clean
	$(MAKE) -C selftests clean
	rm -rf out
