#!/usr/bin/env python3
"""When a phase's slow images were sent, from a `./denoiser bench --samples` CSV, and which collector pauses fell
among them.

    scripts/tail-episodes.py SAMPLES.csv [SLOWER_THAN_MS] [GC_LOG]

Prints the phase's p50/p99, then each episode: slow images (latency above SLOWER_THAN_MS, default 30) sent less
than 100 ms apart, with how long it lasted, how many images, the worst latency and the worst part before the
flush, the partitions and batch sizes involved. With GC_LOG, a log written with
`DENOISER_JAVA_OPTS="-Xlog:gc:file=GC_LOG:uptime,timemillis"`, each episode also lists the young pauses that began
within it (ms after its start, and their length). Slow images across both partitions at once point at the whole
process (a pause, the JIT, the cores busy); on one partition, at its task.
"""
import csv
import re
import sys


def read_samples(path):
    with open(path) as f:
        rows = [(int(r["sent_at_ms"]), int(r["latency_ms"]), int(r["before_flush_ms"]), int(r["batch_size"]),
                 int(r["partition"])) for r in csv.DictReader(f)]
    return sorted(rows)


def read_pauses(path):
    pauses = []
    with open(path) as f:
        for line in f:
            m = re.search(r"\[(\d+)ms\] GC\(\d+\) Pause Young.* (\d+\.\d+)ms$", line.strip())
            if m:
                end, length = int(m.group(1)), float(m.group(2))
                pauses.append((end - length, length))
    return pauses


def main():
    rows = read_samples(sys.argv[1])
    threshold = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    pauses = read_pauses(sys.argv[3]) if len(sys.argv) > 3 else []
    latencies = sorted(r[1] for r in rows)
    n, start = len(rows), rows[0][0]
    slow = [r for r in rows if r[1] > threshold]
    print(f"{n} images over {(rows[-1][0] - start) / 1000:.1f} s: p50 {latencies[n // 2]} ms, p99 "
          f"{latencies[int(n * 0.99)]} ms, max {latencies[-1]} ms; {len(slow)} slower than {threshold} ms")
    episodes = []
    for r in slow:
        if episodes and r[0] - episodes[-1][-1][0] < 100:
            episodes[-1].append(r)
        else:
            episodes.append([r])
    for e in episodes:
        first, last = e[0][0], e[-1][0]
        within = [f"+{p[0] - first:.0f} ({p[1]:.0f} ms)" for p in pauses if first - 100 <= p[0] <= last]
        print(f"  +{(first - start) / 1000:6.2f} s, {last - first:5d} ms: {len(e):5d} images, worst {max(x[1] for x in e)}"
              f" ms ({max(x[2] for x in e)} before the flush), partitions {sorted({x[4] for x in e})}, batches"
              f" {min(x[3] for x in e)}-{max(x[3] for x in e)}" + (f"; pauses {', '.join(within)}" if pauses else ""))


if __name__ == "__main__":
    main()
