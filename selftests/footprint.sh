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
#   unlocked_touch violation naming B for each of the latter;
# - in three fresh netns X, Y, Z: a veth created from X into Y with its
#   peer in Z, a dummy in X, an address added in X, the dummy moved from
#   X to Y, then all three deleted: per case the owner, its touched sets,
#   its lock sets (7.3) and rtnlctl todo's verdict.
. "$(dirname "$0")/lib.sh"

TKO=$RNT_TOP/selftests/touch/rnt_touch.ko
K=${RNT_FOOTPRINT_K:-7}
N=5

ktap_print_header
ktap_set_plan 27
rnt_dmesg_start
rnt_load
modprobe dummy
pernet=0
rnt_active pernet && pernet=1
rnt_setup_ns A
rnt_setup_ns B
pids=()
rnt_sleepers "$A" "$B"
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

# The stack records after the module's site's event NAME.
site_stack()
{
	awk -v name="$1" '
	$1 == "event" { on = $2 == "type=site" && $3 ~ /_\[rnt_touch\]$/ && index($0, " name=" name " ") }
	$1 == "stack" && on { print $2 }
	$1 != "event" && $1 != "stack" { on = 0 }' "$RNT_DIR/footprint"
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
site_stack NETDEV_FEAT_CHANGE | sed 's/^/# stack /'
# netdev_features_change() tail-calls call_netdevice_notifiers(): no
# frame of its own.
ktap_expect_eq "... with the stack of its first uncovered touch: from the sender to the module's function" \
	"call_netdevice_notifiers_info call_netdevice_notifiers run" \
	"$(site_stack NETDEV_FEAT_CHANGE | head -3 | sed 's/+.*//' | tr '\n' ' ' | sed 's/ $//')"
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

# --- the cases of the conversion to-do list, in fresh netns X, Y, Z ---
rnt_setup_ns X
rnt_setup_ns Y
rnt_setup_ns Z
RNTLCTL_JSON=$(mktemp)
trap 'kill "${pids[@]}" 2>/dev/null; rm -f "$batch" "$RNTLCTL_JSON"; rnt_cleanup' EXIT

# verdict OWNER: rtnlctl todo's verdict for that owner (a handler's name,
# or a site's symbol without its offset).
verdict()
{
	"$RNTLCTL" -j todo -a > "$RNTLCTL_JSON"
	jq -r --arg o "$1" '[.owners[] | select(.owner == $o or (.owner | startswith($o + "+")))
		| .verdict + (if .verdict == "multi" then " \(.max_touched)" else "" end)]
		| if length == 1 then .[0] else "\(length) owners" end' "$RNTLCTL_JSON"
}

# sets OWNER-MATCH: "sections none hist max" of an owner record.
sets()
{
	echo "$(fp owner "$1" sections) $(fp owner "$1" none) $(fp owner "$1" touched) $(fp owner "$1" max_touched)"
}

# veth loaded first: 6.12 requests the module with RTNL held, dropping it
# and starting over (one more section); 7.3 requests it before.
modprobe veth
# iproute2 6.1's "ip link add" sends two RTM_NEWLINK: a first one that
# fails with ENODEV (the device does not exist yet; it takes RTNL and the
# request netns's lock, and changes nothing), then the creation.
rnt_reset
ip -n "$X" link add v0 netns "$Y" type veth peer name v1 netns "$Z"
grep 'fn=rtnl_newlink ' "$RNT_DIR/footprint" | sed 's/^/# /'
ktap_expect_eq "veth from X into Y, peer in Z: two rtnl_newlink sections, one changed Y and Z (not X), one nothing" \
	"2 1 $(hist 0 1) 2" "$(sets "$newlink")"
