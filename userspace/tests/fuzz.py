#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Seeded mutation fuzz of rtnlctl's debugfs parser.

Usage: fuzz.py [options] RTNLCTL GOOD_FIXTURE [FIXTURE_DIR...]

Every FIXTURE_DIR (hand-made and regression fixtures) is run as it is,
then CASES mutated copies of GOOD_FIXTURE: one or more files damaged by
byte flips, truncation, deleted, duplicated or swapped lines, huge,
negative or non-numeric numbers, overlong lines and fields, missing '=',
NUL bytes, invalid UTF-8 or a very long file. Each is read by a sample of
the rtnlctl commands that read the damaged files, in text and JSON mode.

A run passes when rtnlctl exits 0 or 1 (not by a signal, not by a
sanitizer), and
  - on 0: nothing on stderr; with -j, stdout is one valid JSON text;
  - on 1: in text mode nothing on stdout and exactly one line
    "Error: ..." on stderr; with -j nothing on stderr and exactly one line
    {"error": "..."} on stdout.
Case I of seed S is the same everywhere: --case I --save DIR writes it
out for a closer look. Exit status 1 on any failure.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

# The files each command reads, and the command lines to try.
FILES = ["version", "status", "handlers", "stats", "rtnl", "locksets",
         "netns", "violations", "footprint", "blocked"]
COMMANDS = {
    "version": [["status"], ["metrics"]],
    "status": [["status"], ["metrics"]],
    "handlers": [["handlers"], ["handlers", "--summary"], ["metrics"],
                 ["handlers", "--sort", "owner", "--top", "3"]],
    "stats": [["stats"], ["stats", "--sort", "errors"],
              ["stats", "--sort", "latency", "--top", "2"],
              ["stats", "--sort", "hold"], ["stats", "--sort", "wait"],
              ["stats", "--family", "inet", "--type", "newaddr"],
              ["stats", "--hist", "rtnl_newlink"],
              ["stats", "--hist", "inet6_rtm_newaddr"], ["metrics"],
              ["stats", "--output-all", "-r", "--sort", "lat_p99"],
              ["stats", "-n", "-o", "+SETS,ERRNOS", "--sort", "handler"],
              ["watch", "-n", "1", "-i", "0.001"]],
    "rtnl": [["rtnl"], ["metrics"], ["watch", "-n", "1", "-i", "0.001"]],
    "locksets": [["locksets"], ["metrics"], ["locksets", "--sort", "size"]],
    "netns": [["netns"], ["metrics"], ["netns", "--output-all", "-r"],
              ["netns", "-a", "--sort", "state"]],
    "violations": [["violations"], ["metrics"]],
    "footprint": [["todo"], ["todo", "--events"], ["metrics"],
                  ["todo", "-e", "--sort", "event", "--top", "2"],
                  ["handlers", "--summary"],
                  ["todo", "-a", "--sort", "max", "-o", "+TOUCHED"]],
    "blocked": [["blocked"], ["blocked", "--comm"], ["rtnl"], ["metrics"],
                ["top", "-n", "1", "-i", "0.001"],
                ["blocked", "--sort", "waits", "--top", "2", "-r"]],
}
MODES = [[], ["-j"], ["-p"]]

HUGE = [b"18446744073709551615", b"18446744073709551616",
        b"99999999999999999999999999999999", b"9223372036854775807",
        b"9223372036854775808", b"-9223372036854775808", b"-1", b"4294967296",
        b"0", b"00000000000000000000000000001"]
JUNK = [b"abc", b"0x10", b"1e3", b"1.5", b"", b"+1", b"-", b"--1", b"1,2",
        b"nan", b" ", b"=", b"==", b"0x", b"\t1", b"1\r", b"[x]", b":",
        b"1:", b":1", b",", b",,,", b"other", b"-:-"]
BAD_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xe2\x82",
            b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80", b"\x1b[2J", b"\x7f",
            b"\"\\", b"\xc3\xa9"]


def split_lines(data):
    return data.split(b"\n")


def numbers(data):
    """Offsets (start, end) of the runs of digits in data."""
    spans, i = [], 0
    while i < len(data):
        if 48 <= data[i] <= 57:
            j = i
            while j < len(data) and 48 <= data[j] <= 57:
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def replace_number(rng, data, values):
    spans = numbers(data)
    if not spans:
        return data
    a, b = rng.choice(spans)
    return data[:a] + rng.choice(values) + data[b:]


