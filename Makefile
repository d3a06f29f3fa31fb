# SPDX-License-Identifier: GPL-2.0
#
#   make                  build module/rtnl_net_trace.ko and userspace/rtnlctl
#   make kernel           build and cache the dev kernel (KVER=7.3|6.12, PROFILE=default|debug)
#   make check            all tests: host unit tests, selftests and KUnit in the VM
#   make demo             boot the dev kernel, load the module, run a sample workload
#   make vm CMD='...'     run a command in the dev-kernel VM
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

.PHONY: all module userspace kernel print-kdir vm vm-build check demo install clean clean-module checkpatch

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

# Every kernel in CHECK_KVERS: the 7.3 dev kernel and the 6.12 distro one.
CHECK_KVERS ?= 7.3 6.12
check:
	scripts/setup-host
	scripts/check --kvers "$(CHECK_KVERS)"

demo: vm-build
	scripts/vm-run -- scripts/demo

install: userspace
	$(MAKE) -C userspace install

checkpatch:
	scripts/checkpatch

clean-module:
	find module selftests/violate selftests/handler_mod \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name 'modules.order' \) -delete
	rm -f Module.symvers modules.order .*.cmd .module-common.o

clean: clean-module
	$(MAKE) -C userspace clean
	$(MAKE) -C selftests clean
	rm -rf out