if [ $pernet = 1 ]; then
	ktap_expect_eq "7.3: it locked X alone, then X, Y and Z; every touch covered; verdict converted" \
		"1 1 3 0 converted" \
		"$(rnt_field locksets lockset "owner=rtnl_newlink size=1" count) $(rnt_field locksets lockset "owner=rtnl_newlink size=3" count) $(rnt_field locksets lockset_max owner=rtnl_newlink max_set) $(fp owner "$newlink" uncovered) $(verdict rtnl_newlink)"
else
	ktap_expect_eq "6.12: no per-netns lock, every touch to-do; verdict multi 2" \
		"0 multi 2" "$(fp owner "$newlink" covered) $(verdict rtnl_newlink)"
fi

rnt_reset
ip -n "$X" link add d0 type dummy
ktap_expect_eq "a dummy in X: the creation changed X alone" \
	"2 1 $(hist 1) 1" "$(sets "$newlink")"

rnt_reset
ip -n "$X" addr add 192.0.2.1/24 dev d0
newaddr="type=handler fn=inet_rtm_newaddr kind=doit"
grep 'fn=inet_rtm_newaddr ' "$RNT_DIR/footprint" | sed 's/^/# /'
if [ $pernet = 1 ]; then
	ktap_expect_eq "7.3: an address in X: inet_rtm_newaddr is pernet, one section of X, its RTM_NEWADDR covered; converted" \
		"pernet 1 0 $(hist 1) 1 0 converted" \
		"$(fp owner "$newaddr" behaviour) $(sets "$newaddr") $(fp owner "$newaddr" uncovered) $(verdict inet_rtm_newaddr)"
else
	ktap_expect_eq "6.12: an address in X: inet_rtm_newaddr under RTNL, one section of X, to-do; single" \
		"rtnl 1 0 $(hist 1) 1 0 single" \
		"$(fp owner "$newaddr" behaviour) $(sets "$newaddr") $(fp owner "$newaddr" covered) $(verdict inet_rtm_newaddr)"
fi

rnt_reset
ip -n "$X" link set d0 netns "$Y"
ktap_expect_eq "the dummy moved from X to Y: one section changed both" \
	"2 1 $(hist 0 1) 2" "$(sets "$newlink")"
if [ $pernet = 1 ]; then
	ktap_expect_eq "7.3: ... under the locks of X and Y: converted" "2 converted" \
		"$(rnt_field locksets lockset_max owner=rtnl_newlink max_set) $(verdict rtnl_newlink)"
else
	ktap_expect_eq "6.12: ... to-do: multi 2" "multi 2" "$(verdict rtnl_newlink)"
fi

# Eight devices die with X, Y and Z: three loopbacks, the dummy (now in
# Y), the veth pair (Y, Z) and one more dummy in each of X and Z.
ip -n "$X" link add d1 type dummy
ip -n "$Z" link add d2 type dummy
# "ip netns del" only drops a reference: cleanup_net() tears the netns
# down later, and gives back the creator's netns ucount at its very end,
# after default_device_exit_batch() and the per-netns unregistration work
# it flushes. So a new netns can be made under max_net_namespaces = L
# only while fewer than L netns (init_net not counted) are alive, and a
# refused one is not made at all. The smallest L that lets W be made
# says how many were alive; with the limit then set to let one more be
# made only once X, Y and Z are gone, that one's creation says they are.
max=$(cat /proc/sys/user/max_net_namespaces)
W="W-$(mktemp -u XXXXXX)"
alive=""
for limit in $(seq 1 1000); do
	echo "$limit" > /proc/sys/user/max_net_namespaces
	if ip netns add "$W" 2>/dev/null; then
		alive=$((limit - 1))
		RNT_NETNS+=("$W")
		break
	fi
done
echo "$max" > /proc/sys/user/max_net_namespaces
[ -n "$alive" ] || ktap_exit_fail_msg "no netns could be made under any limit up to 1000"
echo "# $alive netns alive besides init_net before W, X, Y and Z among them"
rnt_reset
ip netns del "$X"
ip netns del "$Y"
ip netns del "$Z"
# W and the others stay: alive + 1 - 3 once X, Y and Z are freed.
echo $((alive - 1)) > /proc/sys/user/max_net_namespaces
W2="W-$(mktemp -u XXXXXX)"
start=$SECONDS
freed=0
for _ in $(seq 150); do
	ip netns add "$W2" 2>/dev/null && freed=1 && break
	sleep 0.2
