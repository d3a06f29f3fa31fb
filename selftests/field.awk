# SPDX-License-Identifier: GPL-2.0
# The value of key `key` in the first record `rec` of a debugfs table file
# whose fields include every "k=v" of `match_` (space-separated). Used by
# selftests/lib.sh's rnt_field and bench/run.sh:
#   awk -v rec=stat -v match_="fn=rtnl_getlink kind=doit" -v key=calls -f field.awk FILE
BEGIN { n = split(match_, want, " ") }
$1 == rec {
	delete f
	for (i = 2; i <= NF; i++) {
		p = index($i, "=")
		f[substr($i, 1, p - 1)] = substr($i, p + 1)
	}
	ok = 1
	for (j = 1; j <= n; j++) {
		p = index(want[j], "=")
		if (f[substr(want[j], 1, p - 1)] != substr(want[j], p + 1))
			ok = 0
	}
	if (ok) { print f[key]; exit }
}
