"""How long closing the window holds the GUI thread, with the engine users get (EngineProcess).

    QT_QPA_PLATFORM=offscreen python -m benchmarks.close --miners 200 --runs 5

Each run starts the demo fleet (simulator in-process, engine in its child), waits for the first
sweep, then times ``MainWindow.shutdown()`` on the GUI thread (what a close costs the operator)
and, separately, how long the engine then takes to be gone (``wait_stopped``, off-screen).
``--busy`` closes while a sweep is under way (a poll-now just before the close).
"""

from __future__ import annotations

import argparse
import time

from benchmarks._common import machine, median


def one_run(miners: int, busy: bool) -> tuple[float, float]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from rig_monitor.gui import app as gui_app

    qapp = QApplication.instance() or QApplication([])
    assert isinstance(qapp, QApplication)
    demo = gui_app.start_demo(miners, faults_pct=0.0, seed=1, base="127.233.0.1", port=24028)
    win = demo.window
    try:
        win.start()
        deadline = time.monotonic() + 120
        while win.sweeps_seen < 1 and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        if busy:
            win.poll_now()
            time.sleep(0.05)
        t0 = time.perf_counter()
        win.shutdown()
        gui_ms = (time.perf_counter() - t0) * 1000.0
        t1 = time.perf_counter()
        win.wait_stopped()
        gone_ms = (time.perf_counter() - t1) * 1000.0 + gui_ms
    finally:
        demo.sim.stop()
        win.deleteLater()
        QCoreApplication.processEvents()
    return gui_ms, gone_ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--miners", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--busy", action="store_true", help="close while a sweep is under way")
    args = ap.parse_args()
    print(machine())
    gui, gone = [], []
    for i in range(args.runs):
        g, e = one_run(args.miners, args.busy)
        gui.append(g)
        gone.append(e)
        print(f"run {i + 1}: GUI thread held {g:.1f} ms; engine gone after {e:.0f} ms")
    print(
        f"median of {args.runs}: GUI thread held {median(gui):.1f} ms (max {max(gui):.1f}); "
        f"engine gone after {median(gone):.0f} ms ({args.miners} miners"
        f"{', closed mid-sweep' if args.busy else ''})"
    )


if __name__ == "__main__":
    main()
