"""Launch-to-painted-window time of an installed or bundled Rig Monitor, median of N runs.

    python3 packaging/measure_startup.py [--runs 7] [--qpa offscreen] [--check] -- /usr/bin/rig-monitor demo

Each run starts the command with ``RIG_MONITOR_SMOKE_REPORT`` (see ``packaging/smoke_report.py``,
armed by the bundle's launcher), ``RIG_MONITOR_AUTOQUIT_MS`` and ``QT_QPA_PLATFORM``, a fresh
``RIG_MONITOR_CONFIG_DIR`` and ``HOME``, then reads the report. "launch -> painted" is measured
from this script's clock just before it starts the process to the end of the window's first paint
(``first_paint_wall``), so it includes the bootloader, imports and the window build. Also shown:
time to the first completed sweep of the demo fleet. ``--check`` fails (exit 1) unless every run
exited 0 and painted its window. Only the standard library: it runs on any Python 3.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once(cmd: list[str], qpa: str, autoquit_ms: int, timeout_s: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="rigmon-measure-") as tmp:
        report = Path(tmp) / "report.json"
        env = dict(os.environ)
        env.update(
            HOME=tmp,
            RIG_MONITOR_CONFIG_DIR=str(Path(tmp) / "config"),
            RIG_MONITOR_SMOKE_REPORT=str(report),
            RIG_MONITOR_AUTOQUIT_MS=str(autoquit_ms),
            QT_QPA_PLATFORM=qpa,
        )
        t0 = time.time()
        proc = subprocess.run(
            cmd, env=env, cwd=tmp, capture_output=True, text=True, timeout=timeout_s
        )
        wall = time.time() - t0
        data: dict = json.loads(report.read_text()) if report.exists() else {}
        data["exit_code"] = proc.returncode
        data["wall_s"] = round(wall, 3)
        if "first_paint_wall" in data:
            data["launch_to_paint_s"] = round(data["first_paint_wall"] - t0, 3)
        if proc.returncode != 0 or "first_paint_s" not in data:
            data["stderr_tail"] = proc.stderr[-2000:]
        return data


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--qpa", default="offscreen", help="QT_QPA_PLATFORM (offscreen, xcb, ...)")
    p.add_argument("--autoquit-ms", type=int, default=3000)
    p.add_argument("--timeout", type=float, default=90.0)
    p.add_argument(
        "--check", action="store_true", help="exit 1 unless every run exited 0 and painted"
    )
    p.add_argument("--json", action="store_true", help="print every run's report as JSON")
    p.add_argument("cmd", nargs="+", help="the app command, e.g. /usr/bin/rig-monitor demo")
    args = p.parse_args()

    if os.sep in args.cmd[0] or "/" in args.cmd[0]:  # runs in a temporary folder: make it absolute
        args.cmd[0] = os.path.abspath(args.cmd[0])
    runs = [run_once(args.cmd, args.qpa, args.autoquit_ms, args.timeout) for _ in range(args.runs)]
    if args.json:
        print(json.dumps(runs, indent=1))
    fields = ("launch_to_paint_s", "process_age_at_paint_s", "first_paint_s", "first_sweep_s")
    print(f"{' '.join(args.cmd)}  (QT_QPA_PLATFORM={args.qpa}, {args.runs} runs)")
    for f in fields:
        vals = [r[f] for r in runs if isinstance(r.get(f), (int, float))]
        if vals:
            print(
                f"  {f:24s} median {statistics.median(vals):.3f} s"
                f"  (min {min(vals):.3f}, max {max(vals):.3f}, n={len(vals)})"
            )
    bad = [r for r in runs if r.get("exit_code") != 0 or "first_paint_s" not in r]
    for r in bad:
        print(f"  FAILED run: exit {r.get('exit_code')}, report {json.dumps(r)[:1500]}")
    last = runs[-1]
    print(
        f"  last run: exit {last.get('exit_code')}, miners {last.get('miners')}, online "
        f"{last.get('online')}, sweeps {last.get('sweeps')}, frozen {last.get('frozen')}, "
        f"resources {last.get('resource_dir')}"
    )
    return 1 if (args.check and bad) else 0


if __name__ == "__main__":
    sys.exit(main())
