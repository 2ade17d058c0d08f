"""The window never keeps a row "OK" when that miner's fault evaluation failed (issue 10)."""

from __future__ import annotations

from rig_monitor.core.faults.stage import FaultStage
from rig_monitor.gui.fleet import FleetRow, RowState
from tests.core.faults.test_stage_isolation import BROKEN, CrashOnOne, _batch


def test_the_row_of_a_failed_evaluation_is_critical_never_ok() -> None:
    stage = FaultStage(tracker_factory=lambda th: CrashOnOne(th))
    snaps = _batch()
    stage(snaps)
    rows = {s.ip: FleetRow.from_snapshot(s) for s in snaps}
    assert rows[BROKEN].state is RowState.CRITICAL
    assert rows["10.10.1.37"].state is RowState.OK
