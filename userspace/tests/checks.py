#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check rtnlctl JSON output against an independent reading of a fixture.

Usage: checks.py CHECK OUTPUT FIXTURE_DIR [ARGS...]

Each check parses the debugfs fixture files itself (following
docs/debugfs.md), computes what rtnlctl should print, and compares it
with rtnlctl's JSON output. Exit status 0 when they match; otherwise the
differences are printed and the status is 1.
"""
import json
import math
import os
import re
import sys

FAMILIES = {0: "PF_UNSPEC", 2: "PF_INET", 7: "PF_BRIDGE", 10: "PF_INET6",
            17: "PF_PACKET", 28: "PF_MPLS", 128: "RTNL_FAMILY_IPMR",
            129: "RTNL_FAMILY_IP6MR"}
MSGTYPES = {16: "RTM_NEWLINK", 17: "RTM_DELLINK", 18: "RTM_GETLINK",
            19: "RTM_SETLINK", 20: "RTM_NEWADDR", 21: "RTM_DELADDR",
            22: "RTM_GETADDR", 24: "RTM_NEWROUTE", 25: "RTM_DELROUTE",
            26: "RTM_GETROUTE", 28: "RTM_NEWNEIGH", 29: "RTM_DELNEIGH",
            30: "RTM_GETNEIGH"}
OTHER = 2 ** 64
ERRNOS = {2: "ENOENT", 17: "EEXIST", 22: "EINVAL", OTHER: "other"}
FLAGS = ["DOIT_UNLOCKED", "BULK_DEL", "DUMP_UNLOCKED", "DUMP_SPLIT_NLM_DONE"]


def fields(words):
    """The key=value words of a record line (after its name) as a dict."""
    r, last = {}, None
    for w in words:
        if w.startswith("[") and w.endswith("]") and last:
            r[last] += " " + w      # "sym+0x1/0x2 [module]" from %pS
        elif "=" in w:
            last, value = w.split("=", 1)
            r[last] = value
    return r


def records(fix, name, rec):
    with open(os.path.join(fix, name)) as f:
        lines = f.read().splitlines()
    for line in lines[1:]:
        words = line.split()
        if not words or words[0] != rec:
            continue
        yield fields(words[1:])


# The keys rtnlctl knows in each record; the rest show up in "extra".
KNOWN = {
    "handler": "family msgtype kind fn owner flags locking present",
    "stat": "family msgtype kind fn calls errors errno rtnl unlocked inflight "
            "inflight_max requests rounds lat_sum lat_max lat_hist wait_sum "
            "wait_max wait_hist hold_sum hold_max hold_hist lockset init_net "
            "max_set",
    "site": "sym count wait_sum wait_max hold_sum hold_max",
    "lockset": "owner size init_net count",
    "netns": "cookie inum state requests locks wait_sum wait_max hold_sum "
             "hold_max exit_ns",
    "exited": "nets requests locks wait_sum wait_max hold_sum hold_max",
    "violation": "kind count pid comm owner nets time_ns",
    "ring": "first last dropped",
    "feature": "name state",
    "probe": "name state addrs nmissed error owners scans unslotted",
    "module": "enabled violation_action max_nets kernel max_tasks max_sites",
    "coverage": "mode",
    "outside": "touches",
    "owner": "type fn family msgtype kind behaviour sections touched none "
             "init_net max_touched covered uncovered",
    "event": "type fn family msgtype kind src code name covered uncovered",
    "blocked": "waits wait_sum charged pairs comm_pairs pairs_max "
               "pairs_dropped holds holds_max holds_overrun",
    "pair": "waiter_type waiter holder_type holder waits wait_sum wait_max",
    "comm": "waiter holder waits wait_sum wait_max",
}
RECORDS = {
    "status": ["module", "feature", "probe", "memory", "drops"],
    "handlers": ["handler"], "stats": ["stat"],
    "rtnl": ["acquire", "wait", "hold", "site"],
    "locksets": ["lockset", "lockset_max"],
    "netns": ["netns", "exited"],
    "violations": ["total", "ring", "violation", "stack"],
    "footprint": ["coverage", "outside", "owner", "event", "stack"],
    "blocked": ["blocked", "pair", "comm"],
}


def value(v):
    """A value as rtnlctl's JSON has it: a number when it is one."""
    if re.fullmatch(r"[0-9]+", v):
        return int(v)
    if re.fullmatch(r"-[0-9]+", v):
        return int(v)
    return v


