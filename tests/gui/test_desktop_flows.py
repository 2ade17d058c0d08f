"""Issue 14 flows driven offscreen: the filter language in the window, quick filters, Ctrl+F,
the column chooser, a re-sort that waits for the mouse, "Degraded" explained, first run, CSV
export and the layout remembered between runs."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QEnterEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from rig_monitor.core.config import AppConfig
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.model import MinerSnapshot
from rig_monitor.gui.fleet_model import KEY_ROLE, Col
from rig_monitor.gui.main_window import MainWindow
from rig_monitor.gui.table_layout import visible_columns
from rig_monitor.gui.window_menus import demo_command
from tests.gui import fault_helpers
from tests.gui.fakes import target_list
from tests.gui.fault_helpers import MakeWindow, ScriptedFleet, fan_stopped, sweeps

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def shaped(i: int, snap: MinerSnapshot) -> MinerSnapshot:
    """.3 has a stopped fan; .5 is a Whatsminer; .7 runs at 60 % of its rating."""
    if i == 2:
        fan_stopped(snap)
    if i == 4:
        snap.make, snap.model = "Whatsminer", "M30S+"
    if i == 6:
        snap.hashrate_ths = 66.0
    return snap


def shown_keys(win: MainWindow) -> list[str]:
    proxy = win.proxy
    return sorted(
        (proxy.index(r, 0).data(KEY_ROLE) for r in range(proxy.rowCount())),
        key=lambda k: int(k.split(":")[0].rsplit(".", 1)[1]),
    )


def addr(*last: int) -> list[str]:
    return [f"127.0.0.{n}:4028" for n in last]


def test_filter_language_in_the_window(qtbot: Any, fault_window: MakeWindow) -> None:
    win, fake = fault_window(20, shaped)
    fake.offline.add("127.0.0.9:4028")
    win.config.sites["North"] = ["127.0.0.16/30"]  # .16-.19
    sweeps(qtbot, win, 2)  # fan_failed needs 2 polls
    edit = win.filter_edit
    edit.setText("127.0.0.0/29")
    assert shown_keys(win) == addr(1, 2, 3, 4, 5, 6, 7)
    edit.setText("127.0.0.5-8")
    assert shown_keys(win) == addr(5, 6, 7, 8)
    edit.setText("model:M30S")
    assert shown_keys(win) == addr(5)
    edit.setText("fault:fan")
    assert shown_keys(win) == addr(3)
    edit.setText("status:offline")
    assert shown_keys(win) == addr(9)
    edit.setText("site:north")
    assert shown_keys(win) == addr(16, 17, 18, 19)
    edit.setText("timed out")  # free text reaches the offline reason
    assert shown_keys(win) == addr(9)
    edit.setText("0 rpm")  # and the fault texts
    assert shown_keys(win) == addr(3)
    assert win.shown_label.text() == "Showing 1 of 20"

    # bad syntax: said inline, and the last good filter stays applied
    edit.setText("127.0.0.0/40")
    assert not win.filter_bar.error.isHidden()
    assert "not a valid CIDR block" in win.filter_bar.error.text()
    assert shown_keys(win) == addr(3)
    edit.setText("status:offline")
    assert win.filter_bar.error.isHidden()

    # quick filters combine with the text
    edit.clear()
    win.filter_bar.quick["Critical"].setChecked(True)
    assert shown_keys(win) == addr(3)
    win.filter_bar.quick["Offline"].setChecked(True)
    assert shown_keys(win) == addr(3, 9)
    win.filter_bar.quick["Degraded"].setChecked(True)
    assert shown_keys(win) == addr(3, 7, 9)

    # Ctrl+F from the Faults tab: back to the fleet, focus in the filter box
    win.tabs.setCurrentWidget(win.faults_view)
    assert win.menu_actions["find"].shortcut() == QKeySequence("Ctrl+F")
    win.menu_actions["find"].trigger()
    assert win.tabs.currentWidget() is win.fleet_page
    qtbot.waitUntil(edit.hasFocus, timeout=2000)


def test_degraded_row_says_why_and_when_a_fault_comes(qtbot: Any, fault_window: MakeWindow) -> None:
    win, _ = fault_window(8, shaped)
    sweeps(qtbot, win, 1)
    row = win.model.row_of("127.0.0.7:4028")
    assert row is not None
    status = win.model.index(row, Col.STATUS).data()
    text = win.model.index(row, Col.FAULTS).data()
    assert status == "Degraded"
    # hashrate_low's raise_s is 900 s in the shipped catalogue
    assert text == "hashrate 60 % for 0 min; a fault is raised after 15 min"
    assert win.model.index(row, Col.STATUS).data(Qt.ItemDataRole.ToolTipRole) == text


@pytest.mark.qt_log_ignore(r"This plugin does not support")  # a popup menu, offscreen
def test_column_chooser_order_and_reset(qtbot: Any, fault_window: MakeWindow) -> None:
    win, _ = fault_window(4)
    header = win.table.horizontalHeader()
    assert header.sectionsMovable()
    # the top fault and the offline reason sit next to the status
    assert visible_columns(header)[:3] == [Col.STATUS, Col.FAULTS, Col.ERROR]

    menus: list[QMenu] = []

    def close_menu() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            menus.append(menu)
            for action in menu.actions():
                if action.text() == "Pool":
                    action.setChecked(False)  # untick: the column goes
            menu.close()

    QTimer.singleShot(50, close_menu)
    header.customContextMenuRequested.emit(QPoint(10, 5))
    assert menus, "the header's context menu did not open"
    assert header.isSectionHidden(Col.POOL)
    assert Col.POOL not in visible_columns(header)

    header.moveSection(header.visualIndex(Col.MODEL), 0)
    assert visible_columns(header)[0] is Col.MODEL
    win.reset_columns()
    assert not header.isSectionHidden(Col.POOL)
    assert visible_columns(header)[:3] == [Col.STATUS, Col.FAULTS, Col.ERROR]

    win.menu_actions["compact"].setChecked(True)
    assert header.isSectionHidden(Col.UPTIME) and header.isSectionHidden(Col.EFFICIENCY)
    assert win.table.verticalHeader().defaultSectionSize() == 20
    win.menu_actions["compact"].setChecked(False)
    assert not header.isSectionHidden(Col.UPTIME)


def enter_event() -> QEnterEvent:
    """A real enter event (a bare QEvent of type Enter crashes the view, which reads its position)."""
    at = QPointF(20, 20)
    return QEnterEvent(at, at, at)


def test_resort_waits_while_the_mouse_is_over_the_table(
    qtbot: Any, fault_window: MakeWindow
) -> None:
    win, _ = fault_window(30)
    sweeps(qtbot, win, 1)
    win.table.sortByColumn(Col.HASHRATE, Qt.SortOrder.AscendingOrder)
    key = "127.0.0.15:4028"
    src = win.model.row_of(key)
    assert src is not None
    ix = win.proxy.mapFromSource(win.model.index(src, 0))
    win.table.selectionModel().setCurrentIndex(
        ix,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    win.table.scrollTo(ix)
    before_row = ix.row()
    before_y = win.table.visualRect(ix).top()

    # live data: the selected miner becomes the slowest, which would move it to the top
    snap = win.model.find(key).snap  # type: ignore[union-attr]
    assert snap is not None
    slow = MinerSnapshot(**{**{f: getattr(snap, f) for f in snap.__slots__}, "hashrate_ths": 1.0})
    win.model.apply_snapshots([slow])
    viewport = win.table.viewport()
    QApplication.sendEvent(viewport, enter_event())
    win._resort()
    assert win.table.selectionModel().currentIndex().row() == before_row  # did not move
    assert win._resort_timer.isActive()  # it will try again

    win._resort()  # still pointing: still waiting
    assert win.table.selectionModel().currentIndex().row() == before_row

    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))
    win._resort()  # the pointer left: now it sorts (the order now, the rows in the next turn)
    assert win.model.resort_pending
    assert win.table.selectionModel().currentIndex().row() == before_row
    win._finish_resort()
    current = win.table.selectionModel().currentIndex()
    assert current.data(KEY_ROLE) == key  # the selection follows the miner
    assert current.row() == 0
    assert (
        win.table.visualRect(current).top() == before_y
        or win.table.verticalScrollBar().value() == 0
    )
    # a pointer resting on the table does not hold the order back for ever
    win.model.apply_snapshots([snap])  # back to full speed: would move down again
    QApplication.sendEvent(viewport, enter_event())
    win._resort()
    assert win.table.selectionModel().currentIndex().row() == 0  # deferred
    win._deferred_since -= 31.0
    win._resort()
    win._finish_resort()
    assert win.table.selectionModel().currentIndex().row() != 0  # re-sorted after 30 s


def test_first_run_offers_scan_and_demo(qtbot: Any, tmp_path: Path) -> None:
    win = MainWindow([], config=AppConfig(), config_path=tmp_path / "c.json", persist=False)
    qtbot.addWidget(win)
    launched: list[list[str]] = []
    win.launch = lambda argv: launched.append(list(argv))
    win.show()
    assert win.fleet_stack.currentWidget() is win.welcome
    assert win.detail_dock.isHidden()  # nothing to detail: the welcome gets the room
    qtbot.mouseClick(win.demo_button, Qt.MouseButton.LeftButton)
    assert launched == [demo_command()]
    assert launched[0][-2:] == ["rig_monitor", "demo"]
    assert "demo" in win.statusBar().currentMessage()
    win.add_targets(target_list(2))  # the first miners bring the details pane back
    assert not win.detail_dock.isHidden()
    win.shutdown()


def test_csv_export_writes_the_table_as_shown(
    qtbot: Any, fault_window: MakeWindow, tmp_path: Path
) -> None:
    win, _ = fault_window(12, shaped)
    sweeps(qtbot, win, 1)
    win.filter_edit.setText("127.0.0.1-5")
    win.table.horizontalHeader().setSectionHidden(Col.POOL, True)
    out = tmp_path / "fleet.csv"
    win.export_csv(out)
    qtbot.waitUntil(lambda: "Exported" in win.statusBar().currentMessage(), timeout=5000)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Status", "Faults", "Error"]
    assert "Pool" not in rows[0]
    assert len(rows) == 1 + 5
    assert {r[rows[0].index("Address")] for r in rows[1:]} == {f"127.0.0.{i}" for i in range(1, 6)}


def test_layout_is_remembered_between_runs(qtbot: Any, tmp_path: Path) -> None:
    settings_path = str(tmp_path / "view.ini")

    def window() -> MainWindow:
        targets = target_list(5)
        fake = ScriptedFleet(targets)
        win = MainWindow(
            targets,
            config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
            poll=fake.poll,
            engine_config=EngineConfig(batch_interval_s=0.05),
            config_path=tmp_path / "config.json",
            settings=QSettings(settings_path, QSettings.Format.IniFormat),
            post_process=FaultStage(),
            persist=False,
        )
        qtbot.addWidget(win)
        win.show()
        return win

    first = window()
    first.filter_edit.setText("status:problem model:S19")
    first.filter_bar.quick["Offline"].setChecked(True)
    first.views.save_as("night shift")
    first.filter_bar.clear()
    first.table.horizontalHeader().setSectionHidden(Col.MODEL, True)
    first.menu_actions["compact"].setChecked(True)
    first.detail_dock.hide()
    first.shutdown()

    second = window()
    header = second.table.horizontalHeader()
    assert header.isSectionHidden(Col.MODEL)
    assert second.menu_actions["compact"].isChecked()
    assert second.detail_dock.isHidden()
    # the saved view came back and applies the whole filter
    assert second.filter_edit.text() == ""
    assert second.views.show_view("night shift")
    assert second.filter_edit.text() == "status:problem model:S19"
    assert second.filter_bar.quick["Offline"].isChecked()
    assert second.proxy.text_filter == "status:problem model:S19"
    assert second.proxy.quick_statuses == frozenset({"offline"})
    assert not second.views.show_view("no such view")
    second.shutdown()


def test_group_by_shows_totals_and_drills_down(qtbot: Any, fault_window: MakeWindow) -> None:
    win, fake = fault_window(12, shaped)
    fake.offline.add("127.0.0.9:4028")
    win.config.sites["North"] = ["127.0.0.1-6"]
    sweeps(qtbot, win, 2)
    panel = win.groups
    assert panel.isHidden()
    panel.combo.setCurrentIndex(panel.combo.findData("model"))
    assert not panel.isHidden()
    by_name = {g.name: g for g in panel.groups}
    # .9 is offline: in "—" (model unknown) if it never answered, else under its last model
    assert (
        {"Antminer S19j Pro", "Whatsminer M30S+"}
        <= set(by_name)
        <= {
            "Antminer S19j Pro",
            "Whatsminer M30S+",
            "—",
        }
    )
    assert by_name["Whatsminer M30S+"].miners == 1
    assert sum(g.offline for g in panel.groups) == 1
    assert sum(g.miners for g in panel.groups) == 12
    assert by_name["Antminer S19j Pro"].faults == 1  # the stopped fan

    panel.combo.setCurrentIndex(panel.combo.findData("site"))
    assert [(g.name, g.miners) for g in panel.groups][:1] == [("North", 6)]
    row = [g.name for g in panel.groups].index("North")
    panel.cellClicked.emit(row, 0)
    assert win.filter_edit.text() == "site:North"
    assert shown_keys(win) == addr(1, 2, 3, 4, 5, 6)

    panel.combo.setCurrentIndex(panel.combo.findData("block"))
    assert [(g.name, g.miners, g.offline) for g in panel.groups] == [("127.0.0.0/24", 12, 1)]
    panel.combo.setCurrentIndex(0)
    assert panel.isHidden()


def test_a_resort_keeps_the_selected_miners_with_or_without_a_filter(
    qtbot: Any, fault_window: MakeWindow
) -> None:
    """Without a filter the re-sort rewrites rows in place (no layoutChanged: the filter proxy has
    nothing to re-map); with one it moves them with a layoutChanged. Either way the selected
    miners and the current one stay selected, and the table shows the model's sorted order (with
    a filter: the filter's rows of it)."""
    win, _ = fault_window(30)
    sweeps(qtbot, win, 1)
    win.table.sortByColumn(Col.HASHRATE, Qt.SortOrder.AscendingOrder)
    layouts: list[int] = []
    win.model.layoutChanged.connect(lambda *_: layouts.append(1))
    chosen = ["127.0.0.2:4028", "127.0.0.21:4028", "127.0.0.25:4028"]
    flags = QItemSelectionModel.SelectionFlag
    for round_, (text, want_layouts) in enumerate((("", 0), ("127.0.0.2-29", 1))):
        win.proxy.set_text_filter(text)
        assert win.proxy.filtering == bool(text)
        sel = win.table.selectionModel()
        sel.clearSelection()
        for key in chosen:
            ix = win._proxy_index(key)
            assert ix.isValid()
            sel.select(ix, flags.Select | flags.Rows)
        sel.setCurrentIndex(win._proxy_index(chosen[1]), flags.NoUpdate)
        before = list(win.model.keys())
        # new rates in reverse address order: most rows move
        snaps = []
        for row in list(win.model.rows()):
            snap = row.snap
            assert snap is not None
            rate = 200.0 - int(row.ip.rsplit(".", 1)[1]) * (-1 if round_ else 1)
            fields = {f: getattr(snap, f) for f in snap.__slots__}
            snaps.append(MinerSnapshot(**{**fields, "hashrate_ths": rate}))
        win.model.apply_snapshots(snaps)
        count = len(layouts)
        win._resort()
        win._finish_resort()
        keys = list(win.model.keys())
        assert keys != before
        rates = [r.snap.hashrate_ths for r in win.model.rows()]  # type: ignore[union-attr]
        assert rates == sorted(rates)
        proxy = win.proxy
        shown = [proxy.index(r, 0).data(KEY_ROLE) for r in range(proxy.rowCount())]
        accepted = set(shown)
        assert shown == [k for k in keys if k in accepted]
        assert (len(shown) == len(keys)) != bool(text)
        assert len(layouts) - count == want_layouts
        assert sorted(ix.data(KEY_ROLE) for ix in sel.selectedRows()) == sorted(chosen)
        assert sel.currentIndex().data(KEY_ROLE) == chosen[1]
        assert win.detail.key in (None, chosen[1])
