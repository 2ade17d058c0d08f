"""The window driven by the engine users get (EngineProcess, polling in a spawned child), with
fake miners polled in that child (tests/gui/fakes.py ChildFleet; no network)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QLabel, QSystemTrayIcon

from rig_monitor.core.config import AppConfig, load_config
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.engine.engine_process import EngineProcess
from rig_monitor.core.model import Target
from rig_monitor.gui.fleet import RowState
from rig_monitor.gui.fleet_model import KEY_ROLE, Col
from rig_monitor.gui.main_window import MainWindow
from tests.gui.fakes import LOCKED_PASSWORD, ChildFleet, FakeFleet, target_list

# The offscreen platform says so whenever a top-level window is shown; it is not our bug.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

WAIT_MS = 15_000
MakeWindow = Callable[..., tuple[MainWindow, FakeFleet]]


@pytest.fixture
def make_window(qtbot: Any, tmp_path: Path) -> Iterator[MakeWindow]:
    windows: list[MainWindow] = []

    def make(
        count: int = 200,
        *,
        start: bool = True,
        locked: frozenset[str] = frozenset(),
        swapped: frozenset[str] = frozenset(),
    ) -> tuple[MainWindow, FakeFleet]:
        targets = target_list(count)
        fake = FakeFleet(targets)  # the same rules, for the expected totals
        win = MainWindow(
            targets,
            config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
            child_poll=ChildFleet(tuple(targets), locked, swapped),
            engine_config=EngineConfig(batch_interval_s=0.05, poll_budget_s=5.0),
            config_path=tmp_path / "config.json",
        )
        assert isinstance(win.engine, EngineProcess)  # what users get
        windows.append(win)
        qtbot.addWidget(win)
        win.show()
        if start:
            win.start()
        return win, fake

    yield make
    for win in windows:
        win.shutdown()
        assert win.wait_stopped()
        assert not win.engine.running


def _wait_polled(qtbot: Any, win: MainWindow, sweeps: int = 1) -> None:
    def done() -> bool:
        return win.sweeps_seen >= sweeps and all(
            r.state is not RowState.PENDING for r in win.model.rows()
        )

    qtbot.waitUntil(done, timeout=WAIT_MS)


class PaintCounter(QObject):
    """Whether a step repainted a widget: the repaints are what these tests keep off a turn."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _cell(win: MainWindow, key: str, col: Col) -> str:
    row = win.model.row_of(key)
    assert row is not None
    return str(win.model.index(row, col).data(Qt.ItemDataRole.DisplayRole))


def test_table_fills_totals_and_second_sweep_updates_in_place(
    qtbot: Any, make_window: MakeWindow
) -> None:
    win, fake = make_window(200)
    assert win.model.rowCount() == 200  # the targets show at once, "Waiting"
    assert win.proxy.dynamicSortFilter() is False
    resets: list[int] = []
    inserts: list[int] = []
    win.model.modelReset.connect(lambda: resets.append(1))
    win.model.rowsInserted.connect(lambda *_: inserts.append(1))

    _wait_polled(qtbot, win)
    exp = fake.expected()
    assert (exp["online"], exp["offline"], exp["faults"], exp["power"]) == (190, 10, 8, 170)
    summary = win.totals.summary()
    assert "190 online" in summary
    assert "10 offline" in summary
    assert "8 with faults" in summary
    assert "waiting" not in summary
    # 190 × 100 TH/s of 190 × 110 nominal (offline miners never answered: rating unknown)
    assert "19.00 PH/s of 20.90 PH/s nominal (91 %)" in summary
    assert "510.0 kW (170 of 190 reporting)" in summary
    assert "Last sweep" in summary
    assert win.engine_label.text().startswith("Sweep 1: 200 miners in ")

    first, offline = target_list(200)[1], target_list(200)[0]
    assert _cell(win, first.key, Col.HASHRATE) == "100.0 TH/s"
    assert _cell(win, first.key, Col.STATUS) == "Critical"
    assert _cell(win, offline.key, Col.STATUS) == "Offline"
    assert _cell(win, offline.key, Col.HASHRATE) == "—"
    assert "timed out" in _cell(win, offline.key, Col.ERROR)

    qtbot.mouseClick(win.poll_button, Qt.MouseButton.LeftButton)  # each miner's 2nd poll: 101
    _wait_polled(qtbot, win, sweeps=2)
    qtbot.waitUntil(lambda: _cell(win, first.key, Col.HASHRATE) == "101.0 TH/s", timeout=WAIT_MS)
    assert win.model.rowCount() == 200
    assert "19.19 PH/s" in win.totals.summary()
    assert resets == [] and inserts == []
    assert win.engine_label.text().startswith("Sweep 2: ")