def with_extra(obj, r, rec):
    """obj plus "extra": the keys of record r that rtnlctl does not know."""
    known = KNOWN[rec].split()
    extra = {k: value(v) for k, v in r.items() if k not in known}
    if extra:
        obj["extra"] = extra
    return obj


def with_stacks(fix, name, rec):
    """(fields, stack) of each record rec of a file: its stack is the
    symbols of the stack records after it, up to the next record rtnlctl
    knows."""
    with open(os.path.join(fix, name)) as f:
        lines = f.read().splitlines()[1:]
    cur = None
    for words in (line.split() for line in lines):
        if not words or words[0] not in RECORDS[name]:
            continue
        if words[0] == "stack":
            if cur is not None:
                cur[1].append(words[1])
            continue
        if cur is not None:
            yield cur
        cur = (fields(words[1:]), []) if words[0] == rec else None
    if cur is not None:
        yield cur


def other_record(words):
    o = {"record": words[0], "fields": {}}
    bare = []
    for w in words[1:]:
        if "=" in w:
            k, v = w.split("=", 1)
            o["fields"][k] = value(v)
        else:
            bare.append(w)
    if bare:
        o["words"] = bare
    return o


def other_records(fix, name):
    """The records of a file that rtnlctl does not know."""
    with open(os.path.join(fix, name)) as f:
        lines = f.read().splitlines()[1:]
    return [other_record(line.split()) for line in lines
            if line.split() and line.split()[0] not in RECORDS[name]]


def wrap(fix, name, obj):
    """The command's object with "other_records" when the file has any."""
    others = other_records(fix, name)
    if others:
        obj["other_records"] = others
    return obj


def hkey(r):
    """The handler key fields: numbers, and names or null."""
    f, m = int(r["family"]), int(r["msgtype"])
    return {"family": f, "family_name": FAMILIES.get(f),
            "msgtype": m, "msgtype_name": MSGTYPES.get(m),
            "kind": r["kind"], "handler": r["fn"]}


def percentile(hist, mx, pct):
    total = sum(hist)
    if not total:
        return 0
    target = math.ceil(total * pct / 100)
    cum = 0
    for i, c in enumerate(hist):
        cum += c
        if cum >= target:
            break
    if i == 41:
        return mx
    return min(2 ** (i + 1), mx)


def dist(r, prefix, count=None):
    key = (prefix + "_") if prefix else ""
    hist = [int(x) for x in r[key + "hist"].split(",")]
    assert len(hist) == 42, "fixture histogram must have 42 buckets"
    s, mx = int(r[key + "sum"]), int(r[key + "max"])
    n = sum(hist) if count is None else count
    return {"count": n, "sum": s, "avg": s // n if n else 0,
            "p50": percentile(hist, mx, 50), "p99": percentile(hist, mx, 99),
            "max": mx, "hist": hist}


def lockset_bucket(i, n, count):
    """Bucket i of n of a lockset= list: 1, 2, 3, 4, 5-8, 9-16, ..., N+."""
    lo = i + 1 if i < 4 else 2 ** (i - 2) + 1
    hi = i + 1 if i < 4 else 2 ** (i - 1)
    last = i + 1 == n
    return {"size": lo, "size_max": None if last else hi, "or_more": last,
            "count": count}


