"""The window's history: charts (offscreen), notes, handover, exports, kept acknowledgements."""

from __future__ import annotations

import csv
import gc
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rig_monitor.core.config import AppConfig
from rig_monitor.core.engine.engine import EngineConfig
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.history import EventIn, HistoryReader, HistoryStore
from rig_monitor.core.history.store import SweepWrite
from rig_monitor.gui.history_charts import FleetHistoryView, MinerHistoryView
from rig_monitor.gui.history_handover import HandoverView
from rig_monitor.gui.history_link import HistoryLink
from rig_monitor.gui.main_window import MainWindow
from tests.core.history.helpers import snap
from tests.gui.fakes import target_list
from tests.gui.fault_helpers import ScriptedFleet, acknowledge_a_fault, fan_stopped, sweeps

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")
WAIT_MS = 15_000
KEY = "10.9.0.5:4028"  # written straight into the file: never polled


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> None:
    """Collect earlier tests' Qt garbage here, on the GUI thread. Python's cyclic GC runs in
    whichever thread allocates; if a query worker triggers it while it holds a dead window's
    QObjects, Qt destroys them off the GUI thread and can deadlock with the GUI thread."""
    gc.collect()


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    """24 h of one miner at 60 s (a dip to 60 TH/s at hour 6) and a 2-miner fleet."""
    db = tmp_path / "h.db"
    store = HistoryStore(db)
    now = time.time()
    t0 = now - 86400 + 60
    for i in range(0, 1440):
        t = t0 + 60 * i
        hashrate = 60.0 if 360 <= i < 370 else 100.0
        store.write(
            SweepWrite(
                [snap("10.9.0.5", t, serial="S1", hashrate=hashrate), snap("10.9.0.6", t)], t=t
            )
        )
    store.add_events(
        [
            EventIn(
                t0 + 360 * 60,
                KEY,
                "raised",
                "hashrate_low",
                None,
                "warning",
                "Hashrate low",
                "60 of 104 TH/s",
            ),
            EventIn(
                t0 + 370 * 60, KEY, "cleared", "hashrate_low", None, "warning", "Hashrate low", ""
            ),
            EventIn(t0 + 400 * 60, KEY, "note", detail="board 1 reseated", operator="ana"),
        ]
    )
    store.close()
    return db


@pytest.fixture
def link(qtbot: Any, recorded: Path) -> Iterator[HistoryLink]:
    lk = HistoryLink(recorded)
    lk.start()
    yield lk
    lk.close()


def test_miner_chart_draws_a_day_with_events_and_hover(qtbot: Any, link: HistoryLink) -> None:
    view = MinerHistoryView(link)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    view.set_key(KEY)
    qtbot.waitUntil(lambda: view.chart is not None and view.chart.found, timeout=WAIT_MS)
    c = view.chart
    assert c is not None
    assert 1435 <= len(c.t) <= 1440
    _x, y = view.c_hash.getData()
    assert np.nanmin(y) == pytest.approx(60.0) and np.nanmax(y) == pytest.approx(100.0)
    assert len(view.c_boards) == 3 and len(view.c_fans) == 4
    assert [e.kind for e in c.events] == ["raised", "cleared", "note"]
    assert len(view._markers) == 3 * len(view.plots)  # every plot marks every event
    assert "1,4" in view.status.text() and "3 events" in view.status.text()
    # hover at the raised event: values of that minute and the event's text
    raised = c.events[0].t
    text = view.describe(raised, view.p_hash)
    assert "60.00 TH/s" in text and "raised: Hashrate low" in text
    img = view.grab()
    assert img.width() > 0


def test_note_from_the_chart_is_recorded_with_the_operator(
    qtbot: Any, link: HistoryLink, recorded: Path
) -> None:
    view = MinerHistoryView(link)
    qtbot.addWidget(view)
    view.show()
    view.set_key(KEY)
    qtbot.waitUntil(lambda: view.chart is not None, timeout=WAIT_MS)
    view.note_edit.setText("PSU replaced")
    with qtbot.waitSignal(link.recorded, timeout=WAIT_MS):
        view.add_note()
    with HistoryReader(recorded) as r:
        (m,) = r.miners([KEY])
        notes = [e for e in r.events([m.id], 0) if e.kind == "note"]
    assert [n.detail for n in notes] == ["board 1 reseated", "PSU replaced"]
    assert notes[1].operator  # the OS account name
    qtbot.waitUntil(lambda: view.chart is not None and len(view.chart.events) == 4, timeout=WAIT_MS)