def test_bad_target_input_shows_message_inline(qtbot: Any, make_window: MakeWindow) -> None:
    win, _ = make_window(3)
    _wait_polled(qtbot, win)
    win.target_edit.setText("127.0.0.300, 127.0.0.1")
    qtbot.mouseClick(win.add_button, Qt.MouseButton.LeftButton)
    assert win.target_error.isVisible()
    assert "127.0.0.300" in win.target_error.text()
    assert win.model.rowCount() == 3
    assert win.target_edit.text() == "127.0.0.300, 127.0.0.1"  # kept for fixing

    qtbot.keyClicks(win.target_edit, "x")  # typing hides the old message
    assert not win.target_error.isVisible()

    win.target_edit.setText("@miners.txt")
    qtbot.keyClick(win.target_edit, Qt.Key.Key_Return)
    assert win.target_error.isVisible() and "@files" in win.target_error.text()

    win.target_edit.setText("127.0.0.1-3")
    qtbot.keyClick(win.target_edit, Qt.Key.Key_Return)
    assert "Already monitored" in win.target_error.text()


def test_add_and_remove_miners_saves_config(
    qtbot: Any, make_window: MakeWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("rig_monitor.gui.actions_menu.ask_yes_no", lambda *_: True)  # Delete asks
    win, _ = make_window(5)
    _wait_polled(qtbot, win)
    win.target_edit.setText("127.0.7.1-3, 127.0.7.9:24029")
    qtbot.keyClick(win.target_edit, Qt.Key.Key_Return)
    assert not win.target_error.isVisible()
    assert win.target_edit.text() == ""
    assert win.model.rowCount() == 9
    # the engine polls the new ones at once (add_targets wakes it)
    qtbot.waitUntil(
        lambda: (
            win.model.find("127.0.7.9:24029") is not None
            and win.model.find("127.0.7.9:24029").state is not RowState.PENDING
        ),  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    assert _cell(win, "127.0.7.9:24029", Col.ADDRESS) == "127.0.7.9:24029"

    # remove two selected rows
    sel = win.table.selectionModel()
    for key in ("127.0.7.1:4028", "127.0.0.2:4028"):
        src = win.model.index(win.model.row_of(key) or 0, 0)
        sel.select(
            win.proxy.mapFromSource(src),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert win.remove_button.isEnabled()
    qtbot.mouseClick(win.remove_button, Qt.MouseButton.LeftButton)
    assert win.model.rowCount() == 7
    assert win.model.find("127.0.7.1:4028") is None
    assert {t.key for t in win.targets} == set(win.model.keys())

    assert win._saver.wait()
    saved = load_config(tmp_path / "config.json")
    assert len(saved.targets) == 7
    assert "127.0.7.9:24029" in saved.targets and "127.0.7.2" in saved.targets
    assert "127.0.7.1" not in saved.targets

    # a later batch that still carries a removed miner does not bring it back
    win.poll_now()
    qtbot.waitUntil(lambda: win.sweeps_seen >= 3, timeout=WAIT_MS)
    assert win.model.find("127.0.0.2:4028") is None


def test_filter_problems_and_detail_pane(qtbot: Any, make_window: MakeWindow) -> None:
    win, _ = make_window(40)
    _wait_polled(qtbot, win)
    win.filter_edit.setText("127.0.0.1")  # a full address is that miner, not .10-.19 too
    assert win.proxy.rowCount() == 1
    win.filter_edit.setText("127.0.0.1-11")
    assert win.proxy.rowCount() == 11
    assert win.shown_label.text() == "Showing 11 of 40"
    win.filter_edit.clear()
    win.problems_check.setChecked(True)
    # offline: i = 0, 20; critical: i = 1, 26
    keys = {win.proxy.index(r, 0).data(KEY_ROLE) for r in range(win.proxy.rowCount())}
    assert keys == {f"127.0.0.{i + 1}:4028" for i in (0, 1, 20, 26)}
    win.problems_check.setChecked(False)
    assert win.proxy.rowCount() == 40

    assert win.select_key("127.0.0.2:4028")  # the critical one
    d = win.detail
    assert d.title.text() == "Antminer S19j Pro at 127.0.0.2"
    assert d.fields["mac"].text() == "02:00:00:00:00:01"
    assert d.fields["firmware"].text() == "bmminer 2023-01-01"
    assert d.boards.rowCount() == 3
    assert d.boards.item(0, 2).text() == "126/126"
    assert d.pools.rowCount() == 2
    assert d.pools.item(0, 1).text() == "pool.example:3333"
    assert "Chips missing" in d.faults.plain_text()
    assert not d.error.isVisible()

    assert win.select_key("127.0.0.1:4028")  # offline
    assert d.error.isVisible() and "timed out" in d.error.text()
    assert d.boards.rowCount() == 0


def test_interval_change_is_applied_and_saved(
    qtbot: Any, make_window: MakeWindow, tmp_path: Path
) -> None:
    win, _ = make_window(2)
    win.interval_spin.setValue(45)
    qtbot.waitUntil(lambda: win.config.interval_s == 45.0, timeout=WAIT_MS)
    assert win.engine.config.interval_s == 45.0
    assert win._saver.wait()
    assert load_config(tmp_path / "config.json").interval_s == 45.0


def test_closing_without_tray_stops_the_engine(qtbot: Any, make_window: MakeWindow) -> None:
    win, _ = make_window(3)
    _wait_polled(qtbot, win)
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: no tray host
    assert win.tray is None
    win.close()
    assert not win.isVisible()
    assert win.wait_stopped()
    assert not win.engine.running


def test_window_opens_worst_first(qtbot: Any, make_window: MakeWindow) -> None:
    win, _ = make_window(30)
    _wait_polled(qtbot, win)
    win.proxy.refresh()  # the periodic re-sort, run now
    header = win.table.horizontalHeader()
    assert header.sortIndicatorSection() == Col.STATUS
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    top = [str(win.proxy.index(r, Col.STATUS).data()) for r in range(4)]
    assert top == ["Offline", "Offline", "Critical", "Critical"]


def test_window_sorts_problem_rows_on_header_sort(qtbot: Any, make_window: MakeWindow) -> None:
    win, _ = make_window(30)
    _wait_polled(qtbot, win)
    win.table.sortByColumn(Col.ADDRESS, Qt.SortOrder.AscendingOrder)
    win.table.sortByColumn(Col.STATUS, Qt.SortOrder.DescendingOrder)
    top = [str(win.proxy.index(r, Col.STATUS).data()) for r in range(4)]
    assert top == ["Offline", "Offline", "Critical", "Critical"]
    assert isinstance(win.targets[0], Target)


def test_password_for_selected_miners_reaches_the_engine(
    qtbot: Any, make_window: MakeWindow
) -> None:
    """The password travels to the engine's child, which polls the locked miner with it."""
    locked = target_list(10)[1]
    win, _ = make_window(10, locked=frozenset({locked.key}))
    _wait_polled(qtbot, win)
    assert _cell(win, locked.key, Col.STATUS) == "Offline"
    assert "auth failed" in _cell(win, locked.key, Col.ERROR)
    assert win.select_key(locked.key)
    keys = win.selected_keys()
    assert keys == [locked.key]
    win.set_password(keys, "root", LOCKED_PASSWORD)
    # tests run without an OS keyring: the window says where the password went
    assert "memory until the app closes" in win.statusBar().currentMessage()
    assert LOCKED_PASSWORD not in win.statusBar().currentMessage()
    qtbot.waitUntil(lambda: _cell(win, locked.key, Col.STATUS) != "Offline", timeout=WAIT_MS)
    assert _cell(win, locked.key, Col.HASHRATE).endswith("TH/s")


def test_a_saved_password_is_held_back_from_a_new_device_until_confirmed(
    qtbot: Any, make_window: MakeWindow
) -> None:
    key = target_list(10)[1].key
    win, _ = make_window(10, locked=frozenset({key}), swapped=frozenset({key}))
    _wait_polled(qtbot, win)
    win.set_password([key], "root", LOCKED_PASSWORD)  # bound to the box it first works for

    def error_says(words: str) -> bool:
        if words not in _cell(win, key, Col.ERROR):
            win.poll_now()  # the interval is an hour: ask for the next sweep
            return False
        return True

    qtbot.waitUntil(lambda: error_says("identity changed"), timeout=WAIT_MS)  # another MAC
    assert _cell(win, key, Col.STATUS) == "Offline"
    assert LOCKED_PASSWORD not in _cell(win, key, Col.ERROR)
    assert win.select_key(key)
    asked: list[str] = []
    win.confirm_identity = lambda _p, text: asked.append(text) or True
    win.confirm_identity_for_selected()
    assert len(asked) == 1
    qtbot.waitUntil(lambda: _cell(win, key, Col.STATUS) != "Offline", timeout=WAIT_MS)


def test_public_addresses_in_the_add_box_need_confirmation(
    qtbot: Any, make_window: MakeWindow
) -> None:
    win, _ = make_window(2)
    asked: list[str] = []
    answer = [False]

    def confirm(_parent: object, text: str) -> bool:
        asked.append(text)
        return answer[0]

    win.confirm_public = confirm
    win.target_edit.setText("8.8.8.8, 127.0.0.50")
    qtbot.keyClick(win.target_edit, Qt.Key.Key_Return)
    assert len(asked) == 1 and "8.8.8.8" in asked[0] and "public internet" in asked[0]
    assert win.model.rowCount() == 2 and "Not added" in win.target_error.text()
    win.target_edit.setText("127.0.0.51")  # private or loopback: no question
    qtbot.keyClick(win.target_edit, Qt.Key.Key_Return)
    assert len(asked) == 1 and win.model.rowCount() == 3
    answer[0] = True
    win.target_edit.setText("8.8.8.8")
    qtbot.keyClick(win.target_edit, Qt.Key.Key_Return)
    assert len(asked) == 2 and win.model.find("8.8.8.8:4028") is not None
    win.target_edit.setText("0.0.0.0, 255.255.255.255")
    qtbot.keyClick(win.target_edit, Qt.Key.Key_Return)
    assert "not a host address" in win.target_error.text()


def test_first_run_shows_how_to_add_miners(qtbot: Any, make_window: MakeWindow) -> None:
    win, _ = make_window(0)
    assert win.fleet_stack.currentWidget() is win.welcome
    texts = " ".join(label.text() for label in win.welcome.findChildren(QLabel))
    assert "No miners yet" in texts and "10.0.0.0/24" in texts
    win.add_targets([Target("127.9.9.1", 24999)])
    assert win.fleet_stack.currentWidget() is win.table
    win.remove_keys([Target("127.9.9.1", 24999).key])
    assert win.fleet_stack.currentWidget() is win.welcome


def test_a_large_batch_is_applied_in_turns_and_other_slots_get_it_whole(
    qtbot: Any, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window applies a big batch a chunk of rows per step, as many steps per event-loop turn
    as its time budget allows; it used to do so by cutting the shared Batch, so the metrics
    exporter (a later slot) saw only the last rows."""
    from rig_monitor.core.engine.engine import Batch, SweepStats
    from rig_monitor.core.model import MinerSnapshot
    from rig_monitor.gui import main_window

    monkeypatch.setattr(main_window, "TURN_BUDGET_S", 0.0)  # one step per turn
    count = main_window.CHUNK_ROWS * 2 + 7
    win, _ = make_window(count, start=False)
    seen: list[int] = []
    win.bridge.batch_ready.connect(lambda b: seen.append(len(b.snapshots)))
    snaps = [
        MinerSnapshot(ip=t.ip, port=t.port, online=True, hashrate_ths=100.0) for t in win.targets
    ]
    win.bridge.on_batch(Batch(snapshots=snaps, sweep=SweepStats(1, 0.0, 1.0), sweep_done=True))
    assert win.batches_pending == 1  # only the first rows so far
    qtbot.waitUntil(lambda: win.batches_pending == 0, timeout=10_000)
    assert seen == [count]
    assert all(r.snap is not None and r.snap.online for r in win.model.rows())
    assert win.sweeps_seen == 1  # the sweep's end went with its last rows


def test_batches_applied_in_budgeted_steps_end_with_every_row_and_the_sort_right(
    qtbot: Any, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step by step (a zero budget: one step per turn), three queued batches are applied in
    order, a batch's sweep end only after its last rows; the end state is every row from the
    last batch, and the re-sort puts them in hashrate order."""
    import random

    from rig_monitor.core.engine.engine import Batch, SweepStats
    from rig_monitor.core.model import MinerSnapshot
    from rig_monitor.gui import main_window

    monkeypatch.setattr(main_window, "TURN_BUDGET_S", 0.0)
    count = main_window.CHUNK_ROWS * 2 + 30
    win, _ = make_window(count, start=False)
    win.table.sortByColumn(Col.HASHRATE, Qt.SortOrder.DescendingOrder)
    rng = random.Random(3)
    final: dict[str, float] = {}
    for n in range(3):
        rates = {t.key: float(rng.randrange(50, 150)) for t in win.targets}
        final = rates
        snaps = [
            MinerSnapshot(ip=t.ip, port=t.port, online=True, hashrate_ths=rates[t.key])
            for t in win.targets
        ]
        win._on_batch(Batch(snapshots=snaps, sweep=SweepStats(n + 1, 0.0, 1.0), sweep_done=True))
    steps = 1  # _on_batch took the first step
    sweeps = [win.sweeps_seen]
    while win.batches_pending:
        win._drain_backlog()  # what each event-loop turn runs
        steps += 1
        sweeps.append(win.sweeps_seen)
    # per batch: 3 chunks of rows, then its sweep end as a step of its own
    assert steps == 3 * 4
    assert sweeps == [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3]
    assert {r.key: r.snap.hashrate_ths for r in win.model.rows() if r.snap} == final
    win._resort()
    win._finish_resort()  # the next turn moves the rows
    shown = [win.model.row_at(i).snap.hashrate_ths for i in range(count)]  # type: ignore[union-attr]
    assert shown == sorted(final.values(), reverse=True)


def test_a_generous_budget_applies_a_large_batch_in_one_turn(
    qtbot: Any, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The turn ends on time spent, not on a row count: with time to spare, all of it at once."""
    from rig_monitor.core.engine.engine import Batch, SweepStats
    from rig_monitor.core.model import MinerSnapshot
    from rig_monitor.gui import main_window

    monkeypatch.setattr(main_window, "TURN_BUDGET_S", 60.0)
    count = main_window.CHUNK_ROWS * 3 + 1
    win, _ = make_window(count, start=False)
    snaps = [
        MinerSnapshot(ip=t.ip, port=t.port, online=True, hashrate_ths=7.0) for t in win.targets
    ]
    win._on_batch(Batch(snapshots=snaps, sweep=SweepStats(1, 0.0, 1.0), sweep_done=True))
    assert win.batches_pending == 0 and win.sweeps_seen == 1
    assert all(r.snap is not None and r.snap.hashrate_ths == 7.0 for r in win.model.rows())
    # a fault report (any extra) waits for a turn of its own, the rows before it do not
    for snap in snaps:
        snap.hashrate_ths = 8.0
    win._on_batch(Batch(snapshots=snaps, sweep=SweepStats(2, 0.0, 1.0), sweep_done=True, extra=1))
    assert win.batches_pending == 1 and win.sweeps_seen == 1
    assert all(r.snap is not None and r.snap.hashrate_ths == 8.0 for r in win.model.rows())
    win._drain_backlog()
    assert win.batches_pending == 0 and win.sweeps_seen == 2
    small = Batch(snapshots=snaps[:5], sweep=SweepStats(3, 0.0, 1.0), sweep_done=True, extra=1)
    win._on_batch(small)  # rows and report in one step, which the turn starts with
    assert win.batches_pending == 0 and win.sweeps_seen == 3


def test_rows_updated_off_screen_do_not_repaint_the_table(
    qtbot: Any, make_window: MakeWindow
) -> None:
    """A sweep updates rows all over the (sorted) table a hundred at a time; each goes out as its
    own span, so the view repaints only when a row on screen changed (a covering span repainted
    the whole table for every step: 10-30 ms at 5,000 rows)."""
    from rig_monitor.core.engine.engine import Batch, SweepStats
    from rig_monitor.core.model import MinerSnapshot

    win, _ = make_window(600, start=False)

    def batch(rows: list[int], rate: float) -> Batch:
        snaps = []
        for r in rows:
            row = win.model.row_at(r)
            snaps.append(MinerSnapshot(ip=row.ip, port=row.port, online=True, hashrate_ths=rate))
        return Batch(snapshots=snaps, sweep=SweepStats(1, 0.0, 1.0))

    win._on_batch(batch(list(range(600)), 100.0))
    qtbot.waitUntil(lambda: win.batches_pending == 0)
    win.table.viewport().repaint()
    bottom = win.table.rowAt(win.table.viewport().height() - 1)
    assert 0 < bottom < 400  # rows 400+ are off screen
    paints = PaintCounter()
    win.table.viewport().installEventFilter(paints)
    qtbot.wait(300)  # repaints still due from the window's start
    paints.count = 0
    win._on_batch(batch(list(range(400, 600, 2)), 101.0))  # 100 scattered rows, all off screen
    qtbot.waitUntil(lambda: win.batches_pending == 0)
    qtbot.wait(50)
    assert paints.count == 0
    assert win.model.row_at(598).snap.hashrate_ths == 101.0  # type: ignore[union-attr]
    win._on_batch(batch([1], 102.0))  # one row on screen
    qtbot.waitUntil(lambda: paints.count > 0)


def test_totals_growing_neither_resize_the_window_nor_repaint_the_table(
    qtbot: Any, make_window: MakeWindow
) -> None:
    """The totals' numbers widen as a sweep finds miners ("89 online" to "123,456 online"); when
    the bar's width counted in the window's minimum, the window resized itself and every widget
    was laid out and repainted again (26-60 ms a time during the first sweep, issue 15)."""
    from rig_monitor.gui.fleet import FleetTotals

    win, _ = make_window(50, start=False)
    qtbot.wait(200)  # the start's layout and repaints
    width, min_width = win.width(), win.minimumSizeHint().width()

    paints = PaintCounter()
    win.table.viewport().installEventFilter(paints)
    big = FleetTotals(
        miners=200_000,
        online=123_456,
        offline=45_678,
        pending=7_777,
        with_faults=9_999,
        degraded=8_888,
        hashrate_ths=12_345_678.0,
        nominal_ths=13_000_000.0,
        power_w=98_765_432.0,
        power_reporting=123_456,
    )
    win.totals.set_totals(big, None)
    qtbot.wait(100)
    assert win.totals.sizeHint().width() > width  # the text no longer fits ...
    assert win.minimumSizeHint().width() == min_width  # ... and the window's minimum stays
    assert win.width() == width
    assert paints.count == 0  # the table was not laid out and repainted again
    assert "123,456 online" in win.totals.summary()  # the whole line, for the tray tooltip


def test_the_first_show_freezes_the_startup_heap_once(
    qtbot: Any, make_window: MakeWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's first show hands start-up's objects to the frozen generation (see
    gui/collector.freeze_startup): once, before the first event-loop turn paints it."""
    from rig_monitor.gui import main_window

    calls: list[int] = []
    monkeypatch.setattr(main_window, "freeze_startup", lambda: calls.append(1) or True)
    win, _ = make_window(3, start=False)  # built and shown
    assert calls == [1]
    win.hide()
    win.show()
    assert calls == [1]
