#!/usr/bin/python3
"""validate.py - checks dyad's JSON lines output against docs/event.schema.json.

Usage: validate.py SCHEMA [FILE...]   (reads stdin when no FILE or FILE is "-")
Every non-empty line must be a JSON object valid under the schema (draft 2020-12) and must pass
the cross-field checks below. Prints one message per bad line and a summary on stderr.
Exit status: 0 all lines valid and at least --min-events events; 1 some line invalid; 2 too few
events (or usage / missing jsonschema).
"""
import argparse
import datetime
import json
import sys

try:
    import jsonschema
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write("validate.py: python3-jsonschema is missing; run tools/install-test-deps.sh\n")
    sys.exit(2)


def semantic_errors(ev):
    """Checks the schema cannot express; returns a list of messages (empty when fine)."""
    errs = []
    if not ev["code"].startswith(ev["root"]):
        errs.append("root %r is not the first two digits of code %r" % (ev["root"], ev["code"]))
    try:
        datetime.date.fromisoformat(ev["date"])
    except ValueError:
        errs.append("date %r is not a calendar date" % ev["date"])
    spans = [("evidence.span", ev["evidence"]["span"])]
    for role in ("source", "target"):
        if ev[role] is not None:
            spans.append((role + ".span", ev[role]["span"]))
    for name, (start, end) in spans:
        if start > end:
            errs.append("%s [%d, %d] ends before it starts" % (name, start, end))
    return errs


def describe(err):
    """One line for a schema error; for oneOf/anyOf, the most relevant inner error."""
    while err.context:  # the deepest inner error is the one that says what is wrong
        err = max(err.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
    path = "/".join(str(p) for p in err.absolute_path) or "(top)"
    return "%s: %s" % (path, err.message)


def check_stream(stream, label, validator, seen_ids):
    """Validates each line of stream; returns (events, bad_lines)."""
    events = bad = 0
    for lineno, raw in enumerate(stream, 1):
        line = raw.strip()
        if not line:
            continue
        where = "%s:%d" % (label, lineno)
        try:
            ev = json.loads(line)
        except ValueError as e:
            print("%s: not JSON: %s" % (where, e))
            bad += 1
            continue
        problems = [describe(e) for e in validator.iter_errors(ev)]
        if not problems:
            problems = semantic_errors(ev)
            if ev["id"] in seen_ids:
                problems.append("duplicate event id %r" % ev["id"])
            seen_ids.add(ev["id"])
        if problems:
            bad += 1
            for p in problems[:5]:
                print("%s: %s" % (where, p))
        else:
            events += 1
    return events, bad


def main():
    ap = argparse.ArgumentParser(description="Validate dyad JSON lines events.")
    ap.add_argument("schema")
    ap.add_argument("files", nargs="*")
    ap.add_argument("--min-events", type=int, default=1,
                    help="fail (exit 2) with fewer valid events than this (default 1)")
    args = ap.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    total = bad = 0
    seen = set()
    for name in args.files or ["-"]:
        if name == "-":
            e, b = check_stream(sys.stdin, "<stdin>", validator, seen)
        else:
            with open(name, encoding="utf-8") as f:
                e, b = check_stream(f, name, validator, seen)
        total += e
        bad += b
    sys.stderr.write("validate.py: %d valid events, %d invalid lines\n" % (total, bad))
    if bad:
        return 1
    if total < args.min_events:
        sys.stderr.write("validate.py: expected at least %d events\n" % args.min_events)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
