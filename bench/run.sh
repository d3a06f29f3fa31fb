#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark, guest side: `make bench` and `make bench-scale` run it in
# the dev-kernel VM from the repository root.
#
#   bench/run.sh [-n N] [-m M] [-r ROUNDS] [-k K] [-p P] [--modes "A B ..."]
#                [--footprint "N1 N2 ..."] [--scale N] [--timing LABEL]
#                [--pause S] [--ko MODULE.ko] [--base-ko OLD.ko]
#
# Workload (one round): N netns, each with lo up, M dummy interfaces (each
# up, with an address and a route) and the two ends of the veth pairs that
# join the netns in a ring, all sent with `ip -b` batch files (one `ip` per
# netns); a pause, not timed; then every netns is deleted and the round
# ends once the kernel has freed them all.
# Microbenchmarks: K RTM_GETLINK doit requests for lo (rtnl_gen getlink),
# and P pairs of RTM_NEWADDR and RTM_DELADDR of one address on a dummy
# interface of init_net (rtnl_gen addr): a converted doit, which takes
# the per-netns lock under RTNL.
#
# Modes, interleaved round by round (A B C D A B C D ...):
#   unloaded  the module is not loaded
#   disabled  loaded, then turned off with `echo 0 > enable` (every probe
#             unregistered)
#   enabled   loaded with enable=1 (every probe registered)
#   nofootprint  loaded with footprint=0: enabled without the probes of
#             what RTNL sections change, to tell the footprint's share
#   tracefs   not loaded; fprobe events on rtnetlink_rcv_msg() entry and
#             exit with hist triggers: requests by message type, and a
#             latency histogram through a synthetic event
#   base      with --base-ko: another build of the module (the code
#             before a change), loaded with enable=1, so that a change's
#             cost is measured as two ratios of one run
# and, for diagnosis only, `reloaded` (insmod then rmmod right before).
#
# Times are the guest's CLOCK_MONOTONIC. Raw figures go to $BENCH_OUT
# (default out/bench/; make bench-scale uses out/bench-scale/).
set -euo pipefail
cd "$(dirname "$0")/.."
TOP=$PWD

N=48
M=4
ROUNDS=5
K=4000
P=1000
MODES="unloaded disabled enabled nofootprint tracefs"
FOOTPRINT=""
SCALE=0
PAUSE=3
TIMING="unknown"
KO=module/rtnl_net_trace.ko
BASE_KO=""

usage()
{
	sed -n 's/^#   bench/bench/p; s/^#                \[/               [/p' "$0" >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case $1 in
	-n) N=$2; shift 2 ;;
	-m) M=$2; shift 2 ;;
	-r) ROUNDS=$2; shift 2 ;;
	-k) K=$2; shift 2 ;;
	-p) P=$2; shift 2 ;;
	--modes) MODES=$2; shift 2 ;;
	--footprint) FOOTPRINT=$2; shift 2 ;;
	--scale) SCALE=$2; shift 2 ;;
	--timing) TIMING=$2; shift 2 ;;
	--pause) PAUSE=$2; shift 2 ;;
	--ko) KO=$2; shift 2 ;;
	--base-ko) BASE_KO=$2; shift 2 ;;
	*) usage ;;
	esac
done
for v in "$N" "$M" "$ROUNDS" "$K" "$P" "$SCALE"; do
	[[ $v =~ ^[0-9]+$ ]] || usage
done
if [ "$N" -lt 1 ] || [ "$M" -lt 1 ] || [ "$M" -gt 250 ]; then usage; fi

