#!/usr/bin/env python3
"""Prints on stdout why a file is not valid UTF-8 JSON lines of event objects, and nothing when
it is (callers judge by the text). Shared by test_hostile.sh and limits_lib.sh.
Usage: check_output.py FILE"""
import json
import sys

data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit(print("stdout is not valid UTF-8: %s" % e))
for n, line in enumerate(text.split("\n"), 1):
    if not line:
        continue
    try:
        ev = json.loads(line)
    except ValueError as e:
        sys.exit(print("stdout line %d is not JSON: %s" % (n, e)))
    if not isinstance(ev, dict) or "code" not in ev or "evidence" not in ev:
        sys.exit(print("stdout line %d is not an event object" % n))
