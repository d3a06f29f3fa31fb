#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Each locking rule, broken on purpose by selftests/violate/rnt_violate.ko,
# is recorded as exactly that violation with the right nets, and nothing
# else. Runs in a fresh VM: the order and unbalanced_unlock cases make
# lockdep report and then switch itself off for the rest of the boot.
. "$(dirname "$0")/lib.sh"

VKO=$RNT_TOP/selftests/violate/rnt_violate.ko

ktap_print_header
rnt_load max_nets=4
if ! rnt_active pernet || [ ! -e "$VKO" ]; then
	ktap_skip_all "per-netns RTNL unavailable on this kernel"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 21
rnt_dmesg_start

# Processes sitting in netns N1..N5, for the test module to find them by.
pids=()
inums=()
for _ in 1 2 3 4 5; do
	rnt_setup_ns ns
	ip netns exec "$ns" sleep 600 &
	pids+=($!)
	inums+=("$(ip netns exec "$ns" stat -L -c %i /proc/self/ns/net)")
done
trap 'kill "${pids[@]}" 2>/dev/null; rnt_cleanup' EXIT

# violate KIND PIDS EXPECTED-INUMS: run one case and check the ring holds
# exactly one entry, of KIND, whose nets are EXPECTED-INUMS (any order).
violate()
{
	local kind=$1 pidlist=$2 want=$3 got totals

	rnt_reset
	insmod "$VKO" mode="$kind" pids="$pidlist" && rmmod rnt_violate
	totals=$(awk '$1 == "total" && $3 != "count=0" { print $2 "," $3 }' \
		 "$RNT_DIR/violations" | tr '\n' ' ')
	ktap_expect_eq "$kind: only a $kind violation, counted once" \
		"kind=$kind,count=1 " "$totals"
	got=$(awk '$1 == "violation" { for (i = 2; i <= NF; i++) if ($i ~ /^nets=/) print substr($i, 6) }' \
	      "$RNT_DIR/violations" | tr ',' '\n' | cut -d: -f1 | sort | tr '\n' ' ')
	ktap_expect_eq "$kind: the nets involved" \
		"$(echo "$want" | tr ' ' '\n' | grep . | sort | tr '\n' ' ')" "$got"
}

p=${pids[0]}
violate no_rtnl "$p" "${inums[0]}"
ktap_expect_eq "no_rtnl: the ring holds it as its first entry, none dropped" \
	"ring first=1 last=0 dropped=0" "$(grep '^ring ' "$RNT_DIR/violations")"
ktap_expect_eq "no_rtnl: the kernel's ASSERT_RTNL fired too" yes \
	"$(dmesg | grep -q 'RTNL: assertion failed' && echo yes)"
# Lockdep checks a lock chain once per boot: the order case must be the
# first nesting of two per-netns locks since boot for lockdep to see it,
# hence this selftest runs in a VM of its own (scripts/check; tried
# last in the shared boot on Dec 5, after kunit.sh: lockdep saw nothing).
# The stack of a violation is recorded and names the culprit.
rnt_reset
insmod "$VKO" mode=order pids="${pids[0]},${pids[1]}" && rmmod rnt_violate
ktap_expect_eq "order: the stack names the culprit" 1 \
	"$(grep -c '^stack rnt_violate_init' "$RNT_DIR/violations")"
ktap_expect_eq "order: lockdep reported it too" 1 \
	"$(dmesg | grep -A30 'WARNING: possible' | grep -c -m1 'rtnl_mutex')"
violate order "${pids[0]},${pids[1]}" "${inums[0]} ${inums[1]}"
rnt_dmesg_start
# The fifth net taken is the one over the bound: the netns at the highest
# address, whichever of the four that is.
rnt_reset
insmod "$VKO" mode=too_many pids="1,${pids[0]},${pids[1]},${pids[2]},${pids[3]}" &&
	rmmod rnt_violate
ktap_expect_eq "too_many: only a too_many violation, counted once" "kind=too_many,count=1 " \
	"$(awk '$1 == "total" && $3 != "count=0" { print $2 "," $3 }' "$RNT_DIR/violations" | tr '\n' ' ')"
over=$(sed -n 's/^violation .* nets=\([0-9]*\):.*/\1/p' "$RNT_DIR/violations")
case " ${inums[*]:0:4} " in
*" $over "*) ktap_test_pass "too_many: the net over the bound is one of the four" ;;
*) ktap_test_fail "too_many: the net over the bound is one of the four (got '$over')" ;;
esac
violate recursion "$p" "${inums[0]}"
violate rtnl_inversion "$p" "${inums[0]}"
violate leak "$p" "${inums[0]}"
ktap_expect_eq "too_many, recursion, rtnl_inversion, leak: no new splat" "" \
	"$(dmesg | grep -E "$RNT_SPLAT" | head -1)"

violate unbalanced_unlock "$p" "${inums[0]}"

# violation_action=warn: a WARN for a new ring entry; count mode (all of
# the above) printed none.
ktap_expect_eq "count mode: no WARN from rtnl_net_trace" 0 \
	"$(dmesg | grep -c 'rtnl_net_trace: .* violation by')"
echo warn > "$RNT_DIR/violation_action"
rnt_reset
insmod "$VKO" mode=no_rtnl pids="$p" && rmmod rnt_violate
ktap_expect_eq "warn mode: one WARN naming the kind and the task" 1 \
	"$(dmesg | grep -c 'rtnl_net_trace: no_rtnl violation by insmod/')"
echo count > "$RNT_DIR/violation_action"
ktap_finished
