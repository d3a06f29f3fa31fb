#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A handler-owning module reloaded many times, at other addresses, finds
# its slots again: the slot count stays where the first load left it, the
# tracer stays enabled, and the module's handlers are probed in every
# lifetime. Every other cycle a padding module is loaded first, so that
# the module does not simply come back where it was (the allocator hands
# a freed module's space to the next one). 16 reloads in make check, 1,000
# in make soak (RNT_RELOADS sets any number).
. "$(dirname "$0")/lib.sh"

HKO=$RNT_TOP/selftests/handler_mod/rnt_handler_mod.ko
PAD=$RNT_TOP/selftests/holder/rnt_holder.ko
RELOADS=$(rnt_size RNT_RELOADS 16 1000)

ktap_print_header
ktap_set_plan 6
rnt_dmesg_start
rnt_load

insmod "$HKO" && rnt_wait_handlers rnt_handler_mod 1 2
rmmod rnt_handler_mod
first=$(rnt_slots)
missing=0
addrs=$(mktemp)
for ((i = 0; i < RELOADS; i++)); do
	# The padding module holds RTNL for 1 ms, then only takes up space.
	[ $((i % 2)) = 1 ] && insmod "$PAD" hold_ms=1
	insmod "$HKO"
	cat /sys/module/rnt_handler_mod/sections/.text >> "$addrs"
	[ $((i % 2)) = 1 ] && rmmod rnt_holder
	rnt_wait_handlers rnt_handler_mod 1 2 || missing=$((missing + 1))
	rmmod rnt_handler_mod
done
rnt_wait_handlers rnt_handler_mod 0 2
naddrs=$(sort -u "$addrs" | wc -l)
rm -f "$addrs"
echo "# the handler module's text was at $naddrs distinct addresses"
ktap_expect_eq "the module came back at more than one address" 1 "$((naddrs > 1))"
ktap_expect_eq "its handlers were picked up in each of $RELOADS lifetimes" 0 "$missing"
ktap_expect_eq "slot count after $RELOADS more loads = after the first" "$first" "$(rnt_slots)"
ktap_expect_eq "the tracer is still enabled, its handler probes registered" "1 registered" \
	"$(cat "$RNT_DIR/enable") $(rnt_field status probe name=handlers state)"
ktap_expect_eq "no table entry without a slot" 0 \
	"$(rnt_field status probe name=handlers unslotted)"
ktap_expect_dmesg_clean
ktap_finished
