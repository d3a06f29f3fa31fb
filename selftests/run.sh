#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the selftests inside the VM, one after the other, and print their
# KTAP results with each test line prefixed by the selftest's name.
# Usage: selftests/run.sh KSRC [TEST...]
cd "$(dirname "$0")" || exit 1
export RNT_KSRC=${1:?usage: run.sh KSRC [TEST...]}
shift
timeout=${RNT_TIMEOUT:-$(sed -n 's/^timeout=//p' settings)}
tests=("$@")
[ ${#tests[@]} -gt 0 ] || read -r -a tests <<< "$(make -s print-tests)"

echo "# vm: booted $(uname -r)"
# On the sanitizer kernel, forget what booting leaked: sanitizers.sh
# reports only what the tests leak.
mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
[ -e /sys/kernel/debug/kmemleak ] && echo clear > /sys/kernel/debug/kmemleak
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
for t in "${tests[@]}"; do
	echo "# selftest: $t"
	start=$(date +%s)
	# Streamed, not collected: a VM that dies mid-test keeps what it printed.
	timeout "$timeout" "./$t" 2>&1 | tee "$out" |
		sed -u -E "s/^(not ok|ok) [0-9]+ /\1 $t: /"
	status=${PIPESTATUS[0]}
	took=$(($(date +%s) - start))
	if [ "$status" = 124 ]; then
		echo "not ok $t: timed out after $timeout s"
	elif ! grep -q '^1\.\.' "$out"; then
		echo "not ok $t: exited $status without a KTAP plan"
	fi
	echo "# time: $t $took s"
	[ "$status" = 0 ] || [ "$status" = 4 ] || rc=1
done
exit $rc
