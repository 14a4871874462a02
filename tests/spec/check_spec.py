#!/usr/bin/env python3
"""Run tests/spec/*.txt cases ("CODE SOURCE TARGET sentence", tab-separated) through `dyad code`
in one JSON lines batch and report each case. A case passes when some event of its sentence has
that code and the source's and target's country parts (first three letters; IGO codes compare
whole) match, '-' meaning no target. A two-digit root CODE ("01" ... "20") is met by any code of
that root, its "X0" code included (010 for 01, 190 for 19): the coder never emits a bare root. Prints misses, then 'N passed, N failed'.
Usage: check_spec.py DYAD SPECFILE... [--floor N]   (exit 1 when fewer than N pass)"""
import json
import subprocess
import sys


def country(a):
    if not a:
        return "-"
    c = a["code"]
    return c if c.startswith("IGO") else c[:3]


def code_matches(want, got):
    """True when an event coded `got` meets a case that wants `want` (see the module comment)."""
    if len(want) == 2:
        return got[:2] == want
    return got == want


def load(paths):
    cases = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 4:
                    print(f"{path}:{n}: expected 4 tab-separated fields")
                    continue
                cases.append((f"{path}:{n}", *parts))
    return cases


def main():
    args = sys.argv[1:]
    floor = 0
    if "--floor" in args:
        i = args.index("--floor")
        floor = int(args[i + 1])
        del args[i:i + 2]
    dyad, files = args[0], args[1:]
    cases = load(files)
    batch = "".join(json.dumps({"id": str(i), "text": c[4], "date": "2024-06-19"}) + "\n" for i, c in enumerate(cases))
    out = subprocess.run([dyad, "code", "--format", "jsonl"], input=batch, capture_output=True, text=True, timeout=300)
    got = {}
    for line in out.stdout.splitlines():
        e = json.loads(line)
        got.setdefault(e["doc"], []).append((e["code"], country(e["source"]), country(e["target"])))
    passed = 0
    for i, (where, code, src, tgt, text) in enumerate(cases):
        evs = got.get(str(i), [])
        if any(code_matches(code, c) and s == src and t == tgt for c, s, t in evs):
            passed += 1
        else:
            print(f"miss {where}: want {code} {src}->{tgt}, got {evs or 'nothing'}: {text}")
    failed = len(cases) - passed
    print(f"{passed} of {len(cases)} spec cases coded as written")
    ok = passed >= floor
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
