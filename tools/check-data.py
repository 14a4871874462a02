#!/usr/bin/env python3
"""Sanity checks for dyad's data files (actors, agents, CAMEO table) per docs/dictionaries.md.

Usage: tools/check-data.py [DATA_DIR] [--cameo-ref PATH]
Prints one `FILE:LINE: problem` per error, `skip: ...` for checks it cannot run, and exits 1 if
any error was found. Standard library only.
"""
import os
import re
import sys

SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "BUS", "MED", "EDU", "HLH", "REL", "CVL",
    "REF", "NGO", "LAB", "ELI", "SPY", "CRM", "AGR", "DEV", "ENV", "UAF", "INS", "SEP", "RAD",
    "MOD", "PTY", "IGO", "HRI", "AMN", "IRC", "MSF", "PRO",
}
ACTOR_KINDS = {"country", "adj", "capital", "seat", "igo", "group", "context", "pair", "person",
               "role"}
ISO3 = re.compile(r"^[A-Z]{3}$")
CODE = re.compile(r"^(?:[A-Z]{3}){1,5}$")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


class Checker:
    """Collects errors; each check method appends `file:line: message` strings."""

    def __init__(self):
        self.errors = []
        self.phrases = {}  # (kind group, match key) -> (code, where)

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")


def strip_comment(line):
    """Drop a `#` comment that starts the line or follows white space."""
    m = re.search(r"(^|\s)#", line)
    return line[: m.start()] if m else line


def split_options(rest):
    """Split 'phrases ; k=v k=v' into (phrases text, {k: v}, problem or None)."""
    if ";" not in rest:
        return rest, {}, None
    text, _, opts = rest.partition(";")
    options = {}
    for item in opts.split():
        if "=" not in item:
            return text, options, f"option '{item}' is not key=value"
        k, _, v = item.partition("=")
        options[k] = v
    return text, options, None


def phrases_of(ck, where, text):
    """Split alternatives on '|', report empty ones, return the list."""
    alts = [p.strip() for p in text.split("|")]
    if any(not p for p in alts):
        ck.err(where, "empty phrase between '|' separators")
    return [p for p in alts if p]


def match_key(phrase):
    """Key under which the matcher would see a phrase: all-caps phrases are case-sensitive."""
    letters = [c for c in phrase if c.isalpha()]
    words = " ".join(phrase.split())
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return words
    return words.lower()


def parse_date(s):
    """Return (y, m, d) for YYYY, YYYY-MM or YYYY-MM-DD, or None when malformed."""
    m = DATE.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    if not 1 <= mo <= 12 or not 1 <= d <= DAYS[mo - 1]:
        return None
    if mo == 2 and d == 29 and not (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)):
        return None
    return (y, mo, d)


def check_code(ck, where, kind, code):
    """Validate the CODE field for an actor line of the given kind."""
    if kind in ("country", "adj", "capital"):
        if not ISO3.match(code):
            ck.err(where, f"{kind} code '{code}' must be 3 uppercase letters")
    elif kind == "igo":
        if not (code.startswith("IGO") and CODE.match(code) and len(code) >= 6):
            ck.err(where, f"igo code '{code}' must be IGO + 3-letter body codes")
    elif kind in ("seat", "role"):
        if not CODE.match(code) or len(code) < 6 and not code.startswith("IGO"):
            ck.err(where, f"{kind} code '{code}' must be a 3-letter code plus sector(s)")
        elif not code.startswith("IGO") and code[3:6] not in SECTORS and kind == "seat":
            ck.err(where, f"seat code '{code}' has unknown sector '{code[3:6]}'")
    elif kind == "group":
        if not CODE.match(code) or len(code) < 6:
            ck.err(where, f"group code '{code}' must be uppercase 3-letter blocks, 6+ letters")
    elif kind == "context":
        if not CODE.match(code):
            ck.err(where, f"context code '{code}' must be uppercase 3-letter blocks")
    elif kind == "pair":
        parts = code.split(",")
        if len(parts) < 2 or not all(CODE.match(p) for p in parts):
            ck.err(where, f"pair code '{code}' must be a comma-separated list of codes")


def note_phrases(ck, where, kind, code, phrases):
    """Report a phrase given to two different codes within the same kind."""
    group = "name" if kind in ("country", "capital", "igo", "group", "seat") else kind
    for p in phrases:
        key = (group, match_key(p))
        prev = ck.phrases.get(key)
        if prev and prev[0] != code:
            ck.err(where, f"phrase '{p}' already names {prev[0]} at {prev[1]}")
        elif not prev:
            ck.phrases[key] = (code, where)


def check_role(ck, where, fields, state):
    """Validate `role CODE FROM TO [TITLE]`, that a person precedes it, and that the
    person's roles do not overlap in time."""
    if state.get("person") is None:
        ck.err(where, "role without a preceding person")
    if len(fields) < 4:
        ck.err(where, "role needs CODE FROM TO")
        return
    check_code(ck, where, "role", fields[1])
    if any(";" in f for f in fields[4:]):
        ck.err(where, "';' in a role title would start options; use ',' instead")
    start = parse_date(fields[2])
    if start is None:
        ck.err(where, f"bad FROM date '{fields[2]}'")
    end = (9999, 12, 31) if fields[3] == ".." else parse_date(fields[3])
    if end is None:
        ck.err(where, f"bad TO date '{fields[3]}'")
    elif start is not None and not start < end:
        ck.err(where, f"FROM {fields[2]} is not before TO {fields[3]}")
    elif start is not None:
        for (s, e, w) in state.setdefault("roles", []):
            if start < e and s < end:
                ck.err(where, f"role overlaps the one at {w}")
        state["roles"].append((start, end, where))


