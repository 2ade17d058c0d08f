"""Bitaxe / AxeOS (ESP-Miner) and its clones: one JSON page, ``GET /api/system/info``, no login.

``hashRate`` and ``expectedHashrate`` are GH/s; older firmware (< 2.9) has no expected figure, so it
is derived as small cores × ASICs × MHz (MH/s), as pyasic does. The model is not in the reply:
it follows from the ASIC (``ASICModel``) and the ASIC count, matched against the model database's
Bitaxe entries (their ``asic`` and ``chips_per_board`` fields).
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import Driver, Session, base_snapshot
from rig_monitor.core.drivers.jsonpick import text
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    Board,
    ErrorKind,
    Identity,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Target,
    VendorError,
)
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.resources import load_json, resource_path
from rig_monitor.core.values import integer, num, temp

INFO = "/api/system/info"


@cache
def _asic_models() -> tuple[tuple[str, int | None, str], ...]:
    """(asic, asics per board, model) of every Bitaxe entry in models.json, in file order."""
    doc = load_json(resource_path("models.json"))
    return tuple(
        (str(e["asic"]).upper(), e.get("chips_per_board"), str(e["model"]))
        for e in doc.get("models", [])
        if e.get("make") == "Bitaxe" and e.get("asic")
    )


def model_for(asic: Any, asic_count: int | None) -> str | None:
    """``BM1370`` with 2 ASICs → "GT", with 1 → "Gamma"; unknown ASIC → None."""
    if not isinstance(asic, str) or not asic.strip():
        return None
    key = asic.strip().upper()
    hits = [(n, model) for a, n, model in _asic_models() if a == key]
    for n, model in hits:
        if asic_count is not None and n == asic_count:
            return model
    if asic_count is not None and hits:
        return None  # 4 x BM1370 is a NerdQAxe++, not the first 1-chip board of that ASIC
    return hits[0][1] if hits else None


def _pool(host: Any, port: Any, user: Any, active: bool) -> Pool | None:
    h = text(host)
    if h is None:
        return None
    p = integer(port)
    url = h if "://" in h else f"stratum+tcp://{h}"
    if p is not None and not url.rsplit("/", 1)[-1].count(":"):
        url += f":{p}"
    return Pool(url=url, user=text(user), active=active, status=PoolStatus.UNKNOWN)


class BitaxeDriver(Driver):
    family: ClassVar[str] = "bitaxe"
    make: ClassVar[str | None] = "Bitaxe"

    async def fetch(self, session: Session) -> dict[str, Any]:
        if session.http is None:
            raise MinerError(ErrorKind.BAD_REPLY, "bad reply: no HTTP client for a web-only miner")
        return {INFO: await session.http.get_json(session.web_url(INFO))}

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        info = replies.get(INFO)
        d: dict[str, Any] = info if isinstance(info, dict) else {}
        snap.make = identity.make or "Bitaxe"
        snap.firmware = "AxeOS"
        snap.firmware_version = text(d.get("version")) or identity.firmware_version
        asics = integer(d.get("asicCount"))
        # NerdOS names the device ("NerdQAxe++"); stock AxeOS only says the ASIC and count
        snap.model = (
            text(d.get("deviceModel")) or model_for(d.get("ASICModel"), asics) or identity.model
        )
        snap.hostname = text(d.get("hostname"))
        snap.mac = text(d.get("macAddr"))

        snap.hashrate_ths = _ths(d.get("hashRate"))
        expected = _ths(d.get("expectedHashrate"))
        if not expected:
            cores, freq = num(d.get("smallCoreCount")), num(d.get("frequency"))
            if cores and freq and asics:
                expected = cores * asics * freq / 1e6  # MH/s → TH/s
        snap.nominal_hashrate_ths = expected or None
        snap.power_w = num(d.get("power"))
        snap.uptime_s = integer(d.get("uptimeSeconds"))
        snap.accepted = integer(d.get("sharesAccepted"))
        snap.rejected = integer(d.get("sharesRejected"))
        chip = temp(d.get("temp"))
        snap.temp_chip_max_c = chip
        # The voltage regulator is the board's hot spot (ESP-Miner throttles it at 105 °C): shown
        # as the board temperature, with Bitaxe's own board limits in the model database.
        vr = temp(d.get("vrTemp"))
        snap.temp_board_max_c = vr
        # NerdOS boards with two fans add "fanrpm2" (capture nerdqaxepp-nerdos-1.1.0b1-issue1769)
        snap.fans_rpm = [r for k in ("fanrpm", "fanrpm2") if (r := integer(d.get(k))) is not None]
        snap.boards = [
            Board(
                index=0,
                hashrate_ths=snap.hashrate_ths,
                nominal_hashrate_ths=snap.nominal_hashrate_ths,
                chips=asics,
                temp_chip_c=chip,
                temp_board_c=vr,
                frequency_mhz=num(d.get("frequency")),
                voltage_v=(v / 1000.0) if (v := num(d.get("coreVoltageActual"))) else None,
            )
        ]
        spec = lookup("Bitaxe", snap.model)
        if spec is not None:
            snap.expected_boards = spec.boards
            snap.expected_fans = spec.fans
            snap.boards[0].expected_chips = spec.chips_per_board
        elif asics:
            # asicCount is the board's configured ASIC count (ESP-Miner board config), not a
            # count of chips found: the fitted count when the model table has no entry
            snap.boards[0].expected_chips = asics

        fallback = bool(integer(d.get("isUsingFallbackStratum")))
        for pool in (
            _pool(d.get("stratumURL"), d.get("stratumPort"), d.get("stratumUser"), not fallback),
            _pool(
                d.get("fallbackStratumURL"),
                d.get("fallbackStratumPort"),
                d.get("fallbackStratumUser"),
                fallback,
            ),
        ):
            if pool is not None:
                pool.priority = len(snap.pools)
                snap.pools.append(pool)
        if integer(d.get("overheat_mode")):
            snap.error_codes.append(
                VendorError(
                    code="overheat_mode",
                    message="overheat mode: the firmware cut frequency and voltage to protect the ASIC",
                )
            )
        return snap


def _ths(value: Any) -> float | None:
    ghs = num(value)
    return None if ghs is None else ghs / 1000.0
