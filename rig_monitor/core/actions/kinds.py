"""The actions an operator can ask of a miner: the vocabulary the drivers' controllers, the
action runner and the window share.

Its own module, outside ``core/drivers``: importing anything under ``core.drivers`` runs the
drivers package, which loads every driver and httpx (~0.3-0.5 s of CPU). The window needs the
names at start-up (its Actions menu and buttons), the drivers only when an action is started.
"""

from __future__ import annotations

import enum


class Action(enum.StrEnum):
    REBOOT = "reboot"  # the whole machine (OS and all)
    RESTART = "restart"  # only the mining process
    LOCATE_ON = "locate-on"  # blink the fault/locate LED
    LOCATE_OFF = "locate-off"
    SLEEP = "sleep"  # stop hashing, stay reachable
    WAKE = "wake"
    POOLS = "pools"  # replace the pool list

    @property
    def disruptive(self) -> bool:
        """Stops hashing for a while: staggered by address block and rate-limited per miner."""
        return self in (Action.REBOOT, Action.RESTART, Action.SLEEP, Action.WAKE, Action.POOLS)

    @property
    def reboots(self) -> bool:
        """The miner's uptime will restart: the coming 'unexpected reboot' is expected."""
        return self in (Action.REBOOT, Action.RESTART)
