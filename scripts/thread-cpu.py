#!/usr/bin/env python3
"""CPU used by each thread group of a running process over an interval, from /proc (Linux), and how much of
it was in the kernel (system time: socket and file calls, wake-ups).

    scripts/thread-cpu.py PID [SECONDS]

Threads are grouped by name with digits folded (data-plane-kafka-request-handler-0..7 -> one line); the
JIT's compiler threads show as "CN CompilerThreN", native threads that never named themselves (ONNX Runtime's
pool, the JVM's main thread) as "java". docs/BENCHMARKS.md uses it on `./denoiser bench` at saturation.
"""
import collections
import os
import re
import sys
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def snapshot(pid):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as stat:
                text = stat.read()
        except OSError:
            continue  # the thread ended
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        threads[tid] = (name, int(fields[11]), int(fields[12]))  # utime, stime
    return threads


def ticks_by_group(before, after):
    """CPU ticks (all, and system) each thread group used between two snapshots; threads that started since count
    from 0, threads that ended since are not counted. Digits are folded: ...-handler-0..7 is one group."""
    groups = collections.Counter()
    system = collections.Counter()
    for tid, (name, user_ticks, system_ticks) in after.items():
        _, user_before, system_before = before.get(tid, (name, 0, 0))
        group = re.sub(r"\d+", "N", name)
        groups[group] += user_ticks - user_before + system_ticks - system_before
        system[group] += system_ticks - system_before
    return groups, system


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pid, seconds = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    before = snapshot(pid)
    time.sleep(seconds)
    after = snapshot(pid)
    groups, system = ticks_by_group(before, after)
    total = sum(groups.values())
    print(f"{total / CLOCK_TICKS / seconds:.2f} cores in all over {seconds:g} s")
    for name, ticks in groups.most_common(12):
        cores, in_kernel = ticks / CLOCK_TICKS / seconds, system[name] / CLOCK_TICKS / seconds
        print(f"{cores:5.2f} cores ({in_kernel:4.2f} system)  {name}")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # piped into head
        sys.stderr.close()
    except FileNotFoundError:
        sys.exit(f"thread-cpu: no process {sys.argv[1]} (it ended?)")