KO=$(realpath "$KO")
if [ -n "$BASE_KO" ]; then
	BASE_KO=$(realpath "$BASE_KO")
	# Right after enabled, the mode it is compared with.
	if [[ " $MODES " != *" base "* ]]; then
		MODES=" $MODES "
		MODES=${MODES/ enabled / enabled base }
		MODES=${MODES# }
		MODES=${MODES% }
	fi
fi
RNT=/sys/kernel/debug/rtnl_net_trace
TRACE=/sys/kernel/tracing
OUT=${BENCH_OUT:-$TOP/out/bench}
WORK=/tmp/rnt-bench
mkdir -p "$OUT" "$WORK"

log() { echo "# $*"; }
die() { echo "bench: $*" >&2; exit 1; }

# One `ip -b` adds every netns and another every veth pair: ip keeps a
# descriptor or two open per netns it names.
ulimit -n 65536
mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
mountpoint -q "$TRACE" || mount -t tracefs none "$TRACE"
modprobe dummy
modprobe veth

# ---- tools: copied to tmpfs so that no timed exec reads the 9p root ----

install_tools()
{
	local lib

	mkdir -p "$WORK/bin" "$WORK/lib"
	cp "$(command -v ip)" "$WORK/bin/ip"
	cp "$TOP/out/rtnl_gen" "$TOP/out/benchutil" "$WORK/bin/"
	for lib in $(ldd "$(command -v ip)" "$TOP/out/rtnl_gen" |
		     awk '/=>/ { print $3 } /^\t\/.*ld-linux/ { print $1 }' | sort -u); do
		cp -L "$lib" "$WORK/lib/"
	done
	LDSO=$(find "$WORK/lib" -name 'ld-linux*' | head -1)
	[ -n "$LDSO" ] || die "no dynamic loader found by ldd"
	# What ip and ld.so look up on every run, made to resolve in the
	# guest's tmpfs overlays instead of in the host's files over 9p:
	# /etc/ld.so.preload, /etc/netns/NAME and ip's plugin directory.
	[ -e /etc/ld.so.preload ] || : > /etc/ld.so.preload
	mkdir -p /etc/netns /usr/lib/x86_64-linux-gnu/ip 2>/dev/null || true
}

run_tool()
{
	"$LDSO" --library-path "$WORK/lib" "$WORK/bin/$1" "${@:2}"
}

ipb() { run_tool ip "$@"; }
now() { run_tool benchutil now; }
nswait() { run_tool benchutil nswait -t 900 > /dev/null; }

# Let deferred work of what ran before (insmod's and rmmod's, RCU
# callbacks, the netns that nswait's probe created) finish outside the
# timed section. Under -icount with sleep=off an idle guest skips ahead,
# so the wait costs no time on the host.
quiesce() { sleep 1; }

# ---- the workload's batch files ----

# make_batches N M DIR: DIR/add (netns), DIR/veth (from init_net),
# DIR/ns (run in every netns), DIR/del.
make_batches()
{
	local n=$1 m=$2 dir=$3 i j

	mkdir -p "$dir"
	for i in $(seq "$n"); do echo "netns add rnb$i"; done > "$dir/add"
	# A ring: vn in netns i is the peer of vp in netns i+1 (N of them).
	for i in $(seq "$n"); do
		j=$((i % n + 1))
		echo "link add vn netns rnb$i type veth peer name vp netns rnb$j"
	done > "$dir/veth"
	{
		echo "link set lo up"
		for j in $(seq "$m"); do echo "link add d$j type dummy"; done
		for j in $(seq "$m"); do echo "link set d$j up"; done
		echo "link set vn up"
		echo "link set vp up"
		for j in $(seq "$m"); do echo "addr add 10.$((j / 256)).$((j % 256)).1/24 dev d$j"; done
		echo "addr add 10.255.0.1/30 dev vn"
		echo "addr add 10.255.0.2/30 dev vp"
		for j in $(seq "$m"); do
			echo "route add 172.$((16 + j / 256)).$((j % 256)).0/24 via 10.$((j / 256)).$((j % 256)).2"
		done
	} > "$dir/ns"
	for i in $(seq "$n"); do echo "netns del rnb$i"; done > "$dir/del"
}

# What the batches must make the handlers count: every `link` line is one
# RTM_NEWLINK, and iproute2 sends one more, a probe (iplink_have_newlink(),
# answered with ENODEV), in every process that runs a `link` command.
expected_counts()
{
	local n=$1 dir=$2 veth ns

	veth=$(grep -c '^link ' "$dir/veth")
	ns=$(grep -c '^link ' "$dir/ns")
	echo "newlink=$((veth + 1 + n * (ns + 1))) probes=$((1 + n))" \
	     "newaddr=$((n * $(grep -c '^addr add' "$dir/ns")))" \
	     "newroute=$((n * $(grep -c '^route add' "$dir/ns")))"
}

# workload N DIR: run one round; sets W_SETUP and W_TEARDOWN (ns).
workload()
{
	local n=$1 dir=$2 t0 t1 t2 t3 i

	quiesce
	t0=$(now)
	ipb -b "$dir/add"
	ipb -b "$dir/veth"
	for ((i = 1; i <= n; i++)); do
		ipb -n "rnb$i" -b "$dir/ns"
	done
	t1=$(now)
	# Not timed: the timers the setup armed (linkwatch, IPv6 DAD and
	# router solicitations) fire here rather than at a mode-dependent
	# point of the teardown; so does W_HOOK, when one is set.
	sleep "$PAUSE"
	${W_HOOK:-}
	t2=$(now)
	ipb -b "$dir/del"
	nswait
	t3=$(now)
	W_SETUP=$((t1 - t0))
	W_TEARDOWN=$((t3 - t2))
}

# micro K: sets MICRO_NS to the time of K RTM_GETLINK doit requests less
# that of one request, so that rtnl_gen's exec and exit are left out.
micro()
{
	local k=$1 t0 t1 t2 out one

	quiesce
	t0=$(now)
	one=$(run_tool rtnl_gen getlink -i 1 -n 1)
	t1=$(now)
	out=$(run_tool rtnl_gen getlink -i 1 -n "$k")
	t2=$(now)
	if [ "$one" != "requests=1 rounds=0 errno=- errors=0" ] ||
	   [ "$out" != "requests=$k rounds=0 errno=- errors=0" ]; then
		die "rtnl_gen: unexpected result: $one / $out"
	fi
	MICRO_NS=$(((t2 - t1) - (t1 - t0)))
}

# micro_addr P: sets ADDR_NS to the time of P pairs of RTM_NEWADDR and
# RTM_DELADDR on the dummy interface ADDR_IF less that of one pair.
micro_addr()
{
	local p=$1 t0 t1 t2 out one pair

	pair="kind=newaddr requests=%d rounds=0 errno=- errors=0
kind=deladdr requests=%d rounds=0 errno=- errors=0"
	quiesce
	t0=$(now)
	one=$(run_tool rtnl_gen addr -i "$ADDR_IF" -n 2)
	t1=$(now)
	out=$(run_tool rtnl_gen addr -i "$ADDR_IF" -n $((2 * p + 2)))
	t2=$(now)
	# shellcheck disable=SC2059 # the format is ours
	if [ "$one" != "$(printf "$pair" 1 1)" ] ||
	   [ "$out" != "$(printf "$pair" $((p + 1)) $((p + 1)))" ]; then
		die "rtnl_gen: unexpected result: $one / $out"
	fi
	ADDR_NS=$(((t2 - t1) - (t1 - t0)))
}

# ---- the module ----

loaded() { grep -q '^rtnl_net_trace ' /proc/modules; }

# field FILE RECORD MATCH KEY: as selftests/lib.sh's rnt_field.
field()
{
	awk -v rec="$2" -v match_="$3" -v key="$4" -f "$TOP/selftests/field.awk" "$RNT/$1"
}

calls()
{
	local v

	v=$(field stats stat "fn=$1 kind=doit" "${2:-calls}")
	echo "${v:-0}"
}

# What the module counted for a round, in the format of expected_counts.
counted_counts()
{
	echo "newlink=$(calls rtnl_newlink) probes=$(calls rtnl_newlink errors)" \
	     "newaddr=$(calls inet_rtm_newaddr) newroute=$(calls inet_rtm_newroute)"
}

# ns_requests DIR: the rtnetlink requests one `ip -b DIR/ns` sends from its
# netns, counted by strace (every message ip writes to a netlink socket),
# independently of the module, in a netns of its own with the veth pair
# the batch expects.
ns_requests()
{
	local dir=$1 n

	ip netns add rnbcal
	ip -n rnbcal link add vn type veth peer name vp
	strace -f -qq -e trace=sendmsg,sendto -o "$WORK/cal.strace" \
		ip -n rnbcal -b "$dir/ns"
	ip netns del rnbcal
	nswait
	# Every netlink socket ip opens is NETLINK_ROUTE; strace may not know
	# that in the guest and print the types as numbers, so count headers.
	n=$(grep -o 'nlmsg_len=' "$WORK/cal.strace" | wc -l)
	[ "$n" -gt 0 ] || die "strace saw no rtnetlink request"
	echo "$n"
}

# The cookie of every rnb netns, while they live. Inode numbers are
# reused (the netns nswait makes, before and after the workload, take
# some of ours), cookies never: the live records of the netns file map
# each of our inode numbers to its netns's cookie, the one the record of
# that netns keeps after it exits.
save_cookies()
{
	stat -L -c '%i' /run/netns/rnb* > "$WORK/inums"
	awk 'FNR == NR { want[$1] = 1; next }
	     $1 == "netns" {
		inum = ""; cookie = ""; state = ""
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == "inum") inum = kv[2]
			if (kv[1] == "cookie") cookie = kv[2]
			if (kv[1] == "state") state = kv[2]
		}
		if (state == "live" && (inum in want)) print cookie
	     }' "$WORK/inums" "$RNT/netns" > "$WORK/cookies"
}

