from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from rig_monitor.core.model import MinerSnapshot, Severity, Target
from rig_monitor.gui.fleet import RowState, compute_totals
from rig_monitor.gui.fleet_model import (
    KEY_ROLE,
    NUMERIC_COLUMNS,
    SORT_ROLE,
    Col,
    FleetFilterProxy,
    FleetTableModel,
)
from tests.gui.fakes import snapshot, target_list

DISPLAY = Qt.ItemDataRole.DisplayRole


def _model(n: int = 10) -> tuple[FleetTableModel, list[Target]]:
    targets = target_list(n)
    model = FleetTableModel()
    model.apply_snapshots(snapshot(t, i) for i, t in enumerate(targets))
    return model, targets


def _text(model: Any, row: int, col: Col) -> str:
    return str(model.index(row, col).data(DISPLAY))


class _Recorder:
    """Collects a model's change signals, and fails on any reset."""

    def __init__(self, model: FleetTableModel) -> None:
        self.changed: list[tuple[int, int, int, int]] = []
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.resets = 0
        model.dataChanged.connect(
            lambda a, b, roles=None: self.changed.append((a.row(), b.row(), a.column(), b.column()))
        )
        model.rowsInserted.connect(lambda _p, f, last: self.inserted.append((f, last)))
        model.rowsRemoved.connect(lambda _p, f, last: self.removed.append((f, last)))
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1


def test_qtmodeltester_on_model_and_proxy(qtbot: Any, qtmodeltester: Any) -> None:
    model, targets = _model(12)
    model.apply_snapshots([MinerSnapshot.offline(targets[3], "timed out")])  # type: ignore[arg-type]
    model.add_pending([Target("127.0.9.9", 4029)])
    qtmodeltester.check(model)
    proxy = FleetFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Col.HASHRATE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_problems_only(True)
    qtmodeltester.check(proxy)


def test_insert_update_remove_use_spans_never_reset(qtbot: Any) -> None:
    model, targets = _model(10)
    rec = _Recorder(model)

    # update rows 2, 3, 4 and 7: two spans, all columns each
    updates = [snapshot(targets[i], i, generation=5) for i in (7, 2, 4, 3)]
    model.apply_snapshots(updates)
    last_col = len(Col) - 1
    assert rec.changed == [(2, 4, 0, last_col), (7, 7, 0, last_col)]
    assert _text(model, 3, Col.HASHRATE) == "105.0 TH/s"
    assert _text(model, 0, Col.HASHRATE) == "100.0 TH/s"

    # a new miner in the same batch as an update is appended
    rec.changed.clear()
    extra = Target("127.0.1.50", 24028)
    model.apply_snapshots([snapshot(targets[0], 0, generation=1), snapshot(extra, 50)])
    assert rec.changed == [(0, 0, 0, last_col)]
    assert rec.inserted == [(10, 10)]
    assert _text(model, 10, Col.ADDRESS) == "127.0.1.50:24028"
    assert model.row_of(extra.key) == 10

    # removals go span by span, bottom first; unknown keys are ignored
    removed = model.remove_keys([targets[1].key, targets[2].key, targets[8].key, "1.2.3.4:4028"])
    assert removed == 3
    assert rec.removed == [(8, 8), (1, 2)]
    assert model.rowCount() == 8
    assert [model.index(r, 0).data(KEY_ROLE) for r in range(model.rowCount())] == [
        targets[0].key,
        *(targets[i].key for i in (3, 4, 5, 6, 7, 9)),
        extra.key,
    ]
    # the key index follows the rows
    model.apply_snapshots([snapshot(targets[9], 9, generation=9)])
    assert rec.changed[-1][:2] == (6, 6)
    assert _text(model, 6, Col.HASHRATE) == "109.0 TH/s"
    assert rec.resets == 0


def test_pending_rows_then_first_poll_updates_in_place(qtbot: Any) -> None:
    targets = target_list(3)
    model = FleetTableModel()
    rec = _Recorder(model)
    assert model.add_pending(targets) == 3
    assert model.add_pending(targets) == 0  # already there
    assert rec.inserted == [(0, 2)]
    assert _text(model, 1, Col.STATUS) == "Waiting"
    assert _text(model, 1, Col.HASHRATE) == "—"
    model.apply_snapshots([snapshot(targets[1], 1)])
    assert rec.inserted == [(0, 2)]
    assert _text(model, 1, Col.STATUS) == "OK"
    assert rec.resets == 0


