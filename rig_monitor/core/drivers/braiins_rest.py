"""Braiins OS ≥ 25.07's REST API (``/api/v1``), read when the API port gives no ``summary``.

protocols.md 2.2: login ``POST /api/v1/auth/login {"username","password"}`` → ``{"token"}``, sent
as the ``Authorization`` header value; a miner without that endpoint (404) is asked without one.
Values come wrapped in unit objects (``{"gigahash_per_second": x}``, ``{"degree_c": x}``,
``{"watt": x}``, ``{"hertz": x}``); field names as in the real 25.07 capture
(tests/captures/braiins/s19xp-bos-25.07-rest). ``miner/errors`` is a log of old messages (some
stamped 2015 before the clock was set), not current faults, so it is not read.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rig_monitor.core.drivers.base import Session, base_snapshot
from rig_monitor.core.drivers.jsonpick import items, mapping, text
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    Board,
    ErrorKind,
    Identity,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Target,
)
from rig_monitor.core.values import integer, max_or_none, num, temp

PREFIX = "rest/"
PAGES = ("miner/details", "miner/stats", "miner/hw/hashboards", "cooling/state", "pools")
TOKEN_KEY = "braiins_rest_token"
NO_TOKEN = "-"  # cached when the miner has no login endpoint: pages are asked without a token


async def _login(session: Session) -> str:
    assert session.http is not None
    cred = session.credential()
    reply = await session.http.post(
        session.web_url("/api/v1/auth/login"),
        json_body={
            "username": cred.username if cred else "root",
            "password": cred.password if cred else "",
        },
    )
    if reply.status == 404:
        return NO_TOKEN
    token = text(mapping(reply.json()).get("token")) if reply.status == 200 else None
    if token is None:
        raise MinerError(ErrorKind.AUTH_FAILED, "auth failed: Braiins OS REST refused the password")
    return token


async def fetch_rest(session: Session) -> dict[str, Any]:
    """The REST pages by name (``rest/<page>``); raises when none answers."""
    http = session.http
    if http is None:
        raise MinerError(ErrorKind.BAD_REPLY, "bad reply: no HTTP client")

    async def get_all(token: str) -> list[Any]:
        headers = {"Authorization": token} if token != NO_TOKEN else None
        return await asyncio.gather(
            *(http.get(session.web_url(f"/api/v1/{p}"), headers=headers) for p in PAGES),
            return_exceptions=True,
        )

    token = session.state.get(TOKEN_KEY) or await _login(session)
    session.state[TOKEN_KEY] = token
    replies = await get_all(token)
    if any(getattr(r, "status", 0) in (401, 403) for r in replies):
        session.state[TOKEN_KEY] = token = await _login(session)  # expired: once more
        replies = await get_all(token)
    out: dict[str, Any] = {}
    for page, reply in zip(PAGES, replies, strict=True):
        if isinstance(reply, BaseException):
            if not isinstance(reply, MinerError):
                raise reply
            continue
        if reply.status == 200:
            try:
                out[PREFIX + page] = reply.json()
            except MinerError:
                continue
    if PREFIX + "miner/stats" not in out and PREFIX + "miner/hw/hashboards" not in out:
        errors = [r for r in replies if isinstance(r, MinerError)]
        if errors:
            raise errors[0]
        raise MinerError(ErrorKind.BAD_REPLY, "bad reply: Braiins OS REST gave no statistics")
    return out


def _unit(value: Any, key: str) -> float | None:
    return num(mapping(value).get(key))


def _ths(value: Any) -> float | None:
    ghs = _unit(value, "gigahash_per_second")
    return ghs / 1000.0 if ghs is not None else None


def parse_rest(
    target: Target, replies: dict[str, Any], identity: Identity, model: str | None
) -> MinerSnapshot:
    """``model``: the REST ``miner_model`` already mapped to the model database's name."""
    snap = base_snapshot(target, identity, replies)
    snap.make = identity.make or "Antminer"
    details = mapping(replies.get(PREFIX + "miner/details"))
    stats = mapping(replies.get(PREFIX + "miner/stats"))
    snap.firmware = "BOS+" if mapping(details.get("bos_version")).get("bos_plus") else "BOS"
    snap.firmware_version = text(mapping(details.get("bos_version")).get("current"))
    snap.model = model or identity.model
    snap.hostname = text(details.get("hostname"))
    mac = text(details.get("mac_address"))
    snap.mac = mac.upper() if mac else None
    snap.serial = text(details.get("serial_number"))
    snap.uptime_s = integer(details.get("bosminer_uptime_s"))

    miner = mapping(stats.get("miner_stats"))
    real = mapping(miner.get("real_hashrate"))
    snap.hashrate_ths = _ths(real.get("last_5s"))
    snap.hashrate_avg_ths = _ths(real.get("last_15m")) or _ths(real.get("last_5m"))
    snap.nominal_hashrate_ths = _ths(miner.get("nominal_hashrate")) or _ths(
        details.get("sticker_hashrate")
    )
    snap.power_w = _unit(mapping(stats.get("power_stats")).get("approximated_consumption"), "watt")
    pool_stats = mapping(stats.get("pool_stats"))
    snap.accepted = integer(pool_stats.get("accepted_shares"))
    snap.rejected = integer(pool_stats.get("rejected_shares"))
    snap.stale = integer(pool_stats.get("stale_shares"))

    # lowest_inlet_temp / highest_outlet_temp are the board's PCB sensors at its intake and
    # exhaust ends (41 / 55.5 °C on the capture, equal to board_temp at the outlet), not the
    # air's: read as such they made a healthy S19 XP "inlet over temperature"
    boards = mapping(replies.get(PREFIX + "miner/hw/hashboards")).get("hashboards")
    for pos, hb in enumerate(items(boards)):
        if hb.get("enabled") is False:
            continue  # switched off by the operator: no board to read
        n = integer(hb.get("id"))
        hz = _unit(hb.get("current_frequency"), "hertz")
        board_stats = mapping(hb.get("stats"))
        snap.boards.append(
            Board(
                index=n - 1 if n is not None and 1 <= n <= 16 else pos,
                hashrate_ths=_ths(mapping(board_stats.get("real_hashrate")).get("last_5s")),
                nominal_hashrate_ths=_ths(board_stats.get("nominal_hashrate")),
                chips=integer(hb.get("chips_count")),
                temp_board_c=temp(_unit(hb.get("board_temp"), "degree_c")),
                temp_chip_c=temp(
                    _unit(mapping(hb.get("highest_chip_temp")).get("temperature"), "degree_c")
                ),
                frequency_mhz=hz / 1e6 if hz else None,
                voltage_v=_unit(hb.get("current_voltage"), "volt"),
                serial=text(hb.get("serial_number")),
            )
        )
    snap.temp_board_max_c = max_or_none(b.temp_board_c for b in snap.boards)
    snap.temp_chip_max_c = max_or_none(b.temp_chip_c for b in snap.boards)
    cooling = mapping(replies.get(PREFIX + "cooling/state"))
    snap.fans_rpm = [
        r for f in items(cooling.get("fans")) if (r := integer(f.get("rpm"))) is not None
    ]

    groups = replies.get(PREFIX + "pools")
    for group in items(groups):
        for p in items(group.get("pools")):
            url = text(p.get("url"))
            if url is None:
                continue
            alive, enabled = p.get("alive"), p.get("enabled")
            status = (
                PoolStatus.DISABLED
                if enabled is False
                else PoolStatus.ALIVE
                if alive is True
                else PoolStatus.DEAD
                if alive is False
                else PoolStatus.UNKNOWN
            )
            ps = mapping(p.get("stats"))
            active = p.get("active")
            snap.pools.append(
                Pool(
                    url=url,
                    user=text(p.get("user")),
                    status=status,
                    active=active if isinstance(active, bool) else None,
                    priority=len(snap.pools),
                    accepted=integer(ps.get("accepted_shares")),
                    rejected=integer(ps.get("rejected_shares")),
                    stale=integer(ps.get("stale_shares")),
                )
            )
    return snap
