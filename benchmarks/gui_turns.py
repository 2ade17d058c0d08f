"""The window's own turns at 5,000 rows, without the engine: what one step of a sweep costs.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.gui_turns --rows 5000 --rounds 8

Builds the real ``MainWindow`` (fault stage on, engine not started) with ``--rows`` miners shown,
sorted as the app sorts (state, worst first), then for each of ``--rounds`` rounds:

- ``apply``: 500 scattered rows updated through the model (one engine batch's worth);
- ``re-sort, nothing moved``: the re-sort after such an update when no row changed state;
- ``re-sort, rows moved``: the same when ~5 % of the updated rows went offline or came back
  (the longest turn of it: a tree that plans the order in one turn and moves the rows in the
  next also prints each of the two, ``plan`` and ``move``);
- ``100 rows off screen``: 100 scattered rows below the visible ones applied and the event loop
  run (the repaint they cause, if any, included);
- ``repaint``: a full repaint of the table;
- ``fault report``: one fault report (~420 open faults) applied and the event loop run, with the
  Faults tab hidden (the Fleet tab shown) and with it shown;
- ``recent window slides``: the Faults tab's recent-events filter with 20,000 events kept (one a
  second) when a fault report moves the window's start by 0.5 s, as every report does.

Prints the median and every run of each (milliseconds, wall). Synthetic snapshots, no network.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks._common import loadavg, machine


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=5000)
    p.add_argument("--rounds", type=int, default=8)
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from rig_monitor.core.config import AppConfig
    from rig_monitor.core.model import MinerSnapshot, Target
    from rig_monitor.gui.app import _application, fault_stage
    from rig_monitor.gui.main_window import MainWindow

    print(machine())
    app = _application(["rig-monitor-bench"])
    targets = [Target(f"127.40.{i // 250}.{i % 250 + 1}", 4028) for i in range(args.rows)]
    win = MainWindow(
        targets,
        config=AppConfig(interval_s=10),
        persist=False,
        use_tray=False,
        post_process=fault_stage(None),
    )
    win.show()
    app.processEvents()
    rng = random.Random(1)
    online = {t.key: rng.random() > 0.05 for t in targets}

    def snap(t: Target) -> Any:
        return MinerSnapshot(
            ip=t.ip,
            port=t.port,
            online=online[t.key],
            make="Antminer",
            model="S19j Pro",
            hashrate_ths=100 + rng.random() * 10,
            nominal_hashrate_ths=104.0,
        )

    win.model.apply_snapshots([snap(t) for t in targets])
    win._resort()
    app.processEvents()
    out: dict[str, list[float]] = {
        "apply 500 rows": [],
        "re-sort, nothing moved": [],
        "re-sort, rows moved": [],
        "100 rows off screen": [],
        "repaint": [],
    }
    for _ in range(args.rounds):
        batch = [snap(t) for t in rng.sample(targets, 500)]
        out["apply 500 rows"].append(_timed(lambda b=batch: win.model.apply_snapshots(b)))
        out["re-sort, nothing moved"].append(_timed(win._resort))
        app.processEvents()
        moved = rng.sample(targets, 500)
        for t in moved[:25]:
            online[t.key] = not online[t.key]
        win.model.apply_snapshots([snap(t) for t in moved])
        turn = _timed(win._resort)
        if getattr(win.model, "resort_pending", False):  # the rows move in a second turn
            out.setdefault("re-sort, rows moved: plan", []).append(turn)
            layout = _timed(win._finish_resort)
            out.setdefault("re-sort, rows moved: move", []).append(layout)
            turn = max(turn, layout)
        out["re-sort, rows moved"].append(turn)
        app.processEvents()
        for _ in range(3):  # the re-sort's delayed relayout and its repaint, before timing
            app.processEvents()
        shown = {win.model.row_at(i).key for i in range(min(200, len(targets)))}
        hidden = rng.sample([t for t in targets if t.key not in shown], 100)

        def off_screen(h: list[Target] = hidden) -> None:
            win.model.apply_snapshots([snap(t) for t in h])
            app.processEvents()

        out["100 rows off screen"].append(_timed(off_screen))
        out["repaint"].append(_timed(win.table.viewport().repaint))
    out.update(_fault_reports(win, app, targets, args.rounds))
    out["recent window slides"] = _recent_slides(args.rounds)
    for name, xs in out.items():
        runs = " ".join(f"{x:.1f}" for x in xs)
        print(f"  {name:24s} median {statistics.median(xs):6.1f} ms  ({runs})")
    print(f"  load {loadavg()}")
    win.close()
    return 0


def _fault_reports(win: Any, app: Any, targets: list[Any], rounds: int) -> dict[str, list[float]]:
    """One fault report applied (every 12th miner with a stopped fan: ~420 open faults), with
    the Faults tab hidden (the Fleet tab shown, as while sweeping) and with it shown."""
    from rig_monitor.core.faults.stage import FaultStage
    from rig_monitor.core.model import MinerSnapshot

    stage = FaultStage()
    reports = []
    for k in range(rounds + 2):
        snaps = []
        for i, t in enumerate(targets):
            fans = [0, 6000, 6000, 6000] if i % 12 == 0 else [6000] * 4
            s = MinerSnapshot(ip=t.ip, port=t.port, online=True, make="Antminer",
                              model="S19j Pro", hashrate_ths=100.0, nominal_hashrate_ths=104.0,
                              fans_rpm=fans)  # fmt: skip
            s.timestamp = 1_700_000_000.0 + 30 * k
            snaps.append(s)
        report = stage(snaps)
        if report is not None and report.records:
            reports.append(report)
    out: dict[str, list[float]] = {}
    for name, tab in (
        ("fault report, tab hidden", win.fleet_page),
        ("fault report, tab shown", win.faults_view),
    ):
        win.tabs.setCurrentWidget(tab)
        app.processEvents()
        times = []
        for report in reports:

            def apply(r: Any = report) -> None:
                win.fault_book.apply_report(r)
                app.processEvents()

            times.append(_timed(apply))
        out[name] = times
    win.tabs.setCurrentWidget(win.fleet_page)
    return out


def _recent_slides(rounds: int) -> list[float]:
    from rig_monitor.core.faults import EventKind
    from rig_monitor.core.faults.tracker import FaultEvent
    from rig_monitor.core.model import Fault, Severity
    from rig_monitor.gui.fault_models import RecentFilterProxy, RecentModel

    model = RecentModel()
    proxy = RecentFilterProxy()
    proxy.setSourceModel(model)
    fault = Fault("fan_failed", Severity.CRITICAL, "Fan failed", "fan 2: 0 rpm", None)
    window = 12 * 3600.0  # the Faults tab's default
    now = 1_000_000.0
    kinds = (EventKind.RAISED, EventKind.CLEARED)
    model.add(
        [
            FaultEvent(kinds[i % 2], f"127.0.0.{i % 250}:4028", fault, now - 20_000 + i)
            for i in range(20_000)
        ],
        None,
    )
    proxy.set_since(now - window, False)
    proxy.rowCount()
    times = []
    for _ in range(rounds):
        now += 0.5
        model.add([FaultEvent(EventKind.RAISED, "127.0.0.1:4028", fault, now)], None)

        def slide(since: float = now - window) -> None:
            proxy.set_since(since, False)
            proxy.rowCount()

        times.append(_timed(slide))
    return times


if __name__ == "__main__":
    raise SystemExit(main())