def test_unknown_values_show_a_dash_never_zero(qtbot: Any) -> None:
    t = Target("127.0.0.9")
    model = FleetTableModel()
    model.apply_snapshots([MinerSnapshot(ip=t.ip, online=True, make="Antminer")])
    unknown = NUMERIC_COLUMNS | {Col.POOL}
    assert len(unknown) == 9
    for col in sorted(unknown):
        assert _text(model, 0, col) == "—", col
        assert model.index(0, col).data(SORT_ROLE) is None, col
    assert _text(model, 0, Col.MODEL) == "Antminer"
    assert _text(model, 0, Col.FAULTS) == ""


def test_cell_texts_and_colours(qtbot: Any) -> None:
    t = Target("127.0.0.5", 4029)
    snap = snapshot(t, 5, fault=Severity.WARNING)
    snap.hashrate_ths = 95.7  # 87 % of 110
    snap.temp_chip_max_c = 101.0  # ≥ the 100 °C protection default the rules use: red
    snap.fans_rpm = [5880, 0, 6000, 6100]
    model = FleetTableModel()
    model.apply_snapshots([snap])
    assert _text(model, 0, Col.STATUS) == "Warning"
    assert _text(model, 0, Col.ADDRESS) == "127.0.0.5:4029"
    assert _text(model, 0, Col.MODEL) == "Antminer S19j Pro"
    assert _text(model, 0, Col.HASHRATE) == "95.7 TH/s"
    assert _text(model, 0, Col.NOMINAL_PCT) == "87 %"
    assert _text(model, 0, Col.CHIP_TEMP) == "101 °C"
    assert _text(model, 0, Col.FANS) == "1 of 4 stopped"
    assert _text(model, 0, Col.POWER) == "3,000 W"
    assert _text(model, 0, Col.EFFICIENCY) == "31.3"
    assert _text(model, 0, Col.POOL) == "pool.example:3333 · site.w1"
    assert _text(model, 0, Col.UPTIME) == "3 d 4 h"
    assert _text(model, 0, Col.FAULTS) == "Chips missing"
    fg = Qt.ItemDataRole.ForegroundRole
    red = model.index(0, Col.NOMINAL_PCT).data(fg).color()
    assert red.red() > 150 and red.green() < 80
    assert model.index(0, Col.CHIP_TEMP).data(fg).color() == red
    assert model.index(0, Col.FANS).data(fg).color() == red
    assert model.index(0, Col.ADDRESS).data(fg) is None
    assert model.index(0, Col.STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, Col.STATUS).data(Qt.ItemDataRole.BackgroundRole) is not None

    # offline: the error shows, identity is the last known, measurements are unknown
    model.apply_snapshots([MinerSnapshot.offline(t, "refused", "refused")])  # type: ignore[arg-type]
    assert _text(model, 0, Col.STATUS) == "Offline"
    assert _text(model, 0, Col.ERROR) == "refused"
    assert _text(model, 0, Col.MODEL) == "Antminer S19j Pro"
    assert _text(model, 0, Col.HASHRATE) == "—"
    assert model.row_at(0).state is RowState.OFFLINE


def test_sort_keys_are_numeric_and_unknowns_sort_last(qtbot: Any) -> None:
    targets = [Target(f"127.0.0.{i}") for i in (2, 10, 9, 100)]
    model = FleetTableModel()
    snaps = [snapshot(t, i) for i, t in enumerate(targets)]
    for snap, rate in zip(snaps, (9.5, 100.0, 10.0, None), strict=True):
        snap.hashrate_ths = rate
    model.apply_snapshots(snaps)
    keys = [model.index(r, Col.HASHRATE).data(SORT_ROLE) for r in range(4)]
    assert keys == [9.5, 100.0, 10.0, None]
    assert all(isinstance(k, float) for k in keys[:3])

    proxy = FleetFilterProxy()
    proxy.setSourceModel(model)

    def column(col: Col) -> list[str]:
        return [str(proxy.index(r, col).data(DISPLAY)) for r in range(proxy.rowCount())]

    proxy.sort(Col.HASHRATE, Qt.SortOrder.AscendingOrder)
    assert column(Col.HASHRATE) == ["9.5 TH/s", "10.0 TH/s", "100.0 TH/s", "—"]
    proxy.sort(Col.HASHRATE, Qt.SortOrder.DescendingOrder)
    assert column(Col.HASHRATE) == ["100.0 TH/s", "10.0 TH/s", "9.5 TH/s", "—"]
    # addresses sort numerically by octet, not as text
    proxy.sort(Col.ADDRESS, Qt.SortOrder.AscendingOrder)
    assert column(Col.ADDRESS) == ["127.0.0.2", "127.0.0.9", "127.0.0.10", "127.0.0.100"]


