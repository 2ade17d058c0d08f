"""Whatsminer (MicroBT btminer): API v1/v2 reads on 4028 and API v3 on 4433.

v1/v2: ``summary`` in MH/s with the unit's rated ``Factory GHS`` (GH/s), power, fans and error
codes; ``edevs``/``devs`` one item per slot; the model only in ``devdetails`` ("M30S+_VE40", whose
sub-version decides the chip count). btminer's own ``get_*``/``status`` commands use a flat
envelope and are refused inside a ``+`` batch, so they are asked separately, concurrently.
v3 (firmware ≥ 2024-11, 4028 often closed): TH/s figures where ``-0.001 × boards`` means unknown.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rig_monitor.core.drivers.base import (
    Driver,
    Session,
    base_snapshot,
    first,
    parse_pools,
    section,
)
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    Board,
    Identity,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Target,
    VendorError,
)
from rig_monitor.core.values import (
    average_rate,
    first_key,
    hashrate_ths,
    integer,
    max_or_none,
    num,
    rate_from,
)
from rig_monitor.core.wire.cgminer import Reply, status_of
from rig_monitor.core.wire.whatsminer_v3 import FAMILY as V3_FAMILY
from rig_monitor.core.wire.whatsminer_v3 import WhatsminerV3Client

RATE_NOW = ("5s", "1m", "5m", "av")
RATE_AVG = ("15m", "5m", "av")
BATCH = ("summary", "edevs", "pools", "devdetails")
FLAT = ("get_version", "get_miner_info", "get_error_code", "status")  # refused inside a batch
IDENTITY = ("get_version", "get_miner_info")  # firmware, MAC, hostname, serial: rarely change
# ``status`` says only whether btminer is switched off (mineroff), which matters only to a miner
# that is not hashing: it is asked when the summary shows no current hashrate (see fetch).
WHEN_NOT_HASHING = ("status",)
EVERY_POLL = tuple(c for c in FLAT if c not in IDENTITY and c not in WHEN_NOT_HASHING)
# How long the identity replies are reused while the summary agrees with them: a renamed host
# or a new serial behind the same MAC and firmware shows within this (a design choice: two of
# five connections per poll saved, a rename seen within 10 min).
IDENTITY_RECHECK_S = 600.0
_IDENTITY_KEY = "whatsminer.identity"


@dataclass(slots=True)
class _IdentityReplies:
    at: float  # time.monotonic() when asked
    seen: tuple[str | None, str | None]  # the summary's (MAC, firmware version) then
    replies: dict[str, Any]


def _merge_flat(
    replies: dict[str, Any], commands: tuple[str, ...], results: Sequence[object]
) -> None:
    for command, result in zip(commands, results, strict=True):
        if isinstance(result, dict):
            replies[command] = result
        elif isinstance(result, BaseException) and not isinstance(result, MinerError):
            raise result


def _summary_identity(replies: dict[str, Any]) -> tuple[str | None, str | None]:
    summary = first(replies.get("summary"), "SUMMARY")
    return _text(summary.get("MAC")), _text(summary.get("Firmware Version"))


def _flat_msg(reply: Reply | None) -> dict[str, Any]:
    """The payload of btminer's flat envelope ({} when refused or absent)."""
    if not isinstance(reply, dict) or not status_of(reply).ok:
        return {}
    msg = reply.get("Msg")
    return msg if isinstance(msg, dict) else {}


def _text(value: Any) -> str | None:
    """Strip the embedded quotes btminer puts around some strings ("'20210322.22.REL'")."""
    if value in (None, ""):
        return None
    text = str(value).strip().strip("'\"").strip()
    return text or None


