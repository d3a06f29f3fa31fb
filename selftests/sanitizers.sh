#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Last in a boot of the sanitizer kernel (make check PROFILE=debug): load
# and unload the module once more, then scan for memory leaks with
# kmemleak (run.sh cleared its list at boot, so every report is from the
# tests) and for KASAN reports. Skips on a kernel without kmemleak.
. "$(dirname "$0")/lib.sh"

KMEMLEAK=/sys/kernel/debug/kmemleak

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
ktap_print_header
if [ ! -e "$KMEMLEAK" ]; then
	ktap_skip_all "no kmemleak in this kernel (make check PROFILE=debug has it)"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 3
rnt_dmesg_start
rnt_load
"$RTNL_GEN" getlink -i 1 -n 100 > /dev/null
rnt_unload

# An object is only reported once two scans found no reference to it.
echo scan > "$KMEMLEAK"
sleep 5
echo scan > "$KMEMLEAK"
leaks=$(grep -c '^unreferenced object' "$KMEMLEAK")
[ "$leaks" = 0 ] || head -60 "$KMEMLEAK" | sed 's/^/# /'
ktap_expect_eq "kmemleak: no unreferenced objects since boot" 0 "$leaks"
ktap_expect_eq "KASAN is on in this kernel" 1 \
	"$(grep -q -w kasan_report /proc/kallsyms && echo 1)"
ktap_expect_dmesg_clean
ktap_finished
