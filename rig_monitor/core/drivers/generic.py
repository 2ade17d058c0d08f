"""Anything else that speaks the CGMiner API (cgminer, bfgminer, unknown forks).

Shown as "generic" with every field that parses, never dropped: hashrate from ``summary`` in
whatever unit its keys name (``MHS 5s``, ``MHS 20s``, ``GHS 5s``), one board per ``devs`` entry.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import Driver, base_snapshot, first, parse_pools, section
from rig_monitor.core.model import Board, Identity, MinerSnapshot, Target
from rig_monitor.core.values import (
    average_rate,
    first_key,
    integer,
    max_or_none,
    num,
    rate_from,
    temp,
)

RATE_NOW = ("5s", "20s", "1m", "5m", "av")
RATE_AVG = ("15m", "5m", "av")
MINER_KEYS = ("CGMiner", "BFGMiner", "BMMiner", "SGMiner", "LUXminer", "GCMiner", "BOSminer")


def miner_program(version: dict[str, Any]) -> tuple[str, str] | None:
    """(program, version) from a ``version`` reply. bfgminer says who it is in "Miner"
    ("bfgminer 5.5.0") and sends "CGMiner" only for compatibility (api.c apiversion())."""
    named = str(version.get("Miner") or "").strip()
    program, _, number = named.partition(" ")
    if program.lower() in ("bfgminer", "sgminer") and number:
        return program.lower(), number.strip()
    for key in MINER_KEYS:
        if key in version:
            return key.lower(), str(version[key])
    return None


_PROGRAM = re.compile(r"^\s*(cgminer|bfgminer|sgminer)\s+v?(\d[\w.\-]*)", re.IGNORECASE)


def described_program(*replies: Any) -> tuple[str, str] | None:
    """(program, version) from a reply's STATUS Description ("cgminer 4.10.0"), for a miner
    whose ``version`` reply is missing (capture cgminer/l21-cgminer4.10.0-blockassets)."""
    for reply in replies:
        status = reply.get("STATUS") if isinstance(reply, dict) else None
        head = status[0] if isinstance(status, list) and status else status
        m = _PROGRAM.match(str(head.get("Description") or "")) if isinstance(head, dict) else None
        if m:
            return m.group(1).lower(), m.group(2)
    return None


class GenericDriver(Driver):
    family: ClassVar[str] = "generic"
    make: ClassVar[str | None] = None
    commands: ClassVar[tuple[str, ...]] = ("version", "summary", "devs", "pools")

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        version = first(replies.get("version"), "VERSION")
        summary = first(replies.get("summary"), "SUMMARY")
        program = miner_program(version) or described_program(
            replies.get("summary"), replies.get("devs")
        )
        if program is not None:
            snap.firmware, snap.firmware_version = program
        api = version.get("API")
        snap.api_version = str(api) if api is not None else None
        model = first_key(version, "Type", "Model", "PROD")
        if model and not snap.model:
            snap.model = str(model)

        snap.hashrate_ths = rate_from(summary, RATE_NOW)
        snap.hashrate_avg_ths = average_rate(summary, RATE_AVG)
        snap.uptime_s = integer(summary.get("Elapsed"))
        snap.hw_errors = integer(summary.get("Hardware Errors"))
        snap.accepted = integer(summary.get("Accepted"))
        snap.rejected = integer(summary.get("Rejected"))
        snap.stale = integer(summary.get("Stale"))
        snap.power_w = num(first_key(summary, "Power", "Wattage"))

        for i, dev in enumerate(section(replies.get("devs"), "DEVS")):
            snap.boards.append(
                Board(
                    index=i,
                    hashrate_ths=rate_from(dev, RATE_NOW),
                    # cgminer/bfgminer ASC devices report the ASIC's own temperature here
                    temp_chip_c=temp(first_key(dev, "Temperature", "Tenperature")),
                    # lower case: a board sensor on the L21's cgminer 4.10.0 (32.0 on every
                    # device, summary temper1..4 31.0; capture l21-cgminer4.10.0-blockassets)
                    temp_board_c=temp(dev.get("temperature")),
                    hw_errors=integer(dev.get("Hardware Errors")),
                    status=str(dev["Status"]) if dev.get("Status") else None,
                )
            )
        snap.temp_chip_max_c = max_or_none(b.temp_chip_c for b in snap.boards)
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
        snap.pools = parse_pools(replies.get("pools"))
        return snap
