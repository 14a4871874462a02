#!/usr/bin/python3
"""jobs.py - how `dyad code --jobs N` scales: runs each N in turn (interleaved, ROUNDS times) on
one corpus, output to /dev/null, and prints per N the best wall time, the CPU time it used
(user + system, from wait4) and the speedup over --jobs 1, with the load average at the start.

    /usr/bin/python3 bench/jobs.py build/dyad bench/corpus/corpus.jsonl [ROUNDS] [N...]

On a machine other jobs share, wall times mislead (a process with more threads also gets a larger
share of a busy machine); CPU time does not: 2 x cpu(1) / cpu(N) bounds the speedup on two free
cores, given that the reading thread is not the bottleneck (bench/RESULTS.md).
"""
import os
import subprocess
import sys
import time


def one(dyad, corpus, n):
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen([dyad, "code", "--jobs", str(n), "--format", "jsonl", corpus],
                             stdout=null, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit("jobs.py: dyad --jobs %d failed (status %d)" % (n, status))
    return time.perf_counter() - t0, ru.ru_utime + ru.ru_stime


def main():
    dyad, corpus = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    ns = [int(x) for x in sys.argv[4:]] or [1, 2]
    print("load average at start: %.2f %.2f %.2f; %d cores" % (os.getloadavg() + (os.cpu_count(),)))
    best = {n: (1e9, 1e9) for n in ns}
    for _ in range(rounds):
        for n in ns:
            wall, cpu = one(dyad, corpus, n)
            best[n] = (min(best[n][0], wall), min(best[n][1], cpu))
    w1, c1 = best[ns[0]]
    print("| --jobs | best wall | CPU (user+sys) | wall speedup | 2-core bound from CPU |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n in ns:
        w, c = best[n]
        print("| %d | %.2f s | %.2f s | %.2fx | %.2fx |" % (n, w, c, w1 / w, min(n, 2) * c1 / c))


if __name__ == "__main__":
    main()
