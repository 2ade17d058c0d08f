"""Braiins OS / BOS+ (bosminer, "BOSer") over its CGMiner-compatible API on 4028, or over the
REST API of BOS ≥ 25.07 (braiins_rest) when the API port gives no summary.

Hashrates are MH/s; boards are numbered 1–3 (6–8 on S9-era hardware) in ``devs``, ``devdetails``,
``temps`` and ``tunerstatus`` alike; power is the tuner's estimate. ``devdetails`` echoes the
Antminer model ("Antminer S19J88NoPic"), which is why detection never trusts it for stock firmware.
A tuner chain status other than the healthy ones is the firmware saying that board is in trouble.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import (
    Driver,
    Session,
    base_snapshot,
    first,
    parse_pools,
    section,
)
from rig_monitor.core.drivers.braiins_rest import PREFIX as REST_PREFIX
from rig_monitor.core.drivers.braiins_rest import fetch_rest, parse_rest
from rig_monitor.core.drivers.jsonpick import mapping
from rig_monitor.core.drivers.jsonpick import text as text_of
from rig_monitor.core.drivers.webtoken import rpc_else_web
from rig_monitor.core.model import Board, Identity, MinerSnapshot, Target, VendorError
from rig_monitor.core.modeldb import lookup
from rig_monitor.core.values import (
    average_rate,
    first_key,
    hashrate_ths,
    integer,
    max_or_none,
    num,
    rate_from,
    temp,
)

RATE_NOW = ("5s", "1m", "5m", "av")
RATE_AVG = ("15m", "5m", "av")
VERSION_KEYS = ("BOSer", "BOSminer+", "BOSminer")
# Tuner states that are normal operation (pyasic and Braiins' own UI treat the rest as errors).
HEALTHY_TUNER = frozenset({"stable", "testing performance profile", "tuning individual chips"})


def board_offset(ids: list[int]) -> int:
    """6 for S9-era numbering (6–8), 1 for 1–3, 0 when the firmware counts from 0."""
    if not ids:
        return 0
    if min(ids) >= 6:
        return 6
    return 0 if 0 in ids else 1


def braiins_model(text: str) -> str:
    """ "Bitmain Antminer S19J88NoPic" → the model database's name for it ("S19j NoPIC")."""
    raw = re.sub(r"^(?:bitmain\s+)?(?:antminer\s+)?", "", text.strip(), flags=re.IGNORECASE)
    spec = lookup("Antminer", raw)
    return spec.model if spec is not None else raw


