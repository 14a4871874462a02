#!/usr/bin/python3
"""stages.py - instructions per input byte, stage by stage, from a callgrind profile of
`dyad code` (bench/run.sh with BENCH_CALLGRIND=1 writes bench/out/callgrind.out).

    /usr/bin/python3 bench/stages.py bench/out/callgrind.out BYTES

Reads `callgrind_annotate --inclusive=yes` and prints a Markdown table: each stage's inclusive
instructions (Ir), Ir per input byte and share of the run. Stages nest inside coding a sentence;
"rest of coding a sentence" is what code_sentence spends outside the stages listed under it.
"""
import re
import subprocess
import sys

# (label, function, nested in code_sentence)
STAGES = [
    ("dictionary load (once per run)", "dyad_dict_load", False),
    ("JSON lines input", "dyad_jsonl_parse", False),
    ("normalize (UTF-8, NFC)", "dyad_normalize", False),
    ("segment into sentences", "dyad_segment", False),
    ("tag (tokens, lexicon)", "dyad_tag_sentence", True),
    ("recognize actors", "dyad_recognize", True),
    ("parse (groups, subjects, speech)", "dyad_parse", True),
    ("dates", "dyad_dates_find", True),
    ("verb and noun patterns", "best_pattern", True),
    ("sanctions matcher", "dyad_sanctions_match", True),
    ("JSON output", "dyad_write_json", True),
]


def inclusive(profile):
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", profile],
                         capture_output=True, text=True, check=True).stdout
    total, ir = 0, {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) .*PROGRAM TOTALS", line)
        if m:
            total = int(m.group(1).replace(",", ""))
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+\S*?:(\S+) \[", line)
        if m:
            fn = m.group(2).split("'")[0]
            ir[fn] = max(ir.get(fn, 0), int(m.group(1).replace(",", "")))
    return total, ir


def main():
    profile, nbytes = sys.argv[1], int(sys.argv[2])
    total, ir = inclusive(profile)
    sentence = ir.get("code_sentence", 0)
    rows, nested = [], 0
    for label, fn, inner in STAGES:
        v = ir.get(fn, 0)
        if fn == "dyad_segment":
            v -= ir.get("on_sentence", 0)          # segmentation itself, not the coding it drives
        if inner:
            nested += v
        rows.append((label, fn, v))
    rows.append(("rest of coding a sentence", "code_sentence", sentence - nested))
    rows.append(("zeroing arena memory (memset, inside the stages above)", "memset", ir.get("__memset_avx2_unaligned_erms", 0)))
    print("| stage | function | Ir/byte | share |")
    print("| --- | --- | ---: | ---: |")
    for label, fn, v in rows:
        print("| %s | `%s` | %.0f | %.1f%% |" % (label, fn, v / nbytes, 100.0 * v / total))
    print("| **whole run** | | **%.0f** | 100%% |" % (total / nbytes))


if __name__ == "__main__":
    main()
