#!/usr/bin/env python3
"""Project dyad's JSON events onto the fields a reviewer judges (one tab-separated line per
event), leaving out what changes whenever a dictionary file is edited (entry line numbers,
event ids). Used by test_golden.sh for both the expected and the actual output."""
import json
import sys


def actor(a):
    if not a:
        return "-"
    role = f" [{a['role']}]" if a.get("role") else ""
    return f"{a['code']}({a['text']}){role} {a['entry']} {a.get('how', '')}"


def main():
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            e = json.loads(line)
        except json.JSONDecodeError as err:
            print(f"line {n}: not JSON: {err}")
            continue
        mode = ",".join(k for k, v in sorted(e["mode"].items()) if v) or "-"
        att = e.get("attribution")
        said = "-"
        if att:
            sp = att.get("speaker") or {}
            said = f"{att['stance']}:{sp.get('code') or '?'}"
        ev = e["evidence"]
        pl = e.get("place")
        place = f"{pl['name']}({pl['country'] or '-'},{pl['precision']},{pl['basis']})" if pl else "-"
        print("\t".join([
            f"{e['doc']}#{e['sent']}", f"{e['date']}/{e['date_precision']}",
            actor(e["source"]), actor(e["target"]), e["code"], e["plover"], mode, said,
            e["rule"]["id"], str(e["rule"].get("grammar")), f"{ev['span'][0]}-{ev['span'][1]}", place,
        ]))


if __name__ == "__main__":
    main()
