#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Where a microbenchmark's time goes, mode by mode: perf samples of
# `rtnl_gen getlink` (or, with -w addr, `rtnl_gen addr`: RTM_NEWADDR and
# RTM_DELADDR pairs on a dummy interface) (cpu-clock, kernel and user) in
# the VM.
#
#   bench/profile.sh [-k K] [-c PERIOD_NS] [-w getlink|addr] [--ko KO] [MODE...]
#
# MODE is one of bench/run.sh's (unloaded disabled enabled nofootprint
# tracefs).
# Prints, per mode, the top symbols. Without high-resolution timers
# (the dev kernel has none) cpu-clock samples once per tick, so K must be
# large for a useful profile. A tick that comes while interrupts are off
# (much of lockdep) is taken where they are enabled again, so the profile
# says where the time goes, roughly; bench/run.sh's figures say how much.
set -euo pipefail
cd "$(dirname "$0")/.."

PK=6000
PERIOD=1000000
PKO=module/rtnl_net_trace.ko
PW=getlink
while [ $# -gt 0 ]; do
	case $1 in
	-k) PK=$2; shift 2 ;;
	-w) PW=$2; shift 2 ;;
	-c) PERIOD=$2; shift 2 ;;
	--ko) PKO=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || set -- unloaded enabled tracefs

# Reuse run.sh's mode switches without running its main part.
# shellcheck source=bench/run.sh
BENCH_LIB_ONLY=1 . bench/run.sh --ko "$PKO"
install_tools
echo -1 > /proc/sys/kernel/perf_event_paranoid
echo 0 > /proc/sys/kernel/kptr_restrict
# Under emulation every sample looks slow: keep perf from throttling.
echo 200000 > /proc/sys/kernel/perf_event_max_sample_rate
echo 0 > /proc/sys/kernel/perf_cpu_time_max_percent
perf=$(command -v perf) || die "no perf"

# breakdown FILE: what the samples of `perf script` output FILE were in,
# from the innermost frame that tells: the module's callbacks (by name),
# the fprobe/fgraph machinery around them, trace events, or the rest.
breakdown()
{
	awk '
		function flush() {
			if (!nf) return
			total++
			cat = "other (the request itself)"
			for (i = 1; i <= nf; i++) {
				f = fr[i]
				if (f ~ /^rnt_/) { cat = "module: " f; break }
				if (f ~ /^(event_triggers_call|trace_event_|event_hist_trigger|trace_event_raw_event_synth)/) {
					cat = "tracefs: triggers and events"; break
				}
				if (f ~ /^(fprobe_|function_graph_enter|ftrace_graph_func|ftrace_return_to_handler|return_to_handler|fgraph_|ftrace_call|ftrace_caller|ftrace_regs_caller|ftrace_ops_|ftrace_trampoline)/) {
					cat = "fprobe/fgraph/ftrace machinery"; break
				}
			}
			leaf = fr[1]
			n[cat]++
			if (cat ~ /^module/ && leaf ~ /^(ktime_get|seqcount_lockdep|lock_acquire|lock_release|read_tsc|__rcu_read|rcu_)/)
				sub_[cat " <- " leaf]++
			nf = 0
		}
		NF == 0 { flush(); next }
		{ fr[++nf] = $2 }
		END {
			flush()
			printf "  breakdown of %d samples:\n", total
			for (c in n) printf "  %6.2f%%  %s\n", 100 * n[c] / total, c | "sort -rn"
			close("sort -rn")
			for (c in sub_) printf "  %6.2f%%    leaf: %s\n", 100 * sub_[c] / total, c | "sort -rn"
			close("sort -rn")
		}' "$1"
}

case $PW in
getlink) gen=(getlink -i 1 -n "$PK") ;;
addr)
	ip link show rnbprof > /dev/null 2>&1 || ip link add rnbprof type dummy
	ip link set rnbprof up
	gen=(addr -i "$(cat /sys/class/net/rnbprof/ifindex)" -n $((PK / 2 * 2))) ;;
*) die "unknown workload $PW (getlink or addr)" ;;
esac

for mode in "$@"; do
	mode_on "$mode"
	quiesce
	"$perf" record -q -a -g -e cpu-clock -c "$PERIOD" -o "$WORK/perf.$mode" -- \
		"$WORK/bin/rtnl_gen" "${gen[@]}" > /dev/null
	# perf does not find the module's symbols (its .ko is not under
	# /lib/modules): resolve them from kallsyms while it is loaded.
	grep -E '\[rtnl_net_trace\]$' /proc/kallsyms | sort > "$WORK/kallsyms" || true
	"$perf" script -i "$WORK/perf.$mode" --comm rtnl_gen -F ip,sym 2>/dev/null |
		awk -v ksyms="$WORK/kallsyms" '
		# Addresses are 16 hex digits: they compare as strings.
		BEGIN {
			while ((getline l < ksyms) > 0) {
				split(l, f, " ")
				a[++n] = tolower(f[1]); s[n] = f[3]
			}
		}
		function low(h,   i, v) {
			v = 0
			for (i = 9; i <= 16; i++)
				v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
			return v
		}
		# The nearest symbol below, unless it is far: then the frame is
		# an ftrace trampoline, which lives among the modules too.
		$2 == "[unknown]" && n && length($1) == 16 {
			ip = tolower($1); best = 0
			for (i = 1; i <= n; i++) if (a[i] <= ip) best = i
			if (best && substr(a[best], 1, 8) == substr(ip, 1, 8) &&
			    low(ip) - low(a[best]) < 2048)
				$2 = s[best]
			else
				$2 = "ftrace_trampoline?"
		}
		{ print }' > "$OUT/perf-$mode.txt" || true
	echo "== $mode: $PK requests (rtnl_gen ${gen[0]}), one sample per $PERIOD ns of cpu-clock"
	breakdown "$OUT/perf-$mode.txt"
	"$perf" report -i "$WORK/perf.$mode" --comm rtnl_gen --no-children --sort sym \
		--stdio -g none 2>/dev/null | awk -v k="$PK" -v p="$PERIOD" '
		/^# Samples:/ { print "# samples (all CPUs): " $3 }
		/^# Total Lost Samples:/ { print "# lost: " $NF }
		/^#/ || NF == 0 { next }
		++n <= 30 { print }'
	"$perf" report -i "$WORK/perf.$mode" --comm rtnl_gen --children --sort sym \
		--stdio -g none 2>/dev/null | grep -E ' (rtnetlink_rcv_msg|rtnl_getlink|netlink_sendmsg|netlink_recvmsg|fprobe[a-z_]*|function_graph_enter[a-z_]*|ftrace_[a-z_]*|return_to_handler|rnt_[a-z_]*|event_triggers_call|trace_[a-z_]*|ktime_get[a-z_]*|seqcount_lockdep_reader_access[a-z.0-9]*|__local_bh_enable_ip|lock_acquire|lock_release|hash_ptr|__rcu_read_[a-z]*)$' || true
	# Symbols of the module resolve only while it is loaded.
	mode_off "$mode"
done
