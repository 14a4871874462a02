#!/usr/bin/python3
"""code_corpus.py - codes a partitioned JSON lines corpus with dyad on a Dask distributed cluster.

Each partition (a .jsonl file, one document per line) becomes one task; the task pipes the
partition through `dyad code --format jsonl` and writes the events next to the other results
(PART.events.jsonl, written to a temporary name and renamed, so a task that Dask retries never
leaves half a file or a duplicate). The client then checks the results and, with --db, stores
the corpus with `dyad ingest` (one writer, partition by partition).

    /usr/bin/python3 examples/dask/code_corpus.py --dyad build/dyad --out results/ parts/*.jsonl
    /usr/bin/python3 examples/dask/code_corpus.py --scheduler tcp://10.0.0.5:8786 ...  # a cluster

Without --scheduler it starts a LocalCluster on 127.0.0.1 (--workers processes, one thread each).
Prints one JSON summary line on stdout; exit status 0 when every partition was coded.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def code_partition(dyad, part, outdir, jobs):
    """Runs on a worker: codes one partition file, returns what it did (counts, status)."""
    base = os.path.basename(part)
    if base.endswith(".jsonl"):
        base = base[:-len(".jsonl")]
    final = os.path.join(outdir, base + ".events.jsonl")
    fd, tmp = tempfile.mkstemp(prefix="." + base + ".", dir=outdir)
    t0 = time.time()
    with open(part, "rb") as src, os.fdopen(fd, "wb") as dst:
        p = subprocess.run([dyad, "code", "--format", "jsonl", "--jobs", str(jobs), "-"],
                           stdin=src, stdout=dst, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):          # 1: some records rejected (reported), the rest coded
        os.unlink(tmp)
        raise RuntimeError("%s: dyad exited %d: %s" % (part, p.returncode, p.stderr.decode()[-500:]))
    os.replace(tmp, final)
    with open(final, "rb") as f:
        events = sum(1 for _ in f)
    return {"partition": part, "events_file": final, "events": events, "status": p.returncode,
            "seconds": round(time.time() - t0, 3), "stderr": p.stderr.decode("utf-8", "replace")[-2000:]}


def run(args):
    from dask.distributed import Client, LocalCluster
    os.makedirs(args.out, exist_ok=True)
    dyad = os.path.abspath(args.dyad)
    outdir = os.path.abspath(args.out)
    parts = [os.path.abspath(p) for p in args.partitions]
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(host="127.0.0.1", n_workers=args.workers, threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               local_directory=tempfile.mkdtemp(prefix="dyad-dask-"))
        client = Client(cluster)
    try:
        futures = client.map(code_partition, [dyad] * len(parts), parts, [outdir] * len(parts),
                             [args.jobs] * len(parts), key=["code-" + os.path.basename(p) for p in parts])
        results = client.gather(futures)
    finally:
        client.close()
        if cluster:
            cluster.close()
    for r in results:
        if r["stderr"]:
            sys.stderr.write(r["stderr"])
    return results


def ingest(args, results):
    """Stores the corpus: dyad ingest of the input partitions, in partition order (see README)."""
    cmd = [args.dyad, "ingest", "--db", args.db, "--format", "jsonl"] + [r["partition"] for r in results]
    p = subprocess.run(cmd)
    return p.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("partitions", nargs="+", help="JSON lines files, one partition each")
    ap.add_argument("--dyad", default="dyad", help="the dyad binary (same path on every worker)")
    ap.add_argument("--out", required=True, help="directory for PART.events.jsonl (shared by the workers)")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    ap.add_argument("--jobs", type=int, default=1, help="dyad code --jobs per task (default 1)")
    ap.add_argument("--db", help="then store the corpus with dyad ingest into this SQLite store")
    args = ap.parse_args()
    t0 = time.time()
    results = run(args)
    coded = time.time() - t0
    summary = {"partitions": len(results), "events": sum(r["events"] for r in results),
               "coding_seconds": round(coded, 2), "rejected_partitions": sum(r["status"] != 0 for r in results),
               "events_files": [r["events_file"] for r in results]}
    status = 1 if summary["rejected_partitions"] else 0
    if args.db:
        t1 = time.time()
        rc = ingest(args, results)
        summary["ingest_seconds"] = round(time.time() - t1, 2)
        summary["ingest_status"] = rc
        status = status or rc
    print(json.dumps(summary))
    return status


if __name__ == "__main__":
    sys.exit(main())
