# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Helpers for the rtnl_net_trace selftests. Source it; it sources the
# kernel tree's own KTAP helpers (RNT_KSRC is the kernel source tree).

RNT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RNT_KO=$RNT_TOP/module/rtnl_net_trace.ko
RNT_DIR=/sys/kernel/debug/rtnl_net_trace
# shellcheck disable=SC2034 # used by the tests that source this file
RNTLCTL=$RNT_TOP/userspace/rtnlctl
RTNL_GEN=${RTNL_GEN:-$RNT_TOP/out/rtnl_gen}

: "${RNT_KSRC:?RNT_KSRC must point at the kernel source tree}"
# shellcheck source=/dev/null
. "$RNT_KSRC/tools/testing/selftests/kselftest/ktap_helpers.sh"

RNT_NETNS=()

# rnt_size VAR CHECK SOAK: a workload's size: $VAR when it is set, else
# SOAK under `make soak` (RNT_SOAK=1), else CHECK, make check's size. Both
# sizes assert the same things exactly; the long one runs longer.
rnt_size()
{
	if [ -n "${!1:-}" ]; then
		echo "${!1}"
	elif [ "${RNT_SOAK:-0}" = 1 ]; then
		echo "$3"
	else
		echo "$2"
	fi
}

rnt_cleanup()
{
	local ns

	for ns in "${RNT_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	rnt_unload
}
trap rnt_cleanup EXIT

# Create a netns with a unique name, as net/lib.sh's setup_ns does, and
# store the name in the variable named by $1.
rnt_setup_ns()
{
	local name=$1 nsname

	nsname="$name-$(mktemp -u XXXXXX)"
	ip netns add "$nsname" || return 1
	ip -n "$nsname" link set lo up
	RNT_NETNS+=("$nsname")
	printf -v "$name" "%s" "$nsname"
}

# rnt_sleepers NS...: a process sleeping in each netns, for a test module
# to find the netns by; each pid is appended to the caller's pids array.
rnt_sleepers()
{
	local ns

	for ns in "$@"; do
		ip netns exec "$ns" sleep 600 &
		pids+=($!)
	done
}

# rnt_active FEATURE: true when the status file has FEATURE active.
rnt_active()
{
	grep -q "feature name=$1 state=active" "$RNT_DIR/status"
}

rnt_load()
{
	mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
	grep -q '^rtnl_net_trace ' /proc/modules && return
	insmod "$RNT_KO" "$@" ||
		ktap_exit_fail_msg "cannot load rtnl_net_trace.ko: $(dmesg | grep rtnl_net_trace | tail -1)"
}

rnt_unload()
{
	if grep -q '^rtnl_net_trace ' /proc/modules; then
		rmmod rtnl_net_trace
	fi
}

rnt_reset()
{
	echo 1 > "$RNT_DIR/reset"
}

# rnt_field FILE RECORD MATCH KEY: the value of KEY in the first RECORD
# line of debugfs FILE whose fields include every "k=v" in MATCH.
rnt_field()
{
	local file=$1 rec=$2 match=$3 key=$4

	awk -v rec="$rec" -v match_="$match" -v key="$key" \
		-f "$RNT_TOP/selftests/field.awk" "$RNT_DIR/$file"
}

# The lock-rule violations counted since load or reset, all kinds.
rnt_violations()
{
	awk '$1 == "total" { sub("count=", "", $3); s += $3 } END { print s + 0 }' \
		"$RNT_DIR/violations"
}

# Every event lost, from status: the drops that are not 0 and the probes
# whose nmissed is not 0, or "none". Whatever drop keys a module has.
rnt_losses()
{
	awk '$1 == "drops" { seen = 1; for (i = 2; i <= NF; i++) if ($i !~ /=0$/) bad = bad " " $i }
	     $1 == "probe" { for (i = 2; i <= NF; i++) if ($i ~ /^nmissed=/ && $i != "nmissed=0") bad = bad " " $2 ":" $i }
	     END { print !seen ? "no drops record" : bad == "" ? "none" : substr(bad, 2) }' \
		"$RNT_DIR/status"
}

# The calls counted for a handler function, 0 when it has not run.
rnt_calls()
{
	local v

	v=$(rnt_field stats stat "fn=$1 kind=${2:-doit}" "${3:-calls}")
	echo "${v:-0}"
}

# Kernel messages that mean something went wrong: oopses, WARNs and
# lockdep splats (both start with "WARNING:"), hung tasks, sanitizers.
RNT_SPLAT='BUG:|WARNING:|Oops|INFO: |general protection|KASAN|kmemleak|bad unlock balance|DEBUG_LOCKS_WARN_ON|Call Trace'

# Start each test with an empty kernel log, so that a splat is its own.
rnt_dmesg_start()
{
	dmesg -C
}

rnt_dmesg_clean()
{
	! dmesg | grep -E -q "$RNT_SPLAT"
}

rnt_dmesg_show()
{
	dmesg | grep -E -A12 "$RNT_SPLAT" | head -40 | sed 's/^/# /'
}

# One KTAP test: the kernel log has no splat since rnt_dmesg_start.
ktap_expect_dmesg_clean()
{
	if rnt_dmesg_clean; then
		ktap_test_pass "no oops, WARN or lockdep splat"
	else
		rnt_dmesg_show
		ktap_test_fail "no oops, WARN or lockdep splat"
	fi
}

# ktap_expect_eq DESCRIPTION EXPECTED ACTUAL
ktap_expect_eq()
{
	if [ "$2" = "$3" ]; then
		ktap_test_pass "$1"
	else
		ktap_test_fail "$1 (expected '$2', got '$3')"
	fi
}

# rnt_wait_handlers OWNER PRESENT N: wait (up to 30 s) until debugfs lists
# exactly N handlers of module OWNER with present=PRESENT; the module
# notifier has the table rescanned from a work item, a moment after the
# load. Fails when they do not appear.
rnt_wait_handlers()
{
	local owner=$1 present=$2 want=$3 i

	for ((i = 0; i < 300; i++)); do
		[ "$(grep -c "^handler .* owner=$owner .*present=$present\$" "$RNT_DIR/handlers")" = "$want" ] &&
			return 0
		sleep 0.1
	done
	return 1
}

# The number of handler slots the module has.
rnt_slots()
{
	grep -c '^handler ' "$RNT_DIR/handlers"
}
