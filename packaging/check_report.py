"""Check a smoke report written by the packaged app (``RIG_MONITOR_SMOKE_REPORT``, see
``packaging/smoke_report.py``): it is the bundled app, its data files came from the bundle, the
demo table was filled, at least one simulated miner answered a poll, the window painted.

    python3 packaging/check_report.py REPORT.json [--miners 200] [--resources-under /opt/rig-monitor]

Exit 0 when it passes, 1 with the reasons when not. A low online count only warns: how many of
the simulated miners answer within the auto-quit time is the poller's business (tests/), one
online miner already proves that the packaged app polls. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("report")
    p.add_argument("--miners", type=int, default=200, help="miners the demo shows (default 200)")
    p.add_argument("--resources-under", default=None, help="the bundle's install folder")
    args = p.parse_args()

    path = Path(args.report)
    if not path.is_file():
        print(f"check_report: FAILED: no report at {path} (did the app start?)")
        return 1
    r = json.loads(path.read_text(encoding="utf-8"))
    keys = ("version", "frozen", "qpa", "miners", "online", "offline", "sweeps")
    print("check_report:", {k: r.get(k) for k in keys})
    print(
        f"check_report: first paint {r.get('first_paint_s')} s, first sweep "
        f"{r.get('first_sweep_s')} s, resources {r.get('resource_dir')}"
    )
    problems = []
    if r.get("error"):
        problems.append(f"the report hook failed: {r['error']}")
    if not r.get("frozen"):
        problems.append("not the bundled app (frozen is false)")
    if args.resources_under:
        under = os.path.normcase(os.path.realpath(args.resources_under))
        got = os.path.normcase(os.path.realpath(str(r.get("resource_dir", ""))))
        if not got.startswith(under):
            problems.append(f"data files read from {r.get('resource_dir')}, not from {under}")
    if not r.get("models_json"):
        problems.append("resources/models.json is missing from the bundle")
    if r.get("miners") != args.miners:
        problems.append(f"expected {args.miners} demo miners in the table, found {r.get('miners')}")
    if not r.get("online", 0) >= 1:
        problems.append("no simulated miner answered a poll")
    if "first_paint_s" not in r:
        problems.append("the window never painted")
    if problems:
        print("check_report: FAILED: " + "; ".join(problems))
        return 1
    if r["online"] < 0.9 * r["miners"] or not r.get("sweeps"):
        print(
            f"check_report: WARNING: only {r['online']} of {r['miners']} simulated miners online, "
            f"{r.get('sweeps', 0)} sweep(s) finished before the auto-quit (a poller matter, "
            "not a packaging one)"
        )
    print(
        f"check_report: OK: the packaged app polled the simulated fleet "
        f"({r['online']} online) and painted its window"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
