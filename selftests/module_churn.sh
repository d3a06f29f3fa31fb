#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Module loads and unloads anywhere lose nothing. While rtnl_gen sends a
# known workload, another process loads and unloads an unrelated module
# CYCLES times, and this one loads the handler test module CYCLES times
# and sends requests to its handler in each of its lifetimes. Every count
# equals what was sent, nothing is in flight afterwards, no drop, no miss.
# 10 cycles (1,000 doits, 250 dumps) in make check, 40 in make soak.
. "$(dirname "$0")/lib.sh"

HKO=$RNT_TOP/selftests/handler_mod/rnt_handler_mod.ko
CYCLES=$(rnt_size RNT_CHURN_CYCLES 10 40)
N_DOIT=${RNT_CHURN_DOIT:-$((CYCLES * 100))}
N_DUMP=${RNT_CHURN_DUMP:-$((CYCLES * 25))}
PER_LIFE=10
OTHER=dummy

ktap_print_header
ktap_set_plan 12
rnt_dmesg_start
rnt_load
rnt_setup_ns NS
tmp=$(mktemp -d)
rnt_reset

ip netns exec "$NS" "$RTNL_GEN" getlink -i 1 -n "$N_DOIT" -t 2 > "$tmp/doit" &
doit=$!
ip netns exec "$NS" "$RTNL_GEN" dump -n "$N_DUMP" -t 2 > "$tmp/dump" &
dump=$!
(
	for ((i = 0; i < CYCLES; i++)); do
		modprobe "$OTHER" && modprobe -r "$OTHER" || echo "modprobe $OTHER failed"
	done
) > "$tmp/other" 2>&1 &
other=$!

# In each lifetime of the handler module, PER_LIFE requests to its doit
# (family 100), which answers ENOENT; they must be counted exactly.
wrong=0 lost=0
for ((i = 1; i <= CYCLES; i++)); do
	insmod "$HKO"
	if ! rnt_wait_handlers rnt_handler_mod 1 2; then
		lost=$((lost + 1))
		rmmod rnt_handler_mod
		continue
	fi
	before=$(rnt_calls rnt_handler_mod_doit)
	out=$("$RTNL_GEN" family -f 100 -n "$PER_LIFE")
	after=$(rnt_calls rnt_handler_mod_doit)
	if [ "$((after - before))" != "$PER_LIFE" ] ||
	   [ "$out" != "requests=$PER_LIFE rounds=0 errno=2:$PER_LIFE errors=$PER_LIFE" ]; then
		echo "# lifetime $i: counted $((after - before)), generator: $out"
		wrong=$((wrong + 1))
	fi
	rmmod rnt_handler_mod
done
wait "$doit" "$dump" "$other"
sed 's/^/# /' "$tmp/other"
ktap_expect_eq "the handler module's handlers appeared in each of its $CYCLES lifetimes" 0 "$lost"
ktap_expect_eq "its requests counted exactly in each lifetime ($PER_LIFE each)" 0 "$wrong"
ktap_expect_eq "its doit: calls and requests over all lifetimes" \
	"$((CYCLES * PER_LIFE)) $((CYCLES * PER_LIFE))" \
	"$(rnt_calls rnt_handler_mod_doit) $(rnt_calls rnt_handler_mod_doit doit requests)"
ktap_expect_eq "its two slots reused in every lifetime, kept with present=0" 2 \
	"$(grep -c '^handler .* owner=rnt_handler_mod .*present=0$' "$RNT_DIR/handlers")"
ktap_expect_eq "the unrelated module ($OTHER) loaded and unloaded $CYCLES times" "" \
	"$(cat "$tmp/other")"
ktap_expect_eq "generator: $N_DOIT getlink doits and $N_DUMP dumps, no error" \
	"requests=$N_DOIT errors=0 requests=$N_DUMP errors=0" \
	"$(sed 's/ rounds=[0-9]*//; s/ errno=[^ ]*//' "$tmp/doit" "$tmp/dump" | tr '\n' ' ' | sed 's/ $//')"
ktap_expect_eq "rtnl_getlink: calls = requests = $N_DOIT" "$N_DOIT $N_DOIT" \
	"$(rnt_calls rtnl_getlink) $(rnt_calls rtnl_getlink doit requests)"
ktap_expect_eq "rtnl_dump_ifinfo: requests = $N_DUMP" "$N_DUMP" \
	"$(rnt_calls rtnl_dump_ifinfo dumpit requests)"
total=$(awk '$1 == "stat" { for (i = 2; i <= NF; i++) if ($i ~ /^requests=/) { sub("requests=", "", $i); s += $i } }
	END { print s + 0 }' "$RNT_DIR/stats")
ktap_expect_eq "requests over all handlers: nothing lost or counted twice" \
	"$((N_DOIT + N_DUMP + CYCLES * PER_LIFE))" "$total"
ktap_expect_eq "no in-flight calls left" "" \
	"$(awk '$1 == "stat" && !/ inflight=0 /' "$RNT_DIR/stats")"
ktap_expect_eq "no drops, no missed probe hits, still enabled" "none|1" \
	"$(rnt_losses)|$(cat "$RNT_DIR/enable")"
rm -rf "$tmp"
ktap_expect_dmesg_clean
ktap_finished
