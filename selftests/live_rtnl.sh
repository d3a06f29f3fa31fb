#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The live RTNL view, debugfs "now": selftests/holder holds RTNL (and,
# with per-netns RTNL, the lock of one netns) from its kthread while
# K threads of rtnl_gen send an RTM_GETLINK each (rtnl_getlink takes
# RTNL). During the hold, "now" names the holder (its kthread, its call
# site, its netns lock) with an age that grows between two reads, and
# exactly the K blocked threads as waiters, oldest first; a read answers
# promptly although RTNL is held. The holder lets go once all K threads
# are blocked (hold_ms=0: until rmmod), so that the count is exact under
# any emulation speed. Afterwards nothing is held or waited for, the
# K requests are counted as usual, and "blocked" charges exactly the K
# waits of rtnl_getlink to the holder's call site (and of comm rtnl_gen
# to comm rnt_holder), none of them charged more than the hold lasted.
. "$(dirname "$0")/lib.sh"

HOLDER=$RNT_TOP/selftests/holder/rnt_holder.ko
TASKS=${RNT_LIVE_TASKS:-20}

ktap_print_header
ktap_set_plan 21
rnt_dmesg_start
rnt_load
pernet=0
rnt_active pernet && pernet=1

rnt_setup_ns ns
ip netns exec "$ns" sleep 600 &
nspid=$!
trap 'kill "$nspid" 2>/dev/null; rmmod rnt_holder 2>/dev/null; rnt_cleanup' EXIT
out=$(mktemp)
now1=$(mktemp)
now2=$(mktemp)
rnt_reset

# blocked PID: the thread ids of PID that sleep uninterruptibly, sorted.
blocked()
{
	local s

	for s in /proc/"$1"/task/*/stat; do
		awk '{ t = $0; sub(/^.*\) /, "", t); split(t, f, " ");
			if (f[1] == "D") print $1 }' "$s" 2>/dev/null
	done | sort -n
}

# field FILE RECORD KEY: KEY of every RECORD line of FILE, one a line.
field()
{
	awk -v rec="$2" -v key="$3" '$1 == rec {
		for (i = 2; i <= NF; i++) {
			p = index($i, "=")
			if (substr($i, 1, p - 1) == key) print substr($i, p + 1)
		} }' "$1"
}

if [ $pernet = 1 ]; then
	insmod "$HOLDER" hold_ms=0 netns_pid="$nspid"
else
	insmod "$HOLDER" hold_ms=0
fi
# Builtins only: a fork per process takes long under emulation.
kthread=
for p in /proc/[0-9]*; do
	read -r c < "$p/comm" 2>/dev/null && [ "$c" = rnt_holder ] && kthread=${p#/proc/}
done
start=$SECONDS
"$RTNL_GEN" getlink -i 1 -n "$TASKS" -t "$TASKS" > "$out" &
gen=$!
n=0
while ((SECONDS - start < 300)); do
	n=$(blocked "$gen" | wc -l)
	[ "$n" = "$TASKS" ] && break
	sleep 1
done
echo "# $n threads blocked behind the holder after $((SECONDS - start)) s"
tids=$(blocked "$gen" | tr '\n' ' ')

# Two reads a second apart, the first one timed (EPOCHREALTIME is in µs)
# and made by a builtin, so that a fork does not count.
t0=${EPOCHREALTIME/./}
mapfile -t lines < "$RNT_DIR/now"
t1=${EPOCHREALTIME/./}
printf '%s\n' "${lines[@]}" > "$now1"
sleep 1
cat "$RNT_DIR/now" > "$now2"
echo "# rtnlctl rtnl during the hold:"
"$RNTLCTL" rtnl 2>&1 | sed 's/^/#   /'
echo "# now, read during the hold:"
sed 's/^/#   /' "$now1"

ktap_expect_eq "header line" "rtnl_net_trace now version 2" "$(head -1 "$now1")"
ktap_expect_eq "a read of now while RTNL is held takes under 1 s" 1 \
	"$(((t1 - t0) < 1000000))"
echo "# the read took $(((t1 - t0) / 1000)) ms"
ktap_expect_eq "one holder: the rnt_holder kthread (pid $kthread)" \
	"$kthread rnt_holder" \
	"$(field "$now1" holder pid) $(field "$now1" holder comm)"
ktap_expect_eq "the holder's owner is its call site in rnt_holder" \
	"site 1" \
	"$(field "$now1" holder owner_type) $(field "$now1" holder owner | grep -c '^rnt_holder_fn+0x[0-9a-f]*/0x[0-9a-f]*_\[rnt_holder\]$')"
h1=$(field "$now1" holder held_ns)
h2=$(field "$now2" holder held_ns)
echo "# held for $h1 ns, then $h2 ns"
ktap_expect_eq "its age grows between two reads a second apart (by >= 0.9 s)" 1 \
	"$((h2 - h1 >= 900000000))"
if [ $pernet = 1 ]; then
	nsinum=$(stat -L -c %i "/proc/$nspid/ns/net")
	ktap_expect_eq "it holds the per-netns lock of the test netns (inum $nsinum)" \
		"$nsinum" "$(field "$now1" holder nets | sed 's/:.*//')"
else
	ktap_test_skip "per-netns RTNL unavailable on this kernel"
fi
# The kernel's own RTNL users (addrconf_verify_work, linkwatch) may queue
# behind the holder too: they are waiters as well, from a call site.
others=$(grep '^waiter ' "$now1" | grep -vc ' comm=rtnl_gen ')
echo "# waiters other than rtnl_gen: $others"
grep '^waiter ' "$now1" | grep -v ' comm=rtnl_gen ' | sed 's/^/#   /'
ktap_expect_eq "exactly $TASKS waiters of rtnl_gen, and every waiter listed" \
	"$TASKS count=$((TASKS + others)) listed=$((TASKS + others))" \
	"$(grep -c '^waiter .* comm=rtnl_gen ' "$now1") $(awk '$1 == "waiters" { print $2, $3 }' "$now1")"
ktap_expect_eq "they are the $TASKS blocked threads of rtnl_gen; the others kernel call sites" \
	"$tids|$others" \
	"$(grep ' comm=rtnl_gen ' "$now1" | sed 's/.* pid=\([0-9]*\) .*/\1/' | sort -n | tr '\n' ' ')|$(grep '^waiter ' "$now1" | grep -v ' comm=rtnl_gen ' | grep -c ' comm=kworker/[^ ]* owner=[^ ]* owner_type=site ')"
ktap_expect_eq "each waits for rtnl_getlink (family 0, RTM_GETLINK), comm rtnl_gen" \
	"$TASKS" \
	"$(grep -c '^waiter .* comm=rtnl_gen owner=rtnl_getlink owner_type=handler family=0 msgtype=18 kind=doit ' "$now1")"
ktap_expect_eq "listed oldest first; oldest_ns is the first waiter's wait" \
	"$(field "$now1" waiter wait_ns | sort -rn | tr '\n' ' ')|$(field "$now1" waiter wait_ns | head -1)" \
	"$(field "$now1" waiter wait_ns | tr '\n' ' ')|$(field "$now1" waiters oldest_ns)"
w1=$(field "$now1" waiters oldest_ns)
w2=$(field "$now2" waiters oldest_ns)
ktap_expect_eq "the oldest wait grows too, and stays below the hold" 1 \
	"$((w2 - w1 >= 900000000 && w1 <= h1))"

# Let go, and read what the waits were charged to while the holder's
# symbols are still there to name its call site.
echo 1 > /sys/module/rnt_holder/parameters/release
wait "$gen"
blocked=$(mktemp)
cat "$RNT_DIR/blocked" > "$blocked"
echo "# blocked, after the hold:"
sed 's/^/#   /' "$blocked"
echo "# rtnlctl rtnl after the hold:"
"$RNTLCTL" rtnl 2>&1 | sed 's/^/#   /'
hold=$(awk '$1 == "site" && $2 ~ /^sym=rnt_holder_fn\+/ {
	for (i = 3; i <= NF; i++) if ($i ~ /^hold_max=/) print substr($i, 10) }' "$RNT_DIR/rtnl")
pair=$(grep '^pair waiter_type=handler waiter=rtnl_getlink holder_type=site holder=rnt_holder_fn+' "$blocked")
ktap_expect_eq "blocked: one (rtnl_getlink, rnt_holder call site) pair, $TASKS waits" 	"1 $TASKS" "$(grep -c . <<< "$pair") $(sed -n 's/.* waits=\([0-9]*\) .*/\1/p' <<< "$pair")"
pmax=$(sed -n 's/.* wait_max=\([0-9]*\)$/\1/p' <<< "$pair")
psum=$(sed -n 's/.* wait_sum=\([0-9]*\) .*/\1/p' <<< "$pair")
echo "# the hold lasted $hold ns; charged to it: $psum ns in all, at most $pmax ns of one wait"
ktap_expect_eq "no wait charged more than the hold lasted, and the oldest nearly all of it" 1 \
	"$((pmax <= hold && psum <= TASKS * hold && pmax >= w2))"
ktap_expect_eq "by comm: $TASKS waits of rtnl_gen charged to rnt_holder" "$TASKS" \
	"$(awk '$1 == "comm" && $2 == "waiter=rtnl_gen" && $3 == "holder=rnt_holder" {
		sub("waits=", "", $4); print $4 }' "$blocked")"
