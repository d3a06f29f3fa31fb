#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Exact accounting under concurrency: rtnl_gen sends N requests of six
# known kinds from four threads pinned to the CPUs in turn, and keeps its
# own tally; the module's per-handler counts must equal it exactly.
. "$(dirname "$0")/lib.sh"

N=${RNT_ACCOUNTING_N:-24000}
THREADS=4

# tally KIND KEY: a field of the generator's line for one kind.
tally()
{
	sed -n "s/^kind=$1 .*\<$2=\([^ ]*\).*/\1/p" <<< "$out"
}

ktap_print_header
ktap_set_plan 15
rnt_dmesg_start
rnt_load
rnt_setup_ns NS
rnt_reset

# Read the statistics the whole time, as a user watching would.
( while :; do cat "$RNT_DIR/stats" "$RNT_DIR/netns" > /dev/null; done ) &
reader=$!
out=$(ip netns exec "$NS" "$RTNL_GEN" mix -i 1 -n "$N" -t $THREADS)
status=$?
kill $reader
wait $reader 2>/dev/null
printf '%s\n' "$out" | sed 's/^/# generator: /'

sent=$(awk '{ sub("requests=", "", $2); s += $2 } END { print s }' <<< "$out")
ktap_expect_eq "generator sent $N requests without a socket error" "0 $N" "$status $sent"

getlink=$(($(tally getlink requests) + $(tally getlink_bad requests)))
ktap_expect_eq "rtnl_getlink calls = getlink + getlink_bad sent" "$getlink" \
	"$(rnt_calls rtnl_getlink)"
ktap_expect_eq "rtnl_getlink requests = calls" "$getlink" \
	"$(rnt_calls rtnl_getlink doit requests)"
ktap_expect_eq "rtnl_getlink errors = the generator's ENODEV" \
	"$(tally getlink_bad errors) $(tally getlink_bad errno)" \
	"$(rnt_calls rtnl_getlink doit errors) $(rnt_calls rtnl_getlink doit errno)"
ktap_expect_eq "inet_rtm_getroute calls and errors" \
	"$(tally getroute requests) $(tally getroute errors)" \
	"$(rnt_calls inet_rtm_getroute) $(rnt_calls inet_rtm_getroute doit errors)"
ktap_expect_eq "neigh_get calls and errors by errno" \
	"$(tally getneigh requests) $(tally getneigh errors) $(tally getneigh errno)" \
	"$(rnt_calls neigh_get) $(rnt_calls neigh_get doit errors) $(rnt_calls neigh_get doit errno)"
ktap_expect_eq "rtnl_dump_ifinfo dump requests, no errors" \
	"$(tally dumplink requests) 0" \
	"$(rnt_calls rtnl_dump_ifinfo dumpit requests) $(rnt_calls rtnl_dump_ifinfo dumpit errors)"
ktap_expect_eq "inet_dump_ifaddr dump requests, no errors" \
	"$(tally dumpaddr requests) 0" \
	"$(rnt_calls inet_dump_ifaddr dumpit requests) $(rnt_calls inet_dump_ifaddr dumpit errors)"
total=$(awk '$1 == "stat" { for (i = 2; i <= NF; i++) if ($i ~ /^requests=/) { sub("requests=", "", $i); s += $i } }
	END { print s + 0 }' "$RNT_DIR/stats")
ktap_expect_eq "requests over all handlers = $N (nothing lost or counted twice)" "$N" "$total"
ktap_expect_eq "requests from the test netns" "$N" \
	"$(rnt_field netns netns "inum=$(ip netns exec "$NS" stat -L -c %i /proc/self/ns/net)" requests)"
ktap_expect_eq "no in-flight calls left" "" \
	"$(awk '$1 == "stat" && !/ inflight=0 /' "$RNT_DIR/stats")"
ktap_expect_eq "no drops, no missed probe hits" none "$(rnt_losses)"

# Without CAP_NET_ADMIN the dispatcher refuses a NEW or DEL request
# itself: a request of the handler's and no call. On 6.12 these doits are
# locked, counted from the dispatcher's probe once it has taken RTNL for
# them; on 7.3 they are converted (RTNL_FLAG_DOIT_PERNET, an unlocked
# doit) and keep their own probe, which the refusal never reaches.
rnt_reset
out=$(ip netns exec "$NS" "$RTNL_GEN" addr -i 1 -n 4
	ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$RTNL_GEN" addr -i 1 -n 2)
printf '%s\n' "$out" | sed 's/^/# generator: /'
ktap_expect_eq "address pairs: 2 with CAP_NET_ADMIN, 1 without it, refused" \
	"2:- 2:- 1:1:1 1:1:1" \
	"$(awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		  printf "%s%s:%s", (NR > 1 ? " " : ""), f["requests"], f["errno"] }' <<< "$out")"
ktap_expect_eq "inet_rtm_newaddr, inet_rtm_deladdr: requests, calls, errors" \
	"3 2 0 3 2 0" \
	"$(for fn in inet_rtm_newaddr inet_rtm_deladdr; do
		echo "$(rnt_calls $fn doit requests) $(rnt_calls $fn) $(rnt_calls $fn doit errors)"
	done | tr '\n' ' ' | sed 's/ $//')"

ktap_expect_dmesg_clean
ktap_finished
