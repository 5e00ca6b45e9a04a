#!/usr/bin/env python3
"""The table of docs/sizing.md from its measured inputs, by the rules written there.

    python3 bench/sizing/sizing_table.py RUN_EVENTS_PER_CPU_S FLINK_EVENTS_PER_CPU_S CHECKPOINT_CPU_US_PER_CUSTOMER
    python3 bench/sizing/sizing_table.py 55556 18904 9.6      # the figures measured on 2026-12-07
"""
import math
import sys
R_run, R_flink, ck_us = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])  # events/CPU-s, µs CPU per checkpointed customer
STATE_B = 351   # measured: run's state directory per customer at 10M at its largest (write-ahead logs; bench/sizing/ten-million.sh)
rows = [(100_000, 1_000_000, "rates measured at this population (the 1M log); peak **extrapolated**"),
        (1_000_000, 10_000_000, "rates measured; population **extrapolated** (10x)"),
        (10_000_000, 10_000_000, "**measured row**: `run` over 10M customers (state, CPU, memory); Flink's state and checkpoints measured to 3.3M customers, 10M **extrapolated**; rates measured"),
        (10_000_000, 100_000_000, "10M measured; events/day **extrapolated** (linear)"),
        (10_000_000, 1_000_000_000, "10M measured; events/day **extrapolated** (linear)"),
        (100_000_000, 1_000_000_000, "**extrapolated** (10x the measured population)")]
print("| customers | events / day | peak events/s (5x mean) | `run`: cores | Flink: TaskManagers x cores | memory per TM | disk per TM | checkpoint: changed customers, CPU | checkpoint interval | basis |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
for customers, per_day, basis in rows:
    peak = 5 * per_day / 86400
    interval = 10
    while True:
        changed = min(customers, peak * interval)
        cpu = changed * ck_us / 1e6
        if cpu <= 0.1 * interval or interval >= 60:
            break
        interval = {10: 30, 30: 60}[interval]
    run_cores = max(2, math.ceil((peak / R_run + cpu / interval) / 0.5))
    flink_cores = max(2, math.ceil((peak / R_flink + cpu / interval) / 0.5))
    tms = max(2, math.ceil(flink_cores / 4))
    per_tm = max(1, math.ceil(flink_cores / tms))
    state = customers * STATE_B
    mem = 2.5 + 0.1 * state / tms / 1e9
    disk = max(1, 3 * state / tms / 1e9)
    print("| %s | %s | %s | %d | %d x %d | %.1f GB | %.0f GB | %s, %.2f CPU-s | %d s | %s |" % (
        f"{customers:,}", f"{per_day:,}", f"{peak:,.0f}", run_cores, tms, per_tm, mem, disk, f"{changed:,.0f}", cpu, interval, basis))
