#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The contract between the module and rtnlctl: every record that
# docs/debugfs.md says the module writes (the "| record | keys |" table
# of each file's section) is one that rtnlctl reads, as
# "rtnlctl --known-records" lists them; a record it does not know it
# would only show as written. And the other way round: every record
# rtnlctl reads is documented. Prints KTAP-style "ok N - ..." lines and
# exits non-zero on any failure.

set -u
export LC_ALL=C

HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/.." && pwd)
RTNLCTL=${RTNLCTL:-$TOP/rtnlctl}
DOC=${DEBUGFS_DOC:-$TOP/../docs/debugfs.md}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

n=0
failed=0

# result STATUS DESC: ok when STATUS is 0, else not ok with $TMP/diag.
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		[ -s "$TMP/diag" ] && sed 's/^/# /' "$TMP/diag" | head -30
	fi
	: >"$TMP/diag"
}

# "FILE RECORD" for every row of the record tables of the document, in
# document order.
doc_records() {
	awk -f "$TOP/../scripts/doc-records.awk" "$1" | cut -d' ' -f1,2
}

echo "KTAP version 1"

: >"$TMP/diag"
[ -r "$DOC" ] || echo "cannot read $DOC" >"$TMP/diag"
doc_records "$DOC" 2>>"$TMP/diag" >"$TMP/doc.order"
sort -u "$TMP/doc.order" >"$TMP/doc"
# Each row must name one record: a word in backquotes.
bad=$(awk '$2 !~ /^[a-z_]+$/' "$TMP/doc")
[ -n "$bad" ] && echo "malformed rows: $bad" >>"$TMP/diag"
[ -s "$TMP/doc" ] && [ -z "$bad" ] && [ ! -s "$TMP/diag" ]
result $? "docs/debugfs.md has a record table ($(cut -d' ' -f1 "$TMP/doc" | sort -u | wc -l) files, $(wc -l <"$TMP/doc") records)"

"$RTNLCTL" --known-records >"$TMP/known.raw" 2>"$TMP/diag"
rc=$?
sort -u "$TMP/known.raw" >"$TMP/known"
[ "$rc" = 0 ] && [ -s "$TMP/known" ] && [ ! -s "$TMP/diag" ]
result $? "rtnlctl --known-records lists the records it reads"

# Every file that rtnlctl reads has its table in the document.
comm -23 <(cut -d' ' -f1 "$TMP/known" | sort -u) \
	<(cut -d' ' -f1 "$TMP/doc" | sort -u) >"$TMP/diag"
[ ! -s "$TMP/diag" ]
result $? "every file rtnlctl reads has a record table in docs/debugfs.md"

# One test per documented file, in document order: rtnlctl knows each
# of its records.
while read -r f; do
	recs=$(awk -v f="$f" '$1 == f { printf "%s%s", sep, $2; sep = "," }' \
		"$TMP/doc.order")
	unknown=$(awk -v f="$f" '$1 == f' "$TMP/doc" | comm -23 - "$TMP/known" |
		cut -d' ' -f2 | tr '\n' ' ')
	[ -n "$unknown" ] &&
		echo "rtnlctl shows as written, unparsed: ${unknown% }" >"$TMP/diag"
	[ -z "$unknown" ]
	result $? "$f: rtnlctl reads every record the module writes ($recs)"
done < <(cut -d' ' -f1 "$TMP/doc.order" | awk '!seen[$0]++')

# And nothing rtnlctl reads is missing from the document.
comm -13 "$TMP/doc" "$TMP/known" >"$TMP/diag"
[ ! -s "$TMP/diag" ]
result $? "every record rtnlctl reads is documented"

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