def set_size(label):
    """A locksets size= label: (smallest, largest or None, or_more)."""
    if label.endswith("+"):
        return int(label[:-1]), None, True
    lo, _, hi = label.partition("-")
    return int(lo), int(hi or lo), False


def expected_stats(fix):
    out = []
    for r in records(fix, "stats", "stat"):
        errnos = []
        if r["errno"] != "-":
            for e in r["errno"].split(","):
                num, count = e.split(":")
                # "other" counts every errno without its own counter.
                errnos.append((OTHER if num == "other" else int(num),
                               int(count)))
        errnos.sort(key=lambda e: (-e[1], e[0]))
        locksets = [int(x) for x in r["lockset"].split(",")]
        s = hkey(r)
        for k in ("calls", "errors", "requests", "rounds", "rtnl",
                  "unlocked", "inflight_max"):
            s[k] = int(r[k])
        # A negative in-flight count (a return without its call) is 0.
        s["inflight"] = max(int(r["inflight"]), 0)
        s["latency_ns"] = dist(r, "lat")
        s["rtnl_wait_ns"] = dist(r, "wait")
        s["rtnl_hold_ns"] = dist(r, "hold")
        s["locksets"] = [lockset_bucket(i, len(locksets), c)
                         for i, c in enumerate(locksets)]
        s["lockset_init_net"] = int(r["init_net"])
        s["lockset_max"] = int(r["max_set"])
        s["errnos"] = [{"errno": None if e == OTHER else e,
                        "name": ERRNOS.get(e, str(e)), "count": c}
                       for e, c in errnos]
        out.append(with_extra(s, r, "stat"))
    return out


SORT_KEYS = {
    "calls": lambda s: s["calls"],
    "errors": lambda s: s["errors"],
    "latency": lambda s: s["latency_ns"]["avg"],
    "hold": lambda s: s["rtnl_hold_ns"]["sum"],
    "wait": lambda s: s["rtnl_wait_ns"]["sum"],
}


def compare(got, exp, path="$"):
    """Exact comparison that also checks the order of object keys that
    carry meaning (errnos are most frequent first, counters in file
    order)."""
    errs = []
    if isinstance(exp, dict):
        if not isinstance(got, dict):
            return [f"{path}: expected an object, got {got!r}"]
        if set(got) != set(exp):
            errs.append(f"{path}: keys {sorted(got)} != {sorted(exp)}")
        elif path.endswith((".errnos", ".totals", ".drops", ".acquire",
                            ".memory")) \
                and list(got) != list(exp):
            errs.append(f"{path}: key order {list(got)} != {list(exp)}")
        for k in exp:
            if k in got:
                errs += compare(got[k], exp[k], f"{path}.{k}")
    elif isinstance(exp, list):
        if not isinstance(got, list) or len(got) != len(exp):
            return [f"{path}: {got!r:.200} != {exp!r:.200}"]
        for i, (g, e) in enumerate(zip(got, exp)):
            errs += compare(g, e, f"{path}[{i}]")
    elif type(got) is not type(exp) or got != exp:
        errs.append(f"{path}: {got!r:.200} != {exp!r:.200}")
    return errs


def check_stats(got, fix, args):
    """ARGS: [SORT [TOP [FAMILY_NAME [MSGTYPE_NAME]]]] ('-' for none)."""
    exp = expected_stats(fix)
    args = args + ["-"] * 4
    sort, top, fam, mt = args[:4]
    if fam != "-":
        exp = [s for s in exp if fam in (s["family_name"], str(s["family"]))]
    if mt != "-":
        exp = [s for s in exp
               if mt in (s["msgtype_name"], str(s["msgtype"]))]
    exp.sort(key=lambda s: -SORT_KEYS["calls" if sort == "-" else sort](s))
    if top != "-":
        exp = exp[:int(top)]
    return compare(got, wrap(fix, "stats", {"stats": exp}))


