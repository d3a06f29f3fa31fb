#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Call sites: selftests/sites takes RTNL from 300 functions of its own,
# site n exactly n + 1 times. Every one of them is listed in the rtnl
# file with its exact count, most-held-first, and none is dropped; with
# a table of 64 (max_sites=64) it is full, and then every section is
# either in a site's count or in drops sites=.
. "$(dirname "$0")/lib.sh"

SKO=$RNT_TOP/selftests/sites/rnt_sites.ko
NR=300

ktap_print_header
ktap_set_plan 13
rnt_dmesg_start
trap 'rmmod rnt_sites 2>/dev/null; rnt_cleanup' EXIT

# The site records of the rtnl file, one "sym count hold_sum" line each.
sites()
{
	awk '$1 == "site" {
		delete f
		for (i = 2; i <= NF; i++) {
			p = index($i, "=")
			f[substr($i, 1, p - 1)] = substr($i, p + 1)
		}
		print f["sym"], f["count"], f["hold_sum"]
	}' "$RNT_DIR/rtnl"
}

# ours: the sites of rnt_sites, "n count" each, in file order.
ours()
{
	awk '$1 ~ /^rnt_site_[0-9]+\+.*_\[rnt_sites\]$/ {
		n = $1; sub(/^rnt_site_/, "", n); sub(/\+.*/, "", n)
		print n, $2
	}' <<< "$1"
}

# wrong_counts: how many of the sites "n count" do not have count n + 1.
wrong_counts()
{
	awk '$2 != $1 + 1 { bad++ } END { print bad + 0 }' <<< "$1"
}

# unsorted: adjacent site records out of most-held-first order
# (descending hold_sum, ties by descending count).
unsorted()
{
	awk 'NR > 1 && ($3 > hold || ($3 == hold && $2 > count)) { bad++ }
		{ hold = $3; count = $2 } END { print bad + 0 }' <<< "$1"
}

drops_sites()
{
	rnt_field status drops "" sites
}

# acquisitions: RTNL taken, over every lock function.
acquisitions()
{
	awk '$1 == "acquire" {
		for (i = 2; i <= NF; i++)
			if ($i !~ /^trylock_fail=/) { sub(/.*=/, "", $i); s += $i }
	} END { print s + 0 }' "$RNT_DIR/rtnl"
}

rnt_load
rnt_reset
ktap_expect_eq "tracer enabled, no site dropped after reset" "1 0" \
	"$(cat "$RNT_DIR/enable") $(drops_sites)"

insmod "$SKO"
ktap_expect_eq "insmod rnt_sites" 0 $?
# Nothing moves while the figures are compared.
echo 0 > "$RNT_DIR/enable"
all=$(sites)
mine=$(ours "$all")
echo "# $(wc -l <<< "$all") site records, $(grep -c . <<< "$mine") of rnt_sites"
ktap_expect_eq "$NR site records of rnt_sites, $NR distinct functions" "$NR $NR" \
	"$(grep -c . <<< "$mine") $(cut -d' ' -f1 <<< "$mine" | sort -u | grep -c .)"
ktap_expect_eq "site n counted exactly n + 1 times, every n" 0 "$(wrong_counts "$mine")"
ktap_expect_eq "sections of rnt_sites: $((NR * (NR + 1) / 2))" "$((NR * (NR + 1) / 2))" \
	"$(awk '{ s += $2 } END { print s + 0 }' <<< "$mine")"
ktap_expect_eq "sites listed most-held-first" 0 "$(unsorted "$all")"
ktap_expect_eq "drops sites=0" 0 "$(drops_sites)"

bytes=$(rnt_field status memory "" sites)
echo "# status: $(grep '^memory ' "$RNT_DIR/status")"
ktap_expect_eq "status: max_sites=4096, the table's memory reported" "4096 yes" \
	"$(rnt_field status module "" max_sites) $([ "${bytes:-0}" -gt 0 ] && echo yes)"

# rtnlctl lists the same sites, with the same counts, in the same order.
got=$("$RNTLCTL" -j rtnl | python3 -c '
import json, sys
for s in json.load(sys.stdin)["sites"]:
    print(s["symbol"].replace(" [", "_["), s["count"])
')
ktap_expect_eq "rtnlctl rtnl: the same sites and counts, in the same order" \
	"$(cut -d' ' -f1,2 <<< "$all")" "$got"
# A reset zeroes the sites' figures: none of rnt_sites is listed after it.
rnt_reset
ktap_expect_eq "after a reset: no site of rnt_sites listed, drops sites=0" "0 0" \
	"$(ours "$(sites)" | grep -c .) $(drops_sites)"
rmmod rnt_sites

# A table of 64 is full after the first 64 sites seen since load. It is
# loaded disabled, so that every key it takes comes with a count.
rnt_unload
rnt_load max_sites=64 enable=0
before=$(acquisitions)
echo 1 > "$RNT_DIR/enable"
insmod "$SKO"
echo 0 > "$RNT_DIR/enable"
all=$(sites)
mine=$(ours "$all")
k=$(grep -c . <<< "$mine")
echo "# max_sites=64: $(grep -c . <<< "$all") site records, $k of rnt_sites, drops sites=$(drops_sites)"
ktap_expect_eq "max_sites=64: 64 records; rnt_sites' are sites 0 to k-1 with exact counts" \
	"64 0 $((k - 1))" \
	"$(grep -c . <<< "$all") $(wrong_counts "$mine") $(cut -d' ' -f1 <<< "$mine" | sort -n | tail -1)"
ktap_expect_eq "max_sites=64: every section in a site's count or in drops sites=" \
	"$(($(acquisitions) - before))" \
	"$(awk -v d="$(drops_sites)" '{ s += $2 } END { print s + d }' <<< "$all")"
rmmod rnt_sites

ktap_expect_dmesg_clean
ktap_finished
