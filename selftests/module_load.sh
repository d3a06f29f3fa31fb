#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module loads, creates its debugfs directory with a version file,
# unloads cleanly, and does so repeatedly.
. "$(dirname "$0")/lib.sh"

CYCLES=5

ktap_print_header
ktap_set_plan 6
rnt_dmesg_start
rnt_unload

ok=1
for _ in $(seq $CYCLES); do
	rnt_load || ok=0
	[ -d "$RNT_DIR" ] || ok=0
	rmmod rtnl_net_trace || ok=0
	[ ! -e "$RNT_DIR" ] || ok=0
done
ktap_expect_eq "load and unload $CYCLES times" 1 "$ok"

rnt_load
ktap_expect_eq "version file" "rtnl_net_trace format 2" "$(cat $RNT_DIR/version)"
ktap_expect_eq "enabled by default" 1 "$(cat $RNT_DIR/enable)"
ktap_expect_eq "refcount is 0 while loaded" 0 "$(cat /sys/module/rtnl_net_trace/refcnt)"
rmmod rtnl_net_trace
ktap_expect_eq "module gone after rmmod" "" "$(grep '^rtnl_net_trace ' /proc/modules)"

ktap_expect_dmesg_clean
ktap_finished
