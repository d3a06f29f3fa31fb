#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The contract between the module and rtnlctl (docs/debugfs.md, the
# "| record | keys |" table of each table file). A workload makes the
# module write every record the document lists, and the module writes no
# record and no key that it does not list. Then every rtnlctl command,
# in text, raw (-r, the table commands) and JSON (-j), exits 0 and shows
# no record as written: what rtnlctl does with a record it does not know
# (print_other_records(): the line as the module wrote it, "name
# key=value ...", in text; an "other_records" array in JSON). Nor does it
# show any key as written: what it does with a key it does not read in a
# record it knows (print_extra(): " key=value" after the text line; an
# "extra" object in JSON). Either is a failure.
#
# The workload, after a reset:
# - ip in netns A: a dummy link added and set up (rtnl_newlink: stat,
#   footprint owner and events; with per-netns RTNL a lock set of A),
#   RTM_GETLINK requests and dumps from A;
# - selftests/touch: an RTNL section of its own, a call site (rtnl site,
#   footprint owner and event of type site); with per-netns RTNL it
#   holds A's lock and changes B too: a lock set of the site and an
#   unlocked_touch violation with its stack;
# - netns C made and deleted: a netns record with state=exited;
# - selftests/holder holds RTNL (hold_ms=0) until an rtnl_gen
#   RTM_GETLINK waits for it: now has a holder and a waiter. Every file
#   is read then, blocked again once the hold is over (its pair and comm
#   records charge the wait to the holder).
# The files so read are a snapshot directory that rtnlctl reads through
# RTNL_NET_TRACE_DIR, with every record at once; rtnlctl also runs on the
# live module: rtnl and top during the hold, every command after it, and
# the commands that write (snapshot, --since, set, disable, enable,
# reset) last.
#
# Without per-netns RTNL (6.12) the module takes no lock set and checks
# no rule: lockset, lockset_max, violation and stack are skipped.
. "$(dirname "$0")/lib.sh"

DOC=$RNT_TOP/docs/debugfs.md
HOLDER=$RNT_TOP/selftests/holder/rnt_holder.ko
TKO=$RNT_TOP/selftests/touch/rnt_touch.ko

# Every rtnlctl command that prints, with the options that change what
# it shows.
CMDS=("stats" "stats --output-all" "stats --hist rtnl_newlink" "status"
	"handlers" "handlers --summary" "rtnl" "locksets" "netns" "netns -a"
	"violations" "todo" "todo -a" "todo -e" "blocked" "blocked -c"
	"top -n 1 -i 0.1" "watch -n 1 -i 0.1" "metrics" "version" "help")

# doc_table: "FILE RECORD KEY..." for every row of the record tables of
# the document, in document order.
doc_table()
{
	awk -f "$RNT_TOP/scripts/doc-records.awk" "$DOC"
}

# written DIR FILE...: "FILE RECORD KEY..." for every record line of each
# file in DIR (the keys of its key=value words).
written()
{
	local dir=$1 f

	shift
	for f in "$@"; do
		awk -v f="$f" 'NR > 1 && NF {
			line = f " " $1
			for (i = 2; i <= NF; i++) {
				p = index($i, "=")
				if (p > 1)
					line = line " " substr($i, 1, p - 1)
			}
			print line
		}' "$dir/$f"
	done
}

# is_table CMD: whether CMD prints a table, and so takes -r.
is_table()
{
	case $1 in
	"stats --hist"* | "handlers --summary") return 1 ;;
	stats* | handlers* | rtnl* | locksets* | netns* | todo* | blocked*) return 0 ;;
	esac
	return 1
}

# diag TEXT...: a line for the current test's diagnostics.
diag()
{
	printf '%s\n' "$*" >> "$TMP/diag"
}

