"""The fault stage judges each miner on its own: a rule crash is that miner's row (issue 10)."""

from __future__ import annotations

from rig_monitor.core.faults.guard import EVALUATION_FAILED
from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.core.faults.thresholds import Thresholds
from rig_monitor.core.faults.tracker import FaultTracker
from rig_monitor.core.model import MinerSnapshot, Severity
from tests.core.faults.factory import board, s19

BROKEN = "10.10.1.38"


class CrashOnOne(FaultTracker):
    def _update_one(self, snap, t, events, *rest):  # type: ignore[no-untyped-def]
        if snap.ip == BROKEN:
            raise ZeroDivisionError("float division by zero")
        return super()._update_one(snap, t, events, *rest)


def _batch() -> list[MinerSnapshot]:
    healthy = s19("10.10.1.37")
    hot = s19("10.10.1.39", boards=[board(i, temp_chip_c=104.0) for i in range(3)])
    return [healthy, s19(BROKEN), hot]


def test_one_miners_crash_marks_its_row_and_the_batch_is_still_judged() -> None:
    stage = FaultStage(tracker_factory=lambda th: CrashOnOne(th))
    snaps = _batch()
    report = stage(snaps)
    assert report is not None  # the batch was not dropped
    healthy, broken, hot = snaps
    assert [f.id for f in broken.faults] == [EVALUATION_FAILED]
    assert broken.faults[0].severity is Severity.CRITICAL
    assert "ZeroDivisionError" in broken.faults[0].detail
    assert all(f.id != EVALUATION_FAILED for f in healthy.faults)
    assert stage.failed_last == 1
    assert hot.faults and all(f.id != EVALUATION_FAILED for f in hot.faults)  # still judged
    assert all(r.miner != f"{BROKEN}:4028" for r in report.records)


def test_a_crash_outside_the_per_miner_part_marks_every_row_instead_of_dropping_them() -> None:
    class Broken(FaultTracker):
        def active(self, *a, **kw):  # type: ignore[no-untyped-def]
            raise RuntimeError("incident grouping bug")

    stage = FaultStage(tracker_factory=lambda th: Broken(th))
    snaps = _batch()
    assert stage(snaps) is None
    for snap in snaps:
        assert [f.id for f in snap.faults] == [EVALUATION_FAILED]
    assert stage.failed_last == 3


def test_thresholds_type_is_what_the_factory_gets() -> None:  # guards the factory signature
    seen: list[object] = []
    FaultStage(tracker_factory=lambda th: seen.append(th) or FaultTracker(th))([s19()])
    assert isinstance(seen[0], Thresholds)
