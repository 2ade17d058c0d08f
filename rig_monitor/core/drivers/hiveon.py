"""Hiveon ASIC firmware on Antminers: bmminer's own 4028 API, ``stats`` dialect and all.

Hiveon keeps Bitmain's reply shapes (``chain_acn``/``chain_acs``/``chain_rate``, ``temp_chip``,
``fan1``…) and adds a few keys (``chain_power``, ``total_power``), so the Antminer parser reads it;
what differs is that its web UI is not the stock Digest CGI, so this driver asks the API only.
Its ``chain_acs`` comes in pairs (" xx xx oo …", two marks per chip group) — one mark per chip
still, so the stock counting holds (a real S19 x88 capture: 44 pairs = 88 chips).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.base import Driver, Session
from rig_monitor.core.model import Identity, MinerSnapshot, Target


class HiveonDriver(AntminerDriver):
    family: ClassVar[str] = "hiveon"
    make: ClassVar[str | None] = "Antminer"
    commands: ClassVar[tuple[str, ...]] = ("version", "summary", "stats", "pools")

    async def fetch(self, session: Session) -> dict[str, Any]:
        return await Driver.fetch(self, session)  # the API only: no stock web CGI on Hiveon

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = super().parse(target, replies, identity)
        snap.family = self.family
        snap.firmware = "hiveon"
        return snap
