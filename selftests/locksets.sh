#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Per-netns RTNL lock sets, against what rtnl_newlink() takes per 7.3's
# net/core/rtnetlink.c: it adds the peer's netns (rtnl_get_peer_net()),
# the target netns, the IFLA_LINK_NETNSID netns when given, and the
# requester's netns, deduplicated, and locks them all.
. "$(dirname "$0")/lib.sh"

ktap_print_header
rnt_load
if ! rnt_active pernet; then
	ktap_skip_all "per-netns RTNL unavailable on this kernel"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 8
rnt_dmesg_start
modprobe veth
modprobe dummy
rnt_setup_ns A
rnt_setup_ns B

shape()	# OWNER SIZE INIT: how many sections of that lock-set shape
{
	local v

	v=$(rnt_field locksets lockset "owner=$1 size=$2 init_net=$3" count)
	echo "${v:-0}"
}

# Each ip process's extra probe RTM_NEWLINK locks only the requester's
# netns (see handler_stats.sh), a set of size 1.

rnt_reset
ip -n "$A" link add va type veth peer name vb netns "$B"
# peer B, target A, requester A: {A, B}
ktap_expect_eq "veth from A with its peer in B: one set of 2 nets" 1 "$(shape rtnl_newlink 2 0)"
ktap_expect_eq "... and no larger set" 0 "$(( $(shape rtnl_newlink 3 0) + $(shape rtnl_newlink 3 1) ))"

rnt_reset
ip link add vc netns "$A" type veth peer name vd netns "$B"
# peer B, target A, requester init_net: {init_net, A, B}
ktap_expect_eq "veth from init_net into A and B: one set init_net + 2" 1 "$(shape rtnl_newlink 3 1)"
ktap_expect_eq "largest set is 3" 3 "$(rnt_field stats stat 'fn=rtnl_newlink kind=doit' max_set)"

K=5
batch=$(mktemp)
for i in $(seq $K); do echo "link add d$i type dummy"; done > "$batch"
rnt_reset
ip -n "$A" -b "$batch"
rm -f "$batch"
ktap_expect_eq "$K dummy links in A (+1 probe): $((K + 1)) sets of 1" "$((K + 1))" \
	"$(shape rtnl_newlink 1 0)"
ktap_expect_eq "rtnl_newlink lock-set histogram" "$((K + 1)),0,0,0,0,0,0,0,0,0,0,0,0,0,0" \
	"$(rnt_field stats stat 'fn=rtnl_newlink kind=doit' lockset)"

ktap_expect_eq "no violations" 0 \
	"$(rnt_violations)"
ktap_expect_dmesg_clean
ktap_finished