def _when(value: Any) -> float | None:
    """btminer error timestamps: "2024-05-01 10:20:30" (local time) or unix seconds."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float) or str(value).strip().isdigit():
        return float(value) or None
    try:
        return time.mktime(time.strptime(str(value).strip(), "%Y-%m-%d %H:%M:%S"))
    except ValueError:
        return None


def vendor_error(code: Any, when: Any = None, reason: Any = None) -> VendorError | None:
    """One btminer code as a VendorError, as the firmware gave it.

    The code is not decoded here (which board, what it means): a driver reads, the fault rules
    judge, so decoding lives in ``faults.codes`` beside the rest of the vendor code tables.
    """
    text = str(code).strip()
    if not text or text in ("0", "None"):
        return None
    return VendorError(code=text, message=_text(reason), board=None, since=_when(when))


def merge_errors(errors: list[VendorError | None]) -> list[VendorError]:
    """One entry per code; the first source that dates it wins the date."""
    out: dict[str, VendorError] = {}
    for err in errors:
        if err is None:
            continue
        known = out.get(err.code)
        if known is None:
            out[err.code] = err
        elif known.since is None and err.since is not None:
            known.since = err.since
    return list(out.values())


def _code_items(value: Any) -> list[tuple[Any, Any, Any]]:
    """(code, time, reason) from the shapes ``error_code`` takes: [{"540": "time"}], {…}, ["540"]."""
    items = value if isinstance(value, list) else [value] if value else []
    out: list[tuple[Any, Any, Any]] = []
    for item in items:
        if isinstance(item, dict):
            reason = item.get("reason")
            for key, when in item.items():
                if key != "reason":
                    out.append((key, when, reason))
        elif item not in (None, ""):
            out.append((item, None, None))
    return out


VIA_V3 = "read_over_v3"  # set in the replies when the legacy API was too thin to use


def _reduced(replies: dict[str, Any]) -> bool:
    """A legacy summary with no hashrate at all, and no boards in devs: the reduced 4028 API."""
    summary = first(replies.get("summary"), "SUMMARY")
    if not summary:
        return False
    rates = [k for k in summary if k.startswith(("MHS", "GHS", "HS "))]
    devs = section(replies.get("devs") or replies.get("edevs"), "DEVS")
    return not rates and not devs


def _hashing(replies: dict[str, Any]) -> bool:
    """Does the summary show a current hashrate (``parse``'s ``hashrate_ths``) above zero?"""
    rate = rate_from(first(replies.get("summary"), "SUMMARY"), RATE_NOW)
    return rate is not None and rate > 0


class WhatsminerDriver(Driver):
    family: ClassVar[str] = "whatsminer"
    make: ClassVar[str | None] = "Whatsminer"
    commands: ClassVar[tuple[str, ...]] = BATCH

    async def fetch(self, session: Session) -> dict[str, Any]:
        """The batch and the error codes every poll; identity every 10 min; ``status`` when
        the miner is not hashing.

        cgminer closes after each reply, so every flat command is a connection of its own:
        ``get_version`` and ``get_miner_info`` (firmware, MAC, hostname, serial) change only
        with an upgrade or another device on the address, so they are asked when due
        (``IDENTITY_RECHECK_S``) or at once when the summary contradicts them (its MAC or
        firmware version changed), and their last replies are reused in between. ``status``
        (mineroff: asleep by design, not stopped) is asked after the batch when the summary's
        current hashrate (the figure "mining stopped" judges) is absent or zero: a hashing
        miner is not asleep, and API v1's "btmineroff" is not believed while hashing anyway.
        2 connections per poll for a hashing miner instead of 5; one more round trip for a
        stopped one. The cost: a miner switched off while its summary still shows a rate is
        seen asleep one poll later.
        """
        rpc = session.rpc
        ident = session.state.get(_IDENTITY_KEY)
        now = time.monotonic()
        due = ident is None or now - ident.at >= IDENTITY_RECHECK_S
        flat = (*IDENTITY, *EVERY_POLL) if due else EVERY_POLL
        results = await asyncio.gather(
            rpc.multi(*BATCH), *(rpc.command(c) for c in flat), return_exceptions=True
        )
        batch = results[0]
        if isinstance(batch, BaseException):
            raise batch
        replies: dict[str, Any] = dict(batch)
        _merge_flat(replies, flat, results[1:])
        seen = _summary_identity(replies)
        if not due and ident is not None and seen != ident.seen:
            # another MAC or firmware in the summary: ask again now, not in 10 min
            more = await asyncio.gather(*(rpc.command(c) for c in IDENTITY), return_exceptions=True)
            _merge_flat(replies, IDENTITY, more)
            due = True
        if due:
            asked = {c: replies[c] for c in IDENTITY if c in replies}
            if len(asked) == len(IDENTITY):  # a failed ask is retried next poll
                session.state[_IDENTITY_KEY] = _IdentityReplies(now, seen, asked)
            elif ident is not None:
                ident.at = 0.0  # due again next poll (what answered is merged below)
        if ident is not None:
            for command, reply in ident.replies.items():
                replies.setdefault(command, reply)
        if not section(replies.get("edevs"), "DEVS"):
            # API v1 firmware (2021) has no ``edevs``: its boards are in ``devs`` (capture
            # btminer-apiv1-2021fw), one more request only for such firmware.
            with contextlib.suppress(MinerError):
                replies["devs"] = await rpc.command("devs")
        if _reduced(replies):
            # late-2024 firmware keeps a reduced legacy API on 4028 and serves the data on v3
            try:
                v3 = await WhatsminerV3Driver().fetch(session)
            except MinerError:
                return replies  # shown as read; reading_incomplete says what is missing
            return {**v3, VIA_V3: True}
        if not _hashing(replies):
            more = await asyncio.gather(
                *(rpc.command(c) for c in WHEN_NOT_HASHING), return_exceptions=True
            )
            _merge_flat(replies, WHEN_NOT_HASHING, more)
        return replies

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        if replies.get(VIA_V3):
            snap = WhatsminerV3Driver().parse(target, replies, identity)
            snap.notes.append("the legacy API on 4028 is reduced: read over API v3 (4433)")
            return snap
        snap = base_snapshot(target, identity, replies)
        snap.make = "Whatsminer"
        snap.firmware = "btminer"
        summary = first(replies.get("summary"), "SUMMARY")
        version = _flat_msg(replies.get("get_version"))
        info = _flat_msg(replies.get("get_miner_info"))
        status = _flat_msg(replies.get("status"))
        details = first(replies.get("devdetails"), "DEVDETAILS")

        model = _text(details.get("Model"))
        snap.model = model or identity.model
        snap.firmware_version = (
            _text(version.get("fw_ver"))
            or _text(summary.get("Firmware Version"))
            or identity.firmware_version
        )
        snap.api_version = _text(version.get("api_ver"))
        snap.mac = _text(info.get("mac")) or _text(summary.get("MAC"))
        snap.hostname = _text(info.get("hostname"))
        snap.serial = _text(first_key(info, "minersn", "sn"))

        snap.hashrate_ths = rate_from(summary, RATE_NOW)
        snap.hashrate_avg_ths = average_rate(summary, RATE_AVG)
        snap.nominal_hashrate_ths = _positive(hashrate_ths(summary.get("Factory GHS"), "G"))
        snap.power_w = _positive(num(first_key(summary, "Power", "Power_RT")))
        snap.power_limit_w = _positive(num(summary.get("Power Limit")))
        snap.temp_inlet_c = _temp(summary.get("Env Temp"))
        snap.fans_rpm = [
            f
            for k in ("Fan Speed In", "Fan Speed Out")
            if (f := integer(summary.get(k))) is not None
        ]
        snap.uptime_s = integer(summary.get("Elapsed"))
        snap.hw_errors = integer(summary.get("Hardware Errors"))
        snap.accepted = integer(summary.get("Accepted"))
        snap.rejected = integer(summary.get("Rejected"))
        snap.stale = integer(summary.get("Stale"))

        devs = section(replies.get("edevs"), "DEVS") or section(replies.get("devs"), "DEVS")
        snap.boards = [self._board(pos, dev) for pos, dev in enumerate(devs)]
        snap.temp_board_max_c = max_or_none(
            [_temp(summary.get("Temperature")), *(b.temp_board_c for b in snap.boards)]
        )
        snap.temp_chip_max_c = max_or_none(
            [_temp(summary.get("Chip Temp Max")), *(b.temp_chip_c for b in snap.boards)]
        )
        off = status.get("mineroff")
        if off is not None:
            snap.idle = str(off).strip().lower() == "true"
        elif (v1_off := status.get("btmineroff")) is not None:
            # API v1 (fw 20210322) says "true" while hashing 67.7 TH/s with 2338 shares
            # (tests/captures/whatsminer/btminer-apiv1-2021fw): believed only with no hashrate.
            snap.idle = str(v1_off).strip().lower() == "true" and not snap.hashrate_ths
        elif snap.hashrate_ths is not None and snap.hashrate_ths > 0:
            snap.idle = False  # hashing: not asleep (``status`` is asked only when not hashing)

        count = integer(summary.get("Error Code Count")) or 0
        from_summary = [vendor_error(summary.get(f"Error Code {n}")) for n in range(count)]
        listed = [vendor_error(*item) for item in _code_items(_error_codes(replies))]
        snap.error_codes = merge_errors(listed + from_summary)
        snap.pools = parse_pools(replies.get("pools"))
        return snap

    @staticmethod
    def _board(pos: int, dev: dict[str, Any]) -> Board:
        slot = integer(first_key(dev, "Slot", "ASC", "ID"))
        return Board(
            index=slot if slot is not None and 0 <= slot < 8 else pos,
            hashrate_ths=rate_from(dev, RATE_NOW),
            nominal_hashrate_ths=_positive(hashrate_ths(dev.get("Factory GHS"), "G")),
            chips=integer(dev.get("Effective Chips")),
            temp_board_c=_temp(dev.get("Temperature")),
            temp_chip_c=_temp(first_key(dev, "Chip Temp Max", "Chip Temp Avg")),
            frequency_mhz=_positive(num(first_key(dev, "Chip Frequency", "Frequency"))),
            serial=_text(dev.get("PCB SN")),
            status=_text(dev.get("Status")),
        )


def _error_codes(replies: dict[str, Any]) -> Any:
    msg = _flat_msg(replies.get("get_error_code"))
    return msg.get("error_code")


def _positive(value: float | None) -> float | None:
    """btminer says "unknown" with -1 (v2) or -0.001 × boards (v3): never a real reading."""
    return value if value is not None and value > 0 else None


def _temp(value: Any) -> float | None:
    t = num(value)
    return t if t is not None and 0 < t < 150 else None


class WhatsminerV3Driver(Driver):
    """The same machines over API v3, for firmware that closed 4028."""

    family: ClassVar[str] = V3_FAMILY
    make: ClassVar[str | None] = "Whatsminer"
    reads: ClassVar[tuple[tuple[str, str | None], ...]] = (
        ("get.device.info", None),
        ("get.miner.status", "summary"),
        ("get.miner.status", "edevs"),
        ("get.miner.status", "pools"),
    )

    async def fetch(self, session: Session) -> dict[str, Any]:
        client = WhatsminerV3Client(
            session.target.ip, session.ports.whatsminer_v3, session.rpc.limits
        )
        results = await asyncio.gather(
            *(client.msg(cmd, param) for cmd, param in self.reads), return_exceptions=True
        )
        if isinstance(results[1], BaseException) and not isinstance(results[0], dict):
            raise results[1]  # no summary and no device info: nothing read
        # Device info without telemetry (get.miner.status refused or failing: capture
        # m60s-vk40-apiv3-deviceinfo) is shown as read: online, named, its boards listed, and
        # reading_incomplete says what is missing, rather than the miner looking unreachable.
        out: dict[str, Any] = {}
        for (cmd, param), result in zip(self.reads, results, strict=True):
            if isinstance(result, dict):
                out[param or cmd] = result
            elif not isinstance(result, MinerError):
                raise result
        return out

    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        snap = base_snapshot(target, identity, replies)
        snap.make = "Whatsminer"
        snap.firmware = "btminer"
        info = _obj(replies.get("get.device.info"))
        network, system, miner = (
            _obj(info.get("network")),
            _obj(info.get("system")),
            _obj(info.get("miner")),
        )
        summary = _obj(_obj(replies.get("summary")).get("summary"))
        edevs = _obj(replies.get("edevs")).get("edevs")
        pools = _obj(replies.get("pools")).get("pools")

        snap.model = _text(miner.get("type")) or identity.model
        snap.firmware_version = _text(system.get("fwversion")) or identity.firmware_version
        snap.api_version = _text(system.get("api"))
        snap.mac = _text(network.get("mac"))
        snap.hostname = _text(network.get("hostname"))
        snap.serial = _text(miner.get("miner-sn"))
        working = miner.get("working")
        if working is not None:
            snap.idle = str(working).strip().lower() == "false"

        snap.hashrate_ths = _positive(num(summary.get("hash-realtime")))
        snap.hashrate_avg_ths = _positive(num(first_key(summary, "hash-15min", "hash-average")))
        snap.nominal_hashrate_ths = _positive(num(summary.get("factory-hash")))
        snap.power_w = _positive(num(first_key(summary, "power-realtime", "power-5min")))
        snap.power_limit_w = _positive(num(summary.get("power-limit")))
        snap.temp_inlet_c = _temp(summary.get("environment-temperature"))
        snap.fans_rpm = [
            f
            for k in ("fan-speed-in", "fan-speed-out")
            if (f := integer(summary.get(k))) is not None
        ]
        snap.uptime_s = integer(summary.get("elapsed"))

        for pos, dev in enumerate(d for d in (edevs or []) if isinstance(d, dict)):
            slot = integer(dev.get("id"))
            index = slot if slot is not None and 0 <= slot < 8 else pos
            snap.boards.append(
                Board(
                    index=index,
                    hashrate_ths=_positive(num(dev.get("hash-realtime")))
                    or _positive(num(dev.get("hash-average"))),
                    nominal_hashrate_ths=_positive(num(dev.get("factory-hash"))),
                    chips=integer(dev.get("effective-chips")),
                    temp_chip_c=_temp(first_key(dev, "chip-temp-max", "chip-temp-avg")),
                    frequency_mhz=_positive(num(dev.get("freq"))),
                    serial=_text(miner.get(f"pcbsn{index}")),
                    status=_text(dev.get("status")),
                )
            )
        if not snap.boards:
            # no telemetry: the boards the device info names (board-num, pcbsnN), no readings
            snap.boards = [
                Board(index=i, serial=_text(miner.get(f"pcbsn{i}")))
                for i in range(min(integer(miner.get("board-num")) or 0, 8))
            ]
        snap.temp_chip_max_c = max_or_none(
            [_temp(summary.get("chip-temp-max")), *(b.temp_chip_c for b in snap.boards)]
        )
        snap.error_codes = merge_errors(
            [vendor_error(*item) for item in _code_items(info.get("error-code"))]
        )
        snap.pools = [p for p in (_v3_pool(i, p) for i, p in enumerate(pools or [])) if p]
        return snap


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _v3_pool(index: int, p: Any) -> Pool | None:
    if not isinstance(p, dict) or not p.get("url"):
        return None
    active = p.get("stratum-active")
    return Pool(
        url=str(p["url"]),
        user=_text(p.get("account")),
        status=PoolStatus.parse(p.get("status")),
        active=active if isinstance(active, bool) else None,
        priority=integer(first_key(p, "priority", "id")),
        accepted=integer(p.get("accepted")),
        rejected=integer(p.get("rejected")),
        stale=integer(p.get("stale")),
    )