def check_actor_line(ck, where, line, state):
    """Check one non-empty actor line; `state` carries the current person."""
    fields = line.split()
    kind = fields[0]
    if kind not in ACTOR_KINDS:
        ck.err(where, f"unknown kind '{kind}'")
        return
    if kind == "role":
        check_role(ck, where, fields, state)
        return
    if kind == "person":
        text, opts, problem = split_options(line[len("person"):])
        if problem:
            ck.err(where, problem)
        phrases = phrases_of(ck, where, text)
        if not phrases:
            ck.err(where, "person without a name")
        country = opts.get("country")
        if not country:
            ck.err(where, "person without country=")
        elif not ISO3.match(country):
            ck.err(where, f"country= '{country}' must be 3 uppercase letters")
        state["person"] = where
        state["roles"] = []
        note_phrases(ck, where, "person", where, phrases)
        return
    state["person"] = None
    if len(fields) < 3:
        ck.err(where, f"{kind} needs a CODE and phrases")
        return
    code = fields[1]
    check_code(ck, where, kind, code)
    rest = line.split(None, 2)[2]
    text, opts, problem = split_options(rest)
    if problem:
        ck.err(where, problem)
    phrases = phrases_of(ck, where, text)
    if not phrases:
        ck.err(where, "no phrases")
    if kind == "context":
        needs = opts.get("needs", "")
        if not needs or not all(CODE.match(n) for n in needs.split(",")):
            ck.err(where, "context needs needs=CODE[,CODE...]")
    note_phrases(ck, where, kind, code, phrases)


def check_actor_file(ck, path):
    """Check every line of one data/actors/*.txt file."""
    state = {"person": None}
    name = os.path.relpath(path)
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n")).strip()
            if line:
                check_actor_line(ck, f"{name}:{n}", line, state)


def check_agents(ck, path):
    """Check data/agents.txt: `agent SECTOR phrases`."""
    name = os.path.relpath(path)
    seen = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n")).strip()
            if not line:
                continue
            where = f"{name}:{n}"
            fields = line.split(None, 2)
            if len(fields) < 3 or fields[0] != "agent":
                ck.err(where, "expected 'agent SECTOR phrases'")
                continue
            if fields[1] not in SECTORS:
                ck.err(where, f"unknown sector '{fields[1]}'")
            for p in phrases_of(ck, where, fields[2]):
                key = match_key(p)
                if key in seen and seen[key][0] != fields[1]:
                    ck.err(where, f"agent '{p}' already in {seen[key][0]} at {seen[key][1]}")
                seen.setdefault(key, (fields[1], where))


def read_tsv(path):
    """Rows of a tab-separated file without its header."""
    with open(path, encoding="utf-8") as f:
        return [ln.rstrip("\n").split("\t") for ln in f][1:]


def check_cameo(ck, path, ref):
    """Check data/cameo.tsv columns and compare facts with the reference table if present."""
    name = os.path.relpath(path)
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n")
    if header != "code\troot\tquad\tgoldstein\tplover\tlabel":
        ck.err(f"{name}:1", "header must be code root quad goldstein plover label")
    ours = {}
    for n, row in enumerate(read_tsv(path), 2):
        where = f"{name}:{n}"
        if len(row) != 6 or not all(row):
            ck.err(where, "expected 6 non-empty tab-separated fields")
            continue
        code, root = row[0], row[1]
        if not re.match(r"^\d{2,4}$", code) or code[:2] != root:
            ck.err(where, f"code '{code}' / root '{root}' mismatch")
        if code in ours:
            ck.err(where, f"duplicate code {code}")
        ours[code] = row
    if not os.path.exists(ref):
        print(f"skip: {ref} not found; CAMEO facts not compared")
        return
    theirs = {r[0]: r for r in read_tsv(ref) if r and r[0]}
    missing, extra = sorted(set(theirs) - set(ours)), sorted(set(ours) - set(theirs))
    if missing:
        ck.err(name, f"{len(missing)} code(s) missing: {' '.join(missing[:12])}"
               + (" ..." if len(missing) > 12 else ""))
    if extra:
        ck.err(name, f"code(s) not in the reference table: {' '.join(extra)}")
    for code in sorted(set(ours) & set(theirs)):
        a, b = ours[code], theirs[code]
        if a[1] != b[1] or a[2] != b[2] or float(a[3]) != float(b[3]):
            ck.err(name, f"code {code}: root/quad/goldstein {a[1:4]} differ from {b[1:4]}")


def main(argv):
    """Run all checks; return the process exit status."""
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "..", "data")
    ref = os.path.join(here, "..", "..", "shared", "cameo", "eventcodes.tsv")
    args = list(argv[1:])
    if "--cameo-ref" in args:
        i = args.index("--cameo-ref")
        ref = args[i + 1]
        del args[i:i + 2]
    if args:
        data = args[0]
    ck = Checker()
    actors = os.path.join(data, "actors")
    for fn in sorted(os.listdir(actors)) if os.path.isdir(actors) else []:
        if fn.endswith(".txt"):
            check_actor_file(ck, os.path.join(actors, fn))
    for fn, fun in (("agents.txt", check_agents), ("cameo.tsv", None)):
        path = os.path.join(data, fn)
        if not os.path.exists(path):
            print(f"skip: {path} not found")
        elif fun:
            fun(ck, path)
        else:
            check_cameo(ck, path, ref)
    for e in ck.errors:
        print(e)
    print(f"{len(ck.errors)} error(s)")
    return 1 if ck.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