def test_proxy_filters_by_text_and_problems(qtbot: Any) -> None:
    targets = target_list(6)
    model = FleetTableModel()
    snaps = [snapshot(t, i) for i, t in enumerate(targets)]
    snaps[1] = snapshot(targets[1], 1, fault=Severity.CRITICAL)
    snaps[2] = MinerSnapshot.offline(targets[2], "timed out")  # type: ignore[arg-type]
    snaps[3].hashrate_ths = 50.0  # 45 % of nominal, no fault evaluated (yet)
    snaps[4].model = "M50S"
    snaps[4].make = "Whatsminer"
    model.apply_snapshots(snaps)
    proxy = FleetFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.dynamicSortFilter() is False

    def keys() -> set[str]:
        return {proxy.index(r, 0).data(KEY_ROLE) for r in range(proxy.rowCount())}

    proxy.set_problems_only(True)
    assert keys() == {targets[i].key for i in (1, 2, 3)}
    proxy.set_problems_only(False)
    proxy.set_text_filter("m50")
    assert keys() == {targets[4].key}
    proxy.set_text_filter("127.0.0.6")
    assert keys() == {targets[5].key}
    proxy.set_text_filter("POOL.EXAMPLE")
    assert len(keys()) == 5  # the offline miner never answered: no pool known

    # with dynamic filtering off, a miner that recovers stays until refresh() re-filters
    proxy.set_text_filter("")
    proxy.set_problems_only(True)
    model.apply_snapshots([snapshot(targets[1], 1)])
    assert targets[1].key in keys()
    proxy.refresh()
    assert keys() == {targets[i].key for i in (2, 3)}


def test_totals(qtbot: Any) -> None:
    targets = target_list(5)
    model = FleetTableModel()
    snaps = [snapshot(t, i) for i, t in enumerate(targets)]
    snaps[0] = snapshot(targets[0], 0, fault=Severity.WARNING)
    snaps[1] = snapshot(targets[1], 1, fault=Severity.INFO, power=False)
    model.apply_snapshots(snaps)
    model.apply_snapshots([MinerSnapshot.offline(targets[4], "timed out")])  # type: ignore[arg-type]
    model.add_pending([Target("127.0.0.99")])
    t = compute_totals(model.rows())
    assert (t.miners, t.online, t.offline, t.pending, t.with_faults) == (6, 4, 1, 1, 1)
    assert t.hashrate_ths == pytest.approx(400.0)
    assert t.nominal_ths == pytest.approx(550.0)  # the offline miner's last known rating counts
    assert (t.power_w, t.power_reporting) == (9000.0, 3)  # one online miner reports no power


def test_invalid_index_and_header(qtbot: Any) -> None:
    model, _ = _model(2)
    assert model.data(QModelIndex()) is None
    assert model.headerData(Col.FANS, Qt.Orientation.Horizontal) == "Fans"
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_degraded_without_a_fault_and_info_is_not_a_problem(qtbot: Any) -> None:
    targets = target_list(4)
    snaps = [snapshot(t, i) for i, t in enumerate(targets)]
    snaps[0].hashrate_ths = 60.0  # 55 % of nominal
    snaps[1].boards[2].chips = 98  # of 126
    snaps[2] = snapshot(targets[2], 2, fault=Severity.INFO)
    snaps[3].fans_rpm = [0, 6000, 6000, 6000]
    model = FleetTableModel()
    model.apply_snapshots(snaps)
    states = [model.row_at(i).state for i in range(4)]
    assert states == [RowState.DEGRADED, RowState.DEGRADED, RowState.INFO, RowState.DEGRADED]
    assert [model.row_at(i).is_problem for i in range(4)] == [True, True, False, True]
    assert _text(model, 0, Col.STATUS) == "Degraded"
    # a raised fault wins over the table's own judgement
    model.apply_snapshots([snapshot(targets[0], 0, fault=Severity.CRITICAL)])
    assert model.row_at(0).state is RowState.CRITICAL
    totals = compute_totals(model.rows())
    assert (totals.with_faults, totals.degraded) == (1, 2)


