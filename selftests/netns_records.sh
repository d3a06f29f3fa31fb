#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Per-netns records: one for every netns, made with it by the kernel's
# per-netns machinery (also for a netns older than the module); exact
# request counts per netns; after exit, the max_exited most recent ones
# kept one by one and the rest folded into the exited total, with no
# request lost; reset zeroes figures but keeps the records.
. "$(dirname "$0")/lib.sh"

NNS=5
KEEP=2

# The inode number of a named netns: what the netns file calls inum.
inum() { stat -L -c %i "/run/netns/$1"; }

# state INUM: live, exited, or nothing once folded.
state() { rnt_field netns netns "inum=$1" state; }

# Wait until a netns's record is no longer live (its netns exited).
wait_exited()
{
	local i

	for i in $(seq 600); do
		[ "$(state "$1")" != live ] && return 0
		sleep 0.1
	done
	return 1
}

# A netns made by ip alone: no request from inside it.
add_ns()
{
	local name

	name="rntrec$1-$(mktemp -u XXXXXX)"
	ip netns add "$name" || return 1
	RNT_NETNS+=("$name")
	printf -v "$2" "%s" "$name"
}

# The sum of KEY over every RECORD line of the netns file that has state=S.
sum_state()
{
	awk -v s="$1" -v key="$2" '$1 == "netns" {
		v = ""; st = ""
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			if (kv[1] == "state") st = kv[2]
			if (kv[1] == key) v = kv[2]
		}
		if (st == s) { n++; sum += v }
	} END { printf "%d %d\n", n, sum }' "$RNT_DIR/netns"
}

ktap_print_header
ktap_set_plan 10
rnt_dmesg_start

add_ns old OLD
# A fresh load: the parameter must be ours.
rnt_unload
rnt_load max_exited=$KEEP
rnt_reset
ktap_expect_eq "a netns older than the module has a live record" live \
	"$(state "$(inum "$OLD")")"
ktap_expect_eq "init_net has a live record" live \
	"$(state "$(stat -L -c %i /proc/1/ns/net)")"

names=()
inums=()
total=0
for i in $(seq $NNS); do
	add_ns "$i" ns
	names+=("$ns")
	inums+=("$(inum "$ns")")
	ip netns exec "$ns" "$RTNL_GEN" getlink -i 1 -n $((i * 7)) > /dev/null
	total=$((total + i * 7))
done
got=""
want=""
for i in $(seq $NNS); do
	want+="$((i * 7)) "
	got+="$(rnt_field netns netns "inum=${inums[i - 1]}" requests) "
done
ktap_expect_eq "each of $NNS new netns: exactly its own requests (7, 14, ...)" \
	"$want" "$got"

records=$(rnt_field status memory "" netns_records)
live=$(sum_state live requests | cut -d' ' -f1)
ktap_expect_eq "status: one record per netns" "$live" "$records"

for ns in "${names[@]}"; do
	ip netns del "$ns"
done
ok=1
for n in "${inums[@]}"; do
	wait_exited "$n" || ok=0
done
ktap_expect_eq "all $NNS netns exited" 1 "$ok"

# One more exit batch: the records folded before it are now gone for good.
add_ns last LASTNS
last=$(inum "$LASTNS")
ip netns del "$LASTNS"
wait_exited "$last"
sleep 1
read -r nexited sum_exited <<< "$(sum_state exited requests)"
ktap_expect_eq "exited netns kept one by one: max_exited=$KEEP, the last one among them" \
	"$KEEP exited" "$nexited $(state "$last")"
folded=$(rnt_field netns exited "" requests)
nets=$(rnt_field netns exited "" nets)
ktap_expect_eq "no request lost: kept ($sum_exited) + folded ($folded) = $total" \
	"$total" "$((sum_exited + folded))"
ktap_expect_eq "at least $((NNS + 1 - KEEP)) netns folded into the total" 1 \
	"$((nets >= NNS + 1 - KEEP))"

rnt_reset
ktap_expect_eq "reset: records kept, requests zeroed, exited nets kept" \
	"live 0 0 $nets" \
	"$(state "$(inum "$OLD")") $(sum_state exited requests | cut -d' ' -f2) $(rnt_field netns exited "" requests) $(rnt_field netns exited "" nets)"
rnt_unload
ktap_expect_dmesg_clean
ktap_finished
