#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's own tools/testing/selftests/net/rtnetlink.sh, each of its
# tests run twice: without the module, then with it loaded and enabled.
# Every test must end the same way both times (exit status and output),
# and the module must record no lock-order violation.
#
# RNT_RTNETLINK_TESTS picks the tests: "all" for the whole suite (`make
# rtnetlink-full`), otherwise a list of kci_test_* names; the default is
# the subset `make soak` runs, and make check runs the quicker part of it.
#
# A test whose first pair of runs differs gets a second pair, to tell the
# kernel's own timing-sensitive tests from a difference the module makes;
# every first-pair difference is reported all the same, as a KTAP line of
# its own, so that one the module causes is seen even when the rerun agrees.
. "$(dirname "$0")/lib.sh"

# The subset: tests of a few seconds each under TCG. Left out for time:
# addrlabel (6 minutes), promote_secondaries and mngtmpaddr (1.5 minutes
# each), addrlft (it sleeps and checks lifetimes, so emulation makes it
# flaky), ipsec (its `ip xfrm monitor` gets 0.2 s to start: under
# emulation it fails now and then, without the module as with it), the
# tunnel variants that gre covers, and address_proto, which needs
# iproute2 6.3 (bookworm has 6.1: 7.3's script skips it, 6.12's fails it,
# with and without the module alike).
SUBSET="kci_test_polrouting kci_test_route_get kci_test_tc kci_test_gre
	kci_test_bridge kci_test_ifalias kci_test_vrf kci_test_encap
	kci_test_macsec kci_test_team_bridge_macvlan kci_test_ipsec_offload
	kci_test_fdb_get kci_test_neigh_get kci_test_bridge_parent_id
	kci_test_enslave_bonding kci_test_operstate"
# make check's part: tests of 2-5 s a run under TCG (7.3 alone), about a
# minute in all; left for make soak: gre, ifalias, encap, ipsec_offload,
# bridge_parent_id, bridge, fdb_get and neigh_get (8-20 s a pair each),
# and for time route_get and operstate (13 and 14 s a pair).
QUICK="kci_test_polrouting kci_test_tc kci_test_vrf kci_test_macsec
	kci_test_team_bridge_macvlan kci_test_enslave_bonding"
NETDIR=$RNT_KSRC/tools/testing/selftests/net
STATE=$(mktemp -d)

ALL=$(sed -n '/^ALL_TESTS="/,/^"/{/^\t/p}' "$NETDIR/rtnetlink.sh")
if [ "${RNT_RTNETLINK_TESTS:-}" = all ]; then
	TESTS=$ALL
else
	TESTS=$(rnt_size RNT_RTNETLINK_TESTS "$QUICK" "$SUBSET")
fi
# Only the tests this kernel's rtnetlink.sh has (6.12 has fewer).
tests=() absent=()
for t in $TESTS; do
	if grep -q -x "[[:space:]]*$t" <<< "$ALL"; then
		tests+=("$t")
	else
		absent+=("$t")
	fi
done

