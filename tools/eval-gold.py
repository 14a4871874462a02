#!/usr/bin/env python3
"""eval-gold.py - scores dyad against a gold JSON lines file (tests/gold/dev.jsonl) until
`dyad eval gold` exists: precision, recall and F1 over (source, target, code) triples per sentence,
at the full-code level and at the root level (first two digits of the code).

Actors compare by country part (first three letters; IGO codes whole; '-' for none), as in
tests/spec/check_spec.py. Triples are sets per document, so a repeated event counts once.
usage: tools/eval-gold.py GOLD.jsonl [--dyad build/dyad] [--floor F] [--misses]
exit 1 when root-level F1 < F (default 0), 2 on usage or input errors."""
import argparse
import json
import subprocess
import sys


def actor(a):
    """Country part of an actor object or code string; '-' for none."""
    if not a or a == "-":
        return "-"
    code = a["code"] if isinstance(a, dict) else a
    return code if code.startswith("IGO") else code[:3]


def load_gold(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                gold = {(actor(g["source"]), actor(g["target"]), g["code"]) for g in d["gold"]}
                docs.append((str(d["id"]), d["text"], d.get("date", ""), gold))
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"{path}:{n}: bad gold line ({e}); expected id, text, date, gold")
    return docs


def run_dyad(dyad, docs):
    batch = "".join(json.dumps({"id": i, "text": t, "date": d}) + "\n" for i, t, d, _ in docs)
    out = subprocess.run([dyad, "code", "--format", "jsonl"], input=batch,
                         capture_output=True, text=True, timeout=600)
    got = {}
    for line in out.stdout.splitlines():
        e = json.loads(line)
        if e["mode"]["hypothetical"] or e["mode"]["conditional"]:
            continue  # did not happen: not coded (tests/gold/README.md)
        if (e.get("attribution") or {}).get("stance") in ("allege", "deny"):
            continue  # a claim, not an established event: only the accusation or denial is coded
        got.setdefault(str(e["doc"]), set()).add((actor(e["source"]), actor(e["target"]), e["code"]))
    return got


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(docs, got, level):
    """level: function mapping a code to the compared string. Returns (tp, predicted, gold)."""
    tp = npred = ngold = 0
    for i, _, _, gold in docs:
        g = {(s, t, level(c)) for s, t, c in gold}
        p = {(s, t, level(c)) for s, t, c in got.get(i, set())}
        tp += len(g & p)
        npred += len(p)
        ngold += len(g)
    return tp, npred, ngold


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--floor", type=float, default=0.0)
    ap.add_argument("--misses", action="store_true", help="print each sentence whose sets differ")
    a = ap.parse_args()
    docs = load_gold(a.gold)
    got = run_dyad(a.dyad, docs)
    if a.misses:
        for i, text, _, gold in docs:
            p = got.get(i, set())
            if p != gold:
                print(f"miss {i}: gold {sorted(gold)} got {sorted(p)}: {text}")
    f_root = 0.0
    for name, level in (("root", lambda c: c[:2]), ("code", lambda c: c)):
        tp, npred, ngold = score(docs, got, level)
        p, r, f = prf(tp, npred, ngold)
        if name == "root":
            f_root = f
        print(f"{name:4} level: P={p:.3f} R={r:.3f} F1={f:.3f}  (tp {tp}, predicted {npred}, gold {ngold})")
    empty = [i for i, _, _, g in docs if not g]
    quiet = sum(1 for i in empty if not got.get(i))
    print(f"{len(docs)} sentences; {quiet} of {len(empty)} no-event sentences coded nothing")
    ok = f_root >= a.floor
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
