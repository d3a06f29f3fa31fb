#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's own tools/testing/selftests/net/rtnetlink.sh, each of its
# tests run twice: without the module, then with it loaded and enabled.
# Every test must end the same way both times (exit status and output),
# and the module must record no lock-order violation.
#
# RNT_RTNETLINK_TESTS picks the tests: "all" for the whole suite (`make
# rtnetlink-full`), otherwise a list of kci_test_* names; the default is
# the subset `make check` runs, chosen to fit its time budget.
. "$(dirname "$0")/lib.sh"

SUBSET="kci_test_polrouting kci_test_route_get kci_test_addrlft
	kci_test_promote_secondaries kci_test_gre kci_test_bridge
	kci_test_addrlabel kci_test_ifalias kci_test_vrf kci_test_encap
	kci_test_macsec kci_test_team_bridge_macvlan kci_test_fdb_get
	kci_test_neigh_get kci_test_bridge_parent_id kci_test_address_proto
	kci_test_enslave_bonding kci_test_operstate"
NETDIR=$RNT_KSRC/tools/testing/selftests/net
STATE=$(mktemp -d)

if [ "${RNT_RTNETLINK_TESTS:-}" = all ]; then
	TESTS=$(sed -n '/^ALL_TESTS="/,/^"/{/^\t/p}' "$NETDIR/rtnetlink.sh")
else
	TESTS=${RNT_RTNETLINK_TESTS:-$SUBSET}
fi
read -r -a tests <<< "$(echo $TESTS)"

# run_all TAG: run each test on its own; keep "status" and output per test.
run_all()
{
	local t start

	for t in "${tests[@]}"; do
		start=$(date +%s)
		(cd "$NETDIR" && ./rtnetlink.sh -t "$t") > "$STATE/$t.$1.out" 2>&1
		echo $? > "$STATE/$t.$1.rc"
		echo "$(($(date +%s) - start))" > "$STATE/$t.$1.s"
	done
}

ktap_print_header
ktap_set_plan $((${#tests[@]} + 3))
rnt_dmesg_start
rnt_unload

run_all without
rnt_load
rnt_reset
run_all with
violations=$(awk '$1 == "total" { sub("count=", "", $3); s += $3 } END { print s + 0 }' \
	"$RNT_DIR/violations")
requests=$(awk '$1 == "stat" { for (i = 2; i <= NF; i++) if ($i ~ /^requests=/) {
	sub("requests=", "", $i); s += $i } } END { print s + 0 }' "$RNT_DIR/stats")
maxset=$(awk '$1 == "stat" { for (i = 2; i <= NF; i++) if ($i ~ /^max_set=/) {
	sub("max_set=", "", $i); if ($i > m) m = $i } } END { print m + 0 }' "$RNT_DIR/stats")

passed=0 skipped=0 failed=0
for t in "${tests[@]}"; do
	rc=$(cat "$STATE/$t.without.rc")
	case $rc in
	0) result=PASS passed=$((passed + 1)) ;;
	4) result=SKIP skipped=$((skipped + 1)) ;;
	*) result="FAIL ($rc)" failed=$((failed + 1)) ;;
	esac
	desc="$t: $result without and with the module ($(cat "$STATE/$t.without.s") s, $(cat "$STATE/$t.with.s") s)"
	if [ "$rc" != "$(cat "$STATE/$t.with.rc")" ] ||
	   ! cmp -s "$STATE/$t.without.out" "$STATE/$t.with.out"; then
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
echo "# rtnetlink.sh: ${#tests[@]} tests, $passed passed, $skipped skipped, $failed failed;" \
	"module: $requests requests, largest lock set $maxset"
ktap_expect_eq "no lock-order violations over the run" 0 "$violations"
ktap_expect_eq "the module saw the requests" 1 "$([ "$requests" -gt 0 ] && echo 1)"
ktap_expect_dmesg_clean
rm -rf "$STATE"
ktap_finished