# "RECORDS/KB" of the netns records the status file reports now.
netns_memory()
{
	grep '^memory ' "$RNT/status" | awk '{
		for (i = 2; i <= NF; i++) { split($i, kv, "="); m[kv[1]] = kv[2] }
		printf "%d/%dk", m["netns_records"], m["netns"] / 1024 }'
}

# The footprint's hook, between setup and teardown: the netns live now.
fp_live()
{
	FP_LIVE=$(netns_memory)
	[ -z "${FP_COOKIES:-}" ] || save_cookies
}

# check_netns EXPECT: one line saying whether every netns of
# $WORK/cookies has exactly EXPECT requests in the netns file.
check_netns()
{
	local expect=$1

	awk -v expect="$expect" -v ninums="$(wc -l < "$WORK/inums")" '
		FNR == NR { want[$1] = 1; n++; next }
		$1 == "netns" {
			cookie = ""; req = ""
			for (i = 2; i <= NF; i++) {
				split($i, kv, "=")
				if (kv[1] == "cookie") cookie = kv[2]
				if (kv[1] == "requests") req = kv[2]
			}
			if (!(cookie in want)) next
			seen[cookie]++
			if (req == expect) ok++; else bad[cookie] = req
		}
		END {
			missing = 0
			for (c in want) if (!(c in seen)) missing++
			printf "%d of %d netns (%d records while they lived) with exactly %d requests each, %d missing", \
			       ok, ninums, n, expect, missing
			m = 0
			for (c in bad) { if (m++ < 5) printf ", cookie %s has %s", c, bad[c] }
			print (ok == ninums && n == ninums ? "" : " => MISMATCH")
		}' "$WORK/cookies" "$RNT/netns"
}

