#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A GET with any bit of NLM_F_DUMP is a dump, as rtnetlink_rcv_msg()
# decides: RTM_GETLINK with NLM_F_ROOT alone runs rtnl_dump_ifinfo.
. "$(dirname "$0")/lib.sh"

N=5

ktap_print_header
ktap_set_plan 3
rnt_dmesg_start
rnt_load
rnt_reset
out=$("$RTNL_GEN" rootdump -n "$N")
ktap_expect_eq "generator: $N NLM_F_ROOT requests answered as dumps" \
	"requests=$N errors=0" "$(sed 's/ rounds=[0-9]*//; s/ errno=[^ ]*//' <<< "$out")"
ktap_expect_eq "counted as dump requests of rtnl_dump_ifinfo, none as rtnl_getlink doits" \
	"$N 0" "$(rnt_calls rtnl_dump_ifinfo dumpit requests) $(rnt_calls rtnl_getlink doit requests)"
ktap_expect_dmesg_clean
ktap_finished
