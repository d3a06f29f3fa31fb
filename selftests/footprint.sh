#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The footprint of RTNL sections (debugfs "footprint"): which netns each
# section changed, and whether the task held their per-netns locks.
#
# - K dummy links created in netns A by one ip batch: rtnl_newlink owns
#   K sections that each touched exactly A (K NETDEV_REGISTER events);
#   on 7.3 they hold A's lock (covered), on 6.12 there is no per-netns
#   lock (coverage unavailable, all to-do);
# - a link moved from A to B touches both: one set of 2;
# - K permanent neighbours added in A (RTM_NEWNEIGH, still under RTNL in
#   7.3): K sections, K RTM_NEWNEIGH notifications in A, none covered;
# - a test module's RTNL section that changes A's loopback N times is a
#   call site whose to-do list is N NETDEV_FEAT_CHANGE touches of A;
# - 7.3: a section that holds A's lock and changes A, then B: one
#   covered touch of each kind in A, one uncovered in B, and an
#   unlocked_touch violation naming B for each of the latter.
. "$(dirname "$0")/lib.sh"

TKO=$RNT_TOP/selftests/touch/rnt_touch.ko
K=${RNT_FOOTPRINT_K:-7}
N=5

ktap_print_header
ktap_set_plan 18
rnt_dmesg_start
rnt_load
modprobe dummy
pernet=0
grep -q 'feature name=pernet state=active' "$RNT_DIR/status" && pernet=1
rnt_setup_ns A
rnt_setup_ns B
pids=()
for ns in "$A" "$B"; do
	ip netns exec "$ns" sleep 600 &
	pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null; rnt_cleanup' EXIT
inum_b=$(ip netns exec "$B" stat -L -c %i /proc/self/ns/net)

# fp RECORD MATCH KEY: a field of the footprint file, 0 when absent.
fp()
{
	local v

	v=$(rnt_field footprint "$1" "$2" "$3")
	echo "${v:-0}"
}

# The bucket list of a touched set histogram with N1 sets of 1, N2 of 2.
hist()
{
	echo "$1,${2:-0},0,0,0,0,0,0,0,0,0,0,0,0,0"
}

batch=$(mktemp)
trap 'kill "${pids[@]}" 2>/dev/null; rm -f "$batch"; rnt_cleanup' EXIT
for i in $(seq "$K"); do echo "link add d$i type dummy"; done > "$batch"

rnt_reset
ip -n "$A" -b "$batch"
echo "# $(grep 'fn=rtnl_newlink ' "$RNT_DIR/footprint" | tr '\n' ';')"
newlink="type=handler fn=rtnl_newlink kind=doit"
ktap_expect_eq "$K dummy links in A: $K rtnl_newlink sections touched exactly one netns, not init_net" \
	"$(hist "$K") 0 1" \
	"$(fp owner "$newlink" touched) $(fp owner "$newlink" init_net) $(fp owner "$newlink" max_touched)"
if [ $pernet = 1 ]; then
	ktap_expect_eq "7.3: rtnl_newlink is pernet, its $K NETDEV_REGISTER covered by A's lock" \
		"pernet $K 0" \
		"$(fp owner "$newlink" behaviour) $(fp event "$newlink name=NETDEV_REGISTER" covered) $(fp event "$newlink name=NETDEV_REGISTER" uncovered)"
	ktap_expect_eq "7.3: none of rtnl_newlink's touches uncovered" 0 \
		"$(fp owner "$newlink" uncovered)"
	ktap_expect_eq "7.3: coverage from lockdep" lockdep "$(fp coverage "" mode)"
else
	ktap_expect_eq "6.12: rtnl_newlink under RTNL, its $K NETDEV_REGISTER all to-do" \
		"rtnl 0 $K" \
		"$(fp owner "$newlink" behaviour) $(fp event "$newlink name=NETDEV_REGISTER" covered) $(fp event "$newlink name=NETDEV_REGISTER" uncovered)"
	ktap_expect_eq "6.12: none of rtnl_newlink's touches covered" 0 \
		"$(fp owner "$newlink" covered)"
	ktap_expect_eq "6.12: coverage unavailable" unavailable "$(fp coverage "" mode)"
fi
ktap_expect_eq "the RTM_NEWLINK notifications: one per link" "$K" \
	"$(( $(fp event "$newlink src=notify code=16" covered) + $(fp event "$newlink src=notify code=16" uncovered) ))"

