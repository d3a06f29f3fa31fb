#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A strict validator for the Prometheus text exposition format (0.0.4).

Usage: promcheck.py FILE [EXPECTED_SAMPLE_LINE...]

Checks:
- metric names match [a-zA-Z_:][a-zA-Z0-9_:]*, label names
  [a-zA-Z_][a-zA-Z0-9_]*, label values are quoted with only \\\\, \\" and
  \\n escapes, and values are floats;
- every family has one HELP and one TYPE line, both before its samples,
  and the samples of a family are contiguous;
- no series appears twice;
- counters are non-negative;
- histograms: per label set, buckets with increasing le, cumulative
  counts, a last bucket le="+Inf" equal to _count, and a _sum.
Every EXPECTED_SAMPLE_LINE must appear verbatim. Exit status 1 on any
problem, with the problems printed.
"""
import math
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r"[a-zA-Z_][a-zA-Z0-9_]*"
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def parse_labels(text, errs, lineno):
    """Parse 'a="x",b="y"' strictly; returns a tuple of pairs."""
    labels = []
    i = 0
    while i < len(text):
        m = re.compile(LABEL + '="').match(text, i)
        if not m:
            errs.append(f"line {lineno}: bad label at {text[i:]!r}")
            return None
        name = text[i:m.end() - 2]
        i = m.end()
        val = []
        while True:
            if i >= len(text):
                errs.append(f"line {lineno}: unterminated label value")
                return None
            c = text[i]
            if c == "\\":
                if i + 1 >= len(text) or text[i + 1] not in '\\"n':
                    errs.append(f"line {lineno}: bad escape in label value")
                    return None
                val.append({"n": "\n"}.get(text[i + 1], text[i + 1]))
                i += 2
            elif c == '"':
                i += 1
                break
            elif c == "\n":
                errs.append(f"line {lineno}: raw newline in label value")
                return None
            else:
                val.append(c)
                i += 1
        if any(n == name for n, _ in labels):
            errs.append(f"line {lineno}: duplicate label {name}")
        labels.append((name, "".join(val)))
        if i < len(text):
            if text[i] != ",":
                errs.append(f"line {lineno}: expected ',' in labels")
                return None
            i += 1
    return tuple(labels)


def parse_value(text):
    if text in ("+Inf", "-Inf", "NaN"):
        return float(text.replace("Inf", "inf").replace("NaN", "nan"))
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
        raise ValueError(text)
    return float(text)


def family_of(name, types):
    """The declared family a sample name belongs to, or None."""
    if name in types:
        return name
    for suffix in ("_bucket", "_sum", "_count"):
        base = name[:-len(suffix)]
        if name.endswith(suffix) and types.get(base) in ("histogram",
                                                          "summary"):
            return base
    return None


def check(lines):
    errs = []
    helps, types = {}, {}
    finished, current = set(), None
    series = set()
    hists = {}
    sample_re = re.compile(r"(" + NAME + r")(\{(.*)\})? (\S+)( -?\d+)?$")
    for lineno, line in enumerate(lines, 1):
        if line.startswith("#"):
            m = re.fullmatch(r"# (HELP|TYPE) (" + NAME + r") (.*)", line)
            if not m:
                if re.match(r"# (HELP|TYPE)", line):
                    errs.append(f"line {lineno}: bad {line[2:6]} line")
                continue
            kind, name, rest = m.groups()
            table = helps if kind == "HELP" else types
            if name in table:
                errs.append(f"line {lineno}: second {kind} for {name}")
            if name in finished or name == current:
                errs.append(f"line {lineno}: {kind} for {name} after "
                            "its samples")
            if kind == "TYPE" and rest not in TYPES:
                errs.append(f"line {lineno}: unknown type {rest!r}")
            table[name] = rest
            continue
        if not line.strip():
            errs.append(f"line {lineno}: empty line")
            continue
        m = sample_re.fullmatch(line)
        if not m:
            errs.append(f"line {lineno}: bad sample line {line!r}")
            continue
        name, _, ltext, vtext, _ = m.groups()
        labels = parse_labels(ltext, errs, lineno) if ltext else ()
        if labels is None:
            continue
        try:
            value = parse_value(vtext)
        except ValueError:
            errs.append(f"line {lineno}: bad value {vtext!r}")
            continue
        fam = family_of(name, types)
        if fam is None:
            errs.append(f"line {lineno}: sample {name} before its TYPE")
            continue
        if fam not in helps:
            errs.append(f"line {lineno}: sample {name} before its HELP")
        if fam != current:
            if fam in finished:
                errs.append(f"line {lineno}: samples of {fam} are not "
                            "contiguous")
            if current:
                finished.add(current)
            current = fam
        key = (name, tuple(sorted(labels)))
        if key in series:
            errs.append(f"line {lineno}: duplicate series {name}{labels}")
        series.add(key)
        if types[fam] == "counter" and not value >= 0:
            errs.append(f"line {lineno}: negative counter {name}")
        if types[fam] == "histogram":
            base = tuple(sorted(l for l in labels if l[0] != "le"))
            h = hists.setdefault((fam, base), {"buckets": []})
            if name.endswith("_bucket"):
                le = dict(labels).get("le")
                if le is None:
                    errs.append(f"line {lineno}: bucket without le")
                    continue
                h["buckets"].append((parse_value(le), value, lineno))
            else:
                h[name[len(fam) + 1:]] = value
    for (fam, base), h in hists.items():
        where = f"{fam}{dict(base)}"
        b = h["buckets"]
        if not b or not math.isinf(b[-1][0]):
            errs.append(f"{where}: last bucket is not le=\"+Inf\"")
        for (le0, c0, _), (le1, c1, ln) in zip(b, b[1:]):
            if not le1 > le0:
                errs.append(f"line {ln}: le not increasing in {where}")
            if c1 < c0:
                errs.append(f"line {ln}: buckets not cumulative in {where}")
        if "count" not in h or "sum" not in h:
            errs.append(f"{where}: missing _count or _sum")
        elif b and b[-1][1] != h["count"]:
            errs.append(f"{where}: +Inf bucket {b[-1][1]} != _count "
                        f"{h['count']}")
    for fam in types:
        if fam not in helps:
            errs.append(f"{fam}: TYPE without HELP")
    return errs


def main():
    with open(sys.argv[1]) as f:
        text = f.read()
    errs = []
    if not text.endswith("\n"):
        errs.append("output does not end with a newline")
    lines = text.split("\n")[:-1]
    errs += check(lines)
    present = set(lines)
    for want in sys.argv[2:]:
        if want not in present:
            errs.append(f"missing sample: {want}")
    for e in errs[:30]:
        print(e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
