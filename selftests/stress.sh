#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Load, unload and toggle under fire. Four workers create netns joined by
# veth pairs, add and remove addresses and routes, and dump links, while
# the module is inserted and removed CYCLES times, enable is flipped
# FLIPS times per cycle, reset is written and `rtnlctl -j stats` runs in a
# loop. Then the workers repeat exactly as many iterations without the
# module: their error counts must be the same.
. "$(dirname "$0")/lib.sh"

# 3 cycles in make check, 20 in make soak.
CYCLES=$(rnt_size RNT_STRESS_CYCLES 3 20)
FLIPS=${RNT_STRESS_FLIPS:-10}
WORKERS=4
STATE=$(mktemp -d)

# worker W: loop until $STATE/stop appears, or for $2 iterations; write
# "iterations errors" to $STATE/worker.W.
worker()
{
	local w=$1 max=${2:-0} i=0 errors=0 a b c

	while { [ "$max" -gt 0 ] && [ $i -lt "$max" ]; } ||
	      { [ "$max" = 0 ] && [ ! -e "$STATE/stop" ]; }; do
		a=rnts-$w-a b=rnts-$w-b
		for c in "ip netns add $a" "ip netns add $b" \
			 "ip -n $a link set lo up" \
			 "ip -n $a link add v0 type veth peer name v1 netns $b" \
			 "ip -n $a addr add 10.$w.0.1/24 dev v0" \
			 "ip -n $b addr add 10.$w.0.2/24 dev v1" \
			 "ip -n $a link set v0 up" "ip -n $b link set v1 up" \
			 "ip -n $a route add 10.$w.1.0/24 via 10.$w.0.2" \
			 "ip -n $a addr add 10.$w.2.1/32 dev lo" \
			 "ip -n $a -s link show" "ip -n $b addr show" \
			 "ip -n $a route show" \
			 "ip -n $a route del 10.$w.1.0/24" \
			 "ip -n $a addr del 10.$w.2.1/32 dev lo" \
			 "ip -n $b link del v1" \
			 "ip netns del $a" "ip netns del $b"; do
			if ! $c > /dev/null 2>> "$STATE/worker.$w.err"; then
				errors=$((errors + 1))
				echo "worker $w iteration $i: $c" >> "$STATE/worker.$w.err"
			fi
		done
		i=$((i + 1))
	done
	echo "$i $errors" > "$STATE/worker.$w"
}

# Read the statistics in a loop; count runs killed by a signal.
reader()
{
	local crashes=0 runs=0

	while [ ! -e "$STATE/stop" ]; do
		"$RNTLCTL" -j stats > /dev/null 2>&1
		[ $? -lt 128 ] || crashes=$((crashes + 1))
		runs=$((runs + 1))
		sleep 0.05
	done
	echo "$runs $crashes" > "$STATE/reader"
}

# rmmod, retried while a reader holds a debugfs file (and so the module)
# open; prints the number of retries, fails after 100.
unload_retry()
{
	local tries=0

	until rmmod rtnl_net_trace 2> /dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 100 ] || return 1
		sleep 0.1
	done
	echo $tries
}

ktap_print_header
ktap_set_plan 9
rnt_dmesg_start
rnt_unload
modprobe veth

# --- the module cycled under load ---
for w in $(seq $WORKERS); do
	worker "$w" &
done
reader &
cycles=0 flips=0 resets=0 retries=0 unload_fail=0 refcnt_bad="" violations=0
start=$(date +%s)
for c in $(seq "$CYCLES"); do
	rnt_load
	for f in $(seq "$FLIPS"); do
		echo $(((f + 1) % 2)) > "$RNT_DIR/enable" && flips=$((flips + 1))
	done
	echo 1 > "$RNT_DIR/enable"
	echo 1 > "$RNT_DIR/reset" && resets=$((resets + 1))
	sleep 0.$((RANDOM % 10))
	violations=$((violations + $(rnt_violations)))
	if t=$(unload_retry); then
		retries=$((retries + t))
	else
		unload_fail=$((unload_fail + 1))
		refcnt_bad=$(cat /sys/module/rtnl_net_trace/refcnt)
		break
	fi
	cycles=$((cycles + 1))
done
loaded_s=$(($(date +%s) - start))
touch "$STATE/stop"
wait
read -r reads crashes < "$STATE/reader"
iters=() errors=0 total_iters=0
for w in $(seq $WORKERS); do
	read -r i e < "$STATE/worker.$w"
	iters+=("$i")
	errors=$((errors + e))
	total_iters=$((total_iters + i))
done
echo "# $cycles cycles in $loaded_s s: $flips enable flips, $resets resets," \
	"$reads rtnlctl runs, $total_iters worker iterations (${iters[*]}), $retries rmmod retries"

ktap_expect_eq "insmod/rmmod cycles under load" "$CYCLES" "$cycles"
ktap_expect_eq "every rmmod succeeded (retried $retries times while rtnlctl held a file)" \
	"0" "$unload_fail${refcnt_bad:+ refcnt=$refcnt_bad}"
ktap_expect_eq "enable flips" "$((CYCLES * FLIPS))" "$flips"
ktap_expect_eq "module gone, nothing left in debugfs" "" \
	"$(grep '^rtnl_net_trace ' /proc/modules; ls -d "$RNT_DIR" 2> /dev/null)"
ktap_expect_eq "rtnlctl never killed by a signal ($reads runs)" 0 "$crashes"
ktap_expect_eq "no lock-order violations reported" 0 "$violations"
ktap_expect_dmesg_clean

[ "$errors" = 0 ] || cat "$STATE"/worker.*.err | head -20 | sed 's/^/# /'

# --- the same iterations without the module ---
rm -f "$STATE"/worker.*.err "$STATE/stop"
for w in $(seq $WORKERS); do
	worker "$w" "${iters[$((w - 1))]}" &
done
wait
base_errors=0
for w in $(seq $WORKERS); do
	read -r i e < "$STATE/worker.$w"
	base_errors=$((base_errors + e))
done
[ "$base_errors" = 0 ] || cat "$STATE"/worker.*.err | head -20 | sed 's/^/# /'
ktap_expect_eq "worker errors with the module = without it" "$base_errors" "$errors"

rnt_load
ktap_expect_eq "refcount 0 after the stress" 0 "$(cat /sys/module/rtnl_net_trace/refcnt)"
rm -rf "$STATE"
ktap_finished