def check_handlers(got, fix, args):
    exp = []
    for r in records(fix, "handlers", "handler"):
        flags = int(r["flags"], 16)
        names = [FLAGS[i] for i in range(4) if flags & (1 << i)]
        if flags & ~0xf:
            names.append(hex(flags & ~0xf))
        exp.append(with_extra({**hkey(r), "owner": r["owner"],
                               "locking": r["locking"],
                               "present": r["present"] == "1",
                               "flags": flags, "flag_names": names},
                              r, "handler"))
    return compare(got, wrap(fix, "handlers", {"handlers": exp}))


BEHAVIOURS = ["rtnl", "pernet", "self_rtnl", "lockless", "unseen"]


def fp_key(r):
    """A footprint owner's key: (type, fn) and a handler's (family,
    msgtype, kind)."""
    if r["type"] != "handler":
        return (r["type"], r["fn"])
    return (r["type"], r["fn"], r["family"], r["msgtype"], r["kind"])


def check_summary(got, fix, args):
    fp = os.path.exists(os.path.join(fix, "footprint"))
    seen = {fp_key(r): r["behaviour"]
            for r in records(fix, "footprint", "owner")} if fp else {}
    exp = {k: {"total": 0, "rtnl": 0, "unlocked": 0}
           for k in ("doit", "dumpit")}
    for e in exp.values():
        if fp:
            e["behaviour"] = dict.fromkeys(BEHAVIOURS, 0)
    for r in records(fix, "handlers", "handler"):
        if r["present"] != "1":
            continue
        e = exp[r["kind"]]
        e["total"] += 1
        e[r["locking"]] += 1
        if fp:
            # A handler the footprint does not list did not run.
            b = seen.get(("handler", r["fn"], r["family"], r["msgtype"],
                          r["kind"]), "unseen")
            e["behaviour"][b] = e["behaviour"].get(b, 0) + 1
    return compare(got, exp)


def fp_owner_json(r):
    """The owner fields of a footprint record, as rtnlctl prints them."""
    o = {"owner": r["fn"], "type": r["type"]}
    if r["type"] == "handler":
        o.update(hkey(r))
    else:
        o.update(dict.fromkeys(("family", "family_name", "msgtype",
                                "msgtype_name", "kind", "handler")))
    return o


def fp_header(fix):
    cov = next(records(fix, "footprint", "coverage"))
    out = next(records(fix, "footprint", "outside"))
    owners = list(records(fix, "footprint", "owner"))
    return {"coverage": with_extra({"mode": cov["mode"]}, cov, "coverage"),
            "covered": sum(int(r["covered"]) for r in owners),
            "uncovered": sum(int(r["uncovered"]) for r in owners),
            "outside": with_extra({"touches": int(out["touches"])}, out,
                                  "outside")}


def check_todo(got, fix, args):
    """ARGS: "all" for -a (else owners that did not run are left out)."""
    exp = fp_header(fix)
    rows = []
    total = int(next(records(fix, "rtnl", "hold"))["sum"])
    ready = 0
    for r in records(fix, "footprint", "owner"):
        o = fp_owner_json(r)
        counts = [int(x) for x in r["touched"].split(",")]
        hold, max_set, verdict = fp_plan(fix, r, exp["coverage"]["mode"])
        if verdict in ("converted", "single", "none"):
            ready += hold
        o.update({"behaviour": r["behaviour"],
                  "sections": int(r["sections"]), "hold_ns": hold,
                  "hold_share": share(hold, total), "max_set": max_set,
                  "verdict": verdict, "none": int(r["none"]),
                  "touched": [lockset_bucket(i, len(counts), c)
                              for i, c in enumerate(counts)],
                  "max_touched": int(r["max_touched"]),
                  "init_net": int(r["init_net"]),
                  "covered": int(r["covered"]),
                  "uncovered": int(r["uncovered"])})
        if "all" in args or r["behaviour"] != "unseen" or any(
                o[k] for k in ("sections", "covered", "uncovered")):
            rows.append(with_extra(o, r, "owner"))
    exp["hidden"] = sum(1 for _ in records(fix, "footprint", "owner")) - \
        len(rows)
    # Most hold time first, then most sections, then by name (sorted()
    # is stable).
    exp["owners"] = sorted(rows, key=lambda o: (-o["hold_ns"],
                                                -o["sections"], o["owner"]))
    exp["ready"] = {"hold_ns": ready, "share": share(ready, total),
                    "total_ns": total}
    return compare(got, wrap(fix, "footprint", exp))