def test_model_sort_moves_rows_with_one_layout_change_and_keeps_selection(qtbot: Any) -> None:
    targets = target_list(6)
    model = FleetTableModel()
    snaps = [snapshot(t, i) for i, t in enumerate(targets)]
    for snap, rate in zip(snaps, (50.0, None, 120.0, 80.0, 120.0, 10.0), strict=True):
        snap.hashrate_ths = rate
    model.apply_snapshots(snaps)
    proxy = FleetFilterProxy()
    proxy.setSourceModel(model)
    tracked = QPersistentModelIndex(model.index(3, Col.ADDRESS))  # 127.0.0.4, 80 TH/s
    layouts: list[int] = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    rec = _Recorder(model)

    proxy.sort(Col.HASHRATE, Qt.SortOrder.DescendingOrder)  # forwarded to the model
    assert (model.sort_column, model.sort_order) == (Col.HASHRATE, Qt.SortOrder.DescendingOrder)
    order = [model.row_at(r).ip for r in range(6)]
    # ties (120.0) stay in address order; unknown last
    assert order == ["127.0.0.3", "127.0.0.5", "127.0.0.4", "127.0.0.1", "127.0.0.6", "127.0.0.2"]
    assert [proxy.index(r, Col.ADDRESS).data() for r in range(6)] == order
    assert layouts == [1] and rec.resets == 0
    assert tracked.row() == 2 and tracked.data() == "127.0.0.4"
    assert model.row_of(targets[3].key) == 2  # the key index follows

    assert model.resort() is False  # nothing changed: no layout signal
    assert layouts == [1]
    model.apply_snapshots([snapshot(targets[5], 5, generation=100)])  # 200 TH/s now
    assert model.row_at(4).ip == "127.0.0.6"  # not moved until resort
    proxy.refresh()
    assert model.row_at(0).ip == "127.0.0.6" and layouts == [1, 1]

    proxy.sort(Col.HASHRATE, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).ip for r in range(6)][-1] == "127.0.0.2"  # unknown still last


def test_scattered_updates_go_out_as_one_covering_span(qtbot: Any) -> None:
    model, targets = _model(300)
    rec = _Recorder(model)
    model.apply_snapshots(snapshot(targets[i], i, generation=1) for i in range(0, 300, 2))
    assert rec.changed == [(0, 298, 0, len(Col) - 1)]  # 150 one-row spans coalesced
    rec.changed.clear()
    model.apply_snapshots(snapshot(targets[i], i) for i in range(0, 20, 2))
    assert len(rec.changed) == 10  # few spans: one each


def test_running_totals_match_a_full_walk_through_updates_and_removals(qtbot: Any) -> None:
    """The model keeps the totals row by row (no walk of 5,000 rows per batch); they must equal
    compute_totals' walk after any mix of updates, faults, offline miners and removals."""
    import random

    rng = random.Random(7)
    targets = target_list(40)
    model = FleetTableModel()
    model.add_pending(targets)
    fields = ("miners", "online", "offline", "pending", "with_faults", "degraded")
    for round_no in range(30):
        batch = []
        for i in rng.sample(range(len(targets)), 12):
            t = targets[i]
            roll = rng.random()
            if roll < 0.15:
                batch.append(MinerSnapshot.offline(t, "timed out"))  # type: ignore[arg-type]
            else:
                fault = Severity.CRITICAL if roll > 0.9 else None
                snap = snapshot(t, i, fault=fault, power=roll > 0.3)
                snap.hashrate_ths = None if roll < 0.2 else 50 + rng.random() * 100
                batch.append(snap)
        model.apply_snapshots(batch)
        if round_no == 20:
            model.remove_keys([targets[0].key, targets[5].key])
        want, got = compute_totals(model.rows()), model.totals()
        assert [getattr(got, f) for f in fields] == [getattr(want, f) for f in fields]
        assert got.power_reporting == want.power_reporting
        for f in ("hashrate_ths", "nominal_ths", "power_w"):
            assert getattr(got, f) == pytest.approx(getattr(want, f), abs=1e-6)
    model.remove_keys([targets[1].key])
    assert model.totals().miners == model.rowCount() == 39