# ---- tracefs: what a developer would set up without the module ----

TRACEFS_GROUP=rnt_bench

tracefs_on()
{
	local ev=$TRACE/events/$TRACEFS_GROUP

	# rtnetlink_rcv_msg(skb, nlh, extack): nlmsg_type at +4, the
	# family (first byte of the payload) at +16.
	echo "f:$TRACEFS_GROUP/rcv rtnetlink_rcv_msg type=+4(\$arg2):u16 family=+16(\$arg2):u8" \
		>> "$TRACE/dynamic_events"
	echo "f:$TRACEFS_GROUP/rcv_ret rtnetlink_rcv_msg%return ret=\$retval:s32" \
		>> "$TRACE/dynamic_events"
	echo 'rnt_lat u16 type; u8 family; s32 ret; u64 lat' >> "$TRACE/synthetic_events"
	# Requests by message type and family.
	echo 'hist:keys=type,family:vals=hitcount:sort=hitcount.descending' \
		>> "$ev/rcv/trigger"
	# Latency: the entry timestamp per task, matched at the return.
	echo 'hist:keys=common_pid:ts0=common_timestamp,ty=type,fa=family' \
		>> "$ev/rcv/trigger"
	echo "hist:keys=common_pid:lat=common_timestamp-\$ts0:onmatch($TRACEFS_GROUP.rcv).trace(rnt_lat,\$ty,\$fa,ret,\$lat)" \
		>> "$ev/rcv_ret/trigger"
	# Per type: a log2 latency histogram, and calls, errors and total.
	echo 'hist:keys=type,lat.log2:vals=hitcount:sort=type,lat' \
		>> "$TRACE/events/synthetic/rnt_lat/trigger"
	echo 'hist:keys=type,ret:vals=hitcount,lat:sort=type,ret' \
		>> "$TRACE/events/synthetic/rnt_lat/trigger"
}

tracefs_off()
{
	local ev=$TRACE/events/$TRACEFS_GROUP

	[ -d "$ev" ] || return 0
	if [ -d "$TRACE/events/synthetic/rnt_lat" ]; then
		echo '!hist:keys=type,ret:vals=hitcount,lat:sort=type,ret' \
			>> "$TRACE/events/synthetic/rnt_lat/trigger"
		echo '!hist:keys=type,lat.log2:vals=hitcount:sort=type,lat' \
			>> "$TRACE/events/synthetic/rnt_lat/trigger"
	fi
	echo "!hist:keys=common_pid:lat=common_timestamp-\$ts0:onmatch($TRACEFS_GROUP.rcv).trace(rnt_lat,\$ty,\$fa,ret,\$lat)" \
		>> "$ev/rcv_ret/trigger"
	echo '!hist:keys=common_pid:ts0=common_timestamp,ty=type,fa=family' \
		>> "$ev/rcv/trigger"
	echo '!hist:keys=type,family:vals=hitcount:sort=hitcount.descending' \
		>> "$ev/rcv/trigger"
	echo '!rnt_lat' >> "$TRACE/synthetic_events"
	echo "-:$TRACEFS_GROUP/rcv_ret" >> "$TRACE/dynamic_events"
	echo "-:$TRACEFS_GROUP/rcv" >> "$TRACE/dynamic_events"
}

# The hits a hist file reports ("Hits: N" in its totals).
hist_hits()
{
	awk '/^    Hits:/ { print $2 }' "$1"
}

TRACEFS_SHOWN=0

# Check that the hist triggers saw the round; show them once.
tracefs_check()
{
	local count=$TRACE/events/$TRACEFS_GROUP/rcv/hist
	local lat=$TRACE/events/synthetic/rnt_lat/hist
	local hits lhits

	hits=$(hist_hits "$count" | head -1)
	lhits=$(awk '/^    Hits:/ { print $2 }' "$lat" | head -1)
	if [ "${hits:-0}" -eq 0 ] || [ "${lhits:-0}" -eq 0 ]; then
		die "tracefs: empty hist (requests $hits, latencies $lhits)"
	fi
	[ "$TRACEFS_SHOWN" = 1 ] && return
	TRACEFS_SHOWN=1
	{
		echo "== tracefs setup (dynamic_events, synthetic_events, triggers)"
		cat "$TRACE/dynamic_events" "$TRACE/synthetic_events"
		grep -v '^#' "$TRACE/events/$TRACEFS_GROUP/rcv/trigger" \
			"$TRACE/events/$TRACEFS_GROUP/rcv_ret/trigger" \
			"$TRACE/events/synthetic/rnt_lat/trigger"
		echo "== $count"
		cat "$count"
		echo "== $lat"
		cat "$lat"
	} > "$OUT/tracefs-hist.txt"
	log "tracefs: hist non-empty: $hits requests counted by type," \
	    "$lhits latencies; full output in ${OUT#"$TOP"/}/tracefs-hist.txt"
}

