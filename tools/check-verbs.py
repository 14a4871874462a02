#!/usr/bin/env python3
"""check-verbs.py - checks dyad's verb and noun pattern dictionaries (data/verbs/*.txt).

Parses every file in name order per docs/dictionaries.md, reports syntax errors, sets used
before they are defined, duplicate pattern ids and conflicting patterns (same words, other
code: the later one could never win), then lists CAMEO codes that no pattern can produce.
Exit status 0 only when there are no errors and no unreachable 3- or 4-digit codes.

usage: tools/check-verbs.py [--dir data/verbs] [--codes FILE] [--stats] [--lemma-warnings]
"""
import argparse
import os
import re
import sys

SET_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
WORD = re.compile(r"^[a-z0-9][a-z0-9'\-]*$")
CODE = re.compile(r"^[0-9]{2,4}$")
OPTION = re.compile(r"^[a-z_]+=\S+$")


def strip_comment(line):
    """Drops a '#' comment that starts the line or follows white space."""
    for i, ch in enumerate(line):
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


def find_codes(root):
    """Returns (set of known codes, source path) or (None, None) when no table exists."""
    ours = os.path.join(root, "data", "cameo.tsv")
    shared = os.path.join(root, "..", "shared", "cameo", "eventcodes.tsv")
    for path in (ours, shared, "/work/shared/cameo/eventcodes.tsv"):
        if os.path.isfile(path):
            codes = set()
            with open(path, encoding="utf-8") as f:
                for row in f:
                    first = row.split("\t", 1)[0].strip()
                    if CODE.match(first):
                        codes.add(first)
            return codes, path
    return None, None


def load_wordnet(wndir="/usr/share/wordnet"):
    """Returns the set of WordNet base forms, or None when WordNet is absent."""
    forms = set()
    for pos in ("noun", "verb", "adj", "adv"):
        path = os.path.join(wndir, "index." + pos)
        if not os.path.isfile(path):
            return None
        with open(path, encoding="latin-1") as f:
            for row in f:
                if not row.startswith(" "):
                    forms.add(row.split(" ", 1)[0])
    return forms