def test_a_changed_row_is_sorted_by_its_new_value(qtbot: Any) -> None:
    """Sort keys are cached per row: an update must drop the row's key, or it sorts stale."""
    targets = target_list(5)
    model = FleetTableModel()
    snaps = [snapshot(t, i) for i, t in enumerate(targets)]
    for snap, rate in zip(snaps, (10.0, 20.0, 30.0, 40.0, 50.0), strict=True):
        snap.hashrate_ths = rate
    model.apply_snapshots(snaps)
    model.sort(Col.HASHRATE, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).key == targets[4].key
    faster = snapshot(targets[0], 0)
    faster.hashrate_ths = 99.0
    model.apply_snapshots([faster])
    assert model.resort()
    assert [model.row_at(i).key for i in range(5)] == [targets[i].key for i in (0, 4, 3, 2, 1)]
    model.remove_keys([targets[0].key])
    model.add_pending([targets[0]])  # back, not polled yet: unknown sorts last
    model.resort()
    assert model.row_at(4).key == targets[0].key


def _full_sort(model: FleetTableModel) -> list[str]:
    """The order a from-scratch sort gives (a fresh model, nothing cached, nothing skipped)."""
    fresh = FleetTableModel()
    fresh.apply_snapshots([r.snap for r in model.rows() if r.snap is not None])
    fresh.add_pending(Target(r.ip, r.port) for r in model.rows() if r.snap is None)
    fresh.sort(model.sort_column, model.sort_order)
    return [r.key for r in fresh.rows()]