def mutate_bytes(rng, data):
    """One mutation of one file's contents."""
    lines = split_lines(data)
    op = rng.randrange(16)
    if op == 0 and data:                        # bit flips
        buf = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
        return bytes(buf)
    if op == 1:                                 # truncation
        return data[:rng.randint(0, len(data))]
    if op == 2 and len(lines) > 1:              # deleted line
        del lines[rng.randrange(len(lines))]
        return b"\n".join(lines)
    if op == 3:                                 # duplicated line
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randint(1, 3)
        return b"\n".join(lines)
    if op == 4 and len(lines) > 1:              # swapped lines
        i, j = rng.sample(range(len(lines)), 2)
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    if op == 5:                                 # huge or negative number
        return replace_number(rng, data, HUGE)
    if op == 6:                                 # not a number at all
        return replace_number(rng, data, JUNK)
    if op == 7:                                 # overlong line
        i = rng.randrange(len(lines))
        lines[i] += b" " + rng.choice([b"x", b"k=", b"[m]", b"a=1"]) * \
            rng.choice([100, 5000, 70000])
        return b"\n".join(lines)
    if op == 8:                                 # overlong field value
        i = rng.randrange(len(data) + 1)
        fill = rng.choice([b"a", b"9", b",", b"1,", b"1:1,", b":"])
        return data[:i] + fill * rng.choice([30, 47, 48, 300, 70000]) + \
            data[i:]
    if op == 9 and b"=" in data:                # missing '='
        eqs = [i for i, c in enumerate(data) if c == 61]
        i = rng.choice(eqs)
        return data[:i] + rng.choice([b"", b" ", b"=="]) + data[i + 1:]
    if op == 10:                                # NUL byte
        i = rng.randrange(len(data) + 1)
        return data[:i] + b"\0" + data[i:]
    if op == 11:                                # invalid UTF-8, controls
        i = rng.randrange(len(data) + 1)
        return data[:i] + rng.choice(BAD_UTF8) + data[i:]
    if op == 12:                                # whitespace games
        i = rng.randrange(len(data) + 1)
        return data[:i] + rng.choice([b"  ", b"\t", b"\r", b"\n", b"\n\n",
                                      b" [", b"] ", b" []", b" [x]"]) + \
            data[i:]
    if op == 13 and len(lines) > 2:             # a key or record renamed
        i = rng.randrange(1, len(lines))
        words = lines[i].split(b" ")
        j = rng.randrange(len(words))
        words[j] = rng.choice([b"", b"x", b"=", b"stack", b"total",
                               b"violation", b"acquire", b"wait", b"hold",
                               b"pair", b"comm", b"blocked",
                               b"module", b"drops", b"feature", b"probe",
                               words[j] + b"=1", words[j].split(b"=")[0]])
        lines[i] = b" ".join(words)
        return b"\n".join(lines)
    if op == 14 and len(lines) > 2:             # a very long file
        i = rng.randrange(1, len(lines))
        lines[i:i] = [lines[i]] * rng.choice([100, 100, 1000, 1000, 20000])
        return b"\n".join(lines)
    if op == 15:                                # a comma list resized
        spans = [i for i, c in enumerate(data) if c == 44]
        if spans:
            i = rng.choice(spans)
            return data[:i] + rng.choice([b"", b",0", b",,", b",0,0"]) + \
                data[i + 1:]
    return data + rng.choice([b"", b"\n", b"x", b"x=1\n"])


def make_case(good, seed, index):
    """Case index of seed: (files, names of damaged files)."""
    rng = random.Random(seed * 1000003 + index)
    files = dict(good)
    damaged = rng.sample(FILES, rng.choice([1, 1, 1, 2]))
    for name in damaged:
        data = files[name]
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            data = mutate_bytes(rng, data)
        if rng.randrange(40) == 0:              # another file's contents
            data = good[rng.choice(FILES)]
        files[name] = data
    if rng.randrange(50) == 0:                  # a file missing
        del files[rng.choice(damaged)]
    cmds = []
    for name in damaged:
        for c in COMMANDS[name]:
            for m in MODES:
                if m + c not in cmds:
                    cmds.append(m + c)
    return files, damaged, rng.sample(cmds, min(len(cmds), RUNS_PER_CASE))


RUNS_PER_CASE = 2


def write_fixture(path, files):
    os.makedirs(path, exist_ok=True)
    for name in os.listdir(path):
        os.unlink(os.path.join(path, name))
    for name, data in files.items():
        with open(os.path.join(path, name), "wb") as f:
            f.write(data)


def check(args, rc, out, err):
    """None when a run passed, else what went wrong."""
    json_mode = args[0] in ("-j", "-p")
    if rc is None:
        return "no exit within %d s (killed)" % HANG
    if rc < 0:
        return "killed by signal %d" % -rc
    if rc not in (0, 1):
        return "exit status %d" % rc
    if rc == 0:
        if err:
            return "exit status 0 with stderr output"
        if not json_mode:
            return None
        try:
            json.loads(out.decode("utf-8"), parse_constant=bad_constant)
        except ValueError as e:
            return "invalid JSON on success: %s" % e
        return None
    if not json_mode:
        if out:
            return "error with stdout output"
        if not err.startswith(b"Error: ") or not err.endswith(b"\n") or \
           err.count(b"\n") != 1:
            return "error output is not one 'Error: ' line"
        return None
    if err:
        return "JSON-mode error with stderr output"
    if not out.endswith(b"\n") or out.count(b"\n") != 1:
        return "JSON error is not one line"
    try:
        obj = json.loads(out.decode("utf-8"), parse_constant=bad_constant)
    except ValueError as e:
        return "JSON error is invalid JSON: %s" % e
    if not isinstance(obj, dict) or list(obj) != ["error"] or \
       not isinstance(obj["error"], str) or not obj["error"]:
        return "JSON error is not {\"error\": \"...\"}"
    return None