class Checker:
    def __init__(self, codes):
        self.codes = codes
        self.sets = {}          # name -> (file, line, members)
        self.ids = {}           # pattern id -> (file, line)
        self.shapes = {}        # (kind, lemma, elements) -> (code, file, line)
        self.patterns = []      # (kind, code, lemma, elements, file, line)
        self.errors = []
        self.words = set()      # literal words used (for lemma warnings)

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    def parse_set(self, where, toks):
        if len(toks) < 4 or toks[2] != "=":
            return self.err(where, "expected `set NAME = w1 | w2 ...`")
        name = toks[1]
        if not SET_NAME.match(name):
            return self.err(where, "set name %r must be UPPER_CASE" % name)
        if name in self.sets:
            return self.err(where, "set %s already defined at %s:%d" % ((name,) + self.sets[name][:2]))
        members = [m.strip() for m in " ".join(toks[3:]).split("|")]
        seen = set()
        for m in members:
            if not WORD.match(m):
                self.err(where, "set %s: member %r is not one lowercase word" % (name, m))
            elif m in seen:
                self.err(where, "set %s: member %r repeated" % (name, m))
            seen.add(m)
            self.words.add(m)
        self.sets[name] = (where.rsplit(":", 1)[0], int(where.rsplit(":", 1)[1]), members)

    def parse_pattern(self, where, toks, fname, lineno):
        kind = toks[0]
        if ";" in toks:
            cut = toks.index(";")
            for opt in toks[cut + 1:]:
                if not OPTION.match(opt):
                    self.err(where, "bad option %r (want key=value)" % opt)
            toks = toks[:cut]
        if len(toks) < 3:
            return self.err(where, "expected `%s CODE LEMMA ELEMENTS...`" % kind)
        code, lemma, elems = toks[1], toks[2], toks[3:]
        if not CODE.match(code):
            return self.err(where, "code %r is not 2-4 digits" % code)
        if self.codes is not None and code not in self.codes:
            return self.err(where, "unknown CAMEO code %s" % code)
        if not WORD.match(lemma):
            return self.err(where, "lemma %r must be one lowercase word" % lemma)
        self.words.add(lemma)
        targets = 0
        for i, e in enumerate(elems):
            if e == "*":
                if i > 0 and elems[i - 1] == "*":
                    self.err(where, "two `*` in a row")
                if i == len(elems) - 1:
                    self.err(where, "trailing `*` matches nothing")
            elif e == "$":
                targets += 1
            elif e.startswith("&"):
                if e[1:] not in self.sets:
                    self.err(where, "set %s used before it is defined" % e)
            elif WORD.match(e):
                self.words.add(e)
            else:
                self.err(where, "element %r is not a lowercase word, &SET, * or $" % e)
        if targets > 1:
            self.err(where, "more than one `$`")
        pid = "%s:%s" % (code, " ".join([lemma] + elems))
        key = (kind,) + (pid,)
        if key in self.ids:
            return self.err(where, "duplicate pattern id %s (first at %s:%d)" % ((pid,) + self.ids[key]))
        self.ids[key] = (fname, lineno)
        shape = (kind, lemma, tuple(elems))
        if shape in self.shapes:
            other = self.shapes[shape]
            return self.err(where, "same words as %s:%d with code %s: this %s can never win"
                            % (other[1], other[2], other[0], code))
        self.shapes[shape] = (code, fname, lineno)
        self.patterns.append((kind, code, lemma, tuple(elems), fname, lineno))

    def parse_file(self, path):
        fname = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            for lineno, raw in enumerate(f, 1):
                toks = strip_comment(raw.rstrip("\n")).split()
                if not toks:
                    continue
                where = "%s:%d" % (fname, lineno)
                if toks[0] == "set":
                    self.parse_set(where, toks)
                elif toks[0] in ("verb", "noun"):
                    self.parse_pattern(where, toks, fname, lineno)
                else:
                    self.err(where, "unknown line kind %r (want set, verb or noun)" % toks[0])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description="check dyad verb/noun pattern files")
    ap.add_argument("--dir", default=os.path.join(root, "data", "verbs"))
    ap.add_argument("--codes", help="CAMEO code table (first column = code)")
    ap.add_argument("--stats", action="store_true", help="print per-root counts")
    ap.add_argument("--lemma-warnings", action="store_true",
                    help="warn about words that are not WordNet base forms")
    args = ap.parse_args()

    if args.codes:
        codes, src = find_codes_from(args.codes), args.codes
    else:
        codes, src = find_codes(root)
    if codes is None:
        print("skip: no CAMEO table (data/cameo.tsv or ../shared/cameo/eventcodes.tsv); "
              "code checks skipped")
    chk = Checker(codes)
    files = sorted(f for f in os.listdir(args.dir) if f.endswith(".txt"))
    if not files:
        print("error: no .txt files in %s" % args.dir)
        return 1
    for f in files:
        chk.parse_file(os.path.join(args.dir, f))

    for e in chk.errors:
        print("error: " + e)
    lemmas = {(p[0], p[2]) for p in chk.patterns}
    print("%d files, %d sets, %d patterns (%d verb, %d noun), %d distinct verb/noun lemmas"
          % (len(files), len(chk.sets), len(chk.patterns),
             sum(p[0] == "verb" for p in chk.patterns), sum(p[0] == "noun" for p in chk.patterns),
             len({p[2] for p in chk.patterns})))
    if args.stats:
        per = {}
        for p in chk.patterns:
            per[p[1][:2]] = per.get(p[1][:2], 0) + 1
        print("per root: " + " ".join("%s=%d" % (k, per[k]) for k in sorted(per)))
    if args.lemma_warnings:
        wn = load_wordnet()
        if wn is None:
            print("skip: WordNet not found, no lemma warnings")
        else:
            odd = sorted(w for w in chk.words if w not in wn and w.replace("-", "_") not in wn)
            print("not WordNet base forms (check spelling/plural): " + " ".join(odd))
    unreachable = []
    if codes is not None:
        used = {p[1] for p in chk.patterns}
        unreachable = sorted(c for c in codes if len(c) >= 3 and c not in used)
        print("codes table: %s" % src)
        if unreachable:
            print("unreachable codes (%d): %s" % (len(unreachable), " ".join(unreachable)))
        else:
            print("every 3- and 4-digit code has a pattern")
    return 1 if chk.errors or unreachable else 0


def find_codes_from(path):
    codes = set()
    with open(path, encoding="utf-8") as f:
        for row in f:
            first = row.split("\t", 1)[0].strip()
            if CODE.match(first):
                codes.add(first)
    return codes


if __name__ == "__main__":
    sys.exit(main())