@pytest.mark.parametrize(
    ("col", "order"),
    [
        (Col.STATUS, Qt.SortOrder.DescendingOrder),
        (Col.HASHRATE, Qt.SortOrder.AscendingOrder),
        (Col.FAULTS, Qt.SortOrder.DescendingOrder),
    ],
)
def test_a_resort_that_skips_unmoved_rows_ends_in_the_full_sort_order(
    qtbot: Any, col: Col, order: Qt.SortOrder
) -> None:
    """The re-sort ends early when every changed row still fits between its neighbours; over
    random rounds of updates (state flips, equal values, unknowns, removals, new rows) its order
    is always the one a full sort gives, and it emits a layout change exactly when rows moved."""
    import random

    rng = random.Random(7)
    targets = target_list(300)
    model = FleetTableModel()
    proxy = FleetFilterProxy()
    proxy.setSourceModel(model)

    def snap(i: int) -> MinerSnapshot:
        t = targets[i]
        pick = rng.random()
        if pick < 0.1:
            return snapshot(t, i, offline=True)
        s = snapshot(t, i, fault=Severity.WARNING if pick < 0.2 else None)
        s.hashrate_ths = None if pick > 0.95 else float(rng.choice((90, 100, 100, 110)))
        return s

    model.apply_snapshots(snap(i) for i in range(250))
    model.sort(col, order)
    layouts: list[int] = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    skipped = moved = 0
    for round_ in range(60):
        picked = rng.sample(range(250), rng.choice((1, 3, 20, 120)))
        model.apply_snapshots(snap(i) for i in picked)
        if round_ % 10 == 3:
            gone = rng.sample(range(250), 5)
            model.remove_keys(targets[i].key for i in gone)
            model.add_pending([targets[250 + round_ // 10]])
            model.apply_snapshots(snap(i) for i in gone)  # back as new rows, at the end
        before = [r.key for r in model.rows()]
        count = len(layouts)
        did_move = model.resort()
        after = [r.key for r in model.rows()]
        assert after == _full_sort(model)
        assert did_move == (after != before) == (len(layouts) == count + 1)
        assert [model.row_of(k) for k in after] == list(range(len(after)))
        assert [proxy.index(r, Col.ADDRESS).data() for r in range(3)] == [
            model.row_at(r).ip for r in range(3)
        ]
        skipped += not did_move
        moved += did_move
    assert skipped and moved  # both paths taken


def test_a_resort_in_two_turns_ends_in_the_full_sort_order(qtbot: Any) -> None:
    """The window plans a re-sort in one turn and moves the rows in the next; between the two,
    rows change, come and go, or a second plan replaces the first. Whatever happened, a later
    re-sort still ends in the order a full sort gives, and a plan moves rows only when it fits
    the rows as they are (never one planned for rows since removed or added)."""
    import random

    rng = random.Random(11)
    targets = target_list(300)
    model = FleetTableModel()

    def snap(i: int) -> MinerSnapshot:
        pick = rng.random()
        if pick < 0.1:
            return snapshot(targets[i], i, offline=True)
        s = snapshot(targets[i], i, fault=Severity.WARNING if pick < 0.2 else None)
        s.hashrate_ths = float(rng.choice((90, 100, 110)))
        return s

    model.apply_snapshots(snap(i) for i in range(250))
    model.sort(Col.STATUS, Qt.SortOrder.DescendingOrder)
    applied = dropped = 0
    for round_ in range(80):
        model.apply_snapshots(snap(i) for i in rng.sample(range(250), rng.choice((3, 20, 120))))
        if not model.plan_resort():
            assert not model.resort_pending
            continue
        before = [r.key for r in model.rows()]
        between = round_ % 4
        if between == 1:  # updates between the turns
            model.apply_snapshots(snap(i) for i in rng.sample(range(250), 10))
        elif between == 2:  # rows gone and new ones: the plan no longer fits
            gone = [r.key for r in rng.sample(list(model.rows()), 3)]
            model.remove_keys(gone)
            model.add_pending([targets[250 + round_ % 50]])
        elif between == 3:  # a second plan before the first was applied
            model.apply_snapshots(snap(i) for i in rng.sample(range(250), 10))
            model.plan_resort()
        keys_now = [r.key for r in model.rows()]
        moved = model.apply_planned()
        after = [r.key for r in model.rows()]
        # updates may bring back a removed miner as a new row: that also unfits a plan
        if between == 2 or (between == 1 and len(keys_now) != len(before)):
            assert not moved and after == keys_now
            dropped += 1
        else:
            assert moved == (after != keys_now) and sorted(after) == sorted(keys_now)
            applied += moved
        assert [model.row_of(k) for k in after] == list(range(len(after)))
        model.resort()  # the next re-sort, however the plan went
        assert [r.key for r in model.rows()] == _full_sort(model)
    assert applied > 10 and dropped > 5


def test_a_second_plan_before_the_first_is_applied_sorts_every_row(qtbot: Any) -> None:
    """Planned [C, A, B, X, D] from [A, B, X, C, D] (C rose to the top); then D rises above X,
    which fits between D's neighbours in the rows as they still are (after C, last). A second
    plan must not trust that: it sorts every row."""
    targets = target_list(5)
    model = FleetTableModel()
    snaps = [snapshot(t, i) for i, t in enumerate(targets)]
    c, d = snaps[3], snaps[4]
    for s, rate in zip(snaps, (30.0, 20.0, 15.0, 10.0, 5.0), strict=True):
        s.hashrate_ths = rate
    model.apply_snapshots(snaps)
    model.sort(Col.HASHRATE, Qt.SortOrder.DescendingOrder)
    c.hashrate_ths = 50.0
    model.apply_snapshots([c])
    assert model.plan_resort()
    d.hashrate_ths = 17.0
    model.apply_snapshots([d])
    model.plan_resort()
    model.apply_planned()
    model.resort()
    rates = [model.row_at(i).snap.hashrate_ths for i in range(5)]  # type: ignore[union-attr]
    assert rates == [50.0, 30.0, 20.0, 17.0, 15.0]


def test_a_row_appended_out_of_order_is_sorted_in(qtbot: Any) -> None:
    """A new row has no sort key yet and sits at the end: the early exit must not keep it there."""
    targets = target_list(4)
    model = FleetTableModel()
    snaps = [snapshot(t, i) for i, t in enumerate(targets[:3])]
    for s, rate in zip(snaps, (30.0, 20.0, 10.0), strict=True):
        s.hashrate_ths = rate
    model.apply_snapshots(snaps)
    model.sort(Col.HASHRATE, Qt.SortOrder.DescendingOrder)
    new = snapshot(targets[3], 3)
    new.hashrate_ths = 99.0
    model.apply_snapshots([new])
    assert model.row_at(3).key == targets[3].key
    assert model.resort() is True
    assert model.row_at(0).key == targets[3].key


def test_roles_a_repaint_asks_for(qtbot: Any) -> None:
    """data() answers alignment, row tint, status dot and unasked roles from tables built once;
    the answers stay what the view showed before (right-aligned numbers, a tint per bad state)."""
    from rig_monitor.gui.fleet_model import ROW_TINTS

    targets = target_list(2)
    model = FleetTableModel()
    model.apply_snapshots([snapshot(targets[0], 0), snapshot(targets[1], 1, offline=True)])
    align = Qt.ItemDataRole.TextAlignmentRole
    for col in Col:
        want = Qt.AlignmentFlag.AlignRight if col in NUMERIC_COLUMNS else Qt.AlignmentFlag.AlignLeft
        assert model.index(0, col).data(align) == int(want | Qt.AlignmentFlag.AlignVCenter)
    background = Qt.ItemDataRole.BackgroundRole
    ok, offline = (model.row_of(t.key) for t in targets)
    assert model.index(ok, Col.HASHRATE).data(background) is None
    for col in (Col.STATUS, Col.ERROR):
        brush = model.index(offline, col).data(background)
        assert brush.color() == ROW_TINTS[RowState.OFFLINE]
    deco = Qt.ItemDataRole.DecorationRole
    assert model.index(ok, Col.STATUS).data(deco) is not None
    assert model.index(ok, Col.ADDRESS).data(deco) is None
    assert model.index(ok, Col.ADDRESS).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(ok, Col.ADDRESS).data(KEY_ROLE) == targets[0].key
    assert model.index(ok, Col.HASHRATE).data(SORT_ROLE) == 100.0


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
@pytest.mark.parametrize("col", [Col.STATUS, Col.HASHRATE, Col.MODEL, Col.ADDRESS])
def test_the_resort_order_matches_a_comparison_sort_and_keeps_persistent_rows(
    qtbot: Any, col: Col, order: Qt.SortOrder
) -> None:
    """The re-sort's C-level passes against a plain comparison of every pair (the rule of the
    module: known values in the column's direction, ties by the tie key, unknown values last),
    with waiting rows, offline rows, equal and missing values; a persistent index (what keeps
    the selection) follows its row through every move."""
    import functools
    import random

    rng = random.Random(11)
    targets = target_list(240)
    model = FleetTableModel()
    model.add_pending(targets)
    desc = order == Qt.SortOrder.DescendingOrder

    def compare(a: Any, b: Any) -> int:
        ka, kb = model._sort_key(a, col), model._sort_key(b, col)
        ta, tb = model._tie_key(a), model._tie_key(b)
        if (ka is None) != (kb is None):
            return 1 if ka is None else -1
        if ka is not None and ka != kb:
            return (1 if ka < kb else -1) if desc else (-1 if ka < kb else 1)
        return (ta > tb) - (ta < tb)

    model.sort(col, order)
    for _ in range(12):
        picked = rng.sample(range(240), 40)  # the first sweep: waiting rows get answers
        snaps = []
        for i in picked:
            s = snapshot(targets[i], i, offline=rng.random() < 0.1)
            s.hashrate_ths = None if rng.random() < 0.1 else float(rng.choice((90, 100, 110)))
            snaps.append(s)
        model.apply_snapshots(snaps)
        followed = model.row_at(rng.randrange(240)).key
        persistent = QPersistentModelIndex(model.index(model.row_of(followed), Col.ADDRESS))
        model.resort()
        expected = sorted(model.rows(), key=functools.cmp_to_key(compare))
        assert [r.key for r in model.rows()] == [r.key for r in expected]
        assert persistent.row() == model.row_of(followed)
    assert any(model._sort_key(r, col) is None for r in model.rows()) or col is Col.ADDRESS
