"""The action vocabulary lives outside core/drivers (the window imports it without the drivers);
the controllers, the runner and the window must still share one enum."""

from __future__ import annotations

from rig_monitor.core.actions.kinds import Action
from rig_monitor.core.drivers import control
from rig_monitor.core.drivers.control import base


def test_one_action_enum_everywhere() -> None:
    assert control.Action is Action
    assert base.Action is Action
    assert Action("reboot") is Action.REBOOT
    assert Action.REBOOT.reboots and Action.RESTART.reboots and not Action.SLEEP.reboots
    assert not Action.LOCATE_ON.disruptive and Action.POOLS.disruptive
