"""Regenerate the window screenshots in docs/screenshots/ on the demo fleet.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/shoot.py

The demo's simulated miners listen on loopback only (127.91.0.x, port 14028): nothing leaves
this computer. Each picture is a grab of the real window after a few sweeps of live polling.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication

from rig_monitor.core.config import AppConfig
from rig_monitor.gui.app import _application, start_demo
from rig_monitor.gui.main_window import MainWindow
from rig_monitor.gui.rack_map import Metric

OUT = Path(__file__).resolve().parent


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def wait_sweeps(app: QApplication, win: MainWindow, n: int) -> None:
    want = win.sweeps_seen + n
    end = time.monotonic() + 120
    while win.sweeps_seen < want and time.monotonic() < end:
        win.poll_now()
        pump(app, 0.3)


def shot(app: QApplication, win: MainWindow, name: str) -> None:
    pump(app, 0.5)
    path = OUT / name
    image = win.grab()
    image.save(str(path))
    print("wrote", path, image.width(), "x", image.height())


def select_first(win: MainWindow) -> None:
    # No operator's hand is on the table here (the offscreen cursor can sit over it and hold the
    # live re-sort back): sort as an operator sees it, worst first, then select the top row.
    win.resort_guard.hovered = win.resort_guard.pressed = False
    win._resort()
    win.table.scrollToTop()
    ix = win.proxy.index(0, 0)
    win.table.selectionModel().setCurrentIndex(
        ix,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def main() -> int:
    app = _application(sys.argv[:1])
    demo = start_demo(200, faults_pct=8.0, seed=1, base="127.91.0.1", port=14028, interval_s=3)
    win = demo.window
    try:
        win.resize(1920, 1080)
        win.show()
        win.start()
        wait_sweeps(app, win, 4)  # faults wait a few polls before they are raised
        win.fit_columns()
        select_first(win)
        shot(app, win, "main-window.png")

        # the site's internet link "fails": most miners report every pool dead -> one incident;
        # and one shelf (.161-.180) loses power -> a dark row on the rack map
        for n in range(1, 131):
            demo.sim.inject(f"127.91.0.{n}", "pools_dead", 14028)
        for n in range(161, 181):
            demo.sim.inject(f"127.91.0.{n}", "offline", 14028)
        wait_sweeps(app, win, 5)  # faults are raised after a few polls
        win.racks.from_addresses(20)
        win.tabs.setCurrentWidget(win.rack_view)
        shot(app, win, "rack-map.png")
        win.rack_view.set_metric(Metric.RATING)
        shot(app, win, "rack-map-rating.png")

        win.tabs.setCurrentWidget(win.faults_view)
        incidents = win.fault_book.incident_model
        if incidents.rowCount():
            win.faults_view.incidents.setCurrentIndex(incidents.index(0, 0))
        shot(app, win, "faults-view.png")

        win.tabs.setCurrentWidget(win.fleet_page)
        win.filter_edit.setText("model:S19 status:critical,warning")
        select_first(win)
        shot(app, win, "filter.png")
        win.filter_edit.clear()
        win.groups.combo.setCurrentIndex(win.groups.combo.findData("model"))
        shot(app, win, "group-by-model.png")
        win.groups.combo.setCurrentIndex(0)
        win.filter_edit.setText("model:S19 status:critical,warning")
        win.filter_edit.setText("10.1.2.0/33")
        shot(app, win, "filter-error.png")
        win.filter_edit.clear()

        win.set_language("zh_CN")  # Chinese, at run time
        end = time.monotonic() + 10
        while win.language.language != "zh_CN" and time.monotonic() < end:
            pump(app, 0.1)
        wait_sweeps(app, win, 1)
        select_first(win)
        shot(app, win, "main-window-zh.png")
        win.tabs.setCurrentWidget(win.faults_view)
        shot(app, win, "faults-view-zh.png")
        win.tabs.setCurrentWidget(win.fleet_page)
        win.set_language("en")
        pump(app, 0.5)

        win.set_theme("dark")
        select_first(win)
        shot(app, win, "main-window-dark.png")
        win.set_theme("light")

        win.detail_dock.setMinimumHeight(0)
        win.resize(1366, 768)
        win.menu_actions["compact"].setChecked(True)
        select_first(win)
        shot(app, win, "main-window-1366.png")
    finally:
        demo.close()
    first = MainWindow([], config=AppConfig(), persist=False)  # first run: nothing to poll
    first.resize(1366, 768)
    first.show()
    shot(app, first, "first-run.png")
    first.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
