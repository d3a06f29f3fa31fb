#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The module's trace events, system rtnl_net_trace: N known requests in
# a fresh netns give exactly N rtnl_net_trace:request events, with the
# handler, kind and errnos that "stats" counts, and N rtnl_section events
# owned by rtnl_getlink; the same through perf and trace-cmd when they run
# in the guest.
# A broken per-netns rule gives one violation event. The module unloads
# cleanly with its events enabled, and with them disabled.
. "$(dirname "$0")/lib.sh"

VKO=$RNT_TOP/selftests/violate/rnt_violate.ko
N=${RNT_TRACE_N:-50}
T=/sys/kernel/tracing
EV=$T/events/rtnl_net_trace

ktap_print_header
mountpoint -q $T || mount -t tracefs nodev $T 2>/dev/null
[ -e $T/trace ] || ktap_skip_all "no tracefs on this kernel"
ktap_set_plan 14
rnt_dmesg_start
rnt_load
pernet=0
rnt_active pernet && pernet=1
trace=$(mktemp)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; [ -e $EV/enable ] && echo 0 > $EV/enable;
	rm -f "$trace"; rnt_cleanup' EXIT
rnt_setup_ns ns

ktap_expect_eq "the events are in tracefs, disabled" "0 0 0" \
	"$(cat $EV/request/enable $EV/rtnl_section/enable $EV/violation/enable | tr '\n' ' ' | sed 's/ $//')"

# trace_run EVENTS... -- CMD...: CMD with the events enabled, its trace in $trace.
trace_run()
{
	local e

	echo 0 > $T/tracing_on
	: > $T/trace
	while [ "$1" != "--" ]; do
		echo 1 > "$EV/$1/enable"
		shift
	done
	shift
	echo 1 > $T/tracing_on
	"$@" > /dev/null
	echo 0 > $T/tracing_on
	for e in request rtnl_section violation; do
		echo 0 > "$EV/$e/enable"
	done
	grep -v '^#' $T/trace > "$trace"
}

# events HANDLER KIND: the request events of HANDLER, their errno fields.
events()
{
	grep " request: .* kind=$2 handler=$1 " "$trace" |
		sed 's/.* errno=\([-0-9]*\) .*/\1/'
}

rnt_reset
trace_run request rtnl_section -- \
	ip netns exec "$ns" "$RTNL_GEN" getlink -i 1 -n "$N"
echo "# the first event: $(grep -m1 ' request: ' "$trace")"
echo "# the first section: $(grep -m1 ' rtnl_section: ' "$trace")"
ktap_expect_eq "$N getlinks: $N request events for rtnl_getlink, $N counted" \
	"$N $N" "$(events rtnl_getlink doit | wc -l) $(rnt_calls rtnl_getlink)"
ktap_expect_eq "all family=0 msgtype=18 errno=0, as stats (errors=0)" \
	"$N 0" \
	"$(grep -c ' request: family=0 msgtype=18 kind=doit handler=rtnl_getlink errno=0 lat_ns=[0-9]* rtnl_wait_ns=[0-9]* rtnl_hold_ns=[1-9][0-9]*$' "$trace") $(rnt_calls rtnl_getlink doit errors)"
ktap_expect_eq "$N rtnl_section events owned by rtnl_getlink, as its hold count" \
	"$N $N" \
	"$(grep -c ' rtnl_section: handler=rtnl_getlink caller=' "$trace") $(rnt_calls rtnl_getlink doit hold_hist | tr ',' '\n' | awk '{ s += $1 } END { print s + 0 }')"
ktap_expect_eq "no other request events" "$N" "$(grep -c ' request: ' "$trace")"

