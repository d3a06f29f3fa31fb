#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Toggle storm: three loops of link and address dumps keep every CPU
# inside probed functions while enable is flipped FLIPS times, so that
# ftrace rewrites the probed functions' entries under their callers
# each time. The kernel must survive it (the 7.3 guest once died here
# with "Oops: int3" at a probed function's entry), and every dump must
# succeed.
. "$(dirname "$0")/lib.sh"

# 100 flips in make check, 2,000 in make soak.
FLIPS=$(rnt_size RNT_TOGGLE_FLIPS 100 2000)
LOOPS=3
STATE=$(mktemp -d)

# loop N: dump until $STATE/stop appears; write "runs errors".
loop()
{
	local runs=0 errors=0

	while [ ! -e "$STATE/stop" ]; do
		ip link show > /dev/null || errors=$((errors + 1))
		ip addr show > /dev/null || errors=$((errors + 1))
		runs=$((runs + 1))
	done
	echo "$runs $errors" > "$STATE/loop.$1"
}

ktap_print_header
ktap_set_plan 4
rnt_dmesg_start
rnt_unload
rnt_load

for l in $(seq $LOOPS); do
	loop "$l" &
done
flips=0 start=$(date +%s)
for f in $(seq "$FLIPS"); do
	echo $(((f + 1) % 2)) > "$RNT_DIR/enable" && flips=$((flips + 1))
done
touch "$STATE/stop"
wait
runs=0 errors=0
for l in $(seq $LOOPS); do
	read -r r e < "$STATE/loop.$l"
	runs=$((runs + r)) errors=$((errors + e))
done
echo "# $flips flips in $(($(date +%s) - start)) s beside $runs dump rounds"

ktap_expect_eq "enable flipped $FLIPS times" "$FLIPS" "$flips"
ktap_expect_eq "every dump succeeded ($runs rounds)" 0 "$errors"
ktap_expect_eq "the tracer ends enabled, every handler probed" \
	"1 registered" "$(cat "$RNT_DIR/enable") $(rnt_field status probe name=handlers state)"
ktap_expect_dmesg_clean
rnt_unload
rm -rf "$STATE"
ktap_finished