# check_out ARGS: the last rtnlctl run ($TMP/out, $TMP/err, $rc) exited
# 0 and printed no record and no key as written; diagnostics otherwise.
# A JSON run leaves the keys it shows as written (its "extra" objects,
# whose values are numbers or strings, never objects) in $TMP/unread,
# for the text run of the same command. Returns 1 on a failure. One awk
# over the output: under TCG every process costs tens of milliseconds,
# and the eight greps, sorts and pastes it replaces were most of this
# test's time.
check_out()
{
	local args=$1 bad=0 json=0
	local -a files=("$TMP/out")

	if [ "$rc" != 0 ]; then
		diag "rtnlctl $args: exit $rc: $(head -3 "$TMP/err" | tr '\n' ' ')"
		bad=1
	fi
	case " $args " in
	*" -j "*) json=1 ;;
	*) files=("$TMP/unread" "$TMP/out") ;;
	esac
	awk -v args="$args" -v json=$json -v names="$NAMES" \
		-v unread="$TMP/unread" "$CHECK_OUT_AWK" "${files[@]}" \
		>> "$TMP/diag" || bad=1
	return $bad
}

# The awk of check_out. JSON: the "other_records" arrays and the "extra"
# objects are failures, the keys of the extra objects go to $TMP/unread.
# Text: a line that starts with a record's name followed by key=value, or
# that shows a key of $TMP/unread (read first) as key=value, is one.
# shellcheck disable=SC2016 # awk's own $0, not the shell's
CHECK_OUT_AWK='
BEGIN { record = "^[[:space:]]*(" names ") [^ =]+=" }
FILENAME == unread { if ($0 != "") unread_key[$0] = 1; next }
json {
	s = $0
	while (match(s, /"other_records":\[[^]]*\]/)) {
		if (n_other++ < 3)
			other = other " " substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
	}
	s = $0
	while (match(s, /"extra":\{[^}]*\}/)) {
		e = substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
		if (e in extra)
			continue
		extra[e] = 1
		if (n_extra++ < 5)
			extras = extras " " e
		t = substr(e, 9)
		while (match(t, /"[a-z0-9_]*":/)) {
			k = substr(t, RSTART + 1, RLENGTH - 3)
			t = substr(t, RSTART + RLENGTH)
			if (!(k in seen_key)) {
				seen_key[k] = 1
				print k >> unread
			}
		}
	}
	next
}
FNR == 1 {
	keys = ""
	for (k in unread_key)
		keys = keys (keys == "" ? "" : "|") k
	shown = keys == "" ? "" : "(^|[[:space:]])(" keys ")="
}
$0 ~ record && n_rec++ < 5 { recs = recs "\n" $0 }
shown != "" && $0 ~ shown && n_key++ < 5 { keyl = keyl "\n" $0 }
END {
	if (n_other)
		print "rtnlctl " args ": records as written:" other
	if (n_extra)
		print "rtnlctl " args ": keys as written (extra):" extras
	if (n_rec)
		print "rtnlctl " args ": records as written:" recs
	if (n_key)
		print "rtnlctl " args ": keys as written:" keyl
	exit n_other + n_extra + n_rec + n_key > 0
}'

# rtnlctl_run DIR ARGS...: rtnlctl on the trace directory DIR; sets rc.
rtnlctl_run()
{
	local dir=$1

	shift
	RTNL_NET_TRACE_DIR=$dir "$RNTLCTL" "$@" > "$TMP/out" 2> "$TMP/err"
	rc=$?
}

# check_cmd DIR CMD [once]: rtnlctl CMD in JSON, text and, for a table,
# raw; 0 when each exits 0 and shows nothing as written. JSON first: the
# keys it shows as written are looked for in the text. With "once", one
# run: JSON, or text for metrics, which has no JSON output.
check_cmd()
{
	local dir=$1 c=$2 once=${3:-} bad=0
	local -a words

	read -r -a words <<< "$c"
	: > "$TMP/unread"
	if [ "$c" != metrics ]; then
		rtnlctl_run "$dir" -j "${words[@]}"
		check_out "-j $c" || bad=1
		[ -z "$once" ] || return $bad
	fi
	rtnlctl_run "$dir" "${words[@]}"
	check_out "$c" || bad=1
	[ -z "$once" ] || return $bad
	if is_table "$c"; then
		rtnlctl_run "$dir" "${words[@]}" -r
		check_out "$c -r" || bad=1
	fi
	return $bad
}