def share(part, total):
    """A share of all RTNL hold time as rtnlctl writes it: 6 decimals."""
    return float("%.6f" % (part / total)) if total else None


def fp_plan(fix, r, cov):
    """An owner's hold time, largest per-netns lock set and verdict, from
    stats (a handler), rtnl and locksets (another owner)."""
    hold = max_set = 0
    if r["type"] == "handler":
        for s in records(fix, "stats", "stat"):
            if all(s[k] == r[k] for k in ("family", "msgtype", "kind", "fn")):
                hold, max_set = int(s["hold_sum"]), int(s["max_set"])
                break
    else:
        for s in records(fix, "rtnl", "site"):
            if s["sym"] == r["fn"]:
                hold = int(s["hold_sum"])
                break
        for s in records(fix, "locksets", "lockset_max"):
            if s.get("owner") == r["fn"]:
                max_set = int(s["max_set"])
                break
    active = r["behaviour"] != "unseen" or any(
        int(r[k]) for k in ("sections", "covered", "uncovered"))
    mt = int(r["max_touched"])
    if not active:
        verdict = None
    elif cov != "unavailable" and (r["behaviour"] == "pernet" or max_set):
        verdict = "partial" if int(r["uncovered"]) else "converted"
    else:
        verdict = "none" if mt == 0 else "single" if mt == 1 else "multi"
    return hold, max_set, verdict


def check_events(got, fix, args):
    exp = fp_header(fix)
    rows = []
    for r, stack in with_stacks(fix, "footprint", "event"):
        o = fp_owner_json(r)
        name = r["name"] if r["name"] != "-" else None
        if name is None and r["src"] == "notify":
            name = MSGTYPES.get(int(r["code"]))
        o.update({"src": r["src"], "code": int(r["code"]), "name": name,
                  "covered": int(r["covered"]),
                  "uncovered": int(r["uncovered"])})
        rows.append(with_extra(o, r, "event"))
        o["stack"] = stack
    exp["events"] = sorted(rows, key=lambda o: (-o["uncovered"],
                                                -o["covered"]))
    return compare(got, wrap(fix, "footprint", exp))


def check_rtnl(got, fix, args):
    acq = next(records(fix, "rtnl", "acquire"))
    wait = next(records(fix, "rtnl", "wait"))
    hold = next(records(fix, "rtnl", "hold"))
    exp = {"acquire": {k: int(v) for k, v in acq.items()},
           "wait_ns": dist(wait, "", int(wait["count"])),
           "hold_ns": dist(hold, "", int(hold["count"])),
           "sites": []}
    # Most-held-first, whatever the file's order: descending hold_sum,
    # then count, then file order (sorted() is stable).
    sites = sorted(records(fix, "rtnl", "site"),
                   key=lambda r: (-int(r["hold_sum"]), -int(r["count"])))
    for r in sites:
        exp["sites"].append(with_extra(
            {"symbol": r["sym"], "count": int(r["count"]),
             **{k + "_ns": int(r[k]) for k in
                ("wait_sum", "wait_max", "hold_sum", "hold_max")}},
            r, "site"))
    exp = wrap(fix, "rtnl", exp)
    if os.path.exists(os.path.join(fix, "blocked")):
        exp["blocked"] = wrap(fix, "blocked", expected_blocked(fix))
    return compare(got, exp)


