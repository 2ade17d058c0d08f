"""LuxOS (Luxor firmware for Antminer) over its extended CGMiner API on 4028.

``stats`` keeps Bitmain's legacy ``STATS[1]`` chain layout, so the Antminer parser reads the boards
and this driver adds what LuxOS says on top: its version, identity from ``config``, real power from
``power``, fans/temps/serials from ``fans``/``temps``/``devs`` when ``stats`` lacks them, and its
``events`` as vendor errors. The ``Type`` string stays "Antminer …", so detection must see
``LUXminer`` first.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, ClassVar

from rig_monitor.core.drivers.antminer import AntminerDriver
from rig_monitor.core.drivers.base import Driver, Session, first, section
from rig_monitor.core.model import Identity, MinerSnapshot, Target, VendorError
from rig_monitor.core.values import first_key, hashrate_ths, integer, max_or_none, num, temps

TEMP_KEYS = ("TopLeft", "TopRight", "BottomLeft", "BottomRight", "Board", "Chip")


def _since(value: Any) -> float | None:
    """Event time: unix seconds or ISO 8601 text."""
    if value in (None, ""):
        return None
    n = num(value) if not isinstance(value, str) or value.strip().isdigit() else None
    if n is not None:
        return n or None
    try:
        return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


class LuxOSDriver(AntminerDriver):
    family: ClassVar[str] = "luxos"
    make: ClassVar[str | None] = "Antminer"
    commands: ClassVar[tuple[str, ...]] = (
        "version",
        "config",
        "summary",
        "stats",
        "power",
        "fans",
        "temps",
        "devs",
        "events",
        "pools",
    )

    async def fetch(self, session: Session) -> dict[str, Any]:
        """RPC only: Bitmain's web CGI (which the stock driver also reads) is not there."""
        return await Driver.fetch(self, session)

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = super().parse(target, replies, identity)
        version = first(replies.get("version"), "VERSION")
        config = first(replies.get("config"), "CONFIG")
        snap.firmware = "luxos"
        lux = first_key(version, "LUXminer")
        snap.firmware_version = str(lux).strip() if lux else identity.firmware_version
        if not snap.model and config.get("Model"):
            snap.model = str(config["Model"]).strip()
        snap.mac = _str(config.get("MACAddr"))
        snap.hostname = _str(config.get("Hostname"))
        snap.serial = _str(config.get("SerialNumber"))
        if snap.nominal_hashrate_ths is None:
            snap.nominal_hashrate_ths = num(config.get("NameplateTHS")) or None
        if str(config.get("CurtailMode") or "").strip().lower() == "sleep":
            snap.idle = True

        watts = num(first(replies.get("power"), "POWER").get("Watts"))
        snap.power_w = watts if watts is not None and watts > 0 else snap.power_w
        if not snap.fans_rpm:
            snap.fans_rpm = [
                integer(f.get("RPM")) or 0 for f in section(replies.get("fans"), "FANS")
            ]
        self._board_extras(snap, replies)
        snap.error_codes = [
            VendorError(
                code=str(e.get("Code") or e.get("Id") or "event"),
                message=_str(e.get("Description")),
                board=_board_of(e.get("Target")),
                since=_since(e.get("CreatedAt")),
            )
            for e in section(replies.get("events"), "EVENTS")
        ]
        return snap

    @staticmethod
    def _board_extras(snap: MinerSnapshot, replies: dict[str, Any]) -> None:
        """Serials and nominal rates from ``devs``; board temps from ``temps`` where stats had none."""
        by_index = {b.index: b for b in snap.boards}
        for pos, dev in enumerate(section(replies.get("devs"), "DEVS")):
            board = by_index.get(integer(first_key(dev, "ASC", "ID")) or pos)
            if board is None:
                continue
            board.serial = board.serial or _str(dev.get("SerialNumber"))
            if board.nominal_hashrate_ths is None:
                board.nominal_hashrate_ths = hashrate_ths(dev.get("Nominal MHS"), "M") or None
        for pos, item in enumerate(section(replies.get("temps"), "TEMPS")):
            index = integer(item.get("ID"))
            board = by_index.get(pos if index is None else index)
            if board is None or board.temp_board_c is not None:
                continue
            values = temps([item.get(k) for k in TEMP_KEYS])
            board.temp_board_c = max(values) if values else None
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)


def _str(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _board_of(target: Any) -> int | None:
    m = re.search(r"(?:board|chain|slot)\D*(\d+)", str(target or ""), re.IGNORECASE)
    return int(m.group(1)) if m else None
