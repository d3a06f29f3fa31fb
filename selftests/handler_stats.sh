#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Per-handler statistics with exact counts from a workload of known size,
# the handler table against the kernel's own dispatch, reset and enable.
. "$(dirname "$0")/lib.sh"

K=8		# links, addresses and routes
N=200		# generated doit requests

ktap_print_header
ktap_set_plan 22
rnt_dmesg_start
modprobe dummy
rnt_load
rnt_setup_ns NS

# --- the handler table agrees with the kernel's dispatch ---
# A dump of (family, type) is refused with EOPNOTSUPP exactly when no
# dumpit is registered for it or for (PF_UNSPEC, type).
expected=$(awk '$1 == "handler" && / kind=dumpit / && / present=1/ {
		for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		have[f["family"] ":" f["msgtype"]] = 1
	}
	END {
		for (fam = 0; fam <= 129; fam++)
			for (t = 18; t <= 127; t += 4)
				if ((fam ":" t) in have || ("0:" t) in have)
					print fam ":" t
	}' "$RNT_DIR/handlers" | sort)
actual=$(ip netns exec "$NS" "$RTNL_GEN" probe-dumps | sort)
ktap_expect_eq "dumpit table matches the kernel's dispatch ($(echo "$expected" | wc -l) pairs)" \
	"$expected" "$actual"
ndoit=$(grep -c ' kind=doit .*present=1' "$RNT_DIR/handlers")
nfn=$(awk '$1 == "handler" { sub("fn=", "", $5); print $5 }' "$RNT_DIR/handlers" | sort -u)
missing=$(for f in $nfn; do grep -q " [tT] $f\$" /proc/kallsyms || echo "$f"; done)
ktap_expect_eq "all $ndoit doit handler symbols are kernel functions" "" "$missing"
ktap_expect_eq "rtnl_newlink is PF_UNSPEC RTM_NEWLINK" "rtnl_newlink" \
	"$(rnt_field handlers handler 'family=0 msgtype=16 kind=doit' fn)"

# --- exact counts from ip batches ---
links=$(mktemp); addrs=$(mktemp); routes=$(mktemp); ups=$(mktemp)
for i in $(seq $K); do
	echo "link add d$i type dummy" >> "$links"
	echo "link set d$i up" >> "$ups"
	echo "addr add 10.$i.0.1/24 dev d$i" >> "$addrs"
	echo "route add 10.$((100 + i)).0.0/16 via 10.$i.0.2" >> "$routes"
done

# iproute2 sends one extra RTM_NEWLINK per process before the first
# "link add" (iplink_have_newlink(), a probe that fails with ENODEV).
rnt_reset
ip -n "$NS" -b "$links"
ktap_expect_eq "rtnl_newlink calls = $K links + 1 probe" "$((K + 1))" "$(rnt_calls rtnl_newlink)"
ktap_expect_eq "rtnl_newlink errors = the probe's ENODEV" "1 19:1" \
	"$(rnt_calls rtnl_newlink doit errors) $(rnt_calls rtnl_newlink doit errno)"
ip -n "$NS" -b "$ups"
rnt_reset
ip -n "$NS" -b "$addrs"
ktap_expect_eq "inet_rtm_newaddr calls = $K addresses" "$K" "$(rnt_calls inet_rtm_newaddr)"
rnt_reset
ip -n "$NS" -b "$routes"
ktap_expect_eq "inet_rtm_newroute calls = $K routes" "$K" "$(rnt_calls inet_rtm_newroute)"
rm -f "$links" "$addrs" "$routes" "$ups"

rnt_reset
ip -n "$NS" link add d1 type dummy 2>/dev/null
ktap_expect_eq "EEXIST counted as one error (and the probe)" "2 17:1,19:1" \
	"$(rnt_calls rtnl_newlink doit errors) $(rnt_calls rtnl_newlink doit errno)"

