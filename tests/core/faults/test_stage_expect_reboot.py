"""The operator's reboot reaches the tracker through the stage: the restart is not a fault."""

from __future__ import annotations

import time

from rig_monitor.core.faults.stage import FaultStage
from tests.core.faults.factory import s19

KEY = "10.10.1.37:4028"


def _reboot_faults(expect: bool) -> list[str]:
    stage = FaultStage()
    now = time.time()
    stage([s19(uptime_s=5000, timestamp=now - 60)])
    if expect:
        stage.expect_reboot([KEY])
    after = s19(uptime_s=30, timestamp=now)
    stage([after])
    return [f.id for f in after.faults if f.id == "unexpected_reboot"]


def test_an_unannounced_restart_is_a_fault_and_an_announced_one_is_not() -> None:
    assert _reboot_faults(expect=False) == ["unexpected_reboot"]
    assert _reboot_faults(expect=True) == []
