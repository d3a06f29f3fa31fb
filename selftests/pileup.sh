#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A pile-up on RTNL: selftests/holder holds RTNL while 1,000 threads of
# rtnl_gen send an RTM_GETLINK each (rtnl_getlink takes RTNL) and a
# module that breaks a locking rule (more nets than max_nets) queues
# behind the same holder; the holder lets go once all 1,000 threads are
# blocked. Every request is counted under its handler, every wait is in
# the histogram, no task is left without a slot, and the rule is still
# checked while 1,000 tasks hold state.
. "$(dirname "$0")/lib.sh"

HOLDER=$RNT_TOP/selftests/holder/rnt_holder.ko
VKO=$RNT_TOP/selftests/violate/rnt_violate.ko
TASKS=${RNT_PILEUP_TASKS:-1000}

ktap_print_header
ktap_set_plan 9
rnt_dmesg_start
rnt_load max_nets=4
pernet=0
rnt_active pernet && pernet=1

# Five processes in five netns, for the rule breaker to find them by.
pids=()
if [ $pernet = 1 ]; then
	for _ in 1 2 3 4 5; do
		rnt_setup_ns ns
		ip netns exec "$ns" sleep 600 &
		pids+=($!)
	done
fi
trap 'kill "${pids[@]}" 2>/dev/null; rmmod rnt_holder 2>/dev/null; rnt_cleanup' EXIT
out=$(mktemp)
rnt_reset

# blocked PID: how many threads of PID sleep uninterruptibly (in rtnl_lock).
blocked()
{
	awk '{ sub(/^.*\) /, ""); if ($1 == "D") n++ } END { print n + 0 }' \
		/proc/"$1"/task/*/stat 2>/dev/null
}

insmod "$HOLDER" hold_ms=0
start=$SECONDS
"$RTNL_GEN" getlink -i 1 -n "$TASKS" -t "$TASKS" > "$out" &
gen=$!
if [ $pernet = 1 ]; then
	pidlist=$(IFS=,; echo "${pids[*]}")
	insmod "$VKO" mode=too_many pids="$pidlist" &
	violate=$!
fi
n=0
while ((SECONDS - start < 300)); do
	n=$(blocked "$gen")
	[ "$n" = "$TASKS" ] && break
	sleep 1
done
echo "# $n threads blocked behind the holder after $((SECONDS - start)) s"
ktap_expect_eq "all $TASKS threads queued behind the holder at once" "$TASKS" "$n"
# Every waiter has been waiting since before this point: 2 s more.
sleep 2
rmmod rnt_holder
wait "$gen"
[ $pernet = 1 ] && wait "$violate" && rmmod rnt_violate

ktap_expect_eq "generator: $TASKS requests from $TASKS threads, no error" \
	"requests=$TASKS errors=0" "$(sed 's/ rounds=[0-9]*//; s/ errno=[^ ]*//' "$out")"
ktap_expect_eq "rtnl_getlink: calls = requests = $TASKS" "$TASKS $TASKS" \
	"$(rnt_calls rtnl_getlink) $(rnt_calls rtnl_getlink doit requests)"
ktap_expect_eq "every RTNL wait of rtnl_getlink is in its histogram" "$TASKS" \
	"$(rnt_calls rtnl_getlink doit wait_hist | tr ',' '\n' | awk '{ s += $1 } END { print s + 0 }')"
wait_max=$(rnt_calls rtnl_getlink doit wait_max)
echo "# longest wait of rtnl_getlink: $wait_max ns"
# Buckets 30 and up: waits of 2^30 ns (1.07 s) or more.
ktap_expect_eq "all $TASKS waits took over 1 s (all queued 2 s before the release)" \
	"$TASKS" "$(rnt_calls rtnl_getlink doit wait_hist |
		tr ',' '\n' | awk 'NR > 30 { s += $1 } END { print s + 0 }')"
ktap_expect_eq "no drops, no missed probe hits: every task had a slot" none \
	"$(rnt_losses)"
if [ $pernet = 1 ]; then
	ktap_expect_eq "the rule broken behind the holder is recorded (too_many)" 1 \
		"$(awk '$1 == "total" && $2 == "kind=too_many" { sub("count=", "", $3); print $3 }' "$RNT_DIR/violations")"
else
	ktap_test_skip "per-netns RTNL unavailable on this kernel"
fi
ktap_expect_eq "no in-flight calls left" "" \
	"$(awk '$1 == "stat" && !/ inflight=0 /' "$RNT_DIR/stats")"
rm -f "$out"
ktap_expect_dmesg_clean
ktap_finished