class BraiinsDriver(Driver):
    family: ClassVar[str] = "braiins"
    make: ClassVar[str | None] = "Antminer"
    commands: ClassVar[tuple[str, ...]] = (
        "version",
        "summary",
        "devs",
        "devdetails",
        "temps",
        "fans",
        "tunerstatus",
        "pools",
    )

    async def fetch(self, session: Session) -> dict[str, Any]:
        """RPC; the REST API (BOS ≥ 25.07, braiins_rest) only when the RPC has no summary."""
        return await rpc_else_web(
            session, lambda: Driver.fetch(self, session), lambda: fetch_rest(session)
        )

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        if any(k.startswith(REST_PREFIX) for k in replies):
            rest = mapping(replies.get(REST_PREFIX + "miner/details"))
            name = text_of(mapping(rest.get("miner_identity")).get("miner_model"))
            return parse_rest(target, replies, identity, braiins_model(name) if name else None)
        snap = base_snapshot(target, identity, replies)
        snap.make = identity.make or "Antminer"
        version = first(replies.get("version"), "VERSION")
        summary = first(replies.get("summary"), "SUMMARY")
        for key in VERSION_KEYS:
            if version.get(key):
                snap.firmware = key
                snap.firmware_version = str(version[key]).strip()
                break
        else:
            snap.firmware = identity.firmware or "BOSminer"
        api = version.get("API")
        snap.api_version = str(api) if api is not None else None

        details = section(replies.get("devdetails"), "DEVDETAILS")
        model = next((str(d["Model"]) for d in details if d.get("Model")), None)
        if model:
            snap.model = braiins_model(model)

        snap.hashrate_ths = rate_from(summary, RATE_NOW)
        snap.hashrate_avg_ths = average_rate(summary, RATE_AVG)
        snap.uptime_s = integer(summary.get("Elapsed"))
        snap.hw_errors = integer(summary.get("Hardware Errors"))
        snap.accepted = integer(summary.get("Accepted"))
        snap.rejected = integer(summary.get("Rejected"))
        snap.stale = integer(summary.get("Stale"))

        tuner = first(replies.get("tunerstatus"), "TUNERSTATUS")
        snap.power_w = _positive(num(tuner.get("ApproximateMinerPowerConsumption")))
        snap.power_limit_w = _positive(num(tuner.get("PowerLimit")))

        spec = lookup(snap.make, snap.model)
        snap.boards = self._boards(replies, tuner)
        nominal = [b.nominal_hashrate_ths for b in snap.boards if b.nominal_hashrate_ths]
        snap.nominal_hashrate_ths = sum(nominal) if nominal else None
        snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
        snap.temp_chip_max_c = max_or_none(b.temp_chip_c for b in snap.boards)
        snap.fans_rpm = _fans(section(replies.get("fans"), "FANS"), spec.fans if spec else None)

        statuses = [b.status or "" for b in snap.boards]
        if statuses and all("paus" in s.lower() for s in statuses):
            snap.idle = True  # paused by the operator (the `pause` command), not broken
        for b in snap.boards:
            text = (b.status or "").strip()
            if text and text.lower() not in HEALTHY_TUNER and "paus" not in text.lower():
                message = text.split(" {")[0]
                snap.error_codes.append(VendorError("tuner", message, board=b.index))
        snap.pools = parse_pools(replies.get("pools"))
        return snap

    @staticmethod
    def _boards(replies: dict[str, Any], tuner: dict[str, Any]) -> list[Board]:
        devs = section(replies.get("devs"), "DEVS")
        details = section(replies.get("devdetails"), "DEVDETAILS")
        temps = section(replies.get("temps"), "TEMPS")
        chains = [c for c in tuner.get("TunerChainStatus") or [] if isinstance(c, dict)]

        def ids(items: list[dict[str, Any]], key: str) -> dict[int, dict[str, Any]]:
            return {i: item for item in items if (i := integer(item.get(key))) is not None}

        by_dev, by_detail = ids(devs, "ID"), ids(details, "ID")
        by_temp, by_chain = ids(temps, "ID"), ids(chains, "HashchainIndex")
        all_ids = sorted(set(by_dev) | set(by_detail) | set(by_temp) | set(by_chain))
        offset = board_offset(all_ids)
        boards = []
        for n in all_ids:
            dev, det = by_dev.get(n, {}), by_detail.get(n, {})
            t, chain = by_temp.get(n, {}), by_chain.get(n, {})
            freq = num(det.get("Frequency"))
            if freq is not None and freq > 100_000:  # older bosminer prints Hz
                freq /= 1e6
            status = first_key(chain, "Status") or first_key(dev, "Status")
            boards.append(
                Board(
                    index=n - offset,
                    hashrate_ths=rate_from(dev, RATE_NOW),
                    nominal_hashrate_ths=_positive(
                        hashrate_ths(first_key(dev, "Nominal MHS", "nominal MHS"), "M")
                    ),
                    chips=integer(first_key(det, "Chips")),
                    temp_board_c=temp(t.get("Board")),
                    temp_chip_c=temp(t.get("Chip")),
                    hw_errors=integer(dev.get("Hardware Errors")),
                    frequency_mhz=_positive(freq),
                    voltage_v=_positive(num(det.get("Voltage"))),
                    status=str(status) if status is not None else None,
                )
            )
        return boards


def _fans(items: list[dict[str, Any]], expected: int | None) -> list[int]:
    """Every slot the firmware lists, but not the always-zero slots beyond the model's fan count."""
    rpms = [integer(f.get("RPM")) or 0 for f in items]
    if expected and len(rpms) > expected and not any(rpms[expected:]):
        return rpms[:expected]
    return rpms


def _positive(value: float | None) -> float | None:
    return value if value is not None and value > 0 else None