def test_chart_exports(qtbot: Any, link: HistoryLink, tmp_path: Path) -> None:
    view = MinerHistoryView(link)
    qtbot.addWidget(view)
    view.set_key(KEY)
    out_csv, out_json = tmp_path / "m.csv", tmp_path / "m.json"
    with qtbot.waitSignal(
        link.result, timeout=WAIT_MS, check_params_cb=lambda q, r: r == str(out_csv)
    ):
        view.export("csv", str(out_csv))
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) >= 1435 and {float(r["hashrate_ths"]) for r in rows} == {60.0, 100.0}
    with qtbot.waitSignal(
        link.result, timeout=WAIT_MS, check_params_cb=lambda q, r: r == str(out_json)
    ):
        view.export("json", str(out_json))
    (doc,) = json.loads(out_json.read_text(encoding="utf-8"))
    assert doc["serial"] == "S1" and [e["event"] for e in doc["events"]] == [
        "raised",
        "cleared",
        "note",
    ]


def test_fleet_chart_report_and_table_export(qtbot: Any, link: HistoryLink, tmp_path: Path) -> None:
    rows = [
        {
            "ip": "10.9.0.5",
            "port": 4028,
            "online": True,
            "hashrate_ths": 99.5,
            "fans_rpm": [1, 2],
            "faults": [],
        }
    ]
    view = FleetHistoryView(link, lambda: rows)
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitUntil(lambda: view.chart is not None, timeout=WAIT_MS)
    c = view.chart
    assert c is not None and len(c.t) >= 1435
    assert set(c.online) == {2.0}
    assert np.max(c.hashrate) == pytest.approx(200.0) and np.min(c.hashrate) == pytest.approx(160.0)
    report = tmp_path / "r.html"
    today = time.time() - time.time() % 86400
    with qtbot.waitSignal(
        link.result, timeout=WAIT_MS, check_params_cb=lambda q, r: r == str(report)
    ):
        view.export_report(str(report), day_start=today)
    page = report.read_text(encoding="utf-8")
    assert "<table>" in page and "10.9.0.5" in page and "10.9.0.6" in page
    table = tmp_path / "t.csv"
    with qtbot.waitSignal(
        link.result, timeout=WAIT_MS, check_params_cb=lambda q, r: r == str(table)
    ):
        view.export_table(str(table))
    (row,) = list(csv.DictReader(table.open(encoding="utf-8")))
    assert row["hashrate_ths"] == "99.5" and row["fans_rpm"] == "1 2"


def test_handover_lists_faults_and_notes_by_section(
    qtbot: Any, link: HistoryLink, tmp_path: Path
) -> None:
    view = HandoverView(link)
    qtbot.addWidget(view)
    view.since_box.setCurrentIndex(3)  # 24 hours
    view.show()
    qtbot.waitUntil(lambda: view.tree.topLevelItemCount() == 3, timeout=WAIT_MS)
    heads = [view.tree.topLevelItem(i).text(0) for i in range(3)]
    assert heads == ["New faults (1)", "Cleared (1)", "Notes (1)"]
    note = view.tree.topLevelItem(2).child(0)
    assert (note.text(1), note.text(3), note.text(4)) == ("10.9.0.5", "board 1 reseated", "ana")
    out = tmp_path / "h.csv"
    with qtbot.waitSignal(link.result, timeout=WAIT_MS, check_params_cb=lambda q, r: r == str(out)):
        view.export(str(out))
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 3


def test_unusable_database_keeps_the_window_monitoring(qtbot: Any, tmp_path: Path) -> None:
    bad = tmp_path / "h.db"
    bad.write_bytes(b"garbage, not sqlite" * 64)
    before = bad.read_bytes()
    targets = target_list(4, "127.0.9")
    fake = ScriptedFleet(targets)
    win = MainWindow(
        targets,
        config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
        poll=fake.poll,
        engine_config=EngineConfig(batch_interval_s=0.05, poll_budget_s=5.0),
        config_path=tmp_path / "config.json",
        post_process=FaultStage(),
        history_path=bad,
        use_tray=False,
    )
    qtbot.addWidget(win)
    win.start()
    try:
        sweeps(qtbot, win, 1)
        qtbot.waitUntil(lambda: "damaged" in win.statusBar().currentMessage(), timeout=WAIT_MS)
        assert win.model.rowCount() == 4
    finally:
        win.shutdown()
    assert bad.read_bytes() == before