def expected_blocked(fix, pairs=True, comms=True, top=None):
    """The blocked object: totals, owner pairs and command-name pairs
    (most wait time first, then most waits), at most top rows each."""
    t = next(records(fix, "blocked", "blocked"))
    totals = {}
    for k in KNOWN["blocked"].split():
        ns = k in ("wait_sum", "charged")
        totals[k + "_ns" if ns else k] = int(t[k])
    exp = {"totals": with_extra(totals, t, "blocked")}

    def rows(rec, keys):
        out = []
        for r in records(fix, "blocked", rec):
            o = {k: r[k] for k in keys}
            n, total = int(r["waits"]), int(r["wait_sum"])
            o.update({"waits": n, "wait_sum_ns": total,
                      "wait_avg_ns": total // n if n else 0,
                      "wait_max_ns": int(r["wait_max"])})
            out.append(with_extra(o, r, rec))
        out.sort(key=lambda o: (-o["wait_sum_ns"], -o["waits"]))
        return out[:top] if top else out
    if pairs:
        exp["pairs"] = rows("pair", ("waiter", "waiter_type", "holder",
                                     "holder_type"))
    if comms:
        exp["comms"] = rows("comm", ("waiter", "holder"))
    return exp


def check_blocked(got, fix, args):
    """ARGS: "comm" for --comm (the command-name pairs only)."""
    exp = expected_blocked(fix, pairs="comm" not in args)
    return compare(got, wrap(fix, "blocked", exp))


def check_top(got, fix, args):
    """top -n 1 on a fixture that does not change: the now file as rtnl
    has it, the five pairs that waited longest, no activity."""
    errs = []
    if not isinstance(got.get("elapsed_ns"), int) or got["elapsed_ns"] <= 0:
        errs.append(f"$.elapsed_ns: {got.get('elapsed_ns')!r}")
    none = {"count": 0, "sum": 0, "avg": 0, "p50": 0, "p99": 0, "max": 0,
            "hist": [0] * 42}
    exp = {"seq": 1, "elapsed_ns": got.get("elapsed_ns"),
           "rtnl": {"wait_ns": none, "hold_ns": none}, "handlers": []}
    if os.path.exists(os.path.join(fix, "now")):
        exp["now"] = got.get("now")     # as rtnl has it: live-rtnl.json
    if os.path.exists(os.path.join(fix, "blocked")):
        exp["blocked"] = expected_blocked(fix, comms=False, top=5)
    return errs + compare(got, exp)


def lockset_rows(fix):
    """The lockset records, each with the max_set of the lockset_max of
    its owner that closes it (the next one of that owner, with no other
    lockset_max in between), or None."""
    rows, open_rows = [], []
    with open(os.path.join(fix, "locksets")) as f:
        lines = f.read().splitlines()[1:]
    for line in lines:
        words = line.split()
        if not words or words[0] not in ("lockset", "lockset_max"):
            continue
        r = fields(words[1:])
        if words[0] == "lockset":
            r["_max"] = None
            rows.append(r)
            open_rows.append(r)
            continue
        for o in open_rows:
            if o["owner"] == r["owner"]:
                o["_max"] = int(r["max_set"])
        open_rows = []
    return rows


def check_locksets(got, fix, args):
    exp = []
    for r in lockset_rows(fix):
        m = r.pop("_max")
        o = {"owner": r["owner"],
             "size": set_size(r["size"])[0],
             "size_max": set_size(r["size"])[1],
             "or_more": set_size(r["size"])[2],
             "init_net": r["init_net"] == "1",
             "count": int(r["count"]),
             "max_set": m}
        exp.append(with_extra(o, r, "lockset"))
    return compare(got, wrap(fix, "locksets", {"locksets": exp}))


TIMES = ("wait_sum", "wait_max", "hold_sum", "hold_max")