done
echo "$max" > /proc/sys/user/max_net_namespaces
if [ $freed = 1 ]; then
	RNT_NETNS+=("$W2")
	echo "# X, Y and Z were freed within $((SECONDS - start)) s"
else
	echo "# X, Y and Z were not freed within $((SECONDS - start)) s: what follows may be short"
fi
grep -E '^owner type=site fn=(default_device_exit_batch|rtnl_net_work_func)\+' "$RNT_DIR/footprint" | sed 's/^/# /'
unregs=$(awk '$1 == "event" && / name=NETDEV_UNREGISTER / && $3 ~ /^fn=(default_device_exit_batch|rtnl_net_work_func)\+/ {
	for (i = 2; i <= NF; i++) if ($i ~ /^(un)?covered=/) { sub(/^[a-z]*=/, "", $i); s += $i } }
	END { print s + 0 }' "$RNT_DIR/footprint")
# The sets of default_device_exit_batch's sections: one section per
# cleanup batch (1 to 3 of them, as cleanup_net() finds the netns queued),
# and no section changed nothing. On 7.3 each section changes only the
# netns of its batch, so the sets add up to the 3 netns exactly: the veth
# end in the other netns goes through unregister_netdevice_queue_net()
# to that netns's own list, unregistered under that netns's lock (in its
# own batch, or in rtnl_net_work_func() when its batch came first). 6.12
# unregisters the peer in the same section: a set of {Y, Z} when the two
# died in different batches.
read -r dsum dnone <<< "$(awk '$1 == "owner" && $3 ~ /^fn=default_device_exit_batch\+/ {
	for (i = 2; i <= NF; i++) if ($i ~ /^(touched|none)=/) { split(substr($i, index($i, "=") + 1), h, ",")
		if ($i ~ /^none/) n += h[1]; else for (b = 1; b <= 4; b++) s += b * h[b] } }
	END { print s + 0, n + 0 }' "$RNT_DIR/footprint")"
if [ $pernet = 1 ]; then
	ktap_expect_eq "7.3: three netns deleted: 8 devices unregistered by their cleanup; default_device_exit_batch's sets add up to the 3 netns, none empty" \
		"8 3 0" "$unregs $dsum $dnone"
else
	ktap_expect_eq "6.12: three netns deleted: 8 devices unregistered by default_device_exit_batch, no section empty" \
		"8 0" "$unregs $dnone"
fi
if [ $pernet = 1 ]; then
	ktap_expect_eq "7.3: every touch covered by the dying netns's own lock; default_device_exit_batch converted" \
		"0 converted" "$(awk '$1 == "owner" && $3 ~ /^fn=(default_device_exit_batch|rtnl_net_work_func)\+/ {
			for (i = 2; i <= NF; i++) if ($i ~ /^uncovered=/) s += substr($i, 11) }
			END { print s + 0 }' "$RNT_DIR/footprint") $(verdict default_device_exit_batch)"
else
	ktap_expect_eq "6.12: default_device_exit_batch's touches all to-do" \
		0 "$(awk '$1 == "owner" && $3 ~ /^fn=default_device_exit_batch\+/ { for (i = 2; i <= NF; i++) if ($i ~ /^covered=/) s += substr($i, 9) } END { print s + 0 }' "$RNT_DIR/footprint")"
fi

ktap_expect_eq "no (owner, touch) pair dropped" 0 \
	"$(rnt_field status drops "" touch_events)"
ktap_expect_eq "the touch probe missed nothing" 0 \
	"$(rnt_field status probe name=touch nmissed)"
ktap_expect_dmesg_clean
ktap_finished
