"""The Faults view over a real FaultStage and engine thread, with scripted fake miners."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from rig_monitor.core.faults import EventKind
from rig_monitor.core.faults.stage import FaultRecord, FaultStage
from rig_monitor.core.model import MinerSnapshot, Severity
from rig_monitor.gui.fault_models import (
    RECORD_ROLE,
    FaultTableModel,
    FCol,
    IncidentModel,
    RecentModel,
    handover_summary,
)
from tests.gui import fault_helpers
from tests.gui.fault_helpers import (
    MakeWindow,
    chips_missing,
    fan_stopped,
    sweeps,
)

fault_window = fault_helpers.fault_window  # the fixture

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def mixed(i: int, snap: MinerSnapshot) -> MinerSnapshot:
    """Every 5th miner (i % 5 == 1) has a stopped fan (critical), i % 7 == 2 misses chips."""
    if i % 5 == 1:
        fan_stopped(snap)
    if i % 7 == 2:
        chips_missing(snap)
    return snap


def _proxy_records(win: Any) -> list[FaultRecord]:
    proxy = win.fault_book.faults_proxy
    return [proxy.index(r, 0).data(RECORD_ROLE) for r in range(proxy.rowCount())]


def test_faults_view_lists_faults_worst_first_and_models_pass(
    qtbot: Any, qtmodeltester: Any, fault_window: MakeWindow
) -> None:
    win, _ = fault_window(20, mixed)
    sweeps(qtbot, win, 2)  # fan_failed and chips_missing need 2 polls
    book = win.fault_book
    fans = {f"127.0.0.{i + 1}:4028" for i in range(20) if i % 5 == 1}
    chips = {f"127.0.0.{i + 1}:4028" for i in range(20) if i % 7 == 2}
    got = {(r.miner, r.fault.id) for r in book.records}
    # the x marks are the absent chips' slots: one fault, chips_missing, not chip_status_bad too
    assert got == {(k, "fan_failed") for k in fans} | {(k, "chips_missing") for k in chips}

    rows = _proxy_records(win)
    assert len(rows) == len(got)
    ranks = [r.severity.rank for r in rows]
    assert ranks == sorted(ranks, reverse=True)  # severity, worst first (the default sort)
    assert rows[0].severity is Severity.CRITICAL and rows[-1].severity is Severity.WARNING
    model = book.faults_model
    (missing,) = [r for r in rows if r.fault.id == "chips_missing"][:1]
    row0 = model.row_of(missing.key)
    assert row0 is not None
    assert model.index(row0, FCol.FAULT).data() == "Chips missing (board 2)"
    assert model.index(row0, FCol.EVIDENCE).data().startswith("chain 2: 98/126 chips, 28 x")
    assert model.index(row0, FCol.STATE).data() == "Open"
    assert win.tabs.tabText(1) == f"Faults ({len(got)})"

    # sort by age, then filter by text and severity
    win.faults_view.table.sortByColumn(FCol.SINCE, Qt.SortOrder.AscendingOrder)
    firsts = [r.first_seen for r in _proxy_records(win)]
    assert firsts == sorted(firsts)
    win.faults_view.filter_edit.setText("fan")
    assert {r.fault.id for r in _proxy_records(win)} == {"fan_failed"}
    win.faults_view.filter_edit.clear()
    win.faults_view.severity_combo.setCurrentIndex(2)  # critical only
    assert all(r.severity is Severity.CRITICAL for r in _proxy_records(win))
    assert len(_proxy_records(win)) == len(fans)

    # the handover: what was raised, written when the Faults tab is shown (hidden, it waits)
    raised = [e for e in book.recent_model.events() if e.kind is EventKind.RAISED]
    assert len(raised) == len(got)
    assert "0 faults raised" in win.faults_view.handover.text()
    win.tabs.setCurrentWidget(win.faults_view)
    assert f"{len(got)} faults raised, 0 cleared" in win.faults_view.handover.text()

    for m in (book.faults_model, book.faults_proxy, book.incident_model, book.recent_model):
        qtmodeltester.check(m)

    # a later batch updates rows in place: no reset, same rows
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    sweeps(qtbot, win, 1)
    assert resets == [] and {(r.miner, r.fault.id) for r in book.records} == got


def test_rack_of_offline_miners_is_one_incident_on_top(
    qtbot: Any, qtmodeltester: Any, fault_window: MakeWindow
) -> None:
    win, fake = fault_window(24, base="127.78.1")
    dark = [f"127.78.1.{i}:4028" for i in range(1, 21)]  # .1-.20 of .1-.24
    fake.offline.update(dark)
    sweeps(qtbot, win, 3)  # unreachable needs 3 polls
    book = win.fault_book
    inc_model = book.incident_model
    assert inc_model.rowCount() == 1
    top = inc_model.index(0, 0)
    inc = top.data(RECORD_ROLE)
    assert inc.id == "site_network_or_power" and inc.severity is Severity.CRITICAL
    assert "20 miners" in top.data() and "unreachable" in top.data()
    assert inc_model.rowCount(top) == 20  # expanding shows its miners
    assert inc_model.index(0, 0, top).data() == "127.78.1.1"
    win.tabs.setCurrentWidget(win.faults_view)
    assert not win.faults_view.incidents.isHidden()
    qtmodeltester.check(inc_model)

    # the miners' own faults are grouped under it: marked, and hidden unless asked for
    grouped = [r for r in book.records if r.fault.id == "miner_unreachable"]
    assert len(grouped) == 20 and all(r.incident is not None for r in grouped)
    assert book.faults_proxy.rowCount() == 0
    win.faults_view.grouped_check.setChecked(True)
    assert book.faults_proxy.rowCount() == 20
    ix = book.faults_proxy.index(0, FCol.STATE)
    assert ix.data() == "In incident"
    assert "unreachable" in ix.data(Qt.ItemDataRole.ToolTipRole)

    # no tray offscreen: the status bar's alert area says it, once
    assert win.tray is None
    assert not win.alert_button.isHidden()
    assert "20 miners" in win.alert_button.text()
    assert win.tabs.tabText(1) == "Faults (1)"  # the incident, not 20 alarms

    # the rack comes back: the incident goes (rows removed, not a reset)
    fake.offline.clear()
    sweeps(qtbot, win, 3)
    assert inc_model.rowCount() == 0
    qtmodeltester.check(inc_model)


def test_acknowledge_and_snooze_apply_at_once_and_persist(
    qtbot: Any, fault_window: MakeWindow
) -> None:
    win, _ = fault_window(6, lambda i, s: fan_stopped(s) if i in (1, 2) else s)
    sweeps(qtbot, win, 2)
    book = win.fault_book
    a, b = sorted(book.records, key=lambda r: r.miner)
    assert (a.miner, b.miner) == ("127.0.0.2:4028", "127.0.0.3:4028")

    assert book.acknowledge(a.key)
    until = time.time() + 3600
    assert book.snooze(b.key, until)
    # shown at once, before the engine thread has seen the actions
    model = book.faults_model
    ra, rb = model.row_of(a.key), model.row_of(b.key)
    assert ra is not None and rb is not None
    assert model.index(ra, FCol.STATE).data().startswith("Acknowledged")
    assert model.index(rb, FCol.STATE).data().startswith("Snoozed until")

    sweeps(qtbot, win, 1)  # the tracker applies them; the report now carries them itself
    assert not book._pending
    recs = {r.miner: r for r in book.records}
    assert recs[a.miner].acknowledged_at is not None and recs[a.miner].snoozed_until is None
    assert recs[b.miner].snoozed_until == until and not recs[b.miner].acknowledged
    # a snoozed fault leaves the fleet table's faults, an acknowledged one stays
    snap_b = win.model.find(b.miner)
    snap_a = win.model.find(a.miner)
    assert snap_a is not None and snap_b is not None
    assert snap_b.snap is not None and snap_b.snap.faults == []
    assert snap_a.snap is not None and [f.id for f in snap_a.snap.faults] == ["fan_failed"]
    events = [e.kind for e in book.recent_model.events()]
    assert EventKind.ACKNOWLEDGED in events and EventKind.SNOOZED in events

    sweeps(qtbot, win, 1)  # and they stay
    recs = {r.miner: r for r in book.records}
    assert recs[a.miner].acknowledged and recs[b.miner].snoozed(time.time())
    win.faults_view.snoozed_check.setChecked(False)
    assert b.key not in {r.key for r in _proxy_records(win)}
    win.faults_view.ack_check.setChecked(False)
    assert _proxy_records(win) == []
    assert win.tabs.tabText(1) == "Faults"  # nothing left that wants attention


def test_double_click_selects_the_miner_in_the_fleet_table(
    qtbot: Any, fault_window: MakeWindow
) -> None:
    win, _ = fault_window(8, lambda i, s: fan_stopped(s) if i == 5 else s)
    sweeps(qtbot, win, 2)
    win.tabs.setCurrentWidget(win.faults_view)
    win.filter_edit.setText("127.0.0.1")  # hides .6 in the fleet table
    view = win.faults_view
    ix = view.table.model().index(0, FCol.MINER)
    view.table.setCurrentIndex(ix)  # single click: the detail pane follows
    assert win.detail.key == "127.0.0.6:4028"
    view.table.doubleClicked.emit(ix)
    assert win.tabs.currentWidget() is win.fleet_page
    assert win.filter_edit.text() == ""  # the filter that hid it is cleared
    current = win.table.selectionModel().currentIndex()
    assert win.proxy.mapToSource(current).row() == win.model.row_of("127.0.0.6:4028")
    assert win.detail.key == "127.0.0.6:4028"


def test_stage_report_and_recent_summary_without_a_window() -> None:
    from tests.gui.fakes import snapshot, target_list

    stage = FaultStage()
    targets = target_list(3)
    report = None
    for k in range(3):
        snaps = [snapshot(t, i) for i, t in enumerate(targets)]
        fan_stopped(snaps[0])
        for s in snaps:
            s.timestamp = 1_700_000_000.0 + 30 * k
        report = stage(snaps)
    assert report is not None
    assert [(r.miner, r.fault.id) for r in report.records] == [("127.0.0.1:4028", "fan_failed")]
    assert report.records[0].model == "Antminer S19j Pro"
    assert report.incidents == ()
    assert handover_summary(report.events) == "0 faults raised, 0 cleared"  # raised earlier
    seq = stage.acknowledge(report.records[0].key)
    report = stage([snapshot(targets[1], 1)])
    assert report is not None and report.applied == seq
    assert report.records[0].acknowledged and report.events[0].kind is EventKind.ACKNOWLEDGED


def test_models_are_valid_when_empty(qtmodeltester: Any) -> None:
    for m in (FaultTableModel(), IncidentModel(), RecentModel()):
        qtmodeltester.check(m)
    assert not IncidentModel().index(0, 0, QModelIndex()).isValid()


def test_the_recent_window_slides_without_refiltering_every_event(qtbot: Any) -> None:
    """Each report moves the window's start; the proxy re-filters (a Python call per event, up to
    20,000) only when a shown event falls out of it or the kind filter changes. Whatever it skips,
    the rows shown are always the events a full filter keeps."""
    import random

    from rig_monitor.core.faults.tracker import FaultEvent
    from rig_monitor.core.model import Fault
    from rig_monitor.gui.fault_models import RecentFilterProxy, RecentModel

    rng = random.Random(5)
    model = RecentModel()
    proxy = RecentFilterProxy()
    proxy.setSourceModel(model)
    calls = [0]
    accepts = proxy.filterAcceptsRow

    def counted(row: int, parent: Any) -> bool:
        calls[0] += 1
        return accepts(row, parent)

    proxy.filterAcceptsRow = counted  # type: ignore[method-assign]
    fault = Fault("fan_failed", Severity.CRITICAL, "Fan failed", "fan 2: 0 rpm", None)
    kinds = list(EventKind)
    now, skipped, refiltered = 1000.0, 0, 0
    for step in range(120):
        now += rng.choice((0.5, 0.5, 5.0))
        new = [
            FaultEvent(rng.choice(kinds), f"127.0.0.{i}:4028", fault, now - rng.random() * 0.4)
            for i in range(rng.choice((0, 0, 1, 3)))
        ]
        model.add(new, None)
        changes_only = proxy.changes_only if step % 40 else not proxy.changes_only
        before = calls[0]
        proxy.set_since(now - 30.0, changes_only)
        if calls[0] == before:
            skipped += 1
        else:
            refiltered += 1
        hidden = (EventKind.ACKNOWLEDGED, EventKind.SNOOZED, EventKind.SNOOZE_ENDED)
        want = [
            e
            for e in model.events()
            if e.at >= now - 30.0 and not (proxy.changes_only and e.kind in hidden)
        ]
        shown = [proxy.index(r, 0).data(RECORD_ROLE) for r in range(proxy.rowCount())]
        assert shown == want
    assert skipped > 60 and refiltered > 3


def test_hidden_faults_tab_skips_the_refill_and_catches_up_when_shown(
    qtbot: Any, fault_window: MakeWindow
) -> None:
    """While the Faults tab is hidden a report leaves its table and incident models alone (the
    tab title, detail pane and alerts still follow it); shown, the tab equals a live one."""
    win, fake = fault_window(30, mixed, base="127.79.1")
    book = win.fault_book
    assert win.tabs.currentWidget() is win.fleet_page and not book.views_live
    sweeps(qtbot, win, 2)
    want = {(r.miner, r.fault.id) for r in book.records}
    assert want and win.tabs.tabText(1) == f"Faults ({len(want)})"
    assert book._faults_model.rowCount() == 0  # not refilled: nobody was looking
    assert book._incident_model.rowCount() == 0

    win.tabs.setCurrentWidget(win.faults_view)
    assert book.views_live
    view = win.faults_view
    shown = [view.table.model().index(r, 0).data(RECORD_ROLE) for r in range(len(want))]
    assert view.table.model().rowCount() == len(want)
    assert {(r.miner, r.fault.id) for r in shown} == want
    ranks = [r.severity.rank for r in shown]
    assert ranks == sorted(ranks, reverse=True)
    assert f"{len(want)} open faults" in view.active_label.text()

    # on screen, a report refills at once; hidden again, it waits; read, it catches up
    fake.offline.update(f"127.79.1.{i}:4028" for i in range(1, 21))
    sweeps(qtbot, win, 3)
    assert book._incident_model.rowCount() == 1
    win.tabs.setCurrentWidget(win.fleet_page)
    fake.offline.clear()
    sweeps(qtbot, win, 3)
    assert book._incident_model.rowCount() == 1  # stale while hidden
    assert book.incident_model.rowCount() == 0  # read through the book: caught up
    assert {(r.miner, r.fault.id) for r in _proxy_records(win)} == {
        (r.miner, r.fault.id) for r in book.records
    }
