#!/usr/bin/env python3
"""Turns bench/run.sh's raw results into bench/RESULTS.md."""
import datetime, os, platform, subprocess, sys


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown CPU")
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, Linux {platform.release()}, sqlite3 {sqlite}"


def met(ratio, bar):
    if bar == "—":
        return ""
    op, limit = bar.split()
    limit = float(limit)
    return "yes" if (ratio <= limit if op == "≤" else ratio < limit) else "**no**"


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
    print("# Benchmark results\n")
    print(f"Measured {datetime.date.today().isoformat()} on {machine()}, by `make bench`.")
    print("Each figure is the median of whole-process runs (hyperfine; 20 runs for the counts,")
    print("point commands, add and move, 3 to 5 for the rest, one for the dotted-line import at")
    print("a million roles), after one warm-up run: where a row measures peak memory, that run,")
    print("made first, is the warm-up; from 100,000 roles on, the commands of seconds (imports,")
    print("sync, the baselines over the whole plain table) have none, their files being already")
    print("in the page cache from the step before;")
    print("ratio = orgctl / the sqlite3 shell running the equivalent plain SQL in the same run.")
    print("Baselines, on a plain table imported from the same CSV: `.import` plus indexes for")
    print("the imports; `WITH RECURSIVE` over its indexed `reports_to` column for subtree counts,")
    print("roll-ups and the depth-first print; sqlite3 start-up plus one point query for point")
    print("commands; the same number of plain row updates for the move and its undo. `check`")
    print("and reads while a plan is pending are measured against orgctl's own `print tree` of")
    print("the same chart, `diff OTHER.db` against SQLite's `sqldiff` on the same two files;")
    print("`stats`, `export json` and `history` against the plain SQL reading the same rows.\n")
    size = None
    for row in rows:
        row += [""] * (6 - len(row))
        n, workload, ours, base, bar, peak = row
        if n != size:
            size = n
            print(f"\n## {int(n):,} roles\n")
            print("| workload | orgctl (s) | sqlite3 (s) | ratio | bar | met | peak memory |")
            print("|---|---:|---:|---:|---|---|---:|")
        ratio = float(ours) / float(base)
        print(f"| {workload} | {float(ours):.4f} | {float(base):.4f} | {ratio:.2f} | {bar} | {met(ratio, bar)} | {peak + ' MB' if peak else ''} |")


def history_costs(path):
    rows = [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
    if not rows:
        return
    print("\n## The cost of recording history\n")
    print("The same writes with the history recorded (the default) and with recording")
    print("turned off (`ORGCTL_HISTORY=off`, which exists for this measurement alone), same run.\n")
    print("| roles | workload | recorded | not recorded | ratio |")
    print("|---:|---|---:|---:|---:|")
    for n, workload, recorded, bare, unit in rows:
        shown = (lambda v: f"{float(v) / 1e6:.1f} MB") if unit == "bytes" else (lambda v: f"{float(v):.4f} s")
        print(f"| {int(n):,} | {workload} | {shown(recorded)} | {shown(bare)} | {float(recorded) / float(bare):.2f} |")


if __name__ == "__main__":
    main()
    if len(sys.argv) > 2:
        history_costs(sys.argv[2])
