"""What every driver provides, and the pieces several CGMiner-family drivers share.

A driver is split into ``fetch`` (I/O: which commands/endpoints) and ``parse`` (pure: replies →
snapshot), so every parser is tested on real-shaped replies without a network.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rig_monitor.core.credentials import Credential, Credentials
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import (
    ErrorKind,
    Identity,
    MinerSnapshot,
    Pool,
    PoolStatus,
    Ports,
    Target,
)
from rig_monitor.core.values import integer, num
from rig_monitor.core.wire.cgminer import CGMinerClient, Reply, status_ok
from rig_monitor.core.wire.http import HttpClient, base_url


@dataclass(slots=True)
class Session:
    """Everything a driver needs to reach one miner."""

    target: Target
    rpc: CGMinerClient
    identity: Identity
    http: HttpClient | None = None
    credentials: Credentials | None = None
    ports: Ports = field(default_factory=Ports)
    # Per-miner scratch space that lives as long as the identity (caches, schedules, auth).
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def web_port(self) -> int:
        return self.target.web_port or self.ports.web

    def web_url(self, path: str, scheme: str = "http") -> str:
        port = self.web_port if scheme == "http" else 443
        return base_url(self.target.ip, port, scheme) + path

    def credential(self, family: str | None = None) -> Credential | None:
        fam = family or self.identity.family
        if self.credentials is None:
            from rig_monitor.core.credentials import DEFAULTS

            return DEFAULTS.get(fam)
        return self.credentials.resolve(
            self.target.ip, self.target.port, fam, detected=self.identity.family
        )


class Driver(abc.ABC):
    family: ClassVar[str]
    make: ClassVar[str | None] = None
    commands: ClassVar[tuple[str, ...]] = ()

    async def fetch(self, session: Session) -> dict[str, Any]:
        return dict(await session.rpc.multi(*self.commands))

    @abc.abstractmethod
    def parse(self, target: Target, replies: dict[str, Any], identity: Identity) -> MinerSnapshot:
        """Pure: replies (by command) → snapshot. Never raises on missing or odd fields."""

    async def poll(self, session: Session) -> MinerSnapshot:
        replies = await self.fetch(session)
        snap = parse_guarded(self, session.target, replies, session.identity)
        snap.use_average_headline()
        return snap


# What a parser hits when a reply has the right keys with the wrong shapes (a list where a number
# was, a 5,000-deep nest, a number too big for a float): the miner's problem, not a crash.
SHAPE_ERRORS = (
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    ZeroDivisionError,
    OverflowError,
    RecursionError,
)


def parse_guarded(
    driver: Driver, target: Target, replies: dict[str, Any], identity: Identity
) -> MinerSnapshot:
    """``driver.parse`` with a reply of an unexpected shape turned into that miner's clear
    "bad reply" error, never an exception escaping into the sweep."""
    try:
        return driver.parse(target, replies, identity)
    except SHAPE_ERRORS as exc:
        if isinstance(exc, RecursionError):
            raise MinerError(ErrorKind.BAD_REPLY, "bad reply: nested too deep") from None
        text = str(exc).strip()[:120]
        raise MinerError(
            ErrorKind.BAD_REPLY,
            f"bad reply: a value of an unexpected shape ({type(exc).__name__}"
            + (f": {text})" if text else ")"),
        ) from None


def section(reply: Reply | None, name: str) -> list[dict[str, Any]]:
    """The list under ``name`` in a successful reply ([] when absent or the command failed)."""
    if not isinstance(reply, dict) or (not status_ok(reply) and "STATUS" in reply):
        return []
    value = reply.get(name)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        return [value]
    return []


def first(reply: Reply | None, name: str) -> dict[str, Any]:
    items = section(reply, name)
    return items[0] if items else {}


def miner_clock(reply: Reply | None) -> float | None:
    """The miner's own time when it answered: the reply's STATUS "When" (unix seconds)."""
    if not isinstance(reply, dict):
        return None
    status = reply.get("STATUS")
    item = status[0] if isinstance(status, list) and status else status
    when = num(item.get("When") if isinstance(item, dict) else None)
    if when is None:
        when = num(item.get("when")) if isinstance(item, dict) else None
    return when


def parse_pools(reply: Reply | None) -> list[Pool]:
    # Every poll of every CGMiner-family miner: each pool's keys read once.
    items = section(reply, "POOLS")
    if not items:
        return []
    pools = []
    when = miner_clock(reply)
    for p in items:
        get = p.get
        url = str(get("URL") or get("url") or "")
        if not url:
            continue
        active = get("Stratum Active")
        user = get("User")
        last = get("Last Share Time")
        if type(last) is str and ":" in last:
            # bmminer's and LuxOS's "0:00:03" is how long ago, not when: the time is the
            # reply's "When" minus it (the hours were kept here as a time once)
            hms = _ago(last)
            age: float | None = (
                hms[0] * 3600.0 + hms[1] * 60.0 + hms[2]
                if hms is not None
                else share_age(when, last)
            )
            last_time = when - age if when is not None and age is not None else None
        else:
            last_time = (float(last) or None) if type(last) is int else (num(last) or None)
            age = share_age(when, last)
        pools.append(
            Pool(
                url=url,
                user=(str(p["User"]) if user not in (None, "") else None),
                status=PoolStatus.parse(get("Status")),
                active=bool(active) if isinstance(active, bool) else None,
                priority=integer(get("Priority")),
                accepted=integer(get("Accepted")),
                rejected=integer(get("Rejected")),
                stale=integer(get("Stale")),
                last_share_time=last_time,
                last_share_age_s=age,
            )
        )
    return pools


def _ago(text: str) -> tuple[int, int, int] | None:
    """bmminer/LuxOS "h:mm:ss" as three ints when it is short plain digit runs (read exactly
    as num() reads each), else None for the general path."""
    fields = text.strip().split(":")
    if len(fields) == 3:
        h, m, s = fields
        joined = h + m + s
        if joined.isascii() and h.isdigit() and m.isdigit() and s.isdigit() and len(joined) < 16:
            return int(h), int(m), int(s)
    return None


def share_age(when: float | None, last_share: Any) -> float | None:
    """Seconds since the last share, both times on the miner's clock; None when unknown (no
    share yet is 0 in cgminer, not a share at 1970)."""
    if isinstance(last_share, str) and ":" in last_share:  # bmminer/LuxOS: "0:00:03" ago
        hms = _ago(last_share)
        if hms is not None:
            return hms[0] * 3600.0 + hms[1] * 60.0 + hms[2]
        fields = last_share.strip().split(":")
        parts = [num(p) for p in fields]
        if len(parts) == 3 and all(p is not None for p in parts):
            h, m, sec = (float(p) for p in parts if p is not None)
            return h * 3600 + m * 60 + sec
        return None
    last = num(last_share)
    if when is None or not last or last <= 0:
        return None
    return max(0.0, when - last)


def base_snapshot(target: Target, identity: Identity, replies: dict[str, Any]) -> MinerSnapshot:
    return MinerSnapshot(
        ip=target.ip,
        port=target.port,
        online=True,
        family=identity.family,
        make=identity.make,
        model=identity.model,
        firmware=identity.firmware,
        firmware_version=identity.firmware_version,
        raw=replies,
    )