mode_on()
{
	case $1 in
	unloaded) ;;
	reloaded) insmod "$KO" && rmmod rtnl_net_trace ;;
	disabled) insmod "$KO" && echo 0 > "$RNT/enable" ;;
	enabled) insmod "$KO" && echo 1 > "$RNT/reset" ;;
	nofootprint) insmod "$KO" footprint=0 && echo 1 > "$RNT/reset" ;;
	base)
		[ -n "$BASE_KO" ] || die "mode base needs --base-ko"
		insmod "$BASE_KO" && echo 1 > "$RNT/reset" ;;
	tracefs) tracefs_on ;;
	*) die "unknown mode $1" ;;
	esac
}

mode_off()
{
	case $1 in
	disabled|enabled|nofootprint|base) rmmod rtnl_net_trace ;;
	tracefs) tracefs_off ;;
	esac
}

cleanup()
{
	local i

	for i in $(ip netns list 2>/dev/null | awk '/^rnb[0-9]/ { print $1 }'); do
		ip netns del "$i"
	done
	tracefs_off 2>/dev/null || true
	loaded && rmmod rtnl_net_trace
	return 0
}
trap cleanup EXIT

# ---- reporting ----

# table TITLE UNIT SCALE COLUMN: the per-mode medians of COLUMN of
# $OUT/rounds.tsv (divided by SCALE, printed in UNIT) against `unloaded`.
table()
{
	local title=$1 unit=$2 scale=$3 col=$4

	awk -F'\t' -v title="$title" -v unit="$unit" -v scale="$scale" \
	    -v col="$col" -v modes="$MODES" '
		function median(a, n,   i, j, t) {
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
					t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
				}
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		# paired(m, ref): the median of the per-round ratios of mode m
		# against the same round of mode ref; sets npaired, the rounds
		# that both have.
		function paired(m, ref,   key, p, pr) {
			npaired = 0
			for (key in byround) {
				split(key, p, SUBSEP)
				if (p[1] == m && ((ref, p[2]) in byround))
					pr[++npaired] = byround[key] / byround[ref, p[2]]
			}
			return npaired ? median(pr, npaired) : 0
		}
		# noise(r, a, b): the larger spread of modes a and b when it
		# exceeds the difference of ratio r from 1, else 0.
		function noise(r, a, b,   s) {
			s = spread[a] > spread[b] ? spread[a] : spread[b]
			return s > (r > 1 ? r - 1 : 1 - r) ? s : 0
		}
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{
			m = $c["mode"]; v = $c[col] / scale
			n[m]++; val[m, n[m]] = v
			if (!(m in lo) || v < lo[m]) lo[m] = v
			if (!(m in hi) || v > hi[m]) hi[m] = v
			byround[m, $c["round"]] = v
		}
		END {
			nm = split(modes, order, " ")
			for (i = 1; i <= nm; i++) {
				m = order[i]
				for (j = 1; j <= n[m]; j++) tmp[j] = val[m, j]
				med[m] = median(tmp, n[m])
			}
			printf "%s\n", title
			printf "%-12s %6s %12s %8s %12s %12s %13s %7s %9s\n", "MODE", "ROUNDS",
			       "MEDIAN", "RATIO", "MIN", "MAX", "PAIRED_RATIO", "SPREAD",
			       "MIN_RATIO"
			for (i = 1; i <= nm; i++) {
				m = order[i]
				if (!n[m]) continue
				r = paired(m, "unloaded")
				pairedr = npaired ? sprintf("%.3fx", r) : "-"
				ratio = med["unloaded"] ? sprintf("%.3fx", med[m] / med["unloaded"]) : "-"
				spread[m] = med[m] ? (hi[m] - lo[m]) / med[m] : 0
				minratio = lo["unloaded"] ? sprintf("%.3fx", lo[m] / lo["unloaded"]) : "-"
				printf "%-12s %6d %9.3f %-2s %8s %9.3f %-2s %9.3f %-2s %13s %6.2f%% %9s\n",
				       m, n[m], med[m], unit, ratio, lo[m], unit, hi[m], unit, pairedr,
				       100 * spread[m], minratio
			}
			# A ratio is only as good as the rounds behind it. SPREAD
			# is max - min over the median. A difference from
			# unloaded smaller than the spread of either mode is
			# noise; a spread over 1% makes every ratio of the table
			# unrepeatable to the 0.01 it is read to.
			noisy = wide = ""
			for (i = 1; i <= nm; i++) {
				m = order[i]
				if (!n[m]) continue
				if (spread[m] > 0.01)
					wide = wide sprintf(" %s %.2f%%", m, 100 * spread[m])
				if (m == "unloaded" || !med["unloaded"]) continue
				r = med[m] / med["unloaded"]
				if (s = noise(r, m, "unloaded"))
					noisy = noisy sprintf(" %s %+.2f%% (spread %.2f%%)", m, 100 * (r - 1), 100 * s)
			}
			if (noisy != "")
				printf "within the noise of the rounds:%s\n", noisy
			if (wide != "")
				printf "NOT TRUSTWORTHY: rounds spread over 1%%:%s; RATIO and PAIRED_RATIO are not repeatable to 0.01, MIN_RATIO holds as long as one round of each mode missed the step\n", wide
			if (!n["base"] || !n["enabled"])
				exit
			# The change: enabled against base, round by round.
			r = paired("enabled", "base")
			s = noise(r, "enabled", "base")
			printf "enabled/base: %.4fx (median of %d rounds), medians %+.3f %s%s\n",
			       r, npaired, med["enabled"] - med["base"], unit,
			       s ? sprintf(", within the noise (spread %.2f%%)", 100 * s) : ""
		}' "$OUT/rounds.tsv"
}