# What the module recorded, added up over its loads: violations, requests
# and the largest lock set.
violations=0 requests=0 maxset=0
tally_module()
{
	local m

	violations=$((violations + $(rnt_violations)))
	requests=$((requests + $(awk '$1 == "stat" { for (i = 2; i <= NF; i++)
		if ($i ~ /^requests=/) { sub("requests=", "", $i); s += $i } }
		END { print s + 0 }' "$RNT_DIR/stats")))
	m=$(awk '$1 == "stat" { for (i = 2; i <= NF; i++) if ($i ~ /^max_set=/) {
		sub("max_set=", "", $i); if ($i + 0 > m) m = $i + 0 } } END { print m + 0 }' \
		"$RNT_DIR/stats")
	[ "$m" -le "$maxset" ] || maxset=$m
}

# run_one TEST TAG: run one test; keep its exit status, its output with
# random names (netns, UUIDs) masked, and its duration.
run_one()
{
	local start=$SECONDS

	(cd "$NETDIR" && ./rtnetlink.sh -t "$1") 2>&1 |
		sed -E 's/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/<uuid>/g;
			s/-[A-Za-z0-9]{6}\b/-<rand>/g' > "$STATE/$1.$2.out"
	echo "${PIPESTATUS[0]}" > "$STATE/$1.$2.rc"
	echo $((SECONDS - start)) > "$STATE/$1.$2.s"
}

# same TEST: whether the runs without and with the module ended alike.
same()
{
	[ "$(cat "$STATE/$1.without.rc")" = "$(cat "$STATE/$1.with.rc")" ] &&
		cmp -s "$STATE/$1.without.out" "$STATE/$1.with.out"
}

ktap_print_header
[ ${#absent[@]} = 0 ] || echo "# not in this kernel's rtnetlink.sh: ${absent[*]}"
ktap_set_plan $((${#tests[@]} + 4))
rnt_dmesg_start
rnt_unload

for t in "${tests[@]}"; do
	run_one "$t" without
done
rnt_load
rnt_reset
for t in "${tests[@]}"; do
	run_one "$t" with
done
# The conversion to-do list of the subset, as the README quotes it.
echo "# rtnlctl todo after the rtnetlink.sh subset:"
"$RNTLCTL" todo 2>&1 | sed 's/^/# /'
# A test whose result differed gets one more pair of runs, to tell a
# timing-sensitive test from a difference the module makes.
rerun=()
for t in "${tests[@]}"; do
	same "$t" && continue
	cp "$STATE/$t.without.out" "$STATE/$t.without.first"
	cp "$STATE/$t.with.out" "$STATE/$t.with.first"
	tally_module
	rnt_unload
	run_one "$t" without
	rnt_load
	run_one "$t" with
	rerun+=("$t")
done
tally_module

passed=0 skipped=0 failed=0
for t in "${tests[@]}"; do
	rc=$(cat "$STATE/$t.without.rc")
	case $rc in
	0) result=PASS passed=$((passed + 1)) ;;
	4) result=SKIP skipped=$((skipped + 1)) ;;
	*) result="FAIL ($rc)" failed=$((failed + 1)) ;;
	esac
	desc="$t: $result without and with the module ($(cat "$STATE/$t.without.s") s, $(cat "$STATE/$t.with.s") s)"
	if [ -e "$STATE/$t.with.first" ]; then
		echo "# $t: the first runs differed:"
		diff "$STATE/$t.without.first" "$STATE/$t.with.first" | head -10 | sed 's/^/# /'
		desc="$desc, on a second pair of runs"
	fi
	if ! same "$t"; then
		diff "$STATE/$t.without.out" "$STATE/$t.with.out" | head -20 | sed 's/^/# /'
		ktap_test_fail "$t: not the same result with the module" \
			"($rc without, $(cat "$STATE/$t.with.rc") with)"
	elif [ "$rc" = 4 ]; then
		sed 's/^/# /' "$STATE/$t.without.out" | grep SKIP
		ktap_test_skip "$desc"
	elif [ "$rc" != 0 ]; then
		sed 's/^/# /' "$STATE/$t.without.out"
		ktap_test_fail "$desc"
	else
		ktap_test_pass "$desc"
	fi
done
echo "# rtnetlink.sh: ${#tests[@]} tests, $passed passed, $skipped skipped, $failed failed," \
	"${#rerun[@]} run twice (${rerun[*]}); module: $requests requests, largest lock set $maxset"
# Not a failure by itself (the rerun decides), but never hidden: the
# first pairs that differed, by name, on a line of their own.
if [ ${#rerun[@]} = 0 ]; then
	ktap_test_pass "first pairs: all ${#tests[@]} ended alike without and with the module"
else
	for t in "${rerun[@]}"; do
		echo "# first-pair difference: $t"
	done
	ktap_test_pass "first pairs: ${#rerun[@]} of ${#tests[@]} differed (${rerun[*]}), rerun as above"
fi
ktap_expect_eq "no lock-order violations over the run" 0 "$violations"
ktap_expect_eq "the module saw the requests" 1 "$([ "$requests" -gt 0 ] && echo 1)"
ktap_expect_dmesg_clean
rm -rf "$STATE"
ktap_finished
