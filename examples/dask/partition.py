#!/usr/bin/python3
"""partition.py - splits a JSON lines corpus into N partition files of whole lines (round robin
by blocks of lines, so each partition keeps the corpus order within itself).

    /usr/bin/python3 examples/dask/partition.py corpus.jsonl parts/ 8   # parts/part-000.jsonl ...
"""
import os
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: partition.py CORPUS.jsonl OUTDIR N")
    corpus, outdir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(outdir, exist_ok=True)
    with open(corpus, "rb") as f:
        lines = [l for l in f if l.strip()]
    per = (len(lines) + n - 1) // n
    for k in range(n):
        with open(os.path.join(outdir, "part-%03d.jsonl" % k), "wb") as out:
            out.writelines(lines[k * per:(k + 1) * per])
    print("partition.py: %d documents in %d partitions of up to %d" % (len(lines), n, per), file=sys.stderr)


if __name__ == "__main__":
    main()