meminfo_kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }

settle()
{
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 2
	echo 3 > /proc/sys/vm/drop_caches
	sleep 2
}

# Unreclaimable slab (what kmalloc() and the module's other allocations
# use; the reclaimable dentry and inode caches are left out, they are
# mostly what drop_caches did) and per-CPU memory, in kB.
snapshot() { settle; echo "$(meminfo_kb SUnreclaim) $(meminfo_kb Percpu) $(meminfo_kb Slab)"; }

# footprint N DIR: the module's memory around an enabled workload of N
# netns; appends one line to $OUT/footprint.tsv, readings to footprint.log.
footprint()
{
	local n=$1 dir=$2 s0 s0b s1 s2 s2b s2c s3 core tasks nnetns

	read -r -a s0 <<< "$(snapshot)"
	read -r -a s0b <<< "$(snapshot)"
	tasks=$(find /proc/[0-9]*/task -maxdepth 1 -mindepth 1 2>/dev/null | wc -l)
	# shellcheck disable=SC2086 # FP_PARAMS: module parameters, split
	insmod "$KO" ${FP_PARAMS:-}
	echo 1 > "$RNT/reset"
	core=$(cat /sys/module/rtnl_net_trace/coresize)
	read -r -a s1 <<< "$(snapshot)"
	W_HOOK=fp_live workload "$n" "$dir"
	# Twice: the netns the workload deleted still free slab late (RCU,
	# workqueues) for a while after nswait; HELD is taken from the second
	# reading, and what went in between is shown as LATE.
	read -r -a s2 <<< "$(snapshot)"
	read -r -a s2b <<< "$(snapshot)"
	# And once more after 30 s of idle (which -icount skips): lazy RCU
	# and deferred frees of a large teardown have had their time.
	sleep 30
	read -r -a s2c <<< "$(snapshot)"
	FP_MEMORY=$(grep '^memory ' "$RNT/status")
	nnetns="$FP_LIVE,$(netns_memory)"
	FP_NNETNS=$nnetns
	[ -z "${FP_CHECK:-}" ] || FP_NETNS_CHECK=$($FP_CHECK)
	FP_MAXSET=$(cat "$RNT/stats" "$RNT/locksets" | awk '
		{ o = ""; v = -1
		  for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == "fn" || kv[1] == "owner") o = kv[2]
			if (kv[1] == "max_set") v = kv[2] + 0
		  }
		  if (v > best) { best = v; who = o } }
		END { if (best > 0) printf "%d (%s)", best, who }')
	FP_COUNTED=$(counted_counts)
	FP_LOCKSETS=$(grep '^lockset ' "$RNT/locksets" || true)
	FP_STATUS=$(cat "$RNT/status")
	FP_SLOTS=$(grep -c '^handler ' "$RNT/handlers" || true)
	rmmod rtnl_net_trace
	read -r -a s3 <<< "$(snapshot)"
	echo "netns=$n tasks=$tasks SUnreclaim/Percpu/Slab kB: before ${s0[*]}," \
	     "again ${s0b[*]}, loaded ${s1[*]}, after workload ${s2[*]}," \
	     "again ${s2b[*]}, after 30 s ${s2c[*]}, after rmmod ${s3[*]}" >> "$OUT/footprint.log"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$core" "$tasks" \
		$((s1[0] - s0b[0])) $((s1[1] - s0b[1])) $((s2c[0] - s3[0])) \
		$((s2c[1] - s3[1])) $((s0b[0] - s0[0])) $((s2[0] - s2c[0])) "$nnetns" "$FP_SLOTS" \
		"$(grep '^drops ' <<< "$FP_STATUS" | cut -d' ' -f2- | tr ' ' ,)" \
		"$(((W_SETUP + W_TEARDOWN) / 1000000))" >> "$OUT/footprint.tsv"
}

