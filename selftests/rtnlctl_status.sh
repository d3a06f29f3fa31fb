#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rtnlctl status with and without the module loaded.
. "$(dirname "$0")/lib.sh"

ktap_print_header
ktap_set_plan 6
rnt_unload

out=$("$RNTLCTL" status 2>&1); rc=$?
ktap_expect_eq "status fails without the module" 1 "$rc"
ktap_expect_eq "status says why in one line" 1 "$(printf '%s\n' "$out" | grep -c 'not loaded')"
out=$("$RNTLCTL" -j status 2>/dev/null)
ktap_expect_eq "JSON error object without the module" 1 \
	"$(printf '%s' "$out" | python3 -c 'import json,sys; print(int("error" in json.load(sys.stdin)))')"

rnt_load
out=$("$RNTLCTL" status 2>&1); rc=$?
ktap_expect_eq "status succeeds with the module" 0 "$rc"
json=$("$RNTLCTL" -j status)
ktap_expect_eq "status reports format version 2" 2 \
	"$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["format_version"])')"
echo 0 > "$RNT_DIR/enable"
json=$("$RNTLCTL" -j status)
ktap_expect_eq "status reports tracing disabled" False \
	"$(printf '%s' "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["enabled"])')"
ktap_finished
