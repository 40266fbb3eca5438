#!/usr/bin/env python3
"""Runs named commands ROUNDS times, alternating their order each round (ABBA), and prints per command the median
CPU time (user + system of the child, from wait4's rusage), the median wall clock and the largest peak RSS.
CPU time is the number to read on a shared machine: other processes stretch the wall clock, not the CPU a run uses.
Usage: measure.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]   (COMMAND is run by /bin/sh, stdout discarded)"""
import json
import os
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
peers = [arg.split("=", 1) for arg in sys.argv[2:]]
runs = {name: [] for name, _ in peers}
for r in range(rounds):
    order = peers if r % 2 == 0 else list(reversed(peers))
    for name, command in order:
        start = time.perf_counter()
        p = subprocess.Popen(["/bin/sh", "-c", "exec " + command], stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        runs[name].append({"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "rss_mb": usage.ru_maxrss / 1024, "exit": code})
for name, command in peers:
    rs = runs[name]
    print(json.dumps({"name": name, "runs": len(rs),
                      "cpu_median_s": round(statistics.median(r["cpu"] for r in rs), 3),
                      "cpu_min_s": round(min(r["cpu"] for r in rs), 3), "cpu_max_s": round(max(r["cpu"] for r in rs), 3),
                      "wall_median_s": round(statistics.median(r["wall"] for r in rs), 3),
                      "peak_rss_mb": round(max(r["rss_mb"] for r in rs), 1),
                      "exit_codes": sorted({r["exit"] for r in rs}), "command": command}))
