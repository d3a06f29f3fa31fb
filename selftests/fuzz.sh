#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad input: every writable debugfs file gets WRITES fuzzed writes, each
# refused with EINVAL unless valid and none changing state unless valid
# (debugfs_fuzz checks both after every write); every readable file reads
# the same with 1-byte reads and after lseek() as with one read.
. "$(dirname "$0")/lib.sh"

# 2,000 writes a file in make check, 20,000 in make soak.
WRITES=$(rnt_size RNT_FUZZ_WRITES 2000 20000)
FUZZ=$RNT_TOP/out/debugfs_fuzz
# enable and reset take kstrtobool() words: this kernel's, e/E and d/D too?
ED=()
grep -q "case 'e':" "$RNT_KSRC/lib/kstrtox.c" && ED=(-e)
READABLE="version status handlers stats rtnl netns locksets violations footprint blocked enable violation_action"

ktap_print_header
ktap_set_plan 6
rnt_dmesg_start
modprobe dummy
rnt_load
rnt_setup_ns NS
# Content for every file: requests, lock sets, netns records.
ip -n "$NS" link add d0 type dummy
ip -n "$NS" addr add 192.0.2.1/24 dev d0
ip -n "$NS" link set d0 up

for f in enable reset violation_action; do
	if out=$("$FUZZ" write $f -n "$WRITES" ${ED[@]+"${ED[@]}"} 2>&1); then
		printf '%s\n' "$out" | sed 's/^/# /'
		ktap_test_pass "$f: $WRITES fuzzed writes, EINVAL unless valid, no state change"
	else
		printf '%s\n' "$out" | sed 's/^/# /'
		ktap_test_fail "$f: $WRITES fuzzed writes, EINVAL unless valid, no state change"
	fi
done
echo 1 > "$RNT_DIR/enable"
echo count > "$RNT_DIR/violation_action"

# shellcheck disable=SC2086 # $READABLE is a list of file names
if out=$("$FUZZ" read $READABLE 2>&1); then
	ktap_test_pass "1-byte reads and lseek give the content of one read ($(echo "$out" | wc -l) files)"
else
	printf '%s\n' "$out" | sed 's/^/# /'
	ktap_test_fail "1-byte reads and lseek give the content of one read"
fi
rnt_reset
"$RTNL_GEN" getlink -i 1 -n 7 > /dev/null
ktap_expect_eq "the module still counts after the fuzz" 7 \
	"$(rnt_calls rtnl_getlink)"

ktap_expect_dmesg_clean
ktap_finished