footprint_table()
{
	local ncpu

	ncpu=$(awk -F- '{ print $NF + 1 }' /sys/devices/system/cpu/possible)
	echo "Memory footprint, kB: SLAB = SUnreclaim and PCPU = Percpu of /proc/meminfo,"
	echo "each read after sync + drop_caches; CORE = /sys/module/rtnl_net_trace/coresize"
	echo "(code, data and bss, which hold the fixed tables); $ncpu possible CPUs"
	printf '%-6s %6s %6s %10s %10s %10s %10s %6s %6s %22s %6s  %s\n' NETNS CORE TASKS \
		LOAD_SLAB LOAD_PCPU HELD_SLAB HELD_PCPU NOISE LATE NETNS_REC SLOTS DROPS
	awk -F'\t' 'NR > 1 {
		printf "%-6s %6.1f %6d %+10d %+10d %+10d %+10d %+6d %+6d %22s %6s  %s\n",
		       $1, $2 / 1024, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
	}' "$OUT/footprint.tsv"
	cat <<-EOF
	LOAD: at insmod. The first fprobe with an exit handler makes the kernel give
	  every task a 4 kB fgraph shadow stack, kept until the task exits (tracefs
	  %return events do the same): LOAD_SLAB is about 4 kB x TASKS the first time
	  in a boot. Per-CPU pages, once populated, stay populated: LOAD_PCPU shows
	  the module's per-CPU blocks only at the first insmod after boot.
	HELD_SLAB, HELD_PCPU: loaded after the workload (last of three readings,
	  the third after 30 s idle), against after rmmod. HELD_PCPU includes
	  the module's own per-CPU tables (about 2 MB) and the netns records'
	  blocks of per-CPU figures, and whatever per-CPU pages those keep
	  populated after the netns are gone. NOISE: SLAB between two readings
	  with nothing run in between. LATE: SLAB the workload's netns freed
	  between the first and the last reading after it.
	NETNS_REC: netns records and their kB from the status file, with the
	  workload's netns alive, then after the workload (the max_exited most
	  recently exited ones, and at most one batch of exits more); SLOTS: handler slots, one per-CPU block each (at most
	  512); DROPS: events full tables refused.
	Netns records come and go with the netns; HELD_SLAB is there to show that
	  after a workload the module holds no more than its records.
	EOF
}

# ---- main ----

# bench/profile.sh sources this file for its functions.
[ -z "${BENCH_LIB_ONLY:-}" ] || return 0

install_tools
start_all=$(now)
log "booted $(uname -r), $(nproc) CPUs, timing: $TIMING"
[ "$ROUNDS" = 0 ] ||
	log "N=$N netns, M=$M interfaces each, ROUNDS=$ROUNDS, K=$K requests, modes: $MODES"

if [ -n "$FOOTPRINT" ] || [ "$SCALE" -gt 0 ]; then
	printf 'netns\tcore\ttasks\tload_slab\tload_pcpu\theld_slab\theld_pcpu\tnoise_slab\tlate_slab\tnetns_table\tslots\tdrops\tworkload_ms\n' \
		> "$OUT/footprint.tsv"
fi
# The scale run first: per-CPU pages, once populated, stay populated, so
# only the first insmod after boot shows the module's per-CPU memory.
if [ "$SCALE" -gt 0 ]; then
	make_batches "$SCALE" "$M" "$WORK/s"
	expect=$(expected_counts "$SCALE" "$WORK/s")
	per_ns=$(ns_requests "$WORK/s")
	log "scale: $SCALE netns x $M interfaces, enabled; expected $expect, $per_ns requests per netns"
	# Every exited netns kept one by one, so that each can be checked,
	# with room for a few more: a netns that nswait made before the
	# workload may still be dying at insmod (it gets a record, and exits
	# among the workload's own; with max_exited=N exactly, a run of 100
	# had one of its netns folded for it).
	FP_PARAMS="max_exited=$((SCALE + 64))" FP_CHECK="check_netns $per_ns" FP_COOKIES=1 \
		footprint "$SCALE" "$WORK/s"
	enabled_ns=$((W_SETUP + W_TEARDOWN))
	enabled_setup=$W_SETUP enabled_teardown=$W_TEARDOWN nnetns_scale=$FP_NNETNS
	log "scale: the same workload, unloaded"
	workload "$SCALE" "$WORK/s"
	unloaded_ns=$((W_SETUP + W_TEARDOWN))
	{
		echo "Scale run: $SCALE netns, $M interfaces each, tracing enabled," \
		     "workload $((enabled_ns / 1000000)) ms" \
		     "(setup $((enabled_setup / 1000000)) ms, teardown $((enabled_teardown / 1000000)) ms, guest clock)"
		awk -v e="$enabled_ns" -v u="$unloaded_ns" 'BEGIN {
			printf "  the same workload unloaded, right after: %d ms; enabled/unloaded %.3fx\n",
			       u / 1e6, e / u }'
		echo "  per netns (strace of one netns's ip -b: $per_ns requests): $FP_NETNS_CHECK"
		echo "  largest lock set: ${FP_MAXSET:-none}"
		echo "  expected (from the batch files): $expect"
		echo "  counted by the module:           $FP_COUNTED"
		if [ "$FP_COUNTED" = "$expect" ]; then
			echo "  => every request counted exactly"
		else
			echo "  => MISMATCH"
		fi
		echo "  lock sets:"
		printf '%s\n' "$FP_LOCKSETS" | sed 's/^/    /'
		echo "  netns records (RECORDS/KB): $FP_LIVE with all $SCALE netns alive," \
		     "$(cut -d, -f2 <<< "$nnetns_scale") after the teardown"
		echo "  memory line after the teardown: $FP_MEMORY"
		echo "  status:"
		printf '%s\n' "$FP_STATUS" | sed 's/^/    /'
	} > "$OUT/scale.txt"
fi

for n in $FOOTPRINT; do
	make_batches "$n" "$M" "$WORK/f$n"
	log "footprint at $n netns"
	footprint "$n" "$WORK/f$n"