# --- dumps of K+1 links: exact requests and rounds ---
# The client receives one datagram per dumpit round, plus, for a handler
# with DUMP_SPLIT_NLM_DONE (flag 0x8), one NLMSG_DONE-only datagram per
# request that no dumpit call produced.
rnt_reset
out=$(ip netns exec "$NS" "$RTNL_GEN" dump -n 3)
datagrams=$(echo "$out" | sed -n 's/.*rounds=\([0-9]*\).*/\1/p')
split=$(( $(rnt_field handlers handler 'fn=rtnl_dump_ifinfo kind=dumpit' flags) & 8 ))
ktap_expect_eq "rtnl_dump_ifinfo: 3 dump requests" 3 \
	"$(rnt_calls rtnl_dump_ifinfo dumpit requests)"
ktap_expect_eq "rtnl_dump_ifinfo rounds = datagrams received ($datagrams)" \
	"$((datagrams - (split ? 3 : 0)))" "$(rnt_calls rtnl_dump_ifinfo dumpit rounds)"
ktap_expect_eq "rtnl_dump_ifinfo: no errors (EMSGSIZE means more)" 0 \
	"$(rnt_calls rtnl_dump_ifinfo dumpit errors)"

# --- generated requests, several threads ---
rnt_reset
out=$(ip netns exec "$NS" "$RTNL_GEN" getlink -i 1 -n $N -t 2)
ktap_expect_eq "generator sent $N" "requests=$N rounds=0 errno=- errors=0" "$out"
ktap_expect_eq "rtnl_getlink calls = $N" "$N" "$(rnt_calls rtnl_getlink)"
out=$(ip netns exec "$NS" "$RTNL_GEN" getlink -i 999 -n 50 -t 2)
ktap_expect_eq "rtnl_getlink errors = 50 ENODEV" "50 19:50" \
	"$(rnt_calls rtnl_getlink doit errors) $(rnt_calls rtnl_getlink doit errno)"
NS_INUM=$(ip netns exec "$NS" stat -L -c %i /proc/self/ns/net)
ktap_expect_eq "requests from the test netns" "$((N + 50))" \
	"$(rnt_field netns netns "inum=$NS_INUM" requests)"

# --- reset zeroes everything ---
rnt_reset
ktap_expect_eq "reset: no stat records" 0 "$(grep -c '^stat ' "$RNT_DIR/stats")"
# Live netns keep their records (the kernel owns them), with zeroed figures.
ktap_expect_eq "reset: the test netns's requests zeroed" 0 \
	"$(rnt_field netns netns "inum=$NS_INUM" requests)"

# --- nothing is counted while disabled; counting resumes when enabled ---
ip netns exec "$NS" "$RTNL_GEN" getlink -i 1 -n 10 > /dev/null
before=$(cat "$RNT_DIR/stats")
echo 0 > "$RNT_DIR/enable"
ip netns exec "$NS" "$RTNL_GEN" getlink -i 1 -n 10 > /dev/null
ip -n "$NS" link add d100 type dummy
ktap_expect_eq "disabled: stats unchanged" "$before" "$(cat "$RNT_DIR/stats")"
echo 1 > "$RNT_DIR/enable"
ip netns exec "$NS" "$RTNL_GEN" getlink -i 1 -n 10 > /dev/null
ktap_expect_eq "re-enabled: old counts kept, new ones added" 20 "$(rnt_calls rtnl_getlink)"

# --- enable and reset take kstrtobool() words; bad writes change nothing ---
printf 'n' > "$RNT_DIR/enable"
off=$(cat "$RNT_DIR/enable")
printf 'Yes' > "$RNT_DIR/enable"
ktap_expect_eq "enable takes kstrtobool() words (n, Yes)" "0 1" "$off $(cat "$RNT_DIR/enable")"
bad=0
for w in 2 -1 x o ox +1 "#1"; do
	printf '%s' "$w" > "$RNT_DIR/enable" 2>/dev/null && bad=1
	printf '%s' "$w" > "$RNT_DIR/reset" 2>/dev/null && bad=1
done
# A false word is no reset.
printf 'off' > "$RNT_DIR/reset" 2>/dev/null && bad=1
ktap_expect_eq "garbage writes rejected, state unchanged" "0 1 20" \
	"$bad $(cat "$RNT_DIR/enable") $(rnt_calls rtnl_getlink)"

ktap_expect_dmesg_clean
ktap_finished