# A mix of six kinds (doit and dump, successes and errnos): every
# handler's events and errnos are what stats counts for it.
rnt_reset
trace_run request -- ip netns exec "$ns" "$RTNL_GEN" mix -i 1 -n $((6 * N))
from_trace=$(awk '/ request: / {
	for (i = 1; i <= NF; i++) {
		if ($i ~ /^kind=/) k = substr($i, 6)
		if ($i ~ /^handler=/) h = substr($i, 9)
		if ($i ~ /^errno=/) e = -substr($i, 7)
	}
	calls[h " " k]++
	if (e > 0 && !(k == "dumpit" && e == 90)) err[h " " k, e]++
}
END {
	for (x in calls) {
		s = ""
		for (y in err) {
			split(y, p, SUBSEP)
			if (p[1] == x) s = s "," p[2] ":" err[y]
		}
		print x, calls[x], (s == "" ? "-" : substr(s, 2))
	}
}' "$trace" | sort)
# errno lists sorted by errno, as the trace side prints them in any order.
from_stats=$(awk '$1 == "stat" {
	for (i = 2; i <= NF; i++) {
		p = index($i, "="); f[substr($i, 1, p - 1)] = substr($i, p + 1)
	}
	print f["fn"], f["kind"], f["calls"], f["errno"] }' "$RNT_DIR/stats" | sort)
norm()
{
	local h k c e

	while read -r h k c e; do
		echo "$h $k $c $(echo "$e" | tr ',' '\n' | sort | tr '\n' ',' | sed 's/,$//')"
	done
}
echo "# stats: $(echo "$from_stats" | tr '\n' ';')"
ktap_expect_eq "mix of $((6 * N)): events per handler and errno = stats" \
	"$(echo "$from_stats" | norm)" "$(echo "$from_trace" | norm)"
ktap_expect_eq "it had errors to compare (getlink of a missing ifindex: ENODEV)" \
	"$N" "$(events rtnl_getlink doit | grep -c '^-19$')"

if command -v perf > /dev/null && perf --version > /dev/null 2>&1; then
	pdata=$(mktemp)
	perf record -q -e rtnl_net_trace:request -a -o "$pdata" -- \
		ip netns exec "$ns" "$RTNL_GEN" getlink -i 1 -n "$N" > /dev/null 2>&1
	ktap_expect_eq "perf record -e rtnl_net_trace:request: $N rtnl_getlink events" \
		"$N" "$(perf script -i "$pdata" 2> /dev/null | grep -c 'handler=rtnl_getlink errno=0 ')"
	rm -f "$pdata"
else
	ktap_test_skip "perf does not run in this guest"
fi

if command -v trace-cmd > /dev/null; then
	tdir=$(mktemp -d)
	(cd "$tdir" && trace-cmd record -q -e rtnl_net_trace:request \
		ip netns exec "$ns" "$RTNL_GEN" getlink -i 1 -n "$N" > /dev/null 2>&1)
	ktap_expect_eq "trace-cmd record -e rtnl_net_trace:request: $N rtnl_getlink events" \
		"$N" "$(cd "$tdir" && trace-cmd report 2> /dev/null | grep -c 'handler=rtnl_getlink errno=0 ')"
	rm -rf "$tdir"
else
	ktap_test_skip "trace-cmd is not installed"
fi

if [ $pernet = 1 ]; then
	vns=
	for _ in 1 2 3 4 5; do
		rnt_setup_ns vns
		ip netns exec "$vns" sleep 600 &
		pids+=($!)
	done
	rnt_reset
	trace_run violation -- insmod "$VKO" mode=too_many \
		pids="$(IFS=,; echo "${pids[*]}")"
	rmmod rnt_violate
	ktap_expect_eq "a too_many violation: one violation event, one counted" \
		"1 1" "$(grep -c ' violation: kind=too_many pid=[0-9]* comm=insmod nets=[0-9]*:[0-9]*,0:0$' "$trace") $(rnt_field violations total kind=too_many count)"
else
	ktap_test_skip "per-netns RTNL unavailable on this kernel"
fi

for e in request rtnl_section violation; do
	echo 1 > "$EV/$e/enable"
done
echo 1 > $T/tracing_on
ip netns exec "$ns" "$RTNL_GEN" getlink -i 1 -n 5 > /dev/null
rmmod rtnl_net_trace
rc=$?
ktap_expect_eq "unloads with its events enabled; they leave tracefs" "0 absent" \
	"$rc $([ -e $EV ] && echo present || echo absent)"
rnt_load
ktap_expect_eq "loaded again: the events are back, disabled" "0" \
	"$(cat $EV/request/enable 2> /dev/null || echo none)"
rmmod rtnl_net_trace
rc=$?
ktap_expect_eq "unloads with its events disabled" "0 absent" \
	"$rc $([ -e $EV ] && echo present || echo absent)"
echo 0 > $T/tracing_on
: > $T/trace
ktap_expect_dmesg_clean
ktap_finished