def _window(qtbot: Any, tmp_path: Path, db: Path) -> tuple[MainWindow, ScriptedFleet]:
    targets = target_list(3, "127.0.8")
    fake = ScriptedFleet(targets, lambda i, s: fan_stopped(s) if i == 1 else s)
    win = MainWindow(
        targets,
        config=AppConfig(targets=[str(t) for t in targets], interval_s=3600),
        poll=fake.poll,
        engine_config=EngineConfig(batch_interval_s=0.05, poll_budget_s=5.0),
        config_path=tmp_path / "config.json",
        post_process=FaultStage(),
        history_path=db,
        use_tray=False,
    )
    qtbot.addWidget(win)
    win.start()
    return win, fake


def test_acknowledgement_and_since_survive_a_restart(qtbot: Any, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    win, _ = _window(qtbot, tmp_path, db)
    try:
        rec, acked = acknowledge_a_fault(qtbot, win, "127.0.8.2:4028")  # the fan fault
    finally:
        win.shutdown()
    time.sleep(0.05)
    win2, _ = _window(qtbot, tmp_path, db)
    try:
        sweeps(qtbot, win2, 2)
        (again,) = [r for r in win2.fault_book.records if r.key == rec.key]
        assert again.raised_at == rec.raised_at  # the same fault, not a new one
        assert again.first_seen == rec.first_seen
        assert again.acknowledged_at == acked.acknowledged_at
    finally:
        win2.shutdown()
    with HistoryReader(db) as r:
        kinds = [e.kind for e in r.events(None, 0)]
    assert kinds.count("raised") == 1 and "acknowledged" in kinds


def test_charts_are_built_when_their_tab_is_first_shown(qtbot: Any, tmp_path: Path) -> None:
    """pyqtgraph and numpy (~50 MB) load only for an operator who opens a chart."""
    from rig_monitor.gui.history_charts import FleetHistoryView, MinerHistoryView

    win, _ = _window(qtbot, tmp_path, tmp_path / "h.db")
    try:
        win.show()
        sweeps(qtbot, win, 1)
        assert win.fleet_history.built is None and win.miner_history.built is None
        assert win.select_key("127.0.8.1:4028") and win.select_key("127.0.8.2:4028")
        assert win.miner_history.built is None  # the choice is kept, not applied to nothing
        win.detail_tabs.setCurrentWidget(win.miner_history)
        view = win.miner_history.built
        assert isinstance(view, MinerHistoryView) and view.key == "127.0.8.2:4028"
        assert win.select_key("127.0.8.3:4028")
        assert view.key == "127.0.8.3:4028"  # built: applied at once
        win.tabs.setCurrentWidget(win.fleet_history)
        assert isinstance(win.fleet_history.built, FleetHistoryView)
    finally:
        win.shutdown()


def test_the_window_module_does_not_import_the_chart_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, rig_monitor.gui.main_window; "
        "print(sorted(m for m in ('pyqtgraph', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_chart_titles_legends_and_status_follow_a_language_switch(
    qtbot: Any, link: HistoryLink
) -> None:
    """A chart drawn in English is re-worded in place when the window switches to Russian."""
    from PySide6.QtCore import QObject

    from rig_monitor.gui.i18n import LanguageSwitch

    view = MinerHistoryView(link)
    qtbot.addWidget(view)
    view.show()
    view.set_key(KEY)
    qtbot.waitUntil(lambda: view.chart is not None and view.chart.found, timeout=WAIT_MS)
    assert view.p_hash.titleLabel.text == "Hashrate" and "events" in view.status.text()
    owner = QObject()
    switch = LanguageSwitch(lambda job: job(), owner)  # reads the .qm right here
    switch.request("ru")
    try:
        assert switch.language == "ru"
        view.retranslate()
        assert view.p_hash.titleLabel.text == "Хешрейт"
        legend = view.p_temp.legend
        assert legend.getLabel(view.c_chip).text == "чипы макс."
        assert view.p_boards.legend.getLabel(view.c_boards[0]).text.startswith("плата ")
        assert "событ" in view.status.text() and "events" not in view.status.text()
    finally:
        switch.request("en")
    view.retranslate()
    assert view.p_hash.titleLabel.text == "Hashrate"
