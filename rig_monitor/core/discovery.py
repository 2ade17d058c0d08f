"""Find miners among many addresses and say, for every address, why it is or is not one."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rig_monitor.core.cgminer import CGMinerClient, Limits
from rig_monitor.core.detect import detect
from rig_monitor.core.drivers.base import Identity
from rig_monitor.core.errors import MinerError
from rig_monitor.core.model import ErrorKind, Target

SCAN_LIMITS = Limits(connect_timeout_s=1.5, read_timeout_s=3.0, max_bytes=1024 * 1024)


class ScanOutcome(enum.StrEnum):
    FOUND = "miner found"
    CLOSED = "port closed"
    NO_ANSWER = "no answer"
    NOT_A_MINER = "not a miner"
    BAD_REPLY = "bad reply"
    AUTH_FAILED = "auth failed"


_OUTCOME = {
    ErrorKind.REFUSED: ScanOutcome.CLOSED,
    ErrorKind.TIMEOUT: ScanOutcome.NO_ANSWER,
    ErrorKind.UNREACHABLE: ScanOutcome.NO_ANSWER,
    ErrorKind.NOT_A_MINER: ScanOutcome.NOT_A_MINER,
    ErrorKind.BAD_REPLY: ScanOutcome.BAD_REPLY,
    ErrorKind.TOO_LARGE: ScanOutcome.BAD_REPLY,
    ErrorKind.AUTH_FAILED: ScanOutcome.AUTH_FAILED,
}


@dataclass(slots=True)
class ScanResult:
    target: Target
    outcome: ScanOutcome
    identity: Identity | None = None
    detail: str | None = None


async def scan_one(target: Target, limits: Limits = SCAN_LIMITS) -> ScanResult:
    client = CGMinerClient(target.ip, target.port, limits)
    try:
        identity = await detect(client)
    except MinerError as exc:
        return ScanResult(target, _OUTCOME.get(exc.kind, ScanOutcome.BAD_REPLY), detail=exc.message)
    return ScanResult(target, ScanOutcome.FOUND, identity)


async def scan(
    targets: Iterable[Target],
    *,
    concurrency: int = 512,
    limits: Limits = SCAN_LIMITS,
    on_result: Callable[[ScanResult], None] | None = None,
) -> list[ScanResult]:
    """Scan every target with at most ``concurrency`` probes in flight; results in target order."""
    items = list(targets)
    sem = asyncio.Semaphore(max(1, concurrency))

    async def one(t: Target) -> ScanResult:
        async with sem:
            result = await scan_one(t, limits)
        if on_result is not None:
            on_result(result)
        return result

    return list(await asyncio.gather(*(one(t) for t in items)))