# result STATUS DESC: a KTAP line, with the diagnostics.
result()
{
	if [ "$1" = 0 ]; then
		ktap_test_pass "$2"
	else
		head -20 "$TMP/diag" | sed 's/^/# /'
		ktap_test_fail "$2"
	fi
	: > "$TMP/diag"
}

ktap_print_header
[ -r "$DOC" ] || ktap_exit_fail_msg "cannot read $DOC"
{ [ -e "$HOLDER" ] && [ -e "$TKO" ]; } ||
	ktap_exit_fail_msg "the helper modules are not built ($HOLDER, $TKO)"
TMP=$(mktemp -d)
SNAP=$TMP/snapshot
mkdir "$SNAP"
: > "$TMP/diag"
: > "$TMP/unread"
doc_table > "$TMP/doc"
mapfile -t FILES < <(cut -d' ' -f1 "$TMP/doc" | awk '!seen[$0]++')
nrec=$(wc -l < "$TMP/doc")
[ "$nrec" -gt 0 ] || ktap_exit_fail_msg "no record table in $DOC"
ktap_set_plan $((nrec + 5 + 2 * ${#CMDS[@]}))

rnt_dmesg_start
modprobe dummy
# A fresh load: the default parameters (max_exited, violation_action).
rnt_unload
rnt_load
pernet=0
rnt_active pernet && pernet=1
footprint=0
rnt_active footprint && footprint=1
rnt_setup_ns A
rnt_setup_ns B
pids=()
rnt_sleepers "$A" "$B"
gen=
# The holder first: its rmmod ends a hold, which the rest may need.
trap 'rmmod rnt_holder 2>/dev/null; [ -n "$gen" ] && kill "$gen" 2>/dev/null
	kill "${pids[@]}" 2>/dev/null; rmmod rnt_touch 2>/dev/null
	rm -rf "$TMP"; rnt_cleanup' EXIT

rnt_reset
ip -n "$A" link add d0 type dummy
ip -n "$A" link set d0 up
ip netns exec "$A" "$RTNL_GEN" getlink -i 1 -n 5 > /dev/null
ip netns exec "$A" "$RTNL_GEN" dump -n 2 > /dev/null
if [ $pernet = 1 ]; then
	insmod "$TKO" mode=unlocked_touch pids="${pids[0]},${pids[1]}"
else
	insmod "$TKO" mode=touch touches=2 pids="${pids[0]}"
fi

rnt_setup_ns C
inum_c=$(stat -L -c %i "/run/netns/$C")
ip netns del "$C"
for ((i = 0; i < 600; i++)); do
	[ "$(rnt_field netns netns "inum=$inum_c" state)" = exited ] && break
	sleep 0.1
done
echo "# netns C (inum $inum_c): $(rnt_field netns netns "inum=$inum_c" state)"

insmod "$HOLDER" hold_ms=0
"$RTNL_GEN" getlink -i 1 -n 1 > /dev/null &
gen=$!
for ((i = 0; i < 300; i++)); do
	grep -q '^waiter .* comm=rtnl_gen ' "$RNT_DIR/now" && break
	sleep 0.2
done
for f in "${FILES[@]}" version enable violation_action; do
	cat "$RNT_DIR/$f" > "$SNAP/$f"
done
echo "# now, during the hold:"
sed 's/^/#   /' "$SNAP/now"
# The names of records, as a text line would start with one: those of
# the document and any other the module wrote.
NAMES=$({ cut -d' ' -f2 "$TMP/doc"
	for f in "${FILES[@]}"; do
		tail -n +2 "$SNAP/$f" | cut -d' ' -f1
	done; } | grep -E '^[a-z_]+$' | sort -u | paste -sd '|')
bad=0
check_cmd "$RNT_DIR" rtnl || bad=1
check_cmd "$RNT_DIR" "top -n 1 -i 0.1" || bad=1
result $bad "during the hold, rtnlctl rtnl and top on the live module: exit 0, no record as written"
echo 1 > /sys/module/rnt_holder/parameters/release
wait "$gen"
gen=
cat "$RNT_DIR/blocked" > "$SNAP/blocked"

# Every line the module wrote: a documented record with documented keys,
# under the header of its file.
written "$SNAP" "${FILES[@]}" > "$TMP/written"
for f in "${FILES[@]}"; do
	[ "$(head -1 "$SNAP/$f")" = "rtnl_net_trace $f version 2" ] ||
		diag "$f: header '$(head -1 "$SNAP/$f")'"
done
awk 'NR == FNR { doc[$1 " " $2] = 1; next }
	!(($1 " " $2) in doc) { print $1 ": record " $2 " is not documented" }' \
	"$TMP/doc" "$TMP/written" | sort -u >> "$TMP/diag"
[ ! -s "$TMP/diag" ]
result $? "the module writes only the records docs/debugfs.md lists, under their header"
awk 'NR == FNR { for (i = 3; i <= NF; i++) doc[$1 " " $2 " " $i] = 1; next }
	{ for (i = 3; i <= NF; i++) if (!(($1 " " $2 " " $i) in doc))
		print $1 ": key " $i " of " $2 " is not documented" }' \
	"$TMP/doc" "$TMP/written" | sort -u >> "$TMP/diag"
[ ! -s "$TMP/diag" ]
result $? "the module writes only the keys docs/debugfs.md lists for each record"

# Every documented record, at least once.
while read -r f rec _; do
	skip=
	case $f/$rec in
	locksets/lockset | locksets/lockset_max | violations/violation | violations/stack)
		[ $pernet = 1 ] || skip="per-netns RTNL unavailable on this kernel" ;;
	footprint/event)
		[ $footprint = 1 ] || skip="footprint unavailable on this kernel" ;;
	esac
	if [ -n "$skip" ]; then
		ktap_test_skip "$f: the workload makes a $rec record ($skip)"
		continue
	fi
	if ! grep -Eq "^$rec( |\$)" "$SNAP/$f"; then
		diag "no $rec record in $f:"
		sed 's/^/  /' "$SNAP/$f" | head -12 >> "$TMP/diag"
		false
	fi
	result $? "$f: the workload makes a $rec record"
done < "$TMP/doc"

# Every command on the snapshot (every record at once) in each of its
# formats, then on the live module once: the files as read while the
# module writes them, in JSON, whose parser names any record or key it
# does not know (metrics, which has no JSON, in text); the snapshot's
# runs already compared the text and raw forms with the JSON.
for c in "${CMDS[@]}"; do
	check_cmd "$SNAP" "$c"
	result $? "snapshot: rtnlctl $c: exit 0, no record as written"
done
for c in "${CMDS[@]}"; do
	check_cmd "$RNT_DIR" "$c" once
	result $? "live: rtnlctl $c: exit 0, no record as written"
done

# The commands that write, on the live module.
bad=0
: > "$TMP/unread"
rtnlctl_run "$RNT_DIR" snapshot "$TMP/snapfile"
check_out "snapshot FILE" || bad=1
for c in stats rtnl locksets netns; do
	check_cmd "$RNT_DIR" "$c --since $TMP/snapfile" || bad=1
done
for c in "set violation-action count" disable enable reset; do
	check_cmd "$RNT_DIR" "$c" || bad=1
done
result $bad "live: rtnlctl snapshot, --since, set, disable, enable, reset: exit 0, no record as written"

ktap_expect_dmesg_clean
ktap_finished