# iproute2 sends "ip link set" as an RTM_NEWLINK without NLM_F_CREATE.
rnt_reset
ip -n "$A" link set d1 netns "$B"
echo "# $(grep 'fn=rtnl_newlink ' "$RNT_DIR/footprint" | tr '\n' ';')"
ktap_expect_eq "a link moved from A to B: one rtnl_newlink section touched 2 netns" \
	"$(hist 0 1) 2" "$(fp owner "$newlink" touched) $(fp owner "$newlink" max_touched)"

for i in $(seq "$K"); do
	echo "neigh add 10.0.0.$((i + 1)) lladdr 02:00:00:00:00:0$i dev d2 nud permanent"
done > "$batch"
ip -n "$A" addr add 10.0.0.1/24 dev d2
ip -n "$A" link set d2 up
rnt_reset
ip -n "$A" -b "$batch"
newneigh="type=handler fn=neigh_add kind=doit"
echo "# $(grep 'fn=neigh_add ' "$RNT_DIR/footprint" | tr '\n' ';')"
ktap_expect_eq "$K neighbours in A: neigh_add (RTNL) owns $K sections of one netns each" \
	"rtnl $(hist "$K") 1" \
	"$(fp owner "$newneigh" behaviour) $(fp owner "$newneigh" touched) $(fp owner "$newneigh" max_touched)"
ktap_expect_eq "... its to-do list: $K RTM_NEWNEIGH notifications in A, none covered" \
	"0 $K" \
	"$(fp event "$newneigh src=notify code=28" covered) $(fp event "$newneigh src=notify code=28" uncovered)"

# A call site: the test module's own RTNL section.
site_field()	# KIND-OF-RECORD NAME KEY: the module's site record's field
{
	awk -v rec="$1" -v name="$2" -v key="$3" '
	$1 == rec && $2 == "type=site" && $3 ~ /_\[rnt_touch\]$/ && (name == "" || index($0, " name=" name " ")) {
		for (i = 2; i <= NF; i++) {
			p = index($i, "=")
			if (substr($i, 1, p - 1) == key) { v = substr($i, p + 1); n++ }
		}
	}
	END { print n == 1 ? v : (n ? "several" : 0) }' "$RNT_DIR/footprint"
}

rnt_reset
insmod "$TKO" mode=touch touches=$N pids="${pids[0]}"
grep '\[rnt_touch\]' "$RNT_DIR/footprint" | sed 's/^/# /'
ktap_expect_eq "a module's section changing A's loopback $N times: one section, one netns" \
	"1 $(hist 1) 1" \
	"$(site_field owner "" sections) $(site_field owner "" touched) $(site_field owner "" max_touched)"
ktap_expect_eq "... its to-do list: $N NETDEV_FEAT_CHANGE, none covered" "0 $N" \
	"$(site_field event NETDEV_FEAT_CHANGE covered) $(site_field event NETDEV_FEAT_CHANGE uncovered)"
ktap_expect_eq "... and no violation: it holds no per-netns lock" 0 "$(rnt_violations)"
rmmod rnt_touch

if [ $pernet = 1 ]; then
	rnt_reset
	insmod "$TKO" mode=unlocked_touch pids="${pids[0]},${pids[1]}"
	grep '\[rnt_touch\]' "$RNT_DIR/footprint" | sed 's/^/# /'
	ktap_expect_eq "A changed under A's lock, then B: one set of 2" \
		"$(hist 0 1) 1 1" \
		"$(site_field owner "" touched) $(site_field event NETDEV_FEAT_CHANGE covered) $(site_field event NETDEV_FEAT_CHANGE uncovered)"
	uncovered=$(site_field owner "" uncovered)
	ktap_expect_eq "every kind of touch made in A covered, the same in B uncovered" \
		"$uncovered" "$(site_field owner "" covered)"
	ktap_expect_eq "an unlocked_touch violation for each uncovered touch, and nothing else" \
		"$uncovered $uncovered" \
		"$(rnt_field violations total kind=unlocked_touch count) $(rnt_violations)"
	ktap_expect_eq "the violations name B" "$inum_b" \
		"$(awk '$1 == "violation" { for (i = 2; i <= NF; i++) if ($i ~ /^nets=/) print substr($i, 6) }' \
		   "$RNT_DIR/violations" | cut -d: -f1 | sort -u | tr '\n' ' ' | sed 's/ $//')"
	rmmod rnt_touch
else
	for _ in 1 2 3 4; do
		ktap_test_skip "per-netns RTNL unavailable on this kernel"
	done
fi

ktap_expect_eq "no (owner, touch) pair dropped" 0 \
	"$(rnt_field status drops "" touch_events)"
ktap_expect_eq "the touch probe missed nothing" 0 \
	"$(rnt_field status probe name=touch nmissed)"
ktap_expect_dmesg_clean
ktap_finished