done

if [ "$ROUNDS" -gt 0 ]; then
	make_batches "$N" "$M" "$WORK/w"
	expect=$(expected_counts "$N" "$WORK/w")
	log "batches: $(cat "$WORK/w/veth" "$WORK/w/ns" | wc -l) lines per round" \
	    "($(wc -l < "$WORK/w/ns") per netns); expected $expect"
	printf 'mode\tround\tworkload_ns\tsetup_ns\tteardown_ns\tmicro_ns\tk\taddr_ns\tpairs\n' \
		> "$OUT/rounds.tsv"
	ipb link add rnbaddr type dummy
	ipb link set rnbaddr up
	ADDR_IF=$(cat /sys/class/net/rnbaddr/ifindex)

	# A warm-up round: first-use costs (page cache, slab growth) for none.
	workload "$N" "$WORK/w"
	micro "$K"
	micro_addr "$P"
	log "warm-up: workload $((W_SETUP / 1000000)) + $((W_TEARDOWN / 1000000)) ms"

	for r in $(seq "$ROUNDS"); do
		for mode in $MODES; do
			mode_on "$mode"
			workload "$N" "$WORK/w"
			note=""
			if [ "$mode" = enabled ]; then
				got=$(counted_counts)
				[ "$got" = "$expect" ] ||
					die "round $r: the module counted $got, expected $expect"
				echo 1 > "$RNT/reset"
				note="counts exact"
			fi
			micro "$K"
			micro_addr "$P"
			if [ "$mode" = enabled ]; then
				got="$(calls rtnl_getlink) $(calls inet_rtm_newaddr) $(calls inet_rtm_deladdr)"
				[ "$got" = "$((K + 1)) $((P + 2)) $((P + 2))" ] ||
					die "round $r: getlink, newaddr, deladdr calls $got, expected $((K + 1)) $((P + 2)) $((P + 2))"
			fi
			[ "$mode" = tracefs ] && tracefs_check
			mode_off "$mode"
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$r" \
				$((W_SETUP + W_TEARDOWN)) "$W_SETUP" "$W_TEARDOWN" \
				"$MICRO_NS" $((K - 1)) "$ADDR_NS" "$P" >> "$OUT/rounds.tsv"
			log "round $r $mode: workload $(((W_SETUP + W_TEARDOWN) / 1000000)) ms" \
			    "(setup $((W_SETUP / 1000000)), teardown $((W_TEARDOWN / 1000000)))," \
			    "micro $((MICRO_NS / (K - 1))) ns/request," \
			    "addr $((ADDR_NS / P)) ns/pair${note:+, $note}"
		done
	done
fi

end_all=$(now)
{
	echo
	echo "rtnl_net_trace benchmark, $(date -u +%Y-%m-%d), linux $(uname -r)," \
	     "$(nproc) vCPUs, timing: $TIMING"
	if [ "$ROUNDS" -gt 0 ]; then
		echo "Workload: $N netns x $M dummy interfaces (up, address, route)," \
		     "a ring of $N veth pairs, teardown; median of $ROUNDS rounds, interleaved"
		echo
		table "Netns workload (setup + teardown), per round" s 1e9 workload_ns
		echo
		table "  setup only" s 1e9 setup_ns
		echo
		table "  teardown only (netns del until freed)" s 1e9 teardown_ns
		echo
		table "Microbenchmark: RTM_GETLINK doit requests, cost per request ($K requests less 1)" \
			us "$(awk -v k="$K" 'BEGIN { print (k - 1) * 1000 }')" micro_ns
		echo
		table "Microbenchmark: RTM_NEWADDR + RTM_DELADDR, cost per pair ($P pairs, a converted doit)" \
			us "$((P * 1000))" addr_ns
		awk -F'\t' -v modes="$MODES" '
			NR == 1 { next }
			{ v[$1, $2] = $6 / $7; r[$2] = 1 }
			END {
				nm = split(modes, order, " ")
				printf "Added cost per request (median over rounds of mode - unloaded, same round):"
				for (i = 1; i <= nm; i++) {
					m = order[i]; if (m == "unloaded") continue
					k = 0
					for (x in r) if (((m, x) in v) && (("unloaded", x) in v))
						d[++k] = v[m, x] - v["unloaded", x]
					for (a = 2; a <= k; a++)
						for (b = a; b > 1 && d[b - 1] > d[b]; b--) {
							t = d[b]; d[b] = d[b - 1]; d[b - 1] = t
						}
					med = k % 2 ? d[(k + 1) / 2] : (d[k / 2] + d[k / 2 + 1]) / 2
					printf " %s %+.2f us", m, med / 1000
				}
				printf "\n"
			}' "$OUT/rounds.tsv"
	fi
	if [ -n "$FOOTPRINT" ] || [ "$SCALE" -gt 0 ]; then
		echo
		footprint_table
	fi
	[ "$SCALE" -gt 0 ] && { echo; cat "$OUT/scale.txt"; }
	echo
	echo "Total run time in the guest: $(((end_all - start_all) / 1000000000)) s"
} | tee "$OUT/report.txt"