def bad_constant(name):
    raise ValueError("%s is not JSON" % name)


# A hang guard, not a speed test: the slowest run of seed 1 (20,000 copies
# of a stats record, 91 MB of JSON out) takes 23 s under the sanitizers on
# an idle host and more than 60 s beside a VM. The slowest run is printed.
HANG = 600


def run(rtnlctl, fixture, args):
    """(exit status or None on a hang, stdout, stderr, seconds)."""
    env = dict(os.environ, RTNL_NET_TRACE_DIR=fixture,
               RTNLCTL_NETNS_DIR=os.path.join(fixture, "nonexistent"),
               RTNLCTL_PROC_DIR=os.path.join(fixture, "nonexistent"),
               RTNLCTL_MOUNTINFO=os.path.join(fixture, "nonexistent"))
    t0 = time.monotonic()
    try:
        p = subprocess.run([rtnlctl] + args, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=HANG)
    except subprocess.TimeoutExpired as e:
        return None, b"", e.stderr or b"", time.monotonic() - t0
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


def all_commands():
    cmds = []
    for name in FILES:
        for c in COMMANDS[name]:
            for m in MODES:
                if m + c not in cmds:
                    cmds.append(m + c)
    return cmds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=2500)
    ap.add_argument("--case", type=int, help="only this case")
    ap.add_argument("--save", help="write the case's fixture here")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("rtnlctl")
    ap.add_argument("good")
    ap.add_argument("fixtures", nargs="*")
    a = ap.parse_args()

    good = {}
    for name in os.listdir(a.good):
        with open(os.path.join(a.good, name), "rb") as f:
            good[name] = f.read()
    if a.case is not None and a.save:
        files, damaged, cmds = make_case(good, a.seed, a.case)
        write_fixture(a.save, files)
        print("damaged: %s" % " ".join(damaged))
        for c in cmds:
            print("RTNL_NET_TRACE_DIR=%s rtnlctl %s" % (a.save, " ".join(c)))
        return 0

    tmp = tempfile.mkdtemp(prefix="rtnlctl-fuzz.")
    fixtures = [a.good] + [f for f in a.fixtures
                           if os.path.realpath(f) != os.path.realpath(a.good)]
    cases = [a.case] if a.case is not None else range(a.cases)
    work = [("fixture", fix) for fix in fixtures] + [("case", i) for i in cases]

    def one(item):
        """Run a fixture or a case: [(label, args, rc, why, stderr)]."""
        what, x = item
        if what == "fixture":
            label, path, cmds = x, x, all_commands()
        else:
            files, _, cmds = make_case(good, a.seed, x)
            label, path = "case %d" % x, os.path.join(tmp, "case%d" % x)
            write_fixture(path, files)
        res = []
        for c in cmds:
            rc, out, err, secs = run(a.rtnlctl, path, c)
            res.append((label, c, rc, check(c, rc, out, err), err, secs))
        if what == "case":
            shutil.rmtree(path)
        return res

    exits, failures, runs, slowest = {}, [], 0, (0.0, "", [])
    try:
        with ThreadPoolExecutor(max_workers=a.jobs) as pool:
            for res in pool.map(one, work):
                for label, args, rc, why, err, secs in res:
                    runs += 1
                    slowest = max(slowest, (secs, label, args))
                    key = "hang" if rc is None else \
                        "signal" if rc < 0 else str(rc)
                    exits[key] = exits.get(key, 0) + 1
                    if why:
                        failures.append((label, args, why, err))
    finally:
        shutil.rmtree(tmp)

    for label, args, why, err in failures[:20]:
        print("# FAIL %s: rtnlctl %s: %s" % (label, " ".join(args), why))
        for line in err.decode("utf-8", "replace").splitlines()[:15]:
            print("#   " + line)
        if label.startswith("case "):
            print("#   reproduce: %s --seed %d --case %s --save DIR %s %s" %
                  (sys.argv[0], a.seed, label[5:], a.rtnlctl, a.good))
    print("# slowest run: %.1f s, %s: rtnlctl %s" %
          (slowest[0], slowest[1], " ".join(slowest[2])))
    print("# fuzz seed %d: %d fixtures + %d mutations, %d runs, exits %s, "
          "%d failed" % (a.seed, len(fixtures), len(cases), runs,
                         " ".join("%s:%d" % kv for kv in sorted(exits.items())),
                         len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
