#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the KUnit suite (module/rtnl_net_trace_kunit.ko) and report each of
# its cases as a KTAP line.
. "$(dirname "$0")/lib.sh"

KO=$RNT_TOP/module/rtnl_net_trace_kunit.ko
RESULTS=/sys/kernel/debug/kunit/rtnl_net_trace/results

ktap_print_header
if [ ! -e "$KO" ]; then
	ktap_skip_all "kernel built without CONFIG_KUNIT"
	exit "$KSFT_SKIP"
fi
rnt_load
insmod "$KO"
cases=$(grep -E '^\s+(not )?ok [0-9]+ ' "$RESULTS")
if [ -z "$cases" ]; then
	ktap_set_plan 1
	ktap_test_fail "the KUnit suite produced no results"
	ktap_finished
fi
ktap_set_plan "$(printf '%s\n' "$cases" | grep -c .)"
while read -r line; do
	name=${line##* }
	case $line in
	"ok "*) ktap_test_pass "$name" ;;
	*) ktap_test_fail "$name" ;;
	esac
done <<< "$(printf '%s\n' "$cases" | sed 's/^\s*//; s/ # .*//')"
rmmod rtnl_net_trace_kunit
ktap_finished
