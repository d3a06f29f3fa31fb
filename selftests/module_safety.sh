#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A module loaded by an RTNL holder must not deadlock with the tracer:
# modprobe runs the module notifier chain, and an RTNL holder waits for
# modprobe. selftests/modload holds RTNL in its init while it
# request_module()s team-mode-activebackup; then the kernel's own path:
# a team device set to a mode whose module is not loaded, through
# generic netlink (team_nl_options_set_doit() holds RTNL).
. "$(dirname "$0")/lib.sh"

MKO=$RNT_TOP/selftests/modload/rnt_modload.ko
MODE_MOD=team_mode_activebackup
# Long enough for modprobe under emulation, short of the hung-task timer.
LIMIT=60

ktap_print_header
if ! modprobe -n -q "$MODE_MOD" || ! modprobe -q team; then
	ktap_skip_all "the kernel has no team driver or $MODE_MOD module"
	exit "$KSFT_SKIP"
fi
ktap_set_plan 7
rnt_dmesg_start
rnt_load
modprobe -r -q "$MODE_MOD"

cleanup()
{
	ip link del rntteam0 2>/dev/null
	rmmod rnt_modload 2>/dev/null
	modprobe -r -q "$MODE_MOD" team
	rnt_cleanup
}
trap cleanup EXIT

mode_loaded()
{
	grep -c "^$MODE_MOD " /proc/modules
}

# in_time CMD...: run CMD with SIGKILL after $LIMIT s; prints "STATUS SECONDS".
in_time()
{
	local start=$SECONDS rc=0

	timeout -s KILL "$LIMIT" "$@" > /dev/null 2>&1 || rc=$?
	echo "$rc $((SECONDS - start))"
}

ktap_expect_eq "tracer enabled, $MODE_MOD not loaded" "1 0" \
	"$(cat "$RNT_DIR/enable") $(mode_loaded)"

read -r rc secs <<< "$(in_time insmod "$MKO")"
echo "# insmod rnt_modload: exit status $rc after $secs s"
ktap_expect_eq "insmod of a module that request_module()s under RTNL returns within $LIMIT s" \
	0 "$rc"
ktap_expect_eq "the requested module was loaded" 1 "$(mode_loaded)"
ktap_expect_eq "the tracer is still enabled with every handler probed" "1 registered" \
	"$(cat "$RNT_DIR/enable") $(rnt_field status probe name=handlers state)"
rmmod rnt_modload

if command -v teamnl > /dev/null; then
	modprobe -r -q "$MODE_MOD"
	ip link add name rntteam0 type team
	read -r rc secs <<< "$(in_time teamnl rntteam0 setoption mode activebackup)"
	echo "# teamnl setoption mode: exit status $rc after $secs s"
	ktap_expect_eq "teamnl sets a mode whose module is not loaded (request_module under RTNL)" \
		"0 1" "$rc $(mode_loaded)"
	ktap_expect_eq "the team device is in that mode" activebackup \
		"$(teamnl rntteam0 getoption mode 2>/dev/null)"
else
	ktap_test_skip "teamnl (Debian's libteam-utils) is not installed"
	ktap_test_skip "teamnl (Debian's libteam-utils) is not installed"
fi
ktap_expect_dmesg_clean
ktap_finished
