#!/usr/bin/env python3
"""CPU per image of each thread group of a running `./denoiser bench`, phase by phase (Linux, /proc).

    ./denoiser bench ... > bench.log &  scripts/phase-cpu.py bench.log phases.txt [--sched-batch-even]

Follows the benchmark's log; each time a phase's summary line appears, appends to phases.txt the CPU the bench
JVM's thread groups used since the previous summary (cores, and µs per image of the phase), largest first. Thread
names are folded as in scripts/thread-cpu.py ("denoiser-model-" are the model-call threads, "denoiser-bench-"
the stream threads, "data-plane-kafk" the broker's request handlers and network threads, "kafka-producer-" the
producers' I/O threads, "java" the benchmark's reader). A round's first phase also spans the model alone and the
app's start, so only the saturation and load phases are per image.

--sched-batch-even puts the model-call threads of every second app (the second of each pair of variants) under
SCHED_BATCH (`chrt -b`): an experiment of docs/BENCHMARKS.md ("Sixth sitting"), not something the app does.
"""
import importlib.util
import os
import re
import subprocess
import sys
import time

_spec = importlib.util.spec_from_file_location(
    "thread_cpu", os.path.join(os.path.dirname(os.path.abspath(__file__)), "thread-cpu.py"))
thread_cpu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(thread_cpu)  # its snapshot of each thread's CPU, and the grouping by name

SUMMARY = re.compile(r"^  (warm-up|saturation|\d+% load) ")
PROGRESS_TOTAL = re.compile(r"\] (\d+)/(\d+)")


def bench_pid():
    while True:
        found = subprocess.run(["pgrep", "-f", "ToolsCli bench"], capture_output=True, text=True).stdout.split()
        if found:
            return found[0]
        time.sleep(0.5)


def model_call_threads(pid):
    threads = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as comm:
                if comm.read().startswith("denoiser-model"):
                    threads.append(tid)
        except OSError:
            continue
    return threads


def main():
    log, out = sys.argv[1], sys.argv[2]
    sched_batch_even = "--sched-batch-even" in sys.argv
    pid = bench_pid()
    previous, previous_at, summaries = thread_cpu.snapshot(pid), time.time(), 0
    seen, apps = set(), 0
    with open(out, "a") as report:
        while os.path.exists(f"/proc/{pid}"):
            for tid in model_call_threads(pid):
                if tid in seen:
                    continue
                if not any(os.path.exists(f"/proc/{pid}/task/{t}") for t in seen):
                    apps += 1  # no model-call thread of the previous app is left: a new app
                    report.write(f"\napp {apps}" + (" (model-call threads under SCHED_BATCH)"
                                                    if sched_batch_even and apps % 2 == 0 else "") + "\n")
                seen.add(tid)
                if sched_batch_even and apps % 2 == 0:
                    subprocess.run(["chrt", "-b", "-p", "0", tid], capture_output=True)
            with open(log, errors="replace") as f:
                lines = f.read().replace("\r", "\n").split("\n")
            found = [i for i, line in enumerate(lines) if SUMMARY.match(line)]
            if len(found) > summaries:
                now, now_at = thread_cpu.snapshot(pid), time.time()
                last = found[-1]
                totals = [m for m in (PROGRESS_TOTAL.search(line) for line in lines[:last]) if m]
                images = int(totals[-1].group(2)) if totals else 0
                seconds = now_at - previous_at
                report.write(f"\n{lines[last].strip()[:100]}\n  {images} images in {seconds:.1f} s\n")
                ticks, _ = thread_cpu.ticks_by_group(previous, now)
                for name, used in ticks.most_common(10):
                    cpu = used / thread_cpu.CLOCK_TICKS
                    if images and cpu > 0:
                        report.write(f"  {cpu / seconds:5.2f} cores {cpu / images * 1e6:7.1f} µs per image  {name}\n")
                report.flush()
                previous, previous_at, summaries = now, now_at, len(found)
            time.sleep(0.2)


if __name__ == "__main__":
    main()