def check_netns(got, fix, args):
    """ARGS: INUM=NAME for the namespaces that have a name,
    INUM@NPROCS,PID,COMMAND for those with processes, and "all" for -a
    (else only netns with a figure other than 0 are listed)."""
    names = dict(a.split("=", 1) for a in args if "=" in a)
    procs = dict(a.split("@", 1) for a in args if "@" in a)
    exp, hidden = [], 0
    for r in records(fix, "netns", "netns"):
        # An older module's record has no state: it listed live netns.
        state = r.get("state", "live")
        if "all" not in args and not any(
                int(r[k]) for k in ("requests", "locks", "wait_sum",
                                    "hold_sum")):
            hidden += 1
            continue
        # Names and processes of a live netns only: inums are reused.
        live = state == "live"
        e = {"name": names.get(r["inum"]) if live else None}
        e.update({k: int(r[k]) for k in ("inum", "cookie")})
        e["state"] = state
        e.update({k: int(r[k]) for k in ("requests", "locks")})
        e.update({k + "_ns": int(r[k]) for k in TIMES})
        nprocs, pid, comm = (procs.get(r["inum"], "0,,") if live
                             else "0,,").split(",")
        e.update({"nprocs": int(nprocs), "pid": int(pid) if pid else None,
                  "command": comm or None})
        e["exit_ns"] = int(r["exit_ns"]) if "exit_ns" in r else None
        exp.append(with_extra(e, r, "netns"))
    exited = None
    for r in records(fix, "netns", "exited"):
        exited = {k: int(r[k]) for k in ("nets", "requests", "locks")}
        exited.update({k + "_ns": int(r[k]) for k in TIMES})
        exited = with_extra(exited, r, "exited")
        break
    return compare(got, wrap(fix, "netns", {"exited": exited,
                                            "hidden": hidden, "netns": exp}))


KINDS = ["order", "recursion", "too_many", "no_rtnl", "rtnl_inversion",
         "unbalanced_unlock", "leak", "unlocked_touch"]


def role(kind, i):
    """What net i of a violation of kind is to the task."""
    if kind == "unbalanced_unlock":
        return "unlocking"
    if kind == "unlocked_touch":
        return "touched"
    if kind in ("rtnl_inversion", "leak"):
        return "held"
    if kind in KINDS:
        return "held" if i else "locking"
    return "net"


def check_violations(got, fix, args):
    exp, others = [], []
    totals, ring = {}, None
    with open(os.path.join(fix, "violations")) as f:
        for line in f.read().splitlines()[1:]:
            words = line.split()
            if not words:
                continue
            if words[0] == "stack":
                exp[-1]["stack"].append(" ".join(words[1:]))
                continue
            if words[0] == "total":
                r = dict(w.split("=", 1) for w in words[1:])
                totals[r["kind"]] = int(r["count"])
                cur = None
                continue
            if words[0] == "ring":
                r = dict(w.split("=", 1) for w in words[1:])
                ring = with_extra({k: int(r[k]) for k in
                                   ("first", "last", "dropped")}, r, "ring")
                cur = None
                continue
            if words[0] != "violation":
                # A newer record: a violation's own, or the file's.
                if exp and cur is not None:
                    cur.setdefault("other_records", []).append(
                        other_record(words))
                else:
                    others.append(other_record(words))
                continue
            r = dict(w.split("=", 1) for w in words[1:])
            nets = [] if r["nets"] == "-" else [
                {"role": role(r["kind"], i),
                 **dict(zip(("inum", "cookie"), map(int, n.split(":"))))}
                for i, n in enumerate(r["nets"].split(","))]
            cur = with_extra({"kind": r["kind"], "nets": nets,
                              "count": int(r["count"]), "comm": r["comm"],
                              "pid": int(r["pid"]), "owner": r["owner"],
                              "time_ns": int(r["time_ns"])}, r, "violation")
            cur["stack"] = []
            exp.append(cur)
    kinds = KINDS + [k for k in totals if k not in KINDS]
    if not totals:
        for v in exp:
            totals[v["kind"]] = totals.get(v["kind"], 0) + v["count"]
            if v["kind"] not in kinds:
                kinds.append(v["kind"])
    # other_records of a violation come after its stack.
    for v in exp:
        if "other_records" in v:
            v["other_records"] = v.pop("other_records")
    obj = {"totals": {k: totals.get(k, 0) for k in kinds}, "violations": exp}
    if ring is not None:
        obj["ring"] = ring
    if others:
        obj["other_records"] = others
    return compare(got, obj)


