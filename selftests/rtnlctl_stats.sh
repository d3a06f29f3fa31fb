#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rtnlctl against the live module: after a known workload, with tracing
# switched off so nothing moves, `rtnlctl -j` agrees exactly with the
# debugfs files, parsed here independently; the metrics pass a strict
# exposition-format check.
. "$(dirname "$0")/lib.sh"

N=300

ktap_print_header
ktap_set_plan 8
rnt_dmesg_start
modprobe dummy
rnt_load
rnt_setup_ns NS

rnt_reset
ip netns exec "$NS" "$RTNL_GEN" getlink -i 1 -n $N -t 2 > /dev/null
ip netns exec "$NS" "$RTNL_GEN" getlink -i 999 -n 20 > /dev/null
ip netns exec "$NS" "$RTNL_GEN" dump -n 2 > /dev/null
ip -n "$NS" link add d0 type dummy
ip -n "$NS" link add d0 type dummy 2>/dev/null
echo 0 > "$RNT_DIR/enable"

"$RNTLCTL" -j stats > /tmp/rnt-stats.json
"$RNTLCTL" -j handlers --summary > /tmp/rnt-summary.json

# compare.py KIND: "ok" or the first difference.
compare()
{
	python3 - "$1" "$RNT_DIR" <<-'PY'
	import errno, json, sys
	what, d = sys.argv[1], sys.argv[2]

	def records(name, rec):
	    out = []
	    with open(f"{d}/{name}") as f:
	        assert f.readline().startswith(f"rtnl_net_trace {name} version 2")
	        for line in f:
	            w = line.split()
	            if w and w[0] == rec:
	                out.append(dict(x.split("=", 1) for x in w[1:]))
	    return out

	def hist(s):
	    return [int(x) for x in s.split(",")]

	if what == "summary":
	    got = json.load(open("/tmp/rnt-summary.json"))
	    want = {k: {"total": 0, "rtnl": 0, "unlocked": 0,
	                "behaviour": {b: 0 for b in ("rtnl", "pernet", "self_rtnl",
	                                             "lockless", "unseen")}}
	            for k in ("doit", "dumpit")}
	    key = lambda h: (h["family"], h["msgtype"], h["kind"], h["fn"])
	    seen = {key(o): o["behaviour"] for o in records("footprint", "owner")
	            if o["type"] == "handler"}
	    for h in records("handlers", "handler"):
	        if h["present"] == "1":
	            want[h["kind"]]["total"] += 1
	            want[h["kind"]][h["locking"]] += 1
	            want[h["kind"]]["behaviour"][seen.get(key(h), "unseen")] += 1
	    print("ok" if got == want else f"{got} != {want}")
	    sys.exit()

	got = {(s["handler"], s["kind"]): s for s in json.load(open("/tmp/rnt-stats.json"))["stats"]}
	recs = records("stats", "stat")
	if len(got) != len(recs):
	    print(f"{len(got)} handlers in rtnlctl, {len(recs)} in debugfs")
	    sys.exit()
	for r in recs:
	    j = got[(r["fn"], r["kind"])]
	    checks = [(f, int(r[f]), j[f]) for f in
	              ("calls", "errors", "requests", "rounds", "rtnl", "unlocked")]
	    for key, pre in (("latency_ns", "lat"), ("rtnl_wait_ns", "wait"),
	                     ("rtnl_hold_ns", "hold")):
	        checks += [(pre + "_sum", int(r[pre + "_sum"]), j[key]["sum"]),
	                   (pre + "_max", int(r[pre + "_max"]), j[key]["max"]),
	                   (pre + "_hist", hist(r[pre + "_hist"]), j[key]["hist"])]
	    sets = hist(r["lockset"])
	    checks.append(("lockset", sets, [x["count"] for x in j["locksets"]]))
	    errnos = {} if r["errno"] == "-" else dict(x.split(":") for x in r["errno"].split(","))
	    want = {(errno.errorcode.get(int(k), k) if k != "other" else k): int(v)
	            for k, v in errnos.items()}
	    checks.append(("errno", want, {e["name"]: e["count"] for e in j["errnos"]}))
	    for name, a, b in checks:
	        if a != b:
	            print(f"{r['fn']} {r['kind']} {name}: debugfs {a}, rtnlctl {b}")
	            sys.exit()
	print("ok")
	PY
}

ktap_expect_eq "rtnlctl -j stats = debugfs stats, every field" ok "$(compare stats)"
ktap_expect_eq "rtnlctl -j handlers --summary = debugfs handlers and footprint" ok "$(compare summary)"
ktap_expect_eq "rtnl_getlink calls = $((N + 20)) in rtnlctl" "$((N + 20))" \
	"$(python3 -c 'import json; print([s["calls"] for s in json.load(open("/tmp/rnt-stats.json"))["stats"] if s["handler"] == "rtnl_getlink"][0])')"
ktap_expect_eq "rtnl_getlink errnos in rtnlctl" '{"ENODEV": 20}' \
	"$(python3 -c 'import json; print(json.dumps([{e["name"]: e["count"] for e in s["errnos"]} for s in json.load(open("/tmp/rnt-stats.json"))["stats"] if s["handler"] == "rtnl_getlink"][0]))')"

"$RNTLCTL" metrics > /tmp/rnt-metrics.txt
line="rtnl_net_trace_handler_calls_total{family=\"PF_UNSPEC\",msgtype=\"RTM_GETLINK\",kind=\"doit\",handler=\"rtnl_getlink\"} $((N + 20))"
if out=$(python3 "$RNT_TOP/userspace/tests/promcheck.py" /tmp/rnt-metrics.txt "$line" 2>&1); then
	ktap_test_pass "metrics: valid exposition format, exact call count"
else
	echo "$out" | head -5 | sed 's/^/# /'
	ktap_test_fail "metrics: valid exposition format, exact call count"
fi

out=$("$RNTLCTL" -j watch -i 0.2 -n 2 2>&1)
ktap_expect_eq "watch -n 2 prints two intervals" 2 "$(printf '%s\n' "$out" | grep -c '^{')"
echo 1 > "$RNT_DIR/enable"

"$RNTLCTL" reset
ktap_expect_eq "rtnlctl reset: exit 0, no stat records left" "0 0" \
	"$? $(grep -c '^stat ' "$RNT_DIR/stats")"
ktap_expect_dmesg_clean
ktap_finished