ktap_expect_eq "every pair had room, every wait was in the ring of holds" \
	"pairs_dropped=0 holds_overrun=0" \
	"$(grep -o 'pairs_dropped=[0-9]* ' "$blocked")$(grep -o 'holds_overrun=[0-9]*' "$blocked")"
ktap_expect_eq "the blocked total is at least the $TASKS waits, charged at most their sum" 1 \
	"$(awk '$1 == "blocked" { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		print (f["waits"] >= '"$TASKS"' && f["charged"] <= f["wait_sum"]) ? 1 : 0 }' "$blocked")"
rmmod rnt_holder
ktap_expect_eq "after the hold: no rnt_holder holder, no waiter" "0 count=0 listed=0" \
	"$(grep -c '^holder .*comm=rnt_holder ' "$RNT_DIR/now") $(awk '$1 == "waiters" { print $2, $3 }' "$RNT_DIR/now")"
ktap_expect_eq "generator: $TASKS requests, no error" "requests=$TASKS errors=0" \
	"$(sed 's/ rounds=[0-9]*//; s/ errno=[^ ]*//' "$out")"
ktap_expect_eq "rtnl_getlink: calls = requests = RTNL waits = $TASKS" \
	"$TASKS $TASKS $TASKS" \
	"$(rnt_calls rtnl_getlink) $(rnt_calls rtnl_getlink doit requests) $(rnt_calls rtnl_getlink doit wait_hist | tr ',' '\n' | awk '{ s += $1 } END { print s + 0 }')"
ktap_expect_eq "no task without a slot" 0 "$(rnt_field status drops "" task_slots)"
rm -f "$out" "$now1" "$now2" "$blocked"
ktap_expect_dmesg_clean
ktap_finished