def optional(obj, r, keys):
    """obj plus the numbers of keys that record r has (an older module
    writes none of them)."""
    for k in keys:
        if k in r:
            obj[k] = int(r[k])
    return obj


def check_status(got, fix, args):
    mod = next(records(fix, "status", "module"))
    drops = next(records(fix, "status", "drops"))
    exp = with_extra({"loaded": True}, mod, "module")
    exp.update({"format_version": 2, "kernel": mod["kernel"],
                "enabled": mod["enabled"] == "1",
                "violation_action": mod["violation_action"],
                "max_nets": int(mod["max_nets"])})
    optional(exp, mod, ("max_tasks", "max_sites"))
    exp.update({"features": [with_extra({"name": r["name"],
                                         "state": r["state"]}, r, "feature")
                             for r in records(fix, "status", "feature")],
                "probes": [with_extra(optional(
                               {"name": r["name"], "state": r["state"],
                                "addrs": int(r["addrs"]),
                                "nmissed": int(r["nmissed"]),
                                "error": int(r["error"])},
                               r, ("owners", "scans", "unslotted")),
                               r, "probe")
                           for r in records(fix, "status", "probe")],
                "drops": {k: value(v) for k, v in drops.items()}})
    for mem in records(fix, "status", "memory"):
        exp["memory"] = {k: value(v) for k, v in mem.items()}
        break
    return compare(got, wrap(fix, "status", exp))


CHECKS = {"stats": check_stats, "handlers": check_handlers,
          "summary": check_summary, "rtnl": check_rtnl,
          "locksets": check_locksets, "netns": check_netns,
          "violations": check_violations, "status": check_status,
          "todo": check_todo, "events": check_events,
          "blocked": check_blocked, "top": check_top}


def json_keys(value, keys):
    """Every object key in a JSON value, except data-valued keys: those
    of "extra" and of other records' "fields" are the module's."""
    if isinstance(value, dict):
        for k, v in value.items():
            keys.add(k)
            if k not in ("extra", "fields"):
                json_keys(v, keys)
    elif isinstance(value, list):
        for v in value:
            json_keys(v, keys)
    return keys


def documented(man, files):
    """Every JSON field name in FILES appears in bold in the man page."""
    bold = set()
    with open(man) as f:
        for line in f:
            if re.match(r"\.(B|BR|RB|BI)\s", line):
                bold |= set(re.findall(r"[A-Za-z0-9_]+", line[3:]))
    keys = set()
    for path in files:
        with open(path) as f:
            for line in f:
                if line.strip():
                    json_keys(json.loads(line), keys)
    # Map keys of errnos and locksets are data, not field names.
    keys -= set(ERRNOS.values())
    keys = {k for k in keys if not re.fullmatch(r"\d+(-\d+|\+)?", k)}
    missing = sorted(keys - bold)
    return [f"undocumented JSON field: {k}" for k in missing]


def main():
    check, out = sys.argv[1], sys.argv[2]
    if check == "documented":
        errs = documented(out, sys.argv[3:])
    else:
        with open(out) as f:
            got = json.load(f)
        errs = CHECKS[check](got, sys.argv[3], sys.argv[4:])
    for e in errs[:20]:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
