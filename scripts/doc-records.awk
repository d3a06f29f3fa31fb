# SPDX-License-Identifier: GPL-2.0
# The record tables of docs/debugfs.md: "FILE RECORD KEY..." for every row
# of the "| record | keys |" table in each "## `FILE`" section, in
# document order. Used by the CLI contract tests, on the host
# (userspace/tests/contract.sh) and in the VM (selftests/cli_contract.sh).
#
#   awk -f scripts/doc-records.awk docs/debugfs.md
/^## `[a-z_]+`/ {
	file = $2
	gsub(/`/, "", file)
	intable = 0
	next
}
/^\| record \| keys \|/ { intable = 1; next }
intable && /^\| *---/ { next }
intable && /^\|/ {
	split($0, col, "|")
	rec = col[2]
	gsub(/[ `]/, "", rec)
	line = file " " rec
	s = col[3]
	while (match(s, /`[a-z_]+`/)) {
		line = line " " substr(s, RSTART + 1, RLENGTH - 2)
		s = substr(s, RSTART + RLENGTH)
	}
	print line
	next
}
{ intable = 0 }
